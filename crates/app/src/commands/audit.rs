//! The active tenant's audit log, as the syncs pulled it: searched offline by actor, record
//! (type and id), action and date range, newest first; a record's history is a search by its
//! id. Dates are RFC 3339 times or days (`2026-03-01`, midnight UTC); `until` is exclusive.

use chrono::{DateTime, NaiveDate, Utc};
use outpost_replica::{AuditEntry, AuditQuery};
use serde::Deserialize;
use ts_rs::TS;

use crate::error::AppError;
use crate::state::App;

/// How many rows a search answers when it does not say.
const DEFAULT_LIMIT: usize = 200;

#[derive(Debug, Default, Deserialize, TS)]
#[serde(rename_all = "camelCase", deny_unknown_fields)]
pub struct AuditSearchArgs {
    /// Rows by this user (their id).
    #[serde(default)]
    #[ts(optional)]
    pub actor: Option<String>,
    /// Rows about records of this type (`contact`, `tenant`, ...).
    #[serde(default)]
    #[ts(optional)]
    pub record_type: Option<String>,
    /// Rows about the record with this server id: its history.
    #[serde(default)]
    #[ts(optional)]
    pub record_id: Option<String>,
    /// Rows of this action (`created`, `updated`, `deleted`, ...).
    #[serde(default)]
    #[ts(optional)]
    pub action: Option<String>,
    /// From this time or day on (inclusive).
    #[serde(default)]
    #[ts(optional)]
    pub since: Option<String>,
    /// Before this time or day (exclusive).
    #[serde(default)]
    #[ts(optional)]
    pub until: Option<String>,
    /// At most this many rows (200 when left out).
    #[serde(default)]
    #[ts(optional)]
    pub limit: Option<u32>,
}

/// `text` as milliseconds since the epoch: an RFC 3339 time, or a day at midnight UTC.
fn moment(field: &str, text: &Option<String>) -> Result<Option<i64>, AppError> {
    let Some(text) = text else { return Ok(None) };
    if let Ok(t) = DateTime::parse_from_rfc3339(text) {
        return Ok(Some(t.with_timezone(&Utc).timestamp_millis()));
    }
    if let Ok(day) = NaiveDate::parse_from_str(text, "%Y-%m-%d") {
        let midnight = day.and_hms_opt(0, 0, 0).unwrap_or_default().and_utc();
        return Ok(Some(midnight.timestamp_millis()));
    }
    Err(AppError::new(
        "invalid",
        format!("{field}: {text:?} is neither a day (2026-03-01) nor an RFC 3339 time"),
    )
    .with_details(serde_json::json!({ "field": field })))
}

impl App {
    /// The audit rows the filters ask for, newest first (works offline).
    pub async fn search_audit_log(
        &self,
        args: AuditSearchArgs,
    ) -> Result<Vec<AuditEntry>, AppError> {
        let query = AuditQuery {
            since_ms: moment("since", &args.since)?,
            until_ms: moment("until", &args.until)?,
            actor: args.actor,
            resource_type: args.record_type,
            resource_id: args.record_id,
            action: args.action,
            limit: args.limit.map_or(DEFAULT_LIMIT, |n| n as usize),
        };
        self.in_tenant(|scope| scope.search_audit(&query)).await
    }
}
