//! A parked conflict as the boundary shows it: its base, local and remote versions are the
//! model struct of its record type, told apart by `entity`.

use std::marker::PhantomData;

use outpost_model::records::{
    Calendar, Contact, ContactLink, Entry, Group, GroupMember, Occurrence, Reminder, Series,
};
use outpost_model::RecordType;
use outpost_replica::{Conflict, ConflictKind};
use serde::Serialize;
use serde_json::Value;
use ts_rs::TS;

use super::{typed_fields, unreadable, IntoAnswer, ModelRecord};
use crate::error::AppError;

/// A conflict of any record type; `entity` says which. TypeScript knows it as `Conflict`.
#[derive(Debug, Clone, PartialEq, Serialize, TS)]
#[serde(tag = "entity", rename_all = "snake_case")]
#[ts(rename = "Conflict")]
pub enum ConflictView {
    Calendar(ConflictOf<Calendar>),
    Entry(ConflictOf<Entry>),
    RecurrenceMaster(ConflictOf<Series>),
    RecurrenceInstance(ConflictOf<Occurrence>),
    Reminder(ConflictOf<Reminder>),
    Contact(ConflictOf<Contact>),
    ContactLink(ConflictOf<ContactLink>),
    Group(ConflictOf<Group>),
    GroupMember(ConflictOf<GroupMember>),
}

/// A conflict of a record whose fields are `F`.
#[derive(Debug, Clone, PartialEq, Serialize, TS)]
#[serde(rename_all = "camelCase")]
pub struct ConflictOf<F> {
    pub conflict_id: String,
    pub local_id: String,
    pub op_id: String,
    pub kind: ConflictKind,
    /// The record as the edit found it.
    #[ts(as = "Option<F>")]
    pub base: Option<Value>,
    /// The local version (None: deleted here).
    #[ts(as = "Option<F>")]
    pub local: Option<Value>,
    /// The server's version (None: deleted on the server).
    #[ts(as = "Option<F>")]
    pub remote: Option<Value>,
    pub remote_updated_at: Option<String>,
    /// The fields in conflict.
    pub fields: Vec<String>,
    pub created_at: String,
    #[serde(skip)]
    #[ts(skip)]
    model: PhantomData<F>,
}

impl<F: ModelRecord> ConflictOf<F> {
    fn typed(conflict: Conflict) -> Result<Self, AppError> {
        // Every field by name: a field the replica adds fails to compile here until the view
        // has it too. `entity` is the enum's tag.
        let Conflict {
            conflict_id,
            entity,
            local_id,
            op_id,
            kind,
            base,
            local,
            remote,
            remote_updated_at,
            fields,
            created_at,
        } = conflict;
        debug_assert_eq!(entity, F::TYPE);
        let typed = |version: Option<Value>| {
            version
                .map(|v| typed_fields::<F>(v).map_err(|e| unreadable(entity, &e)))
                .transpose()
        };
        Ok(ConflictOf {
            conflict_id,
            local_id,
            op_id,
            kind,
            base: typed(base)?,
            local: typed(local)?,
            remote: typed(remote)?,
            remote_updated_at,
            fields,
            created_at,
            model: PhantomData,
        })
    }

    /// Its versions that exist, with their names.
    pub fn versions(&self) -> impl Iterator<Item = (&'static str, &Value)> {
        [
            ("base", &self.base),
            ("local", &self.local),
            ("remote", &self.remote),
        ]
        .into_iter()
        .filter_map(|(name, v)| v.as_ref().map(|v| (name, v)))
    }
}

impl TryFrom<Conflict> for ConflictView {
    type Error = AppError;

    /// Each version as the model struct writes it ([`typed_fields`]).
    fn try_from(c: Conflict) -> Result<Self, AppError> {
        Ok(match c.entity {
            RecordType::Calendar => Self::Calendar(ConflictOf::typed(c)?),
            RecordType::Entry => Self::Entry(ConflictOf::typed(c)?),
            RecordType::RecurrenceMaster => Self::RecurrenceMaster(ConflictOf::typed(c)?),
            RecordType::RecurrenceInstance => Self::RecurrenceInstance(ConflictOf::typed(c)?),
            RecordType::Reminder => Self::Reminder(ConflictOf::typed(c)?),
            RecordType::Contact => Self::Contact(ConflictOf::typed(c)?),
            RecordType::ContactLink => Self::ContactLink(ConflictOf::typed(c)?),
            RecordType::Group => Self::Group(ConflictOf::typed(c)?),
            RecordType::GroupMember => Self::GroupMember(ConflictOf::typed(c)?),
        })
    }
}

impl IntoAnswer<Vec<ConflictView>> for Vec<Conflict> {
    fn into_answer(self) -> Result<Vec<ConflictView>, AppError> {
        self.into_iter().map(ConflictView::try_from).collect()
    }
}

impl ConflictView {
    /// Checks each version against the model struct of its record type
    /// ([`super::check_fields`]).
    pub fn check(&self) -> Result<(), String> {
        fn each<F: ModelRecord>(c: &ConflictOf<F>) -> Result<(), String> {
            for (name, v) in c.versions() {
                super::check_fields::<F>(v).map_err(|e| format!("{}: {name}: {e}", F::TYPE))?;
            }
            Ok(())
        }
        match self {
            Self::Calendar(c) => each(c),
            Self::Entry(c) => each(c),
            Self::RecurrenceMaster(c) => each(c),
            Self::RecurrenceInstance(c) => each(c),
            Self::Reminder(c) => each(c),
            Self::Contact(c) => each(c),
            Self::ContactLink(c) => each(c),
            Self::Group(c) => each(c),
            Self::GroupMember(c) => each(c),
        }
    }
}
