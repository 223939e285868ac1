//! The sample files in tests/samples, written the way Google Calendar, Outlook,
//! Thunderbird/Lightning, Apple Calendar, iPhone, Android and Nextcloud (vCard 4.0) contact
//! exports write them: what
//! imports, and what is reported, line by line.

use std::fs::File;
use std::io::BufReader;

use outpost_interop::ical::{self, CalendarImport};
use outpost_interop::{csv, vcard, Fields, ImportReport, Item, Problem};
use serde_json::{json, Value};

use crate::common::{date, fields, options, sample_path, CALENDAR_ID};

fn open(name: &str) -> BufReader<File> {
    let path = sample_path(name);
    BufReader::new(File::open(&path).unwrap_or_else(|e| panic!("{path}: {e}")))
}

pub fn ics(name: &str) -> CalendarImport {
    ical::import(open(name), &options())
}

pub fn item<'a, T>(report: &'a ImportReport<T>, label: &str) -> &'a Item<T> {
    report
        .items
        .iter()
        .find(|i| i.label == label)
        .unwrap_or_else(|| panic!("no item {label:?}"))
}

pub fn errors<T>(item: &Item<T>) -> Vec<(usize, String)> {
    item.outcome
        .as_ref()
        .err()
        .unwrap_or_else(|| panic!("{} imported", item.label))
        .iter()
        .map(|p| (p.line, p.message.clone()))
        .collect()
}

fn warning_lines(problems: &[Problem]) -> Vec<usize> {
    problems.iter().map(|p| p.line).collect()
}

/// The item's "not kept" warning (the properties the platform has no place for), as its line
/// and the names it lists.
fn not_kept<T>(item: &Item<T>) -> Option<(usize, String)> {
    let mut found = item
        .warnings
        .iter()
        .filter(|w| w.message.starts_with("not kept"));
    let w = found.next()?;
    assert!(found.next().is_none(), "one per item: {:?}", item.warnings);
    let names = w
        .message
        .split_once("): ")
        .expect("names after the reason")
        .1;
    Some((w.line, names.to_string()))
}

/// An event whose rule the platform's series cannot hold: its one note (at the RRULE line),
/// and the starts of its entries, its own first, then those linked to it by `icalRuleOf`
/// (in time order).
pub fn unrolled(report: &ImportReport<ical::ImportedEvent>, label: &str) -> (Problem, Vec<String>) {
    let event = item(report, label);
    let notes: Vec<&Problem> = event
        .warnings
        .iter()
        .filter(|w| w.message.contains("series cannot hold this rule"))
        .collect();
    assert_eq!(notes.len(), 1, "{:?}", event.warnings);
    let own = event.outcome.as_ref().unwrap();
    let uid = own.uid.clone().unwrap();
    let mut starts = vec![own.entry["startsAt"].as_str().unwrap().to_string()];
    for e in report.records() {
        if e.entry["metadata"]["icalRuleOf"] == uid.as_str() {
            assert!(e.series.is_none());
            starts.push(e.entry["startsAt"].as_str().unwrap().to_string());
        }
    }
    (notes[0].clone(), starts)
}

