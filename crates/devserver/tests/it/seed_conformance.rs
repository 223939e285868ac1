//! The schema files under `schemas/` are what the seed gives (tests/it/seed/files.rs), and the
//! devserver's answers fit them: the rig checks every answer of every test file
//! (tests/it/common/schemas.rs); here the endpoints Outpost reads are walked with lists that have
//! items in them, and deliberately broken documents must be refused by the same validator (the
//! `jsonschema` crate), so the check is known to bite.

use crate::common;
use crate::seed;

use chrono::{Datelike, Utc};
use common::schemas::{compile, problems, problems_of};
use common::second_factor::{last_sent, totp_now};
use common::*;
use outpost_devserver::demo;
use seed::text::Seed;
use serde_json::{json, Value};

/// Checks `body` against the `status` schema of `method seed_path` in `schemas/`.
fn conforms(_seed: &Seed, method: &str, seed_path: &str, status: u16, body: &Value) {
    let schema = file_schema(method, seed_path, status);
    // A schema that declares nothing would let anything through; a `oneOf` must declare
    // something in each of its options.
    let declares = |s: &Value| {
        s["properties"].as_object().is_some_and(|p| !p.is_empty())
            && s["required"].as_array().is_some_and(|r| !r.is_empty())
    };
    let ok = match schema["oneOf"].as_array() {
        Some(options) => !options.is_empty() && options.iter().all(declares),
        None => declares(&schema),
    };
    assert!(
        ok,
        "{method} {seed_path} {status}: the schema file declares nothing: {schema}"
    );
    let found = problems_of(method, seed_path, status, body);
    assert!(
        found.is_empty(),
        "{method} {seed_path} {status} does not match the seed:\n{}\n{body:#}",
        found.join("\n")
    );
}

/// The `status` schema of `method seed_path` as its file under `schemas/` keeps it.
fn file_schema(method: &str, seed_path: &str, status: u16) -> Value {
    let path = seed::files::dir().join(seed::files::file_name(method, seed_path));
    let doc: Value = serde_json::from_str(&std::fs::read_to_string(&path).unwrap()).unwrap();
    doc["responses"][status.to_string()].clone()
}

/// A list in `body` (at `pointer`) that has something in it, so the items are checked too.
fn non_empty(body: &Value, pointer: &str) {
    let list = body.pointer(pointer).and_then(Value::as_array);
    assert!(
        list.is_some_and(|l| !l.is_empty()),
        "{pointer} should list something: {body}"
    );
}

fn month_window() -> String {
    let now = Utc::now();
    let first = now.date_naive().with_day(1).unwrap();
    let from = first.and_hms_opt(0, 0, 0).unwrap().and_utc();
    let to = from + chrono::Duration::days(31);
    format!(
        "from={}&to={}",
        from.format("%Y-%m-%dT%H:%M:%SZ"),
        to.format("%Y-%m-%dT%H:%M:%SZ")
    )
}

