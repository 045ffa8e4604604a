//! The sender task: the only code that sends. It owns the outbox: woken when a message is
//! queued, it sends the pending messages in order, marks each sent (recording, for a ballot,
//! the event members will answer), and retries a failed message with a growing delay of its
//! own. A room whose message waits for a retry keeps its later messages waiting too, so that
//! replies never arrive out of order; other rooms go on.

use std::collections::HashSet;
use std::future::Future;
use std::pin::pin;
use std::sync::Arc;
use std::time::Duration as StdDuration;

use chrono::{DateTime, Duration, Utc};
use tokio::sync::Notify;

use crate::clock::Clock;
use crate::domain::backoff::{Backoff, SendPolicy};
use crate::domain::earliest;
use crate::domain::messages::{Content, OutgoingMessage, Presents, Retry};
use crate::domain::messages::{group_links, group_of};
use crate::domain::{EventId, RoomId};
use crate::service::{Chat, SendError, Service, ServiceError};
use crate::storage::{StorageError, Store};

/// A message that could not be sent for this long is given up (and logged).
pub const GIVE_UP_AFTER: Duration = Duration::hours(6);
/// The wait after a failed send, of a message or an e-mail: 1 s, doubling, at most 10 minutes.
pub(crate) const RETRY_BACKOFF: Backoff = Backoff {
    first: StdDuration::from_secs(1),
    factor: 2,
    max: StdDuration::from_secs(10 * 60),
};
/// How the room's outbox tries again.
const MESSAGES: SendPolicy = SendPolicy {
    backoff: RETRY_BACKOFF,
    give_up_after: GIVE_UP_AFTER,
};
/// The longest nap when nothing is pending (a missed wake-up costs at most this): every
/// queued message or e-mail wakes its sender, so an idle bot's senders cost no CPU.
const MAX_NAP: StdDuration = StdDuration::from_secs(15 * 60);

pub struct Sender<C> {
    store: Store,
    chat: Arc<C>,
    /// Writes out a member's copy of their data just before it goes.
    service: Arc<Service<C>>,
    clock: Arc<dyn Clock>,
    #[cfg(feature = "test-hooks")]
    crash_after_reply: bool,
}

impl<C: Chat> Sender<C> {
    pub fn new(service: Arc<Service<C>>, clock: Arc<dyn Clock>) -> Self {
        Self {
            store: service.store().clone(),
            chat: service.chat().clone(),
            service,
            clock,
            #[cfg(feature = "test-hooks")]
            crash_after_reply: false,
        }
    }

    /// Fault injection for the crash tests (the `test-hooks` feature only): the process aborts right after the first reply
    /// to a command reaches the homeserver, before it is marked sent.
    #[cfg(feature = "test-hooks")]
    pub fn crashing_after_first_reply(mut self) -> Self {
        self.crash_after_reply = true;
        self
    }

    /// Sends until `shutdown` completes; the message being sent then is finished first.
    pub async fn run(self, wake: Arc<Notify>, shutdown: impl Future<Output = ()>) {
        let clock = self.clock.clone();
        drive("outbox", || self.send_due(), clock.as_ref(), wake, shutdown).await;
    }

    /// Sends every message that may be sent now, in order. Returns when the next retry is
    /// due, if a message waits for one.
    pub async fn send_due(&self) -> Result<Option<DateTime<Utc>>, StorageError> {
        let mut next_retry: Option<DateTime<Utc>> = None;
        let mut waiting_rooms: HashSet<RoomId> = HashSet::new();
        for message in self.store.pending_messages().await? {
            if waiting_rooms.contains(&message.room) {
                continue;
            }
            let now = self.clock.now();
            if let Some(at) = message.next_attempt_at.filter(|at| *at > now) {
                next_retry = earliest(next_retry, at);
                waiting_rooms.insert(message.room.clone());
                continue;
            }
            let Some(message) = self.with_target(message).await? else {
                continue;
            };
            let Some(message) = self.made_ready(message).await? else {
                continue;
            };
            // From the moment the command was taken up to its reply handed to the
            // homeserver: the bot's own share of a member's wait.
            self.time_reply(&message, "reply handed over");
            // A panic while sending (the Markdown's rendering, say) gives this message up,
            // not the sender.
            let sent = match crate::panics::guarded(self.send_placed(&message)).await {
                Ok(sent) => sent,
                Err(caught) => Err(SendError {
                    permanent: true,
                    reason: caught.to_string(),
                }),
            };
            match sent {
                Ok(event_id) => {
                    #[cfg(feature = "test-hooks")]
                    if self.crash_after_reply && message.in_reply_to.is_some() {
                        tracing::warn!(
                            message_id = message.id,
                            "fault injection: crashing before the reply is marked sent"
                        );
                        std::process::abort();
                    }
                    self.mark_sent(&message, &event_id).await?;
                    // The same, with the homeserver's answer to the send.
                    self.time_reply(&message, "reply sent");
                }
                Err(error) => {
                    let now = self.clock.now();
                    let retry = retry_after_failure(&message, &error, now);
                    match retry {
                        Retry::At(at) => {
                            tracing::warn!(message_id = message.id, room = %message.room, %error, attempts = message.attempts + 1, retry_at = %at, "send failed; will retry");
                            next_retry = earliest(next_retry, at);
                            waiting_rooms.insert(message.room.clone());
                        }
                        Retry::Never => {
                            tracing::error!(message_id = message.id, room = %message.room, %error, attempts = message.attempts + 1, "message given up");
                        }
                    }
                    self.store
                        .record_failed_send(message.id, &error.reason, retry, now)
                        .await?;
                }
            }
        }
        Ok(next_retry)
    }

