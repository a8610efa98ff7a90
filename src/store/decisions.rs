//! People's decisions on events (`dyad event confirm|reject|edit|add|merge|split`).
//!
//! A decision is stored apart from the events it is about and names its event by the event's
//! identity in the article, its *key* ([`key_base`] plus an ordinal), not by its row id: the
//! rows of an article's extracted events are deleted and inserted again on every
//! re-extraction. Whenever that happens ([`Tx::replace_events`]) and whenever a decision is
//! taken, the article's decisions are applied again, oldest first, to its current rows
//! ([`Tx::apply_decisions`]). A confirmed or edited event that the current rules no longer
//! extract is put back from the decision's snapshot (origin `kept`).

use super::events::{event_from_row, EVENT_SELECT};
use super::{Store, StoredEvent, Tx};
use crate::error::{Error, Result};
use crate::model::{
    Action, DateBasis, DateSpan, DecisionKind, Event, EventType, Origin, PubDateBasis, Status,
};
use chrono::NaiveDate;
use rusqlite::{params, OptionalExtension};
use serde::{Deserialize, Serialize};
use sha2::{Digest, Sha256};
use std::collections::HashMap;

/// The identity of an event within its article, short of the ordinal: its family, its
/// unordered pair and a hash of its evidence sentence (whitespace and case folded). A rule
/// change that alters the type within the family, the direction, the date or the rule id keeps
/// the key, so a decision still finds its event.
pub fn key_base(e: &Event) -> String {
    let (a, b) = if e.actor <= e.target {
        (&e.actor, &e.target)
    } else {
        (&e.target, &e.actor)
    };
    let mut h = Sha256::new();
    for (i, w) in e.evidence.split_whitespace().enumerate() {
        if i > 0 {
            h.update(b" ");
        }
        h.update(w.to_lowercase().as_bytes());
    }
    let digest = h.finalize();
    let hex: String = digest[..8].iter().map(|b| format!("{b:02x}")).collect();
    format!("{}|{a}|{b}|{hex}", e.event_type.family())
}

/// The fields a person changed (`dyad event edit`); `None` leaves a field as it is.
#[derive(Debug, Clone, Default, PartialEq, Serialize, Deserialize)]
pub struct EventChanges {
    #[serde(default, rename = "type", skip_serializing_if = "Option::is_none")]
    pub event_type: Option<EventType>,
    #[serde(default, skip_serializing_if = "Option::is_none")]
    pub actor: Option<String>,
    #[serde(default, skip_serializing_if = "Option::is_none")]
    pub target: Option<String>,
    #[serde(default, skip_serializing_if = "Option::is_none")]
    pub date: Option<DateSpan>,
    #[serde(default, skip_serializing_if = "Option::is_none")]
    pub status: Option<Status>,
    #[serde(default, skip_serializing_if = "Option::is_none")]
    pub action: Option<Action>,
    #[serde(default, skip_serializing_if = "Option::is_none")]
    pub summary: Option<String>,
}

impl EventChanges {
    pub fn is_empty(&self) -> bool {
        *self == EventChanges::default()
    }

    /// The changes for reading: "date=2019-11, type=visit".
    pub fn describe(&self) -> String {
        let mut parts = Vec::new();
        if let Some(t) = self.event_type {
            parts.push(format!("type={t}"));
        }
        if let Some(a) = &self.actor {
            parts.push(format!("actor={a}"));
        }
        if let Some(t) = &self.target {
            parts.push(format!("target={t}"));
        }
        if let Some(d) = self.date {
            parts.push(match d.end {
                Some(end) => format!("date={}..{end}", d.start),
                None => format!("date={}", d.start),
            });
        }
        if let Some(s) = self.status {
            parts.push(format!("status={s}"));
        }
        if let Some(a) = self.action {
            parts.push(format!("action={a}"));
        }
        if let Some(s) = &self.summary {
            parts.push(format!("summary={s:?}"));
        }
        parts.join(", ")
    }

