//! Never silent in an encrypted room: the bot's device deleted on the homeserver (while it runs
//! and while it is stopped), its Matrix store lost between two runs, a message whose key never
//! comes — each time the bot comes back, answers, counts every vote, and says what it could not
//! read. `concerto health` reports the device.

use std::collections::HashMap;

use matrix_sdk::ruma::events::room::member::MembershipState;
use matrix_sdk::ruma::events::{
    AnySyncMessageLikeEvent, AnySyncTimelineEvent, SyncMessageLikeEvent,
};
use matrix_sdk::ruma::{OwnedEventId, OwnedRoomId};
use serde_json::json;

use crate::helpers::{
    Bot, BotConfig, PATIENCE, PollEvent, TestUser, ask, eventually, homeserver, room_associations,
    room_with_bot,
};

/// The device the bot saved in its session.
fn saved_device(bot: &Bot) -> String {
    let text = std::fs::read_to_string(bot.data_dir().join("session.json")).expect("session");
    let saved: serde_json::Value = serde_json::from_str(&text).expect("session json");
    saved["session"]["device_id"]
        .as_str()
        .expect("device id")
        .to_owned()
}

/// `concerto health`'s lines, as `key: value`.
async fn health(bot: &Bot) -> HashMap<String, String> {
    let output = bot.cli(&["health"]).await;
    assert!(
        output.status.success(),
        "{}",
        String::from_utf8_lossy(&output.stderr)
    );
    String::from_utf8_lossy(&output.stdout)
        .lines()
        .filter_map(|line| line.split_once(": "))
        .map(|(key, value)| (key.to_owned(), value.to_owned()))
        .collect()
}

/// Waits until the bot's key backup on the homeserver holds at least `count` room keys.
async fn wait_for_backed_up_keys(bot: &Bot, count: u64) {
    let text = std::fs::read_to_string(bot.data_dir().join("session.json")).expect("session");
    let saved: serde_json::Value = serde_json::from_str(&text).expect("session json");
    let token = saved["session"]["access_token"].as_str().expect("token");
    let what = format!("the backup to hold {count} keys");
    eventually(&what, PATIENCE, || async {
        let version: serde_json::Value = reqwest::Client::new()
            .get(format!(
                "{}/_matrix/client/v3/room_keys/version",
                homeserver().url
            ))
            .bearer_auth(token)
            .send()
            .await
            .expect("backup version request")
            .json()
            .await
            .expect("backup version json");
        if version["count"].as_u64().is_some_and(|held| held >= count) {
            Ok(())
        } else {
            Err(version.to_string())
        }
    })
    .await
}

