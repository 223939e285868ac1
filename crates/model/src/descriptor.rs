//! One descriptor per record type: what varies between record types, as data, so that push,
//! pull, merge, coalescing and lost-create recognition are written once and read it.

use crate::fields::{self, FieldSpec, Kind, Shape};
use crate::manager_descriptors as manager;
use crate::record_type::RecordType;

/// The metadata key that carries a create's op id, for record types recognised by
/// [`LostCreate::OpIdInMetadata`].
pub const OP_ID_KEY: &str = "outpostOpId";

/// Which remote API holds a record type.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub enum RemoteKind {
    /// The platform's REST API (seed 004).
    Platform,
    /// The Manager's GraphQL API (the platform's control plane).
    Manager,
}

/// A request a remote can take for a record type.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub enum Operation {
    /// Page through every record.
    List,
    /// Read one record by id.
    Get,
    /// Make a record.
    Create,
    /// Change some fields of a record.
    Update,
    /// Remove a record.
    Delete,
}

/// What a remote can do with a record type. An edit the remote has no request for stays in the
/// outbox, held back and shown, never lost.
#[derive(Debug, Clone, Copy)]
pub struct Operations {
    /// Page through every record.
    pub list: bool,
    /// Read one record by id.
    pub get: bool,
    /// Make a record.
    pub create: bool,
    /// Change some fields of a record.
    pub update: bool,
    /// Remove a record.
    pub delete: bool,
    /// Named actions on one record (a request of their own, such as an entry's `status`).
    pub actions: &'static [&'static str],
}

impl Operations {
    /// Whether the remote takes `op`.
    pub fn allows(&self, op: Operation) -> bool {
        match op {
            Operation::List => self.list,
            Operation::Get => self.get,
            Operation::Create => self.create,
            Operation::Update => self.update,
            Operation::Delete => self.delete,
        }
    }

    /// Whether the remote takes the action `name`.
    pub fn allows_action(&self, name: &str) -> bool {
        self.actions.contains(&name)
    }
}

/// A reference from one record to another: `child.fields[json_key]` holds the parent's id (the
/// server id once known, the local id before), and the replica's `child.<column>` always the
/// parent's local id.
#[derive(Debug, Clone, Copy)]
pub struct Reference {
    /// The record referred to.
    pub parent: RecordType,
    /// The record that refers.
    pub child: RecordType,
    /// The replica's column holding the parent's local id.
    pub column: &'static str,
    /// The field holding the parent's id.
    pub json_key: &'static str,
    /// The child may exist without the parent in the replica (the column is nullable).
    pub optional: bool,
}

/// How a change made elsewhere is seen before writing.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub enum ChangeMarker {
    /// The record carries the time of its last change: equal to the base, nobody else changed it.
    UpdatedAt,
    /// Nothing tells: the last writer's value stands.
    None,
}

/// How an edit made here meets an edit made elsewhere.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub enum MergePolicy {
    /// Three-way, field by field against the base: one side's changes merge silently, a field
    /// changed on both sides to different values is a conflict for the user.
    PerField,
    /// The write goes as it is.
    LastWriterWins,
    /// The record cannot be edited once made, so a delete has no edit to lose and goes unread.
    Immutable,
}

/// How a create whose answer was lost is recognised before it is sent again.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub enum LostCreate {
    /// The create carries its op id in `metadata.outpostOpId`; the remote is searched for it.
    OpIdInMetadata,
    /// Matched on the fields it sent, its creator and a creation time after the op was queued.
    FieldMatch,
    /// Matched on the fields it sent and a creation time after the op was queued, for records
    /// whose remote does not say who made them.
    FieldMatchSince,
    /// Sending the create again answers with the same record: nothing to look for.
    Idempotent,
    /// Records of this type are never created from here.
    NotCreatable,
    /// The remote keeps one record per value of these fields (a Manager slug and its parent;
    /// a user per email address, text compared without regard to case): the record holding
    /// the create's values, made after the op was queued and not taken by another create from
    /// here, is the one it made. Not a `natural_key`: a record made elsewhere with the same
    /// slug is another record, and a create here refused for it waits for the user instead of
    /// being merged into it.
    UniqueKey(&'static [&'static str]),
}

/// A typed column of the replica's table of a record type, derived from the record's fields on
/// every write so that queries (lists, sorting, search, the calendar's windows) never parse JSON.
#[derive(Debug, Clone, Copy)]
pub struct Column {
    /// The column's name.
    pub name: &'static str,
    /// What it holds.
    pub value: ColumnValue,
}

