//! Push: the outbox in order per record (`ready_ops` gives the head op of each record whose
//! references have server ids), each op sent as `send` describes, its outcome recorded: done,
//! conflict parked, refused (kept for the user), or retried later with backoff.

use std::sync::Mutex;

use chrono::{DateTime, Duration, Utc};
use outpost_platform::{PlatformError, Session};
use outpost_replica::{Entity, OpKind, OutboxOp, Replica};

use crate::backoff::BackoffPolicy;
use crate::error::SyncError;
use crate::send::{can_send, send, Context, Outcome};

#[derive(Debug, Default, Clone, Copy, PartialEq, Eq)]
pub struct PushTally {
    pub pushed: u32,
    pub failed: u32,
    pub retrying: u32,
    pub conflicts: u32,
    pub skipped: u32,
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
            if !can_send(&op) {
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
            let (op, ctx) = {
                let r = replica.lock().expect("replica lock");
                let scope = r.tenant(tenant);
                let ctx = match op.entity {
                    // An occurrence is found by its series and date; a link by its entity
                    // (also when it is being deleted).
                    Entity::RecurrenceInstance | Entity::ContactLink => Context {
                        fields: scope
                            .get_for_sync(op.entity, &op.local_id)?
                            .fields
                            .as_object()
                            .cloned()
                            .unwrap_or_default(),
                        ..Context::default()
                    },
                    // A retried create of a record matched on its fields must not take over a
                    // server record another create from here already made.
                    Entity::Contact | Entity::Reminder
                        if op.kind == OpKind::Create && previous_attempts > 0 =>
                    {
                        Context {
                            claimed: scope
                                .server_ids_created_here(op.entity)?
                                .into_iter()
                                .collect(),
                            ..Context::default()
                        }
                    }
                    _ => Context::default(),
                };
                (scope.mark_in_flight(&op.op_id)?, ctx)
            };
            let result = send(session, &op, &ctx, me, previous_attempts > 0).await;
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
