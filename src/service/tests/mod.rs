//! The service's tests, by capability, against a real SQLite file and a recording chat. The
//! recorder plays the homeserver: it records what is sent, can fail sends, and answers the
//! questions the service asks of the rooms.

mod advocacy;
mod agenda;
mod attendance;
mod ballots;
mod cancelling;
mod commands;
mod contacts;
mod delivery;
mod due;
mod email;
mod english;
mod fuzz;
mod groups;
mod guests;
mod links;
mod mandates;
mod meetings;
mod minutes;
mod polls;
mod privacy;
mod record;
mod reminders;
mod retention;
mod rhythm;
mod rule;
mod training_notices;
mod trainings;
mod trust;
mod upgrades;

use std::collections::HashMap;
use std::sync::{Arc, Mutex};

use chrono::{DateTime, Duration, Utc};

use super::*;
use crate::clock::Clock;
use crate::domain::messages::{Content, OutgoingMessage, UndecryptedEvent};
use crate::domain::{EventId, Language, RoomId, UserId};
use crate::replies;
use crate::sender::Sender;
use crate::storage::tests::temporary_store;
use crate::testing::at;

/// Records what would be sent; fails the sends it is told to.
#[derive(Default)]
pub(super) struct RecordingChat {
    sent: Mutex<Vec<OutgoingMessage>>,
    /// Transaction ids already posted, as the homeserver remembers them.
    posted: Mutex<HashMap<String, EventId>>,
    pub failures_left: Mutex<u32>,
    /// What `relations_of` answers, as the homeserver would.
    pub server_relations: Mutex<Relations>,
    /// Events whose key "arrived": `decrypt` gives them back as this.
    pub decryptable: Mutex<HashMap<EventId, Option<Incoming>>>,
    /// How many times a display name was asked for (work a message being built does).
    pub names_asked: std::sync::atomic::AtomicUsize,
    /// Rooms where the bot may not post (an upgraded room's old version).
    pub read_only: Mutex<Vec<RoomId>>,
    /// Asking this member's name panics: a fault inside a handling, for the trust tests.
    pub panics_on_name_of: Mutex<Option<UserId>>,
    /// The next send panics (once): a fault inside a send, for the trust tests.
    pub next_send_panics: std::sync::atomic::AtomicBool,
    /// The files members sent, by event: what `file_of` downloads.
    pub files: Mutex<HashMap<EventId, crate::domain::messages::ReceivedFile>>,
    /// The working groups' rooms created, in order, with what they were created with.
    pub rooms_created: Mutex<Vec<(RoomId, crate::domain::messages::GroupRoomSpec)>>,
}

impl Chat for RecordingChat {
    async fn send(&self, message: &OutgoingMessage) -> Result<EventId, SendError> {
        let panics = self
            .next_send_panics
            .swap(false, std::sync::atomic::Ordering::Relaxed);
        assert!(!panics, "a fault injected by the test, in a send");
        {
            let mut failures = self.failures_left.lock().expect("lock");
            if *failures > 0 {
                *failures -= 1;
                return Err(SendError {
                    permanent: false,
                    reason: "homeserver unreachable".into(),
                });
            }
        }
        // Like a homeserver: the same transaction id gets the same event, posted once.
        let mut posted = self.posted.lock().expect("lock");
        if let Some(event) = posted.get(&message.transaction_id()) {
            return Ok(event.clone());
        }
        let mut sent = self.sent.lock().expect("lock");
        sent.push(message.clone());
        let event = EventId::new(format!("$reply{}", sent.len()));
        posted.insert(message.transaction_id(), event.clone());
        Ok(event)
    }

    async fn power_level(&self, _room: &RoomId, user: &UserId) -> i64 {
        if user.as_str().starts_with("@moderator") {
            100
        } else {
            0
        }
    }

