//! Applications: `applications(tenantSlug)`, `application(projectId, tenantId, slug)`, create,
//! update, delete, and `promoteApplication` / `copyApplication`, which carry an application
//! with its endpoints, triggers and own settings into another tenant of the same project.
//! Application slugs are unique within a tenant.

use async_graphql::{ComplexObject, Context, InputObject, MaybeUndefined, Object, Result, ID};

use super::{read, related, write};
use crate::access::{self, Need, Scope};
use crate::audit::{self, snapshot, Entry};
use crate::error::{ApiError, ApiResult};
use crate::ids::{new_id, now};
use crate::listing::{self, Field, Filter, Listed, Order, Pagination};
use crate::records::{
    Application, BackendSettings, Endpoint, FrontendSettings, Owner, Tenant, Trigger,
};
use crate::store::Data;
use crate::{cascade, patch, validate};

impl Listed for Application {
    const FIELDS: &'static [&'static str] = &[
        "id",
        "tenant_id",
        "name",
        "slug",
        "description",
        "version",
        "created_at",
        "updated_at",
    ];
    fn id(&self) -> &str {
        &self.id
    }
    fn field(&self, name: &str) -> Field {
        match name {
            "id" => Field::exact(&self.id),
            "tenant_id" => Field::exact(&self.tenant_id),
            "name" => Field::text(&self.name),
            "slug" => Field::exact(&self.slug),
            "description" => Field::opt_text(&self.description),
            "version" => Field::opt_text(&self.version),
            "created_at" => Field::time(&self.created_at),
            "updated_at" => Field::time(&self.updated_at),
            _ => Field::Null,
        }
    }
}

#[ComplexObject]
impl Application {
    async fn tenant(&self, ctx: &Context<'_>) -> Option<Tenant> {
        related(ctx, |data| data.tenants.get(&self.tenant_id).cloned())
    }

    async fn endpoints(&self, ctx: &Context<'_>) -> Vec<Endpoint> {
        related(ctx, |data| {
            let mut rows: Vec<Endpoint> = data
                .endpoints
                .values()
                .filter(|e| e.application_id == self.id)
                .cloned()
                .collect();
            rows.sort_by(|a, b| a.created_at.cmp(&b.created_at));
            rows
        })
    }

    async fn triggers(&self, ctx: &Context<'_>) -> Vec<Trigger> {
        related(ctx, |data| {
            let mut rows: Vec<Trigger> = data
                .triggers
                .values()
                .filter(|t| t.application_id == self.id)
                .cloned()
                .collect();
            rows.sort_by(|a, b| a.created_at.cmp(&b.created_at));
            rows
        })
    }

    /// This application's own backend settings (not merged); `null` when it has none.
    async fn backend_settings(&self, ctx: &Context<'_>) -> Option<BackendSettings> {
        related(ctx, |data| {
            super::settings::own_backend(data, &Owner::Application(self.id.to_string()))
        })
    }

    /// This application's own frontend settings (not merged); `null` when it has none.
    async fn frontend_settings(&self, ctx: &Context<'_>) -> Option<FrontendSettings> {
        related(ctx, |data| {
            super::settings::own_frontend(data, &Owner::Application(self.id.to_string()))
        })
    }
}

#[derive(Default)]
pub struct ApplicationQuery;

#[Object]
impl ApplicationQuery {
    /// Applications of every readable tenant with this slug; `projectId` narrows to one
    /// project (tenant slugs are unique only within a project).
    async fn applications(
        &self,
        ctx: &Context<'_>,
        tenant_slug: String,
        project_id: Option<ID>,
        filters: Option<Vec<Filter>>,
        order: Option<Order>,
        pagination: Option<Pagination>,
    ) -> Result<Vec<Application>> {
        read(ctx, |data, caller| {
            let tenants: Vec<&Tenant> = data
                .tenants
                .values()
                .filter(|t| t.slug == tenant_slug)
                .filter(|t| project_id.as_ref().is_none_or(|p| *p == t.project_id))
                .filter(|t| access::can_read(data, caller, &t.project_id))
                .collect();
            if tenants.is_empty() {
                return Err(ApiError::not_found("Tenant"));
            }
            let rows = data
                .applications
                .values()
                .filter(|a| tenants.iter().any(|t| t.id == a.tenant_id))
                .cloned()
                .collect();
            listing::apply(rows, filters, order, pagination)
        })
    }

