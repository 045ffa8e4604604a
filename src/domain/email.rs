//! People who follow the group by e-mail: a representative still waiting for her Matrix
//! account, counted for her association like a member. Their address is kept in Concerto's
//! database only, and the room only ever sees it masked ([`super::guest::mask_email`]).

use chrono::{DateTime, Utc};

use super::ids::UserId;
use super::messages::Printable;
use super::tokens::KeptLink;

/// The longest the association and name typed after an address may be, in characters.
pub const MAX_EMAIL_NAME: usize = 300;

/// Someone the room reaches by e-mail, numbered in the room's list.
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct EmailPerson {
    /// Their row, for ever theirs (numbers in the list may be given again after a removal);
    /// 0 before they are added.
    pub id: i64,
    pub number: usize,
    pub address: String,
    pub association: String,
    pub name: String,
    pub added_by: UserId,
    /// Their personal page (where they answer in their name); its forms' token is derived
    /// from the same nonce, and renewed with it.
    pub link: KeptLink,
    /// Their unsubscribe link alone (the one mail providers read in the header).
    pub unsubscribe_link: KeptLink,
    /// They unsubscribed: nothing more is sent to them.
    pub unsubscribed: bool,
}

impl EmailPerson {
    /// Who they are among a ballot's voters: never a Matrix id (those begin with `@`).
    pub fn voter(&self) -> UserId {
        email_voter(self.id)
    }
}

/// The voter standing for person `id` known by e-mail.
pub fn email_voter(id: i64) -> UserId {
    UserId::new(format!("{EMAIL_VOTER_PREFIX}{id}"))
}

const EMAIL_VOTER_PREFIX: &str = "email:";

/// Reads `<association> <name…>`: the association is the longest of `known` that the words
/// begin with, accents, case and punctuation aside (`Restos du Coeur Jean Ledoux` is the
/// Restos du Cœur and Jean Ledoux); the name is the rest, which must not be empty. `None`
/// when the words begin with none of them.
pub fn split_association(known: &[String], words: &str) -> Option<(String, String)> {
    super::association::leading(known, words)
        .into_iter()
        .find_map(|(association, end)| {
            let name = words[end..]
                .split_whitespace()
                .collect::<Vec<_>>()
                .join(" ");
            (!name.is_empty()).then(|| (association.to_owned(), name))
        })
}

/// What stays of an address once its person unsubscribed: its SHA-256 (of the address in
/// lower case), marked, so that adding it again is told they unsubscribed — and no address.
pub fn erased_address(address: &str) -> String {
    use sha2::{Digest, Sha256};
    let digest = Sha256::digest(address.trim().to_lowercase().as_bytes());
    format!("{ERASED_PREFIX}{}", hex::encode(digest))
}

/// Whether `address` is what [`erased_address`] left (no address any more).
pub fn is_erased(address: &str) -> bool {
    address.starts_with(ERASED_PREFIX)
}

const ERASED_PREFIX: &str = "erased:sha256:";

/// A file an e-mail carries: the meeting's `.ics`, the procès-verbal's PDF.
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct Attachment {
    pub name: String,
    /// Its full content type, parameters included (`text/calendar; method=REQUEST`).
    pub mime: String,
    pub data: Vec<u8>,
}

/// Whose an unsubscribe link is, by their row.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub enum Subscriber {
    /// A person known by e-mail.
    Person(i64),
    /// A meeting's guest who gave an address.
    Guest(i64),
}

/// Whom an e-mail goes to.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub enum Recipient {
    /// Person n of the room's list of people known by e-mail.
    Person(usize),
    /// Guest n of a meeting's list (one with an address).
    Guest {
        meeting: super::MeetingId,
        number: usize,
    },
    /// Recipient n (from 1) of the room's letter n° `letter`.
    Letter { letter: usize, position: usize },
}

/// Several versions of one thing queued close together go out as one, the latest: an e-mail
/// with the same key to the same recipient, still waiting, takes the new content (and keeps
/// its time to go, unless this one goes at once).
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct Coalesce {
    pub key: String,
    /// How long after the first version it goes; zero: at once.
    pub delay: chrono::Duration,
}

/// The daily limits of what is e-mailed: to one address, from one room.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub struct DailyLimits {
    pub per_recipient: usize,
    pub per_room: usize,
}

/// When an e-mail may go, given when e-mails went out to the same address (or from the same
/// room) over the last day, oldest first: `None` (now) while fewer than `limit` did; else a day
/// after the one whose passing makes room.
pub fn next_allowed(
    sent: &[DateTime<Utc>],
    limit: usize,
    now: DateTime<Utc>,
) -> Option<DateTime<Utc>> {
    let day = chrono::Duration::days(1);
    let window_start = now.checked_sub_signed(day)?;
    let recent: Vec<&DateTime<Utc>> = sent.iter().filter(|at| **at > window_start).collect();
    if recent.len() < limit {
        return None;
    }
    let making_room = recent.get(recent.len() - limit.max(1))?;
    making_room.checked_add_signed(day)
}

