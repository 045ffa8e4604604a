//! Reminders in a real room: one set a few seconds ahead arrives once, as a text that notifies
//! (`m.text`, not a notice) and mentions its author with a pill; one that falls due while the
//! bot is stopped arrives once when it is back, marked late.

use crate::helpers::{Bot, BotConfig, TestUser, room_with_bot};

#[tokio::test(flavor = "multi_thread")]
async fn a_reminder_arrives_once_as_a_text_that_mentions_its_author() {
    let mut alice = TestUser::new("alice", false).await;
    let bot = Bot::start(BotConfig::invited_by(&alice.user_id)).await;
    let room = room_with_bot(&mut alice, &bot, true).await;
    let ask = alice
        .say(&room, "!rappel dans 3 secondes Envoyer l'ordre du jour")
        .await;
    let confirmation = alice.reply_to(&ask).await;
    assert!(
        confirmation.body.contains("(rappel n° 1)"),
        "{}",
        confirmation.body
    );

    let bot_id = bot.user_id.clone();
    let reminder = alice
        .wait_for_message("the reminder", move |message| {
            message.sender == bot_id && message.body.starts_with("⏰")
        })
        .await;
    assert!(!reminder.is_notice, "a reminder must notify: m.text");
    assert!(reminder.was_encrypted);
    assert_eq!(reminder.mentions, vec![alice.user_id.clone()]);
    let html = reminder.html.clone().unwrap_or_default();
    assert!(
        html.contains(&format!("https://matrix.to/#/{}", alice.user_id)),
        "a pill: {html}"
    );
    assert!(
        reminder.body.contains("Envoyer l'ordre du jour"),
        "{}",
        reminder.body
    );
    assert!(!reminder.body.contains("retard"), "{}", reminder.body);

    // Once: by the time a later command is answered, a second one would have come.
    let list = alice.say(&room, "!rappels").await;
    let listed = alice.reply_to(&list).await;
    assert!(
        listed.body.contains("Aucun rappel à venir"),
        "{}",
        listed.body
    );
    let reminders = alice
        .seen
        .iter()
        .filter(|message| message.body.starts_with("⏰"))
        .count();
    assert_eq!(reminders, 1);
}

#[tokio::test(flavor = "multi_thread")]
async fn a_reminder_due_while_the_bot_is_down_arrives_once_marked_late() {
    let mut alice = TestUser::new("alice", false).await;
    let mut bot = Bot::start(BotConfig::invited_by(&alice.user_id)).await;
    let room = room_with_bot(&mut alice, &bot, false).await;
    let ask = alice
        .say(&room, "!remind in 4 seconds Call the town hall")
        .await;
    alice.reply_to(&ask).await;
    assert!(bot.stop().await, "clean stop");
    // Real time has to pass: the reminder is due at a moment on the wall clock.
    tokio::time::sleep(std::time::Duration::from_secs(6)).await;
    bot.restart();

    let bot_id = bot.user_id.clone();
    let reminder = alice
        .wait_for_message("the late reminder", move |message| {
            message.sender == bot_id && message.body.starts_with("⏰")
        })
        .await;
    assert!(
        reminder.body.contains("Call the town hall"),
        "{}",
        reminder.body
    );
    assert!(
        reminder.body.contains("envoyé en retard"),
        "{}",
        reminder.body
    );
    let later = alice.say(&room, "!rappels").await;
    alice.reply_to(&later).await;
    let reminders = alice
        .seen
        .iter()
        .filter(|message| message.body.starts_with("⏰"))
        .count();
    assert_eq!(reminders, 1, "once, even across the restart");
}
