//! Users, groups, spaces and resources over real HTTP: shapes, paging, 404s, isolation.

use crate::common;

use common::*;
use outpost_devserver::demo;
use serde_json::Value;

const USER_KEYS: &[&str] = &[
    "id",
    "tenantId",
    "email",
    "status",
    "first_name",
    "middle_name",
    "last_name",
    "display_name",
    "avatar_source",
    "avatar_url",
    "profileImage",
    "type_definition_id",
    "settings",
    "locale",
    "emailConfirmedAt",
    "emailVerificationStatus",
    "created_at",
    "updated_at",
];

fn ids(list: &Value) -> Vec<String> {
    list["data"]
        .as_array()
        .unwrap()
        .iter()
        .map(|r| r["id"].as_str().unwrap().to_string())
        .collect()
}

#[tokio::test]
async fn users_are_the_members_of_the_tenant() {
    let rig = rig().await;
    let (s, list) = rig.as_admin(Method::GET, "/users?limit=200", None).await;
    assert_eq!(s, 200, "{list}");
    let rows = list["data"].as_array().unwrap();
    // The admin, the TOTP user, the guest, five staff, and a former member (suspended).
    assert_eq!(rows.len(), 9);
    assert_eq!(list["pagination"]["total"], 9);
    assert_eq!(list["pagination"]["hasMore"], false);
    for row in rows {
        assert_eq!(keys(row), sorted(USER_KEYS), "{row}");
        assert_eq!(row["tenantId"], acme());
    }
    let emails: Vec<&str> = rows.iter().map(|r| r["email"].as_str().unwrap()).collect();
    assert!(emails.contains(&demo::ADMIN_EMAIL));
    assert!(emails.contains(&demo::GUEST_EMAIL));
    // The staff guest's invitation is still open.
    assert_eq!(
        rows.iter().filter(|r| r["status"] == "pending").count(),
        1,
        "{list}"
    );
    // The former member's membership is suspended.
    assert_eq!(
        rows.iter().filter(|r| r["status"] == "inactive").count(),
        1,
        "{list}"
    );

    let (_, page) = rig
        .as_admin(Method::GET, "/users?limit=3&offset=6", None)
        .await;
    assert_eq!(page["data"].as_array().unwrap().len(), 3);
    assert_eq!(page["pagination"]["offset"], 6);
    let (s, b) = rig.as_admin(Method::GET, "/users?limit=0", None).await;
    assert_names_field(s, &b, "limit");

    let admin_id = demo::tenant_id("x"); // any id that is no user
    let (s, b) = rig
        .as_admin(Method::GET, &format!("/users/{admin_id}"), None)
        .await;
    assert_eq!(s, 404, "{b}");
    assert_eq!(b["error"], "NOT_FOUND");
    let first = &rows[0];
    let (s, one) = rig
        .as_admin(
            Method::GET,
            &format!("/users/{}", first["id"].as_str().unwrap()),
            None,
        )
        .await;
    assert_eq!(s, 200);
    assert_eq!(&one["data"], first);
}

#[tokio::test]
async fn a_user_of_another_tenant_is_not_found() {
    let rig = rig().await;
    let (_, north) = rig
        .secure(&rig.admin, Some(&northwind()), Method::GET, "/users", None)
        .await;
    let acme_ids = ids(&rig.as_admin(Method::GET, "/users?limit=200", None).await.1);
    let only_north = ids(&north)
        .into_iter()
        .find(|id| !acme_ids.contains(id))
        .unwrap();
    let (s, _) = rig
        .as_admin(Method::GET, &format!("/users/{only_north}"), None)
        .await;
    assert_eq!(s, 404);
    assert!(north["data"]
        .as_array()
        .unwrap()
        .iter()
        .all(|u| u["tenantId"] == northwind()));
}