#[tokio::test]
async fn devserver_answers_match_the_seed_schemas() {
    let seed = Seed::load();
    let rig = rig().await;
    let get = |path: String| {
        let rig = &rig;
        async move {
            let (s, b) = rig.as_admin(Method::GET, &path, None).await;
            assert_eq!(s, 200, "GET {path}: {b}");
            b
        }
    };

    let b = get("/auth/me".into()).await;
    conforms(&seed, "GET", "/api/v1/secure/auth/me", 200, &b);

    let b = get("/contacts?limit=20".into()).await;
    non_empty(&b, "/data");
    conforms(&seed, "GET", "/api/v1/secure/contacts/", 200, &b);
    let contact_id = b["data"][0]["id"].as_str().unwrap().to_string();
    let b = get(format!("/contacts/{contact_id}")).await;
    conforms(&seed, "GET", "/api/v1/secure/contacts/{id}", 200, &b);

    let b = get("/calendar/".into()).await;
    non_empty(&b, "/data");
    conforms(&seed, "GET", "/api/v1/secure/calendar/", 200, &b);
    let calendar_id = b["data"][0]["id"].as_str().unwrap().to_string();

    let window = month_window();
    let b = get(format!("/calendar/entries?{window}&limit=200")).await;
    non_empty(&b, "/data");
    conforms(&seed, "GET", "/api/v1/secure/calendar/entries", 200, &b);

    let series = demo::series_id("acme-field", "standup");
    let b = get(format!(
        "/calendar/recurrence-masters/{series}/instances?{window}"
    ))
    .await;
    non_empty(&b, "/data");
    conforms(
        &seed,
        "GET",
        "/api/v1/secure/calendar/recurrence-masters/{id}/instances",
        200,
        &b,
    );

    let b = get(format!("/calendar/window?{window}")).await;
    non_empty(&b, "/data");
    conforms(&seed, "GET", "/api/v1/secure/calendar/window", 200, &b);
    let b = get(format!("/calendar/free-busy?{window}")).await;
    non_empty(&b, "/data/slots");
    conforms(&seed, "GET", "/api/v1/secure/calendar/free-busy", 200, &b);

    let b = get("/tenants".into()).await;
    non_empty(&b, "/data");
    conforms(&seed, "GET", "/api/v1/secure/tenants/", 200, &b);
    let b = get(format!("/tenants/{}", acme())).await;
    conforms(&seed, "GET", "/api/v1/secure/tenants/{id}", 200, &b);

    let b = get("/users?limit=200".into()).await;
    non_empty(&b, "/data");
    conforms(&seed, "GET", "/api/v1/secure/users/", 200, &b);

    let b = get("/audit-logs?limit=50".into()).await;
    non_empty(&b, "/data");
    conforms(&seed, "GET", "/api/v1/secure/audit-logs/", 200, &b);

    let b = get("/admin/calendars".into()).await;
    non_empty(&b, "/data");
    conforms(&seed, "GET", "/api/v1/secure/admin/calendars/", 200, &b);
    // A demo calendar with reminders, so that their items are checked too.
    let with_reminders = b["data"]
        .as_array()
        .unwrap()
        .iter()
        .find(|c| c["stats"]["enabledReminderCount"].as_u64() > Some(0))
        .expect("a demo calendar with reminders")["id"]
        .as_str()
        .unwrap()
        .to_string();
    let b = get(format!("/admin/calendars/{calendar_id}")).await;
    conforms(
        &seed,
        "GET",
        "/api/v1/secure/admin/calendars/{calendarId}",
        200,
        &b,
    );
    let b = get(format!("/admin/calendars/{with_reminders}/reminders")).await;
    non_empty(&b, "/data/reminders");
    conforms(
        &seed,
        "GET",
        "/api/v1/secure/admin/calendars/{calendarId}/reminders",
        200,
        &b,
    );
    let b = get(format!("/admin/calendars/{calendar_id}/operations")).await;
    conforms(
        &seed,
        "GET",
        "/api/v1/secure/admin/calendars/{calendarId}/operations",
        200,
        &b,
    );
}

