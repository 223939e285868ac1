//! Opening a replica file: pragmas, owner-only permissions, migrations.

use std::path::{Path, PathBuf};
use std::time::Duration;

use rusqlite::{Connection, OpenFlags};

use crate::error::ReplicaError;
use crate::migrate;

/// An open replica database.
pub struct Replica {
    conn: Connection,
    path: PathBuf,
}

impl Replica {
    /// Opens (creating if needed) the replica at `path` and brings its schema up to date.
    /// A failed upgrade leaves the replica as it was (a copy is taken first and put back).
    pub fn open(path: impl AsRef<Path>) -> Result<Self, ReplicaError> {
        let mut replica = Self::open_unmigrated(path.as_ref())?;
        let shown = replica.path.display().to_string();
        let copy = migrate::backup_before_upgrade(&replica.conn, &replica.path)?;
        match (migrate::migrate(&mut replica.conn, &shown), copy) {
            (Ok(_), copy) => {
                if let Some(copy) = copy {
                    let _ = std::fs::remove_file(copy);
                }
                Ok(replica)
            }
            (Err(e), None) => Err(e),
            (Err(e), Some(copy)) => {
                let db = replica.path.clone();
                // Closed first: the copy goes back over a file nobody has open.
                drop(replica);
                Err(migrate::restore_after_failure(e, &db, &copy))
            }
        }
    }

    /// Opens without migrating; tests use it with [`Replica::migrate_to`] to build old databases.
    #[doc(hidden)]
    pub fn open_unmigrated(path: &Path) -> Result<Self, ReplicaError> {
        let open_err = |reason: String| ReplicaError::Open {
            path: path.display().to_string(),
            reason,
        };
        if let Some(parent) = path.parent().filter(|p| !p.as_os_str().is_empty()) {
            std::fs::create_dir_all(parent).map_err(|e| open_err(e.to_string()))?;
        }
        create_owner_only(path).map_err(|e| open_err(e.to_string()))?;
        let conn = Connection::open_with_flags(
            path,
            OpenFlags::SQLITE_OPEN_READ_WRITE
                | OpenFlags::SQLITE_OPEN_CREATE
                | OpenFlags::SQLITE_OPEN_NO_MUTEX,
        )
        .map_err(|e| open_err(e.to_string()))?;
        conn.busy_timeout(Duration::from_secs(5))?;
        // Every query path uses prepare_cached; the default cache (16) is smaller than the
        // number of distinct statements a sync run or a UI session cycles through.
        conn.set_prepared_statement_cache_capacity(256);
        conn.pragma_update(None, "journal_mode", "WAL")?;
        conn.pragma_update(None, "synchronous", "NORMAL")?;
        conn.pragma_update(None, "foreign_keys", true)?;
        // 16 MiB of page cache (the default is 2 MiB): a replica of 100,000 contacts and their
        // full-text index reads far fewer pages per list, search and batch upsert.
        conn.pragma_update(None, "cache_size", -16384)?;
        // Statement journals (a multi-row insert, a statement firing the full-text triggers
        // inside a transaction) stay in memory rather than in a temporary file written through
        // the kernel: they live for one statement.
        conn.pragma_update(None, "temp_store", "MEMORY")?;
        // A checkpoint every 8,000 WAL pages (32 MiB) instead of 1,000: a pull writes hundreds of
        // MiB, and each checkpoint copies the hot index pages again and syncs the file.
        conn.pragma_update(None, "wal_autocheckpoint", 8000)?;
        Ok(Self {
            conn,
            path: path.to_path_buf(),
        })
    }

    #[doc(hidden)]
    pub fn migrate_to(&mut self, version: u32) -> Result<Vec<u32>, ReplicaError> {
        let shown = self.path.display().to_string();
        migrate::migrate_to(&mut self.conn, &shown, version)
    }

    pub fn path(&self) -> &Path {
        &self.path
    }

    /// The schema version of the open file.
    pub fn schema_version(&self) -> Result<u32, ReplicaError> {
        migrate::current_version(&self.conn)
    }

