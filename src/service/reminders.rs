//! Reminders: the `!remind` and `!reminders` handlers, and what the clock sends when it is due —
//! reminders members asked for, meeting reminders, poll nudges and action reminders. Each goes
//! out in one transaction with the record that it was sent (its key), so exactly once; one that
//! fell due while the bot was down goes out when it is back, marked late. They are texts
//! (`m.text`, which notify) naming people with mentions.

use std::collections::HashMap;

use chrono::{DateTime, Duration, Utc};

use super::error::ServiceError;
use super::reading::meeting_attendance;
use super::reading::poll_outcome;
use super::{Chat, Handled, Request, Service};
use crate::command::RemindersCommand;
use crate::domain::association::same_association;
use crate::domain::earliest;
use crate::domain::limits::Cap;
use crate::domain::messages::NewMessage;
use crate::domain::permissions::Act;
use crate::domain::poll::Stance;
use crate::domain::record::{Action, Owner};
use crate::domain::reminders::{
    DEFAULT_MEETING_OFFSETS, MAX_REMINDER_LENGTH, Reminder, When, action_reminders_due,
    meeting_reminder_due, offsets_code, offsets_from_code, poll_nudge_due, split_reminder,
};
use crate::domain::votes::members_of;
use crate::domain::{RoomId, UserId};
use crate::replies::MeetingEmail;
use crate::replies::{self, MeetingReminderKind, pill};
use crate::storage::{MeetingToRemind, Transaction};

/// How late a reminder may go out and still not be called late (the clock's own delay).
const ON_TIME: Duration = Duration::minutes(1);

impl<C: Chat> Service<C> {
    /// `!reminders…`: each form to its handler below.
    pub(super) async fn reminders(
        &self,
        request: &mut Request<'_>,
        command: RemindersCommand,
    ) -> Handled {
        match command {
            RemindersCommand::List => self.reminders_list(request).await,
            RemindersCommand::Cancel { number } => self.reminders_cancel(request, number).await,
            RemindersCommand::Meeting { offsets } => {
                self.reminders_meeting(request, offsets.as_deref()).await
            }
        }
    }

    /// `!remind <when> <text>`.
    pub(super) async fn remind(&self, request: &mut Request<'_>, typed: &str) -> Handled {
        let wording = &self.wording(request.language);
        let time_zone = self.settings.time_zone;
        let (when, text) = match split_reminder(typed, request.at, time_zone) {
            Ok(split) => split,
            Err(problem) => return request.say(replies::remind_error(wording, &problem)),
        };
        if text.is_empty() {
            return request.say(replies::remind_missing_text(wording));
        }
        let length = text.chars().count();
        if length > MAX_REMINDER_LENGTH {
            return request.say(replies::remind_too_long(wording, length));
        }
        let recurrence = match when {
            When::Every(recurrence) => Some(recurrence),
            When::Once(_) => None,
        };
        let room = request.room().clone();
        if !Cap::OpenReminders.allows_one_more(request.tx.room_reminders(&room).await?.len()) {
            return request.say(replies::cap_reached(wording, Cap::OpenReminders));
        }
        let sender = request.sender().clone();
        let reminder = request
            .tx
            .create_reminder(
                &room,
                &sender,
                &text,
                when.first(request.at, time_zone),
                recurrence,
                request.at,
            )
            .await?;
        request.reschedules = true;
        request.say(replies::reminder_created(wording, &reminder))
    }

    /// `!reminders`: the room's reminders and its meeting reminders.
    pub(super) async fn reminders_list(&self, request: &mut Request<'_>) -> Handled {
        let room = request.room().clone();
        let reminders = request.tx.room_reminders(&room).await?;
        let offsets = self.meeting_offsets(request.tx, &room).await?;
        let mut listed = Vec::with_capacity(reminders.len());
        for reminder in reminders {
            let author = self.name_of(&room, &reminder.author).await;
            listed.push((reminder, author));
        }
        request.say(replies::reminder_list(
            &self.wording(request.language),
            &listed,
            &offsets,
        ))
    }

