//! The guests of each meeting.

use chrono::{DateTime, Utc};

use super::store::{StorageError, Transaction, count_from_db, count_to_db};
use crate::domain::guest::Guest;
use crate::domain::tokens::{KeptLink, Nonce, TokenHash};
use crate::domain::{MeetingId, RoomId, UserId};

/// A guest as their row holds them.
#[derive(Debug, sqlx::FromRow)]
struct GuestRow {
    number: i64,
    name: String,
    email: Option<String>,
    topic: Option<String>,
    added_by: String,
    link_nonce: Option<String>,
    link_hash: Option<String>,
}

impl TryFrom<GuestRow> for Guest {
    type Error = StorageError;

    fn try_from(row: GuestRow) -> Result<Self, StorageError> {
        Ok(Guest {
            number: count_from_db(row.number, "guest number")?,
            name: row.name,
            email: row.email,
            topic: row.topic,
            added_by: UserId::new(row.added_by),
            link: row.link_nonce.map(|nonce| KeptLink {
                nonce: Nonce::kept(nonce),
                hash: TokenHash::kept(row.link_hash.unwrap_or_default()),
            }),
        })
    }
}

impl Transaction {
    /// Adds a guest to a meeting's list; returns their number in it.
    pub async fn add_guest(
        &mut self,
        meeting_id: MeetingId,
        guest: &Guest,
        now: DateTime<Utc>,
    ) -> Result<usize, StorageError> {
        let last: Option<i64> =
            sqlx::query_scalar("SELECT MAX(number) FROM guests WHERE meeting_id = ?1")
                .bind(meeting_id.get())
                .fetch_one(&mut *self.inner)
                .await?;
        let number = count_from_db(last.unwrap_or(0), "guest number")? + 1;
        sqlx::query(
            "INSERT INTO guests (meeting_id, number, name, email, topic, added_by, added_at,
                                 link_nonce, link_hash)
             VALUES (?1, ?2, ?3, ?4, ?5, ?6, ?7, ?8, ?9)",
        )
        .bind(meeting_id.get())
        .bind(count_to_db(number))
        .bind(&guest.name)
        .bind(&guest.email)
        .bind(&guest.topic)
        .bind(guest.added_by.as_str())
        .bind(now)
        .bind(guest.link.as_ref().map(|link| link.nonce.as_str()))
        .bind(guest.link.as_ref().map(|link| link.hash.as_str()))
        .execute(&mut *self.inner)
        .await?;
        Ok(number)
    }

    /// A meeting's guests, by number.
    pub async fn guests(&mut self, meeting_id: MeetingId) -> Result<Vec<Guest>, StorageError> {
        let rows: Vec<GuestRow> = sqlx::query_as(
            "SELECT number, name, email, topic, added_by, link_nonce, link_hash FROM guests
             WHERE meeting_id = ?1 ORDER BY number",
        )
        .bind(meeting_id.get())
        .fetch_all(&mut *self.inner)
        .await?;
        rows.into_iter().map(Guest::try_from).collect()
    }

    /// Deletes the addresses of a meeting's guests (once it is over: they were for it only),
    /// with the e-mails still waiting for them.
    pub async fn forget_guest_addresses(
        &mut self,
        meeting_id: MeetingId,
    ) -> Result<(), StorageError> {
        sqlx::query(
            "DELETE FROM email_outbox WHERE sent_at IS NULL
               AND guest_id IN (SELECT id FROM guests WHERE meeting_id = ?1)",
        )
        .bind(meeting_id.get())
        .execute(&mut *self.inner)
        .await?;
        sqlx::query("UPDATE guests SET email = NULL WHERE meeting_id = ?1")
            .bind(meeting_id.get())
            .execute(&mut *self.inner)
            .await?;
        Ok(())
    }

    /// Deletes guest `id`'s address (they unsubscribed), with the e-mails still waiting for
    /// them. Returns their room and name, and whether this is news (`false` when the address
    /// was gone already); `None` for no such guest.
    pub async fn unsubscribe_guest(
        &mut self,
        id: i64,
    ) -> Result<Option<(RoomId, String, bool)>, StorageError> {
        // The write first, as for a person's unsubscribe.
        let news =
            sqlx::query("UPDATE guests SET email = NULL WHERE id = ?1 AND email IS NOT NULL")
                .bind(id)
                .execute(&mut *self.inner)
                .await?
                .rows_affected()
                == 1;
        sqlx::query("DELETE FROM email_outbox WHERE guest_id = ?1 AND sent_at IS NULL")
            .bind(id)
            .execute(&mut *self.inner)
            .await?;
        let row: Option<(String, String)> = sqlx::query_as(
            "SELECT m.room_id, g.name FROM guests g JOIN meetings m ON m.id = g.meeting_id
             WHERE g.id = ?1",
        )
        .bind(id)
        .fetch_optional(&mut *self.inner)
        .await?;
        Ok(row.map(|(room, name)| (RoomId::new(room), name, news)))
    }

    /// Removes guest `number` from a meeting's list (their address goes with them). `false`
    /// if there was none.
    pub async fn remove_guest(
        &mut self,
        meeting_id: MeetingId,
        number: usize,
    ) -> Result<bool, StorageError> {
        let removed: Option<i64> = sqlx::query_scalar(
            "DELETE FROM guests WHERE meeting_id = ?1 AND number = ?2 RETURNING id",
        )
        .bind(meeting_id.get())
        .bind(count_to_db(number))
        .fetch_optional(&mut *self.inner)
        .await?;
        if let Some(id) = removed {
            self.forget_legacy_links(&["guest"], &id.to_string())
                .await?;
        }
        Ok(removed.is_some())
    }
}

