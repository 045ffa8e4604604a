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

mod agenda;
mod associations;
mod attendance;
mod ballots;
mod due;
mod email;
mod error;
mod guests;
mod incoming;
mod links;
mod meetings;
mod minutes;
mod polls;
mod reading;
mod record;
mod reminders;
mod rhythm;
mod switchboard;
#[cfg(test)]
mod tests;
mod undecrypted;
mod upgrades;
mod web;

use std::future::Future;
use std::sync::Arc;

use chrono::{DateTime, Duration, Utc};
use chrono_tz::Tz;
use tokio::sync::Notify;

use crate::command::{self, Command};
use crate::domain::backoff::Backoff;
use crate::domain::limits::Verdict;
use crate::domain::messages::{NewMessage, OutgoingMessage, UndecryptedEvent};
use crate::domain::permissions::{self, Act, Actor, Refusal};
use crate::domain::record::Owner;
use crate::domain::text::{clean_member_line, clean_member_text};
use crate::domain::{EventId, Language, RoomId, UserId};
use crate::i18n::Texts;
use crate::replies;
use crate::storage::{Store, Transaction};

pub use email::Unsubscribed;
pub use error::ServiceError;
pub use incoming::{
    Decryption, Incoming, IncomingEdit, IncomingMessage, IncomingPollResponse, IncomingReaction,
    Relations,
};
pub use links::{LinkAnswer, LinkOutcome, OpenQuestion, open_questions};
pub use reading::{gather_minutes, known_associations, minutes_standing, poll_outcome};

/// How often a failing event is tried before it is recorded as failed.
const HANDLING_ATTEMPTS: u32 = 3;

/// How many handlings of one event a crash may cut short before it is set aside: it is
/// tried once more after the first, not again after the second.
const INTERRUPTED_ATTEMPTS: u32 = 2;

/// The wait between two tries of an event whose handling failed (200 ms, then 800 ms).
const HANDLING_BACKOFF: Backoff = Backoff {
    first: std::time::Duration::from_millis(200),
    factor: 4,
    max: std::time::Duration::from_secs(5),
};

/// What a command's handler returns: the messages to queue, in its transaction.
type Handled = Result<Vec<NewMessage>, ServiceError>;

/// What a room event turned out to be, for the sync loop's log line: it never reads the
/// grammar itself.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub enum Handling {
    /// A command of this family (answered now, or already answered before).
    Command(command::Topic),
    /// Meant for the bot, but not understood: the reply says why.
    NotUnderstood,
    /// Anything else: chat, a reaction, a redaction…
    Other,
}

/// A message read by the grammar, once.
type Parsed = Result<Option<Command>, command::ParseError>;

/// The service's window on the chat: sending, and what it must know of the rooms.
/// Implemented by the Matrix layer (and by a recorder in tests).
pub trait Chat: Send + Sync + 'static {
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

    /// The events the homeserver has in relation to `event`; `None` when it could not be asked.
    fn relations_of(
        &self,
        room: &RoomId,
        event: &EventId,
    ) -> impl Future<Output = Option<Relations>> + Send;

    /// The bot's own user id.
    fn own_id(&self) -> UserId;

    /// Whether the bot may post messages in the room (an upgraded room's old version is
    /// closed to members without power).
    fn may_post(&self, room: &RoomId) -> impl Future<Output = bool> + Send;

    /// The room's name (`m.room.name`), if it has one.
    fn room_name(&self, room: &RoomId) -> impl Future<Output = Option<String>> + Send;

    /// Tries again to decrypt a kept event.
    fn decrypt(&self, event: &UndecryptedEvent) -> impl Future<Output = Decryption> + Send;
}

#[derive(Debug, thiserror::Error)]
#[error("{reason}")]
pub struct SendError {
    /// Trying again will not help (the bot was removed from the room, say).
    pub permanent: bool,
    pub reason: String,
}

