//! From parsed records to stored articles and events. [`prepare`] settles each record's
//! publication date (given, inferred from the text, or none); the [`Loader`] owns the database
//! side: it batches articles into transactions and extracts the events of new ones in parallel.

use crate::error::Result;
use crate::ingest::{self, RawArticle};
use crate::model::{
    Action, Article, DateBasis, DateSpan, Event, EventType, Origin, PartialDate, Precision,
    PubDateBasis, Span, Status,
};
use crate::pipeline::{Extraction, Extractor};
use crate::store::{
    EventArticle, EventFilter, InsertOutcome, NewArticle, Store, StoredEvent, StubArticle,
};
use crate::temporal;
use chrono::NaiveDate;
use rayon::prelude::*;
use std::collections::HashMap;

/// Defaults given on the command line.
#[derive(Debug, Clone, Default)]
pub struct ImportOptions {
    pub default_date: Option<NaiveDate>,
    pub default_source: Option<String>,
}

/// A record ready to store, with what was noticed on the way.
#[derive(Debug, Clone)]
pub struct Prepared {
    pub article: NewArticle,
    pub warnings: Vec<String>,
}

/// The latest fully written day ("2 April 2023") in the text, if any.
pub fn infer_date(text: &str) -> Option<NaiveDate> {
    let dct = NaiveDate::from_ymd_opt(2000, 1, 1)?;
    temporal::tag(text, dct, &temporal::Options::default())
        .into_iter()
        .filter(|t| !t.anchored)
        .filter_map(|t| t.span)
        .filter(|s| s.end.is_none() && s.start.day.is_some())
        .filter_map(|s| s.start.first_day())
        .max()
}

/// Settles the publication date and dateline anchor of a parsed record.
pub fn prepare(raw: RawArticle, opts: &ImportOptions) -> Prepared {
    let mut warnings = Vec::new();
    let mut pub_date = None;
    let mut basis = PubDateBasis::Undated;
    if let Some(d) = raw.date.as_deref() {
        match ingest::parse_pub_date(d) {
            Some(x) => {
                pub_date = Some(x);
                basis = PubDateBasis::Given;
            }
            None => warnings.push(format!("unparseable date \"{d}\"")),
        }
    }
    if pub_date.is_none() {
        if let Some(d) = opts.default_date {
            pub_date = Some(d);
            basis = PubDateBasis::Given;
        }
    }
    let dateline = raw
        .dateline
        .as_deref()
        .and_then(ingest::parse_dateline)
        .or_else(|| ingest::find_dateline(&raw.text));
    if pub_date.is_none() {
        match infer_date(&raw.text) {
            Some(d) => {
                pub_date = Some(d);
                basis = PubDateBasis::Inferred;
                warnings.push(format!("no publication date: inferred {d} from the text"));
            }
            None => warnings.push(
                "no publication date, and none could be inferred from the text: stored undated"
                    .into(),
            ),
        }
    }
    let anchor_date = match (&dateline, pub_date) {
        (Some(dl), Some(p)) => ingest::dateline_date(dl, p).filter(|d| *d != p),
        _ => None,
    };
    Prepared {
        article: NewArticle {
            ext_id: raw.id,
            title: raw.title,
            text: raw.text,
            url: raw.url,
            source: raw.source.or_else(|| opts.default_source.clone()),
            pub_date,
            pub_date_basis: basis,
            anchor_date,
            origin: raw.origin,
        },
        warnings,
    }
}

/// What an import did.
#[derive(Debug, Clone, Copy, Default, PartialEq, Eq)]
pub struct ImportCounts {
    pub new: usize,
    pub unchanged: usize,
    /// Same id as a stored article but a different text: not imported.
    pub conflicts: usize,
    pub events: usize,
}

/// How an article will look once stored, for extracting its events before it is (or
/// without storing it: `dyad extract --jsonl`).
pub fn as_article(a: &NewArticle) -> Article {
    Article {
        id: 0,
        key: article_key(a),
        title: a.title.clone(),
        text: a.text.clone(),
        pub_date: a.pub_date,
        pub_date_basis: a.pub_date_basis,
        source: a.source.clone(),
        url: a.url.clone(),
        anchor_date: a.anchor_date,
    }
}

