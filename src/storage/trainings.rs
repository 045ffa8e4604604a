//! Training sessions and who signed up for them (in order: the order decides the seats).

use chrono::{DateTime, NaiveDate, Utc};

use super::store::{StorageError, Transaction, count_from_db, count_to_db};
use crate::domain::training::{Trainee, Training, TrainingFields, When, Who};
use crate::domain::{BallotId, EventId, RoomId, UserId};

/// A session as its row holds it.
#[derive(Debug, sqlx::FromRow)]
struct TrainingRow {
    id: i64,
    room_id: String,
    number: i64,
    title: String,
    starts_at: DateTime<Utc>,
    all_day_on: Option<String>,
    place: Option<String>,
    seats: Option<i64>,
    description: Option<String>,
    organiser: String,
    created_by: String,
    created_at: DateTime<Utc>,
    ballot_id: Option<i64>,
    cancelled_at: Option<DateTime<Utc>>,
}

impl TrainingRow {
    fn read(self) -> Result<(RoomId, Training), StorageError> {
        let when = match &self.all_day_on {
            Some(day) => When::Day(
                NaiveDate::parse_from_str(day, "%Y-%m-%d")
                    .map_err(|_| StorageError::Corrupt(format!("training day {day}")))?,
            ),
            None => When::At(self.starts_at),
        };
        Ok((
            RoomId::new(self.room_id),
            Training {
                id: self.id,
                number: count_from_db(self.number, "training number")?,
                fields: TrainingFields {
                    title: self.title,
                    when,
                    place: self.place,
                    seats: self
                        .seats
                        .map(|seats| count_from_db(seats, "training seats"))
                        .transpose()?,
                    description: self.description,
                },
                organiser: self.organiser,
                created_by: UserId::new(self.created_by),
                created_at: self.created_at,
                ballot: self.ballot_id.map(BallotId::new),
                cancelled_at: self.cancelled_at,
            },
        ))
    }
}

/// The columns a [`TrainingRow`] reads, for `concat!`.
macro_rules! training_query {
    () => {
        "SELECT id, room_id, number, title, starts_at, all_day_on, place, seats, description,
                organiser, created_by, created_at, ballot_id, cancelled_at
         FROM trainings "
    };
}

/// A sign-up as its row holds it.
#[derive(Debug, sqlx::FromRow)]
struct TraineeRow {
    id: i64,
    member: Option<String>,
    name: Option<String>,
    association: String,
    email_person_id: Option<i64>,
    signed_up_by: String,
    signed_up_at: DateTime<Utc>,
    attended: bool,
    anonymized_at: Option<DateTime<Utc>>,
}

impl TryFrom<TraineeRow> for Trainee {
    type Error = StorageError;

    fn try_from(row: TraineeRow) -> Result<Self, StorageError> {
        let who = match (row.member, row.name) {
            (Some(member), None) => Who::Member(UserId::new(member)),
            (None, Some(name)) => Who::Named(name),
            (None, None) if row.anonymized_at.is_some() => Who::Anonymous,
            _ => return Err(StorageError::Corrupt(format!("trainee {}", row.id))),
        };
        Ok(Trainee {
            id: row.id,
            who,
            association: row.association,
            signed_up_by: UserId::new(row.signed_up_by),
            signed_up_at: row.signed_up_at,
            attended: row.attended,
            email_person: row.email_person_id,
        })
    }
}

/// A new sign-up.
pub struct NewTrainee<'a> {
    pub who: &'a Who,
    pub association: &'a str,
    pub email_person: Option<i64>,
    pub by: &'a UserId,
    pub at: DateTime<Utc>,
    /// The ✅ that signed them up (its deletion withdraws them); `None` for a command.
    pub event: Option<&'a EventId>,
}

