//! The replica's integration tests: one test binary, a module per subject; shared fixtures in
//! `common`.

mod audit;
mod batch;
mod bindings;
mod common;
mod conflicts;
mod counts;
mod crash;
mod edits;
mod first_listing;
mod import_keys;
mod links;
mod migration_backup;
mod migrations;
mod outbox;
mod outbox_model;
mod previous_release;
mod recurrence;
mod search;
mod server;
mod sync_model;
mod tenants;
mod window;
