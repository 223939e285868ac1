//! Managing users over real HTTP: an admin creates an account that can sign in, profiles are
//! edited by admins or their owner, a reset password replaces the old one at once, and a user's
//! context gathers their groups, permissions and recent activity.

use crate::common;

use common::*;
use serde_json::{json, Value};

async fn sign_in(rig: &Rig, email: &str, password: &str) -> u16 {
    let url = format!("{}/api/v1/public/auth/login", rig.server.base_url());
    let body = json!({ "email": email, "password": password });
    send(rig.http.post(url).json(&body)).await.status
}

async fn create(rig: &Rig, email: &str) -> Value {
    let body = json!({ "email": email, "password": "first-password", "displayName": "Ines Ortiz" });
    let (s, b) = rig.as_admin(Method::POST, "/users", Some(body)).await;
    assert_eq!(s, 201, "{b}");
    b["data"].clone()
}

#[tokio::test]
async fn an_admin_creates_a_member_who_can_sign_in_and_an_address_is_used_once() {
    let rig = rig().await;
    let user = create(&rig, "Ines.Ortiz@Example.com").await;
    assert_eq!(user["email"], "ines.ortiz@example.com");
    assert_eq!(user["status"], "active");
    assert_eq!(user["tenantId"], acme().as_str());
    let id = user["id"].as_str().unwrap();
    let (s, listed) = rig
        .as_admin(Method::GET, &format!("/users/{id}"), None)
        .await;
    assert_eq!(s, 200);
    assert_eq!(listed["data"]["display_name"], "Ines Ortiz");
    assert_eq!(
        sign_in(&rig, "ines.ortiz@example.com", "first-password").await,
        200
    );

    let again = json!({ "email": "ines.ortiz@example.com", "password": "another-password" });
    let (s, b) = rig.as_admin(Method::POST, "/users", Some(again)).await;
    assert_eq!((s, &b["error"]), (422, &json!("ALREADY_EXISTS")), "{b}");
    assert_eq!(b["details"]["field"], "email");
    let short = json!({ "email": "x@example.com", "password": "short" });
    let (s, b) = rig.as_admin(Method::POST, "/users", Some(short)).await;
    assert_names_field(s, &b, "password");

    let (_, member) = rig.member_with_role("member").await;
    let body = json!({ "email": "sneaky@example.com", "password": "long-enough" });
    let (s, _) = rig
        .secure(&member, Some(&acme()), Method::POST, "/users", Some(body))
        .await;
    assert_eq!(s, 403);
    assert_eq!(rig.audit_of(id).await, ["created user"]);
}

#[tokio::test]
async fn profiles_are_edited_by_admins_and_by_their_owner_only() {
    let rig = rig().await;
    let (member_id, member) = rig.member_with_role("member").await;
    let path = format!("/users/{member_id}");
    let body =
        json!({ "firstName": "Ana", "lastName": "Lima", "locale": "de", "displayName": null });
    let (s, b) = rig.as_admin(Method::PATCH, &path, Some(body)).await;
    assert_eq!(s, 200, "{b}");
    assert_eq!(b["data"]["first_name"], "Ana");
    assert_eq!(b["data"]["locale"], "de");
    assert_eq!(
        b["data"]["display_name"], "Ana Lima",
        "derived when cleared"
    );
    let own = json!({ "displayName": "Ana L." });
    let (s, b) = rig
        .secure(&member, Some(&acme()), Method::PATCH, &path, Some(own))
        .await;
    assert_eq!(s, 200, "{b}");
    assert_eq!(b["data"]["display_name"], "Ana L.");
    let admin_path = format!("/users/{}", outpost_devserver::demo::admin_id());
    let (s, _) = rig
        .secure(
            &member,
            Some(&acme()),
            Method::PATCH,
            &admin_path,
            Some(json!({ "firstName": "X" })),
        )
        .await;
    assert_eq!(s, 403, "not someone else's profile");
    let (s, b) = rig
        .as_admin(Method::PATCH, &path, Some(json!({ "locale": "pt" })))
        .await;
    assert_names_field(s, &b, "locale");
    let stranger = format!("/users/{}", uuid::Uuid::new_v4());
    let (s, _) = rig
        .as_admin(Method::PATCH, &stranger, Some(json!({ "firstName": "X" })))
        .await;
    assert_eq!(s, 404);
    assert_eq!(
        rig.audit_of(&member_id).await,
        ["updated user", "updated user"]
    );
}

#[tokio::test]
async fn a_reset_password_replaces_the_old_one_at_once() {
    let rig = rig().await;
    let user = create(&rig, "reset.me@example.com").await;
    let id = user["id"].as_str().unwrap();
    let path = format!("/users/{id}/reset-password");
    let (s, b) = rig.as_admin(Method::POST, &path, None).await;
    assert_eq!(s, 200, "{b}");
    let password = b["data"]["password"].as_str().unwrap();
    assert!(password.len() >= 12);
    assert_eq!(
        sign_in(&rig, "reset.me@example.com", "first-password").await,
        401
    );
    assert_eq!(sign_in(&rig, "reset.me@example.com", password).await, 200);
    let (_, manager) = rig.member_with_role("manager").await;
    let (s, _) = rig
        .secure(&manager, Some(&acme()), Method::POST, &path, None)
        .await;
    assert_eq!(s, 403);
    assert_eq!(
        sign_in(&rig, "reset.me@example.com", password).await,
        200,
        "unchanged"
    );
}

#[tokio::test]
async fn a_users_context_has_their_groups_permissions_and_recent_activity() {
    let rig = rig().await;
    let admin = outpost_devserver::demo::admin_id();
    let (_, contact) = rig
        .as_admin(
            Method::POST,
            "/contacts",
            Some(json!({ "firstName": "Context" })),
        )
        .await;
    let (s, b) = rig
        .as_admin(Method::GET, &format!("/users/{admin}/context"), None)
        .await;
    assert_eq!(s, 200, "{b}");
    let data = &b["data"];
    assert_eq!(data["user"]["id"], admin.as_str());
    let groups: Vec<&str> = data["groups"]
        .as_array()
        .unwrap()
        .iter()
        .map(|g| g["name"].as_str().unwrap())
        .collect();
    assert!(groups.contains(&"Administrators"), "{groups:?}");
    let permissions = data["permissions"].as_array().unwrap();
    assert!(permissions.contains(&json!({ "resource": "users", "action": "write" })));
    assert_eq!(
        data["recentActivity"][0]["entity_id"],
        contact["data"]["id"]
    );
    assert_eq!(data["recentActivity"][0]["type"], "created");
}
