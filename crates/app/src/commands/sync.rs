//! The sync center: run a sync, see what waits, what failed and what conflicts, and act on it.
//! Nothing here drops an edit silently: a failed op stays until the user retries or discards it,
//! and a conflict stays until the user resolves it.

use outpost_replica::{
    Conflict, OpState, OutboxOp, OutboxSummary, Resolution, RunOutcome, SyncRun,
};
use serde::{Deserialize, Serialize};
use ts_rs::TS;

use crate::commands::contacts::Done;
use crate::error::AppError;
use crate::state::{Active, App};

#[derive(Debug, Default, Deserialize, TS)]
#[serde(deny_unknown_fields)]
#[serde(rename_all = "camelCase")]
pub struct SyncNowArgs {
    /// List everything on the server instead of asking what changed since the last run.
    #[serde(default)]
    #[ts(optional)]
    pub full: Option<bool>,
}

#[derive(Debug, Default, Deserialize, TS)]
#[serde(deny_unknown_fields)]
pub struct SyncStatusArgs {}

#[derive(Debug, Default, Deserialize, TS)]
#[serde(deny_unknown_fields)]
pub struct GetSyncSettingsArgs {}

/// How the active account syncs. Kept in its replica, so each account has its own.
#[derive(Debug, Clone, Copy, Serialize, Deserialize, PartialEq, Eq, TS)]
#[serde(rename_all = "camelCase", deny_unknown_fields)]
pub struct SyncSettings {
    /// Sync by itself every so many minutes while the server is reachable; 0 turns it off.
    pub interval_minutes: u32,
    /// Keep entries from this many days back...
    pub entry_window_past_days: u32,
    /// ...to this many days ahead.
    pub entry_window_future_days: u32,
    /// Between runs that ask the server only what changed, list everything every so many
    /// hours, to catch what the change feed missed and move the entry window on. Settings
    /// written before it existed leave it out: the default.
    #[serde(default = "default_verify_every_hours")]
    pub verify_every_hours: u32,
}

fn default_verify_every_hours() -> u32 {
    outpost_sync::default_verify_every().num_hours() as u32
}

impl Default for SyncSettings {
    fn default() -> Self {
        let window = outpost_sync::EntryWindow::default();
        Self {
            interval_minutes: 5,
            entry_window_past_days: window.past_days as u32,
            entry_window_future_days: window.future_days as u32,
            verify_every_hours: default_verify_every_hours(),
        }
    }
}

impl SyncSettings {
    const KEYS: [&'static str; 4] = [
        "sync.interval_minutes",
        "sync.entry_window_past_days",
        "sync.entry_window_future_days",
        "sync.verify_every_hours",
    ];

    fn check(&self) -> Result<(), AppError> {
        let bad = |field: &str, message: &str| {
            Err(AppError::new("invalid", format!("{field}: {message}"))
                .with_details(serde_json::json!({ "field": field })))
        };
        if self.interval_minutes > 24 * 60 {
            return bad("intervalMinutes", "at most 1440 (a day); 0 turns it off");
        }
        if self.entry_window_past_days > 3650 {
            return bad("entryWindowPastDays", "at most 3650 days");
        }
        if !(1..=3650).contains(&self.entry_window_future_days) {
            return bad("entryWindowFutureDays", "from 1 to 3650 days");
        }
        if !(1..=720).contains(&self.verify_every_hours) {
            return bad("verifyEveryHours", "from 1 to 720 hours (30 days)");
        }
        Ok(())
    }

    fn entry_window(&self) -> outpost_sync::EntryWindow {
        outpost_sync::EntryWindow {
            past_days: i64::from(self.entry_window_past_days),
            future_days: i64::from(self.entry_window_future_days),
        }
    }
}

#[derive(Debug, Default, Deserialize, TS)]
#[serde(rename_all = "camelCase", deny_unknown_fields)]
pub struct ListOutboxArgs {
    /// Only ops in these states; all unfinished ops when empty.
    #[serde(default)]
    #[ts(optional)]
    pub states: Option<Vec<OpState>>,
}

#[derive(Debug, Deserialize, TS)]
#[serde(rename_all = "camelCase", deny_unknown_fields)]
pub struct OpIdArgs {
    pub op_id: String,
}

#[derive(Debug, Default, Deserialize, TS)]
#[serde(deny_unknown_fields)]
pub struct ListConflictsArgs {}

#[derive(Debug, Deserialize, TS)]
#[serde(rename_all = "camelCase", deny_unknown_fields)]
pub struct ResolveConflictArgs {
    pub conflict_id: String,
    pub resolution: Resolution,
}

