//! The one coordinator: an incoming message (or join) goes through the grammar, the storage and
//! the domain, and comes out as messages for the room, sent through an [`Outbox`].
//!
//! Exactly once: a command's effects, its reply and the record that its event was handled are
//! committed in one transaction; the reply is then sent with a transaction id that the
//! homeserver deduplicates, and marked sent. Never names matrix_sdk.

use std::future::Future;
use std::sync::atomic::{AtomicBool, Ordering};

use chrono::{DateTime, Duration, Utc};

use crate::command::{self, Command, ParseError};
use crate::domain::{EventId, Language, RoomId, UserId};
use crate::i18n::Texts;
use crate::replies;
use crate::storage::{NewMessage, OutgoingMessage, StorageError, Store, Transaction};

/// After this many failed sends a message is given up (and logged), so that one undeliverable
/// message cannot block the others forever.
const MAX_SEND_ATTEMPTS: u32 = 10;

/// A text message someone posted in a room the bot is in.
#[derive(Debug, Clone)]
pub struct IncomingMessage {
    pub room: RoomId,
    pub event_id: EventId,
    pub sender: UserId,
    pub body: String,
    /// The homeserver's timestamp of the message.
    pub sent_at: DateTime<Utc>,
}

/// Sends a message to a room; implemented by the Matrix layer (and by a recorder in tests).
pub trait Outbox: Send + Sync {
    /// Sends `message`, using [`OutgoingMessage::transaction_id`] so that a repeated send is
    /// not posted twice. Returns the event id of the posted message.
    fn send(
        &self,
        message: &OutgoingMessage,
    ) -> impl Future<Output = Result<EventId, SendError>> + Send;
}

#[derive(Debug, thiserror::Error)]
#[error("{reason}")]
pub struct SendError {
    /// Trying again will not help (the bot was removed from the room, say).
    pub permanent: bool,
    pub reason: String,
}

#[derive(Debug, thiserror::Error)]
pub enum ServiceError {
    #[error(transparent)]
    Storage(#[from] StorageError),
}

/// How the service behaves; read from the configuration.
#[derive(Debug, Clone)]
pub struct ServiceSettings {
    pub default_language: Language,
    /// Commands older than this when the bot sees them are not answered.
    pub max_command_age: Duration,
}

pub struct Service<O> {
    store: Store,
    texts: Texts,
    outbox: O,
    settings: ServiceSettings,
    /// Set when a send failed, so that the queue is tried again later.
    undelivered: AtomicBool,
}

impl<O: Outbox> Service<O> {
    pub fn new(store: Store, texts: Texts, outbox: O, settings: ServiceSettings) -> Self {
        Self {
            store,
            texts,
            outbox,
            settings,
            undelivered: AtomicBool::new(false),
        }
    }

    pub fn store(&self) -> &Store {
        &self.store
    }

    /// Handles one message: answers it if it is a command, once, whatever happened before.
    pub async fn on_message(
        &self,
        message: &IncomingMessage,
        now: DateTime<Utc>,
    ) -> Result<(), ServiceError> {
        let parsed = match command::parse(&message.body) {
            Ok(None) => return Ok(()),
            Ok(Some(command)) => Ok(command),
            Err(error) => Err(error),
        };
        if now - message.sent_at > self.settings.max_command_age {
            tracing::info!(
                event_id = %message.event_id,
                sent_at = %message.sent_at,
                "command too old to be answered; skipped"
            );
            return Ok(());
        }
        let Some(reply) = self.answer(message, parsed, now).await? else {
            tracing::debug!(event_id = %message.event_id, "command already handled");
            return Ok(());
        };
        self.deliver(&reply, now).await
    }

    /// Writes the command's effects and its reply in one transaction. `None` if the command
    /// was handled before.
    async fn answer(
        &self,
        message: &IncomingMessage,
        parsed: Result<Command, ParseError>,
        now: DateTime<Utc>,
    ) -> Result<Option<OutgoingMessage>, ServiceError> {
        let mut tx = self.store.begin().await?;
        if !tx
            .claim_event(&message.event_id, &message.room, now)
            .await?
        {
            return Ok(None);
        }
        let language = self.room_language(&mut tx, &message.room).await?;
        let markdown = match parsed {
            Ok(command) => {
                tracing::info!(event_id = %message.event_id, sender = %message.sender, ?command, "command");
                self.run(&mut tx, &message.room, language, command).await?
            }
            Err(error) => {
                tracing::info!(event_id = %message.event_id, sender = %message.sender, %error, "command not understood");
                replies::parse_error(&self.texts, language, &error)
            }
        };
        let reply = NewMessage {
            room: message.room.clone(),
            in_reply_to: Some(message.event_id.clone()),
            markdown,
        };
        let queued = tx.queue_message(reply, now).await?;
        tx.commit().await?;
        Ok(Some(queued))
    }

