//! The outbox: one row per operation a push will send, written in the same transaction as the
//! edit it carries. Ops of one record go out in `seq` order; a pending op absorbs later edits of
//! its record (see [`crate::coalesce`]).

use rusqlite::{params, Connection, OptionalExtension};
use serde::{Deserialize, Serialize};
use serde_json::Value;

use crate::coalesce::{absorb_action, absorb_update, plan_delete, DeletePlan, OpDraft};
use crate::entity::Entity;
use crate::error::{ReplicaError, Result};
use crate::util::{new_id, now_text, parse_json_object, Fields};

/// Who made a write. User and import edits are queued for the server; sync writes apply what the
/// server said and are never queued back.
#[derive(Debug, Clone, Copy, PartialEq, Eq, Serialize, Deserialize, ts_rs::TS)]
#[serde(rename_all = "snake_case")]
pub enum Source {
    User,
    Sync,
    Import,
}

impl Source {
    pub(crate) fn as_str(self) -> &'static str {
        match self {
            Source::User => "user",
            Source::Sync => "sync",
            Source::Import => "import",
        }
    }
}

#[derive(Debug, Clone, Copy, PartialEq, Eq, Serialize, Deserialize, ts_rs::TS)]
#[serde(rename_all = "snake_case")]
pub enum OpKind {
    Create,
    Update,
    Delete,
    /// A POST with its own endpoint: `status` (entry status transition), `respond`.
    Action,
}

impl OpKind {
    fn as_str(self) -> &'static str {
        match self {
            OpKind::Create => "create",
            OpKind::Update => "update",
            OpKind::Delete => "delete",
            OpKind::Action => "action",
        }
    }
    fn parse(text: &str) -> OpKind {
        match text {
            "create" => OpKind::Create,
            "update" => OpKind::Update,
            "delete" => OpKind::Delete,
            _ => OpKind::Action,
        }
    }
}

#[derive(Debug, Clone, Copy, PartialEq, Eq, Serialize, Deserialize, ts_rs::TS)]
#[serde(rename_all = "snake_case")]
pub enum OpState {
    Pending,
    InFlight,
    Failed,
    Conflict,
    Done,
}

impl OpState {
    pub(crate) fn as_str(self) -> &'static str {
        match self {
            OpState::Pending => "pending",
            OpState::InFlight => "in_flight",
            OpState::Failed => "failed",
            OpState::Conflict => "conflict",
            OpState::Done => "done",
        }
    }
    fn parse(text: &str) -> OpState {
        match text {
            "pending" => OpState::Pending,
            "in_flight" => OpState::InFlight,
            "failed" => OpState::Failed,
            "conflict" => OpState::Conflict,
            _ => OpState::Done,
        }
    }
}

/// One queued operation. The app's boundary sends it typed by record type and kind.
#[derive(Debug, Clone, PartialEq, Serialize)]
#[serde(rename_all = "camelCase")]
pub struct OutboxOp {
    pub seq: i64,
    pub op_id: String,
    pub entity: Entity,
    pub local_id: String,
    /// The record's server id, when the server has it (what the request's path names).
    pub server_id: Option<String>,
    /// What the op is about, for people: the contact's name, the entry's title...
    pub label: Option<String>,
    pub kind: OpKind,
    pub action: Option<String>,
    /// create: every field; update: the changed fields; action: its body; delete: `{}`.
    pub payload: Value,
    /// update: the base value of each changed field (what the server had when it was edited).
    pub base: Option<Value>,
    pub base_updated_at: Option<String>,
    pub state: OpState,
    pub source: Source,
    pub attempts: i64,
    pub last_error: Option<String>,
    pub next_attempt_at: Option<String>,
    pub created_at: String,
    pub updated_at: String,
}

pub(crate) const OP_COLUMNS: &str = "seq, op_id, entity, local_id, kind, action, payload, base, base_updated_at, state, source, attempts, last_error, next_attempt_at, created_at, updated_at";

