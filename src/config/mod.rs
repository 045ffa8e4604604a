//! Settings: read from a TOML file, then overridden by `CONCERTO__SECTION__KEY` environment
//! variables. Secrets are wrapped so that they never reach a log line or an error message.
//! This module reads files and the environment, nothing else.

use std::path::{Path, PathBuf};

use chrono_tz::Tz;
use secrecy::{ExposeSecret, SecretString};
use serde::Deserialize;

use crate::domain::Language;

mod advocacy;
mod backup;
mod contacts;
mod decisions;
mod email;
mod privacy;
mod retention;

pub use advocacy::AdvocacySettings;
pub use backup::BackupSettings;
pub use contacts::ContactSettings;
pub use decisions::DecisionSettings;
pub use email::{EmailSettings, SmtpSecurity};
pub use privacy::PrivacySettings;
pub use retention::RetentionSettings;

#[derive(Debug, Deserialize)]
#[serde(deny_unknown_fields)]
pub struct Settings {
    pub matrix: MatrixSettings,
    pub storage: StorageSettings,
    #[serde(default)]
    pub access: AccessSettings,
    #[serde(default)]
    pub bot: BotSettings,
    /// Per-room settings seeded into the database the first time the bot starts with them.
    #[serde(default)]
    pub rooms: Vec<RoomSettings>,
    /// The group's web page; off when absent.
    #[serde(default)]
    pub web: Option<WebSettings>,
    /// Sending e-mail through the group's own provider; off when absent.
    #[serde(default)]
    pub email: Option<EmailSettings>,
    /// What `concerto backup` encrypts its archives with.
    #[serde(default)]
    pub backup: BackupSettings,
    /// How long each kind of personal data is kept.
    #[serde(default)]
    pub retention: RetentionSettings,
    /// Who answers for the data and whom to ask.
    #[serde(default)]
    pub privacy: PrivacySettings,
    /// How the associations decide together (mandates).
    #[serde(default)]
    pub decisions: DecisionSettings,
    /// The group's address book.
    #[serde(default)]
    pub contacts: ContactSettings,
    /// Joint letters: their follow-up and where answers go.
    #[serde(default)]
    pub advocacy: AdvocacySettings,
    #[serde(default)]
    pub log: LogSettings,
}

/// How the logs are written (to standard error).
#[derive(Debug, Clone, Copy, Default, Deserialize)]
#[serde(deny_unknown_fields)]
pub struct LogSettings {
    #[serde(default)]
    pub format: LogFormat,
}

#[derive(Debug, Clone, Copy, Default, PartialEq, Eq, Deserialize)]
#[serde(rename_all = "lowercase")]
pub enum LogFormat {
    /// Lines for people.
    #[default]
    Text,
    /// One JSON object per line, for a log collector.
    Json,
}

/// The read-only web page and calendar feed.
#[derive(Debug, Clone, Deserialize)]
#[serde(deny_unknown_fields)]
pub struct WebSettings {
    /// Where the HTTP server listens, behind the group's reverse proxy (`127.0.0.1:8080`).
    pub listen: std::net::SocketAddr,
    /// The address members reach it at (`https://concertation.example.org`): the links the
    /// bot gives start with it.
    pub public_url: String,
}

/// A room's associations and host order, as first known; the room changes them afterwards
/// with `!association set` and `!meeting host order`.
#[derive(Debug, Deserialize)]
#[serde(deny_unknown_fields)]
pub struct RoomSettings {
    pub room_id: String,
    /// The associations in the order they host the meetings.
    #[serde(default)]
    pub host_order: Vec<String>,
    #[serde(default)]
    pub associations: Vec<AssociationSettings>,
}

#[derive(Debug, Deserialize)]
#[serde(deny_unknown_fields)]
pub struct AssociationSettings {
    pub name: String,
    /// Its representatives' user ids.
    #[serde(default)]
    pub members: Vec<String>,
}

#[derive(Debug, Deserialize)]
#[serde(deny_unknown_fields)]
pub struct MatrixSettings {
    /// Base URL of the homeserver, e.g. `https://matrix.example.org`.
    pub homeserver_url: String,
    /// The bot's account: a full user id (`@concerto:example.org`) or just its local part.
    pub user: String,
    /// Only needed for the first login; afterwards the saved session is used.
    pub password: Option<SecretString>,
    /// A file whose first line is the password (kept out of the config file).
    pub password_file: Option<PathBuf>,
    #[serde(default = "default_device_name")]
    pub device_name: String,
}

