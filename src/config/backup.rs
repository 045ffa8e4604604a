//! `[backup]`: what `concerto backup` encrypts its archives with.

use std::path::PathBuf;

use serde::Deserialize;

use super::ConfigError;

/// `[backup]` in the configuration: a passphrase file, or an age public key.
#[derive(Debug, Clone, Default, Deserialize)]
#[serde(deny_unknown_fields)]
pub struct BackupSettings {
    /// A file whose first line is the passphrase (kept off the backup host).
    #[serde(default)]
    pub passphrase_file: Option<PathBuf>,
    /// An age public key (`age1…`): archives are encrypted to it, and only its secret key
    /// (`concerto restore --identity <file>`) reads them back.
    #[serde(default)]
    pub recipient: Option<String>,
}

impl BackupSettings {
    /// Checks the settings without reading any file: one way, well formed.
    pub fn validate(&self) -> Result<(), ConfigError> {
        if self.passphrase_file.is_some() && self.recipient.is_some() {
            return Err(ConfigError::Value {
                key: "backup",
                reason: "set passphrase_file or recipient, not both".into(),
            });
        }
        self.recipient_key()
            .map(|_| ())
            .map_err(|reason| ConfigError::Value {
                key: "backup.recipient",
                reason,
            })
    }

    /// The age public key, if one is set: a post-quantum one (`age1pq1…`, age 1.3 and later),
    /// or a classic X25519 one (`age1…`, what the age-keygen of Debian 12 and 13 prints).
    pub fn recipient_key(&self) -> Result<Option<Box<dyn age::Recipient + Send + Sync>>, String> {
        let Some(text) = &self.recipient else {
            return Ok(None);
        };
        let text = text.trim();
        if let Ok(recipient) = text.parse::<age::pq::Recipient>() {
            return Ok(Some(Box::new(recipient)));
        }
        // Classic keys are deprecated for new recipients; the operator's existing key is kept.
        #[allow(deprecated)]
        let classic = text.parse::<age::x25519::Recipient>();
        match classic {
            Ok(recipient) => Ok(Some(Box::new(recipient))),
            Err(_) => Err("expected an age public key (age1…, as age-keygen prints it)".into()),
        }
    }
}
