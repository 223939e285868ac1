//! A calendar export with a date window: entries outside it are left out and counted, a series
//! with an occurrence inside is written whole with its rule (its changes outside the window
//! too), a series that ended before is left out; the outcome states the window the replica
//! holds. A window that ends before it begins, or one asked of a contacts export, is refused.

use chrono::{Duration, Utc};
use outpost_app::commands::export::{ExportArgs, ExportWhat};

use super::{calendar_from_ics, file, signed_in};

const WINDOWED: &str = "BEGIN:VCALENDAR\r\nVERSION:2.0\r\n\
BEGIN:VEVENT\r\nUID:before@w\r\nSUMMARY:Before\r\nDTSTART:20260430T100000Z\r\nDTEND:20260430T110000Z\r\nEND:VEVENT\r\n\
BEGIN:VEVENT\r\nUID:inside@w\r\nSUMMARY:Inside\r\nDTSTART:20260506T100000Z\r\nDTEND:20260506T110000Z\r\nEND:VEVENT\r\n\
BEGIN:VEVENT\r\nUID:late-evening@w\r\nSUMMARY:Late evening\r\nDTSTART:20260510T203000Z\r\nDTEND:20260510T213000Z\r\nEND:VEVENT\r\n\
BEGIN:VEVENT\r\nUID:after@w\r\nSUMMARY:After\r\nDTSTART:20260511T100000Z\r\nDTEND:20260511T110000Z\r\nEND:VEVENT\r\n\
BEGIN:VEVENT\r\nUID:weekly@w\r\nSUMMARY:Weekly\r\nDTSTART:20260302T080000Z\r\nDTEND:20260302T090000Z\r\nRRULE:FREQ=WEEKLY;BYDAY=MO\r\nEXDATE:20260309T080000Z\r\nEND:VEVENT\r\n\
BEGIN:VEVENT\r\nUID:ended@w\r\nSUMMARY:Ended\r\nDTSTART:20260302T120000Z\r\nDTEND:20260302T130000Z\r\nRRULE:FREQ=DAILY;COUNT=5\r\nEND:VEVENT\r\n\
END:VCALENDAR\r\n";

fn export_args(path: &std::path::Path, calendar: &str) -> ExportArgs {
    ExportArgs {
        what: ExportWhat::Calendars,
        format: None,
        path: path.display().to_string(),
        calendar_ids: vec![calendar.to_string()],
        from: None,
        to: None,
        vcard_version: None,
    }
}

#[tokio::test]
async fn only_what_lies_in_the_window_is_written_and_series_go_whole() {
    let dir = tempfile::tempdir().unwrap();
    let (server, app) = signed_in(dir.path()).await;
    let (calendar, imported) = calendar_from_ics(
        &app,
        dir.path(),
        ("Window", "Europe/Berlin"),
        "windowed.ics",
        WINDOWED,
    )
    .await;
    assert_eq!((imported.created, imported.failed), (6, 0), "{imported:?}");

    let out = dir.path().join("may.ics");
    let outcome = app
        .export(ExportArgs {
            from: "2026-05-04".parse().ok(),
            to: "2026-05-10".parse().ok(),
            ..export_args(&out, &calendar)
        })
        .await
        .unwrap();
    let written = std::fs::read_to_string(&out).unwrap();
    let mut uids: Vec<&str> = written
        .lines()
        .filter_map(|l| l.strip_prefix("UID:"))
        .collect();
    uids.sort();
    // 22:30 Berlin on the 10th is inside; the weekly series reaches in, the daily one ended.
    assert_eq!(
        uids,
        ["inside@w", "late-evening@w", "weekly@w"],
        "{written}"
    );
    assert_eq!((outcome.written, outcome.outside_window), (3, 3));
    // Whole: its rule, and its cancelled occurrence from before the window.
    assert!(written.contains("RRULE:FREQ=WEEKLY;BYDAY=MO"), "{written}");
    assert!(
        written.contains("EXDATE;TZID=Europe/Berlin:20260309T090000"),
        "{written}"
    );

    // Open at one end.
    let outcome = app
        .export(ExportArgs {
            from: "2026-05-11".parse().ok(),
            ..export_args(&out, &calendar)
        })
        .await
        .unwrap();
    assert_eq!((outcome.written, outcome.outside_window), (2, 4));
    let outcome = app.export(export_args(&out, &calendar)).await.unwrap();
    assert_eq!((outcome.written, outcome.outside_window), (6, 0));

    // The replica's own window, from the sync the sign-in ran.
    let held = outcome.replica_holds.expect("synced, so it holds a window");
    let today = Utc::now().date_naive();
    assert!(
        (held.from - (today - Duration::days(90))).num_days().abs() <= 1,
        "{held:?}"
    );
    assert!(
        (held.to - (today + Duration::days(364))).num_days().abs() <= 1,
        "{held:?}"
    );
    server.shutdown().await.unwrap();
}

#[tokio::test]
async fn a_backwards_window_or_a_window_of_contacts_is_refused_and_the_file_left_alone() {
    let dir = tempfile::tempdir().unwrap();
    let (server, app) = signed_in(dir.path()).await;
    let out = file(dir.path(), "keep.txt", "already here");
    let e = app
        .export(ExportArgs {
            from: "2026-05-10".parse().ok(),
            to: "2026-05-04".parse().ok(),
            ..export_args(&out, "any")
        })
        .await
        .unwrap_err();
    assert_eq!(
        (e.code.as_str(), e.message.as_str()),
        (
            "invalid",
            "the window ends (2026-05-04) before it begins (2026-05-10)"
        )
    );
    let e = app
        .export(ExportArgs {
            what: ExportWhat::Contacts,
            calendar_ids: vec![],
            from: "2026-05-04".parse().ok(),
            ..export_args(&out, "any")
        })
        .await
        .unwrap_err();
    assert_eq!(
        e.message,
        "a date window is for calendar exports; contacts are exported whole"
    );
    assert_eq!(e.details.unwrap()["field"], "from");
    assert_eq!(std::fs::read_to_string(&out).unwrap(), "already here");
    server.shutdown().await.unwrap();
}