/// What a typed column holds, derived from the fields.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub enum ColumnValue {
    /// The text under `key`; `default` when it is absent (NULL when there is no default).
    Text {
        /// The field.
        key: &'static str,
        /// What an absent field stores.
        default: Option<&'static str>,
    },
    /// The date-time under `key`, as milliseconds since the epoch; a record without one is
    /// refused when `required`, else stores NULL.
    Time {
        /// The field.
        key: &'static str,
        /// Whether a record must have it.
        required: bool,
    },
    /// The whole number under `key` (0 when absent).
    Int {
        /// The field.
        key: &'static str,
    },
    /// The flag under `key`, as 0 or 1 (0 when absent).
    Bool {
        /// The field.
        key: &'static str,
    },
    /// The local id of the record named by the reference (in `parents`) stored in this column.
    Reference,
    /// The name parts present, joined by spaces ("First Middle Last"); without any, the first
    /// fallback field present.
    DisplayName {
        /// The name fields, in reading order.
        parts: &'static [&'static str],
        /// Fields shown instead when there is no name.
        fallback: &'static [&'static str],
    },
    /// A sort key: the name parts in sort order, lower-cased with Latin accents folded; records
    /// without a name sort after every named one, by the fallback field.
    SortName {
        /// The name fields, in sort order.
        parts: &'static [&'static str],
        /// The field that orders records without a name.
        fallback: &'static str,
    },
    /// A postal address object (under `key`) as one searchable line.
    AddressLine {
        /// The field.
        key: &'static str,
    },
    /// When the record last changed (the remote's change marker, or the time of a local edit),
    /// as text that sorts as time.
    ChangedAt,
}

pub(crate) const fn text(name: &'static str, key: &'static str) -> Column {
    Column {
        name,
        value: ColumnValue::Text { key, default: None },
    }
}

pub(crate) const fn text_or(
    name: &'static str,
    key: &'static str,
    default: &'static str,
) -> Column {
    Column {
        name,
        value: ColumnValue::Text {
            key,
            default: Some(default),
        },
    }
}

pub(crate) const fn time(name: &'static str, key: &'static str, required: bool) -> Column {
    Column {
        name,
        value: ColumnValue::Time { key, required },
    }
}

pub(crate) const fn reference_column(name: &'static str) -> Column {
    Column {
        name,
        value: ColumnValue::Reference,
    }
}

/// How a pull brings a record type's records.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub enum Pull {
    /// Paged through the remote's listing of every record, written as the pages come; a known
    /// record missing from a complete listing that held still while read was deleted there.
    /// A record type declared so needs nothing else to be pulled.
    Listing,
    /// Brought with its calendar, for the window of dates kept here: the calendar family
    /// (calendars, entries, series, occurrences, reminders) is pulled as one.
    CalendarFamily,
    /// Listed under each user, space and resource of the tenant's directory.
    UnderDirectory,
    /// Listed under each record of the parent type (a group's members under each group); a
    /// known record missing from every complete listing was removed there.
    UnderEach(RecordType),
}

/// Everything Outpost knows about one record type.
#[derive(Debug)]
pub struct Descriptor {
    /// The type described.
    pub record_type: RecordType,
    /// Its stored name (`outbox.entity`) and the name errors use.
    pub name: &'static str,
    /// The remote API that holds it.
    pub remote: RemoteKind,
    /// The replica's table of its rows.
    pub table: &'static str,
    /// What the remote can do with it.
    pub operations: Operations,
    /// The records it refers to.
    pub parents: &'static [Reference],
    /// How a pull brings its records.
    pub pull: Pull,
    /// The typed columns of its table, besides the bookkeeping ones every table has.
    pub columns: &'static [Column],
    /// The fields that identify a record before the replica knows its server id (a pulled
    /// record with an id not seen here is taken as the live local row with the same values):
    /// for records the remote keeps one of per key (an occurrence per series and date, a link
    /// per contact and target). Empty: a record is known by its id alone.
    pub natural_key: &'static [&'static str],
    /// How the outbox names a record of the type: an SQL expression over its row `t` (it may
    /// read the rows it refers to).
    pub label: &'static str,
    /// The body each action takes, by name, for actions checked by their shape alone (the
    /// entry's actions have rules of their own).
    pub action_bodies: &'static [(&'static str, Shape)],
    /// Create fields the remote answers in another form (an invitation's hours until it
    /// expires come back as a time): a lost create is matched without them.
    pub answered_otherwise: &'static [&'static str],
    /// The fields the replica stores, in the remote's request shape: what a pulled record is
    /// cut down to, and what its types are checked against.
    pub stored: &'static [FieldSpec],
    /// A create's body, when records of the type are made from here.
    pub create: Option<Shape>,
    /// An edit's body, when records of the type are edited from here.
    pub update: Option<Shape>,
    /// How a change made elsewhere is seen.
    pub change_marker: ChangeMarker,
    /// How an edit here meets an edit there.
    pub merge: MergePolicy,
    /// How a lost create is recognised.
    pub lost_create: LostCreate,
}

impl Descriptor {
    /// The body the action `name` takes, when it is checked by its shape alone.
    pub fn action_body(&self, name: &str) -> Option<&Shape> {
        self.action_bodies
            .iter()
            .find(|(n, _)| *n == name)
            .map(|(_, shape)| shape)
    }

    /// Whether the remote takes an op of this kind (`action` names an action op).
    pub fn can_send(&self, op: Operation) -> bool {
        self.operations.allows(op)
    }

    /// The references whose parent is `parent`.
    pub fn references_to(&self, parent: RecordType) -> impl Iterator<Item = &'static Reference> {
        self.parents.iter().filter(move |r| r.parent == parent)
    }
}

/// Every reference between record types, children first by parent.
pub fn references_from(parent: RecordType) -> impl Iterator<Item = &'static Reference> {
    DESCRIPTORS
        .iter()
        .flat_map(|d| d.parents.iter())
        .filter(move |r| r.parent == parent)
}

