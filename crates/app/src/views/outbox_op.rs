//! A queued op as the boundary shows it: what it carries is typed by its record type (`entity`)
//! and its kind: a create carries the model struct, an update its patch twin, an action its
//! named body, a delete nothing.

use std::convert::Infallible;
use std::marker::PhantomData;

use outpost_model::enums::{EntryStatus, ResponseStatus};
use outpost_replica::{OpKind, OpState, OutboxOp, Source};
use serde::{Deserialize, Serialize};
use serde_json::{json, Value};
use ts_rs::TS;

use super::{check_fields, IntoAnswer, ModelRecord, OpView};
use crate::error::AppError;

/// An op of a record whose fields are `F`, changed by `P`, with the actions `A`.
#[derive(Debug, Clone, PartialEq, Serialize, TS)]
#[serde(rename_all = "camelCase")]
pub struct OpOf<F, P, A> {
    pub seq: i64,
    pub op_id: String,
    pub local_id: String,
    /// The record's server id, when the server has it (what the request's path names).
    pub server_id: Option<String>,
    /// What the op is about, for people: the contact's name, the entry's title...
    pub label: Option<String>,
    /// Its kind, action and payload.
    #[serde(flatten)]
    pub change: OpChange<F, P, A>,
    /// update: the server's value of each changed field when it was edited, `null` where the
    /// record had none.
    #[ts(as = "Option<BaseValues<P>>")]
    pub base: Option<Value>,
    pub base_updated_at: Option<String>,
    pub state: OpState,
    pub source: Source,
    pub attempts: i64,
    pub last_error: Option<String>,
    pub next_attempt_at: Option<String>,
    pub created_at: String,
    pub updated_at: String,
}

/// What an op does: its kind, its action's name (null unless an action) and its payload, the
/// replica's JSON as it is, typed for TypeScript by the record type's struct `F`, patch `P` and
/// actions `A`.
#[derive(Debug, Clone, PartialEq, Serialize, TS)]
#[serde(tag = "kind", rename_all = "snake_case")]
pub enum OpChange<F, P, A> {
    /// A new record: every field.
    Create {
        action: (),
        #[ts(as = "F")]
        payload: Value,
    },
    /// The fields that change.
    Update {
        action: (),
        #[ts(as = "P")]
        payload: Value,
    },
    /// The record goes.
    Delete {
        action: (),
        #[ts(as = "NoFields")]
        payload: Value,
    },
    /// A request of its own (a status transition, an answer): `{action, payload}`.
    Action(#[ts(as = "A")] Value),
    /// Never made: it only ties `F`, `P` and `A` (which the others name for TypeScript alone)
    /// to the type.
    #[serde(skip)]
    #[ts(skip)]
    #[allow(dead_code)] // uninhabited on purpose
    Typed {
        never: Infallible,
        types: PhantomData<(F, P, A)>,
    },
}

/// The base of an update: each changed field of the patch `P` with the value it had, or `null`
/// where it had none (TypeScript only: the replica's JSON is what is sent).
#[derive(TS)]
#[ts(type = "{ [K in keyof P]?: P[K] | null }")]
pub struct BaseValues<P: TS>(PhantomData<P>);

/// The payload of a delete: an empty object.
#[derive(TS)]
#[ts(type = "Record<string, never>")]
pub struct NoFields;

/// The actions of an entry, by name, with their bodies.
#[derive(Debug, Clone, PartialEq, Serialize, Deserialize, TS)]
#[serde(tag = "action", content = "payload", rename_all = "snake_case")]
pub enum EntryAction {
    /// A booking status transition (`POST .../entries/{id}/status`).
    Status { status: EntryStatus },
    /// The signed-in user's answer to an invitation (`POST .../entries/{id}/respond`).
    #[serde(rename_all = "camelCase")]
    Respond { response_status: ResponseStatus },
}

/// The actions of a record type that has none: nothing is one.
#[derive(Debug, Clone, Copy, PartialEq, Serialize, Deserialize, TS)]
#[ts(type = "never")]
pub enum NoAction {}

impl<F: ModelRecord> OpOf<F, F::Patch, F::Action> {
    pub(super) fn typed(op: OutboxOp) -> Result<Self, AppError> {
        // Every field by name: a field the replica adds fails to compile here until the view
        // has it too. `entity` is the enum's tag.
        let OutboxOp {
            seq,
            op_id,
            entity,
            local_id,
            server_id,
            label,
            kind,
            action,
            payload,
            base,
            base_updated_at,
            state,
            source,
            attempts,
            last_error,
            next_attempt_at,
            created_at,
            updated_at,
        } = op;
        debug_assert_eq!(entity, F::TYPE);
        let change = match (kind, action) {
            (OpKind::Create, None) => OpChange::Create {
                action: (),
                payload,
            },
            (OpKind::Update, None) => OpChange::Update {
                action: (),
                payload,
            },
            (OpKind::Delete, None) => OpChange::Delete {
                action: (),
                payload,
            },
            (OpKind::Action, Some(name)) => {
                OpChange::Action(json!({ "action": name, "payload": payload }))
            }
            (kind, action) => {
                return Err(AppError::new(
                    "internal",
                    format!("op {op_id} is a {kind:?} with action {action:?}"),
                ))
            }
        };
        Ok(OpOf {
            seq,
            op_id,
            local_id,
            server_id,
            label,
            change,
            base,
            base_updated_at,
            state,
            source,
            attempts,
            last_error,
            next_attempt_at,
            created_at,
            updated_at,
        })
    }

