//! `dyad pairs`, `dyad coverage`, `dyad search` and `dyad articles` as table, CSV, JSON or
//! JSON lines.

use super::{csv_safe, truncate, write_json, write_table};
use crate::store::{ArticleRow, Coverage, PairActivity};
use std::collections::{BTreeSet, HashMap};
use std::io::{self, Write};

/// The formats of the listing commands.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub enum ListFormat {
    Table,
    Csv,
    Json,
    Jsonl,
}

impl std::str::FromStr for ListFormat {
    type Err = String;
    fn from_str(s: &str) -> Result<Self, Self::Err> {
        match s {
            "table" => Ok(ListFormat::Table),
            "csv" => Ok(ListFormat::Csv),
            "json" => Ok(ListFormat::Json),
            "jsonl" | "ndjson" => Ok(ListFormat::Jsonl),
            _ => Err(format!(
                "unknown format \"{s}\": expected table, csv, json or jsonl"
            )),
        }
    }
}

/// Eight levels for a one-line chart of counts.
fn sparkline(counts: &[i64]) -> String {
    const BARS: [char; 8] = ['▁', '▂', '▃', '▄', '▅', '▆', '▇', '█'];
    let max = counts.iter().copied().max().unwrap_or(0);
    counts
        .iter()
        .map(|&n| {
            if n == 0 {
                ' '
            } else {
                let i = ((n as f64 / max as f64) * 7.0).round() as usize;
                BARS[i.min(7)]
            }
        })
        .collect()
}

#[derive(serde::Serialize)]
struct PairRecord<'a> {
    a: &'a str,
    b: &'a str,
    a_name: &'a str,
    b_name: &'a str,
    events: i64,
    by_year: &'a std::collections::BTreeMap<String, i64>,
}

/// `dyad pairs`: the table shows each pair's events per year as a chart from its first to its
/// last year; CSV has one column per year (and `undated`).
pub fn write_pairs<W: Write>(
    pairs: &[PairActivity],
    names: &HashMap<String, String>,
    format: ListFormat,
    w: &mut W,
) -> io::Result<()> {
    let name = |c: &str| names.get(c).map_or(c, String::as_str).to_string();
    match format {
        ListFormat::Json | ListFormat::Jsonl => {
            let recs: Vec<PairRecord<'_>> = pairs
                .iter()
                .map(|p| PairRecord {
                    a: &p.a,
                    b: &p.b,
                    a_name: names.get(&p.a).map_or(p.a.as_str(), String::as_str),
                    b_name: names.get(&p.b).map_or(p.b.as_str(), String::as_str),
                    events: p.events,
                    by_year: &p.by_year,
                })
                .collect();
            write_json(&recs, format == ListFormat::Jsonl, w)
        }
        ListFormat::Csv => {
            let years: BTreeSet<&str> = pairs
                .iter()
                .flat_map(|p| p.by_year.keys().map(String::as_str))
                .filter(|y| !y.is_empty())
                .collect();
            let mut c = csv::Writer::from_writer(&mut *w);
            let mut header = vec!["a", "b", "a_name", "b_name", "events"];
            header.extend(years.iter().copied());
            header.push("undated");
            c.write_record(&header)?;
            for p in pairs {
                let mut row = vec![
                    csv_safe(&p.a),
                    csv_safe(&p.b),
                    csv_safe(&name(&p.a)),
                    csv_safe(&name(&p.b)),
                    p.events.to_string(),
                ];
                for y in &years {
                    row.push(p.by_year.get(*y).copied().unwrap_or(0).to_string());
                }
                row.push(p.by_year.get("").copied().unwrap_or(0).to_string());
                c.write_record(&row)?;
            }
            c.flush()
        }
        ListFormat::Table if pairs.is_empty() => Ok(()),
        ListFormat::Table => {
            let header = ["pair", "countries", "events", "years", "by year"];
            let body: Vec<[String; 5]> = pairs
                .iter()
                .map(|p| {
                    let years: Vec<i32> = p.by_year.keys().filter_map(|y| y.parse().ok()).collect();
                    let (span, chart) = match (years.first(), years.last()) {
                        (Some(&f), Some(&l)) => {
                            let counts: Vec<i64> = (f..=l)
                                .map(|y| p.by_year.get(&y.to_string()).copied().unwrap_or(0))
                                .collect();
                            let span = if f == l {
                                f.to_string()
                            } else {
                                format!("{f}–{l}")
                            };
                            (span, sparkline(&counts))
                        }
                        _ => ("undated".into(), String::new()),
                    };
                    [
                        format!("{}–{}", p.a, p.b),
                        truncate(&format!("{} – {}", name(&p.a), name(&p.b)), 44),
                        p.events.to_string(),
                        span,
                        chart,
                    ]
                })
                .collect();
            write_table(w, &header, &body)
        }
    }
}

