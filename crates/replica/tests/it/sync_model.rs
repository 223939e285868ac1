//! Seeded sessions with a second editor on the server: local edits, remote edits and remote
//! deletes interleave; an engine modelled on DESIGN.md ("Sync") pushes with per-field merges,
//! parks conflicts and resolves them at random (keep mine, take theirs, per field), pulls, and
//! applies remote deletes. Afterwards the replica equals the server and the outbox is empty.

use std::collections::BTreeMap;

use crate::common::model::{check_clean_rows_match_base, ModelServer, CALENDAR};
use crate::common::*;
use chrono::Utc;
use outpost_replica::merge::three_way;
use outpost_replica::wire::request_shape;
use outpost_replica::{
    Choice, ConflictKind, Entity, OpKind, RemoteDelete, Resolution, Source, TenantScope,
};
use rand::rngs::StdRng;
use rand::{Rng, SeedableRng};
use serde_json::{json, Map, Value};

const CONTACT_FIELDS: [&str; 3] = ["firstName", "notes", "phone"];
const ENTRY_FIELDS: [&str; 2] = ["title", "locationName"];

fn editable(entity: Entity) -> &'static [&'static str] {
    if entity == Entity::Contact {
        &CONTACT_FIELDS
    } else {
        &ENTRY_FIELDS
    }
}

fn value(rng: &mut StdRng, field: &str) -> Value {
    json!(format!("{field}-{}", rng.random_range(0..3)))
}

/// A second editor changes or deletes a record on the server.
fn remote_edit(rng: &mut StdRng, server: &mut ModelServer) {
    let keys: Vec<(Entity, String)> = server
        .records
        .keys()
        .filter(|(e, _)| *e != Entity::Calendar)
        .cloned()
        .collect();
    if keys.is_empty() {
        return;
    }
    let (entity, id) = keys[rng.random_range(0..keys.len())].clone();
    if rng.random_bool(0.15) {
        server.records.remove(&(entity, id.clone()));
        server.stamps.remove(&(entity, id));
        return;
    }
    let fields = editable(entity);
    let field = fields[rng.random_range(0..fields.len())];
    let v = value(rng, field);
    server
        .records
        .get_mut(&(entity, id.clone()))
        .unwrap()
        .insert(field.to_string(), v);
    server.touch(entity, &id);
}

/// One pass of the engine over the ready ops: push with merge, park and resolve conflicts.
fn push(rng: &mut StdRng, scope: &TenantScope<'_>, server: &mut ModelServer) {
    for op in scope.ready_ops(Utc::now()).unwrap() {
        scope.mark_in_flight(&op.op_id).unwrap();
        let key = op.server_id.clone().map(|id| (op.entity, id));
        let exists = key.as_ref().is_some_and(|k| server.records.contains_key(k));
        match op.kind {
            OpKind::Create => {
                let answer = server.create(op.entity, op.payload.as_object().unwrap().clone());
                scope.mark_done(&op.op_id, Some(&answer)).unwrap();
            }
            OpKind::Delete => {
                let key = key.unwrap();
                if !exists {
                    scope.mark_done(&op.op_id, None).unwrap();
                } else if op.base_updated_at.as_ref() == server.stamps.get(&key) {
                    server.records.remove(&key);
                    scope.mark_done(&op.op_id, None).unwrap();
                } else {
                    let remote = server.view(key.0, &key.1);
                    let c = scope
                        .park_conflict(
                            &op.op_id,
                            ConflictKind::DeleteVsRemoteEdit,
                            Some(&remote),
                            &[],
                        )
                        .unwrap();
                    let choice = if rng.random_bool(0.5) {
                        Resolution::KeepMine
                    } else {
                        Resolution::TakeTheirs
                    };
                    scope.resolve_conflict(&c.conflict_id, &choice).unwrap();
                }
            }
            OpKind::Update | OpKind::Action => {
                let key = key.unwrap();
                if !exists {
                    let c = scope
                        .park_conflict(&op.op_id, ConflictKind::EditVsRemoteDelete, None, &[])
                        .unwrap();
                    let choice = if rng.random_bool(0.5) {
                        Resolution::KeepMine
                    } else {
                        Resolution::TakeTheirs
                    };
                    scope.resolve_conflict(&c.conflict_id, &choice).unwrap();
                    continue;
                }
                let payload = op.payload.as_object().unwrap().clone();
                let to_send = if op.kind == OpKind::Action
                    || op.base_updated_at.as_ref() == server.stamps.get(&key)
                {
                    payload
                } else {
                    let remote = request_shape(key.0, &server.view(key.0, &key.1));
                    let base = op
                        .base
                        .as_ref()
                        .and_then(Value::as_object)
                        .cloned()
                        .unwrap_or_default();
                    let outcome = three_way(&base, &payload, &remote);
                    if !outcome.conflicts.is_empty() {
                        let view = server.view(key.0, &key.1);
                        let c = scope
                            .park_conflict(
                                &op.op_id,
                                ConflictKind::EditEdit,
                                Some(&view),
                                &outcome.conflicts,
                            )
                            .unwrap();
                        let resolution = match rng.random_range(0..3) {
                            0 => Resolution::KeepMine,
                            1 => Resolution::TakeTheirs,
                            _ => Resolution::PerField(
                                outcome
                                    .conflicts
                                    .iter()
                                    .map(|f| {
                                        (
                                            f.clone(),
                                            if rng.random_bool(0.5) {
                                                Choice::Mine
                                            } else {
                                                Choice::Theirs
                                            },
                                        )
                                    })
                                    .collect::<BTreeMap<_, _>>(),
                            ),
                        };
                        scope.resolve_conflict(&c.conflict_id, &resolution).unwrap();
                        continue;
                    }
                    outcome.to_send
                };
                let record = server.records.get_mut(&key).unwrap();
                for (k, v) in to_send {
                    record.insert(k, v);
                }
                let answer = server.response(key.0, &key.1);
                scope.mark_done(&op.op_id, Some(&answer)).unwrap();
            }
        }
    }
}

