//! Coalescing, the op lifecycle the sync engine drives, server upserts and id mapping.

use crate::common::*;
use chrono::{Duration, Utc};
use outpost_replica::{Entity, OpKind, OpState, RemoteDelete, Source};
use serde_json::json;

const CAL_SERVER_ID: &str = "7d4c0a52-1111-4a2b-9c3d-000000000001";
const CONTACT_SERVER_ID: &str = "7d4c0a52-2222-4a2b-9c3d-000000000001";

#[test]
fn sync_writes_never_queue_and_replace_clean_rows() {
    let t = open();
    let scope = t.replica.tenant(TENANT);
    let local = scope
        .upsert_from_server(
            Entity::Calendar,
            &server_calendar(CAL_SERVER_ID, "Team", "2026-01-02T00:00:00Z"),
        )
        .unwrap();
    assert_eq!(outbox_count(&t.replica), 0);
    let again = scope
        .upsert_from_server(
            Entity::Calendar,
            &server_calendar(CAL_SERVER_ID, "Team 2", "2026-01-03T00:00:00Z"),
        )
        .unwrap();
    assert_eq!(
        local, again,
        "the same server id maps to the same local row"
    );
    let rec = scope.get(Entity::Calendar, CAL_SERVER_ID).unwrap();
    assert_eq!(rec.fields["name"], json!("Team 2"));
    assert_eq!(rec.base_updated_at.as_deref(), Some("2026-01-03T00:00:00Z"));
    assert!(
        rec.fields.get("description").is_none(),
        "response-only nulls are not request fields"
    );
    assert_eq!(outbox_count(&t.replica), 0);
}

#[test]
fn updates_of_a_synced_record_coalesce_with_the_first_base() {
    let t = open();
    let scope = t.replica.tenant(TENANT);
    scope
        .upsert_from_server(
            Entity::Contact,
            &server_contact(CONTACT_SERVER_ID, "Anna", "Muster", "2026-01-02T00:00:00Z"),
        )
        .unwrap();
    scope
        .update_contact(
            Source::User,
            CONTACT_SERVER_ID,
            fields(json!({"lastName": "Müller"})),
        )
        .unwrap();
    // A pull while the edit waits: the edited field stays local, the base moves, the rest
    // follows the server.
    let mut remote = server_contact(CONTACT_SERVER_ID, "Anna", "Muster", "2026-01-05T00:00:00Z");
    remote["phone"] = json!("+49 1");
    scope.upsert_from_server(Entity::Contact, &remote).unwrap();
    let rec = scope.get(Entity::Contact, CONTACT_SERVER_ID).unwrap();
    assert_eq!(rec.fields["lastName"], json!("Müller"));
    assert_eq!(
        rec.fields["phone"],
        json!("+49 1"),
        "fields without local changes follow the server while ops wait"
    );
    assert_eq!(rec.base_updated_at.as_deref(), Some("2026-01-05T00:00:00Z"));

    scope
        .update_contact(
            Source::User,
            CONTACT_SERVER_ID,
            fields(json!({"notes": "VIP", "lastName": "Müller-Lüdenscheidt"})),
        )
        .unwrap();
    let ops = scope
        .ops_for_record(Entity::Contact, &rec.local_id)
        .unwrap();
    assert_eq!(ops.len(), 1);
    assert_eq!(ops[0].kind, OpKind::Update);
    assert_eq!(
        ops[0].payload,
        json!({"lastName": "Müller-Lüdenscheidt", "notes": "VIP"})
    );
    assert_eq!(
        ops[0].base,
        Some(json!({"lastName": "Muster", "notes": null}))
    );
    assert_eq!(
        ops[0].base_updated_at.as_deref(),
        Some("2026-01-02T00:00:00Z"),
        "base kept from the first edit"
    );

    // Editing every field back to its base leaves nothing to send.
    scope
        .update_contact(
            Source::User,
            CONTACT_SERVER_ID,
            fields(json!({"notes": null, "lastName": "Muster"})),
        )
        .unwrap();
    assert!(scope
        .ops_for_record(Entity::Contact, &rec.local_id)
        .unwrap()
        .is_empty());
}

