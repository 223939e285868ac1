//! Tenants and lifecycle events in the seed's response shapes (snake_case, `type` for the plan).

use serde_json::{json, Value};

use crate::auth::store::{LifecycleEvent, Tenant};

pub fn tenant_json(t: &Tenant) -> Value {
    json!({
        "id": t.id,
        "name": t.name,
        "slug": t.slug,
        "domain": t.domain,
        "status": t.status,
        "description": t.description,
        "type": t.plan,
        "contact_email": t.contact_email,
        "contact_phone": t.contact_phone,
        "settings": t.settings,
        "default_language": t.default_language,
        "additional_languages": t.additional_languages,
        "created_at": t.created_at,
        "updated_at": t.updated_at,
    })
}

pub fn event_json(e: &LifecycleEvent) -> Value {
    json!({
        "tenantId": e.tenant_id,
        "from_status": e.from_status,
        "to_status": e.to_status,
        "from_type": e.from_type,
        "to_type": e.to_type,
        "action": e.action,
        "reason": e.reason,
        "performed_by": e.performed_by,
        "created_at": e.created_at,
    })
}
