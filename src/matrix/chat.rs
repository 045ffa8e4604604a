//! Sends the service's messages: `m.notice`, Markdown rendered to HTML with the text as the
//! plain fallback, as a reply to the command when there is one. Encrypted rooms are encrypted
//! by `Room::send`.

use matrix_sdk::Client;
use matrix_sdk::room::RoomMember;
use matrix_sdk::ruma::api::error::ErrorKind;
use matrix_sdk::ruma::events::relation::{InReplyTo, Reply};
use matrix_sdk::ruma::events::room::message::{Relation, RoomMessageEventContent};
use matrix_sdk::ruma::events::room::power_levels::UserPowerLevel;
use matrix_sdk::ruma::{OwnedEventId, OwnedRoomId, OwnedTransactionId, OwnedUserId};

use crate::domain::{EventId, RoomId, UserId};
use crate::service::{Chat, SendError};
use crate::storage::OutgoingMessage;

pub struct MatrixChat {
    client: Client,
}

impl MatrixChat {
    pub fn new(client: Client) -> Self {
        Self { client }
    }

    /// The member as the bot's store knows them (no request to the homeserver).
    async fn member(&self, room: &RoomId, user: &UserId) -> Option<RoomMember> {
        let room_id = OwnedRoomId::try_from(room.as_str()).ok()?;
        let user_id = OwnedUserId::try_from(user.as_str()).ok()?;
        let room = self.client.get_room(&room_id)?;
        match room.get_member_no_sync(&user_id).await {
            Ok(member) => member,
            Err(error) => {
                tracing::warn!(%room_id, %user_id, %error, "member lookup failed");
                None
            }
        }
    }
}

impl Chat for MatrixChat {
    async fn send(&self, message: &OutgoingMessage) -> Result<EventId, SendError> {
        let permanent = |reason: String| SendError {
            permanent: true,
            reason,
        };
        let room_id = OwnedRoomId::try_from(message.room.as_str())
            .map_err(|error| permanent(format!("invalid room id: {error}")))?;
        let room = self
            .client
            .get_room(&room_id)
            .ok_or_else(|| permanent(format!("the bot is not in {room_id}")))?;
        let mut content = RoomMessageEventContent::notice_markdown(&message.markdown);
        if let Some(command) = &message.in_reply_to {
            let event_id = OwnedEventId::try_from(command.as_str())
                .map_err(|error| permanent(format!("invalid event id: {error}")))?;
            content.relates_to = Some(Relation::Reply(Reply::new(InReplyTo::new(event_id))));
        }
        let transaction_id = OwnedTransactionId::from(message.transaction_id());
        match room.send(content).with_transaction_id(transaction_id).await {
            Ok(sent) => Ok(EventId::new(sent.response.event_id.to_string())),
            Err(error) => Err(SendError {
                permanent: matches!(error.client_api_error_kind(), Some(ErrorKind::Forbidden)),
                reason: error.to_string(),
            }),
        }
    }

    async fn power_level(&self, room: &RoomId, user: &UserId) -> i64 {
        match self
            .member(room, user)
            .await
            .map(|member| member.power_level())
        {
            // Room creators (room version 12) outrank everyone.
            Some(UserPowerLevel::Infinite) => i64::MAX,
            Some(UserPowerLevel::Int(level)) => level.into(),
            Some(_) | None => 0,
        }
    }

    async fn display_name(&self, room: &RoomId, user: &UserId) -> Option<String> {
        self.member(room, user)
            .await
            .and_then(|member| member.display_name().map(str::to_owned))
    }
}
