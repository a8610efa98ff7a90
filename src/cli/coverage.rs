//! `dyad coverage A B`: articles that mention both countries beside the events found, month
//! by month, so that "no events" can be told from "no articles".

use super::{output_writer, Ctx, Outcome, UsageError};
use anyhow::Result;
use dyad::output::browse::{self, ListFormat};

/// Articles mentioning both countries and events found, month by month
#[derive(Debug, clap::Args)]
pub struct Args {
    /// First country: ISO code or name
    a: String,
    /// Second country
    b: String,
    /// Output format: table, csv, json or jsonl
    #[arg(long, default_value = "table")]
    format: String,
}

pub fn run(args: &Args, ctx: &Ctx) -> Result<Outcome> {
    let format: ListFormat = args.format.parse().map_err(UsageError)?;
    let gaz = ctx.gazetteer()?;
    let a = super::country_code(&gaz, "the first country", &args.a)?;
    let b = super::country_code(&gaz, "the second country", &args.b)?;
    if a == b {
        return Err(UsageError(format!(
            "coverage needs two different countries, got {a} twice"
        ))
        .into());
    }
    let store = ctx.open_store()?;
    let cov = store.coverage(&a, &b)?;
    if cov.unscanned_articles > 0 {
        ctx.warn(format!(
            "{} articles were stored before dyad indexed the countries they mention and are not \
             counted: run `dyad extract --all` once",
            cov.unscanned_articles
        ));
    }
    if cov.months.is_empty() {
        ctx.note(format!(
            "no articles mention both {a} and {b}, and no events between them"
        ));
    }
    let mut w = output_writer(None)?;
    browse::write_coverage(&cov, format, &mut w)?;
    w.flush()?;
    if format == ListFormat::Table && (cov.undated_articles > 0 || cov.events_without_month > 0) {
        ctx.note(format!(
            "not in any month: {} undated articles, {} events dated to a year or undated",
            cov.undated_articles, cov.events_without_month
        ));
    }
    Ok(Outcome::Success)
}
