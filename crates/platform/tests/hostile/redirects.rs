//! Redirects are followed only within the server's own origin: a password or refresh token in
//! a body that a 307 would resend never reaches another server.

use std::sync::Arc;

use outpost_platform::{MemoryTokens, PlatformClient, Secret, ServerUrl, Session, Tokens};

use crate::canned::{json, serve, Canned, Reply};

fn client(base: &str) -> PlatformClient {
    PlatformClient::new(ServerUrl::parse(base).unwrap()).unwrap()
}

/// A server that sends every request on to `to` with a 307 (method and body kept).
async fn redirecting_to(to: String) -> Canned {
    serve(move |r| {
        let path = r.head.split_whitespace().nth(1).unwrap_or("/").to_string();
        Reply::Bytes(
            format!(
                "HTTP/1.1 307 Temporary Redirect\r\nLocation: {to}{path}\r\nContent-Length: 0\r\nConnection: close\r\n\r\n"
            )
            .into_bytes(),
        )
    })
    .await
}

/// Where a stolen secret would arrive: records everything, answers 200.
async fn elsewhere() -> Canned {
    serve(|_| json("200 OK", &[], r#"{"status":"ok"}"#)).await
}

#[tokio::test]
async fn a_307_on_sign_in_does_not_send_the_password_elsewhere() {
    let thief = elsewhere().await;
    // Another port of the same host is another origin.
    let server = redirecting_to(thief.base_url.replace("127.0.0.1", "localhost")).await;
    let err = client(&server.base_url)
        .login("ana@example.com", &Secret::new("hunter2-password"), true)
        .await
        .unwrap_err();
    assert_eq!(err.code(), "redirect_refused", "{err}");
    assert!(!err.to_string().contains("hunter2"), "{err}");
    assert!(
        thief.received.lock().unwrap().is_empty(),
        "nothing reached the other server"
    );
    let sent = server.received.lock().unwrap();
    assert_eq!(sent.len(), 1, "asked once, not again after the redirect");
}

#[tokio::test]
async fn a_307_on_token_refresh_does_not_send_the_refresh_token_elsewhere() {
    let thief = elsewhere().await;
    let server = redirecting_to(thief.base_url.clone()).await;
    let session = Session::new(
        client(&server.base_url),
        // Expired: the first call refreshes.
        Tokens::new(
            Secret::new("old-access"),
            Secret::new("the-refresh-token"),
            0,
        ),
        Arc::new(MemoryTokens),
    );
    let err = session.me().await.unwrap_err();
    assert!(
        matches!(err.code(), "redirect_refused" | "sign_in_required"),
        "{err}"
    );
    assert!(!err.to_string().contains("the-refresh-token"), "{err}");
    let stolen = thief.received.lock().unwrap();
    assert!(
        stolen.iter().all(|r| !r.body.contains("the-refresh-token")),
        "the refresh token reached another server: {stolen:?}"
    );
    assert!(stolen.is_empty(), "{stolen:?}");
}

#[tokio::test]
async fn a_redirect_within_the_server_is_followed() {
    let server = serve(|r| {
        if r.head.starts_with("GET /api/v1/system/health ") {
            Reply::Bytes(
                b"HTTP/1.1 302 Found\r\nLocation: /api/v1/system/health-now\r\nContent-Length: 0\r\nConnection: close\r\n\r\n".to_vec(),
            )
        } else {
            json("200 OK", &[], r#"{"status":"ok"}"#)
        }
    })
    .await;
    let health = client(&server.base_url).health().await.unwrap();
    assert_eq!(health.status, "ok");
}
