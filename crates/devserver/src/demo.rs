//! Demo data, the same for the same seed: tenants of different states, a demo admin who belongs
//! to several of them with different roles, and a field technician with TOTP sign-in.

use rand::rngs::StdRng;
use rand::{RngCore, SeedableRng};

use crate::auth::store::{AuthStore, Membership, Tenant, User};

/// The demo administrator: owner of the first tenant, admin of the second, member of a
/// suspended one.
pub const ADMIN_EMAIL: &str = "admin@outpost.example";
pub const ADMIN_PASSWORD: &str = "outpost-demo";
/// A user with two-factor sign-in (TOTP); see [`totp_secret`] and [`BACKUP_CODES`].
pub const TOTP_USER_EMAIL: &str = "field.tech@outpost.example";
pub const TOTP_USER_PASSWORD: &str = "outpost-demo";
/// One-time backup codes of the TOTP user.
pub const BACKUP_CODES: [&str; 3] = ["RQ7M-2KXV-09", "TB4N-8WZL-17", "HX3P-6CJD-42"];

#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub struct DemoOptions {
    pub seed: u64,
}

impl Default for DemoOptions {
    fn default() -> Self {
        Self { seed: 42 }
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
    for (slug, name, status) in [
        ("acme-field", "Acme Field Services", "active"),
        ("northwind", "Northwind Clinics", "active"),
        ("globex", "Globex Retail", "inactive"),
    ] {
        auth.tenants.push(Tenant {
            id: tenant_id(slug),
            name: name.into(),
            slug: slug.into(),
            status: status.into(),
        });
    }
    let admin = id("user", ADMIN_EMAIL);
    let tech = id("user", TOTP_USER_EMAIL);
    auth.users.push(User {
        id: admin.clone(),
        email: ADMIN_EMAIL.into(),
        display_name: "Dana Admin".into(),
        password: ADMIN_PASSWORD.into(),
        default_tenant_id: tenant_id("acme-field"),
        totp_secret: None,
        backup_codes: Vec::new(),
        two_factor_enabled_at: None,
    });
    auth.users.push(User {
        id: tech.clone(),
        email: TOTP_USER_EMAIL.into(),
        display_name: "Sam Field".into(),
        password: TOTP_USER_PASSWORD.into(),
        default_tenant_id: tenant_id("acme-field"),
        totp_secret: Some(totp_secret(options)),
        backup_codes: BACKUP_CODES.iter().map(|c| c.to_string()).collect(),
        two_factor_enabled_at: Some(joined.clone()),
    });
    for (user, slug, role, status) in [
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
