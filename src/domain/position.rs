//! Where each association stands on a poll, and the group's position under the room's rule
//! (`!règle` / `!rule`).
//!
//! Rules, over the room's associations, each counted once by its stance (an association is
//! *unanimous* when its representatives who answered all chose one option, *split* when they
//! did not, *missing* when none answered):
//! - **unanimity** (the default): every association answered, none is split, and all chose the
//!   same option;
//! - **consent**: adopted unless an association objects — every association that answered
//!   chose the same option and none is split; an association that has not answered counts as
//!   not objecting only once a poll with a deadline has closed (it had its chance; the results
//!   name it), and is awaited before that;
//! - **majority n**: at least n associations chose the same option (a split one counts for
//!   none); two options reaching n is a tie, not a position.
//!
//! A **consent poll** (`!sondage consentement`) is decided the same way whatever the rule:
//! adopted unless an association objects — any of its representatives who answered chose
//! the objection; a concern never blocks; an association that has not answered is awaited
//! until a poll with a deadline has closed, as under consent.
//!
//! A room without associations has no joint position to reach.

use std::collections::BTreeMap;

use super::ids::UserId;

/// Where one association stands.
#[derive(Debug, Clone, PartialEq, Eq)]
pub enum Stance {
    /// None of its representatives answered.
    Missing,
    /// Its representatives who answered all chose this option.
    Unanimous { option: usize, voters: Vec<UserId> },
    /// Its representatives chose differently: who chose what.
    Split(Vec<(UserId, usize)>),
}

/// Whether the group has a joint position.
#[derive(Debug, Clone, PartialEq, Eq)]
pub enum JointPosition {
    /// The rule is met for this option.
    Adopted(usize),
    /// Not yet: the associations that did not answer (and are awaited), those split inside,
    /// and whether the others disagree among themselves.
    NotYet {
        missing: Vec<String>,
        split: Vec<String>,
        disagreeing: bool,
    },
    /// The room has no associations: there is nothing to be joint about.
    NoAssociations,
    /// A consent poll that these associations object to.
    Objected { objecting: Vec<String> },
}

/// How a poll's joint position is decided.
#[derive(Debug, Clone, Copy, PartialEq, Eq, Default)]
pub struct Deciding {
    /// The room's rule.
    pub rule: JointRule,
    /// The poll had a deadline and is closed: under consent, silence is no objection.
    pub silence_consents: bool,
    /// A consent poll: the option that objects, and the one adopted when none does.
    pub consent: Option<ConsentOptions>,
}

/// A consent poll's options that decide.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub struct ConsentOptions {
    pub agree: usize,
    pub object: usize,
}

/// The room's rule for a joint position.
#[derive(Debug, Clone, Copy, PartialEq, Eq, Default)]
pub enum JointRule {
    #[default]
    Unanimity,
    Consent,
    /// At least this many associations (1 or more).
    Majority(usize),
}

impl JointRule {
    /// How the database keeps it: `unanimity`, `consent`, `majority:3`.
    pub fn code(self) -> String {
        match self {
            JointRule::Unanimity => "unanimity".to_owned(),
            JointRule::Consent => "consent".to_owned(),
            JointRule::Majority(n) => format!("majority:{n}"),
        }
    }

    /// The rule a code stands for; `None` for anything else.
    pub fn from_code(code: &str) -> Option<Self> {
        match code {
            "unanimity" => Some(JointRule::Unanimity),
            "consent" => Some(JointRule::Consent),
            other => other
                .strip_prefix("majority:")
                .and_then(|n| n.parse().ok())
                .filter(|n| *n >= 1)
                .map(JointRule::Majority),
        }
    }
}

