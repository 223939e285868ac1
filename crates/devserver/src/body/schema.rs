//! Request bodies checked against the seed's own request schema for their endpoint, for the
//! administration routes: the schema files under `schemas/` (generated from the seed, checked
//! by the tests) are embedded at build time with [`request_schema!`], so a route checks exactly
//! what the seed says and nothing needs writing twice. The keywords are those the seed's
//! request schemas use: types (with null), enums, lengths, bounds, the formats uuid, email, uri,
//! date and date-time, patterns (`body::pattern`), required and unknown properties, items and
//! their counts, anyOf.
//! A refusal is a 422 naming the property (`settings.theme`, `userIds[2]`).

use serde_json::{Map, Value};

use super::{formats, invalid, Body};
use crate::error::ApiError;

/// The request schema of a schema file under `schemas/`, parsed once:
/// `request_schema!("POST__secure__groups__create")`.
macro_rules! request_schema {
    ($file:literal) => {{
        static SCHEMA: std::sync::OnceLock<serde_json::Value> = std::sync::OnceLock::new();
        SCHEMA.get_or_init(|| {
            $crate::body::schema::request_of(include_str!(concat!(
                env!("CARGO_MANIFEST_DIR"),
                "/schemas/",
                $file,
                ".json"
            )))
        })
    }};
}
pub(crate) use request_schema;

/// The schema of one answer in a schema file under `schemas/`, parsed once:
/// `response_schema!("GET__secure__tenants__{id}__settings", "200")`. For what the seed's
/// answer shape holds that no request schema says (the settings a category may hold).
macro_rules! response_schema {
    ($file:literal, $status:literal) => {{
        static SCHEMA: std::sync::OnceLock<serde_json::Value> = std::sync::OnceLock::new();
        SCHEMA.get_or_init(|| {
            $crate::body::schema::response_of(
                include_str!(concat!(
                    env!("CARGO_MANIFEST_DIR"),
                    "/schemas/",
                    $file,
                    ".json"
                )),
                $status,
            )
        })
    }};
}
pub(crate) use response_schema;

/// The `request` of a schema file's text.
pub fn request_of(file: &str) -> Value {
    let parsed: Value = serde_json::from_str(file).expect("the schema files are JSON");
    parsed["request"].clone()
}

/// The answer schema for `status` of a schema file's text.
pub fn response_of(file: &str, status: &str) -> Value {
    let parsed: Value = serde_json::from_str(file).expect("the schema files are JSON");
    parsed["responses"][status].clone()
}

impl Body {
    /// [`Body::checked`] for an endpoint whose seed entry answers validation errors with its
    /// "400 Bad Request - Validation error" and lists no 422.
    pub fn checked_400(bytes: &[u8], schema: &Value) -> Result<Self, ApiError> {
        Body::checked(bytes, schema).map_err(|mut e| {
            if e.code == "VALIDATION_ERROR" {
                e.status = axum::http::StatusCode::BAD_REQUEST;
            }
            e
        })
    }

    /// Parses `bytes` as a JSON object and checks it against `schema` (a request schema of
    /// the seed).
    pub fn checked(bytes: &[u8], schema: &Value) -> Result<Self, ApiError> {
        let body = Body::parse_any(bytes)?;
        check(schema, &Value::Object(body.0.clone()), "")?;
        Ok(body)
    }
}

fn join(at: &str, name: &str) -> String {
    if at.is_empty() {
        name.to_string()
    } else {
        format!("{at}.{name}")
    }
}

fn types(schema: &Value) -> Vec<&str> {
    match &schema["type"] {
        Value::String(t) => vec![t.as_str()],
        Value::Array(ts) => ts.iter().filter_map(Value::as_str).collect(),
        _ => Vec::new(),
    }
}

fn is_type(value: &Value, t: &str) -> bool {
    match t {
        "null" => value.is_null(),
        "boolean" => value.is_boolean(),
        "string" => value.is_string(),
        "object" => value.is_object(),
        "array" => value.is_array(),
        "number" => value.is_number(),
        "integer" => {
            value.is_i64() || value.is_u64() || value.as_f64().is_some_and(|f| f.fract() == 0.0)
        }
        _ => true,
    }
}

