//! Whether a record the remote holds is the one a create from here made before its answer was
//! lost, read from the record type's descriptor ([`LostCreate`]) on records in the model's shape.
//! The remote's own search (`Remote::find_lost_create`) and the pull, which checks every record
//! it brings while such a create waits for its retry, both ask here.

use std::collections::HashSet;

use chrono::{DateTime, Duration, Utc};
use outpost_model::LostCreate;
use outpost_replica::wire::request_shape;
use outpost_replica::{Entity, Fields, OutboxOp, OP_ID_KEY};
use serde_json::Value;

/// Server clocks and ours may differ a little; a candidate may be this much older than the op.
const CLOCK_SLACK_MINUTES: i64 = 5;

/// Whether `row` carries the op id in its metadata.
pub fn carries(row: &Value, op_id: &str) -> bool {
    row.get("metadata")
        .and_then(|m| m.get(OP_ID_KEY))
        .and_then(Value::as_str)
        == Some(op_id)
}

/// When the op was queued, less the clock slack.
pub fn queued_at(op: &OutboxOp) -> DateTime<Utc> {
    DateTime::parse_from_rfc3339(&op.created_at)
        .map(|t| t.with_timezone(&Utc) - Duration::minutes(CLOCK_SLACK_MINUTES))
        .unwrap_or(DateTime::<Utc>::MIN_UTC)
}

/// The time under `key`, if it is one.
pub fn time_of(row: &Value, key: &str) -> Option<DateTime<Utc>> {
    row.get(key)
        .and_then(Value::as_str)
        .and_then(|t| DateTime::parse_from_rfc3339(t).ok())
        .map(|t| t.with_timezone(&Utc))
}

/// A row the user created (`createdBy`, `createdAt`) after the op was queued that no other
/// create from here made.
pub fn made_by_me_since(
    row: &Value,
    me: &str,
    queued: DateTime<Utc>,
    claimed: &HashSet<String>,
) -> bool {
    let by_me = row.get("createdBy").and_then(Value::as_str) == Some(me);
    let after = time_of(row, "createdAt").is_some_and(|t| t >= queued);
    let unclaimed = outpost_replica::wire::server_id(row).is_some_and(|id| !claimed.contains(id));
    by_me && after && unclaimed
}

/// A row created after the op was queued that no other create from here made, for records
/// that do not say who made them.
pub fn made_since(row: &Value, queued: DateTime<Utc>, claimed: &HashSet<String>) -> bool {
    let after = time_of(row, "createdAt").is_some_and(|t| t >= queued);
    let unclaimed = outpost_replica::wire::server_id(row).is_some_and(|id| !claimed.contains(id));
    after && unclaimed
}

/// How many of the op's fields the row carries unchanged, and how many there are. Fields the
/// remote answers in another form (the descriptor's `answered_otherwise`) do not count.
pub fn fields_kept(entity: Entity, row: &Value, wanted: &Fields) -> (usize, usize) {
    let shape = request_shape(entity, row);
    let otherwise = entity.descriptor().answered_otherwise;
    let answered: Vec<(&String, &Value)> = wanted
        .iter()
        .filter(|(k, _)| !otherwise.contains(&k.as_str()))
        .collect();
    let kept = answered
        .iter()
        .filter(|(k, v)| shape.get(*k).unwrap_or(&Value::Null) == *v)
        .count();
    (kept, answered.len())
}

/// Whether `row` holds the values of `key` (a slug and its parent) the create `payload` sent.
/// The remote keeps one record per key, so one made since the op was queued with those values
/// is the one the create made.
pub fn holds_key_of(key: &[&str], row: &Value, payload: &Value) -> bool {
    !key.is_empty()
        && key.iter().all(|k| match payload.get(*k) {
            Some(wanted) if !wanted.is_null() => {
                row.get(*k) == Some(wanted) || same_text(row.get(*k), Some(wanted))
            }
            _ => false,
        })
}

/// Whether `row`, just pulled, is what the waiting create `op` made: it carries the op id
/// (`OpIdInMetadata`), or it was made (by this user, where the remote says who made it) after
/// the op was queued, is not taken by another create from here, and carries every field the op
/// sent (`FieldMatch`, `FieldMatchSince`), or carries the values of its unique key
/// (`UniqueKey`). Record types
/// whose create is idempotent or never made here have nothing to recognise.
pub fn is_lost_create(row: &Value, op: &OutboxOp, me: &str, claimed: &HashSet<String>) -> bool {
    match op.entity.descriptor().lost_create {
        LostCreate::OpIdInMetadata => carries(row, &op.op_id),
        LostCreate::FieldMatch | LostCreate::FieldMatchSince => {
            let wanted = op.payload.as_object().cloned().unwrap_or_default();
            let made = match op.entity.descriptor().lost_create {
                LostCreate::FieldMatch => made_by_me_since(row, me, queued_at(op), claimed),
                _ => made_since(row, queued_at(op), claimed),
            };
            made && {
                let (kept, of) = fields_kept(op.entity, row, &wanted);
                kept == of
            }
        }
        LostCreate::UniqueKey(key) => {
            made_since(row, queued_at(op), claimed) && holds_key_of(key, row, &op.payload)
        }
        LostCreate::Idempotent | LostCreate::NotCreatable => false,
    }
}

/// Two values of a unique key, compared as the platform compares them (addresses without
/// regard to case); an absent value matches nothing.
fn same_text(a: Option<&Value>, b: Option<&Value>) -> bool {
    match (a.and_then(Value::as_str), b.and_then(Value::as_str)) {
        (Some(a), Some(b)) => a.trim().eq_ignore_ascii_case(b.trim()),
        _ => false,
    }
}
