//! Invitations to the active tenant: sent at the next sync (made offline like any edit), then
//! resent or revoked. Inviting is the tenant's owners' and admins' work; a member's or guest's
//! attempt is refused here, in words, before anything is queued. The full invitation code the
//! server answers once is never kept.

use outpost_replica::{Entity, Fields, Record, Source};
use serde::Deserialize;
use ts_rs::TS;

use super::contacts::Done;
use crate::error::AppError;
use crate::state::App;

#[derive(Debug, Deserialize, TS)]
#[serde(rename_all = "camelCase", deny_unknown_fields)]
pub struct InvitationIdArgs {
    /// The local id, or the server id once the invitation has one.
    pub id: String,
}

#[derive(Debug, Deserialize, TS)]
#[serde(rename_all = "camelCase", deny_unknown_fields)]
pub struct InviteArgs {
    /// The fields of `POST /secure/invitations/` (snake_case, as the seed has them); a map here
    /// so that the replica's checks name each field a value is wrong for.
    #[ts(as = "outpost_model::records::NewInvitation")]
    pub fields: Fields,
}

#[derive(Debug, Deserialize, TS)]
#[serde(rename_all = "camelCase", deny_unknown_fields)]
pub struct ListInvitationsArgs {}

impl App {
    /// The tenant's invitations, by recipient, those not sent yet included.
    pub async fn list_invitations(&self, _: ListInvitationsArgs) -> Result<Vec<Record>, AppError> {
        self.in_tenant(|scope| scope.records(Entity::Invitation, None))
            .await
    }

    /// Invites someone; the next sync sends the invitation.
    pub async fn invite(&self, args: InviteArgs) -> Result<Record, AppError> {
        self.in_tenant_admin("invite people", |scope| {
            scope.create_record(Source::User, Entity::Invitation, args.fields)
        })
        .await
    }

    /// Sends an invitation again at the next sync.
    pub async fn resend_invitation(&self, args: InvitationIdArgs) -> Result<Record, AppError> {
        self.in_tenant_admin("resend invitations", |scope| {
            scope.record_action(
                Source::User,
                Entity::Invitation,
                &args.id,
                "resend",
                Fields::new(),
            )
        })
        .await
    }

    /// Revokes an invitation (one never sent is simply dropped).
    pub async fn revoke_invitation(&self, args: InvitationIdArgs) -> Result<Done, AppError> {
        self.in_tenant_admin("revoke invitations", |scope| {
            scope.delete_record(Source::User, Entity::Invitation, &args.id)
        })
        .await?;
        Ok(Done { ok: true })
    }
}
