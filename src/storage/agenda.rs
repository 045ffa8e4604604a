//! Meetings and agenda items.

use chrono::{DateTime, Utc};
use sqlx::Row;
use sqlx::sqlite::SqliteRow;

use super::{StorageError, Store, Transaction};
use crate::domain::{
    Agenda, AgendaItem, EventId, ItemId, ItemStatus, Meeting, MeetingId, RoomId, UserId,
};

/// The columns `item_from_row` reads, for `concat!` into static queries.
macro_rules! item_columns {
    () => {
        "id, text, author, author_name, urgent, status, position, created_at, carried_from_date, \
         source_event_id"
    };
}

/// An item to write on a meeting's agenda.
#[derive(Debug, Clone)]
pub struct NewItem {
    pub text: String,
    pub author: UserId,
    pub author_name: Option<String>,
    pub urgent: bool,
    pub position: i64,
    pub source_event: Option<EventId>,
}

impl Store {
    /// Every room's dated meetings still to be held: the clock carries their agenda over
    /// when their day ends.
    pub async fn dated_planned_meetings(&self) -> Result<Vec<(RoomId, Meeting)>, StorageError> {
        let rows = sqlx::query(
            "SELECT room_id, id, starts_at, place, host FROM meetings
             WHERE status = 'planned' AND starts_at IS NOT NULL",
        )
        .fetch_all(&self.pool)
        .await?;
        rows.iter()
            .map(|row| {
                Ok((
                    RoomId::new(row.try_get::<String, _>("room_id")?),
                    meeting_from_row(row)?,
                ))
            })
            .collect()
    }
}

impl Transaction {
    /// The room's meetings still to be held (scheduled or not), in no particular order.
    pub async fn planned_meetings(&mut self, room: &RoomId) -> Result<Vec<Meeting>, StorageError> {
        let rows = sqlx::query(
            "SELECT id, starts_at, place, host FROM meetings
             WHERE room_id = ?1 AND status = 'planned'",
        )
        .bind(room.as_str())
        .fetch_all(&mut *self.inner)
        .await?;
        rows.iter().map(meeting_from_row).collect()
    }

    /// The room's "next meeting, date not set yet".
    pub async fn create_unscheduled_meeting(
        &mut self,
        room: &RoomId,
        now: DateTime<Utc>,
    ) -> Result<Meeting, StorageError> {
        let row = sqlx::query(
            "INSERT INTO meetings (room_id, created_at) VALUES (?1, ?2)
             RETURNING id, starts_at, place, host",
        )
        .bind(room.as_str())
        .bind(now)
        .fetch_one(&mut *self.inner)
        .await?;
        meeting_from_row(&row)
    }

    /// Sets a meeting's date; its agenda stays with it.
    pub async fn schedule_meeting(
        &mut self,
        meeting_id: MeetingId,
        starts_at: DateTime<Utc>,
        now: DateTime<Utc>,
    ) -> Result<(), StorageError> {
        sqlx::query("UPDATE meetings SET starts_at = ?2, scheduled_at = ?3 WHERE id = ?1")
            .bind(meeting_id.get())
            .bind(starts_at)
            .bind(now)
            .execute(&mut *self.inner)
            .await?;
        Ok(())
    }

    /// Marks a meeting as held: its day is over and its agenda was dealt with.
    pub async fn mark_meeting_held(&mut self, meeting_id: MeetingId) -> Result<(), StorageError> {
        sqlx::query("UPDATE meetings SET status = 'held' WHERE id = ?1")
            .bind(meeting_id.get())
            .execute(&mut *self.inner)
            .await?;
        Ok(())
    }

    /// The meeting's agenda, in the order the room sees it.
    pub async fn agenda(&mut self, meeting_id: MeetingId) -> Result<Agenda, StorageError> {
        let rows = sqlx::query(concat!(
            "SELECT ",
            item_columns!(),
            " FROM agenda_items WHERE meeting_id = ?1 AND status IN ('open', 'treated')"
        ))
        .bind(meeting_id.get())
        .fetch_all(&mut *self.inner)
        .await?;
        let items = rows.iter().map(item_from_row).collect::<Result<_, _>>()?;
        Ok(Agenda::new(items))
    }

