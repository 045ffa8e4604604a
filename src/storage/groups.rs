//! Working groups: created from a plenary, their room (once created or attached), their end
//! date, reports, closing; the plenary's adoptions of their proposals.

use chrono::{DateTime, NaiveDate, Utc};

use super::store::{StorageError, Store, Transaction, count_to_db};
use crate::domain::group::{WorkingGroup, folded_name};
use crate::domain::messages::GroupRoomSpec;
use crate::domain::{RoomId, UserId};

#[derive(Debug, sqlx::FromRow)]
struct GroupRow {
    id: i64,
    plenary_room: String,
    name: String,
    room_id: Option<String>,
    ends_on: Option<String>,
    created_by: String,
    created_at: DateTime<Utc>,
    confirmed_at: Option<DateTime<Utc>>,
    last_report_at: Option<DateTime<Utc>>,
    end_asked_for: Option<String>,
    closed_at: Option<DateTime<Utc>>,
}

fn day(text: Option<String>) -> Result<Option<NaiveDate>, StorageError> {
    text.map(|day| {
        NaiveDate::parse_from_str(&day, "%Y-%m-%d")
            .map_err(|_| StorageError::Corrupt(format!("group day {day}")))
    })
    .transpose()
}

impl TryFrom<GroupRow> for WorkingGroup {
    type Error = StorageError;

    fn try_from(row: GroupRow) -> Result<Self, StorageError> {
        Ok(WorkingGroup {
            id: row.id,
            plenary: RoomId::new(row.plenary_room),
            name: row.name,
            room: row.room_id.map(RoomId::new),
            ends_on: day(row.ends_on)?,
            created_by: UserId::new(row.created_by),
            created_at: row.created_at,
            awaiting_confirmation: row.confirmed_at.is_none(),
            last_report_at: row.last_report_at,
            end_asked_for: day(row.end_asked_for)?,
            closed_at: row.closed_at,
        })
    }
}

macro_rules! group_query {
    () => {
        "SELECT id, plenary_room, name, room_id, ends_on, created_by, created_at, confirmed_at,
                last_report_at, end_asked_for, closed_at
         FROM working_groups "
    };
}

fn day_text(day: Option<NaiveDate>) -> Option<String> {
    day.map(|day| day.format("%Y-%m-%d").to_string())
}

