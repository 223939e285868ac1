//! Tenants (a project's environments): `tenants(projectSlug)`, `tenant(projectId, slug)`,
//! `createTenant`, `updateTenant`, `deleteTenant`. Tenant slugs are unique within a project.

use async_graphql::{ComplexObject, Context, InputObject, MaybeUndefined, Object, Result, ID};

use super::{read, related, write};
use crate::access::{self, Need, Scope};
use crate::audit::{self, snapshot, Entry};
use crate::error::ApiError;
use crate::ids::{new_id, now};
use crate::listing::{self, Field, Filter, Listed, Order, Pagination};
use crate::records::{
    Application, BackendSettings, FrontendSettings, Owner, Project, Tenant, TenantType,
};
use crate::store::Data;
use crate::{cascade, patch, validate};

impl Listed for Tenant {
    const FIELDS: &'static [&'static str] = &[
        "id",
        "project_id",
        "name",
        "slug",
        "description",
        "type",
        "created_at",
        "updated_at",
    ];
    fn id(&self) -> &str {
        &self.id
    }
    fn field(&self, name: &str) -> Field {
        match name {
            "id" => Field::exact(&self.id),
            "project_id" => Field::exact(&self.project_id),
            "name" => Field::text(&self.name),
            "slug" => Field::exact(&self.slug),
            "description" => Field::opt_text(&self.description),
            "type" => Field::enumeration(&self.kind),
            "created_at" => Field::time(&self.created_at),
            "updated_at" => Field::time(&self.updated_at),
            _ => Field::Null,
        }
    }
}

#[ComplexObject]
impl Tenant {
    async fn project(&self, ctx: &Context<'_>) -> Option<Project> {
        related(ctx, |data| data.projects.get(&self.project_id).cloned())
    }

    async fn applications(&self, ctx: &Context<'_>) -> Vec<Application> {
        related(ctx, |data| {
            let mut rows: Vec<Application> = data
                .applications
                .values()
                .filter(|a| a.tenant_id == self.id)
                .cloned()
                .collect();
            rows.sort_by(|a, b| a.created_at.cmp(&b.created_at));
            rows
        })
    }

    /// This tenant's own backend settings (not merged); `null` when it has none.
    async fn backend_settings(&self, ctx: &Context<'_>) -> Option<BackendSettings> {
        related(ctx, |data| {
            super::settings::own_backend(data, &Owner::Tenant(self.id.to_string()))
        })
    }

    /// This tenant's own frontend settings (not merged); `null` when it has none.
    async fn frontend_settings(&self, ctx: &Context<'_>) -> Option<FrontendSettings> {
        related(ctx, |data| {
            super::settings::own_frontend(data, &Owner::Tenant(self.id.to_string()))
        })
    }
}

#[derive(Default)]
pub struct TenantQuery;

#[Object]
impl TenantQuery {
    async fn tenants(
        &self,
        ctx: &Context<'_>,
        project_slug: String,
        filters: Option<Vec<Filter>>,
        order: Option<Order>,
        pagination: Option<Pagination>,
    ) -> Result<Vec<Tenant>> {
        read(ctx, |data, caller| {
            let project = data
                .projects
                .values()
                .find(|p| p.slug == project_slug)
                .ok_or_else(|| ApiError::not_found("Project"))?;
            access::check(
                data,
                caller,
                &Scope::project(data, &project.id)?,
                Need::Read,
            )?;
            let rows = data
                .tenants
                .values()
                .filter(|t| t.project_id == project.id)
                .cloned()
                .collect();
            listing::apply(rows, filters, order, pagination)
        })
    }

    async fn tenant(&self, ctx: &Context<'_>, project_id: ID, slug: String) -> Result<Tenant> {
        read(ctx, |data, caller| {
            access::check(
                data,
                caller,
                &Scope::project(data, &project_id)?,
                Need::Read,
            )?;
            data.tenants
                .values()
                .find(|t| t.project_id == project_id && t.slug == slug)
                .cloned()
                .ok_or_else(|| ApiError::not_found("Tenant"))
        })
    }
}

