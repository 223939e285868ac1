//! Managing second factors over real HTTP on loopback: enabling TOTP and code-delivery methods
//! (verified before they count), sending codes, regenerating backup codes, disabling, and the
//! second-factor rule around them.

use crate::common;

use common::second_factor::{self, totp_now, wrong_totp};
use common::send;
use outpost_devserver::{demo, start, totp, DemoOptions, DevServerConfig, RunningServer};
use reqwest::Method;
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
    /// A call to `/api/v1{path}`; the body is sent as JSON when given.
    async fn call(
        &self,
        method: Method,
        path: &str,
        token: &str,
        body: Option<Value>,
    ) -> (u16, Value) {
        let url = format!("{}/api/v1{path}", self.server.base_url());
        let mut req = self.http.request(method, url).bearer_auth(token);
        if let Some(b) = body {
            req = req.json(&b);
        }
        let res = send(req).await;
        let status = res.status;
        let text = String::from_utf8(res.raw).unwrap();
        let body = if text.is_empty() {
            Value::Null
        } else {
            serde_json::from_str(&text).unwrap_or_else(|e| panic!("not JSON ({e}): {text}"))
        };
        (status, body)
    }

    async fn post(&self, path: &str, token: &str, body: Value) -> (u16, Value) {
        self.call(Method::POST, path, token, Some(body)).await
    }

    async fn get(&self, path: &str, token: &str) -> (u16, Value) {
        self.call(Method::GET, path, token, None).await
    }

    async fn login(&self, email: &str) -> String {
        let password = if email == demo::TOTP_USER_EMAIL {
            demo::TOTP_USER_PASSWORD
        } else {
            demo::ADMIN_PASSWORD
        };
        let (s, b) = self
            .post(
                "/public/auth/login",
                "",
                json!({ "email": email, "password": password }),
            )
            .await;
        assert_eq!(s, 200, "{b}");
        b["accessToken"].as_str().unwrap().to_string()
    }

    /// The TOTP user, signed in and past the second factor.
    async fn totp_user(&self) -> String {
        let token = self.login(demo::TOTP_USER_EMAIL).await;
        let secret = demo::totp_secret(DemoOptions::default());
        let (s, b) = self
            .post(
                "/secure/auth/2fa/verify",
                &token,
                json!({ "method": "totp", "code": totp_now(&secret) }),
            )
            .await;
        assert_eq!(s, 200, "{b}");
        token
    }

    /// The newest code the devserver "sent" by `method`.
    async fn last_sent(&self, method: &str) -> String {
        second_factor::last_sent(&self.http, &self.server, method).await
    }

    async fn status(&self, token: &str) -> Value {
        let (s, b) = self.get("/secure/auth/2fa/status", token).await;
        assert_eq!(s, 200, "{b}");
        b["data"].clone()
    }
}

fn assert_error(status: u16, body: &Value, expected: u16, code: &str) {
    assert_eq!(status, expected, "{body}");
    assert_eq!(body["statusCode"], expected, "{body}");
    assert_eq!(body["error"], code, "{body}");
    assert!(
        body["message"].is_string() && body["timestamp"].is_string(),
        "{body}"
    );
}

fn assert_field(status: u16, body: &Value, field: &str) {
    assert_error(status, body, 422, "VALIDATION_ERROR");
    assert_eq!(body["details"]["field"], field, "{body}");
}