#[tokio::test(flavor = "multi_thread")]
async fn a_device_deleted_while_running_or_stopped_comes_back_whole() {
    let mut alice = TestUser::new("alice", false).await;
    let admin = TestUser::new("admin", true).await;
    let mut bot = Bot::start(BotConfig::invited_by(&alice.user_id)).await;
    let room = room_with_bot(&mut alice, &bot, true).await;
    alice.say(&room, "!sondage Signons-nous la lettre ?").await;
    let bot_id = bot.user_id.clone();
    let poll = alice
        .wait_for_poll("the bot's poll", move |poll| {
            poll.sender == bot_id && matches!(poll.what, PollEvent::Start { .. })
        })
        .await;
    alice
        .answer_poll(&room, &poll.event_id, &poll.answer_id("Pour"))
        .await;
    let results = ask(&mut alice, &room, "!sondage résultats").await;
    assert!(results.contains("1️⃣ Pour — 1 réponse"), "{results}");
    // The registration made a device of its own: the bot's is the one it saved.
    let devices = homeserver().devices_of(&admin, &bot.user_id).await;
    let first = vec![saved_device(&bot)];
    assert!(devices.contains(&first[0]), "{devices:?}");

    // Deleted while it runs, as Element's session list or an admin would.
    homeserver()
        .delete_device(&admin, &bot.user_id, &first[0])
        .await;
    let second = alice.wait_for_device_of(&bot.user_id, &first).await;
    let help = alice.say(&room, "!aide").await;
    let reply = alice.reply_to(&help).await;
    assert!(reply.was_encrypted, "{reply:?}");
    assert!(reply.body.contains("!agenda"), "{}", reply.body);
    let now = homeserver().devices_of(&admin, &bot.user_id).await;
    assert!(
        now.len() == devices.len() && now.contains(&second) && !now.contains(&first[0]),
        "the old device is gone, one new device stands: {now:?}"
    );
    assert_eq!(saved_device(&bot), second);
    // The older poll's answer still counts, and a new one counts too.
    alice
        .answer_poll(&room, &poll.event_id, &poll.answer_id("Contre"))
        .await;
    let results = ask(&mut alice, &room, "!sondage résultats").await;
    assert!(results.contains("2️⃣ Contre — 1 réponse"), "{results}");
    let identity = health(&bot).await;
    assert_eq!(identity["device"], second);
    assert_eq!(identity["cross-signed"], "yes", "{identity:?}");
    assert_eq!(identity["key backup"], "on", "{identity:?}");

    // Deleted while it is stopped.
    assert!(bot.stop().await);
    homeserver()
        .delete_device(&admin, &bot.user_id, &second)
        .await;
    bot.restart();
    let known = vec![first[0].clone(), second.clone()];
    let third = alice.wait_for_device_of(&bot.user_id, &known).await;
    let help = alice.say(&room, "!aide").await;
    let reply = alice.reply_to(&help).await;
    assert!(reply.body.contains("!agenda"), "{}", reply.body);
    let now = homeserver().devices_of(&admin, &bot.user_id).await;
    assert!(
        now.len() == devices.len() && now.contains(&third) && !now.contains(&second),
        "{now:?}"
    );
    let results = ask(&mut alice, &room, "!sondage résultats").await;
    assert!(results.contains("2️⃣ Contre — 1 réponse"), "{results}");
    assert_eq!(alice.replies_seen(&help), 1);

    let logs = bot.logs();
    assert_eq!(
        logs.matches("the homeserver no longer knows the bot's device")
            .count(),
        2,
        "one warning per loss: {logs}"
    );
    // No login loop: for each loss, one login on the old id, then one as a new device.
    assert_eq!(logs.matches("logging in again").count(), 2, "{logs}");
    assert_eq!(logs.matches("new device logged in").count(), 2, "{logs}");
    assert!(bot.is_running(), "{logs}");
}

