//! Every rejection and warning of the .ics import, each with its message and line: one table,
//! one small file per row.

use outpost_interop::ical;
use outpost_interop::Problem;

use crate::common::options;

#[derive(Debug, Clone, Copy, PartialEq)]
enum Kind {
    /// The event is not imported.
    Error,
    /// The event is imported; something was left out.
    Warning,
}
use Kind::{Error, Warning};

/// A calendar around `lines`: line 1 is `BEGIN:VCALENDAR`, `lines[0]` is line 2.
fn file(lines: &[&str]) -> String {
    let mut text = String::from("BEGIN:VCALENDAR\r\n");
    for l in lines {
        text.push_str(l);
        text.push_str("\r\n");
    }
    text.push_str("END:VCALENDAR\r\n");
    text
}

/// A weekly series from 2 March 2026 (lines 2-8), then `more` from line 9.
fn series_then<'a>(more: &[&'a str]) -> Vec<&'a str> {
    let mut lines = vec![
        "BEGIN:VEVENT",
        "UID:s@example.com",
        "SUMMARY:Series",
        "DTSTART;TZID=Europe/Berlin:20260302T090000",
        "DTEND;TZID=Europe/Berlin:20260302T100000",
        "RRULE:FREQ=WEEKLY",
        "END:VEVENT",
    ];
    lines.extend_from_slice(more);
    lines
}

/// A single event (lines 2-4), `props` from line 5, then its end.
fn event_with<'a>(props: &[&'a str]) -> Vec<&'a str> {
    let mut lines = vec!["BEGIN:VEVENT", "UID:e@example.com", "SUMMARY:Event"];
    lines.extend_from_slice(props);
    lines.push("END:VEVENT");
    lines
}

const TIMED: [&str; 2] = [
    "DTSTART;TZID=Europe/Berlin:20260302T090000",
    "DTEND;TZID=Europe/Berlin:20260302T100000",
];

/// Every problem of the import, errors and warnings, with their kind.
fn problems(text: &str) -> Vec<(Kind, Problem)> {
    let import = ical::import(text.as_bytes(), &options());
    let mut all = Vec::new();
    for item in &import.report.items {
        if let Err(errors) = &item.outcome {
            all.extend(errors.iter().cloned().map(|p| (Error, p)));
        }
        all.extend(item.warnings.iter().cloned().map(|p| (Warning, p)));
    }
    all
}

