//! The descriptors of the Manager's record types (its GraphQL API, the platform's control plane):
//! the tree of projects, their tenants (environments), the tenants' applications, and each
//! application's endpoints and triggers. Listed in [`crate::DESCRIPTORS`] after the platform's;
//! parents come first, so a pull brings a project before its tenants.
//!
//! Each level (project, tenant, application) may hold its own backend and frontend settings,
//! which an application's effective settings inherit from.
//!
//! Every Manager record of the tree names itself by a slug (an endpoint by its `consumeURL`, a
//! trigger by its `runKey`) unique within its parent: how a create whose answer was lost is
//! recognised ([`LostCreate::UniqueKey`]). It is not their natural key: a record another
//! person made with the same slug is another record, and a create here that the Manager
//! refuses for it waits for the user with the Manager's words instead of being merged into it.

use crate::descriptor::{
    create, ops, reference, reference_column, text, text_or, update, ChangeMarker, Descriptor,
    LostCreate, MergePolicy, Pull, Reference, RemoteKind,
};
use crate::fields::{self, Shape};
use crate::record_type::RecordType as T;

/// A project: the root of the tree, listed page by page.
pub(crate) const PROJECT: Descriptor = Descriptor {
    record_type: T::ManagerProject,
    name: "manager_project",
    remote: RemoteKind::Manager,
    table: "manager_projects",
    operations: ops(true, true, true, true, true, &[]),
    parents: &[],
    pull: Pull::Listing,
    columns: &[text_or("name", "name", ""), text_or("slug", "slug", "")],
    natural_key: &[],
    label: "t.name",
    action_bodies: &[],
    answered_otherwise: &[],
    stored: fields::MANAGER_PROJECT_FIELDS,
    create: create(
        fields::MANAGER_PROJECT_FIELDS,
        fields::MANAGER_PROJECT_REQUIRED,
    ),
    update: update(fields::MANAGER_PROJECT_FIELDS, true),
    change_marker: ChangeMarker::UpdatedAt,
    merge: MergePolicy::PerField,
    lost_create: LostCreate::UniqueKey(&["slug"]),
};

/// A tenant (an environment: dev, test, run) of a project, listed under each project.
pub(crate) const TENANT: Descriptor = Descriptor {
    record_type: T::ManagerTenant,
    name: "manager_tenant",
    remote: RemoteKind::Manager,
    table: "manager_tenants",
    operations: ops(true, true, true, true, true, &[]),
    parents: &[reference(
        T::ManagerProject,
        T::ManagerTenant,
        "project_id",
        "projectID",
        false,
    )],
    pull: Pull::UnderEach(T::ManagerProject),
    columns: &[
        reference_column("project_id"),
        text_or("name", "name", ""),
        text_or("slug", "slug", ""),
        text_or("type", "type", "dev"),
    ],
    natural_key: &[],
    label: "t.name",
    action_bodies: &[],
    answered_otherwise: &[],
    stored: fields::MANAGER_TENANT_FIELDS,
    create: create(
        fields::MANAGER_TENANT_FIELDS,
        fields::MANAGER_TENANT_REQUIRED,
    ),
    update: update(fields::MANAGER_TENANT_PATCH, false),
    change_marker: ChangeMarker::UpdatedAt,
    merge: MergePolicy::PerField,
    lost_create: LostCreate::UniqueKey(&["slug", "projectID"]),
};

/// The body of an application's `promote` and `copy`.
const MOVE: Shape = Shape {
    fields: fields::MANAGER_APPLICATION_MOVE,
    required: fields::MANAGER_APPLICATION_MOVE_REQUIRED,
    allow_null: false,
    required_any: &[],
};

/// An application of a tenant, listed under each tenant. `promote` brings a version of it to
/// another tenant of its project, `copy` makes a new application there: both are actions on
/// the source, whose result the next pull brings.
pub(crate) const APPLICATION: Descriptor = Descriptor {
    record_type: T::ManagerApplication,
    name: "manager_application",
    remote: RemoteKind::Manager,
    table: "manager_applications",
    operations: ops(true, true, true, true, true, &["promote", "copy"]),
    parents: &[reference(
        T::ManagerTenant,
        T::ManagerApplication,
        // Not `tenant_id`: every table has that column for the replica's own scope.
        "environment_id",
        "tenantID",
        false,
    )],
    pull: Pull::UnderEach(T::ManagerTenant),
    columns: &[
        reference_column("environment_id"),
        text_or("name", "name", ""),
        text_or("slug", "slug", ""),
        text("version", "version"),
    ],
    natural_key: &[],
    label: "t.name",
    action_bodies: &[("promote", MOVE), ("copy", MOVE)],
    answered_otherwise: &[],
    stored: fields::MANAGER_APPLICATION_FIELDS,
    create: create(
        fields::MANAGER_APPLICATION_FIELDS,
        fields::MANAGER_APPLICATION_REQUIRED,
    ),
    update: update(fields::MANAGER_APPLICATION_PATCH, false),
    change_marker: ChangeMarker::UpdatedAt,
    merge: MergePolicy::PerField,
    lost_create: LostCreate::UniqueKey(&["slug", "tenantID"]),
};

