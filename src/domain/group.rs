//! Working groups: a question worked on for months in a room of its own, beside the plenary.
//! How a group is typed (`<nom> [jusqu'au <date>] [@membre …]`), its name's one rule, what a
//! report to the plenary holds, how the plenary adopts a proposal, and when the plenary is
//! asked about its end. Pure.
//!
//! The rules, written once here:
//! - **One group of a name per plenary**, case, accents and spaces aside ([`same_name`]).
//! - **A report** ([`report`]) holds the group's decisions recorded since its last report (the
//!   first report: all of them), each a *proposal* to the plenary under its number in the
//!   group's room, and the group's actions still open.
//! - **Adopting** a proposal is a decision of the plenary whose text begins "adopte la
//!   proposition n° <n> du groupe <nom>" (or "adopt proposal <n> of group <name>"); a proposal
//!   is adopted once.
//! - **The end date**: on its day (from 9:00, the group's time zone) the plenary is asked once
//!   whether to close or extend the group; extending to a later date asks again then.

use chrono::{DateTime, NaiveDate, NaiveTime, Utc};
use chrono_tz::Tz;

use super::ids::{RoomId, UserId};
use super::record::{Action, Decision};
use super::text::{Folded, clean_member_line, fold};

pub const MAX_NAME_LENGTH: usize = 100;
/// The most members named when a group is created.
pub const MAX_INVITEES: usize = 50;

/// A working group of a plenary room.
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct WorkingGroup {
    pub id: i64,
    pub plenary: RoomId,
    pub name: String,
    /// Its room, once created or attached.
    pub room: Option<RoomId>,
    pub ends_on: Option<NaiveDate>,
    pub created_by: UserId,
    pub created_at: DateTime<Utc>,
    /// An existing room asked to be attached and the plenary has not confirmed yet.
    pub awaiting_confirmation: bool,
    pub last_report_at: Option<DateTime<Utc>>,
    pub end_asked_for: Option<NaiveDate>,
    pub closed_at: Option<DateTime<Utc>>,
}

impl WorkingGroup {
    pub fn is_open(&self) -> bool {
        self.closed_at.is_none() && !self.awaiting_confirmation
    }

    /// When the plenary is to be asked about its end, if it has one not asked about yet.
    pub fn end_question_due(&self, time_zone: Tz) -> Option<DateTime<Utc>> {
        let ends_on = self.ends_on?;
        if !self.is_open() || self.end_asked_for == Some(ends_on) {
            return None;
        }
        let nine = NaiveTime::from_hms_opt(9, 0, 0).unwrap_or(NaiveTime::MIN);
        Some(
            super::dates::local_midnight(ends_on, time_zone)
                .checked_add_signed(nine.signed_duration_since(NaiveTime::MIN))
                .unwrap_or(DateTime::<Utc>::MAX_UTC),
        )
    }
}

/// Whether two group names are the same name: case, accents and spaces aside.
pub fn same_name(a: &str, b: &str) -> bool {
    folded_name(a) == folded_name(b)
}

/// A name as compared and stored for uniqueness.
pub fn folded_name(name: &str) -> String {
    fold(name).split_whitespace().collect::<Vec<_>>().join(" ")
}

/// A group as typed: its name, its end date as typed, the members named.
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct GroupParts {
    pub name: String,
    /// `jusqu'au <date>` as typed (the service reads it, in the room's time zone).
    pub until: Option<String>,
    pub members: Vec<UserId>,
}

/// Why a group could not be read.
#[derive(Debug, Clone, PartialEq, Eq, thiserror::Error)]
pub enum GroupProblem {
    #[error("no name")]
    MissingName,
    #[error("a name of {length} characters")]
    NameTooLong { length: usize },
    #[error("not a Matrix id: {given}")]
    BadMember { given: String },
    #[error("{count} members named")]
    TooManyMembers { count: usize },
}

/// The words that introduce an end date.
const UNTIL_WORDS: [&str; 4] = [" jusqu'au ", " jusqu'a ", " until ", " till "];

/// Reads `<nom> [jusqu'au <date>] [@membre …]` (`<name> [until <date>] [@member …]`): the
/// members are the Matrix ids at the end; the end date what follows `jusqu'au` before them.
pub fn read_group(text: &str) -> Result<GroupParts, GroupProblem> {
    let mut words: Vec<&str> = text.split_whitespace().collect();
    let mut members = Vec::new();
    while let Some(last) = words.last() {
        if !last.starts_with('@') {
            break;
        }
        let user = UserId::parse(last).ok_or_else(|| GroupProblem::BadMember {
            given: (*last).to_owned(),
        })?;
        members.push(user);
        words.pop();
    }
    members.reverse();
    members.dedup();
    if members.len() > MAX_INVITEES {
        return Err(GroupProblem::TooManyMembers {
            count: members.len(),
        });
    }
    let head = format!(" {} ", words.join(" "));
    let folded = Folded::new(&head);
    let until_at = UNTIL_WORDS
        .iter()
        .filter_map(|word| folded.find(word))
        .min_by_key(|found| found.start);
    let (name, until) = match until_at {
        Some(found) => (
            head[..found.start].trim(),
            Some(head[found.end..].trim().to_owned()).filter(|until| !until.is_empty()),
        ),
        None => (head.trim(), None),
    };
    let name = read_name(name)?;
    Ok(GroupParts {
        name,
        until,
        members,
    })
}

/// A group's name as typed alone (`!groupe rejoindre <nom>`), cleaned and checked.
pub fn read_name(typed: &str) -> Result<String, GroupProblem> {
    let name = clean_member_line(typed.trim());
    if name.is_empty() {
        return Err(GroupProblem::MissingName);
    }
    let length = name.chars().count();
    if length > MAX_NAME_LENGTH {
        return Err(GroupProblem::NameTooLong { length });
    }
    Ok(name)
}

