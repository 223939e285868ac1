//! Content lines (RFC 5545 §3.1, RFC 6350 §3.2): unfolding, then `NAME;PARAM=VALUE:value`
//! splitting, with line numbers kept so every error can say where it is.
//!
//! The reader streams from a `BufRead` one physical line at a time and never holds more than
//! one content line, so a 100 MB file costs no more memory than its longest line. That line is
//! capped too ([`MAX_CONTENT_LINE_BYTES`]): a longer one is skipped and reported, never
//! buffered without bound.

use std::io::{self, BufRead};

use crate::utf16::Utf8Input;

/// The longest content line (after unfolding) the reader keeps. Real calendars and address
/// books stay far below this except for inline photos and attachments, which are reported and
/// skipped.
pub const MAX_CONTENT_LINE_BYTES: usize = 1 << 20;

/// Which format's line grammar to accept. vCard 2.1 allows parameters without a name
/// (`TEL;CELL;PREF:...`, read as `TYPE=CELL`) and quoted-printable soft line breaks; iCalendar
/// allows neither.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub enum Dialect {
    ICalendar,
    VCard,
}

/// One unfolded content line.
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct ContentLine {
    /// 1-based number of the physical line where this content line starts.
    pub line: usize,
    /// Upper-cased property name, e.g. `DTSTART`. A vCard group prefix (`item1.EMAIL`) is
    /// removed and kept in `group`.
    pub name: String,
    /// vCard group (`item1` in `item1.EMAIL`), if any.
    pub group: Option<String>,
    /// Parameters in order, names upper-cased, quotes removed, RFC 6868 `^` escapes decoded.
    pub params: Vec<(String, String)>,
    /// The raw value, escapes left as they are (their meaning depends on the property).
    pub value: String,
    /// Set when the line was not valid in its declared (or the default UTF-8) encoding and
    /// undecodable bytes were replaced by U+FFFD; the caller must report it.
    pub lossy: bool,
}

impl ContentLine {
    /// The first value of a parameter, case-insensitively.
    pub fn param(&self, name: &str) -> Option<&str> {
        self.params
            .iter()
            .find(|(n, _)| n.eq_ignore_ascii_case(name))
            .map(|(_, v)| v.as_str())
    }

    /// Every comma-separated value of every occurrence of a parameter, upper-cased:
    /// `TYPE=work,voice;TYPE=pref` gives `WORK, VOICE, PREF`.
    pub fn param_values(&self, name: &str) -> Vec<String> {
        self.params
            .iter()
            .filter(|(n, _)| n.eq_ignore_ascii_case(name))
            .flat_map(|(_, v)| v.split(','))
            .map(|v| v.trim().to_ascii_uppercase())
            .filter(|v| !v.is_empty())
            .collect()
    }
}

#[derive(Debug, Clone, PartialEq, Eq, thiserror::Error)]
#[error("line {line}: {reason}")]
pub struct LineError {
    pub line: usize,
    /// The property name when it could still be read (an oversized `PHOTO` line, say), so the
    /// caller can judge whether losing the line matters.
    pub property: Option<String>,
    pub reason: String,
}

/// A physical line as read: its bytes without the line ending, and whether it was cut.
struct Physical {
    line: usize,
    bytes: Vec<u8>,
    overflow: bool,
}

/// Streams content lines out of a `BufRead`.
pub struct ContentLineReader<R> {
    /// The file, UTF-16 transcoded to UTF-8 as it is read.
    reader: Utf8Input<R>,
    dialect: Dialect,
    max_bytes: usize,
    physical_count: usize,
    lookahead: Option<Physical>,
    finished: bool,
}

impl<R: BufRead> ContentLineReader<R> {
    pub fn new(reader: R, dialect: Dialect) -> Self {
        Self::with_limit(reader, dialect, MAX_CONTENT_LINE_BYTES)
    }

