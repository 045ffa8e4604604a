//! What the room reads about the minutes of a meeting: the minutes themselves (also uploaded
//! as a Markdown file and exported from the command line, so the same words serve all three),
//! their way to a procès-verbal — their status (draft, with who approved and who is awaited),
//! an approval, the adoption — and the lines the adopted text and its PDF carry.

use std::collections::HashMap;

use chrono::NaiveDate;

use super::agenda::{author, item_text};
use super::meetings::member_name;
use super::polls::joint_position_short;
use super::record::{action_line, decision_line};
use super::wording::Wording;
use crate::domain::attendance::Attendance;
use crate::domain::guest::Guest;
use crate::domain::messages::Printable;
use crate::domain::minutes::{Adoption, Approval, ApprovalState};
use crate::domain::poll::{Poll, PollResults};
use crate::domain::record::{Action, Decision};
use crate::domain::{AgendaItem, ItemId, ItemNote, ItemStatus, Meeting, UserId};
use crate::i18n::escape_markdown;

/// Everything the minutes of a meeting gather.
#[derive(Debug, Clone)]
pub struct Minutes {
    /// The mandates given for the meeting and for the polls of its day (not withdrawn).
    pub mandates: Vec<crate::domain::mandate::Mandate>,
    /// The joint letters sent since the meeting before.
    pub letters: Vec<crate::domain::letter::Letter>,
    pub meeting: Meeting,
    /// Every item its agenda had, whatever became of it, in the agenda's order.
    pub items: Vec<AgendaItem>,
    /// What was said or agreed on each item.
    pub notes: HashMap<ItemId, Vec<ItemNote>>,
    /// The meeting's guests (speakers).
    pub guests: Vec<Guest>,
    /// Who came, per association, when the meeting's date was set by a version that asks.
    pub attendance: Option<Attendance>,
    /// The polls closed that day, with their results.
    pub polls: Vec<(Poll, PollResults)>,
    pub decisions: Vec<Decision>,
    pub actions: Vec<Action>,
}

/// A day for the minutes that cannot be read, or has no meeting.
pub fn minutes_bad_date(wording: &Wording<'_>, given: &str) -> String {
    wording.format(
        "minutes-bad-date",
        &[("given", escape_markdown(given).into())],
    )
}

pub fn minutes_no_meeting(wording: &Wording<'_>, day: Option<NaiveDate>) -> String {
    match day {
        Some(day) => wording.format(
            "minutes-no-meeting-that-day",
            &[("date", wording.day(day).into())],
        ),
        None => wording.get("minutes-no-meeting"),
    }
}

/// The minutes' file name: `compte-rendu-2026-12-10.md`, `minutes-2026-12-10.md`.
pub fn minutes_file_name(wording: &Wording<'_>, meeting: &Meeting) -> String {
    wording.format(
        "minutes-file-name",
        &[("date", file_day(wording, meeting).into())],
    )
}

/// The meeting's day as files name it: `2026-12-10`.
pub(super) fn file_day(wording: &Wording<'_>, meeting: &Meeting) -> String {
    meeting
        .starts_at
        .map(|at| {
            at.with_timezone(&wording.time_zone)
                .format("%Y-%m-%d")
                .to_string()
        })
        .unwrap_or_default()
}

/// "- Présents : Restos du Cœur (Alice) ; …", "- Excusés : …", "- Associations non
/// représentées : …" — each line only when it has someone.
fn attendance_lines(
    wording: &Wording<'_>,
    attendance: &Attendance,
    names: &HashMap<UserId, String>,
) -> String {
    let by_association =
        |pick: fn(&crate::domain::attendance::AssociationAttendance) -> &[UserId]| {
            attendance
                .associations
                .iter()
                .filter(|standing| !pick(standing).is_empty())
                .map(|standing| {
                    format!(
                        "{} ({})",
                        escape_markdown(&standing.association),
                        super::attendance::names_of(pick(standing), names)
                    )
                })
                .collect::<Vec<_>>()
        };
    let mut present = by_association(|standing| &standing.coming);
    if !attendance.others_coming.is_empty() {
        present.push(super::attendance::names_of(
            &attendance.others_coming,
            names,
        ));
    }
    let mut excused = by_association(|standing| &standing.excused);
    if !attendance.others_excused.is_empty() {
        excused.push(super::attendance::names_of(
            &attendance.others_excused,
            names,
        ));
    }
    let absent: Vec<String> = attendance
        .associations
        .iter()
        .filter(|standing| !standing.represented())
        .map(|standing| escape_markdown(&standing.association))
        .collect();
    let mut text = String::new();
    for (id, list) in [
        ("minutes-present", present),
        ("minutes-excused", excused),
        ("minutes-not-represented", absent),
    ] {
        if !list.is_empty() {
            text.push_str(&format!(
                "- {}\n",
                wording.format(id, &[("list", wording.semicolons(&list).into())])
            ));
        }
    }
    text
}

