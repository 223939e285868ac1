//! The demo: a Manager with realistic projects, each with development, test and production
//! tenants, applications with endpoints and triggers, settings at all three levels, machine
//! users, language packs, users with roles, pilets and the audit history of it all. Everything
//! comes from one seeded generator (the same seed gives the same data, ids and tokens
//! included); `scale` multiplies the projects.

use async_graphql::ID;
use rand::rngs::StdRng;
use rand::seq::IndexedRandom;
use rand::{Rng, SeedableRng};
use serde_json::json;

use crate::audit::{diff, snapshot};
use crate::ids::format_time;
use crate::records::*;
use crate::secret::{self, MACHINE_PREFIX, PAT_PREFIX};
use crate::store::Data;

/// The demo's seed and size.
#[derive(Debug, Clone, Copy)]
pub struct DemoOptions {
    /// The generator's seed: the same seed gives the same data, ids and tokens.
    pub seed: u64,
    /// How many times the hand-made projects are repeated (1: four projects).
    pub scale: u32,
}

impl Default for DemoOptions {
    fn default() -> Self {
        Self { seed: 42, scale: 1 }
    }
}

/// The demo administrator's username.
pub const ADMIN_USERNAME: &str = "ada.admin";

const PROJECTS: &[(&str, &str, &str)] = &[
    (
        "Webshop",
        "webshop",
        "Online store, checkout and order handling",
    ),
    (
        "Field Service",
        "field-service",
        "Scheduling and reports for technicians on the road",
    ),
    (
        "Customer Portal",
        "customer-portal",
        "Self-service portal for business customers",
    ),
    (
        "Logistics Hub",
        "logistics-hub",
        "Warehouse, shipping and carrier integrations",
    ),
];
const TENANTS: &[(&str, &str, TenantType)] = &[
    ("Development", "dev", TenantType::Dev),
    ("Test", "test", TenantType::Test),
    ("Production", "prod", TenantType::Run),
];
const APPS: &[(&str, &str, &str)] = &[
    (
        "Storefront",
        "storefront",
        "Customer-facing web application",
    ),
    (
        "Admin Console",
        "admin-console",
        "Back office for the operations team",
    ),
    ("Order API", "order-api", "Orders, payments and refunds"),
    ("Mobile App", "mobile-app", "iOS and Android companion app"),
    ("Reports", "reports", "Dashboards and scheduled exports"),
];
const ENDPOINTS: &[(&str, &str, &str)] = &[
    ("Order Processor", "/api/orders/process", "process-orders"),
    ("Webhook Handler", "/api/webhook", "webhook"),
    ("Inventory Sync", "/api/inventory", "inventory"),
    ("Invoice Export", "/api/invoices/export", "invoices/export"),
    ("Customer Lookup", "/api/customers/*", "customers"),
];
const TRIGGERS: &[(&str, &str, &str)] = &[
    ("Daily Report", "0 6 * * *", "daily-report"),
    ("Hourly Order Processing", "0 * * * *", "hourly-orders"),
    ("Nightly Cleanup", "30 2 * * *", "nightly-cleanup"),
    ("Weekly Digest", "0 8 * * MON", "weekly-digest"),
    ("Stock Check", "*/15 7-19 * * MON-FRI", "stock-check"),
];
const PEOPLE: &[(&str, &str)] = &[
    ("Ben Becker", "ben.becker"),
    ("Chloe Martin", "chloe.martin"),
    ("Dániel Kovács", "daniel.kovacs"),
    ("Emma de Vries", "emma.devries"),
    ("Farid Haddad", "farid.haddad"),
    ("Greta Lindqvist", "greta.lindqvist"),
    ("Hugo Moreau", "hugo.moreau"),
    ("Ines Ferreira", "ines.ferreira"),
    ("John Doe", "john.doe"),
    ("Katalin Szabó", "katalin.szabo"),
    ("Liam O'Brien", "liam.obrien"),
];
const LANGUAGES: &[(&str, &[(&str, &str)])] = &[
    (
        "en-US",
        &[
            ("welcome", "Welcome"),
            ("login", "Log in"),
            ("logout", "Log out"),
            ("orders", "Orders"),
        ],
    ),
    (
        "de-DE",
        &[
            ("welcome", "Willkommen"),
            ("login", "Anmelden"),
            ("logout", "Abmelden"),
            ("orders", "Bestellungen"),
        ],
    ),
    (
        "hu-HU",
        &[
            ("welcome", "Üdvözöljük"),
            ("login", "Bejelentkezés"),
            ("logout", "Kijelentkezés"),
            ("orders", "Rendelések"),
        ],
    ),
    (
        "nl-NL",
        &[
            ("welcome", "Welkom"),
            ("login", "Inloggen"),
            ("logout", "Uitloggen"),
            ("orders", "Bestellingen"),
        ],
    ),
];
const PILETS: &[&str] = &[
    "@outpost/dashboard",
    "@outpost/orders",
    "@outpost/reports",
    "checkout-widget",
];
const MODULES: &[&str] = &[
    "auth",
    "notifications",
    "analytics",
    "billing",
    "search",
    "audit",
];

