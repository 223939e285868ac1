//! `GET /tenants/{id}/translation-coverage`: the share of spaces, resources, categories and tags
//! translated into every additional language of the tenant; owners and admins only.

use crate::common;

use common::*;
use serde_json::{json, Value};

async fn coverage(rig: &Rig) -> Value {
    let path = format!("/tenants/{}/translation-coverage", acme());
    let (s, b) = rig.as_admin(Method::GET, &path, None).await;
    assert_eq!(s, 200, "{b}");
    b["data"].clone()
}

#[tokio::test]
async fn coverage_counts_what_every_additional_language_names() {
    let rig = rig().await;
    // Acme's additional languages become German and French.
    let (s, b) = rig
        .as_admin(
            Method::PATCH,
            &format!("/tenants/{}", acme()),
            Some(json!({ "additional_languages": ["de", "fr"] })),
        )
        .await;
    assert_eq!(s, 200, "{b}");
    let before = coverage(&rig).await;
    let (s, made) = rig
        .as_admin(
            Method::POST,
            "/taxonomy/categories",
            Some(json!({ "key": "boats", "name": "Boats" })),
        )
        .await;
    assert_eq!(s, 201, "{made}");
    let id = made["data"]["id"].as_str().unwrap();
    let i18n = format!("/taxonomy/categories/{id}/i18n");
    rig.as_admin(
        Method::PATCH,
        &i18n,
        Some(json!({ "locale": "de", "name": "Boote" })),
    )
    .await;
    let half = coverage(&rig).await;
    let n = |v: &Value, k: &str, f: &str| v[k][f].as_u64().unwrap();
    assert_eq!(
        n(&half, "categories", "total"),
        n(&before, "categories", "total") + 1
    );
    assert_eq!(
        n(&half, "categories", "translated"),
        n(&before, "categories", "translated"),
        "German alone is not every language"
    );
    rig.as_admin(
        Method::PATCH,
        &i18n,
        Some(json!({ "locale": "fr", "name": "Bateaux" })),
    )
    .await;
    let full = coverage(&rig).await;
    assert_eq!(
        n(&full, "categories", "translated"),
        n(&before, "categories", "translated") + 1
    );
    let (total, done) = (
        n(&full, "categories", "total"),
        n(&full, "categories", "translated"),
    );
    assert_eq!(n(&full, "categories", "percentage"), done * 100 / total);
    assert_eq!(full["spaces"], before["spaces"]);
}

#[tokio::test]
async fn only_owners_and_admins_read_the_coverage() {
    let rig = rig().await;
    let path = format!("/tenants/{}/translation-coverage", acme());
    let (_, member) = rig.member_with_role("member").await;
    let (s, b) = rig
        .secure(&member, Some(&acme()), Method::GET, &path, None)
        .await;
    assert_eq!(s, 403, "{b}");
    let unknown = format!("/tenants/{}/translation-coverage", uuid::Uuid::new_v4());
    let (s, b) = rig.as_admin(Method::GET, &unknown, None).await;
    assert_eq!(s, 404, "{b}");
}