/// The minutes of a meeting, in Markdown: date, place, host; the agenda with what became of
/// each item; the polls closed that day; the decisions; the actions.
pub fn minutes(
    wording: &Wording<'_>,
    minutes: &Minutes,
    names: &HashMap<UserId, String>,
    today: NaiveDate,
) -> String {
    let meeting = &minutes.meeting;
    let date = meeting
        .starts_at
        .map(|at| wording.date_time(at))
        .unwrap_or_default();
    let mut text = wording.format("minutes-title", &[("date", date.into())]);
    text.push_str("\n\n");
    for line in super::meetings::meeting_details(wording, meeting, &minutes.guests) {
        text.push_str(&format!("- {line}\n"));
    }
    if let Some(attendance) = &minutes.attendance {
        text.push_str(&attendance_lines(wording, attendance, names));
    }
    text.push('\n');
    text.push_str(&wording.get("minutes-agenda"));
    text.push('\n');
    if minutes.items.is_empty() {
        text.push_str(&wording.get("minutes-none"));
        text.push('\n');
    }
    for (index, item) in minutes.items.iter().enumerate() {
        let status = match item.status {
            ItemStatus::Treated => "minutes-item-treated",
            ItemStatus::CarriedOver => "minutes-item-carried",
            ItemStatus::Withdrawn => "minutes-item-withdrawn",
            ItemStatus::Open => "minutes-item-open",
        };
        text.push_str(&format!(
            "{}. {} — {} ({})\n",
            index + 1,
            item_text(&item.text),
            wording.get(status),
            author(item)
        ));
        if let Some(notes) = minutes.notes.get(&item.id) {
            text.push_str(&super::agenda::note_lines(notes));
        }
    }

    text.push('\n');
    text.push_str(&wording.get("minutes-polls"));
    text.push('\n');
    if minutes.polls.is_empty() {
        text.push_str(&wording.get("minutes-none"));
        text.push('\n');
    }
    for (poll, results) in &minutes.polls {
        let counts: Vec<String> = poll
            .options
            .iter()
            .zip(&results.by_option)
            .map(|(option, voters)| format!("{} {}", escape_markdown(option), voters.len()))
            .collect();
        let joint = joint_position_short(wording, poll, &results.joint);
        let label = format!(
            "{} {}",
            wording.number(poll.number),
            wording.quoted(&escape_markdown(&poll.question))
        );
        text.push_str(&format!(
            "- {}. {} ({}){}\n",
            wording.labelled(&label, &counts.join(", ")),
            joint,
            super::rule_line(wording, results.rule).to_lowercase(),
            escape_markdown(&format!(
                "{}{}",
                super::reasons_in_words(wording, poll, results),
                super::mandates_in_words(wording, results)
            ))
        ));
    }

    if !minutes.letters.is_empty() {
        text.push('\n');
        text.push_str(&wording.get("minutes-letters"));
        text.push('\n');
        for letter in &minutes.letters {
            let recipients: Vec<&str> = letter
                .recipients
                .iter()
                .map(|recipient| recipient.name.as_str())
                .collect();
            text.push_str(&format!(
                "- {}\n",
                wording.format(
                    "minutes-letter-line",
                    &[
                        ("number", letter.number.into()),
                        ("title", escape_markdown(&letter.title).into()),
                        (
                            "date",
                            letter
                                .sent_at
                                .map(|at| wording.date(at))
                                .unwrap_or_default()
                                .into(),
                        ),
                        ("recipients", escape_markdown(&recipients.join(", ")).into()),
                        (
                            "status",
                            super::letter_status_name(wording, letter.status()).into(),
                        ),
                    ],
                )
            ));
        }
    }
    if !minutes.mandates.is_empty() {
        text.push('\n');
        text.push_str(&super::minutes_mandates(wording, &minutes.mandates, names));
    }

    text.push('\n');
    text.push_str(&wording.get("minutes-decisions"));
    text.push('\n');
    if minutes.decisions.is_empty() {
        text.push_str(&wording.get("minutes-none"));
        text.push('\n');
    }
    for decision in &minutes.decisions {
        text.push_str("- ");
        text.push_str(&decision_line(wording, decision, names));
        text.push('\n');
    }

    text.push('\n');
    text.push_str(&wording.get("minutes-actions"));
    text.push('\n');
    if minutes.actions.is_empty() {
        text.push_str(&wording.get("minutes-none"));
        text.push('\n');
    }
    for action in &minutes.actions {
        text.push_str("- ");
        text.push_str(&action_line(wording, action, today, names));
        text.push('\n');
    }
    text.trim_end().to_owned()
}

