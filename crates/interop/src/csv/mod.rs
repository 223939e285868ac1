//! CSV contacts: a header row, columns mapped to the platform's fields (detected from the
//! header names Google Contacts, Outlook and Outpost itself write, overridable by the caller),
//! UTF-8 with or without BOM (or another encoding as a declared fallback), quoted fields with
//! commas and line breaks, `,` `;` or tab as the delimiter.
//!
//! ```
//! use outpost_interop::csv::{self, Column, CsvOptions};
//! let file = "First Name,Last Name,E-mail Address,Mobile Phone\nAnna,Müller,anna@example.com,+49 151 1\n";
//! let import = csv::import(file.as_bytes(), CsvOptions::default()).unwrap();
//! assert_eq!(import.mapping.columns[3], Column::Phone);
//! let contact = import.report.items[0].outcome.as_ref().unwrap();
//! assert_eq!(contact["phone"], "+49 151 1");
//! ```

mod columns;
mod read;
mod write;

pub use columns::{describes_another, AddressPart, Column, ColumnMapping, ColumnRef};
/// The encoding type of [`CsvOptions::fallback_encoding`], so callers need no encoding_rs
/// dependency of their own: `Encoding::for_label(b"windows-1252")`.
pub use encoding_rs::Encoding;
pub use read::{import, CsvContactReader, CsvError, CsvImport, CsvOptions};
pub use write::{export, EXPORT_HEADERS};
