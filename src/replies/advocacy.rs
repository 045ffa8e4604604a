//! `!plaidoyer` / `!advocacy`: joint letters as the room reads them — addresses masked —, and
//! the signed letter as frozen and printed (its recipients, its text, each association named as
//! a signatory, the fingerprint at the foot).

use std::collections::HashMap;

use chrono::{DateTime, Utc};

use super::help::example;
use super::meetings::member_name;
use super::wording::Wording;
use crate::command::Usage;
use crate::domain::UserId;
use crate::domain::guest::mask_email;
use crate::domain::letter::{
    Frozen, Letter, LetterRecipient, LetterStatus, MAX_LETTER_LENGTH, RecipientProblem,
};
use crate::domain::messages::Printable;
use crate::domain::minutes::ApprovalState;
use crate::i18n::escape_markdown;

/// "brouillon", "approuvé", "envoyé".
pub fn letter_status_name(wording: &Wording<'_>, status: LetterStatus) -> String {
    wording.get(match status {
        LetterStatus::Draft => "letter-status-draft",
        LetterStatus::Approved => "letter-status-approved",
        LetterStatus::Sent => "letter-status-sent",
        LetterStatus::Answered => "letter-status-answered",
        LetterStatus::Unanswered => "letter-status-unanswered",
    })
}

/// A reply followed by a form to copy.
fn with_example(wording: &Wording<'_>, text: String, usage: Usage) -> String {
    format!(
        "{text} {} `{}`",
        wording.get("help-example"),
        example(wording, usage)
    )
}

/// `!plaidoyers`: every letter, its status.
pub fn letter_list(wording: &Wording<'_>, letters: &[Letter]) -> String {
    if letters.is_empty() {
        return with_example(
            wording,
            wording.get("letter-list-empty"),
            Usage::AdvocacyNew,
        );
    }
    let mut text = wording.get("letter-list-title");
    for letter in letters {
        text.push_str("\n- ");
        text.push_str(&wording.format(
            "letter-list-line",
            &[
                ("number", letter.number.into()),
                ("title", escape_markdown(&letter.title).into()),
                (
                    "status",
                    letter_status_name(wording, letter.status()).into(),
                ),
            ],
        ));
    }
    text
}

pub fn letter_missing(wording: &Wording<'_>, number: usize) -> String {
    with_example(
        wording,
        wording.format("letter-missing", &[("number", number.into())]),
        Usage::AdvocacyList,
    )
}

/// "Cabinet du Préfet (c…@prefet.example) ; …", addresses masked.
fn recipients_masked(wording: &Wording<'_>, recipients: &[LetterRecipient]) -> String {
    let listed: Vec<String> = recipients
        .iter()
        .map(|recipient| {
            format!(
                "{} ({})",
                escape_markdown(&recipient.name),
                escape_markdown(&mask_email(&recipient.address))
            )
        })
        .collect();
    wording.semicolons(&listed)
}

/// Who approved ("Restos du Cœur (ALICE)") and who is awaited.
fn approval_lines(
    wording: &Wording<'_>,
    state: &ApprovalState,
    names: &HashMap<UserId, String>,
) -> String {
    let approved: Vec<String> = state
        .approved
        .iter()
        .map(|approval| {
            let association = escape_markdown(&approval.association);
            let association = match &approval.by_mandate {
                Some(holder) => {
                    super::by_mandate(wording, &association, &super::holder_name(holder, names))
                }
                None => association,
            };
            format!("{association} ({})", member_name(names, &approval.by))
        })
        .collect();
    let awaited: Vec<String> = state
        .awaited
        .iter()
        .map(|association| escape_markdown(association))
        .collect();
    let none = wording.get("letter-nobody");
    wording.format(
        "letter-approvals",
        &[
            (
                "approved",
                if approved.is_empty() {
                    none.clone()
                } else {
                    approved.join(", ")
                }
                .into(),
            ),
            (
                "awaited",
                if awaited.is_empty() {
                    none
                } else {
                    awaited.join(", ")
                }
                .into(),
            ),
        ],
    )
}

