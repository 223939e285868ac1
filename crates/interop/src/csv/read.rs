//! Streaming CSV rows to contacts.

use std::io::{self, BufRead, Read};

use encoding_rs::Encoding;
use serde::Serialize;

use super::columns::{column_pref, AddressPart, Column, ColumnMapping, ColumnRef};
use crate::contact::{Address, Candidate, ContactBuilder};
use crate::report::{ImportReport, Item, Problem};
use crate::Fields;

/// The longest row kept in memory. A longer one (in practice: an unclosed quote that swallows
/// the rest of the file) stops the reading with a report instead of filling the memory.
pub const MAX_ROW_BYTES: usize = 1 << 20;

#[derive(Debug, Clone, Default)]
pub struct CsvOptions {
    /// The column mapping; `None` detects it from the header row.
    pub mapping: Option<ColumnMapping>,
    /// `b','`, `b';'` or `b'\t'`; `None` picks the one the header row uses most.
    pub delimiter: Option<u8>,
    /// How to read a field that is not UTF-8 (Outlook on Windows writes windows-1252): with
    /// `Some`, such fields are decoded with it and each such row gets a warning; with `None`
    /// they are decoded lossily (U+FFFD), also with a warning.
    pub fallback_encoding: Option<&'static Encoding>,
}

#[derive(Debug, thiserror::Error)]
pub enum CsvError {
    #[error("the file is empty (a header row is required)")]
    Empty,
    #[error("the file is UTF-16; save it as UTF-8 CSV and import it again")]
    Utf16,
    #[error("the header row {0}")]
    BadHeader(String),
    #[error("reading failed: {0}")]
    Io(#[from] io::Error),
}

/// A whole-file CSV import: the headers, the mapping used, and the report.
#[derive(Debug, Clone, Serialize)]
#[serde(rename_all = "camelCase")]
pub struct CsvImport {
    pub headers: Vec<String>,
    pub mapping: ColumnMapping,
    pub report: ImportReport<Fields>,
}

/// The header line read ahead, then the rest of the input.
type Source<R> = io::Chain<io::Cursor<Vec<u8>>, R>;

/// Reads contacts one row at a time.
pub struct CsvContactReader<R: Read> {
    headers: Vec<String>,
    mapping: ColumnMapping,
    fallback: Option<&'static Encoding>,
    rows: ::csv::Reader<RowGuard<Source<R>>>,
    record: ::csv::ByteRecord,
    /// Per column, the rows read so far in which it holds a value: an ignored column that
    /// holds data is worth telling the user about.
    filled: Vec<u64>,
    file_problems: Vec<Problem>,
    done: bool,
}

impl<R: BufRead> CsvContactReader<R> {
    /// Reads the header row and settles the mapping; the rows follow through the iterator.
    pub fn new(mut reader: R, options: CsvOptions) -> Result<CsvContactReader<R>, CsvError> {
        let mut first = Vec::new();
        (&mut reader)
            .take(MAX_ROW_BYTES as u64)
            .read_until(b'\n', &mut first)?;
        if first.starts_with(&[0xFF, 0xFE]) || first.starts_with(&[0xFE, 0xFF]) {
            return Err(CsvError::Utf16);
        }
        if first.starts_with(b"\xEF\xBB\xBF") {
            first.drain(..3);
        }
        if first.iter().all(u8::is_ascii_whitespace) {
            return Err(CsvError::Empty);
        }
        if !first.ends_with(b"\n") && first.len() >= MAX_ROW_BYTES {
            return Err(CsvError::BadHeader(format!(
                "is longer than {MAX_ROW_BYTES} bytes"
            )));
        }
        let delimiter = options.delimiter.unwrap_or_else(|| guess_delimiter(&first));
        let source = RowGuard::new(io::Cursor::new(first).chain(reader));
        let mut rows = ::csv::ReaderBuilder::new()
            .delimiter(delimiter)
            .flexible(true)
            .has_headers(true)
            .from_reader(source);
        let header_record = rows
            .byte_headers()
            .map_err(|e| CsvError::BadHeader(e.to_string()))?;
        let headers: Vec<String> = header_record
            .iter()
            .map(|h| {
                decode_field(h, options.fallback_encoding)
                    .0
                    .trim()
                    .to_string()
            })
            .collect();
        let mapping = match options.mapping {
            Some(m) if m.columns.len() != headers.len() => {
                return Err(CsvError::BadHeader(format!(
                    "has {} columns but the mapping given has {}",
                    headers.len(),
                    m.columns.len()
                )))
            }
            Some(m) => m,
            None => ColumnMapping::detect(&headers),
        };
        Ok(CsvContactReader {
            filled: vec![0; headers.len()],
            headers,
            mapping,
            fallback: options.fallback_encoding,
            rows,
            record: ::csv::ByteRecord::new(),
            file_problems: Vec::new(),
            done: false,
        })
    }
}

impl<R: Read> CsvContactReader<R> {
    pub fn headers(&self) -> &[String] {
        &self.headers
    }

