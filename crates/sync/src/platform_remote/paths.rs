//! Where each kind of record lives on the platform (seed 004), and its requests and listings:
//! the platform remote's and the pull's only source of paths.
//! Paths and shapes follow the seed: calendars, entries, series, occurrences and reminders answer
//! `{data: ...}` in camelCase with `updatedAt`; contacts answer in snake_case with `updated_at`.

use chrono::{DateTime, Utc};
use futures_util::stream::{self, StreamExt, TryStreamExt};
use outpost_platform::{Method, PlatformError, TenantSession};
use outpost_replica::Entity;
use serde_json::Value;

pub const CALENDARS: &str = "/api/v1/secure/calendar/";
pub const ENTRIES: &str = "/api/v1/secure/calendar/entries";
pub const MASTERS: &str = "/api/v1/secure/calendar/recurrence-masters";
pub const INSTANCES: &str = "/api/v1/secure/calendar/recurrence-instances";
pub const REMINDERS: &str = "/api/v1/secure/calendar/reminders";
pub const AUDIT_LOGS: &str = "/api/v1/secure/audit-logs";
pub const CONTACTS: &str = "/api/v1/secure/contacts";
pub const GROUPS: &str = "/api/v1/secure/groups";
pub const INVITATIONS: &str = "/api/v1/secure/invitations";
pub const APPROVALS: &str = "/api/v1/secure/approvals";
pub const TENANTS: &str = "/api/v1/secure/tenants";
pub const USERS: &str = "/api/v1/secure/users";
pub const SPACES: &str = "/api/v1/secure/spaces";
pub const RESOURCES: &str = "/api/v1/secure/resources";
pub const MOVE_REQUESTS: &str = "/api/v1/secure/resources/resource-requests";

/// The most the server gives per page.
pub const PAGE: usize = 200;

/// Where the listing of every record of a type paged as `{data, pagination: {total}}` is, for
/// the types pulled as a listing.
pub fn list_path(entity: Entity) -> Option<&'static str> {
    match entity {
        Entity::Contact => Some(CONTACTS),
        Entity::Group => Some("/api/v1/secure/groups/"),
        Entity::Invitation => Some("/api/v1/secure/invitations/"),
        Entity::Approval => Some(APPROVALS),
        Entity::User => Some("/api/v1/secure/users/"),
        Entity::Space => Some("/api/v1/secure/spaces/"),
        Entity::Resource => Some("/api/v1/secure/resources/"),
        Entity::MoveRequest => Some(MOVE_REQUESTS),
        _ => None,
    }
}

/// Whether a listed type answers `{data, total}` (the calendar's style, also the approvals')
/// rather than `{data, pagination: {total}}`.
pub fn flat_listing(entity: Entity) -> bool {
    // Move requests answer `{data}` alone: the whole list, its length the total.
    matches!(entity, Entity::Approval | Entity::MoveRequest)
}

/// The path of one record, for the kinds the platform can GET, PATCH or DELETE by id.
pub fn item_path(entity: Entity, id: &str) -> Option<String> {
    match entity {
        Entity::Calendar => Some(format!("/api/v1/secure/calendar/{id}")),
        Entity::Entry => Some(format!("{ENTRIES}/{id}")),
        Entity::RecurrenceMaster => Some(format!("{MASTERS}/{id}")),
        Entity::RecurrenceInstance => Some(format!("{INSTANCES}/{id}")),
        Entity::Reminder => Some(format!("{REMINDERS}/{id}")),
        Entity::Contact => Some(format!("/api/v1/secure/contacts/{id}")),
        Entity::Group => Some(format!("{GROUPS}/{id}")),
        Entity::Invitation => Some(format!("{INVITATIONS}/{id}")),
        Entity::Approval => Some(format!("{APPROVALS}/{id}")),
        Entity::User => Some(format!("{USERS}/{id}")),
        Entity::Space => Some(format!("{SPACES}/{id}")),
        Entity::Resource => Some(format!("{RESOURCES}/{id}")),
        Entity::MoveRequest => Some(format!("{MOVE_REQUESTS}/{id}")),
        Entity::Tenant => Some(format!("{TENANTS}/{id}")),
        // Under its tenant: see `tenant_collection`.
        Entity::RateLimit | Entity::TenantSettings | Entity::TenantDomain => None,
        Entity::ContactLink
        | Entity::GroupMember
        | Entity::SpaceMember
        | Entity::ResourceMember => None,
        // The Manager's records are another remote's (`manager_remote`).
        Entity::ManagerProject
        | Entity::ManagerTenant
        | Entity::ManagerApplication
        | Entity::ManagerEndpoint
        | Entity::ManagerTrigger
        | Entity::ManagerBackendSettings
        | Entity::ManagerFrontendSettings => None,
    }
}

