//! A CSV file's columns as the user sees and sets them: which platform field each header goes
//! to (or none), the caller's choices applied over the detected mapping, and a warning naming
//! the ignored columns that hold data, so nothing is left behind unseen.

use outpost_interop::csv::{describes_another, AddressPart, Column, ColumnRef, CsvContactReader};
use serde::{Deserialize, Serialize};
use ts_rs::TS;

use super::{invalid, ImportProblem};
use crate::error::AppError;

/// A platform field a CSV column can go to.
#[derive(Debug, Clone, Copy, PartialEq, Eq, Serialize, Deserialize, TS)]
#[serde(rename_all = "camelCase")]
pub enum ContactField {
    FirstName,
    MiddleName,
    LastName,
    /// A whole name, split into its parts when no part has a column of its own.
    FullName,
    /// The first email is the contact's; more go to the notes.
    Email,
    Phone,
    Url,
    Notes,
    Street,
    StreetNumber,
    ExtendedAddress,
    PoBox,
    City,
    PostalCode,
    Region,
    Country,
    /// Into the notes as "Header: value".
    NoteLine,
    /// Not imported.
    Ignore,
}

impl ContactField {
    /// Every field, in the order a chooser lists them.
    pub const ALL: [ContactField; 18] = [
        ContactField::FirstName,
        ContactField::MiddleName,
        ContactField::LastName,
        ContactField::FullName,
        ContactField::Email,
        ContactField::Phone,
        ContactField::Url,
        ContactField::Notes,
        ContactField::Street,
        ContactField::StreetNumber,
        ContactField::ExtendedAddress,
        ContactField::PoBox,
        ContactField::City,
        ContactField::PostalCode,
        ContactField::Region,
        ContactField::Country,
        ContactField::NoteLine,
        ContactField::Ignore,
    ];

    /// The name the JSON and the CLI use (`firstName`).
    pub fn name(self) -> String {
        serde_json::to_value(self)
            .ok()
            .and_then(|v| v.as_str().map(str::to_string))
            .unwrap_or_default()
    }

    fn address_part(self) -> Option<AddressPart> {
        Some(match self {
            ContactField::Street => AddressPart::Street,
            ContactField::StreetNumber => AddressPart::StreetNumber,
            ContactField::ExtendedAddress => AddressPart::Extended,
            ContactField::PoBox => AddressPart::PoBox,
            ContactField::City => AddressPart::City,
            ContactField::PostalCode => AddressPart::PostalCode,
            ContactField::Region => AddressPart::Region,
            ContactField::Country => AddressPart::Country,
            _ => return None,
        })
    }

    /// The reader's column for this field. An address part keeps the address group the column
    /// was detected in ("home", "business"), so two addresses do not merge into one; a note
    /// line keeps its title, or takes the header as its title.
    fn column(self, current: &Column, header: &str) -> Column {
        if let Some(part) = self.address_part() {
            let group = match current {
                Column::Address { group, .. } => group.clone(),
                _ => String::new(),
            };
            return Column::Address { group, part };
        }
        match self {
            ContactField::FirstName => Column::FirstName,
            ContactField::MiddleName => Column::MiddleName,
            ContactField::LastName => Column::LastName,
            ContactField::FullName => Column::FullName,
            ContactField::Email => Column::Email,
            ContactField::Phone => Column::Phone,
            ContactField::Url => Column::Url,
            ContactField::Notes => Column::Notes,
            ContactField::NoteLine => Column::NoteLine {
                title: match current {
                    Column::NoteLine { title } => title.clone(),
                    _ => header.to_string(),
                },
            },
            _ => Column::Ignore,
        }
    }

    fn of(column: &Column) -> (ContactField, Option<String>) {
        let part = |p: &AddressPart| match p {
            AddressPart::Street => ContactField::Street,
            AddressPart::StreetNumber => ContactField::StreetNumber,
            AddressPart::Extended => ContactField::ExtendedAddress,
            AddressPart::PoBox => ContactField::PoBox,
            AddressPart::City => ContactField::City,
            AddressPart::PostalCode => ContactField::PostalCode,
            AddressPart::Region => ContactField::Region,
            AddressPart::Country => ContactField::Country,
        };
        match column {
            Column::FirstName => (ContactField::FirstName, None),
            Column::MiddleName => (ContactField::MiddleName, None),
            Column::LastName => (ContactField::LastName, None),
            Column::FullName => (ContactField::FullName, None),
            Column::Email => (ContactField::Email, None),
            Column::Phone => (ContactField::Phone, None),
            Column::Url => (ContactField::Url, None),
            Column::Notes => (ContactField::Notes, None),
            Column::Address { group, part: p } => {
                (part(p), Some(group.clone()).filter(|g| !g.is_empty()))
            }
            Column::NoteLine { title } => (ContactField::NoteLine, Some(title.clone())),
            Column::Ignore => (ContactField::Ignore, None),
        }
    }
}

