//! The command grammar: a message body in, a typed [`Command`] or a typed [`ParseError`] out.
//!
//! Pure: no I/O, no clock, no Matrix, no database. The first step only checks what the user
//! typed; whatever needs state (the room's language, which meeting…) is resolved by the service.
//! Every command has an English and a French name, accepted in every room whatever its language.

#[cfg(test)]
pub(crate) mod fuzz;

use crate::domain::Language;
use crate::domain::agenda::MAX_ITEM_LENGTH;
use crate::domain::poll::{
    MAX_OPTION_LENGTH, MAX_POLL_OPTIONS, MAX_QUESTION_LENGTH, MIN_POLL_OPTIONS,
};
use crate::domain::record::MAX_DECISION_LENGTH;
use crate::domain::votes::{MAX_OPTIONS, MIN_OPTIONS};

/// The longest place a meeting may have (an address, a room name).
pub const MAX_PLACE_LENGTH: usize = 200;

/// What the prefix is: `!aide`, `!help`…
pub const PREFIX: char = '!';

/// A command the bot understood.
#[derive(Debug, Clone, PartialEq, Eq)]
pub enum Command {
    /// `!help [topic]`: the list of commands, or one command explained with an example.
    Help { topic: Option<Topic> },
    /// `!language [fr|en]`: show the room's language, or change it.
    Language { choice: Option<Language> },
    /// `!agenda …`: the next meeting's agenda.
    Agenda(AgendaCommand),
    /// `!meeting …` (`!réunion`): dates, votes, host, place.
    Meeting(MeetingCommand),
    /// `!association …`: who belongs to which association.
    Association(AssociationCommand),
    /// `!poll …` (`!sondage`): polls on joint positions.
    Poll(PollCommand),
    /// `!vote [n] <option>` (`!voter`): answers poll n (the latest open one when n is left
    /// out) without poll support in the client.
    Vote { poll: Option<usize>, choice: String },
    /// `!decision …` (`!décision`, `!décisions`): the record of decisions.
    Decision(DecisionCommand),
    /// `!action …` (`!actions`): who does what by when.
    Action(ActionCommand),
    /// `!minutes [date]` (`!compte-rendu`): the minutes of the last (or given) meeting; the
    /// date is as typed.
    Minutes { date: Option<String> },
    /// `!remind <when> <text>` (`!rappel`), as typed: the service reads the time, which needs
    /// the present moment and the room's time zone.
    Remind { text: String },
    /// `!reminders …` (`!rappels`).
    Reminders(RemindersCommand),
    /// `!page` (`!web`): the group's private web page; `new-link` replaces its link.
    Page { new_link: bool },
}

/// What `!reminders` (`!rappels`) is asked to do.
#[derive(Debug, Clone, PartialEq, Eq)]
pub enum RemindersCommand {
    /// The room's reminders, next first.
    List,
    Cancel {
        number: usize,
    },
    /// The meeting reminders: shown with `None`, else set (`7j 1j 2h`, `aucun`), as typed.
    Meeting {
        offsets: Option<Vec<String>>,
    },
}

/// What `!decision` is asked to do.
#[derive(Debug, Clone, PartialEq, Eq)]
pub enum DecisionCommand {
    Record {
        text: String,
    },
    Show {
        number: usize,
    },
    Amend {
        number: usize,
        text: String,
    },
    Revoke {
        number: usize,
        reason: String,
    },
    /// The latest ones.
    List,
    /// A full-text search, as typed.
    Search {
        words: String,
    },
}

/// What `!action` is asked to do.
#[derive(Debug, Clone, PartialEq, Eq)]
pub enum ActionCommand {
    /// `<owner> <what> [avant le <date>]`, as typed: the owner and the date are resolved by
    /// the service, which knows the room's associations and time zone.
    Create {
        text: String,
    },
    Done {
        number: usize,
    },
    List,
}

/// What `!poll` (`!sondage`) is asked to do.
#[derive(Debug, Clone, PartialEq, Eq)]
pub enum PollCommand {
    /// A new poll. `options` empty: For / Against / Abstain in the room's language. The
    /// deadline is as typed; the service reads it in the room's time zone.
    Create {
        question: String,
        options: Vec<String>,
        deadline: Option<String>,
    },
    /// The results of poll n, or of the latest one.
    Results { number: Option<usize> },
    /// The open polls.
    List,
    /// Ends poll n (or the latest open one); `record` also writes the outcome to the record
    /// of decisions.
    Close { number: Option<usize>, record: bool },
}

/// What `!meeting` (`!réunion`) is asked to do.
#[derive(Debug, Clone, PartialEq, Eq)]
pub enum MeetingCommand {
    /// Show the next meeting (and the open proposal).
    Show,
    /// Propose dates, as typed; the service reads them in the room's time zone.
    Propose {
        options: Vec<String>,
    },
    Votes,
    /// Close the proposal with option `n`, or the best-ranked one.
    Close {
        option: Option<usize>,
    },
    Cancel,
    Host {
        association: String,
    },
    HostOrder {
        associations: Vec<String>,
    },
    Place {
        place: String,
    },
}

/// What `!association` is asked to do.
#[derive(Debug, Clone, PartialEq, Eq)]
pub enum AssociationCommand {
    List,
    /// Put `user` in `association`, or among the guests with `None`.
    Set {
        user: String,
        association: Option<String>,
    },
}

/// What `!agenda` (`!odj`) is asked to do. Item numbers are as the last list showed them.
#[derive(Debug, Clone, PartialEq, Eq)]
pub enum AgendaCommand {
    List,
    Add { text: String, urgent: bool },
    Remove { number: usize },
    Done { number: usize },
    Move { number: usize, to: usize },
}

/// One form of a command, for the example an error message shows.
#[derive(Debug, Clone, Copy, PartialEq, Eq, Hash)]
pub enum Usage {
    Help,
    Language,
    AgendaList,
    AgendaAdd,
    AgendaUrgent,
    AgendaRemove,
    AgendaDone,
    AgendaMove,
    MeetingPropose,
    MeetingVotes,
    MeetingClose,
    MeetingCancel,
    MeetingHost,
    MeetingHostOrder,
    MeetingPlace,
    AssociationSet,
    PollCreate,
    PollResults,
    PollClose,
    Vote,
    DecisionRecord,
    DecisionShow,
    DecisionAmend,
    DecisionRevoke,
    DecisionSearch,
    ActionCreate,
    ActionDone,
    Minutes,
    Remind,
    RemindersCancel,
    RemindersMeeting,
    Page,
}

