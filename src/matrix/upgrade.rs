//! A room replaced by a new version of itself: the old room's `m.room.tombstone` names the
//! replacement, whose `m.room.create` names the old room. The bot follows only when both
//! agree, so that no one can lead it (and the group's record) into a room of their choosing
//! by a crafted invitation.

use matrix_sdk::deserialized_responses::TimelineEvent;
use matrix_sdk::ruma::{OwnedRoomId, OwnedServerName, OwnedUserId, RoomOrAliasId};
use matrix_sdk::{Client, Room, RoomState};

/// The room that `room` (joined or invited to) replaces, when the two rooms agree; the bot
/// must be in the old room.
pub(super) fn replaced_room(client: &Client, room: &Room) -> Option<OwnedRoomId> {
    let old = room.predecessor_room()?.room_id;
    let old_room = client.get_room(&old)?;
    let agrees = old_room.state() == RoomState::Joined
        && old_room.successor_room()?.room_id == room.room_id();
    agrees.then_some(old)
}

/// The server of whoever sent the tombstone, if `event` is one: the way into the replacement.
pub(super) fn tombstone_sender_server(event: &TimelineEvent) -> Option<Option<OwnedServerName>> {
    let raw = event.raw();
    let event_type: Option<String> = raw.get_field("type").ok().flatten();
    if event_type.as_deref() != Some("m.room.tombstone") {
        return None;
    }
    let sender: Option<OwnedUserId> = raw.get_field("sender").ok().flatten();
    Some(sender.map(|sender| sender.server_name().to_owned()))
}

/// After a tombstone in `room`: joins its replacement. A replacement only invited members may
/// join is joined when the invitation comes (Element's upgrade dialog sends it to everyone).
pub(super) async fn join_replacement(
    client: &Client,
    room: &Room,
    via_sender: Option<OwnedServerName>,
) {
    let Some(successor) = room.successor_room() else {
        return;
    };
    let new = successor.room_id;
    if client
        .get_room(&new)
        .is_some_and(|joined| joined.state() == RoomState::Joined)
    {
        return;
    }
    let via: Vec<OwnedServerName> = via_sender
        .into_iter()
        .chain(room.room_id().server_name().map(ToOwned::to_owned))
        .collect();
    match client
        .join_room_by_id_or_alias(<&RoomOrAliasId>::from(&*new), &via)
        .await
    {
        Ok(_) => tracing::info!(old = %room.room_id(), %new, "joined the room's replacement"),
        Err(error) => tracing::info!(
            old = %room.room_id(),
            %new,
            %error,
            "cannot join the room's replacement yet; waiting for an invitation"
        ),
    }
}