    /// Carries out a command inside the transaction and returns the reply's text.
    async fn run(
        &self,
        tx: &mut Transaction,
        room: &RoomId,
        language: Language,
        command: Command,
    ) -> Result<String, ServiceError> {
        let texts = &self.texts;
        Ok(match command {
            Command::Help { topic: None } => replies::help_overview(texts, language),
            Command::Help { topic: Some(topic) } => replies::help_topic(texts, language, topic),
            Command::Language { choice: None } => texts.get(language, "language-current"),
            Command::Language {
                choice: Some(chosen),
            } => {
                tx.set_room_language(room, chosen).await?;
                texts.get(chosen, "language-changed")
            }
        })
    }

    /// The bot has just joined `room`: greets it, once in the room's life.
    pub async fn on_joined(&self, room: &RoomId, now: DateTime<Utc>) -> Result<(), ServiceError> {
        let mut tx = self.store.begin().await?;
        if !tx.mark_welcomed(room, now).await? {
            return Ok(());
        }
        let language = self.room_language(&mut tx, room).await?;
        let welcome = NewMessage {
            room: room.clone(),
            in_reply_to: None,
            markdown: self.texts.get(language, "welcome"),
        };
        let queued = tx.queue_message(welcome, now).await?;
        tx.commit().await?;
        self.deliver(&queued, now).await
    }

    /// Tells the sender that their command could not be handled at all (the database failed):
    /// sent directly, since nothing can be stored.
    pub async fn apologize(&self, message: &IncomingMessage, now: DateTime<Utc>) {
        let language = self
            .store
            .room_language(&message.room)
            .await
            .ok()
            .flatten()
            .unwrap_or(self.settings.default_language);
        let apology = OutgoingMessage {
            id: 0,
            room: message.room.clone(),
            in_reply_to: Some(message.event_id.clone()),
            markdown: self.texts.get(language, "error-internal"),
            created_at: now,
            attempts: 0,
        };
        if let Err(error) = self.outbox.send(&apology).await {
            tracing::error!(%error, "could not even apologize");
        }
    }

    /// Sends what the outbox still holds (after a crash, or after failed sends).
    pub async fn deliver_pending(&self, now: DateTime<Utc>) -> Result<(), ServiceError> {
        self.undelivered.store(false, Ordering::Relaxed);
        for message in self.store.pending_messages().await? {
            self.deliver(&message, now).await?;
        }
        Ok(())
    }

    /// Whether some message is waiting for another try.
    pub fn has_undelivered(&self) -> bool {
        self.undelivered.load(Ordering::Relaxed)
    }

    async fn deliver(
        &self,
        message: &OutgoingMessage,
        now: DateTime<Utc>,
    ) -> Result<(), ServiceError> {
        match self.outbox.send(message).await {
            Ok(event_id) => self.store.mark_sent(message.id, &event_id, now).await?,
            Err(error) => {
                let give_up = error.permanent || message.attempts + 1 >= MAX_SEND_ATTEMPTS;
                if give_up {
                    tracing::error!(message_id = message.id, room = %message.room, %error, "message given up");
                } else {
                    tracing::warn!(message_id = message.id, room = %message.room, %error, "send failed; will retry");
                    self.undelivered.store(true, Ordering::Relaxed);
                }
                self.store
                    .record_failed_send(message.id, &error.reason, give_up, now)
                    .await?;
            }
        }
        Ok(())
    }

    async fn room_language(
        &self,
        tx: &mut Transaction,
        room: &RoomId,
    ) -> Result<Language, ServiceError> {
        Ok(tx
            .room_language(room)
            .await?
            .unwrap_or(self.settings.default_language))
    }
}

#[cfg(test)]
mod tests {
    use super::*;
    use crate::storage::tests::temporary_store;
    use std::sync::Mutex;

    /// Records what would be sent; fails the sends it is told to.
    #[derive(Default)]
    struct RecordingOutbox {
        sent: Mutex<Vec<OutgoingMessage>>,
        failures_left: Mutex<u32>,
    }

    impl Outbox for RecordingOutbox {
        async fn send(&self, message: &OutgoingMessage) -> Result<EventId, SendError> {
            let mut failures = self.failures_left.lock().expect("lock");
            if *failures > 0 {
                *failures -= 1;
                return Err(SendError {
                    permanent: false,
                    reason: "homeserver unreachable".into(),
                });
            }
            let mut sent = self.sent.lock().expect("lock");
            sent.push(message.clone());
            Ok(EventId::new(format!("$reply{}", sent.len())))
        }
    }

    impl RecordingOutbox {
        fn sent(&self) -> Vec<OutgoingMessage> {
            self.sent.lock().expect("lock").clone()
        }
    }

    fn at(text: &str) -> DateTime<Utc> {
        DateTime::parse_from_rfc3339(text)
            .expect("valid date")
            .with_timezone(&Utc)
    }

