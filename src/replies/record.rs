//! What the room reads about its record: decisions, their search and history, actions, and
//! the minutes of a meeting (also uploaded as a Markdown file and exported from the command
//! line, so the same words serve all three).

use super::wording::Wording;
use std::collections::HashMap;

use chrono::NaiveDate;

use super::agenda::{author, item_text};
use super::meetings::member_name;
use super::polls::joint_position_short;
use crate::domain::attendance::Attendance;
use crate::domain::guest::Guest;
use crate::domain::permissions::{Act, Refusal};
use crate::domain::poll::{JointPosition, Poll, PollResults};
use crate::domain::record::{Action, Decision, DecisionVersion, Owner, Unchangeable};
use crate::domain::{AgendaItem, ItemId, ItemNote, ItemStatus, Meeting, UserId};
use crate::i18n::escape_markdown;

/// Everything the minutes of a meeting gather.
#[derive(Debug, Clone)]
pub struct Minutes {
    pub meeting: Meeting,
    /// Every item its agenda had, whatever became of it, in the agenda's order.
    pub items: Vec<AgendaItem>,
    /// What was said or agreed on each item.
    pub notes: HashMap<ItemId, Vec<ItemNote>>,
    /// The meeting's guests (speakers).
    pub guests: Vec<Guest>,
    /// Who came, per association, when the meeting's date was set by a version that asks.
    pub attendance: Option<Attendance>,
    /// The polls closed that day, with their results.
    pub polls: Vec<(Poll, PollResults)>,
    pub decisions: Vec<Decision>,
    pub actions: Vec<Action>,
}

/// "n° 3 — text (Restos du Cœur, ALICE, 10/12/2026)" with the marks of its history.
fn decision_line(
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
    wording.format(
        id,
        &[
            ("option", option.into()),
            ("question", poll.question.clone().into()),
            ("number", poll.number.into()),
            ("counts", counts.join(", ").into()),
        ],
    )
}

/// An action's owner as the room reads it.
pub fn owner_name(owner: &Owner, names: &HashMap<UserId, String>) -> String {
    match owner {
        Owner::Member(user) => member_name(names, user),
        Owner::Association(name) => escape_markdown(name),
    }
}

