//! Text helpers shared by the formats: TEXT escaping (RFC 5545 §3.3.11, RFC 6350 §3.4),
//! structured values, line folding for writers, quoted-printable, and the platform's field
//! formats (the same rules crates/replica checks, kept here so an import fails at preview time
//! rather than at apply time).

use std::io::{self, Write};

/// Decodes `\\`, `\;`, `\,`, `\n`/`\N` (and `\:` some writers emit). An unknown escape keeps
/// its character, as most readers do.
pub fn unescape(raw: &str) -> String {
    let mut out = String::with_capacity(raw.len());
    let mut chars = raw.chars();
    while let Some(c) = chars.next() {
        if c != '\\' {
            out.push(c);
            continue;
        }
        match chars.next() {
            Some('n' | 'N') => out.push('\n'),
            Some(other) => out.push(other),
            None => out.push('\\'),
        }
    }
    out
}

/// Splits on `sep` where it is not escaped, then unescapes each part (`N`, `ADR`, `ORG`).
pub fn split_structured(raw: &str, sep: char) -> Vec<String> {
    let mut parts = Vec::new();
    let mut current = String::new();
    let mut chars = raw.chars();
    while let Some(c) = chars.next() {
        if c == '\\' {
            current.push(c);
            if let Some(n) = chars.next() {
                current.push(n);
            }
        } else if c == sep {
            parts.push(unescape(&current));
            current.clear();
        } else {
            current.push(c);
        }
    }
    parts.push(unescape(&current));
    parts
}

/// Escapes a TEXT value for writing. Line breaks become `\n` (a CR of a CRLF is dropped).
pub fn escape(text: &str) -> String {
    escape_with(text, true)
}

/// Escapes a vCard value that is not compound (`FN`, `NOTE`): as [`escape`] but with
/// semicolons as they are. RFC 6350 §3.4 and RFC 2426 §5 allow `\;` there without requiring
/// it, and ical.js (Thunderbird's address book) reads it as a backslash and a semicolon.
pub fn escape_single(text: &str) -> String {
    escape_with(text, false)
}

fn escape_with(text: &str, semicolons: bool) -> String {
    let mut out = String::with_capacity(text.len() + 8);
    for c in text.chars() {
        match c {
            '\\' => out.push_str("\\\\"),
            ';' if semicolons => out.push_str("\\;"),
            ',' => out.push_str("\\,"),
            '\n' => out.push_str("\\n"),
            '\r' => {}
            c => out.push(c),
        }
    }
    out
}

/// Writes one content line folded at 75 octets (RFC 5545 §3.1), never inside a UTF-8
/// sequence, ending in CRLF.
pub fn write_folded<W: Write>(out: &mut W, line: &str) -> io::Result<()> {
    let mut start = 0;
    let mut limit = 75;
    while line.len() - start > limit {
        let mut cut = start + limit;
        while !line.is_char_boundary(cut) {
            cut -= 1;
        }
        out.write_all(&line.as_bytes()[start..cut])?;
        out.write_all(b"\r\n ")?;
        start = cut;
        // Continuation lines start with a space, which counts towards their 75 octets.
        limit = 74;
    }
    out.write_all(&line.as_bytes()[start..])?;
    out.write_all(b"\r\n")
}

/// Decodes quoted-printable (soft breaks are already joined by the content-line reader).
/// Returns `None` for a malformed `=XY`.
pub fn decode_quoted_printable(raw: &str) -> Option<Vec<u8>> {
    let bytes = raw.as_bytes();
    let mut out = Vec::with_capacity(bytes.len());
    let mut i = 0;
    while i < bytes.len() {
        if bytes[i] == b'=' {
            if i + 1 == bytes.len() {
                break; // a trailing soft break
            }
            let hex = bytes.get(i + 1..i + 3)?;
            let hex = std::str::from_utf8(hex).ok()?;
            out.push(u8::from_str_radix(hex, 16).ok()?);
            i += 3;
        } else {
            out.push(bytes[i]);
            i += 1;
        }
    }
    Some(out)
}

/// The `email` format as the platform's JSON Schema validator checks it (same rule as
/// crates/replica): one `@`, a non-empty local part, a dotted domain, no spaces.
pub fn is_email(s: &str) -> bool {
    let Some((local, domain)) = s.rsplit_once('@') else {
        return false;
    };
    !local.is_empty()
        && !local.contains('@')
        && !s.chars().any(char::is_whitespace)
        && domain.contains('.')
        && domain
            .split('.')
            .all(|l| !l.is_empty() && l.chars().all(|c| c.is_alphanumeric() || c == '-'))
}

/// The `uri` format: an absolute URI (a scheme, then something), as crates/replica checks it.
pub fn is_uri(s: &str) -> bool {
    let Some((scheme, rest)) = s.split_once(':') else {
        return false;
    };
    let mut chars = scheme.chars();
    chars.next().is_some_and(|c| c.is_ascii_alphabetic())
        && chars.all(|c| c.is_ascii_alphanumeric() || "+-.".contains(c))
        && !rest.is_empty()
        && !s.chars().any(char::is_whitespace)
}

/// Characters, as the platform counts lengths (JSON Schema `maxLength` counts code points).
pub fn char_len(s: &str) -> usize {
    s.chars().count()
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn escapes_round_trip() {
        let text = "a;b,c\\d\nline two";
        assert_eq!(escape(text), "a\\;b\\,c\\\\d\\nline two");
        assert_eq!(unescape(&escape(text)), text);
        assert_eq!(unescape("x\\Ny\\:z\\"), "x\ny:z\\");
    }

    #[test]
    fn structured_values_split_on_unescaped_separators_only() {
        assert_eq!(
            split_structured("M\\;ller;Anna;;Dr.;", ';'),
            vec!["M;ller", "Anna", "", "Dr.", ""]
        );
    }

    #[test]
    fn folding_keeps_utf8_whole_and_lines_short() {
        let line = format!("SUMMARY:{}", "ä".repeat(100));
        let mut out = Vec::new();
        write_folded(&mut out, &line).unwrap();
        let text = String::from_utf8(out).unwrap();
        for physical in text.split("\r\n") {
            assert!(physical.len() <= 75, "{}", physical.len());
        }
        assert_eq!(text.replace("\r\n ", "").trim_end(), line);
    }

    #[test]
    fn quoted_printable() {
        assert_eq!(
            decode_quoted_printable("M=C3=BCller=").unwrap(),
            "Müller".as_bytes()
        );
        assert!(decode_quoted_printable("bad=ZZ").is_none());
        assert!(decode_quoted_printable("bad=4").is_none());
    }

    #[test]
    fn formats_match_the_replica() {
        assert!(is_email("anna.mueller@example.co.uk"));
        for bad in [
            "anna",
            "@example.com",
            "anna@",
            "anna@example",
            "a b@x.org",
            "a@b..c",
        ] {
            assert!(!is_email(bad), "{bad}");
        }
        assert!(is_uri("https://example.com/x"));
        for bad in ["example.com", "://x", "1http://x", "https:", "http://a b"] {
            assert!(!is_uri(bad), "{bad}");
        }
    }
}
