//! The group's record: decisions (numbered per room, amended without losing a word, revoked
//! with a reason) and actions (who does what by when). Plain data and the rules on it; the
//! search itself is SQLite's full-text index (storage), fed by [`search_query`].

use chrono::{DateTime, NaiveDate, Utc};

use super::ids::{MeetingId, UserId};

/// The longest decision text, in characters.
pub const MAX_DECISION_LENGTH: usize = 2000;
/// The longest action text, in characters.
pub const MAX_ACTION_LENGTH: usize = 500;
/// How many decisions `!decisions` shows.
pub const LATEST_DECISIONS: usize = 10;

/// A decision with its current text.
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct Decision {
    /// Its number in the room (n° 1, 2, …).
    pub number: usize,
    /// The current text (its latest version).
    pub text: String,
    /// 1 for a decision never amended.
    pub version: usize,
    pub author: UserId,
    pub author_association: Option<String>,
    pub created_at: DateTime<Utc>,
    /// The meeting it belongs to, and that meeting's date.
    pub meeting: Option<(MeetingId, Option<DateTime<Utc>>)>,
    /// The number of the poll whose outcome it records.
    pub poll: Option<usize>,
    pub revoked: Option<Revocation>,
}

/// Why and when a decision stopped holding.
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct Revocation {
    pub at: DateTime<Utc>,
    pub by: UserId,
    pub reason: String,
}

/// One text a decision had.
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct DecisionVersion {
    pub version: usize,
    pub text: String,
    pub author: UserId,
    pub created_at: DateTime<Utc>,
}

/// A search as the full-text index reads it: the words split at everything that is not a
/// letter or a digit (so "lieu d'accueil" and "lieu d’accueil" are the same three words),
/// each quoted (nothing typed is read as a query operator) and matched as a word start
/// ("héberg" finds "hébergement"). Case and accents are the index's business
/// (`unicode61 remove_diacritics 2`). `None` when nothing searchable was typed.
pub fn search_query(typed: &str) -> Option<String> {
    let terms: Vec<String> = typed
        .split(|c: char| !c.is_alphanumeric())
        .filter(|word| !word.is_empty())
        .map(|word| format!("\"{word}\"*"))
        .collect();
    (!terms.is_empty()).then(|| terms.join(" "))
}

/// Who an action is for.
#[derive(Debug, Clone, PartialEq, Eq)]
pub enum Owner {
    Member(UserId),
    Association(String),
}

/// Who does what by when.
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct Action {
    pub number: usize,
    pub owner: Owner,
    pub text: String,
    /// The day it is due, in the room's time zone.
    pub due_on: Option<NaiveDate>,
    pub author: UserId,
    pub created_at: DateTime<Utc>,
    pub meeting: Option<MeetingId>,
    pub done_at: Option<DateTime<Utc>>,
}

impl Action {
    /// Not done, and its day is over.
    pub fn is_late(&self, today: NaiveDate) -> bool {
        self.done_at.is_none() && self.due_on.is_some_and(|due| today > due)
    }
}

/// Open actions in the order `!actions` lists them: late ones first, then by due day (those
/// without one last), then by number.
pub fn sort_for_listing(actions: &mut [Action], today: NaiveDate) {
    actions.sort_by_key(|action| {
        (
            !action.is_late(today),
            action.due_on.is_none(),
            action.due_on,
            action.number,
        )
    });
}

/// An action as typed, before its due date is read.
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct ActionParts {
    pub owner: Owner,
    pub what: String,
    /// The due date as typed (`15/12`), if any.
    pub due: Option<String>,
}

/// Why an action could not be read.
#[derive(Debug, Clone, PartialEq, Eq, thiserror::Error)]
pub enum ActionProblem {
    #[error("the owner is neither a member nor an association of the room")]
    UnknownOwner { given: String },
    #[error("the action says who, but not what")]
    MissingWhat,
    #[error("an action of {length} characters is longer than {MAX_ACTION_LENGTH}")]
    TooLong { length: usize },
}

