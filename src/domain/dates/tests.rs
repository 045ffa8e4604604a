//! The tests of [`super`].
use super::*;
use crate::testing::at;
use chrono_tz::Europe::Paris;

/// Sunday 29 November 2026, 19:00 in Paris.
fn now() -> DateTime<Utc> {
    at("2026-11-29T18:00:00Z")
}

fn read(text: &str) -> Result<DateTime<Utc>, DateProblem> {
    parse_meeting_date(text, now(), Paris)
}

#[test]
fn every_documented_form_reads_as_the_same_paris_time() {
    // 10 December 2026, 14:00 in Paris (winter, UTC+1) is 13:00 UTC; it is a Thursday.
    let expected = Ok(at("2026-12-10T13:00:00Z"));
    for text in [
        "2026-12-10 14:00",
        "10/12/2026 14h",
        "10/12/26 14h00",
        "10/12 14h",
        "jeudi 10/12 14h",
        "Jeudi 10/12 à 14 h",
        "le jeudi 10 décembre à 14h",
        "10 décembre 2026 14:00",
        "Thursday 10 December 2pm",
        "thursday, 10/12 at 2 pm",
        "jeudi 14h",
        "jeudi 10/12 14h",
    ] {
        // "jeudi 14h" is the next Thursday: 3 December; the others are 10 December.
        if text == "jeudi 14h" {
            assert_eq!(read(text), Ok(at("2026-12-03T13:00:00Z")), "{text}");
        } else {
            assert_eq!(read(text), expected, "{text}");
        }
    }
}

#[test]
fn minutes_are_read_in_every_notation() {
    let expected = Ok(at("2026-12-10T13:30:00Z"));
    for text in [
        "10/12 14h30",
        "10/12 14 h 30",
        "10/12 14:30",
        "10/12 2:30pm",
    ] {
        assert_eq!(read(text), expected, "{text}");
    }
}

#[test]
fn a_weekday_alone_is_the_next_one() {
    // From Sunday 29 November: Tuesday is 1 December; 18h in Paris is 17:00 UTC.
    assert_eq!(read("mardi 18h"), Ok(at("2026-12-01T17:00:00Z")));
    // Sunday itself, later today, is today.
    assert_eq!(read("dimanche 21h"), Ok(at("2026-11-29T20:00:00Z")));
    // Sunday, earlier today, is next week.
    assert_eq!(read("dimanche 9h"), Ok(at("2026-12-06T08:00:00Z")));
}

#[test]
fn a_day_without_a_year_is_the_next_such_day() {
    // 15 March has passed this year: it means 15 March 2027 (summer time not yet).
    assert_eq!(read("15/03 10h"), Ok(at("2027-03-15T09:00:00Z")));
}

#[test]
fn summer_time_is_applied_to_summer_dates() {
    // 10 June 2027, 14:00 in Paris (UTC+2) is 12:00 UTC.
    assert_eq!(read("10/06/2027 14h"), Ok(at("2027-06-10T12:00:00Z")));
    // The night clocks go forward, 2:30 does not exist in Paris.
    assert_eq!(
        read("28/03/2027 2h30"),
        Err(DateProblem::SkippedByClockChange)
    );
    // The night they go back, 2:30 happens twice: the first one is taken (UTC+2).
    assert_eq!(read("31/10/2027 2h30"), Ok(at("2027-10-31T00:30:00Z")));
}

#[test]
fn a_wrong_weekday_is_named() {
    assert_eq!(
        read("mardi 10/12 14h"),
        Err(DateProblem::WeekdayMismatch {
            written: Weekday::Tue,
            actual: Weekday::Thu
        })
    );
}

#[test]
fn past_dates_are_refused() {
    assert_eq!(read("2026-11-20 14:00"), Err(DateProblem::InPast));
    assert_eq!(read("29/11/2026 18h"), Err(DateProblem::InPast));
}

#[test]
fn impossible_or_incomplete_dates_are_refused_with_the_reason() {
    assert_eq!(read("31/02/2027 14h"), Err(DateProblem::NoSuchDate));
    assert_eq!(read("10/12/2026"), Err(DateProblem::MissingTime));
    assert_eq!(read("14h"), Err(DateProblem::MissingDate));
    assert_eq!(read("bientôt"), Err(DateProblem::Unreadable));
    assert_eq!(read("10/12 25h"), Err(DateProblem::Unreadable));
    assert_eq!(read("10/12 14h 15h"), Err(DateProblem::Unreadable));
    assert_eq!(read(""), Err(DateProblem::Unreadable));
}

#[test]
fn the_machine_time_zone_does_not_matter() {
    // The same text read for a room in another zone gives another instant.
    let montreal = parse_meeting_date("10/12/2026 14h", now(), chrono_tz::America::Montreal);
    assert_eq!(montreal, Ok(at("2026-12-10T19:00:00Z")));
}

#[test]
fn a_day_without_a_time_is_looked_for_forward_or_back() {
    // Monday 30 November 2026.
    let today = NaiveDate::from_ymd_opt(2026, 11, 30).expect("date");
    let day = |y, m, d| NaiveDate::from_ymd_opt(y, m, d).expect("date");
    assert_eq!(
        parse_day("15/12", today, Towards::Future),
        Ok(day(2026, 12, 15))
    );
    assert_eq!(
        parse_day("10/11", today, Towards::Future),
        Ok(day(2027, 11, 10))
    );
    assert_eq!(
        parse_day("10/11", today, Towards::Past),
        Ok(day(2026, 11, 10))
    );
    assert_eq!(
        parse_day("15/12", today, Towards::Past),
        Ok(day(2025, 12, 15))
    );
    assert_eq!(
        parse_day("30/11", today, Towards::Past),
        Ok(day(2026, 11, 30))
    );
    assert_eq!(
        parse_day("2026-12-10", today, Towards::Past),
        Ok(day(2026, 12, 10))
    );
    assert_eq!(
        parse_day("10 décembre", today, Towards::Future),
        Ok(day(2026, 12, 10))
    );
    assert_eq!(
        parse_day("mercredi", today, Towards::Future),
        Ok(day(2026, 12, 2))
    );
    assert_eq!(
        parse_day("lundi", today, Towards::Past),
        Ok(day(2026, 11, 30))
    );
    assert_eq!(
        parse_day("jeudi 10/12", today, Towards::Future),
        Ok(day(2026, 12, 10))
    );
    assert!(matches!(
        parse_day("mardi 10/12", today, Towards::Future),
        Err(DateProblem::WeekdayMismatch { .. })
    ));
    assert_eq!(
        parse_day("31/02", today, Towards::Future),
        Err(DateProblem::NoSuchDate)
    );
    assert_eq!(
        parse_day("demain", today, Towards::Future),
        Err(DateProblem::Unreadable)
    );
    assert_eq!(
        parse_day("29/02", today, Towards::Future),
        Ok(day(2028, 2, 29))
    );
}