pub(crate) fn op_from_row(r: &rusqlite::Row<'_>) -> rusqlite::Result<OutboxOp> {
    let entity: String = r.get(2)?;
    let kind: String = r.get(4)?;
    let payload: String = r.get(6)?;
    let base: Option<String> = r.get(7)?;
    let state: String = r.get(9)?;
    let source: String = r.get(10)?;
    Ok(OutboxOp {
        seq: r.get(0)?,
        op_id: r.get(1)?,
        entity: Entity::parse(&entity).unwrap_or(Entity::Calendar),
        local_id: r.get(3)?,
        server_id: None,
        label: None,
        kind: OpKind::parse(&kind),
        action: r.get(5)?,
        payload: serde_json::from_str(&payload).unwrap_or(Value::Null),
        base: base.and_then(|b| serde_json::from_str(&b).ok()),
        base_updated_at: r.get(8)?,
        state: OpState::parse(&state),
        source: if source == "import" {
            Source::Import
        } else {
            Source::User
        },
        attempts: r.get(11)?,
        last_error: r.get(12)?,
        next_attempt_at: r.get(13)?,
        created_at: r.get(14)?,
        updated_at: r.get(15)?,
    })
}

/// A new operation, before coalescing.
#[derive(Debug, Clone)]
pub(crate) enum NewOp {
    /// `op_id` is chosen by the caller, who may have written it into the fields (see
    /// [`crate::edits::tag_create`]).
    Create {
        fields: Fields,
        op_id: String,
    },
    Update {
        changes: Fields,
        base: Fields,
        base_updated_at: Option<String>,
    },
    Delete {
        base_updated_at: Option<String>,
    },
    Action {
        name: String,
        body: Fields,
    },
}

/// What happened to a new operation.
#[derive(Debug, Clone, PartialEq)]
pub(crate) enum Enqueued {
    /// Queued as a new op or folded into the pending op with this id.
    Op(String),
    /// An update that reverted its record to the base: no op remains for it.
    Cancelled,
    /// A delete of a record that never reached the server: its ops are gone; drop the row.
    Vanished,
}

struct StoredOp {
    seq: i64,
    op_id: String,
    state: OpState,
    attempts: i64,
    draft: OpDraft,
}

impl StoredOp {
    /// Never handed to the engine: the server cannot have seen it.
    fn surely_unsent(&self) -> bool {
        self.state == OpState::Pending && self.attempts == 0
    }

    /// Whether a later edit may fold into this op. A pending op may take it; so may a failed
    /// update or action (the edit is likely the fix for what the server refused), which then
    /// goes back to pending. A create that was attempted may exist on the server already (a
    /// lost response), so it takes nothing more once attempted.
    fn open_to_edits(&self) -> bool {
        match self.state {
            OpState::Pending => self.draft.kind != OpKind::Create || self.attempts == 0,
            OpState::Failed => matches!(self.draft.kind, OpKind::Update | OpKind::Action),
            _ => false,
        }
    }
}

fn unfinished_ops(
    conn: &Connection,
    tenant: &str,
    entity: Entity,
    local_id: &str,
) -> Result<Vec<StoredOp>> {
    let mut stmt = conn.prepare_cached(
        "SELECT seq, op_id, state, kind, action, payload, base, base_updated_at, attempts FROM outbox
         WHERE tenant_id = ?1 AND entity = ?2 AND local_id = ?3 AND state != 'done' ORDER BY seq",
    )?;
    let rows = stmt
        .query_map(params![tenant, entity.as_str(), local_id], |r| {
            Ok((
                r.get::<_, i64>(0)?,
                r.get::<_, String>(1)?,
                r.get::<_, String>(2)?,
                r.get::<_, String>(3)?,
                r.get::<_, Option<String>>(4)?,
                r.get::<_, String>(5)?,
                r.get::<_, Option<String>>(6)?,
                r.get::<_, Option<String>>(7)?,
                r.get::<_, i64>(8)?,
            ))
        })?
        .collect::<rusqlite::Result<Vec<_>>>()?;
    rows.into_iter()
        .map(
            |(seq, op_id, state, kind, action, payload, base, base_updated_at, attempts)| {
                Ok(StoredOp {
                    seq,
                    op_id,
                    state: OpState::parse(&state),
                    attempts,
                    draft: OpDraft {
                        kind: OpKind::parse(&kind),
                        action,
                        payload: parse_json_object(&payload)?,
                        base: base
                            .as_deref()
                            .map(parse_json_object)
                            .transpose()?
                            .unwrap_or_default(),
                        base_updated_at,
                    },
                })
            },
        )
        .collect()
}

