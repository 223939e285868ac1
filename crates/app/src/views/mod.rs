//! The replica's records, conflicts and outbox ops as the boundary shows them: each typed by the
//! model struct of its record type. The replica keeps its fields as JSON maps (it merges and
//! validates them field by field); these views tell TypeScript which model struct the fields
//! are. A record view names its type (`RecordView<Contact>`); a list that mixes types is a union
//! told apart by `entity`.
//!
//! What keeps the types honest: a record's fields and a conflict's versions go out as the model
//! struct writes them ([`typed_fields`]: a stored `null` for "none" goes, as TypeScript's
//! `field?: T` has it); an op's payload goes as stored, and the tests check with
//! [`check_fields`] that every kind of edit queues exactly what its model type writes.

use std::marker::PhantomData;

use outpost_model::records::{
    Approval, Calendar, CalendarPatch, Contact, ContactLink, ContactLinkPatch, ContactPatch, Entry,
    EntryPatch, Group, GroupMember, GroupPatch, Invitation, ManagerApplication,
    ManagerApplicationPatch, ManagerBackendSettings, ManagerBackendSettingsPatch, ManagerEndpoint,
    ManagerEndpointPatch, ManagerFrontendSettings, ManagerFrontendSettingsPatch, ManagerProject,
    ManagerProjectPatch, ManagerTenant, ManagerTenantPatch, ManagerTrigger, ManagerTriggerPatch,
    MoveRequest, Occurrence, OccurrencePatch, RateLimit, RateLimitPatch, Reminder, Resource,
    ResourceMember, ResourcePatch, Series, SeriesPatch, Space, SpaceMember, SpaceMemberPatch,
    SpacePatch, Tenant, TenantDomain, TenantDomainPatch, TenantPatch, TenantSettings,
    TenantSettingsPatch, User, UserPatch,
};
use outpost_model::RecordType;
use outpost_replica::Record;
use serde::de::DeserializeOwned;
use serde::Serialize;
use serde_json::Value;
use ts_rs::TS;

use crate::error::AppError;

mod conflict;
mod outbox_op;

pub use conflict::ConflictOf;
pub use outbox_op::{
    ApprovalAction, BaseValues, DomainAction, EntryAction, InvitationAction,
    ManagerApplicationAction, MoveAction, NoAction, NoFields, OpChange, OpOf, SettingsAction,
    TenantAction,
};

/// A model struct that is a record type's fields, with the type it belongs to.
pub trait ModelRecord: TS + DeserializeOwned + Serialize + 'static {
    /// The record type whose fields this struct is.
    const TYPE: RecordType;
    /// What an update op of this type carries: the model's patch twin.
    type Patch: TS + DeserializeOwned + Serialize + 'static;
    /// What an action op of this type carries (its name and body).
    type Action: TS + DeserializeOwned + Serialize + 'static;
}

/// The patch of a record type that cannot be edited: nothing is one (`never` in TypeScript,
/// and no JSON reads as one).
#[derive(Debug, Clone, Copy, PartialEq, Serialize, serde::Deserialize, TS)]
#[ts(type = "never")]
pub enum NoPatch {}