    pub fn mapping(&self) -> &ColumnMapping {
        &self.mapping
    }

    /// Maps one column (by header, case-insensitive, or 0-based index) to `target` before the
    /// rows are read; false when the file has no such column.
    pub fn set_column(&mut self, column: ColumnRef<'_>, target: Column) -> bool {
        self.mapping.set(column, &self.headers, target)
    }

    /// Per column (in header order), the rows read so far in which it holds a value.
    pub fn filled_rows(&self) -> &[u64] {
        &self.filled
    }

    /// Problems that belong to no row (a read that stopped early).
    pub fn take_file_problems(&mut self) -> Vec<Problem> {
        std::mem::take(&mut self.file_problems)
    }

    fn row_to_contact(&mut self, line: usize) -> Item<Fields> {
        let mut b = ContactBuilder::default();
        let mut lossy = false;
        let mut addresses: Vec<Address> = Vec::new();
        let mut extra_values = false;
        for (i, raw) in self.record.iter().enumerate() {
            let (value, was_lossy) = decode_field(raw, self.fallback);
            let value = value.trim().to_string();
            // Outlook writes "0/0/00" for an empty date.
            if value.is_empty() || value == "0/0/00" {
                continue;
            }
            lossy |= was_lossy;
            if let Some(n) = self.filled.get_mut(i) {
                *n += 1;
            }
            let Some(column) = self.mapping.columns.get(i) else {
                extra_values = true;
                continue;
            };
            let header = self.headers.get(i).cloned().unwrap_or_default();
            let candidate = |value: String| Candidate {
                value,
                label: Some(header.clone()),
                pref: column_pref(&header),
                line,
            };
            match column {
                Column::FirstName => set_once(&mut b.first, value, line),
                Column::MiddleName => set_once(&mut b.middle, value, line),
                Column::LastName => set_once(&mut b.last, value, line),
                Column::FullName => set_once(&mut b.full_name, value, line),
                Column::Email => b.emails.push(candidate(value)),
                Column::Phone => b.phones.push(candidate(value)),
                Column::Url => b.urls.push(candidate(value)),
                Column::Notes => b.notes.push((value, line)),
                Column::NoteLine { title } => {
                    b.extra_notes.push((format!("{title}: {value}"), line))
                }
                Column::Address { group, part } => {
                    let index = match addresses
                        .iter()
                        .position(|a| a.label.as_deref() == Some(group.as_str()))
                    {
                        Some(i) => i,
                        None => {
                            addresses.push(Address {
                                label: Some(group.clone()),
                                pref: addresses.len() as u32,
                                line,
                                ..Default::default()
                            });
                            addresses.len() - 1
                        }
                    };
                    let a = &mut addresses[index];
                    let slot = match part {
                        AddressPart::Street => &mut a.street,
                        AddressPart::StreetNumber => {
                            // Kept apart from the street so "Main St" + "5" is one street.
                            a.street = format!("{} {value}", a.street.trim()).trim().to_string();
                            continue;
                        }
                        AddressPart::Extended => &mut a.extended,
                        AddressPart::PoBox => &mut a.po_box,
                        AddressPart::City => &mut a.city,
                        AddressPart::PostalCode => &mut a.postal_code,
                        AddressPart::Region => &mut a.region,
                        AddressPart::Country => &mut a.country,
                    };
                    if slot.is_empty() {
                        *slot = value;
                    } else {
                        *slot = format!("{slot} {value}");
                    }
                }
                Column::Ignore => {}
            }
        }
        for a in &mut addresses {
            if a.label.as_deref() == Some("") {
                a.label = None;
            }
        }
        b.addresses = addresses;
        if lossy {
            b.warnings.push(Problem::new(
                line,
                match self.fallback {
                    Some(e) => format!("the row is not UTF-8; read as {}", e.name()),
                    None => "the row is not valid UTF-8; unreadable characters were replaced by \u{FFFD}".to_string(),
                },
            ));
        }
        if extra_values {
            b.warnings.push(Problem::new(
                line,
                format!("the row has more values than the header's {} columns; the extra ones were ignored", self.headers.len()),
            ));
        }
        b.finish(line)
    }
}

fn set_once(slot: &mut Option<(String, usize)>, value: String, line: usize) {
    if slot.is_none() {
        *slot = Some((value, line));
    }
}

impl<R: Read> Iterator for CsvContactReader<R> {
    type Item = Item<Fields>;

