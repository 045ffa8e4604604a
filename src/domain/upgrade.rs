//! A room replaced by a new version of itself (Element's "upgrade room", or a server admin):
//! what of the group's record followed it, for the announcement in the new room.

/// What the new room holds once the record has moved: counts for the announcement.
#[derive(Debug, Clone, Copy, Default, PartialEq, Eq)]
pub struct MovedRecord {
    /// Associations with at least one member named.
    pub associations: usize,
    /// Agenda items still open.
    pub agenda_items: usize,
    /// Meetings dated ahead (planned).
    pub meetings: usize,
    /// Decisions in force (not revoked).
    pub decisions: usize,
    /// Actions not done yet.
    pub actions: usize,
    /// Reminders still to come.
    pub reminders: usize,
}

/// An open ballot closed in the old room when the record moved, for the note there.
#[derive(Debug, Clone, PartialEq, Eq)]
pub enum ClosedBallot {
    /// The date proposal, with how many people had answered.
    Dates { voters: usize },
    /// A poll, by its number and question (its results follow in their own message).
    Poll { number: usize, question: String },
    /// Who comes to the next meeting (answers by reaction on the invitation).
    Attendance,
}
