//! What the web page reads (it never writes): the room a link opens (by its token's hash),
//! and the meetings and polls it shows. The links are written by the bot (`!page`).

use chrono::{DateTime, Utc};

use super::meetings::{MeetingRow, meeting_columns, sequence_of};
use super::polls::{PollRow, poll_query};
use super::store::{StorageError, Store, Transaction};
use crate::domain::poll::Poll;
use crate::domain::tokens::{KeptLink, Nonce, TokenHash};
use crate::domain::{Meeting, RoomId};

/// A dated meeting as the calendar feed shows it.
#[derive(Debug, Clone)]
pub struct FeedMeeting {
    pub meeting: Meeting,
    pub cancelled: bool,
    /// The SEQUENCE of its latest invitation (0 when none was sent).
    pub sequence: u32,
}

/// A dated meeting as the feed reads it.
#[derive(sqlx::FromRow)]
struct FeedRow {
    #[sqlx(flatten)]
    meeting: MeetingRow,
    status: String,
    invitations_sent: i64,
}

impl Store {
    /// The room whose page link's token has this hash (a token of an older version too,
    /// until renewed), if it has a page: a room the bot left has none any more.
    pub async fn room_of_page_token(
        &self,
        hash: &TokenHash,
    ) -> Result<Option<RoomId>, StorageError> {
        let room: Option<String> = sqlx::query_scalar(
            "SELECT room_id FROM rooms WHERE web_hash = ?1 AND left_at IS NULL
             UNION ALL
             SELECT r.room_id FROM legacy_link_tokens l JOIN rooms r ON r.room_id = l.owner
             WHERE l.hash = ?1 AND l.purpose = 'page' AND r.left_at IS NULL
             LIMIT 1",
        )
        .bind(hash.as_str())
        .fetch_optional(&self.pool)
        .await?;
        Ok(room.map(RoomId::new))
    }

    /// Every dated meeting of the room (cancelled ones too), by date.
    pub async fn feed_meetings(&self, room: &RoomId) -> Result<Vec<FeedMeeting>, StorageError> {
        let rows: Vec<FeedRow> = sqlx::query_as(concat!(
            "SELECT status, invitations_sent, ",
            meeting_columns!(),
            " FROM meetings WHERE room_id = ?1 AND starts_at IS NOT NULL ORDER BY starts_at"
        ))
        .bind(room.as_str())
        .fetch_all(&self.pool)
        .await?;
        Ok(rows
            .into_iter()
            .map(|row| FeedMeeting {
                meeting: row.meeting.into(),
                cancelled: row.status == "cancelled",
                sequence: sequence_of(row.invitations_sent),
            })
            .collect())
    }
}

impl Transaction {
    /// The nonce of the room's page link, if it has one.
    pub async fn web_link(&mut self, room: &RoomId) -> Result<Option<Nonce>, StorageError> {
        let nonce: Option<Option<String>> =
            sqlx::query_scalar("SELECT web_nonce FROM rooms WHERE room_id = ?1")
                .bind(room.as_str())
                .fetch_optional(&mut *self.inner)
                .await?;
        Ok(nonce.flatten().map(Nonce::kept))
    }

    /// Gives the room a (new) page link; the old one stops working at once.
    pub async fn set_web_link(
        &mut self,
        room: &RoomId,
        link: &KeptLink,
    ) -> Result<(), StorageError> {
        sqlx::query(
            "INSERT INTO rooms (room_id, web_nonce, web_hash) VALUES (?1, ?2, ?3)
             ON CONFLICT (room_id) DO UPDATE SET web_nonce = ?2, web_hash = ?3",
        )
        .bind(room.as_str())
        .bind(link.nonce.as_str())
        .bind(link.hash.as_str())
        .execute(&mut *self.inner)
        .await?;
        self.forget_legacy_links(&["page"], room.as_str()).await
    }

    /// The room's meetings held or begun before `now`, newest first (cancelled ones aside).
    pub async fn past_meetings(
        &mut self,
        room: &RoomId,
        now: DateTime<Utc>,
    ) -> Result<Vec<Meeting>, StorageError> {
        let rows: Vec<MeetingRow> = sqlx::query_as(concat!(
            "SELECT ",
            meeting_columns!(),
            " FROM meetings
             WHERE room_id = ?1 AND status != 'cancelled' AND starts_at IS NOT NULL
               AND starts_at < ?2
             ORDER BY starts_at DESC"
        ))
        .bind(room.as_str())
        .bind(now)
        .fetch_all(&mut *self.inner)
        .await?;
        Ok(rows.into_iter().map(Meeting::from).collect())
    }

    /// The room's closed polls, newest first.
    pub async fn closed_polls(&mut self, room: &RoomId) -> Result<Vec<Poll>, StorageError> {
        let rows = sqlx::query_as::<_, PollRow>(concat!(
            poll_query!(),
            "WHERE p.room_id = ?1 AND b.closed_at IS NOT NULL ORDER BY p.number DESC"
        ))
        .bind(room.as_str())
        .fetch_all(&mut *self.inner)
        .await?;
        rows.into_iter().map(Poll::try_from).collect()
    }
}