    async fn application(
        &self,
        ctx: &Context<'_>,
        project_id: ID,
        tenant_id: ID,
        slug: String,
    ) -> Result<Application> {
        read(ctx, |data, caller| {
            let scope = Scope::tenant(data, &tenant_id)?;
            if scope.project != project_id.as_str() {
                return Err(ApiError::not_found("Tenant"));
            }
            access::check(data, caller, &scope, Need::Read)?;
            data.applications
                .values()
                .find(|a| a.tenant_id == tenant_id && a.slug == slug)
                .cloned()
                .ok_or_else(|| ApiError::not_found("Application"))
        })
    }
}

#[derive(InputObject)]
pub struct CreateApplicationInput {
    pub name: String,
    pub slug: String,
    pub description: Option<String>,
    pub version: Option<String>,
}

#[derive(InputObject)]
pub struct UpdateApplicationInput {
    pub name: Option<String>,
    pub slug: Option<String>,
    pub description: MaybeUndefined<String>,
    pub version: MaybeUndefined<String>,
}

#[derive(InputObject)]
pub struct PromoteApplicationInput {
    pub application_id: ID,
    pub target_tenant_id: ID,
    pub slug: String,
    pub name: String,
    pub version: String,
}

#[derive(InputObject)]
pub struct CopyApplicationInput {
    pub source_application_id: ID,
    pub target_tenant_id: ID,
    pub slug: String,
    pub name: String,
    pub version: String,
}

/// The application of that slug in the tenant, other than `except`.
fn with_slug<'a>(
    data: &'a Data,
    tenant: &str,
    slug: &str,
    except: Option<&str>,
) -> Option<&'a Application> {
    data.applications
        .values()
        .find(|a| a.tenant_id.as_str() == tenant && a.slug == slug && Some(a.id.as_str()) != except)
}

fn slug_taken(slug: &str) -> ApiError {
    ApiError::bad_input(
        "input.slug",
        format!("{slug:?} is already the slug of another application of this tenant"),
    )
}

/// Copies the source's endpoints, triggers and own settings onto `target` (an application
/// whose own ones were removed or that is new).
fn copy_contents(data: &mut Data, source: &str, target: &ID, at: &str) {
    let endpoints: Vec<Endpoint> = data
        .endpoints
        .values()
        .filter(|e| e.application_id.as_str() == source)
        .cloned()
        .collect();
    for mut e in endpoints {
        e.id = new_id();
        e.application_id = target.clone();
        (e.created_at, e.updated_at) = (at.to_owned(), at.to_owned());
        data.endpoints.insert(e.id.to_string(), e);
    }
    let triggers: Vec<Trigger> = data
        .triggers
        .values()
        .filter(|t| t.application_id.as_str() == source)
        .cloned()
        .collect();
    for mut t in triggers {
        t.id = new_id();
        t.application_id = target.clone();
        (t.created_at, t.updated_at) = (at.to_owned(), at.to_owned());
        data.triggers.insert(t.id.to_string(), t);
    }
    let from = Owner::Application(source.to_owned());
    let to = Owner::Application(target.to_string());
    if let Some(mut s) = super::settings::own_backend(data, &from) {
        (s.id, s.owner) = (new_id(), to.clone());
        (s.created_at, s.updated_at) = (at.to_owned(), at.to_owned());
        data.backend_settings.insert(s.id.to_string(), s);
    }
    if let Some(mut s) = super::settings::own_frontend(data, &from) {
        (s.id, s.owner) = (new_id(), to);
        (s.created_at, s.updated_at) = (at.to_owned(), at.to_owned());
        data.frontend_settings.insert(s.id.to_string(), s);
    }
}

