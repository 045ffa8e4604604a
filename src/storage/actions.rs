//! The actions the group decided: numbered per room, each with its owner (a member or an
//! association), its due day, and when it was done.

use chrono::{DateTime, NaiveDate, Utc};

use super::store::{StorageError, Transaction, count_from_db, count_to_db};
use crate::domain::record::{Action, Owner};
use crate::domain::{MeetingId, RoomId, UserId};

/// The columns of an action, in every query that returns one (read into an [`ActionRow`]).
macro_rules! action_columns {
    () => {
        "room_id, number, owner_user, owner_name, text, due_on, author, created_at, meeting_id,
         done_at"
    };
}
pub(super) use action_columns;

/// An action as its row holds it.
#[derive(Debug, sqlx::FromRow)]
pub(super) struct ActionRow {
    pub room_id: String,
    number: i64,
    owner_user: Option<String>,
    owner_name: Option<String>,
    text: String,
    due_on: Option<NaiveDate>,
    author: String,
    created_at: DateTime<Utc>,
    meeting_id: Option<i64>,
    done_at: Option<DateTime<Utc>>,
}

impl TryFrom<ActionRow> for Action {
    type Error = StorageError;

    fn try_from(row: ActionRow) -> Result<Self, StorageError> {
        let owner = match (row.owner_user, row.owner_name) {
            (Some(user), _) => Owner::Member(UserId::new(user)),
            (None, Some(name)) => Owner::Association(name),
            (None, None) => return Err(StorageError::Corrupt("action without owner".into())),
        };
        Ok(Action {
            number: count_from_db(row.number, "number")?,
            owner,
            text: row.text,
            due_on: row.due_on,
            author: UserId::new(row.author),
            created_at: row.created_at,
            meeting: row.meeting_id.map(MeetingId::new),
            done_at: row.done_at,
        })
    }
}

fn actions(rows: Vec<ActionRow>) -> Result<Vec<Action>, StorageError> {
    rows.into_iter().map(Action::try_from).collect()
}

/// An action to record.
#[derive(Debug, Clone)]
pub struct NewAction<'a> {
    pub owner: &'a Owner,
    pub text: &'a str,
    pub due_on: Option<NaiveDate>,
    pub author: &'a UserId,
    pub meeting: Option<MeetingId>,
}

impl Transaction {
    /// Records an action with the room's next number.
    pub async fn create_action(
        &mut self,
        room: &RoomId,
        action: NewAction<'_>,
        now: DateTime<Utc>,
    ) -> Result<Action, StorageError> {
        let (owner_user, owner_name) = match action.owner {
            Owner::Member(user) => (Some(user.as_str()), None),
            Owner::Association(name) => (None, Some(name.as_str())),
        };
        let row: ActionRow = sqlx::query_as(concat!(
            "INSERT INTO actions (room_id, number, meeting_id, owner_user, owner_name, text,
                                  due_on, author, created_at)
             VALUES (?1, (SELECT coalesce(max(number), 0) + 1 FROM actions WHERE room_id = ?1),
                     ?2, ?3, ?4, ?5, ?6, ?7, ?8)
             RETURNING ",
            action_columns!()
        ))
        .bind(room.as_str())
        .bind(action.meeting.map(MeetingId::get))
        .bind(owner_user)
        .bind(owner_name)
        .bind(action.text)
        .bind(action.due_on)
        .bind(action.author.as_str())
        .bind(now)
        .fetch_one(&mut *self.inner)
        .await?;
        row.try_into()
    }

    /// Action n° `number` of the room.
    pub async fn action(
        &mut self,
        room: &RoomId,
        number: usize,
    ) -> Result<Option<Action>, StorageError> {
        let row: Option<ActionRow> = sqlx::query_as(concat!(
            "SELECT ",
            action_columns!(),
            " FROM actions WHERE room_id = ?1 AND number = ?2"
        ))
        .bind(room.as_str())
        .bind(count_to_db(number))
        .fetch_optional(&mut *self.inner)
        .await?;
        row.map(Action::try_from).transpose()
    }

    /// The room's actions not done yet.
    pub async fn open_actions(&mut self, room: &RoomId) -> Result<Vec<Action>, StorageError> {
        let rows = sqlx::query_as(concat!(
            "SELECT ",
            action_columns!(),
            " FROM actions WHERE room_id = ?1 AND done_at IS NULL ORDER BY number"
        ))
        .bind(room.as_str())
        .fetch_all(&mut *self.inner)
        .await?;
        actions(rows)
    }

    /// The actions decided at a meeting, in order.
    pub async fn actions_of_meeting(
        &mut self,
        meeting: MeetingId,
    ) -> Result<Vec<Action>, StorageError> {
        let rows = sqlx::query_as(concat!(
            "SELECT ",
            action_columns!(),
            " FROM actions WHERE meeting_id = ?1 ORDER BY number"
        ))
        .bind(meeting.get())
        .fetch_all(&mut *self.inner)
        .await?;
        actions(rows)
    }

    /// Marks action n° `number` done.
    pub async fn complete_action(
        &mut self,
        room: &RoomId,
        number: usize,
        by: &UserId,
        now: DateTime<Utc>,
    ) -> Result<(), StorageError> {
        sqlx::query(
            "UPDATE actions SET done_at = ?3, done_by = ?4 WHERE room_id = ?1 AND number = ?2",
        )
        .bind(room.as_str())
        .bind(count_to_db(number))
        .bind(now)
        .bind(by.as_str())
        .execute(&mut *self.inner)
        .await?;
        Ok(())
    }
}

#[cfg(test)]
mod tests {
    use super::*;
    use crate::storage::tests::temporary_store;
    use crate::testing::at;

    #[tokio::test]
    async fn actions_are_numbered_listed_while_open_and_completed() {
        let (store, _dir) = temporary_store().await;
        let room = RoomId::new("!r");
        let alice = UserId::new("@alice:x");
        let now = at("2026-12-10T15:00:00Z");
        let mut tx = store.begin().await.expect("begin");
        let owner = Owner::Association("Croix-Rouge".into());
        let first = tx
            .create_action(
                &room,
                NewAction {
                    owner: &owner,
                    text: "Écrire au maire",
                    due_on: NaiveDate::from_ymd_opt(2026, 12, 15),
                    author: &alice,
                    meeting: None,
                },
                now,
            )
            .await
            .expect("action");
        let member = Owner::Member(UserId::new("@bob:x"));
        let second = tx
            .create_action(
                &room,
                NewAction {
                    owner: &member,
                    text: "Réserver la salle",
                    due_on: None,
                    author: &alice,
                    meeting: None,
                },
                now,
            )
            .await
            .expect("action");
        assert_eq!((first.number, second.number), (1, 2));
        assert_eq!(first.due_on, NaiveDate::from_ymd_opt(2026, 12, 15));
        assert_eq!(second.owner, member);
        tx.complete_action(&room, 1, &alice, now)
            .await
            .expect("done");
        let open: Vec<usize> = tx
            .open_actions(&room)
            .await
            .expect("open")
            .iter()
            .map(|action| action.number)
            .collect();
        assert_eq!(open, vec![2]);
        let done = tx.action(&room, 1).await.expect("query").expect("action");
        assert_eq!(done.done_at, Some(now));
    }
}
