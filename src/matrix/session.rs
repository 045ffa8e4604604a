//! The bot's Matrix identity: logs in with the password on the very first start, saves the
//! session (user, device id, access token) next to the encrypted Matrix store, and restores it
//! on every later start, so that the bot keeps one device and its encryption keys.

use std::fs;
use std::path::Path;

use anyhow::{Context, bail};
use matrix_sdk::authentication::matrix::MatrixSession;
use matrix_sdk::{Client, SqliteStoreConfig};
use secrecy::ExposeSecret;
use serde::{Deserialize, Serialize};

use super::store_key::{StoreSecret, store_secret};
use crate::config::Settings;

/// What `session.json` holds.
#[derive(Serialize, Deserialize)]
struct SavedSession {
    homeserver_url: String,
    session: MatrixSession,
}

/// The homeserver refused the bot's access token (logged out from another client, say): the
/// client keeps its session for life, so the bot starts afresh with a new login on the same
/// device (see `app::run`).
#[derive(Debug, thiserror::Error)]
#[error("the homeserver revoked the bot's access token")]
pub struct TokenRevoked {
    /// Whether the token had been accepted by a sync before: a token refused from the start,
    /// right after a login, will not be mended by logging in again.
    pub after_a_sync: bool,
}

/// A client logged in as the bot, with its store in the data directory (which must exist).
///
/// A saved session is restored without asking the homeserver whether its token still holds:
/// that round trip would delay every start, and the first sync finds out anyway (it then
/// fails with [`TokenRevoked`], and the bot connects again with `log_in_again`, which logs in
/// with the password on the saved device).
pub async fn connect(settings: &Settings, log_in_again: bool) -> anyhow::Result<Client> {
    let data_dir = settings.storage.data_dir.clone();
    let session_path = data_dir.join(super::SESSION_FILE);
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
    let store_dir = data_dir.join(super::STORE_DIR);
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
    let client = Client::builder()
        .homeserver_url(&settings.matrix.homeserver_url)
        .sqlite_store_with_config_and_cache_path(store_config, None::<&Path>)
        .build()
        .await
        .context("cannot open the Matrix store")?;

    let Some(saved) = saved else {
        login(&client, settings, None, &session_path).await?;
        return Ok(client);
    };
    let device_id = saved.session.meta.device_id.to_string();
    if log_in_again {
        // A new login on the same device keeps the encryption keys valid.
        tracing::warn!(
            device_id,
            "saved access token was revoked; logging in again"
        );
        login(&client, settings, Some(&device_id), &session_path).await?;
        return Ok(client);
    }
    client
        .restore_session(saved.session)
        .await
        .context("cannot restore the saved Matrix session")?;
    tracing::info!(device_id, "Matrix session restored");
    Ok(client)
}

async fn login(
    client: &Client,
    settings: &Settings,
    device_id: Option<&str>,
    session_path: &Path,
) -> anyhow::Result<()> {
    let Some(password) = settings.password()? else {
        if device_id.is_some() {
            bail!(
                "the homeserver revoked the bot's access token and no password is set to log in again: set matrix.password, matrix.password_file or CONCERTO__MATRIX__PASSWORD"
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
    super::write_private_file(path, serde_json::to_string(session)?.as_bytes())
        .with_context(|| format!("cannot write {}", path.display()))
}
