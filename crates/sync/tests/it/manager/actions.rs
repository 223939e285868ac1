//! An application's version moved offline between the tenants of its project: `copy` makes a
//! new application there, `promote` brings the one with the slug there to the source's. Both
//! are actions on the source, queued like edits; what they make arrives with the same sync.

use outpost_replica::{Entity, Source};
use outpost_sync::MANAGER_SCOPE;
use serde_json::{json, Value};

use super::{field, obj, rig, ManagerRig};

impl ManagerRig {
    /// Queues the action `name` of the application `local_id`.
    fn move_app(&self, local_id: &str, name: &str, body: Value) {
        let r = self.replica.lock().unwrap();
        r.tenant(MANAGER_SCOPE)
            .record_action(
                Source::User,
                Entity::ManagerApplication,
                local_id,
                name,
                obj(body),
            )
            .unwrap();
    }
}

/// The tenants of the project holding `app` on the server, by slug, and the project.
async fn tenants_beside(rig: &ManagerRig, app: &str) -> Vec<Value> {
    rig.server_tree()
        .await
        .into_iter()
        .find(|p| {
            p["tenants"].as_array().unwrap().iter().any(|t| {
                t["applications"]
                    .as_array()
                    .unwrap()
                    .iter()
                    .any(|a| a["id"] == app)
            })
        })
        .unwrap()["tenants"]
        .as_array()
        .unwrap()
        .clone()
}

#[tokio::test]
async fn copy_and_promote_made_offline_reach_the_other_tenants() {
    let rig = rig().await;
    rig.sync().await;
    let source = rig
        .local(Entity::ManagerApplication)
        .into_iter()
        .find(|a| {
            let tenant = rig.by_server_id(Entity::ManagerTenant, field(a, "tenantID"));
            field(&tenant, "type") == "dev"
        })
        .expect("the demo has applications in dev tenants");
    let source_id = source.server_id.clone().unwrap();
    let tenants = tenants_beside(&rig, &source_id).await;
    let target = |kind: &str| {
        tenants
            .iter()
            .find(|t| t["slug"] == kind)
            .unwrap_or_else(|| panic!("the project has a {kind} tenant: {tenants:?}"))
    };
    let (test, run) = (target("test").clone(), target("prod").clone());
    let source_endpoints = tenants
        .iter()
        .flat_map(|t| t["applications"].as_array().unwrap())
        .find(|a| a["id"] == source_id.as_str())
        .unwrap()["endpoints"]
        .as_array()
        .unwrap()
        .len();

    rig.move_app(
        &source.local_id,
        "copy",
        json!({"targetTenantId": test["id"], "slug": "copied-offline", "name": "Copied", "version": "2.0.0"}),
    );
    rig.move_app(
        &source.local_id,
        "promote",
        json!({"targetTenantId": run["id"], "slug": field(&source, "slug"), "name": field(&source, "name"),
               "version": "2.0.0"}),
    );
    let report = rig.sync().await;
    assert_eq!(
        (report.pushed, report.failed, report.conflicts),
        (2, 0, 0),
        "{:?}",
        rig.waiting()
    );
    assert!(rig.waiting().is_empty());

    let tenants = tenants_beside(&rig, &source_id).await;
    let apps_of = |slug: &str| {
        tenants.iter().find(|t| t["slug"] == slug).unwrap()["applications"]
            .as_array()
            .unwrap()
            .clone()
    };
    let copied: Vec<_> = apps_of("test")
        .into_iter()
        .filter(|a| a["slug"] == "copied-offline")
        .collect();
    assert_eq!(copied.len(), 1, "copied once");
    assert_eq!(copied[0]["version"], "2.0.0");
    assert_eq!(
        copied[0]["endpoints"].as_array().unwrap().len(),
        source_endpoints
    );
    let promoted: Vec<_> = apps_of("prod")
        .into_iter()
        .filter(|a| a["slug"] == field(&source, "slug"))
        .collect();
    assert_eq!(promoted.len(), 1);
    assert_eq!(promoted[0]["version"], "2.0.0");

    // The same sync brought what they made, and left the source as it was.
    let here = rig.by_server_id(
        Entity::ManagerApplication,
        copied[0]["id"].as_str().unwrap(),
    );
    assert_eq!(field(&here, "tenantID"), test["id"].as_str().unwrap());
    let copied_endpoints = rig
        .local(Entity::ManagerEndpoint)
        .into_iter()
        .filter(|e| field(e, "applicationID") == copied[0]["id"].as_str().unwrap())
        .count();
    assert_eq!(copied_endpoints, source_endpoints);
    let source_now = rig.get(Entity::ManagerApplication, &source.local_id);
    assert_eq!(source_now.server_id.as_deref(), Some(source_id.as_str()));
    assert_eq!(field(&source_now, "slug"), field(&source, "slug"));
}

#[tokio::test]
async fn a_move_missing_what_the_manager_needs_is_refused_here() {
    let rig = rig().await;
    rig.sync().await;
    let app = rig.local(Entity::ManagerApplication).remove(0);
    let r = rig.replica.lock().unwrap();
    let err = r
        .tenant(MANAGER_SCOPE)
        .record_action(
            Source::User,
            Entity::ManagerApplication,
            &app.local_id,
            "copy",
            obj(json!({"targetTenantId": app.fields["tenantID"], "slug": "Bad Slug", "name": "x", "version": "1"})),
        )
        .unwrap_err();
    assert_eq!(err.field(), Some("slug"), "{err}");
    let err = r
        .tenant(MANAGER_SCOPE)
        .record_action(
            Source::User,
            Entity::ManagerApplication,
            &app.local_id,
            "promote",
            obj(json!({"slug": "ok", "name": "x", "version": "1"})),
        )
        .unwrap_err();
    assert_eq!(err.field(), Some("targetTenantId"), "{err}");
    assert!(r.tenant(MANAGER_SCOPE).outbox(&[]).unwrap().is_empty());
}
