//! Backups: everything that makes this bot this bot, in one file, taken while it runs.
//!
//! The archive (a tar file) holds a consistent copy of every SQLite database of the data
//! directory — Concerto's own (agenda, meetings, votes, polls, decisions, reminders, sync
//! position) and the Matrix store's (the device's encryption keys, still encrypted with the
//! store passphrase, which stays in the configuration and is not in the archive) — each made
//! with SQLite's `VACUUM INTO` from a read-only connection, so a running bot is never stopped
//! nor seen half-way through a write; the session (`session.json`), so that the restored bot
//! comes back as the same device; and the recovery key of the bot's key backup, when there is
//! one. Restoring unpacks it into an empty data directory.

use std::fs;
use std::path::{Path, PathBuf};

use sqlx::ConnectOptions;
use sqlx::sqlite::SqliteConnectOptions;

#[derive(Debug, thiserror::Error)]
pub enum BackupError {
    #[error("cannot read {path}: {source}")]
    Read {
        path: PathBuf,
        source: std::io::Error,
    },
    #[error("cannot write {path}: {source}")]
    Write {
        path: PathBuf,
        source: std::io::Error,
    },
    #[error("cannot copy the database {path}: {source}")]
    Database { path: PathBuf, source: sqlx::Error },
    #[error("{0} holds no bot to back up (no concerto.sqlite3)")]
    NothingToBackUp(PathBuf),
    #[error("{0} is not empty: restore into a new data directory")]
    NotEmpty(PathBuf),
    #[error("the archive holds {0}, which has no place in a data directory")]
    UnexpectedEntry(String),
}

/// The files of a data directory that a backup carries, relative to it: the SQLite databases
/// (copied through SQLite) and the session (copied as it is).
fn databases(data_dir: &Path) -> Result<Vec<PathBuf>, BackupError> {
    let mut found = vec![PathBuf::from(crate::storage::DATABASE_FILE)];
    let store = data_dir.join(crate::matrix::STORE_DIR);
    if store.is_dir() {
        let entries = fs::read_dir(&store).map_err(|source| BackupError::Read {
            path: store.clone(),
            source,
        })?;
        for entry in entries.flatten() {
            let name = entry.file_name();
            if name.to_string_lossy().ends_with(".sqlite3") {
                found.push(Path::new(crate::matrix::STORE_DIR).join(name));
            }
        }
    }
    found.sort();
    Ok(found)
}

/// Writes a backup of `data_dir` to `archive`; returns the files it holds.
pub async fn back_up(data_dir: &Path, archive: &Path) -> Result<Vec<PathBuf>, BackupError> {
    if !data_dir.join(crate::storage::DATABASE_FILE).is_file() {
        return Err(BackupError::NothingToBackUp(data_dir.to_owned()));
    }
    let staging = tempfile::Builder::new()
        .prefix(".concerto-backup")
        .tempdir_in(
            archive
                .parent()
                .filter(|dir| !dir.as_os_str().is_empty())
                .unwrap_or(Path::new(".")),
        )
        .map_err(|source| BackupError::Write {
            path: archive.to_owned(),
            source,
        })?;
    let mut carried = Vec::new();
    for relative in databases(data_dir)? {
        let source = data_dir.join(&relative);
        let copy = staging.path().join(&relative);
        if let Some(parent) = copy.parent() {
            fs::create_dir_all(parent).map_err(|error| BackupError::Write {
                path: parent.to_owned(),
                source: error,
            })?;
        }
        vacuum_into(&source, &copy).await?;
        carried.push(relative);
    }
    // The session, the salt of the Matrix store's key, and the recovery key of the key
    // backup when the bot made one.
    for kept in [
        crate::matrix::SESSION_FILE,
        crate::matrix::STORE_KEY_FILE,
        crate::matrix::RECOVERY_KEY_FILE,
    ] {
        let kept = PathBuf::from(kept);
        if data_dir.join(&kept).is_file() {
            fs::copy(data_dir.join(&kept), staging.path().join(&kept)).map_err(|source| {
                BackupError::Read {
                    path: data_dir.join(&kept),
                    source,
                }
            })?;
            carried.push(kept);
        }
    }
    let file = fs::File::create(archive).map_err(|source| BackupError::Write {
        path: archive.to_owned(),
        source,
    })?;
    restrict(archive)?;
    let mut builder = tar::Builder::new(file);
    for relative in &carried {
        builder
            .append_path_with_name(staging.path().join(relative), relative)
            .map_err(|source| BackupError::Write {
                path: archive.to_owned(),
                source,
            })?;
    }
    builder
        .into_inner()
        .and_then(|file| file.sync_all())
        .map_err(|source| BackupError::Write {
            path: archive.to_owned(),
            source,
        })?;
    Ok(carried)
}

/// A consistent copy of a live SQLite database, through SQLite itself.
async fn vacuum_into(source: &Path, copy: &Path) -> Result<(), BackupError> {
    let database = |error| BackupError::Database {
        path: source.to_owned(),
        source: error,
    };
    let mut connection = SqliteConnectOptions::new()
        .filename(source)
        .read_only(true)
        .busy_timeout(std::time::Duration::from_secs(10))
        .connect()
        .await
        .map_err(database)?;
    sqlx::query("VACUUM INTO ?1")
        .bind(copy.to_string_lossy().into_owned())
        .execute(&mut connection)
        .await
        .map_err(database)?;
    Ok(())
}

