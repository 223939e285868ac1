use std::net::{IpAddr, Ipv4Addr, SocketAddr};

use anyhow::Context;
use clap::Parser;
use outpost_devserver::{demo, start, DemoOptions, DevServerConfig, FaultConfig, Scale};

/// Which API the devserver serves.
#[derive(clap::ValueEnum, Clone, Copy, Debug, PartialEq, Eq)]
enum Api {
    /// The platform's REST API (../shared/seeds/platform-api-endpoints.txt)
    Platform,
    /// The Manager's GraphQL and REST API (../shared/seeds/manager-api-reference.txt)
    Manager,
}

/// A local implementation of the platform API, for development, demos and tests.
#[derive(Parser, Debug)]
#[command(name = "outpost-devserver", version)]
struct Args {
    /// The API to serve
    #[arg(long, value_enum, default_value_t = Api::Platform)]
    api: Api,
    /// Port to listen on (0 picks a free one).
    #[arg(long, default_value_t = 8787)]
    port: u16,
    /// Address to bind. Loopback by default; the devserver is not meant for a network.
    #[arg(long, default_value_t = IpAddr::V4(Ipv4Addr::LOCALHOST))]
    host: IpAddr,
    /// Load demo data: tenants, a demo admin, a user with two-factor sign-in
    #[arg(long)]
    demo: bool,
    /// Seed of the demo data (the same seed gives the same data)
    #[arg(long, default_value_t = 42)]
    seed: u64,
    /// Size of the demo: small, large (100,000 contacts and 50,000 entries in the first demo
    /// tenant) or a number of contacts (entries: half as many). With --api manager: small is
    /// the four demo projects, large 25 times as many, a number that many times as many
    #[arg(long, default_value = "small")]
    scale: Scale,
    /// Turn fault injection on, with the control endpoint /_faults
    #[arg(long)]
    faults: bool,
    /// Starting fault rules: a JSON file `{"seed": 7, "rules": [...]}` (implies --faults)
    #[arg(long)]
    faults_file: Option<std::path::PathBuf>,
    /// Seed of the fault dice (the same seed injects the same faults into the same requests)
    #[arg(long)]
    faults_seed: Option<u64>,
    /// Per-user rate limit in requests per minute (429 with Retry-After past it); 0 is off
    #[arg(long, default_value_t = 0)]
    rate_limit: u32,
    /// SQLite file that stores the data: loaded when it holds data (the demo is then not seeded
    /// again), created and seeded when new. Without it the data lives in memory only.
    #[arg(long, value_name = "FILE")]
    data: Option<std::path::PathBuf>,
}

#[tokio::main]
async fn main() -> std::process::ExitCode {
    // A refusal to start (a bad faults file, a damaged data file, a port in use) is one line
    // with its causes, not a backtrace, and a non-zero exit status.
    match run().await {
        Ok(()) => std::process::ExitCode::SUCCESS,
        Err(e) => {
            eprintln!("outpost-devserver: {e:#}");
            std::process::ExitCode::FAILURE
        }
    }
}

