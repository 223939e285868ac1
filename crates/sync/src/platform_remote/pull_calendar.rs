//! Pulling the calendar side of a tenant: calendars, their entries in the sync window, their
//! reminders, the series the replica knows of or discovers, and each series' occurrences in the
//! window. Remote deletes are applied only from complete listings that held still while read.
//!
//! Series cannot be listed on the platform (there is no list endpoint for recurrence masters).
//! They are found three ways: the ones the replica already knows; the ones reminders point at;
//! and the ones the audit log says were created since the last pull (the log is read newest first
//! down to where the previous pull stopped).

use std::collections::{BTreeSet, HashSet};
use std::sync::Mutex;

use chrono::{DateTime, Duration, Utc};
use futures_util::future::try_join_all;
use outpost_platform::{PlatformError, TenantSession};
use outpost_replica::{Entity, Replica};
use serde_json::Value;

use crate::error::SyncError;
use crate::platform_remote::paths as ep;
use crate::platform_remote::shape;
use crate::pull::{delete_missing, PullTally};

/// The platform answers windows of at most 366 days.
const MAX_WINDOW_DAYS: i64 = 366;

/// Which entries are kept locally: those overlapping `[now - past, now + future)`.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub struct EntryWindow {
    pub past_days: i64,
    pub future_days: i64,
}

impl Default for EntryWindow {
    fn default() -> Self {
        Self {
            past_days: 90,
            future_days: 365,
        }
    }
}

impl EntryWindow {
    fn bounds(&self, now: DateTime<Utc>) -> (DateTime<Utc>, DateTime<Utc>) {
        let today = now
            .date_naive()
            .and_hms_opt(0, 0, 0)
            .expect("midnight")
            .and_utc();
        (
            today - Duration::days(self.past_days.max(0)),
            today + Duration::days(self.future_days.max(1)),
        )
    }

    /// The window cut into pieces the server accepts.
    fn chunks(&self, now: DateTime<Utc>) -> Vec<(DateTime<Utc>, DateTime<Utc>)> {
        let (mut from, to) = self.bounds(now);
        let mut out = Vec::new();
        while from < to {
            let end = (from + Duration::days(MAX_WINDOW_DAYS)).min(to);
            out.push((from, end));
            from = end;
        }
        out
    }
}

fn ids(rows: &[Value]) -> HashSet<String> {
    rows.iter()
        .filter_map(|r| r.get("id").and_then(Value::as_str).map(str::to_string))
        .collect()
}

fn audit_cursor_key(tenant: &str) -> String {
    format!("sync.audit_cursor.{tenant}")
}

