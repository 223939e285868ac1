//! Each typed record holds exactly its descriptor's stored fields, and reads and writes the
//! replica's stored JSON unchanged.

use serde::de::DeserializeOwned;
use serde::Serialize;
use serde_json::{json, Value};

use super::*;
use crate::fields::names;
use crate::RecordType;

fn round_trips<T: Serialize + DeserializeOwned>(t: RecordType, full: Value) {
    let keys: Vec<&str> = full
        .as_object()
        .unwrap()
        .keys()
        .map(String::as_str)
        .collect();
    let mut stored: Vec<&str> = names(t.descriptor().stored).collect();
    let mut sample = keys.clone();
    stored.sort();
    sample.sort();
    assert_eq!(sample, stored, "{t}: the sample names every stored field");
    let typed: T = serde_json::from_value(full.clone()).unwrap_or_else(|e| panic!("{t}: {e}"));
    assert_eq!(serde_json::to_value(&typed).unwrap(), full, "{t}");
    let mut unknown = full.as_object().unwrap().clone();
    unknown.insert("colour".into(), json!("red"));
    assert!(
        serde_json::from_value::<T>(Value::Object(unknown)).is_err(),
        "{t}: a field the model does not know is refused"
    );
}

const ID: &str = "0b0c7b3e-2f8c-4d7a-9d1e-6a1f2b3c4d5e";
const AT: &str = "2026-03-29T09:00:00Z";

