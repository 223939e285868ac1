//! A calendar file with what real ones hold (crates/interop/tests/samples/troublemakers.ics:
//! events without an end, a holiday ending on its start date, extra dates, odd zones, a start
//! without its T) through the app's import: the preview lists every item as the apply then
//! writes it, every event with a start is created, a second import recognises them all (the
//! extra dates by their own UIDs), a sync pushes them all without a failure, and the export
//! holds each one, extra dates included.

use outpost_app::commands::export::{ExportArgs, ExportWhat};
use outpost_app::commands::import::{DuplicatePolicy, ImportArgs, ItemAction};

use super::{calendar_from_ics, import_args, signed_in};

const SAMPLE: &str = include_str!("../../../../interop/tests/samples/troublemakers.ics");

/// Events in the sample with a start (extra dates counted), and those without one or
/// repeating by another calendar.
const CREATED: u32 = 16;
const REFUSED: u32 = 2;

#[tokio::test]
async fn the_preview_says_what_the_import_does_and_every_event_with_a_start_comes_in() {
    let dir = tempfile::tempdir().unwrap();
    let (_server, app) = signed_in(dir.path()).await;
    let (calendar, first) = calendar_from_ics(
        &app,
        dir.path(),
        ("Troublemakers", "Europe/Berlin"),
        "first.ics",
        SAMPLE,
    )
    .await;
    assert_eq!(
        (first.created, first.failed),
        (CREATED, REFUSED),
        "{first:#?}"
    );

    // The same file again, previewed then applied, into a second calendar: the same items,
    // actions, warnings and problems.
    let other = app
        .create_calendar(outpost_app::commands::calendars::FieldsArgs::new(serde_json::json!({"name": "Again", "kind": "tenant_shared", "timezone": "Europe/Berlin"})
                .as_object()
                .unwrap()
                .clone()))
        .await
        .unwrap();
    let path = dir.path().join("again.ics");
    std::fs::write(&path, SAMPLE).unwrap();
    let args = || ImportArgs {
        calendar_id: Some(other.local_id.clone()),
        ..import_args(&path, DuplicatePolicy::Skip)
    };
    let preview = app.import_preview(args()).await.unwrap();
    let applied = app.import_apply(args()).await.unwrap();
    assert!(!preview.applied && applied.applied);
    assert_eq!(
        (preview.created, preview.failed, preview.skipped),
        (applied.created, applied.failed, applied.skipped)
    );
    assert_eq!(preview.items, applied.items);
    let lines_said: Vec<u32> = applied
        .items
        .iter()
        .flat_map(|i| i.warnings.iter().chain(&i.problems).map(|p| p.line))
        .collect();
    assert!(!lines_said.is_empty());
    // Every warning and problem points into the file, past its VCALENDAR and VTIMEZONE lines.
    assert!(lines_said.iter().all(|l| *l >= 35), "{lines_said:?}");
    let extras: Vec<&str> = applied
        .items
        .iter()
        .filter(|i| {
            i.warnings
                .iter()
                .any(|w| w.field.as_deref() == Some("rdate"))
        })
        .map(|i| i.label.as_str())
        .collect();
    assert_eq!(
        extras,
        [
            "Office hours",
            "Office hours (2026-03-05)",
            "Office hours (2026-03-26)",
            "Workshop days",
            "Workshop days (2026-04-08)",
            "Workshop days (2026-04-15)"
        ]
    );

    // A third time: everything with a start is already there, the extra dates too.
    let again = app.import_apply(args()).await.unwrap();
    assert_eq!(
        (again.created, again.skipped, again.failed),
        (0, CREATED, REFUSED),
        "{again:#?}"
    );
    assert!(again
        .items
        .iter()
        .filter(|i| i.action == ItemAction::Skip)
        .all(|i| i.reason.as_deref().unwrap_or("").contains("same UID")));

    // The platform takes them all: a sync pushes every entry and series and fails none
    // (fixed-offset zones, the extra dates' metadata, points in time included).
    let sync = app.sync_now(Default::default()).await.unwrap();
    assert_eq!(sync.run.report.failed, 0, "{sync:?}");
    assert_eq!(sync.status.outbox.failed, 0, "{sync:?}");
    assert!(sync.run.report.pushed >= 2 * CREATED, "{sync:?}");

    // The export of the first calendar holds every imported event under its UID.
    let out = dir.path().join("out.ics");
    let exported = app
        .export(ExportArgs {
            what: ExportWhat::Calendars,
            format: None,
            path: out.display().to_string(),
            calendar_ids: vec![calendar],
            from: None,
            to: None,
            vcard_version: None,
        })
        .await
        .unwrap();
    assert_eq!(exported.written, CREATED, "{exported:?}");
    let written = std::fs::read_to_string(&out).unwrap();
    for uid in [
        "office@troublemakers-rdate-20260305T130000Z",
        "office@troublemakers-rdate-20260326T150000Z",
        "workshop@notes-rdate-20260408T110000Z",
        "point@troublemakers",
        "odd-zone@troublemakers",
    ] {
        assert!(
            written.contains(&format!("UID:{uid}\r\n")),
            "{uid}\n{written}"
        );
    }
}

