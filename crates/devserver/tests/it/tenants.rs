//! `/secure/tenants` over real HTTP: who sees which tenant, PATCH, the lifecycle actions with
//! their state rules, and the history they leave.

use crate::common;

use common::*;
use outpost_devserver::demo;
use serde_json::{json, Value};

const TENANT_KEYS: &[&str] = &[
    "id",
    "name",
    "slug",
    "domain",
    "status",
    "description",
    "type",
    "contact_email",
    "contact_phone",
    "settings",
    "default_language",
    "additional_languages",
    "created_at",
    "updated_at",
];

fn globex() -> String {
    demo::tenant_id("globex")
}

#[tokio::test]
async fn members_see_their_tenants_and_no_others() {
    let rig = rig().await;
    let (s, b) = rig.as_admin(Method::GET, "/tenants", None).await;
    assert_eq!(s, 200, "{b}");
    assert_eq!(keys(&b), ["data", "pagination"]);
    assert_eq!(
        b["pagination"],
        json!({ "total": 3, "limit": 50, "offset": 0, "hasMore": false })
    );
    let names: Vec<&str> = b["data"]
        .as_array()
        .unwrap()
        .iter()
        .map(|t| t["name"].as_str().unwrap())
        .collect();
    assert_eq!(
        names,
        ["Acme Field Services", "Northwind Clinics", "Globex Retail"]
    );
    for t in b["data"].as_array().unwrap() {
        assert_eq!(keys(t), sorted(TENANT_KEYS));
    }
    assert_eq!(b["data"][2]["status"], "inactive", "Globex is suspended");

    let (s, page) = rig
        .as_admin(Method::GET, "/tenants/?limit=1&offset=1", None)
        .await;
    assert_eq!(s, 200);
    assert_eq!(page["data"][0]["id"], northwind());
    assert_eq!(page["pagination"]["hasMore"], true);

    // The guest belongs to Acme alone.
    let (s, b) = rig
        .secure(&rig.guest, None, Method::GET, "/tenants", None)
        .await;
    assert_eq!(s, 200);
    assert_eq!(b["data"].as_array().unwrap().len(), 1);
    assert_eq!(b["data"][0]["id"], acme());
    let (s, b) = rig
        .secure(
            &rig.guest,
            None,
            Method::GET,
            &format!("/tenants/{}", northwind()),
            None,
        )
        .await;
    assert_eq!(s, 404, "another tenant is not there for them: {b}");
    assert_eq!(b["error"], "NOT_FOUND");

    // X-Tenant-ID, when sent, must still be a tenant of the user (DESIGN.md).
    let stranger = uuid::Uuid::new_v4().to_string();
    let (s, b) = rig
        .secure(&rig.admin, Some(&stranger), Method::GET, "/tenants", None)
        .await;
    assert_eq!(s, 403, "{b}");
    let (s, b) = rig
        .secure(&rig.admin, Some(&globex()), Method::GET, "/tenants", None)
        .await;
    assert_eq!(s, 200, "acting from a suspended tenant of theirs: {b}");

    let (s, b) = rig
        .as_admin(Method::GET, &format!("/tenants/{}", globex()), None)
        .await;
    assert_eq!(s, 200, "a member sees a suspended tenant: {b}");
    assert_eq!(keys(&b), ["data"]);
    assert_eq!(b["data"]["type"], "paid");
}

