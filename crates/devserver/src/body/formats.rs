//! The string formats of the seed's request schemas that are more than a shape: `email` (an
//! RFC 5321 mailbox, as JSON Schema defines the format) and `uri` (an RFC 3986 absolute URI).
//! Both are checked by their grammar, not by the characters they may hold: a URI made only of
//! URI characters can still be malformed (`http://a#b#c`, `http://[::1`).
//!
//! The replica has its own check of the same formats (crates/replica/src/validate/formats.rs),
//! written separately on purpose: tests/tests/formats_agree.rs posts edge cases here and runs
//! them through the replica, which only finds a mistake while the two are not one code. This
//! one walks the input left to right with a cursor; neither uses the other.

/// RFC 5321 §4.5.3.1.1 and §4.5.3.1.2: at most 64 octets of local part and 255 of domain (or
/// address literal).
const MAX_LOCAL: usize = 64;
const MAX_DOMAIN: usize = 255;

/// A position in the input; every parser below advances it past what it accepts.
struct Cursor<'a> {
    input: &'a [u8],
    pos: usize,
}

impl<'a> Cursor<'a> {
    fn new(input: &'a str) -> Self {
        Cursor {
            input: input.as_bytes(),
            pos: 0,
        }
    }

    fn peek(&self) -> Option<u8> {
        self.input.get(self.pos).copied()
    }

    fn at_end(&self) -> bool {
        self.pos == self.input.len()
    }

    /// Consumes `b` when it is next.
    fn eat(&mut self, b: u8) -> bool {
        if self.peek() == Some(b) {
            self.pos += 1;
            true
        } else {
            false
        }
    }

    /// Consumes bytes while `f` holds; how many.
    fn eat_while(&mut self, f: impl Fn(u8) -> bool) -> usize {
        let start = self.pos;
        while self.peek().is_some_and(&f) {
            self.pos += 1;
        }
        self.pos - start
    }

    /// Consumes a run of `allowed` bytes and `%XX` escapes; false at a `%` not followed by two
    /// hex digits (the cursor is then somewhere inside the run).
    fn eat_encoded(&mut self, allowed: impl Fn(u8) -> bool) -> bool {
        loop {
            match self.peek() {
                Some(b'%') => {
                    let hex = |i: usize| self.input.get(i).is_some_and(u8::is_ascii_hexdigit);
                    if !(hex(self.pos + 1) && hex(self.pos + 2)) {
                        return false;
                    }
                    self.pos += 3;
                }
                Some(b) if allowed(b) => self.pos += 1,
                _ => return true,
            }
        }
    }

    fn rest(&self) -> &'a [u8] {
        &self.input[self.pos..]
    }
}

// ---- email: RFC 5321 §4.1.2 and §4.1.3 ----------------------------------------------------

/// `Mailbox = Local-part "@" ( Domain / address-literal )`.
pub fn is_email(value: &str) -> bool {
    let mut c = Cursor::new(value);
    let local_ok = if c.peek() == Some(b'"') {
        quoted_string(&mut c)
    } else {
        dot_string(&mut c)
    };
    let local_len = c.pos;
    if !local_ok || local_len > MAX_LOCAL || !c.eat(b'@') {
        return false;
    }
    let domain = c.rest();
    if domain.len() > MAX_DOMAIN {
        return false;
    }
    if c.peek() == Some(b'[') {
        address_literal(&mut c)
    } else {
        smtp_domain(&mut c)
    }
}

/// `atext` (RFC 5322 §3.2.3): what an `Atom` of RFC 5321 is made of.
fn atext(b: u8) -> bool {
    b.is_ascii_alphanumeric()
        || matches!(
            b,
            b'!' | b'#'
                | b'$'
                | b'%'
                | b'&'
                | b'\''
                | b'*'
                | b'+'
                | b'-'
                | b'/'
                | b'='
                | b'?'
                | b'^'
                | b'_'
                | b'`'
                | b'{'
                | b'|'
                | b'}'
                | b'~'
        )
}

