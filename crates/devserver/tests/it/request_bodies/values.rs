//! Property values built from a request schema of the seed: edge values it accepts (lengths at
//! their bounds, every enum value, formats in their less common forms) and values it refuses
//! (too long, too short, not listed, badly formatted, of the wrong type, out of range). Every
//! body made from them is checked against the schema itself before it is sent
//! (`main.rs`), so a mistake here shows as a wrong value, not a wrong verdict on the server.

use serde_json::{json, Value};

/// Values of the formats whose meaning is not a reference or a time, in forms the seed accepts.
fn formatted(format: &str) -> Option<Vec<Value>> {
    Some(match format {
        // RFC 5321 mailboxes: a dotless domain, a quoted local part and an address literal
        // are addresses; the last is longer than 254 characters, which the format allows.
        "email" => vec![
            json!("a@example.com"),
            json!("first.last+tag@mail.example.org"),
            json!("user@localhost"),
            json!("\"quoted local\"@example.com"),
            json!("user@[127.0.0.1]"),
            json!(format!(
                "{}@{}example.org",
                "a".repeat(64),
                format!("{}.", "b".repeat(63)).repeat(3)
            )),
        ],
        // `format: uri` is any absolute URI, not only a web address.
        "uri" => vec![
            json!("https://example.com/path?q=1"),
            json!("mailto:someone@example.com"),
            json!("urn:isbn:0451450523"),
            json!("tel:+1-555-0100"),
            json!(format!("https://example.com/{}", "p".repeat(3000))),
        ],
        _ => return None,
    })
}

fn types(schema: &Value) -> Vec<&str> {
    match &schema["type"] {
        Value::String(t) => vec![t.as_str()],
        Value::Array(ts) => ts.iter().filter_map(Value::as_str).collect(),
        _ => Vec::new(),
    }
}

fn bound(schema: &Value, key: &str) -> Option<u64> {
    schema[key].as_u64()
}

/// Values `schema` accepts. Uuids, times and patterned strings are left out: a valid one of
/// those names a row or a moment, which the caller's base body already holds.
pub fn valid(schema: &Value) -> Vec<Value> {
    if let Some(branches) = schema["anyOf"].as_array().or(schema["oneOf"].as_array()) {
        return branches.iter().flat_map(valid).collect();
    }
    if let Some(listed) = schema["enum"].as_array() {
        return listed.clone();
    }
    let mut out = Vec::new();
    for t in types(schema) {
        match t {
            "null" => out.push(Value::Null),
            "boolean" => out.extend([json!(true), json!(false)]),
            "integer" | "number" => {
                out.extend(schema["minimum"].as_i64().map(Value::from));
                out.extend(schema["maximum"].as_i64().map(Value::from));
            }
            "string" => match schema["format"].as_str() {
                Some(f) => out.extend(formatted(f).unwrap_or_default()),
                None if schema.get("pattern").is_some() => {}
                None => {
                    let min = bound(schema, "minLength").unwrap_or(0) as usize;
                    out.push(json!("x".repeat(min)));
                    match bound(schema, "maxLength") {
                        Some(max) => out.push(json!("é".repeat(max as usize))),
                        // No bound in the seed: a long one must do.
                        None => out.push(json!("x".repeat(5000))),
                    }
                }
            },
            "object" => {
                // An empty object only where nothing is required; the extra property rides
                // on a full object so that what is required is there.
                let required = schema["required"].as_array().is_some_and(|r| !r.is_empty());
                if !required {
                    out.push(json!({}));
                }
                let mut full = serde_json::Map::new();
                if let Some(props) = schema["properties"].as_object() {
                    full = props
                        .iter()
                        .filter_map(|(k, s)| valid(s).into_iter().next().map(|v| (k.clone(), v)))
                        .collect();
                    out.push(Value::Object(full.clone()));
                }
                // Extra properties of any shape where the schema allows any (a schema for them,
                // such as translations by locale, is not "any").
                let any_extra = matches!(
                    schema.get("additionalProperties"),
                    None | Some(Value::Bool(true))
                );
                if any_extra {
                    full.insert("outpostExtra".into(), json!({ "nested": [1, "two"] }));
                    out.push(Value::Object(full));
                }
            }
            "array" => {
                // An empty list only where the schema lets a list be empty.
                if bound(schema, "minItems").unwrap_or(0) == 0 {
                    out.push(json!([]));
                }
                if let Some(item) = valid(&schema["items"]).into_iter().next() {
                    out.push(json!([item]));
                }
            }
            _ => {}
        }
    }
    out
}

