//! Events: atomic replacement per article, filtered listing, statistics.

use super::{Store, Tx};
use crate::error::Result;
use crate::model::{DateSpan, Event, EventType, Origin, PartialDate, Review, Span};
use rusqlite::{params, params_from_iter, Row};
use std::collections::{BTreeMap, HashMap};

/// An event as stored, with the article it came from.
#[derive(Debug, Clone, PartialEq, serde::Serialize)]
pub struct StoredEvent {
    pub id: i64,
    pub article_id: i64,
    pub article_key: String,
    pub title: Option<String>,
    pub source: Option<String>,
    pub url: Option<String>,
    pub pub_date: Option<String>,
    pub event: Event,
    /// What people decided about it, if anything (`dyad event ...`).
    pub review: Option<Review>,
    pub origin: Origin,
    /// Events forced into one timeline entry share this (`dyad event merge`).
    pub merge_group: Option<i64>,
    /// Never merged with other reports (`dyad event split`).
    pub apart: bool,
}

/// Which events to list. Empty fields do not filter.
#[derive(Debug, Clone, Default, PartialEq)]
pub struct EventFilter {
    pub article_id: Option<i64>,
    pub event_id: Option<i64>,
    /// Both directions between the two countries.
    pub pair: Option<(String, String)>,
    pub from: Option<PartialDate>,
    pub to: Option<PartialDate>,
    pub types: Vec<EventType>,
    /// Leave out the events people rejected.
    pub hide_rejected: bool,
    /// Only the events people merged into an entry (`Some(true)`), or only the others.
    pub merged_by_people: Option<bool>,
}

/// Counts for `dyad stats`.
#[derive(Debug, Clone, Default, PartialEq, serde::Serialize)]
pub struct Stats {
    pub articles_total: i64,
    pub articles_dated: i64,
    pub articles_inferred: i64,
    pub articles_undated: i64,
    pub events_total: i64,
    pub events_by_type: BTreeMap<String, i64>,
    /// Unordered pairs (a < b) with their number of events, most first.
    pub pairs: Vec<(String, String, i64)>,
}