    pub fn conn(&self) -> &Connection {
        &self.conn
    }

    pub fn conn_mut(&mut self) -> &mut Connection {
        &mut self.conn
    }
}

/// Creates the file with mode 0600 before SQLite touches it, so the replica is never readable by
/// other users, not even for an instant.
fn create_owner_only(path: &Path) -> std::io::Result<()> {
    let mut options = std::fs::OpenOptions::new();
    options.write(true).create(true).truncate(false);
    #[cfg(unix)]
    {
        use std::os::unix::fs::OpenOptionsExt;
        options.mode(0o600);
    }
    options.open(path).map(|_| ())
}

#[cfg(test)]
mod tests {
    use super::*;
    use crate::migrate::latest_version;

    #[test]
    fn a_new_file_gets_the_latest_schema_and_owner_only_permissions() {
        let dir = tempfile::tempdir().unwrap();
        let path = dir.path().join("acct/replica.db");
        let replica = Replica::open(&path).unwrap();
        assert_eq!(replica.schema_version().unwrap(), latest_version());
        #[cfg(unix)]
        {
            use std::os::unix::fs::PermissionsExt;
            let mode = std::fs::metadata(&path).unwrap().permissions().mode();
            assert_eq!(mode & 0o777, 0o600);
        }
        let mode: String = replica
            .conn()
            .query_row("PRAGMA journal_mode", [], |r| r.get(0))
            .unwrap();
        assert_eq!(mode, "wal");
    }

    #[test]
    #[cfg(unix)]
    fn the_write_ahead_log_is_owner_only_too() {
        use std::os::unix::fs::PermissionsExt;
        let dir = tempfile::tempdir().unwrap();
        let path = dir.path().join("r.db");
        let replica = Replica::open(&path).unwrap();
        replica
            .conn()
            .execute("INSERT INTO settings (key, value) VALUES ('a', 'b')", [])
            .unwrap();
        for suffix in ["-wal", "-shm"] {
            let side = dir.path().join(format!("r.db{suffix}"));
            let mode = std::fs::metadata(&side).unwrap().permissions().mode();
            assert_eq!(mode & 0o777, 0o600, "{suffix}");
        }
    }

    #[test]
    fn an_old_database_is_migrated_and_keeps_its_rows() {
        let dir = tempfile::tempdir().unwrap();
        let path = dir.path().join("old.db");
        {
            let mut old = Replica::open_unmigrated(&path).unwrap();
            old.migrate_to(1).unwrap();
            old.conn()
                .execute(
                    "INSERT INTO settings (key, value) VALUES ('sync.interval_secs', '300')",
                    [],
                )
                .unwrap();
        }
        assert!(
            latest_version() >= 2,
            "this test needs at least two migrations"
        );
        let replica = Replica::open(&path).unwrap();
        assert_eq!(replica.schema_version().unwrap(), latest_version());
        let kept: String = replica
            .conn()
            .query_row(
                "SELECT value FROM settings WHERE key = 'sync.interval_secs'",
                [],
                |r| r.get(0),
            )
            .unwrap();
        assert_eq!(kept, "300");
    }

    #[test]
    fn a_database_from_a_newer_build_is_refused_untouched() {
        let dir = tempfile::tempdir().unwrap();
        let path = dir.path().join("new.db");
        {
            let replica = Replica::open(&path).unwrap();
            replica
                .conn()
                .pragma_update(None, "user_version", latest_version() + 5)
                .unwrap();
        }
        let err = Replica::open(&path).err().expect("must refuse");
        assert_eq!(err.code(), "replica_too_new", "{err}");
    }

    #[test]
    fn reopening_applies_nothing() {
        let dir = tempfile::tempdir().unwrap();
        let path = dir.path().join("r.db");
        drop(Replica::open(&path).unwrap());
        let mut again = Replica::open_unmigrated(&path).unwrap();
        assert!(again.migrate_to(latest_version()).unwrap().is_empty());
    }
}