/// The id an article is known by: the one given, else where it was read (`feed.jsonl:12`).
pub fn article_key(a: &NewArticle) -> String {
    a.ext_id.clone().unwrap_or_else(|| a.origin.clone())
}

/// An article that could not be fully processed.
#[derive(Debug, Clone, PartialEq)]
pub enum Failure {
    /// Same id as a stored article, different text (origin): not imported.
    IdConflict(String),
    /// Stored, but extraction failed (article key, message): it has no events.
    Extraction(String, String),
}

impl std::fmt::Display for Failure {
    fn fmt(&self, f: &mut std::fmt::Formatter<'_>) -> std::fmt::Result {
        match self {
            Failure::IdConflict(origin) => write!(
                f,
                "{origin}: an article with the same id but a different text is already stored: not imported"
            ),
            Failure::Extraction(key, msg) => write!(f, "article {key}: {msg}"),
        }
    }
}

/// Batches articles into the database and extracts the events of new ones.
pub struct Loader<'a> {
    store: &'a mut Store,
    extractor: &'a Extractor,
    batch: Vec<NewArticle>,
    batch_size: usize,
    pub counts: ImportCounts,
    /// Articles rejected for an id conflict, or whose extraction failed.
    pub failures: Vec<Failure>,
}

impl<'a> Loader<'a> {
    pub fn new(store: &'a mut Store, extractor: &'a Extractor) -> Self {
        Loader {
            store,
            extractor,
            batch: Vec::new(),
            batch_size: 256,
            counts: ImportCounts::default(),
            failures: Vec::new(),
        }
    }

    pub fn push(&mut self, a: NewArticle) -> Result<()> {
        self.batch.push(a);
        if self.batch.len() >= self.batch_size {
            self.flush()?;
        }
        Ok(())
    }

    /// Writes what is pending in one transaction.
    pub fn flush(&mut self) -> Result<()> {
        if self.batch.is_empty() {
            return Ok(());
        }
        let batch = std::mem::take(&mut self.batch);
        let extractor = self.extractor;
        // Extract before taking the write lock, so that a slow article never holds it; the
        // articles already stored are skipped here with a read, and the write transaction
        // checks again (another import may have stored one meanwhile).
        let mut known = Vec::with_capacity(batch.len());
        for a in &batch {
            known.push(self.store.article_exists(a)?);
        }
        let extracted: Vec<Option<std::result::Result<Extraction, String>>> = batch
            .par_iter()
            .zip(&known)
            .map(|(a, &k)| (!k).then(|| extractor.extract_full_guarded(&as_article(a))))
            .collect();
        let (counts, conflicts) = self.store.transaction(|tx| {
            let mut counts = ImportCounts::default();
            let mut conflicts = Vec::new();
            for (a, ev) in batch.iter().zip(&extracted) {
                match tx.insert_article(a)? {
                    InsertOutcome::New(id) => {
                        counts.new += 1;
                        let ev = match ev {
                            Some(ev) => ev.clone(),
                            // stored by another import since the read, then deleted: rare
                            None => extractor.extract_full_guarded(&as_article(a)),
                        };
                        match ev {
                            Ok(x) => {
                                tx.replace_extraction(id, &x)?;
                                counts.events += x.events.len();
                            }
                            Err(e) => conflicts.push(Failure::Extraction(article_key(a), e)),
                        }
                    }
                    InsertOutcome::Unchanged(_) => counts.unchanged += 1,
                    InsertOutcome::IdConflict(_) => {
                        counts.conflicts += 1;
                        conflicts.push(Failure::IdConflict(a.origin.clone()));
                    }
                }
            }
            Ok((counts, conflicts))
        })?;
        self.counts.new += counts.new;
        self.counts.unchanged += counts.unchanged;
        self.counts.conflicts += counts.conflicts;
        self.counts.events += counts.events;
        self.failures.extend(conflicts);
        Ok(())
    }