/// `!plaidoyer <n>`: the current version, its recipients, its status and who approved.
pub fn letter_detail(
    wording: &Wording<'_>,
    letter: &Letter,
    state: &ApprovalState,
    names: &HashMap<UserId, String>,
) -> String {
    let mut text = wording.format(
        "letter-title",
        &[
            ("number", letter.number.into()),
            ("title", escape_markdown(&letter.title).into()),
        ],
    );
    let mut line = |value: String| {
        text.push_str("\n- ");
        text.push_str(&value);
    };
    line(wording.format(
        "letter-status-line",
        &[
            (
                "status",
                letter_status_name(wording, letter.status()).into(),
            ),
            ("version", letter.version.into()),
        ],
    ));
    if let Some(poll) = letter.poll {
        line(wording.format("letter-from-poll", &[("poll", poll.into())]));
    }
    line(if letter.recipients.is_empty() {
        wording.get("letter-no-recipients")
    } else {
        wording.format(
            "letter-recipients",
            &[(
                "recipients",
                recipients_masked(wording, &letter.recipients).into(),
            )],
        )
    });
    if letter.sent_at.is_none() {
        line(approval_lines(wording, state, names));
    }
    if let Some(sent) = letter.sent_at {
        line(wording.format(
            "letter-sent-on",
            &[("date", wording.date_time(sent).into())],
        ));
    }
    for (index, answer) in letter.answers.iter().enumerate() {
        line(wording.format(
            "letter-answer-line",
            &[
                ("number", (index + 1).into()),
                ("date", wording.date(answer.recorded_at).into()),
                ("by", member_name(names, &answer.recorded_by).into()),
                ("text", escape_markdown(&answer.text).into()),
            ],
        ));
        if let Some(file) = &answer.file_name {
            line(wording.format(
                "letter-answer-file",
                &[("name", escape_markdown(file).into())],
            ));
        }
    }
    if let Some(frozen) = letter
        .frozen
        .as_ref()
        .filter(|f| f.version == letter.version)
    {
        line(wording.format(
            "letter-fingerprint",
            &[("fingerprint", frozen.fingerprint.clone().into())],
        ));
    }
    text.push_str("\n\n");
    match &letter.text {
        Some(body) => {
            text.push_str(&quote(body));
        }
        None => text.push_str(&with_example(
            wording,
            wording.get("letter-no-text"),
            Usage::AdvocacyText,
        )),
    }
    if letter.status() == LetterStatus::Draft && letter.text.is_some() {
        text.push_str("\n\n");
        text.push_str(&wording.format(
            "letter-how-to-approve",
            &[
                ("number", letter.number.into()),
                ("version", letter.version.into()),
            ],
        ));
    }
    text
}

/// The letter's text as a quotation in the room (each line behind `>`).
fn quote(text: &str) -> String {
    text.lines()
        .map(|line| format!("> {}", escape_markdown(line)))
        .collect::<Vec<_>>()
        .join("\n")
}

/// A letter opened (from a poll: which one and its position).
pub fn letter_opened(
    wording: &Wording<'_>,
    number: usize,
    title: &str,
    from_poll: Option<(usize, &str)>,
) -> String {
    match from_poll {
        Some((poll, position)) => wording.format(
            "letter-opened-from-poll",
            &[
                ("number", number.into()),
                ("title", escape_markdown(title).into()),
                ("poll", poll.into()),
                ("position", escape_markdown(position).into()),
            ],
        ),
        None => wording.format(
            "letter-opened",
            &[
                ("number", number.into()),
                ("title", escape_markdown(title).into()),
            ],
        ),
    }
}

/// The first text of a letter opened from a poll: the question and the joint position.
pub fn letter_position_text(wording: &Wording<'_>, question: &str, position: &str) -> String {
    wording.format(
        "letter-position-text",
        &[
            ("question", question.to_owned().into()),
            ("position", position.to_owned().into()),
        ],
    )
}

