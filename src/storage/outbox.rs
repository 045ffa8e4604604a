//! The outbox's rows: what the bot has decided to send (the types are
//! [`crate::domain::messages`]), until it is sent.

use chrono::{DateTime, Utc};

use super::store::{StorageError, Store, Transaction};
use crate::domain::messages::{Content, NewMessage, OutgoingMessage, Presents, Retry};
use crate::domain::{BallotId, EventId, RoomId, UserId};

/// How a text with mentions is kept in the outbox's body.
#[derive(serde::Serialize, serde::Deserialize)]
struct StoredText {
    markdown: String,
    mentions: Vec<String>,
}

/// How a poll is kept in the outbox's body.
#[derive(serde::Serialize, serde::Deserialize)]
struct StoredPoll {
    question: String,
    options: Vec<String>,
    fallback: String,
    /// Absent in what an older version queued: disclosed.
    #[serde(default)]
    hidden: bool,
}

/// The kind as stored. Plain text checked here, so that a new kind needs no table rebuild.
fn kind_of(content: &Content) -> &'static str {
    match content {
        Content::Notice { .. } => "notice",
        Content::Reaction { .. } => "reaction",
        Content::File { .. } => "file",
        Content::Poll { .. } => "poll",
        Content::PollEnd { .. } => "poll_end",
        Content::Text { .. } => "text",
        Content::Pdf(_) => "pdf",
        Content::Invite { .. } => "invite",
        Content::Copy(_) => "copy",
    }
}

/// The columns of a message of the outbox, in every query that returns one.
macro_rules! outgoing_columns {
    () => {
        "id, room_id, in_reply_to, kind, body, file_mime, file_data, presents_ballot,
         ends_ballot, created_at, attempts, next_attempt_at, thread_root"
    };
}

/// A row of the outbox, as the sender reads it ([`outgoing_columns`]). (`ends_ballot` holds
/// the ballot of [`Presents::OnBallot`]: its name is from when only a poll's end referred to
/// a ballot.)
#[derive(Debug, sqlx::FromRow)]
struct OutgoingRow {
    id: i64,
    room_id: String,
    in_reply_to: Option<String>,
    kind: String,
    body: String,
    file_mime: Option<String>,
    file_data: Option<Vec<u8>>,
    presents_ballot: Option<i64>,
    ends_ballot: Option<i64>,
    created_at: DateTime<Utc>,
    attempts: i64,
    next_attempt_at: Option<DateTime<Utc>>,
    thread_root: Option<String>,
}

impl TryFrom<OutgoingRow> for OutgoingMessage {
    type Error = StorageError;

    fn try_from(row: OutgoingRow) -> Result<Self, StorageError> {
        outgoing(row)
    }
}

/// The message a row holds: its content read back by its kind.
fn outgoing(row: OutgoingRow) -> Result<OutgoingMessage, StorageError> {
    let attempts = row.attempts;
    let body = row.body;
    let content = match row.kind.as_str() {
        "notice" => Content::Notice { markdown: body },
        "reaction" => Content::Reaction { key: body },
        "file" => Content::File {
            name: body,
            mime: row.file_mime.unwrap_or_default(),
            data: row.file_data.unwrap_or_default(),
        },
        "poll" => {
            let poll: StoredPoll = serde_json::from_str(&body)
                .map_err(|error| StorageError::Corrupt(format!("outbox poll: {error}")))?;
            Content::Poll {
                question: poll.question,
                options: poll.options,
                fallback: poll.fallback,
                hidden: poll.hidden,
            }
        }
        "poll_end" => Content::PollEnd { text: body },
        "text" => {
            let text: StoredText = serde_json::from_str(&body)
                .map_err(|error| StorageError::Corrupt(format!("outbox text: {error}")))?;
            Content::Text {
                markdown: text.markdown,
                mentions: text.mentions.into_iter().map(UserId::new).collect(),
            }
        }
        "pdf" => Content::Pdf(
            serde_json::from_str(&body)
                .map_err(|error| StorageError::Corrupt(format!("outbox document: {error}")))?,
        ),
        "invite" => Content::Invite {
            user: UserId::new(body),
        },
        "copy" => Content::Copy(
            serde_json::from_str(&body)
                .map_err(|error| StorageError::Corrupt(format!("outbox copy: {error}")))?,
        ),
        other => return Err(StorageError::Corrupt(format!("outbox kind {other:?}"))),
    };
    let presents = match (row.presents_ballot, row.ends_ballot) {
        (Some(id), _) => Some(Presents::Ballot(BallotId::new(id))),
        (None, Some(id)) => Some(Presents::OnBallot(BallotId::new(id))),
        (None, None) => None,
    };
    Ok(OutgoingMessage {
        id: row.id,
        room: RoomId::new(row.room_id),
        in_reply_to: row.in_reply_to.map(EventId::new),
        content,
        presents,
        thread: row.thread_root.map(EventId::new),
        created_at: row.created_at,
        attempts: u32::try_from(attempts)
            .map_err(|_| StorageError::Corrupt(format!("attempts {attempts}")))?,
        next_attempt_at: row.next_attempt_at,
    })
}

