//! Users' roles on projects, tenants and applications: the seed's simplified mutations
//! (`addUserToProject`, `updateUserProjectRole`, `removeUserFromProject`, and the same for
//! tenants and applications), the low-level ones it mentions (`createUser2Project`,
//! `updateUser2Project`, `deleteUser2Project`, ...), and the `user2…` queries. The three kinds
//! are one code path over a [`Kind`]. A user has at most one role on one target; changing
//! roles needs the admin role on the target (or above it).

use async_graphql::{Context, InputObject, Object, Result, ID};

use super::{read, related, write};
use crate::access::{self, Need, Scope};
use crate::audit::{self, snapshot, Entry};
use crate::auth::Caller;
use crate::error::{ApiError, ApiResult};
use crate::ids::{new_id, now};
use crate::listing::{self, Field, Filter, Listed, Order, Pagination};
use crate::records::{Application, Project, Role, RoleLink, Tenant, User};
use crate::store::{Data, Table};

impl Listed for RoleLink {
    const FIELDS: &'static [&'static str] = &["id", "user_id", "role", "created_at", "updated_at"];
    fn id(&self) -> &str {
        &self.id
    }
    fn field(&self, name: &str) -> Field {
        match name {
            "id" => Field::exact(&self.id),
            "user_id" => Field::exact(&self.user_id),
            "role" => Field::enumeration(&self.role),
            "created_at" => Field::time(&self.created_at),
            "updated_at" => Field::time(&self.updated_at),
            _ => Field::Null,
        }
    }
}

/// What differs between the three kinds of role link.
struct Kind {
    table: fn(&Data) -> &Table<RoleLink>,
    table_mut: fn(&mut Data) -> &mut Table<RoleLink>,
    scope: fn(&Data, &str) -> ApiResult<Scope>,
    /// The argument naming the target, as the seed spells it (`projectID`).
    target_arg: &'static str,
    entity_type: &'static str,
    /// "Project", for messages.
    noun: &'static str,
}

const PROJECT: Kind = Kind {
    table: |d| &d.user_projects,
    table_mut: |d| &mut d.user_projects,
    scope: Scope::project,
    target_arg: "projectID",
    entity_type: "user_project",
    noun: "Project",
};
const TENANT: Kind = Kind {
    table: |d| &d.user_tenants,
    table_mut: |d| &mut d.user_tenants,
    scope: Scope::tenant,
    target_arg: "tenantID",
    entity_type: "user_tenant",
    noun: "Tenant",
};
const APPLICATION: Kind = Kind {
    table: |d| &d.user_applications,
    table_mut: |d| &mut d.user_applications,
    scope: Scope::application,
    target_arg: "applicationID",
    entity_type: "user_application",
    noun: "Application",
};

macro_rules! link_object {
    ($name:ident, $gql:literal, $target:ident, $target_ty:ty, $table:ident) => {
        /// A user's role on one target.
        pub struct $name(RoleLink);

        #[Object(name = $gql)]
        impl $name {
            async fn id(&self) -> &ID {
                &self.0.id
            }
            async fn role(&self) -> Role {
                self.0.role
            }
            async fn created_at(&self) -> &str {
                &self.0.created_at
            }
            async fn updated_at(&self) -> &str {
                &self.0.updated_at
            }
            async fn user(&self, ctx: &Context<'_>) -> Option<User> {
                related(ctx, |d| d.users.get(&self.0.user_id).cloned())
            }
            async fn $target(&self, ctx: &Context<'_>) -> Option<$target_ty> {
                related(ctx, |d| d.$table.get(&self.0.target_id).cloned())
            }
        }
    };
}

link_object!(User2Project, "User2Project", project, Project, projects);
link_object!(User2Tenant, "User2Tenant", tenant, Tenant, tenants);
link_object!(
    User2Application,
    "User2Application",
    application,
    Application,
    applications
);

