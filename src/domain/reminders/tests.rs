//! The tests of [`super`].
use super::*;
use crate::testing::at;
use chrono_tz::Europe::Paris;

// Monday 30 November 2026, 10:00 in Paris.
const NOW: &str = "2026-11-30T09:00:00Z";

fn when(text: &str) -> Result<When, WhenProblem> {
    parse_when(text, at(NOW), Paris)
}

#[test]
fn a_million_years_is_too_far_not_a_crash() {
    assert_eq!(when("dans 1000000 ans"), Err(WhenProblem::TooFar));
    assert_eq!(when("in 99999999 years"), Err(WhenProblem::TooFar));
    assert_eq!(when("dans 2147483647 semaines"), Err(WhenProblem::TooFar));
    assert_eq!(
        when("dans 100000000000000000000 secondes"),
        Err(WhenProblem::TooFar)
    );
    assert_eq!(
        split_reminder("dans 1000000 ans Vérifier les statuts", at(NOW), Paris),
        Err(WhenProblem::TooFar)
    );
    // At the edge of chrono's range, nothing is added past it.
    let last = DateTime::<Utc>::MAX_UTC;
    assert_eq!(
        parse_when("dans 1 an", last, Paris),
        Err(WhenProblem::TooFar)
    );
    assert_eq!(
        parse_when("in 1 second", last, Paris),
        Err(WhenProblem::TooFar)
    );
    assert_eq!(
        meeting_reminder_due(DateTime::<Utc>::MIN_UTC, Duration::days(7), at(NOW)),
        None
    );
    assert_eq!(
        offsets_from_code("9223372036854775807,60"),
        vec![Duration::minutes(60)]
    );
}

#[test]
fn every_form_reads_in_french_and_english() {
    assert_eq!(
        when("dans 2 heures"),
        Ok(When::Once(at("2026-11-30T11:00:00Z")))
    );
    assert_eq!(
        when("in 2 hours"),
        Ok(When::Once(at("2026-11-30T11:00:00Z")))
    );
    assert_eq!(
        when("dans 10 minutes"),
        Ok(When::Once(at("2026-11-30T09:10:00Z")))
    );
    assert_eq!(
        when("in 5 seconds"),
        Ok(When::Once(at("2026-11-30T09:00:05Z")))
    );
    assert_eq!(
        when("dans 3 jours"),
        Ok(When::Once(at("2026-12-03T09:00:00Z")))
    );
    assert_eq!(
        when("demain 9h"),
        Ok(When::Once(at("2026-12-01T08:00:00Z")))
    );
    assert_eq!(
        when("tomorrow 9am"),
        Ok(When::Once(at("2026-12-01T08:00:00Z")))
    );
    assert_eq!(
        when("aujourd'hui 18h30"),
        Ok(When::Once(at("2026-11-30T17:30:00Z")))
    );
    assert_eq!(
        when("today 6pm"),
        Ok(When::Once(at("2026-11-30T17:00:00Z")))
    );
    assert_eq!(
        when("lundi 18h"),
        Ok(When::Once(at("2026-11-30T17:00:00Z")))
    );
    assert_eq!(
        when("le 12/12 à 14h"),
        Ok(When::Once(at("2026-12-12T13:00:00Z")))
    );
    assert_eq!(
        when("12/12 14h"),
        Ok(When::Once(at("2026-12-12T13:00:00Z")))
    );
    assert_eq!(
        when("2026-12-12 14:00"),
        Ok(When::Once(at("2026-12-12T13:00:00Z")))
    );
    let monday_nine = Recurrence {
        weekday: Some(Weekday::Mon),
        time: NaiveTime::from_hms_opt(9, 0, 0).expect("time"),
    };
    assert_eq!(when("chaque lundi 9h"), Ok(When::Every(monday_nine)));
    assert_eq!(when("every Monday 9am"), Ok(When::Every(monday_nine)));
    assert_eq!(when("tous les lundis à 9h"), Ok(When::Every(monday_nine)));
    assert!(matches!(
        when("every day 8am"),
        Ok(When::Every(Recurrence { weekday: None, .. }))
    ));
}

#[test]
fn past_impossible_unreadable_and_far_times_are_refused() {
    assert_eq!(when("aujourd'hui 8h"), Err(WhenProblem::InPast));
    assert_eq!(when("hier 9h"), Err(WhenProblem::InPast));
    assert_eq!(when("yesterday 9am"), Err(WhenProblem::InPast));
    assert_eq!(when("avant-hier 18h"), Err(WhenProblem::InPast));
    assert_eq!(when("1/11/2026 9h"), Err(WhenProblem::InPast));
    assert_eq!(when("31/11 9h"), Err(WhenProblem::NoSuchDate));
    assert_eq!(when("bientôt"), Err(WhenProblem::Unreadable));
    assert_eq!(when("dans 3 ans"), Err(WhenProblem::TooFar));
    assert_eq!(when("dans 3 lunes"), Err(WhenProblem::Unreadable));
    assert_eq!(when("12/12/2029 9h"), Err(WhenProblem::TooFar));
    assert_eq!(when("dans 1000 semaines"), Err(WhenProblem::TooFar));
}

