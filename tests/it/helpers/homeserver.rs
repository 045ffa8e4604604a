//! The Synapse homeserver of the run, and its admin API (registration, devices).

use super::*;

pub struct Homeserver {
    pub url: String,
    shared_secret: String,
    /// A test's own homeserver (one it stops and starts again): its directory, removed with it.
    own_dir: Option<tempfile::TempDir>,
}

/// The test run's homeserver, started on first use.
pub fn homeserver() -> &'static Homeserver {
    static HOMESERVER: OnceLock<Homeserver> = OnceLock::new();
    HOMESERVER.get_or_init(|| {
        if let (Ok(url), Ok(shared_secret)) = (
            std::env::var("CONCERTO_TEST_HOMESERVER"),
            std::env::var("CONCERTO_TEST_SHARED_SECRET"),
        ) {
            return Homeserver {
                url,
                shared_secret,
                own_dir: None,
            };
        }
        start_local_homeserver()
    })
}

/// Starts (or reuses) the Synapse in `.synapse/cargo-test`; it stays up between runs of plain
/// `cargo test` (`scripts/homeserver stop .synapse/cargo-test` stops it).
fn start_local_homeserver() -> Homeserver {
    let root = Path::new(env!("CARGO_MANIFEST_DIR"));
    let dir = root.join(".synapse/cargo-test");
    let env_file = dir.join("env");
    let running = std::fs::read_to_string(dir.join("homeserver.pid"))
        .ok()
        .and_then(|pid| pid.trim().parse::<u32>().ok())
        .is_some_and(|pid| Path::new(&format!("/proc/{pid}")).exists());
    if !running {
        let status = std::process::Command::new(root.join("scripts/homeserver"))
            .arg("start")
            .arg(&dir)
            .status()
            .expect("run scripts/homeserver");
        assert!(status.success(), "scripts/homeserver start failed");
    }
    let (url, shared_secret) = read_homeserver_env(&env_file);
    Homeserver {
        url,
        shared_secret,
        own_dir: None,
    }
}

/// The URL and shared secret `scripts/homeserver start` wrote.
fn read_homeserver_env(env_file: &Path) -> (String, String) {
    let env = std::fs::read_to_string(env_file).expect("homeserver env file");
    let value = |key: &str| {
        env.lines()
            .find_map(|line| line.strip_prefix(&format!("{key}=")))
            .unwrap_or_else(|| panic!("{key} missing from {}", env_file.display()))
            .to_owned()
    };
    (
        value("CONCERTO_TEST_HOMESERVER"),
        value("CONCERTO_TEST_SHARED_SECRET"),
    )
}

/// Runs `scripts/homeserver <action> <dir>`.
async fn homeserver_script(action: &str, dir: &Path) {
    let root = Path::new(env!("CARGO_MANIFEST_DIR"));
    let status = tokio::process::Command::new(root.join("scripts/homeserver"))
        .arg(action)
        .arg(dir)
        .status()
        .await
        .expect("run scripts/homeserver");
    assert!(status.success(), "scripts/homeserver {action} failed");
}

impl Drop for Homeserver {
    fn drop(&mut self) {
        if let Some(dir) = &self.own_dir {
            let root = Path::new(env!("CARGO_MANIFEST_DIR"));
            let _ = std::process::Command::new(root.join("scripts/homeserver"))
                .arg("stop")
                .arg(dir.path())
                .status();
        }
    }
}

/// A user name no other test (nor an earlier run) has used.
pub fn unique_name(prefix: &str) -> String {
    static COUNTER: AtomicU32 = AtomicU32::new(0);
    let nanos = std::time::SystemTime::now()
        .duration_since(std::time::UNIX_EPOCH)
        .expect("clock after 1970")
        .as_nanos();
    let n = COUNTER.fetch_add(1, Ordering::Relaxed);
    format!("{prefix}-{}-{n}", nanos % 1_000_000_000_000)
}

impl Homeserver {
    /// A homeserver of the test's own, for a test that stops it; stopped when dropped.
    pub async fn start_own() -> Homeserver {
        let dir = tempfile::tempdir().expect("homeserver dir");
        homeserver_script("start", dir.path()).await;
        let (url, shared_secret) = read_homeserver_env(&dir.path().join("env"));
        Homeserver {
            url,
            shared_secret,
            own_dir: Some(dir),
        }
    }

    /// Stops the test's own homeserver, as an outage would.
    pub async fn stop(&self) {
        let dir = self
            .own_dir
            .as_ref()
            .expect("only a test's own homeserver stops");
        homeserver_script("stop", dir.path()).await;
    }

    /// Starts the test's own homeserver again, on the same address, with its data.
    pub async fn resume(&self) {
        let dir = self
            .own_dir
            .as_ref()
            .expect("only a test's own homeserver resumes");
        homeserver_script("resume", dir.path()).await;
    }

    /// Registers a user through Synapse's shared-secret API; returns the full user id.
    pub async fn register(&self, name: &str, password: &str, admin: bool) -> OwnedUserId {
        let http = reqwest::Client::new();
        let endpoint = format!("{}/_synapse/admin/v1/register", self.url);
        let nonce: serde_json::Value = http
            .get(&endpoint)
            .send()
            .await
            .expect("nonce request")
            .json()
            .await
            .expect("nonce json");
        let nonce = nonce["nonce"].as_str().expect("nonce").to_owned();
        let mut mac =
            Hmac::<sha1::Sha1>::new_from_slice(self.shared_secret.as_bytes()).expect("hmac key");
        let role = if admin { "admin" } else { "notadmin" };
        mac.update(format!("{nonce}\0{name}\0{password}\0{role}").as_bytes());
        let response: serde_json::Value = http
            .post(&endpoint)
            .json(&json!({
                "nonce": nonce,
                "username": name,
                "password": password,
                "admin": admin,
                "mac": hex::encode(mac.finalize().into_bytes()),
            }))
            .send()
            .await
            .expect("register request")
            .json()
            .await
            .expect("register json");
        let user_id = response["user_id"]
            .as_str()
            .unwrap_or_else(|| panic!("registration failed: {response}"));
        OwnedUserId::try_from(user_id).expect("valid user id")
    }

    /// The devices of `user`, as the homeserver's admin API lists them.
    pub async fn devices_of(&self, admin: &TestUser, user: &OwnedUserId) -> Vec<String> {
        let token = admin.client.access_token().expect("admin token");
        let response: serde_json::Value = reqwest::Client::new()
            .get(format!(
                "{}/_synapse/admin/v2/users/{user}/devices",
                self.url
            ))
            .bearer_auth(token)
            .send()
            .await
            .expect("devices request")
            .json()
            .await
            .expect("devices json");
        response["devices"]
            .as_array()
            .unwrap_or_else(|| panic!("no device list: {response}"))
            .iter()
            .filter_map(|device| device["device_id"].as_str().map(str::to_owned))
            .collect()
    }
}

impl Homeserver {
    /// Deletes a device of `user` through the admin API, as a logout from Element's session
    /// list would: its access token and its published keys go with it.
    pub async fn delete_device(&self, admin: &TestUser, user: &OwnedUserId, device: &str) {
        let token = admin.client.access_token().expect("admin token");
        let response = reqwest::Client::new()
            .delete(format!(
                "{}/_synapse/admin/v2/users/{user}/devices/{device}",
                self.url
            ))
            .bearer_auth(token)
            .send()
            .await
            .expect("delete device request");
        assert!(
            response.status().is_success(),
            "device not deleted: {}",
            response.status()
        );
    }
}
