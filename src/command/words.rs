//! What every family's parser shares: splitting words, reading numbers, the table look-up, and
//! what "blank" means when members paste invisible characters.

use super::error::{ParseError, Usage};

/// What the prefix is: `!aide`, `!help`…
pub const PREFIX: char = '!';

/// The first word of `text` and everything after it (leading spaces removed).
pub(super) fn split_word(text: &str) -> (&str, &str) {
    let text = text.trim_start();
    match text.find(char::is_whitespace) {
        Some(end) => (&text[..end], text[end..].trim_start()),
        None => (text, ""),
    }
}

/// The entry of `table` named `word` (already cleaned), the one table-driven look-up of every
/// family: each family lists its forms by every name they answer to.
pub(super) fn named<T: Copy>(table: &[(&str, T)], word: &str) -> Option<T> {
    table
        .iter()
        .find(|(name, _)| *name == word)
        .map(|(_, value)| *value)
}

/// The first word of `arguments` as a form's name (lower-cased, invisible characters
/// removed), the form it names in `table` if any, and the words after it: how every family
/// starts reading its arguments.
pub(super) fn read_form<'a, T: Copy>(
    arguments: &'a str,
    table: &[(&str, T)],
) -> (String, Option<T>, &'a str) {
    let (first, rest) = split_word(arguments);
    let word = clean_word(first);
    let named = named(table, &word);
    (word, named, rest)
}

/// Refuses words after a command that takes none.
pub(super) fn no_more(rest: &str, usage: Usage) -> Result<(), ParseError> {
    if rest.trim().is_empty() {
        Ok(())
    } else {
        Err(ParseError::UnexpectedWords {
            usage,
            extra: rest.trim().to_owned(),
        })
    }
}

/// Exactly one number after the form (`!agenda retirer 2`).
pub(super) fn one_number(rest: &str, usage: Usage) -> Result<usize, ParseError> {
    match rest.split_whitespace().collect::<Vec<_>>().as_slice() {
        [number] => item_number(number, usage),
        [] => Err(ParseError::ExpectedNumber { usage, given: None }),
        [_, extra @ ..] => Err(ParseError::UnexpectedWords {
            usage,
            extra: extra.join(" "),
        }),
    }
}

/// At most one number after the form (`!réunion clore [2]`).
pub(super) fn optional_number(rest: &str, usage: Usage) -> Result<Option<usize>, ParseError> {
    match rest.split_whitespace().collect::<Vec<_>>().as_slice() {
        [] => Ok(None),
        [number] => item_number(number, usage).map(Some),
        [_, extra @ ..] => Err(ParseError::UnexpectedWords {
            usage,
            extra: extra.join(" "),
        }),
    }
}

/// An item number or position as typed: `2`, `n°2`, `#2`.
pub(super) fn item_number(word: &str, usage: Usage) -> Result<usize, ParseError> {
    match plain_number(word) {
        Some(number) => Ok(number),
        None => Err(ParseError::ExpectedNumber {
            usage,
            given: Some(word.to_owned()),
        }),
    }
}

/// `2`, `n°2`, `N°2` or `#2` as a number from 1, else `None`.
pub(super) fn plain_number(word: &str) -> Option<usize> {
    word.trim_start_matches("n°")
        .trim_start_matches("N°")
        .trim_start_matches('#')
        .parse::<usize>()
        .ok()
        .filter(|number| *number > 0)
}

/// The text after the form, spacing inside kept; `None` when nothing a reader would see is
/// left.
pub(super) fn text_of(rest: &str) -> Option<&str> {
    Some(rest.trim_matches(is_blank)).filter(|text| !text.is_empty())
}

/// Characters that take no room on screen and carry no meaning in a command: zero-width
/// spaces and joiners, direction marks and embeddings, the word joiner, the byte-order mark,
/// the soft hyphen, Hangul fillers, tag characters. (Variation selectors are not in the list:
/// they belong to emoji.)
pub(super) fn is_invisible(c: char) -> bool {
    matches!(
        c,
        '\u{00AD}'
            | '\u{034F}'
            | '\u{061C}'
            | '\u{115F}'
            | '\u{1160}'
            | '\u{17B4}'
            | '\u{17B5}'
            | '\u{180B}'..='\u{180F}'
            | '\u{200B}'..='\u{200F}'
            | '\u{202A}'..='\u{202E}'
            | '\u{2060}'..='\u{206F}'
            | '\u{2800}'
            | '\u{3164}'
            | '\u{FEFF}'
            | '\u{FFA0}'
            | '\u{1D173}'..='\u{1D17A}'
            | '\u{E0000}'..='\u{E007F}'
    )
}

