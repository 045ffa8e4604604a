//! `!sondage …` / `!poll …` (plurals `!sondages`, `!polls`): polls on joint positions.

use super::error::{ParseError, Usage};
use super::words::{
    clean_word, is_blank, item_number, no_more, optional_number, read_form, split_word,
};
use crate::domain::poll::{
    MAX_OPTION_LENGTH, MAX_POLL_OPTIONS, MAX_QUESTION_LENGTH, MIN_POLL_OPTIONS,
};

/// What `!poll` (`!sondage`) is asked to do.
#[derive(Debug, Clone, PartialEq, Eq)]
pub enum PollCommand {
    /// A new poll. `options` empty: For / Against / Abstain in the room's language. The
    /// deadline is as typed; the service reads it in the room's time zone.
    Create {
        question: String,
        options: Vec<String>,
        deadline: Option<String>,
        /// `!sondage caché …` / `!poll hidden …`: results hidden until the close.
        hidden: bool,
        /// `!sondage consentement <proposition>` / `!poll consent <proposal>`: options agree /
        /// concern / object, adopted unless an association objects.
        consent: bool,
    },
    /// The results of poll n, or of the latest one.
    Results { number: Option<usize> },
    /// The open polls.
    List,
    /// Ends poll n (or the latest open one); `record` also writes the outcome to the record
    /// of decisions.
    Close { number: Option<usize>, record: bool },
}

/// The forms that follow `!sondage`, by every name they answer to; any other first word
/// starts a new poll's question.
pub(super) const FORMS: &[(&str, Usage)] = &[
    ("résultats", Usage::PollResults),
    ("resultats", Usage::PollResults),
    ("résultat", Usage::PollResults),
    ("resultat", Usage::PollResults),
    ("results", Usage::PollResults),
    ("result", Usage::PollResults),
    ("liste", Usage::PollList),
    ("list", Usage::PollList),
    ("clore", Usage::PollClose),
    ("close", Usage::PollClose),
    ("fermer", Usage::PollClose),
];

/// The word before a new poll's question that hides its results until the close.
const HIDDEN_WORDS: [&str; 4] = ["caché", "cachée", "cache", "hidden"];

/// The word before a proposal that makes the poll a consent poll.
const CONSENT_WORDS: [&str; 2] = ["consentement", "consent"];

/// The words after `!sondage clore [n]` that also write the outcome to the record.
const RECORD_WORDS: [&str; 3] = ["enregistrer", "record", "consigner"];

/// The words that start a deadline: `!poll until 12/12 6pm: …`, `!sondage jusqu'au 12/12 18h : …`.
const DEADLINE_WORDS: [&str; 5] = ["jusqu'au", "jusqu’au", "jusqu'à", "jusqu’à", "until"];

pub(super) fn parse(arguments: &str) -> Result<PollCommand, ParseError> {
    let (form, named, rest) = read_form(arguments, FORMS);
    if form.is_empty() {
        return Err(ParseError::PollQuestionMissing);
    }
    let command = match named {
        Some(usage @ Usage::PollResults) => PollCommand::Results {
            number: optional_number(rest, usage)?,
        },
        Some(usage @ Usage::PollClose) => close(rest, usage)?,
        Some(usage) => no_more(rest, usage).map(|()| PollCommand::List)?,
        None => new_poll(arguments.trim())?,
    };
    Ok(command)
}

/// `!sondages`, `!polls`: the open polls.
pub(super) fn parse_list(arguments: &str) -> Result<PollCommand, ParseError> {
    no_more(arguments, Usage::PollList)?;
    Ok(PollCommand::List)
}

/// `[n] [enregistrer]`.
fn close(rest: &str, usage: Usage) -> Result<PollCommand, ParseError> {
    let is_record = |word: &str| RECORD_WORDS.contains(&clean_word(word).as_str());
    let (number, record) = match rest.split_whitespace().collect::<Vec<_>>().as_slice() {
        [] => (None, false),
        [word] if is_record(word) => (None, true),
        [number] => (Some(item_number(number, usage)?), false),
        [number, word] if is_record(word) => (Some(item_number(number, usage)?), true),
        [_, extra @ ..] => {
            return Err(ParseError::UnexpectedWords {
                usage,
                extra: extra.join(" "),
            });
        }
    };
    Ok(PollCommand::Close { number, record })
}

