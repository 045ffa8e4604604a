//! Link tokens: what the group's page link, a personal link and an unsubscribe link carry.
//!
//! Rules, kept here once:
//! - **A token is derived, never stored.** It is HMAC-SHA256(link key, purpose ‖ nonce), in
//!   hexadecimal. The database keeps the nonce (random, worthless without the key) and the
//!   SHA-256 of the token, under a unique index: a link is found by the hash of what it carries,
//!   with no scan over every token and no comparison whose timing depends on a secret.
//! - **The link key comes from the store passphrase** (`storage.store_passphrase`), which is in
//!   the configuration, not in the database: a copy of the database (or of a backup) alone opens
//!   no link. Changing that passphrase would change every link, as it already makes the Matrix
//!   store unreadable.
//! - **One nonce, several purposes.** A person's page and its forms share one nonce (the form
//!   token is renewed with the link); the unsubscribe link has its own, so that the
//!   `List-Unsubscribe` URL mail providers read opens no page where one answers in their name.
//! - **Renewing a link is a new nonce**: the old token's hash is gone, the old link opens
//!   nothing.
//! - **Tokens of older versions** (stored in clear) are kept as their SHA-256 only, so that the
//!   links already sent keep working until they are renewed.

use hmac::{Hmac, Mac};
use sha2::{Digest, Sha256};

/// How many random bytes a nonce has (128 bits).
pub const NONCE_BYTES: usize = 16;

/// What a token opens: each purpose gives a different token from the same nonce.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub enum LinkPurpose {
    /// The group's private page of a room (`/<token>/`).
    Page,
    /// A person's page, where they answer in their name (`/r/<token>`).
    Personal,
    /// The second secret the forms of a person's page carry.
    Form,
    /// An unsubscribe link (`/u/<token>`), of a person or of a guest.
    Unsubscribe,
}

impl LinkPurpose {
    fn label(self) -> &'static [u8] {
        match self {
            LinkPurpose::Page => b"page",
            LinkPurpose::Personal => b"personal",
            LinkPurpose::Form => b"form",
            LinkPurpose::Unsubscribe => b"unsubscribe",
        }
    }
}

/// The secret every token is derived from.
#[derive(Clone)]
pub struct LinkKey([u8; 32]);

impl LinkKey {
    /// The link key of a deployment, derived from its store passphrase (with a label of its
    /// own, so that it is not the key of anything else derived from that passphrase).
    pub fn from_secret(secret: &str) -> Self {
        Self(hmac(b"concerto link key v1", &[secret.as_bytes()]))
    }

    /// The token a link of `purpose` with `nonce` carries.
    pub fn token(&self, purpose: LinkPurpose, nonce: &Nonce) -> PersonalToken {
        let mac = hmac(&self.0, &[purpose.label(), b"\0", nonce.0.as_bytes()]);
        PersonalToken(hex::encode(mac))
    }

    /// A link of `purpose` with `nonce`, as the database keeps it.
    pub fn link(&self, purpose: LinkPurpose, nonce: Nonce) -> KeptLink {
        let hash = TokenHash::of(self.token(purpose, &nonce).as_str());
        KeptLink { nonce, hash }
    }
}

impl std::fmt::Debug for LinkKey {
    fn fmt(&self, formatter: &mut std::fmt::Formatter<'_>) -> std::fmt::Result {
        formatter.write_str("LinkKey(…)")
    }
}

fn hmac(key: &[u8], parts: &[&[u8]]) -> [u8; 32] {
    // HMAC takes a key of any length: this cannot fail.
    let mut mac = <Hmac<Sha256> as Mac>::new_from_slice(key).unwrap_or_else(|_| unreachable!());
    for part in parts {
        mac.update(part);
    }
    mac.finalize().into_bytes().into()
}

/// The random half of a link, kept in the database: worthless without the link key.
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct Nonce(String);

impl Nonce {
    /// A nonce from fresh random bytes.
    pub fn from_random(bytes: [u8; NONCE_BYTES]) -> Self {
        Self(hex::encode(bytes))
    }

    /// A nonce as the database keeps it.
    pub fn kept(kept: String) -> Self {
        Self(kept)
    }

