//! The service's window on Matrix: sends notices (Markdown rendered to HTML, the text as the
//! plain fallback, as a reply to the command), reactions, files, polls and poll ends, each with
//! the outbox's transaction id; reads members' power levels and names from the local store,
//! the events related to a ballot from the homeserver, and decrypts kept events again.
//! Encrypted rooms are encrypted by the SDK.

use std::collections::HashMap;
use std::sync::Mutex;

use matrix_sdk::attachment::AttachmentConfig;
use matrix_sdk::deserialized_responses::RawAnySyncOrStrippedState;
use matrix_sdk::room::RoomMember;
use matrix_sdk::room::{IncludeRelations, RelationsOptions};
use matrix_sdk::ruma::api::client::room::create_room;
use matrix_sdk::ruma::api::client::room::create_room::v3::RoomPreset;
use matrix_sdk::ruma::api::error::ErrorKind;
use matrix_sdk::ruma::events::Mentions;
use matrix_sdk::ruma::events::poll::start::PollKind;
use matrix_sdk::ruma::events::poll::unstable_end::UnstablePollEndEventContent;
use matrix_sdk::ruma::events::poll::unstable_start::{
    NewUnstablePollStartEventContent, UnstablePollAnswer, UnstablePollAnswers,
    UnstablePollStartContentBlock, UnstablePollStartEventContent,
};
use matrix_sdk::ruma::events::reaction::ReactionEventContent;
use matrix_sdk::ruma::events::relation::Annotation;
use matrix_sdk::ruma::events::relation::Thread;
use matrix_sdk::ruma::events::relation::{InReplyTo, Reply};
use matrix_sdk::ruma::events::room::encrypted::OriginalSyncRoomEncryptedEvent;
use matrix_sdk::ruma::events::room::encryption::RoomEncryptionEventContent;
use matrix_sdk::ruma::events::room::message::{
    Relation, RoomMessageEventContent, RoomMessageEventContentWithoutRelation,
};
use matrix_sdk::ruma::events::room::power_levels::UserPowerLevel;
use matrix_sdk::ruma::events::space::child::SpaceChildEventContent;
use matrix_sdk::ruma::events::space::parent::SpaceParentEventContent;
use matrix_sdk::ruma::events::{
    AnySyncMessageLikeEvent, AnySyncTimelineEvent, MessageLikeEventType, SyncMessageLikeEvent,
};
use matrix_sdk::ruma::events::{InitialStateEvent, StateEventType};
use matrix_sdk::ruma::serde::Raw;
use matrix_sdk::ruma::uint;
use matrix_sdk::ruma::{OwnedEventId, OwnedRoomId, OwnedTransactionId, OwnedUserId};
use matrix_sdk::{Client, RoomMemberships};

use crate::domain::messages::{
    Content, GroupRoomSpec, MAX_RECEIVED_FILE, OutgoingMessage, ReceivedFile, UndecryptedEvent,
    direct_recipient,
};
use crate::domain::{EventId, RoomId, UserId};
use crate::service::{Chat, Decryption, Incoming, IncomingReaction, Relations, SendError};

use super::events::{incoming, to_utc};

/// Display names kept at most, over all rooms, before the cache starts afresh.
const NAMES_KEPT: usize = 4096;

pub struct MatrixChat {
    client: Client,
    /// Display names already read from the SDK's store (each read is a query and a decryption
    /// there), kept until the sync loop sees a membership change in their room.
    names: Mutex<HashMap<(RoomId, UserId), Option<String>>>,
}

/// The state event that marks a room the bot created for a working group (its key).
const GROUP_STATE: &str = "org.concerto.group";

impl MatrixChat {
    pub fn new(client: Client) -> Self {
        Self {
            client,
            names: Mutex::new(HashMap::new()),
        }
    }

    /// A member of the room joined, left or changed their name: read names afresh.
    pub fn forget_names(&self, room: &RoomId) {
        if let Ok(mut names) = self.names.lock() {
            names.retain(|(named_in, _), _| named_in != room);
        }
    }

