//! How long personal data is kept: the moments before which each kind is deleted, from the
//! retention settings and the present (pure: the storage deletes, the clock says when).
//!
//! Rules:
//! - a sent or given-up e-mail keeps, after `sent_email`, only what proves it went out once
//!   (its row, its recipient's row, when): its subject, bodies and attachment go;
//! - the bot's sent messages, and the ids of the events it handled, go after `sent_messages`;
//! - an encrypted message the bot could not read, and the notice that it could not, go after
//!   `undecryptable`;
//! - a reminder goes once it can no longer ring: a one-off sent, any cancelled;
//! - each person's answers to a date proposal go once the meeting it chose has taken place:
//!   the meeting, its date and who attended it stay;
//! - each person's answers to a poll go `poll_answers` after the poll closed: their counted
//!   choice stays, for the association it counted for, under a voter that names nobody
//!   ([`crate::domain::ballot::anonymous_voter`]), so the tally and the positions read the
//!   same;
//! - the names of the people signed up for a training session (a member's id, a volunteer's
//!   name) go `training_names` after the session: the sign-up stays, for its association, so
//!   that the yearly summaries count the same (each such person once per session);
//! - a `!forget-me` never confirmed goes once its hour to confirm has passed;
//! - the purge runs once a day ([`PURGE_EVERY`]), at the bot's first pass after the last
//!   one's day — late rather than never.

use chrono::{DateTime, Duration, Utc};

/// How often the purge runs.
pub const PURGE_EVERY: Duration = Duration::days(1);

/// How long each kind of data is kept.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub struct Retention {
    pub sent_email: Duration,
    pub sent_messages: Duration,
    pub poll_answers: Duration,
    pub undecryptable: Duration,
    pub training_names: Duration,
}

impl Default for Retention {
    fn default() -> Self {
        Self {
            sent_email: Duration::days(30),
            sent_messages: Duration::days(90),
            poll_answers: Duration::days(365),
            undecryptable: Duration::days(30),
            training_names: Duration::days(730),
        }
    }
}

/// The moments before which each kind of data is deleted, as of one purge.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub struct Cutoffs {
    pub sent_email: DateTime<Utc>,
    pub sent_messages: DateTime<Utc>,
    pub poll_answers: DateTime<Utc>,
    pub undecryptable: DateTime<Utc>,
    /// Sessions that began before this lose their people's names.
    pub training_names: DateTime<Utc>,
    /// Erasure requests asked before this and never confirmed.
    pub erasure_requests: DateTime<Utc>,
}

impl Retention {
    /// What a purge at `now` deletes: what is older than its retention. A retention past the
    /// calendar's start keeps everything.
    pub fn cutoffs(&self, now: DateTime<Utc>) -> Cutoffs {
        let before = |kept: Duration| {
            now.checked_sub_signed(kept)
                .unwrap_or(DateTime::<Utc>::MIN_UTC)
        };
        Cutoffs {
            sent_email: before(self.sent_email),
            sent_messages: before(self.sent_messages),
            poll_answers: before(self.poll_answers),
            erasure_requests: before(super::subject::CONFIRM_WITHIN),
            undecryptable: before(self.undecryptable),
            training_names: before(self.training_names),
        }
    }
}

/// When the next purge is due, the last one done at `last` (`None`: never, so now).
pub fn next_purge(last: Option<DateTime<Utc>>, now: DateTime<Utc>) -> DateTime<Utc> {
    last.and_then(|last| last.checked_add_signed(PURGE_EVERY))
        .unwrap_or(now)
}

/// What one purge deleted, by kind: the counts its log line gives.
#[derive(Debug, Clone, Copy, Default, PartialEq, Eq)]
pub struct Purged {
    pub email_bodies: u64,
    pub sent_messages: u64,
    pub handled_events: u64,
    pub reminders: u64,
    pub date_answers: u64,
    /// Poll answers kept without their person.
    pub poll_answers: u64,
    pub undecryptable: u64,
    /// Sign-ups to a training session kept without their person's name.
    pub training_names: u64,
}

#[cfg(test)]
mod tests {
    use super::*;
    use crate::testing::at;

    #[test]
    fn each_kind_is_cut_at_its_own_retention() {
        let now = at("2026-12-31T12:00:00Z");
        let cutoffs = Retention::default().cutoffs(now);
        assert_eq!(cutoffs.sent_email, at("2026-12-01T12:00:00Z"));
        assert_eq!(cutoffs.sent_messages, at("2026-10-02T12:00:00Z"));
        assert_eq!(cutoffs.undecryptable, at("2026-12-01T12:00:00Z"));
        let forever = Retention {
            sent_email: Duration::MAX,
            ..Retention::default()
        };
        assert_eq!(forever.cutoffs(now).sent_email, DateTime::<Utc>::MIN_UTC);
    }

    #[test]
    fn the_purge_runs_once_a_day_and_at_once_the_first_time() {
        let now = at("2026-12-31T12:00:00Z");
        assert_eq!(next_purge(None, now), now);
        let last = at("2026-12-31T03:00:00Z");
        assert_eq!(next_purge(Some(last), now), at("2027-01-01T03:00:00Z"));
        assert_eq!(next_purge(Some(DateTime::<Utc>::MAX_UTC), now), now);
    }
}
