//! `dyad demo`: import the bundled sample corpus and print the Japan–China timeline.

use super::{open_store_at, Ctx, Outcome};
use anyhow::{Context, Result};
use dyad::ingest::{self, Format, Item};
use dyad::loader::{prepare, ImportOptions, Loader};
use dyad::output::{self, Format as Out};
use dyad::query::{self, TimelineQuery};
use std::io::Write;

include!(concat!(env!("OUT_DIR"), "/sample.rs"));

/// Import the bundled sample corpus and print the Japan–China timeline
#[derive(Debug, clap::Args)]
pub struct Args {}

pub fn run(_args: &Args, ctx: &Ctx) -> Result<Outcome> {
    // without --db or $DYAD_DB the demo works in a throw-away database
    let tmp;
    let tmp_used = ctx.db.is_none()
        && std::env::var_os("DYAD_DB")
            .filter(|v| !v.is_empty())
            .is_none();
    let path = match ctx.db.clone().or_else(|| {
        std::env::var_os("DYAD_DB")
            .filter(|v| !v.is_empty())
            .map(Into::into)
    }) {
        Some(p) => p,
        None => {
            tmp = tempfile::tempdir().context("creating a temporary directory")?;
            tmp.path().join("demo.db")
        }
    };
    let extractor = ctx.extractor()?;
    let mut store = open_store_at(&path)?;
    let mut loader = Loader::new(&mut store, &extractor);
    for (name, content) in SAMPLE {
        for item in ingest::read(content.as_bytes(), Format::Text, name) {
            if let Item::Article(mut raw) = item {
                raw.id = raw
                    .id
                    .or_else(|| Some(name.trim_end_matches(".txt").to_string()));
                loader.push(prepare(raw, &ImportOptions::default()).article)?;
            }
        }
    }
    let counts = loader.finish()?;
    ctx.note(format!(
        "imported {} sample articles ({} new): {} events",
        SAMPLE.len(),
        counts.new,
        counts.events
    ));
    let q = TimelineQuery::parse(&extractor.gazetteer, "JP", "CN", None, None, &[])?;
    // the timeline as `dyad timeline JP CN` prints it: reports of one event merged
    let entries = query::merge_entries(
        query::timeline(&store, &q)?,
        query::DEFAULT_MERGE_WINDOW_DAYS,
    );
    let names = ["JP", "CN"]
        .iter()
        .filter_map(|c| {
            extractor
                .gazetteer
                .country(c)
                .map(|k| (c.to_string(), k.name.clone()))
        })
        .collect();
    let doc = output::Document::new("JP", "CN", names);
    let mut w = std::io::BufWriter::new(std::io::stdout().lock());
    output::write_entries(&entries, Out::Table, &doc, &mut w)?;
    w.flush()?;
    if tmp_used {
        ctx.note(
            "\nnext: keep the demo database with `dyad --db demo.db demo`, then try `dyad --db demo.db timeline US CN`, `dyad --db demo.db review JP CN`, `dyad --db demo.db pairs`, or import your own articles with `dyad import my-articles/`",
        );
    } else {
        ctx.note(format!(
            "\nnext: dyad --db {} timeline US CN   (or: dyad --db {0} stats; dyad import my-articles/)",
            path.display()
        ));
    }
    Ok(Outcome::Success)
}
