//! The Manager's records: each is stored as one JSON row and answered as a GraphQL object.
//! Relations (a project's tenants, a link's user) are resolved in `schema/`, from the ids here.

use async_graphql::{Enum, InputObject, SimpleObject, ID};
use serde::{Deserialize, Serialize};

/// The kind of environment a tenant is. The seed shows only `run`; `dev` and `test` are the
/// environments an application is promoted through before it runs.
#[derive(Enum, Copy, Clone, Eq, PartialEq, Debug, Serialize, Deserialize)]
#[graphql(rename_items = "lowercase")]
#[serde(rename_all = "lowercase")]
pub enum TenantType {
    Dev,
    Test,
    Run,
}

/// A user's role on a project, tenant or application (the seed: admin, editor, viewer).
#[derive(Enum, Copy, Clone, Eq, PartialEq, Debug, Serialize, Deserialize, PartialOrd, Ord)]
#[graphql(rename_items = "lowercase")]
#[serde(rename_all = "lowercase")]
pub enum Role {
    Viewer,
    Editor,
    Admin,
}

#[derive(Enum, Copy, Clone, Eq, PartialEq, Debug, Serialize, Deserialize)]
#[graphql(rename_items = "PascalCase")]
pub enum EndpointAuthType {
    Basic,
    Bearer,
    None,
}

#[derive(Enum, Copy, Clone, Eq, PartialEq, Debug, Serialize, Deserialize)]
#[serde(rename_all = "UPPERCASE")]
pub enum EndpointInputMessageType {
    Soap,
    Xml,
    Json,
}

#[derive(Enum, Copy, Clone, Eq, PartialEq, Debug, Serialize, Deserialize)]
#[serde(rename_all = "UPPERCASE")]
pub enum EndpointOutputMessageType {
    Soap,
    Xml,
    Json,
}

#[derive(Enum, Copy, Clone, Eq, PartialEq, Debug, Serialize, Deserialize, Default)]
#[serde(rename_all = "UPPERCASE")]
pub enum EndpointLogLevel {
    None,
    #[default]
    Basic,
    Full,
}

#[derive(SimpleObject, Clone, Debug, Serialize, Deserialize)]
#[graphql(complex)]
#[serde(rename_all = "camelCase")]
pub struct Project {
    pub id: ID,
    pub name: String,
    pub slug: String,
    pub description: Option<String>,
    pub created_at: String,
    pub updated_at: String,
}

#[derive(SimpleObject, Clone, Debug, Serialize, Deserialize)]
#[graphql(complex)]
#[serde(rename_all = "camelCase")]
pub struct Tenant {
    pub id: ID,
    #[graphql(name = "projectID")]
    pub project_id: ID,
    pub name: String,
    pub slug: String,
    pub description: Option<String>,
    #[graphql(name = "type")]
    #[serde(rename = "type")]
    pub kind: TenantType,
    pub created_at: String,
    pub updated_at: String,
}

#[derive(SimpleObject, Clone, Debug, Serialize, Deserialize)]
#[graphql(complex)]
#[serde(rename_all = "camelCase")]
pub struct Application {
    pub id: ID,
    #[graphql(name = "tenantID")]
    pub tenant_id: ID,
    pub name: String,
    pub slug: String,
    pub description: Option<String>,
    /// Set by promote and copy (the version that was promoted); `null` for an application
    /// made with createApplication.
    pub version: Option<String>,
    pub created_at: String,
    pub updated_at: String,
}

#[derive(SimpleObject, Clone, Debug, Serialize, Deserialize)]
#[serde(rename_all = "camelCase")]
pub struct Endpoint {
    pub id: ID,
    #[graphql(name = "applicationID")]
    pub application_id: ID,
    pub name: String,
    pub description: Option<String>,
    pub enabled: bool,
    pub url: String,
    #[graphql(name = "consumeURL")]
    #[serde(rename = "consumeURL")]
    pub consume_url: String,
    pub auth_type: EndpointAuthType,
    pub input_message_type: Option<EndpointInputMessageType>,
    pub output_message_type: Option<EndpointOutputMessageType>,
    pub log_level: EndpointLogLevel,
    pub created_at: String,
    pub updated_at: String,
}

