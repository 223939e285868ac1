//! A user whose active tenant is suspended can still list their tenants, change the default
//! and switch away: those routes must not answer 403 TENANT_INACTIVE for the session's own
//! tenant, or the user is stuck in it.

use crate::common;

use common::{acme, rig, send, Rig};
use outpost_devserver::demo;
use reqwest::Method;
use serde_json::json;

fn globex() -> String {
    demo::tenant_id("globex")
}

async fn login(rig: &Rig) -> String {
    let b = send(
        rig.http
            .post(format!(
                "{}/api/v1/public/auth/login",
                rig.server.base_url()
            ))
            .json(&json!({ "email": demo::ADMIN_EMAIL, "password": demo::ADMIN_PASSWORD })),
    )
    .await
    .json();
    b["accessToken"].as_str().unwrap().to_string()
}

#[tokio::test]
async fn a_session_in_a_suspended_tenant_can_list_its_tenants_and_switch_away() {
    let rig = rig().await;
    let (s, b) = rig
        .secure(
            &rig.admin,
            None,
            Method::PATCH,
            "/auth/default-tenant",
            Some(json!({ "tenantId": globex() })),
        )
        .await;
    assert_eq!(s, 200, "{b}");

    // Signed in again, the session acts in Globex, which is suspended.
    let token = login(&rig).await;
    let (s, b) = rig
        .secure(&token, None, Method::GET, "/contacts", None)
        .await;
    assert_eq!(
        (s, b["error"].as_str()),
        (403, Some("TENANT_INACTIVE")),
        "{b}"
    );

    let (s, b) = rig
        .secure(&token, None, Method::GET, "/auth/tenants", None)
        .await;
    assert_eq!(s, 200, "{b}");
    assert_eq!(b["activeTenantId"], globex());
    let globex_row = b["data"]
        .as_array()
        .unwrap()
        .iter()
        .find(|m| m["tenantId"] == globex())
        .cloned()
        .unwrap();
    assert_eq!(globex_row["status"], "suspended");

    let (s, b) = rig
        .secure(&token, None, Method::GET, "/auth/me", None)
        .await;
    assert_eq!(s, 200, "{b}");
    assert_eq!(b["user"]["tenantId"], globex());

    // The default goes back, and the session moves to an active tenant, where work goes on.
    let (s, b) = rig
        .secure(
            &token,
            None,
            Method::PATCH,
            "/auth/default-tenant",
            Some(json!({ "tenantId": acme() })),
        )
        .await;
    assert_eq!(s, 200, "{b}");
    assert_eq!(b["defaultTenantId"], acme());
    let (s, b) = rig
        .secure(
            &token,
            None,
            Method::POST,
            "/auth/switch-tenant",
            Some(json!({ "tenantId": acme() })),
        )
        .await;
    assert_eq!(s, 200, "{b}");
    assert_eq!(b["tenantId"], acme());
    let (s, b) = rig
        .secure(&token, None, Method::GET, "/contacts", None)
        .await;
    assert_eq!(s, 200, "{b}");

    // Switching into the suspended tenant stays refused.
    let (s, b) = rig
        .secure(
            &token,
            None,
            Method::POST,
            "/auth/switch-tenant",
            Some(json!({ "tenantId": globex() })),
        )
        .await;
    assert_eq!(s, 403, "{b}");

    let (s, b) = rig
        .secure(&token, None, Method::POST, "/auth/logout", None)
        .await;
    assert_eq!(s, 200, "{b}");
}