pub async fn pull_calendars(
    session: &TenantSession<'_>,
    replica: &Mutex<Replica>,
    tenant: &str,
    window: EntryWindow,
) -> Result<PullTally, SyncError> {
    let mut tally = PullTally::default();
    let now = Utc::now();
    let started = std::time::Instant::now();

    let (calendars, complete) = ep::flat_all(session, ep::CALENDARS, &[]).await?;
    let calendars = shape::canonical_rows(Entity::Calendar, calendars);
    let calendar_ids: Vec<String> = ids(&calendars).into_iter().collect();
    {
        let r = crate::hold(replica);
        let scope = r.tenant(tenant);
        scope.upsert_many_from_server(Entity::Calendar, &calendars)?;
        tally.pulled += calendars.len() as u32;
        if complete {
            let known = scope.known_server_ids(Entity::Calendar)?;
            delete_missing(
                &scope,
                Entity::Calendar,
                known,
                &ids(&calendars),
                &mut tally,
            )?;
        } else {
            tally.inconsistent = true;
        }
    }

    tracing::debug!(
        ms = started.elapsed().as_millis() as u64,
        "calendars pulled"
    );
    let mut reminders_listed = HashSet::new();
    let mut reminders_complete = true;
    let mut series: BTreeSet<String> = BTreeSet::new();
    for calendar in &calendar_ids {
        pull_entries(session, replica, tenant, calendar, window, now, &mut tally).await?;
        let path = format!("/api/v1/secure/calendar/{calendar}/reminders");
        let (reminders, complete) = ep::flat_all(session, &path, &[]).await?;
        reminders_complete &= complete;
        for r in &reminders {
            if let Some(m) = r.get("recurrenceMasterId").and_then(Value::as_str) {
                series.insert(m.to_string());
            }
        }
        reminders_listed.extend(ids(&reminders));
        // Reminders may name a series the replica has not seen yet: they wait for it (the
        // replica links them when it arrives), so series are pulled before reminders apply.
        let r = crate::hold(replica);
        r.tenant(tenant)
            .upsert_many_from_server(Entity::Reminder, &reminders)?;
        tally.pulled += reminders.len() as u32;
    }
    {
        let r = crate::hold(replica);
        let scope = r.tenant(tenant);
        if reminders_complete {
            let known = scope.known_server_ids(Entity::Reminder)?;
            delete_missing(
                &scope,
                Entity::Reminder,
                known,
                &reminders_listed,
                &mut tally,
            )?;
        } else {
            tally.inconsistent = true;
        }
        series.extend(scope.known_server_ids(Entity::RecurrenceMaster)?);
    }
    tracing::debug!(
        ms = started.elapsed().as_millis() as u64,
        "entries and reminders pulled"
    );
    let (created, newest_audit_row) =
        series_created_since_last_pull(session, replica, tenant).await?;
    tracing::debug!(ms = started.elapsed().as_millis() as u64, "audit log read");
    series.extend(created);

    let (from, to) = window.bounds(now);
    // Each series costs a few requests and the platform has no way to list them, so they are
    // read a few at a time; they are applied one by one in the same order as before, so which
    // of two series on one entry is shown does not depend on timing. A batch is read whole
    // before any of it is applied: applying may send requests of its own (a root entry), and a
    // read left half done in a stream nobody polls meanwhile may hold the session's lock in
    // the middle of a token refresh, which would wait for ever.
    let series: Vec<String> = series.into_iter().collect();
    for batch in series.chunks(ep::CONCURRENT_SERIES) {
        let fetched =
            try_join_all(batch.iter().map(|id| fetch_series(session, id, from, to))).await?;
        for (id, remote) in batch.iter().zip(fetched) {
            apply_series(session, replica, tenant, id, remote, &mut tally).await?;
        }
    }
    tracing::debug!(ms = started.elapsed().as_millis() as u64, "series pulled");
    // Only now that every series found was pulled: a run that failed before this point reads
    // the same part of the log again next time.
    if let Some(newest) = newest_audit_row {
        let r = crate::hold(replica);
        r.set_setting(&audit_cursor_key(tenant), &newest)?;
    }
    Ok(tally)
}

async fn pull_entries(
    session: &TenantSession<'_>,
    replica: &Mutex<Replica>,
    tenant: &str,
    calendar: &str,
    window: EntryWindow,
    now: DateTime<Utc>,
    tally: &mut PullTally,
) -> Result<(), SyncError> {
    for (from, to) in window.chunks(now) {
        let mut query = ep::window_query(from, to);
        query.push(("calendarId", calendar.to_string()));
        let (entries, complete) = ep::flat_all(session, ep::ENTRIES, &query).await?;
        let r = crate::hold(replica);
        let scope = r.tenant(tenant);
        scope.upsert_many_from_server(Entity::Entry, &entries)?;
        tally.pulled += entries.len() as u32;
        if complete {
            let known = scope.known_entry_server_ids(calendar, from, to)?;
            delete_missing(&scope, Entity::Entry, known, &ids(&entries), tally)?;
        } else {
            tally.inconsistent = true;
        }
    }
    Ok(())
}

/// A series as the server has it now: its master and its occurrences in the window; `None`
/// when the server no longer has it.
async fn fetch_series(
    session: &TenantSession<'_>,
    id: &str,
    from: DateTime<Utc>,
    to: DateTime<Utc>,
) -> Result<Option<(Value, Vec<Value>)>, PlatformError> {
    let Some(master) = ep::get(session, &format!("{}/{id}", ep::MASTERS)).await? else {
        return Ok(None);
    };
    let path = format!("{}/{id}/instances", ep::MASTERS);
    let mut chunks = Vec::new();
    let mut chunk_from = from;
    while chunk_from < to {
        let chunk_to = (chunk_from + Duration::days(MAX_WINDOW_DAYS)).min(to);
        chunks.push(ep::window_query(chunk_from, chunk_to));
        chunk_from = chunk_to;
    }
    let pages = try_join_all(
        chunks
            .iter()
            .map(|query| ep::flat_all(session, &path, query.as_slice())),
    )
    .await?;
    let instances = pages.into_iter().flat_map(|(rows, _)| rows).collect();
    Ok(Some((master, instances)))
}

