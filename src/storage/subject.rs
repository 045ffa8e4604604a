//! What the bot holds about one person, gathered for their copy (RGPD art. 15):
//! [`crate::domain::subject`] says what counts.

use chrono::{DateTime, Utc};

use super::store::{StorageError, Transaction, count_from_db};
use crate::domain::email::{email_voter, erased_address, is_erased};
use crate::domain::guest::mask_email;
use crate::domain::subject::{About, Answered, Membership, SubjectData, Written};
use crate::domain::{RoomId, UserId};

/// A row of any "written" query: its room, number, text and date.
#[derive(sqlx::FromRow)]
struct WrittenRow {
    room_id: String,
    number: Option<i64>,
    text: String,
    at: DateTime<Utc>,
}

/// A row of the answers' query.
#[derive(sqlx::FromRow)]
struct AnswerRow {
    room_id: String,
    kind: String,
    option: Option<i64>,
    answered_at: DateTime<Utc>,
    poll_number: Option<i64>,
    question: Option<String>,
    label: Option<String>,
    meeting_at: Option<DateTime<Utc>>,
    reason: Option<String>,
    if_need_be: bool,
}

/// "name (association)" and the address its query put after a unit separator, shown as
/// `shown` makes it; nothing of it once erased (the person unsubscribed).
fn with_address(text: String, shown: impl Fn(&str) -> String) -> String {
    match text.split_once('\u{1f}') {
        Some((who, address)) if is_erased(address) => who.to_owned(),
        Some((who, address)) => format!("{who}, {}", shown(address)),
        None => text,
    }
}

/// What each "written" list is read from: `?1` is the person; oldest first.
const WRITTEN: [(&str, &str); 12] = [
    (
        "agenda_items",
        "SELECT room_id, NULL AS number, text, created_at AS at
         FROM agenda_items WHERE author = ?1 ORDER BY at",
    ),
    (
        "notes",
        "SELECT i.room_id, NULL AS number, n.text, n.created_at AS at
         FROM agenda_notes n JOIN agenda_items i ON i.id = n.item_id WHERE n.author = ?1 ORDER BY at",
    ),
    (
        "decisions",
        "SELECT d.room_id, d.number, v.text, v.created_at AS at
         FROM decision_versions v JOIN decisions d ON d.id = v.decision_id WHERE v.author = ?1 ORDER BY at",
    ),
    (
        "actions",
        "SELECT room_id, number, text, created_at AS at
         FROM actions WHERE author = ?1 OR owner_user = ?1 ORDER BY at",
    ),
    (
        "reminders",
        "SELECT room_id, number, text, created_at AS at FROM reminders WHERE author = ?1 ORDER BY at",
    ),
    (
        "polls",
        "SELECT room_id, number, question AS text, created_at AS at FROM polls WHERE author = ?1 ORDER BY at",
    ),
    (
        "approvals",
        "SELECT m.room_id, NULL AS number, COALESCE(m.starts_at, '') AS text,
                a.approved_at AS at
         FROM minutes_approvals a JOIN meetings m ON m.id = a.meeting_id
         WHERE a.approved_by = ?1 ORDER BY at",
    ),
    (
        "guests_added",
        "SELECT m.room_id, g.number, g.name AS text, g.added_at AS at
         FROM guests g JOIN meetings m ON m.id = g.meeting_id WHERE g.added_by = ?1 ORDER BY at",
    ),
    (
        "contacts_added",
        "SELECT room_id, number, organisation || ' — ' || name AS text, added_at AS at
         FROM contacts WHERE added_by = ?1 ORDER BY at",
    ),
    (
        "mandates",
        "SELECT room_id, number,
                giver || ' → ' || COALESCE(holder_association, holder_user) AS text,
                given_at AS at
         FROM mandates WHERE given_by = ?1 OR holder_user = ?1 OR withdrawn_by = ?1
         ORDER BY at",
    ),
    (
        "trainings",
        "SELECT t.room_id, t.number,
                t.title || ' — ' || COALESCE(e.name, e.member, '') || ' (' || e.association || ')'
                    AS text,
                e.signed_up_at AS at
         FROM trainees e JOIN trainings t ON t.id = e.training_id
         WHERE e.member = ?1 OR e.signed_up_by = ?1 ORDER BY at",
    ),
    (
        "people_added",
        "SELECT room_id, number, name || ' (' || association || ')' || char(31) || address
                AS text, added_at AS at
         FROM email_people WHERE added_by = ?1 ORDER BY at",
    ),
];

