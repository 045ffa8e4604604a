//! `[contacts]`: the group's address book ([`crate::domain::contact`]).

use serde::Deserialize;

use super::ConfigError;
use crate::domain::contact::DEFAULT_CONFIRM_AFTER_DAYS;

/// The longest a contact may go unconfirmed before it is "to check": ten years.
const MAX_DAYS: u32 = 3_650;

/// `[contacts]` in the configuration; every key has a default.
#[derive(Debug, Clone, Copy, Deserialize)]
#[serde(default, deny_unknown_fields)]
pub struct ContactSettings {
    /// Days after which a contact nobody confirmed is marked "à vérifier".
    pub confirm_after_days: u32,
}

impl Default for ContactSettings {
    fn default() -> Self {
        Self {
            confirm_after_days: DEFAULT_CONFIRM_AFTER_DAYS,
        }
    }
}

impl ContactSettings {
    /// From a day to ten years.
    pub fn validate(&self) -> Result<(), ConfigError> {
        if !(1..=MAX_DAYS).contains(&self.confirm_after_days) {
            return Err(ConfigError::Value {
                key: "contacts.confirm_after_days",
                reason: format!(
                    "expected a number of days from 1 to {MAX_DAYS}, found {}",
                    self.confirm_after_days
                ),
            });
        }
        Ok(())
    }
}
