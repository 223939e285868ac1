//! Long work on the replica (an import of a big file) in turns: the replica is locked for one
//! step at a time (a chunk planned and written), never for the whole file, so the window, the
//! bridge and `sync_status` keep answering while it runs.

use std::sync::{Arc, Mutex, PoisonError};

use outpost_replica::{Replica, TenantScope};

use crate::error::AppError;
use crate::state::App;

/// The active tenant's part of the replica, lent one step at a time.
pub(crate) struct Turns {
    replica: Arc<Mutex<Replica>>,
    tenant: String,
}

impl Turns {
    /// Runs one step with the replica locked; the lock goes when the step ends.
    pub(crate) fn with<R>(&self, step: impl FnOnce(&TenantScope<'_>) -> R) -> R {
        // A step that panicked left no transaction open (each is its own); go on.
        let replica = self.replica.lock().unwrap_or_else(PoisonError::into_inner);
        step(&replica.tenant(&self.tenant))
    }
}

impl App {
    /// Runs `work` on a blocking thread with the active tenant's replica lent in turns (see
    /// [`Turns`]), so the async threads and every other command go on meanwhile.
    pub(crate) async fn in_tenant_turns<T: Send + 'static>(
        &self,
        work: impl FnOnce(&Turns) -> T + Send + 'static,
    ) -> Result<T, AppError> {
        let active = self.require_active().await?;
        let turns = Turns {
            tenant: Self::tenant_of(&active)?,
            replica: active.replica.clone(),
        };
        tokio::task::spawn_blocking(move || work(&turns))
            .await
            .map_err(|e| AppError::new("internal", format!("the work stopped unexpectedly: {e}")))
    }
}