#[test]
fn update_then_delete_is_one_delete() {
    let t = open();
    let scope = t.replica.tenant(TENANT);
    let local = scope
        .upsert_from_server(
            Entity::Contact,
            &server_contact(CONTACT_SERVER_ID, "Anna", "Muster", "2026-01-02T00:00:00Z"),
        )
        .unwrap();
    scope
        .update_contact(Source::User, &local, fields(json!({"notes": "x"})))
        .unwrap();
    scope
        .upsert_from_server(
            Entity::Contact,
            &server_contact(CONTACT_SERVER_ID, "Anna", "Muster", "2026-01-09T00:00:00Z"),
        )
        .unwrap();
    scope.delete_contact(Source::User, &local).unwrap();
    let ops = scope.ops_for_record(Entity::Contact, &local).unwrap();
    assert_eq!(ops.len(), 1);
    assert_eq!(ops[0].kind, OpKind::Delete);
    assert_eq!(
        ops[0].base_updated_at.as_deref(),
        Some("2026-01-02T00:00:00Z")
    );
    assert_eq!(
        scope.get(Entity::Contact, &local).unwrap_err().code(),
        "not_found"
    );
    assert_eq!(scope.contacts(&Default::default()).unwrap().total, 0);
    assert_eq!(
        scope
            .update_contact(Source::User, &local, fields(json!({"notes": "y"})))
            .unwrap_err()
            .code(),
        "not_found"
    );
    // The delete goes through: the row is gone for good.
    scope.mark_in_flight(&ops[0].op_id).unwrap();
    scope.mark_done(&ops[0].op_id, None).unwrap();
    assert!(scope.known_server_ids(Entity::Contact).unwrap().is_empty());
}

#[test]
fn an_op_in_flight_is_never_rewritten() {
    let t = open();
    let scope = t.replica.tenant(TENANT);
    let local = scope
        .upsert_from_server(
            Entity::Contact,
            &server_contact(CONTACT_SERVER_ID, "Anna", "Muster", "2026-01-02T00:00:00Z"),
        )
        .unwrap();
    scope
        .update_contact(Source::User, &local, fields(json!({"notes": "one"})))
        .unwrap();
    let first = scope
        .ops_for_record(Entity::Contact, &local)
        .unwrap()
        .remove(0);
    scope.mark_in_flight(&first.op_id).unwrap();
    scope
        .update_contact(Source::User, &local, fields(json!({"notes": "two"})))
        .unwrap();
    let ops = scope.ops_for_record(Entity::Contact, &local).unwrap();
    assert_eq!(ops.len(), 2);
    assert_eq!(ops[0].payload, json!({"notes": "one"}));
    assert_eq!(ops[0].state, OpState::InFlight);
    assert_eq!(ops[0].attempts, 1);
    assert_eq!(ops[1].payload, json!({"notes": "two"}));
    // The first lands: the second is now based on the server's new state.
    let mut answer = server_contact(CONTACT_SERVER_ID, "Anna", "Muster", "2026-01-03T00:00:00Z");
    answer["notes"] = json!("one");
    scope.mark_done(&first.op_id, Some(&answer)).unwrap();
    let ops = scope.ops_for_record(Entity::Contact, &local).unwrap();
    assert_eq!(ops.len(), 1);
    assert_eq!(ops[0].base, Some(json!({"notes": "one"})));
    assert_eq!(
        ops[0].base_updated_at.as_deref(),
        Some("2026-01-03T00:00:00Z")
    );
    assert_eq!(
        scope.get(Entity::Contact, &local).unwrap().fields["notes"],
        json!("two")
    );
}