#[tokio::test(flavor = "multi_thread")]
async fn a_lost_matrix_store_comes_back_with_its_keys_and_every_vote() {
    let mut alice = TestUser::new("alice", false).await;
    let bob = TestUser::new("bob", false).await;
    let admin = TestUser::new("admin", true).await;
    let mut bot = Bot::register().await;
    let room = alice.create_room(true, &[&bot.user_id, &bob.user_id]).await;
    let bob_room = bob.join(&room).await;
    bot.start_with(BotConfig {
        extra: room_associations(
            &room,
            &[
                ("Croix-Rouge", &[&bob.user_id]),
                ("Restos du Cœur", &[&alice.user_id]),
            ],
        ),
        ..BotConfig::invited_by(&alice.user_id)
    });
    alice
        .wait_for_membership(&room, &bot.user_id, MembershipState::Join)
        .await;
    let propose = alice
        .say(&room, "!réunion proposer 10/12/2027 14h ; 17/12/2027 14h")
        .await;
    let proposal = alice.reply_to(&propose).await;
    alice.react(&room, &proposal.event_id, "1️⃣").await;
    let tally = ask(&mut alice, &room, "!réunion votes").await;
    assert!(tally.contains("Manque : Croix-Rouge"), "{tally}");
    // Alice's key (her messages so far) is in the bot's backup.
    wait_for_backed_up_keys(&bot, 1).await;
    let old_device = saved_device(&bot);
    let devices = homeserver().devices_of(&admin, &bot.user_id).await;

    // The Matrix store is lost between two runs; meanwhile Bob votes and Alice asks.
    assert!(bot.stop().await);
    std::fs::remove_dir_all(bot.data_dir().join("matrix-store")).expect("remove the store");
    bob.react(&bob_room, &proposal.event_id, "1️⃣").await;
    let while_lost = alice.say(&room, "!aide").await;
    bot.restart();

    // Alice's message was encrypted for the old device: its key comes from the backup.
    let reply = alice.reply_to(&while_lost).await;
    assert!(reply.body.contains("!agenda"), "{}", reply.body);
    let new_device = alice
        .wait_for_device_of(&bot.user_id, std::slice::from_ref(&old_device))
        .await;
    let now = homeserver().devices_of(&admin, &bot.user_id).await;
    assert!(
        now.len() == devices.len() && now.contains(&new_device) && !now.contains(&old_device),
        "the old device is deleted: {now:?}"
    );
    let tally = ask(&mut alice, &room, "!réunion votes").await;
    assert!(
        tally.contains("Toutes les associations sont représentées : 1️⃣."),
        "Bob's vote made while the store was lost counts: {tally}"
    );
    // A vote after the return counts too.
    bob.react(&bob_room, &proposal.event_id, "2️⃣").await;
    alice.react(&room, &proposal.event_id, "2️⃣").await;
    let tally = ask(&mut alice, &room, "!réunion votes").await;
    assert!(
        tally.contains("Toutes les associations sont représentées : 1️⃣, 2️⃣."),
        "{tally}"
    );
    assert_eq!(alice.replies_seen(&while_lost), 1);
    let logs = bot.logs();
    assert_eq!(
        logs.matches("the Matrix store is missing").count(),
        1,
        "{logs}"
    );
    assert!(
        logs.contains("room keys restored from the key backup"),
        "{logs}"
    );
}

#[tokio::test(flavor = "multi_thread")]
async fn a_message_whose_key_never_comes_is_explained_once_per_key() {
    let mut alice = TestUser::new("alice", false).await;
    let bot = Bot::start(BotConfig {
        bot: "undecryptable_notice_after_s = 2".into(),
        ..BotConfig::invited_by(&alice.user_id)
    })
    .await;
    let room = room_with_bot(&mut alice, &bot, true).await;
    alice.say(&room, "!sondage Signons-nous ?").await;
    let bot_id = bot.user_id.clone();
    let poll = alice
        .wait_for_poll("the bot's poll", move |poll| {
            poll.sender == bot_id && matches!(poll.what, PollEvent::Start { .. })
        })
        .await;

    // Two messages with one key the bot never receives, one with another key, and a poll
    // answer (its relation in clear) with a third.
    let first = alice.send_unreadable(&room, "never-shared-1", None).await;
    let second = alice.send_unreadable(&room, "never-shared-1", None).await;
    let other = alice.send_unreadable(&room, "never-shared-2", None).await;
    let answer = alice
        .send_unreadable(
            &room,
            "never-shared-3",
            Some(json!({ "rel_type": "m.reference", "event_id": poll.event_id })),
        )
        .await;
    let explained = alice.reply_to(&first).await;
    assert!(explained.was_encrypted, "{explained:?}");
    assert!(
        explained
            .body
            .contains("Je n'ai pas pu lire votre message chiffré"),
        "{}",
        explained.body
    );
    assert!(explained.body.contains("bloqué"), "{}", explained.body);
    alice.reply_to(&other).await;

    let results = ask(&mut alice, &room, "!sondage résultats").await;
    assert!(
        results.contains("Une réponse n'a pas encore pu être lue"),
        "{results}"
    );
    let identity = health(&bot).await;
    assert_eq!(identity["rooms with undecryptable events waiting"], "1");
    assert_eq!(identity["device"], saved_device(&bot));
    assert_eq!(identity["cross-signed"], "yes", "{identity:?}");
    assert_eq!(identity["key backup"], "on", "{identity:?}");

    // A command after them all is answered: the explanations were already sent, once.
    let help = alice.say(&room, "!aide").await;
    alice.reply_to(&help).await;
    assert_eq!(alice.replies_seen(&first), 1);
    assert_eq!(alice.replies_seen(&second), 0, "one explanation per key");
    assert_eq!(alice.replies_seen(&other), 1);
    assert_eq!(alice.replies_seen(&answer), 0, "answers wait silently");
}

