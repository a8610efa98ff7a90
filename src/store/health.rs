//! Health: SQLite's own integrity checks plus dyad's schema checks (`dyad check`), and online
//! backups (`dyad backup`). Nothing here changes the database it looks at.

use super::migrations::SCHEMA_VERSION;
use super::{check_is_dyad, Store, BUSY_TIMEOUT};
use crate::error::{Error, Result};
use rusqlite::{Connection, OpenFlags};
use std::path::Path;

/// What [`Store::check`] found.
#[derive(Debug, Clone, Default, PartialEq, Eq, serde::Serialize)]
pub struct CheckReport {
    pub path: String,
    /// The database's schema version (`PRAGMA user_version`).
    pub schema_version: i64,
    /// The version this dyad writes.
    pub supported_version: i64,
    pub articles: i64,
    pub events: i64,
    /// Corruption or schema damage: the database is not fine when there is any.
    pub problems: Vec<String>,
    /// Worth knowing, but not a fault (an older schema, tables dyad does not know).
    pub notes: Vec<String>,
}

impl CheckReport {
    pub fn is_ok(&self) -> bool {
        self.problems.is_empty()
    }
}

/// At most this many rows of one check are reported.
const MAX_ROWS: usize = 100;

impl Store {
    /// Opens an existing dyad database without creating, migrating or writing to it: for
    /// looking at a database that may be damaged, or not dyad's at all (refused, untouched).
    pub fn open_existing(path: &Path) -> Result<Store> {
        let shown = path.display().to_string();
        let db_err = |message: String| Error::Database {
            path: shown.clone(),
            message,
        };
        let meta = std::fs::metadata(path).map_err(|e| db_err(e.to_string()))?;
        if meta.is_dir() {
            return Err(db_err("is a directory".into()));
        }
        if meta.len() == 0 {
            return Err(Error::NotDyad {
                path: shown,
                reason: "empty file".into(),
            });
        }
        let conn = Connection::open_with_flags(
            path,
            OpenFlags::SQLITE_OPEN_READ_WRITE | OpenFlags::SQLITE_OPEN_NO_MUTEX,
        )
        .map_err(|e| db_err(e.to_string()))?;
        conn.busy_timeout(BUSY_TIMEOUT)?;
        check_is_dyad(&conn, &shown)?;
        let mut found: i64 = conn.query_row("PRAGMA user_version", [], |r| r.get(0))?;
        if found == 0 {
            // an import may be creating this database right now, its first migration not yet
            // committed: wait for the write lock (the busy timeout), then look again
            if conn.execute_batch("BEGIN IMMEDIATE").is_ok() {
                found = conn.query_row("PRAGMA user_version", [], |r| r.get(0))?;
                conn.execute_batch("ROLLBACK")?;
            }
        }
        if found == 0 {
            return Err(Error::NotDyad {
                path: shown,
                reason: "no dyad schema version".into(),
            });
        }
        if found > SCHEMA_VERSION {
            return Err(Error::SchemaTooNew {
                path: shown,
                found,
                supported: SCHEMA_VERSION,
            });
        }
        Ok(Store { conn, path: shown })
    }

    /// Runs `PRAGMA integrity_check` and `PRAGMA foreign_key_check`, and compares the schema
    /// with the one this dyad creates. Read-only.
    pub fn check(&self) -> Result<CheckReport> {
        let mut r = CheckReport {
            path: self.path.clone(),
            supported_version: SCHEMA_VERSION,
            ..CheckReport::default()
        };
        r.schema_version = self
            .conn
            .query_row("PRAGMA user_version", [], |row| row.get(0))?;

        match pragma_rows(&self.conn, "PRAGMA integrity_check", |row| row.get(0)) {
            Ok(rows) => {
                let rows: Vec<String> = rows;
                if rows != ["ok"] {
                    r.problems
                        .extend(rows.into_iter().map(|m| format!("integrity check: {m}")));
                }
            }
            Err(e) => r.problems.push(format!("integrity check failed: {e}")),
        }

        let fk = pragma_rows(&self.conn, "PRAGMA foreign_key_check", |row| {
            Ok(format!(
                "foreign key check: {} row {} refers to a missing {} row",
                row.get::<_, String>(0)?,
                row.get::<_, Option<i64>>(1)?
                    .map_or_else(|| "?".into(), |id| id.to_string()),
                row.get::<_, String>(2)?,
            ))
        });
        match fk {
            Ok(rows) => r.problems.extend(rows),
            Err(e) => r.problems.push(format!("foreign key check failed: {e}")),
        }

        if r.schema_version < SCHEMA_VERSION {
            r.notes.push(format!(
                "schema version {} is older than {SCHEMA_VERSION}: the next command that opens \
                 the database migrates it",
                r.schema_version
            ));
        } else {
            self.compare_schema(&mut r)?;
        }

        let count = |table: &str| -> Option<i64> {
            self.conn
                .query_row(&format!("SELECT COUNT(*) FROM {table}"), [], |row| {
                    row.get(0)
                })
                .ok()
        };
        r.articles = count("articles").unwrap_or(0);
        r.events = count("events").unwrap_or(0);
        Ok(r)
    }

