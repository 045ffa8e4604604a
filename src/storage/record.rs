//! The group's record: decisions with every version and the full-text index that follows
//! them (the actions are in `actions.rs`). The index is written in the same transaction as the decision it
//! describes, so a search never finds a text the register does not have.

use chrono::{DateTime, Utc};

use super::meetings::{MeetingRow, meeting_columns};
use super::store::{StorageError, Store, Transaction, count_from_db, count_to_db};
use crate::domain::record::{Decision, DecisionVersion, Revocation};
use crate::domain::{Meeting, MeetingId, PollId, RoomId, UserId};

/// The decision columns a [`DecisionRow`] reads, current text included.
macro_rules! decision_query {
    () => {
        "SELECT d.id, d.number, d.author, d.author_association, d.created_at, d.meeting_id,
                d.revoked_at, d.revoked_by, d.revoke_reason,
                v.text, v.version, m.starts_at AS meeting_starts_at, p.number AS poll_number
         FROM decisions d
         JOIN decision_versions v ON v.decision_id = d.id
              AND v.version = (SELECT max(version) FROM decision_versions
                               WHERE decision_id = d.id)
         LEFT JOIN meetings m ON m.id = d.meeting_id
         LEFT JOIN polls p ON p.id = d.poll_id "
    };
}

/// A decision to record.
#[derive(Debug, Clone)]
pub struct NewDecision<'a> {
    pub text: &'a str,
    pub author: &'a UserId,
    pub author_association: Option<&'a str>,
    pub meeting: Option<MeetingId>,
    pub poll: Option<PollId>,
}

impl Store {
    /// A room's decisions recorded since `since` (all with `None`), oldest first: for exports.
    pub async fn decisions_since(
        &self,
        room: &RoomId,
        since: Option<DateTime<Utc>>,
    ) -> Result<Vec<Decision>, StorageError> {
        let rows = sqlx::query_as::<_, DecisionRow>(concat!(
            decision_query!(),
            "WHERE d.room_id = ?1 AND (?2 IS NULL OR d.created_at >= ?2) ORDER BY d.number"
        ))
        .bind(room.as_str())
        .bind(since)
        .fetch_all(&self.pool)
        .await?;
        rows.into_iter().map(Decision::try_from).collect()
    }
}

