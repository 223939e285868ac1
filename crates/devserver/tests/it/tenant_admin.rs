//! A tenant's administration over real HTTP: settings by category (defaults by the tenant's
//! type, partial merges checked against the seed's shape, resets, history), rate limit
//! configurations, and metrics counted from the data; owners and admins only.

use crate::common;

use common::*;
use serde_json::{json, Value};

fn base() -> String {
    format!("/tenants/{}", acme())
}

#[tokio::test]
async fn settings_merge_reset_and_keep_a_history() {
    let rig = rig().await;
    let (s, all) = rig
        .as_admin(Method::GET, &format!("{}/settings", base()), None)
        .await;
    assert_eq!(s, 200, "{all}");
    assert_eq!(all["data"]["general"]["time_format"], "24h");
    let path = format!("{}/settings/general", base());
    let body = json!({ "settings": { "time_format": "12h", "timezone": "America/New_York" } });
    let (s, b) = rig.as_admin(Method::PATCH, &path, Some(body)).await;
    assert_eq!(s, 200, "{b}");
    assert_eq!(b["data"]["settings"]["time_format"], "12h");
    assert_eq!(
        b["data"]["settings"]["date_format"], "YYYY-MM-DD",
        "the rest stays"
    );
    let bad = json!({ "settings": { "timezone": "Berlin" } });
    let (s, b) = rig.as_admin(Method::PATCH, &path, Some(bad)).await;
    assert_names_field(s, &b, "settings.timezone");
    let extra = json!({ "settings": { "colour": "red" } });
    let (s, b) = rig.as_admin(Method::PATCH, &path, Some(extra)).await;
    assert_names_field(s, &b, "settings.colour");
    let (_, still) = rig.as_admin(Method::GET, &path, None).await;
    assert_eq!(
        still["data"]["settings"]["timezone"], "America/New_York",
        "nothing stored"
    );

    let (s, b) = rig
        .as_admin(Method::POST, &format!("{path}/reset"), Some(json!({})))
        .await;
    assert_eq!(s, 200, "{b}");
    assert_eq!(b["data"]["settings"]["time_format"], "24h");
    let (_, history) = rig
        .as_admin(Method::GET, &format!("{}/settings/history", base()), None)
        .await;
    let rows = history["data"].as_array().unwrap();
    assert_eq!(rows.len(), 2);
    assert_eq!(
        rows[0]["settings_after"]["time_format"], "24h",
        "newest first"
    );
    assert_eq!(rows[1]["settings_before"]["time_format"], "24h");
    assert_eq!(rows[1]["settings_after"]["time_format"], "12h");
    assert_eq!(
        rows[1]["changed_by"],
        outpost_devserver::demo::admin_id().as_str()
    );

    let (s, _) = rig
        .as_admin(Method::GET, &format!("{}/settings/colours", base()), None)
        .await;
    assert_eq!(s, 404);
    let limits = format!("{}/settings/limits/reset", base());
    let (_, b) = rig
        .as_admin(
            Method::POST,
            &limits,
            Some(json!({ "tenant_type": "trial" })),
        )
        .await;
    assert_eq!(b["data"]["settings"]["max_users"], 10, "a trial's limits");
}

#[tokio::test]
async fn rate_limits_are_made_changed_and_deleted() {
    let rig = rig().await;
    let path = format!("{}/rate-limits", base());
    let body = json!({ "endpoint_pattern": "/api/v1/secure/contacts*", "max_requests": 10,
                       "window_seconds": 60, "scope_type": "per_user" });
    let (s, made) = rig.as_admin(Method::POST, &path, Some(body)).await;
    assert_eq!(s, 201, "{made}");
    assert_eq!(made["data"]["enabled"], true);
    let id = made["data"]["id"].as_str().unwrap();
    let one = format!("{path}/{id}");
    let (s, b) = rig
        .as_admin(Method::PATCH, &one, Some(json!({ "max_requests": 20 })))
        .await;
    assert_eq!(s, 200);
    assert_eq!(b["data"]["max_requests"], 20);
    let (s, b) = rig.as_admin(Method::PATCH, &one, Some(json!({}))).await;
    assert_eq!(s, 422, "{b}");
    let (s, b) = rig
        .as_admin(Method::PATCH, &one, Some(json!({ "window_seconds": 0 })))
        .await;
    assert_names_field(s, &b, "window_seconds");
    let (_, list) = rig.as_admin(Method::GET, &path, None).await;
    assert_eq!(list["data"].as_array().unwrap().len(), 1);
    // The limit is Acme's: under Northwind it does not exist.
    let elsewhere = format!("/tenants/{}/rate-limits/{id}", northwind());
    let (s, _) = rig.as_admin(Method::GET, &elsewhere, None).await;
    assert_eq!(s, 404);
    let (s, _) = rig.as_admin(Method::DELETE, &one, None).await;
    assert_eq!(s, 204);
    let (s, _) = rig.as_admin(Method::GET, &one, None).await;
    assert_eq!(s, 404);
}

