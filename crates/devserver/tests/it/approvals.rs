//! Approvals over real HTTP: with approval required for resources, what a role the settings do
//! not trust makes waits as pending with a request; admins approve (the row goes active) or
//! reject (inactive) it, its creator sees it under /me/approvals and may cancel it; a decided
//! request stays decided.

use crate::common;

use common::*;
use serde_json::{json, Value};

/// A manager of a new space, with approval required for resources made by managers: their id
/// and token, and the space.
async fn managed_space(rig: &Rig) -> (String, String, String) {
    let (manager_id, manager) = rig.member_with_role("manager").await;
    let (_, space) = rig
        .as_admin(
            Method::POST,
            "/spaces",
            Some(json!({ "name": "Approval yard" })),
        )
        .await;
    let sid = space["data"]["id"].as_str().unwrap().to_string();
    let body = json!({ "userId": manager_id, "role": "manager" });
    rig.as_admin(Method::POST, &format!("/spaces/{sid}/members"), Some(body))
        .await;
    let (s, b) = rig
        .as_admin(
            Method::PATCH,
            "/tenant/approval-settings/resource",
            Some(json!({ "requires_approval": true })),
        )
        .await;
    assert_eq!(s, 200, "{b}");
    assert_eq!(
        b["data"]["config"]["auto_approve_roles"],
        json!(["owner", "admin"])
    );
    (manager_id, manager, sid)
}

async fn make(rig: &Rig, token: &str, space: &str, name: &str) -> Value {
    let body = json!({ "name": name, "spaceId": space });
    let (s, b) = rig
        .secure(token, Some(&acme()), Method::POST, "/resources", Some(body))
        .await;
    assert_eq!(s, 201, "{b}");
    b["data"].clone()
}

async fn request_for(rig: &Rig, entity: &Value) -> Value {
    let (_, list) = rig
        .as_admin(Method::GET, "/approvals?limit=200", None)
        .await;
    list["data"]
        .as_array()
        .unwrap()
        .iter()
        .find(|a| a["entity_id"] == entity["id"])
        .cloned()
        .unwrap_or(Value::Null)
}

