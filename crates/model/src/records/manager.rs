//! The Manager's records: its projects, their tenants (environments), the tenants'
//! applications, and each application's endpoints and triggers, in the shape of its GraphQL
//! inputs (a parent's id as a field: the remote passes it as the create's argument).

use serde::{Deserialize, Serialize};
use ts_rs::TS;

use crate::enums::{EndpointAuthType, EndpointLogLevel, EndpointMessageType, TenantType};

/// A project of the Manager (`createProject`).
#[derive(Debug, Clone, Default, PartialEq, Serialize, Deserialize, TS)]
#[serde(deny_unknown_fields)]
#[ts(optional_fields)]
pub struct ManagerProject {
    /// Its name, 1 to 200 characters.
    pub name: String,
    /// Its slug, unique on the server.
    pub slug: String,
    /// What it is for.
    #[serde(default, skip_serializing_if = "Option::is_none")]
    pub description: Option<String>,
}

/// A change of a project (`updateProject`): absent keeps, `null` clears the description.
#[derive(Debug, Clone, Default, PartialEq, Serialize, Deserialize, TS)]
#[serde(deny_unknown_fields)]
#[ts(optional_fields)]
pub struct ManagerProjectPatch {
    /// Its name.
    #[serde(default, skip_serializing_if = "Option::is_none")]
    pub name: Option<String>,
    /// Its slug.
    #[serde(default, skip_serializing_if = "Option::is_none")]
    pub slug: Option<String>,
    /// What it is for; `null` clears it.
    #[serde(
        default,
        with = "super::patch",
        skip_serializing_if = "Option::is_none"
    )]
    #[ts(as = "Option<String>", optional = nullable)]
    pub description: Option<Option<String>>,
}

/// A tenant of a project: one of its environments (`createTenant(projectId, input)`).
#[derive(Debug, Clone, Default, PartialEq, Serialize, Deserialize, TS)]
#[serde(deny_unknown_fields)]
#[ts(optional_fields)]
pub struct ManagerTenant {
    /// The project (its server id once known, its local id before).
    #[serde(rename = "projectID")]
    pub project_id: String,
    /// Its name.
    pub name: String,
    /// Its slug, unique within the project.
    pub slug: String,
    /// What it is for.
    #[serde(default, skip_serializing_if = "Option::is_none")]
    pub description: Option<String>,
    /// The kind of environment (`dev` when not given).
    #[serde(default, rename = "type", skip_serializing_if = "Option::is_none")]
    pub tenant_type: Option<TenantType>,
}

/// A change of a tenant (`updateTenant`); it stays in its project.
#[derive(Debug, Clone, Default, PartialEq, Serialize, Deserialize, TS)]
#[serde(deny_unknown_fields)]
#[ts(optional_fields)]
pub struct ManagerTenantPatch {
    /// Its name.
    #[serde(default, skip_serializing_if = "Option::is_none")]
    pub name: Option<String>,
    /// Its slug.
    #[serde(default, skip_serializing_if = "Option::is_none")]
    pub slug: Option<String>,
    /// What it is for.
    #[serde(default, skip_serializing_if = "Option::is_none")]
    pub description: Option<String>,
    /// The kind of environment.
    #[serde(default, rename = "type", skip_serializing_if = "Option::is_none")]
    pub tenant_type: Option<TenantType>,
}

/// An application of a tenant (`createApplication(tenantId, input)`).
#[derive(Debug, Clone, Default, PartialEq, Serialize, Deserialize, TS)]
#[serde(deny_unknown_fields)]
#[ts(optional_fields)]
pub struct ManagerApplication {
    /// The tenant (its server id once known, its local id before).
    #[serde(rename = "tenantID")]
    pub tenant_id: String,
    /// Its name.
    pub name: String,
    /// Its slug, unique within the tenant.
    pub slug: String,
    /// What it is for.
    #[serde(default, skip_serializing_if = "Option::is_none")]
    pub description: Option<String>,
    /// The version promote or copy brought (none for one made with `createApplication`).
    #[serde(default, skip_serializing_if = "Option::is_none")]
    pub version: Option<String>,
}

/// A change of an application (`updateApplication`); it stays in its tenant.
#[derive(Debug, Clone, Default, PartialEq, Serialize, Deserialize, TS)]
#[serde(deny_unknown_fields)]
#[ts(optional_fields)]
pub struct ManagerApplicationPatch {
    /// Its name.
    #[serde(default, skip_serializing_if = "Option::is_none")]
    pub name: Option<String>,
    /// Its slug.
    #[serde(default, skip_serializing_if = "Option::is_none")]
    pub slug: Option<String>,
    /// What it is for.
    #[serde(default, skip_serializing_if = "Option::is_none")]
    pub description: Option<String>,
    /// Its version.
    #[serde(default, skip_serializing_if = "Option::is_none")]
    pub version: Option<String>,
}

/// What an application's `promote` or `copy` takes: where to, and as what.
#[derive(Debug, Clone, Default, PartialEq, Serialize, Deserialize, TS)]
#[serde(deny_unknown_fields)]
pub struct ApplicationMove {
    /// The tenant of the same project it goes to (its server id).
    #[serde(rename = "targetTenantId")]
    pub target_tenant_id: String,
    /// Its slug there (promote: the application with this slug is brought to the source's).
    pub slug: String,
    /// Its name there.
    pub name: String,
    /// The version moved.
    pub version: String,
}

