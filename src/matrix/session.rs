//! The bot's Matrix identity: logs in with the password on the very first start, saves the
//! session (user, device id, access token) next to the encrypted Matrix store, and restores it
//! on every later start, so that the bot keeps one device and its encryption keys.
//!
//! When that device cannot be kept, the bot becomes a new device rather than a silent one:
//! - the homeserver no longer knows the device (logged out from Element's session list or by
//!   an admin, which deletes the device and its published keys): a login on the same device id
//!   would bring back a device without keys while the store believes they are published, so the
//!   bot logs that login out and starts a new device with a new store;
//! - the Matrix store is missing or cannot be opened (a disk failure, a restore of Concerto's
//!   database alone): the bot starts a new device with a new store and deletes the old device
//!   on the homeserver (an unreadable store is moved aside, never deleted).
//!
//! Either way Concerto's own database is untouched, and `recovery.rs` then restores the room
//! keys from the key backup with the saved recovery key.

use std::fs;
use std::path::{Path, PathBuf};

use anyhow::{Context, bail};
use matrix_sdk::authentication::matrix::MatrixSession;
use matrix_sdk::encryption::{BackupDownloadStrategy, EncryptionSettings};
use matrix_sdk::ruma::api::client::keys::get_keys;
use matrix_sdk::ruma::api::client::uiaa;
use matrix_sdk::ruma::{OwnedDeviceId, OwnedUserId};
use matrix_sdk::{Client, SqliteStoreConfig};
use secrecy::ExposeSecret;
use serde::{Deserialize, Serialize};

use super::store_key::{StoreSecret, store_secret};
use crate::config::Settings;

/// The crypto database of the Matrix store: without it, the device's keys are gone.
const CRYPTO_STORE_FILE: &str = "matrix-sdk-crypto.sqlite3";

/// What `session.json` holds.
#[derive(Serialize, Deserialize)]
struct SavedSession {
    homeserver_url: String,
    session: MatrixSession,
}

/// The homeserver refused the bot's access token (logged out from another client, say): the
/// client keeps its session for life, so the bot starts afresh with a new login (see
/// `app::run`).
#[derive(Debug, thiserror::Error)]
#[error("the homeserver revoked the bot's access token")]
pub struct TokenRevoked {
    /// Whether the token had been accepted by a sync before: a token refused from the start,
    /// right after a login, will not be mended by logging in again.
    pub after_a_sync: bool,
}

/// Why the bot had to become a new device.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub enum Lost {
    /// The homeserver no longer knows the device (it was logged out or deleted).
    DeviceDeleted,
    /// The Matrix store is not in the data directory.
    StoreMissing,
    /// The Matrix store could not be opened (moved aside).
    StoreUnreadable,
}

/// A client logged in as the bot, and whether it is a new device standing in for a lost one.
pub struct Connected {
    pub client: Client,
    /// Set when this start made a new device: its keys come from the backup, and the rooms'
    /// state must be read whole once.
    pub fresh: Option<Lost>,
}

/// A client logged in as the bot, with its store in the data directory (which must exist).
///
/// A saved session is restored without asking the homeserver whether its token still holds:
/// that round trip would delay every start, and the first sync finds out anyway (it then
/// fails with [`TokenRevoked`], and the bot connects again with `log_in_again`, which logs in
/// with the password on the saved device, or as a new device if that one was deleted).
pub async fn connect(settings: &Settings, log_in_again: bool) -> anyhow::Result<Connected> {
    let data_dir = settings.storage.data_dir.clone();
    let session_path = data_dir.join(super::files::SESSION_FILE);
    let store_dir = data_dir.join(super::files::STORE_DIR);
    let saved = read_session(&session_path)?;
    if let Some(saved) = &saved
        && saved.homeserver_url != settings.matrix.homeserver_url
    {
        bail!(
            "{} belongs to {}, but the configuration names {}; move the data directory away to start afresh",
            session_path.display(),
            saved.homeserver_url,
            settings.matrix.homeserver_url
        );
    }
    let Some(saved) = saved else {
        let client = build_client(settings).await?;
        login(&client, settings, None, &session_path).await?;
        return Ok(Connected {
            client,
            fresh: None,
        });
    };
    let old_device = saved.session.meta.device_id.clone();
    if !store_dir.join(CRYPTO_STORE_FILE).is_file() {
        tracing::warn!(
            device_id = %old_device,
            store = %store_dir.display(),
            "the Matrix store is missing: the bot starts as a new device and restores its room keys from the key backup"
        );
        return start_new_device(settings, Lost::StoreMissing, Some(&old_device)).await;
    }
    let client = match build_client(settings).await {
        Ok(client) => client,
        Err(error) => {
            let aside = move_aside(&store_dir, "unreadable")?;
            tracing::warn!(
                %error,
                device_id = %old_device,
                moved_to = %aside.display(),
                "the Matrix store cannot be opened (damaged, or sealed with another passphrase): it was moved aside; the bot starts as a new device and restores its room keys from the key backup"
            );
            return start_new_device(settings, Lost::StoreUnreadable, Some(&old_device)).await;
        }
    };
    if log_in_again {
        tracing::info!(
            device_id = %old_device,
            "saved access token was revoked; logging in again"
        );
        // A new login on the same device keeps the encryption keys valid, if the homeserver
        // still has them.
        login(&client, settings, Some(old_device.as_str()), &session_path).await?;
        if device_keys_published(&client).await? {
            tracing::warn!(
                device_id = %old_device,
                "the homeserver refused the bot's access token: logged in again on the same device, whose keys it still has"
            );
            return Ok(Connected {
                client,
                fresh: None,
            });
        }
        // The login brought back a device without keys: it goes, and a new one comes.
        client
            .logout()
            .await
            .context("cannot log out the device that came back without keys")?;
        drop(client);
        move_aside(&store_dir, "deleted-device")?;
        tracing::warn!(
            device_id = %old_device,
            "the homeserver no longer knows the bot's device (logged out from another client or by an admin): the bot starts as a new device and restores its room keys from the key backup"
        );
        return start_new_device(settings, Lost::DeviceDeleted, None).await;
    }
    let device_id = old_device.to_string();
    client
        .restore_session(saved.session)
        .await
        .context("cannot restore the saved Matrix session")?;
    tracing::info!(device_id, "Matrix session restored");
    Ok(Connected {
        client,
        fresh: None,
    })
}

