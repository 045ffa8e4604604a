//! Meetings: planned (one undated at most per room), dated, held or cancelled; their host,
//! place and the turn of hosts; the proposal a date came from; the sequence of their
//! calendar invitations. (Their agenda is `agenda.rs`, date proposals `proposals.rs`.)

use chrono::{DateTime, Utc};

use super::store::{StorageError, Store, Transaction, count_to_db};
use crate::domain::{BallotId, Meeting, MeetingId, ProposalId, RoomId, UserId};

impl Store {
    /// Every room's dated meetings still to be held: the clock carries their agenda over
    /// when their day ends.
    pub async fn dated_planned_meetings(&self) -> Result<Vec<(RoomId, Meeting)>, StorageError> {
        let rows: Vec<RoomMeetingRow> = sqlx::query_as(concat!(
            "SELECT room_id, ",
            meeting_columns!(),
            " FROM meetings WHERE status = 'planned' AND starts_at IS NOT NULL"
        ))
        .fetch_all(&self.pool)
        .await?;
        Ok(rows
            .into_iter()
            .map(|row| (RoomId::new(row.room_id), row.meeting.into()))
            .collect())
    }
}

impl Transaction {
    /// The room's meetings still to be held (scheduled or not), in no particular order.
    pub async fn planned_meetings(&mut self, room: &RoomId) -> Result<Vec<Meeting>, StorageError> {
        let rows: Vec<MeetingRow> = sqlx::query_as(concat!(
            "SELECT ",
            meeting_columns!(),
            " FROM meetings WHERE room_id = ?1 AND status = 'planned'"
        ))
        .bind(room.as_str())
        .fetch_all(&mut *self.inner)
        .await?;
        Ok(rows.into_iter().map(Meeting::from).collect())
    }

    /// The room's "next meeting, date not set yet".
    pub async fn create_unscheduled_meeting(
        &mut self,
        room: &RoomId,
        now: DateTime<Utc>,
    ) -> Result<Meeting, StorageError> {
        let row: MeetingRow = sqlx::query_as(concat!(
            "INSERT INTO meetings (room_id, created_at) VALUES (?1, ?2) RETURNING ",
            meeting_columns!()
        ))
        .bind(room.as_str())
        .bind(now)
        .fetch_one(&mut *self.inner)
        .await?;
        Ok(row.into())
    }

    /// Sets a meeting's date; its agenda stays with it.
    pub async fn schedule_meeting(
        &mut self,
        meeting_id: MeetingId,
        starts_at: DateTime<Utc>,
        now: DateTime<Utc>,
    ) -> Result<(), StorageError> {
        sqlx::query("UPDATE meetings SET starts_at = ?2, scheduled_at = ?3 WHERE id = ?1")
            .bind(meeting_id.get())
            .bind(starts_at)
            .bind(now)
            .execute(&mut *self.inner)
            .await?;
        Ok(())
    }

    /// Marks a meeting as held: its day is over and its agenda was dealt with.
    pub async fn mark_meeting_held(&mut self, meeting_id: MeetingId) -> Result<(), StorageError> {
        sqlx::query("UPDATE meetings SET status = 'held' WHERE id = ?1")
            .bind(meeting_id.get())
            .execute(&mut *self.inner)
            .await?;
        Ok(())
    }

    /// The room's meetings held whose date is `since` or later (a handful at most).
    pub async fn held_meetings_since(
        &mut self,
        room: &RoomId,
        since: DateTime<Utc>,
    ) -> Result<Vec<Meeting>, StorageError> {
        let rows: Vec<MeetingRow> = sqlx::query_as(concat!(
            "SELECT ",
            meeting_columns!(),
            " FROM meetings WHERE room_id = ?1 AND status = 'held' AND starts_at >= ?2"
        ))
        .bind(room.as_str())
        .bind(since)
        .fetch_all(&mut *self.inner)
        .await?;
        Ok(rows.into_iter().map(Meeting::from).collect())
    }

    /// The room's meeting dated between `start` and `end` (a day), else the latest one dated
    /// before `end` when `or_latest`; cancelled meetings aside.
    pub async fn meeting_between(
        &mut self,
        room: &RoomId,
        start: DateTime<Utc>,
        end: DateTime<Utc>,
        or_latest: bool,
    ) -> Result<Option<Meeting>, StorageError> {
        let row: Option<MeetingRow> = sqlx::query_as(concat!(
            "SELECT ",
            meeting_columns!(),
            " FROM meetings
             WHERE room_id = ?1 AND status != 'cancelled' AND starts_at < ?3
               AND (?4 OR starts_at >= ?2)
             ORDER BY starts_at DESC LIMIT 1"
        ))
        .bind(room.as_str())
        .bind(start)
        .bind(end)
        .bind(or_latest)
        .fetch_optional(&mut *self.inner)
        .await?;
        Ok(row.map(Meeting::from))
    }