#[derive(InputObject)]
pub struct CreateTenantInput {
    pub name: String,
    pub slug: String,
    pub description: Option<String>,
    /// `dev` when not given.
    #[graphql(name = "type")]
    pub kind: Option<TenantType>,
}

#[derive(InputObject)]
pub struct UpdateTenantInput {
    pub name: Option<String>,
    pub slug: Option<String>,
    pub description: MaybeUndefined<String>,
    #[graphql(name = "type")]
    pub kind: Option<TenantType>,
}

fn slug_free(data: &Data, project: &str, slug: &str, except: Option<&str>) -> Result<(), ApiError> {
    let taken = data.tenants.values().any(|t| {
        t.project_id.as_str() == project && t.slug == slug && Some(t.id.as_str()) != except
    });
    if taken {
        return Err(ApiError::bad_input(
            "input.slug",
            format!("{slug:?} is already the slug of another tenant of this project"),
        ));
    }
    Ok(())
}

#[derive(Default)]
pub struct TenantMutation;

#[Object]
impl TenantMutation {
    async fn create_tenant(
        &self,
        ctx: &Context<'_>,
        project_id: ID,
        input: CreateTenantInput,
    ) -> Result<Tenant> {
        write(ctx, |data, caller, origin| {
            access::check(
                data,
                caller,
                &Scope::project(data, &project_id)?,
                Need::Write,
            )?;
            let name = validate::name("input.name", &input.name)?;
            let slug = validate::slug("input.slug", &input.slug)?;
            slug_free(data, &project_id, &slug, None)?;
            let at = now();
            let tenant = Tenant {
                id: new_id(),
                project_id: project_id.clone(),
                name,
                slug,
                description: input.description,
                kind: input.kind.unwrap_or(TenantType::Dev),
                created_at: at.clone(),
                updated_at: at,
            };
            let id = tenant.id.to_string();
            data.tenants.insert(id.clone(), tenant.clone());
            audit::record(
                data,
                caller,
                origin,
                Entry {
                    project: Some(&project_id),
                    entity_type: "tenant",
                    entity_id: &id,
                    action: "create",
                    operation: "createTenant",
                    description: format!("Created tenant {}", tenant.name),
                    before: None,
                    after: snapshot(&tenant),
                },
            );
            Ok(tenant)
        })
    }

    async fn update_tenant(
        &self,
        ctx: &Context<'_>,
        id: ID,
        input: UpdateTenantInput,
    ) -> Result<Tenant> {
        write(ctx, |data, caller, origin| {
            let scope = Scope::tenant(data, &id)?;
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
            if let Some(slug) = &slug {
                slug_free(data, &scope.project, slug, Some(&id))?;
            }
            let row = data.tenants.get_mut(&id).expect("checked above");
            let before = snapshot(row);
            if let Some(name) = name {
                row.name = name;
            }
            if let Some(slug) = slug {
                row.slug = slug;
            }
            patch::apply(&mut row.description, input.description);
            if let Some(kind) = input.kind {
                row.kind = kind;
            }
            row.updated_at = now();
            let tenant = row.clone();
            audit::record(
                data,
                caller,
                origin,
                Entry {
                    project: Some(&scope.project),
                    entity_type: "tenant",
                    entity_id: &id,
                    action: "update",
                    operation: "updateTenant",
                    description: format!("Updated tenant {}", tenant.name),
                    before,
                    after: snapshot(&tenant),
                },
            );
            Ok(tenant)
        })
    }

    /// Deletes a tenant with its applications and machine users.
    async fn delete_tenant(&self, ctx: &Context<'_>, id: ID) -> Result<bool> {
        write(ctx, |data, caller, origin| {
            let scope = Scope::tenant(data, &id)?;
            access::check(data, caller, &scope, Need::Write)?;
            let before = data.tenants.get(&id).cloned().expect("checked above");
            cascade::tenant(data, &id);
            audit::record(
                data,
                caller,
                origin,
                Entry {
                    project: Some(&scope.project),
                    entity_type: "tenant",
                    entity_id: &id,
                    action: "delete",
                    operation: "deleteTenant",
                    description: format!("Deleted tenant {}", before.name),
                    before: snapshot(&before),
                    after: None,
                },
            );
            Ok(true)
        })
    }
}
