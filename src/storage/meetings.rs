//! Associations, host order, date proposals, and the meeting settings they lead to. (Votes
//! are the answers of the proposal's ballot: see `ballots.rs`.)

use std::collections::HashMap;

use chrono::{DateTime, Utc};
use sqlx::Row;

use super::agenda::meeting_from_row;
use super::{StorageError, Transaction, count_to_db};
use crate::domain::votes::Proposal;
use crate::domain::{BallotId, EventId, Meeting, MeetingId, ProposalId, RoomId, UserId};

impl Transaction {
    /// Applies a room's settings from the configuration, the first time only: afterwards the
    /// room's own changes (`!association`, `!meeting host order`) are kept. `false` if the
    /// room was seeded before.
    pub async fn seed_room(
        &mut self,
        room: &RoomId,
        host_order: &[String],
        members: &[(UserId, String)],
        now: DateTime<Utc>,
    ) -> Result<bool, StorageError> {
        let result = sqlx::query(
            "INSERT INTO rooms (room_id, seeded_at) VALUES (?1, ?2)
             ON CONFLICT (room_id) DO UPDATE SET seeded_at = ?2 WHERE seeded_at IS NULL",
        )
        .bind(room.as_str())
        .bind(now)
        .execute(&mut *self.inner)
        .await?;
        if result.rows_affected() == 0 {
            return Ok(false);
        }
        if !host_order.is_empty() {
            self.set_host_order(room, host_order).await?;
        }
        for (user, association) in members {
            self.set_association(room, user, Some(association)).await?;
        }
        Ok(true)
    }

    /// Who belongs to which association in the room.
    pub async fn association_members(
        &mut self,
        room: &RoomId,
    ) -> Result<HashMap<UserId, String>, StorageError> {
        let rows =
            sqlx::query("SELECT user_id, association FROM association_members WHERE room_id = ?1")
                .bind(room.as_str())
                .fetch_all(&mut *self.inner)
                .await?;
        rows.iter()
            .map(|row| {
                Ok((
                    UserId::new(row.try_get::<String, _>("user_id")?),
                    row.try_get("association")?,
                ))
            })
            .collect()
    }

    /// Puts `user` in `association`, or among the guests with `None`.
    pub async fn set_association(
        &mut self,
        room: &RoomId,
        user: &UserId,
        association: Option<&str>,
    ) -> Result<(), StorageError> {
        match association {
            Some(association) => {
                sqlx::query(
                    "INSERT INTO association_members (room_id, user_id, association)
                     VALUES (?1, ?2, ?3)
                     ON CONFLICT (room_id, user_id) DO UPDATE SET association = ?3",
                )
                .bind(room.as_str())
                .bind(user.as_str())
                .bind(association)
                .execute(&mut *self.inner)
                .await?;
            }
            None => {
                sqlx::query("DELETE FROM association_members WHERE room_id = ?1 AND user_id = ?2")
                    .bind(room.as_str())
                    .bind(user.as_str())
                    .execute(&mut *self.inner)
                    .await?;
            }
        }
        Ok(())
    }

