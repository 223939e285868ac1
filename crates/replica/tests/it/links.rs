//! Contact links to users, spaces and resources; the primary flag; a contact's references.

use crate::common::*;
use outpost_replica::{Entity, OpKind, Source};
use serde_json::json;

#[test]
fn link_set_primary_unlink_and_references() {
    let t = open();
    let scope = t.replica.tenant(TENANT);
    scope
        .upsert_many_from_server(
            Entity::Space,
            &[json!({"id": "s-1", "name": "Main Hall", "status": "active",
                     "updatedAt": "2026-01-01T00:00:00Z"})],
        )
        .unwrap();
    scope
        .upsert_many_from_server(
            Entity::Resource,
            &[json!({"id": "r-1", "name": "Projector", "spaceId": "s-1",
                     "updatedAt": "2026-01-01T00:00:00Z"})],
        )
        .unwrap();
    scope
        .upsert_many_from_server(
            Entity::User,
            &[
                json!({"id": "u-1", "email": "ops@example.com", "displayName": "Ops Lead",
                     "updatedAt": "2026-01-01T00:00:00Z"}),
            ],
        )
        .unwrap();
    let anna = contact(&scope, "Anna", "Müller", "anna@example.com");
    let ben = contact(&scope, "Ben", "Kurz", "ben@example.com");

    let a_space = scope
        .link_contact(Source::User, &anna.local_id, "space", "s-1", true)
        .unwrap();
    scope
        .link_contact(Source::User, &anna.local_id, "resource", "r-1", false)
        .unwrap();
    scope
        .link_contact(Source::User, &anna.local_id, "user", "u-1", false)
        .unwrap();
    assert_eq!(a_space.fields["contactId"], json!(anna.local_id));
    let refs = scope.contact_references(&anna.local_id).unwrap();
    assert_eq!(
        refs.iter()
            .map(|r| (
                r.entity_type.as_str(),
                r.entity_name.as_deref(),
                r.is_primary
            ))
            .collect::<Vec<_>>(),
        [
            ("space", Some("Main Hall"), true),
            ("resource", Some("Projector"), false),
            ("user", Some("Ops Lead"), false)
        ]
    );

    // Ben becomes the hall's primary contact: Anna's link loses the flag.
    let b_space = scope
        .link_contact(Source::User, &ben.local_id, "space", "s-1", true)
        .unwrap();
    let hall = scope.linked_contacts("space", "s-1").unwrap();
    assert_eq!(
        hall.iter()
            .map(|l| (l.contact.display_name.as_str(), l.is_primary))
            .collect::<Vec<_>>(),
        [("Ben Kurz", true), ("Anna Müller", false)]
    );
    assert_eq!(
        scope
            .get(Entity::ContactLink, &a_space.local_id)
            .unwrap()
            .fields["isPrimary"],
        json!(false)
    );
    // Back to Anna.
    scope
        .set_primary_link(Source::User, &a_space.local_id, true)
        .unwrap();
    assert_eq!(
        scope
            .get(Entity::ContactLink, &b_space.local_id)
            .unwrap()
            .fields["isPrimary"],
        json!(false)
    );
    assert_eq!(
        scope
            .get(Entity::ContactLink, &a_space.local_id)
            .unwrap()
            .fields["isPrimary"],
        json!(true)
    );

    // Bad links change nothing.
    let before = fingerprint(&t.replica);
    assert_eq!(
        scope
            .link_contact(Source::User, &anna.local_id, "space", "s-404", false)
            .unwrap_err()
            .field(),
        Some("entityId")
    );
    assert_eq!(
        scope
            .link_contact(Source::User, &anna.local_id, "planet", "s-1", false)
            .unwrap_err()
            .field(),
        Some("entityType")
    );
    assert_eq!(
        scope
            .link_contact(Source::User, &anna.local_id, "space", "s-1", false)
            .unwrap_err()
            .field(),
        Some("contactId")
    );
    assert_eq!(fingerprint(&t.replica), before);

    // Unlinking a never-synced link leaves no trace; deleting a contact takes its links along.
    scope
        .unlink_contact(Source::User, &b_space.local_id)
        .unwrap();
    assert!(scope
        .ops_for_record(Entity::ContactLink, &b_space.local_id)
        .unwrap()
        .is_empty());
    scope.delete_contact(Source::User, &anna.local_id).unwrap();
    assert!(scope.linked_contacts("space", "s-1").unwrap().is_empty());
    let left: Vec<_> = scope
        .outbox(&[])
        .unwrap()
        .into_iter()
        .map(|o| (o.entity, o.kind))
        .collect();
    assert_eq!(
        left,
        [(Entity::Contact, OpKind::Create)],
        "only Ben's create remains"
    );
}

