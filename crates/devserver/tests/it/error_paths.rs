//! The normal path and the documented error paths the other test files leave out: every
//! secure endpoint of `schemas/index.json` refuses a request without a token with 401, guests
//! are refused writes with 403, unknown ids answer 404 and bad bodies 422. Every answer is
//! checked against the seed's schema for its endpoint and status by the rig
//! (tests/it/common/schemas.rs).

use crate::common;

use common::*;
use serde_json::{json, Value};

fn index() -> Vec<(String, String)> {
    let path = std::path::Path::new(env!("CARGO_MANIFEST_DIR")).join("schemas/index.json");
    let index: Value = serde_json::from_str(&std::fs::read_to_string(path).unwrap()).unwrap();
    index["endpoints"]
        .as_array()
        .unwrap()
        .iter()
        .map(|e| {
            (
                e["method"].as_str().unwrap().to_string(),
                e["path"].as_str().unwrap().to_string(),
            )
        })
        .collect()
}

/// `template` with each `{placeholder}` replaced by a fresh id.
fn concrete(template: &str) -> String {
    template
        .split('/')
        .map(|s| {
            if s.starts_with('{') {
                uuid::Uuid::new_v4().to_string()
            } else {
                s.to_string()
            }
        })
        .collect::<Vec<_>>()
        .join("/")
}

fn secure_url(rig: &Rig, path: &str) -> String {
    format!("{}/api/v1/secure{path}", rig.server.base_url())
}

#[tokio::test]
async fn every_secure_endpoint_refuses_a_request_without_a_token() {
    let rig = rig().await;
    let mut checked = 0;
    for (method, template) in index() {
        if !template.starts_with("/api/v1/secure/") {
            continue;
        }
        let url = format!("{}{}", rig.server.base_url(), concrete(&template));
        let m = Method::from_bytes(method.as_bytes()).unwrap();
        let res = send(rig.http.request(m, &url).json(&json!({}))).await;
        assert_eq!(res.status, 401, "{method} {template}: {}", res.json());
        assert_eq!(res.json()["error"], "UNAUTHORIZED", "{method} {template}");
        // A token that is not one is refused the same way.
        let m = Method::from_bytes(method.as_bytes()).unwrap();
        let res = send(rig.http.request(m, &url).bearer_auth("dev_at_nonsense")).await;
        assert_eq!(res.status, 401, "{method} {template} with a bad token");
        checked += 1;
    }
    assert!(checked > 60, "only {checked} secure endpoints");
}

#[tokio::test]
async fn health_and_a_resource_answer_their_normal_path() {
    let rig = rig().await;
    let res = send(
        rig.http
            .get(format!("{}/api/v1/system/health", rig.server.base_url())),
    )
    .await;
    assert_eq!(res.status, 200, "{}", res.json());
    assert_eq!(res.json()["status"], "ok");

    let (s, list) = rig.as_admin(Method::GET, "/resources", None).await;
    assert_eq!(s, 200, "{list}");
    let id = list["data"][0]["id"].as_str().unwrap();
    let (s, b) = rig
        .as_admin(Method::GET, &format!("/resources/{id}"), None)
        .await;
    assert_eq!(s, 200, "{b}");
    assert_eq!(b["data"]["id"], id);
    let (s, b) = rig
        .secure(
            &rig.guest,
            Some(&acme()),
            Method::GET,
            &format!("/resources/{id}"),
            None,
        )
        .await;
    assert_eq!(s, 200, "guests read the directory: {b}");
}

#[tokio::test]
async fn the_default_tenant_is_set_among_ones_own_tenants() {
    let rig = rig().await;
    let path = "/auth/default-tenant";
    let (s, b) = rig
        .secure(
            &rig.admin,
            None,
            Method::PATCH,
            path,
            Some(json!({ "tenantId": northwind() })),
        )
        .await;
    assert_eq!(s, 200, "{b}");
    assert_eq!(b["defaultTenantId"], northwind());
    let (s, b) = rig
        .secure(&rig.admin, None, Method::PATCH, path, Some(json!({})))
        .await;
    assert_names_field(s, &b, "tenantId");
    let (s, b) = rig
        .secure(
            &rig.admin,
            None,
            Method::PATCH,
            path,
            Some(json!({ "tenantId": "acme" })),
        )
        .await;
    assert_names_field(s, &b, "tenantId");
    let (s, b) = rig
        .secure(
            &rig.guest,
            None,
            Method::PATCH,
            path,
            Some(json!({ "tenantId": northwind() })),
        )
        .await;
    assert_eq!(s, 403, "the guest is no member of northwind: {b}");
}

