//! Who may do what: the one permission policy, a pure function. Every handler that changes
//! something another member started asks [`check`], and every refusal is worded by one reply
//! (`replies::refused`) that names who may do it.
//!
//! | What                                   | Who may                                                     |
//! |----------------------------------------|-------------------------------------------------------------|
//! | remove an agenda item                  | the member who added it, or a moderator                     |
//! | remove a meeting's guest               | the member who added them, or a moderator                   |
//! | set the date of a proposal             | the member who proposed the dates, or a moderator           |
//! | cancel a proposal                      | the member who proposed the dates, or a moderator           |
//! | set the date of / cancel the rhythm's proposal | every member (the group's own proposal; checked by the service) |
//! | cancel a dated meeting                 | the member who proposed its dates, or a moderator (a moderator only, when the date was set without a proposal) |
//! | close a poll                           | the member who started it, or a moderator                   |
//! | amend or revoke a decision             | the member who recorded it, or a moderator                  |
//! | mark an action done                    | the member it was given to, any member of the association it was given to, or a moderator |
//! | cancel a reminder                      | the member who asked for it, or a moderator                 |
//! | link a member to an association        | a moderator                                                 |
//! | replace the page's link                | a moderator                                                 |
//! | add or remove someone known by e-mail  | a moderator                                                 |
//! | change the room's rule for a joint position | a moderator                                            |
//! | make an association a guest, or a member again | a moderator                                         |
//! | approve the minutes for an association | a member of that association (their own only)               |
//! | give or withdraw an association's mandate | a member of that association, or a moderator (who is recorded as having noted it) |
//! | change or remove a contact of the address book | a member of the association of whoever added it (they themselves, without one), or a moderator |
//! | adopt the minutes without every association | a moderator                                            |
//! | cancel a training session              | the member who announced it, or a moderator                 |
//! | attach an existing room as a working group | a moderator of the plenary room             |
//! | withdraw someone else from a training session | the member who signed them up, a member of their association, or a moderator |
//! | everything else                        | every member of the room                                    |
//!
//! A moderator is a member whose power level in the room is [`MODERATOR_LEVEL`] or more
//! (Element's "Moderator" and "Admin"). Nobody leads the group: being a moderator is about the
//! room, not about an association.

use super::association::same_association;
use super::ids::UserId;
use super::record::Owner;

/// The power level from which a member is a room moderator.
pub const MODERATOR_LEVEL: i64 = 50;

/// Something a member asks to do that not everyone may.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub enum Act {
    RemoveItem,
    RemoveGuest,
    SetDate,
    CancelProposal,
    CancelMeeting,
    ClosePoll {
        number: usize,
    },
    ChangeDecision {
        number: usize,
    },
    MarkActionDone {
        number: usize,
    },
    CancelReminder {
        number: usize,
    },
    LinkMember,
    ReplaceLink,
    AdoptMinutes,
    ManageEmail,
    SetRule,
    SetStanding,
    /// Give or withdraw an association's mandate (its owner: the giving association).
    Mandate,
    /// Change or remove contact n° `number` (its owner: the association of whoever added it).
    ChangeContact {
        number: usize,
    },
    /// Cancel training session n° `number` (its owner: whoever announced it).
    CancelTraining {
        number: usize,
    },
    /// Withdraw someone else from session n° `number` (its owner: their association; the
    /// member who signed them up may too, checked by the service).
    WithdrawTrainee {
        number: usize,
    },
    /// Attach an existing room as one of the plenary's working groups.
    AttachGroup,
}

impl Act {
    /// Who may do it, as the table above says.
    pub fn who(self) -> Who {
        match self {
            Act::LinkMember
            | Act::ReplaceLink
            | Act::AdoptMinutes
            | Act::ManageEmail
            | Act::SetRule
            | Act::SetStanding
            | Act::AttachGroup => Who::Moderators,
            _ => Who::OwnerOrModerator,
        }
    }
}

