//! Advisory file locks between processes (`flock`), and who holds one.
//!
//! The desktop app, `outpost bridge`, `outpost watch run` and `outpost sync` can all open one
//! account at once. What only one of them may do at a time (a sync run of the account, watching
//! a folder, rewriting `accounts.json`) takes a lock on a file first. The kernel drops the lock
//! when its holder exits or is killed, so a crash never leaves a stale lock behind. The holder
//! writes its pid, process name and start time into the file, so a process that finds the lock
//! taken can say who has it.
//!
//! `flock` locks belong to an open file, not a process: two `App`s in one process (tests, the
//! bridge beside a watcher) exclude each other too.

use std::fs::File;
use std::io::{Read, Seek, SeekFrom, Write};
use std::os::fd::AsRawFd;
use std::path::{Path, PathBuf};
use std::time::Duration;

use serde::{Deserialize, Serialize};

/// How often a waiting process tries a held lock again.
const RETRY_EVERY: Duration = Duration::from_millis(200);

/// Who holds a lock: read from the lock file, written there by the holder.
#[derive(Debug, Clone, Serialize, Deserialize, PartialEq, Eq)]
#[serde(rename_all = "camelCase")]
pub struct Holder {
    pub pid: u32,
    /// The holder's program name (`outpost`, `outpost-desktop`, ...).
    pub process: String,
    /// When it took the lock, RFC 3339 (UTC).
    pub since: String,
}

impl Holder {
    fn of_this_process() -> Self {
        Holder {
            pid: std::process::id(),
            process: process_name(),
            since: chrono::Utc::now().to_rfc3339_opts(chrono::SecondsFormat::Secs, true),
        }
    }

    /// "outpost (pid 1234) since 2026-12-07T18:20:03Z".
    pub fn describe(&self) -> String {
        format!("{} (pid {}) since {}", self.process, self.pid, self.since)
    }
}

/// What the holder of `holder` is called in a message: its description, or "another process"
/// when it had not written its name yet (it took the lock a moment ago).
pub fn describe(holder: Option<&Holder>) -> String {
    holder
        .map(Holder::describe)
        .unwrap_or_else(|| "another process".into())
}

fn process_name() -> String {
    std::fs::read_to_string("/proc/self/comm")
        .ok()
        .map(|s| s.trim().to_string())
        .filter(|s| !s.is_empty())
        .or_else(|| {
            std::env::current_exe()
                .ok()
                .and_then(|p| p.file_name().map(|n| n.to_string_lossy().into_owned()))
        })
        .unwrap_or_else(|| "unknown".into())
}

/// A lock held by this process; released when dropped (the file is closed).
#[derive(Debug)]
pub struct FileLock {
    _file: File,
    path: PathBuf,
}

impl FileLock {
    pub fn path(&self) -> &Path {
        &self.path
    }
}

/// The answer of [`try_lock`].
#[derive(Debug)]
pub enum Attempt {
    Acquired(FileLock),
    /// Another open file holds it; who, when the holder had written its name.
    Held(Option<Holder>),
}

fn open(path: &Path) -> std::io::Result<File> {
    if let Some(dir) = path.parent() {
        std::fs::create_dir_all(dir)?;
    }
    let mut options = std::fs::OpenOptions::new();
    options.read(true).write(true).create(true).truncate(false);
    #[cfg(unix)]
    {
        use std::os::unix::fs::OpenOptionsExt;
        options.mode(0o600);
    }
    options.open(path)
}

/// `flock(fd, op)`, retried when a signal interrupts it.
fn flock(file: &File, op: libc::c_int) -> std::io::Result<bool> {
    loop {
        // SAFETY: flock on a descriptor this File owns; it touches no memory.
        let rc = unsafe { libc::flock(file.as_raw_fd(), op) };
        if rc == 0 {
            return Ok(true);
        }
        let e = std::io::Error::last_os_error();
        match e.raw_os_error() {
            Some(libc::EINTR) => continue,
            Some(libc::EWOULDBLOCK) => return Ok(false),
            _ => return Err(e),
        }
    }
}

