//! The command grammar: a message body in, a typed [`Command`] or a typed [`ParseError`] out.
//!
//! Pure: no I/O, no clock, no Matrix, no database. The first step checks everything that
//! needs no state (forms, numbers, lengths, duplicates); whatever needs state (the room's
//! language, which meeting…) is resolved by the service. Every command has an English and a
//! French name, accepted in every room whatever its language.
//!
//! This file holds the [`Command`] enum, the one table of names ([`NAMES`]: every name,
//! alias and plural) and the dispatch ([`read`]). Each family has its own file with its
//! sub-enum, its table of forms, its parser and its tests, and knows nothing of the others
//! nor of this file; [`words`] holds what they share, `error.rs` the forms ([`Usage`]) and
//! [`ParseError`]. How a command or an error is worded is in `replies/`.

mod action;
mod advocacy;
mod agenda;
mod association;
mod attendance;
mod contact;
mod decision;
mod email;
mod error;
#[cfg(test)]
pub(crate) mod fuzz;
mod group;
mod guest;
mod help;
mod language;
mod mandate;
mod meeting;
mod minutes;
mod page;
mod poll;
mod privacy;
mod reminders;
mod rule;
mod training;
mod vote;
mod words;

pub use action::ActionCommand;
pub use advocacy::AdvocacyCommand;
pub use agenda::AgendaCommand;
pub use association::AssociationCommand;
pub use attendance::AttendanceCommand;
pub use contact::ContactCommand;
pub use decision::DecisionCommand;
pub use email::EmailCommand;
pub use error::{ParseError, Usage};
pub use group::GroupCommand;
pub use guest::GuestCommand;
pub use mandate::{MandateCommand, TypedScope};
pub use meeting::{CancelTarget, MeetingCommand};
pub use minutes::MinutesCommand;
pub use poll::PollCommand;
pub use reminders::RemindersCommand;
pub use training::TrainingCommand;

use crate::domain::Language;
pub use words::{PREFIX, addressed};
use words::{clean_word, is_blank, is_invisible, split_word, strip_reply_fallback};

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
    /// `!minutes …` (`!compte-rendu`): the minutes of the last (or given) meeting, and their
    /// approval into a procès-verbal.
    Minutes(MinutesCommand),
    /// `!remind <when> <text>` (`!rappel`), as typed: the service reads the time, which needs
    /// the present moment and the room's time zone.
    Remind { text: String },
    /// `!reminders …` (`!rappels`).
    Reminders(RemindersCommand),
    /// `!page` (`!web`): the group's private web page; `new-link` replaces its link.
    Page { new_link: bool },
    /// `!attendance …` (`!présence`): who comes to the next dated meeting.
    Attendance(AttendanceCommand),
    /// `!guest …` (`!invité`, `!invités`): the guests of a meeting.
    Guest(GuestCommand),
    /// `!email …` (`!courriel`, `!courriels`): the people who follow the group by e-mail.
    Email(EmailCommand),
    /// `!privacy` (`!confidentialité`): what the bot keeps about whom, for how long, and whom
    /// to ask.
    Privacy,
    /// `!my-data` (`!mes-données`): a copy of what the bot keeps about the member, sent to
    /// them alone.
    MyData,
    /// `!forget-me [confirm]` (`!oublie-moi [confirmer]`): erases what is about the member and
    /// not the group's record, once confirmed.
    ForgetMe { confirmed: bool },
    /// `!rule [unanimity | consent | majority <n>]` (`!règle`): the room's rule for a joint
    /// position, shown (`None`) or set (moderators).
    Rule {
        rule: Option<crate::domain::position::JointRule>,
    },
    /// `!mandate …` (`!mandat`, `!mandats`, `!proxy`, `!proxies`): an association's voice
    /// given to another for one meeting or one poll.
    Mandate(MandateCommand),
    /// `!contact …` / `!contacts [words]`: the group's address book.
    Contact(ContactCommand),
    /// `!advocacy …` (`!plaidoyer`, `!plaidoyers`): joint advocacy letters.
    Advocacy(AdvocacyCommand),
    /// `!training …` (`!formation`, `!formations`, `!trainings`): shared training sessions.
    Training(TrainingCommand),
    /// `!group …` (`!groupe`, `!groupes`, `!groups`): working groups with their own room.
    Group(GroupCommand),
}

