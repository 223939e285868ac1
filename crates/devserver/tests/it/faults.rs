//! Fault injection over real HTTP on loopback: each kind, the control endpoint, counters, and
//! the same seed injecting the same faults.

use crate::common;

use std::time::{Duration, Instant};

use common::*;
use outpost_devserver::{start, DemoOptions, DevServerConfig, FaultConfig};
use serde_json::{json, Value};

async fn faulty() -> Rig {
    let server = start(DevServerConfig {
        demo: Some(DemoOptions::default()),
        faults: Some(FaultConfig::default()),
        ..DevServerConfig::default()
    })
    .await
    .unwrap();
    Rig::signed_in(server).await
}

impl Rig {
    async fn control(&self, method: Method, path: &str, body: Option<Value>) -> (u16, Value) {
        let mut req = self
            .http
            .request(method, format!("{}/_faults{path}", self.server.base_url()));
        if let Some(b) = body {
            req = req.json(&b);
        }
        send(req).await.parts()
    }

    async fn rule(&self, rule: Value) -> u64 {
        let (s, b) = self.control(Method::POST, "", Some(rule)).await;
        assert_eq!(s, 201, "{b}");
        b["id"].as_u64().unwrap()
    }

    async fn counter(&self, kind: &str) -> u64 {
        self.control(Method::GET, "", None).await.1["counters"][kind]
            .as_u64()
            .unwrap()
    }

    async fn contact_total(&self) -> u64 {
        let (s, b) = self.as_admin(Method::GET, "/contacts?limit=1", None).await;
        assert_eq!(s, 200, "{b}");
        b["pagination"]["total"].as_u64().unwrap()
    }

    /// A contact create on a connection of its own, so a cut connection is not reused (a cut
    /// one gives no answer, exempt from the seed check).
    async fn create_contact_raw(&self) -> Result<Answer, reqwest::Error> {
        try_send(
            reqwest::Client::builder()
                .pool_max_idle_per_host(0)
                .build()
                .unwrap()
                .post(format!("{}/api/v1/secure/contacts", self.server.base_url()))
                .bearer_auth(&self.admin)
                .json(&json!({ "firstName": "Faulty" })),
        )
        .await
    }
}

#[tokio::test]
async fn without_faults_there_is_no_control_endpoint() {
    let rig = rig().await;
    let (s, b) = rig.control(Method::GET, "", None).await;
    assert_eq!(s, 404, "{b}");
}

#[tokio::test]
async fn latency_delays_the_matching_requests_only() {
    let rig = faulty().await;
    rig.rule(json!({ "method": "GET", "path": "/api/v1/secure/spaces*", "kind": "latency", "latencyMs": 300, "jitterMs": 50 }))
        .await;
    let t = Instant::now();
    let (s, _) = rig.as_admin(Method::GET, "/spaces", None).await;
    assert_eq!(s, 200);
    assert!(
        t.elapsed() >= Duration::from_millis(250),
        "{:?}",
        t.elapsed()
    );
    let (s, _) = rig.as_admin(Method::GET, "/groups", None).await;
    assert_eq!(s, 200);
    assert_eq!(rig.counter("latency").await, 1);
}

#[tokio::test]
async fn errors_answer_standard_bodies_without_running_the_request() {
    let rig = faulty().await;
    let before = rig.contact_total().await;
    for status in [500, 502, 503] {
        rig.rule(json!({ "method": "POST", "path": "/api/v1/secure/contacts", "kind": "error", "status": status, "times": 1 }))
            .await;
        let (s, b) = rig
            .as_admin(Method::POST, "/contacts", Some(json!({ "firstName": "X" })))
            .await;
        assert_eq!(s, status, "{b}");
        assert_eq!(b["statusCode"], status);
        assert!(b["error"].is_string() && b["message"].is_string() && b["timestamp"].is_string());
    }
    assert_eq!(rig.contact_total().await, before, "nothing was created");
    let (s, _) = rig
        .as_admin(Method::POST, "/contacts", Some(json!({ "firstName": "X" })))
        .await;
    assert_eq!(s, 201, "each rule fired its one time");
    assert_eq!(rig.counter("error").await, 3);
}

#[tokio::test]
async fn rate_limits_come_in_bursts_with_retry_after() {
    let rig = faulty().await;
    rig.rule(json!({ "path": "/api/v1/secure/groups", "kind": "rate_limit", "burst": 2, "retryAfter": 3, "times": 2 }))
        .await;
    for _ in 0..2 {
        let res = send(
            rig.http
                .get(format!("{}/api/v1/secure/groups", rig.server.base_url()))
                .bearer_auth(&rig.admin),
        )
        .await;
        assert_eq!(res.status, 429);
        assert_eq!(res.headers["retry-after"], "3");
        let b = res.json();
        assert_eq!(b["statusCode"], 429);
    }
    let (s, _) = rig.as_admin(Method::GET, "/groups", None).await;
    assert_eq!(s, 200);
    assert_eq!(rig.counter("rate_limit").await, 2);
}

