//! `!voter [n] <option>` / `!vote [n] <option>`: answers a poll without poll support in the
//! client.

use super::error::{ParseError, Usage};
use super::words::{plain_number, split_word};

/// `!vote <n> <option>` or `!vote <option>` (the latest open poll). A lone number is an
/// option of the latest poll, not a poll number.
pub(super) fn parse(arguments: &str) -> Result<(Option<usize>, String), ParseError> {
    let (first, rest) = split_word(arguments);
    if first.is_empty() {
        return Err(ParseError::MissingArgument { usage: Usage::Vote });
    }
    // `n°2` and `#2` name a poll too, read as every number of the grammar is.
    let poll_number = plain_number(first);
    match (poll_number, rest.trim()) {
        (Some(poll), choice) if !choice.is_empty() => Ok((Some(poll), choice.to_owned())),
        _ => Ok((None, arguments.trim().to_owned())),
    }
}

#[cfg(test)]
mod tests {
    use crate::command::{Command, ParseError, Usage, parse};

    #[test]
    fn a_vote_names_the_poll_or_takes_the_latest() {
        assert_eq!(
            parse("!voter 2 Pour"),
            Ok(Some(Command::Vote {
                poll: Some(2),
                choice: "Pour".into()
            }))
        );
        assert_eq!(
            parse("!vote 2 1"),
            Ok(Some(Command::Vote {
                poll: Some(2),
                choice: "1".into()
            }))
        );
        assert_eq!(
            parse("!voter Contre"),
            Ok(Some(Command::Vote {
                poll: None,
                choice: "Contre".into()
            }))
        );
        assert_eq!(
            parse("!vote 3"),
            Ok(Some(Command::Vote {
                poll: None,
                choice: "3".into()
            }))
        );
        assert_eq!(
            parse("!voter"),
            Err(ParseError::MissingArgument { usage: Usage::Vote })
        );
    }
}
