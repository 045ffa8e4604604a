//! `!réunion …` / `!meeting …` (alias `!reunion`): dates, votes, host, place.

use super::error::{ParseError, Usage};
use super::words::{no_more, optional_number, read_form, split_word};
use crate::domain::limits::MAX_PLACE_LENGTH;
use crate::domain::rhythm::Rhythm;
use crate::domain::votes::{MAX_OPTIONS, MIN_OPTIONS};

/// What `!meeting` (`!réunion`) is asked to do.
#[derive(Debug, Clone, PartialEq, Eq)]
pub enum MeetingCommand {
    /// Show the next meeting (and the open proposal).
    Show,
    /// Propose dates, as typed; the service reads them in the room's time zone (and refuses
    /// two that fall at the same moment, which only reading them can tell).
    Propose {
        options: Vec<String>,
    },
    Votes,
    /// `!réunion dispo <n> [peut-être]`: the sender can come to date n (only if need be
    /// with `peut-être`), for clients where reactions are awkward.
    Available {
        option: usize,
        if_need_be: bool,
    },
    /// Close the proposal with option `n`, or the best-ranked one.
    Close {
        option: Option<usize>,
    },
    /// Cancel the dated meeting or the open proposal (`what`), or, unsaid, the one the sender
    /// may cancel.
    Cancel {
        what: Option<CancelTarget>,
    },
    Host {
        association: String,
    },
    HostOrder {
        associations: Vec<String>,
    },
    Place {
        place: String,
    },
    /// `!réunion rythme`: the rhythm as it is.
    ShowRhythm,
    /// `!réunion rythme trimestriel|bimestriel|mensuel|aucun`.
    SetRhythm {
        rhythm: Option<Rhythm>,
    },
}

/// The words that name a rhythm (`None`: no rhythm).
const RHYTHMS: &[(&str, Option<Rhythm>)] = &[
    ("trimestriel", Some(Rhythm::Quarterly)),
    ("trimestrielle", Some(Rhythm::Quarterly)),
    ("quarterly", Some(Rhythm::Quarterly)),
    ("bimestriel", Some(Rhythm::Bimonthly)),
    ("bimestrielle", Some(Rhythm::Bimonthly)),
    ("bimonthly", Some(Rhythm::Bimonthly)),
    ("mensuel", Some(Rhythm::Monthly)),
    ("mensuelle", Some(Rhythm::Monthly)),
    ("monthly", Some(Rhythm::Monthly)),
    ("aucun", None),
    ("aucune", None),
    ("none", None),
    ("off", None),
];

/// What `!réunion annuler` aims at, when it says.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub enum CancelTarget {
    /// The open date proposal.
    Proposal,
    /// The next dated meeting.
    Meeting,
}

/// The words after `!réunion annuler` that say which.
const CANCEL_TARGETS: &[(&str, CancelTarget)] = &[
    ("proposition", CancelTarget::Proposal),
    ("proposal", CancelTarget::Proposal),
    ("dates", CancelTarget::Proposal),
    ("réunion", CancelTarget::Meeting),
    ("reunion", CancelTarget::Meeting),
    ("meeting", CancelTarget::Meeting),
];

/// The forms that follow `!réunion`, by every name they answer to. `Host` covers
/// `hôte ordre …` too.
pub(super) const FORMS: &[(&str, Usage)] = &[
    ("propose", Usage::MeetingPropose),
    ("proposer", Usage::MeetingPropose),
    ("votes", Usage::MeetingVotes),
    ("vote", Usage::MeetingVotes),
    ("close", Usage::MeetingClose),
    ("clore", Usage::MeetingClose),
    ("fermer", Usage::MeetingClose),
    ("cancel", Usage::MeetingCancel),
    ("annuler", Usage::MeetingCancel),
    ("host", Usage::MeetingHost),
    ("hôte", Usage::MeetingHost),
    ("hote", Usage::MeetingHost),
    ("accueil", Usage::MeetingHost),
    ("place", Usage::MeetingPlace),
    ("lieu", Usage::MeetingPlace),
    ("rythme", Usage::MeetingRhythm),
    ("rhythm", Usage::MeetingRhythm),
    ("dispo", Usage::MeetingAvailable),
    ("disponible", Usage::MeetingAvailable),
    ("available", Usage::MeetingAvailable),
];