    pub async fn host_order(&mut self, room: &RoomId) -> Result<Vec<String>, StorageError> {
        let order = sqlx::query_scalar(concat!(
            "SELECT association FROM host_order WHERE room_id = ",
            crate::associations_room!(),
            " ORDER BY position"
        ))
        .bind(room.as_str())
        .fetch_all(&mut *self.inner)
        .await?;
        Ok(order)
    }

    pub async fn set_host_order(
        &mut self,
        room: &RoomId,
        order: &[String],
    ) -> Result<(), StorageError> {
        sqlx::query("DELETE FROM host_order WHERE room_id = ?1")
            .bind(room.as_str())
            .execute(&mut *self.inner)
            .await?;
        for (position, association) in order.iter().enumerate() {
            sqlx::query(
                "INSERT INTO host_order (room_id, position, association) VALUES (?1, ?2, ?3)",
            )
            .bind(room.as_str())
            .bind(count_to_db(position))
            .bind(association)
            .execute(&mut *self.inner)
            .await?;
        }
        Ok(())
    }

    /// The host of the room's latest meeting with a date (held or to come), other than
    /// `except`: the rotation continues from it.
    pub async fn last_host(
        &mut self,
        room: &RoomId,
        except: MeetingId,
    ) -> Result<Option<String>, StorageError> {
        let host = sqlx::query_scalar(
            "SELECT host FROM meetings
             WHERE room_id = ?1 AND id != ?2 AND host IS NOT NULL AND starts_at IS NOT NULL
               AND status IN ('planned', 'held')
             ORDER BY starts_at DESC LIMIT 1",
        )
        .bind(room.as_str())
        .bind(except.get())
        .fetch_optional(&mut *self.inner)
        .await?;
        Ok(host)
    }

    pub async fn set_meeting_host(
        &mut self,
        meeting_id: MeetingId,
        host: &str,
    ) -> Result<(), StorageError> {
        sqlx::query("UPDATE meetings SET host = ?2 WHERE id = ?1")
            .bind(meeting_id.get())
            .bind(host)
            .execute(&mut *self.inner)
            .await?;
        Ok(())
    }

    pub async fn set_meeting_place(
        &mut self,
        meeting_id: MeetingId,
        place: &str,
    ) -> Result<(), StorageError> {
        sqlx::query("UPDATE meetings SET place = ?2 WHERE id = ?1")
            .bind(meeting_id.get())
            .bind(place)
            .execute(&mut *self.inner)
            .await?;
        Ok(())
    }

    /// Records which proposal chose a meeting's date (its proposer may cancel it).
    pub async fn link_meeting_to_proposal(
        &mut self,
        meeting_id: MeetingId,
        proposal: ProposalId,
    ) -> Result<(), StorageError> {
        sqlx::query("UPDATE meetings SET proposal_id = ?2 WHERE id = ?1")
            .bind(meeting_id.get())
            .bind(proposal.get())
            .execute(&mut *self.inner)
            .await?;
        Ok(())
    }

    /// Records the ballot that asks who comes to this meeting (its announcement).
    pub async fn set_attendance_ballot(
        &mut self,
        meeting_id: MeetingId,
        ballot: BallotId,
    ) -> Result<(), StorageError> {
        sqlx::query("UPDATE meetings SET attendance_ballot_id = ?2 WHERE id = ?1")
            .bind(meeting_id.get())
            .bind(ballot.get())
            .execute(&mut *self.inner)
            .await?;
        Ok(())
    }

    /// The ballot that asks who comes to this meeting, if its date was set by this version.
    pub async fn attendance_ballot(
        &mut self,
        meeting_id: MeetingId,
    ) -> Result<Option<BallotId>, StorageError> {
        let id: Option<i64> =
            sqlx::query_scalar("SELECT attendance_ballot_id FROM meetings WHERE id = ?1")
                .bind(meeting_id.get())
                .fetch_optional(&mut *self.inner)
                .await?
                .flatten();
        Ok(id.map(BallotId::new))
    }