/// "Croix-Rouge (ALICE), Restos du Cœur (BOB)".
fn approvals_list(
    wording: &Wording<'_>,
    approvals: &[Approval],
    names: &HashMap<UserId, String>,
) -> String {
    approvals
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
        .collect::<Vec<_>>()
        .join(", ")
}

fn associations_list(associations: &[String]) -> String {
    associations
        .iter()
        .map(|association| escape_markdown(association))
        .collect::<Vec<_>>()
        .join(", ")
}

/// Who approved and who is awaited: "Approuvé par : … — en attente : …".
fn standing(
    wording: &Wording<'_>,
    state: &ApprovalState,
    names: &HashMap<UserId, String>,
) -> String {
    let approved = if state.approved.is_empty() {
        wording.get("minutes-approved-by-none")
    } else {
        wording.format(
            "minutes-approved-by",
            &[(
                "list",
                approvals_list(wording, &state.approved, names).into(),
            )],
        )
    };
    if state.awaited.is_empty() {
        approved
    } else {
        format!(
            "{approved} — {}",
            wording.format(
                "minutes-awaited",
                &[("list", associations_list(&state.awaited).into())]
            )
        )
    }
}

/// The draft's status, under its text: "**Statut : projet.** Approuvé par … — en attente …
/// Pour approuver : `!compte-rendu approuver`".
pub fn minutes_draft_status(
    wording: &Wording<'_>,
    state: &ApprovalState,
    names: &HashMap<UserId, String>,
) -> String {
    format!(
        "{}\n{}",
        wording.get("minutes-status-draft"),
        standing(wording, state, names)
    )
}

/// The reply to an approval: for which association, and where the approval stands.
pub fn minutes_approved(
    wording: &Wording<'_>,
    association: &str,
    state: &ApprovalState,
    names: &HashMap<UserId, String>,
) -> String {
    format!(
        "{}\n{}",
        wording.format(
            "minutes-approved",
            &[("association", escape_markdown(association).into())]
        ),
        standing(wording, state, names)
    )
}

/// What the adopted text ends with (fingerprinted with it): when, by whom, and who had not
/// approved when a moderator adopted.
pub fn adoption_lines(
    wording: &Wording<'_>,
    adoption: &Adoption,
    names: &HashMap<UserId, String>,
) -> String {
    let mut text = wording.format(
        "minutes-adopted-on",
        &[("date", wording.date(adoption.adopted_at).into())],
    );
    text.push('\n');
    if !adoption.approvals.is_empty() {
        text.push_str(&format!(
            "- {}\n",
            wording.format(
                "minutes-approved-by",
                &[(
                    "list",
                    approvals_list(wording, &adoption.approvals, names).into()
                )]
            )
        ));
    }
    if let Some(moderator) = &adoption.adopted_by {
        text.push_str(&format!(
            "- {}\n",
            wording.format(
                "minutes-adopted-by-moderator",
                &[("moderator", member_name(names, moderator).into())]
            )
        ));
    }
    if !adoption.missing.is_empty() {
        text.push_str(&format!(
            "- {}\n",
            wording.format(
                "minutes-not-approved-by",
                &[("list", associations_list(&adoption.missing).into())]
            )
        ));
    }
    text.trim_end().to_owned()
}

/// The fingerprint line shown under an adopted text (not part of what it fingerprints).
pub fn fingerprint_line(wording: &Wording<'_>, adoption: &Adoption) -> String {
    wording.format(
        "minutes-fingerprint",
        &[("fingerprint", adoption.fingerprint.clone().into())],
    )
}

