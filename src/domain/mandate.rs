//! Mandates (*mandats*): an association that cannot attend gives its voice, for one meeting or
//! one poll, to another member association or to a named member (`!mandat` / `!proxy`).
//!
//! Rules, written once here:
//! - **who gives**: a member association of the room with at least one representative there; a
//!   guest association can neither give nor hold a mandate;
//! - **who holds**: another member association, or a named member who does not represent the
//!   giving association (that would be a mandate to itself) nor a guest association;
//! - **for what**: one dated meeting that has not passed — the polls counted on its day (those
//!   closed that day, as the minutes list them, and on that day those still open) and the
//!   approval of its minutes — or one open poll;
//! - an association gives at most one mandate for the same meeting or poll at a time;
//! - a holder carries at most `decisions.max_mandates_per_holder` mandates at a time (those not
//!   withdrawn whose meeting day or poll is not over);
//! - a mandate can be withdrawn until its ballot closes (the poll's close, the adoption of the
//!   meeting's minutes); a withdrawn mandate no longer counts for what is counted after;
//! - **on a ballot**, a mandate counts as the giving association's answer, read from the
//!   holder's (the member's own answer, or the holding association's stance as the holder's
//!   representatives gave it — never one it holds by mandate: mandates do not chain); if a
//!   representative of the giving association answers themselves, their answer wins and the
//!   mandate is void for that ballot.

use chrono::{DateTime, Utc};

use super::association::same_association;
use super::ids::{MeetingId, PollId, UserId};
use super::position::Stance;
use super::record::Owner;

/// The default of `decisions.max_mandates_per_holder`.
pub const DEFAULT_MAX_PER_HOLDER: usize = 1;

/// What a mandate is for.
#[derive(Debug, Clone, PartialEq, Eq)]
pub enum Scope {
    /// A dated meeting: its polls and the approval of its minutes.
    Meeting {
        meeting: MeetingId,
        starts_at: DateTime<Utc>,
    },
    /// One poll.
    Poll {
        poll: PollId,
        number: usize,
        closed_at: Option<DateTime<Utc>>,
    },
}

/// A mandate as the room keeps it.
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct Mandate {
    /// Its number in the room (n° 1, 2, …).
    pub number: usize,
    /// The association that gives its voice.
    pub giver: String,
    pub holder: Owner,
    pub scope: Scope,
    /// Who gave it (a member of the giving association) or noted it (a moderator).
    pub given_by: UserId,
    /// Given by a moderator who does not represent the giving association: they noted it.
    pub noted: bool,
    pub given_at: DateTime<Utc>,
    pub withdrawn_at: Option<DateTime<Utc>>,
}

/// The bounds of a meeting's local day, in UTC, as the caller computed them in the room's time
/// zone: what a meeting mandate's polls are counted within.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub struct Day {
    pub start: DateTime<Utc>,
    pub end: DateTime<Utc>,
}

impl Mandate {
    /// Whether it still counts for a ballot counted until `until`: not withdrawn before.
    pub fn counts_at(&self, until: DateTime<Utc>) -> bool {
        self.withdrawn_at.is_none_or(|withdrawn| withdrawn > until)
    }

    /// Whether it counts for the poll `poll`, counted until `until` (its close, or now);
    /// `day` is the bounds of its meeting's day when it is a meeting mandate.
    pub fn covers_poll(&self, poll: PollId, until: DateTime<Utc>, day: Option<Day>) -> bool {
        if !self.counts_at(until) {
            return false;
        }
        match &self.scope {
            Scope::Poll { poll: theirs, .. } => *theirs == poll,
            Scope::Meeting { .. } => day.is_some_and(|day| day.start <= until && until < day.end),
        }
    }

    /// Whether it is current at `now` for the holder's cap: not withdrawn, and its meeting's
    /// day or its poll not over (`day_end`: the end of its meeting's day).
    pub fn current(&self, now: DateTime<Utc>, day_end: Option<DateTime<Utc>>) -> bool {
        if self.withdrawn_at.is_some() {
            return false;
        }
        match &self.scope {
            Scope::Poll { closed_at, .. } => closed_at.is_none(),
            Scope::Meeting { .. } => day_end.is_none_or(|end| now < end),
        }
    }

    /// Whether it is for the same meeting or poll as `scope`.
    pub fn same_scope(&self, scope: &Scope) -> bool {
        match (&self.scope, scope) {
            (Scope::Meeting { meeting: a, .. }, Scope::Meeting { meeting: b, .. }) => a == b,
            (Scope::Poll { poll: a, .. }, Scope::Poll { poll: b, .. }) => a == b,
            _ => false,
        }
    }
}

