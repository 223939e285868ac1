//! Which column holds what: detection from header names, and the caller's overrides.

use serde::Serialize;

/// Part of an address a column holds.
#[derive(Debug, Clone, Copy, PartialEq, Eq, Serialize)]
#[serde(rename_all = "camelCase")]
pub enum AddressPart {
    Street,
    StreetNumber,
    /// Apartment, building, "Street 2".
    Extended,
    PoBox,
    City,
    PostalCode,
    Region,
    Country,
}

/// What a column holds.
#[derive(Debug, Clone, PartialEq, Eq, Serialize)]
#[serde(rename_all = "camelCase", tag = "kind")]
pub enum Column {
    FirstName,
    MiddleName,
    LastName,
    /// A whole name ("Name", "Display Name"), split when no name parts are mapped.
    FullName,
    /// An e-mail; with several e-mail columns the first non-empty (in `pref` order, then column
    /// order) is the contact's, the rest go to the notes.
    Email,
    Phone,
    Url,
    Notes,
    /// A part of the address group `group` ("home", "business", "address 1"): the first group
    /// with a value is the contact's address, the others go to the notes.
    Address {
        group: String,
        part: AddressPart,
    },
    /// Data without a platform field that fits in the notes, with this title
    /// ("Organization", "Title", "Birthday").
    NoteLine {
        title: String,
    },
    Ignore,
}

/// One [`Column`] per header, in header order, plus preferences for the multi-valued fields.
#[derive(Debug, Clone, PartialEq, Eq, Serialize)]
#[serde(rename_all = "camelCase")]
pub struct ColumnMapping {
    pub columns: Vec<Column>,
}

impl ColumnMapping {
    /// Detects the mapping from header names. Unknown headers are [`Column::Ignore`]; the
    /// caller shows the mapping in the preview and can change any column with [`Self::set`].
    pub fn detect(headers: &[String]) -> ColumnMapping {
        ColumnMapping {
            columns: headers.iter().map(|h| detect_one(h)).collect(),
        }
    }

    /// Maps the column with this header (case-insensitive, first match) or index.
    pub fn set(&mut self, column: ColumnRef<'_>, headers: &[String], target: Column) -> bool {
        let index = match column {
            ColumnRef::Index(i) => Some(i),
            ColumnRef::Header(h) => headers
                .iter()
                .position(|x| x.trim().eq_ignore_ascii_case(h.trim())),
        };
        match index.and_then(|i| self.columns.get_mut(i)) {
            Some(slot) => {
                *slot = target;
                true
            }
            None => false,
        }
    }
}

/// A column named by header or by index (0-based).
#[derive(Debug, Clone, Copy)]
pub enum ColumnRef<'a> {
    Header(&'a str),
    Index(usize),
}

/// Preference of a multi-valued column: Outlook's "Primary Phone" first, then mobile numbers
/// (the most useful single number), then column order.
pub(crate) fn column_pref(header: &str) -> u32 {
    let h = header.to_ascii_lowercase();
    if h.contains("primary") {
        1
    } else if h.contains("mobile") || h.contains("cell") {
        2
    } else {
        crate::contact::NO_PREF
    }
}

fn words(header: &str) -> Vec<String> {
    header
        .to_lowercase()
        .split(|c: char| !c.is_alphanumeric())
        .filter(|w| !w.is_empty())
        .map(str::to_string)
        .collect()
}

/// Whether the header names a column that describes another one (Google's "E-mail 1 - Label"
/// or "Address 1 - Formatted", Outlook's "E-mail Type" or "E-mail Display Name"): such columns
/// are ignored on purpose, their data is in the column they describe.
pub fn describes_another(header: &str) -> bool {
    let joined: String = words(header).concat();
    let has = |s: &str| joined.contains(s);
    has("label") || has("type") || has("displayname") && has("mail") || has("formatted")
}

