//! What the bot says about meetings, proposals, votes and associations.

use super::wording::Wording;
use std::collections::HashMap;

use crate::domain::dates::DateProblem;
use crate::domain::guest::Guest;
use crate::domain::holidays::is_public_holiday;
use crate::domain::rhythm::Rhythm;
use crate::domain::votes::{OptionResult, Proposal, keycap};
use crate::domain::{Meeting, UserId};
use crate::i18n::escape_markdown;

/// A member as the room sees them: display name, else user id.
pub fn member_name(names: &HashMap<UserId, String>, user: &UserId) -> String {
    escape_markdown(names.get(user).map_or(user.as_str(), String::as_str))
}

/// Why date option `number` could not be read, with an example.
pub fn date_error(
    wording: &Wording<'_>,
    number: usize,
    given: &str,
    problem: &DateProblem,
) -> String {
    wording.format(
        "error-date",
        &[
            ("number", number.into()),
            ("given", escape_markdown(given).into()),
            ("problem", date_problem(wording, problem).into()),
        ],
    )
}

/// What is wrong with a date, as the end of a sentence ("est déjà passée.").
pub fn date_problem(wording: &Wording<'_>, problem: &DateProblem) -> String {
    match problem {
        DateProblem::Unreadable => wording.get("error-date-unreadable"),
        DateProblem::MissingTime => wording.get("error-date-missing-time"),
        DateProblem::MissingDate => wording.get("error-date-missing-date"),
        DateProblem::NoSuchDate => wording.get("error-date-no-such-date"),
        DateProblem::InPast => wording.get("error-date-past"),
        DateProblem::SkippedByClockChange => wording.get("error-date-clock-change"),
        DateProblem::WeekdayMismatch { written, actual } => wording.format(
            "error-date-weekday",
            &[
                ("written", wording.weekday(*written).into()),
                ("actual", wording.weekday(*actual).into()),
            ],
        ),
    }
}

/// The place, the host and the guests of a meeting, a line each ("Lieu : Melun"): what its
/// reminders and its minutes say of it.
pub(super) fn meeting_details(
    wording: &Wording<'_>,
    meeting: &Meeting,
    guests: &[crate::domain::guest::Guest],
) -> Vec<String> {
    let unknown = wording.get("minutes-unknown");
    let given = |value: &Option<String>| {
        value
            .as_deref()
            .map(escape_markdown)
            .unwrap_or_else(|| unknown.clone())
    };
    let mut lines = vec![
        wording.format("minutes-place", &[("place", given(&meeting.place).into())]),
        wording.format("minutes-host", &[("host", given(&meeting.host).into())]),
    ];
    lines.extend(super::guests::guests_line(wording, guests));
    lines
}

/// The bot's message presenting a proposal: members react to it to vote.
pub fn proposal(wording: &Wording<'_>, proposer: &str, proposal: &Proposal) -> String {
    let mut text = wording.format(
        "meeting-proposal",
        &[("proposer", proposer.to_owned().into())],
    );
    text.push_str("\n\n");
    text.push_str(&proposal_options(wording, proposal));
    text.push('\n');
    text.push_str(&wording.get("meeting-proposal-if-need-be"));
    text.push('\n');
    text.push_str(&wording.get("meeting-proposal-footer"));
    text
}

/// "- 1️⃣ jeudi 10 décembre 2026 à 14 h", one line per date, a public holiday marked.
pub(super) fn proposal_options(wording: &Wording<'_>, proposal: &Proposal) -> String {
    let mut text = String::new();
    for (index, starts_at) in proposal.options.iter().enumerate() {
        let key = keycap(index + 1).unwrap_or("•");
        let day = starts_at.with_timezone(&wording.time_zone).date_naive();
        let holiday = if is_public_holiday(day) {
            format!(" — {}", wording.get("meeting-holiday-mark"))
        } else {
            String::new()
        };
        text.push_str(&format!(
            "- {key} {}{holiday}\n",
            wording.date_time(*starts_at)
        ));
    }
    text
}

