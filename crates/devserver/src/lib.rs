//! A local implementation of the platform API (see ../shared/seeds/platform-api-endpoints.txt),
//! served on loopback for development, the demo, tests and benchmarks.
//!
//! Embedders (the desktop demo, integration tests, benchmarks) call [`start`] and get a running
//! server on a chosen or random port; the `outpost-devserver` binary is a thin wrapper around it.

mod auth;
mod body;
mod calendar;
mod clock;
mod contacts;
pub mod demo;
mod directory;
mod error;
mod events;
mod faults;
mod links;
mod paging;
mod rate_limit;
mod rejections;
mod request_log;
mod routes;
mod state;
mod storage;
mod tenants;
pub mod totp;

use std::net::SocketAddr;
use std::path::PathBuf;
use std::sync::Arc;
use std::time::Duration;

use tokio::sync::oneshot;
use tokio::task::JoinHandle;

pub use demo::{DemoOptions, Scale};
pub use error::ApiError;
pub use faults::{FaultConfig, FaultKind, FaultRule};

/// How to start a devserver.
#[derive(Debug, Clone)]
pub struct DevServerConfig {
    /// Address to bind; loopback by default. Port 0 picks a free port.
    pub bind: SocketAddr,
    /// Demo data (tenants, users with roles, a TOTP user); `None` starts empty.
    pub demo: Option<DemoOptions>,
    /// How long an access token lives (tests shorten it to exercise refresh).
    pub access_token_ttl: Duration,
    /// Fault injection with these starting rules and the `/_faults` control endpoint;
    /// `None` (the default) leaves both out.
    pub faults: Option<FaultConfig>,
    /// Per-user rate limit in requests per minute: past it a user gets 429 with
    /// `Retry-After`. 0 (the default) turns limiting off.
    pub rate_limit_per_minute: u32,
    /// The SQLite file that stores the data. When it holds data, the server starts with that
    /// data (and does not seed the demo again); when it is new or empty, it is seeded as without
    /// a file. `None` (the default) keeps the database in memory.
    pub data: Option<PathBuf>,
    /// How many events of the catch-up feed each tenant keeps (the oldest go first; a cursor
    /// older than the kept events is answered `CURSOR_EXPIRED`). Tests make it small.
    pub events_kept_per_tenant: usize,
}

impl Default for DevServerConfig {
    fn default() -> Self {
        Self {
            bind: SocketAddr::from(([127, 0, 0, 1], 0)),
            demo: None,
            access_token_ttl: Duration::from_secs(3600),
            faults: None,
            rate_limit_per_minute: 0,
            data: None,
            events_kept_per_tenant: events::DEFAULT_KEPT,
        }
    }
}

/// A devserver serving in the background. Dropping it does not stop it; call [`RunningServer::shutdown`].
pub struct RunningServer {
    addr: SocketAddr,
    stop: Option<oneshot::Sender<()>>,
    task: JoinHandle<std::io::Result<()>>,
}

impl RunningServer {
    /// The address the server listens on.
    pub fn addr(&self) -> SocketAddr {
        self.addr
    }

    /// The base URL clients use, e.g. `http://127.0.0.1:41234`.
    pub fn base_url(&self) -> String {
        format!("http://{}", self.addr)
    }

    /// Stops accepting connections, lets in-flight requests finish, and waits for the server.
    pub async fn shutdown(mut self) -> anyhow::Result<()> {
        if let Some(stop) = self.stop.take() {
            let _ = stop.send(());
        }
        self.task.await??;
        Ok(())
    }
}

