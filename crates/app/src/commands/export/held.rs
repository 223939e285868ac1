//! The entries window this replica holds: a sync pulls the entries of a window around the day
//! it ran (the account's sync settings), so an export of calendars holds no more than that;
//! the outcome says so, for the UI and the CLI to tell the user.

use chrono::{DateTime, Duration, NaiveDate, Utc};
use outpost_replica::{RunOutcome, TenantScope};
use serde::Serialize;
use ts_rs::TS;

use crate::commands::sync::SyncSettings;
use crate::error::AppError;

/// How many recent runs are searched for the last one that pulled.
const RUNS_LOOKED_AT: u32 = 200;

/// The days whose entries the replica holds from the server (series whole, whatever their
/// dates; entries made here, whatever their dates).
#[derive(Debug, Clone, PartialEq, Eq, Serialize, TS)]
#[serde(rename_all = "camelCase")]
pub struct HeldWindow {
    pub from: NaiveDate,
    pub to: NaiveDate,
    /// When the sync that pulled them started (RFC 3339).
    pub synced_at: String,
}

/// The window of the last sync that pulled (ok or partial), or `None` before the first one.
/// The window's width is the account's setting now: a change since that sync shows at the next.
pub(super) fn held_window(
    scope: &TenantScope<'_>,
    settings: &SyncSettings,
) -> Result<Option<HeldWindow>, AppError> {
    let runs = scope.sync_runs(RUNS_LOOKED_AT)?;
    let Some(run) = runs
        .iter()
        .find(|r| matches!(r.outcome, RunOutcome::Ok | RunOutcome::Partial))
    else {
        return Ok(None);
    };
    let Ok(started) = DateTime::parse_from_rfc3339(&run.started_at) else {
        return Ok(None);
    };
    // As the pull computes it: from the day of the run, in UTC.
    let day = started.with_timezone(&Utc).date_naive();
    let future = i64::from(settings.entry_window_future_days.max(1));
    Ok(Some(HeldWindow {
        from: day - Duration::days(i64::from(settings.entry_window_past_days)),
        // The pull's end is the midnight after `future` days: the last whole day is one before.
        to: day + Duration::days(future - 1),
        synced_at: run.started_at.clone(),
    }))
}
