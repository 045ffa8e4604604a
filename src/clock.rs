//! The clock task: owns what happens at a time rather than on a message. It asks the service
//! what falls due next, sleeps until then (or until woken because a date changed), and has it
//! done — each item in its own transaction, exactly once.
//!
//! Time is injected ([`Clock`]) so that tests run it with tokio's paused time instead of
//! waiting.

use std::future::Future;
use std::pin::pin;
use std::sync::Arc;
use std::time::Duration;

use chrono::{DateTime, Utc};
use tokio::sync::Notify;

use crate::service::{Chat, Service, ServiceError};

/// The longest nap: the clock looks again at least this often, so that a change of the
/// machine's wall clock (or a missed wake-up) costs at most this much delay.
const MAX_NAP: Duration = Duration::from_secs(60);
/// After a failure (the database busy for long), try again after this long.
const RETRY_AFTER_FAILURE: Duration = Duration::from_secs(5);

/// Where the present time comes from.
pub trait Clock: Send + Sync + 'static {
    fn now(&self) -> DateTime<Utc>;
}

/// The machine's clock.
#[derive(Debug, Clone, Copy, Default)]
pub struct SystemClock;

impl Clock for SystemClock {
    fn now(&self) -> DateTime<Utc> {
        Utc::now()
    }
}

/// A clock that follows tokio's time from a starting date: with `tokio::time::pause()`,
/// sleeping advances it instantly. For the unit tests only.
#[cfg(test)]
#[derive(Debug, Clone, Copy)]
pub struct TokioClock {
    start: DateTime<Utc>,
    started: tokio::time::Instant,
}

#[cfg(test)]
impl TokioClock {
    pub fn starting_at(start: DateTime<Utc>) -> Self {
        Self {
            start,
            started: tokio::time::Instant::now(),
        }
    }
}

#[cfg(test)]
impl Clock for TokioClock {
    fn now(&self) -> DateTime<Utc> {
        let elapsed = chrono::Duration::from_std(self.started.elapsed()).unwrap_or_default();
        self.start + elapsed
    }
}

/// What the clock has done at a time: the service, or a stand-in in tests.
pub trait DueWork: Send + Sync + 'static {
    /// Does everything due by `now`; returns when the next thing falls due, if anything will.
    fn run_due(
        &self,
        now: DateTime<Utc>,
    ) -> impl Future<Output = Result<Option<DateTime<Utc>>, ServiceError>> + Send;
}

impl<C: Chat> DueWork for Service<C> {
    async fn run_due(&self, now: DateTime<Utc>) -> Result<Option<DateTime<Utc>>, ServiceError> {
        Service::run_due(self, now).await
    }
}

/// Runs the clock until `shutdown` completes.
pub async fn run<W: DueWork>(
    work: Arc<W>,
    clock: Arc<dyn Clock>,
    wake: Arc<Notify>,
    shutdown: impl Future<Output = ()>,
) {
    let mut shutdown = pin!(shutdown);
    loop {
        let nap = match work.run_due(clock.now()).await {
            Ok(next_due) => nap_until(next_due, clock.now()),
            Err(error) => {
                tracing::warn!(%error, "due work failed; trying again soon");
                RETRY_AFTER_FAILURE
            }
        };
        tokio::select! {
            () = &mut shutdown => return,
            () = wake.notified() => {}
            () = tokio::time::sleep(nap) => {}
        }
    }
}

/// How long to sleep before `next_due` (at most [`MAX_NAP`]).
fn nap_until(next_due: Option<DateTime<Utc>>, now: DateTime<Utc>) -> Duration {
    match next_due {
        Some(due) => (due - now).to_std().unwrap_or(Duration::ZERO).min(MAX_NAP),
        None => MAX_NAP,
    }
}

#[cfg(test)]
mod tests {
    use super::*;
    use crate::testing::at;

    #[test]
    fn the_clock_naps_until_the_next_due_item_but_never_long() {
        let now = at("2026-12-10T22:59:50Z");
        assert_eq!(
            nap_until(Some(at("2026-12-10T23:00:00Z")), now),
            Duration::from_secs(10)
        );
        assert_eq!(nap_until(Some(at("2026-12-11T23:00:00Z")), now), MAX_NAP);
        assert_eq!(
            nap_until(Some(at("2026-12-10T22:00:00Z")), now),
            Duration::ZERO
        );
        assert_eq!(nap_until(None, now), MAX_NAP);
    }