#[tokio::test]
async fn totp_turns_on_only_after_a_code_of_the_new_secret() {
    let rig = rig().await;
    let admin = rig.login(demo::ADMIN_EMAIL).await;
    let (s, b) = rig
        .post(
            "/secure/auth/2fa/enable/totp",
            &admin,
            json!({ "delivery_target": "+4915112345678" }),
        )
        .await;
    assert_field(s, &b, "delivery_target");
    let (s, b) = rig
        .post("/secure/auth/2fa/enable/totp", &admin, json!({}))
        .await;
    assert_eq!(s, 200, "{b}");
    assert_eq!(b["data"]["method"], "totp");
    let secret = b["data"]["secret"].as_str().unwrap().to_string();
    assert!(totp::code_at(&secret, 0).is_some(), "base32: {secret}");
    let uri = b["data"]["qr_code_uri"].as_str().unwrap();
    assert!(
        uri.starts_with("otpauth://totp/") && uri.contains(&format!("secret={secret}")),
        "{uri}"
    );
    let backup: Vec<String> = b["data"]["backup_codes"]
        .as_array()
        .unwrap()
        .iter()
        .map(|c| c.as_str().unwrap().to_string())
        .collect();
    assert_eq!(backup.len(), 10);

    // Not on yet: nothing listed, the new backup codes do not work, sign-in is one step.
    let status = rig.status(&admin).await;
    assert_eq!(status["enabled_methods"], json!([]));
    assert_eq!(status["requires_2fa"], false);
    let (s, b) = rig
        .post(
            "/secure/auth/2fa/use-backup",
            &admin,
            json!({ "code": backup[0] }),
        )
        .await;
    assert_error(s, &b, 400, "INVALID_CODE");

    let (s, b) = rig
        .post(
            "/secure/auth/2fa/verify",
            &admin,
            json!({ "method": "totp", "code": wrong_totp(&secret) }),
        )
        .await;
    assert_error(s, &b, 400, "INVALID_CODE");
    let (s, b) = rig
        .post(
            "/secure/auth/2fa/verify",
            &admin,
            json!({ "method": "totp", "code": totp_now(&secret) }),
        )
        .await;
    assert_eq!(s, 200, "{b}");
    assert_eq!(b["data"]["enabled"], true);
    let status = rig.status(&admin).await;
    assert_eq!(status["enabled_methods"][0]["method"], "totp");
    assert!(status["enabled_methods"][0]["enabled_at"].is_string());
    assert_eq!(status["backup_codes_remaining"], 10);
    assert_eq!(status["requires_2fa"], true);

    let (s, b) = rig
        .post("/secure/auth/2fa/enable/totp", &admin, json!({}))
        .await;
    assert_error(s, &b, 400, "TWO_FACTOR_ALREADY_ENABLED");

    // The next sign-in waits for the second factor, and a waiting session cannot change
    // the account's factors.
    let pending = rig.login(demo::ADMIN_EMAIL).await;
    let (s, b) = rig.get("/secure/auth/tenants", &pending).await;
    assert_error(s, &b, 403, "TWO_FACTOR_REQUIRED");
    let (s, b) = rig
        .post(
            "/secure/auth/2fa/enable/sms",
            &pending,
            json!({ "delivery_target": "+4915112345678" }),
        )
        .await;
    assert_error(s, &b, 403, "TWO_FACTOR_REQUIRED");
    let (s, b) = rig
        .post("/secure/auth/2fa/backup-codes", &pending, json!({}))
        .await;
    assert_error(s, &b, 403, "TWO_FACTOR_REQUIRED");
    let (s, b) = rig
        .call(
            Method::DELETE,
            "/secure/auth/2fa/disable",
            &pending,
            Some(json!({ "method": "totp", "code": backup[1] })),
        )
        .await;
    assert_error(s, &b, 403, "TWO_FACTOR_REQUIRED");
    let (s, b) = rig
        .post(
            "/secure/auth/2fa/use-backup",
            &pending,
            json!({ "code": backup[0] }),
        )
        .await;
    assert_eq!(s, 200, "{b}");
    assert_eq!(b["data"]["remaining"], 9);
    let (s, _) = rig.get("/secure/auth/tenants", &pending).await;
    assert_eq!(s, 200);
}

