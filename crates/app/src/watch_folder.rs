//! The watched folder: .ics, .vcf and .csv files dropped into a folder the user chose are
//! imported into the active tenant (events into the configured calendar) through the same
//! offline edits as any import, so they sync later. Each file is then moved aside, into
//! `imported/` or `failed/` in that folder, with its report beside it as `<name>.report.json`:
//! nothing is imported twice and nothing is lost silently.
//!
//! Only regular files are taken: a FIFO, a device or a symbolic link (above all one pointing out
//! of the folder) is refused with a report and moved to `failed/`, and a file is opened without
//! following links and checked on the open handle, so it cannot be swapped for a link between
//! the check and the read. One process watches a folder at a time (a lock per folder in the data
//! folder, `watch-locks/`): the desktop app, `outpost bridge` and `outpost watch run` side by
//! side import a file once.

use std::collections::HashSet;
use std::path::{Path, PathBuf};
use std::sync::Arc;
use std::time::Duration;

use chrono::Utc;
use notify::{RecursiveMode, Watcher};
use serde::{Deserialize, Serialize};
use tokio::sync::mpsc;
use ts_rs::TS;

use crate::commands::import::{detect_format, FileFormat, ImportArgs};
use crate::commands::watch::WatchSettings;
use crate::error::AppError;
use crate::file_lock::{self, Attempt, FileLock, Holder};
use crate::state::App;

/// Where imported files go, inside the watched folder.
pub const IMPORTED: &str = "imported";
/// Where files that could not be imported go, inside the watched folder.
pub const FAILED: &str = "failed";
const REPORT_SUFFIX: &str = ".report.json";
/// How often the settings are read again (a folder chosen, changed or turned off).
const SETTINGS_EVERY: Duration = Duration::from_secs(2);
/// A file is taken once its size has stayed the same this long (a copy may still be writing).
const SETTLED_AFTER: Duration = Duration::from_millis(300);

/// What one dropped file became.
#[derive(Debug, Clone, Serialize, Deserialize, PartialEq, TS)]
#[serde(rename_all = "camelCase")]
pub struct WatchReport {
    /// The file's name as it was dropped.
    pub file: String,
    /// Where it is now.
    pub moved_to: String,
    pub at: String,
    /// Why nothing was imported (unreadable, wrong format, no calendar chosen...).
    #[ts(optional)]
    pub error: Option<String>,
    /// What the import did, item by item (an `ImportOutcome`, kept as read back from the
    /// report file).
    #[ts(optional, type = "ImportOutcome")]
    pub outcome: Option<serde_json::Value>,
}

/// The file types the folder takes; anything else is left where it is.
pub fn is_importable(path: &Path) -> bool {
    let name = path
        .file_name()
        .and_then(|n| n.to_str())
        .unwrap_or_default();
    // Hidden files and the partial files of copies in progress are not the user's files yet.
    if name.starts_with('.') || name.ends_with('~') {
        return false;
    }
    matches!(
        path.extension()
            .and_then(|e| e.to_str())
            .map(str::to_ascii_lowercase)
            .as_deref(),
        Some("ics" | "vcf" | "csv")
    )
}

/// Where the locks that make one process a folder's watcher live, in the data folder (not in
/// the watched folder, which holds the user's files only).
const LOCKS_DIR: &str = "watch-locks";

/// Waits until the file stops growing. False when it went away meanwhile. Looks at the entry
/// itself, never where a link points.
async fn settled(path: &Path) -> bool {
    let mut last = None;
    loop {
        let Ok(meta) = tokio::fs::symlink_metadata(path).await else {
            return false;
        };
        let size = meta.len();
        if last == Some(size) {
            return true;
        }
        last = Some(size);
        tokio::time::sleep(SETTLED_AFTER).await;
    }
}

/// A name in `dir` no other file has: the time, then the file's own name.
fn aside(folder: &Path, dir: &str, name: &str) -> PathBuf {
    let stamp = Utc::now().format("%Y%m%dT%H%M%S%.3fZ");
    let base = folder.join(dir);
    let mut candidate = base.join(format!("{stamp}-{name}"));
    let mut n = 2;
    while candidate.exists() {
        candidate = base.join(format!("{stamp}-{n}-{name}"));
        n += 1;
    }
    candidate
}

