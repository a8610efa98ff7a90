//! `--format html`: one self-contained page (inline CSS and script, nothing fetched) with a visual
//! timeline and a table of every event.
//!
//! The chart puts events on a horizontal time axis, one lane per event family. Precision shows:
//! a day is a dot, a month-precision event a bar over its month, a year-precision one a dashed
//! bar over its year, a range a solid bar. Hovering shows the date and summary, clicking the
//! evidence and source. The table beneath lists every event, undated ones too, and works
//! without script.
//!
//! Article text never becomes markup: the table is HTML-escaped, the chart's data is a JSON island
//! (`<script type="application/json">`) with `<`, `>` and `&` written as `\u003c`, `\u003e`,
//! `\u0026`, and the script builds the chart with `textContent` only. A Content-Security-Policy
//! allows no network access and only the page's own script (by hash).

use super::{
    html_escape, human_date, json_for_script, link_url, precision_name, qualifiers, type_words,
    Document,
};
use crate::model::Precision;
use crate::store::StoredEvent;
use serde::Serialize;
use sha2::{Digest, Sha256};
use std::io::{self, Write};

const CSS: &str = include_str!("assets/timeline.css");
const SCRIPT: &str = include_str!("assets/timeline.js");

/// One event as the page's script reads it from the JSON island.
#[derive(Debug, Serialize)]
struct PageEvent<'a> {
    id: i64,
    article: &'a str,
    /// The date in words ("March 2023"), or "Undated".
    date: String,
    /// First and last day covered (inclusive), `YYYY-MM-DD`; none when undated.
    start: Option<String>,
    end: Option<String>,
    precision: &'static str,
    range: bool,
    #[serde(rename = "type")]
    event_type: String,
    family: &'static str,
    qualifiers: Vec<&'static str>,
    actor: &'a str,
    target: &'a str,
    summary: &'a str,
    evidence: &'a str,
    title: Option<&'a str>,
    source: Option<&'a str>,
    pub_date: Option<&'a str>,
    /// Only http(s) URLs.
    url: Option<&'a str>,
}

#[derive(Debug, Serialize)]
struct PageData<'a> {
    title: String,
    events: Vec<PageEvent<'a>>,
}

fn page_event<'a>(r: &'a StoredEvent, doc: &'a Document) -> PageEvent<'a> {
    let e = &r.event;
    let d = e.date;
    PageEvent {
        id: r.id,
        article: &r.article_key,
        date: d
            .map(|d| human_date(&d))
            .unwrap_or_else(|| "Undated".into()),
        start: d.and_then(|d| d.start.first_day()).map(|x| x.to_string()),
        end: d
            .and_then(|d| d.end.unwrap_or(d.start).last_day())
            .map(|x| x.to_string()),
        precision: d
            .map(|d| precision_name(d.start.precision()))
            .unwrap_or("none"),
        range: d.is_some_and(|d| d.end.is_some_and(|x| x != d.start)),
        event_type: type_words(e.event_type.as_str()),
        family: e.event_type.family(),
        qualifiers: qualifiers(r),
        actor: doc.name(&e.actor),
        target: doc.name(&e.target),
        summary: &e.summary,
        evidence: &e.evidence,
        title: r.title.as_deref().filter(|t| !t.trim().is_empty()),
        source: r.source.as_deref().filter(|t| !t.trim().is_empty()),
        pub_date: r.pub_date.as_deref(),
        url: link_url(r.url.as_deref()),
    }
}

/// `'sha256-…'` for a Content-Security-Policy that allows exactly this inline script.
fn csp_hash(script: &str) -> String {
    format!("'sha256-{}'", base64(&Sha256::digest(script.as_bytes())))
}

fn base64(bytes: &[u8]) -> String {
    const ABC: &[u8; 64] = b"ABCDEFGHIJKLMNOPQRSTUVWXYZabcdefghijklmnopqrstuvwxyz0123456789+/";
    let mut o = String::with_capacity(bytes.len().div_ceil(3) * 4);
    for chunk in bytes.chunks(3) {
        let b = [
            chunk[0],
            chunk.get(1).copied().unwrap_or(0),
            chunk.get(2).copied().unwrap_or(0),
        ];
        let n = (u32::from(b[0]) << 16) | (u32::from(b[1]) << 8) | u32::from(b[2]);
        for i in 0..4 {
            if i <= chunk.len() {
                o.push(ABC[(n >> (18 - 6 * i) & 63) as usize] as char);
            } else {
                o.push('=');
            }
        }
    }
    o
}

