//! Reminders members asked for, the room's meeting reminder offsets, what the clock looks at to
//! remind (meetings, polls, actions), and the record of every reminder sent.

use chrono::{DateTime, Utc};

use super::actions::{ActionRow, action_columns};
use super::meetings::{MeetingRow, meeting_columns};
use super::store::{StorageError, Store, Transaction, count_from_db, count_to_db};
use crate::domain::record::Action;
use crate::domain::reminders::{Recurrence, Reminder};
use crate::domain::{Meeting, ReminderId, RoomId, UserId};

/// A dated meeting still to come, as the reminders need it.
#[derive(Debug, Clone)]
pub struct MeetingToRemind {
    pub room: RoomId,
    pub meeting: Meeting,
    /// When it got its date.
    pub scheduled_at: DateTime<Utc>,
    /// The room's offsets as stored (`None`: the defaults).
    pub offsets: Option<String>,
}

/// The columns of a reminder, in every query that returns one (read into a
/// [`ReminderRow`]).
macro_rules! reminder_columns {
    () => {
        "id, number, author, text, next_at, recurrence"
    };
}

/// A planned dated meeting and what its reminders need, as the query reads them.
#[derive(sqlx::FromRow)]
struct ToRemindRow {
    room_id: String,
    #[sqlx(flatten)]
    meeting: MeetingRow,
    scheduled_at: DateTime<Utc>,
    meeting_reminders: Option<String>,
}

impl Store {
    /// Every reminder still to send, in every room, soonest first.
    pub async fn active_reminders(&self) -> Result<Vec<(RoomId, Reminder)>, StorageError> {
        let rows: Vec<RoomReminderRow> = sqlx::query_as(concat!(
            "SELECT room_id, ",
            reminder_columns!(),
            " FROM reminders WHERE cancelled_at IS NULL AND finished_at IS NULL ORDER BY next_at"
        ))
        .fetch_all(&self.pool)
        .await?;
        rows.into_iter()
            .map(|row| Ok((RoomId::new(row.room_id), row.reminder.try_into()?)))
            .collect()
    }

    /// Every planned dated meeting, with what its reminders need.
    pub async fn meetings_to_remind(&self) -> Result<Vec<MeetingToRemind>, StorageError> {
        let rows: Vec<ToRemindRow> = sqlx::query_as(concat!(
            "SELECT m.room_id, ",
            meeting_columns!("m."),
            ", coalesce(m.scheduled_at, m.created_at) AS scheduled_at, r.meeting_reminders
             FROM meetings m LEFT JOIN rooms r ON r.room_id = m.room_id
             WHERE m.status = 'planned' AND m.starts_at IS NOT NULL"
        ))
        .fetch_all(&self.pool)
        .await?;
        Ok(rows
            .into_iter()
            .map(|row| MeetingToRemind {
                room: RoomId::new(row.room_id),
                meeting: row.meeting.into(),
                scheduled_at: row.scheduled_at,
                offsets: row.meeting_reminders,
            })
            .collect())
    }

    /// Whether the reminder under `key` went out already (or was recorded as past): the clock
    /// asks before building it again.
    pub async fn reminder_sent(&self, key: &str) -> Result<bool, StorageError> {
        let row = sqlx::query("SELECT 1 FROM reminders_sent WHERE key = ?1")
            .bind(key)
            .fetch_optional(&self.pool)
            .await?;
        Ok(row.is_some())
    }

    /// Open actions that have a due day, in every room (one query for all of them).
    pub async fn actions_to_remind(&self) -> Result<Vec<(RoomId, Action)>, StorageError> {
        let rows: Vec<ActionRow> = sqlx::query_as(concat!(
            "SELECT ",
            action_columns!(),
            " FROM actions WHERE done_at IS NULL AND due_on IS NOT NULL ORDER BY room_id, number"
        ))
        .fetch_all(&self.pool)
        .await?;
        rows.into_iter()
            .map(|row| Ok((RoomId::new(row.room_id.clone()), Action::try_from(row)?)))
            .collect()
    }
}