#[test]
fn each_rejection_is_reported_with_its_message_and_line() {
    let long = format!("SUMMARY:{}", "x".repeat(256));
    let long_location = format!("LOCATION:{}", "ü".repeat(300));
    let cases: Vec<(&str, Vec<&str>, Kind, usize, &str)> = vec![
        (
            "RANGE=THISANDFUTURE",
            series_then(&[
                "BEGIN:VEVENT",
                "UID:s@example.com",
                "RECURRENCE-ID;RANGE=THISANDFUTURE;TZID=Europe/Berlin:20260309T090000",
                "DTSTART;TZID=Europe/Berlin:20260309T110000",
                "DTEND;TZID=Europe/Berlin:20260309T120000",
                "END:VEVENT",
            ]),
            Error,
            11,
            "RECURRENCE-ID;RANGE=THISANDFUTURE changes every later occurrence, which the platform cannot express",
        ),
        (
            "EXRULE",
            event_with(&[TIMED[0], TIMED[1], "RRULE:FREQ=DAILY", "EXRULE:FREQ=WEEKLY"]),
            Error,
            8,
            "EXRULE (deprecated) cannot be expressed; use EXDATE",
        ),
        (
            "a second RRULE",
            event_with(&[TIMED[0], TIMED[1], "RRULE:FREQ=DAILY", "RRULE:FREQ=WEEKLY"]),
            Error,
            8,
            "a second RRULE: the platform has one rule per series",
        ),
        (
            "DTEND and DURATION",
            event_with(&[TIMED[0], TIMED[1], "DURATION:PT1H"]),
            Warning,
            7,
            "the event has both DTEND and DURATION, which RFC 5545 forbids; its DTEND is used",
        ),
        (
            "DTEND a date, DTSTART a date-time",
            event_with(&[TIMED[0], "DTEND;VALUE=DATE:20260303"]),
            Warning,
            6,
            "DTEND is a date while DTSTART is a date-time; the event ends at the start of 2026-03-03 (Europe/Berlin)",
        ),
        (
            "DTEND a date-time, DTSTART a date",
            event_with(&["DTSTART;VALUE=DATE:20260302", TIMED[1]]),
            Warning,
            6,
            "DTEND is a date-time while DTSTART is a date; the all-day event runs through 2026-03-02",
        ),
        (
            "DTEND before DTSTART",
            event_with(&[TIMED[0], "DTEND;TZID=Europe/Berlin:20260302T080000"]),
            Error,
            6,
            "the event ends (2026-03-02T07:00:00Z) before it starts (2026-03-02T08:00:00Z); the platform needs an end after the start",
        ),
        (
            "DTEND on the date DTSTART is",
            event_with(&["DTSTART:20220101", "DTEND:20220101"]),
            Warning,
            6,
            "the event ends on the date it starts (2022-01-01), which lasts no time; read as one all-day event on 2022-01-01",
        ),
        (
            "a DATE value without VALUE=DATE",
            event_with(&["DTSTART:20220101", "DTEND:20220102"]),
            Warning,
            5,
            "DTSTART \"20220101\" is a date written without VALUE=DATE; read as the date 2022-01-01 (all day)",
        ),
        (
            "a date-time without its T",
            event_with(&["DTSTART;TZID=Europe/Berlin:20260302090000", TIMED[1]]),
            Warning,
            5,
            "DTSTART \"20260302090000\" is missing the T between date and time; read as 2026-03-02 09:00:00 in Europe/Berlin",
        ),
        (
            "a DURATION of nothing",
            event_with(&[TIMED[0], "DURATION:PT0S"]),
            Warning,
            6,
            "the event ends when it starts (2026-03-02T08:00:00Z), a point in time; imported lasting 15 minutes, as the platform needs an end after the start",
        ),
        (
            "no DTSTART",
            event_with(&[TIMED[1]]),
            Error,
            2,
            "the event has no DTSTART, so it cannot be placed on the calendar",
        ),
        (
            "RSCALE",
            event_with(&[TIMED[0], TIMED[1], "RRULE:RSCALE=HEBREW;FREQ=YEARLY"]),
            Error,
            7,
            "RSCALE=HEBREW: the platform repeats by the Gregorian calendar only, so the dates of another calendar cannot be expressed",
        ),
        (
            "an all-day DURATION that is not whole days",
            event_with(&["DTSTART;VALUE=DATE:20260302", "DURATION:P1DT12H"]),
            Warning,
            6,
            "DURATION \"P1DT12H\" is not whole days, which an all-day event lasts; read as 2 day(s)",
        ),
        (
            "a timed event with no end",
            event_with(&[TIMED[0]]),
            Warning,
            5,
            "the event has no DTEND or DURATION, so RFC 5545 makes it a point in time; imported lasting 15 minutes, as the platform needs an end after the start",
        ),
        (
            "SUMMARY over 255 characters",
            vec!["BEGIN:VEVENT", "UID:e@example.com", TIMED[0], TIMED[1], &long, "END:VEVENT"],
            Error,
            6,
            "is 256 characters; the platform allows at most 255",
        ),
        (
            "LOCATION over 255 characters",
            event_with(&[TIMED[0], TIMED[1], &long_location]),
            Error,
            7,
            "is 300 characters; the platform allows at most 255",
        ),
        (
            "a second change of the same occurrence",
            series_then(&[
                "BEGIN:VEVENT",
                "UID:s@example.com",
                "RECURRENCE-ID;TZID=Europe/Berlin:20260309T090000",
                "DTSTART;TZID=Europe/Berlin:20260309T110000",
                "DTEND;TZID=Europe/Berlin:20260309T120000",
                "END:VEVENT",
                "BEGIN:VEVENT",
                "UID:s@example.com",
                "RECURRENCE-ID;TZID=Europe/Berlin:20260309T090000",
                "DTSTART;TZID=Europe/Berlin:20260309T140000",
                "DTEND;TZID=Europe/Berlin:20260309T150000",
                "END:VEVENT",
            ]),
            Error,
            15,
            "a second change of the occurrence on 2026-03-09",
        ),
        (
            "an unknown TZID",
            event_with(&[
                "DTSTART;TZID=Mars/Olympus_Mons:20260302T090000",
                "DURATION:PT1H",
            ]),
            Warning,
            5,
            "time zone \"Mars/Olympus_Mons\" is neither an IANA nor a Windows name and the file has no VTIMEZONE for it; its times are read in Europe/Berlin, as times without a zone are",
        ),
        (
            "EXDATE without RRULE",
            event_with(&[TIMED[0], TIMED[1], "EXDATE;TZID=Europe/Berlin:20260309T090000"]),
            Warning,
            7,
            "EXDATE without an RRULE or RDATE has nothing to cancel; ignored",
        ),
        (
            "an unknown STATUS",
            event_with(&[TIMED[0], TIMED[1], "STATUS:POSTPONED"]),
            Warning,
            7,
            "STATUS:POSTPONED is not an event status; left out",
        ),
    ];
    for (what, lines, kind, line, message) in cases {
        let found = problems(&file(&lines));
        let hit = found.iter().find(|(_, p)| p.message == message);
        let Some((found_kind, problem)) = hit else {
            panic!("{what}: no problem {message:?}; found {found:#?}");
        };
        assert_eq!(
            (*found_kind, problem.line),
            (kind, line),
            "{what}: {problem:?}"
        );
        if kind == Error {
            let import = ical::import(file(&lines).as_bytes(), &options());
            assert!(
                import.report.items.iter().all(|i| !i.is_ok()),
                "{what}: the event is imported anyway"
            );
        }
    }
}

