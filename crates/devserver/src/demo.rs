//! Demo data, the same for the same seed: tenants of different states, a demo admin who belongs
//! to several of them with different roles, and a field technician with TOTP sign-in.

use rand::rngs::StdRng;
use rand::{RngCore, SeedableRng};

use rand::seq::IndexedRandom;
use serde_json::{json, Map, Value};

use crate::auth::secret::SaltedHash;
use crate::auth::store::{AuthStore, Membership, Tenant, User};
use crate::contacts::ContactStore;

/// The demo administrator: owner of the first tenant, admin of the second, member of a
/// suspended one.
pub const ADMIN_EMAIL: &str = "admin@outpost.example";
pub const ADMIN_PASSWORD: &str = "outpost-demo";
/// A user with two-factor sign-in (TOTP); see [`totp_secret`] and [`BACKUP_CODES`].
pub const TOTP_USER_EMAIL: &str = "field.tech@outpost.example";
pub const TOTP_USER_PASSWORD: &str = "outpost-demo";
/// A guest of the first tenant: reads everything, changes nothing.
pub const GUEST_EMAIL: &str = "viewer@outpost.example";
pub const GUEST_PASSWORD: &str = "outpost-demo";
/// One-time backup codes of the TOTP user.
pub const BACKUP_CODES: [&str; 3] = ["RQ7M-2KXV-09", "TB4N-8WZL-17", "HX3P-6CJD-42"];

#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub struct DemoOptions {
    pub seed: u64,
    /// How much data the first demo tenant gets (contacts and calendar entries).
    pub scale: Scale,
}

impl Default for DemoOptions {
    fn default() -> Self {
        Self {
            seed: 42,
            scale: Scale::Small,
        }
    }
}

/// The size of the demo: `small` (the hand-made demo), `large` (100,000 contacts and 50,000
/// entries in the first demo tenant), or a number of contacts (entries: half as many).
#[derive(Debug, Clone, Copy, PartialEq, Eq, Default)]
pub enum Scale {
    #[default]
    Small,
    Large,
    Contacts(usize),
}

impl Scale {
    /// (contacts, entries) the first demo tenant ends up with; `None` for the small demo.
    pub fn targets(self) -> Option<(usize, usize)> {
        match self {
            Scale::Small => None,
            Scale::Large => Some((100_000, 50_000)),
            Scale::Contacts(n) => Some((n, n / 2)),
        }
    }
}

impl std::str::FromStr for Scale {
    type Err = String;

    fn from_str(s: &str) -> Result<Self, String> {
        match s {
            "small" => Ok(Scale::Small),
            "large" => Ok(Scale::Large),
            n => n
                .parse()
                .map(Scale::Contacts)
                .map_err(|_| format!("{s}: expected small, large or a number of contacts")),
        }
    }
}

/// A stable id for a named demo object.
fn id(kind: &str, name: &str) -> String {
    uuid::Uuid::new_v5(
        &uuid::Uuid::NAMESPACE_OID,
        format!("outpost-demo/{kind}/{name}").as_bytes(),
    )
    .to_string()
}

/// The stable id of a named demo object (other modules' demo data use it too).
pub(crate) fn demo_id(kind: &str, name: &str) -> String {
    id(kind, name)
}

/// The id of a demo recurrence series (`standup`, `one-to-one`, `maintenance`,
/// `monthly-report`, `inspection`) of a tenant: the API lists no series, so callers that want
/// one must know its id.
pub fn series_id(tenant_slug: &str, name: &str) -> String {
    id("series", &format!("{tenant_slug}/{name}"))
}

/// The id of the demo administrator ([`ADMIN_EMAIL`]).
pub fn admin_id() -> String {
    id("user", ADMIN_EMAIL)
}

pub fn tenant_id(slug: &str) -> String {
    id("tenant", slug)
}

/// The TOTP secret (base32) of [`TOTP_USER_EMAIL`] for this seed.
pub fn totp_secret(options: DemoOptions) -> String {
    let mut rng = StdRng::seed_from_u64(options.seed);
    let mut bytes = [0u8; 20];
    rng.fill_bytes(&mut bytes);
    data_encoding::BASE32_NOPAD.encode(&bytes)
}