pub(crate) const fn reference(
    parent: RecordType,
    child: RecordType,
    column: &'static str,
    json_key: &'static str,
    optional: bool,
) -> Reference {
    Reference {
        parent,
        child,
        column,
        json_key,
        optional,
    }
}

pub(crate) const fn create(
    fields: &'static [FieldSpec],
    required: &'static [&'static str],
) -> Option<Shape> {
    Some(Shape {
        fields,
        required,
        allow_null: false,
        required_any: &[],
    })
}

pub(crate) const fn update(fields: &'static [FieldSpec], allow_null: bool) -> Option<Shape> {
    Some(Shape {
        fields,
        required: &[],
        allow_null,
        required_any: &[],
    })
}

pub(crate) const fn ops(
    list: bool,
    get: bool,
    create: bool,
    update: bool,
    delete: bool,
    actions: &'static [&'static str],
) -> Operations {
    Operations {
        list,
        get,
        create,
        update,
        delete,
        actions,
    }
}

use RecordType as T;

/// An occurrence is stored with what identifies it: its series, its calendar and its date.
const INSTANCE_STORED: &[FieldSpec] = &[
    FieldSpec {
        name: "startsAt",
        kind: Kind::DateTime,
        nullable: false,
    },
    FieldSpec {
        name: "endsAt",
        kind: Kind::DateTime,
        nullable: false,
    },
    FieldSpec {
        name: "timezone",
        kind: Kind::TimeZone,
        nullable: false,
    },
    FieldSpec {
        name: "isAllDay",
        kind: Kind::Bool,
        nullable: false,
    },
    FieldSpec {
        name: "status",
        kind: Kind::Enum(crate::enums::EntryStatus::NAMES),
        nullable: false,
    },
    FieldSpec {
        name: "instanceState",
        kind: Kind::Enum(crate::enums::InstanceState::NAMES),
        nullable: false,
    },
    FieldSpec {
        name: "titleOverride",
        kind: Kind::Str {
            min: 1,
            max: Some(255),
        },
        nullable: false,
    },
    FieldSpec {
        name: "descriptionOverride",
        kind: Kind::Str { min: 0, max: None },
        nullable: false,
    },
    FieldSpec {
        name: "metadataOverride",
        kind: Kind::Object,
        nullable: false,
    },
    FieldSpec {
        name: "recurrenceMasterId",
        kind: Kind::Uuid,
        nullable: false,
    },
    FieldSpec {
        name: "calendarId",
        kind: Kind::Uuid,
        nullable: false,
    },
    FieldSpec {
        name: "instanceDate",
        kind: Kind::Str {
            min: 10,
            max: Some(10),
        },
        nullable: false,
    },
];

