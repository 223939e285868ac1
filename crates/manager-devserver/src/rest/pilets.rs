//! Pilet routes: the public feed `GET /pilet-feed/:applicationId`, and with a personal access
//! token `GET /pilets/:projectId` (list), `POST` (multipart upload), `GET` (download) and
//! `DELETE /pilets/:projectId/:name/:version`. A scoped name keeps its slash in the path
//! (`/pilets/p/@my-org/my-pilet/1.0.0`), so the route takes the rest of the path and the
//! version is its last segment.

use std::collections::HashMap;
use std::sync::Arc;

use axum::extract::{Multipart, Path, Query, State};
use axum::http::{header, HeaderMap, StatusCode};
use axum::response::{IntoResponse, Response};
use axum::Json;
use serde_json::{json, Value};

use super::{caller, flush, origin};
use crate::access::{self, Need, Scope};
use crate::auth::Caller;
use crate::error::{ApiError, RestError};
use crate::pilet;
use crate::store::Store;

/// Splits `@my-org/my-pilet/1.0.0` into name and version.
fn split(rest: &str) -> Result<(String, String), RestError> {
    rest.rsplit_once('/')
        .map(|(n, v)| (n.to_owned(), v.to_owned()))
        .filter(|(n, v)| !n.is_empty() && !v.is_empty())
        .ok_or_else(|| {
            RestError::new(
                StatusCode::BAD_REQUEST,
                "BAD_REQUEST",
                "the path is /pilets/:projectId/:name/:version",
            )
        })
}

/// Pilet routes are for people (personal access tokens), as the seed says.
fn person(store: &Store, headers: &HeaderMap) -> Result<Caller, RestError> {
    let who = caller(store, headers)?;
    who.user().map_err(RestError::from)?;
    Ok(who)
}

pub async fn feed(
    State(store): State<Arc<Store>>,
    Path(application_id): Path<String>,
    headers: HeaderMap,
) -> Result<Json<Value>, RestError> {
    // Links point back at this server, as the client reached it.
    let host = headers
        .get(header::HOST)
        .and_then(|h| h.to_str().ok())
        .unwrap_or("localhost");
    let data = store.lock();
    let items: Vec<Value> = pilet::feed(&data, &application_id)?
        .into_iter()
        .map(|p| {
            json!({
                "name": p.name,
                "version": p.version,
                "link": format!("http://{host}/pilets/{}/{}/{}", p.project_id.as_str(), p.name, p.version),
                "hash": p.hash,
                "spec": "v2",
            })
        })
        .collect();
    Ok(Json(json!({ "items": items })))
}

pub async fn list(
    State(store): State<Arc<Store>>,
    Path(project_id): Path<String>,
    Query(query): Query<HashMap<String, String>>,
    headers: HeaderMap,
) -> Result<Json<Value>, RestError> {
    let who = person(&store, &headers)?;
    let enabled = match query.get("enabled").map(String::as_str) {
        None => None,
        Some("true") => Some(true),
        Some("false") => Some(false),
        Some(other) => {
            return Err(
                ApiError::bad_input("enabled", format!("{other:?} is not true or false")).into(),
            )
        }
    };
    let answer = {
        let data = store.lock();
        access::check(
            &data,
            &who,
            &Scope::project(&data, &project_id)?,
            Need::Read,
        )?;
        let packages = pilet::of_project(&data, &project_id, enabled);
        json!({ "count": packages.len(), "packages": packages })
    };
    flush(&store)?;
    Ok(Json(answer))
}

pub async fn upload(
    State(store): State<Arc<Store>>,
    Path((project_id, rest)): Path<(String, String)>,
    headers: HeaderMap,
    mut form: Multipart,
) -> Result<Json<Value>, RestError> {
    let who = person(&store, &headers)?;
    let (name, version) = split(&rest)?;
    let bad = |e: axum::extract::multipart::MultipartError| {
        RestError::new(StatusCode::BAD_REQUEST, "BAD_REQUEST", e.body_text())
    };
    let (mut file, mut description) = (None, None);
    while let Some(field) = form.next_field().await.map_err(bad)? {
        match field.name() {
            Some("file") => file = Some(field.bytes().await.map_err(bad)?),
            Some("description") => description = Some(field.text().await.map_err(bad)?),
            _ => {}
        }
    }
    let file = file.ok_or_else(|| ApiError::bad_input("file", "the form has no file field"))?;
    let row = {
        let mut data = store.lock();
        let key = (project_id.as_str(), name.as_str(), version.as_str());
        pilet::upload(&mut data, &who, &origin(&headers), key, &file, description)?
    };
    flush(&store)?;
    Ok(Json(json!({
        "id": row.id,
        "name": row.name,
        "version": row.version,
        "size": row.size,
        "hash": row.hash,
        "enabled": row.enabled,
    })))
}

pub async fn download(
    State(store): State<Arc<Store>>,
    Path((project_id, rest)): Path<(String, String)>,
    headers: HeaderMap,
) -> Result<Response, RestError> {
    let who = person(&store, &headers)?;
    let (name, version) = split(&rest)?;
    let bytes = {
        let data = store.lock();
        access::check(
            &data,
            &who,
            &Scope::project(&data, &project_id)?,
            Need::Read,
        )?;
        let row = pilet::find(&data, &project_id, &name, &version)
            .ok_or_else(|| ApiError::not_found("Pilet package"))?;
        pilet::file(&data, row)?
    };
    flush(&store)?;
    // A scoped name's slash cannot be in a file name; it becomes '-'.
    let file_name = format!(
        "{}-{version}.tgz",
        name.trim_start_matches('@').replace('/', "-")
    );
    Ok((
        [
            (header::CONTENT_TYPE, "application/gzip".to_owned()),
            (
                header::CONTENT_DISPOSITION,
                format!("attachment; filename=\"{file_name}\""),
            ),
        ],
        bytes,
    )
        .into_response())
}

pub async fn remove(
    State(store): State<Arc<Store>>,
    Path((project_id, rest)): Path<(String, String)>,
    headers: HeaderMap,
) -> Result<Json<Value>, RestError> {
    let who = person(&store, &headers)?;
    let (name, version) = split(&rest)?;
    {
        let mut data = store.lock();
        let key = (project_id.as_str(), name.as_str(), version.as_str());
        pilet::delete(&mut data, &who, &origin(&headers), key)?;
    }
    flush(&store)?;
    Ok(Json(json!({ "success": true })))
}
