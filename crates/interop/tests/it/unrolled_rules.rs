//! Events whose rule the platform's series cannot hold (tests/samples/unrolled-rules.ics, as
//! Thunderbird, Outlook and Google write them): every occurrence comes in as an entry of its
//! own linked to its event, at the instants RFC 5545 gives, with one note at the RRULE line;
//! streaming gives the same; the export reads back in the three readers; and what no rule
//! can bound is capped and counted, never hung on.

use chrono::Datelike;
use outpost_interop::ical::{self, CalendarExport, EntryExport, ImportedEvent};
use outpost_interop::{ImportReport, Item};

use crate::common::{export_reminding, options, sample_bytes};
use crate::readers::{icaljs, libical, python_icalendar};
use crate::real_calendars::{expected_starts, read_starts};
use crate::samples::{ics, unrolled};
use crate::streaming::same_as_whole_file;

const SAMPLE: &str = "unrolled-rules.ics";

fn report() -> ImportReport<ImportedEvent> {
    ics(SAMPLE).report
}

/// The event's note (its line and text) and its entries' starts.
fn rule(r: &ImportReport<ImportedEvent>, label: &str) -> (usize, String, Vec<String>) {
    let (note, starts) = unrolled(r, label);
    (note.line, note.message, starts)
}

#[test]
fn every_occurrence_of_every_rule_comes_in() {
    let r = report();
    assert!(r.file_problems.is_empty(), "{:?}", r.file_problems);
    assert!(r.items.iter().all(Item::is_ok), "{:#?}", r.items);
    let cases: &[(&str, usize, &str, &[&str])] = &[
        // The last weekday of the month until June, Outlook's zone name read as Berlin.
        (
            "Payroll",
            34,
            "BYSETPOS",
            &[
                "2026-01-30T08:00:00Z",
                "2026-02-27T08:00:00Z",
                "2026-03-31T07:00:00Z",
                "2026-04-30T07:00:00Z",
                "2026-05-29T07:00:00Z",
                "2026-06-30T07:00:00Z",
            ],
        ),
        // The last day of the month, all day: each starts at midnight in Berlin.
        (
            "Rent due",
            41,
            "BYMONTHDAY=-1",
            &[
                "2026-01-30T23:00:00Z",
                "2026-02-27T23:00:00Z",
                "2026-03-30T22:00:00Z",
                "2026-04-29T22:00:00Z",
            ],
        ),
        // Yearly in two months.
        (
            "Check the heating",
            55,
            "BYMONTH=3,9",
            &[
                "2026-03-20T09:00:00Z",
                "2026-09-20T08:00:00Z",
                "2027-03-20T09:00:00Z",
                "2027-09-20T08:00:00Z",
            ],
        ),
        // Twice a day, across the March clock change.
        (
            "Pills",
            62,
            "BYHOUR",
            &[
                "2026-03-28T07:00:00Z",
                "2026-03-28T19:00:00Z",
                "2026-03-29T06:00:00Z",
                "2026-03-29T18:00:00Z",
            ],
        ),
    ];
    for (label, line, why, starts) in cases {
        let (at, note, found) = rule(&r, label);
        assert_eq!(at, *line, "{label}");
        assert!(note.contains(why), "{label}: {note}");
        assert_eq!(found, *starts, "{label}");
        assert!(
            note.contains(&format!("its {} occurrence(s)", starts.len())),
            "{label}: {note}"
        );
    }
}

#[test]
fn a_rule_the_platform_can_hold_stays_a_series() {
    // RFC 5545's US election day (every 4 years, the Tuesday after the first Monday in
    // November) is a yearly series in November on Tuesdays the 2nd to the 8th.
    let r = report();
    let election = crate::samples::item(&r, "Election day");
    let e = election.outcome.as_ref().unwrap();
    let master = &e.series.as_ref().unwrap().master;
    assert_eq!(master["byWeekday"], serde_json::json!([2]));
    assert_eq!(master["occurrenceCountLimit"], 3);
    assert!(r
        .records()
        .all(|e| e.entry["metadata"]["icalRuleOf"] != "election@unrolled"));
}