    pub async fn add_item(
        &mut self,
        room: &RoomId,
        meeting_id: MeetingId,
        item: NewItem,
        now: DateTime<Utc>,
    ) -> Result<AgendaItem, StorageError> {
        let row = sqlx::query(concat!(
            "INSERT INTO agenda_items
                (room_id, meeting_id, position, text, author, author_name, urgent, created_at,
                 updated_at, source_event_id)
             VALUES (?1, ?2, ?3, ?4, ?5, ?6, ?7, ?8, ?8, ?9)
             RETURNING ",
            item_columns!()
        ))
        .bind(room.as_str())
        .bind(meeting_id.get())
        .bind(item.position)
        .bind(&item.text)
        .bind(item.author.as_str())
        .bind(&item.author_name)
        .bind(item.urgent)
        .bind(now)
        .bind(item.source_event.as_ref().map(EventId::as_str))
        .fetch_one(&mut *self.inner)
        .await?;
        item_from_row(&row)
    }

    /// Copies an untreated item onto the next meeting's agenda, marked as carried over from
    /// `from_date`, and marks the original as carried over.
    pub async fn carry_over_item(
        &mut self,
        item: &AgendaItem,
        from_date: Option<DateTime<Utc>>,
        to_meeting_id: MeetingId,
        position: i64,
        now: DateTime<Utc>,
    ) -> Result<(), StorageError> {
        sqlx::query(
            "INSERT INTO agenda_items
                (room_id, meeting_id, position, text, author, author_name, urgent, created_at,
                 updated_at, carried_from_item, carried_from_date)
             SELECT room_id, ?2, ?3, text, author, author_name, urgent, created_at, ?4, id, ?5
             FROM agenda_items WHERE id = ?1",
        )
        .bind(item.id.get())
        .bind(to_meeting_id.get())
        .bind(position)
        .bind(now)
        .bind(from_date)
        .execute(&mut *self.inner)
        .await?;
        self.set_item_status(item.id, ItemStatus::CarriedOver, now)
            .await
    }

    pub async fn set_item_status(
        &mut self,
        item_id: ItemId,
        status: ItemStatus,
        now: DateTime<Utc>,
    ) -> Result<(), StorageError> {
        sqlx::query("UPDATE agenda_items SET status = ?2, updated_at = ?3 WHERE id = ?1")
            .bind(item_id.get())
            .bind(status.code())
            .bind(now)
            .execute(&mut *self.inner)
            .await?;
        Ok(())
    }

    pub async fn set_item_text(
        &mut self,
        item_id: ItemId,
        text: &str,
        now: DateTime<Utc>,
    ) -> Result<(), StorageError> {
        sqlx::query("UPDATE agenda_items SET text = ?2, updated_at = ?3 WHERE id = ?1")
            .bind(item_id.get())
            .bind(text)
            .bind(now)
            .execute(&mut *self.inner)
            .await?;
        Ok(())
    }

    /// Gives items new positions (after a move).
    pub async fn set_item_positions(
        &mut self,
        positions: &[(ItemId, i64)],
        now: DateTime<Utc>,
    ) -> Result<(), StorageError> {
        for (item_id, position) in positions {
            sqlx::query("UPDATE agenda_items SET position = ?2, updated_at = ?3 WHERE id = ?1")
                .bind(item_id.get())
                .bind(position)
                .bind(now)
                .execute(&mut *self.inner)
                .await?;
        }
        Ok(())
    }

    /// The room's meetings held whose date is `since` or later (a handful at most).
    pub async fn held_meetings_since(
        &mut self,
        room: &RoomId,
        since: DateTime<Utc>,
    ) -> Result<Vec<Meeting>, StorageError> {
        let rows = sqlx::query(
            "SELECT id, starts_at, place, host FROM meetings
             WHERE room_id = ?1 AND status = 'held' AND starts_at >= ?2",
        )
        .bind(room.as_str())
        .bind(since)
        .fetch_all(&mut *self.inner)
        .await?;
        rows.iter().map(meeting_from_row).collect()
    }

    /// Every item a meeting's agenda had, whatever became of it (for its minutes), urgent ones
    /// first, then in their order.
    pub async fn all_agenda_items(
        &mut self,
        meeting_id: MeetingId,
    ) -> Result<Vec<AgendaItem>, StorageError> {
        let rows = sqlx::query(concat!(
            "SELECT ",
            item_columns!(),
            " FROM agenda_items WHERE meeting_id = ?1 ORDER BY urgent DESC, position, id"
        ))
        .bind(meeting_id.get())
        .fetch_all(&mut *self.inner)
        .await?;
        rows.iter().map(item_from_row).collect()
    }