    /// `!reminders cancel <n>`: its author or a moderator.
    pub(super) async fn reminders_cancel(
        &self,
        request: &mut Request<'_>,
        number: usize,
    ) -> Handled {
        let wording = &self.wording(request.language);
        let room = request.room().clone();
        let Some(reminder) = request.tx.active_reminder(&room, number).await? else {
            return request.say(replies::reminder_not_found(wording, number));
        };
        let owner = Owner::Member(reminder.author.clone());
        let act = Act::CancelReminder { number };
        if let Some(refusal) = self.refusal(request, act, Some(&owner)).await? {
            let author = self.name_of(&room, &reminder.author).await;
            return request.say(replies::refused(wording, &refusal, &author));
        }
        request.tx.cancel_reminder(reminder.id, request.at).await?;
        request.say(replies::reminder_cancelled(wording, &reminder))
    }

    /// `!reminders meeting [7d 1d 2h | none]`: shows or sets the room's meeting reminders.
    pub(super) async fn reminders_meeting(
        &self,
        request: &mut Request<'_>,
        offsets: Option<&[Duration]>,
    ) -> Handled {
        let wording = &self.wording(request.language);
        let room = request.room().clone();
        let Some(offsets) = offsets else {
            let offsets = self.meeting_offsets(request.tx, &room).await?;
            return request.say(replies::meeting_offsets_line(wording, &offsets));
        };
        request
            .tx
            .set_meeting_reminder_offsets(&room, &offsets_code(offsets))
            .await?;
        request.reschedules = true;
        request.say(replies::meeting_offsets_line(wording, offsets))
    }

    async fn meeting_offsets(
        &self,
        tx: &mut Transaction,
        room: &RoomId,
    ) -> Result<Vec<Duration>, ServiceError> {
        Ok(match tx.meeting_reminder_offsets(room).await? {
            Some(code) => offsets_from_code(&code),
            None => DEFAULT_MEETING_OFFSETS.to_vec(),
        })
    }

    /// Sends every reminder due by `now`; returns when the next one falls due.
    pub(super) async fn send_due_reminders(
        &self,
        now: DateTime<Utc>,
    ) -> Result<Option<DateTime<Utc>>, ServiceError> {
        let mut next: Vec<DateTime<Utc>> = Vec::new();
        next.extend(self.send_asked_reminders(now).await?);
        next.extend(self.send_meeting_reminders(now).await?);
        next.extend(self.send_poll_nudges(now).await?);
        next.extend(self.send_action_reminders(now).await?);
        Ok(next.into_iter().min())
    }

    /// Late: it fell due before this run of the bot began, or the clock is well behind.
    fn is_late(&self, due: DateTime<Utc>, now: DateTime<Utc>) -> bool {
        due < self.started_at || now - due > ON_TIME
    }

    /// Sends `message` under `key` once: `false` (and nothing queued) if it went out before.
    async fn send_once(
        &self,
        key: &str,
        room: &RoomId,
        due: DateTime<Utc>,
        message: Option<NewMessage>,
        now: DateTime<Utc>,
        and_then: impl AsyncFnOnce(&mut Transaction) -> Result<(), ServiceError>,
    ) -> Result<bool, ServiceError> {
        let mut tx = self.store.begin().await?;
        let late = self.is_late(due, now);
        if !tx.claim_reminder(key, room, due, late, now).await? {
            return Ok(false);
        }
        if let Some(message) = message {
            tx.queue_message(message, now).await?;
        }
        and_then(&mut tx).await?;
        tx.commit().await?;
        self.wakeups.queued();
        tracing::info!(%key, late, "reminder sent");
        Ok(true)
    }

    pub(super) async fn pill_of(&self, room: &RoomId, user: &UserId) -> String {
        let name = self.display_name(room, user).await;
        pill(user, name.as_deref().unwrap_or(user.as_str()))
    }

