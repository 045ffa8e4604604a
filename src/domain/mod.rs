//! The group's world in plain Rust: languages, ids, agenda items and their order, meetings and
//! the date grammar, ballots (what members answer) and the date tally, polls, the record
//! (decisions, actions), reminders, the rate of commands, and the one back-off. No I/O, no clock reads, no
//! Matrix, no SQL.

pub mod agenda;
pub mod backoff;
pub mod ballot;
pub mod dates;
mod ids;
mod language;
pub mod limits;
pub mod meeting;
pub mod poll;
pub mod record;
pub mod reminders;
pub mod votes;

pub use agenda::{Agenda, AgendaError, AgendaItem, ItemStatus};
pub use ids::{
    BallotId, EventId, ItemId, MeetingId, PollId, ProposalId, ReminderId, RoomId, UserId,
};
pub use language::Language;
pub use meeting::Meeting;
