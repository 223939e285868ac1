//! Pushed events: which data sets a write or a sync changed, the sync state as it moves, and
//! the active account or tenant changing. One broadcast per `App`; the desktop shell forwards it
//! to the window as Tauri events and the HTTP bridge streams it (`GET /events`), so no screen asks
//! again and again.
//!
//! What changed is read from SQLite itself, not announced by each command: the replica's
//! connection reports every row written (the update hook for ordinary tables, a temporary trigger
//! for WITHOUT ROWID ones), the tables are collected until the transaction commits, and the
//! commit sends one `changed` event naming their data sets, and the records it wrote by type and
//! local id ([`crate::changes`]). A rolled-back write sends nothing.
//! A new command, import or sync step therefore needs no event code, and a new table is caught by
//! a test until it is given its data set here.

use std::sync::{Arc, Mutex, OnceLock, Weak};
use std::time::Duration;

use outpost_replica::Replica;
use rusqlite::functions::FunctionFlags;
use serde::Serialize;
use tokio::sync::{broadcast, Notify};
use ts_rs::TS;

use crate::changes::{record_triggers, RecordChange, Written};
use crate::commands::sync::{SyncState, SyncStatus, SyncStatusArgs};
use crate::error::AppError;
use crate::state::App;

/// A set of data the UI shows and caches, as named in `changed` events and in the UI's query
/// keys. Coarser than the model's record types (an entry's series and occurrences are read with
/// it) and wider (the outbox, conflicts, sync runs and settings are data the UI shows too).
#[derive(Debug, Clone, Copy, PartialEq, Eq, PartialOrd, Ord, Hash, Serialize, TS)]
#[serde(rename_all = "camelCase")]
pub enum Dataset {
    Tenants,
    Contacts,
    ContactLinks,
    Calendars,
    /// Entries with their series, occurrences and participants: what a calendar window shows.
    Entries,
    Reminders,
    Users,
    /// Groups and who is in them.
    Groups,
    /// Invitations to the tenant, and where each stands.
    Invitations,
    /// Requests waiting for an administrator's approval, and their decisions.
    Approvals,
    /// The active tenant itself and its administration: its details and lifecycle, settings,
    /// rate limits, domains, metrics and quotas.
    TenantAdmin,
    /// The tenant's audit log, as pulled.
    AuditLog,
    /// The Manager's tree: projects, their tenants, applications, endpoints and triggers, and
    /// each level's own settings.
    Manager,
    Spaces,
    Resources,
    /// Local edits waiting to be sent, and their state.
    Outbox,
    Conflicts,
    SyncRuns,
    /// Per-account settings (sync interval, entry window, the watched folder).
    Settings,
    /// What became of the files dropped into the watched folder: report files beside them, not
    /// replica rows, so the watcher says so itself (watch_folder.rs).
    WatchReports,
}

impl Dataset {
    /// Every data set; a `changed` naming all of them means "read everything again".
    pub const ALL: [Dataset; 20] = [
        Dataset::Tenants,
        Dataset::Contacts,
        Dataset::ContactLinks,
        Dataset::Calendars,
        Dataset::Entries,
        Dataset::Reminders,
        Dataset::Users,
        Dataset::Groups,
        Dataset::Invitations,
        Dataset::Approvals,
        Dataset::TenantAdmin,
        Dataset::AuditLog,
        Dataset::Manager,
        Dataset::Spaces,
        Dataset::Resources,
        Dataset::Outbox,
        Dataset::Conflicts,
        Dataset::SyncRuns,
        Dataset::Settings,
        Dataset::WatchReports,
    ];

