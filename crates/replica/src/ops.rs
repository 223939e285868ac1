//! The sync engine's side of the outbox: what to send next, and what happened to it.

use chrono::{DateTime, Utc};
use rusqlite::{params, Connection};
use serde::Serialize;
use serde_json::Value;

use crate::edits;
use crate::entity::{references_of, Entity};
use crate::error::{ReplicaError, Result};
use crate::outbox::{self, op_from_row, OpKind, OpState, OutboxOp, OP_COLUMNS};
use crate::record;
use crate::scope::TenantScope;
use crate::sync_apply::map_server_id;
use crate::util::{now_text, parse_json_object, time_text, Fields};
use crate::wire::{request_shape, server_id, server_updated_at};

/// Queue depth per state, for the sync center.
#[derive(Debug, Clone, Default, PartialEq, Eq, Serialize, ts_rs::TS)]
#[serde(rename_all = "camelCase")]
pub struct OutboxSummary {
    /// Waiting to be sent, including ops that retry by themselves after a transient error
    /// (offline, 5xx, 429, an interrupted run).
    pub pending: u32,
    pub in_flight: u32,
    /// Refused by the server, waiting for the user to edit, retry or discard.
    pub failed: u32,
    pub conflict: u32,
}

impl TenantScope<'_> {
    /// Unfinished ops (every state but done) in queue order; `states` narrows the list.
    pub fn outbox(&self, states: &[OpState]) -> Result<Vec<OutboxOp>> {
        let sql = format!(
            "SELECT {OP_COLUMNS} FROM outbox WHERE tenant_id = ?1 AND state != 'done' ORDER BY seq"
        );
        let mut stmt = self.conn.prepare_cached(&sql)?;
        let ops = stmt
            .query_map([&self.tenant], op_from_row)?
            .collect::<rusqlite::Result<Vec<_>>>()?;
        let ops = ops
            .into_iter()
            .filter(|op| states.is_empty() || states.contains(&op.state))
            .collect();
        outbox::with_server_ids(self.conn, &self.tenant, ops)
    }

    pub fn outbox_summary(&self) -> Result<OutboxSummary> {
        let mut stmt = self
            .conn
            .prepare_cached(
                "SELECT CASE WHEN state = 'failed' AND next_attempt_at IS NOT NULL THEN 'pending' ELSE state END AS s, COUNT(*)
                 FROM outbox WHERE tenant_id = ?1 AND state != 'done' GROUP BY s",
            )?;
        let mut summary = OutboxSummary::default();
        for row in stmt.query_map([&self.tenant], |r| {
            Ok((r.get::<_, String>(0)?, r.get::<_, u32>(1)?))
        })? {
            let (state, n) = row?;
            match state.as_str() {
                "pending" => summary.pending = n,
                "in_flight" => summary.in_flight = n,
                "failed" => summary.failed = n,
                "conflict" => summary.conflict = n,
                _ => {}
            }
        }
        Ok(summary)
    }

    /// A record by its local id even when it is deleted here and the delete waits to be sent:
    /// the sync engine needs its fields to address the request (a contact link's entity).
    pub fn get_for_sync(&self, entity: Entity, local_id: &str) -> Result<crate::Record> {
        let row = record::load(self.conn, &self.tenant, entity, local_id)?.ok_or_else(|| {
            ReplicaError::NotFound {
                entity: entity.as_str(),
                id: local_id.to_string(),
            }
        })?;
        record::to_record(self.conn, &self.tenant, entity, row)
    }

    /// The unfinished ops of one record, in the order they must be sent.
    pub fn ops_for_record(&self, entity: Entity, local_id: &str) -> Result<Vec<OutboxOp>> {
        self.ops_for_record_in(self.conn, entity, local_id)
    }

    pub(crate) fn ops_for_record_in(
        &self,
        conn: &Connection,
        entity: Entity,
        local_id: &str,
    ) -> Result<Vec<OutboxOp>> {
        let sql = format!(
            "SELECT {OP_COLUMNS} FROM outbox WHERE tenant_id = ?1 AND entity = ?2 AND local_id = ?3 AND state != 'done' ORDER BY seq"
        );
        let mut stmt = conn.prepare_cached(&sql)?;
        let ops = stmt.query_map(params![self.tenant, entity.as_str(), local_id], op_from_row)?;
        outbox::with_server_ids(
            conn,
            &self.tenant,
            ops.collect::<rusqlite::Result<Vec<_>>>()?,
        )
    }

    /// The ops that can be sent now: the first unfinished op of each record, when it is pending
    /// (or failed with a retry time that has come), and every record it references already has
    /// its server id. Independent records' ops may go concurrently.
    pub fn ready_ops(&self, now: DateTime<Utc>) -> Result<Vec<OutboxOp>> {
        let sql = format!(
            "SELECT {OP_COLUMNS} FROM outbox o WHERE o.tenant_id = ?1
               AND (o.state = 'pending' OR (o.state = 'failed' AND o.next_attempt_at IS NOT NULL AND o.next_attempt_at <= ?2))
               AND NOT EXISTS (SELECT 1 FROM outbox p WHERE p.tenant_id = o.tenant_id AND p.entity = o.entity
                               AND p.local_id = o.local_id AND p.state != 'done' AND p.seq < o.seq)
             ORDER BY o.seq"
        );
        let mut stmt = self.conn.prepare_cached(&sql)?;
        let ops = stmt
            .query_map(params![self.tenant, time_text(now)], op_from_row)?
            .collect::<rusqlite::Result<Vec<_>>>()?;
        let mut ready = Vec::with_capacity(ops.len());
        for op in ops {
            if !self.waits_for_parent(&op)? {
                ready.push(op);
            }
        }
        outbox::with_server_ids(self.conn, &self.tenant, ready)
    }

    /// Whether the op names a record (by local id) that the server does not know yet.
    fn waits_for_parent(&self, op: &OutboxOp) -> Result<bool> {
        let mut fields = record::load(self.conn, &self.tenant, op.entity, &op.local_id)?
            .map(|r| r.fields)
            .unwrap_or_default();
        if let Value::Object(payload) = &op.payload {
            fields.extend(payload.clone());
        }
        for r in references_of(op.entity) {
            let Some(id) = fields.get(r.json_key).and_then(Value::as_str) else {
                continue;
            };
            if let Some(parent) = record::load(self.conn, &self.tenant, r.parent, id)? {
                if parent.server_id.is_none() {
                    return Ok(true);
                }
            }
        }
        Ok(false)
    }

    fn op_in(&self, conn: &Connection, op_id: &str, allowed: &[OpState]) -> Result<OutboxOp> {
        let op = outbox::load_op(conn, &self.tenant, op_id)?;
        if !allowed.contains(&op.state) {
            return Err(ReplicaError::InvalidState(format!(
                "op {op_id} is {}, not {}",
                op.state.as_str(),
                allowed
                    .iter()
                    .map(|s| s.as_str())
                    .collect::<Vec<_>>()
                    .join(" or ")
            )));
        }
        Ok(op)
    }

    /// The engine is sending this op now.
    pub fn mark_in_flight(&self, op_id: &str) -> Result<OutboxOp> {
        self.in_tx(|tx| {
            self.op_in(tx, op_id, &[OpState::Pending, OpState::Failed])?;
            tx.prepare_cached(
                "UPDATE outbox SET state = 'in_flight', attempts = attempts + 1, updated_at = ?3 WHERE tenant_id = ?1 AND op_id = ?2",
            )?
            .execute(params![self.tenant, op_id, now_text()])?;
            outbox::load_op(tx, &self.tenant, op_id)
        })
    }

    /// The op failed. With `retry_at` it is retried from then on (transient errors); without,
    /// it waits for the user to retry or discard it (the server refused it).
    pub fn mark_failed(
        &self,
        op_id: &str,
        error: &str,
        retry_at: Option<DateTime<Utc>>,
    ) -> Result<()> {
        self.in_tx(|tx| {
            self.op_in(tx, op_id, &[OpState::Pending, OpState::InFlight, OpState::Failed])?;
            tx.prepare_cached(
                "UPDATE outbox SET state = 'failed', last_error = ?3, next_attempt_at = ?4, updated_at = ?5 WHERE tenant_id = ?1 AND op_id = ?2",
            )?
            .execute(params![self.tenant, op_id, error, retry_at.map(time_text), now_text()])?;
            Ok(())
        })
    }

    /// Drops the unfinished ops whose record is no longer here, and closes their conflicts;
    /// returns how many went. A record goes for good only with a parent deleted here (or on the
    /// server), and a parent's delete already drops its children's unsent ops. An op that was
    /// in flight at that moment (a sync killed mid-send, or one still on the wire) escapes that
    /// and would otherwise name a missing row on every later run. What it asked for is moot:
    /// the platform takes a deleted parent's records with it. Ops in flight now are left to
    /// the run sending them; call this when none is (at the start of a run).
    pub fn drop_orphaned_ops(&self) -> Result<usize> {
        self.in_tx(|tx| {
            let mut dropped = 0;
            for entity in Entity::ALL {
                let orphans = format!(
                    "SELECT op_id FROM outbox o WHERE o.tenant_id = ?1 AND o.entity = ?2
                       AND o.state IN ('pending', 'failed', 'conflict')
                       AND NOT EXISTS (SELECT 1 FROM {} r WHERE r.tenant_id = o.tenant_id AND r.local_id = o.local_id)",
                    entity.descriptor().table
                );
                let ids = tx
                    .prepare_cached(&orphans)?
                    .query_map(params![self.tenant, entity.as_str()], |r| {
                        r.get::<_, String>(0)
                    })?
                    .collect::<rusqlite::Result<Vec<_>>>()?;
                for op_id in ids {
                    tx.prepare_cached(
                        "UPDATE conflicts SET state = 'resolved', resolution = '\"discarded\"', resolved_at = ?3
                         WHERE tenant_id = ?1 AND op_id = ?2 AND state = 'open'",
                    )?
                    .execute(params![self.tenant, op_id, now_text()])?;
                    tx.prepare_cached("DELETE FROM outbox WHERE tenant_id = ?1 AND op_id = ?2")?
                        .execute(params![self.tenant, op_id])?;
                    dropped += 1;
                }
            }
            Ok(dropped)
        })
    }

    /// The user asks to send a failed op again.
    pub fn retry_op(&self, op_id: &str) -> Result<()> {
        self.in_tx(|tx| {
            self.op_in(tx, op_id, &[OpState::Failed])?;
            tx.prepare_cached(
                "UPDATE outbox SET state = 'pending', next_attempt_at = NULL, updated_at = ?3 WHERE tenant_id = ?1 AND op_id = ?2",
            )?
            .execute(params![self.tenant, op_id, now_text()])?;
            Ok(())
        })
    }

    /// Sets the server id of a record created here (e.g. found by its op id after a lost
    /// response) and rewrites whatever names it by its local id.
    pub fn map_server_id(&self, entity: Entity, local_id: &str, server_id: &str) -> Result<()> {
        self.in_tx(|tx| map_server_id(tx, &self.tenant, entity, local_id, server_id))
    }

    /// The server applied the op. `server` is the record the server answered with (required for
    /// a create; None for a delete or when the response had no body).
    pub fn mark_done(&self, op_id: &str, server: Option<&Value>) -> Result<()> {
        self.in_tx(|tx| {
            let op = self.op_in(
                tx,
                op_id,
                &[
                    OpState::Pending,
                    OpState::InFlight,
                    OpState::Failed,
                    OpState::Conflict,
                ],
            )?;
            outbox::set_state(tx, &self.tenant, op_id, OpState::Done)?;
            if op.kind == OpKind::Delete {
                for (child, child_id) in
                    record::dependents(tx, &self.tenant, op.entity, &op.local_id)?
                {
                    outbox::drop_unsent_ops(tx, &self.tenant, child, &child_id)?;
                }
                return record::remove(tx, &self.tenant, op.entity, &op.local_id);
            }
            if op.action.as_deref() == Some("respond") {
                // `respond` answers with the participant, not the entry.
                if let Some(participant) = server {
                    crate::sync_apply::upsert_participant(tx, &self.tenant, participant)?;
                }
                return Ok(());
            }
            let Some(server) = server else {
                if op.kind == OpKind::Create {
                    return Err(ReplicaError::InvalidState(
                        "a create is done only with the server's record".into(),
                    ));
                }
                return Ok(());
            };
            let Some(mut row) = record::load(tx, &self.tenant, op.entity, &op.local_id)? else {
                return Ok(());
            };
            // A create gets its server id here. A contact link changes id too when its primary
            // flag is pushed (the platform has no PATCH for links: unlink, then link again).
            let id = server_id(server);
            // The answer is checked like a pulled record: one that breaks the schema is refused
            // by name, and nothing of it is stored.
            let shown_id = id.or(row.server_id.as_deref()).unwrap_or_default();
            crate::server_types::check(op.entity, shown_id, &request_shape(op.entity, server))?;
            if row.server_id.is_none() && id.is_none() {
                return Err(ReplicaError::invalid("id", "the server's record has no id"));
            }
            if let Some(id) = id.filter(|id| row.server_id.as_deref() != Some(*id)) {
                map_server_id(tx, &self.tenant, op.entity, &op.local_id, id)?;
                row.server_id = Some(id.to_string());
            }
            let remote = request_shape(op.entity, server);
            let remote = with_identity(op.entity, &row.fields, remote);
            let updated_at = server_updated_at(server).map(str::to_string);
            row.fields = match record::has_open_ops(tx, &self.tenant, op.entity, &op.local_id)? {
                true => row.fields,
                false => remote.clone(),
            };
            row.base = Some(remote.clone());
            row.base_updated_at = updated_at.clone();
            record::update(tx, &self.tenant, op.entity, &row, &now_text())?;
            rebase_later_ops(
                tx,
                &self.tenant,
                op.entity,
                &op.local_id,
                &remote,
                updated_at.as_deref(),
            )
        })
    }

    /// Drops an op the user gives up on and puts the record back to its server state: a
    /// discarded create removes the record, a discarded delete brings it back.
    pub fn discard_op(&self, op_id: &str) -> Result<()> {
        self.in_tx(|tx| {
            let op = self.op_in(tx, op_id, &[OpState::Pending, OpState::Failed, OpState::Conflict])?;
            tx.prepare_cached("DELETE FROM outbox WHERE tenant_id = ?1 AND op_id = ?2")?
                .execute(params![self.tenant, op_id])?;
            tx.prepare_cached(
                "UPDATE conflicts SET state = 'resolved', resolution = '\"discarded\"', resolved_at = ?3
                 WHERE tenant_id = ?1 AND op_id = ?2 AND state = 'open'",
            )?
            .execute(params![self.tenant, op_id, now_text()])?;
            let Some(mut row) = record::load(tx, &self.tenant, op.entity, &op.local_id)? else {
                return Ok(());
            };
            match op.kind {
                OpKind::Create => {
                    for (child, child_id) in record::dependents(tx, &self.tenant, op.entity, &op.local_id)? {
                        outbox::drop_unsent_ops(tx, &self.tenant, child, &child_id)?;
                    }
                    outbox::drop_unsent_ops(tx, &self.tenant, op.entity, &op.local_id)?;
                    return record::remove(tx, &self.tenant, op.entity, &op.local_id);
                }
                OpKind::Update | OpKind::Action => {
                    let remaining = self.ops_for_record_in(tx, op.entity, &op.local_id)?;
                    // What to go back to: the server's version, or for a record the server
                    // has not confirmed yet, what its create sends.
                    let base = match (&row.base, remaining.iter().find(|o| o.kind == OpKind::Create)) {
                        (Some(base), _) => base.clone(),
                        (None, Some(create)) => create.payload.as_object().cloned().unwrap_or_default(),
                        (None, None) => {
                            // Never on the server and nothing else queued (a local override of
                            // an occurrence): nothing is left of it.
                            if remaining.is_empty() {
                                return record::remove(tx, &self.tenant, op.entity, &op.local_id);
                            }
                            return Ok(());
                        }
                    };
                    // Fields a later op changes again keep their newer local value.
                    let later: Vec<String> = remaining
                        .into_iter()
                        .filter(|o| o.seq > op.seq)
                        .filter_map(|o| o.payload.as_object().map(|p| p.keys().cloned().collect::<Vec<_>>()))
                        .flatten()
                        .collect();
                    if let Value::Object(payload) = &op.payload {
                        for key in payload.keys().filter(|k| !later.contains(k)) {
                            match base.get(key) {
                                Some(v) => row.fields.insert(key.clone(), v.clone()),
                                None => row.fields.remove(key),
                            };
                        }
                    }
                    if op.action.as_deref() == Some("respond") {
                        revert_response(tx, &self.tenant, &op.local_id)?;
                    }
                }
                OpKind::Delete => {
                    row.deleted_locally = false;
                    if let Some(base) = &row.base {
                        row.fields = base.clone();
                    }
                    edits::unhide_dependents(tx, &self.tenant, op.entity, &op.local_id)?;
                }
            }
            record::update(tx, &self.tenant, op.entity, &row, &now_text())
        })
    }

    /// Forgets done ops older than `before` (they only serve the sync center's history).
    pub fn prune_done_ops(&self, before: DateTime<Utc>) -> Result<usize> {
        Ok(self
            .conn
            .prepare_cached(
                "DELETE FROM outbox WHERE tenant_id = ?1 AND state = 'done' AND updated_at < ?2",
            )?
            .execute(params![self.tenant, time_text(before)])?)
    }
}

