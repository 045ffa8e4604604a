//! What the room reads about polls: the poll itself (and its text for clients without polls),
//! results with where each association stands, the list, and the answers to `!vote`.

use super::wording::Wording;
use std::collections::HashMap;

use super::meetings::{date_problem, member_name};
use crate::domain::UserId;
use crate::domain::dates::DateProblem;
use crate::domain::poll::{JointPosition, Poll, PollResults, Stance, WhichPoll};
use crate::domain::votes::keycap;
use crate::i18n::escape_markdown;

/// For / Against / Abstain, in the room's language.
pub fn poll_default_options(wording: &Wording<'_>) -> Vec<String> {
    [
        "poll-option-for",
        "poll-option-against",
        "poll-option-abstain",
    ]
    .iter()
    .map(|id| wording.get(id))
    .collect()
}

/// A consent poll's options, in the room's words: agree, concern, object.
pub fn poll_consent_options(wording: &Wording<'_>) -> Vec<String> {
    [
        "poll-consent-agree",
        "poll-consent-concern",
        "poll-consent-object",
    ]
    .iter()
    .map(|id| wording.get(id))
    .collect()
}

/// A reason past its length.
pub fn poll_reason_too_long(wording: &Wording<'_>, poll: &Poll) -> String {
    wording.format(
        "poll-reason-too-long",
        &[
            ("number", poll.number.into()),
            ("max", crate::domain::poll::MAX_REASON_LENGTH.into()),
        ],
    )
}

/// The reason given with a concern or an objection, noted.
pub fn poll_reason_noted(wording: &Wording<'_>) -> String {
    wording.get("poll-reason-noted")
}

/// A concern or an objection without its reason: asked for, with how to give it.
pub fn poll_reason_asked(wording: &Wording<'_>, poll: &Poll, option: usize) -> String {
    wording.format(
        "poll-reason-asked",
        &[
            ("number", poll.number.into()),
            ("option", option_label(poll, option).into()),
            (
                "word",
                poll.options
                    .get(option.wrapping_sub(1))
                    .map(|label| label.to_lowercase())
                    .unwrap_or_default()
                    .into(),
            ),
        ],
    )
}

/// In the poll's thread, to the member who answered a concern or an objection in their
/// client: why? (Their next message in the thread is taken as the reason.)
pub fn poll_reason_asked_in_thread(
    wording: &Wording<'_>,
    poll: &Poll,
    option: usize,
    user: &UserId,
    name: &str,
) -> String {
    wording.format(
        "poll-reason-asked-in-thread",
        &[
            ("pill", super::reminders::pill(user, name).into()),
            ("option", option_label(poll, option).into()),
            ("number", poll.number.into()),
        ],
    )
}

/// The reasons given for concerns and objections, one per line ("ALICE (Objection) : …").
pub fn poll_reasons(
    wording: &Wording<'_>,
    poll: &Poll,
    results: &PollResults,
    names: &HashMap<UserId, String>,
) -> String {
    if results.reasons.is_empty() {
        return String::new();
    }
    let mut text = wording.get("poll-reasons");
    for (voter, option, reason) in &results.reasons {
        let who = format!(
            "{} ({})",
            member_name(names, voter),
            option_label(poll, *option)
        );
        text.push_str("\n- ");
        text.push_str(&wording.labelled(&who, &escape_markdown(reason)));
    }
    text
}

/// The question as clients show it on the poll: "Sondage n° 2 : …".
pub fn poll_question(wording: &Wording<'_>, poll: &Poll) -> String {
    wording.format(
        "poll-question",
        &[
            ("number", poll.number.into()),
            ("question", poll.question.clone().into()),
        ],
    )
}

/// The poll as plain text, for clients that do not show polls: the options and how to answer.
/// No Markdown here: those clients show the text as it is (`author` unescaped).
pub fn poll_fallback(wording: &Wording<'_>, poll: &Poll, author: &str) -> String {
    let mut text = wording.format(
        "poll-fallback-intro",
        &[
            ("number", poll.number.into()),
            ("author", author.to_owned().into()),
            ("question", poll.question.clone().into()),
        ],
    );
    text.push('\n');
    for (index, option) in poll.options.iter().enumerate() {
        text.push_str(&format!("{} {option}\n", keycap(index + 1).unwrap_or("•")));
    }
    if let Some(deadline) = poll.closes_at {
        text.push_str(&wording.format(
            "poll-fallback-deadline",
            &[("date", wording.date_time(deadline).into())],
        ));
        text.push('\n');
    }
    text.push_str(&wording.format("poll-fallback-how", &[("number", poll.number.into())]));
    text
}