    /// The data set a replica table belongs to. `None` for a table this list does not know: a test
    /// reads the replica's schema and fails on such a table, so a new one cannot go unnoticed.
    pub fn of_table(table: &str) -> Option<Dataset> {
        Some(match table {
            "tenants" => Dataset::Tenants,
            "contacts" => Dataset::Contacts,
            "contact_links" => Dataset::ContactLinks,
            "calendars" => Dataset::Calendars,
            "entries" | "recurrence_masters" | "recurrence_instances" | "participants" => {
                Dataset::Entries
            }
            "reminders" => Dataset::Reminders,
            "users" => Dataset::Users,
            "groups" | "group_members" => Dataset::Groups,
            "invitations" => Dataset::Invitations,
            "approvals" => Dataset::Approvals,
            "tenant_records" | "tenant_reads" | "rate_limits" | "tenant_settings"
            | "tenant_domains" => Dataset::TenantAdmin,
            "audit_log" => Dataset::AuditLog,
            "manager_projects"
            | "manager_tenants"
            | "manager_applications"
            | "manager_endpoints"
            | "manager_triggers"
            | "manager_backend_settings"
            | "manager_frontend_settings" => Dataset::Manager,
            "spaces" | "space_members" => Dataset::Spaces,
            "resources" | "resource_members" | "move_requests" => Dataset::Resources,
            "outbox" => Dataset::Outbox,
            "conflicts" => Dataset::Conflicts,
            "sync_runs" => Dataset::SyncRuns,
            "settings" => Dataset::Settings,
            _ => return None,
        })
    }
}

/// What the backend pushes to the UI.
#[derive(Debug, Clone, PartialEq, Serialize, TS)]
#[serde(
    tag = "kind",
    rename_all = "camelCase",
    rename_all_fields = "camelCase"
)]
pub enum AppEvent {
    /// Records of these data sets were written (a user edit, an import, a sync, a resolution)
    /// and the write is committed: screens showing them read again. `changes` names the records
    /// written by type and local id, so a screen showing one record can tell whether it is one.
    Changed {
        records: Vec<Dataset>,
        changes: Vec<RecordChange>,
    },
    /// The active tenant's sync state moved: a run started, went on, ended; edits began to wait
    /// or were sent; the server went away or came back.
    SyncStatus { status: Box<SyncStatus> },
    /// Another account or tenant is now the active one (or nobody is signed in): everything
    /// shown belongs to the previous one and goes.
    Session {
        account_id: Option<String>,
        tenant_id: Option<String>,
    },
    /// This listener fell behind and missed events: read everything again.
    Resync,
}

/// At most one status this often: a pull commits a page of rows many times a second, and the
/// sync center needs a moving bar, not every step. The first change after a quiet spell (a run
/// starting, an edit) goes at once.
const STATUS_EVERY: Duration = Duration::from_millis(100);
/// How many events a slow listener may fall behind before it is told to resync.
const BACKLOG: usize = 256;

/// The event bus of one `App`.
pub struct EventBus {
    tx: broadcast::Sender<AppEvent>,
    /// Something the sync status is made of may have changed; the status task looks again.
    status_dirty: Arc<Notify>,
    status_task: OnceLock<()>,
}

impl Default for EventBus {
    fn default() -> Self {
        Self {
            tx: broadcast::channel(BACKLOG).0,
            status_dirty: Arc::new(Notify::new()),
            status_task: OnceLock::new(),
        }
    }
}

impl Drop for EventBus {
    /// Wakes the status task so it sees its `App` gone and ends.
    fn drop(&mut self) {
        self.status_dirty.notify_one();
    }
}

impl EventBus {
    pub(crate) fn send(&self, event: AppEvent) {
        // Nobody listening is fine: nothing to tell.
        let _ = self.tx.send(event);
    }

    /// The sync status may have moved; listeners get it once it settles (and only if it did).
    pub(crate) fn status_changed(&self) {
        self.status_dirty.notify_one();
    }