/// Who may do an [`Act`].
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub enum Who {
    /// The one who started it (a member, or an association's members), or a moderator.
    OwnerOrModerator,
    Moderators,
}

/// The member asking.
#[derive(Debug, Clone, Copy)]
pub struct Actor<'a> {
    pub user: &'a UserId,
    /// In the room; 0 when unknown.
    pub power_level: i64,
    /// The association they represent in the room, if any.
    pub association: Option<&'a str>,
}

impl Actor<'_> {
    pub fn is_moderator(&self) -> bool {
        self.power_level >= MODERATOR_LEVEL
    }
}

/// Why an act was refused: what, and who may.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub struct Refusal {
    pub act: Act,
    pub who: Who,
}

/// Whether `actor` may do `act` on something `owner` started (`None`: no owner is known,
/// so only a moderator may).
pub fn check(actor: &Actor<'_>, act: Act, owner: Option<&Owner>) -> Result<(), Refusal> {
    let owns = match (act.who(), owner) {
        (Who::Moderators, _) | (_, None) => false,
        (Who::OwnerOrModerator, Some(Owner::Member(user))) => user == actor.user,
        (Who::OwnerOrModerator, Some(Owner::Association(name))) => actor
            .association
            .is_some_and(|association| same_association(association, name)),
    };
    if owns || actor.is_moderator() {
        Ok(())
    } else {
        Err(Refusal {
            act,
            who: act.who(),
        })
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    fn actor<'a>(user: &'a UserId, power_level: i64, association: Option<&'a str>) -> Actor<'a> {
        Actor {
            user,
            power_level,
            association,
        }
    }

    #[test]
    fn the_owner_or_a_moderator_may_and_nobody_else() {
        let alice = UserId::new("@alice:example.org");
        let bob = UserId::new("@bob:example.org");
        let owner = Owner::Member(alice.clone());
        assert_eq!(
            check(&actor(&alice, 0, None), Act::RemoveItem, Some(&owner)),
            Ok(())
        );
        assert_eq!(
            check(&actor(&bob, 50, None), Act::RemoveItem, Some(&owner)),
            Ok(())
        );
        assert_eq!(
            check(
                &actor(&bob, 49, None),
                Act::ClosePoll { number: 2 },
                Some(&owner)
            ),
            Err(Refusal {
                act: Act::ClosePoll { number: 2 },
                who: Who::OwnerOrModerator
            })
        );
    }

    #[test]
    fn any_member_of_the_owning_association_may_mark_its_action_done() {
        let bob = UserId::new("@bob:example.org");
        let owner = Owner::Association("Secours populaire".into());
        let act = Act::MarkActionDone { number: 1 };
        assert_eq!(
            check(
                &actor(&bob, 0, Some("secours  Populaire")),
                act,
                Some(&owner)
            ),
            Ok(())
        );
        assert!(check(&actor(&bob, 0, Some("Croix-Rouge")), act, Some(&owner)).is_err());
        assert!(check(&actor(&bob, 0, None), act, Some(&owner)).is_err());
    }

    #[test]
    fn moderators_only_acts_refuse_even_the_owner() {
        let alice = UserId::new("@alice:example.org");
        let owner = Owner::Member(alice.clone());
        for act in [Act::LinkMember, Act::ReplaceLink] {
            assert_eq!(
                check(&actor(&alice, 0, None), act, Some(&owner)),
                Err(Refusal {
                    act,
                    who: Who::Moderators
                })
            );
            assert_eq!(check(&actor(&alice, 100, None), act, None), Ok(()));
        }
    }

    #[test]
    fn without_a_known_owner_only_a_moderator_may() {
        let alice = UserId::new("@alice:example.org");
        assert!(check(&actor(&alice, 0, None), Act::CancelMeeting, None).is_err());
        assert_eq!(
            check(&actor(&alice, 50, None), Act::CancelMeeting, None),
            Ok(())
        );
    }
}
