//! Parking and resolving conflicts: keep mine, take theirs, per field; edits against remote
//! deletes and deletes against remote edits.

use std::collections::BTreeMap;

use crate::common::*;
use outpost_replica::merge::three_way;
use outpost_replica::{Choice, ConflictKind, Entity, OpKind, OpState, Resolution, Source};
use serde_json::{json, Value};

const ID: &str = "7d4c0a52-2222-4a2b-9c3d-000000000001";

/// A synced contact edited here (lastName, notes) and on the server (lastName, phone).
fn clashing_edits(scope: &outpost_replica::TenantScope<'_>) -> (String, String, Value) {
    let local = scope
        .upsert_from_server(
            Entity::Contact,
            &server_contact(ID, "Anna", "Muster", "2026-01-02T00:00:00Z"),
        )
        .unwrap();
    scope
        .update_contact(
            Source::User,
            &local,
            fields(json!({"lastName": "Mine", "notes": "from the field"})),
        )
        .unwrap();
    let mut remote = server_contact(ID, "Anna", "Theirs", "2026-01-05T00:00:00Z");
    remote["phone"] = json!("+49 30 555");
    let op = scope
        .ops_for_record(Entity::Contact, &local)
        .unwrap()
        .remove(0);
    scope.mark_in_flight(&op.op_id).unwrap();
    // What the engine does: merge against the op's base.
    let outcome = three_way(
        op.base.as_ref().unwrap().as_object().unwrap(),
        op.payload.as_object().unwrap(),
        &outpost_replica::wire::request_shape(Entity::Contact, &remote),
    );
    assert_eq!(outcome.conflicts, ["lastName"]);
    let conflict = scope
        .park_conflict(
            &op.op_id,
            ConflictKind::EditEdit,
            Some(&remote),
            &outcome.conflicts,
        )
        .unwrap();
    assert_eq!(conflict.base.as_ref().unwrap()["lastName"], json!("Muster"));
    assert_eq!(conflict.local.as_ref().unwrap()["lastName"], json!("Mine"));
    assert_eq!(
        conflict.remote.as_ref().unwrap()["lastName"],
        json!("Theirs")
    );
    assert_eq!(scope.outbox(&[OpState::Conflict]).unwrap().len(), 1);
    (local, conflict.conflict_id, remote)
}

#[test]
fn per_field_choice_merges_and_requeues_the_rest() {
    let t = open();
    let scope = t.replica.tenant(TENANT);
    let (local, conflict_id, _) = clashing_edits(&scope);
    assert_eq!(scope.conflicts().unwrap().len(), 1);

    let before = fingerprint(&t.replica);
    let err = scope
        .resolve_conflict(&conflict_id, &Resolution::PerField(BTreeMap::new()))
        .unwrap_err();
    assert_eq!(err.field(), Some("lastName"));
    assert_eq!(
        fingerprint(&t.replica),
        before,
        "an incomplete choice changes nothing"
    );

    let merged = scope
        .resolve_conflict(
            &conflict_id,
            &Resolution::PerField(BTreeMap::from([("lastName".to_string(), Choice::Theirs)])),
        )
        .unwrap();
    assert_eq!(merged["lastName"], json!("Theirs"));
    assert_eq!(
        merged["notes"],
        json!("from the field"),
        "my change without a clash stays"
    );
    assert_eq!(
        merged["phone"],
        json!("+49 30 555"),
        "their change without a clash comes in"
    );
    let ops = scope.ops_for_record(Entity::Contact, &local).unwrap();
    assert_eq!(ops.len(), 1);
    assert_eq!(ops[0].state, OpState::Pending);
    assert_eq!(ops[0].payload, json!({"notes": "from the field"}));
    assert_eq!(
        ops[0].base_updated_at.as_deref(),
        Some("2026-01-05T00:00:00Z")
    );
    let rec = scope.get(Entity::Contact, &local).unwrap();
    assert_eq!(rec.fields, Value::Object(merged));
    assert!(scope.conflicts().unwrap().is_empty());
    assert_eq!(
        scope
            .resolve_conflict(&conflict_id, &Resolution::KeepMine)
            .unwrap_err()
            .code(),
        "not_found"
    );
}

