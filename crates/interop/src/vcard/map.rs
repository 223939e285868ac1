//! One `VCARD` component to the platform's contact.

use crate::component::Component;
use crate::contact::{Address, Candidate, ContactBuilder, NO_PREF};
use crate::content_line::ContentLine;
use crate::ical::unkept::{is_blank, Unkept};
use crate::report::{Item, Problem};
use crate::text::{decode_quoted_printable, split_structured, unescape};
use crate::Fields;

/// Properties that carry data the platform has no field for but that fit in the notes.
const TO_NOTES: &[(&str, &str)] = &[
    ("ORG", "Organization"),
    ("TITLE", "Title"),
    ("ROLE", "Role"),
    ("NICKNAME", "Nickname"),
    ("BDAY", "Birthday"),
    ("ANNIVERSARY", "Anniversary"),
];

/// Properties that are a program's bookkeeping, not the user's data: ids, revision stamps,
/// sort keys, where the card came from, and display settings. Naming them on every card would
/// bury the properties whose loss the user would notice. `X-ABLABEL` is read as the label of
/// its group's value. Apple's `X-ABADR` is the country whose format an address is shown in and
/// `X-ABSHOWAS` shows a card as a company (read above to tell a company card); Outlook's
/// `X-MS-OL-*` are its default postal address and card design; Thunderbird's
/// `X-MOZILLA-HTML` is whether to send the person HTML mail; Evolution's
/// `X-EVOLUTION-FILE-AS` is a sort key. Any other `X-` property may be the user's data
/// (`X-ABRELATEDNAMES`, `X-SKYPE`, `X-ANDROID-CUSTOM`...), so it is named.
const BOOKKEEPING: &[&str] = &[
    "PRODID",
    "UID",
    "REV",
    "SORT-STRING",
    "CLIENTPIDMAP",
    "PROFILE",
    "NAME",
    "SOURCE",
    "X-ABLABEL",
    "X-ABUID",
    "X-ABADR",
    "X-ABSHOWAS",
    "X-MOZILLA-HTML",
    "X-EVOLUTION-FILE-AS",
];
const BOOKKEEPING_PREFIXES: &[&str] = &["X-MS-OL-"];

/// Whether losing a property the mapping does not read is worth naming: it holds a value, is
/// not bookkeeping, and does not just state what the platform assumes anyway.
fn is_unkept(p: &ContentLine, value: &str, card: &Component) -> bool {
    let name = p.name.as_str();
    if is_blank(value)
        || BOOKKEEPING.contains(&name)
        || BOOKKEEPING_PREFIXES.iter().any(|b| name.starts_with(b))
    {
        return false;
    }
    match name {
        // Every contact on the platform is a person's card.
        "KIND" => !value.trim().eq_ignore_ascii_case("individual"),
        // vCard 2.1/3.0's printed form of an address: the `ADR` beside it is kept.
        "LABEL" => card.prop("ADR").is_none(),
        _ => true,
    }
}