/// The name a refusal gives: the property, or the body as a whole.
fn named(at: &str) -> &str {
    if at.is_empty() {
        "body"
    } else {
        at
    }
}

/// Checks `value` at `at` (a property path; empty for the body) against `schema`.
pub fn check(schema: &Value, value: &Value, at: &str) -> Result<(), ApiError> {
    if let Some(branches) = schema["anyOf"].as_array().or(schema["oneOf"].as_array()) {
        any_branch(branches, value, at)?;
    }
    let ts = types(schema);
    if !ts.is_empty() && !ts.iter().any(|t| is_type(value, t)) {
        return Err(invalid(
            named(at),
            format!("must be of type {}", ts.join(" or ")),
        ));
    }
    if let Some(listed) = schema["enum"].as_array() {
        if !listed.contains(value) {
            let names: Vec<String> = listed.iter().map(|v| v.to_string()).collect();
            return Err(invalid(
                named(at),
                format!("must be one of {}", names.join(", ")),
            ));
        }
    }
    match value {
        Value::String(s) => string(schema, s, at),
        Value::Number(n) => number(schema, n.as_f64().unwrap_or(0.0), at),
        Value::Array(items) => array(schema, items, at),
        Value::Object(map) => object(schema, map, at),
        _ => Ok(()),
    }
}

/// One of `branches` must accept `value`; the keywords beside them apply as well. When none
/// does, the branch of the value's own type says best what is wrong with it.
fn any_branch(branches: &[Value], value: &Value, at: &str) -> Result<(), ApiError> {
    let mut first_problem = None;
    for branch in branches {
        match check(branch, value, at) {
            Ok(()) => return Ok(()),
            Err(e) => {
                let fits = types(branch).iter().any(|t| is_type(value, t));
                if fits || first_problem.is_none() {
                    first_problem = Some(e);
                }
                if fits {
                    break;
                }
            }
        }
    }
    Err(first_problem.unwrap_or_else(|| invalid(named(at), "does not match the schema")))
}

fn string(schema: &Value, s: &str, at: &str) -> Result<(), ApiError> {
    let n = s.chars().count() as u64;
    if let Some(min) = schema["minLength"].as_u64().filter(|m| n < *m) {
        return Err(invalid(
            named(at),
            format!("must be at least {min} characters"),
        ));
    }
    if let Some(max) = schema["maxLength"].as_u64().filter(|m| n > *m) {
        return Err(invalid(
            named(at),
            format!("must be at most {max} characters"),
        ));
    }
    let ok = match schema["format"].as_str() {
        Some("uuid") => uuid::Uuid::parse_str(s).is_ok(),
        Some("email") => formats::is_email(s),
        Some("uri") => formats::is_uri(s),
        Some("date-time") => chrono::DateTime::parse_from_rfc3339(s).is_ok(),
        Some("date") => chrono::NaiveDate::parse_from_str(s, "%Y-%m-%d").is_ok(),
        _ => true,
    };
    if !ok {
        let format = schema["format"].as_str().unwrap_or_default();
        return Err(invalid(named(at), format!("must be a valid {format}")));
    }
    if let Some(pattern) = schema["pattern"].as_str() {
        if super::pattern::matches(pattern, s) == Some(false) {
            return Err(invalid(named(at), format!("must match {pattern}")));
        }
    }
    Ok(())
}

fn number(schema: &Value, n: f64, at: &str) -> Result<(), ApiError> {
    if let Some(min) = schema["minimum"].as_f64().filter(|m| n < *m) {
        return Err(invalid(named(at), format!("must be at least {min}")));
    }
    if let Some(max) = schema["maximum"].as_f64().filter(|m| n > *m) {
        return Err(invalid(named(at), format!("must be at most {max}")));
    }
    Ok(())
}

