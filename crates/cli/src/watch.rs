//! `outpost watch config|run|reports`: the watched folder from the terminal.

use std::path::PathBuf;
use std::sync::Arc;

use clap::{Args, Subcommand};
use outpost_app::commands::import::DuplicatePolicy;
use outpost_app::commands::watch::{GetWatchSettingsArgs, WatchReportsArgs, WatchSettings};
use outpost_app::watch_folder;
use outpost_app::{App, AppError};

use crate::output::Output;
use crate::transfer::DuplicatesArg;

#[derive(Subcommand, Debug)]
pub enum WatchCommand {
    /// Show or change the watched folder's settings
    Config(ConfigArgs),
    /// Import what lands in the folder until Ctrl-C (or, with --once, what is there now)
    Run {
        #[arg(long)]
        once: bool,
    },
    /// What became of the files dropped into the folder, newest first
    Reports {
        #[arg(long, default_value_t = 20)]
        limit: u32,
    },
}

#[derive(Args, Debug)]
pub struct ConfigArgs {
    /// The folder to watch (its full path)
    #[arg(long)]
    folder: Option<PathBuf>,
    /// The calendar events of .ics files go into
    #[arg(long)]
    calendar: Option<String>,
    /// What to do with records already here
    #[arg(long, value_enum)]
    duplicates: Option<DuplicatesArg>,
    /// Stop watching
    #[arg(long, conflicts_with = "folder")]
    off: bool,
}

pub async fn watch(app: Arc<App>, cmd: WatchCommand, out: Output) -> Result<(), AppError> {
    match cmd {
        WatchCommand::Config(args) => {
            let mut settings = app.get_watch_settings(GetWatchSettingsArgs {}).await?;
            let changing = args.folder.is_some()
                || args.calendar.is_some()
                || args.duplicates.is_some()
                || args.off;
            if changing {
                if let Some(folder) = args.folder {
                    let full = std::path::absolute(&folder).unwrap_or(folder);
                    settings.folder = Some(full.display().to_string());
                }
                if args.off {
                    settings.folder = None;
                }
                if let Some(c) = args.calendar {
                    settings.calendar_id = Some(c);
                }
                if let Some(d) = args.duplicates {
                    settings.duplicates = match d {
                        DuplicatesArg::Skip => DuplicatePolicy::Skip,
                        DuplicatesArg::Update => DuplicatePolicy::Update,
                        DuplicatesArg::Create => DuplicatePolicy::Create,
                    };
                }
                settings = app.set_watch_settings(settings).await?;
            }
            out.watch_settings(&settings);
        }
        WatchCommand::Run { once } => {
            let settings = app.get_watch_settings(GetWatchSettingsArgs {}).await?;
            let Some(folder) = settings.folder.as_deref().map(PathBuf::from) else {
                return Err(no_folder());
            };
            if once {
                out.watch_reports(&app.import_waiting_files().await?);
            } else {
                eprintln!(
                    "Watching {} (Ctrl-C stops); reports: outpost watch reports",
                    folder.display()
                );
                let running = watch_folder::spawn(app.clone());
                let _ = tokio::signal::ctrl_c().await;
                running.abort();
            }
        }
        WatchCommand::Reports { limit } => {
            if app
                .get_watch_settings(GetWatchSettingsArgs {})
                .await?
                .folder
                .is_none()
            {
                return Err(no_folder());
            }
            let reports = app
                .watch_reports(WatchReportsArgs { limit: Some(limit) })
                .await?;
            out.watch_reports(&reports);
        }
    }
    Ok(())
}

fn no_folder() -> AppError {
    AppError::new(
        "not_configured",
        "no watched folder yet: outpost watch config --folder PATH [--calendar ID]",
    )
}

/// For `WatchSettings` in JSON output.
pub fn settings_json(s: &WatchSettings) -> serde_json::Value {
    serde_json::to_value(s).unwrap_or_default()
}