#[test]
fn created_ids_are_mapped_and_later_ops_rewritten() {
    let t = open();
    let scope = t.replica.tenant(TENANT);
    let cal = calendar(&scope, "New", "Europe/Berlin");
    let e = entry(
        &scope,
        &cal.local_id,
        "First",
        "2026-03-02T08:00:00Z",
        "2026-03-02T09:00:00Z",
    );
    let ready = scope.ready_ops(Utc::now()).unwrap();
    assert_eq!(
        ready.len(),
        1,
        "the entry waits for its calendar's server id"
    );
    assert_eq!(ready[0].entity, Entity::Calendar);

    scope.mark_in_flight(&ready[0].op_id).unwrap();
    scope
        .mark_done(
            &ready[0].op_id,
            Some(&server_calendar(
                CAL_SERVER_ID,
                "New",
                "2026-03-01T00:00:00Z",
            )),
        )
        .unwrap();
    let cal_now = scope.get(Entity::Calendar, &cal.local_id).unwrap();
    assert_eq!(cal_now.server_id.as_deref(), Some(CAL_SERVER_ID));
    assert!(!cal_now.has_pending_ops);
    let entry_op = &scope.ops_for_record(Entity::Entry, &e.local_id).unwrap()[0];
    assert_eq!(
        entry_op.payload["calendarId"],
        json!(CAL_SERVER_ID),
        "the op now names the server id"
    );
    assert_eq!(
        scope.get(Entity::Entry, &e.local_id).unwrap().fields["calendarId"],
        json!(CAL_SERVER_ID)
    );
    let ready = scope.ready_ops(Utc::now()).unwrap();
    assert_eq!(ready.len(), 1);
    assert_eq!(ready[0].entity, Entity::Entry);
    // The window still finds the entry by either id of its calendar.
    let from = "2026-03-02T00:00:00Z".parse().unwrap();
    let to = "2026-03-03T00:00:00Z".parse().unwrap();
    assert_eq!(scope.window(&[CAL_SERVER_ID], from, to).unwrap().len(), 1);
    assert_eq!(scope.window(&[&cal.local_id], from, to).unwrap().len(), 1);
    // A create cannot be done without the server's record.
    assert_eq!(
        scope.mark_done(&ready[0].op_id, None).unwrap_err().code(),
        "invalid_state"
    );
}

#[test]
fn failures_retries_and_backoff() {
    let t = open();
    let scope = t.replica.tenant(TENANT);
    let c = contact(&scope, "Anna", "Muster", "anna@example.com");
    let op = scope.ready_ops(Utc::now()).unwrap().remove(0);
    scope.mark_in_flight(&op.op_id).unwrap();
    scope
        .mark_failed(
            &op.op_id,
            "503 Service Unavailable",
            Some(Utc::now() + Duration::minutes(5)),
        )
        .unwrap();
    assert!(
        scope.ready_ops(Utc::now()).unwrap().is_empty(),
        "backing off"
    );
    assert_eq!(
        scope
            .ready_ops(Utc::now() + Duration::minutes(6))
            .unwrap()
            .len(),
        1
    );
    scope
        .mark_failed(&op.op_id, "422: email is taken", None)
        .unwrap();
    assert!(
        scope
            .ready_ops(Utc::now() + Duration::days(1))
            .unwrap()
            .is_empty(),
        "refused ops wait for the user"
    );
    let failed = scope.outbox(&[OpState::Failed]).unwrap();
    assert_eq!(failed[0].last_error.as_deref(), Some("422: email is taken"));
    assert_eq!(scope.outbox_summary().unwrap().failed, 1);
    scope.retry_op(&op.op_id).unwrap();
    assert_eq!(scope.ready_ops(Utc::now()).unwrap().len(), 1);
    assert_eq!(
        scope.retry_op(&op.op_id).unwrap_err().code(),
        "invalid_state"
    );
    // Discarding the create removes the contact.
    scope.discard_op(&op.op_id).unwrap();
    assert_eq!(
        scope.get(Entity::Contact, &c.local_id).unwrap_err().code(),
        "not_found"
    );
    assert_eq!(outbox_count(&t.replica), 0);
}

