//! The typed columns of each editable table, derived from a record's fields on every write so
//! queries never parse JSON.

use rusqlite::types::Value as Sql;
use rusqlite::Connection;
use serde_json::Value;

use crate::entity::{references_of, Entity};
use crate::error::{ReplicaError, Result};
use crate::record;
use crate::util::{str_field, time_field_ms, Fields};

pub(crate) fn typed_columns(entity: Entity) -> &'static [&'static str] {
    match entity {
        Entity::Calendar => &["name", "kind", "timezone"],
        Entity::Entry => &[
            "calendar_id",
            "title",
            "description",
            "location_name",
            "status",
            "starts_at",
            "ends_at",
        ],
        Entity::RecurrenceMaster => &[
            "calendar_id",
            "root_entry_id",
            "frequency",
            "starts_at",
            "until_at",
        ],
        Entity::RecurrenceInstance => &[
            "master_id",
            "calendar_id",
            "instance_date",
            "instance_state",
            "starts_at",
            "ends_at",
        ],
        Entity::Reminder => &[
            "calendar_id",
            "entry_id",
            "master_id",
            "channel",
            "offset_minutes",
        ],
        Entity::Contact => &[
            "display_name",
            "sort_name",
            "email",
            "phone",
            "address",
            "notes",
            "changed_at",
        ],
        Entity::ContactLink => &["contact_id", "entity_type", "entity_id", "is_primary"],
    }
}

fn text(fields: &Fields, key: &str) -> Sql {
    match str_field(fields, key) {
        Some(s) => Sql::Text(s.to_string()),
        None => Sql::Null,
    }
}

fn text_or(fields: &Fields, key: &str, default: &str) -> Sql {
    Sql::Text(str_field(fields, key).unwrap_or(default).to_string())
}

fn time(fields: &Fields, key: &str) -> Sql {
    match time_field_ms(fields, key) {
        Some(ms) => Sql::Integer(ms),
        None => Sql::Null,
    }
}

/// The local id of the record a reference field points at (it may hold a server or local id).
fn reference(
    conn: &Connection,
    tenant: &str,
    child: Entity,
    column: &str,
    fields: &Fields,
) -> Result<Sql> {
    let Some(r) = references_of(child).find(|r| r.column == column) else {
        return Ok(Sql::Null);
    };
    let Some(id) = str_field(fields, r.json_key) else {
        return Ok(Sql::Null);
    };
    match record::resolve_local_id(conn, tenant, r.parent, id)? {
        Some(local) => Ok(Sql::Text(local)),
        // A reminder may name an entry or series outside the pulled window: the link is filled
        // in when that record arrives (see `sync_apply::adopt_orphans`).
        None if r.optional => Ok(Sql::Null),
        None => Err(ReplicaError::NotFound {
            entity: r.parent.as_str(),
            id: id.to_string(),
        }),
    }
}

/// The values of [`typed_columns`] for these fields, in the same order. `changed_at` is when the
/// record last changed (the server's updatedAt for server writes, now for local edits).
pub(crate) fn typed_values(
    conn: &Connection,
    tenant: &str,
    entity: Entity,
    fields: &Fields,
    changed_at: &str,
) -> Result<Vec<Sql>> {
    let required_time = |key: &str| -> Result<Sql> {
        match time(fields, key) {
            Sql::Null => Err(ReplicaError::invalid(key, "must be an RFC 3339 date-time")),
            t => Ok(t),
        }
    };
    Ok(match entity {
        Entity::Calendar => vec![
            text_or(fields, "name", ""),
            text_or(fields, "kind", ""),
            text_or(fields, "timezone", "UTC"),
        ],
        Entity::Entry => vec![
            reference(conn, tenant, entity, "calendar_id", fields)?,
            text_or(fields, "title", ""),
            text(fields, "description"),
            text(fields, "locationName"),
            // The seed has no documented default status; entries without one count as confirmed.
            text_or(fields, "status", "confirmed"),
            required_time("startsAt")?,
            required_time("endsAt")?,
        ],
        Entity::RecurrenceMaster => vec![
            reference(conn, tenant, entity, "calendar_id", fields)?,
            reference(conn, tenant, entity, "root_entry_id", fields)?,
            text_or(fields, "frequency", ""),
            required_time("startsAt")?,
            time(fields, "untilAt"),
        ],
        Entity::RecurrenceInstance => vec![
            reference(conn, tenant, entity, "master_id", fields)?,
            reference(conn, tenant, entity, "calendar_id", fields)?,
            text_or(fields, "instanceDate", ""),
            text_or(fields, "instanceState", "generated"),
            time(fields, "startsAt"),
            time(fields, "endsAt"),
        ],
        Entity::Reminder => vec![
            reference(conn, tenant, entity, "calendar_id", fields)?,
            reference(conn, tenant, entity, "entry_id", fields)?,
            reference(conn, tenant, entity, "master_id", fields)?,
            text_or(fields, "channel", ""),
            Sql::Integer(
                fields
                    .get("offsetMinutes")
                    .and_then(Value::as_i64)
                    .unwrap_or(0),
            ),
        ],
        Entity::Contact => {
            let names = contact_display_name(fields);
            vec![
                Sql::Text(names.clone()),
                Sql::Text(contact_sort_name(fields)),
                text(fields, "email"),
                text(fields, "phone"),
                match contact_address_line(fields) {
                    Some(a) => Sql::Text(a),
                    None => Sql::Null,
                },
                text(fields, "notes"),
                // One format for every source, so the text sorts as time.
                Sql::Text(
                    crate::util::parse_time(changed_at)
                        .map(crate::util::time_text)
                        .unwrap_or_else(|| changed_at.to_string()),
                ),
            ]
        }
        Entity::ContactLink => vec![
            reference(conn, tenant, entity, "contact_id", fields)?,
            text_or(fields, "entityType", ""),
            text_or(fields, "entityId", ""),
            Sql::Integer(
                fields
                    .get("isPrimary")
                    .and_then(Value::as_bool)
                    .unwrap_or(false) as i64,
            ),
        ],
    })
}