/// `Dot-string = Atom *("." Atom)`, each `Atom` one or more `atext`.
fn dot_string(c: &mut Cursor) -> bool {
    loop {
        if c.eat_while(atext) == 0 {
            return false;
        }
        if !c.eat(b'.') {
            return true;
        }
    }
}

/// `Quoted-string = DQUOTE *QcontentSMTP DQUOTE`: `qtextSMTP` is printable ASCII and space
/// without `"` and `\`; `quoted-pairSMTP` is `\` and any printable ASCII or space.
fn quoted_string(c: &mut Cursor) -> bool {
    if !c.eat(b'"') {
        return false;
    }
    loop {
        match c.peek() {
            Some(b'"') => {
                c.pos += 1;
                return true;
            }
            Some(b'\\') => {
                c.pos += 1;
                if !c.peek().is_some_and(|b| (32..=126).contains(&b)) {
                    return false;
                }
                c.pos += 1;
            }
            Some(32..=126) => c.pos += 1,
            _ => return false,
        }
    }
}

/// `Domain = sub-domain *("." sub-domain)` to the end of the input, `sub-domain = Let-dig
/// [Ldh-str]`: letters, digits and inner hyphens. A single label (`localhost`) is a domain.
fn smtp_domain(c: &mut Cursor) -> bool {
    loop {
        let start = c.pos;
        if c.eat_while(|b| b.is_ascii_alphanumeric() || b == b'-') == 0 {
            return false;
        }
        let label = &c.input[start..c.pos];
        if label[0] == b'-' || label[label.len() - 1] == b'-' {
            return false;
        }
        if c.at_end() {
            return true;
        }
        if !c.eat(b'.') {
            return false;
        }
    }
}

/// `address-literal = "[" ( IPv4-address-literal / IPv6-address-literal /
/// General-address-literal ) "]"`, ending the input. A general literal needs a tag registered
/// with IANA and `IPv6` is the only one, so any other tag is refused. ABNF strings are
/// case-insensitive (RFC 5234 §2.3): `ipv6:` is the same tag.
fn address_literal(c: &mut Cursor) -> bool {
    if !c.eat(b'[') {
        return false;
    }
    let Some(inner) = c
        .rest()
        .strip_suffix(b"]")
        .and_then(|i| std::str::from_utf8(i).ok())
    else {
        return false;
    };
    match inner.as_bytes().get(..5) {
        Some(tag) if tag.eq_ignore_ascii_case(b"IPv6:") => smtp_ipv6(&inner[5..]),
        _ => ipv4(inner, Octets::Snum),
    }
}

/// How an IPv4 address writes its numbers.
#[derive(Clone, Copy)]
enum Octets {
    /// RFC 5321 `Snum = 1*3DIGIT` of value 0 to 255: leading zeros allowed (`010`).
    Snum,
    /// RFC 3986 `dec-octet`: 0 to 255 without leading zeros.
    DecOctet,
}

/// Four numbers 0 to 255 joined by dots, and nothing else.
fn ipv4(s: &str, octets: Octets) -> bool {
    let mut c = Cursor::new(s);
    for i in 0..4 {
        if i > 0 && !c.eat(b'.') {
            return false;
        }
        let start = c.pos;
        let digits = c.eat_while(|b| b.is_ascii_digit());
        if !(1..=3).contains(&digits) {
            return false;
        }
        let number = &s[start..c.pos];
        if matches!(octets, Octets::DecOctet) && digits > 1 && number.starts_with('0') {
            return false;
        }
        if !number.parse::<u16>().is_ok_and(|n| n <= 255) {
            return false;
        }
    }
    c.at_end()
}

/// An IPv6 address as written, before either RFC's rule on how many groups it may have.
struct Ipv6Shape {
    /// 16-bit groups before the `::` (all of them when there is none).
    before: usize,
    /// 16-bit groups after the `::`, without the IPv4 tail.
    after: usize,
    compressed: bool,
    ipv4_tail: bool,
}