    /// `e` with these changes. A date set by a person counts as read from the text, with a
    /// note that says who set it.
    pub fn apply(&self, e: &mut Event) {
        if let Some(t) = self.event_type {
            e.event_type = t;
            e.cameo = t.cameo().map(String::from);
        }
        if let Some(a) = &self.actor {
            e.actor = a.clone();
        }
        if let Some(t) = &self.target {
            e.target = t.clone();
        }
        if let Some(d) = self.date {
            e.date = Some(d);
            e.date_basis = DateBasis::Text;
            e.date_span = None;
            e.date_note = "date set by a person (dyad event edit)".into();
        }
        if let Some(s) = self.status {
            e.status = s;
        }
        if let Some(a) = self.action {
            e.action = a;
        }
        if let Some(s) = &self.summary {
            e.summary = s.clone();
        }
    }
}

/// A decision as stored.
#[derive(Debug, Clone, PartialEq, Serialize)]
pub struct Decision {
    pub id: i64,
    pub kind: DecisionKind,
    pub article_id: i64,
    /// The article's id as given at import, else its row id.
    pub article: String,
    pub event_key: String,
    pub changes: Option<EventChanges>,
    /// The event as it stood after the decision.
    pub snapshot: Event,
    pub group_id: Option<i64>,
    pub note: Option<String>,
    pub decided_at: String,
}

/// Where an event a person adds was reported, when it is not an imported article.
#[derive(Debug, Clone, Default, PartialEq)]
pub struct UserArticle {
    pub title: Option<String>,
    pub source: Option<String>,
    pub url: Option<String>,
    pub pub_date: Option<NaiveDate>,
}

fn now() -> String {
    chrono::Utc::now().to_rfc3339_opts(chrono::SecondsFormat::Secs, true)
}

fn json_error(e: serde_json::Error) -> Error {
    Error::Invalid(format!("a stored decision is not valid JSON: {e}"))
}

struct StoredDecision {
    id: i64,
    kind: DecisionKind,
    key: String,
    changes: Option<EventChanges>,
    snapshot: Event,
    group_id: Option<i64>,
}

