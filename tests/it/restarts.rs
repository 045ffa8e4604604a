//! Nothing lost, nothing repeated: restarts and crashes keep the device and answer every
//! command exactly once; history from before the bot's arrival is not replayed.

use std::os::unix::fs::PermissionsExt;

use crate::helpers::{Bot, BotConfig, TestUser, homeserver, room_with_bot, wait_for_welcome};

#[tokio::test(flavor = "multi_thread")]
async fn a_restart_keeps_the_device_and_answers_missed_commands_once() {
    let mut alice = TestUser::new("alice", false).await;
    let admin = TestUser::new("admin", true).await;
    let mut bot = Bot::start(BotConfig::invited_by(&alice.user_id)).await;
    let room = room_with_bot(&mut alice, &bot, true).await;
    let before = alice.say(&room, "!aide").await;
    alice.reply_to(&before).await;
    // Registration made a device of its own; the bot's login made one more.
    let devices = homeserver().devices_of(&admin, &bot.user_id).await;
    let session = std::fs::metadata(bot.data_dir().join("session.json")).expect("saved session");
    assert_eq!(
        session.permissions().mode() & 0o777,
        0o600,
        "only the bot may read its session"
    );

    assert!(bot.stop().await, "the bot exits cleanly on SIGTERM");
    let while_down = alice.say(&room, "!langue en").await;
    bot.restart();

    let reply = alice.reply_to(&while_down).await;
    assert!(reply.body.contains("in English"), "{}", reply.body);
    // A later command is answered after any (wrong) second answer to the earlier ones would
    // have been: the bot handles a room's events in order.
    let after = alice.say(&room, "!aide").await;
    alice.reply_to(&after).await;
    assert_eq!(alice.replies_seen(&before), 1);
    assert_eq!(alice.replies_seen(&while_down), 1);
    assert_eq!(
        homeserver().devices_of(&admin, &bot.user_id).await,
        devices,
        "the same device after a restart"
    );
}

#[tokio::test(flavor = "multi_thread")]
async fn after_a_crash_nothing_is_lost_or_repeated() {
    let mut alice = TestUser::new("alice", false).await;
    let mut bot = Bot::start(BotConfig::invited_by(&alice.user_id)).await;
    let room = room_with_bot(&mut alice, &bot, false).await;
    let before = alice.say(&room, "!aide").await;
    alice.reply_to(&before).await;

    bot.crash().await;
    let while_down = alice.say(&room, "!aide langue").await;
    bot.restart();

    alice.reply_to(&while_down).await;
    let after = alice.say(&room, "!langue").await;
    alice.reply_to(&after).await;
    assert_eq!(alice.replies_seen(&before), 1);
    assert_eq!(alice.replies_seen(&while_down), 1);
}

#[tokio::test(flavor = "multi_thread")]
#[cfg_attr(
    not(feature = "test-hooks"),
    ignore = "the crash hook is built with `--features test-hooks` (scripts/test sets it)"
)]
async fn a_crash_between_sending_a_reply_and_marking_it_sent_posts_it_once() {
    let mut alice = TestUser::new("alice", false).await;
    let mut bot = Bot::register().await;
    bot.fault = Some("crash-after-reply");
    bot.start_with(BotConfig::invited_by(&alice.user_id));
    let room = room_with_bot(&mut alice, &bot, true).await;
    let command = alice.say(&room, "!aide").await;
    // The reply reaches the room; the bot dies before recording that it did.
    alice.reply_to(&command).await;
    let exit = bot.wait_for_exit().await;
    assert!(!exit.success(), "the bot crashed as told: {exit:?}");
    assert!(
        bot.logs().contains("fault injection"),
        "it crashed where the test wanted"
    );

    bot.fault = None;
    bot.restart();
    // The restarted bot sends the pending reply again, with the same transaction id: the
    // homeserver returns the first one instead of posting a second. Replies go out in order,
    // so once the next command is answered, a duplicate would already be there.
    let after = alice.say(&room, "!langue").await;
    alice.reply_to(&after).await;
    assert_eq!(alice.replies_seen(&command), 1);
}