    async fn display_name(&self, _room: &RoomId, user: &UserId) -> Option<String> {
        self.names_asked
            .fetch_add(1, std::sync::atomic::Ordering::Relaxed);
        let panics = self.panics_on_name_of.lock().expect("lock").as_ref() == Some(user);
        assert!(!panics, "a fault injected by the test, for `{user}`");
        user.as_str()
            .strip_prefix('@')
            .and_then(|rest| rest.split(':').next())
            .map(|name| name.to_uppercase())
    }

    async fn members(&self, room: &RoomId) -> Vec<(UserId, Option<String>)> {
        let mut members = Vec::new();
        for name in [
            "alice",
            "anne",
            "bob",
            "carla",
            "guest",
            "moderator",
            "prefet",
        ] {
            let user = UserId::new(format!("@{name}:localhost"));
            let display = self.display_name(room, &user).await;
            members.push((user, display));
        }
        members
    }

    async fn relations_of(&self, _room: &RoomId, event: &EventId) -> Option<Relations> {
        let relations = self.server_relations.lock().expect("lock");
        Some(Relations {
            reactions: relations
                .reactions
                .iter()
                .filter(|reaction| reaction.target == *event)
                .cloned()
                .collect(),
            poll_responses: relations
                .poll_responses
                .iter()
                .filter(|response| response.poll == *event)
                .cloned()
                .collect(),
            undecryptable: relations.undecryptable.clone(),
        })
    }

    fn own_id(&self) -> UserId {
        UserId::new("@concerto:localhost")
    }

    async fn may_post(&self, room: &RoomId) -> bool {
        !self.read_only.lock().expect("lock").contains(room)
    }

    async fn file_of(
        &self,
        _room: &RoomId,
        event: &EventId,
    ) -> Option<crate::domain::messages::ReceivedFile> {
        self.files.lock().expect("lock").get(event).cloned()
    }

    async fn room_name(&self, _room: &RoomId) -> Option<String> {
        Some("Concertation 77".to_owned())
    }

    async fn create_group_room(
        &self,
        spec: &crate::domain::messages::GroupRoomSpec,
    ) -> Result<RoomId, SendError> {
        let mut created = self.rooms_created.lock().expect("lock");
        // Like the Matrix layer: a second try finds the room the first made.
        if let Some((room, _)) = created.iter().find(|(_, made)| made.key == spec.key) {
            return Ok(room.clone());
        }
        let room = RoomId::new(format!("!group{}", created.len() + 1));
        created.push((room.clone(), spec.clone()));
        Ok(room)
    }

    async fn decrypt(&self, event: &UndecryptedEvent) -> Decryption {
        match self.decryptable.lock().expect("lock").get(&event.event_id) {
            Some(incoming) => Decryption::Done(incoming.clone()),
            None => Decryption::Pending,
        }
    }
}

/// What was sent, as a test reads it.
#[derive(Debug, Clone)]
pub(super) struct Sent {
    pub room: RoomId,
    pub markdown: String,
    pub in_reply_to: Option<EventId>,
    pub content: Content,
    pub thread: Option<EventId>,
}

impl RecordingChat {
    pub fn sent(&self) -> Vec<Sent> {
        self.sent
            .lock()
            .expect("lock")
            .iter()
            .map(|message| Sent {
                room: message.room.clone(),
                markdown: message.markdown().unwrap_or_default().to_owned(),
                in_reply_to: message.in_reply_to.clone(),
                content: message.content.clone(),
                thread: message.thread.clone(),
            })
            .collect()
    }

    /// The notices only (not the reactions and files).
    pub fn notices(&self) -> Vec<Sent> {
        self.sent()
            .into_iter()
            .filter(|sent| matches!(sent.content, Content::Notice { .. }))
            .collect()
    }
}

/// The service with its sender, as the bot runs them, on a fixed clock unless a test moves it.
pub(super) struct TestBot {
    pub service: Arc<Service<RecordingChat>>,
    pub sender: Sender<RecordingChat>,
    pub chat: Arc<RecordingChat>,
    pub store: Store,
    pub wakeups: Wakeups,
    /// When the trust tests' many commands are sent, one after the other.
    pub fill_clock: Mutex<DateTime<Utc>>,
}

