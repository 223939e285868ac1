//! The fields of the Manager's record types, in the shape its GraphQL inputs take them (its
//! names: `projectID`, `consumeURL`, ...), with the rules the Manager applies (README, "The
//! Manager devserver"). A record's parent (`projectID` of a tenant, `tenantID` of an
//! application, `applicationID` of an endpoint or trigger) is a field here, though the Manager
//! takes it as an argument of the create beside its input: the remote splits them.

use super::{f, nullable, FieldSpec, Kind};
use crate::enums::{EndpointAuthType, EndpointLogLevel, EndpointMessageType, TenantType};

/// Names of the Manager's records: 1 to 200 characters.
const NAME: Kind = Kind::Str {
    min: 1,
    max: Some(200),
};
const TEXT: Kind = Kind::Str { min: 0, max: None };

/// A project (`createProject`, `updateProject`; `null` clears the description).
pub const MANAGER_PROJECT_FIELDS: &[FieldSpec] = &[
    f("name", NAME),
    f("slug", Kind::Slug),
    nullable("description", TEXT),
];
/// What a project create must carry.
pub const MANAGER_PROJECT_REQUIRED: &[&str] = &["name", "slug"];

/// A tenant (an environment of a project) as created (`createTenant(projectId, input)`).
pub const MANAGER_TENANT_FIELDS: &[FieldSpec] = &[
    f("projectID", Kind::Uuid),
    f("name", NAME),
    f("slug", Kind::Slug),
    f("description", TEXT),
    f("type", Kind::Enum(TenantType::NAMES)),
];
/// A tenant edit (`updateTenant`): it stays in its project.
pub const MANAGER_TENANT_PATCH: &[FieldSpec] = &[
    f("name", NAME),
    f("slug", Kind::Slug),
    f("description", TEXT),
    f("type", Kind::Enum(TenantType::NAMES)),
];
/// What a tenant create must carry.
pub const MANAGER_TENANT_REQUIRED: &[&str] = &["projectID", "name", "slug"];

/// An application as created (`createApplication(tenantId, input)`).
pub const MANAGER_APPLICATION_FIELDS: &[FieldSpec] = &[
    f("tenantID", Kind::Uuid),
    f("name", NAME),
    f("slug", Kind::Slug),
    f("description", TEXT),
    f("version", TEXT),
];
/// An application edit (`updateApplication`): it stays in its tenant (promote and copy move
/// versions between tenants).
pub const MANAGER_APPLICATION_PATCH: &[FieldSpec] = &[
    f("name", NAME),
    f("slug", Kind::Slug),
    f("description", TEXT),
    f("version", TEXT),
];
/// What an application create must carry.
pub const MANAGER_APPLICATION_REQUIRED: &[&str] = &["tenantID", "name", "slug"];
/// The body of `promote` and `copy` (`PromoteApplicationInput`, `CopyApplicationInput`, less
/// the source, which is the record the action is on).
pub const MANAGER_APPLICATION_MOVE: &[FieldSpec] = &[
    f("targetTenantId", Kind::Uuid),
    f("slug", Kind::Slug),
    f("name", NAME),
    f("version", Kind::Str { min: 1, max: None }),
];
/// What `promote` and `copy` must carry.
pub const MANAGER_APPLICATION_MOVE_REQUIRED: &[&str] =
    &["targetTenantId", "slug", "name", "version"];

