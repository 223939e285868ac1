//! GraphQL errors in the `errors` array with the seed's codes and shape: NOT_FOUND with the
//! seed's message and path, FORBIDDEN, BAD_USER_INPUT for input the schema refuses, and a
//! refused mutation changes nothing.

use serde_json::json;

use crate::common;

#[tokio::test]
async fn not_found_has_the_seeds_shape() {
    let server = common::examples().await;
    let answer = server
        .post(
            Some(&format!("Bearer {}", server.token)),
            "query { project(slug: \"nope\") { id } }",
            json!({}),
        )
        .await;
    assert_eq!(answer["data"], serde_json::Value::Null);
    assert_eq!(answer["errors"][0]["message"], "Project not found");
    assert_eq!(answer["errors"][0]["path"], json!(["project"]));
    assert_eq!(answer["errors"][0]["extensions"]["code"], "NOT_FOUND");
    for (q, what) in [
        (
            "{ tenant(projectId: \"project-uuid\", slug: \"nope\") { id } }",
            "Tenant not found",
        ),
        (
            "{ endpoints(application: \"nope\") { id } }",
            "Application not found",
        ),
        (
            "mutation { updateTrigger(id: \"nope\", input: { enabled: true }) { id } }",
            "Trigger not found",
        ),
        (
            "mutation { deleteMachineUser(id: \"nope\") }",
            "Machine user not found",
        ),
    ] {
        let e = server.fails(q, json!({})).await;
        assert_eq!(
            (e.code.as_str(), e.message.as_str()),
            ("NOT_FOUND", what),
            "{q}"
        );
    }
    server.stop().await;
}

#[tokio::test]
async fn input_the_schema_refuses_is_bad_user_input() {
    let server = common::examples().await;
    for q in [
        "{ projects { id colour } }",
        "mutation { createTenant(projectId: \"project-uuid\", input: { name: \"x\", slug: \"x\", type: party }) { id } }",
        "mutation { createProject(input: { name: \"x\" }) { id } }",
        "{ projects(pagination: { limit: \"ten\", offset: 0 }) { id } }",
        "{ nothing }",
    ] {
        let e = server.fails(q, json!({})).await;
        assert_eq!(e.code, "BAD_USER_INPUT", "{q}: {}", e.message);
    }
    let e = server
        .fails(
            "mutation { createProject(input: { name: \"   \", slug: \"blank\" }) { id } }",
            json!({}),
        )
        .await;
    assert_eq!(
        (e.code.as_str(), e.field.as_deref()),
        ("BAD_USER_INPUT", Some("input.name"))
    );
    server.stop().await;
}

#[tokio::test]
async fn a_refused_mutation_changes_nothing() {
    let server = common::examples().await;
    let before = server.ok("{ project(slug: \"example-project\") { name updatedAt } auditLogs(projectID: \"project-uuid\") { id } }", json!({})).await;
    let e = server
        .fails("mutation { updateProject(id: \"project-uuid\", input: { name: \"Changed\", slug: \"NOT A SLUG\" }) { id } }", json!({}))
        .await;
    assert_eq!(e.field.as_deref(), Some("input.slug"));
    let john = format!(
        "Bearer {}",
        outpost_manager_devserver::SEED_EXAMPLES_USER_TOKEN
    );
    let e = server
        .fails_as(
            &john,
            "mutation { updateProject(id: \"project-uuid\", input: { name: \"Changed\" }) { id } }",
            json!({}),
        )
        .await;
    assert_eq!(e.code, "FORBIDDEN");
    let after = server.ok("{ project(slug: \"example-project\") { name updatedAt } auditLogs(projectID: \"project-uuid\") { id } }", json!({})).await;
    assert_eq!(before, after);
    server.stop().await;
}

#[tokio::test]
async fn one_failing_field_leaves_the_others_of_the_request_answered() {
    let server = common::examples().await;
    let answer = server
        .post(
            Some(&format!("Bearer {}", server.token)),
            "mutation { a: createProject(input: { name: \"A\", slug: \"a\" }) { slug } b: createProject(input: { name: \"B\", slug: \"a\" }) { slug } }",
            json!({}),
        )
        .await;
    assert_eq!(answer["errors"][0]["path"], json!(["b"]));
    assert_eq!(answer["errors"][0]["extensions"]["field"], "input.slug");
    // A failed non-null field nulls the whole data, as GraphQL says; the first was stored.
    let a = server
        .ok("{ project(slug: \"a\") { slug } }", json!({}))
        .await;
    assert_eq!(a["project"]["slug"], "a");
    server.stop().await;
}

#[tokio::test]
async fn a_body_that_is_no_request_and_an_unknown_path_still_answer_in_shape() {
    let server = common::examples().await;
    let res = server
        .http
        .post(server.url("/query"))
        .header("Content-Type", "application/json")
        .body("{not json")
        .send()
        .await
        .unwrap();
    assert_eq!(res.status(), 400);
    let body: serde_json::Value = res.json().await.unwrap();
    assert_eq!(body["errors"][0]["extensions"]["code"], "BAD_USER_INPUT");
    assert!(body["data"].is_null());
    let res = server
        .http
        .get(server.url("/api/nothing-here"))
        .send()
        .await
        .unwrap();
    assert_eq!(res.status(), 404);
    let body: serde_json::Value = res.json().await.unwrap();
    assert_eq!(
        (body["code"].as_str(), body["status"].as_u64()),
        (Some("NOT_FOUND"), Some(404))
    );
    server.stop().await;
}
