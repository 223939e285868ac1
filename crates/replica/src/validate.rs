//! Local validation with the rules of the seed's request schemas (required fields, enums,
//! lengths, formats, no unknown fields), plus the semantic rules the server applies (end after
//! start, IANA time zones, recurrence rules that can fire). Every user or import write runs these
//! before touching the database, so a bad edit changes nothing and names its field.

use chrono_tz::Tz;
use serde_json::Value;

use crate::error::{ReplicaError, Result};
use crate::util::{parse_time, Fields};

mod formats;
use formats::{is_email, is_uri};

// The fields and their rules are declared once, in the model; this module applies them.
pub(crate) use outpost_model::fields::{
    ADDRESS_KEYS as ADDRESS_KNOWN, CALENDAR_CREATE, CALENDAR_CREATE_REQUIRED, CALENDAR_PATCH,
    CONTACT_FIELDS, ENTRY_CREATE, ENTRY_CREATE_REQUIRED, ENTRY_PATCH, INSTANCE_PATCH,
    MASTER_CREATE, MASTER_CREATE_REQUIRED, REMINDER_CREATE, REMINDER_CREATE_REQUIRED,
};
pub(crate) use outpost_model::{FieldSpec as Spec, Kind};

pub(crate) fn check(
    fields: &Fields,
    specs: &[Spec],
    required: &[&str],
    allow_null: bool,
) -> Result<()> {
    for key in fields.keys() {
        if !specs.iter().any(|s| s.name == key) {
            return Err(ReplicaError::invalid(
                key,
                "is not a field the server accepts here",
            ));
        }
    }
    for name in required {
        if fields.get(*name).is_none_or(Value::is_null) {
            return Err(ReplicaError::invalid(*name, "is required"));
        }
    }
    for spec in specs {
        if let Some(value) = fields.get(spec.name) {
            if value.is_null() {
                if allow_null && spec.nullable {
                    continue;
                }
                return Err(ReplicaError::invalid(spec.name, "must not be null"));
            }
            check_value(spec.name, spec.kind, value)?;
        }
    }
    Ok(())
}

/// A PATCH body must change at least one field (`minProperties: 1`).
pub(crate) fn check_not_empty(patch: &Fields) -> Result<()> {
    if patch.is_empty() {
        return Err(ReplicaError::invalid(
            "",
            "an edit must change at least one field",
        ));
    }
    Ok(())
}

