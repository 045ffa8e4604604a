//! The group's address book: precise contacts at the institutions (the CAF, the CPAM, the
//! Préfecture…) that unblock the hardest situations, kept by the room rather than in a few
//! people's phones (`!contact` / `!contacts`). Professional details only.
//!
//! Rules, written once here:
//! - a contact is typed `<organisme> — <nom>, <rôle> [, <téléphone>] [, <courriel>] [— <note>]`:
//!   the organisation, the name and the role are required; after the role, a part with an `@`
//!   is the address and any other part must be a phone number;
//! - a phone number is written with digits, spaces, dots or dashes: ten digits starting with 0
//!   (`01 60 00 00 00`), or `+` and 8 to 15 digits (`+33 1 60 00 00 00`);
//! - a search finds the contacts where every word typed appears in the organisation, the name,
//!   the role or the note, case and accents aside ("prefecture" finds "Préfecture");
//! - a contact not confirmed (`!contact confirmer`) for `contacts.confirm_after_days` days since
//!   it was added or last confirmed is "to check".

use chrono::{DateTime, Duration, Utc};

use super::guest::looks_like_email;
use super::ids::UserId;
use super::text::fold;

/// The longest any part of a contact may be, in characters.
pub const MAX_CONTACT_PART: usize = 300;
/// The default of `contacts.confirm_after_days`.
pub const DEFAULT_CONFIRM_AFTER_DAYS: u32 = 365;

/// What a contact says, as typed and checked.
#[derive(Debug, Clone, PartialEq, Eq, Default)]
pub struct ContactFields {
    pub organisation: String,
    pub name: String,
    pub role: String,
    pub phone: Option<String>,
    pub email: Option<String>,
    pub note: Option<String>,
}

/// A contact of the room's address book.
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct Contact {
    /// Its number in the room (n° 1, 2, …).
    pub number: usize,
    pub fields: ContactFields,
    pub added_by: UserId,
    /// The association of the member who added it, then.
    pub added_by_association: Option<String>,
    pub added_at: DateTime<Utc>,
    /// When it was last said to be still right (its adding, at first).
    pub confirmed_at: DateTime<Utc>,
}

impl Contact {
    /// Whether it is "to check" at `now`: not confirmed for `after_days` days.
    pub fn to_check(&self, now: DateTime<Utc>, after_days: u32) -> bool {
        self.confirmed_at
            .checked_add_signed(Duration::days(i64::from(after_days)))
            .is_some_and(|due| due <= now)
    }

    /// Whether every word of `words` appears in its organisation, name, role or note, case
    /// and accents aside (no words: every contact).
    pub fn matches(&self, words: &str) -> bool {
        let fields = &self.fields;
        let haystack = fold(&format!(
            "{} {} {} {}",
            fields.organisation,
            fields.name,
            fields.role,
            fields.note.as_deref().unwrap_or_default()
        ));
        fold(words)
            .split(|c: char| !c.is_alphanumeric())
            .filter(|word| !word.is_empty())
            .all(|word| haystack.contains(word))
    }
}

/// Why a contact as typed cannot be kept.
#[derive(Debug, Clone, PartialEq, Eq, thiserror::Error)]
pub enum ContactProblem {
    #[error("no organisation before the dash")]
    MissingOrganisation,
    #[error("no name")]
    MissingName,
    #[error("no role after the name")]
    MissingRole,
    #[error("{0:?} is not a phone number")]
    NotAPhone(String),
    #[error("{0:?} is not an e-mail address")]
    NotAnEmail(String),
    #[error("two phone numbers or two addresses")]
    Twice,
    #[error("a part of {0} characters is longer than {MAX_CONTACT_PART}")]
    TooLong(usize),
}

/// Where the organisation ends and the note begins: a dash between spaces (as Element keeps
/// it) or two hyphens.
const DASHES: [&str; 4] = [" — ", " – ", " -- ", " - "];

