//! Per-user rate limiting over real HTTP: off by default; when on, a user past the limit gets
//! 429 with `Retry-After` and the standard error body, other users and sign-in are unaffected.

use crate::common;

use common::*;
use outpost_devserver::{start, DemoOptions, DevServerConfig};

async fn limited_rig(per_minute: u32) -> Rig {
    let server = start(DevServerConfig {
        demo: Some(DemoOptions::default()),
        rate_limit_per_minute: per_minute,
        ..DevServerConfig::default()
    })
    .await
    .unwrap();
    Rig::signed_in(server).await
}

async fn get(rig: &Rig, token: &str) -> Answer {
    send(
        rig.http
            .get(format!("{}/api/v1/secure/auth/me", rig.server.base_url()))
            .bearer_auth(token),
    )
    .await
}

#[tokio::test]
async fn past_the_limit_a_user_gets_429_with_retry_after() {
    let rig = limited_rig(3).await;
    for n in 0..3 {
        assert_eq!(get(&rig, &rig.admin).await.status, 200, "request {n}");
    }
    let res = get(&rig, &rig.admin).await;
    assert_eq!(res.status, 429);
    let retry: u64 = res.headers["retry-after"]
        .to_str()
        .unwrap()
        .parse()
        .unwrap();
    assert!(
        (19..=20).contains(&retry),
        "one request per 20 s refills: {retry}"
    );
    let body = res.json();
    assert_eq!(body["error"], "RATE_LIMITED");
    assert_eq!(body["statusCode"], 429);
    assert_eq!(body["details"]["limit"], 3);
    assert!(body["message"]
        .as_str()
        .unwrap()
        .contains("3 requests per minute"));
    assert!(body["timestamp"].is_string());

    // Every route counts, not only the one that ran out.
    let (s, _) = rig.call(Method::GET, "/", None).await;
    assert_eq!(s, 429);
    // Another user has their own bucket; signing in is not counted.
    assert_eq!(get(&rig, &rig.guest).await.status, 200);
    let login = send(
        rig.http
            .post(format!(
                "{}/api/v1/public/auth/login",
                rig.server.base_url()
            ))
            .json(&serde_json::json!({
                "email": outpost_devserver::demo::ADMIN_EMAIL,
                "password": outpost_devserver::demo::ADMIN_PASSWORD
            })),
    )
    .await;
    assert_eq!(login.status, 200);
    // The limit is the user's, not the session's: a new token does not reset it.
    let token = login.json();
    let fresh = token["accessToken"].as_str().unwrap();
    assert_eq!(get(&rig, fresh).await.status, 429);
}

#[tokio::test]
async fn limiting_is_off_unless_asked_for() {
    let rig = rig().await;
    for n in 0..300 {
        assert_eq!(get(&rig, &rig.admin).await.status, 200, "request {n}");
    }
}
