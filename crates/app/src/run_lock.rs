//! One sync run of an account at a time, across every process that opens it.
//!
//! Two runs of one replica side by side send the same op twice (a contact created twice on the
//! server) and trip over each other's outbox states. Within a process `App::sync_lock` keeps
//! runs apart; between processes a run first takes `accounts/<id>/sync.lock` (see
//! [`crate::file_lock`]). A run that finds it held either says plainly which process is syncing
//! (the default: the app's autosync just tries again later) or waits for it (`outpost sync
//! --wait`).

use std::path::Path;

use crate::error::AppError;
use crate::file_lock::{self, Attempt, FileLock, Holder};
use crate::state::App;

/// The lock file's name in the account's folder.
const FILE: &str = "sync.lock";

/// Told once who holds the lock a sync waits for.
pub type TellHolder<'a> = Box<dyn FnOnce(Option<&Holder>) + Send + 'a>;

/// What a sync does when another process is syncing the account.
pub enum WhenBusy<'a> {
    /// Refuse with `sync_running`, naming the process.
    Refuse,
    /// Wait for it; the callback hears once who is syncing.
    Wait(TellHolder<'a>),
}

fn io(path: &Path, e: std::io::Error) -> AppError {
    AppError::new(
        "storage",
        format!("the sync lock {} cannot be used: {e}", path.display()),
    )
}

/// The error of a sync that found another one running.
pub(crate) fn running_elsewhere(holder: Option<&Holder>) -> AppError {
    let details = holder.map(|h| serde_json::to_value(h).expect("a holder encodes"));
    let error = AppError::new(
        "sync_running",
        format!(
            "a sync of this account is already running in {}",
            file_lock::describe(holder)
        ),
    );
    match details {
        Some(d) => error.with_details(d),
        None => error,
    }
}

/// Takes the account's sync lock, as `when_busy` says. Held until the returned lock is dropped.
pub(crate) async fn take(
    app: &App,
    account_id: &str,
    when_busy: WhenBusy<'_>,
) -> Result<FileLock, AppError> {
    let path = app.registry.account_dir(account_id).join(FILE);
    match when_busy {
        WhenBusy::Refuse => match file_lock::try_lock(&path).map_err(|e| io(&path, e))? {
            Attempt::Acquired(lock) => Ok(lock),
            Attempt::Held(holder) => Err(running_elsewhere(holder.as_ref())),
        },
        WhenBusy::Wait(tell) => file_lock::lock_waiting(&path, tell)
            .await
            .map_err(|e| io(&path, e)),
    }
}

impl App {
    /// [`App::sync_now`] that waits for a sync another process is running on this account,
    /// instead of refusing; `tell` hears once who that is, if anyone.
    pub async fn sync_now_waiting(
        &self,
        full: bool,
        tell: impl FnOnce(Option<&Holder>) + Send,
    ) -> Result<crate::commands::sync::SyncOutcome, AppError> {
        self.run_sync_when_busy("manual", WhenBusy::Wait(Box::new(tell)), full)
            .await
    }
}