/// `[jusqu'au <date> :] <question> [| <option> | <option> …]`
fn new_poll(text: &str) -> Result<PollCommand, ParseError> {
    // `caché` and `consentement` come first, in either order.
    let (mut hidden, mut consent, mut text) = (false, false, text);
    loop {
        let (word, rest) = split_word(text);
        let word = clean_word(word);
        if !hidden && HIDDEN_WORDS.contains(&word.as_str()) {
            hidden = true;
        } else if !consent && CONSENT_WORDS.contains(&word.as_str()) {
            consent = true;
        } else {
            break;
        }
        text = rest.trim_start();
    }
    // Read on the original text, case and accents aside: never an index of a lower-cased copy.
    let folded = crate::domain::text::Folded::new(text);
    let after_deadline_word = DEADLINE_WORDS.iter().find_map(|word| {
        folded
            .strip_prefix(word)
            .filter(|after| after.starts_with(char::is_whitespace))
    });
    let (deadline, text) = match after_deadline_word {
        Some(after) => {
            // The question follows the first colon that ends a word ("18:30" is a time).
            let colon = after
                .char_indices()
                .find(|(index, c)| {
                    *c == ':'
                        && after[index + 1..]
                            .chars()
                            .next()
                            .is_none_or(char::is_whitespace)
                })
                .map(|(index, _)| index)
                .ok_or(ParseError::PollDeadlineWithoutQuestion)?;
            let date = after[..colon].trim();
            if date.is_empty() {
                return Err(ParseError::PollDeadlineWithoutQuestion);
            }
            (Some(date.to_owned()), after[colon + 1..].trim())
        }
        None => (None, text),
    };
    let mut parts = text.split('|').map(|part| part.trim_matches(is_blank));
    let question = parts.next().unwrap_or_default();
    if question.is_empty() {
        return Err(if deadline.is_some() {
            ParseError::PollDeadlineWithoutQuestion
        } else {
            ParseError::PollQuestionMissing
        });
    }
    let length = question.chars().count();
    if length > MAX_QUESTION_LENGTH {
        return Err(ParseError::PollQuestionTooLong { length });
    }
    let options: Vec<String> = parts.map(str::to_owned).collect();
    if consent && !options.is_empty() {
        // A consent poll's options are its own.
        return Err(ParseError::UnexpectedWords {
            usage: Usage::PollConsent,
            extra: format!("| {}", options.join(" | ")),
        });
    }
    check_options(&options)?;
    Ok(PollCommand::Create {
        question: question.to_owned(),
        options,
        deadline,
        hidden,
        consent,
    })
}

/// None (the default For / Against / Abstain), or 2 to 10 options, none empty, none too long,
/// no two the same (case and invisible characters aside).
fn check_options(options: &[String]) -> Result<(), ParseError> {
    if options.is_empty() {
        return Ok(());
    }
    if !(MIN_POLL_OPTIONS..=MAX_POLL_OPTIONS).contains(&options.len()) {
        return Err(ParseError::PollOptionCount {
            count: options.len(),
        });
    }
    for (index, option) in options.iter().enumerate() {
        let length = option.chars().count();
        if length == 0 || length > MAX_OPTION_LENGTH {
            return Err(ParseError::PollOptionLength {
                number: index + 1,
                length,
            });
        }
        let folded = clean_word(option);
        if let Some(first) = options[..index]
            .iter()
            .position(|earlier| clean_word(earlier) == folded)
        {
            return Err(ParseError::PollOptionDuplicate {
                first: first + 1,
                second: index + 1,
            });
        }
    }
    Ok(())
}

#[cfg(test)]
mod tests {
    use super::*;
    use crate::command::{Command, parse};

    fn create(question: &str, options: &[&str], deadline: Option<&str>) -> Command {
        Command::Poll(PollCommand::Create {
            question: question.into(),
            options: options.iter().map(|option| (*option).to_owned()).collect(),
            deadline: deadline.map(str::to_owned),
            hidden: false,
            consent: false,
        })
    }

    #[test]
    fn a_consent_poll_in_both_languages_and_without_options_of_its_own() {
        for body in [
            "!sondage consentement Nous co-signons la tribune",
            "!poll consent Nous co-signons la tribune",
            "!sondage Consentement Nous co-signons la tribune",
        ] {
            assert_eq!(
                parse(body),
                Ok(Some(Command::Poll(PollCommand::Create {
                    question: "Nous co-signons la tribune".into(),
                    options: Vec::new(),
                    deadline: None,
                    hidden: false,
                    consent: true,
                }))),
                "{body}"
            );
        }
        assert!(matches!(
            parse("!sondage caché consentement jusqu'au 12/12 18h : Tribune"),
            Ok(Some(Command::Poll(PollCommand::Create {
                hidden: true,
                consent: true,
                deadline: Some(_),
                ..
            })))
        ));
        assert!(matches!(
            parse("!poll consent Tribune | yes | no"),
            Err(ParseError::UnexpectedWords {
                usage: Usage::PollConsent,
                ..
            })
        ));
    }

