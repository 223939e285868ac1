//! The audit log: every mutation that changes something writes one entry, in the same flush as
//! the change. `changes` holds each changed field as `{"old", "new"}` (only `new` on a create,
//! only `old` on a delete); secrets and `updatedAt` are left out.

use async_graphql::ID;
use serde_json::{json, Map, Value};

use crate::auth::Caller;
use crate::ids::{new_id, now};
use crate::records::AuditLog;
use crate::store::Data;

/// Where the request came from, for `ipAddress` and `userAgent`.
#[derive(Debug, Clone, Default)]
pub struct Origin {
    pub ip: Option<String>,
    pub user_agent: Option<String>,
}

/// One change to log.
pub struct Entry<'a> {
    pub project: Option<&'a str>,
    pub entity_type: &'static str,
    pub entity_id: &'a str,
    /// `create`, `update`, `delete`, `revoke`, `promote` or `copy`.
    pub action: &'static str,
    /// The GraphQL operation or REST route that made the change.
    pub operation: &'static str,
    pub description: String,
    pub before: Option<Value>,
    pub after: Option<Value>,
}

/// Fields never copied into the log.
const HIDDEN: &[&str] = &["keyHash", "tokenHash", "updatedAt", "base64"];

/// `{field: {old, new}}` for the fields that differ.
pub fn diff(before: Option<&Value>, after: Option<&Value>) -> Value {
    let empty = Map::new();
    let obj = |v: Option<&Value>| v.and_then(Value::as_object).cloned();
    let (b, a) = (obj(before), obj(after));
    let (b_ref, a_ref) = (b.as_ref().unwrap_or(&empty), a.as_ref().unwrap_or(&empty));
    let mut out = Map::new();
    for key in b_ref.keys().chain(a_ref.keys()) {
        if HIDDEN.contains(&key.as_str()) || out.contains_key(key) {
            continue;
        }
        let (old, new) = (b_ref.get(key), a_ref.get(key));
        if old == new {
            continue;
        }
        let mut change = Map::new();
        if let (Some(old), true) = (old, b.is_some()) {
            change.insert("old".into(), old.clone());
        }
        if let (Some(new), true) = (new, a.is_some()) {
            change.insert("new".into(), new.clone());
        }
        out.insert(key.clone(), Value::Object(change));
    }
    Value::Object(out)
}

/// The JSON of a record, for [`Entry::before`] and [`Entry::after`].
pub fn snapshot<T: serde::Serialize>(row: &T) -> Option<Value> {
    serde_json::to_value(row).ok()
}

pub fn record(data: &mut Data, caller: &Caller, origin: &Origin, entry: Entry<'_>) {
    let mut metadata = json!({ "operation": entry.operation });
    if let Caller::Machine { id, .. } = caller {
        metadata["machineUserId"] = json!(id);
    }
    let id = new_id();
    let log = AuditLog {
        id: id.clone(),
        project_id: entry.project.map(|p| ID(p.to_owned())),
        entity_type: entry.entity_type.to_owned(),
        entity_id: ID(entry.entity_id.to_owned()),
        action: entry.action.to_owned(),
        description: entry.description,
        metadata,
        changes: diff(entry.before.as_ref(), entry.after.as_ref()),
        ip_address: origin.ip.clone(),
        user_agent: origin.user_agent.clone(),
        created_at: now(),
        user_id: caller.user_id().map(|u| ID(u.to_owned())),
    };
    data.audit_logs.insert(id.to_string(), log);
}
