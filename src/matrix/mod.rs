//! The thin Matrix adapter: logs in (or restores the saved session), reads the rooms with its
//! own `sync_once` loop, turns events into service calls, and sends the service's messages.
//! No command logic lives here.

mod chat;
mod session;
mod sync;

pub use chat::MatrixChat;
pub use session::connect;
pub use sync::SyncLoop;
