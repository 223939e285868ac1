//! Push: the outbox in order per record (`ready_ops` gives the head op of each record whose
//! references have server ids), each op sent as `send` describes, its outcome recorded: done,
//! conflict parked, refused (kept for the user), or retried later with backoff.

use std::sync::Mutex;

use chrono::{DateTime, Duration, Utc};
use futures_util::{stream, StreamExt};
use outpost_platform::PlatformError;
use outpost_replica::{OutboxOp, Replica};

use crate::backoff::BackoffPolicy;
use crate::error::SyncError;
use crate::progress::{Phase, ProgressCell};
use crate::remote::Remote;
use crate::send::{can_send, matched_on_fields, send, Context, Outcome};

#[derive(Debug, Default, Clone, Copy, PartialEq, Eq)]
pub struct PushTally {
    pub pushed: u32,
    pub failed: u32,
    pub retrying: u32,
    pub conflicts: u32,
    pub skipped: u32,
}

/// How many records' ops are on the wire at once: enough to hide the round trips, few enough
/// not to crowd a rate-limited server.
pub const DEFAULT_CONCURRENCY: usize = 4;

/// What one op's send did to the tally.
enum Step {
    Pushed,
    Conflict,
    Retrying,
    Failed,
    /// The op or its record went while it waited in this run's batch (the user deleted the
    /// record, or its parent, meanwhile): nothing to send.
    Gone,
}

/// Sends every ready op of the tenant, up to `concurrency` records at a time (ops of one record
/// stay in order: `ready_ops` only ever offers a record's first unfinished op); returns what
/// happened. Stops early (with the error) when the session needs a new sign-in; ops cut off in
/// flight by that are checked for a lost create on their next attempt, like after a crash.
pub async fn push<R: Remote>(
    remote: &R,
    replica: &Mutex<Replica>,
    me: &str,
    policy: &BackoffPolicy,
    concurrency: usize,
    progress: &ProgressCell,
) -> Result<PushTally, SyncError> {
    // The replica's tenant is the remote's: a run reads and writes one tenant only.
    let tenant = remote.tenant();
    let mut tally = PushTally::default();
    let mut seen = std::collections::HashSet::new();
    let waiting = {
        let r = crate::hold(replica);
        let summary = r.tenant(tenant).outbox_summary()?;
        summary.pending + summary.in_flight
    };
    progress.phase(Phase::Sending, Some(waiting));
    loop {
        let ready: Vec<OutboxOp> = {
            let r = crate::hold(replica);
            r.tenant(tenant).ready_ops(Utc::now())?
        };
        let mut batch = Vec::new();
        for op in ready {
            if !can_send(&op) {
                if seen.insert(op.op_id.clone()) {
                    tally.skipped += 1;
                }
                continue;
            }
            // An op retried with backoff waits for a later run, not for this one's next round.
            if seen.insert(op.op_id.clone()) {
                batch.push(op);
            }
        }
        if batch.is_empty() {
            return Ok(tally);
        }
        // Retried creates found by their fields go one at a time, so two of them can never both
        // take the same server record for theirs.
        let (one_by_one, together): (Vec<_>, Vec<_>) =
            batch.into_iter().partition(matched_on_fields);
        for (ops, width) in [(one_by_one, 1), (together, concurrency.max(1))] {
            let mut steps = stream::iter(ops)
                .map(|op| push_one(remote, replica, me, policy, op))
                .buffer_unordered(width);
            while let Some(step) = steps.next().await {
                progress.advance(1);
                match step? {
                    Step::Pushed => tally.pushed += 1,
                    Step::Conflict => tally.conflicts += 1,
                    Step::Retrying => tally.retrying += 1,
                    Step::Failed => tally.failed += 1,
                    Step::Gone => {}
                }
            }
        }
    }
}

/// Whether recording an op's answer failed on the answer itself rather than on the storage.
fn unrecordable(e: &outpost_replica::ReplicaError) -> bool {
    use outpost_replica::ReplicaError as E;
    match e {
        E::ServerRecord { .. }
        | E::Invalid { .. }
        | E::InvalidState(_)
        | E::NotFound { .. }
        | E::Unsupported(_) => true,
        _ => e.is_constraint_violation(),
    }
}

/// Sends one op and records its outcome in the replica.
async fn push_one<R: Remote>(
    remote: &R,
    replica: &Mutex<Replica>,
    me: &str,
    policy: &BackoffPolicy,
    op: OutboxOp,
) -> Result<Step, SyncError> {
    let tenant = remote.tenant();
    let previous_attempts = op.attempts;
    let prepared = {
        let r = crate::hold(replica);
        prepare(&r.tenant(tenant), op)
    };
    let (op, ctx) = match prepared {
        Ok(ready) => ready,
        Err(outpost_replica::ReplicaError::NotFound { .. }) => return Ok(Step::Gone),
        Err(e) => return Err(e.into()),
    };
    let result = send(remote, &op, &ctx, me, previous_attempts > 0).await;
    let r = crate::hold(replica);
    let scope = r.tenant(tenant);
    Ok(match result {
        Ok(Outcome::Done(server)) => match scope.mark_done(&op.op_id, server.as_ref()) {
            Ok(()) => Step::Pushed,
            // What the server answered cannot be recorded here (its record breaks the schema,
            // or it clashes with what the replica holds): that op waits for the user with the
            // reason, and the rest of the outbox goes on. Anything else (the disk) stops the run.
            Err(e) if unrecordable(&e) => {
                let reason = format!("sent, but this computer cannot record the answer: {e}");
                scope.mark_failed(&op.op_id, &reason, None)?;
                Step::Failed
            }
            Err(e) => return Err(e.into()),
        },
        Ok(Outcome::Conflict(kind, remote, fields)) => {
            scope.park_conflict(&op.op_id, kind, remote.as_ref(), &fields)?;
            Step::Conflict
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
            // Checked: a retry time past what the clock can hold waits the longest a backoff
            // may (the policy's cap bounds `delay`; this keeps a bad value from panicking).
            let now = Utc::now();
            let at: DateTime<Utc> = Duration::from_std(delay)
                .ok()
                .and_then(|d| now.checked_add_signed(d))
                .unwrap_or(now + Duration::hours(1));
            scope.mark_failed(&op.op_id, &e.to_string(), Some(at))?;
            Step::Retrying
        }
        Err(e) => {
            // Refused (400/403/422...): kept for the user to edit, retry or discard.
            scope.mark_failed(&op.op_id, &e.to_string(), None)?;
            Step::Failed
        }
    })
}

/// Marks the op in flight with what `send` needs beyond it. Fails with NotFound when the op or
/// its record went since the batch was read.
fn prepare(
    scope: &outpost_replica::TenantScope<'_>,
    op: OutboxOp,
) -> Result<(OutboxOp, Context), outpost_replica::ReplicaError> {
    // The record's stored fields: a remote may address a record by them (an occurrence by its
    // series and date, a link by its user, space or resource, also when it is being deleted).
    let fields = scope
        .get_for_sync(op.entity, &op.local_id)?
        .fields
        .as_object()
        .cloned()
        .unwrap_or_default();
    // A retried create of a record matched on its fields must not take over a server record
    // another create from here already made.
    let claimed = if matched_on_fields(&op) {
        scope
            .server_ids_created_here(op.entity)?
            .into_iter()
            .collect()
    } else {
        Default::default()
    };
    let ctx = Context { fields, claimed };
    Ok((scope.mark_in_flight(&op.op_id)?, ctx))
}