pub fn letter_no_poll(wording: &Wording<'_>, number: usize) -> String {
    with_example(
        wording,
        wording.format("letter-no-poll", &[("number", number.into())]),
        Usage::AdvocacyNew,
    )
}

pub fn letter_poll_without_position(wording: &Wording<'_>, number: usize) -> String {
    with_example(
        wording,
        wording.format("letter-poll-without-position", &[("number", number.into())]),
        Usage::AdvocacyNew,
    )
}

pub fn letter_already_sent(wording: &Wording<'_>, letter: &Letter) -> String {
    wording.format(
        "letter-already-sent",
        &[
            ("number", letter.number.into()),
            (
                "date",
                letter
                    .sent_at
                    .map(|at| wording.date_time(at))
                    .unwrap_or_default()
                    .into(),
            ),
        ],
    )
}

pub fn letter_too_long(wording: &Wording<'_>, length: usize) -> String {
    wording.format(
        "letter-too-long",
        &[("length", length.into()), ("max", MAX_LETTER_LENGTH.into())],
    )
}

/// The text changed: its new version, and whether approvals were withdrawn.
pub fn letter_changed(
    wording: &Wording<'_>,
    number: usize,
    version: usize,
    withdrawn: bool,
) -> String {
    let mut text = wording.format(
        "letter-text-changed",
        &[("number", number.into()), ("version", version.into())],
    );
    if withdrawn {
        text.push(' ');
        text.push_str(&wording.get("letter-approvals-withdrawn"));
    }
    text
}

pub fn letter_recipients_set(
    wording: &Wording<'_>,
    number: usize,
    version: usize,
    recipients: &[LetterRecipient],
    withdrawn: bool,
) -> String {
    let mut text = wording.format(
        "letter-recipients-set",
        &[
            ("number", number.into()),
            ("version", version.into()),
            ("recipients", recipients_masked(wording, recipients).into()),
        ],
    );
    if withdrawn {
        text.push(' ');
        text.push_str(&wording.get("letter-approvals-withdrawn"));
    }
    text
}

pub fn letter_recipient_problem(wording: &Wording<'_>, problem: &RecipientProblem) -> String {
    let text = match problem {
        RecipientProblem::None => wording.get("letter-recipients-none"),
        RecipientProblem::NoAddress(given) | RecipientProblem::NoName(given) => wording.format(
            "letter-recipient-incomplete",
            &[("given", escape_markdown(given).into())],
        ),
        RecipientProblem::NotAnAddress(given) => wording.format(
            "letter-recipient-bad-address",
            &[("given", escape_markdown(given).into())],
        ),
        RecipientProblem::TooMany => wording.format(
            "letter-recipients-too-many",
            &[("max", crate::domain::letter::MAX_RECIPIENTS.into())],
        ),
    };
    with_example(wording, text, Usage::AdvocacyRecipients)
}

/// Approving a letter without a text or without recipients.
pub fn letter_incomplete(wording: &Wording<'_>, letter: &Letter) -> String {
    let (id, usage) = if letter.text.is_none() {
        ("letter-needs-text", Usage::AdvocacyText)
    } else {
        ("letter-needs-recipients", Usage::AdvocacyRecipients)
    };
    with_example(
        wording,
        wording.format(id, &[("number", letter.number.into())]),
        usage,
    )
}

/// `!plaidoyer approuver 2 version 3` when the letter is at version 4.
pub fn letter_version_changed(wording: &Wording<'_>, letter: &Letter, seen: usize) -> String {
    wording.format(
        "letter-version-changed",
        &[
            ("number", letter.number.into()),
            ("seen", seen.into()),
            ("version", letter.version.into()),
        ],
    )
}

pub fn letter_already_approved(wording: &Wording<'_>, letter: &Letter) -> String {
    wording.format(
        "letter-already-approved",
        &[("number", letter.number.into())],
    )
}

