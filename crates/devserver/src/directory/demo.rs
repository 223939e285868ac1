//! Demo directory data, the same for the same seed: a few more members in every demo tenant
//! (real sign-in users with their roles), groups with members, spaces and resources. The
//! meeting room and the service van keep the ids the demo calendars link to.

use rand::rngs::StdRng;
use rand::seq::IndexedRandom;
use rand::SeedableRng;
use serde_json::{json, Value};

use super::store::{DirectoryStore, GroupMember, Row};
use crate::auth::secret::SaltedHash;
use crate::auth::store::{AuthStore, Membership, User};
use crate::demo::{demo_id, tenant_id, DemoOptions, ADMIN_EMAIL, FIRST, LAST};

const CREATED: &str = "2026-01-05T09:00:00.000Z";
/// Every demo member signs in with this password.
pub const STAFF_PASSWORD: &str = "outpost-demo";
pub const TENANTS: [&str; 3] = ["acme-field", "northwind", "globex"];

/// Letters only, lower case, accents folded: for the demo email addresses.
fn handle(name: &str) -> String {
    name.chars()
        .filter_map(|c| match c {
            'ü' | 'ö' | 'ó' => Some('o'),
            'é' | 'ë' | 'á' | 'í' => Some('e'),
            c if c.is_ascii_alphabetic() => Some(c.to_ascii_lowercase()),
            _ => None,
        })
        .collect()
}

/// Five more members per demo tenant: a manager, three members, and a guest whose invitation
/// is still open.
pub fn seed_people(auth: &mut AuthStore, options: DemoOptions) {
    let mut rng = StdRng::seed_from_u64(options.seed ^ 0x5EED_D1EC);
    for slug in TENANTS {
        for (n, (role, status)) in [
            ("manager", "active"),
            ("member", "active"),
            ("member", "active"),
            ("member", "active"),
            ("guest", "invited"),
        ]
        .into_iter()
        .enumerate()
        {
            let first = FIRST.choose(&mut rng).copied().unwrap_or("Alex");
            let last = LAST.choose(&mut rng).copied().unwrap_or("Doe");
            let email = format!("{}.{}.{n}@{slug}.example", handle(first), handle(last));
            let id = demo_id("user", &email);
            auth.users.push(User {
                id: id.clone(),
                email,
                display_name: format!("{first} {last}"),
                password: SaltedHash::new(STAFF_PASSWORD),
                default_tenant_id: tenant_id(slug),
                totp_secret: None,
                backup_codes: Vec::new(),
                two_factor_enabled_at: None,
                profile: Default::default(),
            });
            auth.memberships.push(Membership {
                user_id: id,
                tenant_id: tenant_id(slug),
                role: role.into(),
                status: status.into(),
                joined_at: CREATED.into(),
            });
        }
    }
}

fn place(slug: &str, kind: &str, key: &str, name: &str, order: usize) -> Row {
    let mut row = Row::new();
    row.insert("id".into(), json!(demo_id(kind, &format!("{slug}/{key}"))));
    row.insert("name".into(), json!(name));
    row.insert("description".into(), Value::Null);
    row.insert("language".into(), json!("en"));
    row.insert("typeDefinitionId".into(), Value::Null);
    row.insert("typeName".into(), Value::Null);
    row.insert("status".into(), json!("active"));
    row.insert("manageable".into(), json!(true));
    row.insert("promotionType".into(), json!("None"));
    row.insert("promotionRank".into(), Value::Null);
    row.insert("promotionStartDate".into(), Value::Null);
    row.insert("promotionEndDate".into(), Value::Null);
    row.insert("customOrder".into(), json!(order));
    row.insert("created_by".into(), json!(demo_id("user", ADMIN_EMAIL)));
    row.insert("created_at".into(), json!(CREATED));
    row.insert("updated_at".into(), json!(CREATED));
    row.insert("translations_i18n".into(), json!({}));
    row.insert("settings".into(), json!({}));
    row.insert("categories".into(), json!([]));
    row.insert("tags".into(), json!([]));
    row.insert("totalVisits".into(), json!(0));
    row.insert("lastVisitedAt".into(), Value::Null);
    row.insert("mainMedia".into(), Value::Null);
    row
}

