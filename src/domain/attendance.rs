//! Who comes to a dated meeting. The announcement of the date is a ballot
//! ([`super::ballot::BallotKind::Attendance`]): ✅ (option 1) coming, ❌ (option 2) excused,
//! one voice per person, the latest answer counts — by reaction or by `!présence`.
//!
//! The listing, per association ([`by_association`]), follows these rules:
//! - an association's members are those the room knows for it (configuration or
//!   `!association`);
//! - each member is coming, excused or has not answered, by their latest answer;
//! - an association with nobody coming is "not represented", whoever is excused;
//! - people who answered but belong to no association are listed apart (guests, members not
//!   yet placed), coming or excused;
//! - the day before the meeting, the members of an association nobody represents yet who
//!   have not answered are called by name ([`AssociationAttendance::to_call`]);
//! - an association nobody comes for that gave its mandate for the meeting
//!   ([`super::mandate`]) is "represented by mandate" ([`with_mandates`]): nobody is called.

use std::collections::{BTreeMap, BTreeSet};

use super::association::same_association;
use super::ids::UserId;
use super::mandate::Mandate;
use super::record::Owner;

/// The reaction that says "I'm coming", and the one that says "excused".
pub const COMING: &str = "✅";
pub const EXCUSED: &str = "❌";
/// The options of the attendance ballot.
pub const COMING_OPTION: usize = 1;
pub const EXCUSED_OPTION: usize = 2;

/// The option a reaction answers: ✅ (or ✔️, 👍) coming, ❌ (or ✖️, 👎) excused.
pub fn option_of_reaction(key: &str) -> Option<usize> {
    let bare: String = key
        .chars()
        .filter(|c| *c != '\u{FE0F}' && !('\u{1F3FB}'..='\u{1F3FF}').contains(c))
        .collect();
    match bare.as_str() {
        "✅" | "✔" | "☑" | "👍" => Some(COMING_OPTION),
        "❌" | "✖" | "❎" | "👎" => Some(EXCUSED_OPTION),
        _ => None,
    }
}

/// Where one association stands for a meeting.
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct AssociationAttendance {
    pub association: String,
    pub coming: Vec<UserId>,
    pub excused: Vec<UserId>,
    pub silent: Vec<UserId>,
    /// Nobody comes for it, and it gave its mandate for the meeting to this holder.
    pub by_mandate: Option<Owner>,
}

impl AssociationAttendance {
    pub fn represented(&self) -> bool {
        !self.coming.is_empty() || self.by_mandate.is_some()
    }

    /// Whom the day-before reminder calls: the members who have not answered, when nobody
    /// comes for the association yet.
    pub fn to_call(&self) -> &[UserId] {
        if self.represented() {
            &[]
        } else {
            &self.silent
        }
    }

    /// How many members it has.
    pub fn size(&self) -> usize {
        self.coming.len() + self.excused.len() + self.silent.len()
    }
}

/// The whole listing: the associations in their order, and those who answered outside them.
#[derive(Debug, Clone, PartialEq, Eq, Default)]
pub struct Attendance {
    pub associations: Vec<AssociationAttendance>,
    pub others_coming: Vec<UserId>,
    pub others_excused: Vec<UserId>,
}

/// The listing from each association's members and each person's choice (the ballot's count:
/// option 1 coming, option 2 excused). Rules in the module's doc.
pub fn by_association(
    associations: &[(String, Vec<UserId>)],
    choices: &BTreeMap<UserId, BTreeSet<usize>>,
) -> Attendance {
    let choice_of = |member: &UserId| choices.get(member).and_then(|c| c.iter().next().copied());
    let mut placed = BTreeSet::new();
    let mut listing = Attendance::default();
    for (association, members) in associations {
        let mut standing = AssociationAttendance {
            association: association.clone(),
            coming: Vec::new(),
            excused: Vec::new(),
            silent: Vec::new(),
            by_mandate: None,
        };
        for member in members {
            placed.insert(member.clone());
            match choice_of(member) {
                Some(COMING_OPTION) => standing.coming.push(member.clone()),
                Some(EXCUSED_OPTION) => standing.excused.push(member.clone()),
                _ => standing.silent.push(member.clone()),
            }
        }
        listing.associations.push(standing);
    }
    for (person, chosen) in choices {
        if placed.contains(person) {
            continue;
        }
        match chosen.iter().next().copied() {
            Some(COMING_OPTION) => listing.others_coming.push(person.clone()),
            Some(EXCUSED_OPTION) => listing.others_excused.push(person.clone()),
            _ => {}
        }
    }
    listing
}