/// The post that announces the procès-verbal, with its fingerprint (the PDF follows).
pub fn minutes_adopted(wording: &Wording<'_>, meeting: &Meeting, adoption: &Adoption) -> String {
    wording.format(
        "minutes-adopted",
        &[
            ("meeting", meeting_day(wording, meeting).into()),
            ("fingerprint", adoption.fingerprint.clone().into()),
        ],
    )
}

/// The minutes were adopted already: when, and their fingerprint.
pub fn minutes_already_adopted(
    wording: &Wording<'_>,
    meeting: &Meeting,
    adoption: &Adoption,
) -> String {
    wording.format(
        "minutes-already-adopted",
        &[
            ("meeting", meeting_day(wording, meeting).into()),
            ("date", wording.date(adoption.adopted_at).into()),
            ("fingerprint", adoption.fingerprint.clone().into()),
        ],
    )
}

/// `!minutes approve` from a guest association's representative.
pub fn minutes_approve_guest_association(wording: &Wording<'_>, association: &str) -> String {
    wording.format(
        "minutes-approve-guest-association",
        &[("association", escape_markdown(association).into())],
    )
}

/// Approving needs an association: how to be linked to one.
pub fn minutes_approve_without_association(wording: &Wording<'_>) -> String {
    wording.get("minutes-approve-no-association")
}

/// The room has no association: nobody can approve, a moderator can adopt.
pub fn minutes_approve_no_associations(wording: &Wording<'_>) -> String {
    wording.get("minutes-approve-no-associations")
}

fn meeting_day(wording: &Wording<'_>, meeting: &Meeting) -> String {
    meeting
        .starts_at
        .map(|at| wording.date(at))
        .unwrap_or_default()
}

/// What heads the minutes' PDF: the room's name (a plain title for an unnamed room), then
/// its associations.
pub fn minutes_heading(
    wording: &Wording<'_>,
    room_name: Option<&str>,
    associations: &[String],
) -> Vec<String> {
    let mut heading = vec![
        room_name
            .filter(|name| !name.trim().is_empty())
            .map_or_else(|| wording.get("minutes-pdf-untitled"), str::to_owned),
    ];
    if !associations.is_empty() {
        heading.push(associations.join(" · "));
    }
    heading
}

/// The PDF of the minutes: `heading` at the top, the text, and at each page's foot "Projet"
/// or "Adopté le … — empreinte SHA-256 …". An adopted one is printed from what was frozen.
pub fn minutes_printable(
    wording: &Wording<'_>,
    meeting: &Meeting,
    heading: Vec<String>,
    markdown: &str,
    adoption: Option<&Adoption>,
) -> Printable {
    let day = file_day(wording, meeting);
    let status = match adoption {
        Some(adoption) => wording.format(
            "minutes-pdf-adopted",
            &[
                ("date", wording.date(adoption.adopted_at).into()),
                ("fingerprint", adoption.fingerprint.clone().into()),
            ],
        ),
        None => wording.get("minutes-pdf-draft"),
    };
    Printable {
        name: wording.format("minutes-pdf-name", &[("date", day.into())]),
        heading,
        markdown: markdown.to_owned(),
        status,
        language: wording.language,
        table: None,
    }
}

/// The PDF of an adopted procès-verbal, from what was frozen.
pub fn adopted_printable(
    wording: &Wording<'_>,
    meeting: &Meeting,
    adoption: &Adoption,
) -> Printable {
    minutes_printable(
        wording,
        meeting,
        adoption.heading.clone(),
        &adoption.text,
        Some(adoption),
    )
}

/// A meeting's minutes as they stand: adopted (frozen), or a draft read from the record now.
pub enum MinutesStanding {
    Adopted(Adoption),
    Draft(Box<Minutes>),
}

/// The minutes as a file shows them (Markdown) and as their PDF: an adopted text with its
/// fingerprint, or the draft read now. `heading` heads a draft's PDF.
pub fn minutes_document(
    wording: &Wording<'_>,
    standing: &MinutesStanding,
    meeting: &Meeting,
    heading: Vec<String>,
    today: chrono::NaiveDate,
) -> (String, Printable) {
    match standing {
        MinutesStanding::Adopted(adoption) => (
            format!(
                "{}\n\n{}",
                adoption.text,
                fingerprint_line(wording, adoption)
            ),
            adopted_printable(wording, meeting, adoption),
        ),
        MinutesStanding::Draft(gathered) => {
            let text = minutes(wording, gathered, &HashMap::new(), today);
            let printable = minutes_printable(wording, meeting, heading, &text, None);
            (text, printable)
        }
    }
}