    async fn send_asked_reminders(
        &self,
        now: DateTime<Utc>,
    ) -> Result<Option<DateTime<Utc>>, ServiceError> {
        let time_zone = self.settings.time_zone;
        let mut next_due = None;
        for (room, reminder) in self.store.active_reminders().await? {
            if reminder.next_at > now {
                next_due = earliest(next_due, reminder.next_at);
                continue;
            }
            let key = reminder_key(&reminder);
            let sent = self
                .due_item(&key, &room, now, async {
                    let language = self.language_of(&room).await?;
                    let author = self.pill_of(&room, &reminder.author).await;
                    let late = self.is_late(reminder.next_at, now);
                    let markdown = replies::reminder_message(
                        &self.wording(language),
                        &reminder,
                        &author,
                        late,
                    );
                    let message = NewMessage::text(&room, markdown, vec![reminder.author.clone()]);
                    // A recurring reminder missed several times goes out once, then resumes.
                    let following = reminder.recurrence.map(|recurrence| {
                        recurrence.next_after(now.max(reminder.next_at), time_zone)
                    });
                    let id = reminder.id;
                    self.send_once(
                        &key,
                        &room,
                        reminder.next_at,
                        Some(message),
                        now,
                        async |tx| {
                            tx.advance_reminder(id, following, now).await?;
                            Ok(())
                        },
                    )
                    .await?;
                    Ok(following)
                })
                .await?;
            if let Some(Some(following)) = sent {
                next_due = earliest(next_due, following);
            }
        }
        Ok(next_due)
    }

    async fn send_meeting_reminders(
        &self,
        now: DateTime<Utc>,
    ) -> Result<Option<DateTime<Utc>>, ServiceError> {
        let mut next_due = None;
        for MeetingToRemind {
            room,
            meeting,
            scheduled_at,
            offsets,
        } in self.store.meetings_to_remind().await?
        {
            let Some(starts_at) = meeting.starts_at else {
                continue;
            };
            if starts_at <= now {
                continue;
            }
            let offsets = offsets
                .map(|code| offsets_from_code(&code))
                .unwrap_or_else(|| DEFAULT_MEETING_OFFSETS.to_vec());
            let mut overdue: Vec<(Duration, DateTime<Utc>)> = Vec::new();
            for offset in offsets {
                let Some(due) = meeting_reminder_due(starts_at, offset, scheduled_at) else {
                    continue;
                };
                if due > now {
                    next_due = earliest(next_due, due);
                } else {
                    overdue.push((offset, due));
                }
            }
            // Several overdue (the bot was down): only the closest to the meeting is worth
            // sending; the others are recorded as past.
            overdue.sort_by_key(|(offset, _)| *offset);
            for (index, (offset, due)) in overdue.iter().enumerate() {
                let key = format!(
                    "meeting:{}:{}:{}",
                    meeting.id,
                    offset.num_minutes(),
                    starts_at.to_rfc3339()
                );
                // Sent at an earlier pass: it stays overdue until the meeting, but is not built
                // again at every pass of the clock.
                if self.store.reminder_sent(&key).await? {
                    continue;
                }
                self.due_item(&key, &room, now, async {
                    let message = if index == 0 {
                        Some(
                            self.meeting_reminder(&room, &meeting, *offset, *due, now)
                                .await?,
                        )
                    } else {
                        None
                    };
                    let email = index == 0;
                    self.send_once(&key, &room, *due, message, now, async |tx| {
                        // The same reminder, by e-mail, in the same transaction: once.
                        if email {
                            let language = self.room_language(tx, &room).await?;
                            let agenda = tx.agenda(meeting.id).await?;
                            self.queue_meeting_emails(
                                tx,
                                &room,
                                language,
                                &meeting,
                                &agenda,
                                MeetingEmail::Reminder,
                                None,
                                None,
                                now,
                            )
                            .await?;
                        }
                        Ok(())
                    })
                    .await?;
                    Ok(())
                })
                .await?;
            }
        }
        Ok(next_due)
    }

