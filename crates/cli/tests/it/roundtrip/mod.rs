//! A colleague's .ics and a phone's .vcf dated around today (so a replica's sync window holds
//! them), and field-by-field comparisons of what an export gives back with the originals: both
//! files are parsed by the same importer, so what is compared is what the platform holds.

#![allow(dead_code)] // each test file uses its own part of this module

use std::collections::BTreeMap;

use chrono::{Datelike, Duration, NaiveDate};
use outpost_interop::ical::{self, ImportOptions, ImportedEvent};
use outpost_interop::{vcard, Fields};
use serde_json::Value;

/// The UIDs of the colleague's events.
pub const STANDUP_UID: &str = "standup-7kq1o3p9@colleague.example";
pub const VISIT_UID: &str = "visit-2b3c@colleague.example";
pub const OFFSITE_UID: &str = "offsite-9f8e@colleague.example";
pub const BUDGET_UID: &str = "budget-4d5e@colleague.example";
pub const CALL_UID: &str = "call-ny-6a7b@colleague.example";

/// The Monday at least two weeks after `today`: every date of the file comes after it, inside
/// the default sync window (90 days back, 365 ahead).
pub fn first_monday(today: NaiveDate) -> NaiveDate {
    let to_monday = (7 - today.weekday().num_days_from_monday()) % 7;
    today + Duration::days(i64::from(to_monday) + 14)
}

fn d(day: NaiveDate) -> String {
    day.format("%Y%m%d").to_string()
}

