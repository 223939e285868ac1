//! Spaces and resources of the active tenant: listed from the replica, made, edited and deleted
//! offline like any record. Where the platform draws the lines: owners and admins make spaces
//! and delete spaces and resources, and are refused nothing else; a space's managers (members
//! of the tenant) edit it and the resources in it and make resources there, which only the
//! server can tell. So making a space and deleting are refused here, in words, to members and
//! guests before anything is queued; edits and new resources are refused to guests only, and
//! the server's answer for a member who manages nothing is kept with its words.

use outpost_replica::{Entity, Fields, Record, Source};
use serde::Deserialize;
use ts_rs::TS;

use super::contacts::Done;
use crate::error::AppError;
use crate::state::App;

#[derive(Debug, Deserialize, TS)]
#[serde(rename_all = "camelCase", deny_unknown_fields)]
pub struct PlaceIdArgs {
    /// The local id, or the server id once it has one.
    pub id: String,
}

#[derive(Debug, Deserialize, TS)]
#[serde(rename_all = "camelCase", deny_unknown_fields)]
pub struct ListPlacesArgs {}

#[derive(Debug, Deserialize, TS)]
#[serde(rename_all = "camelCase", deny_unknown_fields)]
pub struct CreateSpaceArgs {
    /// The fields of `POST /secure/spaces/`; a map here so that the replica's checks name each
    /// field a value is wrong for.
    #[ts(as = "outpost_model::records::Space")]
    pub fields: Fields,
}

#[derive(Debug, Deserialize, TS)]
#[serde(rename_all = "camelCase", deny_unknown_fields)]
pub struct UpdateSpaceArgs {
    pub id: String,
    /// Only the fields that change.
    #[ts(as = "outpost_model::records::SpacePatch")]
    pub fields: Fields,
}

#[derive(Debug, Deserialize, TS)]
#[serde(rename_all = "camelCase", deny_unknown_fields)]
pub struct CreateResourceArgs {
    /// The fields of `POST /secure/resources/`.
    #[ts(as = "outpost_model::records::Resource")]
    pub fields: Fields,
}

#[derive(Debug, Deserialize, TS)]
#[serde(rename_all = "camelCase", deny_unknown_fields)]
pub struct UpdateResourceArgs {
    pub id: String,
    /// Only the fields that change.
    #[ts(as = "outpost_model::records::ResourcePatch")]
    pub fields: Fields,
}

impl App {
    /// The tenant's spaces, by name, those made here and not synced yet included.
    pub async fn list_spaces(&self, _: ListPlacesArgs) -> Result<Vec<Record>, AppError> {
        self.in_tenant(|scope| scope.records(Entity::Space, None))
            .await
    }

    pub async fn get_space(&self, args: PlaceIdArgs) -> Result<Record, AppError> {
        self.in_tenant(|scope| scope.get(Entity::Space, &args.id))
            .await
    }

    pub async fn create_space(&self, args: CreateSpaceArgs) -> Result<Record, AppError> {
        self.in_tenant_admin("create spaces", |scope| {
            scope.create_record(Source::User, Entity::Space, args.fields)
        })
        .await
    }

    pub async fn update_space(&self, args: UpdateSpaceArgs) -> Result<Record, AppError> {
        self.in_tenant_write(|scope| {
            scope.update_record(Source::User, Entity::Space, &args.id, args.fields)
        })
        .await
    }

    /// Deletes a space here; the next sync deletes it on the server (which refuses while
    /// resources stand in it, in words kept with the op).
    pub async fn delete_space(&self, args: PlaceIdArgs) -> Result<Done, AppError> {
        self.in_tenant_admin("delete spaces", |scope| {
            scope.delete_record(Source::User, Entity::Space, &args.id)
        })
        .await?;
        Ok(Done { ok: true })
    }

    /// The tenant's resources, by name.
    pub async fn list_resources(&self, _: ListPlacesArgs) -> Result<Vec<Record>, AppError> {
        self.in_tenant(|scope| scope.records(Entity::Resource, None))
            .await
    }

    pub async fn get_resource(&self, args: PlaceIdArgs) -> Result<Record, AppError> {
        self.in_tenant(|scope| scope.get(Entity::Resource, &args.id))
            .await
    }

    pub async fn create_resource(&self, args: CreateResourceArgs) -> Result<Record, AppError> {
        self.in_tenant_write(|scope| {
            scope.create_record(Source::User, Entity::Resource, args.fields)
        })
        .await
    }

    pub async fn update_resource(&self, args: UpdateResourceArgs) -> Result<Record, AppError> {
        self.in_tenant_write(|scope| {
            scope.update_record(Source::User, Entity::Resource, &args.id, args.fields)
        })
        .await
    }

    pub async fn delete_resource(&self, args: PlaceIdArgs) -> Result<Done, AppError> {
        self.in_tenant_admin("delete resources", |scope| {
            scope.delete_record(Source::User, Entity::Resource, &args.id)
        })
        .await?;
        Ok(Done { ok: true })
    }
}