impl Tx<'_> {
    fn has_decisions(&self) -> Result<bool> {
        if let Some(b) = self.any_decisions.get() {
            return Ok(b);
        }
        let b = self
            .tx
            .prepare_cached("SELECT EXISTS (SELECT 1 FROM decisions)")?
            .query_row([], |r| r.get(0))?;
        self.any_decisions.set(Some(b));
        Ok(b)
    }

    /// Applies the decisions on `article_id`, oldest first, to its current event rows: review
    /// marks, edited fields, forced merges and splits; puts back confirmed or edited events
    /// the rules no longer extract.
    pub(super) fn apply_decisions(&self, article_id: i64) -> Result<()> {
        if !self.has_decisions()? {
            return Ok(());
        }
        let decisions: Vec<StoredDecision> = self
            .tx
            .prepare_cached(
                "SELECT id, kind, event_key, changes, snapshot, group_id FROM decisions
                 WHERE article_id = ?1 ORDER BY id",
            )?
            .query_map([article_id], |r| {
                Ok((
                    r.get::<_, i64>(0)?,
                    r.get::<_, String>(1)?,
                    r.get::<_, String>(2)?,
                    r.get::<_, Option<String>>(3)?,
                    r.get::<_, String>(4)?,
                    r.get::<_, Option<i64>>(5)?,
                ))
            })?
            .collect::<rusqlite::Result<Vec<_>>>()?
            .into_iter()
            .map(|(id, kind, key, changes, snapshot, group_id)| {
                Ok(StoredDecision {
                    id,
                    kind: kind.parse().map_err(Error::Invalid)?,
                    key,
                    changes: changes
                        .map(|c| serde_json::from_str(&c))
                        .transpose()
                        .map_err(json_error)?,
                    snapshot: serde_json::from_str(&snapshot).map_err(json_error)?,
                    group_id,
                })
            })
            .collect::<Result<_>>()?;
        if decisions.is_empty() {
            return Ok(());
        }
        self.tx
            .prepare_cached(
                "UPDATE events SET review = CASE origin WHEN 'user' THEN 'added' ELSE NULL END,
                    merge_group = NULL, apart = 0
                 WHERE article_id = ?1",
            )?
            .execute([article_id])?;
        for d in &decisions {
            if d.kind == DecisionKind::Add {
                continue;
            }
            let mut ids: Vec<i64> = self
                .tx
                .prepare_cached("SELECT id FROM events WHERE article_id = ?1 AND event_key = ?2")?
                .query_map(params![article_id, d.key], |r| r.get(0))?
                .collect::<rusqlite::Result<_>>()?;
            if ids.is_empty() {
                if !matches!(d.kind, DecisionKind::Confirm | DecisionKind::Edit) {
                    continue;
                }
                let kept = self.insert_events(
                    article_id,
                    std::slice::from_ref(&d.snapshot),
                    &[],
                    Origin::Kept,
                    &mut HashMap::new(),
                )?;
                self.tx
                    .prepare_cached("UPDATE events SET event_key = ?2 WHERE id = ?1")?
                    .execute(params![kept[0], d.key])?;
                ids = kept;
            }
            for id in ids {
                self.apply_one(id, d)?;
            }
        }
        Ok(())
    }

    fn apply_one(&self, id: i64, d: &StoredDecision) -> Result<()> {
        match d.kind {
            DecisionKind::Confirm => {
                self.tx
                    .prepare_cached(
                        "UPDATE events SET review = CASE WHEN review IN ('edited', 'added')
                            THEN review ELSE 'confirmed' END WHERE id = ?1",
                    )?
                    .execute([id])?;
            }
            DecisionKind::Reject => {
                self.tx
                    .prepare_cached("UPDATE events SET review = 'rejected' WHERE id = ?1")?
                    .execute([id])?;
            }
            DecisionKind::Edit => {
                let Some(mut row) = self.event(id)? else {
                    return Ok(());
                };
                if let Some(c) = &d.changes {
                    c.apply(&mut row.event);
                }
                self.write_fields(id, &row.event)?;
                self.tx
                    .prepare_cached(
                        "UPDATE events SET review = CASE WHEN review = 'added' THEN 'added'
                            ELSE 'edited' END WHERE id = ?1",
                    )?
                    .execute([id])?;
            }
            DecisionKind::Merge => {
                self.tx
                    .prepare_cached("UPDATE events SET merge_group = ?2, apart = 0 WHERE id = ?1")?
                    .execute(params![id, d.group_id.unwrap_or(d.id)])?;
            }
            DecisionKind::Split => {
                self.tx
                    .prepare_cached(
                        "UPDATE events SET merge_group = NULL, apart = 1 WHERE id = ?1",
                    )?
                    .execute([id])?;
            }
            DecisionKind::Add => {}
        }
        Ok(())
    }

    /// Writes the fields a person may edit.
    fn write_fields(&self, id: i64, e: &Event) -> Result<()> {
        let [date_start, date_end, sort_date] = super::events::date_columns(e);
        self.tx
            .prepare_cached(
                "UPDATE events SET type = ?2, cameo = ?3, actor = ?4, target = ?5,
                    date_start = ?6, date_end = ?7, sort_date = ?8, date_basis = ?9,
                    status = ?10, action = ?11, summary = ?12, date_note = ?13,
                    date_text_start = ?14, date_text_end = ?15
                 WHERE id = ?1",
            )?
            .execute(params![
                id,
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
                e.date_note,
                e.date_span.map(|s| s.start as i64),
                e.date_span.map(|s| s.end as i64),
            ])?;
        Ok(())
    }

    /// One event row, whatever its review.
    pub fn event(&self, id: i64) -> Result<Option<StoredEvent>> {
        Ok(self
            .tx
            .prepare_cached(&format!("{EVENT_SELECT} WHERE e.id = ?1"))?
            .query_row([id], event_from_row)
            .optional()?)
    }

    /// Gives a key to the events of `article_id` stored before keys existed (schema 4).
    fn ensure_keys(&self, article_id: i64) -> Result<()> {
        let rows: Vec<StoredEvent> = self
            .tx
            .prepare_cached(&format!(
                "{EVENT_SELECT} WHERE e.article_id = ?1 AND e.origin != 'user' ORDER BY e.id"
            ))?
            .query_map([article_id], event_from_row)?
            .collect::<rusqlite::Result<_>>()?;
        let keyed: Vec<(i64, Option<String>)> = self
            .tx
            .prepare_cached("SELECT id, event_key FROM events WHERE article_id = ?1")?
            .query_map([article_id], |r| Ok((r.get(0)?, r.get(1)?)))?
            .collect::<rusqlite::Result<_>>()?;
        let keyed: HashMap<i64, Option<String>> = keyed.into_iter().collect();
        let mut seen: HashMap<String, usize> = HashMap::new();
        for r in &rows {
            if let Some(Some(k)) = keyed.get(&r.id) {
                if let Some((base, _)) = k.rsplit_once('#') {
                    *seen.entry(base.to_string()).or_default() += 1;
                }
            }
        }
        for r in rows {
            if matches!(keyed.get(&r.id), Some(Some(_))) {
                continue;
            }
            let base = key_base(&r.event);
            let n = seen.entry(base.clone()).or_insert(0);
            let key = format!("{base}#{n}");
            *n += 1;
            self.tx
                .prepare_cached("UPDATE events SET event_key = ?2 WHERE id = ?1")?
                .execute(params![r.id, key])?;
        }
        Ok(())
    }

    /// Records a decision of `kind` on event `event_id` and applies it; returns its id. An
    /// edit records `changes`; a merge records `group_id` (the first member's decision id;
    /// `None` for the first member, which starts the group).
    pub fn decide(
        &self,
        kind: DecisionKind,
        event_id: i64,
        changes: Option<&EventChanges>,
        group_id: Option<i64>,
        note: Option<&str>,
    ) -> Result<i64> {
        let key: Option<(i64, Option<String>)> = self
            .tx
            .prepare_cached("SELECT article_id, event_key FROM events WHERE id = ?1")?
            .query_row([event_id], |r| Ok((r.get(0)?, r.get(1)?)))
            .optional()?;
        let Some((article_id, key)) = key else {
            return Err(Error::Invalid(format!("no event with id {event_id}")));
        };
        let key = match key {
            Some(k) => k,
            None => {
                self.ensure_keys(article_id)?;
                self.tx
                    .prepare_cached("SELECT event_key FROM events WHERE id = ?1")?
                    .query_row([event_id], |r| r.get(0))?
            }
        };
        let mut row = self
            .event(event_id)?
            .ok_or_else(|| Error::Invalid(format!("no event with id {event_id}")))?;
        if let Some(c) = changes {
            c.apply(&mut row.event);
        }
        let snapshot = serde_json::to_string(&row.event).map_err(json_error)?;
        let changes = changes
            .map(serde_json::to_string)
            .transpose()
            .map_err(json_error)?;
        self.tx
            .prepare_cached(
                "INSERT INTO decisions (kind, article_id, event_key, changes, snapshot, group_id,
                    note, decided_at)
                 VALUES (?1, ?2, ?3, ?4, ?5, ?6, ?7, ?8)",
            )?
            .execute(params![
                kind.as_str(),
                article_id,
                key,
                changes,
                snapshot,
                group_id,
                note,
                now()
            ])?;
        let id = self.tx.last_insert_rowid();
        if kind == DecisionKind::Merge && group_id.is_none() {
            self.tx
                .prepare_cached("UPDATE decisions SET group_id = ?1 WHERE id = ?1")?
                .execute([id])?;
        }
        self.any_decisions.set(Some(true));
        self.apply_decisions(article_id)?;
        Ok(id)
    }

    /// A row for the report of an event a person adds: an article with no text (a stub,
    /// which a later import of the same URL fills in; the added event stays).
    pub fn user_article(&self, a: &UserArticle) -> Result<i64> {
        if let Some(url) = &a.url {
            let found: Option<i64> = self
                .tx
                .prepare_cached("SELECT id FROM articles WHERE url = ?1")?
                .query_row([url], |r| r.get(0))
                .optional()?;
            if let Some(id) = found {
                return Ok(id);
            }
        }
        // an id no other database gives another report (`dyad merge` matches stubs by id)
        let mut h = Sha256::new();
        for part in [&a.title, &a.source, &a.url] {
            h.update(part.as_deref().unwrap_or("").as_bytes());
            h.update([0]);
        }
        h.update(
            a.pub_date
                .map(|d| d.to_string())
                .unwrap_or_default()
                .as_bytes(),
        );
        h.update(
            chrono::Utc::now()
                .timestamp_nanos_opt()
                .unwrap_or_default()
                .to_le_bytes(),
        );
        h.update(std::process::id().to_le_bytes());
        let digest = h.finalize();
        let key = format!(
            "user-{}",
            digest[..8]
                .iter()
                .map(|b| format!("{b:02x}"))
                .collect::<String>()
        );
        self.tx
            .prepare_cached(
                "INSERT INTO articles (ext_id, title, text, text_hash, url, source, pub_date,
                    pub_date_basis, origin, imported_at, stub)
                 VALUES (?1, ?2, '', ?3, ?4, ?5, ?6, ?7, 'dyad event add', ?8, 1)",
            )?
            .execute(params![
                key,
                a.title,
                format!("stub:{key}"),
                a.url,
                a.source,
                a.pub_date.map(|d| d.to_string()),
                if a.pub_date.is_some() {
                    PubDateBasis::Given
                } else {
                    PubDateBasis::Undated
                }
                .as_str(),
                now(),
            ])?;
        Ok(self.tx.last_insert_rowid())
    }

    /// An added event's row: origin `user`, marked `added`, keyed by its own id (it is never
    /// re-extracted). Returns its id and key.
    fn insert_user_event(&self, article_id: i64, e: &Event) -> Result<(i64, String)> {
        let id = self.insert_events(
            article_id,
            std::slice::from_ref(e),
            &[],
            Origin::User,
            &mut HashMap::new(),
        )?[0];
        let key = format!("user:{id}");
        self.tx
            .prepare_cached("UPDATE events SET event_key = ?2, review = 'added' WHERE id = ?1")?
            .execute(params![id, key])?;
        Ok((id, key))
    }

    /// Stores an event a person adds to `article_id`; returns the event's id and the
    /// decision's. The event is never re-extracted or replaced.
    pub fn add_event(&self, article_id: i64, e: &Event, note: Option<&str>) -> Result<(i64, i64)> {
        let (id, key) = self.insert_user_event(article_id, e)?;
        let snapshot = serde_json::to_string(e).map_err(json_error)?;
        self.tx
            .prepare_cached(
                "INSERT INTO decisions (kind, article_id, event_key, snapshot, note, decided_at)
                 VALUES ('add', ?1, ?2, ?3, ?4, ?5)",
            )?
            .execute(params![article_id, key, snapshot, note, now()])?;
        let decision = self.tx.last_insert_rowid();
        self.any_decisions.set(Some(true));
        Ok((id, decision))
    }
}

