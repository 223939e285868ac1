//! Machine users of a tenant (service accounts) and their access to endpoints:
//! `machineUsers(tenant)`, `createMachineUserWithCredentials`, `updateMachineUser`,
//! `deleteMachineUser`, `machineUser2endpoints(endpoint)`, `machineUser2endpoint`,
//! `createMachineUser2Endpoint`, `updateMachineUser2Endpoint`, `deleteMachineUser2Endpoint`.
//!
//! Usernames are unique on the server (basic auth and `/api/validate-machine-user` carry only
//! the username). `hashedKey: "__GENERATE_TOKEN__"` makes a bearer token, returned once as
//! `generatedToken`; any other `hashedKey` is the hex SHA-256 of a password for basic auth.

use async_graphql::{
    ComplexObject, Context, InputObject, MaybeUndefined, Object, Result, SimpleObject, ID,
};

use super::{read, related, write};
use crate::access::{self, Need, Scope};
use crate::audit::{self, snapshot, Entry};
use crate::error::{ApiError, ApiResult};
use crate::ids::{new_id, now};
use crate::listing::{self, Field, Filter, Listed, Order, Pagination};
use crate::records::{Endpoint, KeyKind, MachineUser, MachineUser2Endpoint, Tenant};
use crate::secret::{self, MACHINE_PREFIX};
use crate::store::Data;
use crate::{cascade, patch, validate};

/// The `hashedKey` that asks for a generated token.
pub const GENERATE_TOKEN: &str = "__GENERATE_TOKEN__";

impl Listed for MachineUser {
    const FIELDS: &'static [&'static str] = &[
        "id",
        "tenant_id",
        "name",
        "description",
        "username",
        "enabled",
        "token_prefix",
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
            "description" => Field::opt_text(&self.description),
            "username" => Field::text(&self.username),
            "enabled" => Field::Bool(self.enabled),
            "token_prefix" => Field::opt_text(&self.token_prefix),
            "created_at" => Field::time(&self.created_at),
            "updated_at" => Field::time(&self.updated_at),
            _ => Field::Null,
        }
    }
}

impl Listed for MachineUser2Endpoint {
    const FIELDS: &'static [&'static str] = &[
        "id",
        "machine_user_id",
        "endpoint_id",
        "enabled",
        "created_at",
        "updated_at",
    ];
    fn id(&self) -> &str {
        &self.id
    }
    fn field(&self, name: &str) -> Field {
        match name {
            "id" => Field::exact(&self.id),
            "machine_user_id" => Field::exact(&self.machine_user_id),
            "endpoint_id" => Field::exact(&self.endpoint_id),
            "enabled" => Field::Bool(self.enabled),
            "created_at" => Field::time(&self.created_at),
            "updated_at" => Field::time(&self.updated_at),
            _ => Field::Null,
        }
    }
}

#[ComplexObject]
impl MachineUser {
    async fn tenant(&self, ctx: &Context<'_>) -> Option<Tenant> {
        related(ctx, |data| data.tenants.get(&self.tenant_id).cloned())
    }
}

#[ComplexObject]
impl MachineUser2Endpoint {
    #[graphql(name = "machineUser")]
    async fn machine_user(&self, ctx: &Context<'_>) -> Option<MachineUser> {
        related(ctx, |data| {
            data.machine_users.get(&self.machine_user_id).cloned()
        })
    }

    async fn endpoint(&self, ctx: &Context<'_>) -> Option<Endpoint> {
        related(ctx, |data| data.endpoints.get(&self.endpoint_id).cloned())
    }
}

#[derive(SimpleObject)]
pub struct MachineUserWithCredentials {
    /// The plaintext token, only here and only once; `null` when a password hash was given.
    pub generated_token: Option<String>,
    pub machine_user: MachineUser,
}

#[derive(Default)]
pub struct MachineUserQuery;

