//! Seeded random edit sessions against a model server: whatever the user does offline, in
//! whatever order ops are pushed (some in flight while more edits come), replaying exactly what
//! the outbox holds makes the server equal the replica. This is the promise "the outbox shows
//! exactly the operations a sync will send", checked end to end.

use crate::common::model::{check_clean_rows_match_base, ModelServer};
use crate::common::*;
use chrono::Utc;
use outpost_replica::{Entity, OutboxOp, Source, TenantScope};
use rand::rngs::StdRng;
use rand::{Rng, SeedableRng};
use serde_json::{json, Map, Value};

use crate::common::model::CALENDAR;

fn random_contact_patch(rng: &mut StdRng, n: u32) -> Map<String, Value> {
    let mut patch = Map::new();
    while patch.is_empty() {
        if rng.random_bool(0.4) {
            patch.insert("firstName".into(), json!(format!("F{}", n % 5)));
        }
        if rng.random_bool(0.4) {
            patch.insert(
                "notes".into(),
                if rng.random_bool(0.2) {
                    Value::Null
                } else {
                    json!(format!("note {}", n % 7))
                },
            );
        }
        if rng.random_bool(0.3) {
            patch.insert("phone".into(), json!(format!("+49 {}", n % 3)));
        }
    }
    patch
}

fn random_entry_patch(rng: &mut StdRng, n: u32) -> Map<String, Value> {
    let mut patch = Map::new();
    while patch.is_empty() {
        if rng.random_bool(0.5) {
            patch.insert("title".into(), json!(format!("T{}", n % 4)));
        }
        if rng.random_bool(0.4) {
            let day = 1 + n % 20;
            patch.insert(
                "startsAt".into(),
                json!(format!("2026-03-{day:02}T08:00:00Z")),
            );
            patch.insert(
                "endsAt".into(),
                json!(format!("2026-03-{day:02}T09:30:00Z")),
            );
        }
        if rng.random_bool(0.3) {
            patch.insert("locationName".into(), json!(format!("Room {}", n % 3)));
        }
    }
    patch
}

fn live(scope: &TenantScope<'_>, entity: Entity, ids: &[String]) -> Vec<String> {
    ids.iter()
        .filter(|id| scope.get(entity, id).is_ok())
        .cloned()
        .collect()
}

