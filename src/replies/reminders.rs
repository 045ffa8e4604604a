//! What the room reads about reminders: the confirmation that repeats the time in words (so a
//! misread time is caught at once), the list, and the reminders themselves — texts that
//! notify, naming people with `matrix.to` pills.

use chrono::{DateTime, Duration, Utc};
use chrono_tz::Tz;

use super::{item_text, meeting_name};
use crate::domain::meeting::format_date_time;
use crate::domain::poll::Poll;
use crate::domain::record::Action;
use crate::domain::reminders::{Recurrence, Reminder, WhenProblem};
use crate::domain::{Agenda, Language, Meeting, UserId};
use crate::i18n::{Texts, escape_markdown};

/// A mention the member's client shows as a pill and pings: `[Name](https://matrix.to/#/@u:s)`.
pub fn pill(user: &UserId, name: &str) -> String {
    format!("[{}](https://matrix.to/#/{})", escape_markdown(name), user)
}

/// "chaque lundi à 9 h", "every Monday at 9:00 am", "chaque jour à 8 h".
fn recurrence_words(texts: &Texts, language: Language, recurrence: &Recurrence) -> String {
    let time = match language {
        Language::Fr => match recurrence.time.format("%M").to_string().as_str() {
            "00" => recurrence.time.format("%-H h").to_string(),
            _ => recurrence.time.format("%-H h %M").to_string(),
        },
        Language::En => recurrence.time.format("%-I:%M %P").to_string(),
    };
    match recurrence.weekday {
        None => texts.format(language, "reminder-every-day", &[("time", time.into())]),
        Some(weekday) => {
            let day = chrono::NaiveDate::from_isoywd_opt(2026, 1, weekday)
                .map(|day| {
                    let locale = match language {
                        Language::Fr => chrono::Locale::fr_FR,
                        Language::En => chrono::Locale::en_GB,
                    };
                    day.format_localized("%A", locale).to_string()
                })
                .unwrap_or_default();
            texts.format(
                language,
                "reminder-every-weekday",
                &[("day", day.into()), ("time", time.into())],
            )
        }
    }
}

/// The confirmation: the time in words, and the reminder's number.
pub fn reminder_created(
    texts: &Texts,
    language: Language,
    time_zone: Tz,
    reminder: &Reminder,
) -> String {
    let next = format_date_time(reminder.next_at, time_zone, language);
    match &reminder.recurrence {
        None => texts.format(
            language,
            "reminder-created",
            &[
                ("date", next.into()),
                ("text", item_text(&reminder.text).into()),
                ("number", reminder.number.into()),
            ],
        ),
        Some(recurrence) => texts.format(
            language,
            "reminder-created-recurring",
            &[
                (
                    "every",
                    recurrence_words(texts, language, recurrence).into(),
                ),
                ("date", next.into()),
                ("text", item_text(&reminder.text).into()),
                ("number", reminder.number.into()),
            ],
        ),
    }
}

/// A time that cannot be taken, with an example.
pub fn remind_error(texts: &Texts, language: Language, problem: &WhenProblem) -> String {
    let id = match problem {
        WhenProblem::Unreadable => "remind-error-unreadable",
        WhenProblem::InPast => "remind-error-past",
        WhenProblem::NoSuchDate => "remind-error-no-such-date",
        WhenProblem::TooFar => "remind-error-too-far",
    };
    format!(
        "{} {}",
        texts.get(language, id),
        texts.get(language, "remind-example")
    )
}

pub fn remind_missing_text(texts: &Texts, language: Language) -> String {
    format!(
        "{} {}",
        texts.get(language, "remind-missing-text"),
        texts.get(language, "remind-example")
    )
}

pub fn remind_too_long(texts: &Texts, language: Language, length: usize) -> String {
    texts.format(
        language,
        "remind-too-long",
        &[
            ("length", length.into()),
            ("max", crate::domain::reminders::MAX_REMINDER_LENGTH.into()),
        ],
    )
}

