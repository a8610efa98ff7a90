//! Ordered, append-only list of schema migrations (`schema/NNNN_*.sql`).

use crate::error::{Error, Result};
use rusqlite::Connection;

/// Migration `i` (0-based) brings the database to version `i + 1`.
const MIGRATIONS: &[(&str, &str)] = &[
    ("0001_init", include_str!("../../schema/0001_init.sql")),
    (
        "0002_stub_articles",
        include_str!("../../schema/0002_stub_articles.sql"),
    ),
    (
        "0003_stats_indexes",
        include_str!("../../schema/0003_stats_indexes.sql"),
    ),
    (
        "0004_curation",
        include_str!("../../schema/0004_curation.sql"),
    ),
    (
        "0005_search_coverage",
        include_str!("../../schema/0005_search_coverage.sql"),
    ),
    (
        "0006_timeline_index",
        include_str!("../../schema/0006_timeline_index.sql"),
    ),
    (
        "0007_fts_automerge",
        include_str!("../../schema/0007_fts_automerge.sql"),
    ),
];

/// The schema version this binary writes.
pub const SCHEMA_VERSION: i64 = MIGRATIONS.len() as i64;

pub fn migrate(conn: &Connection, path: &str) -> Result<()> {
    let found: i64 = conn.query_row("PRAGMA user_version", [], |r| r.get(0))?;
    if found > SCHEMA_VERSION {
        return Err(Error::SchemaTooNew {
            path: path.to_string(),
            found,
            supported: SCHEMA_VERSION,
        });
    }
    if found == SCHEMA_VERSION {
        return Ok(());
    }
    // Another process may be migrating the same file right now (two imports into a new
    // database): take the write lock first (waiting out the busy timeout), then read the
    // version again, so each migration runs exactly once.
    let failed = |e: rusqlite::Error, what: &str| Error::Database {
        path: path.to_string(),
        message: format!("{what}: {e}"),
    };
    conn.execute_batch("BEGIN IMMEDIATE")
        .map_err(|e| failed(e, "locking for migration"))?;
    let result = (|| {
        let found: i64 = conn
            .query_row("PRAGMA user_version", [], |r| r.get(0))
            .map_err(|e| failed(e, "reading the schema version"))?;
        if found > SCHEMA_VERSION {
            return Err(Error::SchemaTooNew {
                path: path.to_string(),
                found,
                supported: SCHEMA_VERSION,
            });
        }
        for (i, (name, sql)) in MIGRATIONS.iter().enumerate().skip(found as usize) {
            let version = i as i64 + 1;
            conn.execute_batch(&format!("{sql}\nPRAGMA user_version = {version};"))
                .map_err(|e| failed(e, &format!("migration {name} failed")))?;
        }
        conn.execute_batch("COMMIT")
            .map_err(|e| failed(e, "committing the migration"))
    })();
    if result.is_err() {
        let _ = conn.execute_batch("ROLLBACK");
    }
    result
}
