//! Formatting rows for people and programs. Formatters write to any `W: Write`; only data goes
//! there. Field names are a contract: `dyad events --format jsonl` is what
//! `score_events.py` reads.

use crate::store::{Stats, StoredEvent};
use crate::temporal::Timex;
use serde::Serialize;
use std::io::{self, Write};

/// Output formats for event rows.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub enum Format {
    Table,
    Csv,
    Json,
    Jsonl,
}

impl std::str::FromStr for Format {
    type Err = String;
    fn from_str(s: &str) -> Result<Self, Self::Err> {
        match s {
            "table" => Ok(Format::Table),
            "csv" => Ok(Format::Csv),
            "json" => Ok(Format::Json),
            "jsonl" | "ndjson" => Ok(Format::Jsonl),
            _ => Err(format!(
                "unknown format \"{s}\": expected table, csv, json or jsonl"
            )),
        }
    }
}

/// One event as written in csv, json and jsonl.
#[derive(Debug, Clone, Serialize)]
pub struct EventRecord<'a> {
    pub id: i64,
    pub article: &'a str,
    #[serde(rename = "type")]
    pub event_type: &'a str,
    pub cameo: Option<&'a str>,
    pub actor: &'a str,
    pub target: &'a str,
    pub date: Option<String>,
    pub date_end: Option<String>,
    pub precision: Option<&'static str>,
    pub date_basis: &'a str,
    pub status: &'a str,
    pub action: &'a str,
    pub summary: &'a str,
    pub evidence: &'a str,
    pub confidence: f64,
    pub rule: &'a str,
    pub title: Option<&'a str>,
    pub source: Option<&'a str>,
    pub url: Option<&'a str>,
    pub pub_date: Option<&'a str>,
}

impl<'a> EventRecord<'a> {
    pub fn new(s: &'a StoredEvent) -> Self {
        let e = &s.event;
        EventRecord {
            id: s.id,
            article: &s.article_key,
            event_type: e.event_type.as_str(),
            cameo: e.cameo.as_deref(),
            actor: &e.actor,
            target: &e.target,
            date: e.date.map(|d| d.start.to_string()),
            date_end: e.date.and_then(|d| d.end).map(|d| d.to_string()),
            precision: e.date.map(|d| match d.start.precision() {
                crate::model::Precision::Day => "day",
                crate::model::Precision::Month => "month",
                crate::model::Precision::Year => "year",
            }),
            date_basis: e.date_basis.as_str(),
            status: e.status.as_str(),
            action: e.action.as_str(),
            summary: &e.summary,
            evidence: &e.evidence,
            confidence: e.confidence,
            rule: &e.rule,
            title: s.title.as_deref(),
            source: s.source.as_deref(),
            url: s.url.as_deref(),
            pub_date: s.pub_date.as_deref(),
        }
    }
}

/// A spreadsheet would run a cell starting with these as a formula.
fn csv_safe(s: &str) -> String {
    let risky = s.starts_with(['=', '+', '-', '@', '\t', '\r']);
    if risky && s.parse::<f64>().is_err() {
        format!("'{s}")
    } else {
        s.to_string()
    }
}

fn date_cell(r: &EventRecord<'_>) -> String {
    match (&r.date, &r.date_end) {
        (Some(d), Some(e)) => format!("{d}..{e}"),
        (Some(d), None) => d.clone(),
        _ => "undated".into(),
    }
}

fn truncate(s: &str, n: usize) -> String {
    if s.chars().count() <= n {
        s.to_string()
    } else {
        let mut t: String = s.chars().take(n.saturating_sub(1)).collect();
        t.push('…');
        t
    }
}

