//! The backend and frontend settings of one Manager level (a project, a tenant or an
//! application), flattened from the Manager's `moduleConfig` so that each of its fields merges
//! on its own. A field that is `null` (or absent) is not set at this level: the level above
//! gives it.

use serde::{Deserialize, Serialize};
use ts_rs::TS;

/// One `{Key, Value}` of a module configuration (the Manager spells them in PascalCase).
#[derive(Debug, Clone, Default, PartialEq, Eq, Serialize, Deserialize, TS)]
#[serde(deny_unknown_fields)]
pub struct KeyValuePair {
    /// The key, unique in its list and not blank.
    #[serde(rename = "Key")]
    pub key: String,
    /// Its value.
    #[serde(rename = "Value")]
    pub value: String,
}

/// A level's own backend settings (`createBackendSettings`): exactly one level id is given.
#[derive(Debug, Clone, Default, PartialEq, Serialize, Deserialize, TS)]
#[serde(deny_unknown_fields)]
#[ts(optional_fields)]
pub struct ManagerBackendSettings {
    /// The project whose settings these are.
    #[serde(default, rename = "projectID", skip_serializing_if = "Option::is_none")]
    pub project_id: Option<String>,
    /// The tenant whose settings these are.
    #[serde(default, rename = "tenantID", skip_serializing_if = "Option::is_none")]
    pub tenant_id: Option<String>,
    /// The application whose settings these are.
    #[serde(
        default,
        rename = "applicationID",
        skip_serializing_if = "Option::is_none"
    )]
    pub application_id: Option<String>,
    /// The backend modules enabled at this level (the whole list).
    #[serde(
        default,
        rename = "EnabledModules",
        skip_serializing_if = "Option::is_none"
    )]
    pub enabled_modules: Option<Vec<String>>,
    /// Key-value pairs set at this level.
    #[serde(
        default,
        rename = "KeyValuePairs",
        skip_serializing_if = "Option::is_none"
    )]
    pub key_value_pairs: Option<Vec<KeyValuePair>>,
}

/// A change of a level's backend settings (`updateBackendModuleConfig`): absent keeps,
/// `null` unsets at this level, a value replaces.
#[derive(Debug, Clone, Default, PartialEq, Serialize, Deserialize, TS)]
#[serde(deny_unknown_fields)]
#[ts(optional_fields)]
pub struct ManagerBackendSettingsPatch {
    /// The backend modules enabled at this level.
    #[serde(
        default,
        rename = "EnabledModules",
        with = "super::patch",
        skip_serializing_if = "Option::is_none"
    )]
    #[ts(as = "Option<Vec<String>>", optional = nullable)]
    pub enabled_modules: Option<Option<Vec<String>>>,
    /// Key-value pairs set at this level (the whole list).
    #[serde(
        default,
        rename = "KeyValuePairs",
        skip_serializing_if = "Option::is_none"
    )]
    pub key_value_pairs: Option<Vec<KeyValuePair>>,
}

/// A level's own frontend settings (`createFrontendSettings`).
#[derive(Debug, Clone, Default, PartialEq, Serialize, Deserialize, TS)]
#[serde(deny_unknown_fields)]
#[ts(optional_fields)]
pub struct ManagerFrontendSettings {
    /// The project whose settings these are.
    #[serde(default, rename = "projectID", skip_serializing_if = "Option::is_none")]
    pub project_id: Option<String>,
    /// The tenant whose settings these are.
    #[serde(default, rename = "tenantID", skip_serializing_if = "Option::is_none")]
    pub tenant_id: Option<String>,
    /// The application whose settings these are.
    #[serde(
        default,
        rename = "applicationID",
        skip_serializing_if = "Option::is_none"
    )]
    pub application_id: Option<String>,
    /// The themes enabled at this level.
    #[serde(
        default,
        rename = "EnabledThemes",
        skip_serializing_if = "Option::is_none"
    )]
    pub enabled_themes: Option<Vec<String>>,
    /// The default theme (one of this level's themes when it sets both).
    #[serde(
        default,
        rename = "DefaultTheme",
        skip_serializing_if = "Option::is_none"
    )]
    pub default_theme: Option<String>,
    /// The locales enabled at this level.
    #[serde(
        default,
        rename = "EnabledLocales",
        skip_serializing_if = "Option::is_none"
    )]
    pub enabled_locales: Option<Vec<String>>,
    /// The default locale.
    #[serde(
        default,
        rename = "DefaultLocale",
        skip_serializing_if = "Option::is_none"
    )]
    pub default_locale: Option<String>,
    /// The frontend modules enabled at this level.
    #[serde(
        default,
        rename = "EnabledModules",
        skip_serializing_if = "Option::is_none"
    )]
    pub enabled_modules: Option<Vec<String>>,
    /// Key-value pairs set at this level.
    #[serde(
        default,
        rename = "KeyValuePairs",
        skip_serializing_if = "Option::is_none"
    )]
    pub key_value_pairs: Option<Vec<KeyValuePair>>,
}

/// A change of a level's frontend settings (`updateFrontendModuleConfig`).
#[derive(Debug, Clone, Default, PartialEq, Serialize, Deserialize, TS)]
#[serde(deny_unknown_fields)]
#[ts(optional_fields)]
pub struct ManagerFrontendSettingsPatch {
    /// The themes enabled at this level.
    #[serde(
        default,
        rename = "EnabledThemes",
        with = "super::patch",
        skip_serializing_if = "Option::is_none"
    )]
    #[ts(as = "Option<Vec<String>>", optional = nullable)]
    pub enabled_themes: Option<Option<Vec<String>>>,
    /// The default theme.
    #[serde(
        default,
        rename = "DefaultTheme",
        with = "super::patch",
        skip_serializing_if = "Option::is_none"
    )]
    #[ts(as = "Option<String>", optional = nullable)]
    pub default_theme: Option<Option<String>>,
    /// The locales enabled at this level.
    #[serde(
        default,
        rename = "EnabledLocales",
        with = "super::patch",
        skip_serializing_if = "Option::is_none"
    )]
    #[ts(as = "Option<Vec<String>>", optional = nullable)]
    pub enabled_locales: Option<Option<Vec<String>>>,
    /// The default locale.
    #[serde(
        default,
        rename = "DefaultLocale",
        with = "super::patch",
        skip_serializing_if = "Option::is_none"
    )]
    #[ts(as = "Option<String>", optional = nullable)]
    pub default_locale: Option<Option<String>>,
    /// The frontend modules enabled at this level.
    #[serde(
        default,
        rename = "EnabledModules",
        with = "super::patch",
        skip_serializing_if = "Option::is_none"
    )]
    #[ts(as = "Option<Vec<String>>", optional = nullable)]
    pub enabled_modules: Option<Option<Vec<String>>>,
    /// Key-value pairs set at this level (the whole list).
    #[serde(
        default,
        rename = "KeyValuePairs",
        skip_serializing_if = "Option::is_none"
    )]
    pub key_value_pairs: Option<Vec<KeyValuePair>>,
}
