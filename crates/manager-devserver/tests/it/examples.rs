//! The seed's contract: every example operation in it runs, unchanged, without a GraphQL
//! error. The examples are read from the seed's text at test time (a copy kept with these
//! tests, checked against the shared original when that is beside the checkout).

use std::collections::BTreeSet;
use std::path::PathBuf;

use serde_json::json;

use crate::common;

fn kept_copy() -> PathBuf {
    PathBuf::from(env!("CARGO_MANIFEST_DIR")).join("tests/it/seed/manager-api-reference.txt")
}

fn seed_text() -> String {
    std::fs::read_to_string(kept_copy()).expect("the seed's copy is readable")
}

/// Every `query { … }` and `mutation { … }` that starts a line, up to its closing brace.
fn operations(text: &str) -> Vec<String> {
    let lines: Vec<&str> = text.lines().collect();
    let mut out = Vec::new();
    let mut i = 0;
    while i < lines.len() {
        if lines[i].starts_with("query {") || lines[i].starts_with("mutation {") {
            let mut depth = 0i32;
            let mut op = Vec::new();
            loop {
                let line = lines[i];
                depth += line.matches('{').count() as i32 - line.matches('}').count() as i32;
                op.push(line);
                i += 1;
                if depth == 0 {
                    break;
                }
            }
            out.push(op.join("\n"));
        } else {
            i += 1;
        }
    }
    out
}

/// The root field an operation calls: the first name after its opening brace.
fn root_field(op: &str) -> String {
    let body = &op[op.find('{').expect("an operation has a body") + 1..];
    body.trim_start()
        .chars()
        .take_while(|c| c.is_ascii_alphanumeric())
        .collect()
}

#[test]
fn the_kept_copy_is_the_shared_seed() {
    let shared = PathBuf::from(env!("CARGO_MANIFEST_DIR"))
        .join("../../../shared/seeds/manager-api-reference.txt");
    // A clean clone on a CI machine may have no shared/ beside it; then the copy stands.
    if let Ok(original) = std::fs::read_to_string(&shared) {
        assert_eq!(
            seed_text(),
            original,
            "tests/it/seed/ is stale: copy the seed again"
        );
    }
}

#[test]
fn the_seed_has_the_examples_the_issue_counts() {
    let ops = operations(&seed_text());
    let queries = ops.iter().filter(|o| o.starts_with("query")).count();
    let mutations = ops.len() - queries;
    assert_eq!(
        (queries, mutations),
        (29, 55),
        "example operations of the seed"
    );
    let names: BTreeSet<String> = ops.iter().map(|o| root_field(o)).collect();
    assert_eq!(
        names.len(),
        74,
        "distinct operations among the examples: {names:?}"
    );
}

#[tokio::test]
async fn every_example_operation_runs_unchanged() {
    let ops = operations(&seed_text());
    // The examples that find a project by slug find `my-project`, the project the seed's own
    // "Create Project" example makes: that example runs first, as in the seed's story.
    let create_project = ops
        .iter()
        .find(|o| root_field(o) == "createProject")
        .expect("the seed creates a project");
    let mut failures = Vec::new();
    for op in &ops {
        // Each on fresh data: an example that deletes must not starve the next one.
        let server = common::examples().await;
        if root_field(op) != "createProject" {
            server.ok(create_project, json!({})).await;
        }
        let answer = server
            .post(Some(&format!("Bearer {}", server.token)), op, json!({}))
            .await;
        if answer.get("errors").is_some() || answer["data"].is_null() {
            failures.push(format!("{op}\n→ {answer}"));
        }
        server.stop().await;
    }
    assert!(
        failures.is_empty(),
        "{} examples failed:\n{}",
        failures.len(),
        failures.join("\n\n")
    );
}

#[tokio::test]
async fn the_operations_the_seed_names_in_prose_exist() {
    // "low-level mutations (createUser2Project, updateUser2Project, etc.) are also available"
    let server = common::examples().await;
    let data = server
        .ok(
            "{ __schema { mutationType { fields { name } } queryType { fields { name } } } }",
            json!({}),
        )
        .await;
    let names: BTreeSet<&str> = ["mutationType", "queryType"]
        .iter()
        .flat_map(|t| data["__schema"][t]["fields"].as_array().unwrap())
        .map(|f| f["name"].as_str().unwrap())
        .collect();
    for wanted in [
        "createUser2Project",
        "updateUser2Project",
        "deleteUser2Project",
    ] {
        assert!(names.contains(wanted), "{wanted} is missing");
    }
    for op in operations(&seed_text()) {
        assert!(
            names.contains(root_field(&op).as_str()),
            "{} is missing",
            root_field(&op)
        );
    }
    server.stop().await;
}