#[tokio::test]
async fn a_dropped_connection_gets_no_answer_and_changes_nothing() {
    let rig = faulty().await;
    let before = rig.contact_total().await;
    rig.rule(
        json!({ "method": "POST", "path": "/api/v1/secure/contacts", "kind": "drop", "times": 1 }),
    )
    .await;
    let err = rig.create_contact_raw().await.expect_err("no answer");
    assert!(!err.is_status(), "{err}");
    assert_eq!(rig.contact_total().await, before);
    assert_eq!(rig.counter("drop").await, 1);
    assert_eq!(rig.create_contact_raw().await.unwrap().status, 201);
}

#[tokio::test]
async fn a_lost_response_still_commits_the_write() {
    let rig = faulty().await;
    let before = rig.contact_total().await;
    rig.rule(json!({ "method": "POST", "path": "/api/v1/secure/contacts", "kind": "lose_response", "times": 1 }))
        .await;
    let err = rig
        .create_contact_raw()
        .await
        .expect_err("the answer is lost");
    assert!(!err.is_status(), "{err}");
    assert_eq!(rig.contact_total().await, before + 1, "the create happened");
    assert_eq!(rig.counter("lose_response").await, 1);
}

#[tokio::test]
async fn the_same_seed_injects_the_same_faults() {
    let rig = faulty().await;
    let config = json!({ "seed": 9, "rules": [
        { "path": "/api/v1/secure/spaces", "kind": "error", "status": 503, "rate": 0.5 }
    ]});
    let mut runs = Vec::new();
    for _ in 0..2 {
        let (s, b) = rig.control(Method::PUT, "", Some(config.clone())).await;
        assert_eq!(s, 200, "{b}");
        assert_eq!(b["counters"]["error"], 0, "replacing zeroes the counters");
        let mut statuses = Vec::new();
        for _ in 0..24 {
            statuses.push(rig.as_admin(Method::GET, "/spaces", None).await.0);
        }
        runs.push(statuses);
    }
    assert_eq!(runs[0], runs[1]);
    let failed = runs[0].iter().filter(|s| **s == 503).count();
    assert!((3..=21).contains(&failed), "{:?}", runs[0]);
    assert_eq!(rig.counter("error").await, failed as u64);
}

#[tokio::test]
async fn the_control_endpoint_checks_lists_and_removes_rules() {
    let rig = faulty().await;
    let (s, b) = rig
        .control(
            Method::POST,
            "",
            Some(json!({ "path": "/x", "kind": "error", "status": 404 })),
        )
        .await;
    assert_names_field(s, &b, "status");
    let (s, b) = rig
        .control(
            Method::POST,
            "",
            Some(json!({ "path": "/x", "kind": "error", "status": 500, "rate": 2 })),
        )
        .await;
    assert_names_field(s, &b, "rate");
    let (s, _) = rig
        .control(
            Method::POST,
            "",
            Some(json!({ "path": "/x", "kind": "explode" })),
        )
        .await;
    assert_eq!(s, 422);
    let url = format!("{}/_faults", rig.server.base_url());
    let res = send(
        rig.http
            .post(&url)
            .header("Content-Type", "application/json")
            .body("{\"path\":"),
    )
    .await;
    assert_eq!(res.status, 400);

    let id = rig
        .rule(json!({ "path": "/api/v1/secure/groups", "kind": "error", "status": 500 }))
        .await;
    let (_, state) = rig.control(Method::GET, "", None).await;
    assert_eq!(state["rules"][0]["id"], id);
    assert_eq!(state["rules"][0]["kind"], "error");
    assert_eq!(state["rules"][0]["injected"], 0);
    let (s, _) = rig.as_admin(Method::GET, "/groups", None).await;
    assert_eq!(s, 500);
    let (s, _) = rig.control(Method::DELETE, &format!("/{id}"), None).await;
    assert_eq!(s, 204);
    let (s, _) = rig.control(Method::DELETE, &format!("/{id}"), None).await;
    assert_eq!(s, 404);
    let (s, _) = rig.as_admin(Method::GET, "/groups", None).await;
    assert_eq!(s, 200);
    rig.rule(json!({ "path": "*", "kind": "error", "status": 503 }))
        .await;
    let (s, _) = rig.control(Method::DELETE, "", None).await;
    assert_eq!(s, 204);
    let (s, _) = rig.as_admin(Method::GET, "/groups", None).await;
    assert_eq!(s, 200, "cleared");
}
