//! What a room event means to the service: a text message (or the edit of one), a reaction,
//! a poll answer, a redaction, or an encrypted event the bot cannot read yet. Read the same way
//! by the sync loop, the relations of a ballot and a kept event decrypted at last.

use chrono::{DateTime, Utc};
use matrix_sdk::deserialized_responses::TimelineEvent;
use matrix_sdk::ruma::events::room::encrypted::OriginalSyncRoomEncryptedEvent;
use matrix_sdk::ruma::events::room::message::{MessageType, Relation, TextMessageEventContent};
use matrix_sdk::ruma::events::room::redaction::SyncRoomRedactionEvent;
use matrix_sdk::ruma::events::{
    AnySyncMessageLikeEvent, AnySyncTimelineEvent, SyncMessageLikeEvent,
};
use matrix_sdk::ruma::{MilliSecondsSinceUnixEpoch, OwnedUserId};

use crate::command;
use crate::domain::messages::UndecryptedEvent;
use crate::domain::{EventId, RoomId, UserId};
use crate::service::{
    Incoming, IncomingEdit, IncomingMessage, IncomingPollResponse, IncomingReaction,
};

/// What an event from someone else means to the service: a text message (or the edit of one),
/// a reaction, a redaction, or an event that cannot be decrypted yet; `None` for anything else.
///
/// `own_name` is the bot's display name in the room, when known: a message that begins with it
/// (or with a pill naming the bot, or `@localpart`) and `:` or `,` is read as a command.
pub(super) fn incoming(
    event: &TimelineEvent,
    room: &RoomId,
    own_user: &OwnedUserId,
    own_name: Option<&str>,
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
    let mentions_bot = message
        .content
        .mentions
        .as_ref()
        .is_some_and(|mentions| mentions.user_ids.contains(own_user));
    let thread = match &message.content.relates_to {
        Some(Relation::Thread(thread)) => Some(EventId::new(thread.event_id.as_str())),
        _ => None,
    };
    let in_reply_to = match &message.content.relates_to {
        Some(Relation::Reply(reply)) => Some(EventId::new(reply.in_reply_to.event_id.as_str())),
        Some(Relation::Thread(thread)) if !thread.is_falling_back => thread
            .in_reply_to
            .as_ref()
            .map(|reply| EventId::new(reply.event_id.as_str())),
        _ => None,
    };
    Some(Incoming::Message(IncomingMessage {
        room: room.clone(),
        event_id: EventId::new(message.event_id.as_str()),
        sender: UserId::new(message.sender.as_str()),
        body: as_command(text, own_user, own_name, mentions_bot),
        sent_at: to_utc(message.origin_server_ts),
        thread,
        in_reply_to,
    }))
}

/// The body as the grammar reads it: a message addressed to the bot by name ("Concerto :
/// agenda ajouter …", "@concerto help", a pill) becomes the command it names ("!agenda
/// ajouter …"); any other message is left as it is (only `!` makes it a command).
fn as_command(
    text: &TextMessageEventContent,
    own_user: &OwnedUserId,
    own_name: Option<&str>,
    mentions_bot: bool,
) -> String {
    let mut names: Vec<String> = own_name.map(str::to_owned).into_iter().collect();
    if mentions_bot && let Some(pill) = pill_text(text, own_user) {
        names.push(pill);
    }
    names.push(own_user.localpart().to_owned());
    names.push(format!("@{}", own_user.localpart()));
    names.push(own_user.to_string());
    match command::addressed(&text.body, &names) {
        Some(rest) if rest.starts_with(command::PREFIX) => rest.to_owned(),
        Some(rest) => format!("{}{rest}", command::PREFIX),
        None => text.body.clone(),
    }
}

/// The text of the pill that opens a formatted message, when it links to the bot
/// (`<a href="https://matrix.to/#/@concerto:example.org">Concerto</a>: …`).
fn pill_text(text: &TextMessageEventContent, own_user: &OwnedUserId) -> Option<String> {
    let html = text.formatted.as_ref()?.body.trim_start();
    let rest = html.strip_prefix("<a href=\"https://matrix.to/#/")?;
    let (target, rest) = rest.split_once("\">")?;
    let target = target.replace("%40", "@").replace("%3A", ":");
    if target != own_user.as_str() {
        return None;
    }
    let (name, _) = rest.split_once("</a>")?;
    Some(
        name.replace("&amp;", "&")
            .replace("&lt;", "<")
            .replace("&gt;", ">")
            .replace("&quot;", "\"")
            .replace("&#39;", "'"),
    )
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

#[cfg(test)]
mod tests {
    use super::*;

    fn bot() -> OwnedUserId {
        OwnedUserId::try_from("@concerto:example.org").expect("user id")
    }

    #[test]
    fn a_pill_or_the_name_makes_the_command_and_plain_chat_stays_chat() {
        let html = TextMessageEventContent::html(
            "Le bot: agenda ajouter Budget",
            "<a href=\"https://matrix.to/#/@concerto:example.org\">Le bot</a>: agenda ajouter Budget",
        );
        assert_eq!(
            as_command(&html, &bot(), None, true),
            "!agenda ajouter Budget"
        );
        // The same pill without the mention is not the bot's name.
        assert_eq!(
            as_command(&html, &bot(), None, false),
            "Le bot: agenda ajouter Budget"
        );
        let named = TextMessageEventContent::plain("Concerto, aide");
        assert_eq!(as_command(&named, &bot(), Some("Concerto"), false), "!aide");
        let at = TextMessageEventContent::plain("@concerto help");
        assert_eq!(as_command(&at, &bot(), None, false), "!help");
        let command = TextMessageEventContent::plain("concerto: !aide");
        assert_eq!(as_command(&command, &bot(), None, false), "!aide");
        let chat = TextMessageEventContent::plain("concerto est là ?");
        assert_eq!(
            as_command(&chat, &bot(), Some("Concerto"), false),
            "concerto est là ?"
        );
        let other = TextMessageEventContent::html(
            "Alice: bonjour",
            "<a href=\"https://matrix.to/#/@alice:example.org\">Alice</a>: bonjour",
        );
        assert_eq!(pill_text(&other, &bot()), None);
    }
}
