//! A command that could not be read: what was wrong, with an example of the right form.

use super::help::example;
use super::reminders::meeting_offsets_error;
use super::wording::Wording;
use crate::command::{ParseError, Usage};
use crate::domain::agenda::MAX_ITEM_LENGTH;
use crate::domain::email::MAX_EMAIL_NAME;
use crate::domain::guest::MAX_GUEST_TEXT;
use crate::domain::limits::MAX_PLACE_LENGTH;
use crate::domain::poll::{
    MAX_OPTION_LENGTH, MAX_POLL_OPTIONS, MAX_QUESTION_LENGTH, MIN_POLL_OPTIONS,
};
use crate::domain::record::MAX_DECISION_LENGTH;
use crate::i18n::escape_markdown;

/// A friendly explanation of what was wrong, with the right form.
pub fn parse_error(wording: &Wording<'_>, error: &ParseError) -> String {
    match error {
        ParseError::UnknownCommand {
            name,
            suggestion: None,
        } => wording.format(
            "error-unknown-command",
            &[("name", escape_markdown(name).into())],
        ),
        ParseError::UnknownCommand {
            name,
            suggestion: Some(suggestion),
        } => wording.format(
            "error-unknown-command-suggestion",
            &[
                ("name", escape_markdown(name).into()),
                ("suggestion", (*suggestion).into()),
            ],
        ),
        ParseError::UnknownHelpTopic { given } => wording.format(
            "error-unknown-help-topic",
            &[("given", escape_markdown(given).into())],
        ),
        ParseError::UnknownLanguage { given } => wording.format(
            "error-unknown-language",
            &[("given", escape_markdown(given).into())],
        ),
        ParseError::UnexpectedWords { usage, extra } => wording.format(
            "error-unexpected-words",
            &[
                ("extra", escape_markdown(extra).into()),
                ("example", example(wording, *usage).into()),
            ],
        ),
        ParseError::UnknownAgendaAction { given } => wording.format(
            "error-unknown-agenda-action",
            &[("given", escape_markdown(given).into())],
        ),
        ParseError::EmptyItemText { usage } => wording.format(
            "error-empty-item",
            &[("example", example(wording, *usage).into())],
        ),
        ParseError::NoteTooLong { length } => wording.format(
            "error-note-too-long",
            &[
                ("length", (*length).into()),
                ("max", MAX_ITEM_LENGTH.into()),
            ],
        ),
        ParseError::ExpectedEmail { given } => {
            wording.format("error-expected-email", &[("given", given.as_str().into())])
        }
        ParseError::EmailTextTooLong { length } => wording.format(
            "error-email-too-long",
            &[("length", (*length).into()), ("max", MAX_EMAIL_NAME.into())],
        ),
        ParseError::TitleTooLong { length } => wording.format(
            "error-title-too-long",
            &[
                ("length", (*length).into()),
                ("max", crate::domain::letter::MAX_TITLE_LENGTH.into()),
            ],
        ),
        ParseError::ExpectedYear { given } => wording.format(
            "error-expected-year",
            &[
                ("given", escape_markdown(given).into()),
                ("example", example(wording, Usage::TrainingSummary).into()),
            ],
        ),
        ParseError::GuestTextTooLong { length } => wording.format(
            "error-guest-too-long",
            &[("length", (*length).into()), ("max", MAX_GUEST_TEXT.into())],
        ),
        ParseError::ItemTextTooLong { length } => wording.format(
            "error-item-too-long",
            &[
                ("length", (*length).into()),
                ("max", MAX_ITEM_LENGTH.into()),
            ],
        ),
        ParseError::PlaceTooLong { length } => wording.format(
            "error-place-too-long",
            &[
                ("length", (*length).into()),
                ("max", MAX_PLACE_LENGTH.into()),
                ("example", example(wording, Usage::MeetingPlace).into()),
            ],
        ),
        ParseError::ExpectedNumber { usage, given: None } => wording.format(
            "error-missing-number",
            &[("example", example(wording, *usage).into())],
        ),
        ParseError::ExpectedNumber {
            usage,
            given: Some(given),
        } => wording.format(
            "error-expected-number",
            &[
                ("given", escape_markdown(given).into()),
                ("example", example(wording, *usage).into()),
            ],
        ),
        ParseError::UnknownMeetingAction { given } => wording.format(
            "error-unknown-meeting-action",
            &[("given", escape_markdown(given).into())],
        ),
        ParseError::UnknownRhythm { given } => wording.format(
            "error-unknown-rhythm",
            &[("given", escape_markdown(given).into())],
        ),
        ParseError::OptionCount { count } => {
            wording.format("error-option-count", &[("count", (*count).into())])
        }
        ParseError::MissingArgument { usage } => wording.format(
            "error-missing-argument",
            &[("example", example(wording, *usage).into())],
        ),
        ParseError::ExpectedUser { given } => wording.format(
            "error-expected-user",
            &[(
                "given",
                given
                    .as_deref()
                    .map(|given| format!(" ({})", wording.quoted(&escape_markdown(given))))
                    .unwrap_or_default()
                    .into(),
            )],
        ),
        ParseError::PollQuestionMissing => wording.format(
            "error-poll-question-missing",
            &[("example", example(wording, Usage::PollCreate).into())],
        ),
        ParseError::PollQuestionTooLong { length } => wording.format(
            "error-poll-question-too-long",
            &[
                ("length", (*length).into()),
                ("max", MAX_QUESTION_LENGTH.into()),
            ],
        ),
        ParseError::PollOptionCount { count } => wording.format(
            "error-poll-option-count",
            &[
                ("count", (*count).into()),
                ("min", MIN_POLL_OPTIONS.into()),
                ("max", MAX_POLL_OPTIONS.into()),
            ],
        ),
        ParseError::PollOptionLength { number, length: 0 } => {
            wording.format("error-poll-option-empty", &[("number", (*number).into())])
        }
        ParseError::PollOptionLength { number, length } => wording.format(
            "error-poll-option-too-long",
            &[
                ("number", (*number).into()),
                ("length", (*length).into()),
                ("max", MAX_OPTION_LENGTH.into()),
            ],
        ),
        ParseError::PollOptionDuplicate { first, second } => wording.format(
            "error-poll-option-duplicate",
            &[("first", (*first).into()), ("second", (*second).into())],
        ),
        ParseError::PollDeadlineWithoutQuestion => {
            wording.get("error-poll-deadline-without-question")
        }
        ParseError::DecisionTooLong { length } => wording.format(
            "error-decision-too-long",
            &[
                ("length", (*length).into()),
                ("max", MAX_DECISION_LENGTH.into()),
            ],
        ),
        ParseError::ReminderOffsets => meeting_offsets_error(wording),
    }
}