#[tokio::test]
async fn owners_and_admins_patch_others_may_not() {
    let rig = rig().await;
    let path = format!("/tenants/{}", northwind());
    let (s, b) = rig
        .as_admin(
            Method::PATCH,
            &path,
            Some(json!({
                "name": "Northwind Health",
                "domain": "northwind-health",
                "additional_languages": ["fr", "nl"],
                "settings": { "general": { "timezone": "Europe/Amsterdam" } },
                "storage_distribution_strategy": "distributed"
            })),
        )
        .await;
    assert_eq!(s, 200, "{b}");
    let t = &b["data"];
    assert_eq!(t["name"], "Northwind Health");
    assert_eq!(t["domain"], "northwind-health");
    assert_eq!(t["additional_languages"], json!(["fr", "nl"]));
    assert_eq!(t["settings"]["general"]["timezone"], "Europe/Amsterdam");
    assert!(t["updated_at"].as_str().unwrap() > t["created_at"].as_str().unwrap());
    let (_, got) = rig.as_admin(Method::GET, &path, None).await;
    assert_eq!(&got["data"], t);

    for (body, field) in [
        (json!({ "domain": "No Dots.here" }), "domain"),
        (json!({ "name": "x" }), "name"),
        (
            json!({ "additional_languages": ["eng"] }),
            "additional_languages",
        ),
        (json!({ "status": "closed" }), "status"),
        (json!({ "settings": [] }), "settings"),
        (json!({ "slug": "nope" }), "slug"),
        (json!({ "domain": "acme-field" }), "domain"),
    ] {
        let (s, b) = rig.as_admin(Method::PATCH, &path, Some(body)).await;
        assert_names_field(s, &b, field);
    }

    // A status the lifecycle cannot reach from here.
    let (s, b) = rig
        .as_admin(Method::PATCH, &path, Some(json!({ "status": "retired" })))
        .await;
    assert_eq!(s, 422, "{b}");
    assert_eq!(b["error"], "INVALID_TRANSITION");
    assert!(b["message"].as_str().unwrap().contains("active"), "{b}");

    // The guest of Acme, and the admin who is a mere member of Globex.
    let (s, b) = rig
        .secure(
            &rig.guest,
            None,
            Method::PATCH,
            &format!("/tenants/{}", acme()),
            Some(json!({ "name": "Mine now" })),
        )
        .await;
    assert_eq!(s, 403, "{b}");
    let (s, _) = rig
        .as_admin(
            Method::PATCH,
            &format!("/tenants/{}", globex()),
            Some(json!({ "name": "Globex" })),
        )
        .await;
    assert_eq!(s, 403);
    let (s, _) = rig
        .as_admin(
            Method::POST,
            &format!("/tenants/{}/lifecycle/reactivate", globex()),
            Some(json!({})),
        )
        .await;
    assert_eq!(s, 403);
}

/// One lifecycle call on Northwind as the demo admin (its admin).
async fn act(rig: &Rig, action: &str, body: Value) -> (u16, Value) {
    rig.as_admin(
        Method::POST,
        &format!("/tenants/{}/lifecycle/{action}", northwind()),
        Some(body),
    )
    .await
}

