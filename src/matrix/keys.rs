//! Listens for room keys: when the key of a kept, undecryptable message arrives, the service
//! tries it again (and answers it, if it is a command still young enough).

use std::collections::BTreeSet;
use std::future::Future;
use std::pin::pin;
use std::sync::Arc;

use futures_util::StreamExt;
use matrix_sdk::Client;

use super::chat::MatrixChat;
use crate::clock::Clock;
use crate::domain::RoomId;
use crate::service::Service;

/// Runs until `shutdown` completes (or the client has no encryption).
pub async fn watch_room_keys(
    client: Client,
    service: Arc<Service<MatrixChat>>,
    clock: Arc<dyn Clock>,
    shutdown: impl Future<Output = ()>,
) {
    let Some(keys) = client.encryption().room_keys_received_stream().await else {
        tracing::warn!("no encryption: kept messages cannot be decrypted later");
        return;
    };
    let mut keys = pin!(keys);
    let mut shutdown = pin!(shutdown);
    loop {
        let update = tokio::select! {
            () = &mut shutdown => return,
            update = keys.next() => update,
        };
        let rooms: Vec<Option<RoomId>> = match update {
            None => return,
            Some(Ok(received)) => received
                .iter()
                .map(|key| RoomId::new(key.room_id.as_str()))
                .collect::<BTreeSet<_>>()
                .into_iter()
                .map(Some)
                .collect(),
            // Some notices were missed: look at every room.
            Some(Err(_lagged)) => vec![None],
        };
        for room in rooms {
            if let Err(error) = service.retry_undecrypted(room.as_ref(), clock.now()).await {
                tracing::warn!(%error, "kept messages could not be tried again; they will be at the next key or start");
            }
        }
    }
}
