//! Tenant scoping: one tenant's rows are invisible and untouchable through another's scope.

use crate::common::*;
use chrono::{DateTime, Utc};
use outpost_replica::{Directory, Entity, Source};
use serde_json::json;

#[test]
fn nothing_of_tenant_a_is_reachable_through_tenant_b() {
    let t = open();
    let a = t.replica.tenant(TENANT);
    let b = t.replica.tenant(OTHER_TENANT);
    let cal = calendar(&a, "A's calendar", "Europe/Berlin");
    let e = entry(
        &a,
        &cal.local_id,
        "A's meeting",
        "2026-03-02T08:00:00Z",
        "2026-03-02T09:00:00Z",
    );
    let c = contact(&a, "Anna", "Müller", "anna@example.com");
    a.upsert_many_from_server(
        Entity::User,
        &[
            json!({"id": "u-1", "email": "u1@example.com", "displayName": "User One",
                 "updatedAt": "2026-01-01T00:00:00Z"}),
        ],
    )
    .unwrap();
    a.upsert_from_server(
        Entity::Contact,
        &server_contact(
            "7d4c0a52-2222-4a2b-9c3d-000000000009",
            "Server",
            "Contact",
            "2026-01-02T00:00:00Z",
        ),
    )
    .unwrap();
    let link = a
        .link_contact(Source::User, &c.local_id, "user", "u-1", true)
        .unwrap();
    let before = fingerprint(&t.replica);

    // Reads.
    assert!(b.calendars().unwrap().is_empty());
    assert_eq!(b.contacts(&Default::default()).unwrap().total, 0);
    assert!(b.search_contacts("muller", 10).unwrap().is_empty());
    assert!(b.search_entries("meeting", 10).unwrap().is_empty());
    assert!(b.outbox(&[]).unwrap().is_empty());
    assert!(b.directory(Directory::Users).unwrap().is_empty());
    assert!(b.known_server_ids(Entity::Contact).unwrap().is_empty());
    for (entity, id) in [
        (Entity::Calendar, &cal.local_id),
        (Entity::Entry, &e.local_id),
        (Entity::Contact, &c.local_id),
        (Entity::ContactLink, &link.local_id),
    ] {
        assert_eq!(
            b.get(entity, id).unwrap_err().code(),
            "not_found",
            "{entity:?}"
        );
    }
    assert_eq!(
        b.get(Entity::Contact, "7d4c0a52-2222-4a2b-9c3d-000000000009")
            .unwrap_err()
            .code(),
        "not_found"
    );
    let from: DateTime<Utc> = "2026-03-01T00:00:00Z".parse().unwrap();
    let to: DateTime<Utc> = "2026-03-05T00:00:00Z".parse().unwrap();
    assert_eq!(
        b.window(&[&cal.local_id], from, to).unwrap_err().code(),
        "not_found"
    );
    assert_eq!(
        b.contact_references(&c.local_id).unwrap_err().code(),
        "not_found"
    );

    // Writes.
    assert_eq!(
        b.update_contact(Source::User, &c.local_id, fields(json!({"notes": "x"})))
            .unwrap_err()
            .code(),
        "not_found"
    );
    assert_eq!(
        b.delete_entry(Source::User, &e.local_id)
            .unwrap_err()
            .code(),
        "not_found"
    );
    assert_eq!(
        b.create_entry(Source::User, fields(json!({"calendarId": cal.local_id, "kind": "event", "title": "x",
            "startsAt": "2026-03-02T08:00:00Z", "endsAt": "2026-03-02T09:00:00Z", "timezone": "UTC"})))
            .unwrap_err()
            .field(),
        Some("calendarId")
    );
    assert_eq!(
        b.link_contact(Source::User, &c.local_id, "user", "u-1", false)
            .unwrap_err()
            .field(),
        Some("contactId")
    );
    let op = &a.outbox(&[]).unwrap()[0];
    assert_eq!(
        b.mark_done(&op.op_id, None).unwrap_err().code(),
        "not_found"
    );
    assert_eq!(b.discard_op(&op.op_id).unwrap_err().code(), "not_found");
    assert_eq!(
        b.apply_remote_delete(Entity::Contact, "7d4c0a52-2222-4a2b-9c3d-000000000009")
            .unwrap(),
        outpost_replica::RemoteDelete::Unknown
    );
    assert_eq!(
        fingerprint(&t.replica),
        before,
        "tenant B's attempts changed nothing"
    );

    // The same server id may exist in both tenants as different rows.
    let in_b = b
        .upsert_from_server(
            Entity::Contact,
            &server_contact(
                "7d4c0a52-2222-4a2b-9c3d-000000000009",
                "Other",
                "Tenant",
                "2026-01-02T00:00:00Z",
            ),
        )
        .unwrap();
    let in_a = a
        .get(Entity::Contact, "7d4c0a52-2222-4a2b-9c3d-000000000009")
        .unwrap();
    assert_ne!(in_a.local_id, in_b);
    assert_eq!(in_a.fields["firstName"], json!("Server"));
    assert_eq!(b.contacts(&Default::default()).unwrap().total, 1);
    assert_eq!(a.contacts(&Default::default()).unwrap().total, 2);
}

