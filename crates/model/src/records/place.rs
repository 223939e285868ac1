//! Spaces and the resources in them: made, edited and deleted by an administrator, offline like
//! any edit. The seed takes a space's type definition in snake_case and a resource's fields in
//! camelCase; the model keeps each as its requests spell it.

use serde::{Deserialize, Serialize};
use ts_rs::TS;

use super::{patch, Object};
use crate::enums::{MoveStatus, PlaceStatus};

/// A space (`POST /secure/spaces/`).
#[derive(Debug, Clone, Default, PartialEq, Serialize, Deserialize, TS)]
#[serde(deny_unknown_fields)]
#[ts(optional_fields)]
pub struct Space {
    /// Its name, 2 to 255 characters.
    #[serde(default, skip_serializing_if = "Option::is_none")]
    pub name: Option<String>,
    /// What it is.
    #[serde(default, skip_serializing_if = "Option::is_none")]
    pub description: Option<String>,
    /// The language of its name and description (ISO 639-1).
    #[serde(default, skip_serializing_if = "Option::is_none")]
    pub language: Option<String>,
    /// Where it stands (pending while it waits for an approval).
    #[serde(default, skip_serializing_if = "Option::is_none")]
    pub status: Option<PlaceStatus>,
    /// Its settings, checked by its type definition.
    #[serde(default, skip_serializing_if = "Option::is_none")]
    pub settings: Option<Object>,
    /// The type definition that checks the settings.
    #[serde(default, skip_serializing_if = "Option::is_none")]
    pub type_definition_id: Option<String>,
}

/// A change of a space (`PATCH /secure/spaces/{id}`): absent keeps, null clears.
#[derive(Debug, Clone, Default, PartialEq, Serialize, Deserialize, TS)]
#[serde(deny_unknown_fields)]
pub struct SpacePatch {
    /// Its name.
    #[serde(default, skip_serializing_if = "Option::is_none")]
    #[ts(optional)]
    pub name: Option<String>,
    /// What it is.
    #[serde(default, with = "patch", skip_serializing_if = "Option::is_none")]
    #[ts(as = "Option<String>", optional = nullable)]
    pub description: Option<Option<String>>,
    /// The language of its name and description.
    #[serde(default, skip_serializing_if = "Option::is_none")]
    #[ts(optional)]
    pub language: Option<String>,
    /// Where it stands.
    #[serde(default, skip_serializing_if = "Option::is_none")]
    #[ts(optional)]
    pub status: Option<PlaceStatus>,
    /// Its settings (the whole object).
    #[serde(default, with = "patch", skip_serializing_if = "Option::is_none")]
    #[ts(as = "Option<Object>", optional = nullable)]
    pub settings: Option<Option<Object>>,
    /// The type definition that checks the settings.
    #[serde(default, with = "patch", skip_serializing_if = "Option::is_none")]
    #[ts(as = "Option<String>", optional = nullable)]
    pub type_definition_id: Option<Option<String>>,
}

/// A resource (`POST /secure/resources/`).
#[derive(Debug, Clone, Default, PartialEq, Serialize, Deserialize, TS)]
#[serde(rename_all = "camelCase", deny_unknown_fields)]
#[ts(optional_fields)]
pub struct Resource {
    /// Its name, 1 to 255 characters.
    #[serde(default, skip_serializing_if = "Option::is_none")]
    pub name: Option<String>,
    /// What it is.
    #[serde(default, skip_serializing_if = "Option::is_none")]
    pub description: Option<String>,
    /// The language of its name and description (ISO 639-1).
    #[serde(default, skip_serializing_if = "Option::is_none")]
    pub language: Option<String>,
    /// Where it stands (pending while it waits for an approval).
    #[serde(default, skip_serializing_if = "Option::is_none")]
    pub status: Option<PlaceStatus>,
    /// Its settings, checked by its type definition.
    #[serde(default, skip_serializing_if = "Option::is_none")]
    pub settings: Option<Object>,
    /// The type definition that checks the settings.
    #[serde(default, skip_serializing_if = "Option::is_none")]
    pub type_definition_id: Option<String>,
    /// The space it stands in (its server id).
    #[serde(default, skip_serializing_if = "Option::is_none")]
    pub space_id: Option<String>,
}

/// A change of a resource (`PATCH /secure/resources/{id}`): absent keeps, null clears.
#[derive(Debug, Clone, Default, PartialEq, Serialize, Deserialize, TS)]
#[serde(rename_all = "camelCase", deny_unknown_fields)]
pub struct ResourcePatch {
    /// Its name.
    #[serde(default, skip_serializing_if = "Option::is_none")]
    #[ts(optional)]
    pub name: Option<String>,
    /// What it is.
    #[serde(default, with = "patch", skip_serializing_if = "Option::is_none")]
    #[ts(as = "Option<String>", optional = nullable)]
    pub description: Option<Option<String>>,
    /// The language of its name and description.
    #[serde(default, skip_serializing_if = "Option::is_none")]
    #[ts(optional)]
    pub language: Option<String>,
    /// Where it stands.
    #[serde(default, skip_serializing_if = "Option::is_none")]
    #[ts(optional)]
    pub status: Option<PlaceStatus>,
    /// Its settings (the whole object).
    #[serde(default, with = "patch", skip_serializing_if = "Option::is_none")]
    #[ts(as = "Option<Object>", optional = nullable)]
    pub settings: Option<Option<Object>>,
    /// The type definition that checks the settings.
    #[serde(default, with = "patch", skip_serializing_if = "Option::is_none")]
    #[ts(as = "Option<String>", optional = nullable)]
    pub type_definition_id: Option<Option<String>>,
    /// The space it stands in (null: none).
    #[serde(default, with = "patch", skip_serializing_if = "Option::is_none")]
    #[ts(as = "Option<String>", optional = nullable)]
    pub space_id: Option<Option<String>>,
}

/// A request to move a resource to another space, decided by the target space's managers or the
/// tenant's owners and admins (`/secure/resources/resource-requests`).
#[derive(Debug, Clone, Default, PartialEq, Serialize, Deserialize, TS)]
#[serde(rename_all = "camelCase", deny_unknown_fields)]
#[ts(optional_fields)]
pub struct MoveRequest {
    /// The resource to move.
    #[serde(default, skip_serializing_if = "Option::is_none")]
    pub resource_id: Option<String>,
    /// The space it should move to.
    #[serde(default, skip_serializing_if = "Option::is_none")]
    pub target_space_id: Option<String>,
    /// Why, at most 2,000 characters.
    #[serde(default, skip_serializing_if = "Option::is_none")]
    pub reason: Option<String>,
    /// The space it stands in (answered by the server).
    #[serde(default, skip_serializing_if = "Option::is_none")]
    pub source_space_id: Option<String>,
    /// Where the request stands (answered by the server).
    #[serde(default, skip_serializing_if = "Option::is_none")]
    pub status: Option<MoveStatus>,
    /// Why it was rejected.
    #[serde(default, skip_serializing_if = "Option::is_none")]
    pub rejection_reason: Option<String>,
}