impl Transaction {
    /// The association `person` represents in each room, by room.
    pub async fn associations_of(
        &mut self,
        person: &UserId,
    ) -> Result<Vec<Membership>, StorageError> {
        let memberships: Vec<(String, String)> = sqlx::query_as(
            "SELECT room_id, association FROM association_members WHERE user_id = ?1
             ORDER BY room_id",
        )
        .bind(person.as_str())
        .fetch_all(&mut *self.inner)
        .await?;
        Ok(memberships
            .into_iter()
            .map(|(room, association)| Membership {
                room: RoomId::new(room),
                association,
            })
            .collect())
    }

    /// Everything the bot holds about `person`, oldest first in each list.
    pub async fn data_about(&mut self, person: &UserId) -> Result<SubjectData, StorageError> {
        let mut data = SubjectData {
            person: Some(person.clone()),
            ..SubjectData::default()
        };
        data.associations = self.associations_of(person).await?;
        for (list, query) in WRITTEN {
            let rows: Vec<WrittenRow> = sqlx::query_as(query)
                .bind(person.as_str())
                .fetch_all(&mut *self.inner)
                .await?;
            let mut written = Vec::with_capacity(rows.len());
            for row in rows {
                let text = match list {
                    // The address as the room shows it.
                    "people_added" => with_address(row.text, mask_email),
                    _ => row.text,
                };
                written.push(Written {
                    room: RoomId::new(row.room_id),
                    number: row
                        .number
                        .map(|number| count_from_db(number, list))
                        .transpose()?,
                    text,
                    at: row.at,
                });
            }
            *match list {
                "agenda_items" => &mut data.agenda_items,
                "notes" => &mut data.notes,
                "decisions" => &mut data.decisions,
                "actions" => &mut data.actions,
                "reminders" => &mut data.reminders,
                "polls" => &mut data.polls,
                "approvals" => &mut data.approvals,
                "guests_added" => &mut data.guests_added,
                "mandates" => &mut data.mandates,
                "contacts_added" => &mut data.contacts_added,
                "trainings" => &mut data.trainings,
                _ => &mut data.people_added,
            } = written;
        }
        let answers: Vec<AnswerRow> = sqlx::query_as(
            "SELECT b.room_id, b.kind, a.option, a.answered_at, a.if_need_be,
                    p.number AS poll_number, p.question, o.label, m.starts_at AS meeting_at,
                    r.reason
             FROM answers a JOIN ballots b ON b.id = a.ballot_id
             LEFT JOIN answer_reasons r ON r.ballot_id = a.ballot_id AND r.voter = a.voter
             LEFT JOIN polls p ON p.ballot_id = b.id
             LEFT JOIN poll_options o ON o.poll_id = p.id AND o.number = a.option
             LEFT JOIN meetings m ON m.attendance_ballot_id = b.id
             WHERE a.voter = ?1 ORDER BY a.answered_at",
        )
        .bind(person.as_str())
        .fetch_all(&mut *self.inner)
        .await?;
        for row in answers {
            let option = row
                .option
                .map(|option| count_from_db(option, "answer option"))
                .transpose()?;
            let about = match (row.kind.as_str(), row.poll_number, row.question) {
                ("poll", Some(number), Some(question)) => About::Poll {
                    number: count_from_db(number, "poll number")?,
                    question,
                    choice: row.label,
                },
                ("attendance", _, _) => About::Attendance {
                    meeting: row.meeting_at,
                    coming: option.map(|option| option == 1),
                },
                _ => About::Dates {
                    option,
                    if_need_be: row.if_need_be,
                },
            };
            data.answers.push(Answered {
                room: RoomId::new(row.room_id),
                about,
                at: row.answered_at,
                reason: row.reason,
            });
        }
        Ok(data)
    }
}

