//! Categories over real HTTP: a tree by parent, keys unique, no loops; linked to spaces,
//! resources, groups and the tenant; renamed everywhere they show; deleted only with a
//! replacement while in use, which takes over the links.

use crate::common;

use common::*;
use serde_json::{json, Value};

async fn make(rig: &Rig, key: &str, parent: Option<&str>) -> String {
    let body = json!({ "key": key, "name": key.to_uppercase(), "parent_id": parent });
    let (s, b) = rig
        .as_admin(Method::POST, "/taxonomy/categories", Some(body))
        .await;
    assert_eq!(s, 201, "{b}");
    b["data"]["id"].as_str().unwrap().to_string()
}

async fn first(rig: &Rig, list: &str) -> String {
    let (_, b) = rig.as_admin(Method::GET, list, None).await;
    b["data"][0]["id"].as_str().unwrap().to_string()
}

#[tokio::test]
async fn categories_form_a_tree_without_loops_or_twin_keys() {
    let rig = rig().await;
    let root = make(&rig, "equipment", None).await;
    let child = make(&rig, "vehicles", Some(&root)).await;
    let (_, detail) = rig
        .as_admin(Method::GET, &format!("/taxonomy/categories/{child}"), None)
        .await;
    assert_eq!(detail["data"]["level"], 1);
    let (_, tree) = rig
        .as_admin(Method::GET, "/taxonomy/categories/tree", None)
        .await;
    let top = tree["data"]
        .as_array()
        .unwrap()
        .iter()
        .find(|n| n["id"] == root.as_str())
        .cloned()
        .unwrap();
    assert_eq!(top["children"][0]["id"], child.as_str());
    let (s, b) = rig
        .as_admin(
            Method::POST,
            "/taxonomy/categories",
            Some(json!({ "key": "vehicles", "name": "Again" })),
        )
        .await;
    assert_eq!(
        (s, &b["error"], &b["details"]["field"]),
        (422, &json!("ALREADY_EXISTS"), &json!("key"))
    );
    let (s, b) = rig
        .as_admin(
            Method::POST,
            "/taxonomy/categories",
            Some(json!({ "key": "Bad Key", "name": "x" })),
        )
        .await;
    assert_names_field(s, &b, "key");
    let (s, b) = rig
        .as_admin(
            Method::PATCH,
            &format!("/taxonomy/categories/{root}"),
            Some(json!({ "parent_id": child })),
        )
        .await;
    assert_names_field(s, &b, "parent_id");
    let (s, b) = rig
        .as_admin(
            Method::DELETE,
            &format!("/taxonomy/categories/{root}"),
            Some(json!({})),
        )
        .await;
    assert_eq!((s, &b["error"]), (422, &json!("CATEGORY_HAS_CHILDREN")));
    let (_, member) = rig.member_with_role("member").await;
    let (s, _) = rig
        .secure(
            &member,
            Some(&acme()),
            Method::POST,
            "/taxonomy/categories",
            Some(json!({ "key": "mine", "name": "Mine" })),
        )
        .await;
    assert_eq!(s, 403);
}

#[tokio::test]
async fn links_follow_renames_and_move_to_a_replacement() {
    let rig = rig().await;
    let space = first(&rig, "/spaces").await;
    let resource = first(&rig, "/resources").await;
    let group = first(&rig, "/groups").await;
    let old = make(&rig, "old-kind", None).await;
    let new = make(&rig, "new-kind", None).await;
    let (s, b) = rig
        .as_admin(
            Method::POST,
            &format!("/spaces/{space}/categories"),
            Some(json!({ "category_id": old })),
        )
        .await;
    assert_eq!(s, 200, "{b}");
    rig.as_admin(
        Method::POST,
        &format!("/resources/{resource}/categories"),
        Some(json!({ "category_id": old })),
    )
    .await;
    let (s, _) = rig
        .as_admin(
            Method::POST,
            &format!("/taxonomy/categories/{old}/link"),
            Some(json!({ "entity_type": "group", "entity_id": group })),
        )
        .await;
    assert_eq!(s, 201);
    let (_, entities) = rig
        .as_admin(
            Method::GET,
            &format!("/taxonomy/categories/{old}/entities"),
            None,
        )
        .await;
    assert_eq!(entities["data"].as_array().unwrap().len(), 3);
    let (_, of) = rig
        .as_admin(
            Method::GET,
            &format!("/taxonomy/categories/entity?entityType=resource&entityId={resource}"),
            None,
        )
        .await;
    assert_eq!(of["data"][0]["id"], old.as_str());

    rig.as_admin(
        Method::PATCH,
        &format!("/taxonomy/categories/{old}"),
        Some(json!({ "name": "Legacy" })),
    )
    .await;
    let (_, row) = rig
        .as_admin(Method::GET, &format!("/spaces/{space}"), None)
        .await;
    assert_eq!(
        row["data"]["categories"],
        json!([{ "id": old, "key": "old-kind", "name": "Legacy" }])
    );

    let path = format!("/taxonomy/categories/{old}");
    let (s, b) = rig.as_admin(Method::DELETE, &path, Some(json!({}))).await;
    assert_eq!((s, &b["error"]), (422, &json!("CATEGORY_IN_USE")));
    let (s, b) = rig
        .as_admin(
            Method::DELETE,
            &path,
            Some(json!({ "replacement_category_id": new })),
        )
        .await;
    assert_eq!(s, 200, "{b}");
    assert_eq!(b["data"]["relinked_count"], 3);
    let (_, listed) = rig
        .as_admin(
            Method::GET,
            &format!("/resources/{resource}/categories"),
            None,
        )
        .await;
    let ids: Vec<&Value> = listed["data"]
        .as_array()
        .unwrap()
        .iter()
        .map(|c| &c["id"])
        .collect();
    assert_eq!(ids, [&json!(new)]);
    let (s, _) = rig.as_admin(Method::GET, &path, None).await;
    assert_eq!(s, 404);
    let (s, _) = rig
        .as_admin(
            Method::DELETE,
            &format!("/spaces/{space}/categories/{new}"),
            None,
        )
        .await;
    assert_eq!(s, 204);
    let (s, _) = rig
        .as_admin(
            Method::DELETE,
            &format!("/spaces/{space}/categories/{new}"),
            None,
        )
        .await;
    assert_eq!(s, 404);
    let stranger = uuid::Uuid::new_v4().to_string();
    let (s, b) = rig
        .as_admin(
            Method::POST,
            &format!("/resources/{resource}/categories"),
            Some(json!({ "category_id": stranger })),
        )
        .await;
    assert_eq!(
        (s, &b["details"]["field"]),
        (400, &json!("category_id")),
        "{b}"
    );
}