/// A client on the Matrix store of the data directory (created if there is none).
async fn build_client(settings: &Settings) -> anyhow::Result<Client> {
    let data_dir = settings.storage.data_dir.clone();
    let store_dir = data_dir.join(super::files::STORE_DIR);
    let passphrase = settings.storage.store_passphrase.clone();
    // Stretching the passphrase takes a few dozen milliseconds of CPU: off the async workers.
    let store_config = tokio::task::spawn_blocking(move || {
        let config = SqliteStoreConfig::new(&store_dir);
        let started = std::time::Instant::now();
        let secret = store_secret(&data_dir, &store_dir, passphrase.expose_secret())?;
        tracing::debug!(micros = started.elapsed().as_micros(), "store key derived");
        match secret {
            StoreSecret::Key(key) => Ok::<_, anyhow::Error>(config.key(Some(&key))),
            StoreSecret::Passphrase => Ok(config.passphrase(Some(passphrase.expose_secret()))),
        }
    })
    .await
    .context("the store key task failed")??;
    Client::builder()
        .homeserver_url(&settings.matrix.homeserver_url)
        .sqlite_store_with_config_and_cache_path(store_config, None::<&Path>)
        .with_encryption_settings(encryption_settings())
        .build()
        .await
        .context("cannot open the Matrix store")
}

/// How every client of the bot handles encryption: a message whose key is missing makes the
/// SDK look for that key in the backup.
fn encryption_settings() -> EncryptionSettings {
    EncryptionSettings {
        auto_enable_cross_signing: false,
        backup_download_strategy: BackupDownloadStrategy::AfterDecryptionFailure,
        auto_enable_backups: false,
    }
}

/// Logs in as a new device on a new store; deletes `old_device` on the homeserver when it may
/// still be there (a store lost while its device lives on would leave a ghost other members'
/// clients keep encrypting for).
async fn start_new_device(
    settings: &Settings,
    lost: Lost,
    old_device: Option<&OwnedDeviceId>,
) -> anyhow::Result<Connected> {
    let store_dir = settings.storage.data_dir.join(super::files::STORE_DIR);
    if store_dir.exists() {
        move_aside(&store_dir, "lost")?;
    }
    let session_path = settings.storage.data_dir.join(super::files::SESSION_FILE);
    let client = build_client(settings).await?;
    login(&client, settings, None, &session_path).await?;
    if let Some(old_device) = old_device
        && Some(old_device.as_ref()) != client.device_id()
    {
        delete_device(&client, settings, old_device).await;
    }
    tracing::info!(device_id = ?client.device_id(), ?lost, "new device logged in");
    Ok(Connected {
        client,
        fresh: Some(lost),
    })
}

/// Deletes one of the bot's own devices (the homeserver asks for the password again).
async fn delete_device(client: &Client, settings: &Settings, device: &OwnedDeviceId) {
    let devices = [device.clone()];
    let result = match client.delete_devices(&devices, None).await {
        Err(error) => match password_answer(client, settings, error.as_uiaa_response()) {
            Some(auth) => client
                .delete_devices(&devices, Some(auth))
                .await
                .map(|_| ()),
            None => Err(error),
        },
        Ok(_) => Ok(()),
    };
    match result {
        Ok(()) => tracing::info!(device_id = %device, "old device deleted on the homeserver"),
        Err(error) => tracing::warn!(
            device_id = %device,
            %error,
            "the old device could not be deleted; delete it from another client's session list"
        ),
    }
}

