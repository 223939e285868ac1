//! A demo devserver on loopback and a small HTTP client for the tests. Every answer it
//! receives is checked against the seed's schema files (`schemas.rs`): send requests through
//! [`send`] / [`try_send`] rather than `reqwest` directly.

pub mod schemas;
pub mod second_factor;

use outpost_devserver::{demo, start, DemoOptions, DevServerConfig, RunningServer};
pub use reqwest::Method;
use serde_json::{json, Value};

pub struct Rig {
    pub server: RunningServer,
    pub http: reqwest::Client,
    /// The demo admin's token (owner of acme-field, admin of northwind).
    pub admin: String,
    /// The guest of acme-field.
    pub guest: String,
}

/// An answer, already checked against the seed's schema for its endpoint and status.
#[derive(Debug)]
pub struct Answer {
    pub status: u16,
    pub headers: reqwest::header::HeaderMap,
    pub raw: Vec<u8>,
}

impl Answer {
    /// The body as JSON (null when it is empty or not JSON).
    pub fn json(&self) -> Value {
        serde_json::from_slice(&self.raw).unwrap_or(Value::Null)
    }

    /// The status and the body as JSON.
    pub fn parts(&self) -> (u16, Value) {
        (self.status, self.json())
    }

    pub fn header(&self, name: &str) -> Option<&str> {
        self.headers.get(name).and_then(|v| v.to_str().ok())
    }
}

/// Sends `req` and checks its answer against the seed; `Err` when no answer came (a
/// connection cut by a fault), which is exempt from the check.
pub async fn try_send(req: reqwest::RequestBuilder) -> Result<Answer, reqwest::Error> {
    let (client, req) = req.build_split();
    let req = req?;
    let method = req.method().to_string();
    let path = req.url().path().to_string();
    let res = client.execute(req).await?;
    let status = res.status().as_u16();
    let headers = res.headers().clone();
    let raw = res.bytes().await?.to_vec();
    schemas::check(&method, &path, status, &headers, &raw);
    Ok(Answer {
        status,
        headers,
        raw,
    })
}

/// Sends `req` and checks its answer against the seed.
pub async fn send(req: reqwest::RequestBuilder) -> Answer {
    try_send(req).await.unwrap()
}

pub fn acme() -> String {
    demo::tenant_id("acme-field")
}

pub fn northwind() -> String {
    demo::tenant_id("northwind")
}

/// A server with the demo data (tests count relative to what is there before they act).
pub async fn rig() -> Rig {
    let server = start(DevServerConfig {
        demo: Some(DemoOptions::default()),
        ..DevServerConfig::default()
    })
    .await
    .unwrap();
    Rig::signed_in(server).await
}

impl Rig {
    /// A rig around a running demo server: the admin and the guest signed in.
    pub async fn signed_in(server: RunningServer) -> Rig {
        let http = reqwest::Client::new();
        let admin = token(&http, &server, demo::ADMIN_EMAIL, demo::ADMIN_PASSWORD).await;
        let guest = token(&http, &server, demo::GUEST_EMAIL, demo::GUEST_PASSWORD).await;
        Rig {
            server,
            http,
            admin,
            guest,
        }
    }
}

async fn token(http: &reqwest::Client, server: &RunningServer, email: &str, pw: &str) -> String {
    let res = send(
        http.post(format!("{}/api/v1/public/auth/login", server.base_url()))
            .json(&json!({ "email": email, "password": pw })),
    )
    .await
    .json();
    res["accessToken"].as_str().unwrap().to_string()
}

impl Rig {
    fn url(&self, path: &str) -> String {
        format!("{}/api/v1/secure/calendar{path}", self.server.base_url())
    }

    /// A call as `token` in `tenant` (the session's tenant when None).
    pub async fn call_as(
        &self,
        token: &str,
        tenant: Option<&str>,
        method: Method,
        path: &str,
        body: Option<Value>,
    ) -> (u16, Value) {
        let mut req = self.http.request(method, self.url(path)).bearer_auth(token);
        if let Some(t) = tenant {
            req = req.header("X-Tenant-ID", t);
        }
        if let Some(b) = body {
            req = req.json(&b);
        }
        send(req).await.parts()
    }

    /// A call to any `/api/v1/secure` path (`path` starts after `/secure`) as `token`.
    pub async fn secure(
        &self,
        token: &str,
        tenant: Option<&str>,
        method: Method,
        path: &str,
        body: Option<Value>,
    ) -> (u16, Value) {
        let url = format!("{}/api/v1/secure{path}", self.server.base_url());
        let mut req = self.http.request(method, url).bearer_auth(token);
        if let Some(t) = tenant {
            req = req.header("X-Tenant-ID", t);
        }
        if let Some(b) = body {
            req = req.json(&b);
        }
        send(req).await.parts()
    }

