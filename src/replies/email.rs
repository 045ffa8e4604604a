//! `!courriel` / `!email`: the people who follow the group by e-mail. An address is only ever
//! shown masked (`j…@restosducoeur.example`).

use super::wording::Wording;
use crate::domain::email::{EmailPerson, is_erased};
use crate::domain::guest::mask_email;
use crate::i18n::escape_markdown;

fn person_arguments(
    wording: &Wording<'_>,
    person: &EmailPerson,
) -> Vec<(&'static str, fluent_bundle::FluentValue<'static>)> {
    vec![
        ("number", person.number.into()),
        ("name", escape_markdown(&person.name).into()),
        ("association", escape_markdown(&person.association).into()),
        (
            "address",
            if is_erased(&person.address) {
                // Unsubscribed: there is no address any more.
                wording.get("email-address-erased").into()
            } else {
                escape_markdown(&mask_email(&person.address)).into()
            },
        ),
    ]
}

/// `sending`: whether e-mail is configured; when it is not, the room is told that nothing
/// will go out until it is.
pub fn email_added(wording: &Wording<'_>, person: &EmailPerson, sending: bool) -> String {
    let added = wording.format("email-added", &person_arguments(wording, person));
    if sending {
        added
    } else {
        format!("{added} {}", wording.get("email-not-configured"))
    }
}

pub fn email_already_known(wording: &Wording<'_>, person: &EmailPerson) -> String {
    wording.format("email-duplicate", &person_arguments(wording, person))
}

/// The address typed is one that unsubscribed: only its hash is kept, to say so.
pub fn email_unsubscribed_before(wording: &Wording<'_>, person: &EmailPerson) -> String {
    wording.format(
        "email-unsubscribed-before",
        &person_arguments(wording, person),
    )
}

/// `!email new-link <n>` done: the old link opens nothing; the new one is e-mailed (when
/// e-mail is configured).
pub fn email_new_link(wording: &Wording<'_>, person: &EmailPerson, sending: bool) -> String {
    if person.unsubscribed {
        // Nothing goes to them any more: the room is told so, not that it was sent.
        return wording.format(
            "email-new-link-unsubscribed",
            &person_arguments(wording, person),
        );
    }
    let done = wording.format("email-new-link-done", &person_arguments(wording, person));
    if sending {
        done
    } else {
        format!("{done} {}", wording.get("email-not-configured"))
    }
}

/// Someone known by e-mail among a ballot's voters: "Jean Ledoux (par courriel)", as plain
/// text (escaped where it is shown, like a display name).
pub fn email_voter_name(wording: &Wording<'_>, person: &EmailPerson) -> String {
    wording.format("email-voter-name", &[("name", person.name.clone().into())])
}

/// The room is told, once, that a meeting's guest unsubscribed (their address is deleted).
pub fn guest_unsubscribed(wording: &Wording<'_>, name: &str) -> String {
    wording.format(
        "email-guest-unsubscribed",
        &[("name", escape_markdown(name).into())],
    )
}

/// The room is told, once, that someone unsubscribed.
pub fn email_unsubscribed(wording: &Wording<'_>, person: &EmailPerson) -> String {
    wording.format("email-unsubscribed", &person_arguments(wording, person))
}

pub fn email_removed(wording: &Wording<'_>, person: &EmailPerson) -> String {
    wording.format("email-removed", &person_arguments(wording, person))
}

/// `!courriel ajouter <adresse> <association>` with no name after the association.
pub fn email_missing_name(wording: &Wording<'_>, association: &str) -> String {
    wording.format(
        "email-missing-name",
        &[("association", association.to_owned().into())],
    )
}

pub fn email_missing(wording: &Wording<'_>, number: usize, count: usize) -> String {
    wording.format(
        "email-missing",
        &[("number", number.into()), ("count", count.into())],
    )
}

