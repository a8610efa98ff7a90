//! `--format timelinejs` and `--format timelinejs-csv`: the timeline for Knight Lab's TimelineJS 3,
//! as its JSON (`{"title": …, "events": […]}`) or as the columns of its Google spreadsheet
//! template. Dates keep their precision: a month-precision event has no day, a year-precision one
//! no month, and `display_date` says it in words. TimelineJS renders headlines and texts as HTML,
//! so article text is HTML-escaped. Undated events cannot be placed and are left out
//! ([`undated`] counts them for the caller's note).

use super::{csv_safe, html_escape, human_date, qualifiers, type_words, Document};
use crate::model::PartialDate;
use crate::store::StoredEvent;
use serde::Serialize;
use std::io::{self, Write};

/// How many of `rows` the TimelineJS formats leave out (no date).
pub fn undated(rows: &[StoredEvent]) -> usize {
    rows.iter().filter(|r| r.event.date.is_none()).count()
}

#[derive(Debug, Serialize)]
struct Timeline {
    title: Slide,
    events: Vec<Slide>,
}

#[derive(Debug, Serialize)]
struct Slide {
    #[serde(skip_serializing_if = "Option::is_none")]
    start_date: Option<TlDate>,
    #[serde(skip_serializing_if = "Option::is_none")]
    end_date: Option<TlDate>,
    #[serde(skip_serializing_if = "Option::is_none")]
    display_date: Option<String>,
    text: Text,
    #[serde(skip_serializing_if = "Option::is_none")]
    group: Option<&'static str>,
    unique_id: String,
}

#[derive(Debug, Serialize)]
struct Text {
    headline: String,
    text: String,
}

#[derive(Debug, Serialize)]
struct TlDate {
    year: i32,
    #[serde(skip_serializing_if = "Option::is_none")]
    month: Option<u32>,
    #[serde(skip_serializing_if = "Option::is_none")]
    day: Option<u32>,
}

impl From<PartialDate> for TlDate {
    fn from(d: PartialDate) -> Self {
        TlDate {
            year: d.year,
            month: d.month,
            day: d.month.and(d.day),
        }
    }
}

/// The slide text as HTML: the kind of event, the evidence quoted, the article linked.
fn body_html(r: &StoredEvent, doc: &Document) -> String {
    let e = &r.event;
    let mut kind = type_words(e.event_type.as_str());
    let q = qualifiers(r);
    if !q.is_empty() {
        kind.push_str(&format!(" ({})", q.join(", ")));
    }
    let mut s = format!(
        "<p>{} · {} → {}</p>",
        html_escape(&kind),
        html_escape(doc.name(&e.actor)),
        html_escape(doc.name(&e.target)),
    );
    if !e.evidence.trim().is_empty() {
        s.push_str(&format!(
            "<blockquote>{}</blockquote>",
            html_escape(&e.evidence)
        ));
    }
    let src = super::source_html(r, ", ", "");
    s.push_str(&format!("<p>Source: {src}</p>"));
    s
}

fn title_slide(rows: &[StoredEvent], doc: &Document) -> Slide {
    Slide {
        start_date: None,
        end_date: None,
        display_date: None,
        text: Text {
            headline: html_escape(&doc.title()),
            text: format!("<p>{}</p>", html_escape(&doc.subtitle(rows))),
        },
        group: None,
        unique_id: "title".into(),
    }
}

