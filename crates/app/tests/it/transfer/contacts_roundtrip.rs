//! Contacts out and back: a CSV export read back gives the same fields; the vCard version is
//! the one asked for; a vCard version asked of a CSV export is refused. And duplicates imported
//! again with `create`: the same file twice gives twice the records.

use outpost_app::commands::calendars::{FieldsArgs, WindowArgs};
use outpost_app::commands::export::{ExportArgs, ExportWhat, VCardVersion};
use outpost_app::commands::import::{DuplicatePolicy, ImportArgs};
use outpost_interop::csv::{self, CsvOptions};
use outpost_interop::{vcard, Fields};
use outpost_replica::ContactQuery;

use super::{file, import_args, signed_in};

const CARDS: &str = "BEGIN:VCARD\r\nVERSION:4.0\r\nN:Roundtrip;Ana;Maria;;\r\nFN:Ana Maria Roundtrip\r\n\
EMAIL:ana@roundtrip.example\r\nTEL:+49 30 1234\r\nURL:https://ana.roundtrip.example\r\n\
ADR:;;Hauptstraße 5;Berlin;BE;10115;Germany\r\nNOTE:Two lines\\, one comma\\nand \"quotes\"\r\nEND:VCARD\r\n\
BEGIN:VCARD\r\nVERSION:4.0\r\nN:Roundtrip;Bo;;;\r\nFN:Bo Roundtrip\r\nTEL:+1 555 0100\r\nEND:VCARD\r\n";

const EVENTS: &str = "BEGIN:VCALENDAR\r\nVERSION:2.0\r\n\
BEGIN:VEVENT\r\nUID:once@twice\r\nSUMMARY:Once\r\nDTSTART:20260505T100000Z\r\nDTEND:20260505T110000Z\r\nEND:VEVENT\r\n\
BEGIN:VEVENT\r\nUID:daily@twice\r\nSUMMARY:Daily\r\nDTSTART:20260504T080000Z\r\nDTEND:20260504T083000Z\r\nRRULE:FREQ=DAILY;COUNT=3\r\nEND:VEVENT\r\n\
BEGIN:VEVENT\r\nUID:daily@twice\r\nRECURRENCE-ID:20260505T080000Z\r\nSUMMARY:Daily (moved)\r\nDTSTART:20260505T140000Z\r\nDTEND:20260505T143000Z\r\nEND:VEVENT\r\n\
END:VCALENDAR\r\n";

fn contacts_export(path: &std::path::Path) -> ExportArgs {
    ExportArgs {
        what: ExportWhat::Contacts,
        format: None,
        path: path.display().to_string(),
        calendar_ids: vec![],
        from: None,
        to: None,
        vcard_version: None,
    }
}

fn by_last_name<'a>(contacts: &'a [Fields], first: &str) -> &'a Fields {
    contacts
        .iter()
        .find(|c| {
            c.get("lastName").and_then(|v| v.as_str()) == Some("Roundtrip")
                && c["firstName"] == first
        })
        .unwrap_or_else(|| panic!("{first} Roundtrip is not in {contacts:?}"))
}

#[tokio::test]
async fn a_csv_export_reads_back_as_the_same_contacts() {
    let dir = tempfile::tempdir().unwrap();
    let (server, app) = signed_in(dir.path()).await;
    let vcf = file(dir.path(), "cards.vcf", CARDS);
    let imported = app
        .import_apply(import_args(&vcf, DuplicatePolicy::Skip))
        .await
        .unwrap();
    assert_eq!(imported.created, 2, "{imported:?}");
    let originals: Vec<Fields> = vcard::import(CARDS.as_bytes()).records().cloned().collect();

    let out = dir.path().join("all.csv");
    let outcome = app
        .export(ExportArgs {
            format: Some(outpost_app::commands::import::FileFormat::Csv),
            ..contacts_export(&out)
        })
        .await
        .unwrap();
    let total = app
        .list_contacts(ContactQuery::default())
        .await
        .unwrap()
        .total;
    assert_eq!(outcome.written, total);
    let bytes = std::fs::read(&out).unwrap();
    assert!(
        bytes.starts_with(b"\xEF\xBB\xBF"),
        "UTF-8 with a BOM, for spreadsheets"
    );
    let back = csv::import(&bytes[..], CsvOptions::default()).unwrap();
    assert!(back.report.is_clean(), "{:?}", back.report.file_problems);
    let back: Vec<Fields> = back.report.records().cloned().collect();
    assert_eq!(back.len() as u32, total);
    for first in ["Ana", "Bo"] {
        assert_eq!(by_last_name(&back, first), by_last_name(&originals, first));
    }
    assert_eq!(
        by_last_name(&back, "Ana")["notes"],
        "Two lines, one comma\nand \"quotes\""
    );
    server.shutdown().await.unwrap();
}

