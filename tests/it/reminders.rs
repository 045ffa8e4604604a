//! Reminders in a real room: one set a few seconds ahead arrives once, as a text that notifies
//! (`m.text`, not a notice) and mentions its author with a pill; one that falls due while the
//! bot is stopped arrives once when it is back, marked late; a poll nudge mentions exactly the
//! people of the associations that have not answered; a cancelled meeting is never reminded.

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
    // The reminder falls due while the bot is down: its clock moves past that moment.
    bot.advance_clock(chrono::Duration::seconds(6));
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

/// The next whole minute at least `margin` seconds away, and how the room types it (Paris).
fn next_minute(margin: i64) -> (chrono::DateTime<chrono::Utc>, String) {
    use chrono::{Duration, Timelike, Utc};
    let now = Utc::now();
    let at = (now + Duration::seconds(margin))
        .with_second(0)
        .and_then(|at| at.with_nanosecond(0))
        .expect("a valid time")
        + Duration::minutes(1);
    let local = at.with_timezone(&chrono_tz::Europe::Paris);
    (at, local.format("%d/%m/%Y %Hh%M").to_string())
}

#[tokio::test(flavor = "multi_thread")]
async fn a_poll_nudge_names_exactly_the_associations_that_have_not_answered() {
    let mut alice = TestUser::new("alice", false).await;
    let bob = TestUser::new("bob", false).await;
    let carla = TestUser::new("carla", false).await;
    let mut bot = Bot::register().await;
    let room = alice
        .create_room(false, &[&bot.user_id, &bob.user_id, &carla.user_id])
        .await;
    bob.join(&room).await;
    carla.join(&room).await;
    bot.start_with(BotConfig {
        extra: crate::helpers::room_associations(
            &room,
            &[
                ("Restos du Cœur", &[&alice.user_id]),
                ("Croix-Rouge", &[&bob.user_id]),
                ("Secours Catholique", &[&carla.user_id]),
            ],
        ),
        ..BotConfig::invited_by(&alice.user_id)
    });
    alice
        .wait_for_membership(
            &room,
            &bot.user_id,
            matrix_sdk::ruma::events::room::member::MembershipState::Join,
        )
        .await;
    // A short poll is nudged halfway to its deadline.
    let (closes_at, deadline) = next_minute(30);
    alice
        .say(
            &room,
            &format!("!sondage jusqu'au {deadline} : Signons-nous ?"),
        )
        .await;
    let vote = alice.say(&room, "!voter 1 Pour").await;
    alice.reply_to(&vote).await;
    // The bot's clock moves past halfway, not to the deadline.
    bot.advance_clock(closes_at - bot.now() - chrono::Duration::seconds(5));

    let bot_id = bot.user_id.clone();
    let nudge = alice
        .wait_for_message_within(
            crate::helpers::PATIENCE,
            "the poll's nudge",
            move |message| message.sender == bot_id && message.body.starts_with("🗳️"),
        )
        .await;
    assert!(!nudge.is_notice, "a nudge must notify");
    let mut mentioned = nudge.mentions.clone();
    mentioned.sort();
    let mut expected = vec![bob.user_id.clone(), carla.user_id.clone()];
    expected.sort();
    assert_eq!(mentioned, expected);
    assert!(nudge.body.contains("Croix-Rouge"), "{}", nudge.body);
    assert!(nudge.body.contains("Secours Catholique"), "{}", nudge.body);
    assert!(!nudge.body.contains("Restos"), "{}", nudge.body);
}

#[tokio::test(flavor = "multi_thread")]
async fn the_reminders_of_a_cancelled_meeting_never_come() {
    let mut alice = TestUser::new("alice", false).await;
    let bot = Bot::start(BotConfig::invited_by(&alice.user_id)).await;
    let room = room_with_bot(&mut alice, &bot, false).await;
    let offsets = alice.say(&room, "!rappels réunion 1min").await;
    alice.reply_to(&offsets).await;
    // A meeting at least 70 s ahead: its 1-minute reminder is due in 10 s or more.
    let (starts_at, typed) = next_minute(70);
    let (_, other) = next_minute(200);
    let propose = alice
        .say(&room, &format!("!réunion proposer {typed} ; {other}"))
        .await;
    alice.reply_to(&propose).await;
    let close = alice.say(&room, "!réunion clore 1").await;
    alice.reply_to(&close).await;
    let cancel = alice.say(&room, "!réunion annuler").await;
    let cancelled = alice.reply_to(&cancel).await;
    assert!(cancelled.body.contains("annulée"), "{}", cancelled.body);

    // A witness falls due just after the meeting's reminder would have; the bot's clock moves
    // past both. Once the witness rings, the clock has been past that moment.
    let due = starts_at - chrono::Duration::minutes(1);
    let witness_in = (due - chrono::Utc::now()).num_seconds() + 2;
    let witness = alice
        .say(&room, &format!("!remind in {witness_in} seconds Witness"))
        .await;
    alice.reply_to(&witness).await;
    bot.advance_clock(due - bot.now() + chrono::Duration::seconds(10));
    let bot_id = bot.user_id.clone();
    alice
        .wait_for_message("the witness reminder", move |message| {
            message.sender == bot_id && message.body.contains("Witness")
        })
        .await;
    let reminders = alice
        .seen
        .iter()
        .filter(|message| message.body.starts_with("📅"))
        .count();
    assert_eq!(reminders, 0, "{:#?}", alice.seen);
}
