//! What the overview shows that no other screen asks for.

use outpost_replica::TenantCounts;
use serde::Deserialize;
use ts_rs::TS;

use crate::error::AppError;
use crate::state::App;

#[derive(Debug, Default, Deserialize, TS)]
#[serde(deny_unknown_fields)]
pub struct TenantCountsArgs {}

impl App {
    /// How many contacts, calendars, users, groups, spaces and resources the active tenant has
    /// here; works offline.
    pub async fn tenant_counts(&self, _: TenantCountsArgs) -> Result<TenantCounts, AppError> {
        self.in_tenant(|scope| scope.counts()).await
    }
}
