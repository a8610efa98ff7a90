//! The only module that contains SQL. [`Store::open`] sets pragmas, applies the numbered
//! migrations in `schema/` and refuses a database newer than this binary.

mod articles;
mod browse;
mod decisions;
mod events;
mod health;
mod migrations;

use crate::error::{Error, Result};
use rusqlite::{Connection, OpenFlags, TransactionBehavior};
use std::path::Path;

pub use articles::{
    text_hash, EventArticle, InsertOutcome, NewArticle, StoredArticle, StubArticle,
};
pub use browse::{ArticleFilter, ArticleRow, Coverage, CoverageMonth, PairActivity};
pub use decisions::{key_base, Decision, EventChanges, UserArticle};
pub use events::{EventFilter, Stats, StoredEvent};
pub use health::CheckReport;
pub use migrations::SCHEMA_VERSION;

/// A dyad database.
pub struct Store {
    conn: Connection,
    path: String,
}

impl Store {
    /// Opens (creating if needed) and migrates the database at `path`.
    pub fn open(path: &Path) -> Result<Store> {
        let shown = path.display().to_string();
        let existed = path.exists()
            && std::fs::metadata(path)
                .map(|m| m.len() > 0)
                .unwrap_or(false);
        let conn = Connection::open_with_flags(
            path,
            OpenFlags::SQLITE_OPEN_READ_WRITE
                | OpenFlags::SQLITE_OPEN_CREATE
                | OpenFlags::SQLITE_OPEN_NO_MUTEX,
        )
        .map_err(|e| Error::Database {
            path: shown.clone(),
            message: e.to_string(),
        })?;
        Store::setup(conn, shown, existed)
    }

    /// A fresh in-memory database (tests, `dyad eval`).
    pub fn open_in_memory() -> Result<Store> {
        let conn = Connection::open_in_memory()?;
        Store::setup(conn, ":memory:".into(), false)
    }

    fn setup(conn: Connection, path: String, existed: bool) -> Result<Store> {
        // wait out another process's lock from the first read on: a database being created or
        // migrated by a concurrent import is busy for a moment, not foreign
        conn.busy_timeout(BUSY_TIMEOUT)?;
        if existed {
            check_is_dyad(&conn, &path)?;
        }
        if path != ":memory:" {
            set_wal(&conn)?;
        }
        conn.execute_batch("PRAGMA foreign_keys=ON; PRAGMA synchronous=NORMAL;")?;
        migrations::migrate(&conn, &path)?;
        Ok(Store { conn, path })
    }

    pub fn path(&self) -> &str {
        &self.path
    }

    /// Runs `f` inside one write transaction, committed when `f` succeeds and rolled back
    /// otherwise. It takes the write lock at once (`BEGIN IMMEDIATE`, waiting out the busy
    /// timeout behind other writers): a deferred transaction that read first could not
    /// upgrade to a write after another process committed, and would fail with "database is
    /// locked" without waiting.
    pub fn transaction<T>(&mut self, f: impl FnOnce(&Tx<'_>) -> Result<T>) -> Result<T> {
        let tx = self
            .conn
            .transaction_with_behavior(TransactionBehavior::Immediate)?;
        let out = f(&Tx {
            tx: &tx,
            any_decisions: std::cell::Cell::new(None),
        })?;
        tx.commit()?;
        Ok(out)
    }

    /// The value stored under `key` in the meta table.
    pub fn meta(&self, key: &str) -> Result<Option<String>> {
        use rusqlite::OptionalExtension;
        Ok(self
            .conn
            .query_row("SELECT value FROM meta WHERE key = ?1", [key], |r| r.get(0))
            .optional()?)
    }

    pub fn set_meta(&self, key: &str, value: &str) -> Result<()> {
        self.conn.execute(
            "INSERT INTO meta(key, value) VALUES (?1, ?2)
             ON CONFLICT(key) DO UPDATE SET value = excluded.value",
            [key, value],
        )?;
        Ok(())
    }
}

/// How long a connection waits for another one's lock before giving up.
const BUSY_TIMEOUT: std::time::Duration = std::time::Duration::from_secs(30);

/// Puts the database in WAL mode (readers never block the writer, nor it them). Changing the
/// journal mode needs an exclusive lock and does not always wait on the busy handler, so a
/// database already in WAL mode is left alone and a busy one is retried.
fn set_wal(conn: &Connection) -> Result<()> {
    let started = std::time::Instant::now();
    loop {
        let mode = conn
            .query_row("PRAGMA journal_mode", [], |r| r.get::<_, String>(0))
            .and_then(|m| {
                if m.eq_ignore_ascii_case("wal") {
                    Ok(m)
                } else {
                    conn.query_row("PRAGMA journal_mode=WAL", [], |r| r.get(0))
                }
            });
        match mode {
            Ok(_) => return Ok(()),
            Err(rusqlite::Error::SqliteFailure(e, _))
                if e.code == rusqlite::ErrorCode::DatabaseBusy
                    && started.elapsed() < BUSY_TIMEOUT =>
            {
                std::thread::sleep(std::time::Duration::from_millis(20));
            }
            Err(e) => return Err(e.into()),
        }
    }
}

/// A write transaction handed to [`Store::transaction`] callers.
pub struct Tx<'a> {
    tx: &'a rusqlite::Transaction<'a>,
    /// Whether the database holds any decision, read once per transaction (an import of
    /// articles nobody reviewed then costs no lookup per article).
    any_decisions: std::cell::Cell<Option<bool>>,
}

