//! How many API requests each tenant received, by day: what the dashboard's
//! `apiRequests.last30d` counts. A request counts for the tenant it acts in (`X-Tenant-ID`
//! when it names one of the caller's tenants, else the session's active tenant) when it
//! carries a valid token, whatever its answer. Counted in memory since the server started
//! (not stored: a restart starts from zero).

use std::collections::{BTreeMap, HashMap};
use std::sync::{Arc, Mutex};

use chrono::NaiveDate;

use crate::state::AppState;

#[derive(Default)]
pub struct RequestCounts(Mutex<HashMap<String, BTreeMap<NaiveDate, u64>>>);

impl RequestCounts {
    fn record(&self, tenant: &str, day: NaiveDate) {
        let mut counts = self.0.lock().unwrap_or_else(|p| p.into_inner());
        *counts
            .entry(tenant.to_string())
            .or_default()
            .entry(day)
            .or_default() += 1;
    }

    /// The tenant's requests on `first` and the days after it.
    pub fn since(&self, tenant: &str, first: NaiveDate) -> u64 {
        let counts = self.0.lock().unwrap_or_else(|p| p.into_inner());
        counts
            .get(tenant)
            .map_or(0, |days| days.range(first..).map(|(_, n)| n).sum())
    }
}

/// The middleware that counts each request for its tenant.
pub async fn count(
    axum::extract::State(state): axum::extract::State<Arc<AppState>>,
    req: axum::extract::Request,
    next: axum::middleware::Next,
) -> axum::response::Response {
    let tenant = acting_tenant(&state, req.headers());
    if let Some(tenant) = tenant {
        state
            .requests()
            .record(&tenant, chrono::Utc::now().date_naive());
    }
    next.run(req).await
}

fn acting_tenant(state: &AppState, headers: &axum::http::HeaderMap) -> Option<String> {
    let token = headers
        .get(axum::http::header::AUTHORIZATION)?
        .to_str()
        .ok()?
        .strip_prefix("Bearer ")?;
    let auth = state.auth();
    let session = auth.session_of(token.trim()).ok()?;
    let named = headers
        .get("x-tenant-id")
        .and_then(|v| v.to_str().ok())
        .map(str::trim)
        .filter(|t| auth.membership(&session.user_id, t).is_some());
    Some(named.unwrap_or(&session.active_tenant_id).to_string())
}
