//! The "not kept" warning: each imported contact or event names, once, the properties it
//! carried that the platform has no place for, and says nothing of bookkeeping, of defaults,
//! or of what is kept or reported otherwise. A hostile item gets a short warning.

use outpost_interop::ical::{self, EventReader, OccurrenceIndex};
use outpost_interop::{vcard, Item, Problem};

use crate::common::options;

/// `lines` joined with CRLF, numbered from line 1.
fn file(lines: &[&str]) -> String {
    lines.iter().map(|l| format!("{l}\r\n")).collect()
}

fn not_kept<T>(item: &Item<T>) -> Vec<&Problem> {
    item.warnings
        .iter()
        .filter(|w| w.message.starts_with("not kept"))
        .collect()
}

#[test]
fn a_contact_names_what_it_loses_once_in_file_order() {
    let text = file(&[
        "BEGIN:VCARD",
        "VERSION:4.0",
        "FN:Ana García",
        "EMAIL:ana@example.com",
        "CATEGORIES:Friends,Climbing",
        "GENDER:F",
        "IMPP;PREF=1:xmpp:ana@jabber.example",
        "item1.X-ABRELATEDNAMES:Luis",
        "item1.X-ABLabel:_$!<Spouse>!$_",
        "X-SKYPE:ana.garcia",
        "CATEGORIES:Work",
        "PHOTO;MEDIATYPE=image/jpeg:https://photos.example/ana.jpg",
        "GEO:geo:40.4,-3.7",
        "TZ:Europe/Madrid",
        "KIND:group",
        "MEMBER:urn:uuid:03a0e51f-d1aa-4385-8a53-e29025acd8af",
        "X-ANDROID-CUSTOM:vnd.android.cursor.item/nickname;Anita;1;;;;;;;;;;;;;",
        "LABEL;TYPE=work:PO Box 7\\nSpringfield",
        "END:VCARD",
    ]);
    let r = vcard::import(text.as_bytes());
    let item = &r.items[0];
    assert!(item.is_ok());
    assert_eq!(item.warnings.len(), 1, "{:?}", item.warnings);
    assert_eq!(item.warnings[0].line, 5);
    assert_eq!(
        item.warnings[0].message,
        "not kept (the platform has no place for them): CATEGORIES, GENDER, IMPP, X-ABRELATEDNAMES, X-SKYPE, PHOTO, GEO, TZ, KIND, MEMBER, X-ANDROID-CUSTOM, LABEL"
    );
}

/// Cards as iPhone, Outlook, Thunderbird, Evolution and Nextcloud write them, with only their
/// programs' bookkeeping besides what the platform keeps: nothing to report.
#[test]
fn a_contact_with_only_bookkeeping_has_a_clean_report() {
    let text = file(&[
        "BEGIN:VCARD",
        "VERSION:3.0",
        "PRODID:-//Apple Inc.//iPhone OS 18.3//EN",
        "N:Doe;Jane;;;",
        "FN:Jane Doe",
        "UID:6f3c1e0a-8b2d-4c9e-a1f7-3d5b9e2c4a10",
        "REV:2026-03-01T12:00:00Z",
        "X-ABUID:5B2C81A4-0C3F-4D6E-9A1B-2C3D4E5F6A7B:ABPerson",
        "SORT-STRING:Doe",
        "PROFILE:VCARD",
        "NAME:Jane Doe's card",
        "SOURCE:https://dav.example/card/1.vcf",
        "CLIENTPIDMAP:1;urn:uuid:3df403f4-5924-4bb7-b077-3c711d9eb34b",
        "KIND:Individual",
        "X-MS-OL-DEFAULT-POSTAL-ADDRESS:2",
        "X-MS-OL-DESIGN;CHARSET=utf-8:<card xmlns=\"http://schemas.microsoft.com/office/outlook/12/electronicbusinesscards\"/>",
        "X-MOZILLA-HTML:FALSE",
        "X-EVOLUTION-FILE-AS:Doe\\, Jane",
        "item1.ADR;TYPE=HOME:;;Main St 5;Springfield;;12345;US",
        "item1.X-ABADR:us",
        "LABEL;TYPE=HOME:Main St 5\\n12345 Springfield\\nUS",
        "item2.TEL:+1 555 0100",
        "item2.X-ABLabel:_$!<Mobile>!$_",
        "X-ABShowAs:PERSON",
        "CATEGORIES:",
        "X-SKYPE: ",
        "END:VCARD",
    ]);
    let r = vcard::import(text.as_bytes());
    assert!(r.is_clean(), "{:?}", r.items[0].warnings);
}