/// A deadline that cannot be read or is past, with an example.
pub fn poll_deadline_error(wording: &Wording<'_>, given: &str, problem: &DateProblem) -> String {
    wording.format(
        "error-poll-deadline",
        &[
            ("given", escape_markdown(given).into()),
            ("problem", date_problem(wording, problem).into()),
        ],
    )
}

fn option_label(poll: &Poll, option: usize) -> String {
    poll.options
        .get(option.wrapping_sub(1))
        .map(|label| escape_markdown(label))
        .unwrap_or_default()
}

/// The results: per option who answered (and for which association), per association where
/// it stands, the guests apart, and one line on the joint position.
pub fn poll_results(
    wording: &Wording<'_>,
    poll: &Poll,
    results: &PollResults,
    names: &HashMap<UserId, String>,
    closed_late: bool,
) -> String {
    let date = |at| wording.date_time(at);
    let mut text = wording.format(
        "poll-results-title",
        &[
            ("number", poll.number.into()),
            ("question", escape_markdown(&poll.question).into()),
        ],
    );
    text.push('\n');
    text.push_str(&match (poll.closed_at, poll.closes_at) {
        (Some(closed), _) if closed_late => {
            wording.format("poll-status-closed-late", &[("date", date(closed).into())])
        }
        (Some(closed), _) => wording.format("poll-status-closed", &[("date", date(closed).into())]),
        (None, Some(deadline)) => {
            wording.format("poll-status-open-until", &[("date", date(deadline).into())])
        }
        (None, None) => wording.get("poll-status-open"),
    });
    text.push_str("\n\n");
    for (index, voters) in results.by_option.iter().enumerate() {
        let line = wording.format(
            "poll-option-line",
            &[
                ("key", keycap(index + 1).unwrap_or("•").into()),
                ("option", option_label(poll, index + 1).into()),
                ("count", voters.len().into()),
            ],
        );
        text.push_str("- ");
        if voters.is_empty() {
            text.push_str(&line);
        } else {
            text.push_str(&wording.labelled(&line, &voter_list(wording, voters, names)));
        }
        text.push('\n');
    }
    if !results.associations.is_empty() {
        text.push('\n');
        text.push_str(&wording.get("poll-by-association"));
        text.push('\n');
        for (association, stance) in &results.associations {
            let association =
                super::association_in_results(wording, association, &results.mandates, names);
            text.push_str("- ");
            text.push_str(&match stance {
                Stance::Missing => wording.format(
                    "poll-stance-missing",
                    &[("association", association.into())],
                ),
                Stance::Unanimous { option, voters } => wording.format(
                    "poll-stance-unanimous",
                    &[
                        ("association", association.into()),
                        ("option", option_label(poll, *option).into()),
                        ("names", voter_list(wording, voters, names).into()),
                    ],
                ),
                Stance::Split(answers) => {
                    let details: Vec<String> = answers
                        .iter()
                        .map(|(voter, option)| {
                            wording
                                .labelled(&member_name(names, voter), &option_label(poll, *option))
                        })
                        .collect();
                    wording.format(
                        "poll-stance-split",
                        &[
                            ("association", association.into()),
                            ("details", details.join(", ").into()),
                        ],
                    )
                }
            });
            text.push('\n');
        }
    }
    if !results.guests.is_empty() {
        let details: Vec<String> = results
            .guests
            .iter()
            .map(|(voter, option)| {
                wording.labelled(&member_name(names, voter), &option_label(poll, *option))
            })
            .collect();
        text.push('\n');
        text.push_str(&wording.format("poll-guests", &[("details", details.join(", ").into())]));
        text.push('\n');
    }
    if !results.guest_associations.is_empty() {
        let stances: Vec<String> = results
            .guest_associations
            .iter()
            .map(|(association, stance)| {
                let where_ = match stance {
                    Stance::Unanimous { option, .. } => option_label(poll, *option),
                    Stance::Split(_) => wording.get("poll-guest-association-split"),
                    Stance::Missing => wording.get("poll-guest-association-missing"),
                };
                format!("{} — {where_}", escape_markdown(association))
            })
            .collect();
        text.push('\n');
        text.push_str(&wording.format(
            "poll-guest-associations",
            &[("stances", wording.semicolons(&stances).into())],
        ));
        text.push('\n');
    }
    let unused = super::mandate_use_lines(wording, &results.mandates, names);
    if !unused.is_empty() {
        text.push('\n');
        for line in unused {
            text.push_str(&format!("- {line}\n"));
        }
    }
    let reasons = poll_reasons(wording, poll, results, names);
    if !reasons.is_empty() {
        text.push('\n');
        text.push_str(&reasons);
        text.push('\n');
    }
    text.push('\n');
    text.push_str(&joint_position(wording, poll, &results.joint));
    text.push('\n');
    text.push_str(&super::rule_line(wording, results.rule));
    if !results.silent_consent.is_empty() {
        let silent: Vec<String> = results
            .silent_consent
            .iter()
            .map(|association| escape_markdown(association))
            .collect();
        text.push('\n');
        text.push_str(&wording.format(
            "rule-silent-consent",
            &[("associations", silent.join(", ").into())],
        ));
    }
    text
}

