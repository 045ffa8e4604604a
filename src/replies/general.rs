//! What the bot says to the room as a whole: its greeting, the one answer to a flood, the
//! apology for a command it could not handle, the room's language.

use super::wording::Wording;

/// The bot's greeting when it joins a room.
pub fn welcome(wording: &Wording<'_>) -> String {
    wording.get("welcome")
}

/// The one answer to a flood of commands.
pub fn slow_down(wording: &Wording<'_>) -> String {
    wording.get("error-slow-down")
}

/// The one reply to a member whose encrypted messages the bot cannot read: why, and what to
/// do.
pub fn unreadable(wording: &Wording<'_>) -> String {
    wording.get("error-unreadable")
}

/// Appended to a ballot's results when some answers are still unreadable (encrypted, their
/// key not received): they count once the bot can read them, if the ballot is still open.
pub fn with_unreadable_answers(
    wording: &Wording<'_>,
    mut results: String,
    count: usize,
    closed: bool,
) -> String {
    if count > 0 {
        let id = if closed {
            "unreadable-answers-closed"
        } else {
            "unreadable-answers"
        };
        results.push_str("\n\n");
        results.push_str(&wording.format(id, &[("count", count.into())]));
    }
    results
}

/// The apology for a command the bot could not handle at all.
pub fn internal_error(wording: &Wording<'_>) -> String {
    wording.get("error-internal")
}

/// A message the bot could not handle at all (it failed inside): set aside, not tried again.
pub fn set_aside(wording: &Wording<'_>) -> String {
    wording.get("error-set-aside")
}

/// `!language`: which language the room's replies are in.
pub fn language_current(wording: &Wording<'_>) -> String {
    wording.get("language-current")
}

/// `!language en`: said in the new language.
pub fn language_changed(wording: &Wording<'_>) -> String {
    wording.get("language-changed")
}

/// A room (or a meeting) holds as many as it may: which limit, and how to make room.
pub fn cap_reached(wording: &Wording<'_>, cap: crate::domain::limits::Cap) -> String {
    wording.format(
        "cap-reached",
        &[("kind", cap.key().into()), ("limit", cap.limit().into())],
    )
}
