//! `!mandat` / `!proxy`: mandates given, listed, withdrawn, refused — and how a mandate reads
//! in a poll's results, the attendance and the minutes.

use std::collections::HashMap;

use chrono::{DateTime, Utc};

use super::help::example;
use super::meetings::member_name;
use super::wording::Wording;
use crate::command::Usage;
use crate::domain::UserId;
use crate::domain::mandate::{Mandate, Refused, Scope, Use, Used};
use crate::domain::record::Owner;
use crate::i18n::escape_markdown;

/// The holder as the room reads it: the association, or the member's name.
pub fn holder_name(holder: &Owner, names: &HashMap<UserId, String>) -> String {
    match holder {
        Owner::Association(name) => escape_markdown(name),
        Owner::Member(user) => member_name(names, user),
    }
}

/// "la réunion du 12/03/2027", "le sondage n° 3".
fn scope_name(wording: &Wording<'_>, scope: &Scope) -> String {
    match scope {
        Scope::Meeting { starts_at, .. } => wording.format(
            "mandate-scope-meeting",
            &[("date", wording.date(*starts_at).into())],
        ),
        Scope::Poll { number, .. } => {
            wording.format("mandate-scope-poll", &[("number", (*number).into())])
        }
    }
}

/// One mandate: "n° 2 — Croix-Rouge → Secours populaire, pour la réunion du 12/03/2027
/// (donné par BOB)".
fn mandate_line(
    wording: &Wording<'_>,
    mandate: &Mandate,
    names: &HashMap<UserId, String>,
) -> String {
    wording.format(
        if mandate.noted {
            "mandate-line-noted"
        } else {
            "mandate-line"
        },
        &[
            ("number", mandate.number.into()),
            ("giver", escape_markdown(&mandate.giver).into()),
            ("holder", holder_name(&mandate.holder, names).into()),
            ("scope", scope_name(wording, &mandate.scope).into()),
            ("by", member_name(names, &mandate.given_by).into()),
        ],
    )
}

/// The mandate is given.
pub fn mandate_given(
    wording: &Wording<'_>,
    mandate: &Mandate,
    names: &HashMap<UserId, String>,
) -> String {
    wording.format(
        "mandate-given",
        &[
            ("line", mandate_line(wording, mandate, names).into()),
            ("giver", escape_markdown(&mandate.giver).into()),
            ("number", mandate.number.into()),
        ],
    )
}

/// Why a mandate cannot be given, with an example of the right form.
pub fn mandate_refused(wording: &Wording<'_>, refused: &Refused, known: &[String]) -> String {
    let known = known
        .iter()
        .map(|name| escape_markdown(name))
        .collect::<Vec<_>>()
        .join(", ");
    let text = match refused {
        Refused::UnknownGiver { given } | Refused::UnknownHolder { given } => wording.format(
            "mandate-unknown-association",
            &[
                ("given", escape_markdown(given).into()),
                ("known", known.into()),
            ],
        ),
        Refused::GuestGives { giver } => wording.format(
            "mandate-guest-gives",
            &[("association", escape_markdown(giver).into())],
        ),
        Refused::GuestHolds { holder } => wording.format(
            "mandate-guest-holds",
            &[("association", escape_markdown(holder).into())],
        ),
        Refused::NoRepresentative { giver } => wording.format(
            "mandate-no-representative",
            &[("association", escape_markdown(giver).into())],
        ),
        Refused::ToItself { giver } => wording.format(
            "mandate-to-itself",
            &[("association", escape_markdown(giver).into())],
        ),
        Refused::HolderFull { cap } => {
            wording.format("mandate-holder-full", &[("cap", (*cap).into())])
        }
        Refused::AlreadyGiven { number } => {
            wording.format("mandate-already-given", &[("number", (*number).into())])
        }
    };
    with_example(wording, text)
}

/// A refusal followed by the form to copy.
fn with_example(wording: &Wording<'_>, text: String) -> String {
    format!(
        "{text} {} `{}`",
        wording.get("help-example"),
        example(wording, Usage::MandateGive)
    )
}

/// No meeting to give a mandate for: none dated ahead, or none on the day typed.
pub fn mandate_no_meeting(wording: &Wording<'_>, day: Option<chrono::NaiveDate>) -> String {
    let text = match day {
        Some(day) => wording.format(
            "mandate-no-meeting-on",
            &[("date", wording.day(day).into())],
        ),
        None => wording.get("mandate-no-next-meeting"),
    };
    with_example(wording, text)
}

