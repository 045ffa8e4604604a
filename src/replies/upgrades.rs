//! What the bot says when the group's room is replaced by a new version of itself: the note
//! in the old room (where the group went, which votes were closed), the announcement in the
//! new one (what followed), and the answer to a command still sent in the old room.

use super::wording::Wording;
use crate::domain::RoomId;
use crate::domain::upgrade::{ClosedBallot, MovedRecord};
use crate::i18n::escape_markdown;

/// The note in the old room, once the record has moved.
pub fn room_replaced(wording: &Wording<'_>, new: &RoomId, closed: &[ClosedBallot]) -> String {
    let link = room_link(&wording.get("room-new-link"), new);
    let mut text = wording.format("room-replaced", &[("link", link.into())]);
    text.push_str(&votes_closed(wording, closed));
    text
}

/// The votes closed in the old room, as a paragraph to add to the note or the announcement
/// (nothing when none was open).
pub fn votes_closed(wording: &Wording<'_>, closed: &[ClosedBallot]) -> String {
    if closed.is_empty() {
        return String::new();
    }
    let mut text = String::from("\n\n");
    text.push_str(&wording.get("room-replaced-closed"));
    for ballot in closed {
        let line = match ballot {
            ClosedBallot::Dates { voters } => {
                wording.format("room-closed-dates", &[("voters", (*voters).into())])
            }
            ClosedBallot::Poll { number, question } => wording.format(
                "room-closed-poll",
                &[
                    ("number", (*number).into()),
                    ("question", escape_markdown(question).into()),
                ],
            ),
            ClosedBallot::Attendance => wording.get("room-closed-attendance"),
        };
        text.push_str("\n- ");
        text.push_str(&line);
    }
    text
}

/// The announcement in the new room: where the group comes from, what followed.
pub fn room_followed(wording: &Wording<'_>, old: &RoomId, moved: &MovedRecord) -> String {
    let link = room_link(&wording.get("room-old-link"), old);
    let mut text = wording.format("room-followed", &[("link", link.into())]);
    let counts: Vec<String> = [
        ("room-count-associations", moved.associations),
        ("room-count-agenda", moved.agenda_items),
        ("room-count-meetings", moved.meetings),
        ("room-count-decisions", moved.decisions),
        ("room-count-actions", moved.actions),
        ("room-count-reminders", moved.reminders),
    ]
    .into_iter()
    .filter(|(_, count)| *count > 0)
    .map(|(id, count)| wording.format(id, &[("count", count.into())]))
    .collect();
    if !counts.is_empty() {
        text.push('\n');
        text.push_str(&wording.format(
            "room-followed-counts",
            &[("counts", counts.join(", ").into())],
        ));
    }
    text.push('\n');
    text.push_str(&wording.get("room-followed-end"));
    text
}

/// The answer to a command sent in a room the group left.
pub fn room_moved_away(wording: &Wording<'_>, new: &RoomId) -> String {
    let link = room_link(&wording.get("room-new-link"), new);
    wording.format("room-moved-away", &[("link", link.into())])
}

/// A link to a room that Matrix clients open (and show as a pill): `[text](matrix.to…)`,
/// with the room's server as the way in when its id names one.
fn room_link(text: &str, room: &RoomId) -> String {
    let id = room.as_str();
    let via = id
        .split_once(':')
        .map(|(_, server)| format!("?via={server}"))
        .unwrap_or_default();
    format!("[{text}](https://matrix.to/#/{id}{via})")
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn a_room_link_names_the_server_to_go_through() {
        assert_eq!(
            room_link("le nouveau salon", &RoomId::new("!abc:example.org")),
            "[le nouveau salon](https://matrix.to/#/!abc:example.org?via=example.org)"
        );
        // Room version 12 ids name no server.
        assert_eq!(
            room_link("x", &RoomId::new("!abcdef")),
            "[x](https://matrix.to/#/!abcdef)"
        );
    }
}
