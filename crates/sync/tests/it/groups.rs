//! Groups and their members, the first record types added as a declaration (a model struct, a
//! descriptor, a migration and the platform remote's paths): edited offline, pushed and pulled by
//! the same engine as contacts, against a real devserver and a real replica file.

use crate::common::{obj, rig, Rig};
use outpost_platform::Method;
use outpost_replica::{Directory, Entity, OpState, Source};
use serde_json::{json, Value};

const GROUPS: &str = "/api/v1/secure/groups";

impl Rig {
    async fn server_groups(&self) -> Vec<Value> {
        let v: Value = self
            .remote
            .get(&format!("{GROUPS}/"), &[("limit", "200".into())])
            .await
            .unwrap();
        v["data"].as_array().unwrap().clone()
    }

    async fn server_members(&self, group: &str) -> Vec<String> {
        let v: Value = self
            .remote
            .get(&format!("{GROUPS}/{group}/members"), &[])
            .await
            .unwrap();
        let mut ids: Vec<String> = v["data"]
            .as_array()
            .unwrap()
            .iter()
            .map(|m| m["user_id"].as_str().unwrap().to_string())
            .collect();
        ids.sort();
        ids
    }

    fn users(&self) -> Vec<String> {
        let r = self.replica.lock().unwrap();
        r.tenant(&self.tenant)
            .directory(Directory::Users)
            .unwrap()
            .into_iter()
            .map(|u| u.server_id)
            .collect()
    }

    fn local_groups(&self) -> Vec<outpost_replica::Record> {
        let r = self.replica.lock().unwrap();
        r.tenant(&self.tenant).records(Entity::Group, None).unwrap()
    }

    fn local_members(&self, group: &str) -> Vec<String> {
        let r = self.replica.lock().unwrap();
        r.tenant(&self.tenant).group_members(group).unwrap()
    }
}

impl Rig {
    /// Renames or changes a group here and, before any sync, on the server too.
    async fn edit_both_sides(&self, local: &str, id: &str, here: Value, there: Value) {
        {
            let r = self.replica.lock().unwrap();
            r.tenant(&self.tenant)
                .update_record(Source::User, Entity::Group, local, obj(here))
                .unwrap();
        }
        let _: Value = self
            .remote
            .send_json(Method::PUT, &format!("{GROUPS}/{id}"), &there)
            .await
            .unwrap();
    }
}

fn named<'a>(groups: &'a [Value], name: &str) -> Vec<&'a Value> {
    groups.iter().filter(|g| g["name"] == name).collect()
}

#[tokio::test]
async fn a_group_made_offline_with_members_reaches_the_server_once() {
    let rig = rig().await;
    rig.sync().await;
    let demo_groups = rig.local_groups().len();
    assert!(demo_groups > 0, "the demo's groups are pulled as records");
    let users = rig.users();
    let (ada, bob) = (users[0].clone(), users[1].clone());
    let group = {
        let r = rig.replica.lock().unwrap();
        let scope = r.tenant(&rig.tenant);
        let g = scope
            .create_record(
                Source::User,
                Entity::Group,
                obj(json!({"name": "Night shift", "permissions": ["calendar.read"]})),
            )
            .unwrap();
        scope
            .update_record(
                Source::User,
                Entity::Group,
                &g.local_id,
                obj(json!({"description": "Covers 22:00 to 06:00"})),
            )
            .unwrap();
        for user in [&ada, &bob] {
            scope
                .create_record(
                    Source::User,
                    Entity::GroupMember,
                    obj(json!({"groupId": g.local_id, "userId": user})),
                )
                .unwrap();
        }
        let again = scope.create_record(
            Source::User,
            Entity::GroupMember,
            obj(json!({"groupId": g.local_id, "userId": ada})),
        );
        let message = again.unwrap_err().to_string();
        assert!(message.contains("already here"), "{message}");
        g.local_id
    };
    assert_eq!(rig.local_members(&group).len(), 2, "members count at once");

    let report = rig.sync().await;
    assert_eq!(
        report.pushed, 3,
        "one create (the edit folded in) and two members"
    );
    assert!(rig.outbox_states().is_empty());
    let on_server = rig.server_groups().await;
    let made = named(&on_server, "Night shift");
    assert_eq!(made.len(), 1);
    assert_eq!(made[0]["description"], "Covers 22:00 to 06:00");
    let id = made[0]["id"].as_str().unwrap();
    let mut expected = vec![ada.clone(), bob.clone()];
    expected.sort();
    assert_eq!(rig.server_members(id).await, expected);

    let report = rig.sync().await;
    assert_eq!(report.pushed, 0);
    assert_eq!(rig.local_groups().len(), demo_groups + 1, "nothing twice");
    assert_eq!(
        rig.local_members(id),
        expected,
        "known by the server id too"
    );
}

