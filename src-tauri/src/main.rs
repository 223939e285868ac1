//! The desktop shell: wiring only. Logic lives in `outpost-app`.

// No console window on Windows release builds.
#![cfg_attr(not(debug_assertions), windows_subsystem = "windows")]

mod commands;
mod events;
mod launch;

fn main() -> std::process::ExitCode {
    launch::run()
}
