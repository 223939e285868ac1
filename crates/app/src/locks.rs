//! Locks read through poisoning. A panic in one command while it held a lock must not turn
//! every later command of a long-running process (the desktop app, the bridge) into a panic too.
//! What such a lock guards stays whole: the replica's writes are transactions, rolled back when
//! a panic unwinds through them, and the other guarded values are plain.

use std::sync::{Mutex, MutexGuard, PoisonError};

/// Locks `m`, whether or not a panic poisoned it.
pub(crate) fn held<T>(m: &Mutex<T>) -> MutexGuard<'_, T> {
    m.lock().unwrap_or_else(PoisonError::into_inner)
}

#[cfg(test)]
mod tests {
    use crate::accounts::Account;
    use crate::state::{App, AppConfig};

    #[tokio::test]
    async fn a_poisoned_replica_lock_is_no_panic_for_later_commands() {
        let dir = tempfile::tempdir().unwrap();
        // The demo's memory vault: no keyring is needed to open an account without a sign-in.
        let app = App::new(AppConfig {
            data_dir: dir.path().to_path_buf(),
            server_url: None,
            demo: true,
        })
        .unwrap();
        app.registry
            .upsert_active(Account {
                id: "a".into(),
                server_url: "http://127.0.0.1:9".into(),
                email: "ana@example.com".into(),
                user_id: "u".into(),
                display_name: None,
                active_tenant_id: Some("t".into()),
                created_at: "2026-12-07T00:00:00Z".into(),
            })
            .unwrap();
        let active = app.active_account().await.unwrap().unwrap();
        let replica = active.replica.clone();
        let panicked = std::thread::spawn(move || {
            let _held = replica.lock().unwrap();
            panic!("a command panics while it holds the replica");
        })
        .join();
        assert!(panicked.is_err());
        assert!(active.replica.is_poisoned());

        let state = app.session_state(Default::default()).await.unwrap();
        assert_eq!(state.active_account.unwrap().id, "a");
        app.get_watch_settings(Default::default()).await.unwrap();
        app.sign_out_check(Default::default()).await.unwrap();
    }
}