pub fn seed_auth(auth: &mut AuthStore, options: DemoOptions) {
    let joined = "2026-01-05T09:00:00Z".to_string();
    // Globex is suspended: `inactive` is the status the seed's suspend action leads to.
    for (slug, name, status, plan) in [
        ("acme-field", "Acme Field Services", "active", "enterprise"),
        ("northwind", "Northwind Clinics", "active", "trial"),
        ("globex", "Globex Retail", "inactive", "paid"),
    ] {
        let mut tenant = Tenant::new(
            &tenant_id(slug),
            name,
            slug,
            status,
            plan,
            "2026-01-05T08:00:00.000Z",
        );
        tenant.contact_email = Some(format!("office@{slug}.example"));
        tenant.additional_languages = vec!["de".into()];
        auth.tenants.push(tenant);
    }
    let admin = id("user", ADMIN_EMAIL);
    let tech = id("user", TOTP_USER_EMAIL);
    auth.users.push(User {
        id: admin.clone(),
        email: ADMIN_EMAIL.into(),
        display_name: "Dana Admin".into(),
        password: SaltedHash::new(ADMIN_PASSWORD),
        default_tenant_id: tenant_id("acme-field"),
        totp_secret: None,
        backup_codes: Vec::new(),
        two_factor_enabled_at: None,
        profile: Default::default(),
    });
    auth.users.push(User {
        id: tech.clone(),
        email: TOTP_USER_EMAIL.into(),
        display_name: "Sam Field".into(),
        password: SaltedHash::new(TOTP_USER_PASSWORD),
        default_tenant_id: tenant_id("acme-field"),
        totp_secret: Some(totp_secret(options)),
        backup_codes: BACKUP_CODES.iter().map(|c| SaltedHash::new(c)).collect(),
        two_factor_enabled_at: Some(joined.clone()),
        profile: Default::default(),
    });
    let guest = id("user", GUEST_EMAIL);
    auth.users.push(User {
        id: guest.clone(),
        email: GUEST_EMAIL.into(),
        display_name: "Vic Viewer".into(),
        password: SaltedHash::new(GUEST_PASSWORD),
        default_tenant_id: tenant_id("acme-field"),
        totp_secret: None,
        backup_codes: Vec::new(),
        two_factor_enabled_at: None,
        profile: Default::default(),
    });
    for (user, slug, role, status) in [
        (&guest, "acme-field", "guest", "active"),
        (&admin, "acme-field", "owner", "active"),
        (&admin, "northwind", "admin", "active"),
        (&admin, "globex", "member", "active"),
        (&tech, "acme-field", "member", "active"),
        (&tech, "northwind", "guest", "invited"),
    ] {
        auth.memberships.push(Membership {
            user_id: user.clone(),
            tenant_id: tenant_id(slug),
            role: role.into(),
            status: status.into(),
            joined_at: joined.clone(),
        });
    }
}

pub(crate) const FIRST: &[&str] = &[
    "Anna", "Jürgen", "Chloé", "Mateo", "Priya", "Olu", "Sofía", "Lars", "Mei", "Tomás", "Zoë",
    "Ahmed", "Ingrid", "Kenji", "Fatima", "Noah",
];
pub(crate) const LAST: &[&str] = &[
    "Müller", "García", "Okafor", "Nguyen", "Kowalski", "Dubois", "Rossi", "Larsen", "Tanaka",
    "Haddad", "O'Brien", "Silva", "Novák", "Fischer",
];
const CITIES: &[(&str, &str, &str)] = &[
    ("Berlin", "10115", "DE"),
    ("Lyon", "69002", "FR"),
    ("Rotterdam", "3011", "NL"),
    ("Porto", "4050", "PT"),
    ("Kraków", "31-001", "PL"),
];

