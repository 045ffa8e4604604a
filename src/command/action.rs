//! `!action …` (plural `!actions`): who does what by when.

use super::error::{ParseError, Usage};
use super::words::{no_more, one_number, read_form, text_of};

/// What `!action` is asked to do.
#[derive(Debug, Clone, PartialEq, Eq)]
pub enum ActionCommand {
    /// `<owner> <what> [avant le <date>]`, as typed: the owner and the date are resolved by
    /// the service, which knows the room's associations and time zone.
    Create {
        text: String,
    },
    Done {
        number: usize,
    },
    List,
}

/// The forms that follow `!action`, by every name they answer to; any other text creates an
/// action (`!action liste des courses` too: only `liste` alone lists).
pub(super) const FORMS: &[(&str, Usage)] = &[
    ("fait", Usage::ActionDone),
    ("faite", Usage::ActionDone),
    ("done", Usage::ActionDone),
    ("liste", Usage::ActionList),
    ("list", Usage::ActionList),
];

/// `!action <owner> <what> [avant le <date>]`, `!action done <n>`, `!action list`.
pub(super) fn parse(arguments: &str) -> Result<ActionCommand, ParseError> {
    let (form, named, rest) = read_form(arguments, FORMS);
    let command = match named {
        _ if form.is_empty() => {
            return Err(ParseError::MissingArgument {
                usage: Usage::ActionCreate,
            });
        }
        Some(usage @ Usage::ActionDone) => ActionCommand::Done {
            number: one_number(rest, usage)?,
        },
        Some(_) if rest.trim().is_empty() => ActionCommand::List,
        _ => ActionCommand::Create {
            text: text_of(arguments).unwrap_or_default().to_owned(),
        },
    };
    Ok(command)
}

/// `!actions`: the open actions.
pub(super) fn parse_list(arguments: &str) -> Result<ActionCommand, ParseError> {
    no_more(arguments, Usage::ActionList)?;
    Ok(ActionCommand::List)
}

#[cfg(test)]
mod tests {
    use super::*;
    use crate::command::{Command, parse};

    #[test]
    fn actions_take_their_forms() {
        assert_eq!(
            parse("!action Croix-Rouge Écrire au maire avant le 15/12"),
            Ok(Some(Command::Action(ActionCommand::Create {
                text: "Croix-Rouge Écrire au maire avant le 15/12".into()
            })))
        );
        assert_eq!(
            parse("!action fait 2"),
            Ok(Some(Command::Action(ActionCommand::Done { number: 2 })))
        );
        assert_eq!(
            parse("!action done"),
            Err(ParseError::ExpectedNumber {
                usage: Usage::ActionDone,
                given: None
            })
        );
        assert_eq!(
            parse("!actions"),
            Ok(Some(Command::Action(ActionCommand::List)))
        );
    }

    #[test]
    fn words_after_actions_show_the_list_form() {
        assert_eq!(
            parse("!actions demain"),
            Err(ParseError::UnexpectedWords {
                usage: Usage::ActionList,
                extra: "demain".into()
            })
        );
        assert_eq!(
            parse("!action liste des courses"),
            Ok(Some(Command::Action(ActionCommand::Create {
                text: "liste des courses".into()
            })))
        );
    }
}