/// Pull: every server record, then remote deletes of what the listing no longer has.
fn pull(scope: &TenantScope<'_>, server: &ModelServer) {
    for entity in [Entity::Contact, Entity::Entry] {
        let listing: Vec<Value> = server
            .records
            .keys()
            .filter(|(e, _)| *e == entity)
            .map(|(e, id)| server.view(*e, id))
            .collect();
        scope.upsert_many_from_server(entity, &listing).unwrap();
        for id in scope.known_server_ids(entity).unwrap() {
            if !server.records.contains_key(&(entity, id.clone())) {
                match scope.apply_remote_delete(entity, &id).unwrap() {
                    RemoteDelete::Removed { .. } | RemoteDelete::Kept { .. } => {}
                    RemoteDelete::Unknown => panic!("{id} was listed as known"),
                }
            }
        }
    }
}

/// What the outbox will send is what the user sees: for every unsent create or update, the
/// record shows the op's values (the latest op's, where several touch a field). A pull that
/// clobbered a waiting edit, or an op that lost one, breaks this.
fn check_edits_kept(scope: &TenantScope<'_>, seed: u64, when: &str) {
    let mut latest: BTreeMap<(Entity, String, String), Value> = BTreeMap::new();
    for op in scope.outbox(&[]).unwrap() {
        if matches!(op.kind, OpKind::Create | OpKind::Update) {
            for (k, v) in op.payload.as_object().unwrap() {
                latest.insert((op.entity, op.local_id.clone(), k.clone()), v.clone());
            }
        }
    }
    for ((entity, local_id, field), v) in latest {
        let Ok(rec) = scope.get(entity, &local_id) else {
            continue;
        };
        assert_eq!(
            rec.fields.get(&field).unwrap_or(&Value::Null),
            &v,
            "seed {seed}, after {when}: {entity:?} {local_id} {field}"
        );
    }
}