impl App {
    /// Imports one dropped file with the watched folder's settings, moves it aside and writes
    /// its report beside it. An error is only returned when the file could not be moved (it
    /// then stays where it is, and the caller must not try it again).
    pub async fn import_dropped_file(&self, path: &Path) -> Result<WatchReport, AppError> {
        let settings = self.watch_settings_now().await?;
        let folder = path
            .parent()
            .ok_or_else(|| AppError::new("invalid", "a dropped file must be in a folder"))?;
        let name = path
            .file_name()
            .and_then(|n| n.to_str())
            .unwrap_or("file")
            .to_string();
        let imported = match open_regular(path) {
            Ok(file) => self.import_with(path, &file, &settings).await,
            Err(why) => Err(why),
        };
        let (dir, error, outcome) = match imported {
            Ok(outcome) => (
                IMPORTED,
                None,
                Some(serde_json::to_value(outcome).expect("an import outcome encodes")),
            ),
            Err(why) => (FAILED, Some(why), None),
        };
        let target = aside(folder, dir, &name);
        let io = |what: &str, p: &Path, e: std::io::Error| {
            AppError::new("io", format!("cannot {what} {}: {e}", p.display()))
        };
        std::fs::create_dir_all(folder.join(dir))
            .map_err(|e| io("create", &folder.join(dir), e))?;
        std::fs::rename(path, &target).map_err(|e| io("move", path, e))?;
        let report = WatchReport {
            file: name,
            moved_to: target.display().to_string(),
            at: Utc::now().to_rfc3339(),
            error,
            outcome,
        };
        let report_path = PathBuf::from(format!("{}{REPORT_SUFFIX}", target.display()));
        let text = serde_json::to_vec_pretty(&report).expect("report encodes");
        std::fs::write(&report_path, text).map_err(|e| io("write", &report_path, e))?;
        // A report is a file, not a replica row: the one change the replica's hooks cannot see.
        self.events.send(crate::events::AppEvent::Changed {
            records: vec![crate::events::Dataset::WatchReports],
            changes: vec![],
        });
        Ok(report)
    }
}

impl App {
    /// The import of one dropped file, or why there was none, in words.
    async fn import_with(
        &self,
        path: &Path,
        file: &std::fs::File,
        settings: &WatchSettings,
    ) -> Result<crate::commands::import::ImportOutcome, String> {
        // The format comes from the name (only .ics, .vcf and .csv are taken); the content is
        // read through the handle checked in `open_regular`.
        let format = detect_format(path).map_err(|e| e.message)?;
        if format == FileFormat::Ics && settings.calendar_id.is_none() {
            return Err(
                "no calendar is chosen yet: choose the calendar for .ics files in the watched folder's settings"
                    .into(),
            );
        }
        self.import_apply(ImportArgs {
            path: through_handle(path, file).display().to_string(),
            calendar_id: settings.calendar_id.clone(),
            duplicates: settings.duplicates,
            format: Some(format),
            mapping: None,
        })
        .await
        .map_err(|e| e.message)
    }
}

/// Opens a dropped file for reading if it is a regular file: without following a symbolic link
/// (`O_NOFOLLOW`), without waiting on a FIFO's writer (`O_NONBLOCK`), and checked again on the
/// open handle. Otherwise why not, in words, for its report.
fn open_regular(path: &Path) -> Result<std::fs::File, String> {
    let kind = |t: std::fs::FileType| -> &'static str {
        use std::os::unix::fs::FileTypeExt;
        if t.is_symlink() {
            "a symbolic link"
        } else if t.is_fifo() {
            "a named pipe (FIFO)"
        } else if t.is_block_device() || t.is_char_device() {
            "a device"
        } else if t.is_socket() {
            "a socket"
        } else if t.is_dir() {
            "a folder"
        } else {
            "not a regular file"
        }
    };
    let refused = |what: &str| {
        format!("{what}: the watched folder takes only regular files, so it was not read")
    };
    let meta = std::fs::symlink_metadata(path).map_err(|e| format!("cannot read it: {e}"))?;
    if !meta.file_type().is_file() {
        return Err(refused(kind(meta.file_type())));
    }
    use std::os::unix::fs::OpenOptionsExt;
    let file = std::fs::OpenOptions::new()
        .read(true)
        .custom_flags(libc::O_NOFOLLOW | libc::O_NONBLOCK)
        .open(path)
        .map_err(|e| match e.raw_os_error() {
            // What was checked above was swapped for a link since.
            Some(libc::ELOOP) => refused("a symbolic link"),
            _ => format!("cannot read it: {e}"),
        })?;
    let meta = file
        .metadata()
        .map_err(|e| format!("cannot read it: {e}"))?;
    if !meta.file_type().is_file() {
        return Err(refused(kind(meta.file_type())));
    }
    Ok(file)
}

