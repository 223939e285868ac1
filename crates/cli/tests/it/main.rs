//! The CLI's integration tests (the `outpost` binary against a real devserver): one test
//! binary, a module per subject; shared fixtures in `common` and `roundtrip`.

mod accounts;
mod calendars_offline;
mod cli;
mod common;
mod contacts_sync;
mod groups;
mod offline_start;
mod own_account;
mod places;
mod roundtrip;
mod safe_defaults;
mod servers;
mod sync_lock;
mod sync_tenant;
mod tenants;
mod transfer;
mod users;
mod watch;