#[tokio::test]
async fn writes_and_errors_match_the_seed_schemas() {
    let seed = Seed::load();
    let rig = rig().await;
    let cal = rig.calendar("Checked", "Europe/Berlin").await;
    let cal_id = cal["id"].as_str().unwrap();

    let (s, b) = rig
        .as_admin(
            Method::PATCH,
            &format!("/admin/calendars/{cal_id}/policy"),
            Some(json!({ "adminNotes": "Checked against the seed", "bookingPolicy": {} })),
        )
        .await;
    assert_eq!(s, 200, "{b}");
    conforms(
        &seed,
        "PATCH",
        "/api/v1/secure/admin/calendars/{calendarId}/policy",
        200,
        &b,
    );

    let lifecycle = format!("/tenants/{}/lifecycle", northwind());
    let (s, b) = rig
        .as_admin(
            Method::POST,
            &format!("{lifecycle}/suspend"),
            Some(json!({ "reason": "Check" })),
        )
        .await;
    assert_eq!(s, 200, "{b}");
    conforms(
        &seed,
        "POST",
        "/api/v1/secure/tenants/{id}/lifecycle/suspend",
        200,
        &b,
    );
    let (s, b) = rig
        .as_admin(Method::GET, &format!("{lifecycle}/history"), None)
        .await;
    assert_eq!(s, 200, "{b}");
    non_empty(&b, "/data");
    conforms(
        &seed,
        "GET",
        "/api/v1/secure/tenants/{id}/lifecycle/history",
        200,
        &b,
    );
    let (s, b) = rig
        .as_admin(
            Method::PATCH,
            &format!("/tenants/{}", northwind()),
            Some(json!({ "name": "Northwind", "settings": { "a": 1 } })),
        )
        .await;
    assert_eq!(s, 200, "{b}");
    conforms(&seed, "PATCH", "/api/v1/secure/tenants/{id}", 200, &b);

    // Errors: the shared StandardErrorResponse, for a refused move, a missing row, a bad field.
    let (s, b) = rig
        .as_admin(
            Method::POST,
            &format!("{lifecycle}/suspend"),
            Some(json!({})),
        )
        .await;
    assert_eq!(s, 422);
    conforms(
        &seed,
        "POST",
        "/api/v1/secure/tenants/{id}/lifecycle/suspend",
        422,
        &b,
    );
    let (s, b) = rig
        .as_admin(
            Method::GET,
            &format!("/contacts/{}", uuid::Uuid::new_v4()),
            None,
        )
        .await;
    assert_eq!(s, 404);
    conforms(&seed, "GET", "/api/v1/secure/contacts/{id}", 404, &b);
    let (s, b) = rig
        .as_admin(Method::GET, "/calendar/free-busy?from=soon", None)
        .await;
    assert_eq!(s, 422);
    conforms(&seed, "GET", "/api/v1/secure/calendar/free-busy", 422, &b);
}