/// The series (lines 2-10, `LOCATION` at 5 and `CLASS` at 6) and one changed occurrence with
/// `props` from line 16.
fn changed_occurrence(props: &[&str]) -> String {
    let mut lines = vec![
        "BEGIN:VEVENT",
        "UID:s@example.com",
        "SUMMARY:Series",
        "LOCATION:Room 1",
        "CLASS:PUBLIC",
        "DTSTART;TZID=Europe/Berlin:20260302T090000",
        "DTEND;TZID=Europe/Berlin:20260302T100000",
        "RRULE:FREQ=WEEKLY",
        "END:VEVENT",
        "BEGIN:VEVENT",
        "UID:s@example.com",
        "RECURRENCE-ID;TZID=Europe/Berlin:20260309T090000",
        "SUMMARY:Series",
        "DTSTART;TZID=Europe/Berlin:20260309T110000",
    ];
    lines.extend_from_slice(props);
    lines.push("DTEND;TZID=Europe/Berlin:20260309T120000");
    lines.push("END:VEVENT");
    file(&lines)
}

fn only_warnings(text: &str) -> Vec<Problem> {
    let found = problems(text);
    assert!(found.iter().all(|(k, _)| *k == Warning), "{found:?}");
    found.into_iter().map(|(_, p)| p).collect()
}

#[test]
fn a_changed_occurrences_other_location_is_said_with_its_line() {
    let warnings = only_warnings(&changed_occurrence(&["LOCATION:Room 2"]));
    assert_eq!(warnings.len(), 1, "{warnings:?}");
    assert_eq!(warnings[0].line, 16);
    assert_eq!(warnings[0].field.as_deref(), Some("locationName"));
    assert_eq!(
        warnings[0].message,
        "this changed occurrence's LOCATION (\"Room 2\") differs from the series' (\"Room 1\"); the platform has no location per occurrence, so it keeps the series'"
    );
    // Emptied is a change too.
    let warnings = only_warnings(&changed_occurrence(&["LOCATION:"]));
    assert!(
        warnings[0].message.contains("LOCATION (none)"),
        "{warnings:?}"
    );
}

#[test]
fn a_changed_occurrences_other_class_is_said_with_its_line() {
    let warnings = only_warnings(&changed_occurrence(&["LOCATION:Room 1", "CLASS:PRIVATE"]));
    assert_eq!(warnings.len(), 1, "{warnings:?}");
    assert_eq!(warnings[0].line, 17);
    assert_eq!(warnings[0].field.as_deref(), Some("visibility"));
    assert_eq!(
        warnings[0].message,
        "this changed occurrence is private (CLASS) and the series is not; the platform has no visibility per occurrence, so it keeps the series'"
    );
}

#[test]
fn a_changed_occurrence_with_the_series_place_and_class_or_none_stated_has_no_note() {
    assert_eq!(
        only_warnings(&changed_occurrence(&["LOCATION:Room 1", "CLASS:PUBLIC"])),
        vec![]
    );
    // Writers that put only what changed into the occurrence.
    assert_eq!(only_warnings(&changed_occurrence(&[])), vec![]);
}

#[test]
fn an_exdate_of_an_event_that_does_not_repeat_is_only_ignored_even_unreadable() {
    let found = problems(&file(&event_with(&[TIMED[0], TIMED[1], "EXDATE:someday"])));
    assert_eq!(found.len(), 1, "{found:?}");
    assert_eq!(found[0].0, Warning);
    assert_eq!(
        (found[0].1.line, found[0].1.message.as_str()),
        (
            7,
            "EXDATE without an RRULE or RDATE has nothing to cancel; ignored"
        )
    );
}
