//! The platform devserver's fault layer around the Manager: injected errors answer in place of
//! the Manager, and a lost response still leaves its change stored.

use outpost_devserver::FaultConfig;
use outpost_manager_devserver::{Contents, Options};
use serde_json::json;

use crate::common;

fn faults(rules: serde_json::Value) -> FaultConfig {
    serde_json::from_value(json!({ "seed": 11, "rules": rules })).expect("fault rules")
}

#[tokio::test]
async fn injected_errors_and_latency_reach_the_client() {
    let rules = faults(json!([
        { "method": "POST", "path": "/query", "kind": "error", "status": 503, "times": 2 },
        { "path": "/api/frontend-config/*", "kind": "latency", "latencyMs": 150 },
    ]));
    let examples = Options {
        data: None,
        contents: Contents::SeedExamples,
    };
    let server = common::start(examples, Some(rules)).await;
    let ask = || {
        server
            .http
            .post(server.url("/query"))
            .bearer_auth(&server.token)
            .json(&json!({ "query": "{ me { id } }" }))
            .send()
    };
    assert_eq!(ask().await.unwrap().status(), 503);
    assert_eq!(ask().await.unwrap().status(), 503);
    assert_eq!(
        ask().await.unwrap().status(),
        200,
        "the rule fired its two times"
    );
    let began = std::time::Instant::now();
    let res = server
        .http
        .get(server.url("/api/frontend-config/app-uuid"))
        .send()
        .await
        .unwrap();
    assert_eq!(res.status(), 200);
    assert!(began.elapsed() >= std::time::Duration::from_millis(150));
    server.stop().await;
}

#[tokio::test]
async fn a_lost_response_was_stored_first() {
    let rules = faults(
        json!([{ "method": "POST", "path": "/query", "kind": "lose_response", "times": 1 }]),
    );
    let examples = Options {
        data: None,
        contents: Contents::SeedExamples,
    };
    let server = common::start(examples, Some(rules)).await;
    let lost = server
        .http
        .post(server.url("/query"))
        .bearer_auth(&server.token)
        .json(&json!({ "query": "mutation { createProject(input: { name: \"Lost\", slug: \"lost\" }) { id } }" }))
        .send()
        .await;
    assert!(lost.is_err(), "the connection was cut: {lost:?}");
    let found = server
        .ok("{ project(slug: \"lost\") { name } }", json!({}))
        .await;
    assert_eq!(found["project"]["name"], "Lost");
    server.stop().await;
}
