//! A tenant's custom domains (`/secure/tenants/{id}/domains`): added, changed, verified and
//! removed by its owners and admins, offline like any edit. The seed spells their fields in
//! snake_case, in requests and answers alike.

use serde::{Deserialize, Serialize};
use ts_rs::TS;

use crate::enums::{DomainStatus, DomainType, SslStatus, VerificationMethod};
use crate::records::Object;

/// A custom domain as made (`POST`) and kept.
#[derive(Debug, Clone, PartialEq, Serialize, Deserialize, TS)]
#[serde(deny_unknown_fields)]
pub struct TenantDomain {
    /// The host name (no protocol, no path).
    pub domain: String,
    /// What it serves.
    pub domain_type: DomainType,
    /// How it proves it is the tenant's (cname when made without it).
    #[serde(default, skip_serializing_if = "Option::is_none")]
    #[ts(optional)]
    pub verification_method: Option<VerificationMethod>,
    /// Further settings.
    #[serde(default, skip_serializing_if = "Option::is_none")]
    #[ts(optional)]
    pub settings: Option<Object>,
    /// Where its verification stands (the server's).
    #[serde(default, skip_serializing_if = "Option::is_none")]
    #[ts(optional)]
    pub status: Option<DomainStatus>,
    /// What the DNS record or file must hold (the server's).
    #[serde(default, skip_serializing_if = "Option::is_none")]
    #[ts(optional)]
    pub verification_token: Option<String>,
    /// When it was verified.
    #[serde(default, skip_serializing_if = "Option::is_none")]
    #[ts(optional)]
    pub verified_at: Option<String>,
    /// Where its certificate stands.
    #[serde(default, skip_serializing_if = "Option::is_none")]
    #[ts(optional)]
    pub ssl_status: Option<SslStatus>,
    /// When its certificate was issued.
    #[serde(default, skip_serializing_if = "Option::is_none")]
    #[ts(optional)]
    pub ssl_issued_at: Option<String>,
    /// When its certificate expires.
    #[serde(default, skip_serializing_if = "Option::is_none")]
    #[ts(optional)]
    pub ssl_expires_at: Option<String>,
}

/// A change of a custom domain (`PATCH`): an absent field is kept. A new name or method starts
/// its verification over.
#[derive(Debug, Clone, Default, PartialEq, Serialize, Deserialize, TS)]
#[serde(deny_unknown_fields)]
#[ts(optional_fields)]
pub struct TenantDomainPatch {
    /// The host name.
    #[serde(default, skip_serializing_if = "Option::is_none")]
    pub domain: Option<String>,
    /// How it proves it is the tenant's.
    #[serde(default, skip_serializing_if = "Option::is_none")]
    pub verification_method: Option<VerificationMethod>,
    /// Further settings.
    #[serde(default, skip_serializing_if = "Option::is_none")]
    pub settings: Option<Object>,
    /// Where its verification stands (as an operator sets it).
    #[serde(default, skip_serializing_if = "Option::is_none")]
    pub status: Option<DomainStatus>,
    /// Where its certificate stands (as an operator sets it).
    #[serde(default, skip_serializing_if = "Option::is_none")]
    pub ssl_status: Option<SslStatus>,
}
