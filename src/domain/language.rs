//! The languages Concerto speaks in a room.

use std::fmt;
use std::str::FromStr;

use serde::{Deserialize, Serialize};

#[derive(Debug, Clone, Copy, PartialEq, Eq, Hash, Default, Deserialize, Serialize)]
#[serde(try_from = "String", into = "&'static str")]
pub enum Language {
    #[default]
    Fr,
    En,
}

impl Language {
    pub const ALL: [Language; 2] = [Language::Fr, Language::En];

    /// The short code stored in the database and typed in `!langue en`.
    pub fn code(self) -> &'static str {
        match self {
            Language::Fr => "fr",
            Language::En => "en",
        }
    }
}

impl From<Language> for &'static str {
    fn from(language: Language) -> Self {
        language.code()
    }
}

impl fmt::Display for Language {
    fn fmt(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
        f.write_str(self.code())
    }
}

#[derive(Debug, Clone, PartialEq, Eq, thiserror::Error)]
#[error("unknown language {0:?}: expected \"fr\" or \"en\"")]
pub struct UnknownLanguage(pub String);

impl FromStr for Language {
    type Err = UnknownLanguage;

    /// Accepts the codes and the names people actually type, in either language.
    fn from_str(text: &str) -> Result<Self, Self::Err> {
        match text.trim().to_lowercase().as_str() {
            "fr" | "francais" | "français" | "french" => Ok(Language::Fr),
            "en" | "anglais" | "english" => Ok(Language::En),
            _ => Err(UnknownLanguage(text.trim().to_owned())),
        }
    }
}

impl TryFrom<String> for Language {
    type Error = UnknownLanguage;

    fn try_from(text: String) -> Result<Self, Self::Error> {
        text.parse()
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn codes_and_names_in_both_languages_are_understood() {
        assert_eq!("fr".parse(), Ok(Language::Fr));
        assert_eq!("Français".parse(), Ok(Language::Fr));
        assert_eq!("EN".parse(), Ok(Language::En));
        assert_eq!("anglais".parse(), Ok(Language::En));
        assert_eq!(
            "klingon".parse::<Language>(),
            Err(UnknownLanguage("klingon".into()))
        );
    }

    #[test]
    fn every_language_reads_back_from_its_code() {
        for language in Language::ALL {
            assert_eq!(language.code().parse(), Ok(language));
        }
    }
}
