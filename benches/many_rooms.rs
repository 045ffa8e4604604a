//! Concerto and the floor in many rooms, in one run on one Synapse: a member creates
//! `BENCH_ROOMS` rooms (1 000 by default) and invites both bots into each; once both are in
//! every room, the member sends `BENCH_COMMANDS` commands (1 000 by default), spread over the
//! rooms, and both bots answer each one (the floor answers every `!…`). The benchmark prints
//! the time the joins took, each bot's memory after the joins and after the commands, and the
//! time to each bot's reply to the same commands (p50/p95/p99) with their ratio.
//!
//! `BENCH_ENCRYPTED=1`: the rooms are encrypted and have five members each — the tester and
//! four members whose clients keep E2EE devices (they join every room and stay synced) — so
//! that every reply is encrypted for their devices. Give the floor the same store encryption
//! as Concerto's with `FLOOR_PASSPHRASE`.
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

/// How long joining every room may take before the benchmark gives up (1 000 encrypted rooms
/// of five members may take longer than 20 minutes on the 2-core lab machine: 100 took 96 s).
const JOIN_PATIENCE: Duration = Duration::from_secs(3600);

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

/// Members besides the tester in each room of the encrypted mode.
const ENCRYPTED_MEMBERS: usize = 4;

async fn measure() {
    let rooms_wanted = from_env("BENCH_ROOMS", 1000);
    let commands = from_env("BENCH_COMMANDS", 1000);
    let encrypted = std::env::var("BENCH_ENCRYPTED").is_ok_and(|value| value == "1");
    let mut alice = TestUser::new("rooms", false).await;
    let mut members = Vec::new();
    if encrypted {
        for _ in 0..ENCRYPTED_MEMBERS {
            members.push(TestUser::new("member", false).await);
        }
    }
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
    let mut members_joining = Duration::ZERO;
    let mut invitees = vec![&concerto.user_id, &floor.user_id];
    invitees.extend(members.iter().map(|member| &member.user_id));
    for _ in 0..rooms_wanted {
        let room = alice.create_room(encrypted, &invitees).await;
        let joining = Instant::now();
        for member in &members {
            member.join(&room).await;
        }
        members_joining += joining.elapsed();
        rooms.push(room);
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
    match encrypted {
        true => println!(
            "## {rooms_wanted} encrypted rooms, {} members each\n",
            members.len() + 1
        ),
        false => println!("## {rooms_wanted} rooms\n"),
    }
    println!(
        "- created in {:.1} s (of which the members' joins {:.1} s); both bots in every room {:.1} s after the first was created",
        created.as_secs_f64(),
        members_joining.as_secs_f64(),
        started.elapsed().as_secs_f64()
    );
    // Concerto welcomes itself into each room (encrypted for every member's device in the
    // encrypted mode): every welcome is in before anything is measured.
    let concerto_id = concerto.user_id.clone();
    for _ in 0..rooms_wanted {
        let bot = concerto_id.clone();
        alice
            .wait_for_message("a welcome", move |message| {
                message.sender == bot && message.in_reply_to.is_none()
            })
            .await;
    }
    println!(
        "- every welcome received {:.1} s after the first room was created",
        started.elapsed().as_secs_f64()
    );
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
