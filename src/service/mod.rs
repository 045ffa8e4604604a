//! The one coordinator: what happens in the rooms (a message, an edit, a reaction, a
//! redaction, the bot's arrival) goes through the grammar, the storage and the domain, and
//! comes out as messages queued in the outbox, which the [`crate::sender`] sends.
//!
//! Exactly once: a command's effects, its reply and the record that its event was handled are
//! committed in one transaction. An event whose handling keeps failing is recorded as failed
//! (and its author gets an apology), never silently skipped. Never names matrix_sdk.
//!
//! One file per capability; inside, one small handler per command, all of the same shape: a
//! [`Request`] in, the messages to send out. What the room reads is worded in [`crate::replies`].

mod advocacy;
mod agenda;
mod associations;
mod attendance;
mod ballots;
mod chat;
mod contacts;
mod due;
mod email;
mod erasure;
mod error;
mod general;
mod groups;
mod guests;
mod incoming;
mod links;
mod mandates;
mod meetings;
mod minutes;
mod people;
mod pipeline;
mod polls;
mod privacy;
mod reading;
mod record;
mod reminders;
mod request;
mod retention;
mod rhythm;
mod rule;
mod settings;
mod switchboard;
#[cfg(test)]
mod tests;
mod training_events;
mod trainings;
mod undecrypted;
mod upgrades;
mod web;

use std::sync::Arc;

use chrono::{DateTime, Utc};

use crate::domain::messages::NewMessage;
use crate::i18n::Texts;
use crate::storage::{Store, Transaction};

pub use chat::{Chat, SendError};
pub use email::Unsubscribed;
pub use erasure::{Erased, forget_email_person, forget_person};
pub use error::ServiceError;
pub use incoming::{
    Decryption, Incoming, IncomingEdit, IncomingMessage, IncomingPollResponse, IncomingReaction,
    Relations,
};
pub use links::{LinkAnswer, LinkOutcome, OpenQuestion, open_questions};
pub use pipeline::Handling;
pub use reading::{gather_minutes, known_associations, minutes_standing, poll_outcome};
use request::Handled;
pub(crate) use request::Request;
pub use settings::{ServiceSettings, Wakeups};

pub struct Service<C> {
    store: Store,
    texts: Texts,
    chat: Arc<C>,
    settings: ServiceSettings,
    wakeups: Wakeups,
    /// When this run of the bot started: what fell due before it was missed while it was down.
    started_at: DateTime<Utc>,
    /// Who sent how many commands lately: a flood is slowed down.
    limiter: std::sync::Mutex<crate::domain::limits::RateLimiter>,
    /// The keys of the due items set aside (a panic in them), once read from the database.
    due_set_aside: std::sync::Mutex<Option<std::collections::HashSet<String>>>,
    /// When the next purge of what is past its retention is due, once known: the clock's
    /// passes do not ask the database each time.
    next_purge: std::sync::Mutex<Option<DateTime<Utc>>>,
}

impl<C: Chat> Service<C> {
    pub fn new(
        store: Store,
        texts: Texts,
        chat: Arc<C>,
        settings: ServiceSettings,
        wakeups: Wakeups,
        started_at: DateTime<Utc>,
    ) -> Self {
        let limiter = crate::domain::limits::RateLimiter::new(settings.max_commands_per_minute);
        Self {
            store,
            texts,
            chat,
            settings,
            wakeups,
            started_at,
            limiter: std::sync::Mutex::new(limiter),
            due_set_aside: std::sync::Mutex::new(None),
            next_purge: std::sync::Mutex::new(None),
        }
    }

    pub fn store(&self) -> &Store {
        &self.store
    }

    pub fn chat(&self) -> &Arc<C> {
        &self.chat
    }

    /// The homeserver answers again after an outage: what waited for a retry goes now, not at
    /// the end of its back-off (which may have grown to minutes).
    pub async fn homeserver_back(&self, now: DateTime<Utc>) -> Result<(), ServiceError> {
        let waiting = self.store.retry_waiting_now(now).await?;
        tracing::info!(waiting, "the homeserver answers again");
        if waiting > 0 {
            self.wakeups.queued();
        }
        Ok(())
    }

    pub fn settings(&self) -> &ServiceSettings {
        &self.settings
    }

    /// The one ending of whatever speaks: `messages` queued in `tx`, `tx` committed, then the
    /// senders woken (never before the commit: they would find nothing).
    pub(super) async fn finish(
        &self,
        mut tx: Transaction,
        messages: impl IntoIterator<Item = NewMessage>,
        now: DateTime<Utc>,
    ) -> Result<(), ServiceError> {
        for message in messages {
            tx.queue_message(message, now).await?;
        }
        tx.commit().await?;
        self.wakeups.queued();
        Ok(())
    }
}
