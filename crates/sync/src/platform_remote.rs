//! The platform's REST API (seed 004) as a [`Remote`]: the one place that knows its paths and
//! wire shapes. Calendars, entries, series, occurrences and reminders answer `{data: ...}` in
//! camelCase; contacts and their links answer in snake_case and take camelCase. Every request
//! carries the run's tenant (a [`TenantSession`]).

pub(crate) mod feed;
pub(crate) mod lost;
pub(crate) mod members;
pub(crate) mod paths;
pub mod pull_audit;
pub(crate) mod pull_calendar;
pub(crate) mod pull_directory;
pub(crate) mod pull_tenant;
pub(crate) mod shape;
pub(crate) mod users;

use std::collections::HashSet;

use chrono::{Duration, NaiveDate};
use outpost_model::{RecordType, RemoteKind};
use outpost_platform::{PlatformError, TenantSession};
use outpost_replica::{Fields, OutboxOp};
use serde_json::{json, Value};

use crate::remote::{Feed, Page, Remote, RemoteError};
use paths::{self as ep, item_path};
use shape::canonical;

/// The platform's REST API in one tenant.
pub struct PlatformRemote<'a> {
    http: TenantSession<'a>,
}

impl<'a> PlatformRemote<'a> {
    /// The platform seen through `http`, in its tenant.
    pub fn new(http: TenantSession<'a>) -> Self {
        Self { http }
    }

    /// The session, for the pulls of the calendar family and the directory (which page the
    /// platform's collections themselves).
    pub fn http(&self) -> &TenantSession<'a> {
        &self.http
    }

    /// A temporary password for the user whose server id is `id`, asked for now (never queued:
    /// the server answers it once, and it must be shown, not stored). The user's old password
    /// stops working.
    pub async fn reset_user_password(
        &self,
        id: &str,
    ) -> Result<outpost_platform::Secret, RemoteError> {
        users::reset_password(&self.http, id).await
    }
}

fn schema(what: impl Into<String>, reason: impl Into<String>) -> PlatformError {
    PlatformError::Schema {
        what: what.into(),
        reason: reason.into(),
    }
}

fn path(t: RecordType, id: &str) -> Result<String, RemoteError> {
    item_path(t, id)
        .ok_or_else(|| schema(t.as_str(), format!("a {t} cannot be addressed by its id")))
}

fn text<'f>(stored: &'f Fields, body: &'f Fields, key: &str) -> &'f str {
    body.get(key)
        .or_else(|| stored.get(key))
        .and_then(Value::as_str)
        .unwrap_or_default()
}

/// Where a link lives: under its user, space or resource.
fn link_base(stored: &Fields, body: &Fields) -> Result<(String, String), RemoteError> {
    let (kind, entity) = (
        text(stored, body, "entityType"),
        text(stored, body, "entityId"),
    );
    if !matches!(kind, "user" | "space" | "resource") || entity.is_empty() {
        return Err(schema(
            "contact link",
            "the link names no user, space or resource",
        ));
    }
    Ok((
        format!("/api/v1/secure/{kind}s/{entity}/contacts"),
        text(stored, body, "contactId").to_string(),
    ))
}

/// Memberships live under their group, space or resource (`members.rs`).
fn is_membership(t: RecordType) -> bool {
    matches!(
        t,
        RecordType::GroupMember | RecordType::SpaceMember | RecordType::ResourceMember
    )
}

/// A 404 is a record gone.
fn gone_as_none<T>(result: Result<T, PlatformError>) -> Result<Option<T>, PlatformError> {
    match result {
        Ok(v) => Ok(Some(v)),
        Err(e) if e.status() == Some(404) => Ok(None),
        Err(e) => Err(e),
    }
}

