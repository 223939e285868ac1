//! The shared state behind every route.

use std::sync::{Mutex, MutexGuard};

use crate::auth::store::AuthStore;

pub struct AppState {
    auth: Mutex<AuthStore>,
}

impl AppState {
    pub fn new(auth: AuthStore) -> Self {
        Self {
            auth: Mutex::new(auth),
        }
    }

    /// The auth tables. Never held across an await.
    pub fn auth(&self) -> MutexGuard<'_, AuthStore> {
        self.auth.lock().unwrap_or_else(|p| p.into_inner())
    }
}
