//! A real SMTP server for the e-mail tests: aiosmtpd (from PyPI, in the test homeserver's
//! virtualenv), started on 127.0.0.1 like Synapse, storing what it receives in a maildir that
//! the tests read back. Stopped (killed) with the test, or on purpose for an outage.

use std::path::PathBuf;
use std::process::Stdio;

use tokio::process::{Child, Command};

use crate::helpers::{PATIENCE, free_port};

pub struct SmtpServer {
    pub port: u16,
    dir: tempfile::TempDir,
    child: Option<Child>,
}

impl SmtpServer {
    pub async fn start() -> SmtpServer {
        let mut server = SmtpServer {
            port: free_port(),
            dir: tempfile::tempdir().expect("maildir"),
            child: None,
        };
        server.launch().await;
        server
    }

    fn python() -> PathBuf {
        let venv = PathBuf::from(env!("CARGO_MANIFEST_DIR")).join(".synapse/venv/bin/python");
        if venv.exists() {
            venv
        } else {
            PathBuf::from("python3")
        }
    }

    async fn launch(&mut self) {
        let child = Command::new(Self::python())
            .args(["-m", "aiosmtpd", "-n", "-l"])
            .arg(format!("127.0.0.1:{}", self.port))
            .args(["-c", "aiosmtpd.handlers.Mailbox"])
            .arg(self.dir.path().join("mail"))
            .stdin(Stdio::null())
            .kill_on_drop(true)
            .spawn()
            .expect("aiosmtpd starts (pip install aiosmtpd, or scripts/homeserver install)");
        self.child = Some(child);
        // Ready when it takes a connection.
        let what = format!("aiosmtpd to listen on {}", self.port);
        crate::helpers::eventually(&what, PATIENCE, || async {
            tokio::net::TcpStream::connect(("127.0.0.1", self.port))
                .await
                .map(drop)
                .map_err(|error| error.to_string())
        })
        .await;
    }

    /// The server goes away (an outage of the mail provider).
    pub async fn stop(&mut self) {
        if let Some(mut child) = self.child.take() {
            let _ = child.kill().await;
        }
    }

    /// The server comes back, on the same port and maildir.
    pub async fn resume(&mut self) {
        self.launch().await;
    }

    /// The `[email]` section of a bot that sends through this server; its updates go at once
    /// (no coalescing delay), as the tests of what each e-mail says expect.
    pub fn config(&self) -> String {
        self.config_with("update_delay_s = 0\n")
    }

    /// The `[email]` section with `more` of its settings (coalescing, daily limits).
    pub fn config_with(&self, more: &str) -> String {
        format!(
            "[email]\nsmtp_host = \"127.0.0.1\"\nsmtp_port = {}\nsecurity = \"none\"\nfrom = \"Concertation 77 <concertation@concerto.example>\"\n{more}",
            self.port
        )
    }

    /// Every message received so far, raw, in the order they arrived.
    pub fn received(&self) -> Vec<Vec<u8>> {
        let new = self.dir.path().join("mail/new");
        let mut files: Vec<(std::time::SystemTime, PathBuf)> = std::fs::read_dir(&new)
            .map(|entries| {
                entries
                    .filter_map(Result::ok)
                    .filter_map(|entry| {
                        let modified = entry.metadata().ok()?.modified().ok()?;
                        Some((modified, entry.path()))
                    })
                    .collect()
            })
            .unwrap_or_default();
        files.sort();
        files
            .into_iter()
            .filter_map(|(_, path)| std::fs::read(path).ok())
            .collect()
    }

    /// Waits until `count` messages have arrived, and returns them. The maildir is read again
    /// and again: nothing else tells that a message came.
    pub async fn wait_for(&self, count: usize, what: &str) -> Vec<Vec<u8>> {
        crate::helpers::eventually(what, PATIENCE, || async {
            let received = self.received();
            if received.len() >= count {
                Ok(received)
            } else {
                Err(format!("{} e-mail(s) received", received.len()))
            }
        })
        .await
    }
}
