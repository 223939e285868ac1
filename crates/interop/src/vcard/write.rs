//! Contacts to vCard 4.0 (RFC 6350) or 3.0 (RFC 2426), in a shape the importer reads back to
//! the same fields.

use std::io::{self, Write};

use crate::contact::{address_out, get};
use crate::text::{escape, escape_single, write_folded};
use crate::Fields;

#[derive(Debug, Clone, Copy, PartialEq, Eq, Default)]
pub enum Version {
    /// vCard 3.0, for older address books (Outlook, older Android).
    V3,
    /// vCard 4.0 (RFC 6350).
    #[default]
    V4,
}

/// Writes each contact as one `VCARD`. Contacts may be in the request shape (`firstName`) or
/// the response shape (`first_name`). `FN` is required by both versions: it is the name, or
/// the e-mail, phone, or "Unnamed" when there is nothing better.
pub fn export<'a, W, I>(out: &mut W, contacts: I, version: Version) -> io::Result<()>
where
    W: Write,
    I: IntoIterator<Item = &'a Fields>,
{
    for contact in contacts {
        write_card(out, contact, version)?;
    }
    out.flush()
}

fn write_card<W: Write>(out: &mut W, c: &Fields, version: Version) -> io::Result<()> {
    let first = get(c, "firstName", "first_name");
    let middle = get(c, "middleName", "middle_name");
    let last = get(c, "lastName", "last_name");
    let email = get(c, "email", "email");
    let phone = get(c, "phone", "phone");
    let url = get(c, "url", "url");
    let notes = get(c, "notes", "notes");
    let full = [first, middle, last]
        .into_iter()
        .filter(|s| !s.is_empty())
        .collect::<Vec<_>>()
        .join(" ");
    let fn_value = [full.as_str(), email, phone]
        .into_iter()
        .find(|s| !s.is_empty())
        .unwrap_or("Unnamed");

    write_folded(out, "BEGIN:VCARD")?;
    write_folded(
        out,
        match version {
            Version::V3 => "VERSION:3.0",
            Version::V4 => "VERSION:4.0",
        },
    )?;
    write_folded(out, &format!("FN:{}", escape_single(fn_value)))?;
    // N is written even when empty so a re-import takes names from N, not from an FN that
    // holds an e-mail address.
    write_folded(
        out,
        &format!("N:{};{};{};;", escape(last), escape(first), escape(middle)),
    )?;
    if !email.is_empty() {
        write_folded(out, &format!("EMAIL:{}", escape_single(email)))?;
    }
    if !phone.is_empty() {
        let line = match version {
            Version::V3 => format!("TEL:{}", escape_single(phone)),
            Version::V4 => format!("TEL;VALUE=text:{}", escape_single(phone)),
        };
        write_folded(out, &line)?;
    }
    if !url.is_empty() {
        write_folded(out, &format!("URL:{}", url))?;
    }
    if let Some(a) = address_out(c) {
        write_folded(
            out,
            &format!(
                "ADR:;;{};{};{};{};{}",
                escape(&a.street),
                escape(&a.city),
                escape(&a.region),
                escape(&a.postal_code),
                escape(&a.country)
            ),
        )?;
    }
    if !notes.is_empty() {
        write_folded(out, &format!("NOTE:{}", escape_single(notes)))?;
    }
    write_folded(out, "END:VCARD")
}

#[cfg(test)]
mod tests {
    use super::*;
    use serde_json::json;

    fn contact(v: serde_json::Value) -> Fields {
        v.as_object().unwrap().clone()
    }

    #[test]
    fn export_then_import_gives_the_same_fields_in_both_versions() {
        let contacts = vec![
            contact(json!({
                "firstName": "Anna", "middleName": "Maria", "lastName": "Müller; Schmidt",
                "email": "anna@example.com", "phone": "+49 30 1234", "url": "https://example.com/a,b",
                "address": {"street": "Hauptstraße", "street_number": "5", "city": "Berlin",
                            "postal_code": "10115", "region": "BE", "country": "Germany"},
                "notes": "Line one\nLine two, with comma; and semicolon \\ backslash ".to_string() + &"long ".repeat(40)
            })),
            contact(json!({"email": "only@example.com"})),
        ];
        for version in [Version::V3, Version::V4] {
            let mut out = Vec::new();
            export(&mut out, &contacts, version).unwrap();
            let text = String::from_utf8(out).unwrap();
            let report = crate::vcard::import(text.as_bytes());
            assert!(report.is_clean(), "{version:?}: {report:?}\n{text}");
            let back: Vec<Fields> = report.records().cloned().collect();
            let mut expected = contacts.clone();
            // The importer trims trailing whitespace off the notes.
            expected[0]["notes"] = json!(expected[0]["notes"].as_str().unwrap().trim_end());
            assert_eq!(back, expected, "{version:?}\n{text}");
        }
    }

    #[test]
    fn the_response_shape_is_read_too() {
        let c = contact(json!({"first_name": "Jo", "last_name": "Lee", "id": "x"}));
        let mut out = Vec::new();
        export(&mut out, [&c], Version::V4).unwrap();
        let text = String::from_utf8(out).unwrap();
        assert!(text.contains("FN:Jo Lee\r\nN:Lee;Jo;;;\r\n"), "{text}");
    }
}
