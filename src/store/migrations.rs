//! Ordered, append-only list of schema migrations (`schema/NNNN_*.sql`).

use crate::error::{Error, Result};
use rusqlite::Connection;

/// Migration `i` (0-based) brings the database to version `i + 1`.
const MIGRATIONS: &[(&str, &str)] = &[("0001_init", include_str!("../../schema/0001_init.sql"))];

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
    for (i, (name, sql)) in MIGRATIONS.iter().enumerate().skip(found as usize) {
        let version = i as i64 + 1;
        conn.execute_batch(&format!(
            "BEGIN;\n{sql}\nPRAGMA user_version = {version};\nCOMMIT;"
        ))
        .map_err(|e| {
            let _ = conn.execute_batch("ROLLBACK");
            Error::Database {
                path: path.to_string(),
                message: format!("migration {name} failed: {e}"),
            }
        })?;
    }
    Ok(())
}
