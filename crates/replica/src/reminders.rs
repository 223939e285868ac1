//! Reminders: add and remove (the platform has no edit for them).

use rusqlite::params;
use serde::Serialize;
use serde_json::Value;

use crate::edits;
use crate::entity::Entity;
use crate::error::{ReplicaError, Result};
use crate::outbox::Source;
use crate::record::{self, Record};
use crate::scope::TenantScope;
use crate::util::Fields;
use crate::validation;

#[derive(Debug, Clone, PartialEq, Serialize, ts_rs::TS)]
#[serde(rename_all = "camelCase")]
pub struct ReminderSummary {
    pub local_id: String,
    pub server_id: Option<String>,
    pub calendar_id: String,
    pub entry_id: Option<String>,
    pub master_id: Option<String>,
    pub channel: String,
    pub offset_minutes: i64,
}

impl TenantScope<'_> {
    /// Adds a reminder (fields of `POST /secure/calendar/reminders`) to an entry or a series of
    /// the calendar; ids may be local or server ids.
    pub fn add_reminder(&self, source: Source, mut fields: Fields) -> Result<Record> {
        validation::reminder_create(&fields)?;
        self.in_tx(|tx| {
            let calendar_ref = fields["calendarId"]
                .as_str()
                .unwrap_or_default()
                .to_string();
            let calendar =
                record::load_live_by_any_id(tx, &self.tenant, Entity::Calendar, &calendar_ref)
                    .map_err(|_| {
                        ReplicaError::invalid("calendarId", "no such calendar in this tenant")
                    })?;
            let calendar_ref = record::reference_id(&calendar);
            fields.insert("calendarId".into(), Value::String(calendar_ref.clone()));
            for (key, entity, what) in [
                ("calendarEntryId", Entity::Entry, "entry"),
                ("recurrenceMasterId", Entity::RecurrenceMaster, "series"),
            ] {
                let Some(id) = fields.get(key).and_then(Value::as_str).map(str::to_string) else {
                    continue;
                };
                let target =
                    record::load_live_by_any_id(tx, &self.tenant, entity, &id).map_err(|_| {
                        ReplicaError::invalid(key, format!("no such {what} in this tenant"))
                    })?;
                if target.fields.get("calendarId").and_then(Value::as_str)
                    != Some(calendar_ref.as_str())
                {
                    return Err(ReplicaError::invalid(
                        key,
                        format!("the {what} is not in this calendar"),
                    ));
                }
                fields.insert(key.into(), Value::String(record::reference_id(&target)));
            }
            let row = edits::create(tx, &self.tenant, Entity::Reminder, source, fields)?;
            record::to_record(tx, &self.tenant, Entity::Reminder, row)
        })
    }

    pub fn remove_reminder(&self, source: Source, id: &str) -> Result<()> {
        self.in_tx(|tx| {
            let row = record::load_live_by_any_id(tx, &self.tenant, Entity::Reminder, id)?;
            edits::delete(tx, &self.tenant, Entity::Reminder, source, row)
        })
    }

    /// The reminders of a calendar, by offset.
    pub fn reminders(&self, calendar_id: &str) -> Result<Vec<ReminderSummary>> {
        let calendar =
            record::load_live_by_any_id(self.conn, &self.tenant, Entity::Calendar, calendar_id)?;
        let mut stmt = self.conn.prepare_cached(
            "SELECT local_id, server_id, calendar_id, entry_id, master_id, channel, offset_minutes FROM reminders
             WHERE tenant_id = ?1 AND calendar_id = ?2 AND deleted_locally = 0 ORDER BY offset_minutes, local_id",
        )?;
        let rows = stmt.query_map(params![self.tenant, calendar.local_id], |r| {
            Ok(ReminderSummary {
                local_id: r.get(0)?,
                server_id: r.get(1)?,
                calendar_id: r.get(2)?,
                entry_id: r.get(3)?,
                master_id: r.get(4)?,
                channel: r.get(5)?,
                offset_minutes: r.get(6)?,
            })
        })?;
        Ok(rows.collect::<rusqlite::Result<Vec<_>>>()?)
    }
}
