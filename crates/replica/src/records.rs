//! Edits and reads of any record type, from its descriptor alone: what a record type added as a
//! declaration (groups and their members first) is edited and listed through, with the same
//! promises as contacts (validated before anything is written, queued in the outbox, merged
//! field by field when it syncs). Types with rules of their own beyond their descriptor
//! (calendars, entries, series, contacts) keep their own entry points.

use rusqlite::params;

use crate::edits;
use crate::entity::Entity;
use crate::error::{ReplicaError, Result};
use crate::outbox::Source;
use crate::record::{self, Record};
use crate::scope::TenantScope;
use crate::util::Fields;
use crate::validation;

impl TenantScope<'_> {
    /// Creates a record, checked against its type's create shape; a record whose natural key
    /// (a group's member: its group and user) is already here is refused, naming the key.
    pub fn create_record(&self, source: Source, entity: Entity, fields: Fields) -> Result<Record> {
        validation::record_create(entity, &fields)?;
        self.in_tx(|tx| {
            if crate::sync_apply::local_twin(tx, &self.tenant, entity, &fields)?.is_some() {
                let key = entity.descriptor().natural_key.join(" and ");
                return Err(ReplicaError::invalid(
                    entity.descriptor().natural_key[0],
                    format!("a {entity} with this {key} is already here"),
                ));
            }
            let row = edits::create(tx, &self.tenant, entity, source, fields)?;
            record::to_record(tx, &self.tenant, entity, row)
        })
    }

    /// Edits a record (named by its local or server id), checked against its type's update
    /// shape.
    pub fn update_record(
        &self,
        source: Source,
        entity: Entity,
        id: &str,
        patch: Fields,
    ) -> Result<Record> {
        validation::record_patch(entity, &patch)?;
        self.in_tx(|tx| {
            let row = record::load_live_by_any_id(tx, &self.tenant, entity, id)?;
            let row = edits::update(tx, &self.tenant, entity, source, row, &patch)?;
            record::to_record(tx, &self.tenant, entity, row)
        })
    }

    /// Deletes a record with the records under it (a group with its members).
    pub fn delete_record(&self, source: Source, entity: Entity, id: &str) -> Result<()> {
        if !entity.descriptor().operations.delete {
            return Err(ReplicaError::invalid(
                "id",
                format!("a {entity} cannot be deleted on its server"),
            ));
        }
        self.in_tx(|tx| {
            let row = record::load_live_by_any_id(tx, &self.tenant, entity, id)?;
            edits::delete(tx, &self.tenant, entity, source, row)
        })
    }

    /// Queues the action `name` of a record (an invitation's `resend`), for record types whose
    /// remote has it; the record's fields do not change here.
    pub fn record_action(
        &self,
        source: Source,
        entity: Entity,
        id: &str,
        name: &str,
        body: Fields,
    ) -> Result<Record> {
        if !entity.descriptor().operations.allows_action(name) {
            return Err(ReplicaError::invalid(
                "action",
                format!("a {entity} has no action {name:?} on its server"),
            ));
        }
        if let Some(shape) = entity.descriptor().action_body(name) {
            crate::validate::check(&body, shape.fields, shape.required, shape.allow_null)?;
        }
        self.in_tx(|tx| {
            let row = record::load_live_by_any_id(tx, &self.tenant, entity, id)?;
            let row = edits::action(
                tx,
                &self.tenant,
                entity,
                source,
                row,
                name,
                body,
                &Fields::new(),
            )?;
            record::to_record(tx, &self.tenant, entity, row)
        })
    }

    /// Deletes the live record whose natural key holds these values (a group's member by its
    /// group and user); refused, naming the key, when there is none.
    pub fn delete_record_by_key(&self, source: Source, entity: Entity, key: Fields) -> Result<()> {
        self.in_tx(|tx| {
            let Some(row) = crate::sync_apply::local_twin(tx, &self.tenant, entity, &key)? else {
                let d = entity.descriptor();
                return Err(ReplicaError::invalid(
                    d.natural_key.last().copied().unwrap_or("id"),
                    format!("there is no such {entity} here"),
                ));
            };
            edits::delete(tx, &self.tenant, entity, source, row)
        })
    }

    /// The server ids of the records of type `entity` the replica holds under the parent record
    /// whose server id is `parent` (a group's memberships), deleted here or not: what a listing
    /// of that parent's children is compared with.
    pub fn known_server_ids_under(&self, entity: Entity, parent: &str) -> Result<Vec<String>> {
        let d = entity.descriptor();
        let r = d.parents.first().ok_or_else(|| {
            ReplicaError::invalid("parent", format!("a {entity} lives under no record"))
        })?;
        let sql = format!(
            "SELECT c.server_id FROM {} c JOIN {} p ON p.local_id = c.{}
             WHERE c.tenant_id = ?1 AND p.tenant_id = ?1 AND p.server_id = ?2
               AND c.server_id IS NOT NULL",
            d.table,
            r.parent.descriptor().table,
            r.column
        );
        let mut stmt = self.conn.prepare_cached(&sql)?;
        let ids = stmt
            .query_map(params![self.tenant, parent], |row| row.get(0))?
            .collect::<rusqlite::Result<Vec<String>>>()?;
        Ok(ids)
    }

    /// The live records of a type, by their outbox label (a group's name), or only those
    /// under the record `under` (its local or server id) of the type's parent.
    pub fn records(&self, entity: Entity, under: Option<&str>) -> Result<Vec<Record>> {
        let d = entity.descriptor();
        let (filter, parent_local) = match under {
            None => (String::new(), None),
            Some(id) => {
                let r = d.parents.first().ok_or_else(|| {
                    ReplicaError::invalid("under", format!("a {entity} lives under no record"))
                })?;
                let parent = record::load_live_by_any_id(self.conn, &self.tenant, r.parent, id)?;
                (format!(" AND t.{} = ?2", r.column), Some(parent.local_id))
            }
        };
        let sql = format!(
            "SELECT t.local_id FROM {} t WHERE t.tenant_id = ?1 AND t.deleted_locally = 0{filter}
             ORDER BY {} COLLATE NOCASE, t.local_id",
            d.table, d.label
        );
        let mut stmt = self.conn.prepare_cached(&sql)?;
        let ids: Vec<String> = match &parent_local {
            Some(p) => stmt
                .query_map(params![self.tenant, p], |r| r.get(0))?
                .collect::<rusqlite::Result<_>>()?,
            None => stmt
                .query_map(params![self.tenant], |r| r.get(0))?
                .collect::<rusqlite::Result<_>>()?,
        };
        ids.into_iter()
            .map(|id: String| {
                let row = record::load_live(self.conn, &self.tenant, entity, &id)?;
                record::to_record(self.conn, &self.tenant, entity, row)
            })
            .collect()
    }
}