#[tokio::test]
async fn a_waiting_session_cannot_finish_a_setup() {
    let rig = rig().await;
    let admin = rig.login(demo::ADMIN_EMAIL).await;
    let (s, _) = rig
        .post(
            "/secure/auth/2fa/enable/sms",
            &admin,
            json!({ "delivery_target": "+4915112345678" }),
        )
        .await;
    assert_eq!(s, 200);
    let sms = rig.last_sent("sms").await;
    let (s, _) = rig
        .post(
            "/secure/auth/2fa/verify",
            &admin,
            json!({ "method": "sms", "code": sms }),
        )
        .await;
    assert_eq!(s, 200);
    let (s, b) = rig
        .post("/secure/auth/2fa/enable/totp", &admin, json!({}))
        .await;
    assert_eq!(s, 200, "{b}");
    let secret = b["data"]["secret"].as_str().unwrap().to_string();
    let (s, _) = rig
        .post(
            "/secure/auth/2fa/enable/email",
            &admin,
            json!({ "delivery_target": "dana@mail.example" }),
        )
        .await;
    assert_eq!(s, 200);

    // A session waiting for its second factor may use the enabled sms, not the setups.
    let pending = rig.login(demo::ADMIN_EMAIL).await;
    let (s, b) = rig
        .post(
            "/secure/auth/2fa/verify",
            &pending,
            json!({ "method": "totp", "code": totp_now(&secret) }),
        )
        .await;
    assert_error(s, &b, 400, "INVALID_CODE");
    let (s, b) = rig
        .post(
            "/secure/auth/2fa/verify",
            &pending,
            json!({ "method": "email", "code": rig.last_sent("email").await }),
        )
        .await;
    assert_error(s, &b, 400, "INVALID_CODE");
    let (s, b) = rig
        .post(
            "/secure/auth/2fa/send-code",
            &pending,
            json!({ "method": "email" }),
        )
        .await;
    assert_error(s, &b, 400, "TWO_FACTOR_NOT_ENABLED");
    let (s, b) = rig.get("/secure/auth/tenants", &pending).await;
    assert_error(s, &b, 403, "TWO_FACTOR_REQUIRED");

    // The signed-in session finishes the TOTP setup.
    let (s, b) = rig
        .post(
            "/secure/auth/2fa/verify",
            &admin,
            json!({ "method": "totp", "code": totp_now(&secret) }),
        )
        .await;
    assert_eq!(s, 200, "{b}");
    let methods: Vec<Value> = rig.status(&admin).await["enabled_methods"]
        .as_array()
        .unwrap()
        .iter()
        .map(|m| m["method"].clone())
        .collect();
    assert_eq!(methods, vec![json!("totp"), json!("sms")]);
}

#[tokio::test]
async fn sms_codes_are_sent_verified_once_and_finish_sign_in() {
    let rig = rig().await;
    let admin = rig.login(demo::ADMIN_EMAIL).await;
    let (s, b) = rig
        .post(
            "/secure/auth/2fa/send-code",
            &admin,
            json!({ "method": "sms" }),
        )
        .await;
    assert_error(s, &b, 400, "TWO_FACTOR_NOT_ENABLED");
    for (path, body, field) in [
        ("/secure/auth/2fa/enable/sms", json!({}), "delivery_target"),
        (
            "/secure/auth/2fa/enable/sms",
            json!({ "delivery_target": "call me" }),
            "delivery_target",
        ),
        (
            "/secure/auth/2fa/enable/sms",
            json!({ "delivery_target": "+4915112345678", "extra": true }),
            "extra",
        ),
        (
            "/secure/auth/2fa/enable/fax",
            json!({ "delivery_target": "+4915112345678" }),
            "method",
        ),
    ] {
        let (s, b) = rig.post(path, &admin, body).await;
        assert_field(s, &b, field);
    }

    let (s, b) = rig
        .post(
            "/secure/auth/2fa/enable/sms",
            &admin,
            json!({ "delivery_target": "+4915112345678" }),
        )
        .await;
    assert_eq!(s, 200, "{b}");
    assert_eq!(
        b["data"],
        json!({
            "method": "sms",
            "delivery_target": "**********5678",
            "verification_sent": true,
            "expires_in_seconds": 300,
        })
    );
    let first = rig.last_sent("sms").await;
    assert_eq!(first.len(), 6);
    let wrong = if first == "123456" {
        "654321"
    } else {
        "123456"
    };
    let (s, b) = rig
        .post(
            "/secure/auth/2fa/verify",
            &admin,
            json!({ "method": "sms", "code": wrong }),
        )
        .await;
    assert_error(s, &b, 400, "INVALID_CODE");
    assert_eq!(rig.status(&admin).await["enabled_methods"], json!([]));
    let (s, b) = rig
        .post(
            "/secure/auth/2fa/verify",
            &admin,
            json!({ "method": "sms", "code": first }),
        )
        .await;
    assert_eq!(s, 200, "{b}");
    assert_eq!(b["data"]["enabled"], true);
    let status = rig.status(&admin).await;
    assert_eq!(status["enabled_methods"][0]["method"], "sms");
    assert_eq!(
        status["enabled_methods"][0]["delivery_target_masked"],
        "**********5678"
    );
    assert_eq!(status["requires_2fa"], true);
    let (s, b) = rig
        .post(
            "/secure/auth/2fa/enable/sms",
            &admin,
            json!({ "delivery_target": "+4915112345678" }),
        )
        .await;
    assert_error(s, &b, 400, "TWO_FACTOR_ALREADY_ENABLED");

    // Signing in again: the session waits; send-code delivers a new code, which finishes it.
    let pending = rig.login(demo::ADMIN_EMAIL).await;
    let (s, b) = rig.get("/secure/auth/tenants", &pending).await;
    assert_error(s, &b, 403, "TWO_FACTOR_REQUIRED");
    for (body, field) in [
        (json!({}), "method"),
        (json!({ "method": "totp" }), "method"),
        (json!({ "method": "sms", "to": "x" }), "to"),
    ] {
        let (s, b) = rig.post("/secure/auth/2fa/send-code", &pending, body).await;
        assert_field(s, &b, field);
    }
    let (s, b) = rig
        .post(
            "/secure/auth/2fa/send-code",
            &pending,
            json!({ "method": "email" }),
        )
        .await;
    assert_error(s, &b, 400, "TWO_FACTOR_NOT_ENABLED");
    let (s, b) = rig
        .post(
            "/secure/auth/2fa/send-code",
            &pending,
            json!({ "method": "sms" }),
        )
        .await;
    assert_eq!(s, 200, "{b}");
    assert_eq!(
        b["data"],
        json!({ "sent": true, "expires_in_seconds": 300 })
    );
    let (s, b) = rig
        .post(
            "/secure/auth/2fa/verify",
            &pending,
            json!({ "method": "sms", "code": first }),
        )
        .await;
    assert_error(s, &b, 400, "INVALID_CODE");
    let second = rig.last_sent("sms").await;
    let (s, b) = rig
        .post(
            "/secure/auth/2fa/verify",
            &pending,
            json!({ "method": "sms", "code": second }),
        )
        .await;
    assert_eq!(s, 200, "{b}");
    let (s, _) = rig.get("/secure/auth/tenants", &pending).await;
    assert_eq!(s, 200);
    let (s, b) = rig
        .post(
            "/secure/auth/2fa/verify",
            &pending,
            json!({ "method": "sms", "code": second }),
        )
        .await;
    assert_error(s, &b, 400, "INVALID_CODE");
    assert!(rig.status(&pending).await["enabled_methods"][0]["last_used_at"].is_string());
}

