//! The Manager's GraphQL API (the platform's control plane) as a [`Remote`]: the one place that
//! knows its queries and mutations. Its records already come in the model's shape (the model
//! takes the Manager's own field names), so an answer is handed over as it is.
//!
//! How the tree is read: projects are listed page by page (`pagination {limit offset}`; GraphQL
//! lists carry no total, so the listing is counted by paging through ids alone); a project's
//! tenants, a tenant's applications (through its project, found in the [`tree::Tree`]) and an
//! application's endpoints and triggers (paged) are listed under each parent. A record is read
//! by its id among its parent's children (a filter on `id` where the Manager has one).
//!
//! A level's own settings (backend, frontend) are listed nowhere on their own: they are gathered
//! from the tree, and handed over flat (`settings.rs`).
//!
//! A Manager account's replica holds one Manager: every record is in the one scope
//! [`MANAGER_SCOPE`].

pub(crate) mod client;
pub(crate) mod documents;
mod run;
mod settings;
mod tree;

use std::collections::HashSet;

use outpost_model::{RecordType, RemoteKind};
use outpost_platform::PlatformError;
use outpost_replica::{Fields, OutboxOp};
use serde_json::{json, Map, Value};

use crate::recognise::is_lost_create;
use crate::remote::{Feed, Page, Remote, RemoteError};
use documents as doc;

pub use client::ManagerClient;
pub use run::sync_manager;

/// The replica scope (`tenant_id`) of a Manager account's records: its replica holds one
/// Manager, whose own tenants are records of their own (`manager_tenant`).
pub const MANAGER_SCOPE: &str = "manager";

/// The Manager's largest page (`pagination.limit` is 1 to 500).
pub(crate) const LARGEST_PAGE: usize = 500;

/// The Manager's GraphQL API, signed in with one token.
pub struct ManagerRemote {
    client: ManagerClient,
    tree: tree::Tree,
}

fn schema(what: impl Into<String>, reason: impl Into<String>) -> PlatformError {
    PlatformError::Schema {
        what: what.into(),
        reason: reason.into(),
    }
}

/// The list under the alias `rows` of an answer; each must be an object with an id.
pub(crate) fn rows(what: &str, mut data: Value) -> Result<Vec<Value>, PlatformError> {
    let Some(Value::Array(rows)) = data.get_mut("rows").map(Value::take) else {
        return Err(schema(what, "the answer holds no list"));
    };
    if rows
        .iter()
        .any(|r| r.get("id").and_then(Value::as_str).is_none())
    {
        return Err(schema(what, "a record in the answer has no id"));
    }
    Ok(rows)
}

/// The record under `alias` of a mutation's answer.
fn record(what: &str, mut data: Value, alias: &str) -> Result<Value, PlatformError> {
    match data.get_mut(alias).map(Value::take) {
        Some(v @ Value::Object(_)) if v.get("id").and_then(Value::as_str).is_some() => Ok(v),
        _ => Err(schema(what, "the answer holds no record with an id")),
    }
}

/// A record gone (`NOT_FOUND`) is `None`.
fn gone_as_none<T>(result: Result<T, PlatformError>) -> Result<Option<T>, PlatformError> {
    match result {
        Ok(v) => Ok(Some(v)),
        Err(e) if e.status() == Some(404) => Ok(None),
        Err(e) => Err(e),
    }
}

fn id_filter(field: &str, value: &str) -> Value {
    json!([{ "field": field, "value": value }])
}

fn text<'f>(fields: &'f Fields, key: &str) -> Option<&'f str> {
    fields.get(key).and_then(Value::as_str)
}

fn find(rows: Option<Vec<Value>>, id: &str) -> Option<Value> {
    rows?
        .into_iter()
        .find(|r| r.get("id").and_then(Value::as_str) == Some(id))
}

impl ManagerRemote {
    /// The Manager seen through `client`.
    pub fn new(client: ManagerClient) -> Self {
        Self {
            client,
            tree: tree::Tree::default(),
        }
    }

    /// The id of the user the token signs in.
    pub async fn me(&self) -> Result<String, PlatformError> {
        let mut data = self.client.request("me", doc::ME, json!({})).await?;
        match data.pointer_mut("/rows/id").map(Value::take) {
            Some(Value::String(id)) => Ok(id),
            _ => Err(schema("me", "the answer names no user")),
        }
    }

