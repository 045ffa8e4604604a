//! The thin Matrix adapter: logs in (or restores the saved session), reads the rooms with its
//! own `sync_once` loop, turns events into service calls, sends what the sender hands it, and
//! tells the service when room keys arrive.
//! No command logic lives here.

/// The Matrix store (state and encryption keys), in the data directory.
pub const STORE_DIR: &str = "matrix-store";
/// The saved session (access token, device), in the data directory.
pub const SESSION_FILE: &str = "session.json";

mod chat;
mod keys;
mod recovery;
mod session;
mod store_key;
mod sync;

pub use chat::MatrixChat;
pub use keys::watch_room_keys;
pub use recovery::{RECOVERY_KEY_FILE, finish_backup, set_up_encryption};
pub use session::{Connected, Lost, TokenRevoked, connect};
pub use store_key::STORE_KEY_FILE;
pub use sync::SyncLoop;

/// Writes a file of the data directory readable by its owner only (0600), atomically: a crash
/// leaves the old file or the new one, never half of one.
pub(crate) fn write_private_file(path: &std::path::Path, contents: &[u8]) -> std::io::Result<()> {
    use std::io::Write;
    use std::os::unix::fs::OpenOptionsExt;
    let mut temporary = path.as_os_str().to_owned();
    temporary.push(".tmp");
    let mut file = std::fs::OpenOptions::new()
        .write(true)
        .create(true)
        .truncate(true)
        .mode(0o600)
        .open(&temporary)?;
    file.write_all(contents)?;
    file.sync_all()?;
    std::fs::rename(&temporary, path)
}

/// The rooms' names as the bot's client knows them (for the web page's title).
pub fn room_names(client: matrix_sdk::Client) -> crate::web::RoomNames {
    std::sync::Arc::new(move |room: &crate::domain::RoomId| {
        let room_id = matrix_sdk::ruma::OwnedRoomId::try_from(room.as_str()).ok()?;
        client.get_room(&room_id)?.name()
    })
}

#[cfg(test)]
mod tests {
    use std::os::unix::fs::PermissionsExt;

    #[test]
    fn a_private_file_is_the_owners_alone_and_replaced_whole() {
        let dir = tempfile::tempdir().expect("dir");
        let path = dir.path().join("secret.json");
        super::write_private_file(&path, b"first").expect("write");
        super::write_private_file(&path, b"second").expect("rewrite");
        assert_eq!(std::fs::read(&path).expect("read"), b"second");
        let mode = std::fs::metadata(&path).expect("meta").permissions().mode();
        assert_eq!(mode & 0o777, 0o600);
        let left: Vec<_> = std::fs::read_dir(dir.path()).expect("list").collect();
        assert_eq!(left.len(), 1, "no temporary file left behind");
    }
}