/// The group's position from its associations' stances under `rule`; `silence_consents`:
/// the poll had a deadline and is closed, so under consent the associations that did not
/// answer do not object. Returns the position and, when silence counted as consent, the
/// associations it counted for.
pub fn joint_position(
    stances: &[(String, Stance)],
    deciding: Deciding,
) -> (JointPosition, Vec<String>) {
    let Deciding {
        rule,
        silence_consents,
        consent,
    } = deciding;
    if stances.is_empty() {
        return (JointPosition::NoAssociations, Vec::new());
    }
    if let Some(options) = consent {
        return consent_poll(stances, options, silence_consents);
    }
    let names = |wanted: fn(&Stance) -> bool| -> Vec<String> {
        stances
            .iter()
            .filter(|(_, stance)| wanted(stance))
            .map(|(name, _)| name.clone())
            .collect()
    };
    let missing = names(|stance| matches!(stance, Stance::Missing));
    let split = names(|stance| matches!(stance, Stance::Split(_)));
    let mut backing: BTreeMap<usize, usize> = BTreeMap::new();
    for (_, stance) in stances {
        if let Stance::Unanimous { option, .. } = stance {
            *backing.entry(*option).or_default() += 1;
        }
    }
    let only = (backing.len() == 1)
        .then(|| backing.keys().next().copied())
        .flatten();
    let not_yet = |missing: Vec<String>| JointPosition::NotYet {
        missing,
        split: split.clone(),
        disagreeing: backing.len() > 1,
    };
    match rule {
        JointRule::Unanimity => match only {
            Some(option) if missing.is_empty() && split.is_empty() => {
                (JointPosition::Adopted(option), Vec::new())
            }
            _ => (not_yet(missing), Vec::new()),
        },
        JointRule::Consent => match only {
            Some(option) if split.is_empty() && (missing.is_empty() || silence_consents) => {
                (JointPosition::Adopted(option), missing)
            }
            _ if silence_consents => (not_yet(Vec::new()), Vec::new()),
            _ => (not_yet(missing), Vec::new()),
        },
        JointRule::Majority(needed) => {
            let reaching: Vec<usize> = backing
                .iter()
                .filter(|(_, count)| **count >= needed)
                .map(|(option, _)| *option)
                .collect();
            match reaching.as_slice() {
                [option] => (JointPosition::Adopted(*option), Vec::new()),
                _ => (not_yet(missing), Vec::new()),
            }
        }
    }
}

