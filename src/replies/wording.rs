//! [`Wording`]: what every reply is worded through.

use chrono_tz::Tz;
use fluent_bundle::FluentValue;

use crate::domain::Language;
use crate::i18n::Texts;

/// How the room reads the bot: the texts, the room's language, the group's time zone. Every
/// reply is worded through one.
#[derive(Clone, Copy)]
pub struct Wording<'a> {
    pub texts: &'a Texts,
    pub language: Language,
    pub time_zone: Tz,
}

impl<'a> Wording<'a> {
    pub fn new(texts: &'a Texts, language: Language, time_zone: Tz) -> Self {
        Self {
            texts,
            language,
            time_zone,
        }
    }

    /// A text without arguments.
    pub fn get(&self, id: &str) -> String {
        self.texts.get(self.language, id)
    }

    /// A text with its arguments.
    pub fn format(&self, id: &str, args: &[(&str, FluentValue<'_>)]) -> String {
        self.texts.format(self.language, id, args)
    }
}
