//! A tenant's rate limit configurations (`/secure/tenants/{id}/rate-limits`): made, changed
//! and removed by its owners and admins, offline like any edit. The seed spells their fields in
//! snake_case, in requests and answers alike.

use serde::{Deserialize, Serialize};
use ts_rs::TS;

use crate::enums::RateLimitScope;

/// A rate limit as made (`POST`) and kept.
#[derive(Debug, Clone, PartialEq, Serialize, Deserialize, TS)]
#[serde(deny_unknown_fields)]
pub struct RateLimit {
    /// The endpoints it applies to (a path pattern).
    pub endpoint_pattern: String,
    /// At most this many requests…
    pub max_requests: u64,
    /// …in this many seconds.
    pub window_seconds: u64,
    /// Whom the requests are counted of.
    pub scope_type: RateLimitScope,
    /// Whether it applies (on when made without it).
    #[serde(default, skip_serializing_if = "Option::is_none")]
    #[ts(optional)]
    pub enabled: Option<bool>,
}

/// A change of a rate limit (`PATCH`): an absent field is kept.
#[derive(Debug, Clone, Default, PartialEq, Serialize, Deserialize, TS)]
#[serde(deny_unknown_fields)]
#[ts(optional_fields)]
pub struct RateLimitPatch {
    /// The endpoints it applies to.
    #[serde(default, skip_serializing_if = "Option::is_none")]
    pub endpoint_pattern: Option<String>,
    /// At most this many requests…
    #[serde(default, skip_serializing_if = "Option::is_none")]
    pub max_requests: Option<u64>,
    /// …in this many seconds.
    #[serde(default, skip_serializing_if = "Option::is_none")]
    pub window_seconds: Option<u64>,
    /// Whom the requests are counted of.
    #[serde(default, skip_serializing_if = "Option::is_none")]
    pub scope_type: Option<RateLimitScope>,
    /// Whether it applies.
    #[serde(default, skip_serializing_if = "Option::is_none")]
    pub enabled: Option<bool>,
}