#[test]
fn tenants_list_and_sync_runs() {
    let t = open();
    t.replica
        .replace_tenants(&[
            json!({"tenantId": TENANT, "tenantName": "Acme", "tenantSlug": "acme", "role": "admin", "is_default": true}),
            json!({"tenantId": OTHER_TENANT, "tenantName": "Beta", "tenantSlug": "beta", "role": "member"}),
        ])
        .unwrap();
    let list = t.replica.tenants().unwrap();
    assert_eq!(
        list.iter().map(|t| t.name.as_str()).collect::<Vec<_>>(),
        ["Acme", "Beta"]
    );
    assert!(list[0].is_default);
    let a = t.replica.tenant(TENANT);
    let run = a.start_sync_run("manual").unwrap();
    a.finish_sync_run(
        &run,
        outpost_replica::RunOutcome::Partial,
        &outpost_replica::RunReport {
            pulled: 10,
            pushed: 2,
            failed: 1,
            ..Default::default()
        },
    )
    .unwrap();
    let runs = a.sync_runs(10).unwrap();
    assert_eq!(runs.len(), 1);
    assert_eq!(runs[0].report.pulled, 10);
    assert_eq!(runs[0].outcome, outpost_replica::RunOutcome::Partial);
    assert!(t
        .replica
        .tenant(OTHER_TENANT)
        .sync_runs(10)
        .unwrap()
        .is_empty());
}

#[test]
fn forgetting_a_tenant_removes_all_of_it_and_nothing_else() {
    let t = open();
    t.replica
        .replace_tenants(&[
            json!({"tenantId": TENANT, "tenantName": "Acme"}),
            json!({"tenantId": OTHER_TENANT, "tenantName": "Beta"}),
        ])
        .unwrap();
    for tenant in [TENANT, OTHER_TENANT] {
        let scope = t.replica.tenant(tenant);
        let cal = calendar(&scope, "Cal", "Europe/Berlin");
        let e = entry(
            &scope,
            &cal.local_id,
            "Meeting",
            "2026-03-02T08:00:00Z",
            "2026-03-02T09:00:00Z",
        );
        scope
            .respond_to_entry(Source::User, &e.local_id, "u-1", "accepted")
            .unwrap();
        scope
            .upsert_many_from_server(
                Entity::User,
                &[json!({"id": "u-1", "email": "u@example.com", "updatedAt": "2026-01-01T00:00:00Z"})],
            )
            .unwrap();
        let c = contact(&scope, "Anna", "Müller", "anna@example.com");
        scope
            .link_contact(Source::User, &c.local_id, "user", "u-1", true)
            .unwrap();
        scope
            .upsert_many_from_server(
                Entity::Invitation,
                &[
                    json!({"id": "i-1", "recipient_email": "new@example.com", "status": "sent",
                         "updatedAt": "2026-01-01T00:00:00Z"}),
                ],
            )
            .unwrap();
        scope
            .upsert_many_from_server(
                Entity::Space,
                &[json!({"id": "s-1", "name": "Hall", "updatedAt": "2026-01-01T00:00:00Z"})],
            )
            .unwrap();
        scope.start_sync_run("manual").unwrap();
    }
    let b_before = {
        let b = t.replica.tenant(OTHER_TENANT);
        (
            b.outbox(&[]).unwrap().len(),
            b.contacts(&Default::default()).unwrap().total,
        )
    };
    t.replica.forget_tenant(TENANT).unwrap();
    // Every table that holds a tenant's rows, those added later included.
    let tables: Vec<String> = t
        .replica
        .conn()
        .prepare(
            "SELECT m.name FROM sqlite_master m, pragma_table_info(m.name) c \
             WHERE m.type = 'table' AND c.name = 'tenant_id'",
        )
        .unwrap()
        .query_map([], |r| r.get(0))
        .unwrap()
        .collect::<Result<_, _>>()
        .unwrap();
    assert!(tables.len() > 20, "{tables:?}");
    for table in tables {
        let left: i64 = t
            .replica
            .conn()
            .query_row(
                &format!("SELECT COUNT(*) FROM {table} WHERE tenant_id = ?1"),
                [TENANT],
                |r| r.get(0),
            )
            .unwrap();
        assert_eq!(left, 0, "{table}");
    }
    let b = t.replica.tenant(OTHER_TENANT);
    assert_eq!(
        (
            b.outbox(&[]).unwrap().len(),
            b.contacts(&Default::default()).unwrap().total
        ),
        b_before
    );
    assert_eq!(b.search_contacts("muller", 5).unwrap().len(), 1);
    assert!(t
        .replica
        .tenant(TENANT)
        .search_contacts("muller", 5)
        .unwrap()
        .is_empty());
    t.replica
        .conn()
        .execute(
            "INSERT INTO contacts_fts (contacts_fts) VALUES ('integrity-check')",
            [],
        )
        .unwrap();
    assert_eq!(t.replica.tenants().unwrap().len(), 1);
}
