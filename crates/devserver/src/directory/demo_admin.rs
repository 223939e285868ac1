//! The administration part of the demo, added beside the directory of `demo.rs` (which stays
//! as it is): in the two active demo tenants, a former member whose membership is suspended,
//! invitations open, revoked and expired, space and resource members, a move request and an
//! approval waiting (a resource a space manager made while approval is required for
//! resources), each with the audit row of its making. Times count from `anchor`, the start of
//! the current month like the demo calendars' (so the same seed gives the same data within a
//! month, and what is open has not expired), else the demo's fixed stamp.

use serde_json::{json, Map, Value};

use super::invitations::Invitation;
use super::store::{DirectoryStore, PlaceMember, Row};
use crate::auth::secret::SaltedHash;
use crate::auth::store::{AuthStore, Membership, User};
use crate::demo::{admin_id, demo_id, tenant_id};

const CREATED: &str = "2026-01-05T09:00:00.000Z";

/// An audit row to write once the state exists: tenant, user, action, type, id, when.
pub type DemoAudit = (String, String, &'static str, &'static str, String, String);

fn stamp(t: chrono::DateTime<chrono::Utc>) -> String {
    t.to_rfc3339_opts(chrono::SecondsFormat::Millis, true)
}

fn user_of_role(auth: &AuthStore, tenant: &str, role: &str) -> Option<String> {
    auth.memberships
        .iter()
        .find(|m| m.tenant_id == tenant && m.role == role && m.status == "active")
        .map(|m| m.user_id.clone())
}

fn invitation(
    slug: &str,
    tenant: &str,
    email: &str,
    role: &str,
    status: &str,
    sent_at: &str,
    expires_at: &str,
) -> Invitation {
    let mut row = Map::new();
    for (k, v) in [
        (
            "id",
            json!(demo_id("invitation", &format!("{slug}/{email}"))),
        ),
        ("tenantId", json!(tenant)),
        ("invited_by", json!(admin_id())),
        ("recipient_email", json!(email)),
        ("recipient_phone", Value::Null),
        ("role", json!(role)),
        ("status", json!(status)),
        ("channel", json!("email")),
        ("language", json!("en")),
        ("personal_message", Value::Null),
        ("expires_at", json!(expires_at)),
        ("sent_at", json!(sent_at)),
        ("opened_at", Value::Null),
        ("accepted_at", Value::Null),
        ("accepted_by", Value::Null),
        ("created_at", json!(sent_at)),
        ("updated_at", json!(sent_at)),
    ] {
        row.insert(k.into(), v);
    }
    // A demo code per address: the same for the same demo, not guessable from the address.
    let digits = demo_id("invitation-code", &format!("{slug}/{email}")).replace('-', "");
    let code = format!("{}-{}", &digits[..4], &digits[4..8]).to_uppercase();
    Invitation {
        row,
        full_code: code,
        hours: 24.0 * 14.0,
    }
}

