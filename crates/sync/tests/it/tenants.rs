//! The tenant as a record: each scope pulls its own tenant, edits merge like any record, and
//! the lifecycle moves (suspend, reactivate, upgrade, ...) are actions queued offline and sent
//! at the next sync; a move the server refuses waits with its words; bad input names the field.

use crate::common::{obj, rig, Rig};
use outpost_devserver::demo;
use outpost_platform::Method;
use outpost_replica::{Entity, OpState, Record, Source};
use outpost_sync::{sync_tenant, SyncOptions};
use serde_json::{json, Value};

impl Rig {
    fn tenant_record(&self) -> Record {
        let r = self.replica.lock().unwrap();
        let mut all = r
            .tenant(&self.tenant)
            .records(Entity::Tenant, None)
            .unwrap();
        assert_eq!(all.len(), 1, "one tenant record per scope: {all:?}");
        all.remove(0)
    }

    async fn server_tenant(&self) -> Value {
        let v: Value = self
            .remote
            .get(&format!("/api/v1/secure/tenants/{}", self.tenant), &[])
            .await
            .unwrap();
        v["data"].clone()
    }

    async fn server_history(&self) -> Vec<Value> {
        let v: Value = self
            .remote
            .get(
                &format!("/api/v1/secure/tenants/{}/lifecycle/history", self.tenant),
                &[],
            )
            .await
            .unwrap();
        v["data"].as_array().unwrap().clone()
    }

    fn lifecycle(&self, action: &str, body: Value) -> outpost_replica::Result<Record> {
        let r = self.replica.lock().unwrap();
        r.tenant(&self.tenant).record_action(
            Source::User,
            Entity::Tenant,
            &self.tenant,
            action,
            obj(body),
        )
    }

    fn edit_tenant(&self, patch: Value) -> outpost_replica::Result<Record> {
        let r = self.replica.lock().unwrap();
        r.tenant(&self.tenant)
            .update_record(Source::User, Entity::Tenant, &self.tenant, obj(patch))
    }

    /// A run that may end in an error (a suspended tenant's data cannot be read).
    async fn sync_any(&self) -> Result<outpost_replica::RunReport, outpost_sync::SyncError> {
        sync_tenant(
            &self.session,
            &self.replica,
            &self.tenant,
            &SyncOptions::default(),
        )
        .await
    }
}

/// The rig in the tenant the demo admin administers without owning it.
async fn northwind() -> Rig {
    let mut rig = rig().await;
    rig.tenant = demo::tenant_id("northwind");
    rig
}

#[tokio::test]
async fn each_scope_pulls_its_own_tenant_only() {
    let rig = rig().await;
    rig.sync().await;
    let here = rig.tenant_record();
    assert_eq!(here.server_id.as_deref(), Some(rig.tenant.as_str()));
    assert_eq!(here.fields["name"], "Acme Field Services");
    assert_eq!(here.fields["status"], "active");
    assert_eq!(here.fields["type"], "enterprise");
    assert!(here.base_updated_at.is_some(), "its change marker is kept");
}

#[tokio::test]
async fn an_edit_made_offline_reaches_the_server_and_merges_with_theirs() {
    let rig = rig().await;
    rig.sync().await;
    rig.edit_tenant(json!({"name": "Acme Field Services EU"}))
        .unwrap();
    // Another administrator changes the languages meanwhile.
    let _: Value = rig
        .remote
        .send_json(
            Method::PATCH,
            &format!("/api/v1/secure/tenants/{}", rig.tenant),
            &json!({"additional_languages": ["de", "fr"]}),
        )
        .await
        .unwrap();
    let report = rig.sync().await;
    assert_eq!(report.pushed, 1, "{report:?}");
    let server = rig.server_tenant().await;
    assert_eq!(server["name"], "Acme Field Services EU");
    assert_eq!(server["additional_languages"], json!(["de", "fr"]));
    let here = rig.tenant_record();
    assert_eq!(here.fields["additional_languages"], json!(["de", "fr"]));
    assert!(!here.has_pending_ops);
}

