//! Calendars and what they hold: entries, series (recurrence masters), occurrences and reminders.

use serde::{Deserialize, Serialize};
use ts_rs::TS;

use super::Object;
use crate::enums::{
    CalendarKind, CalendarVisibility, EntryKind, EntryStatus, EntryVisibility, Frequency,
    InstanceState, ReminderChannel,
};

/// A calendar (`POST /secure/calendar/`).
#[derive(Debug, Clone, PartialEq, Serialize, Deserialize, TS)]
#[serde(rename_all = "camelCase", deny_unknown_fields)]
#[ts(optional_fields)]
pub struct Calendar {
    /// What the calendar belongs to.
    pub kind: CalendarKind,
    /// Its name, 1 to 255 characters.
    pub name: String,
    /// A description.
    #[serde(default, skip_serializing_if = "Option::is_none")]
    pub description: Option<String>,
    /// The IANA time zone its series expand in.
    pub timezone: String,
    /// Who may see it.
    #[serde(default, skip_serializing_if = "Option::is_none")]
    pub visibility: Option<CalendarVisibility>,
    /// Its booking policy (open: the seed leaves it free-form).
    #[serde(default, skip_serializing_if = "Option::is_none")]
    pub policy: Option<Object>,
    /// Free-form metadata (a create from here carries its op id in it).
    #[serde(default, skip_serializing_if = "Option::is_none")]
    pub metadata: Option<Object>,
    /// Its type definition.
    #[serde(default, skip_serializing_if = "Option::is_none")]
    pub type_definition_id: Option<String>,
    /// The user a user-linked calendar belongs to.
    #[serde(default, skip_serializing_if = "Option::is_none")]
    pub linked_user_id: Option<String>,
    /// The resource a resource-linked calendar books.
    #[serde(default, skip_serializing_if = "Option::is_none")]
    pub linked_resource_id: Option<String>,
    /// The space a space-linked calendar books.
    #[serde(default, skip_serializing_if = "Option::is_none")]
    pub linked_space_id: Option<String>,
}

/// A change of a calendar: each field present is set.
#[derive(Debug, Clone, Default, PartialEq, Serialize, Deserialize, TS)]
#[serde(rename_all = "camelCase", deny_unknown_fields)]
#[ts(optional_fields)]
pub struct CalendarPatch {
    /// A new name.
    #[serde(default, skip_serializing_if = "Option::is_none")]
    pub name: Option<String>,
    /// A new description.
    #[serde(default, skip_serializing_if = "Option::is_none")]
    pub description: Option<String>,
    /// A new time zone.
    #[serde(default, skip_serializing_if = "Option::is_none")]
    pub timezone: Option<String>,
    /// A new visibility.
    #[serde(default, skip_serializing_if = "Option::is_none")]
    pub visibility: Option<CalendarVisibility>,
    /// A new policy.
    #[serde(default, skip_serializing_if = "Option::is_none")]
    pub policy: Option<Object>,
    /// New metadata.
    #[serde(default, skip_serializing_if = "Option::is_none")]
    pub metadata: Option<Object>,
    /// A new type definition.
    #[serde(default, skip_serializing_if = "Option::is_none")]
    pub type_definition_id: Option<String>,
}

/// A calendar entry (`POST /secure/calendar/entries`).
#[derive(Debug, Clone, PartialEq, Serialize, Deserialize, TS)]
#[serde(rename_all = "camelCase", deny_unknown_fields)]
#[ts(optional_fields)]
pub struct Entry {
    /// Its calendar (a server id once known, the local id before).
    pub calendar_id: String,
    /// What it is.
    pub kind: EntryKind,
    /// Where it stands.
    #[serde(default, skip_serializing_if = "Option::is_none")]
    pub status: Option<EntryStatus>,
    /// Who may see its details.
    #[serde(default, skip_serializing_if = "Option::is_none")]
    pub visibility: Option<EntryVisibility>,
    /// Its title, 1 to 255 characters.
    pub title: String,
    /// A description.
    #[serde(default, skip_serializing_if = "Option::is_none")]
    pub description: Option<String>,
    /// When it starts (RFC 3339).
    pub starts_at: String,
    /// When it ends (RFC 3339), after it starts.
    pub ends_at: String,
    /// The IANA time zone it is planned in.
    pub timezone: String,
    /// Whether it lasts whole days.
    #[serde(default, skip_serializing_if = "Option::is_none")]
    pub is_all_day: Option<bool>,
    /// Who owns it.
    #[serde(default, skip_serializing_if = "Option::is_none")]
    pub owner_user_id: Option<String>,
    /// Free-form metadata (a create from here carries its op id in it).
    #[serde(default, skip_serializing_if = "Option::is_none")]
    pub metadata: Option<Object>,
    /// Its type definition.
    #[serde(default, skip_serializing_if = "Option::is_none")]
    pub type_definition_id: Option<String>,
    /// Where it happens, in words.
    #[serde(default, skip_serializing_if = "Option::is_none")]
    pub location_name: Option<String>,
    /// Where it happens, as the seed leaves it (free-form).
    #[serde(default, skip_serializing_if = "Option::is_none")]
    pub location_payload: Option<Object>,
}

