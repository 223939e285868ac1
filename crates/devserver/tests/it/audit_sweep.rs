//! Every mutation writes an audit row (issue #3): a sweep over the non-GET endpoints of
//! `schemas/index.json` performs each one on its normal path and checks that its tenant's audit
//! log grew by a row naming the entity and the action.
//!
//! Sign-in and session endpoints (login, refresh, logout, tenant switch, default tenant, the
//! second factor) are not tenant data: the seed keeps such events in the system's security log
//! (`/system/security/events`, `/system/logs/security-audit`, system admins only), which the
//! devserver does not serve, so they write no tenant audit row. The sweep names them, so a new
//! mutation cannot slip past it unswept.
//!
//! A suspended or archived tenant's audit log cannot be listed (its data is closed to every
//! request), so after those moves the rows are read from the storage of record instead, which
//! the listing serves from.

use crate::common;

use std::collections::BTreeSet;
use std::path::{Path, PathBuf};

use common::*;
use outpost_devserver::{start, DemoOptions, DevServerConfig};
use serde_json::{json, Value};

/// The sign-in and session endpoints: security events, not tenant audit rows (see above).
const SECURITY_EVENTS: &[&str] = &[
    "POST /api/v1/public/auth/login",
    "POST /api/v1/public/auth/refresh",
    "POST /api/v1/secure/auth/logout",
    "POST /api/v1/secure/auth/switch-tenant",
    "PATCH /api/v1/secure/auth/default-tenant",
    "POST /api/v1/secure/auth/2fa/verify",
    "POST /api/v1/secure/auth/2fa/use-backup",
    "POST /api/v1/secure/auth/2fa/send-code",
    "POST /api/v1/secure/auth/2fa/backup-codes",
    "POST /api/v1/secure/auth/2fa/enable/{method}",
    "DELETE /api/v1/secure/auth/2fa/disable",
    "POST /api/v1/secure/auth/me/change-password",
    "POST /api/v1/public/auth/forgot-password",
    "POST /api/v1/public/auth/reset-password",
];

/// POSTs that change nothing (a check of a code), so they log nothing.
const READS_BY_POST: &[&str] = &["POST /api/v1/public/invitations/validate"];

/// The swept mutations, in the order they run: later ones act on what earlier ones made, and
/// the tenant lifecycle walks Northwind through every move, ending archived.
pub const SWEPT: &[&str] = &[
    "POST /api/v1/secure/contacts/",
    "PATCH /api/v1/secure/contacts/{id}",
    "POST /api/v1/secure/users/{id}/contacts",
    "DELETE /api/v1/secure/users/{id}/contacts/{contactId}",
    "POST /api/v1/secure/spaces/{id}/contacts",
    "DELETE /api/v1/secure/spaces/{id}/contacts/{contactId}",
    "POST /api/v1/secure/resources/{id}/contacts",
    "DELETE /api/v1/secure/resources/{id}/contacts/{contactId}",
    "DELETE /api/v1/secure/contacts/{id}",
    "POST /api/v1/secure/groups/create",
    "PUT /api/v1/secure/groups/{id}",
    "POST /api/v1/secure/groups/{id}/members",
    "DELETE /api/v1/secure/groups/{id}/members/{userId}",
    "DELETE /api/v1/secure/groups/{id}",
    "POST /api/v1/secure/users/",
    "PATCH /api/v1/secure/users/{id}",
    "POST /api/v1/secure/users/{id}/reset-password",
    "PATCH /api/v1/secure/auth/me",
    "DELETE /api/v1/secure/auth/me/preferences",
    "POST /api/v1/secure/invitations/",
    "POST /api/v1/secure/invitations/{id}/resend",
    "DELETE /api/v1/secure/invitations/{id}",
    "POST /api/v1/public/invitations/accept",
    "POST /api/v1/secure/auth/leave-tenant/{tenantId}",
    "POST /api/v1/secure/spaces/",
    "PATCH /api/v1/secure/spaces/{id}",
    "POST /api/v1/secure/spaces/{id}/order-top",
    "PATCH /api/v1/secure/spaces/{id}/promotion",
    "POST /api/v1/secure/spaces/{id}/members",
    "DELETE /api/v1/secure/spaces/{id}/members/{userId}",
    "POST /api/v1/secure/resources/",
    "PATCH /api/v1/secure/resources/{id}",
    "POST /api/v1/secure/resources/{id}/order-top",
    "PATCH /api/v1/secure/resources/{id}/promotion",
    "POST /api/v1/secure/resources/{id}/members",
    "DELETE /api/v1/secure/resources/{id}/members/{userId}",
    "POST /api/v1/secure/resources/{id}/move",
    "POST /api/v1/secure/resources/resource-requests/{id}/approve",
    "POST /api/v1/secure/resources/resource-requests/{id}/reject",
    "DELETE /api/v1/secure/resources/resource-requests/{id}",
    "POST /api/v1/secure/resources/{id}/detach",
    "DELETE /api/v1/secure/resources/{id}",
    "DELETE /api/v1/secure/spaces/{id}",
    "PATCH /api/v1/secure/tenant/approval-settings/{entityType}",
    "POST /api/v1/secure/approvals/{id}/approve",
    "POST /api/v1/secure/approvals/{id}/reject",
    "DELETE /api/v1/secure/approvals/{id}",
    "POST /api/v1/secure/taxonomy/tags/curated",
    "POST /api/v1/secure/taxonomy/tags/link",
    "PATCH /api/v1/secure/taxonomy/tags/{id}/upgrade",
    "DELETE /api/v1/secure/taxonomy/tags/{id}/unlink",
    "POST /api/v1/secure/spaces/{id}/tags",
    "DELETE /api/v1/secure/spaces/{id}/tags/{tagId}",
    "POST /api/v1/secure/resources/{id}/tags",
    "DELETE /api/v1/secure/resources/{id}/tags/{tagId}",
    "PATCH /api/v1/secure/taxonomy/tags/{id}/translations",
    "POST /api/v1/secure/taxonomy/tags/bulk-update",
    "POST /api/v1/secure/taxonomy/tags/link/bulk",
    "POST /api/v1/secure/taxonomy/tags/cleanup",
    "DELETE /api/v1/secure/taxonomy/tags/{id}",
    "POST /api/v1/secure/taxonomy/categories/",
    "PATCH /api/v1/secure/taxonomy/categories/{id}",
    "PATCH /api/v1/secure/taxonomy/categories/{id}/i18n",
    "POST /api/v1/secure/taxonomy/categories/{id}/link",
    "DELETE /api/v1/secure/taxonomy/categories/{id}/unlink",
    "POST /api/v1/secure/spaces/{id}/categories",
    "DELETE /api/v1/secure/spaces/{id}/categories/{categoryId}",
    "POST /api/v1/secure/resources/{id}/categories",
    "DELETE /api/v1/secure/resources/{id}/categories/{categoryId}",
    "DELETE /api/v1/secure/taxonomy/categories/{id}",
    "PATCH /api/v1/secure/tenants/{id}/settings/{category}",
    "POST /api/v1/secure/tenants/{id}/settings/{category}/reset",
    "POST /api/v1/secure/tenants/{id}/rate-limits",
    "PATCH /api/v1/secure/tenants/{id}/rate-limits/{limitId}",
    "DELETE /api/v1/secure/tenants/{id}/rate-limits/{limitId}",
    "POST /api/v1/secure/tenant-domains/",
    "PATCH /api/v1/secure/tenant-domains/{id}",
    "POST /api/v1/secure/tenant-domains/{id}/verify",
    "DELETE /api/v1/secure/tenant-domains/{id}",
    "POST /api/v1/secure/tenants/{id}/domains",
    "PATCH /api/v1/secure/tenants/{id}/domains/{domainId}",
    "POST /api/v1/secure/tenants/{id}/domains/{domainId}/verify",
    "DELETE /api/v1/secure/tenants/{id}/domains/{domainId}",
    "PATCH /api/v1/secure/tenants/{id}/log-retention",
    "POST /api/v1/secure/resources/{id}/visit-metrics/track",
    "POST /api/v1/secure/resources/{id}/visit-metrics/reset",
    "POST /api/v1/secure/spaces/{id}/visit-metrics/reset",
    "POST /api/v1/secure/calendar/",
    "PATCH /api/v1/secure/calendar/{id}",
    "PATCH /api/v1/secure/admin/calendars/{calendarId}/policy",
    "POST /api/v1/secure/calendar/entries",
    "PATCH /api/v1/secure/calendar/entries/{id}",
    "POST /api/v1/secure/calendar/entries/{id}/status",
    "POST /api/v1/secure/calendar/entries/{id}/respond",
    "POST /api/v1/secure/calendar/reminders",
    "POST /api/v1/secure/calendar/reminders/{id}/ack",
    "DELETE /api/v1/secure/calendar/reminders/{id}",
    "POST /api/v1/secure/calendar/recurrence-masters",
    "PATCH /api/v1/secure/calendar/recurrence-instances/{id}",
    "DELETE /api/v1/secure/calendar/entries/{id}",
    "DELETE /api/v1/secure/calendar/{id}",
    "PATCH /api/v1/secure/tenants/{id}",
    "POST /api/v1/secure/tenants/{id}/lifecycle/suspend",
    "POST /api/v1/secure/tenants/{id}/lifecycle/reactivate",
    "POST /api/v1/secure/tenants/{id}/lifecycle/upgrade",
    "POST /api/v1/secure/tenants/{id}/lifecycle/activate",
    "POST /api/v1/secure/tenants/{id}/lifecycle/archive",
];

