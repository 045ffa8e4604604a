//! The personal page's answers (`/r/<token>`, for someone known by e-mail): what its form
//! sends, read and checked here, and turned into ballot answers counted like any other.
//!
//! Rules:
//! - a form answers one ballot and carries the person's form token (checked by the caller,
//!   in constant time) — anything else in it is ignored;
//! - a date proposal ([`Counting::Approval`]) takes every date ticked, none at all included
//!   (recorded as an answer naming no date: "I can come to none"), and every date ticked "if
//!   need be" (*si nécessaire*) — a date ticked both ways is one the person can come to;
//! - a poll ([`Counting::SingleChoice`]) takes exactly one option;
//! - what a form sends is the person's whole answer: it replaces what they sent before, so the
//!   latest form counts, as the latest reaction does in the room.

use chrono::{DateTime, Utc};

use super::ballot::{Answer, Ballot, Channel, Counting};
use super::ids::{BallotId, EventId, UserId};

/// The form's field naming the ballot it answers.
pub const BALLOT_FIELD: &str = "ballot";
/// The form's field carrying the person's form token.
pub const FORM_TOKEN_FIELD: &str = "form";
/// The form's field, repeated, naming each option chosen (1-based).
pub const OPTION_FIELD: &str = "option";
/// The form's field, repeated, naming each date the person can come to only if need be.
pub const IF_NEED_BE_FIELD: &str = "maybe";

/// A form as sent, not checked against its ballot yet.
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct FormAnswer {
    pub ballot: BallotId,
    pub form_token: String,
    pub options: Vec<usize>,
    /// The dates ticked "if need be".
    pub if_need_be: Vec<usize>,
}

/// Why a form cannot be read or taken.
#[derive(Debug, Clone, PartialEq, Eq, thiserror::Error)]
pub enum FormError {
    #[error("the form lacks its {0} field")]
    Missing(&'static str),
    #[error("the form's {0} field is not a number")]
    NotANumber(&'static str),
    #[error("a poll takes exactly one choice")]
    OneChoice,
    #[error("option {0} is not one of the ballot's")]
    NoSuchOption(usize),
}

/// Reads a form's fields (decoded already), in any order.
pub fn read_form<'a>(
    fields: impl IntoIterator<Item = (&'a str, &'a str)>,
) -> Result<FormAnswer, FormError> {
    let mut ballot = None;
    let mut form_token = None;
    let mut options = Vec::new();
    let mut if_need_be = Vec::new();
    for (name, value) in fields {
        match name {
            BALLOT_FIELD => ballot = Some(number(value, BALLOT_FIELD)?),
            FORM_TOKEN_FIELD => form_token = Some(value.to_owned()),
            OPTION_FIELD => options.push(number(value, OPTION_FIELD)?),
            IF_NEED_BE_FIELD => if_need_be.push(number(value, IF_NEED_BE_FIELD)?),
            _ => {}
        }
    }
    let ballot = ballot.ok_or(FormError::Missing(BALLOT_FIELD))?;
    let ballot = i64::try_from(ballot).map_err(|_| FormError::NotANumber(BALLOT_FIELD))?;
    Ok(FormAnswer {
        ballot: BallotId::new(ballot),
        form_token: form_token.ok_or(FormError::Missing(FORM_TOKEN_FIELD))?,
        options,
        if_need_be,
    })
}

fn number(value: &str, field: &'static str) -> Result<usize, FormError> {
    value
        .trim()
        .parse()
        .map_err(|_| FormError::NotANumber(field))
}

/// The answers `voter`'s form gives to `ballot` at `at`, by the rules above: `options` the
/// choices, `if_need_be` the dates ticked "if need be" (a poll has none). Each has an event id
/// of its own (the form's time and the option), never a Matrix one.
pub fn answers_of_form(
    ballot: &Ballot,
    voter: &UserId,
    options: &[usize],
    if_need_be: &[usize],
    at: DateTime<Utc>,
) -> Result<Vec<Answer>, FormError> {
    let sorted = |options: &[usize]| {
        let mut options = options.to_vec();
        options.sort_unstable();
        options.dedup();
        options
    };
    let chosen = sorted(options);
    let mut reserve = sorted(if_need_be);
    reserve.retain(|option| !chosen.contains(option));
    if let Some(wrong) = chosen
        .iter()
        .chain(&reserve)
        .find(|option| !(1..=ballot.option_count).contains(*option))
    {
        return Err(FormError::NoSuchOption(*wrong));
    }
    if ballot.kind.counting() == Counting::SingleChoice
        && (chosen.len() != 1 || !reserve.is_empty())
    {
        return Err(FormError::OneChoice);
    }
    let answer = |option: Option<usize>, if_need_be: bool| Answer {
        event_id: EventId::new(format!(
            "link:{}:{voter}:{}:{}{}",
            ballot.id,
            at.timestamp_micros(),
            option.unwrap_or(0),
            if if_need_be { "?" } else { "" }
        )),
        voter: voter.clone(),
        option,
        channel: Channel::PersonalLink,
        answered_at: at,
        if_need_be,
    };
    Ok(if chosen.is_empty() && reserve.is_empty() {
        vec![answer(None, false)]
    } else {
        chosen
            .into_iter()
            .map(|option| answer(Some(option), false))
            .chain(reserve.into_iter().map(|option| answer(Some(option), true)))
            .collect()
    })
}

#[cfg(test)]
mod tests {
    use super::*;
    use crate::domain::RoomId;
    use crate::domain::ballot::{BallotKind, count};
    use crate::testing::at;