/// A change of an entry: each field present is set (an entry cannot move to another calendar).
#[derive(Debug, Clone, Default, PartialEq, Serialize, Deserialize, TS)]
#[serde(rename_all = "camelCase", deny_unknown_fields)]
#[ts(optional_fields)]
pub struct EntryPatch {
    /// What it is.
    #[serde(default, skip_serializing_if = "Option::is_none")]
    pub kind: Option<EntryKind>,
    /// Where it stands.
    #[serde(default, skip_serializing_if = "Option::is_none")]
    pub status: Option<EntryStatus>,
    /// Who may see its details.
    #[serde(default, skip_serializing_if = "Option::is_none")]
    pub visibility: Option<EntryVisibility>,
    /// Its title.
    #[serde(default, skip_serializing_if = "Option::is_none")]
    pub title: Option<String>,
    /// A description.
    #[serde(default, skip_serializing_if = "Option::is_none")]
    pub description: Option<String>,
    /// When it starts.
    #[serde(default, skip_serializing_if = "Option::is_none")]
    pub starts_at: Option<String>,
    /// When it ends.
    #[serde(default, skip_serializing_if = "Option::is_none")]
    pub ends_at: Option<String>,
    /// Its time zone.
    #[serde(default, skip_serializing_if = "Option::is_none")]
    pub timezone: Option<String>,
    /// Whether it lasts whole days.
    #[serde(default, skip_serializing_if = "Option::is_none")]
    pub is_all_day: Option<bool>,
    /// Who owns it.
    #[serde(default, skip_serializing_if = "Option::is_none")]
    pub owner_user_id: Option<String>,
    /// Free-form metadata.
    #[serde(default, skip_serializing_if = "Option::is_none")]
    pub metadata: Option<Object>,
    /// Its type definition.
    #[serde(default, skip_serializing_if = "Option::is_none")]
    pub type_definition_id: Option<String>,
    /// Where it happens, in words.
    #[serde(default, skip_serializing_if = "Option::is_none")]
    pub location_name: Option<String>,
    /// Where it happens, free-form.
    #[serde(default, skip_serializing_if = "Option::is_none")]
    pub location_payload: Option<Object>,
}

/// A series: the recurrence rule of an entry (`POST /secure/calendar/recurrence-masters`).
#[derive(Debug, Clone, PartialEq, Serialize, Deserialize, TS)]
#[serde(rename_all = "camelCase", deny_unknown_fields)]
#[ts(optional_fields)]
pub struct Series {
    /// Its calendar.
    pub calendar_id: String,
    /// The entry it repeats.
    pub root_entry_id: String,
    /// How often it repeats.
    pub frequency: Frequency,
    /// Every how many periods (1 and up).
    #[serde(default, skip_serializing_if = "Option::is_none")]
    pub interval_count: Option<i64>,
    /// The weekdays it falls on (0 = Sunday to 6 = Saturday).
    #[serde(default, skip_serializing_if = "Option::is_none")]
    pub by_weekday: Option<Vec<i64>>,
    /// The days of the month it falls on (1 to 31).
    #[serde(default, skip_serializing_if = "Option::is_none")]
    pub by_month_day: Option<Vec<i64>>,
    /// When its first occurrence starts.
    pub starts_at: String,
    /// When it stops repeating.
    #[serde(default, skip_serializing_if = "Option::is_none")]
    pub until_at: Option<String>,
    /// How many occurrences it has at most.
    #[serde(default, skip_serializing_if = "Option::is_none")]
    pub occurrence_count_limit: Option<i64>,
    /// The IANA time zone it expands in.
    pub timezone: String,
    /// How many days ahead the server generates occurrences (1 to 366).
    #[serde(default, skip_serializing_if = "Option::is_none")]
    pub generated_window_days: Option<i64>,
    /// Free-form metadata (a create from here carries its op id in it).
    #[serde(default, skip_serializing_if = "Option::is_none")]
    pub metadata: Option<Object>,
}

/// A change of a series' rule while it is not yet on the server (the platform cannot edit a
/// series once made): each field present is set.
#[derive(Debug, Clone, Default, PartialEq, Serialize, Deserialize, TS)]
#[serde(rename_all = "camelCase", deny_unknown_fields)]
#[ts(optional_fields)]
pub struct SeriesPatch {
    /// How often it repeats.
    #[serde(default, skip_serializing_if = "Option::is_none")]
    pub frequency: Option<Frequency>,
    /// Every how many periods.
    #[serde(default, skip_serializing_if = "Option::is_none")]
    pub interval_count: Option<i64>,
    /// The weekdays it falls on (0 = Sunday to 6 = Saturday).
    #[serde(default, skip_serializing_if = "Option::is_none")]
    pub by_weekday: Option<Vec<i64>>,
    /// The days of the month it falls on.
    #[serde(default, skip_serializing_if = "Option::is_none")]
    pub by_month_day: Option<Vec<i64>>,
    /// When its first occurrence starts.
    #[serde(default, skip_serializing_if = "Option::is_none")]
    pub starts_at: Option<String>,
    /// When it stops repeating.
    #[serde(default, skip_serializing_if = "Option::is_none")]
    pub until_at: Option<String>,
    /// How many occurrences it has at most.
    #[serde(default, skip_serializing_if = "Option::is_none")]
    pub occurrence_count_limit: Option<i64>,
    /// Its time zone.
    #[serde(default, skip_serializing_if = "Option::is_none")]
    pub timezone: Option<String>,
    /// How many days ahead the server generates occurrences.
    #[serde(default, skip_serializing_if = "Option::is_none")]
    pub generated_window_days: Option<i64>,
    /// Free-form metadata.
    #[serde(default, skip_serializing_if = "Option::is_none")]
    pub metadata: Option<Object>,
}