/// Writes the page.
pub fn write<W: Write>(rows: &[StoredEvent], doc: &Document, w: &mut W) -> io::Result<()> {
    let title = doc.title();
    let data = PageData {
        title: title.clone(),
        events: rows.iter().map(|r| page_event(r, doc)).collect(),
    };
    let json = json_for_script(&data)?;
    let t = html_escape(&title);
    write!(
        w,
        r#"<!DOCTYPE html>
<html lang="en">
<head>
<meta charset="utf-8">
<meta name="viewport" content="width=device-width, initial-scale=1">
<meta http-equiv="Content-Security-Policy" content="default-src 'none'; style-src 'unsafe-inline'; script-src {hash}; img-src data:; base-uri 'none'; form-action 'none'">
<meta name="generator" content="dyad {version}">
<title>{t}</title>
<style>
{CSS}</style>
</head>
<body>
<header>
<h1>{t}</h1>
<p class="sub">{sub}</p>
</header>
<section id="chart" aria-label="Visual timeline">
<div class="toolbar">
<span><button type="button" id="zoom-out" aria-label="Zoom out">−</button> <button type="button" id="zoom-in" aria-label="Zoom in">+</button> <button type="button" id="zoom-fit">Fit</button></span>
<span class="legend"><span class="key"><span class="item dot f-contact"></span>day</span><span class="key"><span class="item bar month f-contact"></span>month</span><span class="key"><span class="item bar year f-contact"></span>year</span><span class="key"><span class="item bar range f-contact"></span>range</span><span>· hover for the summary, click for the evidence</span></span>
</div>
<div id="viewport"><div id="canvas"></div></div>
<noscript><p class="muted">The chart needs JavaScript; the table below lists every event.</p></noscript>
<div id="detail" hidden></div>
</section>
<h2 class="table">All events</h2>
"#,
        hash = csp_hash(SCRIPT),
        version = env!("CARGO_PKG_VERSION"),
        sub = html_escape(&doc.subtitle(rows)),
    )?;
    write_table(rows, doc, w)?;
    write!(
        w,
        r#"<div id="tip" hidden></div>
<script type="application/json" id="dyad-data">{json}</script>
<script>{SCRIPT}</script>
</body>
</html>
"#
    )
}

fn write_table<W: Write>(rows: &[StoredEvent], doc: &Document, w: &mut W) -> io::Result<()> {
    writeln!(
        w,
        "<table id=\"events\">\n<thead><tr><th>Date</th><th>Precision</th><th>Type</th><th>Actor → target</th><th>Summary</th><th>Evidence</th><th>Source</th></tr></thead>\n<tbody>"
    )?;
    for r in rows {
        let e = &r.event;
        let (date, precision) = match e.date {
            Some(d) => {
                let p = d.start.precision();
                let ranged = d.end.is_some_and(|x| x != d.start);
                (
                    human_date(&d),
                    match (ranged, p) {
                        (true, _) => "range",
                        (false, Precision::Day) => "day",
                        (false, Precision::Month) => "month",
                        (false, Precision::Year) => "year",
                    },
                )
            }
            None => ("Undated".to_string(), "—"),
        };
        let mut kind = type_words(e.event_type.as_str());
        let q = qualifiers(r);
        if !q.is_empty() {
            kind.push_str(&format!(" ({})", q.join(", ")));
        }
        let src = super::source_html(r, "<br><span class=\"muted\">", "</span>");
        writeln!(
            w,
            "<tr id=\"event-{id}\" class=\"f-{fam}\"><td class=\"date\">{date}</td><td>{precision}</td><td><span class=\"swatch\"></span>{kind}</td><td>{actor} → {target}</td><td>{summary}</td><td><blockquote>{evidence}</blockquote></td><td>{src}</td></tr>",
            id = r.id,
            fam = e.event_type.family(),
            date = html_escape(&date),
            kind = html_escape(&kind),
            actor = html_escape(doc.name(&e.actor)),
            target = html_escape(doc.name(&e.target)),
            summary = html_escape(&e.summary),
            evidence = html_escape(&e.evidence),
        )?;
    }
    writeln!(w, "</tbody>\n</table>")
}

