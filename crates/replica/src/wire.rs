//! From the server's response shape to the request shape the replica stores, so local fields,
//! base snapshots and remote versions compare like with like.

use serde_json::Value;

use crate::entity::Entity;
use crate::util::Fields;

/// The names of the fields the replica stores for `entity` (its descriptor's).
fn stored(entity: Entity) -> &'static [outpost_model::fields::FieldSpec] {
    entity.descriptor().stored
}

/// The request-shape fields of a server record, as its remote hands it over (in the model's
/// shape: each remote renames its own wire quirks away first). Response-only fields (ids,
/// timestamps, computed dates) are left out; nulls are kept only where an edit may send null to
/// clear a field. Picked without copying the whole record first (a pull reads 100,000 of them).
pub fn request_shape(entity: Entity, server: &Value) -> Fields {
    let empty = Fields::new();
    let server = server.as_object().unwrap_or(&empty);
    let keep_null = entity.descriptor().update.is_some_and(|s| s.allow_null);
    stored(entity)
        .iter()
        .filter_map(|spec| {
            let v = server.get(spec.name)?;
            (keep_null || !v.is_null()).then(|| (spec.name.to_string(), v.clone()))
        })
        .collect()
}

/// The server's id of a record in a response.
pub fn server_id(server: &Value) -> Option<&str> {
    server.get("id").and_then(Value::as_str)
}

/// The record's change marker: its `updatedAt`, or its `createdAt` for records that are never
/// changed in place (a contact link is made again, not edited).
pub fn server_updated_at(server: &Value) -> Option<&str> {
    server
        .get("updatedAt")
        .or_else(|| server.get("createdAt"))
        .and_then(Value::as_str)
}
