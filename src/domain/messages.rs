//! What the bot will say or do, as the outbox keeps it until the sender sends it (notices,
//! texts that notify, reactions, files, polls and their ends), and an event it could not read
//! yet. Written by the service in the transaction of what caused them; stored by `storage/`;
//! sent by `sender.rs`, which only sends.

use chrono::{DateTime, Utc};

use super::ids::{BallotId, EventId, RoomId, UserId};
use super::language::Language;

/// What a message carries.
#[derive(Debug, Clone, PartialEq, Eq)]
pub enum Content {
    /// Text in Markdown; sent as HTML with the text as the plain fallback.
    Notice { markdown: String },
    /// A reaction (`1️⃣`…) to the event named by `in_reply_to`.
    Reaction { key: String },
    /// A file, such as an iCalendar invitation.
    File {
        name: String,
        mime: String,
        data: Vec<u8>,
    },
    /// A native poll (one answer each), with a text for clients without polls; `hidden`:
    /// clients hide the counts until it ends (`org.matrix.msc3381.poll.undisclosed`).
    Poll {
        question: String,
        options: Vec<String>,
        fallback: String,
        hidden: bool,
    },
    /// The end of a poll (its target: the ballot in [`Presents::OnBallot`]), with a text.
    PollEnd { text: String },
    /// A message that notifies (`m.text`, unlike notices): reminders and nudges. The people
    /// in `mentions` are pinged; the Markdown links to them (`matrix.to` pills).
    Text {
        markdown: String,
        mentions: Vec<UserId>,
    },
    /// A file the sender prints to PDF just before sending it: never while a command holds
    /// its transaction.
    Pdf(Printable),
    /// The bot invites `user` into the message's room (a working group's).
    Invite { user: UserId },
    /// A part of a person's copy of their data, which the sender writes out just before
    /// sending it: never while a command holds its transaction.
    Copy(SubjectCopy),
}

/// A part of the copy `!mes-données` sends a member: what the outbox keeps is whose data and
/// how to write it, not the data (read when it is written out, just before it is sent).
#[derive(Debug, Clone, PartialEq, Eq, serde::Serialize, serde::Deserialize)]
pub struct SubjectCopy {
    /// The member (a Matrix user id).
    pub person: String,
    pub part: CopyPart,
    pub language: Language,
    /// When the member asked: the day in the files' names and the date the copy bears.
    pub asked_at: DateTime<Utc>,
}

/// The three parts of a copy, each a message: a word, the Markdown file, the JSON file.
#[derive(Debug, Clone, Copy, PartialEq, Eq, serde::Serialize, serde::Deserialize)]
#[serde(rename_all = "lowercase")]
pub enum CopyPart {
    Word,
    Markdown,
    Json,
}

/// The room the bot creates for a working group: its name, whom it invites, the plenary (whose
/// space, if the bot may, gets it as a child), and the key that finds it again after a crash.
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct GroupRoomSpec {
    pub key: String,
    pub name: String,
    pub invite: Vec<UserId>,
    pub plenary: RoomId,
}

/// The outbox's "room" of a message for working group `group`'s room, created by the sender
/// the first time (as a direct room is): `group:<id>`. A room id never starts so.
pub fn group_room(group: i64) -> RoomId {
    RoomId::new(format!("group:{group}"))
}

/// The working group a message is for, if it is addressed by [`group_room`].
pub fn group_of(room: &RoomId) -> Option<i64> {
    room.as_str().strip_prefix("group:")?.parse().ok()
}

/// What the sender replaces, in a message's text, by the link to group `group`'s room once it
/// exists (a message that names it waits for the room).
pub fn group_link(group: i64) -> String {
    format!("⟦group-room:{group}⟧")
}

