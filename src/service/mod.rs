//! The one coordinator: an incoming message (or join) goes through the grammar, the storage and
//! the domain, and comes out as messages for the room, sent through an [`Chat`].
//!
//! Exactly once: a command's effects, its reply and the record that its event was handled are
//! committed in one transaction; the reply is then sent with a transaction id that the
//! homeserver deduplicates, and marked sent. Never names matrix_sdk.

mod agenda;
mod meetings;

use std::collections::VecDeque;
use std::future::Future;
use std::sync::atomic::{AtomicBool, Ordering};

use chrono::{DateTime, Duration, Utc};
use chrono_tz::Tz;

use crate::command::{self, Command, ParseError};
use crate::domain::votes::keycap;
use crate::domain::{EventId, Language, RoomId, UserId};
use crate::i18n::Texts;
use crate::replies;
use crate::storage::{Content, NewMessage, OutgoingMessage, StorageError, Store, Transaction};

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

/// The service's window on the chat: sending, and what it must know of the rooms' members.
/// Implemented by the Matrix layer (and by a recorder in tests).
pub trait Chat: Send + Sync {
    /// Sends `message`, using [`OutgoingMessage::transaction_id`] so that a repeated send is
    /// not posted twice. Returns the event id of the posted message.
    fn send(
        &self,
        message: &OutgoingMessage,
    ) -> impl Future<Output = Result<EventId, SendError>> + Send;

    /// The member's power level in the room (50 and more: moderator); 0 when unknown.
    fn power_level(&self, room: &RoomId, user: &UserId) -> impl Future<Output = i64> + Send;

    /// The member's display name in the room, if they have one.
    fn display_name(
        &self,
        room: &RoomId,
        user: &UserId,
    ) -> impl Future<Output = Option<String>> + Send;

    /// The room's joined members other than the bot, with their display names.
    fn members(&self, room: &RoomId) -> impl Future<Output = Vec<(UserId, Option<String>)>> + Send;

    /// The reactions the homeserver currently has on `event` (withdrawn ones excluded, the
    /// bot's own excluded); `None` when it could not be asked.
    fn reactions_to(
        &self,
        room: &RoomId,
        event: &EventId,
    ) -> impl Future<Output = Option<Vec<IncomingReaction>>> + Send;
}

/// A reaction someone put on a message (votes are reactions on a proposal).
#[derive(Debug, Clone)]
pub struct IncomingReaction {
    pub room: RoomId,
    /// The reaction event itself; its redaction withdraws the vote.
    pub event_id: EventId,
    pub sender: UserId,
    /// The message reacted to.
    pub target: EventId,
    pub key: String,
}

/// A notice answering `message`.
fn reply_to(message: &IncomingMessage, markdown: String) -> NewMessage {
    NewMessage::notice(&message.room, Some(&message.event_id), markdown)
}

/// The power level from which a member is a room moderator.
pub const MODERATOR_LEVEL: i64 = 50;

/// A message edited by its sender (an `m.replace` event).
#[derive(Debug, Clone)]
pub struct IncomingEdit {
    pub room: RoomId,
    /// The edit event itself.
    pub event_id: EventId,
    /// The message that was edited.
    pub original: EventId,
    pub sender: UserId,
    pub new_body: String,
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
    /// Dates are read and shown in this time zone.
    pub time_zone: Tz,
}

pub struct Service<C> {
    store: Store,
    texts: Texts,
    chat: C,
    settings: ServiceSettings,
    /// Set when a send failed, so that the queue is tried again later.
    undelivered: AtomicBool,
}

