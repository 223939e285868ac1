//! Approval requests: made by the platform when someone creates what needs approval (a resource
//! in a space that requires it, a booking), decided here by an administrator, offline like any
//! edit. The seed spells their fields in snake_case.

use serde::{Deserialize, Serialize};
use ts_rs::TS;

use crate::enums::{ApprovalStatus, ApprovalTarget};

/// An approval request as the replica keeps it (every field the server's).
#[derive(Debug, Clone, Default, PartialEq, Serialize, Deserialize, TS)]
#[serde(deny_unknown_fields)]
#[ts(optional_fields)]
pub struct Approval {
    /// What it is about.
    #[serde(default, skip_serializing_if = "Option::is_none")]
    pub entity_type: Option<ApprovalTarget>,
    /// The id of the space, resource or entry it is about.
    #[serde(default, skip_serializing_if = "Option::is_none")]
    pub entity_id: Option<String>,
    /// Its name, for people.
    #[serde(default, skip_serializing_if = "Option::is_none")]
    pub entity_name: Option<String>,
    /// Where it stands.
    #[serde(default, skip_serializing_if = "Option::is_none")]
    pub status: Option<ApprovalStatus>,
    /// Why it was asked for.
    #[serde(default, skip_serializing_if = "Option::is_none")]
    pub reason: Option<String>,
    /// Why it was rejected.
    #[serde(default, skip_serializing_if = "Option::is_none")]
    pub rejection_reason: Option<String>,
    /// When it was decided.
    #[serde(default, skip_serializing_if = "Option::is_none")]
    pub decision_at: Option<String>,
    /// Who decided it.
    #[serde(default, skip_serializing_if = "Option::is_none")]
    pub decision_by: Option<String>,
    /// When it expires undecided.
    #[serde(default, skip_serializing_if = "Option::is_none")]
    pub expires_at: Option<String>,
}
