//! What people are told about the data the bot holds (RGPD art. 13) and what the register
//! entry says (art. 30): from the settings in force, never from a text that could lie.
//!
//! Rules:
//! - the controllers are the ones `[privacy] controllers` names; left out, the room's
//!   associations (joint controllers, art. 26); where no room is known (the public page, the
//!   register), "the associations of the room" in words;
//! - whom to ask is `[privacy] contact`; left out, the notices say that none was given and
//!   point to the representatives;
//! - every duration is the retention setting in force ([`Retention`]);
//! - e-mail and the web page are named only when they are on.

use super::retention::Retention;

/// What the notices and the register entry are filled from.
#[derive(Debug, Clone, PartialEq, Eq, Default)]
pub struct Privacy {
    /// The controllers `[privacy]` names (empty: the associations of each room).
    pub controllers: Vec<String>,
    /// Whom a person asks to see or erase their data.
    pub contact: Option<String>,
    /// How long each kind of data is kept.
    pub retention: Retention,
    /// Whether e-mail is configured (people known by e-mail, the e-mail outbox).
    pub email: bool,
    /// Where the web page is reached, when it is on.
    pub web_url: Option<String>,
}

impl Privacy {
    /// The controllers of a room whose associations are `associations` (its host order):
    /// the configured ones, else the room's (none when the room has no association yet).
    pub fn controllers_of(&self, associations: &[String]) -> Vec<String> {
        if self.controllers.is_empty() {
            associations.to_vec()
        } else {
            self.controllers.clone()
        }
    }

    /// The public notice's address on the web server, in the language asked (`/confidentialite`
    /// in French, `/privacy` in English); `None` when the web page is off.
    pub fn page_url(&self, language: super::Language) -> Option<String> {
        self.web_url.as_ref().map(|base| {
            format!(
                "{}/{}",
                base.trim_end_matches('/'),
                page_path(language).trim_start_matches('/')
            )
        })
    }
}

/// The public notice's path on the web server, by language.
pub fn page_path(language: super::Language) -> &'static str {
    match language {
        super::Language::Fr => "/confidentialite",
        super::Language::En => "/privacy",
    }
}

/// How the backups are encrypted, as `[backup]` says.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub enum BackupKey {
    /// With the passphrase of `[backup] passphrase_file`.
    Passphrase,
    /// To the age public key of `[backup] recipient`.
    Recipient,
    /// Not set: `concerto backup` refuses to write an archive.
    Missing,
}

/// Where the data goes outside the bot, and whether it may leave the European Union.
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct Recipient {
    /// What receives it: the homeserver, the SMTP provider.
    pub role: RecipientRole,
    /// Its host, as the configuration names it.
    pub host: String,
    /// Whether the host is known to be in the Union ([`inside_the_union`]).
    pub transfer: Transfer,
}

#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub enum RecipientRole {
    Homeserver,
    Smtp,
}

/// Whether sending data to a host is a transfer outside the Union (RGPD chapter V).
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub enum Transfer {
    /// The host is this machine, a private address, or under a Union country's domain.
    None,
    /// Nothing in its name says where it is: the controllers must check.
    ToCheck,
}

/// The register entry's facts (RGPD art. 30), each from the configuration in force.
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct RegisterEntry {
    pub privacy: Privacy,
    /// The controllers when `[privacy]` names none: the associations of the bot's rooms.
    pub rooms_associations: Vec<String>,
    pub recipients: Vec<Recipient>,
    pub backup: BackupKey,
    /// Whether e-mails go out encrypted (TLS or STARTTLS) to the provider.
    pub smtp_encrypted: bool,
}

impl RegisterEntry {
    /// The joint controllers the entry names: the configured ones, else those of the rooms.
    pub fn controllers(&self) -> Vec<String> {
        self.privacy.controllers_of(&self.rooms_associations)
    }
}

/// The country-code domains of the Union's member states, and `.eu`.
const UNION_DOMAINS: &[&str] = &[
    "eu", "at", "be", "bg", "cy", "cz", "de", "dk", "ee", "es", "fi", "fr", "gr", "hr", "hu", "ie",
    "it", "lt", "lu", "lv", "mt", "nl", "pl", "pt", "ro", "se", "si", "sk",
];