async fn run() -> anyhow::Result<()> {
    // Logs (one line per request, see request_log.rs) go to stderr, so that stdout carries only
    // the lines below (URL, demo users, TOTP secret) for scripts and tests to read. RUST_LOG
    // overrides the level, e.g. RUST_LOG=outpost_devserver=debug.
    tracing_subscriber::fmt()
        .with_writer(std::io::stderr)
        .with_ansi(std::io::IsTerminal::is_terminal(&std::io::stderr()))
        .with_env_filter(
            tracing_subscriber::EnvFilter::try_from_default_env().unwrap_or_else(|_| "info".into()),
        )
        .init();
    let args = Args::parse();
    let demo = args.demo.then_some(DemoOptions {
        seed: args.seed,
        scale: args.scale,
    });
    let faults = match &args.faults_file {
        Some(path) => Some(read_faults(path)?),
        None => args.faults.then(FaultConfig::default),
    }
    .map(|mut f| {
        if let Some(seed) = args.faults_seed {
            f.seed = seed;
        }
        f
    });
    let stop = stop_signal()?;
    if args.api == Api::Manager {
        return run_manager(&args, faults, stop).await;
    }
    // start() refuses rules that cannot be used, naming the rule and the field.
    let server = start(DevServerConfig {
        bind: SocketAddr::new(args.host, args.port),
        demo,
        faults: faults.clone(),
        rate_limit_per_minute: args.rate_limit,
        data: args.data.clone(),
        ..DevServerConfig::default()
    })
    .await?;
    println!("outpost-devserver listening on {}", server.base_url());
    if let Some(path) = &args.data {
        println!("data stored in {}", path.display());
    }
    println!(
        "second-factor codes sent by sms, email or whatsapp: {}/_dev/sent-codes",
        server.base_url()
    );
    if let Some(f) = &faults {
        println!(
            "fault injection on (seed {}, {} rules): {}/_faults",
            f.seed,
            f.rules.len(),
            server.base_url()
        );
    }
    if args.rate_limit > 0 {
        println!(
            "rate limit: {} requests per minute per user",
            args.rate_limit
        );
    }
    if let Some(options) = demo {
        println!(
            "demo admin:      {} / {}",
            demo::ADMIN_EMAIL,
            demo::ADMIN_PASSWORD
        );
        println!(
            "two-factor user: {} / {} (TOTP secret {}, backup codes {})",
            demo::TOTP_USER_EMAIL,
            demo::TOTP_USER_PASSWORD,
            demo::totp_secret(options),
            demo::BACKUP_CODES.join(", ")
        );
    }
    stop.await;
    println!("shutting down");
    server.shutdown().await
}

/// Serves the Manager's API (`--api manager`) with the same flags, behind the same fault layer.
async fn run_manager(
    args: &Args,
    faults: Option<FaultConfig>,
    stop: impl std::future::Future<Output = ()>,
) -> anyhow::Result<()> {
    use outpost_manager_devserver as manager;
    let scale = match args.scale {
        Scale::Small => 1,
        Scale::Large => 25,
        Scale::Contacts(n) => u32::try_from(n.max(1)).unwrap_or(u32::MAX),
    };
    let contents = match args.demo {
        true => manager::Contents::Demo(manager::DemoOptions {
            seed: args.seed,
            scale,
        }),
        false => manager::Contents::Admin { seed: args.seed },
    };
    let opened = manager::open(&manager::Options {
        data: args.data.clone(),
        contents,
    })?;
    let bind = SocketAddr::new(args.host, args.port);
    let server = outpost_devserver::serve(opened.router, bind, faults.clone()).await?;
    println!(
        "outpost-devserver (Manager API) listening on {}",
        server.base_url()
    );
    println!(
        "GraphQL: POST {0}/query (explore it at {0}/gql)",
        server.base_url()
    );
    if let Some(path) = &args.data {
        println!("data stored in {}", path.display());
    }
    if let Some(f) = &faults {
        println!(
            "fault injection on (seed {}, {} rules): {}/_faults",
            f.seed,
            f.rules.len(),
            server.base_url()
        );
    }
    if let Some(token) = &opened.admin_token {
        println!("manager token: {token}");
    }
    stop.await;
    println!("shutting down");
    server.shutdown().await
}

/// The `--faults-file` config; errors name the file.
fn read_faults(path: &std::path::Path) -> anyhow::Result<FaultConfig> {
    let text = std::fs::read(path)
        .with_context(|| format!("cannot read the faults file {}", path.display()))?;
    serde_json::from_slice(&text)
        .with_context(|| format!("the faults file {} is not a fault config", path.display()))
}

/// Resolves on Ctrl-C (SIGINT) or SIGTERM. Listening starts before the server prints its URL: a
/// signal sent as soon as the URL is read must reach this, not the default handler, which
/// would end the process without the graceful shutdown.
#[cfg(unix)]
fn stop_signal() -> anyhow::Result<impl std::future::Future<Output = ()>> {
    use tokio::signal::unix::{signal, SignalKind};
    let mut interrupt = signal(SignalKind::interrupt())?;
    let mut terminate = signal(SignalKind::terminate())?;
    Ok(async move {
        tokio::select! {
            _ = interrupt.recv() => {}
            _ = terminate.recv() => {}
        }
    })
}

#[cfg(not(unix))]
fn stop_signal() -> anyhow::Result<impl std::future::Future<Output = ()>> {
    Ok(async {
        let _ = tokio::signal::ctrl_c().await;
    })
}
