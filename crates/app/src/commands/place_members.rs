//! The members of the active tenant's spaces and resources: listed from the replica, added,
//! given another role (spaces) and removed offline. Owners, admins and a space's managers may;
//! only the server knows who manages what, so guests are refused here and a member who manages
//! nothing gets the server's refusal, kept with its words.

use outpost_model::enums::SpaceRole;
use outpost_replica::{Entity, Fields, Record, Source};
use serde::Deserialize;
use serde_json::{json, Value};
use ts_rs::TS;

use super::contacts::Done;
use super::places::PlaceIdArgs;
use crate::error::AppError;
use crate::state::App;

#[derive(Debug, Deserialize, TS)]
#[serde(rename_all = "camelCase", deny_unknown_fields)]
pub struct SpaceMemberArgs {
    /// The space's local or server id.
    pub space_id: String,
    /// The user's server id.
    pub user_id: String,
    /// What they may do there (reader when left out); ignored by a removal.
    #[serde(default)]
    #[ts(optional)]
    pub role: Option<SpaceRole>,
}

#[derive(Debug, Deserialize, TS)]
#[serde(rename_all = "camelCase", deny_unknown_fields)]
pub struct ResourceMemberArgs {
    /// The resource's local or server id.
    pub resource_id: String,
    /// The user's server id.
    pub user_id: String,
}

/// The parent's server id once it has one (the replica rewrites a local id when the parent's
/// create is answered), else its local id.
fn parent_ref(record: Record) -> Value {
    Value::String(record.server_id.unwrap_or(record.local_id))
}

impl App {
    pub async fn list_space_members(&self, args: PlaceIdArgs) -> Result<Vec<Record>, AppError> {
        self.in_tenant(|scope| scope.records(Entity::SpaceMember, Some(&args.id)))
            .await
    }

    /// Adds a user to a space, or gives a member another role.
    pub async fn add_space_member(&self, args: SpaceMemberArgs) -> Result<Record, AppError> {
        self.in_tenant_write(|scope| {
            let space = scope.get(Entity::Space, &args.space_id)?;
            let role = json!(args.role.unwrap_or(SpaceRole::Reader).as_str());
            let existing = scope
                .records(Entity::SpaceMember, Some(&space.local_id))?
                .into_iter()
                .find(|m| m.fields.get("userId").and_then(Value::as_str) == Some(&args.user_id));
            if let Some(member) = existing {
                let mut patch = Fields::new();
                patch.insert("role".into(), role);
                return scope.update_record(
                    Source::User,
                    Entity::SpaceMember,
                    &member.local_id,
                    patch,
                );
            }
            let mut fields = Fields::new();
            fields.insert("spaceId".into(), parent_ref(space));
            fields.insert("userId".into(), Value::String(args.user_id));
            fields.insert("role".into(), role);
            scope.create_record(Source::User, Entity::SpaceMember, fields)
        })
        .await
    }

    pub async fn remove_space_member(&self, args: SpaceMemberArgs) -> Result<Done, AppError> {
        self.in_tenant_write(|scope| {
            let space = scope.get(Entity::Space, &args.space_id)?;
            let mut key = Fields::new();
            key.insert("spaceId".into(), Value::String(space.local_id));
            key.insert("userId".into(), Value::String(args.user_id));
            scope.delete_record_by_key(Source::User, Entity::SpaceMember, key)
        })
        .await?;
        Ok(Done { ok: true })
    }

    pub async fn list_resource_members(&self, args: PlaceIdArgs) -> Result<Vec<Record>, AppError> {
        self.in_tenant(|scope| scope.records(Entity::ResourceMember, Some(&args.id)))
            .await
    }

    /// Adds a user to a resource (as a reader: the platform's role for new members).
    pub async fn add_resource_member(&self, args: ResourceMemberArgs) -> Result<Record, AppError> {
        self.in_tenant_write(|scope| {
            let resource = scope.get(Entity::Resource, &args.resource_id)?;
            let mut fields = Fields::new();
            fields.insert("resourceId".into(), parent_ref(resource));
            fields.insert("userId".into(), Value::String(args.user_id));
            scope.create_record(Source::User, Entity::ResourceMember, fields)
        })
        .await
    }

    pub async fn remove_resource_member(&self, args: ResourceMemberArgs) -> Result<Done, AppError> {
        self.in_tenant_write(|scope| {
            let resource = scope.get(Entity::Resource, &args.resource_id)?;
            let mut key = Fields::new();
            key.insert("resourceId".into(), Value::String(resource.local_id));
            key.insert("userId".into(), Value::String(args.user_id));
            scope.delete_record_by_key(Source::User, Entity::ResourceMember, key)
        })
        .await?;
        Ok(Done { ok: true })
    }
}
