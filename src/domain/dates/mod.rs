//! Reading the meeting dates people type, in French or English, in the room's time zone:
//! `2026-12-10 14:00`, `10/12/2026 14h`, `10/12 14h30` (the next 10 December),
//! `jeudi 10/12 14h` (the weekday must match), `mardi 18h` (the next Tuesday),
//! `10 décembre 14h`, `Thursday 10 December 2pm`…
//!
//! Pure: the current time and the time zone are passed in. Days come before months, as in
//! France, in both languages.

use std::sync::LazyLock;

use chrono::{
    DateTime, Datelike, Days, NaiveDate, NaiveDateTime, NaiveTime, TimeZone, Utc, Weekday,
};
use chrono_tz::Tz;
use regex::Regex;

/// Why a date option could not be read.
#[derive(Debug, Clone, PartialEq, Eq, thiserror::Error)]
pub enum DateProblem {
    #[error("not a date")]
    Unreadable,
    #[error("no time of day")]
    MissingTime,
    #[error("no day")]
    MissingDate,
    #[error("no such day in the calendar")]
    NoSuchDate,
    #[error("the date is a {actual}, not a {written}")]
    WeekdayMismatch { written: Weekday, actual: Weekday },
    #[error("the date is past")]
    InPast,
    #[error("the hour does not exist on that day (clocks go forward)")]
    SkippedByClockChange,
}

const WEEKDAYS: &[(&str, Weekday)] = &[
    ("lundi", Weekday::Mon),
    ("mardi", Weekday::Tue),
    ("mercredi", Weekday::Wed),
    ("jeudi", Weekday::Thu),
    ("vendredi", Weekday::Fri),
    ("samedi", Weekday::Sat),
    ("dimanche", Weekday::Sun),
    ("monday", Weekday::Mon),
    ("tuesday", Weekday::Tue),
    ("wednesday", Weekday::Wed),
    ("thursday", Weekday::Thu),
    ("friday", Weekday::Fri),
    ("saturday", Weekday::Sat),
    ("sunday", Weekday::Sun),
];

const MONTHS: &[(&str, u32)] = &[
    ("janvier", 1),
    ("février", 2),
    ("fevrier", 2),
    ("mars", 3),
    ("avril", 4),
    ("mai", 5),
    ("juin", 6),
    ("juillet", 7),
    ("août", 8),
    ("aout", 8),
    ("septembre", 9),
    ("octobre", 10),
    ("novembre", 11),
    ("décembre", 12),
    ("decembre", 12),
    ("january", 1),
    ("february", 2),
    ("march", 3),
    ("april", 4),
    ("may", 5),
    ("june", 6),
    ("july", 7),
    ("august", 8),
    ("september", 9),
    ("october", 10),
    ("november", 11),
    ("december", 12),
];

/// Words that may stand around a date without changing it: "le jeudi 10 à 14h", "on Tuesday at 6pm".
const FILLERS: &[&str] = &["le", "à", "a", "at", "on", "the", "de", "du"];

static ISO_DATE: LazyLock<Regex> =
    LazyLock::new(|| Regex::new(r"^(\d{4})-(\d{1,2})-(\d{1,2})$").expect("valid regex"));
static SLASH_DATE: LazyLock<Regex> = LazyLock::new(|| {
    Regex::new(r"^(\d{1,2})[/.](\d{1,2})(?:[/.](\d{2}|\d{4}))?$").expect("valid regex")
});
static TIME_24H: LazyLock<Regex> =
    LazyLock::new(|| Regex::new(r"^(\d{1,2})(?:h|:)(\d{2})?$").expect("valid regex"));
static TIME_12H: LazyLock<Regex> =
    LazyLock::new(|| Regex::new(r"^(\d{1,2})(?::(\d{2}))?(am|pm)$").expect("valid regex"));
/// "14 h 30" and "2 pm" are glued together before the words are read.
static SPACED_TIME: LazyLock<Regex> = LazyLock::new(|| {
    Regex::new(r"(\d{1,2})\s*h\s*(\d{2})?\b|(\d{1,2}(?::\d{2})?)\s+(am|pm)\b").expect("valid regex")
});

