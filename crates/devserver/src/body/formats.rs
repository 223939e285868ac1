//! The string formats of the seed's request schemas that are more than a shape: `email` (an
//! RFC 5321 mailbox, as JSON Schema defines the format) and `uri` (an RFC 3986 absolute URI).
//! Neither has a length bound of its own beyond the RFC's parts.

use std::net::{Ipv4Addr, Ipv6Addr};

/// An absolute URI: a scheme, a colon, and the rest in URI characters (unreserved, reserved,
/// or percent-encoded). Any scheme: `mailto:`, `tel:` and `urn:` are URIs as much as `https:`.
pub fn is_uri(value: &str) -> bool {
    let Some((scheme, rest)) = value.split_once(':') else {
        return false;
    };
    let mut scheme_chars = scheme.chars();
    let scheme_ok = scheme_chars.next().is_some_and(|c| c.is_ascii_alphabetic())
        && scheme_chars.all(|c| c.is_ascii_alphanumeric() || matches!(c, '+' | '-' | '.'));
    if !scheme_ok {
        return false;
    }
    let bytes = rest.as_bytes();
    let mut i = 0;
    while i < bytes.len() {
        let b = bytes[i];
        if b == b'%' {
            let hex = |j: usize| bytes.get(j).is_some_and(u8::is_ascii_hexdigit);
            if !(hex(i + 1) && hex(i + 2)) {
                return false;
            }
            i += 3;
            continue;
        }
        if !(b.is_ascii_alphanumeric() || b"-._~:/?#[]@!$&'()*+,;=".contains(&b)) {
            return false;
        }
        i += 1;
    }
    true
}

/// `Local-part "@" ( Domain / address-literal )` of RFC 5321 §4.1.2, with its size limits
/// (§4.5.3.1: 64 octets of local part, 255 of domain).
pub fn is_email(value: &str) -> bool {
    // The last `@`: a quoted local part may hold one.
    let Some((local, domain)) = value.rsplit_once('@') else {
        return false;
    };
    local.len() <= 64
        && domain.len() <= 255
        && (is_dot_string(local) || is_quoted_string(local))
        && (is_domain(domain) || is_address_literal(domain))
}

fn is_atext(c: u8) -> bool {
    c.is_ascii_alphanumeric() || b"!#$%&'*+-/=?^_`{|}~".contains(&c)
}

/// `Atom *("." Atom)`: no empty atom, so no leading, trailing or doubled dot.
fn is_dot_string(s: &str) -> bool {
    s.split('.')
        .all(|atom| !atom.is_empty() && atom.bytes().all(is_atext))
}

/// `DQUOTE *(qtextSMTP / quoted-pairSMTP) DQUOTE`: printable ASCII, `"` and `\` escaped.
fn is_quoted_string(s: &str) -> bool {
    let Some(inner) = s.strip_prefix('"').and_then(|rest| rest.strip_suffix('"')) else {
        return false;
    };
    let mut bytes = inner.bytes();
    while let Some(b) = bytes.next() {
        match b {
            b'\\' => {
                if !bytes.next().is_some_and(|n| (32..=126).contains(&n)) {
                    return false;
                }
            }
            b'"' => return false,
            32..=126 => {}
            _ => return false,
        }
    }
    true
}

/// `sub-domain *("." sub-domain)`, each a letter or digit, then letters, digits and hyphens,
/// not ending in a hyphen.
fn is_domain(s: &str) -> bool {
    s.split('.').all(|label| {
        let b = label.as_bytes();
        !b.is_empty()
            && b[0].is_ascii_alphanumeric()
            && b[b.len() - 1].is_ascii_alphanumeric()
            && b.iter().all(|c| c.is_ascii_alphanumeric() || *c == b'-')
    })
}

/// `"[" ( IPv4-address-literal / IPv6-address-literal ) "]"`.
fn is_address_literal(s: &str) -> bool {
    let Some(inner) = s.strip_prefix('[').and_then(|r| r.strip_suffix(']')) else {
        return false;
    };
    match inner.strip_prefix("IPv6:") {
        Some(v6) => v6.parse::<Ipv6Addr>().is_ok(),
        None => inner.parse::<Ipv4Addr>().is_ok(),
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn any_absolute_uri_is_a_uri() {
        for ok in [
            "https://example.com/a?b=1#c",
            "http://[::1]:8080/",
            "mailto:someone@example.com",
            "tel:+1-555-0100",
            "urn:isbn:0451450523",
            "ftp://ftp.example.com/a%20b",
            "x:",
        ] {
            assert!(is_uri(ok), "{ok}");
        }
        for bad in [
            "",
            "example.com",
            "not a uri",
            "1http://x",
            "http://a b",
            "http://a<b",
            "x:%zz",
            ":x",
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
            "user@[127.0.0.1]",
            "user@[IPv6:2001:db8::1]",
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
            "a@b@example.com",
            "a@-example.com",
            "a@exa_mple.com",
            "a@example.com.",
            "a b@example.com",
            "ü@example.com",
            "Name <a@example.com>",
            "user@[999.0.0.1]",
        ] {
            assert!(!is_email(bad), "{bad}");
        }
        let long_local = format!("{}@example.com", "a".repeat(65));
        assert!(!is_email(&long_local));
    }
}
