//! Shared training sessions: one association organises, the others send people. How a
//! session is typed (`<titre> le <date> [à <lieu>] [places <n>] [— <description>]`), who
//! is signed up for it (a member, or a volunteer without a Matrix account noted by name and
//! association), who has a seat and who waits, and the yearly summary. Pure.
//!
//! The rules, written once here:
//! - **Seats** go by the order of sign-up: with `places <n>`, the first `n` people signed up
//!   have a seat and the others wait, in order ([`places`]). A withdrawal therefore moves the
//!   first waiting person up, and nobody else ([`moved_up`]).
//! - **One sign-up per person and session**: a member by their Matrix id, a volunteer by their
//!   name (case and accents aside) within their association ([`Trainee::is`]).
//! - **The summary of a year** ([`summary`]) counts, per association, the sessions it organised
//!   whose day falls in that year (cancelled ones aside) and the people of the association
//!   recorded as having come (`!formation présents`) to any session of that year — each person
//!   once however many sessions they came to, and their attendances.

use std::collections::{BTreeMap, BTreeSet};
use std::sync::LazyLock;

use chrono::{DateTime, Datelike, NaiveDate, Utc};
use chrono_tz::Tz;
use regex::Regex;

use super::dates::{DateProblem, Towards, parse_day, parse_meeting_date};
use super::ids::{BallotId, UserId};
use super::text::{clean_member_line, clean_member_text, fold};

pub const MAX_TITLE_LENGTH: usize = 200;
pub const MAX_PLACE_LENGTH: usize = 300;
pub const MAX_DESCRIPTION_LENGTH: usize = 2000;
pub const MAX_NAME_LENGTH: usize = 200;
/// More seats than this is no limit anyone means.
pub const MAX_SEATS: usize = 10_000;
/// The most people signed up for one session (seated and waiting).
pub const MAX_TRAINEES: usize = 500;

/// When a session takes place: at a time, or on a day (no time given).
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub enum When {
    At(DateTime<Utc>),
    Day(NaiveDate),
}

impl When {
    /// The moment it begins: its time, or its day's local midnight.
    pub fn starts_at(self, time_zone: Tz) -> DateTime<Utc> {
        match self {
            When::At(at) => at,
            When::Day(day) => super::dates::local_midnight(day, time_zone),
        }
    }

    /// Its local day.
    pub fn day(self, time_zone: Tz) -> NaiveDate {
        match self {
            When::At(at) => at.with_timezone(&time_zone).date_naive(),
            When::Day(day) => day,
        }
    }
}

/// A session as typed.
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct TrainingFields {
    pub title: String,
    pub when: When,
    pub place: Option<String>,
    pub seats: Option<usize>,
    pub description: Option<String>,
}

/// A session of the room.
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct Training {
    pub id: i64,
    pub number: usize,
    pub fields: TrainingFields,
    /// The association that organises it: its author's.
    pub organiser: String,
    pub created_by: UserId,
    pub created_at: DateTime<Utc>,
    /// Its announcement, which a ✅ answers.
    pub ballot: Option<BallotId>,
    pub cancelled_at: Option<DateTime<Utc>>,
}

impl Training {
    /// Whether its day is over (the day's end in the room's time zone, or its start for a
    /// session at a time: then who came may be recorded).
    pub fn has_begun(&self, now: DateTime<Utc>, time_zone: Tz) -> bool {
        self.fields.when.starts_at(time_zone) <= now
    }

    /// Whether it is still to come (not cancelled, not begun).
    pub fn is_coming(&self, now: DateTime<Utc>, time_zone: Tz) -> bool {
        self.cancelled_at.is_none() && !self.has_begun(now, time_zone)
    }
}

/// Who is signed up: a member of the room, or a volunteer without a Matrix account.
#[derive(Debug, Clone, PartialEq, Eq)]
pub enum Who {
    Member(UserId),
    Named(String),
    /// Their name was removed (past its retention, or forgotten): still counted.
    Anonymous,
}

/// One person signed up for a session.
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct Trainee {
    pub id: i64,
    pub who: Who,
    pub association: String,
    pub signed_up_by: UserId,
    pub signed_up_at: DateTime<Utc>,
    /// Recorded as having come.
    pub attended: bool,
    /// The person known by e-mail this volunteer is (they get the reminder by e-mail).
    pub email_person: Option<i64>,
}

