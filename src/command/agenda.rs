//! `!agenda …` / `!odj …`: the next meeting's agenda. Item numbers are as the last list showed
//! them.

use super::error::{ParseError, Usage};
use super::words::{item_number, no_more, one_number, read_form, split_word, text_of};
use crate::domain::agenda::MAX_ITEM_LENGTH;

/// What `!agenda` (`!odj`) is asked to do.
#[derive(Debug, Clone, PartialEq, Eq)]
pub enum AgendaCommand {
    List,
    Add {
        text: String,
        urgent: bool,
    },
    Remove {
        number: usize,
    },
    Done {
        number: usize,
    },
    Move {
        number: usize,
        to: usize,
    },
    /// What was said or agreed on item `number`.
    Note {
        number: usize,
        text: String,
    },
}

/// The forms that follow `!agenda`, by every name they answer to, with the form an error
/// shows.
pub(super) const FORMS: &[(&str, Usage)] = &[
    ("list", Usage::AgendaList),
    ("liste", Usage::AgendaList),
    ("add", Usage::AgendaAdd),
    ("ajouter", Usage::AgendaAdd),
    ("ajout", Usage::AgendaAdd),
    ("urgent", Usage::AgendaUrgent),
    ("remove", Usage::AgendaRemove),
    ("retirer", Usage::AgendaRemove),
    ("supprimer", Usage::AgendaRemove),
    ("done", Usage::AgendaDone),
    ("traité", Usage::AgendaDone),
    ("traite", Usage::AgendaDone),
    ("move", Usage::AgendaMove),
    ("déplacer", Usage::AgendaMove),
    ("deplacer", Usage::AgendaMove),
    ("note", Usage::AgendaNote),
    ("noter", Usage::AgendaNote),
];

pub(super) fn parse(arguments: &str) -> Result<AgendaCommand, ParseError> {
    let (form, named, rest) = read_form(arguments, FORMS);
    if form.is_empty() {
        return Ok(AgendaCommand::List);
    }
    let Some(usage) = named else {
        return Err(ParseError::UnknownAgendaAction { given: form });
    };
    let command = match usage {
        Usage::AgendaAdd | Usage::AgendaUrgent => AgendaCommand::Add {
            text: item_text(rest, usage)?,
            urgent: usage == Usage::AgendaUrgent,
        },
        Usage::AgendaRemove => AgendaCommand::Remove {
            number: one_number(rest, usage)?,
        },
        Usage::AgendaDone => AgendaCommand::Done {
            number: one_number(rest, usage)?,
        },
        Usage::AgendaNote => {
            let (number, text) = split_word(rest);
            if number.is_empty() {
                return Err(ParseError::ExpectedNumber { usage, given: None });
            }
            AgendaCommand::Note {
                number: item_number(number, usage)?,
                text: item_text(text, usage).map_err(|error| match error {
                    ParseError::ItemTextTooLong { length } => ParseError::NoteTooLong { length },
                    other => other,
                })?,
            }
        }
        Usage::AgendaMove => match rest.split_whitespace().collect::<Vec<_>>().as_slice() {
            [number, to] => AgendaCommand::Move {
                number: item_number(number, usage)?,
                to: item_number(to, usage)?,
            },
            [] | [_] => return Err(ParseError::ExpectedNumber { usage, given: None }),
            [_, _, extra @ ..] => {
                return Err(ParseError::UnexpectedWords {
                    usage,
                    extra: extra.join(" "),
                });
            }
        },
        _ => {
            no_more(rest, usage)?;
            AgendaCommand::List
        }
    };
    Ok(command)
}

/// The item's text as typed (inner spacing kept), checked for emptiness and length. A text
/// made only of invisible characters is empty: nobody could read it in the list.
fn item_text(rest: &str, usage: Usage) -> Result<String, ParseError> {
    let text = text_of(rest).ok_or(ParseError::EmptyItemText { usage })?;
    let length = text.chars().count();
    if length > MAX_ITEM_LENGTH {
        return Err(ParseError::ItemTextTooLong { length });
    }
    Ok(text.to_owned())
}

#[cfg(test)]
mod tests {
    use super::*;
    use crate::command::{Command, parse};

    fn agenda(body: &str) -> Result<Option<Command>, ParseError> {
        parse(body)
    }

    #[test]
    fn agenda_alone_or_list_shows_the_agenda_under_every_name() {
        for body in ["!agenda", "!odj", "!agenda list", "!ODJ liste"] {
            assert_eq!(
                agenda(body),
                Ok(Some(Command::Agenda(AgendaCommand::List))),
                "{body:?}"
            );
        }
    }

