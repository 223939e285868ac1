//! The server's faults during the random part of the torture test: 5xx answers, 429 bursts with
//! `Retry-After`, dropped connections, writes applied with their answer lost, latency, and a
//! change feed that fails at random. They
//! hit the remote editor too, so its reads go again until answered; they are cleared before the
//! final syncs and checks.

use std::future::Future;
use std::time::Duration;

use outpost_devserver::{FaultConfig, FaultKind};
use outpost_platform::PlatformError;
use outpost_tests::faults::rule;
use serde_json::Value;

/// The mix. Only `/secure` requests: a lost answer to a token refresh would end the session
/// (the old refresh token stops working), which is the user signing in again, not sync.
pub fn config(seed: u64) -> FaultConfig {
    let api = "/api/v1/secure/*";
    // The change feed fails often: runs then list in full, and the runs after follow the feed
    // again from where the last good answer left it.
    let feed = "/api/v1/services/realtime/*";
    FaultConfig {
        seed,
        rules: vec![
            rule(Some("GET"), feed, FaultKind::Error { status: 503 }, 0.25),
            rule(Some("GET"), feed, FaultKind::Drop, 0.05),
            rule(Some("*"), api, FaultKind::Error { status: 503 }, 0.02),
            rule(Some("*"), api, FaultKind::Error { status: 500 }, 0.01),
            rule(
                Some("*"),
                api,
                FaultKind::RateLimit {
                    burst: 3,
                    retry_after: 1,
                },
                0.005,
            ),
            rule(Some("*"), api, FaultKind::Drop, 0.01),
            rule(Some("POST"), api, FaultKind::LoseResponse, 0.04),
            rule(Some("PATCH"), api, FaultKind::LoseResponse, 0.04),
            rule(Some("PUT"), api, FaultKind::LoseResponse, 0.04),
            rule(Some("DELETE"), api, FaultKind::LoseResponse, 0.04),
            rule(
                Some("*"),
                api,
                FaultKind::Latency {
                    latency_ms: 2,
                    jitter_ms: 2,
                },
                0.2,
            ),
        ],
    }
}

fn control(server_url: &str) -> String {
    format!("{server_url}/_faults")
}

/// Turns the mix on.
pub async fn start(server_url: &str, seed: u64) {
    let res = reqwest::Client::new()
        .put(control(server_url))
        .json(&config(seed))
        .send()
        .await
        .unwrap();
    assert!(res.status().is_success(), "{:?}", res.text().await);
}

/// Only the change feed fails, every time: runs list in full, and must still settle.
pub async fn feed_down(server_url: &str) {
    let down = FaultConfig {
        seed: 0,
        rules: vec![rule(
            Some("GET"),
            "/api/v1/services/realtime/*",
            FaultKind::Error { status: 503 },
            1.0,
        )],
    };
    let res = reqwest::Client::new()
        .put(control(server_url))
        .json(&down)
        .send()
        .await
        .unwrap();
    assert!(res.status().is_success(), "{:?}", res.text().await);
}

/// Turns every fault off; returns how many of each kind were injected.
pub async fn stop(server_url: &str) -> Value {
    let http = reqwest::Client::new();
    let report: Value = http
        .get(control(server_url))
        .send()
        .await
        .unwrap()
        .json()
        .await
        .unwrap();
    let res = http.delete(control(server_url)).send().await.unwrap();
    assert!(res.status().is_success());
    report["counters"].clone()
}

/// A read by the remote editor, asked again while the server answers with a fault.
pub async fn read<T, F, Fut>(mut call: F) -> T
where
    F: FnMut() -> Fut,
    Fut: Future<Output = Result<T, PlatformError>>,
{
    let mut tries = 0;
    loop {
        match call().await {
            Ok(v) => return v,
            Err(e) if e.is_transient() && tries < 100 => {
                tries += 1;
                let wait = e.retry_after().unwrap_or(Duration::from_millis(10));
                tokio::time::sleep(wait.min(Duration::from_millis(1100))).await;
            }
            Err(e) => panic!("the remote editor's read failed: {e}"),
        }
    }
}
