//! The people each room reaches by e-mail.

use chrono::{DateTime, Utc};

use super::store::{StorageError, Transaction, count_from_db, count_to_db};
use crate::domain::email::{EmailPerson, Subscriber, erased_address};
use crate::domain::tokens::{KeptLink, Nonce, TokenHash};
use crate::domain::{RoomId, UserId};

/// The columns a [`PersonRow`] reads, in every query that returns people.
macro_rules! person_columns {
    () => {
        "id, number, address, association, name, added_by, link_nonce, link_hash,
         unsubscribe_nonce, unsubscribe_hash, unsubscribed_at"
    };
}

impl Transaction {
    /// Adds someone to the room's list; returns their number in it.
    pub async fn add_email_person(
        &mut self,
        room: &RoomId,
        person: &EmailPerson,
        now: DateTime<Utc>,
    ) -> Result<usize, StorageError> {
        let last: Option<i64> =
            sqlx::query_scalar("SELECT MAX(number) FROM email_people WHERE room_id = ?1")
                .bind(room.as_str())
                .fetch_one(&mut *self.inner)
                .await?;
        let number = count_from_db(last.unwrap_or(0), "e-mail person number")? + 1;
        sqlx::query(
            "INSERT INTO email_people (room_id, number, address, association, name, added_by,
                 added_at, link_nonce, link_hash, unsubscribe_nonce, unsubscribe_hash)
             VALUES (?1, ?2, ?3, ?4, ?5, ?6, ?7, ?8, ?9, ?10, ?11)",
        )
        .bind(room.as_str())
        .bind(count_to_db(number))
        .bind(&person.address)
        .bind(&person.association)
        .bind(&person.name)
        .bind(person.added_by.as_str())
        .bind(now)
        .bind(person.link.nonce.as_str())
        .bind(person.link.hash.as_str())
        .bind(person.unsubscribe_link.nonce.as_str())
        .bind(person.unsubscribe_link.hash.as_str())
        .execute(&mut *self.inner)
        .await?;
        Ok(number)
    }

    /// The room's people known by e-mail, by number.
    pub async fn email_people(&mut self, room: &RoomId) -> Result<Vec<EmailPerson>, StorageError> {
        let rows: Vec<PersonRow> = sqlx::query_as(concat!(
            "SELECT ",
            person_columns!(),
            " FROM email_people WHERE room_id = ?1 ORDER BY number"
        ))
        .bind(room.as_str())
        .fetch_all(&mut *self.inner)
        .await?;
        rows.into_iter().map(EmailPerson::try_from).collect()
    }

    /// Marks the person of this token unsubscribed, and drops the e-mails still waiting for
    /// them. Returns their room and who they are, and whether this is news (`false` when they
    /// had unsubscribed before); `None` for an unknown token.
    pub async fn unsubscribe(
        &mut self,
        id: i64,
        now: DateTime<Utc>,
    ) -> Result<Option<(RoomId, EmailPerson, bool)>, StorageError> {
        // The write first: the transaction takes the database's write lock at once (waiting
        // for it if need be), instead of failing to upgrade a read made before another
        // connection wrote (the e-mail sender marks e-mails sent meanwhile).
        let news = sqlx::query(
            "UPDATE email_people SET unsubscribed_at = ?2 WHERE id = ?1 AND unsubscribed_at IS NULL",
        )
        .bind(id)
        .bind(now)
        .execute(&mut *self.inner)
        .await?
        .rows_affected()
            == 1;
        if news {
            sqlx::query("DELETE FROM email_outbox WHERE person_id = ?1 AND sent_at IS NULL")
                .bind(id)
                .execute(&mut *self.inner)
                .await?;
            // Their address goes at once: only its hash stays, so that adding it again is
            // told they unsubscribed.
            let address: String =
                sqlx::query_scalar("SELECT address FROM email_people WHERE id = ?1")
                    .bind(id)
                    .fetch_one(&mut *self.inner)
                    .await?;
            sqlx::query("UPDATE email_people SET address = ?2 WHERE id = ?1")
                .bind(id)
                .bind(erased_address(&address))
                .execute(&mut *self.inner)
                .await?;
        }
        Ok(self
            .email_person(id)
            .await?
            .map(|(room, person)| (room, person, news)))
    }

    /// Deletes person `number` from the room's list, their address with them; returns who it
    /// was, `None` if there was none.
    pub async fn remove_email_person(
        &mut self,
        room: &RoomId,
        number: usize,
    ) -> Result<Option<EmailPerson>, StorageError> {
        let row: Option<PersonRow> = sqlx::query_as(concat!(
            "DELETE FROM email_people WHERE room_id = ?1 AND number = ?2
             RETURNING ",
            person_columns!()
        ))
        .bind(room.as_str())
        .bind(count_to_db(number))
        .fetch_optional(&mut *self.inner)
        .await?;
        let removed = row.map(EmailPerson::try_from).transpose()?;
        if let Some(removed) = &removed {
            self.forget_legacy_links(&["personal", "unsubscribe"], &removed.id.to_string())
                .await?;
        }
        Ok(removed)
    }
}

