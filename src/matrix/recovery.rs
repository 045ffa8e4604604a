//! Key backup and recovery for the bot's own account.
//!
//! Without them, matrix-sdk asks the homeserver on every start whether the account has secret
//! storage (answered by two 404s) and warns on every new room key that there is no backup to
//! put it in. With them, the room keys the bot holds are also kept, encrypted, in a backup on
//! the homeserver, and the recovery key written to the data directory (`recovery-key.txt`)
//! opens that backup from another device. It is set up once, on the first start; the key file
//! says it was done.

use std::path::{Path, PathBuf};
use std::time::Duration;

use futures_util::StreamExt;
use matrix_sdk::Client;
use matrix_sdk::encryption::recovery::{RecoveryError, RecoveryState};

/// The recovery key, in the data directory.
pub const RECOVERY_KEY_FILE: &str = "recovery-key.txt";
/// The longest the setup may hold the first start up; it is tried again at the next start.
const SETUP_PATIENCE: Duration = Duration::from_secs(20);

/// Turns on key backup and secret storage if the account has neither; logs what it did.
pub async fn ensure_recovery(client: &Client, data_dir: &Path) {
    if data_dir.join(RECOVERY_KEY_FILE).exists() {
        return;
    }
    if tokio::time::timeout(SETUP_PATIENCE, set_up(client, data_dir))
        .await
        .is_err()
    {
        tracing::warn!("turning key backup on takes too long; trying again at the next start");
    }
}

async fn set_up(client: &Client, data_dir: &Path) {
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

fn write_key(data_dir: &Path, key: &str) -> std::io::Result<PathBuf> {
    let path = data_dir.join(RECOVERY_KEY_FILE);
    super::write_private_file(&path, format!("{key}\n").as_bytes())?;
    Ok(path)
}
