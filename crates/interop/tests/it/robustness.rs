//! Broken input: every parser reports and goes on, never panics, never hangs, never buffers a
//! file. Also: every record the samples produce has exactly the shape the platform (and
//! crates/replica's validation) accepts.

use std::io::{self, BufReader, Read};

use outpost_interop::ical;
use outpost_interop::{csv, vcard, Fields};
use serde_json::Value;

use crate::common::options;

fn event(rrule: &str) -> String {
    format!(
        "BEGIN:VCALENDAR\r\nBEGIN:VEVENT\r\nUID:x\r\nSUMMARY:S\r\nDTSTART;TZID=Europe/Berlin:20260302T090000\r\nDTEND;TZID=Europe/Berlin:20260302T100000\r\n{rrule}\r\nEND:VEVENT\r\nEND:VCALENDAR\r\n"
    )
}

#[test]
fn rule_edges() {
    let import = ical::import(
        event("RRULE:FREQ=DAILY;COUNT=1000000").as_bytes(),
        &options(),
    );
    let e = import.report.items[0].outcome.as_ref().unwrap();
    assert_eq!(
        e.series.as_ref().unwrap().master["occurrenceCountLimit"],
        1_000_000
    );

    let import = ical::import(event("RRULE:FREQ=DAILY;INTERVAL=0").as_bytes(), &options());
    let errors = import.report.items[0].outcome.as_ref().unwrap_err();
    assert_eq!(errors[0].line, 7);
    assert!(errors[0].message.contains("INTERVAL=0"));

    let import = ical::import(
        event("RRULE:FREQ=DAILY;UNTIL=20260301T000000Z").as_bytes(),
        &options(),
    );
    let errors = import.report.items[0].outcome.as_ref().unwrap_err();
    assert_eq!(errors[0].field.as_deref(), Some("untilAt"));

    // A series that ends at its first occurrence is one occurrence (the platform wants
    // untilAt after startsAt).
    let import = ical::import(
        event("RRULE:FREQ=DAILY;UNTIL=20260302T080000Z").as_bytes(),
        &options(),
    );
    let master = &import.report.items[0]
        .outcome
        .as_ref()
        .unwrap()
        .series
        .as_ref()
        .unwrap()
        .master;
    assert_eq!(master["occurrenceCountLimit"], 1);
    assert!(master.get("untilAt").is_none());

    // 10:00 in Berlin is no occurrence of the 09:00 rule: an entry of its own. 09:00 on
    // 11 March is one, so it is not a second.
    let import = ical::import(
        event("RDATE:20260310T090000Z,20260311T080000Z\r\nRRULE:FREQ=DAILY").as_bytes(),
        &options(),
    );
    let items = &import.report.items;
    assert_eq!(items.len(), 2, "{items:#?}");
    let extra = items[1].outcome.as_ref().unwrap();
    assert_eq!(extra.entry["startsAt"], "2026-03-10T09:00:00Z");
    assert_eq!(extra.entry["endsAt"], "2026-03-10T10:00:00Z");
    assert_eq!(extra.uid.as_deref(), Some("x-rdate-20260310T090000Z"));
    assert!(extra.series.is_none());
}

