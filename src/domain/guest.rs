//! Guests tied to one meeting: a speaker the group invites (the ADSEA on isolated young
//! migrants, the OFII, the MDS presenting its work), with the topic they come for and, for
//! the e-mail issue, an address that the room only ever sees masked.

use super::ids::UserId;

/// The longest a guest's name or topic may be, in characters.
pub const MAX_GUEST_TEXT: usize = 300;

/// A guest of a meeting, numbered in that meeting's list.
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct Guest {
    pub number: usize,
    pub name: String,
    pub email: Option<String>,
    pub topic: Option<String>,
    pub added_by: UserId,
    /// The unsubscribe link of their e-mails, when they gave an address.
    pub link: Option<super::tokens::KeptLink>,
}

/// Whether a typed word is an e-mail address (`name@domain.tld`), not a Matrix id or a
/// mention (`@alice:server`).
pub fn looks_like_email(word: &str) -> bool {
    let Some((local, domain)) = word.split_once('@') else {
        return false;
    };
    !local.is_empty()
        && !domain.contains('@')
        && !domain.contains(':')
        && domain
            .split_once('.')
            .is_some_and(|(head, tail)| !head.is_empty() && !tail.is_empty())
}

/// An address as the room may see it: its first letter, then the domain (`m…@adsea77.example`).
pub fn mask_email(email: &str) -> String {
    match email.split_once('@') {
        Some((local, domain)) => {
            let first: String = local.chars().take(1).collect();
            format!("{first}…@{domain}")
        }
        None => "…".to_owned(),
    }
}

/// `text` with every address in it masked (`m…@adsea77.example`), for a log line that quotes
/// a mail server's answer.
pub fn mask_addresses(text: &str) -> String {
    let mut masked = String::with_capacity(text.len());
    let mut rest = text;
    while let Some(at) = rest.find('@') {
        // The separator may be a wide character (an ideographic space): step over it whole.
        let start = rest[..at]
            .char_indices()
            .rfind(|(_, c)| c.is_whitespace() || "<>\"'(),;:".contains(*c))
            .map_or(0, |(i, c)| i + c.len_utf8());
        let end = rest[at..]
            .find(|c: char| c.is_whitespace() || "<>\"'(),;".contains(c))
            .map_or(rest.len(), |i| at + i);
        masked.push_str(&rest[..start]);
        masked.push_str(&mask_email(&rest[start..end]));
        rest = &rest[end..];
    }
    masked.push_str(rest);
    masked
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn addresses_are_told_from_mentions_and_masked() {
        assert!(looks_like_email("martin@adsea77.example"));
        assert!(!looks_like_email("@alice:localhost"));
        assert!(!looks_like_email("martin@"));
        assert!(!looks_like_email("ADSEA"));
        assert!(!looks_like_email("a@b"));
        assert_eq!(mask_email("martin@adsea77.example"), "m…@adsea77.example");
        assert_eq!(mask_email("émilie@ofii.example"), "é…@ofii.example");
        assert_eq!(
            mask_addresses("550 5.1.1 <jean.ledoux@restos.example>: unknown, bob@x.org too"),
            "550 5.1.1 <j…@restos.example>: unknown, b…@x.org too"
        );
    }

    #[test]
    fn masking_holds_on_wide_separators_and_odd_text() {
        // An ideographic space (three bytes) before an address.
        assert_eq!(
            mask_addresses("écrire\u{3000}jean@restos.example"),
            "écrire\u{3000}j…@restos.example"
        );
        assert_eq!(mask_addresses("@@@"), "…@@@");
        assert_eq!(mask_addresses("İ@İ.İ"), "İ…@İ.İ");
    }

    proptest::proptest! {
        #[test]
        fn masking_never_panics_and_keeps_every_at_sign(text in "\\PC{0,60}") {
            let masked = mask_addresses(&text);
            proptest::prop_assert!(masked.matches('@').count() == text.matches('@').count());
        }
    }
}