#[test]
fn the_time_and_the_text_are_told_apart() {
    let (when, text) =
        split_reminder("demain 9h Appeler la mairie", at(NOW), Paris).expect("reminder");
    assert_eq!(when, When::Once(at("2026-12-01T08:00:00Z")));
    assert_eq!(text, "Appeler la mairie");
    let (_, text) =
        split_reminder("le 12/12 à 14h : envoyer la lettre", at(NOW), Paris).expect("reminder");
    assert_eq!(text, "envoyer la lettre");
    let (when, text) =
        split_reminder("every Monday 9am send the agenda", at(NOW), Paris).expect("reminder");
    assert!(matches!(when, When::Every(_)));
    assert_eq!(text, "send the agenda");
    assert_eq!(
        split_reminder("31/11 9h réunion", at(NOW), Paris),
        Err(WhenProblem::NoSuchDate)
    );
    assert_eq!(
        split_reminder("un jour peut-être", at(NOW), Paris),
        Err(WhenProblem::Unreadable)
    );
}

#[test]
fn a_weekly_reminder_keeps_its_local_time_across_both_changes_of_hour() {
    let monday_nine = Recurrence {
        weekday: Some(Weekday::Mon),
        time: NaiveTime::from_hms_opt(9, 0, 0).expect("time"),
    };
    // Spring: Sunday 28 March 2027 the clocks go forward; 9:00 is 8:00 UTC before, 7:00 after.
    assert_eq!(
        monday_nine.next_after(at("2027-03-22T08:00:00Z"), Paris),
        at("2027-03-29T07:00:00Z")
    );
    assert_eq!(
        monday_nine.next_after(at("2027-03-15T08:30:00Z"), Paris),
        at("2027-03-22T08:00:00Z")
    );
    // Autumn: Sunday 31 October 2027 they go back; 9:00 is 7:00 UTC before, 8:00 after.
    assert_eq!(
        monday_nine.next_after(at("2027-10-25T07:00:00Z"), Paris),
        at("2027-11-01T08:00:00Z")
    );
    // A daily 2:30 does not exist on 28 March 2027: that day it comes at 3:30.
    let daily = Recurrence {
        weekday: None,
        time: NaiveTime::from_hms_opt(2, 30, 0).expect("time"),
    };
    assert_eq!(
        daily.next_after(at("2027-03-27T02:00:00Z"), Paris),
        at("2027-03-28T01:30:00Z")
    );
    assert_eq!(
        daily.next_after(at("2027-03-28T01:30:00Z"), Paris),
        at("2027-03-29T00:30:00Z")
    );
    assert_eq!(
        Recurrence::from_code(&monday_nine.code()),
        Some(monday_nine)
    );
    assert_eq!(Recurrence::from_code(&daily.code()), Some(daily));
}

#[test]
fn meeting_offsets_read_and_skip_what_was_already_past() {
    assert_eq!(
        parse_offsets(&["7j", "1j", "2h"]),
        Some(DEFAULT_MEETING_OFFSETS.to_vec())
    );
    assert_eq!(
        parse_offsets(&["2h", "7d", "1d"]),
        Some(DEFAULT_MEETING_OFFSETS.to_vec())
    );
    assert_eq!(parse_offsets(&["aucun"]), Some(Vec::new()));
    assert_eq!(parse_offsets(&["none"]), Some(Vec::new()));
    assert_eq!(parse_offsets(&["30min"]), Some(vec![Duration::minutes(30)]));
    assert_eq!(parse_offsets(&["7x"]), None);
    assert_eq!(parse_offsets(&[]), None);
    assert_eq!(
        offsets_from_code(&offsets_code(&DEFAULT_MEETING_OFFSETS)),
        DEFAULT_MEETING_OFFSETS.to_vec()
    );

    let starts = at("2026-12-10T13:00:00Z");
    // Scheduled the day before: the 7-day reminder is skipped, the 2-hour one is not.
    let scheduled = at("2026-12-09T10:00:00Z");
    assert_eq!(
        meeting_reminder_due(starts, Duration::days(7), scheduled),
        None
    );
    assert_eq!(
        meeting_reminder_due(starts, Duration::hours(2), scheduled),
        Some(at("2026-12-10T11:00:00Z"))
    );
}

#[test]
fn polls_are_nudged_a_day_before_or_halfway_and_actions_at_nine() {
    assert_eq!(
        poll_nudge_due(at("2026-12-01T10:00:00Z"), at("2026-12-10T17:00:00Z")),
        at("2026-12-09T17:00:00Z")
    );
    assert_eq!(
        poll_nudge_due(at("2026-12-01T10:00:00Z"), at("2026-12-02T10:00:00Z")),
        at("2026-12-01T22:00:00Z")
    );
    let due = NaiveDate::from_ymd_opt(2026, 12, 15).expect("date");
    assert_eq!(
        action_reminders_due(due, Paris),
        [
            Some(at("2026-12-13T08:00:00Z")),
            Some(at("2026-12-15T08:00:00Z"))
        ]
    );
}