#[test]
fn a_weekday_rule_in_another_zone_that_shifts_the_day_is_unrolled_in_its_zone() {
    // 23:30 Monday in New York is 05:30 Tuesday in Berlin, where the platform repeats its
    // series: so each Monday is an entry of its own, at 23:30 New York time across its clock
    // change (8 March) and Berlin's (29 March).
    let text = "BEGIN:VCALENDAR\r\nBEGIN:VEVENT\r\nUID:x\r\nSUMMARY:S\r\nDTSTART;TZID=America/New_York:20260302T233000\r\nDURATION:PT30M\r\nRRULE:FREQ=WEEKLY;BYDAY=MO;COUNT=5\r\nEND:VEVENT\r\nEND:VCALENDAR\r\n";
    let import = ical::import(text.as_bytes(), &options());
    let items = &import.report.items;
    let starts: Vec<&str> = items
        .iter()
        .map(|i| {
            i.outcome.as_ref().unwrap().entry["startsAt"]
                .as_str()
                .unwrap()
        })
        .collect();
    assert_eq!(
        starts,
        [
            "2026-03-03T04:30:00Z",
            "2026-03-10T03:30:00Z",
            "2026-03-17T03:30:00Z",
            "2026-03-24T03:30:00Z",
            "2026-03-31T03:30:00Z"
        ]
    );
    let note = &items[0].warnings[0];
    assert_eq!(note.line, 7);
    assert!(
        note.message.contains("weekdays or month days would shift"),
        "{note:?}"
    );
    assert_eq!(
        items[1].outcome.as_ref().unwrap().uid.as_deref(),
        Some("x-occurrence-20260310T033000Z")
    );
}

#[test]
fn structure_errors_fail_their_item_and_the_rest_imports() {
    let text = "garbage before\r\nBEGIN:VCALENDAR\r\nBEGIN:VEVENT\r\nUID:a\r\nSUMMARY:no end\r\nDTSTART:20260302T090000Z\r\nDTEND:20260302T100000Z\r\nBEGIN:VEVENT\r\nUID:b\r\nSUMMARY:fine\r\nDTSTART:20260302T090000Z\r\nDTEND:20260302T100000Z\r\nEND:VEVENT\r\nBEGIN:VEVENT\r\nUID:c\r\nSUMMARY:cut off\r\nDTSTART:20260302T090000Z\r\n";
    let import = ical::import(text.as_bytes(), &options());
    let r = &import.report;
    assert_eq!(r.items.len(), 3);
    assert!(r.items[0].outcome.as_ref().unwrap_err()[0]
        .message
        .contains("no END:VEVENT"));
    assert!(r.items[1].is_ok());
    assert!(r.items[2].outcome.is_err());
    let lines: Vec<usize> = r.file_problems.iter().map(|p| p.line).collect();
    assert_eq!(lines, vec![1, 17]);
}

#[test]
fn invalid_utf8_in_a_calendar_is_reported_with_its_line() {
    let text = b"BEGIN:VCALENDAR\r\nBEGIN:VEVENT\r\nUID:x\r\nSUMMARY:Caf\xe9\r\nDTSTART:20260302T090000Z\r\nDTEND:20260302T100000Z\r\nEND:VEVENT\r\nEND:VCALENDAR\r\n";
    let import = ical::import(&text[..], &options());
    let item = &import.report.items[0];
    assert_eq!(item.outcome.as_ref().unwrap().entry["title"], "Caf\u{FFFD}");
    assert_eq!(item.warnings[0].line, 4);
}

/// An endless stream of one byte with a line break every `line` bytes (0: never), up to
/// `total` bytes: a huge file that is never in memory.
struct Generated {
    prefix: Vec<u8>,
    fill: u8,
    line: usize,
    total: usize,
    produced: usize,
}

impl Read for Generated {
    fn read(&mut self, buf: &mut [u8]) -> io::Result<usize> {
        let mut n = 0;
        while n < buf.len() && self.produced < self.total {
            let i = self.produced;
            buf[n] = if i < self.prefix.len() {
                self.prefix[i]
            } else if self.line > 0 && (i - self.prefix.len()) % self.line == self.line - 1 {
                b'\n'
            } else {
                self.fill
            };
            n += 1;
            self.produced += 1;
        }
        Ok(n)
    }
}

#[test]
fn a_64_mb_line_is_skipped_without_being_held() {
    let source = Generated {
        prefix: b"BEGIN:VCARD\nFN:Anna\nNOTE:".to_vec(),
        fill: b'x',
        line: 0,
        total: 64 << 20,
        produced: 0,
    };
    let r = vcard::import(BufReader::new(source));
    assert_eq!(r.items.len(), 1);
    let errors = r.items[0].outcome.as_ref().unwrap_err();
    assert!(
        errors
            .iter()
            .any(|p| p.line == 3 && p.message.contains("longer than")),
        "{errors:?}"
    );
    assert!(errors.iter().any(|p| p.message.contains("no END:VCARD")));
}

