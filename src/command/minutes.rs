//! `!compte-rendu [date]` / `!minutes [date]` (aliases `!cr`, `!compterendu`), and their
//! approval into a procès-verbal: `!compte-rendu approuver [date]` / `!minutes approve [date]`
//! (a member, for their association) and `!compte-rendu adopter [date]` / `!minutes adopt
//! [date]` (a moderator, without waiting for every association).

use super::error::{ParseError, Usage};
use super::words::read_form;

/// What `!minutes` (`!compte-rendu`) is asked to do; each date is as typed (the service reads
/// it in the room's time zone), `None` for the last meeting that has begun.
#[derive(Debug, Clone, PartialEq, Eq)]
pub enum MinutesCommand {
    Show { date: Option<String> },
    Approve { date: Option<String> },
    Adopt { date: Option<String> },
}

pub(super) const FORMS: &[(&str, Usage)] = &[
    ("approuver", Usage::MinutesApprove),
    ("approuve", Usage::MinutesApprove),
    ("valider", Usage::MinutesApprove),
    ("approve", Usage::MinutesApprove),
    ("adopter", Usage::MinutesAdopt),
    ("adopt", Usage::MinutesAdopt),
];

pub(super) fn parse(arguments: &str) -> Result<MinutesCommand, ParseError> {
    let (_, named, rest) = read_form(arguments, FORMS);
    let (usage, date) = match named {
        Some(usage) => (usage, rest),
        None => (Usage::Minutes, arguments),
    };
    let date = Some(date.trim())
        .filter(|date| !date.is_empty())
        .map(str::to_owned);
    Ok(match usage {
        Usage::MinutesApprove => MinutesCommand::Approve { date },
        Usage::MinutesAdopt => MinutesCommand::Adopt { date },
        _ => MinutesCommand::Show { date },
    })
}

#[cfg(test)]
mod tests {
    use super::MinutesCommand;
    use crate::command::{Command, parse};

    fn minutes(text: &str) -> MinutesCommand {
        match parse(text) {
            Ok(Some(Command::Minutes(command))) => command,
            other => panic!("{text}: {other:?}"),
        }
    }

    #[test]
    fn minutes_take_an_optional_date() {
        assert_eq!(
            minutes("!compte-rendu"),
            MinutesCommand::Show { date: None }
        );
        assert_eq!(
            minutes("!minutes 10/12"),
            MinutesCommand::Show {
                date: Some("10/12".into())
            }
        );
        assert_eq!(parse("!-x"), Ok(None));
    }

    #[test]
    fn minutes_are_approved_and_adopted_in_both_languages() {
        assert_eq!(
            minutes("!compte-rendu approuver"),
            MinutesCommand::Approve { date: None }
        );
        assert_eq!(
            minutes("!cr Approuver 10/12"),
            MinutesCommand::Approve {
                date: Some("10/12".into())
            }
        );
        assert_eq!(
            minutes("!minutes approve 2026-12-10"),
            MinutesCommand::Approve {
                date: Some("2026-12-10".into())
            }
        );
        assert_eq!(
            minutes("!compte-rendu adopter"),
            MinutesCommand::Adopt { date: None }
        );
        assert_eq!(
            minutes("!minutes adopt 10/12"),
            MinutesCommand::Adopt {
                date: Some("10/12".into())
            }
        );
    }
}
