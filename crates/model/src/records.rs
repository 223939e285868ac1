//! The record types as typed structs, in the shape the replica stores and the server takes (its
//! request schemas), with their patch twins, exported to TypeScript. Each struct's fields are the
//! record type's stored fields in its [`crate::Descriptor`] (a test holds them together); what
//! the seed leaves open (`metadata`, `policy`, `locationPayload`) stays an open object.

mod approval;
mod calendar;
mod contact;
mod group;
mod invitation;
mod manager;
mod manager_settings;
mod patch;
mod place;
mod rate_limit;
mod tenant;
mod tenant_domain;
mod tenant_settings;
mod user;

pub use approval::Approval;
pub use calendar::{
    Calendar, CalendarPatch, Entry, EntryPatch, Occurrence, OccurrencePatch, Reminder, Series,
    SeriesPatch,
};
pub use contact::{Address, Contact, ContactLink, ContactLinkPatch, ContactPatch};
pub use group::{Group, GroupMember, GroupPatch, ResourceMember, SpaceMember, SpaceMemberPatch};
pub use invitation::{Invitation, NewInvitation};
pub use manager::{
    ApplicationMove, ManagerApplication, ManagerApplicationPatch, ManagerEndpoint,
    ManagerEndpointPatch, ManagerProject, ManagerProjectPatch, ManagerTenant, ManagerTenantPatch,
    ManagerTrigger, ManagerTriggerPatch,
};
pub use manager_settings::{
    KeyValuePair, ManagerBackendSettings, ManagerBackendSettingsPatch, ManagerFrontendSettings,
    ManagerFrontendSettingsPatch,
};
pub use place::{MoveRequest, Resource, ResourcePatch, Space, SpacePatch};
pub use rate_limit::{RateLimit, RateLimitPatch};
pub use tenant::{Tenant, TenantPatch};
pub use tenant_domain::{TenantDomain, TenantDomainPatch};
pub use tenant_settings::{TenantSettings, TenantSettingsPatch};
pub use user::{NewUser, User, UserPatch};

/// An open JSON object: what the seed leaves free-form.
pub type Object = serde_json::Map<String, serde_json::Value>;

#[cfg(test)]
mod tests;