#[test]
fn many_items_stream_one_at_a_time() {
    let card =
        b"BEGIN:VCARD\r\nVERSION:4.0\r\nFN:Anna Muller\r\nEMAIL:anna@example.com\r\nEND:VCARD\r\n";
    let count = 20_000;
    let source = Generated {
        prefix: card.repeat(count),
        fill: b' ',
        line: 0,
        total: card.len() * count,
        produced: 0,
    };
    let mut n = 0;
    for item in vcard::VCardReader::new(BufReader::new(source)) {
        assert!(item.is_ok());
        n += 1;
    }
    assert_eq!(n, count);
}

/// A tiny deterministic generator for the mutation test below.
struct Lcg(u64);
impl Lcg {
    fn next(&mut self) -> u64 {
        self.0 = self
            .0
            .wrapping_mul(6364136223846793005)
            .wrapping_add(1442695040888963407);
        self.0 >> 33
    }
}

/// Flips, drops and duplicates bytes of every sample many times: the parsers must return a
/// report for every variant (a panic fails the test). cargo-fuzz does this at scale; this
/// keeps a bounded version in every test run.
#[test]
fn mutated_samples_never_panic() {
    let dir = crate::common::sample_path("");
    let mut rng = Lcg(42);
    for entry in std::fs::read_dir(dir).unwrap() {
        let path = entry.unwrap().path();
        let original = std::fs::read(&path).unwrap();
        for _ in 0..150 {
            let mut bytes = original.clone();
            for _ in 0..1 + rng.next() % 8 {
                let at = (rng.next() as usize) % bytes.len().max(1);
                match rng.next() % 4 {
                    0 => bytes[at] = rng.next() as u8,
                    1 => {
                        bytes.remove(at);
                    }
                    2 => bytes.insert(
                        at,
                        [b'\n', b':', b';', b'"', b'=', b' '][rng.next() as usize % 6],
                    ),
                    _ => {
                        let end = (at + (rng.next() as usize % 200)).min(bytes.len());
                        let chunk = bytes[at..end].to_vec();
                        bytes.splice(at..at, chunk);
                    }
                }
            }
            let _ = ical::import(&bytes[..], &options());
            let _ = vcard::import(&bytes[..]);
            let _ = csv::import(&bytes[..], Default::default());
        }
    }
}

// The platform's request shapes (crates/replica/src/validate.rs: CONTACT_FIELDS,
// ENTRY_PATCH + calendarId, MASTER_CREATE, INSTANCE_PATCH).
const CONTACT_KEYS: &[&str] = &[
    "firstName",
    "middleName",
    "lastName",
    "email",
    "phone",
    "url",
    "address",
    "notes",
];
const ADDRESS_KEYS: &[&str] = &[
    "street",
    "street_number",
    "city",
    "postal_code",
    "region",
    "country",
    "country_code",
];
const ENTRY_KEYS: &[&str] = &[
    "calendarId",
    "kind",
    "status",
    "visibility",
    "title",
    "description",
    "startsAt",
    "endsAt",
    "timezone",
    "isAllDay",
    "ownerUserId",
    "metadata",
    "typeDefinitionId",
    "locationName",
    "locationPayload",
];
const ENTRY_REQUIRED: &[&str] = &[
    "calendarId",
    "kind",
    "title",
    "startsAt",
    "endsAt",
    "timezone",
];
const MASTER_KEYS: &[&str] = &[
    "calendarId",
    "rootEntryId",
    "frequency",
    "intervalCount",
    "byWeekday",
    "byMonthDay",
    "startsAt",
    "untilAt",
    "occurrenceCountLimit",
    "timezone",
    "generatedWindowDays",
    "metadata",
];
const INSTANCE_KEYS: &[&str] = &[
    "startsAt",
    "endsAt",
    "timezone",
    "isAllDay",
    "status",
    "instanceState",
    "titleOverride",
    "descriptionOverride",
    "metadataOverride",
];

