//! `!présence [oui|non [@membre …]]` / `!attendance [yes|no [@member …]]` (alias `!presence`):
//! who comes to the next dated meeting.

use super::error::{ParseError, Usage};
use super::words::read_form;

/// What `!attendance` is asked to do.
#[derive(Debug, Clone, PartialEq, Eq)]
pub enum AttendanceCommand {
    /// Who comes, who is excused, who has not answered, per association.
    List,
    /// Coming (`oui`) or excused (`non`): the sender, or the members named after it (as
    /// typed: user ids or display names, which the service finds among the room's members).
    Answer { coming: bool, members: Vec<String> },
}

/// The answers, by every word they answer to.
const ANSWERS: &[(&str, bool)] = &[
    ("oui", true),
    ("yes", true),
    ("présent", true),
    ("présente", true),
    ("present", true),
    ("non", false),
    ("no", false),
    ("excusé", false),
    ("excusée", false),
    ("excused", false),
];

pub(super) fn parse(arguments: &str) -> Result<AttendanceCommand, ParseError> {
    let (form, coming, rest) = read_form(arguments, ANSWERS);
    if form.is_empty() {
        return Ok(AttendanceCommand::List);
    }
    let Some(coming) = coming else {
        return Err(ParseError::UnexpectedWords {
            usage: Usage::AttendanceAnswer,
            extra: arguments.trim().to_owned(),
        });
    };
    Ok(AttendanceCommand::Answer {
        coming,
        members: members(rest),
    })
}

/// The members named after the answer: `@alice:example.org` ids, and display names (with or
/// without their `@`), separated by commas or spaces between ids.
fn members(rest: &str) -> Vec<String> {
    let mut named = Vec::new();
    for part in rest.split([',', ';']) {
        let part = part.trim();
        if part.is_empty() {
            continue;
        }
        let words: Vec<&str> = part.split_whitespace().collect();
        if words.iter().all(|word| is_user_id(word)) {
            named.extend(words.iter().map(|word| (*word).to_owned()));
        } else {
            named.push(part.trim_start_matches('@').to_owned());
        }
    }
    named
}

fn is_user_id(word: &str) -> bool {
    crate::domain::UserId::parse(word).is_some()
}

#[cfg(test)]
mod tests {
    use super::*;
    use crate::command::{Command, parse as parse_command};

    fn attendance(body: &str) -> Result<Option<Command>, ParseError> {
        parse_command(body)
    }

    #[test]
    fn attendance_lists_or_answers_for_oneself_or_others() {
        for body in ["!présence", "!attendance", "!presence"] {
            assert_eq!(
                attendance(body),
                Ok(Some(Command::Attendance(AttendanceCommand::List))),
                "{body}"
            );
        }
        assert_eq!(
            attendance("!présence oui"),
            Ok(Some(Command::Attendance(AttendanceCommand::Answer {
                coming: true,
                members: vec![]
            })))
        );
        assert_eq!(
            attendance("!attendance No"),
            Ok(Some(Command::Attendance(AttendanceCommand::Answer {
                coming: false,
                members: vec![]
            })))
        );
        assert_eq!(
            attendance("!présence oui @bob:example.org @carla:example.org"),
            Ok(Some(Command::Attendance(AttendanceCommand::Answer {
                coming: true,
                members: vec!["@bob:example.org".into(), "@carla:example.org".into()]
            })))
        );
        assert_eq!(
            attendance("!présence non @Marie Dupont, Jean"),
            Ok(Some(Command::Attendance(AttendanceCommand::Answer {
                coming: false,
                members: vec!["Marie Dupont".into(), "Jean".into()]
            })))
        );
    }

    #[test]
    fn an_answer_that_is_neither_yes_nor_no_shows_the_form() {
        assert_eq!(
            attendance("!présence peut-être"),
            Err(ParseError::UnexpectedWords {
                usage: Usage::AttendanceAnswer,
                extra: "peut-être".into()
            })
        );
    }
}