#[derive(SimpleObject, Clone, Debug, Serialize, Deserialize)]
#[serde(rename_all = "camelCase")]
pub struct Trigger {
    pub id: ID,
    #[graphql(name = "applicationID")]
    pub application_id: ID,
    pub name: String,
    pub description: Option<String>,
    pub cron_expression: String,
    pub run_key: String,
    pub enabled: bool,
    pub created_at: String,
    pub updated_at: String,
}

/// One `{Key, Value}` of a module configuration or a language pack (the seed spells them in
/// PascalCase).
#[derive(SimpleObject, Clone, Debug, Serialize, Deserialize, PartialEq, Eq)]
#[graphql(rename_fields = "PascalCase")]
#[serde(rename_all = "PascalCase")]
pub struct KeyValuePair {
    pub key: String,
    pub value: String,
}

#[derive(InputObject, Clone, Debug)]
#[graphql(rename_fields = "PascalCase")]
pub struct KeyValuePairInput {
    pub key: String,
    pub value: String,
}

/// Backend module configuration of one level. A list that is `null` is not set at this level
/// (it is inherited); key-value pairs merge per key across levels.
#[derive(SimpleObject, Clone, Debug, Default, Serialize, Deserialize, PartialEq)]
#[graphql(rename_fields = "PascalCase")]
#[serde(rename_all = "PascalCase")]
pub struct BackendModuleConfig {
    pub enabled_modules: Option<Vec<String>>,
    pub key_value_pairs: Vec<KeyValuePair>,
}

/// Frontend module configuration of one level; `null` is "not set here", as for the backend.
#[derive(SimpleObject, Clone, Debug, Default, Serialize, Deserialize, PartialEq)]
#[graphql(rename_fields = "PascalCase")]
#[serde(rename_all = "PascalCase")]
pub struct FrontendModuleConfig {
    pub enabled_themes: Option<Vec<String>>,
    pub default_theme: Option<String>,
    pub enabled_locales: Option<Vec<String>>,
    pub default_locale: Option<String>,
    pub enabled_modules: Option<Vec<String>>,
    pub key_value_pairs: Vec<KeyValuePair>,
}

/// The level a settings record belongs to: exactly one of project, tenant, application.
#[derive(Clone, Debug, Serialize, Deserialize, PartialEq, Eq)]
#[serde(rename_all = "camelCase")]
pub enum Owner {
    Project(String),
    Tenant(String),
    Application(String),
}

#[derive(SimpleObject, Clone, Debug, Serialize, Deserialize)]
#[graphql(complex)]
#[serde(rename_all = "camelCase")]
pub struct BackendSettings {
    pub id: ID,
    #[graphql(skip)]
    pub owner: Owner,
    pub module_config: BackendModuleConfig,
    pub created_at: String,
    pub updated_at: String,
}

#[derive(SimpleObject, Clone, Debug, Serialize, Deserialize)]
#[graphql(complex)]
#[serde(rename_all = "camelCase")]
pub struct FrontendSettings {
    pub id: ID,
    #[graphql(skip)]
    pub owner: Owner,
    pub module_config: FrontendModuleConfig,
    pub created_at: String,
    pub updated_at: String,
}

/// How a machine user proves who it is: a generated bearer token, or a password given as its
/// SHA-256 (`hashedKey`), usable with basic auth.
#[derive(Clone, Debug, Serialize, Deserialize, PartialEq, Eq)]
#[serde(rename_all = "camelCase")]
pub enum KeyKind {
    Token,
    Password,
}

#[derive(SimpleObject, Clone, Debug, Serialize, Deserialize)]
#[graphql(complex)]
#[serde(rename_all = "camelCase")]
pub struct MachineUser {
    pub id: ID,
    #[graphql(name = "tenantID")]
    pub tenant_id: ID,
    pub name: String,
    pub description: Option<String>,
    pub username: String,
    pub enabled: bool,
    /// The first characters of a generated token, to recognise it; `null` for a password.
    pub token_prefix: Option<String>,
    #[graphql(skip)]
    pub key_kind: KeyKind,
    /// SHA-256 (hex) of the token or password; the secret itself is never stored.
    #[graphql(skip)]
    pub key_hash: String,
    pub created_at: String,
    pub updated_at: String,
}

