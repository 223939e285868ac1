//! The auth surface over real HTTP on loopback: sign-in, refresh rotation, the second-factor
//! rule, tenants and X-Tenant-ID, logout.

use std::time::{Duration, SystemTime, UNIX_EPOCH};

use crate::common;

use common::send;
use outpost_devserver::{demo, start, DemoOptions, DevServerConfig, RunningServer};
use serde_json::{json, Value};

struct Rig {
    server: RunningServer,
    http: reqwest::Client,
}

async fn rig() -> Rig {
    rig_with(DevServerConfig {
        demo: Some(DemoOptions::default()),
        ..DevServerConfig::default()
    })
    .await
}

async fn rig_with(config: DevServerConfig) -> Rig {
    Rig {
        server: start(config).await.unwrap(),
        http: reqwest::Client::new(),
    }
}

impl Rig {
    fn url(&self, path: &str) -> String {
        format!("{}/api/v1{path}", self.server.base_url())
    }

    async fn post(&self, path: &str, token: Option<&str>, body: Value) -> (u16, Value) {
        let mut req = self.http.post(self.url(path)).json(&body);
        if let Some(t) = token {
            req = req.bearer_auth(t);
        }
        send(req).await.parts()
    }

    async fn get(&self, path: &str, token: &str, tenant: Option<&str>) -> (u16, Value) {
        let mut req = self.http.get(self.url(path)).bearer_auth(token);
        if let Some(t) = tenant {
            req = req.header("X-Tenant-ID", t);
        }
        send(req).await.parts()
    }

    async fn login(&self, email: &str, password: &str) -> Value {
        let (status, body) = self
            .post(
                "/public/auth/login",
                None,
                json!({ "email": email, "password": password }),
            )
            .await;
        assert_eq!(status, 200, "{body}");
        body
    }
}

fn assert_standard_error(body: &Value, status: u16, code: &str) {
    assert_eq!(body["statusCode"], status, "{body}");
    assert_eq!(body["error"], code, "{body}");
    assert!(
        body["message"].is_string() && body["timestamp"].is_string(),
        "{body}"
    );
}

fn now() -> u64 {
    SystemTime::now()
        .duration_since(UNIX_EPOCH)
        .unwrap()
        .as_secs()
}

#[tokio::test]
async fn login_answers_the_seed_shape() {
    let rig = rig().await;
    let body = rig.login(demo::ADMIN_EMAIL, demo::ADMIN_PASSWORD).await;
    assert!(body["accessToken"].is_string() && body["refreshToken"].is_string());
    assert!(body["expiresIn"].as_u64().unwrap() > 0);
    assert_eq!(body["user"]["email"], demo::ADMIN_EMAIL);
    assert_eq!(body["user"]["tenantId"], demo::tenant_id("acme-field"));
    assert_eq!(body["user"]["isTenantAdmin"], true);
}

#[tokio::test]
async fn wrong_passwords_and_bad_bodies_are_refused_with_standard_errors() {
    let rig = rig().await;
    let (s, b) = rig
        .post(
            "/public/auth/login",
            None,
            json!({ "email": demo::ADMIN_EMAIL, "password": "wrong-password" }),
        )
        .await;
    assert_eq!(s, 401);
    assert_standard_error(&b, 401, "INVALID_CREDENTIALS");
    let (s, b) = rig
        .post(
            "/public/auth/login",
            None,
            json!({ "email": demo::ADMIN_EMAIL, "password": "short" }),
        )
        .await;
    assert_eq!(s, 422);
    assert_eq!(b["details"]["field"], "password");
    let (s, b) = rig
        .post(
            "/public/auth/login",
            None,
            json!({ "email": "not-an-email", "password": "long-enough" }),
        )
        .await;
    assert_eq!(s, 422);
    assert_eq!(b["details"]["field"], "email");
    let (s, b) = rig
        .post(
            "/public/auth/login",
            None,
            json!({ "email": demo::ADMIN_EMAIL, "password": demo::ADMIN_PASSWORD, "extra": 1 }),
        )
        .await;
    assert_eq!(s, 422);
    assert_eq!(b["details"]["field"], "extra");
    let res = send(
        rig.http
            .post(rig.url("/public/auth/login"))
            .header("content-type", "application/json")
            .body("{nope"),
    )
    .await;
    assert_eq!(res.status, 400);
    let (s, b) = rig.get("/secure/auth/me", "dev_at_nonsense", None).await;
    assert_eq!(s, 401);
    assert_standard_error(&b, 401, "UNAUTHORIZED");
    let res = send(rig.http.get(rig.url("/no/such/route"))).await;
    assert_eq!(res.status, 404);
    let res = send(rig.http.delete(rig.url("/public/auth/login"))).await;
    assert_eq!(res.status, 405);
}

