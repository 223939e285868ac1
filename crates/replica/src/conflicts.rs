//! Parked conflicts: an op whose record changed (or vanished) on the server in a way that
//! clashes with the local edit waits here, with base, local and remote versions, until the user
//! keeps theirs, takes the server's, or picks per field.

use std::collections::BTreeMap;

use rusqlite::{params, Connection, OptionalExtension};
use serde::{Deserialize, Serialize};
use serde_json::Value;

use crate::edits;
use crate::entity::Entity;
use crate::error::{ReplicaError, Result};
use crate::ops::{rebase_later_ops, with_identity};
use crate::outbox::{self, OpKind, OpState};
use crate::record;
use crate::scope::TenantScope;
use crate::util::{new_id, now_text, Fields};
use crate::wire::request_shape;

#[derive(Debug, Clone, Copy, PartialEq, Eq, Serialize, Deserialize, ts_rs::TS)]
#[serde(rename_all = "snake_case")]
pub enum ConflictKind {
    /// The same field changed here and on the server, to different values.
    EditEdit,
    /// Edited here, deleted on the server.
    EditVsRemoteDelete,
    /// Deleted here, edited on the server.
    DeleteVsRemoteEdit,
}

impl ConflictKind {
    fn as_str(self) -> &'static str {
        match self {
            ConflictKind::EditEdit => "edit_edit",
            ConflictKind::EditVsRemoteDelete => "edit_vs_remote_delete",
            ConflictKind::DeleteVsRemoteEdit => "delete_vs_remote_edit",
        }
    }
    fn parse(text: &str) -> ConflictKind {
        match text {
            "edit_vs_remote_delete" => ConflictKind::EditVsRemoteDelete,
            "delete_vs_remote_edit" => ConflictKind::DeleteVsRemoteEdit,
            _ => ConflictKind::EditEdit,
        }
    }
}

/// A parked conflict. The app's boundary sends it typed by record type.
#[derive(Debug, Clone, PartialEq, Serialize)]
#[serde(rename_all = "camelCase")]
pub struct Conflict {
    pub conflict_id: String,
    pub entity: Entity,
    pub local_id: String,
    pub op_id: String,
    pub kind: ConflictKind,
    pub base: Option<Value>,
    /// The local version (None: deleted here).
    pub local: Option<Value>,
    /// The server's version (None: deleted on the server).
    pub remote: Option<Value>,
    pub remote_updated_at: Option<String>,
    pub fields: Vec<String>,
    pub created_at: String,
}

#[derive(Debug, Clone, Copy, PartialEq, Eq, Serialize, Deserialize, ts_rs::TS)]
#[serde(rename_all = "snake_case")]
pub enum Choice {
    Mine,
    Theirs,
}

#[derive(Debug, Clone, PartialEq, Serialize, Deserialize, ts_rs::TS)]
#[serde(rename_all = "snake_case", tag = "kind", content = "fields")]
pub enum Resolution {
    KeepMine,
    TakeTheirs,
    /// A choice for every conflicting field (edit/edit conflicts only).
    PerField(BTreeMap<String, Choice>),
}

const CONFLICT_COLUMNS: &str = "conflict_id, entity, local_id, op_id, kind, base, local, remote, remote_updated_at, fields, created_at";

fn conflict_from_row(r: &rusqlite::Row<'_>) -> rusqlite::Result<Conflict> {
    let json = |i: usize| -> rusqlite::Result<Option<Value>> {
        Ok(r.get::<_, Option<String>>(i)?
            .and_then(|t| serde_json::from_str(&t).ok()))
    };
    let entity: String = r.get(1)?;
    let kind: String = r.get(4)?;
    let fields: String = r.get(9)?;
    Ok(Conflict {
        conflict_id: r.get(0)?,
        entity: Entity::parse(&entity).unwrap_or(Entity::Calendar),
        local_id: r.get(2)?,
        op_id: r.get(3)?,
        kind: ConflictKind::parse(&kind),
        base: json(5)?,
        local: json(6)?,
        remote: json(7)?,
        remote_updated_at: r.get(8)?,
        fields: serde_json::from_str(&fields).unwrap_or_default(),
        created_at: r.get(10)?,
    })
}

