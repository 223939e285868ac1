//! Sending one outbox op to the platform. Before an update or delete the record is read: if the
//! server's stamp is still the op's base, only the changed fields go; if not, the change is merged
//! field by field against the base, and a field changed on both sides to different values parks a
//! conflict. A create that may have happened already is looked for before it is sent again.

use chrono::{Duration, NaiveDate};
use outpost_model::{LostCreate, MergePolicy, Operation};
use outpost_platform::{PlatformError, TenantSession};
use outpost_replica::merge::three_way;
use outpost_replica::wire::request_shape;
use outpost_replica::{ConflictKind, Entity, Fields, OpKind, OutboxOp};
use serde_json::Value;

use crate::endpoints::{self as ep, item_path, updated_key};
use crate::lost;

pub enum Outcome {
    Done(Option<Value>),
    Conflict(ConflictKind, Option<Value>, Vec<String>),
}

/// What the engine knows of the op's record beyond the op itself: an occurrence is addressed by
/// its series and date until it has a server id; a create being retried must not be matched to
/// a server record another create from here already made (`claimed`).
#[derive(Debug, Clone, Default)]
pub struct Context {
    pub fields: Fields,
    pub claimed: std::collections::HashSet<String>,
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

/// The path of the op's record; a record type the remote cannot address by id is a bug of the
/// descriptor, said as an error rather than a panic.
fn path_of(op: &OutboxOp) -> Result<String, PlatformError> {
    item_path(op.entity, server_id(op)?).ok_or_else(|| PlatformError::Schema {
        what: format!("op {}", op.op_id),
        reason: format!("a {} cannot be addressed by its id", op.entity),
    })
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

fn remote_unchanged(op: &OutboxOp, remote: &Value) -> bool {
    let remote_at = remote.get(updated_key(op.entity)).and_then(Value::as_str);
    remote_at.is_some() && remote_at == op.base_updated_at.as_deref()
}

pub async fn send(
    session: &TenantSession<'_>,
    op: &OutboxOp,
    ctx: &Context,
    me: &str,
    maybe_applied: bool,
) -> Result<Outcome, PlatformError> {
    match (op.entity, op.kind) {
        (Entity::ContactLink, _) => send_link(session, op, ctx).await,
        (_, OpKind::Create) => {
            let searchable = matches!(
                op.entity.descriptor().lost_create,
                LostCreate::OpIdInMetadata | LostCreate::FieldMatch
            );
            if maybe_applied && searchable {
                if let Some(found) = lost::find_create(session, op, me, &ctx.claimed).await? {
                    return Ok(Outcome::Done(Some(found)));
                }
            }
            let path = ep::create_path(op.entity).ok_or_else(|| PlatformError::Schema {
                what: format!("op {}", op.op_id),
                reason: format!("a {} cannot be created on this server", op.entity),
            })?;
            let created = ep::post(session, path, &ep::body(&op.payload)).await?;
            Ok(Outcome::Done(Some(created)))
        }
        (Entity::RecurrenceInstance, OpKind::Update) => update_occurrence(session, op, ctx).await,
        (_, OpKind::Update) => {
            let path = path_of(op)?;
            let Some(remote) = ep::get(session, &path).await? else {
                return Ok(remote_deleted());
            };
            write_merged(session, op, &path, remote).await
        }
        (_, OpKind::Delete) if op.entity.descriptor().merge == MergePolicy::Immutable => {
            // A record that cannot be edited has no edit to lose: no read first.
            ep::delete(session, &path_of(op)?).await?;
            Ok(Outcome::Done(None))
        }
        (_, OpKind::Delete) => {
            let path = path_of(op)?;
            let Some(remote) = ep::get(session, &path).await? else {
                return Ok(Outcome::Done(None));
            };
            if !remote_unchanged(op, &remote) {
                return Ok(Outcome::Conflict(
                    ConflictKind::DeleteVsRemoteEdit,
                    Some(remote),
                    Vec::new(),
                ));
            }
            ep::delete(session, &path).await?;
            Ok(Outcome::Done(None))
        }
        (_, OpKind::Action) => {
            // status and respond: POSTs of their own, applied as they come (the server checks
            // the status rules itself).
            let action = op.action.as_deref().unwrap_or_default();
            let path = format!("{}/{action}", path_of(op)?);
            match ep::post(session, &path, &ep::body(&op.payload)).await {
                Ok(answer) => Ok(Outcome::Done(Some(answer))),
                Err(e) if e.status() == Some(404) => Ok(remote_deleted()),
                Err(e) => Err(e),
            }
        }
    }
}

/// Contact links live under their user, space or resource. Linking again answers with the same
/// link (the platform has no PATCH for links), so a create or a primary change is one POST, and
/// sending it twice cannot make two links. A link has no stamp to read before writing: the
/// primary flag is the last writer's.
async fn send_link(
    session: &TenantSession<'_>,
    op: &OutboxOp,
    ctx: &Context,
) -> Result<Outcome, PlatformError> {
    let text = |key: &str| {
        op.payload
            .get(key)
            .or_else(|| ctx.fields.get(key))
            .and_then(Value::as_str)
            .unwrap_or_default()
            .to_string()
    };
    let (kind, entity, contact) = (text("entityType"), text("entityId"), text("contactId"));
    if !matches!(kind.as_str(), "user" | "space" | "resource") || entity.is_empty() {
        return Err(PlatformError::Schema {
            what: format!("op {}", op.op_id),
            reason: "the link names no user, space or resource".into(),
        });
    }
    let base = format!("/api/v1/secure/{kind}s/{entity}/contacts");
    match op.kind {
        OpKind::Delete => {
            ep::delete(session, &format!("{base}/{contact}")).await?;
            Ok(Outcome::Done(None))
        }
        _ => {
            let primary = op
                .payload
                .get("isPrimary")
                .or_else(|| ctx.fields.get("isPrimary"))
                .and_then(Value::as_bool)
                .unwrap_or(false);
            let body = serde_json::json!({ "contactId": contact, "isPrimary": primary });
            match ep::post(session, &base, &body).await {
                Ok(link) => Ok(Outcome::Done(Some(link))),
                // The user, space or resource is gone on the server.
                Err(e) if e.status() == Some(404) => Ok(remote_deleted()),
                Err(e) => Err(e),
            }
        }
    }
}

fn remote_deleted() -> Outcome {
    Outcome::Conflict(ConflictKind::EditVsRemoteDelete, None, Vec::new())
}

/// PATCHes what the op changed, merged with what changed on the server since its base.
async fn write_merged(
    session: &TenantSession<'_>,
    op: &OutboxOp,
    path: &str,
    remote: Value,
) -> Result<Outcome, PlatformError> {
    let to_send = if remote_unchanged(op, &remote) {
        fields(Some(&op.payload))
    } else {
        let merge = three_way(
            &fields(op.base.as_ref()),
            &fields(Some(&op.payload)),
            &request_shape(op.entity, &remote),
        );
        if !merge.conflicts.is_empty() {
            return Ok(Outcome::Conflict(
                ConflictKind::EditEdit,
                Some(remote),
                merge.conflicts,
            ));
        }
        merge.to_send
    };
    if to_send.is_empty() {
        return Ok(Outcome::Done(Some(remote)));
    }
    match ep::patch(session, path, &Value::Object(to_send)).await {
        Ok(updated) => Ok(Outcome::Done(Some(updated))),
        Err(e) if e.status() == Some(404) => Ok(remote_deleted()),
        Err(e) => Err(e),
    }
}

/// An occurrence has no GET of its own: it is read from its series' instances around its date,
/// found by id or, before the engine knows its id, by date.
async fn update_occurrence(
    session: &TenantSession<'_>,
    op: &OutboxOp,
    ctx: &Context,
) -> Result<Outcome, PlatformError> {
    let master = ctx
        .fields
        .get("recurrenceMasterId")
        .and_then(Value::as_str)
        .ok_or_else(|| PlatformError::Schema {
            what: format!("op {}", op.op_id),
            reason: "the occurrence names no series".into(),
        })?;
    let date_text = ctx
        .fields
        .get("instanceDate")
        .and_then(Value::as_str)
        .unwrap_or_default();
    let date =
        NaiveDate::parse_from_str(date_text, "%Y-%m-%d").map_err(|_| PlatformError::Schema {
            what: format!("op {}", op.op_id),
            reason: format!("the occurrence's date {date_text:?} is not a date"),
        })?;
    // The day before to the day after, in UTC: wide enough for any zone's local date.
    let from = (date - Duration::days(1))
        .and_hms_opt(0, 0, 0)
        .expect("midnight")
        .and_utc();
    let to = from + Duration::days(3);
    let path = format!("{}/{master}/instances", ep::MASTERS);
    let (rows, _) = ep::flat_all(session, &path, &ep::window_query(from, to)).await?;
    let found = rows.into_iter().find(|row| match op.server_id.as_deref() {
        Some(id) => row.get("id").and_then(Value::as_str) == Some(id),
        None => row.get("instanceDate").and_then(Value::as_str) == Some(date_text),
    });
    let Some(remote) = found else {
        return Ok(remote_deleted());
    };
    let id = remote
        .get("id")
        .and_then(Value::as_str)
        .unwrap_or_default()
        .to_string();
    let path = item_path(Entity::RecurrenceInstance, &id).ok_or_else(|| PlatformError::Schema {
        what: format!("op {}", op.op_id),
        reason: "an occurrence cannot be addressed by its id".into(),
    })?;
    if op.base_updated_at.is_none() {
        return first_override(session, op, &path, remote).await;
    }
    write_merged(session, op, &path, remote).await
}

/// The first change of an occurrence made here has no base: the server generated the occurrence
/// from its series. If it is still as generated, the change goes as it is; if someone overrode or
/// cancelled it meanwhile, each field they set differently is a conflict.
async fn first_override(
    session: &TenantSession<'_>,
    op: &OutboxOp,
    path: &str,
    remote: Value,
) -> Result<Outcome, PlatformError> {
    let mine = fields(Some(&op.payload));
    let untouched = remote.get("instanceState").and_then(Value::as_str) == Some("generated");
    if !untouched {
        let theirs = request_shape(op.entity, &remote);
        let clashes: Vec<String> = mine
            .iter()
            .filter(|(k, v)| theirs.get(*k).is_some_and(|t| t != *v))
            .map(|(k, _)| k.clone())
            .collect();
        if !clashes.is_empty() {
            return Ok(Outcome::Conflict(
                ConflictKind::EditEdit,
                Some(remote),
                clashes,
            ));
        }
    }
    match ep::patch(session, path, &Value::Object(mine)).await {
        Ok(updated) => Ok(Outcome::Done(Some(updated))),
        Err(e) if e.status() == Some(404) => Ok(remote_deleted()),
        Err(e) => Err(e),
    }
}
