//! What the benchmarks against the floor share: the floor bot as a child process, and
//! reading a process's memory and a sample's percentiles.

use std::path::PathBuf;
use std::process::Stdio;
use std::time::Duration;

use matrix_sdk::ruma::OwnedUserId;
use tokio::process::{Child, Command};

use crate::helpers::{homeserver, unique_name};

/// The floor bot as a child process.
pub struct Floor {
    pub user_id: OwnedUserId,
    password: String,
    dir: tempfile::TempDir,
    child: Option<Child>,
}

impl Floor {
    pub async fn register() -> Floor {
        let name = unique_name("floor");
        let password = format!("{name}-password");
        let user_id = homeserver().register(&name, &password, false).await;
        Floor {
            user_id,
            password,
            dir: tempfile::tempdir().expect("floor dir"),
            child: None,
        }
    }

    pub fn launch(&mut self) {
        let log = std::fs::File::create(self.dir.path().join("floor.log")).expect("log");
        let child = Command::new(floor_binary())
            .env("FLOOR_HOMESERVER", &homeserver().url)
            .env("FLOOR_USER", self.user_id.localpart())
            .env("FLOOR_PASSWORD", &self.password)
            .env("FLOOR_DATA", self.dir.path().join("data"))
            // The benchmarks pass it on: `FLOOR_PASSPHRASE=…` measures a floor whose store
            // is encrypted at rest like Concerto's.
            .envs(
                std::env::var("FLOOR_PASSPHRASE")
                    .map(|passphrase| ("FLOOR_PASSPHRASE", passphrase)),
            )
            .stdin(Stdio::null())
            .stdout(log.try_clone().expect("log"))
            .stderr(log)
            .kill_on_drop(true)
            .spawn()
            .expect("start the floor bot");
        self.child = Some(child);
    }

    pub async fn stop(&mut self) {
        if let Some(mut child) = self.child.take() {
            child.kill().await.expect("stop the floor bot");
        }
    }

    pub fn pid(&self) -> u32 {
        self.child
            .as_ref()
            .and_then(|child| child.id())
            .expect("floor running")
    }
}

pub fn floor_binary() -> PathBuf {
    let path = std::env::var_os("FLOOR_BIN").map_or_else(
        || PathBuf::from(env!("CARGO_MANIFEST_DIR")).join("target/release/examples/echo_floor"),
        PathBuf::from,
    );
    assert!(
        path.exists(),
        "{} is missing: run scripts/bench (or cargo build --release --example echo_floor)",
        path.display()
    );
    path
}

/// A `/proc/<pid>/status` line in KiB (`VmRSS`, `RssAnon`).
pub fn status_kib(pid: u32, key: &str) -> u64 {
    let status = std::fs::read_to_string(format!("/proc/{pid}/status")).expect("/proc status");
    status
        .lines()
        .find_map(|line| line.strip_prefix(key)?.strip_prefix(':'))
        .and_then(|rest| rest.split_whitespace().next()?.parse().ok())
        .unwrap_or(0)
}

pub fn memory(label: &str, pid: u32) -> String {
    format!(
        "{label}: RSS {:.1} MiB, heap and other anonymous memory (RssAnon) {:.1} MiB",
        status_kib(pid, "VmRSS") as f64 / 1024.0,
        status_kib(pid, "RssAnon") as f64 / 1024.0
    )
}

pub fn percentile(samples: &[Duration], fraction: f64) -> Duration {
    let mut sorted = samples.to_vec();
    sorted.sort();
    let index = ((sorted.len() as f64 - 1.0) * fraction).round() as usize;
    sorted[index]
}

pub fn ms(duration: Duration) -> f64 {
    duration.as_secs_f64() * 1000.0
}

pub fn summary(samples: &[Duration]) -> String {
    format!(
        "p50 {:.1} ms, p95 {:.1} ms, p99 {:.1} ms ({} samples)",
        ms(percentile(samples, 0.5)),
        ms(percentile(samples, 0.95)),
        ms(percentile(samples, 0.99)),
        samples.len()
    )
}
