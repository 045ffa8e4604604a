//! `!aide` / `!help`, and the examples every error shows: how each family is named in a
//! language, in which order the help lists them, and which locale message holds an example
//! of each form. (The grammar only knows the forms: [`Topic`], [`Usage`].)

use super::wording::Wording;
use crate::command::{Topic, Usage};
use crate::domain::Language;

/// The families in the order `!help` lists them.
pub const HELP_ORDER: [Topic; 24] = [
    Topic::Meeting,
    Topic::Attendance,
    Topic::Guest,
    Topic::Email,
    Topic::Agenda,
    Topic::Poll,
    Topic::Vote,
    Topic::Rule,
    Topic::Mandate,
    Topic::Decision,
    Topic::Action,
    Topic::Minutes,
    Topic::Remind,
    Topic::Page,
    Topic::Advocacy,
    Topic::Contact,
    Topic::Training,
    Topic::Group,
    Topic::Association,
    Topic::Privacy,
    Topic::MyData,
    Topic::ForgetMe,
    Topic::Language,
    Topic::Help,
];

/// The command's name in a language, as the help shows it (`aide`, `help`…).
pub fn topic_name(topic: Topic, language: Language) -> &'static str {
    match (topic, language) {
        (Topic::Help, Language::Fr) => "aide",
        (Topic::Help, Language::En) => "help",
        (Topic::Language, Language::Fr) => "langue",
        (Topic::Language, Language::En) => "language",
        (Topic::Agenda, _) => "agenda",
        (Topic::Meeting, Language::Fr) => "réunion",
        (Topic::Meeting, Language::En) => "meeting",
        (Topic::Association, _) => "association",
        (Topic::Poll, Language::Fr) => "sondage",
        (Topic::Poll, Language::En) => "poll",
        (Topic::Vote, Language::Fr) => "voter",
        (Topic::Vote, Language::En) => "vote",
        (Topic::Decision, Language::Fr) => "décision",
        (Topic::Decision, Language::En) => "decision",
        (Topic::Action, _) => "action",
        (Topic::Minutes, Language::Fr) => "compte-rendu",
        (Topic::Minutes, Language::En) => "minutes",
        (Topic::Remind, Language::Fr) => "rappel",
        (Topic::Remind, Language::En) => "remind",
        (Topic::Page, _) => "page",
        (Topic::Attendance, Language::Fr) => "présence",
        (Topic::Attendance, Language::En) => "attendance",
        (Topic::Guest, Language::Fr) => "invité",
        (Topic::Guest, Language::En) => "guest",
        (Topic::Email, Language::Fr) => "courriel",
        (Topic::Email, Language::En) => "email",
        (Topic::Privacy, Language::Fr) => "confidentialité",
        (Topic::Privacy, Language::En) => "privacy",
        (Topic::MyData, Language::Fr) => "mes-données",
        (Topic::MyData, Language::En) => "my-data",
        (Topic::ForgetMe, Language::Fr) => "oublie-moi",
        (Topic::ForgetMe, Language::En) => "forget-me",
        (Topic::Rule, Language::Fr) => "règle",
        (Topic::Rule, Language::En) => "rule",
        (Topic::Mandate, Language::Fr) => "mandat",
        (Topic::Mandate, Language::En) => "proxy",
        (Topic::Contact, _) => "contact",
        (Topic::Advocacy, Language::Fr) => "plaidoyer",
        (Topic::Advocacy, Language::En) => "advocacy",
        (Topic::Training, Language::Fr) => "formation",
        (Topic::Training, Language::En) => "training",
        (Topic::Group, Language::Fr) => "groupe",
        (Topic::Group, Language::En) => "group",
    }
}

/// The form `!help <topic>` shows as its example.
pub fn topic_example(topic: Topic) -> Usage {
    match topic {
        Topic::Help => Usage::Help,
        Topic::Language => Usage::Language,
        Topic::Agenda => Usage::AgendaAdd,
        Topic::Meeting => Usage::MeetingPropose,
        Topic::Association => Usage::AssociationSet,
        Topic::Poll => Usage::PollCreate,
        Topic::Vote => Usage::Vote,
        Topic::Decision => Usage::DecisionRecord,
        Topic::Action => Usage::ActionCreate,
        Topic::Minutes => Usage::Minutes,
        Topic::Remind => Usage::Remind,
        Topic::Page => Usage::Page,
        Topic::Attendance => Usage::AttendanceAnswer,
        Topic::Guest => Usage::GuestAdd,
        Topic::Email => Usage::EmailAdd,
        Topic::Privacy => Usage::Privacy,
        Topic::MyData => Usage::MyData,
        Topic::ForgetMe => Usage::ForgetMe,
        Topic::Rule => Usage::Rule,
        Topic::Mandate => Usage::MandateGive,
        Topic::Contact => Usage::ContactAdd,
        Topic::Advocacy => Usage::AdvocacyNew,
        Topic::Training => Usage::TrainingAdd,
        Topic::Group => Usage::GroupCreate,
    }
}