/// Fills a new database with the demo; returns the administrator's personal access token
/// (the same for the same seed, so a reloaded `--data` file can name it again).
pub fn seed(data: &mut Data, options: DemoOptions, fresh: bool) -> String {
    let mut g = Gen::new(options.seed);
    let token = secret::token(PAT_PREFIX, &mut g.rng);
    if fresh {
        g.fill(data, &token, options.scale.max(1));
    }
    token
}

/// Fills a new database with the administrator alone (a Manager without `--demo` that a client
/// can still sign in to); returns its token, the demo's for the same seed.
pub fn seed_admin(data: &mut Data, seed: u64, fresh: bool) -> String {
    let mut g = Gen::new(seed);
    let token = secret::token(PAT_PREFIX, &mut g.rng);
    if fresh {
        g.admin(data, &token);
    }
    token
}

/// A minimal gzip file (one stored deflate block) holding `payload`: what a pilet upload is.
pub fn gzip(payload: &[u8]) -> Vec<u8> {
    let mut out = vec![0x1f, 0x8b, 8, 0, 0, 0, 0, 0, 0, 0xff];
    let len = payload.len().min(u16::MAX as usize) as u16;
    out.push(1);
    out.extend_from_slice(&len.to_le_bytes());
    out.extend_from_slice(&(!len).to_le_bytes());
    out.extend_from_slice(&payload[..len as usize]);
    out.extend_from_slice(&crc32(&payload[..len as usize]).to_le_bytes());
    out.extend_from_slice(&(len as u32).to_le_bytes());
    out
}

fn crc32(bytes: &[u8]) -> u32 {
    let mut crc = !0u32;
    for &b in bytes {
        crc ^= b as u32;
        for _ in 0..8 {
            crc = if crc & 1 == 1 {
                (crc >> 1) ^ 0xEDB8_8320
            } else {
                crc >> 1
            };
        }
    }
    !crc
}

struct Gen {
    rng: StdRng,
    clock: chrono::DateTime<chrono::Utc>,
    admin: ID,
}

impl Gen {
    fn new(seed: u64) -> Self {
        Self {
            rng: StdRng::seed_from_u64(seed),
            clock: chrono::DateTime::parse_from_rfc3339("2026-01-05T09:00:00Z")
                .expect("a fixed time")
                .with_timezone(&chrono::Utc),
            admin: ID::default(),
        }
    }

    fn id(&mut self) -> ID {
        ID(uuid::Builder::from_random_bytes(self.rng.random())
            .into_uuid()
            .to_string())
    }

    /// The next moment of the demo's history: a few minutes to a few hours on.
    fn tick(&mut self) -> String {
        self.clock += chrono::Duration::minutes(self.rng.random_range(3..240));
        format_time(self.clock)
    }

    fn audit<T: serde::Serialize>(
        &mut self,
        data: &mut Data,
        project: Option<&ID>,
        (entity_type, entity_id, at): (&str, &ID, &str),
        (action, operation): (&str, &str),
        (before, after): (Option<&T>, Option<&T>),
    ) {
        let id = self.id();
        let log = AuditLog {
            id: id.clone(),
            project_id: project.cloned(),
            entity_type: entity_type.into(),
            entity_id: entity_id.clone(),
            action: action.into(),
            description: format!("{operation}: {entity_type} {}", entity_id.as_str()),
            metadata: json!({ "operation": operation }),
            changes: diff(
                before.and_then(snapshot).as_ref(),
                after.and_then(snapshot).as_ref(),
            ),
            ip_address: Some(format!(
                "10.0.{}.{}",
                self.rng.random_range(0..8),
                self.rng.random_range(2..250)
            )),
            user_agent: Some("Outpost demo".into()),
            created_at: at.into(),
            user_id: Some(self.admin.clone()),
        };
        data.audit_logs.insert(id.to_string(), log);
    }