#[derive(Default)]
struct Pieces {
    weekday: Option<Weekday>,
    day: Option<u32>,
    month: Option<u32>,
    year: Option<i32>,
    time: Option<NaiveTime>,
}

/// Reads one date option typed by a member; returns the moment in UTC.
pub fn parse_meeting_date(
    text: &str,
    now: DateTime<Utc>,
    time_zone: Tz,
) -> Result<DateTime<Utc>, DateProblem> {
    let pieces = read_pieces(text)?;
    let time = pieces
        .time
        .ok_or(if pieces.day.is_none() && pieces.weekday.is_none() {
            DateProblem::Unreadable
        } else {
            DateProblem::MissingTime
        })?;
    let local_now = now.with_timezone(&time_zone).naive_local();

    let date = match (pieces.day, pieces.month) {
        (Some(day), Some(month)) => {
            let date = match pieces.year {
                Some(year) => {
                    NaiveDate::from_ymd_opt(year, month, day).ok_or(DateProblem::NoSuchDate)?
                }
                None => next_date_with(day, month, time, local_now)?,
            };
            if let Some(written) = pieces.weekday
                && written != date.weekday()
            {
                return Err(DateProblem::WeekdayMismatch {
                    written,
                    actual: date.weekday(),
                });
            }
            date
        }
        (Some(_), None) | (None, Some(_)) => return Err(DateProblem::Unreadable),
        (None, None) => match pieces.weekday {
            Some(weekday) => next_weekday(weekday, time, local_now),
            None => return Err(DateProblem::MissingDate),
        },
    };

    let local = NaiveDateTime::new(date, time);
    let at = time_zone
        .from_local_datetime(&local)
        .earliest()
        .ok_or(DateProblem::SkippedByClockChange)?
        .with_timezone(&Utc);
    if at <= now {
        return Err(DateProblem::InPast);
    }
    Ok(at)
}

/// Which way a day typed without a year (or a weekday alone) is looked for.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub enum Towards {
    /// The next such day, today included (a due date).
    Future,
    /// The latest such day, today included (the day of a past meeting).
    Past,
}

/// Reads a day typed without a time of day: `15/12`, `15/12/2026`, `2026-12-15`,
/// `15 décembre`, `mardi`. A time, if one is given, is ignored. A day in the past is not an
/// error here: the caller decides.
pub fn parse_day(text: &str, today: NaiveDate, towards: Towards) -> Result<NaiveDate, DateProblem> {
    let pieces = read_pieces(text)?;
    let date = match (pieces.day, pieces.month) {
        (Some(day), Some(month)) => match pieces.year {
            Some(year) => {
                NaiveDate::from_ymd_opt(year, month, day).ok_or(DateProblem::NoSuchDate)?
            }
            None => nearest_with(day, month, today, towards)?,
        },
        (Some(_), None) | (None, Some(_)) => return Err(DateProblem::Unreadable),
        (None, None) => {
            let weekday = pieces.weekday.ok_or(if pieces.time.is_some() {
                DateProblem::MissingDate
            } else {
                DateProblem::Unreadable
            })?;
            let mut date = today;
            while date.weekday() != weekday {
                date = match towards {
                    Towards::Future => date.succ_opt(),
                    Towards::Past => date.pred_opt(),
                }
                .ok_or(DateProblem::NoSuchDate)?;
            }
            return Ok(date);
        }
    };
    if let Some(written) = pieces.weekday
        && written != date.weekday()
    {
        return Err(DateProblem::WeekdayMismatch {
            written,
            actual: date.weekday(),
        });
    }
    Ok(date)
}

