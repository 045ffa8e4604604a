//! What the room reads about the meeting rhythm: its name, where it stands (when the next
//! meeting is due, when dates will be proposed), and the proposal it makes, which mentions the
//! members so that it rings.

use std::collections::HashMap;

use chrono::NaiveDate;

use super::meetings::{proposal_options, rhythm_name};
use super::reminders::pill;
use super::wording::Wording;
use crate::domain::UserId;
use crate::domain::rhythm::Rhythm;
use crate::domain::votes::Proposal;

/// Where the rhythm stands, for its replies.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub enum RhythmPlan {
    /// No meeting was held yet: nothing to count from.
    NoMeeting,
    /// The next meeting is due on `due`; dates will be proposed on `propose_on`.
    Next {
        due: NaiveDate,
        propose_on: NaiveDate,
    },
    /// Due on `due`, and the time to propose has come.
    Now { due: NaiveDate },
}

fn plan_text(wording: &Wording<'_>, plan: RhythmPlan) -> String {
    match plan {
        RhythmPlan::NoMeeting => wording.get("meeting-rhythm-no-meeting"),
        RhythmPlan::Next { due, propose_on } => wording.format(
            "meeting-rhythm-next",
            &[
                ("due", wording.day(due).into()),
                ("propose_on", wording.day(propose_on).into()),
            ],
        ),
        RhythmPlan::Now { due } => wording.format(
            "meeting-rhythm-next-soon",
            &[("due", wording.day(due).into())],
        ),
    }
}

/// The reply to `!réunion rythme [<rythme>]`.
pub fn rhythm_status(wording: &Wording<'_>, rhythm: Option<Rhythm>, plan: RhythmPlan) -> String {
    match rhythm {
        Some(rhythm) => wording.format(
            "meeting-rhythm-set",
            &[
                ("rhythm", rhythm_name(wording, rhythm).into()),
                ("when", plan_text(wording, plan).into()),
            ],
        ),
        None => wording.get("meeting-rhythm-none"),
    }
}

/// The reply when the rhythm is turned off.
pub fn rhythm_unset(wording: &Wording<'_>) -> String {
    wording.get("meeting-rhythm-unset")
}

/// The rhythm's own proposal: a text that mentions the members, then the dates.
pub fn rhythm_proposal(
    wording: &Wording<'_>,
    rhythm: Rhythm,
    due: NaiveDate,
    proposal: &Proposal,
    members: &[UserId],
    names: &HashMap<UserId, String>,
) -> String {
    let mentions = members
        .iter()
        .map(|member| {
            pill(
                member,
                names.get(member).map_or(member.as_str(), String::as_str),
            )
        })
        .collect::<Vec<_>>()
        .join(", ");
    let mut text = wording.format(
        "meeting-rhythm-proposal",
        &[
            ("mentions", mentions.into()),
            ("rhythm", rhythm_name(wording, rhythm).into()),
            ("due", wording.day(due).into()),
        ],
    );
    text.push_str("\n\n");
    text.push_str(&proposal_options(wording, proposal));
    text.push('\n');
    text.push_str(&wording.get("meeting-proposal-footer"));
    text
}