#[test]
fn exdate_recurrence_id_and_rdate_act_on_the_unrolled_occurrences() {
    let r = report();
    // 2nd Tuesday, 6 times: 12 May removed by EXDATE, 9 June moved, 14 July cancelled; the
    // RDATE of 14 April is one of the rule's, that of 20 June an extra date.
    let (line, note, starts) = rule(&r, "Team lunch");
    assert_eq!(line, 10);
    assert!(
        note.contains("its 4 occurrence(s) from 2026-03-10 to 2026-08-11"),
        "{note}"
    );
    assert_eq!(
        starts,
        [
            "2026-03-10T11:00:00Z",
            "2026-04-14T10:00:00Z",
            "2026-06-09T10:30:00Z",
            "2026-08-11T10:00:00Z"
        ]
    );
    let records: Vec<&ImportedEvent> = r.records().collect();
    let moved = records
        .iter()
        .find(|e| e.entry["startsAt"] == "2026-06-09T10:30:00Z")
        .unwrap();
    assert_eq!(moved.entry["title"], "Team lunch (garden)");
    assert_eq!(moved.entry["endsAt"], "2026-06-09T12:00:00Z");
    assert_eq!(
        moved.uid.as_deref(),
        Some("lunch@unrolled-occurrence-20260609T100000Z"),
        "named by the occurrence it changes"
    );
    let extra = records
        .iter()
        .find(|e| e.entry["metadata"]["icalRdateOf"] == "lunch@unrolled")
        .unwrap();
    assert_eq!(extra.entry["startsAt"], "2026-06-20T10:00:00Z");
    let lunch_entries = records
        .iter()
        .filter(|e| e.entry["title"].as_str().unwrap().starts_with("Team lunch"))
        .count();
    assert_eq!(lunch_entries, 5);
}

#[test]
fn a_rule_without_an_end_is_unrolled_two_years_past_the_later_of_start_and_today() {
    // Imported on 1 March 2026 (the tests' day): last Fridays until 1 March 2028.
    let (_, note, starts) = rule(&report(), "Board meeting");
    assert_eq!(starts.len(), 26);
    assert_eq!(starts[0], "2026-01-30T14:00:00Z");
    assert_eq!(starts[25], "2028-02-25T14:00:00Z");
    assert!(note.contains("occurrences before 2028-03-01"), "{note}");
    // Imported a year later, a year more.
    let mut later = options();
    later.today = later.today.with_year(2027).unwrap();
    let r = ical::import(sample_bytes(SAMPLE).as_slice(), &later).report;
    assert_eq!(unrolled(&r, "Board meeting").1.len(), 38);
}

#[test]
fn streaming_gives_the_same_items() {
    let file = sample_bytes(SAMPLE);
    same_as_whole_file(&file);
    for cut in (0..file.len()).step_by(173) {
        same_as_whole_file(&file[..cut]);
    }
}

#[test]
fn the_export_of_what_was_imported_reads_back_in_three_readers() {
    let import = ical::import(sample_bytes(SAMPLE).as_slice(), &options());
    let events: Vec<ImportedEvent> = import.report.records().cloned().collect();
    let text = export_reminding(
        &[CalendarExport {
            name: "Unrolled".into(),
            timezone: "Europe/Berlin".into(),
            entries: events.iter().map(EntryExport::from).collect(),
        }],
        &[events.iter().map(|e| e.reminders.clone()).collect()],
    );
    let expected = expected_starts(&events);
    assert_eq!(expected.len(), 5 + 6 + 4 + 1 + 4 + 4 + 26);
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
    let again = ical::import(text.as_bytes(), &options());
    assert!(again.report.items.iter().all(|i| i.is_ok()));
    assert_eq!(again.report.records().count(), events.len());
}

/// One event around `lines` (its properties after UID, SUMMARY and DTSTART): line 6 is the
/// first of them.
fn event(lines: &[&str]) -> String {
    let mut text = String::from(
        "BEGIN:VCALENDAR\r\nBEGIN:VEVENT\r\nUID:x\r\nSUMMARY:S\r\nDTSTART;TZID=Europe/Berlin:20260302T090000\r\n",
    );
    for l in lines {
        text.push_str(l);
        text.push_str("\r\n");
    }
    text.push_str("DURATION:PT1H\r\nEND:VEVENT\r\nEND:VCALENDAR\r\n");
    text
}

fn import(lines: &[&str]) -> ImportReport<ImportedEvent> {
    ical::import(event(lines).as_bytes(), &options()).report
}

