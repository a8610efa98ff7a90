//! `dyad extract`: re-run extraction on stored articles after a dictionary or rule change, or,
//! with `--jsonl`, extract the events of articles read on stdin without any database.

use super::{Ctx, Outcome, UsageError};
use anyhow::{Context, Result};
use dyad::ingest::{self, Format, Item};
use dyad::loader::{as_article, extract_all, prepare, EventLine, ImportOptions};
use dyad::model::Article;
use dyad::pipeline::Extractor;
use std::io::Write;

/// Re-extract events of stored articles (replacing each article's events atomically), or
/// extract the events of JSONL articles on stdin to JSONL on stdout (--jsonl)
#[derive(Debug, clap::Args)]
pub struct Args {
    /// Every stored article
    #[arg(long, conflicts_with_all = ["article", "jsonl"])]
    all: bool,
    /// One article, by the id given at import or the internal id
    #[arg(long, value_name = "ID", conflicts_with = "jsonl")]
    article: Option<String>,
    /// Read articles as JSON lines on stdin (the fields and aliases of `dyad import`) and
    /// write their events as JSON lines on stdout, in input order, without a database: a
    /// stateless map step for GNU parallel, Hadoop Streaming or Spark's RDD.pipe
    #[arg(long)]
    jsonl: bool,
}

/// Articles extracted together in parallel; the output order stays the input's.
const CHUNK: usize = 256;

pub fn run(args: &Args, ctx: &Ctx) -> Result<Outcome> {
    if args.jsonl {
        return run_jsonl(ctx);
    }
    let extractor = ctx.extractor()?;
    let mut store = ctx.open_store()?;
    let ids = match (&args.article, args.all) {
        (Some(key), _) => {
            let a = store
                .find_article(key)?
                .ok_or_else(|| UsageError(format!("no article \"{key}\" in {}", store.path())))?;
            vec![a.id]
        }
        (None, true) => store.extractable_article_ids()?,
        (None, false) => {
            return Err(UsageError("give --all, --article ID or --jsonl".into()).into())
        }
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

/// stdin (JSONL articles) → stdout (JSONL events), chunk by chunk: memory is one chunk.
fn run_jsonl(ctx: &Ctx) -> Result<Outcome> {
    let extractor = ctx.extractor()?;
    let opts = ImportOptions::default();
    let stdin = std::io::stdin();
    let mut out = std::io::BufWriter::new(std::io::stdout().lock());
    let mut failed = 0usize;
    let mut chunk = Vec::with_capacity(CHUNK);
    for item in ingest::read(stdin.lock(), Format::Jsonl, "-") {
        match item {
            Item::Article(raw) => {
                let origin = raw.origin.clone();
                let p = prepare(raw, &opts);
                for w in &p.warnings {
                    ctx.warn(format!("{origin}: {w}"));
                }
                chunk.push(as_article(&p.article));
                if chunk.len() >= CHUNK {
                    write_chunk(&extractor, &mut chunk, &mut out, &mut failed)?;
                }
            }
            Item::Warning(p) => ctx.warn(&p),
            Item::Error(p) => {
                eprintln!("error: {p}");
                failed += 1;
            }
        }
    }
    write_chunk(&extractor, &mut chunk, &mut out, &mut failed)?;
    out.flush()?;
    Ok(if failed > 0 {
        Outcome::Failure
    } else {
        Outcome::Success
    })
}

/// Extracts a chunk of articles in parallel and writes their events in the chunk's order.
fn write_chunk<W: Write>(
    extractor: &Extractor,
    chunk: &mut Vec<Article>,
    out: &mut W,
    failed: &mut usize,
) -> Result<()> {
    for (a, events) in chunk.iter().zip(extract_all(extractor, chunk)) {
        match events {
            Ok(events) => {
                for e in &events {
                    serde_json::to_writer(&mut *out, &EventLine::new(a, e))?;
                    out.write_all(b"\n")?;
                }
            }
            Err(e) => {
                eprintln!("error: article {}: {e}", a.key);
                *failed += 1;
            }
        }
    }
    chunk.clear();
    Ok(())
}
