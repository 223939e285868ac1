//! Sending one outbox op to a remote, as the record type's descriptor says. Before an update or
//! delete of a record with a change marker the record is read: if the server's stamp is still
//! the op's base, only the changed fields go; if not, the change is merged field by field against
//! the base, and a field changed on both sides to different values parks a conflict. A create
//! that may have happened already is looked for before it is sent again.

use std::collections::HashSet;

use outpost_model::{ChangeMarker, LostCreate, MergePolicy, Operation};
use outpost_platform::PlatformError;
use outpost_replica::merge::three_way;
use outpost_replica::wire::request_shape;
use outpost_replica::{ConflictKind, Entity, Fields, OpKind, OutboxOp};
use serde_json::Value;

use crate::remote::{Remote, RemoteError};

pub enum Outcome {
    Done(Option<Value>),
    Conflict(ConflictKind, Option<Value>, Vec<String>),
}

/// What the engine knows of the op's record beyond the op itself: its stored fields (an
/// occurrence is addressed by its series and date until it has a server id, a link by its user,
/// space or resource); a create being retried must not be matched to a server record another
/// create from here already made (`claimed`).
#[derive(Debug, Clone, Default)]
pub struct Context {
    pub fields: Fields,
    pub claimed: HashSet<String>,
}

/// Ops the remote has no request for (its descriptor says which it takes). They stay in the
/// outbox, counted as held back, so nothing is lost; the user sees them waiting.
pub fn can_send(op: &OutboxOp) -> bool {
    let operations = &op.entity.descriptor().operations;
    match op.kind {
        OpKind::Create => operations.allows(Operation::Create),
        OpKind::Update => operations.allows(Operation::Update),
        OpKind::Delete => operations.allows(Operation::Delete),
        OpKind::Action => op
            .action
            .as_deref()
            .is_some_and(|name| operations.allows_action(name)),
    }
}

/// Whether a retried create of this op is recognised by its fields: such creates go one at a
/// time, so two of them can never take the same server record for theirs.
pub fn matched_on_fields(op: &OutboxOp) -> bool {
    op.kind == OpKind::Create
        && op.attempts > 0
        && matches!(
            op.entity.descriptor().lost_create,
            LostCreate::FieldMatch | LostCreate::FieldMatchSince | LostCreate::UniqueKey(_)
        )
}

fn fields(v: Option<&Value>) -> Fields {
    v.and_then(Value::as_object).cloned().unwrap_or_default()
}

fn server_id(op: &OutboxOp) -> Result<&str, PlatformError> {
    op.server_id
        .as_deref()
        .ok_or_else(|| PlatformError::Schema {
            what: format!("op {}", op.op_id),
            reason: "an update or delete of a record the server never knew".into(),
        })
}

fn remote_unchanged<R: Remote>(remote: &R, op: &OutboxOp, found: &Value) -> bool {
    let remote_at = remote.changed_at(op.entity, found);
    remote_at.is_some() && remote_at == op.base_updated_at.as_deref()
}

fn remote_deleted() -> Outcome {
    Outcome::Conflict(ConflictKind::EditVsRemoteDelete, None, Vec::new())
}

/// What a write answered: the record, or a conflict when it is gone.
fn done_or_gone(answer: Option<Value>) -> Outcome {
    match answer {
        Some(record) => Outcome::Done(Some(record)),
        None => remote_deleted(),
    }
}