    /// Sends `message` where it goes: a working group's room is created the first time a
    /// message goes there (as a direct room is), and a link to it in a text is written in once
    /// the room exists (until then the message waits, retried like a failed send).
    async fn send_placed(&self, message: &OutgoingMessage) -> Result<EventId, SendError> {
        let transient = |reason: String| SendError {
            permanent: false,
            reason,
        };
        let mut placed = message.clone();
        if let Some(group) = group_of(&message.room) {
            let (room, spec) = self
                .store
                .group_room(group)
                .await
                .map_err(|error| transient(error.to_string()))?
                .ok_or_else(|| SendError {
                    permanent: true,
                    reason: format!("no working group {group}"),
                })?;
            placed.room = match room {
                Some(room) => room,
                None => {
                    let room = self.chat.create_group_room(&spec).await?;
                    self.store
                        .set_group_room(group, &room)
                        .await
                        .map_err(|error| transient(error.to_string()))?;
                    // Another try may have recorded another: the one recorded is the group's.
                    match self.store.group_room(group).await {
                        Ok(Some((Some(recorded), _))) => recorded,
                        _ => room,
                    }
                }
            };
        }
        if let Content::Notice { markdown } | Content::Text { markdown, .. } = &mut placed.content {
            for (range, group) in group_links(markdown) {
                // An unknown group's "link" is left as written; a known one waits for its room.
                let Some((room, _)) = self
                    .store
                    .group_room(group)
                    .await
                    .map_err(|error| transient(error.to_string()))?
                else {
                    continue;
                };
                let Some(room) = room else {
                    return Err(transient("the group's room is not created yet".into()));
                };
                markdown.replace_range(range, &format!("https://matrix.to/#/{room}"));
            }
        }
        self.chat.send(&placed).await
    }

    /// Logs, for a reply to a command, the time since the command was taken up (when its
    /// reply was queued), in microseconds: the benchmarks read these lines.
    fn time_reply(&self, message: &OutgoingMessage, what: &'static str) {
        if let (Some(command), Content::Notice { .. }) = (&message.in_reply_to, &message.content) {
            let micros = (self.clock.now() - message.created_at)
                .num_microseconds()
                .unwrap_or(i64::MAX);
            tracing::debug!(%command, micros, "{what}");
        }
    }

    /// A message about a ballot (a poll's end, a number reaction under a proposal) gets the
    /// ballot's message as its target (it was sent before it, in order). `None` if that
    /// message was never sent: this one is given up too.
    async fn with_target(
        &self,
        mut message: OutgoingMessage,
    ) -> Result<Option<OutgoingMessage>, StorageError> {
        let Some(Presents::OnBallot(ballot)) = message.presents else {
            return Ok(Some(message));
        };
        let mut tx = self.store.begin().await?;
        match tx.ballot(ballot).await?.event_id {
            Some(target) => {
                message.in_reply_to = Some(target);
                Ok(Some(message))
            }
            None => {
                drop(tx);
                tracing::error!(message_id = message.id, %ballot, "the ballot's message was never sent; its end is given up");
                self.store
                    .record_failed_send(
                        message.id,
                        "the ballot's message was never sent",
                        Retry::Never,
                        self.clock.now(),
                    )
                    .await?;
                Ok(None)
            }
        }
    }

    /// A document to print becomes its PDF file, and a part of a member's copy of their
    /// data its file (or word), made here, off the command's transaction (a PDF off the async
    /// threads too). `None` if it could not be made: given up, and logged.
    async fn made_ready(
        &self,
        mut message: OutgoingMessage,
    ) -> Result<Option<OutgoingMessage>, StorageError> {
        let made = match &message.content {
            Content::Pdf(document) => {
                let document = document.clone();
                let name = document.name.clone();
                crate::pdf::print(document)
                    .await
                    .map(|data| Content::File {
                        name,
                        mime: crate::pdf::MIME.to_owned(),
                        data,
                    })
                    .map_err(|error| error.to_string())
            }
            // The database busy: the whole round is tried again soon; a panic is given up.
            Content::Copy(copy) => {
                match crate::panics::guarded(self.service.write_out_copy(copy)).await {
                    Ok(Err(ServiceError::Storage(error))) => return Err(error),
                    Ok(made) => made.map_err(|error| error.to_string()),
                    Err(caught) => Err(caught.to_string()),
                }
            }
            _ => return Ok(Some(message)),
        };
        match made {
            Ok(content) => {
                message.content = content;
                Ok(Some(message))
            }
            Err(error) => {
                tracing::error!(message_id = message.id, %error, "the document could not be made; given up");
                self.store
                    .record_failed_send(
                        message.id,
                        &error.to_string(),
                        Retry::Never,
                        self.clock.now(),
                    )
                    .await?;
                Ok(None)
            }
        }
    }