/// A consent poll: objected to by any association one of whose representatives objects;
/// else adopted once every association answered (or silence consents).
fn consent_poll(
    stances: &[(String, Stance)],
    options: ConsentOptions,
    silence_consents: bool,
) -> (JointPosition, Vec<String>) {
    let objects = |stance: &Stance| match stance {
        Stance::Unanimous { option, .. } => *option == options.object,
        Stance::Split(answers) => answers.iter().any(|(_, option)| *option == options.object),
        Stance::Missing => false,
    };
    let objecting: Vec<String> = stances
        .iter()
        .filter(|(_, stance)| objects(stance))
        .map(|(name, _)| name.clone())
        .collect();
    if !objecting.is_empty() {
        return (JointPosition::Objected { objecting }, Vec::new());
    }
    let missing: Vec<String> = stances
        .iter()
        .filter(|(_, stance)| matches!(stance, Stance::Missing))
        .map(|(name, _)| name.clone())
        .collect();
    if missing.is_empty() || silence_consents {
        (JointPosition::Adopted(options.agree), missing)
    } else {
        (
            JointPosition::NotYet {
                missing,
                split: Vec::new(),
                disagreeing: false,
            },
            Vec::new(),
        )
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    fn stances(table: &[(&str, Option<usize>)]) -> Vec<(String, Stance)> {
        table
            .iter()
            .map(|(name, option)| {
                let stance = match option {
                    None => Stance::Missing,
                    Some(0) => Stance::Split(Vec::new()),
                    Some(option) => Stance::Unanimous {
                        option: *option,
                        voters: Vec::new(),
                    },
                };
                ((*name).to_owned(), stance)
            })
            .collect()
    }

    /// Stances by association: `None` missing, `Some(0)` split, `Some(n)` unanimous for n.
    type Table<'a> = &'a [(&'a str, Option<usize>)];

    /// Rule × stances × silence → the option adopted.
    #[test]
    fn each_rule_as_a_table() {
        use JointRule::*;
        let all_for = [
            ("A", Some(1)),
            ("B", Some(1)),
            ("C", Some(1)),
            ("D", Some(1)),
        ];
        let one_silent = [("A", Some(1)), ("B", Some(1)), ("C", Some(1)), ("D", None)];
        let one_against = [
            ("A", Some(1)),
            ("B", Some(1)),
            ("C", Some(1)),
            ("D", Some(2)),
        ];
        let one_split = [
            ("A", Some(1)),
            ("B", Some(1)),
            ("C", Some(1)),
            ("D", Some(0)),
        ];
        let two_two = [
            ("A", Some(1)),
            ("B", Some(1)),
            ("C", Some(2)),
            ("D", Some(2)),
        ];
        let table: &[(JointRule, Table<'_>, bool, Option<usize>)] = &[
            (Unanimity, &all_for, false, Some(1)),
            (Unanimity, &one_silent, true, None),
            (Unanimity, &one_against, false, None),
            (Unanimity, &one_split, false, None),
            (Consent, &all_for, false, Some(1)),
            (Consent, &one_silent, false, None),
            (Consent, &one_silent, true, Some(1)),
            (Consent, &one_against, true, None),
            (Consent, &one_split, true, None),
            (Majority(3), &one_silent, false, Some(1)),
            (Majority(3), &one_against, false, Some(1)),
            (Majority(3), &one_split, false, Some(1)),
            (Majority(3), &two_two, false, None),
            (Majority(2), &two_two, false, None),
            (Majority(4), &one_against, false, None),
            (Majority(1), &[("A", Some(2)), ("B", None)], false, Some(2)),
        ];
        for (rule, table, silence, expected) in table {
            let deciding = Deciding {
                rule: *rule,
                silence_consents: *silence,
                consent: None,
            };
            let (joint, _) = joint_position(&stances(table), deciding);
            let adopted = match joint {
                JointPosition::Adopted(option) => Some(option),
                _ => None,
            };
            assert_eq!(adopted, *expected, "{rule:?} {table:?} silence={silence}");
        }
    }

    #[test]
    fn consent_names_the_silent_and_an_empty_room_has_no_position() {
        let consent = |silence_consents| Deciding {
            rule: JointRule::Consent,
            silence_consents,
            consent: None,
        };
        let (joint, silent) =
            joint_position(&stances(&[("A", Some(1)), ("B", None)]), consent(true));
        assert_eq!(joint, JointPosition::Adopted(1));
        assert_eq!(silent, vec!["B".to_owned()]);
        assert_eq!(
            joint_position(&[], consent(true)).0,
            JointPosition::NoAssociations
        );
    }

    /// Agree 1, concern 2, object 3: whatever the rule, an objection blocks, a concern not.
    #[test]
    fn a_consent_poll_is_adopted_unless_an_association_objects() {
        let options = ConsentOptions {
            agree: 1,
            object: 3,
        };
        let deciding = |silence_consents| Deciding {
            rule: JointRule::Unanimity,
            silence_consents,
            consent: Some(options),
        };
        let adopted = |table: Table<'_>, silence| match joint_position(
            &stances(table),
            deciding(silence),
        )
        .0
        {
            JointPosition::Adopted(option) => Some(option),
            _ => None,
        };
        assert_eq!(
            adopted(&[("A", Some(1)), ("B", Some(2))], false),
            Some(1),
            "a concern"
        );
        assert_eq!(
            adopted(&[("A", Some(1)), ("B", Some(3))], false),
            None,
            "an objection"
        );
        assert_eq!(
            adopted(&[("A", Some(1)), ("B", None)], false),
            None,
            "awaited"
        );
        assert_eq!(
            adopted(&[("A", Some(1)), ("B", None)], true),
            Some(1),
            "silence"
        );
        let split_objecting = vec![(
            "A".to_owned(),
            Stance::Split(vec![(UserId::new("@a:x"), 1), (UserId::new("@b:x"), 3)]),
        )];
        assert_eq!(
            joint_position(&split_objecting, deciding(true)).0,
            JointPosition::Objected {
                objecting: vec!["A".into()]
            }
        );
    }

    #[test]
    fn codes_read_back_and_nothing_else_reads() {
        for rule in [
            JointRule::Unanimity,
            JointRule::Consent,
            JointRule::Majority(3),
        ] {
            assert_eq!(JointRule::from_code(&rule.code()), Some(rule));
        }
        for bad in ["", "majority:0", "majority:x", "unanimité"] {
            assert_eq!(JointRule::from_code(bad), None, "{bad}");
        }
    }
}
