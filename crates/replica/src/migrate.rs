//! Schema migrations: numbered SQL files embedded at build time, applied in order, each in its
//! own transaction together with the bump of `PRAGMA user_version`, so a crash leaves the
//! database at one version or the next, never in between.

use rusqlite::Connection;

use crate::error::ReplicaError;

/// One embedded migration file.
#[derive(Debug)]
pub struct Migration {
    pub version: u32,
    pub name: &'static str,
    pub sql: &'static str,
}

include!(concat!(env!("OUT_DIR"), "/migrations.rs"));

/// The schema version this build creates.
pub fn latest_version() -> u32 {
    MIGRATIONS.last().map(|m| m.version).unwrap_or(0)
}

pub(crate) fn current_version(conn: &Connection) -> Result<u32, ReplicaError> {
    Ok(conn.query_row("PRAGMA user_version", [], |r| r.get(0))?)
}

/// Applies every migration newer than the database's version. Returns the versions applied.
pub(crate) fn migrate(conn: &mut Connection, path: &str) -> Result<Vec<u32>, ReplicaError> {
    migrate_to(conn, path, latest_version())
}

/// Applies migrations up to and including `target` (tests use this to build old databases).
pub(crate) fn migrate_to(
    conn: &mut Connection,
    path: &str,
    target: u32,
) -> Result<Vec<u32>, ReplicaError> {
    let found = current_version(conn)?;
    if found > latest_version() {
        return Err(ReplicaError::TooNew {
            path: path.to_string(),
            found,
            known: latest_version(),
        });
    }
    let mut applied = Vec::new();
    for m in MIGRATIONS
        .iter()
        .filter(|m| m.version > found && m.version <= target)
    {
        // IMMEDIATE, and the version read again inside: when two processes open a new replica
        // at once, the second waits for the first and then skips what it already applied.
        let tx = conn.transaction_with_behavior(rusqlite::TransactionBehavior::Immediate)?;
        if current_version(&tx)? >= m.version {
            continue;
        }
        tx.execute_batch(m.sql)
            .map_err(|e| ReplicaError::Migration {
                version: m.version,
                name: m.name,
                reason: e.to_string(),
            })?;
        tx.pragma_update(None, "user_version", m.version)?;
        tx.commit()?;
        applied.push(m.version);
    }
    Ok(applied)
}