    /// The room's meeting dated between `start` and `end` (a day), else the latest one dated
    /// before `end` when `or_latest`; cancelled meetings aside.
    pub async fn meeting_between(
        &mut self,
        room: &RoomId,
        start: DateTime<Utc>,
        end: DateTime<Utc>,
        or_latest: bool,
    ) -> Result<Option<Meeting>, StorageError> {
        let row = sqlx::query(
            "SELECT id, starts_at, place, host FROM meetings
             WHERE room_id = ?1 AND status != 'cancelled' AND starts_at < ?3
               AND (?4 OR starts_at >= ?2)
             ORDER BY starts_at DESC LIMIT 1",
        )
        .bind(room.as_str())
        .bind(start)
        .bind(end)
        .bind(or_latest)
        .fetch_optional(&mut *self.inner)
        .await?;
        row.as_ref().map(meeting_from_row).transpose()
    }

    /// A held meeting's agenda as it was listed before its untreated items were carried over.
    pub async fn agenda_before_carry_over(
        &mut self,
        meeting_id: MeetingId,
    ) -> Result<Agenda, StorageError> {
        let rows = sqlx::query(concat!(
            "SELECT ",
            item_columns!(),
            " FROM agenda_items WHERE meeting_id = ?1"
        ))
        .bind(meeting_id.get())
        .fetch_all(&mut *self.inner)
        .await?;
        let items = rows.iter().map(item_from_row).collect::<Result<_, _>>()?;
        Ok(Agenda::before_carry_over(items))
    }

    /// The copy a carried-over item has on the next meeting's agenda, while it is listed.
    pub async fn carried_copy_of(
        &mut self,
        item_id: ItemId,
    ) -> Result<Option<AgendaItem>, StorageError> {
        let row = sqlx::query(concat!(
            "SELECT ",
            item_columns!(),
            " FROM agenda_items WHERE carried_from_item = ?1 AND status IN ('open', 'treated')"
        ))
        .bind(item_id.get())
        .fetch_optional(&mut *self.inner)
        .await?;
        row.as_ref().map(item_from_row).transpose()
    }

    /// The item a message added, with its meeting's id, if that message added one.
    pub async fn item_added_by(
        &mut self,
        event_id: &EventId,
    ) -> Result<Option<(MeetingId, AgendaItem)>, StorageError> {
        let row = sqlx::query(concat!(
            "SELECT meeting_id, ",
            item_columns!(),
            " FROM agenda_items WHERE source_event_id = ?1"
        ))
        .bind(event_id.as_str())
        .fetch_optional(&mut *self.inner)
        .await?;
        row.map(|row| {
            Ok((
                MeetingId::new(row.try_get("meeting_id")?),
                item_from_row(&row)?,
            ))
        })
        .transpose()
    }
}

pub(super) fn meeting_from_row(row: &SqliteRow) -> Result<Meeting, StorageError> {
    Ok(Meeting {
        id: MeetingId::new(row.try_get("id")?),
        starts_at: row.try_get("starts_at")?,
        place: row.try_get("place")?,
        host: row.try_get("host")?,
    })
}

fn item_from_row(row: &SqliteRow) -> Result<AgendaItem, StorageError> {
    let status: String = row.try_get("status")?;
    Ok(AgendaItem {
        id: ItemId::new(row.try_get("id")?),
        text: row.try_get("text")?,
        author: UserId::new(row.try_get::<String, _>("author")?),
        author_name: row.try_get("author_name")?,
        urgent: row.try_get("urgent")?,
        status: ItemStatus::from_code(&status)
            .ok_or_else(|| StorageError::Corrupt(format!("item status {status:?}")))?,
        position: row.try_get("position")?,
        created_at: row.try_get("created_at")?,
        carried_from: row.try_get("carried_from_date")?,
        source_event: row
            .try_get::<Option<String>, _>("source_event_id")?
            .map(EventId::new),
    })
}

#[cfg(test)]
mod tests {
    use super::*;
    use crate::storage::tests::temporary_store;
    use crate::testing::at;

