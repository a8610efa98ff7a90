//! Validated queries over the store. Clap arguments become a [`TimelineQuery`] here before any
//! database work, so bad input fails with a usage message naming the value.

use crate::error::{Error, Result};
use crate::gazetteer::Gazetteer;
use crate::model::{EventType, PartialDate, Precision, Review};
use crate::store::{EventFilter, Store, StoredEvent};
use std::collections::HashMap;

/// The events between two countries, in both directions.
#[derive(Debug, Clone, PartialEq)]
pub struct TimelineQuery {
    pub a: String,
    pub b: String,
    pub from: Option<PartialDate>,
    pub to: Option<PartialDate>,
    pub types: Vec<EventType>,
    /// Keep the events people rejected (marked); left out by default.
    pub include_rejected: bool,
}

impl TimelineQuery {
    /// Validates user input: countries by code or name, dates as YYYY[-MM[-DD]], types by name.
    pub fn parse(
        gaz: &Gazetteer,
        a: &str,
        b: &str,
        from: Option<&str>,
        to: Option<&str>,
        types: &[String],
    ) -> Result<TimelineQuery> {
        let country = |s: &str| {
            gaz.lookup(s).map(|c| c.alpha2.clone()).ok_or_else(|| {
                Error::Invalid(format!(
                    "unknown country \"{s}\": give an ISO code (JP, JPN) or a name (Japan)"
                ))
            })
        };
        let date = |flag: &str, s: Option<&str>| {
            s.map(|s| {
                s.parse::<PartialDate>()
                    .map_err(|e| Error::Invalid(format!("invalid {flag}: {e}")))
            })
            .transpose()
        };
        let (a, b) = (country(a)?, country(b)?);
        if a == b {
            return Err(Error::Invalid(format!(
                "a timeline needs two different countries, got {a} twice"
            )));
        }
        let mut ts = Vec::new();
        for t in types
            .iter()
            .flat_map(|t| t.split(','))
            .filter(|t| !t.trim().is_empty())
        {
            ts.push(t.parse::<EventType>().map_err(Error::Invalid)?);
        }
        let q = TimelineQuery {
            a,
            b,
            from: date("--from", from)?,
            to: date("--to", to)?,
            types: ts,
            include_rejected: false,
        };
        if let (Some(f), Some(t)) = (q.from, q.to) {
            if f.first_day() > t.last_day() {
                return Err(Error::Invalid(format!("--from {f} is after --to {t}")));
            }
        }
        Ok(q)
    }
}

/// The timeline of a pair, chronological, undated events last.
pub fn timeline(store: &Store, q: &TimelineQuery) -> Result<Vec<StoredEvent>> {
    store.events(&q.filter())
}

impl TimelineQuery {
    /// The events this query reads.
    fn filter(&self) -> EventFilter {
        EventFilter {
            pair: Some((self.a.clone(), self.b.clone())),
            from: self.from,
            to: self.to,
            types: self.types.clone(),
            hide_rejected: !self.include_rejected,
            ..EventFilter::default()
        }
    }
}

/// The entries of a pair's timeline in timeline order, each handed to `sink` as soon as it is
/// final: reports merged (see [`merge_entries`]) with `window` days for publication-dated
/// ones, or one entry per event when `window` is `None`. Rows stream off the store; memory is
/// the entries still open, not the timeline. An error from `sink` stops the query.
pub fn timeline_each(
    store: &Store,
    q: &TimelineQuery,
    window: Option<i64>,
    mut sink: impl FnMut(TimelineEntry) -> Result<()>,
) -> Result<()> {
    let base = q.filter();
    let Some(window) = window else {
        return store.events_each(&base, |r| sink(TimelineEntry::single(r)));
    };
    let mut m = Merger::new(window);
    let (rejected, forced): (Vec<StoredEvent>, Vec<StoredEvent>) = store
        .events(&EventFilter {
            merged_by_people: Some(true),
            ..base.clone()
        })?
        .into_iter()
        .partition(|r| r.review == Some(Review::Rejected));
    for e in forced_entries(forced)
        .into_iter()
        .chain(rejected.into_iter().map(TimelineEntry::single))
    {
        m.push_entry(e);
    }
    // the first error from `sink` (a closed pipe, say) ends the stream
    let failed: std::cell::RefCell<Option<Error>> = std::cell::RefCell::new(None);
    let mut give = |e: TimelineEntry| {
        if failed.borrow().is_none() {
            if let Err(x) = sink(e) {
                *failed.borrow_mut() = Some(x);
            }
        }
    };
    store.events_each(
        &EventFilter {
            merged_by_people: Some(false),
            ..base
        },
        |r| {
            m.push(r, &mut give);
            match failed.borrow_mut().take() {
                Some(e) => Err(e),
                None => Ok(()),
            }
        },
    )?;
    m.finish(&mut give);
    match failed.into_inner() {
        Some(e) => Err(e),
        None => Ok(()),
    }
}