#[tokio::test]
async fn refresh_tokens_rotate() {
    let rig = rig().await;
    let login = rig.login(demo::ADMIN_EMAIL, demo::ADMIN_PASSWORD).await;
    let old = login["refreshToken"].as_str().unwrap();
    let (s, fresh) = rig
        .post("/public/auth/refresh", None, json!({ "refreshToken": old }))
        .await;
    assert_eq!(s, 200, "{fresh}");
    assert_ne!(fresh["refreshToken"], old);
    let (s, b) = rig
        .post("/public/auth/refresh", None, json!({ "refreshToken": old }))
        .await;
    assert_eq!(s, 401, "the old refresh token is retired");
    assert_standard_error(&b, 401, "INVALID_REFRESH_TOKEN");
    let (s, _) = rig
        .get(
            "/secure/auth/me",
            fresh["accessToken"].as_str().unwrap(),
            None,
        )
        .await;
    assert_eq!(s, 200);
}

#[tokio::test]
async fn expired_access_tokens_answer_401_and_refresh_still_works() {
    let rig = rig_with(DevServerConfig {
        demo: Some(DemoOptions::default()),
        access_token_ttl: Duration::from_secs(1),
        ..DevServerConfig::default()
    })
    .await;
    let login = rig.login(demo::ADMIN_EMAIL, demo::ADMIN_PASSWORD).await;
    tokio::time::sleep(Duration::from_millis(1100)).await;
    let (s, b) = rig
        .get(
            "/secure/auth/me",
            login["accessToken"].as_str().unwrap(),
            None,
        )
        .await;
    assert_eq!(s, 401);
    assert_standard_error(&b, 401, "TOKEN_EXPIRED");
    let (s, _) = rig
        .post(
            "/public/auth/refresh",
            None,
            json!({ "refreshToken": login["refreshToken"] }),
        )
        .await;
    assert_eq!(s, 200);
}

#[tokio::test]
async fn the_second_factor_gates_everything_but_me_and_2fa() {
    let rig = rig().await;
    let login = rig
        .login(demo::TOTP_USER_EMAIL, demo::TOTP_USER_PASSWORD)
        .await;
    let token = login["accessToken"].as_str().unwrap();
    let (s, b) = rig.get("/secure/auth/tenants", token, None).await;
    assert_eq!(s, 403);
    assert_standard_error(&b, 403, "TWO_FACTOR_REQUIRED");
    let (s, _) = rig.get("/secure/auth/me", token, None).await;
    assert_eq!(s, 200);
    let (s, b) = rig.get("/secure/auth/2fa/status", token, None).await;
    assert_eq!(s, 200);
    assert_eq!(b["data"]["enabled_methods"][0]["method"], "totp");

    let (s, b) = rig
        .post(
            "/secure/auth/2fa/verify",
            Some(token),
            json!({ "method": "totp", "code": "000000" }),
        )
        .await;
    assert_eq!(s, 400, "{b}");
    let secret = demo::totp_secret(DemoOptions::default());
    let code = outpost_devserver::totp::code_at(&secret, now()).unwrap();
    let (s, b) = rig
        .post(
            "/secure/auth/2fa/verify",
            Some(token),
            json!({ "method": "totp", "code": code }),
        )
        .await;
    assert_eq!(s, 200, "{b}");
    assert_eq!(b["data"]["verified"], true);
    let (s, _) = rig.get("/secure/auth/tenants", token, None).await;
    assert_eq!(s, 200);
}