    /// Every table and index of the current schema must be there as created.
    fn compare_schema(&self, r: &mut CheckReport) -> Result<()> {
        let want = schema_objects(&Store::open_in_memory()?.conn)?;
        let have = match schema_objects(&self.conn) {
            Ok(h) => h,
            Err(e) => {
                r.problems.push(format!("cannot read the schema: {e}"));
                return Ok(());
            }
        };
        for (kind, name, sql) in &want {
            match have.iter().find(|(k, n, _)| k == kind && n == name) {
                None => r.problems.push(format!("schema: {kind} {name} is missing")),
                Some((_, _, s)) if squash(s) != squash(sql) => r.problems.push(format!(
                    "schema: {kind} {name} differs from schema version {SCHEMA_VERSION}"
                )),
                Some(_) => {}
            }
        }
        for (kind, name, _) in &have {
            if !want.iter().any(|(k, n, _)| k == kind && n == name) {
                r.notes
                    .push(format!("{kind} {name} is not part of dyad's schema"));
            }
        }
        Ok(())
    }

    /// Writes a consistent copy of the database to `dest` with SQLite's online backup API,
    /// while other processes may be reading and writing it. The copy is written to a
    /// temporary file beside `dest` and renamed into place, so `dest` is never half-written.
    /// An existing `dest` is replaced only when `overwrite`.
    pub fn backup_to(&self, dest: &Path, overwrite: bool) -> Result<()> {
        let shown = dest.display().to_string();
        let io = |source: std::io::Error| Error::Io {
            path: dest.to_path_buf(),
            source,
        };
        if self.path != ":memory:" {
            if let (Ok(a), Ok(b)) = (
                std::fs::canonicalize(&self.path),
                std::fs::canonicalize(dest),
            ) {
                if a == b {
                    return Err(Error::Database {
                        path: shown,
                        message: "is the database being backed up".into(),
                    });
                }
            }
        }
        if !overwrite && dest.exists() {
            return Err(already_exists(&shown));
        }
        let dir = match dest.parent() {
            Some(d) if !d.as_os_str().is_empty() => d,
            _ => Path::new("."),
        };
        let tmp = tempfile::Builder::new()
            .prefix(".dyad-backup-")
            .suffix(".tmp")
            .tempfile_in(dir)
            .map_err(io)?;
        {
            let mut out = Connection::open(tmp.path())?;
            // one step: every page is copied under one read transaction, so the copy is a
            // snapshot even while another process writes (WAL lets it)
            let backup = rusqlite::backup::Backup::new(&self.conn, &mut out)?;
            let started = std::time::Instant::now();
            loop {
                use rusqlite::backup::StepResult;
                match backup.step(-1)? {
                    StepResult::Done => break,
                    StepResult::More => {}
                    // a writer holds a lock the copy needs: wait like any other connection
                    _ if started.elapsed() < BUSY_TIMEOUT => {
                        std::thread::sleep(std::time::Duration::from_millis(20))
                    }
                    _ => {
                        return Err(Error::Database {
                            path: self.path.clone(),
                            message: "stayed locked for too long to be backed up".into(),
                        })
                    }
                }
            }
            drop(backup);
            let ok: String = out.query_row("PRAGMA quick_check", [], |row| row.get(0))?;
            if ok != "ok" {
                return Err(Error::Database {
                    path: shown,
                    message: format!("the copy failed its check: {ok}"),
                });
            }
        }
        tmp.as_file().sync_all().map_err(io)?;
        if let Ok(m) = std::fs::metadata(&self.path) {
            let _ = std::fs::set_permissions(tmp.path(), m.permissions());
        }
        if overwrite {
            tmp.persist(dest).map_err(|e| io(e.error))?;
        } else {
            tmp.persist_noclobber(dest).map_err(|e| {
                if e.error.kind() == std::io::ErrorKind::AlreadyExists {
                    already_exists(&shown)
                } else {
                    io(e.error)
                }
            })?;
        }
        Ok(())
    }
}

fn already_exists(path: &str) -> Error {
    Error::Database {
        path: path.to_string(),
        message: "already exists: not overwritten (use --force to replace it)".into(),
    }
}

