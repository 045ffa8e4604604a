//! Joint advocacy letters (`!plaidoyer` / `!advocacy`): a letter the associations sign
//! together, to institutions, approved by every member association for one version.
//!
//! Rules, written once here:
//! - a letter has a title, a text and recipients; each change of its text or of its
//!   recipients makes a new version (the earlier ones are kept) and withdraws the approvals
//!   given to the one before;
//! - recipients are typed `<nom> <adresse> ; <nom> <adresse> …`: each part ends with an e-mail
//!   address and has a name before it; an address that is not one is named back;
//! - each member association approves a version once (the latest member's approval counts;
//!   a mandate for the meeting in course counts as for the minutes, see
//!   [`super::minutes::approval_state`]); when every member association has approved the
//!   current version, the letter is frozen: its signed text and its SHA-256 fingerprint no
//!   longer change, and a new change of text starts a new version to approve again;
//! - a letter is a draft until frozen, then approved; once sent it no longer changes.

use chrono::{DateTime, Utc};

use super::guest::looks_like_email;
use super::ids::UserId;

/// The longest title, in characters.
pub const MAX_TITLE_LENGTH: usize = 200;
/// The longest text of a letter, in characters.
pub const MAX_LETTER_LENGTH: usize = 20_000;
/// The most recipients of one letter.
pub const MAX_RECIPIENTS: usize = 20;

/// Someone a letter goes to.
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct LetterRecipient {
    pub name: String,
    pub address: String,
}

/// A letter as frozen when every member association approved it.
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct Frozen {
    pub version: usize,
    /// The signed text (Markdown): what the PDF prints and the fingerprint is of.
    pub text: String,
    /// SHA-256 of `text`, in lowercase hexadecimal.
    pub fingerprint: String,
    pub at: DateTime<Utc>,
}

/// A letter as the room knows it.
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct Letter {
    /// Its number in the room (n° 1, 2, …).
    pub number: usize,
    pub title: String,
    /// The number of the poll it started from, if any.
    pub poll: Option<usize>,
    pub created_by: UserId,
    pub created_at: DateTime<Utc>,
    /// Its current version (0: no text and no recipients yet).
    pub version: usize,
    /// The current version's text, if it has one.
    pub text: Option<String>,
    pub recipients: Vec<LetterRecipient>,
    /// Frozen when every member association approved its current version.
    pub frozen: Option<Frozen>,
    pub sent_at: Option<DateTime<Utc>>,
    /// Who sent it (the follow-up mentions them).
    pub sent_by: Option<UserId>,
    /// The answers recorded, the oldest first.
    pub answers: Vec<LetterAnswer>,
    /// When the room was reminded that no answer came, if it was.
    pub followed_up_at: Option<DateTime<Utc>>,
}

/// An answer a letter received, as a member recorded it (`!plaidoyer réponse`).
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct LetterAnswer {
    pub text: String,
    pub recorded_by: UserId,
    pub recorded_at: DateTime<Utc>,
    /// The file it came as, if any: its name (the bytes stay in the database).
    pub file_name: Option<String>,
}

/// Whether a file sent for a letter's text can be read as one: Markdown or plain text, by its
/// content type or its name, in UTF-8.
pub fn text_of_file(name: &str, mime: &str, data: &[u8]) -> Option<String> {
    let lower = name.to_lowercase();
    let textual = mime.starts_with("text/")
        || [".md", ".markdown", ".txt"]
            .iter()
            .any(|extension| lower.ends_with(extension));
    if !textual {
        return None;
    }
    let text = std::str::from_utf8(data).ok()?;
    let text = text.strip_prefix('\u{feff}').unwrap_or(text).trim();
    (!text.is_empty()).then(|| text.to_owned())
}

/// Where a letter stands: a draft, approved (frozen), sent, answered, or without an answer
/// once followed up.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub enum LetterStatus {
    Draft,
    Approved,
    Sent,
    Answered,
    Unanswered,
}

impl Letter {
    pub fn status(&self) -> LetterStatus {
        match (&self.frozen, self.sent_at) {
            (_, Some(_)) if !self.answers.is_empty() => LetterStatus::Answered,
            (_, Some(_)) if self.followed_up_at.is_some() => LetterStatus::Unanswered,
            (_, Some(_)) => LetterStatus::Sent,
            (Some(frozen), None) if frozen.version == self.version => LetterStatus::Approved,
            _ => LetterStatus::Draft,
        }
    }

    /// Whether the room is due to be reminded that no answer came, at `now`: sent
    /// `follow_up_days` ago or more, unanswered, not reminded yet.
    pub fn follow_up_due(&self, now: DateTime<Utc>, follow_up_days: u32) -> bool {
        self.answers.is_empty()
            && self.followed_up_at.is_none()
            && self.sent_at.is_some_and(|sent| {
                sent.checked_add_signed(chrono::Duration::days(i64::from(follow_up_days)))
                    .is_some_and(|due| due <= now)
            })
    }
}

/// The default of `advocacy.follow_up_days`.
pub const DEFAULT_FOLLOW_UP_DAYS: u32 = 30;

/// Why recipients as typed cannot be kept.
#[derive(Debug, Clone, PartialEq, Eq, thiserror::Error)]
pub enum RecipientProblem {
    #[error("no recipient")]
    None,
    #[error("{0:?} has no address at its end")]
    NoAddress(String),
    #[error("{0:?} is not an e-mail address")]
    NotAnAddress(String),
    #[error("{0:?} has an address but no name")]
    NoName(String),
    #[error("more than {MAX_RECIPIENTS} recipients")]
    TooMany,
}