    /// How many projects the listing holds now, counted by pages of ids.
    async fn count_projects(&self) -> Result<usize, PlatformError> {
        let mut total = 0;
        loop {
            let page = json!({ "page": { "limit": LARGEST_PAGE, "offset": total } });
            let n = rows(
                "projects",
                self.client
                    .request("projects", doc::PROJECT_IDS, page)
                    .await?,
            )?
            .len();
            total += n;
            if n < LARGEST_PAGE {
                return Ok(total);
            }
        }
    }

    /// The projects whose `field` is `value` (whole, any case: ids and slugs).
    async fn projects_where(&self, field: &str, value: &str) -> Result<Vec<Value>, PlatformError> {
        let vars = json!({ "filters": id_filter(field, value) });
        let found = rows(
            "projects",
            self.client
                .request("projects", doc::PROJECT_WHERE, vars)
                .await?,
        )?;
        // A filter matches in any case; a slug or id is the same only when equal.
        Ok(found
            .into_iter()
            .filter(|p| p.get(field).and_then(Value::as_str) == Some(value))
            .collect())
    }

    /// The tenants of `project`; `None` when it is gone.
    async fn tenants_of(&self, project: &str) -> Result<Option<Vec<Value>>, PlatformError> {
        let vars = json!({ "filters": id_filter("id", project) });
        let found = rows(
            "tenants",
            self.client
                .request("tenants", doc::TENANTS_OF, vars)
                .await?,
        )?;
        let Some(mut project) = found.into_iter().next() else {
            return Ok(None);
        };
        match project.get_mut("tenants").map(Value::take) {
            Some(Value::Array(tenants)) => Ok(Some(tenants)),
            _ => Err(schema("tenants", "a project has no list of tenants")),
        }
    }

    /// The applications of `tenant`; `None` when it is gone.
    async fn applications_of(&self, tenant: &str) -> Result<Option<Vec<Value>>, PlatformError> {
        let Some(project) = self.tree.parent_of(&self.client, tenant).await? else {
            return Ok(None);
        };
        let vars = json!({ "filters": id_filter("id", &project) });
        let found = rows(
            "applications",
            self.client
                .request("applications", doc::APPLICATIONS_OF, vars)
                .await?,
        )?;
        let tenants = found
            .into_iter()
            .next()
            .and_then(|mut p| p.get_mut("tenants").map(Value::take));
        let Some(Value::Array(tenants)) = tenants else {
            return Ok(None);
        };
        let Some(mut tenant) = find(Some(tenants), tenant) else {
            return Ok(None);
        };
        match tenant.get_mut("applications").map(Value::take) {
            Some(Value::Array(apps)) => Ok(Some(apps)),
            _ => Err(schema(
                "applications",
                "a tenant has no list of applications",
            )),
        }
    }

    /// The endpoints or triggers of `application` (with `field` equal to `value` when given),
    /// page by page; `None` when the application is gone.
    async fn children(
        &self,
        t: RecordType,
        application: &str,
        only: Option<(&str, &str)>,
    ) -> Result<Option<Vec<Value>>, PlatformError> {
        let (document, what) = match t {
            RecordType::ManagerEndpoint => (doc::ENDPOINTS, "endpoints"),
            _ => (doc::TRIGGERS, "triggers"),
        };
        let filters = only.map(|(field, value)| id_filter(field, value));
        let mut all = Vec::new();
        loop {
            let vars = json!({
                "application": application,
                "filters": filters,
                "page": { "limit": LARGEST_PAGE, "offset": all.len() },
            });
            let Some(data) = gone_as_none(self.client.request(what, document, vars).await)? else {
                return Ok(None);
            };
            let page = rows(what, data)?;
            let n = page.len();
            all.extend(page);
            if n < LARGEST_PAGE {
                break;
            }
        }
        if let Some((field, value)) = only {
            // Text filters match a part in any case: only the equal value is the record.
            all.retain(|r| r.get(field).and_then(Value::as_str) == Some(value));
        }
        Ok(Some(all))
    }

