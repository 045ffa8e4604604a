//! What the bot says: command results and parse errors turned into Markdown, in the room's
//! language. Pure functions over [`Texts`]; the service decides when to say it.

mod agenda;
mod help;
mod meetings;
mod permissions;
mod polls;
mod record;
mod reminders;

use std::collections::HashMap;

use chrono_tz::Tz;

pub use agenda::*;
pub use help::*;
pub use meetings::*;
pub use permissions::*;
pub use polls::*;
pub use record::*;
pub use reminders::*;

use crate::command::{ParseError, Usage};
use crate::domain::agenda::MAX_ITEM_LENGTH;
use crate::domain::limits::MAX_PLACE_LENGTH;
use crate::domain::meeting::{format_date, format_date_time};
use crate::domain::poll::{
    MAX_OPTION_LENGTH, MAX_POLL_OPTIONS, MAX_QUESTION_LENGTH, MIN_POLL_OPTIONS,
};
use crate::domain::record::MAX_DECISION_LENGTH;
use crate::domain::{Agenda, AgendaError, AgendaItem, Language, Meeting, UserId};
use crate::i18n::{Texts, escape_markdown};

/// The bot's greeting when it joins a room.
pub fn welcome(texts: &Texts, language: Language) -> String {
    texts.get(language, "welcome")
}

/// The one answer to a flood of commands.
pub fn slow_down(texts: &Texts, language: Language) -> String {
    texts.get(language, "error-slow-down")
}

/// The apology for a command the bot could not handle at all.
pub fn internal_error(texts: &Texts, language: Language) -> String {
    texts.get(language, "error-internal")
}

/// `!language`: which language the room's replies are in.
pub fn language_current(texts: &Texts, language: Language) -> String {
    texts.get(language, "language-current")
}

/// `!language en`: said in the new language.
pub fn language_changed(texts: &Texts, language: Language) -> String {
    texts.get(language, "language-changed")
}

