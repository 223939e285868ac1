//! Invitations over real HTTP: an admin invites (the message is recorded at
//! `/_dev/sent-invitations` with its code), the invited person validates and accepts it and is
//! a member with the invited role; resend, revoke and the states they move between; roles and
//! bad bodies.

use crate::common;

use common::*;
use serde_json::{json, Value};

async fn invite(rig: &Rig, body: Value) -> Value {
    let (s, b) = rig.as_admin(Method::POST, "/invitations", Some(body)).await;
    assert_eq!(s, 201, "{b}");
    b["data"].clone()
}

async fn public(rig: &Rig, path: &str, body: Value) -> (u16, Value) {
    let url = format!("{}/api/v1/public/invitations/{path}", rig.server.base_url());
    send(rig.http.post(url).json(&body)).await.parts()
}

async fn sent(rig: &Rig) -> Vec<Value> {
    let url = format!("{}/_dev/sent-invitations", rig.server.base_url());
    let b = send(rig.http.get(url)).await.json();
    b["data"].as_array().unwrap().clone()
}

#[tokio::test]
async fn an_invited_person_accepts_and_becomes_a_member_with_the_role() {
    let rig = rig().await;
    let body = json!({ "recipient_email": "New.Hire@example.com", "role": "admin",
                       "personal_message": "Welcome aboard" });
    let invitation = invite(&rig, body).await;
    let id = invitation["id"].as_str().unwrap();
    let code = invitation["full_code"].as_str().unwrap();
    assert_eq!(invitation["status"], "sent");
    assert_eq!(invitation["recipient_email"], "new.hire@example.com");
    assert!(invitation["invitation_url"]
        .as_str()
        .unwrap()
        .ends_with(code));
    let (_, listed) = rig
        .as_admin(Method::GET, &format!("/invitations/{id}"), None)
        .await;
    assert_ne!(listed["data"]["code"], code, "the code is masked once made");
    let message = sent(&rig).await.last().cloned().unwrap();
    assert_eq!(message["code"], code);
    assert_eq!(message["to"], "new.hire@example.com");
    assert_eq!(message["channel"], "email");

    let (s, v) = public(&rig, "validate", json!({ "code": code })).await;
    assert_eq!(s, 200);
    assert_eq!(v["valid"], true);
    assert_eq!(v["invitation"]["role"], "admin");
    let (s, wrong) = public(
        &rig,
        "accept",
        json!({ "code": code, "email": "other@example.com",
                                                     "password": "long-enough" }),
    )
    .await;
    assert_names_field(s, &wrong, "email");
    let (s, b) = public(
        &rig,
        "accept",
        json!({ "code": code, "password": "new-hire-pw",
                                                 "display_name": "New Hire" }),
    )
    .await;
    assert_eq!(s, 201, "{b}");
    assert_eq!(b["user"]["role"], "admin");
    assert_eq!(b["user"]["tenantId"], acme().as_str());
    let token = b["access_token"].as_str().unwrap();
    let (s, tenants) = rig
        .secure(token, None, Method::GET, "/auth/tenants", None)
        .await;
    assert_eq!(s, 200);
    assert_eq!(tenants["data"][0]["role"], "admin");

    let (_, after) = rig
        .as_admin(Method::GET, &format!("/invitations/{id}"), None)
        .await;
    assert_eq!(after["data"]["status"], "accepted");
    assert_eq!(after["data"]["accepted_by"], b["user"]["id"]);
    let (_, v) = public(&rig, "validate", json!({ "code": code })).await;
    assert_eq!(v["valid"], false);
    let (s, b) = public(
        &rig,
        "accept",
        json!({ "code": code, "password": "new-hire-pw" }),
    )
    .await;
    assert_eq!((s, &b["error"]), (422, &json!("INVALID_TRANSITION")));
    assert_eq!(
        rig.audit_of(id).await,
        ["created invitation", "accepted invitation"]
    );
}