/// Whether `a` and `b` hold for the same holder.
fn same_holder(a: &Owner, b: &Owner) -> bool {
    match (a, b) {
        (Owner::Association(a), Owner::Association(b)) => same_association(a, b),
        (Owner::Member(a), Owner::Member(b)) => a == b,
        _ => false,
    }
}

/// Why a mandate cannot be given.
#[derive(Debug, Clone, PartialEq, Eq)]
pub enum Refused {
    /// The giving association is not one of the room's.
    UnknownGiver { given: String },
    /// The holding association is not one of the room's.
    UnknownHolder { given: String },
    /// A guest association gives.
    GuestGives { giver: String },
    /// A guest association, or one of its representatives, would hold it.
    GuestHolds { holder: String },
    /// The giving association has no representative in the room.
    NoRepresentative { giver: String },
    /// The holder is the giving association, or one of its representatives.
    ToItself { giver: String },
    /// The holder already carries as many as allowed.
    HolderFull { cap: usize },
    /// The association already gave one for this meeting or poll (its number).
    AlreadyGiven { number: usize },
}

/// What a new mandate is checked against.
pub struct Room<'a> {
    /// The member associations.
    pub members: &'a [String],
    /// The guest associations.
    pub guests: &'a [String],
    /// Who represents which association (member or guest).
    pub representatives: &'a std::collections::HashMap<UserId, String>,
}

/// Checks a new mandate from `giver` to `holder` for `scope` (rules in the module's doc), with
/// the room's `current` mandates; returns the giving and holding associations' names as the
/// room writes them.
pub fn check(
    giver: &str,
    holder: &Owner,
    scope: &Scope,
    room: &Room<'_>,
    current: &[Mandate],
    cap: usize,
) -> Result<(String, Owner), Refused> {
    let find = |list: &[String], typed: &str| {
        list.iter()
            .find(|name| same_association(name, typed))
            .cloned()
    };
    let giver = match find(room.members, giver) {
        Some(name) => name,
        None => {
            return Err(match find(room.guests, giver) {
                Some(giver) => Refused::GuestGives { giver },
                None => Refused::UnknownGiver {
                    given: giver.to_owned(),
                },
            });
        }
    };
    if !room
        .representatives
        .values()
        .any(|theirs| same_association(theirs, &giver))
    {
        return Err(Refused::NoRepresentative { giver });
    }
    let holder = match holder {
        Owner::Association(typed) => {
            if let Some(holder) = find(room.guests, typed) {
                return Err(Refused::GuestHolds { holder });
            }
            let Some(holder) = find(room.members, typed) else {
                return Err(Refused::UnknownHolder {
                    given: typed.clone(),
                });
            };
            if same_association(&holder, &giver) {
                return Err(Refused::ToItself { giver });
            }
            Owner::Association(holder)
        }
        Owner::Member(user) => {
            if let Some(theirs) = room.representatives.get(user) {
                if same_association(theirs, &giver) {
                    return Err(Refused::ToItself { giver });
                }
                if let Some(holder) = find(room.guests, theirs) {
                    return Err(Refused::GuestHolds { holder });
                }
            }
            Owner::Member(user.clone())
        }
    };
    if let Some(given) = current
        .iter()
        .find(|mandate| same_association(&mandate.giver, &giver) && mandate.same_scope(scope))
    {
        return Err(Refused::AlreadyGiven {
            number: given.number,
        });
    }
    let carried = current
        .iter()
        .filter(|mandate| same_holder(&mandate.holder, &holder))
        .count();
    if carried >= cap {
        return Err(Refused::HolderFull { cap });
    }
    Ok((giver, holder))
}

/// How a mandate counted on one ballot.
#[derive(Debug, Clone, PartialEq, Eq)]
pub enum Use {
    /// The holder answered: the giving association stands as the holder does.
    Counted,
    /// The holder has not answered yet.
    Awaiting,
    /// A representative of the giving association answered: their answer wins.
    Void,
}

/// One mandate on one ballot: who gave, who held, how it counted.
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct Used {
    pub number: usize,
    pub giver: String,
    pub holder: Owner,
    pub used: Use,
}

