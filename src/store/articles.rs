//! Articles: insertion with de-duplication (same id, same URL or same normalized text), lookup.

use super::{Store, Tx};
use crate::error::Result;
use crate::model::{Article, PubDateBasis};
use chrono::NaiveDate;
use rusqlite::{params, OptionalExtension, Row};
use sha2::{Digest, Sha256};

/// An article ready to be stored.
#[derive(Debug, Clone, PartialEq)]
pub struct NewArticle {
    pub ext_id: Option<String>,
    pub title: Option<String>,
    pub text: String,
    pub url: Option<String>,
    pub source: Option<String>,
    pub pub_date: Option<NaiveDate>,
    pub pub_date_basis: PubDateBasis,
    pub anchor_date: Option<NaiveDate>,
    pub origin: String,
}

/// What an imported event says of its article (`dyad import-events`).
#[derive(Debug, Clone, PartialEq)]
pub struct StubArticle {
    /// The article's id as the event gives it.
    pub key: String,
    pub title: Option<String>,
    pub source: Option<String>,
    pub url: Option<String>,
    pub pub_date: Option<NaiveDate>,
    /// Where the event came from (`events.jsonl:12`).
    pub origin: String,
}

/// The article an imported event goes to ([`Tx::event_article`]).
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub enum EventArticle {
    /// A stub made for it now.
    NewStub(i64),
    /// A stub made by an earlier import: its events are imported ones.
    Stub(i64),
    /// A stored article with its text: its own extraction stands, the event is not added.
    Full(i64),
}

/// An article as read back for copying into another database (`dyad merge`).
#[derive(Debug, Clone, PartialEq)]
pub struct StoredArticle {
    pub id: i64,
    pub article: NewArticle,
    /// Known only from imported events: no text.
    pub stub: bool,
}

fn now() -> String {
    chrono::Utc::now().to_rfc3339_opts(chrono::SecondsFormat::Secs, true)
}

/// Articles a statement of [`Tx::insert_articles`] writes (12 values each, well under SQLite's
/// limit of 32,766).
const ROWS_A_STATEMENT: usize = 1024;

/// Articles decided new but not written yet, by text hash, id (with the hash) and URL.
#[derive(Default)]
struct Pending {
    by_hash: std::collections::HashMap<String, i64>,
    by_ext: std::collections::HashMap<String, (i64, String)>,
    by_url: std::collections::HashMap<String, i64>,
}

/// What storing an article comes to.
enum Placement {
    Done(InsertOutcome),
    FillStub(i64),
    Insert,
}

/// What [`Tx::insert_article`] did.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub enum InsertOutcome {
    New(i64),
    /// The same article (same id, URL or normalized text) was already stored.
    Unchanged(i64),
    /// An article with the same id but a different text is stored: nothing was written.
    IdConflict(i64),
}

/// SHA-256 of the text with whitespace collapsed and case folded: reprints that differ only in
/// line wrapping or case are the same article.
pub fn text_hash(text: &str) -> String {
    let mut norm: Vec<u8> = Vec::with_capacity(text.len());
    if text.is_ascii() {
        // the same, a byte at a time (ASCII whitespace is what `split_whitespace` splits on)
        let mut space = false;
        for &b in text.as_bytes() {
            if matches!(b, b'\t' | b'\n' | 0x0b | 0x0c | b'\r' | b' ') {
                space = !norm.is_empty();
                continue;
            }
            if space {
                norm.push(b' ');
                space = false;
            }
            norm.push(b.to_ascii_lowercase());
        }
    } else {
        let mut buf = [0u8; 4];
        for word in text.split_whitespace() {
            if !norm.is_empty() {
                norm.push(b' ');
            }
            for c in word.chars().flat_map(char::to_lowercase) {
                norm.extend_from_slice(c.encode_utf8(&mut buf).as_bytes());
            }
        }
    }
    const HEX: &[u8; 16] = b"0123456789abcdef";
    let mut out = String::with_capacity(64);
    for b in Sha256::digest(&norm) {
        out.push(HEX[(b >> 4) as usize] as char);
        out.push(HEX[(b & 15) as usize] as char);
    }
    out
}

const ARTICLE_COLUMNS: &str =
    "id, ext_id, title, text, pub_date, pub_date_basis, source, url, anchor_date";