#[Object]
impl MachineUserQuery {
    async fn machine_users(
        &self,
        ctx: &Context<'_>,
        tenant: ID,
        filters: Option<Vec<Filter>>,
        order: Option<Order>,
        pagination: Option<Pagination>,
    ) -> Result<Vec<MachineUser>> {
        read(ctx, |data, caller| {
            access::check(data, caller, &Scope::tenant(data, &tenant)?, Need::Read)?;
            let rows = data
                .machine_users
                .values()
                .filter(|m| m.tenant_id == tenant)
                .cloned()
                .collect();
            listing::apply(rows, filters, order, pagination)
        })
    }

    #[graphql(name = "machineUser2endpoints")]
    async fn machine_user2endpoints(
        &self,
        ctx: &Context<'_>,
        endpoint: ID,
        filters: Option<Vec<Filter>>,
        order: Option<Order>,
        pagination: Option<Pagination>,
    ) -> Result<Vec<MachineUser2Endpoint>> {
        read(ctx, |data, caller| {
            access::check(data, caller, &endpoint_scope(data, &endpoint)?, Need::Read)?;
            let rows = data
                .machine_user_endpoints
                .values()
                .filter(|r| r.endpoint_id == endpoint)
                .cloned()
                .collect();
            listing::apply(rows, filters, order, pagination)
        })
    }

    #[graphql(name = "machineUser2endpoint")]
    async fn machine_user2endpoint(
        &self,
        ctx: &Context<'_>,
        endpoint: ID,
        id: ID,
    ) -> Result<MachineUser2Endpoint> {
        read(ctx, |data, caller| {
            access::check(data, caller, &endpoint_scope(data, &endpoint)?, Need::Read)?;
            data.machine_user_endpoints
                .get(&id)
                .filter(|r| r.endpoint_id == endpoint)
                .cloned()
                .ok_or_else(|| ApiError::not_found("Machine user endpoint relation"))
        })
    }
}

fn endpoint_scope(data: &Data, endpoint: &str) -> ApiResult<Scope> {
    let e = data
        .endpoints
        .get(endpoint)
        .ok_or_else(|| ApiError::not_found("Endpoint"))?;
    Scope::application(data, &e.application_id)
}

#[derive(InputObject)]
pub struct CreateMachineUserInput {
    pub name: String,
    pub description: Option<String>,
    pub username: String,
    /// `"__GENERATE_TOKEN__"`, or the hex SHA-256 of a password.
    pub hashed_key: String,
    /// `true` when not given.
    pub enabled: Option<bool>,
}

#[derive(InputObject)]
pub struct UpdateMachineUserInput {
    pub name: Option<String>,
    pub description: MaybeUndefined<String>,
    pub enabled: Option<bool>,
}

#[derive(InputObject)]
pub struct CreateMachineUser2EndpointInput {
    #[graphql(name = "machineUserID")]
    pub machine_user_id: ID,
    #[graphql(name = "endpointID")]
    pub endpoint_id: ID,
    /// `true` when not given.
    pub enabled: Option<bool>,
}

#[derive(InputObject)]
pub struct UpdateMachineUser2EndpointInput {
    pub enabled: Option<bool>,
}

/// A username: like a slug, but `.` and `_` are allowed too.
fn username(value: &str) -> ApiResult<String> {
    let ok = !value.is_empty()
        && value.len() <= 64
        && value
            .bytes()
            .all(|b| b.is_ascii_lowercase() || b.is_ascii_digit() || b"-_.".contains(&b));
    if !ok {
        return Err(ApiError::bad_input(
            "input.username",
            format!("{value:?} is not a username (1 to 64 of a-z, 0-9, '-', '_' and '.')"),
        ));
    }
    Ok(value.to_owned())
}