/// The record's rows where a person is named, relabelled on erasure: `?1` the label, `?2` the
/// person, `?3` the room (NULL: any room).
const AUTHORSHIP: [&str; 23] = [
    "UPDATE agenda_items SET author = ?1, author_name = NULL
     WHERE author = ?2 AND (?3 IS NULL OR room_id = ?3)",
    "UPDATE agenda_notes SET author = ?1, author_name = NULL
     WHERE author = ?2
       AND (?3 IS NULL OR item_id IN (SELECT id FROM agenda_items WHERE room_id = ?3))",
    "UPDATE decisions SET revoked_by = ?1
     WHERE revoked_by = ?2 AND (?3 IS NULL OR room_id = ?3)",
    "UPDATE decision_versions SET author = ?1
     WHERE author = ?2
       AND (?3 IS NULL OR decision_id IN (SELECT id FROM decisions WHERE room_id = ?3))",
    "UPDATE actions SET author = ?1 WHERE author = ?2 AND (?3 IS NULL OR room_id = ?3)",
    "UPDATE actions SET owner_user = NULL, owner_name = COALESCE(owner_name, ?1)
     WHERE owner_user = ?2 AND (?3 IS NULL OR room_id = ?3)",
    "UPDATE actions SET done_by = ?1 WHERE done_by = ?2 AND (?3 IS NULL OR room_id = ?3)",
    "UPDATE polls SET author = ?1 WHERE author = ?2 AND (?3 IS NULL OR room_id = ?3)",
    "UPDATE poll_closures SET closed_by = ?1
     WHERE closed_by = ?2
       AND (?3 IS NULL OR poll_id IN (SELECT id FROM polls WHERE room_id = ?3))",
    "UPDATE proposals SET proposer = ?1 WHERE proposer = ?2 AND (?3 IS NULL OR room_id = ?3)",
    "UPDATE guests SET added_by = ?1
     WHERE added_by = ?2
       AND (?3 IS NULL OR meeting_id IN (SELECT id FROM meetings WHERE room_id = ?3))",
    "UPDATE email_people SET added_by = ?1
     WHERE added_by = ?2 AND (?3 IS NULL OR room_id = ?3)",
    "UPDATE minutes_approvals SET approved_by = ?1
     WHERE approved_by = ?2
       AND (?3 IS NULL OR meeting_id IN (SELECT id FROM meetings WHERE room_id = ?3))",
    "UPDATE adopted_minutes SET adopted_by = ?1
     WHERE adopted_by = ?2 AND (?3 IS NULL OR room_id = ?3)",
    "UPDATE answers SET noted_by = ?1
     WHERE noted_by = ?2
       AND (?3 IS NULL OR ballot_id IN (SELECT id FROM ballots WHERE room_id = ?3))",
    "UPDATE mandates SET given_by = ?1 WHERE given_by = ?2 AND (?3 IS NULL OR room_id = ?3)",
    "UPDATE contacts SET added_by = ?1 WHERE added_by = ?2 AND (?3 IS NULL OR room_id = ?3)",
    "UPDATE trainings SET created_by = ?1 WHERE created_by = ?2 AND (?3 IS NULL OR room_id = ?3)",
    "UPDATE working_groups SET created_by = ?1
     WHERE created_by = ?2 AND (?3 IS NULL OR plenary_room = ?3)",
    "UPDATE working_groups SET attach_asked_by = ?1
     WHERE attach_asked_by = ?2 AND (?3 IS NULL OR plenary_room = ?3)",
    "UPDATE trainees SET signed_up_by = ?1
     WHERE signed_up_by = ?2
       AND (?3 IS NULL OR training_id IN (SELECT id FROM trainings WHERE room_id = ?3))",
    "UPDATE mandates SET withdrawn_by = ?1
     WHERE withdrawn_by = ?2 AND (?3 IS NULL OR room_id = ?3)",
    "UPDATE mandates SET holder_user = ?1
     WHERE holder_user = ?2 AND (?3 IS NULL OR room_id = ?3)",
];