    async fn meeting_reminder(
        &self,
        room: &RoomId,
        meeting: &crate::domain::Meeting,
        offset: Duration,
        due: DateTime<Utc>,
        now: DateTime<Utc>,
    ) -> Result<NewMessage, ServiceError> {
        let time_zone = self.settings.time_zone;
        let language = self.language_of(room).await?;
        let kind = MeetingReminderKind::for_offset(offset);
        let mut tx = self.store.begin().await?;
        let agenda = tx.agenda(meeting.id).await?;
        let guests = tx.guests(meeting.id).await?;
        let today = now.with_timezone(&time_zone).date_naive();
        let membership = tx.association_members(room).await?;
        let mut late_actions = Vec::new();
        let mut mentions = Vec::new();
        for action in tx.open_actions(room).await? {
            if action.is_late(today) {
                let (owner, people) = self.owner_pills(room, &action, &membership).await;
                mentions.extend(people);
                late_actions.push((action, owner));
            }
        }
        // A week before: the address book's contacts nobody has confirmed for long.
        let to_check: Vec<crate::domain::contact::Contact> =
            if kind == MeetingReminderKind::WeekAhead {
                let after = self.settings.contacts_confirm_after_days;
                let mut contacts = tx.contacts(room).await?;
                contacts.retain(|contact| contact.to_check(now, after));
                contacts
            } else {
                Vec::new()
            };
        // The day before: who comes, per association, and a call to those of an association
        // nobody represents yet.
        let attendance = if kind == MeetingReminderKind::DayBefore {
            meeting_attendance(&mut tx, room, meeting.id, Some(now)).await?
        } else {
            None
        };
        drop(tx);
        let names = match &attendance {
            Some(_) => self.member_names(room).await,
            None => HashMap::new(),
        };
        let wording = self.wording(language);
        let mut markdown = replies::meeting_reminder(
            &wording,
            meeting,
            &agenda,
            &late_actions,
            &guests,
            attendance.as_ref().map(|listing| (listing, &names)),
            offset,
            due,
            self.is_late(due, now),
        );
        if !to_check.is_empty() {
            markdown.push_str("\n\n");
            markdown.push_str(&replies::contacts_to_check(&wording, &to_check));
        }
        if kind != MeetingReminderKind::DayBefore {
            mentions.clear();
        }
        if let Some(listing) = &attendance {
            for standing in &listing.associations {
                mentions.extend(standing.to_call().iter().cloned());
            }
        }
        Ok(NewMessage::text(room, markdown, mentions))
    }

    async fn send_poll_nudges(
        &self,
        now: DateTime<Utc>,
    ) -> Result<Option<DateTime<Utc>>, ServiceError> {
        let mut next_due = None;
        for (room, poll, opened_at) in self.store.open_polls_with_deadline_and_opening().await? {
            let Some(deadline) = poll.closes_at else {
                continue;
            };
            let due = poll_nudge_due(opened_at, deadline);
            if now >= deadline {
                continue;
            }
            if due > now {
                next_due = earliest(next_due, due);
                continue;
            }
            let key = format!("poll:{}", poll.id);
            if self.store.reminder_sent(&key).await? {
                continue;
            }
            self.due_item(&key, &room, now, async {
                let mut tx = self.store.begin().await?;
                let outcome =
                    poll_outcome(&mut tx, &room, &poll, now, self.settings.time_zone).await?;
                let membership = tx.association_members(&room).await?;
                drop(tx);
                let mut missing = Vec::new();
                let mut mentions = Vec::new();
                for (association, stance) in &outcome.associations {
                    if *stance != Stance::Missing {
                        continue;
                    }
                    let mut pills = Vec::new();
                    for (user, _) in membership
                        .iter()
                        .filter(|(_, name)| same_association(name, association))
                    {
                        pills.push(self.pill_of(&room, user).await);
                        mentions.push(user.clone());
                    }
                    pills.sort();
                    missing.push((association.clone(), pills));
                }
                // Everyone answered: nothing to nudge, but the nudge is done.
                let message = if missing.is_empty() {
                    None
                } else {
                    let language = self.language_of(&room).await?;
                    let markdown = replies::poll_nudge(
                        &self.wording(language),
                        &poll,
                        &missing,
                        self.is_late(due, now),
                    );
                    Some(NewMessage::text(&room, markdown, mentions))
                };
                self.send_once(&key, &room, due, message, now, async |_| Ok(()))
                    .await?;
                Ok(())
            })
            .await?;
        }
        Ok(next_due)
    }

