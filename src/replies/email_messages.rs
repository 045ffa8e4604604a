//! What an e-mail says: its subject, its plain text and its HTML (escaped by maud), in the
//! room's language. For people outside Matrix, so no command syntax: the facts, and what the
//! attachment is for.

use maud::{DOCTYPE, html};

use chrono::{DateTime, Utc};

use super::polls::joint_position_short;
use super::wording::Wording;
use crate::domain::Meeting;
use crate::domain::agenda::AgendaItem;
use crate::domain::poll::{Poll, PollResults};

/// An e-mail's three texts.
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct EmailTexts {
    pub subject: String,
    pub text: String,
    pub html: String,
}

/// What closes every e-mail: the two lines of the privacy notice, then the unsubscribe link
/// of those who can unsubscribe.
#[derive(Debug, Clone, Copy)]
pub struct Footer<'a> {
    pub privacy: &'a [String; 2],
    pub unsubscribe: Option<&'a str>,
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
    footer: &Footer<'_>,
) -> Option<EmailTexts> {
    let starts_at = meeting.starts_at?;
    let date = wording.date_time(starts_at);
    let with_date = |id: &str| wording.format(id, &[("date", date.clone().into())]);
    let mut body = Body::new(wording, name);
    if kind == MeetingEmail::Cancellation {
        body.subject = with_date("email-cancel-subject");
        body.paragraphs.push(with_date("email-cancel-intro"));
        body.paragraphs.push(wording.get("email-cancel-attached"));
    } else {
        let (subject_id, intro_id) = match kind {
            MeetingEmail::Reminder => ("email-reminder-subject", "email-reminder-intro"),
            _ => ("email-invitation-subject", "email-invitation-intro"),
        };
        body.subject = with_date(subject_id);
        body.paragraphs.push(with_date(intro_id));
        body.paragraphs.push(match &meeting.place {
            Some(place) => wording.format("email-place", &[("place", place.clone().into())]),
            None => wording.get("email-place-unknown"),
        });
        body.paragraphs.push(match &meeting.host {
            Some(host) => wording.format("email-host", &[("host", host.clone().into())]),
            None => wording.get("email-host-unknown"),
        });
        if !agenda.is_empty() {
            body.list = Some((
                wording.get("email-agenda"),
                agenda.iter().map(|item| item.text.clone()).collect(),
            ));
        }
    }
    if kind == MeetingEmail::Invitation {
        body.after.push(wording.get("email-invitation-attached"));
    }
    Some(body.write(footer))
}

/// A date proposal, for `name`, with their personal link to answer (`None`: no web page
/// configured, they are asked to answer through a member).
pub fn proposal_email(
    wording: &Wording<'_>,
    name: &str,
    dates: &[DateTime<Utc>],
    link: Option<&str>,
    footer: &Footer<'_>,
) -> EmailTexts {
    let mut body = Body::new(wording, name);
    body.subject = wording.get("email-proposal-subject");
    body.paragraphs.push(wording.get("email-proposal-intro"));
    body.list = Some((
        wording.get("email-proposal-dates"),
        dates.iter().map(|date| wording.date_time(*date)).collect(),
    ));
    body.answer_at(wording, link);
    body.write(footer)
}

/// A poll, for `name`, with their personal link to answer.
pub fn poll_email(
    wording: &Wording<'_>,
    name: &str,
    poll: &Poll,
    link: Option<&str>,
    footer: &Footer<'_>,
) -> EmailTexts {
    let mut body = Body::new(wording, name);
    body.subject = wording.format(
        "email-poll-subject",
        &[
            ("number", poll.number.into()),
            ("question", poll.question.clone().into()),
        ],
    );
    body.paragraphs.push(wording.format(
        "email-poll-intro",
        &[("question", poll.question.clone().into())],
    ));
    body.list = Some((wording.get("email-poll-options"), poll.options.clone()));
    if let Some(deadline) = poll.closes_at {
        let date = wording.date_time(deadline);
        body.after
            .push(wording.format("email-poll-deadline", &[("date", date.into())]));
    }
    body.answer_at(wording, link);
    body.write(footer)
}

