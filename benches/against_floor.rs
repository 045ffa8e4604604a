//! Concerto against the floor, in one run on one Synapse: the floor is `examples/echo_floor.rs`,
//! a bare matrix-sdk bot with its own `sync_once` loop that answers every `!…` with a notice —
//! the fastest a bot on this stack can answer. One member sends the same commands to each,
//! interleaved; the benchmark prints, for both, the time to the reply (p50/p95/p99), the CPU
//! per command, the CPU each spends idle over ten minutes, the memory at idle and after 1 000
//! commands, the time from process start to the first answer with a saved session and on a
//! first login, and a burst of 500 commands from 8 members.
//!
//! `BENCH_COMMANDS` (1 000) and `BENCH_IDLE_SECONDS` (600) shorten a trial run.
//!
//! `scripts/bench` builds what it needs (release) and runs it; see BENCHMARKS.md.

#[allow(dead_code)]
mod common;
#[allow(dead_code)]
#[path = "../tests/it/helpers/mod.rs"]
mod helpers;

use std::time::{Duration, Instant};

use common::{Floor, memory, ms, percentile, summary};
use helpers::{Bot, BotConfig, PollEvent, TestUser, cpu_time_of, room_with_bot};
use matrix_sdk::Room;
use matrix_sdk::ruma::OwnedEventId;
use matrix_sdk::ruma::events::room::member::MembershipState;

/// Commands sent to each bot in the latency run (a third of each kind).
fn rounds() -> usize {
    std::env::var("BENCH_COMMANDS")
        .ok()
        .and_then(|n| n.parse().ok())
        .unwrap_or(1000)
}
/// How long both bots are left alone while their CPU is read.
fn idle_seconds() -> u64 {
    std::env::var("BENCH_IDLE_SECONDS")
        .ok()
        .and_then(|n| n.parse().ok())
        .unwrap_or(600)
}
const WARM_UP: usize = 10;
const STARTS: usize = 5;
const BURST_MEMBERS: usize = 8;
const BURST_EACH: usize = 63; // 8 × 63 = 504 commands
const BURST_PATIENCE: Duration = Duration::from_secs(600);
/// Concerto at the log level an operator runs it at (plus its per-reply timing lines).
const CONCERTO_LOG: &str = "warn,concerto=info,concerto::sender=debug";

fn main() {
    let runtime = tokio::runtime::Runtime::new().expect("tokio runtime");
    runtime.block_on(measure());
}

/// Sends `body` and waits for the reply; the time from the member's send to the reply's
/// arrival in their client.
async fn ask(member: &mut TestUser, room: &Room, body: &str) -> Duration {
    let start = Instant::now();
    let sent = member.say(room, body).await;
    let reply = member.reply_to(&sent).await;
    reply.received_at.saturating_duration_since(start)
}

