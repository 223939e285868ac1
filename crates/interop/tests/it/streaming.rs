//! The streaming .ics reader gives the same items, warnings and errors as the whole-file import
//! (a series that waits for its changed occurrences comes out when the last one has been read).

use outpost_interop::ical::{self, EventReader, ImportedEvent, OccurrenceIndex};
use outpost_interop::{Item, Problem};

use crate::common::{options, sample_bytes};

fn streamed(file: &[u8]) -> (Vec<Item<ImportedEvent>>, Vec<Problem>) {
    let options = options();
    let mut reader = EventReader::new(file, &options, OccurrenceIndex::scan(file));
    let items: Vec<_> = reader.by_ref().collect();
    (items, reader.take_file_problems())
}

pub fn same_as_whole_file(file: &[u8]) {
    let whole = ical::import(file, &options()).report;
    let (mut items, problems) = streamed(file);
    items.sort_by_key(|i| i.line);
    assert_eq!(items, whole.items);
    assert_eq!(problems, whole.file_problems);
}

#[test]
fn samples_stream_to_the_same_items() {
    for name in [
        "apple-calendar.ics",
        "google-calendar.ics",
        "outlook-calendar.ics",
        "thunderbird-lightning.ics",
    ] {
        let file = sample_bytes(name);
        same_as_whole_file(&file);
        // Cut short anywhere: still the same.
        for cut in (0..file.len()).step_by(97) {
            same_as_whole_file(&file[..cut]);
        }
    }
}

fn event(uid: &str, extra: &str, summary: &str) -> String {
    format!(
        "BEGIN:VEVENT\r\nUID:{uid}\r\nSUMMARY:{summary}\r\nDTSTART:20250106T090000Z\r\nDTEND:20250106T100000Z\r\n{extra}END:VEVENT\r\n"
    )
}

fn calendar(events: &[String]) -> String {
    format!(
        "BEGIN:VCALENDAR\r\nVERSION:2.0\r\n{}END:VCALENDAR\r\n",
        events.concat()
    )
}

#[test]
fn a_series_waits_for_its_changes_and_one_off_events_stream() {
    let rule = "RRULE:FREQ=DAILY;COUNT=10\r\n";
    let change = "RECURRENCE-ID:20250108T090000Z\r\n";
    let file = calendar(&[
        event("early", change, "Early change"),
        event("series", rule, "Series"),
        event("one", "", "One-off"),
        event("early", rule, "Series after its change"),
        event(
            "series",
            "RECURRENCE-ID:20250107T090000Z\r\n",
            "Late change",
        ),
        event("series", "", "Same UID again"),
        event("orphan", change, "Orphan change"),
        event("two", "", "Another one-off"),
    ]);
    same_as_whole_file(file.as_bytes());
    let (items, _) = streamed(file.as_bytes());
    let labels: Vec<_> = items.iter().map(|i| i.label.as_str()).collect();
    // "Series" waits for its change (line 25) while "One-off" goes out at once; "Early change"
    // was held until its series came; the orphan waits for the end of the file.
    assert_eq!(
        labels,
        [
            "One-off",
            "Series after its change",
            "Series",
            "Same UID again",
            "Another one-off",
            "Orphan change"
        ]
    );
    let series = items[2].outcome.as_ref().unwrap().series.as_ref().unwrap();
    assert_eq!(series.overrides.len(), 1);
    assert!(items[3].warnings[0]
        .message
        .contains("also used by the event at line"));
}

#[test]
fn broken_events_and_zones_defined_later_stream_like_the_whole_file() {
    let file = calendar(&[
        event("a", "DTSTART;TZID=Custom/Zone:20250106T090000\r\n", "Zone later"),
        event("b", "RRULE:FREQ=BOGUS\r\n", "Bad rule"),
        event("c", "RECURRENCE-ID:garbage\r\n", "Bad change"),
        "BEGIN:VTODO\r\nUID:t\r\nEND:VTODO\r\n".to_string(),
        "BEGIN:VTIMEZONE\r\nTZID:Custom/Zone\r\nBEGIN:STANDARD\r\nDTSTART:19700101T000000\r\nTZOFFSETFROM:+0100\r\nTZOFFSETTO:+0100\r\nEND:STANDARD\r\nEND:VTIMEZONE\r\n".to_string(),
        event("c", "RRULE:FREQ=WEEKLY\r\n", "Series of the bad change"),
    ]);
    same_as_whole_file(file.as_bytes());
}

#[test]
fn a_vcard_file_of_many_stray_components_lists_a_bounded_number() {
    let mut file = String::new();
    for i in 0..1000 {
        file.push_str(&format!("BEGIN:VNOTE\r\nX:{i}\r\nEND:VNOTE\r\n"));
    }
    file.push_str("BEGIN:VCARD\r\nVERSION:3.0\r\nFN:Ana\r\nEND:VCARD\r\n");
    let report = outpost_interop::vcard::import(file.as_bytes());
    assert_eq!(report.items.len(), 1);
    assert_eq!(report.file_problems.len(), 201);
    assert!(report.file_problems[200]
        .message
        .starts_with("800 more components"));
}