/// The text of `event` as `client` can decrypt it now, if it can; it asks the homeserver again
/// and again, for the keys arrive in the background.
async fn wait_until_readable(
    client: &matrix_sdk::Client,
    room: &OwnedRoomId,
    event: &OwnedEventId,
) -> String {
    let what = format!(
        "{event} to become readable for {:?} of {:?}",
        client.device_id(),
        client.user_id()
    );
    eventually(&what, PATIENCE, || async {
        if let Some(room) = client.get_room(room)
            && let Ok(event) = room.event(event, None).await
            && event.encryption_info().is_some()
            && let Ok(AnySyncTimelineEvent::MessageLike(AnySyncMessageLikeEvent::RoomMessage(
                SyncMessageLikeEvent::Original(message),
            ))) = event.raw().deserialize()
        {
            Ok(message.content.body().to_owned())
        } else {
            Err("not readable yet".to_owned())
        }
    })
    .await
}

#[tokio::test(flavor = "multi_thread")]
async fn a_member_invited_later_or_on_a_new_device_reads_the_bots_earlier_replies() {
    // What the clients' history sharing says (MSC4268: the bundle sent, received, accepted or
    // refused) is shown if the test fails: it has failed now and then in full runs.
    let _ = tracing_subscriber::fmt()
        .with_test_writer()
        .with_env_filter(
            "matrix_sdk::room::shared_room_history=debug,matrix_sdk::encryption::tasks=info,\
             matrix_sdk::client=info,\
             matrix_sdk_crypto::store=info,matrix_sdk_crypto::machine=warn,\
             matrix_sdk_crypto::session_manager=warn",
        )
        .try_init();
    let mut alice = TestUser::new("alice", false).await;
    let bot = Bot::start(BotConfig::invited_by(&alice.user_id)).await;
    let room = room_with_bot(&mut alice, &bot, true).await;
    let help = alice.say(&room, "!aide").await;
    let reply = alice.reply_to(&help).await;
    assert!(reply.was_encrypted);

    // Dave is invited afterwards, from a client that shares the room's history on invite
    // (matrix-sdk does, between cross-signed accounts, when the history is shared with members).
    let dave = TestUser::new("dave", false).await;
    for member in [&alice, &dave] {
        member
            .client
            .encryption()
            .bootstrap_cross_signing_if_needed(None)
            .await
            .expect("cross-signing");
    }
    // Alice's client shares the history only with an identity it knows: it asks for Dave's
    // (and so his device) first, or the invitation may outrun it.
    let identity = alice
        .client
        .encryption()
        .request_user_identity(&dave.user_id)
        .await
        .expect("Dave's identity");
    assert!(
        identity.is_some(),
        "Dave's cross-signing identity is published"
    );
    alice.wait_for_device_of(&dave.user_id, &[]).await;
    // And Dave's client takes the history only from a device it knows cross-signed by its
    // user ("insufficient trust in the sender" otherwise): it learns Alice's identity first.
    let inviter = dave
        .client
        .encryption()
        .request_user_identity(&alice.user_id)
        .await
        .expect("Alice's identity");
    assert!(
        inviter.is_some(),
        "Alice's cross-signing identity is published"
    );
    dave.wait_for_device_of(&alice.user_id, &[]).await;
    alice.invite(&room, &dave.user_id).await;
    // His client joins once it knows who invited him: it takes the shared history from its
    // inviter only, and reads the inviter from the invitation's state when it joins. The room
    // shows as invited a moment before that state is stored (under load, long enough for a
    // join to find no inviter, and the history never to be taken): wait for the inviter.
    eventually(
        "Dave's client to know who invited him",
        PATIENCE,
        || async {
            let inviter = match dave.client.get_room(room.room_id()) {
                Some(invited) if invited.state() == matrix_sdk::RoomState::Invited => invited
                    .invite_details()
                    .await
                    .ok()
                    .and_then(|details| details.inviter)
                    .map(|inviter| inviter.user_id().to_owned()),
                _ => None,
            };
            if inviter.as_ref() == Some(&alice.user_id) {
                Ok(())
            } else {
                Err(format!("{inviter:?}"))
            }
        },
    )
    .await;
    dave.join(&room).await;
    let read = wait_until_readable(&dave.client, &reply.room_id, &reply.event_id).await;
    assert!(read.contains("!agenda"), "{read}");

    // Alice's new device reads it from her own key backup.
    let recovery_key = alice
        .client
        .encryption()
        .recovery()
        .enable()
        .wait_for_backups_to_upload()
        .await
        .expect("alice's key backup");
    let second = alice.new_device().await;
    second
        .encryption()
        .recovery()
        .recover(&recovery_key)
        .await
        .expect("recover");
    second
        .encryption()
        .backups()
        .download_room_keys_for_room(&reply.room_id)
        .await
        .expect("download the room's keys");
    let read = wait_until_readable(&second, &reply.room_id, &reply.event_id).await;
    assert!(read.contains("!agenda"), "{read}");
}

