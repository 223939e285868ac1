//! Any bytes as a CSV contacts file, with the delimiter guessed and with each fixed one.
#![no_main]

use libfuzzer_sys::fuzz_target;
use outpost_interop::csv::{self, CsvOptions, Encoding};

fuzz_target!(|data: &[u8]| {
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
});
