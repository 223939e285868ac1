//! The small JSON files that several processes rewrite (`accounts.json`, `servers.json`).
//!
//! The desktop app and the CLI can change them at the same moment. Each change reads, changes
//! and writes the file while holding `<file>.lock` (see [`crate::file_lock`]), so no update is
//! lost; each write goes to a temporary file of its own and is renamed into place, so a reader
//! (who takes no lock) sees the old file or the new one, never half of one or a mix of two.

use std::path::Path;

use crate::accounts::{io_error, write_owner_only};
use crate::error::AppError;
use crate::file_lock::{self, FileLock};

/// Holds the write lock of `file` until dropped. Read, change and write under it.
pub(crate) fn writing(file: &Path) -> Result<FileLock, AppError> {
    let lock = lock_path(file);
    file_lock::lock_blocking(&lock).map_err(|e| io_error(&lock, e))
}

fn lock_path(file: &Path) -> std::path::PathBuf {
    let mut name = file.file_name().unwrap_or_default().to_os_string();
    name.push(".lock");
    file.with_file_name(name)
}

/// Writes `bytes` to `file` (owner-only) through a temporary file no other writer uses.
pub(crate) fn write_atomically(file: &Path, bytes: &[u8]) -> Result<(), AppError> {
    let dir = file.parent().unwrap_or(Path::new("."));
    std::fs::create_dir_all(dir).map_err(|e| io_error(dir, e))?;
    let mut name = file.file_name().unwrap_or_default().to_os_string();
    name.push(format!(
        ".{}.{}.tmp",
        std::process::id(),
        uuid::Uuid::new_v4()
    ));
    let tmp = file.with_file_name(name);
    if let Err(e) = write_owner_only(&tmp, bytes) {
        let _ = std::fs::remove_file(&tmp);
        return Err(io_error(&tmp, e));
    }
    // Rename is atomic: a crash leaves the old file or the new one, never half of one.
    std::fs::rename(&tmp, file).map_err(|e| {
        let _ = std::fs::remove_file(&tmp);
        io_error(file, e)
    })
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn the_lock_sits_beside_the_file() {
        assert_eq!(
            lock_path(Path::new("/d/accounts.json")),
            Path::new("/d/accounts.json.lock")
        );
    }

    #[test]
    fn a_write_leaves_no_temporary_file_behind() {
        let dir = tempfile::tempdir().unwrap();
        let file = dir.path().join("servers.json");
        write_atomically(&file, b"{}").unwrap();
        write_atomically(&file, b"{\"a\":1}").unwrap();
        let names: Vec<String> = std::fs::read_dir(dir.path())
            .unwrap()
            .map(|e| e.unwrap().file_name().to_string_lossy().into_owned())
            .collect();
        assert_eq!(names, ["servers.json"]);
        assert_eq!(std::fs::read(&file).unwrap(), b"{\"a\":1}");
    }
}
