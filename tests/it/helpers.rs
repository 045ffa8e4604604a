//! The harness: a Synapse homeserver (started once per test run by `scripts/homeserver`, or the
//! one named by `CONCERTO_TEST_HOMESERVER` and `CONCERTO_TEST_SHARED_SECRET`), users registered
//! through its shared-secret admin API, the bot as a child process, and a Matrix client per user.
//!
//! Waiting is always for an event (a message, a membership change) with a generous upper bound,
//! never for a fixed time.

use std::path::{Path, PathBuf};
use std::process::Stdio;
use std::sync::OnceLock;
use std::sync::atomic::{AtomicU32, Ordering};
use std::time::Duration;

use hmac::{Hmac, Mac};
use matrix_sdk::config::SyncSettings;
use matrix_sdk::deserialized_responses::EncryptionInfo;
use matrix_sdk::ruma::api::client::room::create_room::v3::{Request as CreateRoom, RoomPreset};
use matrix_sdk::ruma::events::InitialStateEvent;
use matrix_sdk::ruma::events::poll::response::PollResponseEventContent;
use matrix_sdk::ruma::events::poll::start::PollKind;
use matrix_sdk::ruma::events::poll::unstable_end::OriginalSyncUnstablePollEndEvent;
use matrix_sdk::ruma::events::poll::unstable_response::UnstablePollResponseEventContent;
use matrix_sdk::ruma::events::poll::unstable_start::OriginalSyncUnstablePollStartEvent;
use matrix_sdk::ruma::events::reaction::{OriginalSyncReactionEvent, ReactionEventContent};
use matrix_sdk::ruma::events::relation::Annotation;
use matrix_sdk::ruma::events::room::encryption::RoomEncryptionEventContent;
use matrix_sdk::ruma::events::room::member::{MembershipState, OriginalSyncRoomMemberEvent};
use matrix_sdk::ruma::events::room::message::FileMessageEventContent;
use matrix_sdk::ruma::events::room::message::{
    MessageType, OriginalSyncRoomMessageEvent, Relation, ReplacementMetadata,
    RoomMessageEventContent,
};
use matrix_sdk::ruma::{OwnedEventId, OwnedRoomId, OwnedUserId};
use matrix_sdk::{Client, Room};
use serde_json::json;
use tokio::process::{Child, Command};
use tokio::sync::mpsc;

/// How long any single expected event may take before the test fails.
pub const PATIENCE: Duration = Duration::from_secs(45);

/// Asks `check` again and again (every 50 ms, for up to `patience`) until it answers
/// `Ok`, for what nothing announces (a file, a log line, the homeserver's admin API, a page
/// that stops answering); `Err` carries what it saw, shown if the patience runs out.
pub async fn eventually<T, F, Fut>(what: &str, patience: Duration, mut check: F) -> T
where
    F: FnMut() -> Fut,
    Fut: std::future::Future<Output = Result<T, String>>,
{
    let deadline = tokio::time::Instant::now() + patience;
    loop {
        match check().await {
            Ok(found) => return found,
            Err(seen) => assert!(
                tokio::time::Instant::now() < deadline,
                "waited {patience:?} for {what}; last seen: {seen}"
            ),
        }
        tokio::time::sleep(Duration::from_millis(50)).await;
    }
}

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

/// A message as a member's client received it (decrypted if need be).
#[derive(Debug, Clone)]
pub struct Received {
    pub room_id: OwnedRoomId,
    pub sender: OwnedUserId,
    pub body: String,
    pub html: Option<String>,
    pub is_notice: bool,
    pub in_reply_to: Option<OwnedEventId>,
    /// The root of the thread it was posted in, if any.
    pub thread_root: Option<OwnedEventId>,
    pub was_encrypted: bool,
    pub event_id: OwnedEventId,
    /// The file, for file messages (such as the .ics invitation).
    pub file: Option<FileMessageEventContent>,
    /// The people the message mentions (`m.mentions`).
    pub mentions: Vec<OwnedUserId>,
    /// When the member's client received it (read by the benchmarks).
    #[allow(dead_code)]
    pub received_at: std::time::Instant,
}

/// A reaction as a member's client received it.
#[derive(Debug, Clone)]
pub struct SeenReaction {
    pub sender: OwnedUserId,
    pub target: OwnedEventId,
    pub key: String,
}

