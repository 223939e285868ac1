//! The demo: every kind of record, settings at all three levels, the same data for the same
//! seed, more with a larger scale.

use outpost_manager_devserver::{open, Contents, DemoOptions, Options};
use serde_json::{json, Value};

use crate::common;

const EVERYTHING: &str = r#"{
  projects(pagination: { limit: 500, offset: 0 }) {
    id slug backendSettings { id } frontendSettings { id }
    languagePacks { name content { Key } }
    tenants { id type backendSettings { id } frontendSettings { id }
      applications { id version backendSettings { id } frontendSettings { id }
        endpoints { id url consumeURL } triggers { id cronExpression } } }
  }
  users(pagination: { limit: 500, offset: 0 }) { id username disabled }
}"#;

fn count(v: &Value, path: &[&str]) -> usize {
    match path.split_first() {
        None => usize::from(!v.is_null()),
        Some((head, rest)) => match &v[*head] {
            Value::Array(items) => items.iter().map(|i| count(i, rest)).sum(),
            other => count(other, rest),
        },
    }
}

#[tokio::test]
async fn the_demo_has_every_kind_of_record() {
    let server = common::demo().await;
    assert!(server.token.starts_with("mpat_"));
    let all = server.ok(EVERYTHING, json!({})).await;
    let projects = &all["projects"];
    assert_eq!(projects.as_array().unwrap().len(), 4);
    for path in [
        &["projects", "tenants"][..],
        &["projects", "tenants", "applications"],
        &["projects", "tenants", "applications", "endpoints"],
        &["projects", "tenants", "applications", "triggers"],
        &["projects", "languagePacks"],
        &["projects", "backendSettings", "id"],
        &["projects", "tenants", "backendSettings", "id"],
        &["projects", "tenants", "frontendSettings", "id"],
        &[
            "projects",
            "tenants",
            "applications",
            "backendSettings",
            "id",
        ],
        &[
            "projects",
            "tenants",
            "applications",
            "frontendSettings",
            "id",
        ],
    ] {
        assert!(count(&all, path) > 0, "the demo has no {path:?}");
    }
    assert!(all["users"].as_array().unwrap().len() > 5);
    let (project, tenant, app) = common::first_app(&server.ok(common::TREE, json!({})).await);
    let more = server
        .ok(
            r#"query($p: ID!, $t: ID!, $a: ID!) {
                machineUsers(tenant: $t) { id tokenPrefix }
                user2projects(project: $p) { role user { username } }
                user2applications(application: $a) { role }
                auditLogs(projectID: $p, pagination: { limit: 500, offset: 0 }) { action entityType user { username } }
                piletPackages(projectId: $p) { count packages { enabled } }
            }"#,
            json!({ "p": project, "t": tenant, "a": app }),
        )
        .await;
    for list in [
        "machineUsers",
        "user2projects",
        "user2applications",
        "auditLogs",
    ] {
        assert!(
            !more[list].as_array().unwrap().is_empty(),
            "{list} is empty"
        );
    }
    assert!(more["piletPackages"]["count"].as_i64().unwrap() > 1);
    let roles: Vec<&str> = more["user2projects"]
        .as_array()
        .unwrap()
        .iter()
        .map(|l| l["role"].as_str().unwrap())
        .collect();
    assert!(
        roles.contains(&"admin") && roles.contains(&"viewer"),
        "{roles:?}"
    );
    server.stop().await;
}

#[tokio::test]
async fn the_same_seed_gives_the_same_demo_and_scale_grows_it() {
    let a = common::demo().await;
    let b = common::demo().await;
    assert_eq!(a.token, b.token);
    assert_eq!(
        a.ok(EVERYTHING, json!({})).await,
        b.ok(EVERYTHING, json!({})).await
    );
    let other = open(&Options {
        data: None,
        contents: Contents::Demo(DemoOptions { seed: 7, scale: 3 }),
    })
    .unwrap();
    assert_ne!(other.admin_token.as_deref(), Some(a.token.as_str()));
    let big = common::start(
        Options {
            data: None,
            contents: Contents::Demo(DemoOptions { seed: 7, scale: 3 }),
        },
        None,
    )
    .await;
    let projects = big.ok(EVERYTHING, json!({})).await["projects"]
        .as_array()
        .unwrap()
        .len();
    assert_eq!(projects, 12);
    a.stop().await;
    b.stop().await;
    big.stop().await;
}

#[tokio::test]
async fn without_the_demo_there_is_only_the_administrator() {
    let bare = common::start(
        Options {
            data: None,
            contents: Contents::Admin { seed: 42 },
        },
        None,
    )
    .await;
    let demo = common::demo().await;
    assert_eq!(
        bare.token, demo.token,
        "the demo's administrator token of the same seed"
    );
    let all = bare
        .ok(
            "{ me { username } projects { id } users { username } }",
            json!({}),
        )
        .await;
    assert_eq!(
        all,
        json!({ "me": { "username": "ada.admin" }, "projects": [], "users": [{ "username": "ada.admin" }] })
    );
    let empty = common::start(Options::default(), None).await;
    assert!(empty.token.is_empty(), "an empty Manager names no token");
    bare.stop().await;
    demo.stop().await;
    empty.stop().await;
}

#[test]
fn a_scale_meant_for_contacts_is_refused() {
    let err = open(&Options {
        data: None,
        contents: Contents::Demo(DemoOptions {
            seed: 1,
            scale: 100_000,
        }),
    })
    .err()
    .expect("refused");
    assert!(format!("{err}").contains("--scale 100000"), "{err}");
}