/// A column named by its header (case-insensitive) or its index (0 is the first).
#[derive(Debug, Clone, PartialEq, Eq, Deserialize, TS)]
#[serde(untagged)]
pub enum ColumnKey {
    Index(u32),
    Header(String),
}

/// One column of a CSV file and the field it goes to.
#[derive(Debug, Clone, PartialEq, Eq, Deserialize, TS)]
#[serde(rename_all = "camelCase", deny_unknown_fields)]
pub struct ColumnChoice {
    pub column: ColumnKey,
    pub field: ContactField,
}

/// A CSV column in the outcome: its header, the field it went (or would go) to, and how many
/// rows hold a value in it.
#[derive(Debug, Clone, PartialEq, Serialize, TS)]
#[serde(rename_all = "camelCase")]
pub struct CsvColumn {
    /// 0 is the first column.
    pub index: u32,
    pub header: String,
    pub field: ContactField,
    /// The address the part belongs to ("home", "business"), or the title a note line gets.
    pub detail: Option<String>,
    /// Rows with a value in this column.
    pub filled_rows: u32,
    /// An ignored column describing another (a label or type column), ignored on purpose.
    pub describes_another: bool,
}

/// Applies the caller's choices over the detected mapping; a column the file does not have is
/// an error naming it and the columns there are.
pub(super) fn apply_choices<R: std::io::Read>(
    reader: &mut CsvContactReader<R>,
    choices: &[ColumnChoice],
) -> Result<(), AppError> {
    for choice in choices {
        let headers = reader.headers().to_vec();
        let index = match &choice.column {
            ColumnKey::Index(i) => Some(*i as usize).filter(|i| *i < headers.len()),
            ColumnKey::Header(h) => headers
                .iter()
                .position(|x| x.trim().eq_ignore_ascii_case(h.trim())),
        };
        let Some(index) = index else {
            let named = match &choice.column {
                ColumnKey::Index(i) => format!("no column {i} (columns are numbered from 0)"),
                ColumnKey::Header(h) => format!("no column \"{h}\""),
            };
            return Err(invalid(format!(
                "the mapping names {named}; the file's columns are: {}",
                quoted_list(&headers)
            ))
            .with_details(serde_json::json!({ "field": "mapping" })));
        };
        let current = reader.mapping().columns[index].clone();
        let target = choice.field.column(&current, &headers[index]);
        reader.set_column(ColumnRef::Index(index), target);
    }
    Ok(())
}

/// The columns as read, each with its field and the rows it filled.
pub(super) fn columns_of<R: std::io::Read>(reader: &CsvContactReader<R>) -> Vec<CsvColumn> {
    reader
        .headers()
        .iter()
        .zip(&reader.mapping().columns)
        .zip(reader.filled_rows())
        .enumerate()
        .map(|(index, ((header, column), filled))| {
            let (field, detail) = ContactField::of(column);
            CsvColumn {
                index: index as u32,
                header: header.clone(),
                field,
                detail,
                filled_rows: u32::try_from(*filled).unwrap_or(u32::MAX),
                describes_another: field == ContactField::Ignore && describes_another(header),
            }
        })
        .collect()
}

/// A warning naming the ignored columns that hold data (those describing another column
/// aside), or none.
pub(super) fn ignored_data_warning(columns: &[CsvColumn]) -> Option<ImportProblem> {
    let left: Vec<String> = columns
        .iter()
        .filter(|c| c.field == ContactField::Ignore && c.filled_rows > 0 && !c.describes_another)
        .map(|c| {
            let rows = if c.filled_rows == 1 { "row" } else { "rows" };
            format!("\"{}\" ({} {rows})", display_header(c), c.filled_rows)
        })
        .collect();
    if left.is_empty() {
        return None;
    }
    let (these, hold) = if left.len() == 1 {
        ("This column is", "holds")
    } else {
        ("These columns are", "hold")
    };
    Some(ImportProblem {
        line: 1,
        field: Some("mapping".into()),
        message: format!(
            "{these} not imported but {hold} data: {}. Map {} to a field (a note line keeps it in the notes) to keep it.",
            left.join(", "),
            if left.len() == 1 { "it" } else { "them" }
        ),
    })
}

