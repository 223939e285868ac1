//! What an import tells its caller: one result per item (a contact, an event) and the problems
//! of the file that belong to no item, every problem with the line it is on, so a preview can
//! point at the exact place in the user's file.

use std::collections::BTreeMap;

use serde::Serialize;

/// One thing wrong (or worth knowing) about the input, at a line of the file.
#[derive(Debug, Clone, PartialEq, Eq, Serialize)]
#[serde(rename_all = "camelCase")]
pub struct Problem {
    /// 1-based physical line number in the input (for CSV: the line where the row starts).
    pub line: usize,
    /// The platform field concerned (`email`, `startsAt`, `byWeekday`...), when there is one.
    pub field: Option<String>,
    pub message: String,
}

impl Problem {
    pub fn new(line: usize, message: impl Into<String>) -> Problem {
        Problem {
            line,
            field: None,
            message: message.into(),
        }
    }

    pub fn field(line: usize, field: &str, message: impl Into<String>) -> Problem {
        Problem {
            line,
            field: Some(field.to_string()),
            message: message.into(),
        }
    }
}

impl std::fmt::Display for Problem {
    fn fmt(&self, f: &mut std::fmt::Formatter<'_>) -> std::fmt::Result {
        match &self.field {
            Some(field) => write!(f, "line {}: {field}: {}", self.line, self.message),
            None => write!(f, "line {}: {}", self.line, self.message),
        }
    }
}

/// The result for one item of the file.
#[derive(Debug, Clone, PartialEq, Serialize)]
#[serde(rename_all = "camelCase")]
pub struct Item<T> {
    /// Line where the item starts (`BEGIN:VCARD`, `BEGIN:VEVENT`, the CSV row).
    pub line: usize,
    /// A human name for the item in a preview: the contact's name, the event's title.
    pub label: String,
    /// The record ready to send, or everything that stops it from being imported. An item
    /// with errors is never partly imported: the caller shows the problems and skips it.
    pub outcome: Result<T, Vec<Problem>>,
    /// Things that did not stop the import but changed or dropped something the user may miss
    /// (a second e-mail moved to the notes, a photo left out, a time zone guessed).
    pub warnings: Vec<Problem>,
    /// The line each field of the record came from, by the platform's field name (`email`,
    /// `phone`, `url`, `address`, `notes`, `firstName`...): a vCard's property line (where a
    /// folded line starts), a CSV's row line. A field fed by several lines (the notes) has
    /// the line of its first value. So a check of the finished record (the platform's rules)
    /// can point at the value it refuses, not at the item's start; see [`Item::line_of`].
    /// Empty for events.
    #[serde(skip_serializing_if = "BTreeMap::is_empty")]
    pub field_lines: BTreeMap<String, usize>,
}

impl<T> Item<T> {
    pub fn is_ok(&self) -> bool {
        self.outcome.is_ok()
    }

    /// The line of a field of the record, named as the platform names it (`email`, or a part
    /// of one such as `address.city` or `byWeekday[1]`, which is on its field's line); the
    /// item's line when the field's own line is not known.
    pub fn line_of(&self, field: &str) -> usize {
        let key = field.split(['.', '[']).next().unwrap_or(field);
        self.field_lines.get(key).copied().unwrap_or(self.line)
    }

    /// Builds the outcome from the record and the errors found while mapping it: any error
    /// makes the item fail.
    pub(crate) fn from_parts(
        line: usize,
        label: String,
        record: T,
        errors: Vec<Problem>,
        warnings: Vec<Problem>,
    ) -> Item<T> {
        Item {
            line,
            label,
            outcome: if errors.is_empty() {
                Ok(record)
            } else {
                Err(errors)
            },
            warnings,
            field_lines: BTreeMap::new(),
        }
    }
}

/// Counts for a summary line ("12 contacts, 11 ready, 1 with errors, 3 with warnings").
#[derive(Debug, Clone, Copy, PartialEq, Eq, Default, Serialize)]
#[serde(rename_all = "camelCase")]
pub struct ImportCounts {
    pub items: usize,
    pub ok: usize,
    pub failed: usize,
    pub with_warnings: usize,
    /// Problems of the file that belong to no item.
    pub file_problems: usize,
}

/// The whole-file result of an import.
#[derive(Debug, Clone, PartialEq, Serialize)]
#[serde(rename_all = "camelCase")]
pub struct ImportReport<T> {
    pub items: Vec<Item<T>>,
    /// Problems outside any item: stray lines between items, a missing final `END`, an I/O
    /// error that ended the reading early.
    pub file_problems: Vec<Problem>,
}

impl<T> Default for ImportReport<T> {
    fn default() -> Self {
        ImportReport {
            items: Vec::new(),
            file_problems: Vec::new(),
        }
    }
}

impl<T> ImportReport<T> {
    pub fn counts(&self) -> ImportCounts {
        ImportCounts {
            items: self.items.len(),
            ok: self.items.iter().filter(|i| i.is_ok()).count(),
            failed: self.items.iter().filter(|i| !i.is_ok()).count(),
            with_warnings: self.items.iter().filter(|i| !i.warnings.is_empty()).count(),
            file_problems: self.file_problems.len(),
        }
    }

    /// The records that can be imported, in file order.
    pub fn records(&self) -> impl Iterator<Item = &T> {
        self.items.iter().filter_map(|i| i.outcome.as_ref().ok())
    }

    /// True when nothing at all was wrong or changed.
    pub fn is_clean(&self) -> bool {
        self.file_problems.is_empty()
            && self
                .items
                .iter()
                .all(|i| i.is_ok() && i.warnings.is_empty())
    }
}

impl<T> FromIterator<Item<T>> for ImportReport<T> {
    fn from_iter<I: IntoIterator<Item = Item<T>>>(iter: I) -> Self {
        ImportReport {
            items: iter.into_iter().collect(),
            file_problems: Vec::new(),
        }
    }
}