/// Checks a promote or copy: the source readable, the target tenant writable and in the
/// source's project, the name and slug well formed. Returns the target's scope.
fn check_transfer(
    data: &Data,
    caller: &crate::auth::Caller,
    source: &str,
    source_field: &str,
    target: &str,
    name: &str,
    slug: &str,
) -> ApiResult<(Scope, String, String)> {
    let source_scope = Scope::application(data, source)
        .map_err(|_| ApiError::bad_input(source_field, "no such application"))?;
    access::check(data, caller, &source_scope, Need::Read)?;
    let target_scope = Scope::tenant(data, target)
        .map_err(|_| ApiError::bad_input("input.targetTenantId", "no such tenant"))?;
    if target_scope.project != source_scope.project {
        return Err(ApiError::bad_input(
            "input.targetTenantId",
            "the target tenant belongs to another project",
        ));
    }
    access::check(data, caller, &target_scope, Need::Write)?;
    let name = validate::name("input.name", name)?;
    let slug = validate::slug("input.slug", slug)?;
    Ok((target_scope, name, slug))
}

#[derive(Default)]
pub struct ApplicationMutation;

#[Object]
impl ApplicationMutation {
    async fn create_application(
        &self,
        ctx: &Context<'_>,
        tenant_id: ID,
        input: CreateApplicationInput,
    ) -> Result<Application> {
        write(ctx, |data, caller, origin| {
            let scope = Scope::tenant(data, &tenant_id)?;
            access::check(data, caller, &scope, Need::Write)?;
            let name = validate::name("input.name", &input.name)?;
            let slug = validate::slug("input.slug", &input.slug)?;
            if with_slug(data, &tenant_id, &slug, None).is_some() {
                return Err(slug_taken(&slug));
            }
            let at = now();
            let app = Application {
                id: new_id(),
                tenant_id: tenant_id.clone(),
                name,
                slug,
                description: input.description,
                version: input.version,
                created_at: at.clone(),
                updated_at: at,
            };
            let id = app.id.to_string();
            data.applications.insert(id.clone(), app.clone());
            audit::record(
                data,
                caller,
                origin,
                Entry {
                    project: Some(&scope.project),
                    entity_type: "application",
                    entity_id: &id,
                    action: "create",
                    operation: "createApplication",
                    description: format!("Created application {}", app.name),
                    before: None,
                    after: snapshot(&app),
                },
            );
            Ok(app)
        })
    }

    async fn update_application(
        &self,
        ctx: &Context<'_>,
        id: ID,
        input: UpdateApplicationInput,
    ) -> Result<Application> {
        write(ctx, |data, caller, origin| {
            let scope = Scope::application(data, &id)?;
            access::check(data, caller, &scope, Need::Write)?;
            let name = input
                .name
                .as_deref()
                .map(|n| validate::name("input.name", n))
                .transpose()?;
            let slug = input
                .slug
                .as_deref()
                .map(|s| validate::slug("input.slug", s))
                .transpose()?;
            let tenant = scope.tenant.clone().unwrap_or_default();
            if let Some(slug) = &slug {
                if with_slug(data, &tenant, slug, Some(&id)).is_some() {
                    return Err(slug_taken(slug));
                }
            }
            let row = data.applications.get_mut(&id).expect("checked above");
            let before = snapshot(row);
            if let Some(name) = name {
                row.name = name;
            }
            if let Some(slug) = slug {
                row.slug = slug;
            }
            patch::apply(&mut row.description, input.description);
            patch::apply(&mut row.version, input.version);
            row.updated_at = now();
            let app = row.clone();
            audit::record(
                data,
                caller,
                origin,
                Entry {
                    project: Some(&scope.project),
                    entity_type: "application",
                    entity_id: &id,
                    action: "update",
                    operation: "updateApplication",
                    description: format!("Updated application {}", app.name),
                    before,
                    after: snapshot(&app),
                },
            );
            Ok(app)
        })
    }

    async fn delete_application(&self, ctx: &Context<'_>, id: ID) -> Result<bool> {
        write(ctx, |data, caller, origin| {
            let scope = Scope::application(data, &id)?;
            access::check(data, caller, &scope, Need::Write)?;
            let before = data.applications.get(&id).cloned().expect("checked above");
            cascade::application(data, &id);
            audit::record(
                data,
                caller,
                origin,
                Entry {
                    project: Some(&scope.project),
                    entity_type: "application",
                    entity_id: &id,
                    action: "delete",
                    operation: "deleteApplication",
                    description: format!("Deleted application {}", before.name),
                    before: snapshot(&before),
                    after: None,
                },
            );
            Ok(true)
        })
    }

