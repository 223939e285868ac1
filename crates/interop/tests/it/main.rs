//! outpost-interop's integration tests, one binary (one link instead of one per file): each
//! module is one subject, and `common` holds what several of them share (the options every
//! import uses, the sample files, the sample calendars the export tests write).

mod common;
mod fuzz_corpus;
mod ical_export;
mod readers;
mod real_calendars;
mod rejections;
mod robustness;
mod samples;
mod streaming;
mod unkept;
mod unrolled_rules;
mod utf16;
