//! The contacts sync cycle against a real devserver and a real replica file.

use crate::common::{obj, rig, session, Rig};
use outpost_devserver::demo;
use outpost_platform::Method;
use outpost_replica::{Entity, OpState, Source};
use outpost_sync::{sync_tenant, SyncOptions};
use serde_json::{json, Value};

/// Creates a contact here and marks its create as sent with no answer stored (the engine died
/// or the connection dropped after sending it): it may or may not be on the server.
fn create_sent_unanswered(rig: &Rig, fields: &Value) -> (String, String) {
    let r = rig.replica.lock().unwrap();
    let scope = r.tenant(&rig.tenant);
    let local = scope
        .create_contact(Source::User, obj(fields.clone()))
        .unwrap()
        .local_id;
    let op = scope
        .outbox(&[])
        .unwrap()
        .into_iter()
        .find(|o| o.local_id == local)
        .unwrap();
    scope.mark_in_flight(&op.op_id).unwrap();
    (local, op.op_id)
}

#[tokio::test]
async fn the_first_sync_pulls_every_contact_of_the_tenant_only() {
    let rig = rig().await;
    let report = rig.sync().await;
    assert!(report.pulled >= 40, "{report:?}");
    let r = rig.replica.lock().unwrap();
    assert_eq!(
        r.tenant(&rig.tenant)
            .known_server_ids(Entity::Contact)
            .unwrap()
            .len(),
        40
    );
    assert!(r
        .tenant(&demo::tenant_id("northwind"))
        .known_server_ids(Entity::Contact)
        .unwrap()
        .is_empty());
    assert_eq!(
        r.tenant(&rig.tenant).sync_runs(5).unwrap()[0].report.pulled,
        report.pulled
    );
}

#[tokio::test]
async fn offline_creates_and_edits_reach_the_server_as_one_create() {
    let rig = rig().await;
    let local_id = {
        let r = rig.replica.lock().unwrap();
        let scope = r.tenant(&rig.tenant);
        let rec = scope
            .create_contact(
                Source::User,
                obj(json!({ "firstName": "Grace", "lastName": "Hopper" })),
            )
            .unwrap();
        scope
            .update_contact(
                Source::User,
                &rec.local_id,
                obj(json!({ "email": "grace@example.com" })),
            )
            .unwrap();
        rec.local_id
    };
    let report = rig.sync().await;
    assert_eq!(report.pushed, 1, "coalesced into one create");
    assert!(rig.outbox_states().is_empty());
    let on_server: Vec<Value> = rig
        .server_contacts()
        .await
        .into_iter()
        .filter(|c| c["last_name"] == "Hopper")
        .collect();
    assert_eq!(on_server.len(), 1);
    assert_eq!(on_server[0]["email"], "grace@example.com");
    assert_eq!(
        rig.server_id(&local_id),
        on_server[0]["id"].as_str().unwrap()
    );
}

#[tokio::test]
async fn different_fields_changed_on_both_sides_merge_silently() {
    let rig = rig().await;
    rig.sync().await;
    let contact = rig.server_contacts().await[0].clone();
    let server_id = contact["id"].as_str().unwrap();
    let local_id = {
        let r = rig.replica.lock().unwrap();
        let scope = r.tenant(&rig.tenant);
        let rec = scope.get(Entity::Contact, server_id).unwrap();
        scope
            .update_contact(
                Source::User,
                &rec.local_id,
                obj(json!({ "notes": "gate code 4711" })),
            )
            .unwrap();
        rec.local_id
    };
    rig.remote_patch(server_id, json!({ "phone": "+49 30 5550000" }))
        .await;
    let report = rig.sync().await;
    assert_eq!((report.pushed, report.conflicts), (1, 0));
    let after: Value = rig
        .remote
        .get(&format!("/api/v1/secure/contacts/{server_id}"), &[])
        .await
        .unwrap();
    assert_eq!(after["data"]["notes"], "gate code 4711");
    assert_eq!(after["data"]["phone"], "+49 30 5550000");
    let local = rig.local(&local_id);
    assert_eq!(
        local["phone"], "+49 30 5550000",
        "the pull brought the remote change"
    );
}

