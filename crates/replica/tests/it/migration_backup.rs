//! An upgrade that fails part-way leaves the replica file as it was before it, and the error
//! says where a copy of it is kept: the migrations before the failing one, each committed on its
//! own, are undone with it.

use outpost_replica::Replica;

fn version(path: &std::path::Path) -> u32 {
    rusqlite::Connection::open(path)
        .unwrap()
        .query_row("PRAGMA user_version", [], |r| r.get(0))
        .unwrap()
}

#[test]
fn a_failed_upgrade_puts_the_replica_back_and_names_the_copy() {
    let dir = tempfile::tempdir().unwrap();
    let path = dir.path().join("replica.db");
    {
        let mut old = Replica::open_unmigrated(&path).unwrap();
        old.migrate_to(5).unwrap();
    }
    // Something the last migration creates is there already: the upgrade fails at its end,
    // after the migrations before it were committed.
    rusqlite::Connection::open(&path)
        .unwrap()
        .execute_batch(
            "CREATE INDEX instances_by_master ON recurrence_instances (tenant_id);
             CREATE TABLE kept_by_the_user (note TEXT); INSERT INTO kept_by_the_user VALUES ('mine');",
        )
        .unwrap();
    assert_eq!(version(&path), 5);

    let err = Replica::open(&path).err().expect("the upgrade fails");
    let said = err.to_string();
    assert!(said.contains("instances_by_master"), "{said}");
    assert!(said.contains("put back as it was"), "{said}");
    assert_eq!(
        version(&path),
        5,
        "the migrations before the failing one are undone too"
    );
    let note: String = rusqlite::Connection::open(&path)
        .unwrap()
        .query_row("SELECT note FROM kept_by_the_user", [], |r| r.get(0))
        .unwrap();
    assert_eq!(note, "mine");

    let copy = std::fs::read_dir(dir.path())
        .unwrap()
        .flatten()
        .map(|e| e.path())
        .find(|p| p.to_string_lossy().ends_with(".bak"))
        .expect("a copy is kept");
    assert!(
        said.contains(&copy.display().to_string()),
        "names the copy: {said}"
    );
    assert_eq!(version(&copy), 5);
    #[cfg(unix)]
    {
        use std::os::unix::fs::PermissionsExt;
        let mode = std::fs::metadata(&copy).unwrap().permissions().mode();
        assert_eq!(mode & 0o777, 0o600);
    }
}

#[test]
fn a_good_upgrade_leaves_no_copy_behind() {
    let dir = tempfile::tempdir().unwrap();
    let path = dir.path().join("replica.db");
    {
        let mut old = Replica::open_unmigrated(&path).unwrap();
        old.migrate_to(5).unwrap();
    }
    Replica::open(&path).unwrap();
    assert!(version(&path) > 5);
    let copies = std::fs::read_dir(dir.path())
        .unwrap()
        .flatten()
        .filter(|e| e.file_name().to_string_lossy().ends_with(".bak"))
        .count();
    assert_eq!(copies, 0);
}