impl Transaction {
    /// Records a decision with the room's next number, its first version and its index entry.
    pub async fn record_decision(
        &mut self,
        room: &RoomId,
        decision: NewDecision<'_>,
        now: DateTime<Utc>,
    ) -> Result<Decision, StorageError> {
        let (id, number): (i64, i64) = sqlx::query_as(
            "INSERT INTO decisions (room_id, number, meeting_id, poll_id, author,
                                    author_association, created_at)
             VALUES (?1, (SELECT coalesce(max(number), 0) + 1 FROM decisions WHERE room_id = ?1),
                     ?2, ?3, ?4, ?5, ?6)
             RETURNING id, number",
        )
        .bind(room.as_str())
        .bind(decision.meeting.map(MeetingId::get))
        .bind(decision.poll.map(PollId::get))
        .bind(decision.author.as_str())
        .bind(decision.author_association)
        .bind(now)
        .fetch_one(&mut *self.inner)
        .await?;
        self.add_version(id, 1, decision.text, decision.author, now)
            .await?;
        self.decision(room, count_from_db(number, "number")?)
            .await?
            .ok_or_else(|| StorageError::Corrupt(format!("decision {number} vanished")))
    }

    /// Decision n° `number` of the room, with its current text.
    pub async fn decision(
        &mut self,
        room: &RoomId,
        number: usize,
    ) -> Result<Option<Decision>, StorageError> {
        let row = sqlx::query_as::<_, DecisionRow>(concat!(
            decision_query!(),
            "WHERE d.room_id = ?1 AND d.number = ?2"
        ))
        .bind(room.as_str())
        .bind(count_to_db(number))
        .fetch_optional(&mut *self.inner)
        .await?;
        row.map(Decision::try_from).transpose()
    }

    /// Every text decision n° `number` had, oldest first.
    pub async fn decision_versions(
        &mut self,
        room: &RoomId,
        number: usize,
    ) -> Result<Vec<DecisionVersion>, StorageError> {
        let rows: Vec<(i64, String, String, DateTime<Utc>)> = sqlx::query_as(
            "SELECT v.version, v.text, v.author, v.created_at
             FROM decision_versions v JOIN decisions d ON d.id = v.decision_id
             WHERE d.room_id = ?1 AND d.number = ?2 ORDER BY v.version",
        )
        .bind(room.as_str())
        .bind(count_to_db(number))
        .fetch_all(&mut *self.inner)
        .await?;
        rows.into_iter()
            .map(|(version, text, author, created_at)| {
                Ok(DecisionVersion {
                    version: count_from_db(version, "version")?,
                    text,
                    author: UserId::new(author),
                    created_at,
                })
            })
            .collect()
    }

    /// Gives decision n° `number` a new text; the old one stays in its history.
    pub async fn amend_decision(
        &mut self,
        room: &RoomId,
        number: usize,
        text: &str,
        author: &UserId,
        now: DateTime<Utc>,
    ) -> Result<(), StorageError> {
        let (id, version): (i64, i64) = sqlx::query_as(
            "SELECT d.id, max(v.version) AS version FROM decisions d
             JOIN decision_versions v ON v.decision_id = d.id
             WHERE d.room_id = ?1 AND d.number = ?2 GROUP BY d.id",
        )
        .bind(room.as_str())
        .bind(count_to_db(number))
        .fetch_one(&mut *self.inner)
        .await?;
        self.add_version(id, version + 1, text, author, now).await
    }

    /// Marks decision n° `number` revoked, with the reason. It stays in the register.
    pub async fn revoke_decision(
        &mut self,
        room: &RoomId,
        number: usize,
        by: &UserId,
        reason: &str,
        now: DateTime<Utc>,
    ) -> Result<(), StorageError> {
        sqlx::query(
            "UPDATE decisions SET revoked_at = ?3, revoked_by = ?4, revoke_reason = ?5
             WHERE room_id = ?1 AND number = ?2",
        )
        .bind(room.as_str())
        .bind(count_to_db(number))
        .bind(now)
        .bind(by.as_str())
        .bind(reason)
        .execute(&mut *self.inner)
        .await?;
        Ok(())
    }

    /// The room's latest decisions, newest first.
    pub async fn latest_decisions(
        &mut self,
        room: &RoomId,
        limit: usize,
    ) -> Result<Vec<Decision>, StorageError> {
        let rows = sqlx::query_as::<_, DecisionRow>(concat!(
            decision_query!(),
            "WHERE d.room_id = ?1 ORDER BY d.number DESC LIMIT ?2"
        ))
        .bind(room.as_str())
        .bind(count_to_db(limit))
        .fetch_all(&mut *self.inner)
        .await?;
        rows.into_iter().map(Decision::try_from).collect()
    }

    /// The room's decisions whose current text matches `query` (a full-text query built by
    /// `domain::record::search_query`), best match first.
    pub async fn search_decisions(
        &mut self,
        room: &RoomId,
        query: &str,
        limit: usize,
    ) -> Result<Vec<Decision>, StorageError> {
        let rows = sqlx::query_as::<_, DecisionRow>(concat!(
            decision_query!(),
            "JOIN decisions_search s ON s.rowid = d.id
             WHERE d.room_id = ?1 AND decisions_search MATCH ?2
             ORDER BY s.rank LIMIT ?3"
        ))
        .bind(room.as_str())
        .bind(query)
        .bind(count_to_db(limit))
        .fetch_all(&mut *self.inner)
        .await?;
        rows.into_iter().map(Decision::try_from).collect()
    }

    /// The decisions recorded for a meeting, in order.
    pub async fn decisions_of_meeting(
        &mut self,
        meeting: MeetingId,
    ) -> Result<Vec<Decision>, StorageError> {
        let rows = sqlx::query_as::<_, DecisionRow>(concat!(
            decision_query!(),
            "WHERE d.meeting_id = ?1 ORDER BY d.number"
        ))
        .bind(meeting.get())
        .fetch_all(&mut *self.inner)
        .await?;
        rows.into_iter().map(Decision::try_from).collect()
    }

    /// The meeting a record made at `at` belongs to: the one dated between `day_start` and
    /// `day_end` (that day's), else the most recent one before `at`. Cancelled ones are not.
    pub async fn meeting_for_record(
        &mut self,
        room: &RoomId,
        day_start: DateTime<Utc>,
        day_end: DateTime<Utc>,
        at: DateTime<Utc>,
    ) -> Result<Option<Meeting>, StorageError> {
        let row: Option<MeetingRow> = sqlx::query_as(concat!(
            "SELECT ",
            meeting_columns!(),
            " FROM meetings
             WHERE room_id = ?1 AND status != 'cancelled' AND starts_at IS NOT NULL
               AND ((starts_at >= ?2 AND starts_at < ?3) OR starts_at <= ?4)
             ORDER BY (starts_at >= ?2 AND starts_at < ?3) DESC, starts_at DESC LIMIT 1"
        ))
        .bind(room.as_str())
        .bind(day_start)
        .bind(day_end)
        .bind(at)
        .fetch_optional(&mut *self.inner)
        .await?;
        Ok(row.map(Meeting::from))
    }

    /// A new version of a decision, and the search index set to it.
    async fn add_version(
        &mut self,
        decision_id: i64,
        version: i64,
        text: &str,
        author: &UserId,
        now: DateTime<Utc>,
    ) -> Result<(), StorageError> {
        sqlx::query(
            "INSERT INTO decision_versions (decision_id, version, text, author, created_at)
             VALUES (?1, ?2, ?3, ?4, ?5)",
        )
        .bind(decision_id)
        .bind(version)
        .bind(text)
        .bind(author.as_str())
        .bind(now)
        .execute(&mut *self.inner)
        .await?;
        sqlx::query("DELETE FROM decisions_search WHERE rowid = ?1")
            .bind(decision_id)
            .execute(&mut *self.inner)
            .await?;
        sqlx::query("INSERT INTO decisions_search (rowid, text) VALUES (?1, ?2)")
            .bind(decision_id)
            .bind(text)
            .execute(&mut *self.inner)
            .await?;
        Ok(())
    }
}