/// The non-GET endpoints of `schemas/index.json`, as "METHOD path".
fn mutations_in_index() -> BTreeSet<String> {
    let path = PathBuf::from(env!("CARGO_MANIFEST_DIR")).join("schemas/index.json");
    let index: Value = serde_json::from_str(&std::fs::read_to_string(path).unwrap()).unwrap();
    index["endpoints"]
        .as_array()
        .unwrap()
        .iter()
        .filter(|e| e["method"] != "GET")
        .map(|e| {
            format!(
                "{} {}",
                e["method"].as_str().unwrap(),
                e["path"].as_str().unwrap()
            )
        })
        .collect()
}

#[test]
fn every_mutation_of_the_index_is_swept_or_a_security_event() {
    let named: BTreeSet<String> = SWEPT
        .iter()
        .chain(SECURITY_EVENTS)
        .chain(READS_BY_POST)
        .map(|s| s.to_string())
        .collect();
    assert_eq!(
        named.len(),
        SWEPT.len() + SECURITY_EVENTS.len() + READS_BY_POST.len(),
        "named twice"
    );
    assert_eq!(mutations_in_index(), named);
}

/// What a mutation should have logged: in which tenant, about which row, "action type", and
/// by whom when not the demo admin.
struct Expect {
    tenant: String,
    resource_id: String,
    row: &'static str,
    actor: Option<String>,
}

/// The sweep's server (on a data file, so closed tenants' rows can be read) and what the
/// mutations made so far.
struct Sweep {
    rig: Rig,
    file: PathBuf,
    ids: std::collections::BTreeMap<&'static str, String>,
}

impl Sweep {
    fn id(&self, what: &str) -> &str {
        self.ids
            .get(what)
            .unwrap_or_else(|| panic!("no {what} made yet"))
    }

    /// A `/api/v1/secure` call as the demo admin in `tenant` that must answer `want`.
    async fn ok(
        &self,
        tenant: &str,
        method: Method,
        path: &str,
        body: Option<Value>,
        want: u16,
    ) -> Value {
        let (s, b) = self
            .rig
            .secure(&self.rig.admin, Some(tenant), method.clone(), path, body)
            .await;
        assert_eq!(s, want, "{method} {path}: {b}");
        b
    }

    /// The tenant's audit rows, newest first: the listing when the tenant is open, else the
    /// storage of record.
    async fn log(&self, tenant: &str) -> Vec<Value> {
        let mut rows = Vec::new();
        loop {
            let path = format!("/audit-logs?limit=200&offset={}", rows.len());
            let (s, page) = self
                .rig
                .secure(&self.rig.admin, Some(tenant), Method::GET, &path, None)
                .await;
            if s == 403 && page["error"] == "TENANT_INACTIVE" {
                return stored_log(&self.file, tenant);
            }
            assert_eq!(s, 200, "{page}");
            let data = page["data"].as_array().unwrap();
            if data.is_empty() {
                return rows;
            }
            rows.extend(data.iter().cloned());
        }
    }

