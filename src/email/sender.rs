//! The e-mail sender: the task that owns the e-mail outbox, as `crate::sender` owns the
//! room's. Woken when e-mails are queued, it hands each to the mail provider and marks it
//! sent; a failed one is tried again with the one back-off, late rather than never (an outage
//! of the provider of up to [`GIVE_UP_AFTER`]), and given up at once when the provider refuses
//! it for good. Never on a command's path: a reply in the room does not wait for SMTP.

use std::future::Future;
use std::sync::Arc;

use chrono::{DateTime, Duration, Utc};
use tokio::sync::Notify;

use super::Mailer;
use crate::clock::Clock;
use crate::domain::backoff::SendPolicy;
use crate::domain::earliest;
use crate::domain::email::{Attachment, DailyLimits, OutgoingEmail, next_allowed};
use crate::domain::messages::Retry;
use crate::sender::drive;
use crate::storage::{StorageError, Store};

/// Prints the e-mail's document, if it has one, into its PDF attachment (off the async
/// threads).
async fn print_attachment(email: &mut OutgoingEmail) -> Result<(), String> {
    let Some(document) = email.printable.take() else {
        return Ok(());
    };
    let name = document.name.clone();
    let data = crate::pdf::print(document)
        .await
        .map_err(|error| error.to_string())?;
    email.attachment = Some(Attachment {
        name,
        mime: crate::pdf::MIME.to_owned(),
        data,
    });
    Ok(())
}

/// An e-mail the provider could not take for this long is given up (and logged).
pub const GIVE_UP_AFTER: Duration = Duration::days(3);

/// How the e-mails' outbox tries again: as the room's, for longer.
const EMAILS: SendPolicy = SendPolicy {
    backoff: crate::sender::RETRY_BACKOFF,
    give_up_after: GIVE_UP_AFTER,
};

pub struct EmailSender {
    store: Store,
    mailer: Mailer,
    clock: Arc<dyn Clock>,
    limits: DailyLimits,
    /// Woken when an e-mail is held back: the clock task tells its room.
    held: Arc<Notify>,
}

impl EmailSender {
    pub fn new(
        store: Store,
        mailer: Mailer,
        clock: Arc<dyn Clock>,
        limits: DailyLimits,
        held: Arc<Notify>,
    ) -> Self {
        Self {
            store,
            mailer,
            clock,
            limits,
            held,
        }
    }

    /// When `email` may go, if a daily limit holds it back: a day after the e-mail whose
    /// passing makes room, for its address or its room.
    async fn held_until(
        &self,
        email: &OutgoingEmail,
        now: DateTime<Utc>,
    ) -> Result<Option<DateTime<Utc>>, StorageError> {
        let since = now.checked_sub_signed(Duration::days(1)).unwrap_or(now);
        let (to_address, from_room) = self
            .store
            .emails_sent_since(&email.to_address, &email.room, since)
            .await?;
        Ok([
            next_allowed(&to_address, self.limits.per_recipient, now),
            next_allowed(&from_room, self.limits.per_room, now),
        ]
        .into_iter()
        .flatten()
        .max())
    }

    /// Sends until `shutdown` completes; the e-mail being sent then is finished first.
    pub async fn run(self, wake: Arc<Notify>, shutdown: impl Future<Output = ()>) {
        let clock = self.clock.clone();
        drive(
            "e-mail outbox",
            || self.send_due(),
            clock.as_ref(),
            wake,
            shutdown,
        )
        .await;
    }

    /// Sends every e-mail that may go now. Returns when the next retry is due, if one waits.
    /// Addresses never reach the log: an e-mail is named by its number in the outbox.
    pub async fn send_due(&self) -> Result<Option<DateTime<Utc>>, StorageError> {
        let mut next_retry = None;
        // Whether some e-mail left the outbox (sent, or given up) in this pass.
        let mut settled = false;
        for (mut email, next_attempt_at) in self.store.pending_emails().await? {
            let now = self.clock.now();
            if let Some(at) = next_attempt_at.filter(|at| *at > now) {
                next_retry = earliest(next_retry, at);
                continue;
            }
            if let Some(until) = self.held_until(&email, now).await? {
                // Never lost: it waits for its turn (the room is told once a day).
                tracing::info!(email_id = email.id, %until, "e-mail held back by a daily limit");
                self.store.hold_email(email.id, until, now).await?;
                self.held.notify_one();
                next_retry = earliest(next_retry, until);
                continue;
            }
            if let Err(error) = print_attachment(&mut email).await {
                tracing::error!(email_id = email.id, %error, "the e-mail's PDF could not be printed; given up");
                self.store
                    .record_failed_email(email.id, &error, Retry::Never, now)
                    .await?;
                settled = true;
                continue;
            }
            // A panic while building or sending it gives this e-mail up, not the sender.
            let sent = match crate::panics::guarded(self.mailer.send(&email)).await {
                Ok(sent) => sent,
                Err(caught) => Err(crate::email::MailError {
                    permanent: true,
                    reason: caught.to_string(),
                }),
            };
            match sent {
                Ok(()) => {
                    self.store
                        .mark_email_sent(email.id, self.clock.now())
                        .await?;
                    tracing::info!(email_id = email.id, "e-mail sent");
                    settled = true;
                }
                Err(error) => {
                    let now = self.clock.now();
                    let retry = EMAILS.after_failure(
                        error.permanent,
                        email.created_at,
                        email.attempts,
                        now,
                    );
                    match retry {
                        Retry::At(at) => {
                            tracing::warn!(email_id = email.id, %error, attempts = email.attempts + 1, retry_at = %at, "e-mail not sent; will retry");
                            next_retry = earliest(next_retry, at);
                        }
                        Retry::Never => {
                            tracing::error!(email_id = email.id, %error, attempts = email.attempts + 1, "e-mail given up");
                            settled = true;
                        }
                    }
                    self.store
                        .record_failed_email(email.id, &error.reason, retry, now)
                        .await?;
                }
            }
        }
        // A cancelled meeting's guests were kept for its cancellation only; and the clock
        // looks again (a letter whose e-mails all went out is announced to its room).
        if settled {
            self.store.forget_cancelled_guests_addresses().await?;
            self.held.notify_one();
        }
        Ok(next_retry)
    }
}
