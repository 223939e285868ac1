//! The signed-in user's own profile (`PATCH /auth/me`, `DELETE /auth/me/preferences`) and the
//! password reset by mail (`forgot-password`, `validate-reset-token`, `reset-password`): the
//! normal path and the refusals, each naming the field.

use crate::common;

use common::*;
use outpost_devserver::demo;
use serde_json::{json, Value};

async fn me(rig: &Rig, token: &str) -> Value {
    let (s, b) = rig.secure(token, None, Method::GET, "/auth/me", None).await;
    assert_eq!(s, 200, "{b}");
    b["user"].clone()
}

#[tokio::test]
async fn the_profile_is_edited_and_its_preferences_reset() {
    let rig = rig().await;
    let edit = json!({
        "firstName": "Ada", "lastName": "Field", "displayName": "Ada Field",
        "locale": "de", "settings": { "theme": "dark" }
    });
    let (s, b) = rig
        .secure(&rig.admin, None, Method::PATCH, "/auth/me", Some(edit))
        .await;
    assert_eq!(s, 200, "{b}");
    assert_eq!(b["user"]["displayName"], "Ada Field");
    assert_eq!(b["user"]["locale"], "de");
    assert_eq!(b["user"]["settings"]["theme"], "dark");
    assert_eq!(me(&rig, &rig.admin).await, b["user"]);
    // The tenant's user listing shows the same profile.
    let path = format!("/users/{}", demo::admin_id());
    let (_, user) = rig.as_admin(Method::GET, &path, None).await;
    assert_eq!(user["data"]["first_name"], "Ada", "{user}");
    // Each of the user's tenants logs the change.
    for tenant in [acme(), northwind()] {
        let (_, log) = rig
            .secure(
                &rig.admin,
                Some(&tenant),
                Method::GET,
                "/audit-logs?limit=1",
                None,
            )
            .await;
        assert_eq!(log["data"][0]["action"], "updated", "{log}");
        assert_eq!(log["data"][0]["resource_id"], demo::admin_id().as_str());
    }
    let (s, b) = rig
        .secure(
            &rig.admin,
            None,
            Method::DELETE,
            "/auth/me/preferences",
            None,
        )
        .await;
    assert_eq!(s, 200, "{b}");
    assert_eq!(b["user"]["settings"], json!({}));
    assert_eq!(b["user"]["locale"], "de", "the locale stays");
    assert_eq!(me(&rig, &rig.admin).await["settings"], json!({}));
}

#[tokio::test]
async fn a_bad_profile_edit_names_the_field() {
    let rig = rig().await;
    for (body, field) in [
        (json!({ "locale": "xx" }), "locale"),
        (json!({ "settings": "dark" }), "settings"),
        (
            json!({ "typeDefinitionId": "not-a-uuid" }),
            "typeDefinitionId",
        ),
        (json!({ "nickname": "x" }), "nickname"),
    ] {
        let (s, b) = rig
            .secure(&rig.admin, None, Method::PATCH, "/auth/me", Some(body))
            .await;
        assert_names_field(s, &b, field);
    }
    let url = format!(
        "{}/api/v1/secure/auth/me/preferences",
        rig.server.base_url()
    );
    let (s, _) = send(rig.http.delete(url)).await.parts();
    assert_eq!(s, 401);
}

/// The newest reset token mailed to `email`.
async fn mailed(rig: &Rig, email: &str) -> Option<String> {
    let url = format!("{}/_dev/sent-password-resets", rig.server.base_url());
    let sent = send(rig.http.get(url)).await.json();
    let mails = sent["data"].as_array().unwrap();
    let mail = mails.iter().rev().find(|m| m["email"] == email)?;
    Some(mail["token"].as_str().unwrap().to_string())
}

async fn public(rig: &Rig, method: Method, path: &str, body: Option<Value>) -> (u16, Value) {
    let url = format!("{}/api/v1/public/auth{path}", rig.server.base_url());
    let mut req = rig.http.request(method, url);
    if let Some(b) = body {
        req = req.json(&b);
    }
    send(req).await.parts()
}

