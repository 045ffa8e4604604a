//! What the web page reads (it never writes): the rooms' link tokens, and the meetings and
//! polls it shows. The tokens are written by the bot (`!page`).

use chrono::{DateTime, Utc};
use sqlx::Row;

use super::meetings::meeting_from_row;
use super::polls::{poll_from_row, poll_query};
use super::store::{StorageError, Store, Transaction};
use crate::domain::poll::Poll;
use crate::domain::{Meeting, RoomId};

/// A dated meeting as the calendar feed shows it.
#[derive(Debug, Clone)]
pub struct FeedMeeting {
    pub meeting: Meeting,
    pub cancelled: bool,
    /// The SEQUENCE of its latest invitation (0 when none was sent).
    pub sequence: u32,
}

impl Store {
    /// Every room that has a link token, with it: the web side compares a request's token
    /// with each (in constant time), so no lookup by token leaks timing.
    pub async fn web_tokens(&self) -> Result<Vec<(RoomId, String)>, StorageError> {
        // A room the bot left has no page any more.
        let rows = sqlx::query(
            "SELECT room_id, web_token FROM rooms WHERE web_token IS NOT NULL AND left_at IS NULL",
        )
        .fetch_all(&self.pool)
        .await?;
        rows.iter()
            .map(|row| {
                Ok((
                    RoomId::new(row.try_get::<String, _>("room_id")?),
                    row.try_get("web_token")?,
                ))
            })
            .collect()
    }

    /// Every dated meeting of the room (cancelled ones too), by date.
    pub async fn feed_meetings(&self, room: &RoomId) -> Result<Vec<FeedMeeting>, StorageError> {
        let rows = sqlx::query(
            "SELECT id, starts_at, place, host, status, invitations_sent FROM meetings
             WHERE room_id = ?1 AND starts_at IS NOT NULL ORDER BY starts_at",
        )
        .bind(room.as_str())
        .fetch_all(&self.pool)
        .await?;
        rows.iter()
            .map(|row| {
                let sent: i64 = row.try_get("invitations_sent")?;
                Ok(FeedMeeting {
                    meeting: meeting_from_row(row)?,
                    cancelled: row.try_get::<String, _>("status")? == "cancelled",
                    sequence: u32::try_from(sent.saturating_sub(1)).unwrap_or(0),
                })
            })
            .collect()
    }
}

impl Transaction {
    /// The room's link token, if it has one.
    pub async fn web_token(&mut self, room: &RoomId) -> Result<Option<String>, StorageError> {
        let row = sqlx::query("SELECT web_token FROM rooms WHERE room_id = ?1")
            .bind(room.as_str())
            .fetch_optional(&mut *self.inner)
            .await?;
        Ok(row
            .map(|row| row.try_get::<Option<String>, _>("web_token"))
            .transpose()?
            .flatten())
    }

    /// Gives the room a (new) link token; the old one stops working at once.
    pub async fn set_web_token(&mut self, room: &RoomId, token: &str) -> Result<(), StorageError> {
        sqlx::query(
            "INSERT INTO rooms (room_id, web_token) VALUES (?1, ?2)
             ON CONFLICT (room_id) DO UPDATE SET web_token = ?2",
        )
        .bind(room.as_str())
        .bind(token)
        .execute(&mut *self.inner)
        .await?;
        Ok(())
    }

    /// The room's meetings held or begun before `now`, newest first (cancelled ones aside).
    pub async fn past_meetings(
        &mut self,
        room: &RoomId,
        now: DateTime<Utc>,
    ) -> Result<Vec<Meeting>, StorageError> {
        let rows = sqlx::query(
            "SELECT id, starts_at, place, host FROM meetings
             WHERE room_id = ?1 AND status != 'cancelled' AND starts_at IS NOT NULL
               AND starts_at < ?2
             ORDER BY starts_at DESC",
        )
        .bind(room.as_str())
        .bind(now)
        .fetch_all(&mut *self.inner)
        .await?;
        rows.iter().map(meeting_from_row).collect()
    }

    /// The room's closed polls, newest first.
    pub async fn closed_polls(&mut self, room: &RoomId) -> Result<Vec<Poll>, StorageError> {
        let rows = sqlx::query(concat!(
            poll_query!(),
            "WHERE p.room_id = ?1 AND b.closed_at IS NOT NULL ORDER BY p.number DESC"
        ))
        .bind(room.as_str())
        .fetch_all(&mut *self.inner)
        .await?;
        rows.iter().map(poll_from_row).collect()
    }
}
