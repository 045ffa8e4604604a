//! What a room event means to the service: a text message (or the edit of one), a reaction,
//! a poll answer, a redaction, or an encrypted event the bot cannot read yet. Read the same way
//! by the sync loop, the relations of a ballot and a kept event decrypted at last.

use chrono::{DateTime, Utc};
use matrix_sdk::deserialized_responses::TimelineEvent;
use matrix_sdk::ruma::events::room::encrypted::OriginalSyncRoomEncryptedEvent;
use matrix_sdk::ruma::events::room::message::{MessageType, Relation};
use matrix_sdk::ruma::events::room::redaction::SyncRoomRedactionEvent;
use matrix_sdk::ruma::events::{
    AnySyncMessageLikeEvent, AnySyncTimelineEvent, SyncMessageLikeEvent,
};
use matrix_sdk::ruma::{MilliSecondsSinceUnixEpoch, OwnedUserId};

use crate::domain::messages::UndecryptedEvent;
use crate::domain::{EventId, RoomId, UserId};
use crate::service::{
    Incoming, IncomingEdit, IncomingMessage, IncomingPollResponse, IncomingReaction,
};

/// What an event from someone else means to the service: a text message (or the edit of one),
/// a reaction, a redaction, or an event that cannot be decrypted yet; `None` for anything else.
pub(super) fn incoming(
    event: &TimelineEvent,
    room: &RoomId,
    own_user: &OwnedUserId,
) -> Option<Incoming> {
    let parsed = match event.raw().deserialize() {
        Ok(parsed) => parsed,
        Err(error) => {
            tracing::debug!(%error, "event not understood; ignored");
            return None;
        }
    };
    let AnySyncTimelineEvent::MessageLike(message) = parsed else {
        return None;
    };
    if message.sender() == own_user {
        return None;
    }
    let message = match message {
        AnySyncMessageLikeEvent::RoomMessage(SyncMessageLikeEvent::Original(message)) => message,
        AnySyncMessageLikeEvent::Reaction(SyncMessageLikeEvent::Original(reaction)) => {
            return Some(Incoming::Reaction(IncomingReaction {
                room: room.clone(),
                event_id: EventId::new(reaction.event_id.as_str()),
                sender: UserId::new(reaction.sender.as_str()),
                target: EventId::new(reaction.content.relates_to.event_id.as_str()),
                key: reaction.content.relates_to.key,
                sent_at: to_utc(reaction.origin_server_ts),
            }));
        }
        AnySyncMessageLikeEvent::UnstablePollResponse(SyncMessageLikeEvent::Original(response)) => {
            return Some(Incoming::PollResponse(IncomingPollResponse {
                room: room.clone(),
                event_id: EventId::new(response.event_id.as_str()),
                sender: UserId::new(response.sender.as_str()),
                poll: EventId::new(response.content.relates_to.event_id.as_str()),
                answers: response.content.poll_response.answers,
                sent_at: to_utc(response.origin_server_ts),
            }));
        }
        AnySyncMessageLikeEvent::PollResponse(SyncMessageLikeEvent::Original(response)) => {
            return Some(Incoming::PollResponse(IncomingPollResponse {
                room: room.clone(),
                event_id: EventId::new(response.event_id.as_str()),
                sender: UserId::new(response.sender.as_str()),
                poll: EventId::new(response.content.relates_to.event_id.as_str()),
                answers: response.content.selections.to_vec(),
                sent_at: to_utc(response.origin_server_ts),
            }));
        }
        AnySyncMessageLikeEvent::RoomRedaction(SyncRoomRedactionEvent::Original(redaction)) => {
            let redacted = redaction
                .content
                .redacts
                .as_ref()
                .or(redaction.redacts.as_ref())?;
            return Some(Incoming::Redaction {
                room: room.clone(),
                redacted: EventId::new(redacted.as_str()),
            });
        }
        AnySyncMessageLikeEvent::RoomEncrypted(SyncMessageLikeEvent::Original(encrypted)) => {
            return Some(undecryptable(event, &encrypted, room));
        }
        _ => return None,
    };
    if let Some(Relation::Replacement(replacement)) = &message.content.relates_to {
        let MessageType::Text(text) = &replacement.new_content.msgtype else {
            return None;
        };
        return Some(Incoming::Edit(IncomingEdit {
            room: room.clone(),
            event_id: EventId::new(message.event_id.as_str()),
            original: EventId::new(replacement.event_id.as_str()),
            sender: UserId::new(message.sender.as_str()),
            new_body: text.body.clone(),
        }));
    }
    let MessageType::Text(text) = &message.content.msgtype else {
        return None;
    };
    Some(Incoming::Message(IncomingMessage {
        room: room.clone(),
        event_id: EventId::new(message.event_id.as_str()),
        sender: UserId::new(message.sender.as_str()),
        body: text.body.clone(),
        sent_at: to_utc(message.origin_server_ts),
    }))
}

/// What an event the bot cannot decrypt (yet) means. Its relation travels in clear (the spec
/// asks clients to leave `m.relates_to` unencrypted): a reaction's key is read from it and
/// counts at once; an answer that refers to another event (a poll answer) waits for its key
/// without an apology; anything else is a message the bot may have to say it cannot read.
fn undecryptable(
    event: &TimelineEvent,
    encrypted: &OriginalSyncRoomEncryptedEvent,
    room: &RoomId,
) -> Incoming {
    use matrix_sdk::ruma::events::room::encrypted::{EncryptedEventScheme, Relation as Clear};
    let answers = match &encrypted.content.relates_to {
        Some(Clear::Annotation(annotation)) => {
            return Incoming::Reaction(IncomingReaction {
                room: room.clone(),
                event_id: EventId::new(encrypted.event_id.as_str()),
                sender: UserId::new(encrypted.sender.as_str()),
                target: EventId::new(annotation.event_id.as_str()),
                key: annotation.key.clone(),
                sent_at: to_utc(encrypted.origin_server_ts),
            });
        }
        Some(Clear::Reference(reference)) => Some(EventId::new(reference.event_id.as_str())),
        _ => None,
    };
    let session_id = match &encrypted.content.scheme {
        EncryptedEventScheme::MegolmV1AesSha2(content) => Some(content.session_id.clone()),
        _ => None,
    };
    Incoming::Undecryptable(UndecryptedEvent {
        room: room.clone(),
        event_id: EventId::new(encrypted.event_id.as_str()),
        sender: UserId::new(encrypted.sender.as_str()),
        session_id,
        answers,
        sent_at: to_utc(encrypted.origin_server_ts),
        raw: event.raw().json().get().to_owned(),
    })
}

pub(super) fn to_utc(timestamp: MilliSecondsSinceUnixEpoch) -> DateTime<Utc> {
    let millis = i64::from(timestamp.get());
    DateTime::from_timestamp_millis(millis).unwrap_or_default()
}