    /// Performs one mutation on its normal path (after any setup it needs, which may log rows
    /// of its own) and says what it should have logged, with the length of that tenant's log
    /// right before the mutation itself.
    async fn perform(&mut self, endpoint: &str) -> (Expect, usize) {
        let acme = acme();
        let nw = northwind();
        let text = |v: &Value, p: &str| v.pointer(p).and_then(Value::as_str).unwrap().to_string();
        let in_acme = |resource_id: String, row| Expect {
            tenant: acme.clone(),
            resource_id,
            row,
            actor: None,
        };
        let before_acme = self.log(&acme).await.len();
        let before_nw = self.log(&nw).await.len();
        let expect = match endpoint {
            "POST /api/v1/secure/contacts/" => {
                let b = self
                    .ok(
                        &acme,
                        Method::POST,
                        "/contacts/",
                        Some(json!({ "firstName": "Swept" })),
                        201,
                    )
                    .await;
                self.ids.insert("contact", text(&b, "/data/id"));
                in_acme(text(&b, "/data/id"), "created contact")
            }
            "PATCH /api/v1/secure/contacts/{id}" => {
                let id = self.id("contact").to_string();
                self.ok(
                    &acme,
                    Method::PATCH,
                    &format!("/contacts/{id}"),
                    Some(json!({ "notes": "x" })),
                    200,
                )
                .await;
                in_acme(id, "updated contact")
            }
            "DELETE /api/v1/secure/contacts/{id}" => {
                let id = self.id("contact").to_string();
                self.ok(&acme, Method::DELETE, &format!("/contacts/{id}"), None, 204)
                    .await;
                in_acme(id, "deleted contact")
            }
            "POST /api/v1/secure/users/{id}/contacts"
            | "POST /api/v1/secure/spaces/{id}/contacts"
            | "POST /api/v1/secure/resources/{id}/contacts" => {
                let kind = endpoint.split('/').nth(4).unwrap();
                let list = self
                    .ok(&acme, Method::GET, &format!("/{kind}"), None, 200)
                    .await;
                let entity = text(&list, "/data/0/id");
                let contact = self.id("contact").to_string();
                let path = format!("/{kind}/{entity}/contacts");
                let b = self
                    .ok(
                        &acme,
                        Method::POST,
                        &path,
                        Some(json!({ "contactId": contact })),
                        201,
                    )
                    .await;
                self.ids.insert("link path", format!("{path}/{contact}"));
                in_acme(text(&b, "/data/id"), "created contact_link")
            }
            "DELETE /api/v1/secure/users/{id}/contacts/{contactId}"
            | "DELETE /api/v1/secure/spaces/{id}/contacts/{contactId}"
            | "DELETE /api/v1/secure/resources/{id}/contacts/{contactId}" => {
                let path = self.id("link path").to_string();
                let (list_path, _) = path.rsplit_once('/').unwrap();
                let list = self.ok(&acme, Method::GET, list_path, None, 200).await;
                let contact = self.id("contact").to_string();
                let link = list["data"]
                    .as_array()
                    .unwrap()
                    .iter()
                    .find(|l| l["contact_id"] == contact.as_str())
                    .map(|l| text(l, "/id"))
                    .unwrap();
                self.ok(&acme, Method::DELETE, &path, None, 204).await;
                in_acme(link, "deleted contact_link")
            }
            "POST /api/v1/secure/calendar/" => {
                let body = json!({ "kind": "tenant_shared", "name": "Swept", "timezone": "UTC" });
                let b = self
                    .ok(&acme, Method::POST, "/calendar/", Some(body), 201)
                    .await;
                self.ids.insert("calendar", text(&b, "/data/id"));
                in_acme(text(&b, "/data/id"), "created calendar")
            }
            "PATCH /api/v1/secure/calendar/{id}" => {
                let id = self.id("calendar").to_string();
                self.ok(
                    &acme,
                    Method::PATCH,
                    &format!("/calendar/{id}"),
                    Some(json!({ "name": "Swept again" })),
                    200,
                )
                .await;
                in_acme(id, "updated calendar")
            }
            "PATCH /api/v1/secure/admin/calendars/{calendarId}/policy" => {
                let id = self.id("calendar").to_string();
                let path = format!("/admin/calendars/{id}/policy");
                self.ok(
                    &acme,
                    Method::PATCH,
                    &path,
                    Some(json!({ "adminNotes": "swept" })),
                    200,
                )
                .await;
                in_acme(id, "updated calendar_policy")
            }
            "POST /api/v1/secure/calendar/entries" => {
                let body = json!({
                    "calendarId": self.id("calendar"), "kind": "event", "title": "Swept",
                    "startsAt": "2030-03-04T09:00:00Z", "endsAt": "2030-03-04T10:00:00Z",
                    "timezone": "UTC"
                });
                let b = self
                    .ok(&acme, Method::POST, "/calendar/entries", Some(body), 201)
                    .await;
                self.ids.insert("entry", text(&b, "/data/id"));
                in_acme(text(&b, "/data/id"), "created calendar_entry")
            }
            "PATCH /api/v1/secure/calendar/entries/{id}" => {
                let id = self.id("entry").to_string();
                let path = format!("/calendar/entries/{id}");
                self.ok(
                    &acme,
                    Method::PATCH,
                    &path,
                    Some(json!({ "title": "Swept again" })),
                    200,
                )
                .await;
                in_acme(id, "updated calendar_entry")
            }
            "POST /api/v1/secure/calendar/entries/{id}/status" => {
                let id = self.id("entry").to_string();
                let path = format!("/calendar/entries/{id}/status");
                self.ok(
                    &acme,
                    Method::POST,
                    &path,
                    Some(json!({ "status": "confirmed" })),
                    200,
                )
                .await;
                in_acme(id, "updated calendar_entry")
            }
            "POST /api/v1/secure/calendar/entries/{id}/respond" => {
                let id = self.id("entry").to_string();
                let path = format!("/calendar/entries/{id}/respond");
                let b = self
                    .ok(
                        &acme,
                        Method::POST,
                        &path,
                        Some(json!({ "responseStatus": "accepted" })),
                        200,
                    )
                    .await;
                in_acme(text(&b, "/data/id"), "created calendar_participant")
            }
            "POST /api/v1/secure/calendar/reminders" => {
                let body = json!({
                    "calendarId": self.id("calendar"), "calendarEntryId": self.id("entry"),
                    "channel": "email", "offsetMinutes": 15
                });
                let b = self
                    .ok(&acme, Method::POST, "/calendar/reminders", Some(body), 201)
                    .await;
                self.ids.insert("reminder", text(&b, "/data/id"));
                in_acme(text(&b, "/data/id"), "created calendar_reminder")
            }
            "POST /api/v1/secure/calendar/reminders/{id}/ack" => {
                let id = self.id("reminder").to_string();
                let path = format!("/calendar/reminders/{id}/ack");
                let body = json!({ "triggeredAt": "2030-03-04T08:45:00Z" });
                self.ok(&acme, Method::POST, &path, Some(body), 200).await;
                in_acme(id, "updated calendar_reminder")
            }
            "DELETE /api/v1/secure/calendar/reminders/{id}" => {
                let id = self.id("reminder").to_string();
                self.ok(
                    &acme,
                    Method::DELETE,
                    &format!("/calendar/reminders/{id}"),
                    None,
                    204,
                )
                .await;
                in_acme(id, "deleted calendar_reminder")
            }
            "POST /api/v1/secure/calendar/recurrence-masters" => {
                let body = json!({
                    "calendarId": self.id("calendar"), "kind": "event", "title": "Swept series",
                    "startsAt": "2030-03-05T09:00:00Z", "endsAt": "2030-03-05T09:15:00Z",
                    "timezone": "UTC"
                });
                let root = self
                    .ok(&acme, Method::POST, "/calendar/entries", Some(body), 201)
                    .await;
                let body = json!({
                    "calendarId": self.id("calendar"), "rootEntryId": text(&root, "/data/id"),
                    "frequency": "daily", "startsAt": "2030-03-05T09:00:00Z",
                    "timezone": "UTC", "occurrenceCountLimit": 5
                });
                let before = self.log(&acme).await.len();
                let b = self
                    .ok(
                        &acme,
                        Method::POST,
                        "/calendar/recurrence-masters",
                        Some(body),
                        201,
                    )
                    .await;
                self.ids.insert("master", text(&b, "/data/id"));
                return (
                    in_acme(text(&b, "/data/id"), "created recurrence_master"),
                    before,
                );
            }
            "PATCH /api/v1/secure/calendar/recurrence-instances/{id}" => {
                let master = self.id("master").to_string();
                let path = format!(
                    "/calendar/recurrence-masters/{master}/instances\
                     ?from=2030-03-01T00:00:00Z&to=2030-03-31T00:00:00Z"
                );
                let listed = self.ok(&acme, Method::GET, &path, None, 200).await;
                let id = text(&listed, "/data/1/id");
                let before = self.log(&acme).await.len();
                let path = format!("/calendar/recurrence-instances/{id}");
                let body = json!({ "instanceState": "cancelled" });
                self.ok(&acme, Method::PATCH, &path, Some(body), 200).await;
                return (in_acme(id, "updated recurrence_instance"), before);
            }
            "DELETE /api/v1/secure/calendar/entries/{id}" => {
                let id = self.id("entry").to_string();
                self.ok(
                    &acme,
                    Method::DELETE,
                    &format!("/calendar/entries/{id}"),
                    None,
                    204,
                )
                .await;
                in_acme(id, "deleted calendar_entry")
            }
            "DELETE /api/v1/secure/calendar/{id}" => {
                let id = self.id("calendar").to_string();
                self.ok(&acme, Method::DELETE, &format!("/calendar/{id}"), None, 204)
                    .await;
                in_acme(id, "deleted calendar")
            }
            "PATCH /api/v1/secure/tenants/{id}" => {
                let body = json!({ "name": "Northwind Clinics (swept)" });
                self.ok(
                    &acme,
                    Method::PATCH,
                    &format!("/tenants/{nw}"),
                    Some(body),
                    200,
                )
                .await;
                Expect {
                    tenant: nw.clone(),
                    resource_id: nw.clone(),
                    row: "updated tenant",
                    actor: None,
                }
            }
            lifecycle if lifecycle.starts_with("POST /api/v1/secure/tenants/{id}/lifecycle/") => {
                let action = lifecycle.rsplit('/').next().unwrap();
                // Activate and archive start from a suspended tenant.
                if matches!(action, "activate" | "archive") {
                    let path = format!("/tenants/{nw}/lifecycle/suspend");
                    self.ok(&acme, Method::POST, &path, Some(json!({})), 200)
                        .await;
                }
                let before = self.log(&nw).await.len();
                let body = match action {
                    "upgrade" => json!({ "target_type": "paid", "reason": "Swept" }),
                    _ => json!({ "reason": "Swept" }),
                };
                let path = format!("/tenants/{nw}/lifecycle/{action}");
                self.ok(&acme, Method::POST, &path, Some(body), 200).await;
                return (
                    Expect {
                        tenant: nw.clone(),
                        resource_id: nw.clone(),
                        row: "updated tenant",
                        actor: None,
                    },
                    before,
                );
            }
            decision
                if decision.starts_with("POST /api/v1/secure/resources/resource-requests/")
                    || decision == "DELETE /api/v1/secure/resources/resource-requests/{id}" =>
            {
                let request = self.pending_move().await;
                let before = self.log(&acme).await.len();
                let (method, path, body, row) = match decision.rsplit('/').next().unwrap() {
                    "approve" => (Method::POST, format!("{request}/approve"), None, "approved"),
                    "reject" => (
                        Method::POST,
                        format!("{request}/reject"),
                        Some(json!({ "rejectionReason": "Swept" })),
                        "rejected",
                    ),
                    _ => (Method::DELETE, request.clone(), None, "cancelled"),
                };
                let status = if method == Method::DELETE { 204 } else { 200 };
                let path = format!("/resources/resource-requests/{path}");
                self.ok(&acme, method, &path, body, status).await;
                let row = match row {
                    "approved" => "approved resource_move_request",
                    "rejected" => "rejected resource_move_request",
                    _ => "cancelled resource_move_request",
                };
                return (in_acme(request, row), before);
            }
            decision
                if decision.starts_with("POST /api/v1/secure/approvals/")
                    || decision == "DELETE /api/v1/secure/approvals/{id}" =>
            {
                let approval = self.pending_approval().await;
                let before = self.log(&acme).await.len();
                let path = format!("/approvals/{approval}");
                let (method, path, body, status, row) = match decision.rsplit('/').next().unwrap() {
                    "approve" => (
                        Method::POST,
                        format!("{path}/approve"),
                        json!({}),
                        200,
                        "approved approval_request",
                    ),
                    "reject" => (
                        Method::POST,
                        format!("{path}/reject"),
                        json!({ "rejection_reason": "Swept" }),
                        200,
                        "rejected approval_request",
                    ),
                    _ => (
                        Method::DELETE,
                        path,
                        json!({}),
                        204,
                        "cancelled approval_request",
                    ),
                };
                self.ok(&acme, method, &path, Some(body), status).await;
                return (in_acme(approval, row), before);
            }
            "POST /api/v1/secure/auth/leave-tenant/{tenantId}" => {
                let email = "swept.leaver@example.com";
                let body = json!({ "email": email, "password": "swept-password" });
                let b = self
                    .ok(&acme, Method::POST, "/users", Some(body), 201)
                    .await;
                let leaver = text(&b, "/data/id");
                let url = format!("{}/api/v1/public/auth/login", self.rig.server.base_url());
                let login = json!({ "email": email, "password": "swept-password" });
                let token = send(self.rig.http.post(url).json(&login)).await.json()["accessToken"]
                    .as_str()
                    .unwrap()
                    .to_string();
                let before = self.log(&acme).await.len();
                let path = format!("/auth/leave-tenant/{acme}");
                let (s, b) = self
                    .rig
                    .secure(&token, None, Method::POST, &path, None)
                    .await;
                assert_eq!(s, 200, "{b}");
                return (
                    Expect {
                        actor: Some(leaver.clone()),
                        ..in_acme(leaver, "left user")
                    },
                    before,
                );
            }
            "POST /api/v1/secure/taxonomy/tags/cleanup" => {
                // A curated tag made ordinary and used nowhere: the one cleanup takes.
                let body = json!({ "tag_name": "Swept litter" });
                let made = self
                    .ok(
                        &acme,
                        Method::POST,
                        "/taxonomy/tags/curated",
                        Some(body),
                        201,
                    )
                    .await;
                let litter = text(&made, "/data/id");
                let body = json!({ "updates": [{ "id": litter, "persistent": false }] });
                self.ok(
                    &acme,
                    Method::POST,
                    "/taxonomy/tags/bulk-update",
                    Some(body),
                    200,
                )
                .await;
                let before = self.log(&acme).await.len();
                let b = self
                    .ok(&acme, Method::POST, "/taxonomy/tags/cleanup", None, 200)
                    .await;
                assert_eq!(b["data"]["deleted_count"], 1, "{b}");
                return (in_acme(litter, "deleted tag"), before);
            }
            "POST /api/v1/public/invitations/accept" => {
                let invite = json!({ "recipient_email": "swept.accept@example.com" });
                let b = self
                    .ok(&acme, Method::POST, "/invitations", Some(invite), 201)
                    .await;
                let (id, code) = (text(&b, "/data/id"), text(&b, "/data/full_code"));
                let before = self.log(&acme).await.len();
                let url = format!(
                    "{}/api/v1/public/invitations/accept",
                    self.rig.server.base_url()
                );
                let body = json!({ "code": code, "password": "swept-password" });
                let res = send(self.rig.http.post(url).json(&body)).await;
                assert_eq!(res.status, 201, "{}", res.json());
                let actor = res.json()["user"]["id"].as_str().unwrap().to_string();
                return (
                    Expect {
                        actor: Some(actor),
                        ..in_acme(id, "accepted invitation")
                    },
                    before,
                );
            }
            other => {
                self.ids.entry("acme").or_insert_with(|| acme.clone());
                self.ids
                    .entry("admin_user")
                    .or_insert_with(outpost_devserver::demo::admin_id);
                if !self.ids.contains_key("demo_space") {
                    let (_, spaces) = self
                        .rig
                        .as_admin(Method::GET, "/spaces?limit=1", None)
                        .await;
                    self.ids.insert("demo_space", text(&spaces, "/data/0/id"));
                }
                if !self.ids.contains_key("demo_resource") {
                    let (_, resources) = self
                        .rig
                        .as_admin(Method::GET, "/resources?limit=1", None)
                        .await;
                    self.ids
                        .insert("demo_resource", text(&resources, "/data/0/id"));
                }
                let step = admin_steps()
                    .into_iter()
                    .find(|s| s.endpoint == other)
                    .unwrap_or_else(|| panic!("the sweep has no case for {other}"));
                let path = self.fill(step.path);
                let method = Method::from_bytes(step.method().as_bytes()).unwrap();
                let body = step.body.map(|b| self.fill_value(b));
                let b = self.ok(&acme, method, &path, body, step.status).await;
                if let Some((name, pointer)) = step.saves {
                    self.ids.insert(name, text(&b, pointer));
                }
                in_acme(self.id(step.about).to_string(), step.row)
            }
        };
        let before = if expect.tenant == acme {
            before_acme
        } else {
            before_nw
        };
        (expect, before)
    }
}