    fn fill(&mut self, data: &mut Data, token: &str, scale: u32) {
        self.admin(data, token);
        let users = self.people(data);
        for round in 0..scale {
            for (i, (name, slug, about)) in PROJECTS.iter().enumerate() {
                let (name, slug) = if round == 0 {
                    (name.to_string(), slug.to_string())
                } else {
                    (
                        format!("{name} {}", round + 1),
                        format!("{slug}-{}", round + 1),
                    )
                };
                self.project(data, &users, (&name, &slug, about), i);
            }
        }
    }

    /// The administrator and its personal access token.
    fn admin(&mut self, data: &mut Data, token: &str) {
        let at = self.tick();
        self.admin = self.id();
        data.users.insert(
            self.admin.to_string(),
            User {
                id: self.admin.clone(),
                username: ADMIN_USERNAME.into(),
                email: "ada.admin@outpost.example".into(),
                display_name: "Ada Admin".into(),
                disabled: false,
                admin: true,
                created_at: at.clone(),
            },
        );
        let pat = PersonalAccessToken {
            id: self.id(),
            user_id: self.admin.clone(),
            name: "Demo administrator".into(),
            token_prefix: secret::prefix_of(token),
            token_hash: secret::hash(token),
            expires_at: None,
            created_at: at,
            last_used_at: None,
            revoked: false,
        };
        data.tokens.insert(pat.id.to_string(), pat);
    }

    /// The people who hold roles in the demo's projects.
    fn people(&mut self, data: &mut Data) -> Vec<ID> {
        let mut ids = Vec::new();
        for (i, (name, username)) in PEOPLE.iter().enumerate() {
            let id = self.id();
            let user = User {
                id: id.clone(),
                username: username.to_string(),
                email: format!("{username}@outpost.example"),
                display_name: name.to_string(),
                // One former colleague: the provider still lists them, disabled.
                disabled: i == PEOPLE.len() - 1,
                admin: false,
                created_at: self.tick(),
            };
            data.users.insert(id.to_string(), user);
            ids.push(id);
        }
        ids
    }