fn name_parts<'a>(fields: &'a Fields, keys: &[&str]) -> Vec<&'a str> {
    keys.iter()
        .filter_map(|k| str_field(fields, k))
        .map(str::trim)
        .filter(|s| !s.is_empty())
        .collect()
}

/// "First Middle Last", or the email or phone for a contact without names.
pub(crate) fn contact_display_name(fields: &Fields) -> String {
    let names = name_parts(fields, &["firstName", "middleName", "lastName"]);
    if !names.is_empty() {
        return names.join(" ");
    }
    str_field(fields, "email")
        .or_else(|| str_field(fields, "phone"))
        .unwrap_or("")
        .to_string()
}

/// Lower-cased "last first middle" with accents folded (Öztürk sorts with the O's);
/// contacts without names sort after all named ones, by email.
pub(crate) fn contact_sort_name(fields: &Fields) -> String {
    let names = name_parts(fields, &["lastName", "firstName", "middleName"]);
    if !names.is_empty() {
        return fold_for_sort(&names.join(" "));
    }
    format!(
        "\u{10FFFF}{}",
        str_field(fields, "email").unwrap_or("").to_lowercase()
    )
}

const ADDRESS_KEYS: [&str; 7] = [
    "street",
    "street_number",
    "postal_code",
    "city",
    "region",
    "country",
    "country_code",
];

/// The address as one searchable line: the known parts in a readable order, then any others.
pub(crate) fn contact_address_line(fields: &Fields) -> Option<String> {
    let address = fields.get("address")?.as_object()?;
    let mut parts: Vec<&str> = ADDRESS_KEYS
        .iter()
        .filter_map(|k| address.get(*k).and_then(Value::as_str))
        .collect();
    parts.extend(
        address
            .iter()
            .filter(|(k, _)| !ADDRESS_KEYS.contains(&k.as_str()))
            .filter_map(|(_, v)| v.as_str()),
    );
    let parts: Vec<&str> = parts.into_iter().filter(|p| !p.trim().is_empty()).collect();
    (!parts.is_empty()).then(|| parts.join(", "))
}

/// Lower case without the accents of Latin letters, for sort keys.
pub(crate) fn fold_for_sort(text: &str) -> String {
    let mut out = String::with_capacity(text.len());
    for c in text.chars().flat_map(char::to_lowercase) {
        let folded = match c {
            'à' | 'á' | 'â' | 'ã' | 'ä' | 'å' | 'ā' | 'ă' | 'ą' => "a",
            'æ' => "ae",
            'ç' | 'ć' | 'č' | 'ĉ' | 'ċ' => "c",
            'ď' | 'đ' | 'ð' => "d",
            'è' | 'é' | 'ê' | 'ë' | 'ē' | 'ĕ' | 'ė' | 'ę' | 'ě' => "e",
            'ĝ' | 'ğ' | 'ġ' | 'ģ' => "g",
            'ĥ' | 'ħ' => "h",
            'ì' | 'í' | 'î' | 'ï' | 'ĩ' | 'ī' | 'ĭ' | 'į' | 'ı' => "i",
            'ĵ' => "j",
            'ķ' => "k",
            'ĺ' | 'ļ' | 'ľ' | 'ŀ' | 'ł' => "l",
            'ñ' | 'ń' | 'ņ' | 'ň' => "n",
            'ò' | 'ó' | 'ô' | 'õ' | 'ö' | 'ø' | 'ō' | 'ŏ' | 'ő' => "o",
            'œ' => "oe",
            'ŕ' | 'ŗ' | 'ř' => "r",
            'ś' | 'ŝ' | 'ş' | 'š' | 'ș' => "s",
            'ß' => "ss",
            'ţ' | 'ť' | 'ŧ' | 'ț' => "t",
            'þ' => "th",
            'ù' | 'ú' | 'û' | 'ü' | 'ũ' | 'ū' | 'ŭ' | 'ů' | 'ű' | 'ų' => "u",
            'ŵ' => "w",
            'ý' | 'ÿ' | 'ŷ' => "y",
            'ź' | 'ż' | 'ž' => "z",
            other => {
                out.push(other);
                continue;
            }
        };
        out.push_str(folded);
    }
    out
}

#[cfg(test)]
mod tests {
    use super::fold_for_sort;

    #[test]
    fn sort_keys_fold_accents() {
        assert_eq!(
            fold_for_sort("Öztürk Ångström Łukasz Straße"),
            "ozturk angstrom lukasz strasse"
        );
        assert_eq!(fold_for_sort("Zoë 李"), "zoe 李");
    }
}
