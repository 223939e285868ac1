//! The platform's catch-up feed (`GET /api/v1/services/realtime/events/missed`, seed 004) as a
//! [`Feed`]: events `<record>:<created|updated|deleted>` with the record's id (and its parent's)
//! in `data`, answered oldest first with `nextCursor` and `hasMore` (the devserver's decisions,
//! in its README section). The feed names records in its own words; only those the client keeps
//! become [`Change`]s, with the ids the platform remote gives those records.

use outpost_model::{RecordType, RemoteKind};
use outpost_platform::{PlatformError, TenantSession};
use serde_json::Value;

use crate::remote::{Change, Feed};

const PATH: &str = "/api/v1/services/realtime/events/missed";

fn schema(reason: &str) -> PlatformError {
    PlatformError::Schema {
        what: PATH.into(),
        reason: reason.into(),
    }
}

/// The record type the feed's record name is, for those the client keeps: the platform's
/// record types whose stored name is the feed's (`contact`, `group_member`, `user`, ...), and
/// the feed's own words for the series.
fn record_type(name: &str) -> Option<RecordType> {
    let platform = || {
        RecordType::ALL
            .iter()
            .copied()
            .filter(|t| t.descriptor().remote == RemoteKind::Platform)
    };
    if let Some(t) = platform().find(|t| t.as_str() == name) {
        return Some(t);
    }
    Some(match name {
        "series" => RecordType::RecurrenceMaster,
        "series_instance" => RecordType::RecurrenceInstance,
        _ => return None,
    })
}

/// One event as a change, `None` for records the client does not keep.
fn change(event: &Value) -> Result<Option<Change>, PlatformError> {
    let kind = event
        .get("event_type")
        .and_then(Value::as_str)
        .ok_or_else(|| schema("an event has no event_type"))?;
    let (name, action) = kind
        .split_once(':')
        .ok_or_else(|| schema(&format!("the event type {kind:?} is not record:action")))?;
    let Some(record_type) = record_type(name) else {
        return Ok(None);
    };
    let data = event.get("data").unwrap_or(&Value::Null);
    let text = |k: &str| data.get(k).and_then(Value::as_str);
    let id = text("id").ok_or_else(|| schema(&format!("a {kind} event names no id")))?;
    // A membership's id is its group and user (see `members.rs`); the feed names the user.
    let (id, parent) = match record_type {
        RecordType::GroupMember => match text("groupId") {
            Some(group) => (format!("{group}/{id}"), Some(group)),
            None => return Err(schema("a group_member event names no groupId")),
        },
        // Otherwise the record's parent, where the event names it as the record does.
        t => (
            id.to_string(),
            t.descriptor()
                .parents
                .first()
                .and_then(|p| text(p.json_key))
                .or(text("calendarId")),
        ),
    };
    Ok(Some(Change {
        record_type,
        id,
        parent: parent.map(str::to_string),
        deleted: action == "deleted",
    }))
}

pub async fn changes_since(
    http: &TenantSession<'_>,
    cursor: Option<&str>,
    limit: usize,
) -> Result<Feed, PlatformError> {
    let mut query = vec![("limit", limit.clamp(1, 500).to_string())];
    if let Some(cursor) = cursor {
        query.push(("cursor", cursor.to_string()));
    }
    let answer: Value = match http.get(PATH, &query).await {
        Ok(v) => v,
        Err(PlatformError::Api {
            status: 404, body, ..
        }) if body.error == "CURSOR_EXPIRED" => return Ok(Feed::Expired),
        // No feed here (a server without the route) or not for this role.
        Err(e) if matches!(e.status(), Some(403 | 404 | 501)) => return Ok(Feed::Unavailable),
        Err(e) => return Err(e),
    };
    let events = answer
        .get("data")
        .and_then(Value::as_array)
        .ok_or_else(|| schema("data is not an array"))?;
    let mut changes = Vec::new();
    for event in events {
        if let Some(tenant) = event
            .get("data")
            .and_then(|d| d.get("tenantId"))
            .and_then(Value::as_str)
        {
            if tenant != http.tenant() {
                return Err(schema(&format!(
                    "the feed answered an event of tenant {tenant} to a request in tenant {}",
                    http.tenant()
                )));
            }
        }
        changes.extend(change(event)?);
    }
    let next = answer
        .get("nextCursor")
        .and_then(Value::as_str)
        .ok_or_else(|| schema("nextCursor is missing"))?
        .to_string();
    let more = answer
        .get("hasMore")
        .and_then(Value::as_bool)
        .unwrap_or(false);
    Ok(Feed::Changes {
        changes,
        next,
        more,
    })
}

#[cfg(test)]
mod tests {
    use super::*;
    use serde_json::json;

    #[test]
    fn events_become_changes_of_the_records_kept_here() {
        let member = json!({"event_type": "group_member:created",
                            "data": {"id": "u1", "groupId": "g1", "tenantId": "t"}});
        assert_eq!(
            change(&member).unwrap(),
            Some(Change {
                record_type: RecordType::GroupMember,
                id: "g1/u1".into(),
                parent: Some("g1".into()),
                deleted: false
            })
        );
        let series = json!({"event_type": "series:deleted", "data": {"id": "s1"}});
        assert_eq!(
            change(&series).unwrap().unwrap().record_type,
            RecordType::RecurrenceMaster
        );
        let tag = json!({"event_type": "tag:created", "data": {"id": "x"}});
        assert_eq!(change(&tag).unwrap(), None, "tags are not kept here");
        assert!(change(&json!({"event_type": "contact"})).is_err());
        assert!(change(&json!({"event_type": "contact:updated", "data": {}})).is_err());
    }
}