/// An endpoint of an application (`createEndpoint(applicationId, input)`).
#[derive(Debug, Clone, Default, PartialEq, Serialize, Deserialize, TS)]
#[serde(deny_unknown_fields)]
#[ts(optional_fields)]
pub struct ManagerEndpoint {
    /// The application (its server id once known, its local id before).
    #[serde(rename = "applicationID")]
    pub application_id: String,
    /// Its name.
    pub name: String,
    /// What it is for.
    #[serde(default, skip_serializing_if = "Option::is_none")]
    pub description: Option<String>,
    /// Whether it answers (`true` when not given).
    #[serde(default, skip_serializing_if = "Option::is_none")]
    pub enabled: Option<bool>,
    /// The path callers use, unique within the application.
    #[serde(rename = "consumeURL")]
    pub consume_url: String,
    /// The backend's absolute http(s) URL.
    pub url: String,
    /// How callers sign in.
    #[serde(default, rename = "authType", skip_serializing_if = "Option::is_none")]
    pub auth_type: Option<EndpointAuthType>,
    /// The format it takes.
    #[serde(
        default,
        rename = "inputMessageType",
        skip_serializing_if = "Option::is_none"
    )]
    pub input_message_type: Option<EndpointMessageType>,
    /// The format it answers.
    #[serde(
        default,
        rename = "outputMessageType",
        skip_serializing_if = "Option::is_none"
    )]
    pub output_message_type: Option<EndpointMessageType>,
    /// How much of its traffic is logged.
    #[serde(default, rename = "logLevel", skip_serializing_if = "Option::is_none")]
    pub log_level: Option<EndpointLogLevel>,
}

/// A change of an endpoint (`updateEndpoint`).
#[derive(Debug, Clone, Default, PartialEq, Serialize, Deserialize, TS)]
#[serde(deny_unknown_fields)]
#[ts(optional_fields)]
pub struct ManagerEndpointPatch {
    /// Its name.
    #[serde(default, skip_serializing_if = "Option::is_none")]
    pub name: Option<String>,
    /// What it is for.
    #[serde(default, skip_serializing_if = "Option::is_none")]
    pub description: Option<String>,
    /// Whether it answers.
    #[serde(default, skip_serializing_if = "Option::is_none")]
    pub enabled: Option<bool>,
    /// The path callers use.
    #[serde(
        default,
        rename = "consumeURL",
        skip_serializing_if = "Option::is_none"
    )]
    pub consume_url: Option<String>,
    /// The backend's URL.
    #[serde(default, skip_serializing_if = "Option::is_none")]
    pub url: Option<String>,
    /// How callers sign in.
    #[serde(default, rename = "authType", skip_serializing_if = "Option::is_none")]
    pub auth_type: Option<EndpointAuthType>,
    /// The format it takes.
    #[serde(
        default,
        rename = "inputMessageType",
        skip_serializing_if = "Option::is_none"
    )]
    pub input_message_type: Option<EndpointMessageType>,
    /// The format it answers.
    #[serde(
        default,
        rename = "outputMessageType",
        skip_serializing_if = "Option::is_none"
    )]
    pub output_message_type: Option<EndpointMessageType>,
    /// How much of its traffic is logged.
    #[serde(default, rename = "logLevel", skip_serializing_if = "Option::is_none")]
    pub log_level: Option<EndpointLogLevel>,
}

/// A trigger of an application (`createTrigger(applicationId, input)`).
#[derive(Debug, Clone, Default, PartialEq, Serialize, Deserialize, TS)]
#[serde(deny_unknown_fields)]
#[ts(optional_fields)]
pub struct ManagerTrigger {
    /// The application (its server id once known, its local id before).
    #[serde(rename = "applicationID")]
    pub application_id: String,
    /// Its name.
    pub name: String,
    /// What it is for.
    #[serde(default, skip_serializing_if = "Option::is_none")]
    pub description: Option<String>,
    /// When it fires: five cron fields ([`crate::rules::cron`]).
    #[serde(rename = "cronExpression")]
    pub cron_expression: String,
    /// The job it runs, a slug unique within the application.
    #[serde(rename = "runKey")]
    pub run_key: String,
    /// Whether it fires (`true` when not given).
    #[serde(default, skip_serializing_if = "Option::is_none")]
    pub enabled: Option<bool>,
}

/// A change of a trigger (`updateTrigger`).
#[derive(Debug, Clone, Default, PartialEq, Serialize, Deserialize, TS)]
#[serde(deny_unknown_fields)]
#[ts(optional_fields)]
pub struct ManagerTriggerPatch {
    /// Its name.
    #[serde(default, skip_serializing_if = "Option::is_none")]
    pub name: Option<String>,
    /// What it is for.
    #[serde(default, skip_serializing_if = "Option::is_none")]
    pub description: Option<String>,
    /// When it fires.
    #[serde(
        default,
        rename = "cronExpression",
        skip_serializing_if = "Option::is_none"
    )]
    pub cron_expression: Option<String>,
    /// The job it runs.
    #[serde(default, rename = "runKey", skip_serializing_if = "Option::is_none")]
    pub run_key: Option<String>,
    /// Whether it fires.
    #[serde(default, skip_serializing_if = "Option::is_none")]
    pub enabled: Option<bool>,
}
