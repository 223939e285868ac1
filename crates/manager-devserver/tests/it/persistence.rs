//! `--data`: the SQLite file is the record. Changes survive a restart, a demo is not seeded
//! twice, secrets are stored only as hashes, and a file that is not a Manager database is
//! refused with its name.

use outpost_manager_devserver::{open, Contents, DemoOptions, Options};
use serde_json::json;

use crate::common;

fn options(path: &std::path::Path, contents: Contents) -> Options {
    Options {
        data: Some(path.to_owned()),
        contents,
    }
}

#[tokio::test]
async fn changes_survive_a_restart_and_the_demo_is_not_seeded_again() {
    let dir = tempfile::tempdir().unwrap();
    let file = dir.path().join("manager.db");
    let demo = Contents::Demo(DemoOptions::default());
    let first = common::start(options(&file, demo), None).await;
    let made = first
        .ok(
            "mutation { createProject(input: { name: \"Kept\", slug: \"kept\" }) { id } }",
            json!({}),
        )
        .await;
    let pat = first
        .ok(
            "mutation { createPersonalAccessToken(name: \"kept\") { token } }",
            json!({}),
        )
        .await;
    let pat = pat["createPersonalAccessToken"]["token"]
        .as_str()
        .unwrap()
        .to_owned();
    let before = first
        .ok(
            "{ projects(pagination: { limit: 500, offset: 0 }) { id slug } }",
            json!({}),
        )
        .await;
    let token = first.token.clone();
    first.stop().await;

    let again = common::start(options(&file, demo), None).await;
    assert_eq!(again.token, token, "the same demo token is named again");
    let after = again
        .ok(
            "{ projects(pagination: { limit: 500, offset: 0 }) { id slug } }",
            json!({}),
        )
        .await;
    assert_eq!(before, after, "the demo was not seeded a second time");
    assert!(after
        .to_string()
        .contains(made["createProject"]["id"].as_str().unwrap()));
    again.ok_as(&pat, "{ me { username } }", json!({})).await;
    again.stop().await;

    // Secrets are in the file as hashes only.
    let bytes = std::fs::read(&file).unwrap();
    let text = String::from_utf8_lossy(&bytes);
    assert!(!text.contains(&pat) && !text.contains(&token));
}

#[test]
fn a_file_of_something_else_is_refused_by_name() {
    let dir = tempfile::tempdir().unwrap();
    let file = dir.path().join("other.db");
    let conn = rusqlite::Connection::open(&file).unwrap();
    conn.execute_batch("CREATE TABLE notes (text TEXT); INSERT INTO notes VALUES ('mine');")
        .unwrap();
    drop(conn);
    let err = open(&options(&file, Contents::Empty))
        .err()
        .expect("refused");
    let message = format!("{err:#}");
    assert!(
        message.contains("other.db") && message.contains("not a Manager devserver database"),
        "{message}"
    );
    let conn = rusqlite::Connection::open(&file).unwrap();
    let kept: String = conn
        .query_row("SELECT text FROM notes", [], |r| r.get(0))
        .unwrap();
    assert_eq!(kept, "mine", "left as it was");
}

#[tokio::test]
async fn a_change_that_cannot_be_stored_is_an_internal_error_and_is_stored_later() {
    let dir = tempfile::tempdir().unwrap();
    let file = dir.path().join("manager.db");
    let server = common::start(options(&file, Contents::SeedExamples), None).await;
    // Another process holds the file's write lock longer than the server waits for it.
    let other = rusqlite::Connection::open(&file).unwrap();
    other.execute_batch("BEGIN EXCLUSIVE;").unwrap();
    let create =
        "mutation { createProject(input: { name: \"Blocked\", slug: \"blocked\" }) { id } }";
    let e = server.fails(create, json!({})).await;
    assert_eq!(e.code, "INTERNAL_SERVER_ERROR", "{}", e.message);
    other.execute_batch("COMMIT;").unwrap();
    drop(other);
    // The next request's flush writes what the failed one could not.
    server.ok("{ me { id } }", json!({})).await;
    server.stop().await;
    let again = common::start(options(&file, Contents::SeedExamples), None).await;
    let found = again
        .ok("{ project(slug: \"blocked\") { name } }", json!({}))
        .await;
    assert_eq!(found["project"]["name"], "Blocked");
    again.stop().await;
}
