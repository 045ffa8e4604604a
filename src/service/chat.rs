//! The service's window on the chat: sending, and what it must know of the rooms.

use std::future::Future;

use super::{Decryption, Relations};
use crate::domain::messages::{GroupRoomSpec, OutgoingMessage, ReceivedFile, UndecryptedEvent};
use crate::domain::{EventId, RoomId, UserId};

/// Implemented by the Matrix layer (and by a recorder in tests).
pub trait Chat: Send + Sync + 'static {
    /// Sends `message`, using [`OutgoingMessage::transaction_id`] so that a repeated send is
    /// not posted twice. Returns the event id of the posted message.
    fn send(
        &self,
        message: &OutgoingMessage,
    ) -> impl Future<Output = Result<EventId, SendError>> + Send;

    /// The member's power level in the room (50 and more: moderator); 0 when unknown.
    fn power_level(&self, room: &RoomId, user: &UserId) -> impl Future<Output = i64> + Send;

    /// The member's display name in the room, if they have one.
    fn display_name(
        &self,
        room: &RoomId,
        user: &UserId,
    ) -> impl Future<Output = Option<String>> + Send;

    /// The room's joined members other than the bot, with their display names.
    fn members(&self, room: &RoomId) -> impl Future<Output = Vec<(UserId, Option<String>)>> + Send;

    /// The events the homeserver has in relation to `event`; `None` when it could not be asked.
    fn relations_of(
        &self,
        room: &RoomId,
        event: &EventId,
    ) -> impl Future<Output = Option<Relations>> + Send;

    /// The bot's own user id.
    fn own_id(&self) -> UserId;

    /// Whether the bot may post messages in the room (an upgraded room's old version is
    /// closed to members without power).
    fn may_post(&self, room: &RoomId) -> impl Future<Output = bool> + Send;

    /// The room's name (`m.room.name`), if it has one.
    fn room_name(&self, room: &RoomId) -> impl Future<Output = Option<String>> + Send;

    /// Tries again to decrypt a kept event.
    fn decrypt(&self, event: &UndecryptedEvent) -> impl Future<Output = Decryption> + Send;

    /// The file `event` of the room carries (downloaded, decrypted), if it is a file message
    /// of at most [`crate::domain::messages::MAX_RECEIVED_FILE`] bytes.
    fn file_of(
        &self,
        room: &RoomId,
        event: &EventId,
    ) -> impl Future<Output = Option<ReceivedFile>> + Send;

    /// Creates a working group's room — encrypted, private, named, its members invited —
    /// and, when the plenary is in a space the bot may change, adds it there as a child
    /// (`m.space.child` / `m.space.parent`). A second try after a crash finds the room the
    /// first made (by `spec.key`). Returns the room's id.
    fn create_group_room(
        &self,
        spec: &GroupRoomSpec,
    ) -> impl Future<Output = Result<RoomId, SendError>> + Send;
}

#[derive(Debug, thiserror::Error)]
#[error("{reason}")]
pub struct SendError {
    /// Trying again will not help (the bot was removed from the room, say).
    pub permanent: bool,
    pub reason: String,
}