fn acquired(mut file: File, path: &Path) -> std::io::Result<FileLock> {
    // The previous holder's name may still be there: replace it with ours.
    let text = serde_json::to_vec(&Holder::of_this_process()).expect("a holder encodes");
    file.set_len(0)?;
    file.seek(SeekFrom::Start(0))?;
    file.write_all(&text)?;
    Ok(FileLock {
        _file: file,
        path: path.to_path_buf(),
    })
}

/// The holder written in a lock file, if it reads as one.
pub fn holder(path: &Path) -> Option<Holder> {
    let mut text = Vec::new();
    File::open(path).ok()?.read_to_end(&mut text).ok()?;
    serde_json::from_slice(&text).ok()
}

/// Takes the lock at `path` if nobody holds it; never waits.
pub fn try_lock(path: &Path) -> std::io::Result<Attempt> {
    let file = open(path)?;
    if flock(&file, libc::LOCK_EX | libc::LOCK_NB)? {
        Ok(Attempt::Acquired(acquired(file, path)?))
    } else {
        Ok(Attempt::Held(holder(path)))
    }
}

/// Takes the lock at `path`, waiting as long as it takes. For short critical sections only
/// (rewriting a small file); it blocks the calling thread.
pub fn lock_blocking(path: &Path) -> std::io::Result<FileLock> {
    let file = open(path)?;
    flock(&file, libc::LOCK_EX)?;
    acquired(file, path)
}

/// Takes the lock at `path`, waiting for its holder to let go. `waiting` is told once who holds
/// it, when it is held. Dropping the future stops the wait.
pub async fn lock_waiting(
    path: &Path,
    waiting: impl FnOnce(Option<&Holder>),
) -> std::io::Result<FileLock> {
    let mut waiting = Some(waiting);
    loop {
        match try_lock(path)? {
            Attempt::Acquired(lock) => return Ok(lock),
            Attempt::Held(holder) => {
                if let Some(tell) = waiting.take() {
                    tell(holder.as_ref());
                }
            }
        }
        tokio::time::sleep(RETRY_EVERY).await;
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn a_held_lock_names_its_holder_and_is_free_once_dropped() {
        let dir = tempfile::tempdir().unwrap();
        let path = dir.path().join("sub").join("x.lock");
        let Attempt::Acquired(first) = try_lock(&path).unwrap() else {
            panic!("nobody held it");
        };
        match try_lock(&path).unwrap() {
            Attempt::Held(Some(h)) => {
                assert_eq!(h.pid, std::process::id());
                assert!(!h.process.is_empty());
                assert!(h.describe().contains(&format!("pid {}", h.pid)));
            }
            other => panic!("expected the holder, got {other:?}"),
        }
        drop(first);
        assert!(matches!(try_lock(&path).unwrap(), Attempt::Acquired(_)));
    }

    #[tokio::test]
    async fn a_waiter_is_told_who_holds_it_and_gets_it_when_let_go() {
        let dir = tempfile::tempdir().unwrap();
        let path = dir.path().join("x.lock");
        let held = lock_blocking(&path).unwrap();
        let (told_tx, told_rx) = tokio::sync::oneshot::channel();
        let waiter = {
            let path = path.clone();
            tokio::spawn(async move {
                lock_waiting(&path, |h| {
                    let _ = told_tx.send(h.cloned());
                })
                .await
                .unwrap()
            })
        };
        let told = told_rx.await.unwrap().expect("the holder wrote its name");
        assert_eq!(told.pid, std::process::id());
        assert!(!waiter.is_finished());
        drop(held);
        let lock = tokio::time::timeout(Duration::from_secs(30), waiter)
            .await
            .expect("the waiter got the lock once it was let go")
            .unwrap();
        assert_eq!(lock.path(), path);
    }
}