impl Trainee {
    /// Whether this sign-up is `who`'s: the same member, or the same name (case and accents
    /// aside) — within `association` when it is given.
    pub fn is(&self, who: &Who, association: Option<&str>) -> bool {
        let same_person = match (&self.who, who) {
            (Who::Member(a), Who::Member(b)) => a == b,
            (Who::Named(a), Who::Named(b)) => same_name(a, b),
            _ => false,
        };
        same_person
            && association.is_none_or(|wanted| {
                super::association::same_association(&self.association, wanted)
            })
    }
}

/// Whether two names typed by people are the same name: case, accents and spaces aside.
pub fn same_name(a: &str, b: &str) -> bool {
    let squeeze = |name: &str| fold(name).split_whitespace().collect::<Vec<_>>().join(" ");
    squeeze(a) == squeeze(b)
}

/// Who has a seat and who waits, in the order they signed up (`trainees` in that order).
pub fn places(trainees: &[Trainee], seats: Option<usize>) -> (&[Trainee], &[Trainee]) {
    let seated = seats.map_or(trainees.len(), |seats| seats.min(trainees.len()));
    trainees.split_at(seated)
}

/// The people who waited in `before` and have a seat in `after` (a withdrawal moved them up).
pub fn moved_up<'a>(
    before: &[Trainee],
    after: &'a [Trainee],
    seats: Option<usize>,
) -> Vec<&'a Trainee> {
    let (_, waiting_before) = places(before, seats);
    let (seated_after, _) = places(after, seats);
    seated_after
        .iter()
        .filter(|trainee| waiting_before.iter().any(|waited| waited.id == trainee.id))
        .collect()
}

/// Why a session could not be read.
#[derive(Debug, Clone, PartialEq, Eq, thiserror::Error)]
pub enum TrainingProblem {
    #[error("no title before the date")]
    MissingTitle,
    #[error("no date (`le <date>`)")]
    MissingDate,
    #[error("the date could not be read: {0}")]
    BadDate(DateProblem),
    #[error("the date is past")]
    InPast,
    #[error("zero seats")]
    NoSeats,
    #[error("the seats are not a number: {given}")]
    BadSeats { given: String },
    #[error("the {what} is {length} characters long, more than {max}")]
    TooLong {
        what: Part,
        length: usize,
        max: usize,
    },
}

/// A part of a session as typed, for [`TrainingProblem::TooLong`].
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub enum Part {
    Title,
    Place,
    Description,
    Name,
}

impl std::fmt::Display for Part {
    fn fmt(&self, f: &mut std::fmt::Formatter<'_>) -> std::fmt::Result {
        f.write_str(match self {
            Part::Title => "title",
            Part::Place => "place",
            Part::Description => "description",
            Part::Name => "name",
        })
    }
}

/// `places 12` / `seats 12` at the end of the text (before the description).
static SEATS: LazyLock<Regex> =
    LazyLock::new(|| Regex::new(r"(?i)\s(?:places?|seats?)\s+(\S+)\s*$").expect("valid regex"));

/// The words that introduce the date, and the place.
const DATE_WORDS: [&str; 2] = ["le", "on"];
const PLACE_WORDS: [&str; 3] = ["à", "a", "at"];
/// What separates the description: an em dash, or two hyphens.
const DESCRIPTION_MARKS: [&str; 3] = [" — ", " -- ", " – "];

/// Reads `<titre> le <date> [à <lieu>] [places <n>] [— <description>]` (or `<title> on
/// <date> [at <place>] [seats <n>] [— …]`). The date is the room's: `14/01 9h30`, `jeudi
/// 14 janvier à 14h`, a day alone (`14/01/2027`: the whole day). A title may hold "le" itself
/// ("Accueillir le public le 14/01"): the date is the first that reads.
pub fn read_training(
    text: &str,
    now: DateTime<Utc>,
    time_zone: Tz,
) -> Result<TrainingFields, TrainingProblem> {
    let text = text.trim();
    let folded = super::text::Folded::new(text);
    let cut = DESCRIPTION_MARKS
        .iter()
        .filter_map(|mark| folded.find(mark))
        .min_by_key(|found| found.start);
    let (head, description) = match cut {
        Some(found) => (&text[..found.start], text[found.end..].trim()),
        None => (text, ""),
    };
    let (head, seats) = match SEATS.captures(head) {
        Some(captures) => {
            let (Some(all), Some(number)) = (captures.get(0), captures.get(1)) else {
                return Err(TrainingProblem::MissingDate);
            };
            let given = number.as_str();
            let seats = match given.parse::<u64>() {
                Ok(0) => return Err(TrainingProblem::NoSeats),
                Ok(seats) if seats <= MAX_SEATS as u64 => seats as usize,
                _ => {
                    return Err(TrainingProblem::BadSeats {
                        given: given.to_owned(),
                    });
                }
            };
            (&head[..all.start()], Some(seats))
        }
        None => (head, None),
    };
    let (title, when, place) = split_when(head, now, time_zone)?;
    let title = clean_member_line(title);
    if title.is_empty() {
        return Err(TrainingProblem::MissingTitle);
    }
    let place = place
        .map(clean_member_line)
        .filter(|place| !place.is_empty());
    let description = Some(clean_member_text(description)).filter(|text| !text.is_empty());
    for (what, part, max) in [
        (Part::Title, Some(&title), MAX_TITLE_LENGTH),
        (Part::Place, place.as_ref(), MAX_PLACE_LENGTH),
        (
            Part::Description,
            description.as_ref(),
            MAX_DESCRIPTION_LENGTH,
        ),
    ] {
        let length = part.map_or(0, |part| part.chars().count());
        if length > max {
            return Err(TrainingProblem::TooLong { what, length, max });
        }
    }
    Ok(TrainingFields {
        title,
        when,
        place,
        seats,
        description,
    })
}

