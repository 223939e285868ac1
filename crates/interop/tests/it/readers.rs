//! The export read back by the parsers of the programs users move calendars and address books
//! to: ical.js (Thunderbird's calendar and address book) and libical (Evolution). Each reader
//! prints what it found in one shape (tests/readers/*), compared here with what was exported.
//!
//! Without the readers installed the checks skip with the reason; with
//! `OUTPOST_REQUIRE_READERS=1` (scripts/test.sh sets it after installing them) they fail instead.

use std::path::Path;
use std::process::Command;

use outpost_interop::vcard;
use serde_json::{json, Value};

use crate::common::{export_reminding, fields, sample_calendars, sample_reminders};

const READERS: &str = concat!(env!("CARGO_MANIFEST_DIR"), "/tests/readers");

fn required() -> bool {
    std::env::var("OUTPOST_REQUIRE_READERS").as_deref() == Ok("1")
}

/// Runs a reader on `text` written to a file; `None` when the reader is not installed (and not
/// required). Exit code 3 is a reader's "my parser is not installed".
fn read_back(candidates: &[&str], script: &str, mode: Option<&str>, text: &str) -> Option<Value> {
    let dir = tempfile::tempdir().unwrap();
    let path = dir.path().join("export");
    std::fs::write(&path, text).unwrap();
    let script = Path::new(READERS).join(script);
    let mut why_not = Vec::new();
    for program in candidates {
        let mut command = Command::new(program);
        command.arg(&script);
        if let Some(mode) = mode {
            command.arg(mode);
        }
        let output = match command.arg(&path).output() {
            Ok(o) => o,
            Err(e) => {
                why_not.push(format!("{program} cannot run: {e}"));
                continue;
            }
        };
        if output.status.code() == Some(3) {
            why_not.push(String::from_utf8_lossy(&output.stderr).trim().to_string());
            continue;
        }
        assert!(
            output.status.success(),
            "{program} {} could not read the export: {}\n{text}",
            script.display(),
            String::from_utf8_lossy(&output.stderr)
        );
        return Some(serde_json::from_slice(&output.stdout).unwrap());
    }
    let why = why_not.join("; ");
    assert!(!required(), "OUTPOST_REQUIRE_READERS=1 but {why}");
    eprintln!("SKIPPED: {why}");
    None
}

/// Compares what a reader found with what was expected, showing both as JSON when they differ.
fn assert_read_as(found: &Value, expected: &Value, text: &str) {
    assert!(
        found == expected,
        "read back:\n{}\nexpected:\n{}\nfrom:\n{text}",
        serde_json::to_string_pretty(found).unwrap(),
        serde_json::to_string_pretty(expected).unwrap()
    );
}

/// ical.js as Thunderbird uses it (`npm ci` in tests/readers installs ical.js 2.2.1).
pub fn icaljs(mode: &str, text: &str) -> Option<Value> {
    read_back(&["node"], "icaljs-dump.mjs", Some(mode), text)
}

/// libical as Evolution uses it. python3-gi lives in the system's python, which is not always
/// the first `python3` on PATH (pyenv, venvs).
pub fn libical(text: &str) -> Option<Value> {
    read_back(
        &["/usr/bin/python3", "python3"],
        "libical_dump.py",
        None,
        text,
    )
}

/// The python `icalendar` library (tests/ical_dump.py), which prints its own shape. Skips
/// with the reason when it is not installed, unless `OUTPOST_REQUIRE_PYTHON_ICALENDAR=1`.
pub fn python_icalendar(text: &str) -> Option<Value> {
    let required = std::env::var("OUTPOST_REQUIRE_PYTHON_ICALENDAR").as_deref() == Ok("1");
    let dir = tempfile::tempdir().unwrap();
    let path = dir.path().join("export.ics");
    std::fs::write(&path, text).unwrap();
    let script = concat!(env!("CARGO_MANIFEST_DIR"), "/tests/ical_dump.py");
    let output = match Command::new("python3").arg(script).arg(&path).output() {
        Ok(o) => o,
        Err(e) => {
            assert!(!required, "python3 is required but cannot run: {e}");
            eprintln!("SKIPPED: python3 cannot run ({e})");
            return None;
        }
    };
    if output.status.code() == Some(3) {
        let why = String::from_utf8_lossy(&output.stderr);
        assert!(!required, "python icalendar is required: {why}");
        eprintln!("SKIPPED: {why} (`pip install icalendar` to run this check)");
        return None;
    }
    assert!(
        output.status.success(),
        "python icalendar could not read the export: {}\n{text}",
        String::from_utf8_lossy(&output.stderr)
    );
    Some(serde_json::from_slice(&output.stdout).unwrap())
}