#[tokio::test]
async fn session_bodies_are_checked_and_name_the_field() {
    let rig = rig().await;
    let refresh = send(
        rig.http
            .post(format!(
                "{}/api/v1/public/auth/refresh",
                rig.server.base_url()
            ))
            .json(&json!({})),
    )
    .await;
    assert_names_field(refresh.status, &refresh.json(), "refreshToken");
    for (path, body, field) in [
        ("/auth/switch-tenant", json!({}), "tenantId"),
        (
            "/auth/switch-tenant",
            json!({ "tenantId": "x" }),
            "tenantId",
        ),
        ("/auth/2fa/verify", json!({ "code": "123456" }), "method"),
        ("/auth/2fa/use-backup", json!({}), "code"),
        ("/auth/2fa/send-code", json!({}), "method"),
    ] {
        let (s, b) = rig
            .secure(&rig.admin, None, Method::POST, path, Some(body))
            .await;
        assert_names_field(s, &b, field);
    }
    // Signing out twice: the second time the token is gone.
    let (s, b) = rig
        .secure(&rig.guest, None, Method::POST, "/auth/logout", None)
        .await;
    assert_eq!(s, 200, "{b}");
    let (s, _) = rig
        .secure(&rig.guest, None, Method::POST, "/auth/logout", None)
        .await;
    assert_eq!(s, 401);
}

#[tokio::test]
async fn guests_are_refused_writes_and_nothing_changes() {
    let rig = rig().await;
    let (_, contacts) = rig.as_admin(Method::GET, "/contacts?limit=1", None).await;
    let contact = contacts["data"][0]["id"].as_str().unwrap().to_string();
    let (_, users) = rig.as_admin(Method::GET, "/users?limit=1", None).await;
    let user = users["data"][0]["id"].as_str().unwrap().to_string();
    let (_, spaces) = rig.as_admin(Method::GET, "/spaces", None).await;
    let space = spaces["data"][0]["id"].as_str().unwrap().to_string();
    let acme = acme();
    let writes: Vec<(Method, String, Option<Value>)> = vec![
        (
            Method::PATCH,
            format!("/contacts/{contact}"),
            Some(json!({ "firstName": "Guest" })),
        ),
        (Method::DELETE, format!("/contacts/{contact}"), None),
        (
            Method::POST,
            format!("/users/{user}/contacts"),
            Some(json!({ "contactId": contact })),
        ),
        (
            Method::DELETE,
            format!("/users/{user}/contacts/{contact}"),
            None,
        ),
        (
            Method::POST,
            format!("/spaces/{space}/contacts"),
            Some(json!({ "contactId": contact })),
        ),
        (
            Method::DELETE,
            format!("/spaces/{space}/contacts/{contact}"),
            None,
        ),
        (
            Method::POST,
            format!("/tenants/{acme}/lifecycle/suspend"),
            Some(json!({ "reason": "guest" })),
        ),
        (
            Method::POST,
            format!("/tenants/{acme}/lifecycle/activate"),
            Some(json!({})),
        ),
        (
            Method::POST,
            format!("/tenants/{acme}/lifecycle/archive"),
            Some(json!({ "reason": "guest" })),
        ),
        (
            Method::POST,
            format!("/tenants/{acme}/lifecycle/upgrade"),
            Some(json!({ "target_type": "paid" })),
        ),
    ];
    for (method, path, body) in writes {
        let (s, b) = rig
            .secure(&rig.guest, Some(&acme), method.clone(), &path, body)
            .await;
        assert_eq!(s, 403, "{method} {path} as the guest: {b}");
        assert_eq!(b["error"], "FORBIDDEN", "{method} {path}");
    }
    let (s, b) = rig
        .as_admin(Method::GET, &format!("/contacts/{contact}"), None)
        .await;
    assert_eq!(s, 200, "the contact is still there: {b}");
    let (_, tenant) = rig
        .as_admin(Method::GET, &format!("/tenants/{acme}"), None)
        .await;
    assert_eq!(tenant["data"]["status"], "active");
}

