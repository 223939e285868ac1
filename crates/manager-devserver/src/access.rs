//! What a caller may do. Manager administrators do anything. A user's role on a project, a
//! tenant or an application holds for everything below it; the highest role on the chain
//! counts: viewers read, editors also write, admins also manage roles and delete the project.
//! Any role anywhere in a project lets a user read that project. Machine users read their own
//! tenant's project and write nothing through GraphQL.

use crate::auth::Caller;
use crate::error::{ApiError, ApiResult};
use crate::records::Role;
use crate::store::Data;

/// Where a record sits: its project, and its tenant and application when it has them.
#[derive(Debug, Clone, Default)]
pub struct Scope {
    pub project: String,
    pub tenant: Option<String>,
    pub application: Option<String>,
}

#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub enum Need {
    Read,
    Write,
    Manage,
}

impl Scope {
    pub fn project(data: &Data, id: &str) -> ApiResult<Scope> {
        data.projects
            .get(id)
            .ok_or_else(|| ApiError::not_found("Project"))?;
        Ok(Scope {
            project: id.to_owned(),
            ..Scope::default()
        })
    }

    pub fn tenant(data: &Data, id: &str) -> ApiResult<Scope> {
        let tenant = data
            .tenants
            .get(id)
            .ok_or_else(|| ApiError::not_found("Tenant"))?;
        Ok(Scope {
            project: tenant.project_id.to_string(),
            tenant: Some(id.to_owned()),
            application: None,
        })
    }

    pub fn application(data: &Data, id: &str) -> ApiResult<Scope> {
        let app = data
            .applications
            .get(id)
            .ok_or_else(|| ApiError::not_found("Application"))?;
        let mut scope = Scope::tenant(data, &app.tenant_id)?;
        scope.application = Some(id.to_owned());
        Ok(scope)
    }
}

/// The project a tenant belongs to, if the tenant exists.
pub fn project_of_tenant(data: &Data, tenant: &str) -> Option<String> {
    data.tenants.get(tenant).map(|t| t.project_id.to_string())
}

/// The highest role the user holds on the scope's chain.
fn role_on(data: &Data, user: &str, scope: &Scope) -> Option<Role> {
    let project = data
        .user_projects
        .values()
        .filter(|l| l.user_id.as_str() == user && l.target_id.as_str() == scope.project);
    let tenant = data.user_tenants.values().filter(|l| {
        l.user_id.as_str() == user && Some(l.target_id.as_str()) == scope.tenant.as_deref()
    });
    let app = data.user_applications.values().filter(|l| {
        l.user_id.as_str() == user && Some(l.target_id.as_str()) == scope.application.as_deref()
    });
    project.chain(tenant).chain(app).map(|l| l.role).max()
}

/// Does the user hold any role in the project (on it, or on one of its tenants or apps)?
fn member_of(data: &Data, user: &str, project: &str) -> bool {
    let mine = |l: &&crate::records::RoleLink| l.user_id.as_str() == user;
    data.user_projects
        .values()
        .filter(mine)
        .any(|l| l.target_id.as_str() == project)
        || data
            .user_tenants
            .values()
            .filter(mine)
            .any(|l| project_of_tenant(data, &l.target_id).as_deref() == Some(project))
        || data.user_applications.values().filter(mine).any(|l| {
            data.applications
                .get(&l.target_id)
                .and_then(|a| project_of_tenant(data, &a.tenant_id))
                .as_deref()
                == Some(project)
        })
}

/// May the caller read anything of this project? (Lists leave out what this refuses.)
pub fn can_read(data: &Data, caller: &Caller, project: &str) -> bool {
    match caller {
        Caller::User { admin: true, .. } => true,
        Caller::User { id, .. } => member_of(data, id, project),
        Caller::Machine { tenant_id, .. } => {
            project_of_tenant(data, tenant_id).as_deref() == Some(project)
        }
    }
}

/// Refuses with `FORBIDDEN` unless the caller may do `need` at `scope`.
pub fn check(data: &Data, caller: &Caller, scope: &Scope, need: Need) -> ApiResult<()> {
    let allowed = match (caller, need) {
        (Caller::User { admin: true, .. }, _) => true,
        (_, Need::Read) => can_read(data, caller, &scope.project),
        (Caller::Machine { .. }, _) => false,
        (Caller::User { id, .. }, Need::Write) => {
            role_on(data, id, scope).is_some_and(|r| r >= Role::Editor)
        }
        (Caller::User { id, .. }, Need::Manage) => role_on(data, id, scope) == Some(Role::Admin),
    };
    if allowed {
        return Ok(());
    }
    let what = match need {
        Need::Read => "read",
        Need::Write => "change",
        Need::Manage => "manage",
    };
    Err(ApiError::forbidden(format!(
        "Insufficient permissions to {what} this in project {}",
        scope.project
    )))
}
