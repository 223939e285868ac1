//! What several test modules share: the calendar every import goes into, the sample files
//! (tests/samples), the sample calendars the export tests write, and small helpers.

use chrono::NaiveDate;
use outpost_interop::ical::{
    self, CalendarExport, EntryExport, ImportOptions, OverrideExport, SeriesExport,
};
use outpost_interop::Fields;
use serde_json::{json, Value};

/// The calendar the test imports go into.
pub const CALENDAR_ID: &str = "0190f7a0-0000-7000-8000-000000000001";

/// Imports into [`CALENDAR_ID`], a calendar in Europe/Berlin, on 1 March 2026 (the day a
/// rule without an end is unrolled from, so the tests do not change with the date).
pub fn options() -> ImportOptions {
    let mut options = ImportOptions::new(CALENDAR_ID, chrono_tz::Europe::Berlin);
    options.today = date(2026, 3, 1);
    options
}

/// The path of a file in tests/samples (the CLI's tests read them from there too).
pub fn sample_path(name: &str) -> String {
    format!("{}/tests/samples/{name}", env!("CARGO_MANIFEST_DIR"))
}

/// The bytes of a file in tests/samples.
pub fn sample_bytes(name: &str) -> Vec<u8> {
    let path = sample_path(name);
    std::fs::read(&path).unwrap_or_else(|e| panic!("{path}: {e}"))
}

pub fn fields(v: Value) -> Fields {
    v.as_object().unwrap().clone()
}

pub fn date(y: i32, m: u32, d: u32) -> NaiveDate {
    NaiveDate::from_ymd_opt(y, m, d).unwrap()
}

/// The export with `reminders[c][e]` for `calendars[c].entries[e]`; every entry and reminder
/// must be written.
pub fn export_reminding(calendars: &[CalendarExport], reminders: &[Vec<Vec<Fields>>]) -> String {
    let mut out = Vec::new();
    let summary = ical::export_with_reminders(&mut out, calendars, reminders).unwrap();
    assert!(summary.skipped.is_empty(), "{:?}", summary.skipped);
    assert!(
        summary.reminders_skipped.is_empty(),
        "{:?}",
        summary.reminders_skipped
    );
    String::from_utf8(out).unwrap()
}

pub fn sample_calendars() -> Vec<CalendarExport> {
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
                    "title": "Monthly review", "status": "tentative", "visibility": "private",
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

/// Reminders of the sample calendars' entries: the stand-up series reminds on screen 10 minutes
/// before and by e-mail 5 minutes after (and has a disabled one), the holiday by e-mail the
/// evening before.
pub fn sample_reminders() -> Vec<Vec<Vec<Fields>>> {
    vec![vec![
        vec![
            fields(json!({"channel": "in_app", "offsetMinutes": 10, "isEnabled": true})),
            fields(json!({"channel": "email", "offsetMinutes": -5})),
            fields(json!({"channel": "in_app", "offsetMinutes": 60, "isEnabled": false})),
        ],
        vec![fields(json!({"channel": "email", "offsetMinutes": 180}))],
    ]]
}