async fn measure() {
    let mut alice = TestUser::new("bench", false).await;
    // Commands come faster than a member types: no rate limit here.
    let mut concerto = Bot::register().await;
    concerto.log_filter = Some(CONCERTO_LOG);
    concerto.start_with(BotConfig {
        bot: "max_commands_per_minute = 0".into(),
        ..BotConfig::invited_by(&alice.user_id)
    });
    let concerto_room = room_with_bot(&mut alice, &concerto, false).await;
    let mut floor = Floor::register().await;
    floor.launch();
    let floor_room = alice.create_room(false, &[&floor.user_id]).await;
    alice
        .wait_for_membership(&floor_room, &floor.user_id, MembershipState::Join)
        .await;
    // A poll to vote on.
    alice
        .say(&concerto_room, "!sondage Signons-nous la lettre ?")
        .await;
    let concerto_id = concerto.user_id.clone();
    alice
        .wait_for_poll("the poll", move |poll| {
            poll.sender == concerto_id && matches!(poll.what, PollEvent::Start { .. })
        })
        .await;

    let commands = ["!aide", "!agenda ajouter Point de mesure", "!voter 1 Pour"];
    for _ in 0..WARM_UP {
        for body in commands {
            ask(&mut alice, &concerto_room, body).await;
            ask(&mut alice, &floor_room, body).await;
        }
    }
    println!("## Memory at idle\n");
    println!("- {}", memory("Concerto", concerto.pid()));
    println!("- {}", memory("floor", floor.pid()));

    // The latency run: the same commands to each bot, interleaved, the order alternating.
    let total = rounds();
    let (mut concerto_times, mut floor_times) = (Vec::new(), Vec::new());
    let mut by_kind: Vec<(Vec<Duration>, Vec<Duration>)> = vec![Default::default(); 3];
    let concerto_cpu = cpu_time_of(concerto.pid());
    let floor_cpu = cpu_time_of(floor.pid());
    for n in 0..total {
        let kind = n % commands.len();
        let body = commands[kind];
        let (first, second) = if n % 2 == 0 {
            let c = ask(&mut alice, &concerto_room, body).await;
            let f = ask(&mut alice, &floor_room, body).await;
            (c, f)
        } else {
            let f = ask(&mut alice, &floor_room, body).await;
            let c = ask(&mut alice, &concerto_room, body).await;
            (c, f)
        };
        concerto_times.push(first);
        floor_times.push(second);
        by_kind[kind].0.push(first);
        by_kind[kind].1.push(second);
    }
    let concerto_cpu = cpu_time_of(concerto.pid()) - concerto_cpu;
    let floor_cpu = cpu_time_of(floor.pid()) - floor_cpu;

    println!("\n## Time to the reply ({total} commands to each, interleaved)\n");
    println!("- Concerto: {}", summary(&concerto_times));
    println!("- floor:    {}", summary(&floor_times));
    for fraction in [0.5, 0.95, 0.99] {
        println!(
            "- ratio Concerto / floor at p{}: {:.2}",
            (fraction * 100.0) as u32,
            ms(percentile(&concerto_times, fraction)) / ms(percentile(&floor_times, fraction))
        );
    }
    for (kind, (c, f)) in by_kind.iter().enumerate() {
        println!(
            "- `{}`: Concerto p50 {:.1} ms, floor p50 {:.1} ms",
            commands[kind],
            ms(percentile(c, 0.5)),
            ms(percentile(f, 0.5))
        );
    }
    println!("\n## CPU per command\n");
    println!(
        "- Concerto: {:.2} ms; floor: {:.2} ms; ratio {:.2}",
        ms(concerto_cpu) / total as f64,
        ms(floor_cpu) / total as f64,
        ms(concerto_cpu) / ms(floor_cpu).max(0.001)
    );
    // The bot's own share: from taking the command up to handing the reply to the homeserver.
    let shares: Vec<Duration> = concerto
        .logs()
        .lines()
        .filter(|line| line.contains("reply handed over"))
        .filter_map(|line| line.split("micros=").nth(1))
        .filter_map(|rest| rest.split_whitespace().next()?.parse().ok())
        .map(Duration::from_micros)
        .collect();
    println!(
        "- Concerto's own share (command taken up → reply handed to the homeserver): {}",
        summary(&shares)
    );
    println!("\n## Memory after {} commands\n", total + WARM_UP * 3);
    println!("- {}", memory("Concerto", concerto.pid()));
    println!("- {}", memory("floor", floor.pid()));

    // Idle: nothing is said, nothing falls due; whatever either process does costs CPU.
    let idle = Duration::from_secs(idle_seconds());
    let (concerto_cpu, floor_cpu) = (cpu_time_of(concerto.pid()), cpu_time_of(floor.pid()));
    tokio::time::sleep(idle).await;
    let concerto_cpu = cpu_time_of(concerto.pid()) - concerto_cpu;
    let floor_cpu = cpu_time_of(floor.pid()) - floor_cpu;
    println!("\n## CPU at idle, over {} s\n", idle.as_secs());
    println!(
        "- Concerto: {:.1} ms; floor: {:.1} ms",
        ms(concerto_cpu),
        ms(floor_cpu)
    );
    println!(
        "- {}",
        memory("Concerto, after the idle time", concerto.pid())
    );
    println!("- {}", memory("floor, after the idle time", floor.pid()));

    // Start → first answer with a saved session: a command waits while the bot is stopped.
    let (mut concerto_starts, mut floor_starts) = (Vec::new(), Vec::new());
    for _ in 0..STARTS {
        assert!(concerto.stop().await, "Concerto stops cleanly");
        let sent = alice.say(&concerto_room, "!aide").await;
        let start = Instant::now();
        concerto.restart();
        let reply = alice.reply_to(&sent).await;
        concerto_starts.push(reply.received_at.saturating_duration_since(start));

        floor.stop().await;
        let sent = alice.say(&floor_room, "!aide").await;
        let start = Instant::now();
        floor.launch();
        let reply = alice.reply_to(&sent).await;
        floor_starts.push(reply.received_at.saturating_duration_since(start));
    }
    println!("\n## Process start → first answer, saved session ({STARTS} starts each)\n");
    println!("- Concerto: {}", summary(&concerto_starts));
    println!("- floor:    {}", summary(&floor_starts));

    // A first login: a new account invited to a room, started with no session nor store; the
    // member speaks once the bot has joined.
    let (mut concerto_firsts, mut floor_firsts) = (Vec::new(), Vec::new());
    for _ in 0..STARTS {
        concerto_firsts.push(first_login_concerto(&mut alice).await);
        floor_firsts.push(first_login_floor(&mut alice).await);
    }
    println!("\n## Process start → first answer, first login ({STARTS} new accounts each)\n");
    println!("- Concerto: {}", summary(&concerto_firsts));
    println!("- floor:    {}", summary(&floor_firsts));

    // The burst: 8 members send 504 commands as fast as they can, to each bot in turn.
    let idle_p99 = percentile(&concerto_times, 0.99);
    let floor_idle_p99 = percentile(&floor_times, 0.99);
    let mut members = vec![alice];
    for _ in 1..BURST_MEMBERS {
        members.push(TestUser::new("burst", false).await);
    }
    let mut member_rooms = vec![(concerto_room.clone(), floor_room.clone())];
    for n in 1..BURST_MEMBERS {
        let invited = members[n].user_id.clone();
        members[0].invite(&concerto_room, &invited).await;
        members[0].invite(&floor_room, &invited).await;
        let c = members[n].join(&concerto_room).await;
        let f = members[n].join(&floor_room).await;
        member_rooms.push((c, f));
    }
    println!(
        "\n## A burst of {} commands from {BURST_MEMBERS} members\n",
        BURST_MEMBERS * BURST_EACH
    );
    for (label, to_concerto, idle) in [
        ("Concerto", true, idle_p99),
        ("floor", false, floor_idle_p99),
    ] {
        let started = Instant::now();
        let mut tasks = Vec::new();
        for (member, (c, f)) in members.drain(..).zip(member_rooms.iter().cloned()) {
            let room = if to_concerto { c } else { f };
            tasks.push(tokio::spawn(burst(member, room)));
        }
        let mut times = Vec::new();
        let mut answered_once = true;
        for task in tasks {
            let (member, member_times, once) = task.await.expect("burst task");
            members.push(member);
            times.extend(member_times);
            answered_once &= once;
        }
        let elapsed = started.elapsed();
        let p99 = percentile(&times, 0.99);
        println!(
            "- {label}: {}; every command answered exactly once: {answered_once}; p99 {:.1}× the idle p99 ({:.1} ms); all answered in {:.1} s ({:.1} commands/s)",
            summary(&times),
            ms(p99) / ms(idle),
            ms(idle),
            elapsed.as_secs_f64(),
            times.len() as f64 / elapsed.as_secs_f64()
        );
    }
    println!(
        "\n- After the burst: {}",
        memory("Concerto", concerto.pid())
    );
    floor.stop().await;
    assert!(concerto.stop().await);
}