/// A rhythm's name: "trimestriel".
pub fn rhythm_name(wording: &Wording<'_>, rhythm: Rhythm) -> String {
    wording.get(match rhythm {
        Rhythm::Quarterly => "meeting-rhythm-quarterly",
        Rhythm::Bimonthly => "meeting-rhythm-bimonthly",
        Rhythm::Monthly => "meeting-rhythm-monthly",
    })
}

/// "Rythme : trimestriel." in `!réunion`, or how to set one.
pub fn rhythm_line(wording: &Wording<'_>, rhythm: Option<Rhythm>) -> String {
    match rhythm {
        Some(rhythm) => wording.format(
            "meeting-rhythm-line",
            &[("rhythm", rhythm_name(wording, rhythm).into())],
        ),
        None => wording.get("meeting-rhythm-line-none"),
    }
}

/// The tally: per option, best first, who can come and which associations are covered; then
/// which dates have every association.
pub fn votes(
    wording: &Wording<'_>,
    ranked: &[OptionResult],
    names: &HashMap<UserId, String>,
) -> String {
    let mut text = wording.get("meeting-votes-title");
    text.push_str("\n\n");
    for result in ranked {
        let total = result.covered.len() + result.missing.len();
        text.push_str("- ");
        let date = wording.date_time(result.starts_at);
        text.push_str(&if total == 0 {
            // A room without associations: only people count.
            wording.format(
                "meeting-votes-line-people",
                &[
                    ("key", keycap(result.number).unwrap_or("•").into()),
                    ("date", date.into()),
                    ("people", result.voters.len().into()),
                ],
            )
        } else {
            wording.format(
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
            text.push_str(&wording.get("meeting-votes-all-covered"));
            if !result.reserved.is_empty() {
                text.push(' ');
                text.push_str(&wording.format(
                    "meeting-votes-reserved",
                    &[(
                        "associations",
                        escape_markdown(&result.reserved.join(", ")).into(),
                    )],
                ));
            }
        }
        text.push_str("\n  - ");
        if result.voters.is_empty() {
            text.push_str(&wording.get("meeting-votes-nobody"));
        } else {
            let who: Vec<String> = result
                .voters
                .iter()
                .map(|voter| member_name(names, voter))
                .collect();
            text.push_str(
                &wording.format("meeting-votes-who", &[("names", who.join(", ").into())]),
            );
        }
        if !result.if_need_be.is_empty() {
            let who: Vec<String> = result
                .if_need_be
                .iter()
                .map(|voter| member_name(names, voter))
                .collect();
            text.push_str("\n  - ");
            text.push_str(&wording.format(
                "meeting-votes-if-need-be",
                &[("names", who.join(", ").into())],
            ));
        }
        if !result.missing.is_empty() {
            text.push_str("\n  - ");
            text.push_str(&wording.format(
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
        text.push_str(&wording.get("meeting-votes-summary-none"));
    } else {
        text.push_str(&wording.format(
            "meeting-votes-summary-all",
            &[("options", all.join(", ").into())],
        ));
    }
    text
}

/// `!meeting` alone: the next meeting as it stands.
pub fn meeting_overview(
    wording: &Wording<'_>,
    meeting: &Meeting,
    items: usize,
    proposal_open: bool,
    guests: &[Guest],
    rhythm: Option<Rhythm>,
) -> String {
    let mut lines = Vec::new();
    match meeting.starts_at {
        None => lines.push(wording.format("meeting-unscheduled", &[("items", items.into())])),
        Some(starts_at) => {
            lines.push(wording.format(
                "meeting-next",
                &[("date", wording.date_time(starts_at).into())],
            ));
            lines.push(place_line(wording, meeting));
            lines.push(host_line(wording, meeting));
            lines.push(wording.format("meeting-items", &[("items", items.into())]));
        }
    }
    lines.extend(super::guests::guests_line(wording, guests));
    if proposal_open {
        lines.push(wording.get("meeting-open-proposal"));
    } else if meeting.starts_at.is_none() {
        lines.push(wording.get("meeting-none"));
    }
    lines.push(rhythm_line(wording, rhythm));
    lines.join("\n\n")
}

fn place_line(wording: &Wording<'_>, meeting: &Meeting) -> String {
    match &meeting.place {
        Some(place) => wording.format("meeting-place", &[("place", escape_markdown(place).into())]),
        None => wording.get("meeting-place-unknown"),
    }
}

fn host_line(wording: &Wording<'_>, meeting: &Meeting) -> String {
    match &meeting.host {
        Some(host) => wording.format("meeting-host", &[("host", escape_markdown(host).into())]),
        None => wording.get("meeting-host-unknown"),
    }
}

/// The announcement of a date chosen by `close`.
/// `reserved`: the associations that said they come to this date only if need be.
pub fn scheduled(wording: &Wording<'_>, meeting: &Meeting, reserved: &[String]) -> String {
    let Some(starts_at) = meeting.starts_at else {
        return String::new();
    };
    let mut lines = vec![wording.format(
        "meeting-scheduled",
        &[("date", wording.date_time(starts_at).into())],
    )];
    if !reserved.is_empty() {
        lines.push(wording.format(
            "meeting-scheduled-if-need-be",
            &[("associations", escape_markdown(&reserved.join(", ")).into())],
        ));
    }
    lines.extend([
        place_line(wording, meeting),
        host_line(wording, meeting),
        wording.get("meeting-scheduled-attendance"),
        wording.get("meeting-scheduled-invitation"),
    ]);
    lines.join("\n\n")
}

/// A second proposal while one is open.
pub fn meeting_proposal_open(wording: &Wording<'_>) -> String {
    wording.get("meeting-proposal-open")
}

/// Two options of one proposal name the same date.
pub fn date_duplicate(wording: &Wording<'_>, first: usize, second: usize) -> String {
    wording.format(
        "error-date-duplicate",
        &[("first", first.into()), ("second", second.into())],
    )
}

pub fn meeting_no_proposal(wording: &Wording<'_>) -> String {
    wording.get("meeting-no-proposal")
}

pub fn meeting_close_no_such_option(wording: &Wording<'_>, number: usize, count: usize) -> String {
    wording.format(
        "meeting-close-no-such-option",
        &[("number", number.into()), ("count", count.into())],
    )
}

/// `!meeting available 2 [maybe]`: noted.
pub fn meeting_available(
    wording: &Wording<'_>,
    starts_at: chrono::DateTime<chrono::Utc>,
    if_need_be: bool,
) -> String {
    wording.format(
        if if_need_be {
            "meeting-available-if-need-be"
        } else {
            "meeting-available"
        },
        &[("date", wording.date_time(starts_at).into())],
    )
}

/// `!meeting available …` with no proposal open (closed already, or none made).
pub fn meeting_available_no_proposal(wording: &Wording<'_>, if_need_be: bool) -> String {
    wording.get(if if_need_be {
        "meeting-available-closed-if-need-be"
    } else {
        "meeting-available-closed"
    })
}

/// `!meeting available 7` on a proposal of three dates.
pub fn meeting_available_no_such_option(
    wording: &Wording<'_>,
    number: usize,
    count: usize,
) -> String {
    wording.format(
        "meeting-available-no-such-option",
        &[("number", number.into()), ("count", count.into())],
    )
}

/// Several dates rank first equally: they are listed, and the room chooses.
pub fn meeting_close_tie(wording: &Wording<'_>, proposal: &Proposal, tied: &[usize]) -> String {
    let listed: Vec<String> = tied
        .iter()
        .filter_map(|number| {
            proposal.options.get(number - 1).map(|date| {
                format!(
                    "{} {}",
                    keycap(*number).unwrap_or("•"),
                    wording.date_time(*date)
                )
            })
        })
        .collect();
    wording.format(
        "meeting-close-tie",
        &[
            ("options", wording.semicolons(&listed).into()),
            ("first", tied.first().copied().unwrap_or(1).into()),
        ],
    )
}

/// The chosen date has passed since it was proposed.
pub fn meeting_close_past(
    wording: &Wording<'_>,
    number: usize,
    date: chrono::DateTime<chrono::Utc>,
) -> String {
    wording.format(
        "meeting-close-past",
        &[
            ("number", number.into()),
            ("date", wording.date_time(date).into()),
        ],
    )
}

/// The invitation's title in calendars.
pub fn meeting_summary(wording: &Wording<'_>) -> String {
    wording.get("meeting-summary")
}

/// The heading of the agenda in the invitation's description.
pub fn meeting_calendar_agenda(wording: &Wording<'_>) -> String {
    wording.get("meeting-calendar-agenda")
}

/// The invitation's file name.
pub fn meeting_calendar_file(wording: &Wording<'_>) -> String {
    wording.get("meeting-calendar-file")
}

/// Added to a change of place or host when the invitation is sent again.
pub fn meeting_invitation_updated(wording: &Wording<'_>) -> String {
    wording.get("meeting-invitation-updated")
}

/// A dated meeting cancelled; the cancellation for calendars follows as a file.
pub fn meeting_cancelled(wording: &Wording<'_>, meeting: &Meeting) -> String {
    let date = meeting
        .starts_at
        .map(|at| wording.date_time(at))
        .unwrap_or_default();
    let mut text = wording.format("meeting-cancelled", &[("date", date.into())]);
    text.push(' ');
    text.push_str(&wording.get("meeting-invitation-cancelled"));
    text
}

pub fn meeting_proposal_cancelled(wording: &Wording<'_>) -> String {
    wording.get("meeting-proposal-cancelled")
}

/// `!réunion annuler réunion` with no dated meeting (`proposal_open`: there is a proposal to
/// cancel instead).
pub fn meeting_no_dated_meeting(wording: &Wording<'_>, proposal_open: bool) -> String {
    if proposal_open {
        wording.get("meeting-no-dated-meeting-but-proposal")
    } else {
        wording.get("meeting-nothing-to-cancel")
    }
}

/// `!réunion annuler` when a meeting is dated and a proposal open, and the sender may cancel
/// both: which?
pub fn meeting_cancel_which(wording: &Wording<'_>, meeting: &Meeting) -> String {
    let date = meeting
        .starts_at
        .map(|at| wording.date_time(at))
        .unwrap_or_default();
    wording.format("meeting-cancel-which", &[("date", date.into())])
}

pub fn meeting_nothing_to_cancel(wording: &Wording<'_>) -> String {
    wording.get("meeting-nothing-to-cancel")
}

/// A host that is none of the room's associations, with the ones it knows.
pub fn meeting_host_unknown(wording: &Wording<'_>, given: &str, known: &[String]) -> String {
    let first = known.first().cloned().unwrap_or_default();
    wording.format(
        "meeting-host-unknown-association",
        &[
            ("given", escape_markdown(given).into()),
            ("known", escape_markdown(&known.join(", ")).into()),
            ("first", escape_markdown(&first).into()),
        ],
    )
}

pub fn meeting_host_set(wording: &Wording<'_>, host: &str) -> String {
    wording.format(
        "meeting-host-set",
        &[("host", escape_markdown(host).into())],
    )
}

pub fn meeting_host_order_set(wording: &Wording<'_>, order: &[String]) -> String {
    wording.format(
        "meeting-host-order-set",
        &[("order", escape_markdown(&order.join(", ")).into())],
    )
}

pub fn meeting_place_set(wording: &Wording<'_>, place: &str) -> String {
    wording.format(
        "meeting-place-set",
        &[("place", escape_markdown(place).into())],
    )
}

#[cfg(test)]
mod tests {
    use super::*;
    use crate::domain::Language;
    use crate::i18n::Texts;

    fn texts() -> Texts {
        Texts::new().expect("locales")
    }

    #[test]
    fn votes_in_a_room_without_associations_count_people_only() {
        use crate::domain::UserId;
        use crate::domain::votes::OptionResult;
        let texts = texts();
        let ranked = vec![OptionResult {
            number: 1,
            starts_at: crate::testing::at("2026-12-10T13:00:00Z"),
            voters: vec![UserId::new("@alice:localhost")],
            covered: Vec::new(),
            reserved: Vec::new(),
            if_need_be: Vec::new(),
            missing: Vec::new(),
        }];
        let text = votes(
            &Wording::new(&texts, Language::Fr, chrono_tz::Europe::Paris),
            &ranked,
            &HashMap::new(),
        );
        assert!(
            text.contains("1️⃣ jeudi 10 décembre 2026 à 14 h — 1 personne\n"),
            "{text}"
        );
        assert!(!text.contains("association"), "{text}");
    }
}
