//! The daily purge of personal data past its retention ([`crate::domain::retention`]): run by
//! the clock, once a day, late rather than never, logged as counts (never what was deleted).

use chrono::{DateTime, Utc};

use super::{Chat, Service, ServiceError};
use crate::domain::retention::next_purge;

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
        let purged = self.store.purge(&cutoffs, now).await?;
        tracing::info!(
            email_bodies = purged.email_bodies,
            sent_messages = purged.sent_messages,
            handled_events = purged.handled_events,
            reminders = purged.reminders,
            date_answers = purged.date_answers,
            undecryptable = purged.undecryptable,
            "personal data past its retention deleted"
        );
        if let Ok(mut next) = self.next_purge.lock() {
            *next = Some(next_purge(Some(now), now));
        }
        Ok(())
    }
}
