//! What the bot holds about one person (RGPD art. 15, the right of access): gathered by the
//! storage, worded by `replies/`, sent to them as JSON and as Markdown.
//!
//! Rules:
//! - a Matrix member's data is what they wrote (agenda items, notes, decision versions,
//!   actions, reminders, polls), what they own (actions assigned to them), what they answered
//!   (polls, dates, attendance), what they approved (minutes), their association in each room,
//!   and the people they added (guests, people known by e-mail: addresses masked, as the
//!   room shows them);
//! - every entry keeps its room and its date;
//! - nothing is left out because it is old: what the purge has not deleted yet is listed.
//!
//! Erasure (RGPD art. 17), `!oublie-moi` then `!oublie-moi confirmer` within
//! [`CONFIRM_WITHIN`]:
//! - what is about the person and not the group's record goes: their reminders, their
//!   association in each room, their unreadable messages, and their answers as [`fate`] says
//!   (a closed poll's tally stays, naming nobody; a held meeting's attendance stays: it is the
//!   record);
//! - in the record (agenda, notes, decisions, actions, polls, proposals, guests, approvals…)
//!   their id is replaced by [`ErasedAs`]: their association in that room, else "a member";
//! - an adopted procès-verbal is frozen and signed by its fingerprint: it is not rewritten.

use chrono::{DateTime, Utc};
use serde::Serialize;

use super::ballot::BallotKind;
use super::ids::{RoomId, UserId};

/// How long a `!forget-me` waits for its `confirm`.
pub const CONFIRM_WITHIN: chrono::Duration = chrono::Duration::hours(1);

/// Whether a `!forget-me` asked at `asked_at` may still be confirmed at `now`.
pub fn confirmation_pending(asked_at: Option<DateTime<Utc>>, now: DateTime<Utc>) -> bool {
    asked_at.is_some_and(|asked| asked <= now && now - asked <= CONFIRM_WITHIN)
}

/// What becomes of a person's answers to a ballot when they are forgotten.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub enum Fate {
    /// Deleted: nothing was recorded from them yet (an open ballot, a date proposal whose
    /// chosen date is what stays, a coming meeting's attendance).
    Delete,
    /// Kept naming nobody: a closed poll's tally ([`super::ballot::anonymous_voter`]).
    Anonymize,
    /// Kept: a held meeting's attendance is the group's record.
    Keep,
}

/// What becomes of a person's answers to a ballot of `kind` (closed or not; for an
/// attendance ballot, whether its meeting was held).
pub fn fate(kind: BallotKind, closed: bool, held: bool) -> Fate {
    match kind {
        BallotKind::Poll if closed => Fate::Anonymize,
        BallotKind::Attendance if held => Fate::Keep,
        _ => Fate::Delete,
    }
}

/// What stands for a forgotten person in the record of a room.
#[derive(Debug, Clone, PartialEq, Eq)]
pub enum ErasedAs {
    /// "un membre (Secours populaire)".
    MemberOf(String),
    /// "un membre".
    Member,
}

/// What an erasure did, by kind.
#[derive(Debug, Clone, Copy, PartialEq, Eq, Default)]
pub struct Forgotten {
    pub answers_deleted: u64,
    pub answers_anonymized: u64,
    /// Their reminders, associations and unreadable messages.
    pub deleted: u64,
    /// Rows of the record where their id was replaced.
    pub relabelled: u64,
}

/// One thing the person wrote, owns or added, in a room.
#[derive(Debug, Clone, PartialEq, Eq, Serialize)]
pub struct Written {
    pub room: RoomId,
    /// Its number in the room (agenda position, decision, action, reminder, poll), if any.
    pub number: Option<usize>,
    pub text: String,
    pub at: DateTime<Utc>,
}

/// What an answer was about.
#[derive(Debug, Clone, PartialEq, Eq, Serialize)]
#[serde(tag = "kind", rename_all = "snake_case")]
pub enum About {
    /// A poll: its number and question, and the option chosen.
    Poll {
        number: usize,
        question: String,
        choice: Option<String>,
    },
    /// A date proposal: the option (date number) chosen, perhaps only if need be.
    Dates {
        option: Option<usize>,
        if_need_be: bool,
    },
    /// Whether they come to a meeting: 1 coming, 2 excused.
    Attendance {
        meeting: Option<DateTime<Utc>>,
        coming: Option<bool>,
    },
}

/// One answer the person gave.
#[derive(Debug, Clone, PartialEq, Eq, Serialize)]
pub struct Answered {
    pub room: RoomId,
    pub about: About,
    pub at: DateTime<Utc>,
    /// The reason they gave for a concern or an objection (a consent poll).
    pub reason: Option<String>,
}

/// Their association in a room.
#[derive(Debug, Clone, PartialEq, Eq, Serialize)]
pub struct Membership {
    pub room: RoomId,
    pub association: String,
}

