//! `!mandat <association> à <association | @membre> [pour le <date> | sondage <n>]` /
//! `!proxy <association> to <association | @member> [for <date> | poll <n>]`, `!mandat retirer
//! <n>` / `!proxy withdraw <n>`, and `!mandats` / `!proxies` (alias `!procuration`): an
//! association's voice given to another for one meeting or one poll.

use super::error::{ParseError, Usage};
use super::words::{no_more, one_number, plain_number, read_form};
use crate::domain::UserId;
use crate::domain::record::Owner;
use crate::domain::text::Folded;

/// What `!mandat` (`!proxy`) is asked to do.
#[derive(Debug, Clone, PartialEq, Eq)]
pub enum MandateCommand {
    /// `!mandats`: the room's mandates.
    List,
    /// The giving association as typed, the holder (an association as typed, or a member),
    /// and what for (`None`: the next meeting).
    Give {
        giver: String,
        holder: Owner,
        scope: Option<TypedScope>,
    },
    Withdraw {
        number: usize,
    },
}

/// What a mandate is for, as typed: the service finds the meeting or the poll.
#[derive(Debug, Clone, PartialEq, Eq)]
pub enum TypedScope {
    /// The meeting of that day (`pour le 12/03`), as typed.
    Day(String),
    /// Poll n° `n` (`sondage 3`).
    Poll(usize),
}

pub(super) const FORMS: &[(&str, Usage)] = &[
    ("retirer", Usage::MandateWithdraw),
    ("annuler", Usage::MandateWithdraw),
    ("withdraw", Usage::MandateWithdraw),
    ("cancel", Usage::MandateWithdraw),
    ("liste", Usage::MandateList),
    ("list", Usage::MandateList),
];

/// What stands between the giving association and the holder (folded: `à` reads as `a`).
const TO_MARKS: [&str; 2] = [" a ", " to "];
/// What introduces the meeting's day, after the holder.
const DAY_MARKS: [&str; 3] = [" pour le ", " pour ", " for "];
/// What introduces the poll's number, after the holder.
const POLL_MARKS: [&str; 2] = [" sondage ", " poll "];

pub(super) fn parse(arguments: &str) -> Result<MandateCommand, ParseError> {
    let (form, named, rest) = read_form(arguments, FORMS);
    if form.is_empty() {
        return Ok(MandateCommand::List);
    }
    match named {
        Some(Usage::MandateWithdraw) => Ok(MandateCommand::Withdraw {
            number: one_number(rest, Usage::MandateWithdraw)?,
        }),
        Some(_) => no_more(rest, Usage::MandateList).map(|()| MandateCommand::List),
        None => give(arguments),
    }
}

/// `!mandats` / `!proxies`: the list, and nothing after it.
pub(super) fn parse_list(arguments: &str) -> Result<MandateCommand, ParseError> {
    no_more(arguments, Usage::MandateList).map(|()| MandateCommand::List)
}

/// `<association> à <association | @member> [pour le <date> | sondage <n>]`.
fn give(arguments: &str) -> Result<MandateCommand, ParseError> {
    let text = format!(" {} ", arguments.trim());
    // Found on the original text, case and accents aside: never an index of a lower-cased copy.
    let folded = Folded::new(&text);
    let Some(to) = TO_MARKS
        .iter()
        .filter_map(|mark| folded.find(mark))
        .min_by_key(|found| found.start)
    else {
        return Err(ParseError::MissingArgument {
            usage: Usage::MandateGive,
        });
    };
    let giver = text[..to.start].trim().to_owned();
    let rest = format!(" {} ", text[to.end..].trim());
    let folded = Folded::new(&rest);
    let day = DAY_MARKS
        .iter()
        .filter_map(|mark| folded.rfind(mark))
        .max_by_key(|f| (f.start, f.end));
    let poll = POLL_MARKS
        .iter()
        .filter_map(|mark| folded.rfind(mark))
        .max_by_key(|f| (f.start, f.end));
    let (holder, scope) = match (day, poll) {
        (Some(day), poll) if poll.as_ref().is_none_or(|poll| poll.start < day.start) => {
            // The later marker ends the holder: "… sondage 3" or "… pour le 12/03".
            let typed = rest[day.end..].trim();
            if typed.is_empty() {
                return Err(ParseError::MissingArgument {
                    usage: Usage::MandateGive,
                });
            }
            (&rest[..day.start], Some(TypedScope::Day(typed.to_owned())))
        }
        (_, Some(poll)) => {
            // A poll marker after any day marker.
            let typed = rest[poll.end..].trim();
            let number = match typed.split_whitespace().collect::<Vec<_>>().as_slice() {
                [word] => plain_number(word).ok_or_else(|| ParseError::ExpectedNumber {
                    usage: Usage::MandateGive,
                    given: Some((*word).to_owned()),
                })?,
                [] => {
                    return Err(ParseError::ExpectedNumber {
                        usage: Usage::MandateGive,
                        given: None,
                    });
                }
                [_, extra @ ..] => {
                    return Err(ParseError::UnexpectedWords {
                        usage: Usage::MandateGive,
                        extra: extra.join(" "),
                    });
                }
            };
            (&rest[..poll.start], Some(TypedScope::Poll(number)))
        }
        (_, None) => (rest.as_str(), None),
    };
    let holder = holder.trim();
    if giver.is_empty() || holder.is_empty() {
        return Err(ParseError::MissingArgument {
            usage: Usage::MandateGive,
        });
    }
    let holder = if holder.starts_with('@') {
        match UserId::parse(holder) {
            Some(user) => Owner::Member(user),
            None => {
                return Err(ParseError::ExpectedUser {
                    given: Some(holder.to_owned()),
                });
            }
        }
    } else {
        Owner::Association(holder.to_owned())
    };
    Ok(MandateCommand::Give {
        giver,
        holder,
        scope,
    })
}