/// Tenant writes check who calls (403) and which tenant (404) before the body (422), as the
/// other routes do: a refused caller learns nothing about what the body should have been.
#[tokio::test]
async fn tenant_writes_check_the_caller_and_the_tenant_before_the_body() {
    let rig = rig().await;
    let acme = acme();
    let nobody = uuid::Uuid::new_v4();
    let bad_bodies: Vec<(Method, &str, Value)> = vec![
        (Method::PATCH, "", json!({ "name": "x", "unknown": 1 })),
        (Method::PATCH, "", json!({ "status": "gone" })),
        (Method::POST, "/lifecycle/suspend", json!({ "reason": 7 })),
        (
            Method::POST,
            "/lifecycle/activate",
            json!({ "other": true }),
        ),
        (Method::POST, "/lifecycle/reactivate", json!([])),
        (
            Method::POST,
            "/lifecycle/archive",
            json!({ "reason": "r".repeat(501) }),
        ),
        (Method::POST, "/lifecycle/upgrade", json!({})),
        (
            Method::POST,
            "/lifecycle/upgrade",
            json!({ "target_type": "free" }),
        ),
    ];
    for (method, tail, body) in bad_bodies {
        let path = format!("/tenants/{acme}{tail}");
        let (s, b) = rig
            .secure(
                &rig.guest,
                Some(&acme),
                method.clone(),
                &path,
                Some(body.clone()),
            )
            .await;
        assert_eq!(s, 403, "{method} {path} {body} as the guest: {b}");
        assert_eq!(b["error"], "FORBIDDEN", "{method} {path}");
        let unknown = format!("/tenants/{nobody}{tail}");
        let (s, b) = rig
            .as_admin(method.clone(), &unknown, Some(body.clone()))
            .await;
        assert_eq!(s, 404, "{method} {unknown} {body}: {b}");
        let (s, b) = rig
            .as_admin(method.clone(), &path, Some(body.clone()))
            .await;
        assert_eq!(s, 422, "{method} {path} {body} as the owner: {b}");
    }
    let (_, tenant) = rig
        .as_admin(Method::GET, &format!("/tenants/{acme}"), None)
        .await;
    assert_eq!(tenant["data"]["status"], "active");
    assert_eq!(tenant["data"]["type"], "enterprise");
}

#[tokio::test]
async fn unknown_and_deleted_ids_are_not_found() {
    let rig = rig().await;
    let nobody = uuid::Uuid::new_v4();
    let (s, b) = rig
        .as_admin(
            Method::POST,
            "/contacts",
            Some(json!({ "firstName": "Short-lived" })),
        )
        .await;
    assert_eq!(s, 201, "{b}");
    let id = b["data"]["id"].as_str().unwrap().to_string();
    let (s, _) = rig
        .as_admin(Method::DELETE, &format!("/contacts/{id}"), None)
        .await;
    assert_eq!(s, 204);
    for (method, path, body) in [
        (Method::DELETE, format!("/contacts/{id}"), None),
        (Method::DELETE, format!("/contacts/{nobody}"), None),
        (
            Method::PATCH,
            format!("/contacts/{id}"),
            Some(json!({ "firstName": "Back" })),
        ),
        (Method::GET, format!("/contacts/{id}"), None),
        (
            Method::PATCH,
            format!("/tenants/{nobody}"),
            Some(json!({ "name": "Nobody" })),
        ),
        (
            Method::GET,
            format!("/tenants/{nobody}/lifecycle/history"),
            None,
        ),
        (
            Method::POST,
            format!("/tenants/{nobody}/lifecycle/suspend"),
            Some(json!({ "reason": "x" })),
        ),
        (
            Method::POST,
            format!("/tenants/{nobody}/lifecycle/activate"),
            Some(json!({})),
        ),
        (
            Method::POST,
            format!("/tenants/{nobody}/lifecycle/reactivate"),
            Some(json!({})),
        ),
        (
            Method::POST,
            format!("/tenants/{nobody}/lifecycle/archive"),
            Some(json!({ "reason": "x" })),
        ),
        (
            Method::POST,
            format!("/tenants/{nobody}/lifecycle/upgrade"),
            Some(json!({ "target_type": "paid" })),
        ),
        (Method::GET, format!("/admin/calendars/{nobody}"), None),
        (Method::GET, format!("/calendar/{nobody}/reminders"), None),
    ] {
        let (s, b) = rig.as_admin(method.clone(), &path, body).await;
        assert_eq!(s, 404, "{method} {path}: {b}");
        assert_eq!(b["error"], "NOT_FOUND", "{method} {path}");
    }
}

#[tokio::test]
async fn a_link_body_to_a_resource_is_checked() {
    let rig = rig().await;
    let (_, resources) = rig.as_admin(Method::GET, "/resources", None).await;
    let resource = resources["data"][0]["id"].as_str().unwrap().to_string();
    let path = format!("/resources/{resource}/contacts");
    for (body, field) in [
        (json!({}), "contactId"),
        (json!({ "contactId": "nope" }), "contactId"),
        (
            json!({ "contactId": uuid::Uuid::new_v4(), "isPrimary": "yes" }),
            "isPrimary",
        ),
    ] {
        let (s, b) = rig.as_admin(Method::POST, &path, Some(body)).await;
        assert_names_field(s, &b, field);
    }
    let res = send(
        rig.http
            .post(secure_url(&rig, &path))
            .bearer_auth(&rig.admin)
            .header("X-Tenant-ID", acme())
            .header("Content-Type", "application/json")
            .body("{"),
    )
    .await;
    assert_eq!(res.status, 400, "{}", res.json());
}
