//! Reminders: when they fall due. The times members type for `!remind` (French and English),
//! recurring reminders kept at the same local time across changes of hour, the offsets of
//! meeting reminders, and when polls and actions call for a nudge. Pure: the present time and
//! the time zone are passed in.

use chrono::{DateTime, Datelike, Days, Duration, NaiveDate, NaiveTime, TimeZone, Utc, Weekday};
use chrono_tz::Tz;

use super::dates::{DateProblem, parse_meeting_date, parse_time_of_day};
use super::ids::{ReminderId, UserId};

/// A reminder a member asked for.
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct Reminder {
    pub id: ReminderId,
    /// Its number in the room, for `!reminders cancel <n>`.
    pub number: usize,
    pub author: UserId,
    pub text: String,
    /// When it next falls due.
    pub next_at: DateTime<Utc>,
    pub recurrence: Option<Recurrence>,
}

/// How far ahead a reminder may be set.
pub const MAX_AHEAD: Duration = Duration::days(2 * 366);
/// The longest reminder text, in characters.
pub const MAX_REMINDER_LENGTH: usize = 500;
/// The meeting reminders a room has until it says otherwise: 7 days, 1 day, 2 hours before.
pub const DEFAULT_MEETING_OFFSETS: [Duration; 3] =
    [Duration::days(7), Duration::days(1), Duration::hours(2)];
/// The local time action reminders go out at.
const ACTION_REMINDER_HOUR: u32 = 9;

/// A reminder repeated at the same local time: every day, or every given weekday.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub struct Recurrence {
    /// `None`: every day.
    pub weekday: Option<Weekday>,
    pub time: NaiveTime,
}

impl Recurrence {
    /// How it is stored: `daily 09:00`, `weekly mon 09:00`.
    pub fn code(&self) -> String {
        match self.weekday {
            None => format!("daily {}", self.time.format("%H:%M")),
            Some(weekday) => format!(
                "weekly {} {}",
                weekday.to_string().to_lowercase(),
                self.time.format("%H:%M")
            ),
        }
    }

    pub fn from_code(code: &str) -> Option<Self> {
        let words: Vec<&str> = code.split_whitespace().collect();
        let time = |text: &str| NaiveTime::parse_from_str(text, "%H:%M").ok();
        match words.as_slice() {
            ["daily", at] => Some(Self {
                weekday: None,
                time: time(at)?,
            }),
            ["weekly", day, at] => Some(Self {
                weekday: Some(day.parse().ok()?),
                time: time(at)?,
            }),
            _ => None,
        }
    }

    /// The first occurrence strictly after `after`, at the same local time whatever the
    /// offset that day (9:00 stays 9:00 across the change of hour). A time that does not exist
    /// on a day (inside the spring gap) is taken an hour later.
    pub fn next_after(&self, after: DateTime<Utc>, time_zone: Tz) -> DateTime<Utc> {
        let mut day = after.with_timezone(&time_zone).date_naive();
        loop {
            if self.weekday.is_none_or(|weekday| day.weekday() == weekday)
                && let Some(at) = local_moment(day, self.time, time_zone)
                && at > after
            {
                return at;
            }
            day = match day.succ_opt() {
                Some(next) => next,
                None => return after,
            };
        }
    }
}

/// The moment a local day and time stand for; a time inside the spring gap (2:30 on the night
/// clocks go forward) is taken an hour later, as a clock set forward reads it.
fn local_moment(day: NaiveDate, time: NaiveTime, time_zone: Tz) -> Option<DateTime<Utc>> {
    let local = day.and_time(time);
    time_zone
        .from_local_datetime(&local)
        .earliest()
        .or_else(|| {
            // A time that does not exist that day (the clocks go forward): an hour later.
            let later = local.checked_add_signed(Duration::hours(1))?;
            time_zone.from_local_datetime(&later).earliest()
        })
        .map(|at| at.with_timezone(&Utc))
}

/// When a reminder is for.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub enum When {
    Once(DateTime<Utc>),
    Every(Recurrence),
}

impl When {
    /// Its first time after `now`.
    pub fn first(&self, now: DateTime<Utc>, time_zone: Tz) -> DateTime<Utc> {
        match self {
            When::Once(at) => *at,
            When::Every(recurrence) => recurrence.next_after(now, time_zone),
        }
    }
}

/// Why a time could not be taken.
#[derive(Debug, Clone, PartialEq, Eq, thiserror::Error)]
pub enum WhenProblem {
    #[error("not a time")]
    Unreadable,
    #[error("the time is past")]
    InPast,
    #[error("no such day")]
    NoSuchDate,
    #[error("more than two years ahead")]
    TooFar,
}

