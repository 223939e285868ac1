//! `auditLogs(projectID)`: the entries of a project, or, without `projectID`, every entry
//! (Manager administrators only; so is the history of a deleted project).

use async_graphql::{ComplexObject, Context, Json, Object, Result, SimpleObject, ID};

use super::{read, related};
use crate::access::{self, Need, Scope};
use crate::auth::Caller;
use crate::error::ApiError;
use crate::listing::{self, Field, Filter, Listed, Order, Pagination};
use crate::records::{self, User};

/// An audit entry as answered (the stored record keeps its JSON as plain values).
#[derive(SimpleObject, Clone)]
#[graphql(complex, name = "AuditLog")]
pub struct AuditLogObject {
    pub id: ID,
    #[graphql(name = "projectID")]
    pub project_id: Option<ID>,
    pub entity_type: String,
    #[graphql(name = "entityID")]
    pub entity_id: ID,
    pub action: String,
    pub description: String,
    pub metadata: Json<serde_json::Value>,
    pub changes: Json<serde_json::Value>,
    pub ip_address: Option<String>,
    pub user_agent: Option<String>,
    pub created_at: String,
    #[graphql(skip)]
    pub user_id: Option<ID>,
}

impl From<records::AuditLog> for AuditLogObject {
    fn from(a: records::AuditLog) -> Self {
        Self {
            id: a.id,
            project_id: a.project_id,
            entity_type: a.entity_type,
            entity_id: a.entity_id,
            action: a.action,
            description: a.description,
            metadata: Json(a.metadata),
            changes: Json(a.changes),
            ip_address: a.ip_address,
            user_agent: a.user_agent,
            created_at: a.created_at,
            user_id: a.user_id,
        }
    }
}

#[ComplexObject]
impl AuditLogObject {
    /// Who made the change; `null` for a machine user (its id is in `metadata`).
    async fn user(&self, ctx: &Context<'_>) -> Option<User> {
        let id = self.user_id.as_ref()?;
        related(ctx, |data| data.users.get(id).cloned())
    }
}

impl Listed for records::AuditLog {
    const FIELDS: &'static [&'static str] = &[
        "id",
        "entity_type",
        "entity_id",
        "action",
        "description",
        "ip_address",
        "user_agent",
        "user_id",
        "created_at",
    ];
    fn id(&self) -> &str {
        &self.id
    }
    fn field(&self, name: &str) -> Field {
        match name {
            "id" => Field::exact(&self.id),
            "entity_type" => Field::exact(&self.entity_type),
            "entity_id" => Field::exact(&self.entity_id),
            "action" => Field::exact(&self.action),
            "description" => Field::text(&self.description),
            "ip_address" => Field::opt_text(&self.ip_address),
            "user_agent" => Field::opt_text(&self.user_agent),
            "user_id" => self
                .user_id
                .as_ref()
                .map_or(Field::Null, |u| Field::exact(u)),
            "created_at" => Field::time(&self.created_at),
            _ => Field::Null,
        }
    }
}

#[derive(Default)]
pub struct AuditLogQuery;

#[Object]
impl AuditLogQuery {
    async fn audit_logs(
        &self,
        ctx: &Context<'_>,
        #[graphql(name = "projectID")] project_id: Option<ID>,
        filters: Option<Vec<Filter>>,
        order: Option<Order>,
        pagination: Option<Pagination>,
    ) -> Result<Vec<AuditLogObject>> {
        read(ctx, |data, caller| {
            let rows = match &project_id {
                Some(p) => {
                    // A deleted project's history stays readable by Manager administrators.
                    let admin = matches!(caller, Caller::User { admin: true, .. });
                    if !(admin && data.projects.get(p).is_none()) {
                        access::check(data, caller, &Scope::project(data, p)?, Need::Read)?;
                    }
                    data.audit_logs
                        .values()
                        .filter(|a| a.project_id.as_ref() == Some(p))
                        .cloned()
                        .collect()
                }
                None => {
                    if !matches!(caller, Caller::User { admin: true, .. }) {
                        return Err(ApiError::forbidden(
                            "Only Manager administrators may read the whole audit log; give projectID",
                        ));
                    }
                    data.audit_logs.values().cloned().collect()
                }
            };
            let page = listing::apply(rows, filters, order, pagination)?;
            Ok(page.into_iter().map(AuditLogObject::from).collect())
        })
    }
}
