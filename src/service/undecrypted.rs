//! Messages that arrive before their room key: kept, and handled when the key arrives (within
//! the command age limit), instead of being lost while the sync position moves on. A member
//! whose message is still unreadable after a while (`bot.undecryptable_notice_after_s`) is
//! told so once per room key — the bot cannot tell a command from chat before it decrypts, and
//! a client encrypts many messages with one key. Answers to ballots wait silently: the results
//! say how many are still unreadable.

use chrono::{DateTime, Utc};

use super::error::ServiceError;
use super::{Chat, Decryption, Incoming, Service};
use crate::domain::messages::{NewMessage, UndecryptedEvent};
use crate::domain::{RoomId, earliest};
use crate::replies;

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
            tracing::warn!(event_id = %event.event_id, room = %event.room, sender = %event.sender, "event cannot be decrypted yet; kept until its key arrives");
            if event.answers.is_none() {
                // Its sender may have to be told: the clock looks again.
                self.wakeups.clock.notify_one();
            }
        }
        Ok(())
    }

    /// Tells the senders of the messages still unreadable after the delay that the bot cannot
    /// read them (once per sender and room key, in the room's language); returns when the next
    /// one falls due.
    pub(super) async fn tell_unreadable_due(
        &self,
        now: DateTime<Utc>,
    ) -> Result<Option<DateTime<Utc>>, ServiceError> {
        let delay = self.settings.undecryptable_notice_after;
        let mut next_due = None;
        let mut told = 0;
        for (event, kept_at) in self.store.unreadable_not_noticed().await? {
            let due = kept_at
                .checked_add_signed(delay)
                .unwrap_or(DateTime::<Utc>::MAX_UTC);
            if due > now {
                next_due = earliest(next_due, due);
                continue;
            }
            let mut tx = self.store.begin().await?;
            if !tx.record_unreadable_notice(&event, now).await? {
                continue;
            }
            let language = self.room_language(&mut tx, &event.room).await?;
            let reply = NewMessage::notice(
                &event.room,
                Some(&event.event_id),
                replies::unreadable(&self.wording(language)),
            );
            tx.queue_message(reply, now).await?;
            tx.commit().await?;
            told += 1;
            tracing::warn!(
                event_id = %event.event_id,
                room = %event.room,
                sender = %event.sender,
                session_id = event.key_name(),
                "encrypted message still unreadable; its sender is told"
            );
        }
        if told > 0 {
            self.wakeups.queued();
        }
        Ok(next_due)
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