pub(super) fn card_to_contact(card: Component) -> Item<Fields> {
    let mut b = ContactBuilder {
        errors: card.errors.clone(),
        ..Default::default()
    };
    for broken in &card.broken {
        // A line the card does not need (a photo too big to read) is a warning, not a failure.
        let ignorable = broken.property.as_deref().is_some_and(|p| !is_mapped(p));
        let problem = Problem::new(broken.line, broken.reason.clone());
        if ignorable {
            b.warnings.push(problem);
        } else {
            b.errors.push(problem);
        }
    }
    // Apple writes custom labels as `item1.X-ABLabel:Assistant` next to `item1.TEL:...`.
    let group_labels: Vec<(&str, String)> = card
        .props
        .iter()
        .filter(|p| p.name == "X-ABLABEL")
        .filter_map(|p| Some((p.group.as_deref()?, apple_label(&p.value))))
        .collect();
    let label_of = |p: &ContentLine| -> Option<String> {
        if let Some(group) = p.group.as_deref() {
            if let Some((_, l)) = group_labels.iter().find(|(g, _)| *g == group) {
                return Some(l.clone());
            }
        }
        type_label(p)
    };

    // What the platform has no place for (a photo, categories, an IM address...), named in
    // one warning at the card's first such line.
    let mut unkept = Unkept::default();
    for p in &card.props {
        let Some(value) = decode_value(p, &mut b) else {
            continue;
        };
        match p.name.as_str() {
            "VERSION" => {
                if !["2.1", "3.0", "4.0"].contains(&value.trim()) {
                    b.warnings.push(Problem::new(
                        p.line,
                        format!("vCard version {:?} is unknown; read as 4.0", value.trim()),
                    ));
                }
            }
            "N" => {
                let parts = split_structured(&value, ';');
                let part = |i: usize| {
                    parts
                        .get(i)
                        .map(|s| {
                            s.split(',')
                                .map(str::trim)
                                .filter(|s| !s.is_empty())
                                .collect::<Vec<_>>()
                                .join(" ")
                        })
                        .unwrap_or_default()
                };
                b.last = Some((part(0), p.line));
                b.first = Some((part(1), p.line));
                b.middle = Some((part(2), p.line));
                for (i, what) in [(3, "honorific prefix"), (4, "honorific suffix")] {
                    let v = part(i);
                    if !v.is_empty() {
                        b.warnings.push(Problem::new(
                            p.line,
                            format!(
                                "the {what} {v:?} was left out (the platform has no field for it)"
                            ),
                        ));
                    }
                }
            }
            "FN" => b.full_name = Some((unescape(&value), p.line)),
            "EMAIL" => b.emails.push(candidate(p, unescape(&value), label_of(p))),
            "TEL" => {
                let v = unescape(&value);
                let v = v.strip_prefix("tel:").unwrap_or(&v).to_string();
                b.phones.push(candidate(p, v, label_of(p)));
            }
            "URL" => b.urls.push(candidate(p, unescape(&value), label_of(p))),
            "ADR" => {
                let parts = split_structured(&value, ';');
                let part = |i: usize| {
                    parts
                        .get(i)
                        .cloned()
                        .unwrap_or_default()
                        .replace('\n', ", ")
                };
                b.addresses.push(Address {
                    po_box: part(0),
                    extended: part(1),
                    street: part(2),
                    city: part(3),
                    region: part(4),
                    postal_code: part(5),
                    country: part(6),
                    label: label_of(p),
                    pref: pref_of(p),
                    line: p.line,
                });
            }
            "NOTE" => b.notes.push((unescape(&value), p.line)),
            name => {
                if let Some((_, title)) = TO_NOTES.iter().find(|(n, _)| *n == name) {
                    let text = split_structured(&value, ';')
                        .into_iter()
                        .filter(|s| !s.trim().is_empty())
                        .collect::<Vec<_>>()
                        .join(", ");
                    if !text.is_empty() {
                        b.extra_notes.push((format!("{title}: {text}"), p.line));
                        b.warnings.push(Problem::new(
                            p.line,
                            format!("{name} has no field on the platform; added to the notes"),
                        ));
                    }
                } else if is_unkept(p, &value, &card) {
                    unkept.add(name, p.line);
                }
            }
        }
    }
    // A company card (Apple's X-ABShowAs:COMPANY) has the company as FN and no N: that is
    // not a person's name to split.
    let org = card.prop("ORG").map(|p| {
        split_structured(&p.value, ';')
            .into_iter()
            .next()
            .unwrap_or_default()
    });
    if let (Some(org), Some((full, _))) = (org, b.full_name.as_ref()) {
        if org.trim() == full.trim() {
            b.full_name = None;
        }
    }
    b.warnings.extend(unkept.into_problem());
    b.finish(card.line)
}

fn is_mapped(name: &str) -> bool {
    ["VERSION", "N", "FN", "EMAIL", "TEL", "URL", "ADR", "NOTE"].contains(&name)
        || TO_NOTES.iter().any(|(n, _)| *n == name)
}

/// The value as text: quoted-printable decoded in its charset, unreadable bytes reported.
/// `None` when the property cannot be read at all (the problem is recorded).
fn decode_value(p: &ContentLine, b: &mut ContactBuilder) -> Option<String> {
    let mut lossy = p.lossy;
    let encoding = p.param("ENCODING").map(str::to_ascii_uppercase);
    let value = match encoding.as_deref() {
        Some("QUOTED-PRINTABLE") => {
            let Some(bytes) = decode_quoted_printable(&p.value) else {
                let problem =
                    Problem::new(p.line, format!("{}: broken quoted-printable value", p.name));
                if is_mapped(&p.name) {
                    b.errors.push(problem);
                } else {
                    b.warnings.push(problem);
                }
                return None;
            };
            let charset = p
                .param("CHARSET")
                .and_then(|c| encoding_rs::Encoding::for_label(c.as_bytes()))
                .unwrap_or(encoding_rs::UTF_8);
            let (text, had_errors) = charset.decode_without_bom_handling(&bytes);
            lossy |= had_errors;
            text.into_owned()
        }
        Some("B" | "BASE64") if is_mapped(&p.name) => {
            b.errors.push(Problem::new(
                p.line,
                format!("{}: base64-encoded text is not supported", p.name),
            ));
            return None;
        }
        _ => p.value.clone(),
    };
    if lossy && is_mapped(&p.name) {
        b.warnings.push(Problem::new(
            p.line,
            format!(
                "{}: the text is not valid in its encoding; unreadable characters were replaced by \u{FFFD}",
                p.name
            ),
        ));
    }
    Some(value)
}