#[derive(Debug, Default, Deserialize, TS)]
#[serde(rename_all = "camelCase", deny_unknown_fields)]
pub struct SyncHistoryArgs {
    #[serde(default)]
    #[ts(optional)]
    pub limit: Option<u32>,
}

/// The one-word state of the active tenant's sync, as the window's chrome shows it.
#[derive(Debug, Clone, Copy, Serialize, PartialEq, Eq, TS)]
#[serde(rename_all = "snake_case")]
pub enum SyncState {
    /// Never synced in this tenant yet.
    NeverSynced,
    /// Everything local is on the server as of the last run.
    UpToDate,
    /// Local edits wait for the next run.
    Pending,
    /// The last run could not reach the server; edits wait.
    Offline,
    /// Failed ops or conflicts need the user.
    NeedsAttention,
    /// A run is going on now.
    Syncing,
}

#[derive(Debug, Clone, Serialize, PartialEq, TS)]
#[serde(rename_all = "camelCase")]
pub struct SyncStatus {
    pub tenant_id: String,
    pub state: SyncState,
    pub outbox: OutboxSummary,
    pub last_run: Option<SyncRun>,
    /// When the last run that finished without error ended.
    pub last_success_at: Option<String>,
    /// What the last health probe of the background sync found; None before the first.
    pub online: Option<bool>,
    /// How far the run going on has come; absent when no run is going on.
    #[serde(skip_serializing_if = "Option::is_none")]
    #[ts(optional)]
    pub progress: Option<SyncProgress>,
}

/// What a run going on is doing: sending edits, or receiving one kind of record.
#[derive(Debug, Clone, Copy, Serialize, PartialEq, Eq, TS)]
#[serde(rename_all = "snake_case")]
pub enum SyncPhase {
    Sending,
    /// Reading what changed on the server since the last run.
    Changes,
    Contacts,
    Calendars,
    Directory,
}

#[derive(Debug, Clone, Serialize, PartialEq, TS)]
#[serde(rename_all = "camelCase")]
pub struct SyncProgress {
    pub phase: SyncPhase,
    /// Ops sent or records received so far in this phase.
    pub done: u32,
    /// How many there are, once known.
    pub total: Option<u32>,
}

impl From<outpost_sync::Progress> for SyncProgress {
    fn from(p: outpost_sync::Progress) -> Self {
        SyncProgress {
            phase: match p.phase {
                outpost_sync::Phase::Sending => SyncPhase::Sending,
                outpost_sync::Phase::Changes => SyncPhase::Changes,
                outpost_sync::Phase::Receiving(outpost_model::RecordType::Contact) => {
                    SyncPhase::Contacts
                }
                // Every other record type pulled as a listing is administration: the directory.
                outpost_sync::Phase::Receiving(_) => SyncPhase::Directory,
                outpost_sync::Phase::Calendars => SyncPhase::Calendars,
                outpost_sync::Phase::Directory => SyncPhase::Directory,
            },
            done: p.done,
            total: p.total,
        }
    }
}

#[derive(Debug, Default, Deserialize, TS)]
#[serde(deny_unknown_fields)]
pub struct CancelSyncArgs {}

/// Whether there was a run to stop.
#[derive(Debug, Clone, Serialize, PartialEq, TS)]
#[serde(rename_all = "camelCase")]
pub struct CancelSyncOutcome {
    pub cancelled: bool,
}

/// What `sync_now` did, and where things stand after it.
#[derive(Debug, Clone, Serialize, PartialEq, TS)]
#[serde(rename_all = "camelCase")]
pub struct SyncOutcome {
    pub run: SyncRun,
    pub status: SyncStatus,
}

/// How many past runs the history shows unless asked otherwise.
const DEFAULT_HISTORY: u32 = 20;
/// How far back `sync_status` looks for the last successful run.
const SUCCESS_LOOKBACK: u32 = 200;

