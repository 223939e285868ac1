//! Finding a create whose answer was lost (the connection dropped after the server applied it),
//! so that sending it again cannot make a duplicate. The platform has no idempotency key, so:
//! - calendars and entries carry the op id in `metadata.outpostOpId`, searched in their listing
//!   (entries in a window around their start);
//! - series carry it too but cannot be listed: the audit log names what the user created since
//!   the op was queued, and each candidate series is read by id;
//! - contacts, reminders, spaces and resources have no metadata: they are matched on their fields, their creator and
//!   a creation time after the op was queued, among the server records no other create from
//!   here already made. A contact someone edited since it was created no longer carries all the op's
//!   fields: one created by us after the op, edited since, and still carrying most of them is
//!   it (taking the server's fields for the rest is what merging that later edit would do);
//! - groups say when they were made, not by whom: matched the same way without the creator;
//! - users are one per email address: one made since the op with its address is it;
//! - the members of groups, spaces and resources and contact links are made again without harm (the same POST answers
//!   the same record), so there is nothing to find.

use std::collections::HashSet;

use chrono::Duration;
use outpost_platform::{PlatformError, TenantSession};
use outpost_replica::{Entity, OutboxOp};
use serde_json::Value;

use crate::recognise::{
    carries, fields_kept, is_lost_create, made_by_me_since, made_since, queued_at, time_of,
};
use outpost_model::LostCreate;

use super::paths as ep;
use super::shape;

pub async fn find_create(
    session: &TenantSession<'_>,
    op: &OutboxOp,
    me: &str,
    claimed: &HashSet<String>,
) -> Result<Option<Value>, PlatformError> {
    match op.entity {
        Entity::Calendar => {
            let (rows, _) = ep::flat_all(session, ep::CALENDARS, &[]).await?;
            Ok(rows.into_iter().find(|r| carries(r, &op.op_id)))
        }
        Entity::Entry => find_entry(session, op).await,
        Entity::RecurrenceMaster => find_in_audit_log(session, op, me).await,
        Entity::Reminder => find_reminder(session, op, me, claimed).await,
        Entity::Contact
        | Entity::Group
        | Entity::Invitation
        | Entity::User
        | Entity::Space
        | Entity::Resource => find_listed(session, op, me, claimed).await,
        Entity::RecurrenceInstance
        | Entity::ContactLink
        | Entity::GroupMember
        | Entity::SpaceMember
        | Entity::ResourceMember
        | Entity::Approval
        | Entity::Tenant
        | Entity::TenantSettings => Ok(None),
        Entity::RateLimit | Entity::TenantDomain => {
            find_under_tenant(session, op, me, claimed).await
        }
        Entity::MoveRequest => {
            // Listed whole as `{data}`: the request is one the pull would recognise.
            let (rows, _) = ep::flat_all(session, ep::MOVE_REQUESTS, &[]).await?;
            Ok(shape::canonical_rows(op.entity, rows)
                .into_iter()
                .find(|row| is_lost_create(row, op, me, claimed)))
        }
        // The Manager's records are another remote's (`manager_remote`).
        Entity::ManagerProject
        | Entity::ManagerTenant
        | Entity::ManagerApplication
        | Entity::ManagerEndpoint
        | Entity::ManagerTrigger
        | Entity::ManagerBackendSettings
        | Entity::ManagerFrontendSettings => Ok(None),
    }
}

/// A create of a record kept under the tenant (a rate limit): its one flat listing is read and
/// the record recognised as the descriptor says.
async fn find_under_tenant(
    session: &TenantSession<'_>,
    op: &OutboxOp,
    me: &str,
    claimed: &HashSet<String>,
) -> Result<Option<Value>, PlatformError> {
    let Some(path) = ep::tenant_collection(op.entity, session.tenant()) else {
        return Ok(None);
    };
    let (rows, _) = ep::flat_page_of(session, &path, 0, ep::PAGE).await?;
    Ok(shape::canonical_rows(op.entity, rows)
        .into_iter()
        .find(|row| crate::recognise::is_lost_create(row, op, me, claimed)))
}

async fn find_entry(
    session: &TenantSession<'_>,
    op: &OutboxOp,
) -> Result<Option<Value>, PlatformError> {
    let payload = &op.payload;
    let Some(calendar) = payload.get("calendarId").and_then(Value::as_str) else {
        return Ok(None);
    };
    let Some(start) = time_of(payload, "startsAt") else {
        return Ok(None);
    };
    // Entries overlapping two days around its start: the entry is among them, and the window
    // is well inside the server's bound on window length.
    let from = start - Duration::days(1);
    let to = start + Duration::days(1);
    let mut query = ep::window_query(from, to);
    query.push(("calendarId", calendar.to_string()));
    let (rows, _) = ep::flat_all(session, ep::ENTRIES, &query).await?;
    Ok(rows.into_iter().find(|r| carries(r, &op.op_id)))
}