#[tokio::test]
async fn what_an_untrusted_role_makes_waits_and_admins_decide() {
    let rig = rig().await;
    let (manager_id, manager, sid) = managed_space(&rig).await;
    let trusted = make(&rig, &rig.admin, &sid, "By the owner").await;
    assert_eq!(trusted["status"], "active");
    assert_eq!(
        request_for(&rig, &trusted).await,
        Value::Null,
        "the owner's role is trusted"
    );

    let first = make(&rig, &manager, &sid, "Compressor").await;
    assert_eq!(first["status"], "pending");
    let request = request_for(&rig, &first).await;
    assert_eq!(request["status"], "pending");
    assert_eq!(request["entity_type"], "resource");
    assert_eq!(request["creator"]["id"], manager_id.as_str());
    let rid = request["id"].as_str().unwrap().to_string();
    let (_, mine) = rig
        .secure(&manager, Some(&acme()), Method::GET, "/me/approvals", None)
        .await;
    let theirs = mine["data"].as_array().unwrap();
    assert!(theirs.iter().any(|a| a["id"] == rid.as_str()), "{mine}");
    assert!(theirs
        .iter()
        .all(|a| a["created_by"] == manager_id.as_str()));
    let (s, _) = rig
        .secure(
            &manager,
            Some(&acme()),
            Method::POST,
            &format!("/approvals/{rid}/approve"),
            Some(json!({})),
        )
        .await;
    assert_eq!(s, 403, "admins decide");
    let (s, b) = rig
        .as_admin(
            Method::POST,
            &format!("/approvals/{rid}/approve"),
            Some(json!({ "comment": "Fine" })),
        )
        .await;
    assert_eq!(s, 200, "{b}");
    assert_eq!(b["data"]["status"], "approved");
    let (_, now) = rig
        .as_admin(
            Method::GET,
            &format!("/resources/{}", first["id"].as_str().unwrap()),
            None,
        )
        .await;
    assert_eq!(now["data"]["status"], "active");
    let (s, b) = rig
        .as_admin(
            Method::POST,
            &format!("/approvals/{rid}/reject"),
            Some(json!({ "rejection_reason": "Changed my mind" })),
        )
        .await;
    assert_eq!((s, &b["error"]), (422, &json!("INVALID_TRANSITION")));

    let second = make(&rig, &manager, &sid, "Generator").await;
    let second_request = request_for(&rig, &second).await["id"]
        .as_str()
        .unwrap()
        .to_string();
    let (s, b) = rig
        .as_admin(
            Method::POST,
            &format!("/approvals/{second_request}/reject"),
            Some(json!({ "rejection_reason": "" })),
        )
        .await;
    assert_names_field(s, &b, "rejection_reason");
    let (s, b) = rig
        .as_admin(
            Method::POST,
            &format!("/approvals/{second_request}/reject"),
            Some(json!({ "rejection_reason": "Not needed" })),
        )
        .await;
    assert_eq!(s, 200);
    assert_eq!(b["data"]["rejection_reason"], "Not needed");
    let (_, now) = rig
        .as_admin(
            Method::GET,
            &format!("/resources/{}", second["id"].as_str().unwrap()),
            None,
        )
        .await;
    assert_eq!(now["data"]["status"], "inactive");

    let third = make(&rig, &manager, &sid, "Welder").await;
    let third_request = request_for(&rig, &third).await["id"]
        .as_str()
        .unwrap()
        .to_string();
    let (s, _) = rig
        .secure(
            &manager,
            Some(&acme()),
            Method::DELETE,
            &format!("/approvals/{third_request}"),
            Some(json!({ "reason": "Found one" })),
        )
        .await;
    assert_eq!(s, 204, "the creator cancels");
    let (_, pending) = rig
        .as_admin(Method::GET, "/approvals?status=pending", None)
        .await;
    // The demo's drone still waits; this test's three are decided.
    assert_eq!(pending["total"], 1);
    assert_eq!(pending["data"][0]["entity_name"], "Survey drone");
    let (_, all) = rig
        .as_admin(Method::GET, "/approvals?limit=200", None)
        .await;
    assert_eq!(all["total"], 4);
    assert_eq!(rig.audit_of(&rid).await, ["approved approval_request"]);
}

#[tokio::test]
async fn approval_settings_are_read_by_members_and_changed_by_admins() {
    let rig = rig().await;
    let (_, member) = rig.member_with_role("member").await;
    let (s, b) = rig
        .secure(
            &member,
            Some(&acme()),
            Method::GET,
            "/tenant/approval-settings",
            None,
        )
        .await;
    assert_eq!(s, 200);
    let types: Vec<&str> = b["data"]
        .as_array()
        .unwrap()
        .iter()
        .map(|t| t["entity_type"].as_str().unwrap())
        .collect();
    assert_eq!(types, ["space", "resource", "calendar_entry"]);
    let (s, _) = rig
        .secure(
            &member,
            Some(&acme()),
            Method::PATCH,
            "/tenant/approval-settings/space",
            Some(json!({ "requires_approval": true })),
        )
        .await;
    assert_eq!(s, 403);
    let (s, b) = rig
        .as_admin(
            Method::PATCH,
            "/tenant/approval-settings/space",
            Some(json!({ "config": { "max_pending_days": 400 } })),
        )
        .await;
    assert_names_field(s, &b, "config.max_pending_days");
    let (s, b) = rig
        .as_admin(
            Method::PATCH,
            "/tenant/approval-settings/space",
            Some(json!({})),
        )
        .await;
    assert_eq!(s, 422, "{b}");
    let (s, _) = rig
        .as_admin(
            Method::PATCH,
            "/tenant/approval-settings/invoice",
            Some(json!({ "requires_approval": true })),
        )
        .await;
    assert_eq!(s, 404);
    let (_, member_list) = rig
        .secure(&member, Some(&acme()), Method::GET, "/approvals", None)
        .await;
    assert_eq!(
        member_list["error"], "FORBIDDEN",
        "the queue is the admins'"
    );
}