/// Writes event rows in `format`.
pub fn write_events<W: Write>(rows: &[StoredEvent], format: Format, w: &mut W) -> io::Result<()> {
    let recs: Vec<EventRecord<'_>> = rows.iter().map(EventRecord::new).collect();
    match format {
        Format::Jsonl => {
            for r in &recs {
                serde_json::to_writer(&mut *w, r)?;
                w.write_all(b"\n")?;
            }
        }
        Format::Json => {
            serde_json::to_writer_pretty(&mut *w, &recs)?;
            w.write_all(b"\n")?;
        }
        Format::Csv => {
            let mut c = csv::Writer::from_writer(&mut *w);
            c.write_record([
                "id",
                "article",
                "type",
                "cameo",
                "actor",
                "target",
                "date",
                "date_end",
                "precision",
                "date_basis",
                "status",
                "action",
                "summary",
                "evidence",
                "confidence",
                "rule",
                "title",
                "source",
                "url",
                "pub_date",
            ])?;
            for r in &recs {
                let conf = r.confidence.to_string();
                let id = r.id.to_string();
                let cells: Vec<String> = [
                    id.as_str(),
                    r.article,
                    r.event_type,
                    r.cameo.unwrap_or(""),
                    r.actor,
                    r.target,
                    r.date.as_deref().unwrap_or(""),
                    r.date_end.as_deref().unwrap_or(""),
                    r.precision.unwrap_or(""),
                    r.date_basis,
                    r.status,
                    r.action,
                    r.summary,
                    r.evidence,
                    conf.as_str(),
                    r.rule,
                    r.title.unwrap_or(""),
                    r.source.unwrap_or(""),
                    r.url.unwrap_or(""),
                    r.pub_date.unwrap_or(""),
                ]
                .iter()
                .map(|s| csv_safe(s))
                .collect();
                c.write_record(&cells)?;
            }
            c.flush()?;
        }
        Format::Table => {
            let header = [
                "date",
                "type",
                "actor → target",
                "summary",
                "basis",
                "evidence",
                "source",
            ];
            let body: Vec<[String; 7]> = recs
                .iter()
                .map(|r| {
                    [
                        date_cell(r),
                        r.event_type.to_string(),
                        format!("{} → {}", r.actor, r.target),
                        truncate(r.summary, 48),
                        r.date_basis.to_string(),
                        truncate(r.evidence, 70),
                        truncate(r.source.or(r.title).unwrap_or(r.article), 30),
                    ]
                })
                .collect();
            write_table(w, &header, &body)?;
        }
    }
    Ok(())
}

/// A plain text table with columns padded to their widest cell.
pub fn write_table<W: Write, const N: usize>(
    w: &mut W,
    header: &[&str; N],
    rows: &[[String; N]],
) -> io::Result<()> {
    let mut width = [0usize; N];
    for (i, h) in header.iter().enumerate() {
        width[i] = h.chars().count();
    }
    for r in rows {
        for (i, c) in r.iter().enumerate() {
            width[i] = width[i].max(c.chars().count());
        }
    }
    let line = |w: &mut W, cells: &[&str]| -> io::Result<()> {
        let mut s = String::new();
        for (i, c) in cells.iter().enumerate() {
            if i + 1 == cells.len() {
                s.push_str(c);
            } else {
                s.push_str(c);
                s.push_str(&" ".repeat(width[i] - c.chars().count() + 2));
            }
        }
        writeln!(w, "{}", s.trim_end())
    };
    line(w, header)?;
    let rule: Vec<String> = width.iter().map(|n| "-".repeat(*n)).collect();
    line(w, &rule.iter().map(String::as_str).collect::<Vec<_>>())?;
    for r in rows {
        line(w, &r.iter().map(String::as_str).collect::<Vec<_>>())?;
    }
    Ok(())
}

/// `dyad stats` in JSON.
pub fn write_stats_json<W: Write>(s: &Stats, w: &mut W) -> io::Result<()> {
    let v = serde_json::json!({
        "articles": {
            "total": s.articles_total,
            "dated": s.articles_dated,
            "inferred": s.articles_inferred,
            "undated": s.articles_undated,
        },
        "events": { "total": s.events_total, "by_type": s.events_by_type },
        "pairs": s.pairs.iter().map(|(a, b, n)| serde_json::json!({"a": a, "b": b, "events": n})).collect::<Vec<_>>(),
    });
    serde_json::to_writer_pretty(&mut *w, &v)?;
    w.write_all(b"\n")
}