    /// A reader with another cap on the content-line length (tests use a small one).
    pub fn with_limit(reader: R, dialect: Dialect, max_bytes: usize) -> Self {
        ContentLineReader {
            reader: Utf8Input::new(reader),
            dialect,
            max_bytes,
            physical_count: 0,
            lookahead: None,
            finished: false,
        }
    }

    /// Number of physical lines read so far (the last line of the file once exhausted).
    pub fn lines_read(&self) -> usize {
        self.physical_count
    }

    /// Reads one physical line, keeping at most `max_bytes + 1` bytes of it (enough to know it
    /// was too long) while still consuming the whole line.
    fn read_physical(&mut self) -> io::Result<Option<Physical>> {
        let mut bytes = Vec::new();
        let mut overflow = false;
        let mut seen_any = false;
        loop {
            let available = match self.reader.fill_buf() {
                Ok(buf) => buf,
                Err(e) if e.kind() == io::ErrorKind::Interrupted => continue,
                Err(e) => return Err(e),
            };
            if available.is_empty() {
                break;
            }
            seen_any = true;
            let (chunk, used, done) = match available.iter().position(|b| *b == b'\n') {
                Some(i) => (&available[..i], i + 1, true),
                None => (available, available.len(), false),
            };
            let room = (self.max_bytes + 1).saturating_sub(bytes.len());
            if chunk.len() > room {
                overflow = true;
            }
            bytes.extend_from_slice(&chunk[..chunk.len().min(room)]);
            self.reader.consume(used);
            if done {
                break;
            }
        }
        if !seen_any {
            return Ok(None);
        }
        self.physical_count += 1;
        if bytes.last() == Some(&b'\r') {
            bytes.pop();
        }
        if self.physical_count == 1 && bytes.starts_with(b"\xEF\xBB\xBF") {
            bytes.drain(..3);
        }
        Ok(Some(Physical {
            line: self.physical_count,
            bytes,
            overflow,
        }))
    }

    fn next_physical(&mut self) -> io::Result<Option<Physical>> {
        match self.lookahead.take() {
            Some(p) => Ok(Some(p)),
            None => self.read_physical(),
        }
    }

    fn io_error(&mut self, e: io::Error) -> LineError {
        self.finished = true;
        LineError {
            line: self.physical_count + 1,
            property: None,
            reason: format!("reading stopped: {e}"),
        }
    }
}

fn is_blank(bytes: &[u8]) -> bool {
    bytes.iter().all(|b| b.is_ascii_whitespace())
}

/// A vCard 2.1/3.0 quoted-printable value whose physical line ends in `=` continues on the next
/// physical line, without the leading space of ordinary folding.
fn is_quoted_printable_head(bytes: &[u8]) -> bool {
    let head_end = bytes.iter().position(|b| *b == b':').unwrap_or(bytes.len());
    bytes[..head_end]
        .to_ascii_uppercase()
        .windows(16)
        .any(|w| w == b"QUOTED-PRINTABLE")
}

impl<R: BufRead> Iterator for ContentLineReader<R> {
    type Item = Result<ContentLine, LineError>;

