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

mod bot;
mod homeserver;
mod user;

pub use bot::*;
pub use homeserver::*;
pub use user::*;

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
