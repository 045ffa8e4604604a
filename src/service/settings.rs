//! How the service behaves (read from the configuration), and what it wakes the other tasks
//! with.

use std::sync::Arc;

use chrono::Duration;
use chrono_tz::Tz;
use tokio::sync::Notify;

use secrecy::ExposeSecret;

use crate::config::{RetentionSettings, Settings};
use crate::domain::Language;
use crate::domain::email::DailyLimits;
use crate::domain::privacy::Privacy;
use crate::domain::retention::Retention;
use crate::domain::tokens::LinkKey;

/// How the service behaves; read from the configuration.
#[derive(Debug, Clone)]
pub struct ServiceSettings {
    pub default_language: Language,
    /// Commands older than this when the bot sees them are not answered.
    pub max_command_age: Duration,
    /// Dates are read and shown in this time zone.
    pub time_zone: Tz,
    /// Where the group's web page is reached (`https://…`), when it is on.
    pub web_url: Option<String>,
    /// Commands one member may send in a minute (0: no limit).
    pub max_commands_per_minute: usize,
    /// How long an encrypted message stays unreadable before its sender is told.
    pub undecryptable_notice_after: Duration,
    /// With a rhythm, how many days before the next meeting is due its dates are proposed.
    pub rhythm_lead_days: u32,
    /// Whether e-mail is configured: only then are e-mails queued.
    pub email: bool,
    /// How long a meeting's invitation update waits for more changes, to go out as one.
    pub email_update_delay: Duration,
    /// The daily limits of what is e-mailed (named when e-mails are held back).
    pub email_limits: crate::domain::email::DailyLimits,
    /// What every link token is derived from ([`crate::domain::tokens`]).
    pub links: crate::domain::tokens::LinkKey,
    /// How long each kind of personal data is kept.
    pub retention: Retention,
    /// The controllers `[privacy]` names (empty: each room's associations).
    pub controllers: Vec<String>,
    /// Whom a person asks about their data (`[privacy] contact`).
    pub privacy_contact: Option<String>,
    /// How many mandates one holder may carry at a time (`decisions.max_mandates_per_holder`).
    pub max_mandates_per_holder: usize,
    /// Days after which an unconfirmed contact is "to check" (`contacts.confirm_after_days`).
    pub contacts_confirm_after_days: u32,
    /// Days after a letter went out without an answer when the room is reminded.
    pub letter_follow_up_days: u32,
    /// Where institutions answer a letter (`Reply-To`), if anywhere but the bot's address.
    pub letter_reply_to: Option<String>,
    /// Where the group writes from, before a signed letter's date (`advocacy.place`).
    pub letter_place: Option<String>,
}

impl ServiceSettings {
    /// The service's settings, resolved from the checked configuration.
    pub fn from_config(settings: &Settings) -> Self {
        Self {
            default_language: settings.bot.language,
            max_command_age: settings.max_command_age(),
            time_zone: settings.bot.time_zone,
            web_url: settings.web.as_ref().map(|web| web.public_url.clone()),
            max_commands_per_minute: settings.bot.max_commands_per_minute,
            undecryptable_notice_after: settings.undecryptable_notice_after(),
            rhythm_lead_days: settings.bot.rhythm_lead_days,
            email: settings.email.is_some(),
            email_update_delay: settings
                .email
                .as_ref()
                .map_or(Duration::zero(), |email| email.update_delay()),
            email_limits: settings.email.as_ref().map_or(
                DailyLimits {
                    per_recipient: usize::MAX,
                    per_room: usize::MAX,
                },
                |email| email.daily_limits(),
            ),
            links: Self::link_key(settings),
            retention: retention(&settings.retention),
            controllers: settings.privacy.controllers.clone(),
            privacy_contact: settings.privacy.contact.clone(),
            max_mandates_per_holder: settings.decisions.max_mandates_per_holder,
            contacts_confirm_after_days: settings.contacts.confirm_after_days,
            letter_follow_up_days: settings.advocacy.follow_up_days(),
            letter_reply_to: settings.advocacy.reply_to.clone().or_else(|| {
                settings
                    .privacy
                    .contact
                    .clone()
                    .filter(|contact| crate::domain::guest::looks_like_email(contact))
            }),
            letter_place: settings.advocacy.place.clone(),
        }
    }

    /// What the privacy notices and the register entry are filled from.
    pub fn privacy(&self) -> Privacy {
        Privacy {
            controllers: self.controllers.clone(),
            contact: self.privacy_contact.clone(),
            retention: self.retention,
            email: self.email,
            web_url: self.web_url.clone(),
        }
    }

    /// The key of the deployment's links ([`crate::domain::tokens`]): derived from the store
    /// passphrase.
    pub fn link_key(settings: &Settings) -> LinkKey {
        LinkKey::from_secret(settings.storage.store_passphrase.expose_secret())
    }
}

/// The retention settings, in days, as durations.
fn retention(settings: &RetentionSettings) -> Retention {
    let days = |days: u32| Duration::days(i64::from(days));
    Retention {
        sent_email: days(settings.sent_email_days),
        sent_messages: days(settings.sent_messages_days),
        poll_answers: days(settings.poll_answers_days),
        undecryptable: days(settings.undecryptable_days),
        training_names: days(settings.training_names_days),
    }
}

/// What the other tasks are woken with.
#[derive(Debug, Clone, Default)]
pub struct Wakeups {
    /// Messages were queued: the sender has work.
    pub outbox: Arc<Notify>,
    /// Something with a time changed (a meeting was scheduled or cancelled): the clock must
    /// look again at what falls due next.
    pub clock: Arc<Notify>,
    /// E-mails were queued: the e-mail sender has work.
    pub email: Arc<Notify>,
}

impl Wakeups {
    /// Something was queued in an outbox: both senders look.
    pub fn queued(&self) {
        self.outbox.notify_one();
        self.email.notify_one();
    }
}