/// What the person is about, apart from the record: deleted on erasure (`?1` the person).
const ABOUT_THEM: [&str; 5] = [
    // Their training sign-ups stay, counted for their association, naming nobody.
    "UPDATE trainees SET member = NULL, anonymized_at = strftime('%Y-%m-%dT%H:%M:%SZ', 'now')
     WHERE member = ?1",
    "DELETE FROM reminders WHERE author = ?1",
    "DELETE FROM association_members WHERE user_id = ?1",
    "DELETE FROM unreadable_notices WHERE sender = ?1",
    "DELETE FROM undecrypted_events WHERE sender = ?1",
];

/// A ballot the person answered, for their erasure.
#[derive(Debug, Clone, PartialEq, Eq, sqlx::FromRow)]
pub struct AnsweredBallot {
    pub room_id: String,
    pub ballot_id: i64,
    pub kind: String,
    pub closed: bool,
    /// For an attendance ballot: whether its meeting was held.
    pub held: bool,
}

impl Transaction {
    /// The ballots `person` answered (one row each).
    pub async fn ballots_answered_by(
        &mut self,
        person: &UserId,
    ) -> Result<Vec<AnsweredBallot>, StorageError> {
        Ok(sqlx::query_as(
            "SELECT DISTINCT b.room_id, b.id AS ballot_id, b.kind,
                    b.closed_at IS NOT NULL AS closed,
                    EXISTS (SELECT 1 FROM meetings m
                            WHERE m.attendance_ballot_id = b.id AND m.status = 'held') AS held
             FROM answers a JOIN ballots b ON b.id = a.ballot_id
             WHERE a.voter = ?1 ORDER BY b.id",
        )
        .bind(person.as_str())
        .fetch_all(&mut *self.inner)
        .await?)
    }

    /// Deletes every answer `person` gave to `ballot`, and the reason they gave; how many
    /// answers went.
    pub async fn delete_answers_of(
        &mut self,
        ballot: crate::domain::BallotId,
        person: &UserId,
    ) -> Result<u64, StorageError> {
        sqlx::query("DELETE FROM answer_reasons WHERE ballot_id = ?1 AND voter = ?2")
            .bind(ballot.get())
            .bind(person.as_str())
            .execute(&mut *self.inner)
            .await?;
        Ok(
            sqlx::query("DELETE FROM answers WHERE ballot_id = ?1 AND voter = ?2")
                .bind(ballot.get())
                .bind(person.as_str())
                .execute(&mut *self.inner)
                .await?
                .rows_affected(),
        )
    }

    /// Replaces `person` by `label` wherever the record names them, in `room` (`None`: in
    /// every room); how many rows changed.
    /// A decision shows its author's association beside them: there `plain` stands alone.
    pub async fn relabel_author(
        &mut self,
        person: &UserId,
        room: Option<&RoomId>,
        label: &str,
        plain: &str,
    ) -> Result<u64, StorageError> {
        let mut changed = sqlx::query(
            "UPDATE decisions SET author = CASE WHEN author_association IS NULL THEN ?1 ELSE ?4 END
             WHERE author = ?2 AND (?3 IS NULL OR room_id = ?3)",
        )
        .bind(label)
        .bind(person.as_str())
        .bind(room.map(RoomId::as_str))
        .bind(plain)
        .execute(&mut *self.inner)
        .await?
        .rows_affected();
        for statement in AUTHORSHIP {
            changed += sqlx::query(statement)
                .bind(label)
                .bind(person.as_str())
                .bind(room.map(RoomId::as_str))
                .execute(&mut *self.inner)
                .await?
                .rows_affected();
        }
        Ok(changed)
    }