#[test]
fn every_typed_record_is_its_descriptors_stored_fields() {
    round_trips::<Calendar>(
        RecordType::Calendar,
        json!({"kind": "tenant_shared", "name": "Team", "description": "d", "timezone": "Europe/Berlin",
               "visibility": "shared", "policy": {"x": 1}, "metadata": {"outpostOpId": "o"},
               "typeDefinitionId": ID, "linkedUserId": ID, "linkedResourceId": ID, "linkedSpaceId": ID}),
    );
    round_trips::<Entry>(
        RecordType::Entry,
        json!({"calendarId": ID, "kind": "event", "status": "confirmed", "visibility": "private",
               "title": "Stand-up", "description": "d", "startsAt": AT, "endsAt": AT,
               "timezone": "UTC", "isAllDay": false, "ownerUserId": ID, "metadata": {},
               "typeDefinitionId": ID, "locationName": "Room 1", "locationPayload": {"floor": 2}}),
    );
    round_trips::<Series>(
        RecordType::RecurrenceMaster,
        json!({"calendarId": ID, "rootEntryId": ID, "frequency": "weekly", "intervalCount": 2,
               "byWeekday": [1, 3], "byMonthDay": [15], "startsAt": AT, "untilAt": AT,
               "occurrenceCountLimit": 10, "timezone": "UTC", "generatedWindowDays": 90,
               "metadata": {}}),
    );
    round_trips::<Occurrence>(
        RecordType::RecurrenceInstance,
        json!({"recurrenceMasterId": ID, "calendarId": ID, "instanceDate": "2026-03-29",
               "startsAt": AT, "endsAt": AT, "timezone": "UTC", "isAllDay": true,
               "status": "cancelled", "instanceState": "overridden", "titleOverride": "t",
               "descriptionOverride": "d", "metadataOverride": {}}),
    );
    round_trips::<Reminder>(
        RecordType::Reminder,
        json!({"calendarId": ID, "calendarEntryId": ID, "recurrenceMasterId": ID,
               "channel": "in_app", "offsetMinutes": -15, "isEnabled": true}),
    );
    round_trips::<Contact>(
        RecordType::Contact,
        json!({"firstName": "Anna", "middleName": "M", "lastName": "Ok", "email": "a@example.com",
               "phone": "+49", "url": "https://example.com", "notes": "n",
               "address": {"street": "Main", "city": null, "postal_code": "1", "floor": 3}}),
    );
    round_trips::<ContactLink>(
        RecordType::ContactLink,
        json!({"contactId": ID, "entityType": "space", "entityId": ID, "isPrimary": true}),
    );
    round_trips::<Group>(
        RecordType::Group,
        json!({"name": "Field team", "description": "d", "permissions": ["calendar.read"]}),
    );
    round_trips::<Invitation>(
        RecordType::Invitation,
        json!({"recipient_email": "a@example.com", "recipient_phone": "+4915112345678",
               "role": "member", "channel": "email", "language": "en",
               "personal_message": "Welcome", "expires_in_hours": 24, "status": "sent",
               "expires_at": AT}),
    );
    round_trips::<Approval>(
        RecordType::Approval,
        json!({"entity_type": "resource", "entity_id": ID, "entity_name": "Drone",
               "status": "pending", "reason": "new resource", "rejection_reason": "no",
               "decision_at": AT, "decision_by": ID, "expires_at": AT}),
    );
    round_trips::<User>(
        RecordType::User,
        json!({"email": "ada@example.com", "firstName": "Ada", "middleName": "M", "lastName": "L",
               "displayName": "Ada L", "locale": "de", "settings": {"theme": "dark"},
               "typeDefinitionId": ID, "status": "active"}),
    );
    round_trips::<Space>(
        RecordType::Space,
        json!({"name": "Depot", "description": "d", "language": "en", "status": "active",
               "settings": {"open": true}, "type_definition_id": ID}),
    );
    round_trips::<Resource>(
        RecordType::Resource,
        json!({"name": "Drone", "description": "d", "language": "de", "status": "maintenance",
               "settings": {}, "typeDefinitionId": ID, "spaceId": ID}),
    );
    round_trips::<SpaceMember>(
        RecordType::SpaceMember,
        json!({"spaceId": ID, "userId": ID, "role": "manager"}),
    );
    round_trips::<ResourceMember>(
        RecordType::ResourceMember,
        json!({"resourceId": ID, "userId": ID, "role": "reader"}),
    );
    round_trips::<MoveRequest>(
        RecordType::MoveRequest,
        json!({"resourceId": ID, "targetSpaceId": ID, "reason": "r", "sourceSpaceId": ID,
               "status": "rejected", "rejectionReason": "no"}),
    );
    round_trips::<Tenant>(
        RecordType::Tenant,
        json!({"name": "Acme", "slug": "acme", "domain": "acme", "status": "inactive",
               "description": "d", "type": "paid", "contact_email": "a@example.com",
               "contact_phone": "+49", "settings": {"x": 1}, "default_language": "en",
               "additional_languages": ["de"], "storage_distribution_strategy": "sequential",
               "storage_fallback_chain": [ID]}),
    );
    round_trips::<RateLimit>(
        RecordType::RateLimit,
        json!({"endpoint_pattern": "/api/v1/secure/contacts*", "max_requests": 100,
               "window_seconds": 60, "scope_type": "per_user", "enabled": true}),
    );
    round_trips::<TenantSettings>(
        RecordType::TenantSettings,
        json!({"category": "general", "settings": {"timezone": "UTC"}}),
    );
    round_trips::<TenantDomain>(
        RecordType::TenantDomain,
        json!({"domain": "api.acme.test", "domain_type": "api", "verification_method": "txt",
               "settings": {}, "status": "verified", "verification_token": "t",
               "verified_at": AT, "ssl_status": "issued", "ssl_issued_at": AT,
               "ssl_expires_at": AT}),
    );
    round_trips::<GroupMember>(
        RecordType::GroupMember,
        json!({"groupId": ID, "userId": ID}),
    );
    round_trips::<ManagerProject>(
        RecordType::ManagerProject,
        json!({"name": "Shop", "slug": "shop", "description": "d"}),
    );
    round_trips::<ManagerTenant>(
        RecordType::ManagerTenant,
        json!({"projectID": ID, "name": "Test", "slug": "test", "description": "d", "type": "test"}),
    );
    round_trips::<ManagerApplication>(
        RecordType::ManagerApplication,
        json!({"tenantID": ID, "name": "Web", "slug": "web", "description": "d", "version": "1.2.0"}),
    );
    round_trips::<ManagerEndpoint>(
        RecordType::ManagerEndpoint,
        json!({"applicationID": ID, "name": "Orders", "description": "d", "enabled": true,
               "consumeURL": "/orders", "url": "https://erp.example.com/orders",
               "authType": "Bearer", "inputMessageType": "JSON", "outputMessageType": "XML",
               "logLevel": "FULL"}),
    );
    round_trips::<ManagerTrigger>(
        RecordType::ManagerTrigger,
        json!({"applicationID": ID, "name": "Nightly", "description": "d",
               "cronExpression": "0 2 * * *", "runKey": "nightly-sync", "enabled": false}),
    );
    round_trips::<ManagerBackendSettings>(
        RecordType::ManagerBackendSettings,
        json!({"projectID": ID, "tenantID": ID, "applicationID": ID, "EnabledModules": ["billing"],
               "KeyValuePairs": [{"Key": "region", "Value": "eu"}]}),
    );
    round_trips::<ManagerFrontendSettings>(
        RecordType::ManagerFrontendSettings,
        json!({"projectID": ID, "tenantID": ID, "applicationID": ID, "EnabledThemes": ["dark"],
               "DefaultTheme": "dark", "EnabledLocales": ["en", "de"], "DefaultLocale": "en",
               "EnabledModules": ["shop"], "KeyValuePairs": [{"Key": "k", "Value": "v"}]}),
    );
}