fn state_of(
    outbox: &OutboxSummary,
    last: Option<&SyncRun>,
    online: Option<bool>,
    syncing: bool,
) -> SyncState {
    if syncing {
        return SyncState::Syncing;
    }
    if outbox.failed > 0 || outbox.conflict > 0 {
        return SyncState::NeedsAttention;
    }
    if online == Some(false) {
        return SyncState::Offline;
    }
    let waiting = outbox.pending + outbox.in_flight > 0;
    match last {
        None if waiting => SyncState::Pending,
        None => SyncState::NeverSynced,
        Some(run) if run.outcome == RunOutcome::Failed && is_offline(run) => SyncState::Offline,
        // Stopped by the user: nothing went wrong.
        Some(run) if has_code(run, "cancelled") && waiting => SyncState::Pending,
        Some(run) if has_code(run, "cancelled") => SyncState::UpToDate,
        Some(run) if run.outcome == RunOutcome::Failed => SyncState::NeedsAttention,
        Some(_) if waiting => SyncState::Pending,
        Some(_) => SyncState::UpToDate,
    }
}

/// A run that stopped because the server could not be reached (the engine records the code).
fn is_offline(run: &SyncRun) -> bool {
    has_code(run, "offline") || has_code(run, "timeout")
}

/// Whether the run stopped with this error code.
fn has_code(run: &SyncRun, code: &str) -> bool {
    run.report
        .details
        .as_ref()
        .and_then(|d| d.get("code"))
        .and_then(|c| c.as_str())
        == Some(code)
}

impl App {
    /// Pushes the active tenant's outbox and pulls what changed. One run per tenant at a time: a
    /// second call waits for the first to finish.
    pub async fn sync_now(&self, args: SyncNowArgs) -> Result<SyncOutcome, AppError> {
        let full = args.full.unwrap_or(false);
        self.run_sync_when_busy("manual", crate::run_lock::WhenBusy::Refuse, full)
            .await
    }

    /// A sync run; `trigger` says why (manual, timer, reconnect) in the history.
    pub(crate) async fn run_sync(&self, trigger: &str) -> Result<SyncOutcome, AppError> {
        self.run_sync_when_busy(trigger, crate::run_lock::WhenBusy::Refuse, false)
            .await
    }

    /// [`App::run_sync`]; `when_busy` says what to do when another process syncs the account.
    pub(crate) async fn run_sync_when_busy(
        &self,
        trigger: &str,
        when_busy: crate::run_lock::WhenBusy<'_>,
        full: bool,
    ) -> Result<SyncOutcome, AppError> {
        let active = self.require_active().await?;
        let tenant = Self::tenant_of(&active)?;
        let settings = self.sync_settings_of(&active)?;
        crate::session::require_sign_in(&active).await?;
        let one_at_a_time = self.sync_lock.lock().await;
        // The same across processes: no op is ever sent by two runs.
        let one_process = crate::run_lock::take(self, &active.account.id, when_busy).await?;
        let options = outpost_sync::SyncOptions {
            trigger: trigger.to_string(),
            entry_window: settings.entry_window(),
            progress: self.sync_progress.clone(),
            full,
            verify_every: chrono::Duration::hours(i64::from(settings.verify_every_hours)),
            ..outpost_sync::SyncOptions::default()
        };
        *crate::locks::held(&self.sync_cancel) = Some(options.cancel.clone());
        let result =
            outpost_sync::sync_tenant(&active.session, &active.replica, &tenant, &options).await;
        *crate::locks::held(&self.sync_cancel) = None;
        // A run is the freshest word on whether the server answers.
        match &result {
            Ok(_) => {
                self.connectivity.record(true);
            }
            Err(e) if matches!(e.code(), "offline" | "timeout") => {
                self.connectivity.record(false);
            }
            Err(_) => {}
        }
        result?;
        // Released before reading the status, which reports whether a run is going on.
        drop(one_process);
        drop(one_at_a_time);
        let status = self.sync_status(SyncStatusArgs {}).await?;
        let run = status.last_run.clone().ok_or_else(|| {
            AppError::new("internal", "the sync run finished but was not recorded")
        })?;
        Ok(SyncOutcome { run, status })
    }

    /// Stops the sync run going on where it is. Edits it had not sent stay in the outbox; one cut
    /// off on the wire is checked on the server before it goes again, so nothing is sent twice.
    pub async fn cancel_sync(&self, _: CancelSyncArgs) -> Result<CancelSyncOutcome, AppError> {
        let running = self.sync_cancel.lock().expect("sync cancel lock").take();
        if let Some(token) = &running {
            token.cancel();
        }
        Ok(CancelSyncOutcome {
            cancelled: running.is_some(),
        })
    }

