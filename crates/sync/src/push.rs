//! Push: the outbox in order per record. Before an update or delete the record is read: if the
//! server's `updated_at` is still the base, only the changed fields go; if not, the change is
//! merged field by field against the base, and a field changed on both sides to different values
//! parks a conflict. A create whose answer was lost may have happened: before sending it again,
//! the server is searched for it.

use std::sync::Mutex;

use chrono::{DateTime, Duration, Utc};
use outpost_platform::{PlatformError, Session};
use outpost_replica::merge::three_way;
use outpost_replica::wire::request_shape;
use outpost_replica::{ConflictKind, Entity, Fields, OpKind, OutboxOp, Replica};
use serde_json::Value;

use crate::backoff::BackoffPolicy;
use crate::contacts;
use crate::error::SyncError;

#[derive(Debug, Default, Clone, Copy, PartialEq, Eq)]
pub struct PushTally {
    pub pushed: u32,
    pub failed: u32,
    pub retrying: u32,
    pub conflicts: u32,
    pub skipped: u32,
}

enum Outcome {
    Done(Option<Value>),
    Conflict(ConflictKind, Option<Value>, Vec<String>),
}

fn fields(v: Option<&Value>) -> Fields {
    v.and_then(Value::as_object).cloned().unwrap_or_default()
}

/// Sends every ready op of the tenant; returns what happened. Stops early (with the error) when
/// the session needs a new sign-in.
pub async fn push(
    session: &Session,
    replica: &Mutex<Replica>,
    tenant: &str,
    me: &str,
    policy: &BackoffPolicy,
) -> Result<PushTally, SyncError> {
    let mut tally = PushTally::default();
    let mut seen = std::collections::HashSet::new();
    loop {
        let ready: Vec<OutboxOp> = {
            let r = replica.lock().expect("replica lock");
            r.tenant(tenant).ready_ops(Utc::now())?
        };
        let mut progressed = false;
        for op in ready {
            if op.entity != Entity::Contact || op.kind == OpKind::Action {
                if seen.insert(op.op_id.clone()) {
                    tally.skipped += 1;
                }
                continue;
            }
            if !seen.insert(op.op_id.clone()) {
                continue;
            }
            progressed = true;
            let previous_attempts = op.attempts;
            let op = {
                let r = replica.lock().expect("replica lock");
                r.tenant(tenant).mark_in_flight(&op.op_id)?
            };
            let result = send(session, &op, me, previous_attempts > 0).await;
            let r = replica.lock().expect("replica lock");
            let scope = r.tenant(tenant);
            match result {
                Ok(Outcome::Done(server)) => {
                    scope.mark_done(&op.op_id, server.as_ref())?;
                    tally.pushed += 1;
                }
                Ok(Outcome::Conflict(kind, remote, fields)) => {
                    scope.park_conflict(&op.op_id, kind, remote.as_ref(), &fields)?;
                    tally.conflicts += 1;
                }
                Err(PlatformError::SignInRequired { reason }) => {
                    // The op was not applied; it waits for the next run, untouched.
                    scope.mark_failed(&op.op_id, "waiting for a new sign-in", Some(Utc::now()))?;
                    return Err(PlatformError::SignInRequired { reason }.into());
                }
                Err(e) if e.is_transient() => {
                    let delay = policy
                        .delay(op.attempts as u32, e.retry_after(), &mut rand::rng())
                        .unwrap_or(policy.cap);
                    let at: DateTime<Utc> =
                        Utc::now() + Duration::from_std(delay).unwrap_or(Duration::seconds(60));
                    scope.mark_failed(&op.op_id, &e.to_string(), Some(at))?;
                    tally.retrying += 1;
                }
                Err(e) => {
                    // Refused (400/403/422...): kept for the user to edit, retry or discard.
                    scope.mark_failed(&op.op_id, &e.to_string(), None)?;
                    tally.failed += 1;
                }
            }
        }
        if !progressed {
            return Ok(tally);
        }
    }
}

