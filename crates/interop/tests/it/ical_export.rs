//! iCalendar export: what the importer reads back, and what the python `icalendar` library
//! reads (another implementation, so a shared misreading of RFC 5545 would show).

use std::process::Command;

use outpost_interop::ical::{self, CalendarExport, EntryExport, ImportedEvent, SeriesExport};
use serde_json::{json, Value};

use crate::common::{
    export_reminding, fields, options, sample_bytes, sample_calendars, sample_reminders,
};

/// What the app would hand the exporter for an imported event (every sample event has a UID).
fn to_export(e: &ImportedEvent) -> EntryExport {
    assert!(e.uid.is_some(), "a sample event without a UID");
    EntryExport::from(e)
}

#[test]
fn imported_samples_export_and_import_back_to_the_same_records() {
    // Whether each sample has alarms, so that their round trip is checked where there are some.
    for (sample, has_alarms) in [
        ("google-calendar.ics", true),
        ("outlook-calendar.ics", true),
        ("thunderbird-lightning.ics", true),
        ("apple-calendar.ics", false),
    ] {
        let options = options();
        let first = ical::import(sample_bytes(sample).as_slice(), &options);
        let events: Vec<ImportedEvent> = first
            .report
            .records()
            .cloned()
            .map(without_lines)
            .map(without_link)
            .collect();
        assert!(!events.is_empty());
        assert_eq!(
            events.iter().any(|e| !e.reminders.is_empty()),
            has_alarms,
            "{sample}"
        );
        let text = export_reminding(
            &[CalendarExport {
                name: "Round trip".into(),
                timezone: "Europe/Berlin".into(),
                entries: events.iter().map(to_export).collect(),
            }],
            &[events.iter().map(|e| e.reminders.clone()).collect()],
        );
        for line in text.split("\r\n") {
            assert!(
                line.len() <= 75,
                "{sample}: line longer than 75 octets: {line}"
            );
        }
        let second = ical::import(text.as_bytes(), &options);
        assert!(
            second.report.file_problems.is_empty(),
            "{:?}",
            second.report.file_problems
        );
        let back: Vec<ImportedEvent> = second
            .report
            .records()
            .cloned()
            .map(without_lines)
            .collect();
        assert_eq!(back, events, "{sample}\n{text}");
        assert_eq!(second.name.as_deref(), Some("Round trip"));
    }
}

/// The link from an unrolled rule's occurrence to its event is the importer's bookkeeping:
/// the export writes each occurrence as an event of its own, which reads back without it.
fn without_link(mut e: ImportedEvent) -> ImportedEvent {
    if let Some(m) = e.entry.get_mut("metadata").and_then(|m| m.as_object_mut()) {
        m.remove("icalRuleOf");
    }
    e
}

/// Line numbers point into each file; the records are what must match.
pub fn without_lines(mut e: ImportedEvent) -> ImportedEvent {
    if let Some(s) = e.series.as_mut() {
        for o in &mut s.overrides {
            o.line = 0;
        }
    }
    e
}

