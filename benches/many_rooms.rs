//! Concerto and the floor in many rooms, in one run on one Synapse: a member creates
//! `BENCH_ROOMS` rooms (1 000 by default) and invites both bots into each; once both are in
//! every room, the member sends `BENCH_COMMANDS` commands (1 000 by default), spread over the
//! rooms, and both bots answer each one (the floor answers every `!…`). The benchmark prints
//! the time the joins took, each bot's memory after the joins and after the commands, and the
//! time to each bot's reply to the same commands (p50/p95/p99) with their ratio.
//!
//! `scripts/bench many_rooms` builds what it needs (release) and runs it; see BENCHMARKS.md.

#[allow(dead_code)]
mod common;
#[allow(dead_code)]
#[path = "../tests/it/helpers/mod.rs"]
mod helpers;

use std::time::{Duration, Instant};

use common::{Floor, memory, ms, percentile, status_kib, summary};
use helpers::{Bot, BotConfig, TestUser, cpu_time_of, homeserver};
use matrix_sdk::ruma::OwnedUserId;

fn from_env(key: &str, default: usize) -> usize {
    std::env::var(key)
        .ok()
        .and_then(|n| n.parse().ok())
        .unwrap_or(default)
}

/// How long joining every room may take before the benchmark gives up.
const JOIN_PATIENCE: Duration = Duration::from_secs(1200);

fn main() {
    let runtime = tokio::runtime::Runtime::new().expect("tokio runtime");
    runtime.block_on(measure());
}

/// The rooms `user` has joined, as the homeserver's admin API lists them.
async fn joined_rooms(admin: &TestUser, user: &OwnedUserId) -> usize {
    let token = admin.client.access_token().expect("admin token");
    let response: serde_json::Value = reqwest::Client::new()
        .get(format!(
            "{}/_synapse/admin/v1/users/{user}/joined_rooms",
            homeserver().url
        ))
        .bearer_auth(token)
        .send()
        .await
        .expect("joined rooms request")
        .json()
        .await
        .expect("joined rooms json");
    response["total"].as_u64().unwrap_or(0) as usize
}

async fn measure() {
    let rooms_wanted = from_env("BENCH_ROOMS", 1000);
    let commands = from_env("BENCH_COMMANDS", 1000);
    let mut alice = TestUser::new("rooms", false).await;
    let admin = TestUser::new("rooms-admin", true).await;
    let mut concerto = Bot::register().await;
    concerto.start_with(BotConfig {
        bot: "max_commands_per_minute = 0".into(),
        ..BotConfig::invited_by(&alice.user_id)
    });
    let mut floor = Floor::register().await;
    floor.launch();

    let started = Instant::now();
    let mut rooms = Vec::with_capacity(rooms_wanted);
    for _ in 0..rooms_wanted {
        rooms.push(
            alice
                .create_room(false, &[&concerto.user_id, &floor.user_id])
                .await,
        );
    }
    let created = started.elapsed();
    let deadline = Instant::now() + JOIN_PATIENCE;
    loop {
        let in_concerto = joined_rooms(&admin, &concerto.user_id).await;
        let in_floor = joined_rooms(&admin, &floor.user_id).await;
        if in_concerto >= rooms_wanted && in_floor >= rooms_wanted {
            break;
        }
        assert!(
            Instant::now() < deadline,
            "after {JOIN_PATIENCE:?}: Concerto in {in_concerto} rooms, the floor in {in_floor}"
        );
        tokio::time::sleep(Duration::from_secs(2)).await;
    }
    println!("## {rooms_wanted} rooms\n");
    println!(
        "- created in {:.1} s; both bots in every room {:.1} s after the first was created",
        created.as_secs_f64(),
        started.elapsed().as_secs_f64()
    );
    // Concerto welcomes itself into each room; let that settle before measuring.
    tokio::time::sleep(Duration::from_secs(10)).await;
    println!("- after the joins: {}", memory("Concerto", concerto.pid()));
    println!("- after the joins: {}", memory("floor", floor.pid()));

    let bodies = ["!aide", "!agenda ajouter Point de mesure"];
    let (mut concerto_times, mut floor_times) = (Vec::new(), Vec::new());
    let (concerto_cpu, floor_cpu) = (cpu_time_of(concerto.pid()), cpu_time_of(floor.pid()));
    let mut peak_concerto = 0;
    for n in 0..commands {
        // Spread over the rooms, each room's turn coming back after every other room's.
        let room = &rooms[n % rooms.len()];
        let start = Instant::now();
        let sent = alice.say(room, bodies[n % bodies.len()]).await;
        for (bot, times) in [
            (&concerto.user_id, &mut concerto_times),
            (&floor.user_id, &mut floor_times),
        ] {
            let (bot, command) = (bot.clone(), sent.clone());
            let reply = alice
                .wait_for_message("a reply", move |message| {
                    message.sender == bot && message.in_reply_to.as_ref() == Some(&command)
                })
                .await;
            times.push(reply.received_at.saturating_duration_since(start));
        }
        peak_concerto = peak_concerto.max(status_kib(concerto.pid(), "VmRSS"));
    }
    let concerto_cpu = cpu_time_of(concerto.pid()) - concerto_cpu;
    let floor_cpu = cpu_time_of(floor.pid()) - floor_cpu;

    println!("\n## {commands} commands spread over the {rooms_wanted} rooms\n");
    println!("- Concerto: {}", summary(&concerto_times));
    println!("- floor:    {}", summary(&floor_times));
    println!(
        "- ratio Concerto / floor at p50: {:.2}",
        ms(percentile(&concerto_times, 0.5)) / ms(percentile(&floor_times, 0.5))
    );
    println!(
        "- CPU per command: Concerto {:.2} ms, floor {:.2} ms",
        ms(concerto_cpu) / commands as f64,
        ms(floor_cpu) / commands as f64
    );
    println!(
        "- after the commands: {}",
        memory("Concerto", concerto.pid())
    );
    println!("- after the commands: {}", memory("floor", floor.pid()));
    println!(
        "- Concerto's highest RSS during the commands: {:.1} MiB",
        peak_concerto as f64 / 1024.0
    );
    floor.stop().await;
    assert!(concerto.stop().await, "Concerto stops cleanly");
}