#[test]
fn google_calendar() {
    let import = ics("google-calendar.ics");
    assert_eq!(import.name.as_deref(), Some("Team Berlin"));
    assert_eq!(import.timezone.as_deref(), Some("Europe/Berlin"));
    let r = &import.report;
    assert!(r.file_problems.is_empty(), "{:?}", r.file_problems);
    assert_eq!(
        (r.counts().items, r.counts().ok, r.counts().failed),
        (28, 28, 0)
    );

    let standup = item(r, "Stand-up");
    let e = standup.outcome.as_ref().unwrap();
    assert_eq!(
        e.uid.as_deref(),
        Some("7kq1o3p9v2m4r6t8u0w2y4a6c8@google.com")
    );
    assert_eq!(e.entry["calendarId"], CALENDAR_ID);
    assert_eq!(e.entry["startsAt"], "2026-03-02T08:15:00Z");
    assert_eq!(e.entry["endsAt"], "2026-03-02T08:30:00Z");
    assert_eq!(e.entry["timezone"], "Europe/Berlin");
    assert_eq!(e.entry["status"], "confirmed");
    assert_eq!(
        e.entry["locationName"],
        "Room 4.12, Alexanderplatz 1, 10178 Berlin"
    );
    assert_eq!(
        e.entry["description"],
        "Daily sync. Join with Google Meet: https://meet.google.com/abc-defg-hij\nAgenda in the doc, as always."
    );
    let s = e.series.as_ref().unwrap();
    assert_eq!(
        Value::Object(s.master.clone()),
        json!({"calendarId": CALENDAR_ID, "frequency": "weekly", "intervalCount": 1, "byWeekday": [1, 3, 5],
               "startsAt": "2026-03-02T08:15:00Z", "timezone": "Europe/Berlin", "untilAt": "2026-06-29T07:15:00Z"})
    );
    assert_eq!(s.cancelled_dates, vec![date(2026, 4, 6)]);
    assert_eq!(s.overrides.len(), 1);
    assert_eq!(s.overrides[0].instance_date, date(2026, 4, 10));
    assert_eq!(
        Value::Object(s.overrides[0].patch.clone()),
        json!({"instanceState": "overridden", "startsAt": "2026-04-10T08:00:00Z",
               "endsAt": "2026-04-10T09:00:00Z", "titleOverride": "Stand-up (long one)"})
    );
    // Google's alarm (TRIGGER:-P0DT0H10M0S) is a reminder of the series, and nothing is lost.
    assert_eq!(
        e.reminders,
        vec![fields(json!({"channel": "in_app", "offsetMinutes": 10}))]
    );
    // DTSTAMP, CREATED, LAST-MODIFIED, SEQUENCE and TRANSP:OPAQUE are no loss.
    assert!(standup.warnings.is_empty(), "{:?}", standup.warnings);

    // A holiday shown as free: every event on the platform makes its calendar busy.
    let holiday = item(r, "Labour Day");
    assert_eq!(not_kept(holiday), Some((63, "TRANSP".to_string())));
    assert_eq!(holiday.warnings.len(), 1);
    let holiday = holiday.outcome.as_ref().unwrap();
    assert_eq!(holiday.entry["isAllDay"], true);
    assert_eq!(holiday.entry["startsAt"], "2026-04-30T22:00:00Z");
    assert_eq!(holiday.entry["endsAt"], "2026-05-01T22:00:00Z");

    // The second Tuesday of the month, without an end: two years of it from its start (after
    // the day of the import), each an entry of its own.
    let (note, starts) = unrolled(r, "Monthly review");
    assert_eq!(note.line, 70);
    assert!(note.message.contains("BYDAY=2TU"), "{note:?}");
    assert!(
        note.message
            .contains("25 occurrence(s) from 2026-05-12 to 2028-05-09"),
        "{note:?}"
    );
    assert!(note.message.contains("occurrences before 2028-05-12"));
    assert_eq!(starts.len(), 25);
    assert_eq!(
        starts[..3],
        [
            "2026-05-12T14:00:00Z",
            "2026-06-09T14:00:00Z",
            "2026-07-14T14:00:00Z"
        ]
    );
    // DTSTART is in UTC, so the rule repeats at 14:00 UTC in winter too (RFC 5545).
    assert_eq!(starts[8], "2027-01-12T14:00:00Z");

    let offsite = item(r, "Offsite (cancelled)");
    assert_eq!(
        offsite.outcome.as_ref().unwrap().entry["status"],
        "cancelled"
    );
    // The attendee has its own warning, not a second one in the "not kept" list.
    assert_eq!(offsite.warnings.len(), 1, "{:?}", offsite.warnings);
    assert!(offsite.warnings[0].message.contains("attendees"));
}

