//! The seed's enums, each written once. The replica validates against [`NAMES`](CalendarKind::NAMES),
//! the UI gets the same values as TypeScript unions through ts-rs.

use serde::{Deserialize, Serialize};

/// Declares an enum whose values are the server's strings, with its list of names for
/// validation and messages.
macro_rules! string_enum {
    ($(#[$doc:meta])* $name:ident { $($(#[$vdoc:meta])* $variant:ident = $text:literal),+ $(,)? }) => {
        $(#[$doc])*
        #[derive(Debug, Clone, Copy, PartialEq, Eq, Hash, Serialize, Deserialize, ts_rs::TS)]
        pub enum $name {
            $($(#[$vdoc])* #[serde(rename = $text)] $variant),+
        }

        impl $name {
            /// Every value, in the seed's order.
            pub const ALL: &'static [$name] = &[$($name::$variant),+];
            /// The values as the server spells them, in the seed's order.
            pub const NAMES: &'static [&'static str] = &[$($text),+];

            /// The value as the server spells it.
            pub fn as_str(self) -> &'static str {
                match self {
                    $($name::$variant => $text),+
                }
            }

            /// The value the server spells `text`, if it is one.
            pub fn parse(text: &str) -> Option<Self> {
                match text {
                    $($text => Some($name::$variant),)+
                    _ => None,
                }
            }
        }
    };
}

string_enum! {
    /// What a calendar belongs to.
    CalendarKind {
        /// A user's own calendar.
        UserLinked = "user_linked",
        /// A resource's bookings.
        ResourceLinked = "resource_linked",
        /// A space's bookings.
        SpaceLinked = "space_linked",
        /// Shared by the tenant.
        TenantShared = "tenant_shared",
    }
}

string_enum! {
    /// Who may see a calendar.
    CalendarVisibility {
        /// Its owner only.
        Private = "private",
        /// Those it is shared with.
        Shared = "shared",
        /// Everyone in the tenant.
        PublicWithinTenant = "public_within_tenant",
    }
}

string_enum! {
    /// What a calendar entry is.
    EntryKind {
        /// An event.
        Event = "event",
        /// A booking.
        Booking = "booking",
        /// A reservation.
        Reservation = "reservation",
        /// A hold on time.
        Hold = "hold",
        /// A task with a reminder.
        ReminderTask = "reminder_task",
    }
}

string_enum! {
    /// Where an entry stands.
    EntryStatus {
        /// Not yet proposed.
        Draft = "draft",
        /// Proposed, not settled.
        Tentative = "tentative",
        /// Settled.
        Confirmed = "confirmed",
        /// Called off.
        Cancelled = "cancelled",
        /// Done.
        Completed = "completed",
    }
}

string_enum! {
    /// Who may see an entry's details.
    EntryVisibility {
        /// As its calendar.
        Default = "default",
        /// Its owner only.
        Private = "private",
    }
}

string_enum! {
    /// A participant's answer to an entry.
    ResponseStatus {
        /// Not answered yet.
        Pending = "pending",
        /// Coming.
        Accepted = "accepted",
        /// Not coming.
        Declined = "declined",
        /// Perhaps.
        Tentative = "tentative",
    }
}

string_enum! {
    /// How often a series repeats.
    Frequency {
        /// Every day (or every n days).
        Daily = "daily",
        /// Every week.
        Weekly = "weekly",
        /// Every month.
        Monthly = "monthly",
        /// Every year.
        Yearly = "yearly",
    }
}

string_enum! {
    /// What became of one occurrence of a series.
    InstanceState {
        /// As the series made it.
        Generated = "generated",
        /// Changed on its own.
        Overridden = "overridden",
        /// Called off on its own.
        Cancelled = "cancelled",
    }
}

string_enum! {
    /// How a reminder reaches its people.
    ReminderChannel {
        /// In the platform's apps.
        InApp = "in_app",
        /// By email.
        Email = "email",
        /// By text message.
        Sms = "sms",
        /// By a webhook call.
        Webhook = "webhook",
    }
}

string_enum! {
    /// What a contact can be linked to.
    LinkTarget {
        /// A user of the tenant.
        User = "user",
        /// A space.
        Space = "space",
        /// A resource.
        Resource = "resource",
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn names_parse_back_and_serialise_as_themselves() {
        for v in EntryStatus::ALL {
            assert_eq!(EntryStatus::parse(v.as_str()), Some(*v));
            assert_eq!(serde_json::to_value(v).unwrap(), v.as_str());
        }
        assert_eq!(EntryStatus::NAMES.len(), EntryStatus::ALL.len());
        assert_eq!(
            ReminderChannel::parse("in_app"),
            Some(ReminderChannel::InApp)
        );
        assert_eq!(ReminderChannel::parse("In_App"), None);
    }
}

string_enum! {
    /// The role an invitation gives its recipient in the tenant.
    TenantRole {
        /// Owns the tenant.
        Owner = "owner",
        /// Administers the tenant.
        Admin = "admin",
        /// Works in the tenant.
        Member = "member",
        /// Looks, changes nothing.
        Guest = "guest",
    }
}

string_enum! {
    /// How an invitation reaches its recipient.
    InvitationChannel {
        /// By email.
        Email = "email",
        /// By text message.
        Sms = "sms",
        /// By WhatsApp.
        Whatsapp = "whatsapp",
    }
}

string_enum! {
    /// Where an invitation stands.
    InvitationStatus {
        /// Made, not sent yet.
        Pending = "pending",
        /// Sent to its recipient.
        Sent = "sent",
        /// Opened by its recipient.
        Opened = "opened",
        /// Accepted: the recipient joined.
        Accepted = "accepted",
        /// Past its expiry.
        Expired = "expired",
        /// Revoked by an administrator.
        Revoked = "revoked",
        /// Could not be delivered.
        Failed = "failed",
    }
}

string_enum! {
    /// Where an approval request stands.
    ApprovalStatus {
        /// Waiting for a decision.
        Pending = "pending",
        /// Approved: the record it is about is active.
        Approved = "approved",
        /// Rejected, with a reason.
        Rejected = "rejected",
        /// Withdrawn by whoever asked.
        Cancelled = "cancelled",
        /// Past its expiry without a decision.
        Expired = "expired",
    }
}

string_enum! {
    /// What an approval request is about.
    ApprovalTarget {
        /// A space.
        Space = "space",
        /// A resource.
        Resource = "resource",
        /// A calendar entry (a booking).
        CalendarEntry = "calendar_entry",
    }
}

string_enum! {
    /// Where a tenant stands in its lifecycle.
    TenantStatus {
        /// In use.
        Active = "active",
        /// Suspended: its data is kept, nobody works in it until it is reactivated.
        Inactive = "inactive",
        /// Closed for maintenance.
        Maintenance = "maintenance",
        /// Archived for good.
        Retired = "retired",
        /// Made, not activated yet.
        Pending = "pending",
    }
}

string_enum! {
    /// A tenant's plan (the seed's `type`).
    TenantPlan {
        /// The platform's own tenant.
        System = "system",
        /// On trial.
        Trial = "trial",
        /// Paying.
        Paid = "paid",
        /// An enterprise contract.
        Enterprise = "enterprise",
    }
}

string_enum! {
    /// The plans a tenant can be upgraded to (`lifecycle/upgrade`'s `target_type`).
    UpgradePlan {
        /// Paying.
        Paid = "paid",
        /// An enterprise contract.
        Enterprise = "enterprise",
    }
}

string_enum! {
    /// How a tenant spreads its files over its storage.
    StorageStrategy {
        /// One store after the other.
        Sequential = "sequential",
        /// Across every store.
        Distributed = "distributed",
    }
}

string_enum! {
    /// Whom a rate limit counts requests of.
    RateLimitScope {
        /// Each address.
        PerIp = "per_ip",
        /// Each user.
        PerUser = "per_user",
        /// Each device.
        PerDevice = "per_device",
        /// Each application account.
        PerAppAccount = "per_app_account",
        /// The whole tenant.
        PerTenant = "per_tenant",
    }
}

string_enum! {
    /// A category of a tenant's settings.
    SettingsCategory {
        /// Time zone, locale, date and time formats.
        General = "general",
        /// Quotas: users, spaces, resources, storage, API calls.
        Limits = "limits",
        /// Calendar and other integrations.
        Integrations = "integrations",
        /// Email, SMS and webhook notifications.
        Notifications = "notifications",
        /// Origins, sign-in methods, invitations.
        Security = "security",
    }
}

string_enum! {
    /// What a tenant's custom domain serves.
    DomainType {
        /// The API.
        Api = "api",
    }
}

string_enum! {
    /// Where a custom domain's verification stands.
    DomainStatus {
        /// Made, not verified yet.
        Pending = "pending",
        /// Being checked.
        Verifying = "verifying",
        /// Verified.
        Verified = "verified",
        /// The check failed.
        Failed = "failed",
        /// Its verification ran out.
        Expired = "expired",
    }
}

string_enum! {
    /// How a custom domain proves it is the tenant's.
    VerificationMethod {
        /// A CNAME record.
        Cname = "cname",
        /// A TXT record.
        Txt = "txt",
        /// A file served over HTTP.
        Http = "http",
    }
}

string_enum! {
    /// Where a custom domain's certificate stands.
    SslStatus {
        /// None yet.
        None = "none",
        /// Being issued.
        Pending = "pending",
        /// Issued.
        Issued = "issued",
        /// Issuing failed.
        Failed = "failed",
        /// Expiring soon.
        Expiring = "expiring",
        /// Expired.
        Expired = "expired",
    }
}
string_enum! {
    /// Where a user of the tenant stands.
    UserStatus {
        /// Can sign in and work.
        Active = "active",
        /// Switched off.
        Inactive = "inactive",
        /// Held back while something is looked after.
        Maintenance = "maintenance",
        /// No longer with the tenant.
        Retired = "retired",
        /// Invited or made, not confirmed yet.
        Pending = "pending",
    }
}

string_enum! {
    /// The languages the platform speaks to a user in (ISO 639-1).
    UserLocale {
        /// English.
        En = "en",
        /// German.
        De = "de",
        /// French.
        Fr = "fr",
        /// Spanish.
        Es = "es",
        /// Italian.
        It = "it",
    }
}

string_enum! {
    /// Where a space or resource stands.
    PlaceStatus {
        /// In use.
        Active = "active",
        /// Out of use.
        Inactive = "inactive",
        /// Being looked after.
        Maintenance = "maintenance",
        /// Gone for good.
        Retired = "retired",
        /// Waiting for an approval.
        Pending = "pending",
    }
}

string_enum! {
    /// What a member of a space may do there.
    SpaceRole {
        /// Changes the space, its resources and its members.
        Manager = "manager",
        /// Looks.
        Reader = "reader",
    }
}

string_enum! {
    /// What a member of a resource may do with it (the platform adds members as readers).
    ResourceRole {
        /// Administers the resource.
        Admin = "admin",
        /// Changes the resource.
        Manager = "manager",
        /// Looks.
        Reader = "reader",
    }
}

string_enum! {
    /// Where a request to move a resource to another space stands.
    MoveStatus {
        /// Waiting for a decision.
        Pending = "pending",
        /// Approved: the resource moved.
        Approved = "approved",
        /// Rejected, with a reason.
        Rejected = "rejected",
        /// Withdrawn.
        Cancelled = "cancelled",
        /// Past its expiry without a decision.
        Expired = "expired",
    }
}

mod manager;
pub use manager::{EndpointAuthType, EndpointLogLevel, EndpointMessageType, TenantType};
