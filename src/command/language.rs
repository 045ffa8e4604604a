//! `!langue [fr|en]` / `!language [fr|en]`.

use super::error::{ParseError, Usage};
use crate::domain::Language;

/// `!language`, `!language <fr|en|français|english…>`.
pub(super) fn parse(arguments: &str) -> Result<Option<Language>, ParseError> {
    match arguments.split_whitespace().collect::<Vec<_>>().as_slice() {
        [] => Ok(None),
        [wanted] => match wanted.parse::<Language>() {
            Ok(language) => Ok(Some(language)),
            Err(_) => Err(ParseError::UnknownLanguage {
                given: (*wanted).to_owned(),
            }),
        },
        [_, extra @ ..] => Err(ParseError::UnexpectedWords {
            usage: Usage::Language,
            extra: extra.join(" "),
        }),
    }
}

#[cfg(test)]
mod tests {
    use crate::command::{Command, ParseError, Usage, parse};
    use crate::domain::Language;

    #[test]
    fn language_shows_or_sets_the_room_language() {
        assert_eq!(
            parse("!langue"),
            Ok(Some(Command::Language { choice: None }))
        );
        assert_eq!(
            parse("!language en"),
            Ok(Some(Command::Language {
                choice: Some(Language::En)
            }))
        );
        assert_eq!(
            parse("!langue français"),
            Ok(Some(Command::Language {
                choice: Some(Language::Fr)
            }))
        );
    }

    #[test]
    fn an_unknown_language_is_an_error_naming_it() {
        assert_eq!(
            parse("!langue klingon"),
            Err(ParseError::UnknownLanguage {
                given: "klingon".into()
            })
        );
    }

    #[test]
    fn leftover_words_are_rejected_rather_than_ignored() {
        assert_eq!(
            parse("!langue en fr"),
            Err(ParseError::UnexpectedWords {
                usage: Usage::Language,
                extra: "fr".into()
            })
        );
    }
}