/// A decision as [`decision_query`] reads it.
#[derive(Debug, sqlx::FromRow)]
struct DecisionRow {
    number: i64,
    author: String,
    author_association: Option<String>,
    created_at: DateTime<Utc>,
    meeting_id: Option<i64>,
    revoked_at: Option<DateTime<Utc>>,
    revoked_by: Option<String>,
    revoke_reason: Option<String>,
    text: String,
    version: i64,
    meeting_starts_at: Option<DateTime<Utc>>,
    poll_number: Option<i64>,
}

impl TryFrom<DecisionRow> for Decision {
    type Error = StorageError;

    fn try_from(row: DecisionRow) -> Result<Self, StorageError> {
        Ok(Decision {
            number: count_from_db(row.number, "number")?,
            text: row.text,
            version: count_from_db(row.version, "version")?,
            author: UserId::new(row.author),
            author_association: row.author_association,
            created_at: row.created_at,
            meeting: row
                .meeting_id
                .map(|id| (MeetingId::new(id), row.meeting_starts_at)),
            poll: row
                .poll_number
                .map(|number| count_from_db(number, "number"))
                .transpose()?,
            revoked: row.revoked_at.map(|at| Revocation {
                at,
                by: UserId::new(row.revoked_by.unwrap_or_default()),
                reason: row.revoke_reason.unwrap_or_default(),
            }),
        })
    }
}

#[cfg(test)]
mod tests {
    use super::*;
    use crate::domain::record::search_query;
    use crate::storage::tests::temporary_store;
    use crate::testing::at;

    async fn search(tx: &mut Transaction, room: &RoomId, typed: &str) -> Vec<usize> {
        let query = search_query(typed).expect("words");
        tx.search_decisions(room, &query, 10)
            .await
            .expect("search")
            .iter()
            .map(|decision| decision.number)
            .collect()
    }

