//! The outbox: replies and announcements the bot has decided to send, until they are sent.

use chrono::{DateTime, Utc};
use sqlx::Row;
use sqlx::sqlite::SqliteRow;

use super::{StorageError, Store, Transaction};
use crate::domain::{EventId, RoomId};

/// A message to write into the outbox.
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct NewMessage {
    pub room: RoomId,
    /// The command this message answers, shown by clients as a reply to it.
    pub in_reply_to: Option<EventId>,
    /// The text, in Markdown; the Matrix layer sends it as HTML with a plain-text fallback.
    pub markdown: String,
}

/// A message in the outbox, not sent yet.
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct OutgoingMessage {
    pub id: i64,
    pub room: RoomId,
    pub in_reply_to: Option<EventId>,
    pub markdown: String,
    pub created_at: DateTime<Utc>,
    /// How many sends failed so far.
    pub attempts: u32,
}

impl OutgoingMessage {
    /// The Matrix transaction id of every send of this message: the homeserver answers a
    /// repeated send with the first one's event instead of posting it twice. The creation time
    /// keeps ids unique even if the database is recreated under the same Matrix session.
    pub fn transaction_id(&self) -> String {
        format!(
            "concerto-{}-{}",
            self.id,
            self.created_at.timestamp_micros()
        )
    }

    fn from_row(row: &SqliteRow) -> Result<Self, StorageError> {
        let attempts: i64 = row.try_get("attempts")?;
        Ok(Self {
            id: row.try_get("id")?,
            room: RoomId::new(row.try_get::<String, _>("room_id")?),
            in_reply_to: row
                .try_get::<Option<String>, _>("in_reply_to")?
                .map(EventId::new),
            markdown: row.try_get("markdown")?,
            created_at: row.try_get("created_at")?,
            attempts: u32::try_from(attempts)
                .map_err(|_| StorageError::Corrupt(format!("attempts {attempts}")))?,
        })
    }
}

impl Transaction {
    pub async fn queue_message(
        &mut self,
        message: NewMessage,
        now: DateTime<Utc>,
    ) -> Result<OutgoingMessage, StorageError> {
        let row = sqlx::query(
            "INSERT INTO outbox (room_id, in_reply_to, markdown, created_at)
             VALUES (?1, ?2, ?3, ?4)
             RETURNING id, room_id, in_reply_to, markdown, created_at, attempts",
        )
        .bind(message.room.as_str())
        .bind(message.in_reply_to.as_ref().map(EventId::as_str))
        .bind(&message.markdown)
        .bind(now)
        .fetch_one(&mut *self.inner)
        .await?;
        OutgoingMessage::from_row(&row)
    }
}

impl Store {
    /// Messages not sent (nor given up) yet, oldest first.
    pub async fn pending_messages(&self) -> Result<Vec<OutgoingMessage>, StorageError> {
        let rows = sqlx::query(
            "SELECT id, room_id, in_reply_to, markdown, created_at, attempts FROM outbox
             WHERE sent_at IS NULL AND abandoned_at IS NULL ORDER BY id",
        )
        .fetch_all(&self.pool)
        .await?;
        rows.iter().map(OutgoingMessage::from_row).collect()
    }

    pub async fn mark_sent(
        &self,
        message_id: i64,
        event_id: &EventId,
        now: DateTime<Utc>,
    ) -> Result<(), StorageError> {
        sqlx::query("UPDATE outbox SET sent_event_id = ?2, sent_at = ?3 WHERE id = ?1")
            .bind(message_id)
            .bind(event_id.as_str())
            .bind(now)
            .execute(&self.pool)
            .await?;
        Ok(())
    }

    /// Counts a failed send; with `give_up`, the message leaves the queue for good.
    pub async fn record_failed_send(
        &self,
        message_id: i64,
        error: &str,
        give_up: bool,
        now: DateTime<Utc>,
    ) -> Result<(), StorageError> {
        sqlx::query(
            "UPDATE outbox SET attempts = attempts + 1, last_error = ?2,
                abandoned_at = CASE WHEN ?3 THEN ?4 ELSE NULL END
             WHERE id = ?1",
        )
        .bind(message_id)
        .bind(error)
        .bind(give_up)
        .bind(now)
        .execute(&self.pool)
        .await?;
        Ok(())
    }
}

#[cfg(test)]
mod tests {
    use super::*;
    use crate::storage::tests::temporary_store;

    fn at(text: &str) -> DateTime<Utc> {
        DateTime::parse_from_rfc3339(text)
            .expect("valid date")
            .with_timezone(&Utc)
    }

    fn reply(text: &str) -> NewMessage {
        NewMessage {
            room: RoomId::new("!r"),
            in_reply_to: Some(EventId::new("$cmd")),
            markdown: text.into(),
        }
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

        store
            .mark_sent(first.id, &EventId::new("$sent"), now)
            .await
            .expect("mark");
        assert_eq!(
            store.pending_messages().await.expect("pending"),
            vec![second]
        );
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

        store
            .record_failed_send(message.id, "timeout", false, now)
            .await
            .expect("record");
        assert_eq!(
            store.pending_messages().await.expect("pending")[0].attempts,
            1
        );
        store
            .record_failed_send(message.id, "forbidden", true, now)
            .await
            .expect("record");
        assert!(store.pending_messages().await.expect("pending").is_empty());
    }
}
