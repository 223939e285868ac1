//! The fields of each record type, in the shape the server takes them (its request schemas), with
//! the rule the server applies to each. Written once here: the replica checks every edit against
//! them, checks the types of what a pull brings, and picks a server record's stored fields by
//! their names.

use crate::enums::{
    ApprovalStatus, ApprovalTarget, CalendarKind, CalendarVisibility, DomainStatus, DomainType,
    EntryKind, EntryStatus, EntryVisibility, Frequency, InstanceState, InvitationChannel,
    InvitationStatus, LinkTarget, MoveStatus, PlaceStatus, RateLimitScope, ReminderChannel,
    ResourceRole, SettingsCategory, SpaceRole, SslStatus, StorageStrategy, TenantPlan, TenantRole,
    TenantStatus, UpgradePlan, UserLocale, UserStatus, VerificationMethod,
};

/// What a field's value must be.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub enum Kind {
    /// Text of `min` to `max` characters (no upper bound when `max` is None).
    Str {
        /// Fewest characters.
        min: usize,
        /// Most characters.
        max: Option<usize>,
    },
    /// One of the listed strings.
    Enum(&'static [&'static str]),
    /// A UUID.
    Uuid,
    /// An RFC 3339 date-time.
    DateTime,
    /// true or false.
    Bool,
    /// A JSON object the seed leaves open (`metadata`, `policy`, ...).
    Object,
    /// A whole number from `min` to `max`.
    Int {
        /// Smallest value.
        min: i64,
        /// Largest value.
        max: i64,
    },
    /// A list of whole numbers, each from `min` to `max`.
    IntArray {
        /// Smallest value.
        min: i64,
        /// Largest value.
        max: i64,
    },
    /// A list of text values (each at most `max` characters).
    StrArray {
        /// Most characters of one value.
        max: usize,
    },
    /// An email address.
    Email,
    /// An absolute URI.
    Uri,
    /// An IANA time zone name.
    TimeZone,
    /// A postal address object (its known keys hold text or null).
    Address,
    /// A Manager slug: 1 to 63 of `a-z`, `0-9` and `-`, not at either end
    /// ([`crate::rules::is_slug`]).
    Slug,
    /// A five-field cron expression ([`crate::rules::cron`]).
    Cron,
    /// A URL path: it starts with `/` and holds no spaces (an endpoint's `consumeURL`).
    Path,
    /// A list of `{Key, Value}` text pairs whose keys are unique and not blank (a Manager
    /// module configuration's `KeyValuePairs`).
    KeyValues,
}

/// One field of a record type.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub struct FieldSpec {
    /// Its name in the server's request shape.
    pub name: &'static str,
    /// What its value must be.
    pub kind: Kind,
    /// Whether an edit may send null to clear it.
    pub nullable: bool,
}

/// The body of one kind of request: the fields it may carry, those it must, and whether null
/// clears a field (a patch) or is refused.
#[derive(Debug, Clone, Copy)]
pub struct Shape {
    /// The fields the body may carry; any other is refused.
    pub fields: &'static [FieldSpec],
    /// The fields it must carry, not null.
    pub required: &'static [&'static str],
    /// Whether null may be sent for a nullable field (true for patches).
    pub allow_null: bool,
    /// At least one of these must be sent, not null (the seed's `anyOf` of requireds); empty
    /// when there is no such rule.
    pub required_any: &'static [&'static str],
}

const fn f(name: &'static str, kind: Kind) -> FieldSpec {
    FieldSpec {
        name,
        kind,
        nullable: false,
    }
}

const fn nullable(name: &'static str, kind: Kind) -> FieldSpec {
    FieldSpec {
        name,
        kind,
        nullable: true,
    }
}

const fn text(min: usize, max: usize) -> Kind {
    Kind::Str {
        min,
        max: Some(max),
    }
}

const NAME: Kind = text(1, 255);
const TEXT: Kind = Kind::Str { min: 0, max: None };
const COUNT: Kind = Kind::Int {
    min: 1,
    max: i64::MAX,
};