/// The words after `!réunion dispo <n>` that say "only if need be".
const IF_NEED_BE_WORDS: &[&str] = &[
    "peut-être",
    "peut-etre",
    "peutêtre",
    "peutetre",
    "maybe",
    "si-nécessaire",
    "si-necessaire",
    "🤷",
];

/// The word after `!réunion hôte` that asks for the turn of hosts.
const ORDER_WORDS: [&str; 2] = ["order", "ordre"];

pub(super) fn parse(arguments: &str) -> Result<MeetingCommand, ParseError> {
    let (form, named, rest) = read_form(arguments, FORMS);
    if form.is_empty() {
        return Ok(MeetingCommand::Show);
    }
    let Some(usage) = named else {
        return Err(ParseError::UnknownMeetingAction { given: form });
    };
    let command = match usage {
        Usage::MeetingPropose => propose(rest)?,
        Usage::MeetingVotes => no_more(rest, usage).map(|()| MeetingCommand::Votes)?,
        Usage::MeetingClose => MeetingCommand::Close {
            option: optional_number(rest, usage)?,
        },
        Usage::MeetingCancel => cancel(rest)?,
        Usage::MeetingHost => host(rest)?,
        Usage::MeetingRhythm => rhythm(rest)?,
        Usage::MeetingAvailable => available(rest)?,
        _ => place(rest)?,
    };
    Ok(command)
}

/// `<n> [peut-être | maybe]` (also "si nécessaire", "if need be").
fn available(rest: &str) -> Result<MeetingCommand, ParseError> {
    let usage = Usage::MeetingAvailable;
    let (number, rest) = split_word(rest);
    if number.is_empty() {
        return Err(ParseError::ExpectedNumber { usage, given: None });
    }
    let option = super::words::item_number(number, usage)?;
    let words: Vec<String> = rest
        .split_whitespace()
        .map(super::words::clean_word)
        .collect();
    let if_need_be = match words
        .iter()
        .map(String::as_str)
        .collect::<Vec<_>>()
        .as_slice()
    {
        [] => false,
        [word] if IF_NEED_BE_WORDS.contains(word) => true,
        ["si", "nécessaire" | "necessaire"] | ["if", "need", "be"] => true,
        _ => {
            return Err(ParseError::UnexpectedWords {
                usage,
                extra: rest.trim().to_owned(),
            });
        }
    };
    Ok(MeetingCommand::Available { option, if_need_be })
}

/// `<date> ; <date> …`: two to ten dates, separated by semicolons or lines.
fn propose(rest: &str) -> Result<MeetingCommand, ParseError> {
    let options: Vec<String> = rest
        .split([';', '\n'])
        .map(str::trim)
        .filter(|option| !option.is_empty())
        .map(str::to_owned)
        .collect();
    if (MIN_OPTIONS..=MAX_OPTIONS).contains(&options.len()) {
        Ok(MeetingCommand::Propose { options })
    } else {
        Err(ParseError::OptionCount {
            count: options.len(),
        })
    }
}

/// Nothing, `proposition` (`proposal`) or `réunion` (`meeting`).
fn cancel(rest: &str) -> Result<MeetingCommand, ParseError> {
    let (form, what, after) = read_form(rest, CANCEL_TARGETS);
    if form.is_empty() {
        return Ok(MeetingCommand::Cancel { what: None });
    }
    match what {
        Some(what) => no_more(after, Usage::MeetingCancel)
            .map(|()| MeetingCommand::Cancel { what: Some(what) }),
        None => Err(ParseError::UnexpectedWords {
            usage: Usage::MeetingCancel,
            extra: rest.trim().to_owned(),
        }),
    }
}

/// Nothing (show it), or one rhythm's name.
fn rhythm(rest: &str) -> Result<MeetingCommand, ParseError> {
    let (word, named, after) = read_form(rest, RHYTHMS);
    if word.is_empty() {
        return Ok(MeetingCommand::ShowRhythm);
    }
    match named {
        Some(rhythm) => {
            no_more(after, Usage::MeetingRhythm).map(|()| MeetingCommand::SetRhythm { rhythm })
        }
        None => Err(ParseError::UnknownRhythm {
            given: rest.trim().to_owned(),
        }),
    }
}