impl Transaction {
    /// Records a group the bot will create a room for (its room is set once created);
    /// `None` if the plenary has a group of that name already.
    pub async fn add_group(
        &mut self,
        plenary: &RoomId,
        name: &str,
        ends_on: Option<NaiveDate>,
        invitees: &[UserId],
        by: &UserId,
        at: DateTime<Utc>,
    ) -> Result<Option<i64>, StorageError> {
        let invitees: Vec<&str> = invitees.iter().map(UserId::as_str).collect();
        let id = sqlx::query_scalar(
            "INSERT INTO working_groups (plenary_room, name, folded_name, invitees, ends_on,
                                         created_by, created_at, confirmed_at)
             VALUES (?1, ?2, ?3, ?4, ?5, ?6, ?7, ?7)
             ON CONFLICT (plenary_room, folded_name) DO NOTHING
             RETURNING id",
        )
        .bind(plenary.as_str())
        .bind(name)
        .bind(folded_name(name))
        .bind(invitees.join("\n"))
        .bind(day_text(ends_on))
        .bind(by.as_str())
        .bind(at)
        .fetch_optional(&mut *self.inner)
        .await?;
        Ok(id)
    }

    /// An existing room asks to be attached as the plenary's group `name`; the plenary is not
    /// known yet (its moderator confirms there). `None` if the room asked before.
    pub async fn ask_attach(
        &mut self,
        room: &RoomId,
        name: &str,
        by: &UserId,
        at: DateTime<Utc>,
    ) -> Result<Option<i64>, StorageError> {
        let id = sqlx::query_scalar(
            "INSERT INTO working_groups (plenary_room, name, folded_name, room_id, created_by,
                                         created_at, attach_asked_by)
             VALUES ('', ?1, ?2 || char(31) || ?3, ?3, ?4, ?5, ?4)
             ON CONFLICT DO NOTHING
             RETURNING id",
        )
        .bind(name)
        .bind(folded_name(name))
        .bind(room.as_str())
        .bind(by.as_str())
        .bind(at)
        .fetch_optional(&mut *self.inner)
        .await?;
        Ok(id)
    }

    /// The rooms waiting for a plenary to confirm them as its group `name`.
    pub async fn attach_requests(&mut self, name: &str) -> Result<Vec<WorkingGroup>, StorageError> {
        let rows: Vec<GroupRow> = sqlx::query_as(concat!(
            group_query!(),
            "WHERE confirmed_at IS NULL AND plenary_room = '' AND folded_name LIKE ?1 || char(31) || '%'
             ORDER BY id"
        ))
        .bind(folded_name(name))
        .fetch_all(&mut *self.inner)
        .await?;
        rows.into_iter().map(WorkingGroup::try_from).collect()
    }

    /// Confirms the attach request `group` as `plenary`'s group; `false` if the plenary has a
    /// group of that name already.
    pub async fn confirm_attach(
        &mut self,
        group: i64,
        plenary: &RoomId,
        name: &str,
        at: DateTime<Utc>,
    ) -> Result<bool, StorageError> {
        let done = sqlx::query(
            "UPDATE OR IGNORE working_groups
             SET plenary_room = ?2, folded_name = ?3, confirmed_at = ?4
             WHERE id = ?1 AND confirmed_at IS NULL",
        )
        .bind(group)
        .bind(plenary.as_str())
        .bind(folded_name(name))
        .bind(at)
        .execute(&mut *self.inner)
        .await?;
        Ok(done.rows_affected() == 1)
    }

    /// The plenary's groups, in order of creation.
    pub async fn groups(&mut self, plenary: &RoomId) -> Result<Vec<WorkingGroup>, StorageError> {
        let rows: Vec<GroupRow> = sqlx::query_as(concat!(
            group_query!(),
            "WHERE plenary_room = ?1 ORDER BY id"
        ))
        .bind(plenary.as_str())
        .fetch_all(&mut *self.inner)
        .await?;
        rows.into_iter().map(WorkingGroup::try_from).collect()
    }

    /// The plenary's group of that name (case, accents and spaces aside).
    pub async fn group_named(
        &mut self,
        plenary: &RoomId,
        name: &str,
    ) -> Result<Option<WorkingGroup>, StorageError> {
        let row: Option<GroupRow> = sqlx::query_as(concat!(
            group_query!(),
            "WHERE plenary_room = ?1 AND folded_name = ?2"
        ))
        .bind(plenary.as_str())
        .bind(folded_name(name))
        .fetch_optional(&mut *self.inner)
        .await?;
        row.map(WorkingGroup::try_from).transpose()
    }

    /// The group whose room `room` is, if it is one (confirmed or not).
    pub async fn group_of_room(
        &mut self,
        room: &RoomId,
    ) -> Result<Option<WorkingGroup>, StorageError> {
        let row: Option<GroupRow> = sqlx::query_as(concat!(group_query!(), "WHERE room_id = ?1"))
            .bind(room.as_str())
            .fetch_optional(&mut *self.inner)
            .await?;
        row.map(WorkingGroup::try_from).transpose()
    }

    /// Every open group with an end date, with the question not asked for it yet.
    pub async fn groups_ending(&mut self) -> Result<Vec<WorkingGroup>, StorageError> {
        let rows: Vec<GroupRow> = sqlx::query_as(concat!(
            group_query!(),
            "WHERE ends_on IS NOT NULL AND closed_at IS NULL AND confirmed_at IS NOT NULL
               AND (end_asked_for IS NULL OR end_asked_for != ends_on)"
        ))
        .fetch_all(&mut *self.inner)
        .await?;
        rows.into_iter().map(WorkingGroup::try_from).collect()
    }

    /// Records that the plenary was asked about `ends_on`; `false` if it was before.
    pub async fn mark_end_asked(
        &mut self,
        group: i64,
        ends_on: NaiveDate,
    ) -> Result<bool, StorageError> {
        let done = sqlx::query(
            "UPDATE working_groups SET end_asked_for = ?2
             WHERE id = ?1 AND (end_asked_for IS NULL OR end_asked_for != ?2)",
        )
        .bind(group)
        .bind(day_text(Some(ends_on)))
        .execute(&mut *self.inner)
        .await?;
        Ok(done.rows_affected() == 1)
    }

    pub async fn set_group_end(
        &mut self,
        group: i64,
        ends_on: NaiveDate,
    ) -> Result<(), StorageError> {
        sqlx::query("UPDATE working_groups SET ends_on = ?2 WHERE id = ?1")
            .bind(group)
            .bind(day_text(Some(ends_on)))
            .execute(&mut *self.inner)
            .await?;
        Ok(())
    }

    pub async fn close_group(
        &mut self,
        group: i64,
        at: DateTime<Utc>,
    ) -> Result<bool, StorageError> {
        let done = sqlx::query(
            "UPDATE working_groups SET closed_at = ?2 WHERE id = ?1 AND closed_at IS NULL",
        )
        .bind(group)
        .bind(at)
        .execute(&mut *self.inner)
        .await?;
        Ok(done.rows_affected() == 1)
    }

    pub async fn mark_reported(
        &mut self,
        group: i64,
        at: DateTime<Utc>,
    ) -> Result<(), StorageError> {
        sqlx::query("UPDATE working_groups SET last_report_at = ?2 WHERE id = ?1")
            .bind(group)
            .bind(at)
            .execute(&mut *self.inner)
            .await?;
        Ok(())
    }

    /// Records that the plenary's decision adopted proposal `number` of `group`; `false` if
    /// it was adopted before.
    pub async fn adopt_proposal(
        &mut self,
        group: i64,
        number: usize,
        decision_number: usize,
    ) -> Result<bool, StorageError> {
        let done = sqlx::query(
            "INSERT INTO adopted_proposals (group_id, proposal_number, decision_number)
             VALUES (?1, ?2, ?3) ON CONFLICT DO NOTHING",
        )
        .bind(group)
        .bind(count_to_db(number))
        .bind(count_to_db(decision_number))
        .execute(&mut *self.inner)
        .await?;
        Ok(done.rows_affected() == 1)
    }

    /// The numbers of `group`'s proposals the plenary adopted, with its decisions' numbers.
    pub async fn adopted_proposals(
        &mut self,
        group: i64,
    ) -> Result<Vec<(usize, usize)>, StorageError> {
        let rows: Vec<(i64, i64)> = sqlx::query_as(
            "SELECT proposal_number, decision_number FROM adopted_proposals
             WHERE group_id = ?1 ORDER BY proposal_number",
        )
        .bind(group)
        .fetch_all(&mut *self.inner)
        .await?;
        rows.into_iter()
            .map(|(proposal, decision)| {
                Ok((
                    super::store::count_from_db(proposal, "proposal")?,
                    super::store::count_from_db(decision, "decision")?,
                ))
            })
            .collect()
    }

    /// Whether proposal `number` of `group` was adopted.
    pub async fn proposal_adopted(
        &mut self,
        group: i64,
        number: usize,
    ) -> Result<bool, StorageError> {
        let found: bool = sqlx::query_scalar(
            "SELECT EXISTS (SELECT 1 FROM adopted_proposals
                            WHERE group_id = ?1 AND proposal_number = ?2)",
        )
        .bind(group)
        .bind(count_to_db(number))
        .fetch_one(&mut *self.inner)
        .await?;
        Ok(found)
    }
}

