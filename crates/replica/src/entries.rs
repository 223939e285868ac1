//! Calendar entries: create, edit (and move in time), delete, status transitions, responses.

use rusqlite::{params, OptionalExtension};
use serde::Serialize;
use serde_json::{json, Value};

use crate::edits;
use crate::entity::Entity;
use crate::error::{ReplicaError, Result};
use crate::outbox::Source;
use crate::record::{self, Record};
use crate::scope::TenantScope;
use crate::util::{new_id, now_text, Fields};
use outpost_model::enums::{EntryStatus, ResponseStatus};

const ENTRY_STATUS: &[&str] = EntryStatus::NAMES;
const RESPONSE_STATUS: &[&str] = ResponseStatus::NAMES;
use crate::validation;

/// A participant of an entry, as the server reported it (or as a local response changed it).
#[derive(Debug, Clone, PartialEq, Serialize, ts_rs::TS)]
#[serde(rename_all = "camelCase")]
pub struct Participant {
    pub local_id: String,
    pub server_id: Option<String>,
    pub actor_type: String,
    pub actor_user_id: Option<String>,
    pub actor_group_id: Option<String>,
    pub role: String,
    pub response_status: String,
}

impl TenantScope<'_> {
    /// Creates an entry (fields in the shape of `POST /secure/calendar/entries`). `calendarId`
    /// may name the calendar by local or server id.
    pub fn create_entry(&self, source: Source, fields: Fields) -> Result<Record> {
        validation::entry_create(&fields)?;
        self.in_tx(|tx| {
            let row = self.insert_entry(tx, source, fields)?;
            record::to_record(tx, &self.tenant, Entity::Entry, row)
        })
    }

    /// Creates many entries in one transaction (an import): all or none. Errors name the item,
    /// as in `[3].endsAt`.
    pub fn create_entries(&self, source: Source, entries: Vec<Fields>) -> Result<Vec<String>> {
        for (i, fields) in entries.iter().enumerate() {
            validation::entry_create(fields).map_err(|e| e.in_item(i))?;
        }
        self.in_tx(|tx| {
            entries
                .into_iter()
                .enumerate()
                .map(|(i, fields)| {
                    Ok(self
                        .insert_entry(tx, source, fields)
                        .map_err(|e| e.in_item(i))?
                        .local_id)
                })
                .collect()
        })
    }

    fn insert_entry(
        &self,
        tx: &rusqlite::Connection,
        source: Source,
        mut fields: Fields,
    ) -> Result<crate::record::Row> {
        let calendar_id = fields["calendarId"]
            .as_str()
            .unwrap_or_default()
            .to_string();
        let calendar =
            record::load_live_by_any_id(tx, &self.tenant, Entity::Calendar, &calendar_id).map_err(
                |_| ReplicaError::invalid("calendarId", "no such calendar in this tenant"),
            )?;
        fields.insert(
            "calendarId".into(),
            Value::String(record::reference_id(&calendar)),
        );
        edits::create(tx, &self.tenant, Entity::Entry, source, fields)
    }

    /// Edits an entry (`PATCH /secure/calendar/entries/{id}` fields). Moving it in time is an
    /// edit of `startsAt`/`endsAt`; the platform cannot move an entry to another calendar.
    pub fn update_entry(&self, source: Source, id: &str, patch: Fields) -> Result<Record> {
        self.in_tx(|tx| {
            let row = record::load_live_by_any_id(tx, &self.tenant, Entity::Entry, id)?;
            let (merged, _) = edits::apply_patch(&row, &patch);
            validation::entry_patch(&patch, &merged)?;
            let row = edits::update(tx, &self.tenant, Entity::Entry, source, row, &patch)?;
            record::to_record(tx, &self.tenant, Entity::Entry, row)
        })
    }

    /// Deletes an entry (and its series, if it is the root of one).
    pub fn delete_entry(&self, source: Source, id: &str) -> Result<()> {
        self.in_tx(|tx| {
            let row = record::load_live_by_any_id(tx, &self.tenant, Entity::Entry, id)?;
            edits::delete(tx, &self.tenant, Entity::Entry, source, row)
        })
    }

    /// A booking status transition (`POST /secure/calendar/entries/{id}/status`).
    pub fn set_entry_status(&self, source: Source, id: &str, status: &str) -> Result<Record> {
        if !ENTRY_STATUS.contains(&status) {
            return Err(ReplicaError::invalid(
                "status",
                format!("must be one of {}", ENTRY_STATUS.join(", ")),
            ));
        }
        self.in_tx(|tx| {
            let row = record::load_live_by_any_id(tx, &self.tenant, Entity::Entry, id)?;
            let body: Fields = json!({ "status": status })
                .as_object()
                .cloned()
                .unwrap_or_default();
            let row = edits::action(
                tx,
                &self.tenant,
                Entity::Entry,
                source,
                row,
                "status",
                body.clone(),
                &body,
            )?;
            record::to_record(tx, &self.tenant, Entity::Entry, row)
        })
    }

    /// The signed-in user's response to an entry (`POST .../respond`). Updates (or adds) the
    /// user's participant row locally and queues the response.
    pub fn respond_to_entry(
        &self,
        source: Source,
        id: &str,
        user_id: &str,
        response_status: &str,
    ) -> Result<Participant> {
        if !RESPONSE_STATUS.contains(&response_status) {
            return Err(ReplicaError::invalid(
                "responseStatus",
                format!("must be one of {}", RESPONSE_STATUS.join(", ")),
            ));
        }
        self.in_tx(|tx| {
            let row = record::load_live_by_any_id(tx, &self.tenant, Entity::Entry, id)?;
            let entry_id = row.local_id.clone();
            let body: Fields = json!({ "responseStatus": response_status }).as_object().cloned().unwrap_or_default();
            edits::action(tx, &self.tenant, Entity::Entry, source, row, "respond", body, &Fields::new())?;
            let existing: Option<String> = tx
                .prepare_cached(
                    "SELECT local_id FROM participants WHERE tenant_id = ?1 AND entry_id = ?2 AND actor_user_id = ?3",
                )?
                .query_row(params![self.tenant, entry_id, user_id], |r| r.get(0))
                .optional()?;
            match existing {
                Some(local_id) => {
                    tx.prepare_cached(
                        "UPDATE participants SET response_status = ?3, local_updated_at = ?4 WHERE tenant_id = ?1 AND local_id = ?2",
                    )?
                    .execute(params![self.tenant, local_id, response_status, now_text()])?;
                }
                None => {
                    tx.prepare_cached(
                        "INSERT INTO participants (local_id, tenant_id, entry_id, actor_type, actor_user_id, role, response_status, raw, local_updated_at)
                         VALUES (?1, ?2, ?3, 'user', ?4, 'attendee', ?5, '{}', ?6)",
                    )?
                    .execute(params![new_id(), self.tenant, entry_id, user_id, response_status, now_text()])?;
                }
            }
            Ok(())
        })?;
        self.participants(id)?
            .into_iter()
            .find(|p| p.actor_user_id.as_deref() == Some(user_id))
            .ok_or_else(|| ReplicaError::NotFound {
                entity: "participant",
                id: user_id.to_string(),
            })
    }

    /// The participants of an entry.
    pub fn participants(&self, entry_id: &str) -> Result<Vec<Participant>> {
        let row = record::load_live_by_any_id(self.conn, &self.tenant, Entity::Entry, entry_id)?;
        let mut stmt = self.conn.prepare_cached(
            "SELECT local_id, server_id, actor_type, actor_user_id, actor_group_id, role, response_status
             FROM participants WHERE tenant_id = ?1 AND entry_id = ?2 ORDER BY local_id",
        )?;
        let rows = stmt.query_map(params![self.tenant, row.local_id], |r| {
            Ok(Participant {
                local_id: r.get(0)?,
                server_id: r.get(1)?,
                actor_type: r.get(2)?,
                actor_user_id: r.get(3)?,
                actor_group_id: r.get(4)?,
                role: r.get(5)?,
                response_status: r.get(6)?,
            })
        })?;
        Ok(rows.collect::<rusqlite::Result<Vec<_>>>()?)
    }
}