    /// Deletes what is about `person` apart from the record (their reminders, their
    /// association, their unreadable messages) and their pending erasure request; how many
    /// rows went.
    pub async fn delete_about(&mut self, person: &UserId) -> Result<u64, StorageError> {
        let mut deleted = 0;
        for statement in ABOUT_THEM {
            deleted += sqlx::query(statement)
                .bind(person.as_str())
                .execute(&mut *self.inner)
                .await?
                .rows_affected();
        }
        sqlx::query("DELETE FROM erasure_requests WHERE user_id = ?1")
            .bind(person.as_str())
            .execute(&mut *self.inner)
            .await?;
        Ok(deleted)
    }

    /// Records `person`'s `!forget-me`, waiting for its confirmation.
    pub async fn ask_erasure(
        &mut self,
        person: &UserId,
        at: DateTime<Utc>,
    ) -> Result<(), StorageError> {
        sqlx::query(
            "INSERT INTO erasure_requests (user_id, asked_at) VALUES (?1, ?2)
             ON CONFLICT (user_id) DO UPDATE SET asked_at = ?2",
        )
        .bind(person.as_str())
        .bind(at)
        .execute(&mut *self.inner)
        .await?;
        Ok(())
    }

    /// When `person` last asked to be forgotten, if a request waits.
    pub async fn erasure_asked_at(
        &mut self,
        person: &UserId,
    ) -> Result<Option<DateTime<Utc>>, StorageError> {
        Ok(
            sqlx::query_scalar("SELECT asked_at FROM erasure_requests WHERE user_id = ?1")
                .bind(person.as_str())
                .fetch_optional(&mut *self.inner)
                .await?,
        )
    }

    /// The rows of the people known by e-mail at `address` in every room (those whose address
    /// was erased when they unsubscribed too).
    pub async fn email_people_at(&mut self, address: &str) -> Result<Vec<i64>, StorageError> {
        Ok(sqlx::query_scalar(
            "SELECT id FROM email_people WHERE lower(address) = lower(?1) OR address = ?2
             ORDER BY id",
        )
        .bind(address.trim())
        .bind(erased_address(address))
        .fetch_all(&mut *self.inner)
        .await?)
    }

    /// What the bot holds about person `id` known by e-mail: their entry, their answers, the
    /// e-mails sent to them.
    pub async fn data_about_email_person(&mut self, id: i64) -> Result<SubjectData, StorageError> {
        let mut data = self.data_about(&email_voter(id)).await?;
        data.person = None;
        let entries: Vec<WrittenRow> = sqlx::query_as(
            "SELECT room_id, number,
                    name || ' (' || association || ')' || char(31) || address AS text,
                    added_at AS at
             FROM email_people WHERE id = ?1",
        )
        .bind(id)
        .fetch_all(&mut *self.inner)
        .await?;
        for row in entries {
            // Their own address, whole.
            let text = with_address(row.text, str::to_owned);
            data.known_by_email.push(Written {
                room: RoomId::new(row.room_id),
                number: row
                    .number
                    .map(|number| count_from_db(number, "person"))
                    .transpose()?,
                text,
                at: row.at,
            });
        }
        let emails: Vec<WrittenRow> = sqlx::query_as(
            "SELECT room_id, NULL AS number, subject AS text,
                    COALESCE(sent_at, abandoned_at, created_at) AS at
             FROM email_outbox WHERE person_id = ?1 ORDER BY id",
        )
        .bind(id)
        .fetch_all(&mut *self.inner)
        .await?;
        data.emails = emails
            .into_iter()
            .map(|row| Written {
                room: RoomId::new(row.room_id),
                number: None,
                text: row.text,
                at: row.at,
            })
            .collect();
        Ok(data)
    }

    /// Deletes person `id` known by e-mail, the e-mails to them with them; `false` if there
    /// was none.
    pub async fn delete_email_person(&mut self, id: i64) -> Result<bool, StorageError> {
        let deleted = sqlx::query("DELETE FROM email_people WHERE id = ?1")
            .bind(id)
            .execute(&mut *self.inner)
            .await?
            .rows_affected();
        self.forget_legacy_links(&["personal", "unsubscribe"], &id.to_string())
            .await?;
        Ok(deleted == 1)
    }
}
