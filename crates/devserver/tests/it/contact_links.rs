//! Contact links over real HTTP: users, spaces and resources, the primary rule, references,
//! audit rows, roles, isolation and the documented errors.

use crate::common;

use common::*;
use serde_json::{json, Value};

const LINK_KEYS: &[&str] = &[
    "id",
    "tenantId",
    "entity_type",
    "entity_id",
    "contact_id",
    "is_primary",
    "created_at",
    "contact",
];

/// The first entity of each kind in acme-field, with its list path.
async fn entities(rig: &Rig) -> Vec<(&'static str, String)> {
    let mut out = Vec::new();
    for (kind, list) in [
        ("user", "/users"),
        ("space", "/spaces"),
        ("resource", "/resources"),
    ] {
        let (_, b) = rig.as_admin(Method::GET, list, None).await;
        out.push((
            kind,
            format!("{list}/{}", b["data"][0]["id"].as_str().unwrap()),
        ));
    }
    out
}

async fn new_contact(rig: &Rig, tenant: &str, name: &str) -> String {
    let (s, b) = rig
        .secure(
            &rig.admin,
            Some(tenant),
            Method::POST,
            "/contacts",
            Some(json!({ "firstName": name })),
        )
        .await;
    assert_eq!(s, 201, "{b}");
    b["data"]["id"].as_str().unwrap().to_string()
}

fn primaries(list: &Value) -> Vec<String> {
    list["data"]
        .as_array()
        .unwrap()
        .iter()
        .filter(|l| l["is_primary"] == true)
        .map(|l| l["contact_id"].as_str().unwrap().to_string())
        .collect()
}

#[tokio::test]
async fn demo_entities_have_linked_contacts_with_one_primary() {
    let rig = rig().await;
    for (kind, entity) in entities(&rig).await {
        let (s, list) = rig
            .as_admin(Method::GET, &format!("{entity}/contacts"), None)
            .await;
        assert_eq!(s, 200, "{list}");
        let rows = list["data"].as_array().unwrap();
        assert_eq!(rows.len(), 2, "{kind}: {list}");
        assert_eq!(primaries(&list).len(), 1, "{kind}");
        for row in rows {
            assert_eq!(keys(row), sorted(LINK_KEYS), "{row}");
            assert_eq!(row["entity_type"], kind);
            assert_eq!(row["tenantId"], acme());
            assert_eq!(row["contact"]["id"], row["contact_id"]);
            assert!(
                row["contact"].get("first_name").is_some(),
                "snake_case contact"
            );
        }
    }
}