    async fn send_action_reminders(
        &self,
        now: DateTime<Utc>,
    ) -> Result<Option<DateTime<Utc>>, ServiceError> {
        let time_zone = self.settings.time_zone;
        let mut next_due = None;
        for (room, action) in self.store.actions_to_remind().await? {
            let Some(due_on) = action.due_on else {
                continue;
            };
            let dues = action_reminders_due(due_on, time_zone);
            let mut overdue = Vec::new();
            for (on_the_day, due) in [false, true].into_iter().zip(dues) {
                let Some(due) = due else {
                    continue;
                };
                if due > now {
                    next_due = earliest(next_due, due);
                } else if due >= action.created_at {
                    overdue.push((on_the_day, due));
                }
            }
            // Only the latest of the overdue ones is sent (the day itself over "in two days").
            overdue.reverse();
            for (index, (on_the_day, due)) in overdue.iter().enumerate() {
                let key = format!(
                    "action:{room}:{}:{}",
                    action.number,
                    if *on_the_day { "day" } else { "before" }
                );
                if self.store.reminder_sent(&key).await? {
                    continue;
                }
                self.due_item(&key, &room, now, async {
                    let message = if index == 0 {
                        let mut tx = self.store.begin().await?;
                        let membership = tx.association_members(&room).await?;
                        drop(tx);
                        let (owner, mentions) = self.owner_pills(&room, &action, &membership).await;
                        let language = self.language_of(&room).await?;
                        let markdown = replies::action_reminder(
                            &self.wording(language),
                            &action,
                            &owner,
                            *on_the_day,
                            self.is_late(*due, now),
                        );
                        Some(NewMessage::text(&room, markdown, mentions))
                    } else {
                        None
                    };
                    self.send_once(&key, &room, *due, message, now, async |_| Ok(()))
                        .await?;
                    Ok(())
                })
                .await?;
            }
        }
        Ok(next_due)
    }

    /// The owner of an action as pills (the member, or the association with its people) and
    /// the people to mention.
    async fn owner_pills(
        &self,
        room: &RoomId,
        action: &Action,
        membership: &HashMap<UserId, String>,
    ) -> (String, Vec<UserId>) {
        match &action.owner {
            Owner::Member(user) => (self.pill_of(room, user).await, vec![user.clone()]),
            Owner::Association(name) => {
                let people = members_of(membership, name);
                let mut pills = Vec::with_capacity(people.len());
                for user in &people {
                    pills.push(self.pill_of(room, user).await);
                }
                let owner = if pills.is_empty() {
                    crate::i18n::escape_markdown(name)
                } else {
                    format!(
                        "{} ({})",
                        crate::i18n::escape_markdown(name),
                        pills.join(", ")
                    )
                };
                (owner, people)
            }
        }
    }

    async fn language_of(&self, room: &RoomId) -> Result<crate::domain::Language, ServiceError> {
        let mut tx = self.store.begin().await?;
        self.room_language(&mut tx, room).await
    }
}

/// What makes a reminder's sending unique: the reminder and the time it was for.
fn reminder_key(reminder: &Reminder) -> String {
    format!("asked:{}:{}", reminder.id, reminder.next_at.to_rfc3339())
}
