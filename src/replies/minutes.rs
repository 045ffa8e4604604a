//! What the room reads about the minutes' way to a procès-verbal: their status (draft, with
//! who approved and who is awaited), an approval, the adoption, and the lines the adopted text
//! and its PDF carry.

use std::collections::HashMap;

use super::meetings::member_name;
use super::wording::Wording;
use crate::domain::messages::Printable;
use crate::domain::minutes::{Adoption, Approval, ApprovalState};
use crate::domain::{Meeting, UserId};
use crate::i18n::escape_markdown;

/// "Croix-Rouge (ALICE), Restos du Cœur (BOB)".
fn approvals_list(approvals: &[Approval], names: &HashMap<UserId, String>) -> String {
    approvals
        .iter()
        .map(|approval| {
            format!(
                "{} ({})",
                escape_markdown(&approval.association),
                member_name(names, &approval.by)
            )
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
            &[("list", approvals_list(&state.approved, names).into())],
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
                &[("list", approvals_list(&adoption.approvals, names).into())]
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
    let day = super::record::file_day(wording, meeting);
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
    Draft(Box<super::record::Minutes>),
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
            let text = super::record::minutes(wording, gathered, &HashMap::new(), today);
            let printable = minutes_printable(wording, meeting, heading, &text, None);
            (text, printable)
        }
    }
}