#[test]
fn discarding_reverts_to_the_server_state() {
    let t = open();
    let scope = t.replica.tenant(TENANT);
    let local = scope
        .upsert_from_server(
            Entity::Contact,
            &server_contact(CONTACT_SERVER_ID, "Anna", "Muster", "2026-01-02T00:00:00Z"),
        )
        .unwrap();
    scope
        .update_contact(
            Source::User,
            &local,
            fields(json!({"lastName": "Other", "notes": "n"})),
        )
        .unwrap();
    let op = scope
        .ops_for_record(Entity::Contact, &local)
        .unwrap()
        .remove(0);
    scope.discard_op(&op.op_id).unwrap();
    let rec = scope.get(Entity::Contact, &local).unwrap();
    assert_eq!(rec.fields["lastName"], json!("Muster"));
    assert_eq!(rec.fields["notes"], json!(null));
    assert!(!rec.has_pending_ops);

    scope.delete_contact(Source::User, &local).unwrap();
    let op = scope
        .ops_for_record(Entity::Contact, &local)
        .unwrap()
        .remove(0);
    scope.discard_op(&op.op_id).unwrap();
    assert_eq!(
        scope.get(Entity::Contact, &local).unwrap().fields["lastName"],
        json!("Muster")
    );
    assert_eq!(scope.contacts(&Default::default()).unwrap().total, 1);
}

#[test]
fn deleting_a_synced_calendar_hides_its_entries_and_discarding_brings_them_back() {
    let t = open();
    let scope = t.replica.tenant(TENANT);
    scope
        .upsert_from_server(
            Entity::Calendar,
            &server_calendar(CAL_SERVER_ID, "Team", "2026-01-02T00:00:00Z"),
        )
        .unwrap();
    let server_entry = json!({"id": "7d4c0a52-3333-4a2b-9c3d-000000000001", "calendarId": CAL_SERVER_ID, "kind": "event",
        "status": "confirmed", "visibility": "default", "title": "Synced", "startsAt": "2026-03-02T08:00:00Z",
        "endsAt": "2026-03-02T09:00:00Z", "timezone": "Europe/Berlin", "isAllDay": false, "updatedAt": "2026-01-02T00:00:00Z"});
    let synced = scope
        .upsert_from_server(Entity::Entry, &server_entry)
        .unwrap();
    let local_entry = entry(
        &scope,
        CAL_SERVER_ID,
        "Offline",
        "2026-03-02T10:00:00Z",
        "2026-03-02T11:00:00Z",
    );
    scope.delete_calendar(Source::User, CAL_SERVER_ID).unwrap();
    assert_eq!(
        scope.get(Entity::Entry, &synced).unwrap_err().code(),
        "not_found"
    );
    assert_eq!(
        scope
            .get(Entity::Entry, &local_entry.local_id)
            .unwrap_err()
            .code(),
        "not_found"
    );
    let ops = scope.outbox(&[]).unwrap();
    assert_eq!(
        ops.len(),
        1,
        "one delete; the entry never synced is gone with its create"
    );
    assert_eq!(ops[0].kind, OpKind::Delete);
    scope.discard_op(&ops[0].op_id).unwrap();
    assert_eq!(
        scope.get(Entity::Entry, &synced).unwrap().fields["title"],
        json!("Synced")
    );
    assert_eq!(scope.calendars().unwrap().len(), 1);
}