/// A calendar as created (`POST /secure/calendar/`).
pub const CALENDAR_CREATE: &[FieldSpec] = &[
    f("kind", Kind::Enum(CalendarKind::NAMES)),
    f("name", NAME),
    f("description", TEXT),
    f("timezone", Kind::TimeZone),
    f("visibility", Kind::Enum(CalendarVisibility::NAMES)),
    f("policy", Kind::Object),
    f("metadata", Kind::Object),
    f("typeDefinitionId", Kind::Uuid),
    f("linkedUserId", Kind::Uuid),
    f("linkedResourceId", Kind::Uuid),
    f("linkedSpaceId", Kind::Uuid),
];
/// What a calendar create must carry.
pub const CALENDAR_CREATE_REQUIRED: &[&str] = &["kind", "name", "timezone"];
/// A calendar edit (`PATCH /secure/calendar/{id}`).
pub const CALENDAR_PATCH: &[FieldSpec] = &[
    f("name", NAME),
    f("description", TEXT),
    f("timezone", Kind::TimeZone),
    f("visibility", Kind::Enum(CalendarVisibility::NAMES)),
    f("policy", Kind::Object),
    f("metadata", Kind::Object),
    f("typeDefinitionId", Kind::Uuid),
];

/// An entry edit (`PATCH /secure/calendar/entries/{id}`).
pub const ENTRY_PATCH: &[FieldSpec] = &[
    f("kind", Kind::Enum(EntryKind::NAMES)),
    f("status", Kind::Enum(EntryStatus::NAMES)),
    f("visibility", Kind::Enum(EntryVisibility::NAMES)),
    f("title", NAME),
    f("description", TEXT),
    f("startsAt", Kind::DateTime),
    f("endsAt", Kind::DateTime),
    f("timezone", Kind::TimeZone),
    f("isAllDay", Kind::Bool),
    f("ownerUserId", Kind::Uuid),
    f("metadata", Kind::Object),
    f("typeDefinitionId", Kind::Uuid),
    f("locationName", text(0, 255)),
    f("locationPayload", Kind::Object),
];
/// An entry as created: its calendar and every field an edit may change.
pub const ENTRY_CREATE: &[FieldSpec] = &[
    f("calendarId", Kind::Uuid),
    f("kind", Kind::Enum(EntryKind::NAMES)),
    f("status", Kind::Enum(EntryStatus::NAMES)),
    f("visibility", Kind::Enum(EntryVisibility::NAMES)),
    f("title", NAME),
    f("description", TEXT),
    f("startsAt", Kind::DateTime),
    f("endsAt", Kind::DateTime),
    f("timezone", Kind::TimeZone),
    f("isAllDay", Kind::Bool),
    f("ownerUserId", Kind::Uuid),
    f("metadata", Kind::Object),
    f("typeDefinitionId", Kind::Uuid),
    f("locationName", text(0, 255)),
    f("locationPayload", Kind::Object),
];
/// What an entry create must carry.
pub const ENTRY_CREATE_REQUIRED: &[&str] = &[
    "calendarId",
    "kind",
    "title",
    "startsAt",
    "endsAt",
    "timezone",
];

/// A series as created (`POST /secure/calendar/recurrence-masters`).
pub const MASTER_CREATE: &[FieldSpec] = &[
    f("calendarId", Kind::Uuid),
    f("rootEntryId", Kind::Uuid),
    f("frequency", Kind::Enum(Frequency::NAMES)),
    f("intervalCount", COUNT),
    f("byWeekday", Kind::IntArray { min: 0, max: 6 }),
    f("byMonthDay", Kind::IntArray { min: 1, max: 31 }),
    f("startsAt", Kind::DateTime),
    f("untilAt", Kind::DateTime),
    f("occurrenceCountLimit", COUNT),
    f("timezone", Kind::TimeZone),
    f("generatedWindowDays", Kind::Int { min: 1, max: 366 }),
    f("metadata", Kind::Object),
];
/// What a series create must carry.
pub const MASTER_CREATE_REQUIRED: &[&str] = &[
    "calendarId",
    "rootEntryId",
    "frequency",
    "startsAt",
    "timezone",
];

