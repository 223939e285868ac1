//! The records the seed's examples name by placeholder: `project-uuid`, `tenant-uuid`
//! (`tenant-slug`), `app-uuid` (`app-slug`), `relation-uuid`, and so on. With them every
//! example operation of the seed runs unchanged, as the design asks; each id is placed where
//! no example that creates something would collide with it (the examples create backend
//! settings on the project and frontend settings on the application, so the existing ones sit
//! elsewhere). The project the examples find by slug, `my-project`, is the one their "Create
//! Project" example makes, so it is not here: that example must be able to make it.

use async_graphql::ID;

use crate::records::*;
use crate::secret;
use crate::store::Data;

/// The administrator's token: fixed, so that tests and people trying the examples know it.
pub const ADMIN_TOKEN: &str = "mpat_seedexamplesadministratortoken";
/// The token of `john.doe` (`user-uuid`), a user with no role anywhere.
pub const USER_TOKEN: &str = "mpat_seedexamplesjohndoetoken";
const AT: &str = "2026-01-05T09:00:00.000Z";

fn id(s: &str) -> ID {
    ID(s.to_owned())
}

/// Fills a new database; returns the administrator's token either way.
pub fn seed(data: &mut Data, fresh: bool) -> String {
    if fresh {
        fill(data);
    }
    ADMIN_TOKEN.to_owned()
}

fn user(id_: &str, username: &str, name: &str, admin: bool) -> User {
    User {
        id: id(id_),
        username: username.into(),
        email: format!("{username}@example.com"),
        display_name: name.into(),
        disabled: false,
        admin,
        created_at: AT.into(),
    }
}

fn link(id_: &str, user: &str, target: &str, role: Role) -> RoleLink {
    RoleLink {
        id: id(id_),
        user_id: id(user),
        target_id: id(target),
        role,
        created_at: AT.into(),
        updated_at: AT.into(),
    }
}

fn tenant(id_: &str, slug: &str, kind: TenantType) -> Tenant {
    Tenant {
        id: id(id_),
        project_id: id("project-uuid"),
        name: slug.replace('-', " "),
        slug: slug.into(),
        description: None,
        kind,
        created_at: AT.into(),
        updated_at: AT.into(),
    }
}

fn machine(id_: &str, username: &str) -> MachineUser {
    MachineUser {
        id: id(id_),
        tenant_id: id("tenant-uuid"),
        name: username.into(),
        description: None,
        username: username.into(),
        enabled: true,
        token_prefix: None,
        key_kind: KeyKind::Password,
        key_hash: secret::hash(&format!("{username}-password")),
        created_at: AT.into(),
        updated_at: AT.into(),
    }
}