/// Where a text holds [`group_link`]s, and for which groups, last first (to be replaced in
/// that order). One a member typed is escaped (`\⟦`, [`crate::i18n::escape_markdown`]) and
/// is no link; neither is a malformed one.
pub fn group_links(text: &str) -> Vec<(std::ops::Range<usize>, i64)> {
    const OPEN: &str = "⟦group-room:";
    let mut found = Vec::new();
    let mut from = 0;
    while let Some(at) = text.get(from..).and_then(|rest| rest.find(OPEN)) {
        let start = from + at;
        from = start + OPEN.len();
        if text[..start].ends_with('\\') {
            continue;
        }
        let Some(length) = text[from..].find('⟧') else {
            break;
        };
        let end = from + length + '⟧'.len_utf8();
        if let Ok(group) = text[from..from + length].parse::<i64>() {
            found.push((start..end, group));
        }
    }
    found.reverse();
    found
}

/// A document to print: the minutes, as a procès-verbal (`pdf/` lays it out on A4).
#[derive(Debug, Clone, PartialEq, Eq, serde::Serialize, serde::Deserialize)]
pub struct Printable {
    /// The file's name (`compte-rendu-2026-12-10.pdf`).
    pub name: String,
    /// What heads the first page: the room's name, then its associations.
    pub heading: Vec<String>,
    /// The text, in the minutes' Markdown (the text that was fingerprinted, once adopted).
    pub markdown: String,
    /// At the foot of every page: "Projet", or "Adopté le … — empreinte SHA-256 …".
    pub status: String,
    /// The document's language, for its metadata.
    pub language: Language,
    /// A table after the text, ruled, each row tall enough to sign in (a sign-in sheet).
    #[serde(default)]
    pub table: Option<Table>,
}

/// A ruled table of a printed document: its columns' headings and widths (shares of the
/// page's width), and its rows, each cell as text.
#[derive(Debug, Clone, PartialEq, serde::Serialize, serde::Deserialize)]
pub struct Table {
    pub columns: Vec<(String, f32)>,
    pub rows: Vec<Vec<String>>,
}

impl Eq for Table {}

/// What a message stands for once it is sent, beyond its text.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub enum Presents {
    /// A ballot: members answer this message, so its event id is the ballot's.
    Ballot(BallotId),
    /// It refers to the ballot's message, sent before it (its event id is known only then):
    /// the end of a poll, or the bot's own number reactions under a date proposal.
    OnBallot(BallotId),
}

/// A message to write into the outbox.
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct NewMessage {
    pub room: RoomId,
    /// The command a notice answers (shown as a reply), or the event a reaction is on.
    pub in_reply_to: Option<EventId>,
    pub content: Content,
    pub presents: Option<Presents>,
    /// The root of the thread the command was sent in: its reply goes there too. What the
    /// bot posts by itself stays in the main timeline (`None`).
    pub thread: Option<EventId>,
}

/// The outbox's "room" of a message for one person alone: their user id. The sender sends
/// it in the direct room the bot shares with them, opening one (encrypted) the first time.
/// A room id never starts with `@`; a user id always does.
pub fn direct_to(person: &UserId) -> RoomId {
    RoomId::new(person.as_str())
}

/// The person a message is for alone ([`direct_to`]), if it is.
pub fn direct_recipient(room: &RoomId) -> Option<UserId> {
    room.as_str()
        .starts_with('@')
        .then(|| UserId::new(room.as_str()))
}

impl NewMessage {
    /// A notice, in reply to `command` when there is one.
    pub fn notice(room: &RoomId, command: Option<&EventId>, markdown: String) -> Self {
        Self {
            room: room.clone(),
            in_reply_to: command.cloned(),
            content: Content::Notice { markdown },
            presents: None,
            thread: None,
        }
    }

    /// A text that notifies (`m.text`): the people in `mentions` are pinged. Sent by the bot
    /// alone, in the main timeline.
    pub fn text(room: &RoomId, markdown: String, mentions: Vec<UserId>) -> Self {
        Self {
            room: room.clone(),
            in_reply_to: None,
            content: Content::Text { markdown, mentions },
            presents: None,
            thread: None,
        }
    }

    /// A reaction put on `target`.
    pub fn reaction(room: &RoomId, target: &EventId, key: &str) -> Self {
        Self {
            room: room.clone(),
            in_reply_to: Some(target.clone()),
            content: Content::Reaction {
                key: key.to_owned(),
            },
            presents: None,
            thread: None,
        }
    }

