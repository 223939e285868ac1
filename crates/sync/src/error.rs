use outpost_platform::PlatformError;
use outpost_replica::ReplicaError;

#[derive(Debug, thiserror::Error)]
pub enum SyncError {
    #[error(transparent)]
    Replica(#[from] ReplicaError),
    /// Stops the run: the user must sign in again (the outbox stays as it is).
    #[error(transparent)]
    Platform(#[from] PlatformError),
    /// Stopped on request; what was not sent stays in the outbox for the next run.
    #[error(
        "the sync was stopped before it finished; the edits not sent yet wait for the next sync"
    )]
    Cancelled,
}

impl SyncError {
    pub fn code(&self) -> &'static str {
        match self {
            SyncError::Replica(e) => e.code(),
            SyncError::Platform(e) => e.code(),
            SyncError::Cancelled => "cancelled",
        }
    }
}
