//! A tenant's custom domains (`/tenant-domains` for the acting tenant, `/tenants/{id}/domains`
//! for a named one) and its log retention policy: the normal path, verification by the
//! devserver's reserved test names, and the refusals (bad input naming the field, a taken
//! name, other roles, unknown and other tenants' ids).

use crate::common;

use common::*;
use serde_json::{json, Value};

fn domain(name: &str) -> Value {
    json!({ "domain": name, "domain_type": "api" })
}

#[tokio::test]
async fn a_domain_is_made_read_changed_verified_and_deleted() {
    let rig = rig().await;
    let (s, made) = rig
        .as_admin(
            Method::POST,
            "/tenant-domains",
            Some(domain("api.acme.test")),
        )
        .await;
    assert_eq!(s, 201, "{made}");
    let row = &made["data"];
    assert_eq!(row["status"], "pending");
    assert_eq!(row["verification_method"], "cname");
    assert_eq!(row["ssl_status"], "none");
    assert_eq!(row["tenantId"], acme().as_str());
    assert_eq!(row["verification_token"].as_str().unwrap().len(), 32);
    let id = row["id"].as_str().unwrap().to_string();
    // The same rows under the tenant's own path.
    let named = format!("/tenants/{}/domains", acme());
    let (s, list) = rig.as_admin(Method::GET, &named, None).await;
    assert_eq!(s, 200, "{list}");
    assert_eq!(list["data"].as_array().unwrap().len(), 1);
    let (s, one) = rig
        .as_admin(Method::GET, &format!("{named}/{id}"), None)
        .await;
    assert_eq!(s, 200, "{one}");
    assert_eq!(one["data"], *row);
    let (s, how) = rig
        .as_admin(
            Method::GET,
            &format!("/tenant-domains/{id}/verification-instructions"),
            None,
        )
        .await;
    assert_eq!(s, 200, "{how}");
    assert_eq!(how["method"], "cname");
    assert_eq!(how["instructions"]["cname"]["name"], "api.acme.test");
    let token = row["verification_token"].as_str().unwrap();
    assert!(how["instructions"]["txt"]["value"]
        .as_str()
        .unwrap()
        .ends_with(token));
    let (s, checked) = rig
        .as_admin(Method::POST, &format!("/tenant-domains/{id}/verify"), None)
        .await;
    assert_eq!(s, 200, "{checked}");
    assert_eq!(checked["verified"], true, "{checked}");
    assert_eq!(
        checked["details"]["cnameTarget"],
        checked["details"]["expectedTarget"]
    );
    let (_, now) = rig
        .as_admin(Method::GET, &format!("/tenant-domains/{id}"), None)
        .await;
    assert_eq!(now["data"]["status"], "verified");
    assert_eq!(now["data"]["ssl_status"], "issued");
    assert_eq!(now["data"]["verified_at"], checked["verifiedAt"]);
    // A new method starts verification over, with a new token.
    let (s, changed) = rig
        .as_admin(
            Method::PATCH,
            &format!("{named}/{id}"),
            Some(json!({ "verification_method": "txt" })),
        )
        .await;
    assert_eq!(s, 200, "{changed}");
    assert_eq!(changed["data"]["status"], "pending");
    assert_ne!(changed["data"]["verification_token"], token);
    assert!(changed["data"]["verified_at"].is_null());
    let (s, _) = rig
        .as_admin(Method::DELETE, &format!("/tenant-domains/{id}"), None)
        .await;
    assert_eq!(s, 204);
    let (s, b) = rig
        .as_admin(Method::GET, &format!("{named}/{id}"), None)
        .await;
    assert_eq!(s, 404, "{b}");
    let (_, list) = rig.as_admin(Method::GET, "/tenant-domains", None).await;
    assert!(list["data"].as_array().unwrap().is_empty());
}

#[tokio::test]
async fn a_name_outside_the_reserved_test_names_fails_verification() {
    let rig = rig().await;
    let named = format!("/tenants/{}/domains", acme());
    let (s, made) = rig
        .as_admin(Method::POST, &named, Some(domain("api.acme-field.com")))
        .await;
    assert_eq!(s, 201, "{made}");
    let id = made["data"]["id"].as_str().unwrap();
    let (s, checked) = rig
        .as_admin(Method::POST, &format!("{named}/{id}/verify"), None)
        .await;
    assert_eq!(s, 200, "{checked}");
    assert_eq!(checked["verified"], false);
    assert_eq!(checked["error"]["code"], "DNS_LOOKUP_FAILED");
    assert!(checked["verifiedAt"].is_null());
    let (_, now) = rig
        .as_admin(Method::GET, &format!("{named}/{id}"), None)
        .await;
    assert_eq!(now["data"]["status"], "failed");
}

