//! `accounts.json` and `servers.json` changed by many writers at once (the desktop app and a few
//! `outpost` commands): every change is kept, and the files always read whole.

use std::sync::{Arc, Barrier};

use outpost_app::servers::ServerProfiles;
use outpost_app::{Account, AccountRegistry};

const WRITERS: usize = 8;
const EACH: usize = 12;

fn account(id: String) -> Account {
    Account {
        server_url: "https://api.example.com".into(),
        email: format!("{id}@example.com"),
        user_id: id.clone(),
        id,
        display_name: None,
        active_tenant_id: None,
        created_at: "2026-12-07T00:00:00Z".into(),
    }
}

/// Runs `write(writer, n)` from WRITERS threads at once, EACH times per thread.
fn at_once(write: impl Fn(usize, usize) + Send + Sync + 'static) {
    let write = Arc::new(write);
    let start = Arc::new(Barrier::new(WRITERS));
    let threads: Vec<_> = (0..WRITERS)
        .map(|w| {
            let (write, start) = (write.clone(), start.clone());
            std::thread::spawn(move || {
                start.wait();
                for n in 0..EACH {
                    write(w, n);
                }
            })
        })
        .collect();
    for t in threads {
        t.join().expect("a writer failed");
    }
}

#[test]
fn concurrent_account_writers_lose_no_update() {
    let dir = tempfile::tempdir().unwrap();
    let path = dir.path().to_path_buf();
    let reader = {
        let path = path.clone();
        std::thread::spawn(move || {
            // A reader takes no lock: it must still never see a torn file.
            for _ in 0..200 {
                if let Err(e) = AccountRegistry::new(&path).list() {
                    panic!("a reader saw a damaged accounts.json: {e}");
                }
            }
        })
    };
    at_once(move |w, n| {
        AccountRegistry::new(&path)
            .upsert_active(account(format!("w{w}-{n}")))
            .unwrap_or_else(|e| panic!("writer {w}: {e}"));
    });
    reader.join().unwrap();
    let (accounts, active) = AccountRegistry::new(dir.path()).list().unwrap();
    assert_eq!(accounts.len(), WRITERS * EACH, "every account is kept");
    assert!(active.is_some());
    let left: Vec<String> = std::fs::read_dir(dir.path())
        .unwrap()
        .map(|e| e.unwrap().file_name().to_string_lossy().into_owned())
        .filter(|n| n.ends_with(".tmp"))
        .collect();
    assert!(left.is_empty(), "temporary files left: {left:?}");
}

#[test]
fn concurrent_server_profile_writers_lose_no_update() {
    let dir = tempfile::tempdir().unwrap();
    let path = dir.path().to_path_buf();
    at_once(move |w, n| {
        ServerProfiles::new(&path)
            .save_profile(
                &format!("server {w}-{n}"),
                &format!("https://s{w}-{n}.example.com"),
                None,
            )
            .unwrap_or_else(|e| panic!("writer {w}: {e}"));
    });
    assert_eq!(
        ServerProfiles::new(dir.path()).list().unwrap().len(),
        WRITERS * EACH
    );
}
