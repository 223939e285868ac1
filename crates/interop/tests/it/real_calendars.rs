//! What real calendar files hold that RFC 5545 defines and other programs import (issue 18),
//! in tests/samples/troublemakers.ics: every event with a start comes in, each default said in
//! a warning at its line; streaming gives the same; and the export of what was imported reads
//! back in ical.js, libical and python `icalendar` at the same instants.

use chrono::{DateTime, Utc};
use outpost_interop::ical::{self, CalendarExport, EntryExport, ImportedEvent};
use outpost_interop::{Item, Problem};
use serde_json::{json, Value};

use crate::common::{export_reminding, options, sample_bytes};
use crate::readers::{icaljs, libical, python_icalendar};
use crate::samples::{errors, ics, item};
use crate::streaming::same_as_whole_file;

const SAMPLE: &str = "troublemakers.ics";

fn ok(item: &Item<ImportedEvent>) -> &ImportedEvent {
    item.outcome
        .as_ref()
        .unwrap_or_else(|e| panic!("{} refused: {e:?}", item.label))
}

/// The warnings as (line, message).
fn said(item: &Item<ImportedEvent>) -> Vec<(usize, String)> {
    item.warnings
        .iter()
        .map(|p: &Problem| (p.line, p.message.clone()))
        .collect()
}

fn times(e: &ImportedEvent) -> (&str, &str, &str) {
    (
        e.entry["startsAt"].as_str().unwrap(),
        e.entry["endsAt"].as_str().unwrap(),
        e.entry["timezone"].as_str().unwrap(),
    )
}

/// Label, start, end, zone, and the lines of its warnings, of every event imported.
#[allow(clippy::type_complexity)]
const EXPECTED: &[(&str, &str, &str, &str, &[usize])] = &[
    // A date-time start alone is a point in time: 15 minutes, said at DTSTART.
    (
        "Call the bank",
        "2026-03-05T08:00:00Z",
        "2026-03-05T08:15:00Z",
        "Europe/Berlin",
        &[38],
    ),
    // A holiday calendar's DTEND on the start date, both dates without VALUE=DATE.
    (
        "New Year's Day",
        "2025-12-31T23:00:00Z",
        "2026-01-01T23:00:00Z",
        "Europe/Berlin",
        &[47, 48, 48],
    ),
    // A date start alone lasts the day, as RFC 5545 says: nothing to warn of.
    (
        "Day off",
        "2026-03-09T23:00:00Z",
        "2026-03-10T23:00:00Z",
        "Europe/Berlin",
        &[],
    ),
    (
        "Office hours",
        "2026-03-02T13:00:00Z",
        "2026-03-02T14:00:00Z",
        "Europe/Berlin",
        &[61],
    ),
    (
        "Office hours (2026-03-05)",
        "2026-03-05T13:00:00Z",
        "2026-03-05T14:00:00Z",
        "Europe/Berlin",
        &[61],
    ),
    // Changed by its RECURRENCE-ID event: two hours, its own title.
    (
        "Office hours (2026-03-26)",
        "2026-03-26T15:00:00Z",
        "2026-03-26T17:00:00Z",
        "Europe/Berlin",
        &[61],
    ),
    (
        "Workshop days",
        "2026-04-01T11:00:00Z",
        "2026-04-01T14:00:00Z",
        "Europe/Berlin",
        &[77],
    ),
    // Periods: one with a duration, one with an end.
    (
        "Workshop days (2026-04-08)",
        "2026-04-08T11:00:00Z",
        "2026-04-08T15:00:00Z",
        "Europe/Berlin",
        &[77],
    ),
    (
        "Workshop days (2026-04-15)",
        "2026-04-15T11:00:00Z",
        "2026-04-15T13:00:00Z",
        "Europe/Berlin",
        &[77],
    ),
    // Stale US rules (summer time from April): New York, at the instant the file states.
    (
        "Call with the New York office",
        "2026-03-20T14:00:00Z",
        "2026-03-20T15:00:00Z",
        "America/New_York",
        &[83],
    ),
    // Vendor prefixes before an IANA name need no word.
    (
        "Lightning's old zone name",
        "2026-03-20T15:00:00Z",
        "2026-03-20T16:00:00Z",
        "America/New_York",
        &[],
    ),
    (
        "Evolution's zone name",
        "2026-03-20T11:00:00Z",
        "2026-03-20T12:00:00Z",
        "Europe/London",
        &[],
    ),
    // +01:17 in winter matches no zone: read at that offset.
    (
        "A zone of its own",
        "2026-01-15T07:43:00Z",
        "2026-01-15T08:43:00Z",
        "Etc/GMT-2",
        &[101],
    ),
    (
        "Old Outlook zone name",
        "2026-03-23T09:00:00Z",
        "2026-03-23T10:00:00Z",
        "Europe/Amsterdam",
        &[107],
    ),
    (
        "Start without its T",
        "2026-03-24T09:00:00Z",
        "2026-03-24T10:00:00Z",
        "Europe/Berlin",
        &[113],
    ),
    // An offset in the TZID's name, and nothing else to go by.
    (
        "Offset in its zone's name",
        "2026-07-14T08:00:00Z",
        "2026-07-14T09:00:00Z",
        "Etc/GMT-1",
        &[130],
    ),
];

