//! The two string formats of the seed's request schemas that have a grammar: `email` and `uri`.
//! JSON Schema defines them by RFC: `email` is the `Mailbox` of RFC 5321 §4.1.2, `uri` the `URI`
//! of RFC 3986 §3 (absolute, a fragment allowed). Both are ASCII only: internationalised forms
//! are the separate `idn-email` and `iri` formats, which the seed does not use.
//!
//! This is written from the RFCs' ABNF, not copied from the devserver's check: the devserver
//! stands in for the platform, and the cross-check test (tests/tests/formats_agree.rs) compares
//! the two, which only finds something while they are separate implementations.

/// RFC 5321 §4.5.3.1.1: "The maximum total length of a user name or other local-part is 64
/// octets."
const LOCAL_PART_MAX: usize = 64;
/// RFC 5321 §4.5.3.1.2: "The maximum total length of a domain name or number is 255 octets."
const DOMAIN_MAX: usize = 255;

/// `Mailbox = Local-part "@" ( Domain / address-literal )`, within the RFC's size limits.
pub(crate) fn is_email(s: &str) -> bool {
    // A quoted local part may hold an `@`; the domain and address literal never do.
    let Some((local, domain)) = s.rsplit_once('@') else {
        return false;
    };
    local.len() <= LOCAL_PART_MAX
        && domain.len() <= DOMAIN_MAX
        && (is_dot_string(local) || is_quoted_string(local))
        && (is_domain(domain) || is_address_literal(domain))
}

/// `atext` of RFC 5322 §3.2.3, which RFC 5321's `Atom` is made of.
fn is_atext(b: u8) -> bool {
    b.is_ascii_alphanumeric() || b"!#$%&'*+-/=?^_`{|}~".contains(&b)
}

/// `Dot-string = Atom *("." Atom)`, `Atom = 1*atext`: no empty atom, hence no leading,
/// trailing or doubled dot.
fn is_dot_string(s: &str) -> bool {
    s.split('.')
        .all(|atom| !atom.is_empty() && atom.bytes().all(is_atext))
}

/// `Quoted-string = DQUOTE *QcontentSMTP DQUOTE` where `qtextSMTP` is %d32-33 / %d35-91 /
/// %d93-126 (printable ASCII and space, less `"` and `\`) and `quoted-pairSMTP` is `\` then
/// %d32-126.
fn is_quoted_string(s: &str) -> bool {
    let b = s.as_bytes();
    if b.len() < 2 || b[0] != b'"' || b[b.len() - 1] != b'"' {
        return false;
    }
    let inner = &b[1..b.len() - 1];
    let mut i = 0;
    while i < inner.len() {
        match inner[i] {
            b'\\' => match inner.get(i + 1) {
                Some(32..=126) => i += 2,
                _ => return false,
            },
            32 | 33 | 35..=91 | 93..=126 => i += 1,
            _ => return false,
        }
    }
    true
}

/// `Domain = sub-domain *("." sub-domain)`, `sub-domain = Let-dig [Ldh-str]`: each label starts
/// and ends with a letter or digit and has only letters, digits and hyphens. One label
/// (`localhost`) is a domain too.
fn is_domain(s: &str) -> bool {
    s.split('.').all(|label| {
        let b = label.as_bytes();
        match (b.first(), b.last()) {
            (Some(first), Some(last)) => {
                first.is_ascii_alphanumeric()
                    && last.is_ascii_alphanumeric()
                    && b.iter().all(|c| c.is_ascii_alphanumeric() || *c == b'-')
            }
            _ => false,
        }
    })
}

/// `address-literal = "[" ( IPv4-address-literal / IPv6-address-literal /
/// General-address-literal ) "]"`. A general literal needs a tag registered with IANA, and the
/// only registered one is `IPv6`, so none other is accepted. ABNF strings are case-insensitive
/// (RFC 5234 §2.3), so the tag may be spelled `ipv6:` as well.
fn is_address_literal(s: &str) -> bool {
    let Some(inner) = s.strip_prefix('[').and_then(|r| r.strip_suffix(']')) else {
        return false;
    };
    match inner.get(..5) {
        Some(tag) if tag.eq_ignore_ascii_case("IPv6:") => is_smtp_ipv6(&inner[5..]),
        _ => is_smtp_ipv4(inner),
    }
}

/// `IPv4-address-literal = Snum 3("." Snum)`, `Snum = 1*3DIGIT` of value 0 to 255. RFC 5321
/// allows leading zeros (`010`), unlike RFC 3986's `dec-octet`.
fn is_smtp_ipv4(s: &str) -> bool {
    let parts: Vec<&str> = s.split('.').collect();
    parts.len() == 4
        && parts.iter().all(|p| {
            (1..=3).contains(&p.len())
                && p.bytes().all(|b| b.is_ascii_digit())
                && p.parse::<u16>().is_ok_and(|n| n <= 255)
        })
}

