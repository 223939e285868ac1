//! `/secure/contacts` over real HTTP: shapes, validation, paging, soft deletes, roles, isolation.

use crate::common;

use common::send;
use outpost_devserver::{demo, start, DemoOptions, DevServerConfig, RunningServer};
use serde_json::{json, Value};

struct Rig {
    server: RunningServer,
    http: reqwest::Client,
}

async fn rig() -> Rig {
    Rig {
        server: start(DevServerConfig {
            demo: Some(DemoOptions::default()),
            ..DevServerConfig::default()
        })
        .await
        .unwrap(),
        http: reqwest::Client::new(),
    }
}

impl Rig {
    async fn token(&self, email: &str, password: &str) -> String {
        let res = send(
            self.http
                .post(format!(
                    "{}/api/v1/public/auth/login",
                    self.server.base_url()
                ))
                .json(&json!({ "email": email, "password": password })),
        )
        .await
        .json();
        res["accessToken"].as_str().unwrap().to_string()
    }

    async fn call(
        &self,
        method: reqwest::Method,
        path: &str,
        token: &str,
        tenant: Option<&str>,
        body: Option<Value>,
    ) -> (u16, Value) {
        let mut req = self
            .http
            .request(
                method,
                format!("{}/api/v1/secure{path}", self.server.base_url()),
            )
            .bearer_auth(token);
        if let Some(t) = tenant {
            req = req.header("X-Tenant-ID", t);
        }
        if let Some(b) = body {
            req = req.json(&b);
        }
        send(req).await.parts()
    }
}

use reqwest::Method;

#[tokio::test]
async fn create_get_patch_delete_with_the_seed_casing() {
    let rig = rig().await;
    let t = rig.token(demo::ADMIN_EMAIL, demo::ADMIN_PASSWORD).await;
    let (s, created) = rig
        .call(
            Method::POST,
            "/contacts",
            &t,
            None,
            Some(json!({
                "firstName": "Ada", "lastName": "Lovelace", "email": "ada@example.com",
                "address": { "city": "London", "country_code": "GB" }
            })),
        )
        .await;
    assert_eq!(s, 201, "{created}");
    let c = &created["data"];
    assert_eq!(c["first_name"], "Ada");
    assert_eq!(c["address"]["city"], "London");
    assert_eq!(c["tenantId"], demo::tenant_id("acme-field"));
    assert!(c.get("firstName").is_none(), "responses are snake_case");
    let id = c["id"].as_str().unwrap();

    let (s, patched) = rig
        .call(
            Method::PATCH,
            &format!("/contacts/{id}"),
            &t,
            None,
            Some(json!({ "phone": "+44 20 7946 0000", "notes": null })),
        )
        .await;
    assert_eq!(s, 200, "{patched}");
    assert_eq!(patched["data"]["phone"], "+44 20 7946 0000");
    assert!(patched["data"]["updated_at"].as_str().unwrap() > c["updated_at"].as_str().unwrap());

    let (s, _) = rig
        .call(Method::DELETE, &format!("/contacts/{id}"), &t, None, None)
        .await;
    assert_eq!(s, 204);
    let (s, body) = rig
        .call(Method::GET, &format!("/contacts/{id}"), &t, None, None)
        .await;
    assert_eq!(s, 404);
    assert_eq!(body["error"], "NOT_FOUND");
    let (_, list) = rig
        .call(Method::GET, "/contacts?limit=200", &t, None, None)
        .await;
    assert!(
        list["data"]
            .as_array()
            .unwrap()
            .iter()
            .all(|c| c["id"] != id),
        "deleted rows leave the list"
    );

    // The demo's own creations are in the log too; these are this contact's rows.
    let (_, audit) = rig
        .call(Method::GET, "/audit-logs?limit=200", &t, None, None)
        .await;
    let actions: Vec<&str> = audit["data"]
        .as_array()
        .unwrap()
        .iter()
        .filter(|r| r["resource_id"] == id)
        .map(|r| r["action"].as_str().unwrap())
        .collect();
    assert_eq!(actions, ["deleted", "updated", "created"]);
}