/// A mutation of the administration, as data: the call, the id it makes (kept under a name,
/// read at a JSON pointer of the answer), and the row it logs about which id. In paths and
/// bodies `{name}` is an id made earlier and `{admin}` the demo admin.
struct AdminStep {
    endpoint: &'static str,
    path: &'static str,
    body: Option<Value>,
    status: u16,
    saves: Option<(&'static str, &'static str)>,
    row: &'static str,
    about: &'static str,
}

impl AdminStep {
    fn method(&self) -> &'static str {
        self.endpoint.split(' ').next().unwrap()
    }
}

fn step(
    endpoint: &'static str,
    path: &'static str,
    body: Option<Value>,
    status: u16,
    row: &'static str,
    about: &'static str,
) -> AdminStep {
    AdminStep {
        endpoint,
        path,
        body,
        status,
        saves: None,
        row,
        about,
    }
}

fn admin_steps() -> Vec<AdminStep> {
    vec![
        step(
            "PATCH /api/v1/secure/auth/me",
            "/auth/me",
            Some(json!({ "locale": "de", "settings": { "theme": "dark" } })),
            200,
            "updated user",
            "admin_user",
        ),
        step(
            "DELETE /api/v1/secure/auth/me/preferences",
            "/auth/me/preferences",
            None,
            200,
            "updated user",
            "admin_user",
        ),
        AdminStep {
            saves: Some(("group", "/data/id")),
            ..step(
                "POST /api/v1/secure/groups/create",
                "/groups/create",
                Some(json!({ "name": "Swept" })),
                201,
                "created group",
                "group",
            )
        },
        step(
            "PUT /api/v1/secure/groups/{id}",
            "/groups/{group}",
            Some(json!({ "name": "Swept again" })),
            200,
            "updated group",
            "group",
        ),
        step(
            "POST /api/v1/secure/groups/{id}/members",
            "/groups/{group}/members",
            Some(json!({ "userId": "{admin}" })),
            204,
            "member_added group",
            "group",
        ),
        step(
            "DELETE /api/v1/secure/groups/{id}/members/{userId}",
            "/groups/{group}/members/{admin}",
            None,
            204,
            "member_removed group",
            "group",
        ),
        step(
            "DELETE /api/v1/secure/groups/{id}",
            "/groups/{group}",
            None,
            204,
            "deleted group",
            "group",
        ),
        AdminStep {
            saves: Some(("user", "/data/id")),
            ..step(
                "POST /api/v1/secure/users/",
                "/users",
                Some(json!({ "email": "swept.user@example.com", "password": "swept-password" })),
                201,
                "created user",
                "user",
            )
        },
        step(
            "PATCH /api/v1/secure/users/{id}",
            "/users/{user}",
            Some(json!({ "firstName": "Swept" })),
            200,
            "updated user",
            "user",
        ),
        step(
            "POST /api/v1/secure/users/{id}/reset-password",
            "/users/{user}/reset-password",
            None,
            200,
            "password_reset user",
            "user",
        ),
        AdminStep {
            saves: Some(("invitation", "/data/id")),
            ..step(
                "POST /api/v1/secure/invitations/",
                "/invitations",
                Some(json!({ "recipient_email": "swept.invitee@example.com" })),
                201,
                "created invitation",
                "invitation",
            )
        },
        step(
            "POST /api/v1/secure/invitations/{id}/resend",
            "/invitations/{invitation}/resend",
            Some(json!({})),
            200,
            "resent invitation",
            "invitation",
        ),
        step(
            "DELETE /api/v1/secure/invitations/{id}",
            "/invitations/{invitation}",
            None,
            204,
            "revoked invitation",
            "invitation",
        ),
        AdminStep {
            saves: Some(("space", "/data/id")),
            ..step(
                "POST /api/v1/secure/spaces/",
                "/spaces",
                Some(json!({ "name": "Swept space" })),
                201,
                "created space",
                "space",
            )
        },
        step(
            "PATCH /api/v1/secure/spaces/{id}",
            "/spaces/{space}",
            Some(json!({ "description": "Swept" })),
            200,
            "updated space",
            "space",
        ),
        step(
            "POST /api/v1/secure/spaces/{id}/order-top",
            "/spaces/{space}/order-top",
            None,
            200,
            "reordered space",
            "space",
        ),
        step(
            "PATCH /api/v1/secure/spaces/{id}/promotion",
            "/spaces/{space}/promotion",
            Some(json!({ "promotionType": "Effect1", "promotionRank": 1 })),
            200,
            "promoted space",
            "space",
        ),
        step(
            "POST /api/v1/secure/spaces/{id}/members",
            "/spaces/{space}/members",
            Some(json!({ "userId": "{admin}", "role": "manager" })),
            201,
            "member_added space",
            "space",
        ),
        step(
            "DELETE /api/v1/secure/spaces/{id}/members/{userId}",
            "/spaces/{space}/members/{admin}",
            None,
            204,
            "member_removed space",
            "space",
        ),
        AdminStep {
            saves: Some(("resource", "/data/id")),
            ..step(
                "POST /api/v1/secure/resources/",
                "/resources",
                Some(json!({ "name": "Swept resource", "spaceId": "{demo_space}" })),
                201,
                "created resource",
                "resource",
            )
        },
        step(
            "PATCH /api/v1/secure/resources/{id}",
            "/resources/{resource}",
            Some(json!({ "description": "Swept" })),
            200,
            "updated resource",
            "resource",
        ),
        step(
            "POST /api/v1/secure/resources/{id}/order-top",
            "/resources/{resource}/order-top",
            None,
            200,
            "reordered resource",
            "resource",
        ),
        step(
            "PATCH /api/v1/secure/resources/{id}/promotion",
            "/resources/{resource}/promotion",
            Some(json!({ "promotionType": "None" })),
            200,
            "promoted resource",
            "resource",
        ),
        step(
            "POST /api/v1/secure/resources/{id}/members",
            "/resources/{resource}/members",
            Some(json!({ "userIds": ["{admin}"] })),
            200,
            "member_added resource",
            "resource",
        ),
        step(
            "DELETE /api/v1/secure/resources/{id}/members/{userId}",
            "/resources/{resource}/members/{admin}",
            None,
            204,
            "member_removed resource",
            "resource",
        ),
        AdminStep {
            saves: Some(("move", "/data/id")),
            ..step(
                "POST /api/v1/secure/resources/{id}/move",
                "/resources/{resource}/move",
                Some(json!({ "targetSpaceId": "{space}", "reason": "Swept" })),
                201,
                "created resource_move_request",
                "move",
            )
        },
        step(
            "POST /api/v1/secure/resources/{id}/detach",
            "/resources/{resource}/detach",
            None,
            200,
            "detached resource",
            "resource",
        ),
        step(
            "DELETE /api/v1/secure/resources/{id}",
            "/resources/{resource}",
            None,
            204,
            "deleted resource",
            "resource",
        ),
        step(
            "DELETE /api/v1/secure/spaces/{id}",
            "/spaces/{space}",
            None,
            204,
            "deleted space",
            "space",
        ),
        AdminStep {
            saves: Some(("tag", "/data/id")),
            ..step(
                "POST /api/v1/secure/taxonomy/tags/curated",
                "/taxonomy/tags/curated",
                Some(json!({ "tag_name": "Swept" })),
                201,
                "created tag",
                "tag",
            )
        },
        step(
            "POST /api/v1/secure/taxonomy/tags/link",
            "/taxonomy/tags/link",
            Some(json!({ "tag_name": "Swept", "entity_type": "tenant", "entity_id": "{acme}" })),
            201,
            "linked tag",
            "tag",
        ),
        step(
            "PATCH /api/v1/secure/taxonomy/tags/{id}/upgrade",
            "/taxonomy/tags/{tag}/upgrade",
            None,
            200,
            "upgraded tag",
            "tag",
        ),
        step(
            "DELETE /api/v1/secure/taxonomy/tags/{id}/unlink",
            "/taxonomy/tags/{tag}/unlink",
            Some(json!({ "entity_type": "tenant", "entity_id": "{acme}" })),
            204,
            "unlinked tag",
            "tag",
        ),
        step(
            "POST /api/v1/secure/spaces/{id}/tags",
            "/spaces/{demo_space}/tags",
            Some(json!({ "tag_name": "Swept" })),
            200,
            "linked tag",
            "tag",
        ),
        step(
            "DELETE /api/v1/secure/spaces/{id}/tags/{tagId}",
            "/spaces/{demo_space}/tags/{tag}",
            None,
            204,
            "unlinked tag",
            "tag",
        ),
        step(
            "POST /api/v1/secure/resources/{id}/tags",
            "/resources/{demo_resource}/tags",
            Some(json!({ "tag_name": "Swept" })),
            200,
            "linked tag",
            "tag",
        ),
        step(
            "DELETE /api/v1/secure/resources/{id}/tags/{tagId}",
            "/resources/{demo_resource}/tags/{tag}",
            None,
            204,
            "unlinked tag",
            "tag",
        ),
        step(
            "PATCH /api/v1/secure/taxonomy/tags/{id}/translations",
            "/taxonomy/tags/{tag}/translations",
            Some(json!({ "translations": [{ "locale": "de", "name": "Gefegt" }] })),
            200,
            "updated tag",
            "tag",
        ),
        step(
            "POST /api/v1/secure/taxonomy/tags/bulk-update",
            "/taxonomy/tags/bulk-update",
            Some(json!({ "updates": [{ "id": "{tag}", "persistent": true }] })),
            200,
            "updated tag",
            "tag",
        ),
        step(
            "POST /api/v1/secure/taxonomy/tags/link/bulk",
            "/taxonomy/tags/link/bulk",
            Some(json!({ "tag_names": ["Swept"], "entity_type": "tenant", "entity_id": "{acme}" })),
            201,
            "linked tag",
            "tag",
        ),
        step(
            "DELETE /api/v1/secure/taxonomy/tags/{id}",
            "/taxonomy/tags/{tag}",
            None,
            204,
            "deleted tag",
            "tag",
        ),
        AdminStep {
            saves: Some(("category", "/data/id")),
            ..step(
                "POST /api/v1/secure/taxonomy/categories/",
                "/taxonomy/categories",
                Some(json!({ "key": "swept", "name": "Swept" })),
                201,
                "created category",
                "category",
            )
        },
        step(
            "PATCH /api/v1/secure/taxonomy/categories/{id}",
            "/taxonomy/categories/{category}",
            Some(json!({ "name": "Swept again" })),
            200,
            "updated category",
            "category",
        ),
        step(
            "PATCH /api/v1/secure/taxonomy/categories/{id}/i18n",
            "/taxonomy/categories/{category}/i18n",
            Some(json!({ "locale": "de", "name": "Gefegt" })),
            200,
            "translated category",
            "category",
        ),
        step(
            "POST /api/v1/secure/taxonomy/categories/{id}/link",
            "/taxonomy/categories/{category}/link",
            Some(json!({ "entity_type": "tenant", "entity_id": "{acme}" })),
            201,
            "linked category",
            "category",
        ),
        step(
            "DELETE /api/v1/secure/taxonomy/categories/{id}/unlink",
            "/taxonomy/categories/{category}/unlink",
            Some(json!({ "entity_type": "tenant", "entity_id": "{acme}" })),
            204,
            "unlinked category",
            "category",
        ),
        step(
            "POST /api/v1/secure/spaces/{id}/categories",
            "/spaces/{demo_space}/categories",
            Some(json!({ "category_id": "{category}" })),
            200,
            "linked category",
            "category",
        ),
        step(
            "DELETE /api/v1/secure/spaces/{id}/categories/{categoryId}",
            "/spaces/{demo_space}/categories/{category}",
            None,
            204,
            "unlinked category",
            "category",
        ),
        step(
            "POST /api/v1/secure/resources/{id}/categories",
            "/resources/{demo_resource}/categories",
            Some(json!({ "category_id": "{category}" })),
            200,
            "linked category",
            "category",
        ),
        step(
            "DELETE /api/v1/secure/resources/{id}/categories/{categoryId}",
            "/resources/{demo_resource}/categories/{category}",
            None,
            204,
            "unlinked category",
            "category",
        ),
        step(
            "DELETE /api/v1/secure/taxonomy/categories/{id}",
            "/taxonomy/categories/{category}",
            Some(json!({})),
            200,
            "deleted category",
            "category",
        ),
        // The owner's role stops being trusted: what they make next waits for approval.
        step(
            "PATCH /api/v1/secure/tenant/approval-settings/{entityType}",
            "/tenant/approval-settings/resource",
            Some(
                json!({ "requires_approval": true, "config": { "auto_approve_roles": ["admin"] } }),
            ),
            200,
            "updated approval_settings",
            "acme",
        ),
        step(
            "PATCH /api/v1/secure/tenants/{id}/settings/{category}",
            "/tenants/{acme}/settings/general",
            Some(json!({ "settings": { "time_format": "12h" } })),
            200,
            "updated tenant_settings",
            "acme",
        ),
        step(
            "POST /api/v1/secure/tenants/{id}/settings/{category}/reset",
            "/tenants/{acme}/settings/general/reset",
            Some(json!({})),
            200,
            "reset tenant_settings",
            "acme",
        ),
        AdminStep {
            saves: Some(("limit", "/data/id")),
            ..step(
                "POST /api/v1/secure/tenants/{id}/rate-limits",
                "/tenants/{acme}/rate-limits",
                Some(
                    json!({ "endpoint_pattern": "/api/v1/secure/contacts*", "max_requests": 100,
                             "window_seconds": 60, "scope_type": "per_user" }),
                ),
                201,
                "created rate_limit",
                "limit",
            )
        },
        step(
            "PATCH /api/v1/secure/tenants/{id}/rate-limits/{limitId}",
            "/tenants/{acme}/rate-limits/{limit}",
            Some(json!({ "enabled": false })),
            200,
            "updated rate_limit",
            "limit",
        ),
        step(
            "DELETE /api/v1/secure/tenants/{id}/rate-limits/{limitId}",
            "/tenants/{acme}/rate-limits/{limit}",
            None,
            204,
            "deleted rate_limit",
            "limit",
        ),
        AdminStep {
            saves: Some(("domain", "/data/id")),
            ..step(
                "POST /api/v1/secure/tenant-domains/",
                "/tenant-domains",
                Some(json!({ "domain": "swept.test", "domain_type": "api" })),
                201,
                "created tenant_domain",
                "domain",
            )
        },
        step(
            "PATCH /api/v1/secure/tenant-domains/{id}",
            "/tenant-domains/{domain}",
            Some(json!({ "settings": { "swept": true } })),
            200,
            "updated tenant_domain",
            "domain",
        ),
        step(
            "POST /api/v1/secure/tenant-domains/{id}/verify",
            "/tenant-domains/{domain}/verify",
            None,
            200,
            "verified tenant_domain",
            "domain",
        ),
        step(
            "DELETE /api/v1/secure/tenant-domains/{id}",
            "/tenant-domains/{domain}",
            None,
            204,
            "deleted tenant_domain",
            "domain",
        ),
        AdminStep {
            saves: Some(("named_domain", "/data/id")),
            ..step(
                "POST /api/v1/secure/tenants/{id}/domains",
                "/tenants/{acme}/domains",
                Some(json!({ "domain": "swept-named.test", "domain_type": "api" })),
                201,
                "created tenant_domain",
                "named_domain",
            )
        },
        step(
            "PATCH /api/v1/secure/tenants/{id}/domains/{domainId}",
            "/tenants/{acme}/domains/{named_domain}",
            Some(json!({ "verification_method": "txt" })),
            200,
            "updated tenant_domain",
            "named_domain",
        ),
        step(
            "POST /api/v1/secure/tenants/{id}/domains/{domainId}/verify",
            "/tenants/{acme}/domains/{named_domain}/verify",
            None,
            200,
            "verified tenant_domain",
            "named_domain",
        ),
        step(
            "DELETE /api/v1/secure/tenants/{id}/domains/{domainId}",
            "/tenants/{acme}/domains/{named_domain}",
            None,
            204,
            "deleted tenant_domain",
            "named_domain",
        ),
        step(
            "PATCH /api/v1/secure/tenants/{id}/log-retention",
            "/tenants/{acme}/log-retention",
            Some(json!({ "retention_days": 30 })),
            200,
            "updated log_retention",
            "acme",
        ),
        step(
            "POST /api/v1/secure/resources/{id}/visit-metrics/track",
            "/resources/{demo_resource}/visit-metrics/track",
            None,
            200,
            "visited resource",
            "demo_resource",
        ),
        step(
            "POST /api/v1/secure/resources/{id}/visit-metrics/reset",
            "/resources/{demo_resource}/visit-metrics/reset",
            Some(json!({ "reason": "Swept" })),
            200,
            "visits_reset resource",
            "demo_resource",
        ),
        step(
            "POST /api/v1/secure/spaces/{id}/visit-metrics/reset",
            "/spaces/{demo_space}/visit-metrics/reset",
            Some(json!({})),
            200,
            "visits_reset space",
            "demo_space",
        ),
    ]
}