#[test]
fn python_icalendar_reads_the_export() {
    let text = export_reminding(&sample_calendars(), &sample_reminders());
    let dir = tempfile::tempdir().unwrap();
    let path = dir.path().join("export.ics");
    std::fs::write(&path, &text).unwrap();
    let script = concat!(env!("CARGO_MANIFEST_DIR"), "/tests/ical_dump.py");
    let required = std::env::var("OUTPOST_REQUIRE_PYTHON_ICALENDAR").as_deref() == Ok("1");
    let output = match Command::new("python3").arg(script).arg(&path).output() {
        Ok(o) => o,
        Err(e) => {
            assert!(
                !required,
                "python3 is required (OUTPOST_REQUIRE_PYTHON_ICALENDAR=1) but cannot run: {e}"
            );
            eprintln!("SKIPPED: python3 cannot run ({e}); install python3 and `pip install icalendar` to run this check");
            return;
        }
    };
    if output.status.code() == Some(3) {
        let why = String::from_utf8_lossy(&output.stderr);
        assert!(
            !required,
            "python icalendar is required (OUTPOST_REQUIRE_PYTHON_ICALENDAR=1): {why}"
        );
        eprintln!("SKIPPED: {why} (`pip install icalendar` to run this check)");
        return;
    }
    assert!(
        output.status.success(),
        "the python icalendar library could not read the export: {}\n{text}",
        String::from_utf8_lossy(&output.stderr)
    );
    let parsed: Value = serde_json::from_slice(&output.stdout).unwrap();
    let calendars = parsed.as_array().unwrap();
    // Both calendars' events in one VCALENDAR (see ical/write.rs).
    assert_eq!(calendars.len(), 1);
    assert_eq!(calendars[0]["name"], "Team Berlin / New York office");
    assert_eq!(
        calendars[0]["timezones"],
        json!(["America/New_York", "Europe/Berlin"])
    );

    let events = calendars[0]["events"].as_array().unwrap();
    let standup = &events[0];
    assert_eq!(standup["summary"], "Stand-up; daily, short");
    assert_eq!(standup["description"], "Line one\nLine two");
    assert_eq!(standup["dtstart"], "2026-03-02T09:15:00+01:00");
    assert_eq!(standup["dtend"], "2026-03-02T09:30:00+01:00");
    assert_eq!(standup["status"], "CONFIRMED");
    assert_eq!(
        standup["rrule"],
        "FREQ=WEEKLY;UNTIL=20260629T071500Z;BYDAY=MO,WE,FR"
    );
    // EXDATEs at the occurrence's wall-clock time, across the DST change on 29 March.
    assert_eq!(
        standup["exdates"],
        json!(["2026-04-06T09:15:00+02:00", "2026-04-13T09:15:00+02:00"])
    );
    // The enabled reminders as alarms: a message on screen, and an e-mail with its summary.
    assert_eq!(
        standup["alarms"],
        json!([
            {"action": "DISPLAY", "triggerMinutes": -10, "description": "Stand-up; daily, short", "summary": null},
            {"action": "EMAIL", "triggerMinutes": 5, "description": "Stand-up; daily, short", "summary": "Stand-up; daily, short"}
        ])
    );
    let moved = &events[1];
    assert_eq!(moved["uid"], "standup@outpost");
    assert_eq!(moved["recurrenceId"], "2026-04-10T09:15:00+02:00");
    assert_eq!(moved["dtstart"], "2026-04-10T10:00:00+02:00");
    assert_eq!(moved["summary"], "Long stand-up");
    // The moved occurrence keeps the series' alarms, under its own title.
    assert_eq!(
        moved["alarms"],
        json!([
            {"action": "DISPLAY", "triggerMinutes": -10, "description": "Long stand-up", "summary": null},
            {"action": "EMAIL", "triggerMinutes": 5, "description": "Long stand-up", "summary": "Long stand-up"}
        ])
    );
    let holiday = &events[2];
    assert_eq!(
        (holiday["dtstart"].as_str(), holiday["dtend"].as_str()),
        (Some("2026-05-01"), Some("2026-05-02"))
    );
    assert_eq!(holiday["alarms"][0]["action"], "EMAIL");
    assert_eq!(holiday["alarms"][0]["triggerMinutes"], -180);
    let review = &events[3];
    assert_eq!(review["alarms"], json!([]));
    assert_eq!(review["dtstart"], "2026-03-16T10:00:00-04:00");
    assert_eq!(
        review["rrule"],
        "FREQ=MONTHLY;COUNT=6;INTERVAL=2;BYMONTHDAY=16"
    );
    assert_eq!(review["status"], "TENTATIVE");
}

