//! One sync run of one tenant: recover ops a crash left in flight, push, pull, record the run;
//! stopped where it is when cancelled.

use std::sync::Mutex;

use chrono::Utc;
use outpost_platform::Session;

use crate::platform_remote::PlatformRemote;
use crate::remote::Remote;
use outpost_model::{Pull, RecordType, DESCRIPTORS};
use outpost_replica::{OpState, Replica, RunOutcome, RunReport, TenantScope};
use serde_json::{json, Value};
use tokio_util::sync::CancellationToken;

use crate::backoff::BackoffPolicy;
use crate::catch_up::{self, FeedMark, FullReason, Plan};
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
    /// List every collection even when the change feed could tell what changed.
    pub full: bool,
    /// How often a full listing verifies the change feed (and moves the entry window on).
    pub verify_every: chrono::Duration,
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
            full: false,
            verify_every: catch_up::default_verify_every(),
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
    let sent_before = session.client().requests_sent();
    let result = tokio::select! {
        biased;
        _ = options.cancel.cancelled() => Err(SyncError::Cancelled),
        result = run(&remote, replica, tenant, options) => result,
    };
    options.progress.set(None);
    // What the run cost the server, in requests (the deterministic measure of a pull; other
    // calls on the same session meanwhile, such as the window's, count too).
    let requests = session.client().requests_sent() - sent_before;
    let result = result.map(|mut report| {
        if let Some(details) = report.details.as_mut() {
            details["requests"] = json!(requests);
        }
        report
    });
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
    let mark = FeedMark::load(replica, remote.kind(), tenant)?;
    let started = Utc::now();
    let reason = match mark.plan(started, options.verify_every, options.full) {
        Plan::Feed(cursor) => {
            options.progress.phase(Phase::Changes, None);
            match catch_up::read_feed(remote, Some(&cursor)).await? {
                Ok((changes, next)) => {
                    let feed_ms = lap(&mut since);
                    let pulled =
                        follow_feed(remote, replica, tenant, &me, &changes, options).await?;
                    FeedMark {
                        cursor: Some(next),
                        ..mark
                    }
                    .save(replica, remote.kind(), tenant)?;
                    let apply_ms = lap(&mut since);
                    return Ok(report(
                        &pushed,
                        &pulled,
                        json!({
                            "mode": "feed",
                            "changes": changes.len(),
                        }),
                        json!({ "push": push_ms, "feed": feed_ms, "apply": apply_ms }),
                    ));
                }
                Err(reason) => reason,
            }
        }
        Plan::Full(reason) => reason,
    };
    // The feed's position before the listing: what changes while it runs is read again next
    // time. A verification first applies what the feed says, so that what the listing still
    // finds is what the feed missed.
    options.progress.phase(Phase::Changes, None);
    let mut caught_up = Pulled::default();
    let head = match (reason, &mark.cursor) {
        (FullReason::Verify, Some(cursor)) => match catch_up::read_feed(remote, Some(cursor))
            .await?
        {
            Ok((changes, next)) => {
                caught_up = follow_feed(remote, replica, tenant, &me, &changes, options).await?;
                Some(next)
            }
            Err(_) => catch_up::feed_head(remote, None).await?,
        },
        (_, cursor) => catch_up::feed_head(remote, cursor.as_deref()).await?,
    };
    let feed_ms = lap(&mut since);
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
    FeedMark {
        cursor: head,
        listed_at: Some(started),
    }
    .save(replica, remote.kind(), tenant)?;
    let mut pulled = Pulled {
        listed,
        calendars,
        directory,
    };
    // What the full listing still wrote or removed after the feed was followed.
    let missed = pulled.listed.written + pulled.deleted();
    pulled.add(caught_up);
    let mut mode = json!({ "mode": "full", "reason": reason.as_str() });
    if reason == FullReason::Verify {
        mode["missedByFeed"] = json!(missed);
    }
    Ok(report(
        &pushed,
        &pulled,
        mode,
        json!({
            "push": push_ms,
            "feed": feed_ms,
            "listings": listings_ms,
            "calendars": calendars_ms,
            "directory": directory_ms,
        }),
    ))
}

/// What a run's pulls brought, by the pull that brought it.
#[derive(Debug, Default)]
struct Pulled {
    listed: pull::PullTally,
    calendars: pull::PullTally,
    directory: pull::PullTally,
}

impl Pulled {
    fn add(&mut self, other: Pulled) {
        self.listed.add(other.listed);
        self.calendars.add(other.calendars);
        self.directory.add(other.directory);
    }

    fn deleted(&self) -> u32 {
        self.listed.deleted + self.calendars.deleted + self.directory.deleted
    }
}

/// Applies what the feed says changed; the families the platform pulls itself (calendars in
/// their window, the directory and the links under it) are pulled again when one of their
/// records changed.
async fn follow_feed(
    remote: &PlatformRemote<'_>,
    replica: &Mutex<Replica>,
    tenant: &str,
    me: &str,
    changes: &[crate::remote::Change],
    options: &SyncOptions,
) -> Result<Pulled, SyncError> {
    let applied = catch_up::apply(remote, replica, me, changes).await?;
    let mut pulled = Pulled {
        listed: applied.tally,
        ..Pulled::default()
    };
    if applied.calendars {
        options.progress.phase(Phase::Calendars, None);
        pulled.calendars =
            pull_calendars(remote.http(), replica, tenant, options.entry_window).await?;
    }
    if applied.directory {
        options.progress.phase(Phase::Directory, None);
        pulled.directory = pull_directory(remote.http(), replica, tenant).await?;
    }
    // Every change leaves an audit entry: the log is read on from its newest row (one request
    // when little changed). The tenant's history and metrics are read again when the tenant's
    // administration changed; else at the next full listing.
    if !changes.is_empty() {
        pull_audit_log(remote.http(), replica).await?;
    }
    let administered = [
        RecordType::Tenant,
        RecordType::TenantSettings,
        RecordType::RateLimit,
        RecordType::TenantDomain,
    ];
    if changes
        .iter()
        .any(|c| administered.contains(&c.record_type))
    {
        pull_tenant_reads(remote.http(), replica).await?;
    }
    Ok(pulled)
}

/// The run's report: counts, and the details the sync center and the benchmarks read.
fn report(pushed: &push::PushTally, pulled: &Pulled, pull: Value, millis: Value) -> RunReport {
    let (listed, calendars, directory) = (&pulled.listed, &pulled.calendars, &pulled.directory);
    RunReport {
        pulled: listed.pulled + calendars.pulled + directory.pulled,
        pushed: pushed.pushed,
        skipped: pushed.skipped,
        failed: pushed.failed + pushed.retrying,
        conflicts: pushed.conflicts + listed.conflicts + calendars.conflicts + directory.conflicts,
        error: None,
        details: Some(json!({
            "retrying": pushed.retrying,
            "deletedRemotely": pulled.deleted(),
            "listingMoved": listed.inconsistent || calendars.inconsistent || directory.inconsistent,
            "seriesLeftOut": calendars.series_left_out,
            // Record types the role may not read, left out of this run.
            "notReadable": listed.not_readable,
            // Followed the change feed, or listed in full (and why).
            "pull": pull,
            // Where the run's time went, for the sync center and the benchmarks.
            "millis": millis,
        })),
    }
}