#[tokio::test]
async fn two_factor_answers_match_the_seed_schemas() {
    let seed = Seed::load();
    let rig = rig().await;
    let twofa = "/api/v1/secure/auth/2fa";
    let call = |method: Method, path: &'static str, body: Value| {
        let rig = &rig;
        async move { rig.secure(&rig.admin, None, method, path, Some(body)).await }
    };

    let (s, b) = call(Method::POST, "/auth/2fa/enable/totp", json!({})).await;
    assert_eq!(s, 200, "{b}");
    non_empty(&b, "/data/backup_codes");
    conforms(
        &seed,
        "POST",
        &format!("{twofa}/enable/{{method}}"),
        200,
        &b,
    );
    // The oneOf bites: a TOTP answer without its URI fits neither option.
    let mut broken = b.clone();
    broken["data"]
        .as_object_mut()
        .unwrap()
        .remove("qr_code_uri");
    let found = problems_of("POST", &format!("{twofa}/enable/{{method}}"), 200, &broken);
    assert!(
        found.iter().any(|p| p.contains("oneOf")),
        "{broken}: {found:?}"
    );
    let secret = b["data"]["secret"].as_str().unwrap().to_string();
    let backup = b["data"]["backup_codes"][0].as_str().unwrap().to_string();
    let (s, b) = rig
        .secure(
            &rig.admin,
            None,
            Method::POST,
            "/auth/2fa/verify",
            Some(json!({ "method": "totp", "code": totp_now(&secret) })),
        )
        .await;
    assert_eq!(s, 200, "{b}");
    conforms(&seed, "POST", &format!("{twofa}/verify"), 200, &b);

    let (s, b) = call(
        Method::POST,
        "/auth/2fa/enable/sms",
        json!({ "delivery_target": "+4915112345678" }),
    )
    .await;
    assert_eq!(s, 200, "{b}");
    conforms(
        &seed,
        "POST",
        &format!("{twofa}/enable/{{method}}"),
        200,
        &b,
    );
    let (s, b) = rig
        .secure(
            &rig.admin,
            None,
            Method::POST,
            "/auth/2fa/verify",
            Some(
                json!({ "method": "sms", "code": last_sent(&rig.http, &rig.server, "sms").await }),
            ),
        )
        .await;
    assert_eq!(s, 200, "{b}");
    let (s, b) = call(
        Method::POST,
        "/auth/2fa/send-code",
        json!({ "method": "sms" }),
    )
    .await;
    assert_eq!(s, 200, "{b}");
    conforms(&seed, "POST", &format!("{twofa}/send-code"), 200, &b);

    let (s, b) = call(Method::GET, "/auth/2fa/status", json!({})).await;
    assert_eq!(s, 200, "{b}");
    non_empty(&b, "/data/enabled_methods");
    conforms(&seed, "GET", &format!("{twofa}/status"), 200, &b);

    let (s, b) = call(Method::POST, "/auth/2fa/backup-codes", json!({})).await;
    assert_eq!(s, 200, "{b}");
    non_empty(&b, "/data/backup_codes");
    conforms(&seed, "POST", &format!("{twofa}/backup-codes"), 200, &b);
    let fresh = b["data"]["backup_codes"][0].as_str().unwrap().to_string();
    let (s, b) = call(
        Method::POST,
        "/auth/2fa/use-backup",
        json!({ "code": fresh }),
    )
    .await;
    assert_eq!(s, 200, "{b}");
    conforms(&seed, "POST", &format!("{twofa}/use-backup"), 200, &b);

    // Errors: the shared StandardErrorResponse, with the statuses the seed lists.
    let (s, b) = call(
        Method::POST,
        "/auth/2fa/send-code",
        json!({ "method": "totp" }),
    )
    .await;
    assert_eq!(s, 422, "{b}");
    conforms(&seed, "POST", &format!("{twofa}/send-code"), 422, &b);
    let (s, b) = call(Method::POST, "/auth/2fa/enable/totp", json!({})).await;
    assert_eq!(s, 400, "{b}");
    conforms(
        &seed,
        "POST",
        &format!("{twofa}/enable/{{method}}"),
        400,
        &b,
    );
    let (s, b) = call(
        Method::DELETE,
        "/auth/2fa/disable",
        json!({ "method": "totp", "code": backup }),
    )
    .await;
    assert_eq!(s, 400, "a backup code of the retired set: {b}");
    conforms(&seed, "DELETE", &format!("{twofa}/disable"), 400, &b);
    let (s, b) = call(Method::POST, "/auth/2fa/backup-codes", json!({ "n": 1 })).await;
    assert_eq!(s, 422, "{b}");
    conforms(&seed, "POST", &format!("{twofa}/backup-codes"), 422, &b);

    // Disabling answers 204 with no body, the one response the seed gives it.
    assert!(seed.has_response("DELETE", &format!("{twofa}/disable"), 204));
    assert!(seed
        .response("DELETE", &format!("{twofa}/disable"), 200)
        .is_none());
    let (s, b) = call(
        Method::DELETE,
        "/auth/2fa/disable",
        json!({ "method": "totp", "code": totp_now(&secret) }),
    )
    .await;
    assert_eq!(s, 204, "{b}");
    assert_eq!(b, Value::Null, "a 204 carries no body");
}

