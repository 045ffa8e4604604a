//! Personal data past its retention, deleted ([`crate::domain::retention`] says what and
//! when): one transaction, which also records when it ran.

use chrono::{DateTime, Utc};

use super::store::{StorageError, Store};
use crate::domain::retention::{Cutoffs, Purged};

impl Store {
    /// When the last purge ran, if one ever did.
    pub async fn last_purge(&self) -> Result<Option<DateTime<Utc>>, StorageError> {
        let last = sqlx::query_scalar("SELECT purged_at FROM retention_runs WHERE id = 1")
            .fetch_optional(&self.pool)
            .await?;
        Ok(last)
    }

    /// Deletes what is older than `cutoffs`, and records the purge done at `now`.
    pub async fn purge(
        &self,
        cutoffs: &Cutoffs,
        now: DateTime<Utc>,
    ) -> Result<Purged, StorageError> {
        let mut tx = self.begin_write().await?;
        let mut run = async |statement: &'static str, before: Option<DateTime<Utc>>| {
            let query = sqlx::query(statement);
            let query = match before {
                Some(before) => query.bind(before),
                None => query,
            };
            query
                .execute(&mut *tx.inner)
                .await
                .map(|done| done.rows_affected())
        };
        let purged = Purged {
            // What went out keeps its row (the proof it went out once), not what it said.
            email_bodies: run(
                "UPDATE email_outbox SET subject = '', text_body = '', html_body = '',
                     attachment_name = NULL, attachment_mime = NULL, attachment_data = NULL,
                     attachment_printable = NULL, unsubscribe_url = NULL
                 WHERE COALESCE(sent_at, abandoned_at) < ?1
                   AND (subject != '' OR text_body != '' OR html_body != ''
                        OR attachment_name IS NOT NULL OR attachment_printable IS NOT NULL
                        OR unsubscribe_url IS NOT NULL)",
                Some(cutoffs.sent_email),
            )
            .await?,
            sent_messages: run(
                "DELETE FROM outbox WHERE COALESCE(sent_at, abandoned_at) < ?1",
                Some(cutoffs.sent_messages),
            )
            .await?,
            handled_events: run(
                "DELETE FROM handled_events WHERE handled_at < ?1",
                Some(cutoffs.sent_messages),
            )
            .await?,
            reminders: run(
                "DELETE FROM reminders WHERE cancelled_at IS NOT NULL OR finished_at IS NOT NULL",
                None,
            )
            .await?,
            // Who could come on which date: once the meeting took place, its date is what stays.
            date_answers: run(
                "DELETE FROM answers WHERE ballot_id IN (
                     SELECT p.ballot_id FROM proposals p
                          JOIN meetings m ON m.proposal_id = p.id
                     WHERE m.status = 'held' AND p.ballot_id IS NOT NULL)",
                None,
            )
            .await?,
            // Kept without their person by the service, which knows the rooms' associations.
            poll_answers: 0,
            undecryptable: run(
                "DELETE FROM undecrypted_events WHERE kept_at < ?1",
                Some(cutoffs.undecryptable),
            )
            .await?
                + run(
                    "DELETE FROM unreadable_notices WHERE noticed_at < ?1",
                    Some(cutoffs.undecryptable),
                )
                .await?,
            // A session's people lose their names; their sign-ups stay, counted.
            training_names: run(
                "UPDATE trainees SET member = NULL, name = NULL, email_person_id = NULL,
                     anonymized_at = ?1
                 WHERE anonymized_at IS NULL
                   AND training_id IN (SELECT id FROM trainings WHERE starts_at < ?1)",
                Some(cutoffs.training_names),
            )
            .await?,
        };
        // Who asked to be forgotten and never confirmed: not kept past the hour to confirm.
        run(
            "DELETE FROM erasure_requests WHERE asked_at < ?1",
            Some(cutoffs.erasure_requests),
        )
        .await?;
        sqlx::query(
            "INSERT INTO retention_runs (id, purged_at) VALUES (1, ?1)
             ON CONFLICT (id) DO UPDATE SET purged_at = ?1",
        )
        .bind(now)
        .execute(&mut *tx.inner)
        .await?;
        tx.commit().await?;
        Ok(purged)
    }
}

#[cfg(test)]
impl super::Transaction {
    /// The one number `query` counts (or selects): what a test checks the tables with.
    pub async fn count_for_tests(&mut self, query: &str) -> i64 {
        sqlx::query_scalar(sqlx::AssertSqlSafe(query.to_owned()))
            .fetch_one(&mut *self.inner)
            .await
            .expect("a count")
    }
}