/// An e-mail to write into the e-mail outbox.
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct NewEmail {
    pub to: Recipient,
    pub subject: String,
    /// The plain-text part.
    pub text: String,
    /// The HTML part, escaped already.
    pub html: String,
    pub attachment: Option<Attachment>,
    /// A document to print and attach as a PDF (the adopted procès-verbal): the e-mail
    /// sender prints it, off the transaction that queued it.
    pub printable: Option<Printable>,
    /// The recipient's one-click unsubscribe link, for the `List-Unsubscribe` header.
    pub unsubscribe_url: Option<String>,
    /// Coalesced with the waiting versions of the same thing, if any.
    pub coalesce: Option<Coalesce>,
    /// Where answers go (`Reply-To`), when not to the sender: the group's contact.
    pub reply_to: Option<String>,
}

/// An e-mail in the outbox, not sent yet, with its recipient's address.
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct OutgoingEmail {
    pub id: i64,
    /// The room it is from (its daily limit).
    pub room: super::RoomId,
    pub to_name: String,
    pub to_address: String,
    pub subject: String,
    pub text: String,
    pub html: String,
    pub attachment: Option<Attachment>,
    /// Still to print into a PDF attachment, if any.
    pub printable: Option<Printable>,
    pub unsubscribe_url: Option<String>,
    pub reply_to: Option<String>,
    pub created_at: DateTime<Utc>,
    /// How many sends failed so far.
    pub attempts: u32,
}

impl OutgoingEmail {
    /// The `Message-ID` of every send of this e-mail (without its angle brackets): a send
    /// repeated after a crash carries the same one, so mail clients show it once.
    pub fn message_id(&self, domain: &str) -> String {
        format!(
            "concerto.{}.{}@{domain}",
            self.id,
            self.created_at.timestamp_micros()
        )
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn an_email_past_the_daily_limit_waits_for_a_day_after_the_one_that_makes_room() {
        let at = crate::testing::at;
        let now = at("2026-12-10T12:00:00Z");
        let sent = [
            at("2026-12-09T08:00:00Z"), // more than a day ago: not counted
            at("2026-12-09T13:00:00Z"),
            at("2026-12-10T09:00:00Z"),
            at("2026-12-10T11:00:00Z"),
        ];
        assert_eq!(next_allowed(&sent, 4, now), None);
        assert_eq!(
            next_allowed(&sent, 3, now),
            Some(at("2026-12-10T13:00:00Z"))
        );
        assert_eq!(
            next_allowed(&sent, 2, now),
            Some(at("2026-12-11T09:00:00Z"))
        );
        assert_eq!(next_allowed(&[], 1, now), None);
        // A limit of nothing holds everything until the last one is a day old.
        assert_eq!(
            next_allowed(&sent, 0, now),
            Some(at("2026-12-11T11:00:00Z"))
        );
    }

    fn known() -> Vec<String> {
        [
            "Restos du Cœur",
            "Croix-Rouge",
            "Secours Catholique",
            "Secours populaire",
            "Secours",
        ]
        .map(String::from)
        .to_vec()
    }

    #[test]
    fn the_longest_association_the_words_begin_with_is_taken_accents_and_case_aside() {
        assert_eq!(
            split_association(&known(), "Restos du Coeur Jean Ledoux"),
            Some(("Restos du Cœur".into(), "Jean Ledoux".into()))
        );
        assert_eq!(
            split_association(&known(), "croix rouge Marie"),
            Some(("Croix-Rouge".into(), "Marie".into()))
        );
        assert_eq!(
            split_association(&known(), "Secours populaire Ali Ben"),
            Some(("Secours populaire".into(), "Ali Ben".into())),
            "not « Secours » with « populaire Ali Ben » as the name"
        );
        assert_eq!(
            split_association(&known(), "Secours Ali"),
            Some(("Secours".into(), "Ali".into()))
        );
    }

    #[test]
    fn words_that_begin_with_no_association_or_leave_no_name_give_none() {
        assert_eq!(split_association(&known(), "ADSEA Mme Martin"), None);
        assert_eq!(split_association(&known(), "Croix-Rouge"), None);
        assert_eq!(split_association(&[], "Croix-Rouge Marie"), None);
    }

    #[test]
    fn an_erased_address_is_a_mark_and_a_hash_blind_to_case_and_spaces() {
        let erased = erased_address("Jean@Restos.example ");
        assert_eq!(erased, erased_address("jean@restos.example"));
        assert!(is_erased(&erased));
        assert!(
            !erased.contains("jean") && !erased.contains('@'),
            "{erased}"
        );
        assert_ne!(erased, erased_address("marie@restos.example"));
        assert!(!is_erased("jean@restos.example"));
    }
}