fn pragma_rows<T>(
    conn: &Connection,
    sql: &str,
    f: impl FnMut(&rusqlite::Row<'_>) -> rusqlite::Result<T>,
) -> rusqlite::Result<Vec<T>> {
    let mut stmt = conn.prepare(sql)?;
    let rows = stmt.query_map([], f)?;
    let mut out = Vec::new();
    for row in rows {
        out.push(row?);
        if out.len() >= MAX_ROWS {
            break;
        }
    }
    Ok(out)
}

/// (type, name, sql) of every table, index, view and trigger, SQLite's own left out.
fn schema_objects(conn: &Connection) -> rusqlite::Result<Vec<(String, String, String)>> {
    let mut stmt = conn.prepare(
        "SELECT type, name, COALESCE(sql, '') FROM sqlite_master
         WHERE name NOT LIKE 'sqlite_%' ORDER BY type, name",
    )?;
    let rows = stmt.query_map([], |r| Ok((r.get(0)?, r.get(1)?, r.get(2)?)))?;
    rows.collect()
}

/// SQL with whitespace removed, so formatting does not count as a difference.
fn squash(sql: &str) -> String {
    sql.split_whitespace().collect()
}

#[cfg(test)]
mod tests {
    use super::*;

    fn fresh(dir: &Path) -> std::path::PathBuf {
        let p = dir.join("x.db");
        drop(Store::open(&p).unwrap());
        p
    }

    #[test]
    fn a_fresh_database_is_fine() {
        let dir = tempfile::tempdir().unwrap();
        let p = fresh(dir.path());
        let r = Store::open_existing(&p).unwrap().check().unwrap();
        assert!(r.is_ok(), "{r:?}");
        assert_eq!(r.schema_version, SCHEMA_VERSION);
        assert!(r.notes.is_empty(), "{r:?}");
    }

    #[test]
    fn dangling_events_and_missing_indexes_are_problems() {
        let dir = tempfile::tempdir().unwrap();
        let p = fresh(dir.path());
        let conn = Connection::open(&p).unwrap();
        conn.execute_batch(
            "PRAGMA foreign_keys=OFF;
             INSERT INTO events (article_id, type, actor, target, date_basis, status, action,
               summary, evidence, sentence_start, sentence_end, trigger_start, trigger_end,
               date_note, role_note, rule, confidence)
             VALUES (99, 'visit', 'JP', 'CN', 'text', 'occurred', 'imposed', '', '', 0, 0, 0, 0,
               '', '', 'r', 1.0);
             DROP INDEX events_pair;
             CREATE TABLE mine(x);",
        )
        .unwrap();
        drop(conn);
        let r = Store::open_existing(&p).unwrap().check().unwrap();
        assert!(!r.is_ok());
        let all = r.problems.join("\n");
        assert!(
            all.contains("events row 1 refers to a missing articles row"),
            "{all}"
        );
        assert!(all.contains("index events_pair is missing"), "{all}");
        assert_eq!(r.notes, ["table mine is not part of dyad's schema"]);
    }

    #[test]
    fn open_existing_creates_and_changes_nothing() {
        let dir = tempfile::tempdir().unwrap();
        let missing = dir.path().join("none.db");
        assert!(Store::open_existing(&missing).is_err());
        assert!(!missing.exists());
        let empty = dir.path().join("empty.db");
        std::fs::write(&empty, "").unwrap();
        let err = Store::open_existing(&empty).err().unwrap();
        assert!(matches!(err, Error::NotDyad { .. }), "{err}");
        assert_eq!(std::fs::metadata(&empty).unwrap().len(), 0);
        let text = dir.path().join("notes.txt");
        std::fs::write(&text, "hello, not a database\n".repeat(100)).unwrap();
        let err = Store::open_existing(&text).err().unwrap();
        assert!(matches!(err, Error::NotDyad { .. }), "{err}");
        assert_eq!(
            std::fs::read_to_string(&text).unwrap(),
            "hello, not a database\n".repeat(100)
        );
    }

    #[test]
    fn backup_copies_and_refuses_to_overwrite() {
        let dir = tempfile::tempdir().unwrap();
        let p = fresh(dir.path());
        let s = Store::open(&p).unwrap();
        s.set_meta("k", "v").unwrap();
        let dest = dir.path().join("copy.db");
        s.backup_to(&dest, false).unwrap();
        let copy = Store::open_existing(&dest).unwrap();
        assert_eq!(copy.meta("k").unwrap().as_deref(), Some("v"));
        assert!(copy.check().unwrap().is_ok());
        let err = s.backup_to(&dest, false).err().unwrap();
        assert!(err.to_string().contains("already exists"), "{err}");
        s.set_meta("k", "w").unwrap();
        s.backup_to(&dest, true).unwrap();
        let copy = Store::open_existing(&dest).unwrap();
        assert_eq!(copy.meta("k").unwrap().as_deref(), Some("w"));
        let err = s.backup_to(&p, true).err().unwrap();
        assert!(err.to_string().contains("is the database"), "{err}");
        // no temporary files left behind
        let names: Vec<_> = std::fs::read_dir(dir.path())
            .unwrap()
            .map(|e| e.unwrap().file_name().to_string_lossy().into_owned())
            .filter(|n| n.contains("dyad-backup"))
            .collect();
        assert!(names.is_empty(), "{names:?}");
    }
}