/// How many days apart two reports of an event dated only by publication may be and still be
/// merged (`merge_entries`).
pub const DEFAULT_MERGE_WINDOW_DAYS: i64 = 3;

/// One row of a merged timeline: the reports of the same event across articles.
#[derive(Debug, Clone, PartialEq)]
pub struct TimelineEntry {
    /// The best member (text date before publication date, then finest precision, then
    /// highest confidence), with the combined confidence of all members.
    pub event: StoredEvent,
    /// Every report, in timeline order.
    pub members: Vec<StoredEvent>,
    /// Distinct articles among the members.
    pub articles: usize,
    /// Distinct sources: articles of one outlet, and reprints (the same evidence sentence in
    /// different articles), count once.
    pub sources: usize,
    /// Earliest and latest publication date among the members.
    pub first_reported: Option<String>,
    pub last_reported: Option<String>,
}

impl TimelineEntry {
    /// An entry of one event, as `dyad timeline --no-merge` writes it.
    pub fn single(row: StoredEvent) -> TimelineEntry {
        TimelineEntry {
            event: row.clone(),
            articles: 1,
            sources: 1,
            first_reported: row.pub_date.clone(),
            last_reported: row.pub_date.clone(),
            members: vec![row],
        }
    }

    /// The ids of the members.
    pub fn member_ids(&self) -> Vec<i64> {
        self.members.iter().map(|m| m.id).collect()
    }
}

/// Events of the same family, pair (and direction, except for contacts), action and status.
fn same_event_kind(a: &StoredEvent, b: &StoredEvent) -> bool {
    let (x, y) = (&a.event, &b.event);
    if x.event_type.family() != y.event_type.family()
        || x.action != y.action
        || x.status != y.status
    {
        return false;
    }
    let same_dir = x.actor == y.actor && x.target == y.target;
    let swapped = x.actor == y.target && x.target == y.actor;
    same_dir || (swapped && x.event_type.family() == "contact")
}

/// Why the dates of two reports are compatible, or None when they are not: equal at the
/// coarser precision, or (one of them dated by publication only) within `window_days`.
fn date_reason(a: &StoredEvent, b: &StoredEvent, window_days: i64) -> Option<String> {
    let (da, db) = (a.event.date?, b.event.date?);
    let p = da.start.precision().min(db.start.precision());
    if da.start.truncate(p) == db.start.truncate(p) {
        let name = match p {
            Precision::Day => "day",
            Precision::Month => "month",
            Precision::Year => "year",
        };
        return Some(format!("dates equal at {name} precision"));
    }
    let text = crate::model::DateBasis::Text;
    if a.event.date_basis != text || b.event.date_basis != text {
        let (af, al) = (da.start.first_day()?, da.start.last_day()?);
        let (bf, bl) = (db.start.first_day()?, db.start.last_day()?);
        let gap = if al < bf {
            (bf - al).num_days()
        } else if bl < af {
            (af - bl).num_days()
        } else {
            0
        };
        if gap <= window_days {
            return Some(format!(
                "dated by publication, {gap} day{} apart (window {window_days})",
                if gap == 1 { "" } else { "s" }
            ));
        }
    }
    None
}

/// Why `a` and `b` are reports of the same event, or None when they are not.
pub fn merge_reason(a: &StoredEvent, b: &StoredEvent, window_days: i64) -> Option<String> {
    if !same_event_kind(a, b) {
        return None;
    }
    let dates = date_reason(a, b, window_days)?;
    let (x, y) = (&a.event.actor, &a.event.target);
    let family = a.event.event_type.family();
    let pair = if family == "contact" {
        format!("pair {x}–{y}, either direction")
    } else {
        format!("pair {x} → {y}")
    };
    Some(format!(
        "same {} family, {pair}; {dates}",
        a.event.event_type.family()
    ))
}