impl Command {
    /// The family the command belongs to (for the log line of a handled command).
    pub fn topic(&self) -> Topic {
        match self {
            Command::Help { .. } => Topic::Help,
            Command::Language { .. } => Topic::Language,
            Command::Agenda(_) => Topic::Agenda,
            Command::Meeting(_) => Topic::Meeting,
            Command::Association(_) => Topic::Association,
            Command::Poll(_) => Topic::Poll,
            Command::Vote { .. } => Topic::Vote,
            Command::Decision(_) => Topic::Decision,
            Command::Action(_) => Topic::Action,
            Command::Minutes(_) => Topic::Minutes,
            Command::Remind { .. } | Command::Reminders(_) => Topic::Remind,
            Command::Page { .. } => Topic::Page,
            Command::Attendance(_) => Topic::Attendance,
            Command::Guest(_) => Topic::Guest,
            Command::Email(_) => Topic::Email,
            Command::Privacy => Topic::Privacy,
            Command::MyData => Topic::MyData,
            Command::ForgetMe { .. } => Topic::ForgetMe,
            Command::Rule { .. } => Topic::Rule,
            Command::Mandate(_) => Topic::Mandate,
            Command::Contact(_) => Topic::Contact,
            Command::Advocacy(_) => Topic::Advocacy,
            Command::Training(_) => Topic::Training,
            Command::Group(_) => Topic::Group,
        }
    }
}

/// A family of commands, as listed by `!help` and explained by `!help <topic>`. How each is
/// named and explained in a language is in `replies/help.rs`.
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
    Attendance,
    Guest,
    Email,
    Privacy,
    MyData,
    ForgetMe,
    Rule,
    Mandate,
    Contact,
    Advocacy,
    Training,
    Group,
}

impl Topic {
    /// Its name in the logs and the locale files' keys (`help-<key>-summary`…).
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
            Topic::Attendance => "attendance",
            Topic::Guest => "guest",
            Topic::Email => "email",
            Topic::Privacy => "privacy",
            Topic::MyData => "my-data",
            Topic::ForgetMe => "forget-me",
            Topic::Rule => "rule",
            Topic::Mandate => "mandate",
            Topic::Contact => "contact",
            Topic::Advocacy => "advocacy",
            Topic::Training => "training",
            Topic::Group => "group",
        }
    }
}

/// Whether a name is a family's plural: `!sondages`, `!décisions`, `!actions`, `!rappels`
/// list (or search), where the singular acts on one.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
enum Number {
    Singular,
    Plural,
}

use Number::{Plural, Singular};

/// Every name a command answers to, whatever the room's language: aliases and plurals are
/// settled here, once, and [`read`] hands the arguments to the family's parser.
const NAMES: &[(&str, Topic, Number)] = &[
    ("help", Topic::Help, Singular),
    ("aide", Topic::Help, Singular),
    ("language", Topic::Language, Singular),
    ("langue", Topic::Language, Singular),
    ("lang", Topic::Language, Singular),
    ("agenda", Topic::Agenda, Singular),
    ("odj", Topic::Agenda, Singular),
    ("meeting", Topic::Meeting, Singular),
    ("réunion", Topic::Meeting, Singular),
    ("reunion", Topic::Meeting, Singular),
    ("association", Topic::Association, Singular),
    ("associations", Topic::Association, Plural),
    ("sondage", Topic::Poll, Singular),
    ("sondages", Topic::Poll, Plural),
    ("poll", Topic::Poll, Singular),
    ("polls", Topic::Poll, Plural),
    ("voter", Topic::Vote, Singular),
    ("vote", Topic::Vote, Singular),
    ("décision", Topic::Decision, Singular),
    ("decision", Topic::Decision, Singular),
    ("décisions", Topic::Decision, Plural),
    ("decisions", Topic::Decision, Plural),
    ("action", Topic::Action, Singular),
    ("actions", Topic::Action, Plural),
    ("compte-rendu", Topic::Minutes, Singular),
    ("compterendu", Topic::Minutes, Singular),
    ("cr", Topic::Minutes, Singular),
    ("minutes", Topic::Minutes, Singular),
    ("rappel", Topic::Remind, Singular),
    ("rappels", Topic::Remind, Plural),
    ("remind", Topic::Remind, Singular),
    ("reminder", Topic::Remind, Singular),
    ("reminders", Topic::Remind, Plural),
    ("page", Topic::Page, Singular),
    ("web", Topic::Page, Singular),
    ("présence", Topic::Attendance, Singular),
    ("presence", Topic::Attendance, Singular),
    ("attendance", Topic::Attendance, Singular),
    ("invité", Topic::Guest, Singular),
    ("invitée", Topic::Guest, Singular),
    ("guest", Topic::Guest, Singular),
    ("invités", Topic::Guest, Plural),
    ("invitées", Topic::Guest, Plural),
    ("guests", Topic::Guest, Plural),
    ("courriel", Topic::Email, Singular),
    ("email", Topic::Email, Singular),
    ("e-mail", Topic::Email, Singular),
    ("courriels", Topic::Email, Plural),
    ("emails", Topic::Email, Plural),
    ("e-mails", Topic::Email, Plural),
    ("confidentialité", Topic::Privacy, Singular),
    ("confidentialite", Topic::Privacy, Singular),
    ("privacy", Topic::Privacy, Singular),
    ("mes-données", Topic::MyData, Singular),
    ("mes-donnees", Topic::MyData, Singular),
    ("my-data", Topic::MyData, Singular),
    ("oublie-moi", Topic::ForgetMe, Singular),
    ("forget-me", Topic::ForgetMe, Singular),
    ("règle", Topic::Rule, Singular),
    ("regle", Topic::Rule, Singular),
    ("rule", Topic::Rule, Singular),
    ("mandat", Topic::Mandate, Singular),
    ("mandats", Topic::Mandate, Plural),
    ("procuration", Topic::Mandate, Singular),
    ("procurations", Topic::Mandate, Plural),
    ("proxy", Topic::Mandate, Singular),
    ("proxies", Topic::Mandate, Plural),
    ("mandate", Topic::Mandate, Singular),
    ("mandates", Topic::Mandate, Plural),
    ("contact", Topic::Contact, Singular),
    ("contacts", Topic::Contact, Plural),
    ("plaidoyer", Topic::Advocacy, Singular),
    ("plaidoyers", Topic::Advocacy, Plural),
    ("advocacy", Topic::Advocacy, Singular),
    ("formation", Topic::Training, Singular),
    ("formations", Topic::Training, Plural),
    ("training", Topic::Training, Singular),
    ("trainings", Topic::Training, Plural),
    ("groupe", Topic::Group, Singular),
    ("groupes", Topic::Group, Plural),
    ("group", Topic::Group, Singular),
    ("groups", Topic::Group, Plural),
];

