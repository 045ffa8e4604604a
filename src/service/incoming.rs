//! What the service is handed: a room event as it means something to the bot (a message, an
//! edit, a reaction, a poll answer, a redaction, an event it cannot read yet), and what the
//! chat says of a ballot's related events. Read by `matrix/events.rs`; no matrix_sdk here.

use chrono::{DateTime, Utc};

use crate::domain::messages::UndecryptedEvent;
use crate::domain::{EventId, RoomId, UserId};

/// When an event was given, as the bot may believe it: its homeserver's timestamp, but never
/// after the bot's present. Nothing reaches the bot from its future: a server whose clock is
/// ahead of ours is read as now — else an answer would wait to be counted, and a ballot closed
/// meanwhile would lose it.
pub(super) fn given_at(sent_at: DateTime<Utc>, now: DateTime<Utc>) -> DateTime<Utc> {
    sent_at.min(now)
}

/// A text message someone posted in a room the bot is in.
#[derive(Debug, Clone)]
pub struct IncomingMessage {
    pub room: RoomId,
    pub event_id: EventId,
    pub sender: UserId,
    pub body: String,
    /// The homeserver's timestamp of the message.
    pub sent_at: DateTime<Utc>,
    /// The root of the thread it was sent in, if any: the reply goes there.
    pub thread: Option<EventId>,
    /// The message it replies to, if any (a file a command is about).
    pub in_reply_to: Option<EventId>,
}

/// A message edited by its sender (an `m.replace` event).
#[derive(Debug, Clone)]
pub struct IncomingEdit {
    pub room: RoomId,
    /// The edit event itself.
    pub event_id: EventId,
    /// The message that was edited.
    pub original: EventId,
    pub sender: UserId,
    pub new_body: String,
}

/// A reaction someone put on a message (an answer, when the message is a ballot).
#[derive(Debug, Clone)]
pub struct IncomingReaction {
    pub room: RoomId,
    /// The reaction event itself; its redaction withdraws the answer.
    pub event_id: EventId,
    pub sender: UserId,
    /// The message reacted to.
    pub target: EventId,
    pub key: String,
    /// The homeserver's timestamp of the reaction.
    pub sent_at: DateTime<Utc>,
}

/// An answer to a poll from a client that shows polls (`m.poll.response` or its unstable
/// form).
#[derive(Debug, Clone)]
pub struct IncomingPollResponse {
    pub room: RoomId,
    /// The response event; a later response of the same person replaces it.
    pub event_id: EventId,
    pub sender: UserId,
    /// The poll's start event.
    pub poll: EventId,
    /// The ids of the chosen answers (ours are `1`, `2`, …).
    pub answers: Vec<String>,
    /// The homeserver's timestamp of the response.
    pub sent_at: DateTime<Utc>,
}

/// What a room event means to the service.
#[derive(Debug, Clone)]
pub enum Incoming {
    Message(IncomingMessage),
    Edit(IncomingEdit),
    Reaction(IncomingReaction),
    PollResponse(IncomingPollResponse),
    /// The redaction of an event (a withdrawn reaction, among others).
    Redaction {
        room: RoomId,
        redacted: EventId,
    },
    /// An event the bot cannot decrypt yet: kept until its key arrives.
    Undecryptable(UndecryptedEvent),
}

impl Incoming {
    pub(super) fn event_id(&self) -> Option<&EventId> {
        match self {
            Incoming::Message(message) => Some(&message.event_id),
            Incoming::Edit(edit) => Some(&edit.event_id),
            Incoming::Reaction(reaction) => Some(&reaction.event_id),
            Incoming::PollResponse(response) => Some(&response.event_id),
            Incoming::Redaction { .. } => None,
            Incoming::Undecryptable(event) => Some(&event.event_id),
        }
    }

    pub(super) fn room(&self) -> &RoomId {
        match self {
            Incoming::Message(message) => &message.room,
            Incoming::Edit(edit) => &edit.room,
            Incoming::Reaction(reaction) => &reaction.room,
            Incoming::PollResponse(response) => &response.room,
            Incoming::Redaction { room, .. } => room,
            Incoming::Undecryptable(event) => &event.room,
        }
    }
}

/// What a new try to decrypt a kept event gave.
#[derive(Debug, Clone)]
pub enum Decryption {
    /// Its key is still missing.
    Pending,
    /// Decrypted: what it means to the service (nothing, for most events).
    Done(Option<Incoming>),
}

/// The events related to a ballot's message, as the homeserver has them now.
#[derive(Debug, Clone, Default)]
pub struct Relations {
    /// The reactions still standing (withdrawn ones excluded, the bot's own excluded).
    pub reactions: Vec<IncomingReaction>,
    /// The poll responses (stable and unstable).
    pub poll_responses: Vec<IncomingPollResponse>,
    /// Related events the bot could not decrypt: unknown, which is not absent.
    pub undecryptable: Vec<EventId>,
}
