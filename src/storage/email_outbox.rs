//! The e-mail outbox: what the e-mail sender will send, written in the transaction of what
//! caused it. The recipient's address is read from `email_people` at sending time, so that a
//! person's removal takes their e-mails (and their address) with it.

use chrono::{DateTime, Utc};

use super::store::{StorageError, Store, Transaction, count_to_db};
use crate::domain::RoomId;
use crate::domain::email::{Attachment, Coalesce, NewEmail, OutgoingEmail, Recipient};
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
        if let Some(coalesce) = &email.coalesce
            && self
                .replace_waiting_version(room, email, coalesce, printable.as_deref())
                .await?
        {
            return Ok(true);
        }
        let not_before = match &email.coalesce {
            Some(coalesce) if coalesce.delay > chrono::Duration::zero() => {
                now.checked_add_signed(coalesce.delay)
            }
            _ => None,
        };
        // ?1 and ?2 find the recipient in its list; ?3… are the e-mail's.
        let query = match email.to {
            Recipient::Person(number) => sqlx::query(
                "INSERT INTO email_outbox (room_id, person_id, subject, text_body, html_body,
                     attachment_name, attachment_mime, attachment_data, created_at,
                     unsubscribe_url, attachment_printable, coalesce_key, next_attempt_at,
                     reply_to)
                 SELECT ?3, id, ?4, ?5, ?6, ?7, ?8, ?9, ?10, ?11, ?12, ?13, ?14, ?15
                 FROM email_people
                 WHERE room_id = ?1 AND number = ?2 AND unsubscribed_at IS NULL",
            )
            .bind(room.as_str())
            .bind(count_to_db(number)),
            Recipient::Guest { meeting, number } => sqlx::query(
                "INSERT INTO email_outbox (room_id, guest_id, subject, text_body, html_body,
                     attachment_name, attachment_mime, attachment_data, created_at,
                     unsubscribe_url, attachment_printable, coalesce_key, next_attempt_at,
                     reply_to)
                 SELECT ?3, id, ?4, ?5, ?6, ?7, ?8, ?9, ?10, ?11, ?12, ?13, ?14, ?15
                 FROM guests
                 WHERE meeting_id = ?1 AND number = ?2 AND email IS NOT NULL",
            )
            .bind(meeting.get())
            .bind(count_to_db(number)),
            Recipient::Letter { letter, position } => sqlx::query(
                "INSERT INTO email_outbox (room_id, letter_id, letter_position, subject,
                     text_body, html_body, attachment_name, attachment_mime, attachment_data,
                     created_at, unsubscribe_url, attachment_printable, coalesce_key,
                     next_attempt_at, reply_to)
                 SELECT ?3, l.id, r.position, ?4, ?5, ?6, ?7, ?8, ?9, ?10, ?11, ?12, ?13, ?14, ?15
                 FROM letters l JOIN letter_recipients r ON r.letter_id = l.id
                 WHERE l.room_id = ?3 AND l.number = ?1 AND r.position = ?2",
            )
            .bind(count_to_db(letter))
            .bind(count_to_db(position)),
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
            .bind(
                email
                    .coalesce
                    .as_ref()
                    .map(|coalesce| coalesce.key.as_str()),
            )
            .bind(not_before)
            .bind(email.reply_to.as_deref())
            .execute(&mut *self.inner)
            .await?;
        Ok(done.rows_affected() == 1)
    }

    /// Gives a waiting e-mail with the same key, to the same recipient, the content of
    /// `email` (it keeps its time to go, unless `email` goes at once); `false` when none
    /// waits.
    async fn replace_waiting_version(
        &mut self,
        room: &RoomId,
        email: &NewEmail,
        coalesce: &Coalesce,
        printable: Option<&str>,
    ) -> Result<bool, StorageError> {
        let attachment = email.attachment.as_ref();
        // ?1 and ?2 find the recipient; ?3… are the e-mail's.
        let recipient = match email.to {
            Recipient::Person(_) => {
                "person_id = (SELECT id FROM email_people WHERE room_id = ?1 AND number = ?2)"
            }
            Recipient::Guest { .. } => {
                "guest_id = (SELECT id FROM guests WHERE meeting_id = ?1 AND number = ?2)"
            }
            // A letter is never coalesced: nothing waits to be replaced.
            Recipient::Letter { .. } => return Ok(false),
        };
        let sql = format!(
            "UPDATE email_outbox SET subject = ?4, text_body = ?5, html_body = ?6,
                 attachment_name = ?7, attachment_mime = ?8, attachment_data = ?9,
                 unsubscribe_url = ?10, attachment_printable = ?11,
                 next_attempt_at = CASE WHEN ?12 THEN NULL ELSE next_attempt_at END
             WHERE coalesce_key = ?3 AND sent_at IS NULL AND abandoned_at IS NULL AND {recipient}"
        );
        let query = sqlx::query(sqlx::AssertSqlSafe(sql));
        let query = match email.to {
            Recipient::Person(number) => query.bind(room.as_str()).bind(count_to_db(number)),
            Recipient::Guest { meeting, number } => {
                query.bind(meeting.get()).bind(count_to_db(number))
            }
            Recipient::Letter { .. } => return Ok(false),
        };
        let done = query
            .bind(&coalesce.key)
            .bind(&email.subject)
            .bind(&email.text)
            .bind(&email.html)
            .bind(attachment.map(|a| a.name.as_str()))
            .bind(attachment.map(|a| a.mime.as_str()))
            .bind(attachment.map(|a| a.data.as_slice()))
            .bind(email.unsubscribe_url.as_deref())
            .bind(printable)
            .bind(coalesce.delay <= chrono::Duration::zero())
            .execute(&mut *self.inner)
            .await?;
        Ok(done.rows_affected() > 0)
    }

    /// The rooms with e-mails held back by a daily limit that were not told so on `day` (the
    /// local day), each now marked told: the caller tells them in this transaction.
    pub async fn rooms_to_tell_of_held_emails(
        &mut self,
        day: chrono::NaiveDate,
    ) -> Result<Vec<RoomId>, StorageError> {
        let rooms: Vec<String> = sqlx::query_scalar(
            "INSERT INTO email_hold_notices (room_id, day)
             SELECT DISTINCT room_id, ?1 FROM email_outbox
             WHERE held_at IS NOT NULL AND sent_at IS NULL AND abandoned_at IS NULL
             ON CONFLICT (room_id, day) DO NOTHING
             RETURNING room_id",
        )
        .bind(day.to_string())
        .fetch_all(&mut *self.inner)
        .await?;
        Ok(rooms.into_iter().map(RoomId::new).collect())
    }
}