impl Transaction {
    /// The thread the bot answered `command` in, if it did in one: an edit of the command is
    /// answered there too.
    pub async fn thread_of_reply_to(
        &mut self,
        command: &EventId,
    ) -> Result<Option<EventId>, StorageError> {
        let root: Option<String> = sqlx::query_scalar(
            "SELECT thread_root FROM outbox WHERE in_reply_to = ?1 AND thread_root IS NOT NULL
             ORDER BY id LIMIT 1",
        )
        .bind(command.as_str())
        .fetch_optional(&mut *self.inner)
        .await?
        .flatten();
        Ok(root.map(EventId::new))
    }

    pub async fn queue_message(
        &mut self,
        message: NewMessage,
        now: DateTime<Utc>,
    ) -> Result<OutgoingMessage, StorageError> {
        let kind = kind_of(&message.content);
        let (body, file_mime, file_data) = match message.content {
            Content::Notice { markdown } => (markdown, None, None),
            Content::Reaction { key } => (key, None, None),
            Content::File { name, mime, data } => (name, Some(mime), Some(data)),
            Content::Poll {
                question,
                options,
                fallback,
                hidden,
            } => {
                let stored = StoredPoll {
                    question,
                    options,
                    fallback,
                    hidden,
                };
                let json = serde_json::to_string(&stored)
                    .map_err(|error| StorageError::Corrupt(format!("outbox poll: {error}")))?;
                (json, None, None)
            }
            Content::PollEnd { text } => (text, None, None),
            Content::Invite { user } => (user.to_string(), None, None),
            Content::Pdf(document) => {
                let json = serde_json::to_string(&document)
                    .map_err(|error| StorageError::Corrupt(format!("outbox document: {error}")))?;
                (json, None, None)
            }
            Content::Copy(copy) => {
                let json = serde_json::to_string(&copy)
                    .map_err(|error| StorageError::Corrupt(format!("outbox copy: {error}")))?;
                (json, None, None)
            }
            Content::Text { markdown, mentions } => {
                let stored = StoredText {
                    markdown,
                    mentions: mentions.iter().map(ToString::to_string).collect(),
                };
                let json = serde_json::to_string(&stored)
                    .map_err(|error| StorageError::Corrupt(format!("outbox text: {error}")))?;
                (json, None, None)
            }
        };
        let (presents_ballot, ends_ballot) = match message.presents {
            Some(Presents::Ballot(id)) => (Some(id.get()), None),
            Some(Presents::OnBallot(id)) => (None, Some(id.get())),
            None => (None, None),
        };
        let row: OutgoingRow = sqlx::query_as(concat!(
            "INSERT INTO outbox (room_id, in_reply_to, kind, body, file_mime, file_data,
                                 presents_ballot, ends_ballot, created_at, thread_root)
             VALUES (?1, ?2, ?3, ?4, ?5, ?6, ?7, ?8, ?9, ?10)
             RETURNING ",
            outgoing_columns!()
        ))
        .bind(message.room.as_str())
        .bind(message.in_reply_to.as_ref().map(EventId::as_str))
        .bind(kind)
        .bind(body)
        .bind(file_mime)
        .bind(file_data)
        .bind(presents_ballot)
        .bind(ends_ballot)
        .bind(now)
        .bind(message.thread.as_ref().map(EventId::as_str))
        .fetch_one(&mut *self.inner)
        .await?;
        row.try_into()
    }

    pub async fn mark_sent(
        &mut self,
        message_id: i64,
        event_id: &EventId,
        now: DateTime<Utc>,
    ) -> Result<(), StorageError> {
        sqlx::query(MARK_SENT)
            .bind(message_id)
            .bind(event_id.as_str())
            .bind(now)
            .execute(&mut *self.inner)
            .await?;
        Ok(())
    }
}

