//! Calendars: create, edit, delete, read.

use serde::Serialize;

use crate::edits;
use crate::entity::Entity;
use crate::error::Result;
use crate::outbox::Source;
use crate::record::{self, Record};
use crate::scope::TenantScope;
use crate::util::Fields;
use crate::validation;

/// A calendar in lists.
#[derive(Debug, Clone, PartialEq, Serialize, ts_rs::TS)]
#[serde(rename_all = "camelCase")]
pub struct CalendarSummary {
    pub local_id: String,
    pub server_id: Option<String>,
    pub name: String,
    pub kind: String,
    pub timezone: String,
    /// private, shared or public_within_tenant (None when the server left it unset).
    pub visibility: Option<String>,
    pub description: Option<String>,
    pub has_pending_ops: bool,
}

impl TenantScope<'_> {
    /// Creates a calendar (fields in the shape of `POST /secure/calendar/`).
    pub fn create_calendar(&self, source: Source, fields: Fields) -> Result<Record> {
        validation::calendar_create(&fields)?;
        self.in_tx(|tx| {
            let row = edits::create(tx, &self.tenant, Entity::Calendar, source, fields)?;
            record::to_record(tx, &self.tenant, Entity::Calendar, row)
        })
    }

    /// Edits a calendar (`PATCH /secure/calendar/{id}` fields; kind and linkage are fixed).
    pub fn update_calendar(&self, source: Source, id: &str, patch: Fields) -> Result<Record> {
        validation::calendar_patch(&patch)?;
        self.in_tx(|tx| {
            let row = record::load_live_by_any_id(tx, &self.tenant, Entity::Calendar, id)?;
            let row = edits::update(tx, &self.tenant, Entity::Calendar, source, row, &patch)?;
            record::to_record(tx, &self.tenant, Entity::Calendar, row)
        })
    }

    /// Deletes a calendar with its entries, series and reminders.
    pub fn delete_calendar(&self, source: Source, id: &str) -> Result<()> {
        self.in_tx(|tx| {
            let row = record::load_live_by_any_id(tx, &self.tenant, Entity::Calendar, id)?;
            edits::delete(tx, &self.tenant, Entity::Calendar, source, row)
        })
    }

    /// Any record by its local or server id (not the ones deleted locally).
    pub fn get(&self, entity: Entity, id: &str) -> Result<Record> {
        let row = record::load_live_by_any_id(self.conn, &self.tenant, entity, id)?;
        record::to_record(self.conn, &self.tenant, entity, row)
    }

    /// The calendars of this tenant, by name.
    pub fn calendars(&self) -> Result<Vec<CalendarSummary>> {
        let mut stmt = self.conn.prepare_cached(
            "SELECT c.local_id, c.server_id, c.name, c.kind, c.timezone,
                    json_extract(c.fields, '$.visibility'), json_extract(c.fields, '$.description'),
                    EXISTS (SELECT 1 FROM outbox o WHERE o.tenant_id = c.tenant_id AND o.entity = 'calendar'
                            AND o.local_id = c.local_id AND o.state != 'done')
             FROM calendars c WHERE c.tenant_id = ?1 AND c.deleted_locally = 0
             ORDER BY c.name COLLATE NOCASE, c.local_id",
        )?;
        let rows = stmt.query_map([&self.tenant], |r| {
            Ok(CalendarSummary {
                local_id: r.get(0)?,
                server_id: r.get(1)?,
                name: r.get(2)?,
                kind: r.get(3)?,
                timezone: r.get(4)?,
                visibility: r.get(5)?,
                description: r.get(6)?,
                has_pending_ops: r.get(7)?,
            })
        })?;
        Ok(rows.collect::<rusqlite::Result<Vec<_>>>()?)
    }
}