#[tokio::test]
async fn a_backup_code_works_once() {
    let rig = rig().await;
    let token = rig
        .login(demo::TOTP_USER_EMAIL, demo::TOTP_USER_PASSWORD)
        .await["accessToken"]
        .as_str()
        .unwrap()
        .to_string();
    let code = demo::BACKUP_CODES[0];
    let (s, b) = rig
        .post(
            "/secure/auth/2fa/use-backup",
            Some(&token),
            json!({ "code": code }),
        )
        .await;
    assert_eq!(s, 200, "{b}");
    assert_eq!(b["data"]["remaining"], 2);
    let again = rig
        .login(demo::TOTP_USER_EMAIL, demo::TOTP_USER_PASSWORD)
        .await["accessToken"]
        .as_str()
        .unwrap()
        .to_string();
    let (s, _) = rig
        .post(
            "/secure/auth/2fa/use-backup",
            Some(&again),
            json!({ "code": code }),
        )
        .await;
    assert_eq!(s, 400, "a used code is gone");
}

#[tokio::test]
async fn tenants_list_roles_and_x_tenant_id_is_checked() {
    let rig = rig().await;
    let token = rig.login(demo::ADMIN_EMAIL, demo::ADMIN_PASSWORD).await["accessToken"]
        .as_str()
        .unwrap()
        .to_string();
    let (s, b) = rig.get("/secure/auth/tenants", &token, None).await;
    assert_eq!(s, 200);
    let rows = b["data"].as_array().unwrap();
    assert_eq!(rows.len(), 3);
    let globex = rows.iter().find(|r| r["tenantSlug"] == "globex").unwrap();
    assert_eq!(
        globex["status"], "suspended",
        "an inactive tenant is not usable"
    );
    assert_eq!(b["defaultTenantId"], demo::tenant_id("acme-field"));

    let northwind = demo::tenant_id("northwind");
    let (s, _) = rig
        .get("/secure/auth/tenants", &token, Some(&northwind))
        .await;
    assert_eq!(s, 200);
    // Acting in a suspended tenant does not lock the user out of their tenant list: it is how
    // they find their way out (tests/suspended_tenant.rs).
    let (s, b) = rig
        .get(
            "/secure/auth/tenants",
            &token,
            Some(&demo::tenant_id("globex")),
        )
        .await;
    assert_eq!(s, 200, "{b}");
    let stranger = uuid::Uuid::new_v4().to_string();
    let (s, _) = rig
        .get("/secure/auth/tenants", &token, Some(&stranger))
        .await;
    assert_eq!(s, 403);

    let (s, b) = rig
        .post(
            "/secure/auth/switch-tenant",
            Some(&token),
            json!({ "tenantId": northwind }),
        )
        .await;
    assert_eq!(s, 200, "{b}");
    assert_eq!(b["role"], "admin");
    let (_, b) = rig.get("/secure/auth/tenants", &token, None).await;
    assert_eq!(b["activeTenantId"], northwind);
    let (s, _) = rig
        .post(
            "/secure/auth/switch-tenant",
            Some(&token),
            json!({ "tenantId": demo::tenant_id("globex") }),
        )
        .await;
    assert_eq!(s, 403);
}

#[tokio::test]
async fn logout_revokes_the_session() {
    let rig = rig().await;
    let login = rig.login(demo::ADMIN_EMAIL, demo::ADMIN_PASSWORD).await;
    let token = login["accessToken"].as_str().unwrap();
    let (s, b) = rig
        .post("/secure/auth/logout", Some(token), json!({}))
        .await;
    assert_eq!(s, 200);
    assert!(b["message"].is_string());
    let (s, _) = rig.get("/secure/auth/me", token, None).await;
    assert_eq!(s, 401);
    let (s, _) = rig
        .post(
            "/public/auth/refresh",
            None,
            json!({ "refreshToken": login["refreshToken"] }),
        )
        .await;
    assert_eq!(s, 401);
}
