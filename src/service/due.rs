//! What happens at a time rather than on a message, done when the clock task says it is due:
//! carrying over the untreated agenda items of a meeting whose day has ended, closing the polls
//! whose deadline has passed (`polls.rs`), sending the reminders (`reminders.rs`), and telling
//! a member the bot cannot read their encrypted message (`undecrypted.rs`), proposing the
//! next meeting's dates when the group's rhythm calls for it (`rhythm.rs`), deleting what is
//! past its retention once a day (`retention.rs`). Each is
//! done in one transaction that also records it done, so it happens exactly once — late
//! rather than never when the bot was down at the time.

use chrono::{DateTime, Utc};

use super::error::ServiceError;
use super::{Chat, Service};
use crate::domain::earliest;
use crate::domain::meeting::next_meeting;
use crate::domain::messages::NewMessage;
use crate::domain::{Meeting, RoomId};
use crate::replies;

/// How many passes [`Service::run_due`] makes at most before it leaves the rest to the next
/// call (each pass that writes is followed by one more).
const PASSES_AT_MOST: usize = 3;

impl<C: Chat> Service<C> {
    /// Does everything due by `now`; returns when the next thing falls due, if anything will.
    ///
    /// The clock sleeps until that moment, so it must be right: what one step of a pass
    /// writes, the steps before it read only at the next pass, so a pass that wrote is made
    /// again, until one writes nothing — at most [`PASSES_AT_MOST`] times (a command's commit meanwhile counts too; the
    /// clock's longest nap bounds what the last pass might miss, and nothing spins).
    pub async fn run_due(&self, now: DateTime<Utc>) -> Result<Option<DateTime<Utc>>, ServiceError> {
        let mut next_due = None;
        for _ in 0..PASSES_AT_MOST {
            let commits = self.store.commits();
            next_due = self.due_pass(now).await?;
            if self.store.commits() == commits {
                break;
            }
        }
        Ok(next_due)
    }

    /// One pass over everything that may be due by `now`: see [`Service::run_due`].
    async fn due_pass(&self, now: DateTime<Utc>) -> Result<Option<DateTime<Utc>>, ServiceError> {
        let time_zone = self.settings.time_zone;
        let mut meetings = self.store.dated_planned_meetings().await?;
        meetings.sort_by_key(|(_, meeting)| meeting.starts_at);
        let mut next_due: Option<DateTime<Utc>> = None;
        for (room, meeting) in meetings {
            let Some(day_end) = meeting.day_ends_at(time_zone) else {
                continue;
            };
            if day_end > now {
                next_due = earliest(next_due, day_end);
                continue;
            }
            let key = format!("carry:{}", meeting.id);
            self.due_item(
                &key,
                &room,
                now,
                self.carry_over(&room, &meeting, day_end, now),
            )
            .await?;
        }
        let next_deadline = self.close_polls_due(now).await?;
        let next_reminder = self.send_due_reminders(now).await?;
        let next_notice = self.tell_unreadable_due(now).await?;
        let next_rhythm = self.propose_rhythm_due(now).await?;
        self.tell_held_emails(now).await?;
        self.announce_letters_gone_out(now).await?;
        let next_follow_up = self.follow_up_letters(now).await?;
        let next_training = self.remind_trainings_due(now).await?;
        let next_group_end = self.ask_group_ends_due(now).await?;
        // Daily, not to the minute: it rides on the clock's passes (one every quarter of an
        // hour at least).
        self.purge_due(now).await?;
        Ok([
            next_due,
            next_deadline,
            next_reminder,
            next_notice,
            next_rhythm,
            next_follow_up,
            next_training,
            next_group_end,
        ]
        .into_iter()
        .flatten()
        .min())
    }

