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

/// The apology for a command the bot could not handle at all.
pub fn internal_error(wording: &Wording<'_>) -> String {
    wording.get("error-internal")
}

/// `!language`: which language the room's replies are in.
pub fn language_current(wording: &Wording<'_>) -> String {
    wording.get("language-current")
}

/// `!language en`: said in the new language.
pub fn language_changed(wording: &Wording<'_>) -> String {
    wording.get("language-changed")
}
