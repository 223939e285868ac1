//! Approval requests of the active tenant: listed from the replica, decided offline (approve
//! with an optional comment, reject with a reason) and sent at the next sync. Deciding is the
//! tenant's owners' and admins' work; anyone else is refused here, in words, before anything is
//! queued. A request someone decided meanwhile is refused by the server, and that refusal waits
//! in the sync center with the server's words.

use outpost_replica::{Entity, Fields, Record, Source};
use serde::Deserialize;
use serde_json::Value;
use ts_rs::TS;

use crate::error::AppError;
use crate::state::App;

#[derive(Debug, Deserialize, TS)]
#[serde(rename_all = "camelCase", deny_unknown_fields)]
pub struct ListApprovalsArgs {}

#[derive(Debug, Deserialize, TS)]
#[serde(rename_all = "camelCase", deny_unknown_fields)]
pub struct ApproveArgs {
    /// The request's local or server id.
    pub id: String,
    /// A comment for whoever asked, at most 500 characters.
    #[serde(default)]
    #[ts(optional)]
    pub comment: Option<String>,
}

#[derive(Debug, Deserialize, TS)]
#[serde(rename_all = "camelCase", deny_unknown_fields)]
pub struct RejectArgs {
    /// The request's local or server id.
    pub id: String,
    /// Why, 1 to 500 characters (the server requires it).
    pub rejection_reason: String,
}

impl App {
    /// The tenant's approval requests, as the replica has them.
    pub async fn list_approvals(&self, _: ListApprovalsArgs) -> Result<Vec<Record>, AppError> {
        self.in_tenant(|scope| scope.records(Entity::Approval, None))
            .await
    }

    pub async fn approve_request(&self, args: ApproveArgs) -> Result<Record, AppError> {
        let mut body = Fields::new();
        if let Some(comment) = args.comment {
            body.insert("comment".into(), Value::String(comment));
        }
        self.in_tenant_admin("approve requests", |scope| {
            scope.record_action(Source::User, Entity::Approval, &args.id, "approve", body)
        })
        .await
    }

    pub async fn reject_request(&self, args: RejectArgs) -> Result<Record, AppError> {
        let mut body = Fields::new();
        body.insert(
            "rejection_reason".into(),
            Value::String(args.rejection_reason),
        );
        self.in_tenant_admin("reject requests", |scope| {
            scope.record_action(Source::User, Entity::Approval, &args.id, "reject", body)
        })
        .await
    }
}