    fn project(
        &mut self,
        data: &mut Data,
        users: &[ID],
        (name, slug, about): (&str, &str, &str),
        nth: usize,
    ) {
        let at = self.tick();
        let project = Project {
            id: self.id(),
            name: name.into(),
            slug: slug.into(),
            description: Some(about.into()),
            created_at: at.clone(),
            updated_at: at.clone(),
        };
        let pid = project.id.clone();
        data.projects.insert(pid.to_string(), project.clone());
        self.audit(
            data,
            Some(&pid),
            ("project", &pid, &at),
            ("create", "createProject"),
            (None, Some(&project)),
        );
        // Roles: an admin, two editors and a viewer among the people, by turns.
        let roles = [Role::Admin, Role::Editor, Role::Editor, Role::Viewer];
        for (k, role) in roles.iter().enumerate() {
            let user = users[(nth * 3 + k) % (users.len() - 1)].clone();
            let link = self.link(&user, &pid, *role);
            data.user_projects.insert(link.id.to_string(), link.clone());
            self.audit(
                data,
                Some(&pid),
                ("user_project", &link.id, &link.created_at),
                ("create", "addUserToProject"),
                (None, Some(&link)),
            );
        }
        let modules: Vec<String> = MODULES[..4].iter().map(|m| m.to_string()).collect();
        self.backend(
            data,
            &pid,
            Owner::Project(pid.to_string()),
            Some(modules),
            &[
                ("api_timeout", "30"),
                ("max_retries", "3"),
                ("log_format", "json"),
            ],
        );
        self.frontend(
            data,
            &pid,
            Owner::Project(pid.to_string()),
            (Some(&["light", "dark"]), Some("light")),
            (Some(&["en", "de", "hu"]), Some("en")),
        );
        for (lang, content) in LANGUAGES.iter().take(2 + nth % 3) {
            let at = self.tick();
            let pack = LanguagePack {
                id: self.id(),
                project_id: pid.clone(),
                name: lang.to_string(),
                content: content
                    .iter()
                    .map(|(k, v)| KeyValuePair {
                        key: k.to_string(),
                        value: v.to_string(),
                    })
                    .collect(),
                created_at: at.clone(),
                updated_at: at.clone(),
            };
            data.language_packs
                .insert(pack.id.to_string(), pack.clone());
            self.audit(
                data,
                Some(&pid),
                ("language_pack", &pack.id, &at),
                ("create", "createLanguagePack"),
                (None, Some(&pack)),
            );
        }
        self.pilets(data, &pid, nth);
        let apps: Vec<(&str, &str, &str)> = APPS
            .choose_multiple(&mut self.rng, 2 + nth % 3)
            .copied()
            .collect();
        for (t, (tname, tslug, kind)) in TENANTS.iter().enumerate() {
            let at = self.tick();
            let tenant = Tenant {
                id: self.id(),
                project_id: pid.clone(),
                name: tname.to_string(),
                slug: tslug.to_string(),
                description: Some(format!("{tname} environment of {name}")),
                kind: *kind,
                created_at: at.clone(),
                updated_at: at.clone(),
            };
            let tid = tenant.id.clone();
            data.tenants.insert(tid.to_string(), tenant.clone());
            self.audit(
                data,
                Some(&pid),
                ("tenant", &tid, &at),
                ("create", "createTenant"),
                (None, Some(&tenant)),
            );
            if *kind == TenantType::Run {
                // Production waits longer and retries more; its users see only the light theme.
                self.backend(
                    data,
                    &pid,
                    Owner::Tenant(tid.to_string()),
                    None,
                    &[("api_timeout", "60"), ("max_retries", "5")],
                );
                self.frontend(
                    data,
                    &pid,
                    Owner::Tenant(tid.to_string()),
                    (Some(&["light"]), Some("light")),
                    (None, None),
                );
            } else {
                self.backend(
                    data,
                    &pid,
                    Owner::Tenant(tid.to_string()),
                    None,
                    &[("log_level", "debug")],
                );
            }
            let tester = users[(nth + t) % (users.len() - 1)].clone();
            let link = self.link(
                &tester,
                &tid,
                if *kind == TenantType::Run {
                    Role::Viewer
                } else {
                    Role::Editor
                },
            );
            data.user_tenants.insert(link.id.to_string(), link.clone());
            self.audit(
                data,
                Some(&pid),
                ("user_tenant", &link.id, &link.created_at),
                ("create", "addUserToTenant"),
                (None, Some(&link)),
            );
            let machine = self.machine(data, &pid, &tid, &format!("{slug}-{tslug}-sync"));
            for (a, app) in apps.iter().enumerate() {
                self.application(data, (&pid, &tid, &machine), *app, (t, a), users);
            }
        }
    }

    fn link(&mut self, user: &ID, target: &ID, role: Role) -> RoleLink {
        let at = self.tick();
        RoleLink {
            id: self.id(),
            user_id: user.clone(),
            target_id: target.clone(),
            role,
            created_at: at.clone(),
            updated_at: at,
        }
    }

    fn backend(
        &mut self,
        data: &mut Data,
        project: &ID,
        owner: Owner,
        modules: Option<Vec<String>>,
        pairs: &[(&str, &str)],
    ) {
        let at = self.tick();
        let row = BackendSettings {
            id: self.id(),
            owner,
            module_config: BackendModuleConfig {
                enabled_modules: modules,
                key_value_pairs: pairs
                    .iter()
                    .map(|(k, v)| KeyValuePair {
                        key: k.to_string(),
                        value: v.to_string(),
                    })
                    .collect(),
            },
            created_at: at.clone(),
            updated_at: at.clone(),
        };
        data.backend_settings
            .insert(row.id.to_string(), row.clone());
        self.audit(
            data,
            Some(project),
            ("backend_settings", &row.id, &at),
            ("create", "createBackendSettings"),
            (None, Some(&row)),
        );
    }

