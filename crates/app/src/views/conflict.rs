//! A parked conflict as the boundary shows it: its base, local and remote versions are the
//! model struct of its record type, told apart by `entity`.

use std::marker::PhantomData;

use outpost_replica::{Conflict, ConflictKind};
use serde::Serialize;
use serde_json::Value;
use ts_rs::TS;

use super::{typed_fields, unreadable, ConflictView, IntoAnswer, ModelRecord};
use crate::error::AppError;

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
    pub(super) fn typed(conflict: Conflict) -> Result<Self, AppError> {
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

impl IntoAnswer<Vec<ConflictView>> for Vec<Conflict> {
    fn into_answer(self) -> Result<Vec<ConflictView>, AppError> {
        self.into_iter().map(ConflictView::try_from).collect()
    }
}

impl<F: ModelRecord> ConflictOf<F> {
    /// Checks each version against the model struct `F` ([`super::check_fields`]).
    pub(super) fn check(&self) -> Result<(), String> {
        for (name, v) in self.versions() {
            super::check_fields::<F>(v).map_err(|e| format!("{}: {name}: {e}", F::TYPE))?;
        }
        Ok(())
    }
}
