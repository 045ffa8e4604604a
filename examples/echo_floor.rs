//! "The floor": the fastest a bot on Concerto's stack can answer. A bare matrix-sdk client
//! (same crate, same features, an SQLite store) that drives its own `sync_once` loop, joins
//! the rooms it is invited to, and answers every `!…` message with a notice in reply, sent in
//! order by a task of its own (sending from inside the sync loop stalls: a send may wait for
//! the next sync). Nothing else: no database of its own, no parsing, no outbox. The benchmarks run it beside Concerto
//! on one Synapse to tell the bot's own cost from the homeserver's.
//!
//! Configured by the environment: `FLOOR_HOMESERVER`, `FLOOR_USER`, `FLOOR_PASSWORD`,
//! `FLOOR_DATA` (a directory; the session and the sync position are kept there, so that a
//! second start restores them as Concerto does), and optionally `FLOOR_PASSPHRASE`: the
//! SDK's store encrypted at rest with it, as Concerto's is (the floor's store is plain
//! without it).

use std::path::{Path, PathBuf};
use std::time::Duration;

use anyhow::Context;
use matrix_sdk::authentication::matrix::MatrixSession;
use matrix_sdk::config::{SyncSettings, SyncToken};
use matrix_sdk::ruma::events::relation::{InReplyTo, Reply};
use matrix_sdk::ruma::events::room::message::{
    MessageType, Relation, RoomMessageEventContent, SyncRoomMessageEvent,
};
use matrix_sdk::ruma::events::{AnySyncMessageLikeEvent, AnySyncTimelineEvent};
use matrix_sdk::{Client, Room, RoomState};
use tokio::sync::mpsc;

fn env(key: &str) -> anyhow::Result<String> {
    std::env::var(key).with_context(|| format!("{key} is not set"))
}

#[tokio::main]
async fn main() -> anyhow::Result<()> {
    let data = PathBuf::from(env("FLOOR_DATA")?);
    std::fs::create_dir_all(&data)?;
    let client = Client::builder()
        .homeserver_url(env("FLOOR_HOMESERVER")?)
        .sqlite_store(
            data.join("store"),
            std::env::var("FLOOR_PASSPHRASE").ok().as_deref(),
        )
        .build()
        .await?;
    let session_file = data.join("session.json");
    match std::fs::read_to_string(&session_file) {
        Ok(saved) => {
            let session: MatrixSession = serde_json::from_str(&saved)?;
            client.restore_session(session).await?;
        }
        Err(_) => {
            client
                .matrix_auth()
                .login_username(&env("FLOOR_USER")?, &env("FLOOR_PASSWORD")?)
                .send()
                .await?;
            let session = client.matrix_auth().session().context("no session")?;
            std::fs::write(&session_file, serde_json::to_string(&session)?)?;
        }
    }
    let own_user = client.user_id().context("not logged in")?.to_owned();
    let (replies, mut to_send) = mpsc::unbounded_channel::<(Room, RoomMessageEventContent)>();
    tokio::spawn(async move {
        while let Some((room, reply)) = to_send.recv().await {
            if let Err(error) = room.send(reply).await {
                eprintln!("send failed: {error}");
            }
        }
    });
    let position_file = data.join("next_batch");
    let mut position = read_position(&position_file);
    loop {
        let token = match &position {
            Some(token) => SyncToken::Specific(token.clone()),
            None => SyncToken::NoToken,
        };
        let settings = SyncSettings::default()
            .timeout(Duration::from_secs(30))
            .token(token);
        let response = match client.sync_once(settings).await {
            Ok(response) => response,
            Err(error) => {
                eprintln!("sync failed: {error}");
                tokio::time::sleep(Duration::from_secs(1)).await;
                continue;
            }
        };
        for room_id in response.rooms.invited.keys() {
            if let Some(room) = client.get_room(room_id)
                && room.state() == RoomState::Invited
            {
                room.join().await?;
            }
        }
        // On the very first start, what the rooms said before is history.
        if position.is_some() {
            for (room_id, update) in &response.rooms.joined {
                let Some(room) = client.get_room(room_id) else {
                    continue;
                };
                for event in &update.timeline.events {
                    let Ok(AnySyncTimelineEvent::MessageLike(
                        AnySyncMessageLikeEvent::RoomMessage(SyncRoomMessageEvent::Original(
                            message,
                        )),
                    )) = event.raw().deserialize()
                    else {
                        continue;
                    };
                    let MessageType::Text(text) = &message.content.msgtype else {
                        continue;
                    };
                    if message.sender == own_user || !text.body.starts_with('!') {
                        continue;
                    }
                    let mut reply = RoomMessageEventContent::notice_plain(&text.body);
                    reply.relates_to = Some(Relation::Reply(Reply::new(InReplyTo::new(
                        message.event_id.clone(),
                    ))));
                    replies.send((room.clone(), reply))?;
                }
            }
        }
        std::fs::write(&position_file, &response.next_batch)?;
        position = Some(response.next_batch);
    }
}

fn read_position(path: &Path) -> Option<String> {
    std::fs::read_to_string(path).ok()
}