async fn find_reminder(
    session: &TenantSession<'_>,
    op: &OutboxOp,
    me: &str,
    claimed: &HashSet<String>,
) -> Result<Option<Value>, PlatformError> {
    let Some(calendar) = op.payload.get("calendarId").and_then(Value::as_str) else {
        return Ok(None);
    };
    let path = format!("/api/v1/secure/calendar/{calendar}/reminders");
    let (rows, _) = ep::flat_all(session, &path, &[]).await?;
    let wanted = op.payload.as_object().cloned().unwrap_or_default();
    let queued = queued_at(op);
    // Reminders cannot be edited, so the one we made carries every field still.
    Ok(rows.into_iter().find(|r| {
        made_by_me_since(r, me, queued, claimed) && {
            let (kept, of) = fields_kept(Entity::Reminder, r, &wanted);
            kept == of
        }
    }))
}

/// Pages through the type's listing for the record the create made: one the pull would
/// recognise (`recognise::is_lost_create`), or else the best one made after the op (by this
/// user where the record says who made it) that someone edited since and that still carries
/// most of the op's fields (taking the server's fields for the rest is what merging that later
/// edit would do).
async fn find_listed(
    session: &TenantSession<'_>,
    op: &OutboxOp,
    me: &str,
    claimed: &HashSet<String>,
) -> Result<Option<Value>, PlatformError> {
    let Some(path) = ep::list_path(op.entity) else {
        return Ok(None);
    };
    let wanted = op.payload.as_object().cloned().unwrap_or_default();
    let queued = queued_at(op);
    let by_creator = op.entity.descriptor().lost_create == LostCreate::FieldMatch;
    let mut edited: Option<(usize, Value)> = None;
    let mut offset = 0;
    let mut guard = ep::PageGuard::default();
    loop {
        let (rows, total) = ep::paged_page(session, path, offset, ep::PAGE).await?;
        guard.check(path, offset, &rows)?;
        let count = rows.len();
        for row in shape::canonical_rows(op.entity, rows) {
            if is_lost_create(&row, op, me, claimed) {
                return Ok(Some(row));
            }
            let made = match by_creator {
                true => made_by_me_since(&row, me, queued, claimed),
                false => made_since(&row, queued, claimed),
            };
            if !made {
                continue;
            }
            let (kept, of) = fields_kept(op.entity, &row, &wanted);
            let edited_since = time_of(&row, "updatedAt") > time_of(&row, "createdAt");
            let most = 2 * kept > of;
            if edited_since && most && edited.as_ref().is_none_or(|(best, _)| kept > *best) {
                edited = Some((kept, row));
            }
        }
        offset += count;
        if count == 0 || offset >= total {
            return Ok(edited.map(|(_, row)| row));
        }
    }
}

/// Series cannot be listed. The audit log (newest first) names every record the user created
/// since the op was queued; a candidate that reads back as a series carrying the op id is it.
async fn find_in_audit_log(
    session: &TenantSession<'_>,
    op: &OutboxOp,
    me: &str,
) -> Result<Option<Value>, PlatformError> {
    let queued = queued_at(op);
    let mut offset = 0;
    let mut guard = ep::PageGuard::default();
    loop {
        let (rows, total) = ep::paged_page(session, ep::AUDIT_LOGS, offset, ep::PAGE).await?;
        guard.check(ep::AUDIT_LOGS, offset, &rows)?;
        for row in &rows {
            if time_of(row, "created_at").is_some_and(|t| t < queued) {
                // Newest first: everything further down is older than the op.
                return Ok(None);
            }
            let created_by_me = row.get("user_id").and_then(Value::as_str) == Some(me)
                && ep::audits_series_create(row);
            let Some(id) = row.get("resource_id").and_then(Value::as_str) else {
                continue;
            };
            if created_by_me {
                let path = format!("{}/{id}", ep::MASTERS);
                if let Some(series) = ep::get(session, &path).await? {
                    if carries(&series, &op.op_id) {
                        return Ok(Some(series));
                    }
                }
            }
        }
        offset += rows.len();
        if rows.is_empty() || offset >= total {
            return Ok(None);
        }
    }
}
