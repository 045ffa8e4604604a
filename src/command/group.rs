//! `!groupe créer|rejoindre|rapport|clore|prolonger|rattacher …` and `!groupes` / `!group
//! create|join|report|close|extend|attach …`, `!groups`: working groups with their own room.

use super::error::{ParseError, Usage};
use super::words::{no_more, read_form, text_of};

/// What `!groupe` (`!group`) is asked to do. Names and dates are read by the service.
#[derive(Debug, Clone, PartialEq, Eq)]
pub enum GroupCommand {
    List,
    /// `<nom> [jusqu'au <date>] [@membre …]`, as typed.
    Create {
        text: String,
    },
    Join {
        name: String,
    },
    /// Said in the group's room: its report to the plenary.
    Report,
    Close {
        name: String,
    },
    /// `<nom> jusqu'au <date>`, as typed.
    Extend {
        text: String,
    },
    /// Said in an existing room (it asks), then in the plenary (a moderator confirms).
    Attach {
        name: String,
    },
}

pub(super) const FORMS: &[(&str, Usage)] = &[
    ("créer", Usage::GroupCreate),
    ("creer", Usage::GroupCreate),
    ("create", Usage::GroupCreate),
    ("nouveau", Usage::GroupCreate),
    ("new", Usage::GroupCreate),
    ("rejoindre", Usage::GroupJoin),
    ("join", Usage::GroupJoin),
    ("rapport", Usage::GroupReport),
    ("report", Usage::GroupReport),
    ("clore", Usage::GroupClose),
    ("close", Usage::GroupClose),
    ("prolonger", Usage::GroupExtend),
    ("extend", Usage::GroupExtend),
    ("rattacher", Usage::GroupAttach),
    ("attach", Usage::GroupAttach),
    ("liste", Usage::GroupList),
    ("list", Usage::GroupList),
];

pub(super) fn parse(arguments: &str) -> Result<GroupCommand, ParseError> {
    let (form, named, rest) = read_form(arguments, FORMS);
    if form.is_empty() {
        return Ok(GroupCommand::List);
    }
    let Some(usage) = named else {
        return Err(ParseError::UnexpectedWords {
            usage: Usage::GroupCreate,
            extra: arguments.trim().to_owned(),
        });
    };
    let text = || {
        text_of(rest)
            .map(str::to_owned)
            .ok_or(ParseError::MissingArgument { usage })
    };
    Ok(match usage {
        Usage::GroupCreate => GroupCommand::Create { text: text()? },
        Usage::GroupJoin => GroupCommand::Join { name: text()? },
        Usage::GroupClose => GroupCommand::Close { name: text()? },
        Usage::GroupExtend => GroupCommand::Extend { text: text()? },
        Usage::GroupAttach => GroupCommand::Attach { name: text()? },
        Usage::GroupReport => {
            no_more(rest, usage)?;
            GroupCommand::Report
        }
        _ => {
            no_more(rest, Usage::GroupList)?;
            GroupCommand::List
        }
    })
}

/// `!groupes`: the list.
pub(super) fn parse_list(arguments: &str) -> Result<GroupCommand, ParseError> {
    parse(arguments)
}

#[cfg(test)]
mod tests {
    use super::*;
    use crate::command::{Command, parse as parse_command};

    #[test]
    fn every_form_reads_in_french_and_in_english() {
        for (body, expected) in [
            ("!groupes", GroupCommand::List),
            ("!groups", GroupCommand::List),
            ("!groupe", GroupCommand::List),
            (
                "!groupe créer Non-recours jusqu'au 30/06/2027 @alice:example.org",
                GroupCommand::Create {
                    text: "Non-recours jusqu'au 30/06/2027 @alice:example.org".into(),
                },
            ),
            (
                "!group create Non-take-up until 30/06/2027",
                GroupCommand::Create {
                    text: "Non-take-up until 30/06/2027".into(),
                },
            ),
            (
                "!groupe rejoindre Non-recours",
                GroupCommand::Join {
                    name: "Non-recours".into(),
                },
            ),
            (
                "!group join Non-recours",
                GroupCommand::Join {
                    name: "Non-recours".into(),
                },
            ),
            ("!groupe rapport", GroupCommand::Report),
            ("!group report", GroupCommand::Report),
            (
                "!groupe clore Non-recours",
                GroupCommand::Close {
                    name: "Non-recours".into(),
                },
            ),
            (
                "!groupe prolonger Non-recours jusqu'au 31/12/2027",
                GroupCommand::Extend {
                    text: "Non-recours jusqu'au 31/12/2027".into(),
                },
            ),
            (
                "!group extend Non-recours until 31/12/2027",
                GroupCommand::Extend {
                    text: "Non-recours until 31/12/2027".into(),
                },
            ),
            (
                "!groupe rattacher Non-recours",
                GroupCommand::Attach {
                    name: "Non-recours".into(),
                },
            ),
            (
                "!group attach Non-recours",
                GroupCommand::Attach {
                    name: "Non-recours".into(),
                },
            ),
        ] {
            assert_eq!(
                parse_command(body),
                Ok(Some(Command::Group(expected))),
                "{body}"
            );
        }
        assert_eq!(
            parse_command("!groupe créer"),
            Err(ParseError::MissingArgument {
                usage: Usage::GroupCreate
            })
        );
        assert!(parse_command("!groupe rapport maintenant").is_err());
    }
}