/// Every record type with its model struct, its patch and its actions: the boundary's one list
/// of them. From it come each struct's [`ModelRecord`] impl, the record type's fields checked
/// by its struct (`typed_record_fields`, `check_record_fields`), and the unions the UI tells
/// apart by `entity` ([`ConflictView`], [`OpView`]); a record type added to the model is one
/// line here.
macro_rules! record_views {
    ($( $(#[$doc:meta])* $variant:ident: $model:ty, $patch:ty, $action:ty; )*) => {
        $(
            impl ModelRecord for $model {
                const TYPE: RecordType = RecordType::$variant;
                type Patch = $patch;
                type Action = $action;
            }
        )*

        /// [`typed_fields`] with the model struct of `entity`.
        pub fn typed_record_fields(entity: RecordType, value: Value) -> Result<Value, String> {
            match entity {
                $( RecordType::$variant => typed_fields::<$model>(value), )*
            }
        }

        /// [`check_fields`] with the model struct of `entity`.
        pub fn check_record_fields(entity: RecordType, value: &Value) -> Result<(), String> {
            match entity {
                $( RecordType::$variant => check_fields::<$model>(value), )*
            }
        }

        /// A conflict of any record type; `entity` says which. TypeScript knows it as
        /// `Conflict`.
        #[derive(Debug, Clone, PartialEq, Serialize, TS)]
        #[serde(tag = "entity", rename_all = "snake_case")]
        #[ts(rename = "Conflict")]
        pub enum ConflictView {
            $( $variant(ConflictOf<$model>), )*
        }

        impl TryFrom<outpost_replica::Conflict> for ConflictView {
            type Error = AppError;

            /// Each version as the model struct writes it ([`typed_fields`]).
            fn try_from(c: outpost_replica::Conflict) -> Result<Self, AppError> {
                Ok(match c.entity {
                    $( RecordType::$variant => Self::$variant(ConflictOf::typed(c)?), )*
                })
            }
        }

        impl ConflictView {
            /// Checks each version against the model struct of its record type
            /// ([`check_fields`]).
            pub fn check(&self) -> Result<(), String> {
                match self {
                    $( Self::$variant(c) => c.check(), )*
                }
            }
        }

        /// An op of any record type; `entity` says which. TypeScript knows it as `OutboxOp`.
        #[derive(Debug, Clone, PartialEq, Serialize, TS)]
        #[serde(tag = "entity", rename_all = "snake_case")]
        #[ts(rename = "OutboxOp")]
        pub enum OpView {
            $( $variant(OpOf<$model, $patch, $action>), )*
        }

        impl TryFrom<outpost_replica::OutboxOp> for OpView {
            type Error = AppError;

            fn try_from(op: outpost_replica::OutboxOp) -> Result<Self, AppError> {
                Ok(match op.entity {
                    $( RecordType::$variant => Self::$variant(OpOf::typed(op)?), )*
                })
            }
        }

        impl OpView {
            /// Checks the payload against the model type its kind names.
            pub fn check(&self) -> Result<(), String> {
                match self {
                    $( Self::$variant(op) => op.check(), )*
                }
            }
        }
    };
}

record_views! {
    Calendar: Calendar, CalendarPatch, NoAction;
    Entry: Entry, EntryPatch, EntryAction;
    RecurrenceMaster: Series, SeriesPatch, NoAction;
    RecurrenceInstance: Occurrence, OccurrencePatch, NoAction;
    // Reminders cannot be edited, only removed: no update op carries one.
    Reminder: Reminder, NoPatch, NoAction;
    Contact: Contact, ContactPatch, NoAction;
    ContactLink: ContactLink, ContactLinkPatch, NoAction;
    Group: Group, GroupPatch, NoAction;
    // Memberships are added and removed, never changed.
    GroupMember: GroupMember, NoPatch, NoAction;
    // Sent once, then resent or revoked.
    Invitation: Invitation, NoPatch, InvitationAction;
    // Made by the platform; decided here.
    Approval: Approval, NoPatch, ApprovalAction;
    // Made and edited here; a temporary password is asked for online, never queued.
    User: User, UserPatch, NoAction;
    Space: Space, SpacePatch, NoAction;
    Resource: Resource, ResourcePatch, NoAction;
    // A new role is the only change of a space member.
    SpaceMember: SpaceMember, SpaceMemberPatch, NoAction;
    // Added and removed, never changed from here.
    ResourceMember: ResourceMember, NoPatch, NoAction;
    // Asked for here, then approved, rejected or withdrawn.
    MoveRequest: MoveRequest, NoPatch, MoveAction;
    // The tenant itself: edited, and moved through its lifecycle.
    Tenant: Tenant, TenantPatch, TenantAction;
    RateLimit: RateLimit, RateLimitPatch, NoAction;
    // One category each; reset to a plan's defaults.
    TenantSettings: TenantSettings, TenantSettingsPatch, SettingsAction;
    // Added, changed, verified and removed.
    TenantDomain: TenantDomain, TenantDomainPatch, DomainAction;
    // The Manager's tree (its GraphQL remote).
    ManagerProject: ManagerProject, ManagerProjectPatch, NoAction;
    ManagerTenant: ManagerTenant, ManagerTenantPatch, NoAction;
    ManagerApplication: ManagerApplication, ManagerApplicationPatch, ManagerApplicationAction;
    ManagerEndpoint: ManagerEndpoint, ManagerEndpointPatch, NoAction;
    ManagerTrigger: ManagerTrigger, ManagerTriggerPatch, NoAction;
    ManagerBackendSettings: ManagerBackendSettings, ManagerBackendSettingsPatch, NoAction;
    ManagerFrontendSettings: ManagerFrontendSettings, ManagerFrontendSettingsPatch, NoAction;
}

/// A record of one known type: `fields` is its model struct `F` (in TypeScript; here the
/// replica's JSON, sent as it is).
#[derive(Debug, Clone, PartialEq, Serialize, TS)]
#[serde(rename_all = "camelCase")]
pub struct RecordView<F> {
    pub entity: RecordType,
    pub local_id: String,
    pub server_id: Option<String>,
    /// The fields in the seed's request shape; references hold server ids once known.
    #[ts(as = "F")]
    pub fields: Value,
    /// The server's updatedAt this copy is based on (None: never seen by the server).
    pub base_updated_at: Option<String>,
    /// True while operations for this record wait in the outbox (pending, in flight, failed or
    /// in conflict).
    pub has_pending_ops: bool,
    #[serde(skip)]
    #[ts(skip)]
    model: PhantomData<F>,
}

impl<F: ModelRecord> TryFrom<Record> for RecordView<F> {
    type Error = AppError;

    /// Refuses a record of another type than `F`: a command that says it answers a contact
    /// must not send a calendar.
    fn try_from(record: Record) -> Result<Self, AppError> {
        // Every field by name: a field the replica adds fails to compile here until the view
        // has it too.
        let Record {
            entity,
            local_id,
            server_id,
            fields,
            base_updated_at,
            has_pending_ops,
        } = record;
        expect_type::<F>(entity)?;
        Ok(RecordView {
            entity,
            local_id,
            server_id,
            fields: typed_fields::<F>(fields).map_err(|e| unreadable(entity, &e))?,
            base_updated_at,
            has_pending_ops,
            model: PhantomData,
        })
    }
}

/// The error of stored fields that do not read as their model struct.
pub(crate) fn unreadable(entity: RecordType, reason: &str) -> AppError {
    AppError::new(
        "internal",
        format!("a stored {entity} does not read as its model: {reason}"),
    )
}

/// An internal error unless `entity` is `F`'s record type.
fn expect_type<F: ModelRecord>(entity: RecordType) -> Result<(), AppError> {
    if entity == F::TYPE {
        Ok(())
    } else {
        Err(AppError::new(
            "internal",
            format!(
                "expected a {} record, the replica answered a {entity}",
                F::TYPE
            ),
        ))
    }
}

/// A command's answer as the command table declares it, from what the `App` method returns:
/// the same value, or the replica's untyped answer turned into its typed view.
pub trait IntoAnswer<T> {
    fn into_answer(self) -> Result<T, AppError>;
}

impl<T> IntoAnswer<T> for T {
    fn into_answer(self) -> Result<T, AppError> {
        Ok(self)
    }
}

impl<F: ModelRecord> IntoAnswer<RecordView<F>> for Record {
    fn into_answer(self) -> Result<RecordView<F>, AppError> {
        RecordView::try_from(self)
    }
}

impl<F: ModelRecord> IntoAnswer<Vec<RecordView<F>>> for Vec<Record> {
    fn into_answer(self) -> Result<Vec<RecordView<F>>, AppError> {
        self.into_iter().map(RecordView::try_from).collect()
    }
}

impl<F: ModelRecord> IntoAnswer<Option<RecordView<F>>> for Option<Record> {
    fn into_answer(self) -> Result<Option<RecordView<F>>, AppError> {
        self.map(RecordView::try_from).transpose()
    }
}

/// `value` read as the model struct `F` and written back: the JSON TypeScript is told it is. A
/// `null` where `F` has an optional field goes (both say "none"; TypeScript's `field?: T` has
/// no null); a key `F` does not have, or a value of the wrong type, is refused with the reason.
pub fn typed_fields<F: DeserializeOwned + Serialize>(value: Value) -> Result<Value, String> {
    let typed: F = serde_json::from_value(value).map_err(|e| e.to_string())?;
    serde_json::to_value(&typed).map_err(|e| e.to_string())
}

/// Whether `value` is exactly what the model struct `F` describes: it reads as `F` and `F`
/// writes it back key for key. A key the model lacks, a wrong type, or a `null` where the model
/// has an optional field (TypeScript's `field?: T` allows no null) all fail, with the reason.
pub fn check_fields<F: DeserializeOwned + Serialize>(value: &Value) -> Result<(), String> {
    let typed: F = serde_json::from_value(value.clone()).map_err(|e| e.to_string())?;
    let back = serde_json::to_value(&typed).map_err(|e| e.to_string())?;
    if &back == value {
        Ok(())
    } else {
        Err(format!("{value} reads back as {back}"))
    }
}

#[cfg(test)]
mod tests {
    use serde_json::json;

    use super::*;

    fn record(entity: RecordType, fields: Value) -> Record {
        Record {
            entity,
            local_id: "l1".into(),
            server_id: None,
            fields,
            base_updated_at: None,
            has_pending_ops: false,
        }
    }

    #[test]
    fn a_view_sends_the_fields_as_the_model_writes_them() {
        let r = record(RecordType::Contact, json!({ "firstName": "Ada" }));
        let view: RecordView<Contact> = r.clone().into_answer().unwrap();
        assert_eq!(
            serde_json::to_value(&view).unwrap(),
            serde_json::to_value(&r).unwrap()
        );
        let stored = json!({ "firstName": "Ada", "email": null });
        let view: RecordView<Contact> = record(RecordType::Contact, stored).into_answer().unwrap();
        assert_eq!(view.fields, json!({ "firstName": "Ada" }), "null is none");
        let odd = record(RecordType::Contact, json!({ "nickname": "Ada" }));
        let refused = RecordView::<Contact>::try_from(odd).unwrap_err();
        assert_eq!(refused.code, "internal");
    }

    #[test]
    fn a_view_of_another_type_is_refused() {
        let r = record(RecordType::Calendar, serde_json::json!({}));
        let err = RecordView::<Contact>::try_from(r).unwrap_err();
        assert_eq!(err.code, "internal");
        assert!(err.message.contains("calendar"), "{}", err.message);
    }

    #[test]
    fn check_fields_refuses_unknown_keys_nulls_and_wrong_types() {
        let ok = serde_json::json!({ "firstName": "Ada", "address": { "city": null } });
        assert_eq!(check_fields::<Contact>(&ok), Ok(()));
        for bad in [
            serde_json::json!({ "nickname": "Ada" }),
            serde_json::json!({ "firstName": null }),
            serde_json::json!({ "firstName": 7 }),
        ] {
            assert!(check_fields::<Contact>(&bad).is_err(), "{bad}");
        }
    }
}