/// An entry's create on the wire (or left in flight by a killed sync) when its calendar is
/// deleted here outlives the entry's row; the next run's sweep drops it, and nothing else.
#[test]
fn ops_left_without_their_record_are_dropped_at_the_next_run() {
    let t = open();
    let scope = t.replica.tenant(TENANT);
    scope
        .upsert_from_server(
            Entity::Calendar,
            &server_calendar(CAL_SERVER_ID, "Team", "2026-01-02T00:00:00Z"),
        )
        .unwrap();
    let sent = entry(
        &scope,
        CAL_SERVER_ID,
        "On the wire",
        "2026-03-02T10:00:00Z",
        "2026-03-02T11:00:00Z",
    );
    let waiting = entry(
        &scope,
        CAL_SERVER_ID,
        "Waiting",
        "2026-03-02T12:00:00Z",
        "2026-03-02T13:00:00Z",
    );
    let other = contact(&scope, "Kept", "Apart", "kept@example.com");
    let on_the_wire = scope.ops_for_record(Entity::Entry, &sent.local_id).unwrap();
    scope.mark_in_flight(&on_the_wire[0].op_id).unwrap();
    scope.delete_calendar(Source::User, CAL_SERVER_ID).unwrap();
    for gone in [&sent.local_id, &waiting.local_id] {
        assert_eq!(
            scope.get(Entity::Entry, gone).unwrap_err().code(),
            "not_found"
        );
    }
    assert!(scope
        .ops_for_record(Entity::Entry, &waiting.local_id)
        .unwrap()
        .is_empty());
    // The run sending it still owns it: the sweep leaves ops in flight alone.
    assert_eq!(scope.drop_orphaned_ops().unwrap(), 0);
    scope
        .mark_failed(&on_the_wire[0].op_id, "interrupted", Some(Utc::now()))
        .unwrap();
    assert_eq!(scope.drop_orphaned_ops().unwrap(), 1);
    let left: Vec<(Entity, OpKind)> = scope
        .outbox(&[])
        .unwrap()
        .into_iter()
        .map(|op| (op.entity, op.kind))
        .collect();
    assert_eq!(
        left,
        vec![
            (Entity::Contact, OpKind::Create),
            (Entity::Calendar, OpKind::Delete)
        ],
        "the calendar's delete and the contact's create stay"
    );
    assert_eq!(
        scope
            .ops_for_record(Entity::Contact, &other.local_id)
            .unwrap()
            .len(),
        1
    );
    assert_eq!(scope.drop_orphaned_ops().unwrap(), 0);
}

#[test]
fn remote_deletes_remove_clean_rows_and_keep_edited_ones() {
    let t = open();
    let scope = t.replica.tenant(TENANT);
    let a = scope
        .upsert_from_server(
            Entity::Contact,
            &server_contact(CONTACT_SERVER_ID, "Anna", "A", "2026-01-02T00:00:00Z"),
        )
        .unwrap();
    let b_id = "7d4c0a52-2222-4a2b-9c3d-000000000002";
    let b = scope
        .upsert_from_server(
            Entity::Contact,
            &server_contact(b_id, "Ben", "B", "2026-01-02T00:00:00Z"),
        )
        .unwrap();
    scope
        .update_contact(Source::User, &b, fields(json!({"notes": "keep"})))
        .unwrap();
    assert_eq!(
        scope
            .apply_remote_delete(Entity::Contact, CONTACT_SERVER_ID)
            .unwrap(),
        RemoteDelete::Removed { local_id: a }
    );
    match scope.apply_remote_delete(Entity::Contact, b_id).unwrap() {
        RemoteDelete::Kept { local_id, pending } => {
            assert_eq!(local_id, b);
            assert_eq!(pending, vec![(Entity::Contact, b.clone())]);
        }
        other => panic!("expected kept, got {other:?}"),
    }
    assert_eq!(
        scope
            .apply_remote_delete(Entity::Contact, "7d4c0a52-0000-4a2b-9c3d-000000000000")
            .unwrap(),
        RemoteDelete::Unknown
    );
    assert_eq!(
        scope.known_server_ids(Entity::Contact).unwrap(),
        vec![b_id.to_string()]
    );
}

/// Deleted here and on the server: both want the same, so the remote delete completes the
/// local one instead of parking a conflict between two deletes.
#[test]
fn a_remote_delete_completes_a_delete_waiting_here() {
    let t = open();
    let scope = t.replica.tenant(TENANT);
    let gone = scope
        .upsert_from_server(
            Entity::Contact,
            &server_contact(CONTACT_SERVER_ID, "Anna", "A", "2026-01-02T00:00:00Z"),
        )
        .unwrap();
    scope
        .update_contact(
            Source::User,
            &gone,
            fields(json!({"notes": "edited first"})),
        )
        .unwrap();
    scope.delete_contact(Source::User, &gone).unwrap();
    let delete = scope.ops_for_record(Entity::Contact, &gone).unwrap();
    assert_eq!(
        delete.iter().map(|o| o.kind).collect::<Vec<_>>(),
        vec![OpKind::Delete]
    );
    // It failed once (offline) and waits for its retry time.
    scope
        .mark_in_flight(&delete[0].op_id)
        .and_then(|_| {
            scope.mark_failed(
                &delete[0].op_id,
                "offline",
                Some(Utc::now() + Duration::minutes(5)),
            )
        })
        .unwrap();
    assert_eq!(
        scope
            .apply_remote_delete(Entity::Contact, CONTACT_SERVER_ID)
            .unwrap(),
        RemoteDelete::Removed {
            local_id: gone.clone()
        }
    );
    assert!(
        scope.outbox(&[]).unwrap().is_empty(),
        "nothing left to send"
    );
    assert!(scope.conflicts().unwrap().is_empty(), "no conflict parked");
    assert_eq!(
        scope.get(Entity::Contact, &gone).unwrap_err().code(),
        "not_found"
    );
}