async fn send(
    session: &Session,
    op: &OutboxOp,
    me: &str,
    maybe_applied: bool,
) -> Result<Outcome, PlatformError> {
    match op.kind {
        OpKind::Create => {
            if maybe_applied {
                if let Some(found) = find_lost_create(session, op, me).await? {
                    return Ok(Outcome::Done(Some(found)));
                }
            }
            let created = contacts::create(session, &contacts::body(&op.payload)).await?;
            Ok(Outcome::Done(Some(created)))
        }
        OpKind::Update => {
            let id = server_id(op)?;
            let Some(remote) = contacts::get(session, id).await? else {
                return Ok(Outcome::Conflict(
                    ConflictKind::EditVsRemoteDelete,
                    None,
                    Vec::new(),
                ));
            };
            let to_send = if remote_unchanged(op, &remote) {
                fields(Some(&op.payload))
            } else {
                let merge = three_way(
                    &fields(op.base.as_ref()),
                    &fields(Some(&op.payload)),
                    &request_shape(Entity::Contact, &remote),
                );
                if !merge.conflicts.is_empty() {
                    return Ok(Outcome::Conflict(
                        ConflictKind::EditEdit,
                        Some(remote),
                        merge.conflicts,
                    ));
                }
                merge.to_send
            };
            if to_send.is_empty() {
                return Ok(Outcome::Done(Some(remote)));
            }
            match contacts::patch(session, id, &Value::Object(to_send)).await {
                Ok(updated) => Ok(Outcome::Done(Some(updated))),
                Err(e) if e.status() == Some(404) => Ok(Outcome::Conflict(
                    ConflictKind::EditVsRemoteDelete,
                    None,
                    Vec::new(),
                )),
                Err(e) => Err(e),
            }
        }
        OpKind::Delete => {
            let id = server_id(op)?;
            let Some(remote) = contacts::get(session, id).await? else {
                return Ok(Outcome::Done(None));
            };
            if !remote_unchanged(op, &remote) {
                return Ok(Outcome::Conflict(
                    ConflictKind::DeleteVsRemoteEdit,
                    Some(remote),
                    Vec::new(),
                ));
            }
            contacts::delete(session, id).await?;
            Ok(Outcome::Done(None))
        }
        OpKind::Action => unreachable!("contacts have no actions; filtered by the caller"),
    }
}

fn server_id(op: &OutboxOp) -> Result<&str, PlatformError> {
    op.server_id
        .as_deref()
        .ok_or_else(|| PlatformError::Schema {
            what: format!("op {}", op.op_id),
            reason: "an update or delete of a record the server never knew".into(),
        })
}

fn remote_unchanged(op: &OutboxOp, remote: &Value) -> bool {
    let remote_at = remote.get("updated_at").and_then(Value::as_str);
    remote_at.is_some() && remote_at == op.base_updated_at.as_deref()
}

/// Contacts have no metadata to carry the op id, so a create that may have happened is found by
/// its fields, its creator, and a creation time after the op was queued.
async fn find_lost_create(
    session: &Session,
    op: &OutboxOp,
    me: &str,
) -> Result<Option<Value>, PlatformError> {
    let wanted = fields(Some(&op.payload));
    let queued = DateTime::parse_from_rfc3339(&op.created_at)
        .map(|t| t.with_timezone(&Utc) - Duration::minutes(5))
        .unwrap_or(DateTime::<Utc>::MIN_UTC);
    let mut offset = 0;
    loop {
        let (rows, total) = contacts::page(session, offset, contacts::PAGE).await?;
        for row in &rows {
            let by_me = row.get("created_by").and_then(Value::as_str) == Some(me);
            let after = row
                .get("created_at")
                .and_then(Value::as_str)
                .and_then(|t| DateTime::parse_from_rfc3339(t).ok())
                .is_some_and(|t| t.with_timezone(&Utc) >= queued);
            if by_me && after {
                let shape = request_shape(Entity::Contact, row);
                let same = wanted
                    .iter()
                    .all(|(k, v)| shape.get(k).unwrap_or(&Value::Null) == v);
                if same {
                    return Ok(Some(row.clone()));
                }
            }
        }
        offset += rows.len();
        if rows.is_empty() || offset >= total {
            return Ok(None);
        }
    }
}
