//! Endpoints of an application (the ESB's routes): `endpoints(application)`, `createEndpoint`,
//! `updateEndpoint`, `deleteEndpoint`. A `consumeURL` is unique within an application: the ESB
//! picks the endpoint by it.

use async_graphql::{Context, InputObject, MaybeUndefined, Object, Result, ID};

use super::{read, write};
use crate::access::{self, Need, Scope};
use crate::audit::{self, snapshot, Entry};
use crate::error::{ApiError, ApiResult};
use crate::ids::{new_id, now};
use crate::listing::{self, Field, Filter, Listed, Order, Pagination};
use crate::records::{
    Endpoint, EndpointAuthType, EndpointInputMessageType, EndpointLogLevel,
    EndpointOutputMessageType,
};
use crate::store::Data;
use crate::{cascade, patch, validate};

impl Listed for Endpoint {
    const FIELDS: &'static [&'static str] = &[
        "id",
        "application_id",
        "name",
        "description",
        "enabled",
        "url",
        "consume_url",
        "auth_type",
        "input_message_type",
        "output_message_type",
        "log_level",
        "created_at",
        "updated_at",
    ];
    fn id(&self) -> &str {
        &self.id
    }
    fn field(&self, name: &str) -> Field {
        match name {
            "id" => Field::exact(&self.id),
            "application_id" => Field::exact(&self.application_id),
            "name" => Field::text(&self.name),
            "description" => Field::opt_text(&self.description),
            "enabled" => Field::Bool(self.enabled),
            "url" => Field::text(&self.url),
            "consume_url" => Field::text(&self.consume_url),
            "auth_type" => Field::enumeration(&self.auth_type),
            "input_message_type" => Field::enumeration(&self.input_message_type),
            "output_message_type" => Field::enumeration(&self.output_message_type),
            "log_level" => Field::enumeration(&self.log_level),
            "created_at" => Field::time(&self.created_at),
            "updated_at" => Field::time(&self.updated_at),
            _ => Field::Null,
        }
    }
}

#[derive(Default)]
pub struct EndpointQuery;

#[Object]
impl EndpointQuery {
    async fn endpoints(
        &self,
        ctx: &Context<'_>,
        application: ID,
        filters: Option<Vec<Filter>>,
        order: Option<Order>,
        pagination: Option<Pagination>,
    ) -> Result<Vec<Endpoint>> {
        read(ctx, |data, caller| {
            access::check(
                data,
                caller,
                &Scope::application(data, &application)?,
                Need::Read,
            )?;
            let rows = data
                .endpoints
                .values()
                .filter(|e| e.application_id == application)
                .cloned()
                .collect();
            listing::apply(rows, filters, order, pagination)
        })
    }
}

#[derive(InputObject)]
pub struct CreateEndpointInput {
    pub name: String,
    pub description: Option<String>,
    /// `true` when not given.
    pub enabled: Option<bool>,
    #[graphql(name = "consumeURL")]
    pub consume_url: String,
    pub url: String,
    /// `None` when not given.
    pub auth_type: Option<EndpointAuthType>,
    pub input_message_type: Option<EndpointInputMessageType>,
    pub output_message_type: Option<EndpointOutputMessageType>,
    /// `BASIC` when not given (the seed's default).
    pub log_level: Option<EndpointLogLevel>,
}

#[derive(InputObject)]
pub struct UpdateEndpointInput {
    pub name: Option<String>,
    pub description: MaybeUndefined<String>,
    pub enabled: Option<bool>,
    #[graphql(name = "consumeURL")]
    pub consume_url: Option<String>,
    pub url: Option<String>,
    pub auth_type: Option<EndpointAuthType>,
    pub input_message_type: MaybeUndefined<EndpointInputMessageType>,
    pub output_message_type: MaybeUndefined<EndpointOutputMessageType>,
    pub log_level: Option<EndpointLogLevel>,
}

fn consume_free(data: &Data, app: &str, path: &str, except: Option<&str>) -> ApiResult<()> {
    let taken = data.endpoints.values().any(|e| {
        e.application_id.as_str() == app && e.consume_url == path && Some(e.id.as_str()) != except
    });
    if taken {
        return Err(ApiError::bad_input(
            "input.consumeURL",
            format!("{path:?} is already consumed by another endpoint of this application"),
        ));
    }
    Ok(())
}

