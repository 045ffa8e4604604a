//! `!page [nouveau-lien]` / `!page [new-link]` (alias `!web`).

use super::error::{ParseError, Usage};
use super::words::{clean_word, named};

/// The forms after `!page`, by every name they answer to.
pub(super) const FORMS: &[(&str, bool)] = &[
    ("", false),
    ("nouveau-lien", true),
    ("nouveaulien", true),
    ("new-link", true),
    ("newlink", true),
    ("nouveau", true),
    ("new", true),
];

/// `!page`, `!page new-link`.
pub(super) fn parse(arguments: &str) -> Result<bool, ParseError> {
    let word = clean_word(arguments.trim());
    match named(FORMS, &word) {
        Some(new_link) => Ok(new_link),
        None => Err(ParseError::UnexpectedWords {
            usage: Usage::Page,
            extra: word,
        }),
    }
}

#[cfg(test)]
mod tests {
    use crate::command::{Command, ParseError, Usage, parse};

    #[test]
    fn the_page_or_a_new_link_in_both_languages() {
        for body in ["!page", "!web"] {
            assert_eq!(parse(body), Ok(Some(Command::Page { new_link: false })));
        }
        for body in ["!page nouveau-lien", "!web new-link", "!page Nouveau"] {
            assert_eq!(parse(body), Ok(Some(Command::Page { new_link: true })));
        }
        assert_eq!(
            parse("!page autre"),
            Err(ParseError::UnexpectedWords {
                usage: Usage::Page,
                extra: "autre".into()
            })
        );
    }
}