    #[tokio::test(start_paused = true)]
    async fn a_tokio_clock_moves_with_paused_time() {
        let clock = TokioClock::starting_at(at("2026-12-10T12:00:00Z"));
        tokio::time::sleep(Duration::from_secs(3600)).await;
        assert_eq!(clock.now(), at("2026-12-10T13:00:00Z"));
    }

    /// (when it was due, when it was done)
    type Report = (DateTime<Utc>, DateTime<Utc>);

    /// Due items kept in memory; each is done once, and its doing reported on a channel.
    struct Agenda {
        due: std::sync::Mutex<Vec<DateTime<Utc>>>,
        done: tokio::sync::mpsc::UnboundedSender<Report>,
    }

    impl DueWork for Agenda {
        async fn run_due(&self, now: DateTime<Utc>) -> Result<Option<DateTime<Utc>>, ServiceError> {
            let mut due = self.due.lock().expect("lock");
            for at in due.iter().filter(|at| **at <= now) {
                let _ = self.done.send((*at, now));
            }
            due.retain(|at| *at > now);
            Ok(due.iter().min().copied())
        }
    }

    fn agenda(due: &[&str]) -> (Arc<Agenda>, tokio::sync::mpsc::UnboundedReceiver<Report>) {
        let (done, reports) = tokio::sync::mpsc::unbounded_channel();
        let due = due.iter().map(|text| at(text)).collect();
        (
            Arc::new(Agenda {
                due: std::sync::Mutex::new(due),
                done,
            }),
            reports,
        )
    }

    #[tokio::test(start_paused = true)]
    async fn due_items_are_done_on_time_once_each_in_order() {
        let clock = Arc::new(TokioClock::starting_at(at("2026-12-10T20:00:00Z")));
        let (work, mut reports) = agenda(&["2026-12-10T23:00:00Z", "2026-12-10T21:30:00Z"]);
        let (_stop, stopped) = tokio::sync::oneshot::channel::<()>();
        tokio::spawn(run(work, clock.clone(), Arc::new(Notify::new()), async {
            let _ = stopped.await;
        }));
        let (due, done_at) = reports.recv().await.expect("first item done");
        assert_eq!(due, at("2026-12-10T21:30:00Z"));
        assert_eq!(done_at, due, "on time, to the second");
        let (due, done_at) = reports.recv().await.expect("second item done");
        assert_eq!(due, at("2026-12-10T23:00:00Z"));
        assert_eq!(done_at, due);
        // A whole day later, nothing was done twice.
        tokio::time::sleep(Duration::from_secs(24 * 3600)).await;
        assert!(reports.try_recv().is_err());
    }

    #[tokio::test(start_paused = true)]
    async fn an_item_due_while_the_bot_was_down_is_done_at_once_late() {
        let clock = Arc::new(TokioClock::starting_at(at("2026-12-11T08:00:00Z")));
        let (work, mut reports) = agenda(&["2026-12-10T23:00:00Z"]);
        let (_stop, stopped) = tokio::sync::oneshot::channel::<()>();
        tokio::spawn(run(work, clock, Arc::new(Notify::new()), async {
            let _ = stopped.await;
        }));
        let (due, done_at) = reports.recv().await.expect("done");
        assert_eq!(due, at("2026-12-10T23:00:00Z"));
        assert_eq!(done_at, at("2026-12-11T08:00:00Z"));
    }

    #[tokio::test(start_paused = true)]
    async fn a_wake_up_makes_the_clock_see_a_new_item_at_once() {
        let clock = Arc::new(TokioClock::starting_at(at("2026-12-10T20:00:00Z")));
        let (work, mut reports) = agenda(&[]);
        let wake = Arc::new(Notify::new());
        let (_stop, stopped) = tokio::sync::oneshot::channel::<()>();
        tokio::spawn(run(work.clone(), clock.clone(), wake.clone(), async {
            let _ = stopped.await;
        }));
        tokio::time::sleep(Duration::from_secs(10)).await;
        // Something falls due in 5 seconds: without the wake-up the clock would nap a minute.
        work.due
            .lock()
            .expect("lock")
            .push(at("2026-12-10T20:00:15Z"));
        wake.notify_one();
        let (_, done_at) = reports.recv().await.expect("done");
        assert_eq!(done_at, at("2026-12-10T20:00:15Z"));
    }
}
