//! `!formation ajouter|inscrire|désinscrire|annuler|émargement|présents …`, `!formation <n>`,
//! `!formations [bilan [année]]` / `!training add|sign-up|withdraw|cancel|sign-in-sheet|
//! attended …`, `!trainings [summary [year]]`: shared training sessions.

use super::error::{ParseError, Usage};
use super::words::{no_more, one_number, plain_number, read_form, split_word, text_of};

/// What `!formation` (`!training`) is asked to do.
#[derive(Debug, Clone, PartialEq, Eq)]
pub enum TrainingCommand {
    /// The coming sessions, with the seats left.
    List,
    Show {
        number: usize,
    },
    /// A new session, as typed (`<titre> le <date> …`): its date is the room's, read by the
    /// service.
    Add {
        text: String,
    },
    /// Signs up oneself (`who` empty), a member or a volunteer, as typed.
    SignUp {
        number: usize,
        who: String,
    },
    Withdraw {
        number: usize,
        who: String,
    },
    Cancel {
        number: usize,
    },
    /// The sign-in sheet's PDF.
    SignInSheet {
        number: usize,
    },
    /// Who came, as typed (several people).
    Attended {
        number: usize,
        who: String,
    },
    /// The summary of a year (this one when left out).
    Summary {
        year: Option<i32>,
    },
}

pub(super) const FORMS: &[(&str, Usage)] = &[
    ("ajouter", Usage::TrainingAdd),
    ("nouvelle", Usage::TrainingAdd),
    ("add", Usage::TrainingAdd),
    ("new", Usage::TrainingAdd),
    ("inscrire", Usage::TrainingSignUp),
    ("inscription", Usage::TrainingSignUp),
    ("sign-up", Usage::TrainingSignUp),
    ("signup", Usage::TrainingSignUp),
    ("register", Usage::TrainingSignUp),
    ("désinscrire", Usage::TrainingWithdraw),
    ("desinscrire", Usage::TrainingWithdraw),
    ("withdraw", Usage::TrainingWithdraw),
    ("annuler", Usage::TrainingCancel),
    ("cancel", Usage::TrainingCancel),
    ("émargement", Usage::TrainingSignInSheet),
    ("emargement", Usage::TrainingSignInSheet),
    ("sign-in-sheet", Usage::TrainingSignInSheet),
    ("sheet", Usage::TrainingSignInSheet),
    ("présents", Usage::TrainingAttended),
    ("presents", Usage::TrainingAttended),
    ("présent", Usage::TrainingAttended),
    ("présente", Usage::TrainingAttended),
    ("présentes", Usage::TrainingAttended),
    ("attended", Usage::TrainingAttended),
    ("bilan", Usage::TrainingSummary),
    ("summary", Usage::TrainingSummary),
    ("liste", Usage::TrainingList),
    ("list", Usage::TrainingList),
];

pub(super) fn parse(arguments: &str) -> Result<TrainingCommand, ParseError> {
    let (form, named, rest) = read_form(arguments, FORMS);
    if form.is_empty() {
        return Ok(TrainingCommand::List);
    }
    let Some(usage) = named else {
        if let Some(number) = plain_number(&form) {
            no_more(rest, Usage::TrainingShow)?;
            return Ok(TrainingCommand::Show { number });
        }
        return Err(ParseError::UnexpectedWords {
            usage: Usage::TrainingAdd,
            extra: arguments.trim().to_owned(),
        });
    };
    Ok(match usage {
        Usage::TrainingAdd => TrainingCommand::Add {
            text: text_of(rest)
                .ok_or(ParseError::MissingArgument { usage })?
                .to_owned(),
        },
        Usage::TrainingSignUp | Usage::TrainingWithdraw | Usage::TrainingAttended => {
            let (number, who) = split_word(rest);
            if number.is_empty() {
                return Err(ParseError::ExpectedNumber { usage, given: None });
            }
            let number = super::words::item_number(number, usage)?;
            let who = text_of(who).unwrap_or_default().to_owned();
            match usage {
                Usage::TrainingSignUp => TrainingCommand::SignUp { number, who },
                Usage::TrainingWithdraw => TrainingCommand::Withdraw { number, who },
                _ if who.is_empty() => return Err(ParseError::MissingArgument { usage }),
                _ => TrainingCommand::Attended { number, who },
            }
        }
        Usage::TrainingCancel => TrainingCommand::Cancel {
            number: one_number(rest, usage)?,
        },
        Usage::TrainingSignInSheet => TrainingCommand::SignInSheet {
            number: one_number(rest, usage)?,
        },
        Usage::TrainingSummary => TrainingCommand::Summary { year: year(rest)? },
        _ => no_more(rest, Usage::TrainingList).map(|()| TrainingCommand::List)?,
    })
}

