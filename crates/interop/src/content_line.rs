//! Content lines: unfolding, then `NAME;PARAM=VALUE:value` splitting, with line numbers kept so
//! every error can say where it is.

/// One unfolded content line.
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct ContentLine {
    /// 1-based number of the physical line where this content line starts.
    pub line: usize,
    /// Upper-cased property name, e.g. `DTSTART`.
    pub name: String,
    /// Parameters in order, names upper-cased, quotes removed.
    pub params: Vec<(String, String)>,
    /// The raw value, escapes left as they are (their meaning depends on the property).
    pub value: String,
}

impl ContentLine {
    pub fn param(&self, name: &str) -> Option<&str> {
        self.params
            .iter()
            .find(|(n, _)| n.eq_ignore_ascii_case(name))
            .map(|(_, v)| v.as_str())
    }
}

#[derive(Debug, Clone, PartialEq, Eq, thiserror::Error)]
#[error("line {line}: {reason}")]
pub struct LineError {
    pub line: usize,
    pub reason: String,
}

/// Unfolds and splits `text` into content lines. Blank lines are skipped; a malformed line is
/// reported with its number and does not stop the others.
pub fn read_content_lines(text: &str) -> Vec<Result<ContentLine, LineError>> {
    let mut out = Vec::new();
    let mut current: Option<(usize, String)> = None;
    for (idx, raw) in text.split('\n').enumerate() {
        let physical = raw.strip_suffix('\r').unwrap_or(raw);
        if let Some(rest) = physical
            .strip_prefix(' ')
            .or_else(|| physical.strip_prefix('\t'))
        {
            // A folded continuation: RFC 5545 §3.1 removes the CRLF and the one whitespace.
            match current.as_mut() {
                Some((_, buf)) => buf.push_str(rest),
                None => out.push(Err(LineError {
                    line: idx + 1,
                    reason: "continuation line with nothing to continue".into(),
                })),
            }
            continue;
        }
        if let Some((line, buf)) = current.take() {
            out.push(split_line(line, &buf));
        }
        if !physical.trim().is_empty() {
            current = Some((idx + 1, physical.to_string()));
        }
    }
    if let Some((line, buf)) = current {
        out.push(split_line(line, &buf));
    }
    out
}

fn split_line(line: usize, text: &str) -> Result<ContentLine, LineError> {
    let err = |reason: &str| LineError {
        line,
        reason: reason.to_string(),
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
    let colon = colon.ok_or_else(|| err("no ':' between the property name and its value"))?;
    let (head, value) = (&text[..colon], &text[colon + 1..]);
    let mut parts = split_unquoted(head, ';').into_iter();
    let name = parts.next().unwrap_or_default();
    if name.is_empty()
        || !name
            .chars()
            .all(|c| c.is_ascii_alphanumeric() || c == '-' || c == '.')
    {
        return Err(err(&format!("{name:?} is not a property name")));
    }
    let mut params = Vec::new();
    for p in parts {
        let (pname, pvalue) = p
            .split_once('=')
            .ok_or_else(|| err(&format!("parameter {p:?} has no '='")))?;
        params.push((
            pname.to_ascii_uppercase(),
            pvalue.trim_matches('"').to_string(),
        ));
    }
    Ok(ContentLine {
        line,
        name: name.to_ascii_uppercase(),
        params,
        value: value.to_string(),
    })
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

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn folded_lines_are_joined_and_numbered_from_their_start() {
        let text =
            "BEGIN:VEVENT\r\nDESCRIPTION:a long\r\n  description\r\n\tcontinued\r\nEND:VEVENT\r\n";
        let lines: Vec<_> = read_content_lines(text)
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
        let lines = read_content_lines(" stray\nSUMMARY hello\nSUMMARY:ok\nX;BAD:v\n");
        assert_eq!(lines[0].as_ref().unwrap_err().line, 1);
        assert_eq!(lines[1].as_ref().unwrap_err().line, 2);
        assert_eq!(lines[2].as_ref().unwrap().value, "ok");
        let bad = lines[3].as_ref().unwrap_err();
        assert_eq!(bad.line, 4);
        assert!(bad.reason.contains("no '='"), "{}", bad.reason);
    }
}