/// An endpoint of an application (a backend URL the ESB forwards `consumeURL` to).
pub(crate) const ENDPOINT: Descriptor = Descriptor {
    record_type: T::ManagerEndpoint,
    name: "manager_endpoint",
    remote: RemoteKind::Manager,
    table: "manager_endpoints",
    operations: ops(true, true, true, true, true, &[]),
    parents: &[reference(
        T::ManagerApplication,
        T::ManagerEndpoint,
        "application_id",
        "applicationID",
        false,
    )],
    pull: Pull::UnderEach(T::ManagerApplication),
    columns: &[
        reference_column("application_id"),
        text_or("name", "name", ""),
        text_or("consume_url", "consumeURL", ""),
    ],
    natural_key: &[],
    label: "t.name",
    action_bodies: &[],
    answered_otherwise: &[],
    stored: fields::MANAGER_ENDPOINT_FIELDS,
    create: create(
        fields::MANAGER_ENDPOINT_FIELDS,
        fields::MANAGER_ENDPOINT_REQUIRED,
    ),
    update: update(fields::MANAGER_ENDPOINT_PATCH, false),
    change_marker: ChangeMarker::UpdatedAt,
    merge: MergePolicy::PerField,
    lost_create: LostCreate::UniqueKey(&["consumeURL", "applicationID"]),
};

/// A trigger of an application: a cron schedule (checked here as the Manager checks it) that
/// runs the job named by its `runKey`.
pub(crate) const TRIGGER: Descriptor = Descriptor {
    record_type: T::ManagerTrigger,
    name: "manager_trigger",
    remote: RemoteKind::Manager,
    table: "manager_triggers",
    operations: ops(true, true, true, true, true, &[]),
    parents: &[reference(
        T::ManagerApplication,
        T::ManagerTrigger,
        "application_id",
        "applicationID",
        false,
    )],
    pull: Pull::UnderEach(T::ManagerApplication),
    columns: &[
        reference_column("application_id"),
        text_or("name", "name", ""),
        text_or("run_key", "runKey", ""),
        text_or("cron_expression", "cronExpression", ""),
    ],
    natural_key: &[],
    label: "t.name",
    action_bodies: &[],
    answered_otherwise: &[],
    stored: fields::MANAGER_TRIGGER_FIELDS,
    create: create(
        fields::MANAGER_TRIGGER_FIELDS,
        fields::MANAGER_TRIGGER_REQUIRED,
    ),
    update: update(fields::MANAGER_TRIGGER_PATCH, false),
    change_marker: ChangeMarker::UpdatedAt,
    merge: MergePolicy::PerField,
    lost_create: LostCreate::UniqueKey(&["runKey", "applicationID"]),
};

/// The level a settings record of type `child` belongs to: one of a project, a tenant or an
/// application (the others are null).
const fn levels(child: T) -> [Reference; 3] {
    [
        reference(T::ManagerProject, child, "project_id", "projectID", true),
        reference(T::ManagerTenant, child, "environment_id", "tenantID", true),
        reference(
            T::ManagerApplication,
            child,
            "application_id",
            "applicationID",
            true,
        ),
    ]
}

/// The name of a settings record's level, for the outbox.
const LEVEL_LABEL: &str =
    "COALESCE((SELECT a.name FROM manager_applications a WHERE a.local_id = t.application_id), \
     (SELECT e.name FROM manager_tenants e WHERE e.local_id = t.environment_id), \
     (SELECT p.name FROM manager_projects p WHERE p.local_id = t.project_id), '?')";

/// The create of a settings record: its level (exactly one; the Manager refuses more) and its
/// configuration.
const fn settings_create(fields: &'static [fields::FieldSpec]) -> Option<Shape> {
    Some(Shape {
        fields,
        required: &[],
        allow_null: false,
        required_any: fields::MANAGER_SETTINGS_LEVELS,
    })
}

/// A level's own backend settings (its `EnabledModules` and `KeyValuePairs`), which the
/// application's effective settings inherit from (Project → Tenant → Application). The
/// Manager has no listing of them: the remote gathers them from the tree.
pub(crate) const BACKEND_SETTINGS: Descriptor = Descriptor {
    record_type: T::ManagerBackendSettings,
    name: "manager_backend_settings",
    remote: RemoteKind::Manager,
    table: "manager_backend_settings",
    operations: ops(true, true, true, true, true, &[]),
    parents: &levels(T::ManagerBackendSettings),
    pull: Pull::Listing,
    columns: &[
        reference_column("project_id"),
        reference_column("environment_id"),
        reference_column("application_id"),
    ],
    natural_key: &[],
    label: LEVEL_LABEL,
    action_bodies: &[],
    answered_otherwise: &[],
    stored: fields::MANAGER_BACKEND_SETTINGS,
    create: settings_create(fields::MANAGER_BACKEND_SETTINGS),
    update: update(fields::MANAGER_BACKEND_CONFIG, true),
    change_marker: ChangeMarker::UpdatedAt,
    merge: MergePolicy::PerField,
    // A level has one record of each: the one made there since the op was queued, holding
    // what was sent, is ours.
    lost_create: LostCreate::FieldMatchSince,
};

/// A level's own frontend settings (themes, locales, modules and key-value pairs).
pub(crate) const FRONTEND_SETTINGS: Descriptor = Descriptor {
    record_type: T::ManagerFrontendSettings,
    name: "manager_frontend_settings",
    remote: RemoteKind::Manager,
    table: "manager_frontend_settings",
    operations: ops(true, true, true, true, true, &[]),
    parents: &levels(T::ManagerFrontendSettings),
    pull: Pull::Listing,
    columns: &[
        reference_column("project_id"),
        reference_column("environment_id"),
        reference_column("application_id"),
    ],
    natural_key: &[],
    label: LEVEL_LABEL,
    action_bodies: &[],
    answered_otherwise: &[],
    stored: fields::MANAGER_FRONTEND_SETTINGS,
    create: settings_create(fields::MANAGER_FRONTEND_SETTINGS),
    update: update(fields::MANAGER_FRONTEND_CONFIG, true),
    change_marker: ChangeMarker::UpdatedAt,
    merge: MergePolicy::PerField,
    lost_create: LostCreate::FieldMatchSince,
};