    /// The active account's sync settings (defaults until changed).
    pub(crate) fn sync_settings_of(&self, active: &Active) -> Result<SyncSettings, AppError> {
        let replica = active
            .replica
            .lock()
            .unwrap_or_else(std::sync::PoisonError::into_inner);
        let defaults = SyncSettings::default();
        let read = |key: &str, default: u32| -> Result<u32, AppError> {
            Ok(replica
                .setting(key)?
                .and_then(|v| v.parse().ok())
                .unwrap_or(default))
        };
        Ok(SyncSettings {
            interval_minutes: read(SyncSettings::KEYS[0], defaults.interval_minutes)?,
            entry_window_past_days: read(SyncSettings::KEYS[1], defaults.entry_window_past_days)?,
            entry_window_future_days: read(
                SyncSettings::KEYS[2],
                defaults.entry_window_future_days,
            )?,
            verify_every_hours: read(SyncSettings::KEYS[3], defaults.verify_every_hours)?,
        })
    }

    pub async fn get_sync_settings(
        &self,
        _: GetSyncSettingsArgs,
    ) -> Result<SyncSettings, AppError> {
        let active = self.require_active().await?;
        self.sync_settings_of(&active)
    }

    /// Changes how the active account syncs; the next run uses it.
    pub async fn set_sync_settings(&self, args: SyncSettings) -> Result<SyncSettings, AppError> {
        args.check()?;
        let active = self.require_active().await?;
        {
            let replica = active
                .replica
                .lock()
                .unwrap_or_else(std::sync::PoisonError::into_inner);
            let values = [
                args.interval_minutes,
                args.entry_window_past_days,
                args.entry_window_future_days,
                args.verify_every_hours,
            ];
            for (key, value) in SyncSettings::KEYS.iter().zip(values) {
                replica.set_setting(key, &value.to_string())?;
            }
        }
        self.sync_settings_of(&active)
    }

    pub async fn sync_status(&self, _: SyncStatusArgs) -> Result<SyncStatus, AppError> {
        let active = self.require_active().await?;
        let tenant = Self::tenant_of(&active)?;
        let replica = active
            .replica
            .lock()
            .unwrap_or_else(std::sync::PoisonError::into_inner);
        let scope = replica.tenant(&tenant);
        let outbox = scope.outbox_summary()?;
        let runs = scope.sync_runs(SUCCESS_LOOKBACK)?;
        let last_run = runs.first().cloned();
        let last_success_at = runs
            .iter()
            .find(|r| matches!(r.outcome, RunOutcome::Ok | RunOutcome::Partial))
            .and_then(|r| r.finished_at.clone());
        let online = self.connectivity.online();
        let syncing = self.sync_lock.try_lock().is_err();
        let progress = syncing
            .then(|| self.sync_progress.get())
            .flatten()
            .map(SyncProgress::from);
        Ok(SyncStatus {
            progress,
            state: state_of(&outbox, last_run.as_ref(), online, syncing),
            tenant_id: tenant,
            outbox,
            last_run,
            last_success_at,
            online,
        })
    }

    /// The unfinished ops of the active tenant, in the order they will be sent.
    pub async fn list_outbox(&self, args: ListOutboxArgs) -> Result<Vec<OutboxOp>, AppError> {
        let states = args.states.unwrap_or_default();
        self.in_tenant(|scope| scope.outbox(&states)).await
    }

    /// Sends a failed op again at the next sync.
    pub async fn retry_op(&self, args: OpIdArgs) -> Result<Done, AppError> {
        self.in_tenant(|scope| scope.retry_op(&args.op_id)).await?;
        Ok(Done { ok: true })
    }

    /// Gives up a local change: the record goes back to what the server last had.
    pub async fn discard_op(&self, args: OpIdArgs) -> Result<Done, AppError> {
        self.in_tenant(|scope| scope.discard_op(&args.op_id))
            .await?;
        Ok(Done { ok: true })
    }

    pub async fn list_conflicts(&self, _: ListConflictsArgs) -> Result<Vec<Conflict>, AppError> {
        self.in_tenant(|scope| scope.conflicts()).await
    }

    /// Keeps mine, takes theirs, or picks per field; the result goes out with the next sync.
    pub async fn resolve_conflict(&self, args: ResolveConflictArgs) -> Result<Done, AppError> {
        self.in_tenant(|scope| scope.resolve_conflict(&args.conflict_id, &args.resolution))
            .await?;
        Ok(Done { ok: true })
    }

    /// Past sync runs of the active tenant, newest first.
    pub async fn sync_history(&self, args: SyncHistoryArgs) -> Result<Vec<SyncRun>, AppError> {
        let limit = args.limit.unwrap_or(DEFAULT_HISTORY).clamp(1, 1000);
        self.in_tenant(|scope| scope.sync_runs(limit)).await
    }
}