/// A friendly explanation of what was wrong, with the right form.
pub fn parse_error(texts: &Texts, language: Language, error: &ParseError) -> String {
    match error {
        ParseError::UnknownCommand {
            name,
            suggestion: None,
        } => texts.format(
            language,
            "error-unknown-command",
            &[("name", escape_markdown(name).into())],
        ),
        ParseError::UnknownCommand {
            name,
            suggestion: Some(suggestion),
        } => texts.format(
            language,
            "error-unknown-command-suggestion",
            &[
                ("name", escape_markdown(name).into()),
                ("suggestion", (*suggestion).into()),
            ],
        ),
        ParseError::UnknownHelpTopic { given } => texts.format(
            language,
            "error-unknown-help-topic",
            &[("given", escape_markdown(given).into())],
        ),
        ParseError::UnknownLanguage { given } => texts.format(
            language,
            "error-unknown-language",
            &[("given", escape_markdown(given).into())],
        ),
        ParseError::UnexpectedWords { usage, extra } => texts.format(
            language,
            "error-unexpected-words",
            &[
                ("extra", escape_markdown(extra).into()),
                ("example", example(texts, language, *usage).into()),
            ],
        ),
        ParseError::UnknownAgendaAction { given } => texts.format(
            language,
            "error-unknown-agenda-action",
            &[("given", escape_markdown(given).into())],
        ),
        ParseError::EmptyItemText { usage } => texts.format(
            language,
            "error-empty-item",
            &[("example", example(texts, language, *usage).into())],
        ),
        ParseError::ItemTextTooLong { length } => texts.format(
            language,
            "error-item-too-long",
            &[
                ("length", (*length).into()),
                ("max", MAX_ITEM_LENGTH.into()),
            ],
        ),
        ParseError::PlaceTooLong { length } => texts.format(
            language,
            "error-place-too-long",
            &[
                ("length", (*length).into()),
                ("max", MAX_PLACE_LENGTH.into()),
                (
                    "example",
                    example(texts, language, Usage::MeetingPlace).into(),
                ),
            ],
        ),
        ParseError::ExpectedNumber { usage, given: None } => texts.format(
            language,
            "error-missing-number",
            &[("example", example(texts, language, *usage).into())],
        ),
        ParseError::ExpectedNumber {
            usage,
            given: Some(given),
        } => texts.format(
            language,
            "error-expected-number",
            &[
                ("given", escape_markdown(given).into()),
                ("example", example(texts, language, *usage).into()),
            ],
        ),
        ParseError::UnknownMeetingAction { given } => texts.format(
            language,
            "error-unknown-meeting-action",
            &[("given", escape_markdown(given).into())],
        ),
        ParseError::OptionCount { count } => texts.format(
            language,
            "error-option-count",
            &[("count", (*count).into())],
        ),
        ParseError::MissingArgument { usage } => texts.format(
            language,
            "error-missing-argument",
            &[("example", example(texts, language, *usage).into())],
        ),
        ParseError::ExpectedUser { given } => texts.format(
            language,
            "error-expected-user",
            &[(
                "given",
                given
                    .as_deref()
                    .map(|given| format!(" (« {} »)", escape_markdown(given)))
                    .unwrap_or_default()
                    .into(),
            )],
        ),
        ParseError::PollQuestionMissing => texts.format(
            language,
            "error-poll-question-missing",
            &[(
                "example",
                example(texts, language, Usage::PollCreate).into(),
            )],
        ),
        ParseError::PollQuestionTooLong { length } => texts.format(
            language,
            "error-poll-question-too-long",
            &[
                ("length", (*length).into()),
                ("max", MAX_QUESTION_LENGTH.into()),
            ],
        ),
        ParseError::PollOptionCount { count } => texts.format(
            language,
            "error-poll-option-count",
            &[
                ("count", (*count).into()),
                ("min", MIN_POLL_OPTIONS.into()),
                ("max", MAX_POLL_OPTIONS.into()),
            ],
        ),
        ParseError::PollOptionLength { number, length: 0 } => texts.format(
            language,
            "error-poll-option-empty",
            &[("number", (*number).into())],
        ),
        ParseError::PollOptionLength { number, length } => texts.format(
            language,
            "error-poll-option-too-long",
            &[
                ("number", (*number).into()),
                ("length", (*length).into()),
                ("max", MAX_OPTION_LENGTH.into()),
            ],
        ),
        ParseError::PollOptionDuplicate { first, second } => texts.format(
            language,
            "error-poll-option-duplicate",
            &[("first", (*first).into()), ("second", (*second).into())],
        ),
        ParseError::PollDeadlineWithoutQuestion => {
            texts.get(language, "error-poll-deadline-without-question")
        }
        ParseError::DecisionTooLong { length } => texts.format(
            language,
            "error-decision-too-long",
            &[
                ("length", (*length).into()),
                ("max", MAX_DECISION_LENGTH.into()),
            ],
        ),
        ParseError::ReminderOffsets => meeting_offsets_error(texts, language),
    }
}

/// Why an agenda operation was refused, with what would work.
pub fn agenda_error(texts: &Texts, language: Language, error: &AgendaError) -> String {
    match error {
        AgendaError::NoSuchItem { number, count: 0 } => texts.format(
            language,
            "error-no-such-item-empty",
            &[("number", (*number).into())],
        ),
        AgendaError::NoSuchItem { number, count } => texts.format(
            language,
            "error-no-such-item",
            &[("number", (*number).into()), ("count", (*count).into())],
        ),
        AgendaError::ImpossiblePosition {
            number,
            lowest,
            highest,
        } => texts.format(
            language,
            "error-impossible-position",
            &[
                ("number", (*number).into()),
                ("lowest", (*lowest).into()),
                ("highest", (*highest).into()),
            ],
        ),
    }
}

/// "la prochaine réunion (date pas encore fixée)", "la réunion du jeudi 10 décembre 2026 à 14 h".
pub fn meeting_name(texts: &Texts, language: Language, time_zone: Tz, meeting: &Meeting) -> String {
    let Some(starts_at) = meeting.starts_at else {
        return texts.get(language, "agenda-meeting-unscheduled");
    };
    let date = format_date_time(starts_at, time_zone, language);
    match &meeting.place {
        Some(place) => texts.format(
            language,
            "agenda-meeting-scheduled-at",
            &[
                ("date", date.into()),
                ("place", escape_markdown(place).into()),
            ],
        ),
        None => texts.format(
            language,
            "agenda-meeting-scheduled",
            &[("date", date.into())],
        ),
    }
}

