//! The app's integration tests (its commands against a real devserver, replica files and the
//! keyring): one test binary, a module per subject.

mod accounts;
mod bridge;
mod events;
mod import_chunks;
mod import_reminders;
mod import_turns;
mod json_files;
mod replica_holds;
mod secrets_in_logs;
mod sibling_sessions;
mod sync_cancel;
mod tenant_switch;
mod token_expiry;
mod transfer;
mod typed_records;
mod watch_folder;
mod watch_guard;
