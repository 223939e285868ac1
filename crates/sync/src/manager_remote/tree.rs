//! Where a Manager tenant or application is: the project that holds a tenant, the tenant that
//! holds an application. The Manager reads an application only through its tenant's project
//! (`projects { tenants { applications } }`; its own queries want the tenant's slug and
//! project), while an application knows only its `tenantID`, and an action on an application
//! knows only its id. So the remote keeps the tree's skeleton (ids alone), read in pages of
//! projects when first needed, and read again once when what it looks for is not in it (made
//! since).

use std::collections::HashMap;

use outpost_platform::PlatformError;
use serde_json::{json, Value};
use tokio::sync::Mutex;

use super::client::ManagerClient;
use super::documents::TREE;
use super::{rows, LARGEST_PAGE};

/// The skeleton: each record's parent, by server id.
#[derive(Default)]
pub struct Tree {
    parent_of: Mutex<Option<HashMap<String, String>>>,
}

impl Tree {
    /// The parent of `id` (a tenant's project, an application's tenant); `None` when the
    /// Manager has no such record (or the user may not read it).
    pub async fn parent_of(
        &self,
        client: &ManagerClient,
        id: &str,
    ) -> Result<Option<String>, PlatformError> {
        let mut known = self.parent_of.lock().await;
        if let Some(parent) = known.as_ref().and_then(|m| m.get(id)) {
            return Ok(Some(parent.clone()));
        }
        let fresh = read(client).await?;
        let parent = fresh.get(id).cloned();
        *known = Some(fresh);
        Ok(parent)
    }
}

/// Every readable tenant's project and application's tenant, a page of projects at a time.
async fn read(client: &ManagerClient) -> Result<HashMap<String, String>, PlatformError> {
    let mut map = HashMap::new();
    let mut offset = 0;
    loop {
        let page = json!({ "page": { "limit": LARGEST_PAGE, "offset": offset } });
        let projects = rows("projects", client.request("projects", TREE, page).await?)?;
        let n = projects.len();
        for project in projects {
            let id = text(&project, "id")?;
            let tenants = project
                .get("tenants")
                .and_then(Value::as_array)
                .ok_or_else(|| schema("a project has no list of tenants"))?;
            for tenant in tenants {
                let tenant_id = text(tenant, "id")?;
                let applications = tenant
                    .get("applications")
                    .and_then(Value::as_array)
                    .ok_or_else(|| schema("a tenant has no list of applications"))?;
                for application in applications {
                    map.insert(text(application, "id")?, tenant_id.clone());
                }
                map.insert(tenant_id, id.clone());
            }
        }
        if n < LARGEST_PAGE {
            return Ok(map);
        }
        offset += n;
    }
}

fn text(v: &Value, key: &str) -> Result<String, PlatformError> {
    v.get(key)
        .and_then(Value::as_str)
        .map(str::to_string)
        .ok_or_else(|| schema(&format!("a record has no {key}")))
}

fn schema(reason: &str) -> PlatformError {
    PlatformError::Schema {
        what: "projects".into(),
        reason: reason.into(),
    }
}
