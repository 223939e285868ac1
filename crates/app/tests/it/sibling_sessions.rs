//! Two processes signed in to one account (the desktop app and `outpost sync`, say), each with
//! its own copy of the session: when one rotates the refresh token, the other, whose copy is now
//! dead on the server, takes the new pair from the keyring and goes on. Nobody is signed out by
//! a sibling. Two `App`s on one data folder stand in for the two processes.

use std::time::Duration;

use outpost_app::commands::accounts::{ListTenantsArgs, SignInArgs};
use outpost_app::{App, AppConfig};
use outpost_devserver::{demo, DemoOptions, DevServerConfig};

fn app(dir: &std::path::Path) -> App {
    std::env::set_var("OUTPOST_KEYRING", "kernel");
    App::new(AppConfig {
        data_dir: dir.to_path_buf(),
        server_url: None,
        demo: false,
    })
    .unwrap()
}

/// A call that needs the server, and so a live token.
async fn ask_server(app: &App) -> Result<usize, outpost_app::AppError> {
    app.list_tenants(ListTenantsArgs { refresh: true })
        .await
        .map(|t| t.len())
}

#[tokio::test]
async fn a_refresh_token_rotated_by_a_sibling_is_taken_from_the_keyring() {
    let server = outpost_devserver::start(DevServerConfig {
        demo: Some(DemoOptions::default()),
        access_token_ttl: Duration::from_secs(2),
        ..DevServerConfig::default()
    })
    .await
    .unwrap();
    let dir = tempfile::tempdir().unwrap();
    let first = app(dir.path());
    first
        .sign_in(SignInArgs {
            server_url: server.base_url(),
            email: demo::ADMIN_EMAIL.into(),
            password: demo::ADMIN_PASSWORD.into(),
            remember_me: true,
        })
        .await
        .unwrap();
    let second = app(dir.path());
    assert!(
        ask_server(&second).await.unwrap() > 0,
        "restored from the keyring"
    );

    for round in 0..3 {
        // Both tokens run out; the first refreshes and rotates the pair, which kills the
        // refresh token the second holds.
        tokio::time::sleep(Duration::from_millis(2500)).await;
        ask_server(&first)
            .await
            .unwrap_or_else(|e| panic!("round {round}, first: {e}"));
        ask_server(&second)
            .await
            .unwrap_or_else(|e| panic!("round {round}, second was signed out: {e}"));
    }
    // Both at once, from both sides.
    tokio::time::sleep(Duration::from_millis(2500)).await;
    let (a, b) = tokio::join!(ask_server(&first), ask_server(&second));
    a.unwrap();
    b.unwrap();
}
