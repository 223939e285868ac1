//! The test rig of the sync engine: a real devserver with demo data, a real replica file, the
//! user's session, and a colleague editing through the API directly.

#![allow(dead_code)] // each test file uses its own part of the rig

use std::sync::Mutex;

use outpost_devserver::{demo, DemoOptions, DevServerConfig, RunningServer};
use outpost_platform::{Method, Session};
use outpost_replica::{Entity, OpState, Replica};
use outpost_sync::{sync_tenant, SyncOptions};
use outpost_tests::platform::session_as;
use serde_json::{Map, Value};

pub struct Rig {
    pub server: RunningServer,
    pub session: Session,
    /// A second user editing through the API directly: the "remote editor".
    pub remote: Session,
    pub replica: Mutex<Replica>,
    pub tenant: String,
    _dir: tempfile::TempDir,
}

pub async fn session(server: &RunningServer, email: &str, password: &str) -> Session {
    session_as(
        &server.base_url(),
        email,
        password,
        &demo::tenant_id("acme-field"),
    )
    .await
}

pub async fn rig() -> Rig {
    rig_with(DevServerConfig {
        demo: Some(DemoOptions::default()),
        ..DevServerConfig::default()
    })
    .await
}

/// The rig over a devserver started with `config`.
pub async fn rig_with(config: DevServerConfig) -> Rig {
    let server = outpost_devserver::start(config).await.unwrap();
    let dir = tempfile::tempdir().unwrap();
    Rig {
        session: session(&server, demo::ADMIN_EMAIL, demo::ADMIN_PASSWORD).await,
        remote: session(&server, demo::ADMIN_EMAIL, demo::ADMIN_PASSWORD).await,
        replica: Mutex::new(Replica::open(dir.path().join("r.db")).unwrap()),
        tenant: demo::tenant_id("acme-field"),
        server,
        _dir: dir,
    }
}

pub fn obj(v: Value) -> Map<String, Value> {
    v.as_object().unwrap().clone()
}

impl Rig {
    pub async fn sync(&self) -> outpost_replica::RunReport {
        sync_tenant(
            &self.session,
            &self.replica,
            &self.tenant,
            &SyncOptions::default(),
        )
        .await
        .unwrap()
    }

    pub async fn server_contacts(&self) -> Vec<Value> {
        let v: Value = self
            .remote
            .get("/api/v1/secure/contacts", &[("limit", "200".into())])
            .await
            .unwrap();
        v["data"].as_array().unwrap().clone()
    }

    pub async fn remote_patch(&self, id: &str, body: Value) {
        let _: Value = self
            .remote
            .send_json(
                Method::PATCH,
                &format!("/api/v1/secure/contacts/{id}"),
                &body,
            )
            .await
            .unwrap();
    }

    pub fn local(&self, local_id: &str) -> Map<String, Value> {
        let r = self.replica.lock().unwrap();
        r.tenant(&self.tenant)
            .get(Entity::Contact, local_id)
            .unwrap()
            .fields
            .as_object()
            .unwrap()
            .clone()
    }

    pub fn server_id(&self, local_id: &str) -> String {
        let r = self.replica.lock().unwrap();
        r.tenant(&self.tenant)
            .get(Entity::Contact, local_id)
            .unwrap()
            .server_id
            .unwrap()
    }

    /// Marks the op of the record `local` as sent with no answer stored (the engine died or the
    /// connection dropped after sending it): it may or may not be on the server.
    pub fn sent_unanswered(&self, local: &str) {
        let r = self.replica.lock().unwrap();
        let scope = r.tenant(&self.tenant);
        let op = scope
            .outbox(&[])
            .unwrap()
            .into_iter()
            .find(|o| o.local_id == local)
            .unwrap();
        scope.mark_in_flight(&op.op_id).unwrap();
    }

    pub fn outbox_states(&self) -> Vec<OpState> {
        let r = self.replica.lock().unwrap();
        r.tenant(&self.tenant)
            .outbox(&[])
            .unwrap()
            .into_iter()
            .map(|o| o.state)
            .collect()
    }
}
