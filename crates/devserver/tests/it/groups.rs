//! Groups as the tenant's admins manage them over real HTTP: create, rename, delete (soft),
//! members added and removed, a user's effective permissions, and the `/iam` reads of the
//! signed-in user; owners and admins only, bad bodies named, other tenants' groups not found.

use crate::common;

use common::*;
use serde_json::{json, Value};

async fn create(rig: &Rig, name: &str, permissions: &[&str]) -> Value {
    let body = json!({ "name": name, "permissions": permissions, "description": "made here" });
    let (s, b) = rig
        .as_admin(Method::POST, "/groups/create", Some(body))
        .await;
    assert_eq!(s, 201, "{b}");
    b["data"].clone()
}

fn names(list: &Value) -> Vec<String> {
    list["data"]
        .as_array()
        .unwrap()
        .iter()
        .map(|g| g["name"].as_str().unwrap().to_string())
        .collect()
}

#[tokio::test]
async fn a_group_is_created_renamed_and_deleted_and_each_step_is_audited() {
    let rig = rig().await;
    let group = create(&rig, "Night shift", &["calendar:read", "calendar:read"]).await;
    let id = group["id"].as_str().unwrap();
    assert_eq!(group["tenantId"], acme().as_str());
    assert_eq!(group["permissions"], json!(["calendar:read"]), "each once");
    let (_, list) = rig.as_admin(Method::GET, "/groups?limit=200", None).await;
    assert!(names(&list).contains(&"Night shift".to_string()));

    let body = json!({ "name": "Late shift" });
    let (s, b) = rig
        .as_admin(Method::PUT, &format!("/groups/{id}"), Some(body))
        .await;
    assert_eq!(s, 200, "{b}");
    assert_eq!(b["data"]["name"], "Late shift");
    assert_eq!(b["data"]["description"], "made here", "unsent fields stay");
    assert_eq!(b["data"]["permissions"], json!(["calendar:read"]));

    let (s, _) = rig
        .as_admin(Method::DELETE, &format!("/groups/{id}"), None)
        .await;
    assert_eq!(s, 204);
    let (s, _) = rig
        .as_admin(Method::GET, &format!("/groups/{id}"), None)
        .await;
    assert_eq!(s, 404);
    let (_, list) = rig.as_admin(Method::GET, "/groups?limit=200", None).await;
    assert!(!names(&list).contains(&"Late shift".to_string()));
    let (s, _) = rig
        .as_admin(Method::DELETE, &format!("/groups/{id}"), None)
        .await;
    assert_eq!(s, 404, "a deleted group cannot be deleted again");
    assert_eq!(
        rig.audit_of(id).await,
        ["created group", "updated group", "deleted group"]
    );
}

async fn permissions_of(rig: &Rig, user: &str) -> Value {
    let path = format!("/groups/users/{user}/permissions");
    rig.as_admin(Method::GET, &path, None).await.1["data"].clone()
}

#[tokio::test]
async fn members_give_their_groups_permissions_and_lose_them_when_removed() {
    let rig = rig().await;
    let (member, member_token) = rig.member_with_role("member").await;
    let group = create(&rig, "Auditors", &["audit:read", "contacts:read"]).await;
    let id = group["id"].as_str().unwrap();
    let before = permissions_of(&rig, &member).await;
    assert!(!before.as_array().unwrap().contains(&json!("audit:read")));

    let add = json!({ "userId": member });
    let path = format!("/groups/{id}/members");
    let (s, b) = rig.as_admin(Method::POST, &path, Some(add.clone())).await;
    assert_eq!(s, 204, "{b}");
    let (s, _) = rig.as_admin(Method::POST, &path, Some(add)).await;
    assert_eq!(s, 204, "adding again changes nothing");
    let (_, members) = rig.as_admin(Method::GET, &path, None).await;
    let ids: Vec<&Value> = members["data"]
        .as_array()
        .unwrap()
        .iter()
        .map(|m| &m["user_id"])
        .collect();
    assert_eq!(ids, [&json!(member)]);
    let after = permissions_of(&rig, &member).await;
    let after: Vec<&str> = after
        .as_array()
        .unwrap()
        .iter()
        .map(|p| p.as_str().unwrap())
        .collect();
    assert!(after.contains(&"audit:read") && after.contains(&"contacts:read"));
    let mut sorted_after = after.clone();
    sorted_after.sort();
    assert_eq!(after, sorted_after, "sorted, each once");

    // The member sees the same through /iam.
    let (s, me) = rig
        .secure(
            &member_token,
            Some(&acme()),
            Method::GET,
            "/iam/me/permissions",
            None,
        )
        .await;
    assert_eq!(s, 200);
    assert_eq!(me["data"].as_array().unwrap().len(), after.len());
    let (_, overview) = rig
        .secure(&member_token, Some(&acme()), Method::GET, "/iam", None)
        .await;
    assert_eq!(overview["data"]["userId"], member.as_str());
    assert_eq!(overview["data"]["isTenantAdmin"], false);
    let groups = overview["data"]["groups"].as_array().unwrap();
    assert!(groups.iter().any(|g| g["id"] == id));

    let (s, _) = rig
        .as_admin(
            Method::DELETE,
            &format!("/groups/{id}/members/{member}"),
            None,
        )
        .await;
    assert_eq!(s, 204);
    let (s, _) = rig
        .as_admin(
            Method::DELETE,
            &format!("/groups/{id}/members/{member}"),
            None,
        )
        .await;
    assert_eq!(s, 404, "no longer a member");
    assert_eq!(permissions_of(&rig, &member).await, before);
    assert_eq!(
        rig.audit_of(id).await,
        [
            "created group",
            "member_added group",
            "member_removed group"
        ]
    );
}