/// Every command name, and every form word of every family (`ajouter`, `clore`…): what the
/// service's property tests build their messages from.
#[cfg(test)]
pub(crate) fn names_and_forms() -> (Vec<&'static str>, Vec<&'static str>) {
    let names = NAMES.iter().map(|(name, _, _)| *name).collect();
    let mut forms: Vec<&'static str> = Vec::new();
    forms.extend(action::FORMS.iter().map(|(word, _)| *word));
    forms.extend(agenda::FORMS.iter().map(|(word, _)| *word));
    forms.extend(association::FORMS.iter().map(|(word, _)| *word));
    forms.extend(decision::FORMS.iter().map(|(word, _)| *word));
    forms.extend(email::FORMS.iter().map(|(word, _)| *word));
    forms.extend(guest::FORMS.iter().map(|(word, _)| *word));
    forms.extend(mandate::FORMS.iter().map(|(word, _)| *word));
    forms.extend(contact::FORMS.iter().map(|(word, _)| *word));
    forms.extend(advocacy::FORMS.iter().map(|(word, _)| *word));
    forms.extend(training::FORMS.iter().map(|(word, _)| *word));
    forms.extend(group::FORMS.iter().map(|(word, _)| *word));
    forms.extend(meeting::FORMS.iter().map(|(word, _)| *word));
    forms.extend(minutes::FORMS.iter().map(|(word, _)| *word));
    forms.extend(page::FORMS.iter().map(|(word, _)| *word));
    forms.extend(poll::FORMS.iter().map(|(word, _)| *word));
    forms.extend(privacy::FORMS.iter().map(|(word, _)| *word));
    forms.extend(reminders::FORMS.iter().map(|(word, _)| *word));
    forms.extend(rule::FORMS.iter().map(|(word, _)| *word));
    forms.retain(|word| !word.is_empty());
    (names, forms)
}