    /// A reaction put on the message of `ballot`, once it is sent (the bot's own number
    /// reactions under a date proposal, queued with it).
    pub fn reaction_on_ballot(room: &RoomId, ballot: BallotId, key: &str) -> Self {
        Self {
            room: room.clone(),
            in_reply_to: None,
            content: Content::Reaction {
                key: key.to_owned(),
            },
            presents: Some(Presents::OnBallot(ballot)),
            thread: None,
        }
    }
}

/// A message in the outbox, not sent yet.
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct OutgoingMessage {
    pub id: i64,
    pub room: RoomId,
    pub in_reply_to: Option<EventId>,
    pub content: Content,
    pub presents: Option<Presents>,
    /// The thread it answers in, if any.
    pub thread: Option<EventId>,
    pub created_at: DateTime<Utc>,
    /// How many sends failed so far.
    pub attempts: u32,
    /// After a failed send: not before this time.
    pub next_attempt_at: Option<DateTime<Utc>>,
}

impl OutgoingMessage {
    /// The Matrix transaction id of every send of this message: the homeserver answers a
    /// repeated send with the first one's event instead of posting it twice. The creation time
    /// keeps ids unique even if the database is recreated under the same Matrix session.
    pub fn transaction_id(&self) -> String {
        format!(
            "concerto-{}-{}",
            self.id,
            self.created_at.timestamp_micros()
        )
    }

    /// The text, for notices and texts (tests and logs read it).
    pub fn markdown(&self) -> Option<&str> {
        match &self.content {
            Content::Notice { markdown } | Content::Text { markdown, .. } => Some(markdown),
            _ => None,
        }
    }
}

/// What to do with a message after a failed send.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub enum Retry {
    /// Try again, not before this time.
    At(DateTime<Utc>),
    /// Give up: the message leaves the queue for good.
    Never,
}

/// An encrypted event whose key has not arrived yet, as the homeserver sent it.
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct UndecryptedEvent {
    pub room: RoomId,
    pub event_id: EventId,
    /// Who sent it (the homeserver says, in clear). Empty only for events kept by a version
    /// from before it was recorded.
    pub sender: UserId,
    /// The Megolm session whose key is missing, when the event says.
    pub session_id: Option<String>,
    /// The event it answers, when its relation (kept in clear, as the spec asks) is a
    /// reference: a poll answer, which waits for its key without an apology.
    pub answers: Option<EventId>,
    /// The homeserver's timestamp of the event.
    pub sent_at: DateTime<Utc>,
    /// The event's JSON, to decrypt once the key is there.
    pub raw: String,
}

impl UndecryptedEvent {
    /// The key its sender's client encrypted it with, as far as the bot can tell: one
    /// "could not read" reply per sender and key, not per message.
    pub fn key_name(&self) -> &str {
        self.session_id.as_deref().unwrap_or(self.event_id.as_str())
    }
}

/// A file a member sent to the room (a letter's text as Markdown, an institution's answer), as
/// the bot downloaded (and decrypted) it.
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct ReceivedFile {
    pub name: String,
    /// Its content type, as the sender's client gave it (`text/markdown`, `application/pdf`).
    pub mime: String,
    pub data: Vec<u8>,
}

/// The largest file the bot reads from the room: a letter's text, an answer (2 MiB).
pub const MAX_RECEIVED_FILE: usize = 2 * 1024 * 1024;

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn group_links_are_found_unless_escaped_or_malformed() {
        let text = format!(
            "Salon : {} et {} ; \\⟦group-room:3⟧ ⟦group-room:x⟧ ⟦group-room:",
            group_link(1),
            group_link(22)
        );
        let found = group_links(&text);
        assert_eq!(
            found.iter().map(|(_, group)| *group).collect::<Vec<_>>(),
            vec![22, 1]
        );
        for (range, group) in found {
            assert_eq!(&text[range], group_link(group));
        }
        assert!(group_links("é⟦group-room:").is_empty());
        assert!(group_links(&crate::i18n::escape_markdown(&group_link(5))).is_empty());
    }
}