#[test]
fn outlook_calendar() {
    let r = ics("outlook-calendar.ics").report;
    assert!(r.file_problems.is_empty(), "{:?}", r.file_problems);

    let planning = item(&r, "Quarterly planning");
    let e = planning.outcome.as_ref().unwrap();
    assert_eq!(e.entry["timezone"], "Europe/Berlin");
    assert_eq!(e.entry["startsAt"], "2026-03-16T09:00:00Z");
    assert_eq!(
        e.entry["description"],
        "Quarterly planning with the whole team."
    );
    let master = &e.series.as_ref().unwrap().master;
    assert_eq!(master["frequency"], "monthly");
    assert_eq!(master["intervalCount"], 3);
    assert_eq!(master["byMonthDay"], json!([16]));
    assert_eq!(master["occurrenceCountLimit"], 6);
    assert_eq!(
        e.reminders,
        vec![fields(json!({"channel": "in_app", "offsetMinutes": 15}))]
    );
    // The Windows zone is named once, not once per property.
    let zone_notes: Vec<_> = planning
        .warnings
        .iter()
        .filter(|w| w.message.contains("W. Europe Standard Time"))
        .collect();
    assert_eq!(zone_notes.len(), 1);
    assert_eq!(zone_notes[0].line, 46);
    // PRIORITY:5 (normal importance), the HTML twin of the description, Outlook's CDO and
    // OLK properties and CLASS:PUBLIC are no loss.
    assert_eq!(not_kept(planning), None, "{:?}", planning.warnings);

    // "Customized Time Zone" is known only by its VTIMEZONE: US Eastern rules.
    let call = item(&r, "Call with New York office");
    let e = call.outcome.as_ref().unwrap();
    assert_eq!(e.entry["timezone"], "America/New_York");
    assert_eq!(e.entry["startsAt"], "2026-03-18T13:00:00Z");
    assert_eq!(e.entry["status"], "tentative");
    assert_eq!(e.entry["visibility"], "private");
    assert!(call.warnings[0]
        .message
        .contains("offsets of America/New_York"));
    assert_eq!(not_kept(call), None, "{:?}", call.warnings);

    let (note, drinks) = unrolled(&r, "First Thursday drinks");
    assert_eq!(note.line, 83);
    assert!(note.message.contains("BYSETPOS"), "{note:?}");
    assert_eq!(
        drinks[..3],
        [
            "2026-03-05T15:00:00Z",
            "2026-04-02T14:00:00Z",
            "2026-05-07T14:00:00Z"
        ]
    );

    let demo = item(&r, "Vendor demo").outcome.as_ref().unwrap();
    assert_eq!(demo.entry["timezone"], "America/Los_Angeles");
    assert_eq!(demo.entry["startsAt"], "2026-03-20T16:00:00Z");
}