impl PlatformRemote<'_> {
    /// Links have no PATCH: linking again answers with the same link, so a create and a change
    /// of the primary flag are the same POST, and sending it twice cannot make two links.
    async fn link(&self, body: &Fields, stored: &Fields) -> Result<Option<Value>, RemoteError> {
        let (base, contact) = link_base(stored, body)?;
        let primary = body
            .get("isPrimary")
            .or_else(|| stored.get("isPrimary"))
            .and_then(Value::as_bool)
            .unwrap_or(false);
        let body = json!({ "contactId": contact, "isPrimary": primary });
        // A 404: the user, space or resource is gone on the server.
        gone_as_none(ep::post(&self.http, &base, &body).await)
    }

    /// A contact's links, from its references (`/contacts/{id}/references`): one request for
    /// what the change feed says changed about one contact's links, where a listing asks each
    /// user, space and resource. `None` when the contact is gone.
    async fn links_of_contact(&self, contact: &str) -> Result<Option<Vec<Value>>, RemoteError> {
        let path = format!("/api/v1/secure/contacts/{contact}/references");
        let Some(answer) = ep::get(&self.http, &path).await? else {
            return Ok(None);
        };
        let rows = answer
            .as_array()
            .ok_or_else(|| schema(path.as_str(), "data is not a list"))?;
        let links = rows
            .iter()
            .map(|r| {
                // A reference names the link's user, space or resource; the contact is the
                // one asked about. The rest (the entity's name and status) is not the link's.
                let mut link = serde_json::Map::new();
                for key in ["id", "entity_type", "entity_id", "is_primary", "created_at"] {
                    if let Some(v) = r.get(key) {
                        link.insert(key.to_string(), v.clone());
                    }
                }
                link.insert("contact_id".into(), json!(contact));
                canonical(RecordType::ContactLink, Value::Object(link))
            })
            .collect();
        Ok(Some(links))
    }

    /// An occurrence has no GET of its own: it is read from its series' instances around its
    /// date, found by id or, before the engine knows its id, by date.
    async fn read_occurrence(
        &self,
        id: Option<&str>,
        stored: &Fields,
    ) -> Result<Option<Value>, RemoteError> {
        let master = stored
            .get("recurrenceMasterId")
            .and_then(Value::as_str)
            .ok_or_else(|| schema("occurrence", "the occurrence names no series"))?;
        let date_text = stored
            .get("instanceDate")
            .and_then(Value::as_str)
            .unwrap_or_default();
        let date = NaiveDate::parse_from_str(date_text, "%Y-%m-%d").map_err(|_| {
            schema(
                "occurrence",
                format!("the occurrence's date {date_text:?} is not a date"),
            )
        })?;
        // The day before to the day after, in UTC: wide enough for any zone's local date.
        let from = (date - Duration::days(1))
            .and_hms_opt(0, 0, 0)
            .unwrap_or_default()
            .and_utc();
        let to = from + Duration::days(3);
        let path = format!("{}/{master}/instances", ep::MASTERS);
        let (rows, _) = ep::flat_all(&self.http, &path, &ep::window_query(from, to)).await?;
        Ok(rows.into_iter().find(|row| match id {
            Some(id) => row.get("id").and_then(Value::as_str) == Some(id),
            None => row.get("instanceDate").and_then(Value::as_str) == Some(date_text),
        }))
    }
}

impl PlatformRemote<'_> {
    /// The path of one record: under the tenant for types kept there, else its own.
    fn item(&self, t: RecordType, id: &str) -> Result<String, RemoteError> {
        match ep::tenant_collection(t, self.http.tenant()) {
            Some(base) => Ok(format!("{base}/{id}")),
            None => path(t, id),
        }
    }

    /// The settings' listing: the server answers one map of categories, each a record here.
    async fn settings_page(&self, offset: usize) -> Result<Page, RemoteError> {
        let t = RecordType::TenantSettings;
        let path = ep::tenant_collection(t, self.http.tenant())
            .ok_or_else(|| schema(t.as_str(), "tenant settings have no listing"))?;
        let answer: Value = self.http.get(&path, &[]).await?;
        let Some(categories) = ep::data(answer).as_object().cloned() else {
            return Err(schema(&path, "data is not a map of categories"));
        };
        let rows: Vec<Value> = categories
            .into_iter()
            .map(|(category, settings)| {
                canonical(t, json!({ "category": category, "settings": settings }))
            })
            .collect();
        let total = rows.len();
        Ok(Page {
            rows: rows.into_iter().skip(offset).collect(),
            total,
        })
    }

    /// The tenant record's listing: the scope's own tenant, one record (`GET /secure/tenants/`
    /// lists every tenant the user is in, which belong to their own scopes). A tenant the
    /// server does not show is an empty listing.
    async fn own_tenant(&self, offset: usize) -> Result<Page, RemoteError> {
        let t = RecordType::Tenant;
        let found = ep::get(&self.http, &path(t, self.http.tenant())?).await?;
        let rows: Vec<Value> = found.into_iter().map(|v| canonical(t, v)).collect();
        let total = rows.len();
        Ok(Page {
            rows: rows.into_iter().skip(offset).collect(),
            total,
        })
    }
}