/// How the service behaves; read from the configuration.
#[derive(Debug, Clone)]
pub struct ServiceSettings {
    pub default_language: Language,
    /// Commands older than this when the bot sees them are not answered.
    pub max_command_age: Duration,
    /// Dates are read and shown in this time zone.
    pub time_zone: Tz,
    /// Where the group's web page is reached (`https://…`), when it is on.
    pub web_url: Option<String>,
    /// Commands one member may send in a minute (0: no limit).
    pub max_commands_per_minute: usize,
    /// How long an encrypted message stays unreadable before its sender is told.
    pub undecryptable_notice_after: Duration,
    /// With a rhythm, how many days before the next meeting is due its dates are proposed.
    pub rhythm_lead_days: u32,
    /// Whether e-mail is configured: only then are e-mails queued.
    pub email: bool,
    /// How long a meeting's invitation update waits for more changes, to go out as one.
    pub email_update_delay: Duration,
    /// The daily limits of what is e-mailed (named when e-mails are held back).
    pub email_limits: crate::domain::email::DailyLimits,
    /// What every link token is derived from ([`crate::domain::tokens`]).
    pub links: crate::domain::tokens::LinkKey,
}

/// What the other tasks are woken with.
#[derive(Debug, Clone, Default)]
pub struct Wakeups {
    /// Messages were queued: the sender has work.
    pub outbox: Arc<Notify>,
    /// Something with a time changed (a meeting was scheduled or cancelled): the clock must
    /// look again at what falls due next.
    pub clock: Arc<Notify>,
    /// E-mails were queued: the e-mail sender has work.
    pub email: Arc<Notify>,
}

impl Wakeups {
    /// Something was queued in an outbox: both senders look.
    pub fn queued(&self) {
        self.outbox.notify_one();
        self.email.notify_one();
    }
}

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
}

/// A command being carried out: its transaction, the message, the room's language, and the
/// moment it acts at — when its author sent it, so that it acts on the world they saw.
pub(crate) struct Request<'a> {
    pub tx: &'a mut Transaction,
    pub message: &'a IncomingMessage,
    pub language: Language,
    pub at: DateTime<Utc>,
    /// When the bot handles it (later than `at` after an outage): what was recorded by then,
    /// such as the answers to a ballot, counts.
    pub now: DateTime<Utc>,
    /// Set by a handler that changed a date: the clock looks again.
    pub reschedules: bool,
}

