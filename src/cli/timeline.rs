//! `dyad timeline A B`: the chronology of a country pair.

use super::{output_writer, usage, Ctx, Outcome, UsageError};
use anyhow::Result;
use dyad::output::{self, Format};
use dyad::query::{self, TimelineQuery};
use std::path::PathBuf;

/// Print the timeline of two countries (both directions), oldest first
#[derive(Debug, clap::Args)]
pub struct Args {
    /// First country: ISO alpha-2 or alpha-3 code or name, any case (JP, JPN, japan)
    a: String,
    /// Second country
    b: String,
    /// Only events on or after this date (YYYY, YYYY-MM or YYYY-MM-DD)
    #[arg(long, value_name = "DATE")]
    from: Option<String>,
    /// Only events on or before this date (YYYY, YYYY-MM or YYYY-MM-DD)
    #[arg(long, value_name = "DATE")]
    to: Option<String>,
    /// Only these event types, comma-separated (visit,meeting,export_control,sanction,...)
    #[arg(long = "type", value_name = "T,...")]
    types: Vec<String>,
    /// Output format: table, csv, json or jsonl
    #[arg(long, default_value = "table")]
    format: String,
    /// Write to this file instead of standard output
    #[arg(long, short, value_name = "FILE")]
    output: Option<PathBuf>,
}

pub fn run(args: &Args, ctx: &Ctx) -> Result<Outcome> {
    let format: Format = args.format.parse().map_err(UsageError)?;
    let gaz = ctx.extractor()?.gazetteer;
    let q = TimelineQuery::parse(
        &gaz,
        &args.a,
        &args.b,
        args.from.as_deref(),
        args.to.as_deref(),
        &args.types,
    )
    .map_err(usage)?;
    let store = ctx.open_store()?;
    let rows = query::timeline(&store, &q)?;
    if rows.is_empty() {
        ctx.note(format!("no events between {} and {}", q.a, q.b));
    }
    let mut w = output_writer(args.output.as_deref())?;
    output::write_events(&rows, format, &mut w)?;
    w.flush()?;
    Ok(Outcome::Success)
}
