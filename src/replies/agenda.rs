//! What the room reads about the agenda's changes.

use chrono_tz::Tz;

use super::{item_text, meeting_name};
use crate::domain::{AgendaItem, Language, Meeting};
use crate::i18n::Texts;

/// "Point 2 ajouté à …".
pub fn agenda_added(
    texts: &Texts,
    language: Language,
    time_zone: Tz,
    meeting: &Meeting,
    number: usize,
    item: &AgendaItem,
) -> String {
    let id = if item.urgent {
        "agenda-added-urgent"
    } else {
        "agenda-added"
    };
    texts.format(
        language,
        id,
        &[
            ("number", number.into()),
            (
                "meeting",
                meeting_name(texts, language, time_zone, meeting).into(),
            ),
            ("text", item_text(&item.text).into()),
        ],
    )
}

pub fn agenda_removed(
    texts: &Texts,
    language: Language,
    number: usize,
    item: &AgendaItem,
) -> String {
    texts.format(
        language,
        "agenda-removed",
        &[
            ("number", number.into()),
            ("text", item_text(&item.text).into()),
        ],
    )
}

pub fn agenda_already_done(texts: &Texts, language: Language, number: usize) -> String {
    texts.format(
        language,
        "agenda-already-done",
        &[("number", number.into())],
    )
}

pub fn agenda_done(texts: &Texts, language: Language, number: usize, item: &AgendaItem) -> String {
    texts.format(
        language,
        "agenda-done",
        &[
            ("number", number.into()),
            ("text", item_text(&item.text).into()),
        ],
    )
}

pub fn agenda_moved(texts: &Texts, language: Language, text: &str, to: usize) -> String {
    texts.format(
        language,
        "agenda-moved",
        &[("text", item_text(text).into()), ("to", to.into())],
    )
}

/// The item's new text after its author edited their `!agenda add` message.
pub fn agenda_edited(texts: &Texts, language: Language, number: usize, text: &str) -> String {
    texts.format(
        language,
        "agenda-edited",
        &[("number", number.into()), ("text", item_text(text).into())],
    )
}