fn detect_one(header: &str) -> Column {
    let w = words(header);
    let joined: String = w.concat();
    let has = |s: &str| joined.contains(s);
    let is = |list: &[&str]| list.contains(&joined.as_str());

    if describes_another(header) {
        return Column::Ignore;
    }
    if is(&["firstname", "givenname", "first", "forename"]) {
        return Column::FirstName;
    }
    if is(&["middlename", "additionalname", "middle", "secondname"]) {
        return Column::MiddleName;
    }
    if is(&["lastname", "familyname", "surname", "last"]) {
        return Column::LastName;
    }
    if is(&[
        "name",
        "fullname",
        "displayname",
        "formattedname",
        "contactname",
    ]) {
        return Column::FullName;
    }
    if has("mail") {
        return Column::Email;
    }
    if has("phone") || has("mobile") || has("cell") || has("fax") || is(&["tel", "telephone"]) {
        return Column::Phone;
    }
    if has("web") || has("url") || has("homepage") {
        return Column::Url;
    }
    if is(&["notes", "note", "comments", "comment", "description"]) {
        return Column::Notes;
    }
    if let Some(column) = detect_address(&w, &joined) {
        return column;
    }
    if is(&[
        "company",
        "organization",
        "organisation",
        "organizationname",
        "organization1name",
        "companyname",
    ]) {
        return Column::NoteLine {
            title: "Organization".into(),
        };
    }
    if is(&[
        "jobtitle",
        "organizationtitle",
        "organization1title",
        "position",
    ]) {
        return Column::NoteLine {
            title: "Title".into(),
        };
    }
    if is(&["birthday", "birthdate", "dateofbirth"]) {
        return Column::NoteLine {
            title: "Birthday".into(),
        };
    }
    if is(&["nickname"]) {
        return Column::NoteLine {
            title: "Nickname".into(),
        };
    }
    Column::Ignore
}

fn detect_address(w: &[String], joined: &str) -> Option<Column> {
    let has = |s: &str| joined.contains(s);
    let ends_with_number = w
        .last()
        .is_some_and(|l| l.chars().all(|c| c.is_ascii_digit()));
    // "Country/Region" is a country; look for it before "region".
    let (part, keywords): (AddressPart, &[&str]) = if has("country") {
        (AddressPart::Country, &["country", "region"])
    } else if has("streetnumber") || has("housenumber") || (has("street") && has("number")) {
        (AddressPart::StreetNumber, &["street", "house", "number"])
    } else if has("street") && ends_with_number {
        (AddressPart::Extended, &["street"])
    } else if has("street") || is_exactly(joined, &["address", "addressline1", "address1line1"]) {
        (AddressPart::Street, &["street", "line"])
    } else if has("extended") || has("addressline2") {
        (AddressPart::Extended, &["extended", "line"])
    } else if has("pobox") {
        (AddressPart::PoBox, &["po", "box"])
    } else if has("city") || has("locality") || has("town") {
        (AddressPart::City, &["city", "locality", "town"])
    } else if has("postalcode") || has("postcode") || has("zip") {
        (
            AddressPart::PostalCode,
            &["postal", "post", "code", "zip", "zipcode", "postcode"],
        )
    } else if has("state") || has("region") || has("province") || has("county") {
        (
            AddressPart::Region,
            &["state", "region", "province", "county"],
        )
    } else {
        return None;
    };
    let mut rest: Vec<&str> = w
        .iter()
        .map(String::as_str)
        .filter(|x| !keywords.contains(x))
        .collect();
    if part == AddressPart::Extended && ends_with_number {
        rest.pop();
    }
    // Google's "Address 1 - Extended Address" belongs to group "address 1".
    if rest.len() > 1 && rest.last() == Some(&"address") {
        rest.pop();
    }
    Some(Column::Address {
        group: rest.join(" "),
        part,
    })
}

fn is_exactly(joined: &str, list: &[&str]) -> bool {
    list.contains(&joined)
}