#[tokio::test]
async fn regenerated_backup_codes_retire_the_old_ones() {
    let rig = rig().await;
    let admin = rig.login(demo::ADMIN_EMAIL).await;
    let (s, b) = rig
        .post("/secure/auth/2fa/backup-codes", &admin, json!({}))
        .await;
    assert_error(s, &b, 400, "TWO_FACTOR_NOT_ENABLED");

    let tech = rig.totp_user().await;
    let (s, b) = rig
        .post(
            "/secure/auth/2fa/backup-codes",
            &tech,
            json!({ "count": 5 }),
        )
        .await;
    assert_field(s, &b, "count");
    let (s, b) = rig
        .post("/secure/auth/2fa/backup-codes", &tech, json!({}))
        .await;
    assert_eq!(s, 200, "{b}");
    assert_eq!(b["data"]["count"], 10);
    let codes: Vec<String> = b["data"]["backup_codes"]
        .as_array()
        .unwrap()
        .iter()
        .map(|c| c.as_str().unwrap().to_string())
        .collect();
    assert_eq!(codes.len(), 10);
    assert!(codes.iter().all(|c| c.len() == 8), "{codes:?}");
    assert_eq!(rig.status(&tech).await["backup_codes_remaining"], 10);

    let pending = rig.login(demo::TOTP_USER_EMAIL).await;
    let (s, b) = rig
        .post(
            "/secure/auth/2fa/use-backup",
            &pending,
            json!({ "code": demo::BACKUP_CODES[0] }),
        )
        .await;
    assert_error(s, &b, 400, "INVALID_CODE");
    let (s, b) = rig
        .post(
            "/secure/auth/2fa/use-backup",
            &pending,
            json!({ "code": codes[3] }),
        )
        .await;
    assert_eq!(s, 200, "{b}");
    assert_eq!(b["data"]["remaining"], 9);

    // Once more: this set retires the previous one too.
    let (s, b) = rig
        .call(Method::POST, "/secure/auth/2fa/backup-codes", &tech, None)
        .await;
    assert_eq!(s, 200, "{b}");
    let again = rig.login(demo::TOTP_USER_EMAIL).await;
    let (s, _) = rig
        .post(
            "/secure/auth/2fa/use-backup",
            &again,
            json!({ "code": codes[4] }),
        )
        .await;
    assert_eq!(s, 400);
}

