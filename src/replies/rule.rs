//! `!règle` / `!rule`: the room's rule for a joint position, named as the results, the record
//! and the procès-verbal show it.

use super::wording::Wording;
use crate::domain::position::JointRule;

/// "unanimité", "consentement", "majorité de 3 associations".
pub fn rule_name(wording: &Wording<'_>, rule: JointRule) -> String {
    match rule {
        JointRule::Unanimity => wording.get("rule-unanimity"),
        JointRule::Consent => wording.get("rule-consent"),
        JointRule::Majority(needed) => {
            wording.format("rule-majority", &[("needed", needed.into())])
        }
    }
}

/// "Règle : consentement", the line the results and the record carry.
pub fn rule_line(wording: &Wording<'_>, rule: JointRule) -> String {
    wording.labelled(&wording.get("rule-label"), &rule_name(wording, rule))
}

/// `!rule`: the room's rule, what it means, how to change it.
pub fn rule_current(wording: &Wording<'_>, rule: JointRule) -> String {
    wording.format(
        "rule-current",
        &[
            ("rule", rule_name(wording, rule).into()),
            ("meaning", rule_meaning(wording, rule).into()),
        ],
    )
}

/// `!rule consent`: done.
pub fn rule_changed(wording: &Wording<'_>, rule: JointRule) -> String {
    wording.format(
        "rule-changed",
        &[
            ("rule", rule_name(wording, rule).into()),
            ("meaning", rule_meaning(wording, rule).into()),
        ],
    )
}

/// `!rule majority 7` in a room of four.
pub fn rule_majority_too_high(wording: &Wording<'_>, needed: usize, count: usize) -> String {
    wording.format(
        "rule-majority-too-high",
        &[("needed", needed.into()), ("count", count.into())],
    )
}

fn rule_meaning(wording: &Wording<'_>, rule: JointRule) -> String {
    match rule {
        JointRule::Unanimity => wording.get("rule-unanimity-meaning"),
        JointRule::Consent => wording.get("rule-consent-meaning"),
        JointRule::Majority(needed) => {
            wording.format("rule-majority-meaning", &[("needed", needed.into())])
        }
    }
}

#[cfg(test)]
mod tests {
    use super::*;
    use crate::domain::Language;
    use crate::i18n::Texts;

    #[test]
    fn every_rule_is_named_and_explained_in_both_languages() {
        let texts = Texts::new().expect("locales");
        for language in Language::ALL {
            let wording = Wording::new(&texts, language, chrono_tz::Europe::Paris);
            for rule in [
                JointRule::Unanimity,
                JointRule::Consent,
                JointRule::Majority(3),
            ] {
                let said = rule_changed(&wording, rule);
                assert!(said.contains(&rule_name(&wording, rule)), "{said}");
            }
            assert!(rule_majority_too_high(&wording, 7, 4).contains('7'));
            assert!(rule_line(&wording, JointRule::Majority(3)).contains('3'));
        }
    }
}
