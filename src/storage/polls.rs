//! Polls, their options and how they ended. (Their answers are their ballot's.)

use chrono::{DateTime, Utc};

use super::store::{StorageError, Store, Transaction, count_from_db, count_to_db};
use crate::domain::poll::Poll;
use crate::domain::{BallotId, EventId, PollId, RoomId, UserId};

/// The columns a [`PollRow`] reads (polls joined with their ballot, and their options as
/// one JSON array, in order: one query serves any number of polls), for `concat!`.
macro_rules! poll_query {
    () => {
        "SELECT p.id, p.room_id, p.number, p.ballot_id, p.author, p.question, p.closes_at,
                p.hidden, p.consent, b.opened_at, b.closed_at,
                (SELECT json_group_array(o.label ORDER BY o.number)
                 FROM poll_options o WHERE o.poll_id = p.id) AS options
         FROM polls p JOIN ballots b ON b.id = p.ballot_id "
    };
}
pub(super) use poll_query;

/// A poll to record.
#[derive(Debug, Clone)]
pub struct NewPoll<'a> {
    pub ballot: BallotId,
    pub author: &'a UserId,
    pub command_event: &'a EventId,
    pub question: &'a str,
    pub options: &'a [String],
    pub closes_at: Option<DateTime<Utc>>,
    pub hidden: bool,
    pub consent: bool,
}

/// How a poll ended.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub struct PollClosure<'a> {
    /// Who closed it; `None` when its deadline did.
    pub closed_by: Option<&'a UserId>,
    pub closed_at: DateTime<Utc>,
    /// The bot was down at the deadline and closed it on its return.
    pub late: bool,
    /// Its outcome went to the record of decisions.
    pub recorded: bool,
}

impl Store {
    /// Every open poll that has a deadline, in every room: the clock closes them.
    pub async fn open_polls_with_deadline(&self) -> Result<Vec<(RoomId, Poll)>, StorageError> {
        Ok(self
            .open_polls_with_deadline_and_opening()
            .await?
            .into_iter()
            .map(|(room, poll, _)| (room, poll))
            .collect())
    }

    /// The same, with when each poll opened (its ballot's opening): the nudges need both.
    pub async fn open_polls_with_deadline_and_opening(
        &self,
    ) -> Result<Vec<(RoomId, Poll, DateTime<Utc>)>, StorageError> {
        let rows = sqlx::query_as::<_, PollRow>(concat!(
            poll_query!(),
            "WHERE b.closed_at IS NULL AND p.closes_at IS NOT NULL ORDER BY p.closes_at"
        ))
        .fetch_all(&self.pool)
        .await?;
        rows.into_iter()
            .map(|row| {
                let (room, opened_at) = (RoomId::new(row.room_id.clone()), row.opened_at);
                Ok((room, row.try_into()?, opened_at))
            })
            .collect()
    }
}

