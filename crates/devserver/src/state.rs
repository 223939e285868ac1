//! The shared state behind every route. Each table has its own lock, never held across an await.
//! The tables are the read cache of the SQLite database ([`crate::storage`]): [`AppState::flush`]
//! writes what a request changed before its answer leaves.

use std::sync::{Arc, Mutex, MutexGuard};

use serde_json::{json, Value};

use crate::auth::guard::Caller;
use crate::auth::store::AuthStore;
use crate::calendar::CalendarStore;
use crate::clock::Clock;
use crate::contacts::ContactStore;
use crate::directory::DirectoryStore;
use crate::events::Events;
use crate::storage::{self, Batch, Db, Sink};
use crate::tenants::TenantAdminStore;

/// The audit rows, oldest first; rows are only ever appended.
#[derive(Default)]
struct AuditLog {
    rows: Vec<Value>,
    /// How many of `rows` are stored.
    saved: usize,
}

/// An audit row in the seed's shape.
fn audit_row(
    tenant_id: &str,
    user_id: &str,
    action: &str,
    resource_type: &str,
    resource_id: &str,
    at: &str,
) -> Value {
    json!({
        "id": uuid::Uuid::now_v7().to_string(),
        "tenantId": tenant_id,
        "user_id": user_id,
        "action": action,
        "resource_type": resource_type,
        "resource_id": resource_id,
        "details": null,
        "ip_address": null,
        "user_agent": null,
        "created_at": at,
    })
}

pub struct AppState {
    auth: Mutex<AuthStore>,
    contacts: Mutex<ContactStore>,
    calendars: Mutex<CalendarStore>,
    directory: Mutex<DirectoryStore>,
    tenant_admin: Mutex<TenantAdminStore>,
    audit: Mutex<AuditLog>,
    events: Mutex<Events>,
    requests: crate::tenants::requests::RequestCounts,
    /// Held by a request that may change data from its start until its changes are stored,
    /// and by every flush: so a flush stores only its own request's changes, and the events
    /// they make name that request's caller.
    writes: tokio::sync::Mutex<()>,
    clock: Clock,
    /// The storage of record. Whoever holds it drains and writes; flushes never overlap.
    db: Arc<tokio::sync::Mutex<Db>>,
}

fn lock<T>(m: &Mutex<T>) -> MutexGuard<'_, T> {
    m.lock().unwrap_or_else(|p| p.into_inner())
}

impl AppState {
    pub fn new(auth: AuthStore, db: Db, events: Events) -> Self {
        Self {
            auth: Mutex::new(auth),
            contacts: Mutex::new(ContactStore::default()),
            calendars: Mutex::new(CalendarStore::default()),
            directory: Mutex::new(DirectoryStore::default()),
            tenant_admin: Mutex::new(TenantAdminStore::default()),
            audit: Mutex::new(AuditLog::default()),
            events: Mutex::new(events),
            requests: Default::default(),
            writes: tokio::sync::Mutex::new(()),
            clock: Clock::default(),
            db: Arc::new(tokio::sync::Mutex::new(db)),
        }
    }

    /// The state stored in `db` by an earlier run; `auth` brings the settings (token lifetime),
    /// `events_kept` the bound of the feed.
    pub fn load(mut auth: AuthStore, db: Db, events_kept: usize) -> anyhow::Result<Self> {
        auth.load(&db)?;
        let mut contacts = ContactStore::default();
        contacts.load(&db)?;
        let mut calendars = CalendarStore::default();
        calendars.load(&db)?;
        let mut directory = DirectoryStore::default();
        directory.load(&db)?;
        let mut tenant_admin = TenantAdminStore::default();
        tenant_admin.load(&db)?;
        let rows: Vec<Value> = db
            .rows::<Value>("audit_rows")?
            .into_iter()
            .map(|r| r.2)
            .collect();
        let meta = db.rows::<Value>("meta")?;
        let clock_ms = meta
            .iter()
            .find(|r| r.1 == "clock")
            .and_then(|r| r.2.as_i64())
            .unwrap_or(0);
        let events = Events::load(&db, events_kept)?;
        let mut state = Self::new(auth, db, events);
        *state.contacts.get_mut().expect("fresh lock") = contacts;
        *state.calendars.get_mut().expect("fresh lock") = calendars;
        *state.directory.get_mut().expect("fresh lock") = directory;
        *state.tenant_admin.get_mut().expect("fresh lock") = tenant_admin;
        let saved = rows.len();
        *state.audit.get_mut().expect("fresh lock") = AuditLog { rows, saved };
        state.clock = Clock::resume(clock_ms);
        state.db.try_lock().expect("fresh lock").saved_clock_ms = clock_ms;
        state.prime_events();
        Ok(state)
    }