/// The locale message holding an example of this form.
pub fn example_id(usage: Usage) -> &'static str {
    match usage {
        Usage::Help => "help-help-example",
        Usage::Language => "help-language-example",
        Usage::AgendaList => "example-agenda-list",
        Usage::AgendaAdd => "help-agenda-example",
        Usage::AgendaUrgent => "example-agenda-urgent",
        Usage::AgendaRemove => "example-agenda-remove",
        Usage::AgendaDone => "example-agenda-done",
        Usage::AgendaMove => "example-agenda-move",
        Usage::AgendaNote => "example-agenda-note",
        Usage::MeetingPropose => "help-meeting-example",
        Usage::MeetingVotes => "example-meeting-votes",
        Usage::MeetingClose => "example-meeting-close",
        Usage::MeetingCancel => "example-meeting-cancel",
        Usage::MeetingHost => "example-meeting-host",
        Usage::MeetingHostOrder => "example-meeting-host-order",
        Usage::MeetingPlace => "example-meeting-place",
        Usage::MeetingRhythm => "example-meeting-rhythm",
        Usage::AssociationSet => "help-association-example",
        Usage::PollCreate => "help-poll-example",
        Usage::PollResults => "example-poll-results",
        Usage::PollList => "example-poll-list",
        Usage::PollClose => "example-poll-close",
        Usage::Vote => "help-vote-example",
        Usage::DecisionRecord => "help-decision-example",
        Usage::DecisionShow => "example-decision-show",
        Usage::DecisionAmend => "example-decision-amend",
        Usage::DecisionRevoke => "example-decision-revoke",
        Usage::DecisionSearch => "example-decision-search",
        Usage::ActionCreate => "help-action-example",
        Usage::ActionDone => "example-action-done",
        Usage::ActionList => "example-action-list",
        Usage::Minutes => "help-minutes-example",
        Usage::MinutesApprove => "example-minutes-approve",
        Usage::MinutesAdopt => "example-minutes-adopt",
        Usage::Remind => "help-remind-example",
        Usage::RemindersList => "example-reminders-list",
        Usage::RemindersCancel => "example-reminders-cancel",
        Usage::RemindersMeeting => "example-reminders-meeting",
        Usage::Page => "help-page-example",
        Usage::AttendanceList => "example-attendance-list",
        Usage::AttendanceAnswer => "help-attendance-example",
        Usage::GuestAdd => "help-guest-example",
        Usage::GuestList => "example-guest-list",
        Usage::GuestRemove => "example-guest-remove",
        Usage::EmailAdd => "help-email-example",
        Usage::EmailList => "example-email-list",
        Usage::EmailRemove => "example-email-remove",
        Usage::EmailNewLink => "example-email-new-link",
        Usage::Privacy => "help-privacy-example",
        Usage::MyData => "help-my-data-example",
        Usage::ForgetMe => "help-forget-me-example",
        Usage::Rule => "help-rule-example",
        Usage::RuleMajority => "example-rule-majority",
        Usage::AssociationStanding => "example-association-guest",
        Usage::PollConsent => "example-poll-consent",
        Usage::MandateGive => "help-mandate-example",
        Usage::MandateWithdraw => "example-mandate-withdraw",
        Usage::MandateList => "example-mandate-list",
        Usage::MeetingAvailable => "example-meeting-available",
        Usage::ContactSearch => "example-contact-search",
        Usage::ContactShow => "example-contact-show",
        Usage::ContactAdd => "help-contact-example",
        Usage::ContactChange => "example-contact-change",
        Usage::ContactRemove => "example-contact-remove",
        Usage::ContactConfirm => "example-contact-confirm",
        Usage::AdvocacyList => "example-advocacy-list",
        Usage::AdvocacyShow => "example-advocacy-show",
        Usage::AdvocacyNew => "help-advocacy-example",
        Usage::AdvocacyText => "example-advocacy-text",
        Usage::AdvocacyRecipients => "example-advocacy-recipients",
        Usage::AdvocacyApprove => "example-advocacy-approve",
        Usage::AdvocacySend => "example-advocacy-send",
        Usage::AdvocacyAnswer => "example-advocacy-answer",
        Usage::TrainingList => "example-training-list",
        Usage::TrainingShow => "example-training-show",
        Usage::TrainingAdd => "help-training-example",
        Usage::TrainingSignUp => "example-training-sign-up",
        Usage::TrainingWithdraw => "example-training-withdraw",
        Usage::TrainingCancel => "example-training-cancel",
        Usage::TrainingSignInSheet => "example-training-sheet",
        Usage::TrainingAttended => "example-training-attended",
        Usage::TrainingSummary => "example-training-summary",
        Usage::GroupList => "example-group-list",
        Usage::GroupCreate => "help-group-example",
        Usage::GroupJoin => "example-group-join",
        Usage::GroupReport => "example-group-report",
        Usage::GroupClose => "example-group-close",
        Usage::GroupExtend => "example-group-extend",
        Usage::GroupAttach => "example-group-attach",
    }
}