impl Sweep {
    /// A new pending request to move the swept resource to the other of the two spaces
    /// (the sweep's own and a demo one): its id.
    async fn pending_move(&mut self) -> String {
        let acme = acme();
        let resource = self.id("resource").to_string();
        let (_, now) = self
            .rig
            .as_admin(Method::GET, &format!("/resources/{resource}"), None)
            .await;
        let target = if now["data"]["space_id"] == self.id("space") {
            self.id("demo_space").to_string()
        } else {
            self.id("space").to_string()
        };
        let path = format!("/resources/{resource}/move");
        let body = json!({ "targetSpaceId": target });
        let b = self.ok(&acme, Method::POST, &path, Some(body), 201).await;
        b["data"]["id"].as_str().unwrap().to_string()
    }

    /// A new pending approval request (a resource made while the settings ask approval of the
    /// admin's role): its id.
    async fn pending_approval(&mut self) -> String {
        let acme = acme();
        let body = json!({ "name": "Awaiting approval" });
        let b = self
            .ok(&acme, Method::POST, "/resources", Some(body), 201)
            .await;
        assert_eq!(b["data"]["status"], "pending", "{b}");
        let resource = b["data"]["id"].clone();
        let list = self
            .ok(
                &acme,
                Method::GET,
                "/approvals?status=pending&limit=200",
                None,
                200,
            )
            .await;
        let found = list["data"]
            .as_array()
            .unwrap()
            .iter()
            .find(|a| a["entity_id"] == resource);
        found.unwrap()["id"].as_str().unwrap().to_string()
    }