fn check_is_dyad(conn: &Connection, path: &str) -> Result<()> {
    let not_dyad = |reason: String| Error::NotDyad {
        path: path.to_string(),
        reason,
    };
    let version: i64 = conn
        .query_row("PRAGMA user_version", [], |r| r.get(0))
        .map_err(|e| not_dyad(e.to_string()))?;
    let tables: Vec<String> = conn
        .prepare("SELECT name FROM sqlite_master WHERE type = 'table'")
        .and_then(|mut s| {
            s.query_map([], |r| r.get(0))?
                .collect::<rusqlite::Result<Vec<String>>>()
        })
        .map_err(|e| not_dyad(e.to_string()))?;
    if version == 0 && !tables.is_empty() {
        return Err(not_dyad("it has tables but no dyad schema version".into()));
    }
    if version > 0 && !tables.iter().any(|t| t == "articles") {
        return Err(not_dyad("no articles table".into()));
    }
    Ok(())
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn schema_snapshot() {
        let store = Store::open_in_memory().unwrap();
        let mut stmt = store
            .conn
            .prepare("SELECT sql FROM sqlite_master WHERE sql IS NOT NULL ORDER BY name")
            .unwrap();
        let ddl: Vec<String> = stmt
            .query_map([], |r| r.get(0))
            .unwrap()
            .collect::<rusqlite::Result<_>>()
            .unwrap();
        insta::assert_snapshot!(ddl.join(";\n"));
    }

    #[test]
    fn refuses_newer_schema() {
        let dir = tempfile::tempdir().unwrap();
        let path = dir.path().join("x.db");
        drop(Store::open(&path).unwrap());
        let conn = Connection::open(&path).unwrap();
        conn.execute_batch(&format!("PRAGMA user_version = {}", SCHEMA_VERSION + 1))
            .unwrap();
        drop(conn);
        let err = Store::open(&path).err().unwrap();
        assert!(matches!(err, Error::SchemaTooNew { .. }), "{err}");
        assert!(err.to_string().contains("newer than this dyad supports"));
    }

    #[test]
    fn refuses_foreign_database() {
        let dir = tempfile::tempdir().unwrap();
        let path = dir.path().join("other.db");
        let conn = Connection::open(&path).unwrap();
        conn.execute_batch("CREATE TABLE notes(x)").unwrap();
        drop(conn);
        let err = Store::open(&path).err().unwrap();
        assert!(matches!(err, Error::NotDyad { .. }), "{err}");
        // and it was not modified
        let conn = Connection::open(&path).unwrap();
        let v: i64 = conn
            .query_row("PRAGMA user_version", [], |r| r.get(0))
            .unwrap();
        assert_eq!(v, 0);
    }

    #[test]
    fn reopening_is_idempotent() {
        let dir = tempfile::tempdir().unwrap();
        let path = dir.path().join("x.db");
        drop(Store::open(&path).unwrap());
        let s = Store::open(&path).unwrap();
        let v: i64 = s
            .conn
            .query_row("PRAGMA user_version", [], |r| r.get(0))
            .unwrap();
        assert_eq!(v, SCHEMA_VERSION);
    }
}