    pub async fn host_order(&mut self, room: &RoomId) -> Result<Vec<String>, StorageError> {
        let rows =
            sqlx::query("SELECT association FROM host_order WHERE room_id = ?1 ORDER BY position")
                .bind(room.as_str())
                .fetch_all(&mut *self.inner)
                .await?;
        rows.iter()
            .map(|row| Ok(row.try_get("association")?))
            .collect()
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
        let row = sqlx::query(
            "SELECT host FROM meetings
             WHERE room_id = ?1 AND id != ?2 AND host IS NOT NULL AND starts_at IS NOT NULL
               AND status IN ('planned', 'held')
             ORDER BY starts_at DESC LIMIT 1",
        )
        .bind(room.as_str())
        .bind(except.get())
        .fetch_optional(&mut *self.inner)
        .await?;
        row.map(|row| row.try_get("host"))
            .transpose()
            .map_err(Into::into)
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

    /// The proposer of the proposal that chose this meeting's date, if one did.
    pub async fn meeting_proposer(
        &mut self,
        meeting_id: MeetingId,
    ) -> Result<Option<UserId>, StorageError> {
        let row = sqlx::query(
            "SELECT p.proposer FROM meetings m JOIN proposals p ON p.id = m.proposal_id
             WHERE m.id = ?1",
        )
        .bind(meeting_id.get())
        .fetch_optional(&mut *self.inner)
        .await?;
        row.map(|row| Ok(UserId::new(row.try_get::<String, _>("proposer")?)))
            .transpose()
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
        let row = sqlx::query(
            "UPDATE meetings SET invitations_sent = invitations_sent + 1 WHERE id = ?1
             RETURNING invitations_sent",
        )
        .bind(meeting_id.get())
        .fetch_one(&mut *self.inner)
        .await?;
        let sent: i64 = row.try_get("invitations_sent")?;
        u32::try_from(sent - 1).map_err(|_| StorageError::Corrupt(format!("{sent} invitations")))
    }

    /// A meeting by id.
    pub async fn meeting(&mut self, meeting_id: MeetingId) -> Result<Meeting, StorageError> {
        let row = sqlx::query("SELECT id, starts_at, place, host FROM meetings WHERE id = ?1")
            .bind(meeting_id.get())
            .fetch_one(&mut *self.inner)
            .await?;
        meeting_from_row(&row)
    }

    /// Records a proposal of dates, answered on `ballot`.
    pub async fn create_proposal(
        &mut self,
        room: &RoomId,
        ballot: BallotId,
        proposer: &UserId,
        command_event: &EventId,
        options: &[DateTime<Utc>],
        now: DateTime<Utc>,
    ) -> Result<Proposal, StorageError> {
        let row = sqlx::query(
            "INSERT INTO proposals (room_id, ballot_id, proposer, command_event_id, created_at)
             VALUES (?1, ?2, ?3, ?4, ?5) RETURNING id",
        )
        .bind(room.as_str())
        .bind(ballot.get())
        .bind(proposer.as_str())
        .bind(command_event.as_str())
        .bind(now)
        .fetch_one(&mut *self.inner)
        .await?;
        let id = ProposalId::new(row.try_get("id")?);
        for (index, starts_at) in options.iter().enumerate() {
            sqlx::query(
                "INSERT INTO proposal_options (proposal_id, number, starts_at) VALUES (?1, ?2, ?3)",
            )
            .bind(id.get())
            .bind(count_to_db(index + 1))
            .bind(starts_at)
            .execute(&mut *self.inner)
            .await?;
        }
        Ok(Proposal {
            id,
            ballot,
            proposer: proposer.clone(),
            command_event: command_event.clone(),
            options: options.to_vec(),
        })
    }

    /// The room's open proposal, if any.
    pub async fn open_proposal(&mut self, room: &RoomId) -> Result<Option<Proposal>, StorageError> {
        let row = sqlx::query(
            "SELECT id, ballot_id, proposer, command_event_id FROM proposals
             WHERE room_id = ?1 AND status = 'open'",
        )
        .bind(room.as_str())
        .fetch_optional(&mut *self.inner)
        .await?;
        let Some(row) = row else {
            return Ok(None);
        };
        let id = ProposalId::new(row.try_get("id")?);
        let options = sqlx::query(
            "SELECT starts_at FROM proposal_options WHERE proposal_id = ?1 ORDER BY number",
        )
        .bind(id.get())
        .fetch_all(&mut *self.inner)
        .await?
        .iter()
        .map(|row| row.try_get("starts_at"))
        .collect::<Result<Vec<DateTime<Utc>>, _>>()?;
        let ballot: Option<i64> = row.try_get("ballot_id")?;
        Ok(Some(Proposal {
            id,
            ballot: BallotId::new(
                ballot
                    .ok_or_else(|| StorageError::Corrupt(format!("proposal {id} has no ballot")))?,
            ),
            proposer: UserId::new(row.try_get::<String, _>("proposer")?),
            command_event: EventId::new(row.try_get::<String, _>("command_event_id")?),
            options,
        }))
    }

    /// Ends a proposal: `chosen` option for a close, `None` for a cancellation. (Its ballot is
    /// closed by the caller, like any ballot.)
    pub async fn end_proposal(
        &mut self,
        proposal: ProposalId,
        chosen: Option<usize>,
        now: DateTime<Utc>,
    ) -> Result<(), StorageError> {
        let status = if chosen.is_some() {
            "closed"
        } else {
            "cancelled"
        };
        sqlx::query(
            "UPDATE proposals SET status = ?2, chosen_option = ?3, closed_at = ?4 WHERE id = ?1",
        )
        .bind(proposal.get())
        .bind(status)
        .bind(chosen.map(count_to_db))
        .bind(now)
        .execute(&mut *self.inner)
        .await?;
        Ok(())
    }
}

#[cfg(test)]
mod tests {
    use super::*;
    use crate::domain::ballot::BallotKind;
    use crate::storage::tests::temporary_store;
    use crate::testing::at;