/// An occurrence override (`PATCH /secure/calendar/recurrence-instances/{id}`).
pub const INSTANCE_PATCH: &[FieldSpec] = &[
    f("startsAt", Kind::DateTime),
    f("endsAt", Kind::DateTime),
    f("timezone", Kind::TimeZone),
    f("isAllDay", Kind::Bool),
    f("status", Kind::Enum(EntryStatus::NAMES)),
    f("instanceState", Kind::Enum(InstanceState::NAMES)),
    f("titleOverride", NAME),
    f("descriptionOverride", TEXT),
    f("metadataOverride", Kind::Object),
];

/// A reminder as created (`POST /secure/calendar/reminders`).
pub const REMINDER_CREATE: &[FieldSpec] = &[
    f("calendarId", Kind::Uuid),
    f("calendarEntryId", Kind::Uuid),
    f("recurrenceMasterId", Kind::Uuid),
    f("channel", Kind::Enum(ReminderChannel::NAMES)),
    f(
        "offsetMinutes",
        Kind::Int {
            min: -10080,
            max: 10080,
        },
    ),
    f("isEnabled", Kind::Bool),
];
/// What a reminder create must carry.
pub const REMINDER_CREATE_REQUIRED: &[&str] = &["calendarId", "channel", "offsetMinutes"];

/// A contact: a create takes non-null values, a patch the same fields each `| null`.
pub const CONTACT_FIELDS: &[FieldSpec] = &[
    nullable("firstName", text(0, 100)),
    nullable("middleName", text(0, 100)),
    nullable("lastName", text(0, 100)),
    nullable("email", Kind::Email),
    nullable("phone", text(0, 50)),
    nullable("url", Kind::Uri),
    nullable("address", Kind::Address),
    nullable("notes", text(0, 2000)),
];

/// A link from a contact to a user, space or resource.
pub const LINK_FIELDS: &[FieldSpec] = &[
    f("contactId", Kind::Uuid),
    f("entityType", Kind::Enum(LinkTarget::NAMES)),
    f("entityId", Kind::Uuid),
    f("isPrimary", Kind::Bool),
];

/// A group as created (`POST /secure/groups/create`) and edited (`PUT /secure/groups/{id}`,
/// whose properties are all optional: it changes those sent).
pub const GROUP_FIELDS: &[FieldSpec] = &[
    f("name", NAME),
    f("description", TEXT),
    f("permissions", Kind::StrArray { max: 255 }),
];

/// A group's create requires its name.
pub const GROUP_CREATE_REQUIRED: &[&str] = &["name"];

/// A member of a group (`POST /secure/groups/{id}/members` takes the user).
pub const GROUP_MEMBER_FIELDS: &[FieldSpec] = &[f("groupId", Kind::Uuid), f("userId", Kind::Uuid)];

/// An invitation as sent (`POST /secure/invitations/`, in snake_case): to an email address or a
/// phone number (E.164), or both.
pub const INVITATION_CREATE: &[FieldSpec] = &[
    f("recipient_email", Kind::Email),
    f("recipient_phone", text(2, 32)),
    f("role", Kind::Enum(TenantRole::NAMES)),
    f("channel", Kind::Enum(InvitationChannel::NAMES)),
    f("language", text(2, 5)),
    f("personal_message", text(0, 500)),
    f("expires_in_hours", Kind::Int { min: 1, max: 168 }),
];

/// An invitation needs one of these (the seed's `anyOf`).
pub const INVITATION_RECIPIENT: &[&str] = &["recipient_email", "recipient_phone"];

/// What the replica keeps of an invitation: what was sent (the hours asked until it expires
/// only until the server answers its expiry as a time) and where it stands. The full code and
/// link the server answers once are never kept.
pub const INVITATION_STORED: &[FieldSpec] = &[
    f("recipient_email", Kind::Email),
    f("recipient_phone", text(2, 32)),
    f("role", Kind::Enum(TenantRole::NAMES)),
    f("channel", Kind::Enum(InvitationChannel::NAMES)),
    f("language", text(2, 5)),
    f("personal_message", text(0, 500)),
    f("expires_in_hours", Kind::Int { min: 1, max: 168 }),
    f("status", Kind::Enum(InvitationStatus::NAMES)),
    f("expires_at", Kind::DateTime),
];