impl Store {
    /// E-mails not sent (nor given up) yet, oldest first, with their recipients.
    pub async fn pending_emails(
        &self,
    ) -> Result<Vec<(OutgoingEmail, Option<DateTime<Utc>>)>, StorageError> {
        let rows: Vec<EmailRow> = sqlx::query_as(
            "SELECT e.id, e.room_id, COALESCE(p.name, g.name, r.name) AS name,
                    COALESCE(p.address, g.email, r.address) AS address,
                    e.subject, e.text_body, e.html_body, e.attachment_name, e.attachment_mime,
                    e.attachment_data, e.attachment_printable, e.unsubscribe_url, e.created_at, e.attempts,
                    e.next_attempt_at, e.reply_to
             FROM email_outbox e
                  LEFT JOIN email_people p ON p.id = e.person_id
                  LEFT JOIN guests g ON g.id = e.guest_id
                  LEFT JOIN letter_recipients r
                         ON r.letter_id = e.letter_id AND r.position = e.letter_position
             WHERE e.sent_at IS NULL AND e.abandoned_at IS NULL
               AND COALESCE(p.address, g.email, r.address) IS NOT NULL
               AND p.unsubscribed_at IS NULL
               -- Nothing more is e-mailed for a room the bot left.
               AND e.room_id NOT IN (SELECT room_id FROM rooms WHERE left_at IS NOT NULL)
             ORDER BY e.id",
        )
        .fetch_all(&self.pool)
        .await?;
        rows.into_iter()
            .map(|row| {
                let next = row.next_attempt_at;
                Ok((row.try_into()?, next))
            })
            .collect()
    }

