//! `!groupe` / `!group`: working groups created, listed, joined, reporting to the plenary,
//! asked about their end, closed, extended, attached — as the rooms read them.

use std::collections::HashMap;

use chrono::NaiveDate;

use super::help::example;
use super::meetings::member_name;
use super::reminders::pill;
use super::wording::Wording;
use crate::command::Usage;
use crate::domain::UserId;
use crate::domain::group::{GroupProblem, Report, WorkingGroup};
use crate::domain::messages::group_link;
use crate::domain::record::Owner;
use crate::i18n::escape_markdown;

fn with_example(wording: &Wording<'_>, text: String, usage: Usage) -> String {
    format!(
        "{text} {} `{}`",
        wording.get("help-example"),
        example(wording, usage)
    )
}

fn name(wording: &Wording<'_>, group: &WorkingGroup) -> String {
    wording.quoted(&escape_markdown(&group.name))
}

/// "jusqu'au 30 juin 2027", or nothing.
fn until(wording: &Wording<'_>, ends_on: Option<NaiveDate>) -> String {
    ends_on.map_or_else(String::new, |day| {
        wording.format(
            "group-until",
            &[(
                "day",
                wording
                    .day_in_words(crate::domain::dates::local_midnight(day, wording.time_zone))
                    .into(),
            )],
        )
    })
}

/// " (jusqu'au 30 juin 2027)", or nothing.
fn until_part(wording: &Wording<'_>, ends_on: Option<NaiveDate>) -> String {
    let until = until(wording, ends_on);
    if until.is_empty() {
        return until;
    }
    wording.format("group-until-part", &[("until", until.into())])
}

/// The plenary's reply to `!groupe créer`: the room being made, who is invited, its link (the
/// sender writes it in once the room exists).
pub fn group_created(
    wording: &Wording<'_>,
    group: &WorkingGroup,
    invited: &[UserId],
    names: &HashMap<UserId, String>,
) -> String {
    let people: Vec<String> = invited
        .iter()
        .map(|user| member_name(names, user))
        .collect();
    wording.format(
        "group-created",
        &[
            ("name", name(wording, group).into()),
            ("until", until_part(wording, group.ends_on).into()),
            ("people", people.join(", ").into()),
            ("link", group_link(group.id).into()),
            ("plain", escape_markdown(&group.name).into()),
        ],
    )
}

/// The first message in the group's own room.
pub fn group_welcome(wording: &Wording<'_>, group: &WorkingGroup) -> String {
    wording.format(
        "group-welcome",
        &[
            ("name", name(wording, group).into()),
            ("until", until_part(wording, group.ends_on).into()),
        ],
    )
}

/// `!groupes`: each group, its end date, its last report, closed or not.
pub fn group_list(wording: &Wording<'_>, groups: &[WorkingGroup]) -> String {
    if groups.is_empty() {
        return with_example(wording, wording.get("group-list-empty"), Usage::GroupCreate);
    }
    let mut text = wording.format("group-list-title", &[("count", groups.len().into())]);
    for group in groups {
        text.push_str("\n- **");
        text.push_str(&escape_markdown(&group.name));
        text.push_str("**");
        let ends = until(wording, group.ends_on);
        if !ends.is_empty() {
            text.push_str(" — ");
            text.push_str(&ends);
        }
        text.push_str(" — ");
        text.push_str(&match group.last_report_at {
            Some(at) => wording.format(
                "group-last-report",
                &[("date", wording.day_in_words(at).into())],
            ),
            None => wording.get("group-no-report"),
        });
        if let Some(closed) = group.closed_at {
            text.push_str(" — ");
            text.push_str(&wording.format(
                "group-closed-on",
                &[("date", wording.day_in_words(closed).into())],
            ));
        } else if group.room.is_some() {
            text.push_str(" — ");
            text.push_str(&group_link(group.id));
        }
    }
    text.push_str("\n\n");
    text.push_str(&wording.get("group-list-how"));
    text
}

/// The report posted in the plenary: the group's proposals since its last report, and its
/// open actions.
pub fn group_report(
    wording: &Wording<'_>,
    group: &WorkingGroup,
    report: &Report<'_>,
    names: &HashMap<UserId, String>,
) -> String {
    let mut text = match group.last_report_at {
        Some(at) => wording.format(
            "group-report-title-since",
            &[
                ("name", name(wording, group).into()),
                ("date", wording.day_in_words(at).into()),
            ],
        ),
        None => wording.format(
            "group-report-title",
            &[("name", name(wording, group).into())],
        ),
    };
    text.push_str("\n\n");
    if report.proposals.is_empty() {
        text.push_str(&wording.get("group-report-no-proposal"));
    } else {
        text.push_str(&wording.get("group-report-proposals"));
        for decision in &report.proposals {
            text.push_str(&format!(
                "\n- {} — {}",
                wording.number(decision.number),
                escape_markdown(&decision.text)
            ));
        }
        text.push_str("\n\n");
        text.push_str(&wording.format(
            "group-report-adopt",
            &[
                ("number", report.proposals[0].number.into()),
                ("plain", escape_markdown(&group.name).into()),
            ],
        ));
    }
    text.push_str("\n\n");
    if report.open_actions.is_empty() {
        text.push_str(&wording.get("group-report-no-action"));
    } else {
        text.push_str(&wording.get("group-report-actions"));
        for action in &report.open_actions {
            let owner = match &action.owner {
                Owner::Member(user) => member_name(names, user),
                Owner::Association(association) => escape_markdown(association),
            };
            text.push_str(&format!(
                "\n- {} — {} — {}",
                wording.number(action.number),
                owner,
                escape_markdown(&action.text)
            ));
        }
    }
    text
}

