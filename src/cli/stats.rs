//! `dyad stats`: counts of articles, events by type, and pairs.

use super::{output_writer, Ctx, Outcome, UsageError};
use anyhow::Result;

/// Count articles, events by type, and country pairs by number of events
#[derive(Debug, clap::Args)]
pub struct Args {
    /// Output format: table or json
    #[arg(long, default_value = "table")]
    format: String,
}

pub fn run(args: &Args, ctx: &Ctx) -> Result<Outcome> {
    let store = ctx.open_store()?;
    let stats = store.stats()?;
    let mut w = output_writer(None)?;
    match args.format.as_str() {
        "json" => dyad::output::write_stats_json(&stats, &mut w)?,
        "table" => dyad::output::write_stats_table(&stats, &mut w)?,
        other => {
            return Err(UsageError(format!(
                "unknown format \"{other}\": expected table or json"
            ))
            .into())
        }
    }
    w.flush()?;
    Ok(Outcome::Success)
}
