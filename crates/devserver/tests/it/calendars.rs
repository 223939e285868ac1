//! `/secure/calendar/` and `/secure/calendar/{id}` over real HTTP: shapes, validation, paging,
//! soft deletes, guests, tenant isolation, audit rows.

use crate::common;

use common::*;
use serde_json::{json, Value};

const CALENDAR_KEYS: &[&str] = &[
    "id",
    "tenantId",
    "kind",
    "name",
    "description",
    "timezone",
    "visibility",
    "policy",
    "metadata",
    "typeDefinitionId",
    "linkedEntity",
    "createdAt",
    "updatedAt",
    "createdBy",
    "deletedAt",
    "deletedBy",
];

#[tokio::test]
async fn create_get_patch_delete() {
    let rig = rig().await;
    let user = uuid::Uuid::new_v4().to_string();
    let (s, created) = rig
        .call(
            Method::POST,
            "/",
            Some(json!({
                "kind": "user_linked", "name": "Dana's field days", "timezone": "Europe/Berlin",
                "description": "Visits", "visibility": "shared", "policy": { "slots": 4 },
                "metadata": { "outpostOpId": "op-1", "nested": { "a": [1, 2] } },
                "linkedUserId": user
            })),
        )
        .await;
    assert_eq!(s, 201, "{created}");
    assert_eq!(keys(&created), ["data"]);
    let c = &created["data"];
    assert_eq!(keys(c), sorted(CALENDAR_KEYS));
    assert_eq!(c["tenantId"], acme());
    assert_eq!(c["kind"], "user_linked");
    assert_eq!(c["timezone"], "Europe/Berlin");
    assert_eq!(c["visibility"], "shared");
    assert_eq!(
        c["metadata"],
        json!({ "outpostOpId": "op-1", "nested": { "a": [1, 2] } })
    );
    assert_eq!(
        c["linkedEntity"],
        json!({ "userId": user, "resourceId": null, "spaceId": null })
    );
    assert_eq!(c["deletedAt"], Value::Null);
    assert_eq!(c["createdAt"], c["updatedAt"]);
    assert!(c["createdAt"].as_str().unwrap().ends_with('Z'));
    let id = c["id"].as_str().unwrap();

    let (s, got) = rig.call(Method::GET, &format!("/{id}"), None).await;
    assert_eq!(s, 200);
    assert_eq!(&got["data"], c);

    let (s, patched) = rig
        .call(
            Method::PATCH,
            &format!("/{id}"),
            Some(json!({ "name": "Field days", "metadata": { "outpostOpId": "op-2" } })),
        )
        .await;
    assert_eq!(s, 200, "{patched}");
    let p = &patched["data"];
    assert_eq!(p["name"], "Field days");
    assert_eq!(p["metadata"], json!({ "outpostOpId": "op-2" }));
    assert_eq!(p["description"], "Visits", "untouched fields stay");
    assert_eq!(p["createdAt"], c["createdAt"]);
    assert!(p["updatedAt"].as_str().unwrap() > c["updatedAt"].as_str().unwrap());

    let (s, _) = rig.call(Method::DELETE, &format!("/{id}"), None).await;
    assert_eq!(s, 204);
    for method in [Method::GET, Method::PATCH, Method::DELETE] {
        let body = (method == Method::PATCH).then(|| json!({ "name": "x" }));
        let (s, b) = rig.call(method, &format!("/{id}"), body).await;
        assert_eq!(s, 404, "{b}");
        assert_eq!(b["error"], "NOT_FOUND");
    }
    let (_, list) = rig.call(Method::GET, "/?limit=200", None).await;
    assert!(list["data"]
        .as_array()
        .unwrap()
        .iter()
        .all(|c| c["id"] != id));
    assert_eq!(
        rig.audit_of(id).await,
        ["created calendar", "updated calendar", "deleted calendar"]
    );
}

#[tokio::test]
async fn defaults_of_a_minimal_calendar() {
    let rig = rig().await;
    let c = rig.calendar("Shared", "UTC").await;
    assert_eq!(c["visibility"], "private");
    assert_eq!(c["policy"], json!({}));
    assert_eq!(c["metadata"], json!({}));
    assert_eq!(c["description"], Value::Null);
    assert_eq!(c["typeDefinitionId"], Value::Null);
    assert_eq!(
        c["linkedEntity"],
        json!({ "userId": null, "resourceId": null, "spaceId": null })
    );
}

