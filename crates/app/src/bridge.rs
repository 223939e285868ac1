//! The HTTP bridge: the same command surface as the desktop IPC, served on loopback so the UI can
//! run in a plain browser (development, browser tests). Bound to 127.0.0.1 on a random port, and
//! every call must carry the per-launch secret; Host and Origin are checked so a web page the user
//! visits cannot reach it (DNS rebinding, cross-site requests).
//!
//! `GET /events` streams the app's events (Server-Sent Events) under the same checks. The UI
//! reads it with `fetch`, not `EventSource`, precisely so the secret can travel in the
//! `Authorization` header: never in a URL, where logs and histories would keep it.

use std::net::SocketAddr;
use std::path::PathBuf;
use std::sync::Arc;

use axum::body::Bytes;
use axum::extract::{Path, Request, State};
use axum::http::{header, HeaderMap, HeaderValue, StatusCode};
use axum::middleware::{self, Next};
use axum::response::sse::{Event, KeepAlive, Sse};
use axum::response::{IntoResponse, Response};
use axum::routing::{get, post};
use axum::{Json, Router};
use futures_util::stream::{self, Stream, StreamExt};
use rand::RngCore;
use tokio::sync::{broadcast, oneshot};
use tokio::task::JoinHandle;
use tokio_util::sync::CancellationToken;
use tower_http::services::{ServeDir, ServeFile};
use tower_http::set_header::SetResponseHeaderLayer;

use crate::error::AppError;
use crate::events::AppEvent;
use crate::state::App;

/// The Content Security Policy of the UI when served by the bridge: the same rules as the
/// desktop window (see tauri.conf.json): nothing loaded from anywhere but here.
pub const UI_CSP: &str = "default-src 'self'; script-src 'self'; style-src 'self' 'unsafe-inline'; img-src 'self' data:; font-src 'self' data:; connect-src 'self'; object-src 'none'; base-uri 'none'; frame-ancestors 'none'; form-action 'none'";

#[derive(Debug, Clone)]
pub struct BridgeConfig {
    /// Loopback only; port 0 picks a free port.
    pub bind: SocketAddr,
    /// The built UI (`ui/dist`) to serve at `/`, if any.
    pub ui_dir: Option<PathBuf>,
    /// Other origins allowed to call (e.g. the Vite dev server `http://localhost:5173`).
    pub extra_origins: Vec<String>,
}

impl Default for BridgeConfig {
    fn default() -> Self {
        Self {
            bind: SocketAddr::from(([127, 0, 0, 1], 0)),
            ui_dir: None,
            extra_origins: Vec::new(),
        }
    }
}

pub struct RunningBridge {
    addr: SocketAddr,
    secret: String,
    stop: Option<oneshot::Sender<()>>,
    /// Ends the event streams, which would otherwise hold a graceful shutdown open for ever.
    streams: CancellationToken,
    task: JoinHandle<std::io::Result<()>>,
}

impl RunningBridge {
    pub fn addr(&self) -> SocketAddr {
        self.addr
    }

    /// `http://127.0.0.1:PORT`.
    pub fn origin(&self) -> String {
        format!("http://{}", self.addr)
    }

    /// The per-launch secret every `/rpc` call must carry as `Authorization: Bearer ...`.
    pub fn secret(&self) -> &str {
        &self.secret
    }

    /// The address to open in a browser: the UI picks the secret up from the fragment, which
    /// browsers never send to a server or put in a Referer.
    pub fn ui_url(&self) -> String {
        format!("{}/#bridge-secret={}", self.origin(), self.secret)
    }

    pub async fn shutdown(mut self) -> anyhow::Result<()> {
        if let Some(stop) = self.stop.take() {
            let _ = stop.send(());
        }
        self.streams.cancel();
        self.task.await??;
        Ok(())
    }
}

struct BridgeState {
    app: Arc<App>,
    streams: CancellationToken,
    secret: String,
    allowed_hosts: Vec<String>,
    allowed_origins: Vec<String>,
}

pub async fn start(app: Arc<App>, config: BridgeConfig) -> anyhow::Result<RunningBridge> {
    anyhow::ensure!(
        config.bind.ip().is_loopback(),
        "the bridge only listens on loopback addresses, not {}",
        config.bind.ip()
    );
    let listener = tokio::net::TcpListener::bind(config.bind).await?;
    let addr = listener.local_addr()?;
    let secret = new_secret();
    let port = addr.port();
    let allowed_hosts = vec![
        format!("127.0.0.1:{port}"),
        format!("localhost:{port}"),
        format!("[::1]:{port}"),
    ];
    let mut allowed_origins: Vec<String> = allowed_hosts
        .iter()
        .map(|h| format!("http://{h}"))
        .collect();
    allowed_origins.extend(config.extra_origins.iter().cloned());
    let streams = CancellationToken::new();
    let state = Arc::new(BridgeState {
        app,
        streams: streams.clone(),
        secret: secret.clone(),
        allowed_hosts,
        allowed_origins,
    });

    let mut router = Router::new()
        .route("/rpc/{command}", post(rpc))
        .route("/events", get(events));
    if let Some(dir) = &config.ui_dir {
        let index = dir.join("index.html");
        router = router.fallback_service(
            ServeDir::new(dir)
                .fallback(ServeFile::new(index))
                .append_index_html_on_directories(true),
        );
    }
    let router = router
        .layer(SetResponseHeaderLayer::overriding(
            header::CONTENT_SECURITY_POLICY,
            HeaderValue::from_static(UI_CSP),
        ))
        .layer(SetResponseHeaderLayer::overriding(
            header::X_CONTENT_TYPE_OPTIONS,
            HeaderValue::from_static("nosniff"),
        ))
        .layer(middleware::from_fn_with_state(state.clone(), check_host))
        .with_state(state);

    let (stop_tx, stop_rx) = oneshot::channel::<()>();
    let task = tokio::spawn(async move {
        axum::serve(listener, router)
            .with_graceful_shutdown(async {
                let _ = stop_rx.await;
            })
            .await
    });
    Ok(RunningBridge {
        addr,
        secret,
        stop: Some(stop_tx),
        streams,
        task,
    })
}