#[tokio::test]
async fn the_same_field_changed_on_both_sides_is_a_conflict_nothing_is_lost() {
    let rig = rig().await;
    rig.sync().await;
    let contact = rig.server_contacts().await[1].clone();
    let server_id = contact["id"].as_str().unwrap();
    let local_id = {
        let r = rig.replica.lock().unwrap();
        let scope = r.tenant(&rig.tenant);
        let rec = scope.get(Entity::Contact, server_id).unwrap();
        scope
            .update_contact(
                Source::User,
                &rec.local_id,
                obj(json!({ "email": "mine@example.com" })),
            )
            .unwrap();
        rec.local_id
    };
    rig.remote_patch(server_id, json!({ "email": "theirs@example.com" }))
        .await;
    let report = rig.sync().await;
    assert_eq!(report.conflicts, 1);
    assert_eq!(rig.outbox_states(), vec![OpState::Conflict]);
    let r = rig.replica.lock().unwrap();
    let conflicts = r.tenant(&rig.tenant).conflicts().unwrap();
    assert_eq!(conflicts.len(), 1);
    assert_eq!(conflicts[0].fields, vec!["email".to_string()]);
    assert_eq!(
        conflicts[0].local.as_ref().unwrap()["email"],
        "mine@example.com"
    );
    assert_eq!(
        conflicts[0].remote.as_ref().unwrap()["email"],
        "theirs@example.com"
    );
    drop(r);
    assert_eq!(
        rig.local(&local_id)["email"],
        "mine@example.com",
        "the local edit is kept"
    );
}

#[tokio::test]
async fn remote_deletes_remove_clean_rows_and_conflict_with_local_edits() {
    let rig = rig().await;
    rig.sync().await;
    let all = rig.server_contacts().await;
    let (clean, edited) = (
        all[2]["id"].as_str().unwrap().to_string(),
        all[3]["id"].as_str().unwrap().to_string(),
    );
    {
        let r = rig.replica.lock().unwrap();
        let scope = r.tenant(&rig.tenant);
        let rec = scope.get(Entity::Contact, &edited).unwrap();
        scope
            .update_contact(
                Source::User,
                &rec.local_id,
                obj(json!({ "notes": "still needed" })),
            )
            .unwrap();
    }
    for id in [&clean, &edited] {
        let _: Value = rig
            .remote
            .request(
                Method::DELETE,
                &format!("/api/v1/secure/contacts/{id}"),
                &[],
                None,
            )
            .await
            .unwrap();
    }
    let report = rig.sync().await;
    assert_eq!(report.conflicts, 1, "{report:?}");
    let r = rig.replica.lock().unwrap();
    let scope = r.tenant(&rig.tenant);
    assert!(
        scope.get(Entity::Contact, &clean).is_err(),
        "gone locally too"
    );
    assert!(
        scope.get(Entity::Contact, &edited).is_ok(),
        "kept until the user decides"
    );
    assert_eq!(scope.conflicts().unwrap().len(), 1);
}

#[tokio::test]
async fn a_create_whose_answer_was_lost_is_found_not_duplicated() {
    let rig = rig().await;
    let (_, op_id) = create_sent_unanswered(
        &rig,
        &json!({ "firstName": "Lin", "lastName": "Lost", "phone": "+1 555 0100" }),
    );
    let _: Value = rig
        .session
        .send_json(
            Method::POST,
            "/api/v1/secure/contacts",
            &json!({ "firstName": "Lin", "lastName": "Lost", "phone": "+1 555 0100" }),
        )
        .await
        .unwrap();
    let report = rig.sync().await;
    assert_eq!(report.pushed, 1);
    let lost: Vec<Value> = rig
        .server_contacts()
        .await
        .into_iter()
        .filter(|c| c["last_name"] == "Lost")
        .collect();
    assert_eq!(lost.len(), 1, "no duplicate");
    let r = rig.replica.lock().unwrap();
    let scope = r.tenant(&rig.tenant);
    assert!(scope.outbox(&[]).unwrap().iter().all(|o| o.op_id != op_id));
    assert_eq!(scope.known_server_ids(Entity::Contact).unwrap().len(), 41);
}

