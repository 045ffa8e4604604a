//! `!aide [commande]` / `!help [command]`.

use super::error::{ParseError, Usage};
use super::words::PREFIX;

/// `!help`, `!help <name>` (with or without the `!`): the name asked about, lower-cased, which
/// the dispatch looks up in the one table of names.
pub(super) fn parse(arguments: &str) -> Result<Option<String>, ParseError> {
    match arguments.split_whitespace().collect::<Vec<_>>().as_slice() {
        [] => Ok(None),
        [wanted] => Ok(Some(wanted.trim_start_matches(PREFIX).to_lowercase())),
        [_, extra @ ..] => Err(ParseError::UnexpectedWords {
            usage: Usage::Help,
            extra: extra.join(" "),
        }),
    }
}

#[cfg(test)]
mod tests {
    use crate::command::{Command, ParseError, Topic, parse};

    #[test]
    fn help_answers_to_its_french_and_english_names_in_any_case() {
        for body in ["!help", "!aide", "!AIDE", "  !Help  "] {
            assert_eq!(
                parse(body),
                Ok(Some(Command::Help { topic: None })),
                "{body:?}"
            );
        }
    }

    #[test]
    fn help_on_one_command_accepts_the_name_with_or_without_the_prefix() {
        let expected = Ok(Some(Command::Help {
            topic: Some(Topic::Language),
        }));
        assert_eq!(parse("!aide langue"), expected);
        assert_eq!(parse("!help !language"), expected);
    }

    #[test]
    fn help_on_an_unknown_topic_is_an_error_naming_it() {
        assert_eq!(
            parse("!aide cuisine"),
            Err(ParseError::UnknownHelpTopic {
                given: "cuisine".into()
            })
        );
    }
}