impl Tx<'_> {
    /// Replaces the extracted events of `article_id` with `events` (events people added stay),
    /// then applies the article's decisions to the new rows.
    pub fn replace_events(&self, article_id: i64, events: &[Event]) -> Result<()> {
        self.tx
            .prepare_cached(
                "DELETE FROM events WHERE article_id = ?1 AND origin IN ('extracted', 'kept')",
            )?
            .execute([article_id])?;
        self.insert_events(
            article_id,
            events,
            &[],
            Origin::Extracted,
            &mut HashMap::new(),
        )?;
        self.apply_decisions(article_id)
    }

    /// [`Tx::replace_events`] with the keys the events had in another database (`None`: the
    /// key their values give).
    pub fn replace_events_keyed(
        &self,
        article_id: i64,
        events: &[(Event, Option<String>)],
    ) -> Result<()> {
        self.tx
            .prepare_cached(
                "DELETE FROM events WHERE article_id = ?1 AND origin IN ('extracted', 'kept')",
            )?
            .execute([article_id])?;
        let (evs, keys): (Vec<Event>, Vec<Option<String>>) = events.iter().cloned().unzip();
        self.insert_events(
            article_id,
            &evs,
            &keys,
            Origin::Extracted,
            &mut HashMap::new(),
        )?;
        self.apply_decisions(article_id)
    }

    /// The countries an article mentions (a row with country '' when none).
    pub fn write_countries(&self, article_id: i64, countries: &[(String, usize)]) -> Result<()> {
        self.tx
            .prepare_cached("DELETE FROM article_countries WHERE article_id = ?1")?
            .execute([article_id])?;
        let mut stmt = self.tx.prepare_cached(
            "INSERT INTO article_countries (country, article_id, mentions) VALUES (?1, ?2, ?3)",
        )?;
        if countries.is_empty() {
            stmt.execute(params!["", article_id, 0])?;
        }
        for (c, n) in countries {
            stmt.execute(params![c, article_id, *n as i64])?;
        }
        Ok(())
    }

    /// Stores what extraction found in `article_id`: its events (as [`Tx::replace_events`])
    /// and the countries it mentions (a row with country '' when none, so that the article
    /// counts as scanned).
    pub fn replace_extraction(
        &self,
        article_id: i64,
        x: &crate::pipeline::Extraction,
    ) -> Result<()> {
        self.replace_events(article_id, &x.events)?;
        self.write_countries(article_id, &x.countries)
    }

    /// Adds `e` to the events of `article_id` unless the same event (type, actor, target,
    /// dates, rule and evidence) is there already; true when added.
    pub fn add_event_once(&self, article_id: i64, e: &Event) -> Result<bool> {
        let exists = self
            .tx
            .prepare_cached(
                "SELECT 1 FROM events WHERE article_id = ?1 AND type = ?2 AND actor = ?3
                   AND target = ?4 AND date_start IS ?5 AND date_end IS ?6 AND rule = ?7
                   AND evidence = ?8 LIMIT 1",
            )?
            .exists(params![
                article_id,
                e.event_type.as_str(),
                e.actor,
                e.target,
                e.date.map(|d| d.start.to_string()),
                e.date.and_then(|d| d.end).map(|d| d.to_string()),
                e.rule,
                e.evidence,
            ])?;
        if exists {
            return Ok(false);
        }
        let base = super::decisions::key_base(e);
        let n: i64 = self
            .tx
            .prepare_cached(
                "SELECT COUNT(*) FROM events WHERE article_id = ?1 AND event_key LIKE ?2 || '#%'",
            )?
            .query_row(params![article_id, base], |r| r.get(0))?;
        let mut seen = HashMap::from([(base, n as usize)]);
        self.insert_events(
            article_id,
            std::slice::from_ref(e),
            &[],
            Origin::Extracted,
            &mut seen,
        )?;
        self.apply_decisions(article_id)?;
        Ok(true)
    }

    /// Inserts `events` with their keys: `seen` counts the events of each key base already in
    /// the article, for the ordinal that tells apart events of one sentence with the same base.
    /// `keys[i]`, when given, is the key of `events[i]` (as another database stored it).
    pub(super) fn insert_events(
        &self,
        article_id: i64,
        events: &[Event],
        keys: &[Option<String>],
        origin: Origin,
        seen: &mut HashMap<String, usize>,
    ) -> Result<Vec<i64>> {
        let mut stmt = self.tx.prepare_cached(
            "INSERT INTO events (article_id, type, cameo, actor, target, date_start, date_end,
                sort_date, date_basis, status, action, summary, evidence, sentence_start,
                sentence_end, trigger_start, trigger_end, actor_start, actor_end, target_start,
                target_end, date_text_start, date_text_end, date_note, role_note, rule, confidence,
                origin, event_key)
             VALUES (?1, ?2, ?3, ?4, ?5, ?6, ?7, ?8, ?9, ?10, ?11, ?12, ?13, ?14, ?15, ?16, ?17,
                ?18, ?19, ?20, ?21, ?22, ?23, ?24, ?25, ?26, ?27, ?28, ?29)",
        )?;
        let mut ids = Vec::with_capacity(events.len());
        for (i, e) in events.iter().enumerate() {
            let key = if let Some(Some(k)) = keys.get(i) {
                Some(k.clone())
            } else if origin == Origin::User {
                None
            } else {
                let base = super::decisions::key_base(e);
                let n = seen.entry(base.clone()).or_insert(0);
                *n += 1;
                Some(format!("{base}#{}", *n - 1))
            };
            let [date_start, date_end, sort_date] = date_columns(e);
            let start = |s: Option<Span>| s.map(|s| s.start as i64);
            let end = |s: Option<Span>| s.map(|s| s.end as i64);
            stmt.execute(params![
                article_id,
                e.event_type.as_str(),
                e.cameo,
                e.actor,
                e.target,
                date_start,
                date_end,
                sort_date,
                e.date_basis.as_str(),
                e.status.as_str(),
                e.action.as_str(),
                e.summary,
                e.evidence,
                e.sentence.start as i64,
                e.sentence.end as i64,
                e.trigger.start as i64,
                e.trigger.end as i64,
                start(e.actor_span),
                end(e.actor_span),
                start(e.target_span),
                end(e.target_span),
                start(e.date_span),
                end(e.date_span),
                e.date_note,
                e.role_note,
                e.rule,
                e.confidence,
                origin.as_str(),
                key,
            ])?;
            ids.push(self.tx.last_insert_rowid());
        }
        Ok(ids)
    }
}