fn article_from_row(r: &Row<'_>) -> rusqlite::Result<Article> {
    let id: i64 = r.get(0)?;
    let ext: Option<String> = r.get(1)?;
    let date = |s: Option<String>| s.and_then(|s| NaiveDate::parse_from_str(&s, "%Y-%m-%d").ok());
    let basis: String = r.get(5)?;
    Ok(Article {
        id,
        key: ext.unwrap_or_else(|| id.to_string()),
        title: r.get(2)?,
        text: r.get(3)?,
        pub_date: date(r.get(4)?),
        pub_date_basis: basis.parse().unwrap_or(PubDateBasis::Undated),
        source: r.get(6)?,
        url: r.get(7)?,
        anchor_date: date(r.get(8)?),
    })
}

impl Tx<'_> {
    /// Stores `a` unless the same article is there. A stub (an article known only from
    /// imported events) with the same id or URL is filled in and reported as new, so that its
    /// events are extracted again from the text.
    pub fn insert_article(&self, a: &NewArticle) -> Result<InsertOutcome> {
        self.insert_article_hashed(a, &text_hash(&a.text))
    }

    /// [`Tx::insert_article`] given the article's [`text_hash`].
    pub fn insert_article_hashed(&self, a: &NewArticle, hash: &str) -> Result<InsertOutcome> {
        Ok(match self.place_article(a, hash, &Pending::default())? {
            Placement::Done(outcome) => outcome,
            Placement::FillStub(id) => self.fill_stub(id, a, hash)?,
            Placement::Insert => {
                self.write_articles(&[(self.next_article_id()?, a, hash)])?;
                InsertOutcome::New(self.tx.last_insert_rowid())
            }
        })
    }

    /// [`Tx::insert_article_hashed`] of each article in turn, with the same outcomes and ids;
    /// the new ones are written together at the end, up to [`ROWS_A_STATEMENT`] a statement:
    /// every statement that inserts articles makes the full-text index (kept by a trigger)
    /// write out what it holds, so once a statement rather than once an article.
    pub fn insert_articles(&self, items: &[(&NewArticle, &str)]) -> Result<Vec<InsertOutcome>> {
        let mut pending = Pending::default();
        let mut rows: Vec<(i64, &NewArticle, &str)> = Vec::new();
        let mut next = self.next_article_id()?;
        let mut out = Vec::with_capacity(items.len());
        for &(a, hash) in items {
            out.push(match self.place_article(a, hash, &pending)? {
                Placement::Done(outcome) => outcome,
                Placement::FillStub(id) => self.fill_stub(id, a, hash)?,
                Placement::Insert => {
                    let id = next;
                    next += 1;
                    pending.by_hash.insert(hash.to_string(), id);
                    if let Some(e) = &a.ext_id {
                        pending.by_ext.insert(e.clone(), (id, hash.to_string()));
                    }
                    if let Some(u) = &a.url {
                        pending.by_url.insert(u.clone(), id);
                    }
                    rows.push((id, a, hash));
                    InsertOutcome::New(id)
                }
            });
        }
        for chunk in rows.chunks(ROWS_A_STATEMENT) {
            self.write_articles(chunk)?;
        }
        Ok(out)
    }

    /// The rowid SQLite gives the next article inserted: one more than the largest.
    fn next_article_id(&self) -> Result<i64> {
        Ok(self
            .tx
            .prepare_cached("SELECT COALESCE(MAX(id), 0) + 1 FROM articles")?
            .query_row([], |r| r.get(0))?)
    }

    /// What storing `a` comes to, `pending` (articles to be written before it) included.
    fn place_article(&self, a: &NewArticle, hash: &str, pending: &Pending) -> Result<Placement> {
        let same_text: Option<i64> = match pending.by_hash.get(hash) {
            Some(&id) => Some(id),
            None => self
                .tx
                .prepare_cached("SELECT id FROM articles WHERE text_hash = ?1")?
                .query_row([hash], |r| r.get(0))
                .optional()?,
        };
        if let Some(ext) = &a.ext_id {
            let found: Option<(i64, String, bool)> = match pending.by_ext.get(ext) {
                Some((id, h)) => Some((*id, h.clone(), false)),
                None => self
                    .tx
                    .prepare_cached("SELECT id, text_hash, stub FROM articles WHERE ext_id = ?1")?
                    .query_row([ext], |r| Ok((r.get(0)?, r.get(1)?, r.get(2)?)))
                    .optional()?,
            };
            match found {
                Some((id, _, true)) => {
                    return Ok(match same_text {
                        Some(other) => Placement::Done(InsertOutcome::Unchanged(other)),
                        None => Placement::FillStub(id),
                    })
                }
                Some((id, h, false)) => {
                    return Ok(Placement::Done(if h == hash {
                        InsertOutcome::Unchanged(id)
                    } else {
                        InsertOutcome::IdConflict(id)
                    }))
                }
                None => {}
            }
        }
        if let Some(id) = same_text {
            return Ok(Placement::Done(InsertOutcome::Unchanged(id)));
        }
        if let Some(url) = &a.url {
            let found: Option<(i64, bool)> = match pending.by_url.get(url) {
                Some(&id) => Some((id, false)),
                None => self
                    .tx
                    .prepare_cached("SELECT id, stub FROM articles WHERE url = ?1")?
                    .query_row([url], |r| Ok((r.get(0)?, r.get(1)?)))
                    .optional()?,
            };
            match found {
                // (an id of `a` is not stored: it would have been found above)
                Some((id, true)) => return Ok(Placement::FillStub(id)),
                Some((id, _)) => return Ok(Placement::Done(InsertOutcome::Unchanged(id))),
                None => {}
            }
        }
        Ok(Placement::Insert)
    }

    /// Inserts `rows` (id, article, text hash) in one statement.
    fn write_articles(&self, rows: &[(i64, &NewArticle, &str)]) -> Result<()> {
        const ROW: &str = "(?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?)";
        let sql = format!(
            "INSERT INTO articles (id, ext_id, title, text, text_hash, url, source, pub_date,
                pub_date_basis, anchor_date, origin, imported_at)
             VALUES {}",
            vec![ROW; rows.len()].join(", ")
        );
        let at = now();
        let mut values: Vec<Box<dyn rusqlite::ToSql + '_>> = Vec::with_capacity(rows.len() * 12);
        for &(id, a, hash) in rows {
            values.push(Box::new(id));
            values.push(Box::new(&a.ext_id));
            values.push(Box::new(&a.title));
            values.push(Box::new(&a.text));
            values.push(Box::new(hash));
            values.push(Box::new(&a.url));
            values.push(Box::new(&a.source));
            values.push(Box::new(a.pub_date.map(|d| d.to_string())));
            values.push(Box::new(a.pub_date_basis.as_str()));
            values.push(Box::new(a.anchor_date.map(|d| d.to_string())));
            values.push(Box::new(&a.origin));
            values.push(Box::new(at.clone()));
        }
        self.tx
            .prepare_cached(&sql)?
            .execute(rusqlite::params_from_iter(values.iter()))?;
        Ok(())
    }

    /// Replaces stub `id` with the full article `a` (keeping its id, so its row and events
    /// stay where they are until the caller replaces the events).
    fn fill_stub(&self, id: i64, a: &NewArticle, hash: &str) -> Result<InsertOutcome> {
        self.tx
            .prepare_cached(
                "UPDATE articles SET ext_id = COALESCE(?2, ext_id), title = ?3, text = ?4,
                    text_hash = ?5, url = COALESCE(?6, url), source = ?7, pub_date = ?8,
                    pub_date_basis = ?9, anchor_date = ?10, origin = ?11, imported_at = ?12,
                    stub = 0
                 WHERE id = ?1",
            )?
            .execute(params![
                id,
                a.ext_id,
                a.title,
                a.text,
                hash,
                a.url,
                a.source,
                a.pub_date.map(|d| d.to_string()),
                a.pub_date_basis.as_str(),
                a.anchor_date.map(|d| d.to_string()),
                a.origin,
                now(),
            ])?;
        Ok(InsertOutcome::New(id))
    }

    /// The article that an imported event belongs to: the stored one with id `key` (else
    /// with its URL), or a new stub made from what the event says of it.
    pub fn event_article(&self, s: &StubArticle) -> Result<EventArticle> {
        let found = |(id, stub): (i64, bool)| {
            if stub {
                EventArticle::Stub(id)
            } else {
                EventArticle::Full(id)
            }
        };
        let by_key: Option<(i64, bool)> = self
            .tx
            .prepare_cached("SELECT id, stub FROM articles WHERE ext_id = ?1")?
            .query_row([&s.key], |r| Ok((r.get(0)?, r.get(1)?)))
            .optional()?;
        if let Some(f) = by_key {
            return Ok(found(f));
        }
        if let Some(url) = &s.url {
            let by_url: Option<(i64, bool)> = self
                .tx
                .prepare_cached("SELECT id, stub FROM articles WHERE url = ?1")?
                .query_row([url], |r| Ok((r.get(0)?, r.get(1)?)))
                .optional()?;
            if let Some(f) = by_url {
                return Ok(found(f));
            }
        }
        self.tx
            .prepare_cached(
                "INSERT INTO articles (ext_id, title, text, text_hash, url, source, pub_date,
                    pub_date_basis, origin, imported_at, stub)
                 VALUES (?1, ?2, '', ?3, ?4, ?5, ?6, ?7, ?8, ?9, 1)",
            )?
            .execute(params![
                s.key,
                s.title,
                format!("stub:{}", s.key),
                s.url,
                s.source,
                s.pub_date.map(|d| d.to_string()),
                if s.pub_date.is_some() {
                    PubDateBasis::Given
                } else {
                    PubDateBasis::Undated
                }
                .as_str(),
                s.origin,
                now(),
            ])?;
        Ok(EventArticle::NewStub(self.tx.last_insert_rowid()))
    }

    pub fn article(&self, id: i64) -> Result<Option<Article>> {
        Ok(self
            .tx
            .prepare_cached(&format!(
                "SELECT {ARTICLE_COLUMNS} FROM articles WHERE id = ?1"
            ))?
            .query_row([id], article_from_row)
            .optional()?)
    }
}

