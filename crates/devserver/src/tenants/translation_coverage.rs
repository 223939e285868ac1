//! `GET /secure/tenants/{id}/translation-coverage`: how much of the tenant's directory (spaces,
//! resources, categories, tags) is translated, for its owners and admins.
//!
//! Where the seed is silent: a row counts as translated when its `translations_i18n` gives a
//! name in every one of the tenant's additional languages (so with none, every row does);
//! `percentage` is the translated share rounded down, 100 when there is nothing to translate.

use std::sync::Arc;

use axum::extract::{Path, State};
use axum::Json;
use serde_json::{json, Map, Value};

use super::routes::require_manager;
use crate::auth::guard::Account;
use crate::error::ApiError;
use crate::state::AppState;

fn translated(row: &Map<String, Value>, languages: &[String]) -> bool {
    languages.iter().all(|lang| {
        row.get("translations_i18n")
            .and_then(|t| t.get(lang))
            .and_then(|t| t.get("name"))
            .and_then(Value::as_str)
            .is_some_and(|name| !name.trim().is_empty())
    })
}

fn coverage(rows: &[Map<String, Value>], languages: &[String]) -> Value {
    let total = rows.len();
    let done = rows.iter().filter(|r| translated(r, languages)).count();
    let percentage = (done * 100).checked_div(total).unwrap_or(100);
    json!({ "total": total, "translated": done, "percentage": percentage })
}

pub async fn coverage_of(
    State(state): State<Arc<AppState>>,
    Account(session): Account,
    Path(id): Path<String>,
) -> Result<Json<Value>, ApiError> {
    let languages = {
        let auth = state.auth();
        require_manager(&auth, &session, &id)?;
        auth.tenant(&id)
            .map(|t| t.additional_languages.clone())
            .unwrap_or_default()
    };
    let directory = state.directory();
    let none = Vec::new();
    let dir = directory.tenant(&id);
    let of = |rows: Option<&Vec<Map<String, Value>>>| coverage(rows.unwrap_or(&none), &languages);
    Ok(Json(json!({ "data": {
        "spaces": of(dir.map(|d| &d.spaces)),
        "resources": of(dir.map(|d| &d.resources)),
        "categories": of(dir.map(|d| &d.categories)),
        "tags": of(dir.map(|d| &d.tags)),
    }})))
}

#[cfg(test)]
mod tests {
    use super::*;

    fn row(translations: Value) -> Map<String, Value> {
        let Value::Object(m) = json!({ "translations_i18n": translations }) else {
            unreachable!()
        };
        m
    }

    #[test]
    fn a_row_is_translated_when_every_additional_language_has_a_name() {
        let langs = vec!["de".to_string(), "fr".to_string()];
        let rows = [
            row(json!({ "de": { "name": "Eins" }, "fr": { "name": "Un" } })),
            row(json!({ "de": { "name": "Zwei" } })),
            row(json!({ "de": { "name": "" }, "fr": { "name": "Trois" } })),
        ];
        assert_eq!(
            coverage(&rows, &langs),
            json!({ "total": 3, "translated": 1, "percentage": 33 })
        );
        assert_eq!(coverage(&rows, &[])["percentage"], 100);
        assert_eq!(coverage(&[], &langs)["percentage"], 100);
    }
}