#[tokio::test(flavor = "multi_thread")]
async fn commands_from_before_the_bot_joined_are_not_answered() {
    let mut alice = TestUser::new("alice", false).await;
    let bot = Bot::start(BotConfig::invited_by(&alice.user_id)).await;
    let room = alice.create_room(false, &[]).await;
    let old = alice.say(&room, "!aide").await;
    alice.invite(&room, &bot.user_id).await;
    wait_for_welcome(&mut alice, &bot, &room).await;

    let new = alice.say(&room, "!aide").await;
    alice.reply_to(&new).await;
    assert_eq!(alice.replies_seen(&old), 0, "history is not replayed");
}

#[tokio::test(flavor = "multi_thread")]
async fn a_very_first_start_does_not_replay_the_rooms_history() {
    let mut alice = TestUser::new("alice", false).await;
    let admin = TestUser::new("admin", true).await;
    let mut bot = Bot::start(BotConfig::invited_by(&alice.user_id)).await;
    let room = room_with_bot(&mut alice, &bot, false).await;
    assert!(bot.stop().await);
    let old = alice.say(&room, "!aide").await;
    // A new installation: no saved session, no sync position, an empty database.
    bot.wipe_data();
    let devices = homeserver().devices_of(&admin, &bot.user_id).await;
    bot.restart();
    // Once it has logged in afresh, it is running: a command sent now is not history.
    bot.wait_for_new_device(&admin, &devices).await;

    let new = alice.say(&room, "!langue").await;
    alice.reply_to(&new).await;
    assert_eq!(alice.replies_seen(&old), 0, "history is not replayed");
}

#[tokio::test(flavor = "multi_thread")]
async fn a_long_downtime_loses_no_command() {
    let mut alice = TestUser::new("alice", false).await;
    let mut bot = Bot::start(BotConfig::invited_by(&alice.user_id)).await;
    let room = room_with_bot(&mut alice, &bot, false).await;
    assert!(bot.stop().await);

    // More messages than one sync carries (50): the first command is in the gap.
    let first = alice.say(&room, "!aide").await;
    for n in 0..60 {
        alice.say(&room, &format!("message {n}")).await;
    }
    let last = alice.say(&room, "!langue").await;
    bot.restart();

    alice.reply_to(&last).await;
    alice.reply_to(&first).await;
    assert_eq!(alice.replies_seen(&first), 1);
    assert_eq!(alice.replies_seen(&last), 1);
    let logs = bot.logs();
    assert!(
        logs.lines().any(
            |line| line.contains("events missed during downtime") && !line.contains("missed=0")
        ),
        "the gap was fetched page by page: {logs}"
    );
}

#[tokio::test(flavor = "multi_thread")]
async fn a_logged_out_bot_logs_in_again_as_a_new_device_without_looping() {
    // Logging out deletes the device and its keys on the homeserver: a login on the same id
    // would bring back a device without keys, so the bot comes back as a new device.
    let mut alice = TestUser::new("alice", false).await;
    let mut bot = Bot::start(BotConfig::invited_by(&alice.user_id)).await;
    let room = room_with_bot(&mut alice, &bot, false).await;
    let session_file = bot.data_dir().join("session.json");
    let saved = || -> serde_json::Value {
        let text = std::fs::read_to_string(&session_file).expect("session");
        serde_json::from_str(&text).expect("session json")
    };
    let first = saved();
    let device = first["session"]["device_id"].clone();

    // Logged out from another client while the bot was stopped.
    assert!(bot.stop().await);
    log_out(&first).await;
    let while_down = alice.say(&room, "!aide").await;
    bot.restart();
    let reply = alice.reply_to(&while_down).await;
    assert!(reply.body.contains("!agenda"), "{}", reply.body);
    let second = saved();
    assert_ne!(
        second["session"]["access_token"],
        first["session"]["access_token"]
    );
    assert_ne!(second["session"]["device_id"], device, "a new device");

    // And while it runs.
    log_out(&second).await;
    let while_running = alice.say(&room, "!aide").await;
    alice.reply_to(&while_running).await;
    let third = saved();
    assert_ne!(
        third["session"]["access_token"],
        second["session"]["access_token"]
    );
    assert_ne!(
        third["session"]["device_id"], second["session"]["device_id"],
        "a new device"
    );
    assert!(bot.is_running(), "{}", bot.logs());
    assert_eq!(
        bot.logs().matches("logging in again").count(),
        2,
        "{}",
        bot.logs()
    );
    assert_eq!(alice.replies_seen(&while_down), 1);
    assert_eq!(alice.replies_seen(&while_running), 1);
}