#[test]
fn entries_that_cannot_be_written_are_listed_not_written() {
    let calendars = vec![CalendarExport {
        name: "Broken".into(),
        timezone: "Europe/Berlin".into(),
        entries: vec![
            EntryExport {
                uid: "bad-time@outpost".into(),
                entry: fields(
                    json!({"title": "x", "startsAt": "yesterday", "endsAt": "2026-01-01T00:00:00Z"}),
                ),
                series: None,
            },
            EntryExport {
                uid: "bad-zone@outpost".into(),
                entry: fields(
                    json!({"title": "x", "startsAt": "2026-01-01T00:00:00Z", "endsAt": "2026-01-01T01:00:00Z", "timezone": "Mars/Olympus"}),
                ),
                series: None,
            },
            EntryExport {
                uid: "weekly-month-days@outpost".into(),
                entry: fields(
                    json!({"title": "x", "startsAt": "2026-01-01T00:00:00Z", "endsAt": "2026-01-01T01:00:00Z"}),
                ),
                series: Some(SeriesExport {
                    master: fields(
                        json!({"frequency": "weekly", "intervalCount": 2, "byMonthDay": [13]}),
                    ),
                    ..Default::default()
                }),
            },
            EntryExport {
                uid: "fine@outpost".into(),
                entry: fields(
                    json!({"title": "ok", "startsAt": "2026-01-01T00:00:00Z", "endsAt": "2026-01-01T01:00:00Z"}),
                ),
                series: None,
            },
        ],
    }];
    let mut out = Vec::new();
    let summary = ical::export(&mut out, &calendars).unwrap();
    assert_eq!(summary.events, 1);
    let skipped: Vec<&str> = summary
        .skipped
        .iter()
        .map(|(uid, _)| uid.as_str())
        .collect();
    assert_eq!(
        skipped,
        vec![
            "bad-time@outpost",
            "bad-zone@outpost",
            "weekly-month-days@outpost"
        ]
    );
    assert!(summary.skipped[1].1.contains("Mars/Olympus"));
}

/// Alarms of every kind a file may hold: from the start, from the end, at a time, on screen and
/// by e-mail, on a single event and on a series whose changed occurrence copies them.
const ALARMS: &str = "BEGIN:VCALENDAR\r
BEGIN:VEVENT\r
UID:review@example.com\r
SUMMARY:Design review\r
DTSTART;TZID=Europe/Berlin:20260302T100000\r
DTEND;TZID=Europe/Berlin:20260302T113000\r
BEGIN:VALARM\r
ACTION:DISPLAY\r
TRIGGER:-PT15M\r
END:VALARM\r
BEGIN:VALARM\r
ACTION:EMAIL\r
SUMMARY:Review\r
DESCRIPTION:Review\r
ATTENDEE:mailto:ana@example.com\r
TRIGGER;RELATED=END:-PT2H\r
END:VALARM\r
BEGIN:VALARM\r
ACTION:AUDIO\r
TRIGGER;VALUE=DATE-TIME:20260302T090500Z\r
END:VALARM\r
BEGIN:VALARM\r
ACTION:DISPLAY\r
TRIGGER;RELATED=START:PT10M\r
END:VALARM\r
END:VEVENT\r
BEGIN:VEVENT\r
UID:standup@example.com\r
SUMMARY:Stand-up\r
DTSTART;TZID=Europe/Berlin:20260302T091500\r
DURATION:PT15M\r
RRULE:FREQ=WEEKLY;BYDAY=MO,WE;COUNT=10\r
BEGIN:VALARM\r
ACTION:DISPLAY\r
TRIGGER:-PT5M\r
END:VALARM\r
END:VEVENT\r
BEGIN:VEVENT\r
UID:standup@example.com\r
RECURRENCE-ID;TZID=Europe/Berlin:20260304T091500\r
SUMMARY:Stand-up (moved)\r
DTSTART;TZID=Europe/Berlin:20260304T100000\r
DURATION:PT15M\r
BEGIN:VALARM\r
ACTION:DISPLAY\r
TRIGGER:-PT5M\r
END:VALARM\r
END:VEVENT\r
END:VCALENDAR\r
";

fn channel_and_offset(event: &ImportedEvent) -> Vec<(String, i64)> {
    event
        .reminders
        .iter()
        .map(|r| {
            (
                r["channel"].as_str().unwrap().to_string(),
                r["offsetMinutes"].as_i64().unwrap(),
            )
        })
        .collect()
}