    /// Reports every committed write of `replica` on this bus. Called once per opened replica,
    /// after its migrations (so they are not reported).
    pub(crate) fn watch(&self, replica: &mut Replica) -> Result<(), AppError> {
        let written: Arc<Mutex<Written>> = Default::default();
        let conn = replica.conn_mut();
        let internal = |e: rusqlite::Error| {
            AppError::new(
                "internal",
                format!("cannot watch the replica for changes: {e}"),
            )
        };

        // Tables without a rowid are invisible to the update hook: a temporary trigger (this
        // connection's alone, never stored in the file) reports their rows instead.
        let without_rowid: Vec<String> = {
            let mut stmt = conn
                .prepare("SELECT name FROM pragma_table_list WHERE schema = 'main' AND type = 'table' AND wr = 1")
                .map_err(internal)?;
            let names = stmt
                .query_map([], |r| r.get(0))
                .map_err(internal)?
                .collect::<Result<_, _>>()
                .map_err(internal)?;
            names
        };
        let from_triggers = written.clone();
        conn.create_scalar_function(
            "outpost_written",
            1,
            FunctionFlags::SQLITE_UTF8 | FunctionFlags::SQLITE_DIRECTONLY,
            move |ctx| {
                let table: String = ctx.get(0)?;
                if let Some(record) = Dataset::of_table(&table) {
                    lock(&from_triggers).dataset(record);
                }
                Ok(rusqlite::types::Null)
            },
        )
        .map_err(internal)?;
        // The records themselves, by type and local id (temporary triggers too, see changes.rs).
        let from_record_triggers = written.clone();
        conn.create_scalar_function(
            "outpost_record_written",
            2,
            FunctionFlags::SQLITE_UTF8 | FunctionFlags::SQLITE_DIRECTONLY,
            move |ctx| {
                let entity: String = ctx.get(0)?;
                let local_id: String = ctx.get(1)?;
                if let Some(entity) = outpost_model::RecordType::parse(&entity) {
                    lock(&from_record_triggers).record(entity, &local_id);
                }
                Ok(rusqlite::types::Null)
            },
        )
        .map_err(internal)?;
        for sql in record_triggers("outpost_record_written") {
            conn.execute_batch(&sql).map_err(internal)?;
        }
        for table in &without_rowid {
            if Dataset::of_table(table).is_none() {
                continue;
            }
            for action in ["INSERT", "UPDATE", "DELETE"] {
                let sql = format!(
                    "CREATE TEMP TRIGGER IF NOT EXISTS \"outpost_{table}_{action}\" AFTER {action} ON main.\"{table}\" \
                     BEGIN SELECT outpost_written('{table}'); END"
                );
                conn.execute_batch(&sql).map_err(internal)?;
            }
        }

        let from_hook = written.clone();
        conn.update_hook(Some(
            move |_: rusqlite::hooks::Action, _: &str, table: &str, _: i64| {
                if let Some(record) = Dataset::of_table(table) {
                    lock(&from_hook).dataset(record);
                }
            },
        ))
        .map_err(internal)?;

        let on_commit = written.clone();
        let tx = self.tx.clone();
        let status_dirty = self.status_dirty.clone();
        conn.commit_hook(Some(move || {
            let (records, changes) = lock(&on_commit).take();
            if !records.is_empty() {
                let _ = tx.send(AppEvent::Changed { records, changes });
                // Edits waiting, a run's progress and its end are all written here first.
                status_dirty.notify_one();
            }
            false // never veto the commit
        }))
        .map_err(internal)?;

        conn.rollback_hook(Some(move || {
            lock(&written).take();
        }))
        .map_err(internal)?;
        Ok(())
    }
}

fn lock<T>(m: &Mutex<T>) -> std::sync::MutexGuard<'_, T> {
    m.lock().unwrap_or_else(|p| p.into_inner())
}

impl App {
    /// Listens to this app's events. The first listener starts the task that turns "the sync
    /// status may have moved" into `syncStatus` events, so it runs only where someone listens
    /// (on the current tokio runtime).
    pub fn subscribe(self: &Arc<Self>) -> broadcast::Receiver<AppEvent> {
        let rx = self.events.tx.subscribe();
        self.events.status_task.get_or_init(|| {
            tokio::spawn(send_statuses(
                Arc::downgrade(self),
                self.events.status_dirty.clone(),
            ));
        });
        rx
    }

