//! Advocacy letters: their versions, recipients, approvals and the text frozen once every
//! member association approved.

use chrono::{DateTime, Utc};

use super::store::{StorageError, Transaction, count_from_db, count_to_db};
use crate::domain::letter::{Frozen, Letter, LetterAnswer, LetterRecipient};
use crate::domain::minutes::Approval;
use crate::domain::{PollId, RoomId, UserId};

/// A letter as its row holds it, with its current version's text and its poll's number.
#[derive(Debug, sqlx::FromRow)]
struct LetterRow {
    id: i64,
    room_id: String,
    number: i64,
    title: String,
    poll_number: Option<i64>,
    created_by: String,
    created_at: DateTime<Utc>,
    version: i64,
    text: Option<String>,
    frozen_version: Option<i64>,
    frozen_text: Option<String>,
    fingerprint: Option<String>,
    frozen_at: Option<DateTime<Utc>>,
    sent_at: Option<DateTime<Utc>>,
    sent_by: Option<String>,
    followed_up_at: Option<DateTime<Utc>>,
}

/// The columns a [`LetterRow`] reads, for `concat!`.
macro_rules! letter_query {
    () => {
        "SELECT l.id, l.room_id, l.number, l.title, p.number AS poll_number, l.created_by, l.created_at,
                l.version, v.text, l.frozen_version, l.frozen_text, l.fingerprint, l.frozen_at,
                l.sent_at, l.sent_by, l.followed_up_at
         FROM letters l
         LEFT JOIN polls p ON p.id = l.poll_id
         LEFT JOIN letter_versions v ON v.letter_id = l.id AND v.version = l.version "
    };
}

impl Transaction {
    /// Opens a letter with the room's next number (version 1 when it starts with a text).
    pub async fn create_letter(
        &mut self,
        room: &RoomId,
        title: &str,
        poll: Option<PollId>,
        text: Option<&str>,
        by: &UserId,
        at: DateTime<Utc>,
    ) -> Result<usize, StorageError> {
        let (id, number): (i64, i64) = sqlx::query_as(
            "INSERT INTO letters (room_id, number, title, poll_id, created_by, created_at)
             VALUES (?1, (SELECT coalesce(max(number), 0) + 1 FROM letters WHERE room_id = ?1),
                     ?2, ?3, ?4, ?5)
             RETURNING id, number",
        )
        .bind(room.as_str())
        .bind(title)
        .bind(poll.map(PollId::get))
        .bind(by.as_str())
        .bind(at)
        .fetch_one(&mut *self.inner)
        .await?;
        if let Some(text) = text {
            self.new_letter_version(id, Some(text), by, at).await?;
        }
        count_from_db(number, "letter number")
    }

    /// Letter n° `number` of the room, with its recipients.
    pub async fn letter(
        &mut self,
        room: &RoomId,
        number: usize,
    ) -> Result<Option<Letter>, StorageError> {
        let row: Option<LetterRow> = sqlx::query_as(concat!(
            letter_query!(),
            "WHERE l.room_id = ?1 AND l.number = ?2"
        ))
        .bind(room.as_str())
        .bind(count_to_db(number))
        .fetch_optional(&mut *self.inner)
        .await?;
        match row {
            Some(row) => Ok(Some(self.letter_of(row).await?)),
            None => Ok(None),
        }
    }

    /// The room's letters, by number.
    pub async fn letters(&mut self, room: &RoomId) -> Result<Vec<Letter>, StorageError> {
        let rows: Vec<LetterRow> = sqlx::query_as(concat!(
            letter_query!(),
            "WHERE l.room_id = ?1 ORDER BY l.number"
        ))
        .bind(room.as_str())
        .fetch_all(&mut *self.inner)
        .await?;
        let mut letters = Vec::with_capacity(rows.len());
        for row in rows {
            letters.push(self.letter_of(row).await?);
        }
        Ok(letters)
    }

