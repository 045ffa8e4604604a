//! `!règle [unanimité | consentement | majorité <n>]` / `!rule [unanimity | consent |
//! majority <n>]` (alias `!regle`): the room's rule for a joint position, shown or set.

use super::error::{ParseError, Usage};
use super::words::{clean_word, named, one_number, split_word};
use crate::domain::position::JointRule;

/// The rules by every name they answer to (`None`: majority, which takes a number).
pub(super) const FORMS: &[(&str, Option<JointRule>)] = &[
    ("unanimité", Some(JointRule::Unanimity)),
    ("unanimite", Some(JointRule::Unanimity)),
    ("unanimity", Some(JointRule::Unanimity)),
    ("consentement", Some(JointRule::Consent)),
    ("consent", Some(JointRule::Consent)),
    ("majorité", None),
    ("majorite", None),
    ("majority", None),
];

/// `!rule` (show), `!rule consent`, `!rule majority 3`.
pub(super) fn parse(arguments: &str) -> Result<Option<JointRule>, ParseError> {
    let (word, rest) = split_word(arguments.trim());
    if word.is_empty() {
        return Ok(None);
    }
    match named(FORMS, &clean_word(word)) {
        Some(Some(rule)) => {
            super::words::no_more(rest, Usage::Rule)?;
            Ok(Some(rule))
        }
        Some(None) => Ok(Some(JointRule::Majority(one_number(
            rest,
            Usage::RuleMajority,
        )?))),
        None => Err(ParseError::UnexpectedWords {
            usage: Usage::Rule,
            extra: arguments.trim().to_owned(),
        }),
    }
}

#[cfg(test)]
mod tests {
    use crate::command::{Command, ParseError, Usage, parse};
    use crate::domain::position::JointRule;

    #[test]
    fn the_rule_is_shown_or_set_in_both_languages() {
        for (body, rule) in [
            ("!règle", None),
            ("!rule", None),
            ("!regle unanimité", Some(JointRule::Unanimity)),
            ("!rule unanimity", Some(JointRule::Unanimity)),
            ("!règle consentement", Some(JointRule::Consent)),
            ("!rule Consent", Some(JointRule::Consent)),
            ("!règle majorité 3", Some(JointRule::Majority(3))),
            ("!rule majority 2", Some(JointRule::Majority(2))),
        ] {
            assert_eq!(parse(body), Ok(Some(Command::Rule { rule })), "{body}");
        }
        assert_eq!(
            parse("!règle majorité"),
            Err(ParseError::ExpectedNumber {
                usage: Usage::RuleMajority,
                given: None
            })
        );
        assert_eq!(
            parse("!règle majorité zéro"),
            Err(ParseError::ExpectedNumber {
                usage: Usage::RuleMajority,
                given: Some("zéro".into())
            })
        );
        assert!(matches!(
            parse("!rule dictatorship"),
            Err(ParseError::UnexpectedWords {
                usage: Usage::Rule,
                ..
            })
        ));
        assert!(matches!(
            parse("!rule consent now"),
            Err(ParseError::UnexpectedWords {
                usage: Usage::Rule,
                ..
            })
        ));
    }
}