    /// Who is signed in and in which tenant: what a `session` event reports.
    pub(crate) async fn session_key(&self) -> (Option<String>, Option<String>) {
        match self.active.read().await.as_ref() {
            Some(active) => (Some(active.account.id.clone()), active.session.tenant()),
            None => (None, None),
        }
    }
}

/// Sends the sync status each time it moved, once it settled. Ends with its `App`.
async fn send_statuses(app: Weak<App>, dirty: Arc<Notify>) {
    let mut last: Option<SyncStatus> = None;
    let mut last_look = tokio::time::Instant::now() - STATUS_EVERY;
    loop {
        let syncing = last.as_ref().is_some_and(|s| s.state == SyncState::Syncing);
        if syncing {
            // A run records its end before it lets go of the sync lock, so that last commit
            // still reads "syncing": the lock coming free is the end to report. Whoever started
            // the run (a screen, the timer, the demo's first sync), it ends here.
            let Some(strong) = app.upgrade() else { return };
            tokio::select! {
                _ = dirty.notified() => {}
                _ = strong.sync_lock.lock() => {}
            }
        } else {
            dirty.notified().await;
        }
        tokio::time::sleep_until(last_look + STATUS_EVERY).await;
        last_look = tokio::time::Instant::now();
        let Some(app) = app.upgrade() else { return };
        match app.sync_status(SyncStatusArgs {}).await {
            Ok(status) if last.as_ref() != Some(&status) => {
                last = Some(status.clone());
                app.events.send(AppEvent::SyncStatus {
                    status: Box::new(status),
                });
            }
            Ok(_) => {}
            // Signed out, or no tenant chosen: no status until there is one again.
            Err(_) => last = None,
        }
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    fn watched() -> (tempfile::TempDir, Replica, EventBus) {
        let dir = tempfile::tempdir().unwrap();
        let mut replica = Replica::open(dir.path().join("r.db")).unwrap();
        let bus = EventBus::default();
        bus.watch(&mut replica).unwrap();
        (dir, replica, bus)
    }

    fn drain(rx: &mut broadcast::Receiver<AppEvent>) -> Vec<AppEvent> {
        std::iter::from_fn(|| rx.try_recv().ok()).collect()
    }

    #[test]
    fn every_table_of_the_replica_has_a_record_type() {
        let (_dir, replica, _bus) = watched();
        let mut stmt = replica
            .conn()
            .prepare("SELECT name FROM pragma_table_list WHERE schema = 'main' AND type = 'table' AND name NOT LIKE 'sqlite_%'")
            .unwrap();
        let tables: Vec<String> = stmt
            .query_map([], |r| r.get(0))
            .unwrap()
            .collect::<Result<_, _>>()
            .unwrap();
        assert!(tables.len() >= 15, "{tables:?}");
        for table in tables {
            assert!(
                Dataset::of_table(&table).is_some(),
                "the replica table {table} has no data set in events.rs: its changes would reach no screen"
            );
        }
    }

    #[test]
    fn a_commit_names_what_it_wrote_once_and_a_rollback_nothing() {
        let (_dir, mut replica, bus) = watched();
        let mut rx = bus.tx.subscribe();
        {
            let tx = replica.conn_mut().transaction().unwrap();
            tx.execute("INSERT INTO settings (key, value) VALUES ('a', '1')", [])
                .unwrap();
            tx.execute("INSERT INTO settings (key, value) VALUES ('b', '2')", [])
                .unwrap();
            tx.rollback().unwrap();
        }
        assert_eq!(drain(&mut rx), vec![], "a rollback changed nothing");

        {
            let tx = replica.conn_mut().transaction().unwrap();
            tx.execute("INSERT INTO settings (key, value) VALUES ('a', '1')", [])
                .unwrap();
            tx.execute(
                "INSERT INTO tenants (tenant_id, name, raw, synced_at) VALUES ('t1', 'Acme', '{}', 'now')",
                [],
            )
            .unwrap();
            tx.commit().unwrap();
        }
        assert_eq!(
            drain(&mut rx),
            vec![AppEvent::Changed {
                records: vec![Dataset::Tenants, Dataset::Settings],
                changes: vec![],
            }]
        );
    }

    #[test]
    fn a_record_written_is_named_by_type_and_local_id_with_its_op() {
        let (_dir, replica, bus) = watched();
        let mut rx = bus.tx.subscribe();
        let fields = serde_json::json!({ "firstName": "Ada" });
        let contact = replica
            .tenant("t1")
            .create_contact(
                outpost_replica::Source::User,
                fields.as_object().unwrap().clone(),
            )
            .unwrap();
        assert_eq!(
            drain(&mut rx),
            vec![AppEvent::Changed {
                records: vec![Dataset::Contacts, Dataset::Outbox],
                changes: vec![RecordChange {
                    entity: outpost_model::RecordType::Contact,
                    ids: Some(vec![contact.local_id]),
                }],
            }],
            "the contact's row and its op name the one contact"
        );
    }

    #[test]
    fn a_commit_of_more_records_than_the_bound_names_their_type_only() {
        let (_dir, replica, bus) = watched();
        let mut rx = bus.tx.subscribe();
        let scope = replica.tenant("t1");
        scope
            .batch(|| {
                for i in 0..=crate::changes::MAX_IDS {
                    let fields = serde_json::json!({ "firstName": format!("Ada {i}") });
                    let fields = fields.as_object().unwrap().clone();
                    scope.create_contact(outpost_replica::Source::User, fields)?;
                }
                Ok(())
            })
            .unwrap();
        let events = drain(&mut rx);
        assert_eq!(events.len(), 1, "one commit: {events:?}");
        let AppEvent::Changed { changes, .. } = &events[0] else {
            panic!("{events:?}")
        };
        assert_eq!(
            changes,
            &vec![RecordChange {
                entity: outpost_model::RecordType::Contact,
                ids: None,
            }]
        );
    }

    #[test]
    fn tables_without_rowid_are_reported_too() {
        // Every table of the replica has a rowid today (the directory's WITHOUT ROWID tables
        // became record tables); one such table stands in for the next.
        let dir = tempfile::tempdir().unwrap();
        let mut replica = Replica::open(dir.path().join("r.db")).unwrap();
        replica
            .conn()
            .execute_batch(
                "DROP TABLE settings; CREATE TABLE settings (key TEXT PRIMARY KEY NOT NULL, \
                 value TEXT) WITHOUT ROWID;",
            )
            .unwrap();
        let bus = EventBus::default();
        bus.watch(&mut replica).unwrap();
        let mut rx = bus.tx.subscribe();
        replica
            .conn()
            .execute("INSERT INTO settings (key, value) VALUES ('k', 'v')", [])
            .unwrap();
        assert_eq!(
            drain(&mut rx),
            vec![AppEvent::Changed {
                records: vec![Dataset::Settings],
                changes: vec![],
            }]
        );
    }

    #[test]
    fn events_cross_to_typescript_tagged_by_kind() {
        let changed = AppEvent::Changed {
            records: vec![Dataset::ContactLinks, Dataset::SyncRuns],
            changes: vec![RecordChange {
                entity: outpost_model::RecordType::ContactLink,
                ids: Some(vec!["l1".into()]),
            }],
        };
        assert_eq!(
            serde_json::to_value(&changed).unwrap(),
            serde_json::json!({ "kind": "changed", "records": ["contactLinks", "syncRuns"],
                "changes": [{ "entity": "contact_link", "ids": ["l1"] }] })
        );
        let session = AppEvent::Session {
            account_id: Some("a".into()),
            tenant_id: None,
        };
        assert_eq!(
            serde_json::to_value(&session).unwrap(),
            serde_json::json!({ "kind": "session", "accountId": "a", "tenantId": null })
        );
    }
}
