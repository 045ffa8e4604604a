//! The group's meeting rhythm (quarterly, every two months, monthly, or none) and what it
//! proposes: when the next meeting is due, when to propose its dates, and which four dates —
//! the weekday and hour of the last meeting, in the weeks around the due day, never on a
//! public holiday. Pure.

use chrono::{DateTime, Datelike, Days, Months, NaiveDate, NaiveDateTime, TimeZone, Utc};
use chrono_tz::Tz;

use super::holidays::is_public_holiday;

/// How often the group meets, when it says.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub enum Rhythm {
    Monthly,
    Bimonthly,
    Quarterly,
}

/// How many dates the rhythm proposes.
pub const RHYTHM_OPTIONS: usize = 4;

impl Rhythm {
    pub const ALL: [Rhythm; 3] = [Rhythm::Quarterly, Rhythm::Bimonthly, Rhythm::Monthly];

    /// The months between two meetings.
    pub fn months(self) -> u32 {
        match self {
            Rhythm::Monthly => 1,
            Rhythm::Bimonthly => 2,
            Rhythm::Quarterly => 3,
        }
    }

    /// How it is stored.
    pub fn code(self) -> &'static str {
        match self {
            Rhythm::Monthly => "monthly",
            Rhythm::Bimonthly => "bimonthly",
            Rhythm::Quarterly => "quarterly",
        }
    }

    pub fn from_code(code: &str) -> Option<Self> {
        Rhythm::ALL.into_iter().find(|rhythm| rhythm.code() == code)
    }
}

/// The day the next meeting is due: the last one's day plus the rhythm's months (the month's
/// last day when it is shorter: 30 November + 3 months = 28 February).
pub fn due_day(last: NaiveDate, rhythm: Rhythm) -> NaiveDate {
    last.checked_add_months(Months::new(rhythm.months()))
        .unwrap_or(last)
}

/// When the rhythm proposes dates: `lead_days` before the due day, at the hour of the last
/// meeting (local time).
pub fn propose_at(
    last: DateTime<Utc>,
    rhythm: Rhythm,
    lead_days: u32,
    time_zone: Tz,
) -> DateTime<Utc> {
    let local = last.with_timezone(&time_zone);
    let due = due_day(local.date_naive(), rhythm);
    let day = due
        .checked_sub_days(Days::new(u64::from(lead_days)))
        .unwrap_or(due);
    local_moment(day.and_time(local.time()), time_zone).unwrap_or(last)
}

/// The four dates to propose: the last meeting's weekday and hour, in the week of the due day
/// (the nearest such weekday), the week before and the two after; a week whose day is a public
/// holiday, or not after `not_before`, gives way to the next week out. In order.
pub fn rhythm_dates(
    last: DateTime<Utc>,
    rhythm: Rhythm,
    not_before: DateTime<Utc>,
    time_zone: Tz,
) -> Vec<DateTime<Utc>> {
    let local = last.with_timezone(&time_zone);
    let due = due_day(local.date_naive(), rhythm);
    let weekday = local.weekday().num_days_from_monday() as i64;
    let due_weekday = due.weekday().num_days_from_monday() as i64;
    // The nearest day with the last meeting's weekday: -3 to +3 days from the due day.
    let shift = (weekday - due_weekday + 10).rem_euclid(7) - 3;
    let Some(anchor) = due.checked_add_signed(chrono::Duration::days(shift)) else {
        return Vec::new();
    };
    // The week before, the due week, the two after, then further out as needed.
    let weeks = [-1i64, 0, 1, 2, 3, -2, 4, 5, 6, 7];
    let mut dates: Vec<DateTime<Utc>> = weeks
        .iter()
        .filter_map(|week| anchor.checked_add_signed(chrono::Duration::weeks(*week)))
        .filter(|day| !is_public_holiday(*day))
        .filter_map(|day| local_moment(day.and_time(local.time()), time_zone))
        .filter(|at| *at > not_before)
        .take(RHYTHM_OPTIONS)
        .collect();
    dates.sort();
    dates
}