#[test]
fn batch_upserts_apply_in_one_transaction() {
    let t = open();
    let scope = t.replica.tenant(TENANT);
    let mut page: Vec<_> = (0..50)
        .map(|i| {
            server_contact(
                &format!("7d4c0a52-2222-4a2b-9c3d-{i:012}"),
                &format!("P{i}"),
                "X",
                "2026-01-02T00:00:00Z",
            )
        })
        .collect();
    page.push(json!({"firstName": "no id"}));
    assert_eq!(
        scope
            .upsert_many_from_server(Entity::Contact, &page)
            .unwrap_err()
            .field(),
        Some("id")
    );
    assert_eq!(
        scope.contacts(&Default::default()).unwrap().total,
        0,
        "a failed page applies nothing"
    );
    page.pop();
    assert_eq!(
        scope
            .upsert_many_from_server(Entity::Contact, &page)
            .unwrap()
            .len(),
        50
    );
    assert_eq!(scope.contacts(&Default::default()).unwrap().total, 50);
    assert_eq!(outbox_count(&t.replica), 0);
}

#[test]
fn an_edit_after_a_refusal_folds_into_the_failed_op() {
    let t = open();
    let scope = t.replica.tenant(TENANT);
    let local = scope
        .upsert_from_server(
            Entity::Contact,
            &server_contact(CONTACT_SERVER_ID, "Anna", "Muster", "2026-01-02T00:00:00Z"),
        )
        .unwrap();
    scope
        .update_contact(
            Source::User,
            &local,
            fields(json!({"email": "anna@old.example", "notes": "n"})),
        )
        .unwrap();
    let op = scope
        .ops_for_record(Entity::Contact, &local)
        .unwrap()
        .remove(0);
    scope.mark_in_flight(&op.op_id).unwrap();
    scope
        .mark_failed(&op.op_id, "422: email domain not allowed", None)
        .unwrap();
    scope
        .update_contact(
            Source::User,
            &local,
            fields(json!({"email": "anna@new.example"})),
        )
        .unwrap();
    let ops = scope.ops_for_record(Entity::Contact, &local).unwrap();
    assert_eq!(ops.len(), 1);
    assert_eq!(ops[0].op_id, op.op_id);
    assert_eq!(ops[0].state, OpState::Pending);
    assert_eq!(ops[0].last_error, None);
    assert_eq!(
        ops[0].payload,
        json!({"email": "anna@new.example", "notes": "n"})
    );
}

#[test]
fn a_create_that_may_have_reached_the_server_does_not_vanish() {
    let t = open();
    let scope = t.replica.tenant(TENANT);
    let c = contact(&scope, "Anna", "Muster", "anna@example.com");
    let op = scope
        .ops_for_record(Entity::Contact, &c.local_id)
        .unwrap()
        .remove(0);
    scope.mark_in_flight(&op.op_id).unwrap();
    scope
        .mark_failed(&op.op_id, "connection reset", Some(Utc::now()))
        .unwrap();
    // Another edit must not fold into a create the server may already have.
    scope
        .update_contact(Source::User, &c.local_id, fields(json!({"notes": "later"})))
        .unwrap();
    let ops = scope.ops_for_record(Entity::Contact, &c.local_id).unwrap();
    assert_eq!(
        ops.iter().map(|o| o.kind).collect::<Vec<_>>(),
        [OpKind::Create, OpKind::Update]
    );
    assert_eq!(ops[0].payload.get("notes"), None);
    scope.retry_op(&op.op_id).unwrap();
    scope.delete_contact(Source::User, &c.local_id).unwrap();
    let ops = scope.ops_for_record(Entity::Contact, &c.local_id).unwrap();
    assert_eq!(
        ops.iter().map(|o| o.kind).collect::<Vec<_>>(),
        [OpKind::Create, OpKind::Delete],
        "the delete follows the create"
    );
}

