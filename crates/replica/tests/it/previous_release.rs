//! A replica file written by the previous release (schema 10, before the record model), as a
//! user has it on disk: pulled contacts and a calendar, a directory with a group and its
//! members, and five edits waiting in the outbox. `tests/fixtures/replica-schema-10.db` was made
//! by that release's own code (its replica crate at commit d83f37d, through an example program
//! kept beside the fixture as `make-replica-schema-10.rs`). Opening it migrates it in place: no
//! row and no waiting edit is lost, and the edits still go out as they were queued.

use std::path::Path;

use outpost_replica::{latest_version, ContactQuery, Directory, Entity, OpKind, Replica};

const TENANT: &str = "0195f0c4-0000-7000-8000-00000000000a";

fn fixture_copy(dir: &Path) -> std::path::PathBuf {
    let from = Path::new(env!("CARGO_MANIFEST_DIR")).join("tests/fixtures/replica-schema-10.db");
    let to = dir.join("replica.db");
    std::fs::copy(from, &to).unwrap();
    to
}

#[test]
fn a_replica_of_the_previous_release_keeps_every_row_and_waiting_edit() {
    let dir = tempfile::tempdir().unwrap();
    let path = fixture_copy(dir.path());
    let before = Replica::open_unmigrated(&path).unwrap();
    assert_eq!(
        before.schema_version().unwrap(),
        10,
        "the fixture is the previous schema"
    );
    let ops_before = before.tenant(TENANT).outbox(&[]).unwrap();
    assert_eq!(ops_before.len(), 5);
    drop(before);

    let replica = Replica::open(&path).unwrap();
    assert_eq!(replica.schema_version().unwrap(), latest_version());
    let scope = replica.tenant(TENANT);

    // Every record: three pulled contacts (one deleted here, its delete waiting) and the one
    // made offline; the calendar and the entry made offline; the link made offline.
    let contacts = scope.contacts(&ContactQuery::default()).unwrap();
    assert_eq!(contacts.total, 3, "the contact deleted here stays hidden");
    assert_eq!(scope.known_server_ids(Entity::Contact).unwrap().len(), 3);
    assert_eq!(scope.search_contacts("muller", 5).unwrap().len(), 1);
    assert_eq!(scope.search_contacts("offline", 5).unwrap().len(), 1);
    let jurgen = scope
        .get(Entity::Contact, "7d4c0a52-2222-4a2b-9c3d-000000000001")
        .unwrap();
    assert_eq!(jurgen.fields["phone"], "+49 221 555");
    assert_eq!(jurgen.fields["firstName"], "Jürgen");
    assert_eq!(jurgen.fields["address"]["city"], "Köln");
    assert_eq!(scope.calendars().unwrap().len(), 1);
    assert_eq!(
        scope
            .directory(Directory::Users)
            .unwrap()
            .iter()
            .map(|u| u.name.as_str())
            .collect::<Vec<_>>(),
        ["Ada L"]
    );
    // The directory's copy of the server's users became user records, in the model's shape:
    // the next pull finds each by its server id.
    let users = scope.records(Entity::User, None).unwrap();
    assert_eq!(users.len(), 1);
    assert_eq!(
        users[0].server_id.as_deref(),
        Some("0c0c0c0c-0000-4000-8000-0000000000a1")
    );
    assert_eq!(
        users[0].fields,
        serde_json::json!({"email": "ada@example.com", "firstName": "Ada", "lastName": "L"})
    );
    assert_eq!(users[0].local_id.len(), 36, "{}", users[0].local_id);
    // The directory's copy of the server's groups became the groups record table: empty until
    // the next sync brings them back (nothing was ever edited in it).
    assert!(scope.records(Entity::Group, None).unwrap().is_empty());
    assert!(scope.directory(Directory::Groups).unwrap().is_empty());

    // Every waiting edit, unchanged, and ready to go.
    let ops = scope.outbox(&[]).unwrap();
    assert_eq!(ops.len(), ops_before.len());
    for (now, then) in ops.iter().zip(&ops_before) {
        assert_eq!(now.op_id, then.op_id);
        assert_eq!(now.entity, then.entity);
        assert_eq!(now.kind, then.kind);
        assert_eq!(now.payload, then.payload);
        assert_eq!(now.base, then.base);
        assert_eq!(now.state, then.state);
    }
    let kinds: Vec<(Entity, OpKind)> = ops.iter().map(|o| (o.entity, o.kind)).collect();
    assert_eq!(
        kinds,
        [
            (Entity::Contact, OpKind::Create),
            (Entity::Contact, OpKind::Update),
            (Entity::Contact, OpKind::Delete),
            (Entity::Entry, OpKind::Create),
            (Entity::ContactLink, OpKind::Create),
        ]
    );
    let ready = scope.ready_ops(chrono::Utc::now()).unwrap();
    assert_eq!(ready.len(), 5, "all of them go with the next sync");
}
