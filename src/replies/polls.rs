//! What the room reads about polls: the poll itself (and its text for clients without polls),
//! results with where each association stands, the list, and the answers to `!vote`.

use std::collections::HashMap;

use chrono_tz::Tz;

use super::meetings::{date_problem, member_name};
use crate::domain::dates::DateProblem;
use crate::domain::meeting::format_date_time;
use crate::domain::poll::{JointPosition, Poll, PollResults, Stance};
use crate::domain::votes::keycap;
use crate::domain::{Language, UserId};
use crate::i18n::{Texts, escape_markdown};

/// For / Against / Abstain, in the room's language.
pub fn poll_default_options(texts: &Texts, language: Language) -> Vec<String> {
    [
        "poll-option-for",
        "poll-option-against",
        "poll-option-abstain",
    ]
    .iter()
    .map(|id| texts.get(language, id))
    .collect()
}

/// The question as clients show it on the poll: "Sondage n° 2 : …".
pub fn poll_question(texts: &Texts, language: Language, poll: &Poll) -> String {
    texts.format(
        language,
        "poll-question",
        &[
            ("number", poll.number.into()),
            ("question", poll.question.clone().into()),
        ],
    )
}

/// The poll as plain text, for clients that do not show polls: the options and how to answer.
pub fn poll_fallback(
    texts: &Texts,
    language: Language,
    time_zone: Tz,
    poll: &Poll,
    author: &str,
) -> String {
    let mut text = texts.format(
        language,
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
        text.push_str(&texts.format(
            language,
            "poll-fallback-deadline",
            &[(
                "date",
                format_date_time(deadline, time_zone, language).into(),
            )],
        ));
        text.push('\n');
    }
    text.push_str(&texts.format(
        language,
        "poll-fallback-how",
        &[("number", poll.number.into())],
    ));
    text
}