/// Pushes up to `max` ready ops; with `hold`, leaves one op in flight and returns it.
fn push(
    scope: &TenantScope<'_>,
    server: &mut ModelServer,
    max: usize,
    hold: bool,
) -> Option<OutboxOp> {
    let ready = scope.ready_ops(Utc::now()).unwrap();
    let mut held = None;
    for (i, op) in ready.into_iter().take(max).enumerate() {
        scope.mark_in_flight(&op.op_id).unwrap();
        if hold && i == 0 {
            held = Some(op);
            continue;
        }
        let answer = server.apply(&op);
        scope.mark_done(&op.op_id, answer.as_ref()).unwrap();
    }
    held
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
    let mut contacts: Vec<String> = Vec::new();
    for i in 0..4 {
        let id = format!("7d4c0a52-2222-4a2b-9c3d-{i:012}");
        let fields = json!({"firstName": format!("S{i}"), "lastName": "Synced", "email": null, "phone": null, "middleName": null, "url": null, "address": null, "notes": null});
        server.records.insert(
            (Entity::Contact, id.clone()),
            fields.as_object().unwrap().clone(),
        );
        let response = server.response(Entity::Contact, &id);
        contacts.push(
            scope
                .upsert_from_server(Entity::Contact, &response)
                .unwrap(),
        );
    }
    let mut entries: Vec<String> = Vec::new();
    let mut in_flight: Option<OutboxOp> = None;
    for n in 0..120u32 {
        match rng.random_range(0..100) {
            0..15 => {
                // A create takes no nulls (the seed's POST schema); a PATCH may clear fields.
                let mut fields = random_contact_patch(&mut rng, n);
                fields.retain(|_, v| !v.is_null());
                let c = scope.create_contact(Source::User, fields).unwrap();
                contacts.push(c.local_id);
            }
            15..40 => {
                let alive = live(&scope, Entity::Contact, &contacts);
                if let Some(id) = alive.get(rng.random_range(0..alive.len().max(1))) {
                    scope
                        .update_contact(Source::User, id, random_contact_patch(&mut rng, n))
                        .unwrap();
                }
            }
            40..47 => {
                let alive = live(&scope, Entity::Contact, &contacts);
                if let Some(id) = alive.get(rng.random_range(0..alive.len().max(1))) {
                    let id = id.clone();
                    if in_flight.as_ref().is_none_or(|op| op.local_id != id) {
                        scope.delete_contact(Source::User, &id).unwrap();
                    }
                }
            }
            47..57 => {
                let e = entry(
                    &scope,
                    CALENDAR,
                    &format!("E{n}"),
                    "2026-03-02T08:00:00Z",
                    "2026-03-02T09:00:00Z",
                );
                entries.push(e.local_id);
            }
            57..72 => {
                let alive = live(&scope, Entity::Entry, &entries);
                if let Some(id) = alive.get(rng.random_range(0..alive.len().max(1))) {
                    scope
                        .update_entry(Source::User, id, random_entry_patch(&mut rng, n))
                        .unwrap();
                }
            }
            72..78 => {
                let alive = live(&scope, Entity::Entry, &entries);
                if let Some(id) = alive.get(rng.random_range(0..alive.len().max(1))) {
                    let status = ["tentative", "confirmed", "cancelled"][rng.random_range(0..3)];
                    scope.set_entry_status(Source::User, id, status).unwrap();
                }
            }
            78..83 => {
                let alive = live(&scope, Entity::Entry, &entries);
                if let Some(id) = alive.get(rng.random_range(0..alive.len().max(1))) {
                    let id = id.clone();
                    if in_flight.as_ref().is_none_or(|op| op.local_id != id) {
                        scope.delete_entry(Source::User, &id).unwrap();
                    }
                }
            }
            83..93 => {
                if let Some(op) = in_flight.take() {
                    let answer = server.apply(&op);
                    scope.mark_done(&op.op_id, answer.as_ref()).unwrap();
                }
                check_clean_rows_match_base(t.replica.conn(), seed, "a push");
                in_flight = push(
                    &scope,
                    &mut server,
                    rng.random_range(1..4),
                    rng.random_bool(0.5),
                );
            }
            _ => {
                if let Some(op) = in_flight.take() {
                    let answer = server.apply(&op);
                    scope.mark_done(&op.op_id, answer.as_ref()).unwrap();
                }
            }
        }
    }
    if let Some(op) = in_flight.take() {
        let answer = server.apply(&op);
        scope.mark_done(&op.op_id, answer.as_ref()).unwrap();
    }
    for _ in 0..1000 {
        if scope.outbox(&[]).unwrap().is_empty() {
            break;
        }
        push(&scope, &mut server, 100, false);
    }
    assert!(
        scope.outbox(&[]).unwrap().is_empty(),
        "seed {seed}: the outbox drains"
    );

    // The server now equals the replica, record for record.
    for (entity, ids) in [(Entity::Contact, &contacts), (Entity::Entry, &entries)] {
        let mut local_server_ids = Vec::new();
        for id in ids {
            if let Ok(rec) = scope.get(entity, id) {
                let server_id = rec
                    .server_id
                    .clone()
                    .unwrap_or_else(|| panic!("seed {seed}: {id} never reached the server"));
                let remote = &server.records[&(entity, server_id.clone())];
                let local = rec.fields.as_object().unwrap();
                for (k, v) in remote {
                    assert_eq!(
                        local.get(k).unwrap_or(&Value::Null),
                        v,
                        "seed {seed}: {entity:?} {id} field {k}"
                    );
                }
                for (k, v) in local {
                    assert_eq!(
                        remote.get(k).unwrap_or(&Value::Null),
                        v,
                        "seed {seed}: {entity:?} {id} field {k}"
                    );
                }
                local_server_ids.push(server_id);
            }
        }
        let mut on_server: Vec<String> = server
            .records
            .keys()
            .filter(|(e, _)| *e == entity)
            .map(|(_, id)| id.clone())
            .collect();
        on_server.sort();
        local_server_ids.sort();
        assert_eq!(
            on_server, local_server_ids,
            "seed {seed}: {entity:?} deletes reached the server, nothing extra was created"
        );
    }
}

#[test]
fn replaying_the_outbox_makes_the_server_equal_the_replica() {
    for seed in 0..40 {
        session(seed);
    }
}