#[test]
fn past_a_thousand_occurrences_the_rest_are_counted() {
    let r = import(&["RRULE:FREQ=DAILY;BYHOUR=9,21;COUNT=5000"]);
    assert_eq!(r.items.len(), 1 + ical::MAX_EXTRA_DATES);
    let (line, note, _) = rule(&r, "S");
    assert_eq!(line, 6);
    assert!(
        note.contains("3999 more after the first 1001 are not imported"),
        "{note}"
    );
    // Without an end, every minute of every Monday: capped, and the rest counted as far as
    // the walk goes (about 150,000 to the horizon, more than it looks at).
    let r = import(&["RRULE:FREQ=MINUTELY;BYDAY=MO"]);
    assert_eq!(r.items.len(), 1 + ical::MAX_EXTRA_DATES);
    let (_, note, _) = rule(&r, "S");
    assert!(note.contains("; at least "), "{note}");
    assert!(note.contains(" more after the first 1001"), "{note}");
    assert!(
        note.contains("the search for occurrences stopped"),
        "{note}"
    );
}

#[test]
fn rules_that_yield_little_or_are_invalid_neither_hang_nor_panic() {
    // BYSETPOS past every month's set, and 30 February: the event alone.
    for rule in [
        "RRULE:FREQ=MONTHLY;BYDAY=MO;BYSETPOS=6",
        "RRULE:FREQ=YEARLY;BYMONTH=2;BYMONTHDAY=30;COUNT=3",
        "RRULE:FREQ=YEARLY;INTERVAL=4294967295;BYDAY=1MO",
        "RRULE:FREQ=SECONDLY;BYMONTH=12;BYMONTHDAY=31;BYHOUR=23;BYMINUTE=59",
    ] {
        let r = import(&[rule]);
        assert!(r.items[0].is_ok(), "{rule}: {:?}", r.items[0]);
        assert!(r.items.len() <= 1 + ical::MAX_EXTRA_DATES, "{rule}");
    }
    // Invalid: refused with the reason at the RRULE's line.
    for (rule, why) in [
        ("RRULE:FREQ=MONTHLY;BYSETPOS=400;BYDAY=MO", "out of range"),
        ("RRULE:FREQ=WEEKLY;BYDAY=2MO", "MONTHLY or YEARLY"),
        (
            "RRULE:FREQ=MONTHLY;BYDAY=1MO;COUNT=2;UNTIL=20270101",
            "both",
        ),
        (
            "RRULE:FREQ=MONTHLY;BYDAY=1MO;UNTIL=20250101",
            "before DTSTART",
        ),
    ] {
        let r = import(&[rule]);
        let errors = r.items[0].outcome.as_ref().unwrap_err();
        assert_eq!(errors[0].line, 6, "{rule}");
        assert!(
            errors.iter().any(|e| e.message.contains(why)),
            "{rule}: {errors:?}"
        );
    }
}

#[test]
fn an_exdate_on_the_first_occurrence_marks_it_cancelled() {
    let r = import(&[
        "RRULE:FREQ=MONTHLY;BYDAY=1MO;COUNT=3",
        "EXDATE;TZID=Europe/Berlin:20260302T090000",
    ]);
    assert_eq!(r.items.len(), 3);
    let first = &r.items[0];
    assert_eq!(first.outcome.as_ref().unwrap().entry["status"], "cancelled");
    assert!(first
        .warnings
        .iter()
        .any(|w| w.line == 7 && w.message.contains("cancels the first occurrence")));
    assert!(r.items[1]
        .outcome
        .as_ref()
        .unwrap()
        .entry
        .get("status")
        .is_none());
}

