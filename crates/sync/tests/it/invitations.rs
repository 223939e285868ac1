//! Invitations, a record type with an action (resend) and a delete that revokes: made offline,
//! sent once, resent, revoked, and a lost create found by what it sent, against a real
//! devserver.

use crate::common::{obj, rig, Rig};
use outpost_platform::Method;
use outpost_replica::{Entity, Source};
use serde_json::{json, Value};

const INVITATIONS: &str = "/api/v1/secure/invitations";

impl Rig {
    async fn server_invitations(&self) -> Vec<Value> {
        let v: Value = self
            .remote
            .get(&format!("{INVITATIONS}/"), &[("limit", "200".into())])
            .await
            .unwrap();
        v["data"].as_array().unwrap().clone()
    }

    fn invite_here(&self, fields: Value) -> String {
        let r = self.replica.lock().unwrap();
        r.tenant(&self.tenant)
            .create_record(Source::User, Entity::Invitation, obj(fields))
            .unwrap()
            .local_id
    }
}

fn to<'a>(all: &'a [Value], email: &str) -> Vec<&'a Value> {
    all.iter()
        .filter(|i| i["recipient_email"] == email)
        .collect()
}

#[tokio::test]
async fn an_invitation_made_offline_is_sent_once_resent_and_revoked() {
    let rig = rig().await;
    rig.sync().await;
    let local = rig.invite_here(json!({"recipient_email": "new.hire@example.com", "role": "member",
                                       "personal_message": "Welcome aboard", "expires_in_hours": 48}));
    let report = rig.sync().await;
    assert_eq!(report.pushed, 1, "{report:?}");
    let sent = rig.server_invitations().await;
    let made = to(&sent, "new.hire@example.com");
    assert_eq!(made.len(), 1);
    let id = made[0]["id"].as_str().unwrap().to_string();
    assert!(
        made[0]["full_code"].is_null(),
        "the listing never shows the full code"
    );
    {
        let r = rig.replica.lock().unwrap();
        let here = r
            .tenant(&rig.tenant)
            .get(Entity::Invitation, &local)
            .unwrap();
        assert_eq!(here.server_id.as_deref(), Some(id.as_str()));
        assert!(
            here.fields.get("status").is_some(),
            "where it stands, from the server"
        );
        let stored = serde_json::to_string(&here.fields).unwrap();
        assert!(!stored.contains("full_code") && !stored.contains("invitation_url"));
    }

    {
        let r = rig.replica.lock().unwrap();
        r.tenant(&rig.tenant)
            .record_action(
                Source::User,
                Entity::Invitation,
                &id,
                "resend",
                Default::default(),
            )
            .unwrap();
    }
    let report = rig.sync().await;
    assert_eq!(report.pushed, 1, "the resend: {report:?}");
    assert!(rig.outbox_states().is_empty());

    {
        let r = rig.replica.lock().unwrap();
        r.tenant(&rig.tenant)
            .delete_record(Source::User, Entity::Invitation, &id)
            .unwrap();
    }
    rig.sync().await;
    assert!(rig.outbox_states().is_empty());
    let after = rig.server_invitations().await;
    let left = to(&after, "new.hire@example.com");
    assert!(
        left.is_empty() || left[0]["status"] == "revoked",
        "revoked on the server: {left:?}"
    );
}

#[tokio::test]
async fn an_invitation_whose_answer_was_lost_is_found_not_sent_twice() {
    let rig = rig().await;
    rig.sync().await;
    let fields = json!({"recipient_email": "lost.answer@example.com", "role": "guest"});
    let local = rig.invite_here(fields.clone());
    rig.sent_unanswered(&local);
    // The invitation reached the server, sent by this user; its answer never came back.
    let _: Value = rig
        .session
        .send_json(Method::POST, &format!("{INVITATIONS}/"), &fields)
        .await
        .unwrap();
    let report = rig.sync().await;
    assert!(report.error.is_none(), "{report:?}");
    assert!(rig.outbox_states().is_empty());
    assert_eq!(
        to(&rig.server_invitations().await, "lost.answer@example.com").len(),
        1
    );
}

#[tokio::test]
async fn an_invitation_needs_a_recipient_and_stores_nothing_without_one() {
    let rig = rig().await;
    let r = rig.replica.lock().unwrap();
    let scope = r.tenant(&rig.tenant);
    for (fields, field) in [
        (json!({"role": "member"}), "recipient_email"),
        (
            json!({"recipient_email": "not an address"}),
            "recipient_email",
        ),
        (
            json!({"recipient_email": "a@example.com", "role": "boss"}),
            "role",
        ),
        (
            json!({"recipient_email": "a@example.com", "expires_in_hours": 500}),
            "expires_in_hours",
        ),
    ] {
        let e = scope
            .create_record(Source::User, Entity::Invitation, obj(fields))
            .unwrap_err();
        assert!(e.to_string().contains(field), "{e}");
    }
    assert!(scope.outbox(&[]).unwrap().is_empty());
}
