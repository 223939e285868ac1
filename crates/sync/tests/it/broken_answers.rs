//! Server answers that break the API schema (through a proxy that rewrites the devserver's
//! JSON, `outpost_tests::tamper`): the run fails with an error naming what was wrong, nothing
//! already stored is lost or deleted, and the next run with good answers settles.

use std::sync::Mutex;

use chrono::{Duration, Utc};
use outpost_devserver::{demo, DemoOptions, DevServerConfig};
use outpost_replica::{Replica, Source, TenantScope};
use outpost_sync::{sync_tenant, SyncOptions};
use outpost_tests::platform::session_as;
use outpost_tests::tamper::Tamper;
use serde_json::{json, Value};

struct Held {
    contacts: u32,
    calendars: u32,
    window_items: usize,
}

fn held(scope: &TenantScope<'_>) -> Held {
    let counts = scope.counts().unwrap();
    let now = Utc::now();
    Held {
        contacts: counts.contacts,
        calendars: counts.calendars,
        window_items: scope
            .window_all(now - Duration::days(400), now + Duration::days(400))
            .unwrap()
            .len(),
    }
}

/// A demo devserver behind a tampering proxy, the admin's session through the proxy, and a
/// replica after a clean first sync.
struct Proxied {
    _server: outpost_devserver::RunningServer,
    proxy: Tamper,
    tenant: String,
    session: outpost_platform::Session,
    replica: Mutex<Replica>,
    options: SyncOptions,
    _dir: tempfile::TempDir,
}

async fn proxied() -> Proxied {
    let server = outpost_devserver::start(DevServerConfig {
        demo: Some(DemoOptions::default()),
        ..DevServerConfig::default()
    })
    .await
    .unwrap();
    let proxy = Tamper::to(&server.base_url()).await;
    let tenant = demo::tenant_id("acme-field");
    let session = session_as(
        &proxy.base_url(),
        demo::ADMIN_EMAIL,
        demo::ADMIN_PASSWORD,
        &tenant,
    )
    .await;
    let dir = tempfile::tempdir().unwrap();
    let replica = Mutex::new(Replica::open(dir.path().join("r.db")).unwrap());
    // These answers break the listings: every run lists in full, as a verification would.
    let options = SyncOptions {
        full: true,
        ..SyncOptions::default()
    };
    sync_tenant(&session, &replica, &tenant, &options)
        .await
        .unwrap();
    Proxied {
        _server: server,
        proxy,
        tenant,
        session,
        replica,
        options,
        _dir: dir,
    }
}

/// Runs the scenario: a clean first sync, a local edit, then a sync whose answers `rewrite`
/// breaks. Returns the failed run's error, after checking that nothing was lost.
async fn sync_through_a_broken_answer(
    rewrite: impl Fn(&str, &mut Value) -> bool + Send + Sync + 'static,
) -> String {
    let rig = proxied().await;
    let (proxy, tenant, session, replica, options) = (
        &rig.proxy,
        &rig.tenant,
        &rig.session,
        &rig.replica,
        &rig.options,
    );
    let before = held(&replica.lock().unwrap().tenant(tenant));
    assert!(before.contacts > 0 && before.window_items > 0);
    let mine = replica
        .lock()
        .unwrap()
        .tenant(tenant)
        .create_contact(
            Source::User,
            json!({"firstName": "Kept", "lastName": "Through"})
                .as_object()
                .unwrap()
                .clone(),
        )
        .unwrap();

    proxy.set(rewrite);
    let error = sync_tenant(session, replica, tenant, options)
        .await
        .expect_err("a run over a broken answer fails")
        .to_string();
    assert!(proxy.rewritten() > 0, "the proxy broke an answer");
    {
        let r = replica.lock().unwrap();
        let scope = r.tenant(tenant);
        let after = held(&scope);
        assert_eq!(after.contacts, before.contacts + 1, "no contact lost");
        assert_eq!(after.calendars, before.calendars, "no calendar lost");
        assert_eq!(after.window_items, before.window_items, "no entry lost");
        assert!(
            scope
                .get(outpost_replica::Entity::Contact, &mine.local_id)
                .is_ok(),
            "the local edit is still here"
        );
        let last = scope.sync_runs(1).unwrap().remove(0);
        assert_eq!(last.report.error.as_deref(), Some(error.as_str()));
    }

    proxy.clear();
    sync_tenant(session, replica, tenant, options)
        .await
        .expect("good answers again: the run settles");
    let r = replica.lock().unwrap();
    let scope = r.tenant(tenant);
    assert_eq!(held(&scope).contacts, before.contacts + 1);
    assert!(scope
        .get(outpost_replica::Entity::Contact, &mine.local_id)
        .unwrap()
        .server_id
        .is_some());
    error
}

/// The request is a listing of `path` (with or without a trailing slash).
fn is_listing(target: &str, path: &str) -> bool {
    let asked = target.split('?').next().unwrap_or_default();
    asked.trim_end_matches('/') == path.trim_end_matches('/')
}

#[tokio::test]
async fn a_contact_without_an_id_stops_the_pull_and_deletes_nothing() {
    let error = sync_through_a_broken_answer(|target, json| {
        if !is_listing(target, "/api/v1/secure/contacts") || !target.contains("offset=0") {
            return false;
        }
        match json["data"].as_array_mut().and_then(|rows| rows.get_mut(1)) {
            Some(Value::Object(row)) => row.remove("id").is_some(),
            _ => false,
        }
    })
    .await;
    assert!(
        error.contains("contact list") && error.contains("no id"),
        "the error names the problem: {error}"
    );
}

