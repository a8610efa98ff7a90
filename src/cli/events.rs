//! `dyad events`: every extracted event (the format `score_events.py` reads).

use super::{output_writer, Ctx, Outcome, UsageError};
use anyhow::Result;
use dyad::output::{self, Format};
use dyad::store::EventFilter;

/// List every extracted event
#[derive(Debug, clap::Args)]
pub struct Args {
    /// Only the events of this article (the id given at import, or the internal id)
    #[arg(long, value_name = "ID")]
    article: Option<String>,
    /// Output format: jsonl, csv, table or json
    #[arg(long, default_value = "jsonl")]
    format: String,
}

pub fn run(args: &Args, ctx: &Ctx) -> Result<Outcome> {
    let format = Format::parse_rows(&args.format).map_err(UsageError)?;
    let store = ctx.open_store()?;
    let mut filter = EventFilter::default();
    if let Some(key) = &args.article {
        let a = store
            .find_article(key)?
            .ok_or_else(|| UsageError(format!("no article \"{key}\" in {}", store.path())))?;
        filter.article_id = Some(a.id);
    }
    let rows = store.events(&filter)?;
    let mut w = output_writer(None)?;
    output::write_events(&rows, format, &mut w)?;
    w.flush()?;
    Ok(Outcome::Success)
}
