//! Any bytes as an .ics file: the import must return a report, and the events it accepts must
//! export, with their reminders, without an error.
#![no_main]

use libfuzzer_sys::fuzz_target;
use outpost_interop::ical::{self, CalendarExport, EntryExport, ImportOptions};

fuzz_target!(|data: &[u8]| {
    let options = ImportOptions::new(
        "0190f7a0-0000-7000-8000-000000000001",
        chrono_tz::Europe::Berlin,
    );
    let import = ical::import(data, &options);
    let reminders = vec![import
        .report
        .records()
        .map(|e| e.reminders.clone())
        .collect::<Vec<_>>()];
    let entries = import.report.records().map(EntryExport::from).collect();
    let mut out = Vec::new();
    ical::export_with_reminders(
        &mut out,
        &[CalendarExport {
            name: "fuzz".into(),
            timezone: "Europe/Berlin".into(),
            entries,
        }],
        &reminders,
    )
    .expect("writing to memory");
});
