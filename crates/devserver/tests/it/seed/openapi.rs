//! Turns the seed's OpenAPI-flavoured schemas into standard JSON Schema (draft 2020-12):
//! `nullable: true` becomes a type list with "null" (and a null in an `enum`), a single
//! `example` becomes `examples`, and everything else (enums, formats, required,
//! additionalProperties, lengths, bounds, patterns) is kept as it is.

use serde_json::{json, Map, Value};

pub const DRAFT: &str = "https://json-schema.org/draft/2020-12/schema";

/// `schema` as a standalone draft 2020-12 document.
pub fn document(schema: &Value) -> Value {
    let mut out = convert(schema);
    if let Value::Object(map) = &mut out {
        let mut doc = Map::new();
        doc.insert("$schema".into(), json!(DRAFT));
        doc.append(map);
        return Value::Object(doc);
    }
    out
}

/// Keywords whose value is a schema.
const SCHEMA_VALUED: &[&str] = &["items", "additionalProperties", "not", "contains"];
/// Keywords whose value is a list of schemas.
const SCHEMA_LISTS: &[&str] = &["anyOf", "oneOf", "allOf", "prefixItems"];
/// Keywords whose value maps names to schemas.
const SCHEMA_MAPS: &[&str] = &["properties", "patternProperties", "$defs"];

pub fn convert(schema: &Value) -> Value {
    let Some(s) = schema.as_object() else {
        return schema.clone();
    };
    let mut out = Map::new();
    for (key, value) in s {
        let value = if SCHEMA_VALUED.contains(&key.as_str()) {
            convert(value)
        } else if SCHEMA_LISTS.contains(&key.as_str()) {
            Value::Array(
                value
                    .as_array()
                    .into_iter()
                    .flatten()
                    .map(convert)
                    .collect(),
            )
        } else if SCHEMA_MAPS.contains(&key.as_str()) {
            Value::Object(
                value
                    .as_object()
                    .into_iter()
                    .flatten()
                    .map(|(k, v)| (k.clone(), convert(v)))
                    .collect(),
            )
        } else {
            value.clone()
        };
        match key.as_str() {
            "nullable" => {}
            "example" if !s.contains_key("examples") => {
                out.insert("examples".into(), json!([value]));
            }
            "example" => {}
            "examples" if !value.is_array() => {
                out.insert("examples".into(), json!([value]));
            }
            _ => {
                out.insert(key.clone(), value);
            }
        }
    }
    if s.get("nullable") == Some(&Value::Bool(true)) {
        return nullable(out);
    }
    Value::Object(out)
}

/// `schema` that also accepts null.
fn nullable(mut schema: Map<String, Value>) -> Value {
    if let Some(Value::Array(allowed)) = schema.get_mut("enum") {
        if !allowed.contains(&Value::Null) {
            allowed.push(Value::Null);
        }
    }
    let has_enum = schema.contains_key("enum");
    match schema.get_mut("type") {
        Some(Value::String(t)) => {
            let t = t.clone();
            if t != "null" {
                schema.insert("type".into(), json!([t, "null"]));
            }
            Value::Object(schema)
        }
        Some(Value::Array(types)) => {
            if !types.contains(&json!("null")) {
                types.push(json!("null"));
            }
            Value::Object(schema)
        }
        _ if has_enum => Value::Object(schema),
        _ => json!({ "anyOf": [Value::Object(schema), { "type": "null" }] }),
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn nullable_becomes_a_type_list_and_the_rest_is_kept() {
        let seed = json!({
            "type": "object", "required": ["a"], "additionalProperties": false,
            "properties": {
                "a": { "type": "string", "nullable": true, "format": "uuid", "maxLength": 36 },
                "b": { "type": "string", "enum": ["x"], "nullable": true, "example": "x" },
                "c": { "anyOf": [{ "type": "string" }], "nullable": true },
                "d": { "type": "array", "items": { "type": "object", "nullable": true } },
                "e": { "type": "integer", "nullable": false, "minimum": 0 }
            }
        });
        let doc = document(&seed);
        assert_eq!(doc["$schema"], DRAFT);
        assert_eq!(doc["required"], json!(["a"]));
        assert_eq!(doc["additionalProperties"], json!(false));
        let p = &doc["properties"];
        assert_eq!(
            p["a"],
            json!({ "type": ["string", "null"], "format": "uuid", "maxLength": 36 })
        );
        assert_eq!(
            p["b"],
            json!({ "type": ["string", "null"], "enum": ["x", null], "examples": ["x"] })
        );
        assert_eq!(
            p["c"],
            json!({ "anyOf": [{ "anyOf": [{ "type": "string" }] }, { "type": "null" }] })
        );
        assert_eq!(p["d"]["items"], json!({ "type": ["object", "null"] }));
        assert_eq!(p["e"], json!({ "type": "integer", "minimum": 0 }));
    }
}