/// What the mapping keeps in a field or the notes, or reports in a warning of its own, is
/// not named again.
#[test]
fn a_contact_names_nothing_already_kept_or_reported() {
    let text = file(&[
        "BEGIN:VCARD",
        "VERSION:3.0",
        "N:Doe;Jane;;Dr.;",
        "FN:Dr. Jane Doe",
        "ORG:Example Corp",
        "TITLE:Head of Operations",
        "NICKNAME:JD",
        "BDAY:1988-04-12",
        "EMAIL:jane@example.com",
        "EMAIL:jane@home.example",
        "URL:https://jane.example",
        "NOTE:Hi",
        "X-FOO;ENCODING=QUOTED-PRINTABLE:broken=ZZ",
        "END:VCARD",
    ]);
    let r = vcard::import(text.as_bytes());
    let item = &r.items[0];
    assert!(not_kept(item).is_empty(), "{:?}", item.warnings);
    // The prefix, ORG, TITLE, NICKNAME, BDAY, the second e-mail and the unreadable X-FOO.
    assert_eq!(item.warnings.len(), 7, "{:?}", item.warnings);
}

#[test]
fn a_hostile_contact_gets_one_short_warning() {
    let mut lines = vec![
        "BEGIN:VCARD".to_string(),
        "FN:Jo Lee".to_string(),
        format!("X-{}:long", "N".repeat(100_000)),
    ];
    for i in 0..4_000 {
        lines.push(format!("X-INVENTED-{i}:{i}"));
        lines.push(format!("X-INVENTED-{i}:again"));
    }
    lines.push("END:VCARD".to_string());
    let lines: Vec<&str> = lines.iter().map(String::as_str).collect();
    let r = vcard::import(file(&lines).as_bytes());
    let item = &r.items[0];
    assert_eq!(item.warnings.len(), 1);
    let w = &item.warnings[0];
    assert_eq!(w.line, 3);
    assert!(w.message.len() < 400, "{} bytes", w.message.len());
    // The long name cut short, then 11 more named, 188 more told apart, and the rest not.
    let long = format!("X-{}…", "N".repeat(38));
    assert!(
        w.message.starts_with(&format!(
            "not kept (the platform has no place for them): {long}, X-INVENTED-0, X-INVENTED-1,"
        )),
        "{}",
        w.message
    );
    assert!(
        w.message.ends_with(", X-INVENTED-10 and over 188 more"),
        "{}",
        w.message
    );

    let mut lines = vec!["BEGIN:VCARD".to_string(), "FN:Jo Lee".to_string()];
    for i in 0..15 {
        lines.push(format!("X-INVENTED-{i}:{i}"));
    }
    lines.push("END:VCARD".to_string());
    let lines: Vec<&str> = lines.iter().map(String::as_str).collect();
    let r = vcard::import(file(&lines).as_bytes());
    assert!(
        r.items[0].warnings[0]
            .message
            .ends_with(", X-INVENTED-11 and 3 more"),
        "{}",
        r.items[0].warnings[0].message
    );
}

