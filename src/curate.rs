//! People correcting the timeline: decisions on whole entries (`dyad event ...`, `dyad
//! review`). A person sees merged entries, so a decision on an event applies by default to
//! every report merged with it in its pair's timeline; `only` narrows it to the one report.
//! The store keeps the decisions and applies them again after every re-extraction
//! (`store::decisions`).

use crate::error::{Error, Result};
use crate::model::{DateSpan, DecisionKind, Event, Review};
use crate::query::{self, TimelineEntry};
use crate::store::{EventChanges, EventFilter, Store, UserArticle};

/// The entry of event `id` as `dyad timeline` shows it (merged with the other reports of the
/// same event, rejected events alone), or `None` when there is no such event.
pub fn entry_of_event(store: &Store, id: i64) -> Result<Option<TimelineEntry>> {
    let Some(ev) = store.event(id)? else {
        return Ok(None);
    };
    if ev.review == Some(Review::Rejected) {
        return Ok(Some(TimelineEntry::single(ev)));
    }
    let rows = store.events(&EventFilter {
        pair: Some((ev.event.actor.clone(), ev.event.target.clone())),
        hide_rejected: true,
        ..EventFilter::default()
    })?;
    let entry = query::merge_entries(rows, query::DEFAULT_MERGE_WINDOW_DAYS)
        .into_iter()
        .find(|e| e.members.iter().any(|m| m.id == id));
    Ok(Some(entry.unwrap_or_else(|| TimelineEntry::single(ev))))
}

fn no_event(id: i64) -> Error {
    Error::Invalid(format!("no event with id {id}"))
}

/// The events a decision on `id` applies to: the members of its entry, or `id` alone.
pub fn targets(store: &Store, id: i64, only: bool) -> Result<Vec<i64>> {
    let entry = entry_of_event(store, id)?.ok_or_else(|| no_event(id))?;
    Ok(if only { vec![id] } else { entry.member_ids() })
}

/// Confirms, rejects or edits (with `changes`) the entry of event `id` (or that event alone
/// when `only`); returns the events decided on.
pub fn decide(
    store: &mut Store,
    kind: DecisionKind,
    id: i64,
    only: bool,
    changes: Option<&EventChanges>,
    note: Option<&str>,
) -> Result<Vec<i64>> {
    if !matches!(
        kind,
        DecisionKind::Confirm | DecisionKind::Reject | DecisionKind::Edit
    ) {
        return Err(Error::Invalid(format!(
            "{kind} is not a decision on one entry"
        )));
    }
    if kind == DecisionKind::Edit && changes.is_none_or(EventChanges::is_empty) {
        return Err(Error::Invalid(
            "nothing to edit: give at least one of --type, --actor, --target, --date, \
             --status, --action, --summary"
                .into(),
        ));
    }
    let ids = targets(store, id, only)?;
    // an entry of contacts may hold reports in both directions: a change of actor or target
    // is the entry's, so a report told the other way round gets it the other way round
    let base = store.event(id)?.ok_or_else(|| no_event(id))?;
    let mut per_member: Vec<(i64, Option<EventChanges>)> = Vec::with_capacity(ids.len());
    for &m in &ids {
        let ev = store.event(m)?.ok_or_else(|| no_event(m))?;
        let reversed = ev.event.actor != base.event.actor
            && ev.event.actor == base.event.target
            && ev.event.target == base.event.actor;
        let c = changes.map(|c| {
            let mut c = c.clone();
            if reversed {
                std::mem::swap(&mut c.actor, &mut c.target);
                // the summary was written for the entry's direction
                c.summary = None;
            }
            c
        });
        if let Some(c) = &c {
            let mut e = ev.event.clone();
            c.apply(&mut e);
            if e.actor == e.target {
                return Err(Error::Invalid(format!(
                    "the edit would make event {m} one of {} with itself: give --only, or \
                     both --actor and --target",
                    e.actor
                )));
            }
        }
        per_member.push((m, c));
    }
    store.transaction(|tx| {
        for (m, c) in &per_member {
            tx.decide(kind, *m, c.as_ref(), None, note)?;
        }
        Ok(())
    })?;
    Ok(ids)
}

/// Merges the entries of the given events into one entry (each event's whole entry, or the
/// events alone when `only`); returns the events merged.
pub fn merge(store: &mut Store, ids: &[i64], only: bool, note: Option<&str>) -> Result<Vec<i64>> {
    let mut all: Vec<i64> = Vec::new();
    let mut entries = 0;
    for &id in ids {
        let t = targets(store, id, only)?;
        if t.iter().any(|m| all.contains(m)) {
            continue;
        }
        entries += 1;
        all.extend(t);
    }
    if entries < 2 {
        return Err(Error::Invalid(format!(
            "events {} are already one entry: give events of at least two entries",
            ids.iter()
                .map(i64::to_string)
                .collect::<Vec<_>>()
                .join(", ")
        )));
    }
    store.transaction(|tx| {
        let mut group = None;
        for &m in &all {
            let d = tx.decide(DecisionKind::Merge, m, None, group, note)?;
            group.get_or_insert(d);
        }
        Ok(())
    })?;
    Ok(all)
}

/// Takes event `id` out of its entry: it becomes an entry of its own and is never merged
/// again with other reports.
pub fn split(store: &mut Store, id: i64, note: Option<&str>) -> Result<()> {
    let entry = entry_of_event(store, id)?.ok_or_else(|| no_event(id))?;
    if entry.members.len() < 2 {
        return Err(Error::Invalid(format!(
            "event {id} is not merged with any other report"
        )));
    }
    store.transaction(|tx| tx.decide(DecisionKind::Split, id, None, None, note))?;
    Ok(())
}

/// Where an added event was reported.
#[derive(Debug, Clone, PartialEq)]
pub enum Report {
    /// A stored article (its row id).
    Article(i64),
    /// Somewhere else: a stub article is made (or the stored article with this URL used).
    Elsewhere(UserArticle),
}

/// Adds an event a person knows of; returns its id. It is marked `added`, never replaced by
/// extraction, and merged with the extracted reports of the same event like any report.
pub fn add(store: &mut Store, e: &Event, report: &Report, note: Option<&str>) -> Result<i64> {
    if e.actor == e.target {
        return Err(Error::Invalid(format!(
            "an event needs two different countries, got {} twice",
            e.actor
        )));
    }
    if let Some(DateSpan {
        start,
        end: Some(end),
    }) = e.date
    {
        if start.first_day() > end.last_day() {
            return Err(Error::Invalid(format!(
                "--date {start} is after --until {end}"
            )));
        }
    }
    store.transaction(|tx| {
        let article = match report {
            Report::Article(id) => *id,
            Report::Elsewhere(u) => tx.user_article(u)?,
        };
        Ok(tx.add_event(article, e, note)?.0)
    })
}
