//! `dyad eval GOLD.jsonl`: import a gold file into a temporary database, extract, and score.

use super::{open_store_at, Ctx, Outcome};
use anyhow::{Context, Result};
use dyad::eval::{report, score, GoldArticle, SysEvent};
use dyad::ingest::{self, Format, Item};
use dyad::loader::{prepare, ImportOptions, Loader};
use dyad::store::EventFilter;
use std::io::{BufRead, Write};
use std::path::PathBuf;

/// Score extraction against your own annotated articles (the gold format of GUIDELINES.md)
#[derive(Debug, clap::Args)]
pub struct Args {
    /// A gold JSONL file: one article a line with its `events`
    gold: PathBuf,
    /// Also list the missed, spurious and wrongly dated events (at most this many)
    #[arg(long, default_value_t = 0, value_name = "N")]
    show_errors: usize,
}

pub fn run(args: &Args, ctx: &Ctx) -> Result<Outcome> {
    let name = args.gold.display().to_string();
    let file = std::fs::File::open(&args.gold).with_context(|| format!("opening {name}"))?;
    let mut gold = Vec::new();
    for (n, line) in std::io::BufReader::new(file).lines().enumerate() {
        let line = line.with_context(|| format!("{name}:{}: not UTF-8 text", n + 1))?;
        if line.trim().is_empty() {
            continue;
        }
        let g: GoldArticle = serde_json::from_str(&line)
            .with_context(|| format!("{name}:{}: not a gold article", n + 1))?;
        gold.push(g);
    }
    let dir = tempfile::tempdir().context("creating a temporary directory")?;
    let extractor = ctx.extractor()?;
    let mut store = open_store_at(&dir.path().join("eval.db"))?;
    let mut failed = 0;
    {
        let reader = std::io::BufReader::new(std::fs::File::open(&args.gold)?);
        let mut loader = Loader::new(&mut store, &extractor);
        for item in ingest::read(reader, Format::Jsonl, &name) {
            match item {
                Item::Article(raw) => {
                    loader.push(prepare(raw, &ImportOptions::default()).article)?
                }
                Item::Warning(p) => ctx.warn(&p),
                Item::Error(p) => {
                    eprintln!("error: {p}");
                    failed += 1;
                }
            }
        }
        loader.finish()?;
    }
    let sys: Vec<SysEvent> = store
        .events(&EventFilter::default())?
        .into_iter()
        .map(|s| SysEvent {
            article: s.article_key,
            event_type: s.event.event_type.as_str().to_string(),
            actor: s.event.actor,
            target: s.event.target,
            date: s.event.date.map(|d| d.start.to_string()),
            confidence: s.event.confidence,
        })
        .collect();
    let tally = score(&gold, &sys);
    let mut w = std::io::stdout().lock();
    write!(w, "{}", report(&tally))?;
    writeln!(w, "precision by confidence: band events matched precision")?;
    for (band, n, ok) in dyad::eval::precision_by_confidence(&gold, &sys) {
        let p = if n > 0 {
            format!("{:.3}", ok as f64 / n as f64)
        } else {
            "-".into()
        };
        writeln!(w, "  {band} {n:>6} {ok:>7} {p:>9}")?;
    }
    if args.show_errors > 0 {
        for line in dyad::eval::errors(&gold, &sys)
            .into_iter()
            .take(args.show_errors)
        {
            writeln!(w, "{line}")?;
        }
    }
    Ok(if failed > 0 {
        Outcome::Failure
    } else {
        Outcome::Success
    })
}
