//! `dyad backup FILE`: a consistent copy of the database, taken while others use it.

use super::{Ctx, Outcome};
use anyhow::{Context, Result};
use dyad::store::Store;
use std::path::PathBuf;

/// Copy the database to FILE with SQLite's online backup API (safe while imports and queries
/// run); an existing FILE is replaced only with --force
#[derive(Debug, clap::Args)]
pub struct Args {
    /// Where to write the copy
    #[arg(value_name = "FILE")]
    file: PathBuf,
    /// Replace FILE if it exists
    #[arg(long)]
    force: bool,
}

pub fn run(args: &Args, ctx: &Ctx) -> Result<Outcome> {
    let path = ctx.db_path();
    let store = Store::open_existing(&path)
        .with_context(|| format!("opening database {}", path.display()))?;
    store
        .backup_to(&args.file, args.force)
        .with_context(|| format!("backing up {} to {}", path.display(), args.file.display()))?;
    ctx.note(format!(
        "backed up {} to {}",
        path.display(),
        args.file.display()
    ));
    Ok(Outcome::Success)
}