#[tokio::test]
async fn broken_documents_are_refused() {
    let rig = rig().await;
    let (_, list) = rig.as_admin(Method::GET, "/contacts?limit=1", None).await;
    let id = list["data"][0]["id"].as_str().unwrap();
    let (_, good) = rig
        .as_admin(Method::GET, &format!("/contacts/{id}"), None)
        .await;
    let schema = compile(&file_schema("GET", "/api/v1/secure/contacts/{id}", 200));
    assert!(problems(&schema, &good).is_empty());

    let mut missing = good.clone();
    missing["data"].as_object_mut().unwrap().remove("tenantId");
    let mut wrong_type = good.clone();
    wrong_type["data"]["created_at"] = json!(1_700_000_000);
    let mut extra = good.clone();
    extra["data"]["firstName"] = json!("camelCase leaks out");
    let mut bad_format = good.clone();
    bad_format["data"]["id"] = json!("contact-1");
    let mut bad_email = good.clone();
    bad_email["data"]["email"] = json!("not an address");
    let mut bad_null = good.clone();
    bad_null["data"]["id"] = Value::Null;
    for (broken, at, expected) in [
        (missing, "/data", "tenantId"),
        (wrong_type, "/data/created_at", "string"),
        (extra, "/data", "firstName"),
        (bad_format, "/data/id", "uuid"),
        (bad_email, "/data/email", "email"),
        (bad_null, "/data/id", "null"),
    ] {
        let found = problems(&schema, &broken);
        assert!(
            found
                .iter()
                .any(|p| p.starts_with(&format!("at {at:?}")) && p.contains(expected)),
            "a broken contact must be refused at {at} ({expected}): {found:?}"
        );
    }

    let (_, tenant) = rig
        .as_admin(Method::GET, &format!("/tenants/{}", acme()), None)
        .await;
    let mut closed = tenant.clone();
    closed["data"]["status"] = json!("closed");
    let schema = compile(&file_schema("GET", "/api/v1/secure/tenants/{id}", 200));
    assert!(problems(&schema, &tenant).is_empty());
    let found = problems(&schema, &closed);
    assert!(
        found.iter().any(|p| p.starts_with("at \"/data/status\"")),
        "a status outside the seed's enum must be refused: {found:?}"
    );

    // The error envelope is closed and its timestamp a date-time.
    let error = compile(&file_schema("GET", "/api/v1/secure/contacts/{id}", 404));
    let mut late = json!({ "error": "NOT_FOUND", "message": "gone", "statusCode": 404,
                           "timestamp": "2024-01-01T00:00:00Z" });
    assert!(problems(&error, &late).is_empty());
    late["timestamp"] = json!("yesterday");
    assert!(
        !problems(&error, &late).is_empty(),
        "a timestamp that is no date-time"
    );
    late["timestamp"] = json!("2024-01-01T00:00:00Z");
    late["hint"] = json!("x");
    assert!(
        !problems(&error, &late).is_empty(),
        "a field the envelope does not have"
    );
}

#[test]
fn schema_files_are_what_the_seed_gives() {
    let seed = Seed::parse(
        &std::fs::read_to_string(seed::text::kept_copy()).expect("the kept copy of the seed"),
    );
    let wanted = seed::files::generate(&seed);
    let dir = seed::files::dir();
    if std::env::var("OUTPOST_REGEN_SCHEMAS").as_deref() == Ok("1") {
        std::fs::create_dir_all(&dir).unwrap();
        for name in seed::files::on_disk().keys() {
            if !wanted.contains_key(name) {
                std::fs::remove_file(dir.join(name)).unwrap();
            }
        }
        for (name, text) in &wanted {
            std::fs::write(dir.join(name), text).unwrap();
        }
    }
    let kept = seed::files::on_disk();
    let differ: std::collections::BTreeSet<&String> = wanted
        .keys()
        .chain(kept.keys())
        .filter(|n| wanted.get(*n) != kept.get(*n))
        .collect();
    assert!(
        differ.is_empty(),
        "the schema files under schemas/ differ from what the seed copy gives: {differ:?}; \
         regenerate them with {}",
        seed::files::REGEN_HINT
    );
    // Every file compiles as draft 2020-12.
    for (name, text) in &wanted {
        let doc: Value = serde_json::from_str(text).unwrap();
        if name == "index.json" {
            continue;
        }
        if let Some(request) = doc.get("request") {
            compile(request);
        }
        match doc.get("responses").and_then(Value::as_object) {
            Some(responses) => responses.values().filter(|s| !s.is_null()).for_each(|s| {
                compile(s);
            }),
            None => {
                compile(&doc);
            }
        }
    }
}

#[test]
fn the_kept_copy_of_the_seed_is_the_shared_one() {
    // Beside the project's shared documents (a developer's machine), the copy must not have
    // drifted; a clean clone alone has only the copy.
    let original = seed::text::shared_original();
    let Ok(shared) = std::fs::read(&original) else {
        return;
    };
    let kept = std::fs::read(seed::text::kept_copy()).expect("the kept copy of the seed");
    assert!(
        kept == shared,
        "tests/it/seed/data/platform-api-endpoints.txt differs from {}: copy it again",
        original.display()
    );
}