impl TestBot {
    /// Whether the clock task was woken since this was last asked (the wake-up is consumed).
    pub async fn clock_woken(&self) -> bool {
        // A stored wake-up completes the wait at its first poll, before the zero timeout.
        tokio::time::timeout(std::time::Duration::ZERO, self.wakeups.clock.notified())
            .await
            .is_ok()
    }
}

/// A clock that stays where the test puts it.
pub(super) struct FixedClock(pub Mutex<DateTime<Utc>>);

impl Clock for FixedClock {
    fn now(&self) -> DateTime<Utc> {
        *self.0.lock().expect("lock")
    }
}

pub(super) fn settings() -> ServiceSettings {
    ServiceSettings {
        default_language: Language::Fr,
        max_command_age: Duration::hours(24),
        time_zone: chrono_tz::Europe::Paris,
        web_url: Some("https://concertation.example.org".into()),
        max_commands_per_minute: crate::domain::limits::MAX_COMMANDS,
        undecryptable_notice_after: Duration::seconds(30),
        rhythm_lead_days: 21,
        email: true,
        email_update_delay: Duration::zero(),
        email_limits: crate::domain::email::DailyLimits {
            per_recipient: 10,
            per_room: 200,
        },
        links: crate::domain::tokens::LinkKey::from_secret("correct horse"),
        retention: crate::domain::retention::Retention::default(),
        controllers: Vec::new(),
        privacy_contact: Some("dpo@exemple.org".into()),
        max_mandates_per_holder: crate::domain::mandate::DEFAULT_MAX_PER_HOLDER,
        contacts_confirm_after_days: 365,
        letter_follow_up_days: 30,
        letter_reply_to: Some("concertation77@exemple.org".into()),
        letter_place: Some("Melun".into()),
    }
}

pub(super) async fn bot_with_clock(clock: Arc<dyn Clock>) -> (TestBot, tempfile::TempDir) {
    let (store, dir) = temporary_store().await;
    let chat = Arc::new(RecordingChat::default());
    let wakeups = Wakeups::default();
    let service = Arc::new(Service::new(
        store.clone(),
        Texts::new().expect("locales"),
        chat.clone(),
        settings(),
        wakeups.clone(),
        at("2026-11-29T17:00:00Z"),
    ));
    let sender = Sender::new(service.clone(), clock);
    (
        TestBot {
            service,
            sender,
            chat,
            store,
            wakeups,
            fill_clock: Mutex::new(at("2026-11-29T18:00:00Z")),
        },
        dir,
    )
}

pub(super) async fn bot() -> (TestBot, tempfile::TempDir) {
    let clock = FixedClock(Mutex::new(at("2026-11-29T18:00:05Z")));
    bot_with_clock(Arc::new(clock)).await
}

impl TestBot {
    /// Handles an event as the sync loop does, then lets the sender send what it queued.
    pub async fn handle(&self, incoming: Incoming, now: DateTime<Utc>) {
        self.handle_unsent(incoming, now).await;
        self.deliver().await;
    }

    /// Handles an event as the sync loop does, leaving what it queued in the outbox.
    pub async fn handle_unsent(&self, incoming: Incoming, now: DateTime<Utc>) {
        self.service.handle(&incoming, now).await.expect("handled");
    }

    pub async fn on_message(&self, message: &IncomingMessage, now: DateTime<Utc>) {
        self.handle(Incoming::Message(message.clone()), now).await;
    }

    /// Sends what the outbox holds now.
    pub async fn deliver(&self) {
        self.sender.send_due().await.expect("outbox readable");
    }
}

pub(super) fn message(event: &str, body: &str, sent_at: &str) -> IncomingMessage {
    IncomingMessage {
        room: RoomId::new("!room"),
        event_id: EventId::new(event),
        sender: UserId::new("@alice:localhost"),
        body: body.into(),
        sent_at: at(sent_at),
        thread: None,
        in_reply_to: None,
    }
}