/// The sender represents no member association (a guest one, or none).
pub fn letter_approve_without_association(wording: &Wording<'_>, theirs: Option<&str>) -> String {
    match theirs {
        Some(guest) => wording.format(
            "letter-approve-guest-association",
            &[("association", escape_markdown(guest).into())],
        ),
        None => wording.get("letter-approve-without-association"),
    }
}

/// An association approved: who has, who is awaited.
pub fn letter_approved(
    wording: &Wording<'_>,
    letter: &Letter,
    association: &str,
    state: &ApprovalState,
    names: &HashMap<UserId, String>,
) -> String {
    format!(
        "{}\n{}",
        wording.format(
            "letter-approved-by",
            &[
                ("number", letter.number.into()),
                ("version", letter.version.into()),
                ("association", escape_markdown(association).into()),
            ],
        ),
        approval_lines(wording, state, names)
    )
}

/// The signed letter, as frozen (Markdown): whom it is to, its title and text, then each
/// association named as a signatory.
pub fn letter_signed_text(
    wording: &Wording<'_>,
    letter: &Letter,
    state: &ApprovalState,
    place: Option<&str>,
    at: DateTime<Utc>,
) -> String {
    let recipients: Vec<String> = letter
        .recipients
        .iter()
        .map(|recipient| escape_markdown(&recipient.name))
        .collect();
    let mut text = match place {
        Some(place) => wording.format(
            "letter-signed-place-date",
            &[
                ("place", escape_markdown(place).into()),
                ("date", wording.day_in_words(at).into()),
            ],
        ),
        None => wording.format(
            "letter-signed-date",
            &[("date", wording.day_in_words(at).into())],
        ),
    };
    text.push_str("\n\n");
    text.push_str(&wording.format(
        "letter-signed-to",
        &[("recipients", wording.semicolons(&recipients).into())],
    ));
    text.push_str("\n\n## ");
    text.push_str(&escape_markdown(&letter.title));
    text.push_str("\n\n");
    text.push_str(&escape_markdown(letter.text.as_deref().unwrap_or_default()));
    text.push_str("\n\n");
    text.push_str(&wording.get("letter-signatories"));
    text.push('\n');
    for approval in &state.approved {
        text.push_str(&format!("- {}\n", escape_markdown(&approval.association)));
    }
    text.trim_end().to_owned()
}

/// The co-signed letter's PDF: the group's name at the top, the signed text, the fingerprint
/// at every page's foot.
pub fn letter_printable(
    wording: &Wording<'_>,
    letter: &Letter,
    frozen: &Frozen,
    room_name: Option<&str>,
) -> Printable {
    Printable {
        name: wording.format("letter-pdf-name", &[("number", letter.number.into())]),
        heading: super::minutes_heading(wording, room_name, &[]),
        markdown: frozen.text.clone(),
        status: wording.format(
            "letter-pdf-foot",
            &[
                ("number", letter.number.into()),
                ("date", wording.date(frozen.at).into()),
                ("fingerprint", frozen.fingerprint.clone().into()),
            ],
        ),
        language: wording.language,
        table: None,
    }
}

/// "Lettre n° 2 approuvée par les quatre associations", with the fingerprint.
pub fn letter_frozen(
    wording: &Wording<'_>,
    letter: &Letter,
    frozen: &Frozen,
    count: usize,
) -> String {
    wording.format(
        "letter-frozen",
        &[
            ("number", letter.number.into()),
            ("title", escape_markdown(&letter.title).into()),
            ("count", count.into()),
            ("fingerprint", frozen.fingerprint.clone().into()),
        ],
    )
}

/// `!plaidoyer envoyer` before every association approved.
pub fn letter_not_approved(
    wording: &Wording<'_>,
    letter: &Letter,
    state: &ApprovalState,
    names: &HashMap<UserId, String>,
) -> String {
    format!(
        "{}\n{}",
        wording.format("letter-not-approved", &[("number", letter.number.into())]),
        approval_lines(wording, state, names)
    )
}