#[derive(SimpleObject, Clone, Debug, Serialize, Deserialize)]
#[graphql(complex)]
#[serde(rename_all = "camelCase")]
pub struct MachineUser2Endpoint {
    pub id: ID,
    #[graphql(skip)]
    pub machine_user_id: ID,
    #[graphql(skip)]
    pub endpoint_id: ID,
    pub enabled: bool,
    pub created_at: String,
    pub updated_at: String,
}

#[derive(SimpleObject, Clone, Debug, Serialize, Deserialize)]
#[serde(rename_all = "camelCase")]
pub struct LanguagePack {
    pub id: ID,
    #[graphql(name = "projectID")]
    pub project_id: ID,
    pub name: String,
    pub content: Vec<KeyValuePair>,
    pub created_at: String,
    pub updated_at: String,
}

#[derive(SimpleObject, Clone, Debug, Serialize, Deserialize)]
#[serde(rename_all = "camelCase")]
pub struct User {
    pub id: ID,
    pub username: String,
    pub email: String,
    pub display_name: String,
    pub disabled: bool,
    /// A Manager administrator: may read and change every project.
    #[graphql(skip)]
    pub admin: bool,
    pub created_at: String,
}

#[derive(SimpleObject, Clone, Debug, Serialize, Deserialize)]
#[serde(rename_all = "camelCase")]
pub struct PersonalAccessToken {
    pub id: ID,
    #[graphql(skip)]
    pub user_id: ID,
    pub name: String,
    pub token_prefix: String,
    /// SHA-256 (hex) of the token; the token itself is never stored.
    #[graphql(skip)]
    pub token_hash: String,
    pub expires_at: Option<String>,
    pub created_at: String,
    pub last_used_at: Option<String>,
    pub revoked: bool,
}

/// A user's role on one project, tenant or application (three tables of the same shape).
#[derive(Clone, Debug, Serialize, Deserialize)]
#[serde(rename_all = "camelCase")]
pub struct RoleLink {
    pub id: ID,
    pub user_id: ID,
    /// The project, tenant or application.
    pub target_id: ID,
    pub role: Role,
    pub created_at: String,
    pub updated_at: String,
}

#[derive(Clone, Debug, Serialize, Deserialize)]
#[serde(rename_all = "camelCase")]
pub struct AuditLog {
    pub id: ID,
    /// The project the entry belongs to; `None` for entries about no project (tokens).
    pub project_id: Option<ID>,
    pub entity_type: String,
    pub entity_id: ID,
    pub action: String,
    pub description: String,
    pub metadata: serde_json::Value,
    pub changes: serde_json::Value,
    pub ip_address: Option<String>,
    pub user_agent: Option<String>,
    pub created_at: String,
    pub user_id: Option<ID>,
}

#[derive(SimpleObject, Clone, Debug, Serialize, Deserialize)]
#[serde(rename_all = "camelCase")]
pub struct PiletPackage {
    pub id: ID,
    #[graphql(name = "projectID")]
    pub project_id: ID,
    pub name: String,
    pub version: String,
    pub description: Option<String>,
    pub size: i64,
    /// `sha256-` and the base64 SHA-256 of the file (subresource-integrity style).
    pub hash: String,
    pub enabled: bool,
    pub created_at: String,
    pub updated_at: String,
}

/// The bytes of an uploaded pilet, stored apart from its metadata (base64 in the row).
#[derive(Clone, Debug, Serialize, Deserialize)]
pub struct PiletFile {
    pub id: String,
    pub base64: String,
}

/// A backend registered for trigger callbacks by a machine user (REST only).
#[derive(Clone, Debug, Serialize, Deserialize)]
#[serde(rename_all = "camelCase")]
pub struct Backend {
    pub id: String,
    pub name: String,
    pub callback_url: String,
    pub description: Option<String>,
    pub machine_user_id: String,
    pub tenant_id: String,
    pub created_at: String,
    pub updated_at: String,
}
