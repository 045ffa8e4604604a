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
//!
//! The archive is encrypted (age): with a passphrase (`backup.passphrase_file`), or to an age
//! recipient (`backup.recipient`, a public key), so that the host that keeps the backups never
//! holds what opens them. The session's access token and the recovery key are never in clear
//! in a backup. A restore checks every entry (regular files only, each in its place), unpacks
//! beside the data directory and moves it in only once the whole archive was read, so a damaged
//! or foreign file leaves nothing behind. A plain tar archive of an older version is still
//! restored, with a warning.

use std::fs;
use std::io::Write;
use std::path::{Path, PathBuf};

use sqlx::ConnectOptions;
use sqlx::sqlite::SqliteConnectOptions;

mod keys;
mod restore;

pub use keys::{Opener, Seal, seal};
pub use restore::{Restored, is_encrypted, restore};

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
    #[error(
        "backups are encrypted: set backup.passphrase_file (a file holding a passphrase) or backup.recipient (an age public key, age1…) in the configuration"
    )]
    NoKey,
    #[error("the key given does not open this backup (another passphrase or another key?)")]
    WrongKey,
    #[error("{path} is damaged or is not a Concerto backup: {reason}")]
    Damaged { path: PathBuf, reason: String },
    #[error("{0} is not a Concerto backup (neither an encrypted archive nor a tar file)")]
    Foreign(PathBuf),
    #[error("{key}: {reason}")]
    Setting { key: &'static str, reason: String },
}

/// How an archive begins: age's own header, or a tar file's.
const AGE_MAGIC: &[u8] = b"age-encryption.org/";
const TAR_MAGIC_AT: usize = 257;
const TAR_MAGIC: &[u8] = b"ustar";

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

