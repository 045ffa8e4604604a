//! Mandates: who gave which association's voice to whom, for which meeting or poll.

use chrono::{DateTime, Utc};

use super::store::{StorageError, Transaction, count_from_db, count_to_db};
use crate::domain::mandate::{Mandate, Scope};
use crate::domain::record::Owner;
use crate::domain::{MeetingId, PollId, RoomId, UserId};

/// The columns a [`MandateRow`] reads: the mandate, its meeting's date, its poll's number and
/// close; for `concat!`.
macro_rules! mandate_query {
    () => {
        "SELECT m.number, m.giver, m.holder_association, m.holder_user,
        m.meeting_id, mt.starts_at AS meeting_starts_at, m.poll_id, p.number AS poll_number,
        b.closed_at AS poll_closed_at, m.given_by, m.noted, m.given_at, m.withdrawn_at
     FROM mandates m
     LEFT JOIN meetings mt ON mt.id = m.meeting_id
     LEFT JOIN polls p ON p.id = m.poll_id
     LEFT JOIN ballots b ON b.id = p.ballot_id "
    };
}

#[derive(Debug, sqlx::FromRow)]
struct MandateRow {
    number: i64,
    giver: String,
    holder_association: Option<String>,
    holder_user: Option<String>,
    meeting_id: Option<i64>,
    meeting_starts_at: Option<DateTime<Utc>>,
    poll_id: Option<i64>,
    poll_number: Option<i64>,
    poll_closed_at: Option<DateTime<Utc>>,
    given_by: String,
    noted: bool,
    given_at: DateTime<Utc>,
    withdrawn_at: Option<DateTime<Utc>>,
}

impl TryFrom<MandateRow> for Mandate {
    type Error = StorageError;

    fn try_from(row: MandateRow) -> Result<Self, StorageError> {
        let holder = match (row.holder_association, row.holder_user) {
            (Some(association), _) => Owner::Association(association),
            (None, Some(user)) => Owner::Member(UserId::new(user)),
            (None, None) => return Err(StorageError::Corrupt("a mandate without holder".into())),
        };
        let scope = match (
            row.meeting_id,
            row.meeting_starts_at,
            row.poll_id,
            row.poll_number,
        ) {
            (Some(meeting), Some(starts_at), _, _) => Scope::Meeting {
                meeting: MeetingId::new(meeting),
                starts_at,
            },
            (_, _, Some(poll), Some(number)) => Scope::Poll {
                poll: PollId::new(poll),
                number: count_from_db(number, "poll number")?,
                closed_at: row.poll_closed_at,
            },
            _ => {
                return Err(StorageError::Corrupt(
                    "a mandate without a dated meeting or a poll".into(),
                ));
            }
        };
        Ok(Mandate {
            number: count_from_db(row.number, "mandate number")?,
            giver: row.giver,
            holder,
            scope,
            given_by: UserId::new(row.given_by),
            noted: row.noted,
            given_at: row.given_at,
            withdrawn_at: row.withdrawn_at,
        })
    }
}

impl Transaction {
    /// Records a mandate with the room's next number, and returns it.
    pub async fn give_mandate(
        &mut self,
        room: &RoomId,
        mandate: &Mandate,
    ) -> Result<usize, StorageError> {
        let (holder_association, holder_user) = match &mandate.holder {
            Owner::Association(name) => (Some(name.as_str()), None),
            Owner::Member(user) => (None, Some(user.as_str())),
        };
        let (meeting, poll) = match &mandate.scope {
            Scope::Meeting { meeting, .. } => (Some(meeting.get()), None),
            Scope::Poll { poll, .. } => (None, Some(poll.get())),
        };
        let number: i64 = sqlx::query_scalar(
            "INSERT INTO mandates (room_id, number, giver, holder_association, holder_user,
                                   meeting_id, poll_id, given_by, noted, given_at)
             VALUES (?1, (SELECT coalesce(max(number), 0) + 1 FROM mandates WHERE room_id = ?1),
                     ?2, ?3, ?4, ?5, ?6, ?7, ?8, ?9)
             RETURNING number",
        )
        .bind(room.as_str())
        .bind(&mandate.giver)
        .bind(holder_association)
        .bind(holder_user)
        .bind(meeting)
        .bind(poll)
        .bind(mandate.given_by.as_str())
        .bind(mandate.noted)
        .bind(mandate.given_at)
        .fetch_one(&mut *self.inner)
        .await?;
        count_from_db(number, "mandate number")
    }

    /// The room's mandates, withdrawn ones included, by number.
    pub async fn mandates(&mut self, room: &RoomId) -> Result<Vec<Mandate>, StorageError> {
        let rows = sqlx::query_as::<_, MandateRow>(concat!(
            mandate_query!(),
            "WHERE m.room_id = ?1 ORDER BY m.number"
        ))
        .bind(room.as_str())
        .fetch_all(&mut *self.inner)
        .await?;
        rows.into_iter().map(Mandate::try_from).collect()
    }

    /// The mandates for a meeting that were not withdrawn, by number.
    pub async fn meeting_mandates(
        &mut self,
        meeting: MeetingId,
    ) -> Result<Vec<Mandate>, StorageError> {
        let rows = sqlx::query_as::<_, MandateRow>(concat!(
            mandate_query!(),
            "WHERE m.meeting_id = ?1 AND m.withdrawn_at IS NULL ORDER BY m.number"
        ))
        .bind(meeting.get())
        .fetch_all(&mut *self.inner)
        .await?;
        rows.into_iter().map(Mandate::try_from).collect()
    }

    /// Withdraws mandate n° `number` of the room.
    pub async fn withdraw_mandate(
        &mut self,
        room: &RoomId,
        number: usize,
        by: &UserId,
        at: DateTime<Utc>,
    ) -> Result<(), StorageError> {
        sqlx::query(
            "UPDATE mandates SET withdrawn_at = ?3, withdrawn_by = ?4
             WHERE room_id = ?1 AND number = ?2 AND withdrawn_at IS NULL",
        )
        .bind(room.as_str())
        .bind(count_to_db(number))
        .bind(at)
        .bind(by.as_str())
        .execute(&mut *self.inner)
        .await?;
        Ok(())
    }
}
