//! `outpost-bench`: Outpost's speed and memory at realistic scale, end to end, printed as the
//! README's performance table. The devserver runs as its own process with `--scale large`
//! (100,000 contacts, 50,000 entries with recurring series) on loopback; this process is the
//! client, driving the same `App` commands the desktop UI calls.
//!
//! `--small` runs every measure on small data (CI checks that it runs and prints its table; its
//! numbers mean nothing), and a 0.2 MB import of each format.
//!
//! `--import-mb 100` measures only imports of ~100 MB files (.vcf, .csv, .ics), each in its own
//! child process: items/s of a preview and an apply, and the peak resident memory.
//!
//! `--million` measures a tenant of a million contacts (`--scale`, 1000000 unless given): the
//! first sync, a resync, search, month views and a deep list page, and the client's peak memory.

mod import_size;
mod measure;
mod million;
mod scenarios;
mod server;

use clap::Parser;

#[derive(Parser, Debug)]
#[command(
    name = "outpost-bench",
    about = "Outpost's benchmarks, printed as a markdown table"
)]
pub struct Args {
    /// Small data, few repetitions: a smoke run
    #[arg(long)]
    pub small: bool,
    /// The devserver's --scale (small data: 2000; else large)
    #[arg(long)]
    pub scale: Option<String>,
    /// Only the sync measures (initial sync, resyncs): the quick loop when tuning sync
    #[arg(long)]
    pub sync_only: bool,
    /// Repetitions of the whole-sync measures
    #[arg(long, default_value_t = 3)]
    pub runs: usize,
    /// Only the import measure, with files of this many MB
    #[arg(long)]
    pub import_mb: Option<f64>,
    /// (internal) one format of the import measure, in a child process
    #[arg(long, hide = true, requires = "server_url")]
    pub import_child: Option<String>,
    /// Only the million-contact measures (the devserver's --scale, 1000000 unless given)
    #[arg(long)]
    pub million: bool,
    /// (internal) the million-contact measures, in a child process
    #[arg(long, hide = true, requires = "server_url")]
    pub million_child: bool,
    /// (internal) the devserver the child signs in to
    #[arg(long, hide = true)]
    pub server_url: Option<String>,
}

fn main() -> anyhow::Result<()> {
    // RUST_LOG=outpost_sync=debug shows where a sync's time goes.
    tracing_subscriber::fmt()
        .with_writer(std::io::stderr)
        .with_env_filter(
            tracing_subscriber::EnvFilter::try_from_default_env().unwrap_or_else(|_| "warn".into()),
        )
        .init();
    let args = Args::parse();
    let runtime = tokio::runtime::Runtime::new()?;
    if let (Some(format), Some(url)) = (&args.import_child, &args.server_url) {
        return runtime.block_on(import_size::child(
            url,
            format,
            args.import_mb.unwrap_or(1.0),
        ));
    }
    if let (true, Some(url)) = (args.million_child, &args.server_url) {
        return runtime.block_on(million::child(url));
    }
    if args.million {
        let scale = args.scale.as_deref().unwrap_or("1000000");
        let rows = million::run(scale)?;
        measure::print_table(
            &rows,
            &format!("Outpost benchmarks (--scale {scale}, one run, release build)"),
        );
        return Ok(());
    }
    let rows = match args.import_mb {
        Some(mb) => import_size::run(mb)?,
        None => {
            let mut rows = runtime.block_on(scenarios::run(&args))?;
            if args.small {
                rows.extend(import_size::run(0.2)?);
            }
            rows
        }
    };
    let header = format!(
        "Outpost benchmarks ({} data, {} run(s) of each whole-sync measure, {} build)",
        if args.small { "small" } else { "large" },
        args.runs,
        if cfg!(debug_assertions) {
            "debug"
        } else {
            "release"
        }
    );
    measure::print_table(&rows, &header);
    Ok(())
}