/// The associations' stances on a poll once its mandates count (rules in the module's doc):
/// `stances` are the member associations' own, `choices` each voter's option.
pub fn apply_to_stances(
    stances: &mut [(String, Stance)],
    choices: &[(UserId, usize)],
    mandates: &[&Mandate],
) -> Vec<Used> {
    let own: Vec<(String, Stance)> = stances.to_vec();
    let mut uses = Vec::new();
    for mandate in mandates {
        let Some(index) = stances
            .iter()
            .position(|(name, _)| same_association(name, &mandate.giver))
        else {
            continue;
        };
        let used =
            if own[index].1 != Stance::Missing {
                Use::Void
            } else {
                let holder_stance =
                    match &mandate.holder {
                        Owner::Member(user) => choices.iter().find(|(voter, _)| voter == user).map(
                            |(voter, option)| Stance::Unanimous {
                                option: *option,
                                voters: vec![voter.clone()],
                            },
                        ),
                        Owner::Association(holder) => own
                            .iter()
                            .find(|(name, _)| same_association(name, holder))
                            .map(|(_, stance)| stance.clone())
                            .filter(|stance| *stance != Stance::Missing),
                    };
                match holder_stance {
                    Some(stance) => {
                        stances[index].1 = stance;
                        Use::Counted
                    }
                    None => Use::Awaiting,
                }
            };
        uses.push(Used {
            number: mandate.number,
            giver: stances[index].0.clone(),
            holder: mandate.holder.clone(),
            used,
        });
    }
    uses
}

#[cfg(test)]
mod tests {
    use std::collections::HashMap;

    use super::*;
    use crate::testing::at;

    fn user(name: &str) -> UserId {
        UserId::new(format!("@{name}:x"))
    }

    fn mandate(number: usize, giver: &str, holder: Owner, scope: Scope) -> Mandate {
        Mandate {
            number,
            giver: giver.into(),
            holder,
            scope,
            given_by: user("anne"),
            noted: false,
            given_at: at("2026-12-01T10:00:00Z"),
            withdrawn_at: None,
        }
    }

    fn meeting(id: i64) -> Scope {
        Scope::Meeting {
            meeting: MeetingId::new(id),
            starts_at: at("2026-12-10T18:00:00Z"),
        }
    }

    fn poll(id: i64) -> Scope {
        Scope::Poll {
            poll: PollId::new(id),
            number: id as usize,
            closed_at: None,
        }
    }

    fn association(name: &str) -> Owner {
        Owner::Association(name.into())
    }

    /// Each bad input of the issue, and the good one, as a table.
    #[test]
    fn who_may_give_and_hold_as_a_table() {
        let members =
            ["Restos du Cœur", "Croix-Rouge", "Secours populaire", "Vide"].map(String::from);
        let guests = ["Emmaüs".to_owned()];
        let representatives: HashMap<UserId, String> = [
            (user("anne"), "Restos du Cœur"),
            (user("bob"), "Croix-Rouge"),
            (user("carla"), "Secours populaire"),
            (user("eve"), "Emmaüs"),
        ]
        .into_iter()
        .map(|(user, association)| (user, association.to_owned()))
        .collect();
        let room = Room {
            members: &members,
            guests: &guests,
            representatives: &representatives,
        };
        let current = [mandate(
            1,
            "Secours populaire",
            association("Restos du Cœur"),
            meeting(1),
        )];
        let table: Vec<(&str, Owner, Scope, Result<(), Refused>)> = vec![
            (
                "croix rouge",
                association("secours populaire"),
                meeting(1),
                Ok(()),
            ),
            ("Croix-Rouge", Owner::Member(user("carla")), poll(3), Ok(())),
            ("Croix-Rouge", Owner::Member(user("zoe")), poll(3), Ok(())),
            (
                "Croix-Rouge",
                association("Croix-Rouge"),
                meeting(1),
                Err(Refused::ToItself {
                    giver: "Croix-Rouge".into(),
                }),
            ),
            (
                "Croix-Rouge",
                Owner::Member(user("bob")),
                meeting(1),
                Err(Refused::ToItself {
                    giver: "Croix-Rouge".into(),
                }),
            ),
            (
                "Croix-Rouge",
                association("emmaus"),
                meeting(1),
                Err(Refused::GuestHolds {
                    holder: "Emmaüs".into(),
                }),
            ),
            (
                "Croix-Rouge",
                Owner::Member(user("eve")),
                meeting(1),
                Err(Refused::GuestHolds {
                    holder: "Emmaüs".into(),
                }),
            ),
            (
                "Emmaüs",
                association("Croix-Rouge"),
                meeting(1),
                Err(Refused::GuestGives {
                    giver: "Emmaüs".into(),
                }),
            ),
            (
                "Vide",
                association("Croix-Rouge"),
                meeting(1),
                Err(Refused::NoRepresentative {
                    giver: "Vide".into(),
                }),
            ),
            (
                "Inconnue",
                association("Croix-Rouge"),
                meeting(1),
                Err(Refused::UnknownGiver {
                    given: "Inconnue".into(),
                }),
            ),
            (
                "Croix-Rouge",
                association("Inconnue"),
                meeting(1),
                Err(Refused::UnknownHolder {
                    given: "Inconnue".into(),
                }),
            ),
            (
                "Croix-Rouge",
                association("Restos du Cœur"),
                meeting(2),
                Err(Refused::HolderFull { cap: 1 }),
            ),
            (
                "Secours populaire",
                association("Croix-Rouge"),
                meeting(1),
                Err(Refused::AlreadyGiven { number: 1 }),
            ),
            (
                "Secours populaire",
                association("Croix-Rouge"),
                meeting(2),
                Ok(()),
            ),
        ];
        for (giver, holder, scope, expected) in table {
            let got = check(giver, &holder, &scope, &room, &current, 1).map(|_| ());
            assert_eq!(got, expected, "{giver} → {holder:?} {scope:?}");
        }
        // A higher cap lets the holder carry a second one.
        assert!(
            check(
                "Croix-Rouge",
                &association("Restos du Cœur"),
                &meeting(2),
                &room,
                &current,
                2
            )
            .is_ok()
        );
    }

