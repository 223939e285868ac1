//! The application state shared by every front end.

use std::path::PathBuf;

use outpost_platform::{PlatformClient, ServerUrl};

use crate::error::AppError;

/// Where Outpost keeps its files, and which server it talks to.
#[derive(Debug, Clone)]
pub struct AppConfig {
    /// The app-data folder: replicas, settings. Never secrets.
    pub data_dir: PathBuf,
    /// The server's base URL, once the user has set one up.
    pub server_url: Option<String>,
    /// True when running against the bundled devserver with demo data.
    pub demo: bool,
}

pub struct App {
    config: AppConfig,
    client: Option<PlatformClient>,
}

impl App {
    pub fn new(config: AppConfig) -> Result<Self, AppError> {
        let client = match &config.server_url {
            Some(url) => Some(PlatformClient::new(ServerUrl::parse(url)?)?),
            None => None,
        };
        Ok(Self { config, client })
    }

    pub fn config(&self) -> &AppConfig {
        &self.config
    }

    pub(crate) fn client(&self) -> Result<&PlatformClient, AppError> {
        self.client
            .as_ref()
            .ok_or_else(|| AppError::not_configured("a server"))
    }
}