/// Who chose an option, by name; answers kept without their person counted once
/// ("ALICE, 2 réponses anonymes").
fn voter_list(wording: &Wording<'_>, voters: &[UserId], names: &HashMap<UserId, String>) -> String {
    let (anonymous, named): (Vec<&UserId>, Vec<&UserId>) = voters
        .iter()
        .partition(|voter| crate::domain::ballot::is_anonymous(voter));
    let mut listed: Vec<String> = named
        .into_iter()
        .map(|voter| member_name(names, voter))
        .collect();
    if !anonymous.is_empty() {
        listed.push(wording.format("anonymous-answers", &[("count", anonymous.len().into())]));
    }
    listed.join(", ")
}

/// A hidden poll's results while it is open: which associations have answered and which are
/// awaited, how many people answered — nothing of what they chose.
pub fn poll_results_hidden(wording: &Wording<'_>, poll: &Poll, results: &PollResults) -> String {
    let names = |answered: bool| -> Vec<String> {
        results
            .associations
            .iter()
            .filter(|(_, stance)| matches!(stance, Stance::Missing) != answered)
            .map(|(association, _)| escape_markdown(association))
            .collect()
    };
    let (answered, awaited) = (names(true), names(false));
    let none = wording.get("poll-hidden-nobody");
    let list = |names: &[String]| {
        if names.is_empty() {
            none.clone()
        } else {
            names.join(", ")
        }
    };
    wording.format(
        "poll-results-hidden",
        &[
            ("number", poll.number.into()),
            ("question", escape_markdown(&poll.question).into()),
            ("answered", list(&answered).into()),
            ("awaited", list(&awaited).into()),
            ("count", results.respondents().into()),
        ],
    )
}

/// The one line that says whether the group has a joint position, and if not, why.
fn joint_position(wording: &Wording<'_>, poll: &Poll, joint: &JointPosition) -> String {
    match joint {
        JointPosition::Adopted(option) => wording.format(
            "poll-joint-adopted",
            &[("option", option_label(poll, *option).into())],
        ),
        JointPosition::NoAssociations => wording.get("poll-joint-none"),
        JointPosition::Objected { objecting } => wording.format(
            "poll-joint-objected",
            &[(
                "associations",
                escape_markdown(&objecting.join(", ")).into(),
            )],
        ),
        JointPosition::NotYet {
            missing,
            split,
            disagreeing,
        } => {
            let mut text = wording.get("poll-joint-not-yet");
            if !missing.is_empty() {
                text.push(' ');
                text.push_str(&wording.format(
                    "poll-joint-missing",
                    &[("associations", escape_markdown(&missing.join(", ")).into())],
                ));
            }
            if !split.is_empty() {
                text.push(' ');
                text.push_str(&wording.format(
                    "poll-joint-split",
                    &[("associations", escape_markdown(&split.join(", ")).into())],
                ));
            }
            if *disagreeing {
                text.push(' ');
                text.push_str(&wording.get("poll-joint-disagree"));
            }
            text
        }
    }
}

