//! `outpost`: the headless front end of Outpost, for scripts and field laptops.

mod accounts;
mod approvals;
mod audit;
mod calendars;
mod column_map;
mod contacts;
mod fields;
mod groups;
mod invitations;
mod links;
mod output;
mod output_calendar;
mod output_records;
mod output_transfer;
mod own_account;
mod places;
mod servers;
mod sync;
mod tenant_admin;
mod transfer;
mod users;
mod watch;

use std::net::{IpAddr, Ipv4Addr, SocketAddr};
use std::path::PathBuf;
use std::process::ExitCode;
use std::sync::Arc;

use clap::{Parser, Subcommand};
use outpost_app::{App, AppConfig, AppError};

use crate::output::Output;

#[derive(Parser, Debug)]
#[command(
    name = "outpost",
    version,
    about = "Outpost: local-first admin console, from the terminal"
)]
struct Cli {
    /// Folder with Outpost's replicas and settings [default: the platform's app-data folder]
    #[arg(long, global = true, env = "OUTPOST_DATA_DIR")]
    data_dir: Option<PathBuf>,
    /// The server: its base URL, e.g. https://api.example.com, or the name of a server profile
    #[arg(long, global = true, env = "OUTPOST_SERVER")]
    server: Option<String>,
    /// Print machine-readable JSON instead of text
    #[arg(long, global = true)]
    json: bool,
    #[command(subcommand)]
    command: Command,
}

#[derive(Subcommand, Debug)]
enum Command {
    /// Version, data folder and server of this installation
    Info,
    /// Talk to the server
    #[command(subcommand)]
    Server(ServerCommand),
    /// Serve the UI and the command surface on loopback, for a browser
    Bridge(BridgeArgs),
    /// Named servers (profiles) to sign in to
    #[command(subcommand)]
    Servers(servers::ServersCommand),
    /// Sign in to a server (asks for the second factor when the account has one)
    Login(accounts::LoginArgs),
    /// Sign out of the active account: revoke on the server, delete the tokens
    Logout(accounts::LogoutArgs),
    /// The accounts known on this machine
    #[command(subcommand)]
    Accounts(accounts::AccountsCommand),
    /// The signed-in user's tenants
    #[command(subcommand)]
    Tenants(accounts::TenantsCommand),
    /// The active tenant's contacts (edits work offline)
    #[command(subcommand)]
    Contacts(Box<contacts::ContactsCommand>),
    /// Links between contacts and users, spaces or resources
    #[command(subcommand)]
    Links(Box<links::LinksCommand>),
    /// The active tenant's calendars (edits work offline)
    #[command(subcommand)]
    Calendars(Box<calendars::CalendarsCommand>),
    /// Entries, series and occurrences (edits work offline)
    #[command(subcommand)]
    Entries(Box<calendars::EntriesCommand>),
    /// Reminders of entries and series
    #[command(subcommand)]
    Reminders(Box<links::RemindersCommand>),
    /// The active tenant's groups and their members (edits work offline; owners and admins)
    #[command(subcommand)]
    Groups(Box<groups::GroupsCommand>),
    /// Requests waiting for approval, decided offline (owners and admins)
    #[command(subcommand)]
    Approvals(Box<approvals::ApprovalsCommand>),
    /// Invitations to the active tenant (sent at the next sync; owners and admins)
    #[command(subcommand)]
    Invitations(Box<invitations::InvitationsCommand>),
    /// The active tenant's users (made and edited offline; owners and admins)
    #[command(subcommand)]
    Users(Box<users::UsersCommand>),
    /// The active tenant's spaces (made, edited and deleted offline)
    #[command(subcommand)]
    Spaces(Box<places::PlacesCommand>),
    /// The active tenant's resources (made, edited and deleted offline)
    #[command(subcommand)]
    Resources(Box<places::PlacesCommand>),
    /// Your own account: password, second factors, leaving a tenant (online only)
    #[command(subcommand)]
    Account(Box<own_account::AccountCommand>),
    /// The active tenant's audit log as pulled, searched offline
    #[command(subcommand)]
    Audit(Box<audit::AuditCommand>),
    /// The tenant's users, groups, spaces or resources
    Directory {
        #[arg(value_enum)]
        kind: links::DirectoryKind,
    },
    /// Import a .ics, .vcf or .csv file (a preview with --dry-run); works offline
    Import(transfer::ImportCmd),
    /// Export contacts (vCard 4.0 or 3.0, CSV) or calendars (iCalendar, optionally some dates) to a
    /// file or standard output; works offline
    Export(transfer::ExportCmd),
    /// A folder whose dropped .ics, .vcf and .csv files are imported
    #[command(subcommand)]
    Watch(watch::WatchCommand),
    /// Send local edits to the server and pull its changes (Ctrl-C stops it; nothing is lost)
    Sync(sync::SyncCmd),
    /// What waits, what failed, what conflicts, and the last sync
    Status,
    /// The local edits not yet on the server
    #[command(subcommand)]
    Outbox(sync::OutboxCommand),
    /// Edits that clash with changes made on the server
    #[command(subcommand)]
    Conflicts(sync::ConflictsCommand),
    /// Past sync runs, newest first
    History {
        #[arg(long, default_value_t = 20)]
        limit: u32,
    },
}

#[derive(Subcommand, Debug)]
enum ServerCommand {
    /// Check that the server answers, and how fast
    Health,
}

#[derive(clap::Args, Debug)]
struct BridgeArgs {
    /// The built UI to serve (ui/dist)
    #[arg(long)]
    ui_dir: Option<PathBuf>,
    /// Port on 127.0.0.1 (0 picks a free one)
    #[arg(long, default_value_t = 0)]
    port: u16,
    /// Also allow calls from this origin (e.g. the Vite dev server)
    #[arg(long = "allow-origin")]
    allow_origins: Vec<String>,
    /// Start an in-process devserver with demo data and use it as the server
    #[arg(long)]
    demo: bool,
}

