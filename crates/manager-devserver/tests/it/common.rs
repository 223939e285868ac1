//! A Manager devserver on loopback, served the way the binary serves it (the platform
//! devserver's `serve`), and a client that speaks its GraphQL and REST.

use outpost_devserver::{FaultConfig, RunningServer};
use outpost_manager_devserver::{open, Contents, DemoOptions, Options};
use serde_json::{json, Value};

pub struct Server {
    pub base: String,
    /// The administrator's personal access token.
    pub token: String,
    pub http: reqwest::Client,
    running: RunningServer,
}

/// A server holding the records the seed's examples name (`project-uuid`, `app-uuid`, ...).
pub async fn examples() -> Server {
    start(
        Options {
            data: None,
            contents: Contents::SeedExamples,
        },
        None,
    )
    .await
}

/// A server with the demo of seed 42.
pub async fn demo() -> Server {
    start(
        Options {
            data: None,
            contents: Contents::Demo(DemoOptions::default()),
        },
        None,
    )
    .await
}

pub async fn start(options: Options, faults: Option<FaultConfig>) -> Server {
    let manager = open(&options).expect("the Manager opens");
    let running = outpost_devserver::serve(manager.router, "127.0.0.1:0".parse().unwrap(), faults)
        .await
        .expect("the server starts");
    Server {
        base: running.base_url(),
        token: manager.admin_token.unwrap_or_default(),
        http: reqwest::Client::new(),
        running,
    }
}

/// The first error of a GraphQL answer: its code, its field (bad input) and its message.
#[derive(Debug)]
pub struct GqlError {
    pub code: String,
    pub field: Option<String>,
    pub message: String,
}

impl Server {
    pub async fn stop(self) {
        self.running.shutdown().await.expect("the server stops");
    }

    /// The whole answer to a GraphQL request, sent with `auth` as the Authorization header.
    pub async fn post(&self, auth: Option<&str>, query: &str, variables: Value) -> Value {
        let mut req = self
            .http
            .post(format!("{}/query", self.base))
            .json(&json!({ "query": query, "variables": variables }));
        if let Some(auth) = auth {
            req = req.header("Authorization", auth);
        }
        let res = req.send().await.expect("the server answers");
        assert_eq!(res.status(), 200, "GraphQL answers 200, errors in the body");
        res.json().await.expect("a JSON answer")
    }

    /// `data` of a request as the administrator; fails the test on any error.
    pub async fn ok(&self, query: &str, variables: Value) -> Value {
        self.ok_as(&self.token.clone(), query, variables).await
    }

    pub async fn ok_as(&self, token: &str, query: &str, variables: Value) -> Value {
        let answer = self
            .post(Some(&format!("Bearer {token}")), query, variables)
            .await;
        assert!(answer.get("errors").is_none(), "{query}\n→ {answer:#}");
        answer["data"].clone()
    }

    /// The first error of a request as the administrator; fails the test when it succeeds.
    pub async fn fails(&self, query: &str, variables: Value) -> GqlError {
        self.fails_as(&format!("Bearer {}", self.token), query, variables)
            .await
    }

    pub async fn fails_as(&self, auth: &str, query: &str, variables: Value) -> GqlError {
        let answer = self.post(Some(auth), query, variables).await;
        let e = answer["errors"]
            .get(0)
            .unwrap_or_else(|| panic!("{query} should fail\n→ {answer:#}"));
        GqlError {
            code: e["extensions"]["code"]
                .as_str()
                .unwrap_or_default()
                .to_owned(),
            field: e["extensions"]["field"].as_str().map(str::to_owned),
            message: e["message"].as_str().unwrap_or_default().to_owned(),
        }
    }

    pub fn url(&self, path: &str) -> String {
        format!("{}{path}", self.base)
    }
}

/// A query that lists the projects and their first ids down the tree, to find demo records.
pub const TREE: &str = "{ projects { id slug tenants { id slug applications { id slug endpoints { id name } triggers { id } } } } }";

/// The ids of the first project, tenant and application of a [`TREE`] answer.
pub fn first_app(tree: &Value) -> (String, String, String) {
    let p = &tree["projects"][0];
    let t = &p["tenants"][0];
    let a = &t["applications"][0];
    let s = |v: &Value| v.as_str().expect("an id").to_owned();
    (s(&p["id"]), s(&t["id"]), s(&a["id"]))
}
