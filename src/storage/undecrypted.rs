//! Events the bot could not decrypt yet, kept until their room key arrives, and the "could
//! not read" replies already given, one per sender and room key.

use chrono::{DateTime, Utc};

use super::store::{StorageError, Store, Transaction, count_from_db};
use crate::domain::messages::UndecryptedEvent;
use crate::domain::{BallotId, EventId, RoomId, UserId};

impl Store {
    /// Keeps an event for later. `false` if it was kept already.
    pub async fn keep_undecrypted(
        &self,
        event: &UndecryptedEvent,
        now: DateTime<Utc>,
    ) -> Result<bool, StorageError> {
        let result = sqlx::query(
            "INSERT INTO undecrypted_events (event_id, room_id, session_id, sent_at, raw_event,
                                             kept_at, sender, answers_event_id)
             VALUES (?1, ?2, ?3, ?4, ?5, ?6, ?7, ?8) ON CONFLICT (event_id) DO NOTHING",
        )
        .bind(event.event_id.as_str())
        .bind(event.room.as_str())
        .bind(&event.session_id)
        .bind(event.sent_at)
        .bind(&event.raw)
        .bind(now)
        .bind(event.sender.as_str())
        .bind(event.answers.as_ref().map(EventId::as_str))
        .execute(&self.pool)
        .await?;
        Ok(result.rows_affected() == 1)
    }

    /// The kept events of one room (or of every room), oldest first.
    pub async fn undecrypted_events(
        &self,
        room: Option<&RoomId>,
    ) -> Result<Vec<UndecryptedEvent>, StorageError> {
        let rows: Vec<KeptRow> = sqlx::query_as(concat!(
            "SELECT ",
            kept_columns!(),
            " FROM undecrypted_events WHERE ?1 IS NULL OR room_id = ?1 ORDER BY sent_at, event_id"
        ))
        .bind(room.map(RoomId::as_str))
        .fetch_all(&self.pool)
        .await?;
        Ok(rows.into_iter().map(UndecryptedEvent::from).collect())
    }

    /// Forgets a kept event (decrypted and handled, or too old to matter).
    pub async fn forget_undecrypted(&self, event_id: &EventId) -> Result<(), StorageError> {
        sqlx::query("DELETE FROM undecrypted_events WHERE event_id = ?1")
            .bind(event_id.as_str())
            .execute(&self.pool)
            .await?;
        Ok(())
    }

    /// The kept messages whose sender was not told yet that the bot cannot read them (one per
    /// sender and room key, the first kept), with when each was kept. Answers to ballots are
    /// left out: they wait silently.
    pub async fn unreadable_not_noticed(
        &self,
    ) -> Result<Vec<(UndecryptedEvent, DateTime<Utc>)>, StorageError> {
        let rows: Vec<KeptAtRow> = sqlx::query_as(concat!(
            "SELECT kept_at, ",
            kept_columns!(),
            " FROM undecrypted_events AS kept
             WHERE answers_event_id IS NULL AND sender IS NOT NULL AND sender <> ''
               AND NOT EXISTS (
                   SELECT 1 FROM unreadable_notices AS notice
                   WHERE notice.room_id = kept.room_id AND notice.sender = kept.sender
                     AND notice.session_id = COALESCE(kept.session_id, kept.event_id))
             ORDER BY kept_at, event_id"
        ))
        .fetch_all(&self.pool)
        .await?;
        let mut seen = std::collections::HashSet::new();
        let mut pending = Vec::new();
        for row in rows {
            let kept_at = row.kept_at;
            let event = UndecryptedEvent::from(row.event);
            let key = (
                event.room.clone(),
                event.sender.clone(),
                event.key_name().to_owned(),
            );
            if seen.insert(key) {
                pending.push((event, kept_at));
            }
        }
        Ok(pending)
    }

    /// How many rooms have events waiting for their key.
    pub async fn rooms_with_unreadable_events(&self) -> Result<usize, StorageError> {
        let count: i64 =
            sqlx::query_scalar("SELECT COUNT(DISTINCT room_id) FROM undecrypted_events")
                .fetch_one(&self.pool)
                .await?;
        count_from_db(count, "rooms")
    }
}

impl Transaction {
    /// How many answers to `ballot`'s message wait for their key.
    pub async fn unreadable_answers(&mut self, ballot: BallotId) -> Result<usize, StorageError> {
        let count: i64 = sqlx::query_scalar(
            "SELECT COUNT(*) FROM undecrypted_events AS kept
             JOIN ballots ON ballots.event_id = kept.answers_event_id
             WHERE ballots.id = ?1 AND ballots.room_id = kept.room_id",
        )
        .bind(ballot.get())
        .fetch_one(&mut *self.inner)
        .await?;
        count_from_db(count, "unreadable answers")
    }