#[test]
fn thunderbird_lightning() {
    let r = ics("thunderbird-lightning.ics").report;
    assert_eq!(r.file_problems.len(), 1);
    assert_eq!(r.file_problems[0].line, 62);
    assert!(r.file_problems[0].message.contains("VTODO"));

    let choir = item(&r, "Choir rehearsal");
    let s = choir.outcome.as_ref().unwrap().series.as_ref().unwrap();
    assert_eq!(s.master["occurrenceCountLimit"], 12);
    assert_eq!(s.master["byWeekday"], json!([2]));
    // The EXDATE in UTC and the occurrence whose STATUS is CANCELLED both cancel a date.
    assert_eq!(s.cancelled_dates, vec![date(2026, 3, 17), date(2026, 4, 7)]);
    assert!(s.overrides.is_empty());
    // TRIGGER;VALUE=DURATION:-PT1H
    assert_eq!(
        choir.outcome.as_ref().unwrap().reminders,
        vec![fields(json!({"channel": "in_app", "offsetMinutes": 60}))]
    );
    // Vienna and Berlin share their offsets, so the series' zone is not worth a warning.
    assert!(choir
        .warnings
        .iter()
        .all(|w| !w.message.contains("calendar's time zone")));
    // Thunderbird's X-MOZ-GENERATION and X-MOZ-LASTACK are its own bookkeeping.
    assert_eq!(not_kept(choir), None, "{:?}", choir.warnings);

    let old = item(&r, "Old-style Lightning zone");
    assert_eq!(
        old.outcome.as_ref().unwrap().entry["timezone"],
        "Europe/Vienna"
    );
    assert!(old.warnings.is_empty());

    let (note, last_friday) = unrolled(&r, "Every last Friday");
    assert_eq!(note.line, 71);
    assert!(note.message.contains("BYDAY=-1FR"), "{note:?}");
    assert_eq!(
        last_friday[..3],
        [
            "2026-03-27T14:00:00Z",
            "2026-04-24T13:00:00Z",
            "2026-05-29T13:00:00Z"
        ]
    );
}

#[test]
fn apple_calendar() {
    let import = ics("apple-calendar.ics");
    assert_eq!(import.name.as_deref(), Some("Home"));
    let r = import.report;
    // Shown as free (TRANSP:TRANSPARENT); X-APPLE-TRAVEL-ADVISORY-BEHAVIOR is a setting.
    let birthday = item(&r, "Mom's birthday");
    assert_eq!(warning_lines(&birthday.warnings), vec![27]);
    assert_eq!(not_kept(birthday), Some((27, "TRANSP".to_string())));
    let birthday = birthday.outcome.as_ref().unwrap();
    assert_eq!(birthday.entry["isAllDay"], true);
    assert_eq!(
        birthday.series.as_ref().unwrap().master["frequency"],
        "yearly"
    );

    // 02:30 does not exist on 8 March 2026 in New York; RFC 5545 reads it as 03:30, which
    // is when the event ends: a point in time, given the platform's shortest length.
    let run = item(&r, "Early run (clock change night)");
    // X-APPLE-STRUCTURED-LOCATION is the map pin of the LOCATION, which is kept.
    assert_eq!(not_kept(run), None, "{:?}", run.warnings);
    assert_eq!(warning_lines(&run.warnings), vec![40]);
    assert!(run.warnings[0].message.contains("a point in time"));
    let run = run.outcome.as_ref().unwrap();
    assert_eq!(run.entry["startsAt"], "2026-03-08T07:30:00Z");
    assert_eq!(run.entry["endsAt"], "2026-03-08T07:45:00Z");

    // Floating times are read in the file's X-WR-TIMEZONE, with a warning per property.
    let dinner = item(&r, "Dinner (floating time)");
    assert_eq!(
        dinner.outcome.as_ref().unwrap().entry["startsAt"],
        "2026-03-20T21:00:00Z"
    );
    assert_eq!(warning_lines(&dinner.warnings), vec![51, 55]);

    let backwards = errors(item(&r, "Ends before it starts"));
    assert_eq!(backwards[0].0, 59);
    assert!(backwards[0].1.contains("ends"));
}

fn contact<'a>(r: &'a ImportReport<Fields>, label: &str) -> &'a Fields {
    item(r, label).outcome.as_ref().unwrap()
}