/// Sort key of a row as the store orders a timeline: dated first, by first day, coarser
/// precision first, then article and id.
fn order_key(r: &StoredEvent) -> OrderKey {
    let d = r.event.date.map(|d| d.start);
    (
        d.is_none(),
        d.and_then(|d| d.first_day()),
        d.map_or(0, |d| d.precision() as u8),
        r.article_id,
        r.id,
    )
}

/// Which member is the best: text dates before publication dates, then finest precision,
/// then highest confidence (ties: the earlier in timeline order).
fn better(a: &StoredEvent, b: &StoredEvent) -> bool {
    let rank = |r: &StoredEvent| {
        (
            r.event.date_basis == crate::model::DateBasis::Text,
            r.event.date.map(|d| d.start.precision()),
        )
    };
    match rank(a).cmp(&rank(b)) {
        std::cmp::Ordering::Equal => a.event.confidence > b.event.confidence,
        o => o == std::cmp::Ordering::Greater,
    }
}

fn normalized(s: &str) -> String {
    s.split_whitespace()
        .map(str::to_lowercase)
        .collect::<Vec<_>>()
        .join(" ")
}

/// Distinct sources among `members`: articles of the same named source, or sharing an
/// evidence sentence (a wire reprint), are one source.
fn count_sources(members: &[StoredEvent]) -> usize {
    let mut arts: Vec<i64> = members.iter().map(|m| m.article_id).collect();
    arts.sort_unstable();
    arts.dedup();
    let idx = |id: i64| arts.binary_search(&id).unwrap_or(0);
    let mut parent: Vec<usize> = (0..arts.len()).collect();
    fn find(p: &mut [usize], mut i: usize) -> usize {
        while p[i] != i {
            p[i] = p[p[i]];
            i = p[i];
        }
        i
    }
    let mut by_key: HashMap<String, usize> = HashMap::new();
    for m in members {
        let i = idx(m.article_id);
        let keys = [
            m.source
                .as_deref()
                .map(str::trim)
                .filter(|s| !s.is_empty())
                .map(|s| format!("s:{}", s.to_lowercase())),
            // an event people added without its sentence has no evidence to share
            Some(normalized(&m.event.evidence))
                .filter(|e| !e.is_empty())
                .map(|e| format!("e:{e}")),
        ];
        for k in keys.into_iter().flatten() {
            match by_key.get(&k) {
                Some(&j) => {
                    let (ri, rj) = (find(&mut parent, i), find(&mut parent, j));
                    parent[ri] = rj;
                }
                None => {
                    by_key.insert(k, i);
                }
            }
        }
    }
    (0..arts.len())
        .filter(|&i| find(&mut parent, i) == i)
        .count()
}

/// The review mark of an entry: added if a person added any member, else edited, else
/// confirmed; rejected only when every member is.
fn entry_review(members: &[StoredEvent]) -> Option<Review> {
    let has = |r: Review| members.iter().any(|m| m.review == Some(r));
    [Review::Added, Review::Edited, Review::Confirmed]
        .into_iter()
        .find(|&r| has(r))
        .or_else(|| {
            members
                .iter()
                .all(|m| m.review == Some(Review::Rejected))
                .then_some(Review::Rejected)
        })
}

fn entry_of(members: Vec<StoredEvent>) -> TimelineEntry {
    let mut best = 0;
    for (i, m) in members.iter().enumerate() {
        if better(m, &members[best]) {
            best = i;
        }
    }
    let mut event = members[best].clone();
    event.review = entry_review(&members);
    if members.len() > 1 {
        let miss: f64 = members
            .iter()
            .map(|m| 1.0 - m.event.confidence.clamp(0.0, 1.0))
            .product();
        event.event.confidence = (1.0 - miss).min(0.99);
    }
    let mut arts: Vec<i64> = members.iter().map(|m| m.article_id).collect();
    arts.sort_unstable();
    arts.dedup();
    let pubs = members.iter().filter_map(|m| m.pub_date.clone());
    TimelineEntry {
        event,
        articles: arts.len(),
        sources: count_sources(&members),
        first_reported: pubs.clone().min(),
        last_reported: pubs.max(),
        members,
    }
}

