//! Events the bot could not decrypt yet, kept until their room key arrives.

use chrono::{DateTime, Utc};
use sqlx::Row;
use sqlx::sqlite::SqliteRow;

use super::store::{StorageError, Store};
use crate::domain::messages::UndecryptedEvent;
use crate::domain::{EventId, RoomId};

impl Store {
    /// Keeps an event for later. `false` if it was kept already.
    pub async fn keep_undecrypted(
        &self,
        event: &UndecryptedEvent,
        now: DateTime<Utc>,
    ) -> Result<bool, StorageError> {
        let result = sqlx::query(
            "INSERT INTO undecrypted_events (event_id, room_id, session_id, sent_at, raw_event,
                                             kept_at)
             VALUES (?1, ?2, ?3, ?4, ?5, ?6) ON CONFLICT (event_id) DO NOTHING",
        )
        .bind(event.event_id.as_str())
        .bind(event.room.as_str())
        .bind(&event.session_id)
        .bind(event.sent_at)
        .bind(&event.raw)
        .bind(now)
        .execute(&self.pool)
        .await?;
        Ok(result.rows_affected() == 1)
    }

    /// The kept events of one room (or of every room), oldest first.
    pub async fn undecrypted_events(
        &self,
        room: Option<&RoomId>,
    ) -> Result<Vec<UndecryptedEvent>, StorageError> {
        let rows = sqlx::query(
            "SELECT event_id, room_id, session_id, sent_at, raw_event FROM undecrypted_events
             WHERE ?1 IS NULL OR room_id = ?1 ORDER BY sent_at, event_id",
        )
        .bind(room.map(RoomId::as_str))
        .fetch_all(&self.pool)
        .await?;
        rows.iter().map(undecrypted_from_row).collect()
    }

    /// Forgets a kept event (decrypted and handled, or too old to matter).
    pub async fn forget_undecrypted(&self, event_id: &EventId) -> Result<(), StorageError> {
        sqlx::query("DELETE FROM undecrypted_events WHERE event_id = ?1")
            .bind(event_id.as_str())
            .execute(&self.pool)
            .await?;
        Ok(())
    }
}

fn undecrypted_from_row(row: &SqliteRow) -> Result<UndecryptedEvent, StorageError> {
    Ok(UndecryptedEvent {
        room: RoomId::new(row.try_get::<String, _>("room_id")?),
        event_id: EventId::new(row.try_get::<String, _>("event_id")?),
        session_id: row.try_get("session_id")?,
        sent_at: row.try_get("sent_at")?,
        raw: row.try_get("raw_event")?,
    })
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
            session_id: Some("session".into()),
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
}