/// What a report to the plenary holds.
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct Report<'a> {
    /// The group's decisions since its last report: its proposals.
    pub proposals: Vec<&'a Decision>,
    pub open_actions: Vec<&'a Action>,
}

/// The report of a group whose last report was at `last` (the rule in this file's doc).
pub fn report<'a>(
    decisions: &'a [Decision],
    actions: &'a [Action],
    last: Option<DateTime<Utc>>,
) -> Report<'a> {
    Report {
        proposals: decisions
            .iter()
            .filter(|decision| decision.revoked.is_none())
            .filter(|decision| last.is_none_or(|last| decision.created_at > last))
            .collect(),
        open_actions: actions
            .iter()
            .filter(|action| action.done_at.is_none())
            .collect(),
    }
}

/// A proposal to adopt, as a plenary decision's text names it.
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct Adoption {
    pub proposal: usize,
    /// The group's name as typed.
    pub group: String,
}

/// The words that open an adoption, and those between the number and the group's name.
const ADOPT_WORDS: [&str; 4] = [
    "adopte la proposition ",
    "adopter la proposition ",
    "adopt proposal ",
    "adopts proposal ",
];
const OF_GROUP_WORDS: [&str; 4] = [" du groupe ", " de groupe ", " of group ", " of the group "];

/// Reads "adopte la proposition n° 2 du groupe Non-recours [: …]" at the start of a decision's
/// text; `None` when the text is an ordinary decision.
pub fn read_adoption(text: &str) -> Option<Adoption> {
    let text = text.trim();
    let folded = Folded::new(text);
    let rest = ADOPT_WORDS
        .iter()
        .find_map(|word| folded.strip_prefix(word))?;
    let folded_rest = Folded::new(rest);
    let of = OF_GROUP_WORDS
        .iter()
        .filter_map(|word| folded_rest.find(word))
        .min_by_key(|found| found.start)?;
    let number: String = rest[..of.start]
        .chars()
        .filter(char::is_ascii_digit)
        .collect();
    let proposal = number.parse::<usize>().ok().filter(|number| *number > 0)?;
    let group = rest[of.end..]
        .split([':', '—', '.', ','])
        .next()
        .unwrap_or_default()
        .trim();
    (!group.is_empty()).then(|| Adoption {
        proposal,
        group: group.to_owned(),
    })
}

#[cfg(test)]
mod tests {
    use super::*;
    use crate::testing::at;

    #[test]
    fn a_group_reads_with_its_end_date_and_members() {
        assert_eq!(
            read_group("Non-recours jusqu'au 30/06/2027 @alice:example.org @bob:example.org"),
            Ok(GroupParts {
                name: "Non-recours".into(),
                until: Some("30/06/2027".into()),
                members: vec![
                    UserId::new("@alice:example.org"),
                    UserId::new("@bob:example.org")
                ],
            })
        );
        assert_eq!(
            read_group("Non-take-up of rights until 30/06/2027"),
            Ok(GroupParts {
                name: "Non-take-up of rights".into(),
                until: Some("30/06/2027".into()),
                members: vec![],
            })
        );
        assert_eq!(
            read_group("Accès aux droits"),
            Ok(GroupParts {
                name: "Accès aux droits".into(),
                until: None,
                members: vec![],
            })
        );
        assert_eq!(
            read_group("@alice:example.org"),
            Err(GroupProblem::MissingName)
        );
        assert!(matches!(
            read_group("Groupe @alice"),
            Err(GroupProblem::BadMember { .. })
        ));
        assert!(matches!(
            read_group(&"x".repeat(MAX_NAME_LENGTH + 1)),
            Err(GroupProblem::NameTooLong { .. })
        ));
        assert!(same_name("Non-recours", "non-RECOURS"));
        assert!(same_name("Accès  aux droits", "acces aux droits"));
    }

    #[test]
    fn an_adoption_names_a_proposal_and_a_group() {
        assert_eq!(
            read_adoption("adopte la proposition n° 2 du groupe Non-recours : une permanence CAF"),
            Some(Adoption {
                proposal: 2,
                group: "Non-recours".into()
            })
        );
        assert_eq!(
            read_adoption("Adopt proposal no. 3 of group Non-take-up"),
            Some(Adoption {
                proposal: 3,
                group: "Non-take-up".into()
            })
        );
        assert_eq!(read_adoption("La concertation signe la lettre"), None);
        assert_eq!(read_adoption("adopte la proposition du groupe X"), None);
    }

    fn group(ends_on: Option<NaiveDate>) -> WorkingGroup {
        WorkingGroup {
            id: 1,
            plenary: RoomId::new("!plenary"),
            name: "Non-recours".into(),
            room: Some(RoomId::new("!group")),
            ends_on,
            created_by: UserId::new("@alice:example.org"),
            created_at: at("2026-12-07T10:00:00Z"),
            awaiting_confirmation: false,
            last_report_at: None,
            end_asked_for: None,
            closed_at: None,
        }
    }

    #[test]
    fn the_end_question_is_due_on_the_end_day_once() {
        let paris = chrono_tz::Europe::Paris;
        let day = NaiveDate::from_ymd_opt(2027, 6, 30).expect("a day");
        let mut open = group(Some(day));
        assert_eq!(
            open.end_question_due(paris),
            Some(at("2027-06-30T07:00:00Z"))
        );
        open.end_asked_for = Some(day);
        assert_eq!(open.end_question_due(paris), None);
        open.ends_on = NaiveDate::from_ymd_opt(2027, 12, 31);
        assert!(
            open.end_question_due(paris).is_some(),
            "extended: asked again"
        );
        assert_eq!(group(None).end_question_due(paris), None);
    }
}
