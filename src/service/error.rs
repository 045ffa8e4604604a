//! Why the service could not handle an event (the caller tries again, then records it as
//! failed).

use crate::storage::StorageError;

#[derive(Debug, thiserror::Error)]
pub enum ServiceError {
    #[error(transparent)]
    Storage(#[from] StorageError),
    #[error("no randomness from the system: {0}")]
    Randomness(String),
    /// The handling panicked (caught at the event's boundary): trying again would do the same.
    #[error(transparent)]
    Panicked(#[from] crate::panics::Caught),
    /// Its handling was cut short by crashes more than once: set aside.
    #[error("its handling was interrupted {attempts} times (the bot stopped during it)")]
    Interrupted { attempts: u32 },
}
