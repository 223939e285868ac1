//! A structural validator for the JSON Schema subset the seed uses: `type` (one or a list),
//! `nullable`, `enum`, `anyOf`/`oneOf`/`allOf`, `properties` with `required` and
//! `additionalProperties` (false or a schema), `items`, lengths and bounds, and the formats
//! `date-time`, `date`, `uuid` and `email`. Every problem is reported with its JSON path.

use serde_json::Value;

fn type_matches(name: &str, v: &Value) -> bool {
    match name {
        "string" => v.is_string(),
        "number" => v.is_number(),
        "integer" => v.is_i64() || v.is_u64(),
        "boolean" => v.is_boolean(),
        "object" => v.is_object(),
        "array" => v.is_array(),
        "null" => v.is_null(),
        _ => true,
    }
}

fn format_holds(format: &str, s: &str) -> bool {
    match format {
        "date-time" => chrono::DateTime::parse_from_rfc3339(s).is_ok(),
        "date" => chrono::NaiveDate::parse_from_str(s, "%Y-%m-%d").is_ok(),
        "uuid" => uuid::Uuid::parse_str(s).is_ok(),
        "email" => s
            .split_once('@')
            .is_some_and(|(a, b)| !a.is_empty() && !b.is_empty()),
        _ => true,
    }
}

/// The problems of `value` against `schema`, each as "path: what".
pub fn problems(schema: &Value, value: &Value) -> Vec<String> {
    let mut out = Vec::new();
    check(schema, value, "$", &mut out);
    out
}

fn check(schema: &Value, v: &Value, path: &str, out: &mut Vec<String>) {
    let Some(s) = schema.as_object() else {
        return;
    };
    if v.is_null() && s.get("nullable") == Some(&Value::Bool(true)) {
        return;
    }
    for key in ["anyOf", "oneOf"] {
        if let Some(options) = s.get(key).and_then(Value::as_array) {
            let fits = options.iter().filter(|o| problems(o, v).is_empty()).count();
            let ok = if key == "oneOf" { fits == 1 } else { fits >= 1 };
            if !ok {
                out.push(format!("{path}: {v} fits {fits} of the {key} options"));
            }
        }
    }
    if let Some(all) = s.get("allOf").and_then(Value::as_array) {
        for sub in all {
            check(sub, v, path, out);
        }
    }
    if let Some(t) = s.get("type") {
        let names: Vec<&str> = match t {
            Value::String(n) => vec![n.as_str()],
            Value::Array(a) => a.iter().filter_map(Value::as_str).collect(),
            _ => vec![],
        };
        if !names.is_empty() && !names.iter().any(|n| type_matches(n, v)) {
            out.push(format!("{path}: expected {}, got {v}", names.join(" or ")));
            return;
        }
    }
    if let Some(allowed) = s.get("enum").and_then(Value::as_array) {
        if !allowed.contains(v) {
            out.push(format!(
                "{path}: {v} is not one of {}",
                Value::from(allowed.clone())
            ));
        }
    }
    match v {
        Value::String(text) => {
            if let Some(f) = s.get("format").and_then(Value::as_str) {
                if !format_holds(f, text) {
                    out.push(format!("{path}: {text:?} is not a {f}"));
                }
            }
            let n = text.chars().count() as u64;
            if s.get("minLength")
                .and_then(Value::as_u64)
                .is_some_and(|m| n < m)
            {
                out.push(format!("{path}: shorter than minLength"));
            }
            if s.get("maxLength")
                .and_then(Value::as_u64)
                .is_some_and(|m| n > m)
            {
                out.push(format!("{path}: longer than maxLength"));
            }
        }
        Value::Number(n) => {
            let x = n.as_f64().unwrap_or_default();
            if s.get("minimum")
                .and_then(Value::as_f64)
                .is_some_and(|m| x < m)
            {
                out.push(format!("{path}: {x} is below the minimum"));
            }
            if s.get("maximum")
                .and_then(Value::as_f64)
                .is_some_and(|m| x > m)
            {
                out.push(format!("{path}: {x} is above the maximum"));
            }
        }
        Value::Array(items) => {
            if let Some(item_schema) = s.get("items") {
                for (i, item) in items.iter().enumerate() {
                    check(item_schema, item, &format!("{path}[{i}]"), out);
                }
            }
        }
        Value::Object(map) => {
            let props = s.get("properties").and_then(Value::as_object);
            for name in s
                .get("required")
                .and_then(Value::as_array)
                .into_iter()
                .flatten()
                .filter_map(Value::as_str)
            {
                if !map.contains_key(name) {
                    out.push(format!("{path}: required field {name} is missing"));
                }
            }
            for (key, value) in map {
                let sub = format!("{path}.{key}");
                match (
                    props.and_then(|p| p.get(key)),
                    s.get("additionalProperties"),
                ) {
                    (Some(p), _) => check(p, value, &sub, out),
                    (None, Some(Value::Bool(false))) => {
                        out.push(format!("{sub}: not a property the schema allows"))
                    }
                    (None, Some(extra @ Value::Object(_))) => check(extra, value, &sub, out),
                    (None, _) => {}
                }
            }
        }
        _ => {}
    }
}

#[cfg(test)]
mod tests {
    use super::*;
    use serde_json::json;

    #[test]
    fn each_rule_can_fail() {
        let schema = json!({
            "type": "object", "additionalProperties": false, "required": ["id", "kind"],
            "properties": {
                "id": { "type": "string", "format": "uuid" },
                "kind": { "type": "string", "enum": ["a", "b"] },
                "at": { "anyOf": [{ "type": "string", "format": "date-time" }, { "type": "null" }] },
                "n": { "type": "integer", "minimum": 0 },
                "tags": { "type": "array", "items": { "type": "string" } },
                "note": { "type": "string", "nullable": true, "maxLength": 3 }
            }
        });
        let good = json!({ "id": uuid::Uuid::nil(), "kind": "a", "at": null, "n": 1,
                           "tags": ["x"], "note": null });
        assert_eq!(problems(&schema, &good), Vec::<String>::new());
        for (bad, what) in [
            (json!({ "kind": "a" }), "required field id"),
            (json!({ "id": "nope", "kind": "a" }), "is not a uuid"),
            (
                json!({ "id": uuid::Uuid::nil(), "kind": "c" }),
                "is not one of",
            ),
            (
                json!({ "id": uuid::Uuid::nil(), "kind": "a", "at": "monday" }),
                "anyOf",
            ),
            (
                json!({ "id": uuid::Uuid::nil(), "kind": "a", "n": -1 }),
                "minimum",
            ),
            (
                json!({ "id": uuid::Uuid::nil(), "kind": "a", "n": 1.5 }),
                "expected integer",
            ),
            (
                json!({ "id": uuid::Uuid::nil(), "kind": "a", "tags": [1] }),
                "$.tags[0]",
            ),
            (
                json!({ "id": uuid::Uuid::nil(), "kind": "a", "note": "long" }),
                "maxLength",
            ),
            (
                json!({ "id": uuid::Uuid::nil(), "kind": "a", "extra": 1 }),
                "$.extra",
            ),
            (json!([]), "expected object"),
        ] {
            let found = problems(&schema, &bad);
            assert!(
                found.iter().any(|p| p.contains(what)),
                "{bad} should fail with {what}: {found:?}"
            );
        }
    }
}