fn list(
    data: &Data,
    caller: &Caller,
    kind: &Kind,
    target: &str,
    (filters, order, pagination): (Option<Vec<Filter>>, Option<Order>, Option<Pagination>),
) -> ApiResult<Vec<RoleLink>> {
    access::check(data, caller, &(kind.scope)(data, target)?, Need::Read)?;
    let rows = (kind.table)(data)
        .values()
        .filter(|l| l.target_id.as_str() == target)
        .cloned()
        .collect();
    listing::apply(rows, filters, order, pagination)
}

fn get(data: &Data, caller: &Caller, kind: &Kind, target: &str, id: &str) -> ApiResult<RoleLink> {
    access::check(data, caller, &(kind.scope)(data, target)?, Need::Read)?;
    (kind.table)(data)
        .get(id)
        .filter(|l| l.target_id.as_str() == target)
        .cloned()
        .ok_or_else(|| ApiError::not_found(&format!("User {} relation", kind.noun.to_lowercase())))
}

fn log(
    data: &mut Data,
    caller: &Caller,
    origin: &crate::audit::Origin,
    (kind, scope): (&Kind, &Scope),
    (id, action, operation): (&str, &'static str, &'static str),
    (before, after): (Option<&RoleLink>, Option<&RoleLink>),
) {
    let link = after.or(before).expect("a change has a link");
    let description = format!(
        "{operation}: user {} on {} {}",
        link.user_id.as_str(),
        kind.noun.to_lowercase(),
        link.target_id.as_str()
    );
    audit::record(
        data,
        caller,
        origin,
        Entry {
            project: Some(&scope.project),
            entity_type: kind.entity_type,
            entity_id: id,
            action,
            operation,
            description,
            before: before.and_then(snapshot),
            after: after.and_then(snapshot),
        },
    );
}