    async fn letter_of(&mut self, row: LetterRow) -> Result<Letter, StorageError> {
        let recipients: Vec<(String, String)> = sqlx::query_as(
            "SELECT name, address FROM letter_recipients WHERE letter_id = ?1 ORDER BY position",
        )
        .bind(row.id)
        .fetch_all(&mut *self.inner)
        .await?;
        let answers: Vec<(String, String, DateTime<Utc>, Option<String>)> = sqlx::query_as(
            "SELECT text, recorded_by, recorded_at, file_name FROM letter_answers
             WHERE letter_id = ?1 ORDER BY number",
        )
        .bind(row.id)
        .fetch_all(&mut *self.inner)
        .await?;
        let frozen = match (
            row.frozen_version,
            row.frozen_text,
            row.fingerprint,
            row.frozen_at,
        ) {
            (Some(version), Some(text), Some(fingerprint), Some(at)) => Some(Frozen {
                version: count_from_db(version, "letter version")?,
                text,
                fingerprint,
                at,
            }),
            _ => None,
        };
        Ok(Letter {
            number: count_from_db(row.number, "letter number")?,
            title: row.title,
            poll: row
                .poll_number
                .map(|number| count_from_db(number, "poll number"))
                .transpose()?,
            created_by: UserId::new(row.created_by),
            created_at: row.created_at,
            version: count_from_db(row.version, "letter version")?,
            text: row.text,
            recipients: recipients
                .into_iter()
                .map(|(name, address)| LetterRecipient { name, address })
                .collect(),
            frozen,
            sent_at: row.sent_at,
            sent_by: row.sent_by.map(UserId::new),
            answers: answers
                .into_iter()
                .map(|(text, by, at, file_name)| LetterAnswer {
                    text,
                    recorded_by: UserId::new(by),
                    recorded_at: at,
                    file_name,
                })
                .collect(),
            followed_up_at: row.followed_up_at,
        })
    }

    async fn letter_id(&mut self, room: &RoomId, number: usize) -> Result<i64, StorageError> {
        let id: i64 =
            sqlx::query_scalar("SELECT id FROM letters WHERE room_id = ?1 AND number = ?2")
                .bind(room.as_str())
                .bind(count_to_db(number))
                .fetch_one(&mut *self.inner)
                .await?;
        Ok(id)
    }

    /// Makes the next version of letter `id` with `text` (its approvals are the new version's:
    /// none yet).
    async fn new_letter_version(
        &mut self,
        id: i64,
        text: Option<&str>,
        by: &UserId,
        at: DateTime<Utc>,
    ) -> Result<(), StorageError> {
        sqlx::query("UPDATE letters SET version = version + 1 WHERE id = ?1")
            .bind(id)
            .execute(&mut *self.inner)
            .await?;
        sqlx::query(
            "INSERT INTO letter_versions (letter_id, version, text, author, created_at)
             SELECT id, version, ?2, ?3, ?4 FROM letters WHERE id = ?1",
        )
        .bind(id)
        .bind(text)
        .bind(by.as_str())
        .bind(at)
        .execute(&mut *self.inner)
        .await?;
        Ok(())
    }

    /// Sets the text of letter n° `number`: a new version.
    pub async fn set_letter_text(
        &mut self,
        room: &RoomId,
        number: usize,
        text: &str,
        by: &UserId,
        at: DateTime<Utc>,
    ) -> Result<(), StorageError> {
        let id = self.letter_id(room, number).await?;
        self.new_letter_version(id, Some(text), by, at).await
    }

    /// Sets the recipients of letter n° `number`: a new version, with the same text.
    pub async fn set_letter_recipients(
        &mut self,
        room: &RoomId,
        number: usize,
        recipients: &[LetterRecipient],
        by: &UserId,
        at: DateTime<Utc>,
    ) -> Result<(), StorageError> {
        let id = self.letter_id(room, number).await?;
        let text: Option<String> = sqlx::query_scalar(
            "SELECT v.text FROM letters l
             JOIN letter_versions v ON v.letter_id = l.id AND v.version = l.version
             WHERE l.id = ?1",
        )
        .bind(id)
        .fetch_optional(&mut *self.inner)
        .await?
        .flatten();
        self.new_letter_version(id, text.as_deref(), by, at).await?;
        sqlx::query("DELETE FROM letter_recipients WHERE letter_id = ?1")
            .bind(id)
            .execute(&mut *self.inner)
            .await?;
        for (position, recipient) in recipients.iter().enumerate() {
            sqlx::query(
                "INSERT INTO letter_recipients (letter_id, position, name, address)
                 VALUES (?1, ?2, ?3, ?4)",
            )
            .bind(id)
            .bind(count_to_db(position + 1))
            .bind(&recipient.name)
            .bind(&recipient.address)
            .execute(&mut *self.inner)
            .await?;
        }
        Ok(())
    }