/// A closed poll's result, for `name`: how many chose each option, and the joint position.
pub fn poll_result_email(
    wording: &Wording<'_>,
    name: &str,
    poll: &Poll,
    results: &PollResults,
    footer: &Footer<'_>,
) -> EmailTexts {
    let mut body = Body::new(wording, name);
    body.subject = wording.format(
        "email-poll-result-subject",
        &[
            ("number", poll.number.into()),
            ("question", poll.question.clone().into()),
        ],
    );
    body.paragraphs.push(wording.format(
        "email-poll-result-intro",
        &[("question", poll.question.clone().into())],
    ));
    body.list = Some((
        wording.get("email-poll-result-counts"),
        poll.options
            .iter()
            .zip(&results.by_option)
            .map(|(option, voters)| {
                wording.format(
                    "email-poll-result-line",
                    &[
                        ("option", option.clone().into()),
                        ("count", voters.len().into()),
                    ],
                )
            })
            .collect(),
    ));
    let joint = joint_position_short(wording, poll, &results.joint);
    if !joint.is_empty() {
        body.after.push(joint);
    }
    body.write(footer)
}

/// The adopted procès-verbal of the meeting of `day`, for `name` (the PDF is attached).
pub fn minutes_email(
    wording: &Wording<'_>,
    name: &str,
    day: &str,
    footer: &Footer<'_>,
) -> EmailTexts {
    let mut body = Body::new(wording, name);
    let with_day = |id: &str| wording.format(id, &[("date", day.to_owned().into())]);
    body.subject = with_day("email-minutes-subject");
    body.paragraphs.push(with_day("email-minutes-intro"));
    body.after.push(wording.get("email-minutes-attached"));
    body.write(footer)
}

/// What an e-mail about a training session is.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub enum TrainingEmail {
    /// The day before (the `.ics` is attached).
    Reminder,
    /// Cancelled (the `.ics` that removes it is attached).
    Cancellation,
}

/// A training session's reminder or cancellation for `name`, a volunteer signed up who follows
/// the group by e-mail; the `.ics` is attached.
pub fn training_email(
    wording: &Wording<'_>,
    name: &str,
    title: &str,
    when: &str,
    place: Option<&str>,
    kind: TrainingEmail,
    footer: &Footer<'_>,
) -> EmailTexts {
    let mut body = Body::new(wording, name);
    let arguments = [
        ("title", title.to_owned().into()),
        ("when", when.to_owned().into()),
    ];
    let (subject, intro) = match kind {
        TrainingEmail::Reminder => (
            "email-training-reminder-subject",
            "email-training-reminder-intro",
        ),
        TrainingEmail::Cancellation => (
            "email-training-cancelled-subject",
            "email-training-cancelled-intro",
        ),
    };
    body.subject = wording.format(subject, &arguments);
    body.paragraphs.push(wording.format(intro, &arguments));
    if let Some(place) = place {
        body.paragraphs
            .push(wording.labelled(&wording.get("training-place"), place));
    }
    body.after.push(wording.get("email-training-calendar"));
    body.write(footer)
}

/// A joint letter as it goes to one institution: its text as written, the associations that
/// signed it, and the co-signed PDF attached (with its fingerprint). A letter, not a
/// notification: no greeting by the bot, no unsubscribe line.
pub fn letter_email(
    wording: &Wording<'_>,
    title: &str,
    text: &str,
    signatories: &[String],
    fingerprint: &str,
) -> EmailTexts {
    let signed = wording.format(
        "email-letter-signed",
        &[("associations", signatories.join(", ").into())],
    );
    let attached = wording.format(
        "email-letter-attached",
        &[("fingerprint", fingerprint.to_owned().into())],
    );
    let plain = format!("{text}\n\n{signed}\n\n{attached}");
    let paragraphs: Vec<&str> = text.split("\n\n").collect();
    let html = html! {
        (DOCTYPE)
        html lang=(wording.language.code()) {
            head { meta charset="utf-8"; title { (title) } }
            body {
                @for paragraph in &paragraphs {
                    p {
                        @for (index, line) in paragraph.lines().enumerate() {
                            @if index > 0 { br; }
                            (line)
                        }
                    }
                }
                p { strong { (signed) } }
                p { small { (attached) } }
            }
        }
    };
    EmailTexts {
        subject: title.to_owned(),
        text: plain,
        html: html.into_string(),
    }
}