fn action_line(
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

/// A day for the minutes that cannot be read, or has no meeting.
pub fn minutes_bad_date(wording: &Wording<'_>, given: &str) -> String {
    wording.format(
        "minutes-bad-date",
        &[("given", escape_markdown(given).into())],
    )
}

pub fn minutes_no_meeting(wording: &Wording<'_>, day: Option<NaiveDate>) -> String {
    match day {
        Some(day) => wording.format(
            "minutes-no-meeting-that-day",
            &[("date", wording.day(day).into())],
        ),
        None => wording.get("minutes-no-meeting"),
    }
}

/// The minutes' file name: `compte-rendu-2026-12-10.md`, `minutes-2026-12-10.md`.
pub fn minutes_file_name(wording: &Wording<'_>, meeting: &Meeting) -> String {
    wording.format(
        "minutes-file-name",
        &[("date", file_day(wording, meeting).into())],
    )
}

/// The meeting's day as files name it: `2026-12-10`.
pub(super) fn file_day(wording: &Wording<'_>, meeting: &Meeting) -> String {
    meeting
        .starts_at
        .map(|at| {
            at.with_timezone(&wording.time_zone)
                .format("%Y-%m-%d")
                .to_string()
        })
        .unwrap_or_default()
}

/// "- Présents : Restos du Cœur (Alice) ; …", "- Excusés : …", "- Associations non
/// représentées : …" — each line only when it has someone.
fn attendance_lines(
    wording: &Wording<'_>,
    attendance: &Attendance,
    names: &HashMap<UserId, String>,
) -> String {
    let by_association =
        |pick: fn(&crate::domain::attendance::AssociationAttendance) -> &[UserId]| {
            attendance
                .associations
                .iter()
                .filter(|standing| !pick(standing).is_empty())
                .map(|standing| {
                    format!(
                        "{} ({})",
                        escape_markdown(&standing.association),
                        super::attendance::names_of(pick(standing), names)
                    )
                })
                .collect::<Vec<_>>()
        };
    let mut present = by_association(|standing| &standing.coming);
    if !attendance.others_coming.is_empty() {
        present.push(super::attendance::names_of(
            &attendance.others_coming,
            names,
        ));
    }
    let mut excused = by_association(|standing| &standing.excused);
    if !attendance.others_excused.is_empty() {
        excused.push(super::attendance::names_of(
            &attendance.others_excused,
            names,
        ));
    }
    let absent: Vec<String> = attendance
        .associations
        .iter()
        .filter(|standing| !standing.represented())
        .map(|standing| escape_markdown(&standing.association))
        .collect();
    let mut text = String::new();
    for (id, list) in [
        ("minutes-present", present),
        ("minutes-excused", excused),
        ("minutes-not-represented", absent),
    ] {
        if !list.is_empty() {
            text.push_str(&format!(
                "- {}\n",
                wording.format(id, &[("list", wording.semicolons(&list).into())])
            ));
        }
    }
    text
}

/// The minutes of a meeting, in Markdown: date, place, host; the agenda with what became of
/// each item; the polls closed that day; the decisions; the actions.
pub fn minutes(
    wording: &Wording<'_>,
    minutes: &Minutes,
    names: &HashMap<UserId, String>,
    today: NaiveDate,
) -> String {
    let meeting = &minutes.meeting;
    let date = meeting
        .starts_at
        .map(|at| wording.date_time(at))
        .unwrap_or_default();
    let mut text = wording.format("minutes-title", &[("date", date.into())]);
    text.push_str("\n\n");
    let unknown = wording.get("minutes-unknown");
    text.push_str(&format!(
        "- {}\n- {}\n",
        wording.format(
            "minutes-place",
            &[(
                "place",
                meeting
                    .place
                    .as_deref()
                    .map(escape_markdown)
                    .unwrap_or_else(|| unknown.clone())
                    .into()
            )],
        ),
        wording.format(
            "minutes-host",
            &[(
                "host",
                meeting
                    .host
                    .as_deref()
                    .map(escape_markdown)
                    .unwrap_or_else(|| unknown.clone())
                    .into()
            )],
        ),
    ));

    if let Some(guests) = super::guests::guests_line(wording, &minutes.guests) {
        text.push_str(&format!("- {guests}\n"));
    }
    if let Some(attendance) = &minutes.attendance {
        text.push_str(&attendance_lines(wording, attendance, names));
    }
    text.push('\n');
    text.push_str(&wording.get("minutes-agenda"));
    text.push('\n');
    if minutes.items.is_empty() {
        text.push_str(&wording.get("minutes-none"));
        text.push('\n');
    }
    for (index, item) in minutes.items.iter().enumerate() {
        let status = match item.status {
            ItemStatus::Treated => "minutes-item-treated",
            ItemStatus::CarriedOver => "minutes-item-carried",
            ItemStatus::Withdrawn => "minutes-item-withdrawn",
            ItemStatus::Open => "minutes-item-open",
        };
        text.push_str(&format!(
            "{}. {} — {} ({})\n",
            index + 1,
            item_text(&item.text),
            wording.get(status),
            author(item)
        ));
        if let Some(notes) = minutes.notes.get(&item.id) {
            text.push_str(&super::agenda::note_lines(notes));
        }
    }

    text.push('\n');
    text.push_str(&wording.get("minutes-polls"));
    text.push('\n');
    if minutes.polls.is_empty() {
        text.push_str(&wording.get("minutes-none"));
        text.push('\n');
    }
    for (poll, results) in &minutes.polls {
        let counts: Vec<String> = poll
            .options
            .iter()
            .zip(&results.by_option)
            .map(|(option, voters)| format!("{} {}", escape_markdown(option), voters.len()))
            .collect();
        let joint = joint_position_short(wording, poll, &results.joint);
        let label = format!(
            "{} {}",
            wording.number(poll.number),
            wording.quoted(&escape_markdown(&poll.question))
        );
        text.push_str(&format!(
            "- {}. {}\n",
            wording.labelled(&label, &counts.join(", ")),
            joint
        ));
    }

    text.push('\n');
    text.push_str(&wording.get("minutes-decisions"));
    text.push('\n');
    if minutes.decisions.is_empty() {
        text.push_str(&wording.get("minutes-none"));
        text.push('\n');
    }
    for decision in &minutes.decisions {
        text.push_str("- ");
        text.push_str(&decision_line(wording, decision, names));
        text.push('\n');
    }

    text.push('\n');
    text.push_str(&wording.get("minutes-actions"));
    text.push('\n');
    if minutes.actions.is_empty() {
        text.push_str(&wording.get("minutes-none"));
        text.push('\n');
    }
    for action in &minutes.actions {
        text.push_str("- ");
        text.push_str(&action_line(wording, action, today, names));
        text.push('\n');
    }
    text.trim_end().to_owned()
}
