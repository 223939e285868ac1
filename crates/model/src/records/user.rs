//! The tenant's users: made and edited by an administrator, offline like any edit. The platform
//! answers them in snake_case and takes them in camelCase (the model's shape); the password its
//! create requires is set by the remote when the create is sent, never kept here.

use serde::{Deserialize, Serialize};
use ts_rs::TS;

use super::{patch, Object};
use crate::enums::{UserLocale, UserStatus};

/// A user as the replica keeps it: the profile and where the user stands.
#[derive(Debug, Clone, Default, PartialEq, Serialize, Deserialize, TS)]
#[serde(rename_all = "camelCase", deny_unknown_fields)]
#[ts(optional_fields)]
pub struct User {
    /// The sign-in address (the platform keeps one account per address).
    #[serde(default, skip_serializing_if = "Option::is_none")]
    pub email: Option<String>,
    /// First name.
    #[serde(default, skip_serializing_if = "Option::is_none")]
    pub first_name: Option<String>,
    /// Middle name.
    #[serde(default, skip_serializing_if = "Option::is_none")]
    pub middle_name: Option<String>,
    /// Last name.
    #[serde(default, skip_serializing_if = "Option::is_none")]
    pub last_name: Option<String>,
    /// The name shown for the user.
    #[serde(default, skip_serializing_if = "Option::is_none")]
    pub display_name: Option<String>,
    /// The language the platform speaks to the user in.
    #[serde(default, skip_serializing_if = "Option::is_none")]
    pub locale: Option<UserLocale>,
    /// The user's settings, checked by the tenant's type definition.
    #[serde(default, skip_serializing_if = "Option::is_none")]
    pub settings: Option<Object>,
    /// The type definition that checks the settings.
    #[serde(default, skip_serializing_if = "Option::is_none")]
    pub type_definition_id: Option<String>,
    /// Where the user stands (answered by the server).
    #[serde(default, skip_serializing_if = "Option::is_none")]
    pub status: Option<UserStatus>,
}

/// A user to make (`POST /secure/users/`, without the password the remote sets).
#[derive(Debug, Clone, Default, PartialEq, Serialize, Deserialize, TS)]
#[serde(rename_all = "camelCase", deny_unknown_fields)]
#[ts(optional_fields)]
pub struct NewUser {
    /// The sign-in address, required.
    pub email: String,
    /// The name shown for the user.
    #[serde(default, skip_serializing_if = "Option::is_none")]
    pub display_name: Option<String>,
    /// The language the platform speaks to the user in.
    #[serde(default, skip_serializing_if = "Option::is_none")]
    pub locale: Option<UserLocale>,
    /// The user's settings.
    #[serde(default, skip_serializing_if = "Option::is_none")]
    pub settings: Option<Object>,
    /// The type definition that checks the settings.
    #[serde(default, skip_serializing_if = "Option::is_none")]
    pub type_definition_id: Option<String>,
}

/// A profile edit (`PATCH /secure/users/{id}`): an absent field is kept, `null` clears it.
#[derive(Debug, Clone, Default, PartialEq, Serialize, Deserialize, TS)]
#[serde(rename_all = "camelCase", deny_unknown_fields)]
pub struct UserPatch {
    /// First name.
    #[serde(default, with = "patch", skip_serializing_if = "Option::is_none")]
    #[ts(as = "Option<String>", optional = nullable)]
    pub first_name: Option<Option<String>>,
    /// Middle name.
    #[serde(default, with = "patch", skip_serializing_if = "Option::is_none")]
    #[ts(as = "Option<String>", optional = nullable)]
    pub middle_name: Option<Option<String>>,
    /// Last name.
    #[serde(default, with = "patch", skip_serializing_if = "Option::is_none")]
    #[ts(as = "Option<String>", optional = nullable)]
    pub last_name: Option<Option<String>>,
    /// The name shown (null: made again from the first and last name).
    #[serde(default, with = "patch", skip_serializing_if = "Option::is_none")]
    #[ts(as = "Option<String>", optional = nullable)]
    pub display_name: Option<Option<String>>,
    /// The language the platform speaks to the user in.
    #[serde(default, skip_serializing_if = "Option::is_none")]
    #[ts(optional)]
    pub locale: Option<UserLocale>,
    /// The user's settings (the whole object).
    #[serde(default, skip_serializing_if = "Option::is_none")]
    #[ts(optional)]
    pub settings: Option<Object>,
    /// The type definition that checks the settings.
    #[serde(default, with = "patch", skip_serializing_if = "Option::is_none")]
    #[ts(as = "Option<String>", optional = nullable)]
    pub type_definition_id: Option<Option<String>>,
}
