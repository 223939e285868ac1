//! The platform's contact, as both vCard and CSV imports build it. The platform keeps one
//! e-mail, one phone, one URL and one address per contact; the formats carry many. The
//! preferred one fills the field and the others are appended to `notes` (and the item's
//! warnings say so), so nothing the user had is lost without a word.

use std::collections::BTreeMap;

use serde_json::{Map, Value};

use crate::report::{Item, Problem};
use crate::text::{char_len, could_be_email, has_scheme};
use crate::Fields;

/// The platform's limits on contact fields (seed request schema; crates/replica checks the
/// same when the contact is written).
pub const NAME_MAX: usize = 100;
pub const PHONE_MAX: usize = 50;
pub const NOTES_MAX: usize = 2000;

/// A value the source offers for a single-valued field, with how much the source prefers it.
#[derive(Debug, Clone)]
pub(crate) struct Candidate {
    pub value: String,
    /// What the source calls it ("work", "cell", "E-mail 2 Address"), for the note line.
    pub label: Option<String>,
    /// Lower is preferred (vCard 4.0 `PREF=1` is the most preferred); ties keep file order.
    pub pref: u32,
    pub line: usize,
}

/// The default preference of a value that has none: after every explicit one.
pub(crate) const NO_PREF: u32 = 1000;

/// An address as the sources give it, before it becomes the platform's object.
#[derive(Debug, Clone, Default)]
pub(crate) struct Address {
    pub po_box: String,
    pub extended: String,
    pub street: String,
    pub city: String,
    pub region: String,
    pub postal_code: String,
    pub country: String,
    pub label: Option<String>,
    pub pref: u32,
    pub line: usize,
}

impl Address {
    fn is_empty(&self) -> bool {
        [
            &self.po_box,
            &self.extended,
            &self.street,
            &self.city,
            &self.region,
            &self.postal_code,
            &self.country,
        ]
        .iter()
        .all(|s| s.trim().is_empty())
    }

    /// One line for the notes: "Main St 5, Apt 2, 12345 Springfield, IL, US".
    fn one_line(&self) -> String {
        let city = [self.postal_code.trim(), self.city.trim()]
            .into_iter()
            .filter(|s| !s.is_empty())
            .collect::<Vec<_>>()
            .join(" ");
        [
            self.po_box.trim(),
            self.street.trim(),
            self.extended.trim(),
            city.as_str(),
            self.region.trim(),
            self.country.trim(),
        ]
        .into_iter()
        .filter(|s| !s.is_empty())
        .collect::<Vec<_>>()
        .join(", ")
    }

    /// The platform's address object (snake_case keys, only the parts that are there). The
    /// platform has no field for the extended address or the PO box, so they join the street.
    fn to_object(&self) -> Map<String, Value> {
        let (street, number) = split_street_number(self.street.trim());
        let mut street_parts: Vec<&str> = vec![];
        if !self.po_box.trim().is_empty() {
            street_parts.push(self.po_box.trim());
        }
        if !street.is_empty() {
            street_parts.push(street);
        }
        if !self.extended.trim().is_empty() {
            street_parts.push(self.extended.trim());
        }
        let street = street_parts.join(", ");
        let mut map = Map::new();
        for (key, value) in [
            ("street", street.as_str()),
            ("street_number", number),
            ("city", self.city.trim()),
            ("postal_code", self.postal_code.trim()),
            ("region", self.region.trim()),
            ("country", self.country.trim()),
        ] {
            if !value.is_empty() {
                map.insert(key.into(), Value::String(value.to_string()));
            }
        }
        map
    }
}

/// Splits "Hauptstraße 5" or "221B Baker Street" into street and house number: the last or
/// first word when it starts with a digit. Anything else stays whole in `street`.
pub(crate) fn split_street_number(street: &str) -> (&str, &str) {
    let starts_with_digit = |s: &str| s.chars().next().is_some_and(|c| c.is_ascii_digit());
    if let Some((rest, last)) = street.rsplit_once(' ') {
        if starts_with_digit(last) && !rest.trim().is_empty() {
            return (rest.trim_end_matches([' ', ',']), last);
        }
    }
    if let Some((first, rest)) = street.split_once(' ') {
        if starts_with_digit(first) && !rest.trim().is_empty() {
            return (rest.trim(), first.trim_end_matches(','));
        }
    }
    (street, "")
}