    /// Promotes a version of an application to another tenant (environment) of its project:
    /// the application with that slug there is brought to the source's endpoints, triggers and
    /// own settings (replacing its own), or created when the tenant has none.
    async fn promote_application(
        &self,
        ctx: &Context<'_>,
        input: PromoteApplicationInput,
    ) -> Result<Application> {
        write(ctx, |data, caller, origin| {
            let source = input.application_id.to_string();
            let (scope, name, slug) = check_transfer(
                data,
                caller,
                &source,
                "input.applicationId",
                &input.target_tenant_id,
                &input.name,
                &input.slug,
            )?;
            let at = now();
            let existing = with_slug(data, &input.target_tenant_id, &slug, None).cloned();
            if existing.as_ref().is_some_and(|e| e.id.as_str() == source) {
                return Err(ApiError::bad_input(
                    "input.targetTenantId",
                    "an application cannot be promoted onto itself",
                ));
            }
            let before = existing.as_ref().and_then(snapshot);
            let app = match existing {
                Some(mut app) => {
                    let id = app.id.to_string();
                    let endpoints: Vec<String> = data
                        .endpoints
                        .values()
                        .filter(|e| e.application_id.as_str() == id)
                        .map(|e| e.id.to_string())
                        .collect();
                    for endpoint in endpoints {
                        cascade::endpoint(data, &endpoint);
                    }
                    data.triggers
                        .remove_where(|t| t.application_id.as_str() == id);
                    let own = Owner::Application(id.clone());
                    data.backend_settings.remove_where(|s| s.owner == own);
                    data.frontend_settings.remove_where(|s| s.owner == own);
                    app.name = name;
                    app.version = Some(input.version);
                    app.description = data
                        .applications
                        .get(&source)
                        .and_then(|s| s.description.clone());
                    app.updated_at = at.clone();
                    app
                }
                None => Application {
                    id: new_id(),
                    tenant_id: input.target_tenant_id.clone(),
                    name,
                    slug,
                    description: data
                        .applications
                        .get(&source)
                        .and_then(|s| s.description.clone()),
                    version: Some(input.version),
                    created_at: at.clone(),
                    updated_at: at.clone(),
                },
            };
            let id = app.id.to_string();
            data.applications.insert(id.clone(), app.clone());
            copy_contents(data, &source, &app.id, &at);
            audit::record(
                data,
                caller,
                origin,
                Entry {
                    project: Some(&scope.project),
                    entity_type: "application",
                    entity_id: &id,
                    action: "promote",
                    operation: "promoteApplication",
                    description: format!(
                        "Promoted application {} version {} from {source}",
                        app.name,
                        app.version.as_deref().unwrap_or_default()
                    ),
                    before,
                    after: snapshot(&app),
                },
            );
            Ok(app)
        })
    }

    /// Copies an application, with its endpoints, triggers and own settings, to a tenant of
    /// its project under a slug that is free there.
    async fn copy_application(
        &self,
        ctx: &Context<'_>,
        input: CopyApplicationInput,
    ) -> Result<Application> {
        write(ctx, |data, caller, origin| {
            let source = input.source_application_id.to_string();
            let (scope, name, slug) = check_transfer(
                data,
                caller,
                &source,
                "input.sourceApplicationId",
                &input.target_tenant_id,
                &input.name,
                &input.slug,
            )?;
            if with_slug(data, &input.target_tenant_id, &slug, None).is_some() {
                return Err(slug_taken(&slug));
            }
            let at = now();
            let app = Application {
                id: new_id(),
                tenant_id: input.target_tenant_id.clone(),
                name,
                slug,
                description: data
                    .applications
                    .get(&source)
                    .and_then(|s| s.description.clone()),
                version: Some(input.version),
                created_at: at.clone(),
                updated_at: at.clone(),
            };
            let id = app.id.to_string();
            data.applications.insert(id.clone(), app.clone());
            copy_contents(data, &source, &app.id, &at);
            audit::record(
                data,
                caller,
                origin,
                Entry {
                    project: Some(&scope.project),
                    entity_type: "application",
                    entity_id: &id,
                    action: "copy",
                    operation: "copyApplication",
                    description: format!("Copied application {source} as {}", app.name),
                    before: None,
                    after: snapshot(&app),
                },
            );
            Ok(app)
        })
    }
}
