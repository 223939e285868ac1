//! The command surface of Outpost: every operation the UI or the CLI can call, in one place.
//!
//! The desktop shell forwards its single IPC command to [`dispatch`]; the HTTP bridge does the
//! same for a UI running in a plain browser; the CLI calls the typed methods of [`App`] directly.
//! The TypeScript side of the boundary is generated from these Rust types ([`bindings`]).

mod accounts;
pub mod autosync;
pub mod bindings;
pub mod bridge;
pub mod changes;
pub mod commands;
#[cfg(feature = "demo")]
pub mod demo;
pub mod diagnostics;
mod error;
pub mod events;
pub mod file_lock;
mod json_store;
mod locks;
pub mod paths;
mod replica_turns;
mod run_lock;
pub mod servers;
mod session;
mod state;
pub mod vault;
pub mod views;
pub mod watch_folder;

pub use accounts::{Account, AccountRegistry};
pub use commands::accounts::{SessionState, SignInStatus, TenantView};
pub use commands::info::{AppInfo, ServerHealth};
pub use commands::{command_names, dispatch};
pub use error::AppError;
pub use events::{AppEvent, Dataset};
pub use state::{App, AppConfig};
