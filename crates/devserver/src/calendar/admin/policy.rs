//! The admin policy of a calendar: five fields, each either set by an admin (provenance
//! `calendar_override`) or taken from the calendar itself (`calendar_default`).
//!
//! Decisions where the seed is silent: the defaults are the calendar's own `visibility` (for
//! `sharePosture` and `visibilityDefault`), empty objects for `bookingPolicy` and
//! `reminderDefaults`, and no `adminNotes`. The devserver models no policy of linked parents,
//! so `linked_parent_inherited` never appears. Every field is editable by tenant admins. A
//! policy lives beside the calendar: changing it leaves the calendar's `updatedAt` alone, so
//! clients syncing calendars see no change that is not theirs.

use serde_json::{json, Value};

use crate::body::Body;
use crate::calendar::calendars::VISIBILITIES;
use crate::calendar::input;
use crate::calendar::store::Row;
use crate::error::ApiError;

pub const FIELDS: &[&str] = &[
    "sharePosture",
    "visibilityDefault",
    "bookingPolicy",
    "reminderDefaults",
    "adminNotes",
];

/// The policy as answered, for `calendar` with the admin-set fields `set`.
pub fn effective(calendar: &Row, set: Option<&Row>) -> Value {
    let visibility = calendar["visibility"].clone();
    let defaults = [
        ("sharePosture", visibility.clone()),
        ("visibilityDefault", visibility),
        ("bookingPolicy", json!({})),
        ("reminderDefaults", json!({})),
        ("adminNotes", Value::Null),
    ];
    let mut out = serde_json::Map::new();
    let mut provenance = serde_json::Map::new();
    for (field, default) in defaults {
        let chosen = set.and_then(|s| s.get(field)).cloned();
        let source = if chosen.is_some() {
            "calendar_override"
        } else {
            "calendar_default"
        };
        out.insert(field.into(), chosen.unwrap_or(default));
        provenance.insert(field.into(), json!(source));
    }
    out.insert("editableFields".into(), json!(FIELDS));
    out.insert("provenance".into(), Value::Object(provenance));
    Value::Object(out)
}

/// The fields a PATCH body sets, checked (`minProperties: 1`; `adminNotes` may be null,
/// which the caller treats as "back to the default").
pub fn changes(body: &Body) -> Result<Row, ApiError> {
    input::not_empty(body)?;
    let mut out = Row::new();
    for field in ["sharePosture", "visibilityDefault"] {
        if let Some(v) = input::enumerated(body, field, VISIBILITIES)? {
            out.insert(field.into(), json!(v));
        }
    }
    for field in ["bookingPolicy", "reminderDefaults"] {
        if let Some(map) = input::object(body, field)? {
            out.insert(field.into(), Value::Object(map.clone()));
        }
    }
    match body.0.get("adminNotes") {
        None => {}
        Some(Value::Null) => {
            out.insert("adminNotes".into(), Value::Null);
        }
        Some(_) => {
            let notes = input::sized(body, "adminNotes", 0, 4000)?.unwrap_or_default();
            out.insert("adminNotes".into(), json!(notes));
        }
    }
    Ok(out)
}