/// `IPv6-hex = 1*4HEXDIG`.
fn is_hex16(s: &str) -> bool {
    (1..=4).contains(&s.len()) && s.bytes().all(|b| b.is_ascii_hexdigit())
}

/// Colon-separated `IPv6-hex` groups, none empty; `""` is no group.
fn hex_groups(s: &str) -> Option<usize> {
    if s.is_empty() {
        return Some(0);
    }
    let groups: Vec<&str> = s.split(':').collect();
    groups.iter().all(|g| is_hex16(g)).then_some(groups.len())
}

/// `IPv6-addr = IPv6-full / IPv6-comp / IPv6v4-full / IPv6v4-comp` (RFC 5321 §4.1.3): 8 groups,
/// or at most 6 around a `::`; with an IPv4 address at the end, 6 groups, or at most 4 around
/// a `::`. Note the `::` of RFC 5321 stands for at least two groups, so `1:2:3:4:5:6:7::` is
/// not an SMTP address literal although it is an IPv6 address in a URI.
fn is_smtp_ipv6(s: &str) -> bool {
    // An IPv4 tail: the last group holds dots.
    let (hex, v4) = match s.rfind(':') {
        Some(i) if s[i + 1..].contains('.') => {
            if !is_smtp_ipv4(&s[i + 1..]) {
                return false;
            }
            // Keep the colon when it is the second of a `::` before the IPv4 part.
            let head = &s[..=i];
            match head.strip_suffix("::") {
                Some(h) => (format!("{h}::"), true),
                None => (head[..head.len() - 1].to_string(), true),
            }
        }
        _ => (s.to_string(), false),
    };
    let (full, around) = if v4 { (6, 4) } else { (8, 6) };
    match hex.split_once("::") {
        Some((before, after)) => {
            if after.contains("::") {
                return false;
            }
            match (hex_groups(before), hex_groups(after)) {
                (Some(b), Some(a)) => b + a <= around,
                _ => false,
            }
        }
        None => hex_groups(&hex) == Some(full) && !hex.is_empty(),
    }
}

/// `unreserved = ALPHA / DIGIT / "-" / "." / "_" / "~"`.
fn is_unreserved(b: u8) -> bool {
    b.is_ascii_alphanumeric() || b"-._~".contains(&b)
}

/// `sub-delims = "!" / "$" / "&" / "'" / "(" / ")" / "*" / "+" / "," / ";" / "="`.
fn is_sub_delim(b: u8) -> bool {
    b"!$&'()*+,;=".contains(&b)
}

/// True when every byte of `s` is a percent-encoding (`%` two hex digits) or passes `allowed`.
fn all_encoded_or(s: &str, allowed: impl Fn(u8) -> bool) -> bool {
    let b = s.as_bytes();
    let mut i = 0;
    while i < b.len() {
        if b[i] == b'%' {
            let hex = |j: usize| b.get(j).is_some_and(u8::is_ascii_hexdigit);
            if !(hex(i + 1) && hex(i + 2)) {
                return false;
            }
            i += 3;
        } else if allowed(b[i]) {
            i += 1;
        } else {
            return false;
        }
    }
    true
}

/// `pchar = unreserved / pct-encoded / sub-delims / ":" / "@"`.
fn is_pchar(b: u8) -> bool {
    is_unreserved(b) || is_sub_delim(b) || b == b':' || b == b'@'
}

/// `URI = scheme ":" hier-part [ "?" query ] [ "#" fragment ]` (RFC 3986 §3): any scheme, so
/// `mailto:`, `tel:`, `urn:` and a bare `x:` (an empty path) are URIs as much as `https:`.
pub(crate) fn is_uri(s: &str) -> bool {
    let Some((scheme, rest)) = s.split_once(':') else {
        return false;
    };
    // `scheme = ALPHA *( ALPHA / DIGIT / "+" / "-" / "." )`
    let sb = scheme.as_bytes();
    if !sb.first().is_some_and(u8::is_ascii_alphabetic)
        || !sb
            .iter()
            .all(|b| b.is_ascii_alphanumeric() || b"+-.".contains(b))
    {
        return false;
    }
    // The first `#` starts the fragment and the first `?` before it the query; neither part
    // may hold a further `#` (`query = fragment = *( pchar / "/" / "?" )`).
    let (rest, fragment) = match rest.split_once('#') {
        Some((r, f)) => (r, Some(f)),
        None => (rest, None),
    };
    let (hier, query) = match rest.split_once('?') {
        Some((h, q)) => (h, Some(q)),
        None => (rest, None),
    };
    let tail_ok = |part: Option<&str>| {
        part.is_none_or(|p| all_encoded_or(p, |b| is_pchar(b) || b == b'/' || b == b'?'))
    };
    if !tail_ok(query) || !tail_ok(fragment) {
        return false;
    }
    // `hier-part = "//" authority path-abempty / path-absolute / path-rootless / path-empty`.
    // Without an authority the three path forms together are any run of pchar and `/` that
    // does not start with `//`, which the first branch has taken.
    let path_ok = |p: &str| all_encoded_or(p, |b| is_pchar(b) || b == b'/');
    match hier.strip_prefix("//") {
        Some(after) => {
            let (authority, path) = match after.find('/') {
                Some(i) => after.split_at(i),
                None => (after, ""),
            };
            is_authority(authority) && path_ok(path)
        }
        None => path_ok(hier),
    }
}