/// The meeting typed has passed.
pub fn mandate_past_meeting(wording: &Wording<'_>, at: DateTime<Utc>) -> String {
    with_example(
        wording,
        wording.format("mandate-past-meeting", &[("date", wording.date(at).into())]),
    )
}

/// The poll typed is closed, or unknown.
pub fn mandate_poll_closed(wording: &Wording<'_>, number: usize) -> String {
    with_example(
        wording,
        wording.format("mandate-poll-closed", &[("number", number.into())]),
    )
}

pub fn mandate_poll_unknown(wording: &Wording<'_>, number: usize) -> String {
    with_example(
        wording,
        wording.format("mandate-poll-unknown", &[("number", number.into())]),
    )
}

/// `!mandats`: the current ones, then those withdrawn or over.
pub fn mandate_list(
    wording: &Wording<'_>,
    current: &[&Mandate],
    names: &HashMap<UserId, String>,
) -> String {
    if current.is_empty() {
        return wording.get("mandate-list-empty");
    }
    let mut text = wording.get("mandate-list-title");
    for mandate in current {
        text.push_str("\n- ");
        text.push_str(&mandate_line(wording, mandate, names));
    }
    text.push_str("\n\n");
    text.push_str(&wording.get("mandate-list-how"));
    text
}

/// `!mandat retirer 2`: done.
pub fn mandate_withdrawn(
    wording: &Wording<'_>,
    mandate: &Mandate,
    names: &HashMap<UserId, String>,
) -> String {
    wording.format(
        "mandate-withdrawn",
        &[
            ("number", mandate.number.into()),
            ("giver", escape_markdown(&mandate.giver).into()),
            ("holder", holder_name(&mandate.holder, names).into()),
        ],
    )
}

/// `!mandat retirer 9`: no such mandate (or already withdrawn).
pub fn mandate_missing(wording: &Wording<'_>, number: usize) -> String {
    format!(
        "{} {} `{}`",
        wording.format("mandate-missing", &[("number", number.into())]),
        wording.get("help-example"),
        example(wording, Usage::MandateList)
    )
}

/// `!mandat retirer 2` once its ballot has closed.
pub fn mandate_closed(wording: &Wording<'_>, number: usize) -> String {
    wording.format("mandate-closed", &[("number", number.into())])
}

/// "Croix-Rouge (par mandat, Secours populaire)", for an association whose stance on a
/// ballot is its holder's.
pub fn by_mandate(wording: &Wording<'_>, association: &str, holder: &str) -> String {
    wording.format(
        "mandate-by",
        &[
            ("association", association.into()),
            ("holder", holder.into()),
        ],
    )
}

/// The association's name in a poll's results: with its holder when a mandate counted.
pub fn association_in_results(
    wording: &Wording<'_>,
    association: &str,
    uses: &[Used],
    names: &HashMap<UserId, String>,
) -> String {
    let escaped = escape_markdown(association);
    match uses
        .iter()
        .find(|used| used.giver == association && used.used == Use::Counted)
    {
        Some(used) => by_mandate(wording, &escaped, &holder_name(&used.holder, names)),
        None => escaped,
    }
}

/// The lines on mandates that did not count: void (the association answered itself), or
/// awaiting the holder.
pub fn mandate_use_lines(
    wording: &Wording<'_>,
    uses: &[Used],
    names: &HashMap<UserId, String>,
) -> Vec<String> {
    uses.iter()
        .filter_map(|used| {
            let id = match used.used {
                Use::Counted => return None,
                Use::Void => "mandate-void",
                Use::Awaiting => "mandate-awaiting",
            };
            Some(wording.format(
                id,
                &[
                    ("number", used.number.into()),
                    ("giver", escape_markdown(&used.giver).into()),
                    ("holder", holder_name(&used.holder, names).into()),
                ],
            ))
        })
        .collect()
}

/// The minutes' "Mandats" section: the meeting's mandates, and those of its polls.
pub fn minutes_mandates(
    wording: &Wording<'_>,
    mandates: &[Mandate],
    names: &HashMap<UserId, String>,
) -> String {
    let mut text = wording.get("minutes-mandates");
    text.push('\n');
    if mandates.is_empty() {
        text.push_str(&wording.get("minutes-none"));
        text.push('\n');
    }
    for mandate in mandates {
        text.push_str("- ");
        text.push_str(&mandate_line(wording, mandate, names));
        text.push('\n');
    }
    text
}