/// A renewed personal link, for `name`: the old one opens nothing any more.
pub fn new_link_email(
    wording: &Wording<'_>,
    name: &str,
    link: Option<&str>,
    footer: &Footer<'_>,
) -> EmailTexts {
    let mut body = Body::new(wording, name);
    body.subject = wording.get("email-new-link-subject");
    body.paragraphs.push(wording.get("email-new-link-intro"));
    body.answer_at(wording, link);
    body.write(footer)
}

/// What every e-mail is made of, written out once as plain text and as HTML: the greeting and
/// paragraphs, a list under its heading, the link to answer at, closing paragraphs, the
/// signature, and the unsubscribe line.
struct Body {
    language: crate::domain::Language,
    subject: String,
    paragraphs: Vec<String>,
    list: Option<(String, Vec<String>)>,
    action: Option<(String, String)>,
    after: Vec<String>,
    signature: String,
    unsubscribe_line: String,
}

impl Body {
    fn new(wording: &Wording<'_>, name: &str) -> Self {
        Self {
            language: wording.language,
            subject: String::new(),
            paragraphs: vec![wording.format("email-hello", &[("name", name.to_owned().into())])],
            list: None,
            action: None,
            after: Vec::new(),
            signature: wording.get("email-signature"),
            unsubscribe_line: wording.get("email-unsubscribe"),
        }
    }

    /// Where to answer: the personal link, or without one, through a member of the group.
    fn answer_at(&mut self, wording: &Wording<'_>, link: Option<&str>) {
        match link {
            Some(url) => self.action = Some((wording.get("email-answer-link"), url.to_owned())),
            None => self.after.push(wording.get("email-answer-without-link")),
        }
    }

    fn write(self, footer: &Footer<'_>) -> EmailTexts {
        let unsubscribe = footer.unsubscribe;
        let mut text = self.paragraphs.join("\n\n");
        if let Some((heading, items)) = &self.list {
            text.push_str(&format!("\n\n{heading}"));
            for (number, item) in items.iter().enumerate() {
                text.push_str(&format!("\n{}. {item}", number + 1));
            }
        }
        if let Some((label, url)) = &self.action {
            text.push_str(&format!("\n\n{label}\n{url}"));
        }
        for tail in self.after.iter().chain([&self.signature]) {
            text.push_str("\n\n");
            text.push_str(tail);
        }
        text.push_str("\n\n--\n");
        text.push_str(&footer.privacy.join("\n"));
        if let Some(url) = unsubscribe {
            text.push_str(&format!("\n\n{} {url}", self.unsubscribe_line));
        }
        let html = html! {
            (DOCTYPE)
            html lang=(self.language.code()) {
                head { meta charset="utf-8"; title { (self.subject) } }
                body {
                    @for paragraph in &self.paragraphs { p { (paragraph) } }
                    @if let Some((heading, items)) = &self.list {
                        p { (heading) }
                        ol { @for item in items { li { (item) } } }
                    }
                    @if let Some((label, url)) = &self.action {
                        p { (label) br; a href=(url) { (url) } }
                    }
                    @for paragraph in &self.after { p { (paragraph) } }
                    p { (self.signature) }
                    hr;
                    p { small { (footer.privacy[0]) br; (footer.privacy[1]) } }
                    @if let Some(url) = unsubscribe {
                        p { small { (self.unsubscribe_line) " " a href=(url) { (url) } } }
                    }
                }
            }
        }
        .into_string();
        EmailTexts {
            subject: self.subject,
            text: text.trim().to_owned(),
            html,
        }
    }
}