/// One demo contact, the `n`th of its tenant.
fn demo_contact(rng: &mut StdRng, slug: &str, tenant: &str, n: usize) -> Map<String, Value> {
    let created = "2026-02-01T08:00:00.000Z";
    let first = FIRST.choose(rng).expect("names");
    let last = LAST.choose(rng).expect("names");
    let (city, postal, country) = CITIES.choose(rng).expect("cities");
    let handle = format!("{}.{}", first, last)
        .to_lowercase()
        .replace(['ü', 'ö'], "o")
        .replace(['é', 'á', 'í', 'ó', 'ë'], "e")
        .replace(['\'', ' '], "");
    let mut c = Map::new();
    c.insert("id".into(), json!(id("contact", &format!("{slug}/{n}"))));
    c.insert("tenantId".into(), json!(tenant));
    c.insert("first_name".into(), json!(first));
    c.insert("middle_name".into(), Value::Null);
    c.insert("last_name".into(), json!(last));
    c.insert("email".into(), json!(format!("{handle}{n}@example.com")));
    c.insert(
        "phone".into(),
        json!(format!("+49 30 {:07}", 1_000_000 + n * 7919)),
    );
    c.insert("url".into(), Value::Null);
    c.insert(
        "address".into(),
        json!({ "street": "Hauptstraße", "street_number": format!("{}", 1 + n), "city": city, "postal_code": postal, "country_code": country }),
    );
    c.insert(
        "notes".into(),
        if n % 5 == 0 {
            json!("Prefers calls before noon.")
        } else {
            Value::Null
        },
    );
    c.insert("created_at".into(), json!(created));
    c.insert("updated_at".into(), json!(created));
    c.insert("created_by".into(), json!(id("user", ADMIN_EMAIL)));
    c.insert("updated_by".into(), json!(id("user", ADMIN_EMAIL)));
    c
}

/// How many contacts each demo tenant starts with.
const CONTACTS: [(&str, usize); 2] = [("acme-field", 40), ("northwind", 25)];

/// Contacts for every active demo tenant, the same ones for the same seed.
pub fn seed_contacts(store: &mut ContactStore, options: DemoOptions) {
    let mut rng = StdRng::seed_from_u64(options.seed ^ 0xC047_AC75);
    for (slug, count) in CONTACTS {
        let tenant = tenant_id(slug);
        for n in 0..count {
            let c = demo_contact(&mut rng, slug, &tenant, n);
            store.insert(&tenant, c);
        }
    }
}

/// More contacts in the first demo tenant, until it has `total` (the scaled demo).
pub(crate) fn grow_contacts(store: &mut ContactStore, options: DemoOptions, total: usize) {
    let mut rng = StdRng::seed_from_u64(options.seed ^ 0xB01C_C047);
    let (slug, count) = CONTACTS[0];
    let tenant = tenant_id(slug);
    for n in count..total {
        let c = demo_contact(&mut rng, slug, &tenant, n);
        store.insert(&tenant, c);
    }
}

/// Links two contacts to each active member, space and resource of the demo tenants that have
/// contacts: the first of each pair primary.
pub(crate) fn seed_links(
    store: &mut ContactStore,
    directory: &crate::directory::DirectoryStore,
    auth: &AuthStore,
) {
    use crate::links::{ContactLink, EntityKind};
    for (slug, contacts) in CONTACTS {
        let tenant = tenant_id(slug);
        let mut entities: Vec<(EntityKind, String)> = auth
            .memberships
            .iter()
            .filter(|m| m.tenant_id == tenant && m.status == "active")
            .map(|m| (EntityKind::User, m.user_id.clone()))
            .collect();
        if let Some(dir) = directory.tenant(&tenant) {
            let ids = |rows: &[Map<String, Value>]| -> Vec<String> {
                rows.iter()
                    .filter_map(|r| r["id"].as_str().map(str::to_string))
                    .collect()
            };
            entities.extend(ids(&dir.spaces).into_iter().map(|i| (EntityKind::Space, i)));
            entities.extend(
                ids(&dir.resources)
                    .into_iter()
                    .map(|i| (EntityKind::Resource, i)),
            );
        }
        let links = store.links.tenant(&tenant);
        for (k, (kind, entity_id)) in entities.into_iter().enumerate() {
            for (j, is_primary) in [(0, true), (1, false)] {
                let n = (2 * k + j) % contacts;
                let contact_id = id("contact", &format!("{slug}/{n}"));
                links.push(ContactLink {
                    id: id("contact-link", &format!("{slug}/{entity_id}/{contact_id}")),
                    entity_type: kind,
                    entity_id: entity_id.clone(),
                    contact_id,
                    is_primary,
                    created_at: "2026-02-01T08:00:00.000Z".into(),
                    deleted_at: None,
                    deleted_by: None,
                });
            }
        }
    }
}