    fn cached_name(&self, room: &RoomId, user: &UserId) -> Option<Option<String>> {
        let names = self.names.lock().ok()?;
        names.get(&(room.clone(), user.clone())).cloned()
    }

    fn keep_name(&self, room: &RoomId, user: &UserId, name: Option<String>) {
        let Ok(mut names) = self.names.lock() else {
            return;
        };
        if names.len() >= NAMES_KEPT {
            names.clear();
        }
        names.insert((room.clone(), user.clone()), name);
    }

    /// The bot's own display name in the room, for messages addressed to it by name: read once
    /// per room, like any member's, until the room's members change.
    pub async fn own_name(&self, room: &RoomId) -> Option<String> {
        let own_user = UserId::new(self.client.user_id()?.as_str());
        self.display_name(room, &own_user).await
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

/// Where a notice or a text goes: in its thread (as a reply to the command there, not a
/// fallback, as the spec says for threads), as a reply, or alone in the timeline.
fn placed(
    thread: Option<&EventId>,
    related: Option<OwnedEventId>,
) -> Result<Option<Relation<RoomMessageEventContentWithoutRelation>>, SendError> {
    let thread = match thread {
        Some(root) => Some(
            OwnedEventId::try_from(root.as_str()).map_err(|error| SendError {
                permanent: true,
                reason: format!("invalid thread root: {error}"),
            })?,
        ),
        None => None,
    };
    Ok(match (thread, related) {
        (Some(root), Some(command)) => Some(Relation::Thread(Thread::reply(root, command))),
        (Some(root), None) => Some(Relation::Thread(Thread::without_fallback(root))),
        (None, Some(command)) => Some(Relation::Reply(Reply::new(InReplyTo::new(command)))),
        (None, None) => None,
    })
}

impl MatrixChat {
    /// The direct room the bot shares with `person`, opened (encrypted, marked direct for
    /// both) the first time. A second try after a crash finds the one opened before.
    async fn direct_room(&self, person: &UserId) -> Result<matrix_sdk::Room, SendError> {
        let user_id = OwnedUserId::try_from(person.as_str()).map_err(|error| SendError {
            permanent: true,
            reason: format!("invalid user id: {error}"),
        })?;
        if let Some(room) = self.client.get_dm_room(&user_id) {
            return Ok(room);
        }
        let room = self
            .client
            .create_dm(&user_id)
            .await
            .map_err(|error| SendError {
                permanent: matches!(error.client_api_error_kind(), Some(ErrorKind::Forbidden)),
                reason: format!("cannot open a direct room: {error}"),
            })?;
        tracing::info!(room = %room.room_id(), "direct room opened");
        Ok(room)
    }
}

impl MatrixChat {
    /// The room a first try created for the group `key`, if one did (its tag says so).
    async fn group_room_made_before(&self, key: &str) -> Option<RoomId> {
        for room in self.client.joined_rooms() {
            let Ok(Some(state)) = room
                .get_state_event(StateEventType::from(GROUP_STATE), "")
                .await
            else {
                continue;
            };
            let json = match &state {
                RawAnySyncOrStrippedState::Sync(raw) => raw.json().get().to_owned(),
                RawAnySyncOrStrippedState::Stripped(raw) => raw.json().get().to_owned(),
            };
            let found = serde_json::from_str::<serde_json::Value>(&json)
                .ok()
                .and_then(|event| event["content"]["key"].as_str().map(|found| found == key));
            if found == Some(true) {
                return Some(RoomId::new(room.room_id().as_str()));
            }
        }
        None
    }

    /// Adds `room` to the space the plenary is in (its `m.space.parent`), when the bot is in
    /// that space and may change it; otherwise the plenary's message and record link them.
    async fn add_to_plenary_space(&self, plenary: &RoomId, room: &matrix_sdk::Room) {
        let Ok(plenary_id) = OwnedRoomId::try_from(plenary.as_str()) else {
            return;
        };
        let Some(plenary) = self.client.get_room(&plenary_id) else {
            return;
        };
        let Ok(parents) = plenary
            .get_state_events_static::<SpaceParentEventContent>()
            .await
        else {
            return;
        };
        let server = self
            .client
            .user_id()
            .map(|user| user.server_name().to_owned());
        let Some(server) = server else {
            return;
        };
        for parent in parents {
            let Ok(parent) = parent.deserialize() else {
                continue;
            };
            let space_id = parent.state_key().to_owned();
            let Some(space) = self.client.get_room(&space_id) else {
                continue;
            };
            let child = space
                .send_state_event_for_key(
                    room.room_id(),
                    SpaceChildEventContent::new(vec![server.clone()]),
                )
                .await;
            if let Err(error) = child {
                tracing::warn!(space = %space_id, %error, "the group's room could not be added to the plenary's space");
                continue;
            }
            let mut up = SpaceParentEventContent::new(vec![server.clone()]);
            up.canonical = true;
            if let Err(error) = room.send_state_event_for_key(&space_id, up).await {
                tracing::warn!(space = %space_id, %error, "the group's room could not name its space");
            }
            tracing::info!(space = %space_id, room = %room.room_id(), "group's room added to the plenary's space");
            return;
        }
    }
}

impl Chat for MatrixChat {
    async fn send(&self, message: &OutgoingMessage) -> Result<EventId, SendError> {
        let permanent = |reason: String| SendError {
            permanent: true,
            reason,
        };
        let room = match direct_recipient(&message.room) {
            Some(person) => self.direct_room(&person).await?,
            None => {
                let room_id = OwnedRoomId::try_from(message.room.as_str())
                    .map_err(|error| permanent(format!("invalid room id: {error}")))?;
                self.client
                    .get_room(&room_id)
                    .ok_or_else(|| permanent(format!("the bot is not in {room_id}")))?
            }
        };
        let related = match &message.in_reply_to {
            Some(event_id) => Some(
                OwnedEventId::try_from(event_id.as_str())
                    .map_err(|error| permanent(format!("invalid event id: {error}")))?,
            ),
            None => None,
        };
        let transaction_id = OwnedTransactionId::from(message.transaction_id());
        let sent = match &message.content {
            Content::Notice { markdown } => {
                let mut content = RoomMessageEventContent::notice_markdown(markdown);
                content.relates_to = placed(message.thread.as_ref(), related)?;
                room.send(content)
                    .with_transaction_id(transaction_id)
                    .await
                    .map(|sent| sent.response.event_id)
            }
            Content::Reaction { key } => {
                let target =
                    related.ok_or_else(|| permanent("a reaction needs a target".into()))?;
                let content = ReactionEventContent::new(Annotation::new(target, key.clone()));
                room.send(content)
                    .with_transaction_id(transaction_id)
                    .await
                    .map(|sent| sent.response.event_id)
            }
            Content::File { name, mime, data } => {
                let mime: mime::Mime = mime
                    .parse()
                    .map_err(|error| permanent(format!("invalid MIME type {mime:?}: {error}")))?;
                let config = AttachmentConfig::new().txn_id(transaction_id);
                room.send_attachment(name.as_str(), &mime, data.clone(), config)
                    .await
                    .map(|sent| sent.event_id)
            }
            Content::Poll {
                question,
                options,
                fallback,
                hidden,
            } => {
                let answers: Vec<UnstablePollAnswer> = options
                    .iter()
                    .enumerate()
                    .map(|(index, option)| UnstablePollAnswer::new((index + 1).to_string(), option))
                    .collect();
                let answers = UnstablePollAnswers::try_from(answers)
                    .map_err(|error| permanent(format!("invalid poll answers: {error}")))?;
                let mut poll = UnstablePollStartContentBlock::new(question, answers);
                // Hidden: clients show no counts until the poll ends.
                poll.kind = if *hidden {
                    PollKind::Undisclosed
                } else {
                    PollKind::Disclosed
                };
                // Element X reads only the unstable poll events; `plain_text` also gives
                // clients without polls the options and how to answer.
                let content = NewUnstablePollStartEventContent::plain_text(fallback, poll);
                room.send(UnstablePollStartEventContent::New(content))
                    .with_transaction_id(transaction_id)
                    .await
                    .map(|sent| sent.response.event_id)
            }
            Content::Text { markdown, mentions } => {
                // A text notifies where a notice would not; mentions ping their people.
                let users = mentions
                    .iter()
                    .filter_map(|user| OwnedUserId::try_from(user.as_str()).ok());
                let mut content = RoomMessageEventContent::text_markdown(markdown)
                    .add_mentions(Mentions::with_user_ids(users));
                content.relates_to = placed(message.thread.as_ref(), related)?;
                room.send(content)
                    .with_transaction_id(transaction_id)
                    .await
                    .map(|sent| sent.response.event_id)
            }
            Content::Pdf(_) | Content::Copy(_) => {
                return Err(permanent(
                    "a document is written out by the sender first".into(),
                ));
            }
            Content::Invite { user } => {
                let user = OwnedUserId::try_from(user.as_str())
                    .map_err(|error| permanent(format!("invalid user id: {error}")))?;
                // An invitation is no event of the bot's: its "event id" names what it did.
                return match room.invite_user_by_id(&user).await {
                    Ok(()) => Ok(EventId::new(format!("$invite-{}", message.id))),
                    Err(error) => Err(SendError {
                        permanent: matches!(
                            error.client_api_error_kind(),
                            Some(ErrorKind::Forbidden)
                        ),
                        reason: error.to_string(),
                    }),
                };
            }
            Content::PollEnd { text } => {
                let poll = related.ok_or_else(|| permanent("a poll end needs its poll".into()))?;
                room.send(UnstablePollEndEventContent::new(text.clone(), poll))
                    .with_transaction_id(transaction_id)
                    .await
                    .map(|sent| sent.response.event_id)
            }
        };
        match sent {
            Ok(event_id) => Ok(EventId::new(event_id.to_string())),
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
        if let Some(name) = self.cached_name(room, user) {
            return name;
        }
        let member = self.member(room, user).await?;
        let name = member.display_name().map(str::to_owned);
        self.keep_name(room, user, name.clone());
        name
    }

    async fn relations_of(&self, room: &RoomId, event: &EventId) -> Option<Relations> {
        let room_id = OwnedRoomId::try_from(room.as_str()).ok()?;
        let event_id = OwnedEventId::try_from(event.as_str()).ok()?;
        let joined = self.client.get_room(&room_id)?;
        let own_user = self.client.user_id()?.to_owned();
        let mut relations = Relations::default();
        let mut from = None;
        loop {
            let options = RelationsOptions {
                from: from.take(),
                limit: Some(uint!(100)),
                include_relations: IncludeRelations::AllRelations,
                ..Default::default()
            };
            // The SDK decrypts what it can; the rest comes back still encrypted.
            let page = match joined.relations(event_id.clone(), options).await {
                Ok(page) => page,
                Err(error) => {
                    tracing::warn!(%room_id, %event_id, %error, "cannot read the relations");
                    return None;
                }
            };
            for related in &page.chunk {
                match related.raw().deserialize() {
                    Ok(AnySyncTimelineEvent::MessageLike(AnySyncMessageLikeEvent::Reaction(
                        SyncMessageLikeEvent::Original(reaction),
                    ))) => {
                        if reaction.sender == own_user {
                            continue;
                        }
                        relations.reactions.push(IncomingReaction {
                            room: room.clone(),
                            event_id: EventId::new(reaction.event_id.as_str()),
                            sender: UserId::new(reaction.sender.as_str()),
                            target: event.clone(),
                            key: reaction.content.relates_to.key,
                            sent_at: to_utc(reaction.origin_server_ts),
                        });
                    }
                    // Still encrypted: a reaction's key is read from its relation, in
                    // clear; anything else is unknown, which is not absent.
                    Ok(AnySyncTimelineEvent::MessageLike(
                        AnySyncMessageLikeEvent::RoomEncrypted(encrypted),
                    )) => match incoming(related, room, &own_user, None) {
                        Some(Incoming::Reaction(reaction)) if reaction.target == *event => {
                            relations.reactions.push(reaction);
                        }
                        _ if encrypted.sender() == own_user => {}
                        _ => relations
                            .undecryptable
                            .push(EventId::new(encrypted.event_id().as_str())),
                    },
                    // Poll responses (stable or unstable), as the sync loop reads them.
                    Ok(_) => {
                        if let Some(Incoming::PollResponse(response)) =
                            incoming(related, room, &own_user, None)
                            && response.poll == *event
                        {
                            relations.poll_responses.push(response);
                        }
                    }
                    // Withdrawn reactions come back redacted: they are gone.
                    Err(_) => {}
                }
            }
            match page.next_batch_token {
                Some(next) if !page.chunk.is_empty() => from = Some(next),
                _ => return Some(relations),
            }
        }
    }

    fn own_id(&self) -> UserId {
        UserId::new(
            self.client
                .user_id()
                .map_or_else(|| "@concerto".to_owned(), ToString::to_string),
        )
    }

    async fn may_post(&self, room: &RoomId) -> bool {
        let Some(own_user) = self.client.user_id() else {
            return false;
        };
        let Some(joined) = OwnedRoomId::try_from(room.as_str())
            .ok()
            .and_then(|room_id| self.client.get_room(&room_id))
        else {
            return false;
        };
        match joined.power_levels().await {
            Ok(levels) => levels.user_can_send_message(own_user, MessageLikeEventType::RoomMessage),
            // Unknown: let the send say.
            Err(_) => true,
        }
    }

    async fn room_name(&self, room: &RoomId) -> Option<String> {
        let room_id = OwnedRoomId::try_from(room.as_str()).ok()?;
        self.client.get_room(&room_id)?.name()
    }

    async fn create_group_room(&self, spec: &GroupRoomSpec) -> Result<RoomId, SendError> {
        if let Some(room) = self.group_room_made_before(&spec.key).await {
            return Ok(room);
        }
        let transient = |reason: String| SendError {
            permanent: false,
            reason,
        };
        let mut request = create_room::v3::Request::new();
        request.name = Some(spec.name.clone());
        request.preset = Some(RoomPreset::PrivateChat);
        request.invite = spec
            .invite
            .iter()
            .filter_map(|user| OwnedUserId::try_from(user.as_str()).ok())
            .collect();
        let encryption = InitialStateEvent::with_empty_state_key(
            RoomEncryptionEventContent::with_recommended_defaults(),
        )
        .to_raw_any();
        let tag = serde_json::json!({
            "type": GROUP_STATE,
            "state_key": "",
            "content": { "key": spec.key },
        });
        let tag = serde_json::value::to_raw_value(&tag)
            .map(Raw::from_json)
            .map_err(|error| transient(format!("the group's tag: {error}")))?;
        request.initial_state = vec![encryption, tag];
        let room = self
            .client
            .create_room(request)
            .await
            .map_err(|error| SendError {
                permanent: matches!(error.client_api_error_kind(), Some(ErrorKind::Forbidden)),
                reason: format!("cannot create the group's room: {error}"),
            })?;
        let room_id = RoomId::new(room.room_id().as_str());
        tracing::info!(room = %room_id, "working group's room created");
        self.add_to_plenary_space(&spec.plenary, &room).await;
        Ok(room_id)
    }

    async fn file_of(&self, room: &RoomId, event: &EventId) -> Option<ReceivedFile> {
        use matrix_sdk::ruma::events::room::message::MessageType;
        let room_id = OwnedRoomId::try_from(room.as_str()).ok()?;
        let event_id = matrix_sdk::ruma::OwnedEventId::try_from(event.as_str()).ok()?;
        let joined = self.client.get_room(&room_id)?;
        // The SDK decrypts the event when it holds its key.
        let fetched = match joined.event(&event_id, None).await {
            Ok(fetched) => fetched,
            Err(error) => {
                tracing::warn!(%room_id, %event_id, %error, "cannot read the replied-to event");
                return None;
            }
        };
        let Ok(AnySyncTimelineEvent::MessageLike(AnySyncMessageLikeEvent::RoomMessage(
            SyncMessageLikeEvent::Original(message),
        ))) = fetched.raw().deserialize()
        else {
            return None;
        };
        let MessageType::File(file) = message.content.msgtype else {
            return None;
        };
        let size = file
            .info
            .as_ref()
            .and_then(|info| info.size)
            .and_then(|size| usize::try_from(u64::from(size)).ok());
        if size.is_some_and(|size| size > MAX_RECEIVED_FILE) {
            return None;
        }
        let data = match self.client.media().get_file(&file, false).await {
            Ok(Some(data)) if data.len() <= MAX_RECEIVED_FILE => data,
            Ok(_) => return None,
            Err(error) => {
                tracing::warn!(%room_id, %event_id, %error, "cannot download the file");
                return None;
            }
        };
        let mime = file
            .info
            .as_ref()
            .and_then(|info| info.mimetype.clone())
            .unwrap_or_default();
        let name = file.filename.clone().unwrap_or_else(|| file.body.clone());
        Some(ReceivedFile { name, mime, data })
    }

    async fn decrypt(&self, event: &UndecryptedEvent) -> Decryption {
        let Some(room) = OwnedRoomId::try_from(event.room.as_str())
            .ok()
            .and_then(|room_id| self.client.get_room(&room_id))
        else {
            return Decryption::Pending;
        };
        let Some(own_user) = self.client.user_id().map(ToOwned::to_owned) else {
            return Decryption::Pending;
        };
        let raw = match Raw::<OriginalSyncRoomEncryptedEvent>::from_json_string(event.raw.clone()) {
            Ok(raw) => raw,
            Err(error) => {
                tracing::warn!(event_id = %event.event_id, %error, "kept event unreadable; dropped");
                return Decryption::Done(None);
            }
        };
        let own_name = self.own_name(&event.room).await;
        match room.decrypt_event(&raw, None).await {
            Ok(decrypted) => {
                match incoming(&decrypted, &event.room, &own_user, own_name.as_deref()) {
                    Some(Incoming::Undecryptable(_)) => Decryption::Pending,
                    meaning => Decryption::Done(meaning),
                }
            }
            Err(error) => {
                tracing::debug!(event_id = %event.event_id, %error, "still cannot decrypt");
                Decryption::Pending
            }
        }
    }

    async fn members(&self, room: &RoomId) -> Vec<(UserId, Option<String>)> {
        let Some(room) = OwnedRoomId::try_from(room.as_str())
            .ok()
            .and_then(|room_id| self.client.get_room(&room_id))
        else {
            return Vec::new();
        };
        let own_user = self.client.user_id().map(ToOwned::to_owned);
        match room.members(RoomMemberships::JOIN).await {
            Ok(members) => members
                .iter()
                .filter(|member| Some(member.user_id()) != own_user.as_deref())
                .map(|member| {
                    (
                        UserId::new(member.user_id().as_str()),
                        member.display_name().map(str::to_owned),
                    )
                })
                .collect(),
            Err(error) => {
                tracing::warn!(room_id = %room.room_id(), %error, "member list unavailable");
                Vec::new()
            }
        }
    }
}

#[cfg(test)]
mod tests {
    use proptest::prelude::*;

    use crate::command::fuzz::{command_name, member_text};
    use crate::command::parse;
    use crate::domain::Language;
    use crate::i18n::Texts;
    use matrix_sdk::ruma::events::room::message::{MessageType, RoomMessageEventContent};

    /// The HTML a notice is sent with: the same rendering as `send`.
    fn rendered(markdown: &str) -> String {
        match RoomMessageEventContent::notice_markdown(markdown).msgtype {
            MessageType::Notice(notice) => notice
                .formatted
                .map(|formatted| formatted.body)
                .unwrap_or_default(),
            _ => String::new(),
        }
    }

    proptest! {
        #[test]
        fn an_error_reply_never_carries_live_html(name in command_name(), rest in member_text()) {
            if let Err(error) = parse(&format!("{name}{rest}")) {
                let texts = Texts::new().expect("locales");
                for language in [Language::Fr, Language::En] {
                    let html = rendered(&crate::replies::parse_error(&crate::replies::Wording::new(&texts, language, chrono_tz::Europe::Paris), &error));
                    prop_assert!(!html.contains("<script"), "{html}");
                    prop_assert!(!html.contains("<b>"), "{html}");
                    prop_assert!(!html.contains("<a href=\"javascript"), "{html}");
                }
            }
        }
    }
}
