//! `!plaidoyer nouveau|texte|destinataires|approuver|envoyer|réponse …` / `!advocacy
//! new|text|recipients|approve|send|answer …`, `!plaidoyer <n>`, and `!plaidoyers` /
//! `!advocacy`: joint advocacy letters.

use super::error::{ParseError, Usage};
use super::words::{
    clean_word, item_number, one_number, plain_number, read_form, split_word, text_of,
};
use crate::domain::letter::MAX_TITLE_LENGTH;

/// What `!plaidoyer` (`!advocacy`) is asked to do.
#[derive(Debug, Clone, PartialEq, Eq)]
pub enum AdvocacyCommand {
    List,
    Show {
        number: usize,
    },
    /// A new letter with this title.
    New {
        title: String,
    },
    /// A new letter from poll n° `poll` (its question and joint position).
    NewFromPoll {
        poll: usize,
    },
    /// The letter's text, as typed (lines kept).
    Text {
        number: usize,
        text: String,
    },
    /// The letter's recipients, as typed (`<nom> <adresse> ; …`).
    Recipients {
        number: usize,
        typed: String,
    },
    /// Approve letter n° `number` for one's association — its `version` when said, so that a
    /// version changed meanwhile is not approved unread.
    Approve {
        number: usize,
        version: Option<usize>,
    },
    /// Send approved letter n° `number` to its recipients.
    Send {
        number: usize,
    },
    /// An answer letter n° `number` received, as typed.
    Answer {
        number: usize,
        text: String,
    },
}

pub(super) const FORMS: &[(&str, Usage)] = &[
    ("nouveau", Usage::AdvocacyNew),
    ("nouvelle", Usage::AdvocacyNew),
    ("new", Usage::AdvocacyNew),
    ("texte", Usage::AdvocacyText),
    ("text", Usage::AdvocacyText),
    ("destinataires", Usage::AdvocacyRecipients),
    ("recipients", Usage::AdvocacyRecipients),
    ("approuver", Usage::AdvocacyApprove),
    ("approve", Usage::AdvocacyApprove),
    ("envoyer", Usage::AdvocacySend),
    ("send", Usage::AdvocacySend),
    ("réponse", Usage::AdvocacyAnswer),
    ("reponse", Usage::AdvocacyAnswer),
    ("answer", Usage::AdvocacyAnswer),
    ("liste", Usage::AdvocacyList),
    ("list", Usage::AdvocacyList),
];

/// The words that start a letter from a poll: `depuis sondage 2`, `from poll 2`.
const FROM_WORDS: [&str; 2] = ["depuis", "from"];
const POLL_WORDS: [&str; 2] = ["sondage", "poll"];

pub(super) fn parse(arguments: &str) -> Result<AdvocacyCommand, ParseError> {
    let (form, named, rest) = read_form(arguments, FORMS);
    if form.is_empty() {
        return Ok(AdvocacyCommand::List);
    }
    let Some(usage) = named else {
        if let Some(number) = plain_number(&form) {
            super::words::no_more(rest, Usage::AdvocacyShow)?;
            return Ok(AdvocacyCommand::Show { number });
        }
        return Err(ParseError::UnexpectedWords {
            usage: Usage::AdvocacyNew,
            extra: arguments.trim().to_owned(),
        });
    };
    Ok(match usage {
        Usage::AdvocacyNew => new(rest)?,
        Usage::AdvocacySend => AdvocacyCommand::Send {
            number: one_number(rest, usage)?,
        },
        Usage::AdvocacyText | Usage::AdvocacyRecipients | Usage::AdvocacyAnswer => {
            let (number, text) = split_word(rest);
            if number.is_empty() {
                return Err(ParseError::ExpectedNumber { usage, given: None });
            }
            let number = item_number(number, usage)?;
            // A text or an answer may come as a file the command replies to: the service
            // reads it when nothing follows the number.
            let text = match (text_of(text), usage) {
                (Some(text), _) => text.to_owned(),
                (None, Usage::AdvocacyText | Usage::AdvocacyAnswer) => String::new(),
                (None, _) => return Err(ParseError::MissingArgument { usage }),
            };
            match usage {
                Usage::AdvocacyText => AdvocacyCommand::Text { number, text },
                Usage::AdvocacyAnswer => AdvocacyCommand::Answer { number, text },
                _ => AdvocacyCommand::Recipients {
                    number,
                    typed: text,
                },
            }
        }
        Usage::AdvocacyApprove => approve(rest)?,
        _ => super::words::no_more(rest, Usage::AdvocacyList).map(|()| AdvocacyCommand::List)?,
    })
}

/// `!plaidoyers`: the list.
pub(super) fn parse_list(arguments: &str) -> Result<AdvocacyCommand, ParseError> {
    if arguments.trim().is_empty() {
        return Ok(AdvocacyCommand::List);
    }
    parse(arguments)
}

/// `<n> [version <v>]`.
fn approve(rest: &str) -> Result<AdvocacyCommand, ParseError> {
    let usage = Usage::AdvocacyApprove;
    let (number, after) = split_word(rest);
    if number.is_empty() {
        return Err(ParseError::ExpectedNumber { usage, given: None });
    }
    let number = item_number(number, usage)?;
    let (word, version) = split_word(after);
    let version = match clean_word(word).as_str() {
        "" => None,
        "version" | "v" => Some(one_number(version, usage)?),
        _ => {
            return Err(ParseError::UnexpectedWords {
                usage,
                extra: after.trim().to_owned(),
            });
        }
    };
    Ok(AdvocacyCommand::Approve { number, version })
}

