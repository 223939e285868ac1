//! The platform remote's change feed against a real devserver: what changed since a cursor, as
//! changes of the record types kept here; an expired cursor, a role without the feed and a
//! garbled cursor each answered as such.

use crate::common::{rig, session};
use outpost_devserver::{demo, DemoOptions, DevServerConfig};
use outpost_model::RecordType;
use outpost_platform::Method;
use outpost_sync::remote::{Change, Feed, Remote};
use outpost_sync::PlatformRemote;
use serde_json::{json, Value};

fn changes(feed: Feed) -> (Vec<Change>, String) {
    match feed {
        Feed::Changes { changes, next, .. } => (changes, next),
        other => panic!("expected changes, got {other:?}"),
    }
}

#[tokio::test]
async fn the_feed_names_what_changed_since_the_cursor() {
    let rig = rig().await;
    let remote = PlatformRemote::new(rig.session.in_tenant(&rig.tenant));
    let (before, start) = changes(remote.changes_since(None, 100).await.unwrap());
    assert!(
        before.is_empty(),
        "the demo's data is the starting state: {before:?}"
    );

    let made: Value = rig
        .remote
        .send_json(
            Method::POST,
            "/api/v1/secure/contacts",
            &json!({"firstName": "Feed", "lastName": "Reader"}),
        )
        .await
        .unwrap();
    let id = made["data"]["id"].as_str().unwrap().to_string();
    let _: Value = rig
        .remote
        .send_json(
            Method::POST,
            "/api/v1/secure/taxonomy/tags",
            &json!({"name": "feed-tag"}),
        )
        .await
        .unwrap_or(Value::Null);
    rig.remote
        .request::<Value>(
            Method::DELETE,
            &format!("/api/v1/secure/contacts/{id}"),
            &[],
            None,
        )
        .await
        .unwrap();

    let (seen, next) = changes(remote.changes_since(Some(&start), 100).await.unwrap());
    assert_eq!(
        seen,
        vec![
            Change {
                record_type: RecordType::Contact,
                id: id.clone(),
                parent: None,
                deleted: false
            },
            Change {
                record_type: RecordType::Contact,
                id,
                parent: None,
                deleted: true
            },
        ],
        "only the records kept here, oldest first"
    );
    let (again, _) = changes(remote.changes_since(Some(&next), 100).await.unwrap());
    assert!(again.is_empty(), "nothing twice: {again:?}");

    assert!(remote
        .changes_since(Some("not-a-cursor"), 10)
        .await
        .is_err());
    let guest = session(&rig.server, demo::GUEST_EMAIL, demo::GUEST_PASSWORD).await;
    let as_guest = PlatformRemote::new(guest.in_tenant(&rig.tenant));
    assert_eq!(
        as_guest.changes_since(None, 10).await.unwrap(),
        Feed::Unavailable,
        "a guest may not read the feed"
    );
}

#[tokio::test]
async fn a_cursor_older_than_what_the_server_keeps_has_expired() {
    let server = outpost_devserver::start(DevServerConfig {
        demo: Some(DemoOptions::default()),
        events_kept_per_tenant: 2,
        ..DevServerConfig::default()
    })
    .await
    .unwrap();
    let user = session(&server, demo::ADMIN_EMAIL, demo::ADMIN_PASSWORD).await;
    let tenant = demo::tenant_id("acme-field");
    let remote = PlatformRemote::new(user.in_tenant(&tenant));
    let (_, start) = changes(remote.changes_since(None, 10).await.unwrap());
    for n in 0..4 {
        let _: Value = user
            .send_json(
                Method::POST,
                "/api/v1/secure/contacts",
                &json!({"firstName": format!("Burst {n}")}),
            )
            .await
            .unwrap();
    }
    assert_eq!(
        remote.changes_since(Some(&start), 10).await.unwrap(),
        Feed::Expired
    );
}
