//! What the bot says about meetings, proposals, votes and associations.

use std::collections::HashMap;

use chrono::{NaiveDate, Weekday};
use chrono_tz::Tz;

use crate::domain::dates::DateProblem;
use crate::domain::meeting::format_date_time;
use crate::domain::votes::{OptionResult, Proposal, keycap};
use crate::domain::{Language, Meeting, UserId};
use crate::i18n::{Texts, escape_markdown};

/// A member as the room sees them: display name, else user id.
pub fn member_name(names: &HashMap<UserId, String>, user: &UserId) -> String {
    escape_markdown(names.get(user).map_or(user.as_str(), String::as_str))
}

/// Why date option `number` could not be read, with an example.
pub fn date_error(
    texts: &Texts,
    language: Language,
    number: usize,
    given: &str,
    problem: &DateProblem,
) -> String {
    texts.format(
        language,
        "error-date",
        &[
            ("number", number.into()),
            ("given", escape_markdown(given).into()),
            ("problem", date_problem(texts, language, problem).into()),
        ],
    )
}

/// What is wrong with a date, as the end of a sentence ("est déjà passée.").
pub fn date_problem(texts: &Texts, language: Language, problem: &DateProblem) -> String {
    match problem {
        DateProblem::Unreadable => texts.get(language, "error-date-unreadable"),
        DateProblem::MissingTime => texts.get(language, "error-date-missing-time"),
        DateProblem::MissingDate => texts.get(language, "error-date-missing-date"),
        DateProblem::NoSuchDate => texts.get(language, "error-date-no-such-date"),
        DateProblem::InPast => texts.get(language, "error-date-past"),
        DateProblem::SkippedByClockChange => texts.get(language, "error-date-clock-change"),
        DateProblem::WeekdayMismatch { written, actual } => texts.format(
            language,
            "error-date-weekday",
            &[
                ("written", weekday_name(*written, language).into()),
                ("actual", weekday_name(*actual, language).into()),
            ],
        ),
    }
}

fn weekday_name(weekday: Weekday, language: Language) -> String {
    let Some(day) = NaiveDate::from_isoywd_opt(2026, 1, weekday) else {
        return format!("{weekday}");
    };
    let locale = match language {
        Language::Fr => chrono::Locale::fr_FR,
        Language::En => chrono::Locale::en_GB,
    };
    day.format_localized("%A", locale).to_string()
}

/// The bot's message presenting a proposal: members react to it to vote.
pub fn proposal(
    texts: &Texts,
    language: Language,
    time_zone: Tz,
    proposer: &str,
    proposal: &Proposal,
) -> String {
    let mut text = texts.format(
        language,
        "meeting-proposal",
        &[("proposer", proposer.to_owned().into())],
    );
    text.push_str("\n\n");
    for (index, starts_at) in proposal.options.iter().enumerate() {
        let key = keycap(index + 1).unwrap_or("•");
        text.push_str(&format!(
            "- {key} {}\n",
            format_date_time(*starts_at, time_zone, language)
        ));
    }
    text.push('\n');
    text.push_str(&texts.get(language, "meeting-proposal-footer"));
    text
}

/// The tally: per option, best first, who can come and which associations are covered; then
/// which dates have every association.
pub fn votes(
    texts: &Texts,
    language: Language,
    time_zone: Tz,
    ranked: &[OptionResult],
    names: &HashMap<UserId, String>,
) -> String {
    let mut text = texts.get(language, "meeting-votes-title");
    text.push_str("\n\n");
    for result in ranked {
        let total = result.covered.len() + result.missing.len();
        text.push_str("- ");
        let date = format_date_time(result.starts_at, time_zone, language);
        text.push_str(&if total == 0 {
            // A room without associations: only people count.
            texts.format(
                language,
                "meeting-votes-line-people",
                &[
                    ("key", keycap(result.number).unwrap_or("•").into()),
                    ("date", date.into()),
                    ("people", result.voters.len().into()),
                ],
            )
        } else {
            texts.format(
                language,
                "meeting-votes-line",
                &[
                    ("key", keycap(result.number).unwrap_or("•").into()),
                    ("date", date.into()),
                    ("people", result.voters.len().into()),
                    ("covered", result.covered.len().into()),
                    ("total", total.into()),
                ],
            )
        });
        if result.all_covered() {
            text.push_str(" — ");
            text.push_str(&texts.get(language, "meeting-votes-all-covered"));
        }
        text.push_str("\n  - ");
        if result.voters.is_empty() {
            text.push_str(&texts.get(language, "meeting-votes-nobody"));
        } else {
            let who: Vec<String> = result
                .voters
                .iter()
                .map(|voter| member_name(names, voter))
                .collect();
            text.push_str(&texts.format(
                language,
                "meeting-votes-who",
                &[("names", who.join(", ").into())],
            ));
        }
        if !result.missing.is_empty() {
            text.push_str("\n  - ");
            text.push_str(&texts.format(
                language,
                "meeting-votes-missing",
                &[(
                    "missing",
                    escape_markdown(&result.missing.join(", ")).into(),
                )],
            ));
        }
        text.push('\n');
    }
    text.push('\n');
    let no_associations = ranked
        .first()
        .is_none_or(|result| result.covered.is_empty() && result.missing.is_empty());
    if no_associations {
        return text.trim_end().to_owned();
    }
    let all: Vec<String> = ranked
        .iter()
        .filter(|result| result.all_covered())
        .map(|result| keycap(result.number).unwrap_or("•").to_owned())
        .collect();
    if all.is_empty() {
        text.push_str(&texts.get(language, "meeting-votes-summary-none"));
    } else {
        text.push_str(&texts.format(
            language,
            "meeting-votes-summary-all",
            &[("options", all.join(", ").into())],
        ));
    }
    text
}