#[tokio::test]
async fn metrics_count_the_tenants_data_and_warn_near_a_limit() {
    let rig = rig().await;
    let (s, snap) = rig
        .as_admin(Method::GET, &format!("{}/metrics/snapshot", base()), None)
        .await;
    assert_eq!(s, 200, "{snap}");
    let (_, users) = rig.as_admin(Method::GET, "/users?limit=200", None).await;
    let (_, spaces) = rig.as_admin(Method::GET, "/spaces?limit=200", None).await;
    assert_eq!(snap["data"]["users"]["total"], users["pagination"]["total"]);
    assert_eq!(
        snap["data"]["spaces"]["total"],
        spaces["pagination"]["total"]
    );
    let (_, daily) = rig
        .as_admin(
            Method::GET,
            &format!("{}/metrics/daily?days=7", base()),
            None,
        )
        .await;
    let days = daily["data"].as_array().unwrap();
    assert_eq!(days.len(), 7);
    assert_eq!(
        days[6]["users"], snap["data"]["users"],
        "today is the snapshot"
    );
    let (s, b) = rig
        .as_admin(
            Method::GET,
            &format!("{}/metrics/daily?days=91", base()),
            None,
        )
        .await;
    assert_names_field(s, &b, "days");
    let (s, monthly) = rig
        .as_admin(
            Method::GET,
            &format!("{}/metrics/monthly?months=2", base()),
            None,
        )
        .await;
    assert_eq!(s, 200);
    assert!(monthly["data"].as_array().unwrap().len() <= 2);

    let total = users["pagination"]["total"].as_u64().unwrap();
    let path = format!("{}/settings/limits", base());
    let body = json!({ "settings": { "max_users": total } });
    rig.as_admin(Method::PATCH, &path, Some(body)).await;
    let (_, warnings) = rig
        .as_admin(
            Method::GET,
            &format!("{}/metrics/quota-warnings", base()),
            None,
        )
        .await;
    let list = warnings["data"]["warnings"].as_array().unwrap();
    let users_warning: Vec<&Value> = list.iter().filter(|w| w["resource"] == "users").collect();
    assert_eq!(users_warning.len(), 1, "{warnings}");
    assert_eq!(users_warning[0]["percentage"], 100.0);
    assert_eq!(users_warning[0]["exceeded"], false);
}

#[tokio::test]
async fn only_owners_and_admins_see_and_change_the_administration() {
    let rig = rig().await;
    let (_, manager) = rig.member_with_role("manager").await;
    for path in [
        "settings",
        "settings/history",
        "rate-limits",
        "metrics/snapshot",
    ] {
        let full = format!("{}/{path}", base());
        let (s, _) = rig
            .secure(&manager, Some(&acme()), Method::GET, &full, None)
            .await;
        assert_eq!(s, 403, "{path}");
    }
    let path = format!("{}/settings/general", base());
    let body = json!({ "settings": { "time_format": "12h" } });
    let (s, _) = rig
        .secure(&manager, Some(&acme()), Method::PATCH, &path, Some(body))
        .await;
    assert_eq!(s, 403);
    let stranger = format!("/tenants/{}/settings", uuid::Uuid::new_v4());
    let (s, _) = rig.as_admin(Method::GET, &stranger, None).await;
    assert_eq!(s, 404);
}
