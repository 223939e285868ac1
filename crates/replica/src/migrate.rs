//! Schema migrations: numbered SQL files embedded at build time, applied in order, each in its
//! own transaction together with the bump of `PRAGMA user_version`, so a crash leaves the
//! database at one version or the next, never in between.

use std::path::{Path, PathBuf};

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

/// Before an existing replica is upgraded, a copy of it beside it (owner-only), so a migration
/// that fails half-way through a run of several can be undone whole: each migration is its own
/// transaction, and the ones before the failing one would stay applied. `None` for a new or
/// up-to-date replica.
pub(crate) fn backup_before_upgrade(
    conn: &Connection,
    db: &Path,
) -> Result<Option<PathBuf>, ReplicaError> {
    let found = current_version(conn)?;
    if found == 0 || found >= latest_version() {
        return Ok(None);
    }
    let name = db.file_name().unwrap_or_default().to_string_lossy();
    // Named apart from any other opener's copy: processes (or threads) opening one replica at
    // once each take their own.
    let copy = db.with_file_name(format!(
        "{name}.before-schema-{}.{}.bak",
        latest_version(),
        uuid::Uuid::now_v7().simple()
    ));
    let failed = |reason: String| ReplicaError::Open {
        path: db.display().to_string(),
        reason: format!(
            "a copy before the upgrade could not be made at {}: {reason}",
            copy.display()
        ),
    };
    // VACUUM INTO writes into an empty file: made first, so it is the owner's alone from the
    // start (the replica holds the user's records).
    let _ = std::fs::remove_file(&copy);
    let mut options = std::fs::OpenOptions::new();
    options.write(true).create_new(true);
    #[cfg(unix)]
    {
        use std::os::unix::fs::OpenOptionsExt;
        options.mode(0o600);
    }
    options.open(&copy).map_err(|e| failed(e.to_string()))?;
    conn.execute("VACUUM INTO ?1", [copy.to_string_lossy()])
        .map_err(|e| failed(e.to_string()))?;
    Ok(Some(copy))
}

/// After a failed upgrade (its connection closed): puts the copy back in place of the replica
/// and says so, and where the copy stays, in the error.
pub(crate) fn restore_after_failure(error: ReplicaError, db: &Path, copy: &Path) -> ReplicaError {
    let put_back = (|| -> std::io::Result<()> {
        for suffix in ["-wal", "-shm"] {
            let mut side = db.as_os_str().to_owned();
            side.push(suffix);
            match std::fs::remove_file(PathBuf::from(side)) {
                Err(e) if e.kind() != std::io::ErrorKind::NotFound => return Err(e),
                _ => {}
            }
        }
        std::fs::copy(copy, db).map(|_| ())
    })();
    let said = match put_back {
        Ok(()) => format!(
            "the replica was put back as it was before the upgrade; a copy of it is kept at {}",
            copy.display()
        ),
        Err(e) => format!(
            "putting the replica back failed ({e}); the replica as it was before the upgrade is at {}",
            copy.display()
        ),
    };
    match error {
        ReplicaError::Migration {
            version,
            name,
            reason,
        } => ReplicaError::Migration {
            version,
            name,
            reason: format!("{reason}; {said}"),
        },
        other => ReplicaError::Open {
            path: db.display().to_string(),
            reason: format!("{other}; {said}"),
        },
    }
}