/// Where a create is POSTed.
pub fn create_path(entity: Entity) -> Option<&'static str> {
    match entity {
        Entity::Calendar => Some(CALENDARS),
        Entity::Entry => Some(ENTRIES),
        Entity::RecurrenceMaster => Some(MASTERS),
        Entity::Reminder => Some(REMINDERS),
        Entity::Contact => Some("/api/v1/secure/contacts"),
        // Sic: the seed creates groups under `/create`.
        Entity::Group => Some("/api/v1/secure/groups/create"),
        Entity::Invitation => Some("/api/v1/secure/invitations/"),
        Entity::User => Some("/api/v1/secure/users/"),
        Entity::Space => Some("/api/v1/secure/spaces/"),
        Entity::Resource => Some("/api/v1/secure/resources/"),
        Entity::RecurrenceInstance
        | Entity::ContactLink
        | Entity::GroupMember
        | Entity::SpaceMember
        | Entity::ResourceMember
        | Entity::MoveRequest
        | Entity::Approval
        | Entity::Tenant
        | Entity::RateLimit
        | Entity::TenantSettings
        | Entity::TenantDomain => None,
        // The Manager's records are another remote's (`manager_remote`).
        Entity::ManagerProject
        | Entity::ManagerTenant
        | Entity::ManagerApplication
        | Entity::ManagerEndpoint
        | Entity::ManagerTrigger
        | Entity::ManagerBackendSettings
        | Entity::ManagerFrontendSettings => None,
    }
}

/// Where the records of a type kept under the tenant itself live (a tenant's rate limits under
/// `/secure/tenants/{id}/rate-limits`): listed (one flat `{data: [...]}`), created, and each
/// addressed by id below it.
pub fn tenant_collection(entity: Entity, tenant: &str) -> Option<String> {
    match entity {
        Entity::RateLimit => Some(format!("{TENANTS}/{tenant}/rate-limits")),
        // Listed as one map of categories; each category below it.
        Entity::TenantSettings => Some(format!("{TENANTS}/{tenant}/settings")),
        Entity::TenantDomain => Some(format!("{TENANTS}/{tenant}/domains")),
        _ => None,
    }
}

/// Where the action `name` of a record is POSTed: under the record, except a tenant's
/// lifecycle moves, which the seed puts under `lifecycle/`.
pub fn action_path(entity: Entity, id: &str, name: &str) -> Option<String> {
    let item = item_path(entity, id)?;
    Some(match entity {
        Entity::Tenant => format!("{item}/lifecycle/{name}"),
        _ => format!("{item}/{name}"),
    })
}

/// The `data` of an answer.
pub fn data(mut v: Value) -> Value {
    v.get_mut("data").map(Value::take).unwrap_or(Value::Null)
}

fn schema(what: &str, reason: &str) -> PlatformError {
    PlatformError::Schema {
        what: what.into(),
        reason: reason.into(),
    }
}

/// The tenant a server record says it belongs to, if it says.
fn tenant_of(record: &Value) -> Option<&str> {
    record
        .get("tenantId")
        .or_else(|| record.get("tenant_id"))
        .and_then(Value::as_str)
}

