//! The bot as a child process: its configuration, starts, stops, crashes, logs, exports and
//! the test clock it reads.

use super::*;

/// The bot, as a child process running the real binary with a config file of its own.
pub struct Bot {
    pub user_id: OwnedUserId,
    homeserver_url: String,
    dir: tempfile::TempDir,
    child: Option<Child>,
    starts: u32,
    /// Fault to inject at the next start (`CONCERTO_TEST_FAULT`), if any.
    pub fault: Option<&'static str>,
    /// `RUST_LOG` for the next start, instead of the tests' verbose one.
    pub log_filter: Option<&'static str>,
}

impl Drop for Bot {
    fn drop(&mut self) {
        if std::thread::panicking() {
            eprintln!("--- logs of bot {} ---\n{}", self.user_id, self.logs());
        }
        if let Some(child) = &mut self.child {
            let _ = child.start_kill();
        }
    }
}

/// The `[[rooms]]` section giving `room` its associations (host order as listed), each with
/// its members.
pub fn room_associations(room: &Room, associations: &[(&str, &[&OwnedUserId])]) -> String {
    let order: Vec<String> = associations
        .iter()
        .map(|(name, _)| format!("{name:?}"))
        .collect();
    let members: Vec<String> = associations
        .iter()
        .map(|(name, members)| {
            let ids: Vec<String> = members
                .iter()
                .map(|member| format!("{:?}", member.as_str()))
                .collect();
            format!("    {{ name = {name:?}, members = [{}] }},", ids.join(", "))
        })
        .collect();
    format!(
        "\n[[rooms]]\nroom_id = \"{}\"\nhost_order = [{}]\nassociations = [\n{}\n]\n",
        room.room_id(),
        order.join(", "),
        members.join("\n")
    )
}

/// How a test wants its bot configured.
pub struct BotConfig<'a> {
    pub allowed_inviters: Vec<&'a OwnedUserId>,
    pub language: &'a str,
    /// More TOML appended to the configuration (`[[rooms]]` sections).
    pub extra: String,
    /// More lines in the `[bot]` section.
    pub bot: String,
}

impl<'a> BotConfig<'a> {
    /// A French-speaking bot that accepts invitations from `inviter`.
    pub fn invited_by(inviter: &'a OwnedUserId) -> Self {
        Self {
            allowed_inviters: vec![inviter],
            language: "fr",
            extra: String::new(),
            bot: String::new(),
        }
    }
}

impl Bot {
    /// Registers a bot account, writes its configuration and starts it.
    pub async fn start(config: BotConfig<'_>) -> Bot {
        let mut bot = Bot::register().await;
        bot.start_with(config);
        bot
    }

    /// Registers the bot's account without starting it (to invite it before its first start).
    pub async fn register() -> Bot {
        Self::register_on(homeserver()).await
    }

    /// Registers the bot's account on the given homeserver (a test's own).
    pub async fn register_on(homeserver: &Homeserver) -> Bot {
        let name = unique_name("concerto");
        let password = format!("{name}-password");
        let user_id = homeserver.register(&name, &password, false).await;
        let dir = tempfile::tempdir().expect("bot dir");
        // The password goes through the environment, as an operator would keep it out of files.
        std::fs::write(dir.path().join("password"), &password).expect("write password");
        Bot {
            user_id,
            homeserver_url: homeserver.url.clone(),
            dir,
            child: None,
            starts: 0,
            fault: None,
            log_filter: None,
        }
    }

    /// Writes the configuration and starts the bot.
    pub fn start_with(&mut self, config: BotConfig<'_>) {
        let inviters: Vec<String> = config
            .allowed_inviters
            .iter()
            .map(|user| format!("{:?}", user.as_str()))
            .collect();
        let toml = format!(
            r#"
[matrix]
homeserver_url = "{url}"
user = "{user}"
device_name = "Concerto (test)"

[storage]
data_dir = {data:?}
store_passphrase = "test passphrase"

[access]
allowed_inviters = [{inviters}]

[bot]
language = "{language}"
{bot}

{extra}
"#,
            url = self.homeserver_url,
            user = self.user_id,
            data = self.data_dir(),
            inviters = inviters.join(", "),
            language = config.language,
            bot = config.bot,
            extra = config.extra,
        );
        std::fs::write(self.dir.path().join("concerto.toml"), toml).expect("write config");
        self.launch();
    }

    pub fn data_dir(&self) -> PathBuf {
        self.dir.path().join("data")
    }

    /// The file the bot's test clock reads (the `test-hooks` feature): seconds ahead.
    fn clock_file(&self) -> PathBuf {
        self.dir.path().join("clock-ahead")
    }

    /// How far ahead of the wall clock the bot's clock runs.
    fn clock_ahead(&self) -> chrono::Duration {
        let seconds = std::fs::read_to_string(self.clock_file())
            .ok()
            .and_then(|text| text.trim().parse().ok())
            .unwrap_or(0);
        chrono::Duration::seconds(seconds)
    }

    /// Moves the bot's clock `by` further ahead, running or not: what falls due at a moment
    /// of the wall clock is reached without waiting for it (commands keep their homeserver
    /// time).
    pub fn advance_clock(&self, by: chrono::Duration) {
        let ahead = self.clock_ahead() + by;
        std::fs::write(self.clock_file(), ahead.num_seconds().to_string()).expect("clock file");
    }