/// Values `schema` may refuse, each with what is wrong with it. Some may still be accepted by
/// another branch of an `anyOf`; the caller keeps only those the schema refuses.
pub fn invalid(schema: &Value) -> Vec<(Value, &'static str)> {
    if let Some(branches) = schema["anyOf"].as_array().or(schema["oneOf"].as_array()) {
        return branches.iter().flat_map(invalid).collect();
    }
    let mut out = vec![];
    if schema.get("enum").is_some() {
        out.push((json!("not-a-listed-value"), "not one of the enum"));
    }
    let ts = types(schema);
    if !ts.is_empty() && !ts.contains(&"integer") && !ts.contains(&"number") {
        out.push((json!(12345), "of the wrong type"));
    } else if !ts.is_empty() && !ts.contains(&"string") {
        out.push((json!("12"), "of the wrong type"));
    }
    if let Some(max) = bound(schema, "maxLength") {
        out.push((json!("x".repeat(max as usize + 1)), "too long"));
    }
    if let Some(min) = bound(schema, "minLength").filter(|m| *m > 0) {
        out.push((json!("x".repeat(min as usize - 1)), "too short"));
    }
    match schema["format"].as_str() {
        Some("email") => {
            out.push((json!("not-an-email"), "not an email"));
            out.push((json!(""), "an empty email"));
            out.push((json!("a..b@example.com"), "an email with an empty atom"));
            out.push((json!("a@b@example.com"), "an email with two @"));
            out.push((json!("a@-example.com"), "an email with a bad domain"));
        }
        Some("uri") => {
            out.push((json!("not a uri"), "not a URI"));
            out.push((json!(""), "an empty URI"));
        }
        Some("uuid") => out.push((json!("not-a-uuid"), "not a uuid")),
        Some("date-time") => out.push((json!("2030-13-45 25:00"), "not a date-time")),
        _ => {}
    }
    if schema.get("pattern").is_some() {
        out.push((json!("NOT VALID!"), "not matching the pattern"));
    }
    if let Some(min) = schema["minimum"].as_i64() {
        out.push((json!(min - 1), "below the minimum"));
    }
    if let Some(max) = schema["maximum"].as_i64() {
        out.push((json!(max + 1), "above the maximum"));
    }
    out
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn bounds_enums_and_formats_give_edge_values_on_both_sides() {
        let s = json!({ "type": "string", "minLength": 2, "maxLength": 3 });
        assert_eq!(valid(&s), [json!("xx"), json!("ééé")]);
        let refused: Vec<Value> = invalid(&s).into_iter().map(|v| v.0).collect();
        assert_eq!(refused, [json!(12345), json!("xxxx"), json!("x")]);
        let e = json!({ "type": "string", "enum": ["a", "b"] });
        assert_eq!(valid(&e), [json!("a"), json!("b")]);
        let u = json!({ "anyOf": [{ "type": "string", "format": "uri" }, { "type": "null" }] });
        assert!(valid(&u).contains(&json!("mailto:someone@example.com")));
        assert!(valid(&u).contains(&Value::Null));
        let i = json!({ "type": "integer", "minimum": 1, "maximum": 6 });
        assert_eq!(valid(&i), [json!(1), json!(6)]);
        let refused: Vec<Value> = invalid(&i).into_iter().map(|v| v.0).collect();
        assert_eq!(refused, [json!("12"), json!(0), json!(7)]);
    }
}
