//! The room's associations as the room reads them: `!associations`, who represents which,
//! which are guest associations.

use std::collections::HashMap;

use super::meetings::member_name;
use super::wording::Wording;
use crate::domain::UserId;
use crate::domain::association::same_association;
use crate::i18n::escape_markdown;

/// `!associations`: members by association (in the room's order), then the guests.
pub fn association_list(
    wording: &Wording<'_>,
    (associations, guest_associations): (&[String], &[String]),
    membership: &HashMap<UserId, String>,
    members: &[(UserId, Option<String>)],
) -> String {
    let names: HashMap<UserId, String> = members
        .iter()
        .filter_map(|(user, name)| name.clone().map(|name| (user.clone(), name)))
        .collect();
    let mut text = wording.get("association-list-title");
    text.push_str("\n\n");
    if associations.is_empty() {
        text.push_str(&wording.get("association-list-none"));
        text.push('\n');
    }
    for association in associations {
        let mut in_it: Vec<String> = membership
            .iter()
            .filter(|(_, name)| *name == association)
            .map(|(user, _)| member_name(&names, user))
            .collect();
        in_it.sort();
        let members = if in_it.is_empty() {
            wording.get("association-list-nobody")
        } else {
            in_it.join(", ")
        };
        let guest = guest_associations
            .iter()
            .any(|guest| same_association(guest, association));
        text.push_str("- ");
        text.push_str(&wording.format(
            if guest {
                "association-list-guest-line"
            } else {
                "association-list-line"
            },
            &[
                ("association", escape_markdown(association).into()),
                ("members", members.into()),
            ],
        ));
        text.push('\n');
    }
    let mut guests: Vec<String> = members
        .iter()
        .filter(|(user, _)| !membership.contains_key(user))
        .map(|(user, _)| member_name(&names, user))
        .collect();
    guests.sort();
    if !guests.is_empty() {
        text.push('\n');
        text.push_str(&wording.format(
            "association-list-guests",
            &[("members", guests.join(", ").into())],
        ));
    }
    text
}

/// `user` (Markdown-safe) now represents `association`, or is a guest with `None`.
pub fn association_set(wording: &Wording<'_>, user: &str, association: Option<&str>) -> String {
    match association {
        Some(association) => wording.format(
            "association-set",
            &[
                ("user", user.to_owned().into()),
                ("association", escape_markdown(association).into()),
            ],
        ),
        None => wording.format("association-unset", &[("user", user.to_owned().into())]),
    }
}

/// `!association guest <name>` / `member <name>`: done, and what it means.
pub fn association_standing(wording: &Wording<'_>, association: &str, guest: bool) -> String {
    wording.format(
        if guest {
            "association-now-guest"
        } else {
            "association-now-member"
        },
        &[("association", escape_markdown(association).into())],
    )
}

/// An association name the room does not know, with the ones it knows.
pub fn association_unknown(wording: &Wording<'_>, given: &str, known: &[String]) -> String {
    let known: Vec<String> = known.iter().map(|name| escape_markdown(name)).collect();
    wording.format(
        "association-unknown",
        &[
            ("given", escape_markdown(given).into()),
            ("known", wording.semicolons(&known).into()),
        ],
    )
}

#[cfg(test)]
mod tests {
    use super::*;
    use crate::domain::Language;
    use crate::i18n::Texts;

    fn texts() -> Texts {
        Texts::new().expect("locales")
    }

    #[test]
    fn a_room_without_associations_is_told_how_to_add_them() {
        let texts = texts();
        let text = association_list(
            &Wording::new(&texts, Language::Fr, chrono_tz::Europe::Paris),
            (&[], &[]),
            &HashMap::new(),
            &[],
        );
        assert!(
            text.contains("Aucune association n'est encore connue"),
            "{text}"
        );
        assert!(
            text.contains("`!association set @marie:exemple.fr Secours populaire`"),
            "{text}"
        );
    }

    #[test]
    fn a_guest_association_is_marked_in_the_list() {
        let texts = texts();
        let membership = HashMap::from([
            (UserId::new("@a:x"), "Croix-Rouge".to_owned()),
            (UserId::new("@e:x"), "Emmaüs".to_owned()),
        ]);
        for (language, marker) in [
            (Language::Fr, "association invitée"),
            (Language::En, "guest association"),
        ] {
            let text = association_list(
                &Wording::new(&texts, language, chrono_tz::Europe::Paris),
                (&["Croix-Rouge".into(), "Emmaüs".into()], &["Emmaüs".into()]),
                &membership,
                &[],
            );
            let line = |name: &str| {
                text.lines()
                    .find(|line| line.contains(name))
                    .unwrap_or_default()
                    .to_owned()
            };
            assert!(line("Emmaüs").contains(marker), "{text}");
            assert!(!line("Croix-Rouge").contains(marker), "{text}");
        }
    }
}
