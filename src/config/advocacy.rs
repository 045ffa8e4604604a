//! `[advocacy]`: joint letters ([`crate::domain::letter`]).

use serde::Deserialize;

use super::ConfigError;
use crate::domain::guest::looks_like_email;
use crate::domain::letter::DEFAULT_FOLLOW_UP_DAYS;

/// The longest a letter may wait for an answer before the room is reminded: a year.
const MAX_DAYS: u32 = 365;

/// `[advocacy]` in the configuration; every key has a default.
#[derive(Debug, Clone, Default, Deserialize)]
#[serde(default, deny_unknown_fields)]
pub struct AdvocacySettings {
    /// Days after a letter was sent without an answer when the room is reminded, once.
    pub follow_up_days: Option<u32>,
    /// Where institutions answer a letter (`Reply-To`): the group's contact. Left out, the
    /// `[privacy] contact` when it is an address.
    pub reply_to: Option<String>,
    /// Where the group writes from, before the date of a signed letter ("Melun").
    pub place: Option<String>,
}

impl AdvocacySettings {
    pub fn follow_up_days(&self) -> u32 {
        self.follow_up_days.unwrap_or(DEFAULT_FOLLOW_UP_DAYS)
    }

    /// A day to a year; `reply_to` an address.
    pub fn validate(&self) -> Result<(), ConfigError> {
        if !(1..=MAX_DAYS).contains(&self.follow_up_days()) {
            return Err(ConfigError::Value {
                key: "advocacy.follow_up_days",
                reason: format!(
                    "expected a number of days from 1 to {MAX_DAYS}, found {}",
                    self.follow_up_days()
                ),
            });
        }
        if let Some(address) = &self.reply_to
            && !looks_like_email(address)
        {
            return Err(ConfigError::Value {
                key: "advocacy.reply_to",
                reason: "expected an e-mail address".to_owned(),
            });
        }
        Ok(())
    }
}
