//! Agenda items: added, treated, withdrawn, moved, carried over to the next meeting.

use std::collections::HashMap;

use chrono::{DateTime, Utc};

use super::store::{StorageError, Store, Transaction};
use crate::domain::{
    Agenda, AgendaItem, EventId, ItemId, ItemNote, ItemStatus, MeetingId, RoomId, UserId,
};

/// The columns an [`ItemRow`] reads, for `concat!` into static queries.
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

impl Store {}

impl Transaction {
    /// The meeting's agenda, in the order the room sees it.
    pub async fn agenda(&mut self, meeting_id: MeetingId) -> Result<Agenda, StorageError> {
        let rows = sqlx::query_as::<_, ItemRow>(concat!(
            "SELECT ",
            item_columns!(),
            " FROM agenda_items WHERE meeting_id = ?1 AND status IN ('open', 'treated')"
        ))
        .bind(meeting_id.get())
        .fetch_all(&mut *self.inner)
        .await?;
        let items = rows
            .into_iter()
            .map(AgendaItem::try_from)
            .collect::<Result<_, _>>()?;
        Ok(Agenda::new(items))
    }

    pub async fn add_item(
        &mut self,
        room: &RoomId,
        meeting_id: MeetingId,
        item: NewItem,
        now: DateTime<Utc>,
    ) -> Result<AgendaItem, StorageError> {
        let row: ItemRow = sqlx::query_as(concat!(
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
        row.try_into()
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

    /// Every item a meeting's agenda had, whatever became of it (for its minutes), urgent ones
    /// first, then in their order.
    pub async fn all_agenda_items(
        &mut self,
        meeting_id: MeetingId,
    ) -> Result<Vec<AgendaItem>, StorageError> {
        let rows = sqlx::query_as::<_, ItemRow>(concat!(
            "SELECT ",
            item_columns!(),
            " FROM agenda_items WHERE meeting_id = ?1 ORDER BY urgent DESC, position, id"
        ))
        .bind(meeting_id.get())
        .fetch_all(&mut *self.inner)
        .await?;
        rows.into_iter().map(AgendaItem::try_from).collect()
    }

    /// Adds a note to an item.
    pub async fn add_item_note(
        &mut self,
        item: ItemId,
        note: &ItemNote,
    ) -> Result<(), StorageError> {
        sqlx::query(
            "INSERT INTO agenda_notes (item_id, text, author, author_name, created_at)
             VALUES (?1, ?2, ?3, ?4, ?5)",
        )
        .bind(item.get())
        .bind(&note.text)
        .bind(note.author.as_str())
        .bind(&note.author_name)
        .bind(note.created_at)
        .execute(&mut *self.inner)
        .await?;
        Ok(())
    }

    /// The notes of every item of a meeting's agenda, oldest first.
    pub async fn item_notes(
        &mut self,
        meeting_id: MeetingId,
    ) -> Result<HashMap<ItemId, Vec<ItemNote>>, StorageError> {
        let rows: Vec<NoteRow> = sqlx::query_as(
            "SELECT notes.item_id, notes.text, notes.author, notes.author_name, notes.created_at
             FROM agenda_notes AS notes JOIN agenda_items AS items ON items.id = notes.item_id
             WHERE items.meeting_id = ?1 ORDER BY notes.created_at, notes.id",
        )
        .bind(meeting_id.get())
        .fetch_all(&mut *self.inner)
        .await?;
        let mut notes: HashMap<ItemId, Vec<ItemNote>> = HashMap::new();
        for row in rows {
            notes
                .entry(ItemId::new(row.item_id))
                .or_default()
                .push(ItemNote {
                    text: row.text,
                    author: UserId::new(row.author),
                    author_name: row.author_name,
                    created_at: row.created_at,
                });
        }
        Ok(notes)
    }

    /// A held meeting's agenda as it was listed before its untreated items were carried over.
    pub async fn agenda_before_carry_over(
        &mut self,
        meeting_id: MeetingId,
    ) -> Result<Agenda, StorageError> {
        let rows = sqlx::query_as::<_, ItemRow>(concat!(
            "SELECT ",
            item_columns!(),
            " FROM agenda_items WHERE meeting_id = ?1"
        ))
        .bind(meeting_id.get())
        .fetch_all(&mut *self.inner)
        .await?;
        let items = rows
            .into_iter()
            .map(AgendaItem::try_from)
            .collect::<Result<_, _>>()?;
        Ok(Agenda::before_carry_over(items))
    }

    /// The copy a carried-over item has on the next meeting's agenda, while it is listed.
    pub async fn carried_copy_of(
        &mut self,
        item_id: ItemId,
    ) -> Result<Option<AgendaItem>, StorageError> {
        let row = sqlx::query_as::<_, ItemRow>(concat!(
            "SELECT ",
            item_columns!(),
            " FROM agenda_items WHERE carried_from_item = ?1 AND status IN ('open', 'treated')"
        ))
        .bind(item_id.get())
        .fetch_optional(&mut *self.inner)
        .await?;
        row.map(AgendaItem::try_from).transpose()
    }

    /// The item a message added, with its meeting's id, if that message added one.
    pub async fn item_added_by(
        &mut self,
        event_id: &EventId,
    ) -> Result<Option<(MeetingId, AgendaItem)>, StorageError> {
        let row: Option<MeetingItemRow> = sqlx::query_as(concat!(
            "SELECT meeting_id, ",
            item_columns!(),
            " FROM agenda_items WHERE source_event_id = ?1"
        ))
        .bind(event_id.as_str())
        .fetch_optional(&mut *self.inner)
        .await?;
        row.map(|row| Ok((MeetingId::new(row.meeting_id), row.item.try_into()?)))
            .transpose()
    }
}

/// An agenda item as its row holds it ([`item_columns`]).
#[derive(Debug, sqlx::FromRow)]
struct ItemRow {
    id: i64,
    text: String,
    author: String,
    author_name: Option<String>,
    urgent: bool,
    status: String,
    position: i64,
    created_at: DateTime<Utc>,
    carried_from_date: Option<DateTime<Utc>>,
    source_event_id: Option<String>,
}

impl TryFrom<ItemRow> for AgendaItem {
    type Error = StorageError;

    fn try_from(row: ItemRow) -> Result<Self, StorageError> {
        let status = ItemStatus::from_code(&row.status)
            .ok_or_else(|| StorageError::Corrupt(format!("item status {:?}", row.status)))?;
        Ok(AgendaItem {
            id: ItemId::new(row.id),
            text: row.text,
            author: UserId::new(row.author),
            author_name: row.author_name,
            urgent: row.urgent,
            status,
            position: row.position,
            created_at: row.created_at,
            carried_from: row.carried_from_date,
            source_event: row.source_event_id.map(EventId::new),
        })
    }
}

/// An item and its meeting.
#[derive(Debug, sqlx::FromRow)]
struct MeetingItemRow {
    meeting_id: i64,
    #[sqlx(flatten)]
    item: ItemRow,
}

/// A note on an item, and the item's id.
#[derive(Debug, sqlx::FromRow)]
struct NoteRow {
    item_id: i64,
    text: String,
    author: String,
    author_name: Option<String>,
    created_at: DateTime<Utc>,
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
