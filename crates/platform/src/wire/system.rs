//! `/api/v1/system/*`.

use serde::{Deserialize, Serialize};
use ts_rs::TS;

/// `GET /api/v1/system/health`.
#[derive(Debug, Clone, Serialize, Deserialize, PartialEq, TS)]
#[serde(rename_all = "camelCase")]
pub struct Health {
    /// `ok`, `degraded` or `healthy`.
    pub status: String,
    #[serde(default)]
    pub version: Option<String>,
    #[serde(default)]
    pub timestamp: Option<String>,
    #[serde(default)]
    #[ts(optional)]
    pub degraded_services: Option<Vec<String>>,
}
