//! The Manager refuses one edit of several: that op fails with the Manager's own words (and the
//! field it names), kept for the user, while the others are sent; a token the Manager no longer
//! takes stops the run with nothing lost.

use outpost_platform::Secret;
use outpost_replica::{Entity, OpState, RunOutcome};
use outpost_sync::{sync_manager, ManagerClient, SyncOptions};
use serde_json::json;

use super::{field, rig};

#[tokio::test]
async fn one_refused_edit_fails_with_the_managers_words_and_the_rest_go() {
    let rig = rig().await;
    rig.sync().await;
    // Two applications of one tenant: giving the first the second's slug is refused by the
    // Manager (slugs are unique within a tenant), which the replica cannot know offline.
    let apps = rig.local(Entity::ManagerApplication);
    let (first, second) = apps
        .iter()
        .find_map(|a| {
            let twin = apps.iter().find(|b| {
                b.local_id != a.local_id && field(b, "tenantID") == field(a, "tenantID")
            })?;
            Some((a.clone(), twin.clone()))
        })
        .expect("a demo tenant has two applications");
    let other = apps
        .iter()
        .find(|a| field(a, "tenantID") != field(&first, "tenantID"))
        .unwrap()
        .clone();
    rig.update(
        Entity::ManagerApplication,
        &first.local_id,
        json!({"slug": field(&second, "slug")}),
    );
    rig.update(
        Entity::ManagerApplication,
        &other.local_id,
        json!({"name": "Renamed"}),
    );

    let report = rig.sync().await;
    assert_eq!((report.pushed, report.failed), (1, 1), "{report:?}");
    let waiting = rig.waiting();
    assert_eq!(waiting.len(), 1);
    assert_eq!(waiting[0].local_id, first.local_id);
    assert_eq!(waiting[0].state, OpState::Failed);
    assert_eq!(
        waiting[0].next_attempt_at, None,
        "a refusal is not retried by itself"
    );
    let error = waiting[0].last_error.clone().unwrap();
    // The Manager's words, with the field it names.
    let said = rig
        .gql_answer(
            "mutation($id: ID!, $input: UpdateApplicationInput!) { updateApplication(id: $id, input: $input) { id } }",
            json!({"id": first.server_id, "input": {"slug": field(&second, "slug")}}),
        )
        .await;
    let words = said["errors"][0]["message"].as_str().unwrap();
    assert!(error.contains(words), "{error} / {words}");
    assert!(error.contains("slug"), "{error}");

    let tree = rig.server_tree().await;
    let names: Vec<_> = tree
        .iter()
        .flat_map(|p| p["tenants"].as_array().unwrap())
        .flat_map(|t| t["applications"].as_array().unwrap())
        .filter(|a| a["id"] == other.server_id.as_deref().unwrap())
        .map(|a| a["name"].clone())
        .collect();
    assert_eq!(names, vec![json!("Renamed")]);
    // The refused edit is still here, as the user made it.
    let here = rig.get(Entity::ManagerApplication, &first.local_id);
    assert_eq!(field(&here, "slug"), field(&second, "slug"));
}

#[tokio::test]
async fn a_token_the_manager_does_not_take_stops_the_run_and_keeps_the_edits() {
    let rig = rig().await;
    rig.sync().await;
    let project = rig.local(Entity::ManagerProject).remove(0);
    assert!(
        !field(&project, "description").is_empty(),
        "the demo's projects are described"
    );
    rig.update(
        Entity::ManagerProject,
        &project.local_id,
        json!({"description": null}),
    );
    let wrong =
        ManagerClient::new(&rig.server.base_url(), Secret::new("mpat_not-a-token")).unwrap();
    let err = sync_manager(&wrong, &rig.replica, &SyncOptions::default())
        .await
        .unwrap_err();
    assert_eq!(err.code(), "sign_in_required", "{err}");
    assert!(!err.to_string().contains("mpat_not-a-token"), "{err}");
    assert_eq!(rig.waiting_states(), vec![OpState::Pending]);
    let runs = {
        let r = rig.replica.lock().unwrap();
        r.tenant(outpost_sync::MANAGER_SCOPE).sync_runs(5).unwrap()
    };
    assert_eq!(runs[0].outcome, RunOutcome::Failed);

    // With the right token the edit goes: `null` clears the project's description.
    let report = rig.sync().await;
    assert_eq!((report.pushed, report.failed), (1, 0), "{report:?}");
    let tree = rig.server_tree().await;
    let there = tree
        .iter()
        .find(|p| p["id"] == project.server_id.as_deref().unwrap())
        .unwrap();
    assert_eq!(there["description"], serde_json::Value::Null);
}

#[tokio::test]
async fn a_create_of_a_slug_taken_there_waits_with_the_managers_words_beside_theirs() {
    let rig = rig().await;
    rig.sync().await;
    // A project made long ago holds the slug (the demo's are months old): ours, made offline
    // with the same slug, is refused, not taken for theirs.
    let theirs = rig.local(Entity::ManagerProject).remove(0);
    let slug = field(&theirs, "slug").to_string();
    let mine = rig.create(
        Entity::ManagerProject,
        json!({"name": "Mine", "slug": slug}),
    );
    let report = rig.sync().await;
    assert_eq!((report.pushed, report.failed), (0, 1), "{report:?}");
    let waiting = rig.waiting();
    assert_eq!(waiting.len(), 1);
    assert_eq!(waiting[0].state, OpState::Failed);
    assert!(
        waiting[0].last_error.as_deref().unwrap().contains("slug"),
        "{waiting:?}"
    );
    // Ours waits as the user made it, and theirs is untouched beside it.
    let here = rig.get(Entity::ManagerProject, &mine.local_id);
    assert_eq!(
        (field(&here, "name"), here.server_id.as_deref()),
        ("Mine", None)
    );
    let theirs_now = rig.get(Entity::ManagerProject, &theirs.local_id);
    assert_eq!(theirs_now.fields, theirs.fields);
    // The next sync sends it again only when the user asks: nothing changes meanwhile.
    let report = rig.sync().await;
    assert_eq!((report.pushed, report.failed), (0, 0), "{report:?}");
    assert_eq!(rig.waiting_states(), vec![OpState::Failed]);
}