#[test]
fn discarding_an_earlier_op_keeps_what_later_ops_change() {
    let t = open();
    let scope = t.replica.tenant(TENANT);
    let local = scope
        .upsert_from_server(
            Entity::Contact,
            &server_contact(CONTACT_SERVER_ID, "Anna", "Muster", "2026-01-02T00:00:00Z"),
        )
        .unwrap();
    scope
        .update_contact(
            Source::User,
            &local,
            fields(json!({"notes": "first", "phone": "1"})),
        )
        .unwrap();
    let first = scope
        .ops_for_record(Entity::Contact, &local)
        .unwrap()
        .remove(0);
    // While the first is in flight, a second edit becomes an op of its own.
    scope.mark_in_flight(&first.op_id).unwrap();
    scope
        .update_contact(Source::User, &local, fields(json!({"notes": "second"})))
        .unwrap();
    scope
        .mark_failed(&first.op_id, "403: not allowed", None)
        .unwrap();
    scope.discard_op(&first.op_id).unwrap();
    let rec = scope.get(Entity::Contact, &local).unwrap();
    assert_eq!(
        rec.fields["phone"],
        json!(null),
        "only in the discarded op: back to the server's value"
    );
    assert_eq!(
        rec.fields["notes"],
        json!("second"),
        "changed again later: the later value stays"
    );
    let left = scope.ops_for_record(Entity::Contact, &local).unwrap();
    assert_eq!(left.len(), 1);
    assert_eq!(left[0].payload, json!({"notes": "second"}));
}

#[test]
fn editing_back_after_a_pull_takes_the_servers_newer_value() {
    let t = open();
    let scope = t.replica.tenant(TENANT);
    let mut server = server_contact(CONTACT_SERVER_ID, "Anna", "Muster", "2026-01-02T00:00:00Z");
    server["phone"] = json!("p0");
    let local = scope.upsert_from_server(Entity::Contact, &server).unwrap();
    scope
        .update_contact(Source::User, &local, fields(json!({"phone": "p9"})))
        .unwrap();
    server["phone"] = json!("p1");
    server["updatedAt"] = json!("2026-01-03T00:00:00Z");
    scope.upsert_from_server(Entity::Contact, &server).unwrap();
    assert_eq!(
        scope.get(Entity::Contact, &local).unwrap().fields["phone"],
        json!("p9")
    );
    // Back to the value the edit started from: nothing is left to send...
    scope
        .update_contact(Source::User, &local, fields(json!({"phone": "p0"})))
        .unwrap();
    assert!(scope
        .ops_for_record(Entity::Contact, &local)
        .unwrap()
        .is_empty());
    // ...so the record shows what the server has now, and a pull of it changes nothing.
    assert_eq!(
        scope.get(Entity::Contact, &local).unwrap().fields["phone"],
        json!("p1")
    );
    scope.upsert_from_server(Entity::Contact, &server).unwrap();
    assert_eq!(
        scope.get(Entity::Contact, &local).unwrap().fields["phone"],
        json!("p1")
    );
}

#[test]
fn discarding_after_a_pull_leaves_exactly_the_servers_version() {
    let t = open();
    let scope = t.replica.tenant(TENANT);
    let mut server = server_contact(CONTACT_SERVER_ID, "Anna", "Muster", "2026-01-02T00:00:00Z");
    let local = scope.upsert_from_server(Entity::Contact, &server).unwrap();
    scope
        .update_contact(Source::User, &local, fields(json!({"notes": "mine"})))
        .unwrap();
    server["phone"] = json!("+49 2");
    server["updatedAt"] = json!("2026-01-04T00:00:00Z");
    scope.upsert_from_server(Entity::Contact, &server).unwrap();
    let rec = scope.get(Entity::Contact, &local).unwrap();
    assert_eq!(
        (rec.fields["notes"].clone(), rec.fields["phone"].clone()),
        (json!("mine"), json!("+49 2"))
    );
    let op = scope
        .ops_for_record(Entity::Contact, &local)
        .unwrap()
        .remove(0);
    scope.discard_op(&op.op_id).unwrap();
    let rec = scope.get(Entity::Contact, &local).unwrap();
    assert_eq!(
        rec.fields,
        json!(outpost_replica::wire::request_shape(
            Entity::Contact,
            &server
        ))
    );
    assert_eq!(rec.base_updated_at.as_deref(), Some("2026-01-04T00:00:00Z"));
}