/// Collects what a source says about one contact, then checks it against the platform's rules.
#[derive(Debug, Default)]
pub(crate) struct ContactBuilder {
    pub first: Option<(String, usize)>,
    pub middle: Option<(String, usize)>,
    pub last: Option<(String, usize)>,
    /// A formatted name (vCard `FN`, a "Name" column), split when no structured name is given.
    pub full_name: Option<(String, usize)>,
    pub emails: Vec<Candidate>,
    pub phones: Vec<Candidate>,
    pub urls: Vec<Candidate>,
    pub addresses: Vec<Address>,
    /// The source's own notes, in order.
    pub notes: Vec<(String, usize)>,
    /// Lines for the notes about data the platform has no field for ("Organization: ACME").
    pub extra_notes: Vec<(String, usize)>,
    pub errors: Vec<Problem>,
    pub warnings: Vec<Problem>,
}

impl ContactBuilder {
    /// Checks and assembles the contact: `line` is where the item starts. The lengths are
    /// checked here, with the line of each value; of the e-mail and url only what no address
    /// can be ([`could_be_email`], [`has_scheme`]): whether they are in the platform's formats
    /// is for the caller to check on the record with the platform's own rules.
    pub fn finish(mut self, line: usize) -> Item<Fields> {
        let mut fields = Fields::new();
        // The line of each field's value, for checks of the finished record.
        let mut field_lines = BTreeMap::new();
        let (first, middle, last) = self.names();
        let label = [&first, &middle, &last]
            .iter()
            .filter_map(|n| n.as_ref().map(|(s, _)| s.as_str()))
            .collect::<Vec<_>>()
            .join(" ");
        for (key, value) in [
            ("firstName", first),
            ("middleName", middle),
            ("lastName", last),
        ] {
            if let Some((value, at)) = value {
                if char_len(&value) > NAME_MAX {
                    self.errors.push(Problem::field(
                        at,
                        key,
                        format!(
                            "is {} characters; the platform allows at most {NAME_MAX}",
                            char_len(&value)
                        ),
                    ));
                }
                fields.insert(key.into(), Value::String(value));
                field_lines.insert(key.to_string(), at);
            }
        }

        let mut note_lines: Vec<(String, usize)> = Vec::new();
        let emails = std::mem::take(&mut self.emails);
        let phones = std::mem::take(&mut self.phones);
        let urls = std::mem::take(&mut self.urls);
        let email = self.pick("email", "E-mail", emails, &mut note_lines);
        if let Some(c) = email {
            if !could_be_email(&c.value) {
                self.errors.push(Problem::field(
                    c.line,
                    "email",
                    format!("{:?} is not an e-mail address", c.value),
                ));
            }
            fields.insert("email".into(), Value::String(c.value));
            field_lines.insert("email".to_string(), c.line);
        }
        let phone = self.pick("phone", "Phone", phones, &mut note_lines);
        if let Some(c) = phone {
            if char_len(&c.value) > PHONE_MAX {
                self.errors.push(Problem::field(
                    c.line,
                    "phone",
                    format!(
                        "is {} characters; the platform allows at most {PHONE_MAX}",
                        char_len(&c.value)
                    ),
                ));
            }
            fields.insert("phone".into(), Value::String(c.value));
            field_lines.insert("phone".to_string(), c.line);
        }
        let url = self.pick("url", "Website", urls, &mut note_lines);
        if let Some(mut c) = url {
            if !has_scheme(&c.value) {
                if looks_like_host(&c.value) {
                    self.warnings.push(Problem::field(
                        c.line,
                        "url",
                        format!(
                            "{:?} has no scheme; imported as https://{}",
                            c.value, c.value
                        ),
                    ));
                    c.value = format!("https://{}", c.value);
                } else {
                    self.errors.push(Problem::field(
                        c.line,
                        "url",
                        format!(
                            "{:?} is not an absolute URI such as https://example.com",
                            c.value
                        ),
                    ));
                }
            }
            fields.insert("url".into(), Value::String(c.value));
            field_lines.insert("url".to_string(), c.line);
        }

        let mut addresses: Vec<Address> = std::mem::take(&mut self.addresses)
            .into_iter()
            .filter(|a| !a.is_empty())
            .collect();
        addresses.sort_by_key(|a| a.pref);
        let mut addresses = addresses.into_iter();
        if let Some(primary) = addresses.next() {
            fields.insert("address".into(), Value::Object(primary.to_object()));
            field_lines.insert("address".to_string(), primary.line);
            for other in addresses {
                let text = match &other.label {
                    Some(l) => format!("Address ({l}): {}", other.one_line()),
                    None => format!("Address: {}", other.one_line()),
                };
                self.warnings.push(Problem::field(
                    other.line,
                    "address",
                    "the platform keeps one address; this one was added to the notes",
                ));
                note_lines.push((text, other.line));
            }
        }

        note_lines.extend(std::mem::take(&mut self.extra_notes));
        let mut notes: Vec<(String, usize)> = std::mem::take(&mut self.notes)
            .into_iter()
            .filter(|(n, _)| !n.trim().is_empty())
            .collect();
        notes.extend(note_lines);
        if !notes.is_empty() {
            // Line ends as the platform's other text fields have them.
            let text = notes
                .iter()
                .map(|(n, _)| n.trim_end().replace("\r\n", "\n").replace('\r', "\n"))
                .collect::<Vec<_>>()
                .join("\n");
            let len = char_len(&text);
            if len > NOTES_MAX {
                self.errors.push(Problem::field(
                    notes[0].1,
                    "notes",
                    format!(
                        "would be {len} characters (with the values moved there); the platform allows at most {NOTES_MAX}"
                    ),
                ));
            }
            fields.insert("notes".into(), Value::String(text));
            // The notes start with the source's own, then what was moved there: the first
            // value's line, as for their length above.
            field_lines.insert("notes".to_string(), notes[0].1);
        }

        if fields.is_empty() && self.errors.is_empty() {
            self.errors.push(Problem::new(
                line,
                "the contact has no name, e-mail, phone, URL, address or notes",
            ));
        }
        let label = if !label.is_empty() {
            label
        } else if let Some(Value::String(e)) = fields.get("email") {
            e.clone()
        } else {
            "(no name)".to_string()
        };
        self.errors.sort_by_key(|p| p.line);
        self.warnings.sort_by_key(|p| p.line);
        let mut item = Item::from_parts(line, label, fields, self.errors, self.warnings);
        item.field_lines = field_lines;
        item
    }