#[test]
fn every_event_with_a_start_imports_and_each_default_is_said_at_its_line() {
    let r = ics(SAMPLE).report;
    assert!(r.file_problems.is_empty(), "{:?}", r.file_problems);
    let imported: Vec<&str> = r
        .items
        .iter()
        .filter(|i| i.is_ok())
        .map(|i| i.label.as_str())
        .collect();
    let expected: Vec<&str> = EXPECTED.iter().map(|e| e.0).collect();
    assert_eq!(imported, expected);
    for (label, start, end, zone, lines) in EXPECTED {
        let it = item(&r, label);
        assert_eq!(times(ok(it)), (*start, *end, *zone), "{label}");
        let at: Vec<usize> = said(it).iter().map(|(l, _)| *l).collect();
        assert_eq!(&at, lines, "{label}: {:#?}", it.warnings);
    }
    // Only what cannot be placed, or repeats by another calendar, is refused, with the reason.
    assert_eq!(
        errors(item(&r, "Somewhere in time")),
        vec![(
            116,
            "the event has no DTSTART, so it cannot be placed on the calendar".to_string()
        )]
    );
    let hebrew = errors(item(&r, "Hebrew birthday"));
    assert_eq!(hebrew[0].0, 125);
    assert!(hebrew[0]
        .1
        .starts_with("RSCALE=HEBREW: the platform repeats by the Gregorian calendar only"));
}

#[test]
fn the_defaults_say_what_they_assumed() {
    let r = ics(SAMPLE).report;
    let point = said(item(&r, "Call the bank"));
    assert!(
        point[0]
            .1
            .contains("a point in time; imported lasting 15 minutes"),
        "{point:?}"
    );
    // Its alarm 10 minutes before the end rings 10 minutes before the start: a point in
    // time ends when it starts.
    assert_eq!(
        ok(item(&r, "Call the bank")).reminders,
        vec![crate::common::fields(
            json!({"channel": "in_app", "offsetMinutes": 10})
        )]
    );
    let new_year = said(item(&r, "New Year's Day"));
    assert_eq!(
        new_year[2].1,
        "the event ends on the date it starts (2026-01-01), which lasts no time; read as one all-day event on 2026-01-01"
    );
    assert_eq!(ok(item(&r, "New Year's Day")).entry["isAllDay"], true);
    let stale = &said(item(&r, "Call with the New York office"))[0].1;
    assert!(
        stale.contains("standard and daylight offsets of America/New_York"),
        "{stale}"
    );
    let odd = &said(item(&r, "A zone of its own"))[0].1;
    assert!(
        odd.contains("read at the offsets it states (mostly +02:00)"),
        "{odd}"
    );
    let no_t = &said(item(&r, "Start without its T"))[0].1;
    assert!(no_t.contains("missing the T"), "{no_t}");
}

