//! The address book's contacts: added, changed, confirmed, removed (deleted), per room.

use chrono::{DateTime, Utc};

use super::store::{StorageError, Transaction, count_from_db, count_to_db};
use crate::domain::contact::{Contact, ContactFields};
use crate::domain::{RoomId, UserId};

/// A contact as its row holds it.
#[derive(Debug, sqlx::FromRow)]
struct ContactRow {
    number: i64,
    organisation: String,
    name: String,
    role: String,
    phone: Option<String>,
    email: Option<String>,
    note: Option<String>,
    added_by: String,
    added_by_association: Option<String>,
    added_at: DateTime<Utc>,
    confirmed_at: DateTime<Utc>,
}

impl TryFrom<ContactRow> for Contact {
    type Error = StorageError;

    fn try_from(row: ContactRow) -> Result<Self, StorageError> {
        Ok(Contact {
            number: count_from_db(row.number, "contact number")?,
            fields: ContactFields {
                organisation: row.organisation,
                name: row.name,
                role: row.role,
                phone: row.phone,
                email: row.email,
                note: row.note,
            },
            added_by: UserId::new(row.added_by),
            added_by_association: row.added_by_association,
            added_at: row.added_at,
            confirmed_at: row.confirmed_at,
        })
    }
}

/// The columns a [`ContactRow`] reads, for `concat!`.
macro_rules! contact_columns {
    () => {
        "number, organisation, name, role, phone, email, note, added_by, added_by_association,
         added_at, confirmed_at"
    };
}

impl Transaction {
    /// Adds a contact with the room's next number (never one given before), and returns it.
    pub async fn add_contact(
        &mut self,
        room: &RoomId,
        fields: &ContactFields,
        by: &UserId,
        association: Option<&str>,
        at: DateTime<Utc>,
    ) -> Result<usize, StorageError> {
        let number: i64 = sqlx::query_scalar(
            "INSERT INTO contact_numbers (room_id, last) VALUES (?1, 1)
             ON CONFLICT (room_id) DO UPDATE SET last = last + 1
             RETURNING last",
        )
        .bind(room.as_str())
        .fetch_one(&mut *self.inner)
        .await?;
        sqlx::query(
            "INSERT INTO contacts (room_id, number, organisation, name, role, phone, email, note,
                                   added_by, added_by_association, added_at, confirmed_at)
             VALUES (?1, ?2, ?3, ?4, ?5, ?6, ?7, ?8, ?9, ?10, ?11, ?11)",
        )
        .bind(room.as_str())
        .bind(number)
        .bind(&fields.organisation)
        .bind(&fields.name)
        .bind(&fields.role)
        .bind(&fields.phone)
        .bind(&fields.email)
        .bind(&fields.note)
        .bind(by.as_str())
        .bind(association)
        .bind(at)
        .execute(&mut *self.inner)
        .await?;
        count_from_db(number, "contact number")
    }

    /// The room's contacts, by organisation then name.
    pub async fn contacts(&mut self, room: &RoomId) -> Result<Vec<Contact>, StorageError> {
        let rows: Vec<ContactRow> = sqlx::query_as(concat!(
            "SELECT ",
            contact_columns!(),
            " FROM contacts WHERE room_id = ?1
             ORDER BY organisation COLLATE NOCASE, name COLLATE NOCASE, number"
        ))
        .bind(room.as_str())
        .fetch_all(&mut *self.inner)
        .await?;
        rows.into_iter().map(Contact::try_from).collect()
    }

    /// Contact n° `number` of the room.
    pub async fn contact(
        &mut self,
        room: &RoomId,
        number: usize,
    ) -> Result<Option<Contact>, StorageError> {
        let row: Option<ContactRow> = sqlx::query_as(concat!(
            "SELECT ",
            contact_columns!(),
            " FROM contacts WHERE room_id = ?1 AND number = ?2"
        ))
        .bind(room.as_str())
        .bind(count_to_db(number))
        .fetch_optional(&mut *self.inner)
        .await?;
        row.map(Contact::try_from).transpose()
    }

    /// Replaces what contact n° `number` says; changing it confirms it.
    pub async fn change_contact(
        &mut self,
        room: &RoomId,
        number: usize,
        fields: &ContactFields,
        at: DateTime<Utc>,
    ) -> Result<(), StorageError> {
        sqlx::query(
            "UPDATE contacts SET organisation = ?3, name = ?4, role = ?5, phone = ?6, email = ?7,
                                 note = ?8, confirmed_at = ?9
             WHERE room_id = ?1 AND number = ?2",
        )
        .bind(room.as_str())
        .bind(count_to_db(number))
        .bind(&fields.organisation)
        .bind(&fields.name)
        .bind(&fields.role)
        .bind(&fields.phone)
        .bind(&fields.email)
        .bind(&fields.note)
        .bind(at)
        .execute(&mut *self.inner)
        .await?;
        Ok(())
    }

    /// Says contact n° `number` is still right as of `at`.
    pub async fn confirm_contact(
        &mut self,
        room: &RoomId,
        number: usize,
        at: DateTime<Utc>,
    ) -> Result<(), StorageError> {
        sqlx::query("UPDATE contacts SET confirmed_at = ?3 WHERE room_id = ?1 AND number = ?2")
            .bind(room.as_str())
            .bind(count_to_db(number))
            .bind(at)
            .execute(&mut *self.inner)
            .await?;
        Ok(())
    }

    /// Deletes contact n° `number`.
    pub async fn remove_contact(
        &mut self,
        room: &RoomId,
        number: usize,
    ) -> Result<(), StorageError> {
        sqlx::query("DELETE FROM contacts WHERE room_id = ?1 AND number = ?2")
            .bind(room.as_str())
            .bind(count_to_db(number))
            .execute(&mut *self.inner)
            .await?;
        Ok(())
    }
}