/// vCard 4.0 `PREF=1..100` (1 most preferred); 3.0 and 2.1 `TYPE=pref` / bare `PREF`.
fn pref_of(p: &ContentLine) -> u32 {
    if let Some(n) = p.param("PREF").and_then(|v| v.trim().parse::<u32>().ok()) {
        return n.clamp(1, 100);
    }
    if p.param_values("TYPE").iter().any(|t| t == "PREF") {
        return 1;
    }
    NO_PREF
}

/// A human label from `TYPE`: `work`, `cell`, `home, fax`. Technical types are left out.
fn type_label(p: &ContentLine) -> Option<String> {
    let types: Vec<String> = p
        .param_values("TYPE")
        .into_iter()
        .filter(|t| !["PREF", "INTERNET", "VOICE", "X400", "TEXT"].contains(&t.as_str()))
        .map(|t| t.to_ascii_lowercase())
        .collect();
    (!types.is_empty()).then(|| types.join(", "))
}

/// `_$!<Mobile>!$_` is how Apple writes its built-in labels.
fn apple_label(raw: &str) -> String {
    let v = unescape(raw);
    v.trim_start_matches("_$!<")
        .trim_end_matches(">!$_")
        .to_ascii_lowercase()
}

fn candidate(p: &ContentLine, value: String, label: Option<String>) -> Candidate {
    Candidate {
        value,
        label,
        pref: pref_of(p),
        line: p.line,
    }
}

#[cfg(test)]
mod tests {
    use super::super::import;

    #[test]
    fn version_3_with_several_emails_and_phones() {
        let text = "BEGIN:VCARD\r\nVERSION:3.0\r\nN:Müller;Anna;Maria;Dr.;\r\nFN:Dr. Anna Maria Müller\r\nEMAIL;TYPE=INTERNET,HOME:anna@home.example\r\nEMAIL;TYPE=INTERNET,WORK,pref:anna@work.example\r\nTEL;TYPE=CELL:+49 151 1234567\r\nTEL;TYPE=WORK:+49 30 123\r\nADR;TYPE=WORK:;Haus B;Hauptstraße 5;Berlin;BE;10115;Germany\r\nNOTE:Line one\\nline two\\, with comma\r\nORG:ACME GmbH;R&D\r\nEND:VCARD\r\n";
        let report = import(text.as_bytes());
        assert!(report.file_problems.is_empty());
        let item = &report.items[0];
        let c = item.outcome.as_ref().unwrap();
        assert_eq!(c["firstName"], "Anna");
        assert_eq!(c["middleName"], "Maria");
        assert_eq!(c["lastName"], "Müller");
        assert_eq!(c["email"], "anna@work.example");
        assert_eq!(c["phone"], "+49 151 1234567");
        assert_eq!(c["address"]["street"], "Hauptstraße, Haus B");
        assert_eq!(c["address"]["street_number"], "5");
        assert_eq!(c["address"]["postal_code"], "10115");
        assert_eq!(
            c["notes"],
            "Line one\nline two, with comma\nE-mail (home): anna@home.example\nPhone (work): +49 30 123\nOrganization: ACME GmbH, R&D"
        );
        let lines: Vec<usize> = item.warnings.iter().map(|w| w.line).collect();
        assert_eq!(lines, vec![3, 5, 8, 11]);
    }

    #[test]
    fn version_4_pref_numbers_and_tel_uris() {
        let text = "BEGIN:VCARD\nVERSION:4.0\nFN:Jo Lee\nTEL;VALUE=uri;PREF=2:tel:+1-555-0100\nTEL;VALUE=uri;PREF=1:tel:+1-555-0199\nEND:VCARD\n";
        let report = import(text.as_bytes());
        let c = report.items[0].outcome.as_ref().unwrap();
        assert_eq!(c["firstName"], "Jo");
        assert_eq!(c["lastName"], "Lee");
        assert_eq!(c["phone"], "+1-555-0199");
        assert_eq!(c["notes"], "Phone: +1-555-0100");
    }

    #[test]
    fn version_2_1_quoted_printable_with_charset() {
        let text = "BEGIN:VCARD\r\nVERSION:2.1\r\nN;CHARSET=ISO-8859-1;ENCODING=QUOTED-PRINTABLE:M=FCller;J=FCrgen\r\nNOTE;ENCODING=QUOTED-PRINTABLE;CHARSET=UTF-8:Gr=C3=BC=C3=9Fe aus =\r\nK=C3=B6ln\r\nTEL;CELL;PREF:0171 1234\r\nEND:VCARD\r\n";
        let report = import(text.as_bytes());
        let c = report.items[0].outcome.as_ref().unwrap();
        assert_eq!(c["lastName"], "Müller");
        assert_eq!(c["firstName"], "Jürgen");
        assert_eq!(c["notes"], "Grüße aus Köln");
        assert_eq!(c["phone"], "0171 1234");
    }

