//! Request bodies checked the way the seed's schemas say: JSON objects, no unknown properties
//! where `additionalProperties` is false, required fields, types and lengths. Failures answer
//! 400 (not JSON) or 422 naming the field.

use axum::http::StatusCode;
use serde_json::{json, Map, Value};

use crate::error::ApiError;

mod formats;
mod pattern;
pub(crate) mod schema;

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
        let body = Self::parse_any(bytes)?;
        if let Some(extra) = body.0.keys().find(|k| !allowed.contains(&k.as_str())) {
            return Err(invalid(extra, "is not an allowed property"));
        }
        Ok(body)
    }

    /// Parses `bytes` as a JSON object (an empty body is an empty object).
    pub fn parse_any(bytes: &[u8]) -> Result<Self, ApiError> {
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

    /// An absolute URI (RFC 3986, the seed's `format: uri`) by the RFC's grammar (see
    /// `body::formats`). Any scheme: `mailto:`, `tel:` and `urn:` are URIs as much as `https:`.
    pub fn uri<'a>(&self, field: &str, value: &'a str) -> Result<&'a str, ApiError> {
        if formats::is_uri(value) {
            Ok(value)
        } else {
            Err(invalid(field, "must be an absolute URI (scheme:...)"))
        }
    }

    /// A mailbox as the seed's `format: email` says (RFC 5321): `user@localhost`, a quoted
    /// local part and an address literal are addresses too.
    pub fn email<'a>(&self, field: &str, value: &'a str) -> Result<&'a str, ApiError> {
        if formats::is_email(value) {
            Ok(value)
        } else {
            Err(invalid(field, "must be an email address"))
        }
    }
}
