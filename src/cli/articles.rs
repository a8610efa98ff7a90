//! `dyad articles`: the stored articles, newest first.

use super::{output_writer, Ctx, Outcome, UsageError};
use anyhow::Result;
use dyad::output::browse::{self, ListFormat};
use dyad::store::ArticleFilter;

/// Filters shared by `dyad articles` and `dyad search`.
#[derive(Debug, clap::Args)]
pub struct Filter {
    /// Only articles that mention this country (ISO code or name); repeat for all of several
    #[arg(long, value_name = "COUNTRY")]
    country: Vec<String>,
    /// Only articles published on or after this date (YYYY, YYYY-MM or YYYY-MM-DD)
    #[arg(long, value_name = "DATE")]
    from: Option<String>,
    /// Only articles published on or before this date
    #[arg(long, value_name = "DATE")]
    to: Option<String>,
    /// Only articles from this source (any case)
    #[arg(long)]
    source: Option<String>,
    /// Only articles with events
    #[arg(long)]
    with_events: bool,
}

impl Filter {
    pub fn resolve(&self, ctx: &Ctx, limit: usize) -> Result<ArticleFilter> {
        let gaz = ctx.gazetteer()?;
        let countries = self
            .country
            .iter()
            .flat_map(|c| c.split(','))
            .filter(|c| !c.trim().is_empty())
            .map(|c| super::country_code(&gaz, "--country", c))
            .collect::<Result<Vec<_>>>()?;
        let day = |flag: &str, s: &Option<String>, last: bool| -> Result<Option<String>> {
            s.as_deref()
                .map(|s| {
                    let d: dyad::model::PartialDate = s
                        .parse()
                        .map_err(|e| UsageError(format!("invalid {flag}: {e}")))?;
                    let day = if last { d.last_day() } else { d.first_day() };
                    day.map(|d| d.to_string())
                        .ok_or_else(|| UsageError(format!("invalid {flag}: {s}")).into())
                })
                .transpose()
        };
        let f = ArticleFilter {
            countries,
            from: day("--from", &self.from, false)?,
            to: day("--to", &self.to, true)?,
            source: self.source.clone(),
            with_events: self.with_events,
            limit: (limit > 0).then_some(limit),
        };
        if let (Some(a), Some(b)) = (&f.from, &f.to) {
            if a > b {
                return Err(UsageError(format!("--from {a} is after --to {b}")).into());
            }
        }
        Ok(f)
    }
}

/// List the stored articles, newest first, with the countries they mention and their events
#[derive(Debug, clap::Args)]
pub struct Args {
    #[command(flatten)]
    filter: Filter,
    /// How many articles (0: all)
    #[arg(long, short = 'n', default_value_t = 50)]
    limit: usize,
    /// Output format: table, csv, json or jsonl
    #[arg(long, default_value = "table")]
    format: String,
}

pub fn run(args: &Args, ctx: &Ctx) -> Result<Outcome> {
    let format: ListFormat = args.format.parse().map_err(UsageError)?;
    let f = args.filter.resolve(ctx, args.limit)?;
    let store = ctx.open_store()?;
    let rows = store.articles(&f)?;
    if rows.is_empty() {
        ctx.note("no articles");
    }
    let mut w = output_writer(None)?;
    browse::write_articles(&rows, format, &mut w)?;
    w.flush()?;
    Ok(Outcome::Success)
}
