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
    text_hash, EventArticle, EventFilter, InsertOutcome, NewArticle, Store, StoredEvent,
    StubArticle,
};
use crate::temporal;
use chrono::NaiveDate;
use rayon::prelude::*;
use std::collections::HashMap;
use std::sync::mpsc::{sync_channel, Receiver, SyncSender};

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

/// Compiles what reading and extraction otherwise compile on first use (the patterns of
/// datelines, dates, temporal expressions and tokens): `dyad import` runs it on another thread
/// while the dictionaries load and the database opens, so that the first batches do not wait.
pub fn warm_up() {
    let text = "TOKYO, March 3 - Café’s talks on Monday, March 3, 1987, more than two years ago.";
    let _ = ingest::find_dateline(text);
    let _ = ingest::parse_dateline("TOKYO, March 3");
    let _ = ingest::parse_pub_date("1987-03-03");
    if let Some(dct) = NaiveDate::from_ymd_opt(1987, 3, 3) {
        let _ = temporal::tag(text, dct, &temporal::Options::default());
    }
    let _ = crate::text::tokens(text, Span::new(0, text.len()));
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

/// The events (and countries) of an article not yet stored, or why there are none.
type Extracted = Option<std::result::Result<Extraction, String>>;

/// Runs `extract` on `a` seen as the article it will be once stored, without copying its text.
fn with_article<T>(a: &mut NewArticle, extract: impl FnOnce(&Article) -> T) -> T {
    let art = Article {
        id: 0,
        key: article_key(a),
        title: a.title.take(),
        text: std::mem::take(&mut a.text),
        pub_date: a.pub_date,
        pub_date_basis: a.pub_date_basis,
        source: a.source.clone(),
        url: a.url.clone(),
        anchor_date: a.anchor_date,
    };
    let out = extract(&art);
    a.text = art.text;
    a.title = art.title;
    out
}

/// Writes one batch in one transaction: each new article with its events (extracted already,
/// else now: stored by another import since the read, then deleted, is rare).
fn write_batch(
    store: &mut Store,
    extractor: &Extractor,
    batch: &mut [NewArticle],
    hashes: &[String],
    extracted: Vec<Extracted>,
) -> Result<(ImportCounts, Vec<Failure>)> {
    store.transaction(|tx| {
        let mut counts = ImportCounts::default();
        let mut failures = Vec::new();
        let items: Vec<(&NewArticle, &str)> = batch
            .iter()
            .zip(hashes)
            .map(|(a, h)| (a, h.as_str()))
            .collect();
        let outcomes = tx.insert_articles(&items)?;
        for ((a, outcome), ev) in batch.iter_mut().zip(outcomes).zip(extracted) {
            match outcome {
                InsertOutcome::New(id) => {
                    counts.new += 1;
                    let ev = match ev {
                        Some(ev) => ev,
                        None => with_article(a, |art| extractor.extract_full_guarded(art)),
                    };
                    match ev {
                        Ok(x) => {
                            tx.replace_extraction(id, &x)?;
                            counts.events += x.events.len();
                        }
                        Err(e) => failures.push(Failure::Extraction(article_key(a), e)),
                    }
                }
                InsertOutcome::Unchanged(_) => counts.unchanged += 1,
                InsertOutcome::IdConflict(_) => {
                    counts.conflicts += 1;
                    failures.push(Failure::IdConflict(a.origin.clone()));
                }
            }
        }
        Ok((counts, failures))
    })
}

impl ImportCounts {
    fn add(&mut self, o: ImportCounts) {
        self.new += o.new;
        self.unchanged += o.unchanged;
        self.conflicts += o.conflicts;
        self.events += o.events;
    }
}

/// Batches articles into the database and extracts the events of new ones, on the calling
/// thread (extraction of a batch in parallel). [`import`] overlaps reading, extraction and
/// writing instead.
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
        let mut batch = std::mem::take(&mut self.batch);
        let extractor = self.extractor;
        // Extract before taking the write lock, so that a slow article never holds it; the
        // articles already stored are skipped here with a read, and the write transaction
        // checks again (another import may have stored one meanwhile).
        let hashes: Vec<String> = batch.iter().map(|a| text_hash(&a.text)).collect();
        let mut known = Vec::with_capacity(batch.len());
        for (a, h) in batch.iter().zip(&hashes) {
            known.push(self.store.article_exists_hashed(a, h)?);
        }
        let extracted: Vec<Extracted> = batch
            .par_iter_mut()
            .zip(&known)
            .map(|(a, &k)| (!k).then(|| with_article(a, |art| extractor.extract_full_guarded(art))))
            .collect();
        let (counts, failures) =
            write_batch(self.store, extractor, &mut batch, &hashes, extracted)?;
        self.counts.add(counts);
        self.failures.extend(failures);
        Ok(())
    }

    pub fn finish(mut self) -> Result<ImportCounts> {
        self.flush()?;
        Ok(self.counts)
    }
}

/// Articles read for [`import`], batched and handed to the extraction threads.
pub struct Feeder<'a> {
    /// A second connection, for reading which articles are stored already (none in memory).
    reader: Option<Store>,
    batch: Vec<NewArticle>,
    bytes: usize,
    /// Articles in the next batch: small at first, so that every thread starts early.
    size: usize,
    jobs: SyncSender<Job>,
    /// One receiver per batch, in input order: the writer takes each batch's result in turn.
    pending: SyncSender<Receiver<Done>>,
    _extractor: std::marker::PhantomData<&'a Extractor>,
}

