//! `GET /public/auth/user-tenants?email=`: the tenants an address can sign in to, an empty list
//! for an address without an account, and a refusal naming `email` when it is not one.

use crate::common;

use common::*;
use outpost_devserver::demo;
use serde_json::{json, Value};

async fn tenants_of(rig: &Rig, email: &str) -> (u16, Value) {
    let url = format!("{}/api/v1/public/auth/user-tenants", rig.server.base_url());
    send(rig.http.get(url).query(&[("email", email)]))
        .await
        .parts()
}

#[tokio::test]
async fn an_address_lists_the_active_tenants_it_can_sign_in_to() {
    let rig = rig().await;
    let (s, b) = tenants_of(&rig, demo::ADMIN_EMAIL).await;
    assert_eq!(s, 200, "{b}");
    let ids: Vec<&str> = b["tenants"]
        .as_array()
        .unwrap()
        .iter()
        .map(|t| t["id"].as_str().unwrap())
        .collect();
    assert!(
        ids.contains(&acme().as_str()) && ids.contains(&northwind().as_str()),
        "{b}"
    );
    assert_eq!(b["hasMultipleTenants"], true);
    let (_, guest) = tenants_of(&rig, demo::GUEST_EMAIL).await;
    assert_eq!(guest["tenants"][0]["slug"], "acme-field", "{guest}");
    assert_eq!(guest["hasMultipleTenants"], false);
    // A suspended tenant is not one to sign in to.
    let path = format!("/tenants/{}/lifecycle/suspend", northwind());
    let (s, b) = rig
        .secure(
            &rig.admin,
            None,
            Method::POST,
            &path,
            Some(json!({ "reason": "Audit" })),
        )
        .await;
    assert_eq!(s, 200, "{b}");
    let (_, after) = tenants_of(&rig, demo::ADMIN_EMAIL).await;
    let after: Vec<&str> = after["tenants"]
        .as_array()
        .unwrap()
        .iter()
        .map(|t| t["id"].as_str().unwrap())
        .collect();
    assert!(!after.contains(&northwind().as_str()), "{after:?}");
    assert_eq!(after.len(), ids.len() - 1);
}

#[tokio::test]
async fn an_unknown_address_gets_an_empty_list_and_a_bad_one_is_refused() {
    let rig = rig().await;
    let (s, b) = tenants_of(&rig, "nobody@example.com").await;
    assert_eq!(s, 200, "{b}");
    assert_eq!(b, json!({ "tenants": [], "hasMultipleTenants": false }));
    let (s, b) = tenants_of(&rig, "not-an-address").await;
    assert_names_field(s, &b, "email");
    let url = format!("{}/api/v1/public/auth/user-tenants", rig.server.base_url());
    let (s, b) = send(rig.http.get(url)).await.parts();
    assert_names_field(s, &b, "email");
}
