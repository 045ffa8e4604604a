//! Date proposals: the dates put to the room's vote, open until a date is set or the proposal
//! is cancelled. (Votes are the answers of the proposal's ballot: see `ballots.rs`.)

use chrono::{DateTime, Utc};

use super::store::{StorageError, Transaction, count_to_db};
use crate::domain::votes::Proposal;
use crate::domain::{BallotId, EventId, ProposalId, RoomId, UserId};

impl Transaction {
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
        let id: i64 = sqlx::query_scalar(
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
        let id = ProposalId::new(id);
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
        let row: Option<(i64, Option<i64>, String, String)> = sqlx::query_as(
            "SELECT id, ballot_id, proposer, command_event_id FROM proposals
             WHERE room_id = ?1 AND status = 'open'",
        )
        .bind(room.as_str())
        .fetch_optional(&mut *self.inner)
        .await?;
        let Some((id, ballot, proposer, command_event)) = row else {
            return Ok(None);
        };
        let id = ProposalId::new(id);
        let options: Vec<DateTime<Utc>> = sqlx::query_scalar(
            "SELECT starts_at FROM proposal_options WHERE proposal_id = ?1 ORDER BY number",
        )
        .bind(id.get())
        .fetch_all(&mut *self.inner)
        .await?;
        Ok(Some(Proposal {
            id,
            ballot: BallotId::new(
                ballot
                    .ok_or_else(|| StorageError::Corrupt(format!("proposal {id} has no ballot")))?,
            ),
            proposer: UserId::new(proposer),
            command_event: EventId::new(command_event),
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