#[tokio::test]
async fn vcards_are_written_in_the_version_asked_for() {
    let dir = tempfile::tempdir().unwrap();
    let (server, app) = signed_in(dir.path()).await;
    let out = dir.path().join("all.vcf");
    for (asked, version) in [
        (None, "VERSION:4.0"),
        (Some(VCardVersion::V4), "VERSION:4.0"),
        (Some(VCardVersion::V3), "VERSION:3.0"),
    ] {
        let outcome = app
            .export(ExportArgs {
                vcard_version: asked,
                ..contacts_export(&out)
            })
            .await
            .unwrap();
        let text = std::fs::read_to_string(&out).unwrap();
        assert!(outcome.written > 0);
        assert_eq!(
            text.matches(version).count() as u32,
            outcome.written,
            "{asked:?}"
        );
    }
    let e = app
        .export(ExportArgs {
            format: Some(outpost_app::commands::import::FileFormat::Csv),
            vcard_version: Some(VCardVersion::V3),
            ..contacts_export(&out)
        })
        .await
        .unwrap_err();
    assert_eq!(e.message, "a vCard version is for vCard (vcf) exports");
    server.shutdown().await.unwrap();
}

#[tokio::test]
async fn the_same_file_twice_with_create_gives_twice_the_records() {
    let dir = tempfile::tempdir().unwrap();
    let (server, app) = signed_in(dir.path()).await;
    let vcf = file(dir.path(), "cards.vcf", CARDS);
    let before = app
        .list_contacts(ContactQuery::default())
        .await
        .unwrap()
        .total;
    for round in 1..=2 {
        let outcome = app
            .import_apply(import_args(&vcf, DuplicatePolicy::Create))
            .await
            .unwrap();
        assert_eq!(
            (outcome.created, outcome.skipped, outcome.updated),
            (2, 0, 0),
            "round {round}"
        );
    }
    let after = app
        .list_contacts(ContactQuery::default())
        .await
        .unwrap()
        .total;
    assert_eq!(after, before + 4);
    let anas = app
        .search_contacts(outpost_app::commands::contacts::SearchContactsArgs {
            query: "Ana Roundtrip".into(),
            limit: None,
        })
        .await
        .unwrap();
    assert_eq!(anas.len(), 2, "{anas:?}");
    // With skip, a third run finds both as already here.
    let third = app
        .import_apply(import_args(&vcf, DuplicatePolicy::Skip))
        .await
        .unwrap();
    assert_eq!((third.created, third.skipped), (0, 2));

    // Events too: a one-off and a series (with its changed occurrence), twice.
    let calendar = app
        .create_calendar(FieldsArgs::new(
            serde_json::json!({"name": "Twice", "kind": "tenant_shared", "timezone": "UTC"})
                .as_object()
                .unwrap()
                .clone(),
        ))
        .await
        .unwrap();
    let ics = file(dir.path(), "twice.ics", EVENTS);
    for _ in 0..2 {
        let outcome = app
            .import_apply(ImportArgs {
                calendar_id: Some(calendar.local_id.clone()),
                ..import_args(&ics, DuplicatePolicy::Create)
            })
            .await
            .unwrap();
        assert_eq!(
            (outcome.created, outcome.skipped, outcome.failed),
            (2, 0, 0)
        );
    }
    let week = app
        .calendar_window(WindowArgs {
            calendar_ids: vec![calendar.local_id.clone()],
            from: "2026-05-04T00:00:00Z".into(),
            to: "2026-05-11T00:00:00Z".into(),
        })
        .await
        .unwrap();
    let mut titles: Vec<&str> = week.iter().map(|i| i.title.as_str()).collect();
    titles.sort();
    // Each once per import: the one-off, the series' two plain days and its moved one.
    assert_eq!(
        titles,
        [
            "Daily",
            "Daily",
            "Daily",
            "Daily",
            "Daily (moved)",
            "Daily (moved)",
            "Once",
            "Once"
        ]
    );
    server.shutdown().await.unwrap();
}