    async fn service() -> (Service<RecordingOutbox>, tempfile::TempDir) {
        let (store, dir) = temporary_store().await;
        let settings = ServiceSettings {
            default_language: Language::Fr,
            max_command_age: Duration::hours(24),
        };
        let texts = Texts::new().expect("locales");
        (
            Service::new(store, texts, RecordingOutbox::default(), settings),
            dir,
        )
    }

    fn message(event: &str, body: &str, sent_at: &str) -> IncomingMessage {
        IncomingMessage {
            room: RoomId::new("!room"),
            event_id: EventId::new(event),
            sender: UserId::new("@alice:localhost"),
            body: body.into(),
            sent_at: at(sent_at),
        }
    }

    #[tokio::test]
    async fn a_command_seen_twice_is_answered_once() {
        let (service, _dir) = service().await;
        let now = at("2026-11-29T18:00:05Z");
        let help = message("$1", "!aide", "2026-11-29T18:00:00Z");
        service.on_message(&help, now).await.expect("first");
        service.on_message(&help, now).await.expect("second");
        let sent = service.outbox.sent();
        assert_eq!(sent.len(), 1);
        assert_eq!(sent[0].in_reply_to, Some(EventId::new("$1")));
        assert!(sent[0].markdown.contains("!langue"), "{}", sent[0].markdown);
    }

    #[tokio::test]
    async fn ordinary_chat_gets_no_answer_and_leaves_no_trace() {
        let (service, _dir) = service().await;
        let now = at("2026-11-29T18:00:05Z");
        let chat = message("$1", "bonjour à tous", "2026-11-29T18:00:00Z");
        service.on_message(&chat, now).await.expect("handled");
        assert!(service.outbox.sent().is_empty());
        assert!(
            !service
                .store
                .was_handled(&chat.event_id)
                .await
                .expect("query")
        );
    }

    #[tokio::test]
    async fn a_command_older_than_the_limit_is_not_answered() {
        let (service, _dir) = service().await;
        let old = message("$1", "!aide", "2026-11-28T17:59:59Z");
        service
            .on_message(&old, at("2026-11-29T18:00:00Z"))
            .await
            .expect("handled");
        assert!(service.outbox.sent().is_empty());
        let recent = message("$2", "!aide", "2026-11-28T18:00:01Z");
        service
            .on_message(&recent, at("2026-11-29T18:00:00Z"))
            .await
            .expect("handled");
        assert_eq!(service.outbox.sent().len(), 1);
    }

    #[tokio::test]
    async fn a_malformed_command_gets_an_explanation_in_the_room_language() {
        let (service, _dir) = service().await;
        let now = at("2026-11-29T18:00:05Z");
        let wrong = message("$1", "!langue klingon", "2026-11-29T18:00:00Z");
        service.on_message(&wrong, now).await.expect("handled");
        let reply = &service.outbox.sent()[0].markdown;
        assert!(
            reply.contains("klingon") && reply.contains("`!langue en`"),
            "{reply}"
        );
    }

    #[tokio::test]
    async fn the_language_chosen_applies_to_the_next_replies() {
        let (service, _dir) = service().await;
        let now = at("2026-11-29T18:00:05Z");
        for (event, body) in [("$1", "!langue en"), ("$2", "!aide"), ("$3", "!langue")] {
            let command = message(event, body, "2026-11-29T18:00:00Z");
            service.on_message(&command, now).await.expect("handled");
        }
        let sent = service.outbox.sent();
        assert!(
            sent[0].markdown.starts_with("Noted"),
            "{}",
            sent[0].markdown
        );
        assert!(sent[1].markdown.contains("`!help`"), "{}", sent[1].markdown);
        assert!(
            sent[2].markdown.contains("in English"),
            "{}",
            sent[2].markdown
        );
    }

    #[tokio::test]
    async fn a_failed_send_is_retried_later_and_delivered_once() {
        let (service, _dir) = service().await;
        *service.outbox.failures_left.lock().expect("lock") = 1;
        let now = at("2026-11-29T18:00:05Z");
        let help = message("$1", "!aide", "2026-11-29T18:00:00Z");
        service.on_message(&help, now).await.expect("handled");
        assert!(service.outbox.sent().is_empty());
        assert!(service.has_undelivered());

        service.deliver_pending(now).await.expect("retry");
        service.deliver_pending(now).await.expect("nothing left");
        assert_eq!(service.outbox.sent().len(), 1);
        assert!(!service.has_undelivered());
    }

    #[tokio::test]
    async fn a_room_is_welcomed_once_even_if_the_bot_joins_again() {
        let (service, _dir) = service().await;
        let now = at("2026-11-29T18:00:05Z");
        let room = RoomId::new("!room");
        service.on_joined(&room, now).await.expect("first join");
        service.on_joined(&room, now).await.expect("second join");
        let sent = service.outbox.sent();
        assert_eq!(sent.len(), 1);
        assert!(sent[0].markdown.contains("!aide"), "{}", sent[0].markdown);
        assert_eq!(sent[0].in_reply_to, None);
    }
}