#[test]
fn extra_dates_are_entries_of_their_own_linked_to_their_event() {
    let r = ics(SAMPLE).report;
    let office = ok(item(&r, "Office hours"));
    let series = office.series.as_ref().unwrap();
    // The EXDATE of 19 March cancels an extra date, not one of the rule's Mondays: the
    // series has nothing to cancel. 9 March is a Monday of the rule: one occurrence.
    assert!(series.cancelled_dates.is_empty());
    assert!(series.overrides.is_empty());
    let extras: Vec<&ImportedEvent> = r
        .items
        .iter()
        .filter(|i| i.label.starts_with("Office hours ("))
        .map(ok)
        .collect();
    assert_eq!(extras.len(), 2);
    assert_eq!(
        extras[0].uid.as_deref(),
        Some("office@troublemakers-rdate-20260305T130000Z")
    );
    assert_eq!(
        extras[0].entry["metadata"],
        json!({"icalUid": "office@troublemakers-rdate-20260305T130000Z", "icalRdateOf": "office@troublemakers"})
    );
    assert_eq!(extras[0].entry["title"], "Office hours");
    assert!(extras[0].series.is_none());
    assert_eq!(extras[1].entry["title"], "Office hours (long)");
    let master = said(item(&r, "Office hours"));
    assert_eq!(
        master[0].1,
        "RDATE: 2 extra occurrence(s) (2026-03-05, 2026-03-26) are imported as entries of their own, after this one: the platform has no place for extra dates in an event"
    );
    let extra = said(item(&r, "Office hours (2026-03-05)"));
    assert!(
        extra[0]
            .1
            .contains("linked to its event by UID \"office@troublemakers\""),
        "{extra:?}"
    );
    // The RDATE of the start itself is the start: two extra workshop days, not three.
    assert_eq!(
        r.items
            .iter()
            .filter(|i| i.label.starts_with("Workshop days ("))
            .count(),
        2
    );
}

#[test]
fn streaming_gives_the_same_items() {
    let file = sample_bytes(SAMPLE);
    same_as_whole_file(&file);
    for cut in (0..file.len()).step_by(211) {
        same_as_whole_file(&file[..cut]);
    }
}

/// What the app exports from what it imported: every record, with its reminders.
fn exported() -> (Vec<ImportedEvent>, String) {
    let import = ical::import(sample_bytes(SAMPLE).as_slice(), &options());
    let events: Vec<ImportedEvent> = import.report.records().cloned().collect();
    let text = export_reminding(
        &[CalendarExport {
            name: "Troublemakers".into(),
            timezone: "Europe/Berlin".into(),
            entries: events.iter().map(EntryExport::from).collect(),
        }],
        &[events.iter().map(|e| e.reminders.clone()).collect()],
    );
    (events, text)
}

/// Each imported event's UID with its start: the instant (UTC, RFC 3339), or the date of an
/// all-day event.
pub fn expected_starts(events: &[ImportedEvent]) -> Vec<(String, String)> {
    let mut starts: Vec<(String, String)> = events
        .iter()
        .map(|e| {
            let start = e.entry["startsAt"].as_str().unwrap();
            let when = if e.entry["isAllDay"] == true {
                let tz: chrono_tz::Tz = e.entry["timezone"].as_str().unwrap().parse().unwrap();
                let t: DateTime<Utc> = start.parse().unwrap();
                t.with_timezone(&tz).date_naive().to_string()
            } else {
                start.to_string()
            };
            (e.uid.clone().unwrap(), when)
        })
        .collect();
    starts.sort();
    starts
}

/// A reader's start as [`expected_starts`] writes it: ical.js and libical print
/// `2026-03-02T09:15:00 Europe/Berlin = 2026-03-02T08:15:00Z`, python an ISO time with its
/// offset; a date stays a date.
fn as_utc(start: &str) -> String {
    let start = start.rsplit(" = ").next().unwrap();
    if start.len() == 10 {
        return start.to_string();
    }
    let t = DateTime::parse_from_rfc3339(start)
        .unwrap_or_else(|e| panic!("{start}: {e}"))
        .with_timezone(&Utc);
    t.to_rfc3339_opts(chrono::SecondsFormat::Secs, true)
}

pub fn read_starts(found: &Value, key: &str) -> Vec<(String, String)> {
    let mut starts: Vec<(String, String)> = found[0]["events"]
        .as_array()
        .unwrap()
        .iter()
        .map(|e| {
            (
                e["uid"].as_str().unwrap().to_string(),
                as_utc(e[key].as_str().unwrap()),
            )
        })
        .collect();
    starts.sort();
    starts
}

#[test]
fn the_export_of_what_was_imported_reads_back_in_three_readers() {
    let (events, text) = exported();
    let expected = expected_starts(&events);
    assert_eq!(expected.len(), EXPECTED.len());
    if let Some(found) = icaljs("ics", &text) {
        assert_eq!(read_starts(&found, "start"), expected, "ical.js\n{text}");
    }
    if let Some(found) = libical(&text) {
        assert_eq!(read_starts(&found, "start"), expected, "libical\n{text}");
    }
    if let Some(found) = python_icalendar(&text) {
        assert_eq!(
            read_starts(&found, "dtstart"),
            expected,
            "python icalendar\n{text}"
        );
    }
    // And Outpost reads its own export back to the same records, without a warning.
    let again = ical::import(text.as_bytes(), &options());
    assert!(again.report.items.iter().all(|i| i.is_ok()));
    assert_eq!(again.report.records().count(), events.len());
}

