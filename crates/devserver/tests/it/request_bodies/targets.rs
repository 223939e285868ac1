//! Where each write endpoint with a request body is called in these tests: a concrete path
//! naming rows that exist (so a 404 cannot hide the body check), a base body the seed accepts
//! and that the server can carry out, and the properties whose valid values are kept as the
//! base has them because their meaning goes beyond the schema.

use common::*;
use outpost_devserver::demo;
use serde_json::{json, Value};

use crate::common;

pub struct Target {
    /// The path after `/api/v1`.
    pub path: String,
    pub base: Value,
    /// Sent with the demo admin's token (and acme-field as the tenant); else without a token.
    pub signed_in: bool,
    /// Properties kept as in `base` in the valid variations, each for a reason of the platform
    /// the seed's schema cannot say: an IANA time zone, a calendar kind that needs its linked
    /// row, a tenant status move that closes the tenant, the address 2FA codes go to for the
    /// method, an occurrence reset (`instanceState: generated`) that cannot come with changes.
    pub fixed: &'static [&'static str],
}

/// Rows of acme-field the targets act on, made once.
pub struct Rows {
    contact: String,
    calendar: String,
    entry: String,
    reminder: String,
    instance: String,
    user: String,
    space: String,
    resource: String,
    group: String,
    category: String,
}

fn id(v: &Value) -> String {
    v["data"]["id"].as_str().unwrap().to_string()
}

async fn ok(rig: &Rig, method: Method, path: &str, body: Option<Value>) -> Value {
    let (s, b) = rig.as_admin(method.clone(), path, body).await;
    assert!(s < 300, "{method} {path}: {s} {b}");
    b
}

async fn first(rig: &Rig, list: &str) -> String {
    let b = ok(rig, Method::GET, list, None).await;
    b["data"][0]["id"].as_str().unwrap().to_string()
}

/// An entry of `calendar` starting at `start` (a fresh root for a series, or a plain entry).
async fn entry(rig: &Rig, calendar: &str, start: &str, end: &str) -> String {
    let body = json!({
        "calendarId": calendar, "kind": "event", "title": "Checked", "timezone": "UTC",
        "startsAt": start, "endsAt": end
    });
    id(&ok(rig, Method::POST, "/calendar/entries", Some(body)).await)
}

impl Rows {
    pub async fn make(rig: &Rig) -> Rows {
        let contact = id(&ok(
            rig,
            Method::POST,
            "/contacts",
            Some(json!({ "firstName": "Checked" })),
        )
        .await);
        let calendar = rig.calendar("Checked", "UTC").await["id"]
            .as_str()
            .unwrap()
            .to_string();
        let entry = entry(
            rig,
            &calendar,
            "2030-03-04T09:00:00Z",
            "2030-03-04T10:00:00Z",
        )
        .await;
        let reminder = id(&ok(
            rig,
            Method::POST,
            "/calendar/reminders",
            Some(json!({ "calendarId": calendar, "calendarEntryId": entry,
                         "channel": "email", "offsetMinutes": 15 })),
        )
        .await);
        let root = self::entry(
            rig,
            &calendar,
            "2030-03-05T09:00:00Z",
            "2030-03-05T09:30:00Z",
        )
        .await;
        let master = id(&ok(
            rig,
            Method::POST,
            "/calendar/recurrence-masters",
            Some(
                json!({ "calendarId": calendar, "rootEntryId": root, "frequency": "daily",
                         "startsAt": "2030-03-05T09:00:00Z", "timezone": "UTC",
                         "occurrenceCountLimit": 5 }),
            ),
        )
        .await);
        let listed = ok(
            rig,
            Method::GET,
            &format!(
                "/calendar/recurrence-masters/{master}/instances\
                 ?from=2030-03-01T00:00:00Z&to=2030-03-31T00:00:00Z"
            ),
            None,
        )
        .await;
        let instance = listed["data"][1]["id"].as_str().unwrap().to_string();
        Rows {
            contact,
            calendar,
            entry,
            reminder,
            instance,
            user: first(rig, "/users").await,
            space: first(rig, "/spaces").await,
            resource: first(rig, "/resources").await,
            group: first(rig, "/groups").await,
            category: category(rig).await,
        }
    }
}

