//! iCalendar export: what the importer reads back, and what the python `icalendar` library
//! reads (another implementation, so a shared misreading of RFC 5545 would show).

use std::process::Command;

use chrono::NaiveDate;
use outpost_interop::ical::{
    self, CalendarExport, EntryExport, ImportOptions, ImportedEvent, OverrideExport, SeriesExport,
};
use outpost_interop::Fields;
use serde_json::{json, Value};

const CALENDAR_ID: &str = "0190f7a0-0000-7000-8000-000000000001";

fn fields(v: Value) -> Fields {
    v.as_object().unwrap().clone()
}

fn date(y: i32, m: u32, d: u32) -> NaiveDate {
    NaiveDate::from_ymd_opt(y, m, d).unwrap()
}

/// What the app would hand the exporter for an imported event.
fn to_export(e: &ImportedEvent) -> EntryExport {
    EntryExport {
        uid: e.uid.clone().unwrap(),
        entry: e.entry.clone(),
        series: e.series.as_ref().map(|s| SeriesExport {
            master: s.master.clone(),
            cancelled_dates: s.cancelled_dates.clone(),
            overrides: s
                .overrides
                .iter()
                .map(|o| OverrideExport {
                    instance_date: o.instance_date,
                    fields: o.patch.clone(),
                })
                .collect(),
        }),
    }
}

fn export(calendars: &[CalendarExport]) -> String {
    let mut out = Vec::new();
    let summary = ical::export(&mut out, calendars).unwrap();
    assert!(summary.skipped.is_empty(), "{:?}", summary.skipped);
    String::from_utf8(out).unwrap()
}

#[test]
fn imported_samples_export_and_import_back_to_the_same_records() {
    for sample in [
        "google-calendar.ics",
        "outlook-calendar.ics",
        "thunderbird-lightning.ics",
    ] {
        let path = format!("{}/tests/samples/{sample}", env!("CARGO_MANIFEST_DIR"));
        let options = ImportOptions::new(CALENDAR_ID, chrono_tz::Europe::Berlin);
        let first = ical::import(std::fs::read(&path).unwrap().as_slice(), &options);
        let events: Vec<ImportedEvent> =
            first.report.records().cloned().map(without_lines).collect();
        assert!(!events.is_empty());
        let text = export(&[CalendarExport {
            name: "Round trip".into(),
            timezone: "Europe/Berlin".into(),
            entries: events.iter().map(to_export).collect(),
        }]);
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

/// Line numbers point into each file; the records are what must match.
fn without_lines(mut e: ImportedEvent) -> ImportedEvent {
    if let Some(s) = e.series.as_mut() {
        for o in &mut s.overrides {
            o.line = 0;
        }
    }
    e
}

fn sample_calendars() -> Vec<CalendarExport> {
    vec![
        CalendarExport {
            name: "Team Berlin".into(),
            timezone: "Europe/Berlin".into(),
            entries: vec![
                EntryExport {
                    uid: "standup@outpost".into(),
                    entry: fields(json!({
                        "title": "Stand-up; daily, short", "description": "Line one\nLine two",
                        "locationName": "Room 4.12", "status": "confirmed",
                        "startsAt": "2026-03-02T08:15:00Z", "endsAt": "2026-03-02T08:30:00Z",
                        "timezone": "Europe/Berlin", "isAllDay": false
                    })),
                    series: Some(SeriesExport {
                        master: fields(json!({
                            "frequency": "weekly", "intervalCount": 1, "byWeekday": [1, 3, 5],
                            "untilAt": "2026-06-29T07:15:00Z"
                        })),
                        cancelled_dates: vec![date(2026, 4, 6)],
                        overrides: vec![
                            OverrideExport {
                                instance_date: date(2026, 4, 10),
                                fields: fields(json!({
                                    "instanceState": "overridden", "titleOverride": "Long stand-up",
                                    "startsAt": "2026-04-10T08:00:00Z", "endsAt": "2026-04-10T09:00:00Z"
                                })),
                            },
                            OverrideExport {
                                instance_date: date(2026, 4, 13),
                                fields: fields(json!({"instanceState": "cancelled"})),
                            },
                        ],
                    }),
                },
                EntryExport {
                    uid: "holiday@outpost".into(),
                    entry: fields(json!({
                        "title": "Labour Day", "startsAt": "2026-04-30T22:00:00Z",
                        "endsAt": "2026-05-01T22:00:00Z", "timezone": "Europe/Berlin", "isAllDay": true
                    })),
                    series: None,
                },
            ],
        },
        CalendarExport {
            name: "New York office".into(),
            timezone: "America/New_York".into(),
            entries: vec![EntryExport {
                uid: "review@outpost".into(),
                entry: fields(json!({
                    "title": "Monthly review", "status": "tentative",
                    "startsAt": "2026-03-16T14:00:00Z", "endsAt": "2026-03-16T15:00:00Z",
                    "timezone": "America/New_York", "isAllDay": false
                })),
                series: Some(SeriesExport {
                    master: fields(
                        json!({"frequency": "monthly", "intervalCount": 2, "byMonthDay": [16], "occurrenceCountLimit": 6}),
                    ),
                    cancelled_dates: vec![],
                    overrides: vec![],
                }),
            }],
        },
    ]
}

#[test]
fn python_icalendar_reads_the_export() {
    let text = export(&sample_calendars());
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
    assert_eq!(calendars.len(), 2);
    assert_eq!(calendars[0]["name"], "Team Berlin");
    assert_eq!(calendars[0]["timezones"], json!(["Europe/Berlin"]));
    assert_eq!(calendars[1]["timezones"], json!(["America/New_York"]));

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
    let moved = &events[1];
    assert_eq!(moved["uid"], "standup@outpost");
    assert_eq!(moved["recurrenceId"], "2026-04-10T09:15:00+02:00");
    assert_eq!(moved["dtstart"], "2026-04-10T10:00:00+02:00");
    assert_eq!(moved["summary"], "Long stand-up");
    let holiday = &events[2];
    assert_eq!(
        (holiday["dtstart"].as_str(), holiday["dtend"].as_str()),
        (Some("2026-05-01"), Some("2026-05-02"))
    );

    let review = &calendars[1]["events"][0];
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
