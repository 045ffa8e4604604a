//! The guests of each meeting.

use chrono::{DateTime, Utc};
use sqlx::Row;

use super::store::{StorageError, Transaction, count_from_db, count_to_db};
use crate::domain::guest::Guest;
use crate::domain::{MeetingId, UserId};

impl Transaction {
    /// Adds a guest to a meeting's list; returns their number in it.
    pub async fn add_guest(
        &mut self,
        meeting_id: MeetingId,
        guest: &Guest,
        now: DateTime<Utc>,
    ) -> Result<usize, StorageError> {
        let last: Option<i64> =
            sqlx::query_scalar("SELECT MAX(number) FROM guests WHERE meeting_id = ?1")
                .bind(meeting_id.get())
                .fetch_one(&mut *self.inner)
                .await?;
        let number = count_from_db(last.unwrap_or(0), "guest number")? + 1;
        sqlx::query(
            "INSERT INTO guests (meeting_id, number, name, email, topic, added_by, added_at)
             VALUES (?1, ?2, ?3, ?4, ?5, ?6, ?7)",
        )
        .bind(meeting_id.get())
        .bind(count_to_db(number))
        .bind(&guest.name)
        .bind(&guest.email)
        .bind(&guest.topic)
        .bind(guest.added_by.as_str())
        .bind(now)
        .execute(&mut *self.inner)
        .await?;
        Ok(number)
    }

    /// A meeting's guests, by number.
    pub async fn guests(&mut self, meeting_id: MeetingId) -> Result<Vec<Guest>, StorageError> {
        let rows = sqlx::query(
            "SELECT number, name, email, topic, added_by FROM guests WHERE meeting_id = ?1
             ORDER BY number",
        )
        .bind(meeting_id.get())
        .fetch_all(&mut *self.inner)
        .await?;
        rows.iter()
            .map(|row| {
                Ok(Guest {
                    number: count_from_db(row.try_get("number")?, "guest number")?,
                    name: row.try_get("name")?,
                    email: row.try_get("email")?,
                    topic: row.try_get("topic")?,
                    added_by: UserId::new(row.try_get::<String, _>("added_by")?),
                })
            })
            .collect()
    }

    /// Removes guest `number` from a meeting's list (their address goes with them). `false`
    /// if there was none.
    pub async fn remove_guest(
        &mut self,
        meeting_id: MeetingId,
        number: usize,
    ) -> Result<bool, StorageError> {
        let result = sqlx::query("DELETE FROM guests WHERE meeting_id = ?1 AND number = ?2")
            .bind(meeting_id.get())
            .bind(count_to_db(number))
            .execute(&mut *self.inner)
            .await?;
        Ok(result.rows_affected() == 1)
    }
}