    #[test]
    fn a_hidden_poll_in_both_languages() {
        for body in [
            "!sondage caché Signons-nous ? | Oui | Non",
            "!poll hidden Signons-nous ? | Oui | Non",
        ] {
            assert_eq!(
                parse(body),
                Ok(Some(Command::Poll(PollCommand::Create {
                    question: "Signons-nous ?".into(),
                    options: vec!["Oui".into(), "Non".into()],
                    deadline: None,
                    hidden: true,
                    consent: false,
                }))),
                "{body}"
            );
        }
        assert_eq!(
            parse("!sondage caché"),
            Err(ParseError::PollQuestionMissing)
        );
    }

    #[test]
    fn a_poll_takes_a_question_options_and_a_deadline_in_both_languages() {
        assert_eq!(
            parse("!sondage Signons-nous la lettre ?"),
            Ok(Some(create("Signons-nous la lettre ?", &[], None)))
        );
        assert_eq!(
            parse("!poll Which day? | Saturday | Sunday "),
            Ok(Some(create("Which day?", &["Saturday", "Sunday"], None)))
        );
        assert_eq!(
            parse("!sondage jusqu'au 12/12 18h : Signons-nous ? | Oui | Non"),
            Ok(Some(create(
                "Signons-nous ?",
                &["Oui", "Non"],
                Some("12/12 18h")
            )))
        );
        assert_eq!(
            parse("!sondage jusqu’au 12/12 18:30: Position : RSA ?"),
            Ok(Some(create("Position : RSA ?", &[], Some("12/12 18:30"))))
        );
        assert_eq!(
            parse("!poll until 12/12 6pm: Do we sign?"),
            Ok(Some(create("Do we sign?", &[], Some("12/12 6pm"))))
        );
    }

    #[test]
    fn a_wrong_poll_says_what_is_wrong() {
        assert_eq!(parse("!sondage"), Err(ParseError::PollQuestionMissing));
        assert_eq!(
            parse("!sondage Question ? | seule"),
            Err(ParseError::PollOptionCount { count: 1 })
        );
        let eleven = (1..=11)
            .map(|n| format!("o{n}"))
            .collect::<Vec<_>>()
            .join(" | ");
        assert_eq!(
            parse(&format!("!sondage Q ? | {eleven}")),
            Err(ParseError::PollOptionCount { count: 11 })
        );
        assert_eq!(
            parse("!sondage Q ? | a | | b"),
            Err(ParseError::PollOptionLength {
                number: 2,
                length: 0
            })
        );
        assert_eq!(
            parse("!sondage Q ? | Oui | oui"),
            Err(ParseError::PollOptionDuplicate {
                first: 1,
                second: 2
            })
        );
        assert_eq!(
            parse("!sondage jusqu'au 12/12 18h Question sans deux-points"),
            Err(ParseError::PollDeadlineWithoutQuestion)
        );
        assert_eq!(
            parse(&format!("!poll {}?", "x".repeat(MAX_QUESTION_LENGTH))),
            Err(ParseError::PollQuestionTooLong {
                length: MAX_QUESTION_LENGTH + 1
            })
        );
        assert_eq!(
            parse(&format!(
                "!poll Q? | {} | b",
                "x".repeat(MAX_OPTION_LENGTH + 1)
            )),
            Err(ParseError::PollOptionLength {
                number: 1,
                length: MAX_OPTION_LENGTH + 1
            })
        );
    }

    #[test]
    fn results_list_and_close_read_their_numbers_and_record() {
        assert_eq!(
            parse("!sondage résultats"),
            Ok(Some(Command::Poll(PollCommand::Results { number: None })))
        );
        assert_eq!(
            parse("!poll results 2"),
            Ok(Some(Command::Poll(PollCommand::Results {
                number: Some(2)
            })))
        );
        for body in ["!sondages", "!polls", "!sondage liste"] {
            assert_eq!(
                parse(body),
                Ok(Some(Command::Poll(PollCommand::List))),
                "{body}"
            );
        }
        assert_eq!(
            parse("!sondage clore 3 enregistrer"),
            Ok(Some(Command::Poll(PollCommand::Close {
                number: Some(3),
                record: true
            })))
        );
        assert_eq!(
            parse("!poll close record"),
            Ok(Some(Command::Poll(PollCommand::Close {
                number: None,
                record: true
            })))
        );
        assert!(matches!(
            parse("!sondage clore 3 demain"),
            Err(ParseError::UnexpectedWords {
                usage: Usage::PollClose,
                ..
            })
        ));
    }

    #[test]
    fn words_after_the_list_show_the_list_form() {
        for body in ["!sondages 2", "!sondage liste 2"] {
            assert!(
                matches!(
                    parse(body),
                    Err(ParseError::UnexpectedWords {
                        usage: Usage::PollList,
                        ..
                    })
                ),
                "{body}"
            );
        }
    }
}
