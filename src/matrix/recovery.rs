//! The bot's encryption identity: cross-signing, key backup and recovery for its own account.
//!
//! - **Cross-signing.** The bot's device is signed by the bot's own identity, so that clients
//!   which share room keys only with verified devices keep sharing them with it. Made on the
//!   first start (the homeserver may ask for the password), before the recovery set-up, so that
//!   secret storage keeps the identity's private keys too.
//! - **Key backup and recovery.** The room keys the bot holds are also kept, encrypted, in a
//!   backup on the homeserver; the recovery key written to the data directory
//!   (`recovery-key.txt`) opens it and the secret storage. Set up once, on the first start; the
//!   key file says it was done. Without them, matrix-sdk asks the homeserver on every start
//!   whether the account has secret storage and warns on every new room key that there is no
//!   backup to put it in.
//! - **A new device** (the old one deleted, or the Matrix store lost; see `session.rs`) reads
//!   the rooms' state whole once, opens the secret storage with the saved recovery key (which
//!   brings back the identity, signs the new device and turns the backup on), and downloads the
//!   room keys of every room it is in from the backup.

use std::path::{Path, PathBuf};
use std::time::Duration;

use futures_util::StreamExt;
use matrix_sdk::Client;
use matrix_sdk::config::{SyncSettings, SyncToken};
use matrix_sdk::encryption::recovery::{RecoveryError, RecoveryState};
use matrix_sdk::ruma::api::client::filter::FilterDefinition;
use matrix_sdk::ruma::api::client::sync::sync_events::v3::Filter;

use super::session::{Lost, password_answer};
use crate::config::Settings;
use crate::storage::MatrixIdentity;

/// The recovery key, in the data directory.
pub const RECOVERY_KEY_FILE: &str = "recovery-key.txt";
/// The longest the set-up may hold a start up; what is left is tried again at the next start.
const SETUP_PATIENCE: Duration = Duration::from_secs(60);
/// The longest a stop waits for the last room keys to reach the backup.
const BACKUP_PATIENCE: Duration = Duration::from_secs(10);

/// Whether the set-up may wait until the bot has answered once: on the very first start (no
/// recovery key yet, no device standing in for a lost one) there is nothing to restore, only an
/// identity and a backup to create — seconds of requests (the password asked again, keys made
/// and uploaded) that no first answer needs. The sync loop runs it then, between two syncs
/// (never beside one, see `app.rs`); the backup takes every room key received meanwhile.
pub fn set_up_may_wait(settings: &Settings, fresh: Option<Lost>) -> bool {
    fresh.is_none() && read_key(&settings.storage.data_dir).is_none()
}

/// Makes sure the device is cross-signed and the key backup is on; on a new device (`fresh`),
/// restores the identity and the room keys from the backup. Logs what it did and returns
/// what `concerto health` reports.
pub async fn set_up_encryption(
    client: &Client,
    settings: &Settings,
    fresh: Option<Lost>,
) -> MatrixIdentity {
    let data_dir = &settings.storage.data_dir;
    if tokio::time::timeout(SETUP_PATIENCE, set_up(client, settings, data_dir, fresh))
        .await
        .is_err()
    {
        tracing::warn!("setting encryption up takes too long; trying again at the next start");
    }
    identity(client).await
}

async fn set_up(client: &Client, settings: &Settings, data_dir: &Path, fresh: Option<Lost>) {
    // Not on a very first start: a second sync from scratch right after this one comes back
    // without the rooms (measured with Synapse 1.163), and the sync loop's first sync is one.
    if fresh.is_some() {
        rebuild_room_state(client).await;
    }
    match read_key(data_dir) {
        Some(key) => {
            if !cross_signing_complete(client).await {
                recover(client, &key).await;
            }
            if !cross_signing_complete(client).await {
                // Made by a version from before cross-signing: make it, and keep it in the
                // secret storage the recovery key opens.
                cross_sign(client, settings).await;
                store_secrets(client, &key).await;
            }
            if fresh.is_some() {
                download_room_keys(client).await;
            }
        }
        None => {
            cross_sign(client, settings).await;
            enable_recovery(client, data_dir).await;
        }
    }
}

/// On the way out: the room keys received lately go into the backup first, so that a device
/// lost while the bot is stopped can read what it had read (at most a few seconds).
pub async fn finish_backup(client: &Client) {
    let backups = client.encryption().backups();
    if !backups.are_enabled().await {
        return;
    }
    match tokio::time::timeout(BACKUP_PATIENCE, backups.wait_for_steady_state()).await {
        Ok(Ok(())) => tracing::debug!("room keys backed up"),
        Ok(Err(error)) => tracing::warn!(%error, "the last room keys could not be backed up"),
        Err(_) => tracing::warn!("backing the last room keys up takes too long; stopping anyway"),
    }
}

/// What the device looks like now.
async fn identity(client: &Client) -> MatrixIdentity {
    let encryption = client.encryption();
    // The signatures as the homeserver has them now, not as this store last heard of them.
    if let Some(user) = client.user_id()
        && let Err(error) = encryption.request_user_identity(user).await
    {
        tracing::warn!(%error, "could not ask the homeserver for the bot's own keys");
    }
    let cross_signed = match encryption.get_own_device().await {
        Ok(Some(device)) => device.is_cross_signed_by_owner(),
        Ok(None) | Err(_) => false,
    };
    MatrixIdentity {
        device_id: client
            .device_id()
            .map(ToString::to_string)
            .unwrap_or_default(),
        cross_signed,
        key_backup: encryption.backups().are_enabled().await,
    }
}