    fn frontend(
        &mut self,
        data: &mut Data,
        project: &ID,
        owner: Owner,
        (themes, theme): (Option<&[&str]>, Option<&str>),
        (locales, locale): (Option<&[&str]>, Option<&str>),
    ) {
        let at = self.tick();
        let list = |l: Option<&[&str]>| l.map(|l| l.iter().map(|s| s.to_string()).collect());
        let row = FrontendSettings {
            id: self.id(),
            owner,
            module_config: FrontendModuleConfig {
                enabled_themes: list(themes),
                default_theme: theme.map(str::to_owned),
                enabled_locales: list(locales),
                default_locale: locale.map(str::to_owned),
                enabled_modules: None,
                key_value_pairs: vec![KeyValuePair {
                    key: "show_footer".into(),
                    value: "true".into(),
                }],
            },
            created_at: at.clone(),
            updated_at: at.clone(),
        };
        data.frontend_settings
            .insert(row.id.to_string(), row.clone());
        self.audit(
            data,
            Some(project),
            ("frontend_settings", &row.id, &at),
            ("create", "createFrontendSettings"),
            (None, Some(&row)),
        );
    }

    fn machine(&mut self, data: &mut Data, project: &ID, tenant: &ID, username: &str) -> ID {
        let at = self.tick();
        let token = secret::token(MACHINE_PREFIX, &mut self.rng);
        let row = MachineUser {
            id: self.id(),
            tenant_id: tenant.clone(),
            name: format!("Sync service ({username})"),
            description: Some("Pushes orders and stock between the ESB and the ERP".into()),
            username: username.into(),
            enabled: true,
            token_prefix: Some(secret::prefix_of(&token)),
            key_kind: KeyKind::Token,
            key_hash: secret::hash(&token),
            created_at: at.clone(),
            updated_at: at.clone(),
        };
        data.machine_users.insert(row.id.to_string(), row.clone());
        self.audit(
            data,
            Some(project),
            ("machine_user", &row.id, &at),
            ("create", "createMachineUserWithCredentials"),
            (None, Some(&row)),
        );
        row.id
    }