/// A poll event (`org.matrix.msc3381.poll.*`) as a member's client received it.
#[derive(Debug, Clone)]
pub struct SeenPoll {
    pub event_id: OwnedEventId,
    pub sender: OwnedUserId,
    pub was_encrypted: bool,
    pub what: PollEvent,
}

impl SeenPoll {
    /// The id of the poll's answer whose text is `text` (empty if none is).
    pub fn answer_id(&self, text: &str) -> String {
        match &self.what {
            PollEvent::Start { answers, .. } => answers
                .iter()
                .find(|(_, answer)| answer == text)
                .map(|(id, _)| id.clone())
                .unwrap_or_default(),
            PollEvent::End { .. } => String::new(),
        }
    }
}

#[derive(Debug, Clone)]
pub enum PollEvent {
    Start {
        question: String,
        /// (id, text) of each answer.
        answers: Vec<(String, String)>,
        disclosed: bool,
        max_selections: u64,
        /// The text for clients without polls.
        fallback: Option<String>,
    },
    End {
        poll: OwnedEventId,
        text: String,
    },
}

#[derive(Debug, Clone)]
struct MembershipChange {
    room_id: OwnedRoomId,
    user_id: OwnedUserId,
    membership: MembershipState,
    display_name: Option<String>,
}

/// A person in the rooms, with a real Matrix client that keeps syncing in the background.
pub struct TestUser {
    pub client: Client,
    pub user_id: OwnedUserId,
    messages: mpsc::UnboundedReceiver<Received>,
    memberships: mpsc::UnboundedReceiver<MembershipChange>,
    reactions: mpsc::UnboundedReceiver<SeenReaction>,
    polls: mpsc::UnboundedReceiver<SeenPoll>,
    /// Every poll event received so far, in order.
    pub polls_seen: Vec<SeenPoll>,
    /// Every reaction received so far, in order.
    pub reactions_seen: Vec<SeenReaction>,
    /// Every message received so far, in order.
    pub seen: Vec<Received>,
    sync: tokio::task::JoinHandle<()>,
    /// The account's login name and password, for another device.
    login: (String, String),
}

impl Drop for TestUser {
    fn drop(&mut self) {
        self.sync.abort();
    }
}

impl TestUser {
    pub async fn new(prefix: &str, admin: bool) -> TestUser {
        Self::new_on(homeserver(), prefix, admin).await
    }

