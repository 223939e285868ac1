//! Requests to move a resource to another space: asked for offline (a member may ask), decided
//! offline by approving or rejecting (the target space's managers or the tenant's owners and
//! admins: only the server knows the managers, so guests are refused here and a member who may
//! not decide gets the server's refusal, kept with its words), or withdrawn.

use outpost_replica::{Entity, Fields, Record, Source};
use serde::Deserialize;
use serde_json::Value;
use ts_rs::TS;

use super::contacts::Done;
use crate::error::AppError;
use crate::state::App;

#[derive(Debug, Deserialize, TS)]
#[serde(rename_all = "camelCase", deny_unknown_fields)]
pub struct ListMoveRequestsArgs {}

#[derive(Debug, Deserialize, TS)]
#[serde(rename_all = "camelCase", deny_unknown_fields)]
pub struct RequestMoveArgs {
    /// The resource's local or server id.
    pub resource_id: String,
    /// The server id of the space it should move to.
    pub target_space_id: String,
    #[serde(default)]
    #[ts(optional)]
    pub reason: Option<String>,
}

#[derive(Debug, Deserialize, TS)]
#[serde(rename_all = "camelCase", deny_unknown_fields)]
pub struct MoveRequestIdArgs {
    /// The local id, or the server id once the request has one.
    pub id: String,
}

#[derive(Debug, Deserialize, TS)]
#[serde(rename_all = "camelCase", deny_unknown_fields)]
pub struct RejectMoveArgs {
    pub id: String,
    /// Why, 1 to 2,000 characters.
    pub rejection_reason: String,
}

impl App {
    /// The tenant's move requests and where each stands (works offline).
    pub async fn list_move_requests(
        &self,
        _: ListMoveRequestsArgs,
    ) -> Result<Vec<Record>, AppError> {
        self.in_tenant(|scope| scope.records(Entity::MoveRequest, None))
            .await
    }

    /// Asks for a resource to move; the next sync sends the request.
    pub async fn request_move(&self, args: RequestMoveArgs) -> Result<Record, AppError> {
        self.in_tenant_write(|scope| {
            let resource = scope.get(Entity::Resource, &args.resource_id)?;
            let mut fields = Fields::new();
            fields.insert(
                "resourceId".into(),
                Value::String(resource.server_id.unwrap_or(resource.local_id)),
            );
            fields.insert("targetSpaceId".into(), Value::String(args.target_space_id));
            if let Some(reason) = args.reason {
                fields.insert("reason".into(), Value::String(reason));
            }
            scope.create_record(Source::User, Entity::MoveRequest, fields)
        })
        .await
    }

    pub async fn approve_move(&self, args: MoveRequestIdArgs) -> Result<Record, AppError> {
        self.in_tenant_write(|scope| {
            scope.record_action(
                Source::User,
                Entity::MoveRequest,
                &args.id,
                "approve",
                Fields::new(),
            )
        })
        .await
    }

    pub async fn reject_move(&self, args: RejectMoveArgs) -> Result<Record, AppError> {
        self.in_tenant_write(|scope| {
            let mut body = Fields::new();
            body.insert(
                "rejectionReason".into(),
                Value::String(args.rejection_reason),
            );
            scope.record_action(Source::User, Entity::MoveRequest, &args.id, "reject", body)
        })
        .await
    }

    /// Withdraws a request (one never sent is simply dropped).
    pub async fn cancel_move(&self, args: MoveRequestIdArgs) -> Result<Done, AppError> {
        self.in_tenant_write(|scope| {
            scope.delete_record(Source::User, Entity::MoveRequest, &args.id)
        })
        .await?;
        Ok(Done { ok: true })
    }
}
