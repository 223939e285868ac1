//! The watched folder, running as in the desktop app: files dropped into the chosen folder are
//! imported into the active tenant (as offline edits the next sync sends) and moved aside with
//! their report; a file that cannot be imported goes to `failed/` with the reason; other files
//! are left alone; the settings refuse a folder that does not exist.

use std::path::{Path, PathBuf};
use std::sync::Arc;
use std::time::{Duration, Instant};

use outpost_app::commands::accounts::SignInArgs;
use outpost_app::commands::calendars::ListCalendarsArgs;
use outpost_app::commands::contacts::SearchContactsArgs;
use outpost_app::commands::import::DuplicatePolicy;
use outpost_app::commands::watch::{WatchReportsArgs, WatchSettings};
use outpost_app::watch_folder::{self, FAILED, IMPORTED};
use outpost_app::{App, AppConfig};
use outpost_devserver::{demo, DemoOptions, DevServerConfig};

const VCARDS: &str = "BEGIN:VCARD\r\nVERSION:4.0\r\nFN:Wanda Watched\r\nN:Watched;Wanda;;;\r\nEMAIL:wanda@example.com\r\nEND:VCARD\r\nBEGIN:VCARD\r\nVERSION:4.0\r\nFN:Walt Watched\r\nN:Watched;Walt;;;\r\nTEL:+1 555 0300\r\nEND:VCARD\r\n";

const EVENT: &str = "BEGIN:VCALENDAR\r\nVERSION:2.0\r\nPRODID:-//test//EN\r\nBEGIN:VEVENT\r\nUID:watched-1@example.com\r\nDTSTAMP:20261120T090000Z\r\nDTSTART:20261201T090000Z\r\nDTEND:20261201T100000Z\r\nSUMMARY:Dropped in\r\nEND:VEVENT\r\nEND:VCALENDAR\r\n";

/// The files in `dir` (none when it does not exist).
fn files_in(dir: &Path) -> Vec<String> {
    let mut names: Vec<String> = std::fs::read_dir(dir)
        .into_iter()
        .flatten()
        .flatten()
        .map(|e| e.file_name().to_string_lossy().to_string())
        .collect();
    names.sort();
    names
}

/// Waits (up to a generous bound: the machine may be busy) until `ready` holds.
async fn eventually(what: &str, ready: impl Fn() -> bool) {
    let until = Instant::now() + Duration::from_secs(30);
    while !ready() {
        assert!(Instant::now() < until, "never happened: {what}");
        tokio::time::sleep(Duration::from_millis(50)).await;
    }
}

/// Writes a file the way a copy does: under a temporary name, then renamed into place.
fn drop_file(folder: &Path, name: &str, text: &str) -> PathBuf {
    let tmp = folder.join(format!(".{name}.part"));
    std::fs::write(&tmp, text).unwrap();
    let target = folder.join(name);
    std::fs::rename(&tmp, &target).unwrap();
    target
}

#[tokio::test]
async fn dropped_files_are_imported_and_moved_aside_with_their_report() {
    let server = outpost_devserver::start(DevServerConfig {
        demo: Some(DemoOptions::default()),
        ..DevServerConfig::default()
    })
    .await
    .unwrap();
    std::env::set_var("OUTPOST_KEYRING", "kernel");
    let data = tempfile::tempdir().unwrap();
    let app = Arc::new(
        App::new(AppConfig {
            data_dir: data.path().to_path_buf(),
            server_url: None,
            demo: false,
        })
        .unwrap(),
    );
    app.sign_in(SignInArgs {
        server_url: server.base_url(),
        email: demo::ADMIN_EMAIL.into(),
        password: demo::ADMIN_PASSWORD.into(),
        remember_me: false,
    })
    .await
    .unwrap();
    app.sync_now(Default::default()).await.unwrap();
    let calendar = app
        .list_calendars(ListCalendarsArgs::default())
        .await
        .unwrap()
        .remove(0)
        .local_id;

    let folder = tempfile::tempdir().unwrap();
    let folder = folder.path();
    let err = app
        .set_watch_settings(WatchSettings {
            folder: Some(folder.join("missing").display().to_string()),
            calendar_id: None,
            duplicates: DuplicatePolicy::Skip,
        })
        .await
        .unwrap_err();
    assert!(
        err.message.contains("there is no folder"),
        "{}",
        err.message
    );

    // A file already there when watching begins is taken too; a note is left alone.
    std::fs::write(folder.join("people.vcf"), VCARDS).unwrap();
    std::fs::write(folder.join("notes.txt"), "not for import").unwrap();
    app.set_watch_settings(WatchSettings {
        folder: Some(folder.display().to_string()),
        calendar_id: None,
        duplicates: DuplicatePolicy::Skip,
    })
    .await
    .unwrap();
    let running = watch_folder::spawn(app.clone());

    eventually("people.vcf imported", || {
        files_in(&folder.join(IMPORTED))
            .iter()
            .any(|f| f.ends_with("people.vcf"))
    })
    .await;
    let found = app
        .search_contacts(SearchContactsArgs {
            query: "Watched".into(),
            limit: None,
        })
        .await
        .unwrap();
    assert_eq!(found.len(), 2, "{found:?}");
    assert!(
        found.iter().all(|c| c.has_pending_ops),
        "sent by the next sync"
    );

    // An .ics with no calendar chosen yet fails, in words, and is kept in failed/.
    drop_file(folder, "meeting.ics", EVENT);
    eventually("meeting.ics moved to failed/", || {
        files_in(&folder.join(FAILED))
            .iter()
            .any(|f| f.ends_with("meeting.ics"))
    })
    .await;

    // With a calendar chosen, the same file dropped again is imported.
    app.set_watch_settings(WatchSettings {
        folder: Some(folder.display().to_string()),
        calendar_id: Some(calendar),
        duplicates: DuplicatePolicy::Skip,
    })
    .await
    .unwrap();
    drop_file(folder, "meeting.ics", EVENT);
    eventually("meeting.ics imported", || {
        files_in(&folder.join(IMPORTED))
            .iter()
            .any(|f| f.ends_with("meeting.ics"))
    })
    .await;
    running.abort();

    assert_eq!(files_in(folder), ["failed", "imported", "notes.txt"]);
    let reports = app
        .watch_reports(WatchReportsArgs { limit: None })
        .await
        .unwrap();
    assert_eq!(reports.len(), 3, "{reports:#?}");
    let failed = reports.iter().find(|r| r.error.is_some()).unwrap();
    assert_eq!(failed.file, "meeting.ics");
    assert!(
        failed
            .error
            .as_deref()
            .unwrap()
            .contains("choose the calendar for .ics files"),
        "{failed:?}"
    );
    let event = reports
        .iter()
        .find(|r| r.file == "meeting.ics" && r.error.is_none())
        .unwrap();
    assert_eq!(event.outcome.as_ref().unwrap()["created"], 1);
    let people = reports.iter().find(|r| r.file == "people.vcf").unwrap();
    assert_eq!(people.outcome.as_ref().unwrap()["created"], 2);
    assert!(Path::new(&people.moved_to).is_file());
    assert!(Path::new(&format!("{}.report.json", people.moved_to)).is_file());

    // The next sync sends what the folder imported.
    let done = app.sync_now(Default::default()).await.unwrap();
    assert_eq!(done.run.report.pushed, 3, "{:?}", done.run.report);
}
