//! Tags over real HTTP: linked by name to spaces, resources, groups and the tenant (made on
//! first use, reused after), counted, found by entity, curated and upgraded by admins, and gone
//! when the last link of an uncurated tag goes or an admin deletes it.

use crate::common;

use common::*;
use serde_json::{json, Value};

async fn first(rig: &Rig, list: &str) -> String {
    let (_, b) = rig.as_admin(Method::GET, list, None).await;
    b["data"][0]["id"].as_str().unwrap().to_string()
}

fn names(list: &Value) -> Vec<String> {
    list["data"]
        .as_array()
        .unwrap()
        .iter()
        .map(|t| t["name"].as_str().unwrap().to_string())
        .collect()
}

#[tokio::test]
async fn a_name_linked_twice_is_one_tag_counted_twice() {
    let rig = rig().await;
    let space = first(&rig, "/spaces").await;
    let resource = first(&rig, "/resources").await;
    let (s, a) = rig
        .as_admin(
            Method::POST,
            &format!("/spaces/{space}/tags"),
            Some(json!({ "tag_name": "Needs Ladder" })),
        )
        .await;
    assert_eq!(s, 200, "{a}");
    let (_, b) = rig
        .as_admin(
            Method::POST,
            &format!("/resources/{resource}/tags"),
            Some(json!({ "tag_name": "needs ladder" })),
        )
        .await;
    let tag = a["data"]["tag_id"].as_str().unwrap().to_string();
    assert_eq!(b["data"]["tag_id"], tag.as_str(), "the same tag");
    let (_, detail) = rig
        .as_admin(Method::GET, &format!("/taxonomy/tags/{tag}"), None)
        .await;
    assert_eq!(detail["data"]["usage_count"], 2);
    assert_eq!(detail["data"]["display_name"], "Needs Ladder");
    let (_, space_row) = rig
        .as_admin(Method::GET, &format!("/spaces/{space}"), None)
        .await;
    assert_eq!(
        space_row["data"]["tags"],
        json!([{ "id": tag, "name": "needs ladder" }])
    );
    let (_, listed) = rig
        .as_admin(Method::GET, &format!("/resources/{resource}/tags"), None)
        .await;
    assert_eq!(names(&listed), ["needs ladder"]);
    let (_, of) = rig
        .as_admin(
            Method::GET,
            &format!("/taxonomy/tags/entity?entityType=space&entityId={space}"),
            None,
        )
        .await;
    assert_eq!(names(&of), ["needs ladder"]);
    let (_, entities) = rig
        .as_admin(Method::GET, &format!("/taxonomy/tags/{tag}/entities"), None)
        .await;
    assert_eq!(entities["data"].as_array().unwrap().len(), 2);
    let (_, cloud) = rig
        .as_admin(Method::GET, "/taxonomy/tags/cloud", None)
        .await;
    assert_eq!(cloud["data"][0]["count"], 2);
    let (_, found) = rig
        .as_admin(Method::GET, "/taxonomy/tags?search=LADDER", None)
        .await;
    assert_eq!(found["returnedCount"], 1);

    // Unlinked everywhere, an uncurated tag goes.
    let (s, _) = rig
        .as_admin(Method::DELETE, &format!("/spaces/{space}/tags/{tag}"), None)
        .await;
    assert_eq!(s, 204);
    let (s, _) = rig
        .as_admin(Method::DELETE, &format!("/spaces/{space}/tags/{tag}"), None)
        .await;
    assert_eq!(s, 404, "not linked any more");
    let (s, _) = rig
        .as_admin(
            Method::DELETE,
            &format!("/taxonomy/tags/{tag}/unlink"),
            Some(json!({ "entity_type": "resource", "entity_id": resource })),
        )
        .await;
    assert_eq!(s, 204);
    let (s, _) = rig
        .as_admin(Method::GET, &format!("/taxonomy/tags/{tag}"), None)
        .await;
    assert_eq!(s, 404);
    assert_eq!(
        rig.audit_of(&tag).await,
        ["linked tag", "linked tag", "unlinked tag", "unlinked tag"]
    );
}

