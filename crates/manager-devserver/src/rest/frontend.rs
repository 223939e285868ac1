//! `GET /api/frontend-config/:application_id`: the application's effective frontend settings,
//! public (the Proxy reads it). Lists no level sets are `[]` here, defaults `null`.

use std::sync::Arc;

use axum::extract::{Path, State};
use axum::Json;
use serde_json::{json, Value};

use crate::error::RestError;
use crate::schema::settings_of_application;
use crate::store::Store;

pub async fn config(
    State(store): State<Arc<Store>>,
    Path(application_id): Path<String>,
) -> Result<Json<Value>, RestError> {
    let data = store.lock();
    let c = settings_of_application(&data, &application_id)?
        .frontend_setting
        .module_config;
    Ok(Json(json!({
        "applicationId": application_id,
        "moduleConfig": {
            "EnabledModules": c.enabled_modules.unwrap_or_default(),
            "EnabledThemes": c.enabled_themes.unwrap_or_default(),
            "DefaultTheme": c.default_theme,
            "EnabledLocales": c.enabled_locales.unwrap_or_default(),
            "DefaultLocale": c.default_locale,
            "KeyValuePairs": c.key_value_pairs,
        }
    })))
}