fn insert_op(
    conn: &Connection,
    tenant: &str,
    entity: Entity,
    local_id: &str,
    draft: &OpDraft,
    source: Source,
    op_id: String,
) -> Result<String> {
    let now = now_text();
    let base = match draft.kind {
        OpKind::Update => Some(serde_json::to_string(&draft.base)?),
        _ => None,
    };
    conn.prepare_cached(
        "INSERT INTO outbox (op_id, tenant_id, entity, local_id, kind, action, payload, base, base_updated_at, state, source, created_at, updated_at)
         VALUES (?1, ?2, ?3, ?4, ?5, ?6, ?7, ?8, ?9, 'pending', ?10, ?11, ?11)",
    )?
    .execute(params![
        op_id,
        tenant,
        entity.as_str(),
        local_id,
        draft.kind.as_str(),
        draft.action,
        serde_json::to_string(&draft.payload)?,
        base,
        draft.base_updated_at,
        source.as_str(),
        now
    ])?;
    Ok(op_id)
}

fn rewrite_op(conn: &Connection, seq: i64, draft: &OpDraft) -> Result<()> {
    let base = match draft.kind {
        OpKind::Update => Some(serde_json::to_string(&draft.base)?),
        _ => None,
    };
    conn.prepare_cached(
        "UPDATE outbox SET kind = ?2, action = ?3, payload = ?4, base = ?5, base_updated_at = ?6, updated_at = ?7,
            state = 'pending', last_error = NULL, next_attempt_at = NULL WHERE seq = ?1",
    )?
    .execute(params![
        seq,
        draft.kind.as_str(),
        draft.action,
        serde_json::to_string(&draft.payload)?,
        base,
        draft.base_updated_at,
        now_text()
    ])?;
    Ok(())
}

fn delete_op(conn: &Connection, seq: i64) -> Result<()> {
    conn.prepare_cached("DELETE FROM outbox WHERE seq = ?1")?
        .execute([seq])?;
    Ok(())
}

/// Queues `new` for a record, folding it into the record's last pending op when the coalescing
/// rules allow. Must run inside the transaction that writes the edit itself.
pub(crate) fn enqueue(
    conn: &Connection,
    tenant: &str,
    entity: Entity,
    local_id: &str,
    new: NewOp,
    source: Source,
    row_base_updated_at: Option<&str>,
) -> Result<Enqueued> {
    if source == Source::Sync {
        return Err(ReplicaError::InvalidState(
            "writes applied from the server are never queued".into(),
        ));
    }
    let ops = unfinished_ops(conn, tenant, entity, local_id)?;
    let last_pending = ops.last().filter(|op| op.open_to_edits());
    match new {
        NewOp::Create { fields, op_id } => {
            let draft = OpDraft {
                kind: OpKind::Create,
                action: None,
                payload: fields,
                base: Fields::new(),
                base_updated_at: None,
            };
            Ok(Enqueued::Op(insert_op(
                conn, tenant, entity, local_id, &draft, source, op_id,
            )?))
        }
        NewOp::Update {
            changes,
            base,
            base_updated_at,
        } => {
            if let Some(last) = last_pending {
                if let Some(merged) = absorb_update(&last.draft, &changes, &base) {
                    if merged.kind == OpKind::Update && merged.payload.is_empty() {
                        delete_op(conn, last.seq)?;
                        return Ok(Enqueued::Cancelled);
                    }
                    rewrite_op(conn, last.seq, &merged)?;
                    return Ok(Enqueued::Op(last.op_id.clone()));
                }
            }
            let draft = OpDraft {
                kind: OpKind::Update,
                action: None,
                payload: changes,
                base,
                base_updated_at,
            };
            Ok(Enqueued::Op(insert_op(
                conn,
                tenant,
                entity,
                local_id,
                &draft,
                source,
                new_id(),
            )?))
        }
        NewOp::Action { name, body } => {
            if let Some(last) = last_pending {
                if let Some(merged) = absorb_action(&last.draft, &name, &body) {
                    rewrite_op(conn, last.seq, &merged)?;
                    return Ok(Enqueued::Op(last.op_id.clone()));
                }
            }
            let draft = OpDraft {
                kind: OpKind::Action,
                action: Some(name),
                payload: body,
                base: Fields::new(),
                base_updated_at: row_base_updated_at.map(str::to_string),
            };
            Ok(Enqueued::Op(insert_op(
                conn,
                tenant,
                entity,
                local_id,
                &draft,
                source,
                new_id(),
            )?))
        }
        NewOp::Delete { base_updated_at } => {
            let listed: Vec<(OpDraft, bool)> = ops
                .iter()
                .map(|op| (op.draft.clone(), op.surely_unsent()))
                .collect();
            match plan_delete(&listed, base_updated_at.as_deref()) {
                DeletePlan::Vanish => {
                    for op in &ops {
                        delete_op(conn, op.seq)?;
                    }
                    Ok(Enqueued::Vanished)
                }
                DeletePlan::Replace {
                    drop,
                    base_updated_at,
                } => {
                    for i in drop {
                        delete_op(conn, ops[i].seq)?;
                    }
                    let draft = OpDraft {
                        kind: OpKind::Delete,
                        action: None,
                        payload: Fields::new(),
                        base: Fields::new(),
                        base_updated_at,
                    };
                    Ok(Enqueued::Op(insert_op(
                        conn,
                        tenant,
                        entity,
                        local_id,
                        &draft,
                        source,
                        new_id(),
                    )?))
                }
            }
        }
    }
}

