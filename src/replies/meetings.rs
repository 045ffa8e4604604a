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
    let problem = match problem {
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
    };
    texts.format(
        language,
        "error-date",
        &[
            ("number", number.into()),
            ("given", escape_markdown(given).into()),
            ("problem", problem.into()),
        ],
    )
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
                    ("number", result.number.into()),
                    ("date", date.into()),
                    ("people", result.voters.len().into()),
                ],
            )
        } else {
            texts.format(
                language,
                "meeting-votes-line",
                &[
                    ("number", result.number.into()),
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
        .map(|result| format!("{}️⃣", result.number))
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
