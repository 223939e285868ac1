//! The administration part of the demo: a suspended former member, invitations in each state,
//! a space manager and readers, a move request and an approval waiting, and the audit rows of
//! their making; the same for the same seed.

use crate::common;

use common::*;
use serde_json::Value;

fn states(list: &Value, key: &str) -> Vec<String> {
    let mut out: Vec<String> = list["data"]
        .as_array()
        .unwrap()
        .iter()
        .map(|r| r[key].as_str().unwrap().to_string())
        .collect();
    out.sort();
    out
}

#[tokio::test]
async fn the_demo_has_administration_waiting() {
    let rig = rig().await;
    let (_, invitations) = rig
        .as_admin(Method::GET, "/invitations?limit=200", None)
        .await;
    assert_eq!(
        states(&invitations, "status"),
        ["expired", "revoked", "sent", "sent"]
    );
    let (_, users) = rig.as_admin(Method::GET, "/users?limit=200", None).await;
    let former: Vec<&Value> = users["data"]
        .as_array()
        .unwrap()
        .iter()
        .filter(|u| u["status"] == "inactive")
        .collect();
    assert_eq!(former.len(), 1);
    assert_eq!(former[0]["display_name"], "Robin Former");

    let (_, moves) = rig
        .as_admin(
            Method::GET,
            "/resources/resource-requests?status=pending",
            None,
        )
        .await;
    assert_eq!(moves["data"][0]["resource_name"], "Ladder truck");
    assert_eq!(moves["data"][0]["target_space_name"], "Warehouse North");
    let (_, approvals) = rig
        .as_admin(Method::GET, "/approvals?status=pending", None)
        .await;
    assert_eq!(approvals["data"][0]["entity_name"], "Survey drone");
    let drone = approvals["data"][0]["entity_id"].as_str().unwrap();
    let (_, resource) = rig
        .as_admin(Method::GET, &format!("/resources/{drone}"), None)
        .await;
    assert_eq!(resource["data"]["status"], "pending");

    let (_, manager_token) = rig.member_with_role("manager").await;
    let (_, spaces) = rig
        .secure(
            &manager_token,
            Some(&acme()),
            Method::GET,
            "/iam/me/spaces",
            None,
        )
        .await;
    assert_eq!(states(&spaces, "role"), ["manager"]);
    assert_eq!(spaces["data"][0]["space_name"], "Depot");

    let (_, log) = rig
        .as_admin(Method::GET, "/audit-logs?limit=200", None)
        .await;
    let kinds = states(&log, "resource_type");
    for kind in [
        "invitation",
        "resource_move_request",
        "user",
        "space",
        "resource",
    ] {
        assert!(
            kinds.iter().any(|k| k == kind),
            "no {kind} in the demo's audit log"
        );
    }
}

#[tokio::test]
async fn the_same_seed_gives_the_same_administration() {
    let (a, b) = (rig().await, rig().await);
    for path in [
        "/invitations?limit=200",
        "/resources/resource-requests",
        "/approvals?limit=200",
        "/tenant/approval-settings",
    ] {
        let (_, x) = a.as_admin(Method::GET, path, None).await;
        let (_, y) = b.as_admin(Method::GET, path, None).await;
        assert_eq!(x, y, "{path}");
    }
}