    fn application(
        &mut self,
        data: &mut Data,
        (project, tenant, machine): (&ID, &ID, &ID),
        (name, slug, about): (&str, &str, &str),
        (t, a): (usize, usize),
        users: &[ID],
    ) {
        let at = self.tick();
        let app = Application {
            id: self.id(),
            tenant_id: tenant.clone(),
            name: name.into(),
            slug: slug.into(),
            description: Some(about.into()),
            version: Some(format!("1.{}.{}", 4 - t.min(3), a)),
            created_at: at.clone(),
            updated_at: at.clone(),
        };
        let aid = app.id.clone();
        data.applications.insert(aid.to_string(), app.clone());
        self.audit(
            data,
            Some(project),
            ("application", &aid, &at),
            ("create", "createApplication"),
            (None, Some(&app)),
        );
        let host = format!("{slug}.{}.backend.example.com", TENANTS[t].1);
        let count = self.rng.random_range(1..=4);
        for (n, (ename, consume, path)) in ENDPOINTS
            .choose_multiple(&mut self.rng, count)
            .copied()
            .collect::<Vec<_>>()
            .into_iter()
            .enumerate()
        {
            let at = self.tick();
            let endpoint = Endpoint {
                id: self.id(),
                application_id: aid.clone(),
                name: ename.into(),
                description: Some(format!("{ename} for {name}")),
                enabled: true,
                url: format!("https://{host}/{path}"),
                consume_url: consume.into(),
                auth_type: *[
                    EndpointAuthType::Bearer,
                    EndpointAuthType::Basic,
                    EndpointAuthType::None,
                ]
                .choose(&mut self.rng)
                .expect("not empty"),
                input_message_type: Some(EndpointInputMessageType::Json),
                output_message_type: Some(if n % 3 == 2 {
                    EndpointOutputMessageType::Xml
                } else {
                    EndpointOutputMessageType::Json
                }),
                log_level: *[
                    EndpointLogLevel::Basic,
                    EndpointLogLevel::Basic,
                    EndpointLogLevel::Full,
                    EndpointLogLevel::None,
                ]
                .choose(&mut self.rng)
                .expect("not empty"),
                created_at: at.clone(),
                updated_at: at.clone(),
            };
            data.endpoints
                .insert(endpoint.id.to_string(), endpoint.clone());
            self.audit(
                data,
                Some(project),
                ("endpoint", &endpoint.id, &at),
                ("create", "createEndpoint"),
                (None, Some(&endpoint)),
            );
            // Now and then someone switched an endpoint off later: the history shows the update.
            if self.rng.random_bool(0.15) {
                let at = self.tick();
                let mut off = endpoint.clone();
                (off.enabled, off.updated_at) = (false, at.clone());
                data.endpoints.insert(off.id.to_string(), off.clone());
                self.audit(
                    data,
                    Some(project),
                    ("endpoint", &off.id, &at),
                    ("update", "updateEndpoint"),
                    (Some(&endpoint), Some(&off)),
                );
            }
            if n == 0 {
                let at = self.tick();
                let rel = MachineUser2Endpoint {
                    id: self.id(),
                    machine_user_id: machine.clone(),
                    endpoint_id: endpoint.id.clone(),
                    enabled: true,
                    created_at: at.clone(),
                    updated_at: at.clone(),
                };
                data.machine_user_endpoints
                    .insert(rel.id.to_string(), rel.clone());
                self.audit(
                    data,
                    Some(project),
                    ("machine_user_endpoint", &rel.id, &at),
                    ("create", "createMachineUser2Endpoint"),
                    (None, Some(&rel)),
                );
            }
        }
        let count = self.rng.random_range(0..=3);
        for (tname, cron, run_key) in TRIGGERS
            .choose_multiple(&mut self.rng, count)
            .copied()
            .collect::<Vec<_>>()
        {
            let at = self.tick();
            let trigger = Trigger {
                id: self.id(),
                application_id: aid.clone(),
                name: tname.into(),
                description: Some(format!("{tname} of {name}")),
                cron_expression: cron.into(),
                run_key: run_key.into(),
                enabled: self.rng.random_bool(0.8),
                created_at: at.clone(),
                updated_at: at.clone(),
            };
            data.triggers
                .insert(trigger.id.to_string(), trigger.clone());
            self.audit(
                data,
                Some(project),
                ("trigger", &trigger.id, &at),
                ("create", "createTrigger"),
                (None, Some(&trigger)),
            );
        }
        // Some applications override settings of their own: a timeout, a module list, a locale.
        if a % 2 == 0 {
            let modules: Vec<String> = MODULES
                .choose_multiple(&mut self.rng, 2)
                .map(|m| m.to_string())
                .collect();
            self.backend(
                data,
                project,
                Owner::Application(aid.to_string()),
                Some(modules),
                &[("api_timeout", "45"), ("feature_flag_checkout_v2", "true")],
            );
        }
        if a == 1 {
            self.frontend(
                data,
                project,
                Owner::Application(aid.to_string()),
                (None, Some("dark")),
                (Some(&["en", "hu"]), Some("hu")),
            );
        }
        let member = users[(t * 5 + a) % (users.len() - 1)].clone();
        let link = self.link(&member, &aid, Role::Editor);
        data.user_applications
            .insert(link.id.to_string(), link.clone());
        self.audit(
            data,
            Some(project),
            ("user_application", &link.id, &link.created_at),
            ("create", "addUserToApplication"),
            (None, Some(&link)),
        );
    }

    fn pilets(&mut self, data: &mut Data, project: &ID, nth: usize) {
        for name in PILETS.iter().take(2 + nth % 3) {
            let versions = self.rng.random_range(1..=3);
            for v in 0..versions {
                let version = format!("1.{v}.{}", self.rng.random_range(0..10));
                if crate::pilet::find(data, project, name, &version).is_some() {
                    continue;
                }
                let at = self.tick();
                let bytes = gzip(
                    json!({ "name": name, "version": version, "main": "index.js" })
                        .to_string()
                        .as_bytes(),
                );
                let row = PiletPackage {
                    id: self.id(),
                    project_id: project.clone(),
                    name: name.to_string(),
                    version,
                    description: Some(format!("{name} micro-frontend")),
                    size: bytes.len() as i64,
                    hash: crate::pilet::integrity(&bytes),
                    // The newest version of each is live; an older one was switched off.
                    enabled: v + 1 == versions || v % 2 == 0,
                    created_at: at.clone(),
                    updated_at: at.clone(),
                };
                data.pilet_files.insert(
                    row.id.to_string(),
                    PiletFile {
                        id: row.id.to_string(),
                        base64: data_encoding::BASE64.encode(&bytes),
                    },
                );
                data.pilets.insert(row.id.to_string(), row.clone());
                self.audit(
                    data,
                    Some(project),
                    ("pilet_package", &row.id, &at),
                    ("create", "POST /pilets"),
                    (None, Some(&row)),
                );
            }
        }
    }
}
