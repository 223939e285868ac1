//! Every answer the test rig receives, checked against the schema files under `schemas/`
//! (generated from the seed, see tests/it/seed/files.rs) with the `jsonschema` crate, formats
//! included: the endpoint is found by matching the concrete path against the route templates
//! of `schemas/index.json`, then the status must be one the seed documents for it and the body
//! must fit that status's schema (a status without a schema must come without a body).
//!
//! Exempt by name: the devserver's own routes outside the seed (`/_faults`, `/_dev/...`).
//! Answers of the cross-cutting layers are checked against the seed's StandardErrorResponse
//! but not against the endpoint's documented statuses: the rate limiter's 429
//! (`RATE_LIMITED` with `Retry-After`) and the fault layer's injected 429/502/503. A path no
//! template matches must be refused (4xx) with a StandardErrorResponse.

use std::collections::HashMap;
use std::path::PathBuf;
use std::sync::{Arc, Mutex, OnceLock};

use jsonschema::Validator;
use reqwest::header::HeaderMap;
use serde_json::Value;

/// Paths outside the seed, exempt by name.
pub const EXEMPT: &[&str] = &[
    "/_faults",
    "/_dev/sent-codes",
    "/_dev/sent-invitations",
    "/_dev/sent-password-resets",
];

fn dir() -> PathBuf {
    PathBuf::from(env!("CARGO_MANIFEST_DIR")).join("schemas")
}

struct Endpoint {
    method: String,
    path: String,
    segments: Vec<String>,
    file: String,
    statuses: Vec<u16>,
}

struct Index {
    endpoints: Vec<Endpoint>,
    error_file: String,
}

fn segments(path: &str) -> Vec<String> {
    path.trim_end_matches('/')
        .split('/')
        .map(str::to_string)
        .collect()
}

fn index() -> &'static Index {
    static INDEX: OnceLock<Index> = OnceLock::new();
    INDEX.get_or_init(|| {
        let text = std::fs::read_to_string(dir().join("index.json"))
            .expect("schemas/index.json (generated from the seed)");
        let index: Value = serde_json::from_str(&text).expect("schemas/index.json is JSON");
        let endpoints = index["endpoints"]
            .as_array()
            .expect("endpoints in schemas/index.json")
            .iter()
            .map(|e| {
                let path = e["path"].as_str().unwrap().to_string();
                Endpoint {
                    method: e["method"].as_str().unwrap().to_string(),
                    segments: segments(&path),
                    path,
                    file: e["file"].as_str().unwrap().to_string(),
                    statuses: e["statuses"]
                        .as_array()
                        .unwrap()
                        .iter()
                        .map(|s| s.as_u64().unwrap() as u16)
                        .collect(),
                }
            })
            .collect();
        Index {
            endpoints,
            error_file: index["errorSchema"].as_str().unwrap().to_string(),
        }
    })
}

/// The endpoint of the index that `method path` is (a literal segment beats a `{placeholder}`).
fn endpoint(method: &str, path: &str) -> Option<&'static Endpoint> {
    let concrete = segments(path);
    index()
        .endpoints
        .iter()
        .filter(|e| e.method == method && e.segments.len() == concrete.len())
        .filter(|e| {
            e.segments
                .iter()
                .zip(&concrete)
                .all(|(t, c)| t == c || (t.starts_with('{') && t.ends_with('}') && !c.is_empty()))
        })
        .min_by_key(|e| e.segments.iter().filter(|s| s.starts_with('{')).count())
}

fn read_json(file: &str) -> Value {
    let text =
        std::fs::read_to_string(dir().join(file)).unwrap_or_else(|e| panic!("schemas/{file}: {e}"));
    serde_json::from_str(&text).unwrap_or_else(|e| panic!("schemas/{file}: {e}"))
}

/// A draft 2020-12 validator that checks formats (date-time, date, uuid, email...).
pub fn compile(schema: &Value) -> Validator {
    jsonschema::draft202012::options()
        .should_validate_formats(true)
        .build(schema)
        .unwrap_or_else(|e| panic!("a schema that does not compile: {e}\n{schema}"))
}

type Cache = Mutex<HashMap<(String, u16), Option<Arc<Validator>>>>;

/// The validator of `file`'s `status` (None: no body), compiled once per test binary.
fn validator(file: &str, status: Option<u16>) -> Option<Arc<Validator>> {
    static CACHE: OnceLock<Cache> = OnceLock::new();
    let key = (file.to_string(), status.unwrap_or(0));
    let cache = CACHE.get_or_init(Default::default);
    if let Some(v) = cache.lock().unwrap().get(&key) {
        return v.clone();
    }
    let doc = read_json(file);
    let schema = match status {
        Some(s) => doc["responses"][s.to_string()].clone(),
        None => doc,
    };
    let compiled = (!schema.is_null()).then(|| Arc::new(compile(&schema)));
    cache.lock().unwrap().insert(key, compiled.clone());
    compiled
}

