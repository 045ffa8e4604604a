//! What the room reads about reminders: the confirmation that repeats the time in words (so a
//! misread time is caught at once), the list, and the reminders themselves — texts that
//! notify, naming people with `matrix.to` pills.

use super::wording::Wording;
use std::collections::HashMap;

use chrono::{DateTime, Duration, Utc};

use super::agenda::{item_text, meeting_name};
use crate::domain::attendance::Attendance;
use crate::domain::guest::Guest;
use crate::domain::poll::Poll;
use crate::domain::record::Action;
use crate::domain::reminders::{Recurrence, Reminder, WhenProblem};
use crate::domain::{Agenda, Meeting, UserId};
use crate::i18n::escape_markdown;

/// A mention the member's client shows as a pill and pings: `[Name](https://matrix.to/#/@u:s)`.
pub fn pill(user: &UserId, name: &str) -> String {
    format!("[{}](https://matrix.to/#/{})", escape_markdown(name), user)
}

/// "chaque lundi à 9 h", "every Monday at 9:00 am", "chaque jour à 8 h".
fn recurrence_words(wording: &Wording<'_>, recurrence: &Recurrence) -> String {
    let time = wording.time_of_day(recurrence.time);
    match recurrence.weekday {
        None => wording.format("reminder-every-day", &[("time", time.into())]),
        Some(weekday) => {
            let day = wording.weekday(weekday);
            wording.format(
                "reminder-every-weekday",
                &[("day", day.into()), ("time", time.into())],
            )
        }
    }
}

/// The confirmation: the time in words, and the reminder's number.
pub fn reminder_created(wording: &Wording<'_>, reminder: &Reminder) -> String {
    let next = wording.date_time(reminder.next_at);
    match &reminder.recurrence {
        None => wording.format(
            "reminder-created",
            &[
                ("date", next.into()),
                ("text", item_text(&reminder.text).into()),
                ("number", reminder.number.into()),
            ],
        ),
        Some(recurrence) => wording.format(
            "reminder-created-recurring",
            &[
                ("every", recurrence_words(wording, recurrence).into()),
                ("date", next.into()),
                ("text", item_text(&reminder.text).into()),
                ("number", reminder.number.into()),
            ],
        ),
    }
}

/// A time that cannot be taken, with an example.
pub fn remind_error(wording: &Wording<'_>, problem: &WhenProblem) -> String {
    let id = match problem {
        WhenProblem::Unreadable => "remind-error-unreadable",
        WhenProblem::InPast => "remind-error-past",
        WhenProblem::NoSuchDate => "remind-error-no-such-date",
        WhenProblem::TooFar => "remind-error-too-far",
    };
    format!("{} {}", wording.get(id), wording.get("remind-example"))
}

pub fn remind_missing_text(wording: &Wording<'_>) -> String {
    format!(
        "{} {}",
        wording.get("remind-missing-text"),
        wording.get("remind-example")
    )
}

pub fn remind_too_long(wording: &Wording<'_>, length: usize) -> String {
    wording.format(
        "remind-too-long",
        &[
            ("length", length.into()),
            ("max", crate::domain::reminders::MAX_REMINDER_LENGTH.into()),
        ],
    )
}

/// `!reminders`: the room's reminders, next first, and its meeting reminders.
pub fn reminder_list(
    wording: &Wording<'_>,
    reminders: &[(Reminder, String)],
    meeting_offsets: &[Duration],
) -> String {
    let mut text = if reminders.is_empty() {
        wording.get("reminder-list-empty")
    } else {
        let mut text = wording.get("reminder-list-title");
        text.push_str("\n\n");
        for (reminder, author) in reminders {
            let when = match &reminder.recurrence {
                Some(recurrence) => format!(
                    "{} ({})",
                    recurrence_words(wording, recurrence),
                    wording.date_time(reminder.next_at)
                ),
                None => wording.date_time(reminder.next_at),
            };
            text.push_str(&format!(
                "- {} — {} — {} ({})\n",
                wording.number(reminder.number),
                when,
                item_text(&reminder.text),
                author
            ));
        }
        text
    };
    text.push('\n');
    text.push_str(&meeting_offsets_line(wording, meeting_offsets));
    text
}