/// A colleague's calendar in the style Google Calendar writes: a series with an EXDATE, a
/// RECURRENCE-ID override and an alarm; a one-off with location, description and two alarms;
/// an all-day event over two days; a bimonthly series ending on a date; an event in another
/// zone.
pub fn colleague_ics(monday: NaiveDate) -> String {
    let day = |n: i64| d(monday + Duration::days(n));
    let until = d(monday + Duration::days(300));
    let lines = [
        "BEGIN:VCALENDAR".to_string(),
        "PRODID:-//Google Inc//Google Calendar 70.9054//EN".into(),
        "VERSION:2.0".into(),
        "CALSCALE:GREGORIAN".into(),
        "X-WR-CALNAME:Colleague".into(),
        "X-WR-TIMEZONE:Europe/Berlin".into(),
        "BEGIN:VEVENT".into(),
        format!("DTSTART;TZID=Europe/Berlin:{}T091500", day(0)),
        format!("DTEND;TZID=Europe/Berlin:{}T093000", day(0)),
        "RRULE:FREQ=WEEKLY;WKST=MO;COUNT=15;BYDAY=MO,WE,FR".into(),
        format!("EXDATE;TZID=Europe/Berlin:{}T091500", day(7)),
        "DTSTAMP:20260301T120000Z".into(),
        format!("UID:{STANDUP_UID}"),
        "DESCRIPTION:Daily sync. Join with Meet: https://meet.example.com/abc\\nAgenda in".into(),
        "  the doc\\, as always.".into(),
        "LOCATION:Room 4.12\\, Alexanderplatz 1\\, 10178 Berlin".into(),
        "STATUS:CONFIRMED".into(),
        "SUMMARY:Stand-up".into(),
        "BEGIN:VALARM".into(),
        "ACTION:DISPLAY".into(),
        "DESCRIPTION:This is an event reminder".into(),
        "TRIGGER:-P0DT0H10M0S".into(),
        "END:VALARM".into(),
        "END:VEVENT".into(),
        "BEGIN:VEVENT".into(),
        format!("DTSTART;TZID=Europe/Berlin:{}T100000", day(11)),
        format!("DTEND;TZID=Europe/Berlin:{}T110000", day(11)),
        "DTSTAMP:20260301T120000Z".into(),
        format!("UID:{STANDUP_UID}"),
        format!("RECURRENCE-ID;TZID=Europe/Berlin:{}T091500", day(11)),
        "SUMMARY:Stand-up (long one)".into(),
        "DESCRIPTION:Quarter numbers first.".into(),
        "STATUS:CONFIRMED".into(),
        "END:VEVENT".into(),
        "BEGIN:VEVENT".into(),
        format!("DTSTART;TZID=Europe/Berlin:{}T140000", day(2)),
        format!("DTEND;TZID=Europe/Berlin:{}T153000", day(2)),
        "DTSTAMP:20260301T120000Z".into(),
        format!("UID:{VISIT_UID}"),
        "SUMMARY:Customer visit: Müller & Söhne".into(),
        "LOCATION:Müller & Söhne\\; Hauptstraße 5\\, 10115 Berlin".into(),
        "DESCRIPTION:Bring the signed contract.\\nParking in the yard.".into(),
        "BEGIN:VALARM".into(),
        "ACTION:DISPLAY".into(),
        "TRIGGER:-PT1H".into(),
        "END:VALARM".into(),
        "BEGIN:VALARM".into(),
        "ACTION:EMAIL".into(),
        "TRIGGER:-P1D".into(),
        "END:VALARM".into(),
        "END:VEVENT".into(),
        "BEGIN:VEVENT".into(),
        format!("DTSTART;VALUE=DATE:{}", day(3)),
        format!("DTEND;VALUE=DATE:{}", day(5)),
        "DTSTAMP:20260301T120000Z".into(),
        format!("UID:{OFFSITE_UID}"),
        "SUMMARY:Team offsite".into(),
        "LOCATION:Lake house".into(),
        "TRANSP:TRANSPARENT".into(),
        "END:VEVENT".into(),
        "BEGIN:VEVENT".into(),
        format!("DTSTART;TZID=Europe/Berlin:{}T160000", day(4)),
        format!("DTEND;TZID=Europe/Berlin:{}T170000", day(4)),
        format!("RRULE:FREQ=MONTHLY;INTERVAL=2;BYMONTHDAY=15;UNTIL={until}T150000Z"),
        "DTSTAMP:20260301T120000Z".into(),
        format!("UID:{BUDGET_UID}"),
        "SUMMARY:Budget review".into(),
        "END:VEVENT".into(),
        "BEGIN:VEVENT".into(),
        format!("DTSTART;TZID=America/New_York:{}T090000", day(1)),
        format!("DTEND;TZID=America/New_York:{}T094500", day(1)),
        "DTSTAMP:20260301T120000Z".into(),
        format!("UID:{CALL_UID}"),
        "SUMMARY:Call with the New York office".into(),
        "END:VEVENT".into(),
        "END:VCALENDAR".into(),
    ];
    lines.join("\r\n") + "\r\n"
}

/// A phone's address book: an iPhone 3.0 card with two emails, two phones, an address, a URL
/// and a note; a 4.0 card; a company card with only a phone.
pub const PHONE_VCF: &str = "BEGIN:VCARD\r\n\
VERSION:3.0\r\n\
PRODID:-//Apple Inc.//iPhone OS 18.3//EN\r\n\
N:Nair;Priya;K.;;\r\n\
FN:Priya K. Nair\r\n\
ORG:Example Corp;\r\n\
item1.EMAIL;type=INTERNET;type=pref:priya.nair@example.com\r\n\
EMAIL;type=INTERNET;type=HOME:priya@home.example\r\n\
TEL;type=CELL;type=VOICE;type=pref:+1 (555) 010-0477\r\n\
TEL;type=WORK;type=VOICE:+1 555 010 0400\r\n\
item2.ADR;type=HOME;type=pref:;;12 Harbour Road;Springfield;OR;97403;United States\r\n\
item3.URL;type=pref:https://priya.example.com\r\n\
NOTE:Prefers calls after 10am.\\nNever on Fridays.\r\n\
END:VCARD\r\n\
BEGIN:VCARD\r\n\
VERSION:4.0\r\n\
N:Müller;Anna;;;\r\n\
FN:Anna Müller\r\n\
EMAIL;TYPE=work:anna.mueller@example.de\r\n\
TEL;VALUE=uri;TYPE=cell:tel:+49-151-2345678\r\n\
ADR;TYPE=work:;;Hauptstraße 5;Berlin;;10115;Germany\r\n\
URL:https://mueller.example.de\r\n\
NOTE:Met at the fair\\, booth 12.\r\n\
END:VCARD\r\n\
BEGIN:VCARD\r\n\
VERSION:3.0\r\n\
N:;;;;\r\n\
FN:Harbor Plumbing\r\n\
ORG:Harbor Plumbing;\r\n\
TEL;type=WORK;type=VOICE;type=pref:0800 987 654\r\n\
END:VCARD\r\n";

