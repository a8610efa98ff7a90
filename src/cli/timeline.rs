//! `dyad timeline A B`: the chronology of a country pair.

use super::{output_writer, usage, Ctx, Outcome, UsageError};
use anyhow::Result;
use dyad::output::{self, Format};
use dyad::query::{self, TimelineQuery};
use std::collections::HashMap;
use std::path::PathBuf;

/// A country pair and the filters on its events (`dyad timeline`, `dyad review`).
#[derive(Debug, clap::Args)]
pub struct PairArgs {
    /// First country: ISO alpha-2 or alpha-3 code or name, any case (JP, JPN, japan)
    a: String,
    /// Second country
    b: String,
    /// Only events on or after this date (YYYY, YYYY-MM or YYYY-MM-DD)
    #[arg(long, value_name = "DATE")]
    from: Option<String>,
    /// Only events on or before this date (YYYY, YYYY-MM or YYYY-MM-DD)
    #[arg(long, value_name = "DATE")]
    to: Option<String>,
    /// Only these event types, comma-separated (visit,meeting,export_control,sanction,...)
    #[arg(long = "type", value_name = "T,...")]
    types: Vec<String>,
}

impl PairArgs {
    /// The validated query (usage errors for unknown countries, dates or types).
    pub fn query(&self, gaz: &dyad::gazetteer::Gazetteer) -> Result<TimelineQuery> {
        TimelineQuery::parse(
            gaz,
            &self.a,
            &self.b,
            self.from.as_deref(),
            self.to.as_deref(),
            &self.types,
        )
        .map_err(usage)
    }
}

/// Print the timeline of two countries (both directions), oldest first
#[derive(Debug, clap::Args)]
pub struct Args {
    #[command(flatten)]
    pair: PairArgs,
    /// Output format: table, csv, json, jsonl, markdown, html (one self-contained page),
    /// timelinejs (TimelineJS 3 JSON) or timelinejs-csv (its spreadsheet columns)
    #[arg(long, default_value = "table")]
    format: String,
    /// Start CSV output with a UTF-8 byte-order mark, so Excel reads it as UTF-8
    #[arg(long)]
    excel: bool,
    /// One row per extracted event: do not merge reports of the same event across articles
    #[arg(long)]
    no_merge: bool,
    /// How many days apart two reports dated only by their publication may be and still be
    /// merged
    #[arg(long, value_name = "DAYS", default_value_t = query::DEFAULT_MERGE_WINDOW_DAYS,
          conflicts_with = "no_merge", value_parser = clap::value_parser!(i64).range(0..=3650))]
    window: i64,
    /// Keep the entries people rejected (`dyad event reject`), marked as such
    #[arg(long)]
    rejected: bool,
    /// Write to this file instead of standard output
    #[arg(long, short, value_name = "FILE")]
    output: Option<PathBuf>,
}

pub fn run(args: &Args, ctx: &Ctx) -> Result<Outcome> {
    let format: Format = args.format.parse().map_err(UsageError)?;
    if args.excel && !format.is_csv() {
        return Err(UsageError(format!(
            "--excel applies to --format csv or timelinejs-csv, not {}",
            args.format
        ))
        .into());
    }
    let gaz = ctx.gazetteer()?;
    let mut q = args.pair.query(&gaz)?;
    q.include_rejected = args.rejected;
    let store = ctx.open_store()?;
    // the rows are all of the pair: its two names are all the documents need
    let names: HashMap<String, String> = [q.a.as_str(), q.b.as_str()]
        .into_iter()
        .filter_map(|c| gaz.country(c).map(|k| (c.to_string(), k.name.clone())))
        .collect();
    let doc = output::Document::new(&q.a, &q.b, names);
    let mut w = output_writer(args.output.as_deref())?;
    if args.excel {
        w.write_all("\u{feff}".as_bytes())?;
    }
    // entries stream from the query to the output as they are final
    let mut out = output::EntryStream::start(format, &doc, w)?;
    let mut undated = 0;
    let window = (!args.no_merge).then_some(args.window);
    query::timeline_each(&store, &q, window, |e| {
        undated += usize::from(e.event.event.date.is_none());
        out.push(e).map_err(|source| dyad::Error::Write {
            path: args
                .output
                .clone()
                .unwrap_or_else(|| PathBuf::from("standard output")),
            source,
        })
    })?;
    let n = out.count();
    out.finish()?;
    if n == 0 {
        ctx.note(format!("no events between {} and {}", q.a, q.b));
    }
    if matches!(format, Format::TimelineJs | Format::TimelineJsCsv) && undated > 0 {
        ctx.note(format!(
            "{undated} undated event{} left out: TimelineJS needs a date",
            if undated == 1 { "" } else { "s" }
        ));
    }
    Ok(Outcome::Success)
}
