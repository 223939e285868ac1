//! Any bytes as an .ics file: the import must return a report, and the events it accepts must
//! export, with their reminders, without an error.
#![no_main]

use libfuzzer_sys::fuzz_target;
use outpost_interop::ical::{
    self, CalendarExport, EntryExport, ImportOptions, OverrideExport, SeriesExport,
};

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
    let entries = import
        .report
        .records()
        .map(|e| EntryExport {
            uid: e.uid.clone().unwrap_or_default(),
            entry: e.entry.clone(),
            series: e.series.as_ref().map(|s| SeriesExport {
                master: s.master.clone(),
                cancelled_dates: s.cancelled_dates.clone(),
                overrides: s
                    .overrides
                    .iter()
                    .map(|o| OverrideExport {
                        instance_date: o.instance_date,
                        fields: o.patch.clone(),
                    })
                    .collect(),
            }),
        })
        .collect();
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