/// Reads the time of a reminder: `dans 2 heures` / `in 2 hours`, `demain 9h` /
/// `tomorrow 9am`, `aujourd'hui 18h` / `today 6pm`, `lundi 18h`, `le 12/12 à 14h`,
/// `12/12 14h`, `2026-12-12 14:00`, and recurring `chaque lundi 9h` / `every Monday 9am`,
/// `chaque jour 8h` / `every day 8am`.
pub fn parse_when(text: &str, now: DateTime<Utc>, time_zone: Tz) -> Result<When, WhenProblem> {
    let lowered = text.trim().to_lowercase().replace('’', "'");
    let words: Vec<&str> = lowered.split_whitespace().collect();
    let when = match words.as_slice() {
        ["dans" | "in", amount, unit] => {
            // "Too far" is said before any addition: a date past chrono's range panics.
            let ahead = duration(amount, unit)?;
            if ahead > MAX_AHEAD {
                return Err(WhenProblem::TooFar);
            }
            When::Once(now.checked_add_signed(ahead).ok_or(WhenProblem::TooFar)?)
        }
        ["chaque" | "every" | "tous" | "toutes", rest @ ..] => {
            let rest: Vec<&str> = rest
                .iter()
                .copied()
                .filter(|word| !matches!(*word, "les" | "à" | "at"))
                .collect();
            let (weekday, time_words) = match rest.as_slice() {
                ["jour" | "jours" | "day", time @ ..] => (None, time),
                [day, time @ ..] => (
                    Some(weekday_named(day).ok_or(WhenProblem::Unreadable)?),
                    time,
                ),
                [] => return Err(WhenProblem::Unreadable),
            };
            let time = parse_time_of_day(&time_words.join(" ")).ok_or(WhenProblem::Unreadable)?;
            When::Every(Recurrence { weekday, time })
        }
        // Yesterday is read too, to be told it is past (not that it is no time at all).
        [
            day @ ("demain" | "tomorrow" | "aujourd'hui" | "today" | "hier" | "yesterday"
            | "avant-hier"),
            time @ ..,
        ] => {
            let time = parse_time_of_day(&time.join(" ")).ok_or(WhenProblem::Unreadable)?;
            let today = now.with_timezone(&time_zone).date_naive();
            let date = match *day {
                "demain" | "tomorrow" => today.checked_add_days(Days::new(1)),
                "hier" | "yesterday" => today.checked_sub_days(Days::new(1)),
                "avant-hier" => today.checked_sub_days(Days::new(2)),
                _ => Some(today),
            }
            .ok_or(WhenProblem::NoSuchDate)?;
            When::Once(local_moment(date, time, time_zone).ok_or(WhenProblem::NoSuchDate)?)
        }
        _ => When::Once(parse_meeting_date(text, now, time_zone).map_err(
            |problem| match problem {
                DateProblem::InPast => WhenProblem::InPast,
                DateProblem::NoSuchDate | DateProblem::WeekdayMismatch { .. } => {
                    WhenProblem::NoSuchDate
                }
                _ => WhenProblem::Unreadable,
            },
        )?),
    };
    if let When::Once(at) = when {
        if at <= now {
            return Err(WhenProblem::InPast);
        }
        if at.signed_duration_since(now) > MAX_AHEAD {
            return Err(WhenProblem::TooFar);
        }
    }
    Ok(when)
}

fn weekday_named(word: &str) -> Option<Weekday> {
    let names: [(&[&str], Weekday); 7] = [
        (&["lundi", "lundis", "monday", "mondays"], Weekday::Mon),
        (&["mardi", "mardis", "tuesday", "tuesdays"], Weekday::Tue),
        (
            &["mercredi", "mercredis", "wednesday", "wednesdays"],
            Weekday::Wed,
        ),
        (&["jeudi", "jeudis", "thursday", "thursdays"], Weekday::Thu),
        (
            &["vendredi", "vendredis", "friday", "fridays"],
            Weekday::Fri,
        ),
        (
            &["samedi", "samedis", "saturday", "saturdays"],
            Weekday::Sat,
        ),
        (
            &["dimanche", "dimanches", "sunday", "sundays"],
            Weekday::Sun,
        ),
    ];
    names
        .iter()
        .find(|(spellings, _)| spellings.contains(&word))
        .map(|(_, weekday)| *weekday)
}

/// `2 heures`, `10 minutes`, `3 jours`, `1 week`, `30 s`…
fn duration(amount: &str, unit: &str) -> Result<Duration, WhenProblem> {
    let amount: i64 = amount.parse().map_err(|_| {
        // A number past what a computer counts is still a number: too far, not unreadable.
        if !amount.is_empty() && amount.bytes().all(|b| b.is_ascii_digit()) {
            WhenProblem::TooFar
        } else {
            WhenProblem::Unreadable
        }
    })?;
    if amount <= 0 {
        return Err(WhenProblem::InPast);
    }
    let unit = unit.trim_end_matches('s');
    let one = match unit {
        "seconde" | "second" | "sec" | "" => Duration::seconds(1),
        "minute" | "min" | "mn" => Duration::minutes(1),
        "heure" | "hour" | "h" => Duration::hours(1),
        "jour" | "day" | "j" | "d" => Duration::days(1),
        "semaine" | "week" => Duration::weeks(1),
        "an" | "année" | "annee" | "year" => Duration::days(365),
        _ => return Err(WhenProblem::Unreadable),
    };
    one.checked_mul(i32::try_from(amount).map_err(|_| WhenProblem::TooFar)?)
        .ok_or(WhenProblem::TooFar)
}

