//! Pilet packages (micro-frontends) of a project, shared by GraphQL and REST: lookup, upload,
//! enable/disable, delete, and the Piral feed of an application (its project's enabled pilets,
//! the highest version of each name).

use std::cmp::Ordering;

use async_graphql::ID;
use sha2::{Digest, Sha256};

use crate::access::{self, Need, Scope};
use crate::audit::{self, snapshot, Entry, Origin};
use crate::auth::Caller;
use crate::error::{ApiError, ApiResult};
use crate::ids::{new_id, now};
use crate::records::{PiletFile, PiletPackage};
use crate::store::Data;

pub fn find<'a>(
    data: &'a Data,
    project: &str,
    name: &str,
    version: &str,
) -> Option<&'a PiletPackage> {
    data.pilets
        .values()
        .find(|p| p.project_id.as_str() == project && p.name == name && p.version == version)
}

/// The project's pilets, by name then version, optionally only the enabled (or disabled) ones.
pub fn of_project(data: &Data, project: &str, enabled: Option<bool>) -> Vec<PiletPackage> {
    let mut rows: Vec<PiletPackage> = data
        .pilets
        .values()
        .filter(|p| p.project_id.as_str() == project)
        .filter(|p| enabled.is_none_or(|e| p.enabled == e))
        .cloned()
        .collect();
    rows.sort_by(|a, b| {
        a.name
            .cmp(&b.name)
            .then_with(|| semver_cmp(&a.version, &b.version))
    });
    rows
}

/// An npm package name: `name` or `@scope/name`, lower case, of `a-z0-9-._~`.
pub fn check_name(name: &str) -> ApiResult<()> {
    let part_ok = |p: &str| {
        !p.is_empty()
            && !p.starts_with('.')
            && p.bytes()
                .all(|b| b.is_ascii_lowercase() || b.is_ascii_digit() || b"-._~".contains(&b))
    };
    let ok = match name.strip_prefix('@') {
        Some(scoped) => scoped
            .split_once('/')
            .is_some_and(|(scope, n)| part_ok(scope) && part_ok(n)),
        None => part_ok(name),
    };
    if !ok || name.len() > 214 {
        return Err(ApiError::bad_input(
            "name",
            format!("{name:?} is not a package name (name or @scope/name, lower case)"),
        ));
    }
    Ok(())
}

/// A semantic version `MAJOR.MINOR.PATCH`, with an optional `-pre-release`.
pub fn check_version(version: &str) -> ApiResult<()> {
    if semver(version).is_none() {
        return Err(ApiError::bad_input(
            "version",
            format!("{version:?} is not a semantic version (MAJOR.MINOR.PATCH)"),
        ));
    }
    Ok(())
}

fn semver(v: &str) -> Option<([u64; 3], Option<&str>)> {
    let (core, pre) = match v.split_once('-') {
        Some((c, p)) if !p.is_empty() => (c, Some(p)),
        Some(_) => return None,
        None => (v, None),
    };
    let mut parts = core.split('.');
    let mut n = [0u64; 3];
    for slot in &mut n {
        *slot = parts.next()?.parse().ok()?;
    }
    parts.next().is_none().then_some((n, pre))
}

/// Orders versions as semver does (a pre-release before its release).
pub fn semver_cmp(a: &str, b: &str) -> Ordering {
    match (semver(a), semver(b)) {
        (Some((na, pa)), Some((nb, pb))) => na.cmp(&nb).then_with(|| match (pa, pb) {
            (None, None) => Ordering::Equal,
            (None, Some(_)) => Ordering::Greater,
            (Some(_), None) => Ordering::Less,
            (Some(x), Some(y)) => x.cmp(y),
        }),
        _ => a.cmp(b),
    }
}

/// `sha256-` and the base64 digest, as subresource integrity writes it.
pub fn integrity(bytes: &[u8]) -> String {
    format!(
        "sha256-{}",
        data_encoding::BASE64.encode(&Sha256::digest(bytes))
    )
}