#[tokio::test(flavor = "multi_thread")]
async fn an_unreadable_matrix_store_is_moved_aside_and_the_bot_answers_again() {
    let mut alice = TestUser::new("alice", false).await;
    let mut bot = Bot::start(BotConfig::invited_by(&alice.user_id)).await;
    let room = room_with_bot(&mut alice, &bot, true).await;
    ask(&mut alice, &room, "!agenda ajouter Budget 2027").await;
    let old_device = saved_device(&bot);

    // The disk returns garbage for the store's crypto database.
    assert!(bot.stop().await);
    let crypto = bot
        .data_dir()
        .join("matrix-store")
        .join("matrix-sdk-crypto.sqlite3");
    std::fs::write(&crypto, b"not a database at all").expect("damage the store");
    bot.restart();
    alice
        .wait_for_device_of(&bot.user_id, std::slice::from_ref(&old_device))
        .await;
    let agenda = ask(&mut alice, &room, "!agenda").await;
    assert!(
        agenda.contains("Budget 2027"),
        "Concerto's own database is untouched: {agenda}"
    );
    let aside: Vec<String> = std::fs::read_dir(bot.data_dir())
        .expect("data dir")
        .filter_map(|entry| entry.ok())
        .map(|entry| entry.file_name().to_string_lossy().into_owned())
        .filter(|name| name.starts_with("matrix-store.unreadable-"))
        .collect();
    assert_eq!(aside.len(), 1, "the damaged store is kept aside: {aside:?}");
    let logs = bot.logs();
    assert_eq!(
        logs.matches("the Matrix store cannot be opened").count(),
        1,
        "{logs}"
    );
}

#[tokio::test(flavor = "multi_thread")]
async fn a_lost_store_without_its_recovery_key_still_answers_what_was_said_meanwhile() {
    let mut alice = TestUser::new("alice", false).await;
    let mut bot = Bot::start(BotConfig::invited_by(&alice.user_id)).await;
    let room = room_with_bot(&mut alice, &bot, false).await;
    ask(&mut alice, &room, "!aide").await;

    // Store and recovery key both gone: nothing to restore, but nothing said is lost.
    assert!(bot.stop().await);
    std::fs::remove_dir_all(bot.data_dir().join("matrix-store")).expect("remove the store");
    std::fs::remove_file(bot.data_dir().join("recovery-key.txt")).expect("remove the key");
    let while_lost = alice.say(&room, "!agenda").await;
    bot.restart();
    let reply = alice.reply_to(&while_lost).await;
    assert!(reply.body.contains("ordre du jour"), "{}", reply.body);
    assert_eq!(alice.replies_seen(&while_lost), 1);
}