/// Checks the fault rules, opens the data (see [`DevServerConfig::data`]), binds the listener
/// and starts serving in the background. A fault rule that cannot be used is an error naming
/// the rule and its field. A data file that is not a devserver database, is damaged, or has a
/// newer schema is an error naming it, and is left as it is.
pub async fn start(config: DevServerConfig) -> anyhow::Result<RunningServer> {
    if let Some(problem) = config.faults.as_ref().and_then(FaultConfig::problem) {
        anyhow::bail!("the fault rules cannot be used: {problem}");
    }
    let db = storage::Db::open(config.data.as_deref())?;
    let auth = auth::store::AuthStore::new(config.access_token_ttl);
    let began = std::time::Instant::now();
    let state = if db.holds_data()? {
        let name = db.name();
        let state = Arc::new(state::AppState::load(
            auth,
            db,
            config.events_kept_per_tenant,
        )?);
        let ms = began.elapsed().as_millis();
        tracing::info!(file = %name, ms, "devserver data loaded (the demo is not seeded again)");
        state
    } else {
        let state = seed(auth, db, &config);
        let seeded = began.elapsed().as_millis();
        state.write_all().await?;
        let ms = began.elapsed().as_millis() - seeded;
        let file = config.data.as_ref().map(|p| p.display().to_string());
        let file = file.unwrap_or_else(|| ":memory:".into());
        tracing::info!(%file, seeded_ms = seeded, written_ms = ms, "devserver data seeded");
        state
    };
    let listener = tokio::net::TcpListener::bind(config.bind)
        .await
        .map_err(|e| anyhow::anyhow!("cannot listen on {}: {e}", config.bind))?;
    let addr = listener.local_addr()?;
    let dev = auth::two_factor::dev_router(state.clone())
        .merge(auth::password_reset::dev_router(state.clone()));
    // Write-through sits inside the fault layer: a lost response was stored first.
    let mut app = routes::router(state.clone())
        .layer(axum::middleware::from_fn_with_state(
            state.clone(),
            state::write_through,
        ))
        .layer(axum::middleware::from_fn_with_state(
            state.clone(),
            tenants::requests::count,
        ));
    if let Some(limiter) = rate_limit::Limiter::new(config.rate_limit_per_minute) {
        app = app.layer(axum::middleware::from_fn_with_state(
            (state, limiter),
            rate_limit::limit,
        ));
    }
    // `/_dev` sits outside the fault layer: the test reading sent codes is never faulted.
    let (stop, task) = listen(listener, app, dev, config.faults, edge);
    tracing::info!(%addr, "devserver listening");
    Ok(RunningServer {
        addr,
        stop: Some(stop),
        task,
    })
}

/// Serves `app` on `listener`: behind the fault layer, with its `/_faults` control endpoint
/// beside it, when `faults` is given; then `outside` (routes no fault touches) merged in, and
/// `outer` around all of it. Returns the way to stop it and its task.
fn listen(
    listener: tokio::net::TcpListener,
    app: axum::Router,
    outside: axum::Router,
    faults: Option<FaultConfig>,
    outer: fn(axum::Router) -> axum::Router,
) -> (oneshot::Sender<()>, JoinHandle<std::io::Result<()>>) {
    let (stop_tx, stop_rx) = oneshot::channel::<()>();
    let stopped = async {
        let _ = stop_rx.await;
    };
    let task = match faults {
        None => {
            let app = outer(app.merge(outside));
            tokio::spawn(async move {
                axum::serve(
                    listener,
                    app.into_make_service_with_connect_info::<SocketAddr>(),
                )
                .with_graceful_shutdown(stopped)
                .await
            })
        }
        Some(rules) => {
            let faults = faults::shared(rules);
            let app = app
                .layer(axum::middleware::from_fn_with_state(
                    faults.clone(),
                    faults::inject,
                ))
                .merge(faults::control(faults))
                .merge(outside);
            let app = outer(app);
            let listener = faults::CuttableListener(listener);
            tokio::spawn(async move {
                axum::serve(
                    listener,
                    app.into_make_service_with_connect_info::<faults::KillSwitch>(),
                )
                .with_graceful_shutdown(stopped)
                .await
            })
        }
    };
    (stop_tx, task)
}

