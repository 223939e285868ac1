//! The watched folder's settings and reports (the folder itself: `crate::watch_folder`).

use std::path::Path;

use serde::{Deserialize, Serialize};
use ts_rs::TS;

use crate::commands::import::DuplicatePolicy;
use crate::error::AppError;
use crate::state::App;
use crate::watch_folder::{self, WatchReport};

/// Replica setting keys.
const FOLDER: &str = "watch.folder";
const CALENDAR: &str = "watch.calendar_id";
const DUPLICATES: &str = "watch.duplicates";

/// Where dropped files are taken from and where their events go.
#[derive(Debug, Clone, Default, Serialize, Deserialize, PartialEq, TS)]
#[serde(rename_all = "camelCase", deny_unknown_fields)]
pub struct WatchSettings {
    /// The folder watched; none when the watched folder is off.
    #[serde(default)]
    #[ts(optional)]
    pub folder: Option<String>,
    /// The calendar events of .ics files go into.
    #[serde(default)]
    #[ts(optional)]
    pub calendar_id: Option<String>,
    /// What happens to a record the replica has already.
    #[serde(default)]
    pub duplicates: DuplicatePolicy,
}

#[derive(Debug, Default, Deserialize, TS)]
#[serde(deny_unknown_fields)]
pub struct GetWatchSettingsArgs {}

#[derive(Debug, Default, Deserialize, TS)]
#[serde(rename_all = "camelCase", deny_unknown_fields)]
pub struct WatchReportsArgs {
    /// At most this many, newest first (default 50).
    #[serde(default)]
    #[ts(optional)]
    pub limit: Option<u32>,
}

fn duplicates_text(p: DuplicatePolicy) -> &'static str {
    match p {
        DuplicatePolicy::Skip => "skip",
        DuplicatePolicy::Update => "update",
        DuplicatePolicy::Create => "create",
    }
}

fn invalid(field: &str, message: String) -> AppError {
    AppError::new("validation", message).with_details(serde_json::json!({ "field": field }))
}

impl App {
    /// The watched folder's settings of the active account.
    pub(crate) async fn watch_settings_now(&self) -> Result<WatchSettings, AppError> {
        let active = self.require_active().await?;
        let replica = crate::locks::held(&active.replica);
        let duplicates = match replica.setting(DUPLICATES)?.as_deref() {
            Some("update") => DuplicatePolicy::Update,
            Some("create") => DuplicatePolicy::Create,
            _ => DuplicatePolicy::Skip,
        };
        Ok(WatchSettings {
            folder: replica.setting(FOLDER)?.filter(|f| !f.is_empty()),
            calendar_id: replica.setting(CALENDAR)?.filter(|c| !c.is_empty()),
            duplicates,
        })
    }

    pub async fn get_watch_settings(
        &self,
        _: GetWatchSettingsArgs,
    ) -> Result<WatchSettings, AppError> {
        self.watch_settings_now().await
    }

    /// Chooses (or, with no folder, turns off) the watched folder. The folder must exist; the
    /// calendar must be one of the active tenant's.
    pub async fn set_watch_settings(&self, args: WatchSettings) -> Result<WatchSettings, AppError> {
        let folder = args
            .folder
            .as_deref()
            .map(str::trim)
            .filter(|f| !f.is_empty());
        if let Some(f) = folder {
            let path = Path::new(f);
            if !path.is_absolute() {
                return Err(invalid(
                    "folder",
                    format!("give the folder's full path, not {f:?}"),
                ));
            }
            if !path.is_dir() {
                return Err(invalid("folder", format!("there is no folder {f}")));
            }
        }
        let calendar = args
            .calendar_id
            .as_deref()
            .map(str::trim)
            .filter(|c| !c.is_empty())
            .map(str::to_string);
        if let Some(id) = &calendar {
            let id = id.clone();
            self.in_tenant(move |scope| scope.get(outpost_replica::Entity::Calendar, &id))
                .await
                .map_err(|_| {
                    invalid(
                        "calendarId",
                        "that calendar is not in the active tenant".into(),
                    )
                })?;
        }
        {
            let active = self.require_active().await?;
            let replica = crate::locks::held(&active.replica);
            replica.set_setting(FOLDER, folder.unwrap_or_default())?;
            replica.set_setting(CALENDAR, calendar.as_deref().unwrap_or_default())?;
            replica.set_setting(DUPLICATES, duplicates_text(args.duplicates))?;
        }
        self.watch_settings_now().await
    }

    /// What became of the files dropped into the watched folder, newest first.
    pub async fn watch_reports(
        &self,
        args: WatchReportsArgs,
    ) -> Result<Vec<WatchReport>, AppError> {
        let Some(folder) = self.watch_settings_now().await?.folder else {
            return Ok(Vec::new());
        };
        let limit = args.limit.unwrap_or(50) as usize;
        tokio::task::spawn_blocking(move || watch_folder::reports(Path::new(&folder), limit))
            .await
            .map_err(|e| AppError::new("internal", e.to_string()))
    }
}