#[tokio::test]
async fn only_owners_and_admins_change_groups() {
    let rig = rig().await;
    let group = create(&rig, "Locked", &[]).await;
    let id = group["id"].as_str().unwrap();
    let (_, member_token) = rig.member_with_role("member").await;
    let (_, manager_token) = rig.member_with_role("manager").await;
    for token in [&member_token, &manager_token, &rig.guest] {
        let attempts = [
            (
                Method::POST,
                "/groups/create".to_string(),
                Some(json!({ "name": "Mine" })),
            ),
            (
                Method::PUT,
                format!("/groups/{id}"),
                Some(json!({ "name": "Mine" })),
            ),
            (Method::DELETE, format!("/groups/{id}"), None),
            (
                Method::POST,
                format!("/groups/{id}/members"),
                Some(json!({ "userId": demo_admin() })),
            ),
        ];
        for (method, path, body) in attempts {
            let (s, b) = rig
                .secure(token, Some(&acme()), method.clone(), &path, body)
                .await;
            assert_eq!(s, 403, "{method} {path}: {b}");
        }
    }
    let (_, after) = rig
        .as_admin(Method::GET, &format!("/groups/{id}"), None)
        .await;
    assert_eq!(after["data"]["name"], "Locked", "nothing changed");
    // Reading stays open to every member.
    let (s, _) = rig
        .secure(&member_token, Some(&acme()), Method::GET, "/groups", None)
        .await;
    assert_eq!(s, 200);
}

fn demo_admin() -> String {
    outpost_devserver::demo::admin_id()
}

#[tokio::test]
async fn bad_bodies_are_refused_naming_the_field_and_unknown_ids_are_not_found() {
    let rig = rig().await;
    let (s, b) = rig
        .as_admin(Method::POST, "/groups/create", Some(json!({})))
        .await;
    assert_names_field(s, &b, "name");
    let (s, b) = rig
        .as_admin(
            Method::POST,
            "/groups/create",
            Some(json!({ "name": "  " })),
        )
        .await;
    assert_names_field(s, &b, "name");
    let bad = json!({ "name": "Ok", "permissions": ["a", 3] });
    let (s, b) = rig
        .as_admin(Method::POST, "/groups/create", Some(bad))
        .await;
    assert_names_field(s, &b, "permissions[1]");
    let group = create(&rig, "Checked", &[]).await;
    let id = group["id"].as_str().unwrap();
    let path = format!("/groups/{id}/members");
    let (s, b) = rig
        .as_admin(Method::POST, &path, Some(json!({ "userId": "me" })))
        .await;
    assert_names_field(s, &b, "userId");
    let stranger = uuid::Uuid::new_v4().to_string();
    let (s, _) = rig
        .as_admin(Method::POST, &path, Some(json!({ "userId": stranger })))
        .await;
    assert_eq!(s, 404, "not a member of the tenant");
    let (s, _) = rig
        .as_admin(
            Method::GET,
            &format!("/groups/users/{stranger}/permissions"),
            None,
        )
        .await;
    assert_eq!(s, 404);
    // Acme's group is not Northwind's.
    let (s, _) = rig
        .secure(
            &rig.admin,
            Some(&northwind()),
            Method::PUT,
            &format!("/groups/{id}"),
            Some(json!({ "name": "Taken" })),
        )
        .await;
    assert_eq!(s, 404);
}

async fn can(rig: &Rig, token: &str, space: &str, action: &str) -> (u16, Value) {
    let path = format!("/iam/can?entityType=space&entityId={space}&action={action}");
    rig.secure(token, Some(&acme()), Method::GET, &path, None)
        .await
}

#[tokio::test]
async fn iam_says_what_the_caller_can_manage_and_whether_they_can_write() {
    let rig = rig().await;
    let (_, spaces) = rig.as_admin(Method::GET, "/spaces?limit=200", None).await;
    let space = spaces["data"][0]["id"].as_str().unwrap().to_string();
    let (_, manageable) = rig
        .as_admin(Method::GET, "/iam/me/spaces/manageable", None)
        .await;
    assert_eq!(
        manageable["data"].as_array().unwrap().len(),
        spaces["data"].as_array().unwrap().len(),
        "an owner manages every space"
    );
    let (_, member_token) = rig.member_with_role("member").await;
    assert_eq!(
        can(&rig, &rig.admin, &space, "write").await.1["allowed"],
        true
    );
    assert_eq!(
        can(&rig, &member_token, &space, "read").await.1["allowed"],
        true
    );
    let (_, mine) = rig
        .secure(
            &member_token,
            Some(&acme()),
            Method::GET,
            "/iam/me/spaces",
            None,
        )
        .await;
    let manages = mine["data"]
        .as_array()
        .unwrap()
        .iter()
        .any(|m| m["space_id"] == space.as_str() && m["role"] == "manager");
    assert_eq!(
        can(&rig, &member_token, &space, "write").await.1["allowed"],
        manages
    );
    let (s, b) = rig
        .as_admin(
            Method::GET,
            "/iam/can?entityType=group&entityId=x&action=read",
            None,
        )
        .await;
    assert_names_field(s, &b, "entityType");
    let (s, b) = rig
        .as_admin(
            Method::GET,
            &format!("/iam/can?entityType=space&entityId={space}"),
            None,
        )
        .await;
    assert_names_field(s, &b, "action");
}
