//! Triggers of an application (cron jobs calling a registered backend): `triggers(application)`,
//! `createTrigger`, `updateTrigger`, and `deleteTrigger` (not in the seed; a client that
//! creates triggers must be able to remove them). A `runKey` is unique within an application.

use async_graphql::{Context, InputObject, MaybeUndefined, Object, Result, ID};

use super::{read, write};
use crate::access::{self, Need, Scope};
use crate::audit::{self, snapshot, Entry};
use crate::error::{ApiError, ApiResult};
use crate::ids::{new_id, now};
use crate::listing::{self, Field, Filter, Listed, Order, Pagination};
use crate::records::Trigger;
use crate::store::Data;
use crate::{cron, patch, validate};

impl Listed for Trigger {
    const FIELDS: &'static [&'static str] = &[
        "id",
        "application_id",
        "name",
        "description",
        "cron_expression",
        "run_key",
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
            "application_id" => Field::exact(&self.application_id),
            "name" => Field::text(&self.name),
            "description" => Field::opt_text(&self.description),
            "cron_expression" => Field::exact(&self.cron_expression),
            "run_key" => Field::exact(&self.run_key),
            "enabled" => Field::Bool(self.enabled),
            "created_at" => Field::time(&self.created_at),
            "updated_at" => Field::time(&self.updated_at),
            _ => Field::Null,
        }
    }
}

#[derive(Default)]
pub struct TriggerQuery;

#[Object]
impl TriggerQuery {
    async fn triggers(
        &self,
        ctx: &Context<'_>,
        application: ID,
        filters: Option<Vec<Filter>>,
        order: Option<Order>,
        pagination: Option<Pagination>,
    ) -> Result<Vec<Trigger>> {
        read(ctx, |data, caller| {
            access::check(
                data,
                caller,
                &Scope::application(data, &application)?,
                Need::Read,
            )?;
            let rows = data
                .triggers
                .values()
                .filter(|t| t.application_id == application)
                .cloned()
                .collect();
            listing::apply(rows, filters, order, pagination)
        })
    }
}

#[derive(InputObject)]
pub struct CreateTriggerInput {
    pub name: String,
    pub description: Option<String>,
    pub cron_expression: String,
    pub run_key: String,
    /// `true` when not given.
    pub enabled: Option<bool>,
}

#[derive(InputObject)]
pub struct UpdateTriggerInput {
    pub name: Option<String>,
    pub description: MaybeUndefined<String>,
    pub cron_expression: Option<String>,
    pub run_key: Option<String>,
    pub enabled: Option<bool>,
}

fn cron_ok(expression: &str) -> ApiResult<String> {
    let expression = expression.trim();
    cron::check(expression).map_err(|why| ApiError::bad_input("input.cronExpression", why))?;
    Ok(expression.to_owned())
}

fn run_key_free(data: &Data, app: &str, key: &str, except: Option<&str>) -> ApiResult<()> {
    let taken = data.triggers.values().any(|t| {
        t.application_id.as_str() == app && t.run_key == key && Some(t.id.as_str()) != except
    });
    if taken {
        return Err(ApiError::bad_input(
            "input.runKey",
            format!("{key:?} is already the run key of another trigger of this application"),
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
            entity_type: "trigger",
            entity_id: id,
            action,
            operation,
            description: format!("{operation}: trigger {name}"),
            before,
            after,
        },
    );
}

#[derive(Default)]
pub struct TriggerMutation;

#[Object]
impl TriggerMutation {
    async fn create_trigger(
        &self,
        ctx: &Context<'_>,
        application_id: ID,
        input: CreateTriggerInput,
    ) -> Result<Trigger> {
        write(ctx, |data, caller, origin| {
            let scope = Scope::application(data, &application_id)?;
            access::check(data, caller, &scope, Need::Write)?;
            let name = validate::name("input.name", &input.name)?;
            let cron_expression = cron_ok(&input.cron_expression)?;
            let run_key = validate::slug("input.runKey", &input.run_key)?;
            run_key_free(data, &application_id, &run_key, None)?;
            let at = now();
            let row = Trigger {
                id: new_id(),
                application_id: application_id.clone(),
                name,
                description: input.description,
                cron_expression,
                run_key,
                enabled: input.enabled.unwrap_or(true),
                created_at: at.clone(),
                updated_at: at,
            };
            data.triggers.insert(row.id.to_string(), row.clone());
            let how = (row.id.as_str(), "create", "createTrigger");
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

    async fn update_trigger(
        &self,
        ctx: &Context<'_>,
        id: ID,
        input: UpdateTriggerInput,
    ) -> Result<Trigger> {
        write(ctx, |data, caller, origin| {
            let before = data
                .triggers
                .get(&id)
                .cloned()
                .ok_or_else(|| ApiError::not_found("Trigger"))?;
            let scope = Scope::application(data, &before.application_id)?;
            access::check(data, caller, &scope, Need::Write)?;
            let mut row = before.clone();
            if let Some(n) = &input.name {
                row.name = validate::name("input.name", n)?;
            }
            if let Some(c) = &input.cron_expression {
                row.cron_expression = cron_ok(c)?;
            }
            if let Some(k) = &input.run_key {
                row.run_key = validate::slug("input.runKey", k)?;
                run_key_free(data, &row.application_id, &row.run_key, Some(&id))?;
            }
            patch::apply(&mut row.description, input.description);
            if let Some(e) = input.enabled {
                row.enabled = e;
            }
            row.updated_at = now();
            data.triggers.insert(id.to_string(), row.clone());
            let how = (id.as_str(), "update", "updateTrigger");
            let snaps = (snapshot(&before), snapshot(&row));
            log(data, caller, origin, &scope, how, &row.name, snaps);
            Ok(row)
        })
    }

    async fn delete_trigger(&self, ctx: &Context<'_>, id: ID) -> Result<bool> {
        write(ctx, |data, caller, origin| {
            let before = data
                .triggers
                .get(&id)
                .cloned()
                .ok_or_else(|| ApiError::not_found("Trigger"))?;
            let scope = Scope::application(data, &before.application_id)?;
            access::check(data, caller, &scope, Need::Write)?;
            data.triggers.remove(&id);
            let how = (id.as_str(), "delete", "deleteTrigger");
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