    /// The names: the structured ones when any is given, else the formatted name split.
    #[allow(clippy::type_complexity)]
    fn names(
        &mut self,
    ) -> (
        Option<(String, usize)>,
        Option<(String, usize)>,
        Option<(String, usize)>,
    ) {
        let clean = |v: Option<(String, usize)>| {
            v.map(|(s, l)| (s.trim().to_string(), l))
                .filter(|(s, _)| !s.is_empty())
        };
        let first = clean(self.first.take());
        let middle = clean(self.middle.take());
        let last = clean(self.last.take());
        if first.is_some() || middle.is_some() || last.is_some() {
            return (first, middle, last);
        }
        // A formatted name that is just the e-mail or phone (writers must put something in FN)
        // is not a name.
        let full = clean(self.full_name.take()).filter(|(full, _)| {
            !self
                .emails
                .iter()
                .chain(&self.phones)
                .any(|c| c.value.trim() == full)
        });
        match full {
            Some((full, at)) => {
                let (f, m, l) = split_full_name(&full);
                let wrap = |s: String| (!s.is_empty()).then_some((s, at));
                (wrap(f), wrap(m), wrap(l))
            }
            None => (None, None, None),
        }
    }

    /// Picks the preferred candidate; the others become note lines and warnings.
    fn pick(
        &mut self,
        field: &str,
        title: &str,
        candidates: Vec<Candidate>,
        notes: &mut Vec<(String, usize)>,
    ) -> Option<Candidate> {
        let mut candidates: Vec<Candidate> = candidates
            .into_iter()
            .map(|mut c| {
                c.value = c.value.trim().to_string();
                c
            })
            .filter(|c| !c.value.is_empty())
            .collect();
        // A stable sort keeps file order among equal preferences.
        candidates.sort_by_key(|c| c.pref);
        let mut iter = candidates.into_iter();
        let primary = iter.next()?;
        for other in iter {
            if other.value == primary.value {
                continue;
            }
            let line = match &other.label {
                Some(l) => format!("{title} ({l}): {}", other.value),
                None => format!("{title}: {}", other.value),
            };
            self.warnings.push(Problem::field(
                other.line,
                field,
                format!(
                    "the platform keeps one {field}; {:?} was added to the notes",
                    other.value
                ),
            ));
            notes.push((line, other.line));
        }
        Some(primary)
    }
}

