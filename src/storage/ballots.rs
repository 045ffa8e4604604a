//! Ballots (messages members answer) and their answers, whatever the kind of ballot.

use std::collections::HashMap;

use chrono::{DateTime, Utc};

use super::store::{StorageError, Store, Transaction, count_from_db, count_to_db};
use crate::domain::ballot::{Answer, Ballot, BallotKind, Channel, anonymous_voter};
use crate::domain::{BallotId, EventId, RoomId, UserId};

impl Store {
    /// Every open ballot of every room, oldest first.
    pub async fn open_ballots(&self) -> Result<Vec<Ballot>, StorageError> {
        let rows: Vec<BallotRow> = sqlx::query_as(concat!(
            "SELECT ",
            ballot_columns!(),
            " FROM ballots WHERE closed_at IS NULL ORDER BY id"
        ))
        .fetch_all(&self.pool)
        .await?;
        rows.into_iter().map(Ballot::try_from).collect()
    }
}

impl Transaction {
    /// Opens a ballot; its message is recorded once sent ([`Transaction::set_ballot_event`]).
    pub async fn open_ballot(
        &mut self,
        room: &RoomId,
        kind: BallotKind,
        option_count: usize,
        now: DateTime<Utc>,
    ) -> Result<Ballot, StorageError> {
        let row: BallotRow = sqlx::query_as(concat!(
            "INSERT INTO ballots (room_id, kind, option_count, opened_at) VALUES (?1, ?2, ?3, ?4)
             RETURNING ",
            ballot_columns!()
        ))
        .bind(room.as_str())
        .bind(kind.code())
        .bind(count_to_db(option_count))
        .bind(now)
        .fetch_one(&mut *self.inner)
        .await?;
        row.try_into()
    }

    pub async fn ballot(&mut self, id: BallotId) -> Result<Ballot, StorageError> {
        let row: BallotRow = sqlx::query_as(concat!(
            "SELECT ",
            ballot_columns!(),
            " FROM ballots WHERE id = ?1"
        ))
        .bind(id.get())
        .fetch_one(&mut *self.inner)
        .await?;
        row.try_into()
    }

    /// Ballot `id` of `room`, if it is open.
    pub async fn open_ballot_of_room(
        &mut self,
        room: &RoomId,
        id: BallotId,
    ) -> Result<Option<Ballot>, StorageError> {
        let row: Option<BallotRow> = sqlx::query_as(concat!(
            "SELECT ",
            ballot_columns!(),
            " FROM ballots WHERE id = ?1 AND room_id = ?2 AND closed_at IS NULL"
        ))
        .bind(id.get())
        .bind(room.as_str())
        .fetch_optional(&mut *self.inner)
        .await?;
        row.map(Ballot::try_from).transpose()
    }

    /// The open ballot whose message is `event_id` (answers point at it), if any.
    pub async fn open_ballot_presented_by(
        &mut self,
        event_id: &EventId,
    ) -> Result<Option<Ballot>, StorageError> {
        let row: Option<BallotRow> = sqlx::query_as(concat!(
            "SELECT ",
            ballot_columns!(),
            " FROM ballots WHERE event_id = ?1 AND closed_at IS NULL"
        ))
        .bind(event_id.as_str())
        .fetch_optional(&mut *self.inner)
        .await?;
        row.map(Ballot::try_from).transpose()
    }

    /// Records the bot's message presenting the ballot, once it is sent.
    pub async fn set_ballot_event(
        &mut self,
        id: BallotId,
        event_id: &EventId,
    ) -> Result<(), StorageError> {
        sqlx::query("UPDATE ballots SET event_id = ?2 WHERE id = ?1")
            .bind(id.get())
            .bind(event_id.as_str())
            .execute(&mut *self.inner)
            .await?;
        Ok(())
    }

    /// Stops counting answers from `at` on.
    pub async fn close_ballot(
        &mut self,
        id: BallotId,
        at: DateTime<Utc>,
    ) -> Result<(), StorageError> {
        sqlx::query("UPDATE ballots SET closed_at = ?2 WHERE id = ?1 AND closed_at IS NULL")
            .bind(id.get())
            .bind(at)
            .execute(&mut *self.inner)
            .await?;
        Ok(())
    }