#[test]
fn keep_mine_and_take_theirs() {
    let t = open();
    let scope = t.replica.tenant(TENANT);
    let (local, conflict_id, _) = clashing_edits(&scope);
    let merged = scope
        .resolve_conflict(&conflict_id, &Resolution::KeepMine)
        .unwrap();
    assert_eq!(merged["lastName"], json!("Mine"));
    assert_eq!(merged["phone"], json!("+49 30 555"));
    let op = scope
        .ops_for_record(Entity::Contact, &local)
        .unwrap()
        .remove(0);
    assert_eq!(
        op.payload,
        json!({"lastName": "Mine", "notes": "from the field"})
    );
    assert_eq!(op.base, Some(json!({"lastName": "Theirs", "notes": null})));

    let t = open();
    let scope = t.replica.tenant(TENANT);
    let (local, conflict_id, _) = clashing_edits(&scope);
    let merged = scope
        .resolve_conflict(&conflict_id, &Resolution::TakeTheirs)
        .unwrap();
    assert_eq!(merged["lastName"], json!("Theirs"));
    let op = scope
        .ops_for_record(Entity::Contact, &local)
        .unwrap()
        .remove(0);
    assert_eq!(op.payload, json!({"notes": "from the field"}));
}

#[test]
fn taking_theirs_when_nothing_of_mine_is_left_finishes_the_op() {
    let t = open();
    let scope = t.replica.tenant(TENANT);
    let local = scope
        .upsert_from_server(
            Entity::Contact,
            &server_contact(ID, "Anna", "Muster", "2026-01-02T00:00:00Z"),
        )
        .unwrap();
    scope
        .update_contact(Source::User, &local, fields(json!({"lastName": "Mine"})))
        .unwrap();
    let op = scope
        .ops_for_record(Entity::Contact, &local)
        .unwrap()
        .remove(0);
    let remote = server_contact(ID, "Anna", "Theirs", "2026-01-05T00:00:00Z");
    let c = scope
        .park_conflict(
            &op.op_id,
            ConflictKind::EditEdit,
            Some(&remote),
            &["lastName".into()],
        )
        .unwrap();
    scope
        .resolve_conflict(&c.conflict_id, &Resolution::TakeTheirs)
        .unwrap();
    assert!(scope
        .ops_for_record(Entity::Contact, &local)
        .unwrap()
        .is_empty());
    let rec = scope.get(Entity::Contact, &local).unwrap();
    assert_eq!(rec.fields["lastName"], json!("Theirs"));
    assert!(!rec.has_pending_ops);
}

#[test]
fn an_edit_against_a_remote_delete() {
    let t = open();
    let scope = t.replica.tenant(TENANT);
    let local = scope
        .upsert_from_server(
            Entity::Contact,
            &server_contact(ID, "Anna", "Muster", "2026-01-02T00:00:00Z"),
        )
        .unwrap();
    scope
        .update_contact(Source::User, &local, fields(json!({"notes": "keep me"})))
        .unwrap();
    let op = scope
        .ops_for_record(Entity::Contact, &local)
        .unwrap()
        .remove(0);
    let c = scope
        .park_conflict(&op.op_id, ConflictKind::EditVsRemoteDelete, None, &[])
        .unwrap();
    assert!(c.remote.is_none());
    assert_eq!(
        scope
            .resolve_conflict(&c.conflict_id, &Resolution::PerField(BTreeMap::new()))
            .unwrap_err()
            .code(),
        "invalid"
    );
    let kept = scope
        .resolve_conflict(&c.conflict_id, &Resolution::KeepMine)
        .unwrap();
    assert_eq!(kept["notes"], json!("keep me"));
    let rec = scope.get(Entity::Contact, &local).unwrap();
    assert!(rec.server_id.is_none(), "it will be created again");
    let ops = scope.ops_for_record(Entity::Contact, &local).unwrap();
    assert_eq!(ops.len(), 1);
    assert_eq!(ops[0].kind, OpKind::Create);
    assert_eq!(ops[0].payload["lastName"], json!("Muster"));
    assert_eq!(ops[0].payload["notes"], json!("keep me"));

    let t = open();
    let scope = t.replica.tenant(TENANT);
    let local = scope
        .upsert_from_server(
            Entity::Contact,
            &server_contact(ID, "Anna", "Muster", "2026-01-02T00:00:00Z"),
        )
        .unwrap();
    scope
        .update_contact(Source::User, &local, fields(json!({"notes": "lose me"})))
        .unwrap();
    let op = scope
        .ops_for_record(Entity::Contact, &local)
        .unwrap()
        .remove(0);
    let c = scope
        .park_conflict(&op.op_id, ConflictKind::EditVsRemoteDelete, None, &[])
        .unwrap();
    assert!(scope
        .resolve_conflict(&c.conflict_id, &Resolution::TakeTheirs)
        .unwrap()
        .is_empty());
    assert_eq!(
        scope.get(Entity::Contact, &local).unwrap_err().code(),
        "not_found"
    );
    assert_eq!(outbox_count(&t.replica), 0);
}