fn local_edit(rng: &mut StdRng, scope: &TenantScope<'_>, n: u32) {
    let pick = |rng: &mut StdRng, entity: Entity| -> Option<String> {
        let ids: Vec<String> = match entity {
            Entity::Contact => scope
                .contacts(&outpost_replica::ContactQuery {
                    limit: 1000,
                    ..Default::default()
                })
                .unwrap()
                .items
                .into_iter()
                .map(|c| c.local_id)
                .collect(),
            _ => scope
                .window(
                    &[CALENDAR],
                    "2026-01-01T00:00:00Z".parse().unwrap(),
                    "2027-01-01T00:00:00Z".parse().unwrap(),
                )
                .unwrap()
                .into_iter()
                .map(|i| i.entry_id)
                .collect(),
        };
        (!ids.is_empty()).then(|| ids[rng.random_range(0..ids.len())].clone())
    };
    if rng.random_bool(0.08) {
        // The user gives up on a change that waits (not one being sent).
        let waiting: Vec<_> = scope
            .outbox(&[
                outpost_replica::OpState::Pending,
                outpost_replica::OpState::Failed,
            ])
            .unwrap();
        if !waiting.is_empty() {
            let op = &waiting[rng.random_range(0..waiting.len())];
            scope.discard_op(&op.op_id).unwrap();
            return;
        }
    }
    let entity = if rng.random_bool(0.5) {
        Entity::Contact
    } else {
        Entity::Entry
    };
    match rng.random_range(0..10) {
        0..2 => {
            if entity == Entity::Contact {
                scope
                    .create_contact(
                        Source::User,
                        fields(json!({"firstName": format!("New {n}")})),
                    )
                    .unwrap();
            } else {
                entry(
                    scope,
                    CALENDAR,
                    &format!("New {n}"),
                    "2026-03-02T08:00:00Z",
                    "2026-03-02T09:00:00Z",
                );
            }
        }
        2..9 => {
            if let Some(id) = pick(rng, entity) {
                let fields_of = editable(entity);
                let field = fields_of[rng.random_range(0..fields_of.len())];
                let mut patch = Map::new();
                patch.insert(field.to_string(), value(rng, field));
                match entity {
                    Entity::Contact => scope
                        .update_contact(Source::User, &id, patch)
                        .map(|_| ())
                        .unwrap(),
                    _ => scope
                        .update_entry(Source::User, &id, patch)
                        .map(|_| ())
                        .unwrap(),
                }
            }
        }
        _ => {
            if let Some(id) = pick(rng, entity) {
                match entity {
                    Entity::Contact => scope.delete_contact(Source::User, &id).unwrap(),
                    _ => scope.delete_entry(Source::User, &id).unwrap(),
                }
            }
        }
    }
}

fn session(seed: u64) {
    let mut rng = StdRng::seed_from_u64(seed);
    let t = open();
    let scope = t.replica.tenant(TENANT);
    let mut server = ModelServer::default();
    scope
        .upsert_from_server(
            Entity::Calendar,
            &server_calendar(CALENDAR, "Team", "2026-01-02T00:00:00Z"),
        )
        .unwrap();
    for i in 0..3 {
        server.create(
            Entity::Contact,
            fields(json!({"firstName": format!("S{i}"), "notes": null, "phone": null})),
        );
        server.create(
            Entity::Entry,
            fields(json!({"calendarId": CALENDAR, "kind": "event", "title": format!("S{i}"), "startsAt": "2026-03-02T08:00:00Z",
                "endsAt": "2026-03-02T09:00:00Z", "timezone": "Europe/Berlin"})),
        );
    }
    pull(&scope, &server);
    for n in 0..80u32 {
        match rng.random_range(0..10) {
            0..5 => {
                local_edit(&mut rng, &scope, n);
                check_clean_rows_match_base(t.replica.conn(), seed, "a local edit");
            }
            5..7 => remote_edit(&mut rng, &mut server),
            7..9 => {
                push(&mut rng, &scope, &mut server);
                check_edits_kept(&scope, seed, "a push");
                check_clean_rows_match_base(t.replica.conn(), seed, "a push");
            }
            _ => {
                pull(&scope, &server);
                check_edits_kept(&scope, seed, "a pull");
                check_clean_rows_match_base(t.replica.conn(), seed, "a pull");
            }
        }
    }
    // Online at last, with nobody else editing: push until the queue is empty, then pull.
    for _ in 0..50 {
        if scope.outbox(&[]).unwrap().is_empty() {
            break;
        }
        push(&mut rng, &scope, &mut server);
    }
    assert!(
        scope.outbox(&[]).unwrap().is_empty(),
        "seed {seed}: the outbox drains"
    );
    assert!(
        scope.conflicts().unwrap().is_empty(),
        "seed {seed}: every conflict was resolved"
    );
    pull(&scope, &server);
    for entity in [Entity::Contact, Entity::Entry] {
        let on_server: Vec<String> = server
            .records
            .keys()
            .filter(|(e, _)| *e == entity)
            .map(|(_, id)| id.clone())
            .collect();
        assert_eq!(
            scope.known_server_ids(entity).unwrap(),
            on_server,
            "seed {seed}: {entity:?} ids"
        );
        for id in &on_server {
            let local = scope
                .get(entity, id)
                .unwrap_or_else(|e| panic!("seed {seed}: {entity:?} {id}: {e}"));
            let remote = &server.records[&(entity, id.clone())];
            let local = local.fields.as_object().unwrap();
            for key in remote.keys().chain(local.keys()) {
                assert_eq!(
                    local.get(key).unwrap_or(&Value::Null),
                    remote.get(key).unwrap_or(&Value::Null),
                    "seed {seed}: {entity:?} {id} field {key}"
                );
            }
        }
    }
}

#[test]
fn local_and_remote_edits_converge_through_merges_and_conflicts() {
    for seed in 0..40 {
        session(seed);
    }
}