    fn new_item(text: &str, urgent: bool, position: i64, source: &str) -> NewItem {
        NewItem {
            text: text.into(),
            author: UserId::new("@alice:localhost"),
            author_name: Some("Alice".into()),
            urgent,
            position,
            source_event: Some(EventId::new(source)),
        }
    }

    #[tokio::test]
    async fn items_come_back_in_agenda_order_with_all_their_fields() {
        let (store, _dir) = temporary_store().await;
        let room = RoomId::new("!r");
        let now = at("2026-11-29T18:00:00Z");
        let mut tx = store.begin().await.expect("begin");
        let meeting = tx
            .create_unscheduled_meeting(&room, now)
            .await
            .expect("meeting");
        tx.add_item(&room, meeting.id, new_item("Budget", false, 1, "$a"), now)
            .await
            .expect("add");
        tx.add_item(
            &room,
            meeting.id,
            new_item("Local fermé", true, 2, "$b"),
            now,
        )
        .await
        .expect("add");
        let agenda = tx.agenda(meeting.id).await.expect("agenda");
        let texts: Vec<&str> = agenda.items().iter().map(|i| i.text.as_str()).collect();
        assert_eq!(texts, vec!["Local fermé", "Budget"]);
        let first = &agenda.items()[0];
        assert_eq!(first.author_name.as_deref(), Some("Alice"));
        assert_eq!(first.source_event, Some(EventId::new("$b")));
        assert_eq!(first.created_at, now);
        assert_eq!(first.status, ItemStatus::Open);
    }

    #[tokio::test]
    async fn a_room_has_one_unscheduled_meeting_at_most() {
        let (store, _dir) = temporary_store().await;
        let room = RoomId::new("!r");
        let now = at("2026-11-29T18:00:00Z");
        let mut tx = store.begin().await.expect("begin");
        tx.create_unscheduled_meeting(&room, now)
            .await
            .expect("first");
        assert!(tx.create_unscheduled_meeting(&room, now).await.is_err());
        let other = RoomId::new("!other");
        assert!(tx.create_unscheduled_meeting(&other, now).await.is_ok());
    }

    #[tokio::test]
    async fn carrying_over_copies_the_item_and_keeps_the_original_for_the_record() {
        let (store, _dir) = temporary_store().await;
        let room = RoomId::new("!r");
        let now = at("2026-11-29T18:00:00Z");
        let mut tx = store.begin().await.expect("begin");
        let old = tx
            .create_unscheduled_meeting(&room, now)
            .await
            .expect("meeting");
        let item = tx
            .add_item(&room, old.id, new_item("Budget", true, 1, "$a"), now)
            .await
            .expect("add");
        tx.mark_meeting_held(old.id).await.expect("held");
        let next = tx
            .create_unscheduled_meeting(&room, now)
            .await
            .expect("next");
        let held_on = at("2026-11-20T13:00:00Z");
        tx.carry_over_item(&item, Some(held_on), next.id, 1, now)
            .await
            .expect("carry");

        assert!(tx.agenda(old.id).await.expect("old").is_empty());
        let carried = tx.agenda(next.id).await.expect("next");
        let copy = &carried.items()[0];
        assert_eq!(copy.text, "Budget");
        assert!(copy.urgent);
        assert_eq!(copy.carried_from, Some(held_on));
        // The edit link stays with the original message's item only.
        assert_eq!(copy.source_event, None);
        let (meeting, original) = tx
            .item_added_by(&EventId::new("$a"))
            .await
            .expect("query")
            .expect("found");
        assert_eq!(
            (meeting, original.status),
            (old.id, ItemStatus::CarriedOver)
        );
    }

    #[tokio::test]
    async fn an_overlong_text_is_refused_by_the_database_too() {
        let (store, _dir) = temporary_store().await;
        let room = RoomId::new("!r");
        let now = at("2026-11-29T18:00:00Z");
        let mut tx = store.begin().await.expect("begin");
        let meeting = tx
            .create_unscheduled_meeting(&room, now)
            .await
            .expect("meeting");
        let long = "é".repeat(501);
        assert!(
            tx.add_item(&room, meeting.id, new_item(&long, false, 1, "$a"), now)
                .await
                .is_err()
        );
    }
}
