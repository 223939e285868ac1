//! Groups of the tenant's users and their members, and the members of spaces and resources:
//! what an administrator creates, renames and fills, offline like any edit.

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

/// A user's membership of a space, with what they may do there
/// (`POST /secure/spaces/{id}/members`).
#[derive(Debug, Clone, PartialEq, Serialize, Deserialize, TS)]
#[serde(rename_all = "camelCase", deny_unknown_fields)]
pub struct SpaceMember {
    /// The space (its server id once known, its local id before).
    pub space_id: String,
    /// The user.
    pub user_id: String,
    /// What they may do there.
    pub role: crate::enums::SpaceRole,
}

/// A change of a space member: their role (the same POST again).
#[derive(Debug, Clone, Default, PartialEq, Serialize, Deserialize, TS)]
#[serde(rename_all = "camelCase", deny_unknown_fields)]
#[ts(optional_fields)]
pub struct SpaceMemberPatch {
    /// What they may do there.
    #[serde(default, skip_serializing_if = "Option::is_none")]
    pub role: Option<crate::enums::SpaceRole>,
}

/// A user's membership of a resource (`POST /secure/resources/{id}/members`).
#[derive(Debug, Clone, PartialEq, Serialize, Deserialize, TS)]
#[serde(rename_all = "camelCase", deny_unknown_fields)]
#[ts(optional_fields)]
pub struct ResourceMember {
    /// The resource (its server id once known, its local id before).
    pub resource_id: String,
    /// The user.
    pub user_id: String,
    /// What they may do with it (the server's; a new member reads).
    #[serde(default, skip_serializing_if = "Option::is_none")]
    pub role: Option<crate::enums::ResourceRole>,
}