/// Rules the platform's series cannot hold (crates/interop/tests/samples/unrolled-rules.ics):
/// the preview lists each occurrence's entry as the apply creates it, a second import
/// recognises them by their own UIDs, the platform takes them (with `metadata.icalRuleOf`),
/// and the export holds each one.
#[tokio::test]
async fn rules_the_platform_cannot_hold_come_in_as_entries_the_preview_shows() {
    const RULES: &str = include_str!("../../../../interop/tests/samples/unrolled-rules.ics");
    let dir = tempfile::tempdir().unwrap();
    let (_server, app) = signed_in(dir.path()).await;
    let calendar = app
        .create_calendar(outpost_app::commands::calendars::FieldsArgs::new(serde_json::json!({"name": "Rules", "kind": "tenant_shared", "timezone": "Europe/Berlin"})
                .as_object()
                .unwrap()
                .clone()))
        .await
        .unwrap();
    let path = dir.path().join("rules.ics");
    std::fs::write(&path, RULES).unwrap();
    let args = || ImportArgs {
        calendar_id: Some(calendar.local_id.clone()),
        ..import_args(&path, DuplicatePolicy::Skip)
    };
    let preview = app.import_preview(args()).await.unwrap();
    let applied = app.import_apply(args()).await.unwrap();
    assert_eq!(preview.items, applied.items);
    assert_eq!(
        (preview.created, preview.failed),
        (applied.created, applied.failed)
    );
    assert_eq!(applied.failed, 0, "{applied:#?}");
    // Team lunch 5, Payroll 6, Rent due 4, Election day 1 (a series), Check the heating 4,
    // Pills 4, and the open-ended Board meeting: two years past today, at least 26.
    let board = applied
        .items
        .iter()
        .filter(|i| i.label.starts_with("Board meeting"))
        .count() as u32;
    assert!(board >= 26, "{board}");
    assert_eq!(applied.created, 24 + board, "{applied:#?}");
    let notes = applied
        .items
        .iter()
        .flat_map(|i| &i.warnings)
        .filter(|w| w.message.contains("series cannot hold this rule"))
        .count();
    assert_eq!(notes, 6);

    let again = app.import_apply(args()).await.unwrap();
    assert_eq!(
        (again.created, again.skipped, again.failed),
        (0, applied.created, 0),
        "{again:#?}"
    );

    let sync = app.sync_now(Default::default()).await.unwrap();
    assert_eq!(sync.run.report.failed, 0, "{sync:?}");
    assert_eq!(sync.status.outbox.failed, 0, "{sync:?}");

    let out = dir.path().join("out.ics");
    let exported = app
        .export(ExportArgs {
            what: ExportWhat::Calendars,
            format: None,
            path: out.display().to_string(),
            calendar_ids: vec![calendar.local_id.clone()],
            from: None,
            to: None,
            vcard_version: None,
        })
        .await
        .unwrap();
    assert_eq!(exported.written, applied.created, "{exported:?}");
    let written = std::fs::read_to_string(&out).unwrap();
    for uid in [
        "lunch@unrolled-occurrence-20260609T100000Z",
        "lunch@unrolled-rdate-20260620T100000Z",
        "payroll@unrolled-occurrence-20260630T070000Z",
        "rent@unrolled-occurrence-20260228",
    ] {
        assert!(
            written.contains(&format!("UID:{uid}\r\n")),
            "{uid}\n{written}"
        );
    }
}
