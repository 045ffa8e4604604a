//! The one back-off: how long to wait after the n-th failure in a row. The sender (a message
//! that could not be sent), the sync loop (a homeserver that does not answer, a join that
//! failed) and the service (an event whose handling failed for a moment) each have their own
//! [`Backoff`], all computed here; both senders decide to retry or give up by one
//! [`SendPolicy`].

use std::time::Duration;

use chrono::{DateTime, Utc};

use super::messages::Retry;

/// A delay that starts at `first` and is multiplied by `factor` at each failure, never more
/// than `max`.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub struct Backoff {
    pub first: Duration,
    pub factor: u32,
    pub max: Duration,
}

impl Backoff {
    /// The wait after the `failures`-th failure in a row (1 for the first; 0 counts as 1).
    /// Never overflows: past the ceiling, it stays at `max`.
    pub fn delay(&self, failures: u32) -> Duration {
        let mut delay = self.first;
        for _ in 1..failures.max(1) {
            if delay >= self.max {
                break;
            }
            delay = delay.saturating_mul(self.factor);
        }
        delay.min(self.max)
    }
}

/// How a sender (the room's outbox, the e-mails') tries again after a failed send: the one
/// retry-or-give-up decision of both.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub struct SendPolicy {
    pub backoff: Backoff,
    /// Something that could not be sent for this long since it was queued is given up.
    pub give_up_after: chrono::Duration,
}

impl SendPolicy {
    /// What to do after the failed send of something queued at `created_at` and tried
    /// `attempts` times before: never again if the failure is `permanent` (the bot was removed
    /// from the room, the provider refused the address) or it has waited
    /// [`Self::give_up_after`]; otherwise again after the back-off of its failures so far.
    pub fn after_failure(
        &self,
        permanent: bool,
        created_at: DateTime<Utc>,
        attempts: u32,
        now: DateTime<Utc>,
    ) -> Retry {
        if permanent || now - created_at >= self.give_up_after {
            return Retry::Never;
        }
        let delay = chrono::Duration::from_std(self.backoff.delay(attempts.saturating_add(1)))
            .unwrap_or(self.give_up_after);
        now.checked_add_signed(delay)
            .map_or(Retry::Never, Retry::At)
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    const DOUBLING: Backoff = Backoff {
        first: Duration::from_secs(1),
        factor: 2,
        max: Duration::from_secs(600),
    };

    #[test]
    fn the_delay_doubles_up_to_its_ceiling() {
        let delays: Vec<u64> = (1..=12).map(|n| DOUBLING.delay(n).as_secs()).collect();
        assert_eq!(
            delays,
            vec![1, 2, 4, 8, 16, 32, 64, 128, 256, 512, 600, 600]
        );
    }

    #[test]
    fn a_huge_count_stays_at_the_ceiling_and_zero_is_the_first_wait() {
        assert_eq!(DOUBLING.delay(u32::MAX), DOUBLING.max);
        assert_eq!(DOUBLING.delay(0), DOUBLING.first);
    }

    #[test]
    fn another_factor_grows_faster() {
        let quick = Backoff {
            first: Duration::from_millis(200),
            factor: 4,
            max: Duration::from_secs(10),
        };
        let delays: Vec<u128> = (1..=4).map(|n| quick.delay(n).as_millis()).collect();
        assert_eq!(delays, vec![200, 800, 3200, 10_000]);
    }

    #[test]
    fn a_failed_send_is_retried_with_the_back_off_until_it_is_given_up() {
        let policy = SendPolicy {
            backoff: DOUBLING,
            give_up_after: chrono::Duration::hours(6),
        };
        let created = crate::testing::at("2026-12-01T10:00:00Z");
        let now = crate::testing::at("2026-12-01T10:00:10Z");
        assert_eq!(
            policy.after_failure(false, created, 0, now),
            Retry::At(now + chrono::Duration::seconds(1))
        );
        assert_eq!(
            policy.after_failure(false, created, 3, now),
            Retry::At(now + chrono::Duration::seconds(8))
        );
        assert_eq!(
            policy.after_failure(false, created, u32::MAX, now),
            Retry::At(now + chrono::Duration::seconds(600))
        );
        assert_eq!(policy.after_failure(true, created, 0, now), Retry::Never);
        let late = created + chrono::Duration::hours(6);
        assert_eq!(policy.after_failure(false, created, 0, late), Retry::Never);
        let far = DateTime::<Utc>::MAX_UTC;
        assert_eq!(policy.after_failure(false, far, 0, far), Retry::Never);
    }
}