/// Deletes the addresses of the guests of cancelled meetings once no e-mail waits for them
/// any more (the cancellation was their last).
const FORGET_CANCELLED_GUESTS: &str = "UPDATE guests SET email = NULL
     WHERE email IS NOT NULL
       AND meeting_id IN (SELECT id FROM meetings WHERE status = 'cancelled')
       AND NOT EXISTS (SELECT 1 FROM email_outbox e WHERE e.guest_id = guests.id
                       AND e.sent_at IS NULL AND e.abandoned_at IS NULL)";

impl super::Store {
    /// [`FORGET_CANCELLED_GUESTS`], once e-mails went out.
    pub async fn forget_cancelled_guests_addresses(&self) -> Result<(), StorageError> {
        sqlx::query(FORGET_CANCELLED_GUESTS)
            .execute(&self.pool)
            .await?;
        Ok(())
    }
}

impl Transaction {
    /// [`FORGET_CANCELLED_GUESTS`], as a meeting is cancelled: at once for guests no
    /// cancellation e-mail was queued for (e-mail off), later for the others.
    pub async fn forget_cancelled_guests_addresses(&mut self) -> Result<(), StorageError> {
        sqlx::query(FORGET_CANCELLED_GUESTS)
            .execute(&mut *self.inner)
            .await?;
        Ok(())
    }
}

#[cfg(test)]
mod tests {
    use super::*;
    use crate::domain::email::{NewEmail, Recipient};
    use crate::storage::Store;

    #[tokio::test]
    async fn a_guests_address_is_forgotten_with_its_waiting_emails_once_the_meeting_is_over() {
        let dir = tempfile::tempdir().expect("temp dir");
        let store = Store::open(&dir.path().join("concerto.db"))
            .await
            .expect("store");
        let room = RoomId::new("!room");
        let now = crate::testing::at("2026-11-29T18:00:00Z");
        let mut tx = store.begin().await.expect("tx");
        let meeting = tx
            .create_unscheduled_meeting(&room, now)
            .await
            .expect("meeting");
        let guest = Guest {
            number: 0,
            name: "Mme Martin".into(),
            email: Some("martin@adsea77.example".into()),
            topic: None,
            added_by: UserId::new("@alice:localhost"),
            link: None,
        };
        let number = tx.add_guest(meeting.id, &guest, now).await.expect("guest");
        let email = NewEmail {
            to: Recipient::Guest {
                meeting: meeting.id,
                number,
            },
            subject: "Réunion".into(),
            text: "Bonjour".into(),
            html: "<p>Bonjour</p>".into(),
            attachment: None,
            printable: None,
            unsubscribe_url: None,
            coalesce: None,
            reply_to: None,
        };
        assert!(tx.queue_email(&room, &email, now).await.expect("queued"));
        tx.commit().await.expect("commit");
        let pending = store.pending_emails().await.expect("pending");
        assert_eq!(pending.len(), 1);
        assert_eq!(pending[0].0.to_address, "martin@adsea77.example");

        let mut tx = store.begin().await.expect("tx");
        tx.forget_guest_addresses(meeting.id).await.expect("forget");
        let guests = tx.guests(meeting.id).await.expect("guests");
        assert_eq!(guests[0].email, None);
        assert_eq!(
            guests[0].name, "Mme Martin",
            "the guest stays on the record"
        );
        assert!(
            !tx.queue_email(&room, &email, now).await.expect("queue"),
            "no address, no e-mail"
        );
        tx.commit().await.expect("commit");
        assert!(store.pending_emails().await.expect("pending").is_empty());
    }
}