/// `!meeting` alone: the next meeting as it stands.
pub fn meeting_overview(
    texts: &Texts,
    language: Language,
    time_zone: Tz,
    meeting: &Meeting,
    items: usize,
    proposal_open: bool,
) -> String {
    let mut lines = Vec::new();
    match meeting.starts_at {
        None => {
            lines.push(texts.format(language, "meeting-unscheduled", &[("items", items.into())]))
        }
        Some(starts_at) => {
            lines.push(texts.format(
                language,
                "meeting-next",
                &[(
                    "date",
                    format_date_time(starts_at, time_zone, language).into(),
                )],
            ));
            lines.push(place_line(texts, language, meeting));
            lines.push(host_line(texts, language, meeting));
            lines.push(texts.format(language, "meeting-items", &[("items", items.into())]));
        }
    }
    if proposal_open {
        lines.push(texts.get(language, "meeting-open-proposal"));
    } else if meeting.starts_at.is_none() {
        lines.push(texts.get(language, "meeting-none"));
    }
    lines.join("\n\n")
}

fn place_line(texts: &Texts, language: Language, meeting: &Meeting) -> String {
    match &meeting.place {
        Some(place) => texts.format(
            language,
            "meeting-place",
            &[("place", escape_markdown(place).into())],
        ),
        None => texts.get(language, "meeting-place-unknown"),
    }
}

fn host_line(texts: &Texts, language: Language, meeting: &Meeting) -> String {
    match &meeting.host {
        Some(host) => texts.format(
            language,
            "meeting-host",
            &[("host", escape_markdown(host).into())],
        ),
        None => texts.get(language, "meeting-host-unknown"),
    }
}

/// The announcement of a date chosen by `close`.
pub fn scheduled(texts: &Texts, language: Language, time_zone: Tz, meeting: &Meeting) -> String {
    let Some(starts_at) = meeting.starts_at else {
        return String::new();
    };
    [
        texts.format(
            language,
            "meeting-scheduled",
            &[(
                "date",
                format_date_time(starts_at, time_zone, language).into(),
            )],
        ),
        place_line(texts, language, meeting),
        host_line(texts, language, meeting),
        texts.get(language, "meeting-scheduled-invitation"),
    ]
    .join("\n\n")
}

/// `!associations`: members by association (in the room's order), then the guests.
pub fn association_list(
    texts: &Texts,
    language: Language,
    associations: &[String],
    membership: &HashMap<UserId, String>,
    members: &[(UserId, Option<String>)],
) -> String {
    let names: HashMap<UserId, String> = members
        .iter()
        .filter_map(|(user, name)| name.clone().map(|name| (user.clone(), name)))
        .collect();
    let mut text = texts.get(language, "association-list-title");
    text.push_str("\n\n");
    if associations.is_empty() {
        text.push_str(&texts.get(language, "association-list-none"));
        text.push('\n');
    }
    for association in associations {
        let mut in_it: Vec<String> = membership
            .iter()
            .filter(|(_, name)| *name == association)
            .map(|(user, _)| member_name(&names, user))
            .collect();
        in_it.sort();
        let members = if in_it.is_empty() {
            texts.get(language, "association-list-nobody")
        } else {
            in_it.join(", ")
        };
        text.push_str("- ");
        text.push_str(&texts.format(
            language,
            "association-list-line",
            &[
                ("association", escape_markdown(association).into()),
                ("members", members.into()),
            ],
        ));
        text.push('\n');
    }
    let mut guests: Vec<String> = members
        .iter()
        .filter(|(user, _)| !membership.contains_key(user))
        .map(|(user, _)| member_name(&names, user))
        .collect();
    guests.sort();
    if !guests.is_empty() {
        text.push('\n');
        text.push_str(&texts.format(
            language,
            "association-list-guests",
            &[("members", guests.join(", ").into())],
        ));
    }
    text
}

/// A second proposal while one is open.
pub fn meeting_proposal_open(texts: &Texts, language: Language) -> String {
    texts.get(language, "meeting-proposal-open")
}