/// Warnings for name fields that more than one column goes into: a row keeps the first of
/// them that has a value, so the user should know the others are set aside.
pub(super) fn shared_field_warnings(columns: &[CsvColumn]) -> Vec<ImportProblem> {
    let single = [
        ContactField::FirstName,
        ContactField::MiddleName,
        ContactField::LastName,
        ContactField::FullName,
    ];
    single
        .iter()
        .filter_map(|field| {
            let sharing: Vec<String> = columns
                .iter()
                .filter(|c| c.field == *field)
                .map(|c| format!("\"{}\"", display_header(c)))
                .collect();
            (sharing.len() > 1).then(|| ImportProblem {
                line: 1,
                field: Some("mapping".into()),
                message: format!(
                    "Columns {} all go into {}: a contact has one, so each row keeps the first of them with a value and not the others.",
                    sharing.join(", "),
                    field.name()
                ),
            })
        })
        .collect()
}

fn display_header(c: &CsvColumn) -> String {
    if c.header.is_empty() {
        format!("column {}", c.index + 1)
    } else {
        c.header.clone()
    }
}

fn quoted_list(headers: &[String]) -> String {
    headers
        .iter()
        .enumerate()
        .map(|(i, h)| {
            if h.is_empty() {
                format!("{i}: (no header)")
            } else {
                format!("{i}: \"{h}\"")
            }
        })
        .collect::<Vec<_>>()
        .join(", ")
}

#[cfg(test)]
mod tests {
    use super::*;

    fn reader(text: &'static str) -> CsvContactReader<&'static [u8]> {
        CsvContactReader::new(text.as_bytes(), Default::default()).unwrap()
    }

    #[test]
    fn a_choice_keeps_the_address_group_and_names_the_note_line() {
        let mut r = reader("Home City,Business City,Spouse\nPotsdam,Berlin,Carl\n");
        apply_choices(
            &mut r,
            &[
                ColumnChoice {
                    column: ColumnKey::Header("business city".into()),
                    field: ContactField::Region,
                },
                ColumnChoice {
                    column: ColumnKey::Index(2),
                    field: ContactField::NoteLine,
                },
            ],
        )
        .unwrap();
        let _: Vec<_> = r.by_ref().collect();
        let cols = columns_of(&r);
        assert_eq!(
            (cols[1].field, cols[1].detail.as_deref()),
            (ContactField::Region, Some("business"))
        );
        assert_eq!(
            (cols[2].field, cols[2].detail.as_deref()),
            (ContactField::NoteLine, Some("Spouse"))
        );
        assert_eq!(cols[2].filled_rows, 1);
    }

    #[test]
    fn an_unknown_column_is_named_with_the_columns_there_are() {
        let mut r = reader("Vorname,Nachname\nAnna,Schmidt\n");
        for (column, says) in [
            (ColumnKey::Header("Ort".into()), "no column \"Ort\""),
            (ColumnKey::Index(2), "no column 2"),
        ] {
            let e = apply_choices(
                &mut r,
                &[ColumnChoice {
                    column,
                    field: ContactField::City,
                }],
            )
            .unwrap_err();
            assert!(e.message.contains(says), "{}", e.message);
            assert!(
                e.message.contains("0: \"Vorname\", 1: \"Nachname\""),
                "{}",
                e.message
            );
        }
    }

    #[test]
    fn two_columns_into_one_name_field_are_named() {
        let mut r = reader("Vorname,Rufname,Nachname\nAnna,Anni,Schmidt\n");
        apply_choices(
            &mut r,
            &[
                ColumnChoice {
                    column: ColumnKey::Index(0),
                    field: ContactField::FirstName,
                },
                ColumnChoice {
                    column: ColumnKey::Index(1),
                    field: ContactField::FirstName,
                },
                ColumnChoice {
                    column: ColumnKey::Index(2),
                    field: ContactField::LastName,
                },
            ],
        )
        .unwrap();
        let warnings = shared_field_warnings(&columns_of(&r));
        assert_eq!(warnings.len(), 1);
        assert_eq!(
            warnings[0].message,
            "Columns \"Vorname\", \"Rufname\" all go into firstName: a contact has one, so each row keeps the first of them with a value and not the others."
        );
    }

    #[test]
    fn the_warning_names_ignored_columns_with_data_but_not_label_columns() {
        let mut r = reader(
            "First Name,Spouse,Hobby,E-mail 1 - Label,E-mail 1 - Value\nAnna,Carl,,* Home,a@example.com\nBob,Dana,,,\n",
        );
        let _: Vec<_> = r.by_ref().collect();
        let warning = ignored_data_warning(&columns_of(&r)).unwrap();
        assert_eq!(
            warning.message,
            "This column is not imported but holds data: \"Spouse\" (2 rows). Map it to a field (a note line keeps it in the notes) to keep it."
        );
        let mut r = reader("First Name,Hobby\nAnna,\n");
        let _: Vec<_> = r.by_ref().collect();
        assert_eq!(ignored_data_warning(&columns_of(&r)), None);
    }
}