/// The joint position in a few words ("Position commune : Pour." / "Pas de position
/// commune."), for the poll's end and the minutes; nothing when the room has no associations.
pub fn joint_position_short(wording: &Wording<'_>, poll: &Poll, joint: &JointPosition) -> String {
    match joint {
        JointPosition::Adopted(option) => wording.format(
            "poll-end-adopted",
            &[(
                "option",
                poll.options
                    .get(option - 1)
                    .cloned()
                    .unwrap_or_default()
                    .into(),
            )],
        ),
        JointPosition::NotYet { .. } | JointPosition::Objected { .. } => {
            wording.get("poll-end-not-yet")
        }
        JointPosition::NoAssociations => String::new(),
    }
}

/// The text of the poll's end event (clients show the final results beside it).
pub fn poll_end_text(wording: &Wording<'_>, poll: &Poll, results: &PollResults) -> String {
    let joint = joint_position_short(wording, poll, &results.joint);
    wording
        .format(
            "poll-end-text",
            &[("number", poll.number.into()), ("joint", joint.into())],
        )
        .trim_end()
        .to_owned()
}

/// `!polls`: the open polls with their numbers, deadlines and how many answered.
pub fn poll_list(wording: &Wording<'_>, polls: &[(Poll, usize)]) -> String {
    if polls.is_empty() {
        return wording.get("poll-list-empty");
    }
    let mut text = wording.get("poll-list-title");
    text.push_str("\n\n");
    for (poll, answered) in polls {
        text.push_str("- ");
        text.push_str(&wording.format(
            "poll-list-line",
            &[
                ("number", poll.number.into()),
                ("question", escape_markdown(&poll.question).into()),
                ("count", (*answered).into()),
            ],
        ));
        if let Some(deadline) = poll.closes_at {
            text.push_str(" — ");
            text.push_str(&wording.format(
                "poll-list-until",
                &[("date", wording.date_time(deadline).into())],
            ));
        }
        text.push('\n');
    }
    text.push('\n');
    text.push_str(&wording.get("poll-list-footer"));
    text
}

/// The poll a command meant does not exist: no poll n°, or none at all (none open).
pub fn poll_missing(wording: &Wording<'_>, which: WhichPoll) -> String {
    match which {
        WhichPoll::Number(number) => wording.format("poll-not-found", &[("number", number.into())]),
        WhichPoll::Latest { open_only: true } => wording.get("poll-none-open"),
        WhichPoll::Latest { open_only: false } => wording.get("poll-none"),
    }
}

pub fn poll_already_closed(wording: &Wording<'_>, poll: &Poll) -> String {
    wording.format("poll-already-closed", &[("number", poll.number.into())])
}

pub fn poll_closed_no_answer(wording: &Wording<'_>, poll: &Poll) -> String {
    wording.format("poll-closed-no-answer", &[("number", poll.number.into())])
}

/// `!vote n <option>` with an option the poll does not have: its options, and an example.
pub fn poll_no_such_option(wording: &Wording<'_>, poll: &Poll, given: &str) -> String {
    let options: Vec<String> = poll
        .options
        .iter()
        .enumerate()
        .map(|(index, option)| format!("{} {}", index + 1, escape_markdown(option)))
        .collect();
    wording.format(
        "poll-no-such-option",
        &[
            ("number", poll.number.into()),
            ("given", escape_markdown(given).into()),
            ("options", options.join(", ").into()),
        ],
    )
}

/// The confirmation of a `!vote`.
pub fn poll_answer_recorded(
    wording: &Wording<'_>,
    poll: &Poll,
    option: usize,
    voter: &str,
) -> String {
    wording.format(
        "poll-answer-recorded",
        &[
            ("number", poll.number.into()),
            ("option", option_label(poll, option).into()),
            ("voter", voter.to_owned().into()),
        ],
    )
}