/// Reads `<nom> <adresse> ; <nom> <adresse> …` (rules in the module's doc).
pub fn read_recipients(text: &str) -> Result<Vec<LetterRecipient>, RecipientProblem> {
    let mut recipients = Vec::new();
    for part in text
        .split([';', '\n'])
        .map(str::trim)
        .filter(|part| !part.is_empty())
    {
        let (name, address) = match part.rsplit_once(char::is_whitespace) {
            Some((name, address)) => (name.trim(), address.trim()),
            None => ("", part),
        };
        let address = address.trim_matches(|c| c == '<' || c == '>');
        if !address.contains('@') {
            return Err(RecipientProblem::NoAddress(part.to_owned()));
        }
        if !looks_like_email(address) {
            return Err(RecipientProblem::NotAnAddress(address.to_owned()));
        }
        if name.is_empty() {
            return Err(RecipientProblem::NoName(part.to_owned()));
        }
        recipients.push(LetterRecipient {
            name: name.to_owned(),
            address: address.to_owned(),
        });
    }
    if recipients.is_empty() {
        return Err(RecipientProblem::None);
    }
    if recipients.len() > MAX_RECIPIENTS {
        return Err(RecipientProblem::TooMany);
    }
    Ok(recipients)
}

#[cfg(test)]
mod tests {
    use super::*;
    use crate::testing::at;

    #[test]
    fn recipients_read_with_their_names_and_addresses() {
        let read = read_recipients(
            "Cabinet du Préfet cabinet@seine-et-marne.gouv.example ; Conseil départemental <presidence@departement77.example>",
        )
        .expect("read");
        assert_eq!(
            read,
            vec![
                LetterRecipient {
                    name: "Cabinet du Préfet".into(),
                    address: "cabinet@seine-et-marne.gouv.example".into()
                },
                LetterRecipient {
                    name: "Conseil départemental".into(),
                    address: "presidence@departement77.example".into()
                },
            ]
        );
    }

    #[test]
    fn bad_recipients_are_named() {
        for (typed, problem) in [
            ("", RecipientProblem::None),
            (" ; ", RecipientProblem::None),
            (
                "Cabinet du Préfet",
                RecipientProblem::NoAddress("Cabinet du Préfet".into()),
            ),
            (
                "Préfet prefet@gouv",
                RecipientProblem::NotAnAddress("prefet@gouv".into()),
            ),
            (
                "prefet@gouv.example",
                RecipientProblem::NoName("prefet@gouv.example".into()),
            ),
        ] {
            assert_eq!(read_recipients(typed), Err(problem), "{typed:?}");
        }
        let many = vec!["X x@y.example"; MAX_RECIPIENTS + 1].join(" ; ");
        assert_eq!(read_recipients(&many), Err(RecipientProblem::TooMany));
    }

    #[test]
    fn a_letter_is_approved_only_while_its_frozen_version_is_the_current_one() {
        let mut letter = Letter {
            number: 1,
            title: "Lettre au Préfet".into(),
            poll: None,
            created_by: UserId::new("@a:x"),
            created_at: at("2026-12-01T10:00:00Z"),
            version: 2,
            text: Some("Monsieur le Préfet".into()),
            recipients: Vec::new(),
            frozen: None,
            sent_at: None,
            sent_by: None,
            answers: Vec::new(),
            followed_up_at: None,
        };
        assert_eq!(letter.status(), LetterStatus::Draft);
        letter.frozen = Some(Frozen {
            version: 2,
            text: "…".into(),
            fingerprint: "ab".into(),
            at: at("2026-12-02T10:00:00Z"),
        });
        assert_eq!(letter.status(), LetterStatus::Approved);
        letter.version = 3;
        assert_eq!(letter.status(), LetterStatus::Draft, "changed since");
        letter.sent_at = Some(at("2026-12-03T10:00:00Z"));
        assert_eq!(letter.status(), LetterStatus::Sent);
        assert!(!letter.follow_up_due(at("2027-01-02T09:59:59Z"), 30));
        assert!(letter.follow_up_due(at("2027-01-02T10:00:00Z"), 30));
        letter.followed_up_at = Some(at("2027-01-02T10:00:00Z"));
        assert_eq!(letter.status(), LetterStatus::Unanswered);
        assert!(
            !letter.follow_up_due(at("2027-02-02T10:00:00Z"), 30),
            "once"
        );
        letter.answers.push(LetterAnswer {
            text: "Le Préfet nous reçoit le 12.".into(),
            recorded_by: UserId::new("@a:x"),
            recorded_at: at("2027-01-05T10:00:00Z"),
            file_name: None,
        });
        assert_eq!(letter.status(), LetterStatus::Answered);
    }

    #[test]
    fn a_text_file_reads_as_a_letter_s_text_and_nothing_else_does() {
        assert_eq!(
            text_of_file("lettre.md", "", "\u{feff}# Monsieur le Préfet\n".as_bytes()),
            Some("# Monsieur le Préfet".into())
        );
        assert_eq!(
            text_of_file("x", "text/plain", b"Bonjour"),
            Some("Bonjour".into())
        );
        assert_eq!(
            text_of_file("lettre.pdf", "application/pdf", b"%PDF-"),
            None
        );
        assert_eq!(
            text_of_file("lettre.txt", "text/plain", &[0xff, 0xfe]),
            None
        );
        assert_eq!(text_of_file("vide.txt", "text/plain", b"  "), None);
    }
}
