//! The sync engine: push the outbox (read before write, three-way merge, conflicts parked), then
//! pull every collection (offset pages, remote deletes only from complete listings). Every run is
//! recorded in the replica's `sync_runs`.
//!
//! Contacts and their links, calendars, entries (with their status and respond actions), series,
//! occurrence overrides and reminders go through the whole cycle; the directory (users, groups,
//! spaces, resources) is pulled.
//!
//! The push, and the pull of every record type listed page by page (`Pull::Listing`), are
//! written once against [`remote::Remote`] and read each record type's descriptor
//! (`outpost_model`) for what varies; the platform's REST API is the first remote
//! (`platform_remote`), the only module that knows its paths and wire shapes; it also holds the
//! platform's own pulls of the calendar family (entries in a window of dates, series through
//! their entries) and of the directory, which the descriptors mark `Pull::CalendarFamily` and
//! `Pull::UnderDirectory`.
//!
//! The Manager's GraphQL API is the second remote (`manager_remote`, run by [`sync_manager`]):
//! its tree of projects, tenants, applications, endpoints and triggers goes through the same
//! push and pull.

pub mod backoff;
mod catch_up;
mod engine;
mod error;
mod listing;
mod manager_remote;
mod platform_remote;
mod progress;
mod pull;
mod push;
mod recognise;
pub mod remote;
mod send;

pub use catch_up::default_verify_every;
pub use engine::{sync_tenant, SyncOptions};
pub use manager_remote::{sync_manager, ManagerClient, ManagerRemote, MANAGER_SCOPE};
pub use platform_remote::pull_audit::{pull_audit_log, AuditPull};
pub use platform_remote::PlatformRemote;

/// The replica, held for one step of a run. A panic elsewhere while it was held leaves it
/// consistent (every write is a SQLite transaction, rolled back when unwound), so a poisoned
/// lock is taken as it is instead of turning every later sync into a panic.
pub(crate) fn hold(
    replica: &std::sync::Mutex<outpost_replica::Replica>,
) -> std::sync::MutexGuard<'_, outpost_replica::Replica> {
    replica
        .lock()
        .unwrap_or_else(std::sync::PoisonError::into_inner)
}
pub use error::SyncError;
pub use platform_remote::pull_calendar::EntryWindow;
pub use progress::{Phase, Progress, ProgressCell};
