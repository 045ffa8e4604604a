//! `!confidentialité` / `!privacy` (alias `!confidentialite`): what the bot keeps about whom,
//! for how long, and whom to ask.

use super::error::{ParseError, Usage};

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
        assert_eq!(
            parse("!privacy please"),
            Err(ParseError::UnexpectedWords {
                usage: Usage::Privacy,
                extra: "please".into()
            })
        );
    }
}
