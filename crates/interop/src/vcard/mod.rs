//! vCard (.vcf): versions 2.1, 3.0 and 4.0 in, 4.0 or 3.0 out.
//!
//! ```
//! use outpost_interop::vcard;
//! let file = "BEGIN:VCARD\r\nVERSION:3.0\r\nN:Müller;Anna;;;\r\nEMAIL;TYPE=work:anna@example.com\r\nEND:VCARD\r\n";
//! let report = vcard::import(file.as_bytes());
//! let contact = report.items[0].outcome.as_ref().unwrap();
//! assert_eq!(contact["lastName"], "Müller");
//!
//! let mut out = Vec::new();
//! vcard::export(&mut out, report.records(), vcard::Version::V4).unwrap();
//! assert!(String::from_utf8(out).unwrap().contains("EMAIL:anna@example.com"));
//! ```

mod map;
mod read;
mod write;

pub use read::{import, VCardReader};
pub use write::{export, Version};