/// A new Concerto account's first start: process start → its answer to a command said once it
/// has joined (its encryption set up as it does on a first start).
async fn first_login_concerto(member: &mut TestUser) -> Duration {
    let mut bot = Bot::register().await;
    bot.log_filter = Some(CONCERTO_LOG);
    let room = member.create_room(false, &[&bot.user_id]).await;
    let start = Instant::now();
    bot.start_with(BotConfig {
        bot: "max_commands_per_minute = 0".into(),
        ..BotConfig::invited_by(&member.user_id)
    });
    member
        .wait_for_membership(&room, &bot.user_id, MembershipState::Join)
        .await;
    let sent = member.say(&room, "!aide").await;
    let reply = member.reply_to(&sent).await;
    assert!(bot.stop().await, "Concerto stops cleanly");
    reply.received_at.saturating_duration_since(start)
}

/// The same for a new floor account.
async fn first_login_floor(member: &mut TestUser) -> Duration {
    let mut floor = Floor::register().await;
    let room = member.create_room(false, &[&floor.user_id]).await;
    let start = Instant::now();
    floor.launch();
    member
        .wait_for_membership(&room, &floor.user_id, MembershipState::Join)
        .await;
    let sent = member.say(&room, "!aide").await;
    let reply = member.reply_to(&sent).await;
    floor.stop().await;
    reply.received_at.saturating_duration_since(start)
}

/// One member's part of the burst: sends every command at once, then collects the replies.
/// Returns the member, the times to each reply, and whether each command got exactly one.
async fn burst(mut member: TestUser, room: Room) -> (TestUser, Vec<Duration>, bool) {
    let mut sent: Vec<(OwnedEventId, Instant)> = Vec::new();
    for n in 0..BURST_EACH {
        let body = if n % 2 == 0 {
            "!aide"
        } else {
            "!agenda ajouter Point de la rafale"
        };
        let start = Instant::now();
        sent.push((member.say(&room, body).await, start));
    }
    let mut times = Vec::new();
    for (event, start) in &sent {
        // A burst queues behind the homeserver: more patience than a test's.
        let reply = member
            .wait_for_message_within(BURST_PATIENCE, "a reply in the burst", |message| {
                message.in_reply_to.as_ref() == Some(event)
            })
            .await;
        times.push(reply.received_at.saturating_duration_since(*start));
    }
    // Any second reply would have come before the reply to a command sent now.
    let (last, _) = (member.say(&room, "!aide").await, ());
    member.reply_to(&last).await;
    let once = sent
        .iter()
        .all(|(event, _)| member.replies_seen(event) == 1);
    (member, times, once)
}
