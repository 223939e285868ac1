//! Numbers and sizes from the server never become a panic or an unbounded allocation.

use std::time::Duration;

use outpost_platform::{PlatformClient, ServerUrl, MAX_RETRY_AFTER};

use crate::canned::{error_body, json, serve, Reply};

fn client(base: &str) -> PlatformClient {
    PlatformClient::new(ServerUrl::parse(base).unwrap()).unwrap()
}

#[tokio::test]
async fn a_retry_after_of_any_size_is_an_hour_at_most() {
    let server = serve(|_| {
        json(
            "429 Too Many Requests",
            &["Retry-After: 10000000000000"],
            &error_body("RATE_LIMITED", 429),
        )
    })
    .await;
    let err = client(&server.base_url).health().await.unwrap_err();
    assert_eq!(err.code(), "rate_limited");
    assert_eq!(err.retry_after(), Some(MAX_RETRY_AFTER));
    assert!(MAX_RETRY_AFTER <= Duration::from_secs(3600));
}

#[tokio::test]
async fn a_body_declared_too_large_is_refused_before_it_is_read() {
    let server = serve(|_| {
        Reply::Bytes(
            b"HTTP/1.1 200 OK\r\nContent-Type: application/json\r\nContent-Length: 10000000000\r\n\r\n{\"status\":"
                .to_vec(),
        )
    })
    .await;
    let err = tokio::time::timeout(Duration::from_secs(60), client(&server.base_url).health())
        .await
        .expect("refused without waiting for ten gigabytes")
        .unwrap_err();
    assert_eq!(err.code(), "schema_mismatch", "{err}");
    assert!(err.to_string().contains("larger than"), "{err}");
}

#[tokio::test]
async fn a_body_without_end_is_cut_off() {
    let server = serve(|_| Reply::Stream {
        head: b"HTTP/1.1 200 OK\r\nContent-Type: application/json\r\nConnection: close\r\n\r\n["
            .to_vec(),
        chunk: b"0,".repeat(32 * 1024),
    })
    .await;
    let err = client(&server.base_url).health().await.unwrap_err();
    assert_eq!(err.code(), "schema_mismatch", "{err}");
    assert!(err.to_string().contains("larger than"), "{err}");
}