/// vCard 4.0 as Nextcloud (Sabre VObject) writes it: `tel:` URIs, `PREF=1`, a quoted `TYPE`
/// list, `ADR` with a `LABEL`, a truncated `BDAY`, a `data:` photo, an organisation card
/// (`KIND:org`) and a card with `FN` only (`N` is optional in 4.0).
#[test]
fn nextcloud_contacts_v4() {
    let r = vcard::import(open("nextcloud-contacts.vcf"));
    assert_eq!((r.counts().ok, r.counts().failed), (3, 0));
    let ana = item(&r, "Ana María García-López");
    assert_eq!(
        Value::Object(ana.outcome.clone().unwrap()),
        json!({
            "firstName": "Ana", "middleName": "María", "lastName": "García-López",
            // PREF=1 wins over the home address written first.
            "email": "ana.garcia@uni.example",
            // The tel: URI without its scheme; the first of two without PREF.
            "phone": "+34-600-123-456",
            "url": "https://uni.example/~agarcia",
            "address": {"street": "Calle Mayor", "street_number": "10", "city": "Madrid",
                        "postal_code": "28013", "country": "España"},
            "notes": "Conoce a todo el departamento.\nLlamar por la mañana, no por la tarde.\nE-mail (home): ana@correo.example\nPhone (work): +34-910-000-111\nOrganization: Universidad de Ejemplo, Facultad de Ciencias\nTitle: Profesora titular\nBirthday: --0412"
        })
    );
    // The prefix, ORG, TITLE, the second e-mail and phone, BDAY, each at its line, then what
    // the platform has no place for, at the first of those lines; PRODID, UID and REV are
    // bookkeeping.
    assert_eq!(warning_lines(&ana.warnings), vec![6, 7, 8, 9, 12, 15, 17]);
    assert!(ana.warnings[0].message.contains("\"Dr.\""));
    assert_eq!(
        ana.warnings[6].message,
        "not kept (the platform has no place for them): CATEGORIES, PHOTO, GENDER"
    );

    // An organisation: no person's name is made up from FN; the company goes to the notes.
    let org = &r.items[1];
    assert_eq!(org.line, 22);
    assert_eq!(
        Value::Object(org.outcome.clone().unwrap()),
        json!({"email": "info@acme-werkzeuge.example", "phone": "+49-30-1234567",
               "notes": "Organization: Acme Werkzeuge GmbH"})
    );
    // The platform's contacts are people: that the card is an organisation is not kept.
    assert_eq!(warning_lines(&org.warnings), vec![26, 28]);
    assert_eq!(not_kept(org), Some((26, "KIND".to_string())));

    // FN only: the name is taken from it.
    let jo = item(&r, "Jo Lee");
    assert_eq!(
        Value::Object(jo.outcome.clone().unwrap()),
        json!({"firstName": "Jo", "lastName": "Lee", "email": "jo@lee.example"})
    );
    assert!(jo.warnings.is_empty(), "{:?}", jo.warnings);
}

#[test]
fn iphone_contacts() {
    let r = vcard::import(open("iphone-contacts.vcf"));
    assert_eq!((r.counts().ok, r.counts().failed), (2, 1));
    let jane = item(&r, "Jane Q. Doe");
    let c = jane.outcome.as_ref().unwrap();
    assert_eq!(c["email"], "jane.doe@example.com");
    assert_eq!(c["phone"], "+1 (555) 010-0199");
    assert_eq!(c["url"], "https://jane.example.com");
    assert_eq!(c["address"]["street"], "Evergreen Terrace");
    assert_eq!(c["address"]["street_number"], "742");
    assert_eq!(
        c["notes"],
        "Prefers calls after 10am.\nE-mail (home): jane@home.example\nPhone (work): +1 555 010 0100\nOrganization: Example Corp\nTitle: Head of Operations\nBirthday: 1988-04-12"
    );
    assert_eq!(warning_lines(&jane.warnings), vec![6, 7, 10, 12, 17, 19]);
    // Apple's X-ABLabel (read as a label) and X-ABADR (an address format) are no loss.
    assert_eq!(not_kept(jane), Some((19, "PHOTO".to_string())));

    // A company card: no person's name is made up from the company name. X-ABShowAs, which
    // says so, is read for that and not reported.
    assert_eq!(warning_lines(&r.items[1].warnings), vec![27]);
    let company = r.items[1].outcome.as_ref().unwrap();
    assert_eq!(
        Value::Object(company.clone()),
        json!({"phone": "0800 123 456", "notes": "Organization: ACME Plumbing"})
    );

    let john = errors(item(&r, "John Smith"));
    assert_eq!(
        john,
        vec![(
            35,
            "\"john.smith(at)example.com\" is not an e-mail address".to_string()
        )]
    );
}

