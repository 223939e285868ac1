//! The HTTP bridge against a real devserver on loopback.

use std::sync::Arc;

use outpost_app::bridge::{self, BridgeConfig};
use outpost_app::{App, AppConfig};
use outpost_devserver::DevServerConfig;

struct Rig {
    bridge: bridge::RunningBridge,
    http: reqwest::Client,
    _server: outpost_devserver::RunningServer,
    _dir: tempfile::TempDir,
}

async fn rig(ui_dir: Option<std::path::PathBuf>) -> Rig {
    let server = outpost_devserver::start(DevServerConfig::default())
        .await
        .unwrap();
    let dir = tempfile::tempdir().unwrap();
    let app = App::new(AppConfig {
        data_dir: dir.path().to_path_buf(),
        server_url: Some(server.base_url()),
        demo: false,
    })
    .unwrap();
    let bridge = bridge::start(
        Arc::new(app),
        BridgeConfig {
            ui_dir,
            ..BridgeConfig::default()
        },
    )
    .await
    .unwrap();
    Rig {
        bridge,
        http: reqwest::Client::new(),
        _server: server,
        _dir: dir,
    }
}

impl Rig {
    fn rpc(&self, command: &str) -> reqwest::RequestBuilder {
        self.http
            .post(format!("{}/rpc/{command}", self.bridge.origin()))
            .bearer_auth(self.bridge.secret())
    }
}

#[tokio::test]
async fn a_command_answers_through_the_bridge() {
    let rig = rig(None).await;
    let res = rig.rpc("server_health").send().await.unwrap();
    assert_eq!(res.status(), 200);
    let body: serde_json::Value = res.json().await.unwrap();
    assert_eq!(body["status"], "ok");
    assert!(body["latencyMs"].is_number(), "{body}");
}

#[tokio::test]
async fn calls_without_the_secret_are_refused() {
    let rig = rig(None).await;
    let url = format!("{}/rpc/app_info", rig.bridge.origin());
    let res = rig.http.post(&url).send().await.unwrap();
    assert_eq!(res.status(), 401);
    let res = rig
        .http
        .post(&url)
        .bearer_auth("guess")
        .send()
        .await
        .unwrap();
    assert_eq!(res.status(), 401);
    let body: serde_json::Value = res.json().await.unwrap();
    assert_eq!(body["code"], "unauthorized");
    assert!(!body.to_string().contains(rig.bridge.secret()));
}

#[tokio::test]
async fn foreign_hosts_and_origins_are_refused() {
    let rig = rig(None).await;
    let res = rig
        .rpc("app_info")
        .header("Host", "evil.example")
        .send()
        .await
        .unwrap();
    assert_eq!(res.status(), 403);
    let res = rig
        .rpc("app_info")
        .header("Origin", "https://evil.example")
        .send()
        .await
        .unwrap();
    assert_eq!(res.status(), 403);
    let own = rig.bridge.origin();
    let res = rig
        .rpc("app_info")
        .header("Origin", own)
        .send()
        .await
        .unwrap();
    assert_eq!(res.status(), 200);
}

#[tokio::test]
async fn unknown_commands_and_bad_arguments_say_what_is_wrong() {
    let rig = rig(None).await;
    let res = rig.rpc("drop_everything").send().await.unwrap();
    assert_eq!(res.status(), 404);
    let body: serde_json::Value = res.json().await.unwrap();
    assert_eq!(body["code"], "unknown_command");
    let res = rig
        .rpc("app_info")
        .body(r#"{"surprise": 1}"#)
        .send()
        .await
        .unwrap();
    assert_eq!(res.status(), 400);
    let body: serde_json::Value = res.json().await.unwrap();
    assert_eq!(body["code"], "bad_arguments");
    assert!(
        body["message"].as_str().unwrap().contains("surprise"),
        "{body}"
    );
    let res = rig.rpc("app_info").body("{not json").send().await.unwrap();
    assert_eq!(res.status(), 400);
}

#[tokio::test]
async fn the_ui_is_served_with_a_strict_csp() {
    let ui = tempfile::tempdir().unwrap();
    std::fs::write(ui.path().join("index.html"), "<h1>Outpost</h1>").unwrap();
    let rig = rig(Some(ui.path().to_path_buf())).await;
    for path in ["/", "/calendars/deep/link"] {
        let res = rig
            .http
            .get(format!("{}{path}", rig.bridge.origin()))
            .send()
            .await
            .unwrap();
        assert_eq!(res.status(), 200, "{path}");
        let csp = res.headers()["content-security-policy"].to_str().unwrap();
        assert!(csp.contains("default-src 'self'"), "{csp}");
        assert!(res.text().await.unwrap().contains("Outpost"));
    }
}

#[tokio::test]
async fn an_unreachable_server_is_reported_as_offline() {
    let dir = tempfile::tempdir().unwrap();
    let port = std::net::TcpListener::bind("127.0.0.1:0")
        .unwrap()
        .local_addr()
        .unwrap()
        .port();
    let app = App::new(AppConfig {
        data_dir: dir.path().to_path_buf(),
        server_url: Some(format!("http://127.0.0.1:{port}")),
        demo: false,
    })
    .unwrap();
    let err = outpost_app::dispatch(&app, "server_health", serde_json::json!({}))
        .await
        .unwrap_err();
    assert_eq!(err.code, "offline", "{err:?}");
}