/// Stores an uploaded file as a new pilet or a new file of an existing one (which keeps its
/// id, its enabled flag and, unless a new one is given, its description).
pub fn upload(
    data: &mut Data,
    caller: &Caller,
    origin: &Origin,
    (project, name, version): (&str, &str, &str),
    bytes: &[u8],
    description: Option<String>,
) -> ApiResult<PiletPackage> {
    access::check(data, caller, &Scope::project(data, project)?, Need::Write)?;
    check_name(name)?;
    check_version(version)?;
    if bytes.len() < 2 || bytes[..2] != [0x1f, 0x8b] {
        return Err(ApiError::bad_input("file", "is not a gzip (.tgz) file"));
    }
    let before = find(data, project, name, version).cloned();
    let at = now();
    let row = PiletPackage {
        id: before.as_ref().map_or_else(new_id, |b| b.id.clone()),
        project_id: ID(project.to_owned()),
        name: name.to_owned(),
        version: version.to_owned(),
        description: description.or_else(|| before.as_ref().and_then(|b| b.description.clone())),
        size: bytes.len() as i64,
        hash: integrity(bytes),
        enabled: before.as_ref().is_none_or(|b| b.enabled),
        created_at: before
            .as_ref()
            .map_or_else(|| at.clone(), |b| b.created_at.clone()),
        updated_at: at,
    };
    let id = row.id.to_string();
    data.pilets.insert(id.clone(), row.clone());
    data.pilet_files.insert(
        id.clone(),
        PiletFile {
            id: id.clone(),
            base64: data_encoding::BASE64.encode(bytes),
        },
    );
    let action = if before.is_some() { "update" } else { "create" };
    log(
        data,
        caller,
        origin,
        &row,
        (action, "POST /pilets"),
        (before.as_ref().and_then(snapshot), snapshot(&row)),
    );
    Ok(row)
}

/// Changes a pilet's description and enabled flag (the metadata GraphQL may change).
pub fn set_metadata(
    data: &mut Data,
    caller: &Caller,
    origin: &Origin,
    (project, name, version): (&str, &str, &str),
    (description, enabled): (Option<String>, Option<bool>),
    operation: &'static str,
) -> ApiResult<PiletPackage> {
    access::check(data, caller, &Scope::project(data, project)?, Need::Write)?;
    let before = find(data, project, name, version)
        .cloned()
        .ok_or_else(|| ApiError::not_found("Pilet package"))?;
    let mut row = before.clone();
    if let Some(d) = description {
        row.description = Some(d);
    }
    if let Some(e) = enabled {
        row.enabled = e;
    }
    row.updated_at = now();
    data.pilets.insert(row.id.to_string(), row.clone());
    log(
        data,
        caller,
        origin,
        &row,
        ("update", operation),
        (snapshot(&before), snapshot(&row)),
    );
    Ok(row)
}

pub fn delete(
    data: &mut Data,
    caller: &Caller,
    origin: &Origin,
    (project, name, version): (&str, &str, &str),
) -> ApiResult<()> {
    access::check(data, caller, &Scope::project(data, project)?, Need::Write)?;
    let before = find(data, project, name, version)
        .cloned()
        .ok_or_else(|| ApiError::not_found("Pilet package"))?;
    data.pilets.remove(&before.id);
    data.pilet_files.remove(&before.id);
    log(
        data,
        caller,
        origin,
        &before,
        ("delete", "DELETE /pilets"),
        (snapshot(&before), None),
    );
    Ok(())
}

/// The bytes of a pilet's file.
pub fn file(data: &Data, pilet: &PiletPackage) -> ApiResult<Vec<u8>> {
    let stored = data
        .pilet_files
        .get(&pilet.id)
        .ok_or_else(|| ApiError::not_found("Pilet file"))?;
    data_encoding::BASE64
        .decode(stored.base64.as_bytes())
        .map_err(|e| ApiError::internal(format!("stored pilet file is damaged: {e}")))
}

/// The feed of an application: for each pilet name of its project, the highest enabled
/// version.
pub fn feed(data: &Data, application: &str) -> ApiResult<Vec<PiletPackage>> {
    let scope = Scope::application(data, application)?;
    let mut best: Vec<PiletPackage> = Vec::new();
    for p in of_project(data, &scope.project, Some(true)) {
        match best.last_mut() {
            Some(last) if last.name == p.name => *last = p,
            _ => best.push(p),
        }
    }
    Ok(best)
}

fn log(
    data: &mut Data,
    caller: &Caller,
    origin: &Origin,
    pilet: &PiletPackage,
    (action, operation): (&'static str, &'static str),
    (before, after): (Option<serde_json::Value>, Option<serde_json::Value>),
) {
    audit::record(
        data,
        caller,
        origin,
        Entry {
            project: Some(&pilet.project_id),
            entity_type: "pilet_package",
            entity_id: &pilet.id,
            action,
            operation,
            description: format!("{operation}: pilet {}@{}", pilet.name, pilet.version),
            before,
            after,
        },
    );
}
