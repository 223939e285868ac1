//! A sync run is bound to the tenant it started in. The user may switch tenant in the window
//! while a run (or an autosync) is on the wire; the run's requests keep carrying its own tenant,
//! so tenant A's creates never land in tenant B and B's rows never enter A's replica. And a
//! server that answers a request in A with a record of B is refused, naming both
//! (broken_answers.rs).

use std::sync::Mutex;
use std::time::Duration;

use crate::common::{obj, session};
use outpost_devserver::{demo, DemoOptions, DevServerConfig};
use outpost_platform::Session;
use outpost_replica::{Replica, Source};
use outpost_sync::{sync_tenant, SyncOptions};
use serde_json::{json, Value};

async fn contacts_in(session: &Session, tenant: &str) -> Vec<Value> {
    let v: Value = session
        .in_tenant(tenant)
        .get("/api/v1/secure/contacts", &[("limit", "200".into())])
        .await
        .unwrap();
    v["data"].as_array().unwrap().clone()
}

fn named(rows: &[Value], last: &str) -> usize {
    rows.iter().filter(|c| c["last_name"] == last).count()
}

#[tokio::test]
async fn switching_tenant_during_a_run_keeps_the_run_in_its_own_tenant() {
    // Each contact create is held 600 ms: the switch happens while the run is on the wire.
    let server = outpost_devserver::start(DevServerConfig {
        demo: Some(DemoOptions::default()),
        faults: Some(outpost_tests::faults::slow_contact_creates(600)),
        ..DevServerConfig::default()
    })
    .await
    .unwrap();
    let me = session(&server, demo::ADMIN_EMAIL, demo::ADMIN_PASSWORD).await;
    let witness = session(&server, demo::ADMIN_EMAIL, demo::ADMIN_PASSWORD).await;
    let (a, b) = (demo::tenant_id("acme-field"), demo::tenant_id("northwind"));
    let dir = tempfile::tempdir().unwrap();
    let replica = Mutex::new(Replica::open(dir.path().join("r.db")).unwrap());
    {
        let r = replica.lock().unwrap();
        let scope = r.tenant(&a);
        for i in 0..3 {
            let fields = json!({ "firstName": "Bound", "lastName": format!("To-A-{i}") });
            scope.create_contact(Source::User, obj(fields)).unwrap();
        }
    }
    let b_before = contacts_in(&witness, &b).await;
    assert!(
        !b_before.is_empty(),
        "the demo's second tenant has contacts"
    );

    let options = SyncOptions::default();
    let run = sync_tenant(&me, &replica, &a, &options);
    let switch = async {
        tokio::time::sleep(Duration::from_millis(300)).await;
        // What the window does when the user picks another tenant.
        me.switch_tenant(&b).await.unwrap();
    };
    let (report, ()) = tokio::join!(run, switch);
    let report = report.unwrap();
    assert_eq!(report.pushed, 3, "{report:?}");
    assert_eq!(me.tenant().as_deref(), Some(b.as_str()), "the switch took");

    let in_a = contacts_in(&witness, &a).await;
    let in_b = contacts_in(&witness, &b).await;
    for i in 0..3 {
        let last = format!("To-A-{i}");
        assert_eq!(named(&in_a, &last), 1, "{last} is in A once");
        assert_eq!(named(&in_b, &last), 0, "{last} did not land in B");
    }
    // A's replica holds A's contacts and none of B's.
    let r = replica.lock().unwrap();
    let held = r.tenant(&a).counts().unwrap().contacts;
    assert_eq!(
        held as usize,
        in_a.len(),
        "A's replica holds exactly A's contacts"
    );
    let b_ids: std::collections::HashSet<&str> =
        b_before.iter().filter_map(|c| c["id"].as_str()).collect();
    for id in b_ids {
        assert!(
            r.tenant(&a)
                .get(outpost_replica::Entity::Contact, id)
                .is_err(),
            "B's contact {id} entered A's replica"
        );
    }
}
