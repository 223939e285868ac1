//! Requests to move a resource to another space: asked for offline and sent once, approved
//! offline (the resource moves on the server), a rejection of a request decided meanwhile kept
//! with the server's words, a lost request found, bad input naming the field.

use crate::common::{obj, rig, Rig};
use outpost_platform::Method;
use outpost_replica::{Entity, OpState, Record, Source};
use serde_json::{json, Value};

const MOVES: &str = "/api/v1/secure/resources/resource-requests";

impl Rig {
    async fn server_moves(&self) -> Vec<Value> {
        let v: Value = self.remote.get(MOVES, &[]).await.unwrap();
        v["data"].as_array().unwrap().clone()
    }

    fn moves_here(&self) -> Vec<Record> {
        let r = self.replica.lock().unwrap();
        r.tenant(&self.tenant)
            .records(Entity::MoveRequest, None)
            .unwrap()
    }

    /// A resource in a space, and another space to move it to (server ids).
    fn movable(&self) -> (String, String) {
        let r = self.replica.lock().unwrap();
        let scope = r.tenant(&self.tenant);
        let resource = scope
            .records(Entity::Resource, None)
            .unwrap()
            .into_iter()
            .find(|r| r.fields["spaceId"].is_string())
            .unwrap();
        let from = resource.fields["spaceId"].as_str().unwrap().to_string();
        let to = scope
            .records(Entity::Space, None)
            .unwrap()
            .into_iter()
            .filter_map(|s| s.server_id)
            .find(|s| *s != from)
            .unwrap();
        (resource.server_id.unwrap(), to)
    }

    fn ask_move(&self, resource: &str, to: &str) -> String {
        let r = self.replica.lock().unwrap();
        r.tenant(&self.tenant)
            .create_record(
                Source::User,
                Entity::MoveRequest,
                obj(json!({"resourceId": resource, "targetSpaceId": to, "reason": "night shift"})),
            )
            .unwrap()
            .local_id
    }
}

#[tokio::test]
async fn a_move_asked_and_approved_offline_moves_the_resource_once() {
    let rig = rig().await;
    rig.sync().await;
    let before = rig.server_moves().await.len();
    let (resource, to) = rig.movable();
    let local = rig.ask_move(&resource, &to);
    let report = rig.sync().await;
    assert_eq!(report.pushed, 1, "{report:?}");
    assert_eq!(rig.server_moves().await.len(), before + 1);
    let here = rig
        .moves_here()
        .into_iter()
        .find(|m| m.local_id == local)
        .unwrap();
    assert_eq!(here.fields["status"], "pending");
    assert!(
        here.fields["sourceSpaceId"].is_string(),
        "{:?}",
        here.fields
    );
    {
        let r = rig.replica.lock().unwrap();
        r.tenant(&rig.tenant)
            .record_action(
                Source::User,
                Entity::MoveRequest,
                &local,
                "approve",
                Default::default(),
            )
            .unwrap();
    }
    rig.sync().await;
    assert!(rig.outbox_states().is_empty());
    let moved: Value = rig
        .remote
        .get(&format!("/api/v1/secure/resources/{resource}"), &[])
        .await
        .unwrap();
    assert_eq!(moved["data"]["space_id"], to.as_str());
    let here = rig
        .moves_here()
        .into_iter()
        .find(|m| m.local_id == local)
        .unwrap();
    assert_eq!(here.fields["status"], "approved");
    let report = rig.sync().await;
    assert_eq!(report.pushed, 0);
    assert_eq!(rig.server_moves().await.len(), before + 1, "nothing twice");
}

#[tokio::test]
async fn a_rejection_of_a_request_decided_meanwhile_waits_with_the_servers_words() {
    let rig = rig().await;
    rig.sync().await;
    let (resource, to) = rig.movable();
    let made: Value = rig
        .remote
        .send_json(
            Method::POST,
            &format!("/api/v1/secure/resources/{resource}/move"),
            &json!({"targetSpaceId": to}),
        )
        .await
        .unwrap();
    let id = made["data"]["id"].as_str().unwrap().to_string();
    rig.sync().await;
    {
        let r = rig.replica.lock().unwrap();
        let scope = r.tenant(&rig.tenant);
        let e = scope
            .record_action(
                Source::User,
                Entity::MoveRequest,
                &id,
                "reject",
                Default::default(),
            )
            .unwrap_err();
        assert!(e.to_string().contains("rejectionReason"), "{e}");
        scope
            .record_action(
                Source::User,
                Entity::MoveRequest,
                &id,
                "reject",
                obj(json!({"rejectionReason": "not tonight"})),
            )
            .unwrap();
    }
    // Another administrator approves it first.
    let _: Value = rig
        .remote
        .send_json(Method::POST, &format!("{MOVES}/{id}/approve"), &json!({}))
        .await
        .unwrap();
    rig.sync().await;
    let r = rig.replica.lock().unwrap();
    let ops = r.tenant(&rig.tenant).outbox(&[]).unwrap();
    assert_eq!(ops.len(), 1);
    assert_eq!(ops[0].state, OpState::Failed);
    let words = ops[0].last_error.clone().unwrap_or_default();
    assert!(words.contains("approved"), "{words}");
}

#[tokio::test]
async fn a_move_request_whose_answer_was_lost_is_found_not_asked_twice() {
    let rig = rig().await;
    rig.sync().await;
    let before = rig.server_moves().await.len();
    let (resource, to) = rig.movable();
    let of_resource = |rig: &Rig| {
        rig.moves_here()
            .iter()
            .filter(|m| m.fields["resourceId"] == resource.as_str() && m.server_id.is_some())
            .count()
    };
    let known = of_resource(&rig);
    let local = rig.ask_move(&resource, &to);
    rig.sent_unanswered(&local);
    let _: Value = rig
        .session
        .send_json(
            Method::POST,
            &format!("/api/v1/secure/resources/{resource}/move"),
            &json!({"targetSpaceId": to, "reason": "night shift"}),
        )
        .await
        .unwrap();
    let report = rig.sync().await;
    assert!(report.error.is_none(), "{report:?}");
    assert!(rig.outbox_states().is_empty());
    assert_eq!(rig.server_moves().await.len(), before + 1);
    assert_eq!(of_resource(&rig), known + 1, "the one asked for here, once");
}

#[tokio::test]
async fn a_bad_move_request_names_the_field_and_stores_nothing() {
    let rig = rig().await;
    let r = rig.replica.lock().unwrap();
    let scope = r.tenant(&rig.tenant);
    for (fields, field) in [
        (
            json!({"targetSpaceId": "0c0c0c0c-0000-4000-8000-00000000beef"}),
            "resourceId",
        ),
        (
            json!({"resourceId": "0c0c0c0c-0000-4000-8000-00000000beef"}),
            "targetSpaceId",
        ),
        (
            json!({"resourceId": "0c0c0c0c-0000-4000-8000-00000000beef",
                   "targetSpaceId": "nowhere"}),
            "targetSpaceId",
        ),
    ] {
        let e = scope
            .create_record(Source::User, Entity::MoveRequest, obj(fields))
            .unwrap_err();
        assert!(e.to_string().contains(field), "{e}");
    }
    assert!(scope.outbox(&[]).unwrap().is_empty());
}