impl Transaction {
    /// Person `id` known by e-mail and their room, if they are still known.
    pub async fn email_person(
        &mut self,
        id: i64,
    ) -> Result<Option<(RoomId, EmailPerson)>, StorageError> {
        let row: Option<RoomPersonRow> = sqlx::query_as(concat!(
            "SELECT room_id, ",
            person_columns!(),
            " FROM email_people WHERE id = ?1"
        ))
        .bind(id)
        .fetch_optional(&mut *self.inner)
        .await?;
        row.map(|row| Ok((RoomId::new(row.room_id), row.person.try_into()?)))
            .transpose()
    }

    /// Gives person `number` a new page link (its forms' token with it): the old link opens
    /// nothing from now on. Returns who it is, with the new link; `None` if there is no such
    /// person.
    pub async fn renew_email_link(
        &mut self,
        room: &RoomId,
        number: usize,
        link: &KeptLink,
    ) -> Result<Option<EmailPerson>, StorageError> {
        let row: Option<PersonRow> = sqlx::query_as(concat!(
            "UPDATE email_people SET link_nonce = ?3, link_hash = ?4
             WHERE room_id = ?1 AND number = ?2
             RETURNING ",
            person_columns!()
        ))
        .bind(room.as_str())
        .bind(count_to_db(number))
        .bind(link.nonce.as_str())
        .bind(link.hash.as_str())
        .fetch_optional(&mut *self.inner)
        .await?;
        let renewed = row.map(EmailPerson::try_from).transpose()?;
        if let Some(renewed) = &renewed {
            // The token of an older version opened the page and unsubscribed alike.
            self.forget_legacy_links(&["personal"], &renewed.id.to_string())
                .await?;
        }
        Ok(renewed)
    }
}

/// A person known by e-mail as their row holds them ([`person_columns`]).
#[derive(Debug, sqlx::FromRow)]
struct PersonRow {
    id: i64,
    number: i64,
    address: String,
    association: String,
    name: String,
    added_by: String,
    link_nonce: String,
    link_hash: String,
    unsubscribe_nonce: String,
    unsubscribe_hash: Option<String>,
    unsubscribed_at: Option<DateTime<Utc>>,
}

impl TryFrom<PersonRow> for EmailPerson {
    type Error = StorageError;

    fn try_from(row: PersonRow) -> Result<Self, StorageError> {
        Ok(EmailPerson {
            id: row.id,
            number: count_from_db(row.number, "e-mail person number")?,
            address: row.address,
            association: row.association,
            name: row.name,
            added_by: UserId::new(row.added_by),
            link: KeptLink {
                nonce: Nonce::kept(row.link_nonce),
                hash: TokenHash::kept(row.link_hash),
            },
            unsubscribe_link: KeptLink {
                nonce: Nonce::kept(row.unsubscribe_nonce),
                hash: TokenHash::kept(row.unsubscribe_hash.unwrap_or_default()),
            },
            unsubscribed: row.unsubscribed_at.is_some(),
        })
    }
}

/// A person known by e-mail and their room.
#[derive(Debug, sqlx::FromRow)]
struct RoomPersonRow {
    room_id: String,
    #[sqlx(flatten)]
    person: PersonRow,
}

