//! Text helpers shared by the formats: TEXT escaping (RFC 5545 §3.3.11, RFC 6350 §3.4),
//! structured values, line folding for writers, quoted-printable, and the least an e-mail
//! address or a URI must look like (not the platform's formats: see [`could_be_email`]).

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

/// Whether `s` can be an e-mail address at all: something, an `@`, something, and no other
/// `@` unless the local part is quoted (only a quoted local part may hold one).
///
/// This is not the platform's `email` format (an RFC 5321 mailbox): the app checks every
/// imported record with the replica's validator, the one rule every edit goes through, so the
/// preview and the write give the same verdict. A second copy of that grammar here drifted
/// from it before (refusing `user@localhost`, letting `a..b@example.com` through). This check
/// refuses only what no mailbox is, so it never refuses a valid address, and the reader can
/// point at the exact line of an address that is plainly not one.
pub fn could_be_email(s: &str) -> bool {
    match s.rsplit_once('@') {
        Some((local, domain)) => {
            !local.is_empty()
                && !domain.is_empty()
                && (local.starts_with('"') || !local.contains('@'))
        }
        None => false,
    }
}

/// Whether `s` starts with a URI scheme and its colon (RFC 3986 §3.1: `ALPHA *( ALPHA / DIGIT /
/// "+" / "-" / "." ) ":"`), as every absolute URI does. What follows is the platform's `uri`
/// check, which the app runs on each imported record (see [`could_be_email`] for why not
/// here); this tells a bare `www.example.com` (no scheme) from an address to pass on.
pub fn has_scheme(s: &str) -> bool {
    let Some((scheme, _)) = s.split_once(':') else {
        return false;
    };
    let mut chars = scheme.chars();
    chars.next().is_some_and(|c| c.is_ascii_alphabetic())
        && chars.all(|c| c.is_ascii_alphanumeric() || "+-.".contains(c))
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

    /// Only what no mailbox or URI can be is refused: the RFCs' edge cases (a one-label domain,
    /// a quoted local part with a space or an `@`, a URI of just a scheme) pass, and so do
    /// values the platform refuses for finer reasons, which the app's check of the record finds.
    #[test]
    fn the_least_an_address_or_uri_must_look_like() {
        for maybe in [
            "anna.mueller@example.co.uk",
            "user@localhost",
            "\"q r\"@example.com",
            "\"a@b\"@example.com",
            "\"\"@example.com",
            "a..b@example.com",
            "ü@example.com",
        ] {
            assert!(could_be_email(maybe), "{maybe}");
        }
        for never in [
            "",
            "anna",
            "@example.com",
            "anna@",
            "a@b@c.org",
            "x(at)y.org",
        ] {
            assert!(!could_be_email(never), "{never}");
        }
        for scheme in [
            "https://example.com/x",
            "x:",
            "https:",
            "a+b-c.d:x",
            "http://a<b",
        ] {
            assert!(has_scheme(scheme), "{scheme}");
        }
        for none in [
            "",
            "example.com",
            "www.example.com/a",
            "://x",
            "1http://x",
            ":",
        ] {
            assert!(!has_scheme(none), "{none}");
        }
    }
}