impl Usage {
    /// The locale message holding an example of this form.
    pub fn example_id(self) -> &'static str {
        match self {
            Usage::Help => "help-help-example",
            Usage::Language => "help-language-example",
            Usage::AgendaList => "example-agenda-list",
            Usage::AgendaAdd => "help-agenda-example",
            Usage::AgendaUrgent => "example-agenda-urgent",
            Usage::AgendaRemove => "example-agenda-remove",
            Usage::AgendaDone => "example-agenda-done",
            Usage::AgendaMove => "example-agenda-move",
            Usage::MeetingPropose => "help-meeting-example",
            Usage::MeetingVotes => "example-meeting-votes",
            Usage::MeetingClose => "example-meeting-close",
            Usage::MeetingCancel => "example-meeting-cancel",
            Usage::MeetingHost => "example-meeting-host",
            Usage::MeetingHostOrder => "example-meeting-host-order",
            Usage::MeetingPlace => "example-meeting-place",
            Usage::AssociationSet => "help-association-example",
            Usage::PollCreate => "help-poll-example",
            Usage::PollResults => "example-poll-results",
            Usage::PollClose => "example-poll-close",
            Usage::Vote => "help-vote-example",
            Usage::DecisionRecord => "help-decision-example",
            Usage::DecisionShow => "example-decision-show",
            Usage::DecisionAmend => "example-decision-amend",
            Usage::DecisionRevoke => "example-decision-revoke",
            Usage::DecisionSearch => "example-decision-search",
            Usage::ActionCreate => "help-action-example",
            Usage::ActionDone => "example-action-done",
            Usage::Minutes => "help-minutes-example",
            Usage::Remind => "help-remind-example",
            Usage::RemindersCancel => "example-reminders-cancel",
            Usage::RemindersMeeting => "example-reminders-meeting",
            Usage::Page => "help-page-example",
        }
    }
}

/// A family of commands, as listed by `!help` and explained by `!help <topic>`.
#[derive(Debug, Clone, Copy, PartialEq, Eq, Hash)]
pub enum Topic {
    Help,
    Language,
    Agenda,
    Meeting,
    Association,
    Poll,
    Vote,
    Decision,
    Action,
    Minutes,
    Remind,
    Page,
}

impl Topic {
    /// In the order `!help` lists them.
    pub const ALL: [Topic; 12] = [
        Topic::Meeting,
        Topic::Agenda,
        Topic::Poll,
        Topic::Vote,
        Topic::Decision,
        Topic::Action,
        Topic::Minutes,
        Topic::Remind,
        Topic::Page,
        Topic::Association,
        Topic::Language,
        Topic::Help,
    ];

    /// The command's name in a language, as the help shows it (`aide`, `help`…).
    pub fn name(self, language: Language) -> &'static str {
        match (self, language) {
            (Topic::Help, Language::Fr) => "aide",
            (Topic::Help, Language::En) => "help",
            (Topic::Language, Language::Fr) => "langue",
            (Topic::Language, Language::En) => "language",
            (Topic::Agenda, _) => "agenda",
            (Topic::Meeting, Language::Fr) => "réunion",
            (Topic::Meeting, Language::En) => "meeting",
            (Topic::Association, _) => "association",
            (Topic::Poll, Language::Fr) => "sondage",
            (Topic::Poll, Language::En) => "poll",
            (Topic::Vote, Language::Fr) => "voter",
            (Topic::Vote, Language::En) => "vote",
            (Topic::Decision, Language::Fr) => "décision",
            (Topic::Decision, Language::En) => "decision",
            (Topic::Action, _) => "action",
            (Topic::Minutes, Language::Fr) => "compte-rendu",
            (Topic::Minutes, Language::En) => "minutes",
            (Topic::Remind, Language::Fr) => "rappel",
            (Topic::Remind, Language::En) => "remind",
            (Topic::Page, _) => "page",
        }
    }

    /// The key of this topic's texts in the locale files (`help-<key>-summary`…).
    pub fn key(self) -> &'static str {
        match self {
            Topic::Help => "help",
            Topic::Language => "language",
            Topic::Agenda => "agenda",
            Topic::Meeting => "meeting",
            Topic::Association => "association",
            Topic::Poll => "poll",
            Topic::Vote => "vote",
            Topic::Decision => "decision",
            Topic::Action => "action",
            Topic::Minutes => "minutes",
            Topic::Remind => "remind",
            Topic::Page => "page",
        }
    }

    /// The form `!help <topic>` shows as its example.
    pub fn usage(self) -> Usage {
        match self {
            Topic::Help => Usage::Help,
            Topic::Language => Usage::Language,
            Topic::Agenda => Usage::AgendaAdd,
            Topic::Meeting => Usage::MeetingPropose,
            Topic::Association => Usage::AssociationSet,
            Topic::Poll => Usage::PollCreate,
            Topic::Vote => Usage::Vote,
            Topic::Decision => Usage::DecisionRecord,
            Topic::Action => Usage::ActionCreate,
            Topic::Minutes => Usage::Minutes,
            Topic::Remind => Usage::Remind,
            Topic::Page => Usage::Page,
        }
    }
}

/// Every name a command answers to, whatever the room's language.
const NAMES: &[(&str, Topic)] = &[
    ("help", Topic::Help),
    ("aide", Topic::Help),
    ("language", Topic::Language),
    ("langue", Topic::Language),
    ("lang", Topic::Language),
    ("agenda", Topic::Agenda),
    ("odj", Topic::Agenda),
    ("meeting", Topic::Meeting),
    ("réunion", Topic::Meeting),
    ("reunion", Topic::Meeting),
    ("association", Topic::Association),
    ("associations", Topic::Association),
    ("sondage", Topic::Poll),
    ("sondages", Topic::Poll),
    ("poll", Topic::Poll),
    ("polls", Topic::Poll),
    ("voter", Topic::Vote),
    ("vote", Topic::Vote),
    ("décision", Topic::Decision),
    ("decision", Topic::Decision),
    ("décisions", Topic::Decision),
    ("decisions", Topic::Decision),
    ("action", Topic::Action),
    ("actions", Topic::Action),
    ("compte-rendu", Topic::Minutes),
    ("compterendu", Topic::Minutes),
    ("cr", Topic::Minutes),
    ("minutes", Topic::Minutes),
    ("rappel", Topic::Remind),
    ("rappels", Topic::Remind),
    ("remind", Topic::Remind),
    ("reminder", Topic::Remind),
    ("reminders", Topic::Remind),
    ("page", Topic::Page),
    ("web", Topic::Page),
];

/// The agenda forms that follow `!agenda`, by every name they answer to.
const AGENDA_ACTIONS: &[(&str, AgendaAction)] = &[
    ("list", AgendaAction::List),
    ("liste", AgendaAction::List),
    ("add", AgendaAction::Add),
    ("ajouter", AgendaAction::Add),
    ("ajout", AgendaAction::Add),
    ("urgent", AgendaAction::Urgent),
    ("remove", AgendaAction::Remove),
    ("retirer", AgendaAction::Remove),
    ("supprimer", AgendaAction::Remove),
    ("done", AgendaAction::Done),
    ("traité", AgendaAction::Done),
    ("traite", AgendaAction::Done),
    ("move", AgendaAction::Move),
    ("déplacer", AgendaAction::Move),
    ("deplacer", AgendaAction::Move),
];

#[derive(Debug, Clone, Copy, PartialEq, Eq)]
enum AgendaAction {
    List,
    Add,
    Urgent,
    Remove,
    Done,
    Move,
}

