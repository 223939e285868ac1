//! The demo wiring end to end: an in-process devserver, an app pointed at it, a command through
//! the same dispatcher the desktop IPC and the HTTP bridge use.

use outpost_app::App;

#[tokio::test]
async fn the_demo_app_reaches_its_devserver_through_the_dispatcher() {
    let dir = tempfile::tempdir().unwrap();
    let demo = outpost_app::demo::start(dir.path().to_path_buf())
        .await
        .unwrap();
    assert!(demo.config.demo);
    let app = App::new(demo.config.clone()).unwrap();
    let health = outpost_app::dispatch(&app, "server_health", serde_json::json!({}))
        .await
        .unwrap();
    assert_eq!(health["status"], "ok");
    assert_eq!(health["serverUrl"], demo.server.base_url());
    let info = outpost_app::dispatch(&app, "app_info", serde_json::json!({}))
        .await
        .unwrap();
    assert_eq!(info["demo"], true);
    demo.server.shutdown().await.unwrap();
}