/// "Rappels de réunion : 7 jours, 1 jour et 2 heures avant."
pub fn meeting_offsets_line(wording: &Wording<'_>, offsets: &[Duration]) -> String {
    if offsets.is_empty() {
        return wording.get("reminder-meeting-none");
    }
    let words: Vec<String> = offsets
        .iter()
        .map(|offset| offset_words(wording, *offset))
        .collect();
    wording.format(
        "reminder-meeting-offsets",
        &[("offsets", words.join(", ").into())],
    )
}

fn offset_words(wording: &Wording<'_>, offset: Duration) -> String {
    let minutes = offset.num_minutes();
    let (id, count) = if minutes % 1440 == 0 {
        ("duration-days", minutes / 1440)
    } else if minutes % 60 == 0 {
        ("duration-hours", minutes / 60)
    } else {
        ("duration-minutes", minutes)
    };
    wording.format(id, &[("count", count.into())])
}

pub fn meeting_offsets_error(wording: &Wording<'_>) -> String {
    wording.get("reminder-meeting-error")
}

pub fn reminder_cancelled(wording: &Wording<'_>, reminder: &Reminder) -> String {
    wording.format(
        "reminder-cancelled",
        &[
            ("number", reminder.number.into()),
            ("text", item_text(&reminder.text).into()),
        ],
    )
}

pub fn reminder_not_found(wording: &Wording<'_>, number: usize) -> String {
    wording.format("reminder-not-found", &[("number", number.into())])
}

/// "(prévu le … , envoyé en retard)" when a reminder goes out late.
fn late_note(wording: &Wording<'_>, due: DateTime<Utc>, late: bool) -> String {
    if !late {
        return String::new();
    }
    format!(
        " {}",
        wording.format("reminder-late", &[("date", wording.date_time(due).into())],)
    )
}

/// A reminder a member asked for, naming them.
pub fn reminder_message(
    wording: &Wording<'_>,
    reminder: &Reminder,
    author_pill: &str,
    late: bool,
) -> String {
    let mut text = wording.format(
        "reminder-message",
        &[
            ("author", author_pill.to_owned().into()),
            ("text", item_text(&reminder.text).into()),
        ],
    );
    text.push_str(&late_note(wording, reminder.next_at, late));
    text
}

/// Which of a meeting's reminders this is: a week ahead (asks for agenda items), the day before
/// (the agenda, urgent items first, and late actions), or the last one.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub enum MeetingReminderKind {
    WeekAhead,
    DayBefore,
    Soon,
}

impl MeetingReminderKind {
    pub fn for_offset(offset: Duration) -> Self {
        if offset >= Duration::days(3) {
            MeetingReminderKind::WeekAhead
        } else if offset >= Duration::hours(12) {
            MeetingReminderKind::DayBefore
        } else {
            MeetingReminderKind::Soon
        }
    }
}