/// The outermost layers, around every route (`/_faults` and `/_dev` too): plain-text refusals
/// become StandardErrorResponses, then the request log sees each answer as the client gets it,
/// injected faults included.
fn edge(app: axum::Router) -> axum::Router {
    app.layer(axum::middleware::from_fn(rejections::standard_errors))
        .layer(axum::middleware::from_fn(request_log::log))
}

/// The data of a new server: the demo's when asked for, else nothing.
fn seed(
    mut auth: auth::store::AuthStore,
    db: storage::Db,
    config: &DevServerConfig,
) -> Arc<state::AppState> {
    let mut contacts = contacts::ContactStore::default();
    let mut calendars = calendar::CalendarStore::default();
    let mut directory = directory::DirectoryStore::default();
    let anchor = calendar::demo::month_start(chrono::Utc::now());
    let mut admin_audit = Vec::new();
    if let Some(options) = config.demo {
        demo::seed_auth(&mut auth, options);
        directory::demo::seed_people(&mut auth, options);
        directory::demo::seed(&mut directory, &auth);
        demo::seed_links(&mut contacts, &directory, &auth);
        demo::seed_contacts(&mut contacts, options);
        calendar::demo::seed(&mut calendars, options, anchor);
        // Last, so that what the demo had before stays as it was.
        admin_audit = directory::demo_admin::seed(&mut directory, &mut auth, anchor);
    }
    let events = events::Events::new(config.events_kept_per_tenant);
    let state = Arc::new(state::AppState::new(auth, db, events));
    *state.contacts() = contacts;
    for (tenant, kind, row) in calendars.created_rows() {
        let text = |key: &str| row[key].as_str().unwrap_or_default();
        state.audit_at(
            tenant,
            text("createdBy"),
            "created",
            kind,
            text("id"),
            text("createdAt"),
        );
    }
    if let Some((options, (contact_count, entry_count))) =
        config.demo.and_then(|o| o.scale.targets().map(|t| (o, t)))
    {
        // Bulk rows go straight into the store. Of them only the series get audit rows: the
        // client discovers series through the log alone, and one row per one-off entry would
        // make the log (read newest first on every pull) tens of thousands of rows long.
        demo::grow_contacts(&mut state.contacts(), options, contact_count);
        let series = calendar::bulk::grow(&mut calendars, options, anchor, entry_count);
        let (tenant, author) = (demo::tenant_id("acme-field"), demo::admin_id());
        for (id, at) in series {
            state.audit_at(&tenant, &author, "created", "recurrence_master", &id, &at);
        }
    }
    for (tenant, user, action, kind, id, at) in &admin_audit {
        state.audit_at(tenant, user, action, kind, id, at);
    }
    *state.calendars() = calendars;
    *state.directory() = directory;
    state
}

/// Serves another API's router (the Manager's, `--api manager`) the way [`start`] serves the
/// platform's: on `bind`, behind the fault layer with its `/_faults` control endpoint when
/// `faults` is given, with the request log around it all.
pub async fn serve(
    app: axum::Router,
    bind: SocketAddr,
    faults: Option<FaultConfig>,
) -> anyhow::Result<RunningServer> {
    if let Some(problem) = faults.as_ref().and_then(FaultConfig::problem) {
        anyhow::bail!("the fault rules cannot be used: {problem}");
    }
    let listener = tokio::net::TcpListener::bind(bind)
        .await
        .map_err(|e| anyhow::anyhow!("cannot listen on {bind}: {e}"))?;
    let addr = listener.local_addr()?;
    // Another API keeps its own error shapes: only the request log goes around it.
    let (stop, task) = listen(listener, app, axum::Router::new(), faults, |app| {
        app.layer(axum::middleware::from_fn(request_log::log))
    });
    tracing::info!(%addr, "devserver listening");
    Ok(RunningServer {
        addr,
        stop: Some(stop),
        task,
    })
}
