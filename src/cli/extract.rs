//! `dyad extract`: re-run extraction on stored articles after a dictionary or rule change.

use super::{Ctx, Outcome, UsageError};
use anyhow::{Context, Result};

/// Re-extract events of stored articles (replacing each article's events atomically)
#[derive(Debug, clap::Args)]
pub struct Args {
    /// Every stored article
    #[arg(long, conflicts_with = "article")]
    all: bool,
    /// One article, by the id given at import or the internal id
    #[arg(long, value_name = "ID")]
    article: Option<String>,
}

pub fn run(args: &Args, ctx: &Ctx) -> Result<Outcome> {
    let extractor = ctx.extractor()?;
    let mut store = ctx.open_store()?;
    let ids = match (&args.article, args.all) {
        (Some(key), _) => {
            let a = store
                .find_article(key)?
                .ok_or_else(|| UsageError(format!("no article \"{key}\" in {}", store.path())))?;
            vec![a.id]
        }
        (None, true) => store.article_ids()?,
        (None, false) => return Err(UsageError("give --all or --article ID".into()).into()),
    };
    let (n, failures) =
        dyad::loader::reextract(&mut store, &extractor, &ids).context("re-extracting")?;
    for f in &failures {
        eprintln!("error: {f}");
    }
    ctx.note(format!("re-extracted {} articles: {n} events", ids.len()));
    Ok(if failures.is_empty() {
        Outcome::Success
    } else {
        Outcome::Failure
    })
}