pub fn group_report_sent(wording: &Wording<'_>, proposals: usize) -> String {
    wording.format("group-report-sent", &[("count", proposals.into())])
}

/// The question asked once in the plenary on a group's end date (it notifies its creator).
pub fn group_end_question(
    wording: &Wording<'_>,
    group: &WorkingGroup,
    creator: &UserId,
    creator_name: &str,
) -> String {
    wording.format(
        "group-end-question",
        &[
            ("pill", pill(creator, creator_name).into()),
            ("name", name(wording, group).into()),
            ("plain", escape_markdown(&group.name).into()),
        ],
    )
}

pub fn group_closed(wording: &Wording<'_>, group: &WorkingGroup) -> String {
    wording.format("group-closed", &[("name", name(wording, group).into())])
}

pub fn group_closed_in_its_room(wording: &Wording<'_>, group: &WorkingGroup) -> String {
    wording.format(
        "group-closed-here",
        &[("name", name(wording, group).into())],
    )
}

pub fn group_extended(wording: &Wording<'_>, group: &WorkingGroup) -> String {
    wording.format(
        "group-extended",
        &[
            ("name", name(wording, group).into()),
            ("until", until(wording, group.ends_on).into()),
        ],
    )
}

pub fn group_invited(wording: &Wording<'_>, group: &WorkingGroup, who: &str) -> String {
    wording.format(
        "group-invited",
        &[
            ("name", name(wording, group).into()),
            ("who", who.to_owned().into()),
        ],
    )
}

pub fn group_attach_asked(wording: &Wording<'_>, typed: &str) -> String {
    wording.format(
        "group-attach-asked",
        &[("plain", escape_markdown(typed).into())],
    )
}

pub fn group_attached(wording: &Wording<'_>, group: &WorkingGroup) -> String {
    wording.format("group-attached", &[("name", name(wording, group).into())])
}

pub fn group_attached_here(wording: &Wording<'_>, group: &WorkingGroup) -> String {
    wording.format(
        "group-attached-here",
        &[("name", name(wording, group).into())],
    )
}

/// The text of the plenary's decision adopting a proposal: as typed, then the proposal's
/// own text when the typed one does not say it.
pub fn adoption_text(typed: &str, proposal: &str) -> String {
    if typed.contains(':') || typed.contains('«') {
        typed.to_owned()
    } else {
        format!("{typed} : « {proposal} »")
    }
}

/// Why a group could not be read.
pub fn group_problem(wording: &Wording<'_>, problem: &GroupProblem, usage: Usage) -> String {
    let text = match problem {
        GroupProblem::MissingName => wording.get("group-missing-name"),
        GroupProblem::NameTooLong { length } => wording.format(
            "group-name-too-long",
            &[
                ("length", (*length).into()),
                ("max", crate::domain::group::MAX_NAME_LENGTH.into()),
            ],
        ),
        GroupProblem::BadMember { given } => wording.format(
            "training-bad-member",
            &[("given", escape_markdown(given).into())],
        ),
        GroupProblem::TooManyMembers { count } => wording.format(
            "group-too-many-members",
            &[
                ("count", (*count).into()),
                ("max", crate::domain::group::MAX_INVITEES.into()),
            ],
        ),
    };
    with_example(wording, text, usage)
}

/// Why a group command was refused.
#[derive(Debug, Clone, PartialEq, Eq)]
pub enum GroupRefusal {
    NameTaken {
        name: String,
    },
    Unknown {
        name: String,
    },
    Closed {
        name: String,
    },
    /// `jusqu'au` a past day, or not a day.
    BadUntil {
        typed: String,
    },
    /// `!groupe prolonger` without a date.
    MissingUntil,
    /// `!groupe rapport` outside a group's room.
    NotInGroup,
    /// A group is created from the plenary, not from a group's room.
    InGroup,
    /// This room's attach request waits for the plenary's confirmation.
    AwaitingConfirmation,
    /// `!groupe rattacher` in a plenary no room asked to join under that name.
    NoAttachRequest {
        name: String,
    },
    /// The room is a group already.
    AlreadyAttached,
    ProposalMissing {
        number: usize,
        name: String,
    },
    ProposalAdopted {
        number: usize,
        name: String,
    },
}

pub fn group_refused(wording: &Wording<'_>, refusal: &GroupRefusal, usage: Usage) -> String {
    let named =
        |id: &str, name: &str| wording.format(id, &[("plain", escape_markdown(name).into())]);
    let text = match refusal {
        GroupRefusal::NameTaken { name } => named("group-name-taken", name),
        GroupRefusal::Unknown { name } => named("group-unknown", name),
        GroupRefusal::Closed { name } => named("group-is-closed", name),
        GroupRefusal::BadUntil { typed } => wording.format(
            "group-bad-until",
            &[("typed", escape_markdown(typed).into())],
        ),
        GroupRefusal::MissingUntil => wording.get("group-missing-until"),
        GroupRefusal::NotInGroup => wording.get("group-not-in-group"),
        GroupRefusal::InGroup => wording.get("group-in-group"),
        GroupRefusal::AwaitingConfirmation => wording.get("group-awaiting-confirmation"),
        GroupRefusal::NoAttachRequest { name } => named("group-no-attach-request", name),
        GroupRefusal::AlreadyAttached => wording.get("group-already-attached"),
        GroupRefusal::ProposalMissing { number, name } => wording.format(
            "group-proposal-missing",
            &[
                ("number", (*number).into()),
                ("plain", escape_markdown(name).into()),
            ],
        ),
        GroupRefusal::ProposalAdopted { number, name } => wording.format(
            "group-proposal-adopted",
            &[
                ("number", (*number).into()),
                ("plain", escape_markdown(name).into()),
            ],
        ),
    };
    with_example(wording, text, usage)
}