/// What a month's counts say: whether the lack of events is a lack of articles.
fn coverage_note(m: &crate::store::CoverageMonth) -> &'static str {
    match (m.articles, m.events) {
        (0, 0) => "no articles",
        (_, 0) if m.articles_with_events == 0 => "articles, no events",
        (0, _) => "events told in other months' articles",
        _ => "",
    }
}

/// `dyad coverage A B`.
pub fn write_coverage<W: Write>(c: &Coverage, format: ListFormat, w: &mut W) -> io::Result<()> {
    match format {
        ListFormat::Json => {
            serde_json::to_writer_pretty(&mut *w, c)?;
            writeln!(w)
        }
        ListFormat::Jsonl => write_json(&c.months, true, w),
        ListFormat::Csv => {
            let mut out = csv::Writer::from_writer(&mut *w);
            out.write_record([
                "month",
                "articles",
                "articles_with_events",
                "events",
                "note",
            ])?;
            for m in &c.months {
                out.write_record([
                    m.month.clone(),
                    m.articles.to_string(),
                    m.articles_with_events.to_string(),
                    m.events.to_string(),
                    coverage_note(m).to_string(),
                ])?;
            }
            out.flush()
        }
        ListFormat::Table => {
            let max = c
                .months
                .iter()
                .map(|m| m.articles)
                .max()
                .unwrap_or(0)
                .max(1);
            let header = [
                "month",
                "articles",
                "with events",
                "events",
                "articles mentioning both",
                "note",
            ];
            let body: Vec<[String; 6]> = c
                .months
                .iter()
                .map(|m| {
                    let bar = ((m.articles as f64 / max as f64) * 30.0).ceil() as usize;
                    [
                        m.month.clone(),
                        m.articles.to_string(),
                        m.articles_with_events.to_string(),
                        m.events.to_string(),
                        "█".repeat(bar),
                        coverage_note(m).to_string(),
                    ]
                })
                .collect();
            write_table(w, &header, &body)
        }
    }
}

/// `dyad search` and `dyad articles`.
pub fn write_articles<W: Write>(
    rows: &[ArticleRow],
    format: ListFormat,
    w: &mut W,
) -> io::Result<()> {
    let searched = rows.iter().any(|r| r.snippet.is_some());
    match format {
        ListFormat::Json | ListFormat::Jsonl => write_json(rows, format == ListFormat::Jsonl, w),
        ListFormat::Csv => {
            let mut c = csv::Writer::from_writer(&mut *w);
            let mut header = vec![
                "id",
                "article",
                "pub_date",
                "source",
                "title",
                "url",
                "countries",
                "events",
            ];
            if searched {
                header.push("snippet");
            }
            c.write_record(&header)?;
            for r in rows {
                let mut cells = vec![
                    r.id.to_string(),
                    csv_safe(&r.article),
                    csv_safe(r.pub_date.as_deref().unwrap_or("")),
                    csv_safe(r.source.as_deref().unwrap_or("")),
                    csv_safe(r.title.as_deref().unwrap_or("")),
                    csv_safe(r.url.as_deref().unwrap_or("")),
                    csv_safe(&r.countries.join(" ")),
                    r.events.to_string(),
                ];
                if searched {
                    cells.push(csv_safe(r.snippet.as_deref().unwrap_or("")));
                }
                c.write_record(&cells)?;
            }
            c.flush()
        }
        // nothing found: no table at all (the command says so on stderr)
        ListFormat::Table if rows.is_empty() => Ok(()),
        ListFormat::Table => {
            let header = [
                "article",
                "date",
                "source",
                "title",
                "countries",
                "events",
                if searched { "match" } else { "" },
            ];
            let body: Vec<[String; 7]> = rows
                .iter()
                .map(|r| {
                    let countries: Vec<&str> =
                        r.countries.iter().take(4).map(String::as_str).collect();
                    [
                        truncate(&r.article, 24),
                        r.pub_date.clone().unwrap_or_else(|| "undated".into()),
                        truncate(r.source.as_deref().unwrap_or(""), 18),
                        truncate(r.title.as_deref().unwrap_or(""), 50),
                        countries.join(" "),
                        r.events.to_string(),
                        truncate(
                            &r.snippet
                                .as_deref()
                                .unwrap_or("")
                                .split_whitespace()
                                .collect::<Vec<_>>()
                                .join(" "),
                            80,
                        ),
                    ]
                })
                .collect();
            write_table(w, &header, &body)
        }
    }
}
