//! Any bytes as a .vcf: the import must return a report (no panic, no hang), and every
//! contact it accepts must survive an export and a second import unchanged.
#![no_main]

use libfuzzer_sys::fuzz_target;
use outpost_interop::vcard;

fuzz_target!(|data: &[u8]| {
    let report = vcard::import(data);
    let contacts: Vec<_> = report.records().cloned().collect();
    let mut out = Vec::new();
    vcard::export(&mut out, &contacts, vcard::Version::V4).expect("writing to memory");
    let again = vcard::import(out.as_slice());
    let back: Vec<_> = again.records().cloned().collect();
    assert_eq!(back.len(), contacts.len());
});