#[tokio::test]
async fn bad_input_a_taken_name_other_roles_and_unknown_ids_are_refused() {
    let rig = rig().await;
    let (s, b) = rig
        .as_admin(
            Method::POST,
            "/tenant-domains",
            Some(domain("Not A Domain")),
        )
        .await;
    assert_names_field(s, &b, "domain");
    let (s, b) = rig
        .as_admin(
            Method::POST,
            "/tenant-domains",
            Some(json!({ "domain": "x.test" })),
        )
        .await;
    assert_names_field(s, &b, "domain_type");
    let (s, made) = rig
        .as_admin(Method::POST, "/tenant-domains", Some(domain("taken.test")))
        .await;
    assert_eq!(s, 201, "{made}");
    // Taken in any tenant: Northwind cannot have it either.
    let (s, b) = rig
        .secure(
            &rig.admin,
            Some(&northwind()),
            Method::POST,
            "/tenant-domains",
            Some(domain("taken.test")),
        )
        .await;
    assert_eq!(s, 422, "{b}");
    assert_eq!(b["error"], "ALREADY_EXISTS");
    assert_eq!(b["details"]["field"], "domain");
    let id = made["data"]["id"].as_str().unwrap();
    let (s, b) = rig
        .as_admin(
            Method::PATCH,
            &format!("/tenant-domains/{id}"),
            Some(json!({ "status": "done" })),
        )
        .await;
    assert_names_field(s, &b, "status");
    // Another tenant's id is unknown here, under either path.
    let nw_path = format!("/tenants/{}/domains/{id}", northwind());
    let (s, b) = rig
        .secure(
            &rig.admin,
            Some(&northwind()),
            Method::GET,
            &format!("/tenant-domains/{id}"),
            None,
        )
        .await;
    assert_eq!(s, 404, "{b}");
    let (s, b) = rig.as_admin(Method::GET, &nw_path, None).await;
    assert_eq!(s, 404, "{b}");
    let unknown = uuid::Uuid::new_v4();
    let (s, b) = rig
        .as_admin(
            Method::POST,
            &format!("/tenant-domains/{unknown}/verify"),
            None,
        )
        .await;
    assert_eq!(s, 404, "{b}");
    // Members and guests read none of it and change none of it.
    let (_, member) = rig.member_with_role("member").await;
    for token in [&member, &rig.guest] {
        let (s, b) = rig
            .secure(token, Some(&acme()), Method::GET, "/tenant-domains", None)
            .await;
        assert_eq!(s, 403, "{b}");
        let path = format!("/tenants/{}/domains", acme());
        let (s, b) = rig
            .secure(
                token,
                Some(&acme()),
                Method::POST,
                &path,
                Some(domain("mine.test")),
            )
            .await;
        assert_eq!(s, 403, "{b}");
    }
}

#[tokio::test]
async fn the_log_retention_policy_is_read_and_changed_by_admins() {
    let rig = rig().await;
    let path = format!("/tenants/{}/log-retention", acme());
    let (s, b) = rig.as_admin(Method::GET, &path, None).await;
    assert_eq!(s, 200, "{b}");
    assert_eq!(b["data"]["retention_days"], 90, "the default: {b}");
    assert_eq!(b["data"]["tenantId"], acme().as_str());
    let (s, b) = rig
        .as_admin(Method::PATCH, &path, Some(json!({ "retention_days": 30 })))
        .await;
    assert_eq!(s, 200, "{b}");
    assert_eq!(b["data"]["retention_days"], 30);
    let (_, again) = rig.as_admin(Method::GET, &path, None).await;
    assert_eq!(again["data"], b["data"]);
    assert!(again["data"]["updated_at"].as_str() > again["data"]["created_at"].as_str());
    for bad in [json!({ "retention_days": 45 }), json!({})] {
        let (s, b) = rig.as_admin(Method::PATCH, &path, Some(bad)).await;
        assert_names_field(s, &b, "retention_days");
    }
    let (_, member) = rig.member_with_role("member").await;
    let (s, b) = rig
        .secure(&member, Some(&acme()), Method::GET, &path, None)
        .await;
    assert_eq!(s, 403, "{b}");
    let unknown = format!("/tenants/{}/log-retention", uuid::Uuid::new_v4());
    let (s, b) = rig.as_admin(Method::GET, &unknown, None).await;
    assert_eq!(s, 404, "{b}");
}