#[tokio::test]
async fn a_lost_create_edited_by_someone_before_the_retry_is_found_not_duplicated() {
    let rig = rig().await;
    let fields = json!({ "firstName": "Eda", "lastName": "Edited", "phone": "+1 555 0101" });
    let (local_id, _) = create_sent_unanswered(&rig, &fields);
    let made: Value = rig
        .session
        .send_json(Method::POST, "/api/v1/secure/contacts", &fields)
        .await
        .unwrap();
    // A colleague changes the phone before this replica retries (a later millisecond, so the
    // server's stamps show the edit).
    tokio::time::sleep(std::time::Duration::from_millis(5)).await;
    rig.remote_patch(
        made["data"]["id"].as_str().unwrap(),
        json!({ "phone": "+1 555 0999" }),
    )
    .await;

    let report = rig.sync().await;
    assert_eq!((report.pushed, report.failed), (1, 0), "{report:?}");
    let on_server: Vec<Value> = rig
        .server_contacts()
        .await
        .into_iter()
        .filter(|c| c["last_name"] == "Edited")
        .collect();
    assert_eq!(on_server.len(), 1, "no duplicate: {on_server:?}");
    assert_eq!(
        rig.server_id(&local_id),
        made["data"]["id"].as_str().unwrap()
    );
    assert_eq!(
        rig.local(&local_id)["phone"],
        "+1 555 0999",
        "the later edit is kept"
    );
}

/// A create whose answer was lost waits for its retry time (backoff) while the next sync's pull
/// brings the record it made: the pull recognises it then, before anyone could change it. A
/// colleague then changing most of its fields cannot make the retry send it again.
#[tokio::test]
async fn a_lost_create_is_recognised_by_the_pull_before_others_change_it() {
    let rig = rig().await;
    let fields = json!({ "firstName": "Pia", "lastName": "Pulled", "phone": "+1 555 0103" });
    let (local_id, op_id) = create_sent_unanswered(&rig, &fields);
    {
        let r = rig.replica.lock().unwrap();
        r.tenant(&rig.tenant)
            .mark_failed(
                &op_id,
                "the connection dropped",
                Some(chrono::Utc::now() + chrono::Duration::minutes(5)),
            )
            .unwrap();
    }
    // The server had applied it.
    let made: Value = rig
        .session
        .send_json(Method::POST, "/api/v1/secure/contacts", &fields)
        .await
        .unwrap();
    let made_id = made["data"]["id"].as_str().unwrap().to_string();

    let report = rig.sync().await;
    assert_eq!(
        (report.pushed, report.failed),
        (0, 0),
        "not due yet: {report:?}"
    );
    assert_eq!(rig.server_id(&local_id), made_id, "recognised by the pull");
    {
        let r = rig.replica.lock().unwrap();
        let scope = r.tenant(&rig.tenant);
        assert!(
            scope.outbox(&[]).unwrap().is_empty(),
            "nothing left to send"
        );
        assert_eq!(
            scope.search_contacts("Pulled", 10).unwrap().len(),
            1,
            "one row for it here, not a pulled copy beside it"
        );
    }

    // Most of its fields changed by a colleague: nothing is sent again.
    tokio::time::sleep(std::time::Duration::from_millis(5)).await;
    rig.remote_patch(
        &made_id,
        json!({ "firstName": "Pina", "phone": "+1 555 0999" }),
    )
    .await;
    let report = rig.sync().await;
    assert_eq!((report.pushed, report.failed), (0, 0), "{report:?}");
    let copies = rig
        .server_contacts()
        .await
        .into_iter()
        .filter(|c| c["last_name"] == "Pulled")
        .count();
    assert_eq!(copies, 1, "no second copy");
    assert_eq!(rig.local(&local_id)["firstName"], "Pina");
}

#[tokio::test]
async fn a_retried_create_does_not_take_over_a_twin_created_here() {
    let rig = rig().await;
    let fields = json!({ "firstName": "Tom", "lastName": "Twin", "phone": "+1 555 0102" });
    let first = {
        let r = rig.replica.lock().unwrap();
        r.tenant(&rig.tenant)
            .create_contact(Source::User, obj(fields.clone()))
            .unwrap()
            .local_id
    };
    rig.sync().await;
    // Sent (so it may have happened) but it never reached the server.
    let (second, _) = create_sent_unanswered(&rig, &fields);
    let report = rig.sync().await;
    assert_eq!((report.pushed, report.failed), (1, 0), "{report:?}");
    let twins = rig
        .server_contacts()
        .await
        .into_iter()
        .filter(|c| c["last_name"] == "Twin")
        .count();
    assert_eq!(twins, 2, "two contacts made here are two on the server");
    assert_ne!(rig.server_id(&first), rig.server_id(&second));
}

