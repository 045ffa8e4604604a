//! `[retention]`: how long each kind of personal data is kept, in days (RGPD art. 5: no
//! longer than needed). The clock deletes what is past due once a day (`service/retention.rs`).

use serde::Deserialize;

use super::ConfigError;

/// The longest a retention may be set to: a century.
const MAX_DAYS: u32 = 36_500;

/// `[retention]` in the configuration; every key has a default.
#[derive(Debug, Clone, Copy, Deserialize)]
#[serde(default, deny_unknown_fields)]
pub struct RetentionSettings {
    /// A sent (or given up) e-mail's subject, bodies and attachment, after it went out.
    pub sent_email_days: u32,
    /// The bot's sent messages, and the ids of the events it handled.
    pub sent_messages_days: u32,
    /// Each person's answer to a poll, after the poll closed.
    pub poll_answers_days: u32,
    /// An encrypted message the bot could not read, and the notice that it could not.
    pub undecryptable_days: u32,
    /// The names of the people signed up for a training session, after the session.
    pub training_names_days: u32,
}

impl Default for RetentionSettings {
    fn default() -> Self {
        Self {
            sent_email_days: 30,
            sent_messages_days: 90,
            poll_answers_days: 365,
            undecryptable_days: 30,
            training_names_days: 730,
        }
    }
}

impl RetentionSettings {
    /// Every retention between a day and a century; the handled events are kept longer than
    /// a command may wait to be answered (else an old command could be answered twice).
    pub fn validate(&self, max_command_age_hours: u32) -> Result<(), ConfigError> {
        for (key, days) in [
            ("retention.sent_email_days", self.sent_email_days),
            ("retention.sent_messages_days", self.sent_messages_days),
            ("retention.poll_answers_days", self.poll_answers_days),
            ("retention.undecryptable_days", self.undecryptable_days),
            ("retention.training_names_days", self.training_names_days),
        ] {
            if !(1..=MAX_DAYS).contains(&days) {
                return Err(ConfigError::Value {
                    key,
                    reason: format!("expected a number of days from 1 to {MAX_DAYS}, found {days}"),
                });
            }
        }
        if u64::from(self.sent_messages_days) * 24 <= u64::from(max_command_age_hours) {
            return Err(ConfigError::Value {
                key: "retention.sent_messages_days",
                reason: format!(
                    "must be longer than bot.max_command_age_hours ({max_command_age_hours} h): \
                     the handled events are what keeps a command from being answered twice"
                ),
            });
        }
        Ok(())
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn the_defaults_hold_and_each_limit_is_checked() {
        let defaults = RetentionSettings::default();
        assert!(defaults.validate(24).is_ok());
        let none = RetentionSettings {
            sent_email_days: 0,
            ..defaults
        };
        assert!(none.validate(24).is_err());
        let too_long = RetentionSettings {
            poll_answers_days: MAX_DAYS + 1,
            ..defaults
        };
        assert!(too_long.validate(24).is_err());
        // Handled events must outlive the age up to which a command is answered.
        let short = RetentionSettings {
            sent_messages_days: 1,
            ..defaults
        };
        assert!(short.validate(23).is_ok());
        assert!(short.validate(24).is_err());
    }

    #[test]
    fn a_section_reads_with_defaults_for_what_it_leaves_out() {
        let read: RetentionSettings =
            serde_json::from_str(r#"{"sent_email_days": 7}"#).expect("read");
        assert_eq!(read.sent_email_days, 7);
        assert_eq!(read.sent_messages_days, 90);
        let misspelt = serde_json::from_str::<RetentionSettings>(r#"{"sent_emails_days": 7}"#);
        assert!(misspelt.is_err(), "a misspelt key is refused, not ignored");
    }
}