    /// Records that `event`'s sender is told the bot cannot read it. `false` if they were
    /// told already for this room key: nothing more to say.
    pub async fn record_unreadable_notice(
        &mut self,
        event: &UndecryptedEvent,
        now: DateTime<Utc>,
    ) -> Result<bool, StorageError> {
        let result = sqlx::query(
            "INSERT INTO unreadable_notices (room_id, sender, session_id, event_id, noticed_at)
             VALUES (?1, ?2, ?3, ?4, ?5) ON CONFLICT DO NOTHING",
        )
        .bind(event.room.as_str())
        .bind(event.sender.as_str())
        .bind(event.key_name())
        .bind(event.event_id.as_str())
        .bind(now)
        .execute(&mut *self.inner)
        .await?;
        Ok(result.rows_affected() == 1)
    }
}

/// The columns of a kept event, in every query that returns one (read into a
/// [`KeptRow`]).
macro_rules! kept_columns {
    () => {
        "event_id, room_id, session_id, sent_at, raw_event, sender, answers_event_id"
    };
}
use kept_columns;

/// A kept encrypted event as its row holds it.
#[derive(Debug, sqlx::FromRow)]
struct KeptRow {
    event_id: String,
    room_id: String,
    session_id: Option<String>,
    sent_at: DateTime<Utc>,
    raw_event: String,
    sender: Option<String>,
    answers_event_id: Option<String>,
}

impl From<KeptRow> for UndecryptedEvent {
    fn from(row: KeptRow) -> Self {
        UndecryptedEvent {
            room: RoomId::new(row.room_id),
            event_id: EventId::new(row.event_id),
            sender: UserId::new(row.sender.unwrap_or_default()),
            session_id: row.session_id,
            answers: row.answers_event_id.map(EventId::new),
            sent_at: row.sent_at,
            raw: row.raw_event,
        }
    }
}

/// A kept event and when it was kept.
#[derive(Debug, sqlx::FromRow)]
struct KeptAtRow {
    kept_at: DateTime<Utc>,
    #[sqlx(flatten)]
    event: KeptRow,
}

#[cfg(test)]
mod tests {
    use super::*;
    use crate::storage::tests::temporary_store;
    use crate::testing::at;

    fn event(id: &str, room: &str, sent_at: &str) -> UndecryptedEvent {
        UndecryptedEvent {
            room: RoomId::new(room),
            event_id: EventId::new(id),
            sender: UserId::new("@alice:example.org"),
            session_id: Some("session".into()),
            answers: None,
            sent_at: at(sent_at),
            raw: format!(r#"{{"event_id":"{id}"}}"#),
        }
    }

    #[tokio::test]
    async fn kept_events_come_back_per_room_until_forgotten() {
        let (store, _dir) = temporary_store().await;
        let now = at("2026-11-29T18:00:00Z");
        let first = event("$1", "!a", "2026-11-29T17:00:00Z");
        let second = event("$2", "!b", "2026-11-29T17:01:00Z");
        assert!(store.keep_undecrypted(&first, now).await.expect("keep"));
        assert!(!store.keep_undecrypted(&first, now).await.expect("again"));
        store.keep_undecrypted(&second, now).await.expect("keep");

        let in_a = store
            .undecrypted_events(Some(&RoomId::new("!a")))
            .await
            .expect("query");
        assert_eq!(in_a, vec![first.clone()]);
        assert_eq!(
            store.undecrypted_events(None).await.expect("query"),
            vec![first.clone(), second.clone()]
        );
        store
            .forget_undecrypted(&first.event_id)
            .await
            .expect("forget");
        assert_eq!(
            store.undecrypted_events(None).await.expect("query"),
            vec![second]
        );
    }

    #[tokio::test]
    async fn unreadable_answers_are_counted_for_their_ballot_alone() {
        use crate::domain::ballot::BallotKind;
        let (store, _dir) = temporary_store().await;
        let now = at("2026-11-29T18:00:00Z");
        let mut tx = store.begin().await.expect("tx");
        let poll = tx
            .open_ballot(&RoomId::new("!a"), BallotKind::Poll, 3, now)
            .await
            .expect("ballot");
        tx.set_ballot_event(poll.id, &EventId::new("$poll"))
            .await
            .expect("event");
        tx.commit().await.expect("commit");
        let mut answer = event("$r1", "!a", "2026-11-29T17:00:00Z");
        answer.answers = Some(EventId::new("$poll"));
        store.keep_undecrypted(&answer, now).await.expect("keep");
        // An answer to another event, and a message.
        let mut elsewhere = event("$r2", "!a", "2026-11-29T17:00:01Z");
        elsewhere.answers = Some(EventId::new("$other"));
        store.keep_undecrypted(&elsewhere, now).await.expect("keep");
        store
            .keep_undecrypted(&event("$m", "!b", "2026-11-29T17:00:02Z"), now)
            .await
            .expect("keep");

        let mut tx = store.begin().await.expect("tx");
        assert_eq!(tx.unreadable_answers(poll.id).await.expect("count"), 1);
        drop(tx);
        assert_eq!(
            store.rooms_with_unreadable_events().await.expect("rooms"),
            2
        );
        // Only the message waits for an explanation.
        let pending = store.unreadable_not_noticed().await.expect("pending");
        let ids: Vec<_> = pending.iter().map(|(e, _)| e.event_id.clone()).collect();
        assert_eq!(ids, vec![EventId::new("$m")]);
    }
}
