//! Refusals that axum would answer in plain text come as the seed's StandardErrorResponse: a
//! repeated query key (400), a body over the size limit (413), a body that is not declared as
//! JSON (415), and wrong methods (405).

use crate::common;

use common::schemas::{compile, problems};
use common::{acme, rig, send, Rig};
use reqwest::Method;
use serde_json::{json, Value};

/// The seed's StandardErrorResponse with `status` and `code`, from a raw answer (413 and 415
/// are not among the statuses the seed lists for these endpoints, so the rig's per-endpoint
/// check does not apply).
async fn assert_standard(res: reqwest::Response, status: u16, code: &str) -> Value {
    assert_eq!(res.status().as_u16(), status);
    let content_type = res.headers()["content-type"].to_str().unwrap().to_string();
    assert!(
        content_type.starts_with("application/json"),
        "{content_type}"
    );
    let body: Value = res.json().await.unwrap();
    let schema: Value = serde_json::from_str(
        &std::fs::read_to_string(
            std::path::Path::new(env!("CARGO_MANIFEST_DIR"))
                .join("schemas/StandardErrorResponse.json"),
        )
        .unwrap(),
    )
    .unwrap();
    let found = problems(&compile(&schema), &body);
    assert!(found.is_empty(), "{found:?}\n{body}");
    assert_eq!(body["statusCode"], status, "{body}");
    assert_eq!(body["error"], code, "{body}");
    body
}

fn url(rig: &Rig, path: &str) -> String {
    format!("{}/api/v1{path}", rig.server.base_url())
}

#[tokio::test]
async fn a_repeated_query_key_is_a_standard_400() {
    let rig = rig().await;
    for path in ["/secure/audit-logs", "/secure/users", "/secure/contacts"] {
        let res = send(
            rig.http
                .get(url(&rig, &format!("{path}?limit=1&limit=2")))
                .bearer_auth(&rig.admin)
                .header("X-Tenant-ID", acme()),
        )
        .await;
        let body = res.json();
        assert_eq!(res.status, 400, "{path}: {body}");
        assert_eq!(body["error"], "BAD_REQUEST", "{body}");
        assert!(
            body["message"].as_str().unwrap().contains("limit"),
            "{body}"
        );
    }
}

#[tokio::test]
async fn a_body_over_the_limit_is_a_standard_413() {
    let rig = rig().await;
    // Just over axum's 2 MiB default: a JSON string the server must not read to the end.
    let filler = "x".repeat(2 * 1024 * 1024);
    let res = rig
        .http
        .post(url(&rig, "/public/auth/login"))
        .json(&json!({ "email": "a@b.example", "password": filler }))
        .send()
        .await
        .unwrap();
    assert_standard(res, 413, "PAYLOAD_TOO_LARGE").await;
}

#[tokio::test]
async fn a_body_declared_as_another_type_is_a_standard_415() {
    let rig = rig().await;
    let login = json!({ "email": "admin@outpost.example", "password": "outpost-demo" });
    for content_type in ["text/plain", "application/x-www-form-urlencoded"] {
        let res = rig
            .http
            .post(url(&rig, "/public/auth/login"))
            .header("content-type", content_type)
            .body(login.to_string())
            .send()
            .await
            .unwrap();
        let body = assert_standard(res, 415, "UNSUPPORTED_MEDIA_TYPE").await;
        assert!(
            body["message"].as_str().unwrap().contains(content_type),
            "{body}"
        );
    }
    let res = rig
        .http
        .post(url(&rig, "/secure/contacts"))
        .bearer_auth(&rig.admin)
        .header("X-Tenant-ID", acme())
        .header("content-type", "text/csv")
        .body("name\nDana")
        .send()
        .await
        .unwrap();
    assert_standard(res, 415, "UNSUPPORTED_MEDIA_TYPE").await;
    // JSON with parameters, and a body without a Content-Type, are read as JSON.
    for content_type in [Some("application/json; charset=utf-8"), None] {
        let mut req = rig
            .http
            .post(url(&rig, "/public/auth/login"))
            .body(login.to_string());
        if let Some(t) = content_type {
            req = req.header("content-type", t);
        }
        let res = send(req).await;
        assert_eq!(res.status, 200, "{:?}", res.json());
    }
}

#[tokio::test]
async fn wrong_methods_are_standard_405s() {
    let rig = rig().await;
    for (method, path) in [
        (Method::PUT, "/secure/contacts"),
        (Method::PATCH, "/system/health"),
        (Method::GET, "/secure/auth/switch-tenant"),
        (Method::DELETE, "/secure/auth/me"),
    ] {
        let res = send(
            rig.http
                .request(method.clone(), url(&rig, path))
                .bearer_auth(&rig.admin),
        )
        .await;
        let body = res.json();
        assert_eq!(res.status, 405, "{method} {path}: {body}");
        assert_eq!(body["error"], "METHOD_NOT_ALLOWED", "{body}");
    }
    // The devserver's own routes answer the same way.
    let res = rig
        .http
        .patch(format!("{}/_dev/sent-codes", rig.server.base_url()))
        .send()
        .await
        .unwrap();
    assert_standard(res, 405, "METHOD_NOT_ALLOWED").await;
}
