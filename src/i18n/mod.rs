//! Every sentence the room sees, in French and English, from the Fluent files in `locales/`.
//!
//! The files are compiled into the binary, so a missing file cannot break a running bot; a
//! missing message shows its id (and is logged) instead of panicking. A unit test checks that
//! both languages define the same messages.

use fluent_bundle::concurrent::FluentBundle;
use fluent_bundle::{FluentArgs, FluentResource, FluentValue};
use unic_langid::{LanguageIdentifier, langid};

use crate::domain::Language;

const FRENCH: &str = include_str!("../../locales/fr/concerto.ftl");
const ENGLISH: &str = include_str!("../../locales/en/concerto.ftl");

/// The translated texts of both languages.
pub struct Texts {
    french: FluentBundle<FluentResource>,
    english: FluentBundle<FluentResource>,
}

#[derive(Debug, thiserror::Error)]
#[error("the {language} locale file is invalid: {reason}")]
pub struct I18nError {
    language: Language,
    reason: String,
}

impl Texts {
    pub fn new() -> Result<Self, I18nError> {
        Ok(Self {
            french: bundle(Language::Fr, langid!("fr"), FRENCH)?,
            english: bundle(Language::En, langid!("en"), ENGLISH)?,
        })
    }

    /// The message `id` in `language`, without arguments.
    pub fn get(&self, language: Language, id: &str) -> String {
        self.format(language, id, &[])
    }

    /// The message `id` in `language`, with named arguments (`{ $name }` in the file).
    pub fn format(&self, language: Language, id: &str, args: &[(&str, FluentValue<'_>)]) -> String {
        let bundle = match language {
            Language::Fr => &self.french,
            Language::En => &self.english,
        };
        let Some(pattern) = bundle.get_message(id).and_then(|message| message.value()) else {
            tracing::error!(id, %language, "missing translation");
            return id.to_owned();
        };
        let mut fluent_args = FluentArgs::new();
        for (name, value) in args {
            fluent_args.set(*name, value.clone());
        }
        let mut errors = Vec::new();
        let text = bundle.format_pattern(pattern, Some(&fluent_args), &mut errors);
        if !errors.is_empty() {
            tracing::error!(id, %language, ?errors, "translation could not be formatted");
        }
        text.into_owned()
    }
}

fn bundle(
    language: Language,
    id: LanguageIdentifier,
    source: &str,
) -> Result<FluentBundle<FluentResource>, I18nError> {
    let invalid = |reason: String| I18nError { language, reason };
    let resource = FluentResource::try_new(source.to_owned())
        .map_err(|(_, errors)| invalid(format!("{errors:?}")))?;
    let mut bundle = FluentBundle::new_concurrent(vec![id]);
    // Without this, every value is wrapped in invisible U+2068/U+2069 marks in the chat text.
    bundle.set_use_isolating(false);
    bundle
        .add_resource(resource)
        .map_err(|errors| invalid(format!("{errors:?}")))?;
    Ok(bundle)
}

/// Makes user-typed text safe to put inside a Markdown reply: it shows as typed, never as
/// formatting or HTML.
pub fn escape_markdown(text: &str) -> String {
    let mut escaped = String::with_capacity(text.len());
    for c in text.chars() {
        if matches!(
            c,
            '\\' | '`'
                | '*'
                | '_'
                | '['
                | ']'
                | '('
                | ')'
                | '<'
                | '>'
                | '#'
                | '!'
                | '|'
                | '~'
                | '&'
                // A bot's own placeholder (`messages::group_link`) a member cannot forge.
                | '⟦'
        ) {
            escaped.push('\\');
        }
        escaped.push(c);
    }
    escaped
}

#[cfg(test)]
mod tests {
    use super::*;
    use std::collections::BTreeSet;

    fn message_ids(source: &str) -> BTreeSet<String> {
        source
            .lines()
            .filter_map(|line| line.split_once(" ="))
            .map(|(id, _)| id)
            .filter(|id| id.chars().all(|c| c.is_ascii_lowercase() || c == '-'))
            .filter(|id| !id.is_empty())
            .map(str::to_owned)
            .collect()
    }

    #[test]
    fn both_locale_files_parse() {
        assert!(Texts::new().is_ok());
    }

    #[test]
    fn french_and_english_define_the_same_messages() {
        let french = message_ids(FRENCH);
        let english = message_ids(ENGLISH);
        assert!(french.len() > 5, "{french:?}");
        assert_eq!(
            french.symmetric_difference(&english).collect::<Vec<_>>(),
            Vec::<&String>::new()
        );
    }

    #[test]
    fn arguments_are_inserted_without_invisible_isolation_marks() {
        let texts = Texts::new().expect("locales");
        let text = texts.format(
            Language::Fr,
            "error-unknown-command",
            &[("name", "bonjour".into())],
        );
        assert!(text.contains("`!bonjour`"), "{text}");
        assert!(
            !text.contains('\u{2068}') && !text.contains('\u{2069}'),
            "{text:?}"
        );
    }

    #[test]
    fn a_missing_message_shows_its_id_instead_of_panicking() {
        let texts = Texts::new().expect("locales");
        assert_eq!(
            texts.get(Language::En, "no-such-message"),
            "no-such-message"
        );
    }

    #[test]
    fn markdown_and_html_in_user_text_are_escaped() {
        assert_eq!(escape_markdown("<b>*x*</b>"), "\\<b\\>\\*x\\*\\</b\\>");
    }
}