/// A batch to extract, and where its result goes.
struct Job {
    batch: Vec<NewArticle>,
    hashes: Vec<String>,
    known: Vec<bool>,
    done: SyncSender<Done>,
}

/// A batch with its events, ready to write.
struct Done {
    batch: Vec<NewArticle>,
    hashes: Vec<String>,
    extracted: Vec<Extracted>,
}

/// Articles in a full batch (one transaction).
const BATCH_ARTICLES: usize = 1024;
/// Text in a full batch, so that memory stays bounded however long the articles are.
const BATCH_BYTES: usize = 4 << 20;
/// Batches read ahead of the one being written.
const IN_FLIGHT: usize = 6;

fn no_thread<E: From<crate::Error>>(e: std::io::Error) -> E {
    crate::Error::Invalid(format!("cannot start a thread: {e}")).into()
}

/// The writer stopped (its own error is the one reported).
fn writer_gone() -> crate::Error {
    crate::Error::Invalid("internal error: the database writer stopped".into())
}

impl Feeder<'_> {
    pub fn push(&mut self, a: NewArticle) -> Result<()> {
        self.bytes += a.text.len();
        self.batch.push(a);
        if self.batch.len() >= self.size || self.bytes >= BATCH_BYTES {
            self.dispatch()?;
            self.size = (self.size * 2).min(BATCH_ARTICLES);
        }
        Ok(())
    }

    fn dispatch(&mut self) -> Result<()> {
        if self.batch.is_empty() {
            return Ok(());
        }
        let batch = std::mem::take(&mut self.batch);
        self.bytes = 0;
        let hashes: Vec<String> = batch.iter().map(|a| text_hash(&a.text)).collect();
        let known = match &self.reader {
            Some(r) => batch
                .iter()
                .zip(&hashes)
                .map(|(a, h)| r.article_exists_hashed(a, h))
                .collect::<Result<Vec<bool>>>()?,
            None => vec![false; batch.len()],
        };
        let (done, result) = sync_channel(1);
        self.pending.send(result).map_err(|_| writer_gone())?;
        self.jobs
            .send(Job {
                batch,
                hashes,
                known,
                done,
            })
            .map_err(|_| writer_gone())
    }
}

/// Imports the articles that `feed` pushes: it reads them on the calling thread while other
/// threads extract the events of earlier batches and one writes the batches before, in input
/// order, each in one transaction. What is read ahead is bounded ([`IN_FLIGHT`] batches of at
/// most [`BATCH_ARTICLES`] articles or [`BATCH_BYTES`] of text). The articles already stored
/// are not extracted again (a read, checked again when writing). An error of `feed` stops the
/// import after the batches already handed over are written.
pub fn import<E: From<crate::Error>>(
    store: &mut Store,
    extractor: &Extractor,
    feed: impl FnOnce(&mut Feeder<'_>) -> std::result::Result<(), E>,
) -> std::result::Result<(ImportCounts, Vec<Failure>), E> {
    let reader = match store.path() {
        ":memory:" => None,
        p => Some(Store::open(std::path::Path::new(p))?),
    };
    let workers = std::thread::available_parallelism().map_or(2, |n| n.get().clamp(1, 16));
    let (jobs, job_rx) = sync_channel::<Job>(workers);
    let job_rx = std::sync::Mutex::new(job_rx);
    std::thread::scope(|s| {
        for _ in 0..workers {
            let job_rx = &job_rx;
            let worker = std::thread::Builder::new().name("dyad-extract".into());
            worker
                .spawn_scoped(s, move || loop {
                    let job = match job_rx.lock() {
                        Ok(rx) => rx.recv(),
                        Err(_) => return,
                    };
                    let Ok(mut job) = job else { return };
                    let extracted = job
                        .batch
                        .iter_mut()
                        .zip(&job.known)
                        .map(|(a, &k)| {
                            (!k).then(|| with_article(a, |art| extractor.extract_full_guarded(art)))
                        })
                        .collect();
                    let _ = job.done.send(Done {
                        batch: job.batch,
                        hashes: job.hashes,
                        extracted,
                    });
                })
                .map_err(no_thread)?;
        }
        let (pending, pending_rx) = sync_channel::<Receiver<Done>>(IN_FLIGHT);
        let writer = std::thread::Builder::new().name("dyad-write".into());
        let writer = writer
            .spawn_scoped(s, move || -> Result<(ImportCounts, Vec<Failure>)> {
                let mut counts = ImportCounts::default();
                let mut failures = Vec::new();
                for result in pending_rx {
                    let mut done = result.recv().map_err(|_| {
                        crate::Error::Invalid("internal error: an extraction thread stopped".into())
                    })?;
                    let (c, f) = write_batch(
                        store,
                        extractor,
                        &mut done.batch,
                        &done.hashes,
                        done.extracted,
                    )?;
                    counts.add(c);
                    failures.extend(f);
                }
                Ok((counts, failures))
            })
            .map_err(no_thread)?;
        let mut feeder = Feeder {
            reader,
            batch: Vec::new(),
            bytes: 0,
            size: 16,
            jobs,
            pending,
            _extractor: std::marker::PhantomData,
        };
        let fed = feed(&mut feeder).and_then(|()| feeder.dispatch().map_err(E::from));
        // closing the channels ends the workers and, once it has written everything, the writer
        drop(feeder);
        let written = writer.join().unwrap_or_else(|_| {
            Err(crate::Error::Invalid(
                "internal error: the database writer panicked".into(),
            ))
        });
        match (written, fed) {
            (Err(e), _) => Err(e.into()),
            (Ok(_), Err(e)) => Err(e),
            (Ok(w), Ok(())) => Ok(w),
        }
    })
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