/// The listing once the meeting's `mandates` (not withdrawn) count: an association nobody
/// comes for is represented by its mandate's holder.
pub fn with_mandates(mut listing: Attendance, mandates: &[&Mandate]) -> Attendance {
    for standing in &mut listing.associations {
        if !standing.coming.is_empty() {
            continue;
        }
        standing.by_mandate = mandates
            .iter()
            .find(|mandate| same_association(&mandate.giver, &standing.association))
            .map(|mandate| mandate.holder.clone());
    }
    listing
}

#[cfg(test)]
mod tests {
    use super::*;

    fn user(id: &str) -> UserId {
        UserId::new(id)
    }

    #[test]
    fn reactions_read_as_coming_or_excused_whatever_their_variant() {
        assert_eq!(option_of_reaction("✅"), Some(1));
        assert_eq!(option_of_reaction("✔️"), Some(1));
        assert_eq!(option_of_reaction("👍🏽"), Some(1));
        assert_eq!(option_of_reaction("❌"), Some(2));
        assert_eq!(option_of_reaction("👎"), Some(2));
        assert_eq!(option_of_reaction("1️⃣"), None);
        assert_eq!(option_of_reaction("🎉"), None);
    }

    #[test]
    fn each_association_shows_who_comes_who_is_excused_and_who_is_silent() {
        let associations = vec![
            (
                "Secours populaire".to_owned(),
                vec![user("@alice"), user("@albert")],
            ),
            ("Croix-Rouge".to_owned(), vec![user("@bob"), user("@bea")]),
            ("Restos du Cœur".to_owned(), vec![user("@rita")]),
        ];
        let choices: BTreeMap<UserId, BTreeSet<usize>> = [
            (user("@alice"), BTreeSet::from([1])),
            (user("@albert"), BTreeSet::from([1])),
            (user("@bob"), BTreeSet::from([2])),
            (user("@guest"), BTreeSet::from([1])),
        ]
        .into_iter()
        .collect();
        let listing = by_association(&associations, &choices);
        let [populaire, croix, restos] = &listing.associations[..] else {
            panic!("three associations");
        };
        assert_eq!(populaire.coming, vec![user("@alice"), user("@albert")]);
        assert!(populaire.represented());
        assert_eq!(croix.excused, vec![user("@bob")]);
        assert_eq!(croix.silent, vec![user("@bea")]);
        assert!(!croix.represented(), "excused is not represented");
        assert_eq!(restos.silent, vec![user("@rita")]);
        assert_eq!(restos.to_call(), &[user("@rita")]);
        assert_eq!(
            croix.to_call(),
            &[user("@bea")],
            "the excused are not called"
        );
        assert!(populaire.to_call().is_empty());
        assert_eq!(restos.size(), 1);
        assert_eq!(listing.others_coming, vec![user("@guest")]);
    }

    #[test]
    fn an_association_nobody_comes_for_is_represented_by_its_mandate() {
        use crate::domain::MeetingId;
        use crate::domain::mandate::{Mandate, Scope};
        let associations = vec![
            ("Croix-Rouge".to_owned(), vec![user("@bob")]),
            ("Restos du Cœur".to_owned(), vec![user("@rita")]),
        ];
        let choices: BTreeMap<UserId, BTreeSet<usize>> = [
            (user("@bob"), BTreeSet::from([2])),
            (user("@rita"), BTreeSet::from([1])),
        ]
        .into_iter()
        .collect();
        let mandate = |giver: &str| Mandate {
            number: 1,
            giver: giver.into(),
            holder: Owner::Association("Restos du Cœur".into()),
            scope: Scope::Meeting {
                meeting: MeetingId::new(1),
                starts_at: crate::testing::at("2026-12-10T18:00:00Z"),
            },
            given_by: user("@bob"),
            noted: false,
            given_at: crate::testing::at("2026-12-01T18:00:00Z"),
            withdrawn_at: None,
        };
        let croix = mandate("croix rouge");
        let restos = mandate("Restos du Cœur");
        let listing = with_mandates(by_association(&associations, &choices), &[&croix, &restos]);
        let [croix_rouge, restos_du_coeur] = &listing.associations[..] else {
            panic!("two associations");
        };
        assert!(croix_rouge.represented());
        assert_eq!(croix_rouge.by_mandate, Some(croix.holder.clone()));
        assert!(croix_rouge.to_call().is_empty());
        // Someone comes for the Restos: its mandate is not needed.
        assert_eq!(restos_du_coeur.by_mandate, None);
    }
}