#[tokio::test]
async fn lifecycle_moves_follow_the_seed_and_leave_history() {
    let rig = rig().await;
    let (s, b) = act(&rig, "suspend", json!({ "reason": "Unpaid invoice" })).await;
    assert_eq!(s, 200, "{b}");
    assert_eq!(keys(&b), ["data"]);
    assert_eq!(b["data"]["status"], "inactive");

    // A suspended tenant's data is closed, its management is not.
    let (s, b) = rig
        .secure(
            &rig.admin,
            Some(&northwind()),
            Method::GET,
            "/contacts",
            None,
        )
        .await;
    assert_eq!(s, 403);
    assert_eq!(b["error"], "TENANT_INACTIVE");

    let (s, b) = act(&rig, "suspend", json!({})).await;
    assert_eq!(s, 422, "suspending twice: {b}");
    assert_eq!(b["error"], "INVALID_TRANSITION");
    assert_eq!(b["statusCode"], 422);
    assert!(b["message"].as_str().unwrap().contains("inactive"), "{b}");

    let (s, b) = rig
        .secure(
            &rig.admin,
            Some(&northwind()),
            Method::POST,
            &format!("/tenants/{}/lifecycle/reactivate", northwind()),
            Some(json!({ "reason": "Paid" })),
        )
        .await;
    assert_eq!(s, 200, "reactivated from inside the suspended tenant: {b}");
    assert_eq!(b["data"]["status"], "active");
    let (s, _) = rig
        .secure(
            &rig.admin,
            Some(&northwind()),
            Method::GET,
            "/contacts",
            None,
        )
        .await;
    assert_eq!(s, 200);

    let (s, b) = act(&rig, "archive", json!({})).await;
    assert_eq!(s, 422, "only a suspended tenant is archived: {b}");

    let (s, b) = act(&rig, "upgrade", json!({ "target_type": "paid" })).await;
    assert_eq!(s, 200, "{b}");
    assert_eq!(b["data"]["type"], "paid");
    let (s, b) = act(&rig, "upgrade", json!({ "target_type": "paid" })).await;
    assert_eq!(s, 422, "{b}");
    assert_eq!(b["error"], "INVALID_TRANSITION");
    let (s, b) = act(&rig, "upgrade", json!({})).await;
    assert_names_field(s, &b, "target_type");
    let (s, b) = act(&rig, "upgrade", json!({ "target_type": "trial" })).await;
    assert_names_field(s, &b, "target_type");
    let (s, b) = act(&rig, "suspend", json!({ "target_type": "paid" })).await;
    assert_names_field(s, &b, "target_type");
    let (s, b) = act(&rig, "suspend", json!({ "reason": "x".repeat(501) })).await;
    assert_names_field(s, &b, "reason");

    assert_eq!(act(&rig, "suspend", json!({})).await.0, 200);
    let (s, b) = act(&rig, "archive", json!({ "reason": "Closed" })).await;
    assert_eq!(s, 200, "{b}");
    assert_eq!(b["data"]["status"], "retired");
    for action in ["reactivate", "activate", "suspend", "archive"] {
        let (s, b) = act(&rig, action, json!({})).await;
        assert_eq!(s, 422, "{action} of a retired tenant: {b}");
    }
    let (s, b) = act(&rig, "upgrade", json!({ "target_type": "enterprise" })).await;
    assert_eq!(s, 422, "{b}");

    let (s, b) = rig
        .as_admin(
            Method::GET,
            &format!("/tenants/{}/lifecycle/history", northwind()),
            None,
        )
        .await;
    assert_eq!(s, 200, "{b}");
    let moves: Vec<String> = b["data"]
        .as_array()
        .unwrap()
        .iter()
        .map(|e| {
            format!(
                "{} {}>{} {}>{}",
                e["action"].as_str().unwrap(),
                e["from_status"].as_str().unwrap(),
                e["to_status"].as_str().unwrap(),
                e["from_type"].as_str().unwrap(),
                e["to_type"].as_str().unwrap()
            )
        })
        .collect();
    assert_eq!(
        moves,
        [
            "archive inactive>retired paid>paid",
            "suspend active>inactive paid>paid",
            "upgrade active>active trial>paid",
            "reactivate inactive>active trial>trial",
            "suspend active>inactive trial>trial",
        ],
        "newest first, refused moves left out"
    );
    let first = &b["data"][4];
    assert_eq!(first["reason"], "Unpaid invoice");
    assert_eq!(first["tenantId"], northwind());
    assert_eq!(first["performed_by"], demo::admin_id());
    assert_eq!(b["data"][1]["reason"], Value::Null);

    // Another tenant's history is not there for a non-member.
    let (s, _) = rig
        .secure(
            &rig.guest,
            None,
            Method::GET,
            &format!("/tenants/{}/lifecycle/history", northwind()),
            None,
        )
        .await;
    assert_eq!(s, 404);
}

#[tokio::test]
async fn activate_brings_back_a_suspended_tenant_and_patch_status_is_recorded() {
    let rig = rig().await;
    let path = format!("/tenants/{}", northwind());
    let (s, b) = rig
        .as_admin(
            Method::PATCH,
            &path,
            Some(json!({ "status": "maintenance" })),
        )
        .await;
    assert_eq!(s, 200, "{b}");
    assert_eq!(b["data"]["status"], "maintenance");
    let (s, b) = act(&rig, "suspend", json!({})).await;
    assert_eq!(s, 422, "no action leaves maintenance: {b}");
    let (s, _) = rig
        .as_admin(Method::PATCH, &path, Some(json!({ "status": "active" })))
        .await;
    assert_eq!(s, 200);
    assert_eq!(act(&rig, "suspend", json!({})).await.0, 200);
    let (s, b) = act(&rig, "activate", json!({ "reason": "Back" })).await;
    assert_eq!(s, 200, "{b}");
    assert_eq!(b["data"]["status"], "active");
    assert_eq!(b["data"]["type"], "trial", "the plan stays");
    let (_, h) = rig
        .as_admin(Method::GET, &format!("{path}/lifecycle/history"), None)
        .await;
    let actions: Vec<&str> = h["data"]
        .as_array()
        .unwrap()
        .iter()
        .map(|e| e["action"].as_str().unwrap())
        .collect();
    assert_eq!(actions, ["activate", "suspend", "update", "update"]);
}
