//! What the room reads about its record: decisions, their search and history, and actions.
//! (The minutes of a meeting, which list them: `minutes.rs`.)

use super::wording::Wording;
use std::collections::HashMap;

use chrono::NaiveDate;

use super::meetings::member_name;
use crate::domain::UserId;
use crate::domain::permissions::{Act, Refusal};
use crate::domain::poll::{JointPosition, Poll, PollResults};
use crate::domain::record::{Action, Decision, DecisionVersion, Owner, Unchangeable};
use crate::i18n::escape_markdown;

/// "n° 3 — text (Restos du Cœur, ALICE, 10/12/2026)" with the marks of its history.
pub(super) fn decision_line(
    wording: &Wording<'_>,
    decision: &Decision,
    names: &HashMap<UserId, String>,
) -> String {
    let mut line = format!(
        "{} — {}",
        wording.number(decision.number),
        escape_markdown(&decision.text)
    );
    let mut by = member_name(names, &decision.author);
    if let Some(association) = &decision.author_association {
        by = format!("{by}, {}", escape_markdown(association));
    }
    line.push_str(&format!(" ({by}, {})", wording.date(decision.created_at)));
    if decision.version > 1 {
        line.push_str(" — ");
        line.push_str(
            &wording.format("decision-amended", &[("versions", decision.version.into())]),
        );
    }
    if let Some(revoked) = &decision.revoked {
        line.push_str(" — ");
        line.push_str(&wording.format(
            "decision-revoked-mark",
            &[
                ("date", wording.date(revoked.at).into()),
                ("reason", escape_markdown(&revoked.reason).into()),
            ],
        ));
    }
    line
}

/// The confirmation of a new decision.
pub fn decision_recorded(wording: &Wording<'_>, decision: &Decision) -> String {
    let meeting = match decision.meeting {
        Some((_, Some(starts_at))) => wording.format(
            "decision-meeting",
            &[("date", wording.date(starts_at).into())],
        ),
        _ => wording.get("decision-no-meeting"),
    };
    wording.format(
        "decision-recorded",
        &[
            ("number", decision.number.into()),
            ("text", escape_markdown(&decision.text).into()),
            ("meeting", meeting.into()),
        ],
    )
}

/// The latest decisions, or those a search found.
pub fn decision_list(
    wording: &Wording<'_>,
    decisions: &[Decision],
    names: &HashMap<UserId, String>,
    search: Option<&str>,
) -> String {
    if decisions.is_empty() {
        return match search {
            Some(words) => wording.format(
                "decision-search-empty",
                &[("words", escape_markdown(words).into())],
            ),
            None => wording.get("decision-list-empty"),
        };
    }
    let mut text = match search {
        Some(words) => wording.format(
            "decision-search-title",
            &[
                ("words", escape_markdown(words).into()),
                ("count", decisions.len().into()),
            ],
        ),
        None => wording.get("decision-list-title"),
    };
    text.push_str("\n\n");
    for decision in decisions {
        text.push_str("- ");
        text.push_str(&decision_line(wording, decision, names));
        text.push('\n');
    }
    text.push('\n');
    text.push_str(&wording.get("decision-list-footer"));
    text
}

/// The register as a document (for the exports): a title, then every decision with the
/// marks of its history.
pub fn decisions_document(
    wording: &Wording<'_>,
    decisions: &[Decision],
    names: &HashMap<UserId, String>,
) -> String {
    let mut text = wording.get("export-decisions-title");
    text.push_str("\n\n");
    for decision in decisions {
        text.push_str("- ");
        text.push_str(&decision_line(wording, decision, names));
        text.push('\n');
    }
    text.trim_end().to_owned()
}