/// `authority = [ userinfo "@" ] host [ ":" port ]`.
fn is_authority(s: &str) -> bool {
    let (userinfo, hostport) = match s.split_once('@') {
        Some((u, h)) => (Some(u), h),
        None => (None, s),
    };
    // `userinfo = *( unreserved / pct-encoded / sub-delims / ":" )`
    if !userinfo
        .is_none_or(|u| all_encoded_or(u, |b| is_unreserved(b) || is_sub_delim(b) || b == b':'))
    {
        return false;
    }
    let (host_ok, port) = if hostport.starts_with('[') {
        let Some(end) = hostport.find(']') else {
            return false;
        };
        let port = match &hostport[end + 1..] {
            "" => None,
            after => match after.strip_prefix(':') {
                Some(p) => Some(p),
                None => return false,
            },
        };
        (is_ip_literal(&hostport[1..end]), port)
    } else {
        // `reg-name = *( unreserved / pct-encoded / sub-delims )`, which covers IPv4address;
        // a reg-name holds no colon, so the first one starts the port.
        let (host, port) = match hostport.split_once(':') {
            Some((h, p)) => (h, Some(p)),
            None => (hostport, None),
        };
        (
            all_encoded_or(host, |b| is_unreserved(b) || is_sub_delim(b)),
            port,
        )
    };
    // `port = *DIGIT`
    host_ok && port.is_none_or(|p| p.bytes().all(|b| b.is_ascii_digit()))
}

/// The inside of `IP-literal = "[" ( IPv6address / IPvFuture ) "]"`; no zone identifier (that
/// is RFC 6874, not part of RFC 3986).
fn is_ip_literal(s: &str) -> bool {
    if let Some(future) = s.strip_prefix(['v', 'V']) {
        // `IPvFuture = "v" 1*HEXDIG "." 1*( unreserved / sub-delims / ":" )`
        let Some((version, address)) = future.split_once('.') else {
            return false;
        };
        return !version.is_empty()
            && version.bytes().all(|b| b.is_ascii_hexdigit())
            && !address.is_empty()
            && address
                .bytes()
                .all(|b| is_unreserved(b) || is_sub_delim(b) || b == b':');
    }
    is_uri_ipv6(s)
}

/// `IPv6address` of RFC 3986 §3.2.2: 8 `h16` groups, or fewer with one `::` standing for one or
/// more zero groups (at most 7 written around it); the last two groups may be an IPv4address
/// (`ls32`) whose `dec-octet`s have no leading zeros.
fn is_uri_ipv6(s: &str) -> bool {
    let (hex, tail_groups) = match s.rfind(':') {
        Some(i) if s[i + 1..].contains('.') => {
            if !is_dec_ipv4(&s[i + 1..]) {
                return false;
            }
            let head = &s[..=i];
            match head.strip_suffix("::") {
                Some(h) => (format!("{h}::"), 2),
                None => (head[..head.len() - 1].to_string(), 2),
            }
        }
        _ => (s.to_string(), 0),
    };
    match hex.split_once("::") {
        Some((before, after)) => {
            if after.contains("::") {
                return false;
            }
            match (hex_groups(before), hex_groups(after)) {
                (Some(b), Some(a)) => b + a + tail_groups <= 7,
                _ => false,
            }
        }
        None => !hex.is_empty() && hex_groups(&hex).map(|n| n + tail_groups) == Some(8),
    }
}

/// `IPv4address = dec-octet "." dec-octet "." dec-octet "." dec-octet`, each 0 to 255 written
/// without leading zeros.
fn is_dec_ipv4(s: &str) -> bool {
    let parts: Vec<&str> = s.split('.').collect();
    parts.len() == 4
        && parts.iter().all(|p| {
            (1..=3).contains(&p.len())
                && p.bytes().all(|b| b.is_ascii_digit())
                && (p.len() == 1 || !p.starts_with('0'))
                && p.parse::<u16>().is_ok_and(|n| n <= 255)
        })
}
