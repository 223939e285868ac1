//! Push runs against a server that holds every contact create a while, so the replica's
//! in-flight ops show what is on the wire: independent records go side by side, never more at
//! once than the bound (the ops of one record stay in order: the other sync tests cover that);
//! a run cancelled midway keeps every edit and the next run sends each exactly once; an op
//! whose record is deleted while it waits in the run's batch is skipped.

use std::sync::atomic::{AtomicBool, Ordering};
use std::time::Duration;

use crate::common::{obj, session};
use std::sync::Mutex;

use outpost_devserver::{demo, DemoOptions, DevServerConfig, RunningServer};
use outpost_platform::Session;
use outpost_replica::{OpState, Replica, RunOutcome, Source};
use outpost_sync::{sync_tenant, Phase, SyncOptions};
use serde_json::{json, Value};

/// A replica of a tenant on a server that holds each contact create 150 ms, with `n` new
/// contacts waiting to go.
struct SlowRig {
    _server: RunningServer,
    me: Session,
    replica: Mutex<Replica>,
    tenant: String,
    _dir: tempfile::TempDir,
}

async fn slow_rig(n: usize) -> SlowRig {
    let server = outpost_devserver::start(DevServerConfig {
        demo: Some(DemoOptions::default()),
        faults: Some(outpost_tests::faults::slow_contact_creates(150)),
        ..DevServerConfig::default()
    })
    .await
    .unwrap();
    let me = session(&server, demo::ADMIN_EMAIL, demo::ADMIN_PASSWORD).await;
    let dir = tempfile::tempdir().unwrap();
    let replica = Mutex::new(Replica::open(dir.path().join("r.db")).unwrap());
    let tenant = demo::tenant_id("acme-field");
    // The first sync brings the tenant in, so the runs measured only push the new contacts.
    sync_tenant(&me, &replica, &tenant, &SyncOptions::default())
        .await
        .unwrap();
    {
        let r = replica.lock().unwrap();
        let scope = r.tenant(&tenant);
        for i in 0..n {
            let fields = json!({ "firstName": "Par", "lastName": format!("Allel-{i:02}") });
            scope.create_contact(Source::User, obj(fields)).unwrap();
        }
    }
    SlowRig {
        _server: server,
        me,
        replica,
        tenant,
        _dir: dir,
    }
}

impl SlowRig {
    fn in_flight(&self) -> usize {
        let r = self.replica.lock().unwrap();
        r.tenant(&self.tenant)
            .outbox(&[OpState::InFlight])
            .unwrap()
            .len()
    }

    async fn on_server(&self) -> Vec<String> {
        let v: Value = self
            .me
            .get("/api/v1/secure/contacts", &[("limit", "200".into())])
            .await
            .unwrap();
        v["data"]
            .as_array()
            .unwrap()
            .iter()
            .filter_map(|c| c["last_name"].as_str())
            .filter(|l| l.starts_with("Allel-"))
            .map(str::to_string)
            .collect()
    }
}

