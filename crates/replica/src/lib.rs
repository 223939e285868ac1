//! The local replica: one SQLite file per account, every synced table scoped by tenant.
//!
//! Open a [`Replica`], take a [`TenantScope`] with [`Replica::tenant`], and do everything
//! through it: edits (tagged with their [`Source`], validated first, written with their outbox
//! op in one transaction), local reads (window, free-busy, contact lists, search), the sync
//! engine's outbox lifecycle and server upserts, and conflicts.

mod calendars;
mod coalesce;
mod columns;
mod conflicts;
mod contacts;
mod directory;
mod edits;
mod entity;
mod entries;
mod error;
mod links;
pub mod merge;
mod migrate;
mod open;
mod ops;
mod outbox;
mod record;
pub mod recurrence;
mod reminders;
mod scope;
pub mod search;
mod series;
mod settings;
mod sync_apply;
mod sync_runs;
mod util;
mod validate;
mod window;
pub mod wire;

pub use calendars::CalendarSummary;
pub use conflicts::{Choice, Conflict, ConflictKind, Resolution};
pub use contacts::{ContactPage, ContactQuery, ContactSort, ContactSummary};
pub use directory::{Directory, DirectoryItem, TenantInfo};
pub use edits::OP_ID_KEY;
pub use entity::Entity;
pub use entries::Participant;
pub use error::{ReplicaError, Result};
pub use links::ContactReference;
pub use migrate::{latest_version, Migration};
pub use open::Replica;
pub use ops::OutboxSummary;
pub use outbox::{OpKind, OpState, OutboxOp, Source};
pub use record::Record;
pub use reminders::ReminderSummary;
pub use scope::TenantScope;
pub use search::EntryHit;
pub use sync_apply::RemoteDelete;
pub use sync_runs::{RunOutcome, RunReport, SyncRun};
pub use util::Fields;
pub use window::{FreeBusy, FreeBusySlot, WindowItem};