    /// When e-mails went out to `address`, and from `room`, since `since`, oldest first: what
    /// the daily limits count.
    pub async fn emails_sent_since(
        &self,
        address: &str,
        room: &RoomId,
        since: DateTime<Utc>,
    ) -> Result<(Vec<DateTime<Utc>>, Vec<DateTime<Utc>>), StorageError> {
        let to_address = sqlx::query_scalar(
            "SELECT e.sent_at FROM email_outbox e
                  LEFT JOIN email_people p ON p.id = e.person_id
                  LEFT JOIN guests g ON g.id = e.guest_id
                  LEFT JOIN letter_recipients r
                         ON r.letter_id = e.letter_id AND r.position = e.letter_position
             WHERE e.sent_at > ?1 AND COALESCE(p.address, g.email, r.address) = ?2
             ORDER BY e.sent_at",
        )
        .bind(since)
        .bind(address)
        .fetch_all(&self.pool)
        .await?;
        let from_room = sqlx::query_scalar(
            "SELECT sent_at FROM email_outbox WHERE sent_at > ?1 AND room_id = ?2
             ORDER BY sent_at",
        )
        .bind(since)
        .bind(room.as_str())
        .fetch_all(&self.pool)
        .await?;
        Ok((to_address, from_room))
    }

    /// Holds an e-mail back until `until` (a daily limit): it waits, not counted as a failure.
    pub async fn hold_email(
        &self,
        id: i64,
        until: DateTime<Utc>,
        now: DateTime<Utc>,
    ) -> Result<(), StorageError> {
        sqlx::query(
            "UPDATE email_outbox SET next_attempt_at = ?2, held_at = COALESCE(held_at, ?3)
             WHERE id = ?1",
        )
        .bind(id)
        .bind(until)
        .bind(now)
        .execute(&self.pool)
        .await?;
        Ok(())
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
        self.record_failed(super::outbox::Queue::Emails, id, error, retry, now)
            .await
    }
}

/// A pending e-mail as the outbox query reads it, with its recipient and next try.
#[derive(Debug, sqlx::FromRow)]
struct EmailRow {
    id: i64,
    room_id: String,
    name: String,
    address: String,
    subject: String,
    text_body: String,
    html_body: String,
    attachment_name: Option<String>,
    attachment_mime: Option<String>,
    attachment_data: Option<Vec<u8>>,
    attachment_printable: Option<String>,
    unsubscribe_url: Option<String>,
    created_at: DateTime<Utc>,
    attempts: i64,
    next_attempt_at: Option<DateTime<Utc>>,
    reply_to: Option<String>,
}

impl TryFrom<EmailRow> for OutgoingEmail {
    type Error = StorageError;

    fn try_from(row: EmailRow) -> Result<Self, StorageError> {
        let attachment = row.attachment_name.map(|name| Attachment {
            name,
            mime: row.attachment_mime.unwrap_or_default(),
            data: row.attachment_data.unwrap_or_default(),
        });
        let printable = row
            .attachment_printable
            .map(|json| serde_json::from_str(&json))
            .transpose()
            .map_err(|error| StorageError::Corrupt(format!("e-mail document: {error}")))?;
        Ok(OutgoingEmail {
            id: row.id,
            room: RoomId::new(row.room_id),
            to_name: row.name,
            to_address: row.address,
            subject: row.subject,
            text: row.text_body,
            html: row.html_body,
            attachment,
            printable,
            unsubscribe_url: row.unsubscribe_url,
            reply_to: row.reply_to,
            created_at: row.created_at,
            attempts: u32::try_from(row.attempts).unwrap_or(u32::MAX),
        })
    }
}