    /// The proposer of the proposal that chose this meeting's date, if one did.
    pub async fn meeting_proposer(
        &mut self,
        meeting_id: MeetingId,
    ) -> Result<Option<UserId>, StorageError> {
        let proposer: Option<String> = sqlx::query_scalar(
            "SELECT p.proposer FROM meetings m JOIN proposals p ON p.id = m.proposal_id
             WHERE m.id = ?1",
        )
        .bind(meeting_id.get())
        .fetch_optional(&mut *self.inner)
        .await?;
        Ok(proposer.map(UserId::new))
    }

    /// Cancels a meeting; its listed items go to `to_meeting` (the unscheduled one).
    pub async fn cancel_meeting(
        &mut self,
        meeting_id: MeetingId,
        to_meeting: MeetingId,
        now: DateTime<Utc>,
    ) -> Result<(), StorageError> {
        sqlx::query("UPDATE meetings SET status = 'cancelled' WHERE id = ?1")
            .bind(meeting_id.get())
            .execute(&mut *self.inner)
            .await?;
        sqlx::query(
            "UPDATE agenda_items SET meeting_id = ?2, updated_at = ?3
             WHERE meeting_id = ?1 AND status IN ('open', 'treated')",
        )
        .bind(meeting_id.get())
        .bind(to_meeting.get())
        .bind(now)
        .execute(&mut *self.inner)
        .await?;
        Ok(())
    }

    /// The iCalendar SEQUENCE of the meeting's next invitation (0 for the first one), counted
    /// as sent with this call.
    pub async fn next_invitation_sequence(
        &mut self,
        meeting_id: MeetingId,
    ) -> Result<u32, StorageError> {
        let sent: i64 = sqlx::query_scalar(
            "UPDATE meetings SET invitations_sent = invitations_sent + 1 WHERE id = ?1
             RETURNING invitations_sent",
        )
        .bind(meeting_id.get())
        .fetch_one(&mut *self.inner)
        .await?;
        Ok(sequence_of(sent))
    }

    /// A meeting by id.
    pub async fn meeting(&mut self, meeting_id: MeetingId) -> Result<Meeting, StorageError> {
        let row: MeetingRow = sqlx::query_as(concat!(
            "SELECT ",
            meeting_columns!(),
            " FROM meetings WHERE id = ?1"
        ))
        .bind(meeting_id.get())
        .fetch_one(&mut *self.inner)
        .await?;
        Ok(row.into())
    }
}

/// The columns of a meeting, in every query that returns one (read into a [`MeetingRow`]);
/// `m.`-prefixed for queries that join it (`meeting_columns!("m.")`).
macro_rules! meeting_columns {
    () => {
        "id, starts_at, place, host"
    };
    ("m.") => {
        "m.id, m.starts_at, m.place, m.host"
    };
}
pub(super) use meeting_columns;

/// A meeting as its row holds it.
#[derive(Debug, sqlx::FromRow)]
pub(super) struct MeetingRow {
    id: i64,
    starts_at: Option<DateTime<Utc>>,
    place: Option<String>,
    host: Option<String>,
}

impl From<MeetingRow> for Meeting {
    fn from(row: MeetingRow) -> Self {
        Meeting {
            id: MeetingId::new(row.id),
            starts_at: row.starts_at,
            place: row.place,
            host: row.host,
        }
    }
}

/// A meeting and its room.
#[derive(Debug, sqlx::FromRow)]
struct RoomMeetingRow {
    room_id: String,
    #[sqlx(flatten)]
    meeting: MeetingRow,
}

/// The iCalendar SEQUENCE of the latest of `sent` invitations: 0 for the first (and when none
/// was sent yet), one more for each update. The one reading of the counter.
pub(super) fn sequence_of(sent: i64) -> u32 {
    u32::try_from(sent.saturating_sub(1)).unwrap_or(0)
}

#[cfg(test)]
mod tests {
    use super::*;
    use crate::storage::tests::temporary_store;
    use crate::testing::at;

    #[tokio::test]
    async fn a_room_has_one_unscheduled_meeting_at_most() {
        let (store, _dir) = temporary_store().await;
        let room = RoomId::new("!r");
        let now = at("2026-11-29T18:00:00Z");
        let mut tx = store.begin().await.expect("begin");
        tx.create_unscheduled_meeting(&room, now)
            .await
            .expect("first");
        assert!(tx.create_unscheduled_meeting(&room, now).await.is_err());
        let other = RoomId::new("!other");
        assert!(tx.create_unscheduled_meeting(&other, now).await.is_ok());
    }
}
