//! The sync engine: push the outbox (read before write, three-way merge, conflicts parked), then
//! pull every collection (offset pages, remote deletes only from complete listings). Every run is
//! recorded in the replica's `sync_runs`.
//!
//! Contacts go through the whole cycle today; the other entities' ops wait in the outbox (counted
//! as skipped in the run report) until their endpoints are wired the same way.

pub mod backoff;
mod contacts;
mod engine;
mod error;
mod pull;
mod push;

pub use engine::{sync_tenant, SyncOptions};
pub use error::SyncError;
