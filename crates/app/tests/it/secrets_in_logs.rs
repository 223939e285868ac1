//! Every log line of a full session (sign-in, refresh, tenant calls, sign-out), at TRACE level
//! for every crate including reqwest and hyper, is scanned for the password and the tokens.
//! Alone in its file: the log capture is process-wide.

use std::io::Write;
use std::sync::{Arc, Mutex};
use std::time::Duration;

use outpost_app::commands::accounts::{ListTenantsArgs, SignInArgs, SignOutArgs};
use outpost_app::vault::{Vault, VaultBackend};
use outpost_app::{App, AppConfig};
use outpost_devserver::{demo, DemoOptions, DevServerConfig};

#[derive(Clone, Default)]
struct Captured(Arc<Mutex<Vec<u8>>>);

impl Write for Captured {
    fn write(&mut self, buf: &[u8]) -> std::io::Result<usize> {
        self.0.lock().unwrap().extend_from_slice(buf);
        Ok(buf.len())
    }
    fn flush(&mut self) -> std::io::Result<()> {
        Ok(())
    }
}

#[tokio::test]
async fn no_secret_reaches_a_log_line() {
    let captured = Captured::default();
    let sink = captured.clone();
    tracing_subscriber::fmt()
        .with_max_level(tracing::Level::TRACE)
        .with_writer(move || sink.clone())
        .init();

    let server = outpost_devserver::start(DevServerConfig {
        demo: Some(DemoOptions::default()),
        access_token_ttl: Duration::from_secs(1),
        ..DevServerConfig::default()
    })
    .await
    .unwrap();
    std::env::set_var("OUTPOST_KEYRING", "kernel");
    let dir = tempfile::tempdir().unwrap();
    let app = App::new(AppConfig {
        data_dir: dir.path().to_path_buf(),
        server_url: None,
        demo: false,
    })
    .unwrap();
    let id = app
        .sign_in(SignInArgs {
            server_url: server.base_url(),
            email: demo::ADMIN_EMAIL.into(),
            password: demo::ADMIN_PASSWORD.into(),
            remember_me: true,
        })
        .await
        .unwrap()
        .session
        .active_account
        .unwrap()
        .id;
    let vault = Vault::open(VaultBackend::KernelKeyring, "outpost").unwrap();
    let mut secrets = vec![demo::ADMIN_PASSWORD.to_string()];
    let first = vault.load_tokens(&id).unwrap().unwrap();
    secrets.push(first.access.expose().to_string());
    secrets.push(first.refresh.expose().to_string());
    tokio::time::sleep(Duration::from_millis(1100)).await;
    app.list_tenants(ListTenantsArgs { refresh: true })
        .await
        .unwrap();
    let second = vault.load_tokens(&id).unwrap().unwrap();
    secrets.push(second.access.expose().to_string());
    secrets.push(second.refresh.expose().to_string());
    app.sign_out(SignOutArgs {
        wipe_replica: false,
    })
    .await
    .unwrap();

    let logs = String::from_utf8_lossy(&captured.0.lock().unwrap()).to_string();
    assert!(logs.len() > 1000, "the capture works: {} bytes", logs.len());
    for secret in &secrets {
        assert!(!logs.contains(secret.as_str()), "a secret is in the logs");
    }
}
