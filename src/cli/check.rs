//! `dyad check`: SQLite's integrity and foreign-key checks, and the schema version.

use super::{Ctx, Outcome};
use anyhow::{Context, Result};
use dyad::store::Store;
use std::io::Write;

/// Check the database: SQLite's integrity and foreign-key checks, and dyad's schema.
/// Exits 0 when it is fine, 1 when not. Changes nothing; refuses a file that is not a dyad
/// database
#[derive(Debug, clap::Args)]
pub struct Args {}

pub fn run(_args: &Args, ctx: &Ctx) -> Result<Outcome> {
    let path = ctx.db_path();
    let store = Store::open_existing(&path)
        .with_context(|| format!("checking database {}", path.display()))?;
    let report = store
        .check()
        .with_context(|| format!("checking database {}", path.display()))?;
    let mut out = std::io::stdout().lock();
    for p in &report.problems {
        writeln!(out, "problem: {p}")?;
    }
    for n in &report.notes {
        writeln!(out, "note: {n}")?;
    }
    writeln!(
        out,
        "{}: {} (schema version {} of {}; {} articles, {} events)",
        report.path,
        if report.is_ok() {
            "ok".to_string()
        } else {
            format!("{} problems", report.problems.len())
        },
        report.schema_version,
        report.supported_version,
        report.articles,
        report.events
    )?;
    out.flush()?;
    Ok(if report.is_ok() {
        Outcome::Success
    } else {
        Outcome::Failure
    })
}