/// The title, the date and the place of `head`: the first "le"/"on" followed by words that
/// read as a date — as many as read, the rest being `à <lieu>` or nothing.
fn split_when(
    head: &str,
    now: DateTime<Utc>,
    time_zone: Tz,
) -> Result<(&str, When, Option<&str>), TrainingProblem> {
    let words: Vec<(usize, usize)> = word_ranges(head);
    let mut problem = TrainingProblem::MissingDate;
    for (marker, &(start, end)) in words.iter().enumerate() {
        if marker == 0 || !DATE_WORDS.contains(&fold(&head[start..end]).as_str()) {
            continue;
        }
        let first = marker + 1;
        for last in (first..words.len()).rev() {
            let rest = &words[last + 1..];
            let place = match rest {
                [] => None,
                [word, place @ ..]
                    if !place.is_empty()
                        && PLACE_WORDS.contains(&fold(&head[word.0..word.1]).as_str()) =>
                {
                    Some(head[place[0].0..].trim())
                }
                _ => continue,
            };
            let typed = &head[words[first].0..words[last].1];
            match read_when(typed, now, time_zone) {
                Ok(when) => return Ok((head[..start].trim(), when, place)),
                Err(found @ TrainingProblem::InPast) => problem = found,
                Err(found) if problem == TrainingProblem::MissingDate => problem = found,
                Err(_) => {}
            }
        }
    }
    Err(problem)
}

/// The byte ranges of the words of `text` (whitespace-separated), on the original.
fn word_ranges(text: &str) -> Vec<(usize, usize)> {
    let mut words = Vec::new();
    let mut start = None;
    for (index, c) in text.char_indices() {
        match (c.is_whitespace(), start) {
            (true, Some(begun)) => {
                words.push((begun, index));
                start = None;
            }
            (false, None) => start = Some(index),
            _ => {}
        }
    }
    if let Some(begun) = start {
        words.push((begun, text.len()));
    }
    words
}

/// A date with a time, or a day alone; never a past one.
fn read_when(typed: &str, now: DateTime<Utc>, time_zone: Tz) -> Result<When, TrainingProblem> {
    match parse_meeting_date(typed, now, time_zone) {
        Ok(at) => Ok(When::At(at)),
        Err(DateProblem::InPast) => Err(TrainingProblem::InPast),
        Err(DateProblem::MissingTime) => {
            let today = now.with_timezone(&time_zone).date_naive();
            match parse_day(typed, today, Towards::Future) {
                Ok(day) if day < today => Err(TrainingProblem::InPast),
                Ok(day) => Ok(When::Day(day)),
                Err(problem) => Err(TrainingProblem::BadDate(problem)),
            }
        }
        Err(problem) => Err(TrainingProblem::BadDate(problem)),
    }
}

/// A person as typed after a command: `@membre:serveur`, or `<nom> (<association>)` — the
/// association may be left out (the service takes the author's).
#[derive(Debug, Clone, PartialEq, Eq)]
pub enum TypedWho {
    Member(UserId),
    Named {
        name: String,
        association: Option<String>,
    },
}

impl TypedWho {
    pub fn who(&self) -> Who {
        match self {
            TypedWho::Member(user) => Who::Member(user.clone()),
            TypedWho::Named { name, .. } => Who::Named(name.clone()),
        }
    }

    pub fn association(&self) -> Option<&str> {
        match self {
            TypedWho::Member(_) => None,
            TypedWho::Named { association, .. } => association.as_deref(),
        }
    }
}