impl AgendaAction {
    fn usage(self) -> Usage {
        match self {
            AgendaAction::List => Usage::AgendaList,
            AgendaAction::Add => Usage::AgendaAdd,
            AgendaAction::Urgent => Usage::AgendaUrgent,
            AgendaAction::Remove => Usage::AgendaRemove,
            AgendaAction::Done => Usage::AgendaDone,
            AgendaAction::Move => Usage::AgendaMove,
        }
    }
}

/// Why a message that was meant for the bot could not be understood. Each variant carries what
/// the reply needs to show the right form.
#[derive(Debug, Clone, PartialEq, Eq, thiserror::Error)]
pub enum ParseError {
    #[error("unknown command !{name}")]
    UnknownCommand {
        name: String,
        /// The closest known command name, when one is close enough to be a typo.
        suggestion: Option<&'static str>,
    },
    #[error("no help topic {given:?}")]
    UnknownHelpTopic { given: String },
    #[error("unknown language {given:?}")]
    UnknownLanguage { given: String },
    #[error("unexpected words after the command: {extra:?}")]
    UnexpectedWords { usage: Usage, extra: String },
    #[error("unknown agenda action {given:?}")]
    UnknownAgendaAction { given: String },
    #[error("an agenda item needs a text")]
    EmptyItemText { usage: Usage },
    #[error("an agenda item of {length} characters is longer than {MAX_ITEM_LENGTH}")]
    ItemTextTooLong { length: usize },
    #[error("a place of {length} characters is longer than {MAX_PLACE_LENGTH}")]
    PlaceTooLong { length: usize },
    #[error("expected an item number, found {given:?}")]
    ExpectedNumber { usage: Usage, given: Option<String> },
    #[error("unknown meeting action {given:?}")]
    UnknownMeetingAction { given: String },
    #[error("a proposal needs {MIN_OPTIONS} to {MAX_OPTIONS} dates, found {count}")]
    OptionCount { count: usize },
    #[error("something is missing after the command")]
    MissingArgument { usage: Usage },
    #[error("expected a member's user id, found {given:?}")]
    ExpectedUser { given: Option<String> },
    #[error("a poll needs a question")]
    PollQuestionMissing,
    #[error("a question of {length} characters is longer than {MAX_QUESTION_LENGTH}")]
    PollQuestionTooLong { length: usize },
    #[error("a poll needs {MIN_POLL_OPTIONS} to {MAX_POLL_OPTIONS} options, found {count}")]
    PollOptionCount { count: usize },
    #[error("option {number} is empty or longer than {MAX_OPTION_LENGTH} characters")]
    PollOptionLength { number: usize, length: usize },
    #[error("options {first} and {second} are the same")]
    PollOptionDuplicate { first: usize, second: usize },
    #[error("a deadline must be followed by a colon and the question")]
    PollDeadlineWithoutQuestion,
    #[error("a decision of {length} characters is longer than {MAX_DECISION_LENGTH}")]
    DecisionTooLong { length: usize },
}

/// Parses a message body.
///
/// `Ok(None)`: the message is not addressed to the bot (no `!` followed by a word). Anything
/// that looks like a command either parses or is an error the room should see.
pub fn parse(body: &str) -> Result<Option<Command>, ParseError> {
    let text = strip_reply_fallback(body).trim_start_matches(is_blank);
    let Some(rest) = text.strip_prefix(PREFIX) else {
        return Ok(None);
    };
    // Pasted text can carry invisible characters (`!\u{200B}agenda`): they are not the
    // member's intent, so they do not make the command unknown.
    let rest = rest.trim_start_matches(is_invisible);
    // `! aide` is not a command: the name follows the prefix directly.
    if rest.starts_with(char::is_whitespace) {
        return Ok(None);
    }
    let (name, arguments) = split_word(rest);
    let name = clean_word(name);
    // `!!!`, `!5` or a pasted room id (`!abc:server`) are not commands; `!compte-rendu` is.
    if !name.starts_with(char::is_alphabetic)
        || !name.chars().all(|c| c.is_alphabetic() || c == '-')
    {
        return Ok(None);
    }
    let Some(topic) = topic_named(&name) else {
        return Err(ParseError::UnknownCommand {
            suggestion: closest_name(&name),
            name,
        });
    };
    let args: Vec<&str> = arguments.split_whitespace().collect();
    let command = match topic {
        Topic::Help => parse_help(&args)?,
        Topic::Language => parse_language(&args)?,
        Topic::Agenda => Command::Agenda(parse_agenda(arguments)?),
        Topic::Meeting => Command::Meeting(parse_meeting(arguments)?),
        Topic::Association => Command::Association(parse_association(arguments)?),
        Topic::Poll if matches!(name.as_str(), "sondages" | "polls") => {
            no_more(arguments, Usage::PollResults)?;
            Command::Poll(PollCommand::List)
        }
        Topic::Poll => Command::Poll(parse_poll(arguments)?),
        Topic::Vote => parse_vote(arguments)?,
        Topic::Decision if matches!(name.as_str(), "décisions" | "decisions") => {
            Command::Decision(match arguments.trim() {
                "" => DecisionCommand::List,
                words => DecisionCommand::Search {
                    words: words.to_owned(),
                },
            })
        }
        Topic::Decision => Command::Decision(parse_decision(arguments)?),
        Topic::Action if name == "actions" => {
            no_more(arguments, Usage::ActionDone)?;
            Command::Action(ActionCommand::List)
        }
        Topic::Action => Command::Action(parse_action(arguments)?),
        Topic::Remind if matches!(name.as_str(), "rappels" | "reminders") => {
            Command::Reminders(parse_reminders(arguments)?)
        }
        Topic::Remind => match arguments.trim_matches(is_blank) {
            "" => {
                return Err(ParseError::MissingArgument {
                    usage: Usage::Remind,
                });
            }
            text => Command::Remind {
                text: text.to_owned(),
            },
        },
        Topic::Page => match clean_word(arguments.trim()).as_str() {
            "" => Command::Page { new_link: false },
            "nouveau-lien" | "nouveaulien" | "new-link" | "newlink" | "nouveau" | "new" => {
                Command::Page { new_link: true }
            }
            other => {
                return Err(ParseError::UnexpectedWords {
                    usage: Usage::Page,
                    extra: other.to_owned(),
                });
            }
        },
        Topic::Minutes => Command::Minutes {
            date: Some(arguments.trim())
                .filter(|date| !date.is_empty())
                .map(str::to_owned),
        },
    };
    Ok(Some(command))
}

fn parse_help(args: &[&str]) -> Result<Command, ParseError> {
    match args {
        [] => Ok(Command::Help { topic: None }),
        [wanted] => {
            let wanted = wanted.trim_start_matches(PREFIX).to_lowercase();
            match topic_named(&wanted) {
                Some(topic) => Ok(Command::Help { topic: Some(topic) }),
                None => Err(ParseError::UnknownHelpTopic { given: wanted }),
            }
        }
        [_, extra @ ..] => Err(ParseError::UnexpectedWords {
            usage: Usage::Help,
            extra: extra.join(" "),
        }),
    }
}