    /// A user of the given homeserver (a test's own).
    pub async fn new_on(homeserver: &Homeserver, prefix: &str, admin: bool) -> TestUser {
        let name = unique_name(prefix);
        let password = format!("{name}-password");
        let user_id = homeserver.register(&name, &password, admin).await;
        let client = Client::builder()
            .homeserver_url(&homeserver.url)
            .build()
            .await
            .expect("client");
        client
            .matrix_auth()
            .login_username(&name, &password)
            .initial_device_display_name("test client")
            .send()
            .await
            .expect("login");

        let (message_tx, messages) = mpsc::unbounded_channel();
        client.add_event_handler(
            move |event: OriginalSyncRoomMessageEvent,
                  room: Room,
                  encryption: Option<EncryptionInfo>| {
                let message_tx = message_tx.clone();
                async move {
                    let (in_reply_to, thread_root) = match &event.content.relates_to {
                        Some(Relation::Reply(reply)) => {
                            (Some(reply.in_reply_to.event_id.clone()), None)
                        }
                        // In a thread: a genuine reply names its event; a fallback does not.
                        Some(Relation::Thread(thread)) => (
                            thread
                                .in_reply_to
                                .as_ref()
                                .filter(|_| !thread.is_falling_back)
                                .map(|reply| reply.event_id.clone()),
                            Some(thread.event_id.clone()),
                        ),
                        _ => (None, None),
                    };
                    let (body, html, is_notice) = match &event.content.msgtype {
                        MessageType::Notice(notice) => (
                            notice.body.clone(),
                            notice.formatted.as_ref().map(|f| f.body.clone()),
                            true,
                        ),
                        MessageType::Text(text) => (
                            text.body.clone(),
                            text.formatted.as_ref().map(|f| f.body.clone()),
                            false,
                        ),
                        other => (other.body().to_owned(), None, false),
                    };
                    let file = match &event.content.msgtype {
                        MessageType::File(file) => Some(file.clone()),
                        _ => None,
                    };
                    let _ = message_tx.send(Received {
                        room_id: room.room_id().to_owned(),
                        sender: event.sender.clone(),
                        body,
                        html,
                        is_notice,
                        in_reply_to,
                        thread_root,
                        was_encrypted: encryption.is_some(),
                        event_id: event.event_id.clone(),
                        file,
                        mentions: event
                            .content
                            .mentions
                            .as_ref()
                            .map(|mentions| mentions.user_ids.iter().cloned().collect())
                            .unwrap_or_default(),
                        received_at: std::time::Instant::now(),
                    });
                }
            },
        );
        let (reaction_tx, reactions) = mpsc::unbounded_channel();
        client.add_event_handler(move |event: OriginalSyncReactionEvent| {
            let reaction_tx = reaction_tx.clone();
            async move {
                let _ = reaction_tx.send(SeenReaction {
                    sender: event.sender.clone(),
                    target: event.content.relates_to.event_id.clone(),
                    key: event.content.relates_to.key.clone(),
                });
            }
        });
        let (poll_tx, polls) = mpsc::unbounded_channel();
        let start_tx = poll_tx.clone();
        client.add_event_handler(
            move |event: OriginalSyncUnstablePollStartEvent, encryption: Option<EncryptionInfo>| {
                let poll_tx = start_tx.clone();
                async move {
                    let start = event.content.poll_start();
                    let fallback = match &event.content {
                        matrix_sdk::ruma::events::poll::unstable_start::UnstablePollStartEventContent::New(new) => new.text.clone(),
                        _ => None,
                    };
                    let _ = poll_tx.send(SeenPoll {
                        event_id: event.event_id.clone(),
                        sender: event.sender.clone(),
                        was_encrypted: encryption.is_some(),
                        what: PollEvent::Start {
                            question: start.question.text.clone(),
                            answers: start
                                .answers
                                .iter()
                                .map(|answer| (answer.id.clone(), answer.text.clone()))
                                .collect(),
                            disclosed: start.kind == PollKind::Disclosed,
                            max_selections: start.max_selections.into(),
                            fallback,
                        },
                    });
                }
            },
        );
        client.add_event_handler(
            move |event: OriginalSyncUnstablePollEndEvent, encryption: Option<EncryptionInfo>| {
                let poll_tx = poll_tx.clone();
                async move {
                    let _ = poll_tx.send(SeenPoll {
                        event_id: event.event_id.clone(),
                        sender: event.sender.clone(),
                        was_encrypted: encryption.is_some(),
                        what: PollEvent::End {
                            poll: event.content.relates_to.event_id.clone(),
                            text: event.content.text.clone(),
                        },
                    });
                }
            },
        );
        let (membership_tx, memberships) = mpsc::unbounded_channel();
        client.add_event_handler(move |event: OriginalSyncRoomMemberEvent, room: Room| {
            let membership_tx = membership_tx.clone();
            async move {
                let _ = membership_tx.send(MembershipChange {
                    room_id: room.room_id().to_owned(),
                    user_id: event.state_key.clone(),
                    membership: event.content.membership.clone(),
                    display_name: event.content.displayname.clone(),
                });
            }
        });

        // The first sync uploads the device keys, so that the bot can encrypt for this user.
        client
            .sync_once(SyncSettings::default())
            .await
            .expect("first sync");
        let syncing = client.clone();
        let sync = tokio::spawn(async move {
            // A plain loop: the SDK's `sync()` sleeps a second after each quick sync.
            let settings = SyncSettings::default().timeout(Duration::from_secs(10));
            let mut failing = false;
            loop {
                match syncing.sync_once(settings.clone()).await {
                    Ok(_) => failing = false,
                    Err(error) => {
                        // Once per outage, not every 200 ms of it.
                        if !failing {
                            eprintln!("test client sync failed: {error}");
                        }
                        failing = true;
                        tokio::time::sleep(Duration::from_millis(200)).await;
                    }
                }
            }
        });
        TestUser {
            client,
            user_id,
            messages,
            memberships,
            reactions,
            reactions_seen: Vec::new(),
            polls,
            polls_seen: Vec::new(),
            seen: Vec::new(),
            sync,
            login: (name, password),
        }
    }

    /// Creates a room (encrypted or not) and invites `invitees`.
    pub async fn create_room(&self, encrypted: bool, invitees: &[&OwnedUserId]) -> Room {
        let mut request = CreateRoom::new();
        request.preset = Some(RoomPreset::PrivateChat);
        request.invite = invitees.iter().map(|user| (*user).clone()).collect();
        if encrypted {
            request.initial_state = vec![
                InitialStateEvent::with_empty_state_key(
                    RoomEncryptionEventContent::with_recommended_defaults(),
                )
                .to_raw_any(),
            ];
        }
        self.client.create_room(request).await.expect("create room")
    }

