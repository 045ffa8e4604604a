//! `!mes-données` / `!my-data`: the copy of what the bot holds about a person, as Markdown
//! (the JSON is [`SubjectData::to_json`]), and what the room is told.

use std::collections::HashMap;

use chrono::{DateTime, Utc};

use super::wording::Wording;
use crate::domain::RoomId;
use crate::domain::subject::{About, ErasedAs, Forgotten, SubjectData, Written};
use crate::i18n::escape_markdown;

/// The copy, readable: one section per kind of data, each line with its room and its date.
/// `rooms`: the rooms' names where known (else their ids); `made`: when it was made.
pub fn subject_document(
    wording: &Wording<'_>,
    data: &SubjectData,
    rooms: &HashMap<RoomId, String>,
    made: DateTime<Utc>,
) -> String {
    let room = |id: &RoomId| escape_markdown(rooms.get(id).map_or(id.as_str(), String::as_str));
    // A member by their id; a person known by e-mail by their name and address.
    let person = match (&data.person, data.known_by_email.first()) {
        (Some(person), _) => person.as_str().to_owned(),
        (None, Some(entry)) => entry.text.clone(),
        (None, None) => String::new(),
    };
    let mut text = format!(
        "# {}\n\n{}",
        wording.format("subject-title", &[("person", person.into())]),
        wording.format("subject-made", &[("date", wording.date_time(made).into())]),
    );
    if data.is_empty() {
        text.push_str("\n\n");
        text.push_str(&wording.get("subject-nothing"));
        text.push('\n');
        return text;
    }
    let mut section = |heading: &str, lines: Vec<String>| {
        if lines.is_empty() {
            return;
        }
        text.push_str(&format!("\n\n## {}\n", wording.get(heading)));
        for line in lines {
            text.push_str("\n- ");
            text.push_str(&line);
        }
    };
    section(
        "subject-associations",
        data.associations
            .iter()
            .map(|membership| {
                wording.labelled(
                    &room(&membership.room),
                    &escape_markdown(&membership.association),
                )
            })
            .collect(),
    );
    let written = |list: &[Written]| -> Vec<String> {
        list.iter()
            .map(|entry| {
                let number = entry
                    .number
                    .map(|number| format!("{} ", wording.number(number)))
                    .unwrap_or_default();
                format!(
                    "{} — {} — {number}{}",
                    room(&entry.room),
                    wording.date_time(entry.at),
                    escape_markdown(&entry.text)
                )
            })
            .collect()
    };
    section("subject-agenda-items", written(&data.agenda_items));
    section("subject-notes", written(&data.notes));
    section("subject-decisions", written(&data.decisions));
    section("subject-actions", written(&data.actions));
    section("subject-reminders", written(&data.reminders));
    section("subject-polls", written(&data.polls));
    section(
        "subject-answers",
        data.answers
            .iter()
            .map(|answer| {
                let what = match &answer.about {
                    About::Poll {
                        number,
                        question,
                        choice,
                    } => wording.format(
                        "subject-answer-poll",
                        &[
                            ("number", wording.number(number).into()),
                            ("question", escape_markdown(question).into()),
                            (
                                "choice",
                                escape_markdown(choice.as_deref().unwrap_or("—")).into(),
                            ),
                        ],
                    ),
                    About::Dates { option, if_need_be } => wording.format(
                        if *if_need_be {
                            "subject-answer-dates-if-need-be"
                        } else {
                            "subject-answer-dates"
                        },
                        &[(
                            "option",
                            option.map_or("—".to_owned(), |o| o.to_string()).into(),
                        )],
                    ),
                    About::Attendance { meeting, coming } => wording.format(
                        "subject-answer-attendance",
                        &[
                            (
                                "meeting",
                                meeting
                                    .map_or(String::new(), |at| wording.date_time(at))
                                    .into(),
                            ),
                            (
                                "answer",
                                match coming {
                                    Some(true) => "yes",
                                    Some(false) => "no",
                                    None => "none",
                                }
                                .into(),
                            ),
                        ],
                    ),
                };
                let reason = answer
                    .reason
                    .as_deref()
                    .map(|reason| format!(" — {}", escape_markdown(reason)))
                    .unwrap_or_default();
                format!(
                    "{} — {} — {what}{reason}",
                    room(&answer.room),
                    wording.date_time(answer.at)
                )
            })
            .collect(),
    );
    section(
        "subject-approvals",
        data.approvals
            .iter()
            .map(|entry| {
                let meeting = DateTime::parse_from_rfc3339(&entry.text)
                    .map(|at| wording.date_time(at.with_timezone(&Utc)))
                    .unwrap_or_else(|_| escape_markdown(&entry.text));
                format!(
                    "{} — {} — {}",
                    room(&entry.room),
                    wording.date_time(entry.at),
                    wording.format("subject-approval", &[("meeting", meeting.into())])
                )
            })
            .collect(),
    );
    section("subject-guests", written(&data.guests_added));
    section("subject-people", written(&data.people_added));
    section("subject-mandates", written(&data.mandates));
    section("subject-contacts", written(&data.contacts_added));
    section("subject-trainings", written(&data.trainings));
    section("subject-known-by-email", written(&data.known_by_email));
    section("subject-emails", written(&data.emails));
    text.push('\n');
    text
}

