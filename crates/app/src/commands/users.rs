//! The users of the active tenant: listed from the replica, made and edited offline like any
//! record. Making users, editing another user's profile and resetting a password are the
//! tenant's owners' and admins' work (the platform answers anyone else 403), so a member's or
//! guest's attempt is refused here, in words, before anything is queued.
//!
//! Two things differ from other records because of secrets: the password the platform's create
//! requires is the sync's to make up (random, sent once, kept nowhere), and a temporary password
//! is asked for online only, since the server answers it once and it is shown, never stored.
//! The platform has no delete of a user: only a user made here and not sent yet can be dropped.

use outpost_replica::{Entity, Fields, OpKind, Record, ReplicaError, Source};
use serde::{Deserialize, Serialize};
use serde_json::Value;
use ts_rs::TS;

use super::contacts::Done;
use crate::error::AppError;
use crate::state::App;

#[derive(Debug, Deserialize, TS)]
#[serde(rename_all = "camelCase", deny_unknown_fields)]
pub struct UserIdArgs {
    /// The local id, or the server id once the user has one.
    pub id: String,
}

#[derive(Debug, Deserialize, TS)]
#[serde(rename_all = "camelCase", deny_unknown_fields)]
pub struct CreateUserArgs {
    /// The fields of `POST /secure/users/` without the password; a map here so that the
    /// replica's checks name each field a value is wrong for.
    #[ts(as = "outpost_model::records::NewUser")]
    pub fields: Fields,
}

#[derive(Debug, Deserialize, TS)]
#[serde(rename_all = "camelCase", deny_unknown_fields)]
pub struct UpdateUserArgs {
    pub id: String,
    /// Only the fields that change.
    #[ts(as = "outpost_model::records::UserPatch")]
    pub fields: Fields,
}

#[derive(Debug, Deserialize, TS)]
#[serde(rename_all = "camelCase", deny_unknown_fields)]
pub struct ListUsersArgs {}

/// A temporary password, answered once by the server and kept nowhere: shown to the
/// administrator to hand to the user, who signs in with it.
#[derive(Serialize, TS)]
#[serde(rename_all = "camelCase")]
pub struct TemporaryPassword {
    /// The user's server id.
    pub user_id: String,
    pub password: String,
}

impl std::fmt::Debug for TemporaryPassword {
    fn fmt(&self, f: &mut std::fmt::Formatter<'_>) -> std::fmt::Result {
        f.debug_struct("TemporaryPassword")
            .field("user_id", &self.user_id)
            .field("password", &"[redacted]")
            .finish()
    }
}

impl App {
    /// The tenant's users, by name, those made here and not synced yet included.
    pub async fn list_users(&self, _: ListUsersArgs) -> Result<Vec<Record>, AppError> {
        self.in_tenant(|scope| scope.records(Entity::User, None))
            .await
    }

    pub async fn get_user(&self, args: UserIdArgs) -> Result<Record, AppError> {
        self.in_tenant(|scope| scope.get(Entity::User, &args.id))
            .await
    }

    /// Makes a user locally; the next sync sends it. The address is kept in lower case, as the
    /// platform keeps it (one account per address).
    pub async fn create_user(&self, args: CreateUserArgs) -> Result<Record, AppError> {
        let mut fields = args.fields;
        if let Some(Value::String(email)) = fields.get_mut("email") {
            *email = email.trim().to_lowercase();
        }
        self.in_tenant_admin("create users", |scope| {
            // The server refuses a second account for an address: refused here at once.
            if let Some(email) = fields.get("email").and_then(Value::as_str) {
                let taken = scope
                    .records(Entity::User, None)?
                    .iter()
                    .any(|u| u.fields.get("email").and_then(Value::as_str) == Some(email));
                if taken {
                    return Err(ReplicaError::Invalid {
                        field: "email".into(),
                        message: "a user with this address is already here".into(),
                    });
                }
            }
            scope.create_record(Source::User, Entity::User, fields)
        })
        .await
    }

    /// Changes a user's profile locally (names, display name, locale, settings).
    pub async fn update_user(&self, args: UpdateUserArgs) -> Result<Record, AppError> {
        self.in_tenant_admin("change users", |scope| {
            scope.update_record(Source::User, Entity::User, &args.id, args.fields)
        })
        .await
    }

    /// Drops a user made here and not sent yet. A user the server knows cannot be removed from
    /// here: the platform has no such request.
    pub async fn delete_user(&self, args: UserIdArgs) -> Result<Done, AppError> {
        self.in_tenant_admin("remove users", |scope| {
            let user = scope.get(Entity::User, &args.id)?;
            let create = scope
                .ops_for_record(Entity::User, &user.local_id)?
                .into_iter()
                .find(|op| op.kind == OpKind::Create && op.server_id.is_none());
            match (user.server_id, create) {
                (None, Some(op)) => scope.discard_op(&op.op_id),
                _ => Err(ReplicaError::Invalid {
                    field: "id".into(),
                    message: "the platform has no way to remove a user it knows: revoke their \
                              invitation or ask them to leave the tenant"
                        .into(),
                }),
            }
        })
        .await?;
        Ok(Done { ok: true })
    }

    /// Asks the server now for a temporary password for a user it knows; their old password
    /// stops working. Online only: the answer is shown once and never stored.
    pub async fn reset_user_password(
        &self,
        args: UserIdArgs,
    ) -> Result<TemporaryPassword, AppError> {
        let user = self
            .in_tenant_admin("reset passwords", |scope| scope.get(Entity::User, &args.id))
            .await?;
        let Some(user_id) = user.server_id else {
            return Err(ReplicaError::Invalid {
                field: "id".into(),
                message: "this user is not on the server yet: sync first, then reset the password"
                    .into(),
            }
            .into());
        };
        let active = self.require_active().await?;
        let tenant = Self::tenant_of(&active)?;
        let remote = outpost_sync::PlatformRemote::new(active.session.in_tenant(&tenant));
        let password = remote.reset_user_password(&user_id).await?;
        Ok(TemporaryPassword {
            user_id,
            password: password.expose().to_string(),
        })
    }
}
