//! A rule with a million occurrences (COUNT=1000000, daily) and one with no end go through the
//! import, a month view (now, and two thousand years on) and exports (whole, and a window two
//! thousand years on) without expanding every occurrence: each step answers what it is asked
//! and the file states the rule, not its occurrences. The timeout is generous on purpose: it
//! catches a hang or a walk over every occurrence, not a slow machine.

use std::time::Duration;

use outpost_app::commands::calendars::WindowArgs;
use outpost_app::commands::export::{ExportArgs, ExportWhat};

use super::{calendar_from_ics, signed_in};

const ENDLESS: &str = "BEGIN:VCALENDAR\r\nVERSION:2.0\r\n\
BEGIN:VEVENT\r\nUID:million@endless\r\nSUMMARY:A million days\r\nDTSTART:20260105T070000Z\r\nDTEND:20260105T071500Z\r\nRRULE:FREQ=DAILY;COUNT=1000000\r\nEND:VEVENT\r\n\
BEGIN:VEVENT\r\nUID:forever@endless\r\nSUMMARY:Forever\r\nDTSTART:20260105T080000Z\r\nDTEND:20260105T081500Z\r\nRRULE:FREQ=DAILY\r\nEND:VEVENT\r\n\
END:VCALENDAR\r\n";

const GENEROUS: Duration = Duration::from_secs(120);

#[tokio::test]
async fn a_million_occurrences_stay_a_rule_from_import_to_month_view_to_export() {
    let dir = tempfile::tempdir().unwrap();
    let (server, app) = signed_in(dir.path()).await;
    let work = async {
        let (calendar, imported) =
            calendar_from_ics(&app, dir.path(), ("Endless", "UTC"), "endless.ics", ENDLESS).await;
        assert_eq!((imported.created, imported.failed), (2, 0), "{imported:?}");

        // A month view now, and one two thousand years on (the million days last ~2,738 years).
        for (from, to) in [
            ("2026-03-01T00:00:00Z", "2026-04-01T00:00:00Z"),
            ("4026-03-01T00:00:00Z", "4026-04-01T00:00:00Z"),
        ] {
            let month = app
                .calendar_window(WindowArgs {
                    calendar_ids: vec![calendar.clone()],
                    from: from.into(),
                    to: to.into(),
                })
                .await
                .unwrap();
            for title in ["A million days", "Forever"] {
                let days = month.iter().filter(|i| i.title == title).count();
                assert_eq!(days, 31, "{title} in the month from {from}");
            }
        }

        // The export states the rules, a few lines each, whole or in a window far ahead.
        let out = dir.path().join("endless-out.ics");
        let export = |from: Option<&str>, to: Option<&str>| ExportArgs {
            what: ExportWhat::Calendars,
            format: None,
            path: out.display().to_string(),
            calendar_ids: vec![calendar.clone()],
            from: from.and_then(|d| d.parse().ok()),
            to: to.and_then(|d| d.parse().ok()),
            vcard_version: None,
        };
        for (from, to) in [(None, None), (Some("4026-03-01"), Some("4026-03-31"))] {
            let outcome = app.export(export(from, to)).await.unwrap();
            assert_eq!(
                (outcome.written, outcome.outside_window),
                (2, 0),
                "{from:?}"
            );
            let text = std::fs::read_to_string(&out).unwrap();
            assert!(text.contains("RRULE:FREQ=DAILY;COUNT=1000000"), "{text}");
            assert!(text.len() < 8 * 1024, "{} bytes", text.len());
        }
        // After the million days only the endless one is left.
        let outcome = app
            .export(export(Some("5000-01-01"), Some("5000-01-31")))
            .await
            .unwrap();
        assert_eq!((outcome.written, outcome.outside_window), (1, 1));
    };
    tokio::time::timeout(GENEROUS, work)
        .await
        .expect("import, month view and export of a million-occurrence rule stay quick");
    server.shutdown().await.unwrap();
}