/// Keys that identify a record locally but are not part of the server's request shape for it
/// (an instance's series and date) survive a refresh from the server.
pub(crate) fn with_identity(entity: Entity, local: &Fields, mut remote: Fields) -> Fields {
    if entity == Entity::RecurrenceInstance {
        for key in ["recurrenceMasterId", "calendarId", "instanceDate"] {
            if let (Some(v), false) = (local.get(key), remote.contains_key(key)) {
                remote.insert(key.to_string(), v.clone());
            }
        }
    }
    remote
}

/// After the server applied one op, the record's later ops are based on the server's new state.
pub(crate) fn rebase_later_ops(
    conn: &Connection,
    tenant: &str,
    entity: Entity,
    local_id: &str,
    remote: &Fields,
    updated_at: Option<&str>,
) -> Result<()> {
    let mut stmt = conn.prepare_cached(
        "SELECT seq, base FROM outbox WHERE tenant_id = ?1 AND entity = ?2 AND local_id = ?3 AND state IN ('pending', 'failed')",
    )?;
    let later: Vec<(i64, Option<String>)> = stmt
        .query_map(params![tenant, entity.as_str(), local_id], |r| {
            Ok((r.get(0)?, r.get(1)?))
        })?
        .collect::<rusqlite::Result<_>>()?;
    for (seq, base) in later {
        let base = match base {
            Some(text) => {
                let mut base = parse_json_object(&text)?;
                for (k, v) in base.iter_mut() {
                    *v = remote.get(k).cloned().unwrap_or(Value::Null);
                }
                Some(serde_json::to_string(&base)?)
            }
            None => None,
        };
        conn.prepare_cached("UPDATE outbox SET base = ?2, base_updated_at = ?3 WHERE seq = ?1")?
            .execute(params![seq, base, updated_at])?;
    }
    Ok(())
}

/// A discarded response goes back to what the server last said (or away, if it was local only).
fn revert_response(conn: &Connection, tenant: &str, entry_id: &str) -> Result<()> {
    conn.prepare_cached(
        "DELETE FROM participants WHERE tenant_id = ?1 AND entry_id = ?2 AND server_id IS NULL",
    )?
    .execute(params![tenant, entry_id])?;
    conn.prepare_cached(
        "UPDATE participants SET response_status = COALESCE(json_extract(raw, '$.responseStatus'), response_status)
         WHERE tenant_id = ?1 AND entry_id = ?2",
    )?
    .execute(params![tenant, entry_id])?;
    Ok(())
}
