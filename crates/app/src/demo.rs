//! Demo mode: an in-process devserver with demo data, and an app signed in to it as the demo
//! administrator. The sign-in lives in memory only (see `VaultBackend::DemoMemory`): the
//! devserver and its data vanish with the process, and so should its tokens.

use std::path::PathBuf;

use outpost_devserver::{demo, DemoOptions, DevServerConfig, RunningServer};

use crate::commands::accounts::SignInArgs;
use crate::error::AppError;
use crate::state::{App, AppConfig};

/// A running demo backend. Keep it alive as long as the app uses it.
pub struct Demo {
    pub server: RunningServer,
    pub config: AppConfig,
    /// The throw-away data folder of [`start_throwaway`], removed with the demo.
    _data: Option<ThrowawayDir>,
}

/// A data folder of the demo's own, so a demo never signs into the user's real data folder
/// (its accounts, replicas and server profiles). Removed when dropped.
struct ThrowawayDir(PathBuf);

impl ThrowawayDir {
    fn new() -> std::io::Result<Self> {
        let dir = std::env::temp_dir().join(format!(
            "outpost-demo-{}-{}",
            std::process::id(),
            uuid::Uuid::new_v4()
        ));
        let mut builder = std::fs::DirBuilder::new();
        #[cfg(unix)]
        {
            use std::os::unix::fs::DirBuilderExt;
            builder.mode(0o700);
        }
        builder.create(&dir)?;
        Ok(Self(dir))
    }
}

impl Drop for ThrowawayDir {
    fn drop(&mut self) {
        let _ = std::fs::remove_dir_all(&self.0);
    }
}

/// [`start`] with a temporary data folder of its own, removed when the demo is dropped.
pub async fn start_throwaway() -> anyhow::Result<Demo> {
    let data = ThrowawayDir::new()?;
    let mut demo = start(data.0.clone()).await?;
    demo._data = Some(data);
    Ok(demo)
}

/// Starts the devserver with demo data on a free loopback port and returns an app
/// configuration for it, with its data in `data_dir`.
pub async fn start(data_dir: PathBuf) -> anyhow::Result<Demo> {
    let server = outpost_devserver::start(DevServerConfig {
        demo: Some(DemoOptions::default()),
        ..DevServerConfig::default()
    })
    .await?;
    let config = AppConfig {
        data_dir,
        server_url: Some(server.base_url()),
        demo: true,
    };
    Ok(Demo {
        server,
        config,
        _data: None,
    })
}

/// Signs the app in as the demo administrator, so the demo opens on the tenant's data.
pub async fn sign_in(app: &App, demo: &Demo) -> Result<(), AppError> {
    app.sign_in(SignInArgs {
        server_url: demo.server.base_url(),
        email: demo::ADMIN_EMAIL.to_string(),
        password: demo::ADMIN_PASSWORD.to_string(),
        remember_me: true,
    })
    .await
    .map(|_| ())
}
