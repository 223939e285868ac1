//! The first sync of an empty replica brings the Manager's whole tree, each record under its
//! parent; a second sync finds nothing to change.

use outpost_replica::Entity;

use super::{field, rig};

#[tokio::test]
async fn the_first_sync_brings_the_whole_tree_under_its_parents() {
    let rig = rig().await;
    let report = rig.sync().await;
    assert_eq!((report.failed, report.conflicts), (0, 0), "{report:?}");

    let tree = rig.server_tree().await;
    assert!(tree.len() >= 4, "the demo has four projects");
    let (mut tenants, mut apps, mut endpoints, mut triggers) = (0, 0, 0, 0);
    for project in &tree {
        let local_project =
            rig.by_server_id(Entity::ManagerProject, project["id"].as_str().unwrap());
        assert_eq!(
            field(&local_project, "slug"),
            project["slug"].as_str().unwrap()
        );
        for tenant in project["tenants"].as_array().unwrap() {
            tenants += 1;
            let local = rig.by_server_id(Entity::ManagerTenant, tenant["id"].as_str().unwrap());
            assert_eq!(field(&local, "projectID"), project["id"].as_str().unwrap());
            for app in tenant["applications"].as_array().unwrap() {
                apps += 1;
                let local =
                    rig.by_server_id(Entity::ManagerApplication, app["id"].as_str().unwrap());
                assert_eq!(field(&local, "tenantID"), tenant["id"].as_str().unwrap());
                assert_eq!(field(&local, "name"), app["name"].as_str().unwrap());
                for e in app["endpoints"].as_array().unwrap() {
                    endpoints += 1;
                    let local =
                        rig.by_server_id(Entity::ManagerEndpoint, e["id"].as_str().unwrap());
                    assert_eq!(
                        field(&local, "consumeURL"),
                        e["consumeURL"].as_str().unwrap()
                    );
                    assert_eq!(field(&local, "applicationID"), app["id"].as_str().unwrap());
                }
                for t in app["triggers"].as_array().unwrap() {
                    triggers += 1;
                    let local = rig.by_server_id(Entity::ManagerTrigger, t["id"].as_str().unwrap());
                    assert_eq!(
                        field(&local, "cronExpression"),
                        t["cronExpression"].as_str().unwrap()
                    );
                }
            }
        }
    }
    // Nothing more than the server holds, and the demo holds some of each.
    assert_eq!(rig.local(Entity::ManagerProject).len(), tree.len());
    assert_eq!(rig.local(Entity::ManagerTenant).len(), tenants);
    assert_eq!(rig.local(Entity::ManagerApplication).len(), apps);
    assert_eq!(rig.local(Entity::ManagerEndpoint).len(), endpoints);
    assert_eq!(rig.local(Entity::ManagerTrigger).len(), triggers);
    assert!(tenants >= 12 && apps >= 8 && endpoints > 0 && triggers > 0);
    let settings = rig.local(Entity::ManagerBackendSettings).len()
        + rig.local(Entity::ManagerFrontendSettings).len();
    assert_eq!(
        report.pulled as usize,
        tree.len() + tenants + apps + endpoints + triggers + settings
    );

    // A second sync changes nothing and deletes nothing.
    let again = rig.sync().await;
    assert_eq!((again.pushed, again.failed, again.conflicts), (0, 0, 0));
    assert_eq!(again.details.unwrap()["deletedRemotely"], 0);
    assert_eq!(rig.local(Entity::ManagerApplication).len(), apps);
    assert!(rig.waiting().is_empty());
}

#[tokio::test]
async fn a_record_deleted_on_the_manager_leaves_the_replica_with_what_it_held() {
    let rig = rig().await;
    rig.sync().await;
    let tree = rig.server_tree().await;
    let app = &tree[0]["tenants"][0]["applications"][0];
    let app_id = app["id"].as_str().unwrap();
    let endpoints = app["endpoints"].as_array().unwrap().len();
    assert!(endpoints > 0, "the demo's first application has endpoints");
    rig.gql(
        "mutation($id: ID!) { deleteApplication(id: $id) }",
        serde_json::json!({ "id": app_id }),
    )
    .await;
    let before = rig.local(Entity::ManagerEndpoint).len();
    let report = rig.sync().await;
    assert_eq!(report.failed, 0, "{report:?}");
    assert!(rig
        .local(Entity::ManagerApplication)
        .iter()
        .all(|a| a.server_id.as_deref() != Some(app_id)));
    assert_eq!(rig.local(Entity::ManagerEndpoint).len(), before - endpoints);
}
