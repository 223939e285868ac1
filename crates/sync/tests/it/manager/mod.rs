//! The Manager as the second remote: its GraphQL devserver on loopback (the demo of seed 42),
//! a real replica file, and a colleague editing through the Manager's GraphQL directly. Each
//! module is one story: the first sync, creates made offline, merges and conflicts, refusals.

mod actions;
mod creates;
mod first_sync;
mod inherited;
mod merges;
mod refusals;
mod settings;

use std::sync::Mutex;

use outpost_devserver::RunningServer;
use outpost_manager_devserver::{open, Contents, DemoOptions, Options};
use outpost_platform::Secret;
use outpost_replica::{Entity, OpState, OutboxOp, Record, Replica, Source};
use outpost_sync::{sync_manager, ManagerClient, SyncOptions, MANAGER_SCOPE};
use serde_json::{json, Map, Value};

pub struct ManagerRig {
    pub server: RunningServer,
    pub client: ManagerClient,
    pub replica: Mutex<Replica>,
    token: String,
    http: reqwest::Client,
    _dir: tempfile::TempDir,
}

/// The Manager's demo on loopback and an empty replica.
pub async fn rig() -> ManagerRig {
    let manager = open(&Options {
        data: None,
        contents: Contents::Demo(DemoOptions::default()),
    })
    .expect("the Manager opens");
    let token = manager.admin_token.expect("the demo has an administrator");
    let server = outpost_devserver::serve(manager.router, "127.0.0.1:0".parse().unwrap(), None)
        .await
        .expect("the Manager serves");
    let dir = tempfile::tempdir().unwrap();
    ManagerRig {
        client: ManagerClient::new(&server.base_url(), Secret::new(token.clone())).unwrap(),
        replica: Mutex::new(Replica::open(dir.path().join("manager.db")).unwrap()),
        token,
        http: reqwest::Client::new(),
        server,
        _dir: dir,
    }
}

pub fn obj(v: Value) -> Map<String, Value> {
    v.as_object().unwrap().clone()
}

impl ManagerRig {
    pub async fn sync(&self) -> outpost_replica::RunReport {
        sync_manager(&self.client, &self.replica, &SyncOptions::default())
            .await
            .unwrap()
    }

    /// The colleague's request: the whole answer.
    pub async fn gql_answer(&self, query: &str, variables: Value) -> Value {
        self.http
            .post(format!("{}/query", self.server.base_url()))
            .bearer_auth(&self.token)
            .json(&json!({ "query": query, "variables": variables }))
            .send()
            .await
            .unwrap()
            .json()
            .await
            .unwrap()
    }

    /// The colleague's request's `data`; fails the test on an error.
    pub async fn gql(&self, query: &str, variables: Value) -> Value {
        let answer = self.gql_answer(query, variables).await;
        assert!(answer.get("errors").is_none(), "{answer}");
        answer["data"].clone()
    }

    /// The whole tree on the server: projects with their tenants, applications, endpoints
    /// and triggers.
    pub async fn server_tree(&self) -> Vec<Value> {
        let data = self
            .gql(
                "{ projects(pagination: {limit: 500, offset: 0}) { id slug name description \
                 tenants { id slug name applications { id slug name description version \
                 endpoints { id consumeURL } triggers { id runKey cronExpression } } } } }",
                json!({}),
            )
            .await;
        data["projects"].as_array().unwrap().clone()
    }

    pub fn local(&self, t: Entity) -> Vec<Record> {
        let r = self.replica.lock().unwrap();
        r.tenant(MANAGER_SCOPE).records(t, None).unwrap()
    }

    pub fn create(&self, t: Entity, fields: Value) -> Record {
        let r = self.replica.lock().unwrap();
        r.tenant(MANAGER_SCOPE)
            .create_record(Source::User, t, obj(fields))
            .unwrap()
    }

    pub fn update(&self, t: Entity, id: &str, patch: Value) -> Record {
        let r = self.replica.lock().unwrap();
        r.tenant(MANAGER_SCOPE)
            .update_record(Source::User, t, id, obj(patch))
            .unwrap()
    }

    pub fn get(&self, t: Entity, id: &str) -> Record {
        let r = self.replica.lock().unwrap();
        r.tenant(MANAGER_SCOPE).get(t, id).unwrap()
    }

    /// The ops not done yet.
    pub fn waiting(&self) -> Vec<OutboxOp> {
        let r = self.replica.lock().unwrap();
        r.tenant(MANAGER_SCOPE).outbox(&[]).unwrap()
    }

    pub fn waiting_states(&self) -> Vec<OpState> {
        self.waiting().into_iter().map(|op| op.state).collect()
    }

    /// The local record of type `t` whose server id is `id`.
    pub fn by_server_id(&self, t: Entity, id: &str) -> Record {
        self.local(t)
            .into_iter()
            .find(|r| r.server_id.as_deref() == Some(id))
            .unwrap_or_else(|| panic!("no local {t} with server id {id}"))
    }
}

/// The text of `key` in a record's fields.
pub fn field<'r>(record: &'r Record, key: &str) -> &'r str {
    record.fields[key].as_str().unwrap_or_default()
}
