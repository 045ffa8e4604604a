//! `!invité ajouter|retirer …` / `!guest add|remove …`, and `!invités` / `!guests`: the guests
//! of the next meeting (or of the one dated by `pour le <date>` / `for <date>`).

use super::error::{ParseError, Usage};
use super::words::{no_more, one_number, read_form};
use crate::domain::guest::{MAX_GUEST_TEXT, looks_like_email};
use crate::domain::text::Folded;

/// What `!guest` (`!invité`) is asked to do.
#[derive(Debug, Clone, PartialEq, Eq)]
pub enum GuestCommand {
    List,
    /// A guest, with an address and the topic they come for, for the next meeting or the one
    /// on `date` (as typed: the service reads it).
    Add {
        name: String,
        email: Option<String>,
        topic: Option<String>,
        date: Option<String>,
    },
    Remove {
        number: usize,
    },
}

pub(super) const FORMS: &[(&str, Usage)] = &[
    ("ajouter", Usage::GuestAdd),
    ("add", Usage::GuestAdd),
    ("retirer", Usage::GuestRemove),
    ("supprimer", Usage::GuestRemove),
    ("remove", Usage::GuestRemove),
    ("liste", Usage::GuestList),
    ("list", Usage::GuestList),
];

/// Where the topic starts: a dash between spaces (as Element keeps it) or two hyphens.
const TOPIC_MARKS: [&str; 4] = [" — ", " – ", " -- ", " - "];
/// What introduces the meeting's day, at the end of the name.
const DATE_MARKS: [&str; 3] = [" pour le ", " pour ", " for "];

pub(super) fn parse(arguments: &str) -> Result<GuestCommand, ParseError> {
    let (form, named, rest) = read_form(arguments, FORMS);
    if form.is_empty() {
        return Ok(GuestCommand::List);
    }
    let Some(usage) = named else {
        return Err(ParseError::UnexpectedWords {
            usage: Usage::GuestAdd,
            extra: arguments.trim().to_owned(),
        });
    };
    match usage {
        Usage::GuestAdd => add(rest),
        Usage::GuestRemove => Ok(GuestCommand::Remove {
            number: one_number(rest, usage)?,
        }),
        _ => no_more(rest, usage).map(|()| GuestCommand::List),
    }
}

/// `!invités` / `!guests`: the list, and nothing after it.
pub(super) fn parse_list(arguments: &str) -> Result<GuestCommand, ParseError> {
    no_more(arguments, Usage::GuestList).map(|()| GuestCommand::List)
}

/// `<name> [<email>] [pour le <date>] [— <topic>]`.
fn add(rest: &str) -> Result<GuestCommand, ParseError> {
    let rest = format!(" {} ", rest.trim());
    let (head, topic) = match TOPIC_MARKS
        .iter()
        .filter_map(|mark| rest.find(mark).map(|at| (at, mark.len())))
        .min()
    {
        Some((at, length)) => (&rest[..at], Some(rest[at + length..].trim().to_owned())),
        None => (rest.as_str(), None),
    };
    let head = format!(" {} ", head.trim());
    // Found on the original text, case and accents aside: never an index of a lower-cased copy.
    let folded = Folded::new(&head);
    let (head, date) = match DATE_MARKS
        .iter()
        .filter_map(|mark| folded.rfind(mark))
        .max_by_key(|found| (found.start, found.end))
    {
        Some(found) => (
            head[..found.start].to_owned(),
            Some(head[found.end..].trim().to_owned()),
        ),
        None => (head.clone(), None),
    };
    let mut email = None;
    let mut words = Vec::new();
    for word in head.split_whitespace() {
        if email.is_none() && looks_like_email(word) {
            email = Some(word.to_owned());
        } else {
            words.push(word);
        }
    }
    let name = words.join(" ");
    if name.is_empty() {
        return Err(ParseError::MissingArgument {
            usage: Usage::GuestAdd,
        });
    }
    let topic = topic.filter(|topic| !topic.is_empty());
    let date = date.filter(|date| !date.is_empty());
    let longest = name
        .chars()
        .count()
        .max(topic.as_deref().map_or(0, |topic| topic.chars().count()));
    if longest > MAX_GUEST_TEXT {
        return Err(ParseError::GuestTextTooLong { length: longest });
    }
    Ok(GuestCommand::Add {
        name,
        email,
        topic,
        date,
    })
}

#[cfg(test)]
mod tests {
    use super::*;
    use crate::command::{Command, parse as parse_command};

    #[test]
    fn a_day_marker_after_a_letter_that_grows_when_lower_cased_cuts_no_letter() {
        assert_eq!(
            parse_command("!invité ajouter İ pour le éé"),
            Ok(Some(Command::Guest(GuestCommand::Add {
                name: "İ".into(),
                email: None,
                topic: None,
                date: Some("éé".into()),
            })))
        );
        assert_eq!(
            parse_command("!guest add \u{212A}\u{212A}\u{212A} FOR 12/12"),
            Ok(Some(Command::Guest(GuestCommand::Add {
                name: "\u{212A}\u{212A}\u{212A}".into(),
                email: None,
                topic: None,
                date: Some("12/12".into()),
            })))
        );
    }

    #[test]
    fn a_guest_is_added_with_an_address_a_topic_and_a_day() {
        assert_eq!(
            parse_command(
                "!invité ajouter Mme Martin (ADSEA) martin@adsea77.example — jeunes migrants isolés"
            ),
            Ok(Some(Command::Guest(GuestCommand::Add {
                name: "Mme Martin (ADSEA)".into(),
                email: Some("martin@adsea77.example".into()),
                topic: Some("jeunes migrants isolés".into()),
                date: None
            })))
        );
        assert_eq!(
            parse_command("!guest add Mr Diallo (OFII) for 10/12 -- asylum procedures"),
            Ok(Some(Command::Guest(GuestCommand::Add {
                name: "Mr Diallo (OFII)".into(),
                email: None,
                topic: Some("asylum procedures".into()),
                date: Some("10/12".into())
            })))
        );
        assert_eq!(
            parse_command("!invitée ajouter La MDS pour le 17/12"),
            Ok(Some(Command::Guest(GuestCommand::Add {
                name: "La MDS".into(),
                email: None,
                topic: None,
                date: Some("17/12".into())
            })))
        );
    }

    #[test]
    fn a_too_long_name_or_topic_says_its_own_limit() {
        let topic = "x".repeat(MAX_GUEST_TEXT + 1);
        assert_eq!(
            parse_command(&format!("!invité ajouter Mme Martin — {topic}")),
            Err(ParseError::GuestTextTooLong {
                length: MAX_GUEST_TEXT + 1
            })
        );
    }

    #[test]
    fn guests_are_listed_and_removed_by_number() {
        for body in ["!invités", "!guests", "!invité", "!guest list"] {
            assert_eq!(
                parse_command(body),
                Ok(Some(Command::Guest(GuestCommand::List))),
                "{body}"
            );
        }
        assert_eq!(
            parse_command("!invité retirer 2"),
            Ok(Some(Command::Guest(GuestCommand::Remove { number: 2 })))
        );
        assert_eq!(
            parse_command("!invité ajouter"),
            Err(ParseError::MissingArgument {
                usage: Usage::GuestAdd
            })
        );
        assert_eq!(
            parse_command("!invité ajouter martin@adsea77.example — jeunes"),
            Err(ParseError::MissingArgument {
                usage: Usage::GuestAdd
            })
        );
    }
}
