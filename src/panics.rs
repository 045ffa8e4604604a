//! One event, one due item, one send or one web request cannot stop the bot: each runs inside
//! [`guarded`], which turns a panic in it into an error its caller records and answers, while
//! the task goes on with the next.
//!
//! A panic's own message may quote what a member typed (a string cut in the wrong place is
//! printed whole): [`install_hook`] replaces the standard report on the standard error with a
//! log line that keeps where the panic happened and its message with every quoted part
//! removed. Inside a guard, that line is left to the guard's caller (one ERROR line, with the
//! event it was handling); outside one, the hook logs it itself.

use std::any::Any;
use std::cell::{Cell, RefCell};
use std::future::Future;
use std::panic::{AssertUnwindSafe, catch_unwind};
use std::pin::Pin;
use std::task::{Context, Poll};

/// The longest panic message kept, in characters.
const MAX_MESSAGE: usize = 200;

/// A panic caught by a guard: where it happened and what it said, quotes removed.
#[derive(Debug, Clone, PartialEq, Eq, thiserror::Error)]
#[error("panic at {location}: {message}")]
pub struct Caught {
    pub location: String,
    pub message: String,
}

thread_local! {
    /// How many guards are polling on this thread right now.
    static GUARDED: Cell<u32> = const { Cell::new(0) };
    /// What the hook saw of the last panic inside a guard on this thread.
    static LAST: RefCell<Option<Caught>> = const { RefCell::new(None) };
}

/// Replaces the standard panic report (on the standard error, message whole) with a redacted
/// log line. Call once, at the start of the process.
pub fn install_hook() {
    std::panic::set_hook(Box::new(|info| {
        let location = info
            .location()
            .map_or_else(|| "unknown".to_owned(), ToString::to_string);
        let caught = Caught {
            location,
            message: redact(&payload_text(info.payload())),
        };
        if GUARDED.get() > 0 {
            LAST.set(Some(caught));
        } else {
            tracing::error!(location = %caught.location, panic = %caught.message, "panic");
        }
    }));
}

/// Runs `future`; a panic inside it comes back as `Err` instead of unwinding through the
/// caller. The future is not polled again after it panicked.
pub async fn guarded<F: Future>(future: F) -> Result<F::Output, Caught> {
    Guarded {
        inner: Some(Box::pin(future)),
    }
    .await
}

/// Runs `work` (synchronous); a panic inside it comes back as `Err`.
pub fn guarded_sync<T>(work: impl FnOnce() -> T) -> Result<T, Caught> {
    let _depth = Depth::enter();
    catch_unwind(AssertUnwindSafe(work)).map_err(|payload| caught(payload.as_ref()))
}

struct Guarded<F> {
    inner: Option<Pin<Box<F>>>,
}

impl<F: Future> Future for Guarded<F> {
    type Output = Result<F::Output, Caught>;

    fn poll(mut self: Pin<&mut Self>, cx: &mut Context<'_>) -> Poll<Self::Output> {
        let Some(inner) = self.inner.as_mut() else {
            return Poll::Ready(Err(Caught {
                location: "guard".to_owned(),
                message: "polled after it panicked".to_owned(),
            }));
        };
        let polled = {
            let _depth = Depth::enter();
            catch_unwind(AssertUnwindSafe(|| inner.as_mut().poll(cx)))
        };
        match polled {
            Ok(Poll::Ready(output)) => {
                self.inner = None;
                Poll::Ready(Ok(output))
            }
            Ok(Poll::Pending) => Poll::Pending,
            Err(payload) => {
                // What it held is dropped now; a second panic in that drop is caught too.
                let broken = self.inner.take();
                let _ = guarded_sync(move || drop(broken));
                Poll::Ready(Err(caught(payload.as_ref())))
            }
        }
    }
}

/// Marks this thread as inside a guard while it lives.
struct Depth;

impl Depth {
    fn enter() -> Self {
        GUARDED.set(GUARDED.get() + 1);
        Depth
    }
}

impl Drop for Depth {
    fn drop(&mut self) {
        GUARDED.set(GUARDED.get().saturating_sub(1));
    }
}

/// What the hook recorded of the panic just caught (or, without the hook, its payload).
fn caught(payload: &(dyn Any + Send)) -> Caught {
    LAST.take().unwrap_or_else(|| Caught {
        location: "unknown".to_owned(),
        message: redact(&payload_text(payload)),
    })
}

fn payload_text(payload: &(dyn Any + Send)) -> String {
    if let Some(text) = payload.downcast_ref::<&str>() {
        (*text).to_owned()
    } else if let Some(text) = payload.downcast_ref::<String>() {
        text.clone()
    } else {
        "(no message)".to_owned()
    }
}

/// A panic message fit for the log: every part between quotes or backticks (where the
/// standard library quotes the text it was given) replaced with `…`, control characters
/// dropped, at most [`MAX_MESSAGE`] characters.
pub fn redact(message: &str) -> String {
    let mut redacted = String::new();
    let mut closing: Option<char> = None;
    for c in message.chars() {
        match closing {
            Some(end) if c == end => {
                redacted.push(c);
                closing = None;
            }
            Some(_) => {}
            None => {
                if c.is_control() {
                    continue;
                }
                redacted.push(c);
                let end = match c {
                    '`' => Some('`'),
                    '"' => Some('"'),
                    '\'' => Some('\''),
                    '«' => Some('»'),
                    _ => None,
                };
                if let Some(end) = end {
                    redacted.push('…');
                    closing = Some(end);
                }
            }
        }
    }
    if redacted.chars().count() > MAX_MESSAGE {
        redacted = redacted.chars().take(MAX_MESSAGE).collect();
        redacted.push('…');
    }
    redacted
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn a_panic_message_loses_what_it_quotes() {
        assert_eq!(
            redact(
                "byte index 3 is not a char boundary; it is inside 'İ' (bytes 2..4) of ` İ pour le éé `"
            ),
            "byte index 3 is not a char boundary; it is inside '…' (bytes 2..4) of `…`"
        );
        assert_eq!(
            redact("overflow when adding duration to date"),
            "overflow when adding duration to date"
        );
        assert_eq!(redact("unclosed `secret text"), "unclosed `…");
        assert_eq!(redact(&"x".repeat(500)).chars().count(), MAX_MESSAGE + 1);
    }

    #[tokio::test]
    async fn a_panic_inside_a_guard_comes_back_as_an_error_and_the_next_runs() {
        let secret = "Jean Ledoux";
        let result = guarded(async move {
            tokio::task::yield_now().await;
            let text = format!(" İ {secret}");
            // Cutting inside "İ": the standard library's message quotes the text.
            let cut = &text[..2];
            cut.len()
        })
        .await;
        let caught = result.expect_err("it panicked");
        assert!(caught.message.contains("char boundary"), "{caught:?}");
        assert!(!caught.message.contains("Ledoux"), "{caught:?}");
        assert_eq!(guarded(async { 2 + 2 }).await, Ok(4));
        assert_eq!(guarded_sync(|| 5), Ok(5));
        assert!(guarded_sync(|| -> u8 { panic!("boom") }).is_err());
    }
}
