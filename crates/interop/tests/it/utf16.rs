//! .ics and .vcf files saved as UTF-16 ("Unicode" in Windows programs) import as their UTF-8
//! twins do, line numbers included.

use outpost_interop::ical;
use outpost_interop::vcard;

use crate::common::{options, sample_bytes};

fn sample(name: &str) -> String {
    String::from_utf8(sample_bytes(name)).unwrap()
}

fn utf16(text: &str, big_endian: bool, mark: bool) -> Vec<u8> {
    let units = mark
        .then_some(0xFEFF)
        .into_iter()
        .chain(text.encode_utf16());
    units
        .flat_map(|u| {
            if big_endian {
                u.to_be_bytes()
            } else {
                u.to_le_bytes()
            }
        })
        .collect()
}

const ORDERS: [(bool, bool); 3] = [(false, true), (true, true), (false, false)];

#[test]
fn a_utf16_calendar_imports_as_its_utf8_twin() {
    let options = options();
    for name in ["google-calendar.ics", "outlook-calendar.ics"] {
        let text = sample(name);
        let expected = ical::import(text.as_bytes(), &options);
        assert!(expected.report.records().count() > 0);
        for (big_endian, mark) in ORDERS {
            let bytes = utf16(&text, big_endian, mark);
            let got = ical::import(bytes.as_slice(), &options);
            assert_eq!(
                got, expected,
                "{name}: big endian {big_endian}, mark {mark}"
            );
        }
    }
}

#[test]
fn a_utf16_address_book_imports_as_its_utf8_twin() {
    for name in ["iphone-contacts.vcf", "android-contacts.vcf"] {
        let text = sample(name);
        let expected = vcard::import(text.as_bytes());
        assert!(expected.records().count() > 0);
        for (big_endian, mark) in ORDERS {
            let bytes = utf16(&text, big_endian, mark);
            assert_eq!(
                vcard::import(bytes.as_slice()),
                expected,
                "{name}: big endian {big_endian}, mark {mark}"
            );
        }
    }
}

#[test]
fn text_that_is_not_utf16_either_is_reported_at_its_line() {
    let mut bytes = utf16("BEGIN:VCARD\r\nVERSION:4.0\r\nFN:Zo", false, true);
    bytes.extend_from_slice(&0xDC00u16.to_le_bytes()); // half of a surrogate pair, alone
    bytes.extend_from_slice(&utf16("\r\nEND:VCARD\r\n", false, false));
    let report = vcard::import(bytes.as_slice());
    let item = &report.items[0];
    let contact = item.outcome.as_ref().unwrap();
    assert_eq!(contact["firstName"], "Zo\u{FFFD}");
    assert_eq!(item.warnings.len(), 1, "{:?}", item.warnings);
    assert_eq!(item.warnings[0].line, 3);
    assert!(
        item.warnings[0]
            .message
            .contains("unreadable characters were replaced"),
        "{:?}",
        item.warnings
    );
}
