//! The one refusal reply: what was refused and who may do it (the policy is
//! [`crate::domain::permissions`]).

use super::wording::Wording;
use crate::domain::permissions::{Act, Refusal};

/// "Only the person who … (`owner`) or a room moderator may …". `owner` is Markdown-safe: the
/// name of whoever started what was refused (unused when only moderators may).
pub fn refused(wording: &Wording<'_>, refusal: &Refusal, owner: &str) -> String {
    let (id, number, owner_argument) = match refusal.act {
        Act::RemoveItem => ("agenda-remove-refused", None, "author"),
        Act::RemoveGuest => ("guest-remove-refused", None, "author"),
        Act::SetDate => ("meeting-close-refused", None, "proposer"),
        Act::CancelMeeting => ("meeting-cancel-refused", None, "proposer"),
        Act::CancelProposal => ("meeting-proposal-cancel-refused", None, "proposer"),
        Act::ClosePoll { number } => ("poll-close-refused", Some(number), "author"),
        Act::ChangeDecision { number } => ("decision-change-refused", Some(number), "author"),
        Act::MarkActionDone { number } => ("action-done-refused", Some(number), "owner"),
        Act::CancelReminder { number } => ("reminder-cancel-refused", Some(number), "author"),
        Act::LinkMember => ("association-set-refused", None, "owner"),
        Act::ReplaceLink => ("page-new-link-refused", None, "owner"),
        Act::AdoptMinutes => ("minutes-adopt-refused", None, "owner"),
        Act::ManageEmail => ("email-manage-refused", None, "owner"),
        Act::SetRule => ("rule-refused", None, "owner"),
        Act::SetStanding => ("association-standing-refused", None, "owner"),
        Act::Mandate => ("mandate-refused", None, "owner"),
        Act::ChangeContact { number } => ("contact-change-refused", Some(number), "owner"),
        Act::CancelTraining { number } => ("training-cancel-refused", Some(number), "author"),
        Act::WithdrawTrainee { number } => ("training-withdraw-refused", Some(number), "owner"),
        Act::AttachGroup => ("group-confirm-refused", None, "owner"),
    };
    let mut arguments = vec![(owner_argument, owner.to_owned().into())];
    if let Some(number) = number {
        arguments.push(("number", number.into()));
    }
    wording.format(id, &arguments)
}

#[cfg(test)]
mod tests {
    use super::*;
    use crate::domain::Language;
    use crate::domain::permissions::Who;
    use crate::i18n::Texts;

    #[test]
    fn every_refusal_names_who_may_in_both_languages() {
        let texts = Texts::new().expect("locales");
        let acts = [
            Act::RemoveItem,
            Act::RemoveGuest,
            Act::SetDate,
            Act::CancelMeeting,
            Act::CancelProposal,
            Act::ClosePoll { number: 4 },
            Act::ChangeDecision { number: 4 },
            Act::MarkActionDone { number: 4 },
            Act::CancelReminder { number: 4 },
            Act::LinkMember,
            Act::ReplaceLink,
            Act::AdoptMinutes,
            Act::ManageEmail,
            Act::SetRule,
            Act::SetStanding,
            Act::Mandate,
            Act::ChangeContact { number: 4 },
            Act::CancelTraining { number: 4 },
            Act::WithdrawTrainee { number: 4 },
            Act::AttachGroup,
        ];
        for language in Language::ALL {
            for act in acts {
                let refusal = Refusal {
                    act,
                    who: act.who(),
                };
                let text = refused(
                    &Wording::new(&texts, language, chrono_tz::Europe::Paris),
                    &refusal,
                    "ALICE",
                );
                let moderator = match language {
                    Language::Fr => "modérateur",
                    Language::En => "moderator",
                };
                assert!(text.contains(moderator), "{act:?}: {text}");
                if act.who() == Who::OwnerOrModerator {
                    assert!(text.contains("ALICE"), "{act:?}: {text}");
                }
                if let Act::ClosePoll { .. } | Act::ChangeDecision { .. } = act {
                    assert!(text.contains('4'), "{act:?}: {text}");
                }
                assert!(!text.contains('{'), "{act:?}: {text}");
            }
        }
    }
}