fn looks_like_host(s: &str) -> bool {
    let host = s.split('/').next().unwrap_or("");
    host.contains('.')
        && !s.chars().any(char::is_whitespace)
        && host
            .split('.')
            .all(|l| !l.is_empty() && l.chars().all(|c| c.is_alphanumeric() || c == '-'))
}

/// Splits a formatted name: "Last, First Middle" or "First Middle... Last".
pub(crate) fn split_full_name(full: &str) -> (String, String, String) {
    if let Some((last, rest)) = full.split_once(',') {
        let mut words = rest.split_whitespace();
        let first = words.next().unwrap_or("").to_string();
        let middle = words.collect::<Vec<_>>().join(" ");
        return (first, middle, last.trim().to_string());
    }
    let words: Vec<&str> = full.split_whitespace().collect();
    match words.len() {
        0 => Default::default(),
        1 => (words[0].to_string(), String::new(), String::new()),
        n => (
            words[0].to_string(),
            words[1..n - 1].join(" "),
            words[n - 1].to_string(),
        ),
    }
}

/// Reads a contact in the platform's shape back (for the writers). Accepts the request shape
/// (`firstName`) and the response shape (`first_name`), so records from the replica or the
/// API export alike.
pub(crate) fn get<'a>(contact: &'a Fields, camel: &str, snake: &str) -> &'a str {
    contact
        .get(camel)
        .or_else(|| contact.get(snake))
        .and_then(Value::as_str)
        .unwrap_or("")
}

/// The address of a contact for the writers: (street with number, city, region, postal code,
/// country).
pub(crate) struct AddressOut {
    pub street: String,
    pub city: String,
    pub region: String,
    pub postal_code: String,
    pub country: String,
}

pub(crate) fn address_out(contact: &Fields) -> Option<AddressOut> {
    let map = contact.get("address")?.as_object()?;
    let part = |k: &str| {
        map.get(k)
            .and_then(Value::as_str)
            .unwrap_or("")
            .trim()
            .to_string()
    };
    let street = [part("street"), part("street_number")]
        .into_iter()
        .filter(|s| !s.is_empty())
        .collect::<Vec<_>>()
        .join(" ");
    let out = AddressOut {
        street,
        city: part("city"),
        region: part("region"),
        postal_code: part("postal_code"),
        country: part("country"),
    };
    let empty = [
        &out.street,
        &out.city,
        &out.region,
        &out.postal_code,
        &out.country,
    ]
    .iter()
    .all(|s| s.is_empty());
    (!empty).then_some(out)
}

#[cfg(test)]
mod tests {
    use super::*;
    use serde_json::json;

    #[test]
    fn street_numbers_are_split_from_either_end() {
        assert_eq!(split_street_number("Hauptstraße 5"), ("Hauptstraße", "5"));
        assert_eq!(
            split_street_number("221B Baker Street"),
            ("Baker Street", "221B")
        );
        assert_eq!(
            split_street_number("Rue de la Paix 12a"),
            ("Rue de la Paix", "12a")
        );
        assert_eq!(split_street_number("Main Street"), ("Main Street", ""));
        assert_eq!(split_street_number("5"), ("5", ""));
    }

