//! The one IPC command: forwards to the command surface of `outpost-app`.

use std::sync::Arc;

use outpost_app::{App, AppError};

#[tauri::command]
pub async fn call(
    app: tauri::State<'_, Arc<App>>,
    command: String,
    args: serde_json::Value,
) -> Result<serde_json::Value, AppError> {
    outpost_app::dispatch(&app, &command, args).await
}
