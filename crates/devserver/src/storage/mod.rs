//! The devserver's storage of record: one SQLite database (a file with `--data`, else in
//! memory), written through. The stores in [`crate::state::AppState`] stay the read cache; they
//! record which rows a request changed ([`Table`], [`Tracked`]) and
//! [`crate::state::AppState::flush`] writes those rows, as they are at that moment, in one
//! transaction before the answer leaves.
//!
//! Every table has the same shape: the tenant a row belongs to (`''` for rows of no tenant:
//! users, sessions, tokens), its id, its place in an ordered collection, and the row as JSON.

mod table;

use std::path::{Path, PathBuf};

use anyhow::{anyhow, bail, Context};
use rusqlite::{Connection, OpenFlags};
use serde::de::DeserializeOwned;
use serde::Serialize;

pub use table::{RowKey, Table, Tracked};

/// `PRAGMA user_version` of the schema this code writes. 2: users' passwords and backup codes
/// are salted hashes, and tokens are keyed by their SHA-256 (1 kept them as given). 3: deleted
/// contacts keep who deleted them, and unlinked contact links stay stored, marked deleted (2
/// removed them, so its files cannot tell an unlink from a link never made). 4: the
/// administration's tables (deleted groups and places, invitations, approvals, tenant
/// settings and rate limits, ...), which 3 did not have. 5: the catch-up feed's events; a file
/// of 4 is upgraded in place (the table is added: 4 lacks only it, and its feed starts empty).
pub const SCHEMA_VERSION: i32 = 5;
/// The oldest schema upgraded rather than refused, and the tables it lacks.
const UPGRADED_FROM: i32 = 4;
const ADDED_SINCE_4: &[&str] = &["events"];
/// `PRAGMA application_id`: "ODEV", marks a file as a devserver database.
const APPLICATION_ID: i32 = 0x4f44_4556;

/// Every table, one per kind of row.
pub const TABLES: &[&str] = &[
    "meta",
    "tenants",
    "users",
    "memberships",
    "lifecycle_events",
    "delivery_factors",
    "totp_setups",
    "sessions",
    "access_tokens",
    "refresh_tokens",
    "contacts",
    "contact_links",
    "calendars",
    "calendar_entries",
    "recurrence_masters",
    "recurrence_instances",
    "calendar_reminders",
    "entry_participants",
    "admin_policies",
    "groups",
    "group_members",
    "spaces",
    "resources",
    "directory_removed",
    "place_members",
    "invitations",
    "move_requests",
    "approvals",
    "approval_settings",
    "tags",
    "categories",
    "tag_links",
    "category_links",
    "tenant_admin",
    "audit_rows",
    "events",
];

