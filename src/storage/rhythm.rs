//! The rooms' meeting rhythm, and the proposals it made.

use chrono::{DateTime, Utc};

use super::store::{StorageError, Store, Transaction};
use crate::domain::rhythm::Rhythm;
use crate::domain::{MeetingId, ProposalId, RoomId};

fn rhythm_of(code: Option<String>) -> Result<Option<Rhythm>, StorageError> {
    code.map(|code| {
        Rhythm::from_code(&code).ok_or_else(|| StorageError::Corrupt(format!("rhythm {code:?}")))
    })
    .transpose()
}

impl Store {
    /// Every room that has a rhythm, with it.
    pub async fn rooms_with_rhythm(&self) -> Result<Vec<(RoomId, Rhythm)>, StorageError> {
        let rows: Vec<(String, Option<String>)> =
            sqlx::query_as("SELECT room_id, rhythm FROM rooms WHERE rhythm IS NOT NULL")
                .fetch_all(&self.pool)
                .await?;
        rows.into_iter()
            .filter_map(|(room, rhythm)| match rhythm_of(rhythm) {
                Ok(Some(rhythm)) => Some(Ok((RoomId::new(room), rhythm))),
                Ok(None) => None,
                Err(error) => Some(Err(error)),
            })
            .collect()
    }
}

impl Transaction {
    pub async fn rhythm(&mut self, room: &RoomId) -> Result<Option<Rhythm>, StorageError> {
        let rhythm: Option<Option<String>> =
            sqlx::query_scalar("SELECT rhythm FROM rooms WHERE room_id = ?1")
                .bind(room.as_str())
                .fetch_optional(&mut *self.inner)
                .await?;
        rhythm_of(rhythm.flatten())
    }

    pub async fn set_rhythm(
        &mut self,
        room: &RoomId,
        rhythm: Option<Rhythm>,
    ) -> Result<(), StorageError> {
        sqlx::query(
            "INSERT INTO rooms (room_id, rhythm) VALUES (?1, ?2)
             ON CONFLICT (room_id) DO UPDATE SET rhythm = ?2",
        )
        .bind(room.as_str())
        .bind(rhythm.map(Rhythm::code))
        .execute(&mut *self.inner)
        .await?;
        Ok(())
    }

    /// Whether the rhythm already proposed dates after meeting `last`.
    pub async fn rhythm_proposed_after(
        &mut self,
        room: &RoomId,
        last: MeetingId,
    ) -> Result<bool, StorageError> {
        let row = sqlx::query(
            "SELECT 1 FROM rhythm_proposals WHERE room_id = ?1 AND after_meeting_id = ?2",
        )
        .bind(room.as_str())
        .bind(last.get())
        .fetch_optional(&mut *self.inner)
        .await?;
        Ok(row.is_some())
    }

    /// Records that the rhythm proposed `proposal` after meeting `last`.
    pub async fn record_rhythm_proposal(
        &mut self,
        room: &RoomId,
        last: MeetingId,
        proposal: ProposalId,
        now: DateTime<Utc>,
    ) -> Result<(), StorageError> {
        sqlx::query(
            "INSERT INTO rhythm_proposals (room_id, after_meeting_id, proposal_id, created_at)
             VALUES (?1, ?2, ?3, ?4)",
        )
        .bind(room.as_str())
        .bind(last.get())
        .bind(proposal.get())
        .bind(now)
        .execute(&mut *self.inner)
        .await?;
        Ok(())
    }

    /// Whether `proposal` was made by the rhythm (every member may then close or cancel it).
    pub async fn is_rhythm_proposal(&mut self, proposal: ProposalId) -> Result<bool, StorageError> {
        let row = sqlx::query("SELECT 1 FROM rhythm_proposals WHERE proposal_id = ?1")
            .bind(proposal.get())
            .fetch_optional(&mut *self.inner)
            .await?;
        Ok(row.is_some())
    }
}