/// A path that reads exactly the file behind `file`'s handle, whatever becomes of `path`
/// meanwhile: Linux's `/proc/self/fd/N`; elsewhere the path itself.
fn through_handle(path: &Path, file: &std::fs::File) -> PathBuf {
    use std::os::fd::AsRawFd;
    let fd = PathBuf::from(format!("/proc/self/fd/{}", file.as_raw_fd()));
    if fd.exists() {
        fd
    } else {
        path.to_path_buf()
    }
}

/// The reports of the folder's imported and failed files, newest first.
pub fn reports(folder: &Path, limit: usize) -> Vec<WatchReport> {
    let mut out: Vec<WatchReport> = [IMPORTED, FAILED]
        .iter()
        .filter_map(|dir| std::fs::read_dir(folder.join(dir)).ok())
        .flatten()
        .flatten()
        .filter(|e| e.file_name().to_string_lossy().ends_with(REPORT_SUFFIX))
        .filter_map(|e| std::fs::read(e.path()).ok())
        .filter_map(|bytes| serde_json::from_slice(&bytes).ok())
        .collect();
    out.sort_by(|a, b| b.at.cmp(&a.at));
    out.truncate(limit);
    out
}

/// A folder being watched: its watcher, and the paths it reports.
struct Watching {
    folder: PathBuf,
    _watcher: notify::RecommendedWatcher,
    paths: mpsc::UnboundedReceiver<PathBuf>,
    /// This process is the folder's watcher while it holds this.
    _lock: FileLock,
}

/// Becomes the folder's one watcher, or says which process is (`Err`, with its name when it
/// wrote it). The lock is named after the folder's real path, however it was written.
fn claim(app: &App, folder: &Path) -> Result<Result<FileLock, Option<Holder>>, AppError> {
    let real = std::fs::canonicalize(folder).unwrap_or_else(|_| folder.to_path_buf());
    let name = uuid::Uuid::new_v5(
        &uuid::Uuid::NAMESPACE_URL,
        real.to_string_lossy().as_bytes(),
    );
    let path = app
        .config()
        .data_dir
        .join(LOCKS_DIR)
        .join(format!("{name}.lock"));
    match file_lock::try_lock(&path) {
        Ok(Attempt::Acquired(lock)) => Ok(Ok(lock)),
        Ok(Attempt::Held(holder)) => Ok(Err(holder)),
        Err(e) => Err(AppError::new(
            "io",
            format!("cannot use the watch lock {}: {e}", path.display()),
        )),
    }
}

fn watch(folder: &Path, lock: FileLock) -> Result<Watching, notify::Error> {
    let (tx, paths) = mpsc::unbounded_channel();
    let mut watcher = notify::recommended_watcher(move |event: notify::Result<notify::Event>| {
        if let Ok(event) = event {
            for path in event.paths {
                let _ = tx.send(path);
            }
        }
    })?;
    watcher.watch(folder, RecursiveMode::NonRecursive)?;
    Ok(Watching {
        folder: folder.to_path_buf(),
        _watcher: watcher,
        paths,
        _lock: lock,
    })
}

/// Takes one path the folder reported (or that was there already) if it is a file to import.
async fn take(app: &App, path: PathBuf, stuck: &mut HashSet<PathBuf>) {
    if stuck.contains(&path) || !is_importable(&path) || !settled(&path).await {
        return;
    }
    match app.import_dropped_file(&path).await {
        Ok(report) => tracing::info!(
            "watched folder: {} imported ({})",
            report.file,
            report.error.as_deref().unwrap_or("ok")
        ),
        Err(e) => {
            // It could not be moved aside: trying it again would import it again.
            tracing::warn!("watched folder: {} left in place: {e}", path.display());
            stuck.insert(path);
        }
    }
}

