//! Pushes the sync state to the window as it changes (event `sync-status`, the `SyncStatus` of
//! `sync_status`): a run starting, its progress, its end, edits waiting. The shell looks every
//! half second and sends only what changed, so the UI need not ask.

use std::sync::Arc;
use std::time::Duration;

use outpost_app::commands::sync::SyncStatusArgs;
use outpost_app::App;
use tauri::{AppHandle, Emitter};

/// The event's name, as the UI listens for it.
pub const SYNC_STATUS: &str = "sync-status";
const LOOK_EVERY: Duration = Duration::from_millis(500);

pub async fn run(app: Arc<App>, window: AppHandle) {
    let mut last = None;
    loop {
        // Before sign-in there is no status to send.
        if let Ok(status) = app.sync_status(SyncStatusArgs {}).await {
            if last.as_ref() != Some(&status) {
                if let Err(e) = window.emit(SYNC_STATUS, &status) {
                    eprintln!("cannot send the sync status to the window: {e}");
                }
                last = Some(status);
            }
        }
        tokio::time::sleep(LOOK_EVERY).await;
    }
}
