//! Start-up: refuse plainly without a display, pick demo or normal mode, open the window.

use std::process::ExitCode;
use std::sync::Arc;

use outpost_app::{App, AppConfig};
use tauri::Manager;

const USAGE: &str = "usage: outpost-desktop [--demo]\n\n  --demo   run against a built-in devserver with demo data\n";

/// With this variable set, the app prints how long it took from start to its first page load
/// (and its resident memory then) and exits: scripts/bench-desktop.sh measures cold starts so.
const STARTUP_PROBE: &str = "OUTPOST_STARTUP_PROBE";

pub fn run() -> ExitCode {
    let started = std::time::Instant::now();
    tracing_subscriber::fmt()
        .with_env_filter(
            tracing_subscriber::EnvFilter::try_from_default_env().unwrap_or_else(|_| "info".into()),
        )
        .init();
    let mut demo = std::env::var("OUTPOST_DEMO").is_ok_and(|v| v == "1");
    for arg in std::env::args().skip(1) {
        match arg.as_str() {
            "--demo" => demo = true,
            "-h" | "--help" => {
                print!("{USAGE}");
                return ExitCode::SUCCESS;
            }
            other => {
                eprint!("unknown argument {other:?}\n\n{USAGE}");
                return ExitCode::from(2);
            }
        }
    }
    if let Some(message) = missing_display() {
        eprintln!("{message}");
        return ExitCode::from(2);
    }

    // Kept alive for the whole run: the demo's devserver and its throw-away data folder.
    let mut demo_parts = None;
    let config = if demo {
        match start_demo() {
            Ok((demo, dir)) => {
                let config = demo.config.clone();
                demo_parts = Some((demo, dir));
                config
            }
            Err(e) => {
                eprintln!("cannot start the demo server: {e:#}");
                return ExitCode::FAILURE;
            }
        }
    } else {
        AppConfig {
            data_dir: outpost_app::paths::default_data_dir(),
            server_url: std::env::var("OUTPOST_SERVER").ok(),
            demo: false,
        }
    };
    let app = match App::new(config) {
        Ok(app) => Arc::new(app),
        Err(e) => {
            eprintln!("cannot start Outpost: {} ({})", e.message, e.code);
            return ExitCode::FAILURE;
        }
    };
    if let Some((demo, _)) = &demo_parts {
        if let Err(e) = tauri::async_runtime::block_on(outpost_app::demo::sign_in(&app, demo)) {
            eprintln!(
                "cannot sign in to the demo server: {} ({})",
                e.message, e.code
            );
            return ExitCode::FAILURE;
        }
        // The demo fills its screens at once: a first sync in the background while the window
        // opens (the UI refreshes on the events it raises).
        let first = app.clone();
        tauri::async_runtime::spawn(async move {
            if let Err(e) = first.sync_now(Default::default()).await {
                eprintln!("the demo's first sync failed: {} ({})", e.message, e.code);
            }
        });
    }

    // Syncs by itself: on the account's timer, and when the server is reachable again.
    tauri::async_runtime::spawn(outpost_app::autosync::run(app.clone()));
    // Imports what is dropped into the watched folder, once the user has chosen one.
    tauri::async_runtime::spawn(outpost_app::watch_folder::run(app.clone()));
    let probe = std::env::var_os(STARTUP_PROBE).is_some();
    let result = tauri::Builder::default()
        // The native file and folder pickers of the import, export and watched-folder forms;
        // the capability allows only its open and save dialogs.
        .plugin(tauri_plugin_dialog::init())
        .on_page_load(move |webview, payload| {
            if probe && payload.event() == tauri::webview::PageLoadEvent::Finished {
                println!(
                    "first page loaded after {} ms, resident memory {} MiB",
                    started.elapsed().as_millis(),
                    outpost_app::diagnostics::resident_mib()
                        .map_or("?".into(), |m| format!("{m:.0}"))
                );
                webview.app_handle().exit(0);
            }
        })
        .setup({
            let app = app.clone();
            move |handle| {
                let window = handle.handle().clone();
                tauri::async_runtime::spawn(crate::events::run(app, window));
                Ok(())
            }
        })
        .manage(app)
        .invoke_handler(tauri::generate_handler![crate::commands::call])
        .run(tauri::generate_context!());
    drop(demo_parts);
    match result {
        Ok(()) => ExitCode::SUCCESS,
        Err(e) => {
            eprintln!("Outpost stopped with an error: {e}");
            ExitCode::FAILURE
        }
    }
}

fn start_demo() -> anyhow::Result<(outpost_app::demo::Demo, tempfile::TempDir)> {
    let dir = tempfile::TempDir::new()?;
    let demo = tauri::async_runtime::block_on(outpost_app::demo::start(dir.path().to_path_buf()))?;
    eprintln!(
        "Outpost demo: devserver on {}",
        demo.config.server_url.as_deref().unwrap_or("?")
    );
    Ok((demo, dir))
}

/// On Linux the window needs an X11 or Wayland display; GTK would panic without one.
fn missing_display() -> Option<String> {
    if !cfg!(target_os = "linux") {
        return None;
    }
    let has = |var: &str| std::env::var_os(var).is_some_and(|v| !v.is_empty());
    if has("DISPLAY") || has("WAYLAND_DISPLAY") {
        return None;
    }
    Some(
        "Outpost needs a graphical display, and this session has none (neither DISPLAY nor \
         WAYLAND_DISPLAY is set).\nOn a headless machine, run it under a virtual display:\n\n    \
         xvfb-run -a outpost-desktop --demo\n"
            .to_string(),
    )
}