fn parse_language(args: &[&str]) -> Result<Command, ParseError> {
    match args {
        [] => Ok(Command::Language { choice: None }),
        [wanted] => match wanted.parse::<Language>() {
            Ok(language) => Ok(Command::Language {
                choice: Some(language),
            }),
            Err(_) => Err(ParseError::UnknownLanguage {
                given: (*wanted).to_owned(),
            }),
        },
        [_, extra @ ..] => Err(ParseError::UnexpectedWords {
            usage: Usage::Language,
            extra: extra.join(" "),
        }),
    }
}

fn parse_agenda(arguments: &str) -> Result<AgendaCommand, ParseError> {
    let (action, rest) = split_word(arguments);
    if action.is_empty() {
        return Ok(AgendaCommand::List);
    }
    let action = clean_word(action);
    let Some(action) = AGENDA_ACTIONS
        .iter()
        .find(|(name, _)| *name == action)
        .map(|(_, action)| *action)
    else {
        return Err(ParseError::UnknownAgendaAction { given: action });
    };
    let usage = action.usage();
    let numbers = || -> Vec<&str> { rest.split_whitespace().collect() };
    match action {
        AgendaAction::List => match numbers().as_slice() {
            [] => Ok(AgendaCommand::List),
            extra => Err(ParseError::UnexpectedWords {
                usage,
                extra: extra.join(" "),
            }),
        },
        AgendaAction::Add | AgendaAction::Urgent => {
            let text = item_text(rest, usage)?;
            Ok(AgendaCommand::Add {
                text,
                urgent: action == AgendaAction::Urgent,
            })
        }
        AgendaAction::Remove | AgendaAction::Done => match numbers().as_slice() {
            [number] => {
                let number = item_number(number, usage)?;
                Ok(if action == AgendaAction::Remove {
                    AgendaCommand::Remove { number }
                } else {
                    AgendaCommand::Done { number }
                })
            }
            [] => Err(ParseError::ExpectedNumber { usage, given: None }),
            [_, extra @ ..] => Err(ParseError::UnexpectedWords {
                usage,
                extra: extra.join(" "),
            }),
        },
        AgendaAction::Move => match numbers().as_slice() {
            [number, to] => Ok(AgendaCommand::Move {
                number: item_number(number, usage)?,
                to: item_number(to, usage)?,
            }),
            [] | [_] => Err(ParseError::ExpectedNumber { usage, given: None }),
            [_, _, extra @ ..] => Err(ParseError::UnexpectedWords {
                usage,
                extra: extra.join(" "),
            }),
        },
    }
}