#[tokio::test]
async fn remote_group_edits_merge_and_a_clash_waits_as_a_conflict() {
    let rig = rig().await;
    rig.sync().await;
    let g = rig.local_groups().remove(0);
    let id = g.server_id.clone().unwrap();
    rig.edit_both_sides(
        &g.local_id,
        &id,
        json!({"name": "Renamed here"}),
        json!({"description": "Changed there"}),
    )
    .await;
    rig.sync().await;
    let server = rig.server_groups().await;
    let now = server.iter().find(|s| s["id"] == id.as_str()).unwrap();
    assert_eq!(now["name"], "Renamed here");
    assert_eq!(now["description"], "Changed there");
    let local = rig
        .local_groups()
        .into_iter()
        .find(|l| l.local_id == g.local_id)
        .unwrap();
    assert_eq!(local.fields["description"], "Changed there");

    // The same field on both sides: a conflict for the user, neither value lost.
    rig.edit_both_sides(
        &g.local_id,
        &id,
        json!({"name": "Mine"}),
        json!({"name": "Theirs"}),
    )
    .await;
    let report = rig.sync().await;
    assert_eq!(report.conflicts, 1, "{report:?}");
    assert_eq!(rig.outbox_states(), [OpState::Conflict]);
    let r = rig.replica.lock().unwrap();
    let conflict = r.tenant(&rig.tenant).conflicts().unwrap().remove(0);
    assert_eq!(conflict.fields, ["name"]);
    assert_eq!(conflict.local.unwrap()["name"], "Mine");
    assert_eq!(conflict.remote.unwrap()["name"], "Theirs");
}

#[tokio::test]
async fn members_and_groups_removed_on_the_server_leave_the_replica() {
    let rig = rig().await;
    rig.sync().await;
    let g = rig
        .local_groups()
        .into_iter()
        .find(|g| {
            let id = g.server_id.clone().unwrap();
            rig.local_members(&id).len() >= 2
        })
        .expect("a demo group with two members");
    let id = g.server_id.unwrap();
    let before = rig.local_members(&id);
    rig.remote
        .request::<Value>(
            Method::DELETE,
            &format!("{GROUPS}/{id}/members/{}", before[0]),
            &[],
            None,
        )
        .await
        .unwrap();
    rig.sync().await;
    assert_eq!(rig.local_members(&id), before[1..].to_vec());

    rig.remote
        .request::<Value>(Method::DELETE, &format!("{GROUPS}/{id}"), &[], None)
        .await
        .unwrap();
    let report = rig.sync().await;
    assert!(report.error.is_none(), "{report:?}");
    assert!(rig
        .local_groups()
        .iter()
        .all(|l| l.server_id.as_deref() != Some(id.as_str())));
    assert!(rig.local_members(&id).is_empty(), "members go with it");
}

