//! The kept fuzz corpus (fuzz/corpus, about 4,700 inputs cargo fuzz found interesting) replayed
//! on every test run: every file through every parser, as the fuzz targets do, so a change that
//! panics or hangs on one of them fails here without a nightly toolchain.

use std::panic::{catch_unwind, AssertUnwindSafe};
use std::path::PathBuf;
use std::sync::mpsc;
use std::thread;
use std::time::{Duration, Instant};

use outpost_interop::csv::{self, CsvOptions, Encoding};
use outpost_interop::ical::{self, CalendarExport, EntryExport};
use outpost_interop::vcard;

use crate::common::options;

/// Per file, all parsers together. The slowest corpus file takes a few milliseconds in a
/// debug build (7 ms on a 2-core machine); this only catches a hang or a rule expanded
/// without bound.
const LIMIT_PER_FILE: Duration = Duration::from_secs(30);

fn corpus() -> Vec<PathBuf> {
    let root = PathBuf::from(concat!(env!("CARGO_MANIFEST_DIR"), "/fuzz/corpus"));
    let mut files = Vec::new();
    for target in ["ical", "vcard", "csv"] {
        let dir = root.join(target);
        for entry in std::fs::read_dir(&dir).unwrap_or_else(|e| panic!("{}: {e}", dir.display())) {
            files.push(entry.unwrap().path());
        }
    }
    files.sort();
    files
}

/// What the `ical` fuzz target does: import, then export what was accepted.
fn ical_round(data: &[u8]) {
    let import = ical::import(data, &options());
    let reminders = vec![import
        .report
        .records()
        .map(|e| e.reminders.clone())
        .collect::<Vec<_>>()];
    let entries = import.report.records().map(EntryExport::from).collect();
    let calendar = CalendarExport {
        name: "corpus".into(),
        timezone: "Europe/Berlin".into(),
        entries,
    };
    let mut out = Vec::new();
    ical::export_with_reminders(&mut out, &[calendar], &reminders).expect("writing to memory");
}

/// What the `vcard` fuzz target does: every accepted contact survives an export and a second
/// import.
fn vcard_round(data: &[u8]) {
    let contacts: Vec<_> = vcard::import(data).records().cloned().collect();
    let mut out = Vec::new();
    vcard::export(&mut out, &contacts, vcard::Version::V4).expect("writing to memory");
    let again = vcard::import(out.as_slice());
    assert_eq!(again.records().count(), contacts.len());
}

/// What the `csv` fuzz target does: the delimiter guessed, then a fixed one with a fallback
/// encoding.
fn csv_round(data: &[u8]) {
    let _ = csv::import(data, CsvOptions::default());
    let delimiter = data.first().map(|b| [b',', b';', b'\t'][*b as usize % 3]);
    let _ = csv::import(
        data,
        CsvOptions {
            delimiter,
            fallback_encoding: Encoding::for_label(b"windows-1252"),
            ..Default::default()
        },
    );
}

#[test]
fn every_corpus_file_goes_through_every_parser_without_a_panic_or_a_hang() {
    let files = corpus();
    assert!(
        files.len() > 1_000,
        "the corpus is missing: {} files",
        files.len()
    );
    // A worker reads the files one by one and says when each is done (or panicked); this
    // thread waits at most the limit for each, so a hang fails the test instead of stalling it.
    let (done, results) = mpsc::channel();
    let work = files.clone();
    thread::spawn(move || {
        for path in work {
            let data = std::fs::read(&path).unwrap();
            let started = Instant::now();
            let outcome = catch_unwind(AssertUnwindSafe(|| {
                ical_round(&data);
                vcard_round(&data);
                csv_round(&data);
            }));
            if done.send((outcome.is_ok(), started.elapsed())).is_err() {
                return;
            }
        }
    });
    let mut slowest = Duration::ZERO;
    for path in &files {
        match results.recv_timeout(LIMIT_PER_FILE) {
            Ok((true, took)) => slowest = slowest.max(took),
            Ok((false, _)) => panic!("a parser panicked on {}", path.display()),
            Err(_) => panic!("{} took longer than {LIMIT_PER_FILE:?}", path.display()),
        }
    }
    eprintln!("{} corpus files, slowest {slowest:?}", files.len());
}