/// An endpoint as created (`createEndpoint(applicationId, input)`).
pub const MANAGER_ENDPOINT_FIELDS: &[FieldSpec] = &[
    f("applicationID", Kind::Uuid),
    f("name", NAME),
    f("description", TEXT),
    f("enabled", Kind::Bool),
    f("consumeURL", Kind::Path),
    f("url", Kind::Uri),
    f("authType", Kind::Enum(EndpointAuthType::NAMES)),
    f("inputMessageType", Kind::Enum(EndpointMessageType::NAMES)),
    f("outputMessageType", Kind::Enum(EndpointMessageType::NAMES)),
    f("logLevel", Kind::Enum(EndpointLogLevel::NAMES)),
];
/// An endpoint edit (`updateEndpoint`).
pub const MANAGER_ENDPOINT_PATCH: &[FieldSpec] = &[
    f("name", NAME),
    f("description", TEXT),
    f("enabled", Kind::Bool),
    f("consumeURL", Kind::Path),
    f("url", Kind::Uri),
    f("authType", Kind::Enum(EndpointAuthType::NAMES)),
    f("inputMessageType", Kind::Enum(EndpointMessageType::NAMES)),
    f("outputMessageType", Kind::Enum(EndpointMessageType::NAMES)),
    f("logLevel", Kind::Enum(EndpointLogLevel::NAMES)),
];
/// What an endpoint create must carry.
pub const MANAGER_ENDPOINT_REQUIRED: &[&str] = &["applicationID", "name", "consumeURL", "url"];

/// A trigger as created (`createTrigger(applicationId, input)`): a schedule that runs the
/// application's job named by `runKey`.
pub const MANAGER_TRIGGER_FIELDS: &[FieldSpec] = &[
    f("applicationID", Kind::Uuid),
    f("name", NAME),
    f("description", TEXT),
    f("cronExpression", Kind::Cron),
    f("runKey", Kind::Slug),
    f("enabled", Kind::Bool),
];
/// A trigger edit (`updateTrigger`).
pub const MANAGER_TRIGGER_PATCH: &[FieldSpec] = &[
    f("name", NAME),
    f("description", TEXT),
    f("cronExpression", Kind::Cron),
    f("runKey", Kind::Slug),
    f("enabled", Kind::Bool),
];
/// What a trigger create must carry.
pub const MANAGER_TRIGGER_REQUIRED: &[&str] =
    &["applicationID", "name", "cronExpression", "runKey"];

/// Where a settings record belongs: exactly one of these levels (a project, a tenant or an
/// application), given when it is made.
pub const MANAGER_SETTINGS_LEVELS: &[&str] = &["projectID", "tenantID", "applicationID"];

/// A level's backend module configuration (`BackendModuleConfigInput`): `null` unsets a field
/// at this level (it is inherited again), a value replaces it whole.
pub const MANAGER_BACKEND_CONFIG: &[FieldSpec] = &[
    nullable("EnabledModules", Kind::StrArray { max: 200 }),
    f("KeyValuePairs", Kind::KeyValues),
];

/// A level's frontend module configuration (`FrontendModuleConfigInput`).
pub const MANAGER_FRONTEND_CONFIG: &[FieldSpec] = &[
    nullable("EnabledThemes", Kind::StrArray { max: 200 }),
    nullable("DefaultTheme", NAME),
    nullable("EnabledLocales", Kind::StrArray { max: 200 }),
    nullable("DefaultLocale", NAME),
    nullable("EnabledModules", Kind::StrArray { max: 200 }),
    f("KeyValuePairs", Kind::KeyValues),
];

/// Backend settings as made (`createBackendSettings`): the level, then the configuration
/// (the remote nests it under `moduleConfig`).
pub const MANAGER_BACKEND_SETTINGS: &[FieldSpec] = &[
    f("projectID", Kind::Uuid),
    f("tenantID", Kind::Uuid),
    f("applicationID", Kind::Uuid),
    nullable("EnabledModules", Kind::StrArray { max: 200 }),
    f("KeyValuePairs", Kind::KeyValues),
];

/// Frontend settings as made (`createFrontendSettings`).
pub const MANAGER_FRONTEND_SETTINGS: &[FieldSpec] = &[
    f("projectID", Kind::Uuid),
    f("tenantID", Kind::Uuid),
    f("applicationID", Kind::Uuid),
    nullable("EnabledThemes", Kind::StrArray { max: 200 }),
    nullable("DefaultTheme", NAME),
    nullable("EnabledLocales", Kind::StrArray { max: 200 }),
    nullable("DefaultLocale", NAME),
    nullable("EnabledModules", Kind::StrArray { max: 200 }),
    f("KeyValuePairs", Kind::KeyValues),
];