/// `<titre>` or `depuis sondage <n>`.
fn new(rest: &str) -> Result<AdvocacyCommand, ParseError> {
    let usage = Usage::AdvocacyNew;
    let (first, after) = split_word(rest);
    let (second, number) = split_word(after);
    if FROM_WORDS.contains(&clean_word(first).as_str())
        && POLL_WORDS.contains(&clean_word(second).as_str())
    {
        return Ok(AdvocacyCommand::NewFromPoll {
            poll: one_number(number, usage)?,
        });
    }
    let title = text_of(rest).ok_or(ParseError::MissingArgument { usage })?;
    let length = title.chars().count();
    if length > MAX_TITLE_LENGTH {
        return Err(ParseError::TitleTooLong { length });
    }
    Ok(AdvocacyCommand::New {
        title: title.to_owned(),
    })
}

#[cfg(test)]
mod tests {
    use super::*;
    use crate::command::{Command, parse as parse_command};

    fn advocacy(command: AdvocacyCommand) -> Result<Option<Command>, ParseError> {
        Ok(Some(Command::Advocacy(command)))
    }

    #[test]
    fn every_form_reads_in_french_and_in_english() {
        for (body, expected) in [
            ("!plaidoyers", AdvocacyCommand::List),
            ("!plaidoyer", AdvocacyCommand::List),
            ("!advocacy", AdvocacyCommand::List),
            ("!plaidoyer 2", AdvocacyCommand::Show { number: 2 }),
            ("!advocacy 2", AdvocacyCommand::Show { number: 2 }),
            (
                "!plaidoyer nouveau Lettre au Préfet sur les gymnases",
                AdvocacyCommand::New {
                    title: "Lettre au Préfet sur les gymnases".into(),
                },
            ),
            (
                "!advocacy new Letter to the Prefect",
                AdvocacyCommand::New {
                    title: "Letter to the Prefect".into(),
                },
            ),
            (
                "!plaidoyer nouveau depuis sondage 3",
                AdvocacyCommand::NewFromPoll { poll: 3 },
            ),
            (
                "!advocacy new from poll 3",
                AdvocacyCommand::NewFromPoll { poll: 3 },
            ),
            (
                "!plaidoyer texte 1 Monsieur le Préfet,\n\nNous vous écrivons…",
                AdvocacyCommand::Text {
                    number: 1,
                    text: "Monsieur le Préfet,\n\nNous vous écrivons…".into(),
                },
            ),
            (
                "!advocacy text 1 Dear Prefect",
                AdvocacyCommand::Text {
                    number: 1,
                    text: "Dear Prefect".into(),
                },
            ),
            (
                "!plaidoyer destinataires 1 Cabinet du Préfet cabinet@prefet.example",
                AdvocacyCommand::Recipients {
                    number: 1,
                    typed: "Cabinet du Préfet cabinet@prefet.example".into(),
                },
            ),
            (
                "!advocacy recipients 1 Cabinet cabinet@prefet.example",
                AdvocacyCommand::Recipients {
                    number: 1,
                    typed: "Cabinet cabinet@prefet.example".into(),
                },
            ),
            (
                "!plaidoyer approuver 1",
                AdvocacyCommand::Approve {
                    number: 1,
                    version: None,
                },
            ),
            ("!plaidoyer envoyer 1", AdvocacyCommand::Send { number: 1 }),
            ("!advocacy send 1", AdvocacyCommand::Send { number: 1 }),
            (
                "!plaidoyer réponse 1 Le Préfet nous reçoit le 12 janvier.",
                AdvocacyCommand::Answer {
                    number: 1,
                    text: "Le Préfet nous reçoit le 12 janvier.".into(),
                },
            ),
            (
                "!advocacy answer 1 Meeting on 12 January",
                AdvocacyCommand::Answer {
                    number: 1,
                    text: "Meeting on 12 January".into(),
                },
            ),
            (
                "!advocacy approve 1 version 3",
                AdvocacyCommand::Approve {
                    number: 1,
                    version: Some(3),
                },
            ),
        ] {
            assert_eq!(parse_command(body), advocacy(expected), "{body}");
        }
    }

    #[test]
    fn bad_forms_say_what_is_missing() {
        assert_eq!(
            parse_command("!plaidoyer nouveau"),
            Err(ParseError::MissingArgument {
                usage: Usage::AdvocacyNew
            })
        );
        assert_eq!(
            parse_command("!plaidoyer texte 1"),
            advocacy(AdvocacyCommand::Text {
                number: 1,
                text: String::new()
            }),
            "the text may be a file the command replies to"
        );
        assert_eq!(
            parse_command("!plaidoyer destinataires 1"),
            Err(ParseError::MissingArgument {
                usage: Usage::AdvocacyRecipients
            })
        );
        assert_eq!(
            parse_command("!plaidoyer texte"),
            Err(ParseError::ExpectedNumber {
                usage: Usage::AdvocacyText,
                given: None
            })
        );
        assert_eq!(
            parse_command("!plaidoyer approuver"),
            Err(ParseError::ExpectedNumber {
                usage: Usage::AdvocacyApprove,
                given: None
            })
        );
        assert_eq!(
            parse_command(&format!("!plaidoyer nouveau {}", "a".repeat(201))),
            Err(ParseError::TitleTooLong { length: 201 })
        );
        assert!(matches!(
            parse_command("!plaidoyer Lettre"),
            Err(ParseError::UnexpectedWords {
                usage: Usage::AdvocacyNew,
                ..
            })
        ));
    }
}
