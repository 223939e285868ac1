//! Records made offline: a project with a tenant and an application under it reach the
//! Manager once, in order; a create whose answer was lost is recognised by its slug instead of
//! being made twice; a trigger whose schedule the Manager would refuse is refused here, naming
//! the field, before anything is stored.

use outpost_replica::{Entity, OpState, ReplicaError, Source};
use outpost_sync::MANAGER_SCOPE;
use serde_json::{json, Value};

use super::{field, obj, rig, ManagerRig};

impl ManagerRig {
    /// Projects on the server with this slug.
    async fn projects_with_slug(&self, slug: &str) -> Vec<Value> {
        self.server_tree()
            .await
            .into_iter()
            .filter(|p| p["slug"] == slug)
            .collect()
    }
}

#[tokio::test]
async fn a_tree_made_offline_reaches_the_manager_once() {
    let rig = rig().await;
    // Offline: nothing synced yet, the children name their parents by local id.
    let project = rig.create(
        Entity::ManagerProject,
        json!({"name": "Harbour operations", "slug": "harbour-ops", "description": "made offline"}),
    );
    let tenant = rig.create(
        Entity::ManagerTenant,
        json!({"projectID": project.local_id, "name": "Test", "slug": "test", "type": "test"}),
    );
    let app = rig.create(
        Entity::ManagerApplication,
        json!({"tenantID": tenant.local_id, "name": "Dispatch", "slug": "dispatch"}),
    );
    let trigger = rig.create(
        Entity::ManagerTrigger,
        json!({"applicationID": app.local_id, "name": "Nightly", "cronExpression": "0 2 * * MON-FRI",
               "runKey": "nightly"}),
    );
    assert_eq!(rig.waiting().len(), 4);

    let report = rig.sync().await;
    assert_eq!(
        (report.pushed, report.failed, report.conflicts),
        (4, 0, 0),
        "{report:?} {:?}",
        rig.waiting()
    );
    assert!(rig.waiting().is_empty());

    let made = rig.projects_with_slug("harbour-ops").await;
    assert_eq!(made.len(), 1, "one project: {made:?}");
    let tenants = made[0]["tenants"].as_array().unwrap();
    assert_eq!(tenants.len(), 1);
    assert_eq!(tenants[0]["slug"], "test");
    let apps = tenants[0]["applications"].as_array().unwrap();
    assert_eq!(apps.len(), 1);
    assert_eq!(apps[0]["slug"], "dispatch");
    assert_eq!(apps[0]["triggers"][0]["cronExpression"], "0 2 * * MON-FRI");

    // Each local record now knows its server id, and its children name the parent by it.
    let app_here = rig.get(Entity::ManagerApplication, &app.local_id);
    assert_eq!(app_here.server_id.as_deref(), apps[0]["id"].as_str());
    assert_eq!(
        field(&app_here, "tenantID"),
        tenants[0]["id"].as_str().unwrap()
    );
    let trigger_here = rig.get(Entity::ManagerTrigger, &trigger.local_id);
    assert_eq!(
        field(&trigger_here, "applicationID"),
        apps[0]["id"].as_str().unwrap()
    );

    // A second sync sends nothing again and makes no twin.
    let again = rig.sync().await;
    assert_eq!((again.pushed, again.failed), (0, 0));
    assert_eq!(rig.projects_with_slug("harbour-ops").await.len(), 1);
    let local: Vec<_> = rig
        .local(Entity::ManagerProject)
        .into_iter()
        .filter(|p| field(p, "slug") == "harbour-ops")
        .collect();
    assert_eq!(local.len(), 1);
}

#[tokio::test]
async fn a_create_whose_answer_was_lost_is_recognised_by_its_slug() {
    let rig = rig().await;
    rig.sync().await;
    let project = rig.create(
        Entity::ManagerProject,
        json!({"name": "Night shift", "slug": "night-shift"}),
    );
    // The create went out and the Manager made it, but the answer never came back: the
    // engine died with the op in flight.
    {
        let r = rig.replica.lock().unwrap();
        let scope = r.tenant(MANAGER_SCOPE);
        let op = scope.outbox(&[]).unwrap().remove(0);
        scope.mark_in_flight(&op.op_id).unwrap();
    }
    let made = rig
        .gql(
            "mutation($input: CreateProjectInput!) { createProject(input: $input) { id } }",
            json!({"input": {"name": "Night shift", "slug": "night-shift"}}),
        )
        .await;
    let server_id = made["createProject"]["id"].as_str().unwrap().to_string();

    let report = rig.sync().await;
    assert_eq!((report.failed, report.conflicts), (0, 0), "{report:?}");
    assert!(rig.waiting().is_empty(), "{:?}", rig.waiting());
    assert_eq!(
        rig.projects_with_slug("night-shift").await.len(),
        1,
        "not made twice"
    );
    let here = rig.get(Entity::ManagerProject, &project.local_id);
    assert_eq!(here.server_id.as_deref(), Some(server_id.as_str()));
}

#[tokio::test]
async fn a_schedule_the_manager_would_refuse_is_refused_here_naming_the_field() {
    let rig = rig().await;
    rig.sync().await;
    let app = rig.local(Entity::ManagerApplication).remove(0);
    let triggers_before = rig.local(Entity::ManagerTrigger).len();
    let r = rig.replica.lock().unwrap();
    let scope = r.tenant(MANAGER_SCOPE);
    for bad in ["61 * * * *", "* * *", "0 2 * * FUNDAY", "5-1 * * * *"] {
        let err = scope
            .create_record(
                Source::User,
                Entity::ManagerTrigger,
                obj(
                    json!({"applicationID": app.server_id, "name": "Bad", "cronExpression": bad,
                           "runKey": "bad"}),
                ),
            )
            .unwrap_err();
        assert!(matches!(err, ReplicaError::Invalid { .. }), "{bad}: {err}");
        assert_eq!(err.field(), Some("cronExpression"), "{bad}: {err}");
        assert!(err.to_string().contains("cron"), "{err}");
    }
    let trigger = scope
        .records(Entity::ManagerTrigger, None)
        .unwrap()
        .remove(0);
    let err = scope
        .update_record(
            Source::User,
            Entity::ManagerTrigger,
            &trigger.local_id,
            obj(json!({"cronExpression": "* 24 * * *"})),
        )
        .unwrap_err();
    assert_eq!(err.field(), Some("cronExpression"), "{err}");
    assert!(err.to_string().contains("hour"), "{err}");
    // A bad slug is refused the same way.
    let err = scope
        .update_record(
            Source::User,
            Entity::ManagerTrigger,
            &trigger.local_id,
            obj(json!({"runKey": "Not A Slug"})),
        )
        .unwrap_err();
    assert_eq!(err.field(), Some("runKey"), "{err}");
    // Nothing was stored or queued.
    assert_eq!(
        scope.records(Entity::ManagerTrigger, None).unwrap().len(),
        triggers_before
    );
    assert_eq!(
        scope
            .get(Entity::ManagerTrigger, &trigger.local_id)
            .unwrap()
            .fields,
        trigger.fields
    );
    assert!(scope.outbox(&[]).unwrap().is_empty());
    drop(scope);
    drop(r);
    assert!(rig.waiting_states().iter().all(|s| *s != OpState::Pending));
}
