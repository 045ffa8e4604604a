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
/// machine's wall clock (or a missed wake-up) costs at most this much delay. Between, it
/// sleeps until the next due moment: an idle bot costs no CPU. Whatever changes what falls
/// due wakes it (a command that dates something, an e-mail held back or the
/// last of a letter's e-mails gone out, an event the bot cannot read).
const MAX_NAP: Duration = Duration::from_secs(15 * 60);
/// After a failure (the database busy for long), try again after this long.
const RETRY_AFTER_FAILURE: Duration = Duration::from_secs(5);

/// Where the present time comes from: the one source of it, passed to whatever reads it
/// (the sync loop, the senders, the clock task, the web page, the app's start).
pub trait Clock: Send + Sync + 'static {
    fn now(&self) -> DateTime<Utc>;

    /// The longest the clock task may nap: how late a jump of this clock is noticed.
    fn max_nap(&self) -> Duration {
        MAX_NAP
    }
}

/// The machine's clock. With the `test-hooks` feature (`scripts/test`; never in a release),
/// it runs ahead by the number of seconds written in the file that `CONCERTO_TEST_CLOCK`
/// names, read at each reading: an integration test moves the bot's time forward to a due
/// moment instead of waiting for it.
#[derive(Debug, Clone, Default)]
pub struct SystemClock {
    #[cfg(feature = "test-hooks")]
    ahead: Option<std::path::PathBuf>,
}

/// The variable naming the test clock's file (the `test-hooks` feature only).
#[cfg(feature = "test-hooks")]
pub const TEST_CLOCK_VARIABLE: &str = "CONCERTO_TEST_CLOCK";

impl SystemClock {
    pub fn new() -> Self {
        Self {
            #[cfg(feature = "test-hooks")]
            ahead: std::env::var_os(TEST_CLOCK_VARIABLE).map(std::path::PathBuf::from),
        }
    }

    /// How far ahead the test clock runs (the `test-hooks` feature only).
    #[cfg(feature = "test-hooks")]
    fn ahead(&self) -> chrono::Duration {
        let seconds = self
            .ahead
            .as_ref()
            .and_then(|file| std::fs::read_to_string(file).ok())
            .and_then(|text| text.trim().parse::<i64>().ok())
            .unwrap_or(0);
        chrono::Duration::try_seconds(seconds).unwrap_or_default()
    }
}

impl Clock for SystemClock {
    fn now(&self) -> DateTime<Utc> {
        #[cfg(feature = "test-hooks")]
        if self.ahead.is_some() {
            let now = Utc::now();
            return now.checked_add_signed(self.ahead()).unwrap_or(now);
        }
        Utc::now()
    }

    fn max_nap(&self) -> Duration {
        // A test may move the time forward at any moment: the clock task looks again soon.
        #[cfg(feature = "test-hooks")]
        if self.ahead.is_some() {
            return Duration::from_millis(200);
        }
        MAX_NAP
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
            Ok(next_due) => nap_until(next_due, clock.now()).min(clock.max_nap()),
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

    #[cfg(feature = "test-hooks")]
    #[test]
    fn the_test_clock_runs_ahead_by_what_its_file_says_read_at_each_reading() {
        let dir = tempfile::tempdir().expect("temp dir");
        let file = dir.path().join("ahead");
        let clock = SystemClock {
            ahead: Some(file.clone()),
        };
        let close = |a: DateTime<Utc>, b: DateTime<Utc>| (a - b).num_seconds().abs() < 5;
        assert!(close(clock.now(), Utc::now()), "no file yet: no offset");
        std::fs::write(&file, "86400\n").expect("write");
        assert!(close(clock.now(), Utc::now() + chrono::Duration::days(1)));
        std::fs::write(&file, "not a number").expect("write");
        assert!(close(clock.now(), Utc::now()));
        std::fs::write(&file, i64::MAX.to_string()).expect("write");
        assert!(
            close(clock.now(), Utc::now()),
            "an offset past the calendar is none"
        );
        assert_eq!(clock.max_nap(), Duration::from_millis(200));
        assert_eq!(SystemClock::default().max_nap(), MAX_NAP);
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
