//! Crash in a burst: four members send mixed commands and vote with reactions while the bot is
//! killed (SIGKILL) at random moments and restarted. At the end every command has exactly one
//! answer, every vote counts once, and the database passes `PRAGMA integrity_check`.

use std::time::Duration;

use matrix_sdk::ruma::OwnedEventId;
use sqlx::ConnectOptions;
use sqlx::sqlite::SqliteConnectOptions;

use crate::helpers::{Bot, BotConfig, TestUser, room_with_bot};

/// Commands each member sends.
const COMMANDS_EACH: usize = 25;
const BODIES: [&str; 5] = [
    "!aide",
    "!langue",
    "!agenda ajouter Point de la rafale",
    "!agenda",
    "!réunion votes",
];

/// A small pseudo-random sequence (the test must not depend on a crate's randomness, but must
/// not kill the bot at regular moments either).
fn pseudo_random(seed: &mut u64) -> u64 {
    *seed ^= *seed << 13;
    *seed ^= *seed >> 7;
    *seed ^= *seed << 17;
    *seed
}

#[tokio::test(flavor = "multi_thread")]
async fn a_burst_with_crashes_answers_every_command_once_and_counts_every_vote_once() {
    let mut alice = TestUser::new("alice", false).await;
    let mut members = Vec::new();
    for name in ["bob", "carla", "denis"] {
        members.push(TestUser::new(name, false).await);
    }
    let mut bot = Bot::start(BotConfig {
        // The burst comes faster than the rate limit allows on purpose.
        bot: "max_commands_per_minute = 0".into(),
        ..BotConfig::invited_by(&alice.user_id)
    })
    .await;
    let room = room_with_bot(&mut alice, &bot, false).await;
    let mut rooms = Vec::new();
    for member in &members {
        alice.invite(&room, &member.user_id).await;
        rooms.push(member.join(&room).await);
    }
    let propose = alice
        .say(&room, "!réunion proposer 10/12/2027 14h ; 17/12/2027 14h")
        .await;
    let proposal = alice.reply_to(&propose).await.event_id;

    // The burst, with three crashes at pseudo-random moments.
    let mut seed = 0x5eed_cafe_u64;
    let mut sent: Vec<(usize, OwnedEventId)> = Vec::new();
    let crash_points: Vec<usize> = (0..3)
        .map(|_| (pseudo_random(&mut seed) % (COMMANDS_EACH as u64 * 4)) as usize)
        .collect();
    for index in 0..COMMANDS_EACH * 4 {
        let who = index % 4;
        let body = BODIES[index % BODIES.len()];
        let event = if who == 0 {
            alice.say(&room, body).await
        } else {
            members[who - 1].say(&rooms[who - 1], body).await
        };
        sent.push((who, event));
        if index == COMMANDS_EACH {
            // Votes in the middle of the burst: every member can come on date 1, two on date 2.
            alice.react(&room, &proposal, "1️⃣").await;
            for (member, member_room) in members.iter().zip(&rooms) {
                member.react(member_room, &proposal, "1️⃣").await;
            }
            members[0].react(&rooms[0], &proposal, "2️⃣").await;
            members[1].react(&rooms[1], &proposal, "2️⃣").await;
        }
        if crash_points.contains(&index) {
            bot.crash().await;
            let pause = Duration::from_millis(pseudo_random(&mut seed) % 1500);
            tokio::time::sleep(pause).await;
            bot.restart();
        }
    }

    // Every command answered: each member waits for the replies to their own commands.
    for (who, event) in &sent {
        if *who == 0 {
            alice.reply_to(event).await;
        } else {
            members[who - 1].reply_to(event).await;
        }
    }
    let tally = alice.say(&room, "!réunion votes").await;
    let votes = alice.reply_to(&tally).await.body;
    // A later command is answered after any second answer would have been: the bot handles a
    // room's events in order, and sends its replies in order.
    for (who, event) in &sent {
        let seen = if *who == 0 {
            alice.replies_seen(event)
        } else {
            members[who - 1].replies_seen(event)
        };
        assert_eq!(seen, 1, "command {event} answered {seen} times");
    }
    assert!(
        votes.contains("1️⃣") && votes.contains("4 personnes"),
        "{votes}"
    );
    assert!(votes.contains("2 personnes"), "{votes}");

    assert!(bot.stop().await);
    assert_eq!(
        bot.logs().matches("--- restart ---").count(),
        3,
        "the bot was killed three times"
    );
    let mut connection = SqliteConnectOptions::new()
        .filename(bot.data_dir().join("concerto.sqlite3"))
        .read_only(true)
        .connect()
        .await
        .expect("database");
    let (integrity,): (String,) = sqlx::query_as("PRAGMA integrity_check")
        .fetch_one(&mut connection)
        .await
        .expect("integrity check");
    assert_eq!(integrity, "ok");
}