/// One occurrence of a series, as overridden or cancelled: identified by its series, calendar
/// and date; the rest are its overrides.
#[derive(Debug, Clone, PartialEq, Serialize, Deserialize, TS)]
#[serde(rename_all = "camelCase", deny_unknown_fields)]
#[ts(optional_fields)]
pub struct Occurrence {
    /// Its series.
    pub recurrence_master_id: String,
    /// Its calendar.
    pub calendar_id: String,
    /// The date the series gave it (YYYY-MM-DD).
    pub instance_date: String,
    /// When it starts, if moved.
    #[serde(default, skip_serializing_if = "Option::is_none")]
    pub starts_at: Option<String>,
    /// When it ends, if moved.
    #[serde(default, skip_serializing_if = "Option::is_none")]
    pub ends_at: Option<String>,
    /// Its time zone, if changed.
    #[serde(default, skip_serializing_if = "Option::is_none")]
    pub timezone: Option<String>,
    /// Whether it lasts whole days.
    #[serde(default, skip_serializing_if = "Option::is_none")]
    pub is_all_day: Option<bool>,
    /// Where it stands.
    #[serde(default, skip_serializing_if = "Option::is_none")]
    pub status: Option<EntryStatus>,
    /// What became of it.
    #[serde(default, skip_serializing_if = "Option::is_none")]
    pub instance_state: Option<InstanceState>,
    /// Its own title.
    #[serde(default, skip_serializing_if = "Option::is_none")]
    pub title_override: Option<String>,
    /// Its own description.
    #[serde(default, skip_serializing_if = "Option::is_none")]
    pub description_override: Option<String>,
    /// Its own metadata.
    #[serde(default, skip_serializing_if = "Option::is_none")]
    pub metadata_override: Option<Object>,
}

/// A change of one occurrence (`PATCH /secure/calendar/recurrence-instances/{id}`).
#[derive(Debug, Clone, Default, PartialEq, Serialize, Deserialize, TS)]
#[serde(rename_all = "camelCase", deny_unknown_fields)]
#[ts(optional_fields)]
pub struct OccurrencePatch {
    /// When it starts.
    #[serde(default, skip_serializing_if = "Option::is_none")]
    pub starts_at: Option<String>,
    /// When it ends.
    #[serde(default, skip_serializing_if = "Option::is_none")]
    pub ends_at: Option<String>,
    /// Its time zone.
    #[serde(default, skip_serializing_if = "Option::is_none")]
    pub timezone: Option<String>,
    /// Whether it lasts whole days.
    #[serde(default, skip_serializing_if = "Option::is_none")]
    pub is_all_day: Option<bool>,
    /// Where it stands.
    #[serde(default, skip_serializing_if = "Option::is_none")]
    pub status: Option<EntryStatus>,
    /// What becomes of it (cancelled to call it off).
    #[serde(default, skip_serializing_if = "Option::is_none")]
    pub instance_state: Option<InstanceState>,
    /// Its own title.
    #[serde(default, skip_serializing_if = "Option::is_none")]
    pub title_override: Option<String>,
    /// Its own description.
    #[serde(default, skip_serializing_if = "Option::is_none")]
    pub description_override: Option<String>,
    /// Its own metadata.
    #[serde(default, skip_serializing_if = "Option::is_none")]
    pub metadata_override: Option<Object>,
}

/// A reminder on a calendar, an entry or a series (`POST /secure/calendar/reminders`); reminders
/// cannot be edited, only removed.
#[derive(Debug, Clone, PartialEq, Serialize, Deserialize, TS)]
#[serde(rename_all = "camelCase", deny_unknown_fields)]
#[ts(optional_fields)]
pub struct Reminder {
    /// Its calendar.
    pub calendar_id: String,
    /// The entry it reminds of.
    #[serde(default, skip_serializing_if = "Option::is_none")]
    pub calendar_entry_id: Option<String>,
    /// The series it reminds of.
    #[serde(default, skip_serializing_if = "Option::is_none")]
    pub recurrence_master_id: Option<String>,
    /// How it reaches its people.
    pub channel: ReminderChannel,
    /// Minutes before (negative) or after the start, within a week.
    pub offset_minutes: i64,
    /// Whether it is on.
    #[serde(default, skip_serializing_if = "Option::is_none")]
    pub is_enabled: Option<bool>,
}
