//! The signed-in user's own account over real HTTP: the role in the acting tenant, a new
//! password (the old one stops, a wrong current one is refused), leaving a tenant (not as its
//! last owner).

use crate::common;

use common::*;
use serde_json::json;

async fn sign_in(rig: &Rig, email: &str, password: &str) -> (u16, String) {
    let url = format!("{}/api/v1/public/auth/login", rig.server.base_url());
    let res = send(
        rig.http
            .post(url)
            .json(&json!({ "email": email, "password": password })),
    )
    .await;
    let token = res.json()["accessToken"]
        .as_str()
        .unwrap_or_default()
        .to_string();
    (res.status, token)
}

async fn new_user(rig: &Rig, email: &str) -> String {
    let body = json!({ "email": email, "password": "first-password" });
    let (s, b) = rig.as_admin(Method::POST, "/users", Some(body)).await;
    assert_eq!(s, 201, "{b}");
    sign_in(rig, email, "first-password").await.1
}

#[tokio::test]
async fn the_role_in_the_acting_tenant_is_told() {
    let rig = rig().await;
    let (s, b) = rig.as_admin(Method::GET, "/auth/tenant-role", None).await;
    assert_eq!(s, 200);
    assert_eq!(b, json!({ "tenantId": acme(), "role": "owner" }));
    let (_, b) = rig
        .secure(
            &rig.admin,
            Some(&northwind()),
            Method::GET,
            "/auth/tenant-role",
            None,
        )
        .await;
    assert_eq!(b["role"], "admin");
}

#[tokio::test]
async fn a_password_is_changed_with_the_current_one() {
    let rig = rig().await;
    let token = new_user(&rig, "changer@example.com").await;
    let path = "/auth/me/change-password";
    let wrong = json!({ "currentPassword": "not-my-password", "newPassword": "second-password" });
    let (s, b) = rig
        .secure(&token, None, Method::POST, path, Some(wrong))
        .await;
    assert_eq!((s, &b["error"]), (401, &json!("INVALID_CREDENTIALS")));
    let same = json!({ "currentPassword": "first-password", "newPassword": "first-password" });
    let (s, b) = rig
        .secure(&token, None, Method::POST, path, Some(same))
        .await;
    assert_names_field(s, &b, "newPassword");
    let short = json!({ "currentPassword": "first-password", "newPassword": "short" });
    let (s, b) = rig
        .secure(&token, None, Method::POST, path, Some(short))
        .await;
    assert_names_field(s, &b, "newPassword");
    let good = json!({ "currentPassword": "first-password", "newPassword": "second-password" });
    let (s, b) = rig
        .secure(&token, None, Method::POST, path, Some(good))
        .await;
    assert_eq!(s, 200, "{b}");
    assert_eq!(
        sign_in(&rig, "changer@example.com", "first-password")
            .await
            .0,
        401
    );
    assert_eq!(
        sign_in(&rig, "changer@example.com", "second-password")
            .await
            .0,
        200
    );
}

#[tokio::test]
async fn a_member_leaves_and_the_last_owner_cannot() {
    let rig = rig().await;
    let token = new_user(&rig, "leaver@example.com").await;
    let path = format!("/auth/leave-tenant/{}", acme());
    let (s, b) = rig.secure(&token, None, Method::POST, &path, None).await;
    assert_eq!(s, 200, "{b}");
    assert_eq!(b["success"], true);
    let (_, users) = rig.as_admin(Method::GET, "/users?limit=200", None).await;
    let emails: Vec<&str> = users["data"]
        .as_array()
        .unwrap()
        .iter()
        .map(|u| u["email"].as_str().unwrap())
        .collect();
    assert!(!emails.contains(&"leaver@example.com"));
    let (s, _) = rig.secure(&token, None, Method::POST, &path, None).await;
    assert_eq!(s, 404, "no longer a member");

    // The demo admin is Acme's only owner.
    let (s, b) = rig.as_admin(Method::POST, &path, None).await;
    assert_eq!((s, &b["error"]), (422, &json!("LAST_OWNER")));
    let (_, still) = rig.as_admin(Method::GET, "/auth/tenant-role", None).await;
    assert_eq!(still["role"], "owner");
}