/// One series and its occurrences in the window, as [`fetch_series`] read them; a series the
/// server no longer has is deleted here (or parked as a conflict when it has local changes
/// waiting).
async fn apply_series(
    session: &TenantSession<'_>,
    replica: &Mutex<Replica>,
    tenant: &str,
    id: &str,
    remote: Option<(Value, Vec<Value>)>,
    tally: &mut PullTally,
) -> Result<(), SyncError> {
    let Some((master, instances)) = remote else {
        let r = crate::hold(replica);
        let scope = r.tenant(tenant);
        delete_missing(
            &scope,
            Entity::RecurrenceMaster,
            vec![id.to_string()],
            &HashSet::new(),
            tally,
        )?;
        return Ok(());
    };
    // A series needs its root entry, which may lie before the window (a weekly meeting that
    // began last year): fetched by id when the replica does not have it.
    let root = master
        .get("rootEntryId")
        .and_then(Value::as_str)
        .unwrap_or_default()
        .to_string();
    if !has_live_entry(replica, tenant, &root) {
        match ep::get(session, &format!("{}/{root}", ep::ENTRIES)).await? {
            Some(entry) => {
                let r = crate::hold(replica);
                r.tenant(tenant).upsert_from_server(Entity::Entry, &entry)?;
                tally.pulled += 1;
            }
            // The root is gone, so is the series' anchor: nothing to show.
            None => return Ok(()),
        }
        // Still not there: deleted here, and that delete (which ends the series on the server
        // too) waits in the outbox.
        if !has_live_entry(replica, tenant, &root) {
            return Ok(());
        }
    }
    let r = crate::hold(replica);
    let scope = r.tenant(tenant);
    // Two series on one entry (two people made it recurring while apart): the replica shows one
    // series per entry, so the other is left out and said so, rather than stopping every pull.
    if let Some(other) = scope.series_of_entry(&root)? {
        if other.server_id.as_deref() != Some(id) {
            tracing::warn!(
                series = id,
                shown = other.server_id.as_deref().unwrap_or(&other.local_id),
                "entry {root} is the root of two series; only one is shown"
            );
            tally.series_left_out += 1;
            return Ok(());
        }
    }
    scope.upsert_from_server(Entity::RecurrenceMaster, &master)?;
    // Occurrences as generated need no row: the replica expands series itself. Changed ones
    // (overridden or cancelled) are what it must know.
    let changed: Vec<Value> = instances
        .into_iter()
        .filter(|i| i.get("instanceState").and_then(Value::as_str) != Some("generated"))
        .collect();
    scope.upsert_many_from_server(Entity::RecurrenceInstance, &changed)?;
    tally.pulled += 1 + changed.len() as u32;
    Ok(())
}

/// Whether the replica shows this entry (known, and not deleted here).
fn has_live_entry(replica: &Mutex<Replica>, tenant: &str, id: &str) -> bool {
    let r = crate::hold(replica);
    let live = r.tenant(tenant).get(Entity::Entry, id).is_ok();
    live
}

/// Series the audit log says were created since the previous pull (all of them on the first),
/// and the newest row read, where the next pull stops.
async fn series_created_since_last_pull(
    session: &TenantSession<'_>,
    replica: &Mutex<Replica>,
    tenant: &str,
) -> Result<(Vec<String>, Option<String>), SyncError> {
    let cursor = {
        let r = crate::hold(replica);
        r.setting(&audit_cursor_key(tenant))?
    };
    let mut found = Vec::new();
    let mut newest: Option<String> = None;
    let mut offset = 0;
    let mut guard = ep::PageGuard::default();
    'pages: loop {
        let (rows, total) = ep::paged_page(session, ep::AUDIT_LOGS, offset, ep::PAGE).await?;
        guard.check(ep::AUDIT_LOGS, offset, &rows)?;
        for row in &rows {
            let row_id = row.get("id").and_then(Value::as_str).unwrap_or_default();
            if newest.is_none() {
                newest = Some(row_id.to_string());
            }
            if cursor.as_deref() == Some(row_id) {
                break 'pages;
            }
            if ep::audits_series_create(row) {
                if let Some(id) = row.get("resource_id").and_then(Value::as_str) {
                    found.push(id.to_string());
                }
            }
        }
        offset += rows.len();
        if rows.is_empty() || offset >= total {
            break;
        }
    }
    Ok((found, newest))
}