impl Tx<'_> {
    /// Copies people's work on an article from another database (`dyad merge`): the events
    /// they added (unless the same one is there) and their decisions (unless the same
    /// decision, taken at the same time, is there), then applies the decisions. `groups` maps
    /// the other database's merge groups to this one's, across articles. Returns the number of
    /// decisions copied.
    pub fn copy_curation(
        &self,
        article_id: i64,
        added: &[StoredEvent],
        decisions: &[Decision],
        groups: &mut HashMap<i64, i64>,
    ) -> Result<usize> {
        let mut keys: HashMap<String, String> = HashMap::new();
        for u in added {
            let e = &u.event;
            let same: Option<String> = self
                .tx
                .prepare_cached(
                    "SELECT event_key FROM events WHERE article_id = ?1 AND origin = 'user'
                       AND type = ?2 AND actor = ?3 AND target = ?4 AND date_start IS ?5
                       AND evidence = ?6 AND summary = ?7 LIMIT 1",
                )?
                .query_row(
                    params![
                        article_id,
                        e.event_type.as_str(),
                        e.actor,
                        e.target,
                        e.date.map(|d| d.start.to_string()),
                        e.evidence,
                        e.summary
                    ],
                    |r| r.get(0),
                )
                .optional()?;
            let key = match same {
                Some(k) => k,
                None => self.insert_user_event(article_id, e)?.1,
            };
            keys.insert(format!("user:{}", u.id), key);
        }
        let mut copied = 0;
        for d in decisions {
            let key = keys.get(&d.event_key).unwrap_or(&d.event_key);
            let changes = d
                .changes
                .as_ref()
                .map(serde_json::to_string)
                .transpose()
                .map_err(json_error)?;
            let existing: Option<Option<i64>> = self
                .tx
                .prepare_cached(
                    "SELECT group_id FROM decisions WHERE article_id = ?1 AND kind = ?2
                       AND event_key = ?3 AND decided_at = ?4 AND note IS ?5 AND changes IS ?6",
                )?
                .query_row(
                    params![
                        article_id,
                        d.kind.as_str(),
                        key,
                        d.decided_at,
                        d.note,
                        changes
                    ],
                    |r| r.get(0),
                )
                .optional()?;
            if let Some(group) = existing {
                if let (Some(old), Some(new)) = (d.group_id, group) {
                    groups.entry(old).or_insert(new);
                }
                continue;
            }
            let snapshot = serde_json::to_string(&d.snapshot).map_err(json_error)?;
            self.tx
                .prepare_cached(
                    "INSERT INTO decisions (kind, article_id, event_key, changes, snapshot,
                        group_id, note, decided_at)
                     VALUES (?1, ?2, ?3, ?4, ?5, ?6, ?7, ?8)",
                )?
                .execute(params![
                    d.kind.as_str(),
                    article_id,
                    key,
                    changes,
                    snapshot,
                    d.group_id.and_then(|g| groups.get(&g)),
                    d.note,
                    d.decided_at
                ])?;
            let id = self.tx.last_insert_rowid();
            if let Some(old) = d.group_id {
                if let std::collections::hash_map::Entry::Vacant(v) = groups.entry(old) {
                    v.insert(id);
                    self.tx
                        .prepare_cached("UPDATE decisions SET group_id = ?1 WHERE id = ?1")?
                        .execute([id])?;
                }
            }
            copied += 1;
        }
        if copied > 0 || !added.is_empty() {
            self.any_decisions.set(Some(true));
            self.apply_decisions(article_id)?;
        }
        Ok(copied)
    }
}