#[test]
fn a_delete_against_a_remote_edit() {
    let t = open();
    let scope = t.replica.tenant(TENANT);
    let local = scope
        .upsert_from_server(
            Entity::Contact,
            &server_contact(ID, "Anna", "Muster", "2026-01-02T00:00:00Z"),
        )
        .unwrap();
    scope.delete_contact(Source::User, &local).unwrap();
    let op = scope
        .ops_for_record(Entity::Contact, &local)
        .unwrap()
        .remove(0);
    let remote = server_contact(ID, "Anna", "Renamed", "2026-01-07T00:00:00Z");
    let c = scope
        .park_conflict(
            &op.op_id,
            ConflictKind::DeleteVsRemoteEdit,
            Some(&remote),
            &[],
        )
        .unwrap();
    assert!(c.local.is_none());
    let back = scope
        .resolve_conflict(&c.conflict_id, &Resolution::TakeTheirs)
        .unwrap();
    assert_eq!(back["lastName"], json!("Renamed"));
    assert_eq!(
        scope.get(Entity::Contact, &local).unwrap().fields["lastName"],
        json!("Renamed")
    );
    assert_eq!(outbox_count(&t.replica), 0);

    scope.delete_contact(Source::User, &local).unwrap();
    let op = scope
        .ops_for_record(Entity::Contact, &local)
        .unwrap()
        .remove(0);
    let remote = server_contact(ID, "Anna", "Again", "2026-01-09T00:00:00Z");
    let c = scope
        .park_conflict(
            &op.op_id,
            ConflictKind::DeleteVsRemoteEdit,
            Some(&remote),
            &[],
        )
        .unwrap();
    assert!(scope
        .resolve_conflict(&c.conflict_id, &Resolution::KeepMine)
        .unwrap()
        .is_empty());
    let op = scope
        .ops_for_record(Entity::Contact, &local)
        .unwrap()
        .remove(0);
    assert_eq!(op.kind, OpKind::Delete);
    assert_eq!(op.state, OpState::Pending);
    assert_eq!(op.base_updated_at.as_deref(), Some("2026-01-09T00:00:00Z"));
    assert_eq!(
        scope.get(Entity::Contact, &local).unwrap_err().code(),
        "not_found"
    );
}

#[test]
fn discarding_a_conflicted_op_closes_the_conflict() {
    let t = open();
    let scope = t.replica.tenant(TENANT);
    let (local, _, _) = clashing_edits(&scope);
    let op = scope.outbox(&[OpState::Conflict]).unwrap().remove(0);
    scope.discard_op(&op.op_id).unwrap();
    assert!(scope.conflicts().unwrap().is_empty());
    assert_eq!(
        scope.get(Entity::Contact, &local).unwrap().fields["lastName"],
        json!("Muster")
    );
}
