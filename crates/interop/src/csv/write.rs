//! Contacts to CSV, with headers the importer maps back by itself.

use std::io::{self, Write};

use crate::contact::{address_out, get};
use crate::Fields;

/// The columns written, in order. Each is detected by [`super::ColumnMapping::detect`].
pub const EXPORT_HEADERS: [&str; 12] = [
    "First Name",
    "Middle Name",
    "Last Name",
    "E-mail Address",
    "Phone",
    "Web Page",
    "Street",
    "City",
    "Region",
    "Postal Code",
    "Country",
    "Notes",
];

/// Writes UTF-8 CSV with a BOM (so spreadsheet programs read the accents right), a header
/// row, CRLF line ends and quotes where needed. Contacts may be in the request or the
/// response shape.
pub fn export<'a, W, I>(out: W, contacts: I) -> io::Result<()>
where
    W: Write,
    I: IntoIterator<Item = &'a Fields>,
{
    let mut out = out;
    out.write_all(b"\xEF\xBB\xBF")?;
    let mut writer = ::csv::WriterBuilder::new()
        .terminator(::csv::Terminator::CRLF)
        .from_writer(out);
    writer.write_record(EXPORT_HEADERS)?;
    for c in contacts {
        let address = address_out(c);
        let part = |f: fn(&crate::contact::AddressOut) -> &str| {
            address.as_ref().map(f).unwrap_or("").to_string()
        };
        writer.write_record([
            get(c, "firstName", "first_name").to_string(),
            get(c, "middleName", "middle_name").to_string(),
            get(c, "lastName", "last_name").to_string(),
            get(c, "email", "email").to_string(),
            get(c, "phone", "phone").to_string(),
            get(c, "url", "url").to_string(),
            part(|a| &a.street),
            part(|a| &a.city),
            part(|a| &a.region),
            part(|a| &a.postal_code),
            part(|a| &a.country),
            get(c, "notes", "notes").to_string(),
        ])?;
    }
    writer.flush()?;
    Ok(())
}

#[cfg(test)]
mod tests {
    use super::*;
    use crate::csv::{import, CsvOptions};
    use serde_json::json;

    #[test]
    fn export_then_import_gives_the_same_fields() {
        let contacts: Vec<Fields> = [
            json!({"firstName": "Anna", "lastName": "Müller, Jr.", "email": "anna@example.com",
                   "phone": "+49 30 1", "url": "https://example.com",
                   "address": {"street": "Hauptstraße", "street_number": "5", "city": "Berlin",
                               "postal_code": "10115", "country": "Germany"},
                   "notes": "two\nlines \"quoted\""}),
            json!({"first_name": "Bob", "email": "bob@example.com"}),
        ]
        .into_iter()
        .map(|v| v.as_object().unwrap().clone())
        .collect();
        let mut out = Vec::new();
        export(&mut out, &contacts).unwrap();
        let import = import(&out[..], CsvOptions::default()).unwrap();
        assert!(import.report.is_clean(), "{:?}", import.report);
        let back: Vec<Fields> = import.report.records().cloned().collect();
        assert_eq!(back[0], contacts[0]);
        assert_eq!(
            back[1],
            json!({"firstName": "Bob", "email": "bob@example.com"})
                .as_object()
                .unwrap()
                .clone()
        );
    }
}
