//! Seed 004's answers in the model's shape, so that nothing past the platform remote knows the
//! platform's wire quirks: contacts and their links answer in snake_case (`first_name`,
//! `updated_at`, `contact_id`) but take camelCase, and a calendar answers its linked user, space
//! or resource as `linkedEntity` but takes them as `linkedUserId`, `linkedSpaceId`,
//! `linkedResourceId`. Every record the remote hands the engine has passed through
//! [`canonical`]: camelCase keys, `updatedAt` as its change marker where it has one.

use outpost_model::RecordType;
use serde_json::{Map, Value};

/// Whether the seed answers this record type in snake_case (groups: their `created_at` and
/// `updated_at`; users: `first_name`, `display_name`, `type_definition_id`).
fn answers_in_snake_case(t: RecordType) -> bool {
    matches!(
        t,
        RecordType::Contact
            | RecordType::ContactLink
            | RecordType::Group
            | RecordType::User
            | RecordType::Resource
            | RecordType::MoveRequest
    )
}

/// Types whose fields the seed spells in snake_case in requests too (so they stay), whose
/// stamps are renamed to the model's: when made, by whom, when changed.
fn stamps_only(t: RecordType) -> &'static [(&'static str, &'static str)] {
    match t {
        RecordType::Invitation => &[
            ("created_at", "createdAt"),
            ("updated_at", "updatedAt"),
            ("invited_by", "createdBy"),
        ],
        // A space's request spells its type definition in snake_case; its answer in camelCase.
        RecordType::Space => &[
            ("created_at", "createdAt"),
            ("updated_at", "updatedAt"),
            ("created_by", "createdBy"),
            ("typeDefinitionId", "type_definition_id"),
        ],
        // Who asked for a move is who made the request.
        RecordType::MoveRequest => &[("requestedBy", "createdBy")],
        RecordType::Approval => &[
            ("created_at", "createdAt"),
            ("updated_at", "updatedAt"),
            ("created_by", "createdBy"),
        ],
        RecordType::Tenant | RecordType::TenantSettings | RecordType::TenantDomain => {
            &[("created_at", "createdAt"), ("updated_at", "updatedAt")]
        }
        RecordType::RateLimit => &[
            ("created_at", "createdAt"),
            ("updated_at", "updatedAt"),
            ("created_by", "createdBy"),
        ],
        _ => &[],
    }
}

/// `first_name` → `firstName`. Keys already in camelCase are left as they are.
fn camel_case(key: &str) -> String {
    let mut out = String::with_capacity(key.len());
    let mut upper = false;
    for c in key.chars() {
        match c {
            '_' => upper = true,
            c if upper => {
                out.extend(c.to_uppercase());
                upper = false;
            }
            c => out.push(c),
        }
    }
    out
}

/// The record in the model's shape. Only top-level keys are renamed: nested objects (a contact's
/// address with `postal_code`) are sent back as the seed answers them.
pub fn canonical(t: RecordType, record: Value) -> Value {
    let Value::Object(mut map) = record else {
        return record;
    };
    if answers_in_snake_case(t) {
        map = map
            .into_iter()
            .map(|(k, v)| match k.contains('_') {
                true => (camel_case(&k), v),
                false => (k, v),
            })
            .collect::<Map<String, Value>>();
    }
    for (from, to) in stamps_only(t) {
        if let Some(v) = map.remove(*from) {
            map.insert(to.to_string(), v);
        }
    }
    // A category of settings is known by its category (the server's row id exists only once
    // the category was changed).
    if t == RecordType::TenantSettings {
        if let Some(category) = map.get("category").cloned() {
            map.insert("id".into(), category);
        }
    }
    if t == RecordType::Calendar {
        if let Some(Value::Object(linked)) = map.remove("linkedEntity") {
            for (from, to) in [
                ("userId", "linkedUserId"),
                ("resourceId", "linkedResourceId"),
                ("spaceId", "linkedSpaceId"),
            ] {
                if let Some(v) = linked.get(from).filter(|v| !v.is_null()) {
                    map.insert(to.to_string(), v.clone());
                }
            }
        }
    }
    Value::Object(map)
}

/// Each record of a listing in the model's shape.
pub fn canonical_rows(t: RecordType, rows: Vec<Value>) -> Vec<Value> {
    rows.into_iter().map(|r| canonical(t, r)).collect()
}

#[cfg(test)]
mod tests {
    use super::*;
    use serde_json::json;

    #[test]
    fn contacts_answer_in_camel_case_with_their_address_as_sent() {
        let answer = json!({"id": "c", "first_name": "Ada", "updated_at": "t",
            "address": {"postal_code": "1011"}, "tenantId": "x"});
        assert_eq!(
            canonical(RecordType::Contact, answer),
            json!({"id": "c", "firstName": "Ada", "updatedAt": "t",
                "address": {"postal_code": "1011"}, "tenantId": "x"})
        );
    }

    #[test]
    fn a_calendars_linked_entity_becomes_its_request_fields() {
        let answer = json!({"id": "k", "linkedEntity": {"userId": "u", "spaceId": null}});
        assert_eq!(
            canonical(RecordType::Calendar, answer),
            json!({"id": "k", "linkedUserId": "u"})
        );
    }

    #[test]
    fn users_answer_their_profile_in_camel_case() {
        let answer = json!({"id": "u", "first_name": "Ada", "display_name": "Ada L",
            "type_definition_id": null, "emailVerificationStatus": "verified",
            "created_at": "t0", "updated_at": "t1"});
        assert_eq!(
            canonical(RecordType::User, answer),
            json!({"id": "u", "firstName": "Ada", "displayName": "Ada L",
                "typeDefinitionId": null, "emailVerificationStatus": "verified",
                "createdAt": "t0", "updatedAt": "t1"})
        );
    }

    #[test]
    fn a_space_answers_its_type_definition_as_its_request_spells_it() {
        let answer = json!({"id": "s", "typeDefinitionId": "t", "updated_at": "u",
            "created_by": "me", "homeLocation": null});
        assert_eq!(
            canonical(RecordType::Space, answer),
            json!({"id": "s", "type_definition_id": "t", "updatedAt": "u",
                "createdBy": "me", "homeLocation": null})
        );
        let resource = json!({"id": "r", "space_id": "s", "typeDefinitionId": "t"});
        assert_eq!(
            canonical(RecordType::Resource, resource),
            json!({"id": "r", "spaceId": "s", "typeDefinitionId": "t"})
        );
    }

    #[test]
    fn other_records_pass_unchanged() {
        let answer = json!({"id": "e", "calendarId": "k", "some_key": 1});
        assert_eq!(canonical(RecordType::Entry, answer.clone()), answer);
    }
}
