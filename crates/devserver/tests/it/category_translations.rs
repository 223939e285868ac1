//! Category translations (`PATCH /taxonomy/categories/{id}/i18n`): an upsert per locale that
//! the category shows in its `translations_i18n`; the refusals name the field, the role or the
//! unknown id.

use crate::common;

use common::*;
use serde_json::json;

#[tokio::test]
async fn a_translation_is_upserted_per_locale_and_shown_by_its_category() {
    let rig = rig().await;
    let (s, made) = rig
        .as_admin(
            Method::POST,
            "/taxonomy/categories",
            Some(json!({ "key": "trucks", "name": "Trucks" })),
        )
        .await;
    assert_eq!(s, 201, "{made}");
    let id = made["data"]["id"].as_str().unwrap();
    let path = format!("/taxonomy/categories/{id}/i18n");
    let body = json!({ "locale": "de", "name": "Lastwagen", "description": "Große" });
    let (s, first) = rig.as_admin(Method::PATCH, &path, Some(body)).await;
    assert_eq!(s, 200, "{first}");
    assert_eq!(first["data"]["category_id"], id);
    assert_eq!(first["data"]["locale"], "de");
    assert_eq!(first["data"]["name"], "Lastwagen");
    let (s, again) = rig
        .as_admin(
            Method::PATCH,
            &path,
            Some(json!({ "locale": "de", "name": "LKW" })),
        )
        .await;
    assert_eq!(s, 200, "{again}");
    assert_eq!(
        again["data"]["id"], first["data"]["id"],
        "the same translation"
    );
    assert_eq!(again["data"]["created_at"], first["data"]["created_at"]);
    assert!(again["data"]["updated_at"].as_str() > first["data"]["updated_at"].as_str());
    assert!(again["data"]["description"].is_null());
    let (s, fr) = rig
        .as_admin(
            Method::PATCH,
            &path,
            Some(json!({ "locale": "fr", "name": "Camions" })),
        )
        .await;
    assert_eq!(s, 200, "{fr}");
    assert_ne!(fr["data"]["id"], first["data"]["id"]);
    let (_, category) = rig
        .as_admin(Method::GET, &format!("/taxonomy/categories/{id}"), None)
        .await;
    let shown = &category["data"]["translations_i18n"];
    assert_eq!(shown["de"]["name"], "LKW", "{category}");
    assert_eq!(shown["fr"]["name"], "Camions");
    assert_eq!(category["data"]["name"], "Trucks", "the base name stays");
}

#[tokio::test]
async fn bad_translations_other_roles_and_unknown_categories_are_refused() {
    let rig = rig().await;
    let (s, made) = rig
        .as_admin(
            Method::POST,
            "/taxonomy/categories",
            Some(json!({ "key": "vans", "name": "Vans" })),
        )
        .await;
    assert_eq!(s, 201, "{made}");
    let id = made["data"]["id"].as_str().unwrap().to_string();
    let path = format!("/taxonomy/categories/{id}/i18n");
    for (body, field) in [
        (json!({ "locale": "es", "name": "x" }), "locale"),
        (json!({ "locale": "de" }), "name"),
        (json!({ "locale": "de", "name": "" }), "name"),
        (
            json!({ "locale": "de", "name": "x", "description": 5 }),
            "description",
        ),
    ] {
        let (s, b) = rig.as_admin(Method::PATCH, &path, Some(body)).await;
        assert_names_field(s, &b, field);
    }
    let (_, member) = rig.member_with_role("member").await;
    let good = json!({ "locale": "de", "name": "x" });
    let (s, b) = rig
        .secure(
            &member,
            Some(&acme()),
            Method::PATCH,
            &path,
            Some(good.clone()),
        )
        .await;
    assert_eq!(s, 403, "{b}");
    let unknown = format!("/taxonomy/categories/{}/i18n", uuid::Uuid::new_v4());
    let (s, b) = rig.as_admin(Method::PATCH, &unknown, Some(good)).await;
    assert_eq!(s, 404, "{b}");
}
