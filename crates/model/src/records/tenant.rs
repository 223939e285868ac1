//! The tenant itself as a record: its details, what an owner or admin may edit, and its
//! lifecycle (activate, suspend, reactivate, archive, upgrade) as actions queued offline like any
//! edit. The seed spells its fields in snake_case, in answers and in the PATCH alike.
//!
//! How it relates to the tenant list the app already knows: the replica's `tenants` table
//! (migration 0002, filled from `GET /secure/auth/tenants` at sign-in and by each sync) is the
//! signed-in user's *memberships*: which tenants they may switch to and their role in each. It
//! is not scoped by tenant and is never edited. This record is the tenant's *administration*
//! (`GET /secure/tenants/{id}`): in each tenant's part of the replica there is exactly one, the
//! tenant itself (its server id is the scope's tenant id), pulled and edited like any record.
//! The membership list keeps saying who may do what; this record says what the tenant is.

use serde::{Deserialize, Serialize};
use ts_rs::TS;

use crate::enums::{StorageStrategy, TenantPlan, TenantStatus};
use crate::records::Object;

/// A tenant as the replica keeps it (every field the server's; some editable, see
/// [`TenantPatch`]).
#[derive(Debug, Clone, Default, PartialEq, Serialize, Deserialize, TS)]
#[serde(deny_unknown_fields)]
#[ts(optional_fields)]
pub struct Tenant {
    /// Its name.
    #[serde(default, skip_serializing_if = "Option::is_none")]
    pub name: Option<String>,
    /// Its short name in addresses.
    #[serde(default, skip_serializing_if = "Option::is_none")]
    pub slug: Option<String>,
    /// Its domain.
    #[serde(default, skip_serializing_if = "Option::is_none")]
    pub domain: Option<String>,
    /// Where it stands in its lifecycle.
    #[serde(default, skip_serializing_if = "Option::is_none")]
    pub status: Option<TenantStatus>,
    /// What it is.
    #[serde(default, skip_serializing_if = "Option::is_none")]
    pub description: Option<String>,
    /// Its plan (the seed's `type`).
    #[serde(default, rename = "type", skip_serializing_if = "Option::is_none")]
    pub plan: Option<TenantPlan>,
    /// Whom to write to.
    #[serde(default, skip_serializing_if = "Option::is_none")]
    pub contact_email: Option<String>,
    /// Whom to call.
    #[serde(default, skip_serializing_if = "Option::is_none")]
    pub contact_phone: Option<String>,
    /// Free-form settings (the categorised ones are the tenant settings of their own).
    #[serde(default, skip_serializing_if = "Option::is_none")]
    pub settings: Option<Object>,
    /// Its first language (ISO 639-1), fixed when it was made.
    #[serde(default, skip_serializing_if = "Option::is_none")]
    pub default_language: Option<String>,
    /// Its further languages (ISO 639-1).
    #[serde(default, skip_serializing_if = "Option::is_none")]
    pub additional_languages: Option<Vec<String>>,
    /// How it spreads its files over its storage.
    #[serde(default, skip_serializing_if = "Option::is_none")]
    pub storage_distribution_strategy: Option<StorageStrategy>,
    /// The storage configurations tried in turn (UUIDs).
    #[serde(default, skip_serializing_if = "Option::is_none")]
    pub storage_fallback_chain: Option<Vec<String>>,
}

/// A change of a tenant (`PATCH /secure/tenants/{id}`): an absent field is kept; the seed lets
/// none be cleared with null.
#[derive(Debug, Clone, Default, PartialEq, Serialize, Deserialize, TS)]
#[serde(deny_unknown_fields)]
#[ts(optional_fields)]
pub struct TenantPatch {
    /// Its name, 2 to 255 characters.
    #[serde(default, skip_serializing_if = "Option::is_none")]
    pub name: Option<String>,
    /// Its domain: lowercase letters, digits and hyphens, 2 to 63 characters.
    #[serde(default, skip_serializing_if = "Option::is_none")]
    pub domain: Option<String>,
    /// A status the lifecycle allows from the current one.
    #[serde(default, skip_serializing_if = "Option::is_none")]
    pub status: Option<TenantStatus>,
    /// Its further languages (the whole list).
    #[serde(default, skip_serializing_if = "Option::is_none")]
    pub additional_languages: Option<Vec<String>>,
    /// How it spreads its files over its storage.
    #[serde(default, skip_serializing_if = "Option::is_none")]
    pub storage_distribution_strategy: Option<StorageStrategy>,
    /// The storage configurations tried in turn (the whole list).
    #[serde(default, skip_serializing_if = "Option::is_none")]
    pub storage_fallback_chain: Option<Vec<String>>,
    /// Free-form settings (replaced whole).
    #[serde(default, skip_serializing_if = "Option::is_none")]
    pub settings: Option<Object>,
}
