//! `[email]`: the group's mail provider, and the limits of what is e-mailed.

use std::path::PathBuf;

use secrecy::SecretString;
use serde::Deserialize;

use super::{ConfigError, read_secret};

/// The group's mail provider: where and how the bot hands its e-mails over.
#[derive(Debug, Clone, Deserialize)]
#[serde(deny_unknown_fields)]
pub struct EmailSettings {
    pub smtp_host: String,
    /// By default the usual port of `security`: 465, 587 or 25.
    #[serde(default)]
    pub smtp_port: Option<u16>,
    pub security: SmtpSecurity,
    /// The account at the provider; with it, a password (`password`, which
    /// `CONCERTO__EMAIL__PASSWORD` sets, or `password_file`).
    #[serde(default)]
    pub username: Option<String>,
    #[serde(default)]
    pub password: Option<SecretString>,
    #[serde(default)]
    pub password_file: Option<PathBuf>,
    /// The sender, as mail clients show it: `Concertation 77 <concertation@example.org>`.
    pub from: String,
    /// Changes of a meeting made within this many seconds of the first go out as one
    /// update e-mail, the latest (600).
    #[serde(default = "default_update_delay_s")]
    pub update_delay_s: u64,
    /// The most e-mails one address gets in a day (10); the next wait.
    #[serde(default = "default_max_per_recipient_per_day")]
    pub max_per_recipient_per_day: u32,
    /// The most e-mails one room sends in a day (200); the next wait.
    #[serde(default = "default_max_per_room_per_day")]
    pub max_per_room_per_day: u32,
}

fn default_update_delay_s() -> u64 {
    600
}

fn default_max_per_recipient_per_day() -> u32 {
    10
}

fn default_max_per_room_per_day() -> u32 {
    200
}

/// How the connection to the SMTP server is protected.
#[derive(Debug, Clone, Copy, PartialEq, Eq, Deserialize)]
#[serde(rename_all = "lowercase")]
pub enum SmtpSecurity {
    /// TLS from the first byte (port 465).
    Tls,
    /// A plain connection raised to TLS before anything is said (port 587); refused if the
    /// server cannot.
    Starttls,
    /// No encryption: only to a server on the same machine (127.0.0.1, ::1, localhost).
    None,
}

impl EmailSettings {
    /// How long an invitation update waits for more changes.
    pub fn update_delay(&self) -> chrono::Duration {
        chrono::Duration::seconds(
            i64::try_from(self.update_delay_s)
                .unwrap_or(i64::MAX)
                .min(86_400),
        )
    }

    /// The daily limits, as configured.
    pub fn daily_limits(&self) -> crate::domain::email::DailyLimits {
        crate::domain::email::DailyLimits {
            per_recipient: usize::try_from(self.max_per_recipient_per_day).unwrap_or(usize::MAX),
            per_room: usize::try_from(self.max_per_room_per_day).unwrap_or(usize::MAX),
        }
    }

    pub fn port(&self) -> u16 {
        self.smtp_port.unwrap_or(match self.security {
            SmtpSecurity::Tls => 465,
            SmtpSecurity::Starttls => 587,
            SmtpSecurity::None => 25,
        })
    }

    /// The provider's password, from `password` or the first line of `password_file`.
    pub fn password(&self) -> Result<Option<SecretString>, ConfigError> {
        read_secret(&self.password, &self.password_file)
    }

    pub(super) fn validate(&self) -> Result<(), ConfigError> {
        for (key, value) in [
            (
                "email.max_per_recipient_per_day",
                self.max_per_recipient_per_day,
            ),
            ("email.max_per_room_per_day", self.max_per_room_per_day),
        ] {
            if value == 0 {
                return Err(ConfigError::Value {
                    key,
                    reason: "expected at least 1: with 0, no e-mail would ever go".into(),
                });
            }
        }
        let host = self.smtp_host.trim();
        if host.is_empty() {
            return Err(ConfigError::Value {
                key: "email.smtp_host",
                reason: "expected the mail provider's SMTP server, e.g. \"smtp.example.org\""
                    .into(),
            });
        }
        let loopback = host == "localhost"
            || host
                .trim_start_matches('[')
                .trim_end_matches(']')
                .parse::<std::net::IpAddr>()
                .is_ok_and(|address| address.is_loopback());
        if self.security == SmtpSecurity::None && !loopback {
            return Err(ConfigError::Value {
                key: "email.security",
                reason: format!(
                    "\"none\" sends passwords and addresses in clear: only to a server on this machine (127.0.0.1, ::1, localhost), not to {host:?}; use \"starttls\" (port 587) or \"tls\" (port 465)"
                ),
            });
        }
        if self.port() == 0 {
            return Err(ConfigError::Value {
                key: "email.smtp_port",
                reason: "must not be 0".into(),
            });
        }
        if let Err(error) = self.from.parse::<lettre::message::Mailbox>() {
            return Err(ConfigError::Value {
                key: "email.from",
                reason: format!(
                    "expected an address such as \"Concertation 77 <concertation@example.org>\", found {:?} ({error})",
                    self.from
                ),
            });
        }
        let has_password = self.password.is_some() || self.password_file.is_some();
        match (&self.username, has_password) {
            (Some(_), false) => Err(ConfigError::Value {
                key: "email.password",
                reason: "a username needs its password: CONCERTO__EMAIL__PASSWORD or email.password_file".into(),
            }),
            (None, true) => Err(ConfigError::Value {
                key: "email.username",
                reason: "a password is given without the account it opens".into(),
            }),
            _ => Ok(()),
        }
    }
}
