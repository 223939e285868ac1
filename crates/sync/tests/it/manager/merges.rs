//! Edits made here meet edits a colleague made on the Manager: a field changed on one side
//! only merges silently, the same field changed on both sides to different values waits as a
//! conflict naming that field, and a colleague's edit alone arrives with the next pull.

use outpost_replica::{ConflictKind, Entity, OpState};
use outpost_sync::MANAGER_SCOPE;
use serde_json::json;

use super::{field, rig};

const UPDATE_APP: &str = "mutation($id: ID!, $input: UpdateApplicationInput!) { \
                          updateApplication(id: $id, input: $input) { id } }";

#[tokio::test]
async fn a_colleagues_edit_arrives_and_merges_with_ours_field_by_field() {
    let rig = rig().await;
    rig.sync().await;
    let app = rig.local(Entity::ManagerApplication).remove(0);
    let id = app.server_id.clone().unwrap();

    // The colleague changes the description; we change the name, offline.
    rig.gql(
        UPDATE_APP,
        json!({"id": id, "input": {"description": "theirs"}}),
    )
    .await;
    rig.update(
        Entity::ManagerApplication,
        &app.local_id,
        json!({"name": "Ours"}),
    );

    let report = rig.sync().await;
    assert_eq!(
        (report.pushed, report.failed, report.conflicts),
        (1, 0, 0),
        "{report:?}"
    );
    let tree = rig.server_tree().await;
    let there = tree
        .iter()
        .flat_map(|p| p["tenants"].as_array().unwrap())
        .flat_map(|t| t["applications"].as_array().unwrap())
        .find(|a| a["id"] == id.as_str())
        .unwrap();
    assert_eq!(there["name"], "Ours");
    assert_eq!(there["description"], "theirs");
    let here = rig.get(Entity::ManagerApplication, &app.local_id);
    assert_eq!(field(&here, "name"), "Ours");
    assert_eq!(field(&here, "description"), "theirs");
    assert!(!here.has_pending_ops);

    // A colleague's edit alone arrives with the next pull.
    rig.gql(UPDATE_APP, json!({"id": id, "input": {"version": "9.9.9"}}))
        .await;
    rig.sync().await;
    let here = rig.get(Entity::ManagerApplication, &app.local_id);
    assert_eq!(field(&here, "version"), "9.9.9");
}

#[tokio::test]
async fn the_same_field_changed_on_both_sides_is_a_conflict_on_that_field() {
    let rig = rig().await;
    rig.sync().await;
    let trigger = rig.local(Entity::ManagerTrigger).remove(0);
    let id = trigger.server_id.clone().unwrap();
    rig.gql(
        "mutation($id: ID!, $input: UpdateTriggerInput!) { updateTrigger(id: $id, input: $input) { id } }",
        json!({"id": id, "input": {"cronExpression": "15 3 * * *", "name": "Theirs"}}),
    )
    .await;
    rig.update(
        Entity::ManagerTrigger,
        &trigger.local_id,
        json!({"cronExpression": "45 4 * * SUN", "description": "ours"}),
    );

    let report = rig.sync().await;
    assert_eq!((report.pushed, report.conflicts), (0, 1), "{report:?}");
    let conflicts = {
        let r = rig.replica.lock().unwrap();
        r.tenant(MANAGER_SCOPE).conflicts().unwrap()
    };
    assert_eq!(conflicts.len(), 1);
    assert_eq!(conflicts[0].kind, ConflictKind::EditEdit);
    assert_eq!(conflicts[0].entity, Entity::ManagerTrigger);
    assert_eq!(conflicts[0].fields, vec!["cronExpression".to_string()]);
    assert_eq!(
        conflicts[0].remote.as_ref().unwrap()["cronExpression"],
        "15 3 * * *"
    );
    assert_eq!(rig.waiting_states(), vec![OpState::Conflict]);
    // Nothing of ours was written over theirs while the user decides.
    let tree = rig.server_tree().await;
    let there = tree
        .iter()
        .flat_map(|p| p["tenants"].as_array().unwrap())
        .flat_map(|t| t["applications"].as_array().unwrap())
        .flat_map(|a| a["triggers"].as_array().unwrap())
        .find(|t| t["id"] == id.as_str())
        .unwrap();
    assert_eq!(there["cronExpression"], "15 3 * * *");
}