/// A message of the outbox became the event `?2` at `?3`.
const MARK_SENT: &str = "UPDATE outbox SET sent_event_id = ?2, sent_at = ?3 WHERE id = ?1";

impl Store {
    /// Marks message `message_id` sent as `event_id`; a ballot it presents learns the event
    /// its members answer, in the same transaction. A message that presents none is one
    /// statement, with no transaction around it (one round trip to SQLite's thread, not
    /// three, at every reply).
    pub async fn mark_sent(
        &self,
        message_id: i64,
        event_id: &EventId,
        ballot: Option<BallotId>,
        now: DateTime<Utc>,
    ) -> Result<(), StorageError> {
        let Some(ballot) = ballot else {
            sqlx::query(MARK_SENT)
                .bind(message_id)
                .bind(event_id.as_str())
                .bind(now)
                .execute(&self.pool)
                .await?;
            return Ok(());
        };
        let mut tx = self.begin().await?;
        tx.mark_sent(message_id, event_id, now).await?;
        tx.set_ballot_event(ballot, event_id).await?;
        tx.commit().await
    }
}

impl Store {
    /// Messages not sent (nor given up) yet, oldest first.
    pub async fn pending_messages(&self) -> Result<Vec<OutgoingMessage>, StorageError> {
        let rows: Vec<OutgoingRow> = sqlx::query_as(concat!(
            "SELECT ",
            outgoing_columns!(),
            " FROM outbox WHERE sent_at IS NULL AND abandoned_at IS NULL ORDER BY id"
        ))
        .fetch_all(&self.pool)
        .await?;
        rows.into_iter().map(OutgoingMessage::try_from).collect()
    }

    /// Counts a failed send and says when to try again, if ever.
    pub async fn record_failed_send(
        &self,
        message_id: i64,
        error: &str,
        retry: Retry,
        now: DateTime<Utc>,
    ) -> Result<(), StorageError> {
        self.record_failed(Queue::Messages, message_id, error, retry, now)
            .await
    }

    /// The homeserver answers again: messages waiting for a retry may go at once instead of
    /// at the end of their back-off. Returns how many were waiting.
    pub async fn retry_waiting_now(&self, now: DateTime<Utc>) -> Result<u64, StorageError> {
        let done = sqlx::query(
            "UPDATE outbox SET next_attempt_at = ?1
             WHERE sent_at IS NULL AND abandoned_at IS NULL AND next_attempt_at > ?1",
        )
        .bind(now)
        .execute(&self.pool)
        .await?;
        Ok(done.rows_affected())
    }
}

/// The two outboxes, for what they share.
#[derive(Debug, Clone, Copy)]
pub(super) enum Queue {
    /// The room's messages (`outbox`).
    Messages,
    /// The e-mails (`email_outbox`).
    Emails,
}

