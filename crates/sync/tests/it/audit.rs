//! The audit log pulled into the replica: everything the first time, then only what is new
//! since the last pull, each row kept once and found offline by record, actor and action.

use crate::common::{obj, rig};
use outpost_devserver::demo;
use outpost_replica::{AuditQuery, Entity, Source};
use outpost_sync::pull_audit_log;
use serde_json::json;

fn query() -> AuditQuery {
    AuditQuery {
        limit: 10_000,
        ..AuditQuery::default()
    }
}

#[tokio::test]
async fn the_log_comes_whole_once_then_only_what_is_new() {
    let rig = rig().await;
    rig.sync().await;
    let kept = {
        let r = rig.replica.lock().unwrap();
        r.tenant(&rig.tenant).search_audit(&query()).unwrap().len()
    };
    assert!(kept > 10, "the demo's history: {kept}");
    let session = rig.session.in_tenant(&rig.tenant);
    let again = pull_audit_log(&session, &rig.replica).await.unwrap();
    assert_eq!(again.new, 0, "{again:?}");
    assert!(
        (again.received as usize) < kept,
        "only the newest rows are asked for again: {again:?} of {kept}"
    );

    // A colleague edits a contact; the next pull brings that row and nothing else new.
    let contact = rig.server_contacts().await[0]["id"]
        .as_str()
        .unwrap()
        .to_string();
    rig.remote_patch(&contact, json!({"notes": "Called back"}))
        .await;
    let next = pull_audit_log(&session, &rig.replica).await.unwrap();
    assert_eq!(next.new, 1, "{next:?}");
    let r = rig.replica.lock().unwrap();
    let history = r
        .tenant(&rig.tenant)
        .search_audit(&AuditQuery {
            resource_id: Some(contact.clone()),
            action: Some("updated".into()),
            ..query()
        })
        .unwrap();
    assert_eq!(history.len(), 1, "{history:?}");
    assert_eq!(history[0].actor.as_deref(), Some(demo::admin_id().as_str()));
    assert_eq!(history[0].resource_type.as_deref(), Some("contact"));
}

#[tokio::test]
async fn an_edit_sent_by_a_sync_is_in_the_log_the_next_sync_keeps() {
    let rig = rig().await;
    rig.sync().await;
    let made = {
        let r = rig.replica.lock().unwrap();
        r.tenant(&rig.tenant)
            .create_record(
                Source::User,
                Entity::Group,
                obj(json!({"name": "Audited group"})),
            )
            .unwrap()
    };
    rig.sync().await;
    let r = rig.replica.lock().unwrap();
    let scope = r.tenant(&rig.tenant);
    let id = scope
        .get(Entity::Group, &made.local_id)
        .unwrap()
        .server_id
        .unwrap();
    let rows = scope
        .search_audit(&AuditQuery {
            resource_id: Some(id),
            ..query()
        })
        .unwrap();
    assert_eq!(rows.len(), 1, "{rows:?}");
    assert!(rows[0].action.starts_with("create"), "{rows:?}");
}