/// The columns `date_start`, `date_end` and `sort_date` (the first day covered) of an event.
pub(super) fn date_columns(e: &Event) -> [Option<String>; 3] {
    [
        e.date.map(|d| d.start.to_string()),
        e.date.and_then(|d| d.end).map(|d| d.to_string()),
        e.date
            .and_then(|d| d.start.first_day())
            .map(|d| d.to_string()),
    ]
}

pub(super) const EVENT_SELECT: &str =
    "SELECT e.id, e.article_id, COALESCE(a.ext_id, CAST(a.id AS TEXT)),
    a.title, a.source, a.url, a.pub_date, e.type, e.cameo, e.actor, e.target, e.date_start,
    e.date_end, e.date_basis, e.status, e.action, e.summary, e.evidence, e.sentence_start,
    e.sentence_end, e.trigger_start, e.trigger_end, e.actor_start, e.actor_end, e.target_start,
    e.target_end, e.date_text_start, e.date_text_end, e.date_note, e.role_note, e.rule,
    e.confidence, e.review, e.origin, e.merge_group, e.apart
    FROM events e JOIN articles a ON a.id = e.article_id";

fn span(r: &Row<'_>, i: usize) -> rusqlite::Result<Option<Span>> {
    let s: Option<i64> = r.get(i)?;
    let e: Option<i64> = r.get(i + 1)?;
    Ok(s.zip(e).map(|(s, e)| Span::new(s as usize, e as usize)))
}

fn parse_col<T: std::str::FromStr>(r: &Row<'_>, i: usize) -> rusqlite::Result<T> {
    let s: String = r.get(i)?;
    s.parse::<T>().map_err(|_| {
        rusqlite::Error::FromSqlConversionFailure(
            i,
            rusqlite::types::Type::Text,
            format!("unexpected value {s:?}").into(),
        )
    })
}

pub(super) fn event_from_row(r: &Row<'_>) -> rusqlite::Result<StoredEvent> {
    let date_start: Option<PartialDate> =
        r.get::<_, Option<String>>(11)?.and_then(|s| s.parse().ok());
    let date_end: Option<PartialDate> =
        r.get::<_, Option<String>>(12)?.and_then(|s| s.parse().ok());
    Ok(StoredEvent {
        id: r.get(0)?,
        article_id: r.get(1)?,
        article_key: r.get(2)?,
        title: r.get(3)?,
        source: r.get(4)?,
        url: r.get(5)?,
        pub_date: r.get(6)?,
        event: Event {
            event_type: parse_col(r, 7)?,
            cameo: r.get(8)?,
            actor: r.get(9)?,
            target: r.get(10)?,
            date: date_start.map(|start| DateSpan {
                start,
                end: date_end,
            }),
            date_basis: parse_col(r, 13)?,
            status: parse_col(r, 14)?,
            action: parse_col(r, 15)?,
            summary: r.get(16)?,
            evidence: r.get(17)?,
            sentence: span(r, 18)?.unwrap_or_default(),
            trigger: span(r, 20)?.unwrap_or_default(),
            actor_span: span(r, 22)?,
            target_span: span(r, 24)?,
            date_span: span(r, 26)?,
            date_note: r.get(28)?,
            role_note: r.get(29)?,
            rule: r.get(30)?,
            confidence: r.get(31)?,
        },
        review: r
            .get::<_, Option<String>>(32)?
            .map(|s| {
                s.parse().map_err(|_| {
                    rusqlite::Error::FromSqlConversionFailure(
                        32,
                        rusqlite::types::Type::Text,
                        format!("unexpected review {s:?}").into(),
                    )
                })
            })
            .transpose()?,
        origin: parse_col(r, 33)?,
        merge_group: r.get(34)?,
        apart: r.get(35)?,
    })
}

/// Which events of a filter one query reads ([`Store::events_each`]).
enum Part {
    All,
    /// Those with a period (`date_end` set).
    Periods,
    /// Those with one date, starting on or after this day (YYYY-MM-DD).
    Single(String),
}

