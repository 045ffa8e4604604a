//! The group's world in plain Rust: languages, ids, and (in later modules) meetings, agenda
//! items, polls, decisions and reminders. No I/O, no clock reads, no Matrix, no SQL.

pub mod agenda;
pub mod dates;
mod ids;
mod language;
pub mod meeting;
pub mod votes;

pub use agenda::{Agenda, AgendaError, AgendaItem, ItemStatus};
pub use ids::{EventId, RoomId, UserId};
pub use language::Language;
pub use meeting::Meeting;