/// Splits `!remind <when> <text>`: the longest run of leading words that reads as a time
/// (at most six), the rest as the text (a `:` after the time is dropped).
pub fn split_reminder(
    typed: &str,
    now: DateTime<Utc>,
    time_zone: Tz,
) -> Result<(When, String), WhenProblem> {
    let words: Vec<&str> = typed.split_whitespace().collect();
    let mut first_problem = None;
    for count in (1..=words.len().min(6)).rev() {
        let when_text = words[..count].join(" ");
        let when_text = when_text.trim_end_matches(':');
        match parse_when(when_text, now, time_zone) {
            Ok(when) => {
                let text = words[count..].join(" ");
                let text = text.trim_start_matches(':').trim().to_owned();
                return Ok((when, text));
            }
            // The most telling problem is that of the longest reading: "31/11 9h" is no
            // such day, not unreadable.
            Err(problem) if problem != WhenProblem::Unreadable && first_problem.is_none() => {
                first_problem = Some(problem);
            }
            Err(_) => {}
        }
    }
    Err(first_problem.unwrap_or(WhenProblem::Unreadable))
}

/// Reads meeting reminder offsets: `7j 1j 2h`, `7d 1d 2h`, `30min`; `aucun` / `none` for
/// none. `None` when one of them is unreadable.
pub fn parse_offsets(words: &[&str]) -> Option<Vec<Duration>> {
    if let [only] = words
        && matches!(
            only.to_lowercase().as_str(),
            "aucun" | "aucuns" | "none" | "non"
        )
    {
        return Some(Vec::new());
    }
    let mut offsets = Vec::with_capacity(words.len());
    for word in words {
        let word = word.to_lowercase();
        let split = word.find(|c: char| !c.is_ascii_digit())?;
        let (amount, unit) = word.split_at(split);
        let offset = duration(amount, unit).ok()?;
        if offset > Duration::days(60) {
            return None;
        }
        offsets.push(offset);
    }
    if offsets.is_empty() {
        return None;
    }
    offsets.sort();
    offsets.dedup();
    offsets.reverse();
    Some(offsets)
}

/// How offsets are stored: minutes, comma-separated (`10080,1440,120`; empty for none).
pub fn offsets_code(offsets: &[Duration]) -> String {
    offsets
        .iter()
        .map(|offset| offset.num_minutes().to_string())
        .collect::<Vec<_>>()
        .join(",")
}

pub fn offsets_from_code(code: &str) -> Vec<Duration> {
    code.split(',')
        .filter_map(|minutes| minutes.trim().parse::<i64>().ok())
        .filter_map(Duration::try_minutes)
        .collect()
}

/// When a meeting reminder `offset` before `starts_at` falls due: `None` when that moment had
/// already passed when the meeting was scheduled (a meeting set for tomorrow gets no "in 7
/// days" message).
pub fn meeting_reminder_due(
    starts_at: DateTime<Utc>,
    offset: Duration,
    scheduled_at: DateTime<Utc>,
) -> Option<DateTime<Utc>> {
    let due = starts_at.checked_sub_signed(offset)?;
    (due > scheduled_at).then_some(due)
}

/// When a poll with a deadline gets its one nudge: 24 hours before the deadline, or halfway
/// when it runs for less than two days.
pub fn poll_nudge_due(opened_at: DateTime<Utc>, closes_at: DateTime<Utc>) -> DateTime<Utc> {
    let length = closes_at.signed_duration_since(opened_at);
    let due = if length > Duration::hours(48) {
        closes_at.checked_sub_signed(Duration::hours(24))
    } else {
        opened_at.checked_add_signed(length / 2)
    };
    due.unwrap_or(closes_at)
}

/// When a training session on `day` is reminded to those signed up: at 9:00 local time the
/// day before.
pub fn training_reminder_due(day: NaiveDate, time_zone: Tz) -> Option<DateTime<Utc>> {
    let nine = NaiveTime::from_hms_opt(ACTION_REMINDER_HOUR, 0, 0).unwrap_or(NaiveTime::MIN);
    day.checked_sub_days(Days::new(1))
        .and_then(|eve| local_moment(eve, nine, time_zone))
}

/// An action's two reminders, at 9:00 local time: two days before its due day, and on the
/// day itself.
pub fn action_reminders_due(due_on: NaiveDate, time_zone: Tz) -> [Option<DateTime<Utc>>; 2] {
    let nine = NaiveTime::from_hms_opt(ACTION_REMINDER_HOUR, 0, 0).unwrap_or(NaiveTime::MIN);
    [
        due_on
            .checked_sub_days(Days::new(2))
            .and_then(|day| local_moment(day, nine, time_zone)),
        local_moment(due_on, nine, time_zone),
    ]
}

#[cfg(test)]
mod tests;