    #[test]
    fn values_that_do_not_fit_fail_their_card_with_line_numbers_and_others_import() {
        let text = format!(
            "BEGIN:VCARD\nVERSION:3.0\nFN:Good One\nEND:VCARD\nBEGIN:VCARD\nVERSION:3.0\nN:{};Bad;;;\nEMAIL:nope\nTEL:{}\nEND:VCARD\n",
            "L".repeat(101),
            "9".repeat(60)
        );
        let report = import(text.as_bytes());
        assert_eq!(report.counts().ok, 1);
        let errors = report.items[1].outcome.as_ref().unwrap_err();
        let got: Vec<(usize, &str)> = errors
            .iter()
            .map(|p| (p.line, p.field.as_deref().unwrap_or("")))
            .collect();
        assert_eq!(got, vec![(7, "lastName"), (8, "email"), (9, "phone")]);
    }

    #[test]
    fn invalid_utf8_is_reported_and_decoded_lossily() {
        let text = b"BEGIN:VCARD\nVERSION:3.0\nFN:J\xfcrgen\nEND:VCARD\n";
        let report = import(&text[..]);
        let item = &report.items[0];
        assert_eq!(item.outcome.as_ref().unwrap()["firstName"], "J\u{FFFD}rgen");
        assert_eq!(item.warnings[0].line, 3);
        assert!(item.warnings[0].message.contains("not valid"));
    }

    #[test]
    fn apple_labels_and_dropped_photos() {
        let text = "BEGIN:VCARD\nVERSION:3.0\nN:Doe;Jane;;;\nitem1.EMAIL;type=INTERNET:jane@a.example\nitem2.EMAIL;type=INTERNET:jane@b.example\nitem2.X-ABLabel:_$!<Other>!$_\nPHOTO;ENCODING=b;TYPE=JPEG:/9j/4AAQSkZJRgABAQAAAQABAAD\nEND:VCARD\n";
        let item = &import(text.as_bytes()).items[0];
        assert_eq!(
            item.outcome.as_ref().unwrap()["notes"],
            "E-mail (other): jane@b.example"
        );
        assert!(item.warnings.iter().any(|w| w.message.contains("PHOTO")));
    }

    /// Each field keeps the line of the property its value came from (a folded line's first
    /// line; the preferred of several e-mails), so a check of the finished record can point at
    /// the value, not at BEGIN:VCARD.
    #[test]
    fn each_field_keeps_the_line_of_its_property() {
        let text = "BEGIN:VCARD\r\nVERSION:3.0\r\nFN:Anna Maria Müller\r\nN:Müller;Anna;;;\r\n\
                    EMAIL:anna@home.example\r\nTEL:+49 30 1\r\nEMAIL;TYPE=pref:a..b@example.com\r\n\
                    URL:http://a\r\n <b\r\nADR:;;Hauptstraße 5;Berlin;;10115;DE\r\n\
                    ORG:ACME\r\nNOTE:first\r\n  folded\r\nEND:VCARD\r\n";
        let item = &import(text.as_bytes()).items[0];
        let c = item.outcome.as_ref().unwrap();
        assert_eq!(
            (&c["email"], &c["url"]),
            (&"a..b@example.com".into(), &"http://a<b".into())
        );
        let lines: Vec<(&str, usize)> = item
            .field_lines
            .iter()
            .map(|(k, l)| (k.as_str(), *l))
            .collect();
        assert_eq!(
            lines,
            vec![
                ("address", 10),
                ("email", 7),
                ("firstName", 4),
                ("lastName", 4),
                ("notes", 12),
                ("phone", 6),
                ("url", 8),
            ]
        );
        assert_eq!(item.line_of("email"), 7);
        assert_eq!(item.line_of("address.city"), 10);
        // A field the record does not have, or none: the card's line.
        assert_eq!((item.line_of("middleName"), item.line_of("")), (1, 1));

        // Without N the names come from FN, on its line; a card that fails keeps its lines.
        let text = "BEGIN:VCARD\nVERSION:3.0\nFN:Jo Lee\nEMAIL:nope\nEND:VCARD\n";
        let item = &import(text.as_bytes()).items[0];
        assert!(item.outcome.is_err());
        assert_eq!(
            (
                item.line_of("firstName"),
                item.line_of("lastName"),
                item.line_of("email")
            ),
            (3, 3, 4)
        );
    }
}