    pub fn as_str(&self) -> &str {
        &self.0
    }
}

/// The SHA-256 of a token, in hexadecimal: what a link is looked up by.
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct TokenHash(String);

impl TokenHash {
    pub fn of(token: &str) -> Self {
        Self(hex::encode(Sha256::digest(token.as_bytes())))
    }

    /// A hash as the database keeps it.
    pub fn kept(kept: String) -> Self {
        Self(kept)
    }

    pub fn as_str(&self) -> &str {
        &self.0
    }
}

/// A link as the database keeps it: its nonce, and the hash of its token.
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct KeptLink {
    pub nonce: Nonce,
    pub hash: TokenHash,
}

/// A secret link token: shown to nobody but the one it is for (in their e-mails, or the room
/// for the page), never logged, never stored.
#[derive(Clone, PartialEq, Eq)]
pub struct PersonalToken(String);

impl PersonalToken {
    pub fn as_str(&self) -> &str {
        &self.0
    }
}

impl std::fmt::Debug for PersonalToken {
    fn fmt(&self, formatter: &mut std::fmt::Formatter<'_>) -> std::fmt::Result {
        formatter.write_str("PersonalToken(…)")
    }
}

/// Equal tokens, compared in a time that does not depend on where they differ.
pub fn same_token(a: &str, b: &str) -> bool {
    let (a, b) = (a.as_bytes(), b.as_bytes());
    if a.len() != b.len() {
        return false;
    }
    a.iter().zip(b).fold(0u8, |diff, (x, y)| diff | (x ^ y)) == 0
}

/// A link whose token is `token`, as the database keeps it, for tests that need no key (the
/// nonce is only named after the token).
#[cfg(test)]
pub(crate) fn kept_for_tests(token: &str) -> KeptLink {
    KeptLink {
        nonce: Nonce(format!("nonce-{token}")),
        hash: TokenHash::of(token),
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    fn nonce(byte: u8) -> Nonce {
        Nonce::from_random([byte; NONCE_BYTES])
    }

    #[test]
    fn a_token_depends_on_the_key_the_purpose_and_the_nonce() {
        let key = LinkKey::from_secret("correct horse");
        let token = key.token(LinkPurpose::Personal, &nonce(1));
        assert_eq!(token.as_str().len(), 64);
        assert!(token.as_str().bytes().all(|b| b.is_ascii_hexdigit()));
        assert_eq!(token, key.token(LinkPurpose::Personal, &nonce(1)));
        assert_ne!(token, key.token(LinkPurpose::Form, &nonce(1)));
        assert_ne!(token, key.token(LinkPurpose::Unsubscribe, &nonce(1)));
        assert_ne!(token, key.token(LinkPurpose::Personal, &nonce(2)));
        let other = LinkKey::from_secret("correct horse!");
        assert_ne!(token, other.token(LinkPurpose::Personal, &nonce(1)));
    }

    #[test]
    fn the_kept_link_holds_the_tokens_hash_and_never_the_token() {
        let key = LinkKey::from_secret("correct horse");
        let link = key.link(LinkPurpose::Page, nonce(7));
        let token = key.token(LinkPurpose::Page, &nonce(7));
        assert_eq!(link.hash, TokenHash::of(token.as_str()));
        assert_ne!(link.hash.as_str(), token.as_str());
        assert!(!link.nonce.as_str().contains(token.as_str()));
        // SHA-256 of "abc", the standard's own example.
        assert_eq!(
            TokenHash::of("abc").as_str(),
            "ba7816bf8f01cfea414140de5dae2223b00361a396177a9cb410ff61f20015ad"
        );
    }

    #[test]
    fn secrets_are_not_printed() {
        let key = LinkKey::from_secret("correct horse");
        let token = key.token(LinkPurpose::Page, &nonce(1));
        assert_eq!(format!("{key:?}"), "LinkKey(…)");
        assert_eq!(format!("{token:?}"), "PersonalToken(…)");
    }

    #[test]
    fn tokens_compare_whole() {
        assert!(same_token("abc123", "abc123"));
        assert!(!same_token("abc123", "abc124"));
        assert!(!same_token("abc123", "abc12"));
        assert!(!same_token("", "a"));
    }
}