#[tokio::test]
async fn disabling_totp_takes_a_current_code_or_a_backup_code() {
    let rig = rig().await;
    let tech = rig.totp_user().await;
    let secret = demo::totp_secret(DemoOptions::default());
    let disable = |body: Value| {
        let (rig, tech) = (&rig, &tech);
        async move {
            rig.call(Method::DELETE, "/secure/auth/2fa/disable", tech, Some(body))
                .await
        }
    };
    for (body, field) in [
        (json!({ "method": "totp" }), "code"),
        (json!({ "code": "123456" }), "method"),
        (json!({ "method": "totp", "code": "123" }), "code"),
        (json!({ "method": "totp", "code": "123456789" }), "code"),
        (json!({ "method": "pigeon", "code": "123456" }), "method"),
        (
            json!({ "method": "totp", "code": "123456", "password": "outpost-demo" }),
            "password",
        ),
    ] {
        let (s, b) = disable(body).await;
        assert_field(s, &b, field);
    }
    let (s, b) = disable(json!({ "method": "sms", "code": "123456" })).await;
    assert_error(s, &b, 400, "TWO_FACTOR_NOT_ENABLED");
    let (s, b) = disable(json!({ "method": "totp", "code": wrong_totp(&secret) })).await;
    assert_error(s, &b, 400, "INVALID_CODE");
    assert_eq!(
        rig.status(&tech).await["enabled_methods"][0]["method"],
        "totp"
    );

    let (s, b) = disable(json!({ "method": "totp", "code": totp_now(&secret) })).await;
    assert_eq!(s, 204, "{b}");
    assert_eq!(b, Value::Null, "204 has no body");
    let status = rig.status(&tech).await;
    assert_eq!(status["enabled_methods"], json!([]));
    assert_eq!(status["backup_codes_remaining"], 0);
    assert_eq!(status["requires_2fa"], false);
    let (s, b) = disable(json!({ "method": "totp", "code": totp_now(&secret) })).await;
    assert_error(s, &b, 400, "TWO_FACTOR_NOT_ENABLED");
    let fresh = rig.login(demo::TOTP_USER_EMAIL).await;
    let (s, _) = rig.get("/secure/auth/tenants", &fresh).await;
    assert_eq!(s, 200, "sign-in is one step again");

    // Back on, then off with a backup code instead of a TOTP code.
    let (s, b) = rig
        .post("/secure/auth/2fa/enable/totp", &tech, json!({}))
        .await;
    assert_eq!(s, 200, "{b}");
    let secret = b["data"]["secret"].as_str().unwrap().to_string();
    let backup = b["data"]["backup_codes"][0].as_str().unwrap().to_string();
    let (s, _) = rig
        .post(
            "/secure/auth/2fa/verify",
            &tech,
            json!({ "method": "totp", "code": totp_now(&secret) }),
        )
        .await;
    assert_eq!(s, 200);
    let (s, b) = disable(json!({ "method": "totp", "code": backup })).await;
    assert_eq!(s, 204, "{b}");
    assert_eq!(rig.status(&tech).await["enabled_methods"], json!([]));
}

