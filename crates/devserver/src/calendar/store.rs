//! The calendar tables of every tenant, rows kept in their response form. Deleting is soft: a
//! row keeps its `deletedAt`, and lookups here only ever hand out live rows.

use std::collections::{BTreeMap, HashMap};

use chrono::NaiveDate;

use serde_json::{json, Map, Value};

pub type Row = Map<String, Value>;

pub fn is_live(row: &Row) -> bool {
    row.get("deletedAt").is_none_or(Value::is_null)
}

/// The order of creation: `createdAt`, then `id` among rows made in the same millisecond.
pub fn creation_key(row: &Row) -> (String, String) {
    let text = |key: &str| row[key].as_str().unwrap_or_default().to_string();
    (text("createdAt"), text("id"))
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

/// One occurrence of a series that a listing has handed out: its id, and what was changed on
/// it. Its other fields are derived from the series on every read, so an edit of the root
/// entry shows in every occurrence that does not override it.
#[derive(Debug, Clone)]
pub struct InstanceRow {
    pub id: String,
    pub master_id: String,
    pub date: NaiveDate,
    /// generated, overridden or cancelled.
    pub state: String,
    /// Changed fields, under their response names (startsAt, titleOverride, ...).
    pub overrides: Row,
    pub created_at: String,
    pub updated_at: String,
    pub created_by: Option<String>,
}

/// The calendar data of one tenant. Ids are UUID v7 (demo ids v5), so maps keyed by id keep
/// creation order for new rows.
#[derive(Default)]
pub struct TenantCalendars {
    pub calendars: BTreeMap<String, Row>,
    pub entries: BTreeMap<String, Row>,
    pub masters: BTreeMap<String, Row>,
    pub instances: BTreeMap<String, InstanceRow>,
    /// (master id, instance date) -> instance id.
    pub instance_ids: HashMap<(String, NaiveDate), String>,
    pub reminders: BTreeMap<String, Row>,
    /// (entry id, user id) -> participant.
    pub participants: BTreeMap<(String, String), Row>,
    /// calendar id -> the admin policy fields set on it (`/admin/calendars/{id}/policy`).
    pub admin_policies: BTreeMap<String, Row>,
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

    pub fn master(&self, id: &str) -> Option<&Row> {
        live(&self.masters, id)
    }

    pub fn reminder(&self, id: &str) -> Option<&Row> {
        live(&self.reminders, id)
    }

    pub fn reminder_mut(&mut self, id: &str) -> Option<&mut Row> {
        live_mut(&mut self.reminders, id)
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
        for row in self.reminders.values_mut() {
            if is_live(row) && row["calendarId"] == id {
                mark_deleted(row, stamp, by);
            }
        }
    }

    /// Deletes an entry, the series it is the root of (their occurrences go with them), and
    /// the reminders of both.
    pub fn delete_entry(&mut self, id: &str, stamp: &str, by: &str) {
        if let Some(row) = self.entry_mut(id) {
            mark_deleted(row, stamp, by);
        }
        let mut masters = Vec::new();
        for (master_id, row) in self.masters.iter_mut() {
            if is_live(row) && row["rootEntryId"] == id {
                mark_deleted(row, stamp, by);
                masters.push(master_id.clone());
            }
        }
        for row in self.reminders.values_mut() {
            let of_entry = row["calendarEntryId"] == id;
            let of_series = row["recurrenceMasterId"]
                .as_str()
                .is_some_and(|m| masters.iter().any(|x| x == m));
            if is_live(row) && (of_entry || of_series) {
                mark_deleted(row, stamp, by);
            }
        }
    }

    pub fn delete_reminder(&mut self, id: &str, stamp: &str, by: &str) {
        if let Some(row) = self.reminder_mut(id) {
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

    /// Every stored row as (tenant, audit resource type, row), oldest first: the creations the
    /// audit log must tell for data loaded at start (the client finds series only there).
    pub fn created_rows(&self) -> Vec<(&str, &'static str, &Row)> {
        let mut out = Vec::new();
        for (tenant, t) in &self.by_tenant {
            for (kind, table) in [
                ("calendar", &t.calendars),
                ("calendar_entry", &t.entries),
                ("recurrence_master", &t.masters),
                ("calendar_reminder", &t.reminders),
            ] {
                out.extend(table.values().map(|row| (tenant.as_str(), kind, row)));
            }
        }
        out.sort_by_key(|(_, _, row)| creation_key(row));
        out
    }
}