    /// Marks a message sent; a ballot learns the event id members answer.
    async fn mark_sent(
        &self,
        message: &OutgoingMessage,
        event_id: &crate::domain::EventId,
    ) -> Result<(), StorageError> {
        let ballot = match message.presents {
            Some(Presents::Ballot(ballot)) => Some(ballot),
            _ => None,
        };
        self.store
            .mark_sent(message.id, event_id, ballot, self.clock.now())
            .await
    }
}

/// What to do after a failed send: never again if the failure is permanent (the bot was
/// removed from the room) or the message has waited [`GIVE_UP_AFTER`]; otherwise again after
/// a delay that doubles with each failure (1 s, 2 s, 4 s … up to 10 minutes).
pub fn retry_after_failure(
    message: &OutgoingMessage,
    error: &SendError,
    now: DateTime<Utc>,
) -> Retry {
    MESSAGES.after_failure(error.permanent, message.created_at, message.attempts, now)
}

/// The loop of a sender (the room's, the e-mails'): `send_due` sends what may go now and says
/// when the next retry is due; in between, it naps until then, a wake-up, or at most
/// [`MAX_NAP`]; `shutdown` ends it between two rounds.
pub async fn drive<F, Fut>(
    outbox: &'static str,
    mut send_due: F,
    clock: &dyn Clock,
    wake: Arc<Notify>,
    shutdown: impl Future<Output = ()>,
) where
    F: FnMut() -> Fut,
    Fut: Future<Output = Result<Option<DateTime<Utc>>, StorageError>>,
{
    let mut shutdown = pin!(shutdown);
    loop {
        // A clock that may jump (the tests') shortens the nap as it does the clock task's.
        let longest = MAX_NAP.min(clock.max_nap());
        let nap = match send_due().await {
            Ok(Some(next)) => (next - clock.now())
                .to_std()
                .unwrap_or(StdDuration::ZERO)
                .min(longest),
            Ok(None) => longest,
            Err(error) => {
                tracing::warn!(%error, outbox, "outbox unreadable; trying again soon");
                StdDuration::from_secs(1)
            }
        };
        tokio::select! {
            () = &mut shutdown => return,
            () = wake.notified() => {}
            () = tokio::time::sleep(nap) => {}
        }
    }
}

#[cfg(test)]
mod tests {
    use super::*;
    use crate::testing::at;

    fn message(created_at: &str, attempts: u32) -> OutgoingMessage {
        OutgoingMessage {
            id: 1,
            room: RoomId::new("!r"),
            in_reply_to: None,
            content: Content::Notice {
                markdown: "x".into(),
            },
            presents: None,
            thread: None,
            created_at: at(created_at),
            attempts,
            next_attempt_at: None,
        }
    }

    fn transient() -> SendError {
        SendError {
            permanent: false,
            reason: "502 Bad Gateway".into(),
        }
    }

    #[test]
    fn the_delay_doubles_up_to_ten_minutes() {
        let delays: Vec<u64> = (1..=12).map(|n| RETRY_BACKOFF.delay(n).as_secs()).collect();
        assert_eq!(
            delays,
            vec![1, 2, 4, 8, 16, 32, 64, 128, 256, 512, 600, 600]
        );
        assert_eq!(RETRY_BACKOFF.delay(u32::MAX), StdDuration::from_secs(600));
    }

    #[test]
    fn a_busy_minute_never_makes_the_bot_give_up() {
        let now = at("2026-12-01T10:01:00Z");
        // Twenty failures in the first minute: still retried.
        let retry = retry_after_failure(&message("2026-12-01T10:00:00Z", 20), &transient(), now);
        assert_eq!(retry, Retry::At(now + Duration::minutes(10)));
        let retry = retry_after_failure(&message("2026-12-01T10:00:00Z", 0), &transient(), now);
        assert_eq!(retry, Retry::At(now + Duration::seconds(1)));
    }

    #[test]
    fn a_message_is_given_up_after_hours_or_at_once_when_it_can_never_be_sent() {
        let created = "2026-12-01T10:00:00Z";
        let just_before = at(created) + GIVE_UP_AFTER - Duration::seconds(1);
        assert!(matches!(
            retry_after_failure(&message(created, 40), &transient(), just_before),
            Retry::At(_)
        ));
        assert_eq!(
            retry_after_failure(
                &message(created, 40),
                &transient(),
                at(created) + GIVE_UP_AFTER
            ),
            Retry::Never
        );
        let forbidden = SendError {
            permanent: true,
            reason: "M_FORBIDDEN".into(),
        };
        assert_eq!(
            retry_after_failure(&message(created, 0), &forbidden, at(created)),
            Retry::Never
        );
    }
}
