//! Messages that arrive before their room key: kept, and handled when the key arrives (within
//! the command age limit), instead of being lost while the sync position moves on.

use chrono::{DateTime, Utc};

use super::error::ServiceError;
use super::{Chat, Decryption, Incoming, Service};
use crate::domain::RoomId;

use crate::domain::messages::UndecryptedEvent;

impl<C: Chat> Service<C> {
    /// Keeps an event that cannot be decrypted yet, unless it is already too old to answer.
    pub(super) async fn keep_undecrypted(
        &self,
        event: &UndecryptedEvent,
        now: DateTime<Utc>,
    ) -> Result<(), ServiceError> {
        if now - event.sent_at > self.settings.max_command_age {
            tracing::info!(event_id = %event.event_id, "undecryptable event too old to wait for its key; dropped");
            return Ok(());
        }
        if self.store.keep_undecrypted(event, now).await? {
            tracing::warn!(event_id = %event.event_id, room = %event.room, "event cannot be decrypted yet; kept until its key arrives");
        }
        Ok(())
    }

    /// Room keys arrived for `room` (or, with `None`, the bot just started): tries the kept
    /// events again and handles those that decrypt now. Those grown too old are forgotten.
    pub async fn retry_undecrypted(
        &self,
        room: Option<&RoomId>,
        now: DateTime<Utc>,
    ) -> Result<(), ServiceError> {
        for event in self.store.undecrypted_events(room).await? {
            if now - event.sent_at > self.settings.max_command_age {
                tracing::info!(event_id = %event.event_id, "key never came in time; event forgotten");
                self.store.forget_undecrypted(&event.event_id).await?;
                continue;
            }
            let incoming = match self.chat.decrypt(&event).await {
                Decryption::Pending | Decryption::Done(Some(Incoming::Undecryptable(_))) => {
                    continue;
                }
                Decryption::Done(incoming) => incoming,
            };
            tracing::info!(event_id = %event.event_id, "kept event decrypted at last");
            if let Some(incoming) = incoming {
                self.handle(&incoming, now).await?;
            }
            self.store.forget_undecrypted(&event.event_id).await?;
        }
        Ok(())
    }
}
