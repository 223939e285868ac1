//! Pulling the tenant's directory (spaces, resources: the read-only side that contact links
//! point at) and the contact links of each user, space and resource. Users are records, pulled
//! with the other listed record types before this runs; their links are listed here under the
//! users the replica knows. Links missing from complete listings were removed on the server.

use std::collections::HashSet;
use std::sync::Mutex;

use outpost_platform::TenantSession;
use outpost_replica::{Directory, Entity, Replica};
use serde_json::Value;

use crate::error::SyncError;
use crate::platform_remote::paths as ep;
use crate::platform_remote::shape;
use crate::pull::{delete_missing, PullTally};

/// Users and groups are records, pulled with the other listed record types (`Pull::Listing`).
const KINDS: [(Directory, &str); 2] = [
    (Directory::Spaces, "/api/v1/secure/spaces"),
    (Directory::Resources, "/api/v1/secure/resources"),
];

fn ids(rows: &[Value]) -> Vec<String> {
    rows.iter()
        .filter_map(|r| r.get("id").and_then(Value::as_str).map(str::to_string))
        .collect()
}

pub async fn pull_directory(
    session: &TenantSession<'_>,
    replica: &Mutex<Replica>,
    tenant: &str,
) -> Result<PullTally, SyncError> {
    let mut tally = PullTally::default();
    // The users a pull of their records just brought (those made here and not sent have no
    // links on the server yet).
    let users = crate::hold(replica)
        .tenant(tenant)
        .known_server_ids(Entity::User)?;
    let mut link_owners: Vec<(&str, String)> = users.into_iter().map(|id| ("users", id)).collect();
    for (kind, path) in KINDS {
        let (rows, complete) = ep::paged_all(session, path).await?;
        let listed = ids(&rows);
        {
            let r = crate::hold(replica);
            let scope = r.tenant(tenant);
            scope.upsert_directory(kind, &rows)?;
            if complete {
                scope.retain_directory(kind, &listed)?;
            } else {
                tally.inconsistent = true;
            }
        }
        tally.pulled += rows.len() as u32;
        match kind {
            Directory::Spaces => link_owners.extend(listed.into_iter().map(|id| ("spaces", id))),
            Directory::Resources => {
                link_owners.extend(listed.into_iter().map(|id| ("resources", id)))
            }
            Directory::Users | Directory::Groups => {}
        }
    }

    let mut listed_links = HashSet::new();
    for (kind, id) in link_owners {
        let v: Value = session
            .get(&format!("/api/v1/secure/{kind}/{id}/contacts"), &[])
            .await?;
        let links: Vec<Value> = v
            .get("data")
            .and_then(Value::as_array)
            .cloned()
            .map(|rows| shape::canonical_rows(Entity::ContactLink, rows))
            .unwrap_or_default();
        listed_links.extend(ids(&links));
        let r = crate::hold(replica);
        r.tenant(tenant)
            .upsert_many_from_server(Entity::ContactLink, &links)?;
        tally.pulled += links.len() as u32;
    }
    if !tally.inconsistent {
        let r = crate::hold(replica);
        let scope = r.tenant(tenant);
        let known = scope.known_server_ids(Entity::ContactLink)?;
        delete_missing(
            &scope,
            Entity::ContactLink,
            known,
            &listed_links,
            &mut tally,
        )?;
    }
    Ok(tally)
}