/// In the room: the copy went to them in a direct room.
pub fn subject_sent(wording: &Wording<'_>) -> String {
    wording.get("subject-sent")
}

/// In the direct room, above the two files.
pub fn subject_intro(wording: &Wording<'_>, empty: bool) -> String {
    wording.get(if empty {
        "subject-intro-empty"
    } else {
        "subject-intro"
    })
}

/// What stands for a forgotten member in the record.
pub fn erased_as(wording: &Wording<'_>, erased: &ErasedAs) -> String {
    match erased {
        ErasedAs::MemberOf(association) => wording.format(
            "erased-member-of",
            &[("association", association.clone().into())],
        ),
        ErasedAs::Member => wording.get("erased-member"),
    }
}

/// In the room: a person known by e-mail erased themselves from their personal page.
pub fn email_person_erased(
    wording: &Wording<'_>,
    person: &crate::domain::email::EmailPerson,
) -> String {
    wording.format(
        "email-person-erased",
        &[
            ("number", person.number.into()),
            ("name", escape_markdown(&person.name).into()),
            ("association", escape_markdown(&person.association).into()),
        ],
    )
}

/// `!forget-me` from someone the bot holds nothing about.
pub fn forget_nothing(wording: &Wording<'_>) -> String {
    wording.get("forget-nothing")
}

/// `!forget-me`: what would go, what would stay, how to confirm.
pub fn forget_asked(wording: &Wording<'_>, data: &SubjectData) -> String {
    let record = data.agenda_items.len()
        + data.notes.len()
        + data.decisions.len()
        + data.actions.len()
        + data.polls.len()
        + data.approvals.len()
        + data.guests_added.len()
        + data.people_added.len()
        + data.mandates.len()
        + data.contacts_added.len()
        + data.trainings.len();
    let associations: Vec<String> = data
        .associations
        .iter()
        .map(|membership| escape_markdown(&membership.association))
        .collect();
    wording.format(
        "forget-asked",
        &[
            ("answers", data.answers.len().into()),
            ("reminders", data.reminders.len().into()),
            ("associations", associations.len().into()),
            (
                "association_names",
                wording.semicolons(&associations).into(),
            ),
            ("record", record.into()),
        ],
    )
}

/// `!forget-me confirm` without a request waiting.
pub fn forget_confirm_first(wording: &Wording<'_>) -> String {
    wording.get("forget-confirm-first")
}

/// `!forget-me confirm`: done.
pub fn forgotten(wording: &Wording<'_>, forgotten: &Forgotten) -> String {
    wording.format(
        "forgotten",
        &[
            (
                "deleted",
                (forgotten.answers_deleted + forgotten.deleted).into(),
            ),
            ("anonymized", forgotten.answers_anonymized.into()),
            ("relabelled", forgotten.relabelled.into()),
        ],
    )
}

#[cfg(test)]
mod tests {
    use super::*;
    use crate::domain::subject::{Answered, Membership};
    use crate::domain::{Language, UserId};
    use crate::i18n::Texts;
    use crate::testing::at;

    #[test]
    fn every_kind_of_data_has_its_section_with_its_room_and_date() {
        let texts = Texts::new().expect("locales");
        let room = RoomId::new("!r");
        let names = HashMap::from([(room.clone(), "Concertation 77".to_owned())]);
        let line = |text: &str| Written {
            room: room.clone(),
            number: Some(3),
            text: text.into(),
            at: at("2026-12-01T10:00:00Z"),
        };
        let data = SubjectData {
            person: Some(UserId::new("@marie:example.org")),
            associations: vec![Membership {
                room: room.clone(),
                association: "Secours populaire".into(),
            }],
            agenda_items: vec![line("Budget FEAD")],
            decisions: vec![line("Lettre au Préfet")],
            answers: vec![Answered {
                room: room.clone(),
                about: About::Attendance {
                    meeting: Some(at("2026-12-10T13:00:00Z")),
                    coming: Some(true),
                },
                at: at("2026-12-02T10:00:00Z"),
                reason: None,
            }],
            ..SubjectData::default()
        };
        for language in Language::ALL {
            let wording = Wording::new(&texts, language, chrono_tz::Europe::Paris);
            let text = subject_document(&wording, &data, &names, at("2026-12-07T10:00:00Z"));
            for expected in [
                "@marie:example.org",
                "Concertation 77",
                "Secours populaire",
                "Budget FEAD",
                "Lettre au Préfet",
            ] {
                assert!(
                    text.contains(expected),
                    "{language:?}: {expected} in {text}"
                );
            }
            assert_eq!(text.matches("\n## ").count(), 4, "{text}");
            let empty = SubjectData {
                person: data.person.clone(),
                ..SubjectData::default()
            };
            let nothing = subject_document(&wording, &empty, &names, at("2026-12-07T10:00:00Z"));
            assert!(
                nothing.contains(&wording.get("subject-nothing")),
                "{nothing}"
            );
        }
    }
}