    fn next(&mut self) -> Option<Self::Item> {
        if self.finished {
            return None;
        }
        // Find the start of the next logical line.
        let start = loop {
            match self.next_physical() {
                Err(e) => return Some(Err(self.io_error(e))),
                Ok(None) => {
                    self.finished = true;
                    return None;
                }
                Ok(Some(p)) if is_blank(&p.bytes) && !p.overflow => continue,
                Ok(Some(p)) => {
                    if matches!(p.bytes.first(), Some(b' ' | b'\t')) {
                        return Some(Err(LineError {
                            line: p.line,
                            property: None,
                            reason: "continuation line with nothing to continue".into(),
                        }));
                    }
                    break p;
                }
            }
        };
        let line = start.line;
        let mut overflow = start.overflow;
        let mut buf = start.bytes;
        let quoted_printable = self.dialect == Dialect::VCard && is_quoted_printable_head(&buf);
        loop {
            let next = match self.next_physical() {
                Err(e) => return Some(Err(self.io_error(e))),
                Ok(None) => break,
                Ok(Some(p)) => p,
            };
            let append: Option<&[u8]> = if matches!(next.bytes.first(), Some(b' ' | b'\t')) {
                // RFC 5545 §3.1: unfolding removes the line break and the one whitespace.
                Some(&next.bytes[1..])
            } else if quoted_printable && buf.last() == Some(&b'=') {
                buf.pop();
                Some(&next.bytes[..])
            } else {
                None
            };
            match append {
                Some(rest) => {
                    overflow |= next.overflow;
                    let room = (self.max_bytes + 1).saturating_sub(buf.len());
                    if rest.len() > room {
                        overflow = true;
                    }
                    buf.extend_from_slice(&rest[..rest.len().min(room)]);
                }
                None => {
                    self.lookahead = Some(next);
                    break;
                }
            }
        }
        if overflow || buf.len() > self.max_bytes {
            let property = property_name_of(&buf);
            return Some(Err(LineError {
                line,
                property,
                reason: format!(
                    "the line is longer than {} bytes and was skipped",
                    self.max_bytes
                ),
            }));
        }
        let (text, lossy) = decode(&buf);
        Some(split_line(line, &text, self.dialect).map(|mut l| {
            l.lossy = lossy;
            l
        }))
    }
}

fn property_name_of(bytes: &[u8]) -> Option<String> {
    let end = bytes
        .iter()
        .position(|b| *b == b':' || *b == b';')
        .unwrap_or(bytes.len().min(64));
    let name = std::str::from_utf8(&bytes[..end]).ok()?;
    let name = name.rsplit('.').next().unwrap_or(name);
    (!name.is_empty() && name.chars().all(|c| c.is_ascii_alphanumeric() || c == '-'))
        .then(|| name.to_ascii_uppercase())
}

/// UTF-8 first; a line that is not UTF-8 but names its `CHARSET` (vCard 2.1/3.0 exports from
/// older phones do) is decoded with it; anything else is decoded lossily and flagged.
fn decode(bytes: &[u8]) -> (String, bool) {
    if let Ok(s) = std::str::from_utf8(bytes) {
        return (s.to_string(), false);
    }
    if let Some(encoding) = declared_charset(bytes) {
        let (text, had_errors) = encoding.decode_without_bom_handling(bytes);
        return (text.into_owned(), had_errors);
    }
    (String::from_utf8_lossy(bytes).into_owned(), true)
}

fn declared_charset(bytes: &[u8]) -> Option<&'static encoding_rs::Encoding> {
    let head_end = bytes.iter().position(|b| *b == b':')?;
    let head = &bytes[..head_end];
    let upper = head.to_ascii_uppercase();
    let at = upper.windows(8).position(|w| w == b"CHARSET=")? + 8;
    let rest = &head[at..];
    let end = rest.iter().position(|b| *b == b';').unwrap_or(rest.len());
    let label: Vec<u8> = rest[..end].iter().copied().filter(|b| *b != b'"').collect();
    encoding_rs::Encoding::for_label(&label)
}