/// The descriptors, one per record type, in [`RecordType::ALL`]'s order.
pub static DESCRIPTORS: [Descriptor; 28] = [
    Descriptor {
        record_type: T::Calendar,
        name: "calendar",
        remote: RemoteKind::Platform,
        table: "calendars",
        operations: ops(true, true, true, true, true, &[]),
        parents: &[],
        pull: Pull::CalendarFamily,
        columns: &[
            text_or("name", "name", ""),
            text_or("kind", "kind", ""),
            text_or("timezone", "timezone", "UTC"),
        ],
        natural_key: &[],
        label: "t.name",
        action_bodies: &[],
        answered_otherwise: &[],
        stored: fields::CALENDAR_CREATE,
        create: create(fields::CALENDAR_CREATE, fields::CALENDAR_CREATE_REQUIRED),
        update: update(fields::CALENDAR_PATCH, false),
        change_marker: ChangeMarker::UpdatedAt,
        merge: MergePolicy::PerField,
        lost_create: LostCreate::OpIdInMetadata,
    },
    Descriptor {
        record_type: T::Entry,
        name: "entry",
        remote: RemoteKind::Platform,
        table: "entries",
        operations: ops(true, true, true, true, true, &["status", "respond"]),
        parents: &[reference(
            T::Calendar,
            T::Entry,
            "calendar_id",
            "calendarId",
            false,
        )],
        pull: Pull::CalendarFamily,
        columns: &[
            reference_column("calendar_id"),
            text_or("title", "title", ""),
            text("description", "description"),
            text("location_name", "locationName"),
            // The seed has no documented default status; entries without one count as confirmed.
            text_or("status", "status", "confirmed"),
            time("starts_at", "startsAt", true),
            time("ends_at", "endsAt", true),
        ],
        natural_key: &[],
        label: "t.title",
        action_bodies: &[],
        answered_otherwise: &[],
        stored: fields::ENTRY_CREATE,
        create: create(fields::ENTRY_CREATE, fields::ENTRY_CREATE_REQUIRED),
        update: update(fields::ENTRY_PATCH, false),
        change_marker: ChangeMarker::UpdatedAt,
        merge: MergePolicy::PerField,
        lost_create: LostCreate::OpIdInMetadata,
    },
    Descriptor {
        record_type: T::RecurrenceMaster,
        name: "recurrence_master",
        remote: RemoteKind::Platform,
        table: "recurrence_masters",
        // The platform has no edit or delete of a series: a rule is changed while unsynced only.
        operations: ops(false, true, true, false, false, &[]),
        parents: &[
            reference(
                T::Calendar,
                T::RecurrenceMaster,
                "calendar_id",
                "calendarId",
                false,
            ),
            reference(
                T::Entry,
                T::RecurrenceMaster,
                "root_entry_id",
                "rootEntryId",
                false,
            ),
        ],
        pull: Pull::CalendarFamily,
        columns: &[
            reference_column("calendar_id"),
            reference_column("root_entry_id"),
            text_or("frequency", "frequency", ""),
            time("starts_at", "startsAt", true),
            time("until_at", "untilAt", false),
        ],
        natural_key: &[],
        label: "(SELECT e.title FROM entries e WHERE e.local_id = t.root_entry_id)",
        action_bodies: &[],
        answered_otherwise: &[],
        stored: fields::MASTER_CREATE,
        create: create(fields::MASTER_CREATE, fields::MASTER_CREATE_REQUIRED),
        update: update(fields::MASTER_CREATE, false),
        change_marker: ChangeMarker::UpdatedAt,
        merge: MergePolicy::PerField,
        lost_create: LostCreate::OpIdInMetadata,
    },
    Descriptor {
        record_type: T::RecurrenceInstance,
        name: "recurrence_instance",
        remote: RemoteKind::Platform,
        table: "recurrence_instances",
        // Occurrences are made by their series; the platform lets one be changed, not made or
        // removed (a cancel is a change of its state).
        operations: ops(false, false, false, true, false, &[]),
        parents: &[
            reference(
                T::Calendar,
                T::RecurrenceInstance,
                "calendar_id",
                "calendarId",
                false,
            ),
            reference(
                T::RecurrenceMaster,
                T::RecurrenceInstance,
                "master_id",
                "recurrenceMasterId",
                false,
            ),
        ],
        pull: Pull::CalendarFamily,
        columns: &[
            reference_column("master_id"),
            reference_column("calendar_id"),
            text_or("instance_date", "instanceDate", ""),
            text_or("instance_state", "instanceState", "generated"),
            time("starts_at", "startsAt", false),
            time("ends_at", "endsAt", false),
        ],
        natural_key: &["recurrenceMasterId", "instanceDate"],
        label: "(SELECT e.title FROM recurrence_masters m JOIN entries e ON e.local_id = m.root_entry_id \
                 WHERE m.local_id = t.master_id) || ' (' || t.instance_date || ')'",
        action_bodies: &[],
        answered_otherwise: &[],
        stored: INSTANCE_STORED,
        create: None,
        update: update(fields::INSTANCE_PATCH, false),
        change_marker: ChangeMarker::UpdatedAt,
        merge: MergePolicy::PerField,
        lost_create: LostCreate::NotCreatable,
    },
    Descriptor {
        record_type: T::Reminder,
        name: "reminder",
        remote: RemoteKind::Platform,
        table: "reminders",
        operations: ops(true, true, true, false, true, &[]),
        parents: &[
            reference(T::Calendar, T::Reminder, "calendar_id", "calendarId", false),
            reference(T::Entry, T::Reminder, "entry_id", "calendarEntryId", true),
            reference(
                T::RecurrenceMaster,
                T::Reminder,
                "master_id",
                "recurrenceMasterId",
                true,
            ),
        ],
        pull: Pull::CalendarFamily,
        columns: &[
            reference_column("calendar_id"),
            reference_column("entry_id"),
            reference_column("master_id"),
            text_or("channel", "channel", ""),
            Column {
                name: "offset_minutes",
                value: ColumnValue::Int {
                    key: "offsetMinutes",
                },
            },
        ],
        natural_key: &[],
        label: "t.channel || ' ' || t.offset_minutes || ' min'",
        action_bodies: &[],
        answered_otherwise: &[],
        stored: fields::REMINDER_CREATE,
        create: create(fields::REMINDER_CREATE, fields::REMINDER_CREATE_REQUIRED),
        update: None,
        change_marker: ChangeMarker::UpdatedAt,
        merge: MergePolicy::Immutable,
        lost_create: LostCreate::FieldMatch,
    },
    Descriptor {
        record_type: T::Contact,
        name: "contact",
        remote: RemoteKind::Platform,
        table: "contacts",
        operations: ops(true, true, true, true, true, &[]),
        parents: &[],
        pull: Pull::Listing,
        columns: &[
            Column {
                name: "display_name",
                value: ColumnValue::DisplayName {
                    parts: &["firstName", "middleName", "lastName"],
                    fallback: &["email", "phone"],
                },
            },
            Column {
                name: "sort_name",
                value: ColumnValue::SortName {
                    parts: &["lastName", "firstName", "middleName"],
                    fallback: "email",
                },
            },
            text("email", "email"),
            text("phone", "phone"),
            Column {
                name: "address",
                value: ColumnValue::AddressLine { key: "address" },
            },
            text("notes", "notes"),
            Column {
                name: "changed_at",
                value: ColumnValue::ChangedAt,
            },
        ],
        natural_key: &[],
        label: "t.display_name",
        action_bodies: &[],
        answered_otherwise: &[],
        stored: fields::CONTACT_FIELDS,
        create: create(fields::CONTACT_FIELDS, &[]),
        update: update(fields::CONTACT_FIELDS, true),
        change_marker: ChangeMarker::UpdatedAt,
        merge: MergePolicy::PerField,
        lost_create: LostCreate::FieldMatch,
    },
    Descriptor {
        record_type: T::ContactLink,
        name: "contact_link",
        remote: RemoteKind::Platform,
        table: "contact_links",
        // A link is made (or its primary flag set) by one POST under its user, space or
        // resource, which answers with the same link when it exists: no PATCH, no GET by id.
        operations: ops(true, false, true, true, true, &[]),
        parents: &[reference(
            T::Contact,
            T::ContactLink,
            "contact_id",
            "contactId",
            false,
        )],
        pull: Pull::UnderDirectory,
        columns: &[
            reference_column("contact_id"),
            text_or("entity_type", "entityType", ""),
            text_or("entity_id", "entityId", ""),
            Column {
                name: "is_primary",
                value: ColumnValue::Bool { key: "isPrimary" },
            },
        ],
        natural_key: &["contactId", "entityType", "entityId"],
        label: "(SELECT c.display_name FROM contacts c WHERE c.local_id = t.contact_id) || ' → ' || t.entity_type",
        action_bodies: &[],
        answered_otherwise: &[],
        stored: fields::LINK_FIELDS,
        create: create(
            fields::LINK_FIELDS,
            &["contactId", "entityType", "entityId"],
        ),
        update: update(fields::LINK_FIELDS, false),
        change_marker: ChangeMarker::None,
        merge: MergePolicy::LastWriterWins,
        lost_create: LostCreate::Idempotent,
    },
    Descriptor {
        record_type: T::Group,
        name: "group",
        remote: RemoteKind::Platform,
        table: "groups",
        operations: ops(true, true, true, true, true, &[]),
        parents: &[],
        pull: Pull::Listing,
        columns: &[
            text_or("name", "name", ""),
            text("description", "description"),
        ],
        natural_key: &[],
        label: "t.name",
        action_bodies: &[],
        answered_otherwise: &[],
        stored: fields::GROUP_FIELDS,
        create: create(fields::GROUP_FIELDS, fields::GROUP_CREATE_REQUIRED),
        update: update(fields::GROUP_FIELDS, false),
        change_marker: ChangeMarker::UpdatedAt,
        merge: MergePolicy::PerField,
        // The platform's groups say when they were made, not by whom: one made after the op
        // was queued carrying every field it sent is taken as ours (an identical group made
        // by someone else in those minutes holds the same values, so nothing is lost).
        lost_create: LostCreate::FieldMatchSince,
    },
    Descriptor {
        record_type: T::GroupMember,
        name: "group_member",
        remote: RemoteKind::Platform,
        table: "group_members",
        // Members are added and removed, never changed; adding one again changes nothing.
        operations: ops(true, false, true, false, true, &[]),
        parents: &[reference(
            T::Group,
            T::GroupMember,
            "group_id",
            "groupId",
            false,
        )],
        pull: Pull::UnderEach(T::Group),
        columns: &[reference_column("group_id"), text_or("user_id", "userId", "")],
        natural_key: &["groupId", "userId"],
        label: "(SELECT g.name FROM groups g WHERE g.local_id = t.group_id) || ' ← ' || t.user_id",
        action_bodies: &[],
        answered_otherwise: &[],
        stored: fields::GROUP_MEMBER_FIELDS,
        create: create(fields::GROUP_MEMBER_FIELDS, &["groupId", "userId"]),
        update: None,
        change_marker: ChangeMarker::None,
        merge: MergePolicy::Immutable,
        lost_create: LostCreate::Idempotent,
    },
    Descriptor {
        record_type: T::Invitation,
        name: "invitation",
        remote: RemoteKind::Platform,
        table: "invitations",
        // Sent once, then resent or revoked (its DELETE), never changed.
        operations: ops(true, true, true, false, true, &["resend"]),
        parents: &[],
        pull: Pull::Listing,
        columns: &[
            text("recipient_email", "recipient_email"),
            text("recipient_phone", "recipient_phone"),
            text_or("role", "role", "member"),
            text_or("status", "status", "pending"),
        ],
        natural_key: &[],
        label: "COALESCE(t.recipient_email, t.recipient_phone, 'invitation')",
        action_bodies: &[],
        answered_otherwise: &["expires_in_hours"],
        stored: fields::INVITATION_STORED,
        create: Some(Shape {
            fields: fields::INVITATION_CREATE,
            required: &[],
            allow_null: false,
            required_any: fields::INVITATION_RECIPIENT,
        }),
        update: None,
        change_marker: ChangeMarker::UpdatedAt,
        merge: MergePolicy::Immutable,
        // Invitations say who sent them and when: matched on what was sent.
        lost_create: LostCreate::FieldMatch,
    },
    Descriptor {
        record_type: T::Approval,
        name: "approval",
        remote: RemoteKind::Platform,
        table: "approvals",
        // Made by the platform, decided here (approve, reject) or withdrawn (its DELETE).
        operations: ops(true, true, false, false, true, &["approve", "reject"]),
        parents: &[],
        pull: Pull::Listing,
        columns: &[
            text("entity_type", "entity_type"),
            text("entity_name", "entity_name"),
            text_or("status", "status", "pending"),
        ],
        natural_key: &[],
        label: "COALESCE(t.entity_name, t.entity_type, 'approval request')",
        action_bodies: &[
            (
                "approve",
                Shape {
                    fields: fields::APPROVAL_APPROVE,
                    required: &[],
                    allow_null: false,
                    required_any: &[],
                },
            ),
            (
                "reject",
                Shape {
                    fields: fields::APPROVAL_REJECT,
                    required: &["rejection_reason"],
                    allow_null: false,
                    required_any: &[],
                },
            ),
        ],
        answered_otherwise: &[],
        stored: fields::APPROVAL_STORED,
        create: None,
        update: None,
        change_marker: ChangeMarker::UpdatedAt,
        merge: MergePolicy::Immutable,
        lost_create: LostCreate::NotCreatable,
    },
    Descriptor {
        record_type: T::User,
        name: "user",
        remote: RemoteKind::Platform,
        table: "users",
        // The platform has no delete of a user (they leave by their membership); a temporary
        // password is asked for online, since its answer must be shown once and never kept.
        operations: ops(true, true, true, true, false, &[]),
        parents: &[],
        pull: Pull::Listing,
        columns: &[
            text("email", "email"),
            text("display_name", "displayName"),
            Column {
                name: "full_name",
                value: ColumnValue::DisplayName {
                    parts: &["firstName", "middleName", "lastName"],
                    fallback: &["email"],
                },
            },
            text("status", "status"),
        ],
        natural_key: &[],
        label: "COALESCE(t.display_name, t.full_name)",
        action_bodies: &[],
        answered_otherwise: &[],
        stored: fields::USER_STORED,
        create: create(fields::USER_CREATE, fields::USER_CREATE_REQUIRED),
        update: update(fields::USER_PATCH, true),
        change_marker: ChangeMarker::UpdatedAt,
        merge: MergePolicy::PerField,
        // One account per address: a user made since the op with its address is ours, even
        // when the names that went after the create (a PATCH of their own) did not arrive.
        lost_create: LostCreate::UniqueKey(&["email"]),
    },
    Descriptor {
        record_type: T::Space,
        name: "space",
        remote: RemoteKind::Platform,
        table: "spaces",
        operations: ops(true, true, true, true, true, &[]),
        parents: &[],
        pull: Pull::Listing,
        columns: &[text_or("name", "name", ""), text("status", "status")],
        natural_key: &[],
        label: "t.name",
        action_bodies: &[],
        // A space made by a role the tenant does not trust waits as pending, whatever was asked.
        answered_otherwise: &["status"],
        stored: fields::SPACE_FIELDS,
        create: create(fields::SPACE_FIELDS, fields::PLACE_CREATE_REQUIRED),
        update: update(fields::SPACE_FIELDS, true),
        change_marker: ChangeMarker::UpdatedAt,
        merge: MergePolicy::PerField,
        // Spaces say who made them and when: matched on what was sent.
        lost_create: LostCreate::FieldMatch,
    },
    Descriptor {
        record_type: T::Resource,
        name: "resource",
        remote: RemoteKind::Platform,
        table: "resources",
        operations: ops(true, true, true, true, true, &[]),
        parents: &[],
        pull: Pull::Listing,
        columns: &[
            text_or("name", "name", ""),
            text("status", "status"),
            text("space_id", "spaceId"),
        ],
        natural_key: &[],
        label: "t.name",
        action_bodies: &[],
        answered_otherwise: &["status"],
        stored: fields::RESOURCE_FIELDS,
        create: create(fields::RESOURCE_FIELDS, fields::PLACE_CREATE_REQUIRED),
        update: update(fields::RESOURCE_FIELDS, true),
        change_marker: ChangeMarker::UpdatedAt,
        merge: MergePolicy::PerField,
        lost_create: LostCreate::FieldMatch,
    },
    Descriptor {
        record_type: T::SpaceMember,
        name: "space_member",
        remote: RemoteKind::Platform,
        table: "space_members",
        // Added, given another role (the same POST again) and removed.
        operations: ops(true, false, true, true, true, &[]),
        parents: &[reference(
            T::Space,
            T::SpaceMember,
            "space_id",
            "spaceId",
            false,
        )],
        pull: Pull::UnderEach(T::Space),
        columns: &[
            reference_column("space_id"),
            text_or("user_id", "userId", ""),
            text_or("role", "role", "reader"),
        ],
        natural_key: &["spaceId", "userId"],
        label: "(SELECT s.name FROM spaces s WHERE s.local_id = t.space_id) || ' ← ' || t.user_id",
        action_bodies: &[],
        answered_otherwise: &[],
        stored: fields::SPACE_MEMBER_FIELDS,
        create: create(fields::SPACE_MEMBER_FIELDS, &["spaceId", "userId", "role"]),
        update: update(fields::SPACE_MEMBER_PATCH, false),
        change_marker: ChangeMarker::None,
        merge: MergePolicy::LastWriterWins,
        lost_create: LostCreate::Idempotent,
    },
    Descriptor {
        record_type: T::ResourceMember,
        name: "resource_member",
        remote: RemoteKind::Platform,
        table: "resource_members",
        // Added (as readers) and removed; adding one again changes nothing.
        operations: ops(true, false, true, false, true, &[]),
        parents: &[reference(
            T::Resource,
            T::ResourceMember,
            "resource_id",
            "resourceId",
            false,
        )],
        pull: Pull::UnderEach(T::Resource),
        columns: &[
            reference_column("resource_id"),
            text_or("user_id", "userId", ""),
            text("role", "role"),
        ],
        natural_key: &["resourceId", "userId"],
        label: "(SELECT r.name FROM resources r WHERE r.local_id = t.resource_id) || ' ← ' || t.user_id",
        action_bodies: &[],
        answered_otherwise: &[],
        stored: fields::RESOURCE_MEMBER_STORED,
        create: create(fields::RESOURCE_MEMBER_CREATE, &["resourceId", "userId"]),
        update: None,
        change_marker: ChangeMarker::None,
        merge: MergePolicy::Immutable,
        lost_create: LostCreate::Idempotent,
    },
    Descriptor {
        record_type: T::MoveRequest,
        name: "move_request",
        remote: RemoteKind::Platform,
        table: "move_requests",
        // Asked for here, decided here (approve, reject) or withdrawn (its DELETE); never changed.
        operations: ops(true, false, true, false, true, &["approve", "reject"]),
        parents: &[],
        pull: Pull::Listing,
        columns: &[
            text_or("resource_id", "resourceId", ""),
            text_or("status", "status", "pending"),
        ],
        natural_key: &[],
        label: "COALESCE((SELECT r.name FROM resources r WHERE r.tenant_id = t.tenant_id \
                AND r.server_id = t.resource_id), t.resource_id)",
        action_bodies: &[
            (
                "approve",
                Shape {
                    fields: &[],
                    required: &[],
                    allow_null: false,
                    required_any: &[],
                },
            ),
            (
                "reject",
                Shape {
                    fields: fields::MOVE_REJECT,
                    required: &["rejectionReason"],
                    allow_null: false,
                    required_any: &[],
                },
            ),
        ],
        answered_otherwise: &[],
        stored: fields::MOVE_STORED,
        create: create(fields::MOVE_CREATE, &["resourceId", "targetSpaceId"]),
        update: None,
        change_marker: ChangeMarker::UpdatedAt,
        merge: MergePolicy::Immutable,
        // Move requests say who asked and when: matched on what was sent.
        lost_create: LostCreate::FieldMatch,
    },
    Descriptor {
        record_type: T::Tenant,
        name: "tenant",
        remote: RemoteKind::Platform,
        table: "tenant_records",
        // The tenant of the scope, edited by its owners and admins and moved through its
        // lifecycle; never made or deleted from here. Its listing is the scope's own tenant.
        operations: ops(
            true,
            true,
            false,
            true,
            false,
            &["activate", "suspend", "reactivate", "archive", "upgrade"],
        ),
        parents: &[],
        pull: Pull::Listing,
        columns: &[
            text_or("name", "name", ""),
            text("slug", "slug"),
            text_or("status", "status", "pending"),
            text("plan", "type"),
        ],
        natural_key: &[],
        label: "t.name",
        action_bodies: &[
            ("activate", lifecycle_body()),
            ("suspend", lifecycle_body()),
            ("reactivate", lifecycle_body()),
            ("archive", lifecycle_body()),
            (
                "upgrade",
                Shape {
                    fields: fields::TENANT_UPGRADE,
                    required: &["target_type"],
                    allow_null: false,
                    required_any: &[],
                },
            ),
        ],
        answered_otherwise: &[],
        stored: fields::TENANT_STORED,
        create: None,
        update: update(fields::TENANT_PATCH, false),
        change_marker: ChangeMarker::UpdatedAt,
        merge: MergePolicy::PerField,
        lost_create: LostCreate::NotCreatable,
    },
    Descriptor {
        record_type: T::RateLimit,
        name: "rate_limit",
        remote: RemoteKind::Platform,
        table: "rate_limits",
        operations: ops(true, true, true, true, true, &[]),
        parents: &[],
        pull: Pull::Listing,
        columns: &[
            text_or("endpoint_pattern", "endpoint_pattern", ""),
            text_or("scope_type", "scope_type", ""),
        ],
        natural_key: &[],
        label: "t.endpoint_pattern",
        action_bodies: &[],
        answered_otherwise: &[],
        stored: fields::RATE_LIMIT_FIELDS,
        create: create(fields::RATE_LIMIT_FIELDS, fields::RATE_LIMIT_REQUIRED),
        update: update(fields::RATE_LIMIT_FIELDS, false),
        change_marker: ChangeMarker::UpdatedAt,
        merge: MergePolicy::PerField,
        // The platform's rate limits say who made them and when.
        lost_create: LostCreate::FieldMatch,
    },
    Descriptor {
        record_type: T::TenantSettings,
        name: "tenant_settings",
        remote: RemoteKind::Platform,
        table: "tenant_settings",
        // Every category is always there: changed or reset, never made or removed.
        operations: ops(true, true, false, true, false, &["reset"]),
        parents: &[],
        pull: Pull::Listing,
        columns: &[text_or("category", "category", "")],
        natural_key: &[],
        label: "t.category",
        action_bodies: &[(
            "reset",
            Shape {
                fields: fields::TENANT_SETTINGS_RESET,
                required: &[],
                allow_null: false,
                required_any: &[],
            },
        )],
        answered_otherwise: &[],
        stored: fields::TENANT_SETTINGS_STORED,
        create: None,
        update: update(fields::TENANT_SETTINGS_PATCH, false),
        change_marker: ChangeMarker::UpdatedAt,
        merge: MergePolicy::PerField,
        lost_create: LostCreate::NotCreatable,
    },
    Descriptor {
        record_type: T::TenantDomain,
        name: "tenant_domain",
        remote: RemoteKind::Platform,
        table: "tenant_domains",
        operations: ops(true, true, true, true, true, &["verify"]),
        parents: &[],
        pull: Pull::Listing,
        columns: &[
            text_or("domain", "domain", ""),
            text_or("status", "status", "pending"),
        ],
        natural_key: &[],
        label: "t.domain",
        action_bodies: &[(
            "verify",
            Shape {
                fields: &[],
                required: &[],
                allow_null: false,
                required_any: &[],
            },
        )],
        answered_otherwise: &[],
        stored: fields::DOMAIN_STORED,
        create: create(fields::DOMAIN_CREATE, &["domain", "domain_type"]),
        update: update(fields::DOMAIN_PATCH, false),
        change_marker: ChangeMarker::UpdatedAt,
        merge: MergePolicy::PerField,
        // Domains say when they were made, not by whom (and a name is one tenant's alone).
        lost_create: LostCreate::FieldMatchSince,
    },
    manager::PROJECT,
    manager::TENANT,
    manager::APPLICATION,
    manager::ENDPOINT,
    manager::TRIGGER,
    manager::BACKEND_SETTINGS,
    manager::FRONTEND_SETTINGS,
];