/// An invitation with what the platform has no place for; the attendees have their own
/// warning, the alarm's properties belong to the alarm.
#[test]
fn an_event_names_what_it_loses_once_in_file_order() {
    let text = file(&[
        "BEGIN:VCALENDAR",
        "BEGIN:VEVENT",
        "UID:review@example.com",
        "SUMMARY:Design review",
        "DTSTART;TZID=Europe/Berlin:20260302T090000",
        "DTEND;TZID=Europe/Berlin:20260302T100000",
        "ORGANIZER;CN=Ana:mailto:ana@example.com",
        "ATTENDEE;CN=Bo;PARTSTAT=ACCEPTED:mailto:bo@example.com",
        "CATEGORIES:Work,Design",
        "URL:https://wiki.example/design",
        "ATTACH;FMTTYPE=application/pdf:https://files.example/spec.pdf",
        "GEO:52.52;13.40",
        "PRIORITY:1",
        "TRANSP:TRANSPARENT",
        "CATEGORIES:Urgent",
        "COMMENT:Bring the prototype",
        "X-ALT-DESC;FMTTYPE=text/html:<p>Agenda</p>",
        "X-MICROSOFT-SKYPETEAMSMEETINGURL:https://teams.example/l/meetup",
        "BEGIN:VALARM",
        "ACTION:DISPLAY",
        "DESCRIPTION:Reminder",
        "TRIGGER:-PT10M",
        "X-WR-ALARMUID:8E9C9C0E-3C0F-4D38-9A7B-6C2B1F0E4D21",
        "END:VALARM",
        "END:VEVENT",
        "END:VCALENDAR",
    ]);
    let import = ical::import(text.as_bytes(), &options());
    let item = &import.report.items[0];
    assert!(item.is_ok());
    let lines: Vec<(usize, &str)> = item
        .warnings
        .iter()
        .map(|w| (w.line, w.message.as_str()))
        .collect();
    assert_eq!(
        lines,
        vec![
            (7, "not kept (the platform has no place for them): ORGANIZER, CATEGORIES, URL, ATTACH, GEO, PRIORITY, TRANSP, COMMENT, X-ALT-DESC, X-MICROSOFT-SKYPETEAMSMEETINGURL"),
            (8, "attendees are not imported (the platform has no way to add participants)"),
        ]
    );
}

/// Events as Google, Outlook, Thunderbird and Apple write them, with only bookkeeping and
/// defaults besides what the platform keeps: nothing to report.
#[test]
fn an_event_with_only_bookkeeping_has_a_clean_report() {
    let text = file(&[
        "BEGIN:VCALENDAR",
        "BEGIN:VEVENT",
        "UID:quiet@example.com",
        "DTSTAMP:20260301T120000Z",
        "CREATED:20260220T101010Z",
        "LAST-MODIFIED:20260301T110000Z",
        "SEQUENCE:2",
        "SUMMARY:Planning",
        "DESCRIPTION:Agenda",
        "X-ALT-DESC;FMTTYPE=text/html:<p>Agenda</p>",
        "DTSTART;TZID=Europe/Berlin:20260302T090000",
        "DTEND;TZID=Europe/Berlin:20260302T100000",
        "CLASS:PUBLIC",
        "STATUS:CONFIRMED",
        "TRANSP:OPAQUE",
        "PRIORITY:5",
        "REQUEST-STATUS:2.0;Success",
        "X-MICROSOFT-CDO-BUSYSTATUS:BUSY",
        "X-MICROSOFT-CDO-IMPORTANCE:1",
        "X-MICROSOFT-DISALLOW-COUNTER:FALSE",
        "X-MS-OLK-CONFTYPE:0",
        "X-MOZ-GENERATION:3",
        "X-MOZ-LASTACK:20260303T175000Z",
        "X-APPLE-TRAVEL-ADVISORY-BEHAVIOR:AUTOMATIC",
        "X-APPLE-STRUCTURED-LOCATION;VALUE=URI;X-TITLE=Office:geo:52.52,13.40",
        "X-GOOGLE-CONFERENCE:https://meet.google.com/abc-defg-hij",
        "X-LIC-ERROR;X-LIC-ERRORTYPE=VALUE-PARSE-ERROR:No value for X-FOO",
        "CATEGORIES:",
        "COMMENT: ",
        "END:VEVENT",
        "BEGIN:VEVENT",
        "UID:unprioritised@example.com",
        "SUMMARY:Lunch",
        "DTSTART;TZID=Europe/Berlin:20260303T120000",
        "DTEND;TZID=Europe/Berlin:20260303T130000",
        "PRIORITY:0",
        "END:VEVENT",
        "END:VCALENDAR",
    ]);
    let import = ical::import(text.as_bytes(), &options());
    assert!(
        import.report.is_clean(),
        "{:?}",
        import
            .report
            .items
            .iter()
            .map(|i| &i.warnings)
            .collect::<Vec<_>>()
    );
}