pub(super) fn from(sender: &str, event: &str, body: &str) -> IncomingMessage {
    IncomingMessage {
        sender: UserId::new(sender),
        ..message(event, body, "2026-11-29T18:00:00Z")
    }
}

/// `body` from `sender`, sent at `when` (RFC 3339).
pub(super) fn at_time(sender: &str, event: &str, body: &str, when: &str) -> IncomingMessage {
    IncomingMessage {
        sender: UserId::new(sender),
        ..message(event, body, when)
    }
}

/// `body` from `sender` at `when`, handled then; returns the replies to it.
pub(super) async fn say_at(
    bot: &TestBot,
    sender: &str,
    event: &str,
    body: &str,
    when: &str,
) -> String {
    bot.on_message(&at_time(sender, event, body, when), at(when))
        .await;
    reply_to(bot, event)
}

/// Every reply to the command `event`, joined.
pub(super) fn reply_to(bot: &TestBot, event: &str) -> String {
    bot.chat
        .sent()
        .into_iter()
        .filter(|sent| sent.in_reply_to == Some(EventId::new(event)))
        .map(|sent| sent.markdown)
        .collect::<Vec<_>>()
        .join("\n")
}

/// Sends the commands in order (all just now) and returns the replies' texts.
pub(super) async fn run_all(bot: &TestBot, commands: &[(&str, &str, &str)]) -> Vec<String> {
    let now = at("2026-11-29T18:00:05Z");
    for (sender, event, body) in commands {
        bot.on_message(&from(sender, event, body), now).await;
    }
    bot.chat.notices().into_iter().map(|m| m.markdown).collect()
}

pub(super) fn reaction(event: &str, sender: &str, target: &str, key: &str) -> IncomingReaction {
    IncomingReaction {
        room: RoomId::new("!room"),
        event_id: EventId::new(event),
        sender: UserId::new(sender),
        target: EventId::new(target),
        key: key.into(),
        sent_at: at("2026-11-29T18:00:02Z"),
    }
}

/// The one number `query` counts in the bot's database.
pub(super) async fn count(bot: &TestBot, query: &str) -> i64 {
    let mut tx = bot.store.begin().await.expect("begin");
    let found = tx.count_for_tests(query).await;
    tx.commit().await.expect("commit");
    found
}

/// Gives the test room its associations (host order as listed) and their members.
pub(super) async fn seed_associations(bot: &TestBot, members: &[(&str, &str)]) {
    let mut order: Vec<String> = Vec::new();
    for (_, association) in members {
        if !order.iter().any(|known| known == association) {
            order.push((*association).to_owned());
        }
    }
    let members: Vec<(UserId, String)> = members
        .iter()
        .map(|(user, association)| (UserId::new(*user), (*association).to_owned()))
        .collect();
    let mut tx = bot.store.begin().await.expect("begin");
    tx.seed_room(
        &RoomId::new("!room"),
        &order,
        &members,
        at("2026-11-29T17:00:00Z"),
    )
    .await
    .expect("seed");
    tx.commit().await.expect("commit");
}

/// Alice (Restos du Cœur) and Bob (Croix-Rouge) in the test room.
pub(super) async fn seed_alice_and_bob(bot: &TestBot) {
    seed_associations(
        bot,
        &[
            ("@alice:localhost", "Restos du Cœur"),
            ("@bob:localhost", "Croix-Rouge"),
        ],
    )
    .await;
}

/// Dates the room's next meeting (the one its agenda collects for) on Thursday 10 December
/// 2026 at 14 h (Paris), as a closed proposal would.
pub(super) async fn date_the_next_meeting(bot: &TestBot) {
    let mut tx = bot.store.begin().await.expect("begin");
    let meeting = tx
        .planned_meetings(&RoomId::new("!room"))
        .await
        .expect("meetings")[0]
        .clone();
    tx.schedule_meeting(
        meeting.id,
        at("2026-12-10T13:00:00Z"),
        at("2026-11-29T18:00:00Z"),
    )
    .await
    .expect("schedule");
    tx.commit().await.expect("commit");
}
