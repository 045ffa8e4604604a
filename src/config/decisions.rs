//! `[decisions]`: how the associations decide together ([`crate::domain::mandate`]).

use serde::Deserialize;

use super::ConfigError;
use crate::domain::mandate::DEFAULT_MAX_PER_HOLDER;

/// The most mandates a holder may be allowed to carry at a time: more would let one
/// association speak for all the others.
const MAX_MANDATES: usize = 10;

/// `[decisions]` in the configuration; every key has a default.
#[derive(Debug, Clone, Copy, Deserialize)]
#[serde(default, deny_unknown_fields)]
pub struct DecisionSettings {
    /// How many mandates one association or member may carry at a time.
    pub max_mandates_per_holder: usize,
}

impl Default for DecisionSettings {
    fn default() -> Self {
        Self {
            max_mandates_per_holder: DEFAULT_MAX_PER_HOLDER,
        }
    }
}

impl DecisionSettings {
    /// From 1 to [`MAX_MANDATES`].
    pub fn validate(&self) -> Result<(), ConfigError> {
        if !(1..=MAX_MANDATES).contains(&self.max_mandates_per_holder) {
            return Err(ConfigError::Value {
                key: "decisions.max_mandates_per_holder",
                reason: format!(
                    "expected a number from 1 to {MAX_MANDATES}, found {}",
                    self.max_mandates_per_holder
                ),
            });
        }
        Ok(())
    }
}
