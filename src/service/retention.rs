//! The daily purge of personal data past its retention ([`crate::domain::retention`]): run by
//! the clock, once a day, late rather than never, logged as counts (never what was deleted).

use chrono::{DateTime, Utc};

use super::reading::voter_associations;
use super::{Chat, Service, ServiceError};
use crate::domain::UserId;
use crate::domain::ballot::{BallotKind, count, is_anonymous};
use crate::domain::poll::Poll;
use crate::domain::retention::{Purged, next_purge};
use crate::storage::Transaction;

impl<C: Chat> Service<C> {
    /// Purges what is past its retention, if a purge is due by `now` (the database is asked
    /// when at the first pass only).
    pub(super) async fn purge_due(&self, now: DateTime<Utc>) -> Result<(), ServiceError> {
        let known = self.next_purge.lock().ok().and_then(|next| *next);
        let due = match known {
            Some(due) => due,
            None => next_purge(self.store.last_purge().await?, now),
        };
        if due > now {
            if let Ok(mut next) = self.next_purge.lock() {
                *next = Some(due);
            }
            return Ok(());
        }
        let cutoffs = self.settings.retention.cutoffs(now);
        // First the polls (a crash between the two redoes only what is left), then the rest,
        // which records the run.
        let poll_answers = self.anonymize_old_polls(cutoffs.poll_answers, now).await?;
        let purged = Purged {
            poll_answers,
            ..self.store.purge(&cutoffs, now).await?
        };
        tracing::info!(
            email_bodies = purged.email_bodies,
            sent_messages = purged.sent_messages,
            handled_events = purged.handled_events,
            reminders = purged.reminders,
            date_answers = purged.date_answers,
            poll_answers = purged.poll_answers,
            undecryptable = purged.undecryptable,
            training_names = purged.training_names,
            "personal data past its retention deleted"
        );
        if let Ok(mut next) = self.next_purge.lock() {
            *next = Some(next_purge(Some(now), now));
        }
        Ok(())
    }

    /// Keeps the answers of the polls closed before `cutoff` without their people; returns
    /// how many answers went. One transaction for all: done at once or not at all.
    async fn anonymize_old_polls(
        &self,
        cutoff: DateTime<Utc>,
        now: DateTime<Utc>,
    ) -> Result<u64, ServiceError> {
        let mut tx = self.store.begin_write().await?;
        let mut gone = 0;
        for (room, poll) in tx.polls_with_named_answers_closed_before(cutoff).await? {
            let voters: Vec<UserId> = {
                let mut voters: Vec<UserId> = tx
                    .answers(poll.ballot)
                    .await?
                    .into_iter()
                    .map(|answer| answer.voter)
                    .filter(|voter| !is_anonymous(voter))
                    .collect();
                voters.sort();
                voters.dedup();
                voters
            };
            let membership = voter_associations(&mut tx, &room).await?;
            for voter in voters {
                let association = membership.get(&voter).map(String::as_str);
                gone += anonymize_answer(&mut tx, &poll, &voter, association, now).await?;
            }
        }
        tx.commit().await?;
        Ok(gone)
    }
}

/// Replaces `voter`'s answers to `poll` by one that names nobody, counted as theirs was (for
/// `association`, the one they counted for): the tally and the positions read the same. Returns how
/// many of their answers went. (A poll still open has no tally yet: the caller deletes the
/// answers there instead.)
pub(super) async fn anonymize_answer(
    tx: &mut Transaction,
    poll: &Poll,
    voter: &UserId,
    association: Option<&str>,
    now: DateTime<Utc>,
) -> Result<u64, ServiceError> {
    let theirs = tx.answers_by(poll.ballot, voter).await?;
    let counted = count(&theirs, BallotKind::Poll.counting(), poll.counts_until(now));
    let chosen = counted
        .get(voter)
        .and_then(|options| options.iter().next().copied());
    let kept = chosen.and_then(|option| {
        theirs
            .iter()
            .rev()
            .find(|answer| answer.option == Some(option))
    });
    Ok(tx
        .anonymize_answers_of(poll.ballot, voter, kept, association)
        .await?)
}