/// A calendar around `lines`: line 1 is `BEGIN:VCALENDAR`, `lines[0]` is line 2.
fn calendar(lines: &[&str]) -> String {
    let mut text = String::from("BEGIN:VCALENDAR\r\n");
    for l in lines {
        text.push_str(l);
        text.push_str("\r\n");
    }
    text.push_str("END:VCALENDAR\r\n");
    text
}

#[test]
fn extra_dates_take_their_events_kind() {
    let text = calendar(&[
        "BEGIN:VEVENT",
        "UID:birthday@x",
        "SUMMARY:Birthday",
        "DTSTART;VALUE=DATE:20260314",
        "RRULE:FREQ=YEARLY",
        // Its own date next year is the rule's; a date-time is read as its day.
        "RDATE;VALUE=DATE:20260320,20270314",
        "RDATE:20260401T100000Z",
        "END:VEVENT",
        "BEGIN:VEVENT",
        "UID:talk@x",
        "SUMMARY:Talk",
        "DTSTART;TZID=Europe/Berlin:20260302T090000",
        "DURATION:PT1H",
        // A date on a timed event is at the event's time; a period without VALUE=PERIOD is
        // read as one.
        "RDATE;VALUE=DATE:20260303",
        "RDATE;TZID=Europe/Berlin:20260304T090000/PT30M",
        "END:VEVENT",
    ]);
    let r = ical::import(text.as_bytes(), &options()).report;
    let found: Vec<(&str, &str, &str, bool)> = r
        .items
        .iter()
        .map(|i| {
            let e = ok(i);
            let (start, end, _) = times(e);
            (i.label.as_str(), start, end, e.entry["isAllDay"] == true)
        })
        .collect();
    assert_eq!(
        found,
        [
            (
                "Birthday",
                "2026-03-13T23:00:00Z",
                "2026-03-14T23:00:00Z",
                true
            ),
            (
                "Birthday (2026-03-20)",
                "2026-03-19T23:00:00Z",
                "2026-03-20T23:00:00Z",
                true
            ),
            (
                "Birthday (2026-04-01)",
                "2026-03-31T22:00:00Z",
                "2026-04-01T22:00:00Z",
                true
            ),
            (
                "Talk",
                "2026-03-02T08:00:00Z",
                "2026-03-02T09:00:00Z",
                false
            ),
            (
                "Talk (2026-03-03)",
                "2026-03-03T08:00:00Z",
                "2026-03-03T09:00:00Z",
                false
            ),
            (
                "Talk (2026-03-04)",
                "2026-03-04T08:00:00Z",
                "2026-03-04T08:30:00Z",
                false
            ),
        ]
    );
    assert_eq!(
        ok(&r.items[1]).uid.as_deref(),
        Some("birthday@x-rdate-20260320")
    );
    let period = said(&r.items[3]);
    assert!(
        period.iter().any(|(line, m)| *line == 16
            && m == "RDATE \"20260304T090000/PT30M\" is a period written without VALUE=PERIOD; read as one"),
        "{period:?}"
    );
}

#[test]
fn an_extra_date_that_cannot_be_read_fails_its_event_with_the_line() {
    let text = calendar(&[
        "BEGIN:VEVENT",
        "UID:e@x",
        "SUMMARY:Event",
        "DTSTART:20260302T090000Z",
        "DURATION:PT1H",
        "RDATE:20260303T090000Z,someday",
        "END:VEVENT",
    ]);
    let r = ical::import(text.as_bytes(), &options()).report;
    assert_eq!(
        r.items.len(),
        1,
        "a failed event takes its extra dates with it"
    );
    let problems = r.items[0].outcome.as_ref().unwrap_err();
    assert_eq!(problems[0].line, 7);
    assert!(
        problems[0].message.starts_with("RDATE: \"someday\" is not"),
        "{problems:?}"
    );
}