fn add(
    data: &mut Data,
    caller: &Caller,
    origin: &crate::audit::Origin,
    kind: &Kind,
    (target, user, role): (&str, &str, Role),
    (prefix, operation): (&str, &'static str),
) -> ApiResult<RoleLink> {
    let scope = (kind.scope)(data, target).map_err(|_| {
        ApiError::bad_input(
            format!("{prefix}{}", kind.target_arg),
            format!("no such {}", kind.noun.to_lowercase()),
        )
    })?;
    access::check(data, caller, &scope, Need::Manage)?;
    if data.users.get(user).is_none() {
        return Err(ApiError::bad_input(
            format!("{prefix}userID"),
            "no such user",
        ));
    }
    if (kind.table)(data)
        .values()
        .any(|l| l.target_id.as_str() == target && l.user_id.as_str() == user)
    {
        return Err(ApiError::bad_input(
            format!("{prefix}userID"),
            format!(
                "the user already has a role on this {}; update it",
                kind.noun.to_lowercase()
            ),
        ));
    }
    let at = now();
    let link = RoleLink {
        id: new_id(),
        user_id: ID(user.to_owned()),
        target_id: ID(target.to_owned()),
        role,
        created_at: at.clone(),
        updated_at: at,
    };
    (kind.table_mut)(data).insert(link.id.to_string(), link.clone());
    let how = (link.id.as_str(), "create", operation);
    log(
        data,
        caller,
        origin,
        (kind, &scope),
        how,
        (None, Some(&link)),
    );
    Ok(link)
}

fn set_role(
    data: &mut Data,
    caller: &Caller,
    origin: &crate::audit::Origin,
    kind: &Kind,
    (id, role): (&str, Role),
    operation: &'static str,
) -> ApiResult<RoleLink> {
    let before = (kind.table)(data).get(id).cloned().ok_or_else(|| {
        ApiError::not_found(&format!("User {} relation", kind.noun.to_lowercase()))
    })?;
    let scope = (kind.scope)(data, &before.target_id)?;
    access::check(data, caller, &scope, Need::Manage)?;
    let mut link = before.clone();
    link.role = role;
    link.updated_at = now();
    (kind.table_mut)(data).insert(id.to_owned(), link.clone());
    let how = (id, "update", operation);
    log(
        data,
        caller,
        origin,
        (kind, &scope),
        how,
        (Some(&before), Some(&link)),
    );
    Ok(link)
}

fn remove(
    data: &mut Data,
    caller: &Caller,
    origin: &crate::audit::Origin,
    kind: &Kind,
    id: &str,
    operation: &'static str,
) -> ApiResult<bool> {
    let before = (kind.table)(data).get(id).cloned().ok_or_else(|| {
        ApiError::not_found(&format!("User {} relation", kind.noun.to_lowercase()))
    })?;
    let scope = (kind.scope)(data, &before.target_id)?;
    access::check(data, caller, &scope, Need::Manage)?;
    (kind.table_mut)(data).remove(id);
    let how = (id, "delete", operation);
    log(
        data,
        caller,
        origin,
        (kind, &scope),
        how,
        (Some(&before), None),
    );
    Ok(true)
}

#[derive(Default)]
pub struct RoleQuery;

#[Object]
impl RoleQuery {
    #[graphql(name = "user2projects")]
    async fn user2projects(
        &self,
        ctx: &Context<'_>,
        project: ID,
        filters: Option<Vec<Filter>>,
        order: Option<Order>,
        pagination: Option<Pagination>,
    ) -> Result<Vec<User2Project>> {
        read(ctx, |d, c| {
            let rows = list(d, c, &PROJECT, &project, (filters, order, pagination))?;
            Ok(rows.into_iter().map(User2Project).collect())
        })
    }

    #[graphql(name = "user2project")]
    async fn user2project(&self, ctx: &Context<'_>, project: ID, id: ID) -> Result<User2Project> {
        read(ctx, |d, c| {
            get(d, c, &PROJECT, &project, &id).map(User2Project)
        })
    }

    #[graphql(name = "user2tenants")]
    async fn user2tenants(
        &self,
        ctx: &Context<'_>,
        tenant: ID,
        filters: Option<Vec<Filter>>,
        order: Option<Order>,
        pagination: Option<Pagination>,
    ) -> Result<Vec<User2Tenant>> {
        read(ctx, |d, c| {
            let rows = list(d, c, &TENANT, &tenant, (filters, order, pagination))?;
            Ok(rows.into_iter().map(User2Tenant).collect())
        })
    }

    #[graphql(name = "user2tenant")]
    async fn user2tenant(&self, ctx: &Context<'_>, tenant: ID, id: ID) -> Result<User2Tenant> {
        read(ctx, |d, c| {
            get(d, c, &TENANT, &tenant, &id).map(User2Tenant)
        })
    }

    #[graphql(name = "user2applications")]
    async fn user2applications(
        &self,
        ctx: &Context<'_>,
        application: ID,
        filters: Option<Vec<Filter>>,
        order: Option<Order>,
        pagination: Option<Pagination>,
    ) -> Result<Vec<User2Application>> {
        read(ctx, |d, c| {
            let rows = list(
                d,
                c,
                &APPLICATION,
                &application,
                (filters, order, pagination),
            )?;
            Ok(rows.into_iter().map(User2Application).collect())
        })
    }

    #[graphql(name = "user2application")]
    async fn user2application(
        &self,
        ctx: &Context<'_>,
        application: ID,
        id: ID,
    ) -> Result<User2Application> {
        read(ctx, |d, c| {
            get(d, c, &APPLICATION, &application, &id).map(User2Application)
        })
    }
}

#[derive(InputObject)]
pub struct CreateUser2ProjectInput {
    #[graphql(name = "userID")]
    pub user_id: ID,
    #[graphql(name = "projectID")]
    pub project_id: ID,
    pub role: Role,
}

#[derive(InputObject)]
pub struct CreateUser2TenantInput {
    #[graphql(name = "userID")]
    pub user_id: ID,
    #[graphql(name = "tenantID")]
    pub tenant_id: ID,
    pub role: Role,
}

#[derive(InputObject)]
pub struct CreateUser2ApplicationInput {
    #[graphql(name = "userID")]
    pub user_id: ID,
    #[graphql(name = "applicationID")]
    pub application_id: ID,
    pub role: Role,
}

/// The role to set on an existing link (all three low-level updates take it).
#[derive(InputObject)]
pub struct UpdateUserRoleInput {
    pub role: Role,
}

#[derive(Default)]
pub struct RoleMutation;

#[Object]
impl RoleMutation {
    #[graphql(name = "addUserToProject")]
    async fn add_user_to_project(
        &self,
        ctx: &Context<'_>,
        #[graphql(name = "projectID")] project_id: ID,
        #[graphql(name = "userID")] user_id: ID,
        role: Role,
    ) -> Result<User2Project> {
        write(ctx, |d, c, o| {
            let how = ("", "addUserToProject");
            add(d, c, o, &PROJECT, (&project_id, &user_id, role), how).map(User2Project)
        })
    }

    #[graphql(name = "updateUserProjectRole")]
    async fn update_user_project_role(
        &self,
        ctx: &Context<'_>,
        id: ID,
        role: Role,
    ) -> Result<User2Project> {
        write(ctx, |d, c, o| {
            set_role(d, c, o, &PROJECT, (&id, role), "updateUserProjectRole").map(User2Project)
        })
    }

    #[graphql(name = "removeUserFromProject")]
    async fn remove_user_from_project(&self, ctx: &Context<'_>, id: ID) -> Result<bool> {
        write(ctx, |d, c, o| {
            remove(d, c, o, &PROJECT, &id, "removeUserFromProject")
        })
    }

    #[graphql(name = "addUserToTenant")]
    async fn add_user_to_tenant(
        &self,
        ctx: &Context<'_>,
        #[graphql(name = "tenantID")] tenant_id: ID,
        #[graphql(name = "userID")] user_id: ID,
        role: Role,
    ) -> Result<User2Tenant> {
        write(ctx, |d, c, o| {
            let how = ("", "addUserToTenant");
            add(d, c, o, &TENANT, (&tenant_id, &user_id, role), how).map(User2Tenant)
        })
    }

    #[graphql(name = "updateUserTenantRole")]
    async fn update_user_tenant_role(
        &self,
        ctx: &Context<'_>,
        id: ID,
        role: Role,
    ) -> Result<User2Tenant> {
        write(ctx, |d, c, o| {
            set_role(d, c, o, &TENANT, (&id, role), "updateUserTenantRole").map(User2Tenant)
        })
    }

    #[graphql(name = "removeUserFromTenant")]
    async fn remove_user_from_tenant(&self, ctx: &Context<'_>, id: ID) -> Result<bool> {
        write(ctx, |d, c, o| {
            remove(d, c, o, &TENANT, &id, "removeUserFromTenant")
        })
    }

    #[graphql(name = "addUserToApplication")]
    async fn add_user_to_application(
        &self,
        ctx: &Context<'_>,
        #[graphql(name = "applicationID")] application_id: ID,
        #[graphql(name = "userID")] user_id: ID,
        role: Role,
    ) -> Result<User2Application> {
        write(ctx, |d, c, o| {
            let how = ("", "addUserToApplication");
            add(
                d,
                c,
                o,
                &APPLICATION,
                (&application_id, &user_id, role),
                how,
            )
            .map(User2Application)
        })
    }

    #[graphql(name = "updateUserApplicationRole")]
    async fn update_user_application_role(
        &self,
        ctx: &Context<'_>,
        id: ID,
        role: Role,
    ) -> Result<User2Application> {
        write(ctx, |d, c, o| {
            set_role(
                d,
                c,
                o,
                &APPLICATION,
                (&id, role),
                "updateUserApplicationRole",
            )
            .map(User2Application)
        })
    }

    #[graphql(name = "removeUserFromApplication")]
    async fn remove_user_from_application(&self, ctx: &Context<'_>, id: ID) -> Result<bool> {
        write(ctx, |d, c, o| {
            remove(d, c, o, &APPLICATION, &id, "removeUserFromApplication")
        })
    }

    #[graphql(name = "createUser2Project")]
    async fn create_user2_project(
        &self,
        ctx: &Context<'_>,
        input: CreateUser2ProjectInput,
    ) -> Result<User2Project> {
        write(ctx, |d, c, o| {
            let how = ("input.", "createUser2Project");
            add(
                d,
                c,
                o,
                &PROJECT,
                (&input.project_id, &input.user_id, input.role),
                how,
            )
            .map(User2Project)
        })
    }

    #[graphql(name = "updateUser2Project")]
    async fn update_user2_project(
        &self,
        ctx: &Context<'_>,
        id: ID,
        input: UpdateUserRoleInput,
    ) -> Result<User2Project> {
        write(ctx, |d, c, o| {
            set_role(d, c, o, &PROJECT, (&id, input.role), "updateUser2Project").map(User2Project)
        })
    }

    #[graphql(name = "deleteUser2Project")]
    async fn delete_user2_project(&self, ctx: &Context<'_>, id: ID) -> Result<bool> {
        write(ctx, |d, c, o| {
            remove(d, c, o, &PROJECT, &id, "deleteUser2Project")
        })
    }

    #[graphql(name = "createUser2Tenant")]
    async fn create_user2_tenant(
        &self,
        ctx: &Context<'_>,
        input: CreateUser2TenantInput,
    ) -> Result<User2Tenant> {
        write(ctx, |d, c, o| {
            let how = ("input.", "createUser2Tenant");
            add(
                d,
                c,
                o,
                &TENANT,
                (&input.tenant_id, &input.user_id, input.role),
                how,
            )
            .map(User2Tenant)
        })
    }

    #[graphql(name = "updateUser2Tenant")]
    async fn update_user2_tenant(
        &self,
        ctx: &Context<'_>,
        id: ID,
        input: UpdateUserRoleInput,
    ) -> Result<User2Tenant> {
        write(ctx, |d, c, o| {
            set_role(d, c, o, &TENANT, (&id, input.role), "updateUser2Tenant").map(User2Tenant)
        })
    }

    #[graphql(name = "deleteUser2Tenant")]
    async fn delete_user2_tenant(&self, ctx: &Context<'_>, id: ID) -> Result<bool> {
        write(ctx, |d, c, o| {
            remove(d, c, o, &TENANT, &id, "deleteUser2Tenant")
        })
    }

    #[graphql(name = "createUser2Application")]
    async fn create_user2_application(
        &self,
        ctx: &Context<'_>,
        input: CreateUser2ApplicationInput,
    ) -> Result<User2Application> {
        write(ctx, |d, c, o| {
            let how = ("input.", "createUser2Application");
            let target = (
                input.application_id.as_str(),
                input.user_id.as_str(),
                input.role,
            );
            add(d, c, o, &APPLICATION, target, how).map(User2Application)
        })
    }

    #[graphql(name = "updateUser2Application")]
    async fn update_user2_application(
        &self,
        ctx: &Context<'_>,
        id: ID,
        input: UpdateUserRoleInput,
    ) -> Result<User2Application> {
        write(ctx, |d, c, o| {
            set_role(
                d,
                c,
                o,
                &APPLICATION,
                (&id, input.role),
                "updateUser2Application",
            )
            .map(User2Application)
        })
    }

    #[graphql(name = "deleteUser2Application")]
    async fn delete_user2_application(&self, ctx: &Context<'_>, id: ID) -> Result<bool> {
        write(ctx, |d, c, o| {
            remove(d, c, o, &APPLICATION, &id, "deleteUser2Application")
        })
    }
}