impl Transaction {
    /// Records a reminder with the room's next number.
    pub async fn create_reminder(
        &mut self,
        room: &RoomId,
        author: &UserId,
        text: &str,
        next_at: DateTime<Utc>,
        recurrence: Option<Recurrence>,
        now: DateTime<Utc>,
    ) -> Result<Reminder, StorageError> {
        let row: ReminderRow = sqlx::query_as(concat!(
            "INSERT INTO reminders (room_id, number, author, text, next_at, recurrence, created_at)
             VALUES (?1, (SELECT coalesce(max(number), 0) + 1 FROM reminders WHERE room_id = ?1),
                     ?2, ?3, ?4, ?5, ?6)
             RETURNING ",
            reminder_columns!()
        ))
        .bind(room.as_str())
        .bind(author.as_str())
        .bind(text)
        .bind(next_at)
        .bind(recurrence.map(|recurrence| recurrence.code()))
        .bind(now)
        .fetch_one(&mut *self.inner)
        .await?;
        row.try_into()
    }

    /// The room's reminders still to send, soonest first.
    pub async fn room_reminders(&mut self, room: &RoomId) -> Result<Vec<Reminder>, StorageError> {
        let rows: Vec<ReminderRow> = sqlx::query_as(concat!(
            "SELECT ",
            reminder_columns!(),
            " FROM reminders WHERE room_id = ?1 AND cancelled_at IS NULL AND finished_at IS NULL
             ORDER BY next_at"
        ))
        .bind(room.as_str())
        .fetch_all(&mut *self.inner)
        .await?;
        rows.into_iter().map(Reminder::try_from).collect()
    }

    /// Reminder n° `number` of the room, if it is still to send.
    pub async fn active_reminder(
        &mut self,
        room: &RoomId,
        number: usize,
    ) -> Result<Option<Reminder>, StorageError> {
        let row: Option<ReminderRow> = sqlx::query_as(concat!(
            "SELECT ",
            reminder_columns!(),
            " FROM reminders
             WHERE room_id = ?1 AND number = ?2 AND cancelled_at IS NULL AND finished_at IS NULL"
        ))
        .bind(room.as_str())
        .bind(count_to_db(number))
        .fetch_optional(&mut *self.inner)
        .await?;
        row.map(Reminder::try_from).transpose()
    }

    pub async fn cancel_reminder(
        &mut self,
        reminder: ReminderId,
        now: DateTime<Utc>,
    ) -> Result<(), StorageError> {
        sqlx::query("UPDATE reminders SET cancelled_at = ?2 WHERE id = ?1")
            .bind(reminder.get())
            .bind(now)
            .execute(&mut *self.inner)
            .await?;
        Ok(())
    }

    /// After a reminder went out: its next time, or `None` when it is done.
    pub async fn advance_reminder(
        &mut self,
        reminder: ReminderId,
        next_at: Option<DateTime<Utc>>,
        now: DateTime<Utc>,
    ) -> Result<(), StorageError> {
        match next_at {
            Some(next_at) => {
                sqlx::query("UPDATE reminders SET next_at = ?2 WHERE id = ?1")
                    .bind(reminder.get())
                    .bind(next_at)
                    .execute(&mut *self.inner)
                    .await?
            }
            None => {
                sqlx::query("UPDATE reminders SET finished_at = ?2 WHERE id = ?1")
                    .bind(reminder.get())
                    .bind(now)
                    .execute(&mut *self.inner)
                    .await?
            }
        };
        Ok(())
    }

    /// Records that the reminder `key` is being sent. `false` if it was sent before: the
    /// caller must then send nothing.
    pub async fn claim_reminder(
        &mut self,
        key: &str,
        room: &RoomId,
        due_at: DateTime<Utc>,
        late: bool,
        now: DateTime<Utc>,
    ) -> Result<bool, StorageError> {
        let result = sqlx::query(
            "INSERT INTO reminders_sent (key, room_id, due_at, sent_at, late)
             VALUES (?1, ?2, ?3, ?4, ?5) ON CONFLICT (key) DO NOTHING",
        )
        .bind(key)
        .bind(room.as_str())
        .bind(due_at)
        .bind(now)
        .bind(late)
        .execute(&mut *self.inner)
        .await?;
        Ok(result.rows_affected() == 1)
    }

