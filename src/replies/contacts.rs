//! `!contact` / `!contacts`: the address book as the room reads it — addresses masked in lists,
//! whole in `!contact <n>` — and its contacts to check in the week-ahead meeting reminder.

use std::collections::HashMap;

use super::help::example;
use super::meetings::member_name;
use super::wording::Wording;
use crate::command::Usage;
use crate::domain::UserId;
use crate::domain::contact::{Contact, ContactProblem};
use crate::domain::guest::mask_email;
use crate::i18n::escape_markdown;

/// One line of a list: "n° 3 — **CAF 77** — Mme Durand, référente — 01 60 00 00 00 —
/// m…@caf77.example", and "à vérifier" when it is.
fn contact_line(wording: &Wording<'_>, contact: &Contact, to_check: bool) -> String {
    let fields = &contact.fields;
    let mut parts = vec![
        wording.number(contact.number),
        format!("**{}**", escape_markdown(&fields.organisation)),
        format!(
            "{}, {}",
            escape_markdown(&fields.name),
            escape_markdown(&fields.role)
        ),
    ];
    parts.extend(fields.phone.as_deref().map(escape_markdown));
    parts.extend(
        fields
            .email
            .as_deref()
            .map(|email| escape_markdown(&mask_email(email))),
    );
    let mut line = parts.join(" — ");
    if to_check {
        line.push(' ');
        line.push_str(&wording.get("contact-to-check"));
    }
    line
}

/// `!contacts [words]`: the contacts found, by organisation.
pub fn contact_list(
    wording: &Wording<'_>,
    found: &[(&Contact, bool)],
    words: Option<&str>,
) -> String {
    if found.is_empty() {
        return match words {
            Some(words) => format!(
                "{} {} `{}`",
                wording.format(
                    "contact-search-none",
                    &[("words", escape_markdown(words).into())]
                ),
                wording.get("help-example"),
                example(wording, Usage::ContactSearch)
            ),
            None => format!(
                "{} {} `{}`",
                wording.get("contact-list-empty"),
                wording.get("help-example"),
                example(wording, Usage::ContactAdd)
            ),
        };
    }
    let mut text = match words {
        Some(words) => wording.format(
            "contact-search-title",
            &[
                ("words", escape_markdown(words).into()),
                ("count", found.len().into()),
            ],
        ),
        None => wording.format("contact-list-title", &[("count", found.len().into())]),
    };
    for (contact, to_check) in found {
        text.push_str("\n- ");
        text.push_str(&contact_line(wording, contact, *to_check));
    }
    text.push_str("\n\n");
    text.push_str(&wording.get("contact-list-how"));
    text
}

/// `!contact <n>`: in full, the address whole, who added it and when it was last confirmed.
pub fn contact_detail(
    wording: &Wording<'_>,
    contact: &Contact,
    to_check: bool,
    names: &HashMap<UserId, String>,
) -> String {
    let fields = &contact.fields;
    let mut text = format!(
        "**{} — {}**",
        wording.format("contact-title", &[("number", contact.number.into())]),
        escape_markdown(&fields.organisation)
    );
    let mut line = |label: &str, value: String| {
        text.push_str("\n- ");
        text.push_str(&wording.labelled(&wording.get(label), &value));
    };
    line("contact-name", escape_markdown(&fields.name));
    line("contact-role", escape_markdown(&fields.role));
    if let Some(phone) = &fields.phone {
        line("contact-phone", escape_markdown(phone));
    }
    if let Some(email) = &fields.email {
        line("contact-email", escape_markdown(email));
    }
    if let Some(note) = &fields.note {
        line("contact-note", escape_markdown(note));
    }
    let by = match &contact.added_by_association {
        Some(association) => format!(
            "{} ({})",
            member_name(names, &contact.added_by),
            escape_markdown(association)
        ),
        None => member_name(names, &contact.added_by),
    };
    line(
        "contact-added",
        wording.format(
            "contact-added-by",
            &[
                ("by", by.into()),
                ("date", wording.date(contact.added_at).into()),
            ],
        ),
    );
    line("contact-confirmed", wording.date(contact.confirmed_at));
    if to_check {
        text.push_str("\n\n");
        text.push_str(
            &wording.format("contact-to-check-how", &[("number", contact.number.into())]),
        );
    }
    text
}

/// A contact added, changed or confirmed: its line, and what to do next.
pub fn contact_saved(wording: &Wording<'_>, id: &str, contact: &Contact) -> String {
    wording.format(
        id,
        &[
            ("number", contact.number.into()),
            ("line", contact_line(wording, contact, false).into()),
        ],
    )
}

/// `!contact retirer 3`: done.
pub fn contact_removed(wording: &Wording<'_>, contact: &Contact) -> String {
    wording.format(
        "contact-removed",
        &[
            ("number", contact.number.into()),
            (
                "organisation",
                escape_markdown(&contact.fields.organisation).into(),
            ),
            ("name", escape_markdown(&contact.fields.name).into()),
        ],
    )
}

/// No contact n° `number`.
pub fn contact_missing(wording: &Wording<'_>, number: usize) -> String {
    format!(
        "{} {} `{}`",
        wording.format("contact-missing", &[("number", number.into())]),
        wording.get("help-example"),
        example(wording, Usage::ContactSearch)
    )
}

/// Why a contact as typed cannot be kept, with the form to copy.
pub fn contact_problem(wording: &Wording<'_>, problem: &ContactProblem, usage: Usage) -> String {
    let text = match problem {
        ContactProblem::MissingOrganisation => wording.get("contact-missing-organisation"),
        ContactProblem::MissingName => wording.get("contact-missing-name"),
        ContactProblem::MissingRole => wording.get("contact-missing-role"),
        ContactProblem::NotAPhone(given) => wording.format(
            "contact-not-a-phone",
            &[("given", escape_markdown(given).into())],
        ),
        ContactProblem::NotAnEmail(given) => wording.format(
            "contact-not-an-email",
            &[("given", escape_markdown(given).into())],
        ),
        ContactProblem::Twice => wording.get("contact-twice"),
        ContactProblem::TooLong(length) => wording.format(
            "contact-too-long",
            &[
                ("length", (*length).into()),
                ("max", crate::domain::contact::MAX_CONTACT_PART.into()),
            ],
        ),
    };
    format!(
        "{text} {} `{}`",
        wording.get("help-example"),
        example(wording, usage)
    )
}

/// The week-ahead meeting reminder's lines on the contacts to check.
pub fn contacts_to_check(wording: &Wording<'_>, contacts: &[Contact]) -> String {
    let mut text = wording.format(
        "contact-reminder-title",
        &[("count", contacts.len().into())],
    );
    for contact in contacts {
        text.push_str("\n- ");
        text.push_str(&wording.format(
            "contact-reminder-line",
            &[
                ("number", contact.number.into()),
                (
                    "organisation",
                    escape_markdown(&contact.fields.organisation).into(),
                ),
                ("name", escape_markdown(&contact.fields.name).into()),
                ("date", wording.date(contact.confirmed_at).into()),
            ],
        ));
    }
    text
}