/// Where changed rows go: a transaction at start, a [`Batch`] during a request.
pub trait Sink {
    fn put(&mut self, table: &'static str, tenant: &str, id: &str, seq: i64, body: String);
    fn delete(&mut self, table: &'static str, tenant: &str, id: &str);
    /// Removes every row of the table, or of one tenant in it.
    fn clear(&mut self, table: &'static str, tenant: Option<&str>);
}

pub fn body<T: Serialize + ?Sized>(row: &T) -> String {
    serde_json::to_string(row).expect("rows serialize")
}

/// Puts the changed rows of a keyed table (every row with `all`), and deletes removed ones.
pub fn drain_table<K: RowKey, V: Serialize>(
    sink: &mut dyn Sink,
    name: &'static str,
    tenant: &str,
    table: &mut Table<K, V>,
    all: bool,
) {
    let dirty = table.take_dirty();
    if all {
        for (k, v) in table.iter() {
            sink.put(name, tenant, &k.to_id(), 0, body(v));
        }
        return;
    }
    for k in dirty {
        match table.get(&k) {
            Some(v) => sink.put(name, tenant, &k.to_id(), 0, body(v)),
            None => sink.delete(name, tenant, &k.to_id()),
        }
    }
}

/// Writes a whole collection again, in order, when it changed (or with `all`).
pub fn drain_list<'a, T: Serialize + 'a>(
    sink: &mut dyn Sink,
    name: &'static str,
    tenant: Option<&str>,
    rows: impl IntoIterator<Item = (String, String, &'a T)>,
) {
    sink.clear(name, tenant);
    for (seq, (tenant, id, row)) in rows.into_iter().enumerate() {
        sink.put(name, &tenant, &id, seq as i64, body(row));
    }
}

enum Op {
    Put(&'static str, String, String, i64, String),
    Delete(&'static str, String, String),
    Clear(&'static str, Option<String>),
}

/// A sink that keeps nothing: for reading the rows as a drain would write them.
pub struct Discard;

impl Sink for Discard {
    fn put(&mut self, _: &'static str, _: &str, _: &str, _: i64, _: String) {}
    fn delete(&mut self, _: &'static str, _: &str, _: &str) {}
    fn clear(&mut self, _: &'static str, _: Option<&str>) {}
}

/// Changes collected under the store locks, written after they are released.
#[derive(Default)]
pub struct Batch(Vec<Op>);

impl Batch {
    pub fn is_empty(&self) -> bool {
        self.0.is_empty()
    }
}

impl Sink for Batch {
    fn put(&mut self, table: &'static str, tenant: &str, id: &str, seq: i64, body: String) {
        self.0
            .push(Op::Put(table, tenant.into(), id.into(), seq, body));
    }

    fn delete(&mut self, table: &'static str, tenant: &str, id: &str) {
        self.0.push(Op::Delete(table, tenant.into(), id.into()));
    }

    fn clear(&mut self, table: &'static str, tenant: Option<&str>) {
        self.0.push(Op::Clear(table, tenant.map(str::to_string)));
    }
}

/// Writes into an open transaction with cached prepared statements; keeps the first error.
struct TxSink<'c> {
    tx: &'c Connection,
    error: Option<rusqlite::Error>,
}

impl TxSink<'_> {
    fn put_ref(&mut self, table: &str, tenant: &str, id: &str, seq: i64, body: &str) {
        let sql = format!(
            "INSERT OR REPLACE INTO {table} (tenant_id, id, seq, body) VALUES (?1, ?2, ?3, ?4)"
        );
        self.run(&sql, rusqlite::params![tenant, id, seq, body]);
    }

    fn run(&mut self, sql: &str, params: impl rusqlite::Params) {
        if self.error.is_some() {
            return;
        }
        let result = self
            .tx
            .prepare_cached(sql)
            .and_then(|mut s| s.execute(params));
        if let Err(e) = result {
            self.error = Some(e);
        }
    }

    fn finish(self) -> rusqlite::Result<()> {
        self.error.map_or(Ok(()), Err)
    }
}

impl Sink for TxSink<'_> {
    fn put(&mut self, table: &'static str, tenant: &str, id: &str, seq: i64, body: String) {
        self.put_ref(table, tenant, id, seq, &body);
    }

    fn delete(&mut self, table: &'static str, tenant: &str, id: &str) {
        let sql = format!("DELETE FROM {table} WHERE tenant_id = ?1 AND id = ?2");
        self.run(&sql, [tenant, id]);
    }

    fn clear(&mut self, table: &'static str, tenant: Option<&str>) {
        match tenant {
            Some(t) => self.run(&format!("DELETE FROM {table} WHERE tenant_id = ?1"), [t]),
            None => self.run(&format!("DELETE FROM {table}"), []),
        }
    }
}

/// The open database.
pub struct Db {
    conn: Connection,
    /// The file, or None in memory.
    path: Option<PathBuf>,
    /// The last clock stamp written (ms since the epoch).
    pub saved_clock_ms: i64,
    /// A batch whose write failed, written before the next one.
    pending: Vec<Op>,
}

/// What a file holds, looked at read-only before anything writes to it.
fn inspect(path: &Path) -> anyhow::Result<()> {
    let len = match std::fs::metadata(path) {
        Ok(m) => m.len(),
        Err(e) if e.kind() == std::io::ErrorKind::NotFound => return Ok(()),
        Err(e) => return Err(e).with_context(|| format!("{}", path.display())),
    };
    if len == 0 {
        return Ok(());
    }
    let flags = OpenFlags::SQLITE_OPEN_READ_ONLY | OpenFlags::SQLITE_OPEN_NO_MUTEX;
    let not_ours = |why: String| {
        anyhow!(
            "{} is not a devserver database ({why}); it was left as it is",
            path.display()
        )
    };
    let conn = Connection::open_with_flags(path, flags).map_err(|e| not_ours(e.to_string()))?;
    let read = |sql: &str| -> anyhow::Result<i64> {
        conn.query_row(sql, [], |r| r.get(0))
            .map_err(|e| not_ours(e.to_string()))
    };
    let app = read("PRAGMA application_id")?;
    let version = read("PRAGMA user_version")?;
    let objects = read("SELECT count(*) FROM sqlite_master")?;
    if app != i64::from(APPLICATION_ID) {
        if app == 0 && version == 0 && objects == 0 {
            return Ok(()); // an empty SQLite database: new
        }
        return Err(not_ours(format!("application_id {app:#x}")));
    }
    if version > i64::from(SCHEMA_VERSION) {
        bail!(
            "{} has schema version {version}, newer than this devserver's {SCHEMA_VERSION}; \
             it was left as it is (use a newer devserver)",
            path.display()
        );
    }
    if version < 1 {
        return Err(not_ours(format!("schema version {version}")));
    }
    if version < i64::from(UPGRADED_FROM) {
        bail!(
            "{} has schema version {version}, older than this devserver's {SCHEMA_VERSION}; \
             it was left as it is (remove it, or use another file, to start afresh)",
            path.display()
        );
    }
    Ok(())
}

impl Db {
    /// Opens (creating when new) the database at `path`, or one in memory. A file that is not
    /// a devserver database, or has another schema version, is refused before anything writes
    /// to it.
    pub fn open(path: Option<&Path>) -> anyhow::Result<Db> {
        let conn = match path {
            Some(p) => {
                inspect(p)?;
                Connection::open(p).with_context(|| format!("opening {}", p.display()))?
            }
            None => Connection::open_in_memory()?,
        };
        let mut db = Db {
            conn,
            path: path.map(Path::to_path_buf),
            saved_clock_ms: 0,
            pending: Vec::new(),
        };
        db.prepare().with_context(|| db.name())?;
        Ok(db)
    }

    /// The file's name for messages.
    pub fn name(&self) -> String {
        self.path
            .as_ref()
            .map_or(":memory:".into(), |p| p.display().to_string())
    }

    fn prepare(&mut self) -> anyhow::Result<()> {
        // Rows are JSON of a few hundred bytes to a few KB: bigger pages hold them whole. Only
        // takes effect while the database is new.
        self.conn.pragma_update(None, "page_size", 16384)?;
        self.conn.pragma_update(None, "cache_size", -65536)?;
        // A statement per table and kind of write, all kept prepared.
        self.conn
            .set_prepared_statement_cache_capacity(4 * TABLES.len());
        self.conn
            .pragma_update(None, "journal_mode", "WAL")
            .context("setting WAL mode")?;
        self.conn.pragma_update(None, "synchronous", "NORMAL")?;
        let version: i32 = self
            .conn
            .query_row("PRAGMA user_version", [], |r| r.get(0))?;
        if version == SCHEMA_VERSION {
            return Ok(());
        }
        let tables = if version == UPGRADED_FROM {
            ADDED_SINCE_4
        } else {
            TABLES
        };
        let tx = self.conn.transaction()?;
        for table in tables {
            tx.execute_batch(&format!(
                "CREATE TABLE {table} (
                    tenant_id TEXT NOT NULL,
                    id TEXT NOT NULL,
                    seq INTEGER NOT NULL DEFAULT 0,
                    body TEXT NOT NULL,
                    PRIMARY KEY (tenant_id, id)
                 );"
            ))?;
        }
        tx.pragma_update(None, "application_id", APPLICATION_ID)?;
        tx.pragma_update(None, "user_version", SCHEMA_VERSION)?;
        tx.commit()?;
        Ok(())
    }

    /// Whether a seeded or running server has written its data here.
    pub fn holds_data(&self) -> anyhow::Result<bool> {
        let n: i64 = self.conn.query_row(
            "SELECT count(*) FROM meta WHERE id = 'initialized'",
            [],
            |r| r.get(0),
        )?;
        Ok(n > 0)
    }

    /// The rows of a table as (tenant, id, row), in order: `seq` (the place in an ordered
    /// collection), then tenant and id.
    pub fn rows<T: DeserializeOwned>(
        &self,
        table: &'static str,
    ) -> anyhow::Result<Vec<(String, String, T)>> {
        let what = || format!("{}: reading {table}", self.name());
        let mut stmt = self
            .conn
            .prepare(&format!(
                "SELECT tenant_id, id, body FROM {table} ORDER BY seq, tenant_id, id"
            ))
            .with_context(what)?;
        let mut rows = stmt.query([]).with_context(what)?;
        let mut out = Vec::new();
        while let Some(r) = rows.next().with_context(what)? {
            let (tenant, id): (String, String) = (r.get(0)?, r.get(1)?);
            let text: String = r.get(2)?;
            let row = serde_json::from_str(&text)
                .with_context(|| format!("{}: row {tenant}/{id}", what()))?;
            out.push((tenant, id, row));
        }
        Ok(out)
    }

    /// Writes everything `fill` puts in one transaction (the seed at start).
    pub fn write_with(&mut self, fill: impl FnOnce(&mut dyn Sink)) -> anyhow::Result<()> {
        let name = self.name();
        let tx = self.conn.transaction()?;
        let mut sink = TxSink {
            tx: &tx,
            error: None,
        };
        fill(&mut sink);
        sink.put("meta", "", "initialized", 0, body(&"1"));
        sink.finish().with_context(|| format!("writing {name}"))?;
        tx.commit()?;
        // One big transaction leaves a WAL as big as the data: fold it in and cut it back.
        self.conn
            .query_row("PRAGMA wal_checkpoint(TRUNCATE)", [], |_| Ok(()))
            .with_context(|| format!("checkpointing {name}"))?;
        Ok(())
    }

    /// Writes a batch (after any earlier batch whose write failed) in one transaction.
    pub fn write(&mut self, batch: Batch) -> anyhow::Result<()> {
        self.pending.extend(batch.0);
        if self.pending.is_empty() {
            return Ok(());
        }
        let result = (|| -> rusqlite::Result<()> {
            let tx = self.conn.transaction()?;
            let mut sink = TxSink {
                tx: &tx,
                error: None,
            };
            for op in &self.pending {
                match op {
                    Op::Put(t, tenant, id, seq, body) => sink.put_ref(t, tenant, id, *seq, body),
                    Op::Delete(t, tenant, id) => sink.delete(t, tenant, id),
                    Op::Clear(t, tenant) => sink.clear(t, tenant.as_deref()),
                }
            }
            sink.finish()?;
            tx.commit()
        })();
        match result {
            Ok(()) => {
                self.pending.clear();
                Ok(())
            }
            Err(e) => Err(anyhow!("writing {}: {e}", self.name())),
        }
    }
}