#[tokio::test]
async fn a_tenant_suspended_offline_is_suspended_and_reactivated_through_a_sync() {
    let rig = northwind().await;
    rig.sync().await;
    rig.lifecycle("suspend", json!({"reason": "Unpaid invoice"}))
        .unwrap();
    assert_eq!(
        rig.tenant_record().fields["status"],
        "active",
        "a move is the server's to make"
    );
    // The move goes first; the suspended tenant's data cannot be read afterwards, and the
    // run says so.
    let suspended = rig.sync_any().await;
    assert!(rig.outbox_states().is_empty(), "{suspended:?}");
    assert_eq!(rig.server_tenant().await["status"], "inactive");
    assert_eq!(rig.tenant_record().fields["status"], "inactive");
    let history = rig.server_history().await;
    assert_eq!(history[0]["action"], "suspend");
    assert_eq!(history[0]["reason"], "Unpaid invoice");

    rig.lifecycle("reactivate", json!({})).unwrap();
    let report = rig.sync().await;
    assert_eq!(report.pushed, 1, "{report:?}");
    assert_eq!(rig.server_tenant().await["status"], "active");
    assert_eq!(rig.tenant_record().fields["status"], "active");
    assert_eq!(rig.server_history().await[0]["action"], "reactivate");
}

#[tokio::test]
async fn a_move_the_server_refuses_waits_with_its_words() {
    let rig = northwind().await;
    rig.sync().await;
    // Archiving is for suspended tenants: the server refuses it for an active one.
    rig.lifecycle("archive", json!({"reason": "closing"}))
        .unwrap();
    rig.sync().await;
    let ops = {
        let r = rig.replica.lock().unwrap();
        r.tenant(&rig.tenant).outbox(&[]).unwrap()
    };
    assert_eq!(ops.len(), 1, "the move is not lost");
    assert_eq!(ops[0].state, OpState::Failed);
    let words = ops[0].last_error.clone().unwrap_or_default();
    assert!(words.contains("archive"), "{words}");
    assert_eq!(rig.server_tenant().await["status"], "active");
}

#[tokio::test]
async fn an_upgrade_goes_up_the_plans() {
    let rig = northwind().await;
    rig.sync().await;
    assert_eq!(rig.tenant_record().fields["type"], "trial");
    rig.lifecycle("upgrade", json!({"target_type": "paid"}))
        .unwrap();
    rig.sync().await;
    assert_eq!(rig.server_tenant().await["type"], "paid");
    assert_eq!(rig.tenant_record().fields["type"], "paid");
}

#[tokio::test]
async fn bad_moves_and_edits_name_the_field_and_queue_nothing() {
    let rig = rig().await;
    rig.sync().await;
    let cases = [
        ("upgrade", json!({}), "target_type"),
        ("upgrade", json!({"target_type": "trial"}), "target_type"),
        ("suspend", json!({"reason": "x".repeat(501)}), "reason"),
        ("suspend", json!({"why": "x"}), "why"),
        ("delete", json!({}), "delete"),
    ];
    for (action, body, field) in cases {
        let e = rig.lifecycle(action, body).unwrap_err();
        assert!(e.to_string().contains(field), "{action}: {e}");
    }
    for (patch, field) in [
        (json!({"name": "A"}), "name"),
        (json!({"status": "closed"}), "status"),
        (json!({"slug": "acme"}), "slug"),
        (json!({"domain": "x".repeat(64)}), "domain"),
    ] {
        let e = rig.edit_tenant(patch).unwrap_err();
        assert!(e.to_string().contains(field), "{field}: {e}");
    }
    assert!(rig.outbox_states().is_empty());
    assert_eq!(rig.tenant_record().fields["name"], "Acme Field Services");
}

