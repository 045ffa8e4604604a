//! `!compte-rendu [date]` / `!minutes [date]` (aliases `!cr`, `!compterendu`).

use super::error::ParseError;

/// `!minutes`, `!minutes <date>`: the date as typed, read by the service in the room's time
/// zone.
pub(super) fn parse(arguments: &str) -> Result<Option<String>, ParseError> {
    Ok(Some(arguments.trim())
        .filter(|date| !date.is_empty())
        .map(str::to_owned))
}

#[cfg(test)]
mod tests {
    use crate::command::{Command, parse};

    #[test]
    fn minutes_take_an_optional_date() {
        assert_eq!(
            parse("!compte-rendu"),
            Ok(Some(Command::Minutes { date: None }))
        );
        assert_eq!(
            parse("!minutes 10/12"),
            Ok(Some(Command::Minutes {
                date: Some("10/12".into())
            }))
        );
        assert_eq!(parse("!-x"), Ok(None));
    }
}