impl super::Store {
    /// The row of the person known by e-mail whose page link's token has this hash, if
    /// anyone's (a token of an older version too, until renewed).
    pub async fn email_person_of_token(
        &self,
        hash: &TokenHash,
    ) -> Result<Option<i64>, StorageError> {
        // A room the bot left has no personal links any more.
        let id = sqlx::query_scalar(
            "SELECT p.id FROM email_people p
             WHERE p.link_hash = ?1
               AND p.room_id NOT IN (SELECT room_id FROM rooms WHERE left_at IS NOT NULL)
             UNION ALL
             SELECT p.id FROM legacy_link_tokens l JOIN email_people p ON l.owner = p.id
             WHERE l.hash = ?1 AND l.purpose = 'personal'
               AND p.room_id NOT IN (SELECT room_id FROM rooms WHERE left_at IS NOT NULL)
             LIMIT 1",
        )
        .bind(hash.as_str())
        .fetch_optional(&self.pool)
        .await?;
        Ok(id)
    }

    /// Whose unsubscribe link's token has this hash, with their room, if anyone's: a person
    /// known by e-mail (their page link unsubscribes too), or a guest who gave an address
    /// (even once it is deleted, so that their link still answers).
    pub async fn subscriber_of_token(
        &self,
        hash: &TokenHash,
    ) -> Result<Option<(Subscriber, RoomId)>, StorageError> {
        let row: Option<(String, i64, String)> = sqlx::query_as(
            "SELECT * FROM (
                 SELECT 'person' AS kind, id, room_id FROM email_people
                 WHERE unsubscribe_hash = ?1
                 UNION ALL
                 SELECT 'person', id, room_id FROM email_people WHERE link_hash = ?1
                 UNION ALL
                 SELECT 'person', p.id, p.room_id FROM legacy_link_tokens l
                      JOIN email_people p ON l.owner = p.id
                 WHERE l.hash = ?1 AND l.purpose IN ('personal', 'unsubscribe')
                 UNION ALL
                 SELECT 'guest', g.id, m.room_id FROM guests g
                      JOIN meetings m ON m.id = g.meeting_id
                 WHERE g.link_hash = ?1
                 UNION ALL
                 SELECT 'guest', g.id, m.room_id FROM legacy_link_tokens l
                      JOIN guests g ON l.owner = g.id JOIN meetings m ON m.id = g.meeting_id
                 WHERE l.hash = ?1 AND l.purpose = 'guest')
             WHERE room_id NOT IN (SELECT room_id FROM rooms WHERE left_at IS NOT NULL)
             LIMIT 1",
        )
        .bind(hash.as_str())
        .fetch_optional(&self.pool)
        .await?;
        Ok(row.map(|(kind, id, room)| {
            let holder = if kind == "guest" {
                Subscriber::Guest(id)
            } else {
                Subscriber::Person(id)
            };
            (holder, RoomId::new(room))
        }))
    }
}

/// Someone Concerto keeps an address of, as `concerto export people` lists them.
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct KeptPerson {
    /// `email` (known by e-mail) or `guest` (a meeting's guest).
    pub kind: &'static str,
    pub number: usize,
    pub name: String,
    /// Their association (a person known by e-mail), or the day of their meeting (a guest).
    pub about: String,
    pub address: String,
    pub added_by: String,
    pub added_at: DateTime<Utc>,
    pub emails_sent: i64,
    pub emails_waiting: i64,
}

/// A [`KeptPerson`] as the query reads them.
#[derive(Debug, sqlx::FromRow)]
struct KeptRow {
    kind: String,
    number: i64,
    name: String,
    about: String,
    address: String,
    added_by: String,
    added_at: DateTime<Utc>,
    sent: i64,
    waiting: i64,
}