impl Transaction {
    /// Adds a session with the room's next number; `starts_at` is its moment (a whole day's
    /// local midnight). Returns its id and number.
    pub async fn add_training(
        &mut self,
        room: &RoomId,
        fields: &TrainingFields,
        starts_at: DateTime<Utc>,
        organiser: &str,
        by: &UserId,
        at: DateTime<Utc>,
    ) -> Result<(i64, usize), StorageError> {
        let all_day_on = match fields.when {
            When::Day(day) => Some(day.format("%Y-%m-%d").to_string()),
            When::At(_) => None,
        };
        let (id, number): (i64, i64) = sqlx::query_as(
            "INSERT INTO trainings (room_id, number, title, starts_at, all_day_on, place, seats,
                                    description, organiser, created_by, created_at)
             VALUES (?1, (SELECT coalesce(max(number), 0) + 1 FROM trainings WHERE room_id = ?1),
                     ?2, ?3, ?4, ?5, ?6, ?7, ?8, ?9, ?10)
             RETURNING id, number",
        )
        .bind(room.as_str())
        .bind(&fields.title)
        .bind(starts_at)
        .bind(all_day_on)
        .bind(&fields.place)
        .bind(fields.seats.map(count_to_db))
        .bind(&fields.description)
        .bind(organiser)
        .bind(by.as_str())
        .bind(at)
        .fetch_one(&mut *self.inner)
        .await?;
        Ok((id, count_from_db(number, "training number")?))
    }

    /// Ties a session to the ballot of its announcement.
    pub async fn set_training_ballot(
        &mut self,
        training: i64,
        ballot: BallotId,
    ) -> Result<(), StorageError> {
        sqlx::query("UPDATE trainings SET ballot_id = ?2 WHERE id = ?1")
            .bind(training)
            .bind(ballot.get())
            .execute(&mut *self.inner)
            .await?;
        Ok(())
    }

    /// The room's sessions, in order of number.
    pub async fn trainings(&mut self, room: &RoomId) -> Result<Vec<Training>, StorageError> {
        let rows: Vec<TrainingRow> = sqlx::query_as(concat!(
            training_query!(),
            "WHERE room_id = ?1 ORDER BY number"
        ))
        .bind(room.as_str())
        .fetch_all(&mut *self.inner)
        .await?;
        rows.into_iter()
            .map(|row| row.read().map(|(_, training)| training))
            .collect()
    }

    /// Session n° `number` of the room.
    pub async fn training(
        &mut self,
        room: &RoomId,
        number: usize,
    ) -> Result<Option<Training>, StorageError> {
        let row: Option<TrainingRow> = sqlx::query_as(concat!(
            training_query!(),
            "WHERE room_id = ?1 AND number = ?2"
        ))
        .bind(room.as_str())
        .bind(count_to_db(number))
        .fetch_optional(&mut *self.inner)
        .await?;
        row.map(|row| row.read().map(|(_, training)| training))
            .transpose()
    }

    /// The session whose announcement is `ballot`, with its room.
    pub async fn training_of_ballot(
        &mut self,
        ballot: BallotId,
    ) -> Result<Option<(RoomId, Training)>, StorageError> {
        let row: Option<TrainingRow> =
            sqlx::query_as(concat!(training_query!(), "WHERE ballot_id = ?1"))
                .bind(ballot.get())
                .fetch_optional(&mut *self.inner)
                .await?;
        row.map(TrainingRow::read).transpose()
    }

    /// The sessions not cancelled and not reminded yet, soonest first, with their rooms.
    pub async fn trainings_to_remind(&mut self) -> Result<Vec<(RoomId, Training)>, StorageError> {
        let rows: Vec<TrainingRow> = sqlx::query_as(concat!(
            training_query!(),
            "WHERE reminded_at IS NULL AND cancelled_at IS NULL
             ORDER BY starts_at"
        ))
        .fetch_all(&mut *self.inner)
        .await?;
        rows.into_iter().map(TrainingRow::read).collect()
    }

    /// Marks the day-before reminder done; `false` if another pass did it first.
    pub async fn mark_training_reminded(
        &mut self,
        training: i64,
        at: DateTime<Utc>,
    ) -> Result<bool, StorageError> {
        let result = sqlx::query(
            "UPDATE trainings SET reminded_at = ?2 WHERE id = ?1 AND reminded_at IS NULL",
        )
        .bind(training)
        .bind(at)
        .execute(&mut *self.inner)
        .await?;
        Ok(result.rows_affected() == 1)
    }

    /// Cancels a session; `false` if it was cancelled before.
    pub async fn cancel_training(
        &mut self,
        training: i64,
        at: DateTime<Utc>,
    ) -> Result<bool, StorageError> {
        let result = sqlx::query(
            "UPDATE trainings SET cancelled_at = ?2 WHERE id = ?1 AND cancelled_at IS NULL",
        )
        .bind(training)
        .bind(at)
        .execute(&mut *self.inner)
        .await?;
        Ok(result.rows_affected() == 1)
    }

    /// Who signed up for a session, in order.
    pub async fn trainees(&mut self, training: i64) -> Result<Vec<Trainee>, StorageError> {
        let rows: Vec<TraineeRow> = sqlx::query_as(
            "SELECT id, member, name, association, email_person_id, signed_up_by, signed_up_at,
                    attended, anonymized_at
             FROM trainees WHERE training_id = ?1 ORDER BY id",
        )
        .bind(training)
        .fetch_all(&mut *self.inner)
        .await?;
        rows.into_iter().map(Trainee::try_from).collect()
    }

    /// Every session of the room with who signed up, in order of number.
    pub async fn trainings_with_trainees(
        &mut self,
        room: &RoomId,
    ) -> Result<Vec<(Training, Vec<Trainee>)>, StorageError> {
        let mut sessions = Vec::new();
        for training in self.trainings(room).await? {
            let trainees = self.trainees(training.id).await?;
            sessions.push((training, trainees));
        }
        Ok(sessions)
    }

    /// Signs someone up, last in order; `None` when the event signed someone up before (or
    /// the member is signed up already).
    pub async fn add_trainee(
        &mut self,
        training: i64,
        trainee: &NewTrainee<'_>,
    ) -> Result<Option<i64>, StorageError> {
        let (member, name) = match trainee.who {
            Who::Member(user) => (Some(user.as_str()), None),
            Who::Named(name) => (None, Some(name.as_str())),
            Who::Anonymous => return Ok(None),
        };
        let id: Option<i64> = sqlx::query_scalar(
            "INSERT INTO trainees (training_id, member, name, association, email_person_id,
                                   signed_up_by, signed_up_at, event_id)
             VALUES (?1, ?2, ?3, ?4, ?5, ?6, ?7, ?8)
             ON CONFLICT DO NOTHING
             RETURNING id",
        )
        .bind(training)
        .bind(member)
        .bind(name)
        .bind(trainee.association)
        .bind(trainee.email_person)
        .bind(trainee.by.as_str())
        .bind(trainee.at)
        .bind(trainee.event.map(EventId::as_str))
        .fetch_optional(&mut *self.inner)
        .await?;
        Ok(id)
    }

    /// Withdraws a sign-up.
    pub async fn remove_trainee(&mut self, trainee: i64) -> Result<(), StorageError> {
        sqlx::query("DELETE FROM trainees WHERE id = ?1")
            .bind(trainee)
            .execute(&mut *self.inner)
            .await?;
        Ok(())
    }

    /// The sign-up `event` made (a ✅ now deleted), with its session's id.
    pub async fn trainee_of_event(
        &mut self,
        event: &EventId,
    ) -> Result<Option<(i64, i64)>, StorageError> {
        let found: Option<(i64, i64)> =
            sqlx::query_as("SELECT id, training_id FROM trainees WHERE event_id = ?1")
                .bind(event.as_str())
                .fetch_optional(&mut *self.inner)
                .await?;
        Ok(found)
    }

    /// The session of id `training`, with its room.
    pub async fn training_by_id(
        &mut self,
        training: i64,
    ) -> Result<Option<(RoomId, Training)>, StorageError> {
        let row: Option<TrainingRow> = sqlx::query_as(concat!(training_query!(), "WHERE id = ?1"))
            .bind(training)
            .fetch_optional(&mut *self.inner)
            .await?;
        row.map(TrainingRow::read).transpose()
    }

    /// Records that these sign-ups came.
    pub async fn mark_attended(&mut self, trainees: &[i64]) -> Result<(), StorageError> {
        for trainee in trainees {
            sqlx::query("UPDATE trainees SET attended = 1 WHERE id = ?1")
                .bind(trainee)
                .execute(&mut *self.inner)
                .await?;
        }
        Ok(())
    }
}
