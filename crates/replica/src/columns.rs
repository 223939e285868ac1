//! The typed columns of each editable table, derived from a record's fields on every write so
//! queries never parse JSON.

use rusqlite::types::Value as Sql;
use rusqlite::Connection;
use serde_json::Value;

use outpost_model::{Column, ColumnValue};

use crate::entity::{references_of, Entity};
use crate::error::{ReplicaError, Result};
use crate::record;
use crate::util::{str_field, time_field_ms, Fields};

/// The names of the typed columns of `entity`'s table (its descriptor's), in order.
pub(crate) fn typed_columns(entity: Entity) -> Vec<&'static str> {
    entity.descriptor().columns.iter().map(|c| c.name).collect()
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
    entity
        .descriptor()
        .columns
        .iter()
        .map(|column| value_of(conn, tenant, entity, column, fields, changed_at))
        .collect()
}

fn value_of(
    conn: &Connection,
    tenant: &str,
    entity: Entity,
    column: &Column,
    fields: &Fields,
    changed_at: &str,
) -> Result<Sql> {
    Ok(match column.value {
        ColumnValue::Text { key, default: None } => text(fields, key),
        ColumnValue::Text {
            key,
            default: Some(default),
        } => text_or(fields, key, default),
        ColumnValue::Time { key, required } => match time(fields, key) {
            Sql::Null if required => {
                return Err(ReplicaError::invalid(key, "must be an RFC 3339 date-time"))
            }
            t => t,
        },
        ColumnValue::Int { key } => {
            Sql::Integer(fields.get(key).and_then(Value::as_i64).unwrap_or(0))
        }
        ColumnValue::Bool { key } => {
            Sql::Integer(fields.get(key).and_then(Value::as_bool).unwrap_or(false) as i64)
        }
        ColumnValue::Reference => reference(conn, tenant, entity, column.name, fields)?,
        ColumnValue::DisplayName { parts, fallback } => {
            Sql::Text(display_name(fields, parts, fallback))
        }
        ColumnValue::SortName { parts, fallback } => Sql::Text(sort_name(fields, parts, fallback)),
        ColumnValue::AddressLine { key } => match address_line(fields, key) {
            Some(a) => Sql::Text(a),
            None => Sql::Null,
        },
        // One format for every source, so the text sorts as time.
        ColumnValue::ChangedAt => Sql::Text(
            crate::util::parse_time(changed_at)
                .map(crate::util::time_text)
                .unwrap_or_else(|| changed_at.to_string()),
        ),
    })
}

fn name_parts<'a>(fields: &'a Fields, keys: &[&str]) -> Vec<&'a str> {
    keys.iter()
        .filter_map(|k| str_field(fields, k))
        .map(str::trim)
        .filter(|s| !s.is_empty())
        .collect()
}

/// "First Middle Last", or the first fallback present (a contact's email or phone) for a
/// record without names.
fn display_name(fields: &Fields, parts: &[&str], fallback: &[&str]) -> String {
    let names = name_parts(fields, parts);
    if !names.is_empty() {
        return names.join(" ");
    }
    fallback
        .iter()
        .find_map(|k| str_field(fields, k))
        .unwrap_or("")
        .to_string()
}

/// Lower-cased "last first middle" with accents folded (Öztürk sorts with the O's); records
/// without names sort after all named ones, by the fallback (a contact's email).
fn sort_name(fields: &Fields, parts: &[&str], fallback: &str) -> String {
    let names = name_parts(fields, parts);
    if !names.is_empty() {
        return fold_for_sort(&names.join(" "));
    }
    format!(
        "\u{10FFFF}{}",
        str_field(fields, fallback).unwrap_or("").to_lowercase()
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
fn address_line(fields: &Fields, key: &str) -> Option<String> {
    let address = fields.get(key)?.as_object()?;
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
