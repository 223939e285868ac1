//! Sync without being asked: a background task probes the server's health, syncs when it
//! becomes reachable again after being unreachable, and syncs on a timer (the account's sync
//! interval). The last probe's answer is what `sync_status` calls online or offline.

use std::sync::atomic::{AtomicU8, Ordering};
use std::sync::Arc;
use std::time::{Duration, Instant};

use outpost_platform::PlatformClient;

use crate::state::App;

/// How often the server is probed.
const PROBE_EVERY: Duration = Duration::from_secs(15);

/// What the last health probe found.
#[derive(Debug, Default)]
pub(crate) struct Connectivity(AtomicU8);

const UNKNOWN: u8 = 0;
const ONLINE: u8 = 1;
const OFFLINE: u8 = 2;

impl Connectivity {
    /// `None` until the first probe.
    pub(crate) fn online(&self) -> Option<bool> {
        match self.0.load(Ordering::Relaxed) {
            ONLINE => Some(true),
            OFFLINE => Some(false),
            _ => None,
        }
    }

    /// Records a probe; true when the server just came back after being unreachable.
    pub(crate) fn record(&self, reachable: bool) -> bool {
        let now = if reachable { ONLINE } else { OFFLINE };
        let before = self.0.swap(now, Ordering::Relaxed);
        before == OFFLINE && reachable
    }

    pub(crate) fn reset(&self) {
        self.0.store(UNKNOWN, Ordering::Relaxed);
    }
}

/// Starts the background sync of `app` on the current tokio runtime. It runs until the runtime
/// stops; with nobody signed in it only waits.
pub fn spawn(app: Arc<App>) -> tokio::task::JoinHandle<()> {
    tokio::spawn(run(app))
}

/// The background sync itself, for runtimes that spawn futures their own way (the desktop shell).
pub async fn run(app: Arc<App>) {
    run_probing_every(app, PROBE_EVERY).await
}

/// [`run`] with another probe period (tests use a short one).
pub async fn run_probing_every(app: Arc<App>, probe_every: Duration) {
    let mut last_run = Instant::now();
    loop {
        tokio::time::sleep(probe_every).await;
        let Ok(Some(active)) = app.active_account().await else {
            continue;
        };
        let reachable = probe(active.session.client()).await;
        let was_online = app.connectivity.online();
        let back_online = app.connectivity.record(reachable);
        if was_online != Some(reachable) {
            // Online or offline is part of the sync status the window shows.
            app.events.status_changed();
        }
        if !reachable {
            continue;
        }
        let interval = app
            .sync_settings_of(&active)
            .map(|s| s.interval_minutes)
            .unwrap_or(0);
        let timer_due =
            interval > 0 && last_run.elapsed() >= Duration::from_secs(u64::from(interval) * 60);
        let trigger = match (back_online, timer_due) {
            (true, _) => "reconnect",
            (false, true) => "timer",
            (false, false) => continue,
        };
        last_run = Instant::now();
        if let Err(e) = app.run_sync(trigger).await {
            // Recorded in the run history for the sync center; nothing else to do here.
            tracing::info!(code = %e.code, "background sync ({trigger}) did not finish: {}", e.message);
        }
    }
}

async fn probe(client: &PlatformClient) -> bool {
    client.health().await.is_ok()
}