/// A local wall-clock time as a moment (the later of two at a clock change, the hour after a
/// skipped one).
fn local_moment(local: NaiveDateTime, time_zone: Tz) -> Option<DateTime<Utc>> {
    match time_zone.from_local_datetime(&local) {
        chrono::LocalResult::Single(at) => Some(at.with_timezone(&Utc)),
        chrono::LocalResult::Ambiguous(_, later) => Some(later.with_timezone(&Utc)),
        chrono::LocalResult::None => {
            let later = local.checked_add_signed(chrono::Duration::hours(1))?;
            time_zone
                .from_local_datetime(&later)
                .earliest()
                .map(|at| at.with_timezone(&Utc))
        }
    }
}

#[cfg(test)]
mod tests {
    use super::*;
    use crate::testing::at;
    use chrono_tz::Europe::Paris;

    fn local(moment: DateTime<Utc>) -> String {
        moment
            .with_timezone(&Paris)
            .format("%a %Y-%m-%d %H:%M")
            .to_string()
    }

    #[test]
    fn the_next_meeting_is_due_a_period_after_the_last() {
        let day = |text| NaiveDate::parse_from_str(text, "%Y-%m-%d").expect("date");
        assert_eq!(
            due_day(day("2026-12-10"), Rhythm::Quarterly),
            day("2027-03-10")
        );
        assert_eq!(
            due_day(day("2026-11-30"), Rhythm::Quarterly),
            day("2027-02-28")
        );
        assert_eq!(
            due_day(day("2026-12-10"), Rhythm::Bimonthly),
            day("2027-02-10")
        );
        assert_eq!(
            due_day(day("2026-12-31"), Rhythm::Monthly),
            day("2027-01-31")
        );
    }

    #[test]
    fn dates_are_proposed_three_weeks_before_at_the_last_meetings_hour() {
        // Thursday 10 December 2026, 14 h in Paris.
        let last = at("2026-12-10T13:00:00Z");
        assert_eq!(
            local(propose_at(last, Rhythm::Quarterly, 21, Paris)),
            "Wed 2027-02-17 14:00"
        );
    }

    #[test]
    fn four_dates_on_the_last_meetings_weekday_and_hour_around_the_due_day() {
        let last = at("2026-12-10T13:00:00Z");
        let now = at("2027-02-17T13:00:00Z");
        let dates: Vec<String> = rhythm_dates(last, Rhythm::Quarterly, now, Paris)
            .into_iter()
            .map(local)
            .collect();
        // Due Wednesday 10 March: the nearest Thursday is the 11th.
        assert_eq!(
            dates,
            vec![
                "Thu 2027-03-04 14:00",
                "Thu 2027-03-11 14:00",
                "Thu 2027-03-18 14:00",
                "Thu 2027-03-25 14:00",
            ]
        );
    }

    #[test]
    fn a_public_holiday_is_never_proposed() {
        // Thursday 11 February 2027: due Tuesday 11 May; Ascension is Thursday 6 May 2027.
        let last = at("2027-02-11T13:00:00Z");
        let now = at("2027-04-20T12:00:00Z");
        let dates = rhythm_dates(last, Rhythm::Quarterly, now, Paris);
        assert_eq!(dates.len(), RHYTHM_OPTIONS);
        for date in &dates {
            let day = date.with_timezone(&Paris).date_naive();
            assert!(!is_public_holiday(day), "{}", local(*date));
            assert_eq!(day.weekday(), chrono::Weekday::Thu);
        }
        let shown: Vec<String> = dates.into_iter().map(local).collect();
        assert_eq!(
            shown,
            vec![
                "Thu 2027-05-13 14:00",
                "Thu 2027-05-20 14:00",
                "Thu 2027-05-27 14:00",
                "Thu 2027-06-03 14:00",
            ]
        );
    }

    #[test]
    fn a_late_proposal_offers_no_date_already_past() {
        let last = at("2026-12-10T13:00:00Z");
        // The bot comes back on 12 March, after the due day.
        let now = at("2027-03-12T08:00:00Z");
        let dates = rhythm_dates(last, Rhythm::Quarterly, now, Paris);
        assert_eq!(dates.len(), RHYTHM_OPTIONS);
        assert!(dates.iter().all(|date| *date > now));
    }
}