fn slides<'a>(
    rows: &'a [StoredEvent],
    doc: &'a Document,
) -> impl Iterator<Item = (&'a StoredEvent, Slide)> + 'a {
    rows.iter().filter_map(move |r| {
        let d = r.event.date?;
        Some((
            r,
            Slide {
                start_date: Some(d.start.into()),
                end_date: d.end.filter(|e| *e != d.start).map(Into::into),
                display_date: Some(human_date(&d)),
                text: Text {
                    headline: html_escape(&r.event.summary),
                    text: body_html(r, doc),
                },
                group: Some(r.event.event_type.family()),
                unique_id: format!("event-{}", r.id),
            },
        ))
    })
}

/// Writes TimelineJS 3 JSON.
pub fn write_json<W: Write>(rows: &[StoredEvent], doc: &Document, w: &mut W) -> io::Result<()> {
    let t = Timeline {
        title: title_slide(rows, doc),
        events: slides(rows, doc).map(|(_, s)| s).collect(),
    };
    serde_json::to_writer_pretty(&mut *w, &t)?;
    w.write_all(b"\n")
}

/// The columns of the TimelineJS Google spreadsheet template, in its order.
pub const CSV_COLUMNS: [&str; 18] = [
    "Year",
    "Month",
    "Day",
    "Time",
    "End Year",
    "End Month",
    "End Day",
    "End Time",
    "Display Date",
    "Headline",
    "Text",
    "Media",
    "Media Credit",
    "Media Caption",
    "Media Thumbnail",
    "Type",
    "Group",
    "Background",
];

/// Writes the rows of the TimelineJS spreadsheet template: a title row, then one row an event.
pub fn write_csv<W: Write>(rows: &[StoredEvent], doc: &Document, w: &mut W) -> io::Result<()> {
    let mut c = csv::Writer::from_writer(&mut *w);
    c.write_record(CSV_COLUMNS)?;
    let num = |n: Option<i64>| n.map(|n| n.to_string()).unwrap_or_default();
    let date_cells = |d: Option<TlDate>| {
        d.map(|d| {
            [
                num(Some(d.year.into())),
                num(d.month.map(Into::into)),
                num(d.day.map(Into::into)),
            ]
        })
        .unwrap_or_default()
    };
    let title = title_slide(rows, doc);
    let mut records: Vec<[String; 18]> = vec![[
        String::new(),
        String::new(),
        String::new(),
        String::new(),
        String::new(),
        String::new(),
        String::new(),
        String::new(),
        String::new(),
        title.text.headline,
        title.text.text,
        String::new(),
        String::new(),
        String::new(),
        String::new(),
        "title".into(),
        String::new(),
        String::new(),
    ]];
    for (_, s) in slides(rows, doc) {
        let [y, m, d] = date_cells(s.start_date);
        let [ey, em, ed] = date_cells(s.end_date);
        records.push([
            y,
            m,
            d,
            String::new(),
            ey,
            em,
            ed,
            String::new(),
            s.display_date.unwrap_or_default(),
            s.text.headline,
            s.text.text,
            String::new(),
            String::new(),
            String::new(),
            String::new(),
            String::new(),
            s.group.unwrap_or_default().to_string(),
            String::new(),
        ]);
    }
    for r in &records {
        c.write_record(r.iter().map(|x| csv_safe(x)))?;
    }
    c.flush()?;
    Ok(())
}

#[cfg(test)]
mod tests {
    use super::*;
    use crate::output::tests::{fixture_rows, malicious_rows, names};

    fn json(rows: &[StoredEvent]) -> String {
        let mut out = Vec::new();
        write_json(rows, &names(), &mut out).unwrap();
        String::from_utf8(out).unwrap()
    }

    fn csv_text(rows: &[StoredEvent]) -> String {
        let mut out = Vec::new();
        write_csv(rows, &names(), &mut out).unwrap();
        String::from_utf8(out).unwrap()
    }

    #[test]
    fn json_keeps_precision_and_leaves_out_undated() {
        let s = json(&fixture_rows());
        let v: serde_json::Value = serde_json::from_str(&s).unwrap();
        let ev = v["events"].as_array().unwrap();
        assert_eq!(ev.len(), 4, "the undated event is left out");
        assert_eq!(undated(&fixture_rows()), 1);
        assert_eq!(ev[0]["start_date"], serde_json::json!({"year": 2019}));
        assert_eq!(
            ev[1]["start_date"],
            serde_json::json!({"year": 2023, "month": 3})
        );
        assert_eq!(ev[1]["display_date"], "March 2023");
        assert_eq!(
            ev[3]["end_date"],
            serde_json::json!({"year": 2023, "month": 8, "day": 31})
        );
        assert_eq!(ev[2]["group"], "contact");
        insta::assert_snapshot!(s);
    }

    #[test]
    fn csv_has_the_spreadsheet_columns() {
        let s = csv_text(&fixture_rows());
        let mut r = csv::Reader::from_reader(s.as_bytes());
        assert_eq!(r.headers().unwrap().iter().collect::<Vec<_>>(), CSV_COLUMNS);
        assert_eq!(r.records().count(), 5, "a title row and four dated events");
        insta::assert_snapshot!(s);
    }

    #[test]
    fn article_text_is_escaped_html_and_safe_cells() {
        let s = json(&malicious_rows());
        let v: serde_json::Value = serde_json::from_str(&s).unwrap();
        let ev = &v["events"][0];
        for field in [&ev["text"]["headline"], &ev["text"]["text"]] {
            let t = field.as_str().unwrap();
            assert!(!t.contains("<script") && !t.contains("<img"), "{t}");
            assert!(!t.contains("javascript:alert(5)"), "{t}");
        }
        let c = csv_text(&malicious_rows());
        let mut r = csv::Reader::from_reader(c.as_bytes());
        for rec in r.records() {
            for cell in rec.unwrap().iter() {
                assert!(!cell.starts_with(['=', '+', '@']), "{cell}");
                assert!(!cell.contains("<script"), "{cell}");
            }
        }
    }
}