/// `dyad stats` as text.
pub fn write_stats_table<W: Write>(s: &Stats, w: &mut W) -> io::Result<()> {
    writeln!(
        w,
        "articles: {} ({} dated, {} with an inferred date, {} undated)",
        s.articles_total, s.articles_dated, s.articles_inferred, s.articles_undated
    )?;
    writeln!(w, "events: {}", s.events_total)?;
    for (t, n) in &s.events_by_type {
        writeln!(w, "  {t:<15} {n}")?;
    }
    writeln!(w, "pairs:")?;
    for (a, b, n) in &s.pairs {
        writeln!(w, "  {a}–{b}  {n}")?;
    }
    Ok(())
}

/// One temporal expression as `dyad dates` writes it: offsets in Unicode scalar values.
#[derive(Debug, Serialize)]
struct TimexRecord<'a> {
    start: usize,
    end: usize,
    text: &'a str,
    #[serde(rename = "type")]
    kind: &'static str,
    value: &'a str,
    #[serde(rename = "mod", skip_serializing_if = "Option::is_none")]
    modifier: Option<&'a str>,
}

/// Writes `dyad dates` output: one JSON object a line.
pub fn write_timexes<W: Write>(text: &str, timexes: &[Timex], w: &mut W) -> io::Result<()> {
    // byte offset → char offset, walking once
    let mut char_at = Vec::with_capacity(timexes.len() * 2);
    let mut wanted: Vec<usize> = timexes.iter().flat_map(|t| [t.start, t.end]).collect();
    wanted.sort_unstable();
    wanted.dedup();
    let mut wi = 0usize;
    for (chars, (b, _)) in text
        .char_indices()
        .chain(std::iter::once((text.len(), ' ')))
        .enumerate()
    {
        while wi < wanted.len() && wanted[wi] <= b {
            char_at.push((wanted[wi], chars));
            wi += 1;
        }
    }
    let lookup = |b: usize| {
        char_at
            .binary_search_by_key(&b, |x| x.0)
            .map(|i| char_at[i].1)
            .unwrap_or(0)
    };
    for t in timexes {
        let rec = TimexRecord {
            start: lookup(t.start),
            end: lookup(t.end),
            text: &t.text,
            kind: match t.kind {
                crate::temporal::TimexKind::Date => "DATE",
                crate::temporal::TimexKind::Time => "TIME",
                crate::temporal::TimexKind::Duration => "DURATION",
                crate::temporal::TimexKind::Set => "SET",
            },
            value: &t.value,
            modifier: t.modifier.as_deref(),
        };
        serde_json::to_writer(&mut *w, &rec)?;
        w.write_all(b"\n")?;
    }
    Ok(())
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn csv_cells_never_start_formulas() {
        assert_eq!(csv_safe("=1+2"), "'=1+2");
        assert_eq!(csv_safe("@SUM(A1)"), "'@SUM(A1)");
        assert_eq!(csv_safe("-12.5"), "-12.5");
        assert_eq!(csv_safe("+cmd|' /C calc'!A0"), "'+cmd|' /C calc'!A0");
        assert_eq!(csv_safe("Japan"), "Japan");
    }

    #[test]
    fn timex_offsets_are_chars() {
        let text = "“Tokyo’s” plan on 2 April 2023";
        let start = text.find("2 April").unwrap();
        let t = Timex {
            start,
            end: text.len(),
            text: "2 April 2023".into(),
            kind: crate::temporal::TimexKind::Date,
            value: "2023-04-02".into(),
            modifier: None,
            span: None,
            anchored: false,
        };
        let mut out = Vec::new();
        write_timexes(text, &[t], &mut out).unwrap();
        let v: serde_json::Value = serde_json::from_slice(&out).unwrap();
        let chars: Vec<char> = text.chars().collect();
        let s = v["start"].as_u64().unwrap() as usize;
        let e = v["end"].as_u64().unwrap() as usize;
        assert_eq!(chars[s..e].iter().collect::<String>(), "2 April 2023");
    }
}
