//! Homeserver outage: the bot's own Synapse is stopped for 60 s, then started again. The bot
//! keeps running, retries with a growing pause (its CPU while the server is down is measured),
//! answers once what was sent around the outage, and sends once the reminder that fell due
//! while the server was down.

use std::time::Duration;

use crate::helpers::{Bot, BotConfig, Homeserver, TestUser, room_with_bot};

const OUTAGE: Duration = Duration::from_secs(60);

fn is_reminder(body: &str) -> bool {
    body.starts_with("⏰") && body.contains("Pendant la panne")
}

#[tokio::test(flavor = "multi_thread")]
async fn the_bot_rides_out_a_homeserver_outage_and_misses_nothing() {
    let homeserver = Homeserver::start_own().await;
    let mut alice = TestUser::new_on(&homeserver, "alice", false).await;
    let mut bot = Bot::register_on(&homeserver).await;
    bot.start_with(BotConfig::invited_by(&alice.user_id));
    let room = room_with_bot(&mut alice, &bot, true).await;

    // A reminder that falls due in the middle of the outage.
    let remind = alice
        .say(&room, "!rappel dans 30 secondes Pendant la panne")
        .await;
    alice.reply_to(&remind).await;
    // A command sent as the server goes down: its reply cannot be sent before it is back.
    let just_before = alice
        .say(&room, "!agenda ajouter Point d'avant la panne")
        .await;

    homeserver.stop().await;
    let cpu_before = bot.cpu_time();
    tokio::time::sleep(OUTAGE).await;
    let cpu_during = bot.cpu_time() - cpu_before;
    assert!(bot.is_running(), "the bot outlived the outage");
    homeserver.resume().await;

    // Sent while the bot may still be waiting before its next try.
    let just_after = alice
        .say(&room, "!agenda ajouter Point d'après la panne")
        .await;
    let list = alice.say(&room, "!agenda").await;
    alice.reply_to(&just_before).await;
    alice.reply_to(&just_after).await;
    let agenda = alice.reply_to(&list).await.body;
    alice
        .wait_for_message("the reminder due during the outage", |message| {
            is_reminder(&message.body)
        })
        .await;
    // Once each: a later command's answer comes after any second one would have.
    let last = alice.say(&room, "!aide").await;
    alice.reply_to(&last).await;
    for command in [&remind, &just_before, &just_after, &list] {
        assert_eq!(alice.replies_seen(command), 1, "{command} answered once");
    }
    let reminders = alice
        .seen
        .iter()
        .filter(|message| is_reminder(&message.body))
        .count();
    assert_eq!(reminders, 1, "the reminder came once");
    assert!(agenda.contains("Point d'avant la panne"), "{agenda}");
    assert!(agenda.contains("Point d'après la panne"), "{agenda}");

    // No busy loop: a sync try every few seconds at most, growing to one every 30 s.
    let logs = bot.logs();
    let sync_tries = logs.matches("sync failed; trying again").count();
    assert!(
        (3..=12).contains(&sync_tries),
        "{sync_tries} failed syncs in {OUTAGE:?}"
    );
    assert!(
        cpu_during < Duration::from_secs(2),
        "the bot used {cpu_during:?} of CPU while the server was down"
    );
    eprintln!(
        "outage: {sync_tries} sync tries, {} ms of CPU in {} s",
        cpu_during.as_millis(),
        OUTAGE.as_secs()
    );
    assert!(bot.stop().await);
}