    #[test]
    fn full_names_are_split() {
        assert_eq!(
            split_full_name("Anna Maria Müller"),
            ("Anna".into(), "Maria".into(), "Müller".into())
        );
        assert_eq!(
            split_full_name("Müller, Anna"),
            ("Anna".into(), "".into(), "Müller".into())
        );
        assert_eq!(
            split_full_name("Cher"),
            ("Cher".into(), "".into(), "".into())
        );
    }

    fn cand(value: &str, pref: u32, line: usize) -> Candidate {
        Candidate {
            value: value.into(),
            label: Some("work".into()),
            pref,
            line,
        }
    }

    #[test]
    fn the_preferred_value_wins_and_the_others_go_to_the_notes() {
        let b = ContactBuilder {
            first: Some(("Anna".into(), 2)),
            emails: vec![cand("a@x.org", NO_PREF, 3), cand("b@x.org", 1, 4)],
            notes: vec![("Met at the fair".into(), 5)],
            ..Default::default()
        };
        let item = b.finish(1);
        let fields = item.outcome.as_ref().unwrap();
        assert_eq!(fields["email"], "b@x.org");
        assert_eq!(fields["notes"], "Met at the fair\nE-mail (work): a@x.org");
        assert_eq!(item.warnings.len(), 1);
        assert_eq!(item.warnings[0].line, 3);
        // The e-mail field holds line 4's value; the notes start with line 5's.
        assert_eq!(
            (
                item.line_of("email"),
                item.line_of("notes"),
                item.line_of("firstName")
            ),
            (4, 5, 2)
        );
    }

    #[test]
    fn limits_are_reported_never_truncated() {
        let b = ContactBuilder {
            first: Some(("A".repeat(101), 7)),
            phones: vec![cand(&"1".repeat(51), NO_PREF, 8)],
            emails: vec![cand("not-an-email", NO_PREF, 9)],
            urls: vec![cand("not a url", NO_PREF, 10)],
            notes: vec![("n".repeat(2001), 11)],
            ..Default::default()
        };
        let errors = b.finish(1).outcome.unwrap_err();
        let got: Vec<(usize, &str)> = errors
            .iter()
            .map(|p| (p.line, p.field.as_deref().unwrap()))
            .collect();
        assert_eq!(
            got,
            vec![
                (7, "firstName"),
                (8, "phone"),
                (9, "email"),
                (10, "url"),
                (11, "notes")
            ]
        );
    }

    #[test]
    fn an_empty_contact_is_an_error_and_a_bare_host_gets_a_scheme() {
        assert!(ContactBuilder::default().finish(4).outcome.is_err());
        let item = ContactBuilder {
            urls: vec![cand("www.example.com", NO_PREF, 2)],
            ..Default::default()
        }
        .finish(1);
        assert_eq!(item.outcome.unwrap()["url"], "https://www.example.com");
        assert_eq!(item.warnings[0].field.as_deref(), Some("url"));
    }

    /// Addresses valid by the RFCs that the reader's old format check refused come through as
    /// they are, and so do ones only the platform's finer check refuses (the app runs it).
    #[test]
    fn emails_and_urls_that_may_be_valid_are_left_to_the_platform_check() {
        for (email, url) in [
            ("user@localhost", "x:"),
            ("\"q r\"@example.com", "https:"),
            ("a..b@example.com", "http://a<b"),
            ("ü@example.com", "https://example.com/ä"),
        ] {
            let item = ContactBuilder {
                emails: vec![cand(email, NO_PREF, 2)],
                urls: vec![cand(url, NO_PREF, 3)],
                ..Default::default()
            }
            .finish(1);
            assert!(item.warnings.is_empty(), "{email} {url}: {item:?}");
            let fields = item.outcome.unwrap();
            assert_eq!(
                (&fields["email"], &fields["url"]),
                (&json!(email), &json!(url))
            );
        }
    }
}