impl Store {
    /// A failed send, in either outbox: one more attempt, its error, and when to try again —
    /// or that it is given up (it leaves the queue for good).
    pub(super) async fn record_failed(
        &self,
        queue: Queue,
        id: i64,
        error: &str,
        retry: Retry,
        now: DateTime<Utc>,
    ) -> Result<(), StorageError> {
        let table = match queue {
            Queue::Messages => "outbox",
            Queue::Emails => "email_outbox",
        };
        let (next_attempt_at, abandoned_at) = match retry {
            Retry::At(at) => (Some(at), None),
            Retry::Never => (None, Some(now)),
        };
        // The table's name is one of the two above, never input.
        let statement = format!(
            "UPDATE {table} SET attempts = attempts + 1, last_error = ?2, next_attempt_at = ?3,
                abandoned_at = ?4
             WHERE id = ?1"
        );
        sqlx::query(sqlx::AssertSqlSafe(statement))
            .bind(id)
            .bind(error)
            .bind(next_attempt_at)
            .bind(abandoned_at)
            .execute(&self.pool)
            .await?;
        Ok(())
    }
}

#[cfg(test)]
mod tests {
    use super::*;
    use crate::domain::ballot::BallotKind;
    use crate::storage::tests::temporary_store;
    use crate::testing::at;

    fn reply(text: &str) -> NewMessage {
        NewMessage::notice(&RoomId::new("!r"), Some(&EventId::new("$cmd")), text.into())
    }

    async fn mark_sent(store: &Store, id: i64, now: DateTime<Utc>) {
        let mut tx = store.begin().await.expect("begin");
        tx.mark_sent(id, &EventId::new("$sent"), now)
            .await
            .expect("mark");
        tx.commit().await.expect("commit");
    }

    #[tokio::test]
    async fn a_queued_message_is_pending_until_sent() {
        let (store, _dir) = temporary_store().await;
        let now = at("2026-11-29T18:00:00Z");
        let mut tx = store.begin().await.expect("begin");
        let first = tx.queue_message(reply("un"), now).await.expect("queue");
        let second = tx.queue_message(reply("deux"), now).await.expect("queue");
        tx.commit().await.expect("commit");

        let pending = store.pending_messages().await.expect("pending");
        assert_eq!(pending, vec![first.clone(), second.clone()]);
        assert_eq!(first.in_reply_to, Some(EventId::new("$cmd")));

        mark_sent(&store, first.id, now).await;
        assert_eq!(
            store.pending_messages().await.expect("pending"),
            vec![second]
        );
    }

    #[tokio::test]
    async fn reactions_and_files_of_any_bytes_come_back_as_they_were_queued() {
        let (store, _dir) = temporary_store().await;
        let now = at("2026-11-29T18:00:00Z");
        let room = RoomId::new("!r");
        let reaction = NewMessage::reaction(&room, &EventId::new("$proposal"), "1️⃣");
        let mut tx = store.begin().await.expect("begin");
        let ballot = tx
            .open_ballot(&room, BallotKind::MeetingDates, 2, now)
            .await
            .expect("ballot");
        tx.commit().await.expect("commit");
        let file = NewMessage {
            room,
            in_reply_to: None,
            content: Content::File {
                name: "reunion.ics".into(),
                mime: "text/calendar".into(),
                data: vec![0, 159, 146, 150, b'B'],
            },
            presents: Some(Presents::Ballot(ballot.id)),
            thread: None,
        };
        let mut tx = store.begin().await.expect("begin");
        tx.queue_message(reaction.clone(), now)
            .await
            .expect("queue");
        tx.queue_message(file.clone(), now).await.expect("queue");
        tx.commit().await.expect("commit");
        let pending = store.pending_messages().await.expect("pending");
        assert_eq!(pending[0].content, reaction.content);
        assert_eq!(pending[1].content, file.content);
        assert_eq!(pending[1].presents, Some(Presents::Ballot(ballot.id)));

        let poll = NewMessage {
            room: RoomId::new("!r"),
            in_reply_to: None,
            content: Content::Poll {
                question: "Position commune ?".into(),
                options: vec!["Pour".into(), "Contre".into()],
                fallback: "Sondage n° 1".into(),
                hidden: true,
            },
            presents: Some(Presents::Ballot(ballot.id)),
            thread: None,
        };
        let end = NewMessage {
            room: RoomId::new("!r"),
            in_reply_to: None,
            content: Content::PollEnd {
                text: "Sondage clos".into(),
            },
            presents: Some(Presents::OnBallot(ballot.id)),
            thread: None,
        };
        let mut tx = store.begin().await.expect("begin");
        tx.queue_message(poll.clone(), now).await.expect("queue");
        tx.queue_message(end.clone(), now).await.expect("queue");
        tx.commit().await.expect("commit");
        let pending = store.pending_messages().await.expect("pending");
        assert_eq!(pending[2].content, poll.content);
        assert_eq!(pending[3].content, end.content);
        assert_eq!(pending[3].presents, end.presents);

        let reminder = NewMessage {
            room: RoomId::new("!r"),
            in_reply_to: None,
            content: Content::Text {
                markdown: "[BOB](https://matrix.to/#/@bob:x), rappel".into(),
                mentions: vec![UserId::new("@bob:x")],
            },
            presents: None,
            thread: None,
        };
        let mut tx = store.begin().await.expect("begin");
        tx.queue_message(reminder.clone(), now)
            .await
            .expect("queue");
        tx.commit().await.expect("commit");
        let pending = store.pending_messages().await.expect("pending");
        assert_eq!(pending[4].content, reminder.content);
    }