/// A changed occurrence's properties join its series' warning: one per item, new names after
/// the series', at the first line either has; the streaming reader says the same.
#[test]
fn a_series_and_its_changed_occurrences_share_one_warning() {
    let series = [
        "BEGIN:VEVENT",
        "UID:s@example.com",
        "SUMMARY:Series",
        "DTSTART;TZID=Europe/Berlin:20260302T090000",
        "DTEND;TZID=Europe/Berlin:20260302T100000",
        "RRULE:FREQ=WEEKLY",
        "CATEGORIES:Team",
        "END:VEVENT",
    ];
    let change = [
        "BEGIN:VEVENT",
        "UID:s@example.com",
        "RECURRENCE-ID;TZID=Europe/Berlin:20260309T090000",
        "DTSTART;TZID=Europe/Berlin:20260309T110000",
        "DTEND;TZID=Europe/Berlin:20260309T120000",
        "CATEGORIES:Team",
        "URL:https://wiki.example/week-2",
        "END:VEVENT",
    ];
    for (first, then, line, names) in [
        (&series, &change, 8, "CATEGORIES, URL"),
        (&change, &series, 7, "CATEGORIES, URL"),
    ] {
        let mut lines = vec!["BEGIN:VCALENDAR"];
        lines.extend_from_slice(first);
        lines.extend_from_slice(then);
        lines.push("END:VCALENDAR");
        let text = file(&lines);
        let import = ical::import(text.as_bytes(), &options());
        assert_eq!(import.report.items.len(), 1);
        let item = &import.report.items[0];
        assert_eq!(
            item.outcome
                .as_ref()
                .unwrap()
                .series
                .as_ref()
                .unwrap()
                .overrides
                .len(),
            1
        );
        let found: Vec<(usize, &str)> = not_kept(item)
            .iter()
            .map(|w| (w.line, w.message.split_once("): ").unwrap().1))
            .collect();
        assert_eq!(found, vec![(line, names)]);

        let index = OccurrenceIndex::scan(text.as_bytes());
        let streamed: Vec<_> = EventReader::new(text.as_bytes(), &options(), index).collect();
        assert_eq!(streamed, import.report.items);
    }
}

#[test]
fn a_hostile_event_gets_one_short_warning() {
    let mut lines = vec![
        "BEGIN:VCALENDAR".to_string(),
        "BEGIN:VEVENT".to_string(),
        "UID:h@example.com".to_string(),
        "SUMMARY:Hostile".to_string(),
        "DTSTART:20260302T090000Z".to_string(),
        "DTEND:20260302T100000Z".to_string(),
    ];
    for i in 0..9_000 {
        lines.push(format!("X-INVENTED-{i}:{i}"));
    }
    lines.push("END:VEVENT".to_string());
    lines.push("END:VCALENDAR".to_string());
    let lines: Vec<&str> = lines.iter().map(String::as_str).collect();
    let import = ical::import(file(&lines).as_bytes(), &options());
    let item = &import.report.items[0];
    assert!(item.is_ok());
    assert_eq!(item.warnings.len(), 1);
    assert_eq!(item.warnings[0].line, 7);
    assert!(item.warnings[0].message.len() < 400);
    assert!(
        item.warnings[0]
            .message
            .ends_with(", X-INVENTED-11 and over 188 more"),
        "{}",
        item.warnings[0].message
    );
}