#[tokio::test]
async fn groups_and_their_members() {
    let rig = rig().await;
    let (s, list) = rig.as_admin(Method::GET, "/groups", None).await;
    assert_eq!(s, 200, "{list}");
    let groups = list["data"].as_array().unwrap();
    assert_eq!(groups.len(), 3);
    assert_eq!(list["pagination"]["total"], 3);
    for g in groups {
        assert_eq!(
            keys(g),
            sorted(&[
                "id",
                "tenantId",
                "name",
                "description",
                "permissions",
                "created_at",
                "updated_at"
            ])
        );
        assert!(g["permissions"]
            .as_array()
            .unwrap()
            .iter()
            .all(Value::is_string));
    }
    let admins = groups
        .iter()
        .find(|g| g["name"] == "Administrators")
        .unwrap();
    let id = admins["id"].as_str().unwrap();
    let (s, one) = rig
        .as_admin(Method::GET, &format!("/groups/{id}"), None)
        .await;
    assert_eq!(s, 200);
    assert_eq!(&one["data"], admins);
    let (s, members) = rig
        .as_admin(Method::GET, &format!("/groups/{id}/members"), None)
        .await;
    assert_eq!(s, 200, "{members}");
    let rows = members["data"].as_array().unwrap();
    assert_eq!(
        rows.len(),
        1,
        "the owner is acme-field's only admin: {members}"
    );
    assert_eq!(rows[0]["email"], demo::ADMIN_EMAIL);
    assert_eq!(
        keys(&rows[0]),
        sorted(&["user_id", "email", "display_name", "created_at"])
    );

    // Another tenant's group is not there.
    let (_, north) = rig
        .secure(&rig.admin, Some(&northwind()), Method::GET, "/groups", None)
        .await;
    let north_id = north["data"][0]["id"].as_str().unwrap();
    for path in [
        format!("/groups/{north_id}"),
        format!("/groups/{north_id}/members"),
    ] {
        let (s, b) = rig.as_admin(Method::GET, &path, None).await;
        assert_eq!(s, 404, "{path}: {b}");
    }
}

#[tokio::test]
async fn spaces_and_resources_in_list_and_detail_shapes() {
    let rig = rig().await;
    let (s, spaces) = rig.as_admin(Method::GET, "/spaces", None).await;
    assert_eq!(s, 200, "{spaces}");
    assert_eq!(spaces["pagination"]["total"], 4);
    let space = &spaces["data"][0];
    assert_eq!(space["tenantId"], acme());
    assert!(space.get("homeLocation").is_none(), "list shape: {space}");
    assert_eq!(space["promotionType"], "None");
    let (s, detail) = rig
        .as_admin(
            Method::GET,
            &format!("/spaces/{}", space["id"].as_str().unwrap()),
            None,
        )
        .await;
    assert_eq!(s, 200);
    assert!(detail["data"]["homeLocation"]["latitude"].is_number());

    let (s, resources) = rig.as_admin(Method::GET, "/resources?limit=2", None).await;
    assert_eq!(s, 200, "{resources}");
    // Four, and the drone a manager made, waiting for approval.
    assert_eq!(resources["pagination"]["total"], 5);
    assert_eq!(resources["pagination"]["hasMore"], true);
    let resource = &resources["data"][0];
    assert!(
        resource.get("tenantId").is_none(),
        "the seed's resource has none"
    );
    assert!(resource["currentLocation"]["longitude"].is_number());
    // The demo calendars link the van; the van exists.
    let van = resources["data"]
        .as_array()
        .unwrap()
        .iter()
        .find(|r| r["name"] == "Service van")
        .unwrap();
    let (_, calendars) = rig.call(Method::GET, "/?limit=200", None).await;
    assert!(calendars["data"]
        .as_array()
        .unwrap()
        .iter()
        .any(|c| c["linkedEntity"]["resourceId"] == van["id"]));

    let unknown = uuid::Uuid::new_v4();
    for path in [
        format!("/spaces/{unknown}"),
        format!("/resources/{unknown}"),
    ] {
        let (s, b) = rig.as_admin(Method::GET, &path, None).await;
        assert_eq!(s, 404, "{b}");
    }
    let (_, north) = rig
        .secure(&rig.admin, Some(&northwind()), Method::GET, "/spaces", None)
        .await;
    let (s, _) = rig
        .as_admin(
            Method::GET,
            &format!("/spaces/{}", north["data"][0]["id"].as_str().unwrap()),
            None,
        )
        .await;
    assert_eq!(s, 404, "another tenant's space");
}

#[tokio::test]
async fn reading_the_directory_needs_a_token_and_guests_may_read() {
    let rig = rig().await;
    for path in ["/users", "/groups", "/spaces", "/resources"] {
        let url = format!("{}/api/v1/secure{path}", rig.server.base_url());
        let res = send(rig.http.get(url)).await;
        assert_eq!(res.status, 401, "{path}");
        let (s, _) = rig.secure(&rig.guest, None, Method::GET, path, None).await;
        assert_eq!(s, 200, "{path}");
    }
}

#[tokio::test]
async fn the_same_seed_gives_the_same_directory() {
    let a = rig().await;
    let b = rig().await;
    for path in ["/users?limit=200", "/groups", "/spaces", "/resources"] {
        let (_, x) = a.as_admin(Method::GET, path, None).await;
        let (_, y) = b.as_admin(Method::GET, path, None).await;
        assert_eq!(x, y, "{path}");
    }
}