impl Store {
    /// Whether the same article (same id, URL or normalized text) is already stored, with
    /// its text (a stub is to be filled in: not the same).
    pub fn article_exists(&self, a: &NewArticle) -> Result<bool> {
        self.article_exists_hashed(a, &text_hash(&a.text))
    }

    /// [`Store::article_exists`] given the article's [`text_hash`].
    pub fn article_exists_hashed(&self, a: &NewArticle, hash: &str) -> Result<bool> {
        let found: Option<i64> = self
            .conn
            .prepare_cached(
                "SELECT id FROM articles WHERE ((?1 IS NOT NULL AND ext_id = ?1)
                   OR text_hash = ?2 OR (?3 IS NOT NULL AND url = ?3)) AND stub = 0 LIMIT 1",
            )?
            .query_row(params![a.ext_id, hash, a.url], |r| r.get(0))
            .optional()?;
        Ok(found.is_some())
    }

    /// Every stored article id, in import order.
    pub fn article_ids(&self) -> Result<Vec<i64>> {
        let mut stmt = self.conn.prepare("SELECT id FROM articles ORDER BY id")?;
        let ids = stmt
            .query_map([], |r| r.get(0))?
            .collect::<rusqlite::Result<Vec<i64>>>()?;
        Ok(ids)
    }

    /// Stored articles that have a text (not stubs), in import order: what can be
    /// re-extracted.
    pub fn extractable_article_ids(&self) -> Result<Vec<i64>> {
        let mut stmt = self
            .conn
            .prepare("SELECT id FROM articles WHERE stub = 0 ORDER BY id")?;
        let ids = stmt
            .query_map([], |r| r.get(0))?
            .collect::<rusqlite::Result<Vec<i64>>>()?;
        Ok(ids)
    }

    /// Whether article `id` is a stub (known only from imported events).
    pub fn is_stub(&self, id: i64) -> Result<bool> {
        Ok(self
            .conn
            .prepare_cached("SELECT stub FROM articles WHERE id = ?1")?
            .query_row([id], |r| r.get(0))
            .optional()?
            .unwrap_or(false))
    }

    /// Up to `limit` articles with an id above `after`, in id order, for copying elsewhere.
    /// Reads databases of schema version 1 too (no stubs there).
    pub fn articles_after(&self, after: i64, limit: usize) -> Result<Vec<StoredArticle>> {
        let has_stub: bool = self.conn.query_row(
            "SELECT COUNT(*) > 0 FROM pragma_table_info('articles') WHERE name = 'stub'",
            [],
            |r| r.get(0),
        )?;
        let sql = format!(
            "SELECT id, ext_id, title, text, url, source, pub_date, pub_date_basis, anchor_date,
                origin, {} FROM articles WHERE id > ?1 ORDER BY id LIMIT ?2",
            if has_stub { "stub" } else { "0" }
        );
        let date =
            |s: Option<String>| s.and_then(|s| NaiveDate::parse_from_str(&s, "%Y-%m-%d").ok());
        let mut stmt = self.conn.prepare_cached(&sql)?;
        let rows = stmt
            .query_map(params![after, limit as i64], |r| {
                let basis: String = r.get(7)?;
                Ok(StoredArticle {
                    id: r.get(0)?,
                    article: NewArticle {
                        ext_id: r.get(1)?,
                        title: r.get(2)?,
                        text: r.get(3)?,
                        url: r.get(4)?,
                        source: r.get(5)?,
                        pub_date: date(r.get(6)?),
                        pub_date_basis: basis.parse().unwrap_or(PubDateBasis::Undated),
                        anchor_date: date(r.get(8)?),
                        origin: r.get::<_, Option<String>>(9)?.unwrap_or_default(),
                    },
                    stub: r.get(10)?,
                })
            })?
            .collect::<rusqlite::Result<Vec<_>>>()?;
        Ok(rows)
    }

    pub fn article(&self, id: i64) -> Result<Option<Article>> {
        Ok(self
            .conn
            .prepare_cached(&format!(
                "SELECT {ARTICLE_COLUMNS} FROM articles WHERE id = ?1"
            ))?
            .query_row([id], article_from_row)
            .optional()?)
    }

    /// Finds an article by the id given at import, else by internal id.
    pub fn find_article(&self, key: &str) -> Result<Option<Article>> {
        let found = self
            .conn
            .prepare_cached(&format!(
                "SELECT {ARTICLE_COLUMNS} FROM articles WHERE ext_id = ?1"
            ))?
            .query_row([key], article_from_row)
            .optional()?;
        match (found, key.parse::<i64>()) {
            (Some(a), _) => Ok(Some(a)),
            (None, Ok(id)) => self.article(id),
            (None, Err(_)) => Ok(None),
        }
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    fn art(id: Option<&str>, text: &str, url: Option<&str>) -> NewArticle {
        NewArticle {
            ext_id: id.map(String::from),
            title: None,
            text: text.into(),
            url: url.map(String::from),
            source: None,
            pub_date: NaiveDate::from_ymd_opt(2023, 4, 2),
            pub_date_basis: PubDateBasis::Given,
            anchor_date: None,
            origin: "t".into(),
        }
    }

    #[test]
    fn text_hash_normalizes_whitespace_and_case() {
        let reference = |text: &str| {
            let norm: Vec<String> = text
                .split_whitespace()
                .map(|w| w.chars().flat_map(char::to_lowercase).collect())
                .collect();
            let digest = Sha256::digest(norm.join(" ").as_bytes());
            digest
                .iter()
                .map(|b| format!("{b:02x}"))
                .collect::<String>()
        };
        for t in [
            "",
            "  \n ",
            "Japan and China met.",
            "\t JAPAN\x0band\x0c\r\n China  met. \n",
            "a\x1cb \u{a0}Ünd ÉTÉ\u{2003}İ ΣΑΣ",
        ] {
            assert_eq!(text_hash(t), reference(t), "{t:?}");
        }
        assert_eq!(
            text_hash("JAPAN and\n  China met."),
            text_hash("Japan and China met.")
        );
    }

    /// Inserting a batch gives the outcomes, ids and rows of inserting one after the other.
    #[test]
    fn batch_insert_is_sequential_insert() {
        let stub = |key: &str, url: Option<&str>| StubArticle {
            key: key.into(),
            title: None,
            source: None,
            url: url.map(String::from),
            pub_date: None,
            origin: "e".into(),
        };
        let setup = |s: &mut Store| {
            s.transaction(|tx| {
                tx.insert_article(&art(Some("old"), "Stored before.", Some("http://old")))?;
                tx.event_article(&stub("s1", None))?;
                tx.event_article(&stub("s2", Some("http://s2")))?;
                tx.event_article(&stub("s3", None))?;
                Ok(())
            })
            .unwrap();
        };
        let batch = vec![
            art(Some("a"), "Japan and China met.", None),
            art(Some("a"), "Japan and China met.", None),
            art(Some("a"), "Something else.", None),
            art(None, "JAPAN and\n China met.", None),
            art(None, "Other text.", Some("http://x")),
            art(None, "Other text, updated.", Some("http://x")),
            art(Some("old"), "Stored before.", None),
            art(Some("old"), "Changed.", None),
            art(None, "New at an old URL.", Some("http://old")),
            art(Some("s1"), "The stub's text.", None),
            art(Some("s1"), "The stub's text.", None),
            art(None, "The second stub's text.", Some("http://s2")),
            art(Some("s3"), "Other text.", None),
            art(Some("b"), "Text b.", Some("http://b")),
            art(Some("c"), "Text c.", Some("http://b")),
            art(Some("d"), "Text b.", None),
        ];
        let rows = |s: &Store| -> Vec<String> {
            let mut stmt = s
                .conn
                .prepare("SELECT id, ext_id, text, text_hash, url, stub FROM articles ORDER BY id")
                .unwrap();
            let rows = stmt
                .query_map([], |r| {
                    Ok(format!(
                        "{:?}",
                        (
                            r.get::<_, i64>(0)?,
                            r.get::<_, Option<String>>(1)?,
                            r.get::<_, String>(2)?,
                            r.get::<_, String>(3)?,
                            r.get::<_, Option<String>>(4)?,
                            r.get::<_, bool>(5)?,
                        )
                    ))
                })
                .unwrap()
                .collect::<rusqlite::Result<Vec<_>>>()
                .unwrap();
            rows
        };
        let mut one = Store::open_in_memory().unwrap();
        setup(&mut one);
        let want: Vec<InsertOutcome> = one
            .transaction(|tx| batch.iter().map(|a| tx.insert_article(a)).collect())
            .unwrap();
        let mut all = Store::open_in_memory().unwrap();
        setup(&mut all);
        let hashes: Vec<String> = batch.iter().map(|a| text_hash(&a.text)).collect();
        let items: Vec<(&NewArticle, &str)> = batch
            .iter()
            .zip(&hashes)
            .map(|(a, h)| (a, h.as_str()))
            .collect();
        let got = all.transaction(|tx| tx.insert_articles(&items)).unwrap();
        assert_eq!(got, want);
        assert_eq!(rows(&all), rows(&one));
        assert!(got
            .iter()
            .any(|o| matches!(o, InsertOutcome::IdConflict(_))));
        assert!(
            got.iter()
                .filter(|o| matches!(o, InsertOutcome::New(_)))
                .count()
                >= 5
        );
    }

    #[test]
    fn dedupes_by_id_url_and_text() {
        let mut s = Store::open_in_memory().unwrap();
        s.transaction(|tx| {
            let first = tx.insert_article(&art(Some("a"), "Japan and China met.", None))?;
            assert!(matches!(first, InsertOutcome::New(_)));
            assert!(matches!(
                tx.insert_article(&art(Some("a"), "Japan and China met.", None))?,
                InsertOutcome::Unchanged(_)
            ));
            assert!(matches!(
                tx.insert_article(&art(Some("a"), "Something else.", None))?,
                InsertOutcome::IdConflict(_)
            ));
            // same text, re-wrapped and without id
            assert!(matches!(
                tx.insert_article(&art(None, "JAPAN and\n  China met.", None))?,
                InsertOutcome::Unchanged(_)
            ));
            let u = tx.insert_article(&art(None, "Other text.", Some("http://x")))?;
            assert!(matches!(u, InsertOutcome::New(_)));
            assert!(matches!(
                tx.insert_article(&art(None, "Other text, updated.", Some("http://x")))?,
                InsertOutcome::Unchanged(_)
            ));
            Ok(())
        })
        .unwrap();
        assert_eq!(s.article_ids().unwrap().len(), 2);
        assert_eq!(s.find_article("a").unwrap().unwrap().key, "a");
    }
}