pub async fn send<R: Remote>(
    remote: &R,
    op: &OutboxOp,
    ctx: &Context,
    me: &str,
    maybe_applied: bool,
) -> Result<Outcome, RemoteError> {
    let descriptor = op.entity.descriptor();
    let payload = fields(Some(&op.payload));
    let t = op.entity;
    // A record with no stamp to read (a link) is written as it is: the last writer's value
    // stands, and writing it twice does no harm.
    let unread = descriptor.change_marker == ChangeMarker::None
        || descriptor.merge == MergePolicy::LastWriterWins;
    match op.kind {
        OpKind::Create => {
            let searchable = matches!(
                descriptor.lost_create,
                LostCreate::OpIdInMetadata
                    | LostCreate::FieldMatch
                    | LostCreate::FieldMatchSince
                    | LostCreate::UniqueKey(_)
            );
            if maybe_applied && searchable {
                if let Some(found) = remote.find_lost_create(op, me, &ctx.claimed).await? {
                    return Ok(Outcome::Done(Some(found)));
                }
            }
            Ok(done_or_gone(remote.create(t, &payload, &ctx.fields).await?))
        }
        OpKind::Update if unread => {
            let id = op.server_id.as_deref().unwrap_or_default();
            Ok(done_or_gone(
                remote.update(t, id, &payload, &ctx.fields).await?,
            ))
        }
        OpKind::Update => {
            let Some(found) = remote.read(t, op.server_id.as_deref(), &ctx.fields).await? else {
                return Ok(remote_deleted());
            };
            if op.base_updated_at.is_none() && t == Entity::RecurrenceInstance {
                return first_override(remote, op, &ctx.fields, found).await;
            }
            write_merged(remote, op, &ctx.fields, found).await
        }
        OpKind::Delete if unread || descriptor.merge == MergePolicy::Immutable => {
            // A record that cannot be edited has no edit to lose: no read first.
            let id = op.server_id.as_deref().unwrap_or_default();
            remote.delete(t, id, &ctx.fields).await?;
            Ok(Outcome::Done(None))
        }
        OpKind::Delete => {
            let id = server_id(op)?;
            let Some(found) = remote.read(t, Some(id), &ctx.fields).await? else {
                return Ok(Outcome::Done(None));
            };
            if !remote_unchanged(remote, op, &found) {
                return Ok(Outcome::Conflict(
                    ConflictKind::DeleteVsRemoteEdit,
                    Some(found),
                    Vec::new(),
                ));
            }
            remote.delete(t, id, &ctx.fields).await?;
            Ok(Outcome::Done(None))
        }
        OpKind::Action => {
            // Actions (an entry's status and respond) are requests of their own, applied as they
            // come (the server checks its rules itself).
            let action = op.action.as_deref().unwrap_or_default();
            Ok(done_or_gone(
                remote.action(t, server_id(op)?, action, &payload).await?,
            ))
        }
    }
}

/// The id the read found: an occurrence first edited here is known by its date until then.
fn id_of<'v>(op: &'v OutboxOp, found: &'v Value) -> &'v str {
    op.server_id
        .as_deref()
        .or_else(|| found.get("id").and_then(Value::as_str))
        .unwrap_or_default()
}

/// Writes what the op changed, merged with what changed on the server since its base.
async fn write_merged<R: Remote>(
    remote: &R,
    op: &OutboxOp,
    stored: &Fields,
    found: Value,
) -> Result<Outcome, RemoteError> {
    let to_send = if remote_unchanged(remote, op, &found) {
        fields(Some(&op.payload))
    } else {
        let merge = three_way(
            &fields(op.base.as_ref()),
            &fields(Some(&op.payload)),
            &request_shape(op.entity, &found),
        );
        if !merge.conflicts.is_empty() {
            return Ok(Outcome::Conflict(
                ConflictKind::EditEdit,
                Some(found),
                merge.conflicts,
            ));
        }
        merge.to_send
    };
    if to_send.is_empty() {
        return Ok(Outcome::Done(Some(found)));
    }
    let id = id_of(op, &found).to_string();
    Ok(done_or_gone(
        remote.update(op.entity, &id, &to_send, stored).await?,
    ))
}

/// The first change of an occurrence made here has no base: the server generated the occurrence
/// from its series. If it is still as generated, the change goes as it is; if someone overrode or
/// cancelled it meanwhile, each field they set differently is a conflict.
async fn first_override<R: Remote>(
    remote: &R,
    op: &OutboxOp,
    stored: &Fields,
    found: Value,
) -> Result<Outcome, RemoteError> {
    let mine = fields(Some(&op.payload));
    let untouched = found.get("instanceState").and_then(Value::as_str) == Some("generated");
    if !untouched {
        let theirs = request_shape(op.entity, &found);
        let clashes: Vec<String> = mine
            .iter()
            .filter(|(k, v)| theirs.get(*k).is_some_and(|t| t != *v))
            .map(|(k, _)| k.clone())
            .collect();
        if !clashes.is_empty() {
            return Ok(Outcome::Conflict(
                ConflictKind::EditEdit,
                Some(found),
                clashes,
            ));
        }
    }
    let id = id_of(op, &found).to_string();
    Ok(done_or_gone(
        remote.update(op.entity, &id, &mine, stored).await?,
    ))
}