#[tokio::test]
async fn link_relink_unlink_keep_one_primary_and_leave_audit_rows() {
    let rig = rig().await;
    for (kind, entity) in entities(&rig).await {
        let path = format!("{entity}/contacts");
        let contact = new_contact(&rig, &acme(), "Linked").await;
        let (s, created) = rig
            .as_admin(
                Method::POST,
                &path,
                Some(json!({ "contactId": contact, "isPrimary": true })),
            )
            .await;
        assert_eq!(s, 201, "{created}");
        let link = &created["data"];
        assert_eq!(keys(link), sorted(LINK_KEYS));
        assert_eq!(link["entity_type"], kind);
        assert_eq!(link["is_primary"], true);
        assert_eq!(link["contact"]["first_name"], "Linked");
        let (_, list) = rig.as_admin(Method::GET, &path, None).await;
        assert_eq!(list["data"].as_array().unwrap().len(), 3);
        assert_eq!(
            primaries(&list),
            vec![contact.clone()],
            "the old primary is demoted"
        );

        // Linking it again changes the existing link, never a second one.
        let (s, again) = rig
            .as_admin(
                Method::POST,
                &path,
                Some(json!({ "contactId": contact, "isPrimary": false })),
            )
            .await;
        assert_eq!(s, 201);
        assert_eq!(again["data"]["id"], link["id"]);
        let (_, list) = rig.as_admin(Method::GET, &path, None).await;
        assert_eq!(list["data"].as_array().unwrap().len(), 3);
        assert!(primaries(&list).is_empty());

        // References name the entity.
        let (s, refs) = rig
            .as_admin(
                Method::GET,
                &format!("/contacts/{contact}/references"),
                None,
            )
            .await;
        assert_eq!(s, 200, "{refs}");
        let r = &refs["data"][0];
        assert_eq!(
            keys(r),
            sorted(&[
                "id",
                "entity_type",
                "entity_id",
                "entity_name",
                "entity_description",
                "entity_status",
                "is_primary",
                "created_at"
            ])
        );
        assert_eq!(r["entity_type"], kind);
        assert_eq!(r["id"], link["id"]);
        assert!(!r["entity_name"].as_str().unwrap().is_empty());
        assert_eq!(r["is_primary"], false);

        let (s, _) = rig
            .as_admin(Method::DELETE, &format!("{path}/{contact}"), None)
            .await;
        assert_eq!(s, 204);
        let (s, b) = rig
            .as_admin(Method::DELETE, &format!("{path}/{contact}"), None)
            .await;
        assert_eq!(s, 404, "{b}");
        let (_, list) = rig.as_admin(Method::GET, &path, None).await;
        assert_eq!(list["data"].as_array().unwrap().len(), 2);
        let (_, refs) = rig
            .as_admin(
                Method::GET,
                &format!("/contacts/{contact}/references"),
                None,
            )
            .await;
        assert_eq!(refs["data"], json!([]));

        let link_id = link["id"].as_str().unwrap();
        assert_eq!(
            rig.audit_of(link_id).await,
            [
                "created contact_link",
                "updated contact_link",
                "deleted contact_link"
            ]
        );
    }
}

#[tokio::test]
async fn a_deleted_contact_leaves_the_links_and_its_references_are_gone() {
    let rig = rig().await;
    let (_, entity) = entities(&rig).await.remove(1);
    let path = format!("{entity}/contacts");
    let contact = new_contact(&rig, &acme(), "Soon gone").await;
    let (s, _) = rig
        .as_admin(Method::POST, &path, Some(json!({ "contactId": contact })))
        .await;
    assert_eq!(s, 201);
    let (s, _) = rig
        .as_admin(Method::DELETE, &format!("/contacts/{contact}"), None)
        .await;
    assert_eq!(s, 204);
    let (_, list) = rig.as_admin(Method::GET, &path, None).await;
    assert!(list["data"]
        .as_array()
        .unwrap()
        .iter()
        .all(|l| l["contact_id"] != contact.as_str()));
    let (s, _) = rig
        .as_admin(
            Method::GET,
            &format!("/contacts/{contact}/references"),
            None,
        )
        .await;
    assert_eq!(s, 404);
    let (s, b) = rig
        .as_admin(Method::POST, &path, Some(json!({ "contactId": contact })))
        .await;
    assert_names_field(s, &b, "contactId");
    let (s, _) = rig
        .as_admin(Method::DELETE, &format!("{path}/{contact}"), None)
        .await;
    assert_eq!(s, 404);
}

#[tokio::test]
async fn bodies_are_checked_and_name_the_field() {
    let rig = rig().await;
    let (_, entity) = entities(&rig).await.remove(0);
    let path = format!("{entity}/contacts");
    let contact = new_contact(&rig, &acme(), "Valid").await;
    let foreign = new_contact(&rig, &northwind(), "Elsewhere").await;
    for (body, field) in [
        (json!({}), "contactId"),
        (json!({ "contactId": "not-a-uuid" }), "contactId"),
        (json!({ "contactId": 7 }), "contactId"),
        (json!({ "contactId": uuid::Uuid::new_v4() }), "contactId"),
        (json!({ "contactId": foreign }), "contactId"),
        (
            json!({ "contactId": contact, "isPrimary": "yes" }),
            "isPrimary",
        ),
        (
            json!({ "contactId": contact, "isPrimary": null }),
            "isPrimary",
        ),
        (json!({ "contactId": contact, "primary": true }), "primary"),
    ] {
        let (s, b) = rig.as_admin(Method::POST, &path, Some(body.clone())).await;
        assert_names_field(s, &b, field);
    }
    let url = format!("{}/api/v1/secure{path}", rig.server.base_url());
    let res = send(
        rig.http
            .post(url)
            .bearer_auth(&rig.admin)
            .header("X-Tenant-ID", acme())
            .header("Content-Type", "application/json")
            .body("{\"contactId\": "),
    )
    .await;
    assert_eq!(res.status, 400);
    let b = res.json();
    assert_eq!(b["statusCode"], 400);
}

