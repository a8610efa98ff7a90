//! `dyad pairs`: the most active country pairs, with their events per year.

use super::{output_writer, Ctx, Outcome, UsageError};
use anyhow::Result;
use dyad::output::browse::{self, ListFormat};
use std::collections::HashMap;

/// List country pairs by number of events, with events per year
#[derive(Debug, clap::Args)]
pub struct Args {
    /// Only pairs with this country (ISO code or name)
    #[arg(long, value_name = "COUNTRY")]
    country: Option<String>,
    /// Only events from this year on
    #[arg(long, value_name = "YEAR")]
    from: Option<i32>,
    /// Only events up to this year
    #[arg(long, value_name = "YEAR")]
    to: Option<i32>,
    /// How many pairs (0: all)
    #[arg(long, short = 'n', default_value_t = 20)]
    top: usize,
    /// Output format: table, csv, json or jsonl
    #[arg(long, default_value = "table")]
    format: String,
}

pub fn run(args: &Args, ctx: &Ctx) -> Result<Outcome> {
    let format: ListFormat = args.format.parse().map_err(UsageError)?;
    if let (Some(f), Some(t)) = (args.from, args.to) {
        if f > t {
            return Err(UsageError(format!("--from {f} is after --to {t}")).into());
        }
    }
    let gaz = ctx.gazetteer()?;
    let country = args
        .country
        .as_deref()
        .map(|c| super::country_code(&gaz, "--country", c))
        .transpose()?;
    let store = ctx.open_store()?;
    let mut pairs = store.pairs(country.as_deref(), args.from, args.to)?;
    if args.top > 0 {
        pairs.truncate(args.top);
    }
    if pairs.is_empty() {
        ctx.note("no events");
    }
    let names: HashMap<String, String> = pairs
        .iter()
        .flat_map(|p| [&p.a, &p.b])
        .filter_map(|c| gaz.country(c).map(|k| (c.clone(), k.name.clone())))
        .collect();
    let mut w = output_writer(None)?;
    browse::write_pairs(&pairs, &names, format, &mut w)?;
    w.flush()?;
    Ok(Outcome::Success)
}