/// Splits text that is already one unfolded content line.
pub fn split_line(line: usize, text: &str, dialect: Dialect) -> Result<ContentLine, LineError> {
    let err = |reason: String, property: Option<String>| LineError {
        line,
        property,
        reason,
    };
    // The value starts at the first ':' outside double quotes.
    let mut in_quotes = false;
    let mut colon = None;
    for (i, c) in text.char_indices() {
        match c {
            '"' => in_quotes = !in_quotes,
            ':' if !in_quotes => {
                colon = Some(i);
                break;
            }
            _ => {}
        }
    }
    let property = property_name_of(text.as_bytes());
    let colon = colon.ok_or_else(|| {
        err(
            "no ':' between the property name and its value".into(),
            property.clone(),
        )
    })?;
    let (head, value) = (&text[..colon], &text[colon + 1..]);
    let mut parts = split_unquoted(head, ';').into_iter();
    let full_name = parts.next().unwrap_or_default();
    let (group, name) = match (dialect, full_name.rsplit_once('.')) {
        (Dialect::VCard, Some((g, n))) => (Some(g.to_string()), n.to_string()),
        _ => (None, full_name.clone()),
    };
    if name.is_empty() || !name.chars().all(|c| c.is_ascii_alphanumeric() || c == '-') {
        return Err(err(format!("{full_name:?} is not a property name"), None));
    }
    let mut params = Vec::new();
    for p in parts {
        match p.split_once('=') {
            Some((pname, pvalue)) => params.push((
                pname.trim().to_ascii_uppercase(),
                decode_param_value(pvalue.trim()),
            )),
            // vCard 2.1: `TEL;CELL;PREF:` and `;QUOTED-PRINTABLE` are bare values.
            None if dialect == Dialect::VCard && !p.trim().is_empty() => {
                let bare = p.trim().to_ascii_uppercase();
                let pname = match bare.as_str() {
                    "QUOTED-PRINTABLE" | "BASE64" | "8BIT" | "7BIT" | "B" => "ENCODING",
                    _ => "TYPE",
                };
                params.push((pname.to_string(), bare));
            }
            None => {
                return Err(err(
                    format!("parameter {p:?} has no '='"),
                    Some(name.to_ascii_uppercase()),
                ))
            }
        }
    }
    Ok(ContentLine {
        line,
        name: name.to_ascii_uppercase(),
        group,
        params,
        value: value.to_string(),
        lossy: false,
    })
}

/// Removes the quotes of a parameter value and decodes RFC 6868 escapes (`^n`, `^'`, `^^`).
fn decode_param_value(raw: &str) -> String {
    let unquoted: String = raw.chars().filter(|c| *c != '"').collect();
    let mut out = String::with_capacity(unquoted.len());
    let mut chars = unquoted.chars().peekable();
    while let Some(c) = chars.next() {
        if c == '^' {
            match chars.peek() {
                Some('n') => {
                    out.push('\n');
                    chars.next();
                }
                Some('\'') => {
                    out.push('"');
                    chars.next();
                }
                Some('^') => {
                    out.push('^');
                    chars.next();
                }
                _ => out.push('^'),
            }
        } else {
            out.push(c);
        }
    }
    out
}

fn split_unquoted(s: &str, sep: char) -> Vec<String> {
    let mut out = Vec::new();
    let mut buf = String::new();
    let mut in_quotes = false;
    for c in s.chars() {
        match c {
            '"' => {
                in_quotes = !in_quotes;
                buf.push(c);
            }
            c if c == sep && !in_quotes => out.push(std::mem::take(&mut buf)),
            c => buf.push(c),
        }
    }
    out.push(buf);
    out
}

