//! A tenant's dashboard (`/tenants/{id}/dashboard`): counts from the data, requests counted as
//! they come, the newest audit rows as its activity; owners and admins only.

use crate::common;

use common::*;
use outpost_devserver::demo;
use serde_json::json;

#[tokio::test]
async fn the_dashboard_counts_the_tenant_and_shows_its_latest_activity() {
    let rig = rig().await;
    let path = format!("/tenants/{}/dashboard", acme());
    let (s, first) = rig.as_admin(Method::GET, &path, None).await;
    assert_eq!(s, 200, "{first}");
    let data = &first["data"];
    assert_eq!(data["tenant"]["id"], acme().as_str());
    let (_, users) = rig.as_admin(Method::GET, "/users?limit=200", None).await;
    assert_eq!(
        data["metrics"]["users"]["total"],
        users["pagination"]["total"]
    );
    let (_, spaces) = rig.as_admin(Method::GET, "/spaces?limit=200", None).await;
    assert_eq!(
        data["metrics"]["spaces"]["total"], spaces["pagination"]["total"],
        "{spaces}"
    );
    let (_, settings) = rig
        .as_admin(
            Method::GET,
            &format!("/tenants/{}/settings/limits", acme()),
            None,
        )
        .await;
    let gb = settings["data"]["settings"]["max_storage_gb"]
        .as_f64()
        .unwrap();
    assert_eq!(data["storage"]["limit"].as_f64().unwrap(), gb * 1e9);
    assert!(data["recentActivity"].as_array().unwrap().len() <= 10);
    // Three requests in Acme and one in Northwind, then the dashboard again: four more here.
    let (_, first) = rig.as_admin(Method::GET, &path, None).await;
    let (s, made) = rig
        .as_admin(
            Method::POST,
            "/contacts",
            Some(json!({ "firstName": "Dashed" })),
        )
        .await;
    assert_eq!(s, 201, "{made}");
    rig.as_admin(Method::GET, "/contacts?limit=1", None).await;
    rig.as_admin(Method::GET, "/spaces?limit=1", None).await;
    rig.secure(
        &rig.admin,
        Some(&northwind()),
        Method::GET,
        "/contacts?limit=1",
        None,
    )
    .await;
    let (_, second) = rig.as_admin(Method::GET, &path, None).await;
    let requests = |d: &serde_json::Value| {
        d["data"]["metrics"]["apiRequests"]["last30d"]
            .as_u64()
            .unwrap()
    };
    assert_eq!(requests(&second), requests(&first) + 4);
    let latest = &second["data"]["recentActivity"][0];
    assert_eq!(latest["type"], "created", "{latest}");
    assert_eq!(latest["entity_type"], "contact");
    assert_eq!(latest["entity_id"], made["data"]["id"]);
    assert_eq!(latest["user"]["id"], demo::admin_id().as_str());
}

#[tokio::test]
async fn only_owners_and_admins_read_the_dashboard() {
    let rig = rig().await;
    let path = format!("/tenants/{}/dashboard", acme());
    let (_, member) = rig.member_with_role("member").await;
    let (s, b) = rig
        .secure(&member, Some(&acme()), Method::GET, &path, None)
        .await;
    assert_eq!(s, 403, "{b}");
    let (s, b) = rig
        .secure(&rig.guest, Some(&acme()), Method::GET, &path, None)
        .await;
    assert_eq!(s, 403, "{b}");
    let unknown = format!("/tenants/{}/dashboard", uuid::Uuid::new_v4());
    let (s, b) = rig.as_admin(Method::GET, &unknown, None).await;
    assert_eq!(s, 404, "{b}");
}