#[tokio::test]
async fn validation_names_the_field() {
    let rig = rig().await;
    let t = rig.token(demo::ADMIN_EMAIL, demo::ADMIN_PASSWORD).await;
    for (body, field) in [
        (json!({ "email": "nope" }), "email"),
        (json!({ "firstName": "x".repeat(101) }), "firstName"),
        (json!({ "nickname": "Bob" }), "nickname"),
        (json!({ "address": "Main St" }), "address"),
        // The seed's formats: an empty string is no email and no URI.
        (json!({ "email": "" }), "email"),
        (json!({ "url": "" }), "url"),
        (json!({ "url": "example.com/no-scheme" }), "url"),
    ] {
        let (s, b) = rig
            .call(Method::POST, "/contacts", &t, None, Some(body))
            .await;
        assert_eq!(s, 422, "{b}");
        assert_eq!(b["details"]["field"], field, "{b}");
    }
    let (s, b) = rig
        .call(
            Method::PATCH,
            &format!("/contacts/{}", uuid::Uuid::new_v4()),
            &t,
            None,
            Some(json!({})),
        )
        .await;
    assert_eq!(s, 422, "an empty patch is refused before the lookup: {b}");
}

#[tokio::test]
async fn lists_page_with_limit_and_offset() {
    let rig = rig().await;
    let t = rig.token(demo::ADMIN_EMAIL, demo::ADMIN_PASSWORD).await;
    let (_, first) = rig
        .call(Method::GET, "/contacts?limit=15&offset=0", &t, None, None)
        .await;
    let (_, rest) = rig
        .call(Method::GET, "/contacts?limit=200&offset=15", &t, None, None)
        .await;
    assert_eq!(first["pagination"]["total"], 40);
    assert_eq!(first["pagination"]["hasMore"], true);
    assert_eq!(first["data"].as_array().unwrap().len(), 15);
    assert_eq!(rest["data"].as_array().unwrap().len(), 25);
    assert_eq!(rest["pagination"]["hasMore"], false);
    let (_, default) = rig.call(Method::GET, "/contacts", &t, None, None).await;
    assert_eq!(default["pagination"]["limit"], 50);
    let (s, b) = rig
        .call(Method::GET, "/contacts?limit=500", &t, None, None)
        .await;
    assert_eq!(s, 422);
    assert_eq!(b["details"]["field"], "limit");
}

#[tokio::test]
async fn guests_read_but_do_not_write() {
    let rig = rig().await;
    let t = rig.token(demo::GUEST_EMAIL, demo::GUEST_PASSWORD).await;
    let (s, _) = rig.call(Method::GET, "/contacts", &t, None, None).await;
    assert_eq!(s, 200);
    let (s, b) = rig
        .call(
            Method::POST,
            "/contacts",
            &t,
            None,
            Some(json!({ "firstName": "No" })),
        )
        .await;
    assert_eq!(s, 403, "{b}");
}

#[tokio::test]
async fn tenants_never_see_each_others_contacts() {
    let rig = rig().await;
    let t = rig.token(demo::ADMIN_EMAIL, demo::ADMIN_PASSWORD).await;
    let acme = demo::tenant_id("acme-field");
    let northwind = demo::tenant_id("northwind");
    let (_, created) = rig
        .call(
            Method::POST,
            "/contacts",
            &t,
            Some(&acme),
            Some(json!({ "firstName": "Only", "lastName": "Acme" })),
        )
        .await;
    let id = created["data"]["id"].as_str().unwrap();
    let (s, _) = rig
        .call(
            Method::GET,
            &format!("/contacts/{id}"),
            &t,
            Some(&northwind),
            None,
        )
        .await;
    assert_eq!(s, 404);
    let (s, _) = rig
        .call(
            Method::PATCH,
            &format!("/contacts/{id}"),
            &t,
            Some(&northwind),
            Some(json!({ "notes": "x" })),
        )
        .await;
    assert_eq!(s, 404);
    let (_, list) = rig
        .call(
            Method::GET,
            "/contacts?limit=200",
            &t,
            Some(&northwind),
            None,
        )
        .await;
    let rows = list["data"].as_array().unwrap();
    assert_eq!(rows.len(), 25);
    assert!(rows.iter().all(|c| c["tenantId"] == northwind));
}
