//! The calendar tables of every tenant, rows kept in their response form. Deleting is soft: a
//! row keeps its `deletedAt`, and lookups here only ever hand out live rows.

use std::collections::BTreeMap;

use serde_json::{json, Map, Value};

pub type Row = Map<String, Value>;

pub fn is_live(row: &Row) -> bool {
    row.get("deletedAt").is_none_or(Value::is_null)
}

fn live<'a>(table: &'a BTreeMap<String, Row>, id: &str) -> Option<&'a Row> {
    table.get(id).filter(|r| is_live(r))
}

fn live_mut<'a>(table: &'a mut BTreeMap<String, Row>, id: &str) -> Option<&'a mut Row> {
    table.get_mut(id).filter(|r| is_live(r))
}

fn mark_deleted(row: &mut Row, stamp: &str, by: &str) {
    row.insert("deletedAt".into(), json!(stamp));
    row.insert("deletedBy".into(), json!(by));
    row.insert("updatedAt".into(), json!(stamp));
}

/// The calendar data of one tenant. Ids are UUID v7 (demo ids v5), so maps keyed by id keep
/// creation order for new rows.
#[derive(Default)]
pub struct TenantCalendars {
    pub calendars: BTreeMap<String, Row>,
    pub entries: BTreeMap<String, Row>,
    /// (entry id, user id) -> participant.
    pub participants: BTreeMap<(String, String), Row>,
}

impl TenantCalendars {
    pub fn calendar(&self, id: &str) -> Option<&Row> {
        live(&self.calendars, id)
    }

    pub fn calendar_mut(&mut self, id: &str) -> Option<&mut Row> {
        live_mut(&mut self.calendars, id)
    }

    pub fn entry(&self, id: &str) -> Option<&Row> {
        live(&self.entries, id)
    }

    pub fn entry_mut(&mut self, id: &str) -> Option<&mut Row> {
        live_mut(&mut self.entries, id)
    }

    pub fn live_entries(&self) -> impl Iterator<Item = &Row> {
        self.entries.values().filter(|r| is_live(r))
    }

    pub fn live_calendars(&self) -> impl Iterator<Item = &Row> {
        self.calendars.values().filter(|r| is_live(r))
    }

    /// Deletes a calendar and everything in it.
    pub fn delete_calendar(&mut self, id: &str, stamp: &str, by: &str) {
        if let Some(row) = self.calendar_mut(id) {
            mark_deleted(row, stamp, by);
        }
        let entries: Vec<String> = self
            .entries
            .iter()
            .filter(|(_, e)| is_live(e) && e["calendarId"] == id)
            .map(|(k, _)| k.clone())
            .collect();
        for entry in entries {
            self.delete_entry(&entry, stamp, by);
        }
    }

    /// Deletes an entry.
    pub fn delete_entry(&mut self, id: &str, stamp: &str, by: &str) {
        if let Some(row) = self.entry_mut(id) {
            mark_deleted(row, stamp, by);
        }
    }
}

#[derive(Default)]
pub struct CalendarStore {
    by_tenant: BTreeMap<String, TenantCalendars>,
}

impl CalendarStore {
    pub fn tenant(&mut self, tenant_id: &str) -> &mut TenantCalendars {
        self.by_tenant.entry(tenant_id.to_string()).or_default()
    }
}