#[test]
fn android_contacts() {
    let r = vcard::import(open("android-contacts.vcf"));
    let c = contact(&r, "Jürgen Müller");
    assert_eq!(c["address"]["street"], "Domstraße");
    assert_eq!(c["address"]["city"], "Köln");
    assert_eq!(c["phone"], "+49 171 2345678");
    assert_eq!(
        c["notes"],
        "Kennt sich mit Fahrrädern aus.\nAb 18 Uhr erreichbar.\nPhone (home): +49 221 123456"
    );
    // ISO-8859-1 quoted-printable.
    let c = contact(&r, "Élise François");
    assert_eq!(
        (c["firstName"].as_str(), c["lastName"].as_str()),
        (Some("Élise"), Some("François"))
    );
    // A card without END fails alone; the next card imports.
    let broken = errors(item(&r, "Card Broken"));
    assert_eq!(broken[0].0, 17);
    assert!(broken[0].1.contains("line 21"));
    assert_eq!(contact(&r, "Broken After")["email"], "after@example.com");
}

#[test]
fn google_contacts_csv() {
    let import = csv::import(open("google-contacts.csv"), Default::default()).unwrap();
    let r = &import.report;
    assert_eq!(r.items.len(), 4);
    let anna = contact(r, "Anna Müller");
    assert_eq!(anna["email"], "anna.mueller@example.com");
    assert_eq!(anna["phone"], "+49 151 11111111");
    assert_eq!(anna["url"], "https://example.com/anna");
    assert_eq!(anna["address"]["postal_code"], "10115");
    assert_eq!(
        anna["notes"],
        "Met at the trade fair, booth 12.\nFollow up in May.\nE-mail (E-mail 2 - Value): anna@home.example\nBirthday: 1990-05-17\nOrganization: ACME GmbH\nTitle: Buyer"
    );
    // The quoted notes span two lines; the next row starts on line 6.
    assert_eq!(item(r, "Bo Chen").line, 6);
    let empty = &r.items[2];
    assert_eq!(empty.line, 7);
    assert!(empty.outcome.is_err());
    let carla = item(r, "Carla Rossi");
    let fields: Vec<_> = carla
        .outcome
        .as_ref()
        .unwrap_err()
        .iter()
        .map(|p| (p.line, p.field.clone().unwrap()))
        .collect();
    assert_eq!(
        fields,
        vec![(8, "email".to_string()), (8, "phone".to_string())]
    );
}

#[test]
fn outlook_contacts_csv() {
    let import = csv::import(open("outlook-contacts.csv"), Default::default()).unwrap();
    let r = &import.report;
    let peter = item(r, "Peter Meier");
    let c = peter.outcome.as_ref().unwrap();
    assert_eq!(c["phone"], "+49 160 222");
    assert_eq!(c["url"], "https://www.meier-consulting.de");
    assert_eq!(c["address"]["street"], "Leopoldstraße, 2. OG");
    assert_eq!(c["address"]["street_number"], "10");
    assert_eq!(c["address"]["region"], "Bayern");
    assert!(c["notes"]
        .as_str()
        .unwrap()
        .contains("Address (business): Marienplatz 1, 80331 München, Bayern, Deutschland"));
    // Outlook's "0/0/00" empty birthday is not a birthday.
    assert!(!c["notes"].as_str().unwrap().contains("Birthday"));
    assert_eq!(peter.warnings.len(), 5);
    // The row of placeholders only is reported, not imported.
    assert_eq!(r.items[1].line, 3);
    assert!(r.items[1].outcome.is_err());
}