#[test]
fn a_new_invitation_is_its_descriptors_create_shape() {
    let create = RecordType::Invitation.descriptor().create.unwrap();
    let full = json!({"recipient_email": "a@example.com", "recipient_phone": "+4915112345678",
                      "role": "admin", "channel": "sms", "language": "de",
                      "personal_message": "Hallo", "expires_in_hours": 48});
    let mut keys: Vec<&str> = full
        .as_object()
        .unwrap()
        .keys()
        .map(String::as_str)
        .collect();
    let mut shape: Vec<&str> = names(create.fields).collect();
    keys.sort();
    shape.sort();
    assert_eq!(keys, shape);
    let typed: NewInvitation = serde_json::from_value(full.clone()).unwrap();
    assert_eq!(serde_json::to_value(typed).unwrap(), full);
}

#[test]
fn a_new_user_and_its_patch_are_their_descriptors_shapes() {
    let d = RecordType::User.descriptor();
    let full = json!({"email": "ada@example.com", "displayName": "Ada", "locale": "en",
                      "settings": {}, "typeDefinitionId": ID});
    let mut keys: Vec<&str> = full
        .as_object()
        .unwrap()
        .keys()
        .map(String::as_str)
        .collect();
    let mut shape: Vec<&str> = names(d.create.unwrap().fields).collect();
    keys.sort();
    shape.sort();
    assert_eq!(keys, shape);
    let typed: NewUser = serde_json::from_value(full.clone()).unwrap();
    assert_eq!(serde_json::to_value(typed).unwrap(), full);
    let patch = json!({"firstName": "Ada", "middleName": null, "lastName": "L",
                       "displayName": null, "locale": "fr", "settings": {"a": 1},
                       "typeDefinitionId": null});
    let mut keys: Vec<&str> = patch
        .as_object()
        .unwrap()
        .keys()
        .map(String::as_str)
        .collect();
    let mut shape: Vec<&str> = names(d.update.unwrap().fields).collect();
    keys.sort();
    shape.sort();
    assert_eq!(keys, shape);
    let typed: UserPatch = serde_json::from_value(patch.clone()).unwrap();
    assert_eq!(serde_json::to_value(typed).unwrap(), patch);
    assert!(serde_json::from_value::<UserPatch>(json!({"status": "retired"})).is_err());
}

#[test]
fn a_contact_patch_tells_absent_from_null() {
    let patch: ContactPatch =
        serde_json::from_value(json!({"email": null, "phone": "+1"})).unwrap();
    assert_eq!(patch.email, Some(None), "null clears");
    assert_eq!(patch.phone, Some(Some("+1".into())), "a value sets");
    assert_eq!(patch.notes, None, "absent keeps");
    assert_eq!(
        serde_json::to_value(&patch).unwrap(),
        json!({"email": null, "phone": "+1"})
    );
}

#[test]
fn enums_refuse_values_the_seed_does_not_have() {
    let bad = json!({"calendarId": ID, "kind": "party", "title": "x", "startsAt": AT,
                     "endsAt": AT, "timezone": "UTC"});
    assert!(serde_json::from_value::<Entry>(bad).is_err());
}