/// Writes a backup of `data_dir` to `archive`, encrypted with `seal`; returns the files it
/// holds.
pub async fn back_up(
    data_dir: &Path,
    archive: &Path,
    seal: &Seal,
) -> Result<Vec<PathBuf>, BackupError> {
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
    let write = |source| BackupError::Write {
        path: archive.to_owned(),
        source,
    };
    let encryptor = match seal {
        Seal::Passphrase(passphrase) => age::Encryptor::with_user_passphrase(passphrase.clone()),
        Seal::Recipient(recipient) => age::Encryptor::with_recipients(std::iter::once(
            recipient.as_ref() as &dyn age::Recipient,
        ))
        .map_err(|error| write(std::io::Error::other(error.to_string())))?,
    };
    let sealed = encryptor.wrap_output(file).map_err(write)?;
    let mut builder = tar::Builder::new(sealed);
    for relative in &carried {
        builder
            .append_path_with_name(staging.path().join(relative), relative)
            .map_err(write)?;
    }
    builder
        .into_inner()
        .and_then(|sealed| sealed.finish())
        .and_then(|mut file| {
            file.flush()?;
            file.sync_all()
        })
        .map_err(write)?;
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

/// Only the bot's user may read its data: its keys and its session are in it.
pub(super) fn restrict(path: &Path) -> Result<(), BackupError> {
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
    use crate::config::BackupSettings;
    use crate::domain::{EventId, RoomId};
    use crate::storage::Store;
    use crate::testing::at;

    /// A data directory with one handled event, the session, the recovery key and the salt.
    async fn data_dir(dir: &Path) -> (PathBuf, Store) {
        let data = dir.join("data");
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
        fs::write(
            data.join(crate::matrix::SESSION_FILE),
            r#"{"access_token":"syt_SECRET_TOKEN"}"#,
        )
        .expect("session");
        fs::write(
            data.join(crate::matrix::RECOVERY_KEY_FILE),
            "EsT1 RECOVERY abcd\n",
        )
        .expect("key");
        fs::write(data.join(crate::matrix::STORE_KEY_FILE), "{}").expect("salt");
        (data, store)
    }

    fn passphrase(text: &str) -> age::secrecy::SecretString {
        age::secrecy::SecretString::from(text.to_owned())
    }

    #[tokio::test]
    async fn a_backup_is_encrypted_and_restores_with_its_passphrase_only() {
        let dir = tempfile::tempdir().expect("temp dir");
        let (data, _store) = data_dir(dir.path()).await;
        // Taken while the store is open, as a running bot holds it.
        let archive = dir.path().join("backup.age");
        let carried = back_up(
            &data,
            &archive,
            &Seal::Passphrase(passphrase("correct horse")),
        )
        .await
        .expect("backup");
        assert!(carried.contains(&PathBuf::from(crate::storage::DATABASE_FILE)));
        assert!(carried.contains(&PathBuf::from(crate::matrix::RECOVERY_KEY_FILE)));
        // Nothing in clear: not the token, not the recovery key.
        let bytes = fs::read(&archive).expect("archive");
        assert!(bytes.starts_with(AGE_MAGIC));
        let text = String::from_utf8_lossy(&bytes);
        assert!(!text.contains("SECRET_TOKEN") && !text.contains("RECOVERY"));
        assert!(is_encrypted(&archive).expect("read"));

        let restored = dir.path().join("restored");
        let wrong = Opener::Passphrase(passphrase("wrong horse"));
        assert!(matches!(
            restore(&archive, &restored, Some(&wrong)),
            Err(BackupError::WrongKey)
        ));
        assert!(!restored.exists(), "a refused restore leaves nothing");
        assert!(matches!(
            restore(&archive, &restored, None),
            Err(BackupError::NoKey)
        ));
        let right = Opener::Passphrase(passphrase("correct horse"));
        let done = restore(&archive, &restored, Some(&right)).expect("restore");
        assert!(!done.unencrypted);
        let copy = Store::open(&restored.join(crate::storage::DATABASE_FILE))
            .await
            .expect("restored store");
        assert!(
            copy.was_handled(&EventId::new("$cmd"))
                .await
                .expect("query")
        );
        assert!(matches!(
            restore(&archive, &restored, Some(&right)),
            Err(BackupError::NotEmpty(_))
        ));
        use std::os::unix::fs::PermissionsExt;
        let mode = |path: &Path| fs::metadata(path).expect("metadata").permissions().mode() & 0o777;
        assert_eq!(mode(&restored.join(crate::matrix::SESSION_FILE)), 0o600);
        assert_eq!(mode(&restored), 0o700);
        assert_eq!(
            fs::read_to_string(restored.join(crate::matrix::RECOVERY_KEY_FILE)).expect("key"),
            "EsT1 RECOVERY abcd\n"
        );
    }

    #[tokio::test]
    async fn what_an_erasure_deleted_is_not_in_the_next_backup() {
        let dir = tempfile::tempdir().expect("temp dir");
        let (data, store) = data_dir(dir.path()).await;
        let marie = crate::domain::UserId::new("@marie:example.org");
        let mut tx = store.begin().await.expect("begin");
        tx.seed_room(
            &RoomId::new("!r"),
            &[],
            &[(marie.clone(), "Zorglub-Secret".to_owned())],
            at("2026-11-30T10:00:00Z"),
        )
        .await
        .expect("seed");
        tx.commit().await.expect("commit");
        let mut tx = store.begin_write().await.expect("begin");
        let held = tx.data_about(&marie).await.expect("read");
        assert_eq!(held.associations.len(), 1, "her association is held");
        crate::service::forget_person(
            &mut tx,
            &crate::i18n::Texts::new().expect("texts"),
            (crate::domain::Language::Fr, chrono_tz::Europe::Paris),
            &marie,
            at("2026-12-01T10:00:00Z"),
        )
        .await
        .expect("forget");
        tx.commit().await.expect("commit");
        let archive = dir.path().join("backup.age");
        let key = Seal::Passphrase(passphrase("correct horse"));
        back_up(&data, &archive, &key).await.expect("backup");
        let restored = dir.path().join("restored");
        let right = Opener::Passphrase(passphrase("correct horse"));
        restore(&archive, &restored, Some(&right)).expect("restore");
        let bytes = fs::read(restored.join(crate::storage::DATABASE_FILE)).expect("database");
        let text = String::from_utf8_lossy(&bytes);
        assert!(
            !text.contains("Zorglub-Secret"),
            "the erased association is gone"
        );
        assert!(!text.contains("@marie:example.org"), "and her id");
    }

    #[tokio::test]
    async fn a_backup_to_a_public_key_opens_with_its_secret_key_only() {
        let dir = tempfile::tempdir().expect("temp dir");
        let (data, _store) = data_dir(dir.path()).await;
        #[allow(deprecated)]
        let identity = age::x25519::Identity::generate();
        let settings = BackupSettings {
            passphrase_file: None,
            recipient: Some(identity.to_public().to_string()),
        };
        settings.validate().expect("a valid recipient");
        let archive = dir.path().join("backup.age");
        back_up(&data, &archive, &seal(&settings).expect("seal"))
            .await
            .expect("backup");
        let key_file = dir.path().join("key.txt");
        {
            use age::secrecy::ExposeSecret;
            fs::write(&key_file, identity.to_string().expose_secret()).expect("key file");
        }
        #[allow(deprecated)]
        let other = age::x25519::Identity::generate();
        let other_file = dir.path().join("other.txt");
        {
            use age::secrecy::ExposeSecret;
            fs::write(&other_file, other.to_string().expose_secret()).expect("key file");
        }
        let restored = dir.path().join("restored");
        let wrong = Opener::identity_file(&other_file).expect("identity");
        assert!(matches!(
            restore(&archive, &restored, Some(&wrong)),
            Err(BackupError::WrongKey)
        ));
        let right = Opener::identity_file(&key_file).expect("identity");
        let done = restore(&archive, &restored, Some(&right)).expect("restore");
        assert!(
            done.files
                .contains(&PathBuf::from(crate::matrix::SESSION_FILE))
        );
    }

    #[tokio::test]
    async fn a_damaged_a_foreign_or_a_hostile_archive_is_refused_and_leaves_nothing() {
        let dir = tempfile::tempdir().expect("temp dir");
        let (data, _store) = data_dir(dir.path()).await;
        let settings = BackupSettings {
            passphrase_file: None,
            #[allow(deprecated)]
            recipient: Some(age::x25519::Identity::generate().to_public().to_string()),
        };
        let archive = dir.path().join("backup.age");
        back_up(&data, &archive, &seal(&settings).expect("seal"))
            .await
            .expect("backup");
        let restored = dir.path().join("restored");
        let anyone = Opener::Passphrase(passphrase("x"));

        // Cut short.
        let bytes = fs::read(&archive).expect("archive");
        let cut = dir.path().join("cut.age");
        fs::write(&cut, &bytes[..bytes.len() / 2]).expect("cut");
        assert!(restore(&cut, &restored, Some(&anyone)).is_err());
        // Not a backup at all.
        let foreign = dir.path().join("photo.jpg");
        fs::write(&foreign, [0xFF_u8, 0xD8, 0xFF, 0xE0, 0, 0x10]).expect("foreign");
        assert!(matches!(
            restore(&foreign, &restored, Some(&anyone)),
            Err(BackupError::Foreign(_))
        ));
        // A plain tar with a link in it.
        let hostile = dir.path().join("hostile.tar");
        {
            let mut builder = tar::Builder::new(fs::File::create(&hostile).expect("tar"));
            let mut header = tar::Header::new_gnu();
            header.set_entry_type(tar::EntryType::Symlink);
            header.set_size(0);
            header.set_mode(0o777);
            builder
                .append_link(&mut header, crate::storage::DATABASE_FILE, "/etc/passwd")
                .expect("link");
            builder.finish().expect("finish");
        }
        assert!(matches!(
            restore(&hostile, &restored, None),
            Err(BackupError::UnexpectedEntry(_))
        ));
        assert!(!restored.exists(), "nothing was left behind");
        let leftovers: Vec<_> = fs::read_dir(dir.path())
            .expect("dir")
            .flatten()
            .filter(|entry| {
                entry
                    .file_name()
                    .to_string_lossy()
                    .starts_with(".concerto-restore")
            })
            .collect();
        assert!(leftovers.is_empty(), "{leftovers:?}");
    }

    #[tokio::test]
    async fn a_plain_tar_backup_of_an_older_version_is_restored_and_said_unencrypted() {
        let dir = tempfile::tempdir().expect("temp dir");
        let (data, store) = data_dir(dir.path()).await;
        drop(store);
        let archive = dir.path().join("old.tar");
        {
            let mut builder = tar::Builder::new(fs::File::create(&archive).expect("tar"));
            for file in [crate::storage::DATABASE_FILE, crate::matrix::SESSION_FILE] {
                builder
                    .append_path_with_name(data.join(file), file)
                    .expect("append");
            }
            builder.finish().expect("finish");
        }
        assert!(!is_encrypted(&archive).expect("read"));
        let restored = dir.path().join("restored");
        let done = restore(&archive, &restored, None).expect("restore");
        assert!(done.unencrypted);
        assert_eq!(done.files.len(), 2);
    }

    #[test]
    fn the_settings_take_one_key_and_a_well_formed_one() {
        let both = BackupSettings {
            passphrase_file: Some(PathBuf::from("/x")),
            recipient: Some("age1x".into()),
        };
        assert!(both.validate().is_err());
        let bad = BackupSettings {
            passphrase_file: None,
            recipient: Some("not a key".into()),
        };
        assert!(bad.validate().is_err());
        assert!(matches!(
            seal(&BackupSettings::default()),
            Err(BackupError::NoKey)
        ));
    }
}