impl Remote for PlatformRemote<'_> {
    fn tenant(&self) -> &str {
        self.http.tenant()
    }

    fn kind(&self) -> RemoteKind {
        RemoteKind::Platform
    }

    fn page_size(&self, _: RecordType) -> usize {
        ep::PAGE
    }

    async fn changes_since(&self, cursor: Option<&str>, limit: usize) -> Result<Feed, RemoteError> {
        feed::changes_since(&self.http, cursor, limit).await
    }

    async fn list_under(
        &self,
        t: RecordType,
        parent: &str,
    ) -> Result<Option<Vec<Value>>, RemoteError> {
        match t {
            RecordType::GroupMember | RecordType::SpaceMember | RecordType::ResourceMember => {
                members::list(&self.http, t, parent).await
            }
            RecordType::ContactLink => self.links_of_contact(parent).await,
            _ => Err(schema(
                t.as_str(),
                format!("the platform lists no {t} under another record"),
            )),
        }
    }

    async fn list_page(
        &self,
        t: RecordType,
        offset: usize,
        limit: usize,
    ) -> Result<Page, RemoteError> {
        if t == RecordType::Tenant {
            return self.own_tenant(offset).await;
        }
        if t == RecordType::TenantSettings {
            return self.settings_page(offset).await;
        }
        if let Some(path) = ep::tenant_collection(t, self.http.tenant()) {
            let (rows, total) = ep::flat_page_of(&self.http, &path, offset, limit).await?;
            return Ok(Page {
                rows: shape::canonical_rows(t, rows),
                total,
            });
        }
        let path = ep::list_path(t).ok_or_else(|| {
            schema(
                t.as_str(),
                format!("the platform has no listing of every {t}"),
            )
        })?;
        let (rows, total) = match ep::flat_listing(t) {
            true => ep::flat_page_of(&self.http, path, offset, limit).await?,
            false => ep::paged_page(&self.http, path, offset, limit).await?,
        };
        Ok(Page {
            rows: shape::canonical_rows(t, rows),
            total,
        })
    }

    fn changed_at<'v>(&self, _: RecordType, record: &'v Value) -> Option<&'v str> {
        // Answers are in the model's shape (`shape::canonical`): the marker is `updatedAt`.
        record.get("updatedAt").and_then(Value::as_str)
    }

    async fn read(
        &self,
        t: RecordType,
        id: Option<&str>,
        stored: &Fields,
    ) -> Result<Option<Value>, RemoteError> {
        let found = match (t, id) {
            (RecordType::RecurrenceInstance, _) => self.read_occurrence(id, stored).await,
            (_, Some(id)) => ep::get(&self.http, &self.item(t, id)?).await,
            (_, None) => Err(schema(
                t.as_str(),
                "a record the server never knew cannot be read",
            )),
        };
        Ok(found?.map(|v| canonical(t, v)))
    }

    async fn create(
        &self,
        t: RecordType,
        body: &Fields,
        stored: &Fields,
    ) -> Result<Option<Value>, RemoteError> {
        if t == RecordType::ContactLink {
            return Ok(self.link(body, stored).await?.map(|v| canonical(t, v)));
        }
        if is_membership(t) {
            return members::add(&self.http, t, body, stored).await;
        }
        if t == RecordType::User {
            return Ok(Some(canonical(t, users::create(&self.http, body).await?)));
        }
        if t == RecordType::MoveRequest {
            // Asked for under the resource; a 404 is the resource gone.
            let mut request = body.clone();
            let resource = request
                .remove("resourceId")
                .and_then(|v| v.as_str().map(str::to_string))
                .ok_or_else(|| schema("move request", "the request names no resource"))?;
            let path = format!("{}/{resource}/move", ep::RESOURCES);
            let made = gone_as_none(ep::post(&self.http, &path, &Value::Object(request)).await)?;
            return Ok(made.map(|v| canonical(t, v)));
        }
        if let Some(path) = ep::tenant_collection(t, self.http.tenant()) {
            let made = ep::post(&self.http, &path, &Value::Object(body.clone())).await?;
            return Ok(Some(canonical(t, made)));
        }
        let path = ep::create_path(t).ok_or_else(|| {
            schema(
                t.as_str(),
                format!("a {t} cannot be created on this server"),
            )
        })?;
        let made = ep::post(&self.http, path, &Value::Object(body.clone())).await?;
        Ok(Some(canonical(t, made)))
    }

    async fn update(
        &self,
        t: RecordType,
        id: &str,
        patch: &Fields,
        stored: &Fields,
    ) -> Result<Option<Value>, RemoteError> {
        let changed = match t {
            RecordType::ContactLink => self.link(patch, stored).await?,
            // A space member's role is changed by adding them again.
            RecordType::SpaceMember => members::add(&self.http, t, patch, stored).await?,
            _ => {
                let path = self.item(t, id)?;
                let body = Value::Object(patch.clone());
                gone_as_none(ep::update(&self.http, ep::update_method(t), &path, &body).await)?
            }
        };
        Ok(changed.map(|v| canonical(t, v)))
    }

    async fn delete(&self, t: RecordType, id: &str, stored: &Fields) -> Result<(), RemoteError> {
        let path = match t {
            RecordType::ContactLink => {
                let (base, contact) = link_base(stored, &Fields::new())?;
                format!("{base}/{contact}")
            }
            t if is_membership(t) => members::path(t, stored)?,
            _ => self.item(t, id)?,
        };
        ep::delete(&self.http, &path).await
    }

    async fn action(
        &self,
        t: RecordType,
        id: &str,
        name: &str,
        body: &Fields,
    ) -> Result<Option<Value>, RemoteError> {
        let path = match ep::tenant_collection(t, self.http.tenant()) {
            Some(base) => format!("{base}/{id}/{name}"),
            None => ep::action_path(t, id, name)
                .ok_or_else(|| schema(t.as_str(), format!("a {t} has no action {name}")))?,
        };
        let answer = gone_as_none(ep::post(&self.http, &path, &Value::Object(body.clone())).await)?;
        Ok(answer.map(|v| canonical(t, v)))
    }

    async fn find_lost_create(
        &self,
        op: &OutboxOp,
        me: &str,
        claimed: &HashSet<String>,
    ) -> Result<Option<Value>, RemoteError> {
        let found = lost::find_create(&self.http, op, me, claimed).await?;
        Ok(found.map(|v| canonical(op.entity, v)))
    }
}
