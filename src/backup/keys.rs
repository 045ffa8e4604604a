//! What backups are encrypted with (`[backup]`: a passphrase file or an age public key), and
//! what opens them (`--identity`, the passphrase file, or the prompt).

use std::fs;
use std::path::Path;

use age::secrecy::SecretString;

use super::BackupError;
use crate::config::BackupSettings;

/// What a new backup is encrypted with, as `[backup]` says.
pub fn seal(settings: &BackupSettings) -> Result<Seal, BackupError> {
    if let Some(recipient) = settings
        .recipient_key()
        .map_err(|reason| BackupError::Setting {
            key: "backup.recipient",
            reason,
        })?
    {
        return Ok(Seal::Recipient(recipient));
    }
    match &settings.passphrase_file {
        Some(path) => Ok(Seal::Passphrase(read_passphrase(path)?)),
        None => Err(BackupError::NoKey),
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
