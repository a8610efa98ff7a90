//! Command-line interface: one module per command, each with its `Args` and one `run`.
//! Only this layer prints, reads the environment and chooses exit codes.
#![allow(clippy::print_stdout, clippy::print_stderr)]

mod articles;
mod backup;
mod check;
mod coverage;
mod dates;
mod demo;
mod eval;
mod event;
mod events;
mod explain;
mod extract;
mod import;
mod import_events;
mod merge;
mod pairs;
mod progress;
mod review;
mod search;
mod stats;
mod timeline;

use anyhow::{Context, Result};
use clap::{Parser, Subcommand};
use dyad::data::DataFiles;
use dyad::pipeline::Extractor;
use dyad::store::Store;
use std::path::{Path, PathBuf};

/// Turn news articles into a dated chronology of what two countries did to each other.
#[derive(Debug, Parser)]
#[command(name = "dyad", version, about, max_term_width = 100)]
pub struct Cli {
    /// The database file [default: $DYAD_DB, else dyad.db in the current directory]
    #[arg(long, global = true, value_name = "PATH")]
    db: Option<PathBuf>,
    /// Read dictionaries and patterns from this directory instead of the built-in ones
    /// (files missing there fall back to the built-in ones)
    #[arg(long, global = true, value_name = "DIR")]
    data_dir: Option<PathBuf>,
    /// Print only errors on stderr
    #[arg(short, long, global = true)]
    quiet: bool,
    #[command(subcommand)]
    command: Command,
}

#[derive(Debug, Subcommand)]
enum Command {
    Import(import::Args),
    Extract(extract::Args),
    Timeline(timeline::Args),
    Events(events::Args),
    Event(event::Args),
    Explain(explain::Args),
    Dates(dates::Args),
    Eval(eval::Args),
    Stats(stats::Args),
    Demo(demo::Args),
    Check(check::Args),
    Backup(backup::Args),
    ImportEvents(import_events::Args),
    Merge(merge::Args),
    Review(review::Args),
    Pairs(pairs::Args),
    Coverage(coverage::Args),
    Search(search::Args),
    Articles(articles::Args),
}

/// How a run ended; the numbers are the exit codes.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub enum Outcome {
    Success = 0,
    /// A runtime or data error, or some input that could not be used.
    Failure = 1,
    /// Bad arguments.
    Usage = 2,
}

/// An error in the user's arguments (exit code 2).
#[derive(Debug, thiserror::Error)]
#[error("{0}")]
pub struct UsageError(pub String);

/// What every command gets: global options, resolved.
pub struct Ctx {
    db: Option<PathBuf>,
    data_dir: Option<PathBuf>,
    quiet: bool,
}

impl Ctx {
    fn db_path(&self) -> PathBuf {
        self.db
            .clone()
            .or_else(|| {
                std::env::var_os("DYAD_DB")
                    .filter(|v| !v.is_empty())
                    .map(PathBuf::from)
            })
            .unwrap_or_else(|| PathBuf::from("dyad.db"))
    }

    fn open_store(&self) -> Result<Store> {
        let p = self.db_path();
        open_store_at(&p)
    }

    fn data(&self) -> Result<DataFiles> {
        match &self.data_dir {
            Some(d) => DataFiles::with_overrides(d)
                .with_context(|| format!("reading data directory {}", d.display())),
            None => Ok(DataFiles::embedded()),
        }
    }

    fn extractor(&self) -> Result<Extractor> {
        let files = self.data()?;
        Extractor::load(&files).context("loading dictionaries and patterns")
    }

    /// The countries only (names and codes), without compiling the rules.
    fn gazetteer(&self) -> Result<dyad::gazetteer::Gazetteer> {
        let files = self.data()?;
        dyad::gazetteer::Gazetteer::load(&files).context("loading the countries")
    }

    fn note(&self, msg: impl std::fmt::Display) {
        if !self.quiet {
            eprintln!("{msg}");
        }
    }

    fn warn(&self, msg: impl std::fmt::Display) {
        eprintln!("warning: {msg}");
    }
}

/// A country given on the command line as an alpha-2 code.
fn country_code(gaz: &dyad::gazetteer::Gazetteer, what: &str, s: &str) -> Result<String> {
    gaz.lookup(s).map(|c| c.alpha2.clone()).ok_or_else(|| {
        UsageError(format!(
            "unknown country \"{s}\" for {what}: give an ISO code (JP, JPN) or a name (Japan)"
        ))
        .into()
    })
}

fn open_store_at(p: &Path) -> Result<Store> {
    Store::open(p).with_context(|| format!("opening database {}", p.display()))
}

/// Turns a library validation error into a usage error (exit code 2).
fn usage(e: dyad::Error) -> anyhow::Error {
    match e {
        dyad::Error::Invalid(m) => UsageError(m).into(),
        other => other.into(),
    }
}

/// Where rows go: stdout, or a file given with --output.
fn output_writer(path: Option<&Path>) -> Result<Box<dyn std::io::Write>> {
    Ok(match path {
        Some(p) => Box::new(std::io::BufWriter::new(
            std::fs::File::create(p).with_context(|| format!("creating {}", p.display()))?,
        )),
        None => Box::new(std::io::BufWriter::new(std::io::stdout().lock())),
    })
}

pub fn run() -> Result<Outcome> {
    let cli = Cli::parse();
    let ctx = Ctx {
        db: cli.db,
        data_dir: cli.data_dir,
        quiet: cli.quiet,
    };
    match &cli.command {
        Command::Import(a) => import::run(a, &ctx),
        Command::Extract(a) => extract::run(a, &ctx),
        Command::Timeline(a) => timeline::run(a, &ctx),
        Command::Events(a) => events::run(a, &ctx),
        Command::Event(a) => event::run(a, &ctx),
        Command::Explain(a) => explain::run(a, &ctx),
        Command::Dates(a) => dates::run(a, &ctx),
        Command::Eval(a) => eval::run(a, &ctx),
        Command::Stats(a) => stats::run(a, &ctx),
        Command::Demo(a) => demo::run(a, &ctx),
        Command::Check(a) => check::run(a, &ctx),
        Command::Backup(a) => backup::run(a, &ctx),
        Command::ImportEvents(a) => import_events::run(a, &ctx),
        Command::Merge(a) => merge::run(a, &ctx),
        Command::Review(a) => review::run(a, &ctx),
        Command::Pairs(a) => pairs::run(a, &ctx),
        Command::Coverage(a) => coverage::run(a, &ctx),
        Command::Search(a) => search::run(a, &ctx),
        Command::Articles(a) => articles::run(a, &ctx),
    }
}

#[cfg(test)]
mod tests {
    #[test]
    fn cli_definition_is_valid() {
        use clap::CommandFactory;
        super::Cli::command().debug_assert();
    }

    #[test]
    fn exit_codes() {
        assert_eq!(super::Outcome::Success as u8, 0);
        assert_eq!(super::Outcome::Failure as u8, 1);
        assert_eq!(super::Outcome::Usage as u8, 2);
    }
}
