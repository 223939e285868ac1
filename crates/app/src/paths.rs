//! Where Outpost keeps its files on this machine.

use std::path::PathBuf;

/// `$OUTPOST_DATA_DIR` if set, else the platform's app-data folder (`~/.local/share/outpost` on
/// Linux). The desktop app and the CLI share it so both see the same replicas.
pub fn default_data_dir() -> PathBuf {
    if let Some(dir) = std::env::var_os("OUTPOST_DATA_DIR").filter(|d| !d.is_empty()) {
        return PathBuf::from(dir);
    }
    dirs::data_dir()
        .unwrap_or_else(|| std::env::temp_dir().join("outpost-data"))
        .join("outpost")
}