/// Refuses a record of another tenant than the run's: the server must never hand one tenant's
/// rows to a request made in another, and storing one would show it in the wrong tenant.
pub fn own_tenant(
    session: &TenantSession<'_>,
    what: &str,
    record: &Value,
) -> Result<(), PlatformError> {
    match tenant_of(record) {
        Some(other) if other != session.tenant() => Err(schema(
            what,
            &format!(
                "the server answered with a record of tenant {other} to a request in tenant {}",
                session.tenant()
            ),
        )),
        _ => Ok(()),
    }
}

fn own_tenant_rows(
    session: &TenantSession<'_>,
    what: &str,
    rows: &[Value],
) -> Result<(), PlatformError> {
    rows.iter()
        .try_for_each(|row| own_tenant(session, what, row))
}

/// GETs one record; `None` when the server says it is not there (deleted, or never was).
pub async fn get(session: &TenantSession<'_>, path: &str) -> Result<Option<Value>, PlatformError> {
    match session.get::<Value>(path, &[]).await {
        Ok(v) => {
            let record = data(v);
            own_tenant(session, path, &record)?;
            Ok(Some(record))
        }
        Err(e) if e.status() == Some(404) => Ok(None),
        Err(e) => Err(e),
    }
}

pub async fn post(
    session: &TenantSession<'_>,
    path: &str,
    body: &Value,
) -> Result<Value, PlatformError> {
    let record = data(session.send_json(Method::POST, path, body).await?);
    own_tenant(session, path, &record)?;
    Ok(record)
}

/// How a type's edits are sent: groups are PUT (with optional properties: the seed's PUT changes
/// the fields sent), everything else PATCHed.
pub fn update_method(entity: Entity) -> Method {
    match entity {
        Entity::Group => Method::PUT,
        _ => Method::PATCH,
    }
}

pub async fn update(
    session: &TenantSession<'_>,
    method: Method,
    path: &str,
    body: &Value,
) -> Result<Value, PlatformError> {
    let record = data(session.send_json(method, path, body).await?);
    own_tenant(session, path, &record)?;
    Ok(record)
}

/// Deletes; a record already gone counts as deleted.
pub async fn delete(session: &TenantSession<'_>, path: &str) -> Result<(), PlatformError> {
    match session
        .request::<Value>(Method::DELETE, path, &[], None)
        .await
    {
        Ok(_) => Ok(()),
        Err(e) if e.status() == Some(404) => Ok(()),
        Err(e) => Err(e),
    }
}

/// The most rows one listing may claim: far above any tenant this client is built for (a
/// million contacts), far below what would exhaust memory or the server's patience. A larger
/// total is a broken answer, not a listing; no loop or allocation is ever sized by more.
pub const MAX_LISTING_ROWS: usize = 50_000_000;

/// A listing's total as a number this client may page to.
fn believable(path: &str, total: u64) -> Result<usize, PlatformError> {
    usize::try_from(total)
        .ok()
        .filter(|t| *t <= MAX_LISTING_ROWS)
        .ok_or_else(|| {
            schema(
                path,
                &format!(
                    "the listing claims {total} rows, more than one listing may hold \
                     ({MAX_LISTING_ROWS})"
                ),
            )
        })
}

pub use crate::listing::PageGuard;

/// One page of a flat listing of at most `limit` rows, without other query parameters.
pub async fn flat_page_of(
    session: &TenantSession<'_>,
    path: &str,
    offset: usize,
    limit: usize,
) -> Result<(Vec<Value>, usize), PlatformError> {
    flat_page_sized(session, path, &[], offset, limit).await
}

/// One page of a flat calendar listing (`{data, total, limit, offset}`).
pub async fn flat_page(
    session: &TenantSession<'_>,
    path: &str,
    query: &[(&str, String)],
    offset: usize,
) -> Result<(Vec<Value>, usize), PlatformError> {
    flat_page_sized(session, path, query, offset, PAGE).await
}

async fn flat_page_sized(
    session: &TenantSession<'_>,
    path: &str,
    query: &[(&str, String)],
    offset: usize,
    limit: usize,
) -> Result<(Vec<Value>, usize), PlatformError> {
    let mut q: Vec<(&str, String)> = query.to_vec();
    q.push(("limit", limit.to_string()));
    q.push(("offset", offset.to_string()));
    let mut v: Value = session.get(path, &q).await?;
    let rows = match v.get_mut("data").map(Value::take) {
        Some(Value::Array(rows)) => rows,
        _ => return Err(schema(path, "data is not an array")),
    };
    let total = match v.get("total").and_then(Value::as_u64) {
        Some(t) => believable(path, t)?,
        None => offset + rows.len(),
    };
    own_tenant_rows(session, path, &rows)?;
    Ok((rows, total))
}