/// Groups, spaces and resources of every demo tenant; group members are the tenant's members.
pub fn seed(store: &mut DirectoryStore, auth: &AuthStore) {
    for (t, slug) in TENANTS.into_iter().enumerate() {
        let tenant = tenant_id(slug);
        let dir = store.tenant_mut(&tenant);
        let base_lat = 52.52 - t as f64 * 1.7;
        let base_lon = 13.40 - t as f64 * 2.3;

        let spaces = [
            (
                "office",
                "Head office",
                "active",
                "Reception, desks and the server room",
            ),
            ("room", "Meeting room", "active", "Seats ten; projector"),
            ("depot", "Depot", "active", "Vans park here overnight"),
            (
                "warehouse",
                "Warehouse North",
                "maintenance",
                "Roof repairs until spring",
            ),
        ];
        for (n, (key, name, status, description)) in spaces.into_iter().enumerate() {
            let mut row = place(slug, "space", key, name, n + 1);
            row.insert("tenantId".into(), json!(tenant));
            row.insert("type".into(), json!("custom"));
            row.insert("status".into(), json!(status));
            row.insert("description".into(), json!(description));
            row.insert("distanceMeters".into(), Value::Null);
            row.insert(
                "homeLocation".into(),
                json!({ "latitude": base_lat + n as f64 * 0.01, "longitude": base_lon + n as f64 * 0.01 }),
            );
            dir.spaces.push(row);
        }
        let resources = [
            ("van", "Service van", "depot", "Depot", "active"),
            ("truck", "Ladder truck", "depot", "Depot", "active"),
            (
                "camera",
                "Thermal camera",
                "office",
                "Head office",
                "active",
            ),
            (
                "tester",
                "Pressure tester",
                "warehouse",
                "Warehouse North",
                "maintenance",
            ),
        ];
        for (n, (key, name, space, space_name, status)) in resources.into_iter().enumerate() {
            let mut row = place(slug, "resource", key, name, n + 1);
            row.insert("type".into(), json!("custom"));
            row.insert("status".into(), json!(status));
            row.insert(
                "space_id".into(),
                json!(demo_id("space", &format!("{slug}/{space}"))),
            );
            row.insert("current_space_name".into(), json!(space_name));
            row.insert(
                "currentLocation".into(),
                json!({ "latitude": base_lat + 0.02 * n as f64, "longitude": base_lon - 0.02 * n as f64 }),
            );
            dir.resources.push(row);
        }

        let members: Vec<&Membership> = auth
            .memberships
            .iter()
            .filter(|m| m.tenant_id == tenant)
            .collect();
        let groups: [(&str, &str, &[&str], &[&str]); 3] = [
            (
                "Administrators",
                "Manage users, groups and settings",
                &[
                    "users:read",
                    "users:write",
                    "groups:write",
                    "settings:write",
                ],
                &["owner", "admin"],
            ),
            (
                "Dispatch",
                "Plan the field teams' days",
                &[
                    "calendar:read",
                    "calendar:write",
                    "contacts:read",
                    "contacts:write",
                ],
                &["owner", "manager"],
            ),
            (
                "Field technicians",
                "On the road with the vans",
                &["calendar:read", "resources:read", "spaces:read"],
                &["member"],
            ),
        ];
        for (name, description, permissions, roles) in groups {
            let id = demo_id("group", &format!("{slug}/{name}"));
            let mut row = Row::new();
            row.insert("id".into(), json!(id));
            row.insert("tenantId".into(), json!(tenant));
            row.insert("name".into(), json!(name));
            row.insert("description".into(), json!(description));
            row.insert("permissions".into(), json!(permissions));
            row.insert("created_at".into(), json!(CREATED));
            row.insert("updated_at".into(), json!(CREATED));
            dir.groups.push(row);
            let in_group = members
                .iter()
                .filter(|m| roles.contains(&m.role.as_str()))
                .map(|m| GroupMember {
                    user_id: m.user_id.clone(),
                    added_at: CREATED.into(),
                })
                .collect();
            dir.members.insert(id, in_group);
        }
    }
}
