//! The group's world in plain Rust: languages, ids, agenda items and their order, meetings and
//! the date grammar, ballots (what members answer) and the date tally, polls, the record
//! (decisions, actions), reminders, the rate of commands, who may do what, and the one back-off. No I/O, no clock reads, no
//! Matrix, no SQL.

pub mod agenda;
pub mod association;
pub mod attendance;
pub mod backoff;
pub mod ballot;
pub mod contact;
pub mod dates;
pub mod email;
pub mod group;
pub mod guest;
pub mod holidays;
mod ids;
mod language;
pub mod letter;
pub mod limits;
pub mod mandate;
pub mod meeting;
pub mod messages;
pub mod minutes;
pub mod permissions;
pub mod personal;
pub mod poll;
pub mod position;
pub mod privacy;
pub mod record;
pub mod reminders;
pub mod retention;
pub mod rhythm;
pub mod subject;
pub mod text;
pub mod tokens;
pub mod training;
pub mod upgrade;
pub mod votes;

pub use agenda::{Agenda, AgendaError, AgendaItem, ItemNote, ItemStatus};
pub use ids::{
    BallotId, EventId, ItemId, MeetingId, PollId, ProposalId, ReminderId, RoomId, UserId,
};
pub use language::Language;
pub use meeting::Meeting;

/// The earlier of what falls due next so far (`None`: nothing yet) and `candidate`: the one
/// "earliest of" fold of the clock's passes, the sender's retries and the service.
pub fn earliest<T: Ord>(next: Option<T>, candidate: T) -> Option<T> {
    Some(match next {
        Some(next) if next <= candidate => next,
        _ => candidate,
    })
}

#[cfg(test)]
mod tests {
    #[test]
    fn earliest_keeps_the_smaller_and_takes_the_first() {
        assert_eq!(super::earliest(None, 5), Some(5));
        assert_eq!(super::earliest(Some(3), 5), Some(3));
        assert_eq!(super::earliest(Some(7), 5), Some(5));
    }
}
