//! `dyad dates --dct DATE [FILE|-]`: every temporal expression, one JSON object a line.

use super::{output_writer, Ctx, Outcome, UsageError};
use anyhow::{Context, Result};
use std::io::Read;
use std::path::PathBuf;

/// Tag temporal expressions (TimeML TIMEX3 values) in a text
#[derive(Debug, clap::Args)]
pub struct Args {
    /// The document creation (publication) date that relative expressions resolve against
    #[arg(long, value_name = "YYYY-MM-DD")]
    dct: String,
    /// Read "4/2/2023" as 4 February (day first) instead of April 2
    #[arg(long)]
    day_first: bool,
    /// The text file, or - (the default) for standard input
    #[arg(default_value = "-", value_name = "FILE")]
    file: PathBuf,
}

pub fn run(args: &Args, _ctx: &Ctx) -> Result<Outcome> {
    let dct = chrono::NaiveDate::parse_from_str(&args.dct, "%Y-%m-%d").map_err(|_| {
        UsageError(format!(
            "invalid --dct \"{}\": expected YYYY-MM-DD",
            args.dct
        ))
    })?;
    let mut bytes = Vec::new();
    if args.file.as_os_str() == "-" {
        std::io::stdin()
            .read_to_end(&mut bytes)
            .context("reading standard input")?;
    } else {
        bytes = std::fs::read(&args.file)
            .with_context(|| format!("reading {}", args.file.display()))?;
    }
    let text = String::from_utf8(bytes).map_err(|e| {
        anyhow::anyhow!(
            "{}: invalid UTF-8 at byte {}",
            args.file.display(),
            e.utf8_error().valid_up_to()
        )
    })?;
    let opts = dyad::temporal::Options {
        day_first: args.day_first,
    };
    let timexes = dyad::temporal::tag(&text, dct, &opts);
    let mut w = output_writer(None)?;
    dyad::output::write_timexes(&text, &timexes, &mut w)?;
    w.flush()?;
    Ok(Outcome::Success)
}
