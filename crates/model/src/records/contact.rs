//! Contacts of the address book, their postal address, and their links to users, spaces and
//! resources.

use std::collections::BTreeMap;

use serde::{Deserialize, Serialize};
use serde_json::Value;
use ts_rs::TS;

use super::patch;
use crate::enums::LinkTarget;

/// A contact (`POST /secure/contacts`): every field may be left out.
#[derive(Debug, Clone, Default, PartialEq, Serialize, Deserialize, TS)]
#[serde(rename_all = "camelCase", deny_unknown_fields)]
#[ts(optional_fields)]
pub struct Contact {
    /// First name, at most 100 characters.
    #[serde(default, skip_serializing_if = "Option::is_none")]
    pub first_name: Option<String>,
    /// Middle name, at most 100 characters.
    #[serde(default, skip_serializing_if = "Option::is_none")]
    pub middle_name: Option<String>,
    /// Last name, at most 100 characters.
    #[serde(default, skip_serializing_if = "Option::is_none")]
    pub last_name: Option<String>,
    /// Email address.
    #[serde(default, skip_serializing_if = "Option::is_none")]
    pub email: Option<String>,
    /// Phone number, at most 50 characters.
    #[serde(default, skip_serializing_if = "Option::is_none")]
    pub phone: Option<String>,
    /// A web address (absolute URI).
    #[serde(default, skip_serializing_if = "Option::is_none")]
    pub url: Option<String>,
    /// Postal address.
    #[serde(default, skip_serializing_if = "Option::is_none")]
    pub address: Option<Address>,
    /// Notes, at most 2,000 characters.
    #[serde(default, skip_serializing_if = "Option::is_none")]
    pub notes: Option<String>,
}

/// A change of a contact: an absent field is kept, `null` clears it, a value sets it.
#[derive(Debug, Clone, Default, PartialEq, Serialize, Deserialize, TS)]
#[serde(rename_all = "camelCase", deny_unknown_fields)]
pub struct ContactPatch {
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
    /// Email address.
    #[serde(default, with = "patch", skip_serializing_if = "Option::is_none")]
    #[ts(as = "Option<String>", optional = nullable)]
    pub email: Option<Option<String>>,
    /// Phone number.
    #[serde(default, with = "patch", skip_serializing_if = "Option::is_none")]
    #[ts(as = "Option<String>", optional = nullable)]
    pub phone: Option<Option<String>>,
    /// Web address.
    #[serde(default, with = "patch", skip_serializing_if = "Option::is_none")]
    #[ts(as = "Option<String>", optional = nullable)]
    pub url: Option<Option<String>>,
    /// Postal address.
    #[serde(default, with = "patch", skip_serializing_if = "Option::is_none")]
    #[ts(as = "Option<Address>", optional = nullable)]
    pub address: Option<Option<Address>>,
    /// Notes.
    #[serde(default, with = "patch", skip_serializing_if = "Option::is_none")]
    #[ts(as = "Option<String>", optional = nullable)]
    pub notes: Option<Option<String>>,
}

/// A postal address as the seed spells it (snake_case keys, each text or null). Keys the seed
/// does not name are kept as they came.
#[derive(Debug, Clone, Default, PartialEq, Serialize, Deserialize, TS)]
pub struct Address {
    /// Street.
    #[serde(default, with = "patch", skip_serializing_if = "Option::is_none")]
    #[ts(as = "Option<String>", optional = nullable)]
    pub street: Option<Option<String>>,
    /// House number.
    #[serde(default, with = "patch", skip_serializing_if = "Option::is_none")]
    #[ts(as = "Option<String>", optional = nullable)]
    pub street_number: Option<Option<String>>,
    /// City.
    #[serde(default, with = "patch", skip_serializing_if = "Option::is_none")]
    #[ts(as = "Option<String>", optional = nullable)]
    pub city: Option<Option<String>>,
    /// Postal code.
    #[serde(default, with = "patch", skip_serializing_if = "Option::is_none")]
    #[ts(as = "Option<String>", optional = nullable)]
    pub postal_code: Option<Option<String>>,
    /// Region or state.
    #[serde(default, with = "patch", skip_serializing_if = "Option::is_none")]
    #[ts(as = "Option<String>", optional = nullable)]
    pub region: Option<Option<String>>,
    /// Country, in words.
    #[serde(default, with = "patch", skip_serializing_if = "Option::is_none")]
    #[ts(as = "Option<String>", optional = nullable)]
    pub country: Option<Option<String>>,
    /// Country code.
    #[serde(default, with = "patch", skip_serializing_if = "Option::is_none")]
    #[ts(as = "Option<String>", optional = nullable)]
    pub country_code: Option<Option<String>>,
    /// Keys the seed does not name.
    #[serde(flatten)]
    #[ts(skip)]
    pub other: BTreeMap<String, Value>,
}

/// A link from a contact to a user, space or resource.
#[derive(Debug, Clone, PartialEq, Serialize, Deserialize, TS)]
#[serde(rename_all = "camelCase", deny_unknown_fields)]
#[ts(optional_fields)]
pub struct ContactLink {
    /// The contact.
    pub contact_id: String,
    /// What it is linked to.
    pub entity_type: LinkTarget,
    /// The user, space or resource.
    pub entity_id: String,
    /// Whether it is that one's primary contact.
    #[serde(default, skip_serializing_if = "Option::is_none")]
    pub is_primary: Option<bool>,
}

/// A change of a contact link: only whether it is the primary one can change (a link to
/// another contact or entity is a new link).
#[derive(Debug, Clone, Default, PartialEq, Serialize, Deserialize, TS)]
#[serde(rename_all = "camelCase", deny_unknown_fields)]
#[ts(optional_fields)]
pub struct ContactLinkPatch {
    /// Whether it is that one's primary contact.
    #[serde(default, skip_serializing_if = "Option::is_none")]
    pub is_primary: Option<bool>,
}