/// Day/month without a year: this year's, or the next (or previous) year's when this year's is
/// on the wrong side of today. 29 February goes to a year that has it.
fn nearest_with(
    day: u32,
    month: u32,
    today: NaiveDate,
    towards: Towards,
) -> Result<NaiveDate, DateProblem> {
    let step: i32 = match towards {
        Towards::Future => 1,
        Towards::Past => -1,
    };
    let mut year = today.year();
    for _ in 0..8 {
        if let Some(date) = NaiveDate::from_ymd_opt(year, month, day) {
            let right_side = match towards {
                Towards::Future => date >= today,
                Towards::Past => date <= today,
            };
            if right_side {
                return Ok(date);
            }
        }
        year += step;
    }
    Err(DateProblem::NoSuchDate)
}

/// Times typed in two pieces made one word: `14 h 30` → `14h30`, `6 pm` → `6pm`.
fn glue_times(lowered: &str) -> std::borrow::Cow<'_, str> {
    SPACED_TIME.replace_all(lowered, |captures: &regex::Captures<'_>| {
        match (captures.get(1), captures.get(3)) {
            (Some(hour), _) => format!(
                "{}h{}",
                hour.as_str(),
                captures.get(2).map_or("", |minutes| minutes.as_str())
            ),
            (None, Some(time)) => format!("{}{}", time.as_str(), &captures[4]),
            (None, None) => captures[0].to_owned(),
        }
    })
}

/// The words that matter (`le`, `à`, `at`… dropped).
fn words_of(glued: &str) -> Vec<&str> {
    glued
        .split_whitespace()
        .filter(|word| !FILLERS.contains(word))
        .collect()
}

fn read_pieces(text: &str) -> Result<Pieces, DateProblem> {
    let lowered = text.to_lowercase().replace(',', " ");
    let glued = glue_times(&lowered);
    let words = words_of(&glued);

    let mut pieces = Pieces::default();
    let mut index = 0;
    while index < words.len() {
        let word = words[index];
        if let Some((_, weekday)) = WEEKDAYS.iter().find(|(name, _)| *name == word) {
            set_once(&mut pieces.weekday, *weekday)?;
        } else if let Some(captures) = ISO_DATE.captures(word) {
            set_once(&mut pieces.year, number(&captures[1])?)?;
            set_once(&mut pieces.month, number(&captures[2])?)?;
            set_once(&mut pieces.day, number(&captures[3])?)?;
        } else if let Some(captures) = SLASH_DATE.captures(word) {
            set_once(&mut pieces.day, number(&captures[1])?)?;
            set_once(&mut pieces.month, number(&captures[2])?)?;
            if let Some(year) = captures.get(3) {
                set_once(&mut pieces.year, full_year(number(year.as_str())?))?;
            }
        } else if let Some(time) = read_time(word)? {
            set_once(&mut pieces.time, time)?;
        } else if let Some((_, month)) = MONTHS.iter().find(|(name, _)| *name == word) {
            // "10 décembre [2026]": the day was read just before; the year may follow.
            set_once(&mut pieces.month, *month)?;
            if let Some(year) = words.get(index + 1).filter(|next| next.len() == 4) {
                set_once(&mut pieces.year, number(year)?)?;
                index += 1;
            }
        } else if let Some(day) = day_number(word) {
            // A bare day number belongs to a month name that follows it.
            let followed_by_month = words
                .get(index + 1)
                .is_some_and(|next| MONTHS.iter().any(|(name, _)| name == next));
            if !followed_by_month {
                return Err(DateProblem::Unreadable);
            }
            set_once(&mut pieces.day, day)?;
        } else if word == "midi" || word == "noon" {
            set_once(
                &mut pieces.time,
                NaiveTime::from_hms_opt(12, 0, 0).ok_or(DateProblem::Unreadable)?,
            )?;
        } else {
            return Err(DateProblem::Unreadable);
        }
        index += 1;
    }
    Ok(pieces)
}

fn set_once<T>(slot: &mut Option<T>, value: T) -> Result<(), DateProblem> {
    if slot.is_some() {
        return Err(DateProblem::Unreadable);
    }
    *slot = Some(value);
    Ok(())
}