async fn refresh_token(rig: &Rig) -> String {
    let b = send(
        rig.http
            .post(format!(
                "{}/api/v1/public/auth/login",
                rig.server.base_url()
            ))
            .json(&json!({ "email": demo::ADMIN_EMAIL, "password": demo::ADMIN_PASSWORD })),
    )
    .await
    .json();
    b["refreshToken"].as_str().unwrap().to_string()
}

/// A fresh pending approval request of acme-field: resources made by the owner wait for one
/// once the settings trust only admins.
async fn pending_approval(rig: &Rig) -> String {
    let settings =
        json!({ "requires_approval": true, "config": { "auto_approve_roles": ["admin"] } });
    ok(
        rig,
        Method::PATCH,
        "/tenant/approval-settings/resource",
        Some(settings),
    )
    .await;
    let resource = id(&ok(
        rig,
        Method::POST,
        "/resources",
        Some(json!({ "name": "Awaiting" })),
    )
    .await);
    let list = ok(
        rig,
        Method::GET,
        "/approvals?status=pending&limit=200",
        None,
    )
    .await;
    let found = list["data"]
        .as_array()
        .unwrap()
        .iter()
        .find(|a| a["entity_id"] == resource.as_str());
    found.unwrap()["id"].as_str().unwrap().to_string()
}

fn unique_key() -> String {
    format!("checked-{}", uuid::Uuid::new_v4().simple())
}

/// A fresh category of acme-field: its id.
async fn category(rig: &Rig) -> String {
    let body = json!({ "key": unique_key(), "name": "Checked" });
    id(&ok(rig, Method::POST, "/taxonomy/categories", Some(body)).await)
}

fn rate_limit() -> Value {
    json!({ "endpoint_pattern": "/api/v1/secure/contacts*", "max_requests": 100,
            "window_seconds": 60, "scope_type": "per_user" })
}

/// A custom domain no other row has.
fn domain() -> Value {
    let name = format!("checked-{}.test", uuid::Uuid::new_v4().simple());
    json!({ "domain": name, "domain_type": "api" })
}

/// A good password reset token of a fresh user of acme-field.
async fn reset_token(rig: &Rig) -> String {
    let email = unique_email();
    let user = json!({ "email": email, "password": "checked-password" });
    ok(rig, Method::POST, "/users", Some(user)).await;
    let base = rig.server.base_url();
    let asked = send(
        rig.http
            .post(format!("{base}/api/v1/public/auth/forgot-password"))
            .json(&json!({ "email": email })),
    )
    .await;
    assert_eq!(asked.status, 200, "{}", asked.json());
    let sent = send(rig.http.get(format!("{base}/_dev/sent-password-resets")))
        .await
        .json();
    let mails = sent["data"].as_array().unwrap();
    let mail = mails
        .iter()
        .rev()
        .find(|m| m["email"] == email.as_str())
        .unwrap();
    mail["token"].as_str().unwrap().to_string()
}

fn unique_email() -> String {
    format!("checked.{}@example.com", uuid::Uuid::new_v4().simple())
}

/// A fresh open invitation of acme-field: its id and full code.
async fn invitation(rig: &Rig) -> (String, String) {
    let body = json!({ "recipient_email": unique_email() });
    let b = ok(rig, Method::POST, "/invitations", Some(body)).await;
    let text = |k: &str| b["data"][k].as_str().unwrap().to_string();
    (text("id"), text("full_code"))
}

