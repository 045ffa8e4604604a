//! The thin Matrix adapter: logs in (or restores the saved session), reads the rooms with its
//! own `sync_once` loop, turns events into service calls, sends what the sender hands it, and
//! tells the service when room keys arrive.
//! No command logic lives here.

mod chat;
mod events;
mod files;
mod gaps;
mod keys;
mod recovery;
mod session;
mod store_key;
mod sync;
mod upgrade;

pub use chat::MatrixChat;
pub use files::{SESSION_FILE, STORE_DIR};
pub use keys::watch_room_keys;
pub use recovery::{RECOVERY_KEY_FILE, finish_backup, set_up_encryption, set_up_may_wait};
pub use session::{Connected, Lost, TokenRevoked, connect};
pub use store_key::STORE_KEY_FILE;
pub use sync::{DeferredSetUp, SyncLoop};

/// The rooms' members' display names as the bot's client keeps them (for the web page, which
/// shows people by name, never by id). No request: the client's store only.
pub fn member_names(client: matrix_sdk::Client) -> crate::web::MemberNames {
    std::sync::Arc::new(move |room: &crate::domain::RoomId| {
        let client = client.clone();
        let room = room.clone();
        Box::pin(async move {
            let mut names = std::collections::HashMap::new();
            let Some(joined) = matrix_sdk::ruma::OwnedRoomId::try_from(room.as_str())
                .ok()
                .and_then(|room_id| client.get_room(&room_id))
            else {
                return names;
            };
            let members = joined
                .members_no_sync(matrix_sdk::RoomMemberships::ACTIVE)
                .await
                .unwrap_or_default();
            for member in members {
                if let Some(name) = member.display_name() {
                    names.insert(
                        crate::domain::UserId::new(member.user_id().as_str()),
                        name.to_owned(),
                    );
                }
            }
            names
        })
    })
}

/// The rooms' names as the bot's client knows them (for the web page's title).
pub fn room_names(client: matrix_sdk::Client) -> crate::web::RoomNames {
    std::sync::Arc::new(move |room: &crate::domain::RoomId| {
        let room_id = matrix_sdk::ruma::OwnedRoomId::try_from(room.as_str()).ok()?;
        client.get_room(&room_id)?.name()
    })
}
