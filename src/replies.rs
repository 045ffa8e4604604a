//! What the bot says: command results and parse errors turned into Markdown, in the room's
//! language. Pure functions over [`Texts`]; the service decides when to say it.

use crate::command::{ParseError, Topic};
use crate::domain::Language;
use crate::i18n::{Texts, escape_markdown};

/// `!help`: one line per command, then how to get the details.
pub fn help_overview(texts: &Texts, language: Language) -> String {
    let mut text = texts.get(language, "help-title");
    text.push_str("\n\n");
    for topic in Topic::ALL {
        text.push_str("- ");
        text.push_str(&texts.get(language, &format!("help-{}-summary", topic.key())));
        text.push('\n');
    }
    text.push('\n');
    text.push_str(&texts.get(language, "help-footer"));
    text
}

/// `!help <topic>`: what the command does, and an example to copy.
pub fn help_topic(texts: &Texts, language: Language, topic: Topic) -> String {
    format!(
        "**!{name}**\n\n{details}\n\n{example_label} `{example}`",
        name = topic.name(language),
        details = texts.get(language, &format!("help-{}-details", topic.key())),
        example_label = texts.get(language, "help-example"),
        example = example(texts, language, topic),
    )
}

/// An example of the command, ready to copy (`!langue en`).
pub fn example(texts: &Texts, language: Language, topic: Topic) -> String {
    texts.get(language, &format!("help-{}-example", topic.key()))
}

/// A friendly explanation of what was wrong, with the right form.
pub fn parse_error(texts: &Texts, language: Language, error: &ParseError) -> String {
    match error {
        ParseError::UnknownCommand {
            name,
            suggestion: None,
        } => texts.format(
            language,
            "error-unknown-command",
            &[("name", escape_markdown(name).into())],
        ),
        ParseError::UnknownCommand {
            name,
            suggestion: Some(suggestion),
        } => texts.format(
            language,
            "error-unknown-command-suggestion",
            &[
                ("name", escape_markdown(name).into()),
                ("suggestion", (*suggestion).into()),
            ],
        ),
        ParseError::UnknownHelpTopic { given } => texts.format(
            language,
            "error-unknown-help-topic",
            &[("given", escape_markdown(given).into())],
        ),
        ParseError::UnknownLanguage { given } => texts.format(
            language,
            "error-unknown-language",
            &[("given", escape_markdown(given).into())],
        ),
        ParseError::UnexpectedWords { topic, extra } => texts.format(
            language,
            "error-unexpected-words",
            &[
                ("extra", escape_markdown(extra).into()),
                ("example", example(texts, language, *topic).into()),
            ],
        ),
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    fn texts() -> Texts {
        Texts::new().expect("locales")
    }

    #[test]
    fn the_overview_lists_every_command_by_its_name_in_the_room_language() {
        let texts = texts();
        let french = help_overview(&texts, Language::Fr);
        assert!(
            french.contains("`!aide`") && french.contains("`!langue`"),
            "{french}"
        );
        let english = help_overview(&texts, Language::En);
        assert!(
            english.contains("`!help`") && english.contains("`!language`"),
            "{english}"
        );
    }

    #[test]
    fn every_topic_has_details_and_an_example_in_both_languages() {
        let texts = texts();
        for language in Language::ALL {
            for topic in Topic::ALL {
                let text = help_topic(&texts, language, topic);
                assert!(!text.contains("help-"), "missing text in {text}");
                let example = example(&texts, language, topic);
                assert!(
                    example.starts_with(&format!("!{}", topic.name(language))),
                    "{example}"
                );
                // The example must itself be a valid command.
                assert!(
                    matches!(crate::command::parse(&example), Ok(Some(_))),
                    "{example}"
                );
            }
        }
    }

    #[test]
    fn an_unknown_command_reply_names_it_and_suggests_the_nearest() {
        let texts = texts();
        let error = ParseError::UnknownCommand {
            name: "aied".into(),
            suggestion: Some("aide"),
        };
        let text = parse_error(&texts, Language::Fr, &error);
        assert!(
            text.contains("`!aied`") && text.contains("`!aide`"),
            "{text}"
        );
    }

    #[test]
    fn a_wrong_language_reply_shows_an_example() {
        let texts = texts();
        let error = ParseError::UnknownLanguage {
            given: "<klingon>".into(),
        };
        let text = parse_error(&texts, Language::En, &error);
        assert!(text.contains("\\<klingon\\>"), "{text}");
        assert!(text.contains("`!language en`"), "{text}");
    }
}