fn log(
    data: &mut Data,
    caller: &crate::auth::Caller,
    origin: &crate::audit::Origin,
    scope: &Scope,
    (id, action, operation): (&str, &'static str, &'static str),
    name: &str,
    (before, after): (Option<serde_json::Value>, Option<serde_json::Value>),
) {
    audit::record(
        data,
        caller,
        origin,
        Entry {
            project: Some(&scope.project),
            entity_type: "endpoint",
            entity_id: id,
            action,
            operation,
            description: format!("{operation}: endpoint {name}"),
            before,
            after,
        },
    );
}

#[derive(Default)]
pub struct EndpointMutation;

#[Object]
impl EndpointMutation {
    async fn create_endpoint(
        &self,
        ctx: &Context<'_>,
        application_id: ID,
        input: CreateEndpointInput,
    ) -> Result<Endpoint> {
        write(ctx, |data, caller, origin| {
            let scope = Scope::application(data, &application_id)?;
            access::check(data, caller, &scope, Need::Write)?;
            let name = validate::name("input.name", &input.name)?;
            let url = validate::url("input.url", &input.url)?;
            let consume = validate::path("input.consumeURL", &input.consume_url)?;
            consume_free(data, &application_id, &consume, None)?;
            let at = now();
            let row = Endpoint {
                id: new_id(),
                application_id: application_id.clone(),
                name,
                description: input.description,
                enabled: input.enabled.unwrap_or(true),
                url,
                consume_url: consume,
                auth_type: input.auth_type.unwrap_or(EndpointAuthType::None),
                input_message_type: input.input_message_type,
                output_message_type: input.output_message_type,
                log_level: input.log_level.unwrap_or_default(),
                created_at: at.clone(),
                updated_at: at,
            };
            data.endpoints.insert(row.id.to_string(), row.clone());
            let how = (row.id.as_str(), "create", "createEndpoint");
            log(
                data,
                caller,
                origin,
                &scope,
                how,
                &row.name,
                (None, snapshot(&row)),
            );
            Ok(row)
        })
    }

    async fn update_endpoint(
        &self,
        ctx: &Context<'_>,
        id: ID,
        input: UpdateEndpointInput,
    ) -> Result<Endpoint> {
        write(ctx, |data, caller, origin| {
            let before = data
                .endpoints
                .get(&id)
                .cloned()
                .ok_or_else(|| ApiError::not_found("Endpoint"))?;
            let scope = Scope::application(data, &before.application_id)?;
            access::check(data, caller, &scope, Need::Write)?;
            let mut row = before.clone();
            if let Some(n) = &input.name {
                row.name = validate::name("input.name", n)?;
            }
            if let Some(u) = &input.url {
                row.url = validate::url("input.url", u)?;
            }
            if let Some(c) = &input.consume_url {
                row.consume_url = validate::path("input.consumeURL", c)?;
                consume_free(data, &row.application_id, &row.consume_url, Some(&id))?;
            }
            patch::apply(&mut row.description, input.description);
            patch::apply(&mut row.input_message_type, input.input_message_type);
            patch::apply(&mut row.output_message_type, input.output_message_type);
            if let Some(e) = input.enabled {
                row.enabled = e;
            }
            if let Some(a) = input.auth_type {
                row.auth_type = a;
            }
            if let Some(l) = input.log_level {
                row.log_level = l;
            }
            row.updated_at = now();
            data.endpoints.insert(id.to_string(), row.clone());
            let how = (id.as_str(), "update", "updateEndpoint");
            let snaps = (snapshot(&before), snapshot(&row));
            log(data, caller, origin, &scope, how, &row.name, snaps);
            Ok(row)
        })
    }

    async fn delete_endpoint(&self, ctx: &Context<'_>, id: ID) -> Result<bool> {
        write(ctx, |data, caller, origin| {
            let before = data
                .endpoints
                .get(&id)
                .cloned()
                .ok_or_else(|| ApiError::not_found("Endpoint"))?;
            let scope = Scope::application(data, &before.application_id)?;
            access::check(data, caller, &scope, Need::Write)?;
            cascade::endpoint(data, &id);
            let how = (id.as_str(), "delete", "deleteEndpoint");
            log(
                data,
                caller,
                origin,
                &scope,
                how,
                &before.name,
                (snapshot(&before), None),
            );
            Ok(true)
        })
    }
}