#[tokio::test]
async fn a_group_whose_create_answer_was_lost_is_found_not_made_twice() {
    let rig = rig().await;
    rig.sync().await;
    let fields = json!({"name": "Lost and found", "description": "made once"});
    let local = {
        let r = rig.replica.lock().unwrap();
        r.tenant(&rig.tenant)
            .create_record(Source::User, Entity::Group, obj(fields.clone()))
            .unwrap()
            .local_id
    };
    rig.sent_unanswered(&local);
    // The create reached the server; its answer never came back.
    let _: Value = rig
        .remote
        .send_json(Method::POST, &format!("{GROUPS}/create"), &fields)
        .await
        .unwrap();
    let report = rig.sync().await;
    assert!(report.error.is_none(), "{report:?}");
    assert!(rig.outbox_states().is_empty());
    assert_eq!(named(&rig.server_groups().await, "Lost and found").len(), 1);
    let here: Vec<_> = rig
        .local_groups()
        .into_iter()
        .filter(|g| g.fields["name"] == "Lost and found")
        .collect();
    assert_eq!(here.len(), 1);
    assert!(here[0].server_id.is_some());
}

#[tokio::test]
async fn bad_group_input_names_the_field_and_stores_nothing() {
    let rig = rig().await;
    let r = rig.replica.lock().unwrap();
    let scope = r.tenant(&rig.tenant);
    for (fields, field) in [
        (json!({"description": "no name"}), "name"),
        (json!({"name": ""}), "name"),
        (json!({"name": "x", "permissions": "all"}), "permissions"),
        (json!({"name": "x", "colour": "red"}), "colour"),
    ] {
        let e = scope
            .create_record(Source::User, Entity::Group, obj(fields))
            .unwrap_err();
        assert!(e.to_string().contains(field), "{e}");
    }
    let e = scope
        .create_record(
            Source::User,
            Entity::GroupMember,
            obj(json!({"groupId": "0c0c0c0c-0000-4000-8000-00000000dead", "userId": "0c0c0c0c-0000-4000-8000-00000000beef"})),
        )
        .unwrap_err();
    assert!(e.to_string().contains("group"), "{e}");
    assert!(scope.outbox(&[]).unwrap().is_empty());
    assert!(scope.records(Entity::Group, None).unwrap().is_empty());
}

#[tokio::test]
async fn a_group_gone_on_the_server_does_not_stop_other_groups_losing_members() {
    let rig = rig().await;
    rig.sync().await;
    let groups = rig.local_groups();
    let with_members = |min: usize| {
        groups
            .iter()
            .filter(|g| rig.local_members(g.server_id.as_deref().unwrap()).len() >= min)
            .map(|g| g.server_id.clone().unwrap())
            .collect::<Vec<_>>()
    };
    let (kept, other) = {
        let two = with_members(2);
        let one = with_members(0);
        let other = two[0].clone();
        let kept = one.into_iter().find(|g| *g != other).unwrap();
        (kept, other)
    };
    // A member added here to a group someone deletes on the server: the group stays here while
    // that edit waits for the user.
    let users = rig.users();
    let newcomer = users
        .iter()
        .find(|u| !rig.local_members(&kept).contains(u))
        .unwrap()
        .clone();
    {
        let r = rig.replica.lock().unwrap();
        r.tenant(&rig.tenant)
            .create_record(
                Source::User,
                Entity::GroupMember,
                obj(json!({"groupId": kept, "userId": newcomer})),
            )
            .unwrap();
    }
    rig.remote
        .request::<Value>(Method::DELETE, &format!("{GROUPS}/{kept}"), &[], None)
        .await
        .unwrap();
    // Meanwhile a member of another group is removed on the server.
    let before = rig.local_members(&other);
    rig.remote
        .request::<Value>(
            Method::DELETE,
            &format!("{GROUPS}/{other}/members/{}", before[0]),
            &[],
            None,
        )
        .await
        .unwrap();
    rig.sync().await;
    rig.sync().await;
    assert_eq!(
        rig.local_members(&other),
        before[1..].to_vec(),
        "the removal on the server reaches this replica"
    );
}