#[tokio::test]
async fn list_is_flat_and_pages() {
    let rig = rig().await;
    let (_, before) = rig.call(Method::GET, "/?limit=200", None).await;
    let already = before["total"].as_u64().unwrap();
    let mut ids = Vec::new();
    for n in 0..5 {
        ids.push(rig.calendar(&format!("C{n}"), "UTC").await["id"].clone());
    }
    let (s, page) = rig
        .call(
            Method::GET,
            &format!("/?limit=2&offset={}", already + 1),
            None,
        )
        .await;
    assert_eq!(s, 200);
    assert_eq!(keys(&page), ["data", "limit", "offset", "total"]);
    assert_eq!(page["total"], already + 5);
    assert_eq!(page["limit"], 2);
    assert_eq!(page["offset"], already + 1);
    let data = page["data"].as_array().unwrap();
    assert_eq!(data.len(), 2);
    assert_eq!(data[0]["id"], ids[1], "creation order");
    assert_eq!(data[1]["id"], ids[2]);
    let (_, default) = rig.call(Method::GET, "/", None).await;
    assert_eq!(default["limit"], 50);
    assert_eq!(default["offset"], 0);
    let (s, b) = rig.call(Method::GET, "/?limit=201", None).await;
    assert_names_field(s, &b, "limit");
    let (s, b) = rig.call(Method::GET, "/?offset=-1", None).await;
    assert_names_field(s, &b, "offset");
    // The path without the trailing slash is the same list.
    let (s, same) = rig.call(Method::GET, "?limit=200", None).await;
    assert_eq!(s, 200);
    assert_eq!(same["total"], page["total"]);
}

#[tokio::test]
async fn validation_names_the_field() {
    let rig = rig().await;
    let ok = json!({ "kind": "tenant_shared", "name": "N", "timezone": "UTC" });
    let with = |key: &str, value: Value| {
        let mut b = ok.clone();
        b[key] = value;
        b
    };
    let without = |key: &str| {
        let mut b = ok.clone();
        b.as_object_mut().unwrap().remove(key);
        b
    };
    for (body, field) in [
        (without("kind"), "kind"),
        (without("name"), "name"),
        (without("timezone"), "timezone"),
        (with("kind", json!("personal")), "kind"),
        (with("name", json!("")), "name"),
        (with("name", json!("x".repeat(256))), "name"),
        (with("name", json!(7)), "name"),
        (with("timezone", json!("Mars/Olympus")), "timezone"),
        (with("timezone", json!("x".repeat(65))), "timezone"),
        (with("visibility", json!("everyone")), "visibility"),
        (with("description", Value::Null), "description"),
        (with("metadata", json!([1])), "metadata"),
        (with("policy", json!("open")), "policy"),
        (with("typeDefinitionId", json!("nope")), "typeDefinitionId"),
        (with("linkedSpaceId", json!("nope")), "linkedSpaceId"),
        (with("id", json!(uuid::Uuid::new_v4())), "id"),
        (json!([1, 2]), "body"),
    ] {
        let (s, b) = rig.call(Method::POST, "/", Some(body)).await;
        assert_names_field(s, &b, field);
    }
    let id = rig.calendar("Target", "UTC").await["id"].clone();
    let id = id.as_str().unwrap();
    for (body, field) in [
        (json!({}), "body"),
        (json!({ "kind": "user_linked" }), "kind"),
        (
            json!({ "linkedUserId": uuid::Uuid::new_v4() }),
            "linkedUserId",
        ),
        (json!({ "name": "" }), "name"),
        (json!({ "description": null }), "description"),
        (json!({ "timezone": "Nowhere" }), "timezone"),
    ] {
        let (s, b) = rig.call(Method::PATCH, &format!("/{id}"), Some(body)).await;
        assert_names_field(s, &b, field);
    }
    let (s, b) = rig.malformed(Method::POST, "/").await;
    assert_eq!(s, 400, "{b}");
    assert_eq!(b["error"], "BAD_REQUEST");
    let (s, b) = rig.malformed(Method::PATCH, &format!("/{id}")).await;
    assert_eq!(s, 400, "{b}");
}

