//! Every kind of change reaches the catch-up feed (issue #19): the audit sweep
//! (`audit_sweep.rs`) performs every mutation the devserver serves, and after each one its
//! tenant's new events must hold the event this table names, by the mutation's author. The
//! events are read from the storage of record (as the sweep's audit rows are), since the sweep
//! closes a tenant on the way; the feed endpoint itself is tested in `event_feed.rs`.

use std::path::Path;

use serde_json::Value;

/// Each swept mutation and an event it must make.
pub const EXPECTED: &[(&str, &str)] = &[
    ("POST /api/v1/secure/contacts/", "contact:created"),
    ("PATCH /api/v1/secure/contacts/{id}", "contact:updated"),
    (
        "POST /api/v1/secure/users/{id}/contacts",
        "contact_link:created",
    ),
    (
        "DELETE /api/v1/secure/users/{id}/contacts/{contactId}",
        "contact_link:deleted",
    ),
    (
        "POST /api/v1/secure/spaces/{id}/contacts",
        "contact_link:created",
    ),
    (
        "DELETE /api/v1/secure/spaces/{id}/contacts/{contactId}",
        "contact_link:deleted",
    ),
    (
        "POST /api/v1/secure/resources/{id}/contacts",
        "contact_link:created",
    ),
    (
        "DELETE /api/v1/secure/resources/{id}/contacts/{contactId}",
        "contact_link:deleted",
    ),
    ("DELETE /api/v1/secure/contacts/{id}", "contact:deleted"),
    ("POST /api/v1/secure/groups/create", "group:created"),
    ("PUT /api/v1/secure/groups/{id}", "group:updated"),
    (
        "POST /api/v1/secure/groups/{id}/members",
        "group_member:created",
    ),
    (
        "DELETE /api/v1/secure/groups/{id}/members/{userId}",
        "group_member:deleted",
    ),
    ("DELETE /api/v1/secure/groups/{id}", "group:deleted"),
    ("POST /api/v1/secure/users/", "user:created"),
    ("PATCH /api/v1/secure/users/{id}", "user:updated"),
    (
        "POST /api/v1/secure/users/{id}/reset-password",
        "user:updated",
    ),
    ("PATCH /api/v1/secure/auth/me", "user:updated"),
    ("DELETE /api/v1/secure/auth/me/preferences", "user:updated"),
    ("POST /api/v1/secure/invitations/", "invitation:created"),
    (
        "POST /api/v1/secure/invitations/{id}/resend",
        "invitation:updated",
    ),
    (
        "DELETE /api/v1/secure/invitations/{id}",
        "invitation:updated",
    ),
    ("POST /api/v1/public/invitations/accept", "user:created"),
    (
        "POST /api/v1/secure/auth/leave-tenant/{tenantId}",
        "user:deleted",
    ),
    ("POST /api/v1/secure/spaces/", "space:created"),
    ("PATCH /api/v1/secure/spaces/{id}", "space:updated"),
    ("POST /api/v1/secure/spaces/{id}/order-top", "space:updated"),
    (
        "PATCH /api/v1/secure/spaces/{id}/promotion",
        "space:updated",
    ),
    (
        "POST /api/v1/secure/spaces/{id}/members",
        "space_member:created",
    ),
    (
        "DELETE /api/v1/secure/spaces/{id}/members/{userId}",
        "space_member:deleted",
    ),
    ("POST /api/v1/secure/resources/", "resource:created"),
    ("PATCH /api/v1/secure/resources/{id}", "resource:updated"),
    (
        "POST /api/v1/secure/resources/{id}/order-top",
        "resource:updated",
    ),
    (
        "PATCH /api/v1/secure/resources/{id}/promotion",
        "resource:updated",
    ),
    (
        "POST /api/v1/secure/resources/{id}/members",
        "resource_member:created",
    ),
    (
        "DELETE /api/v1/secure/resources/{id}/members/{userId}",
        "resource_member:deleted",
    ),
    (
        "POST /api/v1/secure/resources/{id}/move",
        "move_request:created",
    ),
    (
        "POST /api/v1/secure/resources/resource-requests/{id}/approve",
        "move_request:updated",
    ),
    (
        "POST /api/v1/secure/resources/resource-requests/{id}/reject",
        "move_request:updated",
    ),
    (
        "DELETE /api/v1/secure/resources/resource-requests/{id}",
        "move_request:updated",
    ),
    (
        "POST /api/v1/secure/resources/{id}/detach",
        "resource:updated",
    ),
    ("DELETE /api/v1/secure/resources/{id}", "resource:deleted"),
    ("DELETE /api/v1/secure/spaces/{id}", "space:deleted"),
    (
        "PATCH /api/v1/secure/tenant/approval-settings/{entityType}",
        "approval_settings:updated",
    ),
    (
        "POST /api/v1/secure/approvals/{id}/approve",
        "approval:updated",
    ),
    (
        "POST /api/v1/secure/approvals/{id}/reject",
        "approval:updated",
    ),
    ("DELETE /api/v1/secure/approvals/{id}", "approval:updated"),
    ("POST /api/v1/secure/taxonomy/tags/curated", "tag:created"),
    ("POST /api/v1/secure/taxonomy/tags/link", "tag_link:created"),
    (
        "PATCH /api/v1/secure/taxonomy/tags/{id}/upgrade",
        "tag:updated",
    ),
    (
        "DELETE /api/v1/secure/taxonomy/tags/{id}/unlink",
        "tag_link:deleted",
    ),
    ("POST /api/v1/secure/spaces/{id}/tags", "space:updated"),
    (
        "DELETE /api/v1/secure/spaces/{id}/tags/{tagId}",
        "space:updated",
    ),
    (
        "POST /api/v1/secure/resources/{id}/tags",
        "resource:updated",
    ),
    (
        "DELETE /api/v1/secure/resources/{id}/tags/{tagId}",
        "resource:updated",
    ),
    (
        "PATCH /api/v1/secure/taxonomy/tags/{id}/translations",
        "tag:updated",
    ),
    (
        "POST /api/v1/secure/taxonomy/tags/bulk-update",
        "tag:updated",
    ),
    (
        "POST /api/v1/secure/taxonomy/tags/link/bulk",
        "tag_link:created",
    ),
    ("POST /api/v1/secure/taxonomy/tags/cleanup", "tag:deleted"),
    ("DELETE /api/v1/secure/taxonomy/tags/{id}", "tag:deleted"),
    (
        "POST /api/v1/secure/taxonomy/categories/",
        "category:created",
    ),
    (
        "PATCH /api/v1/secure/taxonomy/categories/{id}",
        "category:updated",
    ),
    (
        "PATCH /api/v1/secure/taxonomy/categories/{id}/i18n",
        "category:updated",
    ),
    (
        "POST /api/v1/secure/taxonomy/categories/{id}/link",
        "category_link:created",
    ),
    (
        "DELETE /api/v1/secure/taxonomy/categories/{id}/unlink",
        "category_link:deleted",
    ),
    (
        "POST /api/v1/secure/spaces/{id}/categories",
        "space:updated",
    ),
    (
        "DELETE /api/v1/secure/spaces/{id}/categories/{categoryId}",
        "space:updated",
    ),
    (
        "POST /api/v1/secure/resources/{id}/categories",
        "resource:updated",
    ),
    (
        "DELETE /api/v1/secure/resources/{id}/categories/{categoryId}",
        "resource:updated",
    ),
    (
        "DELETE /api/v1/secure/taxonomy/categories/{id}",
        "category:deleted",
    ),
    (
        "PATCH /api/v1/secure/tenants/{id}/settings/{category}",
        "tenant_settings:updated",
    ),
    (
        "POST /api/v1/secure/tenants/{id}/settings/{category}/reset",
        "tenant_settings:updated",
    ),
    (
        "POST /api/v1/secure/tenants/{id}/rate-limits",
        "rate_limit:created",
    ),
    (
        "PATCH /api/v1/secure/tenants/{id}/rate-limits/{limitId}",
        "rate_limit:updated",
    ),
    (
        "DELETE /api/v1/secure/tenants/{id}/rate-limits/{limitId}",
        "rate_limit:deleted",
    ),
    (
        "POST /api/v1/secure/tenant-domains/",
        "tenant_domain:created",
    ),
    (
        "PATCH /api/v1/secure/tenant-domains/{id}",
        "tenant_domain:updated",
    ),
    (
        "POST /api/v1/secure/tenant-domains/{id}/verify",
        "tenant_domain:updated",
    ),
    (
        "DELETE /api/v1/secure/tenant-domains/{id}",
        "tenant_domain:deleted",
    ),
    (
        "POST /api/v1/secure/tenants/{id}/domains",
        "tenant_domain:created",
    ),
    (
        "PATCH /api/v1/secure/tenants/{id}/domains/{domainId}",
        "tenant_domain:updated",
    ),
    (
        "POST /api/v1/secure/tenants/{id}/domains/{domainId}/verify",
        "tenant_domain:updated",
    ),
    (
        "DELETE /api/v1/secure/tenants/{id}/domains/{domainId}",
        "tenant_domain:deleted",
    ),
    (
        "PATCH /api/v1/secure/tenants/{id}/log-retention",
        "log_retention:updated",
    ),
    (
        "POST /api/v1/secure/resources/{id}/visit-metrics/track",
        "resource:updated",
    ),
    (
        "POST /api/v1/secure/resources/{id}/visit-metrics/reset",
        "visit_metrics:updated",
    ),
    (
        "POST /api/v1/secure/spaces/{id}/visit-metrics/reset",
        "visit_metrics:updated",
    ),
    ("POST /api/v1/secure/calendar/", "calendar:created"),
    ("PATCH /api/v1/secure/calendar/{id}", "calendar:updated"),
    (
        "PATCH /api/v1/secure/admin/calendars/{calendarId}/policy",
        "calendar_policy:updated",
    ),
    ("POST /api/v1/secure/calendar/entries", "entry:created"),
    (
        "PATCH /api/v1/secure/calendar/entries/{id}",
        "entry:updated",
    ),
    (
        "POST /api/v1/secure/calendar/entries/{id}/status",
        "entry:updated",
    ),
    (
        "POST /api/v1/secure/calendar/entries/{id}/respond",
        "entry_participant:created",
    ),
    ("POST /api/v1/secure/calendar/reminders", "reminder:created"),
    (
        "POST /api/v1/secure/calendar/reminders/{id}/ack",
        "reminder:updated",
    ),
    (
        "DELETE /api/v1/secure/calendar/reminders/{id}",
        "reminder:deleted",
    ),
    (
        "POST /api/v1/secure/calendar/recurrence-masters",
        "series:created",
    ),
    (
        "PATCH /api/v1/secure/calendar/recurrence-instances/{id}",
        "series_instance:updated",
    ),
    (
        "DELETE /api/v1/secure/calendar/entries/{id}",
        "entry:deleted",
    ),
    ("DELETE /api/v1/secure/calendar/{id}", "calendar:deleted"),
    ("PATCH /api/v1/secure/tenants/{id}", "tenant:updated"),
    (
        "POST /api/v1/secure/tenants/{id}/lifecycle/suspend",
        "tenant:updated",
    ),
    (
        "POST /api/v1/secure/tenants/{id}/lifecycle/reactivate",
        "tenant:updated",
    ),
    (
        "POST /api/v1/secure/tenants/{id}/lifecycle/upgrade",
        "tenant:updated",
    ),
    (
        "POST /api/v1/secure/tenants/{id}/lifecycle/activate",
        "tenant:updated",
    ),
    (
        "POST /api/v1/secure/tenants/{id}/lifecycle/archive",
        "tenant:updated",
    ),
];