/// `!reminders`: the room's reminders, next first, and its meeting reminders.
pub fn reminder_list(
    texts: &Texts,
    language: Language,
    time_zone: Tz,
    reminders: &[(Reminder, String)],
    meeting_offsets: &[Duration],
) -> String {
    let mut text = if reminders.is_empty() {
        texts.get(language, "reminder-list-empty")
    } else {
        let mut text = texts.get(language, "reminder-list-title");
        text.push_str("\n\n");
        for (reminder, author) in reminders {
            let when = match &reminder.recurrence {
                Some(recurrence) => format!(
                    "{} ({})",
                    recurrence_words(texts, language, recurrence),
                    format_date_time(reminder.next_at, time_zone, language)
                ),
                None => format_date_time(reminder.next_at, time_zone, language),
            };
            text.push_str(&format!(
                "- n° {} — {} — {} ({})\n",
                reminder.number,
                when,
                item_text(&reminder.text),
                author
            ));
        }
        text
    };
    text.push('\n');
    text.push_str(&meeting_offsets_line(texts, language, meeting_offsets));
    text
}

/// "Rappels de réunion : 7 jours, 1 jour et 2 heures avant."
pub fn meeting_offsets_line(texts: &Texts, language: Language, offsets: &[Duration]) -> String {
    if offsets.is_empty() {
        return texts.get(language, "reminder-meeting-none");
    }
    let words: Vec<String> = offsets
        .iter()
        .map(|offset| offset_words(texts, language, *offset))
        .collect();
    texts.format(
        language,
        "reminder-meeting-offsets",
        &[("offsets", words.join(", ").into())],
    )
}

fn offset_words(texts: &Texts, language: Language, offset: Duration) -> String {
    let minutes = offset.num_minutes();
    let (id, count) = if minutes % 1440 == 0 {
        ("duration-days", minutes / 1440)
    } else if minutes % 60 == 0 {
        ("duration-hours", minutes / 60)
    } else {
        ("duration-minutes", minutes)
    };
    texts.format(language, id, &[("count", count.into())])
}

pub fn meeting_offsets_error(texts: &Texts, language: Language) -> String {
    texts.get(language, "reminder-meeting-error")
}

pub fn reminder_cancelled(texts: &Texts, language: Language, reminder: &Reminder) -> String {
    texts.format(
        language,
        "reminder-cancelled",
        &[
            ("number", reminder.number.into()),
            ("text", item_text(&reminder.text).into()),
        ],
    )
}

pub fn reminder_not_found(texts: &Texts, language: Language, number: usize) -> String {
    texts.format(language, "reminder-not-found", &[("number", number.into())])
}

/// "(prévu le … , envoyé en retard)" when a reminder goes out late.
fn late_note(
    texts: &Texts,
    language: Language,
    time_zone: Tz,
    due: DateTime<Utc>,
    late: bool,
) -> String {
    if !late {
        return String::new();
    }
    format!(
        " {}",
        texts.format(
            language,
            "reminder-late",
            &[("date", format_date_time(due, time_zone, language).into())],
        )
    )
}