/// The files waiting in the folder now, oldest first.
pub fn waiting_files(folder: &Path) -> Vec<PathBuf> {
    let mut files: Vec<(std::time::SystemTime, PathBuf)> = std::fs::read_dir(folder)
        .into_iter()
        .flatten()
        .flatten()
        // Links, FIFOs and devices too: they are refused with a report, not left unexplained.
        .filter(|e| e.file_type().is_ok_and(|t| !t.is_dir()))
        .map(|e| {
            let at = std::fs::symlink_metadata(e.path())
                .and_then(|m| m.modified())
                .unwrap_or(std::time::UNIX_EPOCH);
            (at, e.path())
        })
        .filter(|(_, p)| is_importable(p))
        .collect();
    files.sort();
    files.into_iter().map(|(_, p)| p).collect()
}

/// Runs for the life of the app: follows the settings, watches the chosen folder, and imports
/// what lands in it (and what was there when watching began).
pub async fn run(app: Arc<App>) {
    let mut watching: Option<Watching> = None;
    let mut stuck = HashSet::new();
    // Who watches the folder instead of this process, as last said (said again when it changes).
    let mut elsewhere: Option<String> = None;
    loop {
        let wanted = app
            .watch_settings_now()
            .await
            .ok()
            .and_then(|s| s.folder)
            .map(PathBuf::from);
        if watching.as_ref().map(|w| &w.folder) != wanted.as_ref() {
            watching = None;
            if let Some(folder) = wanted {
                match claim(&app, &folder) {
                    // Another process is the watcher; this one tries again with the settings.
                    Ok(Err(holder)) => {
                        let who = file_lock::describe(holder.as_ref());
                        if elsewhere.as_deref() != Some(who.as_str()) {
                            tracing::info!("{} is watched by {who}", folder.display());
                            elsewhere = Some(who);
                        }
                    }
                    Err(e) => tracing::warn!("cannot watch {}: {e}", folder.display()),
                    Ok(Ok(lock)) => {
                        elsewhere = None;
                        match watch(&folder, lock) {
                            Ok(w) => {
                                for path in waiting_files(&folder) {
                                    take(&app, path, &mut stuck).await;
                                }
                                watching = Some(w);
                            }
                            Err(e) => tracing::warn!("cannot watch {}: {e}", folder.display()),
                        }
                    }
                }
            }
        }
        let next = match watching.as_mut() {
            Some(w) => tokio::time::timeout(SETTINGS_EVERY, w.paths.recv())
                .await
                .ok()
                .flatten(),
            None => {
                tokio::time::sleep(SETTINGS_EVERY).await;
                None
            }
        };
        if let Some(path) = next {
            take(&app, path, &mut stuck).await;
        }
    }
}

impl App {
    /// Imports the files waiting in the watched folder now (`outpost watch run --once`), as the
    /// folder's watcher: refused, naming the process, while another one watches it.
    pub async fn import_waiting_files(&self) -> Result<Vec<WatchReport>, AppError> {
        let folder = self
            .watch_settings_now()
            .await?
            .folder
            .map(PathBuf::from)
            .ok_or_else(|| AppError::not_configured("the watched folder"))?;
        let _watcher = claim(self, &folder)?.map_err(|holder| {
            AppError::new(
                "folder_watched",
                format!(
                    "{} is being watched by {}, which imports what lands there",
                    folder.display(),
                    file_lock::describe(holder.as_ref())
                ),
            )
        })?;
        let mut reports = Vec::new();
        for path in waiting_files(&folder) {
            reports.push(self.import_dropped_file(&path).await?);
        }
        Ok(reports)
    }
}

/// Starts [`run`] on the current runtime.
pub fn spawn(app: Arc<App>) -> tokio::task::JoinHandle<()> {
    tokio::spawn(run(app))
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn only_calendar_and_contact_files_are_taken() {
        for yes in ["a.ics", "B.VCF", "people.csv"] {
            assert!(is_importable(Path::new(yes)), "{yes}");
        }
        for no in ["a.txt", ".hidden.ics", "a.ics~", "notes", "a.ics.part"] {
            assert!(!is_importable(Path::new(no)), "{no}");
        }
    }

    #[test]
    fn a_name_aside_never_replaces_a_file() {
        let dir = tempfile::tempdir().unwrap();
        std::fs::create_dir_all(dir.path().join(IMPORTED)).unwrap();
        let first = aside(dir.path(), IMPORTED, "a.vcf");
        std::fs::write(&first, "x").unwrap();
        let second = aside(dir.path(), IMPORTED, "a.vcf");
        assert_ne!(first, second);
        assert!(second.to_string_lossy().ends_with("a.vcf"));
    }
}
