//! About this installation and its server.

use std::time::Instant;

use outpost_platform::{PlatformClient, ServerUrl};

use serde::{Deserialize, Serialize};
use ts_rs::TS;

use crate::error::AppError;
use crate::state::App;

#[derive(Debug, Default, Deserialize, TS)]
#[serde(deny_unknown_fields)]
pub struct AppInfoArgs {}

#[derive(Debug, Clone, Serialize, Deserialize, PartialEq, TS)]
#[serde(rename_all = "camelCase")]
pub struct AppInfo {
    pub version: String,
    pub data_dir: String,
    /// The schema version a new replica gets.
    pub replica_schema: u32,
    pub server_url: Option<String>,
    pub demo: bool,
}

#[derive(Debug, Default, Deserialize, TS)]
#[serde(rename_all = "camelCase", deny_unknown_fields)]
pub struct ServerHealthArgs {
    /// A server to check (the sign-in screen checks what the user typed); else the current one.
    #[serde(default)]
    #[ts(optional)]
    pub server_url: Option<String>,
}

#[derive(Debug, Clone, Serialize, Deserialize, PartialEq, TS)]
#[serde(rename_all = "camelCase")]
pub struct ServerHealth {
    pub server_url: String,
    /// The server's own word: `ok`, `degraded` or `healthy`.
    pub status: String,
    pub version: Option<String>,
    /// Round trip of the health request, in milliseconds.
    pub latency_ms: u32,
}

impl App {
    pub async fn app_info(&self, _: AppInfoArgs) -> Result<AppInfo, AppError> {
        let config = self.config();
        Ok(AppInfo {
            version: env!("CARGO_PKG_VERSION").to_string(),
            data_dir: config.data_dir.display().to_string(),
            replica_schema: outpost_replica::latest_version(),
            server_url: config.server_url.clone(),
            demo: config.demo,
        })
    }

    pub async fn server_health(&self, args: ServerHealthArgs) -> Result<ServerHealth, AppError> {
        let client = match args.server_url {
            Some(url) => PlatformClient::new(ServerUrl::parse(&url)?)?,
            None => self.client().await?,
        };
        let started = Instant::now();
        let health = client.health().await?;
        Ok(ServerHealth {
            server_url: client.base_url().to_string(),
            status: health.status,
            version: health.version,
            latency_ms: started.elapsed().as_millis().min(u32::MAX as u128) as u32,
        })
    }
}
