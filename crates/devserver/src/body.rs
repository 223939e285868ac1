//! Request bodies checked the way the seed's schemas say: JSON objects, no unknown properties
//! where `additionalProperties` is false, required fields, types and lengths. Failures answer
//! 400 (not JSON) or 422 naming the field.

use axum::http::StatusCode;
use serde_json::{json, Map, Value};

use crate::error::ApiError;

pub struct Body(pub Map<String, Value>);

/// A 422 naming the field (in the message and in `details.field`).
pub(crate) fn invalid(field: &str, message: impl Into<String>) -> ApiError {
    let message = message.into();
    let mut e = ApiError::new(
        StatusCode::UNPROCESSABLE_ENTITY,
        "VALIDATION_ERROR",
        format!("{field}: {message}"),
    );
    e.details = Some(json!({ "field": field, "reason": message }));
    e
}

impl Body {
    /// Parses `bytes` as a JSON object allowing only `allowed` properties.
    pub fn parse(bytes: &[u8], allowed: &[&str]) -> Result<Self, ApiError> {
        let value: Value = if bytes.iter().all(u8::is_ascii_whitespace) {
            Value::Object(Map::new())
        } else {
            serde_json::from_slice(bytes).map_err(|e| {
                ApiError::new(
                    StatusCode::BAD_REQUEST,
                    "BAD_REQUEST",
                    format!("the body is not valid JSON: {e}"),
                )
            })?
        };
        let Value::Object(map) = value else {
            return Err(invalid("body", "must be a JSON object"));
        };
        if let Some(extra) = map.keys().find(|k| !allowed.contains(&k.as_str())) {
            return Err(invalid(extra, "is not an allowed property"));
        }
        Ok(Self(map))
    }

    pub fn str(&self, field: &str) -> Result<Option<&str>, ApiError> {
        match self.0.get(field) {
            None | Some(Value::Null) => Ok(None),
            Some(Value::String(s)) => Ok(Some(s)),
            Some(_) => Err(invalid(field, "must be a string")),
        }
    }

    pub fn required_str(&self, field: &str) -> Result<&str, ApiError> {
        self.str(field)?
            .ok_or_else(|| invalid(field, "is required"))
    }

    pub fn bool(&self, field: &str) -> Result<Option<bool>, ApiError> {
        match self.0.get(field) {
            None | Some(Value::Null) => Ok(None),
            Some(Value::Bool(b)) => Ok(Some(*b)),
            Some(_) => Err(invalid(field, "must be a boolean")),
        }
    }

    /// A string with a length between `min` and `max` characters.
    pub fn sized<'a>(
        &self,
        field: &str,
        value: &'a str,
        min: usize,
        max: usize,
    ) -> Result<&'a str, ApiError> {
        let n = value.chars().count();
        if n < min {
            return Err(invalid(field, format!("must be at least {min} characters")));
        }
        if n > max {
            return Err(invalid(field, format!("must be at most {max} characters")));
        }
        Ok(value)
    }

    pub fn one_of<'a>(
        &self,
        field: &str,
        value: &'a str,
        allowed: &[&str],
    ) -> Result<&'a str, ApiError> {
        if allowed.contains(&value) {
            Ok(value)
        } else {
            Err(invalid(
                field,
                format!("must be one of {}", allowed.join(", ")),
            ))
        }
    }

    pub fn uuid<'a>(&self, field: &str, value: &'a str) -> Result<&'a str, ApiError> {
        uuid::Uuid::parse_str(value)
            .map(|_| value)
            .map_err(|_| invalid(field, "must be a UUID"))
    }

    /// An absolute URI (RFC 3986, the seed's `format: uri`): a scheme, a colon, and the rest
    /// in URI characters. Any scheme: `mailto:`, `tel:` and `urn:` are URIs as much as `https:`.
    pub fn uri<'a>(&self, field: &str, value: &'a str) -> Result<&'a str, ApiError> {
        if is_uri(value) {
            Ok(value)
        } else {
            Err(invalid(field, "must be an absolute URI (scheme:...)"))
        }
    }

    pub fn email<'a>(&self, field: &str, value: &'a str) -> Result<&'a str, ApiError> {
        let ok = value.split_once('@').is_some_and(|(local, domain)| {
            !local.is_empty()
                && domain.contains('.')
                && !domain.starts_with('.')
                && !domain.ends_with('.')
        });
        if ok && !value.contains(char::is_whitespace) {
            Ok(value)
        } else {
            Err(invalid(field, "must be an email address"))
        }
    }
}

fn is_uri(value: &str) -> bool {
    let Some((scheme, rest)) = value.split_once(':') else {
        return false;
    };
    let mut scheme_chars = scheme.chars();
    let scheme_ok = scheme_chars.next().is_some_and(|c| c.is_ascii_alphabetic())
        && scheme_chars.all(|c| c.is_ascii_alphanumeric() || matches!(c, '+' | '-' | '.'));
    if !scheme_ok {
        return false;
    }
    // Unreserved, reserved and percent-encoded characters only.
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
        let allowed = b.is_ascii_alphanumeric() || b"-._~:/?#[]@!$&'()*+,;=".contains(&b);
        if !allowed {
            return false;
        }
        i += 1;
    }
    true
}

#[cfg(test)]
mod tests {
    use super::is_uri;

    #[test]
    fn any_absolute_uri_is_a_uri() {
        for ok in [
            "https://example.com/a?b=1#c",
            "http://[::1]:8080/",
            "mailto:someone@example.com",
            "tel:+1-555-0100",
            "urn:isbn:0451450523",
            "ftp://ftp.example.com/a%20b",
        ] {
            assert!(is_uri(ok), "{ok}");
        }
        for bad in [
            "",
            "example.com",
            "not a uri",
            "1http://x",
            "http://a b",
            "x:%zz",
            ":x",
        ] {
            assert!(!is_uri(bad), "{bad}");
        }
    }
}
