//! The SQLite file (or memory database) of the Manager devserver: one table of rows, each a
//! kind, an id and the record as JSON.

use std::path::Path;

use anyhow::{bail, Context};
use rusqlite::{params, Connection};

/// `PRAGMA application_id`: "OMGR", marks a file as a Manager devserver database, so that a
/// platform devserver file (or any other) is refused instead of being read as empty.
const APPLICATION_ID: i32 = 0x4f4d_4752;
/// `PRAGMA user_version` of the schema written here.
const SCHEMA_VERSION: i32 = 1;
/// How long a write waits for another process's lock on the file (a reader of `--data`, say)
/// before it fails.
const BUSY_TIMEOUT: std::time::Duration = std::time::Duration::from_secs(1);

/// One row to write (`json` is `Some`) or delete (`None`).
pub struct Change {
    pub kind: &'static str,
    pub id: String,
    pub json: Option<String>,
}

pub struct Db {
    conn: Connection,
    name: String,
}

impl Db {
    pub fn open(path: Option<&Path>) -> anyhow::Result<Self> {
        let (conn, name) = match path {
            Some(p) => (
                Connection::open(p).with_context(|| format!("cannot open {}", p.display()))?,
                p.display().to_string(),
            ),
            None => (Connection::open_in_memory()?, ":memory:".to_owned()),
        };
        conn.busy_timeout(BUSY_TIMEOUT)?;
        let db = Self { conn, name };
        db.prepare()
            .with_context(|| format!("{} is not a Manager devserver database", db.name))?;
        Ok(db)
    }

    /// Creates the schema in a new file; checks the marks of an existing one.
    fn prepare(&self) -> anyhow::Result<()> {
        let app: i32 = self
            .conn
            .query_row("PRAGMA application_id", [], |r| r.get(0))?;
        let version: i32 = self
            .conn
            .query_row("PRAGMA user_version", [], |r| r.get(0))?;
        let tables: i64 = self.conn.query_row(
            "SELECT count(*) FROM sqlite_master WHERE type = 'table'",
            [],
            |r| r.get(0),
        )?;
        if app == 0 && tables == 0 {
            self.conn.execute_batch(&format!(
                "PRAGMA journal_mode = WAL;
                 PRAGMA application_id = {APPLICATION_ID};
                 PRAGMA user_version = {SCHEMA_VERSION};
                 CREATE TABLE rows (kind TEXT NOT NULL, id TEXT NOT NULL, body TEXT NOT NULL,
                                    PRIMARY KEY (kind, id)) WITHOUT ROWID;"
            ))?;
            return Ok(());
        }
        if app != APPLICATION_ID {
            bail!("its application_id is {app:#x}, not the Manager devserver's");
        }
        if version > SCHEMA_VERSION {
            bail!("its schema version {version} is newer than this devserver's {SCHEMA_VERSION}");
        }
        Ok(())
    }

    /// Hands every stored row to `put`.
    pub fn load(
        &self,
        put: &mut dyn FnMut(&str, String, &str) -> anyhow::Result<()>,
    ) -> anyhow::Result<()> {
        let mut stmt = self.conn.prepare("SELECT kind, id, body FROM rows")?;
        let mut rows = stmt.query([])?;
        while let Some(row) = rows.next()? {
            let kind: String = row.get(0)?;
            let body: String = row.get(2)?;
            put(&kind, row.get(1)?, &body).with_context(|| format!("in {}", self.name))?;
        }
        Ok(())
    }

    /// Writes the changes in one transaction: all of them or none.
    pub fn write(&mut self, changes: &[Change]) -> anyhow::Result<()> {
        let tx = self.conn.transaction()?;
        {
            let mut put = tx.prepare_cached(
                "INSERT OR REPLACE INTO rows (kind, id, body) VALUES (?1, ?2, ?3)",
            )?;
            let mut delete = tx.prepare_cached("DELETE FROM rows WHERE kind = ?1 AND id = ?2")?;
            for c in changes {
                match &c.json {
                    Some(json) => put.execute(params![c.kind, c.id, json])?,
                    None => delete.execute(params![c.kind, c.id])?,
                };
            }
        }
        tx.commit()
            .with_context(|| format!("cannot write to {}", self.name))
    }
}
