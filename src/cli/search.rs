//! `dyad search QUERY`: full-text search over the articles (SQLite FTS5).

use super::{output_writer, usage, Ctx, Outcome, UsageError};
use anyhow::Result;
use dyad::output::browse::{self, ListFormat};

/// Search the articles' titles and texts: words, "exact phrases", AND, OR, NOT, prefix*
#[derive(Debug, clap::Args)]
pub struct Args {
    /// The query, in SQLite FTS5 syntax (`export controls`, `"foreign minister" AND Beijing`)
    query: String,
    #[command(flatten)]
    filter: super::articles::Filter,
    /// How many articles, best first (0: all)
    #[arg(long, short = 'n', default_value_t = 20)]
    limit: usize,
    /// Output format: table, csv, json or jsonl
    #[arg(long, default_value = "table")]
    format: String,
}

pub fn run(args: &Args, ctx: &Ctx) -> Result<Outcome> {
    let format: ListFormat = args.format.parse().map_err(UsageError)?;
    if args.query.trim().is_empty() {
        return Err(
            UsageError("an empty search matches nothing: give words to look for".into()).into(),
        );
    }
    let f = args.filter.resolve(ctx, args.limit)?;
    let store = ctx.open_store()?;
    let rows = store.search(&args.query, &f).map_err(usage)?;
    if rows.is_empty() {
        ctx.note(format!("no article matches {:?}", args.query));
    }
    let mut w = output_writer(None)?;
    browse::write_articles(&rows, format, &mut w)?;
    w.flush()?;
    Ok(Outcome::Success)
}