/// One decision in full: its text, who, when, its meeting and poll, its history.
pub fn decision_detail(
    wording: &Wording<'_>,
    decision: &Decision,
    versions: &[DecisionVersion],
    names: &HashMap<UserId, String>,
) -> String {
    let mut text = wording.format(
        "decision-detail-title",
        &[
            ("number", decision.number.into()),
            ("text", escape_markdown(&decision.text).into()),
        ],
    );
    text.push_str("\n\n");
    let mut by = member_name(names, &decision.author);
    if let Some(association) = &decision.author_association {
        by = format!("{by} ({})", escape_markdown(association));
    }
    text.push_str(&format!(
        "- {}\n",
        wording.format(
            "decision-detail-by",
            &[
                ("author", by.into()),
                ("date", wording.date_time(decision.created_at).into()),
            ],
        )
    ));
    text.push_str("- ");
    text.push_str(&match decision.meeting {
        Some((_, Some(starts_at))) => wording.format(
            "decision-meeting",
            &[("date", wording.date(starts_at).into())],
        ),
        _ => wording.get("decision-no-meeting"),
    });
    text.push('\n');
    if let Some(poll) = decision.poll {
        text.push_str(&format!(
            "- {}\n",
            wording.format("decision-from-poll", &[("number", poll.into())])
        ));
    }
    if let Some(revoked) = &decision.revoked {
        text.push_str(&format!(
            "- {}\n",
            wording.format(
                "decision-detail-revoked",
                &[
                    ("by", member_name(names, &revoked.by).into()),
                    ("date", wording.date(revoked.at).into()),
                    ("reason", escape_markdown(&revoked.reason).into()),
                ],
            )
        ));
    }
    if versions.len() > 1 {
        text.push('\n');
        text.push_str(&wording.get("decision-history"));
        text.push('\n');
        for version in versions {
            let label = format!(
                "v{} ({}, {})",
                version.version,
                member_name(names, &version.author),
                wording.date(version.created_at)
            );
            text.push_str(&format!(
                "- {}\n",
                wording.labelled(&label, &escape_markdown(&version.text))
            ));
        }
    }
    text.trim_end().to_owned()
}

pub fn decision_not_found(wording: &Wording<'_>, number: usize) -> String {
    wording.format("decision-not-found", &[("number", number.into())])
}

pub fn decision_amended(wording: &Wording<'_>, decision: &Decision) -> String {
    wording.format(
        "decision-amended-reply",
        &[
            ("number", decision.number.into()),
            ("text", escape_markdown(&decision.text).into()),
            ("version", decision.version.into()),
        ],
    )
}

pub fn decision_revoked(wording: &Wording<'_>, number: usize, reason: &str) -> String {
    wording.format(
        "decision-revoked-reply",
        &[
            ("number", number.into()),
            ("reason", escape_markdown(reason).into()),
        ],
    )
}

/// Why a decision cannot be amended or revoked.
pub fn unchangeable(wording: &Wording<'_>, problem: &Unchangeable) -> String {
    match problem {
        Unchangeable::NotFound { number } => decision_not_found(wording, *number),
        Unchangeable::AlreadyRevoked { number } => {
            wording.format("decision-already-revoked", &[("number", (*number).into())])
        }
        Unchangeable::Refused { number, author } => {
            let act = Act::ChangeDecision { number: *number };
            let refusal = Refusal {
                act,
                who: act.who(),
            };
            super::permissions::refused(wording, &refusal, author)
        }
    }
}

/// The text recorded when a poll's outcome goes to the register.
pub fn poll_decision_text(wording: &Wording<'_>, poll: &Poll, results: &PollResults) -> String {
    let counts: Vec<String> = poll
        .options
        .iter()
        .zip(&results.by_option)
        .map(|(option, voters)| format!("{option} {}", voters.len()))
        .collect();
    let id = match &results.joint {
        JointPosition::Adopted(_) => "decision-poll-adopted",
        _ => "decision-poll-not-adopted",
    };
    let option = match &results.joint {
        JointPosition::Adopted(option) => poll.options.get(option - 1).cloned().unwrap_or_default(),
        _ => String::new(),
    };
    let mut text = wording.format(
        id,
        &[
            ("option", option.into()),
            ("question", poll.question.clone().into()),
            ("number", poll.number.into()),
            ("counts", counts.join(", ").into()),
            ("rule", super::rule_name(wording, results.rule).into()),
        ],
    );
    text.push_str(&reasons_in_words(wording, poll, results));
    text.push_str(&mandates_in_words(wording, results));
    text
}

/// The associations whose answer a mandate gave, without names, for the record and the
/// minutes: " Par mandat : Croix-Rouge."; nothing when no mandate counted.
pub fn mandates_in_words(wording: &Wording<'_>, results: &PollResults) -> String {
    let givers: Vec<String> = results
        .mandates
        .iter()
        .filter(|used| used.used == crate::domain::mandate::Use::Counted)
        .map(|used| used.giver.clone())
        .collect();
    if givers.is_empty() {
        return String::new();
    }
    format!(
        " {}",
        wording.format(
            "poll-mandates-in-words",
            &[("associations", givers.join(", ").into())]
        )
    )
}

