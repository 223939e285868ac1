//! Import and export through the app's commands, as the UI and the CLI call them: a CSV's
//! column mapping, duplicates created again, CSV export read back, the export's date window and
//! vCard version, a rule with a million occurrences kept bounded, e-mail and url edge cases
//! judged alike by an import's preview and its apply, and a calendar file of what real ones
//! hold imported with RFC 5545's defaults.

mod calendar_defaults;
mod contacts_roundtrip;
mod csv_mapping;
mod export_window;
mod import_edge_formats;
mod million_occurrences;

use std::path::{Path, PathBuf};

use outpost_app::commands::accounts::SignInArgs;
use outpost_app::commands::calendars::FieldsArgs;
use outpost_app::commands::import::{DuplicatePolicy, ImportArgs, ImportOutcome};
use outpost_app::{App, AppConfig};
use outpost_devserver::{demo, DemoOptions, DevServerConfig, RunningServer};

/// A devserver with the small demo and an app signed in to it and synced, its data in `dir`.
pub async fn signed_in(dir: &Path) -> (RunningServer, App) {
    let server = outpost_devserver::start(DevServerConfig {
        demo: Some(DemoOptions::default()),
        ..DevServerConfig::default()
    })
    .await
    .unwrap();
    std::env::set_var("OUTPOST_KEYRING", "kernel");
    let app = App::new(AppConfig {
        data_dir: dir.to_path_buf(),
        server_url: None,
        demo: false,
    })
    .unwrap();
    app.sign_in(SignInArgs {
        server_url: server.base_url(),
        email: demo::ADMIN_EMAIL.into(),
        password: demo::ADMIN_PASSWORD.into(),
        remember_me: false,
    })
    .await
    .unwrap();
    app.sync_now(Default::default()).await.unwrap();
    (server, app)
}

/// Writes `text` to `name` in `dir`.
pub fn file(dir: &Path, name: &str, text: &str) -> PathBuf {
    let path = dir.join(name);
    std::fs::write(&path, text).unwrap();
    path
}

/// The arguments of an import of `path` with this duplicates choice.
pub fn import_args(path: &Path, duplicates: DuplicatePolicy) -> ImportArgs {
    ImportArgs {
        path: path.display().to_string(),
        duplicates,
        ..ImportArgs::default()
    }
}

/// The fields of the one contact a search for `words` finds.
pub async fn contact_named(app: &App, words: &str) -> serde_json::Value {
    use outpost_app::commands::contacts::{ContactIdArgs, SearchContactsArgs};
    let hits = app
        .search_contacts(SearchContactsArgs {
            query: words.into(),
            limit: None,
        })
        .await
        .unwrap();
    assert_eq!(hits.len(), 1, "{words}: {hits:?}");
    let record = app
        .get_contact(ContactIdArgs {
            id: hits[0].local_id.clone(),
        })
        .await
        .unwrap();
    record.fields
}

/// A new calendar named `name` in `timezone` with the .ics `text` imported into it (written to
/// `file_name` in `dir`); returns the calendar's local id and the import's outcome.
pub async fn calendar_from_ics(
    app: &App,
    dir: &Path,
    (name, timezone): (&str, &str),
    file_name: &str,
    text: &str,
) -> (String, ImportOutcome) {
    let calendar = app
        .create_calendar(FieldsArgs::new(
            serde_json::json!({"name": name, "kind": "tenant_shared", "timezone": timezone})
                .as_object()
                .unwrap()
                .clone(),
        ))
        .await
        .unwrap();
    let ics = file(dir, file_name, text);
    let imported = app
        .import_apply(ImportArgs {
            calendar_id: Some(calendar.local_id.clone()),
            ..import_args(&ics, DuplicatePolicy::Skip)
        })
        .await
        .unwrap();
    (calendar.local_id, imported)
}