/// A meeting reminder: date, place, host, and depending on the kind the agenda.
#[allow(clippy::too_many_arguments)]
pub fn meeting_reminder(
    wording: &Wording<'_>,
    meeting: &Meeting,
    agenda: &Agenda,
    late_actions: &[(Action, String)],
    guests: &[Guest],
    attendance: Option<(&Attendance, &HashMap<UserId, String>)>,
    offset: Duration,
    due: DateTime<Utc>,
    late: bool,
) -> String {
    let kind = MeetingReminderKind::for_offset(offset);
    let mut text = wording.format(
        "reminder-meeting",
        &[
            ("delay", offset_words(wording, offset).into()),
            ("meeting", meeting_name(wording, meeting).into()),
        ],
    );
    text.push_str(&late_note(wording, due, late));
    text.push('\n');
    for line in super::meetings::meeting_details(wording, meeting, guests) {
        text.push_str("\n- ");
        text.push_str(&line);
    }
    text.push_str("\n\n");
    if agenda.is_empty() {
        text.push_str(&wording.get("reminder-agenda-empty"));
    } else {
        text.push_str(&wording.get("minutes-agenda"));
        text.push('\n');
        for (index, item) in agenda.items().iter().enumerate() {
            let urgent = if item.urgent {
                format!("{} — ", wording.get("agenda-item-urgent"))
            } else {
                String::new()
            };
            text.push_str(&format!(
                "{}. {urgent}{}\n",
                index + 1,
                item_text(&item.text)
            ));
        }
    }
    if kind == MeetingReminderKind::WeekAhead {
        text.push('\n');
        text.push_str(&wording.get("reminder-meeting-ask-items"));
    }
    if let Some((listing, names)) = attendance {
        text.push('\n');
        text.push_str(&wording.get("reminder-attendance"));
        text.push('\n');
        for line in super::attendance::association_lines(wording, listing, names) {
            text.push_str(&line);
            text.push('\n');
        }
        for standing in &listing.associations {
            let called = standing.to_call();
            if called.is_empty() {
                continue;
            }
            let pills: Vec<String> = called
                .iter()
                .map(|user| pill(user, names.get(user).map_or(user.as_str(), String::as_str)))
                .collect();
            text.push_str(&wording.format(
                "reminder-attendance-call",
                &[
                    ("association", escape_markdown(&standing.association).into()),
                    ("people", pills.join(", ").into()),
                ],
            ));
            text.push('\n');
        }
    }
    if kind == MeetingReminderKind::DayBefore && !late_actions.is_empty() {
        text.push('\n');
        text.push_str(&wording.get("reminder-late-actions"));
        text.push('\n');
        for (action, owner) in late_actions {
            text.push_str(&format!(
                "- {} — {}\n",
                wording.number(action.number),
                wording.labelled(owner, &escape_markdown(&action.text))
            ));
        }
    }
    text.trim_end().to_owned()
}

/// The nudge of a poll: the associations that have not answered, their people named.
pub fn poll_nudge(
    wording: &Wording<'_>,
    poll: &Poll,
    missing: &[(String, Vec<String>)],
    late: bool,
) -> String {
    let deadline = poll
        .closes_at
        .map(|at| wording.date_time(at))
        .unwrap_or_default();
    let lines: Vec<String> = missing
        .iter()
        .map(|(association, pills)| {
            wording.labelled(&escape_markdown(association), &pills.join(", "))
        })
        .collect();
    let mut text = wording.format(
        "reminder-poll-nudge",
        &[
            ("number", poll.number.into()),
            ("question", escape_markdown(&poll.question).into()),
            ("date", deadline.into()),
            ("missing", lines.join(" — ").into()),
        ],
    );
    if late {
        text.push(' ');
        text.push_str(&wording.get("reminder-late-short"));
    }
    text
}

/// An action's reminder, two days before its due day or on the day.
pub fn action_reminder(
    wording: &Wording<'_>,
    action: &Action,
    owner: &str,
    on_the_day: bool,
    late: bool,
) -> String {
    let due = action
        .due_on
        .map(|day| wording.day(day))
        .unwrap_or_default();
    let id = if on_the_day {
        "reminder-action-day"
    } else {
        "reminder-action-before"
    };
    let mut text = wording.format(
        id,
        &[
            ("number", action.number.into()),
            ("owner", owner.to_owned().into()),
            ("text", escape_markdown(&action.text).into()),
            ("date", due.into()),
        ],
    );
    if late {
        text.push(' ');
        text.push_str(&wording.get("reminder-late-short"));
    }
    text
}

/// `!page` on a bot without the web page.
pub fn page_disabled(wording: &Wording<'_>) -> String {
    wording.get("page-disabled")
}

/// The page's link (private: whoever has it can read), and the calendar to subscribe to.
pub fn page_link(wording: &Wording<'_>, page: &str, replaced: bool) -> String {
    let calendar = format!("{page}reunions.ics");
    let webcal = calendar
        .replacen("https://", "webcal://", 1)
        .replacen("http://", "webcal://", 1);
    wording.format(
        if replaced {
            "page-new-link"
        } else {
            "page-link"
        },
        &[
            ("page", page.to_owned().into()),
            ("calendar", calendar.into()),
            ("webcal", webcal.into()),
        ],
    )
}
