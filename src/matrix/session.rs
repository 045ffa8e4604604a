//! The bot's Matrix identity: logs in with the password on the very first start, saves the
//! session (user, device id, access token) next to the encrypted Matrix store, and restores it
//! on every later start, so that the bot keeps one device and its encryption keys.

use std::fs::{self, OpenOptions};
use std::io::Write;
use std::os::unix::fs::OpenOptionsExt;
use std::path::{Path, PathBuf};

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

/// A client logged in as the bot, with its store in the data directory (which must exist).
pub async fn connect(settings: &Settings) -> anyhow::Result<Client> {
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
    // Stretching the passphrase takes a few dozen milliseconds of CPU, off the async workers;
    // meanwhile the homeserver says whether the saved token still holds.
    let store_config = tokio::task::spawn_blocking(move || {
        let config = SqliteStoreConfig::new(&store_dir);
        let started = std::time::Instant::now();
        let secret = store_secret(&data_dir, &store_dir, passphrase.expose_secret())?;
        tracing::debug!(micros = started.elapsed().as_micros(), "store key derived");
        match secret {
            StoreSecret::Key(key) => Ok::<_, anyhow::Error>(config.key(Some(&key))),
            StoreSecret::Passphrase => Ok(config.passphrase(Some(passphrase.expose_secret()))),
        }
    });
    // One HTTP client for the check and the SDK: loading the system's root certificates
    // once is enough. As the SDK would make it: TLS 1.2 at least, 30 s per request unless a
    // request says otherwise (a sync's long poll does).
    let http = reqwest::Client::builder()
        .user_agent(concat!("Concerto/", env!("CARGO_PKG_VERSION")))
        .min_tls_version(reqwest::tls::Version::TLS_1_2)
        .timeout(std::time::Duration::from_secs(30))
        .build()
        .context("cannot set up the HTTP client")?;
    let token = check_token(
        &http,
        &settings.matrix.homeserver_url,
        saved
            .as_ref()
            .map(|saved| saved.session.tokens.access_token.as_str()),
    );
    let (store_config, token) = tokio::join!(store_config, token);
    tracing::debug!(?token, "store key and token ready");
    let store_config = store_config.context("the store key task failed")??;
    let client = Client::builder()
        .homeserver_url(&settings.matrix.homeserver_url)
        .http_client(http)
        .sqlite_store_with_config_and_cache_path(store_config, None::<&Path>)
        .build()
        .await
        .context("cannot open the Matrix store")?;

    let Some(saved) = saved else {
        login(&client, settings, None, &session_path).await?;
        return Ok(client);
    };
    let device_id = saved.session.meta.device_id.to_string();
    if token == Token::Revoked {
        // Logged out from another client, say: a new login on the same device keeps the
        // encryption keys valid.
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

#[derive(Debug, PartialEq)]
enum Token {
    /// Accepted, or not known yet (the homeserver is unreachable: the sync will retry).
    Kept,
    Revoked,
}

/// Asks the homeserver whether the saved access token still holds, with a plain HTTP request:
/// the SDK can restore a session only once per client, so the answer is needed first.
async fn check_token(
    http: &reqwest::Client,
    homeserver_url: &str,
    access_token: Option<&str>,
) -> Token {
    let Some(access_token) = access_token else {
        return Token::Kept;
    };
    let url = format!(
        "{}/_matrix/client/v3/account/whoami",
        homeserver_url.trim_end_matches('/')
    );
    let response = match http.get(url).bearer_auth(access_token).send().await {
        Ok(response) => response,
        Err(error) => {
            tracing::warn!(%error, "cannot reach the homeserver to check the saved session; going on");
            return Token::Kept;
        }
    };
    if response.status() != reqwest::StatusCode::UNAUTHORIZED {
        return Token::Kept;
    }
    let body = response.bytes().await.unwrap_or_default();
    let errcode = serde_json::from_slice::<serde_json::Value>(&body)
        .ok()
        .and_then(|body| body.get("errcode")?.as_str().map(str::to_owned));
    if errcode.as_deref() == Some("M_UNKNOWN_TOKEN") {
        Token::Revoked
    } else {
        Token::Kept
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