#[cfg(test)]
mod tests {
    use super::*;

    fn detect(headers: &[&str]) -> Vec<Column> {
        let headers: Vec<String> = headers.iter().map(|s| s.to_string()).collect();
        ColumnMapping::detect(&headers).columns
    }

    fn addr(group: &str, part: AddressPart) -> Column {
        Column::Address {
            group: group.into(),
            part,
        }
    }

    #[test]
    fn outlook_headers() {
        use AddressPart::*;
        let got = detect(&[
            "First Name",
            "Middle Name",
            "Last Name",
            "Title",
            "E-mail Address",
            "E-mail Type",
            "E-mail Display Name",
            "E-mail 2 Address",
            "Mobile Phone",
            "Business Phone",
            "Home Street",
            "Home Street 2",
            "Home City",
            "Home State",
            "Home Postal Code",
            "Home Country/Region",
            "Web Page",
            "Notes",
            "Company",
            "Job Title",
        ]);
        assert_eq!(
            got,
            vec![
                Column::FirstName,
                Column::MiddleName,
                Column::LastName,
                Column::Ignore,
                Column::Email,
                Column::Ignore,
                Column::Ignore,
                Column::Email,
                Column::Phone,
                Column::Phone,
                addr("home", Street),
                addr("home", Extended),
                addr("home", City),
                addr("home", Region),
                addr("home", PostalCode),
                addr("home", Country),
                Column::Url,
                Column::Notes,
                Column::NoteLine {
                    title: "Organization".into()
                },
                Column::NoteLine {
                    title: "Title".into()
                },
            ]
        );
    }

    #[test]
    fn google_headers() {
        use AddressPart::*;
        let got = detect(&[
            "Name",
            "Given Name",
            "Family Name",
            "E-mail 1 - Label",
            "E-mail 1 - Value",
            "Phone 1 - Type",
            "Phone 1 - Value",
            "Address 1 - Formatted",
            "Address 1 - Street",
            "Address 1 - City",
            "Address 1 - PO Box",
            "Address 1 - Region",
            "Address 1 - Postal Code",
            "Address 1 - Country",
            "Address 1 - Extended Address",
            "Website 1 - Value",
            "Organization 1 - Name",
        ]);
        assert_eq!(
            got,
            vec![
                Column::FullName,
                Column::FirstName,
                Column::LastName,
                Column::Ignore,
                Column::Email,
                Column::Ignore,
                Column::Phone,
                Column::Ignore,
                addr("address 1", Street),
                addr("address 1", City),
                addr("address 1", PoBox),
                addr("address 1", Region),
                addr("address 1", PostalCode),
                addr("address 1", Country),
                addr("address 1", Extended),
                Column::Url,
                Column::NoteLine {
                    title: "Organization".into()
                },
            ]
        );
    }

    #[test]
    fn columns_that_describe_another_are_told_apart() {
        for header in [
            "E-mail 1 - Label",
            "Phone 1 - Type",
            "E-mail Display Name",
            "Address 1 - Formatted",
        ] {
            assert!(describes_another(header), "{header}");
        }
        for header in ["E-mail Address", "Display Name", "Company", "Spouse"] {
            assert!(!describes_another(header), "{header}");
        }
    }

    #[test]
    fn overrides_by_header_or_index() {
        let headers: Vec<String> = ["Vorname", "Nachname"]
            .iter()
            .map(|s| s.to_string())
            .collect();
        let mut m = ColumnMapping::detect(&headers);
        assert_eq!(m.columns, vec![Column::Ignore, Column::Ignore]);
        assert!(m.set(ColumnRef::Header("vorname"), &headers, Column::FirstName));
        assert!(m.set(ColumnRef::Index(1), &headers, Column::LastName));
        assert!(!m.set(ColumnRef::Index(2), &headers, Column::Notes));
        assert_eq!(m.columns, vec![Column::FirstName, Column::LastName]);
    }
}
