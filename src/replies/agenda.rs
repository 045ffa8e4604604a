//! What the room reads about the agenda: the list, its changes, and the names of items,
//! authors and meetings that other replies reuse.

use std::collections::HashMap;

use super::wording::Wording;
use crate::domain::{Agenda, AgendaError, AgendaItem, ItemId, ItemNote, Meeting, UserId};
use crate::i18n::escape_markdown;

/// "Point 2 ajouté à …".
pub fn agenda_added(
    wording: &Wording<'_>,
    meeting: &Meeting,
    number: usize,
    item: &AgendaItem,
) -> String {
    let id = if item.urgent {
        "agenda-added-urgent"
    } else {
        "agenda-added"
    };
    wording.format(
        id,
        &[
            ("number", number.into()),
            ("meeting", meeting_name(wording, meeting).into()),
            ("text", item_text(&item.text).into()),
        ],
    )
}

pub fn agenda_removed(wording: &Wording<'_>, number: usize, item: &AgendaItem) -> String {
    wording.format(
        "agenda-removed",
        &[
            ("number", number.into()),
            ("text", item_text(&item.text).into()),
        ],
    )
}

pub fn agenda_already_done(wording: &Wording<'_>, number: usize) -> String {
    wording.format("agenda-already-done", &[("number", number.into())])
}

pub fn agenda_done(wording: &Wording<'_>, number: usize, item: &AgendaItem) -> String {
    wording.format(
        "agenda-done",
        &[
            ("number", number.into()),
            ("text", item_text(&item.text).into()),
        ],
    )
}

/// `!agenda note`: the note, under which item.
pub fn agenda_noted(
    wording: &Wording<'_>,
    number: usize,
    item: &AgendaItem,
    note: &ItemNote,
) -> String {
    wording.format(
        "agenda-noted",
        &[
            ("number", number.into()),
            ("text", item_text(&item.text).into()),
            ("note", item_text(&note.text).into()),
        ],
    )
}

/// The notes under an item, one indented line each: "  - text (Alice)".
pub(super) fn note_lines(notes: &[ItemNote]) -> String {
    notes
        .iter()
        .map(|note| {
            let by = note.author_name.as_deref().unwrap_or(note.author.as_str());
            format!("   - {} ({})\n", item_text(&note.text), escape_markdown(by))
        })
        .collect()
}

pub fn agenda_moved(wording: &Wording<'_>, text: &str, to: usize) -> String {
    wording.format(
        "agenda-moved",
        &[("text", item_text(text).into()), ("to", to.into())],
    )
}

/// The item's new text after its author edited their `!agenda add` message.
pub fn agenda_edited(wording: &Wording<'_>, number: usize, text: &str) -> String {
    wording.format(
        "agenda-edited",
        &[("number", number.into()), ("text", item_text(text).into())],
    )
}

/// Why an agenda operation was refused, with what would work.
pub fn agenda_error(wording: &Wording<'_>, error: &AgendaError) -> String {
    match error {
        AgendaError::NoSuchItem { number, count: 0 } => {
            wording.format("error-no-such-item-empty", &[("number", (*number).into())])
        }
        AgendaError::NoSuchItem { number, count } => wording.format(
            "error-no-such-item",
            &[("number", (*number).into()), ("count", (*count).into())],
        ),
        AgendaError::ImpossiblePosition {
            number,
            lowest,
            highest,
        } => wording.format(
            "error-impossible-position",
            &[
                ("number", (*number).into()),
                ("lowest", (*lowest).into()),
                ("highest", (*highest).into()),
            ],
        ),
    }
}

/// "la prochaine réunion (date pas encore fixée)", "la réunion du jeudi 10 décembre 2026 à 14 h".
pub fn meeting_name(wording: &Wording<'_>, meeting: &Meeting) -> String {
    let Some(starts_at) = meeting.starts_at else {
        return wording.get("agenda-meeting-unscheduled");
    };
    let date = wording.date_time(starts_at);
    match &meeting.place {
        Some(place) => wording.format(
            "agenda-meeting-scheduled-at",
            &[
                ("date", date.into()),
                ("place", escape_markdown(place).into()),
            ],
        ),
        None => wording.format("agenda-meeting-scheduled", &[("date", date.into())]),
    }
}

/// The agenda as a numbered list: urgent items first, who added each (and for which
/// association, when known), what was treated or carried over.
pub fn agenda_list(
    wording: &Wording<'_>,
    meeting: &Meeting,
    agenda: &Agenda,
    membership: &HashMap<UserId, String>,
    notes: &HashMap<ItemId, Vec<ItemNote>>,
) -> String {
    let meeting = meeting_name(wording, meeting);
    if agenda.is_empty() {
        return wording.format("agenda-empty", &[("meeting", meeting.into())]);
    }
    let mut text = wording.format("agenda-title", &[("meeting", meeting.into())]);
    text.push_str("\n\n");
    for (index, item) in agenda.items().iter().enumerate() {
        text.push_str(&format!("{}. ", index + 1));
        let association = membership.get(&item.author).map(String::as_str);
        text.push_str(&agenda_line(wording, item, association));
        text.push('\n');
        if let Some(notes) = notes.get(&item.id) {
            text.push_str(&note_lines(notes));
        }
    }
    text
}

fn agenda_line(wording: &Wording<'_>, item: &AgendaItem, association: Option<&str>) -> String {
    let mut line = String::new();
    if item.urgent {
        line.push_str(&wording.get("agenda-item-urgent"));
        line.push_str(" — ");
    }
    line.push_str(&item_text(&item.text));
    let mut by = wording.format("agenda-item-by", &[("author", author(item).into())]);
    if let Some(association) = association {
        by.push_str(&format!(" ({})", escape_markdown(association)));
    }
    let mut notes = vec![by];
    if let Some(from) = item.carried_from {
        notes.push(wording.format(
            "agenda-item-carried",
            &[("date", wording.date(from).into())],
        ));
    }
    if item.status == crate::domain::ItemStatus::Treated {
        notes.push(wording.get("agenda-item-treated"));
    }
    line.push_str(" — ");
    line.push_str(&notes.join(", "));
    line
}

/// The item's author as the room knows them: display name, else user id.
pub fn author(item: &AgendaItem) -> String {
    escape_markdown(item.author_name.as_deref().unwrap_or(item.author.as_str()))
}

/// An item's text made safe for one Markdown line.
pub fn item_text(text: &str) -> String {
    escape_markdown(&text.split_whitespace().collect::<Vec<_>>().join(" "))
}