fn keys_within(fields: &Fields, allowed: &[&str], what: &str) {
    for key in fields.keys() {
        assert!(
            allowed.contains(&key.as_str()),
            "{what}: {key} is not a field the platform accepts"
        );
    }
}

fn is_time(v: &Value) -> bool {
    v.as_str()
        .is_some_and(|s| chrono::DateTime::parse_from_rfc3339(s).is_ok())
}

#[test]
fn sample_records_have_the_platforms_shapes() {
    let dir = crate::common::sample_path("");
    for entry in std::fs::read_dir(dir).unwrap() {
        let path = entry.unwrap().path();
        let bytes = std::fs::read(&path).unwrap();
        match path.extension().and_then(|e| e.to_str()) {
            Some("ics") => {
                for e in ical::import(&bytes[..], &options()).report.records() {
                    keys_within(&e.entry, ENTRY_KEYS, "entry");
                    for k in ENTRY_REQUIRED {
                        assert!(e.entry.contains_key(*k), "entry without {k}");
                    }
                    assert!(is_time(&e.entry["startsAt"]) && is_time(&e.entry["endsAt"]));
                    assert!(e.entry["endsAt"].as_str() > e.entry["startsAt"].as_str());
                    let title = e.entry["title"].as_str().unwrap();
                    assert!((1..=255).contains(&title.chars().count()));
                    assert!(e.entry["timezone"]
                        .as_str()
                        .unwrap()
                        .parse::<chrono_tz::Tz>()
                        .is_ok());
                    if let Some(s) = &e.series {
                        keys_within(&s.master, MASTER_KEYS, "series");
                        assert!(s.master["intervalCount"].as_u64().unwrap() >= 1);
                        for o in &s.overrides {
                            keys_within(&o.patch, INSTANCE_KEYS, "occurrence");
                            assert!(!o.patch.is_empty());
                        }
                    }
                }
            }
            Some("vcf") | Some("csv") => {
                let report = if path.extension().unwrap() == "vcf" {
                    vcard::import(&bytes[..])
                } else {
                    csv::import(&bytes[..], Default::default()).unwrap().report
                };
                for c in report.records() {
                    keys_within(c, CONTACT_KEYS, "contact");
                    if let Some(Value::Object(a)) = c.get("address") {
                        keys_within(a, ADDRESS_KEYS, "address");
                    }
                    for (k, max) in [
                        ("firstName", 100),
                        ("middleName", 100),
                        ("lastName", 100),
                        ("phone", 50),
                        ("notes", 2000),
                    ] {
                        if let Some(v) = c.get(k) {
                            assert!(v.as_str().unwrap().chars().count() <= max, "{k}");
                        }
                    }
                }
            }
            _ => {}
        }
    }
}

#[test]
fn times_at_the_edge_of_the_calendar_do_not_overflow() {
    for (start, end) in [
        ("DTSTART;VALUE=DATE:99991231", ""),
        ("DTSTART:99991231T230000Z", "DURATION:P99999W"),
        ("DTSTART;VALUE=DATE:99991231", "DURATION:P999999D"),
        (
            "DTSTART;TZID=Europe/Berlin:00010101T000000",
            "DURATION:PT1H",
        ),
    ] {
        let text =
            format!("BEGIN:VEVENT\r\nUID:x\r\nSUMMARY:edge\r\n{start}\r\n{end}\r\nEND:VEVENT\r\n");
        let import = ical::import(text.as_bytes(), &options());
        assert_eq!(import.report.items.len(), 1, "{start} {end}");
    }
}
