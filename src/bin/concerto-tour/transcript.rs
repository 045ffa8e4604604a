//! The conversation as one member's client sees it: every message, reaction and poll event of
//! the room, printed as it arrives (plain text, as a client shows it), and kept so that the tour
//! can wait for what it expects — the bot's answer to a command, a poll, a reminder.

use std::collections::HashMap;
use std::sync::Mutex;
use std::time::Duration;

use anyhow::bail;
use matrix_sdk::deserialized_responses::EncryptionInfo;
use matrix_sdk::ruma::events::poll::unstable_end::OriginalSyncUnstablePollEndEvent;
use matrix_sdk::ruma::events::poll::unstable_response::OriginalSyncUnstablePollResponseEvent;
use matrix_sdk::ruma::events::poll::unstable_start::OriginalSyncUnstablePollStartEvent;
use matrix_sdk::ruma::events::reaction::OriginalSyncReactionEvent;
use matrix_sdk::ruma::events::room::message::{
    MessageType, OriginalSyncRoomMessageEvent, Relation,
};
use matrix_sdk::ruma::{OwnedEventId, OwnedRoomId, OwnedUserId};
use matrix_sdk::{Client, Room};
use tokio::sync::watch;

use crate::plain::plain;

/// How long the bot may take to answer before the tour gives up.
pub const PATIENCE: Duration = Duration::from_secs(60);

/// One thing seen in the room.
#[derive(Debug, Clone)]
pub struct Seen {
    pub event_id: OwnedEventId,
    pub sender: OwnedUserId,
    pub what: What,
    /// Whether it came encrypted.
    pub encrypted: bool,
}

impl Seen {
    fn of(
        event_id: &OwnedEventId,
        sender: &OwnedUserId,
        what: What,
        encryption: &Option<EncryptionInfo>,
    ) -> Self {
        Self {
            event_id: event_id.clone(),
            sender: sender.clone(),
            what,
            encrypted: encryption.is_some(),
        }
    }
}

#[derive(Debug, Clone)]
pub enum What {
    Message {
        notice: bool,
        file: bool,
        in_reply_to: Option<OwnedEventId>,
    },
    Reaction,
    PollStart {
        answers: Vec<(String, String)>,
    },
    PollResponse,
    PollEnd,
}

/// The room's conversation, printed and kept.
pub struct Transcript {
    room: Mutex<Option<OwnedRoomId>>,
    names: HashMap<OwnedUserId, String>,
    bot: OwnedUserId,
    seen: Mutex<Vec<Seen>>,
    /// The number of things seen, for those who wait.
    count: watch::Sender<usize>,
}

impl Transcript {
    pub fn new(names: HashMap<OwnedUserId, String>, bot: OwnedUserId) -> Self {
        Self {
            room: Mutex::new(None),
            names,
            bot,
            seen: Mutex::new(Vec::new()),
            count: watch::Sender::new(0),
        }
    }

    /// From now on, what happens in `room` is printed and kept; other rooms are ignored.
    pub fn follow(&self, room: &Room) {
        *lock(&self.room) = Some(room.room_id().to_owned());
    }

    /// How many things were seen so far: a mark to wait from.
    pub fn mark(&self) -> usize {
        *self.count.borrow()
    }

    /// What came unencrypted so far, reactions aside: matrix-sdk sends those in clear (they
    /// carry an emoji and the event they are under), the bot's and the members' alike.
    pub fn unencrypted(&self) -> Vec<Seen> {
        lock(&self.seen)
            .iter()
            .filter(|seen| !seen.encrypted && !matches!(seen.what, What::Reaction))
            .cloned()
            .collect()
    }

    /// Waits for the first thing seen from `mark` on that `wanted` accepts.
    pub async fn wait_for(
        &self,
        mark: usize,
        what: &str,
        wanted: impl Fn(&Seen) -> bool,
    ) -> anyhow::Result<Seen> {
        let mut count = self.count.subscribe();
        let deadline = tokio::time::Instant::now() + PATIENCE;
        loop {
            if let Some(found) = lock(&self.seen).iter().skip(mark).find(|seen| wanted(seen)) {
                return Ok(found.clone());
            }
            match tokio::time::timeout_at(deadline, count.changed()).await {
                Ok(Ok(())) => {}
                Ok(Err(_)) => bail!("the conversation stopped while waiting for {what}"),
                Err(_) => bail!("waited {PATIENCE:?} for {what}, in vain"),
            }
        }
    }

    /// Waits for the bot's answer to the command `command`.
    pub async fn answer_to(
        &self,
        mark: usize,
        command: &OwnedEventId,
        text: &str,
    ) -> anyhow::Result<Seen> {
        self.wait_for_bot(
            mark,
            &format!("the bot's answer to “{text}”"),
            |what| matches!(what, What::Message { in_reply_to: Some(to), .. } if to == command),
        )
        .await
    }

    /// Waits for the first thing the bot posts from `mark` on that `wanted` accepts.
    pub async fn wait_for_bot(
        &self,
        mark: usize,
        what: &str,
        wanted: impl Fn(&What) -> bool,
    ) -> anyhow::Result<Seen> {
        self.wait_for(mark, what, |seen| {
            seen.sender == self.bot && wanted(&seen.what)
        })
        .await
    }

    fn name_of(&self, user: &OwnedUserId) -> String {
        self.names
            .get(user)
            .cloned()
            .unwrap_or_else(|| user.to_string())
    }