/// A consent poll's reasons, without names, for the record and the minutes:
/// " Objection : trop tôt ; Réserve : le coût."; nothing without reasons.
pub fn reasons_in_words(wording: &Wording<'_>, poll: &Poll, results: &PollResults) -> String {
    if results.reasons.is_empty() {
        return String::new();
    }
    let reasons: Vec<String> = results
        .reasons
        .iter()
        .map(|(_, option, reason)| {
            let label = poll
                .options
                .get(option.wrapping_sub(1))
                .cloned()
                .unwrap_or_default();
            wording.labelled(&label, reason)
        })
        .collect();
    format!(
        " {}",
        wording.format(
            "poll-reasons-in-words",
            &[("reasons", wording.semicolons(&reasons).into())]
        )
    )
}

/// An action's owner as the room reads it.
pub fn owner_name(owner: &Owner, names: &HashMap<UserId, String>) -> String {
    match owner {
        Owner::Member(user) => member_name(names, user),
        Owner::Association(name) => escape_markdown(name),
    }
}

pub(super) fn action_line(
    wording: &Wording<'_>,
    action: &Action,
    today: NaiveDate,
    names: &HashMap<UserId, String>,
) -> String {
    let mut line = wording.format(
        "action-line",
        &[
            ("number", action.number.into()),
            ("owner", owner_name(&action.owner, names).into()),
            ("text", escape_markdown(&action.text).into()),
        ],
    );
    if let Some(due) = action.due_on {
        line.push_str(" — ");
        line.push_str(&wording.format("action-due", &[("date", wording.day(due).into())]));
    }
    if action.done_at.is_some() {
        line.push_str(" — ");
        line.push_str(&wording.get("action-done-mark"));
    } else if action.is_late(today) {
        line.push_str(" — ");
        line.push_str(&wording.get("action-late-mark"));
    }
    line
}

/// The confirmation of a new action.
pub fn action_recorded(
    wording: &Wording<'_>,
    action: &Action,
    today: NaiveDate,
    names: &HashMap<UserId, String>,
) -> String {
    wording.format(
        "action-recorded",
        &[("line", action_line(wording, action, today, names).into())],
    )
}

/// The open actions, late ones first (already sorted).
pub fn action_list(
    wording: &Wording<'_>,
    actions: &[Action],
    today: NaiveDate,
    names: &HashMap<UserId, String>,
) -> String {
    if actions.is_empty() {
        return wording.get("action-list-empty");
    }
    let mut text = wording.get("action-list-title");
    text.push_str("\n\n");
    for action in actions {
        text.push_str("- ");
        text.push_str(&action_line(wording, action, today, names));
        text.push('\n');
    }
    text.push('\n');
    text.push_str(&wording.get("action-list-footer"));
    text
}

pub fn action_done(
    wording: &Wording<'_>,
    action: &Action,
    names: &HashMap<UserId, String>,
) -> String {
    wording.format(
        "action-done",
        &[
            ("number", action.number.into()),
            ("owner", owner_name(&action.owner, names).into()),
            ("text", escape_markdown(&action.text).into()),
        ],
    )
}

pub fn action_already_done(wording: &Wording<'_>, number: usize) -> String {
    wording.format("action-already-done", &[("number", number.into())])
}

pub fn action_not_found(wording: &Wording<'_>, number: usize) -> String {
    wording.format("action-not-found", &[("number", number.into())])
}

/// An owner that is neither a member nor one of the room's associations.
pub fn action_unknown_owner(wording: &Wording<'_>, given: &str, known: &[String]) -> String {
    wording.format(
        "action-unknown-owner",
        &[
            ("given", escape_markdown(given).into()),
            ("known", escape_markdown(&known.join(", ")).into()),
        ],
    )
}

pub fn action_missing_what(wording: &Wording<'_>) -> String {
    wording.get("action-missing-what")
}

pub fn action_too_long(wording: &Wording<'_>, length: usize) -> String {
    wording.format(
        "action-too-long",
        &[
            ("length", length.into()),
            ("max", crate::domain::record::MAX_ACTION_LENGTH.into()),
        ],
    )
}

/// A due date that cannot be read.
pub fn action_bad_due_date(wording: &Wording<'_>, given: &str) -> String {
    wording.format(
        "action-bad-due-date",
        &[("given", escape_markdown(given).into())],
    )
}