    pub fn finish(mut self) -> Result<ImportCounts> {
        self.flush()?;
        Ok(self.counts)
    }
}

/// Re-extracts the events of the given articles, each article's events replaced atomically.
/// Returns the number of events and the articles whose extraction failed (their old events kept).
pub fn reextract(
    store: &mut Store,
    extractor: &Extractor,
    ids: &[i64],
) -> Result<(usize, Vec<Failure>)> {
    let mut total = 0;
    let mut failures = Vec::new();
    for chunk in ids.chunks(256) {
        let mut arts: Vec<Article> = Vec::with_capacity(chunk.len());
        for &id in chunk {
            // a stub has no text: its imported events stand
            if !store.is_stub(id)? {
                arts.extend(store.article(id)?);
            }
        }
        let events: Vec<_> = arts
            .par_iter()
            .map(|a| extractor.extract_full_guarded(a))
            .collect();
        total += store.transaction(|tx| {
            let mut n = 0;
            for (a, ev) in arts.iter().zip(events) {
                match ev {
                    Ok(x) => {
                        tx.replace_extraction(a.id, &x)?;
                        n += x.events.len();
                    }
                    Err(e) => failures.push(Failure::Extraction(a.key.clone(), e)),
                }
            }
            Ok(n)
        })?;
    }
    Ok((total, failures))
}

/// One event as a line of JSON: what `dyad extract --jsonl` writes and `dyad import-events`
/// reads. The fields (and their order) of `dyad events --format jsonl`, without the database
/// id; `article` is the article's id, else where it was read (`<stdin>:12`).
#[derive(Debug, Clone, PartialEq, serde::Serialize, serde::Deserialize)]
pub struct EventLine {
    pub article: String,
    #[serde(rename = "type")]
    pub event_type: EventType,
    #[serde(default)]
    pub cameo: Option<String>,
    pub actor: String,
    pub target: String,
    #[serde(default)]
    pub date: Option<String>,
    #[serde(default)]
    pub date_end: Option<String>,
    #[serde(default)]
    pub precision: Option<Precision>,
    pub date_basis: DateBasis,
    pub status: Status,
    pub action: Action,
    #[serde(default)]
    pub summary: String,
    #[serde(default)]
    pub evidence: String,
    #[serde(default)]
    pub confidence: f64,
    #[serde(default)]
    pub rule: String,
    #[serde(default)]
    pub title: Option<String>,
    #[serde(default)]
    pub source: Option<String>,
    #[serde(default)]
    pub url: Option<String>,
    #[serde(default)]
    pub pub_date: Option<String>,
}

impl EventLine {
    pub fn new(article: &Article, e: &Event) -> Self {
        EventLine {
            article: article.key.clone(),
            event_type: e.event_type,
            cameo: e.cameo.clone(),
            actor: e.actor.clone(),
            target: e.target.clone(),
            date: e.date.map(|d| d.start.to_string()),
            date_end: e.date.and_then(|d| d.end).map(|d| d.to_string()),
            precision: e.date.map(|d| d.start.precision()),
            date_basis: e.date_basis,
            status: e.status,
            action: e.action,
            summary: e.summary.clone(),
            evidence: e.evidence.clone(),
            confidence: e.confidence,
            rule: e.rule.clone(),
            title: article.title.clone(),
            source: article.source.clone(),
            url: article.url.clone(),
            pub_date: article.pub_date.map(|d| d.to_string()),
        }
    }

