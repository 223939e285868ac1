//! Forwards the app's events to the window as Tauri events (`outpost-event`, an `AppEvent`):
//! what changed after a write or a sync, the sync state as it moves, a switch of account or
//! tenant. Nothing is polled: each event is sent as the backend raises it.

use std::sync::Arc;

use outpost_app::{App, AppEvent};
use tauri::{AppHandle, Emitter};
use tokio::sync::broadcast::error::RecvError;

/// The event's name, as the UI listens for it (ui/src/api/events.ts).
pub const APP_EVENT: &str = "outpost-event";

pub async fn run(app: Arc<App>, window: AppHandle) {
    let mut events = app.subscribe();
    loop {
        let event = match events.recv().await {
            Ok(event) => event,
            // The window fell behind: it reads everything again rather than miss a change.
            Err(RecvError::Lagged(_)) => AppEvent::Resync,
            Err(RecvError::Closed) => return,
        };
        if let Err(e) = window.emit(APP_EVENT, &event) {
            eprintln!("cannot send an event to the window: {e}");
        }
    }
}