#[cfg(test)]
mod tests {
    use super::*;
    use crate::command::{Command, parse as parse_command};

    fn give(giver: &str, holder: Owner, scope: Option<TypedScope>) -> Command {
        Command::Mandate(MandateCommand::Give {
            giver: giver.into(),
            holder,
            scope,
        })
    }

    fn association(name: &str) -> Owner {
        Owner::Association(name.into())
    }

    #[test]
    fn every_form_reads_in_french_and_in_english() {
        let bob = Owner::Member(UserId::new("@bob:example.org"));
        for (body, expected) in [
            ("!mandat", Command::Mandate(MandateCommand::List)),
            ("!mandats", Command::Mandate(MandateCommand::List)),
            ("!proxies", Command::Mandate(MandateCommand::List)),
            ("!proxy list", Command::Mandate(MandateCommand::List)),
            (
                "!mandat Croix-Rouge à Secours populaire",
                give("Croix-Rouge", association("Secours populaire"), None),
            ),
            (
                "!mandat Restos du Cœur a @bob:example.org pour le 12/03",
                give(
                    "Restos du Cœur",
                    bob.clone(),
                    Some(TypedScope::Day("12/03".into())),
                ),
            ),
            (
                "!mandat Croix-Rouge à Secours Catholique sondage 3",
                give(
                    "Croix-Rouge",
                    association("Secours Catholique"),
                    Some(TypedScope::Poll(3)),
                ),
            ),
            (
                "!proxy Red Cross to @bob:example.org for 12/03",
                give(
                    "Red Cross",
                    bob.clone(),
                    Some(TypedScope::Day("12/03".into())),
                ),
            ),
            (
                "!proxy Croix-Rouge TO Restos du Cœur poll n°2",
                give(
                    "Croix-Rouge",
                    association("Restos du Cœur"),
                    Some(TypedScope::Poll(2)),
                ),
            ),
            (
                "!procuration Croix-Rouge À Restos du Cœur POUR LE jeudi 12 mars",
                give(
                    "Croix-Rouge",
                    association("Restos du Cœur"),
                    Some(TypedScope::Day("jeudi 12 mars".into())),
                ),
            ),
            (
                "!mandat retirer 2",
                Command::Mandate(MandateCommand::Withdraw { number: 2 }),
            ),
            (
                "!proxy withdraw 1",
                Command::Mandate(MandateCommand::Withdraw { number: 1 }),
            ),
        ] {
            assert_eq!(parse_command(body), Ok(Some(expected)), "{body}");
        }
    }

    #[test]
    fn bad_forms_say_what_is_missing() {
        for body in [
            "!mandat Croix-Rouge",
            "!mandat Croix-Rouge à",
            "!mandat à Secours populaire",
            "!proxy Croix-Rouge to Restos for",
        ] {
            assert_eq!(
                parse_command(body),
                Err(ParseError::MissingArgument {
                    usage: Usage::MandateGive
                }),
                "{body}"
            );
        }
        assert_eq!(
            parse_command("!mandat Croix-Rouge à Restos sondage trois"),
            Err(ParseError::ExpectedNumber {
                usage: Usage::MandateGive,
                given: Some("trois".into())
            })
        );
        assert_eq!(
            parse_command("!mandat Croix-Rouge à @bob pour le 12/03"),
            Err(ParseError::ExpectedUser {
                given: Some("@bob".into())
            })
        );
        assert_eq!(
            parse_command("!mandat retirer"),
            Err(ParseError::ExpectedNumber {
                usage: Usage::MandateWithdraw,
                given: None
            })
        );
        assert!(matches!(
            parse_command("!mandats Croix-Rouge"),
            Err(ParseError::UnexpectedWords {
                usage: Usage::MandateList,
                ..
            })
        ));
    }

    #[test]
    fn a_marker_after_a_letter_that_grows_when_lower_cased_cuts_no_letter() {
        assert_eq!(
            parse_command("!mandat İİ à \u{212A}\u{212A} POUR LE éé"),
            Ok(Some(give(
                "İİ",
                association("\u{212A}\u{212A}"),
                Some(TypedScope::Day("éé".into()))
            )))
        );
    }
}