/// Everything the bot holds about one person.
#[derive(Debug, Clone, PartialEq, Eq, Serialize, Default)]
pub struct SubjectData {
    pub person: Option<UserId>,
    pub associations: Vec<Membership>,
    pub agenda_items: Vec<Written>,
    pub notes: Vec<Written>,
    pub decisions: Vec<Written>,
    pub actions: Vec<Written>,
    pub reminders: Vec<Written>,
    pub polls: Vec<Written>,
    pub answers: Vec<Answered>,
    /// Minutes approved for their association: the meeting's start.
    pub approvals: Vec<Written>,
    /// Guests they added (the guest's name).
    pub guests_added: Vec<Written>,
    /// People known by e-mail they added: "name (association), address masked".
    pub people_added: Vec<Written>,
    /// Mandates they gave, noted, withdrew or hold: "giver → holder".
    pub mandates: Vec<Written>,
    /// Contacts they added to the address book: "organisation — name".
    pub contacts_added: Vec<Written>,
    /// Training sessions they signed up for, or signed someone up for: "title — who
    /// (association)".
    pub trainings: Vec<Written>,
    /// For a person known by e-mail: their entry in each room's list, "name (association),
    /// address" (the address whole: it is theirs).
    pub known_by_email: Vec<Written>,
    /// For a person known by e-mail: the e-mails sent (or waiting) to them, by subject (empty
    /// once its text was purged).
    pub emails: Vec<Written>,
}

impl SubjectData {
    /// Whether the bot holds nothing about them.
    pub fn is_empty(&self) -> bool {
        self.associations.is_empty()
            && self.agenda_items.is_empty()
            && self.notes.is_empty()
            && self.decisions.is_empty()
            && self.actions.is_empty()
            && self.reminders.is_empty()
            && self.polls.is_empty()
            && self.answers.is_empty()
            && self.approvals.is_empty()
            && self.guests_added.is_empty()
            && self.people_added.is_empty()
            && self.mandates.is_empty()
            && self.contacts_added.is_empty()
            && self.trainings.is_empty()
            && self.known_by_email.is_empty()
            && self.emails.is_empty()
    }

    /// The rooms it names, each once, in order.
    pub fn rooms(&self) -> Vec<RoomId> {
        let mut rooms: Vec<RoomId> = self
            .associations
            .iter()
            .map(|membership| membership.room.clone())
            .chain(
                [
                    &self.agenda_items,
                    &self.notes,
                    &self.decisions,
                    &self.actions,
                    &self.reminders,
                    &self.polls,
                    &self.approvals,
                    &self.guests_added,
                    &self.people_added,
                    &self.mandates,
                    &self.contacts_added,
                    &self.trainings,
                    &self.known_by_email,
                    &self.emails,
                ]
                .into_iter()
                .flatten()
                .map(|written| written.room.clone()),
            )
            .chain(self.answers.iter().map(|answer| answer.room.clone()))
            .collect();
        rooms.sort();
        rooms.dedup();
        rooms
    }

    /// As JSON, indented: what a program reads back.
    pub fn to_json(&self) -> String {
        serde_json::to_string_pretty(self).unwrap_or_else(|_| "{}".to_owned())
    }
}

#[cfg(test)]
mod tests {
    use super::*;
    use crate::testing::at;

    #[test]
    fn a_closed_polls_answer_stays_nameless_a_held_meetings_attendance_stays_the_rest_goes() {
        assert_eq!(fate(BallotKind::Poll, true, false), Fate::Anonymize);
        assert_eq!(fate(BallotKind::Poll, false, false), Fate::Delete);
        assert_eq!(fate(BallotKind::MeetingDates, true, false), Fate::Delete);
        assert_eq!(fate(BallotKind::Attendance, true, true), Fate::Keep);
        assert_eq!(fate(BallotKind::Attendance, false, false), Fate::Delete);
    }

    #[test]
    fn a_request_waits_an_hour_for_its_confirmation() {
        let asked = at("2026-12-07T10:00:00Z");
        assert!(confirmation_pending(
            Some(asked),
            at("2026-12-07T10:59:00Z")
        ));
        assert!(!confirmation_pending(
            Some(asked),
            at("2026-12-07T11:01:00Z")
        ));
        assert!(!confirmation_pending(None, asked));
    }

    #[test]
    fn empty_until_something_is_held_and_its_json_reads_back() {
        let mut data = SubjectData {
            person: Some(UserId::new("@marie:example.org")),
            ..SubjectData::default()
        };
        assert!(data.is_empty());
        data.answers.push(Answered {
            room: RoomId::new("!r"),
            about: About::Poll {
                number: 2,
                question: "Signons-nous « la lettre » ?".into(),
                choice: Some("Pour".into()),
            },
            at: at("2026-12-01T10:00:00Z"),
            reason: None,
        });
        assert!(!data.is_empty());
        assert_eq!(data.rooms(), vec![RoomId::new("!r")]);
        let json: serde_json::Value = serde_json::from_str(&data.to_json()).expect("JSON");
        assert_eq!(json["person"], "@marie:example.org");
        assert_eq!(json["answers"][0]["about"]["kind"], "poll");
        assert_eq!(json["answers"][0]["about"]["choice"], "Pour");
        assert_eq!(json["answers"][0]["at"], "2026-12-01T10:00:00Z");
    }
}
