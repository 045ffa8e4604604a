//! The group's world in plain Rust: languages, ids, and (in later modules) meetings, agenda
//! items, polls, decisions and reminders. No I/O, no clock reads, no Matrix, no SQL.

mod ids;
mod language;

pub use ids::{EventId, RoomId, UserId};
pub use language::Language;