/// `!formations`: the list (or `bilan`).
pub(super) fn parse_list(arguments: &str) -> Result<TrainingCommand, ParseError> {
    parse(arguments)
}

/// A year of four digits, or nothing.
fn year(rest: &str) -> Result<Option<i32>, ParseError> {
    let usage = Usage::TrainingSummary;
    match rest.split_whitespace().collect::<Vec<_>>().as_slice() {
        [] => Ok(None),
        [year] => match year.parse::<i32>() {
            Ok(year) if (1900..=9999).contains(&year) => Ok(Some(year)),
            _ => Err(ParseError::ExpectedYear {
                given: (*year).to_owned(),
            }),
        },
        [_, extra @ ..] => Err(ParseError::UnexpectedWords {
            usage,
            extra: extra.join(" "),
        }),
    }
}

#[cfg(test)]
mod tests {
    use super::*;
    use crate::command::{Command, parse as parse_command};

    fn training(command: TrainingCommand) -> Result<Option<Command>, ParseError> {
        Ok(Some(Command::Training(command)))
    }

    #[test]
    fn every_form_reads_in_french_and_in_english() {
        for (body, expected) in [
            ("!formations", TrainingCommand::List),
            ("!formation", TrainingCommand::List),
            ("!trainings", TrainingCommand::List),
            ("!formation 2", TrainingCommand::Show { number: 2 }),
            ("!training 2", TrainingCommand::Show { number: 2 }),
            (
                "!formation ajouter Premiers secours le 14/01 9h à Melun places 12",
                TrainingCommand::Add {
                    text: "Premiers secours le 14/01 9h à Melun places 12".into(),
                },
            ),
            (
                "!training add First aid on 14/01 9am seats 12",
                TrainingCommand::Add {
                    text: "First aid on 14/01 9am seats 12".into(),
                },
            ),
            (
                "!formation inscrire 1",
                TrainingCommand::SignUp {
                    number: 1,
                    who: String::new(),
                },
            ),
            (
                "!training sign-up 1 Jean Dupont (Croix-Rouge)",
                TrainingCommand::SignUp {
                    number: 1,
                    who: "Jean Dupont (Croix-Rouge)".into(),
                },
            ),
            (
                "!formation désinscrire 1 @bob:example.org",
                TrainingCommand::Withdraw {
                    number: 1,
                    who: "@bob:example.org".into(),
                },
            ),
            (
                "!training withdraw 1",
                TrainingCommand::Withdraw {
                    number: 1,
                    who: String::new(),
                },
            ),
            (
                "!formation annuler 3",
                TrainingCommand::Cancel { number: 3 },
            ),
            ("!training cancel 3", TrainingCommand::Cancel { number: 3 }),
            (
                "!formation émargement 1",
                TrainingCommand::SignInSheet { number: 1 },
            ),
            (
                "!training sign-in-sheet 1",
                TrainingCommand::SignInSheet { number: 1 },
            ),
            (
                "!formation présents 1 @alice:example.org Jean Dupont (Croix-Rouge)",
                TrainingCommand::Attended {
                    number: 1,
                    who: "@alice:example.org Jean Dupont (Croix-Rouge)".into(),
                },
            ),
            (
                "!training attended 1 @alice:example.org",
                TrainingCommand::Attended {
                    number: 1,
                    who: "@alice:example.org".into(),
                },
            ),
            ("!formations bilan", TrainingCommand::Summary { year: None }),
            (
                "!formations bilan 2026",
                TrainingCommand::Summary { year: Some(2026) },
            ),
            (
                "!trainings summary 2027",
                TrainingCommand::Summary { year: Some(2027) },
            ),
        ] {
            assert_eq!(parse_command(body), training(expected), "{body}");
        }
    }

    #[test]
    fn bad_forms_name_what_is_missing() {
        assert_eq!(
            parse_command("!formation ajouter"),
            Err(ParseError::MissingArgument {
                usage: Usage::TrainingAdd
            })
        );
        assert_eq!(
            parse_command("!formation inscrire"),
            Err(ParseError::ExpectedNumber {
                usage: Usage::TrainingSignUp,
                given: None
            })
        );
        assert_eq!(
            parse_command("!formation présents 1"),
            Err(ParseError::MissingArgument {
                usage: Usage::TrainingAttended
            })
        );
        assert_eq!(
            parse_command("!formations bilan dernier"),
            Err(ParseError::ExpectedYear {
                given: "dernier".into()
            })
        );
        assert_eq!(
            parse_command("!formations bilan 99999999999"),
            Err(ParseError::ExpectedYear {
                given: "99999999999".into()
            })
        );
        assert!(parse_command("!formation émargement").is_err());
    }
}
