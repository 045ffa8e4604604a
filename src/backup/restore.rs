//! `concerto restore`: an archive unpacked into an empty data directory — opened when
//! encrypted, entry types checked (no links, no paths out of the directory), staged then
//! moved into place.

use std::fs;
use std::io::{BufReader, Read};
use std::path::{Path, PathBuf};

use super::{AGE_MAGIC, BackupError, Opener, TAR_MAGIC, TAR_MAGIC_AT, restrict};

/// What a restore found besides the files.
#[derive(Debug, Default)]
pub struct Restored {
    pub files: Vec<PathBuf>,
    /// The archive was a plain tar file of an older version: not encrypted.
    pub unencrypted: bool,
}

/// Whether `archive` is encrypted (else a plain tar file of an older version); refuses a file
/// that is neither.
pub fn is_encrypted(archive: &Path) -> Result<bool, BackupError> {
    let mut start = Vec::with_capacity(TAR_MAGIC_AT + TAR_MAGIC.len());
    fs::File::open(archive)
        .and_then(|file| {
            file.take((TAR_MAGIC_AT + TAR_MAGIC.len()) as u64)
                .read_to_end(&mut start)
        })
        .map_err(|source| BackupError::Read {
            path: archive.to_owned(),
            source,
        })?;
    if start.starts_with(AGE_MAGIC) {
        Ok(true)
    } else if start.get(TAR_MAGIC_AT..) == Some(TAR_MAGIC) {
        Ok(false)
    } else {
        Err(BackupError::Foreign(archive.to_owned()))
    }
}

/// Unpacks `archive` into `data_dir`, which must be empty (or not exist yet); `opener` opens
/// an encrypted archive (a plain tar file of an older version needs none).
pub fn restore(
    archive: &Path,
    data_dir: &Path,
    opener: Option<&Opener>,
) -> Result<Restored, BackupError> {
    if data_dir.exists() {
        let mut entries = fs::read_dir(data_dir).map_err(|source| BackupError::Read {
            path: data_dir.to_owned(),
            source,
        })?;
        if entries.next().is_some() {
            return Err(BackupError::NotEmpty(data_dir.to_owned()));
        }
    }
    let encrypted = is_encrypted(archive)?;
    let file = fs::File::open(archive).map_err(|source| BackupError::Read {
        path: archive.to_owned(),
        source,
    })?;
    let damaged = |reason: String| BackupError::Damaged {
        path: archive.to_owned(),
        reason,
    };
    let reader: Box<dyn Read> = if encrypted {
        let opener = opener.ok_or(BackupError::NoKey)?;
        let decryptor = age::Decryptor::new_buffered(BufReader::new(file))
            .map_err(|error| damaged(error.to_string()))?;
        let scrypt;
        let identities: Vec<&dyn age::Identity> = match opener {
            Opener::Passphrase(passphrase) => {
                scrypt = age::scrypt::Identity::new(passphrase.clone());
                vec![&scrypt]
            }
            Opener::Identities(keys) => keys
                .iter()
                .map(|key| key.as_ref() as &dyn age::Identity)
                .collect(),
        };
        let opened = decryptor
            .decrypt(identities.into_iter())
            .map_err(|error| match error {
                age::DecryptError::NoMatchingKeys
                | age::DecryptError::DecryptionFailed
                | age::DecryptError::KeyDecryptionFailed => BackupError::WrongKey,
                other => damaged(other.to_string()),
            })?;
        Box::new(opened)
    } else {
        Box::new(BufReader::new(file))
    };
    // Unpacked beside the data directory, moved in once the whole archive was read.
    let parent = data_dir
        .parent()
        .filter(|dir| !dir.as_os_str().is_empty())
        .unwrap_or(Path::new("."));
    fs::create_dir_all(parent).map_err(|source| BackupError::Write {
        path: parent.to_owned(),
        source,
    })?;
    let staging = tempfile::Builder::new()
        .prefix(".concerto-restore")
        .tempdir_in(parent)
        .map_err(|source| BackupError::Write {
            path: parent.to_owned(),
            source,
        })?;
    let files = unpack(reader, staging.path(), archive)?;
    if data_dir.exists() {
        fs::remove_dir(data_dir).map_err(|source| BackupError::Write {
            path: data_dir.to_owned(),
            source,
        })?;
    }
    let staged = staging.keep();
    fs::rename(&staged, data_dir).map_err(|source| BackupError::Write {
        path: data_dir.to_owned(),
        source,
    })?;
    restrict(data_dir)?;
    Ok(Restored {
        files,
        unencrypted: !encrypted,
    })
}

/// Unpacks the tar stream into `into`: regular files only, each where a data directory has
/// it; anything else (a link, a directory entry, a path elsewhere) refuses the archive.
fn unpack(reader: impl Read, into: &Path, archive: &Path) -> Result<Vec<PathBuf>, BackupError> {
    let damaged = |source: std::io::Error| BackupError::Damaged {
        path: archive.to_owned(),
        reason: source.to_string(),
    };
    let mut unpacked = Vec::new();
    let mut tar = tar::Archive::new(reader);
    for entry in tar.entries().map_err(damaged)? {
        let mut entry = entry.map_err(damaged)?;
        let relative = entry.path().map_err(damaged)?.into_owned();
        let allowed = relative == Path::new(crate::storage::DATABASE_FILE)
            || relative == Path::new(crate::matrix::SESSION_FILE)
            || relative == Path::new(crate::matrix::RECOVERY_KEY_FILE)
            || relative == Path::new(crate::matrix::STORE_KEY_FILE)
            || (relative.starts_with(crate::matrix::STORE_DIR)
                && relative.components().count() == 2);
        if !allowed || entry.header().entry_type() != tar::EntryType::Regular {
            return Err(BackupError::UnexpectedEntry(relative.display().to_string()));
        }
        // `unpack_in` refuses paths that would leave the directory, too.
        entry.unpack_in(into).map_err(damaged)?;
        restrict(&into.join(&relative))?;
        unpacked.push(relative);
    }
    // The end of an encrypted stream is checked once it is read to its end.
    let mut rest = tar.into_inner();
    std::io::copy(&mut rest, &mut std::io::sink()).map_err(damaged)?;
    if !unpacked
        .iter()
        .any(|file| file == Path::new(crate::storage::DATABASE_FILE))
    {
        return Err(BackupError::Damaged {
            path: archive.to_owned(),
            reason: "it holds no Concerto database".into(),
        });
    }
    Ok(unpacked)
}