    pub fn auth(&self) -> MutexGuard<'_, AuthStore> {
        lock(&self.auth)
    }

    pub fn contacts(&self) -> MutexGuard<'_, ContactStore> {
        lock(&self.contacts)
    }

    pub fn calendars(&self) -> MutexGuard<'_, CalendarStore> {
        lock(&self.calendars)
    }

    pub fn directory(&self) -> MutexGuard<'_, DirectoryStore> {
        lock(&self.directory)
    }

    pub fn tenant_admin(&self) -> MutexGuard<'_, TenantAdminStore> {
        lock(&self.tenant_admin)
    }

    pub fn events(&self) -> MutexGuard<'_, Events> {
        lock(&self.events)
    }

    pub fn requests(&self) -> &crate::tenants::requests::RequestCounts {
        &self.requests
    }

    pub fn clock(&self) -> &Clock {
        &self.clock
    }

    /// Every mutation leaves an audit row (served by `/secure/audit-logs` as it lands).
    pub fn audit(&self, caller: &Caller, action: &str, resource_type: &str, resource_id: &str) {
        let at = self.clock.stamp();
        self.audit_at(
            &caller.tenant_id,
            &caller.session.user_id,
            action,
            resource_type,
            resource_id,
            &at,
        );
    }

    /// An audit row with `details` (what the row and action alone do not say, such as the
    /// user a membership change was about).
    pub fn audit_details(
        &self,
        caller: &Caller,
        action: &str,
        resource_type: &str,
        resource_id: &str,
        details: Value,
    ) {
        let at = self.clock.stamp();
        let mut row = audit_row(
            &caller.tenant_id,
            &caller.session.user_id,
            action,
            resource_type,
            resource_id,
            &at,
        );
        row["details"] = details;
        lock(&self.audit).rows.push(row);
    }

    /// An audit row stamped `at`: for data that existed before the server started (the demo),
    /// whose creation the log should tell like any other.
    pub fn audit_at(
        &self,
        tenant_id: &str,
        user_id: &str,
        action: &str,
        resource_type: &str,
        resource_id: &str,
        at: &str,
    ) {
        let row = audit_row(tenant_id, user_id, action, resource_type, resource_id, at);
        lock(&self.audit).rows.push(row);
    }

    /// The audit rows of one tenant, newest first.
    pub fn audit_rows(&self, tenant_id: &str) -> Vec<Value> {
        let log = lock(&self.audit);
        log.rows
            .iter()
            .rev()
            .filter(|r| r["tenantId"] == tenant_id)
            .cloned()
            .collect()
    }

    /// Lets the feed see the rows as they are, without events: the starting state.
    fn prime_events(&self) {
        let mut clock = 0;
        self.drain(&mut storage::Discard, true, &mut clock, None);
    }

    /// Puts every row changed since the last drain (every row with `all`), each as it is now,
    /// with the events of the records they change by `actor` (with `all`, the rows are the
    /// starting state and the whole history is written instead).
    fn drain(&self, sink: &mut dyn Sink, all: bool, saved_clock_ms: &mut i64, actor: Option<&str>) {
        let mut events = self.events();
        {
            let mut observed = events.observer(sink);
            self.auth().drain(&mut observed, all);
            self.contacts().drain(&mut observed, all);
            self.calendars().drain(&mut observed, all);
            self.directory().drain(&mut observed, all);
            self.tenant_admin().drain(&mut observed, all);
            let changes = observed.finish();
            if !all {
                events.record(changes, actor, &self.clock, sink);
            }
        }
        if all {
            events.write_all(sink);
        }
        drop(events);
        {
            let mut log = lock(&self.audit);
            let from = if all { 0 } else { log.saved };
            for (seq, row) in log.rows.iter().enumerate().skip(from) {
                let tenant = row["tenantId"].as_str().unwrap_or_default();
                let id = row["id"].as_str().unwrap_or_default();
                sink.put("audit_rows", tenant, id, seq as i64, storage::body(row));
            }
            log.saved = log.rows.len();
        }
        let clock = self.clock.last_ms();
        if all || clock > *saved_clock_ms {
            sink.put("meta", "", "clock", 0, clock.to_string());
            *saved_clock_ms = clock;
        }
    }

    /// Writes everything in one transaction: the freshly seeded data at start.
    pub async fn write_all(&self) -> anyhow::Result<()> {
        let mut db = self.db.lock().await;
        let mut clock = db.saved_clock_ms;
        db.write_with(|sink| self.drain(sink, true, &mut clock, None))?;
        db.saved_clock_ms = clock;
        Ok(())
    }

    /// Writes what changed since the last flush, in one transaction. Flushes take turns: one
    /// that finds nothing to write returns only after the flush that took its rows committed,
    /// and every flush writes the rows as they are when it drains them, so no flush writes a
    /// row older than one an answered request saw stored.
    pub async fn flush(&self, actor: Option<&str>) -> anyhow::Result<()> {
        let mut db = self.db.clone().lock_owned().await;
        let mut batch = Batch::default();
        let mut clock = db.saved_clock_ms;
        self.drain(&mut batch, false, &mut clock, actor);
        db.saved_clock_ms = clock;
        if batch.is_empty() {
            return Ok(());
        }
        tokio::task::spawn_blocking(move || db.write(batch)).await?
    }
}

/// The middleware around every route: after the handler, before the answer leaves, the
/// request's changes are stored; if they cannot be, the answer is a 500.
pub async fn write_through(
    axum::extract::State(state): axum::extract::State<Arc<AppState>>,
    req: axum::extract::Request,
    next: axum::middleware::Next,
) -> axum::response::Response {
    use axum::response::IntoResponse;
    let actor = req
        .headers()
        .get(axum::http::header::AUTHORIZATION)
        .and_then(|v| v.to_str().ok())
        .and_then(|v| v.strip_prefix("Bearer "))
        .and_then(|token| Some(state.auth().session_of(token.trim()).ok()?.user_id.clone()));
    let reads = matches!(
        *req.method(),
        axum::http::Method::GET | axum::http::Method::HEAD | axum::http::Method::OPTIONS
    );
    let held = if reads {
        None
    } else {
        Some(state.writes.lock().await)
    };
    let res = next.run(req).await;
    let _held = match held {
        Some(h) => h,
        None => state.writes.lock().await,
    };
    match state.flush(actor.as_deref()).await {
        Ok(()) => res,
        Err(e) => {
            tracing::error!("storing the changes failed: {e:#}");
            crate::error::ApiError::new(
                axum::http::StatusCode::INTERNAL_SERVER_ERROR,
                "STORAGE_ERROR",
                "The change could not be stored",
            )
            .into_response()
        }
    }
}
