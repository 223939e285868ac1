//! Spaces and resources as records: made, edited and deleted offline, sent once, merged with
//! edits made on the server, deletions there coming back, a lost create found by what it sent,
//! a delete the server refuses kept with its words, against a real devserver.

use crate::common::{obj, rig, Rig};
use outpost_platform::Method;
use outpost_replica::{Directory, Entity, OpState, Record, Source};
use serde_json::{json, Value};

const SPACES: &str = "/api/v1/secure/spaces";
const RESOURCES: &str = "/api/v1/secure/resources";

impl Rig {
    async fn server_list(&self, path: &str) -> Vec<Value> {
        let v: Value = self
            .remote
            .get(&format!("{path}/"), &[("limit", "200".into())])
            .await
            .unwrap();
        v["data"].as_array().unwrap().clone()
    }

    fn local_records(&self, entity: Entity) -> Vec<Record> {
        let r = self.replica.lock().unwrap();
        r.tenant(&self.tenant).records(entity, None).unwrap()
    }

    fn make(&self, entity: Entity, fields: Value) -> String {
        let r = self.replica.lock().unwrap();
        r.tenant(&self.tenant)
            .create_record(Source::User, entity, obj(fields))
            .unwrap()
            .local_id
    }

    fn edit(&self, entity: Entity, id: &str, patch: Value) {
        let r = self.replica.lock().unwrap();
        r.tenant(&self.tenant)
            .update_record(Source::User, entity, id, obj(patch))
            .unwrap();
    }
}

fn named<'a>(rows: &'a [Value], name: &str) -> Vec<&'a Value> {
    rows.iter().filter(|r| r["name"] == name).collect()
}

#[tokio::test]
async fn a_space_and_a_resource_made_offline_reach_the_server_once() {
    let rig = rig().await;
    rig.sync().await;
    let spaces = rig.local_records(Entity::Space).len();
    assert!(spaces > 0, "the demo's spaces are pulled as records");
    let directory = {
        let r = rig.replica.lock().unwrap();
        r.tenant(&rig.tenant)
            .directory(Directory::Resources)
            .unwrap()
    };
    assert_eq!(directory.len(), rig.local_records(Entity::Resource).len());
    let space = rig.make(
        Entity::Space,
        json!({"name": "Night depot", "language": "en"}),
    );
    rig.edit(
        Entity::Space,
        &space,
        json!({"description": "Opens at 22:00"}),
    );
    let report = rig.sync().await;
    assert_eq!(report.pushed, 1, "{report:?}");
    let made = rig.server_list(SPACES).await;
    let made = named(&made, "Night depot");
    assert_eq!(made.len(), 1);
    assert_eq!(made[0]["description"], "Opens at 22:00");
    let space_id = made[0]["id"].as_str().unwrap().to_string();

    let resource = rig.make(
        Entity::Resource,
        json!({"name": "Night drone", "spaceId": space_id}),
    );
    let report = rig.sync().await;
    assert_eq!(report.pushed, 1, "{report:?}");
    let resources = rig.server_list(RESOURCES).await;
    let drone = named(&resources, "Night drone");
    assert_eq!(drone.len(), 1);
    assert_eq!(drone[0]["space_id"], space_id.as_str());
    let report = rig.sync().await;
    assert_eq!(report.pushed, 0);
    assert!(rig.outbox_states().is_empty());
    assert_eq!(
        rig.local_records(Entity::Space).len(),
        spaces + 1,
        "nothing twice"
    );
    let here = rig
        .local_records(Entity::Resource)
        .into_iter()
        .find(|r| r.local_id == resource)
        .unwrap();
    assert_eq!(here.fields["spaceId"], space_id.as_str());
    assert_eq!(here.server_id.as_deref(), drone[0]["id"].as_str());
}