/// Logs the saved session's token out, as another client of the bot's account could.
async fn log_out(saved: &serde_json::Value) {
    let token = saved["session"]["access_token"]
        .as_str()
        .expect("saved token");
    let logout = reqwest::Client::new()
        .post(format!("{}/_matrix/client/v3/logout", homeserver().url))
        .bearer_auth(token)
        .json(&serde_json::json!({}))
        .send()
        .await
        .expect("logout request");
    assert!(logout.status().is_success(), "{}", logout.status());
}

#[tokio::test(flavor = "multi_thread")]
#[cfg_attr(
    not(feature = "test-hooks"),
    ignore = "the crash hook is built with `--features test-hooks` (scripts/test sets it)"
)]
async fn a_crash_inside_a_commands_transaction_is_answered_once_after_the_restart() {
    let mut alice = TestUser::new("alice", false).await;
    let mut bot = Bot::register().await;
    bot.fault = Some("crash-in-command");
    bot.start_with(BotConfig::invited_by(&alice.user_id));
    let room = room_with_bot(&mut alice, &bot, true).await;
    // The process dies inside this command's transaction, before its commit.
    let command = alice.say(&room, "!langue en 💥").await;
    let exit = bot.wait_for_exit().await;
    assert!(!exit.success(), "the bot crashed as told: {exit:?}");
    assert!(
        bot.logs().contains("fault injection"),
        "it crashed where the test wanted"
    );

    bot.fault = None;
    bot.restart();
    // The restarted bot sees the command again and answers it, once.
    let reply = alice.reply_to(&command).await;
    assert!(!reply.body.contains("error"), "{}", reply.body);
    let after = alice.say(&room, "!langue").await;
    alice.reply_to(&after).await;
    assert_eq!(alice.replies_seen(&command), 1);
}

#[tokio::test(flavor = "multi_thread")]
#[cfg_attr(
    not(feature = "test-hooks"),
    ignore = "the panic hook is built with `--features test-hooks` (scripts/test sets it)"
)]
async fn a_message_that_panics_is_answered_set_aside_and_never_replayed() {
    let mut alice = TestUser::new("alice", false).await;
    let mut bot = Bot::register().await;
    bot.fault = Some("panic-in-command");
    // The log as it is in production: what the member wrote must not reach it.
    bot.log_filter = Some("info");
    bot.start_with(BotConfig::invited_by(&alice.user_id));
    let room = room_with_bot(&mut alice, &bot, false).await;
    let command = alice.say(&room, "!aide 💥 Jean Ledoux").await;
    let apology = alice.reply_to(&command).await;
    assert!(
        apology.body.contains("l'erreur est notée"),
        "{}",
        apology.body
    );
    // The bot goes on.
    let after = alice.say(&room, "!langue").await;
    alice.reply_to(&after).await;
    assert!(bot.is_running(), "{}", bot.logs());
    let logs = bot.logs();
    let errors: Vec<&str> = logs.lines().filter(|line| line.contains("ERROR")).collect();
    assert_eq!(errors.len(), 1, "one ERROR line: {errors:#?}");
    assert!(errors[0].contains("set aside"), "{}", errors[0]);
    assert!(errors[0].contains(command.as_str()), "{}", errors[0]);
    assert!(
        !logs.contains("Ledoux"),
        "the member's text stays out of the log"
    );

    // `concerto health` counts it.
    let health = bot.cli(&["health"]).await;
    let stdout = String::from_utf8_lossy(&health.stdout);
    assert!(
        stdout
            .lines()
            .any(|line| line.starts_with("events set aside since the start")
                && line.ends_with(": 1")),
        "{stdout}"
    );
    // Not replayed after a restart.
    assert!(bot.stop().await);
    bot.restart();
    let later = alice.say(&room, "!langue").await;
    alice.reply_to(&later).await;
    assert_eq!(alice.replies_seen(&command), 1);
    assert!(bot.is_running(), "{}", bot.logs());
}