/// `<association>` or `ordre <association>, <association>, …`.
fn host(rest: &str) -> Result<MeetingCommand, ParseError> {
    let (first, after) = split_word(rest);
    if ORDER_WORDS.contains(&first.to_lowercase().as_str()) {
        let associations: Vec<String> = after
            .split([',', ';'])
            .map(str::trim)
            .filter(|name| !name.is_empty())
            .map(str::to_owned)
            .collect();
        if associations.is_empty() {
            return Err(ParseError::MissingArgument {
                usage: Usage::MeetingHostOrder,
            });
        }
        return Ok(MeetingCommand::HostOrder { associations });
    }
    match rest.trim() {
        "" => Err(ParseError::MissingArgument {
            usage: Usage::MeetingHost,
        }),
        association => Ok(MeetingCommand::Host {
            association: association.to_owned(),
        }),
    }
}

/// `<place>`, at most [`MAX_PLACE_LENGTH`] characters.
fn place(rest: &str) -> Result<MeetingCommand, ParseError> {
    match rest.trim() {
        "" => Err(ParseError::MissingArgument {
            usage: Usage::MeetingPlace,
        }),
        place if place.chars().count() > MAX_PLACE_LENGTH => Err(ParseError::PlaceTooLong {
            length: place.chars().count(),
        }),
        place => Ok(MeetingCommand::Place {
            place: place.to_owned(),
        }),
    }
}

#[cfg(test)]
mod tests {
    use super::*;
    use crate::command::{Command, parse};

    #[test]
    fn the_rhythm_is_read_in_both_languages() {
        for (text, rhythm) in [
            ("!réunion rythme trimestriel", Some(Rhythm::Quarterly)),
            ("!reunion rythme Bimestriel", Some(Rhythm::Bimonthly)),
            ("!réunion rythme mensuel", Some(Rhythm::Monthly)),
            ("!réunion rythme aucun", None),
            ("!meeting rhythm quarterly", Some(Rhythm::Quarterly)),
            ("!meeting rhythm bimonthly", Some(Rhythm::Bimonthly)),
            ("!meeting rhythm monthly", Some(Rhythm::Monthly)),
            ("!meeting rhythm none", None),
        ] {
            assert_eq!(
                parse(text),
                Ok(Some(Command::Meeting(MeetingCommand::SetRhythm { rhythm }))),
                "{text}"
            );
        }
        assert_eq!(
            parse("!réunion rythme"),
            Ok(Some(Command::Meeting(MeetingCommand::ShowRhythm)))
        );
        assert_eq!(
            parse("!meeting rhythm weekly"),
            Err(ParseError::UnknownRhythm {
                given: "weekly".into()
            })
        );
        assert!(matches!(
            parse("!réunion rythme mensuel ou pas"),
            Err(ParseError::UnexpectedWords { .. })
        ));
    }

    #[test]
    fn a_proposal_takes_two_to_ten_dates_separated_by_semicolons() {
        assert_eq!(
            parse("!réunion proposer 10/12 14h; jeudi 17/12 14h30 ;mardi 18h"),
            Ok(Some(Command::Meeting(MeetingCommand::Propose {
                options: vec![
                    "10/12 14h".into(),
                    "jeudi 17/12 14h30".into(),
                    "mardi 18h".into()
                ]
            })))
        );
        assert_eq!(
            parse("!meeting propose 10/12 14h"),
            Err(ParseError::OptionCount { count: 1 })
        );
        let eleven = ["10/12 14h"; 11].join("; ");
        assert_eq!(
            parse(&format!("!reunion proposer {eleven}")),
            Err(ParseError::OptionCount { count: 11 })
        );
    }

