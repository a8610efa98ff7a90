//! `dyad merge IN.db...`: copy other dyad databases into this one (`--db`), without duplicates.

use super::{Ctx, Outcome, UsageError};
use anyhow::{Context, Result};
use dyad::store::Store;
use std::path::PathBuf;

/// Merge databases built elsewhere into this one (--db): articles de-duplicated as an import
/// does (same id, URL or text), each new article copied with its events (and people's decisions on them)
#[derive(Debug, clap::Args)]
pub struct Args {
    /// The databases to copy from (left unchanged)
    #[arg(required = true, value_name = "IN.db")]
    inputs: Vec<PathBuf>,
}

pub fn run(args: &Args, ctx: &Ctx) -> Result<Outcome> {
    let out_path = ctx.db_path();
    let mut out = ctx.open_store()?;
    let same = |p: &PathBuf| std::fs::canonicalize(p).ok() == std::fs::canonicalize(&out_path).ok();
    let mut failed = 0usize;
    for p in &args.inputs {
        if same(p) {
            return Err(
                UsageError(format!("{} is the database being merged into", p.display())).into(),
            );
        }
        let input =
            Store::open_existing(p).with_context(|| format!("opening database {}", p.display()))?;
        let (c, failures) = dyad::loader::merge(&mut out, &input)
            .with_context(|| format!("merging {}", p.display()))?;
        for f in &failures {
            eprintln!("error: {f}");
        }
        failed += failures.len();
        ctx.note(format!(
            "{}: {} new, {} unchanged, {} conflicting articles; {} events, {} decisions",
            p.display(),
            c.new,
            c.unchanged,
            c.conflicts,
            c.events,
            c.decisions
        ));
    }
    Ok(if failed > 0 {
        Outcome::Failure
    } else {
        Outcome::Success
    })
}
