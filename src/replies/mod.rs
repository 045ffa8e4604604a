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
use fluent_bundle::FluentValue;

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

/// How the room reads the bot: the texts, the room's language, the group's time zone. Every
/// reply is worded through one.
#[derive(Clone, Copy)]
pub struct Wording<'a> {
    pub texts: &'a Texts,
    pub language: Language,
    pub time_zone: Tz,
}

impl<'a> Wording<'a> {
    pub fn new(texts: &'a Texts, language: Language, time_zone: Tz) -> Self {
        Self {
            texts,
            language,
            time_zone,
        }
    }

    /// The same, in another language (`!langue en` answers in English).
    pub fn in_language(self, language: Language) -> Self {
        Self { language, ..self }
    }

    /// A text without arguments.
    pub fn get(&self, id: &str) -> String {
        self.texts.get(self.language, id)
    }

    /// A text with its arguments.
    pub fn format(&self, id: &str, args: &[(&str, FluentValue<'_>)]) -> String {
        self.texts.format(self.language, id, args)
    }
}

/// The bot's greeting when it joins a room.
pub fn welcome(wording: &Wording<'_>) -> String {
    wording.get("welcome")
}

/// The one answer to a flood of commands.
pub fn slow_down(wording: &Wording<'_>) -> String {
    wording.get("error-slow-down")
}

/// The apology for a command the bot could not handle at all.
pub fn internal_error(wording: &Wording<'_>) -> String {
    wording.get("error-internal")
}

/// `!language`: which language the room's replies are in.
pub fn language_current(wording: &Wording<'_>) -> String {
    wording.get("language-current")
}

/// `!language en`: said in the new language.
pub fn language_changed(wording: &Wording<'_>) -> String {
    wording.get("language-changed")
}

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
                    .map(|given| format!(" (« {} »)", escape_markdown(given)))
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

/// Why an agenda operation was refused, with what would work.
pub fn agenda_error(wording: &Wording<'_>, error: &AgendaError) -> String {
    match error {
        AgendaError::NoSuchItem { number, count: 0 } => {
            wording.format("error-no-such-item-empty", &[("number", (*number).into())])
        }
        AgendaError::NoSuchItem { number, count } => wording.format(
            "error-no-such-item",
            &[("number", (*number).into()), ("count", (*count).into())],
        ),
        AgendaError::ImpossiblePosition {
            number,
            lowest,
            highest,
        } => wording.format(
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
pub fn meeting_name(wording: &Wording<'_>, meeting: &Meeting) -> String {
    let Some(starts_at) = meeting.starts_at else {
        return wording.get("agenda-meeting-unscheduled");
    };
    let date = format_date_time(starts_at, wording.time_zone, wording.language);
    match &meeting.place {
        Some(place) => wording.format(
            "agenda-meeting-scheduled-at",
            &[
                ("date", date.into()),
                ("place", escape_markdown(place).into()),
            ],
        ),
        None => wording.format("agenda-meeting-scheduled", &[("date", date.into())]),
    }
}

/// The agenda as a numbered list: urgent items first, who added each (and for which
/// association, when known), what was treated or carried over.
pub fn agenda_list(
    wording: &Wording<'_>,
    meeting: &Meeting,
    agenda: &Agenda,
    membership: &HashMap<UserId, String>,
) -> String {
    let meeting = meeting_name(wording, meeting);
    if agenda.is_empty() {
        return wording.format("agenda-empty", &[("meeting", meeting.into())]);
    }
    let mut text = wording.format("agenda-title", &[("meeting", meeting.into())]);
    text.push_str("\n\n");
    for (index, item) in agenda.items().iter().enumerate() {
        text.push_str(&format!("{}. ", index + 1));
        let association = membership.get(&item.author).map(String::as_str);
        text.push_str(&agenda_line(wording, item, association));
        text.push('\n');
    }
    text
}

fn agenda_line(wording: &Wording<'_>, item: &AgendaItem, association: Option<&str>) -> String {
    let mut line = String::new();
    if item.urgent {
        line.push_str(&wording.get("agenda-item-urgent"));
        line.push_str(" — ");
    }
    line.push_str(&item_text(&item.text));
    let mut by = wording.format("agenda-item-by", &[("author", author(item).into())]);
    if let Some(association) = association {
        by.push_str(&format!(" ({})", escape_markdown(association)));
    }
    let mut notes = vec![by];
    if let Some(from) = item.carried_from {
        notes.push(wording.format(
            "agenda-item-carried",
            &[(
                "date",
                format_date(from, wording.time_zone, wording.language).into(),
            )],
        ));
    }
    if item.status == crate::domain::ItemStatus::Treated {
        notes.push(wording.get("agenda-item-treated"));
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
            &Wording::new(&texts, Language::Fr, chrono_tz::Europe::Paris),
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
        let text = association_list(
            &Wording::new(&texts, Language::Fr, chrono_tz::Europe::Paris),
            &[],
            &HashMap::new(),
            &[],
        );
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
