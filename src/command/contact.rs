//! `!contact ajouter|modifier|retirer|confirmer …` / `!contact add|edit|remove|confirm …`,
//! `!contact <n>`, and `!contacts [mots]` / `!contacts [words]`: the group's address book.
//! The contact's text is read by the domain ([`crate::domain::contact::read_contact`]) once the
//! service has it, so that its problems are answered with the room's words.

use super::error::{ParseError, Usage};
use super::words::{item_number, one_number, plain_number, read_form, split_word, text_of};

/// What `!contact` is asked to do.
#[derive(Debug, Clone, PartialEq, Eq)]
pub enum ContactCommand {
    /// `!contacts [words]`: every contact, or those the words find.
    Search {
        words: Option<String>,
    },
    /// `!contact <n>`: one contact, in full.
    Show {
        number: usize,
    },
    /// The contact as typed after the form.
    Add {
        text: String,
    },
    Change {
        number: usize,
        text: String,
    },
    Remove {
        number: usize,
    },
    Confirm {
        number: usize,
    },
}

pub(super) const FORMS: &[(&str, Usage)] = &[
    ("ajouter", Usage::ContactAdd),
    ("add", Usage::ContactAdd),
    ("modifier", Usage::ContactChange),
    ("changer", Usage::ContactChange),
    ("edit", Usage::ContactChange),
    ("change", Usage::ContactChange),
    ("retirer", Usage::ContactRemove),
    ("supprimer", Usage::ContactRemove),
    ("remove", Usage::ContactRemove),
    ("confirmer", Usage::ContactConfirm),
    ("confirm", Usage::ContactConfirm),
    ("chercher", Usage::ContactSearch),
    ("search", Usage::ContactSearch),
];

pub(super) fn parse(arguments: &str) -> Result<ContactCommand, ParseError> {
    let (form, named, rest) = read_form(arguments, FORMS);
    if form.is_empty() {
        return Ok(ContactCommand::Search { words: None });
    }
    let Some(usage) = named else {
        // `!contact 3`
        if let Some(number) = plain_number(&form) {
            super::words::no_more(rest, Usage::ContactShow)?;
            return Ok(ContactCommand::Show { number });
        }
        return Err(ParseError::UnexpectedWords {
            usage: Usage::ContactAdd,
            extra: arguments.trim().to_owned(),
        });
    };
    Ok(match usage {
        Usage::ContactAdd => ContactCommand::Add {
            text: text_of(rest)
                .ok_or(ParseError::MissingArgument { usage })?
                .to_owned(),
        },
        Usage::ContactChange => {
            let (number, text) = split_word(rest);
            if number.is_empty() {
                return Err(ParseError::ExpectedNumber { usage, given: None });
            }
            ContactCommand::Change {
                number: item_number(number, usage)?,
                text: text_of(text)
                    .ok_or(ParseError::MissingArgument { usage })?
                    .to_owned(),
            }
        }
        Usage::ContactRemove => ContactCommand::Remove {
            number: one_number(rest, usage)?,
        },
        Usage::ContactConfirm => ContactCommand::Confirm {
            number: one_number(rest, usage)?,
        },
        _ => ContactCommand::Search {
            words: text_of(rest).map(str::to_owned),
        },
    })
}

/// `!contacts [words]`.
pub(super) fn parse_list(arguments: &str) -> Result<ContactCommand, ParseError> {
    Ok(ContactCommand::Search {
        words: text_of(arguments).map(str::to_owned),
    })
}

#[cfg(test)]
mod tests {
    use super::*;
    use crate::command::{Command, parse as parse_command};

    fn contact(command: ContactCommand) -> Result<Option<Command>, ParseError> {
        Ok(Some(Command::Contact(command)))
    }

    #[test]
    fn every_form_reads_in_french_and_in_english() {
        let example = "CAF 77 — Mme Durand, référente partenaires, 01 60 00 00 00";
        for (body, expected) in [
            ("!contacts", ContactCommand::Search { words: None }),
            ("!contact", ContactCommand::Search { words: None }),
            (
                "!contacts préfecture hébergement",
                ContactCommand::Search {
                    words: Some("préfecture hébergement".into()),
                },
            ),
            (
                "!contact chercher CAF",
                ContactCommand::Search {
                    words: Some("CAF".into()),
                },
            ),
            ("!contact 3", ContactCommand::Show { number: 3 }),
            ("!contact n°3", ContactCommand::Show { number: 3 }),
            (
                &format!("!contact ajouter {example}"),
                ContactCommand::Add {
                    text: example.into(),
                },
            ),
            (
                &format!("!contact add {example}"),
                ContactCommand::Add {
                    text: example.into(),
                },
            ),
            (
                &format!("!contact modifier 2 {example}"),
                ContactCommand::Change {
                    number: 2,
                    text: example.into(),
                },
            ),
            (
                &format!("!contact edit 2 {example}"),
                ContactCommand::Change {
                    number: 2,
                    text: example.into(),
                },
            ),
            ("!contact retirer 2", ContactCommand::Remove { number: 2 }),
            ("!contact remove 2", ContactCommand::Remove { number: 2 }),
            (
                "!contact confirmer 4",
                ContactCommand::Confirm { number: 4 },
            ),
            ("!contact confirm 4", ContactCommand::Confirm { number: 4 }),
        ] {
            assert_eq!(parse_command(body), contact(expected), "{body}");
        }
    }

    #[test]
    fn bad_forms_say_what_is_missing() {
        assert_eq!(
            parse_command("!contact ajouter"),
            Err(ParseError::MissingArgument {
                usage: Usage::ContactAdd
            })
        );
        assert_eq!(
            parse_command("!contact modifier"),
            Err(ParseError::ExpectedNumber {
                usage: Usage::ContactChange,
                given: None
            })
        );
        assert_eq!(
            parse_command("!contact modifier 2"),
            Err(ParseError::MissingArgument {
                usage: Usage::ContactChange
            })
        );
        assert_eq!(
            parse_command("!contact retirer deux"),
            Err(ParseError::ExpectedNumber {
                usage: Usage::ContactRemove,
                given: Some("deux".into())
            })
        );
        assert!(matches!(
            parse_command("!contact Mme Durand"),
            Err(ParseError::UnexpectedWords {
                usage: Usage::ContactAdd,
                ..
            })
        ));
        assert!(matches!(
            parse_command("!contact 3 de plus"),
            Err(ParseError::UnexpectedWords {
                usage: Usage::ContactShow,
                ..
            })
        ));
    }
}
