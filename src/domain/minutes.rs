//! The minutes' way to a procès-verbal: each association approves them (one approval per
//! association: the latest member's counts), and once every association of the room has
//! approved (or a moderator adopts them without waiting), their text is frozen with its SHA-256
//! fingerprint. Pure: the service reads and writes, `replies/` words.

use chrono::{DateTime, Utc};
use sha2::{Digest, Sha256};

use super::association::same_association;
use super::ids::{MeetingId, UserId};
use super::mandate::Mandate;
use super::record::Owner;

/// One association's approval of a meeting's minutes.
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct Approval {
    pub association: String,
    /// The member who approved last for it.
    pub by: UserId,
    pub at: DateTime<Utc>,
    /// Given by the holder of the association's mandate for the meeting (the holder's own
    /// approval counts for it); `None` when one of its representatives approved.
    pub by_mandate: Option<Owner>,
}

/// Minutes adopted: the procès-verbal, as frozen at adoption. Later changes to the meeting's
/// items or decisions do not touch it (a correction is a new decision).
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct Adoption {
    pub meeting: MeetingId,
    /// The minutes' text (Markdown) as adopted: what the PDF and `!compte-rendu` show.
    pub text: String,
    /// SHA-256 of `text`, in lowercase hexadecimal.
    pub fingerprint: String,
    /// What heads its PDF: the room's name, then its associations, at adoption.
    pub heading: Vec<String>,
    pub adopted_at: DateTime<Utc>,
    /// The moderator who adopted without every association; `None` when all approved.
    pub adopted_by: Option<UserId>,
    /// The associations that approved, as they stood at adoption.
    pub approvals: Vec<Approval>,
    /// The associations that had not approved (only when a moderator adopted).
    pub missing: Vec<String>,
}

/// Where the approval stands: who approved, and which of the room's associations are awaited.
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct ApprovalState {
    pub approved: Vec<Approval>,
    pub awaited: Vec<String>,
}

impl ApprovalState {
    /// Every association approved (and there is at least one).
    pub fn complete(&self) -> bool {
        self.awaited.is_empty() && !self.approved.is_empty()
    }
}

/// Where the approval of minutes stands.
///
/// Rules: `known` is the room's associations, in their order; an approval counts for the
/// known association of the same name (case, accents, spaces and hyphens aside); approvals for
/// an association the room no longer knows are left out; an association with no approval is
/// awaited — unless it gave its mandate for the meeting (`mandates`, not withdrawn) and the
/// holder approved ([`approval_by_mandate`]): its own representative's approval wins over the
/// mandate. `approvals` holds at most one per association (the store keeps the latest).
pub fn approval_state(
    known: &[String],
    approvals: &[Approval],
    mandates: &[&Mandate],
) -> ApprovalState {
    let mut approved = Vec::new();
    let mut awaited = Vec::new();
    for association in known {
        match approvals
            .iter()
            .find(|approval| same_association(&approval.association, association))
        {
            Some(approval) => approved.push(Approval {
                association: association.clone(),
                ..approval.clone()
            }),
            None => match mandates
                .iter()
                .filter(|mandate| same_association(&mandate.giver, association))
                .find_map(|mandate| {
                    approval_by_mandate(mandate, approvals).map(|approval| (mandate, approval))
                }) {
                Some((mandate, approval)) => approved.push(Approval {
                    association: association.clone(),
                    by: approval.by.clone(),
                    at: approval.at,
                    by_mandate: Some(mandate.holder.clone()),
                }),
                None => awaited.push(association.clone()),
            },
        }
    }
    ApprovalState { approved, awaited }
}

/// The approval a meeting mandate gives: the giving association approves when its holder has
/// (the holding association's own approval, or one the named member gave for their own);
/// `approvals` are the associations' own.
pub fn approval_by_mandate<'a>(
    mandate: &Mandate,
    approvals: &'a [Approval],
) -> Option<&'a Approval> {
    approvals.iter().find(|approval| match &mandate.holder {
        Owner::Association(holder) => same_association(&approval.association, holder),
        Owner::Member(user) => approval.by == *user,
    })
}

