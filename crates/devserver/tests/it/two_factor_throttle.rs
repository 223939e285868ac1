//! The 429s the seed documents for the second-factor routes: wrong codes are counted per user
//! across verify, use-backup and disable (5 within 15 minutes lock the user out, a success
//! forgets them), and send-code waits 30 s between resends. Every answer is checked against
//! the seed's schema of its endpoint by the rig.

use crate::common;

use common::second_factor::{self, totp_now, wrong_totp};
use common::{send, Answer};
use outpost_devserver::{demo, start, DemoOptions, DevServerConfig, RunningServer};
use serde_json::{json, Value};

struct Rig {
    server: RunningServer,
    http: reqwest::Client,
}

async fn rig() -> Rig {
    let server = start(DevServerConfig {
        demo: Some(DemoOptions::default()),
        ..DevServerConfig::default()
    })
    .await
    .unwrap();
    Rig {
        server,
        http: reqwest::Client::new(),
    }
}

impl Rig {
    async fn call(&self, method: reqwest::Method, path: &str, token: &str, body: Value) -> Answer {
        let url = format!("{}/api/v1{path}", self.server.base_url());
        send(
            self.http
                .request(method, url)
                .bearer_auth(token)
                .json(&body),
        )
        .await
    }

    async fn post(&self, path: &str, token: &str, body: Value) -> Answer {
        self.call(reqwest::Method::POST, path, token, body).await
    }

    async fn login(&self, email: &str, password: &str) -> String {
        let a = self
            .post(
                "/public/auth/login",
                "",
                json!({ "email": email, "password": password }),
            )
            .await;
        assert_eq!(a.status, 200);
        a.json()["accessToken"].as_str().unwrap().to_string()
    }

    async fn last_sent(&self, method: &str) -> String {
        second_factor::last_sent(&self.http, &self.server, method).await
    }
}

fn secret() -> String {
    demo::totp_secret(DemoOptions::default())
}

fn assert_wrong(a: &Answer) {
    assert_eq!(
        (a.status, a.json()["error"].clone()),
        (400, json!("INVALID_CODE"))
    );
}

/// A 429 with the given code, `Retry-After` in whole seconds within `1..=max`, the same in
/// `details.retryAfterSeconds`.
fn assert_throttled(a: &Answer, code: &str, max: u64) -> u64 {
    let body = a.json();
    assert_eq!(a.status, 429, "{body}");
    assert_eq!(body["error"], code, "{body}");
    assert_eq!(body["statusCode"], 429, "{body}");
    let secs: u64 = a.header("retry-after").unwrap().parse().unwrap();
    assert!((1..=max).contains(&secs), "Retry-After {secs}");
    assert_eq!(body["details"]["retryAfterSeconds"], secs, "{body}");
    secs
}

#[tokio::test]
async fn five_wrong_codes_lock_the_user_out_of_verify_and_use_backup() {
    let rig = rig().await;
    let pending = rig
        .login(demo::TOTP_USER_EMAIL, demo::TOTP_USER_PASSWORD)
        .await;
    for _ in 0..4 {
        let a = rig
            .post(
                "/secure/auth/2fa/verify",
                &pending,
                json!({ "method": "totp", "code": wrong_totp(&secret()) }),
            )
            .await;
        assert_wrong(&a);
    }
    // Wrong backup codes count with the wrong TOTP codes.
    let a = rig
        .post(
            "/secure/auth/2fa/use-backup",
            &pending,
            json!({ "code": "AAAA-BBBB-CC" }),
        )
        .await;
    assert_wrong(&a);

    // Locked: even the right code is refused, on every code route, until the window passes.
    let right = totp_now(&secret());
    let a = rig
        .post(
            "/secure/auth/2fa/verify",
            &pending,
            json!({ "method": "totp", "code": right }),
        )
        .await;
    let secs = assert_throttled(&a, "TOO_MANY_ATTEMPTS", 15 * 60);
    assert!(secs > 14 * 60, "the window has just begun: {secs}");
    let a = rig
        .post(
            "/secure/auth/2fa/use-backup",
            &pending,
            json!({ "code": demo::BACKUP_CODES[0] }),
        )
        .await;
    assert_throttled(&a, "TOO_MANY_ATTEMPTS", 15 * 60);

    // Another user is not affected.
    let admin = rig.login(demo::ADMIN_EMAIL, demo::ADMIN_PASSWORD).await;
    let a = rig
        .post(
            "/secure/auth/2fa/use-backup",
            &admin,
            json!({ "code": "AAAA-BBBB-CC" }),
        )
        .await;
    assert_wrong(&a);
}

#[tokio::test]
async fn a_success_forgets_the_wrong_codes_before_it() {
    let rig = rig().await;
    let pending = rig
        .login(demo::TOTP_USER_EMAIL, demo::TOTP_USER_PASSWORD)
        .await;
    let wrong = || json!({ "method": "totp", "code": wrong_totp(&secret()) });
    for _ in 0..4 {
        assert_wrong(&rig.post("/secure/auth/2fa/verify", &pending, wrong()).await);
    }
    let a = rig
        .post(
            "/secure/auth/2fa/use-backup",
            &pending,
            json!({ "code": demo::BACKUP_CODES[0] }),
        )
        .await;
    assert_eq!(a.status, 200, "{}", a.json());
    for _ in 0..5 {
        assert_wrong(&rig.post("/secure/auth/2fa/verify", &pending, wrong()).await);
    }
    let a = rig.post("/secure/auth/2fa/verify", &pending, wrong()).await;
    assert_throttled(&a, "TOO_MANY_ATTEMPTS", 15 * 60);
}

#[tokio::test]
async fn disable_counts_wrong_codes_and_send_code_waits_between_resends() {
    let rig = rig().await;
    let admin = rig.login(demo::ADMIN_EMAIL, demo::ADMIN_PASSWORD).await;
    let a = rig
        .post(
            "/secure/auth/2fa/enable/sms",
            &admin,
            json!({ "delivery_target": "+4915112345678" }),
        )
        .await;
    assert_eq!(a.status, 200);
    // The code enable sent does not start the resend cooldown.
    let a = rig
        .post(
            "/secure/auth/2fa/send-code",
            &admin,
            json!({ "method": "sms" }),
        )
        .await;
    assert_eq!(a.status, 200, "{}", a.json());
    let a = rig
        .post(
            "/secure/auth/2fa/send-code",
            &admin,
            json!({ "method": "sms" }),
        )
        .await;
    assert_throttled(&a, "TOO_MANY_REQUESTS", 30);
    let code = rig.last_sent("sms").await;
    let a = rig
        .post(
            "/secure/auth/2fa/verify",
            &admin,
            json!({ "method": "sms", "code": code }),
        )
        .await;
    assert_eq!(a.status, 200, "{}", a.json());

    let wrong = if code == "000000" { "999999" } else { "000000" };
    let disable = || async {
        rig.call(
            reqwest::Method::DELETE,
            "/secure/auth/2fa/disable",
            &admin,
            json!({ "method": "sms", "code": wrong }),
        )
        .await
    };
    for _ in 0..5 {
        assert_wrong(&disable().await);
    }
    assert_throttled(&disable().await, "TOO_MANY_ATTEMPTS", 15 * 60);
}