/// `!help`: one line per command, then how to get the details.
pub fn help_overview(wording: &Wording<'_>) -> String {
    let mut text = wording.get("help-title");
    text.push_str("\n\n");
    for topic in HELP_ORDER {
        text.push_str("- ");
        text.push_str(&wording.get(&format!("help-{}-summary", topic.key())));
        text.push('\n');
    }
    text.push('\n');
    text.push_str(&wording.get("help-footer"));
    text
}

/// `!help <topic>`: what the command does, and an example to copy.
pub fn help_topic(wording: &Wording<'_>, topic: Topic) -> String {
    format!(
        "**!{name}**\n\n{details}\n\n{example_label} `{example}`",
        name = topic_name(topic, wording.language),
        details = wording.get(&format!("help-{}-details", topic.key())),
        example_label = wording.get("help-example"),
        example = example(wording, topic_example(topic)),
    )
}

/// An example of one form of a command, ready to copy (`!langue en`).
pub fn example(wording: &Wording<'_>, usage: Usage) -> String {
    wording.get(example_id(usage))
}

#[cfg(test)]
mod tests {
    use super::*;
    use crate::command::topic_named;
    use crate::domain::Language;
    use crate::i18n::Texts;

    fn texts() -> Texts {
        Texts::new().expect("locales")
    }

    #[test]
    fn every_topic_is_reachable_by_its_names_in_both_languages() {
        for topic in HELP_ORDER {
            for language in Language::ALL {
                assert_eq!(topic_named(topic_name(topic, language)), Some(topic));
            }
        }
    }

    #[test]
    fn every_form_has_an_example_that_parses_in_both_languages() {
        let texts = texts();
        for language in Language::ALL {
            for usage in Usage::ALL {
                let example = example(
                    &Wording::new(&texts, language, chrono_tz::Europe::Paris),
                    usage,
                );
                assert!(
                    matches!(crate::command::parse(&example), Ok(Some(_))),
                    "{usage:?} in {language:?}: {example}"
                );
            }
        }
    }

    #[test]
    fn the_overview_lists_every_command_by_its_name_in_the_room_language() {
        let texts = texts();
        let french = help_overview(&Wording::new(
            &texts,
            Language::Fr,
            chrono_tz::Europe::Paris,
        ));
        assert!(
            french.contains("`!aide`") && french.contains("`!langue`"),
            "{french}"
        );
        let english = help_overview(&Wording::new(
            &texts,
            Language::En,
            chrono_tz::Europe::Paris,
        ));
        assert!(
            english.contains("`!help`") && english.contains("`!language`"),
            "{english}"
        );
    }

    #[test]
    fn every_topic_has_details_and_an_example_in_both_languages() {
        let texts = texts();
        for language in Language::ALL {
            for topic in HELP_ORDER {
                let text = help_topic(
                    &Wording::new(&texts, language, chrono_tz::Europe::Paris),
                    topic,
                );
                assert!(!text.contains("help-"), "missing text in {text}");
                let example = example(
                    &Wording::new(&texts, language, chrono_tz::Europe::Paris),
                    topic_example(topic),
                );
                assert!(
                    example.starts_with(&format!("!{}", topic_name(topic, language))),
                    "{example}"
                );
                // The example must itself be a valid command.
                assert!(
                    matches!(crate::command::parse(&example), Ok(Some(_))),
                    "{example}"
                );
            }
        }
    }

    #[test]
    fn the_notes_after_a_list_of_forms_stand_in_their_own_paragraph() {
        // Otherwise Markdown glues them to the last line of the list.
        let texts = texts();
        let french = help_topic(
            &Wording::new(&texts, Language::Fr, chrono_tz::Europe::Paris),
            Topic::Meeting,
        );
        assert!(
            french.contains("tout membre peut clore\n\nDates possibles"),
            "{french}"
        );
        let english = help_topic(
            &Wording::new(&texts, Language::En, chrono_tz::Europe::Paris),
            Topic::Agenda,
        );
        assert!(
            english.contains("in the minutes)\n\nUntreated"),
            "{english}"
        );
    }
}
