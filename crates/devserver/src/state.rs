//! The shared state behind every route. Each table has its own lock, never held across an await.

use std::sync::{Mutex, MutexGuard};

use serde_json::{json, Value};

use crate::auth::guard::Caller;
use crate::auth::store::AuthStore;
use crate::calendar::CalendarStore;
use crate::clock::Clock;
use crate::contacts::ContactStore;
use crate::directory::DirectoryStore;

pub struct AppState {
    auth: Mutex<AuthStore>,
    contacts: Mutex<ContactStore>,
    calendars: Mutex<CalendarStore>,
    directory: Mutex<DirectoryStore>,
    audit: Mutex<Vec<Value>>,
    clock: Clock,
}

fn lock<T>(m: &Mutex<T>) -> MutexGuard<'_, T> {
    m.lock().unwrap_or_else(|p| p.into_inner())
}

impl AppState {
    pub fn new(auth: AuthStore, contacts: ContactStore, calendars: CalendarStore) -> Self {
        Self {
            auth: Mutex::new(auth),
            contacts: Mutex::new(contacts),
            calendars: Mutex::new(calendars),
            directory: Mutex::new(DirectoryStore::default()),
            audit: Mutex::new(Vec::new()),
            clock: Clock::default(),
        }
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
        let row = json!({
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
        });
        lock(&self.audit).push(row);
    }

    /// The audit rows of one tenant, newest first.
    pub fn audit_rows(&self, tenant_id: &str) -> Vec<Value> {
        let rows = lock(&self.audit);
        rows.iter()
            .rev()
            .filter(|r| r["tenantId"] == tenant_id)
            .cloned()
            .collect()
    }
}
