//! Cross-crate tests: the sync torture test, background sync, the demo wiring and the import
//! formats, one test binary with a module each.

mod autosync;
mod demo;
mod demo_script;
mod formats_agree;
mod import_formats;
mod torture;
