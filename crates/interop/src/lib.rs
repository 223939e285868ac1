//! Import and export in the formats other calendars and address books speak: vCard (.vcf),
//! CSV contacts and iCalendar (.ics), mapped to and from the platform's request shapes
//! (camelCase field maps as `POST`/`PATCH` bodies take them).
//!
//! Every importer streams from a `BufRead` and gives one [`Item`] per contact or event: the
//! record, or every problem that stops it, each with its line number, plus warnings for what
//! was moved or left out. Nothing is silently truncated or dropped. The importers never touch
//! the replica or the network: the caller previews the [`ImportReport`] and writes the records
//! it accepts.

pub mod component;
mod contact;
pub mod content_line;
pub mod csv;
pub mod ical;
pub mod report;
pub mod text;
mod utf16;
pub mod vcard;

pub use contact::{NAME_MAX, NOTES_MAX, PHONE_MAX};
pub use report::{ImportCounts, ImportReport, Item, Problem};

/// A record in the platform's request shape: a JSON object with camelCase keys.
pub type Fields = serde_json::Map<String, serde_json::Value>;
