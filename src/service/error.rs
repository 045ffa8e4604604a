//! Why the service could not handle an event (the caller tries again, then records it as
//! failed).

use crate::storage::StorageError;

#[derive(Debug, thiserror::Error)]
pub enum ServiceError {
    #[error(transparent)]
    Storage(#[from] StorageError),
    #[error("no randomness from the system: {0}")]
    Randomness(String),
}