/// What the replica keeps of an approval request (`GET /secure/approvals`): requests are made
/// by the platform when someone creates what needs approval, never from here, so every field is
/// the server's.
pub const APPROVAL_STORED: &[FieldSpec] = &[
    f("entity_type", Kind::Enum(ApprovalTarget::NAMES)),
    f("entity_id", Kind::Uuid),
    f("entity_name", TEXT),
    f("status", Kind::Enum(ApprovalStatus::NAMES)),
    f("reason", TEXT),
    f("rejection_reason", TEXT),
    f("decision_at", Kind::DateTime),
    f("decision_by", Kind::Uuid),
    f("expires_at", Kind::DateTime),
];

/// The body of an approval's `approve`: an optional comment.
pub const APPROVAL_APPROVE: &[FieldSpec] = &[f("comment", text(0, 500))];

/// The body of an approval's `reject`: the reason, required.
pub const APPROVAL_REJECT: &[FieldSpec] = &[f("rejection_reason", text(1, 500))];

/// A user as created (`POST /secure/users/`, camelCase). The seed also requires a password:
/// it is the platform remote's to set when the create is sent, never a stored field (a secret
/// never goes into the replica); the user gets one to sign in with from `reset-password`.
pub const USER_CREATE: &[FieldSpec] = &[
    f("email", Kind::Email),
    f("displayName", TEXT),
    f("locale", Kind::Enum(UserLocale::NAMES)),
    f("settings", Kind::Object),
    f("typeDefinitionId", Kind::Uuid),
];

/// A user's create requires the address.
pub const USER_CREATE_REQUIRED: &[&str] = &["email"];

/// A user's profile edit (`PATCH /secure/users/{id}`; null clears a name). The seed's update
/// takes no email, status or role: those are not the profile's.
pub const USER_PATCH: &[FieldSpec] = &[
    nullable("firstName", TEXT),
    nullable("middleName", TEXT),
    nullable("lastName", TEXT),
    nullable("displayName", TEXT),
    f("locale", Kind::Enum(UserLocale::NAMES)),
    f("settings", Kind::Object),
    nullable("typeDefinitionId", Kind::Uuid),
];

/// What the replica keeps of a user: the profile as the create and the edit take it, and where
/// the user stands (answered by the server).
pub const USER_STORED: &[FieldSpec] = &[
    f("email", Kind::Email),
    nullable("firstName", TEXT),
    nullable("middleName", TEXT),
    nullable("lastName", TEXT),
    nullable("displayName", TEXT),
    f("locale", Kind::Enum(UserLocale::NAMES)),
    f("settings", Kind::Object),
    nullable("typeDefinitionId", Kind::Uuid),
    f("status", Kind::Enum(UserStatus::NAMES)),
];

/// A space as created (`POST /secure/spaces/`) and edited (`PATCH /secure/spaces/{id}`): the
/// seed spells its type definition in snake_case here. Tags, categories, translations and the
/// home location have requests of their own and are not kept.
pub const SPACE_FIELDS: &[FieldSpec] = &[
    f("name", text(2, 255)),
    nullable("description", TEXT),
    f("language", text(2, 5)),
    f("status", Kind::Enum(PlaceStatus::NAMES)),
    nullable("settings", Kind::Object),
    nullable("type_definition_id", Kind::Uuid),
];

/// A resource as created (`POST /secure/resources/`) and edited (`PATCH /secure/resources/{id}`),
/// in camelCase as the seed takes it; `spaceId` is the space it stands in (null: none).
pub const RESOURCE_FIELDS: &[FieldSpec] = &[
    f("name", NAME),
    nullable("description", TEXT),
    f("language", text(2, 5)),
    f("status", Kind::Enum(PlaceStatus::NAMES)),
    nullable("settings", Kind::Object),
    nullable("typeDefinitionId", Kind::Uuid),
    nullable("spaceId", Kind::Uuid),
];

/// A space's or resource's create requires its name.
pub const PLACE_CREATE_REQUIRED: &[&str] = &["name"];