impl super::Store {
    /// Everyone of `room` whose address is kept: the people known by e-mail, then the guests
    /// of its meetings who gave one, with how many e-mails went to them and wait.
    pub async fn people_kept(&self, room: &RoomId) -> Result<Vec<KeptPerson>, StorageError> {
        let rows: Vec<KeptRow> = sqlx::query_as(
            "SELECT 'email' AS kind, p.number, p.name, p.association AS about, p.address,
                    p.added_by, p.added_at,
                    (SELECT COUNT(*) FROM email_outbox e WHERE e.person_id = p.id AND e.sent_at IS NOT NULL) AS sent,
                    (SELECT COUNT(*) FROM email_outbox e WHERE e.person_id = p.id AND e.sent_at IS NULL AND e.abandoned_at IS NULL) AS waiting
             FROM email_people p WHERE p.room_id = ?1 AND p.unsubscribed_at IS NULL
             UNION ALL
             SELECT 'guest', g.number, g.name, COALESCE(m.starts_at, ''), g.email, g.added_by, g.added_at,
                    (SELECT COUNT(*) FROM email_outbox e WHERE e.guest_id = g.id AND e.sent_at IS NOT NULL),
                    (SELECT COUNT(*) FROM email_outbox e WHERE e.guest_id = g.id AND e.sent_at IS NULL AND e.abandoned_at IS NULL)
             FROM guests g JOIN meetings m ON m.id = g.meeting_id
             WHERE m.room_id = ?1 AND g.email IS NOT NULL
             ORDER BY 1, 2",
        )
        .bind(room.as_str())
        .fetch_all(&self.pool)
        .await?;
        rows.into_iter()
            .map(|row| {
                Ok(KeptPerson {
                    kind: if row.kind == "email" {
                        "email"
                    } else {
                        "guest"
                    },
                    number: count_from_db(row.number, "number")?,
                    name: row.name,
                    about: row.about,
                    address: row.address,
                    added_by: row.added_by,
                    added_at: row.added_at,
                    emails_sent: row.sent,
                    emails_waiting: row.waiting,
                })
            })
            .collect()
    }
}

#[cfg(test)]
mod tests {
    use super::*;
    use crate::domain::tokens::kept_for_tests as link;
    use crate::storage::Store;

    #[tokio::test]
    async fn people_are_numbered_per_room_listed_and_deleted_with_their_address() {
        let dir = tempfile::tempdir().expect("temp dir");
        let store = Store::open(&dir.path().join("concerto.db"))
            .await
            .expect("store");
        let room = RoomId::new("!room");
        let other = RoomId::new("!other");
        let now = crate::testing::at("2026-11-29T18:00:00Z");
        let jean = EmailPerson {
            id: 0,
            number: 0,
            address: "jean@restos.example".into(),
            association: "Restos du Cœur".into(),
            name: "Jean Ledoux".into(),
            added_by: UserId::new("@alice:localhost"),
            link: link("token-jean"),
            unsubscribe_link: link("unsubscribe-jean"),
            unsubscribed: false,
        };
        let mut tx = store.begin().await.expect("tx");
        assert_eq!(
            tx.add_email_person(&room, &jean, now).await.expect("add"),
            1
        );
        let marie = EmailPerson {
            address: "marie@croix-rouge.example".into(),
            name: "Marie".into(),
            link: link("token-marie"),
            unsubscribe_link: link("unsubscribe-marie"),
            ..jean.clone()
        };
        assert_eq!(
            tx.add_email_person(&room, &marie, now).await.expect("add"),
            2
        );
        let jean_elsewhere = EmailPerson {
            link: link("token-jean-2"),
            unsubscribe_link: link("unsubscribe-jean-2"),
            ..jean.clone()
        };
        assert_eq!(
            tx.add_email_person(&other, &jean_elsewhere, now)
                .await
                .expect("add"),
            1
        );
        let jean_again = EmailPerson {
            link: link("token-jean-3"),
            unsubscribe_link: link("unsubscribe-jean-3"),
            ..jean.clone()
        };
        assert!(
            tx.add_email_person(&room, &jean_again, now).await.is_err(),
            "one address once per room"
        );
        let listed = tx.email_people(&room).await.expect("list");
        assert_eq!(
            listed
                .iter()
                .map(|p| (p.number, p.name.as_str()))
                .collect::<Vec<_>>(),
            vec![(1, "Jean Ledoux"), (2, "Marie")]
        );
        let removed = tx.remove_email_person(&room, 1).await.expect("remove");
        assert_eq!(
            removed.map(|p| p.address),
            Some("jean@restos.example".to_owned())
        );
        assert_eq!(
            tx.remove_email_person(&room, 1).await.expect("remove"),
            None
        );
        let left: i64 = sqlx::query_scalar(
            "SELECT COUNT(*) FROM email_people WHERE address = 'jean@restos.example'",
        )
        .fetch_one(&mut *tx.inner)
        .await
        .expect("count");
        assert_eq!(left, 1, "only the other room's row keeps that address");
        tx.commit().await.expect("commit");
    }
}