fn new_secret() -> String {
    let mut bytes = [0u8; 32];
    rand::rng().fill_bytes(&mut bytes);
    bytes.iter().map(|b| format!("{b:02x}")).collect()
}

/// Refuses requests addressed to another host name: a page on evil.example that rebinds its DNS
/// to 127.0.0.1 still sends `Host: evil.example`.
async fn check_host(
    State(state): State<Arc<BridgeState>>,
    request: Request,
    next: Next,
) -> Response {
    let host = request
        .headers()
        .get(header::HOST)
        .and_then(|h| h.to_str().ok())
        .unwrap_or("");
    if !state.allowed_hosts.iter().any(|h| h == host) {
        return error_response(
            StatusCode::FORBIDDEN,
            AppError::new("forbidden", "this address is not served here"),
        );
    }
    next.run(request).await
}

/// The checks every call and stream passes: an allowed Origin (when the browser sends one) and
/// the per-launch secret.
fn authorize(state: &BridgeState, headers: &HeaderMap) -> Result<(), (StatusCode, AppError)> {
    if let Some(origin) = headers.get(header::ORIGIN).and_then(|o| o.to_str().ok()) {
        if !state.allowed_origins.iter().any(|o| o == origin) {
            return Err((
                StatusCode::FORBIDDEN,
                AppError::new("forbidden", "calls from this origin are not allowed"),
            ));
        }
    }
    let presented = headers
        .get(header::AUTHORIZATION)
        .and_then(|v| v.to_str().ok())
        .and_then(|v| v.strip_prefix("Bearer "))
        .unwrap_or("");
    if !constant_time_eq(presented.as_bytes(), state.secret.as_bytes()) {
        return Err((
            StatusCode::UNAUTHORIZED,
            AppError::new("unauthorized", "the bridge secret is missing or wrong"),
        ));
    }
    Ok(())
}

/// The app's events as Server-Sent Events: `event: <kind>` and the event as JSON in `data`.
/// A listener that falls behind gets `resync`. The stream ends when the bridge stops.
async fn events(State(state): State<Arc<BridgeState>>, headers: HeaderMap) -> Response {
    if let Err((status, refusal)) = authorize(&state, &headers) {
        return error_response(status, refusal);
    }
    let rx = state.app.subscribe();
    Sse::new(event_stream(rx).take_until(state.streams.clone().cancelled_owned()))
        // A comment line now and then: proxies and the browser keep a quiet stream open.
        .keep_alive(KeepAlive::default())
        .into_response()
}

fn event_stream(
    rx: broadcast::Receiver<AppEvent>,
) -> impl Stream<Item = Result<Event, std::convert::Infallible>> {
    stream::unfold(rx, |mut rx| async move {
        let event = match rx.recv().await {
            Ok(event) => event,
            Err(broadcast::error::RecvError::Lagged(_)) => AppEvent::Resync,
            Err(broadcast::error::RecvError::Closed) => return None,
        };
        Some((Ok(sse_event(&event)), rx))
    })
}

fn sse_event(event: &AppEvent) -> Event {
    let data = serde_json::to_value(event).unwrap_or_default();
    let kind = data["kind"].as_str().unwrap_or("message").to_string();
    Event::default().event(kind).data(data.to_string())
}

async fn rpc(
    State(state): State<Arc<BridgeState>>,
    Path(command): Path<String>,
    headers: HeaderMap,
    body: Bytes,
) -> Response {
    if let Err((status, refusal)) = authorize(&state, &headers) {
        return error_response(status, refusal);
    }
    let args = if body.iter().all(u8::is_ascii_whitespace) {
        serde_json::Value::Object(Default::default())
    } else {
        match serde_json::from_slice(&body) {
            Ok(v) => v,
            Err(e) => {
                return error_response(
                    StatusCode::BAD_REQUEST,
                    AppError::new("bad_arguments", format!("the body is not JSON: {e}")),
                )
            }
        }
    };
    match crate::dispatch(&state.app, &command, args).await {
        Ok(value) => Json(value).into_response(),
        Err(e) => {
            let status = match e.code.as_str() {
                "unknown_command" => StatusCode::NOT_FOUND,
                "bad_arguments" => StatusCode::BAD_REQUEST,
                _ => StatusCode::UNPROCESSABLE_ENTITY,
            };
            error_response(status, e)
        }
    }
}

fn error_response(status: StatusCode, e: AppError) -> Response {
    (status, Json(e)).into_response()
}

fn constant_time_eq(a: &[u8], b: &[u8]) -> bool {
    a.len() == b.len() && a.iter().zip(b).fold(0u8, |acc, (x, y)| acc | (x ^ y)) == 0
}