#[cfg(test)]
mod tests {
    use super::*;
    use crate::domain::Language;
    use crate::domain::limits::MAX_PLACE_LENGTH;
    use crate::i18n::Texts;

    fn texts() -> Texts {
        Texts::new().expect("locales")
    }

    #[test]
    fn each_meeting_form_shows_its_own_example() {
        let texts = texts();
        for (body, example) in [
            ("!réunion votes 2", "`!réunion votes`"),
            ("!réunion annuler tout", "`!réunion annuler`"),
        ] {
            let error = crate::command::parse(body).expect_err("an error");
            let reply = parse_error(
                &Wording::new(&texts, Language::Fr, chrono_tz::Europe::Paris),
                &error,
            );
            assert!(reply.contains(example), "{body}: {reply}");
            assert!(!reply.contains("clore"), "{body}: {reply}");
        }
        let place = format!("!réunion lieu {}", "x".repeat(MAX_PLACE_LENGTH + 5));
        let error = crate::command::parse(&place).expect_err("an error");
        let reply = parse_error(
            &Wording::new(&texts, Language::Fr, chrono_tz::Europe::Paris),
            &error,
        );
        assert!(
            reply.starts_with("Ce lieu fait 205 caractères, 200 au plus"),
            "{reply}"
        );
        assert!(reply.contains("`!réunion lieu "), "{reply}");
    }

    #[test]
    fn an_unknown_command_reply_names_it_and_suggests_the_nearest() {
        let texts = texts();
        let error = ParseError::UnknownCommand {
            name: "aied".into(),
            suggestion: Some("aide"),
        };
        let text = parse_error(
            &Wording::new(&texts, Language::Fr, chrono_tz::Europe::Paris),
            &error,
        );
        assert!(
            text.contains("`!aied`") && text.contains("`!aide`"),
            "{text}"
        );
    }

    #[test]
    fn a_wrong_language_reply_shows_an_example() {
        let texts = texts();
        let error = ParseError::UnknownLanguage {
            given: "<klingon>".into(),
        };
        let text = parse_error(
            &Wording::new(&texts, Language::En, chrono_tz::Europe::Paris),
            &error,
        );
        assert!(text.contains("\\<klingon\\>"), "{text}");
        assert!(text.contains("`!language en`"), "{text}");
    }
}
