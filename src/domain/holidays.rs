//! France's public holidays (jours fériés): the eight fixed ones and the three that follow
//! Easter (Easter Monday, Ascension, Whit Monday), computed. A date proposed on one is accepted
//! but marked; the meeting rhythm never proposes one. (Alsace-Moselle's two extra days are not
//! counted: the group meets elsewhere.)

use chrono::{Datelike, Days, NaiveDate};

/// Easter Sunday of `year` (Gregorian calendar), by the anonymous Gregorian algorithm
/// (Meeus/Jones/Butcher).
pub fn easter(year: i32) -> Option<NaiveDate> {
    let a = year % 19;
    let b = year / 100;
    let c = year % 100;
    let d = b / 4;
    let e = b % 4;
    let f = (b + 8) / 25;
    let g = (b - f + 1) / 3;
    let h = (19 * a + b - d - g + 15) % 30;
    let i = c / 4;
    let k = c % 4;
    let l = (32 + 2 * e + 2 * i - h - k) % 7;
    let m = (a + 11 * h + 22 * l) / 451;
    let month = (h + l - 7 * m + 114) / 31;
    let day = (h + l - 7 * m + 114) % 31 + 1;
    NaiveDate::from_ymd_opt(year, u32::try_from(month).ok()?, u32::try_from(day).ok()?)
}

/// Whether `day` is a public holiday in France.
pub fn is_public_holiday(day: NaiveDate) -> bool {
    const FIXED: [(u32, u32); 8] = [
        (1, 1),   // Jour de l'an
        (5, 1),   // Fête du Travail
        (5, 8),   // Victoire 1945
        (7, 14),  // Fête nationale
        (8, 15),  // Assomption
        (11, 1),  // Toussaint
        (11, 11), // Armistice
        (12, 25), // Noël
    ];
    if FIXED.contains(&(day.month(), day.day())) {
        return true;
    }
    let Some(easter) = easter(day.year()) else {
        return false;
    };
    // Easter Monday, Ascension Thursday, Whit Monday.
    [1, 39, 50]
        .iter()
        .filter_map(|offset| easter.checked_add_days(Days::new(*offset)))
        .any(|holiday| holiday == day)
}

#[cfg(test)]
mod tests {
    use super::*;

    fn day(text: &str) -> NaiveDate {
        NaiveDate::parse_from_str(text, "%Y-%m-%d").expect("date")
    }

    #[test]
    fn easter_falls_where_the_calendar_says() {
        for (year, sunday) in [
            (2024, "2024-03-31"),
            (2025, "2025-04-20"),
            (2026, "2026-04-05"),
            (2027, "2027-03-28"),
            (2038, "2038-04-25"),
            (2285, "2285-03-22"),
        ] {
            assert_eq!(easter(year), Some(day(sunday)), "{year}");
        }
    }

    #[test]
    fn the_eleven_holidays_of_2027_and_no_other_day() {
        let holidays = [
            "2027-01-01",
            "2027-03-29", // Easter Monday
            "2027-05-01",
            "2027-05-06", // Ascension
            "2027-05-08",
            "2027-05-17", // Whit Monday
            "2027-07-14",
            "2027-08-15",
            "2027-11-01",
            "2027-11-11",
            "2027-12-25",
        ];
        let mut found = Vec::new();
        let mut current = day("2027-01-01");
        while current.year() == 2027 {
            if is_public_holiday(current) {
                found.push(current.format("%Y-%m-%d").to_string());
            }
            current = current.succ_opt().expect("next day");
        }
        assert_eq!(found, holidays);
        assert!(
            !is_public_holiday(day("2026-04-05")),
            "Easter Sunday is a Sunday"
        );
        assert!(is_public_holiday(day("2026-05-14")), "Ascension 2026");
    }
}
