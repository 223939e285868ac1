//! Projects: `projects`, `project(slug)`, `createProject`, `updateProject`, `deleteProject`.
//! Project slugs are unique on the server.

use async_graphql::{ComplexObject, Context, InputObject, MaybeUndefined, Object, Result, ID};

use super::{read, related, write};
use crate::access::{self, Need, Scope};
use crate::audit::{self, snapshot, Entry};
use crate::error::ApiError;
use crate::ids::{new_id, now};
use crate::listing::{self, Field, Filter, Listed, Order, Pagination};
use crate::records::{
    BackendSettings, FrontendSettings, LanguagePack, Owner, Project, Role, RoleLink, Tenant,
};
use crate::{cascade, patch, validate};

impl Listed for Project {
    const FIELDS: &'static [&'static str] = &[
        "id",
        "name",
        "slug",
        "description",
        "created_at",
        "updated_at",
    ];
    fn id(&self) -> &str {
        &self.id
    }
    fn field(&self, name: &str) -> Field {
        match name {
            "id" => Field::exact(&self.id),
            "name" => Field::text(&self.name),
            "slug" => Field::exact(&self.slug),
            "description" => Field::opt_text(&self.description),
            "created_at" => Field::time(&self.created_at),
            "updated_at" => Field::time(&self.updated_at),
            _ => Field::Null,
        }
    }
}

#[ComplexObject]
impl Project {
    async fn tenants(&self, ctx: &Context<'_>) -> Vec<Tenant> {
        related(ctx, |data| {
            let mut rows: Vec<Tenant> = data
                .tenants
                .values()
                .filter(|t| t.project_id == self.id)
                .cloned()
                .collect();
            rows.sort_by(|a, b| a.created_at.cmp(&b.created_at));
            rows
        })
    }

    #[graphql(name = "languagePacks")]
    async fn language_packs(&self, ctx: &Context<'_>) -> Vec<LanguagePack> {
        related(ctx, |data| {
            data.language_packs
                .values()
                .filter(|l| l.project_id == self.id)
                .cloned()
                .collect()
        })
    }

    /// This project's own backend settings (not merged); `null` when it has none.
    async fn backend_settings(&self, ctx: &Context<'_>) -> Option<BackendSettings> {
        related(ctx, |data| {
            super::settings::own_backend(data, &Owner::Project(self.id.to_string()))
        })
    }

    /// This project's own frontend settings (not merged); `null` when it has none.
    async fn frontend_settings(&self, ctx: &Context<'_>) -> Option<FrontendSettings> {
        related(ctx, |data| {
            super::settings::own_frontend(data, &Owner::Project(self.id.to_string()))
        })
    }
}

#[derive(Default)]
pub struct ProjectQuery;

#[Object]
impl ProjectQuery {
    /// The projects the caller can read.
    async fn projects(
        &self,
        ctx: &Context<'_>,
        filters: Option<Vec<Filter>>,
        order: Option<Order>,
        pagination: Option<Pagination>,
    ) -> Result<Vec<Project>> {
        read(ctx, |data, caller| {
            let rows = data
                .projects
                .values()
                .filter(|p| access::can_read(data, caller, &p.id))
                .cloned()
                .collect();
            listing::apply(rows, filters, order, pagination)
        })
    }

    async fn project(&self, ctx: &Context<'_>, slug: String) -> Result<Project> {
        read(ctx, |data, caller| {
            let project = data
                .projects
                .values()
                .find(|p| p.slug == slug)
                .ok_or_else(|| ApiError::not_found("Project"))?;
            access::check(
                data,
                caller,
                &Scope::project(data, &project.id)?,
                Need::Read,
            )?;
            Ok(project.clone())
        })
    }
}

#[derive(InputObject)]
pub struct CreateProjectInput {
    pub name: String,
    pub slug: String,
    pub description: Option<String>,
}

#[derive(InputObject)]
pub struct UpdateProjectInput {
    pub name: Option<String>,
    pub slug: Option<String>,
    /// `null` clears the description.
    pub description: MaybeUndefined<String>,
}

/// Refuses a slug another project has.
fn slug_free(data: &crate::store::Data, slug: &str, except: Option<&str>) -> Result<(), ApiError> {
    let taken = data
        .projects
        .values()
        .any(|p| p.slug == slug && Some(p.id.as_str()) != except);
    if taken {
        return Err(ApiError::bad_input(
            "input.slug",
            format!("{slug:?} is already the slug of another project"),
        ));
    }
    Ok(())
}

#[derive(Default)]
pub struct ProjectMutation;

#[Object]
impl ProjectMutation {
    /// Creates a project; its creator becomes its admin.
    async fn create_project(
        &self,
        ctx: &Context<'_>,
        input: CreateProjectInput,
    ) -> Result<Project> {
        write(ctx, |data, caller, origin| {
            let user = caller.user()?.to_owned();
            let name = validate::name("input.name", &input.name)?;
            let slug = validate::slug("input.slug", &input.slug)?;
            slug_free(data, &slug, None)?;
            let at = now();
            let project = Project {
                id: new_id(),
                name,
                slug,
                description: input.description,
                created_at: at.clone(),
                updated_at: at.clone(),
            };
            let id = project.id.to_string();
            data.projects.insert(id.clone(), project.clone());
            let link = RoleLink {
                id: new_id(),
                user_id: ID(user),
                target_id: project.id.clone(),
                role: Role::Admin,
                created_at: at.clone(),
                updated_at: at,
            };
            data.user_projects.insert(link.id.to_string(), link);
            audit::record(
                data,
                caller,
                origin,
                Entry {
                    project: Some(&id),
                    entity_type: "project",
                    entity_id: &id,
                    action: "create",
                    operation: "createProject",
                    description: format!("Created project {}", project.name),
                    before: None,
                    after: snapshot(&project),
                },
            );
            Ok(project)
        })
    }

    async fn update_project(
        &self,
        ctx: &Context<'_>,
        id: ID,
        input: UpdateProjectInput,
    ) -> Result<Project> {
        write(ctx, |data, caller, origin| {
            access::check(data, caller, &Scope::project(data, &id)?, Need::Write)?;
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
                slug_free(data, slug, Some(&id))?;
            }
            let row = data.projects.get_mut(&id).expect("checked above");
            let before = snapshot(row);
            if let Some(name) = name {
                row.name = name;
            }
            if let Some(slug) = slug {
                row.slug = slug;
            }
            patch::apply(&mut row.description, input.description);
            row.updated_at = now();
            let project = row.clone();
            audit::record(
                data,
                caller,
                origin,
                Entry {
                    project: Some(&id),
                    entity_type: "project",
                    entity_id: &id,
                    action: "update",
                    operation: "updateProject",
                    description: format!("Updated project {}", project.name),
                    before,
                    after: snapshot(&project),
                },
            );
            Ok(project)
        })
    }

    /// Deletes a project and everything in it (admins of the project only).
    async fn delete_project(&self, ctx: &Context<'_>, id: ID) -> Result<bool> {
        write(ctx, |data, caller, origin| {
            access::check(data, caller, &Scope::project(data, &id)?, Need::Manage)?;
            let before = data.projects.get(&id).cloned().expect("checked above");
            cascade::project(data, &id);
            audit::record(
                data,
                caller,
                origin,
                Entry {
                    project: Some(&id),
                    entity_type: "project",
                    entity_id: &id,
                    action: "delete",
                    operation: "deleteProject",
                    description: format!("Deleted project {}", before.name),
                    before: snapshot(&before),
                    after: None,
                },
            );
            Ok(true)
        })
    }
}
