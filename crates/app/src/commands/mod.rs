//! The command table. Each command is an `App` method taking one argument struct and returning
//! one result struct; the macro derives the dispatcher and the TypeScript command map from the
//! same list, so the two cannot drift apart.

pub mod accounts;
pub mod contacts;
pub mod info;
pub mod sync;

use serde_json::Value;

use crate::error::AppError;
use crate::state::App;

macro_rules! command_table {
    ($( $(#[$doc:meta])* $name:ident ( $args:ty ) -> $ret:ty ; )*) => {
        /// Runs the command `name` with JSON arguments; the answer is JSON too.
        pub async fn dispatch(app: &App, name: &str, args: Value) -> Result<Value, AppError> {
            match name {
                $( stringify!($name) => {
                    let args: $args = serde_json::from_value(args)
                        .map_err(|e| AppError::bad_arguments(name, e))?;
                    let out: $ret = app.$name(args).await?;
                    serde_json::to_value(out).map_err(|e| {
                        AppError::new("internal", format!("cannot encode the answer of {name}: {e}"))
                    })
                } )*
                other => Err(AppError::unknown_command(other)),
            }
        }

        /// Every command name, in table order.
        pub fn command_names() -> &'static [&'static str] {
            &[$(stringify!($name)),*]
        }

        /// Feeds every argument and result type, with its name, to the bindings generator.
        pub(crate) fn visit_command_types(out: &mut crate::bindings::Collector) {
            $( out.command::<$args, $ret>(stringify!($name)); )*
        }
    };
}

command_table! {
    /// Version, data folder, replica schema, configured server.
    app_info(info::AppInfoArgs) -> info::AppInfo;
    /// Asks the configured server whether it is up, and how fast it answers.
    server_health(info::ServerHealthArgs) -> info::ServerHealth;
    /// Accounts, the signed-in one, its tenants, a sign-in waiting for its second factor.
    session_state(accounts::SessionStateArgs) -> accounts::SessionState;
    /// Signs in with email and password; may ask for a second factor next.
    sign_in(accounts::SignInArgs) -> accounts::SignInOutcome;
    /// Finishes a sign-in with a TOTP or backup code.
    verify_second_factor(accounts::VerifySecondFactorArgs) -> accounts::SignInOutcome;
    /// Abandons a sign-in waiting for its second factor.
    cancel_sign_in(accounts::CancelSignInArgs) -> accounts::SessionState;
    /// How many local edits signing out would leave unsynced.
    sign_out_check(accounts::SignOutCheckArgs) -> accounts::SignOutCheck;
    /// Signs out: revokes on the server when online, deletes the tokens, keeps or wipes the replica.
    sign_out(accounts::SignOutArgs) -> accounts::SignOutReport;
    /// Makes another known account the active one.
    use_account(accounts::UseAccountArgs) -> accounts::SessionState;
    /// The tenants of the signed-in user, from the replica or fresh from the server.
    list_tenants(accounts::ListTenantsArgs) -> Vec<accounts::TenantView>;
    /// Switches the tenant Outpost shows and syncs.
    use_tenant(accounts::TenantArgs) -> accounts::SessionState;
    /// Sets the tenant the server picks at sign-in.
    set_default_tenant(accounts::TenantArgs) -> Vec<accounts::TenantView>;
    /// One page of the active tenant's contacts, sorted (works offline).
    list_contacts(outpost_replica::ContactQuery) -> outpost_replica::ContactPage;
    /// Contacts whose name, email, phone, address or notes start with the words typed.
    search_contacts(contacts::SearchContactsArgs) -> Vec<outpost_replica::ContactSummary>;
    /// One contact with all its fields.
    get_contact(contacts::ContactIdArgs) -> outpost_replica::Record;
    /// Creates a contact locally; the next sync sends it.
    create_contact(contacts::CreateContactArgs) -> outpost_replica::Record;
    /// Changes fields of a contact locally; the next sync sends them.
    update_contact(contacts::UpdateContactArgs) -> outpost_replica::Record;
    /// Deletes a contact locally; the next sync deletes it on the server.
    delete_contact(contacts::ContactIdArgs) -> contacts::Done;
    /// Pushes local edits and pulls the server's changes for the active tenant.
    sync_now(sync::SyncNowArgs) -> sync::SyncOutcome;
    /// What waits, what failed, what conflicts, and how the last run went.
    sync_status(sync::SyncStatusArgs) -> sync::SyncStatus;
    /// The local edits not yet on the server, in the order they will be sent.
    list_outbox(sync::ListOutboxArgs) -> Vec<outpost_replica::OutboxOp>;
    /// Sends a failed edit again at the next sync.
    retry_op(sync::OpIdArgs) -> contacts::Done;
    /// Gives up a local edit; the record returns to the server's version.
    discard_op(sync::OpIdArgs) -> contacts::Done;
    /// Edits that clash with changes made on the server, waiting for a decision.
    list_conflicts(sync::ListConflictsArgs) -> Vec<outpost_replica::Conflict>;
    /// Keep mine, take theirs, or choose per field.
    resolve_conflict(sync::ResolveConflictArgs) -> contacts::Done;
    /// Past sync runs, newest first.
    sync_history(sync::SyncHistoryArgs) -> Vec<outpost_replica::SyncRun>;
}