#[tokio::test]
async fn the_tenants_history_and_metrics_are_kept_with_when_they_were_read() {
    let rig = northwind().await;
    rig.sync().await;
    rig.lifecycle(
        "upgrade",
        json!({"target_type": "enterprise", "reason": "grew"}),
    )
    .unwrap();
    rig.sync().await;
    let r = rig.replica.lock().unwrap();
    let scope = r.tenant(&rig.tenant);
    let history = scope.read_of("lifecycle_history").unwrap().unwrap();
    assert_eq!(history.body[0]["action"], "upgrade");
    assert_eq!(history.body[0]["reason"], "grew");
    assert!(!history.read_at.is_empty());
    let snapshot = scope.read_of("metrics_snapshot").unwrap().unwrap();
    assert_eq!(snapshot.body["tenantId"], rig.tenant.as_str());
    assert!(scope.read_of("quota_warnings").unwrap().is_some());
    let settings = scope.records(Entity::TenantSettings, None).unwrap();
    assert_eq!(settings.len(), 5, "one record per category: {settings:?}");
}

#[tokio::test]
async fn a_member_keeps_the_history_but_not_the_administration() {
    let mut rig = rig().await;
    // The demo admin is a member of Globex, which is suspended: its data cannot be read, its
    // tenant record and history can.
    rig.tenant = demo::tenant_id("globex");
    let _ = rig.sync_any().await;
    assert_eq!(rig.tenant_record().fields["status"], "inactive");
    let r = rig.replica.lock().unwrap();
    let scope = r.tenant(&rig.tenant);
    assert!(scope.read_of("lifecycle_history").unwrap().is_some());
    assert!(scope.read_of("metrics_snapshot").unwrap().is_none());
    assert!(scope.read_of("metrics_daily").unwrap().is_none());
}

#[tokio::test]
async fn settings_changed_offline_reach_the_server_and_a_reset_restores_the_defaults() {
    let rig = northwind().await;
    rig.sync().await;
    let general = {
        let r = rig.replica.lock().unwrap();
        r.tenant(&rig.tenant)
            .get(Entity::TenantSettings, "general")
            .unwrap()
    };
    let mut settings = general.fields["settings"].clone();
    settings["timezone"] = json!("Europe/Lisbon");
    {
        let r = rig.replica.lock().unwrap();
        r.tenant(&rig.tenant)
            .update_record(
                Source::User,
                Entity::TenantSettings,
                "general",
                obj(json!({ "settings": settings })),
            )
            .unwrap();
    }
    let report = rig.sync().await;
    assert_eq!(report.pushed, 1, "{report:?}");
    let path = format!("/api/v1/secure/tenants/{}/settings/general", rig.tenant);
    let server: Value = rig.remote.get(&path, &[]).await.unwrap();
    assert_eq!(server["data"]["settings"]["timezone"], "Europe/Lisbon");
    assert_eq!(
        server["data"]["settings"]["time_format"], "24h",
        "the rest kept"
    );

    {
        let r = rig.replica.lock().unwrap();
        r.tenant(&rig.tenant)
            .record_action(
                Source::User,
                Entity::TenantSettings,
                "general",
                "reset",
                obj(json!({})),
            )
            .unwrap();
    }
    rig.sync().await;
    let server: Value = rig.remote.get(&path, &[]).await.unwrap();
    assert_eq!(server["data"]["settings"]["timezone"], "Europe/Berlin");
    let r = rig.replica.lock().unwrap();
    let here = r
        .tenant(&rig.tenant)
        .get(Entity::TenantSettings, "general")
        .unwrap();
    assert_eq!(here.fields["settings"]["timezone"], "Europe/Berlin");
    let e = r
        .tenant(&rig.tenant)
        .record_action(
            Source::User,
            Entity::TenantSettings,
            "general",
            "reset",
            obj(json!({"tenant_type": "gold"})),
        )
        .unwrap_err();
    assert!(e.to_string().contains("tenant_type"), "{e}");
}
