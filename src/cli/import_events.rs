//! `dyad import-events FILE...`: load events extracted elsewhere (`dyad extract --jsonl`) into
//! the database, without their articles' text.

use super::progress::Progress;
use super::{Ctx, Outcome};
use anyhow::{Context, Result};
use dyad::loader::{parse_event_line, EventLoader};
use std::io::BufRead;
use std::path::PathBuf;

/// Import events written by `dyad extract --jsonl` (JSON lines); an article they name that is
/// not stored gets a stub (its id, title, source, URL and date, no text). Importing the same
/// events again adds nothing
#[derive(Debug, clap::Args)]
pub struct Args {
    /// JSONL files of events, or - for standard input
    #[arg(required = true, value_name = "FILE")]
    files: Vec<PathBuf>,
}

pub fn run(args: &Args, ctx: &Ctx) -> Result<Outcome> {
    let mut store = ctx.open_store()?;
    let total = args
        .files
        .iter()
        .map(|f| {
            (f.as_os_str() != "-")
                .then(|| std::fs::metadata(f).ok().map(|m| m.len()))
                .flatten()
        })
        .sum::<Option<u64>>();
    let mut progress = Progress::new(total, ctx.quiet);
    let mut loader = EventLoader::new(&mut store);
    let mut failed = 0usize;
    for f in &args.files {
        let (name, reader): (String, Box<dyn BufRead>) = if f.as_os_str() == "-" {
            (
                "<stdin>".into(),
                Box::new(std::io::BufReader::new(
                    progress.reader(std::io::stdin().lock()),
                )),
            )
        } else {
            match std::fs::File::open(f) {
                Ok(r) => (
                    f.display().to_string(),
                    Box::new(std::io::BufReader::with_capacity(
                        1 << 16,
                        progress.reader(r),
                    )),
                ),
                Err(e) => {
                    progress.suspend(|| eprintln!("error: {}: cannot read: {e}", f.display()));
                    failed += 1;
                    continue;
                }
            }
        };
        for (i, line) in reader.split(b'\n').enumerate() {
            let origin = format!("{name}:{}", i + 1);
            let line = match line {
                Ok(l) => l,
                Err(e) => {
                    progress.suspend(|| eprintln!("error: {origin}: read error: {e}"));
                    failed += 1;
                    break;
                }
            };
            let line = String::from_utf8_lossy(&line);
            if line.trim().is_empty() {
                continue;
            }
            match parse_event_line(&line, &origin) {
                Ok((article, event)) => {
                    progress.article();
                    loader
                        .push(article, event)
                        .context("writing to the database")?;
                }
                Err(e) => {
                    progress.suspend(|| eprintln!("error: {origin}: {e}"));
                    failed += 1;
                }
            }
        }
    }
    let counts = loader.finish().context("writing to the database")?;
    progress.finish();
    ctx.note(format!(
        "imported {} events ({} already there, {} of articles stored with their text: kept \
         theirs); {} stub articles; {} failed lines",
        counts.added, counts.duplicates, counts.skipped, counts.stubs, failed
    ));
    Ok(if failed > 0 {
        Outcome::Failure
    } else {
        Outcome::Success
    })
}