impl Transaction {
    /// Records a poll with the room's next number.
    pub async fn create_poll(
        &mut self,
        room: &RoomId,
        poll: NewPoll<'_>,
        now: DateTime<Utc>,
    ) -> Result<Poll, StorageError> {
        let row: (i64, i64) = sqlx::query_as(
            "INSERT INTO polls (room_id, number, ballot_id, author, command_event_id, question,
                                closes_at, created_at, hidden, consent)
             VALUES (?1, (SELECT coalesce(max(number), 0) + 1 FROM polls WHERE room_id = ?1),
                     ?2, ?3, ?4, ?5, ?6, ?7, ?8, ?9)
             RETURNING id, number",
        )
        .bind(room.as_str())
        .bind(poll.ballot.get())
        .bind(poll.author.as_str())
        .bind(poll.command_event.as_str())
        .bind(poll.question)
        .bind(poll.closes_at)
        .bind(now)
        .bind(poll.hidden)
        .bind(poll.consent)
        .fetch_one(&mut *self.inner)
        .await?;
        let (id, number) = (PollId::new(row.0), row.1);
        for (index, label) in poll.options.iter().enumerate() {
            sqlx::query("INSERT INTO poll_options (poll_id, number, label) VALUES (?1, ?2, ?3)")
                .bind(id.get())
                .bind(count_to_db(index + 1))
                .bind(label)
                .execute(&mut *self.inner)
                .await?;
        }
        Ok(Poll {
            id,
            number: count_from_db(number, "poll number")?,
            ballot: poll.ballot,
            author: poll.author.clone(),
            question: poll.question.to_owned(),
            options: poll.options.to_vec(),
            closes_at: poll.closes_at,
            closed_at: None,
            hidden: poll.hidden,
            consent: poll.consent,
        })
    }

    /// Poll n° `number` of the room.
    pub async fn poll(
        &mut self,
        room: &RoomId,
        number: usize,
    ) -> Result<Option<Poll>, StorageError> {
        let row = sqlx::query_as::<_, PollRow>(concat!(
            poll_query!(),
            "WHERE p.room_id = ?1 AND p.number = ?2"
        ))
        .bind(room.as_str())
        .bind(count_to_db(number))
        .fetch_optional(&mut *self.inner)
        .await?;
        row.map(Poll::try_from).transpose()
    }

    /// The room's latest poll (the latest open one with `open_only`).
    pub async fn latest_poll(
        &mut self,
        room: &RoomId,
        open_only: bool,
    ) -> Result<Option<Poll>, StorageError> {
        let row = sqlx::query_as::<_, PollRow>(concat!(
            poll_query!(),
            "WHERE p.room_id = ?1 AND (NOT ?2 OR b.closed_at IS NULL)
             ORDER BY p.number DESC LIMIT 1"
        ))
        .bind(room.as_str())
        .bind(open_only)
        .fetch_optional(&mut *self.inner)
        .await?;
        row.map(Poll::try_from).transpose()
    }

    /// The room's open polls, by number.
    pub async fn open_polls(&mut self, room: &RoomId) -> Result<Vec<Poll>, StorageError> {
        let rows = sqlx::query_as::<_, PollRow>(concat!(
            poll_query!(),
            "WHERE p.room_id = ?1 AND b.closed_at IS NULL ORDER BY p.number"
        ))
        .bind(room.as_str())
        .fetch_all(&mut *self.inner)
        .await?;
        rows.into_iter().map(Poll::try_from).collect()
    }

    /// The poll a ballot is, if it is one.
    pub async fn poll_of_ballot(&mut self, ballot: BallotId) -> Result<Option<Poll>, StorageError> {
        let row = sqlx::query_as::<_, PollRow>(concat!(poll_query!(), "WHERE p.ballot_id = ?1"))
            .bind(ballot.get())
            .fetch_optional(&mut *self.inner)
            .await?;
        row.map(Poll::try_from).transpose()
    }

    /// The room's polls closed between `start` and `end` (a meeting's day), by number.
    pub async fn polls_closed_between(
        &mut self,
        room: &RoomId,
        start: DateTime<Utc>,
        end: DateTime<Utc>,
    ) -> Result<Vec<Poll>, StorageError> {
        let rows = sqlx::query_as::<_, PollRow>(concat!(
            poll_query!(),
            "WHERE p.room_id = ?1 AND b.closed_at >= ?2 AND b.closed_at < ?3 ORDER BY p.number"
        ))
        .bind(room.as_str())
        .bind(start)
        .bind(end)
        .fetch_all(&mut *self.inner)
        .await?;
        rows.into_iter().map(Poll::try_from).collect()
    }

    /// Every room's polls closed before `cutoff` whose answers still name someone: their
    /// answers are past their retention.
    pub async fn polls_with_named_answers_closed_before(
        &mut self,
        cutoff: DateTime<Utc>,
    ) -> Result<Vec<(RoomId, Poll)>, StorageError> {
        let rows = sqlx::query_as::<_, PollRow>(concat!(
            poll_query!(),
            "WHERE b.closed_at < ?1 AND EXISTS (
                 SELECT 1 FROM answers a
                 WHERE a.ballot_id = p.ballot_id AND substr(a.voter, 1, 1) != '~')
             ORDER BY b.closed_at"
        ))
        .bind(cutoff)
        .fetch_all(&mut *self.inner)
        .await?;
        rows.into_iter()
            .map(|row| Ok((RoomId::new(row.room_id.clone()), row.try_into()?)))
            .collect()
    }

    /// Records why `voter` answered `option` (a concern or an objection); `None`: asked,
    /// awaited. The latest counts.
    pub async fn set_answer_reason(
        &mut self,
        ballot: BallotId,
        voter: &UserId,
        option: usize,
        reason: Option<&str>,
        at: DateTime<Utc>,
    ) -> Result<(), StorageError> {
        sqlx::query(
            "INSERT INTO answer_reasons (ballot_id, voter, option, reason, at)
             VALUES (?1, ?2, ?3, ?4, ?5)
             ON CONFLICT (ballot_id, voter) DO UPDATE SET option = ?3, reason = ?4, at = ?5",
        )
        .bind(ballot.get())
        .bind(voter.as_str())
        .bind(count_to_db(option))
        .bind(reason)
        .bind(at)
        .execute(&mut *self.inner)
        .await?;
        Ok(())
    }

    /// The option whose reason the bot awaits from `voter` on `ballot`, if it does.
    pub async fn awaited_reason(
        &mut self,
        ballot: BallotId,
        voter: &UserId,
    ) -> Result<Option<usize>, StorageError> {
        let option: Option<i64> = sqlx::query_scalar(
            "SELECT option FROM answer_reasons
             WHERE ballot_id = ?1 AND voter = ?2 AND reason IS NULL",
        )
        .bind(ballot.get())
        .bind(voter.as_str())
        .fetch_optional(&mut *self.inner)
        .await?;
        option
            .map(|option| count_from_db(option, "reason option"))
            .transpose()
    }

    /// The reasons given on `ballot`: who, for which option, why (in the order given).
    pub async fn answer_reasons(
        &mut self,
        ballot: BallotId,
    ) -> Result<Vec<(UserId, usize, String)>, StorageError> {
        let rows: Vec<(String, i64, String)> = sqlx::query_as(
            "SELECT voter, option, reason FROM answer_reasons
             WHERE ballot_id = ?1 AND reason IS NOT NULL ORDER BY at",
        )
        .bind(ballot.get())
        .fetch_all(&mut *self.inner)
        .await?;
        rows.into_iter()
            .map(|(voter, option, reason)| {
                Ok((
                    UserId::new(voter),
                    count_from_db(option, "reason option")?,
                    reason,
                ))
            })
            .collect()
    }

    /// Records how a poll ended. (Its ballot is closed by the caller, like any ballot.)
    pub async fn record_poll_closure(
        &mut self,
        poll: PollId,
        closure: PollClosure<'_>,
    ) -> Result<(), StorageError> {
        sqlx::query(
            "INSERT INTO poll_closures (poll_id, closed_by, closed_at, late, recorded)
             VALUES (?1, ?2, ?3, ?4, ?5)",
        )
        .bind(poll.get())
        .bind(closure.closed_by.map(UserId::as_str))
        .bind(closure.closed_at)
        .bind(closure.late)
        .bind(closure.recorded)
        .execute(&mut *self.inner)
        .await?;
        Ok(())
    }

    /// Whether the bot closed the poll late (it was down at the deadline).
    pub async fn poll_closed_late(&mut self, poll: PollId) -> Result<bool, StorageError> {
        let late: Option<bool> =
            sqlx::query_scalar("SELECT late FROM poll_closures WHERE poll_id = ?1")
                .bind(poll.get())
                .fetch_optional(&mut *self.inner)
                .await?;
        Ok(late.unwrap_or(false))
    }
}

