//! Server profiles: list, add or change, remove (see `crate::servers`).

use serde::Deserialize;
use ts_rs::TS;

use crate::error::AppError;
use crate::servers::ServerProfile;
use crate::state::App;

#[derive(Debug, Default, Deserialize, TS)]
#[serde(deny_unknown_fields)]
pub struct ListServersArgs {}

#[derive(Debug, Deserialize, TS)]
#[serde(rename_all = "camelCase", deny_unknown_fields)]
pub struct SaveServerArgs {
    pub name: String,
    pub url: String,
    /// The profile this changes (by its current name); absent to add one.
    #[serde(default)]
    #[ts(optional)]
    pub replaces: Option<String>,
}

#[derive(Debug, Deserialize, TS)]
#[serde(rename_all = "camelCase", deny_unknown_fields)]
pub struct RemoveServerArgs {
    pub name: String,
}

impl App {
    pub async fn list_servers(&self, _: ListServersArgs) -> Result<Vec<ServerProfile>, AppError> {
        self.servers.list()
    }

    /// Adds a profile or changes one; answers every profile.
    pub async fn save_server(&self, args: SaveServerArgs) -> Result<Vec<ServerProfile>, AppError> {
        self.servers
            .save_profile(&args.name, &args.url, args.replaces.as_deref())?;
        self.servers.list()
    }

    /// Forgets a profile (accounts on that server stay); answers every profile left.
    pub async fn remove_server(
        &self,
        args: RemoveServerArgs,
    ) -> Result<Vec<ServerProfile>, AppError> {
        self.servers.remove(&args.name)?;
        self.servers.list()
    }
}