fn check_value(field: &str, kind: Kind, value: &Value) -> Result<()> {
    let bad = |message: &str| Err(ReplicaError::invalid(field, message));
    match kind {
        Kind::Str { min, max } => {
            let Some(s) = value.as_str() else {
                return bad("must be text");
            };
            let len = s.chars().count();
            if len < min {
                return bad(if min == 1 {
                    "must not be empty"
                } else {
                    "is too short"
                });
            }
            if let Some(max) = max {
                if len > max {
                    return Err(ReplicaError::invalid(
                        field,
                        format!("must be at most {max} characters (is {len})"),
                    ));
                }
            }
            Ok(())
        }
        Kind::Enum(allowed) => match value.as_str() {
            Some(s) if allowed.contains(&s) => Ok(()),
            _ => Err(ReplicaError::invalid(
                field,
                format!("must be one of {}", allowed.join(", ")),
            )),
        },
        Kind::Uuid => match value.as_str().map(uuid::Uuid::parse_str) {
            Some(Ok(_)) => Ok(()),
            _ => bad("must be a UUID"),
        },
        Kind::DateTime => match value.as_str().and_then(parse_time) {
            Some(_) => Ok(()),
            None => bad("must be an RFC 3339 date-time such as 2026-03-29T09:00:00Z"),
        },
        Kind::Bool => match value {
            Value::Bool(_) => Ok(()),
            _ => bad("must be true or false"),
        },
        Kind::Object => match value {
            Value::Object(_) => Ok(()),
            _ => bad("must be an object"),
        },
        Kind::Int { min, max } => match value.as_i64() {
            Some(n) if n >= min && n <= max => Ok(()),
            Some(_) if max == i64::MAX => Err(ReplicaError::invalid(
                field,
                format!("must be at least {min}"),
            )),
            Some(_) => Err(ReplicaError::invalid(
                field,
                format!("must be between {min} and {max}"),
            )),
            None => bad("must be a whole number"),
        },
        Kind::IntArray { min, max } => {
            let Some(items) = value.as_array() else {
                return bad("must be a list of numbers");
            };
            for item in items {
                match item.as_i64() {
                    Some(n) if n >= min && n <= max => {}
                    _ => {
                        return Err(ReplicaError::invalid(
                            field,
                            format!("values must be whole numbers from {min} to {max}"),
                        ))
                    }
                }
            }
            Ok(())
        }
        Kind::StrArray { max } => {
            let Some(items) = value.as_array() else {
                return bad("must be a list of text values");
            };
            for item in items {
                match item.as_str() {
                    Some(s) if !s.trim().is_empty() && s.chars().count() <= max => {}
                    _ => {
                        return Err(ReplicaError::invalid(
                            field,
                            format!("values must be text of 1 to {max} characters"),
                        ))
                    }
                }
            }
            Ok(())
        }
        Kind::Email => match value.as_str() {
            Some(s) if is_email(s) => Ok(()),
            _ => bad(
                "must be an email address such as anna@example.com (letters outside ASCII, \
                 such as ü, are not allowed)",
            ),
        },
        Kind::Uri => match value.as_str() {
            Some(s) if is_uri(s) => Ok(()),
            _ => bad(
                "must be an absolute URI such as https://example.com (spaces, <, >, | and \
                 letters outside ASCII must be percent-encoded)",
            ),
        },
        Kind::TimeZone => {
            let Some(s) = value.as_str() else {
                return bad("must be text");
            };
            if s.is_empty() || s.chars().count() > 64 {
                return bad("must be 1 to 64 characters");
            }
            match s.parse::<Tz>() {
                Ok(_) => Ok(()),
                Err(_) => Err(ReplicaError::invalid(
                    field,
                    format!("{s:?} is not an IANA time zone (e.g. Europe/Berlin)"),
                )),
            }
        }
        Kind::Slug => match value.as_str() {
            Some(s) if outpost_model::rules::is_slug(s) => Ok(()),
            _ => {
                bad("must be a slug: 1 to 63 of a-z, 0-9 and '-', not starting or ending with '-'")
            }
        },
        Kind::Cron => match value.as_str().map(outpost_model::rules::cron) {
            Some(Ok(())) => Ok(()),
            Some(Err(why)) => Err(ReplicaError::invalid(
                field,
                format!("is not a cron expression: {why}"),
            )),
            None => bad("must be text"),
        },
        Kind::Path => match value.as_str() {
            Some(s) if s.starts_with('/') && !s.chars().any(char::is_whitespace) => Ok(()),
            _ => bad("must be a path: it starts with '/' and has no spaces"),
        },
        Kind::KeyValues => check_key_values(field, value),
        Kind::Address => {
            let Some(map) = value.as_object() else {
                return bad("must be an object");
            };
            for (k, v) in map {
                if !(v.is_null() || v.is_string()) && ADDRESS_KNOWN.contains(&k.as_str()) {
                    return Err(ReplicaError::invalid(
                        format!("{field}.{k}"),
                        "must be text or null",
                    ));
                }
            }
            Ok(())
        }
    }
}

/// A list of `{Key, Value}` text pairs, keys unique and not blank; the error names the pair.
fn check_key_values(field: &str, value: &Value) -> Result<()> {
    let Some(items) = value.as_array() else {
        return Err(ReplicaError::invalid(
            field,
            "must be a list of {Key, Value} pairs",
        ));
    };
    let mut seen = std::collections::HashSet::new();
    for (i, item) in items.iter().enumerate() {
        let at = |part: &str| format!("{field}[{i}].{part}");
        let Some(pair) = item.as_object() else {
            return Err(ReplicaError::invalid(
                format!("{field}[{i}]"),
                "must be a {Key, Value} pair",
            ));
        };
        if let Some(other) = pair.keys().find(|k| *k != "Key" && *k != "Value") {
            return Err(ReplicaError::invalid(
                at(other),
                "is not a part of a pair (Key, Value)",
            ));
        }
        let key = match pair.get("Key").and_then(Value::as_str) {
            Some(k) if !k.trim().is_empty() => k,
            _ => return Err(ReplicaError::invalid(at("Key"), "must be text, not blank")),
        };
        if !pair.get("Value").is_some_and(Value::is_string) {
            return Err(ReplicaError::invalid(at("Value"), "must be text"));
        }
        if !seen.insert(key) {
            return Err(ReplicaError::invalid(
                at("Key"),
                format!("{key:?} is already a key of this list"),
            ));
        }
    }
    Ok(())
}

/// `endsAt` must be after `startsAt` (in the record as it would be after the edit).
pub(crate) fn check_time_range(fields: &Fields, start_key: &str, end_key: &str) -> Result<()> {
    let start = fields
        .get(start_key)
        .and_then(Value::as_str)
        .and_then(parse_time);
    let end = fields
        .get(end_key)
        .and_then(Value::as_str)
        .and_then(parse_time);
    if let (Some(start), Some(end)) = (start, end) {
        if end <= start {
            return Err(ReplicaError::invalid(
                end_key,
                format!("must be after {start_key}"),
            ));
        }
    }
    Ok(())
}