impl TenantScope<'_> {
    /// Parks a conflict for an op: `remote` is the server's record (response shape; None when
    /// the server deleted it), `fields` the fields in conflict. The op waits in state conflict.
    pub fn park_conflict(
        &self,
        op_id: &str,
        kind: ConflictKind,
        remote: Option<&Value>,
        fields: &[String],
    ) -> Result<Conflict> {
        self.in_tx(|tx| {
            let op = outbox::load_op(tx, &self.tenant, op_id)?;
            if matches!(op.state, OpState::Done | OpState::Conflict) {
                return Err(ReplicaError::InvalidState(format!("op {op_id} is {}", op.state.as_str())));
            }
            let row = record::load(tx, &self.tenant, op.entity, &op.local_id)?
                .ok_or_else(|| ReplicaError::NotFound { entity: op.entity.as_str(), id: op.local_id.clone() })?;
            // The base the edit was made against: the row's base with the op's own base values.
            let mut base = row.base.clone().unwrap_or_default();
            if let Some(Value::Object(op_base)) = &op.base {
                base.extend(op_base.clone());
            }
            let local = (!row.deleted_locally).then(|| row.fields.clone());
            let remote_fields = remote.map(|r| with_identity(op.entity, &row.fields, request_shape(op.entity, r)));
            let remote_updated_at = remote.and_then(crate::wire::server_updated_at).map(str::to_string);
            let conflict_id = new_id();
            let now = now_text();
            tx.prepare_cached(
                "INSERT INTO conflicts (conflict_id, tenant_id, entity, local_id, op_id, kind, base, local, remote, remote_updated_at, fields, state, created_at)
                 VALUES (?1, ?2, ?3, ?4, ?5, ?6, ?7, ?8, ?9, ?10, ?11, 'open', ?12)",
            )?
            .execute(params![
                conflict_id,
                self.tenant,
                op.entity.as_str(),
                op.local_id,
                op_id,
                kind.as_str(),
                serde_json::to_string(&base)?,
                local.as_ref().map(serde_json::to_string).transpose()?,
                remote_fields.as_ref().map(serde_json::to_string).transpose()?,
                remote_updated_at,
                serde_json::to_string(fields)?,
                now
            ])?;
            outbox::set_state(tx, &self.tenant, op_id, OpState::Conflict)?;
            load_conflict(tx, &self.tenant, &conflict_id)?
                .ok_or_else(|| ReplicaError::NotFound { entity: "conflict", id: conflict_id.clone() })
        })
    }

    /// Open conflicts, oldest first.
    pub fn conflicts(&self) -> Result<Vec<Conflict>> {
        let sql = format!("SELECT {CONFLICT_COLUMNS} FROM conflicts WHERE tenant_id = ?1 AND state = 'open' ORDER BY created_at, conflict_id");
        let mut stmt = self.conn.prepare_cached(&sql)?;
        let rows = stmt.query_map([&self.tenant], conflict_from_row)?;
        Ok(rows.collect::<rusqlite::Result<Vec<_>>>()?)
    }

    /// Resolves a conflict and returns the record's fields as the next push will leave them
    /// (empty when the record ends up deleted). The op goes back to pending with what is left to
    /// send, based on the server's version; nothing is left when the server's version wins.
    pub fn resolve_conflict(&self, conflict_id: &str, resolution: &Resolution) -> Result<Fields> {
        self.in_tx(|tx| {
            let conflict = load_conflict(tx, &self.tenant, conflict_id)?
                .ok_or_else(|| ReplicaError::NotFound { entity: "conflict", id: conflict_id.to_string() })?;
            let op = outbox::load_op(tx, &self.tenant, &conflict.op_id)?;
            let merged = match conflict.kind {
                ConflictKind::EditEdit => self.resolve_edit_edit(tx, &conflict, &op, resolution)?,
                ConflictKind::EditVsRemoteDelete => self.resolve_edit_vs_delete(tx, &conflict, resolution)?,
                ConflictKind::DeleteVsRemoteEdit => self.resolve_delete_vs_edit(tx, &conflict, &op, resolution)?,
            };
            tx.prepare_cached(
                "UPDATE conflicts SET state = 'resolved', resolution = ?3, merged = ?4, resolved_at = ?5 WHERE tenant_id = ?1 AND conflict_id = ?2",
            )?
            .execute(params![
                self.tenant,
                conflict_id,
                serde_json::to_string(resolution)?,
                serde_json::to_string(&merged)?,
                now_text()
            ])?;
            Ok(merged)
        })
    }

    fn resolve_edit_edit(
        &self,
        tx: &Connection,
        conflict: &Conflict,
        op: &outbox::OutboxOp,
        resolution: &Resolution,
    ) -> Result<Fields> {
        let remote = as_fields(&conflict.remote);
        let mut row = record::load(tx, &self.tenant, conflict.entity, &conflict.local_id)?
            .ok_or_else(|| ReplicaError::NotFound {
                entity: conflict.entity.as_str(),
                id: conflict.local_id.clone(),
            })?;
        let changes = as_fields(&Some(op.payload.clone()));
        let choose = |field: &str| -> Result<Choice> {
            if !conflict.fields.iter().any(|f| f == field) {
                return Ok(Choice::Mine);
            }
            match resolution {
                Resolution::KeepMine => Ok(Choice::Mine),
                Resolution::TakeTheirs => Ok(Choice::Theirs),
                Resolution::PerField(choices) => choices.get(field).copied().ok_or_else(|| {
                    ReplicaError::invalid(field, "choose mine or theirs for this field")
                }),
            }
        };
        let mut merged = remote.clone();
        let mut to_send = Fields::new();
        for (key, mine) in &changes {
            if choose(key)? == Choice::Mine && remote.get(key) != Some(mine) {
                merged.insert(key.clone(), mine.clone());
                to_send.insert(key.clone(), mine.clone());
            }
        }
        row.fields = merged.clone();
        row.base = Some(remote.clone());
        row.base_updated_at = conflict.remote_updated_at.clone();
        record::update(tx, &self.tenant, conflict.entity, &row, &now_text())?;
        if to_send.is_empty() {
            outbox::set_state(tx, &self.tenant, &op.op_id, OpState::Done)?;
        } else {
            let base: Fields = to_send
                .keys()
                .map(|k| (k.clone(), remote.get(k).cloned().unwrap_or(Value::Null)))
                .collect();
            tx.prepare_cached(
                "UPDATE outbox SET payload = ?3, base = ?4, base_updated_at = ?5, state = 'pending', last_error = NULL, updated_at = ?6
                 WHERE tenant_id = ?1 AND op_id = ?2",
            )?
            .execute(params![
                self.tenant,
                op.op_id,
                serde_json::to_string(&to_send)?,
                if op.kind == OpKind::Update { Some(serde_json::to_string(&base)?) } else { None },
                conflict.remote_updated_at,
                now_text()
            ])?;
        }
        rebase_later_ops(
            tx,
            &self.tenant,
            conflict.entity,
            &conflict.local_id,
            &remote,
            conflict.remote_updated_at.as_deref(),
        )?;
        Ok(merged)
    }

    fn resolve_edit_vs_delete(
        &self,
        tx: &Connection,
        conflict: &Conflict,
        resolution: &Resolution,
    ) -> Result<Fields> {
        match resolution {
            Resolution::KeepMine => {
                // The server no longer has the record: it is created again, with the local fields.
                let mut row = record::load(tx, &self.tenant, conflict.entity, &conflict.local_id)?
                    .ok_or_else(|| ReplicaError::NotFound {
                        entity: conflict.entity.as_str(),
                        id: conflict.local_id.clone(),
                    })?;
                outbox::drop_unsent_ops(tx, &self.tenant, conflict.entity, &conflict.local_id)?;
                tx.prepare_cached("DELETE FROM outbox WHERE tenant_id = ?1 AND op_id = ?2")?
                    .execute(params![self.tenant, conflict.op_id])?;
                let mut fields = row.fields.clone();
                let op_id = edits::tag_create(conflict.entity, &mut fields);
                row.fields = fields.clone();
                row.server_id = None;
                row.base = None;
                row.base_updated_at = None;
                record::update(tx, &self.tenant, conflict.entity, &row, &now_text())?;
                outbox::enqueue(
                    tx,
                    &self.tenant,
                    conflict.entity,
                    &conflict.local_id,
                    outbox::NewOp::Create {
                        fields: fields.clone(),
                        op_id,
                    },
                    outbox::Source::User,
                    None,
                )?;
                Ok(fields)
            }
            Resolution::TakeTheirs => {
                for (child, child_id) in
                    record::dependents(tx, &self.tenant, conflict.entity, &conflict.local_id)?
                {
                    outbox::drop_unsent_ops(tx, &self.tenant, child, &child_id)?;
                }
                outbox::drop_unsent_ops(tx, &self.tenant, conflict.entity, &conflict.local_id)?;
                record::remove(tx, &self.tenant, conflict.entity, &conflict.local_id)?;
                Ok(Fields::new())
            }
            Resolution::PerField(_) => Err(ReplicaError::invalid(
                "resolution",
                "choose keep mine or take theirs for a deleted record",
            )),
        }
    }

    fn resolve_delete_vs_edit(
        &self,
        tx: &Connection,
        conflict: &Conflict,
        op: &outbox::OutboxOp,
        resolution: &Resolution,
    ) -> Result<Fields> {
        let remote = as_fields(&conflict.remote);
        let mut row = record::load(tx, &self.tenant, conflict.entity, &conflict.local_id)?
            .ok_or_else(|| ReplicaError::NotFound {
                entity: conflict.entity.as_str(),
                id: conflict.local_id.clone(),
            })?;
        row.base = Some(remote.clone());
        row.base_updated_at = conflict.remote_updated_at.clone();
        match resolution {
            Resolution::KeepMine => {
                record::update(tx, &self.tenant, conflict.entity, &row, &now_text())?;
                tx.prepare_cached(
                    "UPDATE outbox SET state = 'pending', base_updated_at = ?3, last_error = NULL, updated_at = ?4 WHERE tenant_id = ?1 AND op_id = ?2",
                )?
                .execute(params![self.tenant, op.op_id, conflict.remote_updated_at, now_text()])?;
                Ok(Fields::new())
            }
            Resolution::TakeTheirs => {
                tx.prepare_cached("DELETE FROM outbox WHERE tenant_id = ?1 AND op_id = ?2")?
                    .execute(params![self.tenant, op.op_id])?;
                row.fields = remote.clone();
                row.deleted_locally = false;
                record::update(tx, &self.tenant, conflict.entity, &row, &now_text())?;
                edits::unhide_dependents(tx, &self.tenant, conflict.entity, &conflict.local_id)?;
                Ok(remote)
            }
            Resolution::PerField(_) => Err(ReplicaError::invalid(
                "resolution",
                "choose keep mine or take theirs for a deleted record",
            )),
        }
    }
}

fn as_fields(value: &Option<Value>) -> Fields {
    match value {
        Some(Value::Object(map)) => map.clone(),
        _ => Fields::new(),
    }
}

fn load_conflict(conn: &Connection, tenant: &str, conflict_id: &str) -> Result<Option<Conflict>> {
    let sql = format!("SELECT {CONFLICT_COLUMNS} FROM conflicts WHERE tenant_id = ?1 AND conflict_id = ?2 AND state = 'open'");
    Ok(conn
        .prepare_cached(&sql)?
        .query_row(params![tenant, conflict_id], conflict_from_row)
        .optional()?)
}