/// Merges the reports of the same event across articles (see the README, "Merging"): events
/// of the same family, pair (direction too, except contacts), action and status whose dates
/// are compatible with every other member's become one entry. Undated events are never merged.
/// People's decisions come first: events they merged (`merge_group`) are one entry whatever
/// their details, events they split off (`apart`) and rejected events stay alone.
/// Entries come in timeline order of their best member.
pub fn merge_entries(rows: Vec<StoredEvent>, window_days: i64) -> Vec<TimelineEntry> {
    let (forced, mut rows): (Vec<StoredEvent>, Vec<StoredEvent>) = rows
        .into_iter()
        .partition(|r| r.merge_group.is_some() && r.review != Some(Review::Rejected));
    rows.sort_by_key(order_key);
    let mut out = Vec::new();
    let mut m = Merger::new(window_days);
    for e in forced_entries(forced) {
        m.push_entry(e);
    }
    for r in rows {
        m.push(r, &mut |e| out.push(e));
    }
    m.finish(&mut |e| out.push(e));
    out
}

/// The entries people forced together (`dyad event merge`): one per merge group.
pub fn forced_entries(rows: Vec<StoredEvent>) -> Vec<TimelineEntry> {
    let mut groups: std::collections::BTreeMap<i64, Vec<StoredEvent>> = Default::default();
    for r in rows {
        if let Some(g) = r.merge_group {
            groups.entry(g).or_default().push(r);
        }
    }
    groups
        .into_values()
        .map(|mut members| {
            members.sort_by_key(order_key);
            entry_of(members)
        })
        .collect()
}

type OrderKey = (bool, Option<chrono::NaiveDate>, u8, i64, i64);

/// A group of reports being merged.
struct Group {
    members: Vec<StoredEvent>,
    /// Timeline order key of its first (earliest) member.
    first: OrderKey,
    /// The last first day a report may have to join: no member is further away.
    horizon: chrono::NaiveDate,
}

/// The merge of [`merge_entries`] as a stream: rows pushed in timeline order, entries handed
/// out in timeline order as soon as no later row can change them or come before them. A
/// group stays open while a later report could still join it (its horizon: `window_days`
/// after the last day of every member's date); an entry goes out once every open group and
/// the rows to come sort after it. Memory is the open groups and the entries waiting, not the
/// timeline.
pub struct Merger {
    window_days: i64,
    groups: Vec<Option<Group>>,
    /// Open groups by kind: family, pair (unordered for contacts), action, status.
    open: HashMap<String, Vec<usize>>,
    /// Open groups by horizon, to close them when the rows have moved past it.
    horizons: std::collections::BinaryHeap<std::cmp::Reverse<(chrono::NaiveDate, usize)>>,
    /// First keys of the open groups.
    open_firsts: std::collections::BTreeSet<(OrderKey, usize)>,
    /// Entries ready, waiting for their turn.
    ready: std::collections::BTreeMap<OrderKey, TimelineEntry>,
}

impl Merger {
    pub fn new(window_days: i64) -> Self {
        Merger {
            // a century is as good as forever, and keeps date arithmetic in range
            window_days: window_days.clamp(0, 36_525),
            groups: Vec::new(),
            open: HashMap::new(),
            horizons: std::collections::BinaryHeap::new(),
            open_firsts: std::collections::BTreeSet::new(),
            ready: std::collections::BTreeMap::new(),
        }
    }

    /// Entries forced together by people (`dyad event merge`), known before the stream: they
    /// wait for their turn like any other.
    pub fn push_entry(&mut self, e: TimelineEntry) {
        self.ready.insert(order_key(&e.event), e);
    }

    fn close(&mut self, i: usize) {
        if let Some(g) = self.groups[i].take() {
            self.open_firsts.remove(&(g.first, i));
            let e = entry_of(g.members);
            self.ready.insert(order_key(&e.event), e);
        }
    }

