//! The one back-off: how long to wait after the n-th failure in a row. The sender (a message
//! that could not be sent), the sync loop (a homeserver that does not answer, a join that
//! failed) and the service (an event whose handling failed for a moment) each have their own
//! [`Backoff`], all computed here.

use std::time::Duration;

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
}