/// The problems of `body` against a compiled schema, each as "at <pointer>: what".
pub fn problems(validator: &Validator, body: &Value) -> Vec<String> {
    validator
        .iter_errors(body)
        .map(|e| format!("at {:?}: {e}", e.instance_path().as_str()))
        .collect()
}

/// The problems of `body` against the `status` schema of the endpoint `method template`
/// (as `schemas/index.json` names it).
pub fn problems_of(method: &str, template: &str, status: u16, body: &Value) -> Vec<String> {
    let e = index()
        .endpoints
        .iter()
        .find(|e| e.method == method && e.path == template)
        .unwrap_or_else(|| panic!("schemas/index.json has no {method} {template}"));
    let v = validator(&e.file, Some(status))
        .unwrap_or_else(|| panic!("{method} {template} has no {status} schema"));
    problems(&v, body)
}

/// Whether an answer came from a cross-cutting layer rather than the endpoint.
fn from_a_layer(status: u16, headers: &HeaderMap, body: &Value) -> bool {
    match status {
        429 => body["error"] == "RATE_LIMITED" && headers.contains_key("retry-after"),
        502 | 503 => body["message"] == "Injected fault",
        _ => false,
    }
}

/// With `OUTPOST_SCHEMA_COVERAGE=<file>`, appends `METHOD template status` of each checked
/// answer to that file: which endpoints and statuses the suite reaches.
fn record(method: &str, template: &str, status: u16) {
    use std::io::Write;
    if let Ok(path) = std::env::var("OUTPOST_SCHEMA_COVERAGE") {
        let mut f = std::fs::OpenOptions::new()
            .create(true)
            .append(true)
            .open(path)
            .unwrap();
        writeln!(f, "{method} {template} {status}").unwrap();
    }
}

/// Checks one answer; panics (failing the test) with what does not fit the seed.
pub fn check(method: &str, path: &str, status: u16, headers: &HeaderMap, raw: &[u8]) {
    if EXEMPT
        .iter()
        .any(|p| path == *p || path.starts_with(&format!("{p}/")))
    {
        return;
    }
    let body: Option<Value> = serde_json::from_slice(raw).ok();
    let what = format!("{method} {path} answered {status}");
    let shown = String::from_utf8_lossy(raw);
    let error_schema = || validator(&index().error_file, None).unwrap();
    let fits = |v: &Validator, documented: &str| {
        // HTTP gives a 204 no content (RFC 9110 15.3.5), so where the seed draws a schema for
        // one anyway, an empty answer is what it can be.
        if status == 204 && raw.is_empty() {
            return;
        }
        let Some(b) = &body else {
            panic!("{what} without a JSON body ({documented} has a schema): {shown:?}");
        };
        let found = problems(v, b);
        assert!(
            found.is_empty(),
            "{what}, which does not fit {documented}:\n{}\n{b:#}",
            found.join("\n")
        );
    };
    let Some(endpoint) = endpoint(method, path) else {
        assert!(
            (400..500).contains(&status),
            "{what}, but schemas/index.json has no endpoint for it: list it in \
             tests/it/seed/served.rs and regenerate the schema files"
        );
        fits(&error_schema(), "the seed's StandardErrorResponse");
        return;
    };
    record(method, &endpoint.path, status);
    let documented = format!("the seed's {status} of {method} {}", endpoint.path);
    if let Some(b) = &body {
        if from_a_layer(status, headers, b) {
            fits(&error_schema(), "the seed's StandardErrorResponse");
            return;
        }
    }
    // Some of the seed's entries (the taxonomy's) list their success only, no error at all;
    // their refusals are held to what DESIGN.md says of every refusal: a StandardErrorResponse.
    let lists_no_error = endpoint.statuses.iter().all(|s| *s < 400);
    if lists_no_error && status >= 400 {
        fits(&error_schema(), "the seed's StandardErrorResponse");
        return;
    }
    assert!(
        endpoint.statuses.contains(&status),
        "{what}, a status the seed does not document for {method} {} (it lists {:?})",
        endpoint.path,
        endpoint.statuses
    );
    match validator(&endpoint.file, Some(status)) {
        Some(v) => fits(&v, &documented),
        None => assert!(
            raw.is_empty(),
            "{what} with a body, but {documented} has none: {shown:?}"
        ),
    }
}
