//! `outpost servers ls|add|edit|rm`: named server profiles, and `--server NAME` resolved to the
//! profile's address.

use std::path::Path;

use clap::Subcommand;
use outpost_app::commands::servers::{ListServersArgs, RemoveServerArgs, SaveServerArgs};
use outpost_app::servers::ServerProfiles;
use outpost_app::{App, AppError};

use crate::output::Output;

#[derive(Subcommand, Debug)]
pub enum ServersCommand {
    /// The servers this installation knows
    Ls,
    /// Add a server under a name of your choice
    Add {
        name: String,
        /// Its root address, e.g. https://api.example.com
        url: String,
    },
    /// Rename a server or change its address
    Edit {
        name: String,
        /// The new name
        #[arg(long = "name", value_name = "NEW")]
        new_name: Option<String>,
        /// The new address
        #[arg(long)]
        url: Option<String>,
    },
    /// Forget a server (accounts on it stay)
    Rm { name: String },
}

pub async fn servers(app: &App, cmd: ServersCommand, out: Output) -> Result<(), AppError> {
    let list = match cmd {
        ServersCommand::Ls => app.list_servers(ListServersArgs {}).await?,
        ServersCommand::Add { name, url } => {
            app.save_server(SaveServerArgs {
                name,
                url,
                replaces: None,
            })
            .await?
        }
        ServersCommand::Edit {
            name,
            new_name,
            url,
        } => {
            let current = app
                .list_servers(ListServersArgs {})
                .await?
                .into_iter()
                .find(|s| s.name.to_lowercase() == name.to_lowercase())
                .ok_or_else(|| {
                    AppError::new(
                        "not_found",
                        format!("there is no server profile named {name:?}"),
                    )
                })?;
            app.save_server(SaveServerArgs {
                name: new_name.unwrap_or(current.name.clone()),
                url: url.unwrap_or(current.url),
                replaces: Some(current.name),
            })
            .await?
        }
        ServersCommand::Rm { name } => app.remove_server(RemoveServerArgs { name }).await?,
    };
    out.servers(&list);
    Ok(())
}

/// `--server` takes an address or the name of a profile.
pub fn resolve(data_dir: &Path, server: Option<String>) -> Result<Option<String>, AppError> {
    let Some(given) = server else {
        return Ok(None);
    };
    if given.contains("://") {
        return Ok(Some(given));
    }
    match ServerProfiles::new(data_dir).find(&given)? {
        Some(profile) => Ok(Some(profile.url)),
        None => Err(AppError::new(
            "not_found",
            format!(
                "{given:?} is neither a server address (https://…) nor the name of a server profile; `outpost servers ls` lists them"
            ),
        )),
    }
}