async fn cross_signing_complete(client: &Client) -> bool {
    client
        .encryption()
        .cross_signing_status()
        .await
        .is_some_and(|status| status.is_complete())
}

/// Creates the bot's cross-signing identity if the account has none, signing this device; the
/// homeserver may ask for the password first.
async fn cross_sign(client: &Client, settings: &Settings) {
    let encryption = client.encryption();
    let result = match encryption.bootstrap_cross_signing_if_needed(None).await {
        Err(error) => match password_answer(client, settings, error.as_uiaa_response()) {
            Some(auth) => encryption.bootstrap_cross_signing(Some(auth)).await,
            None => Err(error),
        },
        Ok(()) => Ok(()),
    };
    match result {
        Ok(()) if cross_signing_complete(client).await => {
            tracing::info!("the bot's device is cross-signed by its own identity");
        }
        Ok(()) => tracing::warn!(
            "the bot's account has a cross-signing identity this device cannot use (made elsewhere, and no recovery key in the data directory): the device stays unsigned"
        ),
        Err(error) => {
            tracing::warn!(%error, "could not cross-sign the bot's device; trying again at the next start")
        }
    }
}

/// Opens the secret storage with the recovery key: the identity and the backup key come back,
/// and the device is signed.
async fn recover(client: &Client, key: &str) {
    match client.encryption().recovery().recover(key).await {
        Ok(()) => tracing::info!(
            "identity and key backup restored from secret storage with the saved recovery key"
        ),
        Err(error) => tracing::warn!(
            %error,
            "the saved recovery key does not open the secret storage; the device stays unsigned and old messages may stay unreadable"
        ),
    }
}

/// Puts the identity's private keys into the secret storage the recovery key opens.
async fn store_secrets(client: &Client, key: &str) {
    let secret_storage = client.encryption().secret_storage();
    let result = match secret_storage.open_secret_store(key).await {
        Ok(store) => store.export_secrets().await,
        Err(error) => Err(error),
    };
    if let Err(error) = result {
        tracing::warn!(%error, "the cross-signing keys could not be put into secret storage");
    }
}

/// The room keys of every room the bot is in, from the backup.
async fn download_room_keys(client: &Client) {
    let backups = client.encryption().backups();
    if !backups.are_enabled().await {
        tracing::warn!("no key backup to restore room keys from: older messages stay unreadable");
        return;
    }
    let rooms = client.joined_rooms();
    let mut failed = 0;
    for room in &rooms {
        if let Err(error) = backups.download_room_keys_for_room(room.room_id()).await {
            failed += 1;
            tracing::warn!(room_id = %room.room_id(), %error, "room keys not restored from the backup");
        }
    }
    tracing::info!(
        rooms = rooms.len(),
        failed,
        "room keys restored from the key backup"
    );
}

/// A new store knows nothing of the rooms: one sync from scratch, whose events are not
/// handled (the sync loop reads them from Concerto's own position), gives it their state —
/// members, power levels, encryption, names — and publishes the new device's keys, which
/// the recovery checks first.
async fn rebuild_room_state(client: &Client) {
    let mut filter = FilterDefinition::default();
    filter.room.timeline.limit = Some(1u32.into());
    let settings = SyncSettings::default()
        .token(SyncToken::NoToken)
        .timeout(Duration::ZERO)
        .filter(Filter::FilterDefinition(filter));
    match client.sync_once(settings).await {
        Ok(response) => tracing::info!(
            rooms = response.rooms.joined.len(),
            "the rooms' state read again for the new device"
        ),
        Err(error) => tracing::warn!(%error, "could not read the rooms' state again"),
    }
}

/// Turns on key backup and secret storage if the account has neither.
async fn enable_recovery(client: &Client, data_dir: &Path) {
    let recovery = client.encryption().recovery();
    // The SDK learns the state once its own setup task has asked the homeserver.
    let mut states = recovery.state_stream();
    let mut state = recovery.state();
    while state == RecoveryState::Unknown {
        match states.next().await {
            Some(next) => state = next,
            None => return,
        }
    }
    if state != RecoveryState::Disabled {
        tracing::debug!(?state, "key backup and recovery already set up");
        return;
    }
    match recovery.enable().await {
        Ok(key) => match write_key(data_dir, &key) {
            Ok(path) => tracing::info!(
                path = %path.display(),
                "key backup turned on; keep a copy of the recovery key somewhere safe"
            ),
            Err(error) => tracing::error!(
                %error,
                "key backup turned on, but its recovery key could not be written"
            ),
        },
        Err(RecoveryError::BackupExistsOnServer) => tracing::warn!(
            "the bot's account already has a key backup made by another device; Concerto leaves it alone"
        ),
        Err(error) => {
            tracing::warn!(%error, "could not turn on key backup; trying again at the next start")
        }
    }
}

fn read_key(data_dir: &Path) -> Option<String> {
    let text = std::fs::read_to_string(data_dir.join(RECOVERY_KEY_FILE)).ok()?;
    let key = text.trim();
    (!key.is_empty()).then(|| key.to_owned())
}

fn write_key(data_dir: &Path, key: &str) -> std::io::Result<PathBuf> {
    let path = data_dir.join(RECOVERY_KEY_FILE);
    super::files::write_private_file(&path, format!("{key}\n").as_bytes())?;
    Ok(path)
}
