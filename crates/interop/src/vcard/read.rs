//! Streaming: one `VCARD` at a time out of a `BufRead`.

use std::io::BufRead;

use crate::component::{ComponentReader, Event};
use crate::content_line::Dialect;
use crate::report::{ImportReport, Item, Problem};
use crate::Fields;

/// Reads contacts one by one; memory holds one card. Iterate it for a streaming preview, then
/// call [`VCardReader::take_file_problems`] for the problems outside any card.
///
/// ```
/// let file = "BEGIN:VCARD\nVERSION:4.0\nFN:Anna Müller\nEND:VCARD\n";
/// let mut reader = outpost_interop::vcard::VCardReader::new(file.as_bytes());
/// let item = reader.next().unwrap();
/// assert_eq!(item.outcome.unwrap()["firstName"], "Anna");
/// assert!(reader.take_file_problems().is_empty());
/// ```
pub struct VCardReader<R> {
    components: ComponentReader<R>,
    skipped: Vec<Problem>,
    /// Skipped components past [`MAX_SKIPPED_LISTED`], only counted.
    skipped_unlisted: usize,
}

/// Skipped non-vCard components listed before the rest are only counted, so a file of
/// millions of them yields a short report.
const MAX_SKIPPED_LISTED: usize = 200;

impl<R: BufRead> VCardReader<R> {
    pub fn new(reader: R) -> Self {
        VCardReader {
            components: ComponentReader::new(reader, Dialect::VCard, None, &["VCARD"]),
            skipped: Vec::new(),
            skipped_unlisted: 0,
        }
    }

    /// Problems outside any card (stray lines, unmatched `END`); complete once the iteration
    /// has ended.
    pub fn take_file_problems(&mut self) -> Vec<Problem> {
        let mut problems = std::mem::take(&mut self.skipped);
        if self.skipped_unlisted > 0 {
            let line = problems.last().map_or(0, |p| p.line);
            problems.push(Problem::new(
                line,
                format!(
                    "{} more components that are not vCards were skipped (not listed)",
                    std::mem::take(&mut self.skipped_unlisted)
                ),
            ));
        }
        problems.extend(self.components.take_file_problems());
        problems.sort_by_key(|p| p.line);
        problems
    }
}

impl<R: BufRead> Iterator for VCardReader<R> {
    type Item = Item<Fields>;

    fn next(&mut self) -> Option<Item<Fields>> {
        loop {
            match self.components.next()? {
                Event::Item(card) => return Some(super::map::card_to_contact(card)),
                Event::Skipped { .. } if self.skipped.len() >= MAX_SKIPPED_LISTED => {
                    self.skipped_unlisted += 1
                }
                Event::Skipped { name, line } => self.skipped.push(Problem::new(
                    line,
                    format!("BEGIN:{name} is not a vCard; skipped"),
                )),
                // There is no container in vCard, so these do not occur.
                Event::ContainerProperty(_) | Event::ContainerEnd => {}
            }
        }
    }
}

/// Reads a whole .vcf stream into an import report (one item per `BEGIN:VCARD`).
pub fn import<R: BufRead>(reader: R) -> ImportReport<Fields> {
    let mut cards = VCardReader::new(reader);
    let items: Vec<_> = cards.by_ref().collect();
    ImportReport {
        items,
        file_problems: cards.take_file_problems(),
    }
}