    /// The records under the parent `parent` of type `t`'s one reference.
    async fn under(&self, t: RecordType, parent: &str) -> Result<Option<Vec<Value>>, RemoteError> {
        match t {
            RecordType::ManagerTenant => self.tenants_of(parent).await,
            RecordType::ManagerApplication => self.applications_of(parent).await,
            RecordType::ManagerEndpoint | RecordType::ManagerTrigger => {
                self.children(t, parent, None).await
            }
            _ => Err(schema(
                t.as_str(),
                format!("the Manager lists no {t} under another record"),
            )),
        }
    }

    /// The parent's id a record of type `t` names in `fields`.
    fn parent_in(t: RecordType, fields: &Fields) -> Result<&str, RemoteError> {
        let key = doc::mutations(t)
            .and_then(|m| m.parent)
            .ok_or_else(|| schema(t.as_str(), format!("a {t} lives under no record")))?;
        text(fields, key).ok_or_else(|| schema(t.as_str(), format!("the {t} names no {key}")))
    }
}

impl Remote for ManagerRemote {
    fn tenant(&self) -> &str {
        MANAGER_SCOPE
    }

    fn kind(&self) -> RemoteKind {
        RemoteKind::Manager
    }

    fn page_size(&self, _: RecordType) -> usize {
        LARGEST_PAGE
    }

    async fn list_page(
        &self,
        t: RecordType,
        offset: usize,
        limit: usize,
    ) -> Result<Page, RemoteError> {
        if settings::is_settings(t) {
            // Gathered from the tree whole: the page is cut from it.
            let all = settings::all(&self.client, t).await?;
            let total = all.len();
            let rows = all.into_iter().skip(offset).take(limit).collect();
            return Ok(Page { rows, total });
        }
        if t != RecordType::ManagerProject {
            return Err(schema(
                t.as_str(),
                format!("the Manager has no listing of every {t}"),
            ));
        }
        let page = json!({ "page": { "limit": limit.clamp(1, LARGEST_PAGE), "offset": offset } });
        let rows = rows(
            "projects",
            self.client
                .request("projects", doc::PROJECTS_PAGE, page)
                .await?,
        )?;
        let total = self.count_projects().await?;
        Ok(Page { rows, total })
    }