impl<C: Chat> Service<C> {
    pub fn new(store: Store, texts: Texts, chat: C, settings: ServiceSettings) -> Self {
        Self {
            store,
            texts,
            chat,
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
        let Some(replies) = self.answer(message, parsed, now).await? else {
            tracing::debug!(event_id = %message.event_id, "command already handled");
            return Ok(());
        };
        for reply in &replies {
            self.deliver(reply, now).await?;
        }
        Ok(())
    }

    /// Writes the command's effects and its reply in one transaction. `None` if the command
    /// was handled before.
    async fn answer(
        &self,
        message: &IncomingMessage,
        parsed: Result<Command, ParseError>,
        now: DateTime<Utc>,
    ) -> Result<Option<Vec<OutgoingMessage>>, ServiceError> {
        let mut tx = self.store.begin().await?;
        if !tx
            .claim_event(&message.event_id, &message.room, now)
            .await?
        {
            return Ok(None);
        }
        let language = self.room_language(&mut tx, &message.room).await?;
        let replies = match parsed {
            Ok(command) => {
                tracing::info!(event_id = %message.event_id, sender = %message.sender, ?command, "command");
                self.run(&mut tx, message, language, command, now).await?
            }
            Err(error) => {
                tracing::info!(event_id = %message.event_id, sender = %message.sender, %error, "command not understood");
                vec![reply_to(
                    message,
                    replies::parse_error(&self.texts, language, &error),
                )]
            }
        };
        let mut queued = Vec::with_capacity(replies.len());
        for reply in replies {
            queued.push(tx.queue_message(reply, now).await?);
        }
        tx.commit().await?;
        Ok(Some(queued))
    }

    /// Carries out a command inside the transaction and returns what to send.
    async fn run(
        &self,
        tx: &mut Transaction,
        message: &IncomingMessage,
        language: Language,
        command: Command,
        now: DateTime<Utc>,
    ) -> Result<Vec<NewMessage>, ServiceError> {
        let texts = &self.texts;
        let markdown = match command {
            Command::Help { topic: None } => replies::help_overview(texts, language),
            Command::Help { topic: Some(topic) } => replies::help_topic(texts, language, topic),
            Command::Language { choice: None } => texts.get(language, "language-current"),
            Command::Language {
                choice: Some(chosen),
            } => {
                tx.set_room_language(&message.room, chosen).await?;
                texts.get(chosen, "language-changed")
            }
            Command::Agenda(command) => {
                self.run_agenda(tx, message, language, command, now).await?
            }
            Command::Meeting(command) => {
                return self.run_meeting(tx, message, language, command, now).await;
            }
            Command::Association(command) => {
                self.run_association(tx, message, language, command).await?
            }
        };
        Ok(vec![reply_to(message, markdown)])
    }

    /// The bot has just joined `room`: greets it, once in the room's life.
    pub async fn on_joined(&self, room: &RoomId, now: DateTime<Utc>) -> Result<(), ServiceError> {
        let mut tx = self.store.begin().await?;
        if !tx.mark_welcomed(room, now).await? {
            return Ok(());
        }
        let language = self.room_language(&mut tx, room).await?;
        let welcome = NewMessage::notice(room, None, self.texts.get(language, "welcome"));
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
            content: Content::Notice {
                markdown: self.texts.get(language, "error-internal"),
            },
            presents_proposal: None,
            created_at: now,
            attempts: 0,
        };
        if let Err(error) = self.chat.send(&apology).await {
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

    /// Sends a message and marks it sent. A proposal's message, once sent, is followed by the
    /// bot's own number reactions under it, so that voting is one click.
    async fn deliver(
        &self,
        message: &OutgoingMessage,
        now: DateTime<Utc>,
    ) -> Result<(), ServiceError> {
        let mut queue = VecDeque::from([message.clone()]);
        while let Some(message) = queue.pop_front() {
            match self.chat.send(&message).await {
                Ok(event_id) => {
                    let mut tx = self.store.begin().await?;
                    tx.mark_sent(message.id, &event_id, now).await?;
                    if let Some(proposal_id) = message.presents_proposal {
                        tx.set_proposal_event(proposal_id, &event_id).await?;
                        let options = tx.proposal_option_count(proposal_id).await?;
                        for key in (1..=options).filter_map(keycap) {
                            let reaction = NewMessage {
                                room: message.room.clone(),
                                in_reply_to: Some(event_id.clone()),
                                content: Content::Reaction {
                                    key: key.to_owned(),
                                },
                                presents_proposal: None,
                            };
                            queue.push_back(tx.queue_message(reaction, now).await?);
                        }
                    }
                    tx.commit().await?;
                }
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
    use crate::testing::at;
    use std::sync::Mutex;

    /// Records what would be sent; fails the sends it is told to.
    #[derive(Default)]
    struct RecordingChat {
        sent: Mutex<Vec<OutgoingMessage>>,
        failures_left: Mutex<u32>,
        /// What `reactions_to` answers, as the homeserver would.
        server_reactions: Mutex<Vec<IncomingReaction>>,
    }

    impl Chat for RecordingChat {
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

        async fn power_level(&self, _room: &RoomId, user: &UserId) -> i64 {
            if user.as_str().starts_with("@moderator") {
                100
            } else {
                0
            }
        }

        async fn display_name(&self, _room: &RoomId, user: &UserId) -> Option<String> {
            user.as_str()
                .strip_prefix('@')
                .and_then(|rest| rest.split(':').next())
                .map(|name| name.to_uppercase())
        }

        async fn reactions_to(
            &self,
            _room: &RoomId,
            event: &EventId,
        ) -> Option<Vec<IncomingReaction>> {
            let reactions = self.server_reactions.lock().expect("lock");
            Some(
                reactions
                    .iter()
                    .filter(|reaction| reaction.target == *event)
                    .cloned()
                    .collect(),
            )
        }

        async fn members(&self, room: &RoomId) -> Vec<(UserId, Option<String>)> {
            let mut members = Vec::new();
            for name in ["alice", "bob", "carla", "guest", "moderator"] {
                let user = UserId::new(format!("@{name}:localhost"));
                let display = self.display_name(room, &user).await;
                members.push((user, display));
            }
            members
        }
    }

    /// What was sent, as a test reads it.
    #[derive(Debug, Clone)]
    struct Sent {
        markdown: String,
        in_reply_to: Option<EventId>,
        content: Content,
    }

    impl RecordingChat {
        fn sent(&self) -> Vec<Sent> {
            self.sent
                .lock()
                .expect("lock")
                .iter()
                .map(|message| Sent {
                    markdown: message.markdown().unwrap_or_default().to_owned(),
                    in_reply_to: message.in_reply_to.clone(),
                    content: message.content.clone(),
                })
                .collect()
        }

        /// The notices only (not the reactions and files).
        fn notices(&self) -> Vec<Sent> {
            self.sent()
                .into_iter()
                .filter(|sent| matches!(sent.content, Content::Notice { .. }))
                .collect()
        }
    }

    async fn service() -> (Service<RecordingChat>, tempfile::TempDir) {
        let (store, dir) = temporary_store().await;
        let settings = ServiceSettings {
            default_language: Language::Fr,
            max_command_age: Duration::hours(24),
            time_zone: chrono_tz::Europe::Paris,
        };
        let texts = Texts::new().expect("locales");
        (
            Service::new(store, texts, RecordingChat::default(), settings),
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
        let sent = service.chat.sent();
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
        assert!(service.chat.sent().is_empty());
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
        assert!(service.chat.sent().is_empty());
        let recent = message("$2", "!aide", "2026-11-28T18:00:01Z");
        service
            .on_message(&recent, at("2026-11-29T18:00:00Z"))
            .await
            .expect("handled");
        assert_eq!(service.chat.sent().len(), 1);
    }

    #[tokio::test]
    async fn a_malformed_command_gets_an_explanation_in_the_room_language() {
        let (service, _dir) = service().await;
        let now = at("2026-11-29T18:00:05Z");
        let wrong = message("$1", "!langue klingon", "2026-11-29T18:00:00Z");
        service.on_message(&wrong, now).await.expect("handled");
        let reply = &service.chat.sent()[0].markdown;
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
        let sent = service.chat.sent();
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
        *service.chat.failures_left.lock().expect("lock") = 1;
        let now = at("2026-11-29T18:00:05Z");
        let help = message("$1", "!aide", "2026-11-29T18:00:00Z");
        service.on_message(&help, now).await.expect("handled");
        assert!(service.chat.sent().is_empty());
        assert!(service.has_undelivered());

        service.deliver_pending(now).await.expect("retry");
        service.deliver_pending(now).await.expect("nothing left");
        assert_eq!(service.chat.sent().len(), 1);
        assert!(!service.has_undelivered());
    }

    #[tokio::test]
    async fn a_room_is_welcomed_once_even_if_the_bot_joins_again() {
        let (service, _dir) = service().await;
        let now = at("2026-11-29T18:00:05Z");
        let room = RoomId::new("!room");
        service.on_joined(&room, now).await.expect("first join");
        service.on_joined(&room, now).await.expect("second join");
        let sent = service.chat.sent();
        assert_eq!(sent.len(), 1);
        assert!(sent[0].markdown.contains("!aide"), "{}", sent[0].markdown);
        assert_eq!(sent[0].in_reply_to, None);
    }

    fn from(sender: &str, event: &str, body: &str) -> IncomingMessage {
        IncomingMessage {
            sender: UserId::new(sender),
            ..message(event, body, "2026-11-29T18:00:00Z")
        }
    }

    /// Sends the commands in order (all just now) and returns the replies' texts.
    async fn run_all(
        service: &Service<RecordingChat>,
        commands: &[(&str, &str, &str)],
    ) -> Vec<String> {
        let now = at("2026-11-29T18:00:05Z");
        for (sender, event, body) in commands {
            service
                .on_message(&from(sender, event, body), now)
                .await
                .expect("handled");
        }
        service
            .chat
            .notices()
            .into_iter()
            .map(|m| m.markdown)
            .collect()
    }

    #[tokio::test]
    async fn items_are_added_numbered_and_listed_urgent_first_with_their_author() {
        let (service, _dir) = service().await;
        let replies = run_all(
            &service,
            &[
                ("@alice:localhost", "$1", "!agenda ajouter Budget 2027"),
                ("@bob:localhost", "$2", "!odj urgent Fermeture du local"),
                ("@alice:localhost", "$3", "!agenda"),
            ],
        )
        .await;
        assert!(
            replies[0].starts_with("Point n° 1 ajouté"),
            "{}",
            replies[0]
        );
        assert!(
            replies[0].contains("date pas encore fixée"),
            "{}",
            replies[0]
        );
        assert!(
            replies[1].starts_with("Point urgent n° 1"),
            "{}",
            replies[1]
        );
        let list = &replies[2];
        let urgent = list.find("Fermeture").expect("urgent item listed");
        let budget = list.find("Budget").expect("item listed");
        assert!(urgent < budget, "{list}");
        assert!(
            list.contains("1. **urgent** — Fermeture du local — ajouté par BOB"),
            "{list}"
        );
        assert!(list.contains("2. Budget 2027 — ajouté par ALICE"), "{list}");
    }

    #[tokio::test]
    async fn the_list_names_the_author_association_when_known() {
        let (service, _dir) = service().await;
        let mut tx = service.store.begin().await.expect("begin");
        tx.set_association(
            &RoomId::new("!room"),
            &UserId::new("@bob:localhost"),
            Some("Croix-Rouge"),
        )
        .await
        .expect("set");
        tx.commit().await.expect("commit");
        let replies = run_all(
            &service,
            &[
                ("@bob:localhost", "$1", "!agenda add Maraudes d'hiver"),
                (
                    "@guest:localhost",
                    "$2",
                    "!agenda add Présentation de l'épicerie",
                ),
                ("@bob:localhost", "$3", "!agenda"),
            ],
        )
        .await;
        let list = &replies[2];
        assert!(
            list.contains("Maraudes d'hiver — ajouté par BOB (Croix-Rouge)"),
            "{list}"
        );
        assert!(list.contains("épicerie — ajouté par GUEST\n"), "{list}");
    }

    #[tokio::test]
    async fn only_the_author_or_a_moderator_may_remove_an_item() {
        let (service, _dir) = service().await;
        let replies = run_all(
            &service,
            &[
                ("@alice:localhost", "$1", "!agenda add Budget"),
                ("@alice:localhost", "$2", "!agenda add Locaux"),
                ("@bob:localhost", "$3", "!agenda retirer 1"),
                ("@moderator:localhost", "$4", "!agenda retirer 1"),
                ("@alice:localhost", "$5", "!agenda remove 1"),
                ("@alice:localhost", "$6", "!agenda"),
            ],
        )
        .await;
        assert!(
            replies[2].contains("Seule la personne qui a ajouté ce point (ALICE)"),
            "{}",
            replies[2]
        );
        assert!(
            replies[3].contains("retiré") && replies[3].contains("Budget"),
            "{}",
            replies[3]
        );
        assert!(
            replies[4].contains("retiré") && replies[4].contains("Locaux"),
            "{}",
            replies[4]
        );
        assert!(replies[5].contains("est vide"), "{}", replies[5]);
    }

    #[tokio::test]
    async fn done_and_move_work_on_the_numbers_of_the_list() {
        let (service, _dir) = service().await;
        let replies = run_all(
            &service,
            &[
                ("@alice:localhost", "$1", "!agenda add Un"),
                ("@alice:localhost", "$2", "!agenda add Deux"),
                ("@alice:localhost", "$3", "!agenda add Trois"),
                ("@bob:localhost", "$4", "!agenda traité 2"),
                ("@bob:localhost", "$5", "!agenda traité 2"),
                ("@bob:localhost", "$6", "!agenda déplacer 3 1"),
                ("@bob:localhost", "$7", "!agenda"),
            ],
        )
        .await;
        assert!(
            replies[3].contains("traité") && replies[3].contains("Deux"),
            "{}",
            replies[3]
        );
        assert!(replies[4].contains("déjà"), "{}", replies[4]);
        assert!(
            replies[5].contains("« Trois » est maintenant le n° 1"),
            "{}",
            replies[5]
        );
        let list = &replies[6];
        assert!(list.contains("1. Trois"), "{list}");
        assert!(list.contains("2. Un"), "{list}");
        assert!(
            list.contains("3. Deux — ajouté par ALICE, ✅ traité"),
            "{list}"
        );
    }

    #[tokio::test]
    async fn impossible_numbers_and_positions_are_explained_and_change_nothing() {
        let (service, _dir) = service().await;
        let replies = run_all(
            &service,
            &[
                ("@alice:localhost", "$1", "!agenda retirer 1"),
                ("@alice:localhost", "$2", "!agenda urgent Local"),
                ("@alice:localhost", "$3", "!agenda add Budget"),
                ("@alice:localhost", "$4", "!agenda traité 7"),
                ("@alice:localhost", "$5", "!agenda déplacer 2 1"),
                ("@alice:localhost", "$6", "!agenda"),
            ],
        )
        .await;
        assert!(
            replies[0].contains("l'ordre du jour est vide"),
            "{}",
            replies[0]
        );
        assert!(
            replies[3].contains("pas de point n° 7") && replies[3].contains("en compte 2"),
            "{}",
            replies[3]
        );
        assert!(
            replies[4].contains("entre les positions 2 et 2"),
            "{}",
            replies[4]
        );
        assert!(
            replies[5].contains("1. **urgent** — Local"),
            "{}",
            replies[5]
        );
        assert!(replies[5].contains("2. Budget"), "{}", replies[5]);
    }

    #[tokio::test]
    async fn untreated_items_of_a_past_meeting_are_carried_over_in_order() {
        let (service, _dir) = service().await;
        let room = RoomId::new("!room");
        let added = at("2026-11-29T18:00:00Z");
        for (event, body) in [
            ("$1", "!agenda add Un"),
            ("$2", "!agenda add Deux"),
            ("$3", "!agenda add Trois"),
        ] {
            service
                .on_message(&message(event, body, "2026-11-29T18:00:00Z"), added)
                .await
                .expect("added");
        }
        // The meeting gets a date (the meetings feature will do this), then item 2 is treated.
        let mut tx = service.store.begin().await.expect("begin");
        let meeting = tx.planned_meetings(&room).await.expect("meetings")[0].clone();
        tx.schedule_meeting(meeting.id, at("2026-12-10T13:00:00Z"))
            .await
            .expect("schedule");
        tx.commit().await.expect("commit");
        service
            .on_message(
                &message("$4", "!agenda traité 2", "2026-12-10T15:00:00Z"),
                at("2026-12-10T15:00:00Z"),
            )
            .await
            .expect("done");

        let after = at("2026-12-11T09:00:00Z");
        service
            .on_message(&message("$5", "!agenda", "2026-12-11T09:00:00Z"), after)
            .await
            .expect("listed");
        service
            .on_message(&message("$6", "!agenda", "2026-12-11T09:00:01Z"), after)
            .await
            .expect("listed again");
        let sent = service.chat.sent();
        let during = &sent[3].markdown;
        assert!(
            during.contains("Point n° 2 marqué comme traité"),
            "{during}"
        );
        let list = &sent[4].markdown;
        assert!(
            list.contains("prochaine réunion (date pas encore fixée)"),
            "{list}"
        );
        assert!(
            list.contains("1. Un — ajouté par ALICE, reporté du 10/12/2026"),
            "{list}"
        );
        assert!(
            list.contains("2. Trois — ajouté par ALICE, reporté du 10/12/2026"),
            "{list}"
        );
        assert!(!list.contains("Deux"), "{list}");
        assert_eq!(&sent[5].markdown, list, "carrying over happens once");
    }

    #[tokio::test]
    async fn editing_an_add_message_updates_the_item_and_never_adds_one() {
        let (service, _dir) = service().await;
        let now = at("2026-11-29T18:00:05Z");
        let add = message("$1", "!agenda ajouter Budjet", "2026-11-29T18:00:00Z");
        service.on_message(&add, now).await.expect("added");
        let edit = |event: &str, sender: &str, body: &str| IncomingEdit {
            room: RoomId::new("!room"),
            event_id: EventId::new(event),
            original: EventId::new("$1"),
            sender: UserId::new(sender),
            new_body: body.into(),
        };
        service
            .on_edit(
                &edit("$e1", "@alice:localhost", "!agenda ajouter Budget 2027"),
                now,
            )
            .await
            .expect("edit");
        service
            .on_edit(
                &edit("$e1", "@alice:localhost", "!agenda ajouter Budget 2027"),
                now,
            )
            .await
            .expect("same edit again");
        service
            .on_edit(
                &edit("$e2", "@mallory:localhost", "!agenda ajouter Piraté"),
                now,
            )
            .await
            .expect("someone else's edit");
        service
            .on_edit(&edit("$e3", "@alice:localhost", "!agenda ajouter   "), now)
            .await
            .expect("emptied edit");
        service
            .on_message(&message("$2", "!agenda", "2026-11-29T18:00:01Z"), now)
            .await
            .expect("listed");
        let sent = service.chat.sent();
        assert_eq!(sent.len(), 4, "{sent:#?}");
        assert!(
            sent[1]
                .markdown
                .contains("Point n° 1 modifié : « Budget 2027 »"),
            "{}",
            sent[1].markdown
        );
        assert_eq!(sent[1].in_reply_to, Some(EventId::new("$1")));
        assert!(
            sent[2].markdown.contains("Il manque le texte du point"),
            "{}",
            sent[2].markdown
        );
        let list = &sent[3].markdown;
        assert!(list.contains("1. Budget 2027"), "{list}");
        assert!(!list.contains("2."), "{list}");
    }

    fn reaction(event: &str, sender: &str, target: &str, key: &str) -> IncomingReaction {
        IncomingReaction {
            room: RoomId::new("!room"),
            event_id: EventId::new(event),
            sender: UserId::new(sender),
            target: EventId::new(target),
            key: key.into(),
        }
    }

    /// Alice (Restos du Cœur) proposes two dates; returns the proposal's event id.
    async fn proposal_with_associations(service: &Service<RecordingChat>) -> EventId {
        let room = RoomId::new("!room");
        let mut tx = service.store.begin().await.expect("begin");
        let order = vec!["Restos du Cœur".to_owned(), "Croix-Rouge".to_owned()];
        let members = vec![
            (UserId::new("@alice:localhost"), "Restos du Cœur".to_owned()),
            (UserId::new("@bob:localhost"), "Croix-Rouge".to_owned()),
        ];
        tx.seed_room(&room, &order, &members, at("2026-11-29T18:00:00Z"))
            .await
            .expect("seed");
        tx.commit().await.expect("commit");
        run_all(
            service,
            &[(
                "@alice:localhost",
                "$p",
                "!réunion proposer 10/12 14h ; jeudi 17/12 14h",
            )],
        )
        .await;
        // The recorder names sent events $reply<n>: the proposal is the first.
        EventId::new("$reply1")
    }

    #[tokio::test]
    async fn a_proposal_lists_its_dates_and_the_bot_adds_one_reaction_per_date() {
        let (service, _dir) = service().await;
        let proposal = proposal_with_associations(&service).await;
        let sent = service.chat.sent();
        assert!(
            sent[0].markdown.contains("Proposition de dates"),
            "{}",
            sent[0].markdown
        );
        assert!(
            sent[0]
                .markdown
                .contains("1️⃣ jeudi 10 décembre 2026, 14 h 00"),
            "{}",
            sent[0].markdown
        );
        assert!(
            sent[0]
                .markdown
                .contains("2️⃣ jeudi 17 décembre 2026, 14 h 00"),
            "{}",
            sent[0].markdown
        );
        let reactions: Vec<(Content, Option<EventId>)> = sent[1..]
            .iter()
            .map(|s| (s.content.clone(), s.in_reply_to.clone()))
            .collect();
        assert_eq!(
            reactions,
            vec![
                (
                    Content::Reaction {
                        key: "1️⃣".into()
                    },
                    Some(proposal.clone())
                ),
                (
                    Content::Reaction {
                        key: "2️⃣".into()
                    },
                    Some(proposal)
                ),
            ]
        );
    }

    #[tokio::test]
    async fn a_wrong_date_is_named_with_an_example_and_nothing_is_proposed() {
        let (service, _dir) = service().await;
        let replies = run_all(
            &service,
            &[
                (
                    "@alice:localhost",
                    "$1",
                    "!réunion proposer 10/12 14h ; mardi 17/12 14h",
                ),
                (
                    "@alice:localhost",
                    "$2",
                    "!réunion proposer 10/12 14h ; 10/12/2026 14:00",
                ),
                ("@alice:localhost", "$3", "!réunion votes"),
            ],
        )
        .await;
        assert!(
            replies[0].contains("La date n° 2 (« mardi 17/12 14h ») tombe un jeudi, pas un mardi."),
            "{}",
            replies[0]
        );
        assert!(replies[0].contains("`10/12 14h`"), "{}", replies[0]);
        assert!(
            replies[1].contains("n° 1 et n° 2 sont la même"),
            "{}",
            replies[1]
        );
        assert!(replies[2].contains("Aucune proposition"), "{}", replies[2]);
    }

    #[tokio::test]
    async fn reactions_vote_and_their_removal_withdraws_exactly_that_vote() {
        let (service, _dir) = service().await;
        let proposal = proposal_with_associations(&service).await;
        let now = at("2026-11-29T18:10:00Z");
        for vote in [
            reaction("$a1", "@alice:localhost", proposal.as_str(), "1️⃣"),
            reaction("$a2", "@alice:localhost", proposal.as_str(), "2️⃣"),
            reaction("$b1", "@bob:localhost", proposal.as_str(), "1\u{20E3}"),
            reaction("$b2", "@bob:localhost", proposal.as_str(), "2️⃣"),
            reaction("$x", "@bob:localhost", proposal.as_str(), "👍"),
            reaction("$y", "@bob:localhost", "$elsewhere", "1️⃣"),
        ] {
            service.on_reaction(&vote, now).await.expect("reaction");
        }
        service
            .on_redaction(&EventId::new("$b1"))
            .await
            .expect("redaction");
        service
            .on_message(&from("@carla:localhost", "$v", "!réunion votes"), now)
            .await
            .expect("votes");
        let votes = service
            .chat
            .notices()
            .last()
            .expect("reply")
            .markdown
            .clone();
        let second = votes.find("2️⃣ jeudi 17").expect("option 2 listed");
        let first = votes.find("1️⃣ jeudi 10").expect("option 1 listed");
        assert!(
            second < first,
            "the date with both associations ranks first: {votes}"
        );
        assert!(
            votes.contains("2 personnes, 2 associations sur 2 — ✅ toutes les associations"),
            "{votes}"
        );
        assert!(votes.contains("1 personne, 1 association sur 2"), "{votes}");
        assert!(votes.contains("Manque : Croix-Rouge"), "{votes}");
        assert!(
            votes.contains("Toutes les associations sont représentées : 2️⃣."),
            "{votes}"
        );
    }

    #[tokio::test]
    async fn closing_schedules_the_meeting_with_the_next_host_and_an_invitation() {
        let (service, _dir) = service().await;
        let proposal = proposal_with_associations(&service).await;
        let now = at("2026-11-29T18:10:00Z");
        service
            .on_reaction(
                &reaction("$a1", "@alice:localhost", proposal.as_str(), "1️⃣"),
                now,
            )
            .await
            .expect("vote");
        let replies = run_all(
            &service,
            &[
                ("@alice:localhost", "$i", "!agenda ajouter Budget 2027"),
                ("@bob:localhost", "$c0", "!réunion clore"),
                ("@alice:localhost", "$c1", "!réunion clore"),
                ("@alice:localhost", "$m", "!réunion"),
            ],
        )
        .await;
        let notices: Vec<&String> = replies.iter().collect();
        let refusal = notices
            .iter()
            .find(|r| r.contains("Seule la personne"))
            .expect("refusal");
        assert!(refusal.contains("(ALICE)"), "{refusal}");
        let scheduled = notices
            .iter()
            .find(|r| r.contains("Réunion fixée"))
            .expect("announcement");
        assert!(
            scheduled.contains("jeudi 10 décembre 2026, 14 h 00"),
            "{scheduled}"
        );
        assert!(
            scheduled.contains("Accueil : Restos du Cœur"),
            "{scheduled}"
        );
        let overview = notices.last().expect("overview");
        assert!(
            overview.contains("Prochaine réunion : jeudi 10 décembre 2026"),
            "{overview}"
        );
        assert!(overview.contains("Ordre du jour : 1 point ("), "{overview}");

        let file = service
            .chat
            .sent()
            .into_iter()
            .find_map(|s| match s.content {
                Content::File { name, mime, body } => Some((name, mime, body)),
                _ => None,
            })
            .expect("an invitation file");
        assert_eq!(file.1, "text/calendar");
        assert!(file.2.contains("DTSTART:20261210T130000Z"), "{}", file.2);
        assert!(file.2.contains("Budget 2027"), "{}", file.2);

        // The place comes later: the invitation is sent again, with it.
        run_all(
            &service,
            &[(
                "@bob:localhost",
                "$l",
                "!réunion lieu Salle des fêtes, Melun",
            )],
        )
        .await;
        let sent = service.chat.sent();
        let files: Vec<&String> = sent
            .iter()
            .filter_map(|s| match &s.content {
                Content::File { body, .. } => Some(body),
                _ => None,
            })
            .collect();
        assert_eq!(files.len(), 2, "a first invitation, then an updated one");
        assert!(
            files[1].contains("LOCATION:Salle des fêtes\\, Melun"),
            "{}",
            files[1]
        );
        let uid = |ics: &str| {
            ics.lines()
                .find(|l| l.starts_with("UID:"))
                .map(str::to_owned)
        };
        assert_eq!(uid(files[0]), uid(files[1]), "the same event, updated");
        let confirmation = &service
            .chat
            .notices()
            .last()
            .expect("reply")
            .markdown
            .clone();
        assert!(
            confirmation.contains("Salle des fêtes, Melun") && confirmation.contains("mise à jour"),
            "{confirmation}"
        );

        // Votes after closing change nothing, and the next proposal may start.
        service
            .on_reaction(
                &reaction("$late", "@bob:localhost", proposal.as_str(), "2️⃣"),
                now,
            )
            .await
            .expect("late vote");
        let mut tx = service.store.begin().await.expect("begin");
        assert!(
            tx.open_proposal(&RoomId::new("!room"))
                .await
                .expect("query")
                .is_none()
        );
    }

    #[tokio::test]
    async fn a_tie_is_listed_and_the_host_rotates_from_the_last_meeting() {
        let (service, _dir) = service().await;
        let proposal = proposal_with_associations(&service).await;
        let now = at("2026-11-29T18:10:00Z");
        for vote in [
            reaction("$a1", "@alice:localhost", proposal.as_str(), "1️⃣"),
            reaction("$b2", "@bob:localhost", proposal.as_str(), "2️⃣"),
        ] {
            service.on_reaction(&vote, now).await.expect("vote");
        }
        let replies = run_all(
            &service,
            &[
                ("@alice:localhost", "$c1", "!réunion clore"),
                ("@alice:localhost", "$c2", "!réunion clore 2"),
                ("@alice:localhost", "$x", "!réunion annuler"),
                (
                    "@alice:localhost",
                    "$p2",
                    "!réunion proposer 7/1/2027 14h ; 14/1/2027 14h",
                ),
                ("@alice:localhost", "$c3", "!réunion clore 1"),
            ],
        )
        .await;
        let tie = replies
            .iter()
            .find(|r| r.contains("égalité"))
            .expect("a tie");
        assert!(
            tie.contains("1️⃣ jeudi 10 décembre") && tie.contains("2️⃣ jeudi 17 décembre"),
            "{tie}"
        );
        let announcements: Vec<&String> = replies
            .iter()
            .filter(|r| r.contains("Réunion fixée"))
            .collect();
        assert!(
            announcements[0].contains("Accueil : Restos du Cœur"),
            "{}",
            announcements[0]
        );
        let cancelled = replies
            .iter()
            .find(|r| r.contains("annulée"))
            .expect("cancellation");
        assert!(cancelled.contains("jeudi 17 décembre 2026"), "{cancelled}");
        // The cancelled meeting does not count: Restos du Cœur hosts again.
        assert!(
            announcements[1].contains("jeudi 7 janvier 2027"),
            "{}",
            announcements[1]
        );
        assert!(
            announcements[1].contains("Accueil : Restos du Cœur"),
            "{}",
            announcements[1]
        );
    }

    #[tokio::test]
    async fn only_moderators_map_members_to_associations() {
        let (service, _dir) = service().await;
        let replies = run_all(
            &service,
            &[
                (
                    "@bob:localhost",
                    "$1",
                    "!association set @bob:localhost Croix-Rouge",
                ),
                (
                    "@moderator:localhost",
                    "$2",
                    "!association set @bob:localhost Croix-Rouge",
                ),
                (
                    "@moderator:localhost",
                    "$3",
                    "!association set @carla:localhost croix rouge",
                ),
                (
                    "@moderator:localhost",
                    "$4",
                    "!réunion hôte ordre Croix-Rouge, Secours populaire",
                ),
                ("@alice:localhost", "$5", "!associations"),
                ("@alice:localhost", "$6", "!réunion hôte Emmaüs"),
            ],
        )
        .await;
        assert!(replies[0].contains("Seul un modérateur"), "{}", replies[0]);
        assert!(
            replies[1].contains("BOB représente Croix-Rouge"),
            "{}",
            replies[1]
        );
        assert!(
            replies[2].contains("CARLA représente Croix-Rouge"),
            "{}",
            replies[2]
        );
        let list = &replies[4];
        assert!(list.contains("Croix-Rouge : BOB, CARLA"), "{list}");
        assert!(
            list.contains("Secours populaire : personne pour l'instant"),
            "{list}"
        );
        assert!(
            list.contains("Invités (sans association) : ALICE, GUEST, MODERATOR"),
            "{list}"
        );
        assert!(
            replies[5].contains("Je ne connais pas l'association « Emmaüs »"),
            "{}",
            replies[5]
        );
    }

    #[tokio::test]
    async fn votes_missed_during_a_long_outage_are_reconciled_with_the_server() {
        let (service, _dir) = service().await;
        let proposal = proposal_with_associations(&service).await;
        let now = at("2026-11-29T18:10:00Z");
        for vote in [
            reaction("$a1", "@alice:localhost", proposal.as_str(), "1️⃣"),
            reaction("$b1", "@bob:localhost", proposal.as_str(), "1️⃣"),
        ] {
            service.on_reaction(&vote, now).await.expect("vote");
        }
        // Meanwhile, unseen by the bot: Bob withdrew his vote for 1 and voted for 2.
        *service.chat.server_reactions.lock().expect("lock") = vec![
            reaction("$a1", "@alice:localhost", proposal.as_str(), "1️⃣"),
            reaction("$b2", "@bob:localhost", proposal.as_str(), "2️⃣"),
            reaction("$c", "@carla:localhost", proposal.as_str(), "🎉"),
        ];
        service.reconcile_votes(now).await.expect("reconcile");
        service.reconcile_votes(now).await.expect("reconcile twice");

        let mut tx = service.store.begin().await.expect("begin");
        let open = tx
            .open_proposal(&RoomId::new("!room"))
            .await
            .expect("query")
            .expect("open");
        let mut votes = tx.votes(open.id).await.expect("votes");
        votes.sort();
        assert_eq!(
            votes,
            vec![
                (1, UserId::new("@alice:localhost")),
                (2, UserId::new("@bob:localhost"))
            ]
        );
    }

    #[tokio::test]
    async fn only_the_proposer_or_a_moderator_may_cancel_a_proposal() {
        let (service, _dir) = service().await;
        proposal_with_associations(&service).await;
        let replies = run_all(
            &service,
            &[
                ("@bob:localhost", "$x1", "!réunion annuler"),
                ("@alice:localhost", "$x2", "!réunion annuler"),
                ("@alice:localhost", "$x3", "!réunion annuler"),
            ],
        )
        .await;
        let n = replies.len();
        assert!(
            replies[n - 3]
                .contains("(ALICE) ou un modérateur du salon peut annuler la proposition"),
            "{}",
            replies[n - 3]
        );
        assert!(
            replies[n - 2].contains("proposition de dates est annulée"),
            "{}",
            replies[n - 2]
        );
        assert!(
            replies[n - 1].contains("Il n'y a ni réunion fixée"),
            "{}",
            replies[n - 1]
        );
    }
}