/// What any reader must find in the export of the sample calendars: every calendar's events in
/// one VCALENDAR (see ical/write.rs), each time with its zone and the instant the file's
/// VTIMEZONE gives it.
fn expected_sample() -> Value {
    let standup_alarms = |title: &str| {
        json!([
            {"action": "DISPLAY", "trigger": -10, "related": "START", "description": title, "summary": null},
            {"action": "EMAIL", "trigger": 5, "related": "START", "description": title, "summary": title}
        ])
    };
    json!([{
        "name": "Team Berlin / New York office",
        "timezones": ["America/New_York", "Europe/Berlin"],
        "events": [
            {
                "uid": "standup@outpost", "recurrenceId": null,
                "summary": "Stand-up; daily, short", "description": "Line one\nLine two",
                "location": "Room 4.12", "status": "CONFIRMED", "class": null,
                "start": "2026-03-02T09:15:00 Europe/Berlin = 2026-03-02T08:15:00Z",
                "end": "2026-03-02T09:30:00 Europe/Berlin = 2026-03-02T08:30:00Z",
                "rule": {
                    "freq": "WEEKLY", "interval": 1, "count": null, "until": "2026-06-29T07:15:00Z",
                    "byday": ["MO", "WE", "FR"], "bymonthday": []
                },
                // At the occurrences' wall-clock time, after the DST change on 29 March.
                "exdates": [
                    "2026-04-06T09:15:00 Europe/Berlin = 2026-04-06T07:15:00Z",
                    "2026-04-13T09:15:00 Europe/Berlin = 2026-04-13T07:15:00Z"
                ],
                "alarms": standup_alarms("Stand-up; daily, short")
            },
            {
                "uid": "standup@outpost",
                "recurrenceId": "2026-04-10T09:15:00 Europe/Berlin = 2026-04-10T07:15:00Z",
                "summary": "Long stand-up", "description": "Line one\nLine two",
                "location": "Room 4.12", "status": "CONFIRMED", "class": null,
                "start": "2026-04-10T10:00:00 Europe/Berlin = 2026-04-10T08:00:00Z",
                "end": "2026-04-10T11:00:00 Europe/Berlin = 2026-04-10T09:00:00Z",
                "rule": null, "exdates": [],
                "alarms": standup_alarms("Long stand-up")
            },
            {
                "uid": "holiday@outpost", "recurrenceId": null, "summary": "Labour Day",
                "description": null, "location": null, "status": null, "class": null,
                "start": "2026-05-01", "end": "2026-05-02", "rule": null, "exdates": [],
                "alarms": [{"action": "EMAIL", "trigger": -180, "related": "START", "description": "Labour Day", "summary": "Labour Day"}]
            },
            {
                "uid": "review@outpost", "recurrenceId": null, "summary": "Monthly review",
                "description": null, "location": null, "status": "TENTATIVE", "class": "PRIVATE",
                "start": "2026-03-16T10:00:00 America/New_York = 2026-03-16T14:00:00Z",
                "end": "2026-03-16T11:00:00 America/New_York = 2026-03-16T15:00:00Z",
                "rule": {
                    "freq": "MONTHLY", "interval": 2, "count": 6, "until": null,
                    "byday": [], "bymonthday": [16]
                },
                "exdates": [], "alarms": []
            }
        ]
    }])
}

#[test]
fn icaljs_reads_an_export_of_several_calendars_as_exported() {
    let text = export_reminding(&sample_calendars(), &sample_reminders());
    if let Some(found) = icaljs("ics", &text) {
        assert_read_as(&found, &expected_sample(), &text);
    }
}

#[test]
fn libical_reads_an_export_of_several_calendars_as_exported() {
    let text = export_reminding(&sample_calendars(), &sample_reminders());
    if let Some(found) = libical(&text) {
        assert_read_as(&found, &expected_sample(), &text);
    }
}

#[test]
fn icaljs_and_libical_read_an_export_of_one_calendar_under_its_name() {
    let mut calendars = sample_calendars();
    calendars.truncate(1);
    let text = export_reminding(&calendars, &sample_reminders());
    for found in [icaljs("ics", &text), libical(&text)].into_iter().flatten() {
        assert_eq!(found[0]["name"], "Team Berlin");
        assert_eq!(found[0]["timezones"], json!(["Europe/Berlin"]));
        let events = expected_sample()[0]["events"].as_array().unwrap()[..3].to_vec();
        assert_eq!(found[0]["events"], Value::Array(events));
    }
}

fn sample_contacts() -> Vec<outpost_interop::Fields> {
    vec![
        fields(json!({
            "firstName": "Anna", "middleName": "Maria", "lastName": "Müller; Schmidt",
            "email": "anna@example.com", "phone": "+49 30 1234", "url": "https://example.com/a",
            "address": {"street": "Hauptstraße 5", "city": "Berlin", "postal_code": "10115",
                        "region": "BE", "country": "Germany"},
            "notes": "Line one\nLine two, with comma"
        })),
        fields(json!({"email": "only@example.com"})),
    ]
}

#[test]
fn icaljs_reads_the_vcard_export_in_both_versions_as_exported() {
    for (version, number) in [(vcard::Version::V4, "4.0"), (vcard::Version::V3, "3.0")] {
        let mut out = Vec::new();
        vcard::export(&mut out, &sample_contacts(), version).unwrap();
        let text = String::from_utf8(out).unwrap();
        let Some(found) = icaljs("vcf", &text) else {
            return;
        };
        let expected = json!([
            {
                "version": number, "fn": "Anna Maria Müller; Schmidt",
                "n": ["Müller; Schmidt", "Anna", "Maria", "", ""],
                "email": ["anna@example.com"], "tel": ["+49 30 1234"],
                "url": ["https://example.com/a"],
                "adr": [["", "", "Hauptstraße 5", "Berlin", "BE", "10115", "Germany"]],
                "note": "Line one\nLine two, with comma"
            },
            {
                "version": number, "fn": "only@example.com", "n": ["", "", "", "", ""],
                "email": ["only@example.com"], "tel": [], "url": [], "adr": [], "note": null
            }
        ]);
        assert_read_as(&found, &expected, &text);
    }
}
