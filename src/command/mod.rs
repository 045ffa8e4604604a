//! The command grammar: a message body in, a typed [`Command`] or a typed [`ParseError`] out.
//!
//! Pure: no I/O, no clock, no Matrix, no database. The first step only checks what the user
//! typed; whatever needs state (the room's language, which meeting…) is resolved by the service.
//! Every command has an English and a French name, accepted in every room whatever its language.

use crate::domain::Language;

/// What the prefix is: `!aide`, `!help`…
pub const PREFIX: char = '!';

/// A command the bot understood.
#[derive(Debug, Clone, PartialEq, Eq)]
pub enum Command {
    /// `!help [topic]`: the list of commands, or one command explained with an example.
    Help { topic: Option<Topic> },
    /// `!language [fr|en]`: show the room's language, or change it.
    Language { choice: Option<Language> },
}

/// A family of commands, as listed by `!help` and explained by `!help <topic>`.
#[derive(Debug, Clone, Copy, PartialEq, Eq, Hash)]
pub enum Topic {
    Help,
    Language,
}

impl Topic {
    /// In the order `!help` lists them.
    pub const ALL: [Topic; 2] = [Topic::Help, Topic::Language];

    /// The command's name in a language, as the help shows it (`aide`, `help`…).
    pub fn name(self, language: Language) -> &'static str {
        match (self, language) {
            (Topic::Help, Language::Fr) => "aide",
            (Topic::Help, Language::En) => "help",
            (Topic::Language, Language::Fr) => "langue",
            (Topic::Language, Language::En) => "language",
        }
    }

    /// The key of this topic's texts in the locale files (`help-<key>-summary`…).
    pub fn key(self) -> &'static str {
        match self {
            Topic::Help => "help",
            Topic::Language => "language",
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
];

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
    UnexpectedWords { topic: Topic, extra: String },
}

/// Parses a message body.
///
/// `Ok(None)`: the message is not addressed to the bot (no `!` followed by a word). Anything
/// that looks like a command either parses or is an error the room should see.
pub fn parse(body: &str) -> Result<Option<Command>, ParseError> {
    let text = strip_reply_fallback(body).trim_start();
    let Some(rest) = text.strip_prefix(PREFIX) else {
        return Ok(None);
    };
    // `! aide` is not a command: the name follows the prefix directly.
    if rest.starts_with(char::is_whitespace) {
        return Ok(None);
    }
    let mut words = rest.split_whitespace();
    let Some(name) = words.next() else {
        return Ok(None);
    };
    // `!!!`, `!5` or a pasted room id (`!abc:server`) are not commands.
    if !name.chars().all(char::is_alphabetic) {
        return Ok(None);
    }
    let name = name.to_lowercase();
    let Some(topic) = topic_named(&name) else {
        return Err(ParseError::UnknownCommand {
            suggestion: closest_name(&name),
            name,
        });
    };
    let args: Vec<&str> = words.collect();
    let command = match topic {
        Topic::Help => parse_help(&args)?,
        Topic::Language => parse_language(&args)?,
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
            topic: Topic::Help,
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
            topic: Topic::Language,
            extra: extra.join(" "),
        }),
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
                topic: Topic::Language,
                extra: "fr".into()
            })
        );
    }

    #[test]
    fn a_quoted_reply_fallback_is_skipped() {
        let body = "> <@alice:example.org> quelle heure ?\n> deuxième ligne\n\n!aide";
        assert_eq!(parse(body), Ok(Some(Command::Help { topic: None })));
    }

    #[test]
    fn every_topic_is_reachable_by_its_names_in_both_languages() {
        for topic in Topic::ALL {
            for language in Language::ALL {
                assert_eq!(topic_named(topic.name(language)), Some(topic));
            }
        }
    }
}