#[tokio::test]
async fn remote_edits_merge_a_clash_waits_and_remote_deletes_come_back() {
    let rig = rig().await;
    rig.sync().await;
    let space = rig.local_records(Entity::Space).remove(0);
    let id = space.server_id.clone().unwrap();
    rig.edit(
        Entity::Space,
        &space.local_id,
        json!({"name": "Renamed here"}),
    );
    let _: Value = rig
        .remote
        .send_json(
            Method::PATCH,
            &format!("{SPACES}/{id}"),
            &json!({"description": "Changed there"}),
        )
        .await
        .unwrap();
    rig.sync().await;
    let server = rig.server_list(SPACES).await;
    let now = server.iter().find(|s| s["id"] == id.as_str()).unwrap();
    assert_eq!(now["name"], "Renamed here");
    assert_eq!(now["description"], "Changed there");

    rig.edit(Entity::Space, &space.local_id, json!({"name": "Mine"}));
    let _: Value = rig
        .remote
        .send_json(
            Method::PATCH,
            &format!("{SPACES}/{id}"),
            &json!({"name": "Theirs"}),
        )
        .await
        .unwrap();
    let report = rig.sync().await;
    assert_eq!(report.conflicts, 1, "{report:?}");
    {
        let r = rig.replica.lock().unwrap();
        let conflict = r.tenant(&rig.tenant).conflicts().unwrap().remove(0);
        assert_eq!(conflict.fields, ["name"]);
    }

    // A resource deleted on the server leaves the replica.
    let resource = rig.local_records(Entity::Resource).remove(0);
    let rid = resource.server_id.unwrap();
    rig.remote
        .request::<Value>(Method::DELETE, &format!("{RESOURCES}/{rid}"), &[], None)
        .await
        .unwrap();
    rig.sync().await;
    assert!(rig
        .local_records(Entity::Resource)
        .iter()
        .all(|r| r.server_id.as_deref() != Some(rid.as_str())));
}

#[tokio::test]
async fn a_space_whose_create_answer_was_lost_is_found_not_made_twice() {
    let rig = rig().await;
    rig.sync().await;
    let fields = json!({"name": "Lost depot", "description": "made once"});
    let local = rig.make(Entity::Space, fields.clone());
    rig.sent_unanswered(&local);
    let _: Value = rig
        .session
        .send_json(Method::POST, &format!("{SPACES}/"), &fields)
        .await
        .unwrap();
    let report = rig.sync().await;
    assert!(report.error.is_none(), "{report:?}");
    assert!(rig.outbox_states().is_empty());
    assert_eq!(named(&rig.server_list(SPACES).await, "Lost depot").len(), 1);
    let here: Vec<_> = rig
        .local_records(Entity::Space)
        .into_iter()
        .filter(|s| s.fields["name"] == "Lost depot")
        .collect();
    assert_eq!(here.len(), 1);
}

#[tokio::test]
async fn deleting_a_space_that_holds_resources_waits_with_the_servers_words() {
    let rig = rig().await;
    rig.sync().await;
    let holding = rig
        .local_records(Entity::Resource)
        .into_iter()
        .find_map(|r| r.fields["spaceId"].as_str().map(str::to_string))
        .expect("a demo resource in a space");
    {
        let r = rig.replica.lock().unwrap();
        r.tenant(&rig.tenant)
            .delete_record(Source::User, Entity::Space, &holding)
            .unwrap();
    }
    rig.sync().await;
    let r = rig.replica.lock().unwrap();
    let ops = r.tenant(&rig.tenant).outbox(&[]).unwrap();
    assert_eq!(ops.len(), 1);
    assert_eq!(ops[0].state, OpState::Failed);
    let words = ops[0].last_error.clone().unwrap_or_default();
    assert!(words.contains("still holds resources"), "{words}");
}

#[tokio::test]
async fn bad_place_input_names_the_field_and_stores_nothing() {
    let rig = rig().await;
    let r = rig.replica.lock().unwrap();
    let scope = r.tenant(&rig.tenant);
    for (entity, fields, field) in [
        (Entity::Space, json!({"description": "no name"}), "name"),
        (Entity::Space, json!({"name": "x"}), "name"),
        (
            Entity::Space,
            json!({"name": "Hall", "status": "open"}),
            "status",
        ),
        (
            Entity::Resource,
            json!({"name": "Drone", "spaceId": "s-1"}),
            "spaceId",
        ),
        (
            Entity::Resource,
            json!({"name": "Drone", "colour": "red"}),
            "colour",
        ),
    ] {
        let e = scope
            .create_record(Source::User, entity, obj(fields))
            .unwrap_err();
        assert!(e.to_string().contains(field), "{e}");
    }
    assert!(scope.outbox(&[]).unwrap().is_empty());
    assert!(scope.records(Entity::Space, None).unwrap().is_empty());
}
