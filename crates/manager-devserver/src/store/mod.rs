//! The Manager devserver's storage: SQLite is the record (a file with `--data`, else in
//! memory), [`Data`] in memory is the cache every request reads. A request changes [`Data`]
//! under its lock, each change marks its row; [`Store::flush`] writes the marked rows, as they
//! are then, in one transaction before the answer leaves.

mod db;
mod table;

use std::path::Path;
use std::sync::{Mutex, MutexGuard};

use crate::records::*;

pub use table::Table;

macro_rules! tables {
    ($($name:ident: $ty:ty),* $(,)?) => {
        /// Every record of the Manager, one table per kind.
        #[derive(Default)]
        pub struct Data {
            $(pub $name: Table<$ty>,)*
        }

        impl Data {
            /// Takes every marked row: `(kind, id, Some(json))` to write, `None` to delete.
            fn drain(&mut self, out: &mut Vec<db::Change>) {
                $(self.$name.drain(stringify!($name), out);)*
            }

            /// Marks rows whose write failed, so that the next flush writes them.
            fn remark(&mut self, changes: Vec<db::Change>) {
                for c in changes {
                    match c.kind {
                        $(stringify!($name) => self.$name.mark(c.id),)*
                        _ => {}
                    }
                }
            }

            /// Puts a stored row back in its table (at start, from the file).
            fn restore(&mut self, kind: &str, id: String, json: &str) -> anyhow::Result<()> {
                match kind {
                    $(stringify!($name) => self.$name.restore(id, json),)*
                    other => anyhow::bail!("unknown kind of row {other:?}"),
                }
            }
        }
    };
}

tables! {
    users: User,
    tokens: PersonalAccessToken,
    projects: Project,
    tenants: Tenant,
    applications: Application,
    endpoints: Endpoint,
    triggers: Trigger,
    backend_settings: BackendSettings,
    frontend_settings: FrontendSettings,
    machine_users: MachineUser,
    machine_user_endpoints: MachineUser2Endpoint,
    language_packs: LanguagePack,
    user_projects: RoleLink,
    user_tenants: RoleLink,
    user_applications: RoleLink,
    audit_logs: AuditLog,
    pilets: PiletPackage,
    pilet_files: PiletFile,
    backends: Backend,
}

/// The data and the database that records it.
pub struct Store {
    data: Mutex<Data>,
    db: Mutex<db::Db>,
}

impl Store {
    /// Opens the file (or a memory database) and loads what it holds.
    pub fn open(path: Option<&Path>) -> anyhow::Result<Self> {
        let db = db::Db::open(path)?;
        let mut data = Data::default();
        db.load(&mut |kind, id, json| data.restore(kind, id, json))?;
        Ok(Self {
            data: Mutex::new(data),
            db: Mutex::new(db),
        })
    }

    /// True when the database held no row when opened (a demo may be seeded into it).
    pub fn is_empty(&self) -> bool {
        let data = self.lock();
        data.users.is_empty() && data.projects.is_empty()
    }

    /// The data, for reading or changing. Never held across an `.await`.
    pub fn lock(&self) -> MutexGuard<'_, Data> {
        self.data.lock().unwrap_or_else(|p| p.into_inner())
    }

    /// Writes every changed row in one transaction. The database lock is taken first and held
    /// while the rows are taken, so that two flushes write their rows in the order they were
    /// changed, never an older copy of a row over a newer one. When the write fails, the rows
    /// stay marked: the cache keeps the changes and the next flush writes them.
    pub fn flush(&self) -> anyhow::Result<()> {
        let mut db = self.db.lock().unwrap_or_else(|p| p.into_inner());
        let mut changes = Vec::new();
        self.lock().drain(&mut changes);
        if changes.is_empty() {
            return Ok(());
        }
        let written = db.write(&changes);
        if written.is_err() {
            self.lock().remark(changes);
        }
        written
    }
}