impl Store {
    /// The room of group `group`, once created, and what the bot creates it with.
    pub async fn group_room(
        &self,
        group: i64,
    ) -> Result<Option<(Option<RoomId>, GroupRoomSpec)>, StorageError> {
        let row: Option<(Option<String>, String, String, String)> = sqlx::query_as(
            "SELECT room_id, name, invitees, plenary_room FROM working_groups WHERE id = ?1",
        )
        .bind(group)
        .fetch_optional(&self.pool)
        .await?;
        Ok(row.map(|(room, name, invitees, plenary)| {
            (
                room.map(RoomId::new),
                GroupRoomSpec {
                    key: format!("{plenary}/{group}"),
                    name,
                    invite: invitees
                        .lines()
                        .filter(|line| !line.is_empty())
                        .map(UserId::new)
                        .collect(),
                    plenary: RoomId::new(plenary),
                },
            )
        }))
    }

    /// Records the room the bot created for group `group` (the first one, if two tries made
    /// two); whom it invited is not kept past then.
    pub async fn set_group_room(&self, group: i64, room: &RoomId) -> Result<(), StorageError> {
        sqlx::query(
            "UPDATE working_groups SET room_id = ?2, invitees = '' WHERE id = ?1 AND room_id IS NULL",
        )
            .bind(group)
            .bind(room.as_str())
            .execute(&self.pool)
            .await?;
        Ok(())
    }
}