#[tokio::test]
async fn unknown_and_foreign_entities_are_not_found() {
    let rig = rig().await;
    let contact = new_contact(&rig, &acme(), "Here").await;
    let (_, north_spaces) = rig
        .secure(&rig.admin, Some(&northwind()), Method::GET, "/spaces", None)
        .await;
    let foreign_space = north_spaces["data"][0]["id"].as_str().unwrap();
    let unknown = uuid::Uuid::new_v4();
    for path in [
        format!("/users/{unknown}/contacts"),
        format!("/spaces/{unknown}/contacts"),
        format!("/resources/{unknown}/contacts"),
        format!("/spaces/{foreign_space}/contacts"),
    ] {
        let (s, b) = rig.as_admin(Method::GET, &path, None).await;
        assert_eq!(s, 404, "{path}: {b}");
        assert_eq!(b["error"], "NOT_FOUND");
        let (s, _) = rig
            .as_admin(Method::POST, &path, Some(json!({ "contactId": contact })))
            .await;
        assert_eq!(s, 404, "{path}");
        let (s, _) = rig
            .as_admin(Method::DELETE, &format!("{path}/{contact}"), None)
            .await;
        assert_eq!(s, 404, "{path}");
    }
    let (s, _) = rig
        .as_admin(
            Method::GET,
            &format!("/contacts/{unknown}/references"),
            None,
        )
        .await;
    assert_eq!(s, 404);
    // Another tenant's contact has no references here.
    let foreign = new_contact(&rig, &northwind(), "There").await;
    let (s, _) = rig
        .as_admin(
            Method::GET,
            &format!("/contacts/{foreign}/references"),
            None,
        )
        .await;
    assert_eq!(s, 404);
}

#[tokio::test]
async fn guests_read_links_but_cannot_change_them_and_strangers_get_401() {
    let rig = rig().await;
    let (_, entity) = entities(&rig).await.remove(2);
    let path = format!("{entity}/contacts");
    let (_, list) = rig.as_admin(Method::GET, &path, None).await;
    let linked = list["data"][0]["contact_id"].as_str().unwrap().to_string();
    let (s, _) = rig.secure(&rig.guest, None, Method::GET, &path, None).await;
    assert_eq!(s, 200);
    let (s, b) = rig
        .secure(
            &rig.guest,
            None,
            Method::POST,
            &path,
            Some(json!({ "contactId": linked })),
        )
        .await;
    assert_eq!(s, 403, "{b}");
    let (s, _) = rig
        .secure(
            &rig.guest,
            None,
            Method::DELETE,
            &format!("{path}/{linked}"),
            None,
        )
        .await;
    assert_eq!(s, 403);
    let (_, after) = rig.as_admin(Method::GET, &path, None).await;
    assert_eq!(after, list, "nothing changed");
    let url = format!("{}/api/v1/secure{path}", rig.server.base_url());
    assert_eq!(send(rig.http.get(&url)).await.status, 401);
    let refs = format!(
        "{}/api/v1/secure/contacts/{linked}/references",
        rig.server.base_url()
    );
    assert_eq!(send(rig.http.get(&refs)).await.status, 401);
}
