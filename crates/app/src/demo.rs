//! Demo mode: an in-process devserver with demo data, and an app pointed at it.

use std::path::PathBuf;

use outpost_devserver::{DevServerConfig, RunningServer};

use crate::state::AppConfig;

/// A running demo backend. Keep it alive as long as the app uses it.
pub struct Demo {
    pub server: RunningServer,
    pub config: AppConfig,
}

/// Starts the devserver on a free loopback port and returns an app configuration for it, with
/// its data in `data_dir`.
pub async fn start(data_dir: PathBuf) -> anyhow::Result<Demo> {
    let server = outpost_devserver::start(DevServerConfig::default()).await?;
    let config = AppConfig {
        data_dir,
        server_url: Some(server.base_url()),
        demo: true,
    };
    Ok(Demo { server, config })
}