/// How many pages of one listing are asked for at once once its total is known.
pub const CONCURRENT_PAGES: usize = 4;

/// How many series are read at once (each is a GET of its master and its occurrences).
pub const CONCURRENT_SERIES: usize = 8;

/// Every row of a flat listing, with the total the first page reported and whether the total
/// held still until the last page (a listing that moved deletes nothing). The first page gives
/// the total and the server's page size; the other pages are then fetched a few at a time.
pub async fn flat_all(
    session: &TenantSession<'_>,
    path: &str,
    query: &[(&str, String)],
) -> Result<(Vec<Value>, bool), PlatformError> {
    let (mut rows, total) = flat_page(session, path, query, 0).await?;
    // The server may page by fewer rows than asked: its first page says how many it gives.
    let step = rows.len();
    if step == 0 || rows.len() >= total {
        let complete = rows.len() == total;
        return Ok((rows, complete));
    }
    let mut guard = PageGuard::default();
    guard.check(path, 0, &rows)?;
    // The offsets are made as the pages are asked for, never all at once from the total.
    let mut pages = stream::iter((step..total).step_by(step))
        .map(|offset| async move {
            flat_page(session, path, query, offset)
                .await
                .map(|page| (offset, page))
        })
        .buffered(CONCURRENT_PAGES);
    let mut steady = true;
    while let Some((offset, (more, total_now))) = pages.try_next().await? {
        guard.check(path, offset, &more)?;
        steady &= total_now == total;
        if more.is_empty() {
            // The listing ended before its total: it moved while read (deletes nothing).
            steady = false;
            break;
        }
        rows.extend(more);
    }
    let complete = steady && rows.len() == total;
    Ok((rows, complete))
}

/// One page of a listing paged as `{data, pagination: {total}}` (contacts, users, groups,
/// spaces, resources, the audit log): its rows and the total the server reported.
pub async fn paged_page(
    session: &TenantSession<'_>,
    path: &str,
    offset: usize,
    limit: usize,
) -> Result<(Vec<Value>, usize), PlatformError> {
    let mut v: Value = session
        .get(
            path,
            &[("limit", limit.to_string()), ("offset", offset.to_string())],
        )
        .await?;
    let total = v
        .get("pagination")
        .and_then(|p| p.get("total"))
        .and_then(Value::as_u64)
        .ok_or_else(|| schema(path, "pagination.total is missing"))?;
    let total = believable(path, total)?;
    match v.get_mut("data").map(Value::take) {
        Some(Value::Array(rows)) => {
            own_tenant_rows(session, path, &rows)?;
            Ok((rows, total))
        }
        _ => Err(schema(path, "data is not an array")),
    }
}

/// The window query of the entries, instances and free-busy endpoints.
pub fn window_query(from: DateTime<Utc>, to: DateTime<Utc>) -> Vec<(&'static str, String)> {
    vec![
        (
            "from",
            from.to_rfc3339_opts(chrono::SecondsFormat::Millis, true),
        ),
        (
            "to",
            to.to_rfc3339_opts(chrono::SecondsFormat::Millis, true),
        ),
    ]
}

/// An audit row saying a series (recurrence master) was created. The seed leaves the audit log's
/// words open; this accepts `created`/`create` and any resource type naming a recurrence master.
pub fn audits_series_create(row: &Value) -> bool {
    let kind = row
        .get("resource_type")
        .and_then(Value::as_str)
        .unwrap_or_default()
        .to_ascii_lowercase();
    let created = row
        .get("action")
        .and_then(Value::as_str)
        .is_some_and(|a| a.to_ascii_lowercase().starts_with("create"));
    created && kind.contains("recurrence") && kind.contains("master")
}
