//! The calendar tables of every tenant, rows kept in their response form. Deleting is soft: a
//! row keeps its `deletedAt`, and lookups here only ever hand out live rows.

use std::collections::{BTreeMap, HashMap};

use chrono::NaiveDate;

use serde_json::{json, Map, Value};

use crate::calendar::entry_index::{EntryIndex, Span};
use crate::calendar::window::Window;
use crate::storage::{self, Sink, Table};

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

/// A live row to change (only a live one counts as changed).
fn live_mut<'a>(table: &'a mut Table<String, Row>, id: &str) -> Option<&'a mut Row> {
    if !table.get(id).is_some_and(is_live) {
        return None;
    }
    table.get_mut(id)
}

/// Marks deleted the live rows of `table` that `pick` chooses; their ids.
fn delete_where(
    table: &mut Table<String, Row>,
    stamp: &str,
    by: &str,
    pick: impl Fn(&Row) -> bool,
) -> Vec<String> {
    let ids: Vec<String> = table
        .iter()
        .filter(|(_, r)| is_live(r) && pick(r))
        .map(|(k, _)| k.clone())
        .collect();
    for id in &ids {
        if let Some(row) = table.get_mut(id) {
            mark_deleted(row, stamp, by);
        }
    }
    ids
}

fn mark_deleted(row: &mut Row, stamp: &str, by: &str) {
    row.insert("deletedAt".into(), json!(stamp));
    row.insert("deletedBy".into(), json!(by));
    row.insert("updatedAt".into(), json!(stamp));
}

/// One occurrence of a series that a listing has handed out: its id, and what was changed on
/// it. Its other fields are derived from the series on every read, so an edit of the root
/// entry shows in every occurrence that does not override it.
#[derive(Debug, Clone, serde::Serialize, serde::Deserialize)]
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
    pub calendars: Table<String, Row>,
    pub entries: Table<String, Row>,
    pub masters: Table<String, Row>,
    pub instances: Table<String, InstanceRow>,
    /// (master id, instance date) -> instance id: an index of `instances`, not stored.
    pub instance_ids: HashMap<(String, NaiveDate), String>,
    pub reminders: Table<String, Row>,
    /// (entry id, user id) -> participant.
    pub participants: Table<(String, String), Row>,
    /// calendar id -> the admin policy fields set on it (`/admin/calendars/{id}/policy`).
    pub admin_policies: Table<String, Row>,
    /// The live entries by start time: derived from `entries`, not stored.
    entry_index: EntryIndex,
    /// master id -> ids of its changed (not generated) instances, and the `instances`
    /// generation it was built at: derived, not stored. A series' listing looks at its own
    /// changed occurrences instead of every instance row of the tenant.
    changed_instances: (Option<u64>, HashMap<String, Vec<String>>),
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

    /// The spans of the live entries (of `calendar` when given) that overlap `window`, in
    /// (start, id) order; each id names a live row of `entries`.
    pub fn entries_overlapping(
        &mut self,
        calendar: Option<&str>,
        window: Window,
    ) -> (&Table<String, Row>, impl Iterator<Item = &Span>) {
        self.entry_index.refresh(&self.entries);
        (
            &self.entries,
            self.entry_index.overlapping(calendar, window),
        )
    }

    /// The changed (overridden or cancelled) instance rows of series `master_id`, in id order.
    pub fn changed_instances_of(&mut self, master_id: &str) -> Vec<&InstanceRow> {
        let generation = self.instances.generation();
        // Rebuilt whenever an instance may have changed since, so it is never stale.
        if self.changed_instances.0 != Some(generation) {
            let mut by_master: HashMap<String, Vec<String>> = HashMap::new();
            for (id, row) in self.instances.iter() {
                if row.state != "generated" {
                    by_master
                        .entry(row.master_id.clone())
                        .or_default()
                        .push(id.clone());
                }
            }
            self.changed_instances = (Some(generation), by_master);
        }
        self.changed_instances
            .1
            .get(master_id)
            .into_iter()
            .flatten()
            .filter_map(|id| self.instances.get(id))
            .collect()
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
        delete_where(&mut self.reminders, stamp, by, |r| r["calendarId"] == id);
    }

    /// Deletes an entry, the series it is the root of (their occurrences go with them), and
    /// the reminders of both.
    pub fn delete_entry(&mut self, id: &str, stamp: &str, by: &str) {
        if let Some(row) = self.entry_mut(id) {
            mark_deleted(row, stamp, by);
        }
        let masters = delete_where(&mut self.masters, stamp, by, |r| r["rootEntryId"] == id);
        delete_where(&mut self.reminders, stamp, by, |row| {
            let of_entry = row["calendarEntryId"] == id;
            let of_series = row["recurrenceMasterId"]
                .as_str()
                .is_some_and(|m| masters.iter().any(|x| x == m));
            of_entry || of_series
        });
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

    /// Puts what changed since the last call (everything with `all`).
    pub fn drain(&mut self, sink: &mut dyn Sink, all: bool) {
        for (tenant, t) in self.by_tenant.iter_mut() {
            storage::drain_table(sink, "calendars", tenant, &mut t.calendars, all);
            storage::drain_table(sink, "calendar_entries", tenant, &mut t.entries, all);
            storage::drain_table(sink, "recurrence_masters", tenant, &mut t.masters, all);
            storage::drain_table(sink, "recurrence_instances", tenant, &mut t.instances, all);
            storage::drain_table(sink, "calendar_reminders", tenant, &mut t.reminders, all);
            storage::drain_table(sink, "entry_participants", tenant, &mut t.participants, all);
            storage::drain_table(sink, "admin_policies", tenant, &mut t.admin_policies, all);
        }
    }

    /// Reads everything [`CalendarStore::drain`] wrote.
    pub fn load(&mut self, db: &storage::Db) -> anyhow::Result<()> {
        fn keyed<K: storage::RowKey, V: serde::de::DeserializeOwned>(
            store: &mut CalendarStore,
            db: &storage::Db,
            name: &'static str,
            table: fn(&mut TenantCalendars) -> &mut Table<K, V>,
        ) -> anyhow::Result<()> {
            for (tenant, id, row) in db.rows::<V>(name)? {
                let key = K::from_id(&id)
                    .ok_or_else(|| anyhow::anyhow!("{}: {name}: bad id {id}", db.name()))?;
                table(store.tenant(&tenant)).load(key, row);
            }
            Ok(())
        }
        keyed(self, db, "calendars", |t| &mut t.calendars)?;
        keyed(self, db, "calendar_entries", |t| &mut t.entries)?;
        keyed(self, db, "recurrence_masters", |t| &mut t.masters)?;
        keyed(self, db, "recurrence_instances", |t| &mut t.instances)?;
        keyed(self, db, "calendar_reminders", |t| &mut t.reminders)?;
        keyed(self, db, "entry_participants", |t| &mut t.participants)?;
        keyed(self, db, "admin_policies", |t| &mut t.admin_policies)?;
        for t in self.by_tenant.values_mut() {
            for (id, row) in t.instances.iter() {
                let key = (row.master_id.clone(), row.date);
                t.instance_ids.insert(key, id.clone());
            }
        }
        Ok(())
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