/// The SHA-256 fingerprint of a text, in lowercase hexadecimal: what the procès-verbal shows,
/// so that a copy can be checked against the adopted text.
pub fn fingerprint(text: &str) -> String {
    Sha256::digest(text.as_bytes())
        .iter()
        .map(|byte| format!("{byte:02x}"))
        .collect()
}

#[cfg(test)]
mod tests {
    use super::*;
    use crate::testing::at;

    fn approval(association: &str, by: &str) -> Approval {
        Approval {
            association: association.into(),
            by: UserId::new(by),
            at: at("2026-12-10T20:00:00Z"),
            by_mandate: None,
        }
    }

    #[test]
    fn approvals_count_for_the_association_whatever_its_spelling() {
        let known = vec!["Croix-Rouge".to_owned(), "Restos du Cœur".to_owned()];
        let state = approval_state(&known, &[approval("croix rouge", "@a:x")], &[]);
        assert_eq!(state.approved.len(), 1);
        assert_eq!(state.approved[0].association, "Croix-Rouge");
        assert_eq!(state.awaited, vec!["Restos du Cœur".to_owned()]);
        assert!(!state.complete());
        let state = approval_state(
            &known,
            &[
                approval("Restos du Coeur", "@b:x"),
                approval("Croix-Rouge", "@a:x"),
            ],
            &[],
        );
        assert!(state.complete());
        assert_eq!(state.approved[0].association, "Croix-Rouge");
    }

    /// The holder's approval counts for the giver; the giver's own wins over it.
    #[test]
    fn a_mandate_holder_approves_for_the_giving_association() {
        use crate::domain::mandate::{Mandate, Scope};
        let known = vec!["Croix-Rouge".to_owned(), "Restos du Cœur".to_owned()];
        let mandate = Mandate {
            number: 1,
            giver: "Croix-Rouge".into(),
            holder: Owner::Association("Restos du Cœur".into()),
            scope: Scope::Meeting {
                meeting: MeetingId::new(1),
                starts_at: at("2026-12-10T18:00:00Z"),
            },
            given_by: UserId::new("@a:x"),
            noted: false,
            given_at: at("2026-12-01T10:00:00Z"),
            withdrawn_at: None,
        };
        let state = approval_state(&known, &[approval("Restos du Cœur", "@b:x")], &[&mandate]);
        assert!(state.complete());
        assert_eq!(state.approved[0].association, "Croix-Rouge");
        assert_eq!(state.approved[0].by, UserId::new("@b:x"));
        assert_eq!(state.approved[0].by_mandate, Some(mandate.holder.clone()));
        let own = approval_state(
            &known,
            &[
                approval("Restos du Cœur", "@b:x"),
                approval("Croix-Rouge", "@a:x"),
            ],
            &[&mandate],
        );
        assert_eq!(own.approved[0].by_mandate, None);
        assert!(!approval_state(&known, &[], &[&mandate]).complete());
        // Held by a member: their own approval, whatever association they gave it for.
        let to_b = Mandate {
            holder: Owner::Member(UserId::new("@b:x")),
            ..mandate.clone()
        };
        let to_c = Mandate {
            holder: Owner::Member(UserId::new("@c:x")),
            ..mandate
        };
        let approvals = [approval("Restos du Cœur", "@b:x")];
        assert!(approval_by_mandate(&to_b, &approvals).is_some());
        assert!(approval_by_mandate(&to_c, &approvals).is_none());
    }

    #[test]
    fn a_room_without_associations_is_never_complete() {
        assert!(!approval_state(&[], &[], &[]).complete());
        let known = vec!["Croix-Rouge".to_owned()];
        let state = approval_state(&known, &[approval("Secours populaire", "@a:x")], &[]);
        assert!(state.approved.is_empty());
        assert_eq!(state.awaited, known);
    }

    #[test]
    fn the_fingerprint_is_the_sha256_of_the_text() {
        assert_eq!(
            fingerprint("abc"),
            "ba7816bf8f01cfea414140de5dae2223b00361a396177a9cb410ff61f20015ad"
        );
        assert_ne!(fingerprint("Procès-verbal"), fingerprint("Proces-verbal"));
    }
}
