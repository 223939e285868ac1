//! The local replica: one SQLite file per account, every synced table scoped by tenant.
//!
//! Open a [`Replica`] (`Replica::open(path)`), take a [`TenantScope`] with
//! [`Replica::tenant`], and do everything through it; there is no way to reach a tenant's rows
//! without naming the tenant.
//!
//! - **Edits** (tagged [`Source::User`] or [`Source::Import`]; validated with the seed's rules
//!   first, so a refused edit changes nothing and [`ReplicaError::field`] names the field; the row
//!   and its outbox op are written in one transaction): calendars (`create_calendar`,
//!   `update_calendar`, `delete_calendar`), entries (`create_entry`, `create_entries` as one batch, `update_entry` — moves are
//!   edits of `startsAt`/`endsAt` —, `delete_entry`, `set_entry_status`, `respond_to_entry`),
//!   series (`make_recurring`, `update_series_rule` while unsynced, `override_occurrence`,
//!   `cancel_occurrence`), reminders (`add_reminder`, `remove_reminder`), contacts
//!   (`create_contact`, `create_contacts` as one batch, `update_contact`, `delete_contact`) and
//!   links (`link_contact`, `unlink_contact`, `set_primary_link`). Fields are JSON objects in the
//!   seed's request shape ([`Fields`]); ids may be local or server ids.
//! - **Reads**: `get`, `calendars`, `window` and `window_all` (entries and expanded occurrences overlapping
//!   `[from, to)`), `free_busy`, `contacts` (sort + offset paging), `search_contacts`,
//!   `search_entries`, `contact_references`, `linked_contacts`, `participants`, `reminders`,
//!   `series`, `series_of_entry`, `occurrence_changes`, `directory`, `group_members`, and
//!   `records` of any type.
//! - **Outbox** (for the sync engine and the sync center): `outbox`, `outbox_summary`,
//!   `ops_for_record`, `ready_ops`, `mark_in_flight`, `mark_done`, `mark_failed`, `retry_op`,
//!   `discard_op`, `map_server_id`, `prune_done_ops`.
//! - **Server writes** (source sync, never queued): `upsert_from_server`,
//!   `upsert_many_from_server`, `apply_remote_delete`, `known_server_ids`,
//!   `known_entry_server_ids`, `upsert_participants_from_server`; on the replica: `replace_tenants`, `tenants`,
//!   `forget_tenant`.
//! - **Conflicts**: `park_conflict`, `conflicts`, `resolve_conflict`; [`merge::three_way`] is
//!   the per-field merge the engine runs first.
//! - **Sync runs and settings**: `start_sync_run`, `finish_sync_run`, `sync_runs`;
//!   `Replica::setting`, `set_setting`, `setting_or`, `remove_setting`.
//! - [`validation`]: the same checks on their own, for forms.
//!
//! **Push protocol** (tests/it/sync_model.rs runs it against a model server): take `ready_ops` (the
//! head op of each record whose referenced records have server ids; `OutboxOp::server_id` names
//! the target), `mark_in_flight`, send. Create: POST the payload (calendars, entries and series
//! carry `metadata.outpostOpId`), then `mark_done(op, Some(&answer))` — the server id is mapped
//! and later ops naming the local id are rewritten. Update/delete: GET first; if its updatedAt
//! equals `op.base_updated_at`, send the payload; otherwise `merge::three_way(op.base,
//! op.payload, remote)` and send `to_send`, or `park_conflict` with the clashing fields. A 404 is
//! a remote delete (`ConflictKind::EditVsRemoteDelete`). An occurrence override without a server
//! id is addressed by its series and `instanceDate`. `respond` answers with the participant,
//! which `mark_done` applies. Errors: `mark_failed(op, message, retry_at)`.
//! - [`recurrence`] expands series (the semantics are documented there); [`wire`] turns server
//!   responses into the stored request shape.

mod audit;
mod calendars;
mod coalesce;
mod columns;
mod conflicts;
mod contacts;
mod counts;
mod directory;
mod edits;
mod entity;
mod entries;
mod error;
mod inherited;
mod links;
pub mod merge;
mod migrate;
mod open;
mod ops;
mod outbox;
mod record;
mod records;
pub mod recurrence;
mod reminders;
mod scope;
pub mod search;
mod search_match;
mod series;
mod server_types;
mod settings;
mod sync_apply;
mod sync_runs;
mod tenant_reads;
mod util;
mod validate;
pub mod validation;
mod window;
pub mod wire;

pub use audit::{AuditEntry, AuditQuery};
pub use calendars::CalendarSummary;
pub use conflicts::{Choice, Conflict, ConflictKind, Resolution};
pub use contacts::{ContactPage, ContactQuery, ContactSort, ContactSummary};
pub use counts::TenantCounts;
pub use directory::{Directory, DirectoryItem, TenantInfo};
pub use edits::OP_ID_KEY;
pub use entity::Entity;
pub use entries::Participant;
pub use error::{ReplicaError, Result};
pub use inherited::{EffectiveConfig, EffectiveSettings, Inherited, InheritedPair, Level};
pub use links::{ContactReference, LinkedContact};
pub use migrate::{latest_version, Migration};
pub use open::Replica;
pub use ops::OutboxSummary;
pub use outbox::{OpKind, OpState, OutboxOp, Source};
pub use record::Record;
pub use reminders::ReminderSummary;
pub use scope::TenantScope;
pub use search::EntryHit;
pub use sync_apply::{RemoteDelete, Upserted};
pub use sync_runs::{RunOutcome, RunReport, SyncRun};
pub use tenant_reads::TenantRead;
pub use util::Fields;
pub use window::{FreeBusy, FreeBusySlot, WindowItem};
