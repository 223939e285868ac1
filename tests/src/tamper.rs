//! An HTTP proxy in front of the devserver that can rewrite the JSON of its answers, for tests
//! of what the client does with an answer that breaks the API schema. The devserver itself only
//! gives well-formed answers, so this is the one place a test makes the server "wrong", and it
//! changes nothing but the answers the test picks.

use std::net::SocketAddr;
use std::sync::atomic::{AtomicUsize, Ordering};
use std::sync::{Arc, Mutex};

use axum::body::{to_bytes, Body};
use axum::extract::{Request, State};
use axum::http::{HeaderName, HeaderValue, StatusCode};
use axum::response::Response;
use axum::Router;
use serde_json::Value;
use tokio::sync::oneshot;

/// Rewrites an answer: gets the request's path and query (`/api/v1/secure/contacts?limit=200&
/// offset=0`) and the answer's JSON; returns true when it changed it.
pub type Rewrite = Box<dyn Fn(&str, &mut Value) -> bool + Send + Sync>;

struct Shared {
    upstream: String,
    client: reqwest::Client,
    rewrite: Mutex<Option<Rewrite>>,
    rewritten: AtomicUsize,
}

pub struct Tamper {
    addr: SocketAddr,
    shared: Arc<Shared>,
    _stop: oneshot::Sender<()>,
}

impl Tamper {
    /// A proxy to `upstream` (a base URL), passing everything through until [`Tamper::set`].
    pub async fn to(upstream: &str) -> Tamper {
        let shared = Arc::new(Shared {
            upstream: upstream.trim_end_matches('/').to_string(),
            client: reqwest::Client::new(),
            rewrite: Mutex::new(None),
            rewritten: AtomicUsize::new(0),
        });
        let app = Router::new().fallback(forward).with_state(shared.clone());
        let listener = tokio::net::TcpListener::bind("127.0.0.1:0").await.unwrap();
        let addr = listener.local_addr().unwrap();
        let (stop, stopped) = oneshot::channel::<()>();
        tokio::spawn(async move {
            axum::serve(listener, app)
                .with_graceful_shutdown(async {
                    let _ = stopped.await;
                })
                .await
        });
        Tamper {
            addr,
            shared,
            _stop: stop,
        }
    }

    pub fn base_url(&self) -> String {
        format!("http://{}", self.addr)
    }

    /// From now on every JSON answer goes through `rewrite`.
    pub fn set(&self, rewrite: impl Fn(&str, &mut Value) -> bool + Send + Sync + 'static) {
        *self.shared.rewrite.lock().unwrap() = Some(Box::new(rewrite));
    }

    /// Answers pass through unchanged again.
    pub fn clear(&self) {
        *self.shared.rewrite.lock().unwrap() = None;
    }

    /// How many answers were changed so far.
    pub fn rewritten(&self) -> usize {
        self.shared.rewritten.load(Ordering::SeqCst)
    }
}

/// Headers that belong to one hop, not to the request or answer.
fn end_to_end(name: &str) -> bool {
    !matches!(
        name,
        "host" | "connection" | "content-length" | "transfer-encoding" | "keep-alive"
    )
}

async fn forward(State(shared): State<Arc<Shared>>, request: Request) -> Response {
    let (parts, body) = request.into_parts();
    let target = parts
        .uri
        .path_and_query()
        .map(|p| p.as_str().to_string())
        .unwrap_or_else(|| "/".into());
    let body = to_bytes(body, usize::MAX).await.unwrap_or_default();
    let method = reqwest::Method::from_bytes(parts.method.as_str().as_bytes()).unwrap();
    let mut upstream = shared
        .client
        .request(method, format!("{}{target}", shared.upstream))
        .body(body.to_vec());
    for (name, value) in &parts.headers {
        if end_to_end(name.as_str()) {
            upstream = upstream.header(name.as_str(), value.as_bytes());
        }
    }
    let Ok(answer) = upstream.send().await else {
        return Response::builder()
            .status(StatusCode::BAD_GATEWAY)
            .body(Body::empty())
            .unwrap();
    };
    let status = answer.status().as_u16();
    let headers: Vec<(String, Vec<u8>)> = answer
        .headers()
        .iter()
        .filter(|(n, _)| end_to_end(n.as_str()))
        .map(|(n, v)| (n.as_str().to_string(), v.as_bytes().to_vec()))
        .collect();
    let mut bytes = answer.bytes().await.unwrap_or_default().to_vec();
    if let Ok(mut json) = serde_json::from_slice::<Value>(&bytes) {
        let changed = shared
            .rewrite
            .lock()
            .unwrap()
            .as_ref()
            .is_some_and(|rewrite| rewrite(&target, &mut json));
        if changed {
            shared.rewritten.fetch_add(1, Ordering::SeqCst);
            bytes = serde_json::to_vec(&json).unwrap();
        }
    }
    let mut response = Response::builder().status(status);
    for (name, value) in headers {
        response = response.header(
            HeaderName::from_bytes(name.as_bytes()).unwrap(),
            HeaderValue::from_bytes(&value).unwrap(),
        );
    }
    response.body(Body::from(bytes)).unwrap()
}
