//! The command table. Each command is an `App` method taking one argument struct and returning
//! one result struct; the macro derives the dispatcher and the TypeScript command map from the
//! same list, so the two cannot drift apart.

pub mod accounts;
pub mod approvals;
pub mod audit;
pub mod calendars;
pub mod contacts;
pub mod export;
pub mod groups;
pub mod import;
pub mod info;
pub mod invitations;
pub mod moves;
pub mod overview;
pub mod own_account;
pub mod place_members;
pub mod places;
pub mod servers;
pub mod sync;
pub mod tenant_admin;
pub mod users;
pub mod watch;

use serde_json::Value;

use crate::error::AppError;
use crate::state::App;
use crate::views::{ConflictView, IntoAnswer, OpView, RecordView};
use outpost_model::records::{
    Approval, Calendar, CalendarPatch, Contact, ContactLink, Entry, EntryPatch, Group, GroupMember,
    Invitation, MoveRequest, Occurrence, RateLimit, Reminder, Resource, ResourceMember, Series,
    SeriesPatch, Space, SpaceMember, Tenant, TenantDomain, TenantSettings, User,
};

macro_rules! command_table {
    ($( $(#[$doc:meta])* $name:ident ( $args:ty ) -> $ret:ty ; )*) => {
        async fn run_command(app: &App, name: &str, args: Value) -> Result<Value, AppError> {
            match name {
                $( stringify!($name) => {
                    let args: $args = serde_json::from_value(args)
                        .map_err(|e| AppError::bad_arguments(name, e))?;
                    let out: $ret = IntoAnswer::<$ret>::into_answer(app.$name(args).await?)?;
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

/// Runs the command `name` with JSON arguments; the answer is JSON too. A command that changed
/// who is signed in or the tenant shown (a sign-in, a switch, a sign-out) is followed by a
/// `session` event: the screens drop what belonged to the previous one.
pub async fn dispatch(app: &App, name: &str, args: Value) -> Result<Value, AppError> {
    let before = app.session_key().await;
    let out = run_command(app, name, args).await;
    let after = app.session_key().await;
    if before != after {
        let (account_id, tenant_id) = after;
        app.events.send(crate::events::AppEvent::Session {
            account_id,
            tenant_id,
        });
        app.events.status_changed();
    }
    out
}

command_table! {
    /// Version, data folder, replica schema, configured server.
    app_info(info::AppInfoArgs) -> info::AppInfo;
    /// Asks the configured server whether it is up, and how fast it answers.
    server_health(info::ServerHealthArgs) -> info::ServerHealth;
    /// Accounts, the signed-in one, its tenants, a sign-in waiting for its second factor.
    session_state(accounts::SessionStateArgs) -> accounts::SessionState;
    /// How many contacts, calendars and directory records the active tenant has here.
    tenant_counts(overview::TenantCountsArgs) -> outpost_replica::TenantCounts;
    /// The servers this installation knows (name and address).
    list_servers(servers::ListServersArgs) -> Vec<crate::servers::ServerProfile>;
    /// Adds a server profile or changes one.
    save_server(servers::SaveServerArgs) -> Vec<crate::servers::ServerProfile>;
    /// Forgets a server profile; accounts on that server stay.
    remove_server(servers::RemoveServerArgs) -> Vec<crate::servers::ServerProfile>;
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
    get_contact(contacts::ContactIdArgs) -> RecordView<Contact>;
    /// Creates a contact locally; the next sync sends it.
    create_contact(contacts::CreateContactArgs) -> RecordView<Contact>;
    /// Changes fields of a contact locally; the next sync sends them.
    update_contact(contacts::UpdateContactArgs) -> RecordView<Contact>;
    /// Deletes a contact locally; the next sync deletes it on the server.
    delete_contact(contacts::ContactIdArgs) -> contacts::Done;
    /// Links a contact to a user, space or resource (locally; the next sync sends it).
    link_contact(contacts::LinkContactArgs) -> RecordView<ContactLink>;
    /// Removes a contact link.
    unlink_contact(contacts::LinkIdArgs) -> contacts::Done;
    /// Makes a link the entity's primary contact, or not.
    set_primary_link(contacts::SetPrimaryArgs) -> RecordView<ContactLink>;
    /// What a contact is linked to.
    contact_references(contacts::ContactIdArgs) -> Vec<outpost_replica::ContactReference>;
    /// The contacts linked to a user, space or resource, primary first.
    linked_contacts(contacts::LinkedContactsArgs) -> Vec<outpost_replica::LinkedContact>;
    /// Users, groups, spaces or resources of the tenant (read-only).
    list_directory(contacts::DirectoryArgs) -> Vec<outpost_replica::DirectoryItem>;
    /// The tenant's groups, by name (works offline).
    list_groups(groups::ListGroupsArgs) -> Vec<RecordView<Group>>;
    /// One group with all its fields.
    get_group(groups::GroupIdArgs) -> RecordView<Group>;
    /// Creates a group locally (owners and admins); the next sync sends it.
    create_group(groups::CreateGroupArgs) -> RecordView<Group>;
    /// Renames a group or changes its description or permissions locally.
    update_group(groups::UpdateGroupArgs) -> RecordView<Group>;
    /// Deletes a group and its memberships locally.
    delete_group(groups::GroupIdArgs) -> contacts::Done;
    /// The members of a group, as the replica has them now.
    list_group_members(groups::GroupIdArgs) -> Vec<RecordView<GroupMember>>;
    /// Adds a user to a group locally; the next sync sends it.
    add_group_member(groups::GroupMemberArgs) -> RecordView<GroupMember>;
    /// Removes a user from a group locally.
    remove_group_member(groups::GroupMemberArgs) -> contacts::Done;
    /// The tenant's users, by name (works offline).
    list_users(users::ListUsersArgs) -> Vec<RecordView<User>>;
    /// One user with all their fields.
    get_user(users::UserIdArgs) -> RecordView<User>;
    /// Makes a user locally (owners and admins); the next sync sends it.
    create_user(users::CreateUserArgs) -> RecordView<User>;
    /// Changes a user's profile locally (owners and admins).
    update_user(users::UpdateUserArgs) -> RecordView<User>;
    /// Drops a user made here and not sent yet (the platform removes no user it knows).
    delete_user(users::UserIdArgs) -> contacts::Done;
    /// A temporary password for a user, asked for online and shown once, never stored.
    reset_user_password(users::UserIdArgs) -> users::TemporaryPassword;
    /// The tenant's spaces, by name (works offline).
    list_spaces(places::ListPlacesArgs) -> Vec<RecordView<Space>>;
    /// One space with all its fields.
    get_space(places::PlaceIdArgs) -> RecordView<Space>;
    /// Makes a space locally (owners and admins); the next sync sends it.
    create_space(places::CreateSpaceArgs) -> RecordView<Space>;
    /// Changes a space locally.
    update_space(places::UpdateSpaceArgs) -> RecordView<Space>;
    /// Deletes a space locally (owners and admins).
    delete_space(places::PlaceIdArgs) -> contacts::Done;
    /// The tenant's resources, by name (works offline).
    list_resources(places::ListPlacesArgs) -> Vec<RecordView<Resource>>;
    /// One resource with all its fields.
    get_resource(places::PlaceIdArgs) -> RecordView<Resource>;
    /// Makes a resource locally; the next sync sends it.
    create_resource(places::CreateResourceArgs) -> RecordView<Resource>;
    /// Changes a resource locally (its space too).
    update_resource(places::UpdateResourceArgs) -> RecordView<Resource>;
    /// Deletes a resource locally (owners and admins).
    delete_resource(places::PlaceIdArgs) -> contacts::Done;
    /// The members of a space, as the replica has them now.
    list_space_members(places::PlaceIdArgs) -> Vec<RecordView<SpaceMember>>;
    /// Adds a user to a space, or gives a member another role, locally.
    add_space_member(place_members::SpaceMemberArgs) -> RecordView<SpaceMember>;
    /// Removes a user from a space locally.
    remove_space_member(place_members::SpaceMemberArgs) -> contacts::Done;
    /// The members of a resource, as the replica has them now.
    list_resource_members(places::PlaceIdArgs) -> Vec<RecordView<ResourceMember>>;
    /// Adds a user to a resource locally (as a reader).
    add_resource_member(place_members::ResourceMemberArgs) -> RecordView<ResourceMember>;
    /// Removes a user from a resource locally.
    remove_resource_member(place_members::ResourceMemberArgs) -> contacts::Done;
    /// The tenant's requests to move resources and where each stands (works offline).
    list_move_requests(moves::ListMoveRequestsArgs) -> Vec<RecordView<MoveRequest>>;
    /// Asks for a resource to move to another space; the next sync sends it.
    request_move(moves::RequestMoveArgs) -> RecordView<MoveRequest>;
    /// Approves a move request at the next sync.
    approve_move(moves::MoveRequestIdArgs) -> RecordView<MoveRequest>;
    /// Rejects a move request, with the reason, at the next sync.
    reject_move(moves::RejectMoveArgs) -> RecordView<MoveRequest>;
    /// Withdraws a move request at the next sync.
    cancel_move(moves::MoveRequestIdArgs) -> contacts::Done;
    /// The tenant's invitations and where each stands (works offline).
    list_invitations(invitations::ListInvitationsArgs) -> Vec<RecordView<Invitation>>;
    /// Invites someone to the tenant (owners and admins); the next sync sends it.
    invite(invitations::InviteArgs) -> RecordView<Invitation>;
    /// Sends an invitation again at the next sync.
    resend_invitation(invitations::InvitationIdArgs) -> RecordView<Invitation>;
    /// Revokes an invitation at the next sync.
    revoke_invitation(invitations::InvitationIdArgs) -> contacts::Done;
    /// The tenant's approval requests and where each stands (works offline).
    list_approvals(approvals::ListApprovalsArgs) -> Vec<RecordView<Approval>>;
    /// Approves a request at the next sync (owners and admins).
    approve_request(approvals::ApproveArgs) -> RecordView<Approval>;
    /// Rejects a request, with the reason, at the next sync.
    reject_request(approvals::RejectArgs) -> RecordView<Approval>;
    /// The active tenant's record, once a sync brought it (works offline).
    get_tenant(tenant_admin::GetTenantArgs) -> Option<RecordView<Tenant>>;
    /// Changes the tenant's details locally (owners and admins); the next sync sends it.
    update_tenant(tenant_admin::UpdateTenantArgs) -> RecordView<Tenant>;
    /// Activates, suspends, reactivates, archives or upgrades the tenant at the next sync.
    move_tenant(tenant_admin::MoveTenantArgs) -> RecordView<Tenant>;
    /// The tenant's settings, one record per category (works offline).
    list_tenant_settings(tenant_admin::ListTenantSettingsArgs) -> Vec<RecordView<TenantSettings>>;
    /// Changes some keys of a settings category locally (owners and admins).
    change_tenant_settings(tenant_admin::ChangeTenantSettingsArgs) -> RecordView<TenantSettings>;
    /// Resets a settings category to a plan's defaults at the next sync.
    reset_tenant_settings(tenant_admin::ResetTenantSettingsArgs) -> RecordView<TenantSettings>;
    /// The tenant's custom domains (works offline).
    list_domains(tenant_admin::ListDomainsArgs) -> Vec<RecordView<TenantDomain>>;
    /// Adds a custom domain locally (owners and admins); the next sync sends it.
    add_domain(tenant_admin::AddDomainArgs) -> RecordView<TenantDomain>;
    /// Changes a custom domain locally.
    update_domain(tenant_admin::UpdateDomainArgs) -> RecordView<TenantDomain>;
    /// Verifies a custom domain at the next sync.
    verify_domain(tenant_admin::DomainIdArgs) -> RecordView<TenantDomain>;
    /// Removes a custom domain locally.
    delete_domain(tenant_admin::DomainIdArgs) -> contacts::Done;
    /// The tenant's rate limits (works offline).
    list_rate_limits(tenant_admin::ListRateLimitsArgs) -> Vec<RecordView<RateLimit>>;
    /// Makes a rate limit locally (owners and admins); the next sync sends it.
    create_rate_limit(tenant_admin::CreateRateLimitArgs) -> RecordView<RateLimit>;
    /// Changes a rate limit locally.
    update_rate_limit(tenant_admin::UpdateRateLimitArgs) -> RecordView<RateLimit>;
    /// Removes a rate limit locally.
    delete_rate_limit(tenant_admin::RateLimitIdArgs) -> contacts::Done;
    /// The tenant's history, settings history, metrics or quotas, as last read.
    tenant_read(tenant_admin::TenantReadArgs) -> Option<tenant_admin::TenantReadView>;
    /// Changes the signed-in user's password (online only).
    change_password(own_account::ChangePasswordArgs) -> contacts::Done;
    /// The signed-in user's second factors (online only).
    two_factor_status(own_account::NoArgs) -> own_account::TwoFactorView;
    /// Starts a TOTP enrolment: the secret and backup codes, shown once (online only).
    enrol_totp(own_account::NoArgs) -> own_account::TotpEnrolmentView;
    /// Turns a method being set up on with a code of it (online only).
    confirm_two_factor(own_account::FactorCodeArgs) -> contacts::Done;
    /// Sends a code by sms, email or WhatsApp (online only).
    send_two_factor_code(own_account::SendCodeArgs) -> contacts::Done;
    /// Turns a second factor off with a code of it or a backup code (online only).
    disable_two_factor(own_account::FactorCodeArgs) -> contacts::Done;
    /// New backup codes, shown once; the older ones stop working (online only).
    new_backup_codes(own_account::NoArgs) -> own_account::BackupCodesView;
    /// Leaves a tenant; answers the tenants the user is still in (online only).
    leave_tenant(own_account::LeaveTenantArgs) -> Vec<crate::TenantView>;
    /// The tenant's audit log as pulled, by actor, record, action and dates (works offline).
    search_audit_log(audit::AuditSearchArgs) -> Vec<outpost_replica::AuditEntry>;
    /// The calendars of the active tenant, by name.
    list_calendars(calendars::ListCalendarsArgs) -> Vec<outpost_replica::CalendarSummary>;
    /// One calendar with all its fields.
    get_calendar(calendars::IdArgs) -> RecordView<Calendar>;
    /// Creates a calendar locally; the next sync sends it.
    create_calendar(calendars::FieldsArgs<Calendar>) -> RecordView<Calendar>;
    /// Changes fields of a calendar locally.
    update_calendar(calendars::PatchArgs<CalendarPatch>) -> RecordView<Calendar>;
    /// Deletes a calendar locally.
    delete_calendar(calendars::IdArgs) -> contacts::Done;
    /// Entries and expanded occurrences overlapping a window (day, week, month, agenda).
    calendar_window(calendars::WindowArgs) -> Vec<outpost_replica::WindowItem>;
    /// Busy times over the chosen calendars.
    free_busy(calendars::WindowArgs) -> outpost_replica::FreeBusy;
    /// One entry with all its fields.
    get_entry(calendars::IdArgs) -> RecordView<Entry>;
    /// Creates an entry locally.
    create_entry(calendars::FieldsArgs<Entry>) -> RecordView<Entry>;
    /// Edits an entry locally (moves and resizes are edits of startsAt/endsAt).
    update_entry(calendars::PatchArgs<EntryPatch>) -> RecordView<Entry>;
    /// Deletes an entry locally.
    delete_entry(calendars::IdArgs) -> contacts::Done;
    /// Moves an entry to another status, as the server's rules allow.
    set_entry_status(calendars::EntryStatusArgs) -> RecordView<Entry>;
    /// The signed-in user's answer to an invitation.
    respond_to_entry(calendars::RespondArgs) -> outpost_replica::Participant;
    /// The participants of an entry.
    entry_participants(calendars::IdArgs) -> Vec<outpost_replica::Participant>;
    /// Makes an entry recurring.
    make_recurring(calendars::FieldsArgs<Series>) -> RecordView<Series>;
    /// Changes the rule of a series not yet sent to the server.
    update_series(calendars::PatchArgs<SeriesPatch>) -> RecordView<Series>;
    /// The series an entry is the root of, if any.
    entry_series(calendars::IdArgs) -> Option<RecordView<Series>>;
    /// Changes one occurrence of a series.
    override_occurrence(calendars::OccurrenceArgs) -> RecordView<Occurrence>;
    /// Cancels one occurrence of a series.
    cancel_occurrence(calendars::OccurrenceArgs) -> RecordView<Occurrence>;
    /// Adds a reminder to an entry or a series.
    add_reminder(calendars::FieldsArgs<Reminder>) -> RecordView<Reminder>;
    /// Removes a reminder.
    remove_reminder(calendars::IdArgs) -> contacts::Done;
    /// The reminders of a calendar.
    list_reminders(calendars::CalendarIdArgs) -> Vec<outpost_replica::ReminderSummary>;
    /// Entries whose title, description or location start with the words typed.
    search_entries(calendars::SearchEntriesArgs) -> Vec<outpost_replica::EntryHit>;
    /// What importing a .ics, .vcf or .csv file would do, item by item; writes nothing.
    import_preview(import::ImportArgs) -> import::ImportOutcome;
    /// Imports a .ics, .vcf or .csv file through the offline edits; the next sync sends it.
    import_apply(import::ImportArgs) -> import::ImportOutcome;
    /// Writes contacts (vCard, CSV) or calendars (iCalendar) to a file.
    export(export::ExportArgs) -> export::ExportOutcome;
    /// The days whose entries this computer holds from the server (its last sync's window).
    replica_holds(export::ReplicaHoldsArgs) -> Option<export::HeldWindow>;
    /// The watched folder: where dropped .ics, .vcf and .csv files are imported from.
    get_watch_settings(watch::GetWatchSettingsArgs) -> watch::WatchSettings;
    /// Chooses the watched folder (or turns it off), the calendar for events, duplicates.
    set_watch_settings(watch::WatchSettings) -> watch::WatchSettings;
    /// What became of the files dropped into the watched folder, newest first.
    watch_reports(watch::WatchReportsArgs) -> Vec<crate::watch_folder::WatchReport>;
    /// Pushes local edits and pulls the server's changes for the active tenant.
    sync_now(sync::SyncNowArgs) -> sync::SyncOutcome;
    /// Stops the sync run going on; what it had not sent waits for the next run.
    cancel_sync(sync::CancelSyncArgs) -> sync::CancelSyncOutcome;
    /// What waits, what failed, what conflicts, and how the last run went.
    sync_status(sync::SyncStatusArgs) -> sync::SyncStatus;
    /// The local edits not yet on the server, in the order they will be sent.
    list_outbox(sync::ListOutboxArgs) -> Vec<OpView>;
    /// Sends a failed edit again at the next sync.
    retry_op(sync::OpIdArgs) -> contacts::Done;
    /// Gives up a local edit; the record returns to the server's version.
    discard_op(sync::OpIdArgs) -> contacts::Done;
    /// Edits that clash with changes made on the server, waiting for a decision.
    list_conflicts(sync::ListConflictsArgs) -> Vec<ConflictView>;
    /// Keep mine, take theirs, or choose per field.
    resolve_conflict(sync::ResolveConflictArgs) -> contacts::Done;
    /// How the active account syncs: interval, entry window.
    get_sync_settings(sync::GetSyncSettingsArgs) -> sync::SyncSettings;
    /// Changes how the active account syncs.
    set_sync_settings(sync::SyncSettings) -> sync::SyncSettings;
    /// Past sync runs, newest first.
    sync_history(sync::SyncHistoryArgs) -> Vec<outpost_replica::SyncRun>;
}