#[tokio::test]
async fn revoked_invitations_stay_listed_and_cannot_be_used_or_resent() {
    let rig = rig().await;
    let invitation = invite(&rig, json!({ "recipient_email": "maybe@example.com" })).await;
    let id = invitation["id"].as_str().unwrap();
    let code = invitation["full_code"].as_str().unwrap();
    let before = invitation["expires_at"].as_str().unwrap().to_string();
    let (s, b) = rig
        .as_admin(
            Method::POST,
            &format!("/invitations/{id}/resend"),
            Some(json!({ "language": "de" })),
        )
        .await;
    assert_eq!(s, 200, "{b}");
    assert_eq!(b["data"]["language"], "de");
    assert!(b["data"]["expires_at"].as_str().unwrap() >= before.as_str());
    assert_eq!(
        sent(&rig)
            .await
            .iter()
            .filter(|m| m["code"] == code)
            .count(),
        2
    );

    let (s, _) = rig
        .as_admin(Method::DELETE, &format!("/invitations/{id}"), None)
        .await;
    assert_eq!(s, 204);
    let (_, list) = rig
        .as_admin(Method::GET, "/invitations?limit=200", None)
        .await;
    let row = list["data"]
        .as_array()
        .unwrap()
        .iter()
        .find(|i| i["id"] == id)
        .cloned();
    assert_eq!(row.unwrap()["status"], "revoked");
    let (s, b) = rig
        .as_admin(Method::DELETE, &format!("/invitations/{id}"), None)
        .await;
    assert_eq!((s, &b["error"]), (422, &json!("INVALID_TRANSITION")));
    let (s, _) = rig
        .as_admin(
            Method::POST,
            &format!("/invitations/{id}/resend"),
            Some(json!({})),
        )
        .await;
    assert_eq!(s, 422);
    let (_, v) = public(&rig, "validate", json!({ "code": code })).await;
    assert_eq!(v["valid"], false);
    assert_eq!(
        rig.audit_of(id).await,
        [
            "created invitation",
            "resent invitation",
            "revoked invitation"
        ]
    );
}

#[tokio::test]
async fn invitations_are_refused_for_members_duplicates_and_missing_recipients() {
    let rig = rig().await;
    let member = json!({ "recipient_email": outpost_devserver::demo::ADMIN_EMAIL });
    let (s, _) = rig
        .as_admin(Method::POST, "/invitations", Some(member))
        .await;
    assert_eq!(s, 409, "already a member");
    invite(&rig, json!({ "recipient_email": "once@example.com" })).await;
    let again = json!({ "recipient_email": "once@example.com" });
    let (s, _) = rig
        .as_admin(Method::POST, "/invitations", Some(again))
        .await;
    assert_eq!(s, 409, "an open invitation exists");
    let sms = json!({ "recipient_email": "sms@example.com", "channel": "sms" });
    let (s, b) = rig.as_admin(Method::POST, "/invitations", Some(sms)).await;
    assert_names_field(s, &b, "recipient_phone");
    let (s, b) = rig
        .as_admin(
            Method::POST,
            "/invitations",
            Some(json!({ "recipient_phone": "12" })),
        )
        .await;
    assert_names_field(s, &b, "recipient_phone");
    let (s, _) = rig
        .as_admin(Method::POST, "/invitations", Some(json!({})))
        .await;
    assert_eq!(s, 422, "an email or a phone");
    let phone = invite(
        &rig,
        json!({ "recipient_phone": "+4915112345678", "channel": "whatsapp" }),
    )
    .await;
    assert_eq!(sent(&rig).await.last().unwrap()["to"], "+4915112345678");
    let code = phone["full_code"].as_str().unwrap();
    let (s, b) = public(
        &rig,
        "accept",
        json!({ "code": code, "password": "long-enough" }),
    )
    .await;
    assert_names_field(s, &b, "email");

    let (_, manager) = rig.member_with_role("manager").await;
    for (method, path, body) in [
        (Method::GET, "/invitations".to_string(), None),
        (
            Method::POST,
            "/invitations".to_string(),
            Some(json!({ "recipient_email": "m@example.com" })),
        ),
        (
            Method::DELETE,
            format!("/invitations/{}", phone["id"].as_str().unwrap()),
            None,
        ),
    ] {
        let (s, _) = rig
            .secure(&manager, Some(&acme()), method, &path, body)
            .await;
        assert_eq!(s, 403, "{path}");
    }
}