#[derive(Debug, Deserialize)]
#[serde(deny_unknown_fields)]
pub struct StorageSettings {
    /// Holds the Matrix session, the encrypted Matrix store and Concerto's own database.
    pub data_dir: PathBuf,
    /// Encrypts the Matrix store (encryption keys included) at rest.
    pub store_passphrase: SecretString,
}

#[derive(Debug, Clone, Default, Deserialize)]
#[serde(deny_unknown_fields)]
pub struct AccessSettings {
    /// Users whose invitations the bot accepts: `@alice:example.org`, or `*:example.org` for
    /// everyone on a server.
    #[serde(default)]
    pub allowed_inviters: Vec<String>,
    /// Rooms the bot joins whoever invites it (room ids, `!abc…`).
    #[serde(default)]
    pub allowed_rooms: Vec<String>,
}

#[derive(Debug, Deserialize)]
#[serde(deny_unknown_fields)]
pub struct BotSettings {
    /// Language of rooms that did not choose one with `!langue`.
    #[serde(default)]
    pub language: Language,
    #[serde(default = "default_time_zone")]
    pub time_zone: Tz,
    /// A command older than this when the bot sees it (after downtime) is not answered.
    #[serde(default = "default_max_command_age_hours")]
    pub max_command_age_hours: u32,
    /// Commands one member may send in a minute before the bot slows them down (0: no limit).
    #[serde(default = "default_max_commands_per_minute")]
    pub max_commands_per_minute: usize,
    /// How long an encrypted message may stay unreadable before the bot tells its sender
    /// (once per sender and room key), in seconds.
    #[serde(default = "default_undecryptable_notice_after_s")]
    pub undecryptable_notice_after_s: u32,
    /// With a meeting rhythm set, how many days before the next meeting is due the bot
    /// proposes its dates.
    #[serde(default = "default_rhythm_lead_days")]
    pub rhythm_lead_days: u32,
}

impl Default for BotSettings {
    fn default() -> Self {
        Self {
            language: Language::default(),
            time_zone: default_time_zone(),
            max_command_age_hours: default_max_command_age_hours(),
            max_commands_per_minute: default_max_commands_per_minute(),
            undecryptable_notice_after_s: default_undecryptable_notice_after_s(),
            rhythm_lead_days: default_rhythm_lead_days(),
        }
    }
}

fn default_device_name() -> String {
    "Concerto".to_owned()
}

fn default_time_zone() -> Tz {
    chrono_tz::Europe::Paris
}

fn default_max_command_age_hours() -> u32 {
    24
}

fn default_undecryptable_notice_after_s() -> u32 {
    30
}

fn default_rhythm_lead_days() -> u32 {
    21
}

fn default_max_commands_per_minute() -> usize {
    crate::domain::limits::MAX_COMMANDS
}