/// Drops every unfinished op of a record that has not been sent (pending, failed, conflict).
/// Used when a record goes away with its parent.
pub(crate) fn drop_unsent_ops(
    conn: &Connection,
    tenant: &str,
    entity: Entity,
    local_id: &str,
) -> Result<()> {
    conn.prepare_cached(
        "DELETE FROM outbox WHERE tenant_id = ?1 AND entity = ?2 AND local_id = ?3 AND state IN ('pending', 'failed', 'conflict')",
    )?
    .execute(params![tenant, entity.as_str(), local_id])?;
    Ok(())
}

pub(crate) fn load_op(conn: &Connection, tenant: &str, op_id: &str) -> Result<OutboxOp> {
    let sql = format!("SELECT {OP_COLUMNS} FROM outbox WHERE tenant_id = ?1 AND op_id = ?2");
    let op = conn
        .prepare_cached(&sql)?
        .query_row(params![tenant, op_id], op_from_row)
        .optional()?
        .ok_or_else(|| ReplicaError::NotFound {
            entity: "outbox op",
            id: op_id.to_string(),
        })?;
    Ok(with_server_ids(conn, tenant, vec![op])?.remove(0))
}

pub(crate) fn set_state(
    conn: &Connection,
    tenant: &str,
    op_id: &str,
    state: OpState,
) -> Result<()> {
    conn.prepare_cached(
        "UPDATE outbox SET state = ?3, updated_at = ?4 WHERE tenant_id = ?1 AND op_id = ?2",
    )?
    .execute(params![tenant, op_id, state.as_str(), now_text()])?;
    Ok(())
}

/// Fills in each op's `server_id` and `label` from its record (hidden records included: a delete
/// needs them).
pub(crate) fn with_server_ids(
    conn: &Connection,
    tenant: &str,
    mut ops: Vec<OutboxOp>,
) -> Result<Vec<OutboxOp>> {
    for op in &mut ops {
        let label = op.entity.descriptor().label;
        let sql = format!(
            "SELECT t.server_id, {label} FROM {} t WHERE t.tenant_id = ?1 AND t.local_id = ?2",
            op.entity.descriptor().table
        );
        if let Some((server_id, label)) = conn
            .prepare_cached(&sql)?
            .query_row(params![tenant, op.local_id], |r| Ok((r.get(0)?, r.get(1)?)))
            .optional()?
        {
            op.server_id = server_id;
            op.label = label;
        }
    }
    Ok(ops)
}