#[test]
fn a_link_to_a_new_contact_waits_for_the_contact_and_is_rewritten() {
    let t = open();
    let scope = t.replica.tenant(TENANT);
    scope
        .upsert_many_from_server(
            Entity::Space,
            &[json!({"id": "s-1", "name": "Main Hall", "updatedAt": "2026-01-01T00:00:00Z"})],
        )
        .unwrap();
    let anna = contact(&scope, "Anna", "Müller", "anna@example.com");
    let link = scope
        .link_contact(Source::User, &anna.local_id, "space", "s-1", false)
        .unwrap();
    let ready = scope.ready_ops(chrono::Utc::now()).unwrap();
    assert_eq!(
        ready.iter().map(|o| o.entity).collect::<Vec<_>>(),
        [Entity::Contact]
    );
    scope
        .mark_done(
            &ready[0].op_id,
            Some(&server_contact(
                "7d4c0a52-2222-4a2b-9c3d-00000000000a",
                "Anna",
                "Müller",
                "2026-01-02T00:00:00Z",
            )),
        )
        .unwrap();
    let ready = scope.ready_ops(chrono::Utc::now()).unwrap();
    assert_eq!(ready[0].local_id, link.local_id);
    assert_eq!(
        ready[0].payload["contactId"],
        json!("7d4c0a52-2222-4a2b-9c3d-00000000000a")
    );
    assert_eq!(
        scope
            .contact_references("7d4c0a52-2222-4a2b-9c3d-00000000000a")
            .unwrap()
            .len(),
        1
    );
}

#[test]
fn a_pushed_primary_change_takes_the_new_link_id() {
    let t = open();
    let scope = t.replica.tenant(TENANT);
    scope
        .upsert_many_from_server(
            Entity::Space,
            &[json!({"id": "s-1", "name": "Main Hall", "updatedAt": "2026-01-01T00:00:00Z"})],
        )
        .unwrap();
    scope
        .upsert_from_server(
            Entity::Contact,
            &server_contact(
                "7d4c0a52-2222-4a2b-9c3d-00000000000a",
                "Anna",
                "Müller",
                "2026-01-02T00:00:00Z",
            ),
        )
        .unwrap();
    let link = |id: &str, primary: bool| {
        json!({"id": id, "tenantId": TENANT, "entityType": "space", "entityId": "s-1",
            "contactId": "7d4c0a52-2222-4a2b-9c3d-00000000000a", "isPrimary": primary, "createdAt": "2026-01-03T00:00:00Z"})
    };
    let local = scope
        .upsert_from_server(Entity::ContactLink, &link("l-1", false))
        .unwrap();
    scope.set_primary_link(Source::User, &local, true).unwrap();
    let op = scope.ready_ops(chrono::Utc::now()).unwrap().remove(0);
    assert_eq!(op.payload, json!({"isPrimary": true}));
    scope.mark_in_flight(&op.op_id).unwrap();
    scope
        .mark_done(&op.op_id, Some(&link("l-2", true)))
        .unwrap();
    let rec = scope.get(Entity::ContactLink, &local).unwrap();
    assert_eq!(rec.server_id.as_deref(), Some("l-2"));
    assert_eq!(rec.fields["isPrimary"], json!(true));
    assert!(scope.get(Entity::ContactLink, "l-1").is_err());
}
