//! `[privacy]`: who answers for the processing (RGPD art. 13 and 26) and whom a person asks
//! to exercise their rights. What the bot tells people about their data comes from here and
//! from the retention settings, never from a text that could lie.

use serde::Deserialize;

use super::ConfigError;

/// The longest a controller's name or the contact may be.
const MAX_LENGTH: usize = 300;

/// `[privacy]` in the configuration; both keys may be left out.
#[derive(Debug, Clone, Default, Deserialize)]
#[serde(default, deny_unknown_fields)]
pub struct PrivacySettings {
    /// The joint controllers as their registers name them ("Secours populaire français,
    /// fédération de Seine-et-Marne", …). Left out: the associations of each room.
    pub controllers: Vec<String>,
    /// Whom a person asks to see, correct or erase their data (an address, a name and a
    /// phone…). Left out: the notices say no contact was given and point to the commands.
    pub contact: Option<String>,
}

impl PrivacySettings {
    /// Every name and the contact: not blank, at most [`MAX_LENGTH`] characters, one line.
    pub fn validate(&self) -> Result<(), ConfigError> {
        let check = |key: &'static str, value: &str| {
            let length = value.chars().count();
            if value.trim().is_empty() || length > MAX_LENGTH || value.contains(['\n', '\r']) {
                Err(ConfigError::Value {
                    key,
                    reason: format!(
                        "expected one line of 1 to {MAX_LENGTH} characters, found {length} \
                         characters"
                    ),
                })
            } else {
                Ok(())
            }
        };
        for controller in &self.controllers {
            check("privacy.controllers", controller)?;
        }
        if let Some(contact) = &self.contact {
            check("privacy.contact", contact)?;
        }
        Ok(())
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn names_and_the_contact_are_one_line_each() {
        let good = PrivacySettings {
            controllers: vec!["Secours populaire 77".into()],
            contact: Some("dpo@exemple.org".into()),
        };
        assert!(good.validate().is_ok());
        assert!(PrivacySettings::default().validate().is_ok());
        for bad in [
            PrivacySettings {
                controllers: vec!["  ".into()],
                ..good.clone()
            },
            PrivacySettings {
                contact: Some("a\nb".into()),
                ..good.clone()
            },
            PrivacySettings {
                contact: Some("x".repeat(MAX_LENGTH + 1)),
                ..good.clone()
            },
        ] {
            assert!(bad.validate().is_err(), "{bad:?}");
        }
    }
}