    #[tokio::test]
    async fn transaction_ids_differ_between_messages_and_stay_stable_for_one() {
        let (store, _dir) = temporary_store().await;
        let now = at("2026-11-29T18:00:00Z");
        let mut tx = store.begin().await.expect("begin");
        let first = tx.queue_message(reply("un"), now).await.expect("queue");
        let second = tx.queue_message(reply("deux"), now).await.expect("queue");
        tx.commit().await.expect("commit");
        assert_ne!(first.transaction_id(), second.transaction_id());
        let reread = store.pending_messages().await.expect("pending");
        assert_eq!(reread[0].transaction_id(), first.transaction_id());
    }

    #[tokio::test]
    async fn failed_sends_are_counted_and_a_given_up_message_leaves_the_queue() {
        let (store, _dir) = temporary_store().await;
        let now = at("2026-11-29T18:00:00Z");
        let mut tx = store.begin().await.expect("begin");
        let message = tx.queue_message(reply("un"), now).await.expect("queue");
        tx.commit().await.expect("commit");

        let later = at("2026-11-29T18:00:02Z");
        store
            .record_failed_send(message.id, "timeout", Retry::At(later), now)
            .await
            .expect("record");
        let pending = store.pending_messages().await.expect("pending");
        assert_eq!(pending[0].attempts, 1);
        assert_eq!(pending[0].next_attempt_at, Some(later));
        store
            .record_failed_send(message.id, "forbidden", Retry::Never, now)
            .await
            .expect("record");
        assert!(store.pending_messages().await.expect("pending").is_empty());
    }

    #[tokio::test]
    async fn messages_waiting_for_a_retry_may_go_at_once_when_the_homeserver_is_back() {
        let (store, _dir) = temporary_store().await;
        let now = at("2026-11-29T18:00:00Z");
        let mut tx = store.begin().await.expect("begin");
        let waiting = tx.queue_message(reply("un"), now).await.expect("queue");
        let fresh = tx.queue_message(reply("deux"), now).await.expect("queue");
        tx.commit().await.expect("commit");
        let much_later = at("2026-11-29T18:10:00Z");
        store
            .record_failed_send(waiting.id, "connection refused", Retry::At(much_later), now)
            .await
            .expect("record");

        let back = at("2026-11-29T18:01:00Z");
        assert_eq!(store.retry_waiting_now(back).await.expect("retry"), 1);
        let pending = store.pending_messages().await.expect("pending");
        assert_eq!(pending[0].id, waiting.id);
        assert_eq!(pending[0].next_attempt_at, Some(back));
        assert_eq!(pending[1].id, fresh.id);
        assert_eq!(
            pending[1].next_attempt_at, None,
            "a fresh message is left alone"
        );
    }
}
