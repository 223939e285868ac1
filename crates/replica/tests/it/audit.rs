//! The audit log kept offline: a row seen twice is kept once, searches by actor, record,
//! action and date range find exactly their rows newest first, each through its index, and
//! one tenant's log is not another's.

use crate::common::*;
use outpost_replica::AuditQuery;
use serde_json::{json, Value};

fn row(id: &str, actor: &str, action: &str, kind: &str, record: &str, at: &str) -> Value {
    json!({"id": id, "tenantId": TENANT, "user_id": actor, "action": action,
           "resource_type": kind, "resource_id": record, "details": null, "created_at": at})
}

fn ids(entries: &[outpost_replica::AuditEntry]) -> Vec<&str> {
    entries.iter().map(|e| e.id.as_str()).collect()
}

fn all() -> AuditQuery {
    AuditQuery {
        limit: 100,
        ..AuditQuery::default()
    }
}

#[test]
fn the_log_is_searched_by_actor_record_action_and_dates() {
    let t = open();
    let scope = t.replica.tenant(TENANT);
    let rows = [
        row(
            "a1",
            "ana",
            "created",
            "contact",
            "c-1",
            "2026-03-01T09:00:00Z",
        ),
        row(
            "a2",
            "ben",
            "updated",
            "contact",
            "c-1",
            "2026-03-02T09:00:00Z",
        ),
        row(
            "a3",
            "ana",
            "deleted",
            "group",
            "g-1",
            "2026-03-03T09:00:00Z",
        ),
        row(
            "a4",
            "ben",
            "updated",
            "tenant",
            "t-1",
            "2026-03-04T09:00:00.500+02:00",
        ),
    ];
    assert_eq!(scope.store_audit_rows(&rows).unwrap(), 4);
    assert_eq!(scope.store_audit_rows(&rows[2..]).unwrap(), 0, "kept once");
    assert_eq!(
        ids(&scope.search_audit(&all()).unwrap()),
        ["a4", "a3", "a2", "a1"]
    );
    let by = |q: AuditQuery| ids(&scope.search_audit(&q).unwrap()).join(",");
    assert_eq!(
        by(AuditQuery {
            actor: Some("ana".into()),
            ..all()
        }),
        "a3,a1"
    );
    assert_eq!(
        by(AuditQuery {
            resource_id: Some("c-1".into()),
            ..all()
        }),
        "a2,a1"
    );
    assert_eq!(
        by(AuditQuery {
            resource_type: Some("contact".into()),
            action: Some("updated".into()),
            ..all()
        }),
        "a2"
    );
    let ms = |s: &str| {
        chrono::DateTime::parse_from_rfc3339(s)
            .unwrap()
            .timestamp_millis()
    };
    assert_eq!(
        by(AuditQuery {
            since_ms: Some(ms("2026-03-02T09:00:00Z")),
            until_ms: Some(ms("2026-03-04T07:00:00.500Z")),
            ..all()
        }),
        "a3,a2",
        "since is inclusive, until exclusive, times compared in UTC"
    );
    assert_eq!(by(AuditQuery { limit: 1, ..all() }), "a4");
    assert_eq!(
        scope.audit_newest_ms().unwrap(),
        Some(ms("2026-03-04T07:00:00.500Z"))
    );
    let other = t.replica.tenant(OTHER_TENANT);
    assert!(other.search_audit(&all()).unwrap().is_empty());
    assert_eq!(other.audit_newest_ms().unwrap(), None);
}

#[test]
fn each_filter_reads_through_its_index() {
    let t = open();
    for (filter, index) in [
        ("actor = 'ana'", "audit_log_by_actor"),
        ("resource_id = 'c-1'", "audit_log_by_record"),
        ("action = 'updated'", "audit_log_by_action"),
        ("at_ms >= 0", "audit_log_by_time"),
    ] {
        let sql = format!(
            "EXPLAIN QUERY PLAN SELECT id FROM audit_log WHERE tenant_id = 't' AND {filter} \
             ORDER BY at_ms DESC LIMIT 50"
        );
        let plan: Vec<String> = t
            .replica
            .conn()
            .prepare(&sql)
            .unwrap()
            .query_map([], |r| r.get::<_, String>(3))
            .unwrap()
            .collect::<Result<_, _>>()
            .unwrap();
        let plan = plan.join(" | ");
        assert!(plan.contains(index), "{filter}: {plan}");
        assert!(!plan.contains("TEMP B-TREE"), "{filter} sorts: {plan}");
    }
}

#[test]
fn a_row_without_a_readable_time_is_refused_naming_it() {
    let t = open();
    let scope = t.replica.tenant(TENANT);
    let bad = row("z", "ana", "created", "contact", "c", "yesterday");
    let e = scope.store_audit_rows(&[bad]).unwrap_err();
    assert!(e.to_string().contains("created_at"), "{e}");
    assert!(scope.search_audit(&all()).unwrap().is_empty());
}