    /// The bot's present time: the wall clock, and what [`Self::advance_clock`] added.
    pub fn now(&self) -> chrono::DateTime<chrono::Utc> {
        chrono::Utc::now() + self.clock_ahead()
    }

    fn launch(&mut self) {
        self.starts += 1;
        let log = std::fs::File::create(self.dir.path().join(format!("bot-{}.log", self.starts)))
            .expect("log file");
        let password = std::fs::read_to_string(self.dir.path().join("password")).expect("password");
        let child = Command::new(env!("CARGO_BIN_EXE_concerto"))
            .arg("run")
            .arg("--config")
            .arg(self.dir.path().join("concerto.toml"))
            .env("CONCERTO__MATRIX__PASSWORD", password)
            .env("CONCERTO_TEST_FAULT", self.fault.unwrap_or(""))
            .env("CONCERTO_TEST_CLOCK", self.clock_file())
            .env("RUST_LOG", self.log_filter.unwrap_or("warn,concerto=debug"))
            .env_remove("RUST_BACKTRACE")
            .stdin(Stdio::null())
            .stdout(log.try_clone().expect("log file"))
            .stderr(log)
            .kill_on_drop(true)
            .spawn()
            .expect("start the concerto binary");
        self.child = Some(child);
    }

    /// Stops the bot as an operator would (SIGTERM) and returns whether it exited cleanly.
    pub async fn stop(&mut self) -> bool {
        let mut child = self.child.take().expect("bot running");
        let pid = child.id().expect("bot pid");
        let status = std::process::Command::new("kill")
            .args(["-TERM", &pid.to_string()])
            .status()
            .expect("kill -TERM");
        assert!(status.success());
        let exit = tokio::time::timeout(PATIENCE, child.wait())
            .await
            .expect("bot stops within the patience")
            .expect("bot exit status");
        exit.success()
    }

    /// Waits for the bot to end by itself (a crash it was told to have) and returns its exit
    /// status.
    pub async fn wait_for_exit(&mut self) -> std::process::ExitStatus {
        let mut child = self.child.take().expect("bot running");
        tokio::time::timeout(PATIENCE, child.wait())
            .await
            .expect("bot exits within the patience")
            .expect("bot exit status")
    }

    /// Whether the bot's process is still running.
    pub fn is_running(&mut self) -> bool {
        self.child
            .as_mut()
            .is_some_and(|child| child.try_wait().is_ok_and(|exit| exit.is_none()))
    }

    /// The bot's process id.
    pub fn pid(&self) -> u32 {
        self.child
            .as_ref()
            .and_then(|child| child.id())
            .expect("bot running")
    }

    /// CPU time the bot's process has used so far (user and system).
    pub fn cpu_time(&self) -> Duration {
        cpu_time_of(self.pid())
    }

    /// Kills the bot without warning, as a crash or a power cut would.
    pub async fn crash(&mut self) {
        let mut child = self.child.take().expect("bot running");
        child.kill().await.expect("kill the bot");
    }

    /// Waits until the homeserver lists a device of the bot's other than `known` (a new
    /// login). Nothing in the room shows it, so the admin API is asked again and again.
    pub async fn wait_for_new_device(&self, admin: &TestUser, known: &[String]) {
        let what = format!("a new device of {}", self.user_id);
        eventually(&what, PATIENCE, || async {
            let devices = homeserver().devices_of(admin, &self.user_id).await;
            if devices.iter().any(|device| !known.contains(device)) {
                Ok(())
            } else {
                Err(format!("{devices:?}"))
            }
        })
        .await
    }

    /// Deletes the bot's data directory (session, stores, database), as a new install would.
    pub fn wipe_data(&mut self) {
        assert!(self.child.is_none(), "stop the bot before wiping its data");
        std::fs::remove_dir_all(self.data_dir()).expect("remove the data directory");
    }

    pub fn restart(&mut self) {
        assert!(self.child.is_none(), "stop the bot before restarting it");
        self.launch();
    }

    /// Runs `concerto export …` on the bot's configuration (beside the running bot) and
    /// returns what it printed.
    pub async fn export(&self, args: &[&str]) -> String {
        let mut all = vec!["export"];
        all.extend_from_slice(args);
        let output = self.cli(&all).await;
        assert!(
            output.status.success(),
            "export failed: {}",
            String::from_utf8_lossy(&output.stderr)
        );
        String::from_utf8(output.stdout).expect("UTF-8 export")
    }

    /// Runs `concerto <args> --config <the bot's configuration>` beside the bot.
    pub async fn cli(&self, args: &[&str]) -> std::process::Output {
        Command::new(env!("CARGO_BIN_EXE_concerto"))
            .args(args)
            .arg("--config")
            .arg(self.dir.path().join("concerto.toml"))
            .env_remove("RUST_LOG")
            .output()
            .await
            .expect("run the concerto command")
    }

    /// Where the bot's files (configuration, logs) are, beside its data directory.
    pub fn dir(&self) -> &Path {
        self.dir.path()
    }

    /// Everything the bot logged, over all its runs (printed when a test fails).
    pub fn logs(&self) -> String {
        (1..=self.starts)
            .map(|n| {
                std::fs::read_to_string(self.dir.path().join(format!("bot-{n}.log")))
                    .unwrap_or_default()
            })
            .collect::<Vec<_>>()
            .join("\n--- restart ---\n")
    }
}