#[tokio::test]
async fn without_a_token_every_route_is_401() {
    let rig = rig().await;
    let id = uuid::Uuid::new_v4();
    for (method, path) in [
        (Method::GET, "/".to_string()),
        (Method::POST, "/".to_string()),
        (Method::GET, format!("/{id}")),
        (Method::PATCH, format!("/{id}")),
        (Method::DELETE, format!("/{id}")),
    ] {
        let (s, b) = rig.anonymous(method, &path).await;
        assert_eq!(s, 401, "{path}: {b}");
        assert_eq!(b["error"], "UNAUTHORIZED");
    }
}

#[tokio::test]
async fn guests_read_but_do_not_write() {
    let rig = rig().await;
    let c = rig.calendar("Team", "UTC").await;
    let id = c["id"].as_str().unwrap();
    let r = &rig;
    let guest = |method, path: String, body| async move {
        r.call_as(&r.guest, None, method, &path, body).await
    };
    let (s, _) = guest(Method::GET, "/".into(), None).await;
    assert_eq!(s, 200);
    let (s, b) = guest(Method::GET, format!("/{id}"), None).await;
    assert_eq!(s, 200);
    assert_eq!(b["data"]["id"], id);
    let (s, b) = guest(
        Method::POST,
        "/".into(),
        Some(json!({ "kind": "tenant_shared", "name": "N", "timezone": "UTC" })),
    )
    .await;
    assert_eq!(s, 403, "{b}");
    assert_eq!(b["error"], "FORBIDDEN");
    let (s, _) = guest(
        Method::PATCH,
        format!("/{id}"),
        Some(json!({ "name": "G" })),
    )
    .await;
    assert_eq!(s, 403);
    let (s, _) = guest(Method::DELETE, format!("/{id}"), None).await;
    assert_eq!(s, 403);
    let (_, still) = rig.call(Method::GET, &format!("/{id}"), None).await;
    assert_eq!(still["data"]["name"], "Team");
}

#[tokio::test]
async fn tenants_never_see_each_others_calendars() {
    let rig = rig().await;
    let c = rig.calendar("Acme only", "UTC").await;
    let id = c["id"].as_str().unwrap();
    let nw = northwind();
    let (r, nw_ref) = (&rig, &nw);
    let other = |method, path: String, body| async move {
        r.call_as(&r.admin, Some(nw_ref), method, &path, body).await
    };
    let (s, _) = other(Method::GET, format!("/{id}"), None).await;
    assert_eq!(s, 404);
    let (s, _) = other(
        Method::PATCH,
        format!("/{id}"),
        Some(json!({ "name": "x" })),
    )
    .await;
    assert_eq!(s, 404);
    let (s, _) = other(Method::DELETE, format!("/{id}"), None).await;
    assert_eq!(s, 404);
    let (_, list) = other(Method::GET, "/?limit=200".into(), None).await;
    let rows = list["data"].as_array().unwrap();
    assert!(rows.iter().all(|c| c["tenantId"] == nw && c["id"] != id));
    let (s, created) = other(
        Method::POST,
        "/".into(),
        Some(json!({ "kind": "tenant_shared", "name": "NW", "timezone": "UTC" })),
    )
    .await;
    assert_eq!(s, 201);
    assert_eq!(created["data"]["tenantId"], nw);
    let (s, _) = rig.call(Method::GET, &format!("/{id}"), None).await;
    assert_eq!(s, 200, "still there for its own tenant");
}

#[tokio::test]
async fn stamps_strictly_increase_across_quick_writes() {
    let rig = rig().await;
    let c = rig.calendar("Quick", "UTC").await;
    let id = c["id"].as_str().unwrap();
    let mut last = c["updatedAt"].as_str().unwrap().to_string();
    for n in 0..10 {
        let (_, p) = rig
            .call(
                Method::PATCH,
                &format!("/{id}"),
                Some(json!({ "name": format!("Q{n}") })),
            )
            .await;
        let stamp = p["data"]["updatedAt"].as_str().unwrap().to_string();
        assert!(stamp > last, "{stamp} after {last}");
        last = stamp;
    }
}