#[test]
fn a_tzid_read_as_its_stated_offset_places_every_occurrence_so() {
    // No VTIMEZONE and no zone by that name: the offset it states, all year, so the last
    // Friday of June is at 09:00 +01:00 as January's is, not at a zone's summer time.
    let text = "BEGIN:VCALENDAR\r\nBEGIN:VEVENT\r\nUID:x\r\nSUMMARY:S\r\nDTSTART;TZID=GMT+0100:20260130T090000\r\nDURATION:PT1H\r\nRRULE:FREQ=MONTHLY;BYDAY=-1FR;COUNT=6\r\nEND:VEVENT\r\nEND:VCALENDAR\r\n";
    let r = ical::import(text.as_bytes(), &options()).report;
    let (_, starts) = unrolled(&r, "S");
    assert_eq!(starts[0], "2026-01-30T08:00:00Z");
    assert_eq!(starts[5], "2026-06-26T08:00:00Z");

    // A VTIMEZONE with last century's rules (summer time from the last Sunday of April): the
    // entry is in the zone with the same offsets, the file's rules place the times, so the
    // first Thursday of April is still in winter time.
    let text = [
        "BEGIN:VCALENDAR",
        "BEGIN:VTIMEZONE",
        "TZID:Old Central",
        "BEGIN:STANDARD",
        "DTSTART:19701025T030000",
        "RRULE:FREQ=YEARLY;BYMONTH=10;BYDAY=-1SU",
        "TZOFFSETFROM:+0200",
        "TZOFFSETTO:+0100",
        "END:STANDARD",
        "BEGIN:DAYLIGHT",
        "DTSTART:19700426T020000",
        "RRULE:FREQ=YEARLY;BYMONTH=4;BYDAY=-1SU",
        "TZOFFSETFROM:+0100",
        "TZOFFSETTO:+0200",
        "END:DAYLIGHT",
        "END:VTIMEZONE",
        "BEGIN:VEVENT",
        "UID:y",
        "SUMMARY:T",
        "DTSTART;TZID=Old Central:20260305T090000",
        "DURATION:PT1H",
        "RRULE:FREQ=MONTHLY;BYDAY=1TH;COUNT=3",
        "END:VEVENT",
        "END:VCALENDAR",
        "",
    ]
    .join("\r\n");
    let r = ical::import(text.as_bytes(), &options()).report;
    let (_, starts) = unrolled(&r, "T");
    assert_eq!(
        starts,
        [
            "2026-03-05T08:00:00Z",
            "2026-04-02T08:00:00Z",
            "2026-05-07T07:00:00Z"
        ]
    );
}

#[test]
fn a_change_past_the_unrolled_occurrences_is_an_entry_of_its_own() {
    // An open-ended last Friday, imported on 1 March 2026 (until 2 March 2028): its change in
    // 2030 is still on the calendar; a cancellation out there has nothing to cancel.
    let text = [
        "BEGIN:VCALENDAR",
        "BEGIN:VEVENT",
        "UID:z",
        "SUMMARY:Review",
        "DTSTART;TZID=Europe/Berlin:20260130T150000",
        "DURATION:PT1H",
        "RRULE:FREQ=MONTHLY;BYDAY=-1FR",
        "END:VEVENT",
        "BEGIN:VEVENT",
        "UID:z",
        "RECURRENCE-ID;TZID=Europe/Berlin:20300628T150000",
        "SUMMARY:Review (long)",
        "DTSTART;TZID=Europe/Berlin:20300628T140000",
        "DURATION:PT3H",
        "END:VEVENT",
        "BEGIN:VEVENT",
        "UID:z",
        "RECURRENCE-ID;TZID=Europe/Berlin:20300726T150000",
        "STATUS:CANCELLED",
        "DTSTART;TZID=Europe/Berlin:20300726T150000",
        "DURATION:PT1H",
        "END:VEVENT",
        "END:VCALENDAR",
        "",
    ]
    .join("\r\n");
    let r = ical::import(text.as_bytes(), &options()).report;
    let (note, starts) = unrolled(&r, "Review");
    assert_eq!(starts.len(), 26 + 1);
    assert_eq!(starts[26], "2030-06-28T12:00:00Z");
    assert!(note.message.contains("to 2030-06-28"), "{note:?}");
    let changed = r
        .records()
        .find(|e| e.entry["startsAt"] == "2030-06-28T12:00:00Z")
        .unwrap();
    assert_eq!(changed.entry["title"], "Review (long)");
    assert_eq!(changed.entry["endsAt"], "2030-06-28T15:00:00Z");
    assert_eq!(
        changed.uid.as_deref(),
        Some("z-occurrence-20300628T130000Z")
    );
    let said = &r.items[0].warnings;
    assert!(
        said.iter()
            .any(|w| w.line == 11 && w.message.contains("none of those imported")),
        "{said:?}"
    );
    same_as_whole_file(text.as_bytes());
}