/// The event a swept mutation must make.
pub fn expected(endpoint: &str) -> &'static str {
    EXPECTED
        .iter()
        .find(|(e, _)| *e == endpoint)
        .map(|(_, t)| *t)
        .unwrap_or_else(|| panic!("feed_sweep::EXPECTED names no event for {endpoint}"))
}

/// The tenant's events in the storage of record, oldest first.
pub fn stored(file: &Path, tenant: &str) -> Vec<Value> {
    let db =
        rusqlite::Connection::open_with_flags(file, rusqlite::OpenFlags::SQLITE_OPEN_READ_ONLY)
            .unwrap();
    let mut stmt = db
        .prepare("SELECT body FROM events WHERE tenant_id = ?1 ORDER BY seq")
        .unwrap();
    let rows = stmt
        .query_map([tenant], |r| r.get::<_, String>(0))
        .unwrap()
        .map(|b| serde_json::from_str(&b.unwrap()).unwrap())
        .collect();
    rows
}

/// The events made since `before` of them were stored hold `endpoint`'s expected event, made
/// by `actor` (None: a request without a signed-in caller), and only events of `tenant`.
pub fn check(file: &Path, tenant: &str, before: usize, endpoint: &str, actor: Option<&str>) {
    let events = stored(file, tenant);
    let new = &events[before.min(events.len())..];
    let want = expected(endpoint);
    let found = new
        .iter()
        .find(|e| e["event_type"] == want && e["created_by"].as_str() == actor);
    let seen: Vec<String> = new
        .iter()
        .map(|e| format!("{} by {}", e["event_type"], e["created_by"]))
        .collect();
    assert!(
        found.is_some(),
        "{endpoint}: wanted {want} by {actor:?} among {seen:?}"
    );
    for e in new {
        assert_eq!(e["data"]["tenantId"], tenant, "{endpoint}: {e}");
    }
}

#[test]
fn every_swept_mutation_names_its_event_and_no_other_is_named() {
    let named: Vec<&str> = EXPECTED.iter().map(|(e, _)| *e).collect();
    assert_eq!(named, crate::audit_sweep::SWEPT);
}