    #[tokio::test]
    async fn a_room_is_seeded_once_and_keeps_its_own_changes() {
        let (store, _dir) = temporary_store().await;
        let room = RoomId::new("!r");
        let alice = UserId::new("@alice:localhost");
        let order = vec!["Restos du Cœur".to_owned(), "Croix-Rouge".to_owned()];
        let members = vec![(alice.clone(), "Restos du Cœur".to_owned())];
        let now = at("2026-11-29T18:00:00Z");
        let mut tx = store.begin().await.expect("begin");
        assert!(
            tx.seed_room(&room, &order, &members, now)
                .await
                .expect("seed")
        );
        tx.set_association(&room, &alice, None)
            .await
            .expect("unset");
        assert!(
            !tx.seed_room(&room, &order, &members, now)
                .await
                .expect("seed again")
        );
        assert!(
            tx.association_members(&room)
                .await
                .expect("members")
                .is_empty()
        );
        assert_eq!(tx.host_order(&room).await.expect("order"), order);
    }

    #[tokio::test]
    async fn a_proposal_reads_back_with_its_ballot_and_dates_until_it_ends() {
        let (store, _dir) = temporary_store().await;
        let room = RoomId::new("!r");
        let alice = UserId::new("@alice:localhost");
        let now = at("2026-11-29T18:00:00Z");
        let options = [at("2026-12-10T13:00:00Z"), at("2026-12-17T13:00:00Z")];
        let mut tx = store.begin().await.expect("begin");
        let ballot = tx
            .open_ballot(&room, BallotKind::MeetingDates, 2, now)
            .await
            .expect("ballot");
        let proposal = tx
            .create_proposal(
                &room,
                ballot.id,
                &alice,
                &EventId::new("$cmd"),
                &options,
                now,
            )
            .await
            .expect("proposal");
        let found = tx
            .open_proposal(&room)
            .await
            .expect("query")
            .expect("open proposal");
        assert_eq!(found, proposal);
        assert_eq!(found.ballot, ballot.id);
        tx.end_proposal(proposal.id, Some(2), now)
            .await
            .expect("close");
        assert!(tx.open_proposal(&room).await.expect("query").is_none());
    }

    #[tokio::test]
    async fn a_room_has_one_open_proposal_at_most() {
        let (store, _dir) = temporary_store().await;
        let room = RoomId::new("!r");
        let alice = UserId::new("@alice:localhost");
        let now = at("2026-11-29T18:00:00Z");
        let options = [at("2026-12-10T13:00:00Z"), at("2026-12-17T13:00:00Z")];
        let mut tx = store.begin().await.expect("begin");
        let ballot = tx
            .open_ballot(&room, BallotKind::MeetingDates, 2, now)
            .await
            .expect("ballot");
        tx.create_proposal(&room, ballot.id, &alice, &EventId::new("$a"), &options, now)
            .await
            .expect("first");
        assert!(
            tx.create_proposal(&room, ballot.id, &alice, &EventId::new("$b"), &options, now)
                .await
                .is_err()
        );
    }
}
