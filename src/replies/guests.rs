//! `!invité` / `!guest`, and the "Intervenants" line `!réunion`, the reminders and the
//! minutes show. An address is only ever shown masked.

use chrono::NaiveDate;

use super::agenda::meeting_name;
use super::wording::Wording;
use crate::domain::Meeting;
use crate::domain::guest::{Guest, mask_email};
use crate::i18n::escape_markdown;

/// "Mme Martin (ADSEA) — jeunes migrants isolés (m…@adsea77.example)": in Markdown for the
/// room (`escape`: `escape_markdown`), or as typed for calendars (`escape`: no change).
fn guest_words(guest: &Guest, with_address: bool, escape: fn(&str) -> String) -> String {
    let mut words = escape(&guest.name);
    if let Some(topic) = &guest.topic {
        words.push_str(" — ");
        words.push_str(&escape(topic));
    }
    if with_address && let Some(email) = &guest.email {
        words.push_str(&format!(" ({})", escape(&mask_email(email))));
    }
    words
}

/// The one line that names a meeting's guests ("Intervenants : …"), if it has any.
fn line(wording: &Wording<'_>, guests: &[Guest], escape: fn(&str) -> String) -> Option<String> {
    if guests.is_empty() {
        return None;
    }
    let names: Vec<String> = guests
        .iter()
        .map(|guest| guest_words(guest, false, escape))
        .collect();
    Some(wording.format(
        "guests-line",
        &[("guests", wording.semicolons(&names).into())],
    ))
}

/// The guests' line in Markdown, for the room.
pub fn guests_line(wording: &Wording<'_>, guests: &[Guest]) -> Option<String> {
    line(wording, guests, escape_markdown)
}

/// The same line in plain text, for calendars (no Markdown there).
pub fn guests_plain(wording: &Wording<'_>, guests: &[Guest]) -> Option<String> {
    line(wording, guests, str::to_owned)
}

pub fn guest_added(wording: &Wording<'_>, meeting: &Meeting, guest: &Guest) -> String {
    wording.format(
        "guest-added",
        &[
            ("number", guest.number.into()),
            ("guest", guest_words(guest, true, escape_markdown).into()),
            ("meeting", meeting_name(wording, meeting).into()),
        ],
    )
}

/// Said after [`guest_added`] when the guest gave an address and e-mail is on.
pub fn guest_will_be_emailed(wording: &Wording<'_>) -> String {
    wording.get("guest-added-will-be-emailed")
}

pub fn guest_list(wording: &Wording<'_>, meeting: &Meeting, guests: &[Guest]) -> String {
    let meeting = meeting_name(wording, meeting);
    if guests.is_empty() {
        return wording.format("guest-list-empty", &[("meeting", meeting.into())]);
    }
    let mut text = wording.format("guest-list-title", &[("meeting", meeting.into())]);
    text.push_str("\n\n");
    for guest in guests {
        text.push_str(&format!(
            "{}. {}\n",
            guest.number,
            guest_words(guest, true, escape_markdown)
        ));
    }
    text
}

pub fn guest_removed(wording: &Wording<'_>, guest: &Guest) -> String {
    wording.format(
        "guest-removed",
        &[
            ("number", guest.number.into()),
            ("name", escape_markdown(&guest.name).into()),
        ],
    )
}

pub fn guest_missing(wording: &Wording<'_>, number: usize, count: usize) -> String {
    wording.format(
        "guest-missing",
        &[("number", number.into()), ("count", count.into())],
    )
}

pub fn guest_no_meeting_on(wording: &Wording<'_>, day: NaiveDate) -> String {
    wording.format("guest-no-meeting-on", &[("date", wording.day(day).into())])
}