fn number<T: std::str::FromStr>(digits: &str) -> Result<T, DateProblem> {
    digits.parse().map_err(|_| DateProblem::Unreadable)
}

fn full_year(year: i32) -> i32 {
    if year < 100 { 2000 + year } else { year }
}

/// "10", "1er".
fn day_number(word: &str) -> Option<u32> {
    let digits = word.strip_suffix("er").unwrap_or(word);
    digits.parse().ok().filter(|day| (1..=31).contains(day))
}

/// A time of day typed alone: `9h`, `18h30`, `14:00`, `9am`, `6.30pm`, `midi`, `noon`;
/// `14 h 30` too. `None` when it is not one.
pub fn parse_time_of_day(text: &str) -> Option<NaiveTime> {
    let lowered = text.trim().to_lowercase();
    if lowered == "midi" || lowered == "noon" {
        return NaiveTime::from_hms_opt(12, 0, 0);
    }
    let glued = glue_times(&lowered);
    let words = words_of(&glued);
    match words.as_slice() {
        [word] => read_time(word).ok().flatten(),
        _ => None,
    }
}

fn read_time(word: &str) -> Result<Option<NaiveTime>, DateProblem> {
    if let Some(captures) = TIME_24H.captures(word) {
        let hour: u32 = number(&captures[1])?;
        let minute: u32 = captures.get(2).map_or(Ok(0), |m| number(m.as_str()))?;
        return NaiveTime::from_hms_opt(hour, minute, 0)
            .map(Some)
            .ok_or(DateProblem::Unreadable);
    }
    if let Some(captures) = TIME_12H.captures(word) {
        let hour: u32 = number(&captures[1])?;
        let minute: u32 = captures.get(2).map_or(Ok(0), |m| number(m.as_str()))?;
        if !(1..=12).contains(&hour) {
            return Err(DateProblem::Unreadable);
        }
        let hour = match (&captures[3], hour) {
            ("am", 12) => 0,
            ("am", hour) => hour,
            ("pm", 12) => 12,
            (_, hour) => hour + 12,
        };
        return NaiveTime::from_hms_opt(hour, minute, 0)
            .map(Some)
            .ok_or(DateProblem::Unreadable);
    }
    Ok(None)
}

/// The first `day`/`month` at `time` still to come (this year, else next year).
fn next_date_with(
    day: u32,
    month: u32,
    time: NaiveTime,
    local_now: NaiveDateTime,
) -> Result<NaiveDate, DateProblem> {
    let this_year = local_now.year();
    let mut any_valid = false;
    for year in this_year..=this_year + 4 {
        if let Some(date) = NaiveDate::from_ymd_opt(year, month, day) {
            any_valid = true;
            if NaiveDateTime::new(date, time) > local_now {
                return Ok(date);
            }
        }
    }
    Err(if any_valid {
        DateProblem::InPast
    } else {
        DateProblem::NoSuchDate
    })
}

/// The nearest `weekday` at `time` still to come: today if it is that day and the hour has
/// not passed yet.
fn next_weekday(weekday: Weekday, time: NaiveTime, local_now: NaiveDateTime) -> NaiveDate {
    let today = local_now.date();
    let mut date = today;
    for _ in 0..8 {
        if date.weekday() == weekday && NaiveDateTime::new(date, time) > local_now {
            return date;
        }
        date = date.checked_add_days(Days::new(1)).unwrap_or(date);
    }
    date
}

/// Midnight at the start of `day` in `time_zone`, in UTC: the one reading of "a local day
/// starts" (for the minutes, the exports, the page). Where midnight does not exist that day (a
/// clock change at midnight), the day's first instant is taken as if in UTC.
pub fn local_midnight(day: NaiveDate, time_zone: Tz) -> DateTime<Utc> {
    time_zone
        .from_local_datetime(&day.and_time(NaiveTime::MIN))
        .earliest()
        .map(|at| at.with_timezone(&Utc))
        .unwrap_or_else(|| day.and_time(NaiveTime::MIN).and_utc())
}

#[cfg(test)]
mod tests;