/// Reads `h16 *(":" h16)` groups with at most one `::` and, last, optionally an IPv4 address
/// (checked with `octets`). `None` when it is not of that shape (an empty group, a lone
/// leading or trailing colon, a second `::`, a group of five digits, a bad IPv4 tail).
fn ipv6_shape(s: &str, octets: Octets) -> Option<Ipv6Shape> {
    let mut shape = Ipv6Shape {
        before: 0,
        after: 0,
        compressed: false,
        ipv4_tail: false,
    };
    let mut c = Cursor::new(s);
    if c.rest().starts_with(b"::") {
        c.pos += 2;
        shape.compressed = true;
    }
    while !c.at_end() {
        let start = c.pos;
        let hex = c.eat_while(|b| b.is_ascii_hexdigit());
        if c.peek() == Some(b'.') {
            // An IPv4 address is only the last part.
            if !ipv4(&s[start..], octets) {
                return None;
            }
            shape.ipv4_tail = true;
            return Some(shape);
        }
        if !(1..=4).contains(&hex) {
            return None;
        }
        if shape.compressed {
            shape.after += 1;
        } else {
            shape.before += 1;
        }
        if c.at_end() {
            break;
        }
        if !c.eat(b':') {
            return None;
        }
        if c.eat(b':') {
            if shape.compressed {
                return None;
            }
            shape.compressed = true;
            if c.at_end() {
                break;
            }
        } else if c.at_end() {
            // A single trailing colon.
            return None;
        }
    }
    (shape.compressed || shape.before > 0).then_some(shape)
}

/// `IPv6-addr` of RFC 5321 §4.1.3: 8 groups (6 before an IPv4 address), or with `::` at most 6
/// other groups (4 with an IPv4 address), the `::` standing for at least two. So
/// `1:2:3:4:5:6:7::` is an IPv6 address in a URI but not in a mail address literal.
fn smtp_ipv6(s: &str) -> bool {
    let Some(shape) = ipv6_shape(s, Octets::Snum) else {
        return false;
    };
    let written = shape.before + shape.after;
    match (shape.compressed, shape.ipv4_tail) {
        (false, false) => written == 8,
        (false, true) => written == 6,
        (true, false) => written <= 6,
        (true, true) => written <= 4,
    }
}

// ---- uri: RFC 3986 §3 --------------------------------------------------------------------

fn unreserved(b: u8) -> bool {
    b.is_ascii_alphanumeric() || matches!(b, b'-' | b'.' | b'_' | b'~')
}

fn sub_delim(b: u8) -> bool {
    matches!(
        b,
        b'!' | b'$' | b'&' | b'\'' | b'(' | b')' | b'*' | b'+' | b',' | b';' | b'='
    )
}

/// `pchar` less its `pct-encoded` (which [`Cursor::eat_encoded`] handles).
fn pchar(b: u8) -> bool {
    unreserved(b) || sub_delim(b) || b == b':' || b == b'@'
}

/// `URI = scheme ":" hier-part [ "?" query ] [ "#" fragment ]`: any scheme, so `mailto:`,
/// `tel:`, `urn:` and `x:` (an empty path) are URIs as much as `https:`.
pub fn is_uri(value: &str) -> bool {
    let mut c = Cursor::new(value);
    // scheme = ALPHA *( ALPHA / DIGIT / "+" / "-" / "." )
    if !c.peek().is_some_and(|b| b.is_ascii_alphabetic()) {
        return false;
    }
    c.eat_while(|b| b.is_ascii_alphanumeric() || matches!(b, b'+' | b'-' | b'.'));
    if !c.eat(b':') {
        return false;
    }
    if c.rest().starts_with(b"//") {
        c.pos += 2;
        if !authority(&mut c) {
            return false;
        }
    }
    // path-abempty after an authority, else path-absolute / path-rootless / path-empty: all
    // runs of pchar and "/" (a path starting "//" was taken as an authority above).
    if !c.eat_encoded(|b| pchar(b) || b == b'/') {
        return false;
    }
    // query = fragment = *( pchar / "/" / "?" ): a "#" in either ends it, and a second "#"
    // is left over.
    if c.eat(b'?') && !c.eat_encoded(|b| pchar(b) || b == b'/' || b == b'?') {
        return false;
    }
    if c.eat(b'#') && !c.eat_encoded(|b| pchar(b) || b == b'/' || b == b'?') {
        return false;
    }
    c.at_end()
}

