//! What the room reads about the agenda's changes.

use super::Wording;

use super::{item_text, meeting_name};
use crate::domain::{AgendaItem, Meeting};

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