/// The agenda as a numbered list: urgent items first, who added each (and for which
/// association, when known), what was treated or carried over.
pub fn agenda_list(
    texts: &Texts,
    language: Language,
    time_zone: Tz,
    meeting: &Meeting,
    agenda: &Agenda,
    membership: &HashMap<UserId, String>,
) -> String {
    let meeting = meeting_name(texts, language, time_zone, meeting);
    if agenda.is_empty() {
        return texts.format(language, "agenda-empty", &[("meeting", meeting.into())]);
    }
    let mut text = texts.format(language, "agenda-title", &[("meeting", meeting.into())]);
    text.push_str("\n\n");
    for (index, item) in agenda.items().iter().enumerate() {
        text.push_str(&format!("{}. ", index + 1));
        let association = membership.get(&item.author).map(String::as_str);
        text.push_str(&agenda_line(texts, language, time_zone, item, association));
        text.push('\n');
    }
    text
}

fn agenda_line(
    texts: &Texts,
    language: Language,
    time_zone: Tz,
    item: &AgendaItem,
    association: Option<&str>,
) -> String {
    let mut line = String::new();
    if item.urgent {
        line.push_str(&texts.get(language, "agenda-item-urgent"));
        line.push_str(" — ");
    }
    line.push_str(&item_text(&item.text));
    let mut by = texts.format(
        language,
        "agenda-item-by",
        &[("author", author(item).into())],
    );
    if let Some(association) = association {
        by.push_str(&format!(" ({})", escape_markdown(association)));
    }
    let mut notes = vec![by];
    if let Some(from) = item.carried_from {
        notes.push(texts.format(
            language,
            "agenda-item-carried",
            &[("date", format_date(from, time_zone, language).into())],
        ));
    }
    if item.status == crate::domain::ItemStatus::Treated {
        notes.push(texts.get(language, "agenda-item-treated"));
    }
    line.push_str(" — ");
    line.push_str(&notes.join(", "));
    line
}

/// The item's author as the room knows them: display name, else user id.
pub fn author(item: &AgendaItem) -> String {
    escape_markdown(item.author_name.as_deref().unwrap_or(item.author.as_str()))
}

/// An item's text made safe for one Markdown line.
pub fn item_text(text: &str) -> String {
    escape_markdown(&text.split_whitespace().collect::<Vec<_>>().join(" "))
}

#[cfg(test)]
mod tests {
    use super::*;

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
            let reply = parse_error(&texts, Language::Fr, &error);
            assert!(reply.contains(example), "{body}: {reply}");
            assert!(!reply.contains("clore"), "{body}: {reply}");
        }
        let place = format!("!réunion lieu {}", "x".repeat(MAX_PLACE_LENGTH + 5));
        let error = crate::command::parse(&place).expect_err("an error");
        let reply = parse_error(&texts, Language::Fr, &error);
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
        let text = parse_error(&texts, Language::Fr, &error);
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
        let text = parse_error(&texts, Language::En, &error);
        assert!(text.contains("\\<klingon\\>"), "{text}");
        assert!(text.contains("`!language en`"), "{text}");
    }

    #[test]
    fn votes_in_a_room_without_associations_count_people_only() {
        use crate::domain::UserId;
        use crate::domain::votes::OptionResult;
        let texts = texts();
        let ranked = vec![OptionResult {
            number: 1,
            starts_at: crate::testing::at("2026-12-10T13:00:00Z"),
            voters: vec![UserId::new("@alice:localhost")],
            covered: Vec::new(),
            missing: Vec::new(),
        }];
        let text = votes(
            &texts,
            Language::Fr,
            chrono_tz::Europe::Paris,
            &ranked,
            &HashMap::new(),
        );
        assert!(
            text.contains("1️⃣ jeudi 10 décembre 2026 à 14 h — 1 personne\n"),
            "{text}"
        );
        assert!(!text.contains("association"), "{text}");
    }

    #[test]
    fn a_room_without_associations_is_told_how_to_add_them() {
        let texts = texts();
        let text = association_list(&texts, Language::Fr, &[], &HashMap::new(), &[]);
        assert!(
            text.contains("Aucune association n'est encore connue"),
            "{text}"
        );
        assert!(
            text.contains("`!association set @marie:exemple.fr Secours populaire`"),
            "{text}"
        );
    }
}