    fn record(&self, room: &Room, seen: Seen, shown: Option<String>) {
        if lock(&self.room).as_deref() != Some(room.room_id()) {
            return;
        }
        if let Some(shown) = shown {
            let time = chrono::Local::now().format("%H:%M:%S");
            let mut lines = shown.lines();
            let first = lines.next().unwrap_or_default();
            println!("{time}  {} › {first}", self.name_of(&seen.sender));
            for line in lines {
                if line.is_empty() {
                    println!();
                } else {
                    println!("{:10}{line}", "");
                }
            }
        }
        lock(&self.seen).push(seen);
        self.count.send_modify(|count| *count += 1);
    }

    fn answer_text(&self, poll: &OwnedEventId, answer: &str) -> String {
        lock(&self.seen)
            .iter()
            .find(|seen| &seen.event_id == poll)
            .and_then(|seen| match &seen.what {
                What::PollStart { answers } => answers
                    .iter()
                    .find(|(id, _)| id == answer)
                    .map(|(_, text)| text.clone()),
                _ => None,
            })
            .unwrap_or_else(|| answer.to_owned())
    }

    /// Has `client` (the observer's) report to this transcript.
    pub fn listen(self: &std::sync::Arc<Self>, client: &Client) {
        let transcript = self.clone();
        client.add_event_handler(
            move |event: OriginalSyncRoomMessageEvent,
                  room: Room,
                  encryption: Option<EncryptionInfo>| {
                let transcript = transcript.clone();
                async move {
                    let (notice, file) = match &event.content.msgtype {
                        MessageType::Notice(_) => (true, false),
                        MessageType::File(_) => (false, true),
                        _ => (false, false),
                    };
                    let mut text = plain(event.content.msgtype.body());
                    let in_reply_to = match &event.content.relates_to {
                        Some(Relation::Reply(reply)) => Some(reply.in_reply_to.event_id.clone()),
                        Some(Relation::Replacement(replacement)) => {
                            text = format!(
                                "(modifie son message) {}",
                                plain(replacement.new_content.msgtype.body())
                            );
                            None
                        }
                        _ => None,
                    };
                    if file {
                        text = format!("[fichier joint : {text}]");
                    }
                    let seen = Seen::of(
                        &event.event_id,
                        &event.sender,
                        What::Message {
                            notice,
                            file,
                            in_reply_to,
                        },
                        &encryption,
                    );
                    transcript.record(&room, seen, Some(text));
                }
            },
        );
        let transcript = self.clone();
        client.add_event_handler(
            move |event: OriginalSyncReactionEvent,
                  room: Room,
                  encryption: Option<EncryptionInfo>| {
                let transcript = transcript.clone();
                async move {
                    let key = event.content.relates_to.key.clone();
                    // The bot's own reactions under its proposals are the buttons to vote with:
                    // its message says so already.
                    let shown = (event.sender != transcript.bot).then(|| format!("(réagit {key})"));
                    let seen =
                        Seen::of(&event.event_id, &event.sender, What::Reaction, &encryption);
                    transcript.record(&room, seen, shown);
                }
            },
        );
        let transcript = self.clone();
        client.add_event_handler(
            move |event: OriginalSyncUnstablePollStartEvent,
                  room: Room,
                  encryption: Option<EncryptionInfo>| {
                let transcript = transcript.clone();
                async move {
                    let start = event.content.poll_start();
                    let answers: Vec<(String, String)> = start
                        .answers
                        .iter()
                        .map(|answer| (answer.id.clone(), answer.text.clone()))
                        .collect();
                    let mut shown = format!("[sondage] {}", start.question.text);
                    for (number, (_, text)) in answers.iter().enumerate() {
                        shown.push_str(&format!("\n  ○ {} {text}", number + 1));
                    }
                    let seen = Seen::of(
                        &event.event_id,
                        &event.sender,
                        What::PollStart { answers },
                        &encryption,
                    );
                    transcript.record(&room, seen, Some(shown));
                }
            },
        );
        let transcript = self.clone();
        client.add_event_handler(
            move |event: OriginalSyncUnstablePollResponseEvent,
                  room: Room,
                  encryption: Option<EncryptionInfo>| {
                let transcript = transcript.clone();
                async move {
                    let poll = &event.content.relates_to.event_id;
                    let answers: Vec<String> = event
                        .content
                        .poll_response
                        .answers
                        .iter()
                        .map(|answer| transcript.answer_text(poll, answer))
                        .collect();
                    let shown = format!("(répond au sondage : {})", answers.join(", "));
                    let seen = Seen::of(
                        &event.event_id,
                        &event.sender,
                        What::PollResponse,
                        &encryption,
                    );
                    transcript.record(&room, seen, Some(shown));
                }
            },
        );
        let transcript = self.clone();
        client.add_event_handler(
            move |event: OriginalSyncUnstablePollEndEvent,
                  room: Room,
                  encryption: Option<EncryptionInfo>| {
                let transcript = transcript.clone();
                async move {
                    let shown = format!("[fin du sondage] {}", plain(&event.content.text));
                    let seen = Seen::of(&event.event_id, &event.sender, What::PollEnd, &encryption);
                    transcript.record(&room, seen, Some(shown));
                }
            },
        );
    }
}

fn lock<T>(mutex: &Mutex<T>) -> std::sync::MutexGuard<'_, T> {
    mutex
        .lock()
        .unwrap_or_else(|poisoned| poisoned.into_inner())
}
