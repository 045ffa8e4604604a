//! A command being carried out ([`Request`]), and what its handler returns ([`Handled`]).

use chrono::{DateTime, Utc};

use super::{IncomingMessage, ServiceError};
use crate::domain::messages::NewMessage;
use crate::domain::{Language, RoomId, UserId};
use crate::storage::Transaction;

/// What a command's handler returns: the messages to queue, in its transaction.
pub(super) type Handled = Result<Vec<NewMessage>, ServiceError>;

/// A command being carried out: its transaction, the message, the room's language, and the
/// moment it acts at — when its author sent it, so that it acts on the world they saw.
pub(crate) struct Request<'a> {
    pub tx: &'a mut Transaction,
    pub message: &'a IncomingMessage,
    pub language: Language,
    pub at: DateTime<Utc>,
    /// When the bot handles it (later than `at` after an outage): what was recorded by then,
    /// such as the answers to a ballot, counts.
    pub now: DateTime<Utc>,
    /// Whether the room is a working group's (closed, or not confirmed yet, it answers only
    /// that).
    pub group_room: bool,
    /// Set by a handler that changed a date: the clock looks again.
    pub reschedules: bool,
}

impl Request<'_> {
    /// The reply to the command, in reply to it.
    pub fn reply(&self, markdown: String) -> NewMessage {
        NewMessage {
            thread: self.message.thread.clone(),
            ..NewMessage::notice(&self.message.room, Some(&self.message.event_id), markdown)
        }
    }

    /// The reply alone: what most handlers return.
    pub fn say(&self, markdown: String) -> Result<Vec<NewMessage>, ServiceError> {
        Ok(vec![self.reply(markdown)])
    }

    pub fn room(&self) -> &RoomId {
        &self.message.room
    }

    /// The sender's answer to a ballot given by this command: `option`, "if need be" or not
    /// (deleting the command withdraws it, as a reaction's redaction does).
    pub fn command_answer(&self, option: usize, if_need_be: bool) -> crate::domain::ballot::Answer {
        crate::domain::ballot::Answer {
            event_id: self.message.event_id.clone(),
            voter: self.sender().clone(),
            option: Some(option),
            channel: crate::domain::ballot::Channel::Command,
            answered_at: self.at,
            if_need_be,
        }
    }

    pub fn sender(&self) -> &UserId {
        &self.message.sender
    }
}
