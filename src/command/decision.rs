//! `!décision …` / `!decision …` (plurals `!décisions`, `!decisions`): the record of
//! decisions.

use super::error::{ParseError, Usage};
use super::words::{item_number, read_form, split_word, text_of};
use crate::domain::record::MAX_DECISION_LENGTH;

/// What `!decision` is asked to do.
#[derive(Debug, Clone, PartialEq, Eq)]
pub enum DecisionCommand {
    Record {
        text: String,
    },
    Show {
        number: usize,
    },
    Amend {
        number: usize,
        text: String,
    },
    Revoke {
        number: usize,
        reason: String,
    },
    /// The latest ones.
    List,
    /// A full-text search, as typed.
    Search {
        words: String,
    },
}

/// The forms that follow `!décision`, by every name they answer to; a lone number shows a
/// decision, any other text records one.
pub(super) const FORMS: &[(&str, Usage)] = &[
    ("modifier", Usage::DecisionAmend),
    ("amend", Usage::DecisionAmend),
    ("amender", Usage::DecisionAmend),
    ("annuler", Usage::DecisionRevoke),
    ("revoke", Usage::DecisionRevoke),
    ("révoquer", Usage::DecisionRevoke),
    ("revoquer", Usage::DecisionRevoke),
];

/// `!decision <text>`, `!decision <n>`, `!decision amend <n> <text>`,
/// `!decision revoke <n> <reason>`.
pub(super) fn parse(arguments: &str) -> Result<DecisionCommand, ParseError> {
    let (form, named, rest) = read_form(arguments, FORMS);
    let first = split_word(arguments).0;
    let command = match named {
        _ if form.is_empty() => {
            return Err(ParseError::MissingArgument {
                usage: Usage::DecisionRecord,
            });
        }
        Some(usage @ Usage::DecisionAmend) => {
            let (number, text) = numbered(rest, usage)?;
            DecisionCommand::Amend { number, text }
        }
        Some(usage) => {
            let (number, reason) = numbered(rest, usage)?;
            DecisionCommand::Revoke { number, reason }
        }
        None if rest.trim().is_empty()
            && first.trim_start_matches("n°").parse::<usize>().is_ok() =>
        {
            DecisionCommand::Show {
                number: item_number(first, Usage::DecisionShow)?,
            }
        }
        None => {
            let text = text_of(arguments).ok_or(ParseError::MissingArgument {
                usage: Usage::DecisionRecord,
            })?;
            DecisionCommand::Record {
                text: decision_text(text)?,
            }
        }
    };
    Ok(command)
}

/// `!décisions`: the latest decisions; `!décisions <words>`: a search.
pub(super) fn parse_list(arguments: &str) -> Result<DecisionCommand, ParseError> {
    Ok(match arguments.trim() {
        "" => DecisionCommand::List,
        words => DecisionCommand::Search {
            words: words.to_owned(),
        },
    })
}

/// `<n> <text>`, both needed.
fn numbered(rest: &str, usage: Usage) -> Result<(usize, String), ParseError> {
    let (number, text) = split_word(rest);
    if number.is_empty() {
        return Err(ParseError::ExpectedNumber { usage, given: None });
    }
    let number = item_number(number, usage)?;
    let text = text_of(text).ok_or(ParseError::MissingArgument { usage })?;
    Ok((number, decision_text(text)?))
}

fn decision_text(text: &str) -> Result<String, ParseError> {
    let length = text.chars().count();
    if length > MAX_DECISION_LENGTH {
        return Err(ParseError::DecisionTooLong { length });
    }
    Ok(text.to_owned())
}

#[cfg(test)]
mod tests {
    use super::*;
    use crate::command::{Command, parse};

    #[test]
    fn decisions_record_show_amend_revoke_list_and_search() {
        let decision = |command| Ok(Some(Command::Decision(command)));
        assert_eq!(
            parse("!décision On signe la lettre"),
            decision(DecisionCommand::Record {
                text: "On signe la lettre".into()
            })
        );
        assert_eq!(
            parse("!decision 3"),
            decision(DecisionCommand::Show { number: 3 })
        );
        assert_eq!(
            parse("!décision modifier 3 Nouveau texte"),
            decision(DecisionCommand::Amend {
                number: 3,
                text: "Nouveau texte".into()
            })
        );
        assert_eq!(
            parse("!decision revoke 2 Replaced"),
            decision(DecisionCommand::Revoke {
                number: 2,
                reason: "Replaced".into()
            })
        );
        assert_eq!(
            parse("!décision annuler 2"),
            Err(ParseError::MissingArgument {
                usage: Usage::DecisionRevoke
            })
        );
        assert_eq!(parse("!décisions"), decision(DecisionCommand::List));
        assert_eq!(
            parse("!decisions lieu d'accueil"),
            decision(DecisionCommand::Search {
                words: "lieu d'accueil".into()
            })
        );
        assert_eq!(
            parse("!décision"),
            Err(ParseError::MissingArgument {
                usage: Usage::DecisionRecord
            })
        );
        assert_eq!(
            parse(&format!(
                "!décision {}",
                "x".repeat(MAX_DECISION_LENGTH + 1)
            )),
            Err(ParseError::DecisionTooLong {
                length: MAX_DECISION_LENGTH + 1
            })
        );
    }
}