    /// Tells each room whose e-mails wait for a daily limit, once a (local) day.
    async fn tell_held_emails(&self, now: DateTime<Utc>) -> Result<(), ServiceError> {
        if !self.settings.email {
            return Ok(());
        }
        let day = now.with_timezone(&self.settings.time_zone).date_naive();
        // A read alone when nothing is held (most days); else the write lock, and read again.
        if self
            .store
            .begin()
            .await?
            .rooms_to_tell_of_held_emails(day)
            .await?
            .is_empty()
        {
            return Ok(());
        }
        let mut tx = self.store.begin_write().await?;
        let rooms = tx.rooms_to_tell_of_held_emails(day).await?;
        if rooms.is_empty() {
            return Ok(());
        }
        let mut notices = Vec::new();
        for room in &rooms {
            let language = self.room_language(&mut tx, room).await?;
            let text =
                replies::emails_held_back(&self.wording(language), self.settings.email_limits);
            notices.push(NewMessage::notice(room, None, text));
        }
        self.finish(tx, notices, now).await?;
        tracing::info!(rooms = rooms.len(), "rooms told that e-mails are held back");
        Ok(())
    }

    /// One due item's work, guarded: a panic in it sets the item aside under `key` (one ERROR
    /// line, recorded, never tried again) and the clock goes on with the others. `None` when
    /// the item is set aside, now or at an earlier pass.
    pub(super) async fn due_item<T>(
        &self,
        key: &str,
        room: &RoomId,
        now: DateTime<Utc>,
        work: impl std::future::Future<Output = Result<T, ServiceError>>,
    ) -> Result<Option<T>, ServiceError> {
        if self.due_is_set_aside(key).await? {
            return Ok(None);
        }
        match crate::panics::guarded(work).await {
            Ok(done) => done.map(Some),
            Err(caught) => {
                tracing::error!(%key, %room, error = %caught, "due item set aside");
                self.store
                    .set_due_aside(key, room, &caught.to_string(), now)
                    .await?;
                if let Ok(mut set_aside) = self.due_set_aside.lock() {
                    set_aside.get_or_insert_default().insert(key.to_owned());
                }
                Ok(None)
            }
        }
    }

    /// Whether the due item `key` was set aside (read from the database once per run).
    async fn due_is_set_aside(&self, key: &str) -> Result<bool, ServiceError> {
        if let Ok(set_aside) = self.due_set_aside.lock()
            && let Some(keys) = set_aside.as_ref()
        {
            return Ok(keys.contains(key));
        }
        let keys = self.store.due_set_aside().await?;
        let found = keys.contains(key);
        if let Ok(mut set_aside) = self.due_set_aside.lock() {
            *set_aside = Some(keys);
        }
        Ok(found)
    }

    /// Hands the untreated items of `meeting`, whose day ended at `day_end`, on to the meeting
    /// that was next then, in their order, and marks it held.
    async fn carry_over(
        &self,
        room: &RoomId,
        meeting: &Meeting,
        day_end: DateTime<Utc>,
        now: DateTime<Utc>,
    ) -> Result<(), ServiceError> {
        let mut tx = self.store.begin_write().await?;
        let planned = tx.planned_meetings(room).await?;
        // Done already (another pass got there first): nothing to do.
        if !planned.iter().any(|other| other.id == meeting.id) {
            return Ok(());
        }
        let next = match next_meeting(&planned, day_end, self.settings.time_zone) {
            Some(next) => next.clone(),
            None => tx.create_unscheduled_meeting(room, now).await?,
        };
        let untreated: Vec<_> = tx.agenda(meeting.id).await?.untreated().cloned().collect();
        let mut position = tx.agenda(next.id).await?.next_position();
        for item in &untreated {
            tx.carry_over_item(item, meeting.starts_at, next.id, position, now)
                .await?;
            position += 1;
        }
        tx.mark_meeting_held(meeting.id).await?;
        // Its guests' addresses were for this meeting only.
        tx.forget_guest_addresses(meeting.id).await?;
        tx.commit().await?;
        tracing::info!(
            %room,
            meeting = %meeting.id,
            carried = untreated.len(),
            late_by_seconds = (now - day_end).num_seconds(),
            "meeting day over: agenda carried over"
        );
        Ok(())
    }
}