    #[test]
    fn a_mandate_counts_for_its_poll_or_the_polls_of_its_meeting_day_until_withdrawn() {
        let day = Day {
            start: at("2026-12-10T00:00:00Z"),
            end: at("2026-12-11T00:00:00Z"),
        };
        let for_meeting = mandate(1, "Croix-Rouge", association("Restos du Cœur"), meeting(1));
        assert!(for_meeting.covers_poll(PollId::new(9), at("2026-12-10T19:00:00Z"), Some(day)));
        assert!(!for_meeting.covers_poll(PollId::new(9), at("2026-12-09T19:00:00Z"), Some(day)));
        assert!(!for_meeting.covers_poll(PollId::new(9), at("2026-12-11T00:00:00Z"), Some(day)));
        let mut for_poll = mandate(2, "Croix-Rouge", association("Restos du Cœur"), poll(4));
        assert!(for_poll.covers_poll(PollId::new(4), at("2026-12-10T19:00:00Z"), None));
        assert!(!for_poll.covers_poll(PollId::new(5), at("2026-12-10T19:00:00Z"), None));
        for_poll.withdrawn_at = Some(at("2026-12-10T12:00:00Z"));
        assert!(!for_poll.covers_poll(PollId::new(4), at("2026-12-10T19:00:00Z"), None));
        assert!(for_poll.covers_poll(PollId::new(4), at("2026-12-10T11:00:00Z"), None));
        assert!(!for_poll.current(at("2026-12-10T11:00:00Z"), None));
        assert!(for_meeting.current(at("2026-12-10T11:00:00Z"), Some(day.end)));
        assert!(!for_meeting.current(day.end, Some(day.end)));
    }

    /// Rule × the giver's own answer × the holder's answer → the giver's stance.
    #[test]
    fn the_holder_answers_for_the_giver_unless_the_giver_answers_itself() {
        let unanimous = |option, voter: &str| Stance::Unanimous {
            option,
            voters: vec![user(voter)],
        };
        let stances = |croix_rouge: Stance| {
            vec![
                ("Restos du Cœur".to_owned(), unanimous(1, "anne")),
                ("Croix-Rouge".to_owned(), croix_rouge),
                ("Secours populaire".to_owned(), Stance::Missing),
            ]
        };
        let choices = vec![(user("anne"), 1), (user("zoe"), 2)];
        let to_restos = mandate(1, "Croix-Rouge", association("Restos du Cœur"), poll(1));
        let to_zoe = mandate(2, "Croix-Rouge", Owner::Member(user("zoe")), poll(1));
        let to_silent = mandate(3, "Croix-Rouge", association("Secours populaire"), poll(1));
        let chained = mandate(4, "Secours populaire", association("Croix-Rouge"), poll(1));
        let table: Vec<(Stance, &Mandate, Stance, Use)> = vec![
            (
                Stance::Missing,
                &to_restos,
                unanimous(1, "anne"),
                Use::Counted,
            ),
            (Stance::Missing, &to_zoe, unanimous(2, "zoe"), Use::Counted),
            (Stance::Missing, &to_silent, Stance::Missing, Use::Awaiting),
            (
                unanimous(2, "bob"),
                &to_restos,
                unanimous(2, "bob"),
                Use::Void,
            ),
        ];
        for (own, given, expected, use_) in table {
            let mut stances = stances(own);
            let uses = apply_to_stances(&mut stances, &choices, &[given]);
            assert_eq!(stances[1].1, expected, "{given:?}");
            assert_eq!(uses[0].used, use_);
        }
        // Mandates do not chain: Secours populaire's holder, Croix-Rouge, holds only by mandate.
        let mut both = stances(Stance::Missing);
        let uses = apply_to_stances(&mut both, &choices, &[&to_restos, &chained]);
        assert_eq!(both[2].1, Stance::Missing);
        assert_eq!(uses[1].used, Use::Awaiting);
    }
}