    #[test]
    fn a_note_names_its_item_and_keeps_its_text() {
        assert_eq!(
            agenda("!agenda note 2 Accord pour écrire au Préfet ; Marie rédige"),
            Ok(Some(Command::Agenda(AgendaCommand::Note {
                number: 2,
                text: "Accord pour écrire au Préfet ; Marie rédige".into()
            })))
        );
        assert_eq!(
            agenda("!agenda note"),
            Err(ParseError::ExpectedNumber {
                usage: Usage::AgendaNote,
                given: None
            })
        );
        assert_eq!(
            agenda("!agenda note 2"),
            Err(ParseError::EmptyItemText {
                usage: Usage::AgendaNote
            })
        );
        assert!(matches!(
            agenda("!agenda note deux Accord"),
            Err(ParseError::ExpectedNumber {
                usage: Usage::AgendaNote,
                ..
            })
        ));
    }

    #[test]
    fn a_too_long_note_is_a_note_error() {
        let text = "x".repeat(MAX_ITEM_LENGTH + 1);
        assert_eq!(
            agenda(&format!("!agenda note 1 {text}")),
            Err(ParseError::NoteTooLong {
                length: MAX_ITEM_LENGTH + 1
            })
        );
    }

    #[test]
    fn an_added_item_keeps_its_text_as_typed() {
        assert_eq!(
            agenda("!agenda ajouter   Budget 2027 :  point  sur les subventions  "),
            Ok(Some(Command::Agenda(AgendaCommand::Add {
                text: "Budget 2027 :  point  sur les subventions".into(),
                urgent: false
            })))
        );
        assert_eq!(
            agenda("!odj urgent Fermeture du local"),
            Ok(Some(Command::Agenda(AgendaCommand::Add {
                text: "Fermeture du local".into(),
                urgent: true
            })))
        );
    }

    #[test]
    fn an_item_needs_a_text_of_at_most_500_characters() {
        assert_eq!(
            agenda("!agenda add   "),
            Err(ParseError::EmptyItemText {
                usage: Usage::AgendaAdd
            })
        );
        let long = "é".repeat(501);
        assert_eq!(
            agenda(&format!("!agenda add {long}")),
            Err(ParseError::ItemTextTooLong { length: 501 })
        );
        let longest = "é".repeat(500);
        assert!(agenda(&format!("!agenda add {longest}")).is_ok());
    }

    #[test]
    fn remove_done_and_move_take_item_numbers() {
        assert_eq!(
            agenda("!agenda retirer 2"),
            Ok(Some(Command::Agenda(AgendaCommand::Remove { number: 2 })))
        );
        assert_eq!(
            agenda("!agenda traité n°3"),
            Ok(Some(Command::Agenda(AgendaCommand::Done { number: 3 })))
        );
        assert_eq!(
            agenda("!agenda move 3 1"),
            Ok(Some(Command::Agenda(AgendaCommand::Move {
                number: 3,
                to: 1
            })))
        );
    }

    #[test]
    fn a_missing_or_wrong_number_names_the_form() {
        assert_eq!(
            agenda("!agenda remove"),
            Err(ParseError::ExpectedNumber {
                usage: Usage::AgendaRemove,
                given: None
            })
        );
        assert_eq!(
            agenda("!agenda done deux"),
            Err(ParseError::ExpectedNumber {
                usage: Usage::AgendaDone,
                given: Some("deux".into())
            })
        );
        assert_eq!(
            agenda("!agenda move 0 1"),
            Err(ParseError::ExpectedNumber {
                usage: Usage::AgendaMove,
                given: Some("0".into())
            })
        );
        assert_eq!(
            agenda("!agenda move 2"),
            Err(ParseError::ExpectedNumber {
                usage: Usage::AgendaMove,
                given: None
            })
        );
    }

    #[test]
    fn an_unknown_agenda_action_is_named() {
        assert_eq!(
            agenda("!agenda effacer 2"),
            Err(ParseError::UnknownAgendaAction {
                given: "effacer".into()
            })
        );
    }

    #[test]
    fn an_item_of_invisible_characters_only_is_empty() {
        for body in [
            "!agenda ajouter \u{200B}",
            "!agenda ajouter \u{200B}\u{200C} \u{2060}\u{FEFF}",
            "!agenda urgent \u{3164}",
        ] {
            assert!(
                matches!(parse(body), Err(ParseError::EmptyItemText { .. })),
                "{body:?}"
            );
        }
        // Emoji sequences keep their joiners.
        assert_eq!(
            parse("!agenda ajouter Accueil \u{1F468}\u{200D}\u{1F469}\u{200D}\u{1F467}"),
            Ok(Some(Command::Agenda(AgendaCommand::Add {
                text: "Accueil \u{1F468}\u{200D}\u{1F469}\u{200D}\u{1F467}".into(),
                urgent: false
            })))
        );
    }
}