fn main() -> ExitCode {
    tracing_subscriber::fmt()
        .with_writer(std::io::stderr)
        .with_env_filter(
            tracing_subscriber::EnvFilter::try_from_default_env().unwrap_or_else(|_| "warn".into()),
        )
        .init();
    let cli = Cli::parse();
    let out = Output { json: cli.json };
    let runtime = match tokio::runtime::Runtime::new() {
        Ok(rt) => rt,
        Err(e) => {
            eprintln!("error: cannot start: {e}");
            return ExitCode::FAILURE;
        }
    };
    match runtime.block_on(run(cli, out)) {
        Ok(()) => ExitCode::SUCCESS,
        Err(e) => {
            out.error(&e);
            ExitCode::FAILURE
        }
    }
}

async fn run(cli: Cli, out: Output) -> Result<(), AppError> {
    let data_dir = cli
        .data_dir
        .clone()
        .unwrap_or_else(outpost_app::paths::default_data_dir);
    let server_url = servers::resolve(&data_dir, cli.server.clone())?;
    let mut config = AppConfig {
        data_dir,
        server_url,
        demo: false,
    };
    match cli.command {
        Command::Info => {
            let app = App::new(config)?;
            out.app_info(&app.app_info(Default::default()).await?);
        }
        Command::Server(ServerCommand::Health) => {
            let app = App::new(config)?;
            out.server_health(&app.server_health(Default::default()).await?);
        }
        Command::Bridge(args) => bridge(config, args, out).await?,
        Command::Login(args) => {
            let server = config.server_url.take();
            accounts::login(&App::new(config)?, server, args, out).await?
        }
        Command::Servers(cmd) => servers::servers(&App::new(config)?, cmd, out).await?,
        Command::Logout(args) => accounts::logout(&App::new(config)?, args, out).await?,
        Command::Accounts(cmd) => accounts::accounts(&App::new(config)?, cmd, out).await?,
        Command::Tenants(cmd) => accounts::tenants(&App::new(config)?, cmd, out).await?,
        Command::Contacts(cmd) => contacts::contacts(&App::new(config)?, *cmd, out).await?,
        Command::Links(cmd) => links::links(&App::new(config)?, *cmd, out).await?,
        Command::Groups(cmd) => groups::groups(&App::new(config)?, *cmd, out).await?,
        Command::Approvals(cmd) => approvals::approvals(&App::new(config)?, *cmd, out).await?,
        Command::Account(cmd) => own_account::account(&App::new(config)?, *cmd, out).await?,
        Command::Audit(cmd) => audit::audit(&App::new(config)?, *cmd, out).await?,
        Command::Invitations(cmd) => {
            invitations::invitations(&App::new(config)?, *cmd, out).await?
        }
        Command::Users(cmd) => users::users(&App::new(config)?, *cmd, out).await?,
        Command::Spaces(cmd) => places::spaces(&App::new(config)?, *cmd, out).await?,
        Command::Resources(cmd) => places::resources(&App::new(config)?, *cmd, out).await?,
        Command::Calendars(cmd) => calendars::calendars(&App::new(config)?, *cmd, out).await?,
        Command::Entries(cmd) => calendars::entries(&App::new(config)?, *cmd, out).await?,
        Command::Reminders(cmd) => links::reminders(&App::new(config)?, *cmd, out).await?,
        Command::Directory { kind } => links::directory(&App::new(config)?, kind, out).await?,
        Command::Import(cmd) => transfer::import(&App::new(config)?, cmd, out).await?,
        Command::Export(cmd) => transfer::export(&App::new(config)?, cmd, out).await?,
        Command::Watch(cmd) => watch::watch(Arc::new(App::new(config)?), cmd, out).await?,
        Command::Sync(cmd) => sync::sync(&App::new(config)?, cmd, out).await?,
        Command::Status => sync::status(&App::new(config)?, out).await?,
        Command::Outbox(cmd) => sync::outbox(&App::new(config)?, cmd, out).await?,
        Command::Conflicts(cmd) => sync::conflicts(&App::new(config)?, cmd, out).await?,
        Command::History { limit } => sync::history(&App::new(config)?, limit, out).await?,
    }
    Ok(())
}

async fn bridge(mut config: AppConfig, args: BridgeArgs, out: Output) -> Result<(), AppError> {
    let internal = |e: anyhow::Error| AppError::new("internal", e.to_string());
    let _demo = if args.demo {
        // Never the user's own data folder: the demo's sign-in and data are thrown away.
        let demo = outpost_app::demo::start_throwaway()
            .await
            .map_err(internal)?;
        config = demo.config.clone();
        Some(demo)
    } else {
        None
    };
    let app = Arc::new(App::new(config)?);
    if let Some(demo) = &_demo {
        outpost_app::demo::sign_in(&app, demo).await?;
    }
    let _autosync = outpost_app::autosync::spawn(app.clone());
    let _watch_folder = outpost_app::watch_folder::spawn(app.clone());
    let bridge = outpost_app::bridge::start(
        app,
        outpost_app::bridge::BridgeConfig {
            bind: SocketAddr::new(IpAddr::V4(Ipv4Addr::LOCALHOST), args.port),
            ui_dir: args.ui_dir,
            extra_origins: args.allow_origins,
        },
    )
    .await
    .map_err(internal)?;
    out.bridge_started(&bridge);
    tokio::signal::ctrl_c()
        .await
        .map_err(|e| internal(e.into()))?;
    bridge.shutdown().await.map_err(internal)
}
