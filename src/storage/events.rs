//! What the bot has read: the sync position, the last event read in each room, and the events
//! handled (once each, a failure recorded as such).

use chrono::{DateTime, Utc};
use sqlx::Row;

use super::store::{StorageError, Store, Transaction};
use crate::domain::{EventId, RoomId};

impl Store {
    /// The position after which the homeserver has events the bot has not handled yet;
    /// `None` before the very first sync.
    pub async fn sync_position(&self) -> Result<Option<String>, StorageError> {
        let row = sqlx::query("SELECT next_batch FROM sync_position WHERE id = 1")
            .fetch_optional(&self.pool)
            .await?;
        Ok(row.map(|row| row.get("next_batch")))
    }

    /// When the last sync was saved: how recently the bot read the rooms.
    pub async fn sync_saved_at(&self) -> Result<Option<DateTime<Utc>>, StorageError> {
        let row = sqlx::query("SELECT saved_at FROM sync_position WHERE id = 1")
            .fetch_optional(&self.pool)
            .await?;
        Ok(row.map(|row| row.try_get("saved_at")).transpose()?)
    }

    /// Call only once every event up to `next_batch` has been handled. `last_events` are the
    /// last timeline events read in each room of the batch; they bound the next gap fill.
    pub async fn save_sync_position(
        &self,
        next_batch: &str,
        last_events: &[(RoomId, EventId)],
        now: DateTime<Utc>,
    ) -> Result<(), StorageError> {
        let mut tx = self.pool.begin().await?;
        for (room, event) in last_events {
            sqlx::query(
                "INSERT INTO room_positions (room_id, last_event_id) VALUES (?1, ?2)
                 ON CONFLICT (room_id) DO UPDATE SET last_event_id = ?2",
            )
            .bind(room.as_str())
            .bind(event.as_str())
            .execute(&mut *tx)
            .await?;
        }
        sqlx::query(
            "INSERT INTO sync_position (id, next_batch, saved_at) VALUES (1, ?1, ?2)
             ON CONFLICT (id) DO UPDATE SET next_batch = ?1, saved_at = ?2",
        )
        .bind(next_batch)
        .bind(now)
        .execute(&mut *tx)
        .await?;
        tx.commit().await?;
        Ok(())
    }

    /// The last timeline event the bot read in the room, as saved with the sync position.
    pub async fn last_read_event(&self, room: &RoomId) -> Result<Option<EventId>, StorageError> {
        let row = sqlx::query("SELECT last_event_id FROM room_positions WHERE room_id = ?1")
            .bind(room.as_str())
            .fetch_optional(&self.pool)
            .await?;
        Ok(row.map(|row| EventId::new(row.get::<String, _>("last_event_id"))))
    }

    /// Whether the event was handled already.
    pub async fn was_handled(&self, event_id: &EventId) -> Result<bool, StorageError> {
        let row = sqlx::query("SELECT 1 FROM handled_events WHERE event_id = ?1")
            .bind(event_id.as_str())
            .fetch_optional(&self.pool)
            .await?;
        Ok(row.is_some())
    }
}

impl Transaction {
    /// Records that `event_id` is being handled. `false` if it was already: the caller must
    /// then drop the transaction and do nothing.
    pub async fn claim_event(
        &mut self,
        event_id: &EventId,
        room: &RoomId,
        now: DateTime<Utc>,
    ) -> Result<bool, StorageError> {
        let result = sqlx::query(
            "INSERT INTO handled_events (event_id, room_id, handled_at) VALUES (?1, ?2, ?3)
             ON CONFLICT (event_id) DO NOTHING",
        )
        .bind(event_id.as_str())
        .bind(room.as_str())
        .bind(now)
        .execute(&mut *self.inner)
        .await?;
        Ok(result.rows_affected() == 1)
    }

    /// Records that `event_id` could not be handled, with why: it counts as handled (it is not
    /// tried again) and the failure is kept for whoever looks into it. `false` if the event
    /// was handled before.
    pub async fn record_failed_event(
        &mut self,
        event_id: &EventId,
        room: &RoomId,
        failure: &str,
        now: DateTime<Utc>,
    ) -> Result<bool, StorageError> {
        let result = sqlx::query(
            "INSERT INTO handled_events (event_id, room_id, handled_at, failure)
             VALUES (?1, ?2, ?3, ?4) ON CONFLICT (event_id) DO NOTHING",
        )
        .bind(event_id.as_str())
        .bind(room.as_str())
        .bind(now)
        .bind(failure)
        .execute(&mut *self.inner)
        .await?;
        Ok(result.rows_affected() == 1)
    }
}
