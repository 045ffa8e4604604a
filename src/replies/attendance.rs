//! `!présence` / `!attendance`: who comes, per association, and what was noted.

use std::collections::HashMap;

use super::agenda::meeting_name;
use super::wording::Wording;
use crate::domain::attendance::Attendance;
use crate::domain::{Meeting, UserId};
use crate::i18n::escape_markdown;

/// The people's names, in order, joined: display names where known, else their ids.
pub(super) fn names_of(people: &[UserId], names: &HashMap<UserId, String>) -> String {
    people
        .iter()
        .map(|person| escape_markdown(names.get(person).map_or(person.as_str(), String::as_str)))
        .collect::<Vec<_>>()
        .join(", ")
}

/// The listing: one line per association ("Secours populaire : 2/2 — Alice, Albert"), an
/// association with nobody coming "not represented", then those outside the associations.
pub fn attendance_list(
    wording: &Wording<'_>,
    meeting: &Meeting,
    listing: &Attendance,
    names: &HashMap<UserId, String>,
) -> String {
    let mut text = wording.format(
        "attendance-title",
        &[("meeting", meeting_name(wording, meeting).into())],
    );
    text.push_str("\n\n");
    let lines = association_lines(wording, listing, names);
    if lines.is_empty() {
        text.push_str(&wording.get("attendance-nobody-yet"));
    } else {
        text.push_str(&lines.join("\n"));
    }
    text.push_str("\n\n");
    text.push_str(&wording.get("attendance-how"));
    text
}

/// One line per association, then those outside them ("- Secours populaire : 2/2 — Alice").
pub(super) fn association_lines(
    wording: &Wording<'_>,
    listing: &Attendance,
    names: &HashMap<UserId, String>,
) -> Vec<String> {
    let mut lines = Vec::new();
    for standing in &listing.associations {
        let line = if let (true, Some(holder)) = (standing.coming.is_empty(), &standing.by_mandate)
        {
            wording.format(
                "attendance-line-by-mandate",
                &[
                    ("association", escape_markdown(&standing.association).into()),
                    ("holder", super::holder_name(holder, names).into()),
                ],
            )
        } else if standing.represented() {
            wording.format(
                "attendance-line",
                &[
                    ("association", escape_markdown(&standing.association).into()),
                    ("coming", standing.coming.len().into()),
                    ("size", standing.size().into()),
                    ("names", names_of(&standing.coming, names).into()),
                ],
            )
        } else {
            wording.format(
                "attendance-line-not-represented",
                &[
                    ("association", escape_markdown(&standing.association).into()),
                    ("size", standing.size().into()),
                ],
            )
        };
        let mut parts = vec![line];
        if !standing.excused.is_empty() {
            parts.push(wording.format(
                "attendance-excused",
                &[("names", names_of(&standing.excused, names).into())],
            ));
        }
        if !standing.silent.is_empty() {
            parts.push(wording.format(
                "attendance-silent",
                &[("names", names_of(&standing.silent, names).into())],
            ));
        }
        lines.push(format!("- {}", wording.semicolons(&parts)));
    }
    for (id, people) in [
        ("attendance-others-coming", &listing.others_coming),
        ("attendance-others-excused", &listing.others_excused),
    ] {
        if !people.is_empty() {
            let others = wording.format(id, &[("names", names_of(people, names).into())]);
            lines.push(format!("- {others}"));
        }
    }
    lines
}

/// What `!présence oui|non` recorded.
pub fn attendance_noted(
    wording: &Wording<'_>,
    meeting: &Meeting,
    coming: bool,
    for_others: bool,
    people: &[UserId],
    names: &HashMap<UserId, String>,
) -> String {
    let id = match (for_others, coming) {
        (false, true) => "attendance-noted-coming",
        (false, false) => "attendance-noted-excused",
        (true, true) => "attendance-noted-others-coming",
        (true, false) => "attendance-noted-others-excused",
    };
    wording.format(
        id,
        &[
            ("meeting", meeting_name(wording, meeting).into()),
            ("names", names_of(people, names).into()),
            ("count", people.len().into()),
        ],
    )
}

/// No dated meeting to come to.
pub fn attendance_no_meeting(wording: &Wording<'_>) -> String {
    wording.get("attendance-no-meeting")
}

/// Names that match none of the room's members.
pub fn attendance_unknown_members(wording: &Wording<'_>, unknown: &[String]) -> String {
    let typed: Vec<String> = unknown
        .iter()
        .map(|name| wording.quoted(&escape_markdown(name)))
        .collect();
    wording.format(
        "attendance-unknown-members",
        &[("names", typed.join(", ").into())],
    )
}