/// A reminder a member asked for, naming them.
pub fn reminder_message(
    texts: &Texts,
    language: Language,
    time_zone: Tz,
    reminder: &Reminder,
    author_pill: &str,
    late: bool,
) -> String {
    let mut text = texts.format(
        language,
        "reminder-message",
        &[
            ("author", author_pill.to_owned().into()),
            ("text", item_text(&reminder.text).into()),
        ],
    );
    text.push_str(&late_note(
        texts,
        language,
        time_zone,
        reminder.next_at,
        late,
    ));
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
    texts: &Texts,
    language: Language,
    time_zone: Tz,
    meeting: &Meeting,
    agenda: &Agenda,
    late_actions: &[(Action, String)],
    offset: Duration,
    due: DateTime<Utc>,
    late: bool,
) -> String {
    let kind = MeetingReminderKind::for_offset(offset);
    let mut text = texts.format(
        language,
        "reminder-meeting",
        &[
            ("delay", offset_words(texts, language, offset).into()),
            (
                "meeting",
                meeting_name(texts, language, time_zone, meeting).into(),
            ),
        ],
    );
    text.push_str(&late_note(texts, language, time_zone, due, late));
    let unknown = texts.get(language, "minutes-unknown");
    text.push_str("\n\n- ");
    text.push_str(
        &texts.format(
            language,
            "minutes-place",
            &[(
                "place",
                meeting
                    .place
                    .as_deref()
                    .map(escape_markdown)
                    .unwrap_or_else(|| unknown.clone())
                    .into(),
            )],
        ),
    );
    text.push_str("\n- ");
    text.push_str(
        &texts.format(
            language,
            "minutes-host",
            &[(
                "host",
                meeting
                    .host
                    .as_deref()
                    .map(escape_markdown)
                    .unwrap_or(unknown)
                    .into(),
            )],
        ),
    );
    text.push_str("\n\n");
    if agenda.is_empty() {
        text.push_str(&texts.get(language, "reminder-agenda-empty"));
    } else {
        text.push_str(&texts.get(language, "minutes-agenda"));
        text.push('\n');
        for (index, item) in agenda.items().iter().enumerate() {
            let urgent = if item.urgent {
                format!("{} — ", texts.get(language, "agenda-item-urgent"))
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
        text.push_str(&texts.get(language, "reminder-meeting-ask-items"));
    }
    if kind == MeetingReminderKind::DayBefore && !late_actions.is_empty() {
        text.push('\n');
        text.push_str(&texts.get(language, "reminder-late-actions"));
        text.push('\n');
        for (action, owner) in late_actions {
            text.push_str(&format!(
                "- n° {} — {} : {}\n",
                action.number,
                owner,
                escape_markdown(&action.text)
            ));
        }
    }
    text.trim_end().to_owned()
}

/// The nudge of a poll: the associations that have not answered, their people named.
pub fn poll_nudge(
    texts: &Texts,
    language: Language,
    time_zone: Tz,
    poll: &Poll,
    missing: &[(String, Vec<String>)],
    late: bool,
) -> String {
    let deadline = poll
        .closes_at
        .map(|at| format_date_time(at, time_zone, language))
        .unwrap_or_default();
    let lines: Vec<String> = missing
        .iter()
        .map(|(association, pills)| {
            format!("{} : {}", escape_markdown(association), pills.join(", "))
        })
        .collect();
    let mut text = texts.format(
        language,
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
        text.push_str(&texts.get(language, "reminder-late-short"));
    }
    text
}

/// An action's reminder, two days before its due day or on the day.
pub fn action_reminder(
    texts: &Texts,
    language: Language,
    action: &Action,
    owner: &str,
    on_the_day: bool,
    late: bool,
) -> String {
    let due = action
        .due_on
        .map(|day| match language {
            Language::Fr => day.format("%d/%m/%Y").to_string(),
            Language::En => day
                .format_localized("%-d %b %Y", chrono::Locale::en_GB)
                .to_string(),
        })
        .unwrap_or_default();
    let id = if on_the_day {
        "reminder-action-day"
    } else {
        "reminder-action-before"
    };
    let mut text = texts.format(
        language,
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
        text.push_str(&texts.get(language, "reminder-late-short"));
    }
    text
}

/// `!page` on a bot without the web page.
pub fn page_disabled(texts: &Texts, language: Language) -> String {
    texts.get(language, "page-disabled")
}

/// The page's link (private: whoever has it can read), and the calendar to subscribe to.
pub fn page_link(texts: &Texts, language: Language, page: &str, replaced: bool) -> String {
    let calendar = format!("{page}reunions.ics");
    let webcal = calendar
        .replacen("https://", "webcal://", 1)
        .replacen("http://", "webcal://", 1);
    texts.format(
        language,
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
