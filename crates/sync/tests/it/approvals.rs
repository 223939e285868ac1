//! Approval requests, a record type the platform makes and an administrator decides: pulled,
//! approved or rejected offline and sent once; a decision the server refuses (the request was
//! decided meanwhile) waits with the server's words; bad decisions name the field.

use crate::common::{obj, rig, Rig};
use outpost_platform::Method;
use outpost_replica::{Entity, OpState, Source};
use serde_json::{json, Value};

impl Rig {
    fn pending_approvals(&self) -> Vec<outpost_replica::Record> {
        let r = self.replica.lock().unwrap();
        r.tenant(&self.tenant)
            .records(Entity::Approval, None)
            .unwrap()
            .into_iter()
            .filter(|a| a.fields["status"] == "pending")
            .collect()
    }

    async fn server_approval(&self, id: &str) -> Value {
        let v: Value = self
            .remote
            .get(&format!("/api/v1/secure/approvals/{id}"), &[])
            .await
            .unwrap();
        v["data"].clone()
    }

    fn decide(&self, id: &str, action: &str, body: Value) -> outpost_replica::Result<()> {
        let r = self.replica.lock().unwrap();
        r.tenant(&self.tenant)
            .record_action(Source::User, Entity::Approval, id, action, obj(body))
            .map(|_| ())
    }
}

#[tokio::test]
async fn a_request_approved_offline_is_decided_on_the_server_once() {
    let rig = rig().await;
    rig.sync().await;
    let waiting = rig.pending_approvals();
    assert!(!waiting.is_empty(), "the demo has a request waiting");
    let id = waiting[0].server_id.clone().unwrap();
    rig.decide(&id, "approve", json!({"comment": "Fine by me"}))
        .unwrap();
    let report = rig.sync().await;
    assert_eq!(report.pushed, 1, "{report:?}");
    assert!(rig.outbox_states().is_empty());
    assert_eq!(rig.server_approval(&id).await["status"], "approved");
    let r = rig.replica.lock().unwrap();
    let here = r.tenant(&rig.tenant).get(Entity::Approval, &id).unwrap();
    assert_eq!(here.fields["status"], "approved", "the answer is stored");
}

#[tokio::test]
async fn a_request_decided_meanwhile_keeps_the_decision_here_with_the_servers_words() {
    let rig = rig().await;
    rig.sync().await;
    let id = rig.pending_approvals()[0].server_id.clone().unwrap();
    rig.decide(
        &id,
        "reject",
        json!({"rejection_reason": "Not this quarter"}),
    )
    .unwrap();
    // Another administrator approves it first.
    let _: Value = rig
        .remote
        .send_json(
            Method::POST,
            &format!("/api/v1/secure/approvals/{id}/approve"),
            &json!({}),
        )
        .await
        .unwrap();
    rig.sync().await;
    let r = rig.replica.lock().unwrap();
    let ops = r.tenant(&rig.tenant).outbox(&[]).unwrap();
    assert_eq!(ops.len(), 1, "the rejection is not lost");
    assert_eq!(ops[0].state, OpState::Failed);
    assert!(ops[0].last_error.is_some(), "{:?}", ops[0]);
}

#[tokio::test]
async fn a_decision_without_its_reason_names_the_field_and_queues_nothing() {
    let rig = rig().await;
    rig.sync().await;
    let id = rig.pending_approvals()[0].server_id.clone().unwrap();
    let e = rig.decide(&id, "reject", json!({})).unwrap_err();
    assert!(e.to_string().contains("rejection_reason"), "{e}");
    let long = "x".repeat(501);
    let e = rig
        .decide(&id, "approve", json!({"comment": long}))
        .unwrap_err();
    assert!(e.to_string().contains("comment"), "{e}");
    let e = rig.decide(&id, "escalate", json!({})).unwrap_err();
    assert!(e.to_string().contains("escalate"), "{e}");
    assert!(rig.outbox_states().is_empty());
}