    #[tokio::test]
    async fn the_search_follows_records_and_amendments_blind_to_accents_case_and_apostrophes() {
        let (store, _dir) = temporary_store().await;
        let room = RoomId::new("!r");
        let other = RoomId::new("!other");
        let alice = UserId::new("@alice:x");
        let now = at("2026-12-10T15:00:00Z");
        let mut tx = store.begin().await.expect("begin");
        for (room, text) in [
            (&room, "Lettre commune au Préfet sur l'aide alimentaire"),
            (&room, "Le lieu d’accueil de jour ouvre en janvier"),
            (&room, "Position sur l'hébergement d'urgence"),
            (&other, "Lettre au Préfet (autre groupe)"),
        ] {
            let decision = NewDecision {
                text,
                author: &alice,
                author_association: Some("Restos du Cœur"),
                meeting: None,
                poll: None,
            };
            tx.record_decision(room, decision, now)
                .await
                .expect("record");
        }
        assert_eq!(search(&mut tx, &room, "prefet").await, vec![1]);
        assert_eq!(search(&mut tx, &room, "lieu d'accueil").await, vec![2]);
        assert_eq!(search(&mut tx, &room, "HEBERGEMENT").await, vec![3]);
        assert_eq!(search(&mut tx, &room, "héberg").await, vec![3]);
        assert!(search(&mut tx, &room, "maraude").await.is_empty());

        tx.amend_decision(
            &room,
            1,
            "Lettre commune au Conseil départemental",
            &alice,
            now,
        )
        .await
        .expect("amend");
        assert!(
            search(&mut tx, &room, "prefet").await.is_empty(),
            "the old text is not found"
        );
        assert_eq!(search(&mut tx, &room, "departemental").await, vec![1]);
        let amended = tx
            .decision(&room, 1)
            .await
            .expect("query")
            .expect("decision");
        assert_eq!(amended.version, 2);
        let versions = tx.decision_versions(&room, 1).await.expect("versions");
        assert_eq!(versions.len(), 2);
        assert!(versions[0].text.contains("Préfet"), "the old text is kept");

        tx.revoke_decision(&room, 2, &alice, "Local fermé", now)
            .await
            .expect("revoke");
        let revoked = tx
            .decision(&room, 2)
            .await
            .expect("query")
            .expect("decision");
        assert_eq!(
            revoked.revoked.map(|r| r.reason),
            Some("Local fermé".into())
        );
        assert_eq!(
            search(&mut tx, &room, "accueil").await,
            vec![2],
            "still found"
        );

        // A dropped transaction leaves neither the decision nor its index entry.
        drop(tx);
        let mut tx = store.begin().await.expect("begin");
        assert!(search(&mut tx, &room, "hebergement").await.is_empty());
    }

    async fn found(
        tx: &mut Transaction,
        room: &RoomId,
        day: &str,
        moment: &str,
    ) -> Option<DateTime<Utc>> {
        let start = at(&format!("{day}T00:00:00Z"));
        let end = start + chrono::Duration::days(1);
        tx.meeting_for_record(room, start, end, at(moment))
            .await
            .expect("query")
            .and_then(|meeting| meeting.starts_at)
    }

    #[tokio::test]
    async fn a_record_belongs_to_the_meeting_of_its_day_else_the_latest_one() {
        let (store, _dir) = temporary_store().await;
        let room = RoomId::new("!r");
        let mut tx = store.begin().await.expect("begin");
        for starts_at in [
            "2026-09-10T12:00:00Z",
            "2026-12-10T13:00:00Z",
            "2027-03-10T13:00:00Z",
        ] {
            let meeting = tx
                .create_unscheduled_meeting(&room, at("2026-09-01T00:00:00Z"))
                .await
                .expect("meeting");
            tx.schedule_meeting(meeting.id, at(starts_at), at("2026-09-01T00:00:00Z"))
                .await
                .expect("schedule");
            tx.mark_meeting_held(meeting.id).await.expect("held");
        }
        // During the meeting's day, even before it starts.
        assert_eq!(
            found(&mut tx, &room, "2026-12-10", "2026-12-10T08:00:00Z").await,
            Some(at("2026-12-10T13:00:00Z"))
        );
        // Between meetings: the most recent one.
        assert_eq!(
            found(&mut tx, &room, "2026-12-20", "2026-12-20T10:00:00Z").await,
            Some(at("2026-12-10T13:00:00Z"))
        );
        assert_eq!(
            found(&mut tx, &room, "2026-01-05", "2026-01-05T10:00:00Z").await,
            None
        );
    }
}