fn log(
    data: &mut Data,
    caller: &crate::auth::Caller,
    origin: &crate::audit::Origin,
    scope: &Scope,
    (entity_type, id, action, operation): (&'static str, &str, &'static str, &'static str),
    (before, after): (Option<serde_json::Value>, Option<serde_json::Value>),
) {
    audit::record(
        data,
        caller,
        origin,
        Entry {
            project: Some(&scope.project),
            entity_type,
            entity_id: id,
            action,
            operation,
            description: format!("{operation} {id}"),
            before,
            after,
        },
    );
}

#[derive(Default)]
pub struct MachineUserMutation;

#[Object]
impl MachineUserMutation {
    async fn create_machine_user_with_credentials(
        &self,
        ctx: &Context<'_>,
        tenant_id: ID,
        input: CreateMachineUserInput,
    ) -> Result<MachineUserWithCredentials> {
        write(ctx, |data, caller, origin| {
            let scope = Scope::tenant(data, &tenant_id)?;
            access::check(data, caller, &scope, Need::Write)?;
            let name = validate::name("input.name", &input.name)?;
            let username = username(&input.username)?;
            if data.machine_users.values().any(|m| m.username == username) {
                return Err(ApiError::bad_input(
                    "input.username",
                    format!("{username:?} is already taken by another machine user"),
                ));
            }
            let (token, kind, hash) = if input.hashed_key == GENERATE_TOKEN {
                let token = secret::token(MACHINE_PREFIX, &mut rand::rng());
                let hash = secret::hash(&token);
                (Some(token), KeyKind::Token, hash)
            } else if secret::is_hex_sha256(&input.hashed_key) {
                (
                    None,
                    KeyKind::Password,
                    input.hashed_key.to_ascii_lowercase(),
                )
            } else {
                return Err(ApiError::bad_input(
                    "input.hashedKey",
                    format!("expected {GENERATE_TOKEN:?} or the hex SHA-256 of a password"),
                ));
            };
            let at = now();
            let row = MachineUser {
                id: new_id(),
                tenant_id: tenant_id.clone(),
                name,
                description: input.description,
                username,
                enabled: input.enabled.unwrap_or(true),
                token_prefix: token.as_deref().map(secret::prefix_of),
                key_kind: kind,
                key_hash: hash,
                created_at: at.clone(),
                updated_at: at,
            };
            data.machine_users.insert(row.id.to_string(), row.clone());
            let how = (
                "machine_user",
                row.id.as_str(),
                "create",
                "createMachineUserWithCredentials",
            );
            log(data, caller, origin, &scope, how, (None, snapshot(&row)));
            Ok(MachineUserWithCredentials {
                generated_token: token,
                machine_user: row,
            })
        })
    }

    async fn update_machine_user(
        &self,
        ctx: &Context<'_>,
        id: ID,
        input: UpdateMachineUserInput,
    ) -> Result<MachineUser> {
        write(ctx, |data, caller, origin| {
            let before = data
                .machine_users
                .get(&id)
                .cloned()
                .ok_or_else(|| ApiError::not_found("Machine user"))?;
            let scope = Scope::tenant(data, &before.tenant_id)?;
            access::check(data, caller, &scope, Need::Write)?;
            let mut row = before.clone();
            if let Some(n) = &input.name {
                row.name = validate::name("input.name", n)?;
            }
            patch::apply(&mut row.description, input.description);
            if let Some(e) = input.enabled {
                row.enabled = e;
            }
            row.updated_at = now();
            data.machine_users.insert(id.to_string(), row.clone());
            let how = ("machine_user", id.as_str(), "update", "updateMachineUser");
            log(
                data,
                caller,
                origin,
                &scope,
                how,
                (snapshot(&before), snapshot(&row)),
            );
            Ok(row)
        })
    }

    async fn delete_machine_user(&self, ctx: &Context<'_>, id: ID) -> Result<bool> {
        write(ctx, |data, caller, origin| {
            let before = data
                .machine_users
                .get(&id)
                .cloned()
                .ok_or_else(|| ApiError::not_found("Machine user"))?;
            let scope = Scope::tenant(data, &before.tenant_id)?;
            access::check(data, caller, &scope, Need::Write)?;
            cascade::machine_user(data, &id);
            let how = ("machine_user", id.as_str(), "delete", "deleteMachineUser");
            log(data, caller, origin, &scope, how, (snapshot(&before), None));
            Ok(true)
        })
    }

    /// Lets a machine user call an endpoint of an application in its own tenant.
    #[graphql(name = "createMachineUser2Endpoint")]
    async fn create_machine_user2_endpoint(
        &self,
        ctx: &Context<'_>,
        input: CreateMachineUser2EndpointInput,
    ) -> Result<MachineUser2Endpoint> {
        write(ctx, |data, caller, origin| {
            let machine = data
                .machine_users
                .get(&input.machine_user_id)
                .cloned()
                .ok_or_else(|| {
                    ApiError::bad_input("input.machineUserID", "no such machine user")
                })?;
            let scope = endpoint_scope(data, &input.endpoint_id)
                .map_err(|_| ApiError::bad_input("input.endpointID", "no such endpoint"))?;
            access::check(data, caller, &scope, Need::Write)?;
            if scope.tenant.as_deref() != Some(machine.tenant_id.as_str()) {
                return Err(ApiError::bad_input(
                    "input.endpointID",
                    "the endpoint is not in the machine user's tenant",
                ));
            }
            let exists = data.machine_user_endpoints.values().any(|r| {
                r.machine_user_id == input.machine_user_id && r.endpoint_id == input.endpoint_id
            });
            if exists {
                return Err(ApiError::bad_input(
                    "input.endpointID",
                    "this machine user already has a relation to this endpoint",
                ));
            }
            let at = now();
            let row = MachineUser2Endpoint {
                id: new_id(),
                machine_user_id: input.machine_user_id,
                endpoint_id: input.endpoint_id,
                enabled: input.enabled.unwrap_or(true),
                created_at: at.clone(),
                updated_at: at,
            };
            data.machine_user_endpoints
                .insert(row.id.to_string(), row.clone());
            let how = (
                "machine_user_endpoint",
                row.id.as_str(),
                "create",
                "createMachineUser2Endpoint",
            );
            log(data, caller, origin, &scope, how, (None, snapshot(&row)));
            Ok(row)
        })
    }

    #[graphql(name = "updateMachineUser2Endpoint")]
    async fn update_machine_user2_endpoint(
        &self,
        ctx: &Context<'_>,
        id: ID,
        input: UpdateMachineUser2EndpointInput,
    ) -> Result<MachineUser2Endpoint> {
        write(ctx, |data, caller, origin| {
            let before = data
                .machine_user_endpoints
                .get(&id)
                .cloned()
                .ok_or_else(|| ApiError::not_found("Machine user endpoint relation"))?;
            let scope = endpoint_scope(data, &before.endpoint_id)?;
            access::check(data, caller, &scope, Need::Write)?;
            let mut row = before.clone();
            if let Some(e) = input.enabled {
                row.enabled = e;
            }
            row.updated_at = now();
            data.machine_user_endpoints
                .insert(id.to_string(), row.clone());
            let how = (
                "machine_user_endpoint",
                id.as_str(),
                "update",
                "updateMachineUser2Endpoint",
            );
            log(
                data,
                caller,
                origin,
                &scope,
                how,
                (snapshot(&before), snapshot(&row)),
            );
            Ok(row)
        })
    }

    #[graphql(name = "deleteMachineUser2Endpoint")]
    async fn delete_machine_user2_endpoint(&self, ctx: &Context<'_>, id: ID) -> Result<bool> {
        write(ctx, |data, caller, origin| {
            let before = data
                .machine_user_endpoints
                .get(&id)
                .cloned()
                .ok_or_else(|| ApiError::not_found("Machine user endpoint relation"))?;
            let scope = endpoint_scope(data, &before.endpoint_id)?;
            access::check(data, caller, &scope, Need::Write)?;
            data.machine_user_endpoints.remove(&id);
            let how = (
                "machine_user_endpoint",
                id.as_str(),
                "delete",
                "deleteMachineUser2Endpoint",
            );
            log(data, caller, origin, &scope, how, (snapshot(&before), None));
            Ok(true)
        })
    }
}