/// A member of a space (`POST /secure/spaces/{id}/members {userId, role}`; posting again
/// changes the role).
pub const SPACE_MEMBER_FIELDS: &[FieldSpec] = &[
    f("spaceId", Kind::Uuid),
    f("userId", Kind::Uuid),
    f("role", Kind::Enum(SpaceRole::NAMES)),
];

/// A change of a space member: their role.
pub const SPACE_MEMBER_PATCH: &[FieldSpec] = &[f("role", Kind::Enum(SpaceRole::NAMES))];

/// A member of a resource as added (`POST /secure/resources/{id}/members {userIds}`).
pub const RESOURCE_MEMBER_CREATE: &[FieldSpec] =
    &[f("resourceId", Kind::Uuid), f("userId", Kind::Uuid)];

/// A member of a resource as kept: its role is the server's (a new member reads).
pub const RESOURCE_MEMBER_STORED: &[FieldSpec] = &[
    f("resourceId", Kind::Uuid),
    f("userId", Kind::Uuid),
    f("role", Kind::Enum(ResourceRole::NAMES)),
];

/// A request to move a resource to another space (`POST /secure/resources/{resourceId}/move`
/// takes the target and the reason; the resource is in its path).
pub const MOVE_CREATE: &[FieldSpec] = &[
    f("resourceId", Kind::Uuid),
    f("targetSpaceId", Kind::Uuid),
    f("reason", text(0, 2000)),
];

/// What the replica keeps of a move request: what was asked and where it stands.
pub const MOVE_STORED: &[FieldSpec] = &[
    f("resourceId", Kind::Uuid),
    f("targetSpaceId", Kind::Uuid),
    f("reason", text(0, 2000)),
    f("sourceSpaceId", Kind::Uuid),
    f("status", Kind::Enum(MoveStatus::NAMES)),
    f("rejectionReason", text(1, 2000)),
];

/// The body of a move request's `reject`: the reason, required.
pub const MOVE_REJECT: &[FieldSpec] = &[f("rejectionReason", text(1, 2000))];

/// What the replica keeps of a tenant (`GET /secure/tenants/{id}`), in the seed's snake_case:
/// lenient where the server's own records may be wider than an edit may make them (a domain
/// made with dots at creation).
pub const TENANT_STORED: &[FieldSpec] = &[
    f("name", NAME),
    f("slug", TEXT),
    f("domain", text(1, 255)),
    f("status", Kind::Enum(TenantStatus::NAMES)),
    nullable("description", TEXT),
    f("type", Kind::Enum(TenantPlan::NAMES)),
    nullable("contact_email", Kind::Email),
    nullable("contact_phone", TEXT),
    f("settings", Kind::Object),
    f("default_language", text(2, 2)),
    f("additional_languages", Kind::StrArray { max: 2 }),
    f(
        "storage_distribution_strategy",
        Kind::Enum(StorageStrategy::NAMES),
    ),
    f("storage_fallback_chain", Kind::StrArray { max: 36 }),
];

/// A tenant edit (`PATCH /secure/tenants/{id}`, snake_case unlike the create): what the seed
/// lets an owner or admin change. `status` moves the lifecycle too (the server refuses a move
/// its lifecycle does not allow); `settings` replaces the free-form settings object whole.
pub const TENANT_PATCH: &[FieldSpec] = &[
    f("name", text(2, 255)),
    f("domain", text(2, 63)),
    f("status", Kind::Enum(TenantStatus::NAMES)),
    f("additional_languages", Kind::StrArray { max: 2 }),
    f(
        "storage_distribution_strategy",
        Kind::Enum(StorageStrategy::NAMES),
    ),
    f("storage_fallback_chain", Kind::StrArray { max: 36 }),
    f("settings", Kind::Object),
];

/// The body of the lifecycle actions activate, suspend, reactivate and archive: an optional
/// reason, kept in the tenant's lifecycle history.
pub const TENANT_LIFECYCLE: &[FieldSpec] = &[f("reason", text(0, 500))];

/// The body of a tenant's `upgrade`: the plan it goes to, and an optional reason.
pub const TENANT_UPGRADE: &[FieldSpec] = &[
    f("target_type", Kind::Enum(UpgradePlan::NAMES)),
    f("reason", text(0, 500)),
];