/// The answer to give when the homeserver asks for the password again (interactive
/// authentication, `uiaa`): `None` when it asked for nothing, or no password is set.
pub(super) fn password_answer(
    client: &Client,
    settings: &Settings,
    uiaa: Option<&uiaa::UiaaInfo>,
) -> Option<uiaa::AuthData> {
    let uiaa = uiaa?;
    let password = settings.password().ok()??;
    let user = client.user_id()?;
    let mut auth = uiaa::Password::new(
        uiaa::UserIdentifier::Matrix(uiaa::MatrixUserIdentifier::new(user.localpart().to_owned())),
        password.expose_secret().to_owned(),
    );
    auth.session = uiaa.session.clone();
    Some(uiaa::AuthData::Password(auth))
}

/// Whether the homeserver publishes this device's keys, as the store knows them: a device
/// logged out and logged in again on the same id has none.
async fn device_keys_published(client: &Client) -> anyhow::Result<bool> {
    let user: OwnedUserId = client
        .user_id()
        .context("logged in, but without a user id")?
        .to_owned();
    let device = client
        .device_id()
        .context("logged in, but without a device id")?
        .to_owned();
    let own_key = client
        .encryption()
        .ed25519_key()
        .await
        .context("the Matrix store holds no identity key")?;
    let mut request = get_keys::v3::Request::new();
    request
        .device_keys
        .insert(user.clone(), vec![device.clone()]);
    let response = client
        .send(request)
        .await
        .context("cannot ask the homeserver for the bot's device keys")?;
    let published = response
        .device_keys
        .get(&user)
        .and_then(|devices| devices.get(&device))
        .and_then(|keys| keys.deserialize().ok())
        .is_some_and(|keys| {
            keys.keys
                .values()
                .any(|key| key.as_str() == own_key.as_str())
        });
    Ok(published)
}

/// Renames the Matrix store out of the way (`matrix-store.<why>-<time>`), keeping it for
/// whoever wants to look into it.
fn move_aside(store_dir: &Path, why: &str) -> anyhow::Result<PathBuf> {
    let mut aside = store_dir.as_os_str().to_owned();
    aside.push(format!(
        ".{why}-{}",
        crate::clock::Clock::now(&crate::clock::SystemClock::new()).format("%Y%m%dT%H%M%SZ")
    ));
    let aside = PathBuf::from(aside);
    fs::rename(store_dir, &aside).with_context(|| {
        format!(
            "cannot move {} aside to {}",
            store_dir.display(),
            aside.display()
        )
    })?;
    Ok(aside)
}

async fn login(
    client: &Client,
    settings: &Settings,
    device_id: Option<&str>,
    session_path: &Path,
) -> anyhow::Result<()> {
    let Some(password) = settings.password()? else {
        if session_path.exists() {
            bail!(
                "the bot must log in again (its access token was revoked or its Matrix store is lost) and no password is set: set matrix.password, matrix.password_file or CONCERTO__MATRIX__PASSWORD"
            );
        }
        bail!(
            "no saved session in {} and no password: set matrix.password, matrix.password_file or CONCERTO__MATRIX__PASSWORD for the first login",
            session_path.display()
        );
    };
    let mut login = client
        .matrix_auth()
        .login_username(&settings.matrix.user, password.expose_secret())
        .initial_device_display_name(&settings.matrix.device_name);
    if let Some(device_id) = device_id {
        login = login.device_id(device_id);
    }
    let response = login
        .send()
        .await
        .with_context(|| format!("cannot log in as {}", settings.matrix.user))?;
    tracing::info!(user_id = %response.user_id, device_id = %response.device_id, "logged in");
    let session = client
        .matrix_auth()
        .session()
        .context("logged in, but the client holds no session")?;
    write_session(
        session_path,
        &SavedSession {
            homeserver_url: settings.matrix.homeserver_url.clone(),
            session,
        },
    )
}

fn read_session(path: &Path) -> anyhow::Result<Option<SavedSession>> {
    match fs::read_to_string(path) {
        Ok(text) => serde_json::from_str(&text)
            .map(Some)
            .with_context(|| format!("{} is not a valid saved session", path.display())),
        Err(error) if error.kind() == std::io::ErrorKind::NotFound => Ok(None),
        Err(error) => Err(error).with_context(|| format!("cannot read {}", path.display())),
    }
}

/// Writes the session readable by its owner only (0600), atomically.
fn write_session(path: &Path, session: &SavedSession) -> anyhow::Result<()> {
    super::files::write_private_file(path, serde_json::to_string(session)?.as_bytes())
        .with_context(|| format!("cannot write {}", path.display()))
}