    /// The room's meeting reminder offsets as stored (`None`: the defaults).
    pub async fn meeting_reminder_offsets(
        &mut self,
        room: &RoomId,
    ) -> Result<Option<String>, StorageError> {
        let offsets: Option<Option<String>> =
            sqlx::query_scalar("SELECT meeting_reminders FROM rooms WHERE room_id = ?1")
                .bind(room.as_str())
                .fetch_optional(&mut *self.inner)
                .await?;
        Ok(offsets.flatten())
    }

    pub async fn set_meeting_reminder_offsets(
        &mut self,
        room: &RoomId,
        code: &str,
    ) -> Result<(), StorageError> {
        sqlx::query(
            "INSERT INTO rooms (room_id, meeting_reminders) VALUES (?1, ?2)
             ON CONFLICT (room_id) DO UPDATE SET meeting_reminders = ?2",
        )
        .bind(room.as_str())
        .bind(code)
        .execute(&mut *self.inner)
        .await?;
        Ok(())
    }
}

/// A reminder as its row holds it.
#[derive(Debug, sqlx::FromRow)]
struct ReminderRow {
    id: i64,
    number: i64,
    author: String,
    text: String,
    next_at: DateTime<Utc>,
    recurrence: Option<String>,
}

impl TryFrom<ReminderRow> for Reminder {
    type Error = StorageError;

    fn try_from(row: ReminderRow) -> Result<Self, StorageError> {
        let recurrence = row
            .recurrence
            .map(|code| {
                Recurrence::from_code(&code)
                    .ok_or_else(|| StorageError::Corrupt(format!("recurrence {code:?}")))
            })
            .transpose()?;
        Ok(Reminder {
            id: ReminderId::new(row.id),
            number: count_from_db(row.number, "reminder number")?,
            author: UserId::new(row.author),
            text: row.text,
            next_at: row.next_at,
            recurrence,
        })
    }
}

/// A reminder and its room.
#[derive(Debug, sqlx::FromRow)]
struct RoomReminderRow {
    room_id: String,
    #[sqlx(flatten)]
    reminder: ReminderRow,
}

#[cfg(test)]
mod tests {
    use super::*;
    use crate::storage::tests::temporary_store;
    use crate::testing::at;

    #[tokio::test]
    async fn a_reminder_is_claimed_once_and_advances_or_finishes() {
        let (store, _dir) = temporary_store().await;
        let room = RoomId::new("!r");
        let alice = UserId::new("@alice:x");
        let now = at("2026-11-30T09:00:00Z");
        let mut tx = store.begin().await.expect("begin");
        let once = tx
            .create_reminder(
                &room,
                &alice,
                "Appeler",
                at("2026-11-30T10:00:00Z"),
                None,
                now,
            )
            .await
            .expect("reminder");
        let weekly = Recurrence::from_code("weekly mon 09:00");
        let every = tx
            .create_reminder(
                &room,
                &alice,
                "Ordre du jour",
                at("2026-12-07T08:00:00Z"),
                weekly,
                now,
            )
            .await
            .expect("reminder");
        assert_eq!((once.number, every.number), (1, 2));
        assert_eq!(every.recurrence, weekly);
        let key = format!("custom:{}:{}", once.id, once.next_at.to_rfc3339());
        assert!(
            tx.claim_reminder(&key, &room, once.next_at, false, now)
                .await
                .expect("claim")
        );
        assert!(
            !tx.claim_reminder(&key, &room, once.next_at, false, now)
                .await
                .expect("again")
        );
        tx.advance_reminder(once.id, None, now)
            .await
            .expect("finish");
        tx.advance_reminder(every.id, Some(at("2026-12-14T08:00:00Z")), now)
            .await
            .expect("advance");
        let left = tx.room_reminders(&room).await.expect("list");
        assert_eq!(left.len(), 1);
        assert_eq!(left[0].next_at, at("2026-12-14T08:00:00Z"));
        tx.cancel_reminder(every.id, now).await.expect("cancel");
        assert!(tx.active_reminder(&room, 2).await.expect("query").is_none());
        tx.set_meeting_reminder_offsets(&room, "1440")
            .await
            .expect("offsets");
        assert_eq!(
            tx.meeting_reminder_offsets(&room)
                .await
                .expect("offsets")
                .as_deref(),
            Some("1440")
        );
        tx.commit().await.expect("commit");
        assert!(store.active_reminders().await.expect("active").is_empty());
    }
}