/// The body of a lifecycle move other than an upgrade: an optional reason.
const fn lifecycle_body() -> Shape {
    Shape {
        fields: fields::TENANT_LIFECYCLE,
        required: &[],
        allow_null: false,
        required_any: &[],
    }
}

pub(crate) fn of(t: RecordType) -> &'static Descriptor {
    DESCRIPTORS
        .iter()
        .find(|d| d.record_type == t)
        .expect("every record type has a descriptor (tested)")
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn every_record_type_has_one_descriptor_in_order() {
        assert_eq!(DESCRIPTORS.len(), RecordType::ALL.len());
        for (d, t) in DESCRIPTORS.iter().zip(RecordType::ALL) {
            assert_eq!(d.record_type, t);
            assert_eq!(t.descriptor().name, d.name);
        }
    }

    #[test]
    fn references_are_stored_fields_of_their_child() {
        for d in &DESCRIPTORS {
            for r in d.parents {
                assert_eq!(r.child, d.record_type);
                assert!(
                    fields::names(d.stored).any(|n| n == r.json_key),
                    "{}.{}",
                    d.name,
                    r.json_key
                );
            }
        }
    }

    #[test]
    fn columns_and_natural_keys_name_stored_fields_and_references() {
        for d in &DESCRIPTORS {
            let stored = |key: &str| fields::names(d.stored).any(|n| n == key);
            for c in d.columns {
                match c.value {
                    ColumnValue::Reference => assert!(
                        d.parents.iter().any(|r| r.column == c.name),
                        "{}.{} names no reference",
                        d.name,
                        c.name
                    ),
                    ColumnValue::Text { key, .. }
                    | ColumnValue::Time { key, .. }
                    | ColumnValue::Int { key }
                    | ColumnValue::Bool { key }
                    | ColumnValue::AddressLine { key } => {
                        assert!(stored(key), "{}.{}: {key}", d.name, c.name)
                    }
                    ColumnValue::DisplayName { parts, fallback } => {
                        assert!(
                            parts.iter().chain(fallback).all(|k| stored(k)),
                            "{}",
                            d.name
                        )
                    }
                    ColumnValue::SortName { parts, fallback } => {
                        assert!(
                            parts.iter().all(|k| stored(k)) && stored(fallback),
                            "{}",
                            d.name
                        )
                    }
                    ColumnValue::ChangedAt => {}
                }
            }
            for key in d.natural_key {
                let is_reference = d.parents.iter().any(|r| r.json_key == *key);
                let is_column = d
                    .columns
                    .iter()
                    .any(|c| matches!(c.value, ColumnValue::Text { key: k, .. } if k == *key));
                assert!(
                    is_reference || is_column,
                    "{}: natural key {key} is neither a reference nor a text column",
                    d.name
                );
            }
            assert!(!d.label.is_empty(), "{}", d.name);
            for (name, _) in d.action_bodies {
                assert!(d.operations.allows_action(name), "{}.{name}", d.name);
            }
            for key in d.answered_otherwise {
                let created = d
                    .create
                    .is_some_and(|c| fields::names(c.fields).any(|n| n == *key));
                assert!(created, "{}.{key} is no create field", d.name);
            }
        }
    }

    #[test]
    fn what_can_be_sent_has_a_body_declared() {
        for d in &DESCRIPTORS {
            assert_eq!(d.operations.create, d.create.is_some(), "{}", d.name);
            if d.operations.update {
                assert!(d.update.is_some(), "{}", d.name);
            }
            if d.lost_create == LostCreate::NotCreatable {
                assert!(!d.operations.create, "{}", d.name);
            }
            if let LostCreate::UniqueKey(key) = d.lost_create {
                let created = |k: &str| {
                    d.create
                        .is_some_and(|c| fields::names(c.fields).any(|n| n == k))
                };
                assert!(
                    !key.is_empty() && key.iter().all(|k| created(k)),
                    "{}",
                    d.name
                );
            }
            if d.lost_create == LostCreate::OpIdInMetadata {
                assert!(
                    fields::names(d.stored).any(|n| n == "metadata"),
                    "{} has no metadata to carry the op id",
                    d.name
                );
            }
        }
    }
}
