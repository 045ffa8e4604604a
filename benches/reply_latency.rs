//! How long a member waits for an answer: sends `!aide` and `!agenda ajouter …` commands to the
//! real bot on a real Synapse (the integration tests' harness) and prints the time from the
//! command being accepted by the homeserver to the reply reaching the member's client.
//!
//! `scripts/homeserver start DIR` then `CONCERTO_TEST_HOMESERVER=… CONCERTO_TEST_SHARED_SECRET=…
//! cargo bench --bench reply_latency` (or plain `cargo bench`, which starts a Synapse itself).

#[allow(dead_code)]
#[path = "../tests/it/helpers.rs"]
mod helpers;

use std::time::{Duration, Instant};

use helpers::{Bot, BotConfig, TestUser, room_with_bot};

const ROUNDS: usize = 40;

fn main() {
    let runtime = tokio::runtime::Runtime::new().expect("tokio runtime");
    runtime.block_on(measure());
}

async fn measure() {
    let mut alice = TestUser::new("bench", false).await;
    // Rounds come faster than a member types: no rate limit here.
    let bot = Bot::start(BotConfig {
        bot: "max_commands_per_minute = 0".into(),
        ..BotConfig::invited_by(&alice.user_id)
    })
    .await;
    let room = room_with_bot(&mut alice, &bot, false).await;
    for (label, command) in [
        ("!aide", "!aide".to_owned()),
        (
            "!agenda ajouter",
            "!agenda ajouter Point de mesure".to_owned(),
        ),
    ] {
        let mut samples = Vec::with_capacity(ROUNDS);
        for _ in 0..ROUNDS {
            let sent = alice.say(&room, &command).await;
            let start = Instant::now();
            alice.reply_to(&sent).await;
            samples.push(start.elapsed());
        }
        report(label, &mut samples);
    }
    // The bot's own share: from taking the command up to its reply being sent (one send to
    // the homeserver included), as the bot's sender logs it.
    let mut handled: Vec<Duration> = bot
        .logs()
        .lines()
        .filter(|line| line.contains("reply sent"))
        .filter_map(|line| line.split("micros=").nth(1))
        .filter_map(|rest| rest.split_whitespace().next()?.parse().ok())
        .map(Duration::from_micros)
        .collect();
    report("bot's own share", &mut handled);
}

fn report(label: &str, samples: &mut [Duration]) {
    if samples.is_empty() {
        println!("{label:>16}: no samples");
        return;
    }
    samples.sort();
    let at = |fraction: f64| {
        let index = ((samples.len() as f64 - 1.0) * fraction).round() as usize;
        samples[index].as_secs_f64() * 1000.0
    };
    println!(
        "{label:>16}: median {:6.1} ms, p90 {:6.1} ms, max {:6.1} ms ({} rounds)",
        at(0.5),
        at(0.9),
        at(1.0),
        samples.len()
    );
}
