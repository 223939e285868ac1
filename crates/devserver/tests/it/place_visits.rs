//! Visit metrics of resources and spaces: tracking counts real views (guests' too), a reset
//! starts the count again and keeps who, when and why; the refusals name the field, the role
//! or the unknown id.

use crate::common;

use common::*;
use serde_json::{json, Value};

async fn first(rig: &Rig, list: &str) -> String {
    let (_, b) = rig.as_admin(Method::GET, list, None).await;
    b["data"][0]["id"].as_str().unwrap().to_string()
}

async fn as_user(
    rig: &Rig,
    token: &str,
    method: Method,
    path: &str,
    body: Option<Value>,
) -> (u16, Value) {
    rig.secure(token, Some(&acme()), method, path, body).await
}

#[tokio::test]
async fn tracking_counts_views_and_a_reset_starts_again() {
    let rig = rig().await;
    let resource = first(&rig, "/resources?limit=1").await;
    let track = format!("/resources/{resource}/visit-metrics/track");
    let (member_id, member) = rig.member_with_role("member").await;
    let (s, once) = as_user(&rig, &member, Method::POST, &track, None).await;
    assert_eq!(s, 200, "{once}");
    let (s, twice) = as_user(&rig, &rig.guest, Method::POST, &track, None).await;
    assert_eq!(s, 200, "a guest's view counts too: {twice}");
    let before = once["data"]["totalVisits"].as_u64().unwrap();
    assert_eq!(twice["data"]["totalVisits"].as_u64().unwrap(), before + 1);
    assert_eq!(once["data"]["lastVisitedByActorId"], member_id.as_str());
    assert_eq!(once["data"]["lastVisitedByActorType"], "user");
    // The detail shows the count, and reading it counts nothing.
    let detail = format!("/resources/{resource}");
    let (_, row) = rig.as_admin(Method::GET, &detail, None).await;
    assert_eq!(row["data"]["totalVisits"], twice["data"]["totalVisits"]);
    assert_eq!(row["data"]["lastVisitedAt"], twice["data"]["lastVisitedAt"]);
    let (_, again) = rig.as_admin(Method::GET, &detail, None).await;
    assert_eq!(again["data"]["totalVisits"], row["data"]["totalVisits"]);
    let reset = format!("/resources/{resource}/visit-metrics/reset");
    let (s, b) = rig
        .as_admin(
            Method::POST,
            &reset,
            Some(json!({ "reason": "New season" })),
        )
        .await;
    assert_eq!(s, 200, "{b}");
    assert_eq!(b["data"]["totalVisits"], 0);
    assert!(b["data"]["lastVisitedAt"].is_null());
    assert_eq!(b["data"]["lastResetReason"], "New season");
    assert_eq!(
        b["data"]["lastResetByActorId"],
        outpost_devserver::demo::admin_id().as_str()
    );
    assert!(b["data"]["lastResetAt"].is_string());
    let (_, after) = as_user(&rig, &member, Method::POST, &track, None).await;
    assert_eq!(after["data"]["totalVisits"], 1);
    assert_eq!(
        after["data"]["lastResetReason"], "New season",
        "the reset is remembered"
    );
    // A space's count starts again the same way.
    let space = first(&rig, "/spaces?limit=1").await;
    let (s, b) = rig
        .as_admin(
            Method::POST,
            &format!("/spaces/{space}/visit-metrics/reset"),
            Some(json!({})),
        )
        .await;
    assert_eq!(s, 200, "{b}");
    assert_eq!(b["data"]["entityId"], space.as_str());
    assert!(b["data"]["lastResetReason"].is_null());
}

#[tokio::test]
async fn resets_are_refused_to_other_roles_bad_reasons_and_unknown_ids() {
    let rig = rig().await;
    let resource = first(&rig, "/resources?limit=1").await;
    let reset = format!("/resources/{resource}/visit-metrics/reset");
    let (_, member) = rig.member_with_role("member").await;
    for token in [&member, &rig.guest] {
        let (s, b) = as_user(&rig, token, Method::POST, &reset, Some(json!({}))).await;
        assert_eq!(s, 403, "{b}");
    }
    let long = "x".repeat(501);
    let (s, b) = rig
        .as_admin(Method::POST, &reset, Some(json!({ "reason": long })))
        .await;
    assert_names_field(s, &b, "reason");
    let unknown = uuid::Uuid::new_v4();
    for path in [
        format!("/resources/{unknown}/visit-metrics/track"),
        format!("/resources/{unknown}/visit-metrics/reset"),
        format!("/spaces/{unknown}/visit-metrics/reset"),
    ] {
        let (s, b) = rig.as_admin(Method::POST, &path, Some(json!({}))).await;
        assert_eq!(s, 404, "{path}: {b}");
    }
}