/// Whitespace or invisible: nothing a reader would see.
pub(super) fn is_blank(c: char) -> bool {
    c.is_whitespace() || is_invisible(c)
}

/// A command or action name as typed, lower-cased, invisible characters removed.
pub(super) fn clean_word(word: &str) -> String {
    word.chars()
        .filter(|c| !is_invisible(*c))
        .flat_map(char::to_lowercase)
        .collect()
}

/// Older clients quote the message they reply to (`> <@alice> …` lines, then a blank line)
/// before the user's own text; the command is what follows.
pub(super) fn strip_reply_fallback(body: &str) -> &str {
    if !body.starts_with("> ") {
        return body;
    }
    let mut rest = body;
    while let Some(line_end) = rest.find('\n') {
        let line = &rest[..line_end];
        if line.starts_with('>') {
            rest = &rest[line_end + 1..];
        } else {
            break;
        }
    }
    rest
}

/// The words after the bot's name when a message is addressed to it by name: the name (one of
/// `names`: its display name, `@localpart`, its id), then `:` or `,` ("Concerto : agenda",
/// as Element writes a mention); an `@` name may also be followed by a space ("@concerto
/// help"). `None` when the message does not begin so, or says nothing after the name:
/// "concerto est là ?" is not a command.
pub fn addressed<'a>(body: &'a str, names: &[String]) -> Option<&'a str> {
    let text = strip_reply_fallback(body).trim_start_matches(is_blank);
    // The longest first: `@concerto:example.org` before `@concerto`.
    let mut names: Vec<&str> = names
        .iter()
        .map(|name| name.trim())
        .filter(|name| !name.is_empty())
        .collect();
    names.sort_by_key(|name| std::cmp::Reverse(name.len()));
    for name in names {
        let Some(head) = text.get(..name.len()) else {
            continue;
        };
        if head.to_lowercase() != name.to_lowercase() {
            continue;
        }
        let after = &text[name.len()..];
        let trimmed = after.trim_start();
        let rest = if let Some(rest) = trimmed.strip_prefix([':', ',']) {
            rest
        } else if name.starts_with('@') && after.starts_with(char::is_whitespace) {
            trimmed
        } else {
            continue;
        };
        let rest = rest.trim();
        if !rest.is_empty() {
            return Some(rest);
        }
    }
    None
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn a_message_addressed_by_name_gives_the_words_after_it() {
        let names = vec![
            "Concerto".to_owned(),
            "@concerto".to_owned(),
            "@concerto:example.org".to_owned(),
        ];
        assert_eq!(
            addressed("Concerto : agenda ajouter Budget FEAD", &names),
            Some("agenda ajouter Budget FEAD")
        );
        assert_eq!(addressed("concerto, aide", &names), Some("aide"));
        assert_eq!(addressed("Concerto: !aide", &names), Some("!aide"));
        assert_eq!(addressed("@concerto help", &names), Some("help"));
        assert_eq!(
            addressed("@concerto:example.org: aide", &names),
            Some("aide")
        );
        assert_eq!(addressed("concerto est là ?", &names), None);
        assert_eq!(addressed("Concerto :", &names), None);
        assert_eq!(addressed("Concertons-nous : oui", &names), None);
        assert_eq!(addressed("Bonjour Concerto : aide", &names), None);
        assert_eq!(addressed("aide", &names), None);
        assert_eq!(addressed("Concerto : aide", &[]), None);
        assert_eq!(
            addressed("> <@alice:x> hello\n\nConcerto : aide", &names),
            Some("aide")
        );
    }

    #[test]
    fn numbers_are_read_with_or_without_their_sign() {
        for word in ["2", "n°2", "N°2", "#2"] {
            assert_eq!(plain_number(word), Some(2), "{word}");
        }
        for word in ["0", "deux", "-1", ""] {
            assert_eq!(plain_number(word), None, "{word}");
        }
    }

    #[test]
    fn one_number_refuses_none_and_two() {
        assert_eq!(one_number(" 3 ", Usage::AgendaDone), Ok(3));
        assert_eq!(
            one_number("", Usage::AgendaDone),
            Err(ParseError::ExpectedNumber {
                usage: Usage::AgendaDone,
                given: None
            })
        );
        assert_eq!(
            one_number("3 4 5", Usage::AgendaDone),
            Err(ParseError::UnexpectedWords {
                usage: Usage::AgendaDone,
                extra: "4 5".into()
            })
        );
    }

    #[test]
    fn invisible_text_is_no_text() {
        assert_eq!(text_of(" \u{200B}\u{FEFF} "), None);
        assert_eq!(text_of("  a  b \u{200B}"), Some("a  b"));
    }
}