    /// Adds the next row (rows must come in timeline order) and hands out the entries that
    /// are final.
    pub fn push(&mut self, r: StoredEvent, sink: &mut impl FnMut(TimelineEntry)) {
        let key = order_key(&r);
        let first = r.event.date.and_then(|d| d.start.first_day());
        // close the groups no row from here on can join
        if let Some(first) = first {
            while let Some(std::cmp::Reverse((h, i))) = self.horizons.peek().copied() {
                if h >= first {
                    break;
                }
                self.horizons.pop();
                self.close(i);
            }
        }
        let alone = r.apart || r.review == Some(Review::Rejected) || r.merge_group.is_some();
        match first.filter(|_| !alone) {
            None => {
                let e = TimelineEntry::single(r);
                self.ready.insert(key, e);
            }
            Some(first) => {
                let e = &r.event;
                let family = e.event_type.family();
                let (x, y) = if family == "contact" && e.target < e.actor {
                    (&e.target, &e.actor)
                } else {
                    (&e.actor, &e.target)
                };
                let kind = format!("{family}\t{x}\t{y}\t{}\t{}", e.action, e.status);
                let horizon = r
                    .event
                    .date
                    .and_then(|d| d.start.last_day())
                    .unwrap_or(first)
                    .checked_add_signed(chrono::Duration::days(self.window_days))
                    .unwrap_or(chrono::NaiveDate::MAX);
                let groups = &self.groups;
                let ids = self.open.entry(kind).or_default();
                ids.retain(|&i| groups[i].is_some());
                let slot = ids.iter().copied().find(|&i| {
                    groups[i].as_ref().is_some_and(|g| {
                        g.horizon >= first
                            && g.members.iter().all(|m| {
                                same_event_kind(m, &r)
                                    && date_reason(m, &r, self.window_days).is_some()
                            })
                    })
                });
                match slot {
                    Some(i) => {
                        let g = self.groups[i].as_mut().expect("open group");
                        if horizon < g.horizon {
                            g.horizon = horizon;
                            self.horizons.push(std::cmp::Reverse((horizon, i)));
                        }
                        g.members.push(r);
                    }
                    None => {
                        let i = self.groups.len();
                        ids.push(i);
                        self.groups.push(Some(Group {
                            members: vec![r],
                            first: key,
                            horizon,
                        }));
                        self.open_firsts.insert((key, i));
                        self.horizons.push(std::cmp::Reverse((horizon, i)));
                    }
                }
            }
        }
        // every entry to come sorts after this row and after the open groups' first rows
        let open_min = self.open_firsts.first().map(|&(k, _)| k);
        while let Some(entry) = self.ready.first_entry() {
            let k = *entry.key();
            if k > key || open_min.is_some_and(|o| k >= o) {
                break;
            }
            sink(entry.remove());
        }
    }

    /// Closes every group and hands out what is left.
    pub fn finish(mut self, sink: &mut impl FnMut(TimelineEntry)) {
        for i in 0..self.groups.len() {
            self.close(i);
        }
        for (_, e) in std::mem::take(&mut self.ready) {
            sink(e);
        }
    }
}

#[cfg(test)]
mod tests {
    use super::*;
    use crate::model::{Action, DateBasis, DateSpan, Event, Span, Status};

    /// An event `id` in article `id` of `source`, dated `date` on `basis`.
    fn ev(
        id: i64,
        t: EventType,
        (actor, target): (&str, &str),
        date: &str,
        basis: DateBasis,
        source: &str,
        evidence: &str,
    ) -> StoredEvent {
        StoredEvent {
            id,
            article_id: id,
            article_key: format!("a{id}"),
            title: None,
            source: Some(source.into()),
            url: None,
            pub_date: Some(format!("2023-04-{:02}", id)),
            event: Event {
                event_type: t,
                cameo: t.cameo().map(String::from),
                actor: actor.into(),
                target: target.into(),
                date: Some(DateSpan::single(date.parse().unwrap())),
                date_basis: basis,
                status: Status::Occurred,
                action: Action::Imposed,
                summary: format!("{actor} {t} {target} ({id})"),
                evidence: evidence.into(),
                sentence: Span::new(0, 1),
                trigger: Span::new(0, 1),
                actor_span: None,
                target_span: None,
                date_span: None,
                date_note: String::new(),
                role_note: String::new(),
                rule: "test".into(),
                confidence: 0.5,
            },
            review: None,
            origin: crate::model::Origin::Extracted,
            merge_group: None,
            apart: false,
        }
    }

