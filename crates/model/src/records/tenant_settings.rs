//! A tenant's settings, one record per category (`/secure/tenants/{id}/settings/{category}`):
//! changed offline by its owners and admins and sent at the next sync (the server merges the
//! keys sent into the category), or reset to the defaults of a plan. The record's id is its
//! category: a category is always there (with its defaults until first changed).

use serde::{Deserialize, Serialize};
use ts_rs::TS;

use crate::enums::SettingsCategory;
use crate::records::Object;

/// One category of settings as kept.
#[derive(Debug, Clone, PartialEq, Serialize, Deserialize, TS)]
#[serde(deny_unknown_fields)]
pub struct TenantSettings {
    /// Which category.
    pub category: SettingsCategory,
    /// Its values, in the seed's shape for the category.
    pub settings: Object,
}

/// A change of one category (`PATCH`, `{settings}`): the whole category as it should be.
#[derive(Debug, Clone, Default, PartialEq, Serialize, Deserialize, TS)]
#[serde(deny_unknown_fields)]
#[ts(optional_fields)]
pub struct TenantSettingsPatch {
    /// Its values.
    #[serde(default, skip_serializing_if = "Option::is_none")]
    pub settings: Option<Object>,
}
