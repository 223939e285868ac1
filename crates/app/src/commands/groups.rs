//! Groups of the active tenant and their members: listed from the replica, edited offline like
//! contacts. Changing them is the tenant's owners' and admins' work (the platform refuses
//! anyone else with a 403), so a member's or guest's edit is refused here, in words, before
//! anything is queued.

use outpost_replica::{Entity, Fields, Record, Source};
use serde::Deserialize;
use serde_json::Value;
use ts_rs::TS;

use super::contacts::Done;
use crate::error::AppError;
use crate::state::App;

#[derive(Debug, Deserialize, TS)]
#[serde(rename_all = "camelCase", deny_unknown_fields)]
pub struct GroupIdArgs {
    /// The local id, or the server id once the group has one.
    pub id: String,
}

#[derive(Debug, Deserialize, TS)]
#[serde(rename_all = "camelCase", deny_unknown_fields)]
pub struct CreateGroupArgs {
    /// The fields of `POST /secure/groups/create`; a map here so that the replica's checks name
    /// each field a value is wrong for.
    #[ts(as = "outpost_model::records::Group")]
    pub fields: Fields,
}

#[derive(Debug, Deserialize, TS)]
#[serde(rename_all = "camelCase", deny_unknown_fields)]
pub struct UpdateGroupArgs {
    pub id: String,
    /// Only the fields that change.
    #[ts(as = "outpost_model::records::GroupPatch")]
    pub fields: Fields,
}

#[derive(Debug, Deserialize, TS)]
#[serde(rename_all = "camelCase", deny_unknown_fields)]
pub struct GroupMemberArgs {
    /// The group's local or server id.
    pub group_id: String,
    /// The user's server id.
    pub user_id: String,
}

#[derive(Debug, Deserialize, TS)]
#[serde(rename_all = "camelCase", deny_unknown_fields)]
pub struct ListGroupsArgs {}

impl App {
    /// The tenant's groups, by name, those made here and not synced yet included.
    pub async fn list_groups(&self, _: ListGroupsArgs) -> Result<Vec<Record>, AppError> {
        self.in_tenant(|scope| scope.records(Entity::Group, None))
            .await
    }

    pub async fn get_group(&self, args: GroupIdArgs) -> Result<Record, AppError> {
        self.in_tenant(|scope| scope.get(Entity::Group, &args.id))
            .await
    }

    pub async fn create_group(&self, args: CreateGroupArgs) -> Result<Record, AppError> {
        self.in_tenant_admin("create groups", |scope| {
            scope.create_record(Source::User, Entity::Group, args.fields)
        })
        .await
    }

    pub async fn update_group(&self, args: UpdateGroupArgs) -> Result<Record, AppError> {
        self.in_tenant_admin("change groups", |scope| {
            scope.update_record(Source::User, Entity::Group, &args.id, args.fields)
        })
        .await
    }

    /// Deletes a group with its memberships (the next sync deletes it on the server).
    pub async fn delete_group(&self, args: GroupIdArgs) -> Result<Done, AppError> {
        self.in_tenant_admin("delete groups", |scope| {
            scope.delete_record(Source::User, Entity::Group, &args.id)
        })
        .await?;
        Ok(Done { ok: true })
    }

    /// The memberships of a group, as the replica has them now.
    pub async fn list_group_members(&self, args: GroupIdArgs) -> Result<Vec<Record>, AppError> {
        self.in_tenant(|scope| scope.records(Entity::GroupMember, Some(&args.id)))
            .await
    }

    pub async fn add_group_member(&self, args: GroupMemberArgs) -> Result<Record, AppError> {
        self.in_tenant_admin("add group members", |scope| {
            let group = scope.get(Entity::Group, &args.group_id)?;
            let mut fields = Fields::new();
            // The group's server id once it has one (the replica rewrites a local id when the
            // group's create is answered).
            let group_ref = group.server_id.unwrap_or(group.local_id);
            fields.insert("groupId".into(), Value::String(group_ref));
            fields.insert("userId".into(), Value::String(args.user_id));
            scope.create_record(Source::User, Entity::GroupMember, fields)
        })
        .await
    }

    pub async fn remove_group_member(&self, args: GroupMemberArgs) -> Result<Done, AppError> {
        self.in_tenant_admin("remove group members", |scope| {
            let group = scope.get(Entity::Group, &args.group_id)?;
            let mut key = Fields::new();
            key.insert("groupId".into(), Value::String(group.local_id));
            key.insert("userId".into(), Value::String(args.user_id));
            scope.delete_record_by_key(Source::User, Entity::GroupMember, key)
        })
        .await?;
        Ok(Done { ok: true })
    }
}