    pub async fn invite(&self, room: &Room, user: &OwnedUserId) {
        room.invite_user_by_id(user).await.expect("invite");
    }

    /// Sends a text message and returns its event id.
    pub async fn say(&self, room: &Room, body: &str) -> OwnedEventId {
        room.send(RoomMessageEventContent::text_plain(body))
            .await
            .expect("send message")
            .response
            .event_id
    }

    /// Reacts to an event with `key`; returns the reaction's event id (to redact it later).
    pub async fn react(&self, room: &Room, target: &OwnedEventId, key: &str) -> OwnedEventId {
        let content = ReactionEventContent::new(Annotation::new(target.clone(), key.to_owned()));
        room.send(content)
            .await
            .expect("send reaction")
            .response
            .event_id
    }

    /// Answers a poll as Element does (`org.matrix.msc3381.poll.response`).
    pub async fn answer_poll(
        &self,
        room: &Room,
        poll: &OwnedEventId,
        answer: &str,
    ) -> OwnedEventId {
        let content = UnstablePollResponseEventContent::new(vec![answer.to_owned()], poll.clone());
        room.send(content)
            .await
            .expect("send poll response")
            .response
            .event_id
    }

    /// Answers a poll with the stable event type (`m.poll.response`).
    pub async fn answer_poll_stable(
        &self,
        room: &Room,
        poll: &OwnedEventId,
        answer: &str,
    ) -> OwnedEventId {
        let content = PollResponseEventContent::new(vec![answer.to_owned()].into(), poll.clone());
        room.send(content)
            .await
            .expect("send poll response")
            .response
            .event_id
    }

    /// Waits for a poll event matching `wanted`.
    pub async fn wait_for_poll(
        &mut self,
        what: &str,
        wanted: impl Fn(&SeenPoll) -> bool,
    ) -> SeenPoll {
        if let Some(found) = self.polls_seen.iter().find(|poll| wanted(poll)) {
            return found.clone();
        }
        let deadline = tokio::time::Instant::now() + PATIENCE;
        loop {
            let poll = tokio::time::timeout_at(deadline, self.polls.recv())
                .await
                .unwrap_or_else(|_| {
                    panic!("waited {PATIENCE:?} for {what}; saw {:#?}", self.polls_seen)
                })
                .expect("poll channel open");
            self.polls_seen.push(poll.clone());
            if wanted(&poll) {
                return poll;
            }
        }
    }

    /// Removes (redacts) one of this user's events, such as a reaction.
    pub async fn redact(&self, room: &Room, event: &OwnedEventId) {
        room.redact(event, None, None).await.expect("redact");
    }

    /// Waits for a reaction matching `wanted`.
    pub async fn wait_for_reaction(
        &mut self,
        what: &str,
        wanted: impl Fn(&SeenReaction) -> bool,
    ) -> SeenReaction {
        if let Some(found) = self.reactions_seen.iter().find(|reaction| wanted(reaction)) {
            return found.clone();
        }
        let deadline = tokio::time::Instant::now() + PATIENCE;
        loop {
            let reaction = tokio::time::timeout_at(deadline, self.reactions.recv())
                .await
                .unwrap_or_else(|_| {
                    panic!(
                        "waited {PATIENCE:?} for {what}; saw {:#?}",
                        self.reactions_seen
                    )
                })
                .expect("reaction channel open");
            self.reactions_seen.push(reaction.clone());
            if wanted(&reaction) {
                return reaction;
            }
        }
    }

    /// Downloads (and decrypts) a file someone sent.
    pub async fn download(&self, file: &FileMessageEventContent) -> Vec<u8> {
        self.client
            .media()
            .get_file(file, false)
            .await
            .expect("download")
            .expect("file content")
    }

    /// Edits one of this user's messages (an `m.replace` event), as clients do.
    pub async fn edit(&self, room: &Room, original: &OwnedEventId, new_body: &str) -> OwnedEventId {
        let content = RoomMessageEventContent::text_plain(new_body)
            .make_replacement(ReplacementMetadata::new(original.clone(), None));
        room.send(content)
            .await
            .expect("send edit")
            .response
            .event_id
    }

    /// Joins a room this user was invited to.
    pub async fn join(&self, room: &Room) -> Room {
        self.client
            .join_room_by_id(room.room_id())
            .await
            .expect("join room")
    }