    #[test]
    fn meeting_actions_parse_in_both_languages() {
        let meeting = |body: &str| parse(body);
        assert_eq!(
            meeting("!réunion"),
            Ok(Some(Command::Meeting(MeetingCommand::Show)))
        );
        assert_eq!(
            meeting("!meeting votes"),
            Ok(Some(Command::Meeting(MeetingCommand::Votes)))
        );
        assert_eq!(
            meeting("!reunion clore 2"),
            Ok(Some(Command::Meeting(MeetingCommand::Close {
                option: Some(2)
            })))
        );
        assert_eq!(
            meeting("!meeting close"),
            Ok(Some(Command::Meeting(MeetingCommand::Close {
                option: None
            })))
        );
        assert_eq!(
            meeting("!réunion annuler"),
            Ok(Some(Command::Meeting(MeetingCommand::Cancel {
                what: None
            })))
        );
        assert_eq!(
            meeting("!réunion annuler Proposition"),
            Ok(Some(Command::Meeting(MeetingCommand::Cancel {
                what: Some(CancelTarget::Proposal)
            })))
        );
        assert_eq!(
            meeting("!meeting cancel meeting"),
            Ok(Some(Command::Meeting(MeetingCommand::Cancel {
                what: Some(CancelTarget::Meeting)
            })))
        );
        assert_eq!(
            meeting("!réunion annuler réunion"),
            Ok(Some(Command::Meeting(MeetingCommand::Cancel {
                what: Some(CancelTarget::Meeting)
            })))
        );
        assert!(matches!(
            meeting("!meeting cancel proposal now"),
            Err(ParseError::UnexpectedWords {
                usage: Usage::MeetingCancel,
                ..
            })
        ));
        assert_eq!(
            meeting("!réunion hôte Croix-Rouge"),
            Ok(Some(Command::Meeting(MeetingCommand::Host {
                association: "Croix-Rouge".into()
            })))
        );
        assert_eq!(
            meeting("!meeting host order Restos du Cœur, Croix-Rouge ,Secours populaire"),
            Ok(Some(Command::Meeting(MeetingCommand::HostOrder {
                associations: vec![
                    "Restos du Cœur".into(),
                    "Croix-Rouge".into(),
                    "Secours populaire".into()
                ]
            })))
        );
        assert_eq!(
            meeting("!réunion lieu Salle des fêtes, Melun"),
            Ok(Some(Command::Meeting(MeetingCommand::Place {
                place: "Salle des fêtes, Melun".into()
            })))
        );
        assert_eq!(
            meeting("!réunion lieu"),
            Err(ParseError::MissingArgument {
                usage: Usage::MeetingPlace
            })
        );
        assert_eq!(
            meeting("!réunion reporter"),
            Err(ParseError::UnknownMeetingAction {
                given: "reporter".into()
            })
        );
    }

    #[test]
    fn votes_and_cancel_errors_show_their_own_example() {
        assert!(matches!(
            parse("!réunion votes 2"),
            Err(ParseError::UnexpectedWords {
                usage: Usage::MeetingVotes,
                ..
            })
        ));
        assert!(matches!(
            parse("!meeting cancel now"),
            Err(ParseError::UnexpectedWords {
                usage: Usage::MeetingCancel,
                ..
            })
        ));
    }

    #[test]
    fn a_too_long_place_is_a_place_error() {
        let place = "x".repeat(MAX_PLACE_LENGTH + 1);
        assert_eq!(
            parse(&format!("!réunion lieu {place}")),
            Err(ParseError::PlaceTooLong {
                length: MAX_PLACE_LENGTH + 1
            })
        );
    }

    #[test]
    fn available_reads_a_date_and_if_need_be_in_both_languages() {
        use crate::command::{Command, parse as parse_command};
        let available = |option, if_need_be| {
            Ok(Some(Command::Meeting(MeetingCommand::Available {
                option,
                if_need_be,
            })))
        };
        for (body, expected) in [
            ("!réunion dispo 2", available(2, false)),
            ("!réunion dispo 2 peut-être", available(2, true)),
            ("!reunion dispo 3 Peut-Etre", available(3, true)),
            ("!réunion dispo 1 si nécessaire", available(1, true)),
            ("!meeting available 2 maybe", available(2, true)),
            ("!meeting available n°4 if need be", available(4, true)),
            ("!meeting available 4", available(4, false)),
        ] {
            assert_eq!(parse_command(body), expected, "{body}");
        }
        assert_eq!(
            parse_command("!réunion dispo"),
            Err(ParseError::ExpectedNumber {
                usage: Usage::MeetingAvailable,
                given: None
            })
        );
        assert_eq!(
            parse_command("!réunion dispo deux"),
            Err(ParseError::ExpectedNumber {
                usage: Usage::MeetingAvailable,
                given: Some("deux".into())
            })
        );
        assert!(matches!(
            parse_command("!meeting available 2 perhaps"),
            Err(ParseError::UnexpectedWords {
                usage: Usage::MeetingAvailable,
                ..
            })
        ));
    }
}