    /// Records an association's approval of `version` of letter n° `number`, replacing its
    /// earlier one for that version (the latest member's counts).
    pub async fn approve_letter(
        &mut self,
        room: &RoomId,
        number: usize,
        version: usize,
        approval: &Approval,
    ) -> Result<(), StorageError> {
        let id = self.letter_id(room, number).await?;
        sqlx::query(
            "INSERT INTO letter_approvals (letter_id, version, association, approved_by,
                                           approved_at)
             VALUES (?1, ?2, ?3, ?4, ?5)
             ON CONFLICT (letter_id, version, association)
             DO UPDATE SET approved_by = ?4, approved_at = ?5",
        )
        .bind(id)
        .bind(count_to_db(version))
        .bind(&approval.association)
        .bind(approval.by.as_str())
        .bind(approval.at)
        .execute(&mut *self.inner)
        .await?;
        Ok(())
    }

    /// The approvals of `version` of letter n° `number`, the oldest first.
    pub async fn letter_approvals(
        &mut self,
        room: &RoomId,
        number: usize,
        version: usize,
    ) -> Result<Vec<Approval>, StorageError> {
        let id = self.letter_id(room, number).await?;
        let rows: Vec<(String, String, DateTime<Utc>)> = sqlx::query_as(
            "SELECT association, approved_by, approved_at FROM letter_approvals
             WHERE letter_id = ?1 AND version = ?2 ORDER BY approved_at",
        )
        .bind(id)
        .bind(count_to_db(version))
        .fetch_all(&mut *self.inner)
        .await?;
        Ok(rows
            .into_iter()
            .map(|(association, by, at)| Approval {
                association,
                by: UserId::new(by),
                at,
                by_mandate: None,
            })
            .collect())
    }

    /// Freezes letter n° `number` as `frozen`.
    pub async fn freeze_letter(
        &mut self,
        room: &RoomId,
        number: usize,
        frozen: &Frozen,
    ) -> Result<(), StorageError> {
        sqlx::query(
            "UPDATE letters SET frozen_version = ?3, frozen_text = ?4, fingerprint = ?5,
                                frozen_at = ?6
             WHERE room_id = ?1 AND number = ?2",
        )
        .bind(room.as_str())
        .bind(count_to_db(number))
        .bind(count_to_db(frozen.version))
        .bind(&frozen.text)
        .bind(&frozen.fingerprint)
        .bind(frozen.at)
        .execute(&mut *self.inner)
        .await?;
        Ok(())
    }

    /// Marks letter n° `number` sent by `by` at `at`.
    pub async fn mark_letter_sent(
        &mut self,
        room: &RoomId,
        number: usize,
        by: &UserId,
        at: DateTime<Utc>,
    ) -> Result<(), StorageError> {
        sqlx::query(
            "UPDATE letters SET sent_at = ?3, sent_by = ?4
             WHERE room_id = ?1 AND number = ?2 AND sent_at IS NULL",
        )
        .bind(room.as_str())
        .bind(count_to_db(number))
        .bind(at)
        .bind(by.as_str())
        .execute(&mut *self.inner)
        .await?;
        Ok(())
    }

    /// Records an answer to letter n° `number`, with the file it came as, if any.
    pub async fn add_letter_answer(
        &mut self,
        room: &RoomId,
        number: usize,
        text: &str,
        file: Option<&crate::domain::messages::ReceivedFile>,
        by: &UserId,
        at: DateTime<Utc>,
    ) -> Result<(), StorageError> {
        let id = self.letter_id(room, number).await?;
        sqlx::query(
            "INSERT INTO letter_answers (letter_id, number, text, recorded_by, recorded_at,
                                         file_name, file_mime, file_data)
             VALUES (?1, (SELECT coalesce(max(number), 0) + 1 FROM letter_answers
                          WHERE letter_id = ?1), ?2, ?3, ?4, ?5, ?6, ?7)",
        )
        .bind(id)
        .bind(text)
        .bind(by.as_str())
        .bind(at)
        .bind(file.map(|file| file.name.as_str()))
        .bind(file.map(|file| file.mime.as_str()))
        .bind(file.map(|file| file.data.as_slice()))
        .execute(&mut *self.inner)
        .await?;
        Ok(())
    }

    /// The letters sent whose e-mails all went out (or were given up) and the room was not
    /// told yet: (room, number, how many went out, how many were given up).
    pub async fn letters_gone_out(
        &mut self,
    ) -> Result<Vec<(RoomId, usize, usize, usize)>, StorageError> {
        let rows: Vec<(String, i64, i64, i64)> = sqlx::query_as(
            "SELECT l.room_id, l.number,
                    (SELECT count(*) FROM email_outbox e WHERE e.letter_id = l.id
                       AND e.sent_at IS NOT NULL),
                    (SELECT count(*) FROM email_outbox e WHERE e.letter_id = l.id
                       AND e.abandoned_at IS NOT NULL)
             FROM letters l
             WHERE l.sent_at IS NOT NULL AND l.sent_announced_at IS NULL
               AND NOT EXISTS (SELECT 1 FROM email_outbox e WHERE e.letter_id = l.id
                                 AND e.sent_at IS NULL AND e.abandoned_at IS NULL)
             ORDER BY l.id",
        )
        .fetch_all(&mut *self.inner)
        .await?;
        rows.into_iter()
            .map(|(room, number, sent, abandoned)| {
                Ok((
                    RoomId::new(room),
                    count_from_db(number, "letter number")?,
                    count_from_db(sent, "e-mails sent")?,
                    count_from_db(abandoned, "e-mails given up")?,
                ))
            })
            .collect()
    }

    /// The room was told letter n° `number` went out.
    pub async fn mark_letter_announced(
        &mut self,
        room: &RoomId,
        number: usize,
        at: DateTime<Utc>,
    ) -> Result<(), StorageError> {
        sqlx::query("UPDATE letters SET sent_announced_at = ?3 WHERE room_id = ?1 AND number = ?2")
            .bind(room.as_str())
            .bind(count_to_db(number))
            .bind(at)
            .execute(&mut *self.inner)
            .await?;
        Ok(())
    }

    /// Every sent letter without an answer nor a follow-up, in every room.
    pub async fn letters_awaiting_answer(&mut self) -> Result<Vec<(RoomId, Letter)>, StorageError> {
        let rows: Vec<LetterRow> = sqlx::query_as(concat!(
            letter_query!(),
            "WHERE l.sent_at IS NOT NULL AND l.followed_up_at IS NULL
               AND NOT EXISTS (SELECT 1 FROM letter_answers a WHERE a.letter_id = l.id)
             ORDER BY l.sent_at"
        ))
        .fetch_all(&mut *self.inner)
        .await?;
        let mut letters = Vec::with_capacity(rows.len());
        for row in rows {
            let room = RoomId::new(row.room_id.clone());
            letters.push((room, self.letter_of(row).await?));
        }
        Ok(letters)
    }

    /// The room was reminded that letter n° `number` has no answer.
    pub async fn mark_letter_followed_up(
        &mut self,
        room: &RoomId,
        number: usize,
        at: DateTime<Utc>,
    ) -> Result<(), StorageError> {
        sqlx::query("UPDATE letters SET followed_up_at = ?3 WHERE room_id = ?1 AND number = ?2")
            .bind(room.as_str())
            .bind(count_to_db(number))
            .bind(at)
            .execute(&mut *self.inner)
            .await?;
        Ok(())
    }
}