/// A row of [`poll_query`].
#[derive(Debug, sqlx::FromRow)]
pub(super) struct PollRow {
    id: i64,
    pub room_id: String,
    number: i64,
    ballot_id: i64,
    author: String,
    question: String,
    closes_at: Option<DateTime<Utc>>,
    hidden: bool,
    consent: bool,
    pub opened_at: DateTime<Utc>,
    closed_at: Option<DateTime<Utc>>,
    options: String,
}

impl TryFrom<PollRow> for Poll {
    type Error = StorageError;

    fn try_from(row: PollRow) -> Result<Self, StorageError> {
        let options: Vec<String> = serde_json::from_str(&row.options)
            .map_err(|error| StorageError::Corrupt(format!("poll options: {error}")))?;
        Ok(Poll {
            id: PollId::new(row.id),
            number: count_from_db(row.number, "poll number")?,
            ballot: BallotId::new(row.ballot_id),
            author: UserId::new(row.author),
            question: row.question,
            options,
            closes_at: row.closes_at,
            closed_at: row.closed_at,
            hidden: row.hidden,
            consent: row.consent,
        })
    }
}

#[cfg(test)]
mod tests {
    use super::*;
    use crate::domain::ballot::BallotKind;
    use crate::storage::tests::temporary_store;
    use crate::testing::at;

    #[tokio::test]
    async fn polls_are_numbered_per_room_and_read_back_with_their_options_and_closing() {
        let (store, _dir) = temporary_store().await;
        let now = at("2026-11-29T18:00:00Z");
        let alice = UserId::new("@alice:x");
        let options = vec!["Pour".to_owned(), "Contre".to_owned()];
        let mut tx = store.begin().await.expect("begin");
        let mut created = Vec::new();
        for room in ["!a", "!a", "!b"] {
            let room = RoomId::new(room);
            let ballot = tx
                .open_ballot(&room, BallotKind::Poll, 2, now)
                .await
                .expect("ballot");
            let poll = NewPoll {
                ballot: ballot.id,
                author: &alice,
                command_event: &EventId::new("$cmd"),
                question: "Position commune ?",
                options: &options,
                closes_at: Some(at("2026-12-12T17:00:00Z")),
                hidden: false,
                consent: false,
            };
            created.push(tx.create_poll(&room, poll, now).await.expect("poll"));
        }
        let numbers: Vec<usize> = created.iter().map(|poll| poll.number).collect();
        assert_eq!(numbers, vec![1, 2, 1]);
        let room = RoomId::new("!a");
        assert_eq!(
            tx.poll(&room, 2).await.expect("query"),
            Some(created[1].clone())
        );
        assert_eq!(tx.poll(&room, 3).await.expect("query"), None);

        tx.close_ballot(created[1].ballot, now)
            .await
            .expect("close");
        tx.record_poll_closure(
            created[1].id,
            PollClosure {
                closed_by: None,
                closed_at: now,
                late: true,
                recorded: false,
            },
        )
        .await
        .expect("closure");
        assert!(tx.poll_closed_late(created[1].id).await.expect("late"));
        let latest_open = tx.latest_poll(&room, true).await.expect("query");
        assert_eq!(latest_open.map(|poll| poll.number), Some(1));
        let latest = tx.latest_poll(&room, false).await.expect("query");
        assert_eq!(latest.and_then(|poll| poll.closed_at), Some(now));
        assert_eq!(tx.open_polls(&room).await.expect("open").len(), 1);
        tx.commit().await.expect("commit");
        assert_eq!(
            store
                .open_polls_with_deadline()
                .await
                .expect("deadlines")
                .len(),
            2
        );
    }
}
