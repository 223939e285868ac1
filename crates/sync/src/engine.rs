//! One sync run of one tenant: recover ops a crash left in flight, push, pull, record the run;
//! stopped where it is when cancelled.

use std::sync::Mutex;

use chrono::Utc;
use outpost_platform::Session;

use crate::platform_remote::PlatformRemote;
use crate::remote::Remote;
use outpost_model::{Pull, DESCRIPTORS};
use outpost_replica::{OpState, Replica, RunOutcome, RunReport, TenantScope};
use serde_json::json;
use tokio_util::sync::CancellationToken;

use crate::backoff::BackoffPolicy;
use crate::error::SyncError;
use crate::platform_remote::pull_audit::pull_audit_log;
use crate::platform_remote::pull_calendar::{pull_calendars, EntryWindow};
use crate::platform_remote::pull_directory::pull_directory;
use crate::platform_remote::pull_tenant::pull_tenant_reads;
use crate::progress::{Phase, ProgressCell};
use crate::{pull, push};

#[derive(Debug, Clone)]
pub struct SyncOptions {
    /// Why the run started: manual, timer, reconnect.
    pub trigger: String,
    pub backoff: BackoffPolicy,
    /// Which entries are kept locally, around today.
    pub entry_window: EntryWindow,
    /// How many records' ops are sent at once.
    pub push_concurrency: usize,
    /// Stops the run where it is: ops cut off in flight are checked for a lost create when they
    /// go again, as after a crash.
    pub cancel: CancellationToken,
    /// Where the run is, for whoever shows it; cleared when the run ends.
    pub progress: ProgressCell,
}

impl Default for SyncOptions {
    fn default() -> Self {
        Self {
            trigger: "manual".into(),
            backoff: BackoffPolicy::default(),
            entry_window: EntryWindow::default(),
            push_concurrency: push::DEFAULT_CONCURRENCY,
            cancel: CancellationToken::new(),
            progress: ProgressCell::default(),
        }
    }
}

/// Runs push then pull for `tenant` and records the run. An error that stops the run (offline,
/// sign-in needed) is recorded too, then returned.
pub async fn sync_tenant(
    session: &Session,
    replica: &Mutex<Replica>,
    tenant: &str,
    options: &SyncOptions,
) -> Result<RunReport, SyncError> {
    let run_id = {
        let r = crate::hold(replica);
        let scope = r.tenant(tenant);
        requeue_interrupted(&scope)?;
        scope.drop_orphaned_ops()?;
        scope.start_sync_run(&options.trigger)?
    };
    // Every request of the run carries the run's tenant, whatever the session's current tenant
    // becomes meanwhile (the user may switch tenant in the window during a run).
    let remote = PlatformRemote::new(session.in_tenant(tenant));
    let result = tokio::select! {
        biased;
        _ = options.cancel.cancelled() => Err(SyncError::Cancelled),
        result = run(&remote, replica, tenant, options) => result,
    };
    options.progress.set(None);
    if matches!(result, Err(SyncError::Cancelled)) {
        requeue_interrupted(&crate::hold(replica).tenant(tenant))?;
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
                // The code lets the sync center tell "offline" from "sign in again".
                details: Some(json!({ "code": e.code() })),
                ..RunReport::default()
            },
        ),
    };
    {
        let r = crate::hold(replica);
        let scope = r.tenant(tenant);
        scope.finish_sync_run(&run_id, outcome, &report)?;
        if result.is_ok() {
            // Sent ops are kept a while for the history (and so a retried create can tell a
            // record made here from one pulled in), then forgotten: the outbox does not grow
            // for ever.
            scope.prune_done_ops(Utc::now() - chrono::Duration::days(DONE_OPS_KEPT_DAYS))?;
        }
    }
    result
}

/// How long sent ops stay in the outbox.
const DONE_OPS_KEPT_DAYS: i64 = 30;

/// An op still in flight was interrupted (crash, kill, cancel): it may or may not have reached
/// the server, so it goes again, at once, through the lost-create check.
fn requeue_interrupted(scope: &TenantScope<'_>) -> Result<(), SyncError> {
    for op in scope.outbox(&[OpState::InFlight])? {
        scope.mark_failed(
            &op.op_id,
            "interrupted; checking whether the server got it",
            Some(Utc::now()),
        )?;
    }
    Ok(())
}

async fn run(
    remote: &PlatformRemote<'_>,
    replica: &Mutex<Replica>,
    tenant: &str,
    options: &SyncOptions,
) -> Result<RunReport, SyncError> {
    let clock = std::time::Instant::now();
    let lap = |since: &mut std::time::Instant| {
        let ms = since.elapsed().as_millis() as u64;
        *since = std::time::Instant::now();
        ms
    };
    let mut since = clock;
    let session = remote.http();
    let me = session.me().await?.user.id;
    let pushed = push::push(
        remote,
        replica,
        &me,
        &options.backoff,
        options.push_concurrency,
        &options.progress,
    )
    .await?;
    let push_ms = lap(&mut since);
    // Every record type of this remote pulled as a listing, or under each record of another
    // type: declared in its descriptor, pulled by one function, parents first (declaration
    // order).
    let mut listed = pull::PullTally::default();
    for d in DESCRIPTORS.iter().filter(|d| d.remote == remote.kind()) {
        let t = d.record_type;
        let tally = match d.pull {
            Pull::Listing => {
                options.progress.phase(Phase::Receiving(t), None);
                pull::pull_listing(remote, replica, t, &me, &options.progress).await?
            }
            Pull::UnderEach(parent) => {
                options.progress.phase(Phase::Receiving(t), None);
                pull::pull_under(remote, replica, t, parent, &me).await?
            }
            Pull::CalendarFamily | Pull::UnderDirectory => continue,
        };
        listed.add(tally);
    }
    // The tenant's administration is readable while the tenant is suspended, its data not.
    pull_tenant_reads(session, replica).await?;
    pull_audit_log(session, replica).await?;
    let listings_ms = lap(&mut since);
    options.progress.phase(Phase::Calendars, None);
    let calendars = pull_calendars(session, replica, tenant, options.entry_window).await?;
    let calendars_ms = lap(&mut since);
    options.progress.phase(Phase::Directory, None);
    let directory = pull_directory(session, replica, tenant).await?;
    let directory_ms = lap(&mut since);
    Ok(RunReport {
        pulled: listed.pulled + calendars.pulled + directory.pulled,
        pushed: pushed.pushed,
        skipped: pushed.skipped,
        failed: pushed.failed + pushed.retrying,
        conflicts: pushed.conflicts + listed.conflicts + calendars.conflicts + directory.conflicts,
        error: None,
        details: Some(json!({
            "retrying": pushed.retrying,
            "deletedRemotely": listed.deleted + calendars.deleted + directory.deleted,
            "listingMoved": listed.inconsistent || calendars.inconsistent || directory.inconsistent,
            "seriesLeftOut": calendars.series_left_out,
            // Record types the role may not read, left out of this run.
            "notReadable": listed.not_readable,
            // Where the run's time went, for the sync center and the benchmarks.
            "millis": {
                "push": push_ms,
                "listings": listings_ms,
                "calendars": calendars_ms,
                "directory": directory_ms,
            },
        })),
    })
}
