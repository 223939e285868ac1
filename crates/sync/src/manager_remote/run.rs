//! One sync run of a Manager account: recover ops a crash left in flight, push, pull the tree
//! (projects, then each one's tenants, applications, endpoints and triggers: the descriptors'
//! order), record the run; stopped where it is when cancelled. The frame of the platform's
//! `sync_tenant`, over the Manager's one scope.

use std::sync::Mutex;

use chrono::Utc;
use outpost_model::{Pull, RemoteKind, DESCRIPTORS};
use outpost_replica::{OpState, Replica, RunOutcome, RunReport, TenantScope};
use serde_json::json;

use super::{ManagerClient, ManagerRemote, MANAGER_SCOPE};
use crate::error::SyncError;
use crate::progress::Phase;
use crate::{pull, push, SyncOptions};

/// How long sent ops stay in the outbox, for the history (as for the platform).
const DONE_OPS_KEPT_DAYS: i64 = 30;

/// Runs push then pull against the Manager behind `client` and records the run in the
/// replica's `sync_runs` (scope [`MANAGER_SCOPE`]). An error that stops the run (offline, a
/// token the Manager no longer takes) is recorded too, then returned; a refused op is not one:
/// it waits in the outbox with the Manager's words, and the others go on.
pub async fn sync_manager(
    client: &ManagerClient,
    replica: &Mutex<Replica>,
    options: &SyncOptions,
) -> Result<RunReport, SyncError> {
    let run_id = {
        let r = crate::hold(replica);
        let scope = r.tenant(MANAGER_SCOPE);
        requeue_interrupted(&scope)?;
        scope.drop_orphaned_ops()?;
        scope.start_sync_run(&options.trigger)?
    };
    let remote = ManagerRemote::new(client.clone());
    let result = tokio::select! {
        biased;
        _ = options.cancel.cancelled() => Err(SyncError::Cancelled),
        result = run(&remote, replica, options) => result,
    };
    options.progress.set(None);
    if matches!(result, Err(SyncError::Cancelled)) {
        requeue_interrupted(&crate::hold(replica).tenant(MANAGER_SCOPE))?;
    }
    let (outcome, report) = match &result {
        Ok(report) if report.failed == 0 && report.conflicts == 0 => {
            (RunOutcome::Ok, report.clone())
        }
        Ok(report) => (RunOutcome::Partial, report.clone()),
        Err(e) => (
            RunOutcome::Failed,
            RunReport {
                error: Some(e.to_string()),
                details: Some(json!({ "code": e.code() })),
                ..RunReport::default()
            },
        ),
    };
    {
        let r = crate::hold(replica);
        let scope = r.tenant(MANAGER_SCOPE);
        scope.finish_sync_run(&run_id, outcome, &report)?;
        if result.is_ok() {
            scope.prune_done_ops(Utc::now() - chrono::Duration::days(DONE_OPS_KEPT_DAYS))?;
        }
    }
    result
}

/// An op still in flight was interrupted (crash, kill, cancel): it may or may not have reached
/// the Manager, so it goes again, at once, through the lost-create check.
fn requeue_interrupted(scope: &TenantScope<'_>) -> Result<(), SyncError> {
    for op in scope.outbox(&[OpState::InFlight])? {
        scope.mark_failed(
            &op.op_id,
            "interrupted; checking whether the Manager got it",
            Some(Utc::now()),
        )?;
    }
    Ok(())
}

async fn run(
    remote: &ManagerRemote,
    replica: &Mutex<Replica>,
    options: &SyncOptions,
) -> Result<RunReport, SyncError> {
    let started = std::time::Instant::now();
    // Also the first proof that the token is taken: a refused one stops the run here.
    let me = remote.me().await?;
    let pushed = push::push(
        remote,
        replica,
        &me,
        &options.backoff,
        options.push_concurrency,
        &options.progress,
    )
    .await?;
    let push_ms = started.elapsed().as_millis() as u64;
    let mut listed = pull::PullTally::default();
    for d in DESCRIPTORS
        .iter()
        .filter(|d| d.remote == RemoteKind::Manager)
    {
        let t = d.record_type;
        options.progress.phase(Phase::Receiving(t), None);
        let tally = match d.pull {
            Pull::Listing => pull::pull_listing(remote, replica, t, &me, &options.progress).await?,
            Pull::UnderEach(parent) => pull::pull_under(remote, replica, t, parent, &me).await?,
            Pull::CalendarFamily | Pull::UnderDirectory => continue,
        };
        listed.add(tally);
    }
    let pull_ms = started.elapsed().as_millis() as u64 - push_ms;
    Ok(RunReport {
        pulled: listed.pulled,
        pushed: pushed.pushed,
        skipped: pushed.skipped,
        failed: pushed.failed + pushed.retrying,
        conflicts: pushed.conflicts + listed.conflicts,
        error: None,
        details: Some(json!({
            "retrying": pushed.retrying,
            "deletedRemotely": listed.deleted,
            "listingMoved": listed.inconsistent,
            "notReadable": listed.not_readable,
            "millis": { "push": push_ms, "listings": pull_ms },
        })),
    })
}