/// Pushes twelve new contacts with `concurrency`; returns the most ops seen in flight at once.
async fn most_in_flight(concurrency: usize) -> usize {
    let rig = slow_rig(12).await;
    let (me, replica, tenant) = (&rig.me, &rig.replica, &rig.tenant);
    let done = AtomicBool::new(false);
    let options = SyncOptions {
        push_concurrency: concurrency,
        ..SyncOptions::default()
    };
    let run = async {
        let report = sync_tenant(me, replica, tenant, &options).await.unwrap();
        done.store(true, Ordering::SeqCst);
        report
    };
    let watch = async {
        let mut most = 0;
        while !done.load(Ordering::SeqCst) {
            most = most.max(rig.in_flight());
            tokio::time::sleep(Duration::from_millis(5)).await;
        }
        most
    };
    let (report, most) = tokio::join!(run, watch);
    assert_eq!((report.pushed, report.failed), (12, 0), "{report:?}");
    assert!(replica
        .lock()
        .unwrap()
        .tenant(tenant)
        .outbox(&[])
        .unwrap()
        .is_empty());
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

#[tokio::test]
async fn a_cancelled_run_keeps_every_edit_and_the_next_sends_each_once() {
    let rig = slow_rig(8).await;
    let options = SyncOptions {
        push_concurrency: 2,
        ..SyncOptions::default()
    };
    let cancel = options.cancel.clone();
    let run = sync_tenant(&rig.me, &rig.replica, &rig.tenant, &options);
    let stop = async {
        // Cancel while creates are on the wire.
        while rig.in_flight() == 0 {
            tokio::time::sleep(Duration::from_millis(2)).await;
        }
        cancel.cancel();
    };
    let (result, ()) = tokio::join!(run, stop);
    let err = result.expect_err("the run was cancelled");
    assert_eq!(err.code(), "cancelled");
    assert!(err.to_string().contains("wait for the next sync"), "{err}");
    {
        let r = rig.replica.lock().unwrap();
        let scope = r.tenant(&rig.tenant);
        let left = scope.outbox(&[]).unwrap();
        assert!(
            !left.is_empty(),
            "the run stopped before sending everything"
        );
        assert!(
            left.iter().all(|op| op.state != OpState::InFlight),
            "nothing is left looking sent: {left:?}"
        );
        let last = scope.sync_runs(1).unwrap().remove(0);
        assert_eq!(last.outcome, RunOutcome::Failed);
        assert_eq!(last.report.details.unwrap()["code"], "cancelled");
    }

    let report = sync_tenant(&rig.me, &rig.replica, &rig.tenant, &SyncOptions::default())
        .await
        .unwrap();
    assert_eq!(report.failed, 0, "{report:?}");
    let mut names = rig.on_server().await;
    names.sort();
    let expected: Vec<String> = (0..8).map(|i| format!("Allel-{i:02}")).collect();
    assert_eq!(names, expected, "each contact on the server exactly once");
    let r = rig.replica.lock().unwrap();
    assert!(r.tenant(&rig.tenant).outbox(&[]).unwrap().is_empty());
}

#[tokio::test]
async fn a_run_reports_its_phases_in_order_and_clears_them_at_the_end() {
    let rig = slow_rig(4).await;
    let options = SyncOptions::default();
    let cell = options.progress.clone();
    let done = AtomicBool::new(false);
    let run = async {
        sync_tenant(&rig.me, &rig.replica, &rig.tenant, &options)
            .await
            .unwrap();
        done.store(true, Ordering::SeqCst);
    };
    let watch = async {
        let mut phases: Vec<Phase> = Vec::new();
        let mut most_sent = 0;
        while !done.load(Ordering::SeqCst) {
            if let Some(p) = cell.get() {
                if phases.last() != Some(&p.phase) {
                    phases.push(p.phase);
                }
                if p.phase == Phase::Sending {
                    assert_eq!(p.total, Some(4), "{p:?}");
                    most_sent = most_sent.max(p.done);
                }
            }
            tokio::time::sleep(Duration::from_millis(1)).await;
        }
        (phases, most_sent)
    };
    let ((), (phases, most_sent)) = tokio::join!(run, watch);
    assert_eq!(phases.first(), Some(&Phase::Sending), "{phases:?}");
    assert!(most_sent <= 4);
    // Receiving is quick on loopback: the phases seen are in order, whichever were caught.
    let order = |p: &Phase| match p {
        Phase::Sending => 0,
        Phase::Changes => 1,
        // The listed record types, in their declaration order (parents first).
        Phase::Receiving(t) => {
            2 + outpost_model::RecordType::ALL
                .iter()
                .position(|x| x == t)
                .unwrap()
        }
        Phase::Calendars => 100,
        Phase::Directory => 101,
    };
    assert!(
        phases.windows(2).all(|w| order(&w[0]) < order(&w[1])),
        "{phases:?}"
    );
    assert_eq!(cell.get(), None, "cleared when the run ends");
}

/// A record deleted while its op waits in the batch a run is sending: with one op on the wire
/// at a time, a contact is deleted here while the create before its link's op is on the wire.
/// The link's op and row go with the contact; the run skips the op it had read and ends well.
#[tokio::test]
async fn a_record_deleted_while_its_op_waits_in_the_batch_is_skipped() {
    let rig = slow_rig(1).await;
    let (contact, link) = {
        let r = rig.replica.lock().unwrap();
        let scope = r.tenant(&rig.tenant);
        let user = scope
            .directory(outpost_replica::Directory::Users)
            .unwrap()
            .remove(0)
            .server_id;
        let contact = scope
            .contacts(&outpost_replica::ContactQuery {
                limit: 50,
                ..Default::default()
            })
            .unwrap()
            .items
            .into_iter()
            .find(|c| c.server_id.is_some())
            .expect("a synced contact")
            .local_id;
        let link = scope
            .link_contact(Source::User, &contact, "user", &user, false)
            .unwrap()
            .local_id;
        (contact, link)
    };
    let options = SyncOptions {
        push_concurrency: 1,
        ..SyncOptions::default()
    };
    let run = sync_tenant(&rig.me, &rig.replica, &rig.tenant, &options);
    let delete = async {
        // The slow create is on the wire; the link's op waits behind it in the same batch.
        while rig.in_flight() == 0 {
            tokio::time::sleep(Duration::from_millis(2)).await;
        }
        let r = rig.replica.lock().unwrap();
        let scope = r.tenant(&rig.tenant);
        scope.delete_contact(Source::User, &contact).unwrap();
        assert!(scope
            .ops_for_record(outpost_replica::Entity::ContactLink, &link)
            .unwrap()
            .is_empty());
    };
    let (report, ()) = tokio::join!(run, delete);
    let report = report.expect("the run ends well");
    assert_eq!(report.failed, 0, "{report:?}");
    let report = sync_tenant(&rig.me, &rig.replica, &rig.tenant, &SyncOptions::default())
        .await
        .unwrap();
    assert_eq!((report.failed, report.conflicts), (0, 0), "{report:?}");
    let r = rig.replica.lock().unwrap();
    assert!(r.tenant(&rig.tenant).outbox(&[]).unwrap().is_empty());
}