    fn visit(id: i64, date: &str, basis: DateBasis, source: &str) -> StoredEvent {
        let evidence = format!("Evidence {id}.");
        ev(
            id,
            EventType::Visit,
            ("JP", "CN"),
            date,
            basis,
            source,
            &evidence,
        )
    }

    /// The merge as first written: every row against every group of its kind, all rows held.
    fn naive_merge(rows: Vec<StoredEvent>, window_days: i64) -> Vec<Vec<i64>> {
        let mut rows = rows;
        rows.sort_by_key(order_key);
        let mut groups: Vec<Vec<StoredEvent>> = Vec::new();
        let mut forced: HashMap<i64, usize> = HashMap::new();
        for r in rows {
            let alone = r.apart || r.review == Some(Review::Rejected);
            if let Some(g) = r.merge_group.filter(|_| !alone) {
                match forced.get(&g) {
                    Some(&i) => groups[i].push(r),
                    None => {
                        forced.insert(g, groups.len());
                        groups.push(vec![r]);
                    }
                }
                continue;
            }
            let slot = (!alone && r.event.date.is_some())
                .then(|| {
                    groups.iter().position(|g| {
                        g.iter().all(|m| {
                            m.merge_group.is_none()
                                && !m.apart
                                && m.review != Some(Review::Rejected)
                                && m.event.date.is_some()
                                && same_event_kind(m, &r)
                                && date_reason(m, &r, window_days).is_some()
                        })
                    })
                })
                .flatten();
            match slot {
                Some(i) => groups[i].push(r),
                None => groups.push(vec![r]),
            }
        }
        let mut entries: Vec<TimelineEntry> = groups.into_iter().map(entry_of).collect();
        entries.sort_by_key(|e| order_key(&e.event));
        entries.iter().map(|e| e.member_ids()).collect()
    }

    proptest::proptest! {
        #![proptest_config(proptest::prelude::ProptestConfig::with_cases(200))]
        /// The streaming merge groups and orders exactly as the all-against-all one.
        #[test]
        fn streaming_merge_equals_the_naive_merge(
            spec in proptest::collection::vec(
                (0u8..3, 0u8..2, 0u32..50, 0u8..3, 0u8..2, 0u8..12), 0..80),
            window in 0i64..6,
        ) {
            let rows: Vec<StoredEvent> = spec
                .iter()
                .enumerate()
                .map(|(i, &(t, dir, day, prec, basis, flags))| {
                    let t = [EventType::Visit, EventType::Meeting, EventType::Sanction][t as usize];
                    let pair = if dir == 0 { ("JP", "CN") } else { ("CN", "JP") };
                    let d = chrono::NaiveDate::from_ymd_opt(2023, 3, 1).unwrap()
                        + chrono::Duration::days(day as i64);
                    let date = match prec {
                        0 => d.format("%Y-%m-%d").to_string(),
                        1 => d.format("%Y-%m").to_string(),
                        _ => d.format("%Y").to_string(),
                    };
                    let basis = if basis == 0 { DateBasis::Text } else { DateBasis::Publication };
                    let mut r = ev(i as i64 + 1, t, pair, &date, basis, "S", &format!("e{i}"));
                    match flags {
                        0 => r.event.date = None,
                        1 => r.apart = true,
                        2 => r.review = Some(Review::Rejected),
                        3 => r.merge_group = Some(1),
                        4 => r.merge_group = Some(2),
                        _ => {}
                    }
                    r
                })
                .collect();
            let fast: Vec<Vec<i64>> = merge_entries(rows.clone(), window)
                .iter()
                .map(|e| e.member_ids())
                .collect();
            proptest::prop_assert_eq!(fast, naive_merge(rows, window));
        }
    }

    fn sizes(entries: &[TimelineEntry]) -> Vec<usize> {
        entries.iter().map(|e| e.members.len()).collect()
    }