/// The first dash of `text`: where it starts and where it ends.
fn first_dash(text: &str) -> Option<(usize, usize)> {
    DASHES
        .iter()
        .filter_map(|dash| text.find(dash).map(|at| (at, at + dash.len())))
        .min()
}

/// Reads a contact as typed (rules in the module's doc).
pub fn read_contact(text: &str) -> Result<ContactFields, ContactProblem> {
    let text = format!(" {} ", text.trim());
    let Some((start, end)) = first_dash(&text) else {
        return Err(if text.trim().is_empty() {
            ContactProblem::MissingOrganisation
        } else {
            ContactProblem::MissingName
        });
    };
    let organisation = text[..start].trim().to_owned();
    if organisation.is_empty() {
        return Err(ContactProblem::MissingOrganisation);
    }
    let rest = format!(" {} ", text[end..].trim());
    let (details, note) = match first_dash(&rest) {
        Some((start, end)) => (&rest[..start], Some(rest[end..].trim().to_owned())),
        None => (rest.as_str(), None),
    };
    let mut parts = details.split(',').map(str::trim);
    let name = parts.next().unwrap_or_default().to_owned();
    if name.is_empty() {
        return Err(ContactProblem::MissingName);
    }
    let role = parts.next().unwrap_or_default().to_owned();
    if role.is_empty() {
        return Err(ContactProblem::MissingRole);
    }
    let mut fields = ContactFields {
        organisation,
        name,
        role,
        phone: None,
        email: None,
        note: note.filter(|note| !note.is_empty()),
    };
    for part in parts.filter(|part| !part.is_empty()) {
        if part.contains('@') {
            if !looks_like_email(part) || part.contains(char::is_whitespace) {
                return Err(ContactProblem::NotAnEmail(part.to_owned()));
            }
            if fields.email.replace(part.to_owned()).is_some() {
                return Err(ContactProblem::Twice);
            }
        } else {
            if !is_phone(part) {
                return Err(ContactProblem::NotAPhone(part.to_owned()));
            }
            if fields.phone.replace(part.to_owned()).is_some() {
                return Err(ContactProblem::Twice);
            }
        }
    }
    let longest = [
        Some(&fields.organisation),
        Some(&fields.name),
        Some(&fields.role),
        fields.note.as_ref(),
    ]
    .into_iter()
    .flatten()
    .map(|part| part.chars().count())
    .max()
    .unwrap_or(0);
    if longest > MAX_CONTACT_PART {
        return Err(ContactProblem::TooLong(longest));
    }
    Ok(fields)
}

/// Whether `text` is a phone number (rules in the module's doc).
pub fn is_phone(text: &str) -> bool {
    let text = text.trim();
    let (international, rest) = match text.strip_prefix('+') {
        Some(rest) => (true, rest),
        None => (false, text),
    };
    if !rest
        .chars()
        .all(|c| c.is_ascii_digit() || matches!(c, ' ' | '.' | '-' | '\u{a0}'))
    {
        return false;
    }
    let digits: String = rest.chars().filter(char::is_ascii_digit).collect();
    if international {
        (8..=15).contains(&digits.len())
    } else {
        digits.len() == 10 && digits.starts_with('0')
    }
}

#[cfg(test)]
mod tests {
    use super::*;
    use crate::testing::at;

    #[test]
    fn the_issue_s_example_reads_whole() {
        let fields = read_contact(
            "CAF 77 — Mme Durand, référente partenaires, 01 60 00 00 00, m.durand@caf77.example — situations d'urgence RSA",
        )
        .expect("read");
        assert_eq!(
            fields,
            ContactFields {
                organisation: "CAF 77".into(),
                name: "Mme Durand".into(),
                role: "référente partenaires".into(),
                phone: Some("01 60 00 00 00".into()),
                email: Some("m.durand@caf77.example".into()),
                note: Some("situations d'urgence RSA".into()),
            }
        );
        let short = read_contact("Préfecture - M. Martin, chef de cabinet").expect("short");
        assert_eq!(short.organisation, "Préfecture");
        assert_eq!(short.phone, None);
        let address_first =
            read_contact("CPAM -- Mme Ali, conseillère, ali@cpam.example, +33 1 60 00 00 01")
                .expect("any order");
        assert_eq!(address_first.phone.as_deref(), Some("+33 1 60 00 00 01"));
    }