/// The words that introduce a due date, longest first.
const DUE_WORDS: [&str; 6] = [
    " avant le ",
    " d'ici le ",
    " d’ici le ",
    " avant ",
    " by ",
    " before ",
];

/// Reads `<@member:server | association> <what> [avant le <date> | by <date>]`. The owner is
/// a user id, or one of the room's associations written loosely ("croix rouge").
pub fn split_action(text: &str, associations: &[String]) -> Result<ActionParts, ActionProblem> {
    let text = text.trim();
    let (owner, rest) = if text.starts_with('@') {
        let end = text.find(char::is_whitespace).unwrap_or(text.len());
        let typed = &text[..end];
        let Some(user) = UserId::parse(typed) else {
            return Err(ActionProblem::UnknownOwner {
                given: typed.to_owned(),
            });
        };
        (Owner::Member(user), &text[end..])
    } else {
        // The longest association name the text starts with, word for word.
        let found = super::association::leading(associations, text)
            .into_iter()
            .next()
            .ok_or_else(|| ActionProblem::UnknownOwner {
                given: text
                    .split_whitespace()
                    .next()
                    .unwrap_or_default()
                    .to_owned(),
            })?;
        (Owner::Association(found.0.to_owned()), &text[found.1..])
    };
    // Found on the original text, case and accents aside: never an index of a lower-cased copy.
    let folded = super::text::Folded::new(rest);
    let due_at = DUE_WORDS
        .iter()
        .filter_map(|word| folded.rfind(word))
        .max_by_key(|found| (found.start, found.end));
    let (what, due) = match due_at {
        Some(found) if !rest[found.end..].trim().is_empty() => (
            rest[..found.start].trim(),
            Some(rest[found.end..].trim().to_owned()),
        ),
        _ => (rest.trim(), None),
    };
    if what.is_empty() {
        return Err(ActionProblem::MissingWhat);
    }
    let length = what.chars().count();
    if length > MAX_ACTION_LENGTH {
        return Err(ActionProblem::TooLong { length });
    }
    Ok(ActionParts {
        owner,
        what: what.to_owned(),
        due,
    })
}

/// Why a decision cannot be amended or revoked.
#[derive(Debug, Clone, PartialEq, Eq)]
pub enum Unchangeable {
    NotFound {
        number: usize,
    },
    AlreadyRevoked {
        number: usize,
    },
    /// The sender may not (see `permissions.rs`): `author` (Markdown-safe) recorded it.
    Refused {
        number: usize,
        author: String,
    },
}

#[cfg(test)]
mod tests {
    use super::*;
    use crate::testing::at;

    fn associations() -> Vec<String> {
        [
            "Restos du Cœur",
            "Croix-Rouge",
            "Secours Catholique",
            "Secours populaire",
        ]
        .map(str::to_owned)
        .to_vec()
    }

    #[test]
    fn a_due_word_after_a_letter_that_changes_length_when_lower_cased_cuts_no_letter() {
        let parts = split_action("@bruno:localhost İ avant le éé", &associations()).expect("parts");
        assert_eq!(parts.what, "İ");
        assert_eq!(parts.due.as_deref(), Some("éé"));
        let parts = split_action(
            "Croix-Rouge \u{212A}\u{212A} AVANT LE 12/12",
            &associations(),
        )
        .expect("parts");
        assert_eq!(parts.what, "\u{212A}\u{212A}");
        assert_eq!(parts.due.as_deref(), Some("12/12"));
    }

    proptest::proptest! {
        #[test]
        fn any_action_text_splits_without_panicking(
            text in "[@a-z:İẞȺȾ\u{212A}ΐ \u{0301}é]{0,30}( avant le | AVANT LE | by )?[İẞ\u{212A}é 0-9/]{0,12}",
        ) {
            if let Ok(parts) = split_action(&text, &associations()) {
                proptest::prop_assert!(!parts.what.is_empty());
            }
        }
    }