/// A tenant's rate limit (`/secure/tenants/{id}/rate-limits`), as made, changed and kept.
pub const RATE_LIMIT_FIELDS: &[FieldSpec] = &[
    f("endpoint_pattern", text(1, 255)),
    f("max_requests", COUNT),
    f("window_seconds", COUNT),
    f("scope_type", Kind::Enum(RateLimitScope::NAMES)),
    f("enabled", Kind::Bool),
];
/// What a rate limit create must carry.
pub const RATE_LIMIT_REQUIRED: &[&str] = &[
    "endpoint_pattern",
    "max_requests",
    "window_seconds",
    "scope_type",
];

/// One category of a tenant's settings, as kept: the category and its values.
pub const TENANT_SETTINGS_STORED: &[FieldSpec] = &[
    f("category", Kind::Enum(SettingsCategory::NAMES)),
    f("settings", Kind::Object),
];
/// A change of one category: its values (the server checks them against the category's shape).
pub const TENANT_SETTINGS_PATCH: &[FieldSpec] = &[f("settings", Kind::Object)];
/// The body of a category's `reset`: the plan whose defaults it takes (the tenant's own when
/// left out).
pub const TENANT_SETTINGS_RESET: &[FieldSpec] = &[f("tenant_type", Kind::Enum(TenantPlan::NAMES))];

/// A tenant's custom domain, as kept (the server's verification and certificate fields too).
pub const DOMAIN_STORED: &[FieldSpec] = &[
    f("domain", text(1, 255)),
    f("domain_type", Kind::Enum(DomainType::NAMES)),
    f("verification_method", Kind::Enum(VerificationMethod::NAMES)),
    f("settings", Kind::Object),
    f("status", Kind::Enum(DomainStatus::NAMES)),
    f("verification_token", TEXT),
    f("verified_at", Kind::DateTime),
    f("ssl_status", Kind::Enum(SslStatus::NAMES)),
    f("ssl_issued_at", Kind::DateTime),
    f("ssl_expires_at", Kind::DateTime),
];
/// A custom domain as made (`POST /secure/tenants/{id}/domains`).
pub const DOMAIN_CREATE: &[FieldSpec] = &[
    f("domain", text(1, 255)),
    f("domain_type", Kind::Enum(DomainType::NAMES)),
    f("verification_method", Kind::Enum(VerificationMethod::NAMES)),
    f("settings", Kind::Object),
];
/// A change of a custom domain (`PATCH`).
pub const DOMAIN_PATCH: &[FieldSpec] = &[
    f("domain", text(1, 255)),
    f("verification_method", Kind::Enum(VerificationMethod::NAMES)),
    f("settings", Kind::Object),
    f("status", Kind::Enum(DomainStatus::NAMES)),
    f("ssl_status", Kind::Enum(SslStatus::NAMES)),
];

/// The known keys of a contact's address; their values are text or null.
pub const ADDRESS_KEYS: [&str; 7] = [
    "street",
    "street_number",
    "city",
    "postal_code",
    "region",
    "country",
    "country_code",
];

/// The names of `specs`, in order.
pub fn names(specs: &[FieldSpec]) -> impl Iterator<Item = &'static str> + '_ {
    specs.iter().map(|s| s.name)
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn an_entry_create_is_its_calendar_and_every_patchable_field() {
        assert_eq!(ENTRY_CREATE[0].name, "calendarId");
        assert_eq!(&ENTRY_CREATE[1..], ENTRY_PATCH);
        for required in ENTRY_CREATE_REQUIRED {
            assert!(names(ENTRY_CREATE).any(|n| n == *required), "{required}");
        }
    }

    #[test]
    fn required_fields_are_declared() {
        for (specs, required) in [
            (CALENDAR_CREATE, CALENDAR_CREATE_REQUIRED),
            (MASTER_CREATE, MASTER_CREATE_REQUIRED),
            (REMINDER_CREATE, REMINDER_CREATE_REQUIRED),
        ] {
            for r in required {
                assert!(names(specs).any(|n| n == *r), "{r}");
            }
        }
    }
}

mod manager;
pub use manager::*;
