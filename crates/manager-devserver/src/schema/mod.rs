//! The Manager's GraphQL schema: one module per domain of the seed, each with its queries,
//! mutations and the relations of its objects, merged into one `Query` and one `Mutation`.

mod applications;
mod audit_logs;
mod endpoints;
mod language_packs;
mod machine_users;
mod pilets;
mod projects;
mod roles;
mod settings;
mod tenants;
mod tokens;
mod triggers;
mod users;

use std::sync::Arc;

use async_graphql::{Context, EmptySubscription, MergedObject, Schema};

use crate::audit::Origin;
use crate::auth::Caller;
use crate::error::{ApiError, ApiResult};
use crate::store::{Data, Store};

pub use settings::settings_of_application;

pub type ManagerSchema = Schema<Query, Mutation, EmptySubscription>;

#[derive(MergedObject, Default)]
pub struct Query(
    projects::ProjectQuery,
    tenants::TenantQuery,
    applications::ApplicationQuery,
    settings::SettingsQuery,
    endpoints::EndpointQuery,
    triggers::TriggerQuery,
    machine_users::MachineUserQuery,
    language_packs::LanguagePackQuery,
    tokens::TokenQuery,
    users::UserQuery,
    roles::RoleQuery,
    audit_logs::AuditLogQuery,
    pilets::PiletQuery,
);

#[derive(MergedObject, Default)]
pub struct Mutation(
    projects::ProjectMutation,
    tenants::TenantMutation,
    applications::ApplicationMutation,
    settings::SettingsMutation,
    endpoints::EndpointMutation,
    triggers::TriggerMutation,
    machine_users::MachineUserMutation,
    language_packs::LanguagePackMutation,
    tokens::TokenMutation,
    roles::RoleMutation,
    pilets::PiletMutation,
);

pub fn build(store: Arc<Store>) -> ManagerSchema {
    Schema::build(Query::default(), Mutation::default(), EmptySubscription)
        .data(store)
        .finish()
}

/// What the HTTP handler learned about a request before running it.
pub struct Request {
    /// `Ok(None)`: no credentials; `Err`: credentials that are not valid.
    pub caller: ApiResult<Option<Caller>>,
    pub origin: Origin,
}

pub(crate) fn request<'a>(ctx: &Context<'a>) -> &'a Request {
    ctx.data_unchecked::<Request>()
}

fn store<'a>(ctx: &Context<'a>) -> &'a Arc<Store> {
    ctx.data_unchecked::<Arc<Store>>()
}

/// The caller, or `UNAUTHENTICATED`.
fn caller(ctx: &Context<'_>) -> ApiResult<Caller> {
    match &request(ctx).caller {
        Ok(Some(c)) => Ok(c.clone()),
        Ok(None) => Err(ApiError::unauthenticated(
            "Authentication required: send Authorization: Bearer <token> or Basic credentials",
        )),
        Err(e) => Err(e.clone()),
    }
}

/// Runs a query: authenticated, on the data as it is now.
fn read<T>(
    ctx: &Context<'_>,
    f: impl FnOnce(&Data, &Caller) -> ApiResult<T>,
) -> async_graphql::Result<T> {
    let caller = caller(ctx).map_err(ApiError::into_graphql)?;
    let data = store(ctx).lock();
    f(&data, &caller).map_err(ApiError::into_graphql)
}

/// Runs a mutation: authenticated, under the data's lock, so that its checks and its writes see
/// the same data. Every mutation checks all its input before it changes anything, so an error
/// leaves the data as it was.
fn write<T>(
    ctx: &Context<'_>,
    f: impl FnOnce(&mut Data, &Caller, &Origin) -> ApiResult<T>,
) -> async_graphql::Result<T> {
    let caller = caller(ctx).map_err(ApiError::into_graphql)?;
    let origin = &request(ctx).origin;
    let mut data = store(ctx).lock();
    f(&mut data, &caller, origin).map_err(ApiError::into_graphql)
}

/// Resolves a relation of an object the caller was already allowed to read.
fn related<T>(ctx: &Context<'_>, f: impl FnOnce(&Data) -> T) -> T {
    f(&store(ctx).lock())
}