    /// Waits for the next message matching `wanted`; every message received on the way is kept
    /// in `seen`.
    pub async fn wait_for_message(
        &mut self,
        what: &str,
        wanted: impl Fn(&Received) -> bool,
    ) -> Received {
        self.wait_for_message_within(PATIENCE, what, wanted).await
    }

    /// [`TestUser::wait_for_message`] for a message due at a moment on the wall clock, which
    /// may come later than the usual patience.
    pub async fn wait_for_message_within(
        &mut self,
        patience: Duration,
        what: &str,
        wanted: impl Fn(&Received) -> bool,
    ) -> Received {
        if let Some(found) = self.seen.iter().find(|message| wanted(message)) {
            return found.clone();
        }
        let deadline = tokio::time::Instant::now() + patience;
        loop {
            let message = tokio::time::timeout_at(deadline, self.messages.recv())
                .await
                .unwrap_or_else(|_| {
                    panic!(
                        "{} waited {patience:?} for {what}; it saw: {:#?}",
                        self.user_id, self.seen
                    )
                })
                .expect("message channel open");
            self.seen.push(message.clone());
            if wanted(&message) {
                return message;
            }
        }
    }

    /// Waits for the bot's reply to the command `command`.
    pub async fn reply_to(&mut self, command: &OwnedEventId) -> Received {
        let command = command.clone();
        self.wait_for_message(&format!("a reply to {command}"), move |message| {
            message.in_reply_to.as_ref() == Some(&command)
        })
        .await
    }

    /// Waits until this member's client knows a device of `user` other than `known`, with its
    /// keys: what it encrypts from then on is shared with that device too. The client learns
    /// it from its own sync; nothing in the room shows it, so its store is asked again and again.
    pub async fn wait_for_device_of(&self, user: &OwnedUserId, known: &[String]) -> String {
        let what = format!("{} to see a new device of {user}", self.user_id);
        eventually(&what, PATIENCE, || async {
            let devices = self
                .client
                .encryption()
                .get_user_devices(user)
                .await
                .expect("devices");
            devices
                .devices()
                .map(|device| device.device_id().to_string())
                .find(|device| !known.contains(device))
                .ok_or_else(|| format!("{} device(s), all known", devices.devices().count()))
        })
        .await
    }

    /// Another device of this member (a new login, with keys of its own), synced once.
    pub async fn new_device(&self) -> Client {
        let client = Client::builder()
            .homeserver_url(homeserver_url_of(&self.client))
            .build()
            .await
            .expect("client");
        client
            .matrix_auth()
            .login_username(&self.login.0, &self.login.1)
            .initial_device_display_name("test client, second device")
            .send()
            .await
            .expect("login");
        client
            .sync_once(SyncSettings::default())
            .await
            .expect("first sync");
        client
    }

    /// Sends an encrypted event whose room key the bot never receives (as from a client that
    /// does not share its keys with the bot), straight through the client-server API.
    /// `relates_to`, when given, travels in clear beside the ciphertext, as clients send it.
    pub async fn send_unreadable(
        &self,
        room: &Room,
        session_id: &str,
        relates_to: Option<serde_json::Value>,
    ) -> OwnedEventId {
        let token = self.client.access_token().expect("token");
        let txn = unique_name("unreadable");
        let mut content = json!({
            "algorithm": "m.megolm.v1.aes-sha2",
            "sender_key": "nGkPt5gSgkJLSDyVh4fz/eUUXoZiOZHq3RLXW3ZeTw0",
            "device_id": self.client.device_id().expect("device").as_str(),
            "session_id": session_id,
            "ciphertext": "AwgAEnACgAkLmt6qF84IK++J7UDH2Za1YVchHyprqTqsg2yyOwAtHaZTwyNg37afzg8f3r9IsN9r4RNFg7MaZencUJe4qvELiDiopUjy5wYVDAtqdBzer5bWRD9ldxp1FLgbQvBcjkkywYjCsmsq6+hArLd9oAQZnGKn/qLsK+5uNX3PaWzDRC9wZPQvWYYPCTov3jCwXKTPsLKIiTrcCXDqMvnn8m+T3zF/I2zqxg158tnUwWWIw51UO",
        });
        if let Some(relation) = relates_to {
            content["m.relates_to"] = relation;
        }
        let response: serde_json::Value = reqwest::Client::new()
            .put(format!(
                "{}/_matrix/client/v3/rooms/{}/send/m.room.encrypted/{txn}",
                homeserver_url_of(&self.client),
                room.room_id()
            ))
            .bearer_auth(token)
            .json(&content)
            .send()
            .await
            .expect("send request")
            .json()
            .await
            .expect("send json");
        let event_id = response["event_id"]
            .as_str()
            .unwrap_or_else(|| panic!("not sent: {response}"));
        OwnedEventId::try_from(event_id).expect("event id")
    }