/// `authority = [ userinfo "@" ] host [ ":" port ]`, which ends at the first "/", "?" or "#"
/// (or the end); the cursor is left there.
fn authority(c: &mut Cursor) -> bool {
    let len = c
        .rest()
        .iter()
        .position(|b| matches!(b, b'/' | b'?' | b'#'))
        .unwrap_or(c.rest().len());
    let Ok(text) = std::str::from_utf8(&c.rest()[..len]) else {
        return false;
    };
    c.pos += len;
    let mut a = Cursor::new(text);
    // userinfo = *( unreserved / pct-encoded / sub-delims / ":" ): it holds no "@", so one is
    // there when the authority has an "@" at all, and ends at the first.
    if text.contains('@')
        && !(a.eat_encoded(|b| unreserved(b) || sub_delim(b) || b == b':') && a.eat(b'@'))
    {
        return false;
    }
    if a.peek() == Some(b'[') {
        a.pos += 1;
        let Some(close) = a.rest().iter().position(|&b| b == b']') else {
            return false;
        };
        if !ip_literal(&text[a.pos..a.pos + close]) {
            return false;
        }
        a.pos += close + 1;
    } else if !a.eat_encoded(|b| unreserved(b) || sub_delim(b)) {
        // reg-name = *( unreserved / pct-encoded / sub-delims ), IPv4address among them.
        return false;
    }
    // port = *DIGIT
    if a.eat(b':') {
        a.eat_while(|b| b.is_ascii_digit());
    }
    a.at_end()
}

/// Inside `IP-literal = "[" ( IPv6address / IPvFuture ) "]"`. RFC 3986 has no zone
/// identifier (`%25eth0` is RFC 6874) and no bare IPv4 address in brackets.
fn ip_literal(s: &str) -> bool {
    let mut c = Cursor::new(s);
    if c.eat(b'v') || c.eat(b'V') {
        // IPvFuture = "v" 1*HEXDIG "." 1*( unreserved / sub-delims / ":" )
        return c.eat_while(|b| b.is_ascii_hexdigit()) > 0
            && c.eat(b'.')
            && c.eat_while(|b| unreserved(b) || sub_delim(b) || b == b':') > 0
            && c.at_end();
    }
    uri_ipv6(s)
}