#[tokio::test]
async fn an_email_factor_is_disabled_with_a_sent_code() {
    let rig = rig().await;
    let admin = rig.login(demo::ADMIN_EMAIL).await;
    let (s, b) = rig
        .post(
            "/secure/auth/2fa/enable/email",
            &admin,
            json!({ "delivery_target": "not-an-email" }),
        )
        .await;
    assert_field(s, &b, "delivery_target");
    let (s, b) = rig
        .post(
            "/secure/auth/2fa/enable/email",
            &admin,
            json!({ "delivery_target": "dana.private@mail.example" }),
        )
        .await;
    assert_eq!(s, 200, "{b}");
    assert_eq!(b["data"]["delivery_target"], "d***@mail.example");
    let (s, _) = rig
        .post(
            "/secure/auth/2fa/verify",
            &admin,
            json!({ "method": "email", "code": rig.last_sent("email").await }),
        )
        .await;
    assert_eq!(s, 200);
    let (s, _) = rig
        .post(
            "/secure/auth/2fa/send-code",
            &admin,
            json!({ "method": "email" }),
        )
        .await;
    assert_eq!(s, 200);
    let sent = rig.last_sent("email").await;
    let wrong = if sent == "000000" { "999999" } else { "000000" };
    let delete = |code: String| {
        let (rig, admin) = (&rig, &admin);
        async move {
            rig.call(
                Method::DELETE,
                "/secure/auth/2fa/disable",
                admin,
                Some(json!({ "method": "email", "code": code })),
            )
            .await
        }
    };
    let (s, b) = delete(wrong.to_string()).await;
    assert_error(s, &b, 400, "INVALID_CODE");
    let (s, b) = delete(sent).await;
    assert_eq!(s, 204, "{b}");
    let status = rig.status(&admin).await;
    assert_eq!(status["enabled_methods"], json!([]));
    assert_eq!(status["requires_2fa"], false);
}

#[tokio::test]
async fn sent_codes_are_listed_even_when_every_route_is_faulted() {
    use outpost_devserver::{FaultConfig, FaultKind, FaultRule};
    let server = start(DevServerConfig {
        demo: Some(DemoOptions::default()),
        faults: Some(FaultConfig {
            seed: 1,
            rules: vec![FaultRule {
                method: None,
                path: "/api/v1/secure/*".into(),
                kind: FaultKind::Error { status: 503 },
                rate: 1.0,
                times: None,
            }],
        }),
        ..DevServerConfig::default()
    })
    .await
    .unwrap();
    let rig = Rig {
        server,
        http: reqwest::Client::new(),
    };
    let admin = rig.login(demo::ADMIN_EMAIL).await;
    let (s, _) = rig
        .post(
            "/secure/auth/2fa/enable/sms",
            &admin,
            json!({ "delivery_target": "+4915112345678" }),
        )
        .await;
    assert_eq!(s, 503, "the rule holds for the API");
    // A rule on every path leaves the devserver-only listing alone.
    let res = rig
        .http
        .post(format!("{}/_faults", rig.server.base_url()))
        .json(&json!({ "path": "*", "kind": "error", "status": 500, "rate": 1.0 }))
        .send()
        .await
        .unwrap();
    assert!(res.status().is_success(), "{}", res.status());
    let res = rig
        .http
        .get(format!("{}/_dev/sent-codes", rig.server.base_url()))
        .send()
        .await
        .unwrap();
    assert_eq!(res.status(), 200);
    let body: Value = res.json().await.unwrap();
    assert_eq!(body["data"], json!([]), "the faulted enable sent nothing");
    let res = send(
        rig.http
            .get(format!("{}/api/v1/system/health", rig.server.base_url())),
    )
    .await;
    assert_eq!(res.status, 500, "the catch-all rule is live");
}

#[tokio::test]
async fn email_codes_go_to_the_account_address_when_no_target_is_given() {
    let rig = rig().await;
    let admin = rig.login(demo::ADMIN_EMAIL).await;
    // The seed's `delivery_target` is optional: email falls back to the account's address.
    let (s, b) = rig
        .post("/secure/auth/2fa/enable/email", &admin, json!({}))
        .await;
    assert_eq!(s, 200, "{b}");
    let (local, domain) = demo::ADMIN_EMAIL.split_once('@').unwrap();
    assert_eq!(
        b["data"]["delivery_target"],
        format!("{}***@{domain}", &local[..1])
    );
    let (s, b) = rig
        .post(
            "/secure/auth/2fa/verify",
            &admin,
            json!({ "method": "email", "code": rig.last_sent("email").await }),
        )
        .await;
    assert_eq!(s, 200, "{b}");
    assert_eq!(
        rig.status(&admin).await["enabled_methods"][0]["method"],
        "email"
    );
    // A phone number cannot be guessed: sms and whatsapp still need one.
    for method in ["sms", "whatsapp"] {
        let (s, b) = rig
            .post(
                &format!("/secure/auth/2fa/enable/{method}"),
                &admin,
                json!({}),
            )
            .await;
        assert_field(s, &b, "delivery_target");
    }
}