fn fill(data: &mut Data) {
    data.users.insert(
        "admin-uuid",
        user("admin-uuid", "admin", "Example Administrator", true),
    );
    data.users.insert(
        "user-uuid",
        user("user-uuid", "john.doe", "John Doe", false),
    );
    data.tokens.insert(
        "pat-uuid",
        PersonalAccessToken {
            id: id("pat-uuid"),
            user_id: id("admin-uuid"),
            name: "Examples".into(),
            token_prefix: secret::prefix_of(ADMIN_TOKEN),
            token_hash: secret::hash(ADMIN_TOKEN),
            expires_at: None,
            created_at: AT.into(),
            last_used_at: None,
            revoked: false,
        },
    );
    data.tokens.insert(
        "pat-john",
        PersonalAccessToken {
            id: id("pat-john"),
            user_id: id("user-uuid"),
            name: "John's".into(),
            token_prefix: secret::prefix_of(USER_TOKEN),
            token_hash: secret::hash(USER_TOKEN),
            expires_at: None,
            created_at: AT.into(),
            last_used_at: None,
            revoked: false,
        },
    );
    data.projects.insert(
        "project-uuid",
        Project {
            id: id("project-uuid"),
            name: "Example Project".into(),
            slug: "example-project".into(),
            description: Some("The project the seed's examples name".into()),
            created_at: AT.into(),
            updated_at: AT.into(),
        },
    );
    data.tenants.insert(
        "tenant-uuid",
        tenant("tenant-uuid", "tenant-slug", TenantType::Dev),
    );
    data.tenants.insert(
        "prod-tenant-uuid",
        tenant("prod-tenant-uuid", "prod", TenantType::Run),
    );
    data.tenants.insert(
        "new-tenant-uuid",
        tenant("new-tenant-uuid", "new", TenantType::Test),
    );
    data.applications.insert(
        "app-uuid",
        Application {
            id: id("app-uuid"),
            tenant_id: id("tenant-uuid"),
            name: "Application Name".into(),
            slug: "app-slug".into(),
            description: None,
            version: Some("0.9.0".into()),
            created_at: AT.into(),
            updated_at: AT.into(),
        },
    );
    data.endpoints.insert(
        "endpoint-uuid",
        Endpoint {
            id: id("endpoint-uuid"),
            application_id: id("app-uuid"),
            name: "Existing endpoint".into(),
            description: None,
            enabled: true,
            url: "https://backend.example.com/existing".into(),
            consume_url: "/api/existing".into(),
            auth_type: EndpointAuthType::Bearer,
            input_message_type: Some(EndpointInputMessageType::Json),
            output_message_type: Some(EndpointOutputMessageType::Json),
            log_level: EndpointLogLevel::Basic,
            created_at: AT.into(),
            updated_at: AT.into(),
        },
    );
    data.triggers.insert(
        "trigger-uuid",
        Trigger {
            id: id("trigger-uuid"),
            application_id: id("app-uuid"),
            name: "Existing trigger".into(),
            description: None,
            cron_expression: "0 1 * * *".into(),
            run_key: "existing".into(),
            enabled: true,
            created_at: AT.into(),
            updated_at: AT.into(),
        },
    );
    data.backend_settings.insert(
        "backend-settings-uuid",
        BackendSettings {
            id: id("backend-settings-uuid"),
            owner: Owner::Application("app-uuid".into()),
            module_config: BackendModuleConfig {
                enabled_modules: Some(vec!["auth".into()]),
                key_value_pairs: vec![KeyValuePair {
                    key: "api_timeout".into(),
                    value: "10".into(),
                }],
            },
            created_at: AT.into(),
            updated_at: AT.into(),
        },
    );
    let frontend = |id_: &str, owner: Owner, locales: &[&str]| FrontendSettings {
        id: id(id_),
        owner,
        module_config: FrontendModuleConfig {
            enabled_themes: Some(vec!["light".into(), "dark".into()]),
            default_theme: Some("light".into()),
            enabled_locales: Some(locales.iter().map(|l| l.to_string()).collect()),
            default_locale: Some("en".into()),
            enabled_modules: None,
            key_value_pairs: Vec::new(),
        },
        created_at: AT.into(),
        updated_at: AT.into(),
    };
    data.frontend_settings.insert(
        "frontend-settings-uuid",
        frontend(
            "frontend-settings-uuid",
            Owner::Tenant("prod-tenant-uuid".into()),
            &["en", "hu"],
        ),
    );
    data.frontend_settings.insert(
        "settings-uuid",
        frontend(
            "settings-uuid",
            Owner::Project("project-uuid".into()),
            &["en"],
        ),
    );
    data.machine_users.insert(
        "machine-user-uuid",
        machine("machine-user-uuid", "existing-service"),
    );
    data.machine_users.insert(
        "machine-user-2",
        machine("machine-user-2", "second-service"),
    );
    data.machine_user_endpoints.insert(
        "relation-uuid",
        MachineUser2Endpoint {
            id: id("relation-uuid"),
            machine_user_id: id("machine-user-2"),
            endpoint_id: id("endpoint-uuid"),
            enabled: true,
            created_at: AT.into(),
            updated_at: AT.into(),
        },
    );
    data.user_projects.insert(
        "relation-uuid",
        link("relation-uuid", "admin-uuid", "project-uuid", Role::Admin),
    );
    data.user_tenants.insert(
        "relation-uuid",
        link("relation-uuid", "admin-uuid", "tenant-uuid", Role::Admin),
    );
    data.user_applications.insert(
        "relation-uuid",
        link("relation-uuid", "admin-uuid", "app-uuid", Role::Admin),
    );
    data.language_packs.insert(
        "language-pack-uuid",
        LanguagePack {
            id: id("language-pack-uuid"),
            project_id: id("project-uuid"),
            name: "de-DE".into(),
            content: vec![KeyValuePair {
                key: "welcome".into(),
                value: "Willkommen".into(),
            }],
            created_at: AT.into(),
            updated_at: AT.into(),
        },
    );
    let bytes = crate::demo::gzip(b"{\"name\":\"@my-org/my-pilet\",\"version\":\"1.0.0\"}");
    data.pilets.insert(
        "pilet-uuid",
        PiletPackage {
            id: id("pilet-uuid"),
            project_id: id("project-uuid"),
            name: "@my-org/my-pilet".into(),
            version: "1.0.0".into(),
            description: Some("My pilet description".into()),
            size: bytes.len() as i64,
            hash: crate::pilet::integrity(&bytes),
            enabled: true,
            created_at: AT.into(),
            updated_at: AT.into(),
        },
    );
    data.pilet_files.insert(
        "pilet-uuid",
        PiletFile {
            id: "pilet-uuid".into(),
            base64: data_encoding::BASE64.encode(&bytes),
        },
    );
}
