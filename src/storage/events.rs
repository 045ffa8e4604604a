//! What the bot has read: the sync position, the last event read in each room, and the events
//! handled (once each, a failure recorded as such).

use std::sync::atomic::Ordering;

use chrono::{DateTime, Utc};
use sqlx::Row;

use super::store::{StorageError, Store, Transaction};
use crate::domain::{EventId, RoomId};

/// What was set aside since the running bot started, for `concerto health`.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub struct SetAside {
    pub started_at: DateTime<Utc>,
    pub events: u64,
    pub due_items: u64,
}

impl Store {
    /// The position after which the homeserver has events the bot has not handled yet;
    /// `None` before the very first sync.
    pub async fn sync_position(&self) -> Result<Option<String>, StorageError> {
        let position = sqlx::query_scalar("SELECT next_batch FROM sync_position WHERE id = 1")
            .fetch_optional(&self.pool)
            .await?;
        Ok(position)
    }

    /// When the last sync was saved: how recently the bot read the rooms.
    pub async fn sync_saved_at(&self) -> Result<Option<DateTime<Utc>>, StorageError> {
        let saved_at = sqlx::query_scalar("SELECT saved_at FROM sync_position WHERE id = 1")
            .fetch_optional(&self.pool)
            .await?;
        Ok(saved_at)
    }

    /// Call only once every event up to `next_batch` has been handled. `last_events` are the
    /// last timeline events read in each room of the batch; they bound the next gap fill.
    pub async fn save_sync_position(
        &self,
        next_batch: &str,
        last_events: &[(RoomId, EventId)],
        now: DateTime<Utc>,
    ) -> Result<(), StorageError> {
        // Every event of the batch was handled or set aside: no handling is under way, and the
        // notes go (none noted since the last save: nothing to clear, no statement).
        let clear_attempts = self.attempts_noted.swap(false, Ordering::SeqCst);
        let saved = self
            .write_sync_position(next_batch, last_events, clear_attempts, now)
            .await;
        if saved.is_err() && clear_attempts {
            self.attempts_noted.store(true, Ordering::SeqCst);
        }
        saved
    }

    /// Two or three statements, each its own commit, sent to SQLite's thread at once — no
    /// transaction around them, whose `BEGIN` and `COMMIT` would be two more round trips at
    /// every batch. None needs the others: saved in this order, a crash between two leaves
    /// rooms read further than the position (the events up to them are not handled twice:
    /// the gap fill starts after a room's last event read), or notes of handlings that ended
    /// (read only for an event handled again, which the saved position no longer reaches).
    async fn write_sync_position(
        &self,
        next_batch: &str,
        last_events: &[(RoomId, EventId)],
        clear_attempts: bool,
        now: DateTime<Utc>,
    ) -> Result<(), StorageError> {
        let mut statements = sqlx::QueryBuilder::new("");
        if !last_events.is_empty() {
            statements.push("INSERT INTO room_positions (room_id, last_event_id) ");
            statements.push_values(last_events, |mut row, (room, event)| {
                row.push_bind(room.as_str()).push_bind(event.as_str());
            });
            statements.push(
                " ON CONFLICT (room_id) DO UPDATE SET last_event_id = excluded.last_event_id; ",
            );
        }
        statements.push("INSERT INTO sync_position (id, next_batch, saved_at) VALUES (1, ");
        statements.push_bind(next_batch).push(", ").push_bind(now);
        statements.push(
            ") ON CONFLICT (id) DO UPDATE SET next_batch = excluded.next_batch,
             saved_at = excluded.saved_at",
        );
        if clear_attempts {
            statements.push("; DELETE FROM event_attempts");
        }
        statements.build().execute(&self.pool).await?;
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

    /// Notes that the handling of `event_id` starts (committed at once, before it): how many
    /// times it was started, this one included. More than one means an earlier handling was
    /// cut short by a crash.
    pub async fn note_attempt(
        &self,
        event_id: &EventId,
        room: &RoomId,
        now: DateTime<Utc>,
    ) -> Result<u32, StorageError> {
        let attempts: i64 = sqlx::query_scalar(
            "INSERT INTO event_attempts (event_id, room_id, attempts, first_at) VALUES (?1, ?2, 1, ?3)
             ON CONFLICT (event_id) DO UPDATE SET attempts = attempts + 1
             RETURNING attempts",
        )
        .bind(event_id.as_str())
        .bind(room.as_str())
        .bind(now)
        .fetch_one(&self.pool)
        .await?;
        self.attempts_noted.store(true, Ordering::SeqCst);
        Ok(u32::try_from(attempts).unwrap_or(u32::MAX))
    }

    /// Records when the running bot started; returns how many times it has started, this
    /// run included.
    pub async fn save_run_start(&self, started_at: DateTime<Utc>) -> Result<u64, StorageError> {
        let starts: i64 = sqlx::query_scalar(
            "INSERT INTO bot_run (id, started_at, starts) VALUES (1, ?1, 1)
             ON CONFLICT (id) DO UPDATE SET started_at = ?1, starts = starts + 1
             RETURNING starts",
        )
        .bind(started_at)
        .fetch_one(&self.pool)
        .await?;
        Ok(u64::try_from(starts).unwrap_or_default())
    }

    /// Events and due items set aside (their handling failed or panicked) since the running
    /// bot started; `None` before its first start.
    pub async fn set_aside_since_start(&self) -> Result<Option<SetAside>, StorageError> {
        let Some(started_at) =
            sqlx::query_scalar::<_, DateTime<Utc>>("SELECT started_at FROM bot_run WHERE id = 1")
                .fetch_optional(&self.pool)
                .await?
        else {
            return Ok(None);
        };
        let events: i64 = sqlx::query_scalar(
            "SELECT count(*) FROM handled_events WHERE failure IS NOT NULL AND handled_at >= ?1",
        )
        .bind(started_at)
        .fetch_one(&self.pool)
        .await?;
        let due_items: i64 =
            sqlx::query_scalar("SELECT count(*) FROM due_set_aside WHERE set_aside_at >= ?1")
                .bind(started_at)
                .fetch_one(&self.pool)
                .await?;
        Ok(Some(SetAside {
            started_at,
            events: u64::try_from(events).unwrap_or_default(),
            due_items: u64::try_from(due_items).unwrap_or_default(),
        }))
    }

    /// The keys of the due items set aside (never tried again).
    pub async fn due_set_aside(&self) -> Result<std::collections::HashSet<String>, StorageError> {
        Ok(sqlx::query_scalar("SELECT key FROM due_set_aside")
            .fetch_all(&self.pool)
            .await?
            .into_iter()
            .collect())
    }

    /// Sets a due item aside: it is not tried again. `false` if it was already.
    pub async fn set_due_aside(
        &self,
        key: &str,
        room: &RoomId,
        failure: &str,
        now: DateTime<Utc>,
    ) -> Result<bool, StorageError> {
        let result = sqlx::query(
            "INSERT INTO due_set_aside (key, room_id, failure, set_aside_at) VALUES (?1, ?2, ?3, ?4)
             ON CONFLICT (key) DO NOTHING",
        )
        .bind(key)
        .bind(room.as_str())
        .bind(failure)
        .bind(now)
        .execute(&self.pool)
        .await?;
        Ok(result.rows_affected() == 1)
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
