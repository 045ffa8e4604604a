//! The e-mail outbox: what the e-mail sender will send, written in the transaction of what
//! caused it. The recipient's address is read from `email_people` at sending time, so that a
//! person's removal takes their e-mails (and their address) with it.

use chrono::{DateTime, Utc};
use sqlx::Row;
use sqlx::sqlite::SqliteRow;

use super::store::{StorageError, Store, Transaction, count_to_db};
use crate::domain::RoomId;
use crate::domain::email::{Attachment, NewEmail, OutgoingEmail};
use crate::domain::messages::Retry;

impl Transaction {
    /// Queues `email` for person `email.person` of the room's list; `false` if there is no
    /// such person (nothing is queued).
    pub async fn queue_email(
        &mut self,
        room: &RoomId,
        email: &NewEmail,
        now: DateTime<Utc>,
    ) -> Result<bool, StorageError> {
        let attachment = email.attachment.as_ref();
        let done = sqlx::query(
            "INSERT INTO email_outbox (room_id, person_id, subject, text_body, html_body,
                 attachment_name, attachment_mime, attachment_data, created_at)
             SELECT ?1, id, ?3, ?4, ?5, ?6, ?7, ?8, ?9 FROM email_people
             WHERE room_id = ?1 AND number = ?2",
        )
        .bind(room.as_str())
        .bind(count_to_db(email.person))
        .bind(&email.subject)
        .bind(&email.text)
        .bind(&email.html)
        .bind(attachment.map(|a| a.name.as_str()))
        .bind(attachment.map(|a| a.mime.as_str()))
        .bind(attachment.map(|a| a.data.as_slice()))
        .bind(now)
        .execute(&mut *self.inner)
        .await?;
        Ok(done.rows_affected() == 1)
    }
}

impl Store {
    /// E-mails not sent (nor given up) yet, oldest first, with their recipients.
    pub async fn pending_emails(
        &self,
    ) -> Result<Vec<(OutgoingEmail, Option<DateTime<Utc>>)>, StorageError> {
        let rows = sqlx::query(
            "SELECT e.id, p.name, p.address, e.subject, e.text_body, e.html_body,
                    e.attachment_name, e.attachment_mime, e.attachment_data, e.created_at,
                    e.attempts, e.next_attempt_at
             FROM email_outbox e JOIN email_people p ON p.id = e.person_id
             WHERE e.sent_at IS NULL AND e.abandoned_at IS NULL ORDER BY e.id",
        )
        .fetch_all(&self.pool)
        .await?;
        rows.iter()
            .map(|row| Ok((email_from_row(row)?, row.try_get("next_attempt_at")?)))
            .collect()
    }

    pub async fn mark_email_sent(&self, id: i64, now: DateTime<Utc>) -> Result<(), StorageError> {
        sqlx::query("UPDATE email_outbox SET sent_at = ?2 WHERE id = ?1")
            .bind(id)
            .bind(now)
            .execute(&self.pool)
            .await?;
        Ok(())
    }

    /// Counts a failed send and says when to try again, if ever.
    pub async fn record_failed_email(
        &self,
        id: i64,
        error: &str,
        retry: Retry,
        now: DateTime<Utc>,
    ) -> Result<(), StorageError> {
        let (next_attempt_at, abandoned_at) = match retry {
            Retry::At(at) => (Some(at), None),
            Retry::Never => (None, Some(now)),
        };
        sqlx::query(
            "UPDATE email_outbox SET attempts = attempts + 1, last_error = ?2,
                next_attempt_at = ?3, abandoned_at = ?4
             WHERE id = ?1",
        )
        .bind(id)
        .bind(error)
        .bind(next_attempt_at)
        .bind(abandoned_at)
        .execute(&self.pool)
        .await?;
        Ok(())
    }
}

fn email_from_row(row: &SqliteRow) -> Result<OutgoingEmail, StorageError> {
    let name: Option<String> = row.try_get("attachment_name")?;
    let attachment = match name {
        Some(name) => Some(Attachment {
            name,
            mime: row
                .try_get::<Option<String>, _>("attachment_mime")?
                .unwrap_or_default(),
            data: row
                .try_get::<Option<Vec<u8>>, _>("attachment_data")?
                .unwrap_or_default(),
        }),
        None => None,
    };
    Ok(OutgoingEmail {
        id: row.try_get("id")?,
        to_name: row.try_get("name")?,
        to_address: row.try_get("address")?,
        subject: row.try_get("subject")?,
        text: row.try_get("text_body")?,
        html: row.try_get("html_body")?,
        attachment,
        created_at: row.try_get("created_at")?,
        attempts: u32::try_from(row.try_get::<i64, _>("attempts")?).unwrap_or(u32::MAX),
    })
}