/// The words after the address begin with none of the room's associations (`known`).
pub fn email_unknown_association(wording: &Wording<'_>, given: &str, known: &[String]) -> String {
    let Some(first) = known.first() else {
        return wording.get("email-no-association");
    };
    let names: Vec<String> = known.iter().map(|name| escape_markdown(name)).collect();
    wording.format(
        "email-unknown-association",
        &[
            ("given", escape_markdown(given).into()),
            ("known", names.join(", ").into()),
            ("first", first.clone().into()),
        ],
    )
}

/// `!courriels`: everyone, by number, with masked addresses.
pub fn email_list(wording: &Wording<'_>, people: &[EmailPerson]) -> String {
    if people.is_empty() {
        return wording.get("email-list-empty");
    }
    let mut text = wording.get("email-list-title");
    text.push_str("\n\n");
    for person in people {
        text.push_str("- ");
        text.push_str(&wording.format("email-list-line", &person_arguments(wording, person)));
        if person.unsubscribed {
            text.push(' ');
            text.push_str(&wording.get("email-list-unsubscribed"));
        }
        text.push('\n');
    }
    text.push('\n');
    text.push_str(&wording.get("email-list-footer"));
    text
}

/// The room's notice that e-mails wait for a daily limit (once a day).
pub fn emails_held_back(
    wording: &Wording<'_>,
    limits: crate::domain::email::DailyLimits,
) -> String {
    wording.format(
        "emails-held-back",
        &[
            ("per_recipient", limits.per_recipient.into()),
            ("per_room", limits.per_room.into()),
        ],
    )
}

#[cfg(test)]
mod tests {
    use super::*;
    use crate::domain::{Language, UserId};
    use crate::i18n::Texts;

    #[test]
    fn an_addition_says_so_when_nothing_can_be_sent_yet_and_masks_the_address() {
        let texts = Texts::new().expect("locales");
        let person = EmailPerson {
            id: 7,
            number: 3,
            address: "jean.ledoux@restosducoeur.example".into(),
            association: "Restos du Cœur".into(),
            name: "Jean *Ledoux*".into(),
            added_by: UserId::new("@alice:localhost"),
            link: crate::domain::tokens::kept_for_tests("secret"),
            unsubscribe_link: crate::domain::tokens::kept_for_tests("unsubscribe"),
            unsubscribed: false,
        };
        for language in Language::ALL {
            let wording = Wording::new(&texts, language, chrono_tz::Europe::Paris);
            let sending = email_added(&wording, &person, true);
            let silent = email_added(&wording, &person, false);
            assert!(sending.contains("j…@restosducoeur.example"), "{sending}");
            assert!(!sending.contains("jean.ledoux@"), "{sending}");
            assert!(
                sending.contains(r"Jean \*Ledoux\*"),
                "Markdown escaped: {sending}"
            );
            assert!(!sending.contains("[email]"), "{sending}");
            assert!(
                silent.starts_with(&sending) && silent.contains("`[email]`"),
                "{silent}"
            );
        }
    }

    #[test]
    fn a_new_link_for_someone_who_unsubscribed_does_not_claim_it_was_sent() {
        let texts = Texts::new().expect("locales");
        let mut person = EmailPerson {
            id: 7,
            number: 3,
            address: "jean@restos.example".into(),
            association: "Restos du Cœur".into(),
            name: "Jean".into(),
            added_by: UserId::new("@alice:localhost"),
            link: crate::domain::tokens::kept_for_tests("secret"),
            unsubscribe_link: crate::domain::tokens::kept_for_tests("unsubscribe"),
            unsubscribed: false,
        };
        let wording = Wording::new(&texts, Language::Fr, chrono_tz::Europe::Paris);
        let sent = email_new_link(&wording, &person, true);
        assert!(sent.contains("lui est envoyé par courriel"), "{sent}");
        person.unsubscribed = true;
        for language in Language::ALL {
            let wording = Wording::new(&texts, language, chrono_tz::Europe::Paris);
            let told = email_new_link(&wording, &person, true);
            assert!(told.contains("n° 3") || told.contains("no. 3"), "{told}");
            assert!(
                told.contains("pas envoyé") || told.contains("not sent"),
                "{told}"
            );
        }
    }
}