/// The target of `method seed_path`; some make a fresh row each time (a series needs a root
/// entry of its own, a refresh token is good once).
pub async fn target(rig: &Rig, rows: &Rows, method: &str, seed_path: &str) -> Target {
    let secure = |path: String, base: Value, fixed| Target {
        path: format!("/secure{path}"),
        base,
        signed_in: true,
        fixed,
    };
    let nw = northwind();
    let r = rows;
    match (method, seed_path.trim_start_matches("/api/v1")) {
        ("POST", "/public/auth/login") => Target {
            path: "/public/auth/login".into(),
            base: json!({ "email": demo::ADMIN_EMAIL, "password": demo::ADMIN_PASSWORD }),
            signed_in: false,
            fixed: &[],
        },
        ("POST", "/public/auth/refresh") => Target {
            path: "/public/auth/refresh".into(),
            base: json!({ "refreshToken": refresh_token(rig).await }),
            signed_in: false,
            fixed: &[],
        },
        ("POST", "/secure/auth/switch-tenant") | ("PATCH", "/secure/auth/default-tenant") => {
            let path = seed_path.trim_start_matches("/api/v1/secure").to_string();
            secure(path, json!({ "tenantId": acme() }), &[])
        }
        ("POST", "/secure/auth/2fa/verify") | ("DELETE", "/secure/auth/2fa/disable") => {
            let path = seed_path.trim_start_matches("/api/v1/secure").to_string();
            secure(path, json!({ "method": "totp", "code": "123456" }), &[])
        }
        ("POST", "/secure/auth/2fa/use-backup") => secure(
            "/auth/2fa/use-backup".into(),
            json!({ "code": "RQ7M-2KXV-09" }),
            &[],
        ),
        ("POST", "/secure/auth/2fa/send-code") => secure(
            "/auth/2fa/send-code".into(),
            json!({ "method": "email" }),
            &[],
        ),
        ("POST", "/secure/auth/2fa/enable/{method}") => secure(
            "/auth/2fa/enable/email".into(),
            json!({ "delivery_target": demo::ADMIN_EMAIL }),
            &["delivery_target"],
        ),
        ("POST", "/secure/contacts/") => secure("/contacts/".into(), json!({}), &[]),
        ("PATCH", "/secure/contacts/{id}") => secure(
            format!("/contacts/{}", r.contact),
            json!({ "notes": "checked" }),
            &[],
        ),
        ("POST", "/secure/users/{id}/contacts") => secure(
            format!("/users/{}/contacts", r.user),
            json!({ "contactId": r.contact }),
            &[],
        ),
        ("POST", "/secure/spaces/{id}/contacts") => secure(
            format!("/spaces/{}/contacts", r.space),
            json!({ "contactId": r.contact }),
            &[],
        ),
        ("POST", "/secure/resources/{id}/contacts") => secure(
            format!("/resources/{}/contacts", r.resource),
            json!({ "contactId": r.contact }),
            &[],
        ),
        ("POST", "/secure/calendar/") => secure(
            "/calendar/".into(),
            json!({ "kind": "tenant_shared", "name": "Checked", "timezone": "UTC" }),
            &["kind", "timezone"],
        ),
        ("PATCH", "/secure/calendar/{id}") => secure(
            format!("/calendar/{}", r.calendar),
            json!({ "name": "Checked" }),
            &["timezone"],
        ),
        ("POST", "/secure/calendar/entries") => secure(
            "/calendar/entries".into(),
            json!({
                "calendarId": r.calendar, "kind": "event", "title": "Checked", "timezone": "UTC",
                "startsAt": "2030-03-06T09:00:00Z", "endsAt": "2030-03-06T10:00:00Z"
            }),
            &["timezone"],
        ),
        ("PATCH", "/secure/calendar/entries/{id}") => secure(
            format!("/calendar/entries/{}", r.entry),
            json!({ "title": "Checked" }),
            &["timezone"],
        ),
        ("POST", "/secure/calendar/entries/{id}/status") => secure(
            format!("/calendar/entries/{}/status", r.entry),
            json!({ "status": "confirmed" }),
            &[],
        ),
        ("POST", "/secure/calendar/entries/{id}/respond") => secure(
            format!("/calendar/entries/{}/respond", r.entry),
            json!({ "responseStatus": "accepted" }),
            &[],
        ),
        ("POST", "/secure/calendar/recurrence-masters") => {
            let root = entry(
                rig,
                &r.calendar,
                "2030-04-01T09:00:00Z",
                "2030-04-01T09:30:00Z",
            )
            .await;
            secure(
                "/calendar/recurrence-masters".into(),
                json!({ "calendarId": r.calendar, "rootEntryId": root, "frequency": "weekly",
                        "startsAt": "2030-04-01T09:00:00Z", "timezone": "UTC" }),
                &["timezone"],
            )
        }
        ("PATCH", "/secure/calendar/recurrence-instances/{id}") => secure(
            format!("/calendar/recurrence-instances/{}", r.instance),
            json!({ "titleOverride": "Checked" }),
            &["timezone", "instanceState"],
        ),
        ("POST", "/secure/calendar/reminders") => secure(
            "/calendar/reminders".into(),
            json!({ "calendarId": r.calendar, "calendarEntryId": r.entry,
                    "channel": "email", "offsetMinutes": 15 }),
            &[],
        ),
        ("POST", "/secure/calendar/reminders/{id}/ack") => secure(
            format!("/calendar/reminders/{}/ack", r.reminder),
            json!({}),
            &[],
        ),
        ("PATCH", "/secure/admin/calendars/{calendarId}/policy") => secure(
            format!("/admin/calendars/{}/policy", r.calendar),
            json!({ "adminNotes": "checked" }),
            &[],
        ),
        ("PATCH", "/secure/tenants/{id}") => secure(
            format!("/tenants/{nw}"),
            json!({ "name": "Northwind Clinics" }),
            &["status"],
        ),
        ("POST", lifecycle) if lifecycle.starts_with("/secure/tenants/{id}/lifecycle/") => {
            let action = lifecycle.rsplit('/').next().unwrap();
            let base = match action {
                "upgrade" => json!({ "target_type": "enterprise" }),
                _ => json!({}),
            };
            secure(format!("/tenants/{nw}/lifecycle/{action}"), base, &[])
        }
        ("POST", "/secure/groups/create") => {
            secure("/groups/create".into(), json!({ "name": "Checked" }), &[])
        }
        ("PUT", "/secure/groups/{id}") => secure(
            format!("/groups/{}", r.group),
            json!({ "name": "Checked" }),
            &[],
        ),
        ("POST", "/secure/groups/{id}/members") => secure(
            format!("/groups/{}/members", r.group),
            json!({ "userId": r.user }),
            &[],
        ),
        ("POST", "/secure/users/") => secure(
            "/users/".into(),
            json!({ "email": unique_email(), "password": "checked-password" }),
            &[],
        ),
        ("PATCH", "/secure/users/{id}") => secure(
            format!("/users/{}", r.user),
            json!({ "firstName": "Checked" }),
            &[],
        ),
        // The channel needs its recipient, and a phone number is E.164: beyond the schema.
        ("POST", "/secure/invitations/") => secure(
            "/invitations/".into(),
            json!({ "recipient_email": unique_email() }),
            &["channel", "recipient_phone"],
        ),
        ("POST", "/secure/invitations/{id}/resend") => {
            let id = invitation(rig).await.0;
            secure(format!("/invitations/{id}/resend"), json!({}), &["channel"])
        }
        ("POST", "/public/invitations/validate") => Target {
            path: "/public/invitations/validate".into(),
            base: json!({ "code": "ABCD-EFGH" }),
            signed_in: false,
            fixed: &[],
        },
        // The code is good once; the address is the invitation's own.
        ("POST", "/public/invitations/accept") => Target {
            path: "/public/invitations/accept".into(),
            base: json!({ "code": invitation(rig).await.1, "password": "checked-password" }),
            signed_in: false,
            fixed: &["code", "email"],
        },
        ("POST", "/secure/spaces/") => secure("/spaces/".into(), json!({ "name": "Checked" }), &[]),
        ("PATCH", "/secure/spaces/{id}") => secure(
            format!("/spaces/{}", r.space),
            json!({ "description": "Checked" }),
            &[],
        ),
        ("PATCH", "/secure/spaces/{id}/promotion") => secure(
            format!("/spaces/{}/promotion", r.space),
            json!({ "promotionType": "Effect1" }),
            &[],
        ),
        ("POST", "/secure/spaces/{id}/members") => secure(
            format!("/spaces/{}/members", r.space),
            json!({ "userId": r.user, "role": "reader" }),
            &[],
        ),
        ("POST", "/secure/resources/") => {
            secure("/resources/".into(), json!({ "name": "Checked" }), &[])
        }
        ("PATCH", "/secure/resources/{id}") => secure(
            format!("/resources/{}", r.resource),
            json!({ "description": "Checked" }),
            &[],
        ),
        ("PATCH", "/secure/resources/{id}/promotion") => secure(
            format!("/resources/{}/promotion", r.resource),
            json!({ "promotionType": "Effect1" }),
            &[],
        ),
        // Addresses must be the tenant's members'.
        ("POST", "/secure/resources/{id}/members") => secure(
            format!("/resources/{}/members", r.resource),
            json!({ "userIds": [r.user] }),
            &["emails"],
        ),
        ("POST", "/secure/resources/{id}/move") => secure(
            format!("/resources/{}/move", r.resource),
            json!({ "targetSpaceId": r.space }),
            &[],
        ),
        // A resource of its own, in the first space, asked to go to the second.
        ("POST", "/secure/resources/resource-requests/{id}/reject") => {
            let spaces = ok(rig, Method::GET, "/spaces?limit=2", None).await;
            let (from, to) = (&spaces["data"][0]["id"], &spaces["data"][1]["id"]);
            let body = json!({ "name": "Moving", "spaceId": from });
            let resource = id(&ok(rig, Method::POST, "/resources", Some(body)).await);
            let body = json!({ "targetSpaceId": to });
            let path = format!("/resources/{resource}/move");
            let made = ok(rig, Method::POST, &path, Some(body)).await;
            secure(
                format!("/resources/resource-requests/{}/reject", id(&made)),
                json!({ "rejectionReason": "Checked" }),
                &[],
            )
        }
        // A current password that is not the account's: the check of the body comes first, and
        // the demo admin's password must stay what the other targets sign in with.
        ("POST", "/secure/auth/me/change-password") => secure(
            "/auth/me/change-password".into(),
            json!({ "currentPassword": "not-the-password", "newPassword": "another-password" }),
            &["currentPassword", "newPassword"],
        ),
        ("POST", "/secure/taxonomy/tags/curated") => secure(
            "/taxonomy/tags/curated".into(),
            json!({ "tag_name": "Checked" }),
            &[],
        ),
        // The type must be the entity's own.
        ("POST", "/secure/taxonomy/tags/link") => secure(
            "/taxonomy/tags/link".into(),
            json!({ "tag_name": "Checked", "entity_type": "space", "entity_id": r.space }),
            &["entity_type"],
        ),
        ("DELETE", "/secure/taxonomy/tags/{id}/unlink") => {
            let body =
                json!({ "tag_name": "Unlinked", "entity_type": "space", "entity_id": r.space });
            let link = ok(rig, Method::POST, "/taxonomy/tags/link", Some(body)).await;
            let tag = link["data"]["tag_id"].as_str().unwrap().to_string();
            secure(
                format!("/taxonomy/tags/{tag}/unlink"),
                json!({ "entity_type": "space", "entity_id": r.space }),
                &["entity_type"],
            )
        }
        ("POST", "/secure/spaces/{id}/tags") => secure(
            format!("/spaces/{}/tags", r.space),
            json!({ "tag_name": "Checked" }),
            &[],
        ),
        ("POST", "/secure/resources/{id}/tags") => secure(
            format!("/resources/{}/tags", r.resource),
            json!({ "tag_name": "Checked" }),
            &[],
        ),
        ("POST", "/secure/taxonomy/categories/") => secure(
            "/taxonomy/categories/".into(),
            json!({ "key": unique_key(), "name": "Checked" }),
            &[],
        ),
        ("PATCH", "/secure/taxonomy/categories/{id}") => secure(
            format!("/taxonomy/categories/{}", r.category),
            json!({ "name": "Checked" }),
            &[],
        ),
        ("DELETE", "/secure/taxonomy/categories/{id}") => secure(
            format!("/taxonomy/categories/{}", category(rig).await),
            json!({}),
            &[],
        ),
        // The type must be the entity's own.
        ("POST", "/secure/taxonomy/categories/{id}/link") => secure(
            format!("/taxonomy/categories/{}/link", r.category),
            json!({ "entity_type": "space", "entity_id": r.space }),
            &["entity_type"],
        ),
        ("DELETE", "/secure/taxonomy/categories/{id}/unlink") => {
            let body = json!({ "entity_type": "space", "entity_id": r.space });
            let path = format!("/taxonomy/categories/{}/link", r.category);
            ok(rig, Method::POST, &path, Some(body.clone())).await;
            secure(
                format!("/taxonomy/categories/{}/unlink", r.category),
                body,
                &["entity_type"],
            )
        }
        ("POST", "/secure/spaces/{id}/categories") => secure(
            format!("/spaces/{}/categories", r.space),
            json!({ "category_id": r.category }),
            &[],
        ),
        ("POST", "/secure/resources/{id}/categories") => secure(
            format!("/resources/{}/categories", r.resource),
            json!({ "category_id": r.category }),
            &[],
        ),
        ("PATCH", "/secure/taxonomy/tags/{id}/translations") => {
            let body =
                json!({ "tag_name": format!("translated {}", uuid::Uuid::new_v4().simple()) });
            let tag = id(&ok(rig, Method::POST, "/taxonomy/tags/curated", Some(body)).await);
            secure(
                format!("/taxonomy/tags/{tag}/translations"),
                json!({ "translations": [{ "locale": "de", "name": "Geprüft" }] }),
                &[],
            )
        }
        // An update names a tag of the tenant, which the schema's values cannot.
        ("POST", "/secure/taxonomy/tags/bulk-update") => {
            let body = json!({ "tag_name": format!("bulk {}", uuid::Uuid::new_v4().simple()) });
            let tag = id(&ok(rig, Method::POST, "/taxonomy/tags/curated", Some(body)).await);
            secure(
                "/taxonomy/tags/bulk-update".into(),
                json!({ "updates": [{ "id": tag, "persistent": true }] }),
                &["updates"],
            )
        }
        ("POST", "/secure/taxonomy/tags/link/bulk") => secure(
            "/taxonomy/tags/link/bulk".into(),
            json!({ "tag_names": ["Checked"], "entity_type": "space", "entity_id": r.space }),
            &["entity_type"],
        ),
        ("POST", "/secure/approvals/{id}/approve") => secure(
            format!("/approvals/{}/approve", pending_approval(rig).await),
            json!({}),
            &[],
        ),
        ("POST", "/secure/approvals/{id}/reject") => secure(
            format!("/approvals/{}/reject", pending_approval(rig).await),
            json!({ "rejection_reason": "Checked" }),
            &[],
        ),
        ("DELETE", "/secure/approvals/{id}") => secure(
            format!("/approvals/{}", pending_approval(rig).await),
            json!({}),
            &[],
        ),
        ("PATCH", "/secure/tenant/approval-settings/{entityType}") => secure(
            "/tenant/approval-settings/calendar_entry".into(),
            json!({ "requires_approval": false }),
            &[],
        ),
        // A category holds the keys of its own shape only.
        ("PATCH", "/secure/tenants/{id}/settings/{category}") => secure(
            format!("/tenants/{}/settings/general", acme()),
            json!({ "settings": { "time_format": "12h" } }),
            &["settings"],
        ),
        ("POST", "/secure/tenants/{id}/settings/{category}/reset") => secure(
            format!("/tenants/{}/settings/limits/reset", acme()),
            json!({}),
            &[],
        ),
        ("POST", "/secure/tenants/{id}/rate-limits") => secure(
            format!("/tenants/{}/rate-limits", acme()),
            rate_limit(),
            &[],
        ),
        ("PATCH", "/secure/tenants/{id}/rate-limits/{limitId}") => {
            let path = format!("/secure/tenants/{}/rate-limits", acme());
            let made = ok(rig, Method::POST, &path[7..], Some(rate_limit())).await;
            secure(
                format!("/tenants/{}/rate-limits/{}", acme(), id(&made)),
                json!({ "enabled": false }),
                &[],
            )
        }
        ("POST", "/secure/tenant-domains/") => secure("/tenant-domains/".into(), domain(), &[]),
        ("POST", "/secure/tenants/{id}/domains") => {
            secure(format!("/tenants/{}/domains", acme()), domain(), &[])
        }
        ("PATCH", "/secure/tenant-domains/{id}") => {
            let made = ok(rig, Method::POST, "/tenant-domains", Some(domain())).await;
            secure(
                format!("/tenant-domains/{}", id(&made)),
                json!({ "settings": { "checked": true } }),
                &[],
            )
        }
        ("PATCH", "/secure/tenants/{id}/domains/{domainId}") => {
            let made = ok(rig, Method::POST, "/tenant-domains", Some(domain())).await;
            secure(
                format!("/tenants/{}/domains/{}", acme(), id(&made)),
                json!({ "settings": { "checked": true } }),
                &[],
            )
        }
        ("PATCH", "/secure/tenants/{id}/log-retention") => secure(
            format!("/tenants/{}/log-retention", acme()),
            json!({ "retention_days": 60 }),
            &[],
        ),
        ("PATCH", "/secure/auth/me") => secure(
            "/auth/me".into(),
            json!({ "displayName": "Checked Admin" }),
            &[],
        ),
        ("POST", "/public/auth/forgot-password") => Target {
            path: "/public/auth/forgot-password".into(),
            base: json!({ "email": demo::ADMIN_EMAIL }),
            signed_in: false,
            fixed: &[],
        },
        // The token is good once, and a reset signs its user out: a fresh user each time.
        ("POST", "/public/auth/reset-password") => Target {
            path: "/public/auth/reset-password".into(),
            base: json!({ "token": reset_token(rig).await, "password": "checked-password" }),
            signed_in: false,
            fixed: &["token"],
        },
        ("POST", "/secure/spaces/{id}/visit-metrics/reset") => secure(
            format!("/spaces/{}/visit-metrics/reset", r.space),
            json!({ "reason": "Checked" }),
            &[],
        ),
        ("POST", "/secure/resources/{id}/visit-metrics/reset") => secure(
            format!("/resources/{}/visit-metrics/reset", r.resource),
            json!({ "reason": "Checked" }),
            &[],
        ),
        ("PATCH", "/secure/taxonomy/categories/{id}/i18n") => secure(
            format!("/taxonomy/categories/{}/i18n", r.category),
            json!({ "locale": "de", "name": "Geprüft" }),
            &[],
        ),
        _ => panic!("no target for {method} {seed_path}: add one"),
    }
}