    /// Records an answer. `false` if this event was recorded before.
    pub async fn record_answer(
        &mut self,
        ballot: BallotId,
        answer: &Answer,
    ) -> Result<bool, StorageError> {
        self.insert_answer(ballot, answer, None).await
    }

    /// Records an answer given for someone else by `noted_by` (the secretary of the day).
    /// `false` if recorded before.
    pub async fn record_answer_noted_by(
        &mut self,
        ballot: BallotId,
        answer: &Answer,
        noted_by: &UserId,
    ) -> Result<bool, StorageError> {
        self.insert_answer(ballot, answer, Some(noted_by)).await
    }

    async fn insert_answer(
        &mut self,
        ballot: BallotId,
        answer: &Answer,
        noted_by: Option<&UserId>,
    ) -> Result<bool, StorageError> {
        let result = sqlx::query(
            "INSERT INTO answers (event_id, ballot_id, voter, option, channel, answered_at,
                                  noted_by, if_need_be)
             VALUES (?1, ?2, ?3, ?4, ?5, ?6, ?7, ?8) ON CONFLICT (event_id) DO NOTHING",
        )
        .bind(answer.event_id.as_str())
        .bind(ballot.get())
        .bind(answer.voter.as_str())
        .bind(answer.option.map(count_to_db))
        .bind(answer.channel.code())
        .bind(answer.answered_at)
        .bind(noted_by.map(UserId::as_str))
        .bind(answer.if_need_be)
        .execute(&mut *self.inner)
        .await?;
        Ok(result.rows_affected() == 1)
    }

    /// Replaces every answer `voter` gave to `ballot` with `answers` (all theirs): what a
    /// personal page's form sends is their whole answer, the dates they can come to included.
    pub async fn replace_answers(
        &mut self,
        ballot: BallotId,
        voter: &UserId,
        answers: &[Answer],
    ) -> Result<(), StorageError> {
        sqlx::query("DELETE FROM answers WHERE ballot_id = ?1 AND voter = ?2")
            .bind(ballot.get())
            .bind(voter.as_str())
            .execute(&mut *self.inner)
            .await?;
        for answer in answers {
            self.insert_answer(ballot, answer, None).await?;
        }
        Ok(())
    }

    /// Withdraws every answer `voter` gave to ballots still open (their link was revoked).
    pub async fn withdraw_open_answers_of(&mut self, voter: &UserId) -> Result<u64, StorageError> {
        let result = sqlx::query(
            "DELETE FROM answers WHERE voter = ?1
               AND ballot_id IN (SELECT id FROM ballots WHERE closed_at IS NULL)",
        )
        .bind(voter.as_str())
        .execute(&mut *self.inner)
        .await?;
        Ok(result.rows_affected())
    }

    /// Withdraws the answer `event_id` carried (its reaction was redacted), while its ballot is
    /// open. `false` if that event was no answer, or its ballot is closed.
    pub async fn withdraw_answer(&mut self, event_id: &EventId) -> Result<bool, StorageError> {
        let result = sqlx::query(
            "DELETE FROM answers WHERE event_id = ?1
               AND ballot_id IN (SELECT id FROM ballots WHERE closed_at IS NULL)",
        )
        .bind(event_id.as_str())
        .execute(&mut *self.inner)
        .await?;
        Ok(result.rows_affected() == 1)
    }

    /// The answers `voter` gave to a ballot (a personal page shows its person's alone).
    pub async fn answers_by(
        &mut self,
        ballot: BallotId,
        voter: &UserId,
    ) -> Result<Vec<Answer>, StorageError> {
        let rows: Vec<AnswerRow> = sqlx::query_as(
            "SELECT event_id, voter, option, channel, answered_at, if_need_be FROM answers
             WHERE ballot_id = ?1 AND voter = ?2 ORDER BY answered_at, event_id",
        )
        .bind(ballot.get())
        .bind(voter.as_str())
        .fetch_all(&mut *self.inner)
        .await?;
        rows.into_iter().map(Answer::try_from).collect()
    }

    /// Replaces `voter`'s answers to `ballot` by one that names nobody
    /// ([`anonymous_voter`]): `kept` (its option, channel and time) counted for `association`;
    /// nothing when `kept` is `None`. The reason they gave (a consent poll) follows the kept
    /// answer, naming nobody too; a reason still awaited goes. Returns how many of their
    /// answers went.
    pub async fn anonymize_answers_of(
        &mut self,
        ballot: BallotId,
        voter: &UserId,
        kept: Option<&Answer>,
        association: Option<&str>,
    ) -> Result<u64, StorageError> {
        let gone = sqlx::query("DELETE FROM answers WHERE ballot_id = ?1 AND voter = ?2")
            .bind(ballot.get())
            .bind(voter.as_str())
            .execute(&mut *self.inner)
            .await?
            .rows_affected();
        if let Some(answer) = kept {
            let before: i64 = sqlx::query_scalar(
                "SELECT COUNT(*) FROM answers WHERE ballot_id = ?1 AND substr(voter, 1, 1) = '~'",
            )
            .bind(ballot.get())
            .fetch_one(&mut *self.inner)
            .await?;
            let number = count_from_db(before, "anonymous answers")? + 1;
            let anonymous = anonymous_voter(number);
            sqlx::query(
                "INSERT INTO answers (event_id, ballot_id, voter, option, channel, answered_at,
                                      counted_for)
                 VALUES (?1, ?2, ?3, ?4, ?5, ?6, ?7)",
            )
            .bind(format!("~{}-{number}", ballot.get()))
            .bind(ballot.get())
            .bind(anonymous.as_str())
            .bind(answer.option.map(count_to_db))
            .bind(answer.channel.code())
            .bind(answer.answered_at)
            .bind(association)
            .execute(&mut *self.inner)
            .await?;
            sqlx::query(
                "UPDATE answer_reasons SET voter = ?3
                 WHERE ballot_id = ?1 AND voter = ?2 AND reason IS NOT NULL",
            )
            .bind(ballot.get())
            .bind(voter.as_str())
            .bind(anonymous.as_str())
            .execute(&mut *self.inner)
            .await?;
        }
        sqlx::query("DELETE FROM answer_reasons WHERE ballot_id = ?1 AND voter = ?2")
            .bind(ballot.get())
            .bind(voter.as_str())
            .execute(&mut *self.inner)
            .await?;
        Ok(gone)
    }

    /// The associations the anonymous answers of `ballot` count for.
    pub async fn anonymous_associations(
        &mut self,
        ballot: BallotId,
    ) -> Result<HashMap<UserId, String>, StorageError> {
        let rows: Vec<(String, String)> = sqlx::query_as(
            "SELECT voter, counted_for FROM answers
             WHERE ballot_id = ?1 AND substr(voter, 1, 1) = '~' AND counted_for IS NOT NULL",
        )
        .bind(ballot.get())
        .fetch_all(&mut *self.inner)
        .await?;
        Ok(rows
            .into_iter()
            .map(|(voter, association)| (UserId::new(voter), association))
            .collect())
    }

    /// The voters naming nobody in the room's ballots (`~1`, `~2`…), each once.
    pub async fn anonymous_voters(&mut self, room: &RoomId) -> Result<Vec<UserId>, StorageError> {
        let voters: Vec<String> = sqlx::query_scalar(
            "SELECT DISTINCT a.voter FROM answers a JOIN ballots b ON b.id = a.ballot_id
             WHERE b.room_id = ?1 AND substr(a.voter, 1, 1) = '~'",
        )
        .bind(room.as_str())
        .fetch_all(&mut *self.inner)
        .await?;
        Ok(voters.into_iter().map(UserId::new).collect())
    }

    /// Every answer recorded for a ballot.
    pub async fn answers(&mut self, ballot: BallotId) -> Result<Vec<Answer>, StorageError> {
        let rows: Vec<AnswerRow> = sqlx::query_as(
            "SELECT event_id, voter, option, channel, answered_at, if_need_be FROM answers
             WHERE ballot_id = ?1 ORDER BY answered_at, event_id",
        )
        .bind(ballot.get())
        .fetch_all(&mut *self.inner)
        .await?;
        rows.into_iter().map(Answer::try_from).collect()
    }
}