/// Two options of one proposal name the same date.
pub fn date_duplicate(texts: &Texts, language: Language, first: usize, second: usize) -> String {
    texts.format(
        language,
        "error-date-duplicate",
        &[("first", first.into()), ("second", second.into())],
    )
}

pub fn meeting_no_proposal(texts: &Texts, language: Language) -> String {
    texts.get(language, "meeting-no-proposal")
}

pub fn meeting_close_no_such_option(
    texts: &Texts,
    language: Language,
    number: usize,
    count: usize,
) -> String {
    texts.format(
        language,
        "meeting-close-no-such-option",
        &[("number", number.into()), ("count", count.into())],
    )
}

/// Several dates rank first equally: they are listed, and the room chooses.
pub fn meeting_close_tie(
    texts: &Texts,
    language: Language,
    time_zone: Tz,
    proposal: &Proposal,
    tied: &[usize],
) -> String {
    let listed: Vec<String> = tied
        .iter()
        .filter_map(|number| {
            proposal.options.get(number - 1).map(|date| {
                format!(
                    "{} {}",
                    keycap(*number).unwrap_or("•"),
                    format_date_time(*date, time_zone, language)
                )
            })
        })
        .collect();
    texts.format(
        language,
        "meeting-close-tie",
        &[
            ("options", listed.join(" ; ").into()),
            ("first", tied.first().copied().unwrap_or(1).into()),
        ],
    )
}

/// The chosen date has passed since it was proposed.
pub fn meeting_close_past(
    texts: &Texts,
    language: Language,
    time_zone: Tz,
    number: usize,
    date: chrono::DateTime<chrono::Utc>,
) -> String {
    texts.format(
        language,
        "meeting-close-past",
        &[
            ("number", number.into()),
            ("date", format_date_time(date, time_zone, language).into()),
        ],
    )
}

/// The invitation's title in calendars.
pub fn meeting_summary(texts: &Texts, language: Language) -> String {
    texts.get(language, "meeting-summary")
}

/// The heading of the agenda in the invitation's description.
pub fn meeting_calendar_agenda(texts: &Texts, language: Language) -> String {
    texts.get(language, "meeting-calendar-agenda")
}

/// The invitation's file name.
pub fn meeting_calendar_file(texts: &Texts, language: Language) -> String {
    texts.get(language, "meeting-calendar-file")
}

/// Added to a change of place or host when the invitation is sent again.
pub fn meeting_invitation_updated(texts: &Texts, language: Language) -> String {
    texts.get(language, "meeting-invitation-updated")
}

/// A dated meeting cancelled; the cancellation for calendars follows as a file.
pub fn meeting_cancelled(
    texts: &Texts,
    language: Language,
    time_zone: Tz,
    meeting: &Meeting,
) -> String {
    let date = meeting
        .starts_at
        .map(|at| format_date_time(at, time_zone, language))
        .unwrap_or_default();
    let mut text = texts.format(language, "meeting-cancelled", &[("date", date.into())]);
    text.push(' ');
    text.push_str(&texts.get(language, "meeting-invitation-cancelled"));
    text
}

pub fn meeting_proposal_cancelled(texts: &Texts, language: Language) -> String {
    texts.get(language, "meeting-proposal-cancelled")
}

pub fn meeting_nothing_to_cancel(texts: &Texts, language: Language) -> String {
    texts.get(language, "meeting-nothing-to-cancel")
}

/// A host that is none of the room's associations, with the ones it knows.
pub fn meeting_host_unknown(
    texts: &Texts,
    language: Language,
    given: &str,
    known: &[String],
) -> String {
    let first = known.first().cloned().unwrap_or_default();
    texts.format(
        language,
        "meeting-host-unknown-association",
        &[
            ("given", escape_markdown(given).into()),
            ("known", escape_markdown(&known.join(", ")).into()),
            ("first", escape_markdown(&first).into()),
        ],
    )
}

pub fn meeting_host_set(texts: &Texts, language: Language, host: &str) -> String {
    texts.format(
        language,
        "meeting-host-set",
        &[("host", escape_markdown(host).into())],
    )
}

pub fn meeting_host_order_set(texts: &Texts, language: Language, order: &[String]) -> String {
    texts.format(
        language,
        "meeting-host-order-set",
        &[("order", escape_markdown(&order.join(", ")).into())],
    )
}

pub fn meeting_place_set(texts: &Texts, language: Language, place: &str) -> String {
    texts.format(
        language,
        "meeting-place-set",
        &[("place", escape_markdown(place).into())],
    )
}

/// `user` (Markdown-safe) now represents `association`, or is a guest with `None`.
pub fn association_set(
    texts: &Texts,
    language: Language,
    user: &str,
    association: Option<&str>,
) -> String {
    match association {
        Some(association) => texts.format(
            language,
            "association-set",
            &[
                ("user", user.to_owned().into()),
                ("association", escape_markdown(association).into()),
            ],
        ),
        None => texts.format(
            language,
            "association-unset",
            &[("user", user.to_owned().into())],
        ),
    }
}