/// The order of the events query: dated first, by first day, coarser precision first, then
/// article and id.
fn timeline_key(r: &StoredEvent) -> (bool, Option<chrono::NaiveDate>, usize, i64, i64) {
    let start = r.event.date.map(|d| d.start);
    (
        start.is_none(),
        start.and_then(|d| d.first_day()),
        start.map_or(0, |d| d.to_string().len()),
        r.article_id,
        r.id,
    )
}

impl Store {
    /// The extracted events of one article in the order they were stored, for copying
    /// elsewhere (the events people added, and those their decisions keep, go with the
    /// decisions: [`Tx::copy_curation`]).
    pub fn article_events(&self, article_id: i64) -> Result<Vec<Event>> {
        Ok(self
            .article_events_keyed(article_id)?
            .into_iter()
            .map(|(e, _)| e)
            .collect())
    }

    /// The extracted events of one article with their keys (`dyad merge` copies both: an
    /// edited event's values no longer give the key its decisions name).
    pub fn article_events_keyed(&self, article_id: i64) -> Result<Vec<(Event, Option<String>)>> {
        let mut stmt = self.conn.prepare_cached(&format!(
            "{EVENT_SELECT} WHERE e.article_id = ?1 AND e.origin = 'extracted' ORDER BY e.id"
        ))?;
        let events = stmt
            .query_map([article_id], event_from_row)?
            .map(|r| r.map(|s| s.event))
            .collect::<rusqlite::Result<Vec<_>>>()?;
        let keys = self
            .conn
            .prepare_cached(
                "SELECT event_key FROM events WHERE article_id = ?1 AND origin = 'extracted'
                 ORDER BY id",
            )?
            .query_map([article_id], |r| r.get::<_, Option<String>>(0))?
            .collect::<rusqlite::Result<Vec<_>>>()?;
        Ok(events.into_iter().zip(keys).collect())
    }

    /// Events matching `f`, in chronological order (undated last), then by article and id.
    pub fn events(&self, f: &EventFilter) -> Result<Vec<StoredEvent>> {
        let mut rows = Vec::new();
        self.events_each(f, |r| {
            rows.push(r);
            Ok(())
        })?;
        Ok(rows)
    }

    /// Hands the events matching `f` to `each` one at a time, in the order of
    /// [`Store::events`], without holding them all: a pair's rows come off the index
    /// `events_timeline` (schema 0006) already in order.
    pub fn events_each(
        &self,
        f: &EventFilter,
        mut each: impl FnMut(StoredEvent) -> Result<()>,
    ) -> Result<()> {
        let Some(from) = f
            .from
            .and_then(|d| d.first_day())
            .filter(|_| f.pair.is_some())
        else {
            return self.events_part(f, Part::All, &mut each);
        };
        // A pair's events from a date: those with one date (almost all) start no earlier than
        // the first of January of that year, a bound the index can seek to; the few periods
        // (date_end set) come off their own partial index. The two, each in timeline order,
        // are merged here.
        let mut periods: Vec<StoredEvent> = Vec::new();
        self.events_part(f, Part::Periods, &mut |r| {
            periods.push(r);
            Ok(())
        })?;
        let mut periods = periods.into_iter().peekable();
        let lb = chrono::NaiveDate::from_ymd_opt(chrono::Datelike::year(&from), 1, 1)
            .unwrap_or(from)
            .to_string();
        self.events_part(f, Part::Single(lb), &mut |r| {
            while let Some(p) = periods.next_if(|p| timeline_key(p) < timeline_key(&r)) {
                each(p)?;
            }
            each(r)
        })?;
        for p in periods {
            each(p)?;
        }
        Ok(())
    }