    fn ballot(kind: BallotKind, option_count: usize) -> Ballot {
        Ballot {
            id: BallotId::new(4),
            room: RoomId::new("!r"),
            kind,
            option_count,
            event_id: None,
            closed_at: None,
        }
    }

    #[test]
    fn a_form_is_read_whatever_the_order_of_its_fields() {
        let form = read_form([
            ("option", "3"),
            ("form", "abc"),
            ("ballot", "4"),
            ("option", "1"),
            ("other", "ignored"),
        ])
        .expect("form");
        assert_eq!(
            form,
            FormAnswer {
                ballot: BallotId::new(4),
                form_token: "abc".into(),
                options: vec![3, 1],
                if_need_be: Vec::new(),
            }
        );
        assert_eq!(
            read_form([("ballot", "4")]),
            Err(FormError::Missing("form"))
        );
        assert_eq!(
            read_form([("form", "abc")]),
            Err(FormError::Missing("ballot"))
        );
        assert_eq!(
            read_form([("ballot", "4"), ("form", "abc"), ("option", "deux")]),
            Err(FormError::NotANumber("option"))
        );
    }

    #[test]
    fn dates_take_every_tick_or_none_and_a_poll_exactly_one_choice() {
        let voter = UserId::new("email:7");
        let now = at("2026-12-03T10:00:00Z");
        let dates = ballot(BallotKind::MeetingDates, 3);
        let answers = answers_of_form(&dates, &voter, &[3, 1, 3], &[], now).expect("dates");
        let options: Vec<_> = answers.iter().map(|answer| answer.option).collect();
        assert_eq!(options, vec![Some(1), Some(3)]);
        assert!(
            answers
                .iter()
                .all(|answer| answer.channel == Channel::PersonalLink
                    && !answer.event_id.as_str().starts_with('$'))
        );
        assert_ne!(answers[0].event_id, answers[1].event_id);
        let none = answers_of_form(&dates, &voter, &[], &[], now).expect("none");
        assert_eq!(none.len(), 1);
        assert_eq!(none[0].option, None);
        assert_eq!(
            answers_of_form(&dates, &voter, &[4], &[], now),
            Err(FormError::NoSuchOption(4))
        );

        let poll = ballot(BallotKind::Poll, 2);
        assert_eq!(
            answers_of_form(&poll, &voter, &[], &[], now),
            Err(FormError::OneChoice)
        );
        assert_eq!(
            answers_of_form(&poll, &voter, &[1, 2], &[], now),
            Err(FormError::OneChoice)
        );
        assert_eq!(
            answers_of_form(&poll, &voter, &[0], &[], now),
            Err(FormError::NoSuchOption(0))
        );
        let chosen = answers_of_form(&poll, &voter, &[2], &[], now).expect("poll");
        let counted = count(&chosen, Counting::SingleChoice, at("2026-12-03T11:00:00Z"));
        assert_eq!(
            counted
                .get(&voter)
                .map(|options| options.iter().copied().collect::<Vec<_>>()),
            Some(vec![2])
        );
    }

    #[test]
    fn dates_ticked_if_need_be_are_answers_of_their_own_and_a_firm_tick_wins() {
        use crate::domain::ballot::count_dates;
        let voter = UserId::new("email:7");
        let now = at("2026-12-03T10:00:00Z");
        let dates = ballot(BallotKind::MeetingDates, 3);
        let answers = answers_of_form(&dates, &voter, &[1], &[2, 1], now).expect("dates");
        let counted = count_dates(&answers, at("2026-12-03T11:00:00Z"));
        assert_eq!(counted.available.get(&voter), Some(&[1].into()));
        assert_eq!(counted.if_need_be.get(&voter), Some(&[2].into()));
        let only_maybe = answers_of_form(&dates, &voter, &[], &[3], now).expect("maybe");
        assert_eq!(only_maybe.len(), 1, "not also 'none'");
        assert_eq!(
            answers_of_form(&dates, &voter, &[], &[4], now),
            Err(FormError::NoSuchOption(4))
        );
        assert_eq!(
            answers_of_form(&ballot(BallotKind::Poll, 2), &voter, &[1], &[2], now),
            Err(FormError::OneChoice)
        );
    }
}
