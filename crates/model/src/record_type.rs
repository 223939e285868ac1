//! The kinds of record the user can edit offline and the outbox can carry.

use serde::{Deserialize, Serialize};

use crate::descriptor::{self, Descriptor};

/// A kind of record the user can edit offline (and the outbox can carry). Its text form is what
/// the replica stores in `outbox.entity` and what errors show; it must never change for a type
/// that has shipped, or waiting edits would no longer be read.
#[derive(
    Debug, Clone, Copy, PartialEq, Eq, PartialOrd, Ord, Hash, Serialize, Deserialize, ts_rs::TS,
)]
#[serde(rename_all = "snake_case")]
pub enum RecordType {
    /// A calendar of the platform.
    Calendar,
    /// A calendar entry (event, booking, ...).
    Entry,
    /// A series: the recurrence rule of an entry.
    RecurrenceMaster,
    /// One occurrence of a series, overridden or cancelled.
    RecurrenceInstance,
    /// A reminder on a calendar, entry or series.
    Reminder,
    /// A contact of the address book.
    Contact,
    /// A link from a contact to a user, space or resource.
    ContactLink,
    /// A group of the tenant's users.
    Group,
    /// A user's membership of a group.
    GroupMember,
    /// An invitation to join the tenant.
    Invitation,
    /// A request waiting for an administrator's approval.
    Approval,
    /// A user of the tenant.
    User,
    /// A space of the tenant (a site, a building, a room).
    Space,
    /// A resource of the tenant, in a space or on its own.
    Resource,
    /// A user's membership of a space, with their role there.
    SpaceMember,
    /// A user's membership of a resource.
    ResourceMember,
    /// A request to move a resource to another space.
    MoveRequest,
    /// The tenant itself: its details and lifecycle (one per tenant scope).
    Tenant,
    /// A rate limit configuration of the tenant.
    RateLimit,
    /// One category of the tenant's settings.
    TenantSettings,
    /// A custom domain of the tenant.
    TenantDomain,
    /// A project of the Manager (the platform's control plane).
    ManagerProject,
    /// A tenant of a Manager project: one environment (dev, test, run) of it. Not the
    /// platform's tenant, which Outpost's replicas are scoped by.
    ManagerTenant,
    /// An application in a Manager tenant.
    ManagerApplication,
    /// An endpoint of a Manager application.
    ManagerEndpoint,
    /// A scheduled trigger of a Manager application.
    ManagerTrigger,
    /// The backend settings of one Manager level (project, tenant or application).
    ManagerBackendSettings,
    /// The frontend settings of one Manager level.
    ManagerFrontendSettings,
}

impl RecordType {
    /// Every record type, in the order their descriptors are declared.
    pub const ALL: [RecordType; 28] = [
        RecordType::Calendar,
        RecordType::Entry,
        RecordType::RecurrenceMaster,
        RecordType::RecurrenceInstance,
        RecordType::Reminder,
        RecordType::Contact,
        RecordType::ContactLink,
        RecordType::Group,
        RecordType::GroupMember,
        RecordType::Invitation,
        RecordType::Approval,
        RecordType::User,
        RecordType::Space,
        RecordType::Resource,
        RecordType::SpaceMember,
        RecordType::ResourceMember,
        RecordType::MoveRequest,
        RecordType::Tenant,
        RecordType::RateLimit,
        RecordType::TenantSettings,
        RecordType::TenantDomain,
        RecordType::ManagerProject,
        RecordType::ManagerTenant,
        RecordType::ManagerApplication,
        RecordType::ManagerEndpoint,
        RecordType::ManagerTrigger,
        RecordType::ManagerBackendSettings,
        RecordType::ManagerFrontendSettings,
    ];

    /// The name stored in `outbox.entity` and shown in errors.
    pub fn as_str(self) -> &'static str {
        self.descriptor().name
    }

    /// The record type of a stored name.
    pub fn parse(text: &str) -> Option<RecordType> {
        RecordType::ALL.into_iter().find(|t| t.as_str() == text)
    }

    /// Everything Outpost knows about this record type.
    pub fn descriptor(self) -> &'static Descriptor {
        descriptor::of(self)
    }
}

impl std::fmt::Display for RecordType {
    fn fmt(&self, f: &mut std::fmt::Formatter<'_>) -> std::fmt::Result {
        f.write_str(self.as_str())
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn stored_names_round_trip_and_match_serde() {
        for t in RecordType::ALL {
            assert_eq!(RecordType::parse(t.as_str()), Some(t));
            assert_eq!(
                serde_json::to_value(t).unwrap(),
                serde_json::Value::String(t.as_str().into())
            );
        }
        assert_eq!(RecordType::parse("calendars"), None);
    }
}
