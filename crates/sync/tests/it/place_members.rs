//! The members of spaces and resources, listed under each space and resource like a group's
//! members: added offline and sent once, a space member's role changed, removals on the server
//! coming back, against a real devserver.

use crate::common::{obj, rig, Rig};
use outpost_platform::Method;
use outpost_replica::{Entity, OpState, Record, Source};
use serde_json::{json, Value};

impl Rig {
    async fn place_members_there(&self, base: &str, id: &str) -> Vec<(String, String)> {
        let v: Value = self
            .remote
            .get(&format!("/api/v1/secure/{base}/{id}/members"), &[])
            .await
            .unwrap();
        let mut m: Vec<(String, String)> = v["data"]
            .as_array()
            .unwrap()
            .iter()
            .map(|m| {
                (
                    m["user_id"].as_str().unwrap().to_string(),
                    m["role"].as_str().unwrap_or_default().to_string(),
                )
            })
            .collect();
        m.sort();
        m
    }

    fn place_members_here(&self, entity: Entity, parent: &str) -> Vec<Record> {
        let r = self.replica.lock().unwrap();
        r.tenant(&self.tenant)
            .records(entity, Some(parent))
            .unwrap()
    }

    fn first_of(&self, entity: Entity) -> Record {
        let r = self.replica.lock().unwrap();
        r.tenant(&self.tenant)
            .records(entity, None)
            .unwrap()
            .remove(0)
    }

    fn user_server_ids(&self) -> Vec<String> {
        let r = self.replica.lock().unwrap();
        r.tenant(&self.tenant)
            .records(Entity::User, None)
            .unwrap()
            .into_iter()
            .filter_map(|u| u.server_id)
            .collect()
    }
}

#[tokio::test]
async fn space_and_resource_members_made_offline_reach_the_server_once() {
    let rig = rig().await;
    rig.sync().await;
    let space = rig.first_of(Entity::Space);
    let space_id = space.server_id.clone().unwrap();
    let resource = rig.first_of(Entity::Resource);
    let resource_id = resource.server_id.clone().unwrap();
    let known: Vec<String> = rig
        .place_members_here(Entity::SpaceMember, &space_id)
        .iter()
        .map(|m| m.fields["userId"].as_str().unwrap().to_string())
        .collect();
    assert_eq!(
        known.len(),
        rig.place_members_there("spaces", &space_id).await.len(),
        "pulled under their space"
    );
    let newcomer = rig
        .user_server_ids()
        .into_iter()
        .find(|u| !known.contains(u))
        .unwrap();
    let member = {
        let r = rig.replica.lock().unwrap();
        let scope = r.tenant(&rig.tenant);
        let m = scope
            .create_record(
                Source::User,
                Entity::SpaceMember,
                obj(json!({"spaceId": space_id, "userId": newcomer, "role": "reader"})),
            )
            .unwrap();
        scope
            .create_record(
                Source::User,
                Entity::ResourceMember,
                obj(json!({"resourceId": resource_id, "userId": newcomer})),
            )
            .unwrap();
        let twice = scope.create_record(
            Source::User,
            Entity::ResourceMember,
            obj(json!({"resourceId": resource_id, "userId": newcomer})),
        );
        assert!(twice.unwrap_err().to_string().contains("already here"));
        m.local_id
    };
    let report = rig.sync().await;
    assert_eq!(report.pushed, 2, "{report:?}");
    assert!(rig
        .place_members_there("spaces", &space_id)
        .await
        .contains(&(newcomer.clone(), "reader".into())));
    assert!(rig
        .place_members_there("resources", &resource_id)
        .await
        .contains(&(newcomer.clone(), "reader".into())));

    // A new role: the same POST again.
    {
        let r = rig.replica.lock().unwrap();
        r.tenant(&rig.tenant)
            .update_record(
                Source::User,
                Entity::SpaceMember,
                &member,
                obj(json!({"role": "manager"})),
            )
            .unwrap();
    }
    rig.sync().await;
    assert!(rig
        .place_members_there("spaces", &space_id)
        .await
        .contains(&(newcomer.clone(), "manager".into())));
    let report = rig.sync().await;
    assert_eq!(report.pushed, 0);
    assert!(rig.outbox_states().is_empty());
    let here = rig.place_members_here(Entity::SpaceMember, &space_id);
    assert_eq!(
        here.iter()
            .filter(|m| m.fields["userId"] == newcomer.as_str())
            .count(),
        1,
        "nothing twice"
    );

    // Removed on the server: gone here after the next pull.
    rig.remote
        .request::<Value>(
            Method::DELETE,
            &format!("/api/v1/secure/resources/{resource_id}/members/{newcomer}"),
            &[],
            None,
        )
        .await
        .unwrap();
    rig.sync().await;
    assert!(rig
        .place_members_here(Entity::ResourceMember, &resource_id)
        .iter()
        .all(|m| m.fields["userId"] != newcomer.as_str()));
}

#[tokio::test]
async fn a_member_who_is_no_user_of_the_tenant_waits_with_the_servers_words() {
    let rig = rig().await;
    rig.sync().await;
    let resource = rig.first_of(Entity::Resource);
    let space = rig.first_of(Entity::Space);
    let stranger = "0c0c0c0c-0000-4000-8000-00000000beef";
    {
        let r = rig.replica.lock().unwrap();
        r.tenant(&rig.tenant)
            .create_record(
                Source::User,
                Entity::ResourceMember,
                obj(json!({"resourceId": resource.server_id, "userId": stranger})),
            )
            .unwrap();
        let bad = r.tenant(&rig.tenant).create_record(
            Source::User,
            Entity::SpaceMember,
            obj(json!({"spaceId": space.server_id, "userId": stranger,
                       "role": "owner"})),
        );
        assert!(bad.unwrap_err().to_string().contains("role"));
    }
    rig.sync().await;
    let r = rig.replica.lock().unwrap();
    let ops = r.tenant(&rig.tenant).outbox(&[]).unwrap();
    assert_eq!(ops.len(), 1);
    let conflicts = r.tenant(&rig.tenant).conflicts().unwrap();
    assert_eq!(ops[0].state, OpState::Failed, "{:?} {conflicts:?}", ops[0]);
    let words = ops[0].last_error.clone().unwrap_or_default();
    assert!(words.contains("not a member of this tenant"), "{words}");
}