#[cfg(test)]
mod tests {
    use super::*;
    use crate::output::tests::{fixture_rows, malicious_rows, names};
    use scraper::{Html, Selector};

    fn page(rows: &[StoredEvent]) -> String {
        let mut out = Vec::new();
        write(rows, &names(), &mut out).unwrap();
        String::from_utf8(out).unwrap()
    }

    fn select<'a>(doc: &'a Html, css: &str) -> Vec<scraper::ElementRef<'a>> {
        doc.select(&Selector::parse(css).unwrap()).collect()
    }

    fn island(doc: &Html) -> serde_json::Value {
        let s = select(doc, "script#dyad-data");
        assert_eq!(s.len(), 1);
        serde_json::from_str(&s[0].text().collect::<String>()).unwrap()
    }

    #[test]
    fn base64_matches_rfc4648() {
        for (i, o) in [
            ("", ""),
            ("f", "Zg=="),
            ("fo", "Zm8="),
            ("foo", "Zm9v"),
            ("foob", "Zm9vYg=="),
            ("foobar", "Zm9vYmFy"),
        ] {
            assert_eq!(base64(i.as_bytes()), o);
        }
    }

    #[test]
    fn page_is_self_contained_with_a_row_per_event() {
        let html = page(&fixture_rows());
        let doc = Html::parse_document(&html);
        assert_eq!(
            select(&doc, "h1")[0].text().collect::<String>(),
            "Japan–China timeline"
        );
        assert_eq!(select(&doc, "#events tbody tr").len(), 5, "undated too");
        assert!(html.contains(&csp_hash(SCRIPT)));
        for (css, attr) in [("script[src]", "src"), ("link", "href"), ("img", "src")] {
            assert!(select(&doc, css).is_empty(), "{attr}: nothing is fetched");
        }
        let v = island(&doc);
        let ev = v["events"].as_array().unwrap();
        assert_eq!(ev.len(), 5);
        assert_eq!(ev[0]["start"], "2019-01-01");
        assert_eq!(ev[0]["end"], "2019-12-31");
        assert_eq!(ev[0]["precision"], "year");
        assert_eq!(ev[1]["end"], "2023-03-31");
        assert_eq!(ev[3]["range"], true);
        assert_eq!(ev[4]["start"], serde_json::Value::Null);
        assert_eq!(ev[2]["family"], "contact");
        // the table in a snapshot; the CSS and script are files of their own
        let table = &html[html.find("<table").unwrap()..html.find("</table>").unwrap() + 8];
        insta::assert_snapshot!(table);
    }

    #[test]
    fn article_text_never_runs() {
        let rows = malicious_rows();
        let html = page(&rows);
        let doc = Html::parse_document(&html);
        // exactly our two scripts: the data island and the page script
        let scripts = select(&doc, "script");
        assert_eq!(scripts.len(), 2, "{html}");
        assert_eq!(scripts[0].value().attr("type"), Some("application/json"));
        assert_eq!(
            scripts[1].text().collect::<String>(),
            SCRIPT,
            "the page script is unchanged"
        );
        assert!(select(&doc, "img").is_empty(), "no tag from the text");
        for e in doc
            .root_element()
            .descendants()
            .filter_map(scraper::ElementRef::wrap)
        {
            for (name, value) in e.value().attrs() {
                assert!(!name.starts_with("on"), "event handler {name}={value}");
                assert!(
                    !value.to_ascii_lowercase().contains("javascript:"),
                    "{name}={value}"
                );
            }
        }
        // the island holds the text unchanged, and cannot close its element
        let raw = &html[html.find("id=\"dyad-data\">").unwrap() + 15..];
        let raw = &raw[..raw.find("</script>").unwrap()];
        assert!(!raw.contains(['<', '>', '&']), "{raw}");
        let v = island(&doc);
        assert_eq!(v["events"][0]["summary"], rows[0].event.summary.as_str());
        assert_eq!(v["events"][1]["evidence"], "-1 </SCRIPT >alert(7)");
        assert_eq!(
            v["events"][0]["url"],
            serde_json::Value::Null,
            "no javascript: link"
        );
        // the table shows the text as text
        let cells: String = select(&doc, "#events td")
            .iter()
            .flat_map(|c| c.text())
            .collect();
        assert!(cells.contains("<script>alert(1)</script>"), "{cells}");
        assert!(cells.contains("=HYPERLINK("), "{cells}");
    }
}