#[derive(Debug, thiserror::Error)]
pub enum ConfigError {
    #[error("invalid configuration")]
    Invalid(#[from] config::ConfigError),
    #[error("cannot read the password file {path}")]
    PasswordFile {
        path: PathBuf,
        source: std::io::Error,
    },
    #[error("the password file {0} is empty")]
    EmptyPasswordFile(PathBuf),
    #[error("`{key}` is invalid: {reason}")]
    Value { key: &'static str, reason: String },
}

impl Settings {
    /// Reads `path`, then applies `CONCERTO__…` overrides from the environment
    /// (`CONCERTO__MATRIX__PASSWORD=…` sets `[matrix] password`).
    pub fn load(path: &Path) -> Result<Self, ConfigError> {
        let settings: Settings = config::Config::builder()
            .add_source(config::File::from(path).format(config::FileFormat::Toml))
            .add_source(
                config::Environment::with_prefix("CONCERTO")
                    .prefix_separator("__")
                    .separator("__")
                    .list_separator(",")
                    .with_list_parse_key("access.allowed_inviters")
                    .with_list_parse_key("access.allowed_rooms")
                    .with_list_parse_key("privacy.controllers")
                    .try_parsing(true),
            )
            .build()?
            .try_deserialize()?;
        settings.validate()?;
        Ok(settings)
    }

    fn validate(&self) -> Result<(), ConfigError> {
        self.backup.validate()?;
        self.retention.validate(self.bot.max_command_age_hours)?;
        self.decisions.validate()?;
        self.contacts.validate()?;
        self.advocacy.validate()?;
        self.privacy.validate()?;
        let url = self.matrix.homeserver_url.trim();
        if !(url.starts_with("http://") || url.starts_with("https://")) {
            return Err(ConfigError::Value {
                key: "matrix.homeserver_url",
                reason: format!("expected an http:// or https:// URL, found {url:?}"),
            });
        }
        if self.matrix.user.trim().is_empty() {
            return Err(ConfigError::Value {
                key: "matrix.user",
                reason: "expected the bot's user id, e.g. \"@concerto:example.org\"".into(),
            });
        }
        if self.storage.store_passphrase.expose_secret().is_empty() {
            return Err(ConfigError::Value {
                key: "storage.store_passphrase",
                reason: "must not be empty".into(),
            });
        }
        for inviter in &self.access.allowed_inviters {
            let server_wide = inviter
                .strip_prefix("*:")
                .is_some_and(|server| !server.is_empty());
            if !server_wide && crate::domain::UserId::parse(inviter).is_none() {
                return Err(ConfigError::Value {
                    key: "access.allowed_inviters",
                    reason: format!("expected \"@user:server\" or \"*:server\", found {inviter:?}"),
                });
            }
        }
        for room in &self.rooms {
            if !room.room_id.starts_with('!') {
                return Err(ConfigError::Value {
                    key: "rooms.room_id",
                    reason: format!(
                        "expected a room id like \"!abc…\", found {:?}",
                        room.room_id
                    ),
                });
            }
            for member in room.associations.iter().flat_map(|a| &a.members) {
                if crate::domain::UserId::parse(member).is_none() {
                    return Err(ConfigError::Value {
                        key: "rooms.associations.members",
                        reason: format!("expected \"@user:server\", found {member:?}"),
                    });
                }
            }
        }
        if let Some(email) = &self.email {
            email.validate()?;
        }
        if self.bot.max_command_age_hours == 0 {
            return Err(ConfigError::Value {
                key: "bot.max_command_age_hours",
                reason: "must be at least 1".into(),
            });
        }
        Ok(())
    }

    /// The password for the first login: `matrix.password`, else the first line of
    /// `matrix.password_file`. `None` when neither is set.
    pub fn password(&self) -> Result<Option<SecretString>, ConfigError> {
        read_secret(&self.matrix.password, &self.matrix.password_file)
    }

    pub fn max_command_age(&self) -> chrono::Duration {
        chrono::Duration::hours(i64::from(self.bot.max_command_age_hours))
    }

    /// How long an encrypted message stays unreadable before its sender is told.
    pub fn undecryptable_notice_after(&self) -> chrono::Duration {
        chrono::Duration::seconds(i64::from(self.bot.undecryptable_notice_after_s))
    }
}

/// A secret given inline, else the first line of its file; `None` when neither is set.
fn read_secret(
    inline: &Option<SecretString>,
    file: &Option<PathBuf>,
) -> Result<Option<SecretString>, ConfigError> {
    if let Some(secret) = inline {
        return Ok(Some(secret.clone()));
    }
    let Some(path) = file else {
        return Ok(None);
    };
    let text = std::fs::read_to_string(path).map_err(|source| ConfigError::PasswordFile {
        path: path.clone(),
        source,
    })?;
    let line = text.lines().next().unwrap_or("").trim_end();
    if line.is_empty() {
        return Err(ConfigError::EmptyPasswordFile(path.clone()));
    }
    Ok(Some(SecretString::from(line.to_owned())))
}

impl AccessSettings {
    /// Whether an invitation from `inviter` into `room_id` may be accepted.
    pub fn allows_invite(&self, inviter: &str, room_id: &str) -> bool {
        if self.allowed_rooms.iter().any(|room| room == room_id) {
            return true;
        }
        self.allowed_inviters
            .iter()
            .any(|allowed| match allowed.strip_prefix("*:") {
                Some(server) => inviter
                    .split_once(':')
                    .is_some_and(|(_, inviter_server)| inviter_server == server),
                None => allowed == inviter,
            })
    }
}

#[cfg(test)]
mod tests {
    use super::*;
    use std::io::Write;

    const MINIMAL: &str = r#"
        [matrix]
        homeserver_url = "http://127.0.0.1:8008"
        user = "@concerto:localhost"
        password = "hunter2"

        [storage]
        data_dir = "/tmp/concerto"
        store_passphrase = "correct horse"
    "#;

    fn write(text: &str) -> tempfile::NamedTempFile {
        let mut file = tempfile::NamedTempFile::new().expect("temp file");
        file.write_all(text.as_bytes()).expect("write");
        file
    }

    /// The error as the binary prints it: every cause on one line.
    fn load_error(path: &Path) -> String {
        let error = Settings::load(path).expect_err("invalid config");
        format!("{:#}", anyhow::Error::from(error))
    }

    #[test]
    fn a_minimal_file_gets_french_paris_and_a_day_of_catch_up() {
        let file = write(MINIMAL);
        let settings = Settings::load(file.path()).expect("valid config");
        assert_eq!(settings.bot.language, Language::Fr);
        assert_eq!(settings.bot.time_zone, chrono_tz::Europe::Paris);
        assert_eq!(settings.max_command_age(), chrono::Duration::hours(24));
        assert_eq!(settings.matrix.device_name, "Concerto");
    }

    #[test]
    fn rooms_list_their_associations_and_host_order() {
        let file = write(&format!(
            r#"{MINIMAL}
            [[rooms]]
            room_id = "!abc"
            host_order = ["Restos du Cœur", "Croix-Rouge"]
            associations = [
                {{ name = "Restos du Cœur", members = ["@alice:example.org"] }},
                {{ name = "Croix-Rouge", members = ["@bob:example.org", "@bea:example.org"] }},
            ]
            "#
        ));
        let settings = Settings::load(file.path()).expect("valid config");
        let room = &settings.rooms[0];
        assert_eq!(room.host_order, vec!["Restos du Cœur", "Croix-Rouge"]);
        assert_eq!(room.associations[1].members.len(), 2);
    }

    #[test]
    fn a_member_that_is_not_a_user_id_is_rejected() {
        let file = write(&format!(
            "{MINIMAL}\n[[rooms]]\nroom_id = \"!abc\"\nassociations = [{{ name = \"X\", members = [\"bob\"] }}]\n"
        ));
        let error = load_error(file.path());
        assert!(
            error.contains("rooms.associations.members") && error.contains("bob"),
            "{error}"
        );
    }

    #[test]
    fn secrets_are_not_printed_by_debug() {
        let file = write(MINIMAL);
        let settings = Settings::load(file.path()).expect("valid config");
        let printed = format!("{settings:?}");
        assert!(!printed.contains("hunter2"), "{printed}");
        assert!(!printed.contains("correct horse"), "{printed}");
    }

    #[test]
    fn a_wrong_type_names_the_key() {
        let file = write(&format!(
            "{MINIMAL}\n[bot]\nmax_command_age_hours = \"lots\"\n"
        ));
        let error = load_error(file.path());
        assert!(error.contains("max_command_age_hours"), "{error}");
    }

    #[test]
    fn a_misspelt_key_is_rejected_by_name() {
        let file = write(&MINIMAL.replace("homeserver_url", "homserver_url"));
        let error = load_error(file.path());
        assert!(error.contains("homserver_url"), "{error}");
    }

    #[test]
    fn an_unknown_language_lists_the_known_ones() {
        let file = write(&format!("{MINIMAL}\n[bot]\nlanguage = \"de\"\n"));
        let error = load_error(file.path());
        assert!(
            error.contains("de") && error.contains("fr") && error.contains("en"),
            "{error}"
        );
    }

    #[test]
    fn an_unknown_time_zone_is_rejected() {
        let file = write(&format!(
            "{MINIMAL}\n[bot]\ntime_zone = \"Europe/Atlantis\"\n"
        ));
        let error = load_error(file.path());
        assert!(error.contains("time_zone"), "{error}");
    }

    #[test]
    fn the_password_file_is_read_when_no_password_is_given() {
        let password = write("s3cret\nignored second line\n");
        let config = MINIMAL.replace(
            "password = \"hunter2\"",
            &format!("password_file = {:?}", password.path()),
        );
        let file = write(&config);
        let settings = Settings::load(file.path()).expect("valid config");
        let secret = settings.password().expect("readable").expect("present");
        assert_eq!(secret.expose_secret(), "s3cret");
    }

    #[test]
    fn invites_are_allowed_by_user_by_server_or_by_room() {
        let access = AccessSettings {
            allowed_inviters: vec!["@alice:a.org".into(), "*:b.org".into()],
            allowed_rooms: vec!["!room".into()],
        };
        assert!(access.allows_invite("@alice:a.org", "!x"));
        assert!(!access.allows_invite("@mallory:a.org", "!x"));
        assert!(access.allows_invite("@anyone:b.org", "!x"));
        assert!(!access.allows_invite("@anyone:notb.org", "!x"));
        assert!(access.allows_invite("@mallory:evil.org", "!room"));
    }

    fn with_email(email: &str) -> String {
        format!("{MINIMAL}\n[email]\n{email}")
    }

    #[test]
    fn e_mail_is_off_unless_configured_and_takes_the_port_of_its_security() {
        let settings = Settings::load(write(MINIMAL).path()).expect("valid config");
        assert!(settings.email.is_none());
        let password = write("mail-s3cret\n");
        let file = write(&with_email(&format!(
            r#"
            smtp_host = "smtp.example.org"
            security = "starttls"
            username = "concertation@example.org"
            password_file = {:?}
            from = "Concertation 77 <concertation@example.org>"
            "#,
            password.path()
        )));
        let settings = Settings::load(file.path()).expect("valid config");
        let email = settings.email.expect("configured");
        assert_eq!(email.security, SmtpSecurity::Starttls);
        assert_eq!(email.port(), 587);
        let secret = email.password().expect("readable").expect("present");
        assert_eq!(secret.expose_secret(), "mail-s3cret");
    }

    #[test]
    fn e_mail_in_clear_is_refused_to_anything_but_this_machine() {
        let clear = |host: &str| {
            with_email(&format!(
                r#"
                smtp_host = "{host}"
                smtp_port = 2525
                security = "none"
                from = "concertation@example.org"
                "#
            ))
        };
        for host in ["127.0.0.1", "localhost", "::1", "[::1]"] {
            let settings = Settings::load(write(&clear(host)).path())
                .unwrap_or_else(|error| panic!("{host}: {error:#}"));
            assert_eq!(settings.email.expect("configured").port(), 2525);
        }
        for host in ["smtp.example.org", "192.168.1.10"] {
            let error = load_error(write(&clear(host)).path());
            assert!(error.contains("email.security"), "{error}");
            assert!(error.contains("starttls"), "{error}");
        }
    }

    #[test]
    fn a_bad_sender_or_a_username_without_password_is_refused_with_the_right_form() {
        let error = load_error(
            write(&with_email(
                r#"
                smtp_host = "smtp.example.org"
                security = "tls"
                from = "Concertation 77"
                "#,
            ))
            .path(),
        );
        assert!(error.contains("email.from"), "{error}");
        assert!(error.contains("<concertation@example.org>"), "{error}");
        let error = load_error(
            write(&with_email(
                r#"
                smtp_host = "smtp.example.org"
                security = "tls"
                username = "concertation@example.org"
                from = "concertation@example.org"
                "#,
            ))
            .path(),
        );
        assert!(error.contains("CONCERTO__EMAIL__PASSWORD"), "{error}");
    }

    #[test]
    fn the_example_configuration_is_read_and_valid_with_its_retention() {
        let path = Path::new(env!("CARGO_MANIFEST_DIR")).join("config/concerto.example.toml");
        let settings = Settings::load(&path).expect("the example configuration");
        assert_eq!(settings.retention.sent_email_days, 30);
        assert_eq!(settings.retention.sent_messages_days, 90);
        assert_eq!(settings.retention.poll_answers_days, 365);
        assert_eq!(settings.retention.undecryptable_days, 30);
        let defaults = Settings::load(write(MINIMAL).path()).expect("minimal");
        assert_eq!(
            defaults.retention.sent_email_days, 30,
            "the default without a section"
        );
        let short = write(&format!("{MINIMAL}\n[retention]\nsent_messages_days = 0\n"));
        assert!(Settings::load(short.path()).is_err());
        assert_eq!(settings.decisions.max_mandates_per_holder, 1);
        assert_eq!(defaults.decisions.max_mandates_per_holder, 1);
        let two = write(&format!(
            "{MINIMAL}\n[decisions]\nmax_mandates_per_holder = 2\n"
        ));
        let two = Settings::load(two.path()).expect("two mandates");
        assert_eq!(two.decisions.max_mandates_per_holder, 2);
        let none = write(&format!(
            "{MINIMAL}\n[decisions]\nmax_mandates_per_holder = 0\n"
        ));
        assert!(Settings::load(none.path()).is_err());
    }
}
