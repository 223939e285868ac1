//! Pilet packages over GraphQL: `piletPackages`, `piletPackage`, and the metadata mutations
//! `updatePiletPackage`, `enablePiletPackage`, `disablePiletPackage` (files go over REST).

use async_graphql::{Context, Object, Result, SimpleObject, ID};

use super::{read, write};
use crate::access::{self, Need, Scope};
use crate::error::ApiError;
use crate::pilet;
use crate::records::PiletPackage;

#[derive(SimpleObject)]
pub struct PiletPackages {
    pub packages: Vec<PiletPackage>,
    pub count: i32,
}

#[derive(Default)]
pub struct PiletQuery;

#[Object]
impl PiletQuery {
    /// The project's pilets by name and version; `enabled` keeps only those with that flag.
    async fn pilet_packages(
        &self,
        ctx: &Context<'_>,
        project_id: ID,
        enabled: Option<bool>,
    ) -> Result<PiletPackages> {
        read(ctx, |data, caller| {
            access::check(
                data,
                caller,
                &Scope::project(data, &project_id)?,
                Need::Read,
            )?;
            let packages = pilet::of_project(data, &project_id, enabled);
            Ok(PiletPackages {
                count: packages.len() as i32,
                packages,
            })
        })
    }

    async fn pilet_package(
        &self,
        ctx: &Context<'_>,
        project_id: ID,
        name: String,
        version: String,
    ) -> Result<PiletPackage> {
        read(ctx, |data, caller| {
            access::check(
                data,
                caller,
                &Scope::project(data, &project_id)?,
                Need::Read,
            )?;
            pilet::find(data, &project_id, &name, &version)
                .cloned()
                .ok_or_else(|| ApiError::not_found("Pilet package"))
        })
    }
}

#[derive(Default)]
pub struct PiletMutation;

#[Object]
impl PiletMutation {
    async fn update_pilet_package(
        &self,
        ctx: &Context<'_>,
        project_id: ID,
        name: String,
        version: String,
        description: Option<String>,
        enabled: Option<bool>,
    ) -> Result<PiletPackage> {
        write(ctx, |data, caller, origin| {
            let key = (project_id.as_str(), name.as_str(), version.as_str());
            pilet::set_metadata(
                data,
                caller,
                origin,
                key,
                (description, enabled),
                "updatePiletPackage",
            )
        })
    }

    async fn enable_pilet_package(
        &self,
        ctx: &Context<'_>,
        project_id: ID,
        name: String,
        version: String,
    ) -> Result<PiletPackage> {
        write(ctx, |data, caller, origin| {
            let key = (project_id.as_str(), name.as_str(), version.as_str());
            pilet::set_metadata(
                data,
                caller,
                origin,
                key,
                (None, Some(true)),
                "enablePiletPackage",
            )
        })
    }

    async fn disable_pilet_package(
        &self,
        ctx: &Context<'_>,
        project_id: ID,
        name: String,
        version: String,
    ) -> Result<PiletPackage> {
        write(ctx, |data, caller, origin| {
            let key = (project_id.as_str(), name.as_str(), version.as_str());
            pilet::set_metadata(
                data,
                caller,
                origin,
                key,
                (None, Some(false)),
                "disablePiletPackage",
            )
        })
    }
}