    /// What the line says of its article, and the event itself. The event has no spans into
    /// the text (there is none): its evidence sentence stands for it.
    pub fn into_parts(self, origin: &str) -> std::result::Result<(StubArticle, Event), String> {
        let nonempty = |v: &str, what: &str| {
            if v.trim().is_empty() {
                Err(format!("empty \"{what}\""))
            } else {
                Ok(())
            }
        };
        nonempty(&self.article, "article")?;
        nonempty(&self.actor, "actor")?;
        nonempty(&self.target, "target")?;
        let date = |d: Option<&str>| d.map(str::parse::<PartialDate>).transpose();
        let start = date(self.date.as_deref())?;
        let end = date(self.date_end.as_deref())?;
        if start.is_none() && end.is_some() {
            return Err("\"date_end\" without \"date\"".into());
        }
        let pub_date = self
            .pub_date
            .as_deref()
            .map(|d| {
                NaiveDate::parse_from_str(d, "%Y-%m-%d")
                    .map_err(|_| format!("invalid \"pub_date\" \"{d}\": expected YYYY-MM-DD"))
            })
            .transpose()?;
        let article = StubArticle {
            key: self.article,
            title: self.title,
            source: self.source,
            url: self.url,
            pub_date,
            origin: origin.to_string(),
        };
        let sentence = Span::new(0, 0);
        let event = Event {
            event_type: self.event_type,
            cameo: self.cameo,
            actor: self.actor,
            target: self.target,
            date: start.map(|start| DateSpan { start, end }),
            date_basis: self.date_basis,
            status: self.status,
            action: self.action,
            summary: self.summary,
            evidence: self.evidence,
            sentence,
            trigger: sentence,
            actor_span: None,
            target_span: None,
            date_span: None,
            date_note: format!("imported from {origin}"),
            role_note: format!("imported from {origin}"),
            rule: self.rule,
            confidence: self.confidence,
        };
        Ok((article, event))
    }
}

/// Reads one [`EventLine`] (`origin` names it in the message of a bad one).
pub fn parse_event_line(
    line: &str,
    origin: &str,
) -> std::result::Result<(StubArticle, Event), String> {
    let l: EventLine = serde_json::from_str(line).map_err(|e| e.to_string())?;
    l.into_parts(origin)
}

/// The events of each article, extracted in parallel, in the order of the articles.
pub fn extract_all(
    extractor: &Extractor,
    articles: &[Article],
) -> Vec<std::result::Result<Vec<Event>, String>> {
    articles
        .par_iter()
        .map(|a| extractor.extract_guarded(a))
        .collect()
}

/// What an events import did.
#[derive(Debug, Clone, Copy, Default, PartialEq, Eq)]
pub struct EventCounts {
    pub added: usize,
    /// The same event was stored already (imported before).
    pub duplicates: usize,
    /// Its article is stored with its text: the article's own events stand.
    pub skipped: usize,
    /// Articles created as stubs for the events.
    pub stubs: usize,
}

/// Batches imported events into transactions (`dyad import-events`); memory is one batch.
pub struct EventLoader<'a> {
    store: &'a mut Store,
    batch: Vec<(StubArticle, Event)>,
    pub counts: EventCounts,
}

impl<'a> EventLoader<'a> {
    pub fn new(store: &'a mut Store) -> Self {
        EventLoader {
            store,
            batch: Vec::new(),
            counts: EventCounts::default(),
        }
    }

    pub fn push(&mut self, article: StubArticle, event: Event) -> Result<()> {
        self.batch.push((article, event));
        if self.batch.len() >= 1024 {
            self.flush()?;
        }
        Ok(())
    }

    pub fn flush(&mut self) -> Result<()> {
        if self.batch.is_empty() {
            return Ok(());
        }
        let batch = std::mem::take(&mut self.batch);
        let c = self.store.transaction(|tx| {
            let mut c = EventCounts::default();
            for (a, e) in &batch {
                let id = match tx.event_article(a)? {
                    EventArticle::Full(_) => {
                        c.skipped += 1;
                        continue;
                    }
                    EventArticle::NewStub(id) => {
                        c.stubs += 1;
                        id
                    }
                    EventArticle::Stub(id) => id,
                };
                if tx.add_event_once(id, e)? {
                    c.added += 1;
                } else {
                    c.duplicates += 1;
                }
            }
            Ok(c)
        })?;
        self.counts.added += c.added;
        self.counts.duplicates += c.duplicates;
        self.counts.skipped += c.skipped;
        self.counts.stubs += c.stubs;
        Ok(())
    }

    pub fn finish(mut self) -> Result<EventCounts> {
        self.flush()?;
        Ok(self.counts)
    }
}