#[cfg(test)]
mod tests {
    use super::*;
    use serde_json::json;

    fn obj(v: Value) -> Fields {
        v.as_object().unwrap().clone()
    }

    #[test]
    fn each_rule_names_its_field() {
        let cases = [
            (json!({"kind": "x", "name": "A", "timezone": "UTC"}), "kind"),
            (
                json!({"kind": "tenant_shared", "name": "", "timezone": "UTC"}),
                "name",
            ),
            (
                json!({"kind": "tenant_shared", "name": "A".repeat(256), "timezone": "UTC"}),
                "name",
            ),
            (
                json!({"kind": "tenant_shared", "name": "A", "timezone": "Mars/Olympus"}),
                "timezone",
            ),
            (json!({"kind": "tenant_shared", "timezone": "UTC"}), "name"),
            (
                json!({"kind": "tenant_shared", "name": "A", "timezone": "UTC", "colour": "red"}),
                "colour",
            ),
            (
                json!({"kind": "tenant_shared", "name": "A", "timezone": "UTC", "linkedUserId": "nope"}),
                "linkedUserId",
            ),
            (
                json!({"kind": "tenant_shared", "name": "A", "timezone": "UTC", "policy": []}),
                "policy",
            ),
        ];
        for (fields, field) in cases {
            let err = check(
                &obj(fields.clone()),
                CALENDAR_CREATE,
                CALENDAR_CREATE_REQUIRED,
                false,
            )
            .unwrap_err();
            assert_eq!(err.field(), Some(field), "{fields}: {err}");
        }
        check(&obj(json!({"kind": "tenant_shared", "name": "Ä".repeat(255), "timezone": "America/New_York"})), CALENDAR_CREATE, CALENDAR_CREATE_REQUIRED, false).unwrap();
    }

    #[test]
    fn contact_nulls_are_allowed_only_in_patches() {
        let patch = obj(json!({"email": null, "notes": null}));
        check(&patch, CONTACT_FIELDS, &[], true).unwrap();
        assert_eq!(
            check(&patch, CONTACT_FIELDS, &[], false)
                .unwrap_err()
                .field(),
            Some("email")
        );
        let err = check(
            &obj(json!({"notes": "n".repeat(2001)})),
            CONTACT_FIELDS,
            &[],
            false,
        )
        .unwrap_err();
        assert_eq!(err.field(), Some("notes"));
        let err = check(
            &obj(json!({"address": {"city": 7}})),
            CONTACT_FIELDS,
            &[],
            false,
        )
        .unwrap_err();
        assert_eq!(err.field(), Some("address.city"));
    }

    /// Mailboxes of RFC 5321 §4.1.2, the seed's `format: email`.
    #[test]
    fn email_is_an_rfc_5321_mailbox() {
        let local_64 = format!("{}@example.com", "a".repeat(64));
        let local_65 = format!("{}@example.com", "a".repeat(65));
        // 4 labels of 63 and their dots: 255 octets of domain, then one more.
        let domain = vec!["b".repeat(63); 4].join(".");
        let domain_255 = format!("a@{domain}");
        let domain_256 = format!("a@c{domain}");
        for ok in [
            "anna.mueller@example.co.uk",
            "user@localhost",
            "first.last+tag@mail.example.org",
            "!#$%&'*+-/=?^_`{|}~@example.com",
            "\"quoted local\"@example.com",
            "\"a@b\"@example.com",
            "\"a\\\"b\\\\c\"@example.com",
            "\"\"@example.com",
            "\"a..b\"@example.com",
            "user@123.example",
            "user@x-1.example",
            "user@[127.0.0.1]",
            "user@[010.0.0.1]",
            "user@[IPv6:2001:db8::1]",
            "user@[ipv6:::1]",
            "user@[IPv6:1:2:3:4:5:6:7:8]",
            "user@[IPv6:1:2:3:4:5:6::]",
            "user@[IPv6:::ffff:192.0.2.1]",
            "user@[IPv6:1:2:3:4:5:6:192.0.2.1]",
            local_64.as_str(),
            domain_255.as_str(),
        ] {
            assert!(is_email(ok), "should be valid: {ok}");
        }
        for bad in [
            "",
            "anna",
            "@example.com",
            "anna@",
            "a@b@example.com",
            "a..b@example.com",
            ".a@example.com",
            "a.@example.com",
            "an na@example.com",
            "a@example..com",
            "a@example.com.",
            "a@.example.com",
            "a@-example.com",
            "a@example-.com",
            "a@exa_mple.com",
            "ü@example.com",
            "a@müller.de",
            "Name <a@example.com>",
            "a@example.com\n",
            "\"unterminated@example.com",
            "\"a\"b\"@example.com",
            "\"tab\there\"@example.com",
            "\"ü\"@example.com",
            "user@[999.0.0.1]",
            "user@[1.2.3]",
            "user@[1.2.3.4.5]",
            "user@[0001.0.0.1]",
            "user@[::1]",
            "user@[IPv6:1:2:3:4:5:6:7::]",
            "user@[IPv6:1::2::3]",
            "user@[IPv6:12345::1]",
            "user@[IPv6:1:2:3:4:5::192.0.2.1]",
            "user@[tag:anything]",
            "user@127.0.0.1]",
            local_65.as_str(),
            domain_256.as_str(),
        ] {
            assert!(!is_email(bad), "should be refused: {bad}");
        }
    }

