//! A tenant's rate limits and domains as records: made, changed, verified and removed offline,
//! each sent once; a create whose answer was lost is found, not made twice; bad input names the
//! field.

use crate::common::{obj, rig, Rig};
use outpost_replica::{Entity, Source};
use serde_json::{json, Value};

impl Rig {
    async fn server_rate_limits(&self) -> Vec<Value> {
        let v: Value = self
            .remote
            .get(
                &format!("/api/v1/secure/tenants/{}/rate-limits", self.tenant),
                &[],
            )
            .await
            .unwrap();
        v["data"].as_array().unwrap().clone()
    }

    fn make_rate_limit(&self, fields: Value) -> outpost_replica::Result<outpost_replica::Record> {
        let r = self.replica.lock().unwrap();
        r.tenant(&self.tenant)
            .create_record(Source::User, Entity::RateLimit, obj(fields))
    }
}

fn contacts_limit() -> Value {
    json!({"endpoint_pattern": "/api/v1/secure/contacts*", "max_requests": 100,
           "window_seconds": 60, "scope_type": "per_user"})
}

#[tokio::test]
async fn a_rate_limit_made_changed_and_removed_offline_reaches_the_server_once_each() {
    let rig = rig().await;
    rig.sync().await;
    let made = rig.make_rate_limit(contacts_limit()).unwrap();
    rig.sync().await;
    let server = rig.server_rate_limits().await;
    assert_eq!(server.len(), 1, "{server:?}");
    assert_eq!(server[0]["max_requests"], 100);
    {
        let r = rig.replica.lock().unwrap();
        r.tenant(&rig.tenant)
            .update_record(
                Source::User,
                Entity::RateLimit,
                &made.local_id,
                obj(json!({"max_requests": 250, "enabled": false})),
            )
            .unwrap();
    }
    rig.sync().await;
    let server = rig.server_rate_limits().await;
    assert_eq!(server[0]["max_requests"], 250);
    assert_eq!(server[0]["enabled"], false);
    {
        let r = rig.replica.lock().unwrap();
        r.tenant(&rig.tenant)
            .delete_record(Source::User, Entity::RateLimit, &made.local_id)
            .unwrap();
    }
    rig.sync().await;
    assert!(rig.server_rate_limits().await.is_empty());
    assert!(rig.outbox_states().is_empty());
}

#[tokio::test]
async fn a_lost_create_is_found_not_made_twice() {
    let rig = rig().await;
    rig.sync().await;
    let made = rig.make_rate_limit(contacts_limit()).unwrap();
    rig.sync().await;
    let second = rig
        .make_rate_limit(json!({"endpoint_pattern": "/api/v1/secure/groups*",
        "max_requests": 5, "window_seconds": 1, "scope_type": "per_ip"}))
        .unwrap();
    // The create reached the server (here sent by hand) but its answer was lost: the op is
    // in flight, as after a crash.
    let _: Value = rig
        .remote
        .send_json(
            outpost_platform::Method::POST,
            &format!("/api/v1/secure/tenants/{}/rate-limits", rig.tenant),
            &json!({"endpoint_pattern": "/api/v1/secure/groups*", "max_requests": 5,
                    "window_seconds": 1, "scope_type": "per_ip"}),
        )
        .await
        .unwrap();
    rig.sent_unanswered(&second.local_id);
    rig.sync().await;
    let server = rig.server_rate_limits().await;
    assert_eq!(server.len(), 2, "no twin: {server:?}");
    let r = rig.replica.lock().unwrap();
    let here = r
        .tenant(&rig.tenant)
        .records(Entity::RateLimit, None)
        .unwrap();
    assert_eq!(here.len(), 2);
    assert!(here.iter().all(|h| h.server_id.is_some()), "{here:?}");
    assert!(here.iter().any(|h| h.local_id == made.local_id));
}

#[tokio::test]
async fn bad_rate_limits_name_the_field_and_queue_nothing() {
    let rig = rig().await;
    for (fields, field) in [
        (
            json!({"max_requests": 1, "window_seconds": 1, "scope_type": "per_ip"}),
            "endpoint_pattern",
        ),
        (
            json!({"endpoint_pattern": "/x", "max_requests": 0, "window_seconds": 1, "scope_type": "per_ip"}),
            "max_requests",
        ),
        (
            json!({"endpoint_pattern": "/x", "max_requests": 1, "window_seconds": 1, "scope_type": "per_planet"}),
            "scope_type",
        ),
    ] {
        let e = rig.make_rate_limit(fields).unwrap_err();
        assert!(e.to_string().contains(field), "{field}: {e}");
    }
    assert!(rig.outbox_states().is_empty());
}

#[tokio::test]
async fn a_domain_added_offline_is_verified_through_syncs() {
    let rig = rig().await;
    rig.sync().await;
    let made = {
        let r = rig.replica.lock().unwrap();
        let scope = r.tenant(&rig.tenant);
        let e = scope
            .create_record(
                Source::User,
                Entity::TenantDomain,
                obj(json!({"domain": "api.acme.test", "domain_type": "web"})),
            )
            .unwrap_err();
        assert!(e.to_string().contains("domain_type"), "{e}");
        scope
            .create_record(
                Source::User,
                Entity::TenantDomain,
                obj(json!({"domain": "api.acme.test", "domain_type": "api"})),
            )
            .unwrap()
    };
    rig.sync().await;
    let path = format!("/api/v1/secure/tenants/{}/domains", rig.tenant);
    let server: Value = rig.remote.get(&path, &[]).await.unwrap();
    let rows = server["data"].as_array().unwrap();
    assert_eq!(rows.len(), 1, "{rows:?}");
    assert_eq!(rows[0]["status"], "pending");
    {
        let r = rig.replica.lock().unwrap();
        r.tenant(&rig.tenant)
            .record_action(
                Source::User,
                Entity::TenantDomain,
                &made.local_id,
                "verify",
                obj(json!({})),
            )
            .unwrap();
    }
    rig.sync().await;
    let server: Value = rig.remote.get(&path, &[]).await.unwrap();
    assert_eq!(server["data"][0]["status"], "verified");
    let r = rig.replica.lock().unwrap();
    let here = r
        .tenant(&rig.tenant)
        .get(Entity::TenantDomain, &made.local_id)
        .unwrap();
    assert_eq!(here.fields["status"], "verified");
    assert!(here.fields["verification_token"].is_string());
}