/// The dispatch: the arguments of a command of `topic` (everything after its name), read by
/// the family's own parser. The families know only their own part; the `Command` is made
/// here. (`!associations` reads as `!association`: its plural lists, as the singular alone
/// does.)
fn read(topic: Topic, number: Number, arguments: &str) -> Result<Command, ParseError> {
    Ok(match (topic, number) {
        (Topic::Help, _) => Command::Help {
            topic: match help::parse(arguments)? {
                None => None,
                Some(wanted) => Some(
                    topic_named(&wanted).ok_or(ParseError::UnknownHelpTopic { given: wanted })?,
                ),
            },
        },
        (Topic::Language, _) => Command::Language {
            choice: language::parse(arguments)?,
        },
        (Topic::Agenda, _) => Command::Agenda(agenda::parse(arguments)?),
        (Topic::Meeting, _) => Command::Meeting(meeting::parse(arguments)?),
        (Topic::Association, _) => Command::Association(association::parse(arguments)?),
        (Topic::Poll, Singular) => Command::Poll(poll::parse(arguments)?),
        (Topic::Poll, Plural) => Command::Poll(poll::parse_list(arguments)?),
        (Topic::Vote, _) => {
            let (poll, choice) = vote::parse(arguments)?;
            Command::Vote { poll, choice }
        }
        (Topic::Decision, Singular) => Command::Decision(decision::parse(arguments)?),
        (Topic::Decision, Plural) => Command::Decision(decision::parse_list(arguments)?),
        (Topic::Action, Singular) => Command::Action(action::parse(arguments)?),
        (Topic::Action, Plural) => Command::Action(action::parse_list(arguments)?),
        (Topic::Minutes, _) => Command::Minutes(minutes::parse(arguments)?),
        (Topic::Remind, Singular) => Command::Remind {
            text: reminders::parse_remind(arguments)?,
        },
        (Topic::Remind, Plural) => Command::Reminders(reminders::parse(arguments)?),
        (Topic::Page, _) => Command::Page {
            new_link: page::parse(arguments)?,
        },
        (Topic::Attendance, _) => Command::Attendance(attendance::parse(arguments)?),
        (Topic::Guest, Singular) => Command::Guest(guest::parse(arguments)?),
        (Topic::Guest, Plural) => Command::Guest(guest::parse_list(arguments)?),
        (Topic::Email, Singular) => Command::Email(email::parse(arguments)?),
        (Topic::Email, Plural) => Command::Email(email::parse_list(arguments)?),
        (Topic::Privacy, _) => {
            privacy::parse(arguments)?;
            Command::Privacy
        }
        (Topic::MyData, _) => {
            privacy::parse_my_data(arguments)?;
            Command::MyData
        }
        (Topic::ForgetMe, _) => Command::ForgetMe {
            confirmed: privacy::parse_forget_me(arguments)?,
        },
        (Topic::Rule, _) => Command::Rule {
            rule: rule::parse(arguments)?,
        },
        (Topic::Mandate, Singular) => Command::Mandate(mandate::parse(arguments)?),
        (Topic::Mandate, Plural) => Command::Mandate(mandate::parse_list(arguments)?),
        (Topic::Contact, Singular) => Command::Contact(contact::parse(arguments)?),
        (Topic::Contact, Plural) => Command::Contact(contact::parse_list(arguments)?),
        (Topic::Advocacy, Singular) => Command::Advocacy(advocacy::parse(arguments)?),
        (Topic::Advocacy, Plural) => Command::Advocacy(advocacy::parse_list(arguments)?),
        (Topic::Training, Singular) => Command::Training(training::parse(arguments)?),
        (Topic::Training, Plural) => Command::Training(training::parse_list(arguments)?),
        (Topic::Group, Singular) => Command::Group(group::parse(arguments)?),
        (Topic::Group, Plural) => Command::Group(group::parse_list(arguments)?),
    })
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
    match NAMES.iter().find(|(known, _, _)| *known == name) {
        Some((_, topic, number)) => read(*topic, *number, arguments).map(Some),
        None => Err(ParseError::UnknownCommand {
            suggestion: closest_name(&name),
            name,
        }),
    }
}

/// The family a command name (or alias, or plural) belongs to.
pub fn topic_named(name: &str) -> Option<Topic> {
    NAMES
        .iter()
        .find(|(known, _, _)| *known == name)
        .map(|(_, topic, _)| *topic)
}

/// The known name nearest to a mistyped one, if it is at most two edits away.
fn closest_name(name: &str) -> Option<&'static str> {
    NAMES
        .iter()
        .map(|(known, _, _)| (strsim::damerau_levenshtein(name, known), *known))
        .filter(|(distance, _)| *distance <= 2)
        .min_by_key(|(distance, _)| *distance)
        .map(|(_, known)| known)
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
    fn a_quoted_reply_fallback_is_skipped() {
        let body = "> <@alice:example.org> quelle heure ?\n> deuxième ligne\n\n!aide";
        assert_eq!(parse(body), Ok(Some(Command::Help { topic: None })));
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
    fn every_name_leads_to_a_command_of_its_own_family() {
        for (name, topic, _) in NAMES {
            let topic_of = |body: String| match parse(&body) {
                Ok(Some(command)) => Some(command.topic()),
                _ => None,
            };
            // Each family has a form that parses with one more word or none.
            let parsed = topic_of(format!("!{name}"))
                .or_else(|| topic_of(format!("!{name} 1")))
                .or_else(|| topic_of(format!("!{name} demain 9h x")));
            assert_eq!(parsed, Some(*topic), "!{name}");
        }
    }
}
