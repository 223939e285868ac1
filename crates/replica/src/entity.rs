//! The editable record types, their tables, and how they reference each other.

use serde::{Deserialize, Serialize};

/// A kind of record the user can edit offline (and the outbox can carry).
#[derive(
    Debug, Clone, Copy, PartialEq, Eq, PartialOrd, Ord, Hash, Serialize, Deserialize, ts_rs::TS,
)]
#[serde(rename_all = "snake_case")]
pub enum Entity {
    Calendar,
    Entry,
    RecurrenceMaster,
    RecurrenceInstance,
    Reminder,
    Contact,
    ContactLink,
}

impl Entity {
    pub const ALL: [Entity; 7] = [
        Entity::Calendar,
        Entity::Entry,
        Entity::RecurrenceMaster,
        Entity::RecurrenceInstance,
        Entity::Reminder,
        Entity::Contact,
        Entity::ContactLink,
    ];

    /// The name stored in `outbox.entity` and shown in errors.
    pub fn as_str(self) -> &'static str {
        match self {
            Entity::Calendar => "calendar",
            Entity::Entry => "entry",
            Entity::RecurrenceMaster => "recurrence_master",
            Entity::RecurrenceInstance => "recurrence_instance",
            Entity::Reminder => "reminder",
            Entity::Contact => "contact",
            Entity::ContactLink => "contact_link",
        }
    }

    pub fn parse(text: &str) -> Option<Entity> {
        Entity::ALL.into_iter().find(|e| e.as_str() == text)
    }

    pub(crate) fn table(self) -> &'static str {
        match self {
            Entity::Calendar => "calendars",
            Entity::Entry => "entries",
            Entity::RecurrenceMaster => "recurrence_masters",
            Entity::RecurrenceInstance => "recurrence_instances",
            Entity::Reminder => "reminders",
            Entity::Contact => "contacts",
            Entity::ContactLink => "contact_links",
        }
    }
}

/// A reference from one record to another: `child.fields[json_key]` holds the parent's id (the
/// server id once known, the local id before), and `child.<column>` always the parent's local id.
pub(crate) struct Reference {
    pub parent: Entity,
    pub child: Entity,
    pub column: &'static str,
    pub json_key: &'static str,
    /// The child may exist without the parent in the replica (the column is nullable).
    pub optional: bool,
}

pub(crate) const REFERENCES: &[Reference] = &[
    Reference {
        parent: Entity::Calendar,
        child: Entity::Entry,
        column: "calendar_id",
        json_key: "calendarId",
        optional: false,
    },
    Reference {
        parent: Entity::Calendar,
        child: Entity::RecurrenceMaster,
        column: "calendar_id",
        json_key: "calendarId",
        optional: false,
    },
    Reference {
        parent: Entity::Calendar,
        child: Entity::RecurrenceInstance,
        column: "calendar_id",
        json_key: "calendarId",
        optional: false,
    },
    Reference {
        parent: Entity::Calendar,
        child: Entity::Reminder,
        column: "calendar_id",
        json_key: "calendarId",
        optional: false,
    },
    Reference {
        parent: Entity::Entry,
        child: Entity::RecurrenceMaster,
        column: "root_entry_id",
        json_key: "rootEntryId",
        optional: false,
    },
    Reference {
        parent: Entity::Entry,
        child: Entity::Reminder,
        column: "entry_id",
        json_key: "calendarEntryId",
        optional: true,
    },
    Reference {
        parent: Entity::RecurrenceMaster,
        child: Entity::RecurrenceInstance,
        column: "master_id",
        json_key: "recurrenceMasterId",
        optional: false,
    },
    Reference {
        parent: Entity::RecurrenceMaster,
        child: Entity::Reminder,
        column: "master_id",
        json_key: "recurrenceMasterId",
        optional: true,
    },
    Reference {
        parent: Entity::Contact,
        child: Entity::ContactLink,
        column: "contact_id",
        json_key: "contactId",
        optional: false,
    },
];

pub(crate) fn references_from(parent: Entity) -> impl Iterator<Item = &'static Reference> {
    REFERENCES.iter().filter(move |r| r.parent == parent)
}

pub(crate) fn references_of(child: Entity) -> impl Iterator<Item = &'static Reference> {
    REFERENCES.iter().filter(move |r| r.child == child)
}
