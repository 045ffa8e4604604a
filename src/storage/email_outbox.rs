//! The e-mail outbox: what the e-mail sender will send, written in the transaction of what
//! caused it. The recipient's address is read from `email_people` at sending time, so that a
//! person's removal takes their e-mails (and their address) with it.

use chrono::{DateTime, Utc};
use sqlx::Row;
use sqlx::sqlite::SqliteRow;

use super::store::{StorageError, Store, Transaction, count_to_db};
use crate::domain::RoomId;
use crate::domain::email::{Attachment, NewEmail, OutgoingEmail, Recipient};
use crate::domain::messages::Retry;

impl Transaction {
    /// Queues `email` for its recipient; `false` if there is no such person or guest with
    /// an address (nothing is queued).
    pub async fn queue_email(
        &mut self,
        room: &RoomId,
        email: &NewEmail,
        now: DateTime<Utc>,
    ) -> Result<bool, StorageError> {
        let attachment = email.attachment.as_ref();
        let printable = email
            .printable
            .as_ref()
            .map(serde_json::to_string)
            .transpose()
            .map_err(|error| StorageError::Corrupt(format!("e-mail document: {error}")))?;
        // ?1 and ?2 find the recipient in its list; ?3… are the e-mail's.
        let query = match email.to {
            Recipient::Person(number) => sqlx::query(
                "INSERT INTO email_outbox (room_id, person_id, subject, text_body, html_body,
                     attachment_name, attachment_mime, attachment_data, created_at,
                     unsubscribe_url, attachment_printable)
                 SELECT ?3, id, ?4, ?5, ?6, ?7, ?8, ?9, ?10, ?11, ?12 FROM email_people
                 WHERE room_id = ?1 AND number = ?2 AND unsubscribed_at IS NULL",
            )
            .bind(room.as_str())
            .bind(count_to_db(number)),
            Recipient::Guest { meeting, number } => sqlx::query(
                "INSERT INTO email_outbox (room_id, guest_id, subject, text_body, html_body,
                     attachment_name, attachment_mime, attachment_data, created_at,
                     unsubscribe_url, attachment_printable)
                 SELECT ?3, id, ?4, ?5, ?6, ?7, ?8, ?9, ?10, ?11, ?12 FROM guests
                 WHERE meeting_id = ?1 AND number = ?2 AND email IS NOT NULL",
            )
            .bind(meeting.get())
            .bind(count_to_db(number)),
        };
        let done = query
            .bind(room.as_str())
            .bind(&email.subject)
            .bind(&email.text)
            .bind(&email.html)
            .bind(attachment.map(|a| a.name.as_str()))
            .bind(attachment.map(|a| a.mime.as_str()))
            .bind(attachment.map(|a| a.data.as_slice()))
            .bind(now)
            .bind(email.unsubscribe_url.as_deref())
            .bind(printable)
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
            "SELECT e.id, COALESCE(p.name, g.name) AS name, COALESCE(p.address, g.email) AS address,
                    e.subject, e.text_body, e.html_body, e.attachment_name, e.attachment_mime,
                    e.attachment_data, e.attachment_printable, e.unsubscribe_url, e.created_at, e.attempts,
                    e.next_attempt_at
             FROM email_outbox e
                  LEFT JOIN email_people p ON p.id = e.person_id
                  LEFT JOIN guests g ON g.id = e.guest_id
             WHERE e.sent_at IS NULL AND e.abandoned_at IS NULL
               AND COALESCE(p.address, g.email) IS NOT NULL
               AND p.unsubscribed_at IS NULL
             ORDER BY e.id",
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
        let (next_attempt_at, abandoned_at) = super::outbox::retry_columns(retry, now);
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
    let printable = row
        .try_get::<Option<String>, _>("attachment_printable")?
        .map(|json| serde_json::from_str(&json))
        .transpose()
        .map_err(|error| StorageError::Corrupt(format!("e-mail document: {error}")))?;
    Ok(OutgoingEmail {
        id: row.try_get("id")?,
        to_name: row.try_get("name")?,
        to_address: row.try_get("address")?,
        subject: row.try_get("subject")?,
        text: row.try_get("text_body")?,
        html: row.try_get("html_body")?,
        attachment,
        printable,
        unsubscribe_url: row.try_get("unsubscribe_url")?,
        created_at: row.try_get("created_at")?,
        attempts: u32::try_from(row.try_get::<i64, _>("attempts")?).unwrap_or(u32::MAX),
    })
}