    /// The replies to `command` received so far.
    pub fn replies_seen(&self, command: &OwnedEventId) -> usize {
        self.seen
            .iter()
            .filter(|message| message.in_reply_to.as_ref() == Some(command))
            .count()
    }

    /// Changes the member's display name, and waits until `room` shows it: what they say
    /// afterwards comes after the change there.
    pub async fn set_display_name(&mut self, room: &Room, name: &str) {
        self.client
            .account()
            .set_display_name(Some(name))
            .await
            .expect("display name");
        let deadline = tokio::time::Instant::now() + PATIENCE;
        loop {
            let change = tokio::time::timeout_at(deadline, self.memberships.recv())
                .await
                .unwrap_or_else(|_| panic!("waited {PATIENCE:?} to be called {name}"))
                .expect("membership channel open");
            if change.room_id == room.room_id()
                && change.user_id == self.user_id
                && change.display_name.as_deref() == Some(name)
            {
                return;
            }
        }
    }

    /// Waits until `user`'s membership in `room` becomes `membership`.
    pub async fn wait_for_membership(
        &mut self,
        room: &Room,
        user: &OwnedUserId,
        membership: MembershipState,
    ) {
        let deadline = tokio::time::Instant::now() + PATIENCE;
        loop {
            let change = tokio::time::timeout_at(deadline, self.memberships.recv())
                .await
                .unwrap_or_else(|_| {
                    panic!(
                        "waited {PATIENCE:?} for {user} to be {membership} in {}",
                        room.room_id()
                    )
                })
                .expect("membership channel open");
            if change.room_id == room.room_id()
                && change.user_id == *user
                && change.membership == membership
            {
                return;
            }
        }
    }
}

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

/// Sends a command and returns the bot's reply to it.
pub async fn ask(user: &mut TestUser, room: &Room, body: &str) -> String {
    let command = user.say(room, body).await;
    user.reply_to(&command).await.body
}

/// A free TCP port on 127.0.0.1 (for the bot's web server).
pub fn free_port() -> u16 {
    std::net::TcpListener::bind("127.0.0.1:0")
        .and_then(|listener| listener.local_addr())
        .map(|address| address.port())
        .expect("a free port")
}

/// A room with `user` and the bot in it, the bot's welcome already received.
pub async fn room_with_bot(user: &mut TestUser, bot: &Bot, encrypted: bool) -> Room {
    let room = user.create_room(encrypted, &[&bot.user_id]).await;
    wait_for_welcome(user, bot, &room).await;
    room
}

/// Waits until `user` sees the bot greet `room` (it has joined, and is answering).
pub async fn wait_for_welcome(user: &mut TestUser, bot: &Bot, room: &Room) {
    let room_id = room.room_id().to_owned();
    let bot_id = bot.user_id.clone();
    user.wait_for_message("the bot's welcome", move |message| {
        message.room_id == room_id && message.sender == bot_id
    })
    .await;
}

/// The homeserver a client talks to, without a trailing slash.
fn homeserver_url_of(client: &Client) -> String {
    client
        .homeserver()
        .to_string()
        .trim_end_matches('/')
        .to_owned()
}

/// CPU time a process has used so far (user and system), from `/proc`.
pub fn cpu_time_of(pid: u32) -> Duration {
    let stat = std::fs::read_to_string(format!("/proc/{pid}/stat")).expect("/proc stat");
    // Fields after the command name (which may hold spaces) start after its ')'.
    let fields: Vec<&str> = stat
        .rsplit_once(')')
        .map(|(_, rest)| rest.split_whitespace().collect())
        .unwrap_or_default();
    // utime and stime are fields 14 and 15 of the line, 12 and 13 after the name.
    let ticks: u64 =
        fields[11].parse::<u64>().expect("utime") + fields[12].parse::<u64>().expect("stime");
    // Linux reports them in clock ticks of 1/100 s (USER_HZ).
    Duration::from_millis(ticks * 10)
}