    /// `template` with `{admin}` and each `{name}` of an id made earlier filled in.
    fn fill(&self, template: &str) -> String {
        let mut out = template.replace("{admin}", &outpost_devserver::demo::admin_id());
        for (name, id) in &self.ids {
            out = out.replace(&format!("{{{name}}}"), id);
        }
        out
    }

    fn fill_value(&self, body: Value) -> Value {
        serde_json::from_str(&self.fill(&body.to_string())).unwrap()
    }
}

/// The tenant's audit rows in the storage of record, newest first (as the listing gives them).
fn stored_log(file: &Path, tenant: &str) -> Vec<Value> {
    let db =
        rusqlite::Connection::open_with_flags(file, rusqlite::OpenFlags::SQLITE_OPEN_READ_ONLY)
            .unwrap();
    let mut stmt = db
        .prepare("SELECT body FROM audit_rows WHERE tenant_id = ?1 ORDER BY seq DESC")
        .unwrap();
    let rows = stmt
        .query_map([tenant], |r| r.get::<_, String>(0))
        .unwrap()
        .map(|b| serde_json::from_str(&b.unwrap()).unwrap())
        .collect();
    rows
}

#[tokio::test]
async fn every_mutation_writes_an_audit_row_naming_its_entity_and_action() {
    let dir = std::env::temp_dir().join(format!("outpost-audit-{}", uuid::Uuid::new_v4()));
    std::fs::create_dir_all(&dir).unwrap();
    let file = dir.join("audit.db");
    let server = start(DevServerConfig {
        demo: Some(DemoOptions::default()),
        data: Some(file.clone()),
        ..DevServerConfig::default()
    })
    .await
    .unwrap();
    let mut sweep = Sweep {
        rig: Rig::signed_in(server).await,
        file,
        ids: Default::default(),
    };
    for endpoint in SWEPT {
        let events_before = |tenant: &str| crate::feed_sweep::stored(&sweep.file, tenant).len();
        let events_before = [
            (acme(), events_before(&acme())),
            (northwind(), events_before(&northwind())),
        ];
        let (expect, before) = sweep.perform(endpoint).await;
        let log = sweep.log(&expect.tenant).await;
        assert_eq!(log.len(), before + 1, "{endpoint}: one new audit row");
        let row = &log[0];
        let named = format!(
            "{} {}",
            row["action"].as_str().unwrap(),
            row["resource_type"].as_str().unwrap()
        );
        assert_eq!(named, expect.row, "{endpoint}: {row}");
        assert_eq!(
            row["resource_id"],
            expect.resource_id.as_str(),
            "{endpoint}: {row}"
        );
        assert_eq!(row["tenantId"], expect.tenant.as_str(), "{endpoint}: {row}");
        let actor = expect
            .actor
            .clone()
            .unwrap_or_else(outpost_devserver::demo::admin_id);
        assert_eq!(row["user_id"], actor.as_str(), "{endpoint}");
        // The same change is in the catch-up feed, by the caller of the request.
        let events_before = events_before
            .iter()
            .find(|(t, _)| *t == expect.tenant)
            .map_or(0, |(_, n)| *n);
        let signed_in = !endpoint.contains(" /api/v1/public/");
        let by = signed_in.then_some(actor.as_str());
        crate::feed_sweep::check(&sweep.file, &expect.tenant, events_before, endpoint, by);
    }
    let Sweep { rig, .. } = sweep;
    rig.server.shutdown().await.unwrap();
    let _ = std::fs::remove_dir_all(&dir);
}