impl Store {
    /// Decisions, newest first: all, or those on the events of one article.
    pub fn decisions(&self, article_id: Option<i64>) -> Result<Vec<Decision>> {
        let mut stmt = self.conn.prepare(
            "SELECT d.id, d.kind, d.article_id, COALESCE(a.ext_id, CAST(a.id AS TEXT)),
                d.event_key, d.changes, d.snapshot, d.group_id, d.note, d.decided_at
             FROM decisions d JOIN articles a ON a.id = d.article_id
             WHERE ?1 IS NULL OR d.article_id = ?1 ORDER BY d.id DESC",
        )?;
        let rows = stmt
            .query_map([article_id], |r| {
                Ok((
                    (
                        r.get::<_, i64>(0)?,
                        r.get::<_, String>(1)?,
                        r.get::<_, i64>(2)?,
                        r.get::<_, String>(3)?,
                        r.get::<_, String>(4)?,
                    ),
                    (
                        r.get::<_, Option<String>>(5)?,
                        r.get::<_, String>(6)?,
                        r.get::<_, Option<i64>>(7)?,
                        r.get::<_, Option<String>>(8)?,
                        r.get::<_, String>(9)?,
                    ),
                ))
            })?
            .collect::<rusqlite::Result<Vec<_>>>()?;
        rows.into_iter()
            .map(
                |(
                    (id, kind, article_id, article, event_key),
                    (changes, snap, group_id, note, at),
                )| {
                    Ok(Decision {
                        id,
                        kind: kind.parse().map_err(Error::Invalid)?,
                        article_id,
                        article,
                        event_key,
                        changes: changes
                            .map(|c| serde_json::from_str(&c))
                            .transpose()
                            .map_err(json_error)?,
                        snapshot: serde_json::from_str(&snap).map_err(json_error)?,
                        group_id,
                        note,
                        decided_at: at,
                    })
                },
            )
            .collect()
    }

    /// One event row, whatever its review.
    pub fn event(&self, id: i64) -> Result<Option<StoredEvent>> {
        Ok(self
            .conn
            .prepare_cached(&format!("{EVENT_SELECT} WHERE e.id = ?1"))?
            .query_row([id], event_from_row)
            .optional()?)
    }
}