/// `!plaidoyer envoyer` without e-mail configured.
pub fn letter_no_email(wording: &Wording<'_>) -> String {
    wording.get("letter-no-email")
}

/// What the register records when a letter goes: its title, the day, its recipients.
pub fn letter_sent_decision(wording: &Wording<'_>, letter: &Letter, at: DateTime<Utc>) -> String {
    let recipients: Vec<&str> = letter
        .recipients
        .iter()
        .map(|recipient| recipient.name.as_str())
        .collect();
    wording.format(
        "letter-sent-decision",
        &[
            ("number", letter.number.into()),
            ("title", letter.title.clone().into()),
            ("date", wording.date(at).into()),
            ("recipients", recipients.join(", ").into()),
        ],
    )
}

/// The letter is on its way (the room is told again when it went out).
pub fn letter_sending(wording: &Wording<'_>, letter: &Letter, decision: usize) -> String {
    wording.format(
        "letter-sending",
        &[
            ("number", letter.number.into()),
            ("count", letter.recipients.len().into()),
            ("decision", decision.into()),
        ],
    )
}

pub fn letter_answer_before_sending(wording: &Wording<'_>, letter: &Letter) -> String {
    with_example(
        wording,
        wording.format(
            "letter-answer-before-sending",
            &[("number", letter.number.into())],
        ),
        Usage::AdvocacySend,
    )
}

pub fn letter_answer_recorded(wording: &Wording<'_>, letter: &Letter) -> String {
    wording.format(
        "letter-answer-recorded",
        &[
            ("number", letter.number.into()),
            ("count", (letter.answers.len() + 1).into()),
        ],
    )
}

/// Every e-mail of the letter went out (or some could not).
pub fn letter_gone_out(
    wording: &Wording<'_>,
    letter: &Letter,
    sent: usize,
    given_up: usize,
) -> String {
    let mut text = wording.format(
        "letter-gone-out",
        &[
            ("number", letter.number.into()),
            ("title", escape_markdown(&letter.title).into()),
            ("count", sent.into()),
            (
                "recipients",
                escape_markdown(
                    &letter
                        .recipients
                        .iter()
                        .map(|recipient| recipient.name.as_str())
                        .collect::<Vec<_>>()
                        .join(", "),
                )
                .into(),
            ),
        ],
    );
    if given_up > 0 {
        text.push(' ');
        text.push_str(&wording.format("letter-given-up", &[("count", given_up.into())]));
    }
    text
}

/// No answer after `days` days: the room is reminded, mentioning who sent it, with the
/// offer of a reminder letter.
pub fn letter_follow_up(
    wording: &Wording<'_>,
    letter: &Letter,
    sender: Option<&str>,
    days: u32,
) -> String {
    wording.format(
        "letter-follow-up",
        &[
            ("number", letter.number.into()),
            ("title", escape_markdown(&letter.title).into()),
            ("days", days.into()),
            (
                "date",
                letter
                    .sent_at
                    .map(|at| wording.date(at))
                    .unwrap_or_default()
                    .into(),
            ),
            ("sender", sender.unwrap_or_default().to_owned().into()),
        ],
    )
}

/// `!plaidoyer texte <n>` with neither a text nor a file it replies to.
pub fn letter_text_missing(wording: &Wording<'_>, number: usize) -> String {
    with_example(
        wording,
        wording.format("letter-text-missing", &[("number", number.into())]),
        Usage::AdvocacyText,
    )
}

/// The file replied to is not Markdown or text in UTF-8.
pub fn letter_file_unreadable(wording: &Wording<'_>, name: &str) -> String {
    wording.format(
        "letter-file-unreadable",
        &[("name", escape_markdown(name).into())],
    )
}

/// `!plaidoyer réponse <n>` with neither a text nor a file.
pub fn letter_answer_missing(wording: &Wording<'_>, number: usize) -> String {
    with_example(
        wording,
        wording.format("letter-answer-missing", &[("number", number.into())]),
        Usage::AdvocacyAnswer,
    )
}