#[tokio::test]
async fn curated_tags_stay_and_only_admins_curate_or_delete() {
    let rig = rig().await;
    let (_, member) = rig.member_with_role("member").await;
    let (s, _) = rig
        .secure(
            &member,
            Some(&acme()),
            Method::POST,
            "/taxonomy/tags/curated",
            Some(json!({ "tag_name": "Hazmat" })),
        )
        .await;
    assert_eq!(s, 403);
    let group = first(&rig, "/groups").await;
    let (s, made) = rig
        .as_admin(
            Method::POST,
            "/taxonomy/tags/curated",
            Some(json!({ "tag_name": "Hazmat", "group_id": group })),
        )
        .await;
    assert_eq!(s, 201, "{made}");
    assert_eq!(made["data"]["persistent"], true);
    assert_eq!(made["data"]["owner_type"], "group");
    let tag = made["data"]["id"].as_str().unwrap().to_string();
    let link = json!({ "tag_name": "hazmat", "entity_type": "group", "entity_id": group });
    let (s, _) = rig
        .secure(
            &member,
            Some(&acme()),
            Method::POST,
            "/taxonomy/tags/link",
            Some(link),
        )
        .await;
    assert_eq!(s, 201, "members link");
    let (s, _) = rig
        .as_admin(
            Method::DELETE,
            &format!("/taxonomy/tags/{tag}/unlink"),
            Some(json!({ "entity_type": "group", "entity_id": group })),
        )
        .await;
    assert_eq!(s, 204);
    let (s, _) = rig
        .as_admin(Method::GET, &format!("/taxonomy/tags/{tag}"), None)
        .await;
    assert_eq!(s, 200, "a curated tag stays unused");
    let (s, _) = rig
        .secure(
            &member,
            Some(&acme()),
            Method::DELETE,
            &format!("/taxonomy/tags/{tag}"),
            None,
        )
        .await;
    assert_eq!(s, 403);
    let space = first(&rig, "/spaces").await;
    rig.as_admin(
        Method::POST,
        &format!("/spaces/{space}/tags"),
        Some(json!({ "tag_name": "Hazmat" })),
    )
    .await;
    let (s, _) = rig
        .as_admin(Method::DELETE, &format!("/taxonomy/tags/{tag}"), None)
        .await;
    assert_eq!(s, 204);
    let (_, row) = rig
        .as_admin(Method::GET, &format!("/spaces/{space}"), None)
        .await;
    assert_eq!(row["data"]["tags"], json!([]), "deleting a tag unlinks it");

    let stranger = uuid::Uuid::new_v4().to_string();
    let bad = json!({ "tag_name": "x", "entity_type": "resource", "entity_id": stranger });
    let (s, b) = rig
        .as_admin(Method::POST, "/taxonomy/tags/link", Some(bad))
        .await;
    assert_names_field(s, &b, "entity_id");
    let (_, all) = rig.as_admin(Method::GET, "/taxonomy/tags", None).await;
    assert!(
        !names(&all).contains(&"x".to_string()),
        "no tag made for a link that failed"
    );
    let (s, b) = rig
        .as_admin(Method::GET, "/taxonomy/tags/entity?entityType=space", None)
        .await;
    assert_names_field(s, &b, "entityId");
}

#[tokio::test]
async fn bulk_links_translations_and_cleanup() {
    let rig = rig().await;
    let space = first(&rig, "/spaces").await;
    let body = json!({ "tag_names": ["Roof", "roof", "Gutter"], "entity_type": "space", "entity_id": space });
    let (s, b) = rig
        .as_admin(Method::POST, "/taxonomy/tags/link/bulk", Some(body))
        .await;
    assert_eq!(s, 201, "{b}");
    assert_eq!(b["data"].as_array().unwrap().len(), 2, "each name once");
    let (_, curated) = rig
        .as_admin(
            Method::POST,
            "/taxonomy/tags/curated",
            Some(json!({ "tag_name": "Spare" })),
        )
        .await;
    let spare = curated["data"]["id"].as_str().unwrap().to_string();
    let (s, b) = rig
        .as_admin(
            Method::PATCH,
            &format!("/taxonomy/tags/{spare}/translations"),
            Some(json!({ "translations": [{ "locale": "de", "name": "Ersatz" }] })),
        )
        .await;
    assert_eq!(s, 200);
    assert_eq!(b["data"]["translations_i18n"]["de"]["name"], "Ersatz");
    let (_, cleaned) = rig
        .as_admin(Method::POST, "/taxonomy/tags/cleanup", None)
        .await;
    assert_eq!(cleaned["data"]["deleted_count"], 0, "a curated tag stays");
    let stranger = uuid::Uuid::new_v4().to_string();
    let bad = json!({ "updates": [{ "id": spare, "persistent": false }, { "id": stranger }] });
    let (s, b) = rig
        .as_admin(Method::POST, "/taxonomy/tags/bulk-update", Some(bad))
        .await;
    assert_names_field(s, &b, "updates[1].id");
    let (_, still) = rig
        .as_admin(Method::GET, &format!("/taxonomy/tags/{spare}"), None)
        .await;
    assert_eq!(still["data"]["persistent"], true, "all or nothing");
    let good = json!({ "updates": [{ "id": spare, "persistent": false }] });
    rig.as_admin(Method::POST, "/taxonomy/tags/bulk-update", Some(good))
        .await;
    let (_, cleaned) = rig
        .as_admin(Method::POST, "/taxonomy/tags/cleanup", None)
        .await;
    assert_eq!(cleaned["data"]["deleted_count"], 1);
    let (s, _) = rig
        .as_admin(Method::GET, &format!("/taxonomy/tags/{spare}"), None)
        .await;
    assert_eq!(s, 404);
    let (_, listed) = rig
        .as_admin(Method::GET, &format!("/spaces/{space}/tags"), None)
        .await;
    assert_eq!(
        names(&listed),
        ["roof", "gutter"],
        "linked tags are not cleaned up"
    );
}