#[cfg(test)]
mod tests {
    use super::*;
    use crate::domain::UserId;
    use crate::domain::email::EmailPerson;
    use crate::testing::at;

    fn version(text: &str, delay_minutes: i64) -> NewEmail {
        NewEmail {
            to: Recipient::Person(1),
            subject: text.into(),
            text: text.into(),
            html: text.into(),
            attachment: None,
            printable: None,
            unsubscribe_url: None,
            coalesce: Some(Coalesce {
                key: "meeting:1".into(),
                delay: chrono::Duration::minutes(delay_minutes),
            }),
            reply_to: None,
        }
    }

    #[tokio::test]
    async fn versions_of_one_thing_wait_as_one_the_latest_and_a_cancellation_goes_at_once() {
        let (store, _dir) = crate::storage::tests::temporary_store().await;
        let room = RoomId::new("!room");
        let now = at("2026-12-10T10:00:00Z");
        let jean = EmailPerson {
            id: 0,
            number: 0,
            address: "jean@restos.example".into(),
            association: "Restos du Cœur".into(),
            name: "Jean Ledoux".into(),
            added_by: UserId::new("@alice:localhost"),
            link: crate::domain::tokens::kept_for_tests("token-jean"),
            unsubscribe_link: crate::domain::tokens::kept_for_tests("unsubscribe-jean"),
            unsubscribed: false,
        };
        let mut tx = store.begin().await.expect("tx");
        tx.add_email_person(&room, &jean, now).await.expect("add");
        assert!(
            tx.queue_email(&room, &version("v1", 10), now)
                .await
                .expect("queue")
        );
        let later = at("2026-12-10T10:04:00Z");
        assert!(
            tx.queue_email(&room, &version("v2", 10), later)
                .await
                .expect("queue")
        );
        tx.commit().await.expect("commit");
        let pending = store.pending_emails().await.expect("pending");
        assert_eq!(pending.len(), 1, "one e-mail for two versions");
        assert_eq!(pending[0].0.subject, "v2", "the latest");
        assert_eq!(
            pending[0].1,
            Some(at("2026-12-10T10:10:00Z")),
            "ten minutes after the first version"
        );
        // A cancellation (at once) replaces the waiting update and goes now.
        let mut tx = store.begin().await.expect("tx");
        assert!(
            tx.queue_email(&room, &version("cancelled", 0), later)
                .await
                .expect("queue")
        );
        tx.commit().await.expect("commit");
        let pending = store.pending_emails().await.expect("pending");
        assert_eq!(pending.len(), 1);
        assert_eq!(pending[0].0.subject, "cancelled");
        assert_eq!(pending[0].1, None);
        // Once sent, a new version is a new e-mail.
        store
            .mark_email_sent(pending[0].0.id, later)
            .await
            .expect("sent");
        let mut tx = store.begin().await.expect("tx");
        assert!(
            tx.queue_email(&room, &version("v3", 10), later)
                .await
                .expect("queue")
        );
        tx.commit().await.expect("commit");
        let pending = store.pending_emails().await.expect("pending");
        assert_eq!(pending.len(), 1);
        assert_eq!(pending[0].0.subject, "v3");
        // Nothing more is e-mailed for a room the bot left; back in it, what waited goes.
        let mut tx = store.begin().await.expect("tx");
        assert!(tx.mark_room_left(&room, later).await.expect("left"));
        tx.commit().await.expect("commit");
        assert!(store.pending_emails().await.expect("pending").is_empty());
        let mut tx = store.begin().await.expect("tx");
        tx.mark_room_present(&room).await.expect("back");
        tx.commit().await.expect("commit");
        assert_eq!(store.pending_emails().await.expect("pending").len(), 1);
    }
}
