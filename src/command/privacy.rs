//! A person's data: `!confidentialité` / `!privacy` (alias `!confidentialite`), what the bot
//! keeps about whom, for how long, and whom to ask; `!mes-données` / `!my-data`, a copy of
//! what it keeps about the member; `!oublie-moi [confirmer]` / `!forget-me [confirm]`, its
//! erasure.

use super::error::{ParseError, Usage};
use super::words::{clean_word, named};

/// The words that confirm an erasure.
pub(super) const FORMS: &[(&str, bool)] = &[
    ("", false),
    ("confirmer", true),
    ("confirme", true),
    ("confirm", true),
    ("oui", true),
    ("yes", true),
];

/// `!my-data` takes no words.
pub(super) fn parse_my_data(arguments: &str) -> Result<(), ParseError> {
    let extra = arguments.trim();
    if extra.is_empty() {
        Ok(())
    } else {
        Err(ParseError::UnexpectedWords {
            usage: Usage::MyData,
            extra: extra.to_owned(),
        })
    }
}

/// `!forget-me` (asks), `!forget-me confirm` (erases): whether it is confirmed.
pub(super) fn parse_forget_me(arguments: &str) -> Result<bool, ParseError> {
    let word = clean_word(arguments.trim());
    named(FORMS, &word).ok_or(ParseError::UnexpectedWords {
        usage: Usage::ForgetMe,
        extra: arguments.trim().to_owned(),
    })
}

/// `!privacy` takes no words.
pub(super) fn parse(arguments: &str) -> Result<(), ParseError> {
    let extra = arguments.trim();
    if extra.is_empty() {
        Ok(())
    } else {
        Err(ParseError::UnexpectedWords {
            usage: Usage::Privacy,
            extra: extra.to_owned(),
        })
    }
}

#[cfg(test)]
mod tests {
    use crate::command::{Command, ParseError, Usage, parse};

    #[test]
    fn the_notice_by_each_of_its_names() {
        for body in [
            "!confidentialité",
            "!confidentialite",
            "!privacy",
            "!PRIVACY",
        ] {
            assert_eq!(parse(body), Ok(Some(Command::Privacy)), "{body}");
        }
        for body in ["!mes-données", "!mes-donnees", "!my-data", "!MY-DATA"] {
            assert_eq!(parse(body), Ok(Some(Command::MyData)), "{body}");
        }
        for (body, confirmed) in [
            ("!oublie-moi", false),
            ("!forget-me", false),
            ("!oublie-moi confirmer", true),
            ("!forget-me confirm", true),
            ("!Oublie-moi CONFIRMER", true),
        ] {
            assert_eq!(
                parse(body),
                Ok(Some(Command::ForgetMe { confirmed })),
                "{body}"
            );
        }
        assert_eq!(
            parse("!oublie-moi tout"),
            Err(ParseError::UnexpectedWords {
                usage: Usage::ForgetMe,
                extra: "tout".into()
            })
        );
        assert_eq!(
            parse("!privacy please"),
            Err(ParseError::UnexpectedWords {
                usage: Usage::Privacy,
                extra: "please".into()
            })
        );
    }
}