#[test]
fn alarms_export_and_import_back_to_the_same_reminders() {
    let options = options();
    let first = ical::import(ALARMS.as_bytes(), &options);
    assert!(first.report.is_clean(), "{:?}", first.report);
    let events: Vec<ImportedEvent> = first.report.records().cloned().map(without_lines).collect();
    let as_pairs = |list: &[(&str, i64)]| -> Vec<(String, i64)> {
        list.iter().map(|(c, m)| (c.to_string(), *m)).collect()
    };
    // 15 before; 2 h before the end of a 90-minute event is 30 before the start; 09:05Z is
    // 10:05 in Berlin, 5 minutes after the start; the alarm 10 minutes after the start.
    assert_eq!(
        channel_and_offset(&events[0]),
        as_pairs(&[
            ("in_app", 15),
            ("email", 30),
            ("in_app", -5),
            ("in_app", -10)
        ])
    );
    assert_eq!(channel_and_offset(&events[1]), as_pairs(&[("in_app", 5)]));

    let text = export_reminding(
        &[CalendarExport {
            name: "Alarms".into(),
            timezone: "Europe/Berlin".into(),
            entries: events.iter().map(to_export).collect(),
        }],
        &[events.iter().map(|e| e.reminders.clone()).collect()],
    );
    assert_eq!(text.matches("BEGIN:VALARM").count(), 6, "{text}");
    let second = ical::import(text.as_bytes(), &options);
    assert!(second.report.is_clean(), "{:?}\n{text}", second.report);
    let back: Vec<ImportedEvent> = second
        .report
        .records()
        .cloned()
        .map(without_lines)
        .collect();
    assert_eq!(back, events, "{text}");
}

#[test]
fn reminders_icalendar_cannot_state_are_listed_and_the_event_is_written() {
    let calendars = vec![CalendarExport {
        name: "Reminders".into(),
        timezone: "Europe/Berlin".into(),
        entries: vec![EntryExport {
            uid: "call@outpost".into(),
            entry: fields(
                json!({"title": "Call", "startsAt": "2026-01-01T09:00:00Z", "endsAt": "2026-01-01T10:00:00Z"}),
            ),
            series: None,
        }],
    }];
    let reminders = vec![vec![vec![
        fields(json!({"channel": "webhook", "offsetMinutes": 30})),
        fields(json!({"channel": "in_app", "offsetMinutes": 30})),
    ]]];
    let mut out = Vec::new();
    let summary = ical::export_with_reminders(&mut out, &calendars, &reminders).unwrap();
    assert_eq!(summary.events, 1);
    assert_eq!(summary.reminders_skipped.len(), 1, "{summary:?}");
    assert_eq!(summary.reminders_skipped[0].0, "call@outpost");
    assert!(
        summary.reminders_skipped[0]
            .1
            .contains("webhook reminder 30 minutes before"),
        "{summary:?}"
    );
    let text = String::from_utf8(out).unwrap();
    assert_eq!(text.matches("BEGIN:VALARM").count(), 1, "{text}");
    assert!(text.contains("TRIGGER:-PT30M"), "{text}");
}

#[test]
fn an_event_whose_uid_another_calendar_already_wrote_is_listed_not_written() {
    let event = |title: &str| EntryExport {
        uid: "same@example.com".into(),
        entry: fields(
            json!({"title": title, "startsAt": "2026-01-01T09:00:00Z", "endsAt": "2026-01-01T10:00:00Z"}),
        ),
        series: None,
    };
    let calendars = vec![
        CalendarExport {
            name: "Work".into(),
            timezone: "Europe/Berlin".into(),
            entries: vec![event("first")],
        },
        CalendarExport {
            name: "Home".into(),
            timezone: "Europe/Berlin".into(),
            entries: vec![event("second")],
        },
    ];
    let mut out = Vec::new();
    let summary = ical::export(&mut out, &calendars).unwrap();
    assert_eq!((summary.calendars, summary.events), (2, 1));
    assert_eq!(summary.skipped.len(), 1, "{summary:?}");
    assert_eq!(
        summary.skipped[0].1,
        "an event of calendar \"Work\" written before it has the same UID; a file holds each UID once"
    );
    let text = String::from_utf8(out).unwrap();
    assert_eq!(text.matches("BEGIN:VCALENDAR").count(), 1, "{text}");
    assert!(text.contains("SUMMARY:first") && !text.contains("SUMMARY:second"));
    assert!(text.contains("X-WR-CALNAME:Work / Home\r\nX-WR-TIMEZONE:Europe/Berlin\r\n"));
}