/// The columns of a ballot, in every query that returns one (read into a [`BallotRow`]).
macro_rules! ballot_columns {
    () => {
        "id, room_id, kind, option_count, event_id, closed_at"
    };
}
pub(super) use ballot_columns;

/// A ballot as its row holds it.
#[derive(Debug, sqlx::FromRow)]
pub(super) struct BallotRow {
    id: i64,
    room_id: String,
    kind: String,
    option_count: i64,
    event_id: Option<String>,
    closed_at: Option<DateTime<Utc>>,
}

impl TryFrom<BallotRow> for Ballot {
    type Error = StorageError;

    fn try_from(row: BallotRow) -> Result<Self, StorageError> {
        Ok(Ballot {
            id: BallotId::new(row.id),
            room: RoomId::new(row.room_id),
            kind: row
                .kind
                .parse()
                .map_err(|_| StorageError::Corrupt(format!("ballot kind {:?}", row.kind)))?,
            option_count: count_from_db(row.option_count, "option count")?,
            event_id: row.event_id.map(EventId::new),
            closed_at: row.closed_at,
        })
    }
}

/// An answer as its row holds it.
#[derive(Debug, sqlx::FromRow)]
struct AnswerRow {
    event_id: String,
    voter: String,
    option: Option<i64>,
    channel: String,
    answered_at: DateTime<Utc>,
    if_need_be: bool,
}

