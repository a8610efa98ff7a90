//! `dyad import PATH...`: files, directories (recursive) or `-` for stdin.

use super::progress::Progress;
use super::{Ctx, Outcome, UsageError};
use anyhow::{Context, Result};
use dyad::ingest::{self, Format, Item};
use dyad::loader::{prepare, Feeder, ImportOptions};
use std::collections::HashSet;
use std::io::BufRead;
use std::path::{Path, PathBuf};

/// Import articles and extract their events
#[derive(Debug, clap::Args)]
pub struct Args {
    /// Files, directories (searched recursively) or - for standard input
    #[arg(required = true, value_name = "PATH")]
    paths: Vec<PathBuf>,
    /// Input format, instead of guessing from the extension: txt, md, json, jsonl, csv, html
    #[arg(long, value_name = "FORMAT")]
    format: Option<String>,
    /// Publication date for articles that give none (YYYY-MM-DD)
    #[arg(long, value_name = "DATE")]
    date: Option<String>,
    /// Source (publisher) for articles that give none
    #[arg(long, value_name = "NAME")]
    source: Option<String>,
}

/// One input of a run.
enum Input {
    Stdin(Format),
    /// A file, and the directory (or the file's own) that its id is relative to.
    File {
        file: PathBuf,
        root: PathBuf,
    },
}

/// Counts of one run, for the closing summary line.
#[derive(Default)]
struct Tally {
    failed: usize,
    warnings: usize,
}

pub fn run(args: &Args, ctx: &Ctx) -> Result<Outcome> {
    // patterns compile on the other core meanwhile
    std::thread::spawn(dyad::loader::warm_up);
    let format = args
        .format
        .as_deref()
        .map(|f| {
            Format::from_name(f).ok_or_else(|| {
                UsageError(format!(
                    "unknown --format \"{f}\": expected txt, md, json, jsonl, csv or html"
                ))
            })
        })
        .transpose()?;
    let default_date = args
        .date
        .as_deref()
        .map(|d| {
            chrono::NaiveDate::parse_from_str(d, "%Y-%m-%d")
                .map_err(|_| UsageError(format!("invalid --date \"{d}\": expected YYYY-MM-DD")))
        })
        .transpose()?;
    let opts = ImportOptions {
        default_date,
        default_source: args.source.clone(),
    };
    let extractor = ctx.extractor()?;
    let mut store = ctx.open_store()?;
    let mut tally = Tally::default();
    // every input first (paths only), for the total size that the progress bar needs
    let mut inputs = Vec::new();
    for p in &args.paths {
        if p.as_os_str() == "-" {
            let f = format.ok_or_else(|| UsageError("reading - (stdin) needs --format".into()))?;
            inputs.push(Input::Stdin(f));
            continue;
        }
        let mut files = Vec::new();
        let mut seen = HashSet::new();
        collect(p, format.is_some(), &mut files, &mut seen, ctx, &mut tally)?;
        let root = if p.is_dir() {
            p.clone()
        } else {
            p.parent().unwrap_or(p).to_path_buf()
        };
        inputs.extend(files.into_iter().map(|file| Input::File {
            file,
            root: root.clone(),
        }));
    }
    let total = inputs
        .iter()
        .map(|i| match i {
            Input::Stdin(_) => None,
            Input::File { file, .. } => std::fs::metadata(file).ok().map(|m| m.len()),
        })
        .sum::<Option<u64>>();
    let mut progress = Progress::new(total, ctx.quiet);
    // reading here, extraction and writing on other threads (dyad::loader::import)
    let (counts, failures) = dyad::loader::import(&mut store, &extractor, |feeder| {
        for input in inputs {
            let (file, root) = match input {
                Input::Stdin(f) => {
                    let stdin = std::io::BufReader::with_capacity(
                        1 << 16,
                        progress.reader(std::io::stdin().lock()),
                    );
                    import_reader(
                        stdin,
                        f,
                        "<stdin>",
                        None,
                        &opts,
                        feeder,
                        &mut tally,
                        &mut progress,
                        ctx,
                    )?;
                    continue;
                }
                Input::File { file, root } => (file, root),
            };
            let f = match format.or_else(|| Format::from_path(&file)) {
                Some(f) => f,
                None => continue,
            };
            let name = file.display().to_string();
            let reader = match std::fs::File::open(&file) {
                Ok(r) => std::io::BufReader::with_capacity(1 << 16, progress.reader(r)),
                Err(e) => {
                    // counted as failed, so an error, not a warning
                    progress.suspend(|| eprintln!("error: {name}: cannot read: {e}"));
                    tally.failed += 1;
                    continue;
                }
            };
            // a one-article file without an id is known by its path under the imported
            // directory, without the extension ("2023/hayashi-visit")
            let id = matches!(f, Format::Text | Format::Html).then(|| file_id(&root, &file));
            import_reader(
                reader,
                f,
                &name,
                id.as_deref(),
                &opts,
                feeder,
                &mut tally,
                &mut progress,
                ctx,
            )?;
        }
        anyhow::Ok(())
    })
    .context("writing to the database")?;
    progress.finish();
    for f in &failures {
        eprintln!("error: {f}");
    }
    let failed = tally.failed + failures.len();
    ctx.note(format!(
        "imported {} new, {} unchanged, {} failed articles; {} events{}",
        counts.new,
        counts.unchanged,
        failed,
        counts.events,
        if tally.warnings > 0 {
            format!("; {} warnings", tally.warnings)
        } else {
            String::new()
        }
    ));
    Ok(if failed > 0 {
        Outcome::Failure
    } else {
        Outcome::Success
    })
}

