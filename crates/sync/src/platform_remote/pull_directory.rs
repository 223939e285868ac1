//! Pulling the contact links of each user, space and resource (the platform lists them only
//! under their user, space or resource). Users, spaces and resources are records, pulled with
//! the other listed record types before this runs; their links are listed here under those the
//! replica knows. Links missing from complete listings were removed on the server.

use std::collections::HashSet;
use std::sync::Mutex;

use outpost_platform::TenantSession;
use outpost_replica::{Entity, Replica};
use serde_json::Value;

use crate::error::SyncError;
use crate::platform_remote::shape;
use crate::pull::{delete_missing, PullTally};

/// The record types contact links hang under, with their paths' segment.
const LINK_OWNERS: [(Entity, &str); 3] = [
    (Entity::User, "users"),
    (Entity::Space, "spaces"),
    (Entity::Resource, "resources"),
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
    // Those a pull of their records just brought (those made here and not sent have no links
    // on the server yet).
    let mut link_owners: Vec<(&str, String)> = Vec::new();
    {
        let r = crate::hold(replica);
        let scope = r.tenant(tenant);
        for (entity, segment) in LINK_OWNERS {
            let known = scope.known_server_ids(entity)?;
            link_owners.extend(known.into_iter().map(|id| (segment, id)));
        }
    }

    let mut listed_links = HashSet::new();
    for (kind, id) in link_owners {
        let v: Value = match session
            .get(&format!("/api/v1/secure/{kind}/{id}/contacts"), &[])
            .await
        {
            Ok(v) => v,
            // Gone on the server since its listing: its links went with it; nothing is deleted
            // here this time.
            Err(e) if e.status() == Some(404) => {
                tally.inconsistent = true;
                continue;
            }
            Err(e) => return Err(e.into()),
        };
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
