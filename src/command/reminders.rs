//! `!rappel <quand> <texte>` / `!remind <when> <text>` and `!rappels …` / `!reminders …`:
//! reminders asked for, and the meeting reminders.

use chrono::Duration;

use super::error::{ParseError, Usage};
use super::words::{no_more, one_number, read_form, text_of};
use crate::domain::reminders::parse_offsets;

/// What `!reminders` (`!rappels`) is asked to do.
#[derive(Debug, Clone, PartialEq, Eq)]
pub enum RemindersCommand {
    /// The room's reminders, next first.
    List,
    Cancel {
        number: usize,
    },
    /// The meeting reminders: shown with `None`, else set (`7j 1j 2h` read as durations,
    /// longest first; `aucun` is none).
    Meeting {
        offsets: Option<Vec<Duration>>,
    },
}

/// The forms that follow `!rappels`, by every name they answer to.
pub(super) const FORMS: &[(&str, Usage)] = &[
    ("", Usage::RemindersList),
    ("liste", Usage::RemindersList),
    ("list", Usage::RemindersList),
    ("annuler", Usage::RemindersCancel),
    ("cancel", Usage::RemindersCancel),
    ("supprimer", Usage::RemindersCancel),
    ("réunion", Usage::RemindersMeeting),
    ("reunion", Usage::RemindersMeeting),
    ("meeting", Usage::RemindersMeeting),
    ("réunions", Usage::RemindersMeeting),
    ("meetings", Usage::RemindersMeeting),
];

/// `!remind <when> <text>`, as typed: the service reads the time, which needs the present
/// moment and the room's time zone.
pub(super) fn parse_remind(arguments: &str) -> Result<String, ParseError> {
    match text_of(arguments) {
        Some(text) => Ok(text.to_owned()),
        None => Err(ParseError::MissingArgument {
            usage: Usage::Remind,
        }),
    }
}

/// `!reminders`, `!reminders cancel <n>`, `!reminders meeting [7d 1d 2h | none]`.
pub(super) fn parse(arguments: &str) -> Result<RemindersCommand, ParseError> {
    let (form, named, rest) = read_form(arguments, FORMS);
    let command = match named {
        Some(usage @ Usage::RemindersList) => {
            no_more(rest, usage).map(|()| RemindersCommand::List)?
        }
        Some(usage @ Usage::RemindersCancel) => RemindersCommand::Cancel {
            number: one_number(rest, usage)?,
        },
        Some(_) => RemindersCommand::Meeting {
            offsets: offsets(rest)?,
        },
        None => {
            return Err(ParseError::UnexpectedWords {
                usage: Usage::RemindersMeeting,
                extra: form,
            });
        }
    };
    Ok(command)
}

/// Nothing (show them), `aucun`, or offsets such as `7j 1j 2h`.
fn offsets(rest: &str) -> Result<Option<Vec<Duration>>, ParseError> {
    let words: Vec<&str> = rest.split_whitespace().collect();
    if words.is_empty() {
        return Ok(None);
    }
    parse_offsets(&words)
        .map(Some)
        .ok_or(ParseError::ReminderOffsets)
}

#[cfg(test)]
mod tests {
    use super::*;
    use crate::command::{Command, parse};

    #[test]
    fn reminders_take_their_forms() {
        assert_eq!(
            parse("!rappel demain 9h Appeler"),
            Ok(Some(Command::Remind {
                text: "demain 9h Appeler".into()
            }))
        );
        assert_eq!(
            parse("!remind"),
            Err(ParseError::MissingArgument {
                usage: Usage::Remind
            })
        );
        let reminders = |command| Ok(Some(Command::Reminders(command)));
        assert_eq!(parse("!rappels"), reminders(RemindersCommand::List));
        assert_eq!(
            parse("!reminders cancel 2"),
            reminders(RemindersCommand::Cancel { number: 2 })
        );
        assert_eq!(
            parse("!rappels réunion 7j 1j 2h"),
            reminders(RemindersCommand::Meeting {
                offsets: Some(vec![
                    Duration::days(7),
                    Duration::days(1),
                    Duration::hours(2)
                ])
            })
        );
        assert_eq!(
            parse("!reminders meeting"),
            reminders(RemindersCommand::Meeting { offsets: None })
        );
        assert!(matches!(
            parse("!rappels demain"),
            Err(ParseError::UnexpectedWords { .. })
        ));
    }

    #[test]
    fn unreadable_offsets_are_a_grammar_error_and_none_is_no_reminder() {
        assert_eq!(
            parse("!rappels réunion 7 semaines"),
            Err(ParseError::ReminderOffsets)
        );
        assert_eq!(
            parse("!reminders meeting none"),
            Ok(Some(Command::Reminders(RemindersCommand::Meeting {
                offsets: Some(Vec::new())
            })))
        );
    }

    #[test]
    fn words_after_the_list_show_the_list_form() {
        assert_eq!(
            parse("!rappels liste 2"),
            Err(ParseError::UnexpectedWords {
                usage: Usage::RemindersList,
                extra: "2".into()
            })
        );
    }
}