impl Request<'_> {
    /// The reply to the command, in reply to it.
    pub fn reply(&self, markdown: String) -> NewMessage {
        NewMessage {
            thread: self.message.thread.clone(),
            ..NewMessage::notice(&self.message.room, Some(&self.message.event_id), markdown)
        }
    }

    /// The reply alone: what most handlers return.
    pub fn say(&self, markdown: String) -> Result<Vec<NewMessage>, ServiceError> {
        Ok(vec![self.reply(markdown)])
    }

    pub fn room(&self) -> &RoomId {
        &self.message.room
    }

    pub fn sender(&self) -> &UserId {
        &self.message.sender
    }
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
        }
    }

    pub fn store(&self) -> &Store {
        &self.store
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

    /// Handles one room event, trying again a few times when the database or the homeserver
    /// fails for a moment. If it still fails, the event is recorded as failed (a command's
    /// author gets an apology) so that nothing is silently skipped. A panic inside the handling
    /// is caught here: the event is set aside at once (the same input would panic again), and
    /// the bot goes on. So is an event whose handling was cut short by a crash twice. `Err`
    /// only when even that record cannot be written: the caller must then not move past this
    /// event.
    pub async fn handle(
        &self,
        incoming: &Incoming,
        now: DateTime<Utc>,
    ) -> Result<Handling, ServiceError> {
        let parsed = match incoming {
            Incoming::Message(message) => {
                // Control characters and direction overrides go before anything is read or
                // stored: nothing a member writes reaches an .ics line, an e-mail or a PDF raw.
                let body = clean_member_text(&message.body);
                match crate::panics::guarded_sync(|| command::parse(&body)) {
                    Ok(parsed) => Some(parsed),
                    Err(caught) => {
                        return self
                            .set_aside(incoming, Handling::NotUnderstood, caught.into(), now)
                            .await;
                    }
                }
            }
            _ => None,
        };
        let handling = match &parsed {
            Some(Ok(Some(command))) => Handling::Command(command.topic()),
            Some(Err(_)) => Handling::NotUnderstood,
            Some(Ok(None)) | None => Handling::Other,
        };
        // What a member writes for the bot (a command, an edit) is noted before it is handled,
        // so that one that kills the process twice is set aside. Chat, reactions and the like
        // are not: a write each would cost every room's traffic, and their panics are caught
        // below all the same.
        let noted = match incoming {
            Incoming::Message(_) => handling != Handling::Other,
            Incoming::Edit(edit) => {
                !matches!(command::parse(&clean_member_text(&edit.new_body)), Ok(None))
            }
            _ => false,
        };
        if noted && let Some(event_id) = incoming.event_id() {
            let attempts = self
                .store
                .note_attempt(event_id, incoming.room(), now)
                .await?;
            if attempts > INTERRUPTED_ATTEMPTS {
                let error = ServiceError::Interrupted {
                    attempts: attempts - 1,
                };
                return self.set_aside(incoming, handling, error, now).await;
            }
        }
        let mut attempt = 1;
        let error = loop {
            let dispatched =
                crate::panics::guarded(self.dispatch(incoming, parsed.as_ref(), now)).await;
            match dispatched {
                Ok(Ok(())) => return Ok(handling),
                Err(caught) => return self.set_aside(incoming, handling, caught.into(), now).await,
                Ok(Err(error)) if attempt >= HANDLING_ATTEMPTS => break error,
                Ok(Err(error)) => {
                    let delay = HANDLING_BACKOFF.delay(attempt);
                    tracing::warn!(event_id = ?incoming.event_id(), %error, ?delay, "event not handled; trying again");
                    tokio::time::sleep(delay).await;
                    attempt += 1;
                }
            }
        };
        tracing::error!(event_id = ?incoming.event_id(), %error, "event could not be handled; recording it as failed");
        let apologize = matches!(handling, Handling::Command(_));
        self.record_failure(incoming, apologize, &error, now)
            .await
            .map(|()| handling)
    }

    /// An event that panicked, or whose handling was cut short by crashes: one ERROR line (the
    /// event's id and why, never its text), recorded as failed, never tried again; a message
    /// meant for the bot gets one reply saying so.
    async fn set_aside(
        &self,
        incoming: &Incoming,
        handling: Handling,
        error: ServiceError,
        now: DateTime<Utc>,
    ) -> Result<Handling, ServiceError> {
        tracing::error!(event_id = ?incoming.event_id(), %error, "event set aside");
        let apologize = handling != Handling::Other;
        self.record_failure(incoming, apologize, &error, now)
            .await
            .map(|()| handling)
    }

    async fn dispatch(
        &self,
        incoming: &Incoming,
        parsed: Option<&Parsed>,
        now: DateTime<Utc>,
    ) -> Result<(), ServiceError> {
        match (incoming, parsed) {
            (Incoming::Message(message), Some(parsed)) => {
                self.on_message(message, parsed, now).await
            }
            (Incoming::Message(_), None) => Ok(()),
            (Incoming::Edit(edit), _) => self.on_edit(edit, now).await,
            (Incoming::Reaction(reaction), _) => self.on_reaction(reaction).await,
            (Incoming::PollResponse(response), _) => self.on_poll_response(response).await,
            (Incoming::Redaction { redacted, .. }, _) => self.on_redaction(redacted).await,
            (Incoming::Undecryptable(event), _) => self.keep_undecrypted(event, now).await,
        }
    }

    /// Marks the event as handled with the failure, and apologizes for a command.
    async fn record_failure(
        &self,
        incoming: &Incoming,
        apologize: bool,
        error: &ServiceError,
        now: DateTime<Utc>,
    ) -> Result<(), ServiceError> {
        let Some(event_id) = incoming.event_id() else {
            // A redaction that failed changes nothing recorded; the reconciliation at the next
            // start reads the ballot's reactions again.
            return Ok(());
        };
        let room = incoming.room();
        let mut tx = self.store.begin().await?;
        if !tx
            .record_failed_event(event_id, room, &error.to_string(), now)
            .await?
        {
            return Ok(());
        }
        if apologize {
            let language = self.room_language(&mut tx, room).await?;
            let wording = self.wording(language);
            let text = match error {
                // The same message would fail the same way: trying again will not help.
                ServiceError::Panicked(_) | ServiceError::Interrupted { .. } => {
                    replies::set_aside(&wording)
                }
                _ => replies::internal_error(&wording),
            };
            let apology = NewMessage::notice(room, Some(event_id), text);
            tx.queue_message(apology, now).await?;
        }
        tx.commit().await?;
        self.wakeups.queued();
        Ok(())
    }

    /// Handles one message, read once by the grammar: answers it if it is a command, once,
    /// whatever happened before.
    async fn on_message(
        &self,
        message: &IncomingMessage,
        parsed: &Parsed,
        now: DateTime<Utc>,
    ) -> Result<(), ServiceError> {
        let parsed = match parsed {
            Ok(None) => return Ok(()),
            Ok(Some(command)) => Ok(command.clone()),
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
        let mut tx = self.store.begin().await?;
        if !tx
            .claim_event(&message.event_id, &message.room, now)
            .await?
        {
            tracing::debug!(event_id = %message.event_id, "command already handled");
            return Ok(());
        }
        if let Some(pointers) = self.moved_away(&mut tx, message).await? {
            for pointer in pointers {
                tx.queue_message(pointer, now).await?;
            }
            tx.commit().await?;
            self.wakeups.queued();
            return Ok(());
        }
        let language = self.room_language(&mut tx, &message.room).await?;
        let verdict = self.flood_verdict(&message.room, &message.sender, now);
        if verdict != Verdict::Answer {
            tracing::info!(event_id = %message.event_id, sender = %message.sender, ?verdict, "too many commands");
            if verdict == Verdict::SlowDown {
                let reply = NewMessage::notice(
                    &message.room,
                    Some(&message.event_id),
                    replies::slow_down(&self.wording(language)),
                );
                tx.queue_message(reply, now).await?;
            }
            tx.commit().await?;
            self.wakeups.queued();
            return Ok(());
        }
        let mut request = Request {
            tx: &mut tx,
            message,
            language,
            // No command was sent in the future: a server's clock ahead of ours is read as now.
            at: message.sent_at.min(now),
            now,
            reschedules: false,
        };
        let replies = match parsed {
            Ok(command) => {
                // What the member wrote stays out of the log at `info`: the family only. At
                // `debug`, the command, its addresses masked.
                tracing::info!(event_id = %message.event_id, sender = %message.sender, family = command.topic().key(), "command");
                if tracing::enabled!(tracing::Level::DEBUG) {
                    let logged = crate::domain::guest::mask_addresses(&format!("{command:?}"));
                    tracing::debug!(event_id = %message.event_id, command = %logged, "command read");
                }
                self.run(&mut request, command).await?
            }
            Err(error) => {
                tracing::info!(event_id = %message.event_id, sender = %message.sender, "command not understood");
                if tracing::enabled!(tracing::Level::DEBUG) {
                    let logged = crate::domain::guest::mask_addresses(&error.to_string());
                    tracing::debug!(event_id = %message.event_id, error = %logged, "why not understood");
                }
                vec![request.reply(replies::parse_error(&self.wording(language), error))]
            }
        };
        #[cfg(feature = "test-hooks")]
        injected_fault(&message.body);
        let reschedules = request.reschedules;
        for reply in replies {
            tx.queue_message(reply, now).await?;
        }
        tx.commit().await?;
        self.wakeups.queued();
        if reschedules {
            self.wakeups.clock.notify_one();
        }
        Ok(())
    }

    /// `!help [topic]`.
    fn help(
        &self,
        request: &Request<'_>,
        topic: Option<command::Topic>,
    ) -> Result<Vec<NewMessage>, ServiceError> {
        let wording = &self.wording(request.language);
        request.say(match topic {
            None => replies::help_overview(wording),
            Some(topic) => replies::help_topic(wording, topic),
        })
    }

    /// `!language [fr|en]`.
    async fn language(
        &self,
        request: &mut Request<'_>,
        choice: Option<Language>,
    ) -> Result<Vec<NewMessage>, ServiceError> {
        let Some(chosen) = choice else {
            return request.say(replies::language_current(&self.wording(request.language)));
        };
        let room = request.room().clone();
        request.tx.set_room_language(&room, chosen).await?;
        request.say(replies::language_changed(&self.wording(chosen)))
    }

    /// The bot has just joined `room`: greets it, once in the room's life.
    pub async fn on_joined(&self, room: &RoomId, now: DateTime<Utc>) -> Result<(), ServiceError> {
        let mut tx = self.store.begin().await?;
        tx.mark_room_present(room).await?;
        if !tx.mark_welcomed(room, now).await? {
            tx.commit().await?;
            return Ok(());
        }
        let language = self.room_language(&mut tx, room).await?;
        let welcome = NewMessage::notice(room, None, replies::welcome(&self.wording(language)));
        tx.queue_message(welcome, now).await?;
        tx.commit().await?;
        self.wakeups.queued();
        Ok(())
    }

    /// The bot left the room or was removed from it: the record is kept; the room's page and
    /// links stop working and nothing more is e-mailed for it.
    pub async fn on_left(&self, room: &RoomId, now: DateTime<Utc>) -> Result<(), ServiceError> {
        let mut tx = self.store.begin().await?;
        if tx.mark_room_left(room, now).await? {
            tracing::info!(%room, "the bot is no longer in the room: its page, links and e-mails stop");
        }
        tx.commit().await?;
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

    /// The one permission check of every handler (the policy and its table are in
    /// [`crate::domain::permissions`]): `Some(refusal)` when the sender may not do `act` on
    /// what `owner` started.
    async fn refusal(
        &self,
        request: &mut Request<'_>,
        act: Act,
        owner: Option<&Owner>,
    ) -> Result<Option<Refusal>, ServiceError> {
        let room = request.room().clone();
        let sender = request.sender().clone();
        let association = match owner {
            Some(Owner::Association(_)) => {
                request.tx.association_members(&room).await?.remove(&sender)
            }
            _ => None,
        };
        let mut actor = Actor {
            user: &sender,
            power_level: 0,
            association: association.as_deref(),
        };
        // The owner needs no power level: the room's state is asked only when it matters, as
        // before the policy had one place.
        if permissions::check(&actor, act, owner).is_ok() {
            return Ok(None);
        }
        actor.power_level = self.chat.power_level(&room, &sender).await;
        Ok(permissions::check(&actor, act, owner).err())
    }

    /// Whether a member's command (or edit of one), received `now`, is answered: a flood is
    /// slowed down. Counted by the bot's own clock: a server's timestamp can be anything.
    fn flood_verdict(&self, room: &RoomId, sender: &UserId, now: DateTime<Utc>) -> Verdict {
        match self.limiter.lock() {
            Ok(mut limiter) => limiter.check(room, sender, now),
            Err(_) => Verdict::Answer,
        }
    }

    /// How replies are worded in a room of this `language`.
    fn wording(&self, language: Language) -> replies::Wording<'_> {
        replies::Wording::new(&self.texts, language, self.settings.time_zone)
    }

    /// A member's display name (Markdown-safe), else their user id.
    /// The member's display name (else their id), safe in Markdown.
    async fn name_of(&self, room: &RoomId, user: &UserId) -> String {
        crate::i18n::escape_markdown(&self.plain_name_of(room, user).await)
    }

    /// The member's display name (else their id) as it is, for plain text.
    async fn plain_name_of(&self, room: &RoomId, user: &UserId) -> String {
        self.display_name(room, user)
            .await
            .unwrap_or_else(|| user.to_string())
    }

    /// The member's display name, if they have one. A display name is anybody's text: no
    /// control character goes on from it, into the record or anything the bot writes.
    async fn display_name(&self, room: &RoomId, user: &UserId) -> Option<String> {
        let name = self.chat.display_name(room, user).await?;
        Some(clean_member_line(&name))
    }

    /// The room's members with their display names (cleaned as [`Self::display_name`]).
    async fn members(&self, room: &RoomId) -> Vec<(UserId, Option<String>)> {
        let mut members = self.chat.members(room).await;
        for (_, name) in &mut members {
            if let Some(name) = name.as_mut() {
                *name = clean_member_line(name);
            }
        }
        members
    }
}

/// Fault injection for the trust tests (the `test-hooks` feature only), inside a command's
/// transaction, for a command containing "💥": `CONCERTO_TEST_FAULT=crash-in-command` kills the
/// process there (as a SIGKILL would), `panic-in-command` panics there.
#[cfg(feature = "test-hooks")]
fn injected_fault(body: &str) {
    if !body.contains('💥') {
        return;
    }
    match std::env::var("CONCERTO_TEST_FAULT").as_deref() {
        Ok("crash-in-command") => {
            tracing::warn!("fault injection: the process dies inside a command's transaction");
            std::process::abort();
        }
        Ok("panic-in-command") => panic!("fault injection: a panic inside a command"),
        _ => {}
    }
}