/// Whether data sent to `host` stays in the Union as far as its name tells: this machine
/// (`localhost`, a loopback address), a private network address, or a name under a member
/// state's domain (`.fr`, `.eu`…). Anything else (`.org`, `.com`, a public address) is
/// [`Transfer::ToCheck`]: a name does not say where a server is, so nothing is claimed.
pub fn inside_the_union(host: &str) -> Transfer {
    let host = host.trim().trim_start_matches('[').trim_end_matches(']');
    if host.eq_ignore_ascii_case("localhost") {
        return Transfer::None;
    }
    if let Ok(address) = host.parse::<std::net::IpAddr>() {
        let private = match address {
            std::net::IpAddr::V4(v4) => v4.is_loopback() || v4.is_private(),
            std::net::IpAddr::V6(v6) => v6.is_loopback() || v6.is_unique_local(),
        };
        return if private {
            Transfer::None
        } else {
            Transfer::ToCheck
        };
    }
    let Some((_, top)) = host.trim_end_matches('.').rsplit_once('.') else {
        return Transfer::ToCheck;
    };
    if UNION_DOMAINS.contains(&top.to_ascii_lowercase().as_str()) {
        Transfer::None
    } else {
        Transfer::ToCheck
    }
}

/// The host of a URL (`https://matrix.example.fr:8448/` → `matrix.example.fr`).
pub fn host_of(url: &str) -> String {
    let rest = url.split_once("://").map_or(url, |(_, rest)| rest);
    let authority = rest.split(['/', '?', '#']).next().unwrap_or_default();
    let authority = authority
        .rsplit_once('@')
        .map_or(authority, |(_, host)| host);
    if let Some(bracketed) = authority.strip_prefix('[') {
        return bracketed.split(']').next().unwrap_or_default().to_owned();
    }
    authority.split(':').next().unwrap_or_default().to_owned()
}

#[cfg(test)]
mod tests {
    use super::*;
    use crate::domain::Language;

    #[test]
    fn the_configured_controllers_win_over_the_rooms_associations() {
        let room = vec!["Croix-Rouge".to_owned(), "Secours populaire".to_owned()];
        let unset = Privacy::default();
        assert_eq!(unset.controllers_of(&room), room);
        assert!(unset.controllers_of(&[]).is_empty());
        let set = Privacy {
            controllers: vec!["Fédération 77".into()],
            ..Privacy::default()
        };
        assert_eq!(set.controllers_of(&room), vec!["Fédération 77".to_owned()]);
    }

    #[test]
    fn the_page_is_named_only_when_the_web_is_on() {
        assert_eq!(Privacy::default().page_url(Language::Fr), None);
        let on = Privacy {
            web_url: Some("https://c.example.org/".into()),
            ..Privacy::default()
        };
        assert_eq!(
            on.page_url(Language::Fr).as_deref(),
            Some("https://c.example.org/confidentialite")
        );
        assert_eq!(
            on.page_url(Language::En).as_deref(),
            Some("https://c.example.org/privacy")
        );
    }

    #[test]
    fn only_a_host_known_to_be_in_the_union_is_said_to_stay_there() {
        for host in [
            "localhost",
            "127.0.0.1",
            "::1",
            "[::1]",
            "10.0.0.5",
            "192.168.1.2",
            "smtp.orange.fr",
            "matrix.example.eu",
            "MAIL.Example.DE.",
        ] {
            assert_eq!(inside_the_union(host), Transfer::None, "{host}");
        }
        for host in [
            "smtp.gmail.com",
            "matrix.example.org",
            "8.8.8.8",
            "",
            "fr",
            "example.fr.evil.com",
        ] {
            assert_eq!(inside_the_union(host), Transfer::ToCheck, "{host}");
        }
    }

    #[test]
    fn a_urls_host_is_read_without_port_path_or_user() {
        assert_eq!(
            host_of("https://matrix.example.fr:8448/x"),
            "matrix.example.fr"
        );
        assert_eq!(host_of("http://127.0.0.1:8008"), "127.0.0.1");
        assert_eq!(host_of("http://[::1]:8008/"), "::1");
        assert_eq!(host_of("https://user@host.eu"), "host.eu");
        assert_eq!(host_of("host.eu"), "host.eu");
    }
}