/// Why a person could not be read.
#[derive(Debug, Clone, PartialEq, Eq, thiserror::Error)]
pub enum WhoProblem {
    #[error("not a Matrix id: {given}")]
    BadMember { given: String },
    #[error("no name before the association")]
    MissingName,
    #[error("a name of {length} characters")]
    TooLong { length: usize },
}

/// The people of `text`, in order: Matrix ids (`@alice:serveur`), and names each followed by
/// their association in brackets (`Jean Dupont (Croix-Rouge)`); a comma, a semicolon or a
/// closing bracket ends a name. Empty text: nobody.
pub fn read_people(text: &str) -> Result<Vec<TypedWho>, WhoProblem> {
    let mut people = Vec::new();
    let mut name = String::new();
    let mut rest = text.trim();
    let flush = |name: &mut String, people: &mut Vec<TypedWho>| -> Result<(), WhoProblem> {
        let typed = std::mem::take(name);
        if let Some(person) = read_named(&typed)? {
            people.push(person);
        }
        Ok(())
    };
    while let Some(c) = rest.chars().next() {
        // A Matrix id starts a word: it ends the name before it, if any.
        if c == '@' && (name.trim().is_empty() || name.ends_with(char::is_whitespace)) {
            flush(&mut name, &mut people)?;
            let end = rest
                .find(|c: char| c.is_whitespace() || c == ',' || c == ';')
                .unwrap_or(rest.len());
            let typed = &rest[..end];
            let user = UserId::parse(typed).ok_or_else(|| WhoProblem::BadMember {
                given: typed.to_owned(),
            })?;
            people.push(TypedWho::Member(user));
            rest = &rest[end..];
            continue;
        }
        rest = &rest[c.len_utf8()..];
        match c {
            ',' | ';' | '\n' => flush(&mut name, &mut people)?,
            ')' => {
                name.push(c);
                flush(&mut name, &mut people)?;
            }
            _ => name.push(c),
        }
    }
    flush(&mut name, &mut people)?;
    Ok(people)
}

/// One name as typed, with its association in brackets if any; `None` when blank.
fn read_named(typed: &str) -> Result<Option<TypedWho>, WhoProblem> {
    let typed = clean_member_line(typed);
    let typed = typed.trim();
    if typed.is_empty() {
        return Ok(None);
    }
    let (name, association) = match (typed.strip_suffix(')'), typed.rfind('(')) {
        (Some(inner), Some(open)) => (
            typed[..open].trim(),
            Some(inner[open + 1..].trim().to_owned()).filter(|name| !name.is_empty()),
        ),
        _ => (typed, None),
    };
    if name.is_empty() {
        return Err(WhoProblem::MissingName);
    }
    let length = name.chars().count();
    if length > MAX_NAME_LENGTH {
        return Err(WhoProblem::TooLong { length });
    }
    Ok(Some(TypedWho::Named {
        name: name.to_owned(),
        association,
    }))
}

/// One association's year.
#[derive(Debug, Clone, PartialEq, Eq, Default)]
pub struct AssociationYear {
    /// Sessions it organised.
    pub organised: usize,
    /// Its people who came, each once.
    pub trained: usize,
    /// Their attendances (a person at two sessions counts two).
    pub attendances: usize,
}

/// The summary of `year` per association (the rule in this file's doc comment), in the
/// associations' order of name.
pub fn summary(
    sessions: &[(Training, Vec<Trainee>)],
    year: i32,
    time_zone: Tz,
) -> BTreeMap<String, AssociationYear> {
    let mut by_association: BTreeMap<String, AssociationYear> = BTreeMap::new();
    let mut people: BTreeMap<String, BTreeSet<String>> = BTreeMap::new();
    for (training, trainees) in sessions {
        if training.cancelled_at.is_some() || training.fields.when.day(time_zone).year() != year {
            continue;
        }
        by_association
            .entry(training.organiser.clone())
            .or_default()
            .organised += 1;
        for trainee in trainees.iter().filter(|trainee| trainee.attended) {
            let key = super::association::fold(&trainee.association);
            let entry = by_association
                .entry(trainee.association.clone())
                .or_default();
            entry.attendances += 1;
            let person = match &trainee.who {
                Who::Member(user) => user.as_str().to_owned(),
                Who::Named(name) => format!("\u{0}{}", fold(name)),
                // Nobody can tell two anonymous people apart: each row is one person.
                Who::Anonymous => format!("\u{1}{}", trainee.id),
            };
            people.entry(key).or_default().insert(person);
        }
    }
    for (association, year) in &mut by_association {
        year.trained = people
            .get(&super::association::fold(association))
            .map_or(0, BTreeSet::len);
    }
    by_association
}

#[cfg(test)]
mod tests;