/// What a merge did.
#[derive(Debug, Clone, Copy, Default, PartialEq, Eq)]
pub struct MergeCounts {
    /// Articles copied (stubs included).
    pub new: usize,
    /// Articles already there (same id, URL or text).
    pub unchanged: usize,
    pub conflicts: usize,
    /// Events copied.
    pub events: usize,
    /// People's decisions copied (`dyad event ...`).
    pub decisions: usize,
}

/// Copies the articles of `input` that `out` lacks, each with its events, de-duplicating as
/// an import does (same id, URL or normalized text); a stub is completed by the full article,
/// and the events of a stub are added unless already there. Reads and writes in batches.
pub fn merge(out: &mut Store, input: &Store) -> Result<(MergeCounts, Vec<Failure>)> {
    let mut counts = MergeCounts::default();
    let mut failures = Vec::new();
    let mut after = 0;
    let mut groups: HashMap<i64, i64> = HashMap::new();
    loop {
        let page = input.articles_after(after, 256)?;
        let Some(last) = page.last() else { break };
        after = last.id;
        let events = page
            .iter()
            .map(|a| input.article_events_keyed(a.id))
            .collect::<Result<Vec<_>>>()?;
        // people's work on each article: added events and decisions (oldest first), and the
        // countries it mentions
        let mut curation = Vec::with_capacity(page.len());
        for a in &page {
            let added: Vec<StoredEvent> = input
                .events(&EventFilter {
                    article_id: Some(a.id),
                    ..EventFilter::default()
                })?
                .into_iter()
                .filter(|e| e.origin == Origin::User)
                .collect();
            let mut decisions = input.decisions(Some(a.id))?;
            decisions.reverse();
            curation.push((added, decisions, input.article_countries(a.id)?));
        }
        let (c, f) = out.transaction(|tx| {
            let mut c = MergeCounts::default();
            let mut f = Vec::new();
            for ((a, evs), (added, decisions, countries)) in page.iter().zip(&events).zip(&curation)
            {
                if a.stub {
                    let stub = StubArticle {
                        key: article_key(&a.article),
                        title: a.article.title.clone(),
                        source: a.article.source.clone(),
                        url: a.article.url.clone(),
                        pub_date: a.article.pub_date,
                        origin: a.article.origin.clone(),
                    };
                    let id = match tx.event_article(&stub)? {
                        // the stored article's own extraction stands; what people added or
                        // decided on the stub comes along
                        EventArticle::Full(id) => {
                            c.unchanged += 1;
                            c.decisions += tx.copy_curation(id, added, decisions, &mut groups)?;
                            continue;
                        }
                        EventArticle::NewStub(id) => {
                            c.new += 1;
                            id
                        }
                        EventArticle::Stub(id) => {
                            c.unchanged += 1;
                            id
                        }
                    };
                    for (e, _) in evs {
                        if tx.add_event_once(id, e)? {
                            c.events += 1;
                        }
                    }
                    c.decisions += tx.copy_curation(id, added, decisions, &mut groups)?;
                    continue;
                }
                match tx.insert_article(&a.article)? {
                    InsertOutcome::New(id) => {
                        c.new += 1;
                        tx.replace_events_keyed(id, evs)?;
                        if let Some(countries) = countries {
                            tx.write_countries(id, countries)?;
                        }
                        c.events += evs.len();
                        c.decisions += tx.copy_curation(id, added, decisions, &mut groups)?;
                    }
                    InsertOutcome::Unchanged(id) => {
                        c.unchanged += 1;
                        c.decisions += tx.copy_curation(id, added, decisions, &mut groups)?;
                    }
                    InsertOutcome::IdConflict(_) => {
                        c.conflicts += 1;
                        f.push(Failure::IdConflict(format!(
                            "{} (article {})",
                            input.path(),
                            article_key(&a.article)
                        )));
                    }
                }
            }
            Ok((c, f))
        })?;
        counts.new += c.new;
        counts.unchanged += c.unchanged;
        counts.conflicts += c.conflicts;
        counts.events += c.events;
        counts.decisions += c.decisions;
        failures.extend(f);
    }
    Ok((counts, failures))
}
