//! From parsed records to stored articles and events. [`prepare`] settles each record's
//! publication date (given, inferred from the text, or none); the [`Loader`] owns the database
//! side: it batches articles into transactions and extracts the events of new ones in parallel.

use crate::error::Result;
use crate::ingest::{self, RawArticle};
use crate::model::{Article, PubDateBasis};
use crate::pipeline::Extractor;
use crate::store::{InsertOutcome, NewArticle, Store};
use crate::temporal;
use chrono::NaiveDate;
use rayon::prelude::*;

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

/// How an article will look once stored, for extracting its events before it is.
fn as_article(a: &NewArticle) -> Article {
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

fn article_key(a: &NewArticle) -> String {
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
        let extracted: Vec<Option<std::result::Result<Vec<crate::model::Event>, String>>> = batch
            .par_iter()
            .zip(&known)
            .map(|(a, &k)| (!k).then(|| extractor.extract_guarded(&as_article(a))))
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
                            None => extractor.extract_guarded(&as_article(a)),
                        };
                        match ev {
                            Ok(ev) => {
                                tx.replace_events(id, &ev)?;
                                counts.events += ev.len();
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
        let arts: Vec<Article> = chunk
            .iter()
            .filter_map(|&id| store.article(id).transpose())
            .collect::<Result<_>>()?;
        let events: Vec<_> = arts
            .par_iter()
            .map(|a| extractor.extract_guarded(a))
            .collect();
        total += store.transaction(|tx| {
            let mut n = 0;
            for (a, ev) in arts.iter().zip(events) {
                match ev {
                    Ok(ev) => {
                        tx.replace_events(a.id, &ev)?;
                        n += ev.len();
                    }
                    Err(e) => failures.push(Failure::Extraction(a.key.clone(), e)),
                }
            }
            Ok(n)
        })?;
    }
    Ok((total, failures))
}