fn parse_meeting(arguments: &str) -> Result<MeetingCommand, ParseError> {
    let (action, rest) = split_word(arguments);
    match clean_word(action).as_str() {
        "" => Ok(MeetingCommand::Show),
        "propose" | "proposer" => {
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
        "votes" | "vote" => no_more(rest, Usage::MeetingVotes).map(|()| MeetingCommand::Votes),
        "close" | "clore" | "fermer" => {
            match rest.split_whitespace().collect::<Vec<_>>().as_slice() {
                [] => Ok(MeetingCommand::Close { option: None }),
                [number] => Ok(MeetingCommand::Close {
                    option: Some(item_number(number, Usage::MeetingClose)?),
                }),
                [_, extra @ ..] => Err(ParseError::UnexpectedWords {
                    usage: Usage::MeetingClose,
                    extra: extra.join(" "),
                }),
            }
        }
        "cancel" | "annuler" => {
            no_more(rest, Usage::MeetingCancel).map(|()| MeetingCommand::Cancel)
        }
        "host" | "hôte" | "hote" | "accueil" => {
            let (first, after) = split_word(rest);
            if matches!(first.to_lowercase().as_str(), "order" | "ordre") {
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
        "place" | "lieu" => match rest.trim() {
            "" => Err(ParseError::MissingArgument {
                usage: Usage::MeetingPlace,
            }),
            place if place.chars().count() > MAX_PLACE_LENGTH => Err(ParseError::PlaceTooLong {
                length: place.chars().count(),
            }),
            place => Ok(MeetingCommand::Place {
                place: place.to_owned(),
            }),
        },
        other => Err(ParseError::UnknownMeetingAction {
            given: other.to_owned(),
        }),
    }
}

fn parse_association(arguments: &str) -> Result<AssociationCommand, ParseError> {
    let (action, rest) = split_word(arguments);
    match clean_word(action).as_str() {
        "" | "list" | "liste" => Ok(AssociationCommand::List),
        "set" | "définir" | "definir" | "mettre" => {
            let (user, name) = split_word(rest);
            if user.is_empty() {
                return Err(ParseError::ExpectedUser { given: None });
            }
            if !(user.starts_with('@') && user.contains(':')) {
                return Err(ParseError::ExpectedUser {
                    given: Some(user.to_owned()),
                });
            }
            let association = match name.trim() {
                "" => {
                    return Err(ParseError::MissingArgument {
                        usage: Usage::AssociationSet,
                    });
                }
                none if matches!(
                    none.to_lowercase().as_str(),
                    "aucune" | "none" | "invité" | "invitée" | "guest"
                ) =>
                {
                    None
                }
                name => Some(name.to_owned()),
            };
            Ok(AssociationCommand::Set {
                user: user.to_owned(),
                association,
            })
        }
        other => Err(ParseError::UnexpectedWords {
            usage: Usage::AssociationSet,
            extra: other.to_owned(),
        }),
    }
}

/// The words that start a deadline: `!poll until 12/12 6pm: …`, `!sondage jusqu'au 12/12 18h : …`.
const DEADLINE_WORDS: [&str; 5] = ["jusqu'au", "jusqu’au", "jusqu'à", "jusqu’à", "until"];

fn parse_poll(arguments: &str) -> Result<PollCommand, ParseError> {
    let (action, rest) = split_word(arguments);
    let numbers: Vec<&str> = rest.split_whitespace().collect();
    match clean_word(action).as_str() {
        "" => Err(ParseError::PollQuestionMissing),
        "résultats" | "resultats" | "résultat" | "resultat" | "results" | "result" => {
            match numbers.as_slice() {
                [] => Ok(PollCommand::Results { number: None }),
                [number] => Ok(PollCommand::Results {
                    number: Some(item_number(number, Usage::PollResults)?),
                }),
                [_, extra @ ..] => Err(ParseError::UnexpectedWords {
                    usage: Usage::PollResults,
                    extra: extra.join(" "),
                }),
            }
        }
        "liste" | "list" => {
            no_more(rest, Usage::PollResults)?;
            Ok(PollCommand::List)
        }
        "clore" | "close" | "fermer" => {
            let is_record = |word: &str| {
                matches!(
                    clean_word(word).as_str(),
                    "enregistrer" | "record" | "consigner"
                )
            };
            match numbers.as_slice() {
                [] => Ok(PollCommand::Close {
                    number: None,
                    record: false,
                }),
                [word] if is_record(word) => Ok(PollCommand::Close {
                    number: None,
                    record: true,
                }),
                [number] => Ok(PollCommand::Close {
                    number: Some(item_number(number, Usage::PollClose)?),
                    record: false,
                }),
                [number, word] if is_record(word) => Ok(PollCommand::Close {
                    number: Some(item_number(number, Usage::PollClose)?),
                    record: true,
                }),
                [_, extra @ ..] => Err(ParseError::UnexpectedWords {
                    usage: Usage::PollClose,
                    extra: extra.join(" "),
                }),
            }
        }
        _ => parse_new_poll(arguments.trim()),
    }
}

/// `[jusqu'au <date> :] <question> [| <option> | <option> …]`
fn parse_new_poll(text: &str) -> Result<PollCommand, ParseError> {
    let lowered = text.to_lowercase();
    let deadline_word = DEADLINE_WORDS.iter().find(|word| {
        lowered.starts_with(*word) && lowered[word.len()..].starts_with(char::is_whitespace)
    });
    let (deadline, text) = match deadline_word {
        Some(word) => {
            let after = &text[word.len()..];
            // The question follows the first colon that ends a word ("18:30" is a time).
            let colon = after
                .char_indices()
                .find(|(index, c)| {
                    *c == ':'
                        && after[index + 1..]
                            .chars()
                            .next()
                            .is_none_or(char::is_whitespace)
                })
                .map(|(index, _)| index)
                .ok_or(ParseError::PollDeadlineWithoutQuestion)?;
            let date = after[..colon].trim();
            if date.is_empty() {
                return Err(ParseError::PollDeadlineWithoutQuestion);
            }
            (Some(date.to_owned()), after[colon + 1..].trim())
        }
        None => (None, text),
    };
    let mut parts = text.split('|').map(|part| part.trim_matches(is_blank));
    let question = parts.next().unwrap_or_default();
    if question.is_empty() {
        return Err(if deadline.is_some() {
            ParseError::PollDeadlineWithoutQuestion
        } else {
            ParseError::PollQuestionMissing
        });
    }
    let length = question.chars().count();
    if length > MAX_QUESTION_LENGTH {
        return Err(ParseError::PollQuestionTooLong { length });
    }
    let options: Vec<String> = parts.map(str::to_owned).collect();
    if !options.is_empty() {
        if !(MIN_POLL_OPTIONS..=MAX_POLL_OPTIONS).contains(&options.len()) {
            return Err(ParseError::PollOptionCount {
                count: options.len(),
            });
        }
        for (index, option) in options.iter().enumerate() {
            let length = option.chars().count();
            if length == 0 || length > MAX_OPTION_LENGTH {
                return Err(ParseError::PollOptionLength {
                    number: index + 1,
                    length,
                });
            }
            let folded = clean_word(option);
            if let Some(first) = options[..index]
                .iter()
                .position(|earlier| clean_word(earlier) == folded)
            {
                return Err(ParseError::PollOptionDuplicate {
                    first: first + 1,
                    second: index + 1,
                });
            }
        }
    }
    Ok(PollCommand::Create {
        question: question.to_owned(),
        options,
        deadline,
    })
}

/// `!vote <n> <option>` or `!vote <option>` (the latest open poll).
fn parse_vote(arguments: &str) -> Result<Command, ParseError> {
    let (first, rest) = split_word(arguments);
    if first.is_empty() {
        return Err(ParseError::MissingArgument { usage: Usage::Vote });
    }
    let poll_number = first
        .trim_start_matches("n°")
        .trim_start_matches('#')
        .parse::<usize>()
        .ok()
        .filter(|number| *number > 0);
    match (poll_number, rest.trim()) {
        (Some(poll), choice) if !choice.is_empty() => Ok(Command::Vote {
            poll: Some(poll),
            choice: choice.to_owned(),
        }),
        _ => Ok(Command::Vote {
            poll: None,
            choice: arguments.trim().to_owned(),
        }),
    }
}

/// `!decision <text>`, `!decision <n>`, `!decision amend <n> <text>`,
/// `!decision revoke <n> <reason>`.
fn parse_decision(arguments: &str) -> Result<DecisionCommand, ParseError> {
    let (first, rest) = split_word(arguments);
    let action = clean_word(first);
    let numbered = |usage: Usage| -> Result<(usize, String), ParseError> {
        let (number, text) = split_word(rest);
        if number.is_empty() {
            return Err(ParseError::ExpectedNumber { usage, given: None });
        }
        let number = item_number(number, usage)?;
        let text = text.trim_matches(is_blank);
        if text.is_empty() {
            return Err(ParseError::MissingArgument { usage });
        }
        Ok((number, decision_text(text)?))
    };
    match action.as_str() {
        "" => Err(ParseError::MissingArgument {
            usage: Usage::DecisionRecord,
        }),
        "modifier" | "amend" | "amender" => {
            let (number, text) = numbered(Usage::DecisionAmend)?;
            Ok(DecisionCommand::Amend { number, text })
        }
        "annuler" | "revoke" | "révoquer" | "revoquer" => {
            let (number, reason) = numbered(Usage::DecisionRevoke)?;
            Ok(DecisionCommand::Revoke { number, reason })
        }
        _ if rest.trim().is_empty() && first.trim_start_matches("n°").parse::<usize>().is_ok() => {
            Ok(DecisionCommand::Show {
                number: item_number(first, Usage::DecisionShow)?,
            })
        }
        _ => {
            let text = arguments.trim_matches(is_blank);
            if text.is_empty() {
                return Err(ParseError::MissingArgument {
                    usage: Usage::DecisionRecord,
                });
            }
            Ok(DecisionCommand::Record {
                text: decision_text(text)?,
            })
        }
    }
}

fn decision_text(text: &str) -> Result<String, ParseError> {
    let length = text.chars().count();
    if length > MAX_DECISION_LENGTH {
        return Err(ParseError::DecisionTooLong { length });
    }
    Ok(text.to_owned())
}

/// `!action <owner> <what> [avant le <date>]`, `!action done <n>`, `!action list`.
fn parse_action(arguments: &str) -> Result<ActionCommand, ParseError> {
    let (first, rest) = split_word(arguments);
    match clean_word(first).as_str() {
        "" => Err(ParseError::MissingArgument {
            usage: Usage::ActionCreate,
        }),
        "fait" | "faite" | "done" => match rest.split_whitespace().collect::<Vec<_>>().as_slice() {
            [number] => Ok(ActionCommand::Done {
                number: item_number(number, Usage::ActionDone)?,
            }),
            [] => Err(ParseError::ExpectedNumber {
                usage: Usage::ActionDone,
                given: None,
            }),
            [_, extra @ ..] => Err(ParseError::UnexpectedWords {
                usage: Usage::ActionDone,
                extra: extra.join(" "),
            }),
        },
        "liste" | "list" if rest.trim().is_empty() => Ok(ActionCommand::List),
        _ => Ok(ActionCommand::Create {
            text: arguments.trim_matches(is_blank).to_owned(),
        }),
    }
}

/// `!reminders`, `!reminders cancel <n>`, `!reminders meeting [7d 1d 2h | none]`.
fn parse_reminders(arguments: &str) -> Result<RemindersCommand, ParseError> {
    let (action, rest) = split_word(arguments);
    let words: Vec<&str> = rest.split_whitespace().collect();
    match clean_word(action).as_str() {
        "" | "liste" | "list" => {
            no_more(rest, Usage::RemindersCancel)?;
            Ok(RemindersCommand::List)
        }
        "annuler" | "cancel" | "supprimer" => match words.as_slice() {
            [number] => Ok(RemindersCommand::Cancel {
                number: item_number(number, Usage::RemindersCancel)?,
            }),
            [] => Err(ParseError::ExpectedNumber {
                usage: Usage::RemindersCancel,
                given: None,
            }),
            [_, extra @ ..] => Err(ParseError::UnexpectedWords {
                usage: Usage::RemindersCancel,
                extra: extra.join(" "),
            }),
        },
        "réunion" | "reunion" | "meeting" | "réunions" | "meetings" => {
            Ok(RemindersCommand::Meeting {
                offsets: (!words.is_empty())
                    .then(|| words.iter().map(|word| (*word).to_owned()).collect()),
            })
        }
        other => Err(ParseError::UnexpectedWords {
            usage: Usage::RemindersMeeting,
            extra: other.to_owned(),
        }),
    }
}

/// Refuses words after a command that takes none.
fn no_more(rest: &str, usage: Usage) -> Result<(), ParseError> {
    if rest.trim().is_empty() {
        Ok(())
    } else {
        Err(ParseError::UnexpectedWords {
            usage,
            extra: rest.trim().to_owned(),
        })
    }
}

/// The item's text as typed (inner spacing kept), checked for emptiness and length. A text
/// made only of invisible characters is empty: nobody could read it in the list.
fn item_text(rest: &str, usage: Usage) -> Result<String, ParseError> {
    let text = rest.trim_matches(is_blank);
    if text.is_empty() {
        return Err(ParseError::EmptyItemText { usage });
    }
    let length = text.chars().count();
    if length > MAX_ITEM_LENGTH {
        return Err(ParseError::ItemTextTooLong { length });
    }
    Ok(text.to_owned())
}

/// An item number or position as typed: `2`, `n°2`, `#2`.
fn item_number(word: &str, usage: Usage) -> Result<usize, ParseError> {
    let digits = word
        .trim_start_matches("n°")
        .trim_start_matches("N°")
        .trim_start_matches('#');
    match digits.parse::<usize>() {
        Ok(number) if number > 0 => Ok(number),
        _ => Err(ParseError::ExpectedNumber {
            usage,
            given: Some(word.to_owned()),
        }),
    }
}

/// The first word of `text` and everything after it (leading spaces removed).
/// Characters that take no room on screen and carry no meaning in a command: zero-width
/// spaces and joiners, direction marks and embeddings, the word joiner, the byte-order mark,
/// the soft hyphen, Hangul fillers, tag characters. (Variation selectors are not in the list:
/// they belong to emoji.)
fn is_invisible(c: char) -> bool {
    matches!(
        c,
        '\u{00AD}'
            | '\u{034F}'
            | '\u{061C}'
            | '\u{115F}'
            | '\u{1160}'
            | '\u{17B4}'
            | '\u{17B5}'
            | '\u{180B}'..='\u{180F}'
            | '\u{200B}'..='\u{200F}'
            | '\u{202A}'..='\u{202E}'
            | '\u{2060}'..='\u{206F}'
            | '\u{2800}'
            | '\u{3164}'
            | '\u{FEFF}'
            | '\u{FFA0}'
            | '\u{1D173}'..='\u{1D17A}'
            | '\u{E0000}'..='\u{E007F}'
    )
}

/// Whitespace or invisible: nothing a reader would see.
fn is_blank(c: char) -> bool {
    c.is_whitespace() || is_invisible(c)
}

/// A command or action name as typed, lower-cased, invisible characters removed.
fn clean_word(word: &str) -> String {
    word.chars()
        .filter(|c| !is_invisible(*c))
        .flat_map(char::to_lowercase)
        .collect()
}

fn split_word(text: &str) -> (&str, &str) {
    let text = text.trim_start();
    match text.find(char::is_whitespace) {
        Some(end) => (&text[..end], text[end..].trim_start()),
        None => (text, ""),
    }
}

fn topic_named(name: &str) -> Option<Topic> {
    NAMES
        .iter()
        .find(|(known, _)| *known == name)
        .map(|(_, topic)| *topic)
}

/// The known name nearest to a mistyped one, if it is at most two edits away.
fn closest_name(name: &str) -> Option<&'static str> {
    NAMES
        .iter()
        .map(|(known, _)| (strsim::damerau_levenshtein(name, known), *known))
        .filter(|(distance, _)| *distance <= 2)
        .min_by_key(|(distance, _)| *distance)
        .map(|(_, known)| known)
}

/// Older clients quote the message they reply to (`> <@alice> …` lines, then a blank line)
/// before the user's own text; the command is what follows.
fn strip_reply_fallback(body: &str) -> &str {
    if !body.starts_with("> ") {
        return body;
    }
    let mut rest = body;
    while let Some(line_end) = rest.find('\n') {
        let line = &rest[..line_end];
        if line.starts_with('>') {
            rest = &rest[line_end + 1..];
        } else {
            break;
        }
    }
    rest
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn ordinary_messages_are_not_commands() {
        for body in [
            "bonjour à tous",
            "",
            "!",
            "! aide",
            "!!!",
            "!5 euros",
            "!abc:example.org",
        ] {
            assert_eq!(parse(body), Ok(None), "{body:?}");
        }
    }

    #[test]
    fn help_answers_to_its_french_and_english_names_in_any_case() {
        for body in ["!help", "!aide", "!AIDE", "  !Help  "] {
            assert_eq!(
                parse(body),
                Ok(Some(Command::Help { topic: None })),
                "{body:?}"
            );
        }
    }

    #[test]
    fn help_on_one_command_accepts_the_name_with_or_without_the_prefix() {
        let expected = Ok(Some(Command::Help {
            topic: Some(Topic::Language),
        }));
        assert_eq!(parse("!aide langue"), expected);
        assert_eq!(parse("!help !language"), expected);
    }

    #[test]
    fn help_on_an_unknown_topic_is_an_error_naming_it() {
        assert_eq!(
            parse("!aide cuisine"),
            Err(ParseError::UnknownHelpTopic {
                given: "cuisine".into()
            })
        );
    }

    #[test]
    fn an_unknown_command_suggests_the_nearest_name() {
        assert_eq!(
            parse("!aied"),
            Err(ParseError::UnknownCommand {
                name: "aied".into(),
                suggestion: Some("aide")
            })
        );
        assert_eq!(
            parse("!bonjour"),
            Err(ParseError::UnknownCommand {
                name: "bonjour".into(),
                suggestion: None
            })
        );
    }

    #[test]
    fn language_shows_or_sets_the_room_language() {
        assert_eq!(
            parse("!langue"),
            Ok(Some(Command::Language { choice: None }))
        );
        assert_eq!(
            parse("!language en"),
            Ok(Some(Command::Language {
                choice: Some(Language::En)
            }))
        );
        assert_eq!(
            parse("!langue français"),
            Ok(Some(Command::Language {
                choice: Some(Language::Fr)
            }))
        );
    }

    #[test]
    fn an_unknown_language_is_an_error_naming_it() {
        assert_eq!(
            parse("!langue klingon"),
            Err(ParseError::UnknownLanguage {
                given: "klingon".into()
            })
        );
    }

    #[test]
    fn leftover_words_are_rejected_rather_than_ignored() {
        assert_eq!(
            parse("!langue en fr"),
            Err(ParseError::UnexpectedWords {
                usage: Usage::Language,
                extra: "fr".into()
            })
        );
    }

    #[test]
    fn a_quoted_reply_fallback_is_skipped() {
        let body = "> <@alice:example.org> quelle heure ?\n> deuxième ligne\n\n!aide";
        assert_eq!(parse(body), Ok(Some(Command::Help { topic: None })));
    }

    fn agenda(body: &str) -> Result<Option<Command>, ParseError> {
        parse(body)
    }

    #[test]
    fn agenda_alone_or_list_shows_the_agenda_under_every_name() {
        for body in ["!agenda", "!odj", "!agenda list", "!ODJ liste"] {
            assert_eq!(
                agenda(body),
                Ok(Some(Command::Agenda(AgendaCommand::List))),
                "{body:?}"
            );
        }
    }

    #[test]
    fn an_added_item_keeps_its_text_as_typed() {
        assert_eq!(
            agenda("!agenda ajouter   Budget 2027 :  point  sur les subventions  "),
            Ok(Some(Command::Agenda(AgendaCommand::Add {
                text: "Budget 2027 :  point  sur les subventions".into(),
                urgent: false
            })))
        );
        assert_eq!(
            agenda("!odj urgent Fermeture du local"),
            Ok(Some(Command::Agenda(AgendaCommand::Add {
                text: "Fermeture du local".into(),
                urgent: true
            })))
        );
    }

    #[test]
    fn an_item_needs_a_text_of_at_most_500_characters() {
        assert_eq!(
            agenda("!agenda add   "),
            Err(ParseError::EmptyItemText {
                usage: Usage::AgendaAdd
            })
        );
        let long = "é".repeat(501);
        assert_eq!(
            agenda(&format!("!agenda add {long}")),
            Err(ParseError::ItemTextTooLong { length: 501 })
        );
        let longest = "é".repeat(500);
        assert!(agenda(&format!("!agenda add {longest}")).is_ok());
    }

    #[test]
    fn remove_done_and_move_take_item_numbers() {
        assert_eq!(
            agenda("!agenda retirer 2"),
            Ok(Some(Command::Agenda(AgendaCommand::Remove { number: 2 })))
        );
        assert_eq!(
            agenda("!agenda traité n°3"),
            Ok(Some(Command::Agenda(AgendaCommand::Done { number: 3 })))
        );
        assert_eq!(
            agenda("!agenda move 3 1"),
            Ok(Some(Command::Agenda(AgendaCommand::Move {
                number: 3,
                to: 1
            })))
        );
    }

    #[test]
    fn a_missing_or_wrong_number_names_the_form() {
        assert_eq!(
            agenda("!agenda remove"),
            Err(ParseError::ExpectedNumber {
                usage: Usage::AgendaRemove,
                given: None
            })
        );
        assert_eq!(
            agenda("!agenda done deux"),
            Err(ParseError::ExpectedNumber {
                usage: Usage::AgendaDone,
                given: Some("deux".into())
            })
        );
        assert_eq!(
            agenda("!agenda move 0 1"),
            Err(ParseError::ExpectedNumber {
                usage: Usage::AgendaMove,
                given: Some("0".into())
            })
        );
        assert_eq!(
            agenda("!agenda move 2"),
            Err(ParseError::ExpectedNumber {
                usage: Usage::AgendaMove,
                given: None
            })
        );
    }

    #[test]
    fn an_unknown_agenda_action_is_named() {
        assert_eq!(
            agenda("!agenda effacer 2"),
            Err(ParseError::UnknownAgendaAction {
                given: "effacer".into()
            })
        );
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
            Ok(Some(Command::Meeting(MeetingCommand::Cancel)))
        );
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
    fn association_set_needs_a_user_id_and_a_name() {
        assert_eq!(
            parse("!association set @bob:example.org Croix-Rouge"),
            Ok(Some(Command::Association(AssociationCommand::Set {
                user: "@bob:example.org".into(),
                association: Some("Croix-Rouge".into())
            })))
        );
        assert_eq!(
            parse("!association définir @bob:example.org aucune"),
            Ok(Some(Command::Association(AssociationCommand::Set {
                user: "@bob:example.org".into(),
                association: None
            })))
        );
        assert_eq!(
            parse("!association set bob Croix-Rouge"),
            Err(ParseError::ExpectedUser {
                given: Some("bob".into())
            })
        );
        assert_eq!(
            parse("!association set @bob:example.org"),
            Err(ParseError::MissingArgument {
                usage: Usage::AssociationSet
            })
        );
        assert_eq!(
            parse("!associations"),
            Ok(Some(Command::Association(AssociationCommand::List)))
        );
    }

    #[test]
    fn every_topic_is_reachable_by_its_names_in_both_languages() {
        for topic in Topic::ALL {
            for language in Language::ALL {
                assert_eq!(topic_named(topic.name(language)), Some(topic));
            }
        }
    }

    #[test]
    fn invisible_characters_in_a_command_name_do_not_hide_it() {
        let expected = Ok(Some(Command::Agenda(AgendaCommand::List)));
        for body in [
            "!\u{200B}agenda",
            "\u{FEFF}!agenda",
            "!age\u{200D}nda",
            "!agenda\u{2060}",
            "\u{200E}!AGENDA liste\u{200B}",
        ] {
            assert_eq!(parse(body), expected, "{body:?}");
        }
        assert_eq!(
            parse("!agenda aj\u{200B}outer Budget"),
            Ok(Some(Command::Agenda(AgendaCommand::Add {
                text: "Budget".into(),
                urgent: false
            })))
        );
    }

    #[test]
    fn an_item_of_invisible_characters_only_is_empty() {
        for body in [
            "!agenda ajouter \u{200B}",
            "!agenda ajouter \u{200B}\u{200C} \u{2060}\u{FEFF}",
            "!agenda urgent \u{3164}",
        ] {
            assert!(
                matches!(parse(body), Err(ParseError::EmptyItemText { .. })),
                "{body:?}"
            );
        }
        // Emoji sequences keep their joiners.
        assert_eq!(
            parse("!agenda ajouter Accueil \u{1F468}\u{200D}\u{1F469}\u{200D}\u{1F467}"),
            Ok(Some(Command::Agenda(AgendaCommand::Add {
                text: "Accueil \u{1F468}\u{200D}\u{1F469}\u{200D}\u{1F467}".into(),
                urgent: false
            })))
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

    fn create(question: &str, options: &[&str], deadline: Option<&str>) -> Command {
        Command::Poll(PollCommand::Create {
            question: question.into(),
            options: options.iter().map(|option| (*option).to_owned()).collect(),
            deadline: deadline.map(str::to_owned),
        })
    }

    #[test]
    fn a_poll_takes_a_question_options_and_a_deadline_in_both_languages() {
        assert_eq!(
            parse("!sondage Signons-nous la lettre ?"),
            Ok(Some(create("Signons-nous la lettre ?", &[], None)))
        );
        assert_eq!(
            parse("!poll Which day? | Saturday | Sunday "),
            Ok(Some(create("Which day?", &["Saturday", "Sunday"], None)))
        );
        assert_eq!(
            parse("!sondage jusqu'au 12/12 18h : Signons-nous ? | Oui | Non"),
            Ok(Some(create(
                "Signons-nous ?",
                &["Oui", "Non"],
                Some("12/12 18h")
            )))
        );
        assert_eq!(
            parse("!sondage jusqu’au 12/12 18:30: Position : RSA ?"),
            Ok(Some(create("Position : RSA ?", &[], Some("12/12 18:30"))))
        );
        assert_eq!(
            parse("!poll until 12/12 6pm: Do we sign?"),
            Ok(Some(create("Do we sign?", &[], Some("12/12 6pm"))))
        );
    }

    #[test]
    fn a_wrong_poll_says_what_is_wrong() {
        assert_eq!(parse("!sondage"), Err(ParseError::PollQuestionMissing));
        assert_eq!(
            parse("!sondage Question ? | seule"),
            Err(ParseError::PollOptionCount { count: 1 })
        );
        let eleven = (1..=11)
            .map(|n| format!("o{n}"))
            .collect::<Vec<_>>()
            .join(" | ");
        assert_eq!(
            parse(&format!("!sondage Q ? | {eleven}")),
            Err(ParseError::PollOptionCount { count: 11 })
        );
        assert_eq!(
            parse("!sondage Q ? | a | | b"),
            Err(ParseError::PollOptionLength {
                number: 2,
                length: 0
            })
        );
        assert_eq!(
            parse("!sondage Q ? | Oui | oui"),
            Err(ParseError::PollOptionDuplicate {
                first: 1,
                second: 2
            })
        );
        assert_eq!(
            parse("!sondage jusqu'au 12/12 18h Question sans deux-points"),
            Err(ParseError::PollDeadlineWithoutQuestion)
        );
        assert_eq!(
            parse(&format!("!poll {}?", "x".repeat(MAX_QUESTION_LENGTH))),
            Err(ParseError::PollQuestionTooLong {
                length: MAX_QUESTION_LENGTH + 1
            })
        );
        assert_eq!(
            parse(&format!(
                "!poll Q? | {} | b",
                "x".repeat(MAX_OPTION_LENGTH + 1)
            )),
            Err(ParseError::PollOptionLength {
                number: 1,
                length: MAX_OPTION_LENGTH + 1
            })
        );
    }

    #[test]
    fn results_list_and_close_read_their_numbers_and_record() {
        assert_eq!(
            parse("!sondage résultats"),
            Ok(Some(Command::Poll(PollCommand::Results { number: None })))
        );
        assert_eq!(
            parse("!poll results 2"),
            Ok(Some(Command::Poll(PollCommand::Results {
                number: Some(2)
            })))
        );
        for body in ["!sondages", "!polls", "!sondage liste"] {
            assert_eq!(
                parse(body),
                Ok(Some(Command::Poll(PollCommand::List))),
                "{body}"
            );
        }
        assert_eq!(
            parse("!sondage clore 3 enregistrer"),
            Ok(Some(Command::Poll(PollCommand::Close {
                number: Some(3),
                record: true
            })))
        );
        assert_eq!(
            parse("!poll close record"),
            Ok(Some(Command::Poll(PollCommand::Close {
                number: None,
                record: true
            })))
        );
        assert!(matches!(
            parse("!sondage clore 3 demain"),
            Err(ParseError::UnexpectedWords {
                usage: Usage::PollClose,
                ..
            })
        ));
    }

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

    #[test]
    fn decisions_record_show_amend_revoke_list_and_search() {
        let decision = |command| Ok(Some(Command::Decision(command)));
        assert_eq!(
            parse("!décision On signe la lettre"),
            decision(DecisionCommand::Record {
                text: "On signe la lettre".into()
            })
        );
        assert_eq!(
            parse("!decision 3"),
            decision(DecisionCommand::Show { number: 3 })
        );
        assert_eq!(
            parse("!décision modifier 3 Nouveau texte"),
            decision(DecisionCommand::Amend {
                number: 3,
                text: "Nouveau texte".into()
            })
        );
        assert_eq!(
            parse("!decision revoke 2 Replaced"),
            decision(DecisionCommand::Revoke {
                number: 2,
                reason: "Replaced".into()
            })
        );
        assert_eq!(
            parse("!décision annuler 2"),
            Err(ParseError::MissingArgument {
                usage: Usage::DecisionRevoke
            })
        );
        assert_eq!(parse("!décisions"), decision(DecisionCommand::List));
        assert_eq!(
            parse("!decisions lieu d'accueil"),
            decision(DecisionCommand::Search {
                words: "lieu d'accueil".into()
            })
        );
        assert_eq!(
            parse("!décision"),
            Err(ParseError::MissingArgument {
                usage: Usage::DecisionRecord
            })
        );
        assert_eq!(
            parse(&format!(
                "!décision {}",
                "x".repeat(MAX_DECISION_LENGTH + 1)
            )),
            Err(ParseError::DecisionTooLong {
                length: MAX_DECISION_LENGTH + 1
            })
        );
    }

    #[test]
    fn actions_and_minutes_take_their_forms() {
        assert_eq!(
            parse("!action Croix-Rouge Écrire au maire avant le 15/12"),
            Ok(Some(Command::Action(ActionCommand::Create {
                text: "Croix-Rouge Écrire au maire avant le 15/12".into()
            })))
        );
        assert_eq!(
            parse("!action fait 2"),
            Ok(Some(Command::Action(ActionCommand::Done { number: 2 })))
        );
        assert_eq!(
            parse("!action done"),
            Err(ParseError::ExpectedNumber {
                usage: Usage::ActionDone,
                given: None
            })
        );
        assert_eq!(
            parse("!actions"),
            Ok(Some(Command::Action(ActionCommand::List)))
        );
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
                offsets: Some(vec!["7j".into(), "1j".into(), "2h".into()])
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
}