#[test]
fn a_lost_create_response_is_recovered_by_its_op_id() {
    let t = open();
    let scope = t.replica.tenant(TENANT);
    let cal = calendar(&scope, "New", "Europe/Berlin");
    let e = entry(
        &scope,
        &cal.local_id,
        "First",
        "2026-03-02T08:00:00Z",
        "2026-03-02T09:00:00Z",
    );
    let op = scope.ready_ops(Utc::now()).unwrap().remove(0);
    scope.mark_in_flight(&op.op_id).unwrap();
    scope
        .mark_failed(&op.op_id, "connection reset after send", Some(Utc::now()))
        .unwrap();
    // The engine lists calendars and finds one whose metadata names this op: it was created.
    let mut found = server_calendar(CAL_SERVER_ID, "New", "2026-03-01T00:00:00Z");
    found["metadata"] = json!({ outpost_replica::OP_ID_KEY: op.op_id });
    assert_eq!(
        op.payload["metadata"][outpost_replica::OP_ID_KEY],
        json!(op.op_id)
    );
    scope
        .map_server_id(Entity::Calendar, &cal.local_id, CAL_SERVER_ID)
        .unwrap();
    assert_eq!(
        scope.ops_for_record(Entity::Entry, &e.local_id).unwrap()[0].payload["calendarId"],
        json!(CAL_SERVER_ID)
    );
    scope.mark_done(&op.op_id, Some(&found)).unwrap();
    let rec = scope.get(Entity::Calendar, CAL_SERVER_ID).unwrap();
    assert_eq!(rec.local_id, cal.local_id);
    assert!(!rec.has_pending_ops);
    assert_eq!(
        scope
            .map_server_id(
                Entity::Calendar,
                "0195f0c4-0000-7000-8000-000000000999",
                "x"
            )
            .unwrap_err()
            .code(),
        "not_found"
    );
}

#[test]
fn discarding_a_change_behind_an_unconfirmed_create_goes_back_to_what_the_create_sends() {
    let t = open();
    let scope = t.replica.tenant(TENANT);
    let cal = scope
        .upsert_from_server(
            Entity::Calendar,
            &server_calendar(CAL_SERVER_ID, "Team", "2026-01-02T00:00:00Z"),
        )
        .unwrap();
    let e = entry(
        &scope,
        &cal,
        "Visit",
        "2026-03-02T08:00:00Z",
        "2026-03-02T09:00:00Z",
    );
    let create = scope
        .ops_for_record(Entity::Entry, &e.local_id)
        .unwrap()
        .remove(0);
    scope.mark_in_flight(&create.op_id).unwrap();
    scope
        .mark_failed(&create.op_id, "timeout", Some(Utc::now()))
        .unwrap();
    scope
        .set_entry_status(Source::User, &e.local_id, "cancelled")
        .unwrap();
    scope
        .update_entry(
            Source::User,
            &e.local_id,
            fields(json!({"title": "Visit (moved)"})),
        )
        .unwrap();
    let ops = scope.ops_for_record(Entity::Entry, &e.local_id).unwrap();
    assert_eq!(
        ops.iter().map(|o| o.kind).collect::<Vec<_>>(),
        [OpKind::Create, OpKind::Action, OpKind::Update]
    );
    scope.discard_op(&ops[1].op_id).unwrap();
    scope.discard_op(&ops[2].op_id).unwrap();
    let rec = scope.get(Entity::Entry, &e.local_id).unwrap();
    assert_eq!(
        rec.fields, ops[0].payload,
        "back to exactly what the create sends"
    );
}