fn array(schema: &Value, items: &[Value], at: &str) -> Result<(), ApiError> {
    let n = items.len() as u64;
    if let Some(min) = schema["minItems"].as_u64().filter(|m| n < *m) {
        return Err(invalid(
            named(at),
            format!("must have at least {min} items"),
        ));
    }
    if let Some(max) = schema["maxItems"].as_u64().filter(|m| n > *m) {
        return Err(invalid(named(at), format!("must have at most {max} items")));
    }
    if let Some(item) = schema.get("items") {
        for (i, v) in items.iter().enumerate() {
            check(item, v, &format!("{}[{i}]", named(at)))?;
        }
    }
    Ok(())
}

fn object(schema: &Value, map: &Map<String, Value>, at: &str) -> Result<(), ApiError> {
    if let Some(min) = schema["minProperties"].as_u64() {
        if (map.len() as u64) < min {
            return Err(invalid(
                named(at),
                format!("must have at least {min} properties"),
            ));
        }
    }
    // What is there is checked before what is missing: a wrong value says more than the
    // absence of its neighbour.
    let props = schema["properties"].as_object();
    for (name, value) in map {
        match props.and_then(|p| p.get(name)) {
            Some(prop) => check(prop, value, &join(at, name))?,
            None => match &schema["additionalProperties"] {
                Value::Bool(false) => {
                    return Err(invalid(&join(at, name), "is not an allowed property"));
                }
                extra @ Value::Object(_) => check(extra, value, &join(at, name))?,
                _ => {}
            },
        }
    }
    for name in schema["required"].as_array().into_iter().flatten() {
        let name = name.as_str().unwrap_or_default();
        if !map.contains_key(name) {
            return Err(invalid(&join(at, name), "is required"));
        }
    }
    Ok(())
}

#[cfg(test)]
mod tests {
    use super::*;
    use serde_json::json;

    fn field(schema: &Value, body: Value) -> Option<String> {
        check(schema, &body, "")
            .err()
            .map(|e| e.details.unwrap()["field"].as_str().unwrap().to_string())
    }

    #[test]
    fn names_the_property_that_breaks_the_schema() {
        let schema = json!({
            "type": "object", "additionalProperties": false, "required": ["name"],
            "properties": {
                "name": {"type": "string", "minLength": 1, "maxLength": 3},
                "userId": {"type": "string", "format": "uuid"},
                "ids": {"type": "array", "items": {"type": "string", "format": "uuid"}},
                "settings": {"anyOf": [{"type": "object", "properties": {"on": {"type": "boolean"}}}, {"type": "null"}]},
                "count": {"type": "integer", "minimum": 1},
                "kind": {"type": "string", "enum": ["a", "b"]}
            }
        });
        assert_eq!(field(&schema, json!({"name": "ok"})), None);
        assert_eq!(field(&schema, json!({})).as_deref(), Some("name"));
        assert_eq!(field(&schema, json!({"name": ""})).as_deref(), Some("name"));
        assert_eq!(
            field(&schema, json!({"name": "long"})).as_deref(),
            Some("name")
        );
        let bad_id = json!({"name": "a", "userId": "x"});
        assert_eq!(field(&schema, bad_id).as_deref(), Some("userId"));
        let bad_item = json!({"name": "a", "ids": [uuid::Uuid::nil().to_string(), "x"]});
        assert_eq!(field(&schema, bad_item).as_deref(), Some("ids[1]"));
        let nested = json!({"name": "a", "settings": {"on": 3}});
        assert_eq!(field(&schema, nested).as_deref(), Some("settings.on"));
        assert_eq!(field(&schema, json!({"name": "a", "settings": null})), None);
        assert_eq!(
            field(&schema, json!({"name": "a", "count": 0})).as_deref(),
            Some("count")
        );
        assert_eq!(
            field(&schema, json!({"name": "a", "count": 1.5})).as_deref(),
            Some("count")
        );
        assert_eq!(
            field(&schema, json!({"name": "a", "kind": "c"})).as_deref(),
            Some("kind")
        );
        assert_eq!(
            field(&schema, json!({"name": "a", "x": 1})).as_deref(),
            Some("x")
        );
    }
}