/// Reads all content lines of a string (tests and small inputs).
pub fn read_content_lines(text: &str, dialect: Dialect) -> Vec<Result<ContentLine, LineError>> {
    ContentLineReader::new(text.as_bytes(), dialect).collect()
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn folded_lines_are_joined_and_numbered_from_their_start() {
        let text =
            "BEGIN:VEVENT\r\nDESCRIPTION:a long\r\n  description\r\n\tcontinued\r\nEND:VEVENT\r\n";
        let lines: Vec<_> = read_content_lines(text, Dialect::ICalendar)
            .into_iter()
            .map(Result::unwrap)
            .collect();
        assert_eq!(lines.len(), 3);
        assert_eq!(lines[1].name, "DESCRIPTION");
        assert_eq!(lines[1].value, "a long descriptioncontinued");
        assert_eq!(lines[1].line, 2);
        assert_eq!(lines[2].line, 5);
    }

    #[test]
    fn parameters_with_quotes_and_colons() {
        let lines = read_content_lines(
            "dtstart;tzid=\"Europe/Berlin\";VALUE=DATE-TIME:20261124T090000\nATTENDEE;CN=\"Doe: Jane\":mailto:j@x.org",
            Dialect::ICalendar,
        );
        let dt = lines[0].as_ref().unwrap();
        assert_eq!(dt.name, "DTSTART");
        assert_eq!(dt.param("TZID"), Some("Europe/Berlin"));
        assert_eq!(dt.value, "20261124T090000");
        let att = lines[1].as_ref().unwrap();
        assert_eq!(att.param("cn"), Some("Doe: Jane"));
        assert_eq!(att.value, "mailto:j@x.org");
    }

    #[test]
    fn broken_lines_are_reported_with_their_number_and_the_rest_is_read() {
        let lines = read_content_lines(
            " stray\nSUMMARY hello\nSUMMARY:ok\nX;BAD:v\n",
            Dialect::ICalendar,
        );
        assert_eq!(lines[0].as_ref().unwrap_err().line, 1);
        assert_eq!(lines[1].as_ref().unwrap_err().line, 2);
        assert_eq!(lines[2].as_ref().unwrap().value, "ok");
        let bad = lines[3].as_ref().unwrap_err();
        assert_eq!(bad.line, 4);
        assert!(bad.reason.contains("no '='"), "{}", bad.reason);
    }

    #[test]
    fn vcard_groups_bare_parameters_and_quoted_printable_soft_breaks() {
        let text = "item1.EMAIL;type=INTERNET:a@b.c\nNOTE;ENCODING=QUOTED-PRINTABLE:caf=C3=A9 =\n=C3=A0 la carte\nTEL;CELL;PREF:+49\n";
        let lines: Vec<_> = read_content_lines(text, Dialect::VCard)
            .into_iter()
            .map(Result::unwrap)
            .collect();
        assert_eq!(lines[0].group.as_deref(), Some("item1"));
        assert_eq!(lines[0].name, "EMAIL");
        assert_eq!(lines[1].value, "caf=C3=A9 =C3=A0 la carte");
        assert_eq!(lines[2].line, 4);
        assert_eq!(lines[2].param_values("TYPE"), vec!["CELL", "PREF"]);
    }

    #[test]
    fn oversized_lines_are_skipped_with_their_property_and_reading_goes_on() {
        let text = format!(
            "PHOTO;ENCODING=b:{}\n {}\nFN:Anna\n",
            "A".repeat(50),
            "B".repeat(50)
        );
        let lines =
            ContentLineReader::with_limit(text.as_bytes(), Dialect::VCard, 64).collect::<Vec<_>>();
        let err = lines[0].as_ref().unwrap_err();
        assert_eq!((err.line, err.property.as_deref()), (1, Some("PHOTO")));
        assert_eq!(lines[1].as_ref().unwrap().value, "Anna");
        assert_eq!(lines[1].as_ref().unwrap().line, 3);
    }

    #[test]
    fn invalid_utf8_is_flagged_unless_a_charset_explains_it() {
        let text = b"FN;CHARSET=ISO-8859-1:M\xfcller\nNOTE:M\xfcller\n";
        let lines = read_content_lines_bytes(text);
        let fnl = lines[0].as_ref().unwrap();
        assert_eq!((fnl.value.as_str(), fnl.lossy), ("Müller", false));
        let note = lines[1].as_ref().unwrap();
        assert_eq!((note.value.as_str(), note.lossy), ("M\u{FFFD}ller", true));
    }

    fn read_content_lines_bytes(bytes: &[u8]) -> Vec<Result<ContentLine, LineError>> {
        ContentLineReader::new(bytes, Dialect::VCard).collect()
    }

    #[test]
    fn param_caret_escapes_and_bom() {
        let lines = read_content_lines(
            "\u{feff}ADR;LABEL=\"Main St^nSpringfield ^'HQ^'\":;;Main St;;;;\n",
            Dialect::VCard,
        );
        let adr = lines[0].as_ref().unwrap();
        assert_eq!(adr.name, "ADR");
        assert_eq!(adr.param("LABEL"), Some("Main St\nSpringfield \"HQ\""));
    }
}