impl TryFrom<AnswerRow> for Answer {
    type Error = StorageError;

    fn try_from(row: AnswerRow) -> Result<Self, StorageError> {
        Ok(Answer {
            event_id: EventId::new(row.event_id),
            voter: UserId::new(row.voter),
            option: row
                .option
                .map(|option| count_from_db(option, "option"))
                .transpose()?,
            channel: row
                .channel
                .parse::<Channel>()
                .map_err(|_| StorageError::Corrupt(format!("answer channel {:?}", row.channel)))?,
            answered_at: row.answered_at,
            if_need_be: row.if_need_be,
        })
    }
}

#[cfg(test)]
mod tests {
    use super::*;
    use crate::storage::tests::temporary_store;
    use crate::testing::at;

    fn reaction(event: &str, voter: &str, option: usize, when: &str) -> Answer {
        Answer {
            event_id: EventId::new(event),
            voter: UserId::new(voter),
            option: Some(option),
            channel: Channel::Reaction,
            answered_at: at(when),
            if_need_be: false,
        }
    }

    #[tokio::test]
    async fn answers_are_recorded_once_and_withdrawn_only_while_open() {
        let (store, _dir) = temporary_store().await;
        let room = RoomId::new("!r");
        let now = at("2026-11-29T18:00:00Z");
        let mut tx = store.begin().await.expect("begin");
        let ballot = tx
            .open_ballot(&room, BallotKind::MeetingDates, 2, now)
            .await
            .expect("ballot");
        assert_eq!(ballot.event_id, None);
        tx.set_ballot_event(ballot.id, &EventId::new("$p"))
            .await
            .expect("event");
        let found = tx
            .open_ballot_presented_by(&EventId::new("$p"))
            .await
            .expect("query")
            .expect("open ballot");
        assert_eq!(found.id, ballot.id);
        assert_eq!(found.kind, BallotKind::MeetingDates);
        assert_eq!(found.option_count, 2);

        let first = reaction("$r1", "@a", 1, "2026-11-29T18:01:00Z");
        assert!(tx.record_answer(ballot.id, &first).await.expect("answer"));
        assert!(!tx.record_answer(ballot.id, &first).await.expect("again"));
        let second = reaction("$r2", "@a", 2, "2026-11-29T18:02:00Z");
        tx.record_answer(ballot.id, &second).await.expect("answer");
        assert!(tx.withdraw_answer(&first.event_id).await.expect("withdraw"));
        assert_eq!(
            tx.answers(ballot.id).await.expect("answers"),
            vec![second.clone()]
        );

        tx.close_ballot(ballot.id, now).await.expect("close");
        assert!(!tx.withdraw_answer(&second.event_id).await.expect("closed"));
        assert!(
            tx.open_ballot_presented_by(&EventId::new("$p"))
                .await
                .expect("query")
                .is_none()
        );
        tx.commit().await.expect("commit");
        assert!(store.open_ballots().await.expect("open").is_empty());
    }
}
