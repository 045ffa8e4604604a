//! What backups are encrypted with (`[backup]`: a passphrase file or an age public key), and
//! what opens them (`--identity`, the passphrase file, or the prompt).

use std::fs;
use std::path::{Path, PathBuf};

use age::secrecy::SecretString;
use serde::Deserialize;

use super::BackupError;

/// `[backup]` in the configuration: what the archives are encrypted with.
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
    pub fn validate(&self) -> Result<(), BackupError> {
        match (&self.passphrase_file, &self.recipient) {
            (Some(_), Some(_)) => Err(BackupError::Setting {
                key: "backup",
                reason: "set passphrase_file or recipient, not both".into(),
            }),
            (None, Some(recipient)) => parse_recipient(recipient).map(|_| ()),
            _ => Ok(()),
        }
    }

    /// What a new backup is encrypted with.
    pub fn sealing(&self) -> Result<Seal, BackupError> {
        if let Some(recipient) = &self.recipient {
            return Ok(Seal::Recipient(parse_recipient(recipient)?));
        }
        match &self.passphrase_file {
            Some(path) => Ok(Seal::Passphrase(read_passphrase(path)?)),
            None => Err(BackupError::NoKey),
        }
    }
}

/// An age public key: a post-quantum one (`age1pq1…`, age 1.3 and later), or a classic X25519
/// one (`age1…`, what the age-keygen of Debian 12 and 13 prints).
fn parse_recipient(text: &str) -> Result<Box<dyn age::Recipient + Send + Sync>, BackupError> {
    let text = text.trim();
    if let Ok(recipient) = text.parse::<age::pq::Recipient>() {
        return Ok(Box::new(recipient));
    }
    // Classic keys are deprecated for new recipients; the operator's existing key is kept.
    #[allow(deprecated)]
    let classic = text.parse::<age::x25519::Recipient>();
    match classic {
        Ok(recipient) => Ok(Box::new(recipient)),
        Err(_) => Err(BackupError::Setting {
            key: "backup.recipient",
            reason: "expected an age public key (age1…, as age-keygen prints it)".into(),
        }),
    }
}

/// What a backup is encrypted with.
pub enum Seal {
    Passphrase(SecretString),
    Recipient(Box<dyn age::Recipient + Send + Sync>),
}

/// What opens a backup.
pub enum Opener {
    Passphrase(SecretString),
    /// The secret keys of an age identity file.
    Identities(Vec<Box<dyn age::Identity + Send + Sync>>),
}

impl Opener {
    /// The secret keys in an age identity file (`age-keygen -o key.txt`).
    pub fn identity_file(path: &Path) -> Result<Self, BackupError> {
        let read = |reason: String| BackupError::Setting {
            key: "--identity",
            reason: format!("{}: {reason}", path.display()),
        };
        let file = age::IdentityFile::from_file(path.to_string_lossy().into_owned())
            .map_err(|error| read(error.to_string()))?;
        let identities = file
            .into_identities()
            .map_err(|error| read(error.to_string()))?;
        Ok(Opener::Identities(identities))
    }

    /// The passphrase in the first line of `path`.
    pub fn passphrase_file(path: &Path) -> Result<Self, BackupError> {
        Ok(Opener::Passphrase(read_passphrase(path)?))
    }
}

/// The first line of `path`, as a passphrase; an empty one is refused.
fn read_passphrase(path: &Path) -> Result<SecretString, BackupError> {
    let text = fs::read_to_string(path).map_err(|source| BackupError::Read {
        path: path.to_owned(),
        source,
    })?;
    let line = text.lines().next().unwrap_or_default().trim();
    if line.is_empty() {
        return Err(BackupError::Setting {
            key: "backup.passphrase_file",
            reason: format!("{} holds no passphrase on its first line", path.display()),
        });
    }
    Ok(SecretString::from(line.to_owned()))
}