async fn login(rig: &Rig, email: &str, password: &str) -> u16 {
    let body = json!({ "email": email, "password": password });
    public(rig, Method::POST, "/login", Some(body)).await.0
}

#[tokio::test]
async fn a_mailed_token_resets_the_password_once_and_signs_the_user_out() {
    let rig = rig().await;
    let email = "reset.me@example.com";
    let user = json!({ "email": email, "password": "first-password" });
    let (s, b) = rig.as_admin(Method::POST, "/users", Some(user)).await;
    assert_eq!(s, 201, "{b}");
    let body = json!({ "email": email, "password": "first-password" });
    let (_, signed_in) = public(&rig, Method::POST, "/login", Some(body)).await;
    let session = signed_in["accessToken"].as_str().unwrap().to_string();
    let (s, asked) = public(
        &rig,
        Method::POST,
        "/forgot-password",
        Some(json!({ "email": email })),
    )
    .await;
    assert_eq!(s, 200, "{asked}");
    let first = mailed(&rig, email).await.unwrap();
    // A newer token retires the older one.
    public(
        &rig,
        Method::POST,
        "/forgot-password",
        Some(json!({ "email": email })),
    )
    .await;
    let token = mailed(&rig, email).await.unwrap();
    assert_ne!(first, token);
    assert_eq!(first.len(), 32);
    let check = |t: &str| format!("/validate-reset-token?token={t}");
    let (s, b) = public(&rig, Method::GET, &check(&first), None).await;
    assert_eq!((s, b["valid"].clone()), (200, json!(false)), "{b}");
    let (s, b) = public(&rig, Method::GET, &check(&token), None).await;
    assert_eq!(s, 200, "{b}");
    assert_eq!(b["valid"], true);
    assert_eq!(b["email"], email);
    let reset = json!({ "token": token, "password": "second-password" });
    let (s, b) = public(&rig, Method::POST, "/reset-password", Some(reset.clone())).await;
    assert_eq!(s, 200, "{b}");
    assert_eq!(login(&rig, email, "first-password").await, 401);
    assert_eq!(login(&rig, email, "second-password").await, 200);
    let (s, _) = rig
        .secure(&session, None, Method::GET, "/auth/me", None)
        .await;
    assert_eq!(s, 401, "the old session is signed out");
    // The token worked once.
    let (s, b) = public(&rig, Method::POST, "/reset-password", Some(reset)).await;
    assert_eq!(s, 400, "{b}");
    assert_eq!(b["error"], "INVALID_RESET_TOKEN");
    assert_eq!(b["details"]["field"], "token");
    let (_, b) = public(&rig, Method::GET, &check(&token), None).await;
    assert_eq!(b["valid"], false);
}

#[tokio::test]
async fn an_unknown_address_gets_the_same_answer_and_no_mail() {
    let rig = rig().await;
    let known = json!({ "email": demo::ADMIN_EMAIL });
    let (s, a) = public(&rig, Method::POST, "/forgot-password", Some(known)).await;
    assert_eq!(s, 200, "{a}");
    let unknown = json!({ "email": "nobody@example.com" });
    let (s, b) = public(&rig, Method::POST, "/forgot-password", Some(unknown)).await;
    assert_eq!(s, 200, "{b}");
    assert_eq!(a, b);
    assert!(mailed(&rig, "nobody@example.com").await.is_none());
    assert!(mailed(&rig, demo::ADMIN_EMAIL).await.is_some());
}

#[tokio::test]
async fn bad_reset_input_names_the_field() {
    let rig = rig().await;
    let (s, b) = public(
        &rig,
        Method::POST,
        "/forgot-password",
        Some(json!({ "email": "x" })),
    )
    .await;
    assert_names_field(s, &b, "email");
    let (s, b) = public(&rig, Method::GET, "/validate-reset-token", None).await;
    assert_names_field(s, &b, "token");
    let short = json!({ "token": "whatever", "password": "short" });
    let (s, b) = public(&rig, Method::POST, "/reset-password", Some(short)).await;
    assert_names_field(s, &b, "password");
    let (s, b) = public(
        &rig,
        Method::POST,
        "/reset-password",
        Some(json!({ "password": "long-enough" })),
    )
    .await;
    assert_names_field(s, &b, "token");
}
