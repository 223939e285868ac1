//! Groups of the tenant's users and their members: what an administrator creates, renames and
//! fills, offline like any edit.

use serde::{Deserialize, Serialize};
use ts_rs::TS;

/// A group (`POST /secure/groups/create`).
#[derive(Debug, Clone, Default, PartialEq, Serialize, Deserialize, TS)]
#[serde(rename_all = "camelCase", deny_unknown_fields)]
#[ts(optional_fields)]
pub struct Group {
    /// Its name, 1 to 255 characters.
    pub name: String,
    /// What it is for.
    #[serde(default, skip_serializing_if = "Option::is_none")]
    pub description: Option<String>,
    /// The permission codes its members get.
    #[serde(default, skip_serializing_if = "Option::is_none")]
    pub permissions: Option<Vec<String>>,
}

/// A change of a group (`PUT /secure/groups/{id}`, which changes the fields sent): an absent
/// field is kept. The seed lets none of them be cleared with null.
#[derive(Debug, Clone, Default, PartialEq, Serialize, Deserialize, TS)]
#[serde(rename_all = "camelCase", deny_unknown_fields)]
#[ts(optional_fields)]
pub struct GroupPatch {
    /// Its name.
    #[serde(default, skip_serializing_if = "Option::is_none")]
    pub name: Option<String>,
    /// What it is for.
    #[serde(default, skip_serializing_if = "Option::is_none")]
    pub description: Option<String>,
    /// The permission codes its members get (the whole list).
    #[serde(default, skip_serializing_if = "Option::is_none")]
    pub permissions: Option<Vec<String>>,
}

/// A user's membership of a group (`POST /secure/groups/{id}/members`).
#[derive(Debug, Clone, PartialEq, Serialize, Deserialize, TS)]
#[serde(rename_all = "camelCase", deny_unknown_fields)]
pub struct GroupMember {
    /// The group (its server id once known, its local id before).
    pub group_id: String,
    /// The user.
    pub user_id: String,
}