#[test]
fn extra_dates_past_the_limit_are_named_not_imported() {
    let over = 5;
    let dates: Vec<String> = (0..ical::MAX_EXTRA_DATES + over)
        .map(|i| {
            let day = chrono::NaiveDate::from_ymd_opt(2026, 1, 1).unwrap()
                + chrono::Duration::days(i as i64 + 1);
            day.format("%Y%m%dT090000Z").to_string()
        })
        .collect();
    let rdate = format!("RDATE:{}", dates.join(","));
    let text = calendar(&[
        "BEGIN:VEVENT",
        "UID:many@x",
        "SUMMARY:Many",
        "DTSTART:20260101T090000Z",
        "DURATION:PT1H",
        &rdate,
        "END:VEVENT",
    ]);
    let r = ical::import(text.as_bytes(), &options()).report;
    assert_eq!(r.items.len(), 1 + ical::MAX_EXTRA_DATES);
    let master = said(&r.items[0]);
    assert!(
        master.contains(&(
            7,
            format!(
                "RDATE lists {over} more dates after the first {}; those are not imported",
                ical::MAX_EXTRA_DATES
            )
        )),
        "{master:?}"
    );
}

#[test]
fn changed_occurrences_of_an_event_of_extra_dates_change_their_entries() {
    let text = calendar(&[
        "BEGIN:VEVENT",
        "UID:course@x",
        "SUMMARY:Course",
        "DTSTART;TZID=Europe/Berlin:20260302T090000",
        "DURATION:PT2H",
        "RDATE;TZID=Europe/Berlin:20260309T090000,20260316T090000",
        "END:VEVENT",
        // The first day moves to the afternoon under another title.
        "BEGIN:VEVENT",
        "UID:course@x",
        "RECURRENCE-ID;TZID=Europe/Berlin:20260302T090000",
        "SUMMARY:Course (kick-off)",
        "DTSTART;TZID=Europe/Berlin:20260302T140000",
        "DTEND;TZID=Europe/Berlin:20260302T170000",
        "END:VEVENT",
        // The last day is cancelled.
        "BEGIN:VEVENT",
        "UID:course@x",
        "RECURRENCE-ID;TZID=Europe/Berlin:20260316T090000",
        "STATUS:CANCELLED",
        "DTSTART;TZID=Europe/Berlin:20260316T090000",
        "DURATION:PT2H",
        "END:VEVENT",
    ]);
    let import = ical::import(text.as_bytes(), &options());
    let r = &import.report;
    let found: Vec<(&str, &str, &str)> = r
        .items
        .iter()
        .map(|i| {
            let e = ok(i);
            (
                e.entry["title"].as_str().unwrap(),
                e.entry["startsAt"].as_str().unwrap(),
                e.entry["endsAt"].as_str().unwrap(),
            )
        })
        .collect();
    assert_eq!(
        found,
        [
            (
                "Course (kick-off)",
                "2026-03-02T13:00:00Z",
                "2026-03-02T16:00:00Z"
            ),
            ("Course", "2026-03-09T08:00:00Z", "2026-03-09T10:00:00Z"),
        ]
    );
    // Nothing was left unapplied.
    assert!(r.items.iter().all(|i| i
        .warnings
        .iter()
        .all(|w| !w.message.contains("not imported"))));
    same_as_whole_file(text.as_bytes());
}

#[test]
fn a_cancelled_first_occurrence_of_extra_dates_stays_marked_cancelled() {
    let text = calendar(&[
        "BEGIN:VEVENT",
        "UID:course@x",
        "SUMMARY:Course",
        "DTSTART:20260302T080000Z",
        "DURATION:PT2H",
        "RDATE:20260309T080000Z",
        "END:VEVENT",
        "BEGIN:VEVENT",
        "UID:course@x",
        "RECURRENCE-ID:20260302T080000Z",
        "STATUS:CANCELLED",
        "DTSTART:20260302T080000Z",
        "DURATION:PT2H",
        "END:VEVENT",
    ]);
    let r = ical::import(text.as_bytes(), &options()).report;
    assert_eq!(r.items.len(), 2);
    let first = &r.items[0];
    assert_eq!(ok(first).entry["status"], "cancelled");
    assert!(said(first).contains(&(
        9,
        "the event's first occurrence is cancelled here; its entry stays, marked cancelled, as the entries of its extra dates are linked to it".to_string()
    )), "{:?}", first.warnings);
    assert_eq!(ok(&r.items[1]).entry.get("status"), None);
}