    fn next(&mut self) -> Option<Item<Fields>> {
        loop {
            if self.done {
                return None;
            }
            match self.rows.read_byte_record(&mut self.record) {
                Ok(false) => {
                    self.done = true;
                    return None;
                }
                Ok(true) => {
                    if self
                        .record
                        .iter()
                        .all(|f| f.iter().all(u8::is_ascii_whitespace))
                    {
                        continue;
                    }
                    let start = self.record.position().map(|p| p.byte()).unwrap_or_default();
                    let line = self.rows.get_mut().line_of(start);
                    return Some(self.row_to_contact(line));
                }
                Err(e) => {
                    self.done = true;
                    let line = e
                        .position()
                        .map(|p| p.line() as usize)
                        .unwrap_or_else(|| self.rows.position().line() as usize);
                    let message = match e.kind() {
                        ::csv::ErrorKind::Io(io) => format!("reading stopped: {io}"),
                        _ => format!("reading stopped: {e}"),
                    };
                    self.file_problems.push(Problem::new(line, message));
                    return None;
                }
            }
        }
    }
}

/// Reads a whole CSV file: headers, mapping (detected unless given) and the report.
pub fn import<R: BufRead>(reader: R, options: CsvOptions) -> Result<CsvImport, CsvError> {
    let mut rows = CsvContactReader::new(reader, options)?;
    let items: Vec<_> = rows.by_ref().collect();
    Ok(CsvImport {
        headers: rows.headers.clone(),
        mapping: rows.mapping.clone(),
        report: ImportReport {
            items,
            file_problems: rows.take_file_problems(),
        },
    })
}

fn decode_field(raw: &[u8], fallback: Option<&'static Encoding>) -> (String, bool) {
    match std::str::from_utf8(raw) {
        Ok(s) => (s.to_string(), false),
        Err(_) => match fallback {
            Some(e) => (e.decode_without_bom_handling(raw).0.into_owned(), true),
            None => (String::from_utf8_lossy(raw).into_owned(), true),
        },
    }
}

/// The delimiter the header row uses most outside quotes (`,` when none).
fn guess_delimiter(header: &[u8]) -> u8 {
    let mut counts = [0usize; 3];
    let mut in_quotes = false;
    for b in header {
        match b {
            b'"' => in_quotes = !in_quotes,
            b',' if !in_quotes => counts[0] += 1,
            b';' if !in_quotes => counts[1] += 1,
            b'\t' if !in_quotes => counts[2] += 1,
            _ => {}
        }
    }
    let best = (0..3).max_by_key(|i| (counts[*i], 3 - i)).unwrap_or(0);
    [b',', b';', b'\t'][best]
}

/// Passes bytes through and fails the read when one row (a line outside quotes) grows past
/// [`MAX_ROW_BYTES`]: the csv crate buffers a whole record, so this is what bounds memory.
/// It also notes where lines start, because the csv crate's record positions point at the
/// line break before a record after a CRLF or a blank line.
struct RowGuard<R> {
    inner: R,
    in_quotes: bool,
    row_bytes: usize,
    offset: u64,
    line: usize,
    at_line_start: bool,
    /// (offset, line) of the first byte of each non-blank line not yet behind a record start;
    /// only the csv crate's read-ahead, so it stays small.
    line_starts: std::collections::VecDeque<(u64, usize)>,
}

impl<R> RowGuard<R> {
    fn new(inner: R) -> Self {
        RowGuard {
            inner,
            in_quotes: false,
            row_bytes: 0,
            offset: 0,
            line: 1,
            at_line_start: true,
            line_starts: Default::default(),
        }
    }