/// The events of an .ics by UID, as the importer reads them into one calendar in Berlin.
pub fn events_by_uid(ics: &str) -> BTreeMap<String, ImportedEvent> {
    let options = ImportOptions::new("calendar", chrono_tz::Europe::Berlin);
    let import = ical::import(ics.as_bytes(), &options);
    assert!(
        import.report.file_problems.is_empty(),
        "{:?}",
        import.report.file_problems
    );
    import
        .report
        .items
        .into_iter()
        .map(|item| {
            let event = item
                .outcome
                .unwrap_or_else(|p| panic!("{} line {}: {p:?}", item.label, item.line));
            (event.uid.clone().expect("a UID"), event)
        })
        .collect()
}

/// Each event's fields as the platform holds them: an event without a STATUS is confirmed
/// there; the import line numbers of changed occurrences are where they stand in a file, not
/// part of the event.
fn comparable(event: &ImportedEvent) -> Value {
    let mut event = event.clone();
    event
        .entry
        .entry("status")
        .or_insert_with(|| Value::from("confirmed"));
    if let Some(series) = &mut event.series {
        for o in &mut series.overrides {
            o.line = 0;
        }
    }
    serde_json::to_value(event).unwrap()
}

/// Asserts that every event of `original` comes back from `exported` with the same fields:
/// title, times, zone, all-day, location, description, status, rule, cancelled and changed
/// occurrences, reminders.
pub fn assert_same_events(original: &str, exported: &str) {
    let want = events_by_uid(original);
    let got = events_by_uid(exported);
    for (uid, event) in &want {
        let back = got
            .get(uid)
            .unwrap_or_else(|| panic!("{uid} is missing from the export:\n{exported}"));
        assert_eq!(
            comparable(back),
            comparable(event),
            "{uid} differs after the round trip:\n{exported}"
        );
    }
}

/// The contacts of a .vcf, each as the importer reads it.
pub fn contacts_of(vcf: &str) -> Vec<Fields> {
    let report = vcard::import(vcf.as_bytes());
    assert!(
        report.file_problems.is_empty(),
        "{:?}",
        report.file_problems
    );
    report
        .items
        .into_iter()
        .map(|i| i.outcome.unwrap_or_else(|p| panic!("{}: {p:?}", i.label)))
        .collect()
}

fn text<'a>(c: &'a Fields, key: &str) -> &'a str {
    c.get(key).and_then(Value::as_str).unwrap_or_default()
}

/// Asserts that every contact of `original` is in `exported` with the same fields (names,
/// email, phone, address, notes with the extra emails and phones, URL). Contacts are matched
/// by name and phone, which every card here has.
pub fn assert_same_contacts(original: &str, exported: &str) {
    let got = contacts_of(exported);
    for want in contacts_of(original) {
        let key = |c: &Fields| {
            (
                text(c, "firstName").to_string(),
                text(c, "lastName").to_string(),
                text(c, "phone").to_string(),
            )
        };
        let back = got
            .iter()
            .find(|c| key(c) == key(&want))
            .unwrap_or_else(|| panic!("{:?} is missing from the export:\n{exported}", key(&want)));
        assert_eq!(back, &want, "the contact differs after the round trip");
    }
}