    fn changed_at<'v>(&self, _: RecordType, record: &'v Value) -> Option<&'v str> {
        record.get("updatedAt").and_then(Value::as_str)
    }

    async fn list_under(
        &self,
        t: RecordType,
        parent: &str,
    ) -> Result<Option<Vec<Value>>, RemoteError> {
        self.under(t, parent).await
    }

    async fn changes_since(&self, _: Option<&str>, _: usize) -> Result<Feed, RemoteError> {
        // The Manager's audit log says what changed, not in a form a cursor can follow yet:
        // every run lists.
        Ok(Feed::Unavailable)
    }

    async fn read(
        &self,
        t: RecordType,
        id: Option<&str>,
        stored: &Fields,
    ) -> Result<Option<Value>, RemoteError> {
        let Some(id) = id else {
            return Err(schema(
                t.as_str(),
                "a record the server never knew cannot be read",
            ));
        };
        match t {
            t if settings::is_settings(t) => {
                Ok(find(Some(settings::all(&self.client, t).await?), id))
            }
            RecordType::ManagerProject => {
                Ok(self.projects_where("id", id).await?.into_iter().next())
            }
            RecordType::ManagerEndpoint | RecordType::ManagerTrigger => {
                let application = Self::parent_in(t, stored)?;
                Ok(find(
                    self.children(t, application, Some(("id", id))).await?,
                    id,
                ))
            }
            _ => Ok(find(self.under(t, Self::parent_in(t, stored)?).await?, id)),
        }
    }

    async fn create(
        &self,
        t: RecordType,
        body: &Fields,
        stored: &Fields,
    ) -> Result<Option<Value>, RemoteError> {
        let m = doc::mutations(t).ok_or_else(|| {
            schema(
                t.as_str(),
                format!("a {t} cannot be created on the Manager"),
            )
        })?;
        if settings::is_settings(t) {
            let vars = json!({ "input": settings::create_input(body) });
            let made = gone_as_none(self.client.request(t.as_str(), m.create, vars).await)?;
            return made
                .map(|data| record(t.as_str(), data, "made"))
                .transpose()?
                .map(|r| settings::flat(t.as_str(), r))
                .transpose();
        }
        let mut input: Map<String, Value> = body.clone();
        let mut vars = Map::new();
        if let Some(key) = m.parent {
            input.remove(key);
            let parent = text(body, key)
                .or_else(|| text(stored, key))
                .ok_or_else(|| schema(t.as_str(), format!("the {t} names no {key}")))?;
            vars.insert("parent".into(), json!(parent));
        }
        vars.insert("input".into(), Value::Object(input));
        // A parent gone meanwhile answers NOT_FOUND: the create has nowhere to go.
        let made = gone_as_none(
            self.client
                .request(t.as_str(), m.create, Value::Object(vars))
                .await,
        )?;
        made.map(|data| record(t.as_str(), data, "made"))
            .transpose()
    }

    async fn update(
        &self,
        t: RecordType,
        id: &str,
        patch: &Fields,
        _: &Fields,
    ) -> Result<Option<Value>, RemoteError> {
        let m = doc::mutations(t).ok_or_else(|| {
            schema(
                t.as_str(),
                format!("a {t} cannot be changed on the Manager"),
            )
        })?;
        let vars = json!({ "id": id, "input": patch });
        let changed = gone_as_none(self.client.request(t.as_str(), m.update, vars).await)?;
        let changed = changed
            .map(|data| record(t.as_str(), data, "changed"))
            .transpose()?;
        match settings::is_settings(t) {
            true => changed.map(|r| settings::flat(t.as_str(), r)).transpose(),
            false => Ok(changed),
        }
    }

    async fn delete(&self, t: RecordType, id: &str, _: &Fields) -> Result<(), RemoteError> {
        let m = doc::mutations(t).ok_or_else(|| {
            schema(
                t.as_str(),
                format!("a {t} cannot be deleted on the Manager"),
            )
        })?;
        let answer = gone_as_none(
            self.client
                .request(t.as_str(), m.delete, json!({ "id": id }))
                .await,
        )?;
        match answer.as_ref().and_then(|a| a.get("gone")) {
            None | Some(Value::Bool(true)) => Ok(()),
            Some(_) => Err(schema(
                t.as_str(),
                "the Manager did not say the record is gone",
            )),
        }
    }

    async fn action(
        &self,
        t: RecordType,
        id: &str,
        name: &str,
        body: &Fields,
    ) -> Result<Option<Value>, RemoteError> {
        let (document, source_key) = match (t, name) {
            (RecordType::ManagerApplication, "promote") => (doc::PROMOTE, "applicationId"),
            (RecordType::ManagerApplication, "copy") => (doc::COPY, "sourceApplicationId"),
            _ => {
                return Err(schema(
                    t.as_str(),
                    format!("a {t} has no action {name:?} on the Manager"),
                ))
            }
        };
        let mut input = body.clone();
        input.insert(source_key.into(), json!(id));
        let what = format!("{t} {name}");
        let vars = json!({ "input": input });
        if gone_as_none(self.client.request(&what, document, vars).await)?.is_none() {
            return Ok(None);
        }
        // The answer is the application in the target tenant, another record: the op's own
        // record is the source, read again as it is now (the next pull brings the target).
        let Some(tenant) = self.tree.parent_of(&self.client, id).await? else {
            return Ok(None);
        };
        Ok(find(self.applications_of(&tenant).await?, id))
    }

    async fn find_lost_create(
        &self,
        op: &OutboxOp,
        me: &str,
        claimed: &HashSet<String>,
    ) -> Result<Option<Value>, RemoteError> {
        let t = op.entity;
        let payload = op.payload.as_object().cloned().unwrap_or_default();
        let candidates = match t {
            t if settings::is_settings(t) => settings::all(&self.client, t).await?,
            RecordType::ManagerProject => match text(&payload, "slug") {
                Some(slug) => self.projects_where("slug", slug).await?,
                None => Vec::new(),
            },
            _ => self
                .under(t, Self::parent_in(t, &payload)?)
                .await?
                .unwrap_or_default(),
        };
        Ok(candidates
            .into_iter()
            .find(|row| is_lost_create(row, op, me, claimed)))
    }
}
