//! The pipeline every room event goes through: read once by the grammar, noted, handled
//! (a command: claimed, answered in its transaction, once), tried again after a passing
//! failure, set aside after a panic or repeated crashes — never silently skipped.

use chrono::{DateTime, Utc};

use super::{Chat, Incoming, IncomingMessage, Request, Service, ServiceError};
use crate::command::{self, Command};
use crate::domain::backoff::Backoff;
use crate::domain::limits::Verdict;
use crate::domain::messages::NewMessage;
use crate::domain::text::clean_member_text;
use crate::replies;

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

impl<C: Chat> Service<C> {
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
            (Incoming::Reaction(reaction), _) => self.on_reaction(reaction, now).await,
            (Incoming::PollResponse(response), _) => self.on_poll_response(response, now).await,
            (Incoming::Redaction { redacted, .. }, _) => self.on_redaction(redacted, now).await,
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
            return self.finish(tx, [apology], now).await;
        }
        tx.commit().await?;
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
            // Chat; in a consent poll's thread, maybe the reason the bot asked for.
            Ok(None) => {
                return match &message.thread {
                    Some(root) => self.reason_in_thread(message, root, now).await,
                    None => Ok(()),
                };
            }
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
        // What every command asks of its room, in one read.
        let standing = tx.room_standing(&message.room).await?;
        if let Some(new) = &standing.replacement {
            let pointers = self.moved_away(&mut tx, message, new).await?;
            return self.finish(tx, pointers, now).await;
        }
        let language = standing.language.unwrap_or(self.settings.default_language);
        let verdict = self.flood_verdict(&message.room, &message.sender, now);
        if verdict != Verdict::Answer {
            tracing::info!(event_id = %message.event_id, sender = %message.sender, ?verdict, "too many commands");
            let slow_down = (verdict == Verdict::SlowDown).then(|| {
                NewMessage::notice(
                    &message.room,
                    Some(&message.event_id),
                    replies::slow_down(&self.wording(language)),
                )
            });
            return self.finish(tx, slow_down, now).await;
        }
        let mut request = Request {
            tx: &mut tx,
            message,
            language,
            at: super::incoming::given_at(message.sent_at, now),
            now,
            group_room: standing.group_room,
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
        self.finish(tx, replies, now).await?;
        if reschedules {
            self.wakeups.clock.notify_one();
        }
        Ok(())
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
