//! What an e-mail says: its subject, its plain text and its HTML (escaped by maud), in the
//! room's language. For people outside Matrix, so no command syntax: the facts, and what the
//! attachment is for.

use maud::{DOCTYPE, html};

use super::wording::Wording;
use crate::domain::Meeting;
use crate::domain::agenda::AgendaItem;
use crate::domain::meeting::format_date_time;

/// An e-mail's three texts.
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct EmailTexts {
    pub subject: String,
    pub text: String,
    pub html: String,
}

/// What an e-mail about a dated meeting is.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub enum MeetingEmail {
    /// The invitation, or its update (the `.ics` is attached).
    Invitation,
    /// A reminder before the meeting.
    Reminder,
    /// The cancellation (the `.ics` that removes it is attached).
    Cancellation,
}

/// An e-mail about a dated meeting, for `name`. `None` when the meeting has no date.
pub fn meeting_email(
    wording: &Wording<'_>,
    name: &str,
    meeting: &Meeting,
    agenda: &[AgendaItem],
    kind: MeetingEmail,
    unsubscribe: Option<&str>,
) -> Option<EmailTexts> {
    let cancelled = kind == MeetingEmail::Cancellation;
    let starts_at = meeting.starts_at?;
    let date = format_date_time(starts_at, wording.time_zone, wording.language);
    let with_date = |id: &str| wording.format(id, &[("date", date.clone().into())]);
    let hello = wording.format("email-hello", &[("name", name.to_owned().into())]);
    let signature = wording.get("email-signature");
    let subject;
    let mut paragraphs = vec![hello];
    let mut items: Vec<String> = Vec::new();
    if cancelled {
        subject = with_date("email-cancel-subject");
        paragraphs.push(with_date("email-cancel-intro"));
        paragraphs.push(wording.get("email-cancel-attached"));
    } else {
        let (subject_id, intro_id) = match kind {
            MeetingEmail::Reminder => ("email-reminder-subject", "email-reminder-intro"),
            _ => ("email-invitation-subject", "email-invitation-intro"),
        };
        subject = with_date(subject_id);
        paragraphs.push(with_date(intro_id));
        paragraphs.push(match &meeting.place {
            Some(place) => wording.format("email-place", &[("place", place.clone().into())]),
            None => wording.get("email-place-unknown"),
        });
        paragraphs.push(match &meeting.host {
            Some(host) => wording.format("email-host", &[("host", host.clone().into())]),
            None => wording.get("email-host-unknown"),
        });
        items = agenda.iter().map(|item| item.text.clone()).collect();
    }
    let attached =
        (kind == MeetingEmail::Invitation).then(|| wording.get("email-invitation-attached"));
    let agenda_heading = wording.get("email-agenda");
    let mut text = paragraphs.join("\n\n");
    if !items.is_empty() {
        text.push_str(&format!("\n\n{agenda_heading}\n"));
        for (number, item) in items.iter().enumerate() {
            text.push_str(&format!("{}. {item}\n", number + 1));
        }
    }
    for tail in attached.iter().chain([&signature]) {
        text.push_str("\n\n");
        text.push_str(tail);
    }
    let unsubscribe_line =
        unsubscribe.map(|url| (wording.get("email-unsubscribe"), url.to_owned()));
    if let Some((line, url)) = &unsubscribe_line {
        text.push_str(&format!("\n\n{line} {url}"));
    }
    let html = html! {
        (DOCTYPE)
        html lang=(wording.language.code()) {
            head { meta charset="utf-8"; title { (subject) } }
            body {
                @for paragraph in &paragraphs { p { (paragraph) } }
                @if !items.is_empty() {
                    p { (agenda_heading) }
                    ol { @for item in &items { li { (item) } } }
                }
                @if let Some(attached) = &attached { p { (attached) } }
                p { (signature) }
                @if let Some((line, url)) = &unsubscribe_line {
                    p { small { (line) " " a href=(url) { (url) } } }
                }
            }
        }
    }
    .into_string();
    Some(EmailTexts {
        subject,
        text: text.trim().to_owned(),
        html,
    })
}