    /// Whether the payload is what [`OpChange`] says for its kind ([`check_fields`]).
    pub(super) fn check(&self) -> Result<(), String> {
        let checked = match &self.change {
            OpChange::Create { payload, .. } => check_fields::<F>(payload),
            OpChange::Update { payload, .. } => check_fields::<F::Patch>(payload),
            OpChange::Delete { payload, .. } if payload == &json!({}) => Ok(()),
            OpChange::Delete { payload, .. } => Err(format!("a delete carries {payload}")),
            OpChange::Action(body) => check_fields::<F::Action>(body),
            OpChange::Typed { never, .. } => match *never {},
        };
        let base = match &self.base {
            // A null is "had none"; the values there are the patch's.
            Some(Value::Object(base)) => {
                let values = base.iter().filter(|(_, v)| !v.is_null());
                check_fields::<F::Patch>(&Value::Object(
                    values.map(|(k, v)| (k.clone(), v.clone())).collect(),
                ))
                .map_err(|e| format!("base: {e}"))
            }
            Some(other) => Err(format!("base: {other} is no object")),
            None => Ok(()),
        };
        checked
            .and(base)
            .map_err(|e| format!("{} op {}: {e}", F::TYPE, self.op_id))
    }
}

impl IntoAnswer<Vec<OpView>> for Vec<OutboxOp> {
    fn into_answer(self) -> Result<Vec<OpView>, AppError> {
        self.into_iter().map(OpView::try_from).collect()
    }
}

/// The actions of an invitation, by name, with their bodies.
#[derive(Debug, Clone, PartialEq, Serialize, Deserialize, TS)]
#[serde(tag = "action", content = "payload", rename_all = "snake_case")]
pub enum InvitationAction {
    /// Sends it again (`POST /secure/invitations/{id}/resend`).
    Resend {},
}

/// What a Manager application's version is moved by: `promote` (to the application with the
/// slug in the target tenant) or `copy` (a new application there).
#[derive(Debug, Clone, PartialEq, Serialize, Deserialize, TS)]
#[serde(tag = "action", content = "payload", rename_all = "snake_case")]
pub enum ManagerApplicationAction {
    /// `promoteApplication`.
    Promote(outpost_model::records::ApplicationMove),
    /// `copyApplication`.
    Copy(outpost_model::records::ApplicationMove),
}

/// The decisions on an approval request, by name, with their bodies.
#[derive(Debug, Clone, PartialEq, Serialize, Deserialize, TS)]
#[serde(tag = "action", content = "payload", rename_all = "snake_case")]
pub enum ApprovalAction {
    /// `POST /secure/approvals/{id}/approve`, with an optional comment.
    Approve {
        #[serde(default, skip_serializing_if = "Option::is_none")]
        #[ts(optional)]
        comment: Option<String>,
    },
    /// `POST /secure/approvals/{id}/reject`, with the reason.
    Reject { rejection_reason: String },
}

/// The decisions on a move request, by name, with their bodies.
#[derive(Debug, Clone, PartialEq, Serialize, Deserialize, TS)]
#[serde(tag = "action", content = "payload", rename_all = "snake_case")]
pub enum MoveAction {
    /// `POST /secure/resources/resource-requests/{id}/approve`: the resource moves.
    Approve {},
    /// `POST /secure/resources/resource-requests/{id}/reject`, with the reason.
    Reject {
        #[serde(rename = "rejectionReason")]
        rejection_reason: String,
    },
}
/// The lifecycle moves of a tenant, by name, with their bodies
/// (`POST /secure/tenants/{id}/lifecycle/{move}`).
#[derive(Debug, Clone, PartialEq, Serialize, Deserialize, TS)]
#[serde(tag = "action", content = "payload", rename_all = "snake_case")]
pub enum TenantAction {
    /// Pending → active on trial, or inactive → active.
    Activate {
        #[serde(default, skip_serializing_if = "Option::is_none")]
        #[ts(optional)]
        reason: Option<String>,
    },
    /// Active → inactive.
    Suspend {
        #[serde(default, skip_serializing_if = "Option::is_none")]
        #[ts(optional)]
        reason: Option<String>,
    },
    /// Inactive → active.
    Reactivate {
        #[serde(default, skip_serializing_if = "Option::is_none")]
        #[ts(optional)]
        reason: Option<String>,
    },
    /// Inactive → retired.
    Archive {
        #[serde(default, skip_serializing_if = "Option::is_none")]
        #[ts(optional)]
        reason: Option<String>,
    },
    /// Up the plans, to `target_type`.
    Upgrade {
        target_type: outpost_model::enums::UpgradePlan,
        #[serde(default, skip_serializing_if = "Option::is_none")]
        #[ts(optional)]
        reason: Option<String>,
    },
}

/// The actions on a category of tenant settings.
#[derive(Debug, Clone, PartialEq, Serialize, Deserialize, TS)]
#[serde(tag = "action", content = "payload", rename_all = "snake_case")]
pub enum SettingsAction {
    /// Back to the defaults of a plan (the tenant's own when left out).
    Reset {
        #[serde(default, skip_serializing_if = "Option::is_none")]
        #[ts(optional)]
        tenant_type: Option<outpost_model::enums::TenantPlan>,
    },
}

/// The actions on a custom domain.
#[derive(Debug, Clone, PartialEq, Serialize, Deserialize, TS)]
#[serde(tag = "action", content = "payload", rename_all = "snake_case")]
pub enum DomainAction {
    /// Checks its DNS record (or file) now (`POST .../domains/{id}/verify`).
    Verify {},
}