    /// The 1-based line of a record the csv crate says starts at byte `start`: the first line
    /// with content at or after it. Records are asked in order.
    fn line_of(&mut self, start: u64) -> usize {
        while self.line_starts.front().is_some_and(|(o, _)| *o < start) {
            self.line_starts.pop_front();
        }
        self.line_starts
            .front()
            .map(|(_, l)| *l)
            .unwrap_or(self.line)
    }
}

impl<R: Read> Read for RowGuard<R> {
    fn read(&mut self, buf: &mut [u8]) -> io::Result<usize> {
        let n = self.inner.read(buf)?;
        for b in &buf[..n] {
            if *b == b'\n' {
                self.line += 1;
                self.at_line_start = true;
            } else if *b != b'\r' && self.at_line_start {
                self.line_starts.push_back((self.offset, self.line));
                self.at_line_start = false;
            }
            self.offset += 1;
            match b {
                b'"' => self.in_quotes = !self.in_quotes,
                b'\n' if !self.in_quotes => {
                    self.row_bytes = 0;
                    continue;
                }
                _ => {}
            }
            self.row_bytes += 1;
            if self.row_bytes > MAX_ROW_BYTES {
                return Err(io::Error::new(
                    io::ErrorKind::InvalidData,
                    format!("a row is longer than {MAX_ROW_BYTES} bytes (an unclosed quote?)"),
                ));
            }
        }
        Ok(n)
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    fn run(text: &[u8], options: CsvOptions) -> CsvImport {
        import(text, options).unwrap()
    }

    #[test]
    fn bom_quotes_newlines_and_line_numbers() {
        let text = "\u{feff}First Name,Last Name,E-mail Address,Notes\r\nAnna,Müller,anna@example.com,\"multi\r\nline, with comma\"\r\nBob,Stone,not-an-email,\r\n\r\n\"Cara\",\"O\"\"Neil\",cara@example.com,\r\n";
        let import = run(text.as_bytes(), CsvOptions::default());
        let r = &import.report;
        assert_eq!(import.headers[0], "First Name");
        assert_eq!(r.items.len(), 3);
        let anna = r.items[0].outcome.as_ref().unwrap();
        assert_eq!(anna["notes"], "multi\nline, with comma");
        assert_eq!(r.items[0].line, 2);
        let bob = r.items[1].outcome.as_ref().unwrap_err();
        assert_eq!((bob[0].line, bob[0].field.as_deref()), (4, Some("email")));
        assert_eq!(r.items[2].line, 6);
        assert_eq!(r.items[2].outcome.as_ref().unwrap()["lastName"], "O\"Neil");
    }

    #[test]
    fn semicolons_windows_1252_and_a_caller_mapping() {
        let text = b"Vorname;Nachname;Stadt\nJ\xfcrgen;M\xfcller;K\xf6ln\n";
        let headers: Vec<String> = ["Vorname", "Nachname", "Stadt"]
            .iter()
            .map(|s| s.to_string())
            .collect();
        let mut mapping = ColumnMapping::detect(&headers);
        mapping.columns = vec![
            Column::FirstName,
            Column::LastName,
            Column::Address {
                group: String::new(),
                part: AddressPart::City,
            },
        ];
        let import = run(
            text,
            CsvOptions {
                mapping: Some(mapping),
                fallback_encoding: Some(encoding_rs::WINDOWS_1252),
                ..Default::default()
            },
        );
        let item = &import.report.items[0];
        let c = item.outcome.as_ref().unwrap();
        assert_eq!(c["firstName"], "Jürgen");
        assert_eq!(c["address"]["city"], "Köln");
        assert!(item.warnings[0].message.contains("windows-1252"));
        // Without a fallback the same row is decoded lossily, with a warning.
        let import = run(
            text,
            CsvOptions {
                delimiter: Some(b';'),
                ..Default::default()
            },
        );
        assert!(import.report.items.iter().all(|i| i
            .warnings
            .iter()
            .any(|w| w.message.contains("U+FFFD") || w.message.contains('\u{FFFD}'))));
    }

    #[test]
    fn outlook_row_with_two_addresses_and_phones() {
        let text = "First Name,Last Name,Business Phone,Mobile Phone,Business Street,Business City,Home Street,Home City,Company\nAnna,Müller,+49 30 1,+49 151 2,Hauptstraße 5,Berlin,Gartenweg 2,Potsdam,ACME\n";
        let import = run(text.as_bytes(), CsvOptions::default());
        let item = &import.report.items[0];
        let c = item.outcome.as_ref().unwrap();
        assert_eq!(c["phone"], "+49 151 2");
        assert_eq!(c["address"]["street"], "Hauptstraße");
        assert_eq!(c["address"]["street_number"], "5");
        assert_eq!(
            c["notes"],
            "Phone (Business Phone): +49 30 1\nAddress (home): Gartenweg 2, Potsdam\nOrganization: ACME"
        );
        assert_eq!(item.warnings.len(), 2);
    }

    #[test]
    fn an_unclosed_quote_stops_with_a_report_not_a_huge_buffer() {
        let mut text = b"First Name,Notes\nAnna,ok\nBob,\"never closed ".to_vec();
        text.extend(std::iter::repeat_n(b'x', MAX_ROW_BYTES + 10));
        let import = run(&text, CsvOptions::default());
        assert_eq!(import.report.items.len(), 1);
        assert!(import.report.file_problems[0]
            .message
            .contains("longer than"));
    }

    #[test]
    fn a_column_set_after_the_header_and_the_rows_each_column_fills() {
        let text = "Vorname,Nachname,Spouse\nJürgen,Müller,\nAnna,Schmidt,Carl\n";
        let mut reader = CsvContactReader::new(text.as_bytes(), CsvOptions::default()).unwrap();
        assert!(reader.set_column(ColumnRef::Header("VORNAME"), Column::FirstName));
        assert!(reader.set_column(ColumnRef::Index(1), Column::LastName));
        assert!(!reader.set_column(ColumnRef::Header("Ort"), Column::Notes));
        let items: Vec<_> = reader.by_ref().collect();
        let first = items[0].outcome.as_ref().unwrap();
        assert_eq!(
            (&first["firstName"], &first["lastName"]),
            (&"Jürgen".into(), &"Müller".into())
        );
        assert_eq!(reader.filled_rows(), [2, 2, 1]);
    }

    /// A row's values are all on the row's line (the line it starts on when a quoted value
    /// spans lines), with the same API as a vCard's per-property lines.
    #[test]
    fn every_field_of_a_row_is_on_the_row_line() {
        let text = "First Name,Last Name,E-mail Address,Web Page,Notes,Home City\nAnna,Müller,a..b@example.com,http://a<b,\"two\nlines\",Berlin\n\nBob,Stone,,,,\n";
        let import = run(text.as_bytes(), CsvOptions::default());
        let items = &import.report.items;
        let fields = |i: usize| -> Vec<(&str, usize)> {
            items[i]
                .field_lines
                .iter()
                .map(|(k, l)| (k.as_str(), *l))
                .collect()
        };
        assert_eq!(
            fields(0),
            vec![
                ("address", 2),
                ("email", 2),
                ("firstName", 2),
                ("lastName", 2),
                ("notes", 2),
                ("url", 2),
            ]
        );
        assert_eq!(items[0].line_of("url"), 2);
        assert_eq!(fields(1), vec![("firstName", 5), ("lastName", 5)]);
        assert_eq!(items[1].line_of("email"), 5);
    }

    #[test]
    fn empty_and_utf16_files_are_refused() {
        assert!(matches!(
            import(&b""[..], CsvOptions::default()),
            Err(CsvError::Empty)
        ));
        assert!(matches!(
            import(&b"\xff\xfeF\x00"[..], CsvOptions::default()),
            Err(CsvError::Utf16)
        ));
    }
}