/// The id of a one-article file: its path under `root`, without extension, with `/`.
fn file_id(root: &Path, file: &Path) -> String {
    let rel = file.strip_prefix(root).unwrap_or(file).with_extension("");
    rel.components()
        .map(|c| c.as_os_str().to_string_lossy())
        .collect::<Vec<_>>()
        .join("/")
}

#[allow(clippy::too_many_arguments)]
fn import_reader<R: BufRead>(
    reader: R,
    format: Format,
    name: &str,
    file_id: Option<&str>,
    opts: &ImportOptions,
    feeder: &mut Feeder<'_>,
    tally: &mut Tally,
    progress: &mut Progress,
    ctx: &Ctx,
) -> Result<()> {
    for item in ingest::read(reader, format, name) {
        match item {
            Item::Article(mut raw) => {
                if raw.id.is_none() {
                    raw.id = file_id.map(String::from);
                }
                let origin = raw.origin.clone();
                let p = prepare(raw, opts);
                for w in &p.warnings {
                    progress.suspend(|| ctx.warn(format!("{origin}: {w}")));
                    tally.warnings += 1;
                }
                progress.article();
                feeder.push(p.article)?;
            }
            Item::Warning(p) => {
                progress.suspend(|| ctx.warn(&p));
                tally.warnings += 1;
            }
            Item::Error(p) => {
                progress.suspend(|| eprintln!("error: {p}"));
                tally.failed += 1;
            }
        }
    }
    Ok(())
}

/// Files under `p`, sorted, following directories once each (symlink loops end).
fn collect(
    p: &Path,
    forced: bool,
    out: &mut Vec<PathBuf>,
    seen: &mut HashSet<PathBuf>,
    ctx: &Ctx,
    tally: &mut Tally,
) -> Result<()> {
    let meta = match std::fs::metadata(p) {
        Ok(m) => m,
        Err(e) => {
            eprintln!("error: {}: {e}", p.display());
            tally.failed += 1;
            return Ok(());
        }
    };
    if meta.is_dir() {
        let canon = std::fs::canonicalize(p).unwrap_or_else(|_| p.to_path_buf());
        if !seen.insert(canon) {
            return Ok(());
        }
        let mut entries: Vec<PathBuf> = std::fs::read_dir(p)
            .with_context(|| format!("reading directory {}", p.display()))?
            .filter_map(|e| e.ok().map(|e| e.path()))
            .collect();
        entries.sort();
        let before = out.len();
        for e in entries {
            if skipped_in_walk(&e) {
                continue;
            }
            if e.is_dir() {
                collect(&e, forced, out, seen, ctx, tally)?;
            } else if forced || Format::from_path(&e).is_some() {
                out.push(e);
            }
        }
        if out.len() == before && seen.len() == 1 {
            ctx.warn(format!(
                "{}: no importable files (.txt .md .json .jsonl .ndjson .csv .html)",
                p.display()
            ));
            tally.warnings += 1;
        }
    } else if forced || Format::from_path(p).is_some() {
        out.push(p.to_path_buf());
    } else {
        eprintln!(
            "error: {}: unknown file type; use --format (txt, md, json, jsonl, csv, html)",
            p.display()
        );
        tally.failed += 1;
    }
    Ok(())
}

/// Hidden files and a directory's README, LICENSE or CHANGELOG are not articles.
fn skipped_in_walk(p: &Path) -> bool {
    let name = p
        .file_name()
        .map(|n| n.to_string_lossy().to_uppercase())
        .unwrap_or_default();
    name.starts_with('.')
        || ["README", "LICENSE", "CHANGELOG"]
            .iter()
            .any(|x| name.starts_with(x))
}