/// Unpacks `archive` into `data_dir`, which must be empty (or not exist yet).
pub fn restore(archive: &Path, data_dir: &Path) -> Result<Vec<PathBuf>, BackupError> {
    if data_dir.exists() {
        let mut entries = fs::read_dir(data_dir).map_err(|source| BackupError::Read {
            path: data_dir.to_owned(),
            source,
        })?;
        if entries.next().is_some() {
            return Err(BackupError::NotEmpty(data_dir.to_owned()));
        }
    }
    fs::create_dir_all(data_dir).map_err(|source| BackupError::Write {
        path: data_dir.to_owned(),
        source,
    })?;
    restrict(data_dir)?;
    let file = fs::File::open(archive).map_err(|source| BackupError::Read {
        path: archive.to_owned(),
        source,
    })?;
    let mut unpacked = Vec::new();
    let mut tar = tar::Archive::new(file);
    let entries = tar.entries().map_err(|source| BackupError::Read {
        path: archive.to_owned(),
        source,
    })?;
    for entry in entries {
        let mut entry = entry.map_err(|source| BackupError::Read {
            path: archive.to_owned(),
            source,
        })?;
        let relative = entry
            .path()
            .map_err(|source| BackupError::Read {
                path: archive.to_owned(),
                source,
            })?
            .into_owned();
        let allowed = relative == Path::new(crate::storage::DATABASE_FILE)
            || relative == Path::new(crate::matrix::SESSION_FILE)
            || relative == Path::new(crate::matrix::RECOVERY_KEY_FILE)
            || relative == Path::new(crate::matrix::STORE_KEY_FILE)
            || (relative.starts_with(crate::matrix::STORE_DIR)
                && relative.components().count() == 2);
        if !allowed {
            return Err(BackupError::UnexpectedEntry(relative.display().to_string()));
        }
        // `unpack_in` refuses paths that would leave the data directory.
        entry
            .unpack_in(data_dir)
            .map_err(|source| BackupError::Write {
                path: data_dir.join(&relative),
                source,
            })?;
        restrict(&data_dir.join(&relative))?;
        unpacked.push(relative);
    }
    Ok(unpacked)
}

/// Only the bot's user may read its data: its keys and its session are in it.
fn restrict(path: &Path) -> Result<(), BackupError> {
    use std::os::unix::fs::PermissionsExt;
    let mode = if path.is_dir() { 0o700 } else { 0o600 };
    fs::set_permissions(path, fs::Permissions::from_mode(mode)).map_err(|source| {
        BackupError::Write {
            path: path.to_owned(),
            source,
        }
    })
}

#[cfg(test)]
mod tests {
    use super::*;
    use crate::domain::{EventId, RoomId};
    use crate::storage::Store;
    use crate::testing::at;

    #[tokio::test]
    async fn a_backup_of_an_open_database_restores_into_an_empty_directory_only() {
        let dir = tempfile::tempdir().expect("temp dir");
        let data = dir.path().join("data");
        fs::create_dir_all(data.join(crate::matrix::STORE_DIR)).expect("dirs");
        let store = Store::open(&data.join(crate::storage::DATABASE_FILE))
            .await
            .expect("store");
        let mut tx = store.begin().await.expect("begin");
        tx.claim_event(
            &EventId::new("$cmd"),
            &RoomId::new("!r"),
            at("2026-11-30T10:00:00Z"),
        )
        .await
        .expect("claim");
        tx.commit().await.expect("commit");
        fs::write(data.join(crate::matrix::SESSION_FILE), "{}").expect("session");
        fs::write(data.join(crate::matrix::RECOVERY_KEY_FILE), "EsT1 abcd\n").expect("key");
        fs::write(data.join(crate::matrix::STORE_KEY_FILE), "{}").expect("salt");

        // Taken while the store is open, as a running bot holds it.
        let archive = dir.path().join("backup.tar");
        let carried = back_up(&data, &archive).await.expect("backup");
        assert!(carried.contains(&PathBuf::from(crate::storage::DATABASE_FILE)));
        assert!(carried.contains(&PathBuf::from(crate::matrix::SESSION_FILE)));
        assert!(carried.contains(&PathBuf::from(crate::matrix::RECOVERY_KEY_FILE)));
        assert!(carried.contains(&PathBuf::from(crate::matrix::STORE_KEY_FILE)));

        let restored = dir.path().join("restored");
        restore(&archive, &restored).expect("restore");
        let copy = Store::open(&restored.join(crate::storage::DATABASE_FILE))
            .await
            .expect("restored store");
        assert!(
            copy.was_handled(&EventId::new("$cmd"))
                .await
                .expect("query")
        );
        assert!(matches!(
            restore(&archive, &restored),
            Err(BackupError::NotEmpty(_))
        ));
        use std::os::unix::fs::PermissionsExt;
        let mode = fs::metadata(restored.join(crate::matrix::SESSION_FILE))
            .expect("session")
            .permissions()
            .mode();
        assert_eq!(mode & 0o777, 0o600);
        assert_eq!(
            fs::read_to_string(restored.join(crate::matrix::RECOVERY_KEY_FILE)).expect("key"),
            "EsT1 abcd\n"
        );
    }
}
