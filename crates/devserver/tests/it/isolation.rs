//! Tenant isolation where no other test looks: the calendar admin, the audit log and contact
//! deletes. The demo admin is owner of acme-field and admin of northwind, so the same token
//! acts from Northwind on Acme's rows; they must be absent from lists and 404 one by one.

use crate::common;

use common::*;
use serde_json::{json, Value};

async fn from_northwind(
    rig: &Rig,
    method: Method,
    path: &str,
    body: Option<Value>,
) -> (u16, Value) {
    rig.secure(&rig.admin, Some(&northwind()), method, path, body)
        .await
}

/// The ids in a listing's `data`.
fn ids(list: &Value) -> Vec<String> {
    list["data"]
        .as_array()
        .unwrap()
        .iter()
        .map(|r| r["id"].as_str().unwrap().to_string())
        .collect()
}

#[tokio::test]
async fn acme_calendars_are_not_in_northwinds_calendar_admin() {
    let rig = rig().await;
    let created = rig.calendar("Acme only", "Europe/Berlin").await;
    let (s, acme_list) = rig
        .as_admin(Method::GET, "/admin/calendars?limit=200", None)
        .await;
    assert_eq!(s, 200, "{acme_list}");
    let acme_ids = ids(&acme_list);
    assert!(acme_ids.contains(&created["id"].as_str().unwrap().to_string()));
    // One with reminders too, so the reminder view would have something to leak.
    let with_reminders = acme_list["data"]
        .as_array()
        .unwrap()
        .iter()
        .find(|c| c["stats"]["enabledReminderCount"].as_u64() > Some(0))
        .expect("an Acme calendar with reminders")["id"]
        .as_str()
        .unwrap()
        .to_string();
    assert_eq!(
        rig.as_admin(
            Method::GET,
            &format!("/admin/calendars/{with_reminders}/reminders"),
            None
        )
        .await
        .0,
        200
    );

    let (s, list) = from_northwind(&rig, Method::GET, "/admin/calendars?limit=200", None).await;
    assert_eq!(s, 200, "{list}");
    let northwind_ids = ids(&list);
    assert!(!northwind_ids.is_empty(), "Northwind has calendars: {list}");
    assert!(
        northwind_ids.iter().all(|id| !acme_ids.contains(id)),
        "{list}"
    );

    for id in &acme_ids {
        for tail in ["", "/operations", "/reminders"] {
            let path = format!("/admin/calendars/{id}{tail}");
            let (s, b) = from_northwind(&rig, Method::GET, &path, None).await;
            assert_eq!(s, 404, "GET {path} from Northwind: {b}");
        }
        let path = format!("/admin/calendars/{id}/policy");
        let (s, b) = from_northwind(
            &rig,
            Method::PATCH,
            &path,
            Some(json!({ "adminNotes": "set from Northwind" })),
        )
        .await;
        assert_eq!(s, 404, "PATCH {path} from Northwind: {b}");
    }
    // The refused policy change left Acme's calendar as it was.
    let id = &acme_ids[0];
    let (_, detail) = rig
        .as_admin(Method::GET, &format!("/admin/calendars/{id}"), None)
        .await;
    assert!(
        !detail.to_string().contains("set from Northwind"),
        "{detail}"
    );
}

/// Every audit row Northwind's listing gives, page by page.
async fn northwind_audit(rig: &Rig) -> Vec<Value> {
    let mut rows = Vec::new();
    loop {
        let path = format!("/audit-logs?limit=200&offset={}", rows.len());
        let (s, page) = from_northwind(rig, Method::GET, &path, None).await;
        assert_eq!(s, 200, "{page}");
        let data = page["data"].as_array().unwrap();
        if data.is_empty() {
            return rows;
        }
        rows.extend(data.iter().cloned());
    }
}

#[tokio::test]
async fn acme_audit_rows_are_not_in_northwinds_audit_log() {
    let rig = rig().await;
    let (s, acme_contact) = rig
        .as_admin(
            Method::POST,
            "/contacts",
            Some(json!({ "firstName": "Audited", "lastName": "Acme" })),
        )
        .await;
    assert_eq!(s, 201, "{acme_contact}");
    let acme_contact = acme_contact["data"]["id"].as_str().unwrap().to_string();
    assert_eq!(rig.audit_of(&acme_contact).await, ["created contact"]);
    let (s, own) = from_northwind(
        &rig,
        Method::POST,
        "/contacts",
        Some(json!({ "firstName": "Audited", "lastName": "Northwind" })),
    )
    .await;
    assert_eq!(s, 201, "{own}");
    let own = own["data"]["id"].as_str().unwrap().to_string();

    let rows = northwind_audit(&rig).await;
    assert!(
        rows.iter().any(|r| r["resource_id"] == own.as_str()),
        "Northwind's own write is in its log"
    );
    assert!(
        rows.iter().all(|r| r["tenantId"] == northwind().as_str()),
        "only Northwind's rows"
    );
    assert!(rows
        .iter()
        .all(|r| r["resource_id"] != acme_contact.as_str()));
}

#[tokio::test]
async fn northwind_cannot_delete_an_acme_contact() {
    let rig = rig().await;
    let (_, created) = rig
        .as_admin(
            Method::POST,
            "/contacts",
            Some(json!({ "firstName": "Kept", "lastName": "Acme" })),
        )
        .await;
    let id = created["data"]["id"].as_str().unwrap().to_string();
    let (s, b) = from_northwind(&rig, Method::DELETE, &format!("/contacts/{id}"), None).await;
    assert_eq!(s, 404, "{b}");
    let (s, b) = rig
        .as_admin(Method::GET, &format!("/contacts/{id}"), None)
        .await;
    assert_eq!(s, 200, "the contact is still there in Acme: {b}");
    assert_eq!(rig.audit_of(&id).await, ["created contact"]);
}