    /// A `/api/v1/secure` call as the demo admin in acme-field.
    pub async fn as_admin(&self, method: Method, path: &str, body: Option<Value>) -> (u16, Value) {
        self.secure(&self.admin, Some(&acme()), method, path, body)
            .await
    }

    /// A call as the demo admin in acme-field.
    pub async fn call(&self, method: Method, path: &str, body: Option<Value>) -> (u16, Value) {
        self.call_as(&self.admin, Some(&acme()), method, path, body)
            .await
    }

    /// A call without a token.
    pub async fn anonymous(&self, method: Method, path: &str) -> (u16, Value) {
        send(self.http.request(method, self.url(path)).json(&json!({})))
            .await
            .parts()
    }

    /// A call with a body that is not JSON.
    pub async fn malformed(&self, method: Method, path: &str) -> (u16, Value) {
        send(
            self.http
                .request(method, self.url(path))
                .bearer_auth(&self.admin)
                .header("Content-Type", "application/json")
                .body("{\"name\": "),
        )
        .await
        .parts()
    }

    /// Creates a calendar and returns it.
    pub async fn calendar(&self, name: &str, timezone: &str) -> Value {
        let (s, b) = self
            .call(
                Method::POST,
                "/",
                Some(json!({ "kind": "tenant_shared", "name": name, "timezone": timezone })),
            )
            .await;
        assert_eq!(s, 201, "{b}");
        b["data"].clone()
    }

    /// The audit actions of acme-field on one resource, oldest first.
    pub async fn audit_of(&self, resource_id: &str) -> Vec<String> {
        let res = send(
            self.http
                .get(format!(
                    "{}/api/v1/secure/audit-logs?limit=200",
                    self.server.base_url()
                ))
                .bearer_auth(&self.admin)
                .header("X-Tenant-ID", acme()),
        )
        .await
        .json();
        let mut actions: Vec<String> = res["data"]
            .as_array()
            .unwrap()
            .iter()
            .filter(|r| r["resource_id"] == resource_id)
            .map(|r| {
                format!(
                    "{} {}",
                    r["action"].as_str().unwrap(),
                    r["resource_type"].as_str().unwrap()
                )
            })
            .collect();
        actions.reverse();
        actions
    }
}

/// The error body is the seed's StandardErrorResponse naming `field` (for 422s).
pub fn assert_names_field(status: u16, body: &Value, field: &str) {
    assert_eq!(status, 422, "{body}");
    assert_eq!(body["error"], "VALIDATION_ERROR", "{body}");
    assert_eq!(body["statusCode"], 422, "{body}");
    assert_eq!(body["details"]["field"], field, "{body}");
}

/// The keys of an object, sorted.
pub fn keys(value: &Value) -> Vec<String> {
    let mut k: Vec<String> = value.as_object().unwrap().keys().cloned().collect();
    k.sort();
    k
}

pub fn sorted(names: &[&str]) -> Vec<String> {
    let mut k: Vec<String> = names.iter().map(|s| s.to_string()).collect();
    k.sort();
    k
}

impl Rig {
    /// A signed-in active member of acme-field with `role` (the demo has one or more of each):
    /// their user id and token.
    pub async fn member_with_role(&self, role: &str) -> (String, String) {
        let (_, users) = self.as_admin(Method::GET, "/users?limit=200", None).await;
        for user in users["data"].as_array().unwrap() {
            if user["status"] != "active" {
                continue;
            }
            let email = user["email"].as_str().unwrap();
            let res = send(
                self.http
                    .post(format!(
                        "{}/api/v1/public/auth/login",
                        self.server.base_url()
                    ))
                    .json(&json!({ "email": email, "password": "outpost-demo" })),
            )
            .await;
            let Some(token) = res.json()["accessToken"].as_str().map(str::to_string) else {
                continue;
            };
            let (_, tenants) = self
                .secure(&token, None, Method::GET, "/auth/tenants", None)
                .await;
            // A user waiting for a second factor cannot list their tenants: not one to use.
            let Some(listed) = tenants["data"].as_array() else {
                continue;
            };
            let here = listed
                .iter()
                .find(|t| t["tenantId"] == acme().as_str())
                .cloned()
                .unwrap_or_default();
            if here["role"] == role {
                return (user["id"].as_str().unwrap().to_string(), token);
            }
        }
        panic!("no active {role} in acme-field");
    }
}