    #[test]
    fn a_search_ignores_apostrophes_and_quotes_every_word() {
        assert_eq!(
            search_query("lieu d'accueil"),
            Some(r#""lieu"* "d"* "accueil"*"#.to_owned())
        );
        assert_eq!(
            search_query("lieu d’accueil"),
            search_query("lieu d'accueil")
        );
        assert_eq!(
            search_query("HEBERGEMENT"),
            Some(r#""HEBERGEMENT"*"#.to_owned())
        );
        // Query syntax typed by a member is only words.
        assert_eq!(
            search_query("préfet OR \"x\" NEAR(a b)"),
            Some(r#""préfet"* "OR"* "x"* "NEAR"* "a"* "b"*"#.to_owned())
        );
        assert_eq!(search_query(" ' - ! "), None);
    }

    #[test]
    fn an_action_is_for_a_member_or_an_association_with_an_optional_due_date() {
        assert_eq!(
            split_action(
                "Croix-Rouge Écrire au maire de Chelles avant le 15/12",
                &associations()
            ),
            Ok(ActionParts {
                owner: Owner::Association("Croix-Rouge".into()),
                what: "Écrire au maire de Chelles".into(),
                due: Some("15/12".into()),
            })
        );
        assert_eq!(
            split_action("secours populaire Réserver la salle", &associations()),
            Ok(ActionParts {
                owner: Owner::Association("Secours populaire".into()),
                what: "Réserver la salle".into(),
                due: None,
            })
        );
        assert_eq!(
            split_action(
                "@marie:exemple.fr Call the prefecture by 12/12/2026",
                &associations()
            ),
            Ok(ActionParts {
                owner: Owner::Member(UserId::new("@marie:exemple.fr")),
                what: "Call the prefecture".into(),
                due: Some("12/12/2026".into()),
            })
        );
    }

    #[test]
    fn a_wrong_action_says_what_is_missing() {
        assert_eq!(
            split_action("Emmaüs Trier les dons", &associations()),
            Err(ActionProblem::UnknownOwner {
                given: "Emmaüs".into()
            })
        );
        assert_eq!(
            split_action("Croix-Rouge", &associations()),
            Err(ActionProblem::MissingWhat)
        );
        assert_eq!(
            split_action("@marie Appeler", &associations()),
            Err(ActionProblem::UnknownOwner {
                given: "@marie".into()
            })
        );
        let long = format!("Croix-Rouge {}", "x".repeat(MAX_ACTION_LENGTH + 1));
        assert_eq!(
            split_action(&long, &associations()),
            Err(ActionProblem::TooLong {
                length: MAX_ACTION_LENGTH + 1
            })
        );
    }

    #[test]
    fn late_actions_come_first_then_by_due_day() {
        let today = NaiveDate::from_ymd_opt(2026, 12, 10).expect("date");
        let action = |number: usize, due: Option<(u32, u32)>| Action {
            number,
            owner: Owner::Association("Croix-Rouge".into()),
            text: format!("action {number}"),
            due_on: due.and_then(|(month, day)| NaiveDate::from_ymd_opt(2026, month, day)),
            author: UserId::new("@a:x"),
            created_at: at("2026-11-29T18:00:00Z"),
            meeting: None,
            done_at: None,
        };
        let mut actions = vec![
            action(1, None),
            action(2, Some((12, 20))),
            action(3, Some((12, 1))),
            action(4, Some((12, 10))),
            action(5, Some((11, 30))),
        ];
        assert!(actions[2].is_late(today));
        assert!(!actions[3].is_late(today), "due today is not late yet");
        sort_for_listing(&mut actions, today);
        let order: Vec<usize> = actions.iter().map(|action| action.number).collect();
        assert_eq!(order, vec![5, 3, 4, 2, 1]);
    }
}