    #[test]
    fn equal_dates_at_different_precision_merge() {
        let rows = vec![
            visit(1, "2023-04", DateBasis::Text, "A"),
            visit(2, "2023-04-02", DateBasis::Text, "B"),
        ];
        let e = merge_entries(rows, 3);
        assert_eq!(sizes(&e), [2]);
        // the best date: the finer one, its event representative
        assert_eq!(e[0].event.id, 2);
        assert_eq!(
            e[0].event.event.date.unwrap().start.to_string(),
            "2023-04-02"
        );
        assert_eq!((e[0].articles, e[0].sources), (2, 2));
        assert!((e[0].event.event.confidence - 0.75).abs() < 1e-9);
        assert_eq!(e[0].first_reported.as_deref(), Some("2023-04-01"));
        assert_eq!(e[0].last_reported.as_deref(), Some("2023-04-02"));
        let why = merge_reason(&e[0].members[0], &e[0].members[1], 3).unwrap();
        assert!(why.contains("same contact family, pair JP–CN"), "{why}");
        assert!(why.contains("equal at month precision"), "{why}");
    }

    #[test]
    fn different_days_do_not_merge() {
        let rows = vec![
            visit(1, "2023-04-02", DateBasis::Text, "A"),
            visit(2, "2023-04-03", DateBasis::Text, "B"),
        ];
        assert_eq!(sizes(&merge_entries(rows, 3)), [1, 1]);
    }

    #[test]
    fn publication_dated_reports_merge_within_the_window() {
        let rows = vec![
            visit(1, "2023-04-02", DateBasis::Text, "A"),
            visit(2, "2023-04-04", DateBasis::Publication, "B"),
            visit(3, "2023-04-09", DateBasis::Publication, "C"),
        ];
        let e = merge_entries(rows.clone(), 3);
        assert_eq!(sizes(&e), [2, 1]);
        // text date before publication date
        assert_eq!(e[0].event.id, 1);
        assert_eq!(sizes(&merge_entries(rows, 10)), [3]);
    }

    #[test]
    fn opposite_directions_merge_only_for_contacts() {
        let meet = ev(
            2,
            EventType::Meeting,
            ("CN", "JP"),
            "2023-04-02",
            DateBasis::Text,
            "B",
            "x",
        );
        let rows = vec![visit(1, "2023-04-02", DateBasis::Text, "A"), meet];
        assert_eq!(sizes(&merge_entries(rows, 3)), [2]);

        let s1 = ev(
            1,
            EventType::Sanction,
            ("JP", "CN"),
            "2023-04-02",
            DateBasis::Text,
            "A",
            "x",
        );
        let mut s2 = s1.clone();
        (s2.id, s2.article_id) = (2, 2);
        s2.event.event_type = EventType::ExportControl;
        let mut s3 = s1.clone();
        (s3.id, s3.article_id) = (3, 3);
        (s3.event.actor, s3.event.target) = ("CN".into(), "JP".into());
        let mut s4 = s1.clone();
        (s4.id, s4.article_id) = (4, 4);
        s4.event.action = Action::Lifted;
        assert_eq!(sizes(&merge_entries(vec![s1, s2, s3, s4], 3)), [2, 1, 1]);
    }

    #[test]
    fn reprints_count_once_as_a_source() {
        let same = "Japan's  foreign minister arrived in Beijing on Sunday.";
        let rows = vec![
            ev(
                1,
                EventType::Visit,
                ("JP", "CN"),
                "2023-04-02",
                DateBasis::Text,
                "Wire",
                same,
            ),
            ev(
                2,
                EventType::Visit,
                ("JP", "CN"),
                "2023-04-02",
                DateBasis::Text,
                "Daily",
                &same.to_uppercase().replace("  ", " "),
            ),
            visit(3, "2023-04-02", DateBasis::Text, "Other"),
        ];
        let e = merge_entries(rows, 3);
        assert_eq!(sizes(&e), [3]);
        assert_eq!((e[0].articles, e[0].sources), (3, 2));
        assert_eq!(e[0].member_ids(), [1, 2, 3]);
        assert!(e[0].event.event.confidence <= 0.99);
    }

    #[test]
    fn undated_events_stay_apart() {
        let mut a = visit(1, "2023-04-02", DateBasis::Text, "A");
        a.event.date = None;
        let mut b = a.clone();
        (b.id, b.article_id) = (2, 2);
        assert_eq!(sizes(&merge_entries(vec![a, b], 3)), [1, 1]);
    }
}