    fn events_part(
        &self,
        f: &EventFilter,
        part: Part,
        each: &mut impl FnMut(StoredEvent) -> Result<()>,
    ) -> Result<()> {
        let mut sql = String::from(EVENT_SELECT);
        if f.merged_by_people == Some(true) {
            // the few events people merged, off their partial index; left to itself the
            // planner would scan the whole pair through events_timeline for them
            sql = sql.replace(
                "FROM events e JOIN",
                "FROM events e INDEXED BY events_merge_group JOIN",
            );
        }
        if matches!(part, Part::Periods) {
            // the planner prefers scanning the pair through events_timeline
            sql = sql.replace(
                "FROM events e JOIN",
                "FROM events e INDEXED BY events_periods JOIN",
            );
        }
        let mut args: Vec<String> = Vec::new();
        let mut conds: Vec<String> = Vec::new();
        if let Some(id) = f.article_id {
            args.push(id.to_string());
            conds.push(format!("e.article_id = CAST(?{} AS INTEGER)", args.len()));
        }
        if let Some(id) = f.event_id {
            args.push(id.to_string());
            conds.push(format!("e.id = CAST(?{} AS INTEGER)", args.len()));
        }
        if let Some((a, b)) = &f.pair {
            // written as in the index events_timeline, which it then uses
            let (lo, hi) = if a <= b { (a, b) } else { (b, a) };
            args.push(lo.clone());
            args.push(hi.clone());
            let (i, j) = (args.len() - 1, args.len());
            conds.push(format!(
                "MIN(e.actor, e.target) = ?{i} AND MAX(e.actor, e.target) = ?{j}"
            ));
        }
        match f.merged_by_people {
            Some(true) => conds.push("e.merge_group IS NOT NULL".into()),
            Some(false) => conds.push("e.merge_group IS NULL".into()),
            None => {}
        }
        if let Some(from) = f.from.and_then(|d| d.first_day()) {
            args.push(from.to_string());
            // an event overlaps [from, to] when it ends on or after `from`
            conds.push(format!(
                "COALESCE(e.date_end, e.date_start) || '-99' >= ?{}",
                args.len()
            ));
        }
        if let Some(to) = f.to.and_then(|d| d.last_day()) {
            args.push(to.to_string());
            conds.push(format!("e.sort_date <= ?{}", args.len()));
        }
        if f.hide_rejected {
            conds.push("e.review IS NOT 'rejected'".into());
        }
        match part {
            Part::All => {}
            Part::Periods => conds.push("e.date_end IS NOT NULL".into()),
            Part::Single(lb) => {
                args.push(lb);
                conds.push(format!(
                    "e.date_end IS NULL AND (e.sort_date IS NULL) = 0 AND e.sort_date >= ?{}",
                    args.len()
                ));
            }
        }
        if !f.types.is_empty() {
            let mut marks = Vec::new();
            for t in &f.types {
                args.push(t.as_str().to_string());
                marks.push(format!("?{}", args.len()));
            }
            conds.push(format!("e.type IN ({})", marks.join(", ")));
        }
        if !conds.is_empty() {
            sql.push_str(" WHERE ");
            sql.push_str(&conds.join(" AND "));
        }
        sql.push_str(
            " ORDER BY e.sort_date IS NULL, e.sort_date, length(e.date_start), e.article_id, e.id",
        );
        let mut stmt = self.conn.prepare(&sql)?;
        for row in stmt.query_map(params_from_iter(args.iter()), event_from_row)? {
            each(row?)?;
        }
        Ok(())
    }

    pub fn stats(&self) -> Result<Stats> {
        let mut s = Stats::default();
        let mut stmt = self
            .conn
            .prepare("SELECT pub_date_basis, COUNT(*) FROM articles GROUP BY pub_date_basis")?;
        let rows = stmt.query_map([], |r| Ok((r.get::<_, String>(0)?, r.get::<_, i64>(1)?)))?;
        for row in rows {
            let (basis, n) = row?;
            s.articles_total += n;
            match basis.as_str() {
                "given" => s.articles_dated += n,
                "inferred" => s.articles_inferred += n,
                _ => s.articles_undated += n,
            }
        }
        let mut stmt = self
            .conn
            .prepare("SELECT type, COUNT(*) FROM events GROUP BY type ORDER BY type")?;
        let rows = stmt.query_map([], |r| Ok((r.get::<_, String>(0)?, r.get::<_, i64>(1)?)))?;
        for row in rows {
            let (t, n) = row?;
            s.events_total += n;
            s.events_by_type.insert(t, n);
        }
        // written as in the index events_pair_unordered (schema/0003), which it then uses
        let mut stmt = self.conn.prepare(
            "SELECT MIN(actor, target) AS a, MAX(actor, target) AS b, COUNT(*) AS n
             FROM events GROUP BY a, b ORDER BY n DESC, a, b",
        )?;
        let rows = stmt.query_map([], |r| Ok((r.get(0)?, r.get(1)?, r.get(2)?)))?;
        s.pairs = rows.collect::<rusqlite::Result<Vec<_>>>()?;
        Ok(s)
    }
}