/// `IPv6address` of RFC 3986 §3.2.2: 8 groups, an IPv4 address (`ls32`, numbers without
/// leading zeros) counting as two; with `::` at most 7, as it stands for one or more.
fn uri_ipv6(s: &str) -> bool {
    let Some(shape) = ipv6_shape(s, Octets::DecOctet) else {
        return false;
    };
    let groups = shape.before + shape.after + if shape.ipv4_tail { 2 } else { 0 };
    if shape.compressed {
        groups <= 7
    } else {
        groups == 8
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn absolute_uris_by_the_grammar_of_rfc_3986() {
        for ok in [
            "https://example.com/a?b=1#c",
            "HTTPS://EXAMPLE.COM",
            "http://user:pw@example.com:8080/p;x=1",
            "http://[::1]:8080/",
            "http://[2001:db8::192.0.2.1]/",
            "http://[1:2:3:4:5:6:7::]/",
            "http://[1:2:3:4:5:6:7:8]/",
            "http://[::]/",
            "http://[v1.fe80::a+en1]/",
            "http://example.com:/",
            "http:///only/a/path",
            "file:///etc/hosts",
            "mailto:someone@example.com",
            "tel:+1-555-0100",
            "urn:isbn:0451450523",
            "ftp://ftp.example.com/a%20b",
            "https://example.com/?q=a/b?c#f/g?h",
            "x:",
            "https:",
        ] {
            assert!(is_uri(ok), "{ok}");
        }
        for bad in [
            "",
            ":",
            "example.com",
            "/relative/path",
            "1http://x",
            "http://a b",
            "http://a<b",
            "http://example.com/ä",
            "x:%zz",
            "x:%4",
            ":x",
            "http://a#b#c",
            "http://[::1",
            "http://[::1]x",
            "http://ex[ample].com/",
            "x:[",
            "http://example.com:80a/",
            "http://a@b@c/",
            "http://[1.2.3.4]/",
            "http://[::1%25eth0]/",
            "http://[::01.2.3.4]/",
            "http://[1:2:3:4:5:6:7:8:9]/",
            "http://[1:2:3:4:5:6:7]/",
            "http://[1::2::3]/",
            "http://[:1::]/",
            "http://[1:]/",
            "http://[12345::]/",
            "http://[v.x]/",
            "http://[v1.]/",
        ] {
            assert!(!is_uri(bad), "{bad}");
        }
    }

    #[test]
    fn mailboxes_of_rfc_5321_are_email_addresses() {
        for ok in [
            "a@example.com",
            "first.last+tag@mail.example.org",
            "user@localhost",
            "\"quoted local\"@example.com",
            "\"a@b\"@example.com",
            "\"a\\\"b\"@example.com",
            "\"\"@example.com",
            "user@[127.0.0.1]",
            "user@[010.0.0.1]",
            "user@[IPv6:2001:db8::1]",
            "user@[ipv6:::1]",
            "user@[IPv6:::1.2.3.04]",
            "user@[IPv6:1:2:3:4:5:6:7:8]",
            "user@[IPv6:1:2:3:4:5:6:1.2.3.4]",
            "user@[IPv6:1:2:3:4:5::6]",
            "user@[IPv6:1:2::3:4:1.2.3.4]",
        ] {
            assert!(is_email(ok), "{ok}");
        }
        for bad in [
            "",
            "nope",
            "@example.com",
            "a@",
            "a..b@example.com",
            ".a@example.com",
            "a.@example.com",
            "a@b@example.com",
            "a@-example.com",
            "a@example-.com",
            "a@exa_mple.com",
            "a@example.com.",
            "a@.example.com",
            "a b@example.com",
            "ü@example.com",
            "a@müller.de",
            "\"a\"b\"@example.com",
            "\"unclosed@example.com",
            "Name <a@example.com>",
            "user@[999.0.0.1]",
            "user@[1.2.3]",
            "user@[1.2.3.4.5]",
            "user@[::1]",
            "user@[tag:anything]",
            "user@[IPv6:1::2::3]",
            "user@[IPv6:1:2:3:4:5:6:7::]",
            "user@[IPv6:1:2:3:4:5::192.0.2.1]",
            "user@[IPv6:1:2:3:4:5:6:7]",
            "user@[IPv6:1:2:3:4:5:6:7:1.2.3.4]",
            "user@[IPv6:]",
            "user@[127.0.0.1",
            "user@[127.0.0.1]x",
        ] {
            assert!(!is_email(bad), "{bad}");
        }
        assert!(is_email(&format!("{}@example.com", "a".repeat(64))));
        assert!(!is_email(&format!("{}@example.com", "a".repeat(65))));
        let domain_255 = vec!["b".repeat(63); 4].join(".");
        assert!(is_email(&format!("a@{domain_255}")));
        assert!(!is_email(&format!("a@c{domain_255}")));
    }
}
