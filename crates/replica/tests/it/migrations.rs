//! A replica written by an earlier schema keeps its records, outbox and index through upgrades.

use crate::common::*;
use outpost_replica::{latest_version, Entity, Replica, Source};
use serde_json::json;

#[test]
fn records_written_at_every_schema_survive_the_upgrade() {
    let dir = tempfile::tempdir().unwrap();
    // The first version with every record table (sync tables come with 0005).
    for version in 5..latest_version() {
        let path = dir.path().join(format!("v{version}.db"));
        {
            let mut old = Replica::open_unmigrated(&path).unwrap();
            old.migrate_to(version).unwrap();
            let scope = old.tenant(TENANT);
            let cal = calendar(&scope, "Ops", "Europe/Berlin");
            entry(
                &scope,
                &cal.local_id,
                "Übergabe",
                "2026-03-02T08:00:00Z",
                "2026-03-12T08:00:00Z",
            );
            contact(&scope, "Jürgen", "Müller", "j@example.com");
        }
        let replica = Replica::open(&path).unwrap();
        assert_eq!(replica.schema_version().unwrap(), latest_version());
        let scope = replica.tenant(TENANT);
        let cal = &scope.calendars().unwrap()[0];
        let items = scope
            .window(
                &[&cal.local_id],
                "2026-03-10T00:00:00Z".parse().unwrap(),
                "2026-03-11T00:00:00Z".parse().unwrap(),
            )
            .unwrap();
        assert_eq!(
            items.len(),
            1,
            "a ten-day entry found from inside (index of 0006)"
        );
        assert_eq!(scope.search_contacts("muller", 5).unwrap().len(), 1);
        assert_eq!(scope.contacts(&Default::default()).unwrap().total, 1);
        assert_eq!(scope.outbox(&[]).unwrap().len(), 3);
        scope
            .update_contact(
                Source::User,
                &scope.search_contacts("jurgen", 1).unwrap()[0].local_id,
                fields(json!({"notes": "x"})),
            )
            .unwrap();
        assert!(scope
            .outbox(&[])
            .unwrap()
            .iter()
            .all(|op| op.entity != Entity::Contact || op.payload["notes"] == json!("x")));
    }
}

#[test]
fn processes_opening_a_new_replica_at_once_migrate_it_once() {
    let dir = tempfile::tempdir().unwrap();
    let path = dir.path().join("new.db");
    let openers: Vec<_> = (0..4)
        .map(|_| {
            let path = path.clone();
            std::thread::spawn(move || Replica::open(&path).map(|r| r.schema_version().unwrap()))
        })
        .collect();
    for o in openers {
        assert_eq!(
            o.join().unwrap().expect("every opener succeeds"),
            latest_version()
        );
    }
}
