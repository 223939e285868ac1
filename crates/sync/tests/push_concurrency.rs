//! Push sends independent records side by side, never more at once than the bound (the ops of
//! one record stay in order: the other sync tests cover that). The server holds every contact create a while, so the replica's
//! in-flight ops show how many are on the wire together.

mod common;

use std::sync::atomic::{AtomicBool, Ordering};
use std::time::Duration;

use common::{obj, session};
use outpost_devserver::{demo, DemoOptions, DevServerConfig, FaultConfig, FaultKind, FaultRule};
use outpost_replica::{OpState, Replica, Source};
use outpost_sync::{sync_tenant, SyncOptions};
use serde_json::json;
use std::sync::Mutex;

/// Pushes twelve new contacts with `concurrency`; returns the most ops seen in flight at once.
async fn most_in_flight(concurrency: usize) -> usize {
    let slow_creates = FaultRule {
        method: Some("POST".into()),
        path: "/api/v1/secure/contacts".into(),
        kind: FaultKind::Latency {
            latency_ms: 150,
            jitter_ms: 0,
        },
        rate: 1.0,
        times: None,
    };
    let server = outpost_devserver::start(DevServerConfig {
        demo: Some(DemoOptions::default()),
        faults: Some(FaultConfig {
            seed: 1,
            rules: vec![slow_creates],
        }),
        ..DevServerConfig::default()
    })
    .await
    .unwrap();
    let me = session(&server, demo::ADMIN_EMAIL, demo::ADMIN_PASSWORD).await;
    let dir = tempfile::tempdir().unwrap();
    let replica = Mutex::new(Replica::open(dir.path().join("r.db")).unwrap());
    let tenant = demo::tenant_id("acme-field");
    // The first sync brings the tenant in, so the measured run only pushes the new contacts.
    sync_tenant(&me, &replica, &tenant, &SyncOptions::default())
        .await
        .unwrap();
    {
        let r = replica.lock().unwrap();
        let scope = r.tenant(&tenant);
        for i in 0..12 {
            let fields = json!({ "firstName": "Par", "lastName": format!("Allel-{i:02}") });
            scope.create_contact(Source::User, obj(fields)).unwrap();
        }
    }

    let done = AtomicBool::new(false);
    let options = SyncOptions {
        push_concurrency: concurrency,
        ..SyncOptions::default()
    };
    let run = async {
        let report = sync_tenant(&me, &replica, &tenant, &options).await.unwrap();
        done.store(true, Ordering::SeqCst);
        report
    };
    let watch = async {
        let mut most = 0;
        while !done.load(Ordering::SeqCst) {
            let in_flight = {
                let r = replica.lock().unwrap();
                r.tenant(&tenant)
                    .outbox(&[OpState::InFlight])
                    .unwrap()
                    .len()
            };
            most = most.max(in_flight);
            tokio::time::sleep(Duration::from_millis(5)).await;
        }
        most
    };
    let (report, most) = tokio::join!(run, watch);
    assert_eq!((report.pushed, report.failed), (12, 0), "{report:?}");
    let r = replica.lock().unwrap();
    assert!(r.tenant(&tenant).outbox(&[]).unwrap().is_empty());
    most
}

#[tokio::test]
async fn independent_records_go_side_by_side_within_the_bound() {
    let most = most_in_flight(4).await;
    assert!(
        most >= 2,
        "creates went one at a time: at most {most} in flight"
    );
    assert!(most <= 4, "{most} in flight, more than the bound of 4");
}

#[tokio::test]
async fn a_bound_of_one_sends_one_op_at_a_time() {
    assert_eq!(most_in_flight(1).await, 1);
}