/// A deadline that cannot be read or is past, with an example.
pub fn poll_deadline_error(
    texts: &Texts,
    language: Language,
    given: &str,
    problem: &DateProblem,
) -> String {
    texts.format(
        language,
        "error-poll-deadline",
        &[
            ("given", escape_markdown(given).into()),
            ("problem", date_problem(texts, language, problem).into()),
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
    texts: &Texts,
    language: Language,
    time_zone: Tz,
    poll: &Poll,
    results: &PollResults,
    names: &HashMap<UserId, String>,
    closed_late: bool,
) -> String {
    let date = |at| format_date_time(at, time_zone, language);
    let mut text = texts.format(
        language,
        "poll-results-title",
        &[
            ("number", poll.number.into()),
            ("question", escape_markdown(&poll.question).into()),
        ],
    );
    text.push('\n');
    text.push_str(&match (poll.closed_at, poll.closes_at) {
        (Some(closed), _) if closed_late => texts.format(
            language,
            "poll-status-closed-late",
            &[("date", date(closed).into())],
        ),
        (Some(closed), _) => texts.format(
            language,
            "poll-status-closed",
            &[("date", date(closed).into())],
        ),
        (None, Some(deadline)) => texts.format(
            language,
            "poll-status-open-until",
            &[("date", date(deadline).into())],
        ),
        (None, None) => texts.get(language, "poll-status-open"),
    });
    text.push_str("\n\n");
    for (index, voters) in results.by_option.iter().enumerate() {
        text.push_str("- ");
        text.push_str(&texts.format(
            language,
            "poll-option-line",
            &[
                ("key", keycap(index + 1).unwrap_or("•").into()),
                ("option", option_label(poll, index + 1).into()),
                ("count", voters.len().into()),
            ],
        ));
        if !voters.is_empty() {
            let listed: Vec<String> = voters
                .iter()
                .map(|voter| member_name(names, voter))
                .collect();
            text.push_str(" : ");
            text.push_str(&listed.join(", "));
        }
        text.push('\n');
    }
    if !results.associations.is_empty() {
        text.push('\n');
        text.push_str(&texts.get(language, "poll-by-association"));
        text.push('\n');
        for (association, stance) in &results.associations {
            let association = escape_markdown(association);
            text.push_str("- ");
            text.push_str(&match stance {
                Stance::Missing => texts.format(
                    language,
                    "poll-stance-missing",
                    &[("association", association.into())],
                ),
                Stance::Unanimous { option, voters } => {
                    let listed: Vec<String> = voters
                        .iter()
                        .map(|voter| member_name(names, voter))
                        .collect();
                    texts.format(
                        language,
                        "poll-stance-unanimous",
                        &[
                            ("association", association.into()),
                            ("option", option_label(poll, *option).into()),
                            ("names", listed.join(", ").into()),
                        ],
                    )
                }
                Stance::Split(answers) => {
                    let details: Vec<String> = answers
                        .iter()
                        .map(|(voter, option)| {
                            format!(
                                "{} : {}",
                                member_name(names, voter),
                                option_label(poll, *option)
                            )
                        })
                        .collect();
                    texts.format(
                        language,
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
                format!(
                    "{} : {}",
                    member_name(names, voter),
                    option_label(poll, *option)
                )
            })
            .collect();
        text.push('\n');
        text.push_str(&texts.format(
            language,
            "poll-guests",
            &[("details", details.join(", ").into())],
        ));
        text.push('\n');
    }
    text.push('\n');
    text.push_str(&joint_position(texts, language, poll, &results.joint));
    text
}

/// The one line that says whether the group has a joint position, and if not, why.
fn joint_position(texts: &Texts, language: Language, poll: &Poll, joint: &JointPosition) -> String {
    match joint {
        JointPosition::Adopted(option) => texts.format(
            language,
            "poll-joint-adopted",
            &[("option", option_label(poll, *option).into())],
        ),
        JointPosition::NoAssociations => texts.get(language, "poll-joint-none"),
        JointPosition::NotYet {
            missing,
            split,
            disagreeing,
        } => {
            let mut text = texts.get(language, "poll-joint-not-yet");
            if !missing.is_empty() {
                text.push(' ');
                text.push_str(&texts.format(
                    language,
                    "poll-joint-missing",
                    &[("associations", escape_markdown(&missing.join(", ")).into())],
                ));
            }
            if !split.is_empty() {
                text.push(' ');
                text.push_str(&texts.format(
                    language,
                    "poll-joint-split",
                    &[("associations", escape_markdown(&split.join(", ")).into())],
                ));
            }
            if *disagreeing {
                text.push(' ');
                text.push_str(&texts.get(language, "poll-joint-disagree"));
            }
            text
        }
    }
}

/// The joint position in a few words ("Position commune : Pour." / "Pas de position
/// commune."), for the poll's end and the minutes; nothing when the room has no associations.
pub fn joint_position_short(
    texts: &Texts,
    language: Language,
    poll: &Poll,
    joint: &JointPosition,
) -> String {
    match joint {
        JointPosition::Adopted(option) => texts.format(
            language,
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
        JointPosition::NotYet { .. } => texts.get(language, "poll-end-not-yet"),
        JointPosition::NoAssociations => String::new(),
    }
}

/// The text of the poll's end event (clients show the final results beside it).
pub fn poll_end_text(
    texts: &Texts,
    language: Language,
    poll: &Poll,
    results: &PollResults,
) -> String {
    let joint = joint_position_short(texts, language, poll, &results.joint);
    texts
        .format(
            language,
            "poll-end-text",
            &[("number", poll.number.into()), ("joint", joint.into())],
        )
        .trim_end()
        .to_owned()
}

/// `!polls`: the open polls with their numbers, deadlines and how many answered.
pub fn poll_list(
    texts: &Texts,
    language: Language,
    time_zone: Tz,
    polls: &[(Poll, usize)],
) -> String {
    if polls.is_empty() {
        return texts.get(language, "poll-list-empty");
    }
    let mut text = texts.get(language, "poll-list-title");
    text.push_str("\n\n");
    for (poll, answered) in polls {
        text.push_str("- ");
        text.push_str(&texts.format(
            language,
            "poll-list-line",
            &[
                ("number", poll.number.into()),
                ("question", escape_markdown(&poll.question).into()),
                ("count", (*answered).into()),
            ],
        ));
        if let Some(deadline) = poll.closes_at {
            text.push_str(" — ");
            text.push_str(&texts.format(
                language,
                "poll-list-until",
                &[(
                    "date",
                    format_date_time(deadline, time_zone, language).into(),
                )],
            ));
        }
        text.push('\n');
    }
    text.push('\n');
    text.push_str(&texts.get(language, "poll-list-footer"));
    text
}

pub fn poll_not_found(texts: &Texts, language: Language, number: usize) -> String {
    texts.format(language, "poll-not-found", &[("number", number.into())])
}

/// No poll at all (or none open, with `open_only`).
pub fn poll_none(texts: &Texts, language: Language, open_only: bool) -> String {
    texts.get(
        language,
        if open_only {
            "poll-none-open"
        } else {
            "poll-none"
        },
    )
}

pub fn poll_already_closed(texts: &Texts, language: Language, poll: &Poll) -> String {
    texts.format(
        language,
        "poll-already-closed",
        &[("number", poll.number.into())],
    )
}

pub fn poll_closed_no_answer(texts: &Texts, language: Language, poll: &Poll) -> String {
    texts.format(
        language,
        "poll-closed-no-answer",
        &[("number", poll.number.into())],
    )
}

/// `!vote n <option>` with an option the poll does not have: its options, and an example.
pub fn poll_no_such_option(texts: &Texts, language: Language, poll: &Poll, given: &str) -> String {
    let options: Vec<String> = poll
        .options
        .iter()
        .enumerate()
        .map(|(index, option)| format!("{} {}", index + 1, escape_markdown(option)))
        .collect();
    texts.format(
        language,
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
    texts: &Texts,
    language: Language,
    poll: &Poll,
    option: usize,
    voter: &str,
) -> String {
    texts.format(
        language,
        "poll-answer-recorded",
        &[
            ("number", poll.number.into()),
            ("option", option_label(poll, option).into()),
            ("voter", voter.to_owned().into()),
        ],
    )
}
