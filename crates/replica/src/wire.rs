//! From the server's response shape to the request shape the replica stores, so local fields,
//! base snapshots and remote versions compare like with like.

use serde_json::Value;

use crate::entity::Entity;
use crate::util::Fields;

/// Response keys that differ from the request's (contacts answer in snake_case).
const CONTACT_RENAMES: [(&str, &str); 3] = [
    ("first_name", "firstName"),
    ("middle_name", "middleName"),
    ("last_name", "lastName"),
];

fn pick(server: &Fields, keys: &[&str], keep_null: bool) -> Fields {
    keys.iter()
        .filter_map(|k| {
            let v = server.get(*k)?;
            (keep_null || !v.is_null()).then(|| (k.to_string(), v.clone()))
        })
        .collect()
}

/// The names of the fields the replica stores for `entity` (its descriptor's).
fn stored(entity: Entity) -> Vec<&'static str> {
    outpost_model::fields::names(entity.descriptor().stored).collect()
}

/// The request-shape fields of a server record (`data` of a GET/POST/PATCH response).
/// Response-only fields (ids, timestamps, computed dates) are left out; nulls are kept only
/// where a request may send null (contacts).
pub fn request_shape(entity: Entity, server: &Value) -> Fields {
    let empty = Fields::new();
    let server = server.as_object().unwrap_or(&empty);
    match entity {
        Entity::Calendar => {
            let mut fields = pick(server, &stored(entity), false);
            if let Some(linked) = server.get("linkedEntity").and_then(Value::as_object) {
                for (from, to) in [
                    ("userId", "linkedUserId"),
                    ("resourceId", "linkedResourceId"),
                    ("spaceId", "linkedSpaceId"),
                ] {
                    if let Some(v) = linked.get(from).filter(|v| !v.is_null()) {
                        fields.insert(to.to_string(), v.clone());
                    }
                }
            }
            fields
        }
        Entity::Entry
        | Entity::RecurrenceMaster
        | Entity::RecurrenceInstance
        | Entity::Reminder => pick(server, &stored(entity), false),
        // Each field from its snake_case key when the answer has it, else its own; picked
        // without copying the whole record first (a pull reads 100,000 of them).
        Entity::Contact => stored(entity)
            .into_iter()
            .filter_map(|key| {
                let snake = CONTACT_RENAMES
                    .iter()
                    .find(|(_, camel)| *camel == key)
                    .and_then(|(snake, _)| server.get(*snake));
                let v = snake.or_else(|| server.get(key))?;
                Some((key.to_string(), v.clone()))
            })
            .collect(),
        Entity::ContactLink => {
            let mut fields = Fields::new();
            for (from, to) in [
                ("contact_id", "contactId"),
                ("entity_type", "entityType"),
                ("entity_id", "entityId"),
                ("is_primary", "isPrimary"),
            ] {
                if let Some(v) = server.get(from).or_else(|| server.get(to)) {
                    fields.insert(to.to_string(), v.clone());
                }
            }
            fields
        }
    }
}

/// The server's id of a record in a response.
pub fn server_id(server: &Value) -> Option<&str> {
    server.get("id").and_then(Value::as_str)
}

/// The server's `updatedAt` (`updated_at` for contacts and links, which have `created_at` only).
pub fn server_updated_at(server: &Value) -> Option<&str> {
    server
        .get("updatedAt")
        .or_else(|| server.get("updated_at"))
        .or_else(|| server.get("created_at"))
        .and_then(Value::as_str)
}
