//! The bot's Matrix identity: logs in with the password on the very first start, saves the
//! session (user, device id, access token) next to the encrypted Matrix store, and restores it
//! on every later start, so that the bot keeps one device and its encryption keys.

use std::fs::{self, OpenOptions};
use std::io::Write;
use std::os::unix::fs::{OpenOptionsExt, PermissionsExt};
use std::path::{Path, PathBuf};

use anyhow::{Context, bail};
use matrix_sdk::Client;
use matrix_sdk::authentication::matrix::MatrixSession;
use matrix_sdk::ruma::api::error::ErrorKind;
use secrecy::ExposeSecret;
use serde::{Deserialize, Serialize};

use crate::config::Settings;

/// What `session.json` holds.
#[derive(Serialize, Deserialize)]
struct SavedSession {
    homeserver_url: String,
    session: MatrixSession,
}

/// A client logged in as the bot, with its store in the data directory.
pub async fn connect(settings: &Settings) -> anyhow::Result<Client> {
    let data_dir = &settings.storage.data_dir;
    create_private_dir(data_dir)?;
    let session_path = data_dir.join(super::SESSION_FILE);
    let client = Client::builder()
        .homeserver_url(&settings.matrix.homeserver_url)
        .sqlite_store(
            data_dir.join(super::STORE_DIR),
            Some(settings.storage.store_passphrase.expose_secret()),
        )
        .build()
        .await
        .context("cannot open the Matrix store")?;

    let Some(saved) = read_session(&session_path)? else {
        login(&client, settings, None, &session_path).await?;
        return Ok(client);
    };
    if saved.homeserver_url != settings.matrix.homeserver_url {
        bail!(
            "{} belongs to {}, but the configuration names {}; move the data directory away to start afresh",
            session_path.display(),
            saved.homeserver_url,
            settings.matrix.homeserver_url
        );
    }
    let device_id = saved.session.meta.device_id.to_string();
    client
        .restore_session(saved.session)
        .await
        .context("cannot restore the saved Matrix session")?;
    // A revoked token (logged out from another client, say) is replaced by a new login on the
    // same device, so that the encryption keys stay valid.
    match client.whoami().await {
        Ok(_) => {
            tracing::info!(device_id, "Matrix session restored");
            Ok(client)
        }
        Err(error)
            if matches!(
                error.client_api_error_kind(),
                Some(ErrorKind::UnknownToken(_))
            ) =>
        {
            tracing::warn!(
                device_id,
                "saved access token was revoked; logging in again"
            );
            login(&client, settings, Some(&device_id), &session_path).await?;
            Ok(client)
        }
        Err(error) => Err(error).context("cannot reach the homeserver"),
    }
}

async fn login(
    client: &Client,
    settings: &Settings,
    device_id: Option<&str>,
    session_path: &Path,
) -> anyhow::Result<()> {
    let Some(password) = settings.password()? else {
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
    let temporary: PathBuf = path.with_extension("json.tmp");
    let mut file = OpenOptions::new()
        .write(true)
        .create(true)
        .truncate(true)
        .mode(0o600)
        .open(&temporary)
        .with_context(|| format!("cannot write {}", temporary.display()))?;
    file.write_all(serde_json::to_string(session)?.as_bytes())?;
    file.sync_all()?;
    fs::rename(&temporary, path).with_context(|| format!("cannot write {}", path.display()))?;
    Ok(())
}

fn create_private_dir(dir: &Path) -> anyhow::Result<()> {
    fs::create_dir_all(dir).with_context(|| format!("cannot create {}", dir.display()))?;
    fs::set_permissions(dir, fs::Permissions::from_mode(0o700))
        .with_context(|| format!("cannot restrict access to {}", dir.display()))?;
    Ok(())
}