/// Adds the administration demo; answers the audit rows to write for it.
pub fn seed(
    store: &mut DirectoryStore,
    auth: &mut AuthStore,
    anchor: chrono::NaiveDate,
) -> Vec<DemoAudit> {
    let anchor = anchor.and_hms_opt(0, 0, 0).unwrap_or_default().and_utc();
    let mut audit = Vec::new();
    let admin = admin_id();
    let sent = stamp(anchor);
    let open_until = stamp(anchor + chrono::Duration::days(45));
    for (slug, name) in [
        ("acme-field", "Acme Field Services"),
        ("northwind", "Northwind Clinics"),
    ] {
        let tenant = tenant_id(slug);
        let log = |audit: &mut Vec<DemoAudit>, user: &str, action, kind, id: &str, at: &str| {
            audit.push((
                tenant.clone(),
                user.to_string(),
                action,
                kind,
                id.to_string(),
                at.to_string(),
            ));
        };

        // A former member: the account stays, the membership is suspended.
        let email = format!("former.member@{slug}.example");
        let former = demo_id("user", &email);
        auth.users.push(User {
            id: former.clone(),
            email,
            display_name: "Robin Former".into(),
            password: SaltedHash::new(super::demo::STAFF_PASSWORD),
            default_tenant_id: tenant.clone(),
            totp_secret: None,
            backup_codes: Vec::new(),
            two_factor_enabled_at: None,
            profile: Default::default(),
        });
        auth.memberships.push(Membership {
            user_id: former.clone(),
            tenant_id: tenant.clone(),
            role: "member".into(),
            status: "suspended".into(),
            joined_at: CREATED.into(),
        });
        log(&mut audit, &admin, "suspended", "user", &former, &sent);

        // Invitations: the guest still to join and a new hire (open), a revoked one, an
        // expired one.
        let guest = auth
            .memberships
            .iter()
            .find(|m| m.tenant_id == tenant && m.status == "invited")
            .and_then(|m| auth.user(&m.user_id))
            .map(|u| u.email.clone());
        let dir = store.tenant_mut(&tenant);
        let mut invitations = Vec::new();
        if let Some(guest) = guest {
            invitations.push(invitation(
                slug,
                &tenant,
                &guest,
                "guest",
                "sent",
                &sent,
                &open_until,
            ));
        }
        let hire = format!("new.hire@{slug}.example");
        invitations.push(invitation(
            slug,
            &tenant,
            &hire,
            "member",
            "sent",
            &sent,
            &open_until,
        ));
        let mut revoked = invitation(
            slug,
            &tenant,
            &format!("wrong.address@{slug}.example"),
            "member",
            "revoked",
            CREATED,
            &open_until,
        );
        revoked.row.insert("updated_at".into(), json!(sent));
        invitations.push(revoked);
        let old_end = "2026-01-06T09:00:00.000Z";
        invitations.push(invitation(
            slug,
            &tenant,
            &format!("never.came@{slug}.example"),
            "member",
            "sent",
            CREATED,
            old_end,
        ));
        for mut i in invitations {
            i.row.insert("tenant_name".into(), json!(name));
            i.row.insert("invited_by_name".into(), json!("Dana Admin"));
            let id = i.row["id"].as_str().unwrap_or_default().to_string();
            let at = i.row["created_at"].as_str().unwrap_or_default().to_string();
            log(&mut audit, &admin, "created", "invitation", &id, &at);
            if i.row["status"] == "revoked" {
                log(&mut audit, &admin, "revoked", "invitation", &id, &sent);
            }
            dir.invitations.push(i);
        }

        // Members of places: the manager runs the depot; members read the head office and
        // the service van.
        let place = |kind: &str, key: &str| demo_id(kind, &format!("{slug}/{key}"));
        let (depot, office, van) = (
            place("space", "depot"),
            place("space", "office"),
            place("resource", "van"),
        );
        let manager = user_of_role(auth, &tenant, "manager");
        let members: Vec<String> = auth
            .memberships
            .iter()
            .filter(|m| m.tenant_id == tenant && m.role == "member" && m.status == "active")
            .map(|m| m.user_id.clone())
            .collect();
        let dir = store.tenant_mut(&tenant);
        let member = |user: &str, role: &str| PlaceMember {
            id: demo_id("place-member", &format!("{slug}/{user}/{role}")),
            user_id: user.to_string(),
            role: role.into(),
            created_at: CREATED.into(),
        };
        if let Some(m) = &manager {
            dir.place_members
                .entry(depot.clone())
                .or_default()
                .push(member(m, "manager"));
            log(&mut audit, &admin, "member_added", "space", &depot, CREATED);
        }
        for m in members.iter().take(2) {
            dir.place_members
                .entry(office.clone())
                .or_default()
                .push(member(m, "reader"));
            dir.place_members
                .entry(van.clone())
                .or_default()
                .push(member(m, "reader"));
        }
        log(
            &mut audit,
            &admin,
            "member_added",
            "space",
            &office,
            CREATED,
        );
        log(
            &mut audit,
            &admin,
            "member_added",
            "resource",
            &van,
            CREATED,
        );

        // A move waiting: the ladder truck from the depot to the warehouse.
        if let Some(requester) = members.first() {
            let id = demo_id("move-request", &format!("{slug}/truck"));
            let mut row = Row::new();
            for (k, v) in [
                ("id", json!(id)),
                ("tenantId", json!(tenant)),
                ("resource_id", json!(place("resource", "truck"))),
                ("source_space_id", json!(depot)),
                ("target_space_id", json!(place("space", "warehouse"))),
                ("requested_by", json!(requester)),
                ("status", json!("pending")),
                ("requires_resource_approval", json!(false)),
                ("approval_mode", json!("target_space")),
                ("approved_by", Value::Null),
                (
                    "reason",
                    json!("Roof work done; the truck fits in the north bay"),
                ),
                ("rejection_reason", Value::Null),
                ("resource_name", json!("Ladder truck")),
                ("source_space_name", json!("Depot")),
                ("target_space_name", json!("Warehouse North")),
                (
                    "requested_by_email",
                    json!(auth.user(requester).map(|u| u.email.clone())),
                ),
                ("created_at", json!(sent)),
                ("processed_at", Value::Null),
                ("completed_at", Value::Null),
                (
                    "expires_at",
                    json!(stamp(anchor + chrono::Duration::days(40))),
                ),
                ("updated_at", json!(sent)),
            ] {
                row.insert(k.into(), v);
            }
            dir.move_requests.push(row);
            log(
                &mut audit,
                requester,
                "created",
                "resource_move_request",
                &id,
                &sent,
            );
        }

        // An approval waiting: resources need approval, and the manager made a drone.
        let settings = json!({
            "entity_type": "resource",
            "requires_approval": true,
            "config": {
                "auto_approve_roles": ["owner", "admin"], "max_pending_days": 30,
                "notify_admins": true, "notify_creator_on_decision": true,
            },
        });
        dir.approval_settings.insert("resource".into(), settings);
        if let Some(m) = &manager {
            let drone = place("resource", "drone");
            let mut row = dir
                .resources
                .iter()
                .find(|r| r["id"] == van.as_str())
                .cloned()
                .unwrap_or_default();
            for (k, v) in [
                ("id", json!(drone)),
                ("name", json!("Survey drone")),
                ("description", json!("Roof inspections")),
                ("status", json!("pending")),
                ("customOrder", json!(dir.resources.len() + 1)),
                ("created_by", json!(m)),
                ("created_at", json!(sent)),
                ("updated_at", json!(sent)),
            ] {
                row.insert(k.into(), v);
            }
            dir.resources.push(row);
            let approval = demo_id("approval", &format!("{slug}/drone"));
            let mut request = Row::new();
            for (k, v) in [
                ("id", json!(approval)),
                ("tenantId", json!(tenant)),
                ("entity_type", json!("resource")),
                ("entity_id", json!(drone)),
                ("entity_name", json!("Survey drone")),
                ("status", json!("pending")),
                (
                    "expires_at",
                    json!(stamp(anchor + chrono::Duration::days(60))),
                ),
                ("created_by", json!(m)),
                ("created_at", json!(sent)),
                ("updated_at", json!(sent)),
            ] {
                request.insert(k.into(), v);
            }
            dir.approvals.push(request);
            log(&mut audit, m, "created", "resource", &drone, &sent);
        }
    }
    audit
}