#[tokio::test]
async fn offline_leaves_the_outbox_intact_with_a_retry_time() {
    let rig = rig().await;
    {
        let r = rig.replica.lock().unwrap();
        r.tenant(&rig.tenant)
            .create_contact(
                Source::User,
                obj(json!({ "firstName": "Off", "lastName": "Line" })),
            )
            .unwrap();
    }
    let Rig {
        server,
        session,
        replica,
        tenant,
        ..
    } = rig;
    server.shutdown().await.unwrap();
    let err = sync_tenant(&session, &replica, &tenant, &SyncOptions::default())
        .await
        .unwrap_err();
    assert_eq!(err.code(), "offline");
    let r = replica.lock().unwrap();
    let scope = r.tenant(&tenant);
    let ops = scope.outbox(&[]).unwrap();
    assert_eq!(ops.len(), 1);
    assert_eq!(
        ops[0].state,
        OpState::Pending,
        "nothing was sent: the run stopped at its first call"
    );
    let runs = scope.sync_runs(1).unwrap();
    assert!(runs[0]
        .report
        .error
        .as_deref()
        .unwrap()
        .contains("cannot reach the server"));
}

#[tokio::test]
async fn a_refused_write_is_kept_failed_with_the_servers_message() {
    let rig = rig().await;
    // A guest may read but not write: the server refuses with 403.
    let guest = session(&rig.server, demo::GUEST_EMAIL, demo::GUEST_PASSWORD).await;
    {
        let r = rig.replica.lock().unwrap();
        r.tenant(&rig.tenant)
            .create_contact(
                Source::User,
                obj(json!({ "firstName": "Not", "lastName": "Allowed" })),
            )
            .unwrap();
    }
    let report = sync_tenant(&guest, &rig.replica, &rig.tenant, &SyncOptions::default())
        .await
        .unwrap();
    assert_eq!(report.failed, 1);
    // What a guest may not read (the tenant's invitations) is left out, not a failed run.
    assert!(
        report.details.as_ref().unwrap()["notReadable"]
            .as_u64()
            .unwrap()
            >= 1,
        "{report:?}"
    );
    let r = rig.replica.lock().unwrap();
    let op = r.tenant(&rig.tenant).outbox(&[]).unwrap().remove(0);
    assert_eq!(op.state, OpState::Failed);
    assert!(op
        .last_error
        .unwrap()
        .contains("Guests can read but not change data"));
    assert!(op.next_attempt_at.is_none(), "not retried by itself");
}

#[tokio::test]
async fn sent_ops_are_forgotten_a_month_after_they_went() {
    let rig = rig().await;
    {
        let r = rig.replica.lock().unwrap();
        let scope = r.tenant(&rig.tenant);
        for last in ["Old", "Recent"] {
            scope
                .create_contact(
                    Source::User,
                    obj(json!({ "firstName": "Sent", "lastName": last })),
                )
                .unwrap();
        }
    }
    rig.sync().await;
    let done = |rig: &crate::common::Rig| -> i64 {
        let r = rig.replica.lock().unwrap();
        r.conn()
            .query_row(
                "SELECT COUNT(*) FROM outbox WHERE state = 'done'",
                [],
                |row| row.get(0),
            )
            .unwrap()
    };
    assert_eq!(done(&rig), 2, "kept for the history");
    {
        let r = rig.replica.lock().unwrap();
        let old = (chrono::Utc::now() - chrono::Duration::days(31)).to_rfc3339();
        r.conn()
            .execute(
                "UPDATE outbox SET updated_at = ?1 WHERE rowid = (SELECT MIN(rowid) FROM outbox)",
                [old],
            )
            .unwrap();
    }
    rig.sync().await;
    assert_eq!(
        done(&rig),
        1,
        "the month-old one is gone, the recent one stays"
    );
}