    /// Absolute URIs of RFC 3986 §3, the seed's `format: uri`.
    #[test]
    fn uri_is_an_rfc_3986_uri() {
        for ok in [
            "https://example.com/x",
            "HTTPS://EXAMPLE.COM",
            "https://example.com/a?b=1&c=%20#frag?/",
            "http://user:pw@example.com:8080/p;x=1/@:",
            "http://example.com:/",
            "http:///only/a/path",
            "file:///etc/hosts",
            "http://[::1]:8080/",
            "http://[2001:db8::192.0.2.1]/",
            "http://[1:2:3:4:5:6:7::]/",
            "http://[v1.fe80::a+en1]/",
            "mailto:a@b.c",
            "tel:+1-555-0100",
            "urn:isbn:0451450523",
            "a+b-c.d:x",
            "x:",
            "https:",
            "x:/",
            "x:a:b@c",
        ] {
            assert!(is_uri(ok), "should be valid: {ok}");
        }
        for bad in [
            "",
            ":",
            "example.com",
            "/relative/path",
            "://x",
            "1http://x",
            "ht tp://x",
            "http://a b",
            "http://a<b",
            "http://example.com/a|b",
            "http://example.com/{x}",
            "http://example.com/a^b",
            "http://example.com/\\",
            "http://example.com/ä",
            "https://müller.de",
            "http://example.com/%zz",
            "http://example.com/%2",
            "http://a#b#c",
            "http://[::1",
            "http://[::1]x",
            "http://[::1%25eth0]/",
            "http://[1.2.3.4]/",
            "http://[::01.2.3.4]/",
            "http://ex[ample].com/",
            "http://example.com:80a/",
            "http://a@b@c/",
            "x:[",
            "http://example.com/\n",
        ] {
            assert!(!is_uri(bad), "should be refused: {bad}");
        }
    }

    #[test]
    fn format_errors_name_their_field() {
        for (fields, field) in [
            (json!({"email": "a..b@example.com"}), "email"),
            (json!({"email": ""}), "email"),
            (json!({"url": "https://example.com/<"}), "url"),
            (json!({"url": ""}), "url"),
        ] {
            let err = check(&obj(fields.clone()), CONTACT_FIELDS, &[], false).unwrap_err();
            assert_eq!(err.field(), Some(field), "{fields}: {err}");
        }
        let fine = obj(json!({"email": "ops@localhost", "url": "x:"}));
        check(&fine, CONTACT_FIELDS, &[], false).unwrap();
    }

    #[test]
    fn ranges_and_arrays() {
        let err = check(&obj(json!({"channel": "email", "calendarId": uuid::Uuid::nil().to_string(), "offsetMinutes": 10081})), REMINDER_CREATE, REMINDER_CREATE_REQUIRED, false).unwrap_err();
        assert_eq!(err.field(), Some("offsetMinutes"));
        let err = check(
            &obj(json!({"byWeekday": [0, 7]})),
            MASTER_CREATE,
            &[],
            false,
        )
        .unwrap_err();
        assert_eq!(err.field(), Some("byWeekday"));
        let err = check(&obj(json!({"intervalCount": 0})), MASTER_CREATE, &[], false).unwrap_err();
        assert_eq!(err.field(), Some("intervalCount"));
        let err = check_time_range(
            &obj(json!({"startsAt": "2026-01-01T10:00:00Z", "endsAt": "2026-01-01T10:00:00Z"})),
            "startsAt",
            "endsAt",
        )
        .unwrap_err();
        assert_eq!(err.field(), Some("endsAt"));
    }
}