#[tokio::test]
async fn a_listing_without_its_total_is_refused_by_name() {
    let error = sync_through_a_broken_answer(|target, json| {
        is_listing(target, "/api/v1/secure/contacts")
            && json
                .get_mut("pagination")
                .and_then(Value::as_object_mut)
                .and_then(|p| p.remove("total"))
                .is_some()
    })
    .await;
    assert!(
        error.contains("pagination.total is missing"),
        "the error names the field: {error}"
    );
}

#[tokio::test]
async fn an_entry_window_whose_data_is_not_a_list_is_refused_by_name() {
    let error = sync_through_a_broken_answer(|target, json| {
        target.contains("/calendar/entries")
            && json
                .as_object_mut()
                .and_then(|o| o.insert("data".into(), json!("not a list")))
                .is_some()
    })
    .await;
    assert!(
        error.contains("data is not an array"),
        "the error names the field: {error}"
    );
}

#[tokio::test]
async fn a_contact_field_of_the_wrong_type_is_refused_by_name() {
    let error = sync_through_a_broken_answer(|target, json| {
        if !is_listing(target, "/api/v1/secure/contacts") || !target.contains("offset=0") {
            return false;
        }
        match json["data"].as_array_mut().and_then(|rows| rows.get_mut(1)) {
            Some(Value::Object(row)) => row.insert("email".into(), json!(42)).is_some(),
            _ => false,
        }
    })
    .await;
    assert!(
        error.contains("contact") && error.contains("email should be text, not 42"),
        "the error names the record and the field: {error}"
    );
}

#[tokio::test]
async fn an_entry_time_that_cannot_be_read_is_refused_by_name() {
    let error = sync_through_a_broken_answer(|target, json| {
        if !target.contains("/calendar/entries") {
            return false;
        }
        match json["data"]
            .as_array_mut()
            .and_then(|rows| rows.first_mut())
        {
            Some(Value::Object(row)) => row
                .insert("startsAt".into(), json!("next Tuesday"))
                .is_some(),
            _ => false,
        }
    })
    .await;
    assert!(
        error.contains("entry") && error.contains("startsAt should be a date-time"),
        "the error names the record and the field: {error}"
    );
}

/// The server applies a create but answers with a record that breaks the schema: the push
/// leaves that op waiting with the reason, the rest of the outbox still goes, and the pull,
/// reading the record well-formed in the listing, recognises it as that create's: one record,
/// here and on the server.
#[tokio::test]
async fn a_create_answered_with_a_broken_record_waits_and_the_rest_goes_on() {
    let rig = proxied().await;
    let (proxy, tenant, session, replica, options) = (
        &rig.proxy,
        &rig.tenant,
        &rig.session,
        &rig.replica,
        &rig.options,
    );
    let create = |last: &str| {
        replica
            .lock()
            .unwrap()
            .tenant(tenant)
            .create_contact(
                Source::User,
                json!({"firstName": "Answer", "lastName": last})
                    .as_object()
                    .unwrap()
                    .clone(),
            )
            .unwrap()
    };
    let (broken, fine) = (create("Broken"), create("Fine"));

    proxy.set(|target, json| {
        target.starts_with("/api/v1/secure/contacts")
            && json["data"]["last_name"] == "Broken"
            && json["data"]
                .as_object_mut()
                .and_then(|row| row.insert("email".into(), json!(42)))
                .is_some()
    });
    let report = sync_tenant(session, replica, tenant, options)
        .await
        .expect("one unrecordable answer does not stop the run");
    assert!(proxy.rewritten() > 0, "the proxy broke the answer");
    assert_eq!((report.pushed, report.failed), (1, 1), "{report:?}");
    let v: Value = session
        .get(
            "/api/v1/secure/contacts",
            &[("search", "Broken".into()), ("limit", "200".into())],
        )
        .await
        .unwrap();
    let r = replica.lock().unwrap();
    let scope = r.tenant(tenant);
    assert!(scope
        .get(outpost_replica::Entity::Contact, &fine.local_id)
        .unwrap()
        .server_id
        .is_some());
    // The push left the create waiting with the reason; the same run's pull then read the
    // record in the listing, well-formed, and recognised it as that create's.
    let runs = scope.sync_runs(1).unwrap();
    assert_eq!(runs[0].report.failed, 1);
    assert!(scope
        .ops_for_record(outpost_replica::Entity::Contact, &broken.local_id)
        .unwrap()
        .is_empty());
    let on_server: Vec<&Value> = v["data"]
        .as_array()
        .unwrap()
        .iter()
        .filter(|c| c["last_name"] == "Broken")
        .collect();
    assert_eq!(on_server.len(), 1, "no second copy");
    assert_eq!(
        scope
            .get(outpost_replica::Entity::Contact, &broken.local_id)
            .unwrap()
            .server_id
            .as_deref(),
        on_server[0]["id"].as_str()
    );
}

#[tokio::test]
async fn a_listing_that_hands_over_another_tenants_record_is_refused() {
    let other = demo::tenant_id("northwind");
    let wrong = other.clone();
    let error = sync_through_a_broken_answer(move |path, v| {
        if !path.starts_with("/api/v1/secure/contacts?") {
            return false;
        }
        match v["data"].get_mut(0) {
            Some(row) => {
                row["tenantId"] = json!(wrong);
                true
            }
            None => false,
        }
    })
    .await;
    assert!(
        error.contains(&format!("a record of tenant {other}")),
        "{error}"
    );
}