    /// Each bad input of the issue, as a table.
    #[test]
    fn bad_contacts_say_what_is_wrong() {
        for (typed, problem) in [
            ("", ContactProblem::MissingOrganisation),
            (
                " — Mme Durand, référente",
                ContactProblem::MissingOrganisation,
            ),
            ("CAF 77", ContactProblem::MissingName),
            ("CAF 77 — , référente", ContactProblem::MissingName),
            ("CAF 77 — Mme Durand", ContactProblem::MissingRole),
            (
                "CAF 77 — Mme Durand, référente, 01 60",
                ContactProblem::NotAPhone("01 60".into()),
            ),
            (
                "CAF 77 — Mme Durand, référente, le matin",
                ContactProblem::NotAPhone("le matin".into()),
            ),
            (
                "CAF 77 — Mme Durand, référente, durand@caf",
                ContactProblem::NotAnEmail("durand@caf".into()),
            ),
            (
                "CAF 77 — Mme Durand, référente, 0160000000, 0160000001",
                ContactProblem::Twice,
            ),
        ] {
            assert_eq!(read_contact(typed), Err(problem), "{typed:?}");
        }
        let long = format!("CAF — {}, référente", "a".repeat(301));
        assert_eq!(read_contact(&long), Err(ContactProblem::TooLong(301)));
    }

    #[test]
    fn phone_numbers_as_people_write_them() {
        for good in [
            "01 60 00 00 00",
            "01.60.00.00.00",
            "0160000000",
            "+33 1 60 00 00 00",
            "+44 20 7946 0958",
        ] {
            assert!(is_phone(good), "{good}");
        }
        for bad in [
            "01 60",
            "1160000000",
            "+33",
            "01 60 00 00 00 00",
            "06 12 ab 34 56",
            "",
        ] {
            assert!(!is_phone(bad), "{bad}");
        }
    }

    fn contact(fields: ContactFields, confirmed_at: &str) -> Contact {
        Contact {
            number: 1,
            fields,
            added_by: UserId::new("@alice:x"),
            added_by_association: Some("Restos du Cœur".into()),
            added_at: at("2025-01-01T10:00:00Z"),
            confirmed_at: at(confirmed_at),
        }
    }

    #[test]
    fn a_search_is_blind_to_case_and_accents_and_every_word_must_be_found() {
        let prefecture = contact(
            read_contact("Préfecture de Seine-et-Marne — M. Étienne, chef de cabinet — hébergement d'urgence")
                .expect("read"),
            "2026-01-01T10:00:00Z",
        );
        for found in [
            "prefecture",
            "PRÉFECTURE",
            "etienne cabinet",
            "hebergement",
            "",
            "seine marne",
        ] {
            assert!(prefecture.matches(found), "{found}");
        }
        for missed in ["caf", "prefecture caf", "durand"] {
            assert!(!prefecture.matches(missed), "{missed}");
        }
    }

    #[test]
    fn a_contact_not_confirmed_for_a_year_is_to_check() {
        let caf = contact(
            read_contact("CAF — Mme Durand, référente").expect("read"),
            "2025-12-07T10:00:00Z",
        );
        assert!(!caf.to_check(at("2026-12-06T10:00:00Z"), 365));
        assert!(caf.to_check(at("2026-12-07T10:00:00Z"), 365));
        assert!(caf.to_check(at("2026-01-07T10:00:00Z"), 30));
        assert!(
            !caf.to_check(at("2026-12-07T10:00:00Z"), u32::MAX),
            "no overflow"
        );
    }
}
